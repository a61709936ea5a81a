/*
 * tests/unit/test_clvmodel_progress.c - the CLV fit options (cxm_clv_fit_opts:
 * new, setters, free) and progress reporting and cancellation of the fits
 * (cxm_clv_fit_opts_set_progress; lib/clvmodel/fit.c and optim.c), through
 * each fit entry point: BG/NBD via cxm_clv_fit on the CDNOW
 * summary, Gamma-Gamma on CDNOW spend, BG/BB on the donations patterns, sBG
 * on Fader & Hardie's (2007) regular cohort.
 *
 * What is checked is the contract, not numbers from elsewhere: the callback
 * sees iterations 1, 2, 3, ... up to the result's count; what it sees last is
 * the result's loglik and gradient_norm bit for bit; a callback changes
 * nothing in the fit; stopping at iteration 2 fails with CANCELLED naming the
 * model and the iteration and leaves no converged fit; each setter refuses
 * what it must, by name and value, and the options allocate once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
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
	cxm_clv_fit_result plain = CXM_CLV_FIT_RESULT_INIT, r = CXM_CLV_FIT_RESULT_INIT, dflt = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o = NULL;
	struct seen s;
	memset(&s, 0, sizeof s);
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert_status(run_fit(_i, &plain, NULL), CXM_OK);
	/* new options are the defaults: the same fit as NULL */
	ck_assert_status(run_fit(_i, &dflt, o), CXM_OK);
	assert_same_fit(&dflt, &plain);
	ck_assert_status(cxm_clv_fit_opts_set_progress(o, record, &s), CXM_OK);
	ck_assert_status(run_fit(_i, &r, o), CXM_OK);
	cxm_clv_fit_opts_free(o);
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
	cxm_clv_fit_opts *o = NULL;
	struct seen s;
	memset(&s, 0, sizeof s);
	s.stop_at = 2;
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_progress(o, record, &s), CXM_OK);
	r.converged = 1; /* left over from an earlier fit: must not survive a cancel */
	r.iterations = 99;
	cxm_error_clear();
	ck_assert_status(run_fit(_i, &r, o), CXM_ECANCELLED);
	cxm_clv_fit_opts_free(o);
	ck_assert_int_eq(cxm_error_last()->code, CXM_ECANCELLED);
	assert_message_has("CANCELLED");
	assert_message_has("iteration 2");
	assert_message_has(fit_names[_i]);
	ck_assert_uint_eq(s.calls, 2);
	ck_assert_int_eq(r.converged, 0);
	ck_assert_uint_eq(r.iterations, 2);
}
END_TEST

/* A callback set and then taken away reports nothing. */
START_TEST(test_progress_unset)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o = NULL;
	struct seen s;
	memset(&s, 0, sizeof s);
	s.stop_at = 1;
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_progress(o, record, &s), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_progress(o, NULL, &s), CXM_OK);
	ck_assert_status(run_fit(_i, &r, o), CXM_OK);
	ck_assert_uint_eq(s.calls, 0);
	ck_assert_int_eq(r.converged, 1);
	cxm_clv_fit_opts_free(o);
}
END_TEST

/* Each option by its setter: what it changes, and what it refuses (BAD_ARG
 * naming the option and the value). */
START_TEST(test_fit_opts_setters)
{
	cxm_clv_fit_result plain = CXM_CLV_FIT_RESULT_INIT, r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o = NULL;
	ck_assert_status(cxm_clv_fit_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_l2_penalty(o, -1), CXM_EBAD_ARG);
	assert_message_has("l2_penalty must be a finite number >= 0, not -1");
	ck_assert_status(cxm_clv_fit_opts_set_l2_penalty(o, NAN), CXM_EBAD_ARG);
	assert_message_has("l2_penalty");
	ck_assert_status(cxm_clv_fit_opts_set_l2_penalty(o, INFINITY), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_set_gradient_tol(o, -1e-9), CXM_EBAD_ARG);
	assert_message_has("gradient_tol must be a finite number >= 0, not -1.0000000000000001e-09");
	ck_assert_status(cxm_clv_fit_opts_set_gradient_tol(o, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_set_threads(o, 1025), CXM_EBAD_ARG);
	assert_message_has("threads must be 0 (all cores) to 1024, not 1025");
	ck_assert_status(cxm_clv_fit_opts_set_threads(o, 1024), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_threads(NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_set_max_iterations(NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_set_l2_penalty(NULL, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_set_gradient_tol(NULL, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_opts_set_progress(NULL, record, NULL), CXM_EBAD_ARG);
	/* a refused value leaves the option as it was: these are the defaults */
	ck_assert_status(run_fit(FIT_SBG, &plain, NULL), CXM_OK);
	ck_assert_status(run_fit(FIT_SBG, &r, o), CXM_OK);
	assert_same_fit(&r, &plain);
	/* max_iterations stops the optimiser (not converged), 0 restores 500 */
	ck_assert_status(cxm_clv_fit_opts_set_max_iterations(o, 1), CXM_OK);
	ck_assert_status(run_fit(FIT_SBG, &r, o), CXM_OK);
	ck_assert_uint_eq(r.iterations, 1);
	ck_assert_int_eq(r.converged, 0);
	ck_assert_status(cxm_clv_fit_opts_set_max_iterations(o, 0), CXM_OK);
	ck_assert_status(run_fit(FIT_SBG, &r, o), CXM_OK);
	assert_same_fit(&r, &plain);
	/* the penalty pulls the parameters towards 0: the likelihood drops */
	ck_assert_status(cxm_clv_fit_opts_set_l2_penalty(o, 0.1), CXM_OK);
	ck_assert_status(run_fit(FIT_SBG, &r, o), CXM_OK);
	ck_assert(r.loglik < plain.loglik);
	ck_assert(r.params[0] < plain.params[0] && r.params[1] < plain.params[1]);
	cxm_clv_fit_opts_free(o);
	cxm_clv_fit_opts_free(NULL);
	ck_assert_str_eq(cxm_error_name(CXM_ECANCELLED), "CANCELLED");
	ck_assert_str_eq(cxm_error_describe(CXM_ECANCELLED), "stopped by the caller");
}
END_TEST

START_TEST(test_fit_opts_oom)
{
	cxm_clv_fit_opts *o = (cxm_clv_fit_opts *)1;
	oom_arm(0);
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_ENOMEM);
	ck_assert(oom_failed());
	ck_assert_ptr_null(o);
	oom_assert_no_leak(0);
	oom_arm(1);
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert(!oom_failed());
	cxm_clv_fit_opts_free(o);
	oom_assert_no_leak(1);
	oom_disarm();
}
END_TEST

static Suite *clvmodel_progress_suite(void)
{
	Suite *s = suite_create("clvmodel_progress");
	TCase *tc = tcase_create("progress");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_progress_sequence, 0, N_FITS);
	tcase_add_loop_test(tc, test_progress_cancel, 0, N_FITS);
	tcase_add_loop_test(tc, test_progress_unset, 0, N_FITS);
	tcase_add_test(tc, test_fit_opts_setters);
	tcase_add_test(tc, test_fit_opts_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_progress_suite)
