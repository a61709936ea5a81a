/*
 * lib/clvmodel/tables.c - fits and predictions on customer summary tables
 * (clvmodel.h: cxm_clv_fit_table, cxm_clv_predict_table): the columns a
 * model reads come from its descriptor and are found by their names in the
 * names table, so the CLI and the bindings need no list of their own.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "models.h"
#include "names.h"
#include "io/io_internal.h"

/* The summary column of a cxm_clv_column by its word, as numbers: *values
 * (NULL for a table of 0 rows) and CXM_OK; when the table lacks it, CXM_OK
 * with *found 0 if `optional`, else BAD_ARG naming the table's columns. */
static int column_of(const double **values, int *found, const cxm_table *summary, int column, int optional)
{
	const char *name = cxm__names_word(&cxm__clv_column_names, column);
	size_t idx;
	int rc, type;
	*values = NULL;
	*found = 0;
	if (cxm_table_column_index(&idx, summary, name) < 0) {
		if (optional)
			return CXM_OK;
		return cxm__error_context("summary");
	}
	if ((rc = cxm_table_column_type(&type, summary, idx)) < 0)
		return rc;
	if (type != CXM_TABLE_NUMBER)
		return cxm__fail(CXM_EBAD_ARG, "summary: column '%s' is not a column of numbers", name);
	*values = cxm_table_numbers(summary, idx);
	*found = 1;
	return CXM_OK;
}

/* The columns of the model's mask `columns` into col[cxm_clv_column]
 * (absent optional ones NULL, with *has_weights 0). */
static int columns_of(const double **col, int *has, const cxm_table *summary, unsigned int columns,
		      unsigned int optional)
{
	int c, rc;
	for (c = 0; c <= CXM_CLV_HOLDOUT_MONETARY_VALUE; c++) {
		col[c] = NULL;
		has[c] = 0;
		if ((columns & CXM_CLV_BIT(c)) &&
		    (rc = column_of(&col[c], &has[c], summary, c, (optional & CXM_CLV_BIT(c)) != 0)) < 0)
			return rc;
	}
	return CXM_OK;
}

#define N_COLUMNS (CXM_CLV_HOLDOUT_MONETARY_VALUE + 1)

/* The summary's id column ("id", or "ID" as Hardie's and lifetimes' CDNOW
 * files write it): its index, or -1. */
static long id_column(const cxm_table *summary)
{
	static const char *const names[] = { "id", "ID" };
	size_t k, idx;
	for (k = 0; k < sizeof names / sizeof *names; k++)
		if (cxm_table_column_index(&idx, summary, names[k]) == CXM_OK)
			return (long)idx;
	return -1;
}

/* The id of row i of column c, for a message: a quoted text, or a number. */
static void id_text(char *dst, size_t cap, const cxm_table *t, size_t c, size_t i)
{
	const char *const *texts;
	int type;
	if (cxm_table_column_type(&type, t, c) == CXM_OK && type == CXM_TABLE_TEXT &&
	    (texts = cxm_table_texts(t, c)) != NULL && texts[i] != NULL)
		cxm__quote_text(dst, cap, texts[i], strlen(texts[i]));
	else
		cxm__snprintf_c(dst, cap, "%.17g", cxm_table_numbers(t, c)[i]);
}

/* The last error's message without its "NAME: " prefix (cxm__fail writes it again). */
static const char *last_detail(void)
{
	const cxm_error *e = cxm_error_last();
	const char *name = cxm_error_name(e->code);
	size_t len = strlen(name);
	if (strncmp(e->message, name, len) == 0 && e->message[len] == ':' && e->message[len + 1] == ' ')
		return e->message + len + 2;
	return e->message;
}

/*
 * A fit of a summary with ids failed with rc: when the message is about one
 * row (the fits name rows as "frequency[17]", "weights[17]", ...), put the
 * customer's id before it (spec §8.15): "customer 'bob' (row 18 of the
 * summary): frequency[17] = 2.5 must be ...". Otherwise rc as it is.
 */
static int name_fit_row(int rc, const cxm_table *summary, size_t n)
{
	char msg[512], id[160];
	const char *p;
	long c;
	size_t i;
	if (rc == CXM_ENOMEM || rc == CXM_ECANCELLED)
		return rc;
	cxm__snprintf_c(msg, sizeof msg, "%s", last_detail()); /* before a look-up sets another error */
	if ((c = id_column(summary)) < 0)
		return cxm__fail(rc, "%s", msg);
	/* the first "[digits]" right after a column's name */
	for (p = strchr(msg, '['); p != NULL; p = strchr(p + 1, '[')) {
		char *end;
		if (p == msg || p[1] < '0' || p[1] > '9')
			continue;
		i = (size_t)strtoull(p + 1, &end, 10);
		if (*end != ']' || i >= n)
			continue;
		id_text(id, sizeof id, summary, (size_t)c, i);
		return cxm__fail(rc, "customer '%s' (row %zu of the summary): %s", id, i + 1, msg);
	}
	return cxm__fail(rc, "%s", msg);
}

cxm_status cxm_clv_fit_table(cxm_clv_fit_result *out, int model, const cxm_table *summary,
			     const cxm_clv_fit_opts *opts)
{
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT;
	const double *col[N_COLUMNS];
	int has[N_COLUMNS], rc;
	size_t n, nw;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0 ||
	    (rc = cxm__check_ptr(summary, "summary")) < 0 || (rc = cxm_clv_model_describe(&info, model)) < 0 ||
	    (rc = columns_of(col, has, summary, info.columns, info.optional)) < 0)
		return rc;
	n = cxm_table_rows(summary);
	nw = has[CXM_CLV_WEIGHTS] ? n : 0;
	switch (model) {
	case CXM_CLV_GG:
		rc = cxm_clv_fit_gamma_gamma(out, col[CXM_CLV_FREQUENCY], n, col[CXM_CLV_MONETARY_VALUE], n, opts);
		break;
	case CXM_CLV_BGBB:
		rc = cxm_clv_fit_bgbb(out, col[CXM_CLV_FREQUENCY], n, col[CXM_CLV_RECENCY], n, col[CXM_CLV_N_PERIODS],
				      n, col[CXM_CLV_WEIGHTS], nw, opts);
		break;
	case CXM_CLV_SBG:
		rc = cxm_clv_fit_sbg(out, col[CXM_CLV_SURVIVORS], n, opts);
		break;
	default:
		rc = cxm_clv_fit(out, model, col[CXM_CLV_FREQUENCY], n, col[CXM_CLV_RECENCY], n, col[CXM_CLV_T], n,
				 col[CXM_CLV_WEIGHTS], nw, opts);
		break;
	}
	return rc < 0 ? name_fit_row(rc, summary, n) : rc;
}

/* ---- predictions --------------------------------------------------------------------------- */

/* The summary's time units in a month from its "period" attribute, when
 * the caller left periods_per_month to us (NaN or 0). */
static int periods_per_month_of(double *ppm, const cxm_table *summary)
{
	const char *word = NULL;
	int period, rc;
	if (cxm_table_get_attr_text(&word, summary, "period") < 0)
		return cxm__fail(CXM_EBAD_ARG, "periods_per_month is left to the summary (%s), which has no "
				 "\"period\" attribute: give the summary's time units in a month "
				 "(cxm_clv_periods_per_month: 4.345 for weeks, 30.4375 for days, 1 for months)",
				 isnan(*ppm) ? "NaN" : "0");
	if ((rc = cxm__names_parse(&period, &cxm__clv_period_names, word, "the summary's period")) < 0)
		return rc;
	return cxm_clv_periods_per_month(ppm, period);
}

/* Column "id" of the output: the summary's "id" (or "ID", as Hardie's and
 * lifetimes' CDNOW files write it), copied, or the row numbers 1, 2, ... */
static int add_ids(cxm_table *t, const cxm_table *summary, size_t n)
{
	double *rows;
	long c = id_column(summary);
	size_t idx, i;
	int rc, type;
	if (c >= 0) {
		idx = (size_t)c;
		if ((rc = cxm_table_column_type(&type, summary, idx)) < 0)
			return rc;
		if (type == CXM_TABLE_TEXT)
			return cxm_table_add_texts(t, "id", cxm_table_texts(summary, idx), n);
		if (type == CXM_TABLE_DAY)
			return cxm_table_add_days(t, "id", cxm_table_numbers(summary, idx), n);
		return cxm_table_add_numbers(t, "id", cxm_table_numbers(summary, idx), n);
	}
	if ((rc = cxm__table_add_column(&rows, t, "id", CXM_TABLE_NUMBER, n)) < 0)
		return rc;
	for (i = 0; i < n; i++)
		rows[i] = (double)(i + 1);
	return CXM_OK;
}

/* A new NUMBER column named after a prediction, to fill. */
static int add_prediction(double **values, cxm_table *t, int prediction, size_t n)
{
	return cxm__table_add_column(values, t, cxm__names_word(&cxm__clv_prediction_names, prediction),
				     CXM_TABLE_NUMBER, n);
}

/* The inputs of cxm_clv_predict_table's four predictions, to run again on
 * one row (or none) when a prediction fails: which customer the error is
 * about (name_customer). */
struct pred_args {
	const cxm_clv_fit_result *fit, *gg;
	const double *x, *t_x, *T, *m;
	double t, months, discount, ppm;
};

/* Prediction `which` (0 expected purchases, 1 P(alive), 2 profit, 3 CLV)
 * of the k rows from row i into out[0..k-1]. */
static int predict_rows(double *out, const struct pred_args *a, int which, size_t i, size_t k)
{
	switch (which) {
	case 0:
		return cxm_clv_expected_purchases(out, k, a->fit, a->t, a->x + i, k, a->t_x + i, k, a->T + i, k);
	case 1:
		return cxm_clv_p_alive(out, k, a->fit, a->x + i, k, a->t_x + i, k, a->T + i, k);
	case 2:
		return cxm_clv_expected_profit(out, k, a->gg, a->x + i, k, a->m + i, k);
	default:
		return cxm_clv_discounted(out, k, a->fit, a->gg, a->x + i, k, a->t_x + i, k, a->T + i, k, a->m + i, k,
					  a->months, &a->discount, 1, a->ppm);
	}
}

/* A message about row 0 of a one-row slice, without its index: "frequency[0]
 * = 2.5" -> "frequency = 2.5", "of customer 0 (" -> "(". */
static void drop_row_index(char *dst, size_t cap, const char *msg)
{
	size_t k = 0;
	while (*msg && k + 1 < cap) {
		if (strncmp(msg, "[0]", 3) == 0) {
			msg += 3;
		} else if (strncmp(msg, " of customer 0 (", 16) == 0) {
			msg += 15;
		} else {
			dst[k++] = *msg++;
		}
	}
	dst[k] = '\0';
}

/*
 * Prediction `which` failed with rc on the whole summary: when the error is
 * about one customer (a call without rows succeeds, and some row fails on its
 * own), say which, by the id of the output's "id" column rather than an array
 * index (spec §8.15): "customer 'C17' (row 18 of the summary): frequency =
 * 2.5 must be ...". Otherwise rc as it is.
 */
static int name_customer(int rc, const struct pred_args *a, int which, const cxm_table *res, size_t n)
{
	char first[512], msg[512], id[160];
	double v;
	size_t i;
	int code;
	cxm__snprintf_c(first, sizeof first, "%s", last_detail());
	if (rc == CXM_ENOMEM || predict_rows(&v, a, which, 0, 0) < 0)
		return cxm__fail(rc, "%s", first); /* not about a customer: the first message stands */
	for (i = 0; i < n; i++) {
		if ((code = predict_rows(&v, a, which, i, 1)) == CXM_OK)
			continue;
		drop_row_index(msg, sizeof msg, last_detail());
		id_text(id, sizeof id, res, 0, i);
		return cxm__fail(code, "customer '%s' (row %zu of the summary): %s", id, i + 1, msg);
	}
	return cxm__fail(rc, "%s", first); /* no single row fails on its own */
}

cxm_status cxm_clv_predict_table(cxm_table **out, const cxm_table *summary, const cxm_clv_fit_result *fit,
				 const cxm_clv_fit_result *gg, double t, double months, double discount,
				 double periods_per_month)
{
	cxm_clv_model_info info = CXM_CLV_MODEL_INFO_INIT, spend = CXM_CLV_MODEL_INFO_INIT;
	const double *col[N_COLUMNS], *x, *t_x, *T, *m = NULL;
	double *ep = NULL, *pa = NULL, *profit = NULL, *clv = NULL;
	int has[N_COLUMNS], rc, found;
	cxm_table *res = NULL;
	size_t n;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(summary, "summary")) < 0 || (rc = cxm__check_ptr(fit, "fit")) < 0 ||
	    (rc = CXM__CHECK_OUT(fit, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0)
		return rc;
	if ((rc = cxm_clv_model_describe(&info, fit->model)) < 0)
		return cxm__error_context("fit->model");
	if (!(info.predictions & CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PURCHASES)))
		return cxm__fail(CXM_EBAD_ARG, "fit is a %s (%s) fit, which predicts no purchases; give a bgnbd, "
				 "mbgnbd, pnbd or bgbb fit (and a gg fit as gg)", info.name, info.label);
	if (gg) {
		if ((rc = CXM__CHECK_OUT(gg, CXM_CLV_FIT_RESULT_VERSION, "cxm_clv_fit_result")) < 0)
			return rc;
		if ((rc = cxm_clv_model_describe(&spend, gg->model)) < 0)
			return cxm__error_context("gg->model");
		if (!(spend.predictions & CXM_CLV_BIT(CXM_CLV_PREDICT_EXPECTED_PROFIT)))
			return cxm__fail(CXM_EBAD_ARG, "gg is a %s (%s) fit; give a Gamma-Gamma (gg) fit, or NULL for "
					 "no CLV", spend.name, spend.label);
		if ((isnan(periods_per_month) || periods_per_month == 0.0) &&
		    (rc = periods_per_month_of(&periods_per_month, summary)) < 0)
			return rc;
	}
	/* the limits before any work (spec §8.15) */
	if ((rc = cxm__clv_check_horizon(t, fit->model)) < 0 ||
	    (gg && (rc = cxm__clv_check_months(months, periods_per_month)) < 0))
		return rc;
	/* the columns the model reads, but for the weights of a fit */
	if ((rc = columns_of(col, has, summary, info.columns & ~info.optional, 0u)) < 0)
		return rc;
	if (gg && (rc = column_of(&m, &found, summary, CXM_CLV_MONETARY_VALUE, 0)) < 0)
		return rc;
	x = col[CXM_CLV_FREQUENCY];
	t_x = col[CXM_CLV_RECENCY];
	T = has[CXM_CLV_N_PERIODS] ? col[CXM_CLV_N_PERIODS] : col[CXM_CLV_T];
	n = cxm_table_rows(summary);
	if ((rc = cxm_table_new(&res)) < 0 || (rc = add_ids(res, summary, n)) < 0 ||
	    (rc = add_prediction(&ep, res, CXM_CLV_PREDICT_EXPECTED_PURCHASES, n)) < 0 ||
	    (rc = add_prediction(&pa, res, CXM_CLV_PREDICT_P_ALIVE, n)) < 0 ||
	    (gg && (rc = add_prediction(&profit, res, CXM_CLV_PREDICT_EXPECTED_PROFIT, n)) < 0) ||
	    (gg && (rc = add_prediction(&clv, res, CXM_CLV_PREDICT_CLV, n)) < 0))
		goto done;
	{
		struct pred_args a = { fit, gg, x, t_x, T, m, t, months, discount, periods_per_month };
		double *dest[4];
		int which;
		dest[0] = ep;
		dest[1] = pa;
		dest[2] = profit;
		dest[3] = clv;
		for (which = 0; which < (gg ? 4 : 2); which++) {
			if ((rc = predict_rows(dest[which], &a, which, 0, n)) < 0) {
				rc = name_customer(rc, &a, which, res, n);
				goto done;
			}
		}
	}
	if ((rc = cxm_table_set_attr_text(res, "model", info.name)) < 0 ||
	    (rc = cxm_table_set_attr_number(res, "t", t)) < 0 ||
	    (gg && (rc = cxm_table_set_attr_number(res, "months", months)) < 0) ||
	    (gg && (rc = cxm_table_set_attr_number(res, "discount", discount)) < 0) ||
	    (gg && (rc = cxm_table_set_attr_number(res, "periods_per_month", periods_per_month)) < 0) ||
	    (rc = cxm_table_set_row_name(res, "customers")) < 0)
		goto done;
	*out = res;
	res = NULL;
done:
	cxm_table_free(res);
	return rc;
}
