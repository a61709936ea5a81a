/*
 * lib/report/report_internal.h - the survey report as cells x metric specs.
 *
 * A report is a table: its cells are sets of rows (one group value per group
 * column x one period, a period's total, or in a plain report every row;
 * spec §18.1), its columns the items: a metric and one of its columns (a
 * metric may score several, spec §0.13). Each cell holds an integer
 * histogram per item while the input is read (cells.h), then that item's
 * results, computed by its metric's descriptor from an accumulator rebuilt
 * from the histogram. Everything a metric is - its names, its scale rules, how
 * its results come from the accumulator, which of them the renderers print
 * and how - is one descriptor (cxm__metric_desc), in a small file of its own
 * (metric_nps.c, metric_csat.c, metric_ces.c). survey.c (reading and
 * computing), options.c (cxm_survey_opts) and render.c (text, JSON) loop over
 * cells and descriptors and never name a metric. docs/conventions.md, "Adding
 * a survey metric", lists what a new metric touches.
 */
#ifndef CXM_REPORT_INTERNAL_H
#define CXM_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "internal.h"
#include "names.h"

/* The metrics: the values of cxm_survey_metric, the words of
 * cxm__survey_metric_names, the entries of cxm__survey_metrics. */
#define CXM__SURVEY_METRICS 3
/* The reasons a row is skipped: the values of cxm_survey_skip. */
#define CXM__SURVEY_SKIPS 5

/* ---- what the options say about one metric ---------------------------------- */

typedef struct cxm__metric_cfg {
	char **columns;    /* its columns (our copies; n_columns of them), none: the metric is left out */
	size_t n_columns;
	int required;      /* set by the caller: they must be in the file (a default may be absent) */
	int lo, hi;        /* the answer scale */
	int threshold;     /* metrics with a threshold: answers >= it count; CXM_CSAT_DEFAULT_THRESHOLD: default */
	/* its no-answer codes (off its scale), distinct; in the report, with those of
	 * every metric: hence room for both */
	double na[2 * CXM_SURVEY_NA_VALUES_MAX];
	size_t n_na;
} cxm__metric_cfg;

/* The grouped report's settings (options_grouped.c sets them; the report
 * keeps a copy). Strings are our copies. */
typedef struct cxm__grouped_cfg {
	char *group[CXM_SURVEY_GROUPS_MAX]; /* the group columns, in the order added */
	size_t n_groups;
	char *time;                         /* the time column, or NULL */
	int period;                         /* a cxm_period */
	int utc_offset;                     /* minutes, -840..840 */
	size_t min_n;
	int adjust;                         /* a cxm_p_adjust */
	char *created, *first_reply, *resolved; /* support-time columns (resolved may be NULL) */
	unsigned skip_bad;
	unsigned threads;
	cxm_survey_progress_fn progress;
	void *progress_user;
	int drivers;                        /* key drivers asked for */
	char *outcome;                      /* NULL: the first NPS, else CSAT column */
	char **driver;                      /* n_drivers driver columns */
	size_t n_drivers;
	const cxm_themes *themes;           /* the caller's (referenced), or NULL */
	char *comment;                      /* the comment column with themes */
	char *pyr[3];                       /* the CX pyramid's needs, ease, emotion columns, or NULL (pyramid.c) */
	int pyr_lo, pyr_hi, pyr_high, pyr_low; /* its scale and cut points (spec §25) */
} cxm__grouped_cfg;

struct cxm_survey_opts {
	cxm__metric_cfg m[CXM__SURVEY_METRICS];
	double na_all[CXM_SURVEY_NA_VALUES_MAX]; /* the no-answer codes of every metric */
	size_t n_na_all;
	int nan_policy;
	double conf;
	char delimiter;
	cxm__grouped_cfg g;
};

/* Copy a grouped configuration (strings duplicated); free one. */
int cxm__grouped_cfg_copy(cxm__grouped_cfg *dst, const cxm__grouped_cfg *src);
void cxm__grouped_cfg_clear(cxm__grouped_cfg *g);
/* The defaults of a grouped configuration (no groups, no time, min_n 10, Holm). */
void cxm__grouped_cfg_init(cxm__grouped_cfg *g);
/* Whether the settings make a grouped or trended report (else the plain one). */
int cxm__grouped_cfg_grouped(const cxm__grouped_cfg *g);

/* Whether x is a point of the scale lo..hi (a code there would be an answer). */
int cxm__survey_on_scale(double x, int lo, int hi);
/* Free a metric's columns (the cfg keeps no column). */
void cxm__survey_cfg_clear_columns(cxm__metric_cfg *m);

/* ---- what a renderer prints: numbers and where they come from -------------- */

enum cxm__src {
	CXM__SRC_NONE = 0,
	CXM__SRC_SIZE,   /* a size_t of the metric's results, at `offset` */
	CXM__SRC_DOUBLE, /* a double of the results */
	CXM__SRC_INT,    /* an int of the results */
	CXM__SRC_CONST,  /* `value` itself */
	CXM__SRC_LO,     /* the lowest answer of the metric's scale */
	CXM__SRC_HI      /* its highest answer */
};

typedef struct cxm__num {
	int src;       /* an enum cxm__src */
	size_t offset; /* SIZE, DOUBLE, INT: offsetof(the descriptor's results struct, member) */
	int value;     /* CONST */
} cxm__num;

#define CXM__SIZE(T, member) { CXM__SRC_SIZE, offsetof(T, member), 0 }
#define CXM__DOUBLE(T, member) { CXM__SRC_DOUBLE, offsetof(T, member), 0 }
#define CXM__INT(T, member) { CXM__SRC_INT, offsetof(T, member), 0 }
#define CXM__CONST(v) { CXM__SRC_CONST, 0, (v) }
#define CXM__LO { CXM__SRC_LO, 0, 0 }
#define CXM__HI { CXM__SRC_HI, 0, 0 }
#define CXM__NONE { CXM__SRC_NONE, 0, 0 }

/* One member of a metric's JSON object, in order. */
enum cxm__json_kind {
	CXM__J_NUMBER, /* key: num */
	CXM__J_COLUMN, /* key: the metric's column, a string */
	CXM__J_SCALE,  /* key: the scale as a string, "lo-hi" ("0-10") */
	CXM__J_OBJECT, /* key: { ... up to the matching CXM__J_END, on one line */
	CXM__J_END
};

typedef struct cxm__json_member {
	int kind; /* an enum cxm__json_kind */
	const char *key;
	cxm__num num;
} cxm__json_member;

#define CXM__JNUMBER(key, num) { CXM__J_NUMBER, (key), num }
#define CXM__JCOLUMN(key) { CXM__J_COLUMN, (key), CXM__NONE }
#define CXM__JSCALE(key) { CXM__J_SCALE, (key), CXM__NONE }
#define CXM__JOBJECT(key) { CXM__J_OBJECT, (key), CXM__NONE }
#define CXM__JEND { CXM__J_END, NULL, CXM__NONE }

/*
 * One row of a metric's text table: "  label  value  comment", the label
 * left-aligned in 24 columns, the value right-aligned in 15.
 */
enum cxm__row_kind {
	CXM__ROW_COUNT,   /* label; v[0] a count */
	CXM__ROW_MISSING, /* "missing (empty)": the answers the cell skipped ("skipped" under omit),
			     then, when the metric has no-answer codes, "no answer (0, 99)" */
	CXM__ROW_SHARE,   /* "label (from-to)" ("label (from)" when equal); v[0] a count, v[1] its
			     percentage, printed as the comment "%5.1f%" */
	CXM__ROW_VALUE,   /* label; v[0] in value_fmt (one double) */
	CXM__ROW_INTERVAL /* "<conf> CI, label"; v[0], v[1] (lower, upper) in value_fmt (two doubles) */
};

typedef struct cxm__text_row {
	int kind; /* an enum cxm__row_kind */
	const char *label;
	const char *value_fmt;
	cxm__num v[2];
	cxm__num range[2];       /* SHARE: the answers counted, from..to */
	const char *comment_fmt; /* VALUE, INTERVAL: printf format of c[0..2] as doubles, or NULL */
	cxm__num c[3];
	const char *comment_nan; /* VALUE: the comment instead when c[0] is NaN, or NULL */
} cxm__text_row;

/* ---- the metric descriptor ---------------------------------------------------- */

typedef struct cxm__metric_desc {
	int metric;                 /* its cxm_survey_metric: its word in cxm__survey_metric_names is
				       its JSON key */
	const char *name;           /* "NPS": headings, notes, messages */
	const char *title;          /* "Net Promoter Score" */
	const char *default_column; /* the column it reads unless told otherwise */
	int lo, hi;                 /* the default scale */
	const int (*scales)[2];     /* the scales it takes, or NULL: any of at most CXM__MAX_POINTS points */
	size_t n_scales;
	int has_threshold;          /* answers >= a threshold count (cxm_survey_opts_set_threshold) */
	const char *answers_note;   /* after "answers lo-hi" in the heading: a format of hi, or NULL */
	/* Results from the cell's accumulator, into `results` (results_size bytes,
	 * at most CXM__RESULTS_MAX; zeroed before the call). */
	size_t results_size;
	int (*compute)(void *results, const cxm_score_acc *acc, const cxm__metric_cfg *cfg, double conf);
	const cxm__json_member *json; /* the members of its JSON object */
	size_t n_json;
	const cxm__text_row *text;    /* the rows of its text table */
	size_t n_text;
	/* Optional (NULL: none). A threshold's rule beyond "a point of the scale"
	 * (CES: above the middle), for the setters; BAD_ARG with the message. */
	int (*check_threshold)(int lo, int hi, int threshold);
	/* The heading's note after "answers lo-hi" instead of answers_note, from
	 * the options (CES on a scale of its own names its agree range). */
	void (*heading_note)(char *buf, size_t cap, const cxm__metric_cfg *cfg);
	/* Whether the options can be computed at all, checked before the file is
	 * read (CES on a scale without a default agree needs a threshold). */
	int (*check_cfg)(const cxm__metric_cfg *cfg);
} cxm__metric_desc;

#define CXM__COUNT_OF(a) (sizeof(a) / sizeof *(a))

/* The descriptors, by cxm_survey_metric (survey.c lists them). */
extern const cxm__metric_desc *const cxm__survey_metrics[CXM__SURVEY_METRICS];
extern const cxm__metric_desc cxm__metric_nps; /* metric_nps.c */
extern const cxm__metric_desc cxm__metric_csat; /* metric_csat.c */
extern const cxm__metric_desc cxm__metric_ces; /* metric_ces.c */

/* The results of NPS (metric_nps.c), which the output tables read (tables.c). */
typedef struct cxm__nps_results {
	cxm_nps_result nps;
	cxm_nps_ci wald, adjusted_wald;
} cxm__nps_results;

/* A metric's word ("nps"): its JSON key (from cxm__survey_metric_names). */
const char *cxm__survey_metric_key(int metric);

/* ---- the report ----------------------------------------------------------------- */

/* Room for the largest descriptor results (each descriptor file checks its own). */
#define CXM__RESULTS_MAX 512

typedef union cxm__results {
	max_align_t align_;
	unsigned char bytes[CXM__RESULTS_MAX];
} cxm__results;

/* One column scored: a metric and one of its columns (an "item"). The report
 * lists them by metric, then in the order of the metric's columns. */
typedef struct cxm__item {
	int metric;         /* its cxm_survey_metric */
	size_t nth;         /* which of the metric's columns (0, 1, ...) */
	const char *column; /* the metric's column (the report's copy) */
	size_t index;       /* its position in the file */
} cxm__item;

/* One item in one cell. */
typedef struct cxm__cell_metric {
	const uint64_t *counts; /* answers per point of the item's scale (in the cell's block) */
	size_t n;               /* answers */
	size_t missing;         /* empty answers skipped */
	size_t no_answer;       /* no-answer codes skipped */
	int computed;           /* results hold numbers (n > 0) */
	cxm__results results;
} cxm__cell_metric;

/* Support times of a cell: durations in seconds (kept: 8 bytes a ticket,
 * for the median and p90), and the tickets without the second timestamp. */
typedef struct cxm__durations {
	double *v;
	size_t n, cap;
	size_t open; /* unanswered (first reply) / unresolved (resolved) */
} cxm__durations;

#define CXM__TIMES 2 /* first response, resolution */

/* A set of rows (a group x period, a period's total, or every row) and its items. */
typedef struct cxm__cell {
	const char *label;   /* NULL */
	size_t rows;
	cxm__cell_metric *m; /* by item */
	/* the key: group values (into `key`, or the report's "(all)"), the period */
	char *key;           /* the cell's key bytes (cells.c), owned */
	size_t key_len;
	const char **group;  /* n_groups values */
	double period;       /* its first day (days since 1970-01-01), NaN without time */
	int total;           /* a period's total: every group */
	uint64_t *counts;    /* every item's histogram, one block, owned */
	size_t *miss;        /* 2 x n_items: missing, no-answer per item, owned */
	cxm__durations t[CXM__TIMES];
	/* themes: (1 + n_themes) histograms of the theme item's answers, of the
	 * commenters then of each theme's mentioners; and their counts of comments */
	uint64_t *theme_counts;
	size_t *theme_n;
} cxm__cell;

struct cxm_survey_report {
	char *path;
	size_t rows;
	double conf;
	int nan_policy;
	cxm__metric_cfg m[CXM__SURVEY_METRICS]; /* columns are our copies; na: the metric's codes
						   and those of every metric, distinct */
	int any_na;                             /* some metric computed has a no-answer code */
	int computed[CXM__SURVEY_METRICS];      /* its columns are in the file */
	size_t first[CXM__SURVEY_METRICS];      /* its first item */
	cxm__item *items;                       /* the columns scored */
	size_t n_items;
	cxm__cell *cells;
	size_t n_cells;
	/* grouped / trended reports */
	cxm__grouped_cfg g;
	int grouped;                            /* groups or time or times: the tables' report */
	size_t *item_offset;                    /* each item's first count in a cell's block */
	size_t points;                          /* counts per cell */
	size_t skipped[CXM__SURVEY_SKIPS];      /* rows skipped, by cxm_survey_skip */
	size_t group_index[CXM_SURVEY_GROUPS_MAX]; /* the group columns' positions in the input */
	size_t time_index;
	size_t times_index[3];                  /* created, first reply, resolved */
	cxm_table *cells_table, *vs_rest_table; /* the outputs (tables.c) */
	cxm_table *drivers_table, *themes_table; /* drivers.c, themes.c of lib/report */
	size_t n_themes;                        /* themes of the theme table (0: none asked) */
	size_t theme_item;                      /* the item whose answers the themes score */
	size_t theme_points;                    /* its scale's points */
	size_t comment_index;
	size_t outcome_index;                   /* drivers: the outcome's column */
	size_t outcome_item;                    /* its item, or (size_t)-1 */
	size_t driver_index[CXM_DRIVERS_MAX_PLAYERS];
	/* the CX pyramid (pyramid.c): its columns' positions, and where each cell's
	 * 64 answer-class counts (scores_internal.h, CXM__CXI_CELLS) sit in its block */
	size_t pyr_index[3];
	size_t pyr_offset;
	cxm_table *pyramid_table;
};


/*
 * The results of a metric's column nth in the report's first cell (every
 * row), for the typed accessors of the descriptor files: checks out
 * (version) and report, fails with EMPTY when the metric was not computed
 * and BAD_ARG when it has no column nth.
 */
int cxm__survey_results(const void **results, const cxm_survey_report *report, int metric, size_t nth);

/* An item's results from a histogram of its answers (any cell, or a cell's
 * rest): the same path as the cells' (survey.c). *computed = 0 when n = 0. */
int cxm__survey_item_results(const cxm_survey_report *r, size_t k, const uint64_t *counts, cxm__results *out,
			     size_t *n, int *computed);

/* For tests only, not thread-safe: the parallel reader's block size in
 * bytes (0: its default), so that a small file is read in many chunks. */
void cxm__survey_test_block_size(size_t bytes);

/* The THEMES table (themes.c); cell_suppressed[c]: the theme metric's row
 * of cell c is suppressed in CELLS. */
int cxm__survey_themes(cxm_survey_report *r, const unsigned char *cell_suppressed);

/* The output tables of a computed report (tables.c). */
int cxm__survey_tables(cxm_survey_report *r);

/* The PYRAMID table of a computed report (pyramid.c), when asked for. */
int cxm__survey_pyramid(cxm_survey_report *r);

/*
 * The privacy rules of the output tables (spec §18.5, tables.c) over any
 * list of rows: n < min_n, then the complementary rule per period and
 * metric. A view says, for row i, its cell, its n, where its flag is, and
 * whether rows i and j are the same metric (one item's kind).
 */
typedef struct cxm__supp_view {
	void *rows;
	size_t n;
	size_t (*cell)(const void *rows, size_t i);
	double (*n_of)(const void *rows, size_t i);
	int *(*flag)(void *rows, size_t i);
	int (*same)(const void *rows, size_t i, size_t j);
} cxm__supp_view;
void cxm__survey_suppress(const cxm_survey_report *r, const cxm__supp_view *v);

/* The key columns of an output table (tables.c): each group column (with
 * the "(all)" totals) and `period` as YYYY-MM-DD ("" without time), of the
 * cell that cell(rows, i) names for row i. Errors: NOMEM, the table's. */
int cxm__survey_add_cell_keys(cxm_table *tab, const cxm_survey_report *r, const void *rows, size_t n,
			      size_t (*cell)(const void *rows, size_t i));

/* Render a grouped or trended report (render_grouped.c) from its tables. */
int cxm__survey_render_grouped(char **out, const cxm_survey_report *r, int format);

#endif
