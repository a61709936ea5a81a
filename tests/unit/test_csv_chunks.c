/*
 * tests/unit/test_csv_chunks.c - check suite for the parallel chunked CSV
 * reader (lib/io/csv_chunks.c, spec §0.16).
 *
 * The reference is the sequential reader, cxm_csv_next, on the same bytes:
 * every generated file (quoted fields holding delimiters, line breaks and
 * doubled quotes; CRLF and CR line ends; empty fields; blank lines; no final
 * line end; invalid UTF-8; ragged rows; stray quotes) must give the same
 * records (fields, lengths and lines) and the same error, code and message,
 * for every block size (a few bytes up to more than the file) and 1, 2 or 3
 * threads. Hand-made files check the counts of skip_malformed and that the
 * earliest chunk's error wins.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp and fdopen, in tmpfile.h */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "harness.h"
#include "oom.h"
#include "io/io_internal.h"
#define TMP_PREFIX "cxm_test_csv_chunks_"
#include "tmpfile.h"

/* One record as text: "line|len:field|len:field|..." (fields may hold any byte). */
typedef struct rec {
	size_t chunk, row, line;
	char *text;
	size_t len;
} rec;

typedef struct recs {
	rec *r;
	size_t n, cap;
} recs;

static void recs_push(recs *v, size_t chunk, size_t row, size_t line, const char *const *field, const size_t *len,
		      size_t n)
{
	size_t i, total = 32;
	char *t;
	for (i = 0; i < n; i++)
		total += len[i] + 24;
	t = malloc(total);
	ck_assert_ptr_nonnull(t);
	size_t k = (size_t)snprintf(t, total, "%zu", line);
	for (i = 0; i < n; i++) {
		k += (size_t)snprintf(t + k, total - k, "|%zu:", len[i]);
		memcpy(t + k, field[i], len[i]);
		k += len[i];
	}
	t[k] = '\0';
	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 64;
		v->r = realloc(v->r, v->cap * sizeof *v->r);
		ck_assert_ptr_nonnull(v->r);
	}
	v->r[v->n].chunk = chunk;
	v->r[v->n].row = row;
	v->r[v->n].line = line;
	v->r[v->n].text = t;
	v->r[v->n].len = k;
	v->n++;
}

static void recs_free(recs *v)
{
	size_t i;
	for (i = 0; i < v->n; i++)
		free(v->r[i].text);
	free(v->r);
	memset(v, 0, sizeof *v);
}

static int by_position(const void *a, const void *b)
{
	const rec *x = a, *y = b;
	if (x->chunk != y->chunk)
		return x->chunk < y->chunk ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* A worker: its records; fail_line: the consumer fails on this line (0: never). */
typedef struct wstate {
	recs got;
	size_t fail_line, skip_line;
} wstate;

static int collect(void *worker, const cxm__csv_row *row, char *msg, size_t cap)
{
	wstate *w = worker;
	if (w->fail_line && row->line == w->fail_line) {
		snprintf(msg, cap, "consumer refuses line %zu", row->line);
		return CXM_EBAD_ARG;
	}
	if (w->skip_line && row->line == w->skip_line)
		return 1;
	recs_push(&w->got, row->chunk, row->row_in_chunk, row->line, row->field, row->len, row->n_cols);
	return 0;
}

/* The sequential reader's records and status (message into msg). */
static int read_sequential(const char *path, recs *out, char *msg, size_t cap)
{
	cxm_csv *csv = NULL;
	int rc, has;
	const char *field[64];
	size_t len[64], i;
	msg[0] = '\0';
	if ((rc = cxm_csv_open(&csv, path, ',')) < 0) {
		snprintf(msg, cap, "%s", cxm_error_last()->message);
		return rc;
	}
	for (;;) {
		if ((rc = cxm_csv_next(&has, csv)) < 0) {
			snprintf(msg, cap, "%s", cxm_error_last()->message);
			break;
		}
		if (!has)
			break;
		for (i = 0; i < cxm_csv_column_count(csv); i++)
			field[i] = cxm_csv_field(&len[i], csv, i);
		recs_push(out, 0, out->n, cxm_csv_line(csv), field, len, cxm_csv_column_count(csv));
	}
	cxm_csv_free(csv);
	return rc;
}

/* The chunk reader's records, merged in file order, and status. */
static int read_chunked(const char *path, recs *out, char *msg, size_t cap, size_t block, unsigned threads,
			int skip, cxm__csv_chunks_stats *st, size_t fail_line)
{
	cxm_csv *csv = NULL;
	wstate ws[4];
	void *wp[4];
	size_t i, k;
	int rc;
	memset(ws, 0, sizeof ws);
	for (i = 0; i < 4; i++) {
		ws[i].fail_line = fail_line;
		wp[i] = &ws[i];
	}
	msg[0] = '\0';
	if ((rc = cxm_csv_open(&csv, path, ',')) < 0) {
		snprintf(msg, cap, "%s", cxm_error_last()->message);
		return rc;
	}
	cxm__csv_chunks_opts o = { threads, skip, NULL, NULL, block };
	rc = cxm__csv_chunks_read(csv, &o, wp, 4, collect, st);
	if (rc < 0)
		snprintf(msg, cap, "%s", cxm_error_last()->message);
	cxm_csv_free(csv);
	for (i = 0; i < 4; i++) {
		for (k = 0; k < ws[i].got.n; k++) {
			rec *r = &ws[i].got.r[k];
			if (out->n == out->cap) {
				out->cap = out->cap ? 2 * out->cap : 64;
				out->r = realloc(out->r, out->cap * sizeof *out->r);
			}
			out->r[out->n++] = *r;
		}
		free(ws[i].got.r);
	}
	if (out->n > 1) /* qsort(NULL, 0, ...) is undefined (UBSan) */
		qsort(out->r, out->n, sizeof *out->r, by_position);
	return rc;
}

/* Both readers on the same file agree: records and error. */
static void assert_same(const char *path, size_t block, unsigned threads, const char *what)
{
	recs a = { 0 }, b = { 0 };
	char ma[1100], mb[1100];
	cxm__csv_chunks_stats st;
	size_t i;
	int ra = read_sequential(path, &a, ma, sizeof ma);
	int rb = read_chunked(path, &b, mb, sizeof mb, block, threads, 0, &st, 0);
	ck_assert_msg(ra == rb, "%s (block %zu, %u threads): status %d vs %d ('%s' vs '%s')", what, block, threads,
		      ra, rb, ma, mb);
	ck_assert_msg(strcmp(ma, mb) == 0, "%s (block %zu, %u threads): message '%s' vs '%s'", what, block, threads,
		      ma, mb);
	if (ra == CXM_OK) {
		ck_assert_msg(a.n == b.n, "%s (block %zu, %u threads): %zu vs %zu records", what, block, threads,
			      a.n, b.n);
		ck_assert_uint_eq(st.rows, a.n);
	} else {
		/* before the error: the sequential records are where the chunked ones start */
		ck_assert_msg(b.n >= a.n, "%s: %zu records before the error vs %zu", what, a.n, b.n);
	}
	for (i = 0; i < a.n; i++)
		ck_assert_msg(a.r[i].len == b.r[i].len && memcmp(a.r[i].text, b.r[i].text, a.r[i].len) == 0,
			      "%s (block %zu, %u threads): record %zu differs: '%.*s' vs '%.*s'", what, block, threads,
			      i, (int)a.r[i].len, a.r[i].text, (int)b.r[i].len, b.r[i].text);
	recs_free(&a);
	recs_free(&b);
}

static const size_t blocks[] = { 1, 2, 3, 5, 8, 13, 64, 1000, 1 << 20 };

static void assert_same_all(const char *text, size_t len, const char *what)
{
	char path[TMP_PATH_SIZE];
	size_t i;
	unsigned t;
	write_tmp(path, text, len);
	for (i = 0; i < sizeof blocks / sizeof *blocks; i++)
		for (t = 1; t <= 3; t++)
			assert_same(path, blocks[i], t, what);
	remove(path);
}

START_TEST(test_hand_made)
{
	static const char *cases[] = {
		"a,b,c\n1,2,3\n4,5,6\n",
		"a,b,c\r\n1,2,3\r\n4,5,6\r\n",
		"a,b,c\r1,2,3\r4,5,6\r",
		"a,b,c\n1,2,3\n4,5,6",                      /* no final line end */
		"a,b,c\n1,,\n,,\n",                          /* empty fields */
		"a,b,c\n\n1,2,3\n\r\n\n4,5,6\n\n",           /* blank lines */
		"a,b,c\n\"x,y\",\"line\nbreak\",\"q\"\"q\"\n\"\",\"\"\"\",3\n",
		"a,b,c\n\"a\r\nb\",\"c\r\rd\",\"\"\"\"\"\"\n", /* CRLF and CR inside quotes */
		"a,b,c\n5\" screen,x\"y,z\n",                /* quotes inside unquoted fields are data */
		"a,b,c\n1,2,\"3\"",                          /* a closing quote at the end of the file */
		"a,b,c\n1,2,",                               /* a trailing delimiter at the end */
		"a,b,c\r\n1,2,3",                            /* header CRLF */
		"h\n\"\"\n\n\"\n\"\n",
		"a,b\n\"x\",\"y\"\r\n\"\"\"a\"\"\",b\r\n",
		/* errors */
		"a,b,c\n1,2,3\n4,5\n",                       /* ragged: too few */
		"a,b,c\n1,2,3\n4,5,6,7\n",                   /* ragged: too many */
		"a,b,c\n1,2,3\n\"4,5,6\n7,8,9\n",            /* unterminated quote */
		"a,b,c\n1,2,\"3\"x\n",                       /* text after the closing quote */
		"a,b,c\n1,\"2\n\n\"x,3\n",                   /* ... on a later line */
		"a,b,c\n1,2,\xff\n",                         /* invalid UTF-8 */
		"a,b,c\n1,2,3\n1,\"a\xc3\",3\n",              /* a cut sequence */
		"a,b,c\n1,2,\xc3\xa9\n\xe2\x82\xac,2,3\n",   /* valid UTF-8 */
	};
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char what[32];
		snprintf(what, sizeof what, "case %zu", i);
		assert_same_all(cases[i], strlen(cases[i]), what);
	}
}
END_TEST

/* A random CSV body: mostly well-formed, with some damage. */
static size_t random_csv(char *out, size_t cap, unsigned *seed, int damage)
{
	static const char *pieces[] = { "a", "bc", ",", "\"", "\n", "\r", "\r\n", " ", "\xc3\xa9", "x", "123", "" };
	size_t n = 0, rows = 1 + (size_t)(rand_r(seed) % 40), cols = 1 + (size_t)(rand_r(seed) % 4), r, c;
	const char *eol = rand_r(seed) % 3 == 0 ? "\r\n" : rand_r(seed) % 5 == 0 ? "\r" : "\n";
	/* the header */
	for (c = 0; c < cols; c++)
		n += (size_t)snprintf(out + n, cap - n, "%sc%zu", c ? "," : "", c);
	n += (size_t)snprintf(out + n, cap - n, "%s", eol);
	for (r = 0; r < rows && n + 400 < cap; r++) {
		size_t nc = cols;
		if (damage && rand_r(seed) % 15 == 0)
			nc = cols + 1 - (size_t)(rand_r(seed) % 3) * (cols > 1);
		if (rand_r(seed) % 10 == 0)
			n += (size_t)snprintf(out + n, cap - n, "%s", eol); /* a blank line */
		for (c = 0; c < nc; c++) {
			int quoted = rand_r(seed) % 2, k, parts = rand_r(seed) % 5;
			if (c)
				out[n++] = ',';
			if (quoted)
				out[n++] = '"';
			for (k = 0; k < parts; k++) {
				const char *pc = pieces[rand_r(seed) % (sizeof pieces / sizeof *pieces)];
				if (!quoted && (pc[0] == ',' || pc[0] == '\n' || pc[0] == '\r' || (pc[0] == '"' && k == 0)))
					pc = "u";
				if (quoted && pc[0] == '"')
					out[n++] = '"'; /* doubled */
				n += (size_t)snprintf(out + n, cap - n, "%s", pc);
			}
			if (quoted)
				out[n++] = '"';
		}
		if (damage && rand_r(seed) % 25 == 0) {
			static const char junk[] = { '"', '\xff', '\xc3', 'z', ',', '\n' };
			out[n++] = junk[rand_r(seed) % sizeof junk];
		}
		if (r + 1 < rows || rand_r(seed) % 2)
			n += (size_t)snprintf(out + n, cap - n, "%s", eol);
	}
	return n;
}

START_TEST(test_random_files)
{
	unsigned seed = 20261207u;
	char *buf = malloc(64 * 1024);
	int i;
	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < 300; i++) {
		char what[32];
		size_t n = random_csv(buf, 64 * 1024, &seed, i % 2);
		snprintf(what, sizeof what, "random file %d", i);
		assert_same_all(buf, n, what);
	}
	free(buf);
}
END_TEST

/* gzip input: the main thread pulls inflated bytes through cxm__csv_read_rest. */
START_TEST(test_gzip)
{
	char path[TMP_PATH_SIZE], *text = malloc(200000);
	size_t n = 0, i;
	gzFile gz;
	FILE *f;
	ck_assert_ptr_nonnull(text);
	n += (size_t)snprintf(text + n, 200000 - n, "id,comment,score\r\n");
	for (i = 0; i < 3000; i++)
		n += (size_t)snprintf(text + n, 200000 - n, "%zu,\"row %zu, \"\"quoted\"\"\nand more\",%zu\r\n", i, i,
				      i % 11);
	f = open_tmp(path);
	fclose(f);
	gz = gzopen(path, "wb");
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzwrite(gz, text, (unsigned)n), (int)n);
	ck_assert_int_eq(gzclose(gz), Z_OK);
	assert_same(path, 4096, 2, "gzip");
	assert_same(path, 0, 2, "gzip (default block)");
	assert_same(path, 7, 1, "gzip (tiny blocks)");
	remove(path);
	free(text);
}
END_TEST

/* skip_malformed: ragged rows and rows with invalid UTF-8 are counted, the others read. */
START_TEST(test_skip_malformed)
{
	static const char text[] = "a,b\n1,2\n3\n4,\xff\n5,6,7\n8,9\n\"10\",\"\xc3\"\n11,12\n";
	char path[TMP_PATH_SIZE], msg[1100];
	size_t block;
	unsigned t;
	write_tmp(path, text, sizeof text - 1);
	for (block = 1; block < 64; block += 5)
		for (t = 1; t <= 2; t++) {
			recs got = { 0 };
			cxm__csv_chunks_stats st;
			ck_assert_int_eq(read_chunked(path, &got, msg, sizeof msg, block, t, 1, &st, 0), CXM_OK);
			ck_assert_uint_eq(st.rows, 3);
			ck_assert_uint_eq(st.ragged, 2);
			ck_assert_uint_eq(st.invalid_utf8, 2);
			ck_assert_uint_eq(got.n, 3);
			ck_assert_str_eq(got.r[0].text, "2|1:1|1:2");
			ck_assert_str_eq(got.r[1].text, "6|1:8|1:9");
			ck_assert_str_eq(got.r[2].text, "8|2:11|2:12");
			recs_free(&got);
		}
	remove(path);
}
END_TEST

/* The consumer's error: the earliest line wins, whatever the threads; its message as written. */
START_TEST(test_consumer_error)
{
	char path[TMP_PATH_SIZE], msg[1100];
	FILE *f = open_tmp(path);
	size_t i;
	unsigned t;
	fprintf(f, "id,v\n");
	for (i = 0; i < 5000; i++)
		fprintf(f, "%zu,%zu\n", i, i * 7);
	ck_assert_int_eq(fclose(f), 0);
	for (t = 1; t <= 3; t++) {
		recs got = { 0 };
		cxm__csv_chunks_stats st;
		/* fail_line 1000: rows of the chunks before always finish */
		ck_assert_int_eq(read_chunked(path, &got, msg, sizeof msg, 100, t, 0, &st, 1000), CXM_EBAD_ARG);
		ck_assert_str_eq(msg, "BAD_ARG: consumer refuses line 1000");
		for (i = 0; i < 998; i++)
			ck_assert_uint_eq(got.r[i].line, i + 2);
		recs_free(&got);
	}
	remove(path);
}
END_TEST

/* 1 or 2 threads: the same chunks, each row in the same chunk at the same place. */
START_TEST(test_deterministic_chunks)
{
	char path[TMP_PATH_SIZE], msg[1100];
	FILE *f = open_tmp(path);
	size_t i;
	recs one = { 0 }, two = { 0 };
	cxm__csv_chunks_stats s1, s2;
	fprintf(f, "id,text\n");
	for (i = 0; i < 20000; i++)
		fprintf(f, "%zu,\"%s\"\n", i, i % 7 ? "plain" : "with\nbreak, and \"\"quote\"\"");
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(read_chunked(path, &one, msg, sizeof msg, 4096, 1, 0, &s1, 0), CXM_OK);
	ck_assert_int_eq(read_chunked(path, &two, msg, sizeof msg, 4096, 2, 0, &s2, 0), CXM_OK);
	ck_assert_uint_eq(s1.chunks, s2.chunks);
	ck_assert_uint_gt(s1.chunks, 10);
	ck_assert_uint_eq(s2.workers, 2);
	ck_assert_uint_eq(one.n, 20000);
	ck_assert_uint_eq(two.n, 20000);
	for (i = 0; i < one.n; i++) {
		ck_assert_uint_eq(one.r[i].chunk, two.r[i].chunk);
		ck_assert_uint_eq(one.r[i].row, two.r[i].row);
		ck_assert_str_eq(one.r[i].text, two.r[i].text);
	}
	recs_free(&one);
	recs_free(&two);
	remove(path);
}
END_TEST

/* A record longer than the block grows the block; the row is whole. */
START_TEST(test_long_record)
{
	size_t n = 300000, i;
	char *text = malloc(n + 64);
	ck_assert_ptr_nonnull(text);
	memcpy(text, "a,b\n1,\"", 7);
	for (i = 7; i < n; i++)
		text[i] = (char)('a' + i % 26);
	memcpy(text + n, "\"\n2,3\n", 6);
	assert_same_all(text, n + 6, "a long record");
	free(text);
}
END_TEST

/* Progress: on the calling thread, bytes done rising to the file's size. */
typedef struct progress_seen {
	size_t calls;
	double last_done, total;
	int rising;
	pthread_t thread;
	int same_thread;
} progress_seen;

static void on_progress(void *user, double done, double total)
{
	progress_seen *p = user;
	p->rising &= done >= p->last_done;
	p->same_thread &= pthread_equal(p->thread, pthread_self()) != 0;
	p->last_done = done;
	p->total = total;
	p->calls++;
}

static size_t read_with_progress(const char *path, progress_seen *seen, size_t *rows_out)
{
	cxm_csv *csv = NULL;
	wstate ws[2];
	void *wp[2] = { &ws[0], &ws[1] };
	cxm__csv_chunks_stats st;
	cxm__csv_chunks_opts o = { 2, 0, on_progress, NULL, 1000 };
	memset(ws, 0, sizeof ws);
	memset(seen, 0, sizeof *seen);
	seen->rising = seen->same_thread = 1;
	seen->thread = pthread_self();
	o.progress_user = seen;
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_status(cxm__csv_chunks_read(csv, &o, wp, 2, collect, &st), CXM_OK);
	*rows_out = ws[0].got.n + ws[1].got.n;
	recs_free(&ws[0].got);
	recs_free(&ws[1].got);
	cxm_csv_free(csv);
	return st.chunks;
}

START_TEST(test_progress_and_stdin)
{
	char path[TMP_PATH_SIZE];
	FILE *f = open_tmp(path);
	progress_seen seen;
	size_t i, rows, chunks;
	long size;
	fprintf(f, "id,text\r\n");
	for (i = 0; i < 3000; i++)
		fprintf(f, "%zu,\"a, \"\"b\"\"\r\nc\"\r\n", i);
	size = ftell(f);
	ck_assert_int_eq(fclose(f), 0);
	chunks = read_with_progress(path, &seen, &rows);
	ck_assert_uint_eq(rows, 3000);
	ck_assert_uint_eq(seen.calls, chunks);
	ck_assert_int_eq(seen.rising, 1);
	ck_assert_int_eq(seen.same_thread, 1);
	ck_assert_double_eq(seen.total, (double)size);
	ck_assert_double_eq(seen.last_done, (double)size);
	/* standard input: the same rows; its size is unknown (0) */
	ck_assert_ptr_nonnull(freopen(path, "rb", stdin));
	read_with_progress("-", &seen, &rows);
	ck_assert_uint_eq(rows, 3000);
	ck_assert_double_eq(seen.total, 0.0);
	ck_assert_int_eq(fileno(stdin), 0);
	assert_same(path, 100, 2, "the same file by path");
	remove(path);
}
END_TEST

START_TEST(test_bad_args)
{
	char path[TMP_PATH_SIZE];
	cxm_csv *csv = NULL;
	wstate w;
	void *wp = &w;
	memset(&w, 0, sizeof w);
	write_tmp_str(path, "a\n1\n");
	ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
	ck_assert_status(cxm__csv_chunks_read(NULL, NULL, &wp, 1, collect, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__csv_chunks_read(csv, NULL, NULL, 1, collect, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__csv_chunks_read(csv, NULL, &wp, 0, collect, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__csv_chunks_read(csv, NULL, &wp, 1, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__csv_chunks_read(csv, NULL, &wp, 1, collect, NULL), CXM_OK);
	ck_assert_uint_eq(w.got.n, 1);
	recs_free(&w.got);
	cxm_csv_free(csv);
	remove(path);
}
END_TEST

/* Out of memory anywhere: NOMEM, nothing leaked. */
START_TEST(test_out_of_memory)
{
	char path[TMP_PATH_SIZE];
	long k;
	FILE *f = open_tmp(path);
	size_t i;
	fprintf(f, "a,b\n");
	for (i = 0; i < 200; i++)
		fprintf(f, "%zu,\"x\"\"%zu\"\n", i, i);
	ck_assert_int_eq(fclose(f), 0);
	for (k = 0;; k++) {
		cxm_csv *csv = NULL;
		wstate w[2];
		void *wp[2] = { &w[0], &w[1] };
		int rc;
		cxm__csv_chunks_opts o = { 2, 0, NULL, NULL, 64 };
		memset(w, 0, sizeof w);
		ck_assert_status(cxm_csv_open(&csv, path, ','), CXM_OK);
		oom_arm(k);
		rc = cxm__csv_chunks_read(csv, &o, wp, 2, collect, NULL);
		if (!oom_failed()) {
			oom_disarm();
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(w[0].got.n + w[1].got.n, 200);
			recs_free(&w[0].got);
			recs_free(&w[1].got);
			cxm_csv_free(csv);
			break;
		}
		oom_disarm();
		oom_assert_enomem(rc, k);
		recs_free(&w[0].got);
		recs_free(&w[1].got);
		cxm_csv_free(csv);
	}
	remove(path);
}
END_TEST

static Suite *csv_chunks_suite(void)
{
	Suite *s = suite_create("csv_chunks");
	TCase *tc = tcase_create("same as the sequential reader");
	TCase *more = tcase_create("chunks");
	tcase_add_test(tc, test_hand_made);
	tcase_add_test(tc, test_random_files);
	tcase_add_test(tc, test_gzip);
	tcase_add_test(tc, test_long_record);
	tcase_add_test(more, test_skip_malformed);
	tcase_add_test(more, test_consumer_error);
	tcase_add_test(more, test_deterministic_chunks);
	tcase_add_test(more, test_progress_and_stdin);
	tcase_add_test(more, test_bad_args);
	tcase_add_test(more, test_out_of_memory);
	tcase_set_timeout(tc, 240);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, more);
	return s;
}

CXM_TEST_MAIN(csv_chunks_suite)
