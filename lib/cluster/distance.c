/*
 * lib/cluster/distance.c - what every clustering file shares: squared
 * Euclidean distances of a block of rows to the centres, row norms, and the
 * check of a numeric feature matrix (spec §14).
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "cluster_internal.h"

void cxm__row_norms(double *out, const double *x, size_t m, size_t p)
{
	size_t i, f;
	for (i = 0; i < m; i++) {
		const double *r = x + i * p;
		double s = 0.0;
		for (f = 0; f < p; f++)
			s += r[f] * r[f];
		out[i] = s;
	}
}

/* Eight doubles (GCC's vector extension; see kmeans.c). */
typedef double cxm__d8 __attribute__((vector_size(64)));

/* Centres wider than this take the scalar loop. */
#define TILE_MAX_P 64

/*
 * Eight centres at a time: their columns side by side in a tile (p x 8,
 * on the stack), then each row's eight dot products as one vector sum in
 * column order - the same operations, in the same order, as the scalar
 * loop, so every path gives the same bits.
 */
static inline __attribute__((always_inline)) void sqdist_body(double *d, const double *x, size_t m, const double *c,
								size_t k, size_t p, const double *xnorm,
								const double *cnorm)
{
	size_t i, j, f, t;
	const cxm__d8 zero = { 0 };
	if (p > TILE_MAX_P) {
		for (i = 0; i < m; i++) {
			const double *r = x + i * p;
			for (j = 0; j < k; j++) {
				const double *cj = c + j * p;
				double dot = 0.0, v;
				for (f = 0; f < p; f++)
					dot += r[f] * cj[f];
				v = xnorm[i] - 2.0 * dot + cnorm[j];
				d[i * k + j] = v > 0.0 ? v : 0.0;
			}
		}
		return;
	}
	for (j = 0; j < k; j += 8) {
		size_t w = k - j < 8 ? k - j : 8;
		cxm__d8 tile[TILE_MAX_P], cn = zero;
		for (f = 0; f < p; f++) {
			cxm__d8 v = zero;
			for (t = 0; t < w; t++)
				v[t] = c[(j + t) * p + f];
			tile[f] = v;
		}
		for (t = 0; t < w; t++)
			cn[t] = cnorm[j + t];
		for (i = 0; i < m; i++) {
			const double *r = x + i * p;
			cxm__d8 dot = zero, v;
			for (f = 0; f < p; f++)
				dot += r[f] * tile[f];
			v = (xnorm[i] - 2.0 * dot) + cn;
			v = (cxm__d8)((long long __attribute__((vector_size(64))))v &
				      (v > zero));
			memcpy(d + i * k + j, &v, w * sizeof *d);
		}
	}
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f"))) static void sqdist_avx512(double *d, const double *x, size_t m, const double *c,
							      size_t k, size_t p, const double *xnorm,
							      const double *cnorm)
{
	sqdist_body(d, x, m, c, k, p, xnorm, cnorm);
}

__attribute__((target("avx2"))) static void sqdist_avx2(double *d, const double *x, size_t m, const double *c,
							 size_t k, size_t p, const double *xnorm, const double *cnorm)
{
	sqdist_body(d, x, m, c, k, p, xnorm, cnorm);
}
#endif

static void sqdist_plain(double *d, const double *x, size_t m, const double *c, size_t k, size_t p,
			 const double *xnorm, const double *cnorm)
{
	sqdist_body(d, x, m, c, k, p, xnorm, cnorm);
}

void cxm__sqdist_block(double *d, const double *x, size_t m, const double *c, size_t k, size_t p,
		       const double *xnorm, const double *cnorm)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx512f"))
		sqdist_avx512(d, x, m, c, k, p, xnorm, cnorm);
	else if (__builtin_cpu_supports("avx2"))
		sqdist_avx2(d, x, m, c, k, p, xnorm, cnorm);
	else
#endif
		sqdist_plain(d, x, m, c, k, p, xnorm, cnorm);
}

/* Where the first NaN or infinity of x[from..to) is (to when none). The
 * common case, no bad value, costs one pass of x - x over the block. */
static size_t first_bad(const double *x, size_t from, size_t to)
{
	size_t i, b;
	for (b = from; b < to; b += 4096) {
		size_t e = b + 4096 < to ? b + 4096 : to;
		double s = 0.0;
		for (i = b; i < e; i++)
			s += x[i] - x[i];
		if (s == s)
			continue;
		for (i = b; i < e; i++)
			if (!isfinite(x[i]))
				return i;
	}
	return to;
}

int cxm__cluster_check_x(size_t *rows, const double *x, size_t n_x, size_t n_cols, const char *what)
{
	size_t at;
	int rc;
	*rows = 0;
	if ((rc = cxm__check_array(x, n_x, what)) < 0)
		return rc;
	if (n_cols == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_cols is 0; %s needs at least one column", what);
	if (n_x % n_cols != 0)
		return cxm__fail(CXM_EBAD_ARG, "n_%s = %zu is not a multiple of n_cols = %zu", what, n_x, n_cols);
	if (n_x == 0)
		return cxm__fail(CXM_EEMPTY, "%s has no rows", what);
	at = first_bad(x, 0, n_x);
	if (at < n_x) {
		if (isnan(x[at]))
			return cxm__fail(CXM_ENAN, "%s has NaN at row %zu, column %zu", what, at / n_cols,
					 at % n_cols);
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s has %g at row %zu, column %zu; features must be finite",
				 what, x[at], at / n_cols, at % n_cols);
	}
	*rows = n_x / n_cols;
	return CXM_OK;
}
