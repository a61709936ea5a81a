/*
 * lib/clvmodel/holdout.c - how well a fitted model predicts the holdout period:
 * error summaries and lifetimes' calibration-vs-holdout table.
 */
#include <math.h>
#include "internal.h"

/* Neumaier's compensated sum: the totals do not drift with millions of rows. */
typedef struct ksum {
	double s, c;
} ksum;

static void ksum_add(ksum *k, double x)
{
	double t = k->s + x;
	k->c += fabs(k->s) >= fabs(x) ? (k->s - t) + x : (x - t) + k->s;
	k->s = t;
}

static double ksum_value(const ksum *k)
{
	return k->s + k->c;
}

/* A predicted or actual value: not NaN (NAN), finite (BAD_ARG). */
static int check_value(const double *v, size_t i, const char *what)
{
	if (isnan(v[i]))
		return cxm__fail(CXM_ENAN, "%s[%zu] is NaN", what, i);
	if (!isfinite(v[i]))
		return cxm__fail(CXM_EBAD_ARG, "%s[%zu] = %.17g must be finite", what, i, v[i]);
	return CXM_OK;
}

cxm_status cxm_clv_holdout_evaluate(cxm_clv_holdout_errors *out, const double *predicted, size_t n_predicted,
			     const double *actual, size_t n_actual)
{
	ksum abs_err = { 0.0, 0.0 }, sq_err = { 0.0, 0.0 }, tp = { 0.0, 0.0 }, ta = { 0.0, 0.0 };
	size_t i;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CLV_HOLDOUT_ERRORS_VERSION, "cxm_clv_holdout_errors")) < 0 ||
	    (rc = cxm__check_array(predicted, n_predicted, "predicted")) < 0 ||
	    (rc = cxm__check_array(actual, n_actual, "actual")) < 0)
		return rc;
	if (n_predicted != n_actual)
		return cxm__fail(CXM_EBAD_ARG, "predicted has %zu values but actual has %zu", n_predicted, n_actual);
	if (n_predicted == 0)
		return cxm__fail(CXM_EEMPTY, "no customers to evaluate");
	for (i = 0; i < n_predicted; i++) {
		double e;
		if ((rc = check_value(predicted, i, "predicted")) < 0 || (rc = check_value(actual, i, "actual")) < 0)
			return rc;
		e = predicted[i] - actual[i];
		ksum_add(&abs_err, fabs(e));
		ksum_add(&sq_err, e * e);
		ksum_add(&tp, predicted[i]);
		ksum_add(&ta, actual[i]);
	}
	out->n = n_predicted;
	out->mae = ksum_value(&abs_err) / (double)n_predicted;
	out->rmse = sqrt(ksum_value(&sq_err) / (double)n_predicted);
	out->total_predicted = ksum_value(&tp);
	out->total_actual = ksum_value(&ta);
	return CXM_OK;
}

cxm_status cxm_clv_calibration_table(double *mean_predicted, size_t n_mean_predicted, double *mean_actual,
				     size_t n_mean_actual, double *count, size_t n_count, const double *frequency,
				     size_t n_frequency, const double *predicted, size_t n_predicted,
				     const double *actual, size_t n_actual)
{
	size_t i, k, rows = n_mean_predicted, last;
	int rc;
	if ((rc = cxm__check_array(mean_predicted, n_mean_predicted, "mean_predicted")) < 0 ||
	    (rc = cxm__check_array(mean_actual, n_mean_actual, "mean_actual")) < 0 ||
	    (rc = cxm__check_array(count, n_count, "count")) < 0 ||
	    (rc = cxm__check_array(frequency, n_frequency, "frequency")) < 0 ||
	    (rc = cxm__check_array(predicted, n_predicted, "predicted")) < 0 ||
	    (rc = cxm__check_array(actual, n_actual, "actual")) < 0)
		return rc;
	/* the outputs are the rows: frequencies 0 .. rows - 1 */
	if (rows == 0)
		return cxm__fail(CXM_EBAD_ARG, "n_mean_predicted is 0: the table needs at least one row");
	if (n_mean_actual != rows || n_count != rows)
		return cxm__fail(CXM_EBAD_ARG, "mean_predicted, mean_actual and count have room for %zu, %zu and "
				 "%zu rows; they must be equal (one row per frequency 0 .. rows - 1)",
				 n_mean_predicted, n_mean_actual, n_count);
	if (n_predicted != n_frequency || n_actual != n_frequency)
		return cxm__fail(CXM_EBAD_ARG, "frequency, predicted and actual have %zu, %zu and %zu values; they "
				 "must be equal", n_frequency, n_predicted, n_actual);
	/* everything is checked before the outputs are touched */
	for (i = 0; i < n_frequency; i++) {
		if (isnan(frequency[i]))
			return cxm__fail(CXM_ENAN, "frequency[%zu] is NaN", i);
		if (!(frequency[i] >= 0.0 && isfinite(frequency[i]) && frequency[i] == floor(frequency[i])))
			return cxm__fail(CXM_EBAD_ARG, "frequency[%zu] = %.17g must be a non-negative integer", i,
					 frequency[i]);
		if ((rc = check_value(predicted, i, "predicted")) < 0 || (rc = check_value(actual, i, "actual")) < 0)
			return rc;
	}
	last = rows - 1;
	for (k = 0; k < rows; k++)
		mean_predicted[k] = mean_actual[k] = count[k] = 0.0;
	for (i = 0; i < n_frequency; i++) {
		/* compare as doubles: a frequency beyond SIZE_MAX still lands in the last row */
		k = frequency[i] >= (double)last ? last : (size_t)frequency[i];
		mean_predicted[k] += predicted[i];
		mean_actual[k] += actual[i];
		count[k] += 1.0;
	}
	for (k = 0; k < rows; k++) {
		if (count[k] > 0.0) {
			mean_predicted[k] /= count[k];
			mean_actual[k] /= count[k];
		} else {
			mean_predicted[k] = mean_actual[k] = NAN;
		}
	}
	return CXM_OK;
}
