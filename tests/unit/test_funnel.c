/*
 * tests/unit/test_funnel.c - check suite for funnels (spec §22): the three
 * modes on hand-worked logs (repeated steps, events at the same second, the
 * window boundary exactly, a customer whose first event is not step 1,
 * strict mode broken by another event, any order), the steps and
 * next-events tables, the breakdown tests, the options, bad arguments,
 * results independent of the thread count, and out of memory.
 *
 * Every expected number is worked by hand in the comment beside it; the
 * Wilson bounds come from the textbook formula written out here (Wilson
 * 1927, spec §2.3), not from the library. The same funnels against a plain
 * pandas implementation on random data are tests/python/test_funnel.py.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"

#define NUMBERS(t, name) cxm_table_numbers((t), column((t), (name)))
#define TEXTS(t, name) cxm_table_texts((t), column((t), (name)))

static size_t column(const cxm_table *t, const char *name)
{
	size_t i;
	ck_assert_status(cxm_table_column_index(&i, t, name), CXM_OK);
	return i;
}

/* Wilson (1927): (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), in %. */
static void wilson_ref(double x, double n, double *lo, double *hi)
{
	const double z = 1.959963984540054; /* qnorm(0.975) */
	double p = x / n, d = 1 + z * z / n, c = p + z * z / (2 * n);
	double h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n));
	*lo = 100 * (c - h) / d;
	*hi = 100 * (c + h) / d;
}

/*
 * The main log, steps view > cart > buy, window 100 s:
 *   a: view@0 cart@10 buy@20                 -> 3 steps, 10 s and 10 s
 *   b: home@0 view@5 cart@50                 -> 2 (first event is not step 1), 45 s; then (end)
 *   c: view@0 view@10 cart@200               -> 1 (cart outside both windows); next: view
 *   d: view@0 cart@100 buy@101               -> 2 (cart exactly at the boundary, buy past it), 100 s; next: buy
 *   e: cart@0 view@1 buy@2                   -> 1 (no cart after view); next: buy
 *   h: view@0 home@1 cart@2                  -> 2 ordered (home between is allowed), 2 s; next: (end)
 * Rows are given shuffled; the log sorts them.
 */
static const char *const L_cust[] = { "a", "b", "c", "d", "e", "h", "a", "b", "c", "d", "e", "h",
				      "a", "b", "c", "d", "e", "h" };
static const double L_t[] = { 0, 0, 0, 0, 0, 0, 10, 5, 10, 100, 1, 1, 20, 50, 200, 101, 2, 2 };
static const char *const L_ev[] = { "view", "home", "view", "view", "cart", "view", "cart", "view", "view",
				    "cart", "view", "home", "buy", "cart", "cart", "buy", "buy", "cart" };
#define L_N (sizeof L_t / sizeof *L_t)
static const char *const VCB[] = { "view", "cart", "buy" };

static cxm_events *main_log(void)
{
	cxm_events *e = NULL;
	ck_assert_status(cxm_events_from_arrays(&e, L_cust, L_N, L_t, L_N, L_ev, L_N), CXM_OK);
	return e;
}

static cxm_funnel *run(const cxm_events *e, const char *const *steps, size_t k, double w, int mode)
{
	cxm_funnel_opts *o = NULL;
	cxm_funnel *f = NULL;
	ck_assert_status(cxm_funnel_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_funnel_opts_set_mode(o, mode), CXM_OK);
	ck_assert_status(cxm_funnel_run(&f, e, steps, k, w, o), CXM_OK);
	cxm_funnel_opts_free(o);
	return f;
}

static void assert_customers(const cxm_funnel *f, const double *expected, size_t k)
{
	cxm_table *t = NULL;
	size_t j;
	ck_assert_status(cxm_funnel_steps(&t, f), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), k);
	for (j = 0; j < k; j++)
		ck_assert_msg(NUMBERS(t, "customers")[j] == expected[j], "step %zu: %g customers, expected %g", j + 1,
			      NUMBERS(t, "customers")[j], expected[j]);
	cxm_table_free(t);
}

START_TEST(test_ordered_steps_table)
{
	cxm_events *e = main_log();
	cxm_funnel *f = run(e, VCB, 3, 100, CXM_FUNNEL_ORDERED);
	cxm_table *t = NULL;
	const char *s = NULL;
	double v, lo, hi;
	ck_assert_status(cxm_funnel_steps(&t, f), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_str_eq(cxm_table_column_name(t, 0), "step");
	ck_assert_str_eq(cxm_table_column_name(t, 1), "event");
	ck_assert_str_eq(TEXTS(t, "event")[2], "buy");
	/* step 1: a b c d e h = 6; step 2: a b d h = 4; step 3: a = 1 */
	ck_assert(NUMBERS(t, "customers")[0] == 6 && NUMBERS(t, "customers")[1] == 4 &&
		  NUMBERS(t, "customers")[2] == 1);
	ck_assert_close(NUMBERS(t, "conversion")[0], 100);
	ck_assert_close(NUMBERS(t, "conversion")[1], 400.0 / 6);
	ck_assert_close(NUMBERS(t, "conversion")[2], 25);
	ck_assert(isnan(NUMBERS(t, "lower")[0]) && isnan(NUMBERS(t, "upper")[0]));
	wilson_ref(4, 6, &lo, &hi);
	ck_assert_close(NUMBERS(t, "lower")[1], lo);
	ck_assert_close(NUMBERS(t, "upper")[1], hi);
	wilson_ref(1, 4, &lo, &hi);
	ck_assert_close(NUMBERS(t, "lower")[2], lo);
	ck_assert_close(NUMBERS(t, "upper")[2], hi);
	ck_assert_close(NUMBERS(t, "drop_off")[0], 100 - 400.0 / 6);
	ck_assert_close(NUMBERS(t, "drop_off")[1], 75);
	ck_assert(isnan(NUMBERS(t, "drop_off")[2]));
	ck_assert_close(NUMBERS(t, "overall")[2], 100.0 / 6);
	/* view -> cart: a 10, b 45, d 100, h 2; sorted 2 10 45 100: mean 39.25, median 27.5,
	 * p90 (type 7): h = 3 x 0.9 = 2.7 -> 45 + 0.7 x 55 = 83.5 */
	ck_assert_close(NUMBERS(t, "mean_seconds_to_next")[0], 39.25);
	ck_assert_close(NUMBERS(t, "median_seconds_to_next")[0], 27.5);
	ck_assert_close(NUMBERS(t, "p90_seconds_to_next")[0], 83.5);
	/* cart -> buy: a only, 10 s */
	ck_assert_close(NUMBERS(t, "median_seconds_to_next")[1], 10);
	ck_assert_close(NUMBERS(t, "p90_seconds_to_next")[1], 10);
	ck_assert(isnan(NUMBERS(t, "mean_seconds_to_next")[2]));
	ck_assert_status(cxm_table_get_attr_text(&s, t, "kind"), CXM_OK);
	ck_assert_str_eq(s, "funnel");
	ck_assert_status(cxm_table_get_attr_text(&s, t, "mode"), CXM_OK);
	ck_assert_str_eq(s, "ordered");
	ck_assert_status(cxm_table_get_attr_number(&v, t, "window_seconds"), CXM_OK);
	ck_assert(v == 100);
	ck_assert_status(cxm_table_get_attr_number(&v, t, "customers_in_log"), CXM_OK);
	ck_assert(v == 6);
	cxm_table_free(t);
	cxm_funnel_free(f);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_next_events)
{
	cxm_events *e = main_log();
	cxm_funnel *f = run(e, VCB, 3, 100, CXM_FUNNEL_ORDERED);
	cxm_table *t = NULL;
	const char *s = NULL;
	ck_assert_status(cxm_funnel_next_events(&t, f), CXM_OK);
	/* stopped at 1: c (next view), e (next buy): buy, view (1 each, bytewise), 50 % each;
	 * stopped at 2: b (end), d (buy), h (end): (end) 2 = 66.7 %, buy 1 */
	ck_assert_uint_eq(cxm_table_rows(t), 4);
	ck_assert_str_eq(TEXTS(t, "next_event")[0], "buy");
	ck_assert_str_eq(TEXTS(t, "next_event")[1], "view");
	ck_assert_str_eq(TEXTS(t, "next_event")[2], "(end)");
	ck_assert_str_eq(TEXTS(t, "next_event")[3], "buy");
	ck_assert_str_eq(TEXTS(t, "event")[2], "cart");
	ck_assert(NUMBERS(t, "step")[0] == 1 && NUMBERS(t, "step")[3] == 2);
	ck_assert(NUMBERS(t, "customers")[2] == 2);
	ck_assert_close(NUMBERS(t, "share")[0], 50);
	ck_assert_close(NUMBERS(t, "share")[2], 200.0 / 3);
	ck_assert_status(cxm_table_get_attr_text(&s, t, "kind"), CXM_OK);
	ck_assert_str_eq(s, "funnel_next");
	cxm_table_free(t);
	/* top 1 keeps the first of each step */
	{
		cxm_funnel_opts *o = NULL;
		cxm_funnel *f1 = NULL;
		ck_assert_status(cxm_funnel_opts_new(&o), CXM_OK);
		ck_assert_status(cxm_funnel_opts_set_top_next(o, 1), CXM_OK);
		ck_assert_status(cxm_funnel_run(&f1, e, VCB, 3, 100, o), CXM_OK);
		ck_assert_status(cxm_funnel_next_events(&t, f1), CXM_OK);
		ck_assert_uint_eq(cxm_table_rows(t), 2);
		ck_assert_str_eq(TEXTS(t, "next_event")[1], "(end)");
		cxm_table_free(t);
		cxm_funnel_free(f1);
		cxm_funnel_opts_free(o);
	}
	cxm_funnel_free(f);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_strict_and_any)
{
	cxm_events *e = main_log();
	cxm_funnel *f;
	/* strict: h's home breaks view > cart: step 2 = a b d = 3; step 3 = a */
	static const double strict[] = { 6, 3, 1 };
	/* any: e's cart@0 view@1 buy@2 reaches all three; d: view cart (buy at 101 > 0 + 100) = 2;
	 * c: view@0 view@10 -> one view only counts (the multiset has one) -> 1;
	 * attempts may start at any listed step: b view cart = 2, h view cart = 2, a = 3 */
	static const double any[] = { 6, 5, 2 };
	f = run(e, VCB, 3, 100, CXM_FUNNEL_STRICT);
	assert_customers(f, strict, 3);
	cxm_funnel_free(f);
	f = run(e, VCB, 3, 100, CXM_FUNNEL_ANY);
	assert_customers(f, any, 3);
	cxm_funnel_free(f);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_repeated_and_same_second)
{
	/* steps view > view > cart:
	 *   f: view@0 view@0 cart@0 (same second, input order) -> 3
	 *   g: view@0 cart@1 -> 1 (the repeated view needs a second, distinct event)
	 *   k: cart@5 view@5 view@5 (cart first in input order at the same second) -> 2 */
	static const char *const cust[] = { "f", "f", "f", "g", "g", "k", "k", "k" };
	static const double t[] = { 0, 0, 0, 0, 1, 5, 5, 5 };
	static const char *const ev[] = { "view", "view", "cart", "view", "cart", "cart", "view", "view" };
	static const char *const steps[] = { "view", "view", "cart" };
	static const double expect[] = { 3, 2, 1 };
	cxm_events *e = NULL;
	cxm_funnel *f;
	ck_assert_status(cxm_events_from_arrays(&e, cust, 8, t, 8, ev, 8), CXM_OK);
	f = run(e, steps, 3, 0, CXM_FUNNEL_ORDERED);
	assert_customers(f, expect, 3);
	cxm_funnel_free(f);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_best_attempt)
{
	/* steps a > b > c, window 10: x has attempts at 0 (a b, then c at 30: 2 steps) and at 25
	 * (a b c at 25 27 30: 3 steps): the later attempt wins; its times 2 and 3 are used */
	static const char *const cust[] = { "x", "x", "x", "x", "x" };
	static const double t[] = { 0, 1, 25, 27, 30 };
	static const char *const ev[] = { "a", "b", "a", "b", "c" };
	static const char *const steps[] = { "a", "b", "c" };
	cxm_events *e = NULL;
	cxm_funnel *f;
	cxm_table *tab = NULL;
	ck_assert_status(cxm_events_from_arrays(&e, cust, 5, t, 5, ev, 5), CXM_OK);
	f = run(e, steps, 3, 10, CXM_FUNNEL_ORDERED);
	ck_assert_status(cxm_funnel_steps(&tab, f), CXM_OK);
	ck_assert(NUMBERS(tab, "customers")[2] == 1);
	ck_assert_close(NUMBERS(tab, "mean_seconds_to_next")[0], 2);
	ck_assert_close(NUMBERS(tab, "mean_seconds_to_next")[1], 3);
	cxm_table_free(tab);
	cxm_funnel_free(f);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_no_breakdown_tests_empty)
{
	cxm_events *e = main_log();
	cxm_funnel *f = run(e, VCB, 3, 100, CXM_FUNNEL_ORDERED);
	cxm_table *t = NULL;
	const char *s = NULL;
	ck_assert_status(cxm_funnel_tests(&t, f), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_str_eq(cxm_table_column_name(t, 0), "step");
	ck_assert_status(cxm_table_get_attr_text(&s, t, "adjust"), CXM_OK);
	ck_assert_str_eq(s, "holm");
	cxm_table_free(t);
	cxm_funnel_free(f);
	cxm_events_free(e);
}
END_TEST

START_TEST(test_bad_arguments)
{
	cxm_events *e = main_log();
	cxm_funnel *f = NULL;
	cxm_funnel_opts *o = NULL;
	static const char *const unknown[] = { "view", "checkout" };
	static const char *const with_null[] = { "view", NULL };
	ck_assert_status(cxm_funnel_run(&f, e, unknown, 2, 100, NULL), CXM_EBAD_ARG);
	assert_message_has("step 'checkout' is not an event in the log");
	assert_message_has("(events: view, home, cart, buy)");
	ck_assert_ptr_null(f);
	ck_assert_status(cxm_funnel_run(&f, e, VCB, 3, -1, NULL), CXM_EBAD_ARG);
	assert_message_has("-1");
	ck_assert_status(cxm_funnel_run(&f, e, VCB, 3, NAN, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_run(&f, e, VCB, 1, 100, NULL), CXM_EBAD_ARG);
	assert_message_has("n_steps is 1");
	ck_assert_status(cxm_funnel_run(&f, e, with_null, 2, 100, NULL), CXM_EBAD_ARG);
	assert_message_has("steps[1]");
	ck_assert_status(cxm_funnel_run(&f, NULL, VCB, 3, 100, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_run(NULL, e, VCB, 3, 100, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_funnel_opts_set_mode(o, 3), CXM_EBAD_ARG);
	assert_message_has("ordered");
	ck_assert_status(cxm_funnel_opts_set_conf(o, 1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_opts_set_conf(o, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_opts_set_adjust(o, 9), CXM_EBAD_ARG);
	assert_message_has("holm");
	ck_assert_status(cxm_funnel_opts_set_top_next(o, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_opts_set_top_next(o, 1001), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_opts_set_threads(o, 65), CXM_EBAD_ARG);
	ck_assert_status(cxm_funnel_opts_set_by(o, ""), CXM_EBAD_ARG);
	/* by a column the log does not have (from_arrays: no property) */
	ck_assert_status(cxm_funnel_opts_set_by(o, "channel"), CXM_OK);
	ck_assert_status(cxm_funnel_run(&f, e, VCB, 3, 100, o), CXM_EBAD_ARG);
	assert_message_has("channel");
	ck_assert_status(cxm_funnel_steps(NULL, f), CXM_EBAD_ARG);
	{
		cxm_table *t = NULL;
		ck_assert_status(cxm_funnel_steps(&t, NULL), CXM_EBAD_ARG);
		ck_assert_ptr_null(t);
	}
	cxm_funnel_opts_free(o);
	cxm_funnel_free(NULL);
	cxm_funnel_opts_free(NULL);
	cxm_events_free(e);
}
END_TEST

/* A random log (a fixed LCG): the tables with 1 thread and with 3 are equal to the bit. */
START_TEST(test_threads_identical)
{
	enum { N = 60000 };
	static const char *const names[] = { "visit", "view", "cart", "buy", "other" };
	static const char *const steps[] = { "visit", "view", "cart", "buy" };
	static char ids[N][12];
	const char **cust = malloc(N * sizeof *cust), **ev = malloc(N * sizeof *ev);
	double *t = malloc(N * sizeof *t);
	uint64_t s = 12345;
	cxm_events *e = NULL;
	int mode;
	size_t i;
	for (i = 0; i < N; i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		snprintf(ids[i], sizeof ids[i], "c%u", (unsigned)((s >> 33) % 7000));
		cust[i] = ids[i];
		ev[i] = names[(s >> 20) % 5];
		t[i] = (double)((s >> 40) % 100000);
	}
	ck_assert_status(cxm_events_from_arrays(&e, cust, N, t, N, ev, N), CXM_OK);
	for (mode = 0; mode < 3; mode++) {
		cxm_table *a[2] = { NULL, NULL };
		char *ra = NULL, *rb = NULL;
		unsigned th;
		for (th = 0; th < 2; th++) {
			cxm_funnel_opts *o = NULL;
			cxm_funnel *f = NULL;
			ck_assert_status(cxm_funnel_opts_new(&o), CXM_OK);
			ck_assert_status(cxm_funnel_opts_set_mode(o, mode), CXM_OK);
			ck_assert_status(cxm_funnel_opts_set_threads(o, th ? 3 : 1), CXM_OK);
			ck_assert_status(cxm_funnel_run(&f, e, steps, 4, 3600, o), CXM_OK);
			ck_assert_status(cxm_funnel_steps(&a[th], f), CXM_OK);
			cxm_funnel_free(f);
			cxm_funnel_opts_free(o);
		}
		ck_assert_status(cxm_table_render(&ra, a[0], CXM_FORMAT_CSV), CXM_OK);
		ck_assert_status(cxm_table_render(&rb, a[1], CXM_FORMAT_CSV), CXM_OK);
		ck_assert_str_eq(ra, rb);
		cxm_free(ra);
		cxm_free(rb);
		cxm_table_free(a[0]);
		cxm_table_free(a[1]);
	}
	cxm_events_free(e);
	free(cust);
	free(ev);
	free(t);
}
END_TEST

START_TEST(test_oom)
{
	cxm_events *e = main_log();
	long k;
	for (k = 0;; k++) {
		cxm_funnel *f = NULL;
		cxm_table *t1 = NULL, *t2 = NULL, *t3 = NULL;
		int rc;
		oom_arm(k);
		rc = cxm_funnel_run(&f, e, VCB, 3, 100, NULL);
		if (rc == CXM_OK)
			rc = cxm_funnel_steps(&t1, f);
		if (rc == CXM_OK)
			rc = cxm_funnel_next_events(&t2, f);
		if (rc == CXM_OK)
			rc = cxm_funnel_tests(&t3, f);
		cxm_table_free(t1);
		cxm_table_free(t2);
		cxm_table_free(t3);
		cxm_funnel_free(f);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_events_free(e);
}
END_TEST

static Suite *funnel_suite(void)
{
	Suite *s = suite_create("funnel");
	TCase *tc = tcase_create("funnel");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_ordered_steps_table);
	tcase_add_test(tc, test_next_events);
	tcase_add_test(tc, test_strict_and_any);
	tcase_add_test(tc, test_repeated_and_same_second);
	tcase_add_test(tc, test_best_attempt);
	tcase_add_test(tc, test_no_breakdown_tests_empty);
	tcase_add_test(tc, test_bad_arguments);
	tcase_add_test(tc, test_threads_identical);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(funnel_suite)
