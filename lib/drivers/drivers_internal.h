/*
 * lib/drivers/drivers_internal.h - what the files of the key-driver module
 * share (spec §19): the options, the design matrix (outcome and driver
 * columns, categorical dummies), the correlation matrix, the all-subsets R²,
 * the relative weights, the bootstrap and the result.
 */
#ifndef CXM_DRIVERS_INTERNAL_H
#define CXM_DRIVERS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/drivers.h"
#include "internal.h"

struct cxm_drivers_opts {
	unsigned int replicates;
	uint64_t seed;
	double conf;
	int nan_policy;       /* a cxm_nan_policy */
	unsigned int threads; /* 0: cxm__default_threads() */
};

/* The defaults of cxm_drivers_opts_new (the one place they are written). */
void cxm__drivers_opts_defaults(cxm_drivers_opts *o);

/* A correlation's pivot (the residual variance of a column, of variance 1,
 * given the columns before it) at or below this is singular: the column is
 * a linear combination of those (spec §19.2). */
#define CXM__DRV_SINGULAR 1e-10

/* Where one driver's design columns come from: the caller's table, read in
 * place (a copy of n x m doubles would be a gigabyte at 10M rows). */
typedef struct cxm__drv_src {
	const double *num;   /* numeric: the table's column */
	uint32_t *code;      /* categorical: each table row's level (ours) */
	size_t *dummy;       /* categorical: level -> design column (1-based), 0 for the reference (ours) */
} cxm__drv_src;

/*
 * The design: n rows of m = q + 1 columns, the outcome in column 0 and the
 * q predictor columns after it. Player j (a driver) owns the predictor
 * columns [first[j], first[j + 1]) (first[0] = 1, first[p] = m). Row r of
 * the design is table row row[r] (row NULL: row r), filled on demand by
 * cxm__drv_fill.
 */
typedef struct cxm__drv_design {
	size_t n, p, q, m;
	const double *y;        /* the outcome column of the table */
	size_t *row;            /* the table rows used, or NULL when every row is */
	cxm__drv_src src[CXM_DRIVERS_MAX_PLAYERS];
	size_t first[CXM_DRIVERS_MAX_PLAYERS + 1];
	int categorical[CXM_DRIVERS_MAX_PLAYERS];
	const char *name[CXM_DRIVERS_MAX_PLAYERS]; /* borrowed from the caller during the fit */
	size_t rows, rows_dropped; /* rows of the input; left out for a missing value */
} cxm__drv_design;

/** Design row r (0 <= r < n) into z (m doubles). */
static inline void cxm__drv_fill(const cxm__drv_design *d, size_t r, double *z)
{
	size_t i = d->row ? d->row[r] : r, j;
	z[0] = d->y[i];
	for (j = 0; j < d->p; j++) {
		const cxm__drv_src *s = &d->src[j];
		size_t c;
		if (s->num) {
			z[d->first[j]] = s->num[i];
			continue;
		}
		for (c = d->first[j]; c < d->first[j + 1]; c++)
			z[c] = 0.0;
		if ((c = s->dummy[s->code[i]]) > 0)
			z[c] = 1.0;
	}
}

/** Build the design of the table (spec §19.1): columns looked up and typed,
 * missing values per nan_policy, dummies, the checks of cxm_drivers_fit
 * (names, limits, constants, TOO_FEW). Errors: as cxm_drivers_fit. */
int cxm__drv_design_build(cxm__drv_design *d, const cxm_table *t, const char *outcome,
			  const char *const *drivers, size_t n_drivers, int nan_policy);

void cxm__drv_design_free(cxm__drv_design *d);

/** The player owning predictor column c (1-based, as in z). */
size_t cxm__drv_player_of(const cxm__drv_design *d, size_t c);

/**
 * The correlation matrix R (m x m, full, row-major; outcome first) of the
 * design's rows, each row counted w[i] times (w NULL: once), in one pass:
 * fixed chunks of rows, each centred on its own mean, merged in order (Chan,
 * Golub & LeVeque 1983), so no sum of squares cancels. var (m, may be NULL)
 * receives each column's variance (divisor: the total weight).
 * work: cxm__drv_corr_work doubles. Returns 0, or 1 + c when column c has
 * no variance (c = 0: the outcome).
 */
size_t cxm__drv_corr(double *R, double *var, const cxm__drv_design *d, const uint32_t *w, double *work);

/** Doubles of work cxm__drv_corr needs. */
size_t cxm__drv_corr_work(const cxm__drv_design *d);

/**
 * The Cholesky factor of the predictors' block of R in column order; its
 * first pivot at or below CXM__DRV_SINGULAR: *bad = that column (1-based),
 * else 0. L: q x q. When bad, coef (q) receives the coefficients of that
 * column on the columns before it (which of them it is a combination of).
 */
void cxm__drv_check_rank(size_t *bad, double *coef, const double *R, const cxm__drv_design *d, double *L);

/**
 * R²(S) for every subset S of the players (r2[mask], 2^p entries; r2[0] =
 * 0) from R, depth first: each subset's Cholesky factor extends its
 * parent's (S without its last player) by that player's rows, so a subset
 * costs O(q_S²), never a refit on the rows. work: q² + 2 q doubles plus q
 * size_t (cxm__drv_subsets_work). Returns 0, or -1 when a pivot is not
 * positive (a degenerate resample).
 */
int cxm__drv_subsets_r2(double *r2, const double *R, const cxm__drv_design *d, double *work);

/** Doubles of work cxm__drv_subsets_r2 needs. */
size_t cxm__drv_subsets_work(const cxm__drv_design *d);

/** The exact Shapley values of R² (phi, p) from r2 of every subset. */
void cxm__drv_shapley(double *phi, const double *r2, size_t p);

/**
 * Johnson's (2000) relative weights per player (rw, p; a categorical
 * player's dummies summed) from R. work: cxm__drv_relweights_work doubles.
 * Returns 0, or -1 when R_xx is not positive definite.
 */
int cxm__drv_relweights(double *rw, const double *R, const cxm__drv_design *d, double *work);

/** Doubles of work cxm__drv_relweights needs. */
size_t cxm__drv_relweights_work(const cxm__drv_design *d);

/** The symmetric eigendecomposition A = V diag(lambda) V' (cyclic Jacobi);
 * A (k x k, destroyed), V (k x k, eigenvectors in columns). */
void cxm__drv_eigen_sym(double *A, double *lambda, double *V, size_t k);

/* The bootstrap's output: per replicate b, the Shapley values and the
 * relative weights (B x p each). */
typedef struct cxm__drv_boot {
	double *shapley, *rw;
	size_t redrawn;
} cxm__drv_boot;

/**
 * B replicates (spec §19.4): replicate b resamples n rows with replacement
 * from the sequence (seed, b) (redrawn from the same sequence while the
 * resample is degenerate, at most 100 times), on `threads` threads.
 * Errors: INCONSISTENT (a replicate degenerate 100 times), NOMEM.
 */
int cxm__drv_bootstrap(cxm__drv_boot *out, const cxm__drv_design *d, const double *var, size_t B, uint64_t seed,
		       unsigned int threads);

void cxm__drv_boot_free(cxm__drv_boot *b);

/** qsort order of doubles (ascending; no NaN reaches it). */
int cxm__drv_cmp_double(const void *a, const void *b);

/** The type-7 quantile (numpy's default "linear") of x (n, sorted ascending) at prob. */
double cxm__drv_quantile(const double *x, size_t n, double prob);

struct cxm_drivers_result {
	size_t p, n, rows, rows_dropped, redrawn;
	unsigned int replicates;
	uint64_t seed;
	double conf, r2;
	int nan_policy;
	char *outcome;
	char *name[CXM_DRIVERS_MAX_PLAYERS];
	int categorical[CXM_DRIVERS_MAX_PLAYERS];
	double corr[CXM_DRIVERS_MAX_PLAYERS], rw[CXM_DRIVERS_MAX_PLAYERS], rw_lo[CXM_DRIVERS_MAX_PLAYERS],
		rw_hi[CXM_DRIVERS_MAX_PLAYERS], sh[CXM_DRIVERS_MAX_PLAYERS], sh_lo[CXM_DRIVERS_MAX_PLAYERS],
		sh_hi[CXM_DRIVERS_MAX_PLAYERS];
};

#endif
