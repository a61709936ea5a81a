/*
 * tests/fuzz/fuzz_events.c - libFuzzer target for the event-log reader
 * (lib/events, cxmetrics/events.h, spec §21): cxm_events_read_csv on one
 * thread with the default chunks and on three threads with chunks of a few
 * bytes, then cxm_events_table and cxm_events_from_table of that table.
 *
 * The input is 1 option byte, then the CSV file:
 *   bit 0    skip bad rows (else the first bad row fails)
 *   bit 1    a property column "channel" and a value column "csat"
 *   bit 2    no event column (every row is the event "event")
 *   bits 3-5 the chunk size of the second read: 1, 7, 16, 31, 64, 100, 257, 4096 bytes
 *
 * The invariants (a broken one aborts through FUZZ_ASSERT):
 *  - a failure is one of the documented codes with a "NAME: ..." message,
 *    the same code and message for both reads (the earliest bad row wins
 *    whatever the chunks and threads);
 *  - a log: customers numbered by first appearance are each non-empty,
 *    start[] ascending from 0 to n; within a customer times ascend and equal
 *    times keep input order (row ascending); rows are distinct and below
 *    rows_read; kept + skipped = rows_read; nothing skipped without bit 0;
 *  - both reads give the same log, field by field (ids, times, names,
 *    properties, values bit for bit, rows, skipped counts);
 *  - rows_read = the records cxm_csv reads when it reads the whole file;
 *  - the table has n rows, and the log built from it has the same events in
 *    the same order.
 */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_common.h"
#include "events/events_internal.h"

static const size_t blocks[] = { 1, 7, 16, 31, 64, 100, 257, 4096 };

static cxm_events_opts *make_opts(uint8_t flags, unsigned threads)
{
	cxm_events_opts *o = NULL;
	FUZZ_ASSERT(cxm_events_opts_new(&o) == CXM_OK, "opts_new failed");
	if (flags & 4)
		FUZZ_ASSERT(cxm_events_opts_set_columns(o, "customer_id", "time", NULL) == CXM_OK, "set_columns");
	if (flags & 2) {
		FUZZ_ASSERT(cxm_events_opts_add_property(o, "channel") == CXM_OK, "add_property");
		FUZZ_ASSERT(cxm_events_opts_add_value(o, "csat") == CXM_OK, "add_value");
	}
	FUZZ_ASSERT(cxm_events_opts_set_skip_bad_rows(o, flags & 1) == CXM_OK, "skip");
	FUZZ_ASSERT(cxm_events_opts_set_threads(o, threads) == CXM_OK, "threads");
	return o;
}

static void check_failure(int rc)
{
	fuzz_check_error(rc, "cxm_events_read_csv");
	FUZZ_ASSERT(rc == CXM_EBAD_ARG || rc == CXM_EPARSE || rc == CXM_EEMPTY || rc == CXM_EIO ||
			    rc == CXM_EOUT_OF_RANGE || rc == CXM_ENOMEM,
		    "unexpected code %s: %s", cxm_error_name(rc), cxm_error_last()->message);
}

static void check_log(const cxm_events *e, uint8_t flags)
{
	size_t c, i, kept_and_skipped = e->n;
	unsigned char *seen = calloc(e->rows_read ? e->rows_read : 1, 1);
	size_t *first = calloc(e->n_customers + 1, sizeof *first);
	FUZZ_ASSERT(seen != NULL && first != NULL, "calloc");
	FUZZ_ASSERT(e->n > 0 && e->n_customers > 0 && e->n_customers <= e->n, "counts %zu %zu", e->n, e->n_customers);
	FUZZ_ASSERT(e->customers.count == e->n_customers, "customer table %zu vs %zu", e->customers.count,
		    e->n_customers);
	FUZZ_ASSERT(e->start[0] == 0 && e->start[e->n_customers] == e->n, "start ends");
	for (c = 0; c < e->n_customers; c++) {
		FUZZ_ASSERT(e->start[c] < e->start[c + 1], "customer %zu has no event", c);
		FUZZ_ASSERT(e->customers.len[c] > 0, "an empty customer id");
		for (i = e->start[c] + 1; i < e->start[c + 1]; i++) {
			FUZZ_ASSERT(e->t[i - 1] <= e->t[i], "times descend at %zu", i);
			if (e->t[i - 1] == e->t[i])
				FUZZ_ASSERT(e->row[i - 1] < e->row[i], "a tie out of input order at %zu", i);
		}
		/* first appearance: each customer's earliest input row comes after the one before's */
		first[c] = SIZE_MAX;
		for (i = e->start[c]; i < e->start[c + 1]; i++)
			if (e->row[i] < first[c])
				first[c] = e->row[i];
		if (c > 0)
			FUZZ_ASSERT(first[c - 1] < first[c], "customer %zu appears before customer %zu", c, c - 1);
	}
	free(first);
	for (i = 0; i < e->n; i++) {
		FUZZ_ASSERT(e->row[i] < e->rows_read, "row %zu of %zu read", e->row[i], e->rows_read);
		FUZZ_ASSERT(!seen[e->row[i]], "row %zu twice", e->row[i]);
		seen[e->row[i]] = 1;
		FUZZ_ASSERT(e->event[i] < e->event_names.count, "event code");
		FUZZ_ASSERT(isfinite(e->t[i]), "a time not finite");
		if (e->n_props)
			FUZZ_ASSERT(e->prop[0][i] < e->prop_names[0].count, "property code");
	}
	free(seen);
	for (i = 0; i < 5; i++) {
		FUZZ_ASSERT((flags & 1) || e->skipped[i] == 0, "skipped without skip_bad_rows");
		kept_and_skipped += e->skipped[i];
	}
	FUZZ_ASSERT(kept_and_skipped == e->rows_read, "kept + skipped %zu != rows read %zu", kept_and_skipped,
		    e->rows_read);
	if (flags & 4)
		FUZZ_ASSERT(e->event_names.count == 1 && strcmp(e->event_names.str[0], "event") == 0, "constant event");
}

static void same_log(const cxm_events *a, const cxm_events *b)
{
	size_t i, k;
	FUZZ_ASSERT(a->n == b->n && a->n_customers == b->n_customers && a->rows_read == b->rows_read,
		    "the two reads differ: %zu/%zu events, %zu/%zu customers", a->n, b->n, a->n_customers,
		    b->n_customers);
	for (i = 0; i < 5; i++)
		FUZZ_ASSERT(a->skipped[i] == b->skipped[i], "skipped[%zu] differs", i);
	for (i = 0; i < a->n_customers; i++) {
		FUZZ_ASSERT(a->start[i] == b->start[i], "start[%zu] differs", i);
		FUZZ_ASSERT(a->customers.len[i] == b->customers.len[i] &&
				    memcmp(a->customers.str[i], b->customers.str[i], a->customers.len[i]) == 0,
			    "customer %zu differs", i);
	}
	for (i = 0; i < a->n; i++) {
		FUZZ_ASSERT(a->row[i] == b->row[i] && memcmp(&a->t[i], &b->t[i], sizeof a->t[i]) == 0,
			    "event %zu differs", i);
		FUZZ_ASSERT(strcmp(a->event_names.str[a->event[i]], b->event_names.str[b->event[i]]) == 0,
			    "event name %zu differs", i);
		for (k = 0; k < a->n_props; k++)
			FUZZ_ASSERT(strcmp(a->prop_names[k].str[a->prop[k][i]], b->prop_names[k].str[b->prop[k][i]]) == 0,
				    "property %zu differs", i);
		for (k = 0; k < a->n_values; k++)
			FUZZ_ASSERT((isnan(a->value[k][i]) && isnan(b->value[k][i])) ||
					    memcmp(&a->value[k][i], &b->value[k][i], sizeof(double)) == 0,
				    "value %zu differs", i);
	}
}

/* Records as the sequential reader sees them, or SIZE_MAX when it fails. */
static size_t records_of(const char *path)
{
	cxm_csv *csv = NULL;
	size_t n = 0;
	int has_row;
	if (cxm_csv_open(&csv, path, ',') < 0)
		return SIZE_MAX;
	while (cxm_csv_next(&has_row, csv) == CXM_OK) {
		if (!has_row) {
			cxm_csv_free(csv);
			return n;
		}
		n++;
	}
	cxm_csv_free(csv);
	return SIZE_MAX;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cxm_events_opts *o1, *o2;
	cxm_events *a = NULL, *b = NULL, *back = NULL;
	cxm_table *t = NULL;
	const char *path;
	char msg[512];
	uint8_t flags;
	size_t records;
	int rc1, rc2;
	if (size < 1)
		return 0;
	flags = data[0];
	path = fuzz_file_write(data + 1, size - 1);
	o1 = make_opts(flags, 1);
	o2 = make_opts(flags, 3);
	cxm__events_test_block_size(0);
	rc1 = cxm_events_read_csv(&a, path, o1);
	if (rc1 < 0) {
		check_failure(rc1);
		snprintf(msg, sizeof msg, "%s", cxm_error_last()->message);
	}
	cxm__events_test_block_size(blocks[(flags >> 3) & 7]);
	rc2 = cxm_events_read_csv(&b, path, o2);
	cxm__events_test_block_size(0);
	FUZZ_ASSERT(rc1 == rc2, "one thread: %s, three: %s (%s)", cxm_error_name(rc1), cxm_error_name(rc2),
		    cxm_error_last()->message);
	if (rc1 < 0) {
		FUZZ_ASSERT(a == NULL && b == NULL, "a log after a failure");
		FUZZ_ASSERT(strcmp(msg, cxm_error_last()->message) == 0, "messages differ:\n%s\n%s", msg,
			    cxm_error_last()->message);
		goto done;
	}
	check_log(a, flags);
	check_log(b, flags);
	same_log(a, b);
	records = records_of(path);
	if (records != SIZE_MAX)
		FUZZ_ASSERT(records == a->rows_read, "%zu records, %zu rows read", records, a->rows_read);
	FUZZ_ASSERT(cxm_events_table(&t, a) == CXM_OK, "table: %s", cxm_error_last()->message);
	FUZZ_ASSERT(cxm_table_rows(t) == a->n, "table rows");
	/* the table holds texts the reader accepted: it reads back (a property
	 * column named "row" would clash with the row column: not in these options) */
	rc1 = cxm_events_from_table(&back, t, o1);
	FUZZ_ASSERT(rc1 == CXM_OK, "from_table of the table: %s", cxm_error_last()->message);
	FUZZ_ASSERT(back->n == a->n && back->n_customers == a->n_customers, "the table's log differs");
	for (size_t i = 0; i < a->n; i++)
		FUZZ_ASSERT(back->row[i] == i && memcmp(&back->t[i], &a->t[i], sizeof a->t[i]) == 0,
			    "the table's log is not in the table's order at %zu", i);
done:
	cxm_events_free(a);
	cxm_events_free(b);
	cxm_events_free(back);
	cxm_table_free(t);
	cxm_events_opts_free(o1);
	cxm_events_opts_free(o2);
	return 0;
}
