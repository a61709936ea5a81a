/*
 * tests/unit/test_rfm_rules.c - rule tables as JSON, the presets and the
 * validator (spec §7.8).
 *
 * Expected findings: spec §7.3 states the first-match quirks of sets A and B
 * (New Customers and Promising inside Potential Loyalist, Can't Lose Them
 * inside At Risk; in A, Lost the same as Hibernating); the cell counts come
 * from enumerating the 125 (or 27) score cells by hand-written brute force
 * over the preset files (the loop in tests/python/test_rfm_rules.py, which
 * recomputes them at test time); malformed-JSON offsets are the byte of the
 * fault, counted in the literal.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#define TMP_PREFIX "cxm_test_rfm_rules_"
#include "harness.h"
#include "oom.h"
#include "tmpfile.h"

static size_t col(const cxm_table *t, const char *name)
{
	size_t i;
	ck_assert_status(cxm_table_column_index(&i, t, name), CXM_OK);
	return i;
}

static double attr(const cxm_table *t, const char *name)
{
	double x;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/* The row of kind/rule/other, or SIZE_MAX. */
static size_t find_row(const cxm_table *t, const char *kind, const char *rule, const char *other)
{
	const char *const *k = cxm_table_texts(t, col(t, "kind"));
	const char *const *r = cxm_table_texts(t, col(t, "rule"));
	const char *const *o = cxm_table_texts(t, col(t, "other"));
	size_t i;
	for (i = 0; i < cxm_table_rows(t); i++)
		if (strcmp(k[i], kind) == 0 && strcmp(r[i], rule) == 0 && (!other || strcmp(o[i], other) == 0))
			return i;
	return SIZE_MAX;
}

static size_t count_kind(const cxm_table *t, const char *kind)
{
	const char *const *k = cxm_table_texts(t, col(t, "kind"));
	size_t i, n = 0;
	for (i = 0; i < cxm_table_rows(t); i++)
		n += strcmp(k[i], kind) == 0;
	return n;
}

/* r_lo r_hi f_lo f_hi m_lo m_hi cells of row i */
static void assert_box(const cxm_table *t, size_t i, const double exp[7])
{
	static const char *const cols[7] = { "r_lo", "r_hi", "f_lo", "f_hi", "m_lo", "m_hi", "cells" };
	size_t k;
	ck_assert_msg(i != SIZE_MAX, "row not found");
	for (k = 0; k < 7; k++)
		ck_assert_msg(cxm_table_numbers(t, col(t, cols[k]))[i] == exp[k], "row %zu %s = %g, expected %g", i,
			      cols[k], cxm_table_numbers(t, col(t, cols[k]))[i], exp[k]);
}

static cxm_table *validate(const char *set, int match)
{
	cxm_rfm_rules *r = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_rfm_rules_builtin(&r, set), CXM_OK);
	ck_assert_status(cxm_rfm_rules_validate(&t, r, 0, match), CXM_OK);
	cxm_rfm_rules_free(r);
	return t;
}

START_TEST(test_validate_set_b)
{
	cxm_table *t = validate("r_02x", CXM_RFM_FIRST_MATCH);
	static const double new_in_pl[7] = { 4, 5, 1, 1, 1, 1, 2 };
	static const double prom_in_pl[7] = { 3, 4, 1, 1, 1, 1, 2 };
	static const double clt_in_ar[7] = { 1, 1, 4, 5, 4, 5, 4 };
	ck_assert_str_eq(cxm_table_row_name(t), "findings");
	/* §7.3: exactly these three are unreachable, each inside the rule named */
	ck_assert_uint_eq(count_kind(t, "unreachable"), 3);
	ck_assert(attr(t, "unreachable") == 3);
	assert_box(t, find_row(t, "unreachable", "New Customers", "Potential Loyalist"), new_in_pl);
	assert_box(t, find_row(t, "unreachable", "Promising", "Potential Loyalist"), prom_in_pl);
	assert_box(t, find_row(t, "unreachable", "Can't Lose Them", "At Risk"), clt_in_ar);
	/* the overlaps behind them: the intersection is the whole inner rule */
	assert_box(t, find_row(t, "overlap", "Potential Loyalist", "New Customers"), new_in_pl);
	assert_box(t, find_row(t, "overlap", "Potential Loyalist", "Promising"), prom_in_pl);
	assert_box(t, find_row(t, "overlap", "At Risk", "Can't Lose Them"), clt_in_ar);
	/* brute force over the 125 cells: 17 overlapping pairs, 36 cells no rule covers
	 * (the "Others" of §7.3) */
	ck_assert_uint_eq(count_kind(t, "overlap"), 17);
	ck_assert(attr(t, "overlaps") == 17);
	ck_assert(attr(t, "uncovered_cells") == 36);
	ck_assert(attr(t, "scores") == 5);
	{
		const double *cells = cxm_table_numbers(t, col(t, "cells"));
		const char *const *k = cxm_table_texts(t, col(t, "kind"));
		double sum = 0;
		size_t i;
		for (i = 0; i < cxm_table_rows(t); i++)
			if (strcmp(k[i], "uncovered") == 0)
				sum += cells[i];
		ck_assert(sum == 36);
	}
	/* (5, 1, 1) and (1, 5, 5) are uncovered? no: they are Potential Loyalist / At Risk;
	 * (1, 3, 1) is uncovered (R 1-2, F 3-5, M 1 is a block) */
	{
		static const double block[7] = { 1, 2, 3, 5, 1, 1, 6 };
		const char *const *k = cxm_table_texts(t, col(t, "kind"));
		size_t i, found = 0;
		for (i = 0; i < cxm_table_rows(t); i++) {
			if (strcmp(k[i], "uncovered") == 0 && cxm_table_numbers(t, col(t, "r_lo"))[i] == 1 &&
			    cxm_table_numbers(t, col(t, "f_lo"))[i] == 3) {
				assert_box(t, i, block);
				found++;
			}
		}
		ck_assert_uint_eq(found, 1);
	}
	cxm_table_free(t);
}
END_TEST

START_TEST(test_validate_set_a)
{
	cxm_table *t = validate("vignette_11", CXM_RFM_FIRST_MATCH);
	static const double lost[7] = { 1, 2, 1, 2, 1, 2, 8 };
	ck_assert_uint_eq(count_kind(t, "unreachable"), 4);
	ck_assert(find_row(t, "unreachable", "New Customers", "Potential Loyalist") != SIZE_MAX);
	ck_assert(find_row(t, "unreachable", "Promising", "Potential Loyalist") != SIZE_MAX);
	ck_assert(find_row(t, "unreachable", "Can't Lose Them", "At Risk") != SIZE_MAX);
	/* Lost has Hibernating's ranges: the overlap is the whole box; its cells go
	 * to the four rules before it that hold them */
	assert_box(t, find_row(t, "overlap", "Hibernating", "Lost"), lost);
	assert_box(t, find_row(t, "unreachable", "Lost", "Need Attention, About To Sleep, At Risk, Hibernating"), lost);
	ck_assert(find_row(t, "unreachable", "Hibernating", NULL) == SIZE_MAX);
	ck_assert_uint_eq(count_kind(t, "overlap"), 21);
	ck_assert(attr(t, "uncovered_cells") == 36);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_validate_last_match)
{
	/* rfm <= 0.2.1 (last match): Loyal Customers, later, takes all of Champions'
	 * cells; in set A Lost, later, takes Hibernating's */
	cxm_table *t = validate("r_02x", CXM_RFM_LAST_MATCH);
	ck_assert_uint_eq(count_kind(t, "unreachable"), 1);
	ck_assert(find_row(t, "unreachable", "Champions", "Loyal Customers") != SIZE_MAX);
	cxm_table_free(t);
	t = validate("vignette_11", CXM_RFM_LAST_MATCH);
	ck_assert_uint_eq(count_kind(t, "unreachable"), 2);
	ck_assert(find_row(t, "unreachable", "Champions", "Loyal Customers") != SIZE_MAX);
	ck_assert(find_row(t, "unreachable", "Hibernating", "Lost") != SIZE_MAX);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_validate_other_presets)
{
	cxm_table *t = validate("r_030", CXM_RFM_FIRST_MATCH);
	ck_assert(attr(t, "unreachable") == 0);
	ck_assert(attr(t, "uncovered_cells") == 10);
	ck_assert(attr(t, "overlaps") == 24);
	cxm_table_free(t);
	t = validate("py_rfm", CXM_RFM_FIRST_MATCH);
	ck_assert(attr(t, "unreachable") == 0 && attr(t, "uncovered_cells") == 0 && attr(t, "overlaps") == 12);
	cxm_table_free(t);
	t = validate("klaviyo_3", CXM_RFM_FIRST_MATCH);
	/* 27 cells, all covered; only Champions (333) lies inside Loyal */
	ck_assert(attr(t, "scores") == 3);
	ck_assert(attr(t, "unreachable") == 0 && attr(t, "uncovered_cells") == 0 && attr(t, "overlaps") == 1);
	{
		static const double c[7] = { 3, 3, 3, 3, 3, 3, 1 };
		assert_box(t, find_row(t, "overlap", "Champions", "Loyal"), c);
	}
	cxm_table_free(t);
}
END_TEST

START_TEST(test_validate_custom)
{
	cxm_rfm_rules *r = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_rfm_rules_new(&r), CXM_OK);
	/* no rules: the whole cube is one uncovered block */
	ck_assert_status(cxm_rfm_rules_validate(&t, r, 0, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 1);
	{
		static const double all[7] = { 1, 5, 1, 5, 1, 5, 125 };
		assert_box(t, 0, all);
	}
	cxm_table_free(t);
	/* a rule outside the scores validated at K = 3 is unreachable, outside the domain */
	ck_assert_status(cxm_rfm_rules_add(r, "Top", 5, 5, 5, 5, 5, 5), CXM_OK);
	ck_assert_status(cxm_rfm_rules_add(r, "Any", 1, 3, 1, 3, 1, 3), CXM_OK);
	ck_assert_status(cxm_rfm_rules_validate(&t, r, 3, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert(find_row(t, "unreachable", "Top", "(outside the domain)") != SIZE_MAX);
	ck_assert(attr(t, "uncovered_cells") == 0 && attr(t, "overlaps") == 0 && attr(t, "scores") == 3);
	cxm_table_free(t);
	/* partly shadowed: counted, not listed */
	ck_assert_status(cxm_rfm_rules_add(r, "Half", 1, 5, 1, 5, 1, 5), CXM_OK);
	ck_assert_status(cxm_rfm_rules_validate(&t, r, 0, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert(attr(t, "shadowed") == 1 && attr(t, "unreachable") == 0 && attr(t, "uncovered_cells") == 0);
	ck_assert_uint_eq(count_kind(t, "overlap"), 2);
	cxm_table_free(t);
	/* errors */
	t = (cxm_table *)&t;
	ck_assert_status(cxm_rfm_rules_validate(&t, r, 1, CXM_RFM_FIRST_MATCH), CXM_EBAD_ARG);
	ck_assert_ptr_null(t);
	assert_message_has("scores is 1");
	ck_assert_status(cxm_rfm_rules_validate(&t, r, 0, 2), CXM_EBAD_ARG);
	assert_message_has("first or last");
	ck_assert_status(cxm_rfm_rules_validate(&t, NULL, 0, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_validate(NULL, r, 0, 0), CXM_EBAD_ARG);
	cxm_rfm_rules_free(r);
}
END_TEST

START_TEST(test_json_round_trip)
{
	static const char *const sets[] = { "r_02x", "vignette_11", "r_030", "py_rfm", "klaviyo_3" };
	size_t s, i;
	for (s = 0; s < sizeof sets / sizeof *sets; s++) {
		cxm_rfm_rules *a = NULL, *b = NULL;
		char *j1 = NULL, *j2 = NULL;
		ck_assert_status(cxm_rfm_rules_builtin(&a, sets[s]), CXM_OK);
		ck_assert_status(cxm_rfm_rules_to_json(&j1, a), CXM_OK);
		ck_assert_status(cxm_rfm_rules_from_json(&b, j1, strlen(j1)), CXM_OK);
		ck_assert_status(cxm_rfm_rules_to_json(&j2, b), CXM_OK);
		ck_assert_str_eq(j1, j2);
		ck_assert_uint_eq(cxm_rfm_rules_count(a), cxm_rfm_rules_count(b));
		for (i = 0; i < cxm_rfm_rules_count(a); i++)
			ck_assert_str_eq(cxm_rfm_rules_name(a, i), cxm_rfm_rules_name(b, i));
		ck_assert_uint_eq(cxm_rfm_rules_scores(b), s == 4 ? 3 : 5);
		ck_assert_int_eq(cxm_rfm_rules_match(b), CXM_RFM_FIRST_MATCH);
		cxm_free(j1);
		cxm_free(j2);
		cxm_rfm_rules_free(a);
		cxm_rfm_rules_free(b);
	}
}
END_TEST

START_TEST(test_json_shape)
{
	/* short forms: a single score, an absent dimension (1..K) */
	static const char txt[] = "{\"scores\": 3, \"match\": \"last\", \"segments\": ["
				  "{\"name\": \"Best\", \"recency\": 3, \"frequency\": [2, 3]},"
				  "{\"name\": \"Rest\", \"description\": \"all\"}]}";
	static const char exp[] = "{\n  \"scores\": 3,\n  \"match\": \"last\",\n  \"segments\": [\n"
				  "    {\"name\": \"Best\", \"recency\": [3, 3], \"frequency\": [2, 3], \"monetary\": [1, 3]},\n"
				  "    {\"name\": \"Rest\", \"recency\": [1, 3], \"frequency\": [1, 3], \"monetary\": [1, 3], "
				  "\"description\": \"all\"}\n  ]\n}\n";
	cxm_rfm_rules *r = NULL;
	const char *seg;
	char *j = NULL;
	/* the text need not end in NUL: len bounds it */
	ck_assert_status(cxm_rfm_rules_from_json(&r, txt, sizeof txt - 1), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_scores(r), 3);
	ck_assert_int_eq(cxm_rfm_rules_match(r), CXM_RFM_LAST_MATCH);
	ck_assert_status(cxm_rfm_segment(&seg, r, 3, 3, 1, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Best");
	ck_assert_status(cxm_rfm_segment(&seg, r, 3, 1, 1, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_str_eq(seg, "Rest");
	ck_assert_status(cxm_rfm_rules_to_json(&j, r), CXM_OK);
	ck_assert_str_eq(j, exp);
	cxm_free(j);
	/* setters */
	ck_assert_status(cxm_rfm_rules_set_match(r, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_int_eq(cxm_rfm_rules_match(r), CXM_RFM_FIRST_MATCH);
	ck_assert_status(cxm_rfm_rules_set_match(r, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_set_scores(r, 5), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_scores(r), 5);
	ck_assert_status(cxm_rfm_rules_add(r, "Five", 5, 5, 1, 1, 1, 1), CXM_OK);
	ck_assert_status(cxm_rfm_rules_set_scores(r, 4), CXM_EBAD_ARG);
	assert_message_has("rule \"Five\" has recency 5..5");
	ck_assert_uint_eq(cxm_rfm_rules_scores(r), 5);
	ck_assert_status(cxm_rfm_rules_set_scores(r, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_set_scores(r, 101), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_set_scores(NULL, 5), CXM_EBAD_ARG);
	ck_assert_uint_eq(cxm_rfm_rules_scores(NULL), 0);
	ck_assert_int_eq(cxm_rfm_rules_match(NULL), CXM_RFM_FIRST_MATCH);
	cxm_rfm_rules_free(r);
	/* a new table: K = 5, first match, and JSON without a name */
	ck_assert_status(cxm_rfm_rules_new(&r), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_scores(r), CXM_RFM_BINS_DEFAULT);
	ck_assert_status(cxm_rfm_rules_to_json(&j, r), CXM_OK);
	ck_assert_str_eq(j, "{\n  \"scores\": 5,\n  \"match\": \"first\",\n  \"segments\": []\n}\n");
	cxm_free(j);
	cxm_rfm_rules_free(r);
	ck_assert_status(cxm_rfm_rules_to_json(&j, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(j);
	ck_assert_status(cxm_rfm_rules_to_json(NULL, r), CXM_EBAD_ARG);
}
END_TEST

static void bad_json(const char *text, int code, const char *needle)
{
	cxm_rfm_rules *r = (cxm_rfm_rules *)&r;
	ck_assert_status(cxm_rfm_rules_from_json(&r, text, strlen(text)), code);
	ck_assert_ptr_null(r);
	assert_message_has(needle);
}

START_TEST(test_json_errors)
{
	/* not JSON: the byte where it breaks, counted in the literal */
	bad_json("{\"segments\": [}", CXM_EPARSE, "not valid JSON at byte 14");                 /* the '}' */
	bad_json("{\"segments\": [{\"name\": \"A\", \"recency\": [1, 2,]}]}", CXM_EPARSE,
		 "not valid JSON at byte 45");                                                 /* ']' after ',' */
	bad_json("{\"name\": \"x\" \"scores\": 5}", CXM_EPARSE, "not valid JSON at byte 13"); /* no comma */
	bad_json("{\"segments\": []} x", CXM_EPARSE, "after the JSON value at byte 17");
	bad_json("", CXM_EPARSE, "empty");
	/* the wrong shape: PARSE naming the segment and key */
	bad_json("[1]", CXM_EPARSE, "an array, not an object");
	bad_json("{\"segments\": {}}", CXM_EPARSE, "\"segments\" must be an array");
	bad_json("{\"name\": 1, \"segments\": []}", CXM_EPARSE, "\"name\" must be a string");
	bad_json("{\"segments\": [], \"extra\": 1}", CXM_EPARSE, "unknown key \"extra\"");
	bad_json("{\"segments\": [], \"segments\": []}", CXM_EPARSE, "\"segments\" is given twice");
	bad_json("{\"segments\": [{\"name\": \"A\", \"recency\": 1, \"recency\": 2}]}", CXM_EPARSE,
		 "segment 1 (\"A\"): \"recency\" is given twice");
	bad_json("{\"segments\": [{\"name\": \"A\", \"recencey\": [1, 2]}]}", CXM_EPARSE,
		 "segment 1 (\"A\"): unknown key \"recencey\"");
	bad_json("{\"segments\": [{\"recency\": [1, 2]}]}", CXM_EPARSE, "segment 1 has no \"name\"");
	bad_json("{\"segments\": [{\"name\": \"\"}]}", CXM_EPARSE, "segment 1 (\"\") has no \"name\"");
	bad_json("{\"segments\": [{\"name\": \"A\"}, 3]}", CXM_EPARSE, "segment 2 must be an object");
	bad_json("{\"segments\": [{\"name\": \"A\", \"recency\": \"1-2\"}]}", CXM_EPARSE,
		 "segment 1 (\"A\"): \"recency\" must be [lo, hi]");
	bad_json("{\"segments\": [{\"name\": \"A\", \"recency\": [1, 2, 3]}]}", CXM_EPARSE, "other than 2");
	bad_json("{\"match\": \"middle\", \"segments\": []}", CXM_EPARSE,
		 "\"match\" must be first or last, not \"middle\"");
	bad_json("{\"scores\": \"5\", \"segments\": []}", CXM_EPARSE, "\"scores\" must be a number");
	/* bad ranges: OUT_OF_RANGE naming the segment and key */
	bad_json("{\"segments\": [{\"name\": \"A\"}, {\"name\": \"B\", \"recency\": [0, 2]}]}", CXM_EOUT_OF_RANGE,
		 "segment 2 (\"B\"): \"recency\" has 0; scores are whole numbers 1..5");
	bad_json("{\"segments\": [{\"name\": \"A\", \"frequency\": [3, 2]}]}", CXM_EOUT_OF_RANGE,
		 "segment 1 (\"A\"): \"frequency\" is [3, 2]; lo must not exceed hi");
	bad_json("{\"scores\": 3, \"segments\": [{\"name\": \"A\", \"monetary\": 4}]}", CXM_EOUT_OF_RANGE,
		 "\"monetary\" has 4; scores are whole numbers 1..3");
	bad_json("{\"segments\": [{\"name\": \"A\", \"recency\": [1.5, 2]}]}", CXM_EOUT_OF_RANGE, "has 1.5");
	bad_json("{\"scores\": 1, \"segments\": []}", CXM_EOUT_OF_RANGE, "\"scores\" is 1");
	bad_json("{\"segments\": [{\"name\": \"A\"}, {\"name\": \"A\"}]}", CXM_EINCONSISTENT,
		 "segments 1 and 2 are both named \"A\"");
	{
		cxm_rfm_rules *r = NULL;
		ck_assert_status(cxm_rfm_rules_from_json(&r, NULL, 3), CXM_EBAD_ARG);
		ck_assert_status(cxm_rfm_rules_from_json(NULL, "{}", 2), CXM_EBAD_ARG);
	}
}
END_TEST

START_TEST(test_from_file)
{
	static const char txt[] = "{\"segments\": [{\"name\": \"All\"}]}\n";
	char path[TMP_PATH_SIZE];
	cxm_rfm_rules *r = NULL;
	FILE *f = open_tmp(path);
	ck_assert_uint_eq(fwrite(txt, 1, sizeof txt - 1, f), sizeof txt - 1);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_rfm_rules_from_file(&r, path), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_count(r), 1);
	ck_assert_str_eq(cxm_rfm_rules_name(r, 0), "All");
	cxm_rfm_rules_free(r);
	/* load: a file by its path, a built-in set by its word */
	ck_assert_status(cxm_rfm_rules_load(&r, path), CXM_OK);
	ck_assert_str_eq(cxm_rfm_rules_name(r, 0), "All");
	cxm_rfm_rules_free(r);
	ck_assert_status(cxm_rfm_rules_load(&r, "klaviyo_3"), CXM_OK);
	ck_assert_uint_eq(cxm_rfm_rules_scores(r), 3);
	cxm_rfm_rules_free(r);
	/* a broken file: its path and the byte */
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("{\"segments\": [{\"name\": \"All\"},]}", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_rfm_rules_from_file(&r, path), CXM_EPARSE);
	assert_message_has(path);
	assert_message_has("not valid JSON at byte 30");
	/* a bad range in a file: the path, the segment and the key */
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("{\"segments\": [{\"name\": \"All\", \"monetary\": [2, 9]}]}", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_rfm_rules_from_file(&r, path), CXM_EOUT_OF_RANGE);
	assert_message_has(path);
	assert_message_has("segment 1 (\"All\"): \"monetary\" has 9");
	unlink(path);
	ck_assert_status(cxm_rfm_rules_from_file(&r, path), CXM_EIO);
	ck_assert_ptr_null(r);
	ck_assert_status(cxm_rfm_rules_from_file(&r, NULL), CXM_EBAD_ARG);
	/* neither: the message names the built-in words and the file's error */
	ck_assert_status(cxm_rfm_rules_load(&r, path), CXM_EIO);
	ck_assert_ptr_null(r);
	assert_message_has("r_02x, vignette_11, r_030, py_rfm or klaviyo_3");
	assert_message_has(path);
	ck_assert_status(cxm_rfm_rules_load(&r, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_rules_load(NULL, "r_02x"), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_oom)
{
	cxm_rfm_rules *r = NULL;
	cxm_table *t = NULL;
	char *j = NULL;
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_rfm_rules_builtin(&r, "vignette_11");
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_rfm_rules_free(r);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(r);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_status(cxm_rfm_rules_builtin(&r, "vignette_11"), CXM_OK);
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_rfm_rules_validate(&t, r, 0, CXM_RFM_FIRST_MATCH);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(t);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(t);
		oom_assert_no_leak(k);
	}
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_rfm_rules_to_json(&j, r);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_free(j);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_rfm_rules_free(r);
}
END_TEST

static Suite *rfm_rules_suite(void)
{
	Suite *s = suite_create("rfm_rules");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_validate_set_b);
	tcase_add_test(tc, test_validate_set_a);
	tcase_add_test(tc, test_validate_last_match);
	tcase_add_test(tc, test_validate_other_presets);
	tcase_add_test(tc, test_validate_custom);
	tcase_add_test(tc, test_json_round_trip);
	tcase_add_test(tc, test_json_shape);
	tcase_add_test(tc, test_json_errors);
	tcase_add_test(tc, test_from_file);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(rfm_rules_suite)
