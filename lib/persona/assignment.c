/*
 * lib/persona/assignment.c - the linear assignment problem (spec §15.9):
 * the pairing of rows and columns of a cost matrix with the least total
 * cost, as scipy's linear_sum_assignment gives it.
 *
 * The method keeps dual potentials u (rows), v (columns) with every reduced
 * cost c_ij - u_i - v_j >= 0 and 0 on the pairs made. It starts from Jonker
 * & Volgenant's (1987) reductions (square: column reduction, reduction
 * transfer, two passes of augmenting row reduction; wide: row reduction),
 * then joins each row still free by the shortest augmenting path search in
 * the form Crouse (2016, "On implementing 2D rectangular assignment
 * algorithms", IEEE TAES 52(4)) gives for rectangular matrices, the one
 * scipy implements: a Dijkstra search over reduced costs for the cheapest
 * alternating path to a free column; the potentials are updated along the
 * search and the path is flipped. O(rows^2 x columns). A matrix with more
 * rows than columns is solved transposed. Ties resolve the same way every
 * time; among several optima the one returned may differ from scipy's.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "fsum.h"
#include "internal.h"
#include "persona_internal.h"

#define NONE SIZE_MAX

/* The work arrays of one solve (nr <= nc). */
struct lap {
	const double *c;    /* nr x nc, row-major */
	size_t nr, nc;
	double *u, *v, *shortest, *sh, *vv;
	size_t *path, *col4row, *row4col, *remaining, *pa;
	unsigned char *seen_row, *seen_col;
};

/* Dijkstra from row `start` to the nearest free column over reduced costs.
 * Returns the column reached (the sink) and its path length in *min_val;
 * NONE when no free column is reachable (cannot happen with finite costs).
 * The columns not reached yet are kept packed, with their distance, their
 * potential and their predecessor beside them (sh, vv, pa), so that the
 * scan reads those in order; a column's entries go to shortest[] and
 * path[] when it is reached. */
static size_t augment_path(struct lap *s, size_t start, double *min_val)
{
	size_t nc = s->nc, n_remaining = nc, i = start, sink = NONE, it;
	size_t *rem = s->remaining, *pa = s->pa;
	double *sh = s->sh, *vv = s->vv, min = 0.0;
	/* columns scanned from the last, as scipy does */
	for (it = 0; it < nc; it++) {
		rem[it] = nc - it - 1;
		sh[it] = INFINITY;
		vv[it] = s->v[nc - it - 1];
	}
	memset(s->seen_row, 0, s->nr);
	memset(s->seen_col, 0, nc);
	while (sink == NONE) {
		const double *row = s->c + i * nc;
		double lowest = INFINITY, h = min - s->u[i];
		size_t index = NONE, j;
		s->seen_row[i] = 1;
		for (it = 0; it < n_remaining; it++) {
			double r = h + row[rem[it]] - vv[it];
			if (r < sh[it]) {
				sh[it] = r;
				pa[it] = i;
			}
			/* the lowest; among equals one whose column is free */
			if (sh[it] < lowest || (sh[it] == lowest && s->row4col[rem[it]] == NONE)) {
				lowest = sh[it];
				index = it;
			}
		}
		min = lowest;
		if (index == NONE || min == INFINITY)
			return NONE;
		j = rem[index];
		s->shortest[j] = sh[index];
		s->path[j] = pa[index];
		s->seen_col[j] = 1;
		if (s->row4col[j] == NONE)
			sink = j;
		else
			i = s->row4col[j];
		n_remaining--;
		rem[index] = rem[n_remaining];
		sh[index] = sh[n_remaining];
		vv[index] = vv[n_remaining];
		pa[index] = pa[n_remaining];
	}
	*min_val = min;
	return sink;
}

/* A square matrix starts from Jonker & Volgenant's column reduction: v_j =
 * the least cost of column j, u = 0 (so every reduced cost is >= 0), and
 * column j goes to the row of its least cost (the first such row) when that
 * row has no column yet (columns taken in order). Complementary slackness
 * holds for these pairs, so the search below only has the remaining rows to
 * join. (Not for rectangular matrices: the potentials of the columns left
 * over must stay <= 0 there, as they do from v = 0.) */
static void column_reduction(struct lap *s, size_t *arg)
{
	size_t i, j, n = s->nc;
	for (j = 0; j < n; j++) {
		s->v[j] = s->c[j];
		arg[j] = 0;
	}
	for (i = 1; i < s->nr; i++) {
		const double *row = s->c + i * n;
		for (j = 0; j < n; j++)
			if (row[j] < s->v[j]) {
				s->v[j] = row[j];
				arg[j] = i;
			}
	}
	for (j = 0; j < n; j++)
		if (s->col4row[arg[j]] == NONE) {
			s->col4row[arg[j]] = j;
			s->row4col[j] = arg[j];
		}
	/* reduction transfer: an assigned row i (column j1) takes u_i = the least
	 * reduced cost over its other columns, and v_j1 gives it up, so that
	 * c_ij - u_i - v_j >= 0 stays and is 0 at j1 */
	for (i = 0; i < s->nr; i++) {
		const double *row = s->c + i * n;
		size_t j1 = s->col4row[i];
		double mu = INFINITY;
		if (j1 == NONE || n < 2)
			continue;
		for (j = 0; j < n; j++)
			if (j != j1 && row[j] - s->v[j] < mu)
				mu = row[j] - s->v[j];
		s->u[i] = mu;
		s->v[j1] = row[j1] - mu;
	}
}

/* A matrix with fewer rows than columns starts from the row reduction: u_i =
 * the least cost of row i, v = 0, and row i takes the column of its least
 * cost (the first such) when no earlier row took it. Reduced costs are >= 0,
 * 0 on the pairs, and the columns' potentials stay 0 (<= 0, as the
 * rectangular problem needs for the columns left over). */
static void row_reduction(struct lap *s)
{
	size_t i, j, n = s->nc;
	for (i = 0; i < s->nr; i++) {
		const double *row = s->c + i * n;
		size_t best = 0;
		for (j = 1; j < n; j++)
			if (row[j] < row[best])
				best = j;
		s->u[i] = row[best];
		if (s->row4col[best] == NONE) {
			s->row4col[best] = i;
			s->col4row[i] = best;
		}
	}
}

/* Jonker & Volgenant's augmenting row reduction (square matrices), twice:
 * each free row i takes the column j1 of its least reduced cost u1 = c_ij1 -
 * v_j1; when the second least u2 is larger, v_j1 drops by u2 - u1 (so the
 * row's potential is u2 and every reduced cost stays >= 0) and the row that
 * held j1, if any, is freed and tried next; on a tie the row takes the
 * second column when the first is held, and the row it frees waits for the
 * next pass. Potentials only go down, so the searches below start from
 * feasible ones with 0 reduced cost on every pair. A pass stops after n x 8
 * steps (the reductions can shrink by tiny amounts for a long time). */
static void augmenting_row_reduction(struct lap *s, size_t *list, size_t *next)
{
	size_t n = s->nc, n_free = 0, i, pass;
	for (i = 0; i < s->nr; i++)
		if (s->col4row[i] == NONE)
			list[n_free++] = i;
	for (pass = 0; pass < 2 && n_free > 0; pass++) {
		size_t k = 0, n_next = 0, steps = 0;
		while (k < n_free) {
			const double *row;
			double u1 = INFINITY, u2 = INFINITY;
			size_t j, j1 = NONE, j2 = NONE, i0;
			if (++steps > 8 * n) { /* keep the rest for the searches */
				while (k < n_free)
					next[n_next++] = list[k++];
				break;
			}
			i = list[k++];
			row = s->c + i * n;
			for (j = 0; j < n; j++) {
				double h = row[j] - s->v[j];
				if (h < u2) {
					if (h >= u1) {
						u2 = h;
						j2 = j;
					} else {
						u2 = u1;
						j2 = j1;
						u1 = h;
						j1 = j;
					}
				}
			}
			i0 = s->row4col[j1];
			if (u1 < u2) {
				s->v[j1] -= u2 - u1;
				s->u[i] = u2;
			} else {
				s->u[i] = u1;
				if (i0 != NONE && j2 != NONE) {
					j1 = j2;
					i0 = s->row4col[j2];
				}
			}
			if (i0 != NONE)
				s->col4row[i0] = NONE;
			s->col4row[i] = j1;
			s->row4col[j1] = i;
			if (i0 != NONE) {
				if (u1 < u2)
					list[--k] = i0; /* at once */
				else
					next[n_next++] = i0;
			}
		}
		memcpy(list, next, n_next * sizeof *list);
		n_free = n_next;
	}
}

static int solve(struct lap *s)
{
	size_t cur, i, j;
	if (s->nr == s->nc) {
		column_reduction(s, s->path); /* path, remaining and pa are free until the first search */
		augmenting_row_reduction(s, s->remaining, s->pa);
	} else {
		row_reduction(s);
	}
	for (cur = 0; cur < s->nr; cur++) {
		double min = 0.0;
		size_t sink;
		if (s->col4row[cur] != NONE)
			continue;
		sink = augment_path(s, cur, &min);
		if (sink == NONE) /* finite costs always admit a path, unless sums of them overflow */
			return cxm__fail(CXM_EOUT_OF_RANGE,
					 "the costs are too large: their sums overflow (row %zu of the assignment)",
					 cur + 1);
		/* the dual update */
		s->u[cur] += min;
		for (i = 0; i < s->nr; i++)
			if (s->seen_row[i] && i != cur)
				s->u[i] += min - s->shortest[s->col4row[i]];
		for (j = 0; j < s->nc; j++)
			if (s->seen_col[j])
				s->v[j] -= min - s->shortest[j];
		/* flip the path */
		j = sink;
		for (;;) {
			size_t t;
			i = s->path[j];
			s->row4col[j] = i;
			t = s->col4row[i];
			s->col4row[i] = j;
			j = t;
			if (i == cur)
				break;
		}
	}
	return CXM_OK;
}

cxm_status cxm_linear_assignment(size_t *assignment, size_t n_assignment, double *total, const double *cost,
				 size_t n_cost, size_t n_cols)
{
	struct lap s;
	size_t rows, i, j, nr, nc;
	double *transposed = NULL;
	void *block = NULL;
	cxm__fsum sum;
	int st;

	if ((st = cxm__check_array(assignment, n_assignment, "assignment")) < 0 ||
	    (st = cxm__check_array(cost, n_cost, "cost")) < 0)
		return st;
	if (n_cols == 0) {
		if (n_cost > 0)
			return cxm__fail(CXM_EBAD_ARG, "n_cols is 0 for %zu costs", n_cost);
		rows = 0;
	} else {
		if (n_cost % n_cols != 0)
			return cxm__fail(CXM_EBAD_ARG, "n_cost = %zu is not a multiple of n_cols = %zu", n_cost,
					 n_cols);
		rows = n_cost / n_cols;
	}
	if (n_assignment < rows)
		return cxm__fail(CXM_EBAD_ARG, "n_assignment = %zu is smaller than the %zu rows", n_assignment, rows);
	for (i = 0; i < rows; i++)
		for (j = 0; j < n_cols; j++) {
			double c = cost[i * n_cols + j];
			if (isnan(c))
				return cxm__fail(CXM_ENAN, "cost row %zu, column %zu is NaN", i + 1, j + 1);
			if (isinf(c))
				return cxm__fail(CXM_EOUT_OF_RANGE, "cost row %zu, column %zu is %s", i + 1, j + 1,
						 c > 0 ? "inf" : "-inf");
		}
	for (i = 0; i < rows; i++)
		assignment[i] = NONE;
	if (rows == 0 || n_cols == 0) {
		if (total)
			*total = 0.0;
		return CXM_OK;
	}

	memset(&s, 0, sizeof s);
	nr = rows <= n_cols ? rows : n_cols;
	nc = rows <= n_cols ? n_cols : rows;
	if (rows > n_cols) {
		if ((st = cxm__alloc_array(&transposed, n_cost, sizeof *transposed, "transposed costs")) < 0)
			return st;
		for (i = 0; i < rows; i++)
			for (j = 0; j < n_cols; j++)
				transposed[j * rows + i] = cost[i * n_cols + j];
	}
	s.c = transposed ? transposed : cost;
	s.nr = nr;
	s.nc = nc;
	/* one block for the work arrays: doubles u[nr], v[nc], shortest[nc], sh[nc], vv[nc];
	 * size_t path[nc], col4row[nr], row4col[nc], remaining[nc], pa[nc]; bytes seen_row[nr], seen_col[nc] */
	{
		size_t doubles = nr + 4 * nc, sizes = nr + 4 * nc, bytes = nr + nc;
		size_t total_bytes;
		char *p;
		if (nc > SIZE_MAX / 64) {
			st = cxm__fail(CXM_ENOMEM, "out of memory for the assignment of %zu x %zu", rows, n_cols);
			goto done;
		}
		total_bytes = doubles * sizeof(double) + sizes * sizeof(size_t) + bytes;
		if ((st = cxm__alloc_array(&block, total_bytes, 1, "assignment work")) < 0)
			goto done;
		p = block;
		s.u = (double *)p;
		s.v = s.u + nr;
		s.shortest = s.v + nc;
		s.sh = s.shortest + nc;
		s.vv = s.sh + nc;
		p += doubles * sizeof(double);
		s.path = (size_t *)p;
		s.col4row = s.path + nc;
		s.row4col = s.col4row + nr;
		s.remaining = s.row4col + nc;
		s.pa = s.remaining + nc;
		p += sizes * sizeof(size_t);
		s.seen_row = (unsigned char *)p;
		s.seen_col = s.seen_row + nr;
	}
	for (i = 0; i < nr; i++) {
		s.u[i] = 0.0;
		s.col4row[i] = NONE;
	}
	for (j = 0; j < nc; j++) {
		s.v[j] = 0.0;
		s.row4col[j] = NONE;
	}
	if ((st = solve(&s)) < 0)
		goto done;
	if (transposed) {
		/* transposed row j is column j; it went to original row col4row[j] */
		for (j = 0; j < nr; j++)
			assignment[s.col4row[j]] = j;
	} else {
		for (i = 0; i < nr; i++)
			assignment[i] = s.col4row[i];
	}
	if (total) {
		cxm__fsum_init(&sum);
		for (i = 0; i < rows; i++)
			if (assignment[i] != NONE)
				cxm__fsum_add(&sum, cost[i * n_cols + assignment[i]]);
		*total = cxm__fsum_round(&sum);
	}
done:
	cxm__free(block);
	cxm__free(transposed);
	return st;
}
