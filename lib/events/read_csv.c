/*
 * lib/events/read_csv.c - cxm_events_read_csv (spec §21.1): an event log from
 * a CSV file on the parallel chunk reader (lib/io/csv_chunks.c).
 *
 * Workers parse whole chunks (blocks of ~4 MiB cut at record ends): each
 * record's time and values are parsed, its texts interned into tables of
 * that chunk's own, in the order they appear in it. The calling thread then
 * takes the chunks in file order and interns each chunk's distinct texts, in
 * their order of appearance, into the log's tables: a text new to the log
 * gets its number where it first appears in the file, exactly as a
 * sequential pass would number it, while the hashing of every row happened
 * on the workers. Once every customer is numbered and counted, each chunk's
 * rows go straight to their places in the log's arrays (sized once, with the
 * exact count), and the chunk is freed. Results never depend on the thread
 * count.
 *
 * A row's number (cxm_events.row) is its index among the records the reader
 * delivered: the 0-based data row, when no ragged or non-UTF-8 row was
 * skipped before it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "events_internal.h"
#include "io/io_internal.h"
#include "parallel.h"

#define WHAT "cxm_events_read_csv"
#define MAX_WORKERS 64

/* One chunk's rows, kept in file order, with its own text tables. */
typedef struct chunk_out {
	size_t index;                     /* the chunk's index in the file */
	size_t n, cap;                    /* rows kept, room */
	size_t records;                   /* records delivered (kept or skipped) */
	uint32_t *cust, *event;
	double *t;
	size_t *rec;                      /* record index within the chunk; NULL while it is the row's
					   * (no record skipped yet): most chunks never need it */
	uint32_t *prop[CXM_EVENTS_MAX_PROPERTIES];
	double *value[CXM_EVENTS_MAX_VALUES];
	cxm__texts cust_names, event_names, prop_names[CXM_EVENTS_MAX_PROPERTIES];
	size_t skipped[5];
} chunk_out;

/* What every worker reads: columns and policy. */
typedef struct reader {
	const char *path;                 /* as the reader names it ("<stdin>" for "-") */
	size_t cust_col, time_col, event_col; /* event_col SIZE_MAX: no event column */
	size_t prop_col[CXM_EVENTS_MAX_PROPERTIES], value_col[CXM_EVENTS_MAX_VALUES];
	const cxm_events_opts *o;
} reader;

typedef struct worker_state {
	const reader *rd;
	chunk_out **chunks;
	size_t n_chunks, cap_chunks;
	size_t last_rows;                 /* rows kept of the worker's chunk before */
} worker_state;

static void chunk_free(chunk_out *c)
{
	size_t k;
	if (c == NULL)
		return;
	cxm__free(c->cust);
	cxm__free(c->event);
	cxm__free(c->t);
	cxm__free(c->rec);
	for (k = 0; k < CXM_EVENTS_MAX_PROPERTIES; k++) {
		cxm__free(c->prop[k]);
		if (c->prop_names[k].slot)
			cxm__texts_free(&c->prop_names[k]);
	}
	for (k = 0; k < CXM_EVENTS_MAX_VALUES; k++)
		cxm__free(c->value[k]);
	if (c->cust_names.slot)
		cxm__texts_free(&c->cust_names);
	if (c->event_names.slot)
		cxm__texts_free(&c->event_names);
	cxm__free(c);
}

static int grow_array(void *pp, size_t cap, size_t size)
{
	void **p = pp, *q;
	if (cap > SIZE_MAX / size || (q = cxm__realloc(*p, cap * size)) == NULL)
		return CXM_ENOMEM;
	*p = q;
	return CXM_OK;
}

/* Room for one more row in c. */
static int chunk_reserve(chunk_out *c, const cxm_events_opts *o, size_t hint)
{
	size_t cap, k;
	if (c->n < c->cap)
		return CXM_OK;
	/* a chunk's rows are about those of the worker's last chunk: room for them at once,
	 * rather than growing (and copying) from a few thousand */
	cap = c->cap ? 2 * c->cap : hint + hint / 8 > 4096 ? hint + hint / 8 : 4096;
	if (grow_array(&c->cust, cap, sizeof *c->cust) < 0 || grow_array(&c->event, cap, sizeof *c->event) < 0 ||
	    grow_array(&c->t, cap, sizeof *c->t) < 0 || (c->rec && grow_array(&c->rec, cap, sizeof *c->rec) < 0))
		return CXM_ENOMEM;
	for (k = 0; k < o->n_props; k++)
		if (grow_array(&c->prop[k], cap, sizeof *c->prop[k]) < 0)
			return CXM_ENOMEM;
	for (k = 0; k < o->n_values; k++)
		if (grow_array(&c->value[k], cap, sizeof *c->value[k]) < 0)
			return CXM_ENOMEM;
	c->cap = cap;
	return CXM_OK;
}

/* A new chunk record appended to the worker's list. */
static int chunk_new(worker_state *w, size_t index, chunk_out **out)
{
	const cxm_events_opts *o = w->rd->o;
	chunk_out *c;
	size_t k, zero;
	if (w->n_chunks == w->cap_chunks) {
		size_t cap = w->cap_chunks ? 2 * w->cap_chunks : 16;
		if (grow_array(&w->chunks, cap, sizeof *w->chunks) < 0)
			return CXM_ENOMEM;
		w->cap_chunks = cap;
	}
	if ((c = cxm__calloc(1, sizeof *c)) == NULL)
		return CXM_ENOMEM;
	w->chunks[w->n_chunks++] = c;
	c->index = index;
	if (cxm__texts_init(&c->cust_names, 4096, "event log customers") < 0 ||
	    cxm__texts_init(&c->event_names, 64, "event log event names") < 0)
		return CXM_ENOMEM;
	for (k = 0; k < o->n_props; k++)
		if (cxm__texts_init(&c->prop_names[k], 16, "event log property texts") < 0 ||
		    cxm__texts_add(&c->prop_names[k], "", 0, &zero) < 0)
			return CXM_ENOMEM;
	*out = c;
	return CXM_OK;
}

/* Row i of c is the record rec: the record numbers, from the first gap on. */
static int chunk_set_record(chunk_out *c, size_t i, size_t rec)
{
	size_t j;
	if (c->rec == NULL && rec != i) {
		if (grow_array(&c->rec, c->cap, sizeof *c->rec) < 0)
			return CXM_ENOMEM;
		for (j = 0; j < i; j++)
			c->rec[j] = j;
	}
	if (c->rec)
		c->rec[i] = rec;
	return CXM_OK;
}

static int intern(cxm__texts *t, const char *s, size_t len, uint32_t *code)
{
	size_t i;
	if (cxm__texts_add(t, s, len, &i) < 0)
		return CXM_ENOMEM;
	*code = (uint32_t)i;
	return CXM_OK;
}

/* A bad row: skipped and counted when skipping, else `code` (msg written by the caller). */
static int bad(const reader *rd, chunk_out *c, int reason, int code)
{
	if (rd->o->skip_bad_rows) {
		c->skipped[reason]++;
		return 1;
	}
	return code;
}

/* "file:line:col 'column': " before a message. */
static size_t where(char *msg, size_t cap, const reader *rd, size_t line, size_t col, const char *column)
{
	char name[CXM__QUOTE_MAX + 4];
	int n;
	cxm__quote_text(name, sizeof name, column, strlen(column));
	n = cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': ", rd->path, line, col + 1, name);
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

/* A text field holding a NUL byte: a bad row (counted as not UTF-8 text). */
static int nul_check(const reader *rd, chunk_out *c, const cxm__csv_row *row, size_t col, const char *column,
		     char *msg, size_t cap)
{
	const char *nul = memchr(row->field[col], '\0', row->len[col]);
	size_t at;
	if (nul == NULL)
		return 0;
	at = where(msg, cap, rd, row->line, col, column);
	cxm__snprintf_c(msg + at, cap - at, "the field holds a NUL byte (byte %zu), which no text may hold",
			(size_t)(nul - row->field[col]) + 1);
	return bad(rd, c, CXM_EVENTS_SKIP_INVALID_UTF8, CXM_EPARSE);
}

static int on_row(void *worker, const cxm__csv_row *row, char *msg, size_t cap)
{
	worker_state *w = worker;
	const reader *rd = w->rd;
	const cxm_events_opts *o = rd->o;
	chunk_out *c = w->n_chunks ? w->chunks[w->n_chunks - 1] : NULL;
	const char *s, *ev;
	char text[CXM__QUOTE_MAX + 4];
	size_t len, ev_len, k, at, i;
	double sec;
	int is_date, rc;
	if (c == NULL || c->index != row->chunk) {
		if (c != NULL)
			w->last_rows = c->n;
		if (chunk_new(w, row->chunk, &c) < 0)
			goto nomem;
	}
	c->records = row->row_in_chunk + 1;
	if (chunk_reserve(c, o, w->last_rows) < 0)
		goto nomem;
	i = c->n;
	/* the customer id */
	s = row->field[rd->cust_col];
	len = row->len[rd->cust_col];
	if (cxm__blank_field(s, len)) {
		at = where(msg, cap, rd, row->line, rd->cust_col, o->customer);
		cxm__snprintf_c(msg + at, cap - at, "the customer id is missing (%s); every event needs one",
				len ? "blanks only" : "an empty field");
		return bad(rd, c, CXM_EVENTS_SKIP_MISSING_ID, CXM_EBAD_ARG);
	}
	/* the time: the timestamp parser says why it refuses one */
	s = row->field[rd->time_col];
	len = row->len[rd->time_col];
	if (cxm__timestamp_parse_n(s, len, &sec, &is_date) < 0) {
		const cxm_error *e = cxm_error_last();
		const char *why = e->message, *name = cxm_error_name(e->code);
		size_t nn = strlen(name);
		if (strncmp(why, name, nn) == 0 && strncmp(why + nn, ": ", 2) == 0)
			why += nn + 2;
		at = where(msg, cap, rd, row->line, rd->time_col, o->time);
		if (len == 0)
			cxm__snprintf_c(msg + at, cap - at, "the time is missing (an empty field)");
		else
			cxm__snprintf_c(msg + at, cap - at, "%s", why);
		return bad(rd, c, CXM_EVENTS_SKIP_BAD_TIMESTAMP, CXM_EPARSE);
	}
	c->t[i] = sec;
	/* the event name, or the one constant name */
	if (rd->event_col != SIZE_MAX) {
		s = row->field[rd->event_col];
		len = row->len[rd->event_col];
		if (cxm__blank_field(s, len)) {
			at = where(msg, cap, rd, row->line, rd->event_col, o->event);
			cxm__snprintf_c(msg + at, cap - at, "the event name is missing (%s); every event needs one",
					len ? "blanks only" : "an empty field");
			return bad(rd, c, CXM_EVENTS_SKIP_MISSING_ID, CXM_EBAD_ARG);
		}
	} else {
		s = CXM__EVENTS_CONSTANT_EVENT;
		len = sizeof CXM__EVENTS_CONSTANT_EVENT - 1;
	}
	ev = s;
	ev_len = len;
	/* a NUL byte would cut the text short wherever it is used as a C string
	 * (tables, messages, the bindings): such a field is no text */
	if ((rc = nul_check(rd, c, row, rd->cust_col, o->customer, msg, cap)) != 0 ||
	    (rd->event_col != SIZE_MAX && (rc = nul_check(rd, c, row, rd->event_col, o->event, msg, cap)) != 0))
		return rc;
	for (k = 0; k < o->n_props; k++)
		if ((rc = nul_check(rd, c, row, rd->prop_col[k], o->prop[k], msg, cap)) != 0)
			return rc;
	/* values before any text is interned: a row that is not kept must leave no customer behind */
	for (k = 0; k < o->n_values; k++) {
		double v;
		s = row->field[rd->value_col[k]];
		len = row->len[rd->value_col[k]];
		rc = cxm__parse_decimal(&v, s, len, '.');
		if (rc == -2)
			goto nomem;
		if (rc <= 0) {
			cxm__quote_text(text, sizeof text, s, len);
			at = where(msg, cap, rd, row->line, rd->value_col[k], o->value[k]);
			if (rc < 0)
				cxm__snprintf_c(msg + at, cap - at, "'%s' is too large for a number (a double ends near "
						"1.8e308)", text);
			else
				cxm__snprintf_c(msg + at, cap - at, "'%s' is not a number (digits with an optional sign, "
						"decimal point and exponent, as -1.5e3; an empty field is none)", text);
			return bad(rd, c, CXM_EVENTS_SKIP_NOT_A_NUMBER, rc < 0 ? CXM_EOUT_OF_RANGE : CXM_EPARSE);
		}
		c->value[k][i] = v;
	}
	if (intern(&c->cust_names, row->field[rd->cust_col], row->len[rd->cust_col], &c->cust[i]) < 0 ||
	    intern(&c->event_names, ev, ev_len, &c->event[i]) < 0)
		goto nomem;
	for (k = 0; k < o->n_props; k++)
		if (intern(&c->prop_names[k], row->field[rd->prop_col[k]], row->len[rd->prop_col[k]], &c->prop[k][i]) < 0)
			goto nomem;
	if (chunk_set_record(c, i, row->row_in_chunk) < 0)
		goto nomem;
	c->n++;
	return 0;
nomem:
	cxm__snprintf_c(msg, cap, "%s:%zu: out of memory reading the event log", rd->path, row->line);
	return CXM_ENOMEM;
}

/* The header's index of each column the options name. */
static int find_columns(reader *rd, const cxm_csv *csv)
{
	const cxm_events_opts *o = rd->o;
	size_t k;
	int rc;
	if ((rc = cxm_csv_column_index(&rd->cust_col, csv, o->customer)) < 0)
		return cxm__error_context("the customer column");
	if ((rc = cxm_csv_column_index(&rd->time_col, csv, o->time)) < 0)
		return cxm__error_context("the time column");
	rd->event_col = SIZE_MAX;
	if (o->event && (rc = cxm_csv_column_index(&rd->event_col, csv, o->event)) < 0)
		return cxm__error_context("the event column");
	for (k = 0; k < o->n_props; k++)
		if ((rc = cxm_csv_column_index(&rd->prop_col[k], csv, o->prop[k])) < 0)
			return cxm__error_context("a property column");
	for (k = 0; k < o->n_values; k++)
		if ((rc = cxm_csv_column_index(&rd->value_col[k], csv, o->value[k])) < 0)
			return cxm__error_context("a value column");
	return CXM_OK;
}

/* The parallel reader's block size: 0 for its default; tests and the fuzz
 * target set a few bytes so that a small file makes many chunks. */
static size_t block_size;

void cxm__events_test_block_size(size_t bytes)
{
	block_size = bytes;
}

static int by_index(const void *a, const void *b)
{
	const chunk_out *x = *(chunk_out *const *)a, *y = *(chunk_out *const *)b;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Codes of a chunk's table in the log's table: map[local] = global. */
#define AHEAD 8
static int map_texts(uint32_t **map, size_t *map_cap, const cxm__texts *local, cxm__texts *global)
{
	uint64_t hash[AHEAD];
	size_t j, g;
	int rc;
	if (local->count > *map_cap) {
		cxm__free(*map);
		*map = NULL;
		*map_cap = 0;
		if ((rc = cxm__alloc_array(map, local->count, sizeof **map, WHAT)) < 0)
			return rc;
		*map_cap = local->count;
	}
	/* the log's table outgrows the cache (a million customers): each text's
	 * slot is asked for AHEAD texts before it is added */
	for (j = 0; j < local->count && j < AHEAD; j++) {
		hash[j % AHEAD] = cxm__texts_hash(local->str[j], local->len[j]);
		cxm__texts_prefetch(global, hash[j % AHEAD]);
	}
	for (j = 0; j < local->count; j++) {
		uint64_t h = hash[j % AHEAD];
		if (j + AHEAD < local->count) {
			hash[j % AHEAD] = cxm__texts_hash(local->str[j + AHEAD], local->len[j + AHEAD]);
			cxm__texts_prefetch(global, hash[j % AHEAD]);
		}
		if ((rc = cxm__texts_add_hashed(global, local->str[j], local->len[j], h, &g)) < 0)
			return rc;
		if (g >= UINT32_MAX)
			return cxm__fail(CXM_EBAD_ARG, "%s: more than %u distinct texts in one column", WHAT,
					 (unsigned)UINT32_MAX - 1);
		(*map)[j] = (uint32_t)g;
	}
	return CXM_OK;
}

/* A chunk's codes, in place, from its own tables' to the log's (map as scratch). */
static int map_chunk(cxm_events *e, chunk_out *c, uint32_t **map, size_t *map_cap)
{
	size_t j, k;
	int rc;
	if ((rc = map_texts(map, map_cap, &c->cust_names, &e->customers)) < 0)
		return rc;
	for (j = 0; j < c->n; j++)
		c->cust[j] = (*map)[c->cust[j]];
	if ((rc = map_texts(map, map_cap, &c->event_names, &e->event_names)) < 0)
		return rc;
	for (j = 0; j < c->n; j++)
		c->event[j] = (*map)[c->event[j]];
	for (k = 0; k < e->n_props; k++) {
		if ((rc = map_texts(map, map_cap, &c->prop_names[k], &e->prop_names[k])) < 0)
			return rc;
		for (j = 0; j < c->n; j++)
			c->prop[k][j] = (*map)[c->prop[k][j]];
	}
	/* the chunk's tables are done with: their memory goes before the log's arrays come */
	cxm__texts_free(&c->cust_names);
	cxm__texts_free(&c->event_names);
	for (k = 0; k < e->n_props; k++)
		cxm__texts_free(&c->prop_names[k]);
	return CXM_OK;
}

/* A chunk's rows to their places in the log (dest: scratch of c->n), rows numbered from base. */
static void scatter_chunk(cxm_events *e, const chunk_out *c, size_t *fill, size_t *dest, size_t base)
{
	size_t j, k;
	for (j = 0; j < c->n; j++)
		dest[j] = fill[c->cust[j]]++;
	CXM__EVENTS_SCATTER(e->t, c->t, dest, c->n);
	CXM__EVENTS_SCATTER(e->event, c->event, dest, c->n);
	for (j = 0; j < c->n; j++)
		e->row[dest[j]] = base + (c->rec ? c->rec[j] : j);
	for (k = 0; k < e->n_props; k++)
		CXM__EVENTS_SCATTER(e->prop[k], c->prop[k], dest, c->n);
	for (k = 0; k < e->n_values; k++)
		CXM__EVENTS_SCATTER(e->value[k], c->value[k], dest, c->n);
}

/* One thread's share of the scatter: chunks [from, to), whose customers' next places are fill. */
typedef struct scatter_job {
	cxm_events *e;
	chunk_out **chunks;
	size_t from, to, base;            /* base: records of the chunks before `from` */
	size_t *fill, *dest;              /* dest: scratch of the largest chunk's rows */
} scatter_job;

static void *scatter_chunks(void *arg)
{
	scatter_job *j = arg;
	size_t i, base = j->base;
	for (i = j->from; i < j->to; i++) {
		scatter_chunk(j->e, j->chunks[i], j->fill, j->dest, base);
		base += j->chunks[i]->records;
		chunk_free(j->chunks[i]);
		j->chunks[i] = NULL;
	}
	return NULL;
}

/* The first chunk of the second half of the rows (n_chunks: no second half). */
static size_t half_way(chunk_out *const *chunks, size_t n_chunks, size_t total)
{
	size_t i, rows = 0;
	for (i = 0; i < n_chunks && rows < total / 2; i++)
		rows += chunks[i]->n;
	return i;
}

/*
 * Two threads place the rows, the first half of the chunks and the second:
 * the second half's places start where the first half's rows of each
 * customer end (its run's end less its events in the second half), so both
 * write exactly where one thread would, and the log is the same for any
 * thread count. The scatter is mostly stores to fresh memory; on two cores
 * it takes half the time.
 */
static int scatter_all(cxm_events *e, chunk_out **chunks, size_t n_chunks, size_t most, unsigned threads)
{
	scatter_job job[2];
	size_t *later = NULL, split, c, i, j;
	pthread_t tid;
	int rc, started;
	memset(job, 0, sizeof job);
	split = threads >= 2 ? half_way(chunks, n_chunks, e->n) : n_chunks;
	if ((rc = cxm__alloc_array(&job[0].dest, most, sizeof *job[0].dest, WHAT)) < 0)
		goto done;
	if (split < n_chunks) {
		if ((rc = cxm__alloc_array(&later, e->n_customers, sizeof *later, WHAT)) < 0 ||
		    (rc = cxm__alloc_array(&job[1].dest, most, sizeof *job[1].dest, WHAT)) < 0)
			goto done;
		memset(later, 0, e->n_customers * sizeof *later);
	}
	for (i = 0; i < n_chunks; i++)
		for (j = 0; j < chunks[i]->n; j++)
			e->start[chunks[i]->cust[j] + 1]++;
	for (i = split; i < n_chunks; i++)
		for (j = 0; j < chunks[i]->n; j++)
			later[chunks[i]->cust[j]]++;
	if ((rc = cxm__events_layout_offsets(e, &job[0].fill, WHAT)) < 0)
		goto done;
	job[0].e = job[1].e = e;
	job[0].chunks = job[1].chunks = chunks;
	job[0].to = job[1].from = split;
	job[1].to = n_chunks;
	for (i = 0; i < split; i++)
		job[1].base += chunks[i]->records;
	if (later != NULL) {
		for (c = 0; c < e->n_customers; c++)
			later[c] = e->start[c + 1] - later[c];
		job[1].fill = later;
	}
	started = split < n_chunks && cxm__thread_start(&tid, scatter_chunks, &job[1]);
	scatter_chunks(&job[0]);
	if (started)
		pthread_join(tid, NULL);
	else
		scatter_chunks(&job[1]); /* nothing when there is no second half */
done:
	cxm__free(later);
	cxm__free(job[0].fill);
	cxm__free(job[0].dest);
	cxm__free(job[1].dest);
	return rc;
}

/*
 * The chunks, in file order, into the log, each freed once placed. Two
 * passes: the first numbers the texts (in file order, so customer codes are
 * first appearances); the second counts each customer's events and puts
 * each chunk's rows straight into the log's arrays, sized once with the
 * exact count: no array grows, and no column is copied twice.
 */
static int merge_chunks(cxm__events_builder *b, chunk_out **chunks, size_t n_chunks, unsigned threads,
			cxm_events **out)
{
	cxm_events *e = b->e;
	uint32_t *map = NULL;
	size_t map_cap = 0, total = 0, most = 0, i, k;
	int rc = CXM_OK;
	if (n_chunks > 1) /* none when every row was skipped: chunks is NULL then, which qsort may not take */
		qsort(chunks, n_chunks, sizeof *chunks, by_index);
	for (i = 0; i < n_chunks; i++) {
		total += chunks[i]->n;
		most = chunks[i]->n > most ? chunks[i]->n : most;
		for (k = 0; k < 5; k++)
			e->skipped[k] += chunks[i]->skipped[k];
		if ((rc = map_chunk(e, chunks[i], &map, &map_cap)) < 0)
			goto done;
	}
	if (total == 0) { /* the builder says why there is no log */
		cxm__free(map);
		return cxm__events_builder_finish(b, out, 0);
	}
	if ((rc = cxm__events_layout_alloc(e, total, WHAT)) < 0 ||
	    (rc = scatter_all(e, chunks, n_chunks, most, threads)) < 0 ||
	    (rc = cxm__events_sort_runs(e, WHAT)) < 0)
		goto done;
	*out = e;
	b->e = NULL;
done:
	cxm__free(map);
	cxm__events_builder_free(b);
	return rc;
}

cxm_status cxm_events_read_csv(cxm_events **out, const char *path, const cxm_events_opts *o)
{
	cxm_csv *csv = NULL;
	reader rd;
	worker_state ws[MAX_WORKERS];
	void *wp[MAX_WORKERS];
	cxm__csv_chunks_opts co;
	cxm__csv_chunks_stats st;
	cxm__events_builder b;
	chunk_out **all = NULL;
	size_t n_workers, n_all = 0, i, j;
	unsigned threads;
	int rc, have_builder = 0;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	if (o == NULL)
		o = cxm__events_default_opts();
	memset(&rd, 0, sizeof rd);
	memset(ws, 0, sizeof ws);
	memset(&st, 0, sizeof st);
	rd.o = o;
	threads = o->threads ? o->threads : cxm__default_threads();
	n_workers = threads < 1 ? 1 : threads > MAX_WORKERS ? MAX_WORKERS : threads;
	if ((rc = cxm_csv_open(&csv, path, o->delimiter)) < 0)
		return rc;
	rd.path = cxm_csv_path(csv);
	if ((rc = find_columns(&rd, csv)) < 0)
		goto done;
	for (i = 0; i < n_workers; i++) {
		ws[i].rd = &rd;
		wp[i] = &ws[i];
	}
	memset(&co, 0, sizeof co);
	co.threads = (unsigned)n_workers;
	co.skip_malformed = o->skip_bad_rows != 0;
	co.block_size = block_size;
	if ((rc = cxm__csv_chunks_read(csv, &co, wp, n_workers, on_row, &st)) < 0)
		goto done;
	for (i = 0, j = 0; i < n_workers; i++)
		j += ws[i].n_chunks;
	/* n_all counts the chunks moved into `all`, which frees them from here on */
	if (j && (rc = cxm__alloc_array(&all, j, sizeof *all, WHAT)) < 0)
		goto done;
	for (i = 0; i < n_workers; i++) {
		for (j = 0; j < ws[i].n_chunks; j++) {
			all[n_all++] = ws[i].chunks[j];
			ws[i].chunks[j] = NULL;
		}
		ws[i].n_chunks = 0;
	}
	if ((rc = cxm__events_builder_init(&b, o, 0, WHAT)) < 0)
		goto done;
	have_builder = 1;
	b.e->skipped[CXM_EVENTS_SKIP_RAGGED] = st.ragged;
	b.e->skipped[CXM_EVENTS_SKIP_INVALID_UTF8] = st.invalid_utf8;
	b.e->rows_read = st.rows + st.ragged + st.invalid_utf8;
	if (b.e->rows_read == 0) {
		rc = cxm__fail(CXM_EEMPTY, "%s has a header but no data rows", rd.path);
		goto done;
	}
	have_builder = 0;
	rc = merge_chunks(&b, all, n_all, threads, out);
done:
	if (have_builder)
		cxm__events_builder_free(&b);
	for (i = 0; i < n_all; i++)
		chunk_free(all[i]);
	cxm__free(all);
	for (i = 0; i < n_workers; i++) {
		for (j = 0; j < ws[i].n_chunks; j++)
			chunk_free(ws[i].chunks[j]);
		cxm__free(ws[i].chunks);
	}
	cxm_csv_free(csv);
	return rc;
}
