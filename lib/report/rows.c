/*
 * lib/report/rows.c - one row of the input into its cell (cells.h).
 *
 * A row is checked whole before anything of it is counted: its answers
 * (a number, a no-answer code, missing, on the scale, a whole point), its
 * time, its group values, its support times. The first bad field, in the
 * order of the items and then of the other columns, is the row's error;
 * the messages are those the report has always given for answers (file,
 * line, column, value). Under skip_bad the row is left out and counted by
 * reason instead (spec §18.8). Rows are read in file order within a
 * worker, and the reader reports the earliest failing row of the file, so
 * the error is the first bad row in the file whatever the thread count.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "cells.h"
#include "io/io_internal.h"
#include "scores/scores_internal.h"

#define KEEP (CXM__QUOTE_MAX + 1) /* bytes of an answer's text quoted in messages (as before) */

/* What became of one answer. */
enum { ANSWER, MISSING, NO_ANSWER };

/* Whether a quoted answer has more than blanks: a missing answer that does
 * is a no-answer code. */
static int has_text(const char *text)
{
	return text[strspn(text, " \t")] != '\0';
}

static int is_code(const double *na, size_t n_na, double v)
{
	size_t i;
	for (i = 0; i < n_na; i++)
		if (na[i] == v)
			return 1;
	return 0;
}

/* A bad row: skipped and counted under skip_bad (1), else the message (code). */
static int bad(cxm__worker *w, int reason, int code)
{
	if (w->r->g.skip_bad) {
		w->skipped[reason]++;
		return 1;
	}
	return code;
}

/* What an answer is checked against: its column, its scale, its codes. */
typedef struct answer_rules {
	const char *column;
	size_t index;       /* the column's position */
	const char *scale;  /* the scale's name in messages ("NPS", "CXi") */
	int lo, hi;
	const double *na;   /* no-answer codes */
	size_t n_na;
} answer_rules;

static int answer(cxm__worker *w, int *what, double *v, const answer_rules *it, const char *s, size_t len,
		  size_t line, char *msg, size_t cap);

/* One answer of item k: *what and *v, or a bad row. */
static int check_answer(cxm__worker *w, int *what, double *v, size_t k, const char *s, size_t len, size_t line,
			char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	const cxm__item *item = &r->items[k];
	const cxm__metric_cfg *m = &r->m[item->metric];
	answer_rules rules = { item->column, item->index, cxm__survey_metrics[item->metric]->name, m->lo, m->hi,
			       m->na, m->n_na };
	return answer(w, what, v, &rules, s, len, line, msg, cap);
}

/* One answer under its rules: *what and *v, or a bad row. */
static int answer(cxm__worker *w, int *what, double *v, const answer_rules *it, const char *s, size_t len,
		  size_t line, char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	char text[CXM__QUOTE_MAX + 4], name[CXM__QUOTE_MAX + 4];
	size_t col = it->index + 1;
	int rc = cxm__parse_decimal(v, s, len, '.');
	if (rc == -2)
		return cxm__snprintf_c(msg, cap, "%s:%zu:%zu: out of memory reading a number of %zu bytes", r->path,
				       line, col, len), CXM_ENOMEM;
	if (rc <= 0) {
		cxm__quote_text(text, sizeof text, s, len);
		cxm__quote_text(name, sizeof name, it->column, strlen(it->column));
		if (rc < 0)
			cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': '%s' is too large for a number (a double ends near "
					"1.8e308)", r->path, line, col, name, text);
		else
			cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': '%s' is not a number (digits with an optional sign, "
					"decimal point and exponent, as -1.5e3)", r->path, line, col, name, text);
		return rc < 0 ? bad(w, CXM_SURVEY_SKIP_OFF_SCALE, CXM_EOUT_OF_RANGE)
			      : bad(w, CXM_SURVEY_SKIP_NOT_A_NUMBER, CXM_EPARSE);
	}
	*what = ANSWER;
	if (!isnan(*v) && is_code(it->na, it->n_na, *v)) {
		if (r->nan_policy == CXM_NAN_OMIT) {
			*what = NO_ANSWER;
			return CXM_OK;
		}
		*v = NAN;
	} else if (isnan(*v) && r->nan_policy == CXM_NAN_OMIT) {
		*what = MISSING;
		return CXM_OK;
	}
	if (isnan(*v) || !(*v >= it->lo && *v <= it->hi) || *v != floor(*v))
		cxm__quote_text(text, sizeof text, s, len > KEEP ? KEEP : len); /* for a message below */
	if (isnan(*v)) { /* not skippable: the caller chose to stop at missing answers */
		cxm__snprintf_c(msg, cap,
				"%s:%zu:%zu '%s': missing answer%s%s%s while nan_policy is error "
				"(use omit to skip missing answers)",
				r->path, line, col, it->column, text[0] ? " ('" : " (empty field)", text,
				!text[0] ? "" : has_text(text) ? "', a no-answer code)" : "')");
		return CXM_ENAN;
	}
	if (!(*v >= it->lo && *v <= it->hi)) {
		cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': value %s is outside %d..%d (the %s scale)%s", r->path, line,
				col, it->column, text, it->lo, it->hi, it->scale, it->n_na ? " and is no no-answer code" : "");
		return bad(w, CXM_SURVEY_SKIP_OFF_SCALE, CXM_EOUT_OF_RANGE);
	}
	if (*v != floor(*v)) {
		cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': value %s is not a whole point of the %s scale %d..%d",
				r->path, line, col, it->column, text, it->scale, it->lo, it->hi);
		return bad(w, CXM_SURVEY_SKIP_OFF_SCALE, CXM_ENON_INTEGER);
	}
	return CXM_OK;
}

/* A timestamp: Unix seconds and whether it was a date; 0 when it is none. */
static int timestamp(const cxm__worker *w, double *sec, int *is_date, const char *s, size_t len)
{
	if (w->from_table && len > 1 && s[0] == '@') { /* a NUMBER column of a table: Unix seconds */
		*is_date = 0;
		if (cxm__parse_decimal(sec, s + 1, len - 1, '.') > 0 && isfinite(*sec))
			return 1;
		cxm__fail(CXM_EPARSE, "%s is not a time in Unix seconds", s + 1); /* not_timestamp's why */
		return 0;
	}
	return cxm__timestamp_parse_n(s, len, sec, is_date) == CXM_OK;
}

static int bad_time(cxm__worker *w, size_t line, size_t index, const char *column, const char *s, size_t len,
		    const char *why, char *msg, size_t cap)
{
	char text[CXM__QUOTE_MAX + 4];
	cxm__quote_text(text, sizeof text, s, len);
	cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': '%s' %s", w->r->path, line, index + 1, column, text, why);
	return bad(w, CXM_SURVEY_SKIP_BAD_TIMESTAMP, CXM_EPARSE);
}

/* A field that is no timestamp: the timestamp parser's own message (on this
 * thread: it says why), after the file, line and column. */
static int not_timestamp(cxm__worker *w, size_t line, size_t index, const char *column, char *msg, size_t cap)
{
	const cxm_error *e = cxm_error_last();
	const char *why = e->message, *name = cxm_error_name(e->code);
	size_t n = strlen(name);
	if (strncmp(why, name, n) == 0 && strncmp(why + n, ": ", 2) == 0)
		why += n + 2; /* the code's name: the report's message gets its own */
	cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': %s", w->r->path, line, index + 1, column, why);
	return bad(w, CXM_SURVEY_SKIP_BAD_TIMESTAMP, CXM_EPARSE);
}

/* The period of the row, or a bad row. */
static int period_of(cxm__worker *w, double *period, const char *const *field, const size_t *len, size_t line,
		     char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	size_t i = r->time_index;
	double sec, day;
	int is_date;
	if (!timestamp(w, &sec, &is_date, field[i], len[i]))
		return not_timestamp(w, line, i, r->g.time, msg, cap);
	/* a date is its own day at any offset; a date-time is seen at the offset */
	day = cxm__timestamp_day(sec, is_date, r->g.utc_offset);
	if (day != w->last_day) { /* rows come in runs of one day: its period once */
		w->last_day = day;
		w->last_period = cxm__period_start((long)day, r->g.period);
	}
	*period = w->last_period;
	return CXM_OK;
}

/* Support times of the row: d[0] first response, d[1] resolution (NaN: open). */
static int times_of(cxm__worker *w, double d[CXM__TIMES], const char *const *field, const size_t *len,
		    size_t line, char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	const char *names[3] = { r->g.created, r->g.first_reply, r->g.resolved };
	double sec[3];
	int k, is_date;
	for (k = 0; k < 3; k++) {
		size_t i = r->times_index[k];
		const char *s = field[i];
		size_t n = len[i];
		sec[k] = NAN;
		if (!names[k])
			continue;
		if (n == 0 || !has_text(s)) {
			if (k == 0)
				return bad_time(w, line, i, names[k], s, n, "is empty: a ticket needs its creation time", msg,
						cap);
			continue; /* unanswered / unresolved */
		}
		if (!timestamp(w, &sec[k], &is_date, s, n))
			return not_timestamp(w, line, i, names[k], msg, cap);
		if (k > 0 && sec[k] < sec[0])
			return bad_time(w, line, i, names[k], s, n, "is before the ticket was created", msg, cap);
	}
	d[0] = sec[1] - sec[0];
	d[1] = sec[2] - sec[0];
	return CXM_OK;
}

/* A comment with more than blanks is a comment (as the themes module counts them). */
static int is_comment(const char *s)
{
	return s[strspn(s, " \t\r\n\f\v")] != '\0';
}

/* The themes of the row's comment into w->hits; *commented when there is one. */
static int themes_of(cxm__worker *w, int *commented, const char *const *field, const size_t *len, size_t line,
		     char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	size_t i = r->comment_index;
	(void)len;
	*commented = is_comment(field[i]);
	if (!*commented)
		return CXM_OK;
	if (!w->hits && !(w->hits = cxm__calloc(r->n_themes, 1))) {
		cxm__snprintf_c(msg, cap, "survey report: out of memory");
		return CXM_ENOMEM;
	}
	if (cxm_themes_match(w->hits, r->n_themes, r->g.themes, field[i]) < 0) {
		const cxm_error *e = cxm_error_last();
		const char *why = e->message, *name = cxm_error_name(e->code);
		size_t n = strlen(name);
		if (strncmp(why, name, n) == 0 && strncmp(why + n, ": ", 2) == 0)
			why += n + 2;
		cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': %s", r->path, line, i + 1, r->g.comment, why);
		return bad(w, CXM_SURVEY_SKIP_INVALID_UTF8, e->code);
	}
	return CXM_OK;
}

/* A comment's themes into its cell: comments and mentions, and the
 * answer of the theme item (when there is one) in the commenters' and each
 * mentioned theme's histogram. */
static void count_themes(cxm__worker *w, cxm__cell *cell, int what, double v)
{
	const cxm_survey_report *r = w->r;
	size_t t, p = 0;
	int scored = what == ANSWER;
	if (scored) {
		p = (size_t)((int)v - r->m[r->items[r->theme_item].metric].lo);
		cell->theme_counts[p]++;
	}
	cell->theme_n[0]++;
	for (t = 0; t < r->n_themes; t++) {
		if (!w->hits[t])
			continue;
		cell->theme_n[1 + t]++;
		if (scored)
			cell->theme_counts[(1 + t) * r->theme_points + p]++;
	}
}

/* The CX pyramid's three answers (spec §25): their classes' histogram cell
 * (scores_internal.h), or a bad row. A missing answer (under omit) is the
 * class NA: it leaves that question's denominator. */
static int pyramid_of(cxm__worker *w, size_t *cell, const char *const *field, const size_t *len, size_t line,
		      char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	const cxm__grouped_cfg *g = &r->g;
	size_t q, c = 0;
	int rc;
	for (q = 0; q < 3; q++) {
		size_t i = r->pyr_index[q];
		answer_rules rules = { g->pyr[q], i, "CXi", g->pyr_lo, g->pyr_hi, NULL, 0 };
		double v;
		int what;
		if ((rc = answer(w, &what, &v, &rules, field[i], len[i], line, msg, cap)) != 0)
			return rc;
		c = c * 4 + (size_t)(what == ANSWER ? cxm__cxi_class(v, g->pyr_high, g->pyr_low) : CXM__CXI_NA);
	}
	*cell = c;
	return CXM_OK;
}

int cxm__survey_row(cxm__worker *w, const char *const *field, const size_t *len, size_t line, char *msg, size_t cap)
{
	const cxm_survey_report *r = w->r;
	double value[CXM__SURVEY_METRICS * CXM_SURVEY_COLUMNS_MAX], period = NAN, d[CXM__TIMES] = { NAN, NAN };
	int what[CXM__SURVEY_METRICS * CXM_SURVEY_COLUMNS_MAX];
	size_t k, g, used = 0, pyr_cell = 0;
	cxm__cell *cell;
	int rc, commented = 0;
	w->rows++;
	for (k = 0; k < r->n_items; k++) {
		size_t i = r->items[k].index;
		if ((rc = check_answer(w, &what[k], &value[k], k, field[i], len[i], line, msg, cap)) != 0)
			return rc;
	}
	if (r->g.pyr[0] && (rc = pyramid_of(w, &pyr_cell, field, len, line, msg, cap)) != 0)
		return rc;
	if (r->g.time && (rc = period_of(w, &period, field, len, line, msg, cap)) != 0)
		return rc;
	if (r->g.created && (rc = times_of(w, d, field, len, line, msg, cap)) != 0)
		return rc;
	if (r->n_themes && (rc = themes_of(w, &commented, field, len, line, msg, cap)) != 0)
		return rc;
	for (g = 0; g < r->g.n_groups; g++) {
		size_t i = r->group_index[g];
		if (strcmp(field[i], CXM__ALL) == 0) {
			cxm__snprintf_c(msg, cap, "%s:%zu:%zu '%s': the group value '(all)' is the name of the total rows; "
					"rename it in the data", r->path, line, i + 1, r->g.group[g]);
			return CXM_EBAD_ARG;
		}
		if (used + len[i] + 1 > w->key_cap) {
			size_t c = 2 * (used + len[i] + 1) + 64;
			char *key = cxm__realloc(w->key, c);
			if (!key)
				return cxm__snprintf_c(msg, cap, "survey report: out of memory"), CXM_ENOMEM;
			w->key = key;
			w->key_cap = c;
		}
		memcpy(w->key + used, field[i], len[i] + 1);
		used += len[i] + 1;
	}
	if ((rc = cxm__worker_cell(&cell, w, w->key ? w->key : "", used, period)) < 0) {
		cxm__snprintf_c(msg, cap, "%s", cxm_error_last()->message);
		return rc;
	}
	cell->rows++;
	for (k = 0; k < r->n_items; k++) {
		int wk = what[k];
		double v = value[k];
		if (wk == MISSING)
			cell->miss[k]++;
		else if (wk == NO_ANSWER)
			cell->miss[r->n_items + k]++;
		else
			cell->counts[r->item_offset[k] + (size_t)((int)v - r->m[r->items[k].metric].lo)]++;
	}
	if (r->g.pyr[0])
		cell->counts[r->pyr_offset + pyr_cell]++;
	if (commented)
		count_themes(w, cell, what[r->theme_item], value[r->theme_item]);
	if (r->g.drivers) {
		double outcome = NAN;
		if (r->outcome_item != (size_t)-1) {
			if (what[r->outcome_item] == ANSWER)
				outcome = value[r->outcome_item];
		} else if (cxm__parse_decimal(&outcome, field[r->outcome_index], len[r->outcome_index], '.') <= 0) {
			outcome = NAN; /* not a number: missing, dropped and counted by the fit */
		}
		if ((rc = cxm__driver_rows_add(w, line, outcome, field, len)) < 0) {
			cxm__snprintf_c(msg, cap, "%s", cxm_error_last()->message);
			return rc;
		}
	}
	for (k = 0; k < CXM__TIMES; k++) {
		if (k == 1 && !r->g.resolved)
			break;
		if (!r->g.created)
			break;
		if (isnan(d[k]))
			cell->t[k].open++;
		else if ((rc = cxm__durations_add(&cell->t[k], d[k])) < 0) {
			cxm__snprintf_c(msg, cap, "%s", cxm_error_last()->message);
			return rc;
		}
	}
	return CXM_OK;
}
