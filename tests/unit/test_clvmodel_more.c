/*
 * tests/unit/test_clvmodel_more.c - check suite for the Gamma-Gamma, BG/BB and
 * sBG models (lib/clvmodel/gg.c, bgbb.c, sbg.c) and holdout evaluation
 * (holdout.c).
 *
 * Where the expected numbers come from:
 * - anchors: ../shared/anchors/README.md section 2 (the tight optima, the
 *   lifetimes values and the per-customer checks), on the CDNOW and donations
 *   files of tests/data/cdnow;
 * - papers: Fader & Hardie (2007) "How to project customer retention"
 *   (alpha, beta, LL of the two cohorts), Fader, Hardie & Shang (2010);
 * - values computed independently in throwaway scripts with scipy (betaln,
 *   gammaln, closed forms that divide by gamma - 1, where this library sums)
 *   or mpmath at 40 digits (sBG optima polished by findroot on the gradient);
 *   each such value says so;
 * - hand arithmetic for the holdout tables and invariances of the models.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "cdnow.h"
#include "clvmodel_test.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* ---- data ------------------------------------------------------------------ */

/* cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar (weeks, US$). */
static void load_cdnow(double *x, double *m)
{
	cdnow_read_summary("cdnow_customers_summary_with_transactions.csv", x, NULL, NULL, m);
}

#define DONATION_ROWS 22

/* donations.csv: frequency,recency,periods,weights (22 patterns, 6 opportunities). */
static void load_donations(double *x, double *tx, double *n, double *w)
{
	FILE *f = open_cdnow("donations.csv");
	char line[256];
	size_t k = 0;
	ck_assert(fgets(line, sizeof line, f) != NULL);
	while (fgets(line, sizeof line, f)) {
		ck_assert_int_lt(k, DONATION_ROWS);
		ck_assert_int_eq(sscanf(line, "%lf,%lf,%lf,%lf", &x[k], &tx[k], &n[k], &w[k]), 4);
		k++;
	}
	fclose(f);
	ck_assert_int_eq(k, DONATION_ROWS);
}

static cxm_clv_fit_result fit_of(int model, double p0, double p1, double p2, double p3)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	r.model = model;
	r.n_params = model == CXM_CLV_GG ? 3 : model == CXM_CLV_SBG ? 2 : 4;
	r.params[0] = p0;
	r.params[1] = p1;
	r.params[2] = p2;
	r.params[3] = p3;
	return r;
}

/* ---- names ----------------------------------------------------------------- */

START_TEST(test_model_names)
{
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_MODEL, CXM_CLV_GG), "gg");
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_MODEL, CXM_CLV_BGBB), "bgbb");
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_MODEL, CXM_CLV_SBG), "sbg");
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_GG, 0), "p");
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_GG, 2), "v");
	ck_assert_ptr_null(cxm_clv_param_name(CXM_CLV_GG, 3));
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_BGBB, 3), "delta");
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_SBG, 1), "beta");
	ck_assert_ptr_null(cxm_clv_param_name(CXM_CLV_SBG, 2));
}
END_TEST

/* What each model reads and predicts (clvmodel.h lists it), by hand. */
START_TEST(test_model_describe)
{
	static const struct {
		int model;
		const char *name, *label;
		size_t n_params;
		unsigned int columns, optional, predictions;
	} want[] = {
		{ CXM_CLV_BGNBD, "bgnbd", "BG/NBD", 4,
		  CXM_CLV_BIT(CXM_CLV_FREQUENCY) | CXM_CLV_BIT(CXM_CLV_RECENCY) | CXM_CLV_BIT(CXM_CLV_T) |
			  CXM_CLV_BIT(CXM_CLV_WEIGHTS),
		  CXM_CLV_BIT(CXM_CLV_WEIGHTS),
		  CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | CXM_CLV_BIT(CXM_CLV_PREDICT_P_ALIVE) |
			  CXM_CLV_BIT(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | CXM_CLV_BIT(CXM_CLV_PREDICT_CLV) },
		{ CXM_CLV_PNBD, "pnbd", "Pareto/NBD", 4,
		  CXM_CLV_BIT(CXM_CLV_FREQUENCY) | CXM_CLV_BIT(CXM_CLV_RECENCY) | CXM_CLV_BIT(CXM_CLV_T) |
			  CXM_CLV_BIT(CXM_CLV_WEIGHTS),
		  CXM_CLV_BIT(CXM_CLV_WEIGHTS),
		  CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | CXM_CLV_BIT(CXM_CLV_PREDICT_P_ALIVE) |
			  CXM_CLV_BIT(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | CXM_CLV_BIT(CXM_CLV_PREDICT_CLV) },
		{ CXM_CLV_GG, "gg", "Gamma-Gamma", 3,
		  CXM_CLV_BIT(CXM_CLV_FREQUENCY) | CXM_CLV_BIT(CXM_CLV_MONETARY_VALUE), 0u,
		  CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PROFIT) },
		{ CXM_CLV_BGBB, "bgbb", "BG/BB", 4,
		  CXM_CLV_BIT(CXM_CLV_FREQUENCY) | CXM_CLV_BIT(CXM_CLV_RECENCY) | CXM_CLV_BIT(CXM_CLV_N_PERIODS) |
			  CXM_CLV_BIT(CXM_CLV_WEIGHTS),
		  CXM_CLV_BIT(CXM_CLV_WEIGHTS),
		  CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PURCHASES) | CXM_CLV_BIT(CXM_CLV_PREDICT_P_ALIVE) |
			  CXM_CLV_BIT(CXM_CLV_PREDICT_UNCONDITIONAL_PURCHASES) | CXM_CLV_BIT(CXM_CLV_PREDICT_CLV) |
			  CXM_CLV_BIT(CXM_CLV_PREDICT_PMF) },
		{ CXM_CLV_SBG, "sbg", "sBG", 2, CXM_CLV_BIT(CXM_CLV_SURVIVORS), 0u,
		  CXM_CLV_BIT(CXM_CLV_PREDICT_SURVIVAL) | CXM_CLV_BIT(CXM_CLV_PREDICT_RETENTION) },
	};
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT, bad = CXM_CLV_MODEL_INFO_INIT;
	size_t i;
	for (i = 0; i < N_OF(want); i++) {
		ck_assert_status(cxm_clv_model_describe(&info, want[i].model), CXM_OK);
		ck_assert_int_eq(info.model, want[i].model);
		ck_assert_str_eq(info.name, want[i].name);
		ck_assert_str_eq(info.label, want[i].label);
		ck_assert_uint_eq(info.n_params, want[i].n_params);
		ck_assert_uint_eq(info.columns, want[i].columns);
		ck_assert_uint_eq(info.optional, want[i].optional);
		ck_assert_uint_eq(info.predictions, want[i].predictions);
		/* the parameter names stop at n_params */
		ck_assert_ptr_nonnull(cxm_clv_param_name(want[i].model, info.n_params - 1));
		ck_assert_ptr_null(cxm_clv_param_name(want[i].model, info.n_params));
	}
	ck_assert_status(cxm_clv_model_describe(&info, CXM_CLV_MBGNBD), CXM_OK);
	ck_assert_str_eq(info.label, "MBG/NBD");
	ck_assert_status(cxm_clv_model_describe(&info, 6), CXM_EBAD_ARG);
	assert_message_has("model is 6, which is not one of its values (bgnbd, mbgnbd, pnbd, gg, bgbb or sbg)");
	ck_assert_status(cxm_clv_model_describe(NULL, 0), CXM_EBAD_ARG);
	bad.version = 2;
	ck_assert_status(cxm_clv_model_describe(&bad, 0), CXM_EVERSION);
	ck_assert_ptr_null(cxm_clv_param_name(-1, 0));
	ck_assert_ptr_null(cxm_clv_param_name(6, 0));
}
END_TEST

/* The words of predictions and columns (the names tables), both ways. */
START_TEST(test_clv_words)
{
	static const char *const predictions[] = { "expected_purchases", "p_alive", "unconditional_purchases",
						   "expected_profit", "clv", "survival", "retention", "pmf" };
	size_t i;
	int v = -1;
	ck_assert_uint_eq(cxm_names_count(CXM_NAMES_CLV_PREDICTION), N_OF(predictions));
	for (i = 0; i < N_OF(predictions); i++) {
		ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_PREDICTION, (int)i), predictions[i]);
		ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_PREDICTION, predictions[i]), CXM_OK);
		ck_assert_int_eq(v, (int)i);
	}
	ck_assert_str_eq(cxm_names_what(CXM_NAMES_CLV_PREDICTION), "prediction");
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_PREDICTION, "palive"), CXM_EBAD_ARG);
	assert_message_has("prediction must be expected_purchases, p_alive, unconditional_purchases, "
			   "expected_profit, clv, survival, retention or pmf, not 'palive'");
	/* lifetimes' n_periods is an alias of periods */
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_COLUMN, "n_periods"), CXM_OK);
	ck_assert_int_eq(v, CXM_CLV_N_PERIODS);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_COLUMN, CXM_CLV_N_PERIODS), "periods");
}
END_TEST

/* Periods in a month: 365.25 / 12 days, lifetimes' 4.345 weeks, 1 month. */
START_TEST(test_periods_per_month)
{
	double f = 0.0;
	ck_assert_status(cxm_clv_periods_per_month(&f, CXM_CLV_DAYS), CXM_OK);
	ck_assert(f == 30.4375 && f == 365.25 / 12.0);
	ck_assert_status(cxm_clv_periods_per_month(&f, CXM_CLV_WEEKS), CXM_OK);
	ck_assert(f == 4.345);
	ck_assert_status(cxm_clv_periods_per_month(&f, CXM_CLV_MONTHS), CXM_OK);
	ck_assert(f == 1.0);
	ck_assert_status(cxm_clv_periods_per_month(&f, 3), CXM_EBAD_ARG);
	assert_message_has("period is 3, which is not one of its values (day, week or month)");
	ck_assert_status(cxm_clv_periods_per_month(NULL, CXM_CLV_DAYS), CXM_EBAD_ARG);
}
END_TEST

/* A fit from known parameters: the one rule for valid parameters. */
START_TEST(test_fit_from_params)
{
	static const double gg[3] = { 6.25, 3.75, 15.5 };
	double bad[4] = { 0.25, 4.5, 0.75, 2.5 };
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT, v0 = CXM_CLV_FIT_RESULT_INIT;
	size_t i;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_GG, gg, 3), CXM_OK);
	ck_assert_int_eq(f.model, CXM_CLV_GG);
	ck_assert_uint_eq(f.n_params, 3);
	for (i = 0; i < 3; i++)
		ck_assert(f.params[i] == gg[i] && isnan(f.se[i]));
	ck_assert(f.params[3] == 0.0 && f.se[3] == 0.0);
	ck_assert(isnan(f.loglik) && isnan(f.gradient_norm));
	ck_assert(f.iterations == 0 && f.converged == 0 && f.n_customers == 0);
	/* it predicts as a fitted one does: E[profit] of a new customer is p v / (q - 1) */
	{
		const double x0 = 0.0, m0 = 0.0;
		double e = 0.0;
		ck_assert_status(cxm_clv_expected_profit(&e, 1, &f, &x0, 1, &m0, 1), CXM_OK);
		ck_assert_close(e, 6.25 * 15.5 / 2.75);
	}
	/* and what it refuses */
	f.loglik = 42.0;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, bad, 3), CXM_EBAD_ARG);
	assert_message_has("n_params is 3, but model bgnbd has 4 parameters");
	bad[1] = -4.5;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, bad, 4), CXM_EOUT_OF_RANGE);
	assert_message_has("params.\"alpha\" is -4.5; it must be a finite number > 0");
	bad[1] = INFINITY;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, bad, 4), CXM_EOUT_OF_RANGE);
	bad[1] = 0.0;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, bad, 4), CXM_EOUT_OF_RANGE);
	bad[1] = NAN;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, bad, 4), CXM_ENAN);
	assert_message_has("params.\"alpha\" is NaN");
	ck_assert_status(cxm_clv_fit_result_from_params(&f, 9, gg, 3), CXM_EBAD_ARG);
	assert_message_has("model is 9");
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_GG, NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_result_from_params(NULL, CXM_CLV_GG, gg, 3), CXM_EBAD_ARG);
	v0.version = 0;
	ck_assert_status(cxm_clv_fit_result_from_params(&v0, CXM_CLV_GG, gg, 3), CXM_EVERSION);
	ck_assert(f.loglik == 42.0); /* written only on success */
}
END_TEST

/* ---- Gamma-Gamma ----------------------------------------------------------- */

START_TEST(test_gg_cdnow)
{
	static double x[CDNOW_N], m[CDNOW_N];
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	size_t k;
	load_cdnow(x, m);
	/* all 2,357 rows go in: the 1,411 with x = 0 are left out by the fit */
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, CDNOW_N, m, CDNOW_N, NULL), CXM_OK);
	ck_assert_int_eq(r.model, CXM_CLV_GG);
	ck_assert_int_eq(r.n_params, 3);
	ck_assert_int_eq(r.n_customers, 946);
	ck_assert_int_eq(r.converged, 1);
	/* anchors §2, tight optimum (Hardie note 025: p 6.25 q 3.74 v 15.44);
	 * the acceptance asks 1e-5, the optimiser reaches ~1e-12 */
	assert_rel(r.params[0], 6.248802489706987, 1e-8);
	assert_rel(r.params[1], 3.7445884532878337, 1e-8);
	assert_rel(r.params[2], 15.44774800947096, 1e-8);
	/* anchors §2: LL of the observed mean spends, constants included */
	assert_abs(r.loglik, -4055.9232435028675, 1e-6);
	for (k = 0; k < 3; k++)
		ck_assert(isfinite(r.se[k]) && r.se[k] > 0.0);
	ck_assert(r.se[3] == 0.0);
}
END_TEST

START_TEST(test_gg_scale_invariance)
{
	/* m -> c m is nu -> nu / c: p and q stay, v scales by c, and every density
	 * of m gains 1/c, so LL drops by (customers) log c. CDNOW in cents: */
	static double x[CDNOW_N], m[CDNOW_N];
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	size_t i;
	load_cdnow(x, m);
	for (i = 0; i < CDNOW_N; i++)
		m[i] *= 100.0;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, CDNOW_N, m, CDNOW_N, NULL), CXM_OK);
	assert_rel(r.params[0], 6.248802489706987, 1e-8);
	assert_rel(r.params[1], 3.7445884532878337, 1e-8);
	assert_rel(r.params[2], 100.0 * 15.44774800947096, 1e-8);
	assert_abs(r.loglik, -4055.9232435028675 - 946.0 * log(100.0), 1e-6);
}
END_TEST

/* Seven repeat buyers and one without repeat purchases, hand-made. */
static const double gg_x[] = { 1, 2, 0, 4, 1, 3, 6, 2 };
static const double gg_m[] = { 12.5, 30.0, 0.0, 18.25, 55.0, 9.0, 21.0, 40.0 };

START_TEST(test_gg_zero_frequency_rows_ignored)
{
	/* rows with x = 0 carry no spend: whatever their monetary value (even NaN
	 * or negative) the fit equals the one without them */
	const double x1[] = { 1, 2, 4, 1, 3, 6, 2 }, m1[] = { 12.5, 30.0, 18.25, 55.0, 9.0, 21.0, 40.0 };
	const double x2[] = { 0, 1, 2, 4, 0, 1, 3, 6, 2, 0 };
	const double m2[] = { NAN, 12.5, 30.0, 18.25, -3.0, 55.0, 9.0, 21.0, 40.0, 1e300 };
	cxm_clv_fit_result a = CXM_CLV_FIT_RESULT_INIT, b = CXM_CLV_FIT_RESULT_INIT;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&a, x1, N_OF(x1), m1, N_OF(m1), NULL), CXM_OK);
	ck_assert_status(cxm_clv_fit_gamma_gamma(&b, x2, N_OF(x2), m2, N_OF(m2), NULL), CXM_OK);
	ck_assert_int_eq(b.n_customers, 7);
	assert_rel(b.params[0], a.params[0], 1e-12);
	assert_rel(b.params[1], a.params[1], 1e-12);
	assert_rel(b.params[2], a.params[2], 1e-12);
	assert_abs(b.loglik, a.loglik, 1e-9);
}
END_TEST

START_TEST(test_gg_threads_same_bits)
{
	/* 70,000 customers: above the size at which the likelihood sum uses a
	 * second thread; one or two threads must give the same bits. Three
	 * Newton iterations (some 30 likelihood sums) are enough to show it. */
	const size_t n = 70000;
	double *x = malloc(n * sizeof *x), *m = malloc(n * sizeof *m);
	cxm_clv_fit_result a = CXM_CLV_FIT_RESULT_INIT, b = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o1 = opts_with(1, 3), *o2 = opts_with(2, 3);
	uint64_t s = 12345;
	size_t i, k;
	ck_assert(x && m);
	for (i = 0; i < n; i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		x[i] = (double)((s >> 33) % 9); /* 0..8 repeat purchases */
		m[i] = 5.0 + (double)((s >> 17) % 4000) / 40.0;
	}
	ck_assert_status(cxm_clv_fit_gamma_gamma(&a, x, n, m, n, o1), CXM_OK);
	ck_assert_status(cxm_clv_fit_gamma_gamma(&b, x, n, m, n, o2), CXM_OK);
	cxm_clv_fit_opts_free(o1);
	cxm_clv_fit_opts_free(o2);
	ck_assert_int_eq(a.iterations, 3);
	ck_assert_int_eq(b.iterations, 3);
	ck_assert_int_eq(a.n_customers, b.n_customers);
	for (k = 0; k < 3; k++)
		ck_assert_msg(a.params[k] == b.params[k], "param %zu: %.17g vs %.17g", k, a.params[k], b.params[k]);
	ck_assert(a.loglik == b.loglik);
	free(x);
	free(m);
}
END_TEST

START_TEST(test_gg_expected_profit_cdnow)
{
	static double x[CDNOW_N], m[CDNOW_N], e[CDNOW_N];
	/* anchors §2: lifetimes' GG parameters on CDNOW and its
	 * conditional_expected_average_profit over the 2,357 customers */
	cxm_clv_fit_result gg = fit_of(CXM_CLV_GG, 6.248802496077898, 3.744588460922642, 15.447748064920148, 0);
	double sum = 0.0;
	size_t i;
	load_cdnow(x, m);
	ck_assert_status(cxm_clv_expected_profit(e, CDNOW_N, &gg, x, CDNOW_N, m, CDNOW_N), CXM_OK);
	for (i = 0; i < CDNOW_N; i++) {
		sum += e[i];
		if (x[i] == 0.0) /* anchors §2: population mean v p / (q - 1) */
			assert_rel(e[i], 35.17100215250679, 1e-13);
	}
	assert_rel(sum, 83091.22242094981, 1e-12);
	/* customer 1 (x = 2, zbar = 22.35) by hand: 6.2488 (15.4477 + 44.7) / (12.4976 + 2.7446) */
	assert_rel(e[0], 6.248802496077898 * (15.447748064920148 + 2 * 22.35) /
				    (2 * 6.248802496077898 + 3.744588460922642 - 1), 1e-14);
	assert_rel(e[0], 24.658616189235385, 1e-12); /* scipy script, same formula */
}
END_TEST

START_TEST(test_gg_expected_profit_shrinkage)
{
	/* p = 2, q = 3, v = 10: population mean 2 * 10 / 2 = 10; with x = 3 and
	 * m = 30: 2 (10 + 90) / (6 + 2) = 25, between 10 and 30; x = 1, m = 0
	 * (allowed in predictions): 2 * 10 / 4 = 5 */
	cxm_clv_fit_result gg = fit_of(CXM_CLV_GG, 2, 3, 10, 0);
	const double x[] = { 0, 3, 1 }, m[] = { 99, 30, 0 };
	double e[4] = { -1, -1, -1, -1 };
	ck_assert_status(cxm_clv_expected_profit(e, 4, &gg, x, 3, m, 3), CXM_OK);
	ck_assert_close(e[0], 10.0);
	ck_assert_close(e[1], 25.0);
	ck_assert_close(e[2], 5.0);
	ck_assert(e[3] == -1.0);
	ck_assert_status(cxm_clv_expected_profit(NULL, 0, &gg, NULL, 0, NULL, 0), CXM_OK);
}
END_TEST

START_TEST(test_gg_fit_errors)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT, bad = CXM_CLV_FIT_RESULT_INIT;
	double x[] = { 1, 2, 3 }, m[] = { 10, 20, 30 };
	ck_assert_status(cxm_clv_fit_gamma_gamma(NULL, x, 3, m, 3, NULL), CXM_EBAD_ARG);
	bad.version = 0;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&bad, x, 3, m, 3, NULL), CXM_EVERSION);
	bad.version = CXM_CLV_FIT_RESULT_VERSION + 1;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&bad, x, 3, m, 3, NULL), CXM_EVERSION);
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, NULL, 3, m, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("frequency");
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, NULL, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("monetary_value");
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 2, NULL), CXM_EBAD_ARG);
	assert_message_has("3 rows");
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, NULL, 0, NULL, 0, NULL), CXM_EEMPTY);
	x[1] = NAN;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_ENAN);
	assert_message_has("frequency[1]");
	x[1] = -1;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("frequency[1]");
	x[1] = 1.5;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("1.5");
	x[1] = INFINITY;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EBAD_ARG);
	x[1] = 2;
	m[2] = 0;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has("monetary_value[2]");
	m[2] = -4;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has("-4");
	m[2] = INFINITY;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EOUT_OF_RANGE);
	m[2] = NAN;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_ENAN);
	assert_message_has("monetary_value[2]");
	m[2] = 30;
	x[0] = x[1] = x[2] = 0;
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, x, 3, m, 3, NULL), CXM_EEMPTY);
	ck_assert(r.n_params == 0); /* no failed call wrote the result */
}
END_TEST

START_TEST(test_gg_profit_errors)
{
	cxm_clv_fit_result gg = fit_of(CXM_CLV_GG, 2, 3, 10, 0), bad;
	double x[] = { 0, 3 }, m[] = { 0, 30 }, e[2];
	ck_assert_status(cxm_clv_expected_profit(e, 2, NULL, x, 2, m, 2), CXM_EBAD_ARG);
	assert_message_has("gg");
	bad = gg;
	bad.version = 0;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &bad, x, 2, m, 2), CXM_EVERSION);
	bad.version = CXM_CLV_FIT_RESULT_VERSION + 1;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &bad, x, 2, m, 2), CXM_EVERSION);
	bad = gg;
	bad.model = CXM_CLV_BGNBD;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &bad, x, 2, m, 2), CXM_EBAD_ARG);
	bad = gg;
	bad.params[0] = 0;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &bad, x, 2, m, 2), CXM_EBAD_ARG);
	bad.params[0] = NAN;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &bad, x, 2, m, 2), CXM_EBAD_ARG);
	bad = gg;
	bad.params[1] = 1.0; /* the mean spend p v / (q - 1) does not exist */
	ck_assert_status(cxm_clv_expected_profit(e, 2, &bad, x, 2, m, 2), CXM_EDOMAIN);
	assert_message_has("q > 1");
	ck_assert_status(cxm_clv_expected_profit(NULL, 2, &gg, x, 2, m, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_expected_profit(e, 1, &gg, x, 2, m, 2), CXM_EBAD_ARG);
	assert_message_has("room for 1");
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, m, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, NULL, 2, m, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, NULL, 2), CXM_EBAD_ARG);
	x[1] = NAN;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, m, 2), CXM_ENAN);
	assert_message_has("frequency[1]");
	x[1] = -3;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, m, 2), CXM_EBAD_ARG);
	x[1] = 3;
	m[1] = NAN;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, m, 2), CXM_ENAN);
	assert_message_has("monetary_value[1]");
	m[1] = -0.5;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, m, 2), CXM_EOUT_OF_RANGE);
	assert_message_has("monetary_value[1]");
	m[1] = INFINITY;
	ck_assert_status(cxm_clv_expected_profit(e, 2, &gg, x, 2, m, 2), CXM_EOUT_OF_RANGE);
}
END_TEST

START_TEST(test_gg_oom)
{
	cxm_clv_fit_result r;
	long k;
	int rc;
	for (k = 0;; k++) {
		r = (cxm_clv_fit_result)CXM_CLV_FIT_RESULT_INIT;
		oom_arm(k);
		rc = cxm_clv_fit_gamma_gamma(&r, gg_x, N_OF(gg_x), gg_m, N_OF(gg_m), NULL);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_int_eq(r.n_customers, 7);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert(r.n_params == 0);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_gt(k, 0); /* the likelihood sums do allocate */
}
END_TEST

/* ---- BG/BB ----------------------------------------------------------------- */

/* anchors §2, tight optimum on donations */
static const double bgbb_tight[4] = { 1.2035223516003593, 0.7497163581727705, 0.6567182084490306,
				      2.7834422326190307 };
/* anchors §2, lifetimes' optimum (the per-customer checks use it) */
static const double bgbb_lifetimes[4] = { 1.203522393608002, 0.7497163581757513, 0.6567181695499895,
					  2.783441982887859 };

START_TEST(test_bgbb_donations)
{
	double x[DONATION_ROWS], tx[DONATION_ROWS], n[DONATION_ROWS], w[DONATION_ROWS], pmf[7], sum = 0.0;
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	size_t k;
	load_donations(x, tx, n, w);
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, DONATION_ROWS, tx, DONATION_ROWS, n, DONATION_ROWS, w,
					  DONATION_ROWS, NULL),
			 CXM_OK);
	ck_assert_int_eq(r.model, CXM_CLV_BGBB);
	ck_assert_int_eq(r.n_params, 4);
	ck_assert_int_eq(r.n_customers, 11104);
	ck_assert_int_eq(r.converged, 1);
	/* acceptance: 1e-5; reached ~1e-11 */
	for (k = 0; k < 4; k++) {
		assert_rel(r.params[k], bgbb_tight[k], 1e-8);
		ck_assert(isfinite(r.se[k]) && r.se[k] > 0.0);
	}
	assert_abs(r.loglik, -33225.58127434614, 1e-6);
	/* anchors §2: expected donors with 0 and 6 donations in the 6 periods
	 * (FHS 2010: 3454.88 / 1253.11), from the fitted model */
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 7, &r, 6), CXM_OK);
	assert_abs(11104.0 * pmf[0], 3454.88, 0.005);
	assert_abs(11104.0 * pmf[6], 1253.11, 0.005);
	for (k = 0; k < 7; k++)
		sum += pmf[k];
	assert_abs(sum, 1.0, 1e-14);
}
END_TEST

START_TEST(test_bgbb_unit_weights)
{
	/* weights NULL = 1 each: the 11,104 donors written out one per row fit
	 * as the 22 weighted patterns; a weight-0 row changes nothing */
	double x[DONATION_ROWS + 1], tx[DONATION_ROWS + 1], n[DONATION_ROWS + 1], w[DONATION_ROWS + 1];
	double *ex = malloc(11104 * sizeof *ex), *et = malloc(11104 * sizeof *et), *en = malloc(11104 * sizeof *en);
	cxm_clv_fit_result a = CXM_CLV_FIT_RESULT_INIT, b = CXM_CLV_FIT_RESULT_INIT;
	size_t k, j, m = 0;
	ck_assert(ex && et && en);
	load_donations(x, tx, n, w);
	for (k = 0; k < DONATION_ROWS; k++)
		for (j = 0; j < (size_t)w[k]; j++, m++) {
			ex[m] = x[k];
			et[m] = tx[k];
			en[m] = n[k];
		}
	ck_assert_int_eq(m, 11104);
	x[DONATION_ROWS] = 2;
	tx[DONATION_ROWS] = 5;
	n[DONATION_ROWS] = 6;
	w[DONATION_ROWS] = 0;
	ck_assert_status(cxm_clv_fit_bgbb(&a, ex, m, et, m, en, m, NULL, 0, NULL), CXM_OK);
	ck_assert_status(cxm_clv_fit_bgbb(&b, x, DONATION_ROWS + 1, tx, DONATION_ROWS + 1, n, DONATION_ROWS + 1, w,
					  DONATION_ROWS + 1, NULL),
			 CXM_OK);
	ck_assert_int_eq(a.n_customers, 11104);
	ck_assert_int_eq(b.n_customers, 11104);
	assert_abs(a.loglik, -33225.58127434614, 1e-6);
	assert_abs(b.loglik, a.loglik, 1e-6);
	for (k = 0; k < 4; k++) {
		assert_rel(a.params[k], bgbb_tight[k], 1e-8);
		assert_rel(b.params[k], a.params[k], 1e-8);
	}
	free(ex);
	free(et);
	free(en);
}
END_TEST

START_TEST(test_bgbb_predictions)
{
	const cxm__clv_ops *ops = cxm__clv_ops_of(CXM_CLV_BGBB);
	cxm_clv_fit_result fit = fit_of(CXM_CLV_BGBB, bgbb_tight[0], bgbb_tight[1], bgbb_tight[2], bgbb_tight[3]);
	double x[DONATION_ROWS], tx[DONATION_ROWS], n[DONATION_ROWS], w[DONATION_ROWS], sum = 0.0, mean = 0.0;
	double pmf[12];
	size_t k;
	load_donations(x, tx, n, w);
	ck_assert_ptr_nonnull(ops);
	/* anchors §2: sum of weights x E[X(6, 6 + 5) | pattern] with lifetimes'
	 * parameters (lifetimes' closed form divides by gamma - 1; here a sum) */
	for (k = 0; k < DONATION_ROWS; k++)
		sum += w[k] * ops->expected(bgbb_lifetimes, 5, x[k], tx[k], n[k]);
	assert_rel(sum, 12884.156963748705, 1e-12);
	/* scipy script (betaln, lifetimes' formulas) at the tight optimum */
	assert_rel(ops->expected(bgbb_tight, 5, 3, 4, 6), 1.0345715797554809, 1e-12);
	assert_rel(ops->p_alive(bgbb_tight, 3, 4, 6), 0.47246133421602954, 1e-12);
	assert_rel(ops->p_alive(bgbb_tight, 0, 0, 6), 0.11621816399417378, 1e-12);
	assert_rel(ops->unconditional(bgbb_tight, 6), 2.220169344211944, 1e-12);
	assert_rel(ops->unconditional(bgbb_tight, 11), 3.388654232093329, 1e-12);
	/* by the model: a donation at the last opportunity means alive there */
	ck_assert(ops->p_alive(bgbb_tight, 4, 6, 6) == 1.0);
	ck_assert(ops->expected(bgbb_tight, 0, 3, 4, 6) == 0.0);
	ck_assert(ops->unconditional(bgbb_tight, 0) == 0.0);
	/* whole periods only: NaN otherwise, and for impossible patterns */
	ck_assert(isnan(ops->expected(bgbb_tight, 2.5, 3, 4, 6)));
	ck_assert(isnan(ops->unconditional(bgbb_tight, 0.5)));
	ck_assert(isnan(ops->p_alive(bgbb_tight, 5, 4, 6)));
	ck_assert(isnan(ops->p_alive(bgbb_tight, 0, 2, 6)));
	/* the mean of P(X(11) = x) is E[X(11)] */
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 12, &fit, 11), CXM_OK);
	for (k = 0; k < 12; k++)
		mean += (double)k * pmf[k];
	assert_rel(mean, 3.388654232093329, 1e-12);
}
END_TEST

START_TEST(test_bgbb_pmf)
{
	cxm_clv_fit_result fit = fit_of(CXM_CLV_BGBB, bgbb_tight[0], bgbb_tight[1], bgbb_tight[2], bgbb_tight[3]);
	/* scipy script (comb, betaln; FHS 2010 eq. 7) at the tight optimum, x 11104 */
	const double expect[7] = { 3454.8819917250116, 1888.6543636332608, 1348.8823434345609, 1113.3785370154237,
				   1017.9224072297498, 1027.1660341101558, 1253.1143228518454 };
	double pmf[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
	size_t k;
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &fit, 6), CXM_OK);
	for (k = 0; k < 7; k++)
		assert_rel(11104.0 * pmf[k], expect[k], 1e-12);
	ck_assert(pmf[7] == -1.0);
	/* n = 0: nothing can happen; n = 1: a transaction needs p and surviving
	 * one opportunity, E[p] E[1 - theta] = alpha/(alpha+beta) delta/(gamma+delta) */
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 1, &fit, 0), CXM_OK);
	ck_assert(pmf[0] == 1.0);
	fit = fit_of(CXM_CLV_BGBB, 1, 3, 2, 6);
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 2, &fit, 1), CXM_OK);
	ck_assert_close(pmf[1], 0.25 * 0.75);
	ck_assert_close(pmf[0], 1.0 - 0.25 * 0.75);
}
END_TEST

START_TEST(test_bgbb_errors)
{
	double x[] = { 0, 1, 2 }, tx[] = { 0, 2, 3 }, n[] = { 4, 4, 4 }, w[] = { 5, 3, 2 }, pmf[8];
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT, bad = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_result fit = fit_of(CXM_CLV_BGBB, 1, 2, 3, 4);
	ck_assert_status(cxm_clv_fit_bgbb(NULL, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	bad.version = 0;
	ck_assert_status(cxm_clv_fit_bgbb(&bad, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EVERSION);
	ck_assert_status(cxm_clv_fit_bgbb(&r, NULL, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, NULL, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("recency");
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, NULL, 3, w, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("n_periods");
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, NULL, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("weights");
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 2, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 2, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_bgbb(&r, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL), CXM_EEMPTY);
	tx[1] = NAN;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_ENAN);
	assert_message_has("row 1");
	tx[1] = 5; /* after the last opportunity */
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("recency[1]");
	tx[1] = 1.5;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	tx[1] = 2;
	x[2] = 4; /* four donations by opportunity 3 */
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("row 2");
	x[2] = 2;
	tx[0] = 1; /* a last donation without any donation */
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	tx[0] = 0;
	x[1] = -1;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("frequency[1]");
	x[1] = 1;
	n[2] = 0;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("n_periods[2]");
	n[2] = 2e6;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	n[2] = 4.5;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_ARG);
	n[2] = 4;
	w[1] = -1;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_WEIGHTS);
	assert_message_has("weights[1]");
	w[1] = 0.5;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_WEIGHTS);
	w[1] = NAN;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_WEIGHTS);
	w[0] = w[1] = w[2] = 0;
	ck_assert_status(cxm_clv_fit_bgbb(&r, x, 3, tx, 3, n, 3, w, 3, NULL), CXM_EBAD_WEIGHTS);
	w[0] = 5;
	w[1] = 3;
	w[2] = 2;
	ck_assert(r.n_params == 0);

	/* the pmf */
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, NULL, 3), CXM_EBAD_ARG);
	bad = fit;
	bad.version = 0;
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &bad, 3), CXM_EVERSION);
	bad = fit;
	bad.model = CXM_CLV_SBG;
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &bad, 3), CXM_EBAD_ARG);
	bad = fit;
	bad.params[2] = -1;
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &bad, 3), CXM_EBAD_ARG);
	assert_message_has("gamma");
	ck_assert_status(cxm_clv_bgbb_pmf(NULL, 8, &fit, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 3, &fit, 3), CXM_EBAD_ARG);
	assert_message_has("room for 3");
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &fit, NAN), CXM_ENAN);
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &fit, -1), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &fit, 2.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_bgbb_pmf(pmf, 8, &fit, INFINITY), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_bgbb_oom)
{
	double x[DONATION_ROWS], tx[DONATION_ROWS], n[DONATION_ROWS], w[DONATION_ROWS];
	cxm_clv_fit_result r;
	long k;
	int rc;
	load_donations(x, tx, n, w);
	for (k = 0;; k++) {
		r = (cxm_clv_fit_result)CXM_CLV_FIT_RESULT_INIT;
		oom_arm(k);
		rc = cxm_clv_fit_bgbb(&r, x, DONATION_ROWS, tx, DONATION_ROWS, n, DONATION_ROWS, w, DONATION_ROWS, NULL);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			assert_rel(r.params[0], bgbb_tight[0], 1e-8);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert(r.n_params == 0);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_gt(k, 0);
}
END_TEST

/* ---- sBG ------------------------------------------------------------------- */

/* Fader & Hardie (2007), Table 1: survivors of two cohorts of 1,000, years 0..7 */
static const double sbg_regular[8] = { 1000, 631, 468, 382, 326, 289, 262, 241 };
static const double sbg_high_end[8] = { 1000, 869, 743, 653, 593, 551, 517, 491 };
/* the maximum-likelihood optima, by mpmath findroot on the gradient (40 digits) */
static const double sbg_regular_opt[2] = { 0.70407729847351620802, 1.1820430262094756755 };
static const double sbg_high_end_opt[2] = { 0.6680883511064462186, 3.8060949640582669336 };

START_TEST(test_sbg_paper)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o = opts_with(0, 0);
	ck_assert_status(cxm_clv_fit_opts_set_gradient_tol(o, 1e-13), CXM_OK);
	ck_assert_status(cxm_clv_fit_sbg(&r, sbg_regular, 8, NULL), CXM_OK);
	ck_assert_int_eq(r.model, CXM_CLV_SBG);
	ck_assert_int_eq(r.n_params, 2);
	ck_assert_int_eq(r.n_customers, 1000);
	ck_assert_int_eq(r.converged, 1);
	/* the paper: alpha 0.704, beta 1.182, LL -1680.3 */
	assert_abs(r.params[0], 0.704, 5e-4);
	assert_abs(r.params[1], 1.182, 5e-4);
	assert_abs(r.loglik, -1680.3, 0.05);
	/* the tight optimum: default tolerance, then a strict one */
	assert_rel(r.params[0], sbg_regular_opt[0], 1e-7);
	assert_rel(r.params[1], sbg_regular_opt[1], 1e-7);
	assert_abs(r.loglik, -1680.2651884632869933, 1e-8); /* mpmath */
	ck_assert(isfinite(r.se[0]) && r.se[0] > 0 && isfinite(r.se[1]) && r.se[1] > 0);
	ck_assert_status(cxm_clv_fit_sbg(&r, sbg_regular, 8, o), CXM_OK);
	assert_rel(r.params[0], sbg_regular_opt[0], 1e-12);
	assert_rel(r.params[1], sbg_regular_opt[1], 1e-12);

	/* the paper: alpha 0.668, beta 3.806, LL -1611.2 */
	ck_assert_status(cxm_clv_fit_sbg(&r, sbg_high_end, 8, NULL), CXM_OK);
	assert_abs(r.params[0], 0.668, 5e-4);
	assert_abs(r.params[1], 3.806, 5e-4);
	assert_abs(r.loglik, -1611.2, 0.05);
	assert_rel(r.params[0], sbg_high_end_opt[0], 1e-7);
	assert_rel(r.params[1], sbg_high_end_opt[1], 1e-7);
	assert_abs(r.loglik, -1611.1581473911564414, 1e-8); /* mpmath */
	ck_assert_status(cxm_clv_fit_sbg(&r, sbg_high_end, 8, o), CXM_OK);
	assert_rel(r.params[0], sbg_high_end_opt[0], 1e-12);
	assert_rel(r.params[1], sbg_high_end_opt[1], 1e-12);
	cxm_clv_fit_opts_free(o);
}
END_TEST

START_TEST(test_sbg_curves)
{
	/* mpmath at the optima: S(t) = B(alpha, beta + t) / B(alpha, beta) and
	 * r(t) = (beta + t - 1) / (alpha + beta + t - 1), t = 1..12 */
	static const double s_reg[12] = { 0.62670605408387537, 0.47381932177314309, 0.38797395411438384,
					  0.33206791100876999, 0.29234709920130994, 0.26245581846309497,
					  0.23902361402997535, 0.22008496653381901, 0.20441078661463678,
					  0.1911901910189629,  0.17986499242512676, 0.17003745281151089 };
	static const double r_reg[12] = { 0.62670605408387537, 0.75604714313120287, 0.81882256861643858,
					  0.85590258698363179, 0.88038346828877719, 0.89775413944630295,
					  0.91071943243500804, 0.9207666256197545,  0.92878123314809107,
					  0.93532339552805566, 0.94076475088247146, 0.94536157658524448 };
	static const double s_high[12] = { 0.85067926277360159, 0.74685940997246056, 0.66978898310517004,
					   0.60991913533142233, 0.56183428110096848, 0.52221556928493097,
					   0.48890641972092058, 0.46043967182043899, 0.43577959000517921,
					   0.41417239787170597, 0.39505534315829728, 0.37799907159740885 };
	cxm_clv_fit_result reg = fit_of(CXM_CLV_SBG, sbg_regular_opt[0], sbg_regular_opt[1], 0, 0);
	cxm_clv_fit_result high = fit_of(CXM_CLV_SBG, sbg_high_end_opt[0], sbg_high_end_opt[1], 0, 0);
	double s[13], r[13];
	size_t t;
	s[12] = r[12] = -1.0;
	ck_assert_status(cxm_clv_sbg_curves(s, 12, r, 12, &reg), CXM_OK);
	for (t = 0; t < 12; t++) {
		assert_rel(s[t], s_reg[t], 1e-14);
		assert_rel(r[t], r_reg[t], 1e-14);
	}
	ck_assert(s[12] == -1.0 && r[12] == -1.0);
	/* either curve alone, and each with its own length */
	ck_assert_status(cxm_clv_sbg_curves(s, 12, NULL, 0, &high), CXM_OK);
	for (t = 0; t < 12; t++)
		assert_rel(s[t], s_high[t], 1e-14);
	r[2] = -1.0;
	ck_assert_status(cxm_clv_sbg_curves(NULL, 0, r, 2, &high), CXM_OK);
	assert_rel(r[1], 0.87795652563265612, 1e-14);
	ck_assert(r[2] == -1.0);
	s[3] = r[3] = r[12] = -1.0;
	ck_assert_status(cxm_clv_sbg_curves(s, 3, r, 12, &reg), CXM_OK);
	assert_rel(s[2], s_reg[2], 1e-14);
	ck_assert(s[3] == -1.0 && r[12] == -1.0);
	assert_rel(r[11], r_reg[11], 1e-14);
	ck_assert_status(cxm_clv_sbg_curves(NULL, 0, NULL, 0, &high), CXM_OK);
}
END_TEST

START_TEST(test_sbg_errors)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT, bad = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_result fit = fit_of(CXM_CLV_SBG, 0.7, 1.2, 0, 0);
	double s[] = { 100, 60, 40, 30 }, out[4];
	ck_assert_status(cxm_clv_fit_sbg(NULL, s, 4, NULL), CXM_EBAD_ARG);
	bad.version = 9;
	ck_assert_status(cxm_clv_fit_sbg(&bad, s, 4, NULL), CXM_EVERSION);
	ck_assert_status(cxm_clv_fit_sbg(&r, NULL, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("survivors");
	ck_assert_status(cxm_clv_fit_sbg(&r, NULL, 0, NULL), CXM_EEMPTY);
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 1, NULL), CXM_EEMPTY);
	s[2] = 70;
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 4, NULL), CXM_EINCONSISTENT);
	assert_message_has("survivors[2]");
	s[2] = NAN;
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 4, NULL), CXM_ENAN);
	assert_message_has("survivors[2]");
	s[2] = 39.5;
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("39.5");
	s[2] = -1;
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 4, NULL), CXM_EBAD_ARG);
	s[2] = INFINITY;
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 4, NULL), CXM_EBAD_ARG);
	s[0] = s[1] = s[2] = s[3] = 0;
	ck_assert_status(cxm_clv_fit_sbg(&r, s, 4, NULL), CXM_EEMPTY);
	s[0] = 100;
	s[1] = 60;
	s[2] = 40;
	s[3] = 30;
	ck_assert(r.n_params == 0);

	ck_assert_status(cxm_clv_sbg_curves(out, 4, out, 4, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_sbg_curves(NULL, 4, out, 4, &fit), CXM_EBAD_ARG);
	assert_message_has("survival is NULL");
	ck_assert_status(cxm_clv_sbg_curves(out, 4, NULL, 1, &fit), CXM_EBAD_ARG);
	assert_message_has("retention is NULL");
	bad = fit;
	bad.version = 0;
	ck_assert_status(cxm_clv_sbg_curves(out, 4, out, 4, &bad), CXM_EVERSION);
	bad = fit;
	bad.model = CXM_CLV_GG;
	ck_assert_status(cxm_clv_sbg_curves(out, 4, out, 4, &bad), CXM_EBAD_ARG);
	bad = fit;
	bad.params[1] = 0;
	ck_assert_status(cxm_clv_sbg_curves(out, 4, out, 4, &bad), CXM_EBAD_ARG);
	bad.params[1] = INFINITY;
	ck_assert_status(cxm_clv_sbg_curves(out, 4, out, 4, &bad), CXM_EBAD_ARG);
}
END_TEST

/* The entry points that never allocate: with every allocation refused they
 * must still succeed, and nothing must have been asked for. */
START_TEST(test_no_allocation)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_result gg = fit_of(CXM_CLV_GG, 2, 3, 10, 0);
	cxm_clv_fit_result bb = fit_of(CXM_CLV_BGBB, 1, 2, 3, 4);
	cxm_clv_holdout_errors h = CXM_CLV_HOLDOUT_ERRORS_INIT;
	const double f[] = { 0, 1, 2 }, p[] = { 0.5, 1.0, 2.5 }, a[] = { 0, 2, 2 };
	double out[8], mp[3], ma[3], c[3];
	oom_arm(0);
	ck_assert_status(cxm_clv_fit_sbg(&r, sbg_regular, 8, NULL), CXM_OK);
	ck_assert_status(cxm_clv_sbg_curves(out, 8, out, 8, &r), CXM_OK);
	ck_assert_status(cxm_clv_expected_profit(out, 3, &gg, f, 3, p, 3), CXM_OK);
	ck_assert_status(cxm_clv_bgbb_pmf(out, 8, &bb, 7), CXM_OK);
	ck_assert_status(cxm_clv_holdout_evaluate(&h, p, 3, a, 3), CXM_OK);
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_OK);
	ck_assert(!oom_failed());
	oom_disarm();
}
END_TEST

/* ---- holdout --------------------------------------------------------------- */

START_TEST(test_holdout_evaluate)
{
	/* errors -1, 0, 2, -4: MAE 7/4, RMSE sqrt(21/4), totals 10 and 13 */
	const double p[] = { 1, 2, 3, 4 }, a[] = { 2, 2, 1, 8 };
	/* 1e16 + 1 - 1e16 = 1 only with a compensated sum (a plain one gives 0) */
	const double p2[] = { 1e16, 1, -1e16 }, a2[] = { 0, 0, 0 };
	cxm_clv_holdout_errors e = CXM_CLV_HOLDOUT_ERRORS_INIT;
	ck_assert_status(cxm_clv_holdout_evaluate(&e, p, 4, a, 4), CXM_OK);
	ck_assert_int_eq(e.n, 4);
	ck_assert_close(e.mae, 1.75);
	ck_assert_close(e.rmse, sqrt(5.25));
	ck_assert_close(e.rmse, 2.2912878474779199);
	ck_assert_close(e.total_predicted, 10.0);
	ck_assert_close(e.total_actual, 13.0);
	/* a perfect prediction */
	ck_assert_status(cxm_clv_holdout_evaluate(&e, a, 4, a, 4), CXM_OK);
	ck_assert(e.mae == 0.0 && e.rmse == 0.0);
	ck_assert_status(cxm_clv_holdout_evaluate(&e, p2, 3, a2, 3), CXM_OK);
	ck_assert(e.total_predicted == 1.0);
}
END_TEST

START_TEST(test_holdout_errors)
{
	double p[] = { 1, 2, 3 }, a[] = { 1, 2, 3 };
	cxm_clv_holdout_errors e = CXM_CLV_HOLDOUT_ERRORS_INIT, bad = CXM_CLV_HOLDOUT_ERRORS_INIT;
	ck_assert_status(cxm_clv_holdout_evaluate(NULL, p, 3, a, 3), CXM_EBAD_ARG);
	bad.version = 0;
	ck_assert_status(cxm_clv_holdout_evaluate(&bad, p, 3, a, 3), CXM_EVERSION);
	bad.version = CXM_CLV_HOLDOUT_ERRORS_VERSION + 1;
	ck_assert_status(cxm_clv_holdout_evaluate(&bad, p, 3, a, 3), CXM_EVERSION);
	ck_assert_status(cxm_clv_holdout_evaluate(&e, NULL, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("predicted");
	ck_assert_status(cxm_clv_holdout_evaluate(&e, p, 3, NULL, 3), CXM_EBAD_ARG);
	assert_message_has("actual");
	ck_assert_status(cxm_clv_holdout_evaluate(&e, p, 3, a, 2), CXM_EBAD_ARG);
	assert_message_has("3 values");
	ck_assert_status(cxm_clv_holdout_evaluate(&e, NULL, 0, NULL, 0), CXM_EEMPTY);
	a[2] = NAN;
	ck_assert_status(cxm_clv_holdout_evaluate(&e, p, 3, a, 3), CXM_ENAN);
	assert_message_has("actual[2]");
	a[2] = 3;
	p[1] = INFINITY;
	ck_assert_status(cxm_clv_holdout_evaluate(&e, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("predicted[1]");
	ck_assert_int_eq(e.n, 0); /* untouched by the failures */
}
END_TEST

START_TEST(test_calibration_table)
{
	/* by hand, 6 rows (lifetimes' max_frequency 5): row 0 = customers 0 and
	 * 1; row 1 = 2; row 2 = 5; row 3 = 3; row 4 = none; row 5 = 4 and 6
	 * (frequencies 5 and 7) */
	const double f[] = { 0, 0, 1, 3, 5, 2, 7 };
	const double p[] = { 0.25, 0.75, 1.5, 2.5, 4.0, 2.0, 5.0 };
	const double a[] = { 0, 1, 2, 3, 3, 1, 8 };
	double mp[7], ma[7], c[7];
	mp[6] = ma[6] = c[6] = -1.0;
	ck_assert_status(cxm_clv_calibration_table(mp, 6, ma, 6, c, 6, f, 7, p, 7, a, 7), CXM_OK);
	ck_assert(c[0] == 2 && c[1] == 1 && c[2] == 1 && c[3] == 1 && c[4] == 0 && c[5] == 2);
	ck_assert_close(mp[0], 0.5);
	ck_assert_close(ma[0], 0.5);
	ck_assert_close(mp[1], 1.5);
	ck_assert_close(ma[1], 2.0);
	ck_assert_close(mp[2], 2.0);
	ck_assert_close(ma[2], 1.0);
	ck_assert_close(mp[3], 2.5);
	ck_assert_close(ma[3], 3.0);
	ck_assert(isnan(mp[4]) && isnan(ma[4]));
	ck_assert_close(mp[5], 4.5);
	ck_assert_close(ma[5], 5.5);
	ck_assert(mp[6] == -1.0 && ma[6] == -1.0 && c[6] == -1.0);
	/* one row: everyone in it, the plain means */
	ck_assert_status(cxm_clv_calibration_table(mp, 1, ma, 1, c, 1, f, 7, p, 7, a, 7), CXM_OK);
	ck_assert(c[0] == 7);
	ck_assert_close(mp[0], 16.0 / 7.0);
	ck_assert_close(ma[0], 18.0 / 7.0);
	/* no customers: counts 0, means NaN */
	ck_assert_status(cxm_clv_calibration_table(mp, 2, ma, 2, c, 2, NULL, 0, NULL, 0, NULL, 0), CXM_OK);
	ck_assert(c[0] == 0 && c[1] == 0 && isnan(mp[0]) && isnan(ma[1]));
}
END_TEST

START_TEST(test_calibration_errors)
{
	double f[] = { 0, 1, 2 }, p[] = { 0.5, 1, 2 }, a[] = { 0, 1, 3 }, mp[3], ma[3], c[3];
	mp[0] = -7.0;
	ck_assert_status(cxm_clv_calibration_table(NULL, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("mean_predicted");
	ck_assert_status(cxm_clv_calibration_table(mp, 3, NULL, 3, c, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("mean_actual");
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, NULL, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("count");
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, NULL, 3, p, 3, a, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, NULL, 3, a, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 2, a, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 4), CXM_EBAD_ARG);
	/* the rows: at least one, and room for as many in each output */
	ck_assert_status(cxm_clv_calibration_table(mp, 0, ma, 0, c, 0, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("at least one row");
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 2, c, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("room for 3, 2 and 3 rows");
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 4, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	f[1] = NAN;
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_ENAN);
	assert_message_has("frequency[1]");
	f[1] = 1.25;
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	f[1] = -1;
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	f[1] = 1;
	p[2] = NAN;
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_ENAN);
	assert_message_has("predicted[2]");
	p[2] = 2;
	a[0] = -INFINITY;
	ck_assert_status(cxm_clv_calibration_table(mp, 3, ma, 3, c, 3, f, 3, p, 3, a, 3), CXM_EBAD_ARG);
	assert_message_has("actual[0]");
	ck_assert(mp[0] == -7.0); /* the outputs are written only after every check */
}
END_TEST

static Suite *clvmodel_more_suite(void)
{
	Suite *s = suite_create("clvmodel_more");
	TCase *tc = tcase_create("clvmodel_more");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_model_names);
	tcase_add_test(tc, test_model_describe);
	tcase_add_test(tc, test_clv_words);
	tcase_add_test(tc, test_periods_per_month);
	tcase_add_test(tc, test_fit_from_params);
	tcase_add_test(tc, test_gg_cdnow);
	tcase_add_test(tc, test_gg_scale_invariance);
	tcase_add_test(tc, test_gg_zero_frequency_rows_ignored);
	tcase_add_test(tc, test_gg_threads_same_bits);
	tcase_add_test(tc, test_gg_expected_profit_cdnow);
	tcase_add_test(tc, test_gg_expected_profit_shrinkage);
	tcase_add_test(tc, test_gg_fit_errors);
	tcase_add_test(tc, test_gg_profit_errors);
	tcase_add_test(tc, test_gg_oom);
	tcase_add_test(tc, test_bgbb_donations);
	tcase_add_test(tc, test_bgbb_unit_weights);
	tcase_add_test(tc, test_bgbb_predictions);
	tcase_add_test(tc, test_bgbb_pmf);
	tcase_add_test(tc, test_bgbb_errors);
	tcase_add_test(tc, test_bgbb_oom);
	tcase_add_test(tc, test_sbg_paper);
	tcase_add_test(tc, test_sbg_curves);
	tcase_add_test(tc, test_sbg_errors);
	tcase_add_test(tc, test_no_allocation);
	tcase_add_test(tc, test_holdout_evaluate);
	tcase_add_test(tc, test_holdout_errors);
	tcase_add_test(tc, test_calibration_table);
	tcase_add_test(tc, test_calibration_errors);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_more_suite)
