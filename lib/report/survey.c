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

/* Answers of one metric in one cell, waiting for its accumulator. */
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
	queue *q;       /* n_cells x CXM__SURVEY_METRICS */
	size_t pending; /* rows read since the last flush */
} reader;

static void free_accumulators(cxm_survey_report *r)
{
	size_t c;
	int k;
	for (c = 0; c < r->n_cells; c++)
		for (k = 0; k < CXM__SURVEY_METRICS; k++) {
			cxm_score_acc_free(r->cells[c].m[k].acc);
			r->cells[c].m[k].acc = NULL;
		}
}

void cxm_survey_report_free(cxm_survey_report *report)
{
	int k;
	if (report == NULL)
		return;
	if (report->cells)
		free_accumulators(report);
	cxm__free(report->cells);
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm__free(report->m[k].column);
	cxm__free(report->path);
	cxm__free(report);
}

/* The options' settings, with our own copies of the columns. */
static int copy_options(cxm_survey_report *r, const cxm_survey_opts *o)
{
	int k, any = 0;
	r->conf = o->conf;
	r->nan_policy = o->nan_policy;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		r->m[k] = o->m[k];
		r->m[k].column = NULL;
		if (o->m[k].column == NULL)
			continue;
		any = 1;
		if (!(r->m[k].column = cxm__strdup(o->m[k].column)))
			return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	}
	if (!any)
		return cxm__fail(CXM_EBAD_ARG, "no column to score: the options leave every metric out "
				 "(cxm_survey_opts_set_column with NULL)");
	return CXM_OK;
}

/* Find each configured column; an absent one that was not required is skipped. */
static int find_columns(cxm_survey_report *r, const cxm_csv *csv)
{
	char cols[512], wanted[256];
	size_t used = 0;
	int k, rc, found = 0;
	wanted[0] = '\0';
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const cxm__metric_cfg *m = &r->m[k];
		if (m->column == NULL)
			continue;
		if (used < sizeof wanted) {
			int n = snprintf(wanted + used, sizeof wanted - used, "%s'%s'", used ? ", " : "", m->column);
			used += n > 0 ? (size_t)n : 0;
		}
		rc = cxm_csv_column_index(&r->index[k], csv, m->column);
		if (rc == CXM_EBAD_ARG && !m->required) {
			cxm_error_clear(); /* a default column may be absent: not an error */
			continue;
		}
		if (rc < 0)
			return rc;
		r->computed[k] = 1;
		found++;
	}
	if (found == 0) {
		cxm__csv_list_columns(cols, sizeof cols, csv);
		return cxm__fail(CXM_EBAD_ARG, "%s has none of the columns to score (%s); its columns are: %s",
				 r->path, wanted, cols);
	}
	return CXM_OK;
}

/* The cells and, in each, an accumulator per computed metric. For now one
 * cell, every row of the file. */
static int make_cells(cxm_survey_report *r)
{
	size_t c;
	int k, rc;
	if ((rc = cxm__alloc_array(&r->cells, 1, sizeof *r->cells, "cxm_survey_report_from_csv: cells")) < 0)
		return rc;
	memset(r->cells, 0, sizeof *r->cells);
	r->n_cells = 1;
	r->cells[0].label = NULL;
	for (c = 0; c < r->n_cells; c++)
		for (k = 0; k < CXM__SURVEY_METRICS; k++)
			if (r->computed[k] &&
			    (rc = cxm_score_acc_new(&r->cells[c].m[k].acc, r->m[k].lo, r->m[k].hi)) < 0)
				return rc;
	return CXM_OK;
}

/* Whether a row belongs to a cell: the one cell there is holds every row. */
static int in_cell(const cxm__cell *cell)
{
	return cell->label == NULL;
}

/* ---- reading ---------------------------------------------------------------------- */

/* The message for the bad answer i of a queue; code is the accumulator's verdict. */
static int answer_error(const reader *rd, const queue *q, size_t i, int metric, int code)
{
	const cxm_survey_report *r = rd->r;
	const cxm__metric_desc *d = cxm__survey_metrics[metric];
	const cxm__metric_cfg *m = &r->m[metric];
	size_t line = q->line[i], col = r->index[metric] + 1;
	char text[CXM__QUOTE_MAX + 4];
	cxm__quote_text(text, sizeof text, q->text[i], q->len[i]);
	switch (code) {
	case CXM_ENAN:
		return cxm__fail(CXM_ENAN,
				 "%s:%zu:%zu '%s': missing answer%s%s%s while nan_policy is error "
				 "(use omit to skip missing answers)",
				 r->path, line, col, m->column, text[0] ? " ('" : " (empty field)", text,
				 text[0] ? "')" : "");
	case CXM_EOUT_OF_RANGE:
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s:%zu:%zu '%s': value %s is outside %d..%d (the %s scale)",
				 r->path, line, col, m->column, text, m->lo, m->hi, d->name);
	default:
		return cxm__fail(CXM_ENON_INTEGER,
				 "%s:%zu:%zu '%s': value %s is not a whole point of the %s scale %d..%d", r->path,
				 line, col, m->column, text, d->name, m->lo, m->hi);
	}
}

/* Every queue to its accumulator; the first bad answer in the file fails. */
static int flush(reader *rd)
{
	cxm_survey_report *r = rd->r;
	const queue *bad_q = NULL;
	size_t c, bad_i = 0, i;
	int k, rc, bad_k = 0, bad_rc = CXM_OK;
	for (c = 0; c < r->n_cells; c++) {
		for (k = 0; k < CXM__SURVEY_METRICS; k++) {
			queue *q = &rd->q[c * CXM__SURVEY_METRICS + (size_t)k];
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
	for (c = 0; c < r->n_cells * CXM__SURVEY_METRICS; c++)
		rd->q[c].n = 0;
	return CXM_OK;
}

/* A failure while reading: answers read before it are checked first. */
static int fail_after_flush(reader *rd, int rc)
{
	int rc2 = flush(rd);
	return rc2 < 0 ? rc2 : rc;
}

/* One row: each metric's answer to the queues of the cells the row is in;
 * an empty answer under CXM_NAN_OMIT is counted as missing instead. */
static int read_row(reader *rd)
{
	cxm_survey_report *r = rd->r;
	size_t c, len, line = cxm_csv_line(rd->csv);
	int k, rc;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		const char *field;
		double v;
		if (!r->computed[k])
			continue;
		if ((rc = cxm_csv_field_double(&v, rd->csv, r->index[k])) < 0)
			return rc;
		if (isnan(v) && r->nan_policy == CXM_NAN_OMIT) {
			for (c = 0; c < r->n_cells; c++)
				if (in_cell(&r->cells[c]))
					r->cells[c].m[k].missing++;
			continue;
		}
		field = cxm_csv_field(&len, rd->csv, r->index[k]);
		if (len > KEEP)
			len = KEEP;
		for (c = 0; c < r->n_cells; c++) {
			queue *q = &rd->q[c * CXM__SURVEY_METRICS + (size_t)k];
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
	size_t c;
	int k, rc;
	for (c = 0; c < r->n_cells; c++) {
		cxm__cell *cell = &r->cells[c];
		for (k = 0; k < CXM__SURVEY_METRICS; k++) {
			const cxm__metric_desc *d = cxm__survey_metrics[k];
			if (!r->computed[k])
				continue;
			if (cxm_score_acc_n(cell->m[k].acc) == 0)
				return cxm__fail(CXM_EEMPTY, "column '%s' of %s has no answers: it is empty on all %zu row%s",
						 r->m[k].column, r->path, cell->rows, cell->rows == 1 ? "" : "s");
			if ((rc = d->compute(cell->m[k].results.bytes, cell->m[k].acc, &r->m[k], r->conf)) < 0)
				return rc;
		}
	}
	free_accumulators(r); /* the results are all the report keeps */
	return CXM_OK;
}

static int score_file(cxm_survey_report *r, const cxm_survey_opts *o)
{
	reader rd;
	int rc;
	memset(&rd, 0, sizeof rd);
	rd.r = r;
	if ((rc = cxm_csv_open(&rd.csv, r->path, o->delimiter)) < 0 || (rc = find_columns(r, rd.csv)) < 0 ||
	    (rc = make_cells(r)) < 0 ||
	    (rc = cxm__alloc_array(&rd.q, r->n_cells * CXM__SURVEY_METRICS, sizeof *rd.q,
				   "cxm_survey_report_from_csv: answer queues")) < 0)
		goto done;
	memset(rd.q, 0, r->n_cells * CXM__SURVEY_METRICS * sizeof *rd.q);
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
	return report && known_metric(metric) ? report->m[metric].column : NULL;
}

size_t cxm_survey_report_missing(const cxm_survey_report *report, int metric)
{
	return cxm_survey_report_has(report, metric) ? report->cells[0].m[metric].missing : 0;
}

int cxm__survey_results(const void **results, const cxm_survey_report *report, int metric)
{
	const cxm__metric_desc *d = cxm__survey_metrics[metric];
	int rc;
	if ((rc = cxm__check_ptr(report, "report")) < 0)
		return rc;
	if (report->computed[metric]) {
		*results = report->cells[0].m[metric].results.bytes;
		return CXM_OK;
	}
	if (report->m[metric].column)
		return cxm__fail(CXM_EEMPTY, "the report has no %s: %s has no column '%s'", d->name, report->path,
				 report->m[metric].column);
	return cxm__fail(CXM_EEMPTY, "the report has no %s: no %s column was configured", d->name, d->name);
}
