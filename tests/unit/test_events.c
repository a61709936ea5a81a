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

static const char *cust_of_row(size_t r)
{
	return cust[r];
}

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

/* ---- CSV ------------------------------------------------------------------------ */

/* The eight rows above as a file, with a channel and a csat column (one
 * empty, which is NaN), times as ISO texts: second s is 2024-01-01T00:00:ssZ
 * = 1704067200 + s. */
static const char log_csv[] =
	"customer_id,time,event,channel,csat\n"
	"b,2024-01-01T00:00:50Z,view,web,5\n"
	"a,2024-01-01T00:00:20Z,cart,app,\n"
	"a,2024-01-01T01:00:20+01:00,view,,3\n"
	"b,2024-01-01T00:00:10Z,visit,web,1\n"
	"c,2024-01-01T00:00:07.000Z,visit,app,2\n"
	"b,2024-01-01T00:00:10Z,cart,web,4\n"
	"\"c\",2024-01-01T00:00:07Z,buy,\"app\",5\n"
	"a,2024-01-01T00:00:05Z,visit,web,1\n";
static const double log_csat[] = { 5, NAN, 3, 1, 2, 4, 5, 1 };
static const char *const log_channel[] = { "web", "app", "", "web", "app", "web", "app", "web" };
#define T0 1704067200.0

static cxm_events_opts *log_opts(unsigned threads)
{
	cxm_events_opts *o = NULL;
	ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_events_opts_add_property(o, "channel"), CXM_OK);
	ck_assert_status(cxm_events_opts_add_value(o, "csat"), CXM_OK);
	ck_assert_status(cxm_events_opts_set_threads(o, threads), CXM_OK);
	return o;
}

/* The log of log_csv as the hand-worked order says (sorted_rows). */
static void check_log(const cxm_events *e)
{
	size_t i;
	ck_assert_uint_eq(cxm_events_count(e), 8);
	ck_assert_uint_eq(cxm_events_customers(e), 3);
	ck_assert_str_eq(e->customers.str[0], "b");
	ck_assert_str_eq(e->customers.str[1], "a");
	ck_assert_str_eq(e->customers.str[2], "c");
	ck_assert_uint_eq(e->n_props, 1);
	ck_assert_uint_eq(e->n_values, 1);
	ck_assert_str_eq(e->prop_names[0].str[0], ""); /* "" is code 0 */
	for (i = 0; i < 8; i++) {
		size_t r = sorted_rows[i];
		ck_assert_uint_eq(e->row[i], r);
		ck_assert_double_eq(e->t[i], T0 + secs[r]);
		ck_assert_str_eq(e->event_names.str[e->event[i]], evs[r]);
		ck_assert_str_eq(e->prop_names[0].str[e->prop[0][i]], log_channel[r]);
		if (isnan(log_csat[r]))
			ck_assert(isnan(e->value[0][i]));
		else
			ck_assert_double_eq(e->value[0][i], log_csat[r]);
	}
}

START_TEST(test_read_csv)
{
	char path[TMP_PATH_SIZE];
	cxm_events_opts *o;
	cxm_events *e = NULL;
	size_t k;
	unsigned threads;
	write_tmp(path, log_csv, sizeof log_csv - 1);
	/* one thread or four, chunks of the default size or of a few bytes (a
	 * chunk per record or two): the same log */
	for (threads = 1; threads <= 4; threads += 3) {
		for (k = 0; k < 3; k++) {
			static const size_t blocks[] = { 0, 16, 64 };
			cxm__events_test_block_size(blocks[k]);
			o = log_opts(threads);
			ck_assert_status(cxm_events_read_csv(&e, path, o), CXM_OK);
			check_log(e);
			cxm_events_free(e);
			cxm_events_opts_free(o);
		}
	}
	cxm__events_test_block_size(0);
	/* NULL options: the default columns, no property or value */
	ck_assert_status(cxm_events_read_csv(&e, path, NULL), CXM_OK);
	ck_assert_uint_eq(e->n_props, 0);
	ck_assert_uint_eq(cxm_events_count(e), 8);
	cxm_events_free(e);
	remove(path);
}
END_TEST

/* A larger file cut into many chunks, against the same rows through
 * cxm_events_from_arrays (the definition of the order). */
START_TEST(test_read_csv_chunks_vs_arrays)
{
	enum { N = 3000 };
	static char ids[N][8], names[N][4];
	const char *cp[N], *np[N];
	double t[N];
	char path[TMP_PATH_SIZE];
	cxm_events *a = NULL, *e = NULL;
	cxm_events_opts *o = NULL;
	uint64_t x = 88172645463325252u;
	FILE *f = open_tmp(path);
	size_t i;
	fputs("event,customer_id,time\n", f);
	for (i = 0; i < N; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		snprintf(ids[i], sizeof ids[i], "u%u", (unsigned)(x % 211));
		snprintf(names[i], sizeof names[i], "e%u", (unsigned)(x >> 20) % 7);
		t[i] = T0 + (double)((x >> 32) % 50) * 60.0;
		cp[i] = ids[i];
		np[i] = names[i];
		fprintf(f, "%s,%s,2024-01-01T00:%02u:00Z\n", names[i], ids[i], (unsigned)((x >> 32) % 50));
	}
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_events_from_arrays(&a, cp, N, t, N, np, N), CXM_OK);
	ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_events_opts_set_threads(o, 3), CXM_OK);
	cxm__events_test_block_size(512);
	ck_assert_status(cxm_events_read_csv(&e, path, o), CXM_OK);
	cxm__events_test_block_size(0);
	ck_assert_uint_eq(e->n, a->n);
	ck_assert_uint_eq(e->n_customers, a->n_customers);
	for (i = 0; i < a->n_customers; i++) {
		ck_assert_str_eq(e->customers.str[i], a->customers.str[i]);
		ck_assert_uint_eq(e->start[i], a->start[i]);
	}
	for (i = 0; i < N; i++) {
		ck_assert_uint_eq(e->row[i], a->row[i]);
		ck_assert_double_eq(e->t[i], a->t[i]);
		ck_assert_str_eq(e->event_names.str[e->event[i]], a->event_names.str[a->event[i]]);
	}
	cxm_events_free(a);
	cxm_events_free(e);
	cxm_events_opts_free(o);
	remove(path);
}
END_TEST

/*
 * The reader's fast paths against the definition (cxm_events_from_arrays of
 * the kept rows): a file already in time order within each customer (no run
 * is sorted) and the same rows shuffled (every run is), each with a bad time
 * on every 7th row, skipped, so that record numbers have gaps inside chunks
 * (a kept row's number is its record's, skipped ones counted). One thread or
 * two, one chunk or many: the same log.
 */
static void check_against_kept(const char *path, const char *const *ids, const double *t, size_t n)
{
	static const size_t blocks[] = { 0, 64, 700 };
	static const char *const evs1[] = { "e" };
	const char *kid[2000], *kev[2000];
	double kt[2000];
	size_t rec[2000], n_kept = 0, i, k;
	unsigned threads;
	cxm_events *a = NULL, *e = NULL;
	cxm_events_opts *o = NULL;
	for (i = 0; i < n; i++) {
		if (i % 7 == 3)
			continue; /* the bad time */
		kid[n_kept] = ids[i];
		kev[n_kept] = evs1[0];
		kt[n_kept] = t[i];
		rec[n_kept++] = i;
	}
	ck_assert_status(cxm_events_from_arrays(&a, kid, n_kept, kt, n_kept, kev, n_kept), CXM_OK);
	for (threads = 1; threads <= 2; threads++) {
		for (k = 0; k < 3; k++) {
			ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
			ck_assert_status(cxm_events_opts_set_threads(o, threads), CXM_OK);
			ck_assert_status(cxm_events_opts_set_columns(o, "customer_id", "time", NULL), CXM_OK);
			ck_assert_status(cxm_events_opts_set_skip_bad_rows(o, 1), CXM_OK);
			cxm__events_test_block_size(blocks[k]);
			ck_assert_status(cxm_events_read_csv(&e, path, o), CXM_OK);
			cxm__events_test_block_size(0);
			ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_BAD_TIMESTAMP), n - n_kept);
			ck_assert_uint_eq(e->n, a->n);
			ck_assert_uint_eq(e->n_customers, a->n_customers);
			for (i = 0; i < a->n_customers; i++) {
				ck_assert_str_eq(e->customers.str[i], a->customers.str[i]);
				ck_assert_uint_eq(e->start[i], a->start[i]);
			}
			for (i = 0; i < a->n; i++) {
				ck_assert_uint_eq(e->row[i], rec[a->row[i]]);
				ck_assert_double_eq(e->t[i], a->t[i]);
			}
			cxm_events_free(e);
			cxm_events_opts_free(o);
		}
	}
	cxm_events_free(a);
}

START_TEST(test_read_csv_sorted_and_shuffled)
{
	enum { N = 2000 };
	static char ids[N][8];
	const char *cp[N];
	double t[N];
	char path[TMP_PATH_SIZE];
	uint64_t x = 2463534242u;
	size_t i, pass;
	for (pass = 0; pass < 2; pass++) {
		FILE *f = open_tmp(path);
		fputs("customer_id,time\n", f);
		for (i = 0; i < N; i++) {
			unsigned minute;
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* pass 0: times ascend down the file (ties every few rows); pass 1: at random */
			minute = pass == 0 ? (unsigned)(i / 3) : (unsigned)((x >> 32) % 600);
			snprintf(ids[i], sizeof ids[i], "u%u", (unsigned)(x % 97));
			cp[i] = ids[i];
			t[i] = T0 + minute * 60.0;
			if (i % 7 == 3)
				fprintf(f, "%s,not a time\n", ids[i]);
			else
				fprintf(f, "%s,2024-01-%02uT%02u:%02u:00Z\n", ids[i], 1 + minute / 1440,
					minute / 60 % 24, minute % 60);
		}
		ck_assert_int_eq(fclose(f), 0);
		check_against_kept(path, cp, t, N);
		remove(path);
	}
}
END_TEST

/* Read text as a log; the status, and the message must hold `needle`. */
static void read_fails(const char *text, const cxm_events_opts *o, int code, const char *needle)
{
	char path[TMP_PATH_SIZE];
	cxm_events *e = (cxm_events *)1;
	write_tmp(path, text, strlen(text));
	ck_assert_status(cxm_events_read_csv(&e, path, o), code);
	ck_assert_ptr_null(e);
	assert_message_has(needle);
	assert_message_has(path);
	remove(path);
}

START_TEST(test_read_csv_errors)
{
	cxm_events_opts *o = log_opts(2), *noev = NULL;
	char path[TMP_PATH_SIZE];
	cxm_events *e = NULL;
	/* the bad timestamp names file:line:column, the column and why */
	read_fails("customer_id,time,event\na,2024-01-01,x\nb,2024-02-30T10:00Z,y\n", NULL, CXM_EPARSE,
		   ":3:2 'time': '2024-02-30T10:00Z' is not a timestamp");
	read_fails("customer_id,time,event\na,2024-01-01T10:00:00,x\n", NULL, CXM_EPARSE, ":2:2 'time'");
	read_fails("customer_id,time,event\na,,x\n", NULL, CXM_EPARSE, ":2:2 'time': the time is missing");
	read_fails("customer_id,time,event\n ,2024-01-01,x\n", NULL, CXM_EBAD_ARG,
		   ":2:1 'customer_id': the customer id is missing (blanks only)");
	read_fails("customer_id,time,event\na,2024-01-01,\n", NULL, CXM_EBAD_ARG,
		   ":2:3 'event': the event name is missing (an empty field)");
	read_fails("customer_id,time,event,channel,csat\na,2024-01-01,x,web,five\n", o, CXM_EPARSE,
		   ":2:5 'csat': 'five' is not a number");
	read_fails("customer_id,time,event,channel,csat\na,2024-01-01,x,web,1e999\n", o, CXM_EOUT_OF_RANGE,
		   "too large");
	read_fails("customer_id,time,event\na,2024-01-01,x\nb,2024-01-01\n", NULL, CXM_EPARSE, "3");
	read_fails("customer_id,time,event\na,2024-01-01,\xff\n", NULL, CXM_EPARSE, "UTF-8");
	read_fails("user,time,event\na,2024-01-01,x\n", NULL, CXM_EBAD_ARG,
		   "the customer column: no column 'customer_id'");
	read_fails("user,time,event\na,2024-01-01,x\n", NULL, CXM_EBAD_ARG, "its columns are: user, time, event");
	read_fails("customer_id,time,event\n", NULL, CXM_EEMPTY, "no data rows");
	read_fails("customer_id,time,event,csat\na,2024-01-01,x,1\n", o, CXM_EBAD_ARG, "no column 'channel'");
	/* a NUL byte in an event name (found by the fuzz target): no text may hold one */
	write_tmp(path, "customer_id,time,event\na,2024-01-01,ab\0c\n", 41);
	ck_assert_status(cxm_events_read_csv(&e, path, NULL), CXM_EPARSE);
	assert_message_has(":2:3 'event': the field holds a NUL byte (byte 3)");
	remove(path);
	ck_assert_status(cxm_events_read_csv(&e, "/nonexistent/dir/events.csv", NULL), CXM_EIO);
	ck_assert_status(cxm_events_read_csv(NULL, "x", NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_read_csv(&e, NULL, NULL), CXM_EBAD_ARG);
	/* no event column: every row is the event "event" */
	ck_assert_status(cxm_events_opts_new(&noev), CXM_OK);
	ck_assert_status(cxm_events_opts_set_columns(noev, "id", "day", NULL), CXM_OK);
	write_tmp(path, "day,id\n2024-01-02,x\n2024-01-01,x\n", 32);
	ck_assert_status(cxm_events_read_csv(&e, path, noev), CXM_OK);
	ck_assert_uint_eq(e->event_names.count, 1);
	ck_assert_str_eq(e->event_names.str[0], "event");
	ck_assert_str_eq(e->event_column, "event");
	ck_assert_uint_eq(e->row[0], 1);
	ck_assert_double_eq(e->t[0], 19723.0 * 86400.0); /* 2024-01-01 is day 19723 */
	cxm_events_free(e);
	remove(path);
	cxm_events_opts_free(noev);
	cxm_events_opts_free(o);
}
END_TEST

START_TEST(test_skip_bad_rows)
{
	/* by hand: line 3 ragged, 4 bad time, 5 blank id, 6 not a number, 7 blank
	 * event, 8 invalid UTF-8; lines 2 and 9 kept. Customer "z" appears only on
	 * skipped rows: it is no customer. */
	static const char text[] = "customer_id,time,event,channel,csat\n"
				   "a,2024-01-01T00:00:02Z,x,web,1\n"
				   "z,2024-01-01\n"
				   "z,yesterday,x,web,1\n"
				   ",2024-01-01,x,web,1\n"
				   "z,2024-01-01,x,web,lots\n"
				   "z,2024-01-01,  ,web,1\n"
				   "z,2024-01-01,x,w\xc3\x28,1\n"
				   "b,2024-01-01T00:00:01Z,y,,\n";
	char path[TMP_PATH_SIZE];
	cxm_events_opts *o = log_opts(2);
	cxm_events *e = NULL;
	cxm_table *t = NULL;
	double x;
	write_tmp(path, text, sizeof text - 1);
	ck_assert_status(cxm_events_opts_set_skip_bad_rows(o, 1), CXM_OK);
	cxm__events_test_block_size(40);
	ck_assert_status(cxm_events_read_csv(&e, path, o), CXM_OK);
	cxm__events_test_block_size(0);
	ck_assert_uint_eq(cxm_events_count(e), 2);
	ck_assert_uint_eq(cxm_events_customers(e), 2);
	ck_assert_str_eq(e->customers.str[0], "a");
	ck_assert_str_eq(e->customers.str[1], "b");
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_RAGGED), 1);
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_BAD_TIMESTAMP), 1);
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_MISSING_ID), 2);
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_NOT_A_NUMBER), 1);
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_INVALID_UTF8), 1);
	/* no "z" in the property table either: only "" and "web" */
	ck_assert_uint_eq(e->prop_names[0].count, 2);
	ck_assert_status(cxm_events_table(&t, e), CXM_OK);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "rows_read"), CXM_OK);
	ck_assert_double_eq(x, 8);
	ck_assert_status(cxm_table_get_attr_number(&x, t, "skipped_missing_id"), CXM_OK);
	ck_assert_double_eq(x, 2);
	cxm_table_free(t);
	cxm_events_free(e);
	/* every row bad: EMPTY, saying so */
	write_tmp(path, "customer_id,time,event,channel,csat\n,2024-01-01,x,,\n", 51);
	ck_assert_status(cxm_events_read_csv(&e, path, o), CXM_EEMPTY);
	assert_message_has("every row was skipped");
	remove(path);
	cxm_events_opts_free(o);
}
END_TEST

/* ---- tables ---------------------------------------------------------------------- */

START_TEST(test_table_round_trip)
{
	char path[TMP_PATH_SIZE];
	cxm_events_opts *o = log_opts(1);
	cxm_events *e = NULL, *back = NULL;
	cxm_table *t = NULL;
	const char *const *cust, *const *ev, *const *ch, *s;
	const double *tm, *cs, *row;
	size_t col, i;
	double x;
	write_tmp(path, log_csv, sizeof log_csv - 1);
	ck_assert_status(cxm_events_read_csv(&e, path, o), CXM_OK);
	ck_assert_status(cxm_events_table(&t, e), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 8);
	ck_assert_uint_eq(cxm_table_column_count(t), 6);
	ck_assert_str_eq(cxm_table_column_name(t, 0), "customer_id");
	ck_assert_str_eq(cxm_table_column_name(t, 1), "time");
	ck_assert_str_eq(cxm_table_column_name(t, 2), "event");
	ck_assert_str_eq(cxm_table_column_name(t, 3), "channel");
	ck_assert_str_eq(cxm_table_column_name(t, 4), "csat");
	ck_assert_str_eq(cxm_table_column_name(t, 5), "row");
	ck_assert_str_eq(cxm_table_row_name(t), "events");
	cust = cxm_table_texts(t, 0);
	tm = cxm_table_numbers(t, 1);
	ev = cxm_table_texts(t, 2);
	ch = cxm_table_texts(t, 3);
	cs = cxm_table_numbers(t, 4);
	row = cxm_table_numbers(t, 5);
	for (i = 0; i < 8; i++) {
		size_t r = sorted_rows[i];
		ck_assert_str_eq(cust[i], cust_of_row(r));
		ck_assert_double_eq(tm[i], T0 + secs[r]);
		ck_assert_str_eq(ev[i], evs[r]);
		ck_assert_str_eq(ch[i], log_channel[r]);
		ck_assert_double_eq(row[i], (double)r + 1);
		if (!isnan(log_csat[r]))
			ck_assert_double_eq(cs[i], log_csat[r]);
	}
	ck_assert_status(cxm_table_get_attr_text(&s, t, "kind"), CXM_OK);
	ck_assert_str_eq(s, "events");
	ck_assert_status(cxm_table_get_attr_number(&x, t, "customers"), CXM_OK);
	ck_assert_double_eq(x, 3);
	/* the table read back: the same log (its rows are already sorted, so the
	 * order is the table's, and row is the table's row) */
	ck_assert_status(cxm_events_from_table(&back, t, o), CXM_OK);
	ck_assert_uint_eq(back->n, 8);
	for (i = 0; i < 8; i++) {
		ck_assert_uint_eq(back->row[i], i);
		ck_assert_double_eq(back->t[i], e->t[i]);
		ck_assert_str_eq(back->event_names.str[back->event[i]], e->event_names.str[e->event[i]]);
		ck_assert_str_eq(back->prop_names[0].str[back->prop[0][i]], e->prop_names[0].str[e->prop[0][i]]);
	}
	ck_assert_status(cxm_table_column_index(&col, t, "row"), CXM_OK);
	cxm_events_free(back);
	cxm_table_free(t);
	cxm_events_free(e);
	ck_assert_status(cxm_events_table(NULL, e), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_table(&t, NULL), CXM_EBAD_ARG);
	remove(path);
	cxm_events_opts_free(o);
}
END_TEST

START_TEST(test_from_table_types)
{
	static const double ids[] = { 12346, 7, 12346, NAN };
	static const double days[] = { 19724, 19723, 19723, 19723 };
	static const double nums[] = { 100.5, 50, NAN, 1 };
	static const char *const names[] = { "a", "b", "c", "d" };
	static const char *const texts[] = { "2024-01-01T00:00:01Z", "2024-01-01", "nope", "2024-01-01" };
	cxm_table *t = NULL;
	cxm_events *e = NULL;
	cxm_events_opts *o = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "customer_id", ids, 3), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "time", days, 3), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", names, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "secs", nums, 3), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "iso", texts, 3), CXM_OK);
	/* number ids are written as the shortest text: "12346"; DAY times: midnight UTC */
	ck_assert_status(cxm_events_from_table(&e, t, NULL), CXM_OK);
	ck_assert_uint_eq(e->n_customers, 2);
	ck_assert_str_eq(e->customers.str[0], "12346");
	ck_assert_str_eq(e->customers.str[1], "7");
	ck_assert_double_eq(e->t[0], 19723.0 * 86400); /* row 2 (day 19723) before row 0 */
	ck_assert_uint_eq(e->row[0], 2);
	cxm_events_free(e);
	ck_assert_status(cxm_events_opts_new(&o), CXM_OK);
	/* NUMBER times: row 3's NaN is named */
	ck_assert_status(cxm_events_opts_set_columns(o, "customer_id", "secs", "event"), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_ENAN);
	assert_message_has("row 3, column 'secs': the time is NaN");
	ck_assert_status(cxm_events_opts_set_skip_bad_rows(o, 1), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_OK);
	ck_assert_uint_eq(e->n, 2);
	ck_assert_uint_eq(cxm_events_skipped(e, CXM_EVENTS_SKIP_BAD_TIMESTAMP), 1);
	ck_assert_double_eq(e->t[0], 100.5);
	ck_assert_double_eq(e->t[1], 50);
	cxm_events_free(e);
	ck_assert_status(cxm_events_opts_set_skip_bad_rows(o, 0), CXM_OK);
	/* TEXT times go through the timestamp parser, named by row */
	ck_assert_status(cxm_events_opts_set_columns(o, "customer_id", "iso", "event"), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_EPARSE);
	assert_message_has("row 3, column 'iso': 'nope' is not a timestamp");
	/* wrong types and missing columns */
	ck_assert_status(cxm_events_opts_set_columns(o, "customer_id", "time", "secs"), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_EBAD_ARG);
	assert_message_has("the event column: column 'secs' of the event log has type number; it must be text");
	ck_assert_status(cxm_events_opts_set_columns(o, "customer_id", "when", "event"), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, o), CXM_EBAD_ARG);
	assert_message_has("the time column");
	assert_message_has("when");
	ck_assert_status(cxm_events_from_table(&e, NULL, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_events_from_table(NULL, t, o), CXM_EBAD_ARG);
	cxm_table_free(t);
	/* a NaN number id is a missing id */
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "customer_id", ids, 4), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "time", days, 4), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "event", names, 4), CXM_OK);
	ck_assert_status(cxm_events_from_table(&e, t, NULL), CXM_EBAD_ARG);
	assert_message_has("row 4, column 'customer_id': the customer id is missing (a number NaN)");
	cxm_table_free(t);
	cxm_events_opts_free(o);
}
END_TEST

START_TEST(test_oom_read_and_table)
{
	char path[TMP_PATH_SIZE];
	cxm_events_opts *o = log_opts(1);
	long k;
	int rc;
	write_tmp(path, log_csv, sizeof log_csv - 1);
	for (k = 0;; k++) {
		cxm_events *e = NULL;
		cxm_table *t = NULL, *t2 = NULL;
		cxm_events *back = NULL;
		oom_arm(k);
		rc = cxm_events_read_csv(&e, path, o);
		if (rc == CXM_OK)
			rc = cxm_events_table(&t, e);
		if (rc == CXM_OK)
			rc = cxm_events_from_table(&back, t, o);
		if (rc == CXM_OK)
			rc = cxm_events_table(&t2, back);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			check_log(e);
			ck_assert_uint_eq(cxm_table_rows(t2), 8);
			cxm_table_free(t);
			cxm_table_free(t2);
			cxm_events_free(e);
			cxm_events_free(back);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		cxm_table_free(t);
		cxm_table_free(t2);
		cxm_events_free(e);
		cxm_events_free(back);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	remove(path);
	cxm_events_opts_free(o);
}
END_TEST

static Suite *events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("core");
	/* the chunk tests read small files cut into blocks of a few bytes on 1 and 2
	 * threads many times: seconds under a debug build, longer under valgrind or a busy machine */
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, test_from_arrays_sorted);
	tcase_add_test(tc, test_from_arrays_long_run);
	tcase_add_test(tc, test_from_arrays_errors);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_opts);
	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_oom_from_arrays);
	tcase_add_test(tc, test_read_csv);
	tcase_add_test(tc, test_read_csv_chunks_vs_arrays);
	tcase_add_test(tc, test_read_csv_sorted_and_shuffled);
	tcase_add_test(tc, test_read_csv_errors);
	tcase_add_test(tc, test_skip_bad_rows);
	tcase_add_test(tc, test_table_round_trip);
	tcase_add_test(tc, test_from_table_types);
	tcase_add_test(tc, test_oom_read_and_table);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(events_suite)
