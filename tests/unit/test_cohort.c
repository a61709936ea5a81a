/*
 * tests/unit/test_cohort.c - cxm_cohort_table (spec §24) on hand-worked logs:
 * every count, rate and sum below is worked out by hand in the comments
 * (churn 100 L / S and retention 100 (E - N) / S as §5 defines them).
 */
#include <stdint.h>
#include "harness.h"
#include "oom.h"

static double ts(const char *iso)
{
	double s;
	ck_assert_status(cxm_timestamp_parse(&s, NULL, iso), CXM_OK);
	return s;
}

static double day_of(const char *iso)
{
	double d;
	ck_assert_status(cxm_date_parse(&d, iso), CXM_OK);
	return d;
}

/* The small log of the worked example (UTC):
 *   a: view 2024-01-05, purchase 2024-01-20 (10.5), purchase 2024-03-02 (4.25)
 *   b: view 2024-01-31T23:30Z, view 2024-02-01T08:00Z
 *   c: view 2024-02-10
 *   d: purchase 2024-02-15 (7), view 2024-03-20
 * Input rows deliberately not sorted. */
static const char *const W_CUST[] = { "d", "a", "b", "a", "c", "b", "a", "d" };
static const char *const W_TIME[] = { "2024-03-20T09:00Z", "2024-01-20T10:00Z", "2024-02-01T08:00Z",
				      "2024-01-05T10:00Z", "2024-02-10T12:00Z", "2024-01-31T23:30Z",
				      "2024-03-02T10:00Z", "2024-02-15T10:00Z" };
static const char *const W_EVENT[] = { "view", "purchase", "view", "view", "view", "view", "purchase", "purchase" };
static const double W_AMOUNT[] = { NAN, 10.5, NAN, NAN, NAN, NAN, 4.25, 7 };
#define W_N 8

static cxm_events *worked_log(int utc_offset, int with_amount)
{
	cxm_table *t = NULL;
	cxm_events_opts *o = NULL;
	cxm_events *e = NULL;
	double secs[W_N];
	size_t i;
	for (i = 0; i < W_N; i++)
		secs[i] = ts(W_TIME[i]);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", W_CUST, W_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "time", secs, W_N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", W_EVENT, W_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "amount", W_AMOUNT, W_N), CXM_OK);
	ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
	if (with_amount)
		ck_assert_status(cxm_events_opts_add_value(o, "amount"), CXM_OK);
	ck_assert_status(cxm_events_opts_set_utc_offset(o, utc_offset), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_OK);
	cxm_events_opts_free(o);
	cxm_table_free(t);
	return e;
}

static const double *col(const cxm_table *t, const char *name)
{
	size_t k;
	ck_assert_status(cxm_table_column_index(&k, t, name), CXM_OK);
	return cxm_table_numbers(t, k);
}

/* NaN-aware equality for expected columns (NaN expected: NaN got). */
static void assert_column(const cxm_table *t, const char *name, const double *exp, size_t n)
{
	const double *got = col(t, name);
	size_t i;
	ck_assert_uint_eq(cxm_table_rows(t), n);
	for (i = 0; i < n; i++) {
		if (isnan(exp[i]))
			ck_assert_msg(isnan(got[i]), "%s[%zu] = %.17g, expected NaN", name, i, got[i]);
		else
			ck_assert_msg(fabs(got[i] - exp[i]) <= 1e-12 * (1 + fabs(exp[i])), "%s[%zu] = %.17g, expected %.17g",
				      name, i, got[i], exp[i]);
	}
}

START_TEST(test_worked_monthly)
{
	cxm_events *e = worked_log(0, 0);
	cxm_table *t = NULL;
	const char *s;
	double x;
	/* Jan cohort {a, b} (b's 23:30Z is still January at UTC): a active Jan
	 * and Mar (a gap), b Jan and Feb. Feb cohort {c, d}: d back in March.
	 * Last event March: Jan has p 0..2, Feb p 0..1. */
	const double cohort[] = { day_of("2024-01-01"), day_of("2024-01-01"), day_of("2024-01-01"),
				  day_of("2024-02-01"), day_of("2024-02-01") };
	const double period[] = { 0, 1, 2, 0, 1 };
	const double customers[] = { 2, 2, 2, 2, 2 };
	const double active[] = { 2, 1, 1, 2, 1 };
	const double retention[] = { 100, 50, 50, 100, 50 };
	/* Jan p1: S 2, lost a: 50; kept b: (1 - 0) / 2 = 50. Jan p2: S 1 (b), b lost: 100;
	 * E 1 (a), N 1 (a came back, not active in p1): (1 - 1) / 1 = 0. Feb p1: S 2, c lost: 50; 50. */
	const double churn[] = { NAN, 50, 100, NAN, 50 };
	const double pret[] = { NAN, 50, 0, NAN, 50 };
	const double nan5[] = { NAN, NAN, NAN, NAN, NAN };
	ck_assert_status(cxm_cohort_table(&t, e, NULL), CXM_OK);
	assert_column(t, "cohort", cohort, 5);
	assert_column(t, "period", period, 5);
	assert_column(t, "customers", customers, 5);
	assert_column(t, "active", active, 5);
	assert_column(t, "retention", retention, 5);
	assert_column(t, "churn", churn, 5);
	assert_column(t, "period_retention", pret, 5);
	assert_column(t, "revenue", nan5, 5); /* no amount: NaN, not 0 */
	assert_column(t, "cumulative_revenue_per_customer", nan5, 5);
	ck_assert_status(cxm_table_get_attr_text(&s, t, "kind"), CXM_OK);
	ck_assert_str_eq(s, "cohort");
	ck_assert_status(cxm_table_get_attr_text(&s, t, "every"), CXM_OK);
	ck_assert_str_eq(s, "month");
	ck_assert_status(cxm_table_get_attr_text(&s, t, "amount"), CXM_OK);
	ck_assert_str_eq(s, "");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "customers_in_log"), CXM_OK);
	ck_assert_close(x, 4);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "customers_not_entered"), CXM_OK);
	ck_assert_close(x, 0);
	ck_assert_str_eq(cxm_table_column_name(t, 0), "cohort");
	ck_assert_str_eq(cxm_table_column_name(t, 9), "period_retention");
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_utc_offset_moves_midnight)
{
	/* At +01:00 b's 2024-01-31T23:30Z is February 1: Jan cohort {a} (p0, p2),
	 * Feb cohort {b, c, d} (d back in March). Jan p1: S 1, lost 1: churn 100,
	 * retention 0; Jan p2: S 0: both NaN. Feb p1: S 3, lost 2: 66.67, 33.33. */
	cxm_events *e = worked_log(60, 0);
	cxm_table *t = NULL;
	const double customers[] = { 1, 1, 1, 3, 3 };
	const double active[] = { 1, 0, 1, 3, 1 };
	const double retention[] = { 100, 0, 100, 100, 100.0 / 3 };
	const double churn[] = { NAN, 100, NAN, NAN, 200.0 / 3 };
	const double pret[] = { NAN, 0, NAN, NAN, 100.0 / 3 };
	ck_assert_status(cxm_cohort_table(&t, e, NULL), CXM_OK);
	assert_column(t, "customers", customers, 5);
	assert_column(t, "active", active, 5);
	assert_column(t, "retention", retention, 5);
	assert_column(t, "churn", churn, 5);
	assert_column(t, "period_retention", pret, 5);
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_first_and_active_event_amounts)
{
	/* Entry and activity = purchase: b and c never purchase (not entered: 2).
	 * Jan {a}: 10.5 in Jan, nothing in Feb, 4.25 in Mar: cumulative 10.5,
	 * 10.5, 14.75. Feb {d}: 7, then d's March view is not a purchase: 0. */
	cxm_events *e = worked_log(0, 1);
	cxm_cohort_opts *o = NULL;
	cxm_table *t = NULL;
	double x;
	const double active[] = { 1, 0, 1, 1, 0 };
	const double revenue[] = { 10.5, 0, 4.25, 7, 0 };
	const double cum[] = { 10.5, 10.5, 14.75, 7, 7 };
	ck_assert_status(cxm_cohort_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_amount(o, "amount"), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_first_event(o, "purchase"), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_active_event(o, "purchase"), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_OK);
	assert_column(t, "active", active, 5);
	assert_column(t, "revenue", revenue, 5);
	assert_column(t, "revenue_per_customer", revenue, 5);
	assert_column(t, "cumulative_revenue_per_customer", cum, 5);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "customers_not_entered"), CXM_OK);
	ck_assert_close(x, 2);
	cxm_table_free(t);
	/* activity = any event: d's March view (input row 1) comes after d's
	 * entry and has no amount: an error naming the customer and the row, or
	 * left out and counted (a's January view is before a's entry: not seen) */
	ck_assert_status(cxm_cohort_opts_set_active_event(o, NULL), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_ENAN);
	ck_assert_ptr_null(t);
	assert_message_has("customer 'd'");
	assert_message_has("row 1,");
	assert_message_has("amount");
	ck_assert_status(cxm_cohort_opts_set_nan_policy(o, CXM_NAN_OMIT), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_OK);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "amounts_omitted"), CXM_OK);
	ck_assert_close(x, 1);
	cxm_table_free(t);
	cxm_cohort_opts_free(o);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_weeks_across_new_year)
{
	/* ISO weeks: 2024-12-29 is a Sunday (week of Monday 2024-12-23);
	 * 2024-12-30 is the Monday of 2025-W01; 2025-01-06 starts W02.
	 * x: Dec 29, Dec 30, Jan 6 -> active p0, p1, p2 of cohort 2024-12-23.
	 * y: Dec 31 -> cohort 2024-12-30 (p0 active, p1 not). */
	const char *cust[] = { "x", "x", "x", "y" };
	const char *ev[] = { "e", "e", "e", "e" };
	double secs[4];
	cxm_events *e = NULL;
	cxm_cohort_opts *o = NULL;
	cxm_table *t = NULL;
	const double cohort[] = { day_of("2024-12-23"), day_of("2024-12-23"), day_of("2024-12-23"),
				  day_of("2024-12-30"), day_of("2024-12-30") };
	const double active[] = { 1, 1, 1, 1, 0 };
	secs[0] = ts("2024-12-29T12:00Z");
	secs[1] = ts("2024-12-30T12:00Z");
	secs[2] = ts("2025-01-06T12:00Z");
	secs[3] = ts("2024-12-31T12:00Z");
	ck_assert_status(cxm_events_from_arrays(&e, cust, 4, secs, 4, ev, 4), CXM_OK);
	ck_assert_status(cxm_cohort_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_period(o, CXM_PERIOD_WEEK), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_OK);
	assert_column(t, "cohort", cohort, 5);
	assert_column(t, "active", active, 5);
	cxm_table_free(t);
	cxm_cohort_opts_free(o);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_exact_revenue)
{
	/* 1e16 + 1 - 1e16 in one cell: exactly 1 whatever the order (a plain
	 * left-to-right double sum gives 0 or 2 depending on it) */
	const char *cust[] = { "p", "q", "r" };
	const char *ev[] = { "order", "order", "order" };
	const double amount[] = { 1e16, 1, -1e16 };
	double secs[3];
	cxm_table *in = NULL, *t = NULL;
	cxm_events_opts *eo = NULL;
	cxm_events *e = NULL;
	cxm_cohort_opts *o = NULL;
	const double one[] = { 1 }, third[] = { 1.0 / 3 };
	secs[0] = ts("2024-05-01T00:00Z");
	secs[1] = ts("2024-05-02T00:00Z");
	secs[2] = ts("2024-05-03T00:00Z");
	ck_assert_status(cxm_table_new(&in), CXM_OK);
	ck_assert_status(cxm_table_add_texts(in, "customer_id", cust, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "time", secs, 3), CXM_OK);
	ck_assert_status(cxm_table_add_texts(in, "event", ev, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "amount", amount, 3), CXM_OK);
	ck_assert_status(cxm_events_opts_new(&eo), CXM_OK);
	ck_assert_status(cxm_events_opts_add_value(eo, "amount"), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, in, eo), CXM_OK);
	ck_assert_status(cxm_cohort_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_amount(o, "amount"), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_OK);
	assert_column(t, "revenue", one, 1);
	assert_column(t, "revenue_per_customer", third, 1);
	cxm_table_free(t);
	cxm_cohort_opts_free(o);
	cxm_events_opts_free(eo);
	cxm_events_free(e);
	cxm_table_free(in);
}
END_TEST

START_TEST(test_bad_input)
{
	cxm_events *e = worked_log(0, 1);
	cxm_cohort_opts *o = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_cohort_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_period(o, 9), CXM_EBAD_ARG);
	assert_message_has("month");
	ck_assert_status(cxm_cohort_opts_set_period(NULL, CXM_PERIOD_DAY), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_opts_set_nan_policy(o, 7), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_opts_set_amount(o, ""), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_opts_set_first_event(NULL, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_opts_set_active_event(o, ""), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_table(NULL, e, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_table(&t, NULL, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_cohort_opts_set_first_event(o, "signup"), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_EBAD_ARG);
	ck_assert_ptr_null(t);
	assert_message_has("first_event 'signup'");
	assert_message_has("purchase");
	ck_assert_status(cxm_cohort_opts_set_first_event(o, NULL), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_active_event(o, "click"), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_EBAD_ARG);
	assert_message_has("active_event 'click'");
	ck_assert_status(cxm_cohort_opts_set_active_event(o, NULL), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_amount(o, "revenue"), CXM_OK);
	ck_assert_status(cxm_cohort_table(&t, e, o), CXM_EBAD_ARG);
	assert_message_has("revenue");
	cxm_cohort_opts_free(o);
	cxm_cohort_opts_free(NULL);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_infinite_amount)
{
	const char *cust[] = { "p" };
	const char *ev[] = { "order" };
	const double amount[] = { INFINITY };
	double secs[1];
	cxm_table *in = NULL, *t = NULL;
	cxm_events_opts *eo = NULL;
	cxm_events *e = NULL;
	cxm_cohort_opts *o = NULL;
	secs[0] = ts("2024-05-01T00:00Z");
	ck_assert_status(cxm_table_new(&in), CXM_OK);
	ck_assert_status(cxm_table_add_texts(in, "customer_id", cust, 1), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "time", secs, 1), CXM_OK);
	ck_assert_status(cxm_table_add_texts(in, "event", ev, 1), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(in, "amount", amount, 1), CXM_OK);
	ck_assert_status(cxm_events_opts_new(&eo), CXM_OK);
	ck_assert_status(cxm_events_opts_add_value(eo, "amount"), CXM_OK);
	if (cxm_events_from_table(&e, in, eo) == CXM_OK) { /* the log may refuse it itself */
		ck_assert_status(cxm_cohort_opts_new(&o), CXM_OK);
		ck_assert_status(cxm_cohort_opts_set_amount(o, "amount"), CXM_OK);
		ck_assert_status(cxm_cohort_table(&t, e, o), CXM_EBAD_ARG);
		assert_message_has("customer 'p'");
		assert_message_has("inf");
		cxm_cohort_opts_free(o);
	}
	cxm_events_opts_free(eo);
	cxm_events_free(e);
	cxm_table_free(in);
}
END_TEST

static cxm_events *g_log;
static cxm_cohort_opts *g_opts;

static int step_table(void **res)
{
	return cxm_cohort_table((cxm_table **)res, g_log, g_opts);
}

START_TEST(test_oom)
{
	long k;
	int rc;
	g_log = worked_log(0, 1);
	ck_assert_status(cxm_cohort_opts_new(&g_opts), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_amount(g_opts, "amount"), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_first_event(g_opts, "purchase"), CXM_OK);
	ck_assert_status(cxm_cohort_opts_set_active_event(g_opts, "purchase"), CXM_OK);
	for (k = 0;; k++) {
		void *result = NULL;
		oom_arm(k);
		rc = step_table(&result);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(result);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(result);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	for (k = 0;; k++) { /* the options themselves */
		cxm_cohort_opts *o = NULL;
		oom_arm(k);
		rc = cxm_cohort_opts_new(&o);
		if (rc == CXM_OK)
			rc = cxm_cohort_opts_set_amount(o, "amount");
		cxm_cohort_opts_free(o);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_cohort_opts_free(g_opts);
	cxm_events_free(g_log);
}
END_TEST

static Suite *cohort_suite(void)
{
	Suite *s = suite_create("cohort");
	TCase *tc = tcase_create("table");
	tcase_add_test(tc, test_worked_monthly);
	tcase_add_test(tc, test_utc_offset_moves_midnight);
	tcase_add_test(tc, test_first_and_active_event_amounts);
	tcase_add_test(tc, test_weeks_across_new_year);
	tcase_add_test(tc, test_exact_revenue);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_infinite_amount);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(cohort_suite)
