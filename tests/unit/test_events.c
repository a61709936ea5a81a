/*
 * tests/unit/test_events.c - check suite for event logs (spec §21): the
 * options, cxm_events_from_arrays (the sort: customers by first appearance,
 * then time, then input row), counts, the lookups the journey modules use,
 * cxm_duration_parse, and out of memory.
 *
 * Expected orders and counts are worked by hand from the rows written out
 * beside each test; the same sort against pandas is tests/python/test_events.py.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#define TMP_PREFIX "cxm_test_events_"
#include "tmpfile.h"
#include "events/events_internal.h"

/*
 * Eight rows, unsorted. By hand: customers in order of first appearance are
 * b (rows 0, 3, 5), a (rows 1, 2, 7), c (rows 4, 6). Within b: times 50
 * (row 0), 10 (row 3), 10 (row 5) -> rows 3, 5, 0 (the tie at 10 in input
 * order). Within a: 20 (row 1), 20 (row 2), 5 (row 7) -> rows 7, 1, 2.
 * Within c: 7 (row 4), 7 (row 6) -> rows 4, 6.
 */
static const char *const cust[] = { "b", "a", "a", "b", "c", "b", "c", "a" };
static const double secs[] = { 50, 20, 20, 10, 7, 10, 7, 5 };
static const char *const evs[] = { "view", "cart", "view", "visit", "visit", "cart", "buy", "visit" };
static const size_t sorted_rows[] = { 3, 5, 0, 7, 1, 2, 4, 6 };

START_TEST(test_from_arrays_sorted)
{
	cxm_events *e = NULL;
	size_t i;
	ck_assert_status(cxm_events_from_arrays(&e, cust, 8, secs, 8, evs, 8), CXM_OK);
	ck_assert_uint_eq(cxm_events_count(e), 8);
	ck_assert_uint_eq(cxm_events_customers(e), 3);
	ck_assert_str_eq(e->customers.str[0], "b");
	ck_assert_str_eq(e->customers.str[1], "a");
	ck_assert_str_eq(e->customers.str[2], "c");
	ck_assert_uint_eq(e->start[0], 0);
	ck_assert_uint_eq(e->start[1], 3);
	ck_assert_uint_eq(e->start[2], 6);
	ck_assert_uint_eq(e->start[3], 8);
	for (i = 0; i < 8; i++) {
		ck_assert_uint_eq(e->row[i], sorted_rows[i]);
		ck_assert_double_eq(e->t[i], secs[sorted_rows[i]]);
		ck_assert_str_eq(e->event_names.str[e->event[i]], evs[sorted_rows[i]]);
	}
	/* event codes: names in order of first appearance in the input */
	ck_assert_uint_eq(cxm__events_code(e, "view"), 0);
	ck_assert_uint_eq(cxm__events_code(e, "cart"), 1);
	ck_assert_uint_eq(cxm__events_code(e, "visit"), 2);
	ck_assert_uint_eq(cxm__events_code(e, "buy"), 3);
	ck_assert_uint_eq(cxm__events_code(e, "nope"), UINT32_MAX);
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_RAGGED), 0);
	ck_assert_uint_eq(cxm_events_skipped(e, 99), 0);
	ck_assert_uint_eq(e->n_props, 0);
	ck_assert_uint_eq(e->n_values, 0);
	cxm_events_free(e);
	cxm_events_free(NULL);
	ck_assert_uint_eq(cxm_events_count(NULL), 0);
	ck_assert_uint_eq(cxm_events_customers(NULL), 0);
}
END_TEST

/* A long run per customer goes through the merge sort (more than 8 events):
 * 40 events of one customer with times 39 - (i % 20) ... checked against the
 * definition (ascending time, ties by row) rather than against a fixed list. */
START_TEST(test_from_arrays_long_run)
{
	enum { N = 41 };
	const char *c[N], *ev[N];
	double t[N];
	cxm_events *e = NULL;
	size_t i;
	for (i = 0; i < N; i++) {
		c[i] = i == 17 ? "other" : "one";
		t[i] = (double)((i * 7) % 5);
		ev[i] = "x";
	}
	ck_assert_status(cxm_events_from_arrays(&e, c, N, t, N, ev, N), CXM_OK);
	ck_assert_uint_eq(cxm_events_customers(e), 2);
	ck_assert_uint_eq(e->start[1], N - 1);
	for (i = 1; i < N - 1; i++) {
		ck_assert(e->t[i - 1] <= e->t[i]);
		if (e->t[i - 1] == e->t[i])
			ck_assert_uint_lt(e->row[i - 1], e->row[i]);
		ck_assert_double_eq(e->t[i], t[e->row[i]]);
	}
	/* 41 rows, times 0..4 in the cycle 0, 2, 4, 1, 3: 8 or 9 of each among the 40 of "one" */
	ck_assert_double_eq(e->t[0], 0);
	ck_assert_uint_eq(e->row[0], 0);
	ck_assert_uint_eq(e->row[N - 1], 17);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_from_arrays_errors)
{
	cxm_events *e = (cxm_events *)1;
	const char *bad_c[] = { "a", "" }, *null_c[] = { "a", NULL }, *ev2[] = { "x", "y" }, *bad_e[] = { "x", "" };
	double t2[] = { 1, 2 }, tn[] = { 1, NAN }, ti[] = { INFINITY, 1 };
	ck_assert_status(cxm_events_from_arrays(NULL, cust, 8, secs, 8, evs, 8), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_from_arrays(&e, cust, 8, secs, 7, evs, 8), CXM_EBAD_ARG);
	ck_assert_ptr_null(e);
	assert_message_has("8, 7 and 8");
	ck_assert_status(cxm_events_from_arrays(&e, NULL, 2, t2, 2, ev2, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_from_arrays(&e, NULL, 0, NULL, 0, NULL, 0), CXM_EEMPTY);
	ck_assert_status(cxm_events_from_arrays(&e, bad_c, 2, t2, 2, ev2, 2), CXM_EBAD_ARG);
	assert_message_has("customers[1] (row 2) is empty");
	ck_assert_status(cxm_events_from_arrays(&e, null_c, 2, t2, 2, ev2, 2), CXM_EBAD_ARG);
	assert_message_has("customers[1] (row 2) is NULL");
	ck_assert_status(cxm_events_from_arrays(&e, ev2, 2, t2, 2, bad_e, 2), CXM_EBAD_ARG);
	assert_message_has("events[1] (row 2) is empty");
	ck_assert_status(cxm_events_from_arrays(&e, bad_c, 1, tn, 2, ev2, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_from_arrays(&e, ev2, 2, tn, 2, ev2, 2), CXM_ENAN);
	assert_message_has("seconds[1] (row 2, customer 'y') is NaN");
	ck_assert_status(cxm_events_from_arrays(&e, ev2, 2, ti, 2, ev2, 2), CXM_EOUT_OF_RANGE);
	assert_message_has("seconds[0]");
	ck_assert_ptr_null(e);
}
END_TEST

START_TEST(test_lookups)
{
	cxm_events *e = NULL;
	size_t k = 99;
	ck_assert_status(cxm_events_from_arrays(&e, cust, 8, secs, 8, evs, 8), CXM_OK);
	ck_assert_status(cxm__events_prop_index(e, "channel", &k), CXM_EBAD_ARG);
	assert_message_has("'channel' is not a property column");
	ck_assert_status(cxm__events_value_index(e, "csat", &k), CXM_EBAD_ARG);
	assert_message_has("'csat' is not a value column");
	ck_assert_status(cxm__events_prop_index(NULL, "x", &k), CXM_EBAD_ARG);
	ck_assert_uint_eq(cxm__events_code(NULL, "x"), UINT32_MAX);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_opts)
{
	cxm_events_opts *o = NULL;
	char name[16];
	int i;
	ck_assert_status(cxm_events_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
	ck_assert_str_eq(o->customer, "customer_id");
	ck_assert_str_eq(o->time, "time");
	ck_assert_str_eq(o->event, "event");
	ck_assert_status(cxm_events_opts_set_columns(o, "user", "ts", NULL), CXM_OK);
	ck_assert_ptr_null(o->event);
	ck_assert_status(cxm_events_opts_set_columns(o, "u", "u", "e"), CXM_EBAD_ARG);
	assert_message_has("customer and time columns are both 'u'");
	ck_assert_str_eq(o->customer, "user"); /* unchanged on failure */
	ck_assert_status(cxm_events_opts_set_columns(o, "", "t", "e"), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_columns(o, NULL, "t", "e"), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_add_property(o, "channel"), CXM_OK);
	ck_assert_status(cxm_events_opts_add_property(o, "channel"), CXM_EBAD_ARG);
	assert_message_has("already the property column");
	ck_assert_status(cxm_events_opts_add_value(o, "ts"), CXM_EBAD_ARG);
	assert_message_has("already the time column");
	ck_assert_status(cxm_events_opts_add_value(o, ""), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_columns(o, "channel", "ts", "e"), CXM_EBAD_ARG);
	assert_message_has("already a property column");
	for (i = 1; i < CXM_EVENTS_MAX_PROPERTIES; i++) {
		snprintf(name, sizeof name, "p%d", i);
		ck_assert_status(cxm_events_opts_add_property(o, name), CXM_OK);
	}
	ck_assert_status(cxm_events_opts_add_property(o, "one_more"), CXM_EBAD_ARG);
	assert_message_has("at most 8");
	for (i = 0; i < CXM_EVENTS_MAX_VALUES; i++) {
		snprintf(name, sizeof name, "v%d", i);
		ck_assert_status(cxm_events_opts_add_value(o, name), CXM_OK);
	}
	ck_assert_status(cxm_events_opts_add_value(o, "one_more"), CXM_EBAD_ARG);
	assert_message_has("at most 16");
	ck_assert_status(cxm_events_opts_set_utc_offset(o, 841), CXM_EBAD_ARG);
	assert_message_has("841");
	ck_assert_status(cxm_events_opts_set_utc_offset(o, -840), CXM_OK);
	ck_assert_status(cxm_events_opts_set_skip_bad_rows(o, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_skip_bad_rows(o, 1), CXM_OK);
	ck_assert_status(cxm_events_opts_set_delimiter(o, '"'), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_delimiter(o, '\n'), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_delimiter(o, ';'), CXM_OK);
	ck_assert_status(cxm_events_opts_set_threads(o, 1025), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_threads(o, 2), CXM_OK);
	ck_assert_status(cxm_events_opts_add_property(NULL, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_opts_set_threads(NULL, 1), CXM_EBAD_ARG);
	cxm_events_opts_free(o);
	cxm_events_opts_free(NULL);
}
END_TEST

START_TEST(test_duration)
{
	/* by hand: 1 m = 60 s, 1 h = 3600 s, 1 d = 86400 s, 1 w = 604800 s */
	static const struct { const char *text; double seconds; } ok[] = {
		{ "90", 90 }, { "30s", 30 }, { "15m", 900 }, { "12h", 43200 }, { "7d", 604800 },
		{ "2w", 1209600 }, { "1.5h", 5400 }, { "0", 0 }, { "0.25d", 21600 }, { ".5m", 30 }, { "+3s", 3 }
	};
	static const char *const bad[] = { "-1d", "7x", "7dd", "d", "", " 7d", "7 d", "nan", "inf", "0x10",
					   "-0", "1e400d", "7D" };
	double s;
	size_t i;
	for (i = 0; i < sizeof ok / sizeof *ok; i++) {
		s = -1;
		ck_assert_status(cxm_duration_parse(&s, ok[i].text), CXM_OK);
		ck_assert_double_eq(s, ok[i].seconds);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_msg(cxm_duration_parse(&s, bad[i]) == CXM_EBAD_ARG, "'%s' accepted", bad[i]);
		if (bad[i][0])
			assert_message_has(bad[i]);
	}
	ck_assert_status(cxm_duration_parse(&s, "-1d"), CXM_EBAD_ARG);
	assert_message_has("negative");
	ck_assert_status(cxm_duration_parse(&s, "7x"), CXM_EBAD_ARG);
	assert_message_has("unit");
	ck_assert_status(cxm_duration_parse(NULL, "7d"), CXM_EBAD_ARG);
	ck_assert_status(cxm_duration_parse(&s, NULL), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_oom_from_arrays)
{
	long k;
	int rc;
	for (k = 0;; k++) {
		cxm_events *e = NULL;
		oom_arm(k);
		rc = cxm_events_from_arrays(&e, cust, 8, secs, 8, evs, 8);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_events_count(e), 8);
			cxm_events_free(e);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(e);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

static Suite *events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_from_arrays_sorted);
	tcase_add_test(tc, test_from_arrays_long_run);
	tcase_add_test(tc, test_from_arrays_errors);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_opts);
	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_oom_from_arrays);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(events_suite)
