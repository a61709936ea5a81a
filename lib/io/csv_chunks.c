/*
 * lib/io/csv_chunks.c - reading a CSV file on several threads (spec §0.16).
 *
 * The calling thread pulls the bytes of an opened cxm_csv (a plain file,
 * gzip, standard input: cxm__csv_read_rest) into blocks of ~4 MiB, cuts each
 * block after its last record end outside quotes, counts the line ends
 * before the cut (so each chunk knows the file line it starts on) and hands
 * the chunk to the next free worker. The bytes after the cut start the next
 * block. Workers split their chunk into records in place: a field is a
 * pointer into the block, a quoted field is unescaped where it lies, and
 * the byte that ended a field (delimiter, CR, LF, closing quote) becomes its
 * NUL. No allocation per record or field.
 *
 * Where a record may end. The sequential reader (csv.c) opens a quoted field
 * only at a field's start (a '"' inside an unquoted field is data, "5\"
 * screen"), and a doubled quote inside quotes is one quote; a line ends at
 * LF, CR or CRLF. So a forward scan that opens quotes only after a
 * delimiter, a line end or the block's start, and that reads "" inside
 * quotes as data, is in the same state as the sequential parser at every
 * byte up to the first malformed one. A cut is made after an LF outside
 * quotes, or after a CR outside quotes whose next byte is known and is not
 * LF: a cut never splits a CRLF. Line ends are counted by bytes: every CR,
 * and every LF not right after a CR, which is what the sequential reader
 * counts inside and outside quotes alike.
 *
 * Errors. The first malformed byte is the same for both readers, and the
 * chunk that holds it starts at a true record start, so its worker meets it
 * in the same parser state and fails with the sequential reader's own
 * message (the cxm__csv_fail_* functions of csv.c). The error of the
 * earliest chunk wins: a worker abandons its chunk when an earlier one has
 * failed, and a chunk is never abandoned for a later one.
 *
 * Memory is bounded: 2 blocks per worker plus 2, each of block_size bytes
 * plus the partial record carried over, whatever the file size. A record
 * longer than a block grows that block (doubling) until it holds the
 * record; records are capped at CXM_CSV_MAX_RECORD (unescaped), as in csv.c.
 *
 * Determinism. Where blocks are cut depends only on the bytes and
 * block_size, never on the thread count or timing; rows are handed over in
 * file order within a chunk, with the chunk's index. One thread or two: the
 * same chunks, rows and errors.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "io_internal.h"
#include "parallel.h"

#ifdef CXM__CSV_CHUNK_SIZE
#define BLOCK_DEFAULT ((size_t)CXM__CSV_CHUNK_SIZE)
#else
#define BLOCK_DEFAULT ((size_t)4 * 1024 * 1024)
#endif
#define MAX_THREADS 64
#define MSG_CAP 1024
/* how many records a worker parses between looks at the error flag */
#define ABANDON_EVERY 256

typedef struct block {
	char *buf;          /* cap + 1 bytes: the slack byte holds a sentinel */
	size_t cap, len;
	size_t index;       /* chunk index */
	size_t first_line;
} block;

typedef struct job job;

typedef struct worker {
	job *j;
	void *state;        /* the caller's workers[i] */
	const char **field;
	size_t *len;
	pthread_t tid;
	int started;
} worker;

struct job {
	const cxm_csv *csv;
	cxm__csv_row_fn fn;
	int skip;
	size_t n_cols;
	unsigned char utab[256]; /* bytes that stop an unquoted field: delimiter, '"', CR, LF */
	unsigned char qtab[256]; /* bytes that stop a quoted field: '"', CR, LF */
	char delim;
	pthread_mutex_t mu;
	pthread_cond_t work_cv, free_cv;
	block **queue;           /* ring of chunks ready to parse */
	size_t q_head, q_len, n_blocks;
	block **free_list;
	size_t n_free;
	int done;                /* no more chunks will come */
	atomic_size_t err_chunk; /* SIZE_MAX: no error yet */
	int err_code;
	char err_msg[MSG_CAP];
	size_t rows, ragged, invalid_utf8;
};

/* Keep the error of the earliest chunk (its message without the "NAME: "
 * that cxm__fail writes again when the reader fails with it). */
static void set_error(job *j, size_t chunk, int code, const char *msg)
{
	const char *name = cxm_error_name(code);
	size_t n = strlen(name);
	if (strncmp(msg, name, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		msg += n + 2;
	pthread_mutex_lock(&j->mu);
	if (chunk < atomic_load(&j->err_chunk)) {
		atomic_store(&j->err_chunk, chunk);
		j->err_code = code;
		cxm__snprintf_c(j->err_msg, sizeof j->err_msg, "%s", msg);
	}
	pthread_mutex_unlock(&j->mu);
}

/* An error raised on this thread by cxm__fail: its message, for set_error. */
static int keep_last(job *j, size_t chunk, int code)
{
	set_error(j, chunk, code, cxm_error_last()->message);
	return code;
}

/* s[0..n) holds no byte >= 0x80: eight bytes at a time. */
static int all_ascii(const unsigned char *s, size_t n)
{
	uint64_t acc = 0;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		uint64_t a, b, c, d;
		memcpy(&a, s + i, 8);
		memcpy(&b, s + i + 8, 8);
		memcpy(&c, s + i + 16, 8);
		memcpy(&d, s + i + 24, 8);
		acc |= a | b | c | d;
	}
	for (; i + 8 <= n; i += 8) {
		uint64_t a;
		memcpy(&a, s + i, 8);
		acc |= a;
	}
	for (; i < n; i++)
		acc |= s[i];
	return (acc & UINT64_C(0x8080808080808080)) == 0;
}

/*
 * Skipping the bytes of a field that need no attention, eight at a time:
 * the first byte of the word w that is one of up to four bytes (their
 * copies in m1..m4, ones * byte), as an index 0..7, or 8 when none is. The
 * zero-byte test (x - 0x01..) & ~x & 0x80.. can flag a byte above a true
 * zero (a borrow), never below one, so the lowest flag is exact.
 * Little-endian only (the lowest address is the lowest byte); elsewhere
 * the byte loops alone run.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define SWAR 1
static const uint64_t ONES = UINT64_C(0x0101010101010101), HIGHS = UINT64_C(0x8080808080808080);

static inline uint64_t zero_bytes(uint64_t x)
{
	return (x - ONES) & ~x & HIGHS;
}

/* From r while at least 8 bytes remain before e: the first byte among the
 * four, or where the word loop stopped (the byte loop then finishes). */
static inline char *skip4(char *r, const char *e, uint64_t m1, uint64_t m2, uint64_t m3, uint64_t m4)
{
	while (e - r >= 8) {
		uint64_t w, z;
		memcpy(&w, r, 8);
		z = zero_bytes(w ^ m1) | zero_bytes(w ^ m2) | zero_bytes(w ^ m3) | zero_bytes(w ^ m4);
		if (z)
			return r + (__builtin_ctzll(z) >> 3);
		r += 8;
	}
	return r;
}
#else
#define SWAR 0
#endif

/*
 * Parse one chunk: every record to fn, in order. Returns CXM_OK, 1 when
 * abandoned for an earlier chunk's error, or a negative code (the error is
 * recorded in the job).
 */
static int parse_chunk(job *j, worker *w, block *bk)
{
	const unsigned char *utab = j->utab, *qtab = j->qtab;
	char *b = bk->buf, *e = bk->buf + bk->len, *p = b;
	const char delim = j->delim;
	const size_t n_cols = j->n_cols;
	size_t line = bk->first_line, rows = 0, ragged = 0, invalid = 0, row_in_chunk = 0, since_check = 0;
	int ascii = all_ascii((const unsigned char *)b, bk->len), rc = CXM_OK;
	char msg[MSG_CAP];
	cxm__csv_row row;
#if SWAR
	const uint64_t m_delim = ONES * (unsigned char)delim, m_quote = ONES * '"', m_cr = ONES * '\r',
		       m_lf = ONES * '\n';
#endif
	*e = '\n'; /* the sentinel: every scan below stops at e */
	row.field = (const char *const *)w->field;
	row.len = w->len;
	row.n_cols = n_cols;
	row.chunk = bk->index;
	while (p < e) {
		size_t rec_line, col = 0, total = 0;
		int end = 0;
		if (*p == '\n') { /* an empty line */
			line++;
			p++;
			continue;
		}
		if (*p == '\r') {
			line++;
			p++;
			if (p < e && *p == '\n')
				p++;
			continue;
		}
		if (++since_check == ABANDON_EVERY) {
			since_check = 0;
			if (atomic_load_explicit(&j->err_chunk, memory_order_relaxed) < bk->index) {
				rc = 1;
				goto out;
			}
		}
		rec_line = line;
		while (!end) {
			char *f, *r, ch;
			size_t flen;
			if (*p == '"' && p < e) {
				size_t quote_line = line;
				char *o;
				f = r = p + 1;
				/* no copy until the first doubled quote */
				for (;;) {
#if SWAR
					r = skip4(r, e, m_quote, m_quote, m_cr, m_lf);
#endif
					while (!qtab[(unsigned char)*r])
						r++;
					if (r == e || *r == '"')
						break;
					/* a line break inside quotes is data that still starts a line */
					if (*r == '\r' || r[-1] != '\r')
						line++;
					r++;
				}
				o = r;
				while (r < e && r + 1 < e && r[1] == '"') { /* "" is one quote: copy from here on */
					*o++ = '"';
					r += 2;
					for (;;) {
						while (!qtab[(unsigned char)*r])
							*o++ = *r++;
						if (r == e || *r == '"')
							break;
						if (*r == '\r' || r[-1] != '\r')
							line++;
						*o++ = *r++;
					}
				}
				flen = (size_t)(o - f);
				if (total + flen > CXM_CSV_MAX_RECORD) {
					rc = keep_last(j, bk->index, cxm__csv_fail_too_long(j->csv, rec_line, col));
					goto out;
				}
				if (r == e) {
					rc = keep_last(j, bk->index, cxm__csv_fail_unterminated(j->csv, rec_line, col, quote_line));
					goto out;
				}
				r++; /* after the closing quote */
				ch = r < e ? *r : '\n';
				if (ch != delim && ch != '\n' && ch != '\r') {
					rc = keep_last(j, bk->index, cxm__csv_fail_after_quote(j->csv, line, col,
											(unsigned char)ch));
					goto out;
				}
				*o = '\0';
			} else {
				f = r = p;
				for (;;) {
#if SWAR
					r = skip4(r, e, m_delim, m_quote, m_cr, m_lf);
#endif
					while (!utab[(unsigned char)*r])
						r++;
					if (*r == '"' && r < e) { /* a quote inside an unquoted field is data */
						r++;
						continue;
					}
					break;
				}
				flen = (size_t)(r - f);
				ch = r < e ? *r : '\n';
				*r = '\0';
			}
			total += flen + 1;
			if (total > CXM_CSV_MAX_RECORD) {
				rc = keep_last(j, bk->index, cxm__csv_fail_too_long(j->csv, rec_line, col));
				goto out;
			}
			if (col < n_cols) {
				w->field[col] = f;
				w->len[col] = flen;
			}
			col++;
			if (r >= e) { /* the last record, without a line end */
				p = e;
				break;
			}
			p = r + 1;
			if (ch == delim)
				continue;
			line++;
			if (ch == '\r' && p < e && *p == '\n')
				p++;
			end = 1;
		}
		if (col != n_cols) {
			if (j->skip) {
				ragged++;
				continue;
			}
			rc = keep_last(j, bk->index, cxm__csv_fail_ragged(j->csv, rec_line, col));
			goto out;
		}
		if (!ascii) {
			size_t c, bad = 0;
			for (c = 0; c < n_cols; c++)
				if ((bad = cxm__utf8_invalid_at((const unsigned char *)w->field[c], w->len[c])) < w->len[c])
					break;
			if (c < n_cols) {
				if (j->skip) {
					invalid++;
					continue;
				}
				rc = keep_last(j, bk->index, cxm__csv_fail_utf8(j->csv, rec_line, c,
										(unsigned char)w->field[c][bad], bad));
				goto out;
			}
		}
		row.line = rec_line;
		row.row_in_chunk = row_in_chunk++;
		rows++;
		msg[0] = '\0';
		if ((rc = j->fn(w->state, &row, msg, sizeof msg)) < 0) {
			set_error(j, bk->index, rc, msg[0] ? msg : "the row consumer failed without a message");
			goto out;
		}
		rc = CXM_OK;
	}
out:
	pthread_mutex_lock(&j->mu);
	j->rows += rows;
	j->ragged += ragged;
	j->invalid_utf8 += invalid;
	pthread_mutex_unlock(&j->mu);
	return rc;
}

static void give_back(job *j, block *bk)
{
	pthread_mutex_lock(&j->mu);
	j->free_list[j->n_free++] = bk;
	pthread_cond_signal(&j->free_cv);
	pthread_mutex_unlock(&j->mu);
}

/* The next chunk of the queue (j->mu held, q_len > 0). */
static block *pop_chunk(job *j)
{
	block *bk = j->queue[j->q_head];
	j->q_head = (j->q_head + 1) % j->n_blocks;
	j->q_len--;
	return bk;
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	job *j = w->j;
	for (;;) {
		block *bk;
		pthread_mutex_lock(&j->mu);
		while (j->q_len == 0 && !j->done)
			pthread_cond_wait(&j->work_cv, &j->mu);
		if (j->q_len == 0) {
			pthread_mutex_unlock(&j->mu);
			return NULL;
		}
		bk = pop_chunk(j);
		pthread_mutex_unlock(&j->mu);
		if (atomic_load(&j->err_chunk) > bk->index)
			parse_chunk(j, w, bk);
		give_back(j, bk);
	}
}

/* How many bytes of the word w equal the byte whose copies fill `ones_b`
 * (b * 0x0101..01): exact, without a carry from one byte into the next. */
static unsigned count_byte(uint64_t w, uint64_t ones_b)
{
	const uint64_t low7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	uint64_t x = w ^ ones_b, t = (x & low7) + low7;
	t = ~(t | x | low7) >> 7; /* 1 in each byte of x that is zero */
	return (unsigned)((t * UINT64_C(0x0101010101010101)) >> 56); /* their sum, at most 8 */
}

/* Line ends in b[0..n): every CR, and every LF not right after a CR. Eight
 * bytes at a time when there is no CR (the usual file). */
static size_t count_lines(const char *b, size_t n)
{
	const uint64_t lf = UINT64_C(0x0A0A0A0A0A0A0A0A);
	size_t lines = 0, i = 0;
	if (!memchr(b, '\r', n)) {
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, b + i, 8);
			lines += count_byte(w, lf);
		}
		for (; i < n; i++)
			lines += b[i] == '\n';
		return lines;
	}
	for (i = 0; i < n; i++)
		if (b[i] == '\r' || (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')))
			lines++;
	return lines;
}

/* The last record end in b[lo..hi) outside quotes (hi <= len), or 0. */
static size_t last_end_in(const char *b, size_t lo, size_t hi, size_t len)
{
	size_t i;
	for (i = hi; i > lo; i--) {
		char c = b[i - 1];
		if (c == '\n')
			return i;
		if (c == '\r' && i < len) /* b[i] is known and (scanning back) not LF */
			return i;
	}
	return 0;
}

/* The unquoted stretches a forward scan has seen, the latest last: only the
 * last ones can hold the last record end, so they alone are searched (back
 * to front) once the scan is done. */
#define RING 256

/*
 * Where to cut b[0..len) (which starts at a record start): after its last
 * record end outside quotes; 0 when there is none.
 */
static size_t find_cut(const char *b, size_t len, char delim)
{
	size_t lo[RING], hi[RING], n = 0, p = 0, k, cut;
	if (!memchr(b, '"', len))
		return last_end_in(b, 0, len, len);
	for (;;) {
		/* unquoted from p: the next quote */
		const char *q = memchr(b + p, '"', len - p);
		size_t at = q ? (size_t)(q - b) : len;
		if (at > p) {
			lo[n % RING] = p;
			hi[n % RING] = at;
			n++;
		}
		if (!q)
			break;
		p = at + 1;
		if (!(at == 0 || b[at - 1] == delim || b[at - 1] == '\n' || b[at - 1] == '\r'))
			continue; /* a quote inside an unquoted field is data */
		for (;;) { /* quoted: up to the closing quote */
			q = memchr(b + p, '"', len - p);
			if (!q || (size_t)(q - b) + 1 >= len)
				goto scanned; /* open, or cannot tell "" from a closing quote yet */
			at = (size_t)(q - b);
			p = at + 1;
			if (b[p] != '"')
				break;
			p++;
		}
	}
scanned:
	for (k = 0; k < n && k < RING; k++) {
		size_t i = (n - 1 - k) % RING;
		if ((cut = last_end_in(b, lo[i], hi[i], len)) > 0)
			return cut;
	}
	if (n <= RING)
		return 0;
	/* none in the last RING stretches (a record of many quoted fields): all of them */
	for (cut = 0, p = 0;;) {
		const char *q = memchr(b + p, '"', len - p);
		size_t at = q ? (size_t)(q - b) : len, c;
		if ((c = last_end_in(b, p, at, len)) > cut)
			cut = c;
		if (!q)
			return cut;
		p = at + 1;
		if (!(at == 0 || b[at - 1] == delim || b[at - 1] == '\n' || b[at - 1] == '\r'))
			continue;
		for (;;) {
			q = memchr(b + p, '"', len - p);
			if (!q || (size_t)(q - b) + 1 >= len)
				return cut;
			at = (size_t)(q - b);
			p = at + 1;
			if (b[p] != '"')
				break;
			p++;
		}
	}
}

static void free_blocks(block *blocks, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		cxm__free(blocks[i].buf);
}

/* b->buf holds at least want bytes (+ the slack byte), keeping its
 * contents. A quarter more than asked: the carried-over partial record
 * changes the size asked for by a few bytes from block to block, and a new
 * allocation each time would cost fresh pages. */
static int reserve(block *b, size_t want)
{
	size_t cap = want + want / 4;
	char *p;
	if (want <= b->cap)
		return CXM_OK;
	if (!(p = cxm__realloc(b->buf, cap + 1)))
		return cxm__fail(CXM_ENOMEM, "out of memory for a CSV block of %zu bytes", cap + 1);
	b->buf = p;
	b->cap = cap;
	return CXM_OK;
}

int cxm__csv_chunks_read(cxm_csv *csv, const cxm__csv_chunks_opts *o, void **workers, size_t n_workers,
			 cxm__csv_row_fn fn, cxm__csv_chunks_stats *stats)
{
	static const cxm__csv_chunks_opts defaults = { 0, 0, NULL, NULL, 0 };
	job j;
	worker *ws = NULL;
	block *blocks = NULL;
	char *carry = NULL;
	size_t carry_len = 0, carry_cap = 0, block_size, n_threads = 0, i, index = 0, next_line, want, helper;
	unsigned threads;
	int rc = CXM_OK, eof = 0, inline_mode;
	if (stats)
		memset(stats, 0, sizeof *stats);
	if ((rc = cxm__check_ptr(csv, "csv")) < 0 || (rc = cxm__check_ptr(workers, "workers")) < 0)
		return rc;
	if (fn == NULL)
		return cxm__fail(CXM_EBAD_ARG, "fn (the row callback) is NULL");
	if (n_workers == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_workers is 0: give one worker state per thread");
	if (!o)
		o = &defaults;
	block_size = o->block_size ? o->block_size : BLOCK_DEFAULT;
	threads = o->threads ? o->threads : cxm__default_threads();
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if ((size_t)threads > n_workers)
		threads = (unsigned)n_workers;
	memset(&j, 0, sizeof j);
	j.csv = csv;
	j.fn = fn;
	j.skip = o->skip_malformed != 0;
	j.n_cols = cxm_csv_column_count(csv);
	j.delim = cxm__csv_delimiter(csv);
	j.utab[(unsigned char)j.delim] = j.utab['"'] = j.utab['\r'] = j.utab['\n'] = 1;
	j.qtab['"'] = j.qtab['\r'] = j.qtab['\n'] = 1;
	atomic_init(&j.err_chunk, SIZE_MAX);
	j.n_blocks = 2 * (size_t)threads + 2;
	if ((rc = cxm__alloc_array(&ws, threads, sizeof *ws, "the CSV workers")) < 0)
		return rc;
	memset(ws, 0, threads * sizeof *ws);
	if ((rc = cxm__alloc_array(&blocks, j.n_blocks, sizeof *blocks, "the CSV blocks")) < 0)
		goto cleanup_mem;
	memset(blocks, 0, j.n_blocks * sizeof *blocks);
	if ((rc = cxm__alloc_array(&j.queue, j.n_blocks, sizeof *j.queue, "the CSV blocks")) < 0 ||
	    (rc = cxm__alloc_array(&j.free_list, j.n_blocks, sizeof *j.free_list, "the CSV blocks")) < 0)
		goto cleanup_mem;
	for (i = 0; i < j.n_blocks; i++)
		j.free_list[j.n_free++] = &blocks[i];
	for (i = 0; i < threads; i++) {
		ws[i].j = &j;
		ws[i].state = workers[i];
		if ((rc = cxm__alloc_array(&ws[i].field, j.n_cols ? j.n_cols : 1, sizeof *ws[i].field,
					   "the CSV field pointers")) < 0 ||
		    (rc = cxm__alloc_array(&ws[i].len, j.n_cols ? j.n_cols : 1, sizeof *ws[i].len,
					   "the CSV field lengths")) < 0)
			goto cleanup_mem;
	}
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.work_cv, NULL);
	pthread_cond_init(&j.free_cv, NULL);
	/* plain pthread_create (cxm__thread_create), not cxm__thread_start: that one keeps a thread off
	 * the caller's core, which on two cores put every worker on the one other
	 * core while the reading thread moved about (1.6 s instead of 1.0 s on
	 * the 949 MB file); these workers live as long as the read */
	/* With 2 threads or more, this thread is the last worker (workers[threads
	 * - 1]): it reads, and parses a chunk itself whenever chunks wait, rather
	 * than sleeping until a block is free. On two cores, one thread started
	 * plus this one keep both busy without a third thread taking turns. */
	/* With 1 thread, none is started (1 means the calling thread only,
	 * cxmetrics/threads.h): this thread reads and parses in turn. */
	helper = threads >= 2 ? threads - 1 : SIZE_MAX;
	for (i = 0; i < threads && threads >= 2; i++)
		if (i != helper && (ws[i].started = cxm__thread_create(&ws[i].tid, worker_main, &ws[i])) != 0)
			n_threads++;
	/* one thread, or no thread could start: this thread parses each chunk
	 * itself (workers[0]) */
	inline_mode = n_threads == 0;
	if (inline_mode)
		helper = SIZE_MAX;
	next_line = cxm__csv_next_line(csv);

	while (!eof && atomic_load(&j.err_chunk) == SIZE_MAX) {
		block *bk;
		size_t len, got, cut;
		pthread_mutex_lock(&j.mu);
		for (;;) {
			if (helper != SIZE_MAX && j.q_len > 0 && (j.n_free == 0 || j.q_len >= 2)) {
				block *other = pop_chunk(&j);
				pthread_mutex_unlock(&j.mu);
				if (atomic_load(&j.err_chunk) > other->index)
					parse_chunk(&j, &ws[helper], other);
				pthread_mutex_lock(&j.mu);
				j.free_list[j.n_free++] = other;
				continue;
			}
			if (j.n_free > 0)
				break;
			pthread_cond_wait(&j.free_cv, &j.mu);
		}
		bk = j.free_list[--j.n_free];
		pthread_mutex_unlock(&j.mu);
		/* each block reads block_size new bytes after the carried-over
		 * partial record: cuts depend on the bytes only */
		want = carry_len + block_size;
		if ((rc = reserve(bk, want)) < 0) {
			keep_last(&j, index, rc);
			give_back(&j, bk);
			break;
		}
		if (carry_len)
			memcpy(bk->buf, carry, carry_len);
		len = carry_len;
		for (;;) {
			if ((rc = cxm__csv_read_rest(csv, bk->buf + len, want - len, &got)) < 0)
				break;
			len += got;
			if (len < want) {
				eof = 1;
				cut = len;
				break;
			}
			if ((cut = find_cut(bk->buf, len, j.delim)) > 0)
				break;
			/* no record end yet: one record longer than the block. Grow it
			 * (doubling), up to where the record must be too long for the
			 * sequential reader too; then let the worker say so. */
			if (len > 2 * CXM_CSV_MAX_RECORD + 16) {
				cut = len;
				eof = 1;
				break;
			}
			want *= 2;
			if ((rc = reserve(bk, want)) < 0)
				break;
		}
		if (rc < 0) {
			keep_last(&j, index, rc);
			give_back(&j, bk);
			break;
		}
		carry_len = len - cut;
		if (carry_len > carry_cap) {
			char *p = cxm__realloc(carry, carry_len);
			if (!p) {
				rc = cxm__fail(CXM_ENOMEM, "out of memory carrying %zu bytes of a CSV record", carry_len);
				keep_last(&j, index, rc);
				give_back(&j, bk);
				break;
			}
			carry = p;
			carry_cap = carry_len;
		}
		if (carry_len)
			memcpy(carry, bk->buf + cut, carry_len);
		if (cut == 0) {
			give_back(&j, bk);
			break;
		}
		bk->len = cut;
		bk->index = index++;
		bk->first_line = next_line;
		next_line += count_lines(bk->buf, cut);
		if (inline_mode) {
			ws[0].state = workers[0];
			parse_chunk(&j, &ws[0], bk);
			give_back(&j, bk);
		} else {
			pthread_mutex_lock(&j.mu);
			j.queue[(j.q_head + j.q_len) % j.n_blocks] = bk;
			j.q_len++;
			pthread_cond_signal(&j.work_cv);
			pthread_mutex_unlock(&j.mu);
		}
		if (o->progress) {
			double done, total;
			cxm__csv_progress(csv, &done, &total);
			o->progress(o->progress_user, done, total);
		}
	}
	pthread_mutex_lock(&j.mu);
	j.done = 1;
	pthread_cond_broadcast(&j.work_cv);
	/* the chunks still waiting: this thread takes its share */
	while (helper != SIZE_MAX && j.q_len > 0) {
		block *other = pop_chunk(&j);
		pthread_mutex_unlock(&j.mu);
		if (atomic_load(&j.err_chunk) > other->index)
			parse_chunk(&j, &ws[helper], other);
		pthread_mutex_lock(&j.mu);
		j.free_list[j.n_free++] = other;
	}
	pthread_mutex_unlock(&j.mu);
	for (i = 0; i < threads; i++)
		if (ws[i].started)
			pthread_join(ws[i].tid, NULL);
	pthread_mutex_destroy(&j.mu);
	pthread_cond_destroy(&j.work_cv);
	pthread_cond_destroy(&j.free_cv);
	if (stats) {
		stats->rows = j.rows;
		stats->ragged = j.ragged;
		stats->invalid_utf8 = j.invalid_utf8;
		stats->workers = inline_mode ? 1 : threads;
		stats->chunks = index;
	}
	rc = atomic_load(&j.err_chunk) == SIZE_MAX ? CXM_OK : cxm__fail(j.err_code, "%s", j.err_msg);
cleanup_mem:
	if (ws)
		for (i = 0; i < threads; i++) {
			cxm__free(ws[i].field);
			cxm__free(ws[i].len);
		}
	if (blocks)
		free_blocks(blocks, j.n_blocks);
	cxm__free(blocks);
	cxm__free(j.queue);
	cxm__free(j.free_list);
	cxm__free(ws);
	cxm__free(carry);
	return rc;
}
