/*
 * lib/cluster/indices.c - the Davies-Bouldin and Calinski-Harabasz indices,
 * as scikit-learn's davies_bouldin_score and calinski_harabasz_score (spec
 * §14.4).
 *
 * Both read the clusters' centres: the mean of the numeric columns and, for
 * codes, the modal level of each categorical column (ties to the lowest
 * code), the prototypes of k-prototypes. Distances between a row and a
 * centre, or two centres, are sqrt(sum of squares + gamma x mismatches),
 * Euclidean on numbers alone. Sums over rows run on the threads of
 * cxm__parallel_sum (fixed chunks added in order), so the results do not
 * depend on the thread count.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "parallel.h"
#include "quality.h"

struct ctx {
	const cxm__qdata *q;
	const double *centres; /* k x p */
	const uint32_t *modes; /* k x n_cat */
};

/* acc[c * p + j] += x[i][j] over the rows of cluster c */
static void sums_fn(double *acc, size_t begin, size_t end, void *arg)
{
	const struct ctx *c = arg;
	const cxm__qdata *q = c->q;
	size_t i, j, p = q->p;
	for (i = begin; i < end; i++) {
		double *a = acc + (size_t)q->labels[i] * p;
		const double *xi = q->x + i * p;
		for (j = 0; j < p; j++)
			a[j] += xi[j];
	}
}

/* squared dissimilarity of row i to its cluster's centre */
static double row_sq(const struct ctx *c, size_t i)
{
	const cxm__qdata *q = c->q;
	size_t l = q->labels[i], j;
	double s = 0.0;
	for (j = 0; j < q->p; j++) {
		double e = q->x[i * q->p + j] - c->centres[l * q->p + j];
		s += e * e;
	}
	if (q->n_cat > 0)
		s += cxm__mismatch(q->codes + i * q->n_cat, c->modes + l * q->n_cat, q->n_cat, q->gamma);
	return s;
}

/* acc[c] += distance of each row of cluster c to its centre */
static void dist_fn(double *acc, size_t begin, size_t end, void *arg)
{
	const struct ctx *c = arg;
	size_t i;
	for (i = begin; i < end; i++)
		acc[c->q->labels[i]] += sqrt(row_sq(c, i));
}

/* acc[c] += squared dissimilarity of each row of cluster c to its centre */
static void sq_fn(double *acc, size_t begin, size_t end, void *arg)
{
	const struct ctx *c = arg;
	size_t i;
	for (i = begin; i < end; i++)
		acc[c->q->labels[i]] += row_sq(c, i);
}

/*
 * The modes of the k clusters (k x n_cat) and, when all_modes is not NULL,
 * of all rows (n_cat): per column, counts of each code by cluster.
 */
static int modes_of(uint32_t *modes, uint32_t *all_modes, const cxm__qdata *q)
{
	size_t l, i, c, levels;
	double *count = NULL;
	int st = CXM_OK;

	for (l = 0; l < q->n_cat; l++) {
		uint32_t max = 0;
		for (i = 0; i < q->rows; i++)
			if (q->codes[i * q->n_cat + l] > max)
				max = q->codes[i * q->n_cat + l];
		levels = (size_t)max + 1;
		/* k rows of counts, then the counts of all rows */
		if ((st = cxm__alloc_array(&count, (q->k + 1) * levels, sizeof *count, "level counts")) < 0)
			return st;
		memset(count, 0, (q->k + 1) * levels * sizeof *count);
		for (i = 0; i < q->rows; i++) {
			uint32_t v = q->codes[i * q->n_cat + l];
			count[(size_t)q->labels[i] * levels + v] += 1.0;
			count[q->k * levels + v] += 1.0;
		}
		for (c = 0; c <= q->k; c++) {
			const double *cc = count + c * levels;
			size_t best = 0, v;
			if (c == q->k && !all_modes)
				break;
			for (v = 1; v < levels; v++)
				if (cc[v] > cc[best])
					best = v;
			if (c < q->k)
				modes[c * q->n_cat + l] = (uint32_t)best;
			else
				all_modes[l] = (uint32_t)best;
		}
		cxm__free(count);
		count = NULL;
	}
	return st;
}

/* centres (k x p, means) and modes (k x n_cat) of the clusters of q */
static int centres_of(double *centres, uint32_t *modes, uint32_t *all_modes, const cxm__qdata *q,
		      unsigned threads)
{
	struct ctx c = { q, NULL, NULL };
	size_t i, j;
	int st;
	if (q->p > 0) {
		if ((st = cxm__parallel_sum(centres, q->k * q->p, q->rows, sums_fn, &c, threads)) < 0)
			return st;
		for (i = 0; i < q->k; i++)
			for (j = 0; j < q->p; j++)
				centres[i * q->p + j] /= (double)q->sizes[i];
	}
	if (q->n_cat > 0)
		return modes_of(modes, all_modes, q);
	return CXM_OK;
}

/* squared dissimilarity of centres a and b (rows of the centre arrays, or the overall centre) */
static double centre_sq(const double *ca, const uint32_t *ma, const double *cb, const uint32_t *mb,
			const cxm__qdata *q)
{
	size_t j;
	double s = 0.0;
	for (j = 0; j < q->p; j++) {
		double e = ca[j] - cb[j];
		s += e * e;
	}
	if (q->n_cat > 0)
		s += cxm__mismatch(ma, mb, q->n_cat, q->gamma);
	return s;
}

/* the arrays both indices need */
struct work {
	double *centres, *acc, *mean;
	uint32_t *modes, *all_modes;
};

static int work_alloc(struct work *w, const cxm__qdata *q)
{
	int st;
	memset(w, 0, sizeof *w);
	if ((st = cxm__alloc_array(&w->centres, q->k * q->p + 1, sizeof *w->centres, "cluster centres")) < 0 ||
	    (st = cxm__alloc_array(&w->mean, q->p + 1, sizeof *w->mean, "overall mean")) < 0 ||
	    (st = cxm__alloc_array(&w->acc, q->k, sizeof *w->acc, "cluster sums")) < 0 ||
	    (st = cxm__alloc_array(&w->modes, q->k * q->n_cat + 1, sizeof *w->modes, "cluster modes")) < 0 ||
	    (st = cxm__alloc_array(&w->all_modes, q->n_cat + 1, sizeof *w->all_modes, "overall modes")) < 0)
		return st;
	return CXM_OK;
}

static void work_free(struct work *w)
{
	cxm__free(w->centres);
	cxm__free(w->mean);
	cxm__free(w->acc);
	cxm__free(w->modes);
	cxm__free(w->all_modes);
}

cxm_status cxm_cluster_davies_bouldin(double *out, const double *x, size_t n_x, size_t n_cols,
				      const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
				      const uint32_t *labels, size_t n_labels)
{
	cxm__qdata q;
	struct work w;
	struct ctx c;
	size_t i, j;
	int st, intra_zero = 1, centres_zero = 1;
	double sum = 0.0;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NAN;
	if ((st = cxm__quality_check(&q, x, n_x, n_cols, codes, n_codes, n_cat, gamma, labels, n_labels)) < 0)
		return st;
	if ((st = work_alloc(&w, &q)) < 0 || (st = centres_of(w.centres, w.modes, NULL, &q, 0)) < 0)
		goto done;
	c.q = &q;
	c.centres = w.centres;
	c.modes = w.modes;
	/* intra[c]: the mean distance of cluster c's rows to its centre */
	if ((st = cxm__parallel_sum(w.acc, q.k, q.rows, dist_fn, &c, 0)) < 0)
		goto done;
	for (i = 0; i < q.k; i++) {
		w.acc[i] /= (double)q.sizes[i];
		if (!(fabs(w.acc[i]) <= 1e-8)) /* numpy.allclose(intra, 0): atol 1e-8 */
			intra_zero = 0;
	}
	for (i = 0; i < q.k && centres_zero; i++)
		for (j = 0; j < q.k; j++)
			if (j != i && !(sqrt(centre_sq(w.centres + i * q.p, w.modes + i * q.n_cat, w.centres + j * q.p,
						       w.modes + j * q.n_cat, &q)) <= 1e-8)) {
				centres_zero = 0;
				break;
			}
	if (intra_zero || centres_zero) { /* scikit-learn's degenerate cases */
		*out = 0.0;
		goto done;
	}
	for (i = 0; i < q.k; i++) {
		double best = -INFINITY;
		for (j = 0; j < q.k; j++) {
			double dij, r;
			if (j == i)
				continue;
			dij = sqrt(centre_sq(w.centres + i * q.p, w.modes + i * q.n_cat, w.centres + j * q.p,
					     w.modes + j * q.n_cat, &q));
			/* equal centres: scikit-learn divides by inf instead of 0 */
			r = dij == 0.0 ? 0.0 : (w.acc[i] + w.acc[j]) / dij;
			if (r > best)
				best = r;
		}
		sum += best;
	}
	*out = sum / (double)q.k;
done:
	work_free(&w);
	cxm__qdata_free(&q);
	return st;
}

cxm_status cxm_cluster_calinski_harabasz(double *out, const double *x, size_t n_x, size_t n_cols,
					 const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
					 const uint32_t *labels, size_t n_labels)
{
	cxm__qdata q;
	struct work w;
	struct ctx c;
	size_t i, j;
	int st;
	double extra = 0.0, intra = 0.0;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NAN;
	if ((st = cxm__quality_check(&q, x, n_x, n_cols, codes, n_codes, n_cat, gamma, labels, n_labels)) < 0)
		return st;
	if ((st = work_alloc(&w, &q)) < 0 || (st = centres_of(w.centres, w.modes, w.all_modes, &q, 0)) < 0)
		goto done;
	/* the overall mean from the cluster sums */
	for (j = 0; j < q.p; j++) {
		double s = 0.0;
		for (i = 0; i < q.k; i++)
			s += w.centres[i * q.p + j] * (double)q.sizes[i];
		w.mean[j] = s / (double)q.rows;
	}
	c.q = &q;
	c.centres = w.centres;
	c.modes = w.modes;
	if ((st = cxm__parallel_sum(w.acc, q.k, q.rows, sq_fn, &c, 0)) < 0)
		goto done;
	for (i = 0; i < q.k; i++) {
		intra += w.acc[i];
		extra += (double)q.sizes[i] *
			 centre_sq(w.centres + i * q.p, w.modes + i * q.n_cat, w.mean, w.all_modes, &q);
	}
	*out = intra == 0.0 ? 1.0 : extra * (double)(q.rows - q.k) / (intra * ((double)q.k - 1.0));
done:
	work_free(&w);
	cxm__qdata_free(&q);
	return st;
}
