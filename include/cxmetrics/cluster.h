/*
 * cxmetrics/cluster.h - clustering customers: k-means, mini-batch k-means,
 * k-prototypes for mixed numeric + categorical data, standardisation,
 * assignment of new customers, models as JSON, cluster quality (silhouette,
 * Davies-Bouldin, Calinski-Harabasz), the choice of k, stability by
 * bootstrap and cluster profiles (spec §14).
 *
 * Data. Numeric features are one row-major matrix of doubles, x with n_x =
 * rows x n_cols entries (a C-contiguous numpy array, read in place, never
 * copied). Categorical features are one row-major matrix of uint32_t level
 * codes, codes with n_codes = rows x n_cat entries (0 .. levels - 1, as
 * cxm_table_copy_codes gives them). A function taking both needs the same
 * number of rows in each; n_cols = 0 (x NULL) or n_cat = 0 (codes NULL)
 * leaves that part out. Labels are uint32_t, 0 .. k - 1, one per row.
 *
 * Distances. k-means works in squared Euclidean distance. k-prototypes
 * (Huang 1998) uses d(x, c) = sum_j (x_j - c_j)^2 + gamma * #{l : x_l !=
 * c_l}. Quality measures of mixed data use sqrt(d) where Euclidean distance
 * is meant; on numeric data alone they equal scikit-learn's.
 *
 * Reproducibility. Every random choice (k-means++ seeding, mini-batches,
 * initial prototypes, silhouette samples, gap references, bootstrap samples)
 * comes from the seed of the options; a fit gives the same model and labels
 * for a seed whatever the number of threads.
 *
 * Thread safety: the functions are pure; a model may be read from many
 * threads at once; options may be shared read-only by concurrent fits.
 */
#ifndef CXMETRICS_CLUSTER_H
#define CXMETRICS_CLUSTER_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** What a model is (CXM_NAMES_CLUSTER_KIND: "kmeans", "kprototypes"). */
typedef enum cxm_cluster_kind {
	CXM_CLUSTER_KMEANS = 0,     /**< numeric features, Lloyd or mini-batch */
	CXM_CLUSTER_KPROTOTYPES = 1 /**< numeric + categorical features (Huang 1998) */
} cxm_cluster_kind;

/** The default number of Lloyd / k-prototypes iterations. */
#define CXM_CLUSTER_MAX_ITERATIONS_DEFAULT 300
/** The default relative tolerance (scikit-learn's tol: centre shift at most
 * tol x the mean per-column variance of the data). */
#define CXM_CLUSTER_TOL_DEFAULT 1e-4
/** The default seed. */
#define CXM_CLUSTER_SEED_DEFAULT 0
/** The rows the silhouette samples where the library chooses for the caller
 * (cxm cluster, the bindings' choice of k): a seeded sample of 10,000 rows,
 * every row of smaller data; the exact silhouette is O(rows^2). */
#define CXM_CLUSTER_SILHOUETTE_SAMPLE_DEFAULT 10000
/** The default number of reference data sets of the gap statistic. */
#define CXM_CLUSTER_GAP_REFERENCES_DEFAULT 10
/** The default number of bootstrap samples of cxm_cluster_stability. */
#define CXM_CLUSTER_BOOTSTRAP_DEFAULT 20

/* ---- options --------------------------------------------------------------- */

/**
 * Clustering options (opaque): new, one setter per option, free. NULL
 * options mean the defaults: k = 8, k-means++ (or Huang's prototypes) seeded
 * with CXM_CLUSTER_SEED_DEFAULT, one initialisation, 300 iterations, tol
 * 1e-4, full batches (Lloyd), gamma by Huang's rule, all cores, no progress.
 */
typedef struct cxm_cluster_opts cxm_cluster_opts;

/**
 * New options with the defaults.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_cluster_opts_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_opts_new(cxm_cluster_opts **out);

/** Free options; NULL is a no-op. Errors: none. Ownership: frees opts.
 * Thread safety: not while a fit uses them.
 */
CXM_API void cxm_cluster_opts_free(cxm_cluster_opts *opts);

/**
 * The number of clusters, >= 1 (default 8). A fit fails with TOO_FEW when
 * the data have fewer rows (or fewer distinct rows) than k.
 * Errors: BAD_ARG (NULL opts, k = 0, k > 2^31). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_k(cxm_cluster_opts *opts, size_t k);

/**
 * The seed of every random choice (default 0).
 * Errors: BAD_ARG (NULL opts). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_seed(cxm_cluster_opts *opts, uint64_t seed);

/**
 * Start from these centres instead of seeding: k rows of the numeric
 * features, row-major (n_centres = k x n_cols of the fit). The fit takes k
 * from them (n_centres / n_cols) and fails with BAD_ARG when they are not
 * whole rows, or when cxm_cluster_opts_set_k set another k. For
 * k-prototypes the categorical part of the initial prototypes is given by
 * cxm_cluster_opts_set_init_modes (k-means ignores modes).
 * The options keep a copy. centres NULL with n_centres 0 goes back to seeding.
 * Errors: BAD_ARG (NULL opts, NULL centres with n_centres > 0), NAN,
 *         OUT_OF_RANGE (an infinite value), NOMEM.
 * Ownership: the options copy centres. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_init(cxm_cluster_opts *opts, const double *centres, size_t n_centres);

/**
 * The categorical part of the initial prototypes: k rows of level codes,
 * row-major (n_modes = k x n_cat of the fit). NULL with 0 goes back to seeding.
 * Errors: BAD_ARG (NULL opts, NULL modes with n_modes > 0), NOMEM.
 * Ownership: the options copy modes. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_init_modes(cxm_cluster_opts *opts, const uint32_t *modes, size_t n_modes);

/**
 * Independent seeded initialisations; the fit keeps the one of lowest cost
 * (default 1; given initial centres always run once).
 * Errors: BAD_ARG (NULL opts, n = 0, n > 1000). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_n_init(cxm_cluster_opts *opts, unsigned int n);

/**
 * The most iterations (0 restores the default, 300). A fit that stops there
 * reports converged = 0.
 * Errors: BAD_ARG (NULL opts). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_max_iterations(cxm_cluster_opts *opts, unsigned int n);

/**
 * Relative tolerance >= 0 (default 1e-4): Lloyd stops when no label changes
 * or when the squared centre shift (summed over centres) is at most tol x
 * the mean column variance (scikit-learn's rule); mini-batch k-means when
 * one batch moves the centres that little, or when its smoothed batch
 * inertia has not improved for 10 batches (spec §14.1).
 * Errors: BAD_ARG (NULL opts, tol negative, NaN or infinite).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_tol(cxm_cluster_opts *opts, double tol);

/**
 * Rows per mini-batch: 0 (the default) runs full Lloyd iterations; > 0 runs
 * mini-batch k-means (Sculley 2010) on seeded batches of that size (rows
 * drawn with replacement; at most max_iterations x rows / batch batches),
 * then assigns every row once to report labels and inertia; iterations
 * then counts batches.
 * Errors: BAD_ARG (NULL opts). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_batch_size(cxm_cluster_opts *opts, size_t rows);

/**
 * The weight gamma of categorical mismatches in k-prototypes, finite and >=
 * 0; NaN (the default) means Huang's rule, gamma = 0.5 x the mean of the
 * numeric columns' standard deviations (population, as kmodes computes it).
 * Errors: BAD_ARG (NULL opts, gamma negative or infinite).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_gamma(cxm_cluster_opts *opts, double gamma);

/**
 * Threads: 0 (the default) cxm_threads() (threads.h: cxm_set_threads, else
 * CXM_THREADS, else all cores), 1 the calling thread only, at most 1024
 * (the library starts at most 64). Results do not depend on the number.
 * Errors: BAD_ARG (NULL opts, n > 1024). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_threads(cxm_cluster_opts *opts, unsigned int n);

/**
 * Progress of long work, on the calling thread: after each iteration of a
 * fit (step = iteration, of total = the iteration limit, value = the cost
 * of that iteration's labels; mini-batch k-means: after each rows' worth of
 * batches, step and total counted in batches, value the batch inertia
 * scaled to the rows),
 * after each k of cxm_cluster_choose_k and each sample of
 * cxm_cluster_stability (step of total, value NaN).
 * @return 0 to go on; anything else stops the work, which fails with
 *         CXM_ECANCELLED.
 */
typedef int (*cxm_cluster_progress_fn)(void *user, size_t step, size_t total, double value);

/**
 * Report progress to fn (NULL: none, the default).
 * Errors: BAD_ARG (NULL opts). Ownership: user stays the caller's.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_cluster_opts_set_progress(cxm_cluster_opts *opts, cxm_cluster_progress_fn fn, void *user);

/* ---- standardisation --------------------------------------------------------- */

/**
 * Column means and population standard deviations (ddof 0) of x, as
 * scikit-learn's StandardScaler: a column whose deviation is 0 gets scale 1.
 * @param means   receives n_cols values; n_means >= n_cols.
 * @param scales  receives n_cols values; n_scales >= n_cols.
 * Errors: BAD_ARG (NULL, n_cols = 0, n_x not a multiple of n_cols, a
 *         capacity too small), EMPTY, NAN and OUT_OF_RANGE (naming row and
 *         column).
 * Ownership: the outputs are the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_standardize_fit(double *means, size_t n_means, double *scales, size_t n_scales,
				       const double *x, size_t n_x, size_t n_cols);

/**
 * out = (x - mean) / scale column by column; out may be x itself.
 * @param out     receives n_x values, row-major as x; n_out >= n_x.
 * @param x       rows x n_cols doubles, row-major.
 * @param means   n_cols values (n_means >= n_cols), as cxm_standardize_fit gives.
 * @param scales  n_cols values (n_scales >= n_cols), each finite and non-zero.
 * Errors: BAD_ARG (NULL, lengths, a scale that is 0 or not finite), NAN,
 *         OUT_OF_RANGE.
 * Ownership: out is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_standardize_apply(double *out, size_t n_out, const double *x, size_t n_x, size_t n_cols,
					 const double *means, size_t n_means, const double *scales, size_t n_scales);

/* ---- models -------------------------------------------------------------------- */

/** A fitted clustering: centres (and modes), cost, iterations. */
typedef struct cxm_cluster_model cxm_cluster_model;

/**
 * k-means: k-means++ seeding (as scikit-learn: 2 + floor(ln k) candidates
 * per step) or the given centres, then Lloyd iterations in the ||x||^2 -
 * 2 x.c + ||c||^2 form over blocks of rows, on the threads of the options;
 * or mini-batch k-means when a batch size is set (spec §14.1). From the
 * same initial centres the labels, iterations and inertia are those of
 * scikit-learn's KMeans(algorithm="lloyd", n_init=1); with n_init > 1 the
 * run of least inertia is kept (seed streams 0, 1, ...).
 * @param labels   receives one label per row (n_labels >= rows = n_x / n_cols),
 *                 or NULL with n_labels = 0 when not wanted.
 * @param x        rows x n_cols doubles, row-major, read in place.
 * Errors: BAD_ARG (NULL, n_cols = 0, n_x not a multiple of n_cols, n_labels
 *         too small, initial centres that are not k x n_cols), EMPTY, NAN and
 *         OUT_OF_RANGE (naming row and column), TOO_FEW (fewer rows than k,
 *         or k-means++ finding fewer distinct rows than k), CANCELLED, NOMEM.
 * Ownership: *out is the caller's; free it with cxm_cluster_model_free. *out is NULL on failure.
 * Thread safety: pure; uses the threads of the options.
 */
CXM_API cxm_status cxm_kmeans_fit(cxm_cluster_model **out, uint32_t *labels, size_t n_labels,
				  const double *x, size_t n_x, size_t n_cols, const cxm_cluster_opts *opts);

/**
 * k-prototypes (Huang 1998): numeric means and categorical modes, cost
 * sum d(x, prototype) with the gamma of the options; Huang's frequency-based
 * initialisation made k distinct data rows (seeded; n_init runs, the least
 * cost kept), or the given initial centres and modes (both needed; k from
 * their rows); passes move one row at a time in kmodes' order and stop when
 * no row moves or the cost does not fall (or at the iteration limit:
 * converged = 0). From the same initial prototypes and gamma the labels,
 * prototypes, iterations and cost are those of kmodes' KPrototypes. The
 * labels are each row's nearest prototype after the last pass (spec §14.2).
 * n_cols = 0 (x NULL, n_x 0) clusters the categorical columns alone
 * (k-modes; the default gamma is then 1). The tolerance and batch size do
 * not apply.
 * @param labels  receives one label per row (n_labels >= rows), or NULL
 *                with n_labels = 0 when not wanted.
 * @param codes   rows x n_cat level codes, row-major (n_cat >= 1).
 * @param levels  the number of levels of each categorical column (n_levels =
 *                n_cat); every code must be below it.
 * Errors: BAD_ARG (NULL, lengths, n_cat = 0, a code >= its column's level
 *         count (naming row and column), initial centres without modes or
 *         modes without centres, an initial mode >= its level count, k set
 *         and different from the initial rows), EMPTY, NAN and OUT_OF_RANGE
 *         (naming row and column), TOO_FEW (more clusters than rows or than
 *         distinct rows), INCONSISTENT (a categorical column with one level:
 *         it cannot separate anything; drop it), CANCELLED, NOMEM.
 * Ownership: *out is the caller's; free it with cxm_cluster_model_free. *out is NULL on failure.
 * Thread safety: pure; the labelling passes use the threads of the options
 * (the result does not depend on their number).
 */
CXM_API cxm_status cxm_kprototypes_fit(cxm_cluster_model **out, uint32_t *labels, size_t n_labels,
				       const double *x, size_t n_x, size_t n_cols,
				       const uint32_t *codes, size_t n_codes, size_t n_cat,
				       const uint32_t *levels, size_t n_levels, const cxm_cluster_opts *opts);

/** Free a model; NULL is a no-op. Errors: none. Ownership: frees model.
 * Thread safety: not while it is in use. */
CXM_API void cxm_cluster_model_free(cxm_cluster_model *model);

/** A model's facts. Initialise with CXM_CLUSTER_INFO_INIT. */
typedef struct cxm_cluster_info {
	unsigned int version;   /**< CXM_CLUSTER_INFO_VERSION */
	int kind;               /**< a cxm_cluster_kind */
	size_t k;               /**< clusters */
	size_t n_cols;          /**< numeric features */
	size_t n_cat;           /**< categorical features (0 for k-means) */
	size_t rows;            /**< rows it was fitted on */
	double cost;            /**< inertia (k-means), or the k-prototypes cost */
	double gamma;           /**< the categorical weight used (NaN for k-means) */
	unsigned int iterations;/**< iterations of the kept run */
	unsigned int converged; /**< 1 if it stopped by the tolerance, 0 at the iteration limit */
} cxm_cluster_info;
#define CXM_CLUSTER_INFO_VERSION 1u
#define CXM_CLUSTER_INFO_INIT { CXM_CLUSTER_INFO_VERSION, 0, 0, 0, 0, 0, 0.0, 0.0, 0u, 0u }

/**
 * The facts of a model.
 * @param out  result; out->version must be set (CXM_CLUSTER_INFO_INIT).
 * Errors: BAD_ARG (NULL), VERSION. Ownership: nothing allocated.
 * Thread safety: read-only on model.
 */
CXM_API cxm_status cxm_cluster_model_info(cxm_cluster_info *out, const cxm_cluster_model *model);

/**
 * The numeric centres, k x n_cols row-major.
 * @param out  receives k x n_cols values; n_out >= k x n_cols.
 * Errors: BAD_ARG (NULL, n_out too small). Ownership: out is the caller's.
 * Thread safety: read-only on model.
 */
CXM_API cxm_status cxm_cluster_model_centres(double *out, size_t n_out, const cxm_cluster_model *model);

/**
 * The categorical modes, k x n_cat level codes row-major.
 * @param out  receives k x n_cat codes; n_out >= k x n_cat.
 * Errors: BAD_ARG (NULL, n_out too small). Ownership: out is the caller's.
 * Thread safety: read-only on model.
 */
CXM_API cxm_status cxm_cluster_model_modes(uint32_t *out, size_t n_out, const cxm_cluster_model *model);

/**
 * Rows per cluster in the fit.
 * @param out  receives k values, the row count of each cluster; n_out >= k.
 * Errors: BAD_ARG (NULL, n_out < k). Ownership: out is the caller's. Thread safety: read-only on model.
 */
CXM_API cxm_status cxm_cluster_model_sizes(double *out, size_t n_out, const cxm_cluster_model *model);

/**
 * Name the features (for JSON, profiles and assigning table rows): n_cols
 * numeric names then n_cat categorical names (n_names = n_cols + n_cat);
 * cxm_cluster_model_set_levels names the levels of a categorical column
 * (code i is level i).
 * Errors: BAD_ARG (NULL, count, an empty or repeated name), NOMEM.
 * Ownership: the model copies the names. Thread safety: modifies model.
 */
CXM_API cxm_status cxm_cluster_model_set_names(cxm_cluster_model *model, const char *const *names, size_t n_names);

/**
 * The level texts of categorical column `cat` (n_levels = its level count;
 * texts may be empty but not repeated).
 * Errors: BAD_ARG (NULL, cat >= n_cat, n_levels not the column's level
 *         count, a NULL or repeated text), NOMEM.
 * Ownership: the model copies the texts. Thread safety: modifies model.
 */
CXM_API cxm_status cxm_cluster_model_set_levels(cxm_cluster_model *model, size_t cat, const char *const *levels,
						size_t n_levels);

/** The level count of categorical column `cat` (0 when cat >= n_cat or model is NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only. */
CXM_API size_t cxm_cluster_model_level_count(const cxm_cluster_model *model, size_t cat);

/** Level i of categorical column `cat` (code i), or NULL when the levels are
 * unnamed or cat or i is out of range.
 * Errors: none. Ownership: borrowed from the model. Thread safety: read-only. */
CXM_API const char *cxm_cluster_model_level(const cxm_cluster_model *model, size_t cat, size_t i);

/** Feature name i (numeric first), or NULL when unnamed or out of range.
 * Errors: none. Ownership: borrowed from the model. Thread safety: read-only. */
CXM_API const char *cxm_cluster_model_name(const cxm_cluster_model *model, size_t i);

/**
 * Label new rows: the nearest centre (prototype) of each row, ties to the
 * lowest label, into labels; and each row's distance to it (squared
 * Euclidean, or the k-prototypes dissimilarity) into cost. An output with
 * length 0 is not written (its pointer may be NULL); at least one is asked for.
 * A code the model never saw (>= its level count) counts as a mismatch
 * with every mode.
 * @param labels  receives one label per row (n_labels >= rows), or NULL with
 *                n_labels = 0 when not wanted.
 * @param cost    receives one distance per row (n_cost >= rows), or NULL with
 *                n_cost = 0 when not wanted.
 * @param x       rows x n_cols doubles, row-major, n_cols the model's (NULL
 *                with n_x = 0 for a model without numeric columns).
 * @param codes   rows x n_cat level codes, row-major, n_cat the model's (NULL
 *                with n_codes = 0 for a model without categorical columns).
 * Errors: BAD_ARG (NULL, n_cols / n_cat not the model's, capacities), EMPTY,
 *         NAN, OUT_OF_RANGE.
 * Ownership: the outputs are the caller's. Thread safety: pure, read-only on model.
 */
CXM_API cxm_status cxm_cluster_assign(uint32_t *labels, size_t n_labels, double *cost, size_t n_cost,
				      const cxm_cluster_model *model, const double *x, size_t n_x, size_t n_cols,
				      const uint32_t *codes, size_t n_codes, size_t n_cat);

/**
 * The model as JSON (spec §14.3): kind, k, centres, modes, level texts,
 * names, gamma, cost, iterations, converged, sizes; numbers in shortest
 * round-trip form, so that from_json gives back the same doubles.
 * Errors: BAD_ARG, NOMEM. Ownership: *out is the caller's; free it with cxm_free.
 * *out is NULL on failure.
 * Thread safety: read-only on model.
 */
CXM_API cxm_status cxm_cluster_model_to_json(char **out, const cxm_cluster_model *model);

/**
 * A model from its JSON (spec §14.3).
 * @param json  the text, json[0..len) (need not end in NUL).
 * Errors: BAD_ARG (NULL; an unknown "kind" word, or a name or level text
 *         given twice, as the names tables and setters report them), PARSE
 *         (malformed JSON: the byte offset; a missing or mistyped key: its
 *         name), INCONSISTENT (shapes that disagree), NAN / OUT_OF_RANGE (a
 *         value), NOMEM.
 * Ownership: *out is the caller's (cxm_cluster_model_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_model_from_json(cxm_cluster_model **out, const char *json, size_t len);

/* ---- quality ----------------------------------------------------------------- */

/**
 * Data and labels as the quality measures read them: x (rows x n_cols,
 * may be NULL with n_cols = 0 when there are codes), codes (rows x n_cat,
 * NULL with n_cat = 0), gamma (the categorical weight; NaN: Huang's rule
 * over the rows given, as a fit with the default; ignored without codes), labels (rows of them, 0 .. k - 1 where k = max label + 1; every
 * label must have a row).
 */

/**
 * Mean silhouette (Rousseeuw 1987) over every row (sample = 0) or over a
 * seeded sample of rows without replacement (the rows of
 * cxm_cluster_sample_rows for that seed), distances within the sample as
 * scikit-learn's silhouette_score(sample_size=...): the result equals
 * silhouette_score(X[rows], labels[rows]) (spec §14.4). A row alone in its
 * cluster scores 0. The work is all pairs of the rows scored, O(s^2); the
 * rows scored are copied (grouped by label) first.
 * @param x        rows x n_cols doubles, row-major (NULL with n_x = 0 and
 *                 n_cols = 0 when there are codes only).
 * @param codes    rows x n_cat level codes, row-major, or NULL with n_codes =
 *                 0 and n_cat = 0.
 * @param labels   one label per row (n_labels = rows), 0 .. k - 1.
 * @param sample   rows to score (0, or rows or more: every row).
 * @param threads  0: cxm_threads() (threads.h), 1: the calling thread only,
 *                 at most 1024; the result does not depend on it.
 * Errors: BAD_ARG (NULL, lengths, a label with no row,
 *         gamma negative or infinite with codes, threads > 1024), EMPTY,
 *         NAN and OUT_OF_RANGE (naming row and column), TOO_FEW (fewer than
 *         2 clusters, or not fewer clusters than rows, in the rows scored),
 *         NOMEM.
 * Ownership: nothing allocated for the caller. Thread safety: pure; threads as given.
 */
CXM_API cxm_status cxm_cluster_silhouette(double *out, const double *x, size_t n_x, size_t n_cols,
					  const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
					  const uint32_t *labels, size_t n_labels, size_t sample, uint64_t seed,
					  unsigned int threads);

/**
 * The rows a seeded sample takes: `sample` distinct row numbers of 0 ..
 * rows - 1, in ascending order, every set equally likely (selection
 * sampling, Knuth's Algorithm S; spec §14.4).
 * @param out     receives `sample` row numbers; n_out >= sample.
 * @param sample  the sample size, <= rows.
 * Errors: BAD_ARG (out NULL with n_out > 0, n_out < sample, sample > rows).
 * Ownership: out is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_sample_rows(size_t *out, size_t n_out, size_t rows, size_t sample, uint64_t seed);

/**
 * Davies-Bouldin index (lower is better), as scikit-learn's
 * davies_bouldin_score; with codes, over means + modes (spec §14.4).
 * @param x       rows x n_cols doubles, as cxm_cluster_silhouette.
 * @param labels  one label per row (n_labels = rows), as cxm_cluster_silhouette.
 * Errors: as cxm_cluster_silhouette. Ownership: none. Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_davies_bouldin(double *out, const double *x, size_t n_x, size_t n_cols,
					      const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
					      const uint32_t *labels, size_t n_labels);

/**
 * Calinski-Harabasz index (higher is better), as scikit-learn's
 * calinski_harabasz_score; with codes, over means + modes (spec §14.4).
 * @param x       rows x n_cols doubles, as cxm_cluster_silhouette.
 * @param labels  one label per row (n_labels = rows), as cxm_cluster_silhouette.
 * Errors: as cxm_cluster_silhouette. Ownership: none. Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_calinski_harabasz(double *out, const double *x, size_t n_x, size_t n_cols,
						 const uint32_t *codes, size_t n_codes, size_t n_cat, double gamma,
						 const uint32_t *labels, size_t n_labels);

/**
 * Adjusted Rand index of two labelings of the same rows (Hubert & Arabie
 * 1985), as scikit-learn's adjusted_rand_score; labels are any uint32
 * values (spec §14.4).
 * @param a  the first labeling, one label per row (n_a rows).
 * @param b  the second labeling of the same rows (n_b = n_a).
 * Errors: BAD_ARG (NULL, lengths differ), EMPTY, NOMEM.
 * Ownership: none. Thread safety: pure.
 */
CXM_API cxm_status cxm_adjusted_rand_index(double *out, const uint32_t *a, size_t n_a, const uint32_t *b, size_t n_b);

/**
 * Choose k: fit k = k_min .. k_max with the options (k-means, or
 * k-prototypes when there are codes) and report, one row per k, a table
 * (row name "k") with columns k, cost, silhouette (sampled as
 * `silhouette_sample`; 0 = every row), gap, gap_sd; attributes
 * best_silhouette (highest silhouette), best_elbow (the knee of cost(k):
 * the point farthest from the chord, Satopaa et al. 2011), best_gap (the
 * smallest k with gap(k) >= gap(k+1) - s(k+1), Tibshirani et al. 2001,
 * `references` uniform data sets over the columns' ranges; 0 skips the gap
 * and leaves those columns NaN; gap_sd is s_k = sd_k sqrt(1 + 1/B)) (spec
 * §14.5). Initial centres of the options are not used (k varies); every fit
 * takes the options' seed. Progress is reported after each fit: step of
 * (k_max - k_min + 1) x (1 + references). A silhouette_sample of at least the
 * rows scores every row; the attribute silhouette_rows says how many were scored.
 * @param x       rows x n_cols doubles, row-major, as cxm_kmeans_fit.
 * @param codes   rows x n_cat level codes (NULL with n_codes = 0 and n_cat =
 *                0: k-means), as cxm_kprototypes_fit.
 * @param levels  the level count of each categorical column (n_levels =
 *                n_cat), as cxm_kprototypes_fit.
 * Errors: BAD_ARG (NULL, k_min < 2, k_max < k_min, lengths, references >
 *         10000), those of the fits (TOO_FEW: k_max too large for the rows)
 *         and of the silhouette, CANCELLED, NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure; uses the threads of the options.
 */
CXM_API cxm_status cxm_cluster_choose_k(cxm_table **out, const double *x, size_t n_x, size_t n_cols,
					const uint32_t *codes, size_t n_codes, size_t n_cat,
					const uint32_t *levels, size_t n_levels, size_t k_min, size_t k_max,
					size_t silhouette_sample, size_t references, const cxm_cluster_opts *opts);

/**
 * Stability by seeded bootstrap (Hennig 2007): fit the options' k on the
 * data, then `samples` times on rows drawn with replacement; each bootstrap
 * model labels every row, compared with the reference labels by the
 * adjusted Rand index, and each reference cluster by its best Jaccard
 * coefficient among the bootstrap clusters (on the rows drawn, counted with
 * multiplicity as fpc::clusterboot does). A table, row name "clusters", one
 * row per reference cluster: cluster, size, jaccard_mean, jaccard_min,
 * dissolved (samples with Jaccard < 0.5), recovered (samples with Jaccard >
 * 0.75); attributes ari_mean, ari_sd, ari_min, samples (spec §14.6).
 * Progress after each sample (step of samples).
 * @param x       rows x n_cols doubles, row-major, as cxm_cluster_choose_k.
 * @param codes   rows x n_cat level codes, or NULL with n_codes = 0 and
 *                n_cat = 0, as cxm_cluster_choose_k.
 * @param levels  the level count of each categorical column (n_levels = n_cat).
 * Errors: BAD_ARG (NULL, samples = 0 or > 100000), those of the fits,
 *         CANCELLED, NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure. Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_stability(cxm_table **out, const double *x, size_t n_x, size_t n_cols,
					 const uint32_t *codes, size_t n_codes, size_t n_cat,
					 const uint32_t *levels, size_t n_levels, size_t samples,
					 const cxm_cluster_opts *opts);

/**
 * Profiles of clusters over a table's columns (spec §14.7): for each
 * cluster (label of each table row) and each named column, a row of the
 * result (row name "profiles"): cluster, size, share (percent of all rows),
 * attribute, statistic ("mean" for NUMBER columns, "mode" for TEXT), value
 * (the cluster mean; NaN for a mode), level (the modal level, ties to the
 * level seen first; "" for a mean), level_share (the level's percent of the
 * cluster; NaN for a mean), population (the population mean, or the level's
 * percent of all rows), lift (value / population, NaN when the population
 * mean is 0; or level_share / population).
 * Errors: BAD_ARG (NULL, no columns, labels not one per table row, a label
 *         with no row, an unknown column or a DAY column), EMPTY (no rows),
 *         NAN (a NaN in a NUMBER column: row and column), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure. Thread safety: pure.
 */
CXM_API cxm_status cxm_cluster_profiles(cxm_table **out, const cxm_table *data, const char *const *columns,
					size_t n_columns, const uint32_t *labels, size_t n_labels);

CXM_END_DECL

#endif
