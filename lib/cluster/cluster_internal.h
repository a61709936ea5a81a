/*
 * lib/cluster/cluster_internal.h - what the clustering files share: the
 * model, the options and the distance kernels (spec §14).
 */
#ifndef CXM_CLUSTER_INTERNAL_H
#define CXM_CLUSTER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/cluster.h"

struct cxm_cluster_opts {
	size_t k;                 /* 8 */
	uint64_t seed;            /* CXM_CLUSTER_SEED_DEFAULT */
	double *init;             /* NULL, or a copy of the initial centres */
	size_t n_init_values;     /* entries of init */
	uint32_t *init_modes;     /* NULL, or a copy of the initial modes */
	size_t n_init_modes;
	unsigned int n_init;      /* 1 */
	unsigned int max_iterations; /* CXM_CLUSTER_MAX_ITERATIONS_DEFAULT */
	double tol;               /* CXM_CLUSTER_TOL_DEFAULT */
	size_t batch_size;        /* 0: Lloyd */
	double gamma;             /* NaN: Huang's rule */
	unsigned int threads;     /* 0: all cores */
	cxm_cluster_progress_fn progress;
	void *progress_user;
};

/* The defaults, for a NULL options pointer. */
extern const cxm_cluster_opts cxm__cluster_opts_default;

struct cxm_cluster_model {
	int kind;                 /* cxm_cluster_kind */
	size_t k, n_cols, n_cat, rows;
	double *centres;          /* k x n_cols */
	uint32_t *modes;          /* k x n_cat */
	uint32_t *levels;         /* n_cat level counts */
	double *sizes;            /* k */
	double cost, gamma;       /* gamma NaN for k-means */
	unsigned int iterations, converged;
	char **names;             /* NULL, or n_cols + n_cat names */
	char ***level_names;      /* NULL, or per categorical column NULL / levels[j] texts */
};

/** A zeroed model of the given shape with its arrays allocated (NULL on NOMEM, error set). */
cxm_cluster_model *cxm__cluster_model_alloc(int kind, size_t k, size_t n_cols, size_t n_cat);

/**
 * d[i * k + j] = ||x_i - c_j||^2 for the m rows of x (row-major, p columns)
 * and the k centres c (row-major), in the ||x||^2 - 2 x.c + ||c||^2 form:
 * xnorm[i] = ||x_i||^2 and cnorm[j] = ||c_j||^2 are given; negative results
 * (rounding) are clipped to 0 as scikit-learn does.
 */
void cxm__sqdist_block(double *d, const double *x, size_t m, const double *c, size_t k, size_t p,
		       const double *xnorm, const double *cnorm);

/** ||x_i||^2 of m rows of p columns into out[0..m-1]. */
void cxm__row_norms(double *out, const double *x, size_t m, size_t p);

/**
 * Check the numeric matrix (NULL, shape, NaN, +-inf naming row and column)
 * and give its row count; `what` names the argument in messages.
 */
int cxm__cluster_check_x(size_t *rows, const double *x, size_t n_x, size_t n_cols, const char *what);

/**
 * The k-prototypes dissimilarity (spec §14.2) of one row - x: n_cols numbers,
 * codes: n_cat level codes - to each of k prototypes (centres k x n_cols,
 * modes k x n_cat, row-major): d[j] = sum_l (c_jl - x_l)^2 + gamma x #{l :
 * modes_jl != codes_l}, the squares added in numpy's pairwise order as
 * kmodes does. A code no mode has (one the model never saw) is a mismatch
 * with every mode. x may be NULL when n_cols = 0.
 */
void cxm__kproto_dissim(double *d, const double *x, const uint32_t *codes, const double *centres,
			const uint32_t *modes, size_t k, size_t n_cols, size_t n_cat, double gamma);

/** The nearest of the k prototypes to one row (the lowest index of equal ones), its dissimilarity into *cost. */
uint32_t cxm__kproto_nearest(double *cost, const double *x, const uint32_t *codes, const double *centres,
			     const uint32_t *modes, size_t k, size_t n_cols, size_t n_cat, double gamma);

#endif
