/*
 * tests/unit/test_themes.c - check suite for themes in comments (spec §20):
 * the JSON table and its messages (line and column, the theme named), case
 * folding (Latin, Greek, Cyrillic; full folding ß -> ss; out-of-scope
 * scripts unchanged), word boundaries (letters and digits of every script,
 * not '_' nor punctuation nor emoji), phrases (a space matches any run of
 * whitespace), invalid UTF-8 (the byte offset), the built-in table, matching
 * from two threads, the summary (counts, NPS and CSAT worked by hand), out of memory.
 *
 * Every expected hit is worked by hand from the definitions of §20; the same
 * definitions against Python's re on thousands of generated comments are in
 * tests/python/test_themes.py.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#define TMP_PREFIX "cxm_test_themes_"
#include "tmpfile.h"

static cxm_themes *table(const char *json)
{
	cxm_themes *t = NULL;
	ck_assert_status(cxm_themes_from_json(&t, json), CXM_OK);
	return t;
}

/* 1 when theme 0 of a one-theme table with `word` matches `text`. */
static int hit1(const char *word, const char *text)
{
	char json[600];
	unsigned char hits[1] = { 9 };
	cxm_themes *t;
	snprintf(json, sizeof json, "{\"t\": [\"%s\"]}", word);
	t = table(json);
	ck_assert_status(cxm_themes_match(hits, 1, t, text), CXM_OK);
	cxm_themes_free(t);
	ck_assert(hits[0] <= 1);
	return hits[0];
}

static void expect_error(const char *json, int code, const char *needle)
{
	cxm_themes *t = (cxm_themes *)1;
	ck_assert_status(cxm_themes_from_json(&t, json), code);
	ck_assert_ptr_null(t);
	assert_message_has(needle);
}

START_TEST(test_table)
{
	cxm_themes *t = table("{\"delivery\": [\"late\", \"never arrived\"], \"price\": [\"expensive\"],"
			      " \"Ease of use\": [\"easy\"]}");
	ck_assert_uint_eq(cxm_themes_count(t), 3);
	ck_assert_str_eq(cxm_themes_name(t, 0), "delivery");
	ck_assert_str_eq(cxm_themes_name(t, 1), "price");
	ck_assert_str_eq(cxm_themes_name(t, 2), "Ease of use");
	ck_assert_ptr_null(cxm_themes_name(t, 3));
	ck_assert_ptr_null(cxm_themes_name(NULL, 0));
	ck_assert_uint_eq(cxm_themes_count(NULL), 0);
	cxm_themes_free(t);
	cxm_themes_free(NULL);
}
END_TEST

START_TEST(test_table_errors)
{
	cxm_themes *t = NULL;
	/* cJSON stops at the ']' after the comma, byte 15: line 2, column 14 (1-based) */
	expect_error("{\n  \"a\": [\"x\", ]\n}", CXM_EPARSE, "PARSE: themes table: not valid JSON at line 2, column 14 (byte 15)");
	expect_error("{\"a\": [\"x\"]", CXM_EPARSE, "at line 1, column 11 (byte 10)");
	expect_error("[\"x\"]", CXM_EPARSE, "must be a JSON object of themes");
	expect_error("{\"delivery\": \"late\"}", CXM_EPARSE, "theme 'delivery' must be an array of words");
	expect_error("{\"delivery\": []}", CXM_EPARSE, "theme 'delivery' has no word");
	expect_error("{\"delivery\": [\"late\", 3]}", CXM_EPARSE, "theme 'delivery': word 2 is a number");
	expect_error("{\"delivery\": [\"late\", \" \\t \"]}", CXM_EPARSE, "theme 'delivery': word 2 is empty");
	expect_error("{\"delivery\": [\"\"]}", CXM_EPARSE, "theme 'delivery': word 1 is empty");
	expect_error("{}", CXM_EEMPTY, "the table has no theme");
	expect_error("{\"a\": [\"x\"], \"b\": [\"y\"], \"a\": [\"z\"]}", CXM_EPARSE, "theme 'a' is given twice");
	expect_error("{\"\": [\"x\"]}", CXM_EPARSE, "a theme has an empty name");
	expect_error("{\"price\": [\"ok\", \"caf\xc3\"]}", CXM_EPARSE, "theme 'price': word 2 has invalid UTF-8 at byte 3");
	expect_error("{\"pr\xff\": [\"ok\"]}", CXM_EPARSE, "has invalid UTF-8 at byte 2");
	ck_assert_status(cxm_themes_from_json(NULL, "{}"), CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_from_json(&t, NULL), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_read_json)
{
	char path[TMP_PATH_SIZE];
	cxm_themes *t = NULL;
	write_tmp_str(path, "{\"delivery\": [\"late\"],\n \"price\": [\"cheap\", 1]}\n");
	ck_assert_status(cxm_themes_read_json(&t, path), CXM_EPARSE);
	assert_message_has(path);
	assert_message_has("theme 'price': word 2 is a number");
	write_tmp_str(path, "{\"delivery\": [\"late\"],\n \"price\" [\"cheap\"]}\n");
	ck_assert_status(cxm_themes_read_json(&t, path), CXM_EPARSE);
	assert_message_has(path);
	assert_message_has("line 2, column 10");
	write_tmp_str(path, "{\"delivery\": [\"late\"]}");
	ck_assert_status(cxm_themes_read_json(&t, path), CXM_OK);
	ck_assert_uint_eq(cxm_themes_count(t), 1);
	cxm_themes_free(t);
	remove(path);
	ck_assert_status(cxm_themes_read_json(&t, path), CXM_EIO);
	assert_message_has(path);
}
END_TEST

START_TEST(test_boundaries)
{
	ck_assert_int_eq(hit1("late", "It was late."), 1);
	ck_assert_int_eq(hit1("late", "LATE"), 1);
	ck_assert_int_eq(hit1("late", "chocolate"), 0);        /* preceded by a letter */
	ck_assert_int_eq(hit1("late", "lately"), 0);           /* followed by a letter */
	ck_assert_int_eq(hit1("late", "late2"), 0);            /* a digit is a letter or digit */
	ck_assert_int_eq(hit1("late", "2late"), 0);
	ck_assert_int_eq(hit1("late", "late_delivery"), 1);    /* '_' is not a letter (§20.3) */
	ck_assert_int_eq(hit1("late", "(late)"), 1);
	ck_assert_int_eq(hit1("late", "late\xf0\x9f\x98\xa0"), 1);       /* an emoji is not a letter */
	ck_assert_int_eq(hit1("late", "late\xe4\xb8\xad"), 0);           /* U+4E2D is a letter (Lo) */
	ck_assert_int_eq(hit1("late", "late\xc2\xb2"), 0);               /* U+00B2 superscript two: No */
	ck_assert_int_eq(hit1("late", "\xc3\xa9late"), 0);               /* é before it */
	ck_assert_int_eq(hit1("late", "late\xcc\x81"), 1);               /* a combining mark is not a letter */
	ck_assert_int_eq(hit1("late", "lat"), 0);
	ck_assert_int_eq(hit1("late", ""), 0);
	ck_assert_int_eq(hit1("late", "too late, too late"), 1);
	ck_assert_int_eq(hit1("late", "chocolate late"), 1);             /* the second place matches */
	ck_assert_int_eq(hit1("c++", "I like c++."), 1);
	ck_assert_int_eq(hit1("c++", "abc++"), 0);
	ck_assert_int_eq(hit1("wi-fi", "The Wi-Fi dropped"), 1);
	ck_assert_int_eq(hit1("wi-fi", "wifi"), 0);
}
END_TEST

START_TEST(test_phrases)
{
	ck_assert_int_eq(hit1("never arrived", "it never arrived"), 1);
	ck_assert_int_eq(hit1("never arrived", "it NEVER    arrived!"), 1);
	ck_assert_int_eq(hit1("never arrived", "never\t\n arrived"), 1);
	ck_assert_int_eq(hit1("never arrived", "never\xc2\xa0" "arrived"), 1);  /* no-break space */
	ck_assert_int_eq(hit1("never arrived", "never\xe3\x80\x80" "arrived"), 1); /* ideographic space */
	ck_assert_int_eq(hit1("never arrived", "never-arrived"), 0);   /* punctuation is no space */
	ck_assert_int_eq(hit1("never arrived", "neverarrived"), 0);
	ck_assert_int_eq(hit1("never arrived", "never arrivederci"), 0);
	ck_assert_int_eq(hit1("never  \\t arrived ", "never arrived"), 1); /* the word's runs are one space */
	ck_assert_int_eq(hit1("never arrived", "never "), 0);
}
END_TEST

START_TEST(test_folding)
{
	ck_assert_int_eq(hit1("stra\xc3\x9f" "e", "STRASSE"), 1);        /* ß -> ss (full folding) */
	ck_assert_int_eq(hit1("strasse", "Stra\xc3\x9f" "e"), 1);
	ck_assert_int_eq(hit1("caf\xc3\xa9", "CAF\xc3\x89!"), 1);         /* É -> é */
	ck_assert_int_eq(hit1("caf\xc3\xa9", "cafe"), 0);                 /* no accent stripping */
	ck_assert_int_eq(hit1("\xc4\xb3", "\xc4\xb2"), 1);                /* Ĳ -> ĳ (Latin Extended-A) */
	ck_assert_int_eq(hit1("\xc7\x86", "\xc7\x84"), 1);                /* Ǆ -> ǆ (Extended-B) */
	ck_assert_int_eq(hit1("\xce\xbc", "\xc2\xb5"), 1);                /* micro sign -> μ */
	/* Greek: ΟΔΟΣ, οδος and οδος with final sigma all fold to οδοσ */
	ck_assert_int_eq(hit1("\xce\xbf\xce\xb4\xce\xbf\xcf\x82", "\xce\x9f\xce\x94\xce\x9f\xce\xa3"), 1);
	/* Cyrillic: ДОСТАВКА matches доставка */
	ck_assert_int_eq(hit1("\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xba\xd0\xb0",
			      "\xd0\x94\xd0\x9e\xD0\xA1\xD0\xA2\xD0\x90\xD0\x92\xD0\x9A\xD0\x90 late"), 1);
	/* Cyrillic supplement: Ԁ (U+0500) -> ԁ (U+0501) */
	ck_assert_int_eq(hit1("\xd4\x81", "\xd4\x80"), 1);
	/* İ folds to i + U+0307 (a combining mark, not a letter): "i" matches inside it, as in Python */
	ck_assert_int_eq(hit1("i", "\xc4\xb0"), 1);
	/* out of scope (§20.2): Latin Extended Additional Ẁ (U+1E80) is not folded to ẁ (U+1E81) */
	ck_assert_int_eq(hit1("\xe1\xba\x81", "\xe1\xba\x80"), 0);
	ck_assert_int_eq(hit1("\xe1\xba\x81", "\xe1\xba\x81"), 1);
}
END_TEST

START_TEST(test_match_errors)
{
	cxm_themes *t = table("{\"a\": [\"x\"], \"b\": [\"y\"]}");
	unsigned char hits[3] = { 7, 7, 7 };
	ck_assert_status(cxm_themes_match(hits, 1, t, "x"), CXM_EBAD_ARG);
	assert_message_has("n_hits = 1 is smaller than the 2 themes");
	ck_assert_status(cxm_themes_match(NULL, 2, t, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_match(hits, 2, NULL, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_match(hits, 2, t, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_match(hits, 3, t, "x y"), CXM_OK);
	ck_assert_int_eq(hits[0], 1);
	ck_assert_int_eq(hits[1], 1);
	ck_assert_int_eq(hits[2], 7); /* only count entries written */
	ck_assert_status(cxm_themes_match(hits, 2, t, "x y \xff"), CXM_EPARSE);
	assert_message_has("invalid UTF-8 at byte 4 of the comment");
	ck_assert_int_eq(hits[0], 0);
	ck_assert_status(cxm_themes_match(hits, 2, t, "ok \xc0\x80"), CXM_EPARSE);   /* overlong NUL */
	assert_message_has("at byte 3");
	ck_assert_status(cxm_themes_match(hits, 2, t, "\xed\xa0\x80"), CXM_EPARSE);   /* a surrogate */
	assert_message_has("at byte 0");
	ck_assert_status(cxm_themes_match(hits, 2, t, "x\xe2\x82"), CXM_EPARSE);      /* cut short */
	assert_message_has("at byte 1");
	ck_assert_status(cxm_themes_match(hits, 2, t, "\xf4\x90\x80\x80"), CXM_EPARSE); /* above U+10FFFF */
	cxm_themes_free(t);
}
END_TEST

START_TEST(test_default)
{
	cxm_themes *t = NULL;
	unsigned char hits[64];
	size_t i, delivery = SIZE_MAX, price = SIZE_MAX;
	ck_assert_status(cxm_themes_default(&t), CXM_OK);
	ck_assert_uint_ge(cxm_themes_count(t), 5);
	ck_assert_uint_le(cxm_themes_count(t), sizeof hits);
	for (i = 0; i < cxm_themes_count(t); i++) {
		if (strcmp(cxm_themes_name(t, i), "delivery") == 0)
			delivery = i;
		if (strcmp(cxm_themes_name(t, i), "price") == 0)
			price = i;
	}
	ck_assert_uint_ne(delivery, SIZE_MAX);
	ck_assert_uint_ne(price, SIZE_MAX);
	ck_assert_status(cxm_themes_match(hits, sizeof hits, t, "My parcel NEVER  arrived."), CXM_OK);
	ck_assert_int_eq(hits[delivery], 1);
	ck_assert_int_eq(hits[price], 0);
	ck_assert_status(cxm_themes_match(hits, sizeof hits, t, "Way too expensive"), CXM_OK);
	ck_assert_int_eq(hits[delivery], 0);
	ck_assert_int_eq(hits[price], 1);
	cxm_themes_free(t);
	ck_assert_status(cxm_themes_default(NULL), CXM_EBAD_ARG);
}
END_TEST

/* Two threads match the same comments with one table: the hits equal one thread's. */
#define N_COMMENTS 2000
static cxm_themes *g_table;
static char g_comments[N_COMMENTS][48];
static unsigned char g_hits[2][N_COMMENTS][4];

static void *match_all(void *arg)
{
	size_t k = (size_t)(uintptr_t)arg, i;
	for (i = 0; i < N_COMMENTS; i++)
		if (cxm_themes_match(g_hits[k][i], 4, g_table, g_comments[i]) != CXM_OK)
			return arg;
	return NULL;
}

START_TEST(test_threads)
{
	static const char *const parts[] = { "late", "LATE", "chocolate", "never", "arrived", " ", "  ", "\xc3\x89t\xc3\xa9",
					     "price", "pr\xc3\xaf" "ce", "rude", ",", "\xce\xa3", "\xd0\x94" };
	pthread_t th[2];
	size_t i, j, k;
	void *ret;
	uint64_t x = 12345;
	g_table = table("{\"delivery\": [\"late\", \"never arrived\"], \"price\": [\"price\"], \"staff\": [\"rude\"],"
			" \"other\": [\"\xc3\xa9t\xc3\xa9\"]}");
	for (i = 0; i < N_COMMENTS; i++) {
		g_comments[i][0] = 0;
		for (j = 0; j < 4; j++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			strcat(g_comments[i], parts[(x >> 33) % (sizeof parts / sizeof parts[0])]);
		}
	}
	for (k = 0; k < 2; k++)
		ck_assert_int_eq(pthread_create(&th[k], NULL, match_all, (void *)(uintptr_t)k), 0);
	for (k = 0; k < 2; k++) {
		ck_assert_int_eq(pthread_join(th[k], &ret), 0);
		ck_assert_ptr_null(ret);
	}
	ck_assert_int_eq(memcmp(g_hits[0], g_hits[1], sizeof g_hits[0]), 0);
	for (i = 0; i < N_COMMENTS; i++) {
		unsigned char one[4];
		ck_assert_status(cxm_themes_match(one, 4, g_table, g_comments[i]), CXM_OK);
		ck_assert_int_eq(memcmp(one, g_hits[0][i], 4), 0);
	}
	cxm_themes_free(g_table);
}
END_TEST


static double num_at(const cxm_table *t, const char *name, size_t row)
{
	size_t col;
	ck_assert_status(cxm_table_column_index(&col, t, name), CXM_OK);
	return cxm_table_numbers(t, col)[row];
}

static double attr(const cxm_table *t, const char *name)
{
	double x = NAN;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/*
 * By hand (spec §1.4, §1.6): theme "d" = {"late"}. Commenters with a score:
 * mentioning 10, 0 (P 1, Pa 0, D 1: NPS 0), others 10, 9 (P 2: NPS 100);
 * "late" with NaN has no score, NULL is missing, "" is empty. Adjusted Wald:
 * a: n+3 = 5, p = d = 1.75/5, centre 0, se = 100 sqrt(0.7/5); b: p = 2.75/5,
 * d = 0.75/5, centre 40, se = 100 sqrt(0.54/5); diff of centres -40, se =
 * sqrt(2480), z = -0.8032, p = 2 Phi(-|z|) = 0.42184797545336294.
 */
START_TEST(test_summary_nps)
{
	const char *comments[] = { "late", "LATE!", "fine", "ok", NULL, "", "late", " \t" };
	const double scores[] = { 10, 0, 10, 9, 5, 3, NAN, 7 };
	cxm_themes *t = table("{\"d\": [\"late\"], \"x\": [\"nothing\"]}");
	cxm_table *out = NULL;
	const char *s = NULL;
	ck_assert_status(cxm_themes_summary(&out, t, comments, 8, scores, 8, CXM_SURVEY_NPS, 0, 10, 0,
					    CXM_P_ADJUST_HOLM, 0.95), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(out), 2);
	ck_assert_double_eq(num_at(out, "comments", 0), 5);
	ck_assert_double_eq(num_at(out, "mentions", 0), 3);
	ck_assert_double_eq(num_at(out, "share", 0), 60);
	ck_assert_double_eq(num_at(out, "n_mentioned", 0), 2);
	ck_assert_double_eq(num_at(out, "n_other", 0), 2);
	ck_assert_double_eq(num_at(out, "score_mentioned", 0), 0);
	ck_assert_double_eq(num_at(out, "score_other", 0), 100);
	ck_assert_double_eq(num_at(out, "diff", 0), -100);
	assert_rel(num_at(out, "p_value", 0), 0.42184797545336294, 1e-12);
	assert_rel(num_at(out, "lower", 0), -137.60541929279046, 1e-12);
	assert_rel(num_at(out, "upper", 0), 57.60541929279046, 1e-12);
	assert_rel(num_at(out, "p_adjusted", 0), 0.42184797545336294, 1e-12); /* one test: Holm keeps it */
	/* theme "x": nobody mentions it, so there is nothing to compare */
	ck_assert_double_eq(num_at(out, "mentions", 1), 0);
	ck_assert(isnan(num_at(out, "score_mentioned", 1)));
	ck_assert_double_eq(num_at(out, "score_other", 1), 50); /* 10 10 9 0: P 3, D 1 of 4 */
	ck_assert(isnan(num_at(out, "p_value", 1)) && isnan(num_at(out, "p_adjusted", 1)));
	ck_assert_double_eq(attr(out, "rows"), 8);
	ck_assert_double_eq(attr(out, "missing"), 1);
	ck_assert_double_eq(attr(out, "empty"), 2);
	ck_assert_double_eq(attr(out, "comments"), 5);
	ck_assert_double_eq(attr(out, "scored"), 4);
	ck_assert_double_eq(attr(out, "unscored"), 1);
	ck_assert_status(cxm_table_get_attr_text(&s, out, "metric"), CXM_OK);
	ck_assert_str_eq(s, "nps");
	ck_assert_status(cxm_table_get_attr_text(&s, out, "adjust"), CXM_OK);
	ck_assert_str_eq(s, "holm");
	cxm_table_free(out);
	cxm_themes_free(t);
}
END_TEST

/*
 * By hand (spec §17.1): CSAT 1..5, satisfied >= 4 (the default top-2-box).
 * Mentioning 5, 2: 1 of 2 (50%); others 4, 1, 1: 1 of 3 (33.3%). Pooled p =
 * 2/5, se0 = sqrt(0.4 0.6 (1/2 + 1/3)) = sqrt(0.2), z = (1/2 - 1/3) / se0,
 * p = 2 Phi(-z) = 0.7093881150142263.
 */
START_TEST(test_summary_csat)
{
	const char *comments[] = { "late", "late", "fine", "fine", "fine" };
	const double scores[] = { 5, 2, 4, 1, 1 };
	cxm_themes *t = table("{\"d\": [\"late\"]}");
	cxm_table *out = NULL;
	ck_assert_status(cxm_themes_summary(&out, t, comments, 5, scores, 5, CXM_SURVEY_CSAT, 1, 5,
					    CXM_CSAT_DEFAULT_THRESHOLD, CXM_P_ADJUST_BH, 0.95), CXM_OK);
	ck_assert_double_eq(num_at(out, "score_mentioned", 0), 50);
	assert_rel(num_at(out, "score_other", 0), 100.0 / 3, 1e-15);
	assert_rel(num_at(out, "diff", 0), 50 - 100.0 / 3, 1e-13);
	assert_rel(num_at(out, "p_value", 0), 0.7093881150142263, 1e-12);
	cxm_table_free(out);
	/* counts only: no scores */
	ck_assert_status(cxm_themes_summary(&out, t, comments, 5, NULL, 0, -1, 0, 0, 0, CXM_P_ADJUST_NONE, 0.95),
			 CXM_OK);
	ck_assert_double_eq(num_at(out, "mentions", 0), 2);
	ck_assert_double_eq(num_at(out, "share", 0), 40);
	ck_assert(isnan(num_at(out, "p_value", 0)));
	cxm_table_free(out);
	cxm_themes_free(t);
}
END_TEST

START_TEST(test_summary_errors)
{
	const char *comments[] = { "late", "caf\xc3" };
	const double scores[] = { 11, 2 };
	const double half[] = { 4.5, 2 };
	cxm_themes *t = table("{\"d\": [\"late\"]}");
	cxm_table *out = NULL;
	ck_assert_status(cxm_themes_summary(&out, t, comments, 2, NULL, 0, CXM_SURVEY_NPS, 0, 10, 0, 1, 0.95),
			 CXM_EPARSE);
	assert_message_has("comments[1]: invalid UTF-8 at byte 3");
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, scores, 1, CXM_SURVEY_NPS, 0, 10, 0, 1, 0.95),
			 CXM_EOUT_OF_RANGE);
	assert_message_has("scores[0] = 11 is outside the scale 0..10");
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, half, 1, CXM_SURVEY_NPS, 0, 10, 0, 1, 0.95),
			 CXM_ENON_INTEGER);
	assert_message_has("scores[0] = 4.5");
	ck_assert_status(cxm_themes_summary(&out, t, comments, 2, scores, 1, CXM_SURVEY_NPS, 0, 10, 0, 1, 0.95),
			 CXM_EBAD_ARG);
	assert_message_has("n_scores = 1");
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, scores, 1, CXM_SURVEY_NPS, 0, 5, 0, 1, 0.95),
			 CXM_EBAD_ARG);
	assert_message_has("0..10 or 1..10");
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, scores, 1, CXM_SURVEY_CES, 1, 5, 0, 1, 0.95),
			 CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, scores, 1, CXM_SURVEY_CSAT, 1, 5, 9, 1, 0.95),
			 CXM_EBAD_ARG); /* a threshold off the scale: cxm_csat says so */
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, NULL, 0, 0, 0, 10, 0, 7, 0.95), CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_summary(&out, t, comments, 1, NULL, 0, 0, 0, 10, 0, 1, 1.5), CXM_EBAD_ARG);
	ck_assert_status(cxm_themes_summary(&out, t, comments, 0, NULL, 0, 0, 0, 10, 0, 1, 0.95), CXM_EEMPTY);
	ck_assert_status(cxm_themes_summary(&out, NULL, comments, 1, NULL, 0, 0, 0, 10, 0, 1, 0.95), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	cxm_themes_free(t);
}
END_TEST

typedef int (*oom_step)(void **result);

static int step_json(void **res)
{
	return cxm_themes_from_json((cxm_themes **)res, "{\"delivery\": [\"late\", \"never arrived\"], \"price\": [\"\xc3\x9f\"]}");
}

static int step_default(void **res)
{
	return cxm_themes_default((cxm_themes **)res);
}

static int step_summary(void **res)
{
	const char *comments[] = { "late", "never arrived", NULL, "ok", "" };
	const double scores[] = { 0, 10, 5, 9, 1 };
	cxm_themes *t = NULL;
	int rc;
	if ((rc = cxm_themes_from_json(&t, "{\"d\": [\"late\", \"never arrived\"], \"o\": [\"ok\"]}")) < 0)
		return rc;
	rc = cxm_themes_summary((cxm_table **)res, t, comments, 5, scores, 5, CXM_SURVEY_NPS, 0, 10, 0,
				CXM_P_ADJUST_HOLM, 0.95);
	cxm_themes_free(t);
	return rc;
}

static void oom_loop(oom_step step, int is_table)
{
	long k;
	int rc;
	for (k = 0;; k++) {
		void *result = NULL;
		oom_arm(k);
		rc = step(&result);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			if (is_table)
				cxm_table_free(result);
			else
				cxm_themes_free(result);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}

START_TEST(test_oom)
{
	oom_loop(step_json, 0);
	oom_loop(step_default, 0);
	oom_loop(step_summary, 1);
}
END_TEST

static Suite *themes_suite(void)
{
	Suite *s = suite_create("themes");
	TCase *tc = tcase_create("themes");
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_table_errors);
	tcase_add_test(tc, test_read_json);
	tcase_add_test(tc, test_boundaries);
	tcase_add_test(tc, test_phrases);
	tcase_add_test(tc, test_folding);
	tcase_add_test(tc, test_match_errors);
	tcase_add_test(tc, test_default);
	tcase_add_test(tc, test_threads);
	tcase_add_test(tc, test_summary_nps);
	tcase_add_test(tc, test_summary_csat);
	tcase_add_test(tc, test_summary_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("oom");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(themes_suite)
