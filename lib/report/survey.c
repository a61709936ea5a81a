/*
 * lib/report/survey.c - the survey report: stream a CSV file through one
 * cxm_score_acc per scored column, then compute NPS (Wald and adjusted-Wald),
 * CSAT (Wilson) and CES (Wilson on % agree) from the accumulators.
 *
 * Every answer is checked here, row by row, so that an error names the file,
 * line, column and the text found; checked answers are then added to the
 * accumulators in batches (one call per BATCH rows, not one per row).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "io/io_internal.h"
#include "report_internal.h"
#include "names.h"

static const cxm__word survey_metric_words[] = {
	{ "nps", CXM_SURVEY_NPS }, { "csat", CXM_SURVEY_CSAT }, { "ces", CXM_SURVEY_CES }
};
const cxm__names cxm__survey_metric_names = CXM__NAMES("metric", survey_metric_words, 0);

#define BATCH 512

static const char *const metric_names[CXM__SURVEY_METRICS] = { "NPS", "CSAT", "CES" };
static const char *const metric_keys[CXM__SURVEY_METRICS] = { "nps", "csat", "ces" };

const char *cxm__survey_metric_name(int metric)
{
	return metric_names[metric];
}

const char *cxm__survey_metric_key(int metric)
{
	return metric_keys[metric];
}

cxm_status cxm_survey_opts_init(cxm_survey_opts *opts, unsigned int version)
{
	static const cxm_survey_opts defaults = CXM_SURVEY_OPTS_INIT;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 ||
	    (rc = cxm__check_out(opts, version, CXM_SURVEY_OPTS_VERSION, "cxm_survey_opts")) < 0)
		return rc;
	*opts = defaults;
	return CXM_OK;
}

static int check_opts(const cxm_survey_opts *o)
{
	int rc;
	if ((rc = cxm__check_out(o, o->version, CXM_SURVEY_OPTS_VERSION, "cxm_survey_opts")) < 0)
		return rc;
	if (!o->nps_column && !o->csat_column && !o->ces_column)
		return cxm__fail(CXM_EBAD_ARG, "no column to score: nps_column, csat_column and ces_column are all NULL");
	if (o->nps_scale != CXM_NPS_0_10 && o->nps_scale != CXM_NPS_1_10)
		return cxm__fail(CXM_EBAD_ARG, "nps_scale is %d; use CXM_NPS_0_10 (0) or CXM_NPS_1_10 (1)",
				 o->nps_scale);
	if (o->csat_column) {
		if (o->csat_lo >= o->csat_hi || (long)o->csat_hi - (long)o->csat_lo + 1 > 1001)
			return cxm__fail(CXM_EBAD_ARG, "CSAT scale %d..%d must have lo < hi and at most 1001 points",
					 o->csat_lo, o->csat_hi);
		if (o->csat_threshold != CXM_CSAT_DEFAULT_THRESHOLD &&
		    (o->csat_threshold < o->csat_lo || o->csat_threshold > o->csat_hi))
			return cxm__fail(CXM_EBAD_ARG, "CSAT threshold %d is off the scale %d..%d",
					 o->csat_threshold, o->csat_lo, o->csat_hi);
	}
	if (o->ces_column && o->ces_points != 5 && o->ces_points != 7)
		return cxm__fail(CXM_EBAD_ARG, "ces_points is %d; CES is on a 5- or a 7-point scale",
				 o->ces_points);
	if ((rc = cxm__check_nan_policy(o->nan_policy)) < 0)
		return rc;
	if (!(o->conf > 0.0 && o->conf < 1.0))
		return cxm__fail(CXM_EBAD_ARG, "conf must be in (0, 1), e.g. 0.95, got %.17g", o->conf);
	if (o->optional & ~(unsigned int)CXM_SURVEY_ALL_BITS)
		return cxm__fail(CXM_EBAD_ARG, "optional is 0x%x; use CXM_SURVEY_*_BIT flags only", o->optional);
	return CXM_OK;
}

void cxm_survey_report_free(cxm_survey_report *report)
{
	int k;
	if (report == NULL)
		return;
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm__free(report->m[k].column);
	cxm__free(report->path);
	cxm__free(report);
}

/* The scoring state of one metric while the file is read. */
typedef struct scorer {
	cxm__survey_metric *m;
	cxm_score_acc *acc;
	double batch[BATCH];
	size_t n_batch;
} scorer;

static int flush(scorer *s, int nan_policy)
{
	int rc = cxm_score_acc_add(s->acc, s->batch, s->n_batch, nan_policy);
	s->n_batch = 0;
	return rc;
}

/* Check one answer and queue it; an empty one is counted as missing. */
static int score_field(scorer *s, const cxm_csv *csv, const cxm_survey_report *r, int metric)
{
	char text[CXM__QUOTE_MAX + 4];
	const char *field;
	size_t len;
	double v;
	int rc;
	if ((rc = cxm_csv_field_double(&v, csv, s->m->index)) < 0)
		return rc;
	if (isnan(v)) {
		if (r->nan_policy == CXM_NAN_OMIT) {
			s->m->missing++;
			return CXM_OK;
		}
	} else if (v >= s->m->lo && v <= s->m->hi && v == floor(v)) {
		s->batch[s->n_batch++] = v;
		return s->n_batch == BATCH ? flush(s, r->nan_policy) : CXM_OK;
	}
	field = cxm_csv_field(csv, s->m->index, &len);
	cxm__quote_text(text, sizeof text, field, len);
	if (isnan(v))
		return cxm__fail(CXM_ENAN,
				 "%s:%zu:%zu '%s': missing answer%s%s%s while nan_policy is error "
				 "(use omit to skip missing answers)",
				 r->path, cxm_csv_line(csv), s->m->index + 1, s->m->column,
				 text[0] ? " ('" : " (empty field)", text, text[0] ? "')" : "");
	if (!(v >= s->m->lo && v <= s->m->hi))
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s:%zu:%zu '%s': value %s is outside %d..%d (the %s scale)",
				 r->path, cxm_csv_line(csv), s->m->index + 1, s->m->column, text,
				 s->m->lo, s->m->hi, cxm__survey_metric_name(metric));
	return cxm__fail(CXM_ENON_INTEGER,
			 "%s:%zu:%zu '%s': value %s is not a whole point of the %s scale %d..%d",
			 r->path, cxm_csv_line(csv), s->m->index + 1, s->m->column, text,
			 cxm__survey_metric_name(metric), s->m->lo, s->m->hi);
}

/* "a, b, c" for a message; the names come from the file, so they are quoted
 * like any other text from it (one line, at most CXM__QUOTE_MAX bytes each). */
static void list_columns(char *buf, size_t cap, const cxm_csv *csv)
{
	char name[CXM__QUOTE_MAX + 4];
	size_t used = 0, i;
	buf[0] = '\0';
	for (i = 0; i < cxm_csv_column_count(csv); i++) {
		const char *s = cxm_csv_column_name(csv, i);
		int n;
		cxm__quote_text(name, sizeof name, s, strlen(s));
		n = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", name);
		if (n < 0 || (size_t)n >= cap - used) {
			memcpy(buf + cap - 4, "...", 4);
			return;
		}
		used += (size_t)n;
	}
}

/* Find each configured column; an optional one that is absent is skipped. */
static int find_columns(cxm_survey_report *r, const cxm_csv *csv, unsigned int optional)
{
	char cols[512], wanted[256];
	size_t used = 0;
	int k, rc, found = 0;
	wanted[0] = '\0';
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		cxm__survey_metric *m = &r->m[k];
		if (m->column == NULL)
			continue;
		if (used < sizeof wanted) {
			int n = snprintf(wanted + used, sizeof wanted - used, "%s'%s'", used ? ", " : "", m->column);
			used += n > 0 ? (size_t)n : 0;
		}
		rc = cxm_csv_column_index(&m->index, csv, m->column);
		if (rc == CXM_EBAD_ARG && (optional & (1u << k))) {
			cxm_error_clear(); /* an optional column may be absent: not an error */
			continue;
		}
		if (rc < 0)
			return rc;
		m->computed = 1;
		found++;
	}
	if (found == 0) {
		list_columns(cols, sizeof cols, csv);
		return cxm__fail(CXM_EBAD_ARG, "%s has none of the columns to score (%s); its columns are: %s",
				 r->path, wanted, cols);
	}
	return CXM_OK;
}

static int copy_columns(cxm_survey_report *r, const cxm_survey_opts *o)
{
	const char *cols[CXM__SURVEY_METRICS];
	int k;
	cols[CXM_SURVEY_NPS] = o->nps_column;
	cols[CXM_SURVEY_CSAT] = o->csat_column;
	cols[CXM_SURVEY_CES] = o->ces_column;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		if (cols[k] == NULL)
			continue;
		if (!(r->m[k].column = cxm__strdup(cols[k])))
			return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	}
	r->m[CXM_SURVEY_NPS].lo = o->nps_scale == CXM_NPS_1_10 ? 1 : 0;
	r->m[CXM_SURVEY_NPS].hi = 10;
	r->m[CXM_SURVEY_CSAT].lo = o->csat_lo;
	r->m[CXM_SURVEY_CSAT].hi = o->csat_hi;
	r->m[CXM_SURVEY_CES].lo = 1;
	r->m[CXM_SURVEY_CES].hi = o->ces_points;
	return CXM_OK;
}

/* The results, from the filled accumulators. */
static int compute(cxm_survey_report *r, scorer *s, int csat_threshold)
{
	int k, rc;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		if (!r->m[k].computed)
			continue;
		if (cxm_score_acc_n(s[k].acc) == 0)
			return cxm__fail(CXM_EEMPTY, "column '%s' of %s has no answers: it is empty on all %zu row%s",
					 r->m[k].column, r->path, r->rows, r->rows == 1 ? "" : "s");
	}
	if (r->m[CXM_SURVEY_NPS].computed) {
		cxm_nps_result *n = &r->nps;
		if ((rc = cxm_score_acc_nps(n, s[CXM_SURVEY_NPS].acc)) < 0 ||
		    (rc = cxm_nps_wald(&r->wald, (double)n->promoters, (double)n->passives,
				       (double)n->detractors, r->conf, CXM_Z_FROM_CONF)) < 0 ||
		    (rc = cxm_nps_adjusted_wald(&r->adjusted_wald, (double)n->promoters, (double)n->passives,
						(double)n->detractors, r->conf, CXM_Z_FROM_CONF)) < 0)
			return rc;
	}
	if (r->m[CXM_SURVEY_CSAT].computed &&
	    (rc = cxm_score_acc_csat(&r->csat, s[CXM_SURVEY_CSAT].acc, csat_threshold, r->conf,
				     CXM_Z_FROM_CONF)) < 0)
		return rc;
	if (r->m[CXM_SURVEY_CES].computed &&
	    (rc = cxm_score_acc_ces(&r->ces, s[CXM_SURVEY_CES].acc, r->conf, CXM_Z_FROM_CONF)) < 0)
		return rc;
	return CXM_OK;
}

/* Read every row, then compute. The accumulators live only for this call. */
static int score_file(cxm_survey_report *r, cxm_csv *csv, const cxm_survey_opts *o)
{
	scorer s[CXM__SURVEY_METRICS];
	int k, rc = CXM_OK, has_row;
	memset(s, 0, sizeof s);
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		s[k].m = &r->m[k];
		if (r->m[k].computed &&
		    (rc = cxm_score_acc_new(&s[k].acc, r->m[k].lo, r->m[k].hi)) < 0)
			goto done;
	}
	for (;;) {
		if ((rc = cxm_csv_next(csv, &has_row)) < 0)
			goto done;
		if (!has_row)
			break;
		r->rows++;
		for (k = 0; k < CXM__SURVEY_METRICS; k++)
			if (r->m[k].computed && (rc = score_field(&s[k], csv, r, k)) < 0)
				goto done;
	}
	if (r->rows == 0) {
		rc = cxm__fail(CXM_EEMPTY, "%s has a header but no data rows", r->path);
		goto done;
	}
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		if (r->m[k].computed && s[k].n_batch && (rc = flush(&s[k], o->nan_policy)) < 0)
			goto done;
	rc = compute(r, s, o->csat_threshold);
done:
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		cxm_score_acc_free(s[k].acc);
	return rc;
}

cxm_status cxm_survey_report_from_csv(cxm_survey_report **out, const char *path, const cxm_survey_opts *opts)
{
	static const cxm_survey_opts defaults = CXM_SURVEY_OPTS_INIT;
	cxm_survey_report *r = NULL;
	cxm_csv *csv = NULL;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_survey_report **out is NULL");
	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((rc = cxm__check_ptr(path, "path")) < 0 || (rc = check_opts(opts)) < 0)
		return rc;
	if (!(r = cxm__calloc(1, sizeof *r)) || !(r->path = cxm__strdup(path))) {
		cxm_survey_report_free(r);
		return cxm__fail(CXM_ENOMEM, "cxm_survey_report_from_csv: out of memory");
	}
	r->conf = opts->conf;
	r->nan_policy = opts->nan_policy;
	r->nps_scale = opts->nps_scale;
	r->ces_points = opts->ces_points;
	r->nps.version = CXM_NPS_RESULT_VERSION;
	r->wald.version = r->adjusted_wald.version = CXM_NPS_CI_VERSION;
	r->csat.version = CXM_CSAT_RESULT_VERSION;
	r->ces.version = CXM_CES_RESULT_VERSION;
	if ((rc = copy_columns(r, opts)) < 0 ||
	    (rc = cxm_csv_open(&csv, path, opts->delimiter)) < 0 ||
	    (rc = find_columns(r, csv, opts->optional)) < 0 ||
	    (rc = score_file(r, csv, opts)) < 0) {
		cxm_csv_free(csv);
		cxm_survey_report_free(r);
		return rc;
	}
	cxm_csv_free(csv);
	*out = r;
	return CXM_OK;
}

/* ---- accessors ------------------------------------------------------------ */

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
	return report && known_metric(metric) && report->m[metric].computed ? 1u : 0u;
}

const char *cxm_survey_report_column(const cxm_survey_report *report, int metric)
{
	return report && known_metric(metric) ? report->m[metric].column : NULL;
}

size_t cxm_survey_report_missing(const cxm_survey_report *report, int metric)
{
	return cxm_survey_report_has(report, metric) ? report->m[metric].missing : 0;
}

/* The report, and the metric in it. */
static int need(const cxm_survey_report *report, int metric)
{
	int rc;
	if ((rc = cxm__check_ptr(report, "report")) < 0)
		return rc;
	if (report->m[metric].computed)
		return CXM_OK;
	if (report->m[metric].column)
		return cxm__fail(CXM_EEMPTY, "the report has no %s: %s has no column '%s'",
				 cxm__survey_metric_name(metric), report->path, report->m[metric].column);
	return cxm__fail(CXM_EEMPTY, "the report has no %s: no %s column was configured",
			 cxm__survey_metric_name(metric), cxm__survey_metric_name(metric));
}

cxm_status cxm_survey_report_nps(cxm_nps_result *out, const cxm_survey_report *report)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_RESULT_VERSION, "cxm_nps_result")) < 0 ||
	    (rc = need(report, CXM_SURVEY_NPS)) < 0)
		return rc;
	*out = report->nps;
	return CXM_OK;
}

cxm_status cxm_survey_report_nps_interval(cxm_nps_ci *out, const cxm_survey_report *report, int method)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_CI_VERSION, "cxm_nps_ci")) < 0)
		return rc;
	if (method != CXM_NPS_WALD && method != CXM_NPS_ADJUSTED_WALD)
		return cxm__fail(CXM_EBAD_ARG, "method is %d; use CXM_NPS_ADJUSTED_WALD (0) or CXM_NPS_WALD (1)",
				 method);
	if ((rc = need(report, CXM_SURVEY_NPS)) < 0)
		return rc;
	*out = method == CXM_NPS_WALD ? report->wald : report->adjusted_wald;
	return CXM_OK;
}

cxm_status cxm_survey_report_csat(cxm_csat_result *out, const cxm_survey_report *report)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CSAT_RESULT_VERSION, "cxm_csat_result")) < 0 ||
	    (rc = need(report, CXM_SURVEY_CSAT)) < 0)
		return rc;
	*out = report->csat;
	return CXM_OK;
}

cxm_status cxm_survey_report_ces(cxm_ces_result *out, const cxm_survey_report *report)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = need(report, CXM_SURVEY_CES)) < 0)
		return rc;
	*out = report->ces;
	return CXM_OK;
}
