/*
 * lib/funnel/tables.c - the funnel's three tables (spec §22.3-§22.5), laid
 * out from the numbers cxm_funnel_run computed: the steps, where drop-offs
 * go, and the breakdown's tests.
 */
#include <math.h>
#include <string.h>
#include "names.h"
#include "funnel_internal.h"

#define N_STEP_COLS 11

/* Columns of NUMBER arrays, in order, then the caller's attributes. */
static int add_numbers(cxm_table *t, const char *const *names, double *const *cols, size_t n_cols, size_t rows)
{
	size_t i;
	int rc;
	for (i = 0; i < n_cols; i++)
		if ((rc = cxm_table_add_numbers(t, names[i], cols[i], rows)) < 0)
			return rc;
	return CXM_OK;
}

static int new_table(cxm_table **t, const cxm_funnel *f, cxm_table **out)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(f, "f")) < 0)
		return rc;
	return cxm_table_new(t);
}

/* The Wilson interval of x of n in %, NaN when n is 0. */
static int wilson_pct(double *lo, double *hi, double x, double n, double conf)
{
	cxm_interval ci = CXM_INTERVAL_INIT;
	int rc;
	*lo = *hi = NAN;
	if (n <= 0.0)
		return CXM_OK;
	if ((rc = cxm_wilson(&ci, x, n, conf, CXM_Z_FROM_CONF)) < 0)
		return rc;
	*lo = 100.0 * ci.lower;
	*hi = 100.0 * ci.upper;
	return CXM_OK;
}

cxm_status cxm_funnel_steps(cxm_table **out, const cxm_funnel *f)
{
	static const char *const names[N_STEP_COLS] = { "step", "customers", "conversion", "lower", "upper",
							"drop_off", "overall", "mean_seconds_to_next",
							"median_seconds_to_next", "p90_seconds_to_next", NULL };
	cxm_table *t = NULL;
	size_t rows, r, g, j, k;
	const char **group = NULL, **event = NULL;
	double *col[N_STEP_COLS] = { NULL };
	int rc, i;
	if ((rc = new_table(&t, f, out)) < 0)
		return rc;
	k = f->k;
	rows = f->n_groups * k;
	if ((rc = cxm__alloc_array(&group, rows, sizeof *group, "cxm_funnel_steps")) < 0 ||
	    (rc = cxm__alloc_array(&event, rows, sizeof *event, "cxm_funnel_steps")) < 0)
		goto done;
	for (i = 0; i < N_STEP_COLS - 1; i++)
		if ((rc = cxm__alloc_array(&col[i], rows, sizeof(double), "cxm_funnel_steps")) < 0)
			goto done;
	for (g = 0, r = 0; g < f->n_groups; g++)
		for (j = 0; j < k; j++, r++) {
			const double *cu = f->customers + g * k;
			double conv, prev = j ? cu[j - 1] : cu[0];
			group[r] = f->names.str[f->group_name[g]];
			event[r] = f->names.str[f->step_name[j]];
			col[0][r] = (double)(j + 1);
			col[1][r] = cu[j];
			conv = prev > 0.0 ? 100.0 * cu[j] / prev : NAN;
			col[2][r] = conv;
			col[3][r] = col[4][r] = NAN;
			if (j > 0 && (rc = wilson_pct(&col[3][r], &col[4][r], cu[j], prev, f->conf)) < 0)
				goto done;
			col[5][r] = j + 1 < k && cu[j] > 0.0 ? 100.0 - 100.0 * cu[j + 1] / cu[j] : NAN;
			col[6][r] = cu[0] > 0.0 ? 100.0 * cu[j] / cu[0] : NAN;
			col[7][r] = f->mean[g * k + j];
			col[8][r] = f->median[g * k + j];
			col[9][r] = f->p90[g * k + j];
		}
	if (f->by_name != SIZE_MAX &&
	    (rc = cxm_table_add_texts(t, f->names.str[f->by_name], group, rows)) < 0)
		goto done;
	if ((rc = cxm_table_add_numbers(t, "step", col[0], rows)) < 0 ||
	    (rc = cxm_table_add_texts(t, "event", event, rows)) < 0 ||
	    (rc = add_numbers(t, names + 1, col + 1, N_STEP_COLS - 2, rows)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "steps")) < 0 || (rc = cxm_table_set_attr_text(t, "kind", "funnel")) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "mode", cxm__names_word(&cxm__funnel_mode_names, f->mode))) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "window_seconds", f->window)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "conf", f->conf)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "customers_in_log", (double)f->customers_in_log)) < 0)
		goto done;
	if (f->by_name != SIZE_MAX && (rc = cxm_table_set_attr_text(t, "by", f->names.str[f->by_name])) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	cxm__free((void *)group);
	cxm__free((void *)event);
	for (i = 0; i < N_STEP_COLS; i++)
		cxm__free(col[i]);
	return rc;
}

cxm_status cxm_funnel_next_events(cxm_table **out, const cxm_funnel *f)
{
	cxm_table *t = NULL;
	const char **event = NULL, **next = NULL;
	double *step = NULL;
	size_t r, n;
	int rc;
	if ((rc = new_table(&t, f, out)) < 0)
		return rc;
	n = f->n_next;
	if ((rc = cxm__alloc_array(&event, n ? n : 1, sizeof *event, "cxm_funnel_next_events")) < 0 ||
	    (rc = cxm__alloc_array(&next, n ? n : 1, sizeof *next, "cxm_funnel_next_events")) < 0 ||
	    (rc = cxm__alloc_array(&step, n ? n : 1, sizeof *step, "cxm_funnel_next_events")) < 0)
		goto done;
	for (r = 0; r < n; r++) {
		step[r] = (double)(f->next_step[r] + 1);
		event[r] = f->names.str[f->step_name[f->next_step[r]]];
		next[r] = f->names.str[f->next_name[r]];
	}
	if ((rc = cxm_table_add_numbers(t, "step", step, n)) < 0 ||
	    (rc = cxm_table_add_texts(t, "event", event, n)) < 0 ||
	    (rc = cxm_table_add_texts(t, "next_event", next, n)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "customers", f->next_customers, n)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "share", f->next_share, n)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "next_events")) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "kind", "funnel_next")) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	cxm__free((void *)event);
	cxm__free((void *)next);
	cxm__free(step);
	return rc;
}

cxm_status cxm_funnel_tests(cxm_table **out, const cxm_funnel *f)
{
	static const char *const names[] = { "customers", "conversion", "rest_customers", "rest_conversion",
					     "diff", "p_value", "p_adjusted" };
	cxm_table *t = NULL;
	const char **group = NULL, **event = NULL;
	double *step = NULL;
	size_t r, n;
	int rc;
	if ((rc = new_table(&t, f, out)) < 0)
		return rc;
	n = f->n_tests;
	if ((rc = cxm__alloc_array(&group, n ? n : 1, sizeof *group, "cxm_funnel_tests")) < 0 ||
	    (rc = cxm__alloc_array(&event, n ? n : 1, sizeof *event, "cxm_funnel_tests")) < 0 ||
	    (rc = cxm__alloc_array(&step, n ? n : 1, sizeof *step, "cxm_funnel_tests")) < 0)
		goto done;
	for (r = 0; r < n; r++) {
		group[r] = f->names.str[f->group_name[f->test_group[r]]];
		event[r] = f->names.str[f->step_name[f->test_step[r]]];
		step[r] = (double)(f->test_step[r] + 1);
	}
	{
		double *const cols[] = { f->t_n, f->t_conv, f->t_rest_n, f->t_rest_conv, f->t_diff, f->t_p, f->t_padj };
		if (f->by_name != SIZE_MAX && (rc = cxm_table_add_texts(t, f->names.str[f->by_name], group, n)) < 0)
			goto done;
		if ((rc = cxm_table_add_numbers(t, "step", step, n)) < 0 ||
		    (rc = cxm_table_add_texts(t, "event", event, n)) < 0 ||
		    (rc = add_numbers(t, names, cols, sizeof names / sizeof *names, n)) < 0 ||
		    (rc = cxm_table_set_row_name(t, "tests")) < 0 ||
		    (rc = cxm_table_set_attr_text(t, "kind", "funnel_tests")) < 0 ||
		    (rc = cxm_table_set_attr_text(t, "adjust", cxm__names_word(&cxm__p_adjust_names, f->adjust))) < 0)
			goto done;
	}
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	cxm__free((void *)group);
	cxm__free((void *)event);
	cxm__free(step);
	return rc;
}
