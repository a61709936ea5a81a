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
	unsigned int k_set;       /* 1 once cxm_cluster_opts_set_k was called */
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
 * The k of a fit: the rows of the initial centres (n_init_values / n_cols)
 * or modes (n_init_modes / n_cat) when the options give them, else opts->k.
 * Modes are read only when n_cat > 0 (k-means ignores them).
 * BAD_ARG when the given initial values are not whole rows, when centres
 * and modes disagree on k, or when k was set too and differs.
 */
int cxm__cluster_resolve_k(size_t *k, const cxm_cluster_opts *opts, size_t n_cols, size_t n_cat);

/* ---- nearest centres (the Lloyd kernel, also used by assign and mini-batch) ----
 * The centres in the layout the kernel reads: groups of 8 (the last one
 * padded), per group p x 8 values -2 c_jf (column f of the 8 centres side by
 * side) and the 8 ||c_j||^2 (+inf for padding). The kernel gives each row
 * the centre of the least ||c||^2 - 2 x.c (scikit-learn's form; ties to the
 * lowest label), with FMA on the AVX-512 and AVX2 paths (the same bits on
 * both; the SSE2 path, without FMA, may differ in the last bits). */
typedef struct cxm__kcentres {
	size_t k, p, groups;
	size_t pw;  /* the row width of c2: p padded to 4, 8 or 16 when at most 16 */
	double *ct; /* groups x p x 8 */
	double *cn; /* groups x 8 */
	double *c2; /* k x pw: -2 c, row-major, zero padded */
} cxm__kcentres;

/** Allocate for k centres of p columns and load c (NOMEM with a message). */
int cxm__kcentres_init(cxm__kcentres *kc, const double *c, size_t k, size_t p);
/** Load new centres of the same shape. */
void cxm__kcentres_load(cxm__kcentres *kc, const double *c);
void cxm__kcentres_free(cxm__kcentres *kc);
/**
 * labels[i] = the nearest centre of row i of x (m rows of kc->p columns);
 * dist (NULL: not wanted) gets max(0, ||x||^2 + the least ||c||^2 - 2 x.c),
 * the squared distance by the expansion (rounding as such).
 */
void cxm__kcentres_nearest(uint32_t *labels, double *dist, const double *x, size_t m, const cxm__kcentres *kc);

/** Squared Euclidean distance of two p-vectors, summed in column order. */
static inline double cxm__sqdist(const double *a, const double *b, size_t p)
{
	double s = 0.0;
	size_t f;
	for (f = 0; f < p; f++) {
		double d = a[f] - b[f];
		s += d * d;
	}
	return s;
}

/* ---- k-means pieces (kmeans.c, kmeans_init.c, minibatch.c) ------------------ */

/** The threads to use for opts->threads (0: cxm__default_threads()). */
unsigned cxm__cluster_threads(const cxm_cluster_opts *opts);

/**
 * cxm__cluster_check_x and the tolerance in one parallel pass: rows,
 * and tol_abs = tol x the mean over columns of the population variance (as
 * scikit-learn's _tolerance). Errors as cxm__cluster_check_x (NaN and
 * infinities named by row and column), NOMEM.
 */
int cxm__cluster_scan_x(size_t *rows, double *tol_abs, const double *x, size_t n_x, size_t p, double tol,
			unsigned threads, const char *what);

/** The most k-means++ candidates per step (2 + floor(ln k) is at most 23). */
#define CXM__PP_MAX_TRIALS 32

/**
 * The distance work of k-means++ over m rows (kmeans.c, vectorised):
 * update = 0: acc[j] += sum_i min(closest[i], ||x_i - cand_j||^2), j < t;
 * update = 1 (t = 1): closest[i] = min(closest[i], ||x_i - cand_0||^2) and
 * acc[0] += sum_i closest[i]. Fixed order for given m (thread-count safe
 * when called per fixed chunk).
 */
void cxm__kmeans_pp_rows(double *acc, const double *x, size_t m, size_t p, const double *cand, size_t t,
			 double *closest, int update);

/**
 * k-means++ (scikit-learn's greedy variant: 2 + floor(ln k) candidates a
 * step, the one that lowers the potential most kept) over the n rows of x,
 * random numbers from (seed, stream). TOO_FEW when fewer than k distinct rows.
 */
int cxm__kmeans_plusplus(double *centres, const double *x, size_t n, size_t p, size_t k, uint64_t seed,
			 uint64_t stream, unsigned threads);

/**
 * One pass over every row: labels (nearest of kc), rows per centre into
 * sizes (k), and the inertia sum ||x - c_label||^2 (centres c, k x p).
 */
int cxm__kmeans_label_all(uint32_t *labels, double *sizes, double *inertia, const double *x, size_t n,
			  const cxm__kcentres *kc, const double *c, unsigned threads);

/** Each row's nearest centre and (cost not NULL) squared distance to it. */
int cxm__kmeans_assign(uint32_t *labels, double *cost, const double *x, size_t n, const cxm__kcentres *kc,
		       const double *c, unsigned threads);

/** Mini-batch k-means (minibatch.c) from the initial centres (k x p, updated in
 * place); run r of n_init draws its batches from stream "minibatc" + r. */
int cxm__kmeans_minibatch(double *centres, uint32_t *labels, double *sizes, double *inertia,
			  unsigned int *iterations, unsigned int *converged, const double *x, size_t n, size_t p,
			  size_t k, double tol_abs, const cxm_cluster_opts *opts, unsigned threads, uint64_t run);

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

/**
 * gamma by Huang's rule (spec §14.2): 0.5 x the mean population standard
 * deviation of the p numeric columns of x (rows x p, checked), 1 when p = 0.
 * The fit and the quality measures use it when gamma is NaN.
 */
int cxm__kproto_huang_gamma(double *gamma, const double *x, size_t rows, size_t p);

#endif
