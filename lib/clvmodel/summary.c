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

/* The plural forms and lifetimes' freq letters are accepted too. */
static const cxm__word period_words[] = {
	{ "day", CXM_CLV_DAYS },   { "week", CXM_CLV_WEEKS },  { "month", CXM_CLV_MONTHS },
	{ "days", CXM_CLV_DAYS },  { "weeks", CXM_CLV_WEEKS }, { "months", CXM_CLV_MONTHS },
	{ "D", CXM_CLV_DAYS },     { "W", CXM_CLV_WEEKS },     { "M", CXM_CLV_MONTHS }
};
const cxm__names cxm__clv_period_names = CXM__NAMES("period", period_words, 6);

/* Column order inside cxm_clv_summary.columns. */
enum { COL_FREQ, COL_REC, COL_T, COL_MON, COL_HFREQ, COL_HMON, N_COLS };

struct cxm_clv_summary {
	size_t count, dropped;
	double holdout_duration; /* in the summary's unit */
	cxm__idlist ids;
	double *columns;         /* N_COLS blocks of `count` values */
};

/* Days per unit: lifetimes divides day differences by freq_multiplier. */
static int unit_days(double *unit, int period)
{
	switch (period) {
	case CXM_CLV_DAYS: *unit = 1.0; return CXM_OK;
	case CXM_CLV_WEEKS: *unit = 7.0; return CXM_OK;
	case CXM_CLV_MONTHS: *unit = 365.25 / 12.0; return CXM_OK;
	default:
		return cxm__fail(CXM_EBAD_ARG,
				 "period is %d; use CXM_CLV_DAYS (0), CXM_CLV_WEEKS (1) or CXM_CLV_MONTHS (2)",
				 period);
	}
}

static int check_inputs(const char *const *ids, size_t n_ids, const double *days, size_t n_days,
			const double *amounts, size_t n_amounts, double calibration_end,
			double observation_end)
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
	for (i = 0; i < n_ids; i++)
		if (ids[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "customer_ids[%zu] is NULL", i);
	if ((rc = cxm__check_day(calibration_end, "calibration_end", 0, 0)) < 0 ||
	    (rc = cxm__check_day(observation_end, "observation_end", 0, 0)) < 0)
		return rc;
	if (observation_end < calibration_end)
		return cxm__fail(CXM_EBAD_ARG,
				 "observation_end = %.17g is before calibration_end = %.17g; "
				 "pass calibration_end for no holdout period",
				 observation_end, calibration_end);
	for (i = 0; i < n_days; i++)
		if ((rc = cxm__check_day(days[i], "days", 1, i)) < 0)
			return rc;
	for (i = 0; i < n_amounts; i++) {
		if (isnan(amounts[i]))
			return cxm__fail(CXM_ENAN, "amounts[%zu] is NaN", i);
		if (isinf(amounts[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "amounts[%zu] = %.17g is infinite", i, amounts[i]);
	}
	if (n_ids == 0)
		return cxm__fail(CXM_EEMPTY, "no transactions");
	return CXM_OK;
}

void cxm_clv_summary_free(cxm_clv_summary *s)
{
	if (!s)
		return;
	cxm__idlist_free(&s->ids);
	cxm__free(s->columns);
	cxm__free(s);
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

cxm_status cxm_clv_summary_from_transactions(cxm_clv_summary **out, const char *const *customer_ids, size_t n_ids,
				      const double *days, size_t n_days, const double *amounts,
				      size_t n_amounts, double calibration_end, double observation_end,
				      int period)
{
	cxm_clv_summary *s = NULL;
	cxm__txrow *rows = NULL;
	size_t i, k, groups = 0, kept = 0, bytes = 0;
	double unit = 1.0;
	int rc;

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = unit_days(&unit, period)) < 0 ||
	    (rc = check_inputs(customer_ids, n_ids, days, n_days, amounts, n_amounts, calibration_end,
			       observation_end)) < 0)
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
		if (rows[i].day <= calibration_end) {
			kept++;
			bytes += strlen(rows[i].id) + 1;
		}
	}
	if (kept == 0) {
		rc = cxm__fail(CXM_EEMPTY,
			       "no customer has a purchase on or before calibration_end = %.17g "
			       "(all %zu customers start later)", calibration_end, groups);
		goto done;
	}
	if (!(s = cxm__calloc(1, sizeof *s))) {
		rc = cxm__fail(CXM_ENOMEM, "cxm_clv_summary_from_transactions: no memory for the result");
		goto done;
	}
	if ((rc = cxm__idlist_alloc(&s->ids, kept, bytes, "cxm_clv_summary_from_transactions ids")) < 0 ||
	    (rc = cxm__alloc_array(&s->columns, kept, N_COLS * sizeof *s->columns,
				   "cxm_clv_summary_from_transactions columns")) < 0)
		goto done;
	s->count = kept;
	s->dropped = groups - kept;
	s->holdout_duration = (observation_end - calibration_end) / unit;
	for (i = 0, k = 0; i < n_ids;) {
		const char *id = rows[i].id;
		size_t end = cxm__txrows_group_end(rows, n_ids, i), repeat = 0, holdout = 0;
		double first = rows[i].day, last = first, *col = s->columns;
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
				holdout++;
				day_mean_add(&hold, total);
			}
			/* days after observation_end are outside both periods, as
			 * lifetimes filters them out before summarising */
		}
		col[COL_FREQ * kept + k] = (double)repeat;
		col[COL_REC * kept + k] = (last - first) / unit;
		col[COL_T * kept + k] = (calibration_end - first) / unit;
		col[COL_MON * kept + k] = day_mean_value(&cal);
		col[COL_HFREQ * kept + k] = (double)holdout;
		col[COL_HMON * kept + k] = day_mean_value(&hold);
		if (!isfinite(col[COL_MON * kept + k]) || !isfinite(col[COL_HMON * kept + k])) {
			rc = cxm__fail(CXM_EOUT_OF_RANGE, "the amounts of customer \"%s\" overflow a double", id);
			goto done;
		}
		cxm__idlist_add(&s->ids, id);
		k++;
	}
	*out = s;
	s = NULL;
	rc = CXM_OK;
done:
	cxm_clv_summary_free(s);
	cxm__free(rows);
	return rc;
}

size_t cxm_clv_summary_count(const cxm_clv_summary *s)
{
	return s ? s->count : 0;
}

size_t cxm_clv_summary_dropped(const cxm_clv_summary *s)
{
	return s ? s->dropped : 0;
}

const char *cxm_clv_summary_id(const cxm_clv_summary *s, size_t i)
{
	return s && i < s->count ? s->ids.id[i] : NULL;
}

double cxm_clv_summary_holdout_duration(const cxm_clv_summary *s)
{
	return s ? s->holdout_duration : 0.0;
}

cxm_status cxm_clv_summary_columns(const cxm_clv_summary *s, double *frequency, double *recency, double *T,
			    double *monetary_value, double *holdout_frequency,
			    double *holdout_monetary_value, size_t cap)
{
	double *dst[N_COLS];
	size_t c;
	int rc;
	if ((rc = cxm__check_ptr(s, "s")) < 0)
		return rc;
	if (cap < s->count)
		return cxm__fail(CXM_EBAD_ARG, "cap = %zu is smaller than the %zu customers", cap, s->count);
	dst[COL_FREQ] = frequency;
	dst[COL_REC] = recency;
	dst[COL_T] = T;
	dst[COL_MON] = monetary_value;
	dst[COL_HFREQ] = holdout_frequency;
	dst[COL_HMON] = holdout_monetary_value;
	for (c = 0; c < N_COLS; c++)
		if (dst[c])
			memcpy(dst[c], s->columns + c * s->count, s->count * sizeof *dst[c]);
	return CXM_OK;
}
