/*
 * lib/report/render.c - a survey report as an aligned text table or as JSON.
 *
 * Text rounds for reading (one decimal); JSON carries every number at full
 * precision, for programs.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "io/io_internal.h"
#include "report_internal.h"

/* ---- text ------------------------------------------------------------------ */

/* A growing string; the first failure sticks and later appends do nothing. */
typedef struct strbuf {
	char *buf;
	size_t len, cap;
	int rc;
} strbuf;

static void sb_printf(strbuf *sb, const char *fmt, ...) CXM__PRINTF(2, 3);

static void sb_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (sb->rc < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf ? sb->buf + sb->len : NULL, sb->buf ? sb->cap - sb->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->rc = cxm__fail(CXM_EBAD_ARG, "render: cannot format the text report");
		return;
	}
	if (sb->buf == NULL || (size_t)n >= sb->cap - sb->len) {
		size_t cap = sb->cap ? sb->cap : 1024;
		char *p;
		while (cap - sb->len <= (size_t)n)
			cap *= 2;
		if (!(p = cxm__realloc(sb->buf, cap))) {
			sb->rc = cxm__fail(CXM_ENOMEM, "render: out of memory for a %zu-byte report", cap);
			return;
		}
		sb->buf = p;
		sb->cap = cap;
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

/* One table row: a label, a right-aligned value, and a comment (may be ""). */
static void row(strbuf *sb, const char *label, const char *value, const char *comment)
{
	sb_printf(sb, "  %-24s %15s%s%s\n", label, value, comment[0] ? "  " : "", comment);
}

static void row_count(strbuf *sb, const char *label, size_t count, const char *comment)
{
	char v[32];
	snprintf(v, sizeof v, "%zu", count);
	row(sb, label, v, comment);
}

static void row_count_pct(strbuf *sb, const char *label, size_t count, double pct)
{
	char c[32];
	snprintf(c, sizeof c, "%5.1f%%", pct);
	row_count(sb, label, count, c);
}

static void missing_row(strbuf *sb, const cxm_survey_report *r, int k)
{
	row_count(sb, "missing (empty)", r->m[k].missing,
		  r->nan_policy == CXM_NAN_OMIT ? "skipped" : "");
}

/* A confidence interval row; pct adds % signs, sign adds + signs. */
static void row_ci(strbuf *sb, const char *conf, const char *method, double lo, double hi,
		   int pct, const char *comment)
{
	char label[64], v[64];
	snprintf(label, sizeof label, "%s CI, %s", conf, method);
	if (pct)
		snprintf(v, sizeof v, "[%.1f%%, %.1f%%]", lo, hi);
	else
		snprintf(v, sizeof v, "[%+.1f, %+.1f]", lo, hi);
	row(sb, label, v, comment);
}

static void text_nps(strbuf *sb, const cxm_survey_report *r, const char *conf)
{
	const cxm_nps_result *n = &r->nps;
	const cxm_nps_ci *w = &r->wald, *a = &r->adjusted_wald;
	char v[32], label[64], comment[96];
	sb_printf(sb, "NPS - Net Promoter Score (column '%s', answers %d-10)\n",
		  r->m[CXM_SURVEY_NPS].column, r->m[CXM_SURVEY_NPS].lo);
	row_count(sb, "answers", n->n, "");
	missing_row(sb, r, CXM_SURVEY_NPS);
	row_count_pct(sb, "promoters (9-10)", n->promoters, n->pct_promoters);
	row_count_pct(sb, "passives (7-8)", n->passives, n->pct_passives);
	snprintf(label, sizeof label, "detractors (%d-6)", r->m[CXM_SURVEY_NPS].lo);
	row_count_pct(sb, label, n->detractors, n->pct_detractors);
	snprintf(v, sizeof v, "%+.1f", n->nps);
	row(sb, "NPS", v, "% promoters - % detractors, -100..+100");
	snprintf(comment, sizeof comment, "se %.2f, margin %.2f", w->se, w->moe);
	row_ci(sb, conf, "Wald", w->lower, w->upper, 0, comment);
	snprintf(comment, sizeof comment, "se %.2f, margin %.2f, centre %+.1f", a->se, a->moe, a->nps_adj);
	row_ci(sb, conf, "adjusted-Wald", a->lower, a->upper, 0, comment);
}

static void text_csat(strbuf *sb, const cxm_survey_report *r, const char *conf)
{
	const cxm_csat_result *c = &r->csat;
	const cxm__survey_metric *m = &r->m[CXM_SURVEY_CSAT];
	char v[32], label[64], sd[32];
	sb_printf(sb, "CSAT - Customer Satisfaction (column '%s', answers %d-%d)\n", m->column, m->lo, m->hi);
	row_count(sb, "answers", c->n, "");
	missing_row(sb, r, CXM_SURVEY_CSAT);
	if (c->threshold == m->hi)
		snprintf(label, sizeof label, "satisfied (%d)", c->threshold);
	else
		snprintf(label, sizeof label, "satisfied (%d-%d)", c->threshold, m->hi);
	row_count_pct(sb, label, c->n_satisfied, c->pct_satisfied);
	row_ci(sb, conf, "Wilson", c->wilson_lower, c->wilson_upper, 1, "");
	snprintf(v, sizeof v, "%.2f", c->mean);
	if (isnan(c->sd))
		snprintf(sd, sizeof sd, "sd n/a (one answer)");
	else
		snprintf(sd, sizeof sd, "sd %.2f", c->sd);
	row(sb, "mean answer", v, sd);
}

static void text_ces(strbuf *sb, const cxm_survey_report *r, const char *conf)
{
	const cxm_ces_result *c = &r->ces;
	char v[32], label[64];
	int agree_from = c->points == 5 ? 4 : 5;
	sb_printf(sb, "CES - Customer Effort Score (column '%s', answers 1-%d, %d = easiest)\n",
		  r->m[CXM_SURVEY_CES].column, c->points, c->points);
	row_count(sb, "answers", c->n, "");
	missing_row(sb, r, CXM_SURVEY_CES);
	snprintf(label, sizeof label, "agree it was easy (%d-%d)", agree_from, c->points);
	row_count_pct(sb, label, c->n_agree, c->pct_agree);
	row_ci(sb, conf, "Wilson", c->wilson_lower, c->wilson_upper, 1, "");
	snprintf(v, sizeof v, "%.2f", c->mean);
	row(sb, "mean answer", v, "");
}

static int render_text(char **out, const cxm_survey_report *r)
{
	strbuf sb = { NULL, 0, 0, CXM_OK };
	char conf[32];
	int k;
	snprintf(conf, sizeof conf, "%g%%", 100.0 * r->conf);
	sb_printf(&sb, "Survey report: %s\n", r->path);
	sb_printf(&sb, "%zu data row%s; intervals at %s confidence\n", r->rows, r->rows == 1 ? "" : "s",
		  conf);
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		if (!r->m[k].computed)
			continue;
		sb_printf(&sb, "\n");
		if (k == CXM_SURVEY_NPS)
			text_nps(&sb, r, conf);
		else if (k == CXM_SURVEY_CSAT)
			text_csat(&sb, r, conf);
		else
			text_ces(&sb, r, conf);
	}
	for (k = 0; k < CXM__SURVEY_METRICS; k++)
		if (r->m[k].column && !r->m[k].computed)
			sb_printf(&sb, "\nnote: %s skipped: there is no column '%s' in the file\n",
				  cxm__survey_metric_name(k), r->m[k].column);
	if (sb.rc < 0) {
		cxm__free(sb.buf);
		return sb.rc;
	}
	*out = sb.buf;
	return CXM_OK;
}

/* ---- JSON ------------------------------------------------------------------ */

static int json_interval(cxm__json *parent, const char *key, const cxm_nps_ci *ci, int adjusted)
{
	cxm__json *o;
	int rc;
	if ((rc = cxm__json_add_object(&o, parent, key)) < 0)
		return rc;
	if (adjusted && ((rc = cxm__json_add_number(o, "nps_adj", ci->nps_adj)) < 0 ||
			 (rc = cxm__json_add_number(o, "n_adj", ci->n_adj)) < 0))
		return rc;
	if ((rc = cxm__json_add_number(o, "lower", ci->lower)) < 0 ||
	    (rc = cxm__json_add_number(o, "upper", ci->upper)) < 0 ||
	    (rc = cxm__json_add_number(o, "se", ci->se)) < 0 ||
	    (rc = cxm__json_add_number(o, "moe", ci->moe)) < 0 ||
	    (rc = cxm__json_add_number(o, "z", ci->z)) < 0)
		return rc;
	return CXM_OK;
}

static int json_nps(cxm__json *root, const cxm_survey_report *r)
{
	const cxm_nps_result *n = &r->nps;
	cxm__json *o;
	int rc;
	if ((rc = cxm__json_add_object(&o, root, "nps")) < 0 ||
	    (rc = cxm__json_add_string(o, "column", r->m[CXM_SURVEY_NPS].column)) < 0 ||
	    (rc = cxm__json_add_string(o, "scale", r->nps_scale == CXM_NPS_1_10 ? "1-10" : "0-10")) < 0 ||
	    (rc = cxm__json_add_number(o, "n", (double)n->n)) < 0 ||
	    (rc = cxm__json_add_number(o, "promoters", (double)n->promoters)) < 0 ||
	    (rc = cxm__json_add_number(o, "passives", (double)n->passives)) < 0 ||
	    (rc = cxm__json_add_number(o, "detractors", (double)n->detractors)) < 0 ||
	    (rc = cxm__json_add_number(o, "pct_promoters", n->pct_promoters)) < 0 ||
	    (rc = cxm__json_add_number(o, "pct_passives", n->pct_passives)) < 0 ||
	    (rc = cxm__json_add_number(o, "pct_detractors", n->pct_detractors)) < 0 ||
	    (rc = cxm__json_add_number(o, "nps", n->nps)) < 0 ||
	    (rc = json_interval(o, "wald", &r->wald, 0)) < 0 ||
	    (rc = json_interval(o, "adjusted_wald", &r->adjusted_wald, 1)) < 0)
		return rc;
	return CXM_OK;
}

static int json_csat(cxm__json *root, const cxm_survey_report *r)
{
	const cxm_csat_result *c = &r->csat;
	const cxm__survey_metric *m = &r->m[CXM_SURVEY_CSAT];
	cxm__json *o;
	int rc;
	if ((rc = cxm__json_add_object(&o, root, "csat")) < 0 ||
	    (rc = cxm__json_add_string(o, "column", m->column)) < 0 ||
	    (rc = cxm__json_add_number(o, "scale_lo", m->lo)) < 0 ||
	    (rc = cxm__json_add_number(o, "scale_hi", m->hi)) < 0 ||
	    (rc = cxm__json_add_number(o, "n", (double)c->n)) < 0 ||
	    (rc = cxm__json_add_number(o, "threshold", c->threshold)) < 0 ||
	    (rc = cxm__json_add_number(o, "n_satisfied", (double)c->n_satisfied)) < 0 ||
	    (rc = cxm__json_add_number(o, "pct_satisfied", c->pct_satisfied)) < 0 ||
	    (rc = cxm__json_add_number(o, "mean", c->mean)) < 0 ||
	    (rc = cxm__json_add_number(o, "sd", c->sd)) < 0 ||
	    (rc = cxm__json_add_number(o, "wilson_lower", c->wilson_lower)) < 0 ||
	    (rc = cxm__json_add_number(o, "wilson_upper", c->wilson_upper)) < 0)
		return rc;
	return CXM_OK;
}

static int json_ces(cxm__json *root, const cxm_survey_report *r)
{
	const cxm_ces_result *c = &r->ces;
	cxm__json *o;
	int rc;
	if ((rc = cxm__json_add_object(&o, root, "ces")) < 0 ||
	    (rc = cxm__json_add_string(o, "column", r->m[CXM_SURVEY_CES].column)) < 0 ||
	    (rc = cxm__json_add_number(o, "points", c->points)) < 0 ||
	    (rc = cxm__json_add_number(o, "n", (double)c->n)) < 0 ||
	    (rc = cxm__json_add_number(o, "n_agree", (double)c->n_agree)) < 0 ||
	    (rc = cxm__json_add_number(o, "pct_agree", c->pct_agree)) < 0 ||
	    (rc = cxm__json_add_number(o, "mean", c->mean)) < 0 ||
	    (rc = cxm__json_add_number(o, "wilson_lower", c->wilson_lower)) < 0 ||
	    (rc = cxm__json_add_number(o, "wilson_upper", c->wilson_upper)) < 0)
		return rc;
	return CXM_OK;
}

static int json_body(cxm__json *root, const cxm_survey_report *r)
{
	static int (*const metric_fn[CXM__SURVEY_METRICS])(cxm__json *, const cxm_survey_report *) = {
		json_nps, json_csat, json_ces
	};
	cxm__json *missing, *notes;
	char note[512];
	int k, rc;
	if ((rc = cxm__json_add_string(root, "file", r->path)) < 0 ||
	    (rc = cxm__json_add_number(root, "rows", (double)r->rows)) < 0 ||
	    (rc = cxm__json_add_number(root, "conf", r->conf)) < 0 ||
	    (rc = cxm__json_add_string(root, "nan_policy", r->nan_policy == CXM_NAN_OMIT ? "omit" : "error")) < 0)
		return rc;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		rc = r->m[k].computed ? metric_fn[k](root, r)
				      : cxm__json_add_null(root, cxm__survey_metric_key(k));
		if (rc < 0)
			return rc;
	}
	if ((rc = cxm__json_add_object(&missing, root, "missing")) < 0)
		return rc;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		rc = r->m[k].computed
			     ? cxm__json_add_number(missing, cxm__survey_metric_key(k), (double)r->m[k].missing)
			     : cxm__json_add_null(missing, cxm__survey_metric_key(k));
		if (rc < 0)
			return rc;
	}
	if ((rc = cxm__json_add_array(&notes, root, "notes")) < 0)
		return rc;
	for (k = 0; k < CXM__SURVEY_METRICS; k++) {
		if (!r->m[k].column || r->m[k].computed)
			continue;
		snprintf(note, sizeof note, "%s skipped: there is no column '%s' in the file",
			 cxm__survey_metric_name(k), r->m[k].column);
		if ((rc = cxm__json_append_string(notes, note)) < 0)
			return rc;
	}
	return CXM_OK;
}

static int render_json(char **out, const cxm_survey_report *r)
{
	cxm__json *root = NULL;
	int rc;
	if ((rc = cxm__json_new_object(&root)) < 0)
		return rc;
	if ((rc = json_body(root, r)) == CXM_OK)
		rc = cxm__json_print(out, root);
	cxm__json_free(root);
	return rc;
}

cxm_status cxm_survey_report_render(char **out, const cxm_survey_report *report, const char *format)
{
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "char **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(report, "report")) < 0 || (rc = cxm__check_ptr(format, "format")) < 0)
		return rc;
	if (strcmp(format, "text") == 0)
		return render_text(out, report);
	if (strcmp(format, "json") == 0)
		return render_json(out, report);
	return cxm__fail(CXM_EBAD_ARG, "unknown format '%.40s'; use \"text\" or \"json\"", format);
}
