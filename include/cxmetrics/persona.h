/*
 * cxmetrics/persona.h - personas: from a customer table and a segment per
 * customer to persona records people can use (spec §15).
 *
 * A persona describes one segment: its size and share of customers (and of
 * revenue), an identity (median age and age band, modal gender, location
 * and career, a name drawn with the caller's seed from a names table keyed
 * by gender x birth decade x country), its demographics next to the
 * population's, the attribute values that set it apart (identifiers: lift,
 * difference in share, standardised difference, a p-value, kept when they
 * survive a Benjamini-Hochberg cut), its behaviour (RFM mix, mean CLV, NPS,
 * CSAT, CES and touchpoint scores with intervals), goals, problems and
 * solutions from the caller's rule tables (problems also from its
 * lowest-scoring touchpoints), representative quotes, and provenance.
 * Everything is computed from the data: the same data, options and seed give
 * the same bytes out.
 *
 * Privacy: no persona, distribution cell or quote comes from fewer than
 * min_n customers (CXM_PERSONA_MIN_N_DEFAULT). A segment under min_n gives a
 * record flagged suppressed with no numbers, and its customers leave the
 * population every share is taken over; a distribution cell under min_n is
 * flagged and withheld, and further cells are withheld until the withheld
 * ones add up to min_n or more, so no total gives a small cell away (spec
 * §15.5).
 *
 * A persona set also comes from behaviour (cxm_persona_from_behaviour: the
 * non-negative factorisation of a groups x items interactions matrix, as
 * QCRI's Automatic Persona Generation does), is matched against an earlier
 * set (cxm_persona_match), and is written as versioned JSON, Markdown or one
 * self-contained HTML page of persona cards (cxm_persona_set_render).
 * Persona Perception Scale answers are scored by cxm_pps_score.
 *
 * Thread safety: the functions are pure; options, names tables, rule tables
 * and persona sets may be read from many threads at once.
 */
#ifndef CXMETRICS_PERSONA_H
#define CXMETRICS_PERSONA_H

#include <stddef.h>
#include <stdint.h>
#include "common.h"
#include "table.h"
#include "cluster.h"

CXM_BEGIN_DECL

/** The fewest customers behind any persona, cell or quote shown. */
#define CXM_PERSONA_MIN_N_DEFAULT 10
/** The default false discovery rate of the identifiers' Benjamini-Hochberg cut. */
#define CXM_PERSONA_FDR_DEFAULT 0.05
/** The default number of identifiers kept per persona. */
#define CXM_PERSONA_IDENTIFIERS_DEFAULT 8
/** The default number of quotes per persona. */
#define CXM_PERSONA_QUOTES_DEFAULT 3
/** The default length bounds of a quote, in characters (UTF-8 code points). */
#define CXM_PERSONA_QUOTE_MIN_DEFAULT 20
#define CXM_PERSONA_QUOTE_MAX_DEFAULT 280
/** The largest k tried when segments come from k-prototypes with automatic k. */
#define CXM_PERSONA_K_MAX_DEFAULT 8
/** The version of the JSON schema written ("schema": "cxmetrics.personas/1"). */
#define CXM_PERSONA_SCHEMA_VERSION 1

/**
 * What a column of the customer table is to the personas
 * (CXM_NAMES_PERSONA_ROLE words in brackets). Without a role, a column is
 * an attribute: numeric (NUMBER) or categorical (TEXT; "" is missing).
 */
typedef enum cxm_persona_role {
	CXM_PERSONA_ROLE_ID = 0,          /**< "id": customer id, TEXT or NUMBER, never an attribute */
	CXM_PERSONA_ROLE_SEGMENT = 1,     /**< "segment": the segment label, TEXT or NUMBER */
	CXM_PERSONA_ROLE_GENDER = 2,      /**< "gender" */
	CXM_PERSONA_ROLE_AGE = 3,         /**< "age": years, NUMBER */
	CXM_PERSONA_ROLE_BIRTH_YEAR = 4,  /**< "birth_year": NUMBER; age = reference year - birth year */
	CXM_PERSONA_ROLE_LOCATION = 5,    /**< "location": city, country, ... */
	CXM_PERSONA_ROLE_COUNTRY = 6,     /**< "country": keys the names table (ISO 3166 alpha-2 or a name) */
	CXM_PERSONA_ROLE_CAREER = 7,      /**< "career": job, occupation */
	CXM_PERSONA_ROLE_COMMENT = 8,     /**< "comment": verbatim text, quotes come from it */
	CXM_PERSONA_ROLE_AMOUNT = 9,      /**< "amount": revenue per customer, NUMBER */
	CXM_PERSONA_ROLE_CLV = 10,        /**< "clv": NUMBER */
	CXM_PERSONA_ROLE_NPS = 11,        /**< "nps": 0-10 answers, NUMBER (NaN: not asked) */
	CXM_PERSONA_ROLE_CSAT = 12,       /**< "csat": answers on the options' CSAT scale */
	CXM_PERSONA_ROLE_CES = 13,        /**< "ces": answers on the options' CES scale */
	CXM_PERSONA_ROLE_RFM_SEGMENT = 14,/**< "rfm_segment": TEXT, the behaviour's RFM mix */
	CXM_PERSONA_ROLE_DATE = 15,       /**< "date": DAY or ISO text; its range is the data window */
	CXM_PERSONA_ROLE_SCORE = 16,      /**< "score": a touchpoint or attribute rating (many columns) */
	CXM_PERSONA_ROLE_IGNORE = 17      /**< "ignore": not used at all */
} cxm_persona_role;

/** How a set of personas is written (CXM_NAMES_PERSONA_FORMAT: "json", "markdown" (alias "md"), "html"). */
typedef enum cxm_persona_format {
	CXM_PERSONA_JSON = 0,
	CXM_PERSONA_MARKDOWN = 1,
	CXM_PERSONA_HTML = 2
} cxm_persona_format;

/* ---- names tables ---------------------------------------------------------------------- */

/** Names keyed by gender x birth decade x country (opaque). */
typedef struct cxm_persona_names cxm_persona_names;

/**
 * The names table shipped with the library (lib/persona/data/names.json,
 * installed to <datadir>/cxmetrics/persona/names.json, embedded in the
 * library; its "source" field and spec §15.3 state where the names come
 * from).
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's (cxm_persona_names_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_names_builtin(cxm_persona_names **out);

/**
 * A names table from JSON (spec §15.3): {"schema": "cxmetrics.names/1",
 * "source": "...", "entries": [{"gender": "female", "decade": 1980,
 * "country": "US", "names": ["Jessica", ...]}, ...]} ("name" and
 * "description" may be given too; "source" is required). "gender", "decade"
 * and "country" may be "*" (any); "gender" and "country" may also be an
 * array of words meaning the same ("female", "f"; "GB", "UK"; at most 64
 * bytes each; the first is the one the key names). Genders and countries
 * are compared case-insensitively (ASCII).
 * @param json  the text, json[0..len) (need not end in NUL).
 * Errors: BAD_ARG (NULL), PARSE (not JSON: the byte offset; a wrong shape or
 *         an unknown key: the entry's index and key; an entry without names;
 *         another "schema"; no "source"),
 *         OUT_OF_RANGE (a decade not a multiple of 10 in 1800..2100),
 *         EMPTY (no entries), NOMEM.
 * Ownership: *out is the caller's (cxm_persona_names_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_names_from_json(cxm_persona_names **out, const char *json, size_t len);

/** cxm_persona_names_from_json on a file (messages start with its path).
 * Errors: as cxm_persona_names_from_json, IO.
 * Ownership: *out is the caller's (cxm_persona_names_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_names_from_file(cxm_persona_names **out, const char *path);

/** Free a names table; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_persona_names_free(cxm_persona_names *names);

/** Number of entries (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_persona_names_count(const cxm_persona_names *names);

/**
 * Draw a name (spec §15.3): the entry that matches gender, decade and
 * country best (exact matches first, then "*" entries, country relaxed
 * first, then decade, then gender: an entry of the gender or "*" always, of
 * the decade, else "*", else the nearest decade, of the country, else "*",
 * else another country; ties: the first entry), then name number (seed,
 * stream) of it drawn uniformly with the library's generator. Unknown
 * values match "*" entries only (gender) or any (decade, country).
 * @param out         receives the name, NUL-terminated.
 * @param cap         capacity of out.
 * @param key         NULL, or receives the entry used, "female/1980/US" ("*" for any), NUL-terminated.
 * @param key_cap     capacity of key (0 with key NULL).
 * @param gender      NULL or "" for unknown.
 * @param birth_year  a year, or NaN for unknown (the decade is floor(year / 10) x 10).
 * @param country     NULL or "" for unknown.
 * @param seed        the caller's seed; @param stream which draw (the persona's index).
 * Errors: BAD_ARG (NULL names or out, cap or key_cap too small: the size
 *         needed, an infinite birth_year),
 *         EMPTY (no entry fits: the message names gender, decade, country).
 * Ownership: out and key are the caller's. Thread safety: read-only.
 */
CXM_API cxm_status cxm_persona_names_draw(char *out, size_t cap, char *key, size_t key_cap,
				     const cxm_persona_names *names, const char *gender, double birth_year,
				     const char *country, uint64_t seed, uint64_t stream);

/* ---- goal / problem / solution rule tables ----------------------------------------------- */

/** Statements that apply to a persona under conditions on its profile (opaque). */
typedef struct cxm_persona_rules cxm_persona_rules;

/**
 * A rule table from JSON (spec §15.4): {"schema": "cxmetrics.persona_rules/1",
 * "name": "...", "rules": [{"name": "young families", "when": [{"attribute":
 * "Kidhome", "stat": "mean", "op": ">=", "value": 0.8}, {"attribute":
 * "Marital_Status", "level": "Married", "stat": "share", "op": ">=",
 * "value": 40}], "goals": ["..."], "problems": ["..."], "solutions":
 * ["..."]}, ...]}. A rule applies when all its conditions hold on the
 * persona (an empty "when" always holds); stat is "mean", "median" (numeric
 * attributes), "share" (percent of the segment with `level`), "lift"
 * (share / population share of `level`) or "mode" (the modal level; op
 * "==" or "!=", value a string); op one of "<", "<=", ">", ">=", "==",
 * "!=". An attribute is a column of the customer table (an attribute or
 * the RFM segment column). A condition on a withheld (suppressed) or
 * absent statistic does not hold. Each rule has a "name" and at least one
 * statement ("goals", "problems", "solutions": a string or an array of
 * strings), optionally a "description"; the table may have a "name", a
 * "source" and a "description".
 * @param json  the text, json[0..len) (need not end in NUL).
 * Errors: BAD_ARG (NULL), PARSE (not JSON: the byte offset; a wrong shape,
 *         an unknown key, stat or op: the rule's name or index and the key;
 *         another "schema"; a rule without a name or statements),
 *         EMPTY (no rules), NOMEM.
 * Ownership: *out is the caller's (cxm_persona_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_rules_from_json(cxm_persona_rules **out, const char *json, size_t len);

/** cxm_persona_rules_from_json on a file (messages start with its path).
 * Errors: as cxm_persona_rules_from_json, IO.
 * Ownership: *out is the caller's (cxm_persona_rules_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_rules_from_file(cxm_persona_rules **out, const char *path);

/** Free a rule table; NULL is a no-op.
 * Errors: none. Ownership: nothing borrowed outlives it. Thread safety: not while in use.
 */
CXM_API void cxm_persona_rules_free(cxm_persona_rules *rules);

/** Number of rules (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_persona_rules_count(const cxm_persona_rules *rules);

/* ---- options ------------------------------------------------------------------------------ */

/** How personas are built (opaque; defaults as each setter says). */
typedef struct cxm_persona_opts cxm_persona_opts;

/**
 * New options: no roles set (columns are recognised by name, see
 * cxm_persona_opts_set_auto_roles), min_n CXM_PERSONA_MIN_N_DEFAULT, seed
 * 0, FDR CXM_PERSONA_FDR_DEFAULT, the built-in names table, no rule table,
 * quotes CXM_PERSONA_QUOTES_DEFAULT of 20..280 characters, CSAT 1-5, CES
 * 1-7, reference year 0 (the current UTC year, recorded in provenance), one
 * thread.
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's (cxm_persona_opts_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_opts_new(cxm_persona_opts **out);

/** Free options; NULL is a no-op.
 * Errors: none. Ownership: tables given to the setters stay the caller's. Thread safety: not while in use.
 */
CXM_API void cxm_persona_opts_free(cxm_persona_opts *opts);

/**
 * Give a column a role (a cxm_persona_role). Roles other than SCORE and
 * IGNORE name one column (setting one again replaces it); SCORE and IGNORE
 * add a column each time.
 * Errors: BAD_ARG (NULL, an empty column, an unknown role: the words), NOMEM.
 * Ownership: the options keep a copy. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_role(cxm_persona_opts *opts, int role, const char *column);

/**
 * Recognise roles not set by column names (1, the default) or not (0):
 * id / customer_id / customer, segment / cluster, gender / sex, age,
 * birth_year / year_birth / yearofbirth, city / location, country,
 * job / career / occupation / profession, comment / comments / verbatim /
 * feedback, nps / nps_score, csat / csat_score, ces / ces_score, clv / ltv /
 * customer_lifetime_value, rfm_segment; case-insensitive, '_', '-' and ' '
 * ignored (spec §15.1).
 * Errors: BAD_ARG (NULL). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_auto_roles(cxm_persona_opts *opts, int on);

/** The fewest customers behind anything shown, >= 1 (default CXM_PERSONA_MIN_N_DEFAULT).
 * Errors: BAD_ARG (NULL, 0). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_min_n(cxm_persona_opts *opts, size_t min_n);

/** The seed of every draw (names, automatic segments). Default 0.
 * Errors: BAD_ARG (NULL). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_seed(cxm_persona_opts *opts, uint64_t seed);

/** The false discovery rate of the identifiers' cut, in (0, 1) (default CXM_PERSONA_FDR_DEFAULT).
 * Errors: BAD_ARG (NULL), OUT_OF_RANGE (outside (0, 1), NaN). Ownership: nothing allocated.
 * Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_fdr(cxm_persona_opts *opts, double fdr);

/** The most identifiers kept per persona, >= 1 (default CXM_PERSONA_IDENTIFIERS_DEFAULT).
 * Errors: BAD_ARG (NULL, 0). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_identifiers(cxm_persona_opts *opts, size_t n);

/** The year ages are counted to from birth years and birth decades from ages
 * (1800..2200; 0: the current UTC year, recorded in the provenance).
 * Errors: BAD_ARG (NULL), OUT_OF_RANGE. Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_reference_year(cxm_persona_opts *opts, int year);

/** The names table to draw from (NULL: the built-in one). The options borrow it.
 * Errors: BAD_ARG (NULL opts). Ownership: names stays the caller's and must
 * outlive the options' use. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_names(cxm_persona_opts *opts, const cxm_persona_names *names);

/** The goal / problem / solution rules (NULL: none). The options borrow it.
 * Errors: BAD_ARG (NULL opts). Ownership: rules stays the caller's and must
 * outlive the options' use. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_rules(cxm_persona_opts *opts, const cxm_persona_rules *rules);

/**
 * Quotes: at most `count` per persona (0: none), each from min_chars to
 * max_chars characters (code points), none containing a blocklisted word
 * (whole words, case-insensitive ASCII), an e-mail address or a run of 7 or
 * more digits (up to two of space - . ( ) / between digits do not end a
 * run, so "020 7946 0958" is one) (spec §15.6). Comments are quoted without
 * their surrounding white space; invalid UTF-8 is never quoted. The options
 * keep copies of the words.
 * Errors: BAD_ARG (NULL opts, words NULL with n_words > 0, an empty word,
 *         min_chars > max_chars, max_chars 0), NOMEM.
 * Ownership: copies kept. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_quotes(cxm_persona_opts *opts, size_t count, size_t min_chars,
					  size_t max_chars, const char *const *words, size_t n_words);

/** The scales of the CSAT answers (default 1..5, top-2-box satisfied) and of the
 * CES answers (default 1..7, 5..7 agree), and of SCORE columns (default 1..5).
 * Errors: BAD_ARG (NULL, lo >= hi, a scale of more than 1001 points).
 * Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_scales(cxm_persona_opts *opts, int csat_lo, int csat_hi, int ces_lo,
					  int ces_hi, int score_lo, int score_hi);

/**
 * Where the segments came from, for the provenance (method "rfm:r_030",
 * "kprototypes", "value_price", "caller"; k; the clustering's quality, e.g.
 * its silhouette, NaN when none). When the table has no segment column the
 * library segments itself and sets these.
 * Errors: BAD_ARG (NULL opts or method, an empty method), NOMEM.
 * Ownership: a copy kept. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_source(cxm_persona_opts *opts, const char *method, size_t k,
					  const char *quality_measure, double quality);

/** The largest k tried (2..64) when the library segments the customers
 * itself (k-prototypes or k-means with automatic k by silhouette).
 * Errors: BAD_ARG (NULL), OUT_OF_RANGE. Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_k_max(cxm_persona_opts *opts, size_t k_max);

/** Threads the build may use (0: the library's default, cxm_threads() of threads.h;
 * 1, the default of these options: none started; at most 1024).
 * Errors: BAD_ARG (NULL, more than 1024). Ownership: nothing allocated. Thread safety: modifies opts.
 */
CXM_API cxm_status cxm_persona_opts_set_threads(cxm_persona_opts *opts, unsigned int threads);

/**
 * Report the progress of the automatic segmentation (the one long step of a
 * build without a segment column) to fn (NULL: none, the default): after
 * each fit of the choice of k, fn(user, step, total, NaN) as
 * cxm_cluster_choose_k calls it (step 1..total, total the number of k
 * tried: min(k_max, customers / min_n) - 1); the final fit of the chosen k
 * reports nothing. A non-zero return
 * stops the build with CANCELLED. A build with a segment column never calls it.
 * Errors: BAD_ARG (NULL opts). Ownership: user stays the caller's.
 * Thread safety: modifies opts; fn is called on the building thread.
 */
CXM_API cxm_status cxm_persona_opts_set_progress(cxm_persona_opts *opts, cxm_cluster_progress_fn fn, void *user);

/* ---- persona sets ------------------------------------------------------------------------- */

/** Personas with their provenance (opaque). */
typedef struct cxm_persona_set cxm_persona_set;

/**
 * Build one persona per segment (spec §15.2), in the order of the segments'
 * first rows, from a customer table (one row per customer). Without a
 * segment column (by role or by name) the customers are segmented by
 * k-prototypes (k-means when no attribute is categorical) on the
 * standardised numeric and the categorical attributes (a missing number
 * at its column's mean), k = 2..min(k_max, customers / min_n) chosen by
 * silhouette (seeded sample), segments "C1", "C2", ... in the order of
 * their first rows, and the provenance says so. The data window is the
 * range of the date column over the shown segments' customers.
 * Errors: BAD_ARG (NULL, a role's column missing: named with the table's
 *         columns; a role's column of the wrong type; one column given two
 *         roles), EMPTY (no rows, no attribute), INCONSISTENT (a customer id
 *         twice: both rows named), NAN / OUT_OF_RANGE (a score off its scale
 *         or not whole, a negative or NaN amount, an age outside 0..130 (also
 *         reference year - birth year), a NaN id, a customer without a
 *         segment (NaN or ""): row, column and value named), PARSE (a date
 *         that does not read: row and column), TOO_FEW (fewer customers than
 *         2 x min_n), those of the clustering and of the names table's draw,
 *         CANCELLED (the progress callback stopped the segmentation), NOMEM.
 * Ownership: *out is the caller's (cxm_persona_set_free). *out is NULL on failure.
 * Thread safety: pure; uses the options' threads.
 */
CXM_API cxm_status cxm_persona_build(cxm_persona_set **out, const cxm_table *customers,
				const cxm_persona_opts *opts);

/** Free a set; NULL is a no-op.
 * Errors: none. Ownership: everything borrowed from it dies with it. Thread safety: not while in use.
 */
CXM_API void cxm_persona_set_free(cxm_persona_set *set);

/** Number of personas, suppressed ones included (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_persona_set_count(const cxm_persona_set *set);

/**
 * Write a set (spec §15.7): CXM_PERSONA_JSON (the versioned schema;
 * cxm_persona_set_from_json reads it back and writing that again gives the
 * same bytes), CXM_PERSONA_MARKDOWN, or CXM_PERSONA_HTML (one
 * self-contained page of persona cards: inline CSS and SVG, no scripts, no
 * network). `title` heads the Markdown and the HTML page (NULL for
 * "Personas"); the JSON has none.
 * Errors: BAD_ARG (NULL, unknown format: the words), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free. *out is NULL on failure.
 * Thread safety: read-only.
 */
CXM_API cxm_status cxm_persona_set_render(char **out, const cxm_persona_set *set, int format, const char *title);

/**
 * Write persona i of a set alone: its JSON object (as an item of the set's
 * "personas"), its Markdown section, or its HTML card as a fragment with
 * its own inline style (what a notebook shows for one persona).
 * Errors: BAD_ARG (NULL, i out of range: the count, unknown format), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_free. *out is NULL on failure.
 * Thread safety: read-only.
 */
CXM_API cxm_status cxm_persona_render(char **out, const cxm_persona_set *set, size_t i, int format);

/**
 * A set from its JSON (schema cxmetrics.personas/1).
 * @param json  the text, json[0..len) (need not end in NUL).
 * Errors: BAD_ARG (NULL), PARSE (not JSON: the byte offset; a missing or
 *         wrong-typed field: its path, "personas[2].identifiers[0].lift"),
 *         VERSION (another schema version: both named), NOMEM.
 * Ownership: *out is the caller's (cxm_persona_set_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_set_from_json(cxm_persona_set **out, const char *json, size_t len);

/** cxm_persona_set_from_json on a file (messages start with its path).
 * Errors: as cxm_persona_set_from_json, IO.
 * Ownership: *out is the caller's (cxm_persona_set_free). *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_persona_set_from_file(cxm_persona_set **out, const char *path);

/**
 * One row per persona, row name "personas": id, segment, name, gender,
 * age_band, location, career (TEXT; "" when withheld or unknown), age,
 * size, share, revenue_share (NUMBER; NaN when withheld or unknown),
 * suppressed (NUMBER 0 / 1).
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure.
 * Thread safety: read-only.
 */
CXM_API cxm_status cxm_persona_set_summary(cxm_table **out, const cxm_persona_set *set);

/**
 * Every persona's identifiers, rank order, row name "identifiers": persona,
 * attribute, value (TEXT: the level; "higher" / "lower" for a numeric
 * attribute), share, population_share (percent; for a numeric attribute the
 * segment's and the population's means), lift, difference,
 * std_difference, p_value, q_value (NUMBER).
 * Errors: BAD_ARG (NULL), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure.
 * Thread safety: read-only.
 */
CXM_API cxm_status cxm_persona_set_identifiers(cxm_table **out, const cxm_persona_set *set);

/* ---- personas from behaviour (APG) ------------------------------------------------------- */

/** How a non-negative factorisation is fitted (CXM_NAMES_NMF_METHOD: "mu", "hals"). */
typedef enum cxm_nmf_method {
	CXM_NMF_MU = 0,  /**< Lee & Seung (2001) multiplicative updates, as scikit-learn's solver="mu" */
	CXM_NMF_HALS = 1 /**< hierarchical alternating least squares (Cichocki & Phan 2009), as scikit-learn's solver="cd" */
} cxm_nmf_method;

/** The defaults of the factorisation. */
#define CXM_NMF_MAX_ITERATIONS_DEFAULT 200
#define CXM_NMF_TOL_DEFAULT 1e-4

/** What a factorisation did. Initialise with CXM_NMF_INFO_INIT. */
typedef struct cxm_nmf_info {
	unsigned int version;    /**< CXM_NMF_INFO_VERSION */
	unsigned int iterations; /**< iterations run */
	unsigned int converged;  /**< 1: stopped by the tolerance; 0: at the iteration limit */
	double error;            /**< ||X - WH||_F at the end */
	double relative_error;   /**< error / ||X||_F */
} cxm_nmf_info;
#define CXM_NMF_INFO_VERSION 1u
#define CXM_NMF_INFO_INIT { CXM_NMF_INFO_VERSION, 0u, 0u, 0.0, 0.0 }

/**
 * Non-negative matrix factorisation X ~ W H (spec §15.8), X rows x n_cols
 * row-major, W rows x k, H k x n_cols, minimising ||X - W H||_F with
 * scikit-learn 1.2's updates (the same start gives the same factors and
 * iterations). Stopping as scikit-learn: MU checks the error every 10
 * iterations and stops when (previous error - error) / error at the start
 * < tol (never with tol 0); HALS stops when its projected-gradient
 * violation over that of the first iteration is <= tol. Runs on the
 * library's default threads (cxm_threads(), threads.h); the result does
 * not depend on their number.
 * @param w         in/out: W, rows x k row-major; n_w >= rows x k. With
 *                  init_given 1 the starting factor (non-negative, finite, not
 *                  all zero), else written from the seed (scikit-learn's "random"
 *                  scaling: sqrt(mean(X) / k) x |N(0, 1)| with the library's generator).
 * @param h         in/out: H, k x n_cols row-major; n_h >= k x n_cols; given or
 *                  seeded as w.
 * @param info      NULL, or receives the iterations, whether the tolerance stopped
 *                  the fit, ||X - WH||_F and that over ||X||_F; info->version
 *                  must then be set (CXM_NMF_INFO_INIT).
 * Errors: BAD_ARG (NULL, lengths, k = 0, k > min(rows, n_cols) or k > 64, method,
 *         max_iterations 0, tol negative or not finite), VERSION (info),
 *         NAN, OUT_OF_RANGE (a negative or infinite entry of X or of a given
 *         factor: row and column named, from 0), EMPTY (X or a given factor all zero), NOMEM.
 * Ownership: w and h are the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_nmf_fit(double *w, size_t n_w, double *h, size_t n_h, cxm_nmf_info *info,
			  const double *x, size_t n_x, size_t n_cols, size_t k, int method, int init_given,
			  uint64_t seed, unsigned int max_iterations, double tol);

/**
 * Personas from behaviour, as Automatic Persona Generation (An et al. 2018;
 * spec §15.8): the interactions table has one row per customer group and a
 * NUMBER column per content item or product (views, purchases;
 * non-negative). The group's name is its first TEXT column (or the options'
 * ID column); columns named gender / sex, age / age_band / age_group and
 * country, location / city (or given those roles in the options) give the
 * identity and are not items, nor are IGNORE columns. The NMF with k factors
 * (seeded with the options' seed, CXM_NMF_MAX_ITERATIONS_DEFAULT,
 * CXM_NMF_TOL_DEFAULT) gives each latent behaviour a persona (id "P1"..,
 * segment "F1"..): its `top_items` items of largest weight in H (interests,
 * weights normalised to sum 1 over all items; items of weight 0 left out),
 * the group whose mix gives it the largest share as its group and identity
 * (a group's mix: the share of its fitted interactions each behaviour
 * explains, W's entry times H's row sum, over the group's total), size the
 * number of groups whose mix it leads (share: their percent of the groups),
 * and a name drawn as cxm_persona_build does (the options' names table and
 * seed; birth year from the group's age or its band's middle). Groups of
 * fewer than min_n interactions (row sums) are left out; the provenance's
 * customers and excluded_customers count the groups kept and left out, its
 * quality is the fit's relative error.
 * @param weights  NULL, or receives the mixes, row name "groups": group (TEXT), then
 *                 one NUMBER column per persona id (each row sums to 1; all 0 for a
 *                 group the fit gives no weight).
 * Errors: as cxm_nmf_fit; BAD_ARG (NULL, no TEXT or no NUMBER column, a
 *         role's column missing, k 0, k above the items, top_items 0), NAN /
 *         OUT_OF_RANGE (an interaction NaN, negative or infinite: row from 1
 *         and column), EMPTY (no rows), TOO_FEW (fewer than k groups of min_n
 *         or more), NOMEM.
 * Ownership: the outputs are the caller's (cxm_persona_set_free, cxm_table_free).
 * *out and *weights are NULL on failure.
 * Thread safety: pure; uses the options' threads.
 */
CXM_API cxm_status cxm_persona_from_behaviour(cxm_persona_set **out, cxm_table **weights,
					 const cxm_table *interactions, size_t k, size_t top_items, int method,
					 const cxm_persona_opts *opts);

/* ---- stability ----------------------------------------------------------------------------- */

/**
 * The assignment of rows to columns of a cost matrix (rows x n_cols,
 * row-major, finite) that minimises the total cost (spec §15.9: Jonker &
 * Volgenant's 1987 reductions, then shortest augmenting paths as Crouse
 * 2016 and scipy's linear_sum_assignment search them, O(n^3)); rectangular
 * matrices leave max(rows, n_cols) - min(...) rows or columns unassigned (as
 * scipy's linear_sum_assignment). Among several optimal assignments the one
 * returned is always the same but may differ from scipy's. No rows (n_cost
 * 0) is an empty problem: total 0.
 * @param assignment  receives per row its column, or SIZE_MAX when unassigned (n_assignment >= rows).
 * @param total       NULL, or receives the total cost (summed exactly, rounded once).
 * Errors: BAD_ARG (NULL, lengths: n_cost not a multiple of n_cols, n_assignment
 *         below the rows), NAN / OUT_OF_RANGE (a non-finite cost: row and
 *         column, 1-based; costs so large that their sums overflow), NOMEM.
 * Ownership: outputs are the caller's. Thread safety: pure.
 */
CXM_API cxm_status cxm_linear_assignment(size_t *assignment, size_t n_assignment, double *total,
				    const double *cost, size_t n_cost, size_t n_cols);

/**
 * Match a new persona set to a previous one (spec §15.9): each shown
 * persona's profile vector (numeric attributes' means over the root mean
 * square of the two populations' standard deviations, categorical levels'
 * shares / 100 (the RFM mix counts as one), behaviour personas' interest
 * weights; only attributes both sets have) gives a Euclidean distance, over
 * the coordinates both personas show when some are withheld, scaled up to
 * all of them (scikit-learn's nan_euclidean_distances);
 * cxm_linear_assignment pairs them. A table, row name "matches", attribute
 * "coordinates" (the profile's length), one row per current persona then
 * one per unmatched previous one: persona, name, previous, previous_name
 * (TEXT; "" for a new or a gone persona), status (TEXT: "matched", "new",
 * "gone", or "suppressed" for a current persona under min_n, which takes no
 * part), distance, size_change (current size - previous), share_change
 * (points; NUMBER; NaN where there is no pair or a size is withheld),
 * changes (TEXT: the three largest changes of the profile, "Income mean 50
 * -> 56; City=Nice share 0% -> 20%; interest x weight 10% -> 15%").
 * Errors: BAD_ARG (NULL), EMPTY (a set without an unsuppressed persona),
 *         INCONSISTENT (the sets share no attribute to compare on), NOMEM.
 * Ownership: *out is the caller's (cxm_table_free). *out is NULL on failure.
 * Thread safety: read-only.
 */
CXM_API cxm_status cxm_persona_match(cxm_table **out, const cxm_persona_set *previous,
				const cxm_persona_set *current);

/* ---- Persona Perception Scale --------------------------------------------------------------- */

/** The constructs of the Persona Perception Scale (Salminen et al. 2020; CXM_NAMES_PPS_CONSTRUCT). */
typedef enum cxm_pps_construct {
	CXM_PPS_CREDIBILITY = 0,
	CXM_PPS_CONSISTENCY = 1,
	CXM_PPS_COMPLETENESS = 2,
	CXM_PPS_CLARITY = 3,
	CXM_PPS_LIKABILITY = 4,
	CXM_PPS_EMPATHY = 5,
	CXM_PPS_SIMILARITY = 6,
	CXM_PPS_WILLINGNESS = 7 /**< "willingness_to_use" */
} cxm_pps_construct;

/**
 * Score Persona Perception Scale answers (spec §15.10): the answer table
 * has a NUMBER column per item, named by its construct's word and a suffix
 * ("credibility_1", "empathy2", "willingness_to_use_3"; the word compared
 * case-insensitively and followed by nothing, '_', '-', '.', ' ' or a digit;
 * other columns are ignored), answers on lo..hi (default 1..7), NaN for
 * none; a column whose name ends in "_r" is reverse-keyed (lo + hi - answer).
 * @param out          one row per construct with items, in the order of
 *                     cxm_pps_construct, row name "constructs", attributes
 *                     scale_lo, scale_hi: construct (TEXT), items, respondents
 *                     (with every item answered), mean, sd (of the
 *                     respondents' construct means), alpha (Cronbach's,
 *                     over those respondents; NaN with one item, fewer than
 *                     2 respondents or sums that do not vary), alpha_lower,
 *                     alpha_upper (Feldt 1965's 95% interval) (NUMBER).
 * @param respondents  NULL, or receives one row per answer row, row name
 *                     "respondents": a column per construct, the mean of
 *                     its answered items (NaN when none).
 * Errors: BAD_ARG (NULL, lo >= hi, an item column that is not NUMBER),
 *         EMPTY (no item column, no rows),
 *         OUT_OF_RANGE (an answer off the scale or not whole: row, column,
 *         value), NOMEM.
 * Ownership: the tables are the caller's (cxm_table_free); *out and
 * *respondents are NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_pps_score(cxm_table **out, cxm_table **respondents, const cxm_table *answers, int lo,
			    int hi);

/**
 * Cronbach's alpha of an items matrix (n values: n / n_items respondents x
 * n_items, row-major, complete): k / (k - 1) x (1 - sum of item variances /
 * variance of the row sums), variances with n - 1 (spec §15.10).
 * Errors: BAD_ARG (NULL, lengths: n not a multiple of n_items, n_items < 2),
 *         TOO_FEW (fewer than 2 rows), NAN (row and item named),
 *         OUT_OF_RANGE (an infinite value), INCONSISTENT (the row sums do not vary).
 * Ownership: nothing allocated. Thread safety: pure.
 */
CXM_API cxm_status cxm_cronbach_alpha(double *out, const double *items, size_t n, size_t n_items);

CXM_END_DECL

#endif
