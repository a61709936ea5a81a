/*
 * lib/persona/persona_internal.h - what the persona files share: the
 * options, the in-memory persona set (the tree the JSON schema mirrors,
 * spec §15.7) and the steps of the build that live in their own files.
 *
 * Memory: everything a set holds (strings, arrays) is taken from the set's
 * arena (cxm__persona_alloc / cxm__persona_strdup) and freed with the set,
 * so builders and the JSON reader never free piecemeal.
 *
 * Numbers withheld for privacy are NaN with the record's `suppressed` set;
 * unknown numbers (no such column) are NaN with `suppressed` 0. Shares are
 * percents (0..100), as in the library's other tables.
 */
#ifndef CXM_PERSONA_INTERNAL_H
#define CXM_PERSONA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics/persona.h"
#include "cxmetrics/table.h"

/* ---- options ------------------------------------------------------------------------------ */

#define CXM__PERSONA_ONE_ROLES 16 /* roles ID .. DATE name one column each */

struct cxm_persona_opts {
	char *role[CXM__PERSONA_ONE_ROLES]; /* the column of each single-column role, or NULL */
	char **scores;   size_t n_scores;   /* SCORE columns, in the order given */
	char **ignored;  size_t n_ignored;  /* IGNORE columns */
	int auto_roles;                     /* 1 */
	size_t min_n;                       /* CXM_PERSONA_MIN_N_DEFAULT */
	uint64_t seed;                      /* 0 */
	double fdr;                         /* CXM_PERSONA_FDR_DEFAULT */
	size_t identifiers;                 /* CXM_PERSONA_IDENTIFIERS_DEFAULT */
	int reference_year;                 /* 0: the current UTC year */
	const cxm_persona_names *names;     /* NULL: built-in */
	const cxm_persona_rules *rules;     /* NULL: none */
	size_t quotes, quote_min, quote_max;/* CXM_PERSONA_QUOTES_DEFAULT, _QUOTE_MIN/MAX_DEFAULT */
	char **blocklist; size_t n_blocklist;
	int csat_lo, csat_hi, ces_lo, ces_hi, score_lo, score_hi; /* 1..5, 1..7, 1..5 */
	char *method;                       /* NULL: "caller" (a segment column) */
	size_t k;                           /* 0: the number of segments */
	char *quality_measure;              /* NULL */
	double quality;                     /* NaN */
	size_t k_max;                       /* CXM_PERSONA_K_MAX_DEFAULT */
	unsigned int threads;               /* 1 */
	cxm_cluster_progress_fn progress;   /* NULL: the automatic segmentation reports nothing */
	void *progress_user;
};

/* The defaults, for a NULL options pointer. */
extern const cxm_persona_opts cxm__persona_opts_default;

/* ---- the persona set -------------------------------------------------------------------------- */

/* Why a cell is withheld (bits). */
#define CXM__WITHHELD_SMALL 1      /* the cell itself has fewer than min_n customers */
#define CXM__WITHHELD_SECONDARY 2  /* withheld so that the withheld cells add up to min_n */
#define CXM__WITHHELD_POPULATION 4 /* the population's cell has fewer than min_n */

/* A level of a categorical attribute in a segment next to the population. */
typedef struct cxm__cell {
	char *level;
	double count;             /* customers of the segment with the level (NaN: withheld) */
	double share;             /* percent of the segment's non-missing values (NaN: withheld) */
	double population_count;  /* (NaN: withheld) */
	double population_share;  /* percent of the population's non-missing values (NaN: withheld) */
	int withheld;             /* CXM__WITHHELD_* bits, 0 when shown */
} cxm__cell;

/* One attribute of a segment next to the population (demographics, RFM mix). */
typedef struct cxm__attribute {
	char *name;               /* the column */
	char *role;               /* a CXM_NAMES_PERSONA_ROLE word, "attribute" when none */
	int categorical;          /* 1: levels; 0: numeric statistics */
	double n;                 /* the segment's non-missing values */
	double missing;           /* the segment's missing values */
	int withheld;             /* 1: nothing shown: n < min_n, or (numeric) withheld with such
	                             segments so that the population's numbers do not give them away (spec §15.5) */
	/* numeric (NaN for categorical) */
	double mean, sd, median, p25, p75;
	double population_mean, population_sd, population_median;
	/* categorical: every level of the population, the shown ones by
	 * descending segment count (ties: population count, then first row),
	 * then the withheld ones, flagged, in first-row order (spec §15.2) */
	cxm__cell *levels;
	size_t n_levels;
	double withheld_count;    /* customers in withheld cells: 0 or >= min_n */
} cxm__attribute;

/* A modal value of the identity (gender, location, country, career). */
typedef struct cxm__modal {
	char *attribute;          /* the column it comes from, NULL when the role has none */
	char *value;              /* the modal level; NULL when withheld or unknown */
	double share;             /* its percent of the segment (NaN: withheld / unknown) */
	int withheld;
} cxm__modal;

/* A value that sets a segment apart. */
typedef struct cxm__identifier {
	char *attribute;
	char *value;              /* the level, or "higher" / "lower" for a numeric attribute */
	int numeric;
	double share;             /* percent of the segment (numeric: the segment's mean) */
	double population_share;  /* percent of the population (numeric: the population's mean) */
	double lift;              /* share / population_share */
	double difference;        /* share - population_share */
	double std_difference;    /* Austin 2009's standardised difference, segment vs rest */
	double p_value;           /* two-proportion z (levels) or Welch t (numeric), segment vs rest */
	double q_value;           /* Benjamini-Hochberg adjusted over the whole set */
} cxm__identifier;

/* A score of the segment's behaviour. */
typedef struct cxm__score {
	char *name;               /* "nps", "csat", "ces", or a SCORE column */
	char *kind;               /* "nps" (-100..100, adjusted Wald), "csat" (% satisfied, Wilson),
	                             "ces" (mean, t), "mean" (a SCORE column's mean, t) */
	double n;                 /* answers */
	double value, lower, upper; /* 95% interval */
	double population_value;
	double scale_lo, scale_hi;
	int withheld;             /* n < min_n */
} cxm__score;

/* A goal, problem or solution and where it came from. */
typedef struct cxm__statement {
	char *text;
	char *source;             /* "rule:<rule name>" or "score:<column>" */
} cxm__statement;

typedef struct cxm__quote {
	char *text;
	double distance;          /* the customer's distance to the segment's profile */
} cxm__quote;

typedef struct cxm__interest {
	char *item;
	double weight;            /* share of the persona's behaviour (sums to 1 over all items) */
} cxm__interest;

typedef struct cxm__persona {
	char *id;                 /* "P1", "P2", ... in set order */
	char *segment;
	int suppressed;           /* the segment has fewer than min_n customers: only id, segment, suppressed */
	char *name;               /* NULL when suppressed */
	char *name_key;           /* the names table entry used, "female/1980/US" */
	double size, share;       /* customers; percent of the population */
	double revenue, revenue_share; /* NaN without an amount column */
	double age;               /* median age (NaN: unknown / withheld) */
	char *age_band;           /* "25-34", ...; NULL when unknown */
	cxm__modal gender, location, country, career;
	cxm__attribute *demographics; size_t n_demographics;
	cxm__identifier *identifiers; size_t n_identifiers;
	cxm__attribute *rfm_mix;  /* NULL without an rfm_segment column */
	double clv_mean, clv_median; /* NaN without a clv column */
	cxm__score *scores;       size_t n_scores;
	cxm__statement *goals;    size_t n_goals;
	cxm__statement *problems; size_t n_problems;
	cxm__statement *solutions;size_t n_solutions;
	cxm__quote *quotes;       size_t n_quotes;
	cxm__interest *interests; size_t n_interests; /* behaviour personas */
	char *group;              /* behaviour personas: the group it fits best */
	double group_weight;
} cxm__persona;

typedef struct cxm__provenance {
	char *method;             /* "caller", "kprototypes", "kmeans", "nmf-mu", "nmf-hals", "rfm:..." */
	size_t k;                 /* segments (factors) */
	uint64_t seed;
	char *quality_measure;    /* "silhouette", "relative_error", NULL */
	double quality;
	char *window_start, *window_end; /* YYYY-MM-DD of the date column's range, NULL without one */
	size_t min_n;
	double fdr;
	int reference_year;
	double customers;         /* the population shares are taken over (shown segments only) */
	double excluded_customers;/* customers of suppressed segments; NaN when 0 < it < min_n */
	size_t suppressed_personas;
	char *names_source;       /* the names table's "source" */
	char *rules_name;         /* the rule table's "name", NULL without one */
	char *segment_column;     /* NULL when the library segmented */
} cxm__provenance;

typedef struct cxm__arena_block cxm__arena_block;

struct cxm_persona_set {
	cxm__provenance provenance;
	cxm__persona *personas;
	size_t n_personas;
	cxm__arena_block *arena;
};

/** A new empty set (no personas; provenance numbers NaN / 0). NOMEM on failure. */
int cxm__persona_set_new(cxm_persona_set **out);

/** size zeroed bytes from the set's arena (8-byte aligned), NULL when out of memory. */
void *cxm__persona_alloc(cxm_persona_set *set, size_t size);

/** An array of n zeroed T from the arena: CXM__PERSONA_NEW(set, cxm__cell, n). */
#define CXM__PERSONA_NEW(set, type, n) ((type *)cxm__persona_alloc((set), sizeof(type) * (n)))

/** A copy of s (NULL for NULL) in the arena; NULL when out of memory. */
char *cxm__persona_strdup(cxm_persona_set *set, const char *s);

/** The persona record with every number NaN (clv, age, revenue, ...) and no arrays. */
void cxm__persona_init(cxm__persona *p);

/* ---- steps of the build owned by their files -------------------------------------------------- */

/** names.c: the table's "source" (borrowed; NULL for NULL), for the provenance's names_source. */
const char *cxm__persona_names_source(const cxm_persona_names *names);

/** rules.c: the rule table's "name" (borrowed; NULL for NULL or none), for the provenance's rules. */
const char *cxm__persona_rules_name(const cxm_persona_rules *rules);

/**
 * rules.c (names are public: cxm_persona_names_draw). Apply the rule
 * table to a built persona: append the goals, problems and solutions of
 * every rule whose conditions hold (rule order; a statement already there is
 * not repeated). NOMEM.
 */
int cxm__persona_apply_rules(cxm_persona_set *set, cxm__persona *p, const cxm_persona_rules *rules);

/**
 * problems.c. Problems from scores: the persona's "mean" scores (SCORE
 * columns) whose 95% upper bound is below the population's mean, lowest
 * first (distance in scale units), at most 3, as statements with source
 * "score:<column>" (spec §15.4). NOMEM.
 */
int cxm__persona_score_problems(cxm_persona_set *set, cxm__persona *p);

/**
 * quotes.c. Pick the quotes of a persona from its customers' comments:
 * rows[0..n_rows) are the segment's rows in ascending distance to its
 * profile (ties: row order), distance[] their distances; comments[row] the
 * comment of each row of the table ("" for none). Nothing is quoted unless
 * min_n or more of the rows have a comment; then the first opts->quotes
 * acceptable, distinct comments are kept (spec §15.6). NOMEM.
 */
int cxm__persona_pick_quotes(cxm_persona_set *set, cxm__persona *p, const char *const *comments,
			     const size_t *rows, const double *distance, size_t n_rows,
			     const cxm_persona_opts *opts);

/* A column as the build sees it: numeric (x) or categorical (codes into levels; the level ""
   is missing). */
typedef struct cxm__pcol {
	const char *name;
	const char *role;                /* a CXM_NAMES_PERSONA_ROLE word, NULL or "attribute" for none */
	const double *x;                 /* numeric: n_rows values, NaN missing; NULL when categorical */
	const uint32_t *codes;           /* categorical: n_rows codes < n_levels; NULL when numeric */
	const char *const *levels;
	size_t n_levels;
} cxm__pcol;

/**
 * profile.c: for every persona not suppressed, demographics[n_cols] in cols
 * order (role "rfm_segment" goes to p->rfm_mix instead), withheld per spec
 * §15.5, then the identifiers of every persona: for each shown level
 * (segment cell and population cell shown) share, population_share, lift,
 * difference, std_difference (Austin 2009, segment vs rest), p (two-
 * proportion z, pooled, segment vs rest); for numeric attributes "higher" /
 * "lower" with the means, std_difference ((m_s - m_r) / sqrt((s_s^2 +
 * s_r^2) / 2)), Welch t p; BH q over every test of the set; kept: q <= fdr,
 * ranked by |std_difference| desc (ties: attribute order, level order), at
 * most opts->identifiers per persona (spec §15.2). seg[row] = persona index,
 * or UINT32_MAX for rows outside the population. opts NULL: the defaults.
 * BAD_ARG (NULL, a column with neither or both of x and codes, a code out of
 * range, seg naming no persona or a suppressed one: the row), OUT_OF_RANGE
 * (an infinite value: row and column), NOMEM.
 */
int cxm__persona_describe(cxm_persona_set *set, const cxm__pcol *cols, size_t n_cols,
			  const uint32_t *seg, size_t n_rows, const cxm_persona_opts *opts);

/** build.c: the age band of an age: "<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+" (static). */
const char *cxm__persona_age_band(double age);

/**
 * privacy.c: withhold the cells of one distribution (spec §15.5): cells with
 * count < min_n get CXM__WITHHELD_SMALL; then, while the withheld total is
 * above 0 and below min_n and a shown cell remains, the smallest shown cell
 * (ties: the last in order) gets CXM__WITHHELD_SECONDARY. Sets count and
 * share of withheld cells to NaN and returns the withheld total.
 */
double cxm__persona_withhold(cxm__cell *cells, size_t n, size_t min_n);

#endif
