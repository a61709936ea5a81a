/*
 * lib/report/survey.c - the survey report: stream a CSV file into the cells
 * of the report, one accumulator per cell and metric, then compute each
 * metric's results through its descriptor (report_internal.h).
 *
 * Answers are parsed here (text to number: a field that is no number is the
 * CSV reader's PARSE error) and queued per cell and metric; every BATCH rows
 * the queues go to the accumulators, which check each answer once
 * (cxm__score_acc_add_at). When one is bad, the queue still knows its line
 * and its text, so the message names the file, line, column and the text
 * found. Queues are flushed before any other error is reported, and the bad
 * answer reported is the first in the file (by line, then by metric), as if
 * every answer had been checked as it was read.
 *
 * A metric may score several columns (items); each column is an item with
 * its own accumulator and counts. An answer that is a no-answer code of its
 * metric (spec §0.13) never reaches the accumulator under CXM_NAN_OMIT: it
 * is counted apart from the empty fields. Under CXM_NAN_ERROR it is queued
 * as a missing answer, so the accumulator's NaN check names it in turn.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_internal.h"
#include "io/io_internal.h"
#include "names.h"
#include "scores/scores_internal.h"

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

const char *cxm__survey_metric_key(int metric)
{
	return cxm__names_word(&cxm__survey_metric_names, metric);
}

/* ---- the report's life ------------------------------------------------------------ */

#define BATCH 512
#define KEEP (CXM__QUOTE_MAX + 1) /* bytes of an answer's text kept: enough to quote it */

/* Answers of one item in one cell, waiting for its accumulator. */
typedef struct queue {
	size_t n;
	double value[BATCH];
	size_t line[BATCH];
	unsigned char len[BATCH];
	char text[BATCH][KEEP];
} queue;

/* The state of one reading. */
typedef struct reader {
	cxm_survey_report *r;
	cxm_csv *csv;
	queue *q;       /* n_cells x n_items */
	size_t pending; /* rows read since the last flush */
} reader;

static void free_accumulators(cxm_survey_report *r)
{
	size_t c, i;
	for (c = 0; c < r->n_cells; c++)
		for (i = 0; r->cells[c].m && i < r->n_items; i++) {
			cxm_score_acc_free(r->cells[c].m[i].acc);
			r->cells[c].m[i].acc = NULL;
		}
}

void cxm_survey_report_free(cxm_survey_report *report)
{
	size_t c;
	int k;
	if (report == NULL)
		return;
	if (report->cells) {
		free_accumulators(report);
		for (c = 0; c < report->n_cells; c++)
			cxm__free(report->cells[c].m);
	}
	cxm__free(report->cells);
	cxm__free(report->items);
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm__survey_cfg_clear_columns(&report->m[k]);
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
	if (!any)
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

/* Find each configured column, and list the items; an absent default column
 * (not required) leaves its metric out. */
static int find_columns(cxm_survey_report *r, const cxm_csv *csv)
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
			rc = cxm_csv_column_index(&index, csv, m->columns[i]);
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
	if (found == 0) {
		cxm__csv_list_columns(cols, sizeof cols, csv);
		return cxm__fail(CXM_EBAD_ARG, "%s has none of the columns to score (%s); its columns are: %s",
				 r->path, wanted, cols);
	}
	return CXM_OK;
}

/* The cells and, in each, an accumulator per item. For now one cell, every
 * row of the file. */
static int make_cells(cxm_survey_report *r)
{
	size_t c, i;
	int rc;
	if ((rc = cxm__alloc_array(&r->cells, 1, sizeof *r->cells, "cxm_survey_report_from_csv: cells")) < 0)
		return rc;
	memset(r->cells, 0, sizeof *r->cells);
	r->n_cells = 1;
	r->cells[0].label = NULL;
	for (c = 0; c < r->n_cells; c++) {
		if ((rc = cxm__alloc_array(&r->cells[c].m, r->n_items, sizeof *r->cells[c].m,
					   "cxm_survey_report_from_csv: cells")) < 0)
			return rc;
		memset(r->cells[c].m, 0, r->n_items * sizeof *r->cells[c].m);
		for (i = 0; i < r->n_items; i++) {
			const cxm__metric_cfg *m = &r->m[r->items[i].metric];
			if ((rc = cxm_score_acc_new(&r->cells[c].m[i].acc, m->lo, m->hi)) < 0)
				return rc;
		}
	}
	return CXM_OK;
}

/* Whether a row belongs to a cell: the one cell there is holds every row. */
static int in_cell(const cxm__cell *cell)
{
	return cell->label == NULL;
}

/* ---- reading ---------------------------------------------------------------------- */

/* Whether a quoted answer has more than blanks: a missing answer that does
 * is a no-answer code. */
static int has_text(const char *text)
{
	return text[strspn(text, " \t")] != '\0';
}

/* The message for the bad answer i of a queue of an item; code is the
 * accumulator's verdict. */
static int answer_error(const reader *rd, const queue *q, size_t i, size_t item, int code)
{
	const cxm_survey_report *r = rd->r;
	const cxm__item *it = &r->items[item];
	const cxm__metric_desc *d = cxm__survey_metrics[it->metric];
	const cxm__metric_cfg *m = &r->m[it->metric];
	size_t line = q->line[i], col = it->index + 1;
	char text[CXM__QUOTE_MAX + 4];
	cxm__quote_text(text, sizeof text, q->text[i], q->len[i]);
	switch (code) {
	case CXM_ENAN:
		return cxm__fail(CXM_ENAN,
				 "%s:%zu:%zu '%s': missing answer%s%s%s while nan_policy is error "
				 "(use omit to skip missing answers)",
				 r->path, line, col, it->column, text[0] ? " ('" : " (empty field)", text,
				 !text[0] ? "" : has_text(text) ? "', a no-answer code)" : "')");
	case CXM_EOUT_OF_RANGE:
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s:%zu:%zu '%s': value %s is outside %d..%d (the %s scale)%s",
				 r->path, line, col, it->column, text, m->lo, m->hi, d->name,
				 m->n_na ? " and is no no-answer code" : "");
	default:
		return cxm__fail(CXM_ENON_INTEGER,
				 "%s:%zu:%zu '%s': value %s is not a whole point of the %s scale %d..%d", r->path,
				 line, col, it->column, text, d->name, m->lo, m->hi);
	}
}

/* Every queue to its accumulator; the first bad answer in the file fails. */
static int flush(reader *rd)
{
	cxm_survey_report *r = rd->r;
	const queue *bad_q = NULL;
	size_t c, bad_i = 0, i, k, bad_k = 0;
	int rc, bad_rc = CXM_OK;
	for (c = 0; c < r->n_cells; c++) {
		for (k = 0; k < r->n_items; k++) {
			queue *q = &rd->q[c * r->n_items + k];
			if (q->n == 0)
				continue;
			rc = cxm__score_acc_add_at(r->cells[c].m[k].acc, q->value, q->n, r->nan_policy, &i);
			if (rc < 0 && i == q->n)
				return rc; /* not an answer's fault */
			if (rc < 0 && (bad_q == NULL || q->line[i] < bad_q->line[bad_i])) {
				bad_q = q;
				bad_i = i;
				bad_k = k;
				bad_rc = rc;
			}
		}
	}
	rd->pending = 0;
	if (bad_q)
		return answer_error(rd, bad_q, bad_i, bad_k, bad_rc);
	for (c = 0; c < r->n_cells * r->n_items; c++)
		rd->q[c].n = 0;
	return CXM_OK;
}

/* A failure while reading: answers read before it are checked first. */
static int fail_after_flush(reader *rd, int rc)
{
	int rc2 = flush(rd);
	return rc2 < 0 ? rc2 : rc;
}

/* Whether v is one of the no-answer codes of a metric. */
static int is_code(const cxm__metric_cfg *m, double v)
{
	size_t i;
	for (i = 0; i < m->n_na; i++)
		if (m->na[i] == v)
			return 1;
	return 0;
}

/* One row: each item's answer to the queues of the cells the row is in;
 * under CXM_NAN_OMIT an empty answer is counted as missing instead, and an
 * answer that is a no-answer code as no answer. Under CXM_NAN_ERROR a code
 * is queued as a missing answer (NaN), which the accumulator refuses. */
static int read_row(reader *rd)
{
	cxm_survey_report *r = rd->r;
	size_t c, len, k, line = cxm_csv_line(rd->csv);
	int rc;
	for (k = 0; k < r->n_items; k++) {
		const cxm__item *it = &r->items[k];
		const char *field;
		double v;
		if ((rc = cxm_csv_field_double(&v, rd->csv, it->index)) < 0)
			return rc;
		if (!isnan(v) && is_code(&r->m[it->metric], v)) {
			if (r->nan_policy == CXM_NAN_OMIT) {
				for (c = 0; c < r->n_cells; c++)
					if (in_cell(&r->cells[c]))
						r->cells[c].m[k].no_answer++;
				continue;
			}
			v = NAN;
		} else if (isnan(v) && r->nan_policy == CXM_NAN_OMIT) {
			for (c = 0; c < r->n_cells; c++)
				if (in_cell(&r->cells[c]))
					r->cells[c].m[k].missing++;
			continue;
		}
		field = cxm_csv_field(&len, rd->csv, it->index);
		if (len > KEEP)
			len = KEEP;
		for (c = 0; c < r->n_cells; c++) {
			queue *q = &rd->q[c * r->n_items + k];
			if (!in_cell(&r->cells[c]))
				continue;
			q->value[q->n] = v;
			q->line[q->n] = line;
			q->len[q->n] = (unsigned char)len;
			memcpy(q->text[q->n], field, len);
			q->n++;
		}
	}
	for (c = 0; c < r->n_cells; c++)
		if (in_cell(&r->cells[c]))
			r->cells[c].rows++;
	return CXM_OK;
}

static int read_rows(reader *rd)
{
	cxm_survey_report *r = rd->r;
	int rc, has_row;
	for (;;) {
		if ((rc = cxm_csv_next(&has_row, rd->csv)) < 0)
			return fail_after_flush(rd, rc);
		if (!has_row)
			break;
		r->rows++;
		if ((rc = read_row(rd)) < 0)
			return fail_after_flush(rd, rc);
		/* a queue holds one answer per row at most: flush before one can overflow */
		if (++rd->pending == BATCH && (rc = flush(rd)) < 0)
			return rc;
	}
	if ((rc = flush(rd)) < 0)
		return rc;
	if (r->rows == 0)
		return cxm__fail(CXM_EEMPTY, "%s has a header but no data rows", r->path);
	return CXM_OK;
}

/* The results of every cell, from its accumulators. */
static int compute(cxm_survey_report *r)
{
	size_t c, k;
	int rc;
	for (c = 0; c < r->n_cells; c++) {
		cxm__cell *cell = &r->cells[c];
		for (k = 0; k < r->n_items; k++) {
			const cxm__item *it = &r->items[k];
			const cxm__metric_desc *d = cxm__survey_metrics[it->metric];
			const cxm__cell_metric *cm = &cell->m[k];
			if (cxm_score_acc_n(cm->acc) == 0 && cm->no_answer == 0)
				return cxm__fail(CXM_EEMPTY, "column '%s' of %s has no answers: it is empty on all %zu row%s",
						 it->column, r->path, cell->rows, cell->rows == 1 ? "" : "s");
			if (cxm_score_acc_n(cm->acc) == 0)
				return cxm__fail(CXM_EEMPTY,
						 "column '%s' of %s has no answers: of its %zu row%s, %zu %s a no-answer "
						 "code and %zu empty",
						 it->column, r->path, cell->rows, cell->rows == 1 ? "" : "s", cm->no_answer,
						 cm->no_answer == 1 ? "is" : "are", cm->missing);
			if ((rc = d->compute(cell->m[k].results.bytes, cell->m[k].acc, &r->m[it->metric], r->conf)) < 0)
				return rc;
		}
	}
	free_accumulators(r); /* the results are all the report keeps */
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
	reader rd;
	int rc;
	memset(&rd, 0, sizeof rd);
	rd.r = r;
	if ((rc = cxm_csv_open(&rd.csv, r->path, o->delimiter)) < 0 || (rc = name_as_reader(r, rd.csv)) < 0 ||
	    (rc = find_columns(r, rd.csv)) < 0 ||
	    (rc = check_codes(r, o)) < 0 || (rc = make_cells(r)) < 0 ||
	    (rc = cxm__alloc_array(&rd.q, r->n_cells * r->n_items, sizeof *rd.q,
				   "cxm_survey_report_from_csv: answer queues")) < 0)
		goto done;
	memset(rd.q, 0, r->n_cells * r->n_items * sizeof *rd.q);
	if ((rc = read_rows(&rd)) < 0)
		goto done;
	rc = compute(r);
done:
	cxm__free(rd.q);
	cxm_csv_free(rd.csv);
	return rc;
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
	if (!(r = cxm__calloc(1, sizeof *r)) || !(r->path = cxm__strdup(path)))
		rc = cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	else if ((rc = copy_options(r, opts)) == CXM_OK)
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

/* The cell (every row) of a metric's column nth, or NULL. */
static const cxm__cell_metric *item_of(const cxm_survey_report *report, int metric, size_t nth)
{
	if (nth >= cxm_survey_report_columns(report, metric))
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
