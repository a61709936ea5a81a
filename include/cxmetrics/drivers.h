/*
 * cxmetrics/drivers.h - key drivers (spec §19): which rating items or
 * categorical attributes move an outcome score (NPS likelihood, CSAT, ...).
 *
 * The outcome is regressed (ordinary least squares with an intercept) on the
 * drivers; the model's R² is shared among them two ways:
 *  - relative weights (Johnson 2000): the drivers' correlation matrix R_xx
 *    has the symmetric square root Λ; the outcome is regressed on the
 *    orthogonal Z = X Λ^-1 (β = Λ^-1 r_xy) and each Z's share is split back
 *    by Λ², RW_j = Σ_k Λ_jk² β_k²;
 *  - the Shapley value of R² (LMG: Lindeman, Merenda & Gold 1980; Grömping
 *    2006): each driver's gain in R² when it joins, averaged over every
 *    order the drivers could join in, computed exactly from all 2^p subsets
 *    (at most CXM_DRIVERS_MAX_PLAYERS drivers).
 * Both sum to R² over the drivers. A NUMBER column is a numeric driver; a
 * TEXT column is categorical: k levels give k - 1 dummy columns (the
 * reference is the most frequent level, ties to the bytewise first), one
 * player in the Shapley decomposition, its relative weights summed.
 * Intervals are seeded bootstrap percentile intervals (rows resampled with
 * replacement), the same with any number of threads.
 *
 * Pure functions are thread-safe; a cxm_drivers_opts handle may be read from
 * many threads but modified by one; a result is read-only once made.
 */
#ifndef CXMETRICS_DRIVERS_H
#define CXMETRICS_DRIVERS_H

#include <stdint.h>
#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** The most drivers (players) of one fit: the exact Shapley value takes 2^p subsets. */
#define CXM_DRIVERS_MAX_PLAYERS 15
/** The most design columns (numeric drivers plus the dummies of the categorical ones). */
#define CXM_DRIVERS_MAX_COLUMNS 200
/** The most bootstrap replicates. */
#define CXM_DRIVERS_MAX_REPLICATES 100000

/** How a key-driver analysis runs (opaque): bootstrap, seed, conf, NaN policy, threads. */
typedef struct cxm_drivers_opts cxm_drivers_opts;

/** A fitted key-driver analysis (opaque): R², n, and the per-driver table. */
typedef struct cxm_drivers_result cxm_drivers_result;

/**
 * Options with the defaults: 200 bootstrap replicates, seed 1, conf 0.95,
 * nan_policy CXM_NAN_ERROR, threads 0 (cxm_threads(), threads.h).
 * @param out  out: the options, or NULL on failure.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_drivers_opts_free.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_drivers_opts_new(cxm_drivers_opts **out);

/** Free options; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_drivers_opts_free(cxm_drivers_opts *opts);

/**
 * Bootstrap replicates for the intervals: 0 (no intervals: the bounds are
 * NaN) to CXM_DRIVERS_MAX_REPLICATES (default 200).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, more than CXM_DRIVERS_MAX_REPLICATES).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_drivers_opts_set_bootstrap(cxm_drivers_opts *opts, unsigned int replicates);

/**
 * The seed of the bootstrap (default 1): replicate b draws from the
 * sequence (seed, b), whatever the thread count.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_drivers_opts_set_seed(cxm_drivers_opts *opts, uint64_t seed);

/**
 * The level of the percentile intervals, in (0, 1) (default 0.95).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, conf not in (0, 1)).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_drivers_opts_set_conf(cxm_drivers_opts *opts, double conf);

/**
 * What a missing value does (a cxm_nan_policy): CXM_NAN_ERROR (the
 * default: NAN naming the column and row) or CXM_NAN_OMIT (the row is left
 * out and counted in the table's attribute rows_dropped). A missing value is
 * a NaN in the outcome or a numeric driver, an empty text in a categorical one.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, an unknown policy: the message lists the words).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_drivers_opts_set_nan_policy(cxm_drivers_opts *opts, int nan_policy);

/**
 * Threads of the bootstrap: 0 (the default) cxm_threads() (threads.h:
 * cxm_set_threads, else CXM_THREADS, else all cores), 1 the calling thread
 * only, at most 1024 (the library starts at most 64). Results do not depend
 * on the number.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL opts, threads > 1024). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_drivers_opts_set_threads(cxm_drivers_opts *opts, unsigned int threads);

/**
 * Fit the key-driver model of spec §19: the outcome (a NUMBER column)
 * regressed on the drivers (NUMBER: numeric; TEXT: categorical, the empty
 * text missing), R², each driver's correlation with the outcome, relative
 * weights and Shapley values with their bootstrap intervals.
 * @param out        out: the result, or NULL on failure.
 * @param t          the rows (e.g. cxm_table_read_csv with number inference).
 * @param outcome    the outcome column's name.
 * @param drivers    n_drivers driver column names, in the order the table of
 *                   the result lists them (1 to CXM_DRIVERS_MAX_PLAYERS).
 * @param opts       NULL: the defaults.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL; no drivers; a column the table lacks: the message
 *         names it and lists the table's columns; an outcome that is not
 *         NUMBER or a driver that is a DAY column; a name given twice or the
 *         outcome among the drivers; more than CXM_DRIVERS_MAX_PLAYERS
 *         drivers or CXM_DRIVERS_MAX_COLUMNS design columns, naming the
 *         limit; a constant outcome or driver, naming it (R_xx singular);
 *         perfectly collinear drivers, naming them), NAN (a missing value
 *         under CXM_NAN_ERROR: the column and the row), OUT_OF_RANGE (an
 *         infinite value: the column and the row), TOO_FEW (fewer rows than
 *         design columns + 2: the numbers), INCONSISTENT (a bootstrap
 *         replicate still degenerate after 100 redraws), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_drivers_result_free.
 *            Nothing of t, outcome or drivers is kept.
 * Thread safety: pure (t is only read).
 */
CXM_API cxm_status cxm_drivers_fit(cxm_drivers_result **out, const cxm_table *t, const char *outcome,
				    const char *const *drivers, size_t n_drivers, const cxm_drivers_opts *opts);

/**
 * The result as a table, one row per driver in the order given: driver,
 * kind (TEXT: numeric, categorical), correlation (Pearson r with the
 * outcome; categorical: the multiple correlation R of the outcome on its
 * dummies), relative_weight, rw_lower, rw_upper, rw_share (% of R²),
 * shapley, shapley_lower, shapley_upper, shapley_share (% of R²) (NUMBER).
 * Attributes: outcome (TEXT), r2, n (rows used), rows (rows of the input),
 * rows_dropped, bootstrap (replicates), bootstrap_redrawn (replicates drawn
 * again because a resample was degenerate), seed, conf (NUMBER), nan_policy
 * (TEXT); the row name is "drivers".
 * @param out  out: the table, or NULL on failure.
 * @param r    the result.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free.
 * Thread safety: read-only on r.
 */
CXM_API cxm_status cxm_drivers_table(cxm_table **out, const cxm_drivers_result *r);

/**
 * The model's R² with every driver (the sum of the Shapley values and of the
 * relative weights).
 * @return R², or NaN for NULL.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API double cxm_drivers_r2(const cxm_drivers_result *r);

/**
 * The rows the model used (after rows with a missing value were left out).
 * @return the count, or 0 for NULL.
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_drivers_n(const cxm_drivers_result *r);

/** Free a result; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_drivers_result_free(cxm_drivers_result *r);

CXM_END_DECL

#endif
