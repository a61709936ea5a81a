/*
 * lib/clvmodel/palive.c - P(alive) of BG/NBD and MBG/NBD customers, one row or
 * many, with the rows' validation folded into the pass that computes them.
 *
 *   P(alive | x, t_x, T) = 1 / (1 + a / B ((alpha + T) / (alpha + t_x))^(r + x))
 *                        = B / (B + a e^y),  B = b + x + s - 1,
 *                          y = (r + x) ln((alpha + T) / (alpha + t_x))
 *
 * (Fader, Hardie & Lee 2005; lifetimes' form for MBG/NBD; s is the shift of
 * bgnbd.h; BG/NBD gives 1 at x = 0). One
 * logarithm and one exponential per customer: scoring a million customers is
 * bound by those two calls, so where the CPU has AVX-512 or AVX2 the rows go
 * eight or four at a time through glibc's vector math library (libmvec, part
 * of libc6, accurate to 4 ulp). Every row takes the same code path whatever
 * its position - the last few rows of a range go through the same vector
 * code, padded - so a customer's value depends neither on the
 * rows around it nor on the thread count; it may differ in the last bits
 * between CPUs of different vector widths.
 *
 * When e^y would overflow (y > Y_BIG: a customer whose last purchase lies far
 * back), the same quantity is computed as e^-A / (1 + e^-A), A = ln(a / B) + y,
 * which stays representable down to the smallest doubles.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include "bgnbd.h"

#if defined(__GNUC__) && defined(__x86_64__) && defined(CXM_HAVE_LIBMVEC)
#  define PA_X86 1
#  include <immintrin.h>
/* glibc's vector ABI names (libmvec): exp and log on 4 and 8 doubles (the
 * target attributes give the vector arguments their registers' ABI) */
__attribute__((target("avx2"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2"))) __m256d _ZGVdN4v_log(__m256d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_log(__m512d);
#endif

#define Y_BIG 700.0      /* e^700 ~ 1e304: a e^y stays finite below this */
#define X_MAX 9007199254740992.0 /* 2^53: every whole number below is a double */

/* The rare rows with y > Y_BIG. */
static double p_alive_far(double a, double B, double y)
{
	double e = exp(-(log(a / B) + y));
	return e / (1.0 + e);
}

double cxm__bgfam_p_alive(const double *params, int shift, double x, double t_x, double T)
{
	double r = params[0], alpha = params[1], a = params[2], B, y;
	if (x == 0.0 && !shift)
		return 1.0; /* BG/NBD: no purchase, no chance to drop out yet */
	B = params[3] + x + shift - 1.0;
	y = (r + x) * log((alpha + T) / (alpha + t_x));
	return y > Y_BIG ? p_alive_far(a, B, y) : B / (B + a * exp(y));
}

/* A valid row (cxm__clv_check_row of customers.h gives the reason for an
 * invalid one): x a whole number in [0, 2^53], 0 <= t_x <= T < inf, t_x = 0 when
 * x = 0. NaN fails every comparison. */
static int row_ok(double x, double t_x, double T)
{
	return x >= 0.0 && x <= X_MAX && (double)(int64_t)x == x && t_x >= 0.0 && t_x <= T && T <= DBL_MAX &&
	       (x > 0.0 || t_x == 0.0);
}

/* The scalar path: CPUs without AVX2, or a library built without libmvec. */
static size_t rows_scalar(const struct cxm__bgfam_rows *j, size_t begin, size_t end)
{
	size_t i, bad = 0;
	for (i = begin; i < end; i++) {
		if (!row_ok(j->x[i], j->t_x[i], j->T[i])) {
			bad++;
			continue;
		}
		j->out[i] = cxm__bgfam_p_alive(j->params, j->shift, j->x[i], j->t_x[i], j->T[i]) *
			    (j->scale ? j->scale[i] : 1.0);
	}
	return bad;
}

#if defined(PA_X86)
/* Lanes of y above Y_BIG, recomputed one by one. */
static void fix_far(double *p, const double *xs, const double *ys, unsigned lanes, const struct cxm__bgfam_rows *j)
{
	unsigned k;
	for (k = 0; lanes != 0; k++, lanes >>= 1)
		if (lanes & 1u)
			p[k] = p_alive_far(j->params[2], j->params[3] + xs[k] + j->shift - 1.0, ys[k]);
}

/*
 * The vector paths take full vectors straight from the columns (masked
 * loads cost more than the whole validation) and the last few rows of a
 * range through a copy padded with valid zero rows, so that those rows go
 * through the same vector code as the others. Inlined into each path, with
 * one_vector a constant.
 */
typedef size_t (*vector_fn)(const struct cxm__bgfam_rows *j, const double *x, const double *t_x, const double *T,
			    const double *scale, double *out);

static inline __attribute__((always_inline)) size_t rows_vector(const struct cxm__bgfam_rows *j, size_t begin,
								  size_t end, size_t w, vector_fn one_vector)
{
	double x[8] = { 0.0 }, t_x[8] = { 0.0 }, T[8] = { 0.0 }, s[8], out[8];
	size_t i, k, bad = 0;
	for (i = begin; i + w <= end; i += w)
		bad += one_vector(j, j->x + i, j->t_x + i, j->T + i, j->scale ? j->scale + i : NULL, j->out + i);
	if (i == end)
		return bad;
	for (k = 0; k < w; k++)
		s[k] = 1.0;
	for (k = 0; i + k < end; k++) {
		x[k] = j->x[i + k];
		t_x[k] = j->t_x[i + k];
		T[k] = j->T[i + k];
		s[k] = j->scale ? j->scale[i + k] : 1.0;
	}
	bad += one_vector(j, x, t_x, T, s, out);
	for (k = 0; i + k < end; k++)
		j->out[i + k] = out[k];
	return bad;
}

/* W rows: P(alive) (times scale) to out; returns the number of invalid rows. */
static inline __attribute__((always_inline, target("avx512f,avx512dq"))) size_t
vector_avx512(const struct cxm__bgfam_rows *j, const double *xp, const double *txp, const double *Tp,
			    const double *scale, double *out)
{
	const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
	const __m512d x = _mm512_loadu_pd(xp), tx = _mm512_loadu_pd(txp), T = _mm512_loadu_pd(Tp);
	__m512d y, B, p;
	__mmask8 ok, far;
	ok = _mm512_cmp_pd_mask(x, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(x, _mm512_set1_pd(X_MAX), _CMP_LE_OQ) &
	     _mm512_cmp_pd_mask(x, _mm512_roundscale_pd(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC), _CMP_EQ_OQ) &
	     _mm512_cmp_pd_mask(tx, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(tx, T, _CMP_LE_OQ) &
	     _mm512_cmp_pd_mask(T, _mm512_set1_pd(DBL_MAX), _CMP_LE_OQ) &
	     (_mm512_cmp_pd_mask(x, zero, _CMP_GT_OQ) | _mm512_cmp_pd_mask(tx, zero, _CMP_EQ_OQ));
	y = _mm512_mul_pd(_mm512_add_pd(_mm512_set1_pd(j->params[0]), x),
			  _ZGVeN8v_log(_mm512_div_pd(_mm512_add_pd(_mm512_set1_pd(j->params[1]), T),
						     _mm512_add_pd(_mm512_set1_pd(j->params[1]), tx))));
	B = _mm512_add_pd(_mm512_set1_pd(j->params[3] + j->shift - 1.0), x);
	p = _mm512_div_pd(B, _mm512_fmadd_pd(_mm512_set1_pd(j->params[2]), _ZGVeN8v_exp(y), B));
	if ((far = _mm512_cmp_pd_mask(y, _mm512_set1_pd(Y_BIG), _CMP_GT_OQ) & ok) != 0) {
		double ps[8], xs[8], ys[8];
		_mm512_storeu_pd(ps, p);
		_mm512_storeu_pd(xs, x);
		_mm512_storeu_pd(ys, y);
		fix_far(ps, xs, ys, far, j);
		p = _mm512_loadu_pd(ps);
	}
	if (!j->shift)
		p = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, zero, _CMP_EQ_OQ), p, one);
	if (scale)
		p = _mm512_mul_pd(p, _mm512_loadu_pd(scale));
	_mm512_storeu_pd(out, p);
	return (size_t)__builtin_popcount((unsigned)(__mmask8)~ok);
}

__attribute__((target("avx512f,avx512dq")))
static size_t rows_avx512(const struct cxm__bgfam_rows *j, size_t begin, size_t end)
{
	return rows_vector(j, begin, end, 8, vector_avx512);
}

static inline __attribute__((always_inline, target("avx2,fma"))) size_t
vector_avx2(const struct cxm__bgfam_rows *j, const double *xp, const double *txp, const double *Tp,
			  const double *scale, double *out)
{
	const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
	const __m256d x = _mm256_loadu_pd(xp), tx = _mm256_loadu_pd(txp), T = _mm256_loadu_pd(Tp);
	__m256d ok, y, B, p;
	unsigned far;
	ok = _mm256_and_pd(_mm256_cmp_pd(x, zero, _CMP_GE_OQ), _mm256_cmp_pd(x, _mm256_set1_pd(X_MAX), _CMP_LE_OQ));
	ok = _mm256_and_pd(ok, _mm256_cmp_pd(x, _mm256_round_pd(x, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC),
					     _CMP_EQ_OQ));
	ok = _mm256_and_pd(ok, _mm256_and_pd(_mm256_cmp_pd(tx, zero, _CMP_GE_OQ), _mm256_cmp_pd(tx, T, _CMP_LE_OQ)));
	ok = _mm256_and_pd(ok, _mm256_cmp_pd(T, _mm256_set1_pd(DBL_MAX), _CMP_LE_OQ));
	ok = _mm256_and_pd(ok, _mm256_or_pd(_mm256_cmp_pd(x, zero, _CMP_GT_OQ), _mm256_cmp_pd(tx, zero, _CMP_EQ_OQ)));
	y = _mm256_mul_pd(_mm256_add_pd(_mm256_set1_pd(j->params[0]), x),
			  _ZGVdN4v_log(_mm256_div_pd(_mm256_add_pd(_mm256_set1_pd(j->params[1]), T),
						     _mm256_add_pd(_mm256_set1_pd(j->params[1]), tx))));
	B = _mm256_add_pd(_mm256_set1_pd(j->params[3] + j->shift - 1.0), x);
	p = _mm256_div_pd(B, _mm256_fmadd_pd(_mm256_set1_pd(j->params[2]), _ZGVdN4v_exp(y), B));
	far = (unsigned)_mm256_movemask_pd(_mm256_and_pd(_mm256_cmp_pd(y, _mm256_set1_pd(Y_BIG), _CMP_GT_OQ), ok));
	if (far != 0) {
		double ps[4], xs[4], ys[4];
		_mm256_storeu_pd(ps, p);
		_mm256_storeu_pd(xs, x);
		_mm256_storeu_pd(ys, y);
		fix_far(ps, xs, ys, far, j);
		p = _mm256_loadu_pd(ps);
	}
	if (!j->shift)
		p = _mm256_blendv_pd(p, one, _mm256_cmp_pd(x, zero, _CMP_EQ_OQ));
	if (scale)
		p = _mm256_mul_pd(p, _mm256_loadu_pd(scale));
	_mm256_storeu_pd(out, p);
	return (size_t)__builtin_popcount(~(unsigned)_mm256_movemask_pd(ok) & 0xfu);
}

__attribute__((target("avx2,fma")))
static size_t rows_avx2(const struct cxm__bgfam_rows *j, size_t begin, size_t end)
{
	return rows_vector(j, begin, end, 4, vector_avx2);
}
#endif

/* The widest vector this CPU and build support: 8, 4 or 1 (scalar). */
static int best_width(void)
{
#if defined(PA_X86)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq"))
		return 8;
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		return 4;
#endif
	return 1;
}

size_t cxm__bgfam_p_alive_rows_width(const struct cxm__bgfam_rows *rows, size_t begin, size_t end, int width)
{
	if (width > best_width())
		return SIZE_MAX;
#if defined(PA_X86)
	if (width == 8)
		return rows_avx512(rows, begin, end);
	if (width == 4)
		return rows_avx2(rows, begin, end);
#endif
	return width == 1 ? rows_scalar(rows, begin, end) : SIZE_MAX;
}

size_t cxm__bgfam_p_alive_rows(const struct cxm__bgfam_rows *rows, size_t begin, size_t end)
{
	return cxm__bgfam_p_alive_rows_width(rows, begin, end, best_width());
}
