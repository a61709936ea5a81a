/*
 * lib/drivers/corr.c - the correlation matrix of the design in one pass over
 * the rows (spec §19.2), and the rank check that names collinear drivers.
 *
 * Rows are taken in fixed chunks; a chunk's weighted mean and centred
 * cross-products are computed while it is in cache, then merged into the
 * running totals in chunk order with the pairwise update of Chan, Golub &
 * LeVeque (1983): C = C_a + C_b + d d' w_a w_b / (w_a + w_b), d the
 * difference of the means. The sums never cancel (no E[xy] - E[x]E[y]), and
 * the order of operations depends on the rows only.
 */
#include <math.h>
#include <string.h>
#include "drivers_internal.h"

/* Rows per chunk: 64 columns of 256 rows stay within a core's L2 cache. */
#define CHUNK 256

size_t cxm__drv_corr_work(const cxm__drv_design *d)
{
	return 3 * d->m + d->m * d->m + CHUNK * d->m;
}

size_t cxm__drv_corr(double *R, double *var, const cxm__drv_design *d, const uint32_t *w, double *work)
{
	const size_t m = d->m, n = d->n;
	double *mean = work, *cm = work + m, *dev = work + 2 * m, *cC = work + 3 * m, *zc = cC + m * m, W = 0.0;
	size_t b, i, j, k;
	memset(R, 0, m * m * sizeof *R);
	memset(mean, 0, m * sizeof *mean);
	for (b = 0; b < n; b += CHUNK) {
		size_t e = b + CHUNK < n ? b + CHUNK : n;
		double wc = 0.0;
		memset(cm, 0, m * sizeof *cm);
		for (i = b; i < e; i++) {
			double wi = w ? (double)w[i] : 1.0;
			double *z = zc + (i - b) * m;
			if (wi == 0.0)
				continue;
			cxm__drv_fill(d, i, z); /* the chunk's rows, built once for both passes */
			wc += wi;
			for (j = 0; j < m; j++)
				cm[j] += wi * z[j];
		}
		if (wc == 0.0)
			continue;
		for (j = 0; j < m; j++)
			cm[j] /= wc;
		memset(cC, 0, m * m * sizeof *cC);
		for (i = b; i < e; i++) {
			double wi = w ? (double)w[i] : 1.0;
			const double *z = zc + (i - b) * m;
			if (wi == 0.0)
				continue;
			for (j = 0; j < m; j++)
				dev[j] = z[j] - cm[j];
			for (j = 0; j < m; j++) {
				double wd = wi * dev[j];
				double *row = cC + j * m;
				for (k = j; k < m; k++)
					row[k] += wd * dev[k];
			}
		}
		if (W == 0.0) {
			memcpy(R, cC, m * m * sizeof *R);
			memcpy(mean, cm, m * sizeof *mean);
			W = wc;
			continue;
		}
		{
			double f = W * wc / (W + wc);
			for (j = 0; j < m; j++)
				dev[j] = cm[j] - mean[j];
			for (j = 0; j < m; j++)
				for (k = j; k < m; k++)
					R[j * m + k] += cC[j * m + k] + f * dev[j] * dev[k];
			for (j = 0; j < m; j++)
				mean[j] += dev[j] * (wc / (W + wc));
			W += wc;
		}
	}
	/* covariances (upper triangle) -> correlations (full) */
	for (j = 0; j < m; j++) {
		dev[j] = R[j * m + j];
		if (var)
			var[j] = W > 0.0 ? dev[j] / W : 0.0;
	}
	for (j = 0; j < m; j++)
		if (!(dev[j] > 0.0))
			return j + 1;
	for (j = 0; j < m; j++) {
		for (k = j + 1; k < m; k++) {
			double r = R[j * m + k] / sqrt(dev[j] * dev[k]);
			R[j * m + k] = R[k * m + j] = r;
		}
		R[j * m + j] = 1.0;
	}
	return 0;
}

void cxm__drv_check_rank(size_t *bad, double *coef, const double *R, const cxm__drv_design *d, double *L)
{
	const size_t q = d->q, m = d->m;
	size_t j, s, t;
	*bad = 0;
	for (j = 0; j < q; j++) {
		double piv = R[(j + 1) * m + (j + 1)];
		for (s = 0; s < j; s++) {
			double x = R[(j + 1) * m + (s + 1)];
			for (t = 0; t < s; t++)
				x -= L[j * q + t] * L[s * q + t];
			L[j * q + s] = x / L[s * q + s];
			piv -= L[j * q + s] * L[j * q + s];
		}
		if (piv <= CXM__DRV_SINGULAR) {
			/* coefficients of column j on columns 0..j-1: L_j' = L_<j b, so
			 * solve L_<j' coef = L_j row (back substitution) */
			for (s = j; s-- > 0;) {
				double x = L[j * q + s];
				for (t = s + 1; t < j; t++)
					x -= L[t * q + s] * coef[t];
				coef[s] = x / L[s * q + s];
			}
			*bad = j + 1;
			return;
		}
		L[j * q + j] = sqrt(piv);
	}
}
