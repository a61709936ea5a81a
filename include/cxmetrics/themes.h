/*
 * cxmetrics/themes.h - themes in free-text comments (spec §20): a table of
 * themes, each a list of words and phrases ({"delivery": ["late", "courier",
 * "never arrived"], ...}), which comments mention which theme, and how the
 * score of the customers who mention a theme differs from the others'.
 *
 * Matching (spec §20.2-20.4): the comment and the words are case folded
 * (Unicode full case folding of Latin, Latin-1, Latin Extended-A/B, IPA,
 * Greek and Cyrillic, U+0000..U+052F; other scripts are compared as they
 * are); a word matches where its folded form occurs in the folded comment
 * and is neither preceded nor followed by a letter or digit (Unicode
 * alphanumeric; the underscore and punctuation are not letters); a space
 * inside a phrase matches any run of whitespace. Python's
 * re.search(r'(?<![^\W_])' + phrase + r'(?![^\W_])', comment.casefold())
 * gives the same answer on every comment of the covered scripts.
 *
 * A cxm_themes table is immutable once built: any number of threads may
 * match with one table at once.
 */
#ifndef CXMETRICS_THEMES_H
#define CXMETRICS_THEMES_H

#include "common.h"
#include "table.h"

CXM_BEGIN_DECL

/** A table of themes (opaque, immutable): names in file order and their folded words. */
typedef struct cxm_themes cxm_themes;

/** The most themes of one table. */
#define CXM_THEMES_MAX 4096
/** The longest word or phrase, in bytes of UTF-8. */
#define CXM_THEMES_WORD_MAX 256

/**
 * A table of themes from JSON text (spec §20.1): one object whose members are
 * the themes, in order, each an array of one or more words or phrases
 * (strings with at least one character that is not whitespace).
 * @param out   the table.
 * @param text  NUL-terminated UTF-8 JSON.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or text), PARSE (not JSON: "themes table: not
 *         valid JSON at line 3, column 7 (byte 41, near '...')"; not an
 *         object; a theme whose value is not an array of non-empty strings,
 *         naming the theme and the entry; an empty theme name; a duplicate
 *         theme name, naming it; invalid UTF-8 in a name or word, naming the
 *         theme and byte offset; a word longer than CXM_THEMES_WORD_MAX bytes),
 *         EMPTY (no theme), OUT_OF_RANGE (more than CXM_THEMES_MAX themes), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_themes_free. On failure *out is NULL.
 * *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_themes_from_json(cxm_themes **out, const char *text);

/**
 * cxm_themes_from_json on the contents of a file; its messages start with the path.
 * @param out   the table.
 * @param path  a JSON file.
 * @return CXM_OK or a negative code.
 * Errors: as cxm_themes_from_json; IO (cannot open or read the file).
 * Ownership: *out is the caller's; free it with cxm_themes_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_themes_read_json(cxm_themes **out, const char *path);

/**
 * The small English table built into the library (data/themes_en.json of
 * lib/themes, installed with the library): delivery, price, support, quality,
 * ease of use, billing, ...
 * @param out  the table.
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_themes_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_themes_default(cxm_themes **out);

/** Free a table; NULL is a no-op.
 * Errors: none. Ownership: the names it returned are freed with it.
 * Thread safety: not while another thread uses the table.
 */
CXM_API void cxm_themes_free(cxm_themes *t);

/** The number of themes (0 for NULL).
 * Errors: none. Ownership: nothing allocated. Thread safety: read-only.
 */
CXM_API size_t cxm_themes_count(const cxm_themes *t);

/**
 * The name of theme i (as in the JSON), or NULL when t is NULL or i is out of range.
 * Errors: none. Ownership: borrowed from t, valid until cxm_themes_free.
 * Thread safety: read-only.
 */
CXM_API const char *cxm_themes_name(const cxm_themes *t, size_t i);

/**
 * Which themes a comment mentions (spec §20.2-20.4): hits[i] = 1 when a word
 * or phrase of theme i matches, else 0, for i < cxm_themes_count(t).
 * @param hits    caller-sized output of n_hits >= cxm_themes_count(t) entries;
 *                only the first cxm_themes_count(t) are written.
 * @param t       the table.
 * @param text    the comment, NUL-terminated UTF-8 ("" mentions nothing).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL hits, t or text; n_hits smaller than the number of
 *         themes, naming both), PARSE (invalid UTF-8: "invalid UTF-8 at byte
 *         17 of the comment"; the hits are then all 0).
 * Ownership: nothing allocated (no scratch memory at all).
 * Thread safety: pure; any number of threads may match with one table.
 */
CXM_API cxm_status cxm_themes_match(unsigned char *hits, size_t n_hits, const cxm_themes *t, const char *text);

/**
 * Per theme, how many comments mention it and how the score of the
 * customers who mention it differs from the other commenters' (spec §20.5).
 * A table, row name "themes", one row per theme in table order, columns:
 * theme (TEXT), comments (non-empty comments), mentions, share (% of the
 * comments), metric (TEXT: "nps", "csat", or "" without scores),
 * n_mentioned, n_other (commenters with a score, mentioning it or not),
 * score_mentioned, score_other (NPS points or % satisfied), diff
 * (mentioned - other), lower, upper (its interval at conf), p_value
 * (NPS: spec §1.6 adjusted-Wald z test, cxm_nps_compare; CSAT: the pooled
 * two-proportion z test, cxm_two_proportion_test), p_adjusted (cxm_p_adjust
 * over the themes' p-values) (NUMBER; NaN where a side has no score).
 * Attributes: rows, missing (NULL comments), empty (comments of whitespace
 * only), comments, scored (commenters with a score), unscored (commenters
 * with a NaN score), metric, adjust (TEXT), conf.
 * @param comments    n_comments comments; NULL is a missing comment, counted
 *                    and skipped.
 * @param scores      one per comment (NaN: no score), or NULL with
 *                    n_scores = 0 for counts only.
 * @param metric      CXM_SURVEY_NPS or CXM_SURVEY_CSAT (report.h); ignored
 *                    without scores.
 * @param lo          the lowest answer: NPS 0..10 or 1..10; CSAT as cxm_csat.
 * @param hi          the highest answer of the scale.
 * @param threshold   CSAT: satisfied means score >= threshold, or
 *                    CXM_CSAT_DEFAULT_THRESHOLD; ignored for NPS.
 * @param adjust      a cxm_p_adjust_method (CXM_NAMES_P_ADJUST): none, holm, bh.
 * @param conf        confidence of the intervals, in (0, 1).
 * @return CXM_OK or a negative code.
 * Errors: BAD_ARG (NULL out or t; NULL comments with n_comments > 0;
 *         n_scores neither 0 nor n_comments; metric, scale, threshold,
 *         adjust, conf), PARSE (invalid UTF-8 in comments[i], naming i and
 *         the byte), OUT_OF_RANGE / NON_INTEGER (scores[i] off the scale,
 *         naming i and the value), EMPTY (n_comments = 0), NOMEM.
 * Ownership: *out is the caller's; free it with cxm_table_free. *out is NULL on failure.
 * Thread safety: pure.
 */
CXM_API cxm_status cxm_themes_summary(cxm_table **out, const cxm_themes *t, const char *const *comments,
				      size_t n_comments, const double *scores, size_t n_scores, int metric,
				      int lo, int hi, int threshold, int adjust, double conf);

CXM_END_DECL

#endif
