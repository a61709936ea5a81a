/* lib/scores/acc.c - mergeable score accumulators (per-point counts, exact weight sums); results through the kernels of counts.c. */
#include <math.h>
#include <string.h>
#include "scores_internal.h"
#include "xsum.h"

struct cxm_score_acc {
	int lo, hi;
	uint64_t *count;      /* rows per scale point, weighted or not */
	uint64_t *unweighted; /* rows per point added with weight 1 */
	cxm__xsum *wsum;      /* exact sum of explicit weights per point */
	cxm__xsum w2sum;      /* exact sum of the explicit weights' squares (each rounded once) */
	uint64_t n_pos;       /* explicitly weighted rows with weight > 0 */
};

static size_t points(const cxm_score_acc *acc)
{
	return (size_t)(acc->hi - acc->lo + 1);
}

cxm_status cxm_score_acc_new(cxm_score_acc **out, int scale_lo, int scale_hi)
{
	cxm_score_acc *acc;
	size_t k;
	int rc;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_score_acc **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_scale(scale_lo, scale_hi)) < 0)
		return rc;
	if (!(acc = cxm__calloc(1, sizeof *acc)))
		return cxm__fail(CXM_ENOMEM, "cxm_score_acc_new: out of memory");
	acc->lo = scale_lo;
	acc->hi = scale_hi;
	k = points(acc);
	acc->count = cxm__calloc(k, sizeof *acc->count);
	acc->unweighted = cxm__calloc(k, sizeof *acc->unweighted);
	acc->wsum = cxm__calloc(k, sizeof *acc->wsum);
	if (!acc->count || !acc->unweighted || !acc->wsum) {
		cxm_score_acc_free(acc);
		return cxm__fail(CXM_ENOMEM, "cxm_score_acc_new: out of memory for %zu points", k);
	}
	cxm_score_acc_reset(acc);
	*out = acc;
	return CXM_OK;
}

void cxm_score_acc_free(cxm_score_acc *acc)
{
	if (acc == NULL)
		return;
	cxm__free(acc->count);
	cxm__free(acc->unweighted);
	cxm__free(acc->wsum);
	cxm__free(acc);
}

cxm_status cxm_score_acc_reset(cxm_score_acc *acc)
{
	size_t k;
	if (acc == NULL)
		return cxm__fail(CXM_EBAD_ARG, "accumulator is NULL");
	memset(acc->count, 0, points(acc) * sizeof *acc->count);
	memset(acc->unweighted, 0, points(acc) * sizeof *acc->unweighted);
	for (k = 0; k < points(acc); k++)
		cxm__xsum_init(&acc->wsum[k]);
	cxm__xsum_init(&acc->w2sum);
	acc->n_pos = 0;
	return CXM_OK;
}

static void add_counts(cxm_score_acc *acc, const uint64_t *counts)
{
	size_t k;
	for (k = 0; k < points(acc); k++) {
		acc->count[k] += counts[k];
		acc->unweighted[k] += counts[k];
	}
}

/* Add validated answers (NaN skipped), weight 1 each. */
static void add_doubles(cxm_score_acc *acc, const double *scores, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		size_t k;
		if (isnan(scores[i]))
			continue;
		k = (size_t)((int)scores[i] - acc->lo);
		acc->count[k]++;
		acc->unweighted[k]++;
	}
}

cxm_status cxm_score_acc_add(cxm_score_acc *acc, const double *scores, size_t n, int nan_policy)
{
	int rc;
	if (acc == NULL)
		return cxm__fail(CXM_EBAD_ARG, "accumulator is NULL");
	if ((rc = cxm__check_scores(scores, n, acc->lo, acc->hi, nan_policy, NULL, "scores")) < 0)
		return rc;
	add_doubles(acc, scores, n);
	return CXM_OK;
}

int cxm__score_acc_add_at(cxm_score_acc *acc, const double *scores, size_t n, int nan_policy, size_t *bad)
{
	int rc;
	*bad = n;
	if (acc == NULL)
		return cxm__fail(CXM_EBAD_ARG, "accumulator is NULL");
	if ((rc = cxm__check_scores_at(scores, n, acc->lo, acc->hi, nan_policy, bad, "scores")) < 0)
		return rc;
	add_doubles(acc, scores, n);
	return CXM_OK;
}

cxm_status cxm_score_acc_add_u8(cxm_score_acc *acc, const uint8_t *scores, size_t n)
{
	uint64_t counts[256];
	int rc;
	if (acc == NULL)
		return cxm__fail(CXM_EBAD_ARG, "accumulator is NULL");
	if (acc->lo < 0 || acc->hi > 255)
		return cxm__fail(CXM_EBAD_ARG, "byte answers need a scale inside 0..255, not %d..%d",
				 acc->lo, acc->hi);
	if ((rc = cxm__check_array(scores, n, "scores")) < 0 ||
	    (rc = cxm__tally_u8(counts, scores, n, acc->lo, acc->hi)) < 0)
		return rc;
	add_counts(acc, counts);
	return CXM_OK;
}

static int check_weights(const double *s, const double *w, size_t n)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++) {
		if (isnan(s[i]))
			continue; /* the row was omitted with its score */
		if ((rc = cxm__check_weight(w[i], i)) < 0)
			return rc;
	}
	return CXM_OK;
}

cxm_status cxm_score_acc_add_weighted(cxm_score_acc *acc, const double *scores, size_t n_scores,
			       const double *weights, size_t n_weights, int nan_policy)
{
	size_t i;
	int rc;
	if (acc == NULL)
		return cxm__fail(CXM_EBAD_ARG, "accumulator is NULL");
	if (n_scores != n_weights)
		return cxm__fail(CXM_EBAD_ARG, "scores has %zu entries but weights has %zu", n_scores, n_weights);
	if ((rc = cxm__check_array(weights, n_weights, "weights")) < 0 ||
	    (rc = cxm__check_scores(scores, n_scores, acc->lo, acc->hi, nan_policy, NULL, "scores")) < 0 ||
	    (rc = check_weights(scores, weights, n_scores)) < 0)
		return rc;
	for (i = 0; i < n_scores; i++) {
		size_t k;
		if (isnan(scores[i]))
			continue;
		k = (size_t)((int)scores[i] - acc->lo);
		acc->count[k]++;
		cxm__xsum_add(&acc->wsum[k], weights[i]);
		cxm__xsum_add(&acc->w2sum, weights[i] * weights[i]);
		if (weights[i] > 0.0)
			acc->n_pos++;
	}
	return CXM_OK;
}

cxm_status cxm_score_acc_merge(cxm_score_acc *acc, const cxm_score_acc *other)
{
	size_t k;
	if (acc == NULL || other == NULL)
		return cxm__fail(CXM_EBAD_ARG, "accumulator is NULL");
	if (acc->lo != other->lo || acc->hi != other->hi)
		return cxm__fail(CXM_EBAD_ARG, "cannot merge scale %d..%d into scale %d..%d",
				 other->lo, other->hi, acc->lo, acc->hi);
	for (k = 0; k < points(acc); k++) {
		acc->count[k] += other->count[k];
		acc->unweighted[k] += other->unweighted[k];
		cxm__xsum_merge(&acc->wsum[k], &other->wsum[k]);
	}
	cxm__xsum_merge(&acc->w2sum, &other->w2sum);
	acc->n_pos += other->n_pos;
	return CXM_OK;
}

size_t cxm_score_acc_n(const cxm_score_acc *acc)
{
	uint64_t n = 0;
	size_t k;
	if (acc == NULL)
		return 0;
	for (k = 0; k < points(acc); k++)
		n += acc->count[k];
	return (size_t)n;
}

size_t cxm_score_acc_count(const cxm_score_acc *acc, int score)
{
	if (acc == NULL || score < acc->lo || score > acc->hi)
		return 0;
	return (size_t)acc->count[score - acc->lo];
}

cxm_status cxm_score_acc_nps(cxm_nps_result *out, const cxm_score_acc *acc)
{
	uint64_t p, pa, d;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_RESULT_VERSION, "cxm_nps_result")) < 0 ||
	    (rc = cxm__check_ptr(acc, "accumulator")) < 0 ||
	    (rc = cxm__nps_split(&p, &pa, &d, acc->count, acc->lo, acc->hi)) < 0)
		return rc;
	return cxm__nps_from_counts(out, p, pa, d);
}

/* Exact weight sum of the points from..to, unweighted rows counting 1 each. */
static void weight_sum(cxm__xsum *s, const cxm_score_acc *acc, int from, int to)
{
	int v;
	cxm__xsum_init(s);
	for (v = from; v <= to; v++) {
		cxm__xsum_merge(s, &acc->wsum[v - acc->lo]);
		cxm__xsum_add(s, (double)acc->unweighted[v - acc->lo]);
	}
}

cxm_status cxm_score_acc_nps_weighted(cxm_nps_weighted_result *out, const cxm_score_acc *acc,
			       double conf, double z)
{
	cxm__xsum all, prom, detr, w2;
	uint64_t n = 0, n_unweighted = 0;
	double W, W2, p, d, zc, v;
	size_t k;
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_NPS_WEIGHTED_RESULT_VERSION, "cxm_nps_weighted_result")) < 0 ||
	    (rc = cxm__check_ptr(acc, "accumulator")) < 0)
		return rc;
	if (!((acc->lo == 0 || acc->lo == 1) && acc->hi == 10))
		return cxm__fail(CXM_EBAD_ARG, "NPS needs a 0..10 or 1..10 scale, not %d..%d", acc->lo, acc->hi);
	for (k = 0; k < points(acc); k++) {
		n += acc->count[k];
		n_unweighted += acc->unweighted[k];
	}
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "no responses");
	weight_sum(&all, acc, acc->lo, acc->hi);
	W = cxm__xsum_round(&all);
	if (!(W > 0.0))
		return cxm__fail(CXM_EBAD_WEIGHTS, "the weights sum to zero");
	if ((rc = cxm__crit(&zc, conf, z)) < 0)
		return rc;
	weight_sum(&prom, acc, CXM__NPS_PROMOTER_MIN, acc->hi);
	weight_sum(&detr, acc, acc->lo, CXM__NPS_DETRACTOR_MAX);
	w2 = acc->w2sum;
	cxm__xsum_add(&w2, (double)n_unweighted);
	W2 = cxm__xsum_round(&w2);
	p = cxm__xsum_round(&prom) / W;
	d = cxm__xsum_round(&detr) / W;
	v = p + d - (p - d) * (p - d);
	out->n = (size_t)n;
	out->n_pos = (size_t)(acc->n_pos + n_unweighted);
	out->sum_w = W;
	out->sum_w2 = W2;
	out->n_eff = W * W / W2;
	out->deff = (double)out->n_pos / out->n_eff;
	out->pct_promoters = 100.0 * p;
	out->pct_detractors = 100.0 * d;
	out->nps = 100.0 * (p - d);
	out->var_unit = v > 0.0 ? v : 0.0;
	out->se = 100.0 * sqrt(out->var_unit / out->n_eff);
	out->z = zc;
	out->moe = zc * out->se;
	out->lower = out->nps - out->moe;
	out->upper = out->nps + out->moe;
	return CXM_OK;
}

cxm_status cxm_score_acc_csat(cxm_csat_result *out, const cxm_score_acc *acc, int threshold, double conf,
		       double z)
{
	int rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CSAT_RESULT_VERSION, "cxm_csat_result")) < 0 ||
	    (rc = cxm__check_ptr(acc, "accumulator")) < 0)
		return rc;
	return cxm__csat_from_counts(out, acc->count, acc->lo, acc->hi, threshold, conf, z);
}

cxm_status cxm_score_acc_ces(cxm_ces_result *out, const cxm_score_acc *acc, double conf, double z)
{
	int agree, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__check_ptr(acc, "accumulator")) < 0)
		return rc;
	if (!(acc->lo == 1 && (acc->hi == 5 || acc->hi == 7)))
		return cxm__fail(CXM_EBAD_ARG, "CES needs a 1..5 or 1..7 accumulator, not %d..%d "
				 "(cxm_score_acc_ces_scaled takes any scale)", acc->lo, acc->hi);
	if ((rc = cxm_ces_default_agree(&agree, acc->lo, acc->hi)) < 0)
		return rc;
	return cxm__ces_from_counts(out, acc->count, acc->lo, acc->hi, agree, conf, z);
}

cxm_status cxm_score_acc_ces_scaled(cxm_ces_result *out, const cxm_score_acc *acc, int agree, double conf,
				    double z)
{
	int a, rc;
	if ((rc = CXM__CHECK_OUT(out, CXM_CES_RESULT_VERSION, "cxm_ces_result")) < 0 ||
	    (rc = cxm__check_ptr(acc, "accumulator")) < 0 || (rc = cxm__ces_agree(&a, acc->lo, acc->hi, agree)) < 0)
		return rc;
	return cxm__ces_from_counts(out, acc->count, acc->lo, acc->hi, a, conf, z);
}
