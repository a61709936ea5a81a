/*
 * lib/core/names.h - the word tables behind cxmetrics/names.h. Each module
 * defines the table of its own enumeration next to the code that uses the
 * values; lib/core/names.c only lists them by cxm_names_table and looks
 * words up.
 */
#ifndef CXM_NAMES_INTERNAL_H
#define CXM_NAMES_INTERNAL_H

#include <stddef.h>

typedef struct cxm__word {
	const char *word;
	int value;
} cxm__word;

/* The canonical words come first, in listing order, then the aliases. */
typedef struct cxm__names {
	const char *what;       /* what the words choose, as messages name it */
	const cxm__word *words;
	size_t n_canonical;
	size_t n_words;         /* canonical words and aliases */
} cxm__names;

#define CXM__NAMES(what, canonical, aliases) \
	{ (what), (canonical), sizeof(canonical) / sizeof *(canonical) - (aliases), \
	  sizeof(canonical) / sizeof *(canonical) }

/* The tables (defined in the modules named). */
extern const cxm__names cxm__nan_policy_names;    /* core/check.c */
extern const cxm__names cxm__format_names;        /* core/names.c */
extern const cxm__names cxm__table_type_names;    /* io/table.c */
extern const cxm__names cxm__nps_scale_names;     /* scores/nps.c */
extern const cxm__names cxm__nps_method_names;    /* scores/nps.c */
extern const cxm__names cxm__survey_metric_names; /* report/survey.c */
extern const cxm__names cxm__clv_period_names;    /* clvmodel/summary.c */
extern const cxm__names cxm__clv_model_names;     /* clvmodel/fit.c */
extern const cxm__names cxm__clv_column_names;    /* clvmodel/fit.c */
extern const cxm__names cxm__clv_prediction_names; /* clvmodel/fit.c */
extern const cxm__names cxm__rfm_match_names;     /* rfm/rules.c */
extern const cxm__names cxm__rfm_rules_names;     /* rfm: generated from rfm/presets */
extern const cxm__names cxm__rfm_binning_names;   /* rfm/scored.c */
extern const cxm__names cxm__rfm_returns_names;   /* rfm/customers.c */
extern const cxm__names cxm__segment_rules_names; /* segment: generated from segment/presets */
extern const cxm__names cxm__cluster_kind_names;  /* cluster/opts.c */
extern const cxm__names cxm__persona_role_names;   /* persona/names_tables.c */
extern const cxm__names cxm__persona_format_names; /* persona/names_tables.c */
extern const cxm__names cxm__nmf_method_names;     /* persona/names_tables.c */
extern const cxm__names cxm__pps_construct_names;  /* persona/names_tables.c */
extern const cxm__names cxm__clv_fit_status_names; /* clvmodel/fit.c */
extern const cxm__names cxm__missing_ids_names;    /* txlog/opts.c */
extern const cxm__names cxm__survey_skip_names;    /* report/survey.c */
extern const cxm__names cxm__p_adjust_names;       /* stats/adjust.c */
extern const cxm__names cxm__period_names;         /* io/timestamp.c */
extern const cxm__names cxm__events_skip_names;    /* events/opts.c */
extern const cxm__names cxm__funnel_mode_names;    /* funnel/opts.c */

/**
 * Look a word up in one table: cxm_names_parse for code that holds the
 * table itself. BAD_ARG names `what` (or the table's own what when NULL).
 */
int cxm__names_parse(int *value, const cxm__names *names, const char *word, const char *what);

/** The canonical word of a value, or NULL. */
const char *cxm__names_word(const cxm__names *names, int value);

/**
 * A value's check with the table's words in the message: CXM_OK when some
 * word stands for value, else BAD_ARG "nan_policy is 7; use CXM_... ("omit or error")".
 */
int cxm__names_check(const cxm__names *names, int value);

#endif
