/*
 * lib/report/survey.c - the survey report: read the rows of a CSV file (or
 * a table) into cells (cells.h: a hash table of cells per reading worker,
 * each cell an integer histogram per item), merge the workers' cells, then
 * compute each cell's results through the metric descriptors
 * (report_internal.h) and the output tables (tables.c).
 *
 * The plain report (no groups, no time, no support times) is the same
 * engine with one cell, every row; its text and JSON are those it always
 * had (render.c). Rows are checked whole as they are read (rows.c): the
 * first bad row in the file fails with its file, line, column and value,
 * or is skipped and counted by reason under skip_bad.
 *
 * A metric may score several columns (items); each column is an item with
 * its own histogram and counts. An answer that is a no-answer code of its
 * metric (spec §0.13) is counted apart from the empty fields under
 * CXM_NAN_OMIT, and is an error under CXM_NAN_ERROR.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_internal.h"
#include "io/io_internal.h"
#include "names.h"
#include "scores/scores_internal.h"
#include "cells.h"
#include "parallel.h"

/* The one list of metric words: JSON keys, the CLI's --<word>-column options. */
static const cxm__word survey_metric_words[] = {
	{ "nps", CXM_SURVEY_NPS }, { "csat", CXM_SURVEY_CSAT }, { "ces", CXM_SURVEY_CES }
};
const cxm__names cxm__survey_metric_names = CXM__NAMES("metric", survey_metric_words, 0);

_Static_assert(CXM__COUNT_OF(survey_metric_words) == CXM__SURVEY_METRICS,
	       "a word for every survey metric");

/* The descriptors, by cxm_survey_metric. */
const cxm__metric_desc *const cxm__survey_metrics[CXM__SURVEY_METRICS] = {
	&cxm__metric_nps, &cxm__metric_csat, &cxm__metric_ces
};

/* Why a row was skipped: the words of cxm_survey_skip. */
static const cxm__word survey_skip_words[] = {
	{ "ragged", CXM_SURVEY_SKIP_RAGGED }, { "invalid_utf8", CXM_SURVEY_SKIP_INVALID_UTF8 },
	{ "not_a_number", CXM_SURVEY_SKIP_NOT_A_NUMBER }, { "off_scale", CXM_SURVEY_SKIP_OFF_SCALE },
	{ "bad_timestamp", CXM_SURVEY_SKIP_BAD_TIMESTAMP }
};
const cxm__names cxm__survey_skip_names = CXM__NAMES("skip reason", survey_skip_words, 0);

_Static_assert(CXM__COUNT_OF(survey_skip_words) == CXM__SURVEY_SKIPS, "a word for every skip reason");

const char *cxm__survey_metric_key(int metric)
{
	return cxm__names_word(&cxm__survey_metric_names, metric);
}

/* ---- the report's life ------------------------------------------------------------ */


void cxm_survey_report_free(cxm_survey_report *report)
{
	size_t c;
	int k;
	if (report == NULL)
		return;
	for (c = 0; report->cells && c < report->n_cells; c++)
		cxm__cell_free(&report->cells[c]);
	cxm__free(report->cells);
	cxm__free(report->items);
	cxm__free(report->item_offset);
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm__survey_cfg_clear_columns(&report->m[k]);
	cxm__grouped_cfg_clear(&report->g);
	cxm_table_free(report->cells_table);
	cxm_table_free(report->vs_rest_table);
	cxm_table_free(report->drivers_table);
	cxm_table_free(report->themes_table);
	cxm_table_free(report->pyramid_table);
	cxm__free(report->path);
	cxm__free(report);
}

/* Add the codes of every metric to a metric's own (both distinct already). */
static void merge_codes(cxm__metric_cfg *m, const double *all, size_t n_all)
{
	size_t i, j;
	for (i = 0; i < n_all; i++) {
		for (j = 0; j < m->n_na && m->na[j] != all[i]; j++)
			;
		if (j == m->n_na)
			m->na[m->n_na++] = all[i];
	}
}

/* The options' settings, with our own copies of the columns and each
 * metric's no-answer codes: its own and those of every metric. */
static int copy_options(cxm_survey_report *r, const cxm_survey_opts *o)
{
	size_t i;
	int k, any = 0, rc;
	r->conf = o->conf;
	r->nan_policy = o->nan_policy;
	if ((rc = cxm__grouped_cfg_copy(&r->g, &o->g)) < 0)
		return rc;
	r->grouped = cxm__grouped_cfg_grouped(&r->g);
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		cxm__metric_cfg *m = &r->m[k];
		*m = o->m[k];
		m->columns = NULL;
		m->n_columns = 0;
		merge_codes(m, o->na_all, o->n_na_all);
		if (o->m[k].n_columns == 0)
			continue;
		any = 1;
		if (cxm__survey_metrics[k]->check_cfg && (rc = cxm__survey_metrics[k]->check_cfg(m)) < 0)
			return rc;
		if (!(m->columns = cxm__calloc(o->m[k].n_columns, sizeof *m->columns)))
			return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
		for (i = 0; i < o->m[k].n_columns; i++, m->n_columns++)
			if (!(m->columns[i] = cxm__strdup(o->m[k].columns[i])))
				return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	}
	if (!any && !o->g.pyr[0]) /* a report of the pyramid alone scores no metric */
		return cxm__fail(CXM_EBAD_ARG, "no column to score: the options leave every metric out "
				 "(cxm_survey_opts_set_column with NULL)");
	return CXM_OK;
}

/* A code given for every metric must not be an answer of a metric the file
 * has: 0 means "not applicable" to a CSAT column but is a detractor's
 * answer on the 0..10 NPS scale. (The metrics' own codes were checked
 * against their scales by the setters.) Notes whether a metric the file has
 * has codes: the renderings show them then. */
static int check_codes(cxm_survey_report *r, const cxm_survey_opts *o)
{
	size_t i;
	int k;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const cxm__metric_cfg *m = &r->m[k];
		if (!r->computed[k])
			continue;
		r->any_na |= m->n_na > 0;
		for (i = 0; i < o->n_na_all; i++)
			if (cxm__survey_on_scale(o->na_all[i], m->lo, m->hi))
				return cxm__fail(CXM_EBAD_ARG,
						 "the no-answer code %g, given for every metric, is a point of the %s "
						 "scale %d..%d of column '%s' in %s: give the codes for each metric where "
						 "they mean no answer",
						 o->na_all[i], cxm__survey_metrics[k]->name, m->lo, m->hi, m->columns[0],
						 r->path);
	}
	return CXM_OK;
}

/* How the input names its columns: a CSV reader or a table. */
typedef struct columns {
	int (*index)(size_t *index, const void *src, const char *name); /* BAD_ARG naming the columns */
	void (*list)(char *buf, size_t cap, const void *src);
	const void *src;
} columns;

/* The first item of a metric the input has, or (size_t)-1. */
static size_t first_item(const cxm_survey_report *r, int metric)
{
	return r->computed[metric] ? r->first[metric] : (size_t)-1;
}

/* The columns of the themes (comment) and of the drivers (outcome, drivers). */
static int find_extras(cxm_survey_report *r, const columns *in)
{
	size_t i, k;
	int rc;
	if (r->g.themes) {
		r->theme_item = first_item(r, CXM_SURVEY_NPS);
		if (r->theme_item == (size_t)-1)
			r->theme_item = first_item(r, CXM_SURVEY_CSAT);
		if (r->theme_item == (size_t)-1)
			return cxm__fail(CXM_EBAD_ARG, "themes are scored by NPS or CSAT, and %s has neither column", r->path);
		if ((rc = in->index(&r->comment_index, in->src, r->g.comment)) < 0)
			return rc;
		r->n_themes = cxm_themes_count(r->g.themes);
		k = r->items[r->theme_item].metric;
		r->theme_points = (size_t)(r->m[k].hi - r->m[k].lo + 1);
	}
	if (r->g.drivers) {
		r->outcome_item = (size_t)-1;
		if (r->g.outcome) {
			if ((rc = in->index(&r->outcome_index, in->src, r->g.outcome)) < 0)
				return rc;
			for (i = 0; i < r->n_items; i++)
				if (r->items[i].index == r->outcome_index)
					r->outcome_item = i; /* an item: its checked answers */
		} else {
			r->outcome_item = first_item(r, CXM_SURVEY_NPS);
			if (r->outcome_item == (size_t)-1)
				r->outcome_item = first_item(r, CXM_SURVEY_CSAT);
			if (r->outcome_item == (size_t)-1)
				return cxm__fail(CXM_EBAD_ARG, "the drivers' outcome is the NPS, else the CSAT column, and %s has "
						 "neither: name the outcome", r->path);
			r->outcome_index = r->items[r->outcome_item].index;
		}
		for (i = 0; i < r->g.n_drivers; i++)
			if ((rc = in->index(&r->driver_index[i], in->src, r->g.driver[i])) < 0)
				return rc;
	}
	return CXM_OK;
}

/* Find each configured column, and list the items; an absent default column
 * (not required) leaves its metric out. */
static int find_columns(cxm_survey_report *r, const columns *in)
{
	char cols[512], wanted[256];
	size_t used = 0, i, n_items = 0, index;
	int k, rc, found = 0;
	wanted[0] = '\0';
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		n_items += r->m[k].n_columns;
	if ((rc = cxm__alloc_array(&r->items, n_items, sizeof *r->items, "cxm_survey_report_from_csv: columns")) <
	    0)
		return rc;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const cxm__metric_cfg *m = &r->m[k];
		r->first[k] = r->n_items;
		for (i = 0; i < m->n_columns; i++) {
			if (used < sizeof wanted) {
				int n = cxm__snprintf_c(wanted + used, sizeof wanted - used, "%s'%s'", used ? ", " : "",
						 m->columns[i]);
				used += n > 0 ? (size_t)n : 0;
			}
			rc = in->index(&index, in->src, m->columns[i]);
			if (rc == CXM_EBAD_ARG && !m->required) {
				cxm_error_clear(); /* a default column may be absent: not an error */
				continue;
			}
			if (rc < 0)
				return rc;
			r->items[r->n_items++] = (cxm__item){ k, i, m->columns[i], index };
			r->computed[k] = 1;
			found++;
		}
	}
	if (found == 0 && !r->g.pyr[0]) {
		in->list(cols, sizeof cols, in->src);
		return cxm__fail(CXM_EBAD_ARG, "%s has none of the columns to score (%s); its columns are: %s",
				 r->path, wanted, cols);
	}
	for (i = 0; i < r->g.n_groups; i++)
		if ((rc = in->index(&r->group_index[i], in->src, r->g.group[i])) < 0)
			return rc;
	if (r->g.time && (rc = in->index(&r->time_index, in->src, r->g.time)) < 0)
		return rc;
	if (r->g.created) {
		const char *t[3] = { r->g.created, r->g.first_reply, r->g.resolved };
		for (k = 0; k < 3; k++)
			if (t[k] && (rc = in->index(&r->times_index[k], in->src, t[k])) < 0)
				return rc;
	}
	for (k = 0; r->g.pyr[0] && k < 3; k++)
		if ((rc = in->index(&r->pyr_index[k], in->src, r->g.pyr[k])) < 0)
			return rc;
	if ((rc = find_extras(r, in)) < 0)
		return rc;
	/* each item's histogram in a cell's block of counts */
	if ((rc = cxm__alloc_array(&r->item_offset, r->n_items + 1, sizeof *r->item_offset,
				   "cxm_survey_report_from_csv: columns")) < 0)
		return rc;
	for (i = 0; i < r->n_items; i++) {
		const cxm__metric_cfg *m = &r->m[r->items[i].metric];
		r->item_offset[i] = r->points;
		r->points += (size_t)(m->hi - m->lo + 1);
	}
	/* the pyramid's answer classes after the items': merged with them (cells.c) */
	r->pyr_offset = r->points;
	if (r->g.pyr[0])
		r->points += CXM__CXI_CELLS;
	return CXM_OK;
}

/* ---- computing ----------------------------------------------------------------- */

int cxm__survey_item_results(const cxm_survey_report *r, size_t k, const uint64_t *counts, cxm__results *out,
			     size_t *n, int *computed)
{
	const cxm__item *it = &r->items[k];
	const cxm__metric_desc *d = cxm__survey_metrics[it->metric];
	const cxm__metric_cfg *m = &r->m[it->metric];
	cxm_score_acc *acc = NULL;
	size_t p, points = (size_t)(m->hi - m->lo + 1);
	int rc;
	memset(out, 0, sizeof *out);
	*computed = 0;
	*n = 0;
	for (p = 0; p < points; p++)
		*n += (size_t)counts[p];
	if (*n == 0)
		return CXM_OK;
	if ((rc = cxm_score_acc_new(&acc, m->lo, m->hi)) < 0)
		return rc;
	for (p = 0; p < points && rc == CXM_OK; p++)
		if (counts[p])
			rc = cxm__score_acc_add_count(acc, m->lo, m->hi, m->lo + (int)p, counts[p]);
	if (rc == CXM_OK)
		rc = d->compute(out->bytes, acc, m, r->conf);
	cxm_score_acc_free(acc);
	*computed = rc == CXM_OK;
	return rc;
}

/* The results of one item in one cell, from its histogram. */
static int compute_item(const cxm_survey_report *r, cxm__cell *cell, size_t k)
{
	cxm__cell_metric *cm = &cell->m[k];
	cm->counts = cell->counts + r->item_offset[k];
	cm->missing = cell->miss[k];
	cm->no_answer = cell->miss[r->n_items + k];
	return cxm__survey_item_results(r, k, cm->counts, &cm->results, &cm->n, &cm->computed);
}

/* A column without a single answer in the whole input is an error (as it
 * always was): nothing could be scored. */
static int check_answered(const cxm_survey_report *r, size_t k)
{
	const cxm__item *it = &r->items[k];
	size_t c, n = 0, no_answer = 0, missing = 0, rows = 0;
	for (c = 0; c < r->n_cells; c++) {
		const cxm__cell *cell = &r->cells[c];
		if (cell->total)
			continue;
		n += cell->m[k].n;
		no_answer += cell->m[k].no_answer;
		missing += cell->m[k].missing;
		rows += cell->rows;
	}
	if (n == 0 && no_answer == 0)
		return cxm__fail(CXM_EEMPTY, "column '%s' of %s has no answers: it is empty on all %zu row%s",
				 it->column, r->path, rows, rows == 1 ? "" : "s");
	if (n == 0)
		return cxm__fail(CXM_EEMPTY,
				 "column '%s' of %s has no answers: of its %zu row%s, %zu %s a no-answer "
				 "code and %zu empty",
				 it->column, r->path, rows, rows == 1 ? "" : "s", no_answer,
				 no_answer == 1 ? "is" : "are", missing);
	return CXM_OK;
}

/* The results of every cell. */
static int compute(cxm_survey_report *r)
{
	size_t c, k;
	int rc;
	for (c = 0; c < r->n_cells; c++) {
		cxm__cell *cell = &r->cells[c];
		if ((rc = cxm__alloc_array(&cell->m, r->n_items, sizeof *cell->m, "cxm_survey_report: cells")) < 0)
			return rc;
		memset(cell->m, 0, r->n_items * sizeof *cell->m);
		for (k = 0; k < r->n_items; k++)
			if ((rc = compute_item(r, cell, k)) < 0)
				return rc;
	}
	for (k = 0; k < r->n_items; k++)
		if ((rc = check_answered(r, k)) < 0)
			return rc;
	return cxm__survey_tables(r);
}

/* ---- reading ---------------------------------------------------------------------- */

/* The workers of one reading. */
typedef struct reading {
	cxm_survey_report *r;
	cxm__worker *w;
	size_t n_workers;
	char msg[1024];
} reading;

static int start_reading(reading *rd, cxm_survey_report *r)
{
	unsigned threads = r->g.threads ? r->g.threads : cxm__default_threads();
	size_t i;
	memset(rd, 0, sizeof *rd);
	rd->r = r;
	rd->n_workers = threads ? threads : 1;
	if (!(rd->w = cxm__calloc(rd->n_workers, sizeof *rd->w)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_report: out of memory");
	for (i = 0; i < rd->n_workers; i++)
		cxm__worker_init(&rd->w[i], r);
	return CXM_OK;
}

static void end_reading(reading *rd)
{
	size_t i;
	for (i = 0; rd->w && i < rd->n_workers; i++)
		cxm__worker_free(&rd->w[i]);
	cxm__free(rd->w);
	rd->w = NULL;
}

/* After the last row: rows and skipped counts, the cells merged and computed. */
static int finish_reading(reading *rd)
{
	cxm_survey_report *r = rd->r;
	size_t i;
	int k, rc;
	for (i = 0; i < rd->n_workers; i++) {
		r->rows += rd->w[i].rows;
		for (k = 0; k < CXM__SURVEY_SKIPS; k++)
			r->skipped[k] += rd->w[i].skipped[k];
	}
	if (r->rows == 0)
		return cxm__fail(CXM_EEMPTY, "%s has a header but no data rows", r->path);
	if ((rc = cxm__survey_drivers(r, rd->w, rd->n_workers)) < 0 ||
	    (rc = cxm__cells_merge(r, rd->w, rd->n_workers)) < 0)
		return rc;
	return compute(r);
}

static int csv_index(size_t *index, const void *src, const char *name)
{
	return cxm_csv_column_index(index, src, name);
}

static void csv_list(char *buf, size_t cap, const void *src)
{
	cxm__csv_list_columns(buf, cap, src);
}

/* The parallel reader's block size: 0 for its default; the tests set a few
 * hundred bytes so that a small file makes many chunks (cxm__survey_test_block_size). */
static size_t block_size;

void cxm__survey_test_block_size(size_t bytes)
{
	block_size = bytes;
}

/* One record of the parallel reader, on a worker thread. */
static int on_row(void *worker, const cxm__csv_row *row, char *msg, size_t cap)
{
	return cxm__survey_row(worker, row->field, row->len, row->line, msg, cap);
}

/* Every row of the file through cxm__survey_row, on the reader's threads
 * (lib/io/csv_chunks.c: chunk boundaries right inside quoted fields, memory
 * bounded whatever the file size); the first bad row in the file fails. */
static int read_csv_rows(reading *rd, cxm_csv *csv)
{
	cxm_survey_report *r = rd->r;
	cxm__csv_chunks_opts o;
	cxm__csv_chunks_stats st;
	void **workers;
	size_t i;
	int rc;
	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	o.threads = (unsigned)rd->n_workers;
	o.skip_malformed = r->g.skip_bad != 0;
	o.progress = r->g.progress;
	o.progress_user = r->g.progress_user;
	o.block_size = block_size;
	if (!(workers = cxm__calloc(rd->n_workers, sizeof *workers)))
		return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	for (i = 0; i < rd->n_workers; i++)
		workers[i] = &rd->w[i];
	rc = cxm__csv_chunks_read(csv, &o, workers, rd->n_workers, on_row, &st);
	cxm__free(workers);
	if (rc < 0)
		return rc;
	/* rows the reader skipped are rows read, counted by reason */
	r->skipped[CXM_SURVEY_SKIP_RAGGED] += st.ragged;
	r->skipped[CXM_SURVEY_SKIP_INVALID_UTF8] += st.invalid_utf8;
	r->rows += st.ragged + st.invalid_utf8;
	return CXM_OK;
}

/* The report names its file as the reader does ("<stdin>" for "-"), so that
 * its messages, its text and its JSON agree with the reader's messages. */
static int name_as_reader(cxm_survey_report *r, const cxm_csv *csv)
{
	char *name = cxm__strdup(cxm_csv_path(csv));
	if (!name)
		return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	cxm__free(r->path);
	r->path = name;
	return CXM_OK;
}

static int score_file(cxm_survey_report *r, const cxm_survey_opts *o)
{
	reading rd;
	cxm_csv *csv = NULL;
	columns in;
	int rc;
	memset(&rd, 0, sizeof rd);
	if ((rc = cxm_csv_open(&csv, r->path, o->delimiter)) < 0 || (rc = name_as_reader(r, csv)) < 0)
		goto done;
	in = (columns){ csv_index, csv_list, csv };
	if ((rc = find_columns(r, &in)) < 0 || (rc = check_codes(r, o)) < 0 || (rc = start_reading(&rd, r)) < 0 ||
	    (rc = read_csv_rows(&rd, csv)) < 0)
		goto done;
	rc = finish_reading(&rd);
done:
	end_reading(&rd);
	cxm_csv_free(csv);
	return rc;
}

/* A new report with the options copied, or NULL (the error set). */
static int new_report(cxm_survey_report **out, const char *path, const cxm_survey_opts *opts)
{
	cxm_survey_report *r;
	int rc;
	*out = NULL;
	if (!(r = cxm__calloc(1, sizeof *r)) || !(r->path = cxm__strdup(path))) {
		cxm__free(r);
		return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	}
	cxm__grouped_cfg_init(&r->g);
	if ((rc = copy_options(r, opts)) < 0) {
		cxm_survey_report_free(r);
		return rc;
	}
	*out = r;
	return CXM_OK;
}

/* find_columns and check_codes through a table's column names; the options
 * of the call on this thread (check_codes reads them). */
static _Thread_local const cxm_survey_opts *find_opts;

static int find_in_table(cxm_survey_report *r, const void *src, int (*index)(size_t *, const void *, const char *),
			 void (*list)(char *, size_t, const void *))
{
	columns in = { index, list, src };
	int rc;
	if ((rc = find_columns(r, &in)) < 0)
		return rc;
	return check_codes(r, find_opts);
}

cxm_status cxm_survey_report_from_table(cxm_survey_report **out, const cxm_table *t, const cxm_survey_opts *opts)
{
	cxm_survey_opts *defaults = NULL;
	cxm_survey_report *r = NULL;
	reading rd;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_survey_report **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(t, "table")) < 0)
		return rc;
	if (opts == NULL) {
		if ((rc = cxm_survey_opts_new(&defaults)) < 0)
			return rc;
		opts = defaults;
	}
	memset(&rd, 0, sizeof rd);
	find_opts = opts;
	if ((rc = new_report(&r, "table", opts)) == CXM_OK && (rc = start_reading(&rd, r)) == CXM_OK &&
	    (rc = cxm__survey_read_table(r, t, rd.w, rd.n_workers, find_in_table, rd.msg, sizeof rd.msg)) == CXM_OK)
		rc = finish_reading(&rd);
	end_reading(&rd);
	find_opts = NULL;
	cxm_survey_opts_free(defaults);
	if (rc < 0) {
		cxm_survey_report_free(r);
		return rc;
	}
	*out = r;
	return CXM_OK;
}

cxm_status cxm_survey_report_from_csv(cxm_survey_report **out, const char *path, const cxm_survey_opts *opts)
{
	cxm_survey_opts *defaults = NULL;
	cxm_survey_report *r = NULL;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_survey_report **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	if (opts == NULL) {
		if ((rc = cxm_survey_opts_new(&defaults)) < 0)
			return rc;
		opts = defaults;
	}
	if ((rc = new_report(&r, path, opts)) == CXM_OK)
		rc = score_file(r, opts);
	cxm_survey_opts_free(defaults);
	if (rc < 0) {
		cxm_survey_report_free(r);
		return rc;
	}
	*out = r;
	return CXM_OK;
}

/* ---- accessors ------------------------------------------------------------------ */

size_t cxm_survey_report_rows(const cxm_survey_report *report)
{
	return report ? report->rows : 0;
}

const char *cxm_survey_report_path(const cxm_survey_report *report)
{
	return report ? report->path : NULL;
}

static int known_metric(int metric)
{
	return metric >= 0 && metric < CXM__SURVEY_METRICS;
}

unsigned int cxm_survey_report_has(const cxm_survey_report *report, int metric)
{
	return report && known_metric(metric) && report->computed[metric] ? 1u : 0u;
}

const char *cxm_survey_report_column(const cxm_survey_report *report, int metric)
{
	return report && known_metric(metric) && report->m[metric].n_columns ? report->m[metric].columns[0] : NULL;
}

size_t cxm_survey_report_columns(const cxm_survey_report *report, int metric)
{
	return cxm_survey_report_has(report, metric) ? report->m[metric].n_columns : 0;
}

/* The first cell (every row in a plain report) of a metric's column nth, or NULL. */
static const cxm__cell_metric *item_of(const cxm_survey_report *report, int metric, size_t nth)
{
	if (nth >= cxm_survey_report_columns(report, metric) || report->n_cells == 0)
		return NULL;
	return &report->cells[0].m[report->first[metric] + nth];
}

const char *cxm_survey_report_column_at(const cxm_survey_report *report, int metric, size_t i)
{
	return item_of(report, metric, i) ? report->m[metric].columns[i] : NULL;
}

size_t cxm_survey_report_missing(const cxm_survey_report *report, int metric)
{
	return cxm_survey_report_missing_at(report, metric, 0);
}

size_t cxm_survey_report_missing_at(const cxm_survey_report *report, int metric, size_t i)
{
	const cxm__cell_metric *cm = item_of(report, metric, i);
	return cm ? cm->missing : 0;
}

size_t cxm_survey_report_no_answer_at(const cxm_survey_report *report, int metric, size_t i)
{
	const cxm__cell_metric *cm = item_of(report, metric, i);
	return cm ? cm->no_answer : 0;
}

int cxm__survey_results(const void **results, const cxm_survey_report *report, int metric, size_t nth)
{
	const cxm__metric_desc *d = cxm__survey_metrics[metric];
	const cxm__cell_metric *cm;
	int rc;
	if ((rc = cxm__check_ptr(report, "report")) < 0)
		return rc;
	if ((cm = item_of(report, metric, nth)) != NULL) {
		*results = cm->results.bytes;
		return CXM_OK;
	}
	if (report->computed[metric])
		return cxm__fail(CXM_EBAD_ARG, "the report has no %s column %zu: it scored %zu %s column%s (0..%zu)",
				 d->name, nth, report->m[metric].n_columns, d->name,
				 report->m[metric].n_columns == 1 ? "" : "s", report->m[metric].n_columns - 1);
	if (report->m[metric].n_columns)
		return cxm__fail(CXM_EEMPTY, "the report has no %s: %s has no column '%s'", d->name, report->path,
				 report->m[metric].columns[0]);
	return cxm__fail(CXM_EEMPTY, "the report has no %s: no %s column was configured", d->name, d->name);
}

size_t cxm_survey_report_skipped(const cxm_survey_report *report, int reason)
{
	return report && reason >= 0 && reason < CXM__SURVEY_SKIPS ? report->skipped[reason] : 0;
}
