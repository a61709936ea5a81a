/*
 * tests/fuzz/fuzz_csv_chunks.c - differential libFuzzer target: the parallel
 * chunked CSV reader (lib/io/csv_chunks.c, spec §0.16) against the streaming
 * reader (cxm_csv_next) on the same bytes.
 *
 * The input's first byte chooses the block size (1..64 bytes, so that cuts
 * fall in every parser state: inside quotes, between a CR and its LF, after
 * a doubled quote) and the thread count (1 or 2); the rest is the file. Both
 * readers must give the same records (every field's bytes and length, the
 * line each record starts on) in the same order, and fail alike: the same
 * code and, word for word, the same message. Before a failure, the chunk
 * reader's records start with the streaming reader's. With skip_malformed,
 * the chunk reader may only fail with the errors that cannot be skipped.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include "fuzz_common.h"
#include "io/io_internal.h"

typedef struct recs {
	char *buf;          /* records back to back: "line\x1Flen\x1Ffield..." */
	size_t len, cap, n;
	size_t *chunk_row;  /* per record: chunk, row_in_chunk, offset, length */
	size_t rows_cap;
} recs;

static void put(recs *r, const void *p, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2 + 64;
		r->buf = realloc(r->buf, r->cap);
		FUZZ_ASSERT(r->buf != NULL, "realloc failed");
	}
	memcpy(r->buf + r->len, p, n);
	r->len += n;
}

static void push(recs *r, size_t chunk, size_t row, size_t line, const char *const *field, const size_t *len,
		 size_t n)
{
	size_t start = r->len, i;
	char num[64];
	int k = snprintf(num, sizeof num, "%zu\x1F", line);
	put(r, num, (size_t)k);
	for (i = 0; i < n; i++) {
		k = snprintf(num, sizeof num, "%zu\x1F", len[i]);
		put(r, num, (size_t)k);
		put(r, field[i], len[i]);
		FUZZ_ASSERT(field[i][len[i]] == '\0', "field %zu of line %zu is not NUL-terminated", i, line);
	}
	if (4 * (r->n + 1) > r->rows_cap) {
		r->rows_cap = 8 * (r->n + 1);
		r->chunk_row = realloc(r->chunk_row, r->rows_cap * sizeof *r->chunk_row);
		FUZZ_ASSERT(r->chunk_row != NULL, "realloc failed");
	}
	r->chunk_row[4 * r->n] = chunk;
	r->chunk_row[4 * r->n + 1] = row;
	r->chunk_row[4 * r->n + 2] = start;
	r->chunk_row[4 * r->n + 3] = r->len - start;
	r->n++;
}

static int collect(void *worker, const cxm__csv_row *row, char *msg, size_t cap)
{
	(void)msg;
	(void)cap;
	push(worker, row->chunk, row->row_in_chunk, row->line, row->field, row->len, row->n_cols);
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* A record of one of the two workers: where it is, for sorting into file order. */
typedef struct ref {
	const recs *w;
	size_t i;
} ref;

static int by_position(const void *a, const void *b)
{
	const ref *x = a, *y = b;
	const size_t *p = x->w->chunk_row + 4 * x->i, *q = y->w->chunk_row + 4 * y->i;
	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return p[1] < q[1] ? -1 : p[1] > q[1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	cxm_csv *a = NULL, *b = NULL;
	recs seq = { 0 }, par[2] = { { 0 } };
	void *workers[2] = { &par[0], &par[1] };
	char msg_a[1100] = "", msg_b[1100] = "";
	int rc_a, rc_b, has, opened;
	size_t i, total = 0;
	ref *order = NULL;
	cxm__csv_chunks_opts o = { 1, 0, NULL, NULL, 1 };
	cxm__csv_chunks_stats st;
	if (size < 1)
		return 0;
	o.block_size = 1 + (data[0] & 63);
	o.threads = 1 + ((data[0] >> 6) & 1);
	o.skip_malformed = (data[0] >> 7) & 1;
	path = fuzz_file_write(data + 1, size - 1);

	/* the streaming reader */
	rc_a = cxm_csv_open(&a, path, ',');
	if (rc_a == CXM_OK) {
		for (;;) {
			const char *field[256];
			size_t len[256], n = cxm_csv_column_count(a);
			if ((rc_a = cxm_csv_next(&has, a)) < 0 || !has)
				break;
			if (n > 256)
				continue;
			for (i = 0; i < n; i++)
				field[i] = cxm_csv_field(&len[i], a, i);
			push(&seq, 0, seq.n, cxm_csv_line(a), field, len, n);
		}
	}
	if (rc_a < 0)
		snprintf(msg_a, sizeof msg_a, "%s", cxm_error_last()->message);
	cxm_csv_free(a);

	/* the chunk reader */
	rc_b = cxm_csv_open(&b, path, ',');
	opened = rc_b == CXM_OK;
	if (rc_b == CXM_OK) {
		if (cxm_csv_column_count(b) > 256) {
			cxm_csv_free(b);
			goto done;
		}
		rc_b = cxm__csv_chunks_read(b, &o, workers, 2, collect, &st);
	}
	if (rc_b < 0) {
		fuzz_check_error(rc_b, "cxm__csv_chunks_read");
		snprintf(msg_b, sizeof msg_b, "%s", cxm_error_last()->message);
	}
	cxm_csv_free(b);

	/* both workers' records in file order, against the streaming reader's */
	total = par[0].n + par[1].n;
	order = malloc((total + 1) * sizeof *order);
	FUZZ_ASSERT(order != NULL, "malloc failed");
	for (i = 0; i < total; i++) {
		order[i].w = i < par[0].n ? &par[0] : &par[1];
		order[i].i = i < par[0].n ? i : i - par[0].n;
	}
	qsort(order, total, sizeof *order, by_position);
	for (i = 0; i < total && i < seq.n && !o.skip_malformed; i++) {
		const size_t *r = order[i].w->chunk_row + 4 * order[i].i, *q = seq.chunk_row + 4 * i;
		FUZZ_ASSERT(q[3] == r[3] && memcmp(seq.buf + q[2], order[i].w->buf + r[2], q[3]) == 0,
			    "record %zu differs: '%.*s' vs '%.*s'", i, (int)q[3], seq.buf + q[2], (int)r[3],
			    order[i].w->buf + r[2]);
	}
	if (!o.skip_malformed || !opened) {
		/* (a file cxm_csv_open refuses fails alike, skipping or not) */
		FUZZ_ASSERT(rc_a == rc_b, "status %d (%s) vs %d (%s)", rc_a, msg_a, rc_b, msg_b);
		FUZZ_ASSERT(strcmp(msg_a, msg_b) == 0, "message '%s' vs '%s'", msg_a, msg_b);
		if (rc_a == CXM_OK)
			FUZZ_ASSERT(seq.n == total, "%zu vs %zu records", seq.n, total);
		else
			FUZZ_ASSERT(total >= seq.n, "%zu records before the error vs %zu", seq.n, total);
	} else if (rc_a == CXM_OK) {
		/* nothing to skip: the same */
		FUZZ_ASSERT(rc_b == CXM_OK && seq.n == total && st.ragged == 0 && st.invalid_utf8 == 0,
			    "skip_malformed on a clean file: %d, %zu vs %zu records", rc_b, seq.n, total);
	} else if (rc_b < 0) {
		/* what cannot be skipped, told by how its message ends (a column name
		 * quoted inside may hold any words) */
		FUZZ_ASSERT(ends_with(msg_b, "(unterminated quote at end of file)") ||
				    ends_with(msg_b, "(write a quote inside a quoted field as \"\")") ||
				    ends_with(msg_b, "an unterminated quote?)"),
			    "skip_malformed failed on what it skips: '%s'", msg_b);
	}
done:
	free(order);
	free(seq.buf);
	free(seq.chunk_row);
	for (i = 0; i < 2; i++) {
		free(par[i].buf);
		free(par[i].chunk_row);
	}
	return 0;
}
