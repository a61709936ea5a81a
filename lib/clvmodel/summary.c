/*
 * lib/clvmodel/summary.c - transaction log -> per-customer frequency, recency,
 * T and mean repeat value, as lifetimes' summary_data_from_transaction_data
 * (and calibration_and_holdout_data) with freq='D' and a freq_multiplier of
 * 1, 7 or 365.25 / 12.
 */
#include <math.h>
#include <string.h>
#include "groupby.h"
#include "internal.h"
/* the exact signed sum (math.fsum): amounts may be refunds */
#include "signed_sum.h"
#include "names.h"
#include "io/io_internal.h"
#include "txlog/txlog_internal.h"

/* The plural forms and lifetimes' freq letters are accepted too. */
static const cxm__word period_words[] = {
	{ "day", CXM_CLV_DAYS },   { "week", CXM_CLV_WEEKS },  { "month", CXM_CLV_MONTHS },
	{ "days", CXM_CLV_DAYS },  { "weeks", CXM_CLV_WEEKS }, { "months", CXM_CLV_MONTHS },
	{ "D", CXM_CLV_DAYS },     { "W", CXM_CLV_WEEKS },     { "M", CXM_CLV_MONTHS }
};
const cxm__names cxm__clv_period_names = CXM__NAMES("period", period_words, 6);

/* The summary's NUMBER columns, in table order (after "id"). */
static const int summary_columns[] = { CXM_CLV_FREQUENCY, CXM_CLV_RECENCY, CXM_CLV_T, CXM_CLV_MONETARY_VALUE,
				       CXM_CLV_HOLDOUT_FREQUENCY, CXM_CLV_HOLDOUT_MONETARY_VALUE };
enum { COL_FREQ, COL_REC, COL_T, COL_MON, COL_HFREQ, COL_HMON, N_COLS };

/* Days per unit: lifetimes divides day differences by freq_multiplier. */
static int unit_days(double *unit, int period)
{
	int rc;
	if ((rc = cxm__names_check(&cxm__clv_period_names, period)) < 0)
		return rc;
	*unit = period == CXM_CLV_DAYS ? 1.0 : period == CXM_CLV_WEEKS ? 7.0 : 365.25 / 12.0;
	return CXM_OK;
}

cxm_status cxm_clv_periods_per_month(double *out, int period)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__names_check(&cxm__clv_period_names, period)) < 0)
		return rc;
	/* days: 365.25 / 12; weeks: lifetimes' 4.345 (not 30.4375 / 7), which
	 * the CLV figures of its users carry; months: 1 */
	*out = period == CXM_CLV_DAYS ? 30.4375 : period == CXM_CLV_WEEKS ? 4.345 : 1.0;
	return CXM_OK;
}

/* The arguments; a NaN calibration_end becomes the last transaction day,
 * a NaN observation_end calibration_end (no holdout). */
static int check_inputs(const char *const *ids, size_t n_ids, const double *days, size_t n_days,
			const double *amounts, size_t n_amounts, double *calibration_end,
			double *observation_end)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_array(ids, n_ids, "customer_ids")) < 0 ||
	    (rc = cxm__check_array(days, n_days, "days")) < 0 ||
	    (rc = cxm__check_array(amounts, n_amounts, "amounts")) < 0)
		return rc;
	if (n_days != n_ids)
		return cxm__fail(CXM_EBAD_ARG, "customer_ids and days have %zu and %zu entries; they must be equal",
				 n_ids, n_days);
	if (n_amounts != 0 && n_amounts != n_ids)
		return cxm__fail(CXM_EBAD_ARG,
				 "amounts has %zu entries; give one per transaction (%zu) or none (NULL, 0)",
				 n_amounts, n_ids);
	for (i = 0; i < n_ids; i++) /* a missing id is no customer (spec §16.3) */
		if (ids[i] == NULL || ids[i][0] == '\0')
			return cxm__missing_id_fail("customer_ids", i, ids[i] ? "an empty text" : "NULL");
	if (!isnan(*calibration_end) && (rc = cxm__check_date_day(*calibration_end, "calibration_end", 0, 0)) < 0)
		return rc;
	if (!isnan(*observation_end) && (rc = cxm__check_date_day(*observation_end, "observation_end", 0, 0)) < 0)
		return rc;
	/* a bad value is named by its customer too (the caller gave ids) */
	for (i = 0; i < n_days; i++)
		if ((rc = cxm__check_date_day(days[i], "days", 1, i)) < 0)
			return cxm__customer_context(ids[i], i);
	for (i = 0; i < n_amounts; i++) {
		if (isnan(amounts[i]))
			return cxm__fail(CXM_ENAN, "amounts[%zu] is NaN", i), cxm__customer_context(ids[i], i);
		if (isinf(amounts[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "amounts[%zu] = %.17g is infinite", i, amounts[i]),
			       cxm__customer_context(ids[i], i);
	}
	if (n_ids == 0)
		return cxm__fail(CXM_EEMPTY, "no transactions");
	if (isnan(*calibration_end)) { /* the end of the data */
		*calibration_end = days[0];
		for (i = 1; i < n_days; i++)
			if (days[i] > *calibration_end)
				*calibration_end = days[i];
	}
	if (isnan(*observation_end)) {
		*observation_end = *calibration_end;
	} else if (*observation_end < *calibration_end) {
		char cal[CXM__DATE_MAX], obs[CXM__DATE_MAX];
		return cxm__fail(CXM_EBAD_ARG,
				 "observation_end = %.17g (%s) is before calibration_end = %.17g (%s); "
				 "pass NaN for no holdout period",
				 *observation_end, cxm__date_format(obs, *observation_end), *calibration_end,
				 cxm__date_format(cal, *calibration_end));
	}
	return CXM_OK;
}

/* Running mean of per-day totals, summed exactly (as math.fsum) so that the
 * result does not depend on the order of the days. */
typedef struct day_mean {
	cxm__ssum sum;
	size_t n;
	double single; /* the total while n == 1: spares the exact sum for most customers */
} day_mean;

static void day_mean_init(day_mean *m)
{
	m->n = 0;
	m->single = 0.0;
}

static void day_mean_add(day_mean *m, double total)
{
	if (m->n == 0) {
		m->single = total;
	} else {
		if (m->n == 1) {
			cxm__ssum_init(&m->sum);
			cxm__ssum_add(&m->sum, m->single);
		}
		cxm__ssum_add(&m->sum, total);
	}
	m->n++;
}

/* The mean (0 without days, as lifetimes); +-inf when the total overflows. */
static double day_mean_value(const day_mean *m)
{
	if (m->n == 0)
		return 0.0;
	if (m->n == 1)
		return m->single;
	return cxm__ssum_round(&m->sum) / (double)m->n;
}

/* The amount spent on the day starting at rows[*i], within one customer's
 * rows ending at group_end; moves *i past that day. */
static double day_total(const cxm__txrow *rows, size_t group_end, size_t *i, const double *amounts)
{
	size_t k = *i, end = k + 1;
	cxm__ssum s;
	while (end < group_end && rows[end].day == rows[k].day)
		end++;
	*i = end;
	if (amounts == NULL)
		return 0.0;
	if (end == k + 1) /* the usual case: one purchase that day */
		return amounts[rows[k].i];
	cxm__ssum_init(&s);
	for (; k < end; k++)
		cxm__ssum_add(&s, amounts[rows[k].i]);
	return cxm__ssum_round(&s);
}

/* The attributes of a summary (clvmodel.h), in their order. */
static int set_attributes(cxm_table *t, int period, double cal, double obs, double unit, size_t dropped)
{
	int rc;
	if ((rc = cxm_table_set_attr_text(t, "period", cxm__names_word(&cxm__clv_period_names, period))) < 0 ||
	    (rc = cxm_table_set_attr_day(t, "calibration_end", cal)) < 0 ||
	    (rc = cxm_table_set_attr_day(t, "observation_end", obs)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "holdout_duration", (obs - cal) / unit)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "dropped", (double)dropped)) < 0)
		return rc;
	return cxm_table_set_row_name(t, "customers");
}

cxm_status cxm_clv_summary_from_transactions(cxm_table **out, const char *const *customer_ids, size_t n_ids,
				      const double *days, size_t n_days, const double *amounts,
				      size_t n_amounts, double calibration_end, double observation_end,
				      int period)
{
	cxm_table *t = NULL;
	cxm__txrow *rows = NULL;
	const char **ids = NULL;
	double *col[N_COLS] = { NULL, NULL, NULL, NULL, NULL, NULL };
	size_t i, k, c, groups = 0, kept = 0, n_cols;
	double unit = 1.0;
	int rc, holdout = !isnan(observation_end);

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = unit_days(&unit, period)) < 0 ||
	    (rc = check_inputs(customer_ids, n_ids, days, n_days, amounts, n_amounts, &calibration_end,
			       &observation_end)) < 0)
		return rc;
	if (n_amounts == 0)
		amounts = NULL;

	/* Sorting rows by (id, day) groups each customer's purchase days in order
	 * and yields the customers already in output order. */
	if ((rc = cxm__txrows_sort(&rows, customer_ids, days, n_ids,
				   "cxm_clv_summary_from_transactions rows")) < 0)
		return rc;
	/* Kept customers are those with a purchase on or before calibration_end;
	 * the first row of each group holds its first purchase day. */
	for (i = 0; i < n_ids; i = cxm__txrows_group_end(rows, n_ids, i)) {
		groups++;
		kept += rows[i].day <= calibration_end;
	}
	if (kept == 0) {
		char cal[CXM__DATE_MAX];
		rc = cxm__fail(CXM_EEMPTY,
			       "no customer has a purchase on or before calibration_end %s (day %.17g; all %zu "
			       "customers start later)", cxm__date_format(cal, calibration_end), calibration_end,
			       groups);
		goto done;
	}
	/* the table: the ids (interned by the table), then the numbers, filled in place */
	n_cols = holdout ? (size_t)N_COLS : (size_t)COL_HFREQ;
	if ((rc = cxm__alloc_array(&ids, kept, sizeof *ids, "cxm_clv_summary_from_transactions ids")) < 0 ||
	    (rc = cxm_table_new(&t)) < 0)
		goto done;
	for (i = 0, k = 0; i < n_ids; i = cxm__txrows_group_end(rows, n_ids, i))
		if (rows[i].day <= calibration_end)
			ids[k++] = rows[i].id;
	if ((rc = cxm_table_add_texts(t, "id", ids, kept)) < 0)
		goto done;
	for (c = 0; c < n_cols; c++)
		if ((rc = cxm__table_add_column(&col[c], t, cxm__names_word(&cxm__clv_column_names, summary_columns[c]),
						CXM_TABLE_NUMBER, kept)) < 0)
			goto done;
	for (i = 0, k = 0; i < n_ids;) {
		const char *id = rows[i].id;
		size_t end = cxm__txrows_group_end(rows, n_ids, i), repeat = 0, holdout_days = 0;
		double first = rows[i].day, last = first, mon, hmon;
		day_mean cal, hold;
		if (first > calibration_end) { /* dropped: skip the whole customer */
			i = end;
			continue;
		}
		day_mean_init(&cal);
		day_mean_init(&hold);
		/* the first day opens the customer: it is neither a repeat purchase
		 * nor part of the monetary value (lifetimes drops it) */
		(void)day_total(rows, end, &i, amounts);
		while (i < end) {
			double day = rows[i].day, total = day_total(rows, end, &i, amounts);
			if (day <= calibration_end) {
				repeat++;
				last = day;
				day_mean_add(&cal, total);
			} else if (day <= observation_end) {
				holdout_days++;
				day_mean_add(&hold, total);
			}
			/* days after observation_end are outside both periods, as
			 * lifetimes filters them out before summarising */
		}
		mon = day_mean_value(&cal);
		hmon = day_mean_value(&hold);
		if (!isfinite(mon) || !isfinite(hmon)) {
			char quoted[CXM__QUOTE_MAX + 4];
			cxm__quote_text(quoted, sizeof quoted, id, strlen(id));
			rc = cxm__fail(CXM_EOUT_OF_RANGE, "the amounts of customer \"%s\" overflow a double", quoted);
			goto done;
		}
		col[COL_FREQ][k] = (double)repeat;
		col[COL_REC][k] = (last - first) / unit;
		col[COL_T][k] = (calibration_end - first) / unit;
		col[COL_MON][k] = mon;
		if (holdout) {
			col[COL_HFREQ][k] = (double)holdout_days;
			col[COL_HMON][k] = hmon;
		}
		k++;
	}
	if ((rc = set_attributes(t, period, calibration_end, observation_end, unit, groups - kept)) < 0)
		goto done;
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free((void *)ids);
	cxm__free(rows);
	return rc;
}
