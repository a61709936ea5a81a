/*
 * tests/unit/test_clvmodel_status.c - how a CLV fit ended and the limits of
 * the predictions (spec §8.14, §8.15): cxm_clv_fit_result version 2 (status,
 * boundary_param) and version-1 callers, the boundary test, TOO_FEW for data
 * that cannot identify a model, cxm_clv_fit_warning, the status in the fit
 * JSON, the limits CXM_CLV_MAX_* refused before any work, and the customer
 * id in the errors of cxm_clv_predict_table and cxm_clv_fit_table.
 *
 * Known values come from elsewhere: Fader, Hardie & Lee's (2005) BG/NBD
 * parameters for CDNOW; for one customer, the supremum of the BG/NBD
 * likelihood, reached as r, alpha -> infinity with r / alpha = x / T and no
 * dropout (the Poisson limit): x ln(x / T) - x, worked by hand.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "cdnow.h"

static double cd_x[CDNOW_N], cd_tx[CDNOW_N], cd_T[CDNOW_N], cd_m[CDNOW_N];

static void load_cdnow(void)
{
	static int loaded;
	if (!loaded)
		cdnow_read_summary("cdnow_customers_summary_with_transactions.csv", cd_x, cd_tx, cd_T, cd_m);
	loaded = 1;
}

/* A converged fit: status, boundary, warning; Fader, Hardie & Lee's values. */
START_TEST(test_converged)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	char w[512] = "x";
	load_cdnow();
	ck_assert_int_eq(CXM_CLV_FIT_RESULT_VERSION, 2);
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_BGNBD, cd_x, CDNOW_N, cd_tx, CDNOW_N, cd_T, CDNOW_N, NULL, 0, NULL),
			 CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_CONVERGED);
	ck_assert_int_eq(r.converged, 1);
	ck_assert_int_eq(r.boundary_param, -1);
	ck_assert(fabs(r.params[0] - 0.243) < 5e-4 && fabs(r.params[1] - 4.414) < 5e-4);
	ck_assert(fabs(r.params[2] - 0.793) < 5e-4 && fabs(r.params[3] - 2.426) < 5e-4);
	ck_assert_status(cxm_clv_fit_warning(w, sizeof w, &r), CXM_OK);
	ck_assert_str_eq(w, "");
}
END_TEST

/* max_iterations 2: ITERATION_LIMIT in every fit entry point. */
START_TEST(test_iteration_limit)
{
	static const double survivors[8] = { 1000, 631, 468, 382, 326, 289, 262, 241 };
	static const double bx[] = { 0, 1, 2, 3, 1, 2 }, btx[] = { 0, 1, 3, 5, 4, 6 }, bn[] = { 6, 6, 6, 6, 6, 6 };
	static const double bw[] = { 300, 100, 60, 40, 80, 50 };
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o = NULL;
	char w[512];
	load_cdnow();
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_max_iterations(o, 2), CXM_OK);
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_BGNBD, cd_x, CDNOW_N, cd_tx, CDNOW_N, cd_T, CDNOW_N, NULL, 0, o),
			 CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_ITERATION_LIMIT);
	ck_assert_int_eq(r.converged, 0);
	ck_assert_uint_eq(r.iterations, 2);
	ck_assert_int_eq(r.boundary_param, -1);
	ck_assert_status(cxm_clv_fit_warning(w, sizeof w, &r), CXM_OK);
	{
		char want[512];
		snprintf(want, sizeof want, "bgnbd fit did not converge: stopped at the iteration limit (2 "
			 "iterations; largest gradient %.3g); raise max_iterations", r.gradient_norm);
		ck_assert_str_eq(w, want);
	}
	/* cut to the capacity, NUL-terminated */
	ck_assert_status(cxm_clv_fit_warning(w, 6, &r), CXM_OK);
	ck_assert_str_eq(w, "bgnbd");
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_PNBD, cd_x, CDNOW_N, cd_tx, CDNOW_N, cd_T, CDNOW_N, NULL, 0, o),
			 CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_ITERATION_LIMIT);
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, cd_x, CDNOW_N, cd_m, CDNOW_N, o), CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_ITERATION_LIMIT);
	ck_assert_status(cxm_clv_fit_bgbb(&r, bx, 6, btx, 6, bn, 6, bw, 6, o), CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_ITERATION_LIMIT);
	ck_assert_status(cxm_clv_fit_opts_set_max_iterations(o, 1), CXM_OK);
	ck_assert_status(cxm_clv_fit_sbg(&r, survivors, 8, o), CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_ITERATION_LIMIT);
	ck_assert_uint_eq(r.iterations, 1);
	cxm_clv_fit_opts_free(o);
}
END_TEST

/* One customer: the likelihood has no maximum inside; r and alpha run off
 * together towards the Poisson limit, whose log-likelihood is x ln(x/T) - x. */
START_TEST(test_one_customer_boundary)
{
	double x = 3, tx = 20, T = 30;
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	char w[512], want[512];
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_BGNBD, &x, 1, &tx, 1, &T, 1, NULL, 0, NULL), CXM_OK);
	ck_assert_int_eq(r.status, CXM_CLV_FIT_BOUNDARY);
	ck_assert_int_eq(r.converged, 0);
	ck_assert_int_eq(r.boundary_param, 0); /* r */
	ck_assert(r.params[0] > 1e6);
	ck_assert(fabs(r.params[0] / r.params[1] - 0.1) < 1e-3); /* the rate x / T */
	ck_assert(fabs(r.loglik - (3 * log(0.1) - 3)) < 1e-5);
	ck_assert_status(cxm_clv_fit_warning(w, sizeof w, &r), CXM_OK);
	snprintf(want, sizeof want, "bgnbd fit did not converge: parameter r ran off to infinity (r = %.6g); the "
		 "data cannot identify the model (too few customers, or too little variation between them)",
		 r.params[0]);
	ck_assert_str_eq(w, want);
}
END_TEST

/* A caller of version 1 gets the fields of version 1 only. */
START_TEST(test_version_1_caller)
{
	static const char js[] = "{\"model\": \"bgnbd\", \"params\": {\"r\": 1, \"alpha\": 2, \"a\": 3, \"b\": 4}, "
				 "\"converged\": true, \"status\": \"converged\"}";
	double x = 3, tx = 20, T = 30, p[4] = { 1, 2, 3, 4 };
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	char w[512];
	r.version = 1;
	r.status = 77;
	r.boundary_param = 77;
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_BGNBD, &x, 1, &tx, 1, &T, 1, NULL, 0, NULL), CXM_OK);
	ck_assert_int_eq(r.converged, 0);
	ck_assert(r.status == 77 && r.boundary_param == 77);
	ck_assert_status(cxm_clv_fit_warning(w, sizeof w, &r), CXM_OK); /* from converged and iterations */
	ck_assert(strncmp(w, "bgnbd fit did not converge: stopped at the iteration limit", 58) == 0);
	ck_assert_status(cxm_clv_fit_result_from_json(&r, js, strlen(js)), CXM_OK);
	ck_assert(r.converged == 1 && r.status == 77 && r.boundary_param == 77);
	ck_assert_status(cxm_clv_fit_result_from_params(&r, CXM_CLV_BGNBD, p, 4), CXM_OK);
	ck_assert(r.status == 77 && r.boundary_param == 77);
	ck_assert_status(cxm_clv_fit_warning(w, sizeof w, &r), CXM_OK);
	ck_assert_str_eq(w, ""); /* given parameters */
	r.version = 3;
	ck_assert_status(cxm_clv_fit_warning(w, sizeof w, &r), CXM_EVERSION);
	ck_assert_status(cxm_clv_fit_warning(NULL, 8, &r), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_warning(w, 0, &r), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_warning(w, 8, NULL), CXM_EBAD_ARG);
}
END_TEST

/* Data that cannot identify the model at all. */
START_TEST(test_too_few)
{
	static const double x0[] = { 0, 0, 0 }, t0[] = { 0, 0, 0 }, T[] = { 30, 20, 10 };
	static const double gx[] = { 0, 2, 0 }, gm[] = { 0, 12.5, 0 };
	static const double bn[] = { 6, 6, 6 }, bw[] = { 10, 20, 5 };
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_BGNBD, x0, 3, t0, 3, T, 3, NULL, 0, NULL), CXM_ETOO_FEW);
	assert_message_has("TOO_FEW: no customer made a repeat purchase (every frequency is 0 among 3 customers): "
			   "bgnbd cannot be fitted");
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_PNBD, x0, 3, t0, 3, T, 3, NULL, 0, NULL), CXM_ETOO_FEW);
	assert_message_has("pnbd cannot be fitted");
	ck_assert_status(cxm_clv_fit_gamma_gamma(&r, gx, 3, gm, 3, NULL), CXM_ETOO_FEW);
	assert_message_has("one customer with frequency > 0 among 3 rows; Gamma-Gamma needs at least 2 repeat "
			   "buyers");
	ck_assert_status(cxm_clv_fit_bgbb(&r, x0, 3, t0, 3, bn, 3, bw, 3, NULL), CXM_ETOO_FEW);
	assert_message_has("no customer made a transaction (every frequency is 0 among 35 customers): BG/BB "
			   "cannot be fitted");
	ck_assert(r.n_params == 0); /* no failed call wrote the result */
}
END_TEST

/* The status in the fit JSON, and read back. */
START_TEST(test_json_status)
{
	double x = 3, tx = 20, T = 30;
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT, back = CXM_CLV_FIT_RESULT_INIT;
	char *text = NULL;
	static const char old_true[] = "{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"converged\": true}";
	static const char old_false[] = "{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"converged\": false, "
					"\"iterations\": 9}";
	static const char bad_word[] = "{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"status\": \"fine\"}";
	static const char no_param[] = "{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"status\": \"boundary\"}";
	static const char limit[] = "{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"converged\": true, "
				    "\"status\": \"iteration_limit\"}";
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_BGNBD, &x, 1, &tx, 1, &T, 1, NULL, 0, NULL), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_to_json(&text, &r), CXM_OK);
	ck_assert(strstr(text, "  \"status\": \"boundary\",\n  \"boundary_param\": \"r\"\n}\n") != NULL);
	ck_assert(strstr(text, "\"converged\": false") != NULL);
	ck_assert_status(cxm_clv_fit_result_from_json(&back, text, strlen(text)), CXM_OK);
	ck_assert(back.status == CXM_CLV_FIT_BOUNDARY && back.boundary_param == 0 && back.converged == 0);
	cxm_free(text);
	ck_assert_status(cxm_clv_fit_result_from_json(&back, old_true, strlen(old_true)), CXM_OK);
	ck_assert(back.status == CXM_CLV_FIT_CONVERGED && back.converged == 1 && back.boundary_param == -1);
	ck_assert_status(cxm_clv_fit_result_from_json(&back, old_false, strlen(old_false)), CXM_OK);
	ck_assert(back.status == CXM_CLV_FIT_GIVEN && back.converged == 0);
	ck_assert_status(cxm_clv_fit_result_from_json(&back, limit, strlen(limit)), CXM_OK);
	ck_assert(back.status == CXM_CLV_FIT_ITERATION_LIMIT && back.converged == 0); /* the status decides */
	ck_assert_status(cxm_clv_fit_result_from_json(&back, bad_word, strlen(bad_word)), CXM_EPARSE);
	assert_message_has("fit JSON: \"status\": fit status must be converged, iteration_limit, boundary, stalled or "
			   "given, not 'fine'");
	ck_assert_status(cxm_clv_fit_result_from_json(&back, no_param, strlen(no_param)), CXM_EPARSE);
	assert_message_has("\"status\" is \"boundary\" but \"boundary_param\" does not name a parameter of gg");
	/* the names table */
	{
		static const char *const words[] = { "converged", "iteration_limit", "boundary", "stalled", "given" };
		int i, v;
		for (i = 0; i < 5; i++) {
			ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_FIT_STATUS, i), words[i]);
			ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_FIT_STATUS, words[i]), CXM_OK);
			ck_assert_int_eq(v, i);
		}
		ck_assert_ptr_null(cxm_names_word(CXM_NAMES_CLV_FIT_STATUS, 5));
	}
}
END_TEST

/* The limits of spec §8.15, with the messages that name them. */
START_TEST(test_limits)
{
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT, gg = CXM_CLV_FIT_RESULT_INIT, bb = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_result sbg = CXM_CLV_FIT_RESULT_INIT;
	double p[4] = { 0.243, 4.414, 0.793, 2.426 }, g[3] = { 6.25, 3.74, 15.44 }, b[4] = { 1.2, 0.75, 0.66, 2.78 };
	double x[2] = { 2, 0 }, tx[2] = { 30, 0 }, T[2] = { 38, 38 }, m[2] = { 20, 0 }, out[2], d = 0.01, v;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, p, 4), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_from_params(&gg, CXM_CLV_GG, g, 3), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_from_params(&bb, CXM_CLV_BGBB, b, 4), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_from_params(&sbg, CXM_CLV_SBG, b, 2), CXM_OK);
	ck_assert_status(cxm_clv_expected_purchases(out, 2, &f, 1e6, x, 2, tx, 2, T, 2), CXM_OK);
	ck_assert_status(cxm_clv_expected_purchases(out, 2, &f, 1e308, x, 2, tx, 2, T, 2), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: t = 1e+308 is above the longest horizon, 1000000 periods "
			   "(CXM_CLV_MAX_HORIZON)");
	ck_assert_status(cxm_clv_unconditional_purchases(&v, &f, 1000001), CXM_EBAD_ARG);
	assert_message_has("t = 1000001 is above the longest horizon");
	ck_assert_status(cxm_clv_discounted(out, 2, &f, &gg, x, 2, tx, 2, T, 2, m, 2, 100000, &d, 1, 4.345),
			 CXM_EBAD_ARG);
	assert_message_has("months = 100000 must be a whole number from 1 to 1200 (CXM_CLV_MAX_MONTHS)");
	ck_assert_status(cxm_clv_discounted(out, 2, &f, &gg, x, 2, tx, 2, T, 2, m, 2, 1200, &d, 1, 1000),
			 CXM_EBAD_ARG);
	assert_message_has("months x periods_per_month = 1200 x 1000 is above the longest horizon, 1000000 periods "
			   "(CXM_CLV_MAX_HORIZON)");
	ck_assert_status(cxm_clv_discounted(out, 2, &f, &gg, x, 2, tx, 2, T, 2, m, 2, 1200, &d, 1, 4.345), CXM_OK);
	ck_assert_status(cxm_clv_sbg_curves(&v, 1, out, 1000001, &sbg), CXM_EBAD_ARG);
	assert_message_has("n_retention = 1000001 is above the limit of 1000000 periods (CXM_CLV_MAX_PERIODS)");
	ck_assert_status(cxm_clv_p_alive_grid(out, 2, &f, 1000001, 0, 38), CXM_EBAD_ARG);
	assert_message_has("max_frequency = 1000001 is above the limit of 1000000 (CXM_CLV_MAX_PERIODS)");
	ck_assert_status(cxm_clv_p_alive_grid(out, 2, &f, 10000, 10000, 1e5), CXM_EBAD_ARG);
	assert_message_has("a grid of 10001 x 10001 cells is above the limit of 100000000 cells "
			   "(CXM_CLV_MAX_GRID_CELLS)");
	{
		cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
		/* the limit before the entries are read: a short array will do */
		ck_assert_status(cxm_clv_fit_sbg(&r, out, 1000002, NULL), CXM_EBAD_ARG);
		assert_message_has("survivors has 1000002 entries, above the limit of 1000000 periods after the "
				   "start (CXM_CLV_MAX_PERIODS)");
	}
	ck_assert_status(cxm_clv_bgbb_pmf(out, 2, &bb, 1000001), CXM_EBAD_ARG);
	assert_message_has("1000000");
}
END_TEST

/* cxm_clv_predict_table: the limits first, and errors by customer id. */
START_TEST(test_predict_table_ids)
{
	static const char *const ids[3] = { "a", "b", "c" };
	double x[3] = { 2, 2.5, 0 }, tx[3] = { 30, 20, 0 }, T[3] = { 38, 38, 38 }, m[3] = { 20, 10, 0 };
	double p[4] = { 0.243, 4.414, 0.793, 2.426 }, g[3] = { 6.25, 3.74, 15.44 };
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT, gg = CXM_CLV_FIT_RESULT_INIT;
	cxm_table *s = NULL, *out = NULL, *plain = NULL;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, CXM_CLV_BGNBD, p, 4), CXM_OK);
	ck_assert_status(cxm_clv_fit_result_from_params(&gg, CXM_CLV_GG, g, 3), CXM_OK);
	ck_assert_status(cxm_table_new(&s), CXM_OK);
	ck_assert_status(cxm_table_add_texts(s, "id", ids, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "frequency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "recency", tx, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "T", T, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "monetary_value", m, 3), CXM_OK);
	ck_assert_status(cxm_clv_predict_table(&out, s, &f, NULL, 10, 12, 0.01, 4.345), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: customer 'b' (row 2 of the summary): frequency = 2.5 must be a non-negative "
			   "integer (the number of repeat purchases)");
	ck_assert_ptr_null(out);
	/* the limits before any row is looked at */
	ck_assert_status(cxm_clv_predict_table(&out, s, &f, NULL, 1e308, 12, 0.01, 4.345), CXM_EBAD_ARG);
	assert_message_has("t = 1e+308 is above the longest horizon");
	ck_assert_status(cxm_clv_predict_table(&out, s, &f, &gg, 10, 100000, 0.01, 4.345), CXM_EBAD_ARG);
	assert_message_has("months = 100000 must be a whole number from 1 to 1200 (CXM_CLV_MAX_MONTHS)");
	/* a fit that is wrong for every customer is not blamed on one */
	f.params[0] = -1;
	x[1] = 2;
	ck_assert_status(cxm_table_new(&plain), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(plain, "frequency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(plain, "recency", tx, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(plain, "T", T, 3), CXM_OK);
	ck_assert_status(cxm_clv_predict_table(&out, plain, &f, NULL, 10, 12, 0.01, 4.345), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: fit->params[0] (r) = -1 must be finite and > 0");
	/* without an id column, the row number stands for the id */
	f.params[0] = 0.243;
	tx[2] = 5; /* frequency 0 with a recency */
	cxm_table_free(plain);
	ck_assert_status(cxm_table_new(&plain), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(plain, "frequency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(plain, "recency", tx, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(plain, "T", T, 3), CXM_OK);
	ck_assert_status(cxm_clv_predict_table(&out, plain, &f, NULL, 10, 12, 0.01, 4.345), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: customer '3' (row 3 of the summary): frequency is 0 but recency = 5");
	cxm_table_free(plain);
	cxm_table_free(s);
}
END_TEST

/* cxm_clv_fit_table names the customer of a bad row by its id. */
START_TEST(test_fit_table_ids)
{
	static const char *const ids[3] = { "alice", "bob", "carol" };
	double x[3] = { 2, 2.5, 0 }, tx[3] = { 30, 20, 0 }, T[3] = { 38, 38, 38 }, num[3] = { 101, 102, 103 };
	double m[3] = { 20, -1, 0 };
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_table *s = NULL, *n = NULL;
	ck_assert_status(cxm_table_new(&s), CXM_OK);
	ck_assert_status(cxm_table_add_texts(s, "id", ids, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "frequency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "recency", tx, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "T", T, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(s, "monetary_value", m, 3), CXM_OK);
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_BGNBD, s, NULL), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: customer 'bob' (row 2 of the summary): frequency[1] = 2.5 must be a "
			   "non-negative integer (the number of repeat purchases)");
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_GG, s, NULL), CXM_EBAD_ARG);
	assert_message_has("customer 'bob' (row 2 of the summary): frequency[1] = 2.5");
	/* a number id ("ID", as Hardie's files), and a message about no row */
	x[1] = 2;
	ck_assert_status(cxm_table_new(&n), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "ID", num, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "frequency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "monetary_value", m, 3), CXM_OK);
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_GG, n, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has("OUT_OF_RANGE: customer '102' (row 2 of the summary): monetary_value[1] = -1");
	x[0] = x[1] = 0;
	cxm_table_free(n);
	ck_assert_status(cxm_table_new(&n), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "ID", num, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "frequency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "recency", x, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(n, "T", T, 3), CXM_OK);
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_BGNBD, n, NULL), CXM_ETOO_FEW);
	assert_message_has("TOO_FEW: no customer made a repeat purchase (every frequency is 0 among 3 customers)");
	cxm_table_free(n);
	cxm_table_free(s);
}
END_TEST

static Suite *clvmodel_status_suite(void)
{
	Suite *s = suite_create("clvmodel_status");
	TCase *tc = tcase_create("status");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_converged);
	tcase_add_test(tc, test_iteration_limit);
	tcase_add_test(tc, test_one_customer_boundary);
	tcase_add_test(tc, test_version_1_caller);
	tcase_add_test(tc, test_too_few);
	tcase_add_test(tc, test_json_status);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_predict_table_ids);
	tcase_add_test(tc, test_fit_table_ids);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_status_suite)
