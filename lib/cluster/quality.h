/*
 * lib/cluster/quality.h - what the quality measures share (spec §14.4-§14.7):
 * the checked view of data and labels, the dissimilarity of mixed rows, the
 * seeded row sample and the adjusted Rand index of compact labels.
 */
#ifndef CXM_CLUSTER_QUALITY_H
#define CXM_CLUSTER_QUALITY_H

#include <stddef.h>
#include <stdint.h>
#include "cluster_internal.h"

/* Streams of the seeded random choices of the quality functions
 * (cxm__rng_init(seed, stream)); each a fixed number so that one never
 * reuses another's sequence. */
#define CXM__STREAM_SAMPLE 0x5a11ULL        /* cxm_cluster_sample_rows */
#define CXM__STREAM_GAP 0x6a900000ULL       /* + reference b (gap statistic) */
#define CXM__STREAM_BOOT 0xb0070000ULL      /* + bootstrap sample b (stability) */

/* Data and labels checked once: rows x p numbers, rows x n_cat codes, the
 * labels, k = max label + 1 and the rows per label (every label has one). */
typedef struct cxm__qdata {
	const double *x;
	size_t p;
	const uint32_t *codes;
	size_t n_cat;
	double gamma;
	const uint32_t *labels;
	size_t rows, k;
	size_t *sizes; /* k entries, allocated */
} cxm__qdata;

/**
 * Check x / codes / gamma (cxm__quality_check_features), then the labels:
 * one per row, every label 0 .. max having a row (BAD_ARG naming the first
 * empty one), at least 2 clusters and fewer clusters than rows (TOO_FEW).
 */
int cxm__quality_check(cxm__qdata *q, const double *x, size_t n_x, size_t n_cols, const uint32_t *codes,
		       size_t n_codes, size_t n_cat, double gamma, const uint32_t *labels, size_t n_labels);

/**
 * Check the features alone: numbers (NaN / infinities naming row and
 * column), codes (shape, rows agreeing with the numbers), gamma (finite, >=
 * 0, when there are codes); at least one feature and one row (EMPTY).
 */
int cxm__quality_check_features(size_t *rows, const double *x, size_t n_x, size_t n_cols, const uint32_t *codes,
				size_t n_codes, size_t n_cat, double gamma);

/**
 * Labels 0 .. max, one per row: k = max + 1 and the rows of each (*sizes
 * allocated, k entries). BAD_ARG names the first label without a row.
 */
int cxm__quality_labels(size_t *k, size_t **sizes, const uint32_t *labels, size_t n_labels, size_t rows);

void cxm__qdata_free(cxm__qdata *q);

/** gamma x the mismatches of two rows of n_cat codes. */
static inline double cxm__mismatch(const uint32_t *a, const uint32_t *b, size_t n_cat, double gamma)
{
	size_t l, m = 0;
	for (l = 0; l < n_cat; l++)
		m += a[l] != b[l];
	return gamma * (double)m;
}

/** The sample of cxm_cluster_sample_rows (arguments checked by the caller). */
void cxm__sample_rows(size_t *out, size_t rows, size_t sample, uint64_t seed);

/** The adjusted Rand index of labels a (0 .. ka - 1) and b (0 .. kb - 1). NOMEM only. */
int cxm__ari_compact(double *out, const uint32_t *a, size_t ka, const uint32_t *b, size_t kb, size_t n);

/** The ARI from the pair counts (sum of squared table cells, row and column sums). */
double cxm__ari_from_sums(uint64_t n, uint64_t sum_nij2, uint64_t sum_a2, uint64_t sum_b2);

/* ---- fits for choose_k and stability ---------------------------------------- */

/** The data every fit of choose_k / stability reads (checked by the fits). */
typedef struct cxm__qfit {
	const double *x;
	size_t n_x, n_cols;
	const uint32_t *codes;
	size_t n_codes, n_cat;
	const uint32_t *levels;
	size_t n_levels;
} cxm__qfit;

/**
 * The options of the fits a quality function runs: the caller's (or the
 * defaults) with k set, without progress; without the initial centres and
 * modes when drop_init (choose_k: k varies).
 */
void cxm__qfit_opts(cxm_cluster_opts *o, const cxm_cluster_opts *opts, int drop_init);

/** k-means, or k-prototypes when there are codes, on d with o; labels n_labels of them. */
int cxm__qfit_run(cxm_cluster_model **model, uint32_t *labels, size_t n_labels, const cxm__qfit *d,
		  const cxm_cluster_opts *o);

/**
 * The gap statistic (spec §14.5) for k = k_min .. k_max: log_w[i] the log
 * of the cost of the data's fit at k_min + i (given), fills gap[i] and
 * sd[i] (s_k) from `references` uniform reference sets fitted with o (its
 * gamma fixed to the data's). progress: called after each reference fit.
 */
int cxm__gap(double *gap, double *sd, const double *log_w, const cxm__qfit *d, size_t rows, size_t k_min,
	     size_t k_max, size_t references, cxm_cluster_opts *o, cxm_cluster_progress_fn progress, void *user,
	     size_t *step, size_t total);

#endif
