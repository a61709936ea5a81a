/*
 * tests/unit/test_clvmodel_progress.c - progress reporting and cancellation of
 * the CLV fits (cxm_clv_fit_opts.progress, version 2; lib/clvmodel/fit.c and
 * optim.c), through each fit entry point: BG/NBD via cxm_clv_fit on the CDNOW
 * summary, Gamma-Gamma on CDNOW spend, BG/BB on the donations patterns, sBG
 * on Fader & Hardie's (2007) regular cohort.
 *
 * What is checked is the contract, not numbers from elsewhere: the callback
 * sees iterations 1, 2, 3, ... up to the result's count; what it sees last is
 * the result's loglik and gradient_norm bit for bit; a callback changes
 * nothing in the fit; stopping at iteration 2 fails with CANCELLED naming the
 * model and the iteration and leaves no converged fit; a version-1 options
 * struct (allocated at its own size, so valgrind sees any read past it) still
 * works and never reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "cdnow.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))
#define DONATION_ROWS 22

enum { FIT_BGNBD, FIT_GG, FIT_BGBB, FIT_SBG, N_FITS };
static const char *const fit_names[N_FITS] = { "bgnbd", "gg", "bgbb", "sbg" };

static double cd_x[CDNOW_N], cd_tx[CDNOW_N], cd_T[CDNOW_N], cd_m[CDNOW_N];
static double dn_x[DONATION_ROWS], dn_tx[DONATION_ROWS], dn_n[DONATION_ROWS], dn_w[DONATION_ROWS];
/* Fader & Hardie (2007), Table 1: the regular cohort, years 0..7 */
static const double sbg_regular[8] = { 1000, 631, 468, 382, 326, 289, 262, 241 };

static void load_data(void)
{
	static int loaded;
	FILE *f;
	char line[256];
	size_t k = 0;
	if (loaded)
		return;
	cdnow_read_summary("cdnow_customers_summary_with_transactions.csv", cd_x, cd_tx, cd_T, cd_m);
	f = open_cdnow("donations.csv");
	ck_assert(fgets(line, sizeof line, f) != NULL);
	while (fgets(line, sizeof line, f)) {
		ck_assert_int_lt(k, DONATION_ROWS);
		ck_assert_int_eq(sscanf(line, "%lf,%lf,%lf,%lf", &dn_x[k], &dn_tx[k], &dn_n[k], &dn_w[k]), 4);
		k++;
	}
	fclose(f);
	ck_assert_int_eq(k, DONATION_ROWS);
	loaded = 1;
}

static int run_fit(int which, cxm_clv_fit_result *r, const cxm_clv_fit_opts *o)
{
	load_data();
	switch (which) {
	case FIT_BGNBD:
		return cxm_clv_fit(r, CXM_CLV_BGNBD, cd_x, CDNOW_N, cd_tx, CDNOW_N, cd_T, CDNOW_N, NULL, 0, o);
	case FIT_GG: return cxm_clv_fit_gamma_gamma(r, cd_x, CDNOW_N, cd_m, CDNOW_N, o);
	case FIT_BGBB:
		return cxm_clv_fit_bgbb(r, dn_x, DONATION_ROWS, dn_tx, DONATION_ROWS, dn_n, DONATION_ROWS, dn_w,
					DONATION_ROWS, o);
	default: return cxm_clv_fit_sbg(r, sbg_regular, N_OF(sbg_regular), o);
	}
}

/* What the callback saw. */
struct seen {
	unsigned int calls, last_iteration, stop_at;
	int out_of_order;
	double first_loglik, last_loglik, last_gradient;
};

static int record(void *user, unsigned int iteration, double loglik, double gradient_norm)
{
	struct seen *s = user;
	if (iteration != s->calls + 1)
		s->out_of_order = 1;
	s->calls++;
	if (s->calls == 1)
		s->first_loglik = loglik;
	s->last_iteration = iteration;
	s->last_loglik = loglik;
	s->last_gradient = gradient_norm;
	return s->stop_at != 0 && iteration >= s->stop_at;
}

static void assert_same_fit(const cxm_clv_fit_result *a, const cxm_clv_fit_result *b)
{
	size_t i;
	ck_assert_int_eq(a->model, b->model);
	ck_assert_uint_eq(a->n_params, b->n_params);
	for (i = 0; i < a->n_params; i++)
		ck_assert_msg(a->params[i] == b->params[i], "params[%zu]: %.17g vs %.17g", i, a->params[i],
			      b->params[i]);
	ck_assert(a->loglik == b->loglik);
	ck_assert_uint_eq(a->iterations, b->iterations);
	ck_assert_int_eq(a->converged, b->converged);
}

START_TEST(test_progress_sequence)
{
	cxm_clv_fit_result plain = CXM_CLV_FIT_RESULT_INIT, r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts o = CXM_CLV_FIT_OPTS_INIT;
	struct seen s;
	memset(&s, 0, sizeof s);
	ck_assert_uint_eq(CXM_CLV_FIT_OPTS_VERSION, 2);
	ck_assert(o.progress == NULL);
	ck_assert_ptr_null(o.progress_user);
	ck_assert_status(run_fit(_i, &plain, NULL), CXM_OK);
	o.progress = record;
	o.progress_user = &s;
	ck_assert_status(run_fit(_i, &r, &o), CXM_OK);
	ck_assert_msg(r.converged, "%s did not converge", fit_names[_i]);
	ck_assert_uint_ge(r.iterations, 2);
	/* one call per iteration, numbered 1, 2, 3, ... */
	ck_assert_msg(!s.out_of_order, "%s: iterations out of order", fit_names[_i]);
	ck_assert_uint_eq(s.calls, r.iterations);
	ck_assert_uint_eq(s.last_iteration, r.iterations);
	/* the last call reports what the result reports, exactly */
	ck_assert_msg(s.last_loglik == r.loglik, "%s: last loglik %.17g, result %.17g", fit_names[_i],
		      s.last_loglik, r.loglik);
	ck_assert_msg(s.last_gradient == r.gradient_norm, "%s: last gradient %.17g, result %.17g",
		      fit_names[_i], s.last_gradient, r.gradient_norm);
	ck_assert(s.last_loglik >= s.first_loglik);
	/* watching changes nothing */
	assert_same_fit(&r, &plain);
}
END_TEST

START_TEST(test_progress_cancel)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts o = CXM_CLV_FIT_OPTS_INIT;
	struct seen s;
	memset(&s, 0, sizeof s);
	s.stop_at = 2;
	o.progress = record;
	o.progress_user = &s;
	r.converged = 1; /* left over from an earlier fit: must not survive a cancel */
	r.iterations = 99;
	cxm_error_clear();
	ck_assert_status(run_fit(_i, &r, &o), CXM_ECANCELLED);
	ck_assert_int_eq(cxm_error_last()->code, CXM_ECANCELLED);
	assert_message_has("CANCELLED");
	assert_message_has("iteration 2");
	assert_message_has(fit_names[_i]);
	ck_assert_uint_eq(s.calls, 2);
	ck_assert_int_eq(r.converged, 0);
	ck_assert_uint_eq(r.iterations, 2);
}
END_TEST

/* The caller's struct of version 1: the fields up to threads, nothing after. */
struct fit_opts_v1 {
	unsigned int version;
	double l2_penalty;
	unsigned int max_iterations;
	double gradient_tol;
	unsigned int threads;
};

START_TEST(test_progress_v1_opts)
{
	cxm_clv_fit_result plain = CXM_CLV_FIT_RESULT_INIT, r = CXM_CLV_FIT_RESULT_INIT;
	struct fit_opts_v1 *v1 = malloc(sizeof *v1);
	ck_assert_ptr_nonnull(v1);
	memset(v1, 0, sizeof *v1);
	v1->version = 1;
	ck_assert_status(run_fit(_i, &plain, NULL), CXM_OK);
	ck_assert_status(run_fit(_i, &r, (const cxm_clv_fit_opts *)(void *)v1), CXM_OK);
	assert_same_fit(&r, &plain);
	free(v1);
}
END_TEST

START_TEST(test_progress_v1_never_reports)
{
	/* a version-1 struct whose memory happens to hold a callback after threads */
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts o = CXM_CLV_FIT_OPTS_INIT;
	struct seen s;
	memset(&s, 0, sizeof s);
	s.stop_at = 1;
	o.version = 1;
	o.progress = record;
	o.progress_user = &s;
	ck_assert_status(run_fit(_i, &r, &o), CXM_OK);
	ck_assert_uint_eq(s.calls, 0);
	ck_assert_int_eq(r.converged, 1);
}
END_TEST

START_TEST(test_progress_opts_version)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts o = CXM_CLV_FIT_OPTS_INIT;
	o.version = CXM_CLV_FIT_OPTS_VERSION + 1;
	ck_assert_status(run_fit(FIT_SBG, &r, &o), CXM_EVERSION);
	ck_assert_str_eq(cxm_error_name(CXM_ECANCELLED), "CANCELLED");
	ck_assert_str_eq(cxm_error_describe(CXM_ECANCELLED), "stopped by the caller");
}
END_TEST

static Suite *clvmodel_progress_suite(void)
{
	Suite *s = suite_create("clvmodel_progress");
	TCase *tc = tcase_create("progress");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_progress_sequence, 0, N_FITS);
	tcase_add_loop_test(tc, test_progress_cancel, 0, N_FITS);
	tcase_add_loop_test(tc, test_progress_v1_opts, 0, N_FITS);
	tcase_add_loop_test(tc, test_progress_v1_never_reports, 0, N_FITS);
	tcase_add_test(tc, test_progress_opts_version);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_progress_suite)
