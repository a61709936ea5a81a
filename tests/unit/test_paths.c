/*
 * tests/unit/test_paths.c - transitions, top paths and touchpoints (spec
 * §23) on hand-worked logs: every expected number below is counted by hand
 * from the log in the comment above it (and the Wilson bounds from the
 * formula written out here), never taken from the library's output.
 */
#include "harness.h"
#include "oom.h"

/* The hand log, in a scrambled input order (events need not be sorted):
 *   a: 0 view, 10 cart, 10 pay (same second: cart comes first in the input), 50 view
 *   b: 5 view, 7 view, 100 cart
 *   c: 3 cart
 * Customers are numbered in order of first appearance: b, a, c. */
static const char *const log_ids[] = { "b", "a", "a", "c", "b", "a", "a", "b" };
static const double log_t[] = { 100, 10, 50, 3, 5, 0, 10, 7 };
static const char *const log_ev[] = { "cart", "cart", "view", "cart", "view", "view", "pay", "view" };
#define LOG_N 8

static cxm_events *hand_log(void)
{
	cxm_events *e = NULL;
	ck_assert_status(cxm_events_from_arrays(&e, log_ids, LOG_N, log_t, LOG_N, log_ev, LOG_N), CXM_OK);
	return e;
}

static size_t col(const cxm_table *t, const char *name)
{
	size_t c = 0;
	ck_assert_status(cxm_table_column_index(&c, t, name), CXM_OK);
	return c;
}

static const char *text_at(const cxm_table *t, const char *name, size_t row)
{
	return cxm_table_texts(t, col(t, name))[row];
}

static double num_at(const cxm_table *t, const char *name, size_t row)
{
	return cxm_table_numbers(t, col(t, name))[row];
}

static void assert_attr_text(const cxm_table *t, const char *name, const char *want)
{
	const char *got = NULL;
	ck_assert_status(cxm_table_get_attr_text(&got, t, name), CXM_OK);
	ck_assert_str_eq(got, want);
}

static double attr_num(const cxm_table *t, const char *name)
{
	double x = NAN;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/* Pairs: a view>cart (10 s), cart>pay (0), pay>view (40); b view>view (2), view>cart (93).
 * Out of view: 3 transitions. Rows: from bytewise, count desc, to. */
START_TEST(transitions_hand)
{
	cxm_events *e = hand_log();
	cxm_table *t = NULL;
	static const char *const from[] = { "cart", "pay", "view", "view" };
	static const char *const to[] = { "pay", "view", "cart", "view" };
	static const double count[] = { 1, 1, 2, 1 };
	static const double prob[] = { 100, 100, 200.0 / 3.0, 100.0 / 3.0 };
	static const double median[] = { 0, 40, 51.5, 2 };
	size_t i;
	ck_assert_status(cxm_paths_transitions(&t, e), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 4);
	for (i = 0; i < 4; i++) {
		ck_assert_str_eq(text_at(t, "from", i), from[i]);
		ck_assert_str_eq(text_at(t, "to", i), to[i]);
		ck_assert_close(num_at(t, "count", i), count[i]);
		ck_assert_close(num_at(t, "probability", i), prob[i]);
		ck_assert_close(num_at(t, "median_seconds", i), median[i]);
	}
	assert_attr_text(t, "kind", "transitions");
	ck_assert_close(attr_num(t, "transitions"), 5);
	ck_assert_close(attr_num(t, "customers"), 3);
	ck_assert_close(attr_num(t, "events"), 8);
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

/* One event per customer: no transition, an empty table with its columns. */
START_TEST(transitions_none)
{
	static const char *const ids[] = { "x", "y" };
	static const double t0[] = { 1, 2 };
	static const char *const ev[] = { "a", "b" };
	cxm_events *e = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_events_from_arrays(&e, ids, 2, t0, 2, ev, 2), CXM_OK);
	ck_assert_status(cxm_paths_transitions(&t, e), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_uint_eq(cxm_table_column_count(t), 5);
	ck_assert_close(attr_num(t, "transitions"), 0);
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

static void assert_paths(const cxm_table *t, size_t n, const char *const *path, const double *customers,
			 double anchored)
{
	size_t i;
	ck_assert_uint_eq(cxm_table_rows(t), n);
	for (i = 0; i < n; i++) {
		ck_assert_close(num_at(t, "rank", i), (double)(i + 1));
		ck_assert_str_eq(text_at(t, "path", i), path[i]);
		ck_assert_close(num_at(t, "customers", i), customers[i]);
		ck_assert_close(num_at(t, "share", i), 100.0 * customers[i] / anchored);
	}
	ck_assert_close(attr_num(t, "customers_with_anchor"), anchored);
	assert_attr_text(t, "kind", "paths");
}

/* From each customer's first view: a view>cart>pay(>view), b view>view>cart(>(end)); c has none. */
START_TEST(top_from)
{
	cxm_events *e = hand_log();
	cxm_table *t = NULL;
	static const char *const p3[] = { "view > cart > pay", "view > view > cart" };
	static const char *const p4[] = { "view > cart > pay > view", "view > view > cart > (end)" };
	static const char *const p2[] = { "view > cart", "view > view" };
	static const double ones[] = { 1, 1 };
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 3, 10), CXM_OK);
	assert_paths(t, 2, p3, ones, 2);
	assert_attr_text(t, "anchor", "from");
	assert_attr_text(t, "event", "view");
	ck_assert_close(attr_num(t, "length"), 3);
	cxm_table_free(t);
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 4, 10), CXM_OK);
	assert_paths(t, 2, p4, ones, 2);
	cxm_table_free(t);
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 2, 1), CXM_OK);
	assert_paths(t, 1, p2, ones, 2);
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

/* To each customer's first cart: a (start)>view>cart, b view>view>cart, c (start)>cart.
 * Bytewise: "(start) > cart" < "(start) > view > cart" < "view > view > cart". */
START_TEST(top_to)
{
	cxm_events *e = hand_log();
	cxm_table *t = NULL;
	static const char *const p3[] = { "(start) > cart", "(start) > view > cart", "view > view > cart" };
	static const double ones[] = { 1, 1, 1 };
	static const char *const p2[] = { "view > cart", "(start) > cart" };
	static const double c2[] = { 2, 1 };
	ck_assert_status(cxm_paths_top(&t, e, "cart", CXM_PATHS_TO, 3, 10), CXM_OK);
	assert_paths(t, 3, p3, ones, 3);
	assert_attr_text(t, "anchor", "to");
	cxm_table_free(t);
	/* length 2: a and b both "view > cart" (2 customers) before c's "(start) > cart" */
	ck_assert_status(cxm_paths_top(&t, e, "cart", CXM_PATHS_TO, 2, 10), CXM_OK);
	assert_paths(t, 2, p2, c2, 3);
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

START_TEST(top_bad)
{
	cxm_events *e = hand_log();
	cxm_table *t = NULL;
	ck_assert_status(cxm_paths_top(&t, e, "checkout", CXM_PATHS_FROM, 3, 10), CXM_EBAD_ARG);
	assert_message_has("'checkout'");
	assert_message_has("view");
	ck_assert_ptr_null(t);
	ck_assert_status(cxm_paths_top(&t, e, "view", 2, 3, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 1, 10), CXM_EBAD_ARG);
	assert_message_has("length");
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 11, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 3, 0), CXM_EBAD_ARG);
	assert_message_has("top");
	ck_assert_status(cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 3, 1001), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_top(&t, e, NULL, CXM_PATHS_FROM, 3, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_top(&t, NULL, "view", CXM_PATHS_FROM, 3, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_top(NULL, e, "view", CXM_PATHS_FROM, 3, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_transitions(NULL, e), CXM_EBAD_ARG);
	ck_assert_status(cxm_paths_transitions(&t, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoints(&t, NULL, NULL), CXM_EBAD_ARG);
	cxm_events_free(e);
}
END_TEST

/* An event named like a path marker would make a path's text ambiguous. */
START_TEST(top_marker_name)
{
	static const char *const ids[] = { "x", "x" };
	static const double t0[] = { 1, 2 };
	static const char *const ev[] = { "a", "(end)" };
	cxm_events *e = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_events_from_arrays(&e, ids, 2, t0, 2, ev, 2), CXM_OK);
	ck_assert_status(cxm_paths_top(&t, e, "a", CXM_PATHS_FROM, 3, 10), CXM_EBAD_ARG);
	assert_message_has("(end)");
	cxm_events_free(e);
}
END_TEST

/* Counts by hand: view 4 events, customers a b, exit a (50%); cart 3 events,
 * customers a b c, exits b c (66.7%); pay 1 event, customer a, no exit.
 * Without scores friction = drop_off: cart, view, pay. */
START_TEST(touchpoints_counts)
{
	cxm_events *e = hand_log();
	cxm_table *t = NULL;
	static const char *const ev[] = { "cart", "view", "pay" };
	static const double events[] = { 3, 4, 1 }, customers[] = { 3, 2, 1 }, exits[] = { 2, 1, 0 };
	static const double drop[] = { 200.0 / 3.0, 50, 0 };
	size_t i;
	ck_assert_status(cxm_touchpoints(&t, e, NULL), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	for (i = 0; i < 3; i++) {
		ck_assert_close(num_at(t, "rank", i), (double)(i + 1));
		ck_assert_str_eq(text_at(t, "event", i), ev[i]);
		ck_assert_close(num_at(t, "events", i), events[i]);
		ck_assert_close(num_at(t, "customers", i), customers[i]);
		ck_assert_close(num_at(t, "exits", i), exits[i]);
		ck_assert_close(num_at(t, "drop_off", i), drop[i]);
		ck_assert_close(num_at(t, "friction", i), drop[i]);
		ck_assert_close(num_at(t, "friction_components", i), 1);
		ck_assert_close(num_at(t, "csat_n", i), 0);
		ck_assert(isnan(num_at(t, "csat", i)));
		ck_assert(isnan(num_at(t, "not_easy", i)));
	}
	assert_attr_text(t, "kind", "touchpoints");
	assert_attr_text(t, "csat_column", "");
	cxm_table_free(t);
	cxm_events_free(e);
}
END_TEST

/* Goals: with cart a goal, its exits (b, c) are finishes: drop_off NaN, no
 * component left (no scores), friction NaN, ranked after view (50 %) and pay
 * (0 %); the goal column marks it. An unknown goal is named with the log's
 * events (in the order the log first has them); an empty or repeated name
 * is refused by the setter. */
START_TEST(touchpoints_goals)
{
	cxm_events *e = hand_log();
	cxm_touchpoint_opts *o = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_touchpoint_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_add_goal(o, "cart"), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_add_goal(o, "cart"), CXM_EBAD_ARG);
	ck_assert_str_eq(cxm_error_last()->message, "BAD_ARG: cxm_touchpoint_opts_add_goal: 'cart' is already a goal");
	ck_assert_status(cxm_touchpoint_opts_add_goal(o, ""), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_add_goal(o, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_str_eq(text_at(t, "event", 0), "view");
	ck_assert_close(num_at(t, "drop_off", 0), 50);
	ck_assert_close(num_at(t, "goal", 0), 0);
	ck_assert_str_eq(text_at(t, "event", 1), "pay");
	ck_assert_close(num_at(t, "friction", 1), 0);
	ck_assert_str_eq(text_at(t, "event", 2), "cart");
	ck_assert_close(num_at(t, "exits", 2), 2);
	ck_assert(isnan(num_at(t, "drop_off", 2)));
	ck_assert(isnan(num_at(t, "friction", 2)));
	ck_assert_close(num_at(t, "friction_components", 2), 0);
	ck_assert_close(num_at(t, "goal", 2), 1);
	cxm_table_free(t);
	t = NULL;
	ck_assert_status(cxm_touchpoint_opts_add_goal(o, "refund"), CXM_OK);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_EBAD_ARG);
	ck_assert_str_eq(cxm_error_last()->message, "BAD_ARG: goal 'refund' is not an event in the log (events: cart, view, pay)");
	ck_assert_ptr_null(t);
	cxm_touchpoint_opts_free(o);
	cxm_events_free(e);
}
END_TEST

START_TEST(touchpoint_opts_checks)
{
	cxm_touchpoint_opts *o = NULL;
	ck_assert_status(cxm_touchpoint_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, 7, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_CSAT, ""), CXM_EBAD_ARG);
	assert_message_has("CSAT");
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_CSAT, "csat"), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_CSAT, NULL), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_NPS, 0, 5), CXM_EBAD_ARG);
	assert_message_has("0..10 or 1..10");
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_NPS, 1, 10), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_CSAT, 5, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_set_threshold(o, CXM_SURVEY_CSAT, 6), CXM_EBAD_ARG);
	assert_message_has("6");
	ck_assert_status(cxm_touchpoint_opts_set_threshold(o, CXM_SURVEY_CSAT, 5), CXM_OK);
	/* a scale that leaves out the threshold set before it */
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_CSAT, 1, 4), CXM_EBAD_ARG);
	assert_message_has("threshold");
	ck_assert_status(cxm_touchpoint_opts_set_threshold(o, CXM_SURVEY_NPS, 9), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_set_threshold(o, CXM_SURVEY_CES, 3), CXM_EBAD_ARG); /* below the middle of 1..7 */
	ck_assert_status(cxm_touchpoint_opts_set_threshold(o, CXM_SURVEY_CES, 6), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_CES, 1, 5), CXM_EBAD_ARG); /* 6 is off 1..5 */
	ck_assert_status(cxm_touchpoint_opts_set_threshold(o, CXM_SURVEY_CES, CXM_CES_DEFAULT_AGREE), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_CES, 1, 5), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_CES, 1, 6), CXM_EBAD_ARG); /* no default */
	ck_assert_status(cxm_touchpoint_opts_set_conf(o, 1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_set_conf(o, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_set_conf(o, 0.9), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_conf(NULL, 0.9), CXM_EBAD_ARG);
	ck_assert_status(cxm_touchpoint_opts_new(NULL), CXM_EBAD_ARG);
	cxm_touchpoint_opts_free(o);
	cxm_touchpoint_opts_free(NULL);
}
END_TEST

/* A score column the log does not have names it. */
START_TEST(touchpoints_unknown_column)
{
	cxm_events *e = hand_log();
	cxm_touchpoint_opts *o = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_touchpoint_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_CES, "effort"), CXM_OK);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_EBAD_ARG);
	assert_message_has("effort");
	ck_assert_ptr_null(t);
	cxm_touchpoint_opts_free(o);
	cxm_events_free(e);
}
END_TEST

/* The hand log with answers (NaN = none), through a table:
 *   csat (1-5, satisfied >= 4): cart b 4, a 2, c 5; pay a 5
 *   nps (0-10): cart b 10, a 6, c 8 (1 promoter, 1 passive, 1 detractor)
 *   ces (1-7, agree >= 5): cart b 7, a 3, c 5 */
static cxm_events *scored_log(const double *csat)
{
	static const double nps[] = { 10, 6, NAN, 8, NAN, NAN, NAN, NAN };
	static const double ces[] = { 7, 3, NAN, 5, NAN, NAN, NAN, NAN };
	cxm_table *t = NULL;
	cxm_events_opts *o = NULL;
	cxm_events *e = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", log_ids, LOG_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "time", log_t, LOG_N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", log_ev, LOG_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "csat", csat, LOG_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "nps", nps, LOG_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "ces", ces, LOG_N), CXM_OK);
	ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_events_opts_add_value(o, "csat"), CXM_OK);
	ck_assert_status(cxm_events_opts_add_value(o, "nps"), CXM_OK);
	ck_assert_status(cxm_events_opts_add_value(o, "ces"), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_OK);
	cxm_events_opts_free(o);
	cxm_table_free(t);
	return e;
}

static const double good_csat[] = { 4, 2, NAN, 5, NAN, NAN, 5, NAN };
#define Z95 1.959963984540054

/* The Wilson interval of x of n (spec §2.3), in %, written out. */
static void wilson(double x, double n, double *lo, double *hi)
{
	double p = x / n, z2 = Z95 * Z95, centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	double half = Z95 * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
	*lo = 100 * (centre - half);
	*hi = 100 * (centre + half);
}

static cxm_touchpoint_opts *all_scores(void)
{
	cxm_touchpoint_opts *o = NULL;
	ck_assert_status(cxm_touchpoint_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_CSAT, "csat"), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_NPS, "nps"), CXM_OK);
	ck_assert_status(cxm_touchpoint_opts_set_score(o, CXM_SURVEY_CES, "ces"), CXM_OK);
	return o;
}

/* friction: view 50 (drop-off only); cart (66.67 + 33.33 + 33.33) / 3 = 44.44;
 * pay (0 + 0) / 2 = 0. NPS of cart: 0; adjusted Wald (spec §1.4): n + 3 = 6,
 * p = d = 1.75 / 6, centre 0, se = 100 sqrt((p + d) / 6). */
START_TEST(touchpoints_scores)
{
	cxm_events *e = scored_log(good_csat);
	cxm_touchpoint_opts *o = all_scores();
	cxm_table *t = NULL;
	double lo, hi, p = 1.75 / 6, se = 100 * sqrt(2 * p / 6);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_OK);
	ck_assert_str_eq(text_at(t, "event", 0), "view");
	ck_assert_str_eq(text_at(t, "event", 1), "cart");
	ck_assert_str_eq(text_at(t, "event", 2), "pay");
	ck_assert_close(num_at(t, "friction", 0), 50);
	ck_assert_close(num_at(t, "friction", 1), (200.0 / 3 + 100.0 / 3 + 100.0 / 3) / 3);
	ck_assert_close(num_at(t, "friction", 2), 0);
	ck_assert_close(num_at(t, "friction_components", 1), 3);
	ck_assert_close(num_at(t, "friction_components", 2), 2);
	ck_assert_close(num_at(t, "csat_n", 1), 3);
	ck_assert_close(num_at(t, "csat", 1), 200.0 / 3);
	wilson(2, 3, &lo, &hi);
	ck_assert_close(num_at(t, "csat_lower", 1), lo);
	ck_assert_close(num_at(t, "csat_upper", 1), hi);
	ck_assert_close(num_at(t, "ces", 1), 200.0 / 3);
	ck_assert_close(num_at(t, "ces_lower", 1), lo);
	ck_assert_close(num_at(t, "not_easy", 1), 100.0 / 3);
	ck_assert_close(num_at(t, "nps_n", 1), 3);
	ck_assert_close(num_at(t, "nps", 1), 0);
	ck_assert_close(num_at(t, "nps_lower", 1), -Z95 * se);
	ck_assert_close(num_at(t, "nps_upper", 1), Z95 * se);
	ck_assert_close(num_at(t, "csat", 2), 100);
	wilson(1, 1, &lo, &hi);
	ck_assert_close(num_at(t, "csat_lower", 2), lo);
	ck_assert(isnan(num_at(t, "nps", 0)));
	ck_assert_close(num_at(t, "nps_n", 0), 0);
	assert_attr_text(t, "csat_column", "csat");
	assert_attr_text(t, "ces_column", "ces");
	cxm_table_free(t);
	/* CES 1-5 with agree 4: the 7 is off the scale */
	ck_assert_status(cxm_touchpoint_opts_set_scale(o, CXM_SURVEY_CES, 1, 5), CXM_OK);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_EOUT_OF_RANGE);
	assert_message_has("column 'ces', customer 'b', input row 1 (event 'cart'): the answer 7 is off the CES scale 1..5");
	ck_assert_ptr_null(t);
	cxm_touchpoint_opts_free(o);
	cxm_events_free(e);
}
END_TEST

/* A bad answer names the column, the customer, the input row and the event. */
START_TEST(touchpoints_bad_answers)
{
	static const double off[] = { 4, 9, NAN, 5, NAN, NAN, 5, NAN };
	static const double frac[] = { 4, 2, NAN, 5, NAN, NAN, 4.5, NAN };
	cxm_touchpoint_opts *o = all_scores();
	cxm_table *t = NULL;
	cxm_events *e = scored_log(off);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_EOUT_OF_RANGE);
	assert_message_has("column 'csat', customer 'a', input row 2 (event 'cart'): the answer 9 is off the CSAT scale 1..5");
	cxm_events_free(e);
	e = scored_log(frac);
	ck_assert_status(cxm_touchpoints(&t, e, o), CXM_ENON_INTEGER);
	assert_message_has("customer 'a', input row 7 (event 'pay'): the answer 4.5 is not a whole number");
	ck_assert_ptr_null(t);
	cxm_events_free(e);
	cxm_touchpoint_opts_free(o);
}
END_TEST

/* Out of memory at every allocation of each call. */
START_TEST(paths_oom)
{
	cxm_events *e = hand_log(), *scored = scored_log(good_csat);
	cxm_touchpoint_opts *o = NULL, *scores = all_scores();
	int which;
	for (which = 0; which < 5; which++) {
		long k;
		for (k = 0;; k++) {
			cxm_table *t = NULL;
			int rc;
			oom_arm(k);
			rc = which == 0   ? cxm_paths_transitions(&t, e)
			     : which == 1 ? cxm_paths_top(&t, e, "view", CXM_PATHS_FROM, 3, 10)
			     : which == 2 ? cxm_paths_top(&t, e, "cart", CXM_PATHS_TO, 4, 10)
			     : which == 3 ? cxm_touchpoints(&t, e, NULL)
					  : cxm_touchpoints(&t, scored, scores);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_table_free(t);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert_ptr_null(t);
			oom_assert_no_leak(k);
		}
	}
	for (long k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_touchpoint_opts_new(&o);
		if (rc == CXM_OK)
			rc = cxm_touchpoint_opts_set_score(o, CXM_SURVEY_NPS, "nps");
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_touchpoint_opts_free(o);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		cxm_touchpoint_opts_free(o);
		o = NULL;
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_events_free(e);
	cxm_events_free(scored);
	cxm_touchpoint_opts_free(scores);
}
END_TEST

static Suite *paths_suite(void)
{
	Suite *s = suite_create("paths");
	TCase *tc = tcase_create("paths");
	tcase_add_test(tc, transitions_hand);
	tcase_add_test(tc, transitions_none);
	tcase_add_test(tc, top_from);
	tcase_add_test(tc, top_to);
	tcase_add_test(tc, top_bad);
	tcase_add_test(tc, top_marker_name);
	tcase_add_test(tc, touchpoints_counts);
	tcase_add_test(tc, touchpoint_opts_checks);
	tcase_add_test(tc, touchpoints_goals);
	tcase_add_test(tc, touchpoints_unknown_column);
	tcase_add_test(tc, touchpoints_scores);
	tcase_add_test(tc, touchpoints_bad_answers);
	tcase_add_test(tc, paths_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(paths_suite)
