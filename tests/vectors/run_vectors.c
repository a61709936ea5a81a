/*
 * tests/vectors/run_vectors.c - the golden vectors (spec §11) through the C API.
 *
 *   run_vectors [DEFAULT_FILE]      reads $CXM_VECTORS, else DEFAULT_FILE
 *
 * Each vector names a reference function (cxref.py) and its arguments; a
 * handler below calls the library and builds a JSON object of outputs, which
 * is compared key by key with `expected` (floats within 1e-9 + 1e-9|exp|,
 * integers and strings exactly) or the library's error name with
 * `expected_error`. A function without a handler is a failure, never a skip.
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cxmetrics.h"

/* ---- reading arguments ---------------------------------------------------- */

/* A number, or the spec's "NaN" / "Infinity" / "-Infinity" strings. */
static double as_number(const cJSON *item)
{
	if (cJSON_IsNumber(item))
		return item->valuedouble;
	if (cJSON_IsString(item)) {
		if (strcmp(item->valuestring, "NaN") == 0)
			return NAN;
		if (strcmp(item->valuestring, "Infinity") == 0)
			return INFINITY;
		if (strcmp(item->valuestring, "-Infinity") == 0)
			return -INFINITY;
	}
	if (cJSON_IsBool(item))
		return cJSON_IsTrue(item) ? 1.0 : 0.0;
	return NAN;
}

static const cJSON *arg(const cJSON *args, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(args, key);
}

static int has(const cJSON *args, const char *key)
{
	const cJSON *a = arg(args, key);
	return a != NULL && !cJSON_IsNull(a);
}

static double num(const cJSON *args, const char *key, double fallback)
{
	return has(args, key) ? as_number(arg(args, key)) : fallback;
}

/* An array of numbers; *n receives its length. Caller frees. */
static double *nums(const cJSON *args, const char *key, size_t *n)
{
	const cJSON *a = arg(args, key), *item;
	double *out;
	size_t i = 0;
	*n = a ? (size_t)cJSON_GetArraySize(a) : 0;
	out = malloc((*n ? *n : 1) * sizeof *out);
	cJSON_ArrayForEach(item, a)
		out[i++] = as_number(item);
	return out;
}

/* An array of strings (borrowed from the JSON tree). Caller frees the array. */
static const char **strs(const cJSON *args, const char *key, size_t *n)
{
	const cJSON *a = arg(args, key), *item;
	const char **out;
	size_t i = 0;
	*n = a ? (size_t)cJSON_GetArraySize(a) : 0;
	out = malloc((*n ? *n : 1) * sizeof *out);
	cJSON_ArrayForEach(item, a)
		out[i++] = cJSON_IsString(item) ? item->valuestring : "";
	return out;
}

static const char *str(const cJSON *args, const char *key, const char *fallback)
{
	const cJSON *a = arg(args, key);
	return cJSON_IsString(a) ? a->valuestring : fallback;
}

/* Enum arguments: unknown names map to -1 so that the library rejects them. */
static int nan_policy(const cJSON *args)
{
	const char *p = str(args, "nan_policy", "error");
	return strcmp(p, "error") == 0 ? CXM_NAN_ERROR : strcmp(p, "omit") == 0 ? CXM_NAN_OMIT : -1;
}

static int nps_scale(const cJSON *args)
{
	const char *s = str(args, "scale", "0-10");
	return strcmp(s, "0-10") == 0 ? CXM_NPS_0_10 : strcmp(s, "1-10") == 0 ? CXM_NPS_1_10 : -1;
}

static double conf(const cJSON *args)
{
	return num(args, "conf", CXM_CONF_DEFAULT);
}

static double zval(const cJSON *args)
{
	return num(args, "z", CXM_Z_FROM_CONF);
}

/* ---- building results ------------------------------------------------------ */

/* Keys whose values are integers, compared exactly; reset per vector. */
static cJSON *int_keys;

static void put(cJSON *out, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(out, key); /* the spec's null: undefined (n < 2) */
	else
		cJSON_AddNumberToObject(out, key, v);
}

static void put_int(cJSON *out, const char *key, double v)
{
	cJSON_AddNumberToObject(out, key, v);
	cJSON_AddItemToArray(int_keys, cJSON_CreateString(key));
}

static void put_doubles(cJSON *out, const char *key, const double *v, size_t n)
{
	cJSON *a = cJSON_AddArrayToObject(out, key);
	size_t i;
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(v[i]));
}

static void put_uints(cJSON *out, const char *key, const unsigned *v, size_t n)
{
	cJSON *a = cJSON_AddArrayToObject(out, key);
	size_t i;
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(v[i]));
	cJSON_AddItemToArray(int_keys, cJSON_CreateString(key));
}

/* ---- handlers: one per reference function ---------------------------------- */

typedef int (*handler)(const cJSON *args, cJSON *out);

static void put_nps(cJSON *out, const cxm_nps_result *r)
{
	put_int(out, "n", (double)r->n);
	put_int(out, "promoters", (double)r->promoters);
	put_int(out, "passives", (double)r->passives);
	put_int(out, "detractors", (double)r->detractors);
	put(out, "pct_promoters", r->pct_promoters);
	put(out, "pct_passives", r->pct_passives);
	put(out, "pct_detractors", r->pct_detractors);
	put(out, "nps", r->nps);
}

static int h_nps_from_scores(const cJSON *args, cJSON *out)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	size_t n;
	double *s = nums(args, "scores", &n);
	int rc = cxm_nps(&r, s, n, nps_scale(args), nan_policy(args));
	free(s);
	if (rc == CXM_OK)
		put_nps(out, &r);
	return rc;
}

static int h_nps_from_counts(const cJSON *args, cJSON *out)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	int rc = cxm_nps_counts(&r, num(args, "promoters", NAN), num(args, "passives", NAN),
				num(args, "detractors", NAN));
	if (rc == CXM_OK)
		put_nps(out, &r);
	return rc;
}

static void put_nps_ci(cJSON *out, const cxm_nps_ci *r, int adjusted)
{
	put_int(out, "n", (double)r->n);
	put(out, "nps", r->nps);
	if (adjusted) {
		put(out, "n_adj", r->n_adj);
		put(out, "nps_adj", r->nps_adj);
	}
	put(out, "var_unit", r->var_unit);
	put(out, "se", r->se);
	put(out, "z", r->z);
	put(out, "moe", r->moe);
	put(out, "lower", r->lower);
	put(out, "upper", r->upper);
}

static int h_nps_wald(const cJSON *args, cJSON *out)
{
	cxm_nps_ci r = CXM_NPS_CI_INIT;
	int rc = cxm_nps_wald(&r, num(args, "promoters", NAN), num(args, "passives", NAN),
			      num(args, "detractors", NAN), conf(args), zval(args));
	if (rc == CXM_OK)
		put_nps_ci(out, &r, 0);
	return rc;
}

static int h_nps_adjusted_wald(const cJSON *args, cJSON *out)
{
	cxm_nps_ci r = CXM_NPS_CI_INIT;
	int rc = cxm_nps_adjusted_wald(&r, num(args, "promoters", NAN), num(args, "passives", NAN),
				       num(args, "detractors", NAN), conf(args), zval(args));
	if (rc == CXM_OK)
		put_nps_ci(out, &r, 1);
	return rc;
}

static int h_nps_trinomial_t(const cJSON *args, cJSON *out)
{
	cxm_nps_t_ci r = CXM_NPS_T_CI_INIT;
	int rc = cxm_nps_trinomial_t(&r, num(args, "promoters", NAN), num(args, "passives", NAN),
				     num(args, "detractors", NAN), conf(args));
	if (rc != CXM_OK)
		return rc;
	put_int(out, "n", (double)r.n);
	put(out, "nps", r.nps);
	put(out, "sd_unit", r.sd_unit);
	put(out, "se", r.se);
	put_int(out, "df", (double)r.df);
	put(out, "t", r.t);
	put(out, "moe", r.moe);
	put(out, "lower", r.lower);
	put(out, "upper", r.upper);
	return CXM_OK;
}

static int h_nps_compare(const cJSON *args, cJSON *out)
{
	cxm_nps_comparison r = CXM_NPS_COMPARISON_INIT;
	size_t na, nb;
	double *a = nums(args, "a", &na), *b = nums(args, "b", &nb);
	const char *m = str(args, "method", "adjusted_wald");
	int method = strcmp(m, "adjusted_wald") == 0 ? CXM_NPS_ADJUSTED_WALD
		     : strcmp(m, "wald") == 0        ? CXM_NPS_WALD
						     : -1;
	int rc = CXM_EBAD_ARG;
	if (na == 3 && nb == 3) /* a sample is (promoters, passives, detractors) */
		rc = cxm_nps_compare(&r, a[0], a[1], a[2], b[0], b[1], b[2], method, conf(args), zval(args));
	free(a);
	free(b);
	if (rc != CXM_OK)
		return rc;
	cJSON_AddStringToObject(out, "method", r.method == CXM_NPS_WALD ? "wald" : "adjusted_wald");
	put(out, "nps_a", r.nps_a);
	put(out, "nps_b", r.nps_b);
	put(out, "center_a", r.center_a);
	put(out, "center_b", r.center_b);
	put(out, "diff", r.diff);
	put(out, "se", r.se);
	put(out, "z_stat", r.z_stat);
	put(out, "p_value", r.p_value);
	put(out, "z", r.z);
	put(out, "lower", r.lower);
	put(out, "upper", r.upper);
	return CXM_OK;
}

static int h_nps_weighted(const cJSON *args, cJSON *out)
{
	cxm_nps_weighted_result r = CXM_NPS_WEIGHTED_RESULT_INIT;
	size_t ns, nw;
	double *s = nums(args, "scores", &ns), *w = nums(args, "weights", &nw);
	int rc = cxm_nps_weighted(&r, s, ns, w, nw, nps_scale(args), nan_policy(args), conf(args),
				  zval(args));
	free(s);
	free(w);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "n", (double)r.n);
	put_int(out, "n_pos", (double)r.n_pos);
	put(out, "sum_w", r.sum_w);
	put(out, "sum_w2", r.sum_w2);
	put(out, "n_eff", r.n_eff);
	put(out, "deff", r.deff);
	put(out, "pct_promoters", r.pct_promoters);
	put(out, "pct_detractors", r.pct_detractors);
	put(out, "nps", r.nps);
	put(out, "var_unit", r.var_unit);
	put(out, "se", r.se);
	put(out, "z", r.z);
	put(out, "moe", r.moe);
	put(out, "lower", r.lower);
	put(out, "upper", r.upper);
	return CXM_OK;
}

static int h_kish_n_eff(const cJSON *args, cJSON *out)
{
	size_t n;
	double v = 0, *w = nums(args, "weights", &n);
	int rc = cxm_kish_n_eff(&v, w, n);
	free(w);
	if (rc == CXM_OK)
		put(out, "value", v);
	return rc;
}

static int h_csat(const cJSON *args, cJSON *out)
{
	cxm_csat_result r = CXM_CSAT_RESULT_INIT;
	size_t n, ns = 0;
	double *s = nums(args, "scores", &n), *scale = NULL;
	int lo = 1, hi = 5, rc;
	int threshold = has(args, "threshold") ? (int)num(args, "threshold", 0)
					       : CXM_CSAT_DEFAULT_THRESHOLD;
	if (has(args, "scale")) {
		scale = nums(args, "scale", &ns);
		if (ns == 2) {
			lo = (int)scale[0];
			hi = (int)scale[1];
		}
		free(scale);
	}
	rc = ns == 2 || !has(args, "scale")
		     ? cxm_csat(&r, s, n, lo, hi, threshold, nan_policy(args), conf(args), zval(args))
		     : CXM_EBAD_ARG;
	free(s);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "n", (double)r.n);
	put_int(out, "threshold", r.threshold);
	put_int(out, "n_satisfied", (double)r.n_satisfied);
	put(out, "pct_satisfied", r.pct_satisfied);
	put(out, "mean", r.mean);
	put(out, "sd", r.sd);
	put(out, "wilson_lower", r.wilson_lower);
	put(out, "wilson_upper", r.wilson_upper);
	return CXM_OK;
}

static int proportion_interval(const cJSON *args, cJSON *out,
			       int (*fn)(cxm_interval *, double, double, double, double))
{
	cxm_interval r = CXM_INTERVAL_INIT;
	int rc = fn(&r, num(args, "x", NAN), num(args, "n", NAN), conf(args), zval(args));
	if (rc == CXM_OK) {
		put(out, "lower", r.lower);
		put(out, "upper", r.upper);
	}
	return rc;
}

static int h_wilson(const cJSON *args, cJSON *out)
{
	return proportion_interval(args, out, cxm_wilson);
}

static int h_adjusted_wald_proportion(const cJSON *args, cJSON *out)
{
	return proportion_interval(args, out, cxm_adjusted_wald);
}

/* Both CES vector functions go through the one CES result (cxm_ces). The
 * reference's ces_5pt names % agree "ces_pct": the vector field maps to
 * pct_agree. */
static int h_ces(const cJSON *args, cJSON *out, int points)
{
	cxm_ces_result r = CXM_CES_RESULT_INIT;
	size_t n;
	double *s = nums(args, "scores", &n);
	int rc = cxm_ces(&r, s, n, points, nan_policy(args), conf(args), zval(args));
	free(s);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "points", r.points);
	put_int(out, "n", (double)r.n);
	put_int(out, "n_agree", (double)r.n_agree);
	put(out, "pct_agree", r.pct_agree);
	put(out, "ces_pct", r.pct_agree);
	put_int(out, "n_disagree", (double)r.n_disagree);
	put(out, "pct_disagree", r.pct_disagree);
	put(out, "mean", r.mean);
	put(out, "sd", r.sd);
	put(out, "wilson_lower", r.wilson_lower);
	put(out, "wilson_upper", r.wilson_upper);
	return CXM_OK;
}

static int h_ces_5pt(const cJSON *args, cJSON *out)
{
	return h_ces(args, out, 5);
}

static int h_ces_7pt(const cJSON *args, cJSON *out)
{
	return h_ces(args, out, 7);
}

static int h_time_summary(const cJSON *args, cJSON *out)
{
	cxm_time_summary r = CXM_TIME_SUMMARY_INIT;
	size_t n;
	double *d = nums(args, "durations", &n);
	int rc = cxm_time_summarize(&r, d, n, nan_policy(args));
	free(d);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "n", (double)r.n);
	put(out, "total", r.total);
	put(out, "mean", r.mean);
	put(out, "median", r.median);
	put(out, "p90", r.p90);
	put(out, "min", r.min);
	put(out, "max", r.max);
	return CXM_OK;
}

static int h_average_from_total(const cJSON *args, cJSON *out)
{
	double v = 0;
	int rc = cxm_time_average_from_total(&v, num(args, "total_time", NAN), num(args, "n_requests", NAN));
	if (rc == CXM_OK)
		put(out, "value", v);
	return rc;
}

static int h_quantile_type7(const cJSON *args, cJSON *out)
{
	size_t n;
	double v = 0, *x = nums(args, "values", &n);
	int rc = cxm_quantile7(&v, x, n, num(args, "p", NAN), nan_policy(args));
	free(x);
	if (rc == CXM_OK)
		put(out, "value", v);
	return rc;
}

static int h_durations_from_timestamps(const cJSON *args, cJSON *out)
{
	size_t nc, nr, m = 0;
	double *c = nums(args, "created", &nc), *r = nums(args, "responded", &nr);
	double *d = malloc((nc ? nc : 1) * sizeof *d);
	int rc = cxm_time_durations(d, nc, &m, c, nc, r, nr, nan_policy(args));
	if (rc == CXM_OK)
		put_doubles(out, "value", d, m);
	free(c);
	free(r);
	free(d);
	return rc;
}

/* Functions that give one number through *v (read only after the call:
 * the order in which arguments are evaluated is unspecified). */
static int one_value(int rc, const double *v, cJSON *out)
{
	if (rc == CXM_OK)
		put(out, "value", *v);
	return rc;
}

static int h_churn_rate(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_churn_rate(&v, num(args, "customers_start", NAN),
					num(args, "customers_lost", NAN)), &v, out);
}

static int h_retention_rate(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_retention_rate(&v, num(args, "customers_start", NAN),
					    num(args, "customers_end", NAN),
					    num(args, "customers_new", NAN)), &v, out);
}

static int h_repeat_purchase_rate_counts(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_repeat_purchase_rate_counts(&v, num(args, "repeat_customers", NAN),
							 num(args, "total_customers", NAN)), &v, out);
}

static int h_referral_rate(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_referral_rate(&v, num(args, "referred_customers", NAN),
					   num(args, "total_customers", NAN)), &v, out);
}

static int h_error_rate(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_error_rate(&v, num(args, "errors", NAN), num(args, "opportunities", NAN)),
			 &v, out);
}

static int h_bounce_rate_counts(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_bounce_rate_counts(&v, num(args, "single_page_sessions", NAN),
						num(args, "sessions", NAN)), &v, out);
}

static int h_repeat_purchase_rate(const cJSON *args, cJSON *out)
{
	cxm_repeat_purchase r = CXM_REPEAT_PURCHASE_INIT;
	size_t n;
	double *x = nums(args, "orders_per_customer", &n);
	int rc = cxm_repeat_purchase_rate(&r, x, n);
	free(x);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "customers", (double)r.customers);
	put_int(out, "repeat_customers", (double)r.repeat_customers);
	put(out, "rate", r.rate);
	return CXM_OK;
}

static int h_bounce_rate(const cJSON *args, cJSON *out)
{
	cxm_bounce r = CXM_BOUNCE_INIT;
	size_t n;
	double *x = nums(args, "pageviews_per_session", &n);
	int rc = cxm_bounce_rate(&r, x, n);
	free(x);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "sessions", (double)r.sessions);
	put_int(out, "bounces", (double)r.bounces);
	put(out, "rate", r.rate);
	return CXM_OK;
}

static int h_task_success(const cJSON *args, cJSON *out)
{
	cxm_task_success r = CXM_TASK_SUCCESS_INIT;
	size_t n;
	double *x = nums(args, "outcomes", &n);
	int rc = cxm_task_success_rate(&r, x, n, conf(args), zval(args));
	free(x);
	if (rc != CXM_OK)
		return rc;
	put_int(out, "n", (double)r.n);
	put_int(out, "successes", (double)r.successes);
	put(out, "rate", r.rate);
	put(out, "wilson_lower", r.wilson_lower);
	put(out, "wilson_upper", r.wilson_upper);
	put(out, "adjwald_lower", r.adjwald_lower);
	put(out, "adjwald_upper", r.adjwald_upper);
	return CXM_OK;
}

static int h_monthly_active_users(const cJSON *args, cJSON *out)
{
	size_t ni, nt, v = 0;
	const char **ids = strs(args, "user_ids", &ni);
	double *ts = nums(args, "timestamps", &nt);
	int rc = cxm_monthly_active_users(&v, ids, ni, ts, nt, num(args, "window_start", NAN),
					  num(args, "window_end", NAN), nan_policy(args));
	free(ids);
	free(ts);
	if (rc == CXM_OK)
		put_int(out, "value", (double)v);
	return rc;
}

static int h_clv_historic(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_clv_historic(&v, num(args, "aov", NAN), num(args, "purchase_frequency", NAN),
					  num(args, "lifespan", NAN), num(args, "gross_margin", 1.0)),
			 &v, out);
}

static int h_clv_historic_from_totals(const cJSON *args, cJSON *out)
{
	cxm_clv_totals r = CXM_CLV_TOTALS_INIT;
	int rc = cxm_clv_historic_from_totals(&r, num(args, "total_revenue", NAN), num(args, "n_orders", NAN),
					      num(args, "n_customers", NAN), num(args, "lifespan", NAN));
	if (rc != CXM_OK)
		return rc;
	put(out, "aov", r.aov);
	put(out, "purchase_frequency", r.purchase_frequency);
	put(out, "clv", r.clv);
	return CXM_OK;
}

static int h_clv_margin(const cJSON *args, cJSON *out)
{
	double v = 0;
	return one_value(cxm_clv_margin(&v, num(args, "margin", NAN), num(args, "retention", NAN),
					num(args, "discount", NAN)), &v, out);
}

static unsigned n_bins(const cJSON *args, const char *key)
{
	return (unsigned)num(args, key, CXM_RFM_BINS_DEFAULT);
}

static int h_rfm_rpkg_thresholds(const cJSON *args, cJSON *out)
{
	size_t n;
	unsigned b = n_bins(args, "n_bins");
	double *x = nums(args, "values", &n), *breaks = malloc((b > 1 ? b : 1) * sizeof *breaks);
	int rc = cxm_rfm_breaks(breaks, b > 1 ? b - 1 : 0, x, n);
	if (rc == CXM_OK)
		put_doubles(out, "value", breaks, b - 1);
	free(x);
	free(breaks);
	return rc;
}

/* Break points of one dimension: custom (an array in args[key]) or the quantile
 * rule with args[key] bins. *breaks is malloc'd. */
static int dimension_breaks(double **breaks, size_t *nb, const cJSON *args, const char *key,
			    const double *x, size_t n)
{
	const cJSON *spec = arg(args, key);
	unsigned b;
	if (cJSON_IsArray(spec)) {
		*breaks = nums(args, key, nb);
		return CXM_OK;
	}
	b = n_bins(args, key);
	*nb = b > 1 ? b - 1 : 0;
	*breaks = malloc((*nb ? *nb : 1) * sizeof **breaks);
	return cxm_rfm_breaks(*breaks, *nb, x, n);
}

static int h_rfm_rpkg_score(const cJSON *args, cJSON *out)
{
	size_t n, nb = 0;
	double *x = nums(args, "values", &n), *breaks = NULL, *lower = NULL, *upper = NULL;
	unsigned *scores = malloc((n ? n : 1) * sizeof *scores);
	int desc = cJSON_IsTrue(arg(args, "descending"));
	int rc = has(args, "thresholds") ? dimension_breaks(&breaks, &nb, args, "thresholds", x, n)
					 : dimension_breaks(&breaks, &nb, args, "n_bins", x, n);
	if (rc == CXM_OK) {
		lower = malloc((nb + 1) * sizeof *lower);
		upper = malloc((nb + 1) * sizeof *upper);
		rc = cxm_rfm_score(scores, n, lower, nb + 1, upper, nb + 1, x, n, breaks, nb, desc);
	}
	if (rc == CXM_OK) {
		put_uints(out, "scores", scores, n);
		put_doubles(out, "breaks", breaks, nb);
		put_doubles(out, "lower", lower, nb + 1);
		put_doubles(out, "upper", upper, nb + 1);
	}
	free(x);
	free(breaks);
	free(lower);
	free(upper);
	free(scores);
	return rc;
}

/* cxref.summarize_rfm: histograms, a positional checksum, the first 20 scores
 * and the r_02x segment counts, for the large vectors. */
static void put_hist(cJSON *out, const char *key, const unsigned *s, size_t n)
{
	cJSON *h = cJSON_AddObjectToObject(out, key);
	unsigned counts[11] = { 0 }, v;
	size_t i;
	char name[4];
	for (i = 0; i < n; i++)
		if (s[i] < 11)
			counts[s[i]]++;
	for (v = 0; v < 11; v++) {
		if (!counts[v])
			continue;
		snprintf(name, sizeof name, "%u", v);
		cJSON_AddNumberToObject(h, name, counts[v]);
	}
}

static void put_rfm_summary(cJSON *out, const unsigned *r, const unsigned *f, const unsigned *m,
			    const unsigned *rfm, size_t n)
{
	cxm_rfm_rules *rules = NULL;
	double checksum = 0;
	size_t i;
	put_hist(out, "recency_hist", r, n);
	put_hist(out, "frequency_hist", f, n);
	put_hist(out, "monetary_hist", m, n);
	for (i = 0; i < n; i++)
		checksum += (double)(i + 1) * rfm[i];
	put_int(out, "rfm_checksum", checksum);
	put_uints(out, "first20_rfm", rfm, n < 20 ? n : 20);
	if (cxm_rfm_rules_builtin(&rules, "r_02x") == CXM_OK) {
		cJSON *segs = cJSON_AddObjectToObject(out, "segments_r_02x");
		for (i = 0; i < n; i++) {
			const char *name = NULL;
			cJSON *c;
			cxm_rfm_segment(&name, rules, r[i], f[i], m[i], CXM_RFM_FIRST_MATCH);
			c = cJSON_GetObjectItemCaseSensitive(segs, name);
			if (c)
				cJSON_SetNumberValue(c, c->valuedouble + 1);
			else
				cJSON_AddNumberToObject(segs, name, 1);
		}
	}
	cxm_rfm_rules_free(rules);
}

static int h_rfm_rpkg_table(const cJSON *args, cJSON *out)
{
	size_t nr, nf, nm, nbr = 0, nbf = 0, nbm = 0, n;
	double *rv = nums(args, "recency_days", &nr), *fv = nums(args, "frequency", &nf);
	double *mv = nums(args, "monetary", &nm);
	double *br = NULL, *bf = NULL, *bm = NULL;
	unsigned *r, *f, *m, *rfm;
	int rc;

	n = nr > nf ? nr : nf;
	n = n > nm ? n : nm;
	r = malloc((n ? n : 1) * sizeof *r);
	f = malloc((n ? n : 1) * sizeof *f);
	m = malloc((n ? n : 1) * sizeof *m);
	rfm = malloc((n ? n : 1) * sizeof *rfm);
	/* Breaks per dimension (custom or quantile), then the table; the library
	 * reports NaN, emptiness and length mismatches in the reference's terms. */
	if ((rc = dimension_breaks(&br, &nbr, args, "recency_bins", rv, nr)) == CXM_OK &&
	    (rc = dimension_breaks(&bf, &nbf, args, "frequency_bins", fv, nf)) == CXM_OK &&
	    (rc = dimension_breaks(&bm, &nbm, args, "monetary_bins", mv, nm)) == CXM_OK)
		rc = cxm_rfm_table(r, n, f, n, m, n, rfm, n, rv, nr, fv, nf, mv, nm, br, nbr, bf, nbf, bm, nbm);
	if (rc == CXM_OK) {
		put_uints(out, "recency_score", r, n);
		put_uints(out, "frequency_score", f, n);
		put_uints(out, "monetary_score", m, n);
		put_uints(out, "rfm_score", rfm, n);
		put_doubles(out, "recency_breaks", br, nbr);
		put_doubles(out, "frequency_breaks", bf, nbf);
		put_doubles(out, "monetary_breaks", bm, nbm);
		put_rfm_summary(out, r, f, m, rfm, n);
	}
	free(rv);
	free(fv);
	free(mv);
	free(br);
	free(bf);
	free(bm);
	free(r);
	free(f);
	free(m);
	free(rfm);
	return rc;
}

/* A date argument: an ISO string or a day number. */
static int day_of(double *day, const cJSON *item)
{
	if (cJSON_IsString(item))
		return cxm_date_parse(day, item->valuestring);
	*day = as_number(item);
	return CXM_OK;
}

static int h_rfm_aggregate_orders(const cJSON *args, cJSON *out)
{
	size_t ni, nr, nd, i = 0, count;
	const char **ids = strs(args, "customer_ids", &ni);
	double *rev = nums(args, "revenues", &nr), analysis = 0;
	const cJSON *dates = arg(args, "order_dates"), *item;
	double *days;
	cxm_table *c = NULL;
	int rc = CXM_OK;
	nd = (size_t)cJSON_GetArraySize(dates);
	days = malloc((nd ? nd : 1) * sizeof *days);
	cJSON_ArrayForEach(item, dates)
		if (rc == CXM_OK)
			rc = day_of(&days[i++], item);
	if (rc == CXM_OK)
		rc = day_of(&analysis, arg(args, "analysis_date"));
	if (rc == CXM_OK)
		rc = cxm_rfm_customers_aggregate(&c, ids, ni, days, nd, rev, nr, analysis);
	if (rc == CXM_OK) {
		/* the table's columns: customer_id, recency_days, transaction_count, amount */
		cJSON *idl = cJSON_AddArrayToObject(out, "customer_id");
		const char *const *id = cxm_table_texts(c, 0);
		count = cxm_table_rows(c);
		for (i = 0; i < count; i++)
			cJSON_AddItemToArray(idl, cJSON_CreateString(id[i]));
		put_doubles(out, "recency_days", cxm_table_numbers(c, 1), count);
		put_doubles(out, "transaction_count", cxm_table_numbers(c, 2), count);
		cJSON_AddItemToArray(int_keys, cJSON_CreateString("transaction_count"));
		put_doubles(out, "amount", cxm_table_numbers(c, 3), count);
	}
	cxm_table_free(c);
	free(ids);
	free(rev);
	free(days);
	return rc;
}

static int h_rfm_rank_qcut_scores(const cJSON *args, cJSON *out)
{
	size_t n;
	double *x = nums(args, "values", &n);
	unsigned *s = malloc((n ? n : 1) * sizeof *s);
	int rc = cxm_rfm_rank_qcut(s, n, x, n, n_bins(args, "n_bins"), cJSON_IsTrue(arg(args, "descending")));
	if (rc == CXM_OK)
		put_uints(out, "value", s, n);
	free(x);
	free(s);
	return rc;
}

/* rules: a built-in name, or a list of [name, [r_lo, r_hi], [f_lo, f_hi], [m_lo, m_hi]]. */
static int rules_of(cxm_rfm_rules **rules, const cJSON *spec)
{
	const cJSON *row;
	int rc;
	if (spec == NULL || cJSON_IsString(spec))
		return cxm_rfm_rules_builtin(rules, spec ? spec->valuestring : "r_02x");
	if ((rc = cxm_rfm_rules_new(rules)) < 0)
		return rc;
	cJSON_ArrayForEach(row, spec) {
		unsigned b[6];
		int k;
		for (k = 0; k < 6; k++)
			b[k] = (unsigned)as_number(cJSON_GetArrayItem(cJSON_GetArrayItem(row, 1 + k / 2), k % 2));
		rc = cxm_rfm_rules_add(*rules, cJSON_GetArrayItem(row, 0)->valuestring, b[0], b[1], b[2],
				       b[3], b[4], b[5]);
		if (rc < 0)
			return rc;
	}
	return CXM_OK;
}

static int h_rfm_segment(const cJSON *args, cJSON *out)
{
	cxm_rfm_rules *rules = NULL;
	const char *name = NULL, *match = str(args, "match", "first");
	int mode = -1; /* an unknown word: the library reports the bad match */
	int rc = rules_of(&rules, arg(args, "rules"));
	if (cxm_names_parse(&mode, CXM_NAMES_RFM_MATCH, match) < 0)
		mode = -1;
	if (rc == CXM_OK)
		rc = cxm_rfm_segment(&name, rules, (unsigned)num(args, "r", 0), (unsigned)num(args, "f", 0),
				     (unsigned)num(args, "m", 0), mode);
	if (rc == CXM_OK)
		cJSON_AddStringToObject(out, "value", name);
	cxm_rfm_rules_free(rules);
	return rc;
}

static int h_round_half_away(const cJSON *args, cJSON *out)
{
	put(out, "value", cxm_round_half_away(num(args, "x", NAN)));
	return CXM_OK;
}

static const struct {
	const char *name;
	handler fn;
} handlers[] = {
	{ "nps_from_scores", h_nps_from_scores },
	{ "nps_from_counts", h_nps_from_counts },
	{ "nps_wald", h_nps_wald },
	{ "nps_adjusted_wald", h_nps_adjusted_wald },
	{ "nps_trinomial_t", h_nps_trinomial_t },
	{ "nps_compare", h_nps_compare },
	{ "nps_weighted", h_nps_weighted },
	{ "kish_n_eff", h_kish_n_eff },
	{ "csat", h_csat },
	{ "wilson", h_wilson },
	{ "adjusted_wald_proportion", h_adjusted_wald_proportion },
	{ "ces_5pt", h_ces_5pt },
	{ "ces_7pt", h_ces_7pt },
	{ "time_summary", h_time_summary },
	{ "average_from_total", h_average_from_total },
	{ "quantile_type7", h_quantile_type7 },
	{ "durations_from_timestamps", h_durations_from_timestamps },
	{ "churn_rate", h_churn_rate },
	{ "retention_rate", h_retention_rate },
	{ "repeat_purchase_rate", h_repeat_purchase_rate },
	{ "repeat_purchase_rate_counts", h_repeat_purchase_rate_counts },
	{ "referral_rate", h_referral_rate },
	{ "error_rate", h_error_rate },
	{ "bounce_rate", h_bounce_rate },
	{ "bounce_rate_counts", h_bounce_rate_counts },
	{ "task_success", h_task_success },
	{ "monthly_active_users", h_monthly_active_users },
	{ "clv_historic", h_clv_historic },
	{ "clv_historic_from_totals", h_clv_historic_from_totals },
	{ "clv_margin", h_clv_margin },
	{ "rfm_rpkg_thresholds", h_rfm_rpkg_thresholds },
	{ "rfm_rpkg_score", h_rfm_rpkg_score },
	{ "rfm_rpkg_table", h_rfm_rpkg_table },
	{ "rfm_aggregate_orders", h_rfm_aggregate_orders },
	{ "rfm_rank_qcut_scores", h_rfm_rank_qcut_scores },
	{ "rfm_segment", h_rfm_segment },
	{ "round_half_away", h_round_half_away },
};

/* ---- comparing ------------------------------------------------------------------ */

static int is_int_key(const char *key)
{
	const cJSON *k;
	cJSON_ArrayForEach(k, int_keys)
		if (strcmp(k->valuestring, key) == 0)
			return 1;
	return 0;
}

static int close_enough(double got, double exp, int exact)
{
	if (isnan(exp))
		return isnan(got);
	if (isinf(exp))
		return got == exp;
	if (exact)
		return got == exp;
	return fabs(got - exp) <= 1e-9 + 1e-9 * fabs(exp);
}

/* Compare one expected value; on mismatch write why into `why`. */
static int same(const cJSON *got, const cJSON *exp, int exact, char *why, size_t len, const char *key)
{
	if (cJSON_IsNull(exp)) {
		if (cJSON_IsNull(got))
			return 1;
		snprintf(why, len, "%s: expected null", key);
		return 0;
	}
	if (cJSON_IsString(exp) && !cJSON_IsString(got)) { /* "NaN", "Infinity" */
		if (cJSON_IsNumber(got) && close_enough(got->valuedouble, as_number(exp), 1))
			return 1;
		snprintf(why, len, "%s: expected %s", key, exp->valuestring);
		return 0;
	}
	if (cJSON_IsString(exp)) {
		if (strcmp(got->valuestring, exp->valuestring) == 0)
			return 1;
		snprintf(why, len, "%s: got \"%s\", expected \"%s\"", key, got->valuestring, exp->valuestring);
		return 0;
	}
	if (cJSON_IsNumber(exp)) {
		if (cJSON_IsNumber(got) && close_enough(got->valuedouble, exp->valuedouble, exact))
			return 1;
		snprintf(why, len, "%s: got %.17g, expected %.17g", key,
			 cJSON_IsNumber(got) ? got->valuedouble : NAN, exp->valuedouble);
		return 0;
	}
	if (cJSON_IsArray(exp) || cJSON_IsObject(exp)) {
		const cJSON *e;
		int i = 0;
		if (cJSON_GetArraySize(got) != cJSON_GetArraySize(exp) ||
		    cJSON_IsArray(got) != cJSON_IsArray(exp)) {
			snprintf(why, len, "%s: got %d items, expected %d", key, cJSON_GetArraySize(got),
				 cJSON_GetArraySize(exp));
			return 0;
		}
		cJSON_ArrayForEach(e, exp) {
			const cJSON *g = cJSON_IsArray(exp) ? cJSON_GetArrayItem(got, i)
							    : cJSON_GetObjectItemCaseSensitive(got, e->string);
			char sub[128];
			snprintf(sub, sizeof sub, "%s[%s%d]", key, cJSON_IsArray(exp) ? "" : e->string,
				 cJSON_IsArray(exp) ? i : 0);
			if (g == NULL) {
				snprintf(why, len, "%s: missing", sub);
				return 0;
			}
			/* object members here are counts (histograms, segments): exact */
			if (!same(g, e, exact || cJSON_IsObject(exp), why, len, sub))
				return 0;
			i++;
		}
		return 1;
	}
	snprintf(why, len, "%s: unsupported expected value", key);
	return 0;
}

static int run_one(const cJSON *v, char *why, size_t len)
{
	const char *fn = cJSON_GetObjectItemCaseSensitive(v, "function")->valuestring;
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(v, "args");
	const cJSON *expected = cJSON_GetObjectItemCaseSensitive(v, "expected");
	const cJSON *expected_error = cJSON_GetObjectItemCaseSensitive(v, "expected_error");
	cJSON *out = cJSON_CreateObject();
	const cJSON *e;
	size_t i;
	int rc = 0, found = 0, ok = 1;

	int_keys = cJSON_CreateArray();
	for (i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
		if (strcmp(handlers[i].name, fn) == 0) {
			rc = handlers[i].fn(args, out);
			found = 1;
			break;
		}
	}
	if (!found) {
		snprintf(why, len, "no C handler for function '%s'", fn);
		ok = 0;
	} else if (expected_error) {
		if (rc >= 0 || strcmp(cxm_error_name(rc), expected_error->valuestring) != 0) {
			snprintf(why, len, "expected error %s, got %s (%s)", expected_error->valuestring,
				 cxm_error_name(rc), rc < 0 ? cxm_error_last()->message : "success");
			ok = 0;
		}
	} else if (rc < 0) {
		snprintf(why, len, "unexpected error: %s", cxm_error_last()->message);
		ok = 0;
	} else {
		cJSON_ArrayForEach(e, expected) {
			const cJSON *g = cJSON_GetObjectItemCaseSensitive(out, e->string);
			if (g == NULL) {
				snprintf(why, len, "result has no '%s'", e->string);
				ok = 0;
				break;
			}
			if (!same(g, e, is_int_key(e->string), why, len, e->string)) {
				ok = 0;
				break;
			}
		}
	}
	cJSON_Delete(out);
	cJSON_Delete(int_keys);
	return ok;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)size + 1);
	*len = fread(buf, 1, (size_t)size, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	const char *path = getenv("CXM_VECTORS");
	const cJSON *v;
	cJSON *root;
	size_t len = 0, passed = 0, failed = 0;
	char *text;

	if (path == NULL || *path == '\0')
		path = argc > 1 ? argv[1] : "tests/data/vectors_expanded.json";
	if ((text = read_file(path, &len)) == NULL) {
		fprintf(stderr, "run_vectors: cannot read %s\n", path);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	root = cJSON_ParseWithLength(text, len);
	free(text);
	if (root == NULL || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "vectors"))) {
		fprintf(stderr, "run_vectors: %s is not a vectors file\n", path);
		printf("0 passed, 1 failed\n");
		cJSON_Delete(root);
		return 1;
	}
	printf("vectors: %s\n", path);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(root, "vectors")) {
		char why[512] = "";
		if (run_one(v, why, sizeof why)) {
			passed++;
		} else {
			failed++;
			printf("FAIL %s: %s\n", cJSON_GetObjectItemCaseSensitive(v, "id")->valuestring, why);
		}
	}
	cJSON_Delete(root);
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}
