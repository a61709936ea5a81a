/*
 * cxmetrics/names.h - the words of the library's enumerations, both ways.
 *
 * Options that callers spell as words ("omit", "0-10", "week", "bgnbd",
 * "first", "r_02x", "json") are looked up here, in one table per
 * enumeration. The command line, the Python and the Ruby bindings all call
 * these functions instead of keeping lists of their own, so a word is
 * accepted (and an unknown one reported) the same way everywhere.
 *
 * A table has canonical words, in the order a message or a help text lists
 * them, and may accept aliases ("days" and "D" for "day"). Words are
 * compared exactly (case matters: "D" is lifetimes' day letter).
 *
 * Thread safety: every function is pure (the tables are constant).
 */
#ifndef CXMETRICS_NAMES_H
#define CXMETRICS_NAMES_H

#include "common.h"

CXM_BEGIN_DECL

/** The tables. */
typedef enum cxm_names_table {
	CXM_NAMES_NAN_POLICY = 0,    /**< cxm_nan_policy: omit, error */
	CXM_NAMES_NPS_SCALE = 1,     /**< cxm_nps_scale: 0-10, 1-10 */
	CXM_NAMES_NPS_METHOD = 2,    /**< cxm_nps_method: adjusted_wald, wald */
	CXM_NAMES_SURVEY_METRIC = 3, /**< cxm_survey_metric: nps, csat, ces */
	CXM_NAMES_CLV_PERIOD = 4,    /**< cxm_clv_period: day, week, month */
	CXM_NAMES_CLV_MODEL = 5,     /**< cxm_clv_model: bgnbd, mbgnbd, pnbd, gg, bgbb, sbg */
	CXM_NAMES_CLV_COLUMN = 6,    /**< cxm_clv_column: frequency, recency, T, ... */
	CXM_NAMES_RFM_MATCH = 7,     /**< cxm_rfm_match: first, last */
	CXM_NAMES_RFM_RULES = 8,     /**< the built-in RFM rule sets: r_02x, vignette_11, r_030, py_rfm */
	CXM_NAMES_FORMAT = 9,        /**< cxm_format: text, json, csv, html */
	CXM_NAMES_CLV_PREDICTION = 10, /**< cxm_clv_prediction: expected_purchases, p_alive, ... */
	CXM_NAMES_TABLE_TYPE = 11,   /**< cxm_table_type: number, day, text */
	CXM_NAMES_CLUSTER_KIND = 12, /**< cxm_cluster_kind: kmeans, kprototypes */
	CXM_NAMES_RFM_BINNING = 13,  /**< cxm_rfm_binning: quantile, rank, fixed, jenks */
	CXM_NAMES_RFM_RETURNS = 14,  /**< cxm_rfm_returns: keep, net, drop, error */
	CXM_NAMES_SEGMENT_RULES = 15, /**< the built-in segment rule sets: value_price, ... */
	CXM_NAMES_PERSONA_ROLE = 16,   /**< cxm_persona_role: id, segment, gender, age, ... */
	CXM_NAMES_PERSONA_FORMAT = 17, /**< cxm_persona_format: json, markdown, html */
	CXM_NAMES_NMF_METHOD = 18,     /**< cxm_nmf_method: mu, hals */
	CXM_NAMES_PPS_CONSTRUCT = 19,  /**< cxm_pps_construct: credibility, consistency, ... */
	CXM_NAMES_MISSING_IDS = 20,    /**< cxm_missing_ids: error, drop */
	CXM_NAMES_CLV_FIT_STATUS = 21, /**< cxm_clv_fit_status: converged, iteration_limit, boundary, ... */
	CXM_NAMES_PERIOD = 22,         /**< cxm_period: day, week, month, quarter, year */
	CXM_NAMES_P_ADJUST = 23,      /**< cxm_p_adjust_method: none, holm, bh */
	CXM_NAMES_SURVEY_SKIP = 24,    /**< cxm_survey_skip: ragged, invalid_utf8, not_a_number, off_scale, bad_timestamp */
	CXM_NAMES_FUNNEL_MODE = 25,    /**< cxm_funnel_mode: ordered, strict, any */
	CXM_NAMES_EVENTS_SKIP = 26     /**< cxm_events_skip: ragged, invalid_utf8, bad_timestamp, missing_id, not_a_number */
} cxm_names_table;

/** Output formats of the renderers (each says which it writes). */
typedef enum cxm_format {
	CXM_FORMAT_TEXT = 0, /**< a table for people */
	CXM_FORMAT_JSON = 1,
	CXM_FORMAT_CSV = 2,
	CXM_FORMAT_HTML = 3  /**< one self-contained page (the survey report, spec §18.9) */
} cxm_format;

/**
 * The value a word stands for.
 * @param value  out: the enumeration value.
 * @param table  a cxm_names_table.
 * @param word   a canonical word or an alias.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL, unknown table, or a word the table does not have:
 *         "nan_policy must be omit or error, not 'drop'").
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_names_parse(int *value, int table, const char *word);

/**
 * The canonical word of a value ("omit" for CXM_NAN_OMIT).
 * @return a static string, or NULL for an unknown table or value.
 * Errors: none. Ownership: static. Thread safety: pure.
 */
CXM_API const char *cxm_names_word(int table, int value);

/**
 * Number of canonical words of a table (aliases not counted); 0 for an
 * unknown table.
 * Errors: none. Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API size_t cxm_names_count(int table);

/**
 * Canonical word i (0-based) of a table, in its listing order; NULL when i
 * or the table is out of range. Errors: none. Ownership: static. Thread safety: pure.
 */
CXM_API const char *cxm_names_at(int table, size_t i);

/**
 * What the words of a table choose, as messages name it ("nan_policy",
 * "period", "model"); NULL for an unknown table.
 * Errors: none. Ownership: static. Thread safety: pure.
 */
CXM_API const char *cxm_names_what(int table);

/**
 * The canonical words as a message lists them: "omit or error",
 * "day, week or month".
 * @param buf  out: the text, NUL-terminated (cut short with "..." if cap is too small).
 * @param cap  capacity of buf, > 0.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL buf, cap 0, unknown table).
 * Ownership: buf is the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_names_choices(char *buf, size_t cap, int table);

CXM_END_DECL

#endif
