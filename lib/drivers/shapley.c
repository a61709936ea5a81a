/*
 * lib/drivers/shapley.c - R² of every subset of the drivers from the
 * correlation matrix, and the exact Shapley value of R² (spec §19.3; LMG,
 * Lindeman, Merenda & Gold 1980; Grömping 2006).
 *
 * R²(S) = r_yS' R_SS^-1 r_yS = |u|², L L' = R_SS (Cholesky), L u = r_yS.
 * Subsets are visited depth first with players in increasing order, so the
 * factor of S ∪ {j} (j above every player of S) is S's factor with j's rows
 * appended: each subset costs its new rows, O(q_S² c_j), and no row of data
 * is read again.
 */
#include <math.h>
#include <string.h>
#include "drivers_internal.h"

typedef struct walk {
	const double *R;
	const cxm__drv_design *d;
	double *r2;
	double *L;     /* q x q, rows in the order columns were added */
	double *u;     /* q */
	size_t *cols;  /* q: the R column (1-based) of each row of L */
	size_t c;      /* rows of L in use */
	int bad;
} walk;

size_t cxm__drv_subsets_work(const cxm__drv_design *d)
{
	/* L, u, and the column list stored as doubles' room */
	return d->q * d->q + 2 * d->q + 1;
}

/* Append player j's columns to the factor; returns the gain in |u|², or -1
 * when a pivot is not positive. */
static double add_player(walk *w, size_t j)
{
	const size_t m = w->d->m, q = w->d->q;
	double gain = 0.0;
	size_t col;
	for (col = w->d->first[j]; col < w->d->first[j + 1]; col++) {
		const size_t r = w->c;
		const double *Rc = w->R + col * m;
		double *Lr = w->L + r * q, piv = Rc[col], x;
		size_t s, t;
		for (s = 0; s < r; s++) {
			const double *Ls = w->L + s * q;
			x = Rc[w->cols[s]];
			for (t = 0; t < s; t++)
				x -= Lr[t] * Ls[t];
			Lr[s] = x / Ls[s];
			piv -= Lr[s] * Lr[s];
		}
		if (!(piv > 0.0))
			return -1.0;
		Lr[r] = sqrt(piv);
		x = Rc[0];
		for (t = 0; t < r; t++)
			x -= Lr[t] * w->u[t];
		w->u[r] = x / Lr[r];
		gain += w->u[r] * w->u[r];
		w->cols[r] = col;
		w->c++;
	}
	return gain;
}

static void visit(walk *w, size_t mask, size_t next, double ss)
{
	size_t j;
	for (j = next; j < w->d->p && !w->bad; j++) {
		size_t c0 = w->c;
		double gain = add_player(w, j);
		if (gain < 0.0) {
			w->bad = 1;
			return;
		}
		w->r2[mask | ((size_t)1 << j)] = ss + gain;
		visit(w, mask | ((size_t)1 << j), j + 1, ss + gain);
		w->c = c0;
	}
}

int cxm__drv_subsets_r2(double *r2, const double *R, const cxm__drv_design *d, double *work)
{
	size_t cols[CXM_DRIVERS_MAX_COLUMNS];
	walk w;
	w.R = R;
	w.d = d;
	w.r2 = r2;
	w.L = work;
	w.u = work + d->q * d->q;
	w.cols = cols;
	w.c = 0;
	w.bad = 0;
	r2[0] = 0.0;
	visit(&w, 0, 0, 0.0);
	return w.bad ? -1 : 0;
}

void cxm__drv_shapley(double *phi, const double *r2, size_t p)
{
	/* weight of a subset of size s not holding j: s! (p - s - 1)! / p! */
	double wt[CXM_DRIVERS_MAX_PLAYERS];
	size_t s, j, mask, full = (size_t)1 << p;
	for (s = 0; s < p; s++) {
		double x = 1.0 / (double)p;
		size_t k;
		/* 1 / (p C(p-1, s)) */
		for (k = 1; k <= s; k++)
			x *= (double)k / (double)(p - k);
		wt[s] = x;
	}
	for (j = 0; j < p; j++)
		phi[j] = 0.0;
	for (mask = 0; mask < full; mask++) {
		size_t size = 0, mm = mask;
		while (mm) {
			size += mm & 1u;
			mm >>= 1;
		}
		for (j = 0; j < p; j++)
			if (!(mask & ((size_t)1 << j)))
				phi[j] += wt[size] * (r2[mask | ((size_t)1 << j)] - r2[mask]);
	}
}
