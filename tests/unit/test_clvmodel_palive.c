/*
 * tests/unit/test_clvmodel_palive.c - check suite for the BG/NBD and MBG/NBD
 * P(alive) kernel (lib/clvmodel/palive.c): its AVX-512, AVX2 and scalar paths,
 * the rows it rejects, and that a customer's value depends neither on its
 * position among the rows nor on the thread count.
 *
 * Expected values: "mpmath" is Fader, Hardie & Lee's (2005) P(alive) (lifetimes'
 * form for MBG/NBD), 1 / (1 + a / (b + x + s - 1) ((alpha + T) / (alpha + t_x))^(r + x)),
 * evaluated at 50 significant digits with mpmath in a throwaway script.
 */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <float.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "clvmodel_test.h"
#include "clvmodel/bgnbd.h"

/* The CDNOW fits of the anchors (lifetimes' BG/NBD and MBG/NBD). */
static const double bg[4] = { 0.24259292827982198, 4.413532265271817, 0.7928859664406002, 2.4257523826255123 };
static const double mbg[4] = { 0.5248377255676664, 6.1829884791339715, 0.8913562809311414, 1.6140000256721279 };

/* shift, x, t_x, T, P(alive) (mpmath). A relative error e in the inputs
 * moves P by about y e, y = (r + x) ln((alpha + T) / (alpha + t_x)) (in the
 * comments where large): the heavy buyers are checked to 1e-11, the others
 * to 1e-13. */
static const double cases[][5] = {
	{ 0, 2, 30.43, 38.86, 0.72660913679906094962 },     /* CDNOW customer 1 (anchor 0.7266091368) */
	{ 0, 60, 35, 39, 0.18644711838696439395 },
	{ 0, 5, 38.86, 38.86, 0.89016128415088460923 },      /* t_x = T: b + 4 over b + 4 + a */
	{ 0, 1, 0.5, 1e6, 7.7481230499046446929e-7 },
	{ 0, 1000, 10, 24.5, 4.9812484292244908368e-300 },   /* y = 696: e^y still finite */
	{ 0, 1000, 10, 25, 1.7762374486089275275e-307 },     /* y = 713: e^y overflows, the far form */
	{ 0, 700, 1, 30, 0.0 },                              /* y = 1295: 3.0e-560, below the doubles */
	{ 0, 0, 0, 38.86, 1.0 },                             /* BG/NBD: no repeat purchase, alive */
	{ 1, 0, 0, 38.86, 0.38971644205016459611 },          /* MBG/NBD: may leave after the first */
	{ 1, 3, 20, 38.86, 0.43336269415405549548 },
	{ 1, 1000, 10, 25, 1.1018817575348980108e-282 },     /* y = 656 */
	{ 1, 1000, 10, 26.79, 6.1494466777113055162e-307 },  /* y = 712: the far form */
};
#define N_CASES (sizeof cases / sizeof cases[0])

static const int widths[3] = { 8, 4, 1 };

static struct cxm__bgfam_rows rows_of(int shift, const double *x, const double *tx, const double *T, double *out)
{
	struct cxm__bgfam_rows r;
	memset(&r, 0, sizeof r);
	r.params = shift ? mbg : bg;
	r.shift = shift;
	r.x = x;
	r.t_x = tx;
	r.T = T;
	r.out = out;
	return r;
}

static void assert_case(double got, const double *c, const char *how)
{
	if (c[4] == 0.0 || c[4] == 1.0)
		ck_assert_msg(got == c[4], "%s: P(alive | %g, %g, %g) = %.17g, expected %.17g", how, c[1], c[2],
			      c[3], got, c[4]);
	else
		ck_assert_msg(fabs(got - c[4]) <= (c[1] >= 1000 ? 1e-11 : 1e-13) * c[4], "%s: P(alive | %g, %g, %g) = %.17g, expected %.17g",
			      how, c[1], c[2], c[3], got, c[4]);
}

/* mpmath: the scalar formula, each vector path (a case alone: the padded
 * last vector), and the public entry point. */
START_TEST(test_palive_mpmath)
{
	size_t i, k;
	for (i = 0; i < N_CASES; i++) {
		const double *c = cases[i];
		cxm_clv_fit_result f = fit_with(c[0] ? CXM_CLV_MBGNBD : CXM_CLV_BGNBD, c[0] ? mbg : bg, 4);
		double out = -1.0;
		struct cxm__bgfam_rows r = rows_of((int)c[0], &c[1], &c[2], &c[3], &out);
		assert_case(cxm__bgfam_p_alive(r.params, r.shift, c[1], c[2], c[3]), c, "scalar");
		for (k = 0; k < 3; k++) {
			size_t bad = cxm__bgfam_p_alive_rows_width(&r, 0, 1, widths[k]);
			if (bad == SIZE_MAX)
				continue; /* not on this CPU */
			ck_assert_uint_eq(bad, 0);
			assert_case(out, c, widths[k] == 8 ? "AVX-512" : widths[k] == 4 ? "AVX2" : "scalar rows");
		}
		ck_assert_status(cxm_clv_p_alive(&out, 1, &f, &c[1], 1, &c[2], 1, &c[3], 1), CXM_OK);
		assert_case(out, c, "cxm_clv_p_alive");
	}
	/* the scalar path is always there; there is no path of width 3 */
	{
		double x = 1, tx = 1, T = 2, out;
		struct cxm__bgfam_rows r = rows_of(0, &x, &tx, &T, &out);
		ck_assert_uint_eq(cxm__bgfam_p_alive_rows_width(&r, 0, 1, 1), 0);
		ck_assert_uint_eq(cxm__bgfam_p_alive_rows_width(&r, 0, 1, 3), SIZE_MAX);
	}
}
END_TEST

/* A small deterministic generator (the rows only need to vary). */
static uint64_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 11;
}

/* n valid rows like a weekly summary: x in 0..40, 0 <= t_x <= T <= 52. */
static void random_rows(double *x, double *tx, double *T, size_t n, uint64_t seed)
{
	size_t i;
	for (i = 0; i < n; i++) {
		T[i] = (double)(next(&seed) % 5200) / 100.0;
		x[i] = (double)(next(&seed) % 41);
		tx[i] = x[i] == 0.0 ? 0.0 : T[i] * (double)(next(&seed) % 1001) / 1000.0;
	}
}

/* Every path agrees with the scalar formula to a few units in the last
 * place of y (see cases above; libmvec's exp and log are within 4 ulp), and gives a row the same bits wherever it stands: alone, at any
 * offset of a range, in a vector or in the padded last one. */
START_TEST(test_palive_paths_and_positions)
{
	enum { N = 203 };
	double x[N], tx[N], T[N], all[N], one, scale[N];
	size_t i, k, start;
	int shift;
	random_rows(x, tx, T, N, 7);
	for (i = 0; i < N; i++)
		scale[i] = 1.0 + (double)i;
	for (shift = 0; shift <= 1; shift++) {
		for (k = 0; k < 3; k++) {
			struct cxm__bgfam_rows r = rows_of(shift, x, tx, T, all);
			if (cxm__bgfam_p_alive_rows_width(&r, 0, N, widths[k]) == SIZE_MAX)
				continue;
			for (i = 0; i < N; i++) {
				double want = cxm__bgfam_p_alive(r.params, shift, x[i], tx[i], T[i]);
				double y = (r.params[0] + x[i]) * log((r.params[1] + T[i]) / (r.params[1] + tx[i]));
				ck_assert_msg(fabs(all[i] - want) <= 8 * DBL_EPSILON * (1.0 + y) * want, "width %d row %zu: %.17g vs %.17g",
					      widths[k], i, all[i], want);
			}
			/* rows [start, N) and each row alone */
			for (start = 1; start < 9; start++) {
				double part[N];
				struct cxm__bgfam_rows p = rows_of(shift, x + start, tx + start, T + start, part);
				ck_assert_uint_eq(cxm__bgfam_p_alive_rows_width(&p, 0, N - start, widths[k]), 0);
				for (i = start; i < N; i++)
					ck_assert(part[i - start] == all[i]);
			}
			for (i = 0; i < N; i++) {
				struct cxm__bgfam_rows p = rows_of(shift, x + i, tx + i, T + i, &one);
				ck_assert_uint_eq(cxm__bgfam_p_alive_rows_width(&p, 0, 1, widths[k]), 0);
				ck_assert_msg(one == all[i], "width %d row %zu alone: %.17g, in the range: %.17g", widths[k], i,
					      one, all[i]);
			}
			/* scale multiplies each value, also in place (scale = out) */
			{
				double scaled[N];
				memcpy(scaled, scale, sizeof scaled);
				r.scale = scaled;
				r.out = scaled;
				ck_assert_uint_eq(cxm__bgfam_p_alive_rows_width(&r, 0, N, widths[k]), 0);
				for (i = 0; i < N; i++)
					ck_assert(scaled[i] == all[i] * scale[i]);
			}
		}
	}
}
END_TEST

/* Each path counts the same invalid rows, wherever they stand. */
START_TEST(test_palive_invalid_rows)
{
	enum { N = 21 };
	double x[N], tx[N], T[N], out[N];
	/* an invalid value of each kind, and valid edge values */
	static const struct { int col; double v; int valid; } edits[] = {
		{ 0, -1.0, 0 }, { 0, 2.5, 0 }, { 0, NAN, 0 }, { 0, INFINITY, 0 }, { 0, 9007199254740994.0, 0 },
		{ 0, 9007199254740992.0, 1 }, { 0, -0.0, 0 }, /* x = -0 with t_x > 0: a recency without purchase */
		{ 1, -0.5, 0 }, { 1, NAN, 0 }, { 1, 1e9, 0 }, /* recency after T */
		{ 2, NAN, 0 }, { 2, INFINITY, 0 },
	};
	size_t e, k, at;
	for (e = 0; e < sizeof edits / sizeof edits[0]; e++) {
		for (at = 0; at < N; at += 5) {
			for (k = 0; k < 3; k++) {
				struct cxm__bgfam_rows r = rows_of(0, x, tx, T, out);
				size_t bad;
				random_rows(x, tx, T, N, 11);
				x[at] = 3.0;
				tx[at] = 1.0;
				T[at] = 2.0;
				(edits[e].col == 0 ? x : edits[e].col == 1 ? tx : T)[at] = edits[e].v;
				bad = cxm__bgfam_p_alive_rows_width(&r, 0, N, widths[k]);
				if (bad == SIZE_MAX)
					continue;
				ck_assert_msg(bad == (edits[e].valid ? 0u : 1u), "edit %zu at row %zu, width %d: %zu invalid",
					      e, at, widths[k], bad);
			}
		}
	}
}
END_TEST

/* Through the entry point: the error names the first invalid row, also in
 * the padded last vector and beyond the first thread's rows, and the values
 * of 100,000 rows are the same with 1 and 2 threads. */
START_TEST(test_palive_threads_and_errors)
{
	enum { N = 100003 };
	double *x = malloc(N * sizeof *x), *tx = malloc(N * sizeof *tx), *T = malloc(N * sizeof *T);
	double *one = malloc(N * sizeof *one), *two = malloc(N * sizeof *two);
	cxm_clv_fit_result f = fit_with(CXM_CLV_BGNBD, bg, 4);
	static const size_t where[3] = { N - 1, 90001, 5 };
	size_t i;
	ck_assert(x && tx && T && one && two);
	random_rows(x, tx, T, N, 3);
	setenv("CXM_THREADS", "1", 1);
	ck_assert_status(cxm_clv_p_alive(one, N, &f, x, N, tx, N, T, N), CXM_OK);
	setenv("CXM_THREADS", "2", 1);
	ck_assert_status(cxm_clv_p_alive(two, N, &f, x, N, tx, N, T, N), CXM_OK);
	for (i = 0; i < N; i++)
		ck_assert(one[i] == two[i]);
	for (i = 0; i < 3; i++) {
		char want[32];
		x[where[i]] = 0.5;
		ck_assert_status(cxm_clv_p_alive(two, N, &f, x, N, tx, N, T, N), CXM_EBAD_ARG);
		snprintf(want, sizeof want, "frequency[%zu]", where[i]);
		assert_message_has(want);
		x[where[i]] = 1.0;
	}
	T[7] = NAN;
	ck_assert_status(cxm_clv_p_alive(two, N, &f, x, N, tx, N, T, N), CXM_ENAN);
	assert_message_has("T[7] is NaN");
	unsetenv("CXM_THREADS");
	free(x);
	free(tx);
	free(T);
	free(one);
	free(two);
}
END_TEST

/* The P(alive) grid behind the heat maps: cells against mpmath (BG/NBD, the
 * CDNOW fit, T = 39), the frequency-0 column, BG/BB's impossible cells. */
START_TEST(test_palive_grid)
{
	static const double mp[][3] = { /* frequency, recency, P(alive) (mpmath) */
		{ 2, 20, 0.54301468631043008987 }, { 5, 30, 0.70566528898534866425 },
		{ 1, 1, 0.18714050225290566325 }, { 7, 39, 0.91399098907910592455 },
		{ 3, 2, 0.011189883992665034487 } /* more purchases than weeks: possible in BG/NBD */
	};
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT, bb = CXM_CLV_FIT_RESULT_INIT;
	static const double bbp[4] = { 1.204, 0.750, 0.657, 2.783 }; /* Fader, Hardie & Shang (2010) */
	double grid[40 * 8], one, f, r, t;
	size_t k, nf = 8;
	ck_assert_status(cxm_clv_fit_result_from_params(&fit, CXM_CLV_BGNBD, bg, 4), CXM_OK);
	ck_assert_status(cxm_clv_p_alive_grid(grid, 40 * 8, &fit, 7, 39, 39.0), CXM_OK);
	for (k = 0; k < sizeof mp / sizeof mp[0]; k++)
		assert_rel(grid[(size_t)mp[k][1] * nf + (size_t)mp[k][0]], mp[k][2], 1e-13);
	for (k = 0; k < 40; k++) /* no purchase: alive whatever the row */
		ck_assert(grid[k * nf] == 1.0);
	/* BG/BB over 6 opportunities: f > r cells are NaN, the others are P(alive) */
	ck_assert_status(cxm_clv_fit_result_from_params(&bb, CXM_CLV_BGBB, bbp, 4), CXM_OK);
	ck_assert_status(cxm_clv_p_alive_grid(grid, 7 * 7, &bb, 6, 6, 6.0), CXM_OK);
	for (k = 0; k < 49; k++) {
		f = (double)(k % 7);
		r = f == 0 ? 0.0 : (double)(k / 7);
		t = 6.0;
		if (f > r) {
			ck_assert_msg(isnan(grid[k]), "cell %zu: f %g > r %g should be NaN", k, f, r);
			continue;
		}
		ck_assert_status(cxm_clv_p_alive(&one, 1, &bb, &f, 1, &r, 1, &t, 1), CXM_OK);
		ck_assert(grid[k] == one);
	}
	/* errors */
	ck_assert_status(cxm_clv_p_alive_grid(grid, 10, &fit, 7, 39, 39.0), CXM_EBAD_ARG);
	assert_message_has("n_out = 10 is smaller than the 320 cells");
	ck_assert_status(cxm_clv_p_alive_grid(grid, 320, &fit, 7, 39, 20.0), CXM_EBAD_ARG);
	assert_message_has("max_recency = 39 is more than T = 20");
	ck_assert_status(cxm_clv_p_alive_grid(grid, 320, &fit, 7, 39, NAN), CXM_ENAN);
	ck_assert_status(cxm_clv_p_alive_grid(NULL, 320, &fit, 7, 39, 39.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_p_alive_grid(grid, 320, NULL, 7, 39, 39.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_p_alive_grid(grid, 320, &fit, SIZE_MAX, 39, 39.0), CXM_EBAD_ARG);
	bb.params[0] = -1; /* the fit checks are cxm_clv_p_alive's */
	ck_assert_status(cxm_clv_p_alive_grid(grid, 49, &bb, 6, 6, 6.0), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_palive_grid_out_of_memory)
{
	cxm_clv_fit_result fit = CXM_CLV_FIT_RESULT_INIT;
	double grid[4 * 3];
	long k;
	ck_assert_status(cxm_clv_fit_result_from_params(&fit, CXM_CLV_BGNBD, bg, 4), CXM_OK);
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_clv_p_alive_grid(grid, 12, &fit, 2, 3, 10.0);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert(grid[0] == 1.0);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

static Suite *clvmodel_palive_suite(void)
{
	Suite *s = suite_create("clvmodel_palive");
	TCase *tc = tcase_create("clvmodel_palive");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_palive_mpmath);
	tcase_add_test(tc, test_palive_paths_and_positions);
	tcase_add_test(tc, test_palive_invalid_rows);
	tcase_add_test(tc, test_palive_threads_and_errors);
	tcase_add_test(tc, test_palive_grid);
	tcase_add_test(tc, test_palive_grid_out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_palive_suite)
