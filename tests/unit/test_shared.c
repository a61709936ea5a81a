/*
 * tests/unit/test_shared.c - the building blocks every module shares: the word
 * tables (names.h), distinct keys and interned text (core/distinct.h), the
 * text buffer and its number format (core/buf.h) and the JSON writer.
 */
#include <float.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "buf.h"
#include "distinct.h"
#include "internal.h"
#include "io/io_internal.h"

/* ---- word tables ------------------------------------------------------------- */

START_TEST(test_names_both_ways)
{
	int v = -1;
	char list[64];
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_NAN_POLICY, "omit"), CXM_OK);
	ck_assert_int_eq(v, CXM_NAN_OMIT);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_NAN_POLICY, CXM_NAN_ERROR), "error");
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_NPS_SCALE, "1-10"), CXM_OK);
	ck_assert_int_eq(v, CXM_NPS_1_10);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_NPS_METHOD, "wald"), CXM_OK);
	ck_assert_int_eq(v, CXM_NPS_WALD);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_SURVEY_METRIC, "ces"), CXM_OK);
	ck_assert_int_eq(v, CXM_SURVEY_CES);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_MODEL, "pnbd"), CXM_OK);
	ck_assert_int_eq(v, CXM_CLV_PNBD);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_MODEL, CXM_CLV_SBG), "sbg");
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_COLUMN, "T"), CXM_OK);
	ck_assert_int_eq(v, CXM_CLV_T);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_RFM_MATCH, "last"), CXM_OK);
	ck_assert_int_eq(v, CXM_RFM_LAST_MATCH);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_RFM_RULES, "py_rfm"), CXM_OK);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_FORMAT, "csv"), CXM_OK);
	ck_assert_int_eq(v, CXM_FORMAT_CSV);
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_TABLE_TYPE, "day"), CXM_OK);
	ck_assert_int_eq(v, CXM_TABLE_DAY);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_TABLE_TYPE, CXM_TABLE_TEXT), "text");
	/* listing: canonical words only, in order */
	ck_assert_uint_eq(cxm_names_count(CXM_NAMES_CLV_PERIOD), 3);
	ck_assert_str_eq(cxm_names_at(CXM_NAMES_CLV_PERIOD, 1), "week");
	ck_assert_ptr_null(cxm_names_at(CXM_NAMES_CLV_PERIOD, 3));
	ck_assert_str_eq(cxm_names_what(CXM_NAMES_CLV_PERIOD), "period");
	ck_assert_status(cxm_names_choices(list, sizeof list, CXM_NAMES_CLV_PERIOD), CXM_OK);
	ck_assert_str_eq(list, "day, week or month");
	ck_assert_status(cxm_names_choices(list, sizeof list, CXM_NAMES_NAN_POLICY), CXM_OK);
	ck_assert_str_eq(list, "omit or error");
}
END_TEST

/* Aliases parse to their value but are never listed or given back. */
START_TEST(test_names_aliases)
{
	static const char *const days[] = { "day", "days", "D" };
	size_t i;
	int v;
	for (i = 0; i < 3; i++) {
		ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_PERIOD, days[i]), CXM_OK);
		ck_assert_int_eq(v, CXM_CLV_DAYS);
	}
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_PERIOD, CXM_CLV_DAYS), "day");
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_COLUMN, "n_periods"), CXM_OK);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_COLUMN, v), "periods");
	for (i = 0; i < cxm_names_count(CXM_NAMES_CLV_COLUMN); i++)
		ck_assert_str_ne(cxm_names_at(CXM_NAMES_CLV_COLUMN, i), "n_periods");
}
END_TEST

START_TEST(test_names_errors)
{
	char buf[8];
	int v = 42;
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_NAN_POLICY, "drop"), CXM_EBAD_ARG);
	ck_assert_str_eq(cxm_error_last()->message, "BAD_ARG: nan_policy must be omit or error, not 'drop'");
	ck_assert_int_eq(v, 42); /* untouched on failure */
	/* case matters: "d" is not lifetimes' "D" */
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_PERIOD, "d"), CXM_EBAD_ARG);
	/* the word is quoted on one line */
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_CLV_MODEL, "bg\nnbd"), CXM_EBAD_ARG);
	assert_message_has("'bg?nbd'");
	assert_message_has("bgnbd, mbgnbd, pnbd, gg, bgbb or sbg");
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_NAN_POLICY, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_names_parse(NULL, CXM_NAMES_NAN_POLICY, "omit"), CXM_EBAD_ARG);
	ck_assert_status(cxm_names_parse(&v, 99, "omit"), CXM_EBAD_ARG);
	ck_assert_status(cxm_names_parse(&v, -1, "omit"), CXM_EBAD_ARG);
	ck_assert_ptr_null(cxm_names_word(CXM_NAMES_NAN_POLICY, 7));
	ck_assert_ptr_null(cxm_names_word(99, 0));
	ck_assert_ptr_null(cxm_names_what(99));
	ck_assert_uint_eq(cxm_names_count(-3), 0);
	ck_assert_status(cxm_names_choices(buf, 0, CXM_NAMES_FORMAT), CXM_EBAD_ARG);
	ck_assert_status(cxm_names_choices(NULL, 8, CXM_NAMES_FORMAT), CXM_EBAD_ARG);
	ck_assert_status(cxm_names_choices(buf, sizeof buf, 99), CXM_EBAD_ARG);
	/* too small: cut with "..." and still NUL-terminated */
	ck_assert_status(cxm_names_choices(buf, sizeof buf, CXM_NAMES_CLV_MODEL), CXM_OK);
	ck_assert_uint_eq(strlen(buf), sizeof buf - 1);
	ck_assert_str_eq(buf + sizeof buf - 4, "...");
}
END_TEST

/* ---- numbers as text ------------------------------------------------------------ */

/* Known shortest forms (Python's repr agrees on each, but for its ".0"). */
START_TEST(test_format_number_known)
{
	static const struct {
		double x;
		const char *text;
	} cases[] = {
		{ 0.1, "0.1" },
		{ 2.0, "2" },
		{ -0.0, "-0" },
		{ 1.0 / 7.0, "0.14285714285714285" },
		{ 213.0 / 7.0, "30.428571428571427" },
		{ 0.95, "0.95" },
		{ 1e22, "1e+22" },
		{ 5e-324, "4.94065645841247e-324" }, /* subnormal: not the shortest, "5e-324" */
		{ DBL_MAX, "1.7976931348623157e+308" },
		{ 9007199254740993.0, "9007199254740992" },
	};
	char buf[CXM__NUMBER_MAX];
	size_t i;
	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		ck_assert_str_eq(cxm__format_number(buf, cases[i].x), cases[i].text);
}
END_TEST

/* Every text reads back exactly, and short numbers stay short. */
START_TEST(test_format_number_round_trip)
{
	char buf[CXM__NUMBER_MAX], shorter[CXM__NUMBER_MAX];
	unsigned long long state = 88172645463325252ull;
	int i;
	for (i = 0; i < 20000; i++) {
		double x;
		uint64_t bits;
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		bits = state;
		memcpy(&x, &bits, sizeof x);
		if (!isfinite(x))
			continue;
		cxm__format_number(buf, x);
		ck_assert_msg(strtod(buf, NULL) == x, "%s does not read back as %a", buf, x);
		/* a value of 12 significant digits comes back with no more */
		snprintf(shorter, sizeof shorter, "%.11e", x); /* 12 digits */
		x = strtod(shorter, NULL);
		if (fabs(x) < DBL_MIN)
			continue;
		cxm__format_number(buf, x);
		snprintf(shorter, sizeof shorter, "%.12g", x);
		ck_assert_msg(strtod(shorter, NULL) == x && strlen(buf) <= strlen(shorter) + 4,
			      "%s for %s", buf, shorter);
	}
}
END_TEST

/* ---- the text buffer ------------------------------------------------------------- */

static int collect(void *user, const char *text, size_t len)
{
	cxm__buf *into = user;
	cxm__buf_append(into, text, len);
	return into->rc;
}

static int refuse(void *user, const char *text, size_t len)
{
	(void)user;
	(void)text;
	return cxm__fail(CXM_EIO, "cannot write %zu bytes", len);
}

START_TEST(test_buf)
{
	cxm__buf b, all;
	char *text = NULL;
	size_t i;
	cxm__buf_init(&b);
	ck_assert_status(cxm__buf_finish(&b, &text), CXM_OK);
	ck_assert_str_eq(text, ""); /* an empty text is still a string */
	cxm_free(text);
	cxm__buf_init(&b);
	cxm__buf_printf(&b, "%s=%d;", "a", 1);
	cxm__buf_number(&b, 0.5);
	cxm__buf_putc(&b, '!');
	ck_assert_status(cxm__buf_finish(&b, &text), CXM_OK);
	ck_assert_str_eq(text, "a=1;0.5!");
	cxm_free(text);
	/* a sink gets every byte, in order, in chunks */
	cxm__buf_init(&all);
	cxm__buf_init_sink(&b, collect, &all);
	for (i = 0; i < 100000; i++)
		cxm__buf_printf(&b, "%zu,", i % 10);
	ck_assert_status(cxm__buf_finish(&b, NULL), CXM_OK);
	ck_assert_status(cxm__buf_finish(&all, &text), CXM_OK);
	ck_assert_uint_eq(strlen(text), 200000);
	ck_assert_int_eq(memcmp(text, "0,1,2,", 6), 0);
	ck_assert_int_eq(memcmp(text + 199994, "7,8,9,", 6), 0);
	cxm_free(text);
	/* a failing sink: the first failure sticks */
	cxm__buf_init_sink(&b, refuse, NULL);
	for (i = 0; i < 100000; i++)
		cxm__buf_puts(&b, "xxxxxxxx");
	ck_assert_status(cxm__buf_finish(&b, NULL), CXM_EIO);
	assert_message_has("cannot write");
}
END_TEST

START_TEST(test_buf_out_of_memory)
{
	long k;
	for (k = 0;; k++) {
		cxm__buf b;
		char *text = NULL;
		int rc, i;
		oom_arm(k);
		cxm__buf_init(&b);
		for (i = 0; i < 300; i++)
			cxm__buf_printf(&b, "%d-%s;", i, "abcdefghij");
		rc = cxm__buf_finish(&b, &text);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_int_eq(memcmp(text, "0-abcdefghij;1-", 15), 0);
			cxm_free(text);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(text);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

/* ---- the JSON writer ------------------------------------------------------------- */

START_TEST(test_json_writer_layout)
{
	cxm__buf b;
	cxm__jw w;
	char *text = NULL;
	cxm__buf_init(&b);
	cxm__jw_init(&w, &b);
	cxm__jw_object(&w, NULL, CXM__JSON_BLOCK);
	cxm__jw_string(&w, "model", "bgnbd");
	cxm__jw_object(&w, "params", CXM__JSON_INLINE);
	cxm__jw_number(&w, "r", 0.25);
	cxm__jw_number(&w, "alpha", NAN);
	cxm__jw_end(&w);
	cxm__jw_array(&w, "rows", CXM__JSON_BLOCK);
	cxm__jw_object(&w, NULL, CXM__JSON_INLINE);
	cxm__jw_string(&w, "id", "a \"quoted\"\\ \n\t\x01 caf\xc3\xa9");
	cxm__jw_bool(&w, "ok", 1);
	cxm__jw_end(&w);
	cxm__jw_object(&w, NULL, CXM__JSON_INLINE);
	cxm__jw_end(&w);
	cxm__jw_end(&w);
	cxm__jw_array(&w, "empty", CXM__JSON_BLOCK);
	cxm__jw_end(&w);
	cxm__jw_null(&w, "none");
	cxm__jw_string(&w, "null string", NULL);
	cxm__jw_end(&w);
	ck_assert_status(cxm__buf_finish(&b, &text), CXM_OK);
	ck_assert_str_eq(text, "{\n"
			       "  \"model\": \"bgnbd\",\n"
			       "  \"params\": {\"r\": 0.25, \"alpha\": null},\n"
			       "  \"rows\": [\n"
			       "    {\"id\": \"a \\\"quoted\\\"\\\\ \\n\\t\\u0001 caf\xc3\xa9\", \"ok\": true},\n"
			       "    {}\n"
			       "  ],\n"
			       "  \"empty\": [],\n"
			       "  \"none\": null,\n"
			       "  \"null string\": null\n"
			       "}\n");
	cxm_free(text);
}
END_TEST

START_TEST(test_json_writer_depth)
{
	cxm__buf b;
	cxm__jw w;
	int i;
	cxm__buf_init(&b);
	cxm__jw_init(&w, &b);
	for (i = 0; i <= CXM__JSON_DEPTH; i++)
		cxm__jw_array(&w, NULL, CXM__JSON_INLINE);
	ck_assert_status(cxm__buf_finish(&b, NULL), CXM_EBAD_ARG);
	assert_message_has("deeper than");
}
END_TEST

/* ---- distinct keys ---------------------------------------------------------------- */

START_TEST(test_distinct_numbers)
{
	cxm__distinct d;
	size_t i, k;
	double key[3];
	ck_assert_status(cxm__distinct_init(&d, 3, 4, "test keys"), CXM_OK);
	/* 100000 rows of 997 distinct keys, growing the table many times over */
	for (i = 0; i < 100000; i++) {
		size_t j = (i * 7919) % 997;
		key[0] = (double)(j % 10);
		key[1] = (double)(j / 10) * 0.5;
		key[2] = -(double)j;
		ck_assert_status(cxm__distinct_add(&d, key, &k), CXM_OK);
		if (i < 997) /* first sightings are numbered in order */
			ck_assert_uint_eq(k, i);
		else
			ck_assert_uint_eq(k, i % 997);
	}
	ck_assert_uint_eq(d.count, 997);
	/* keys kept in first-seen order; find agrees with add */
	for (i = 0; i < 997; i++) {
		size_t j = (i * 7919) % 997;
		ck_assert(d.keys[3 * i + 2] == -(double)j);
		ck_assert_uint_eq(cxm__distinct_find(&d, d.keys + 3 * i), i);
	}
	key[0] = 11.0;
	ck_assert_uint_eq(cxm__distinct_find(&d, key), SIZE_MAX);
	cxm__distinct_free(&d);
	/* -0 and +0 are one key */
	ck_assert_status(cxm__distinct_init(&d, 1, 0, "zeros"), CXM_OK);
	key[0] = 0.0;
	ck_assert_status(cxm__distinct_add(&d, key, &k), CXM_OK);
	key[0] = -0.0;
	ck_assert_status(cxm__distinct_add(&d, key, &k), CXM_OK);
	ck_assert_uint_eq(k, 0);
	ck_assert_uint_eq(d.count, 1);
	cxm__distinct_free(&d);
	ck_assert_status(cxm__distinct_init(&d, 4, 0, "too wide"), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_distinct_values)
{
	/* keys of 2 doubles, each with 2 values: a count and a sum, kept with
	 * the key as the table grows from room for 8 keys to room for 4096 */
	cxm__distinct d;
	size_t i, k;
	double key[2], *row;
	ck_assert_status(cxm__distinct_init_values(&d, 2, 2, 0, "test values"), CXM_OK);
	ck_assert_uint_eq(d.stride, 4);
	for (i = 0; i < 30000; i++) {
		size_t j = (i * 7919) % 3001;
		key[0] = (double)(j % 7);
		key[1] = (double)j;
		ck_assert_status(cxm__distinct_add_n(&d, key, 2, &k), CXM_OK);
		ck_assert_uint_eq(k, i < 3001 ? i : i % 3001);
		row = cxm__distinct_row(&d, k);
		if (i < 3001) /* a new key's values start at 0 */
			ck_assert(row[2] == 0.0 && row[3] == 0.0);
		row[2] += 1.0;
		row[3] += (double)i;
	}
	ck_assert_uint_eq(d.count, 3001);
	ck_assert_uint_ge(d.cap, 3001);
	/* key k was seen at rows k, k + 3001, ... (30000 = 9 * 3001 + 2991): 10
	 * times for k < 2991, 9 after; the sum of those rows by hand */
	for (k = 0; k < 3001; k++) {
		size_t times = k < 2991 ? 10 : 9;
		row = cxm__distinct_row(&d, k);
		ck_assert(row[1] == (double)((k * 7919) % 3001));
		ck_assert(row[2] == (double)times);
		ck_assert(row[3] == (double)(times * k + 3001 * times * (times - 1) / 2));
		/* find, the generic add and the constant-width one agree */
		ck_assert_uint_eq(cxm__distinct_find(&d, row), k);
		ck_assert_uint_eq(cxm__distinct_find_n(&d, row, 2), k);
		cxm__distinct_prefetch_n(&d, row, 2);
	}
	key[0] = 0.5;
	ck_assert_uint_eq(cxm__distinct_find_n(&d, key, 2), SIZE_MAX);
	ck_assert_status(cxm__distinct_add(&d, key, &k), CXM_OK);
	ck_assert_uint_eq(k, 3001);
	cxm__distinct_free(&d);
	ck_assert_status(cxm__distinct_init_values(&d, 1, CXM__DISTINCT_MAX_VALUES + 1, 0, "too many"), CXM_EBAD_ARG);
	assert_message_has("values per key");
}
END_TEST

START_TEST(test_distinct_texts)
{
	cxm__texts t;
	const char *first;
	char word[32];
	size_t i, k;
	ck_assert_status(cxm__texts_init(&t, 0, "test strings"), CXM_OK);
	ck_assert_status(cxm__texts_add(&t, "alpha", 5, &k), CXM_OK);
	ck_assert_uint_eq(k, 0);
	first = t.str[0];
	/* bytes after a NUL count: "a\0b" and "a\0c" are two strings, "a" a third */
	ck_assert_status(cxm__texts_add(&t, "a\0b", 3, &k), CXM_OK);
	ck_assert_uint_eq(k, 1);
	ck_assert_status(cxm__texts_add(&t, "a\0c", 3, &k), CXM_OK);
	ck_assert_uint_eq(k, 2);
	ck_assert_status(cxm__texts_add(&t, "a", 1, &k), CXM_OK);
	ck_assert_uint_eq(k, 3);
	ck_assert_status(cxm__texts_add(&t, "", 0, &k), CXM_OK);
	ck_assert_uint_eq(k, 4);
	for (i = 0; i < 50000; i++) {
		int n = snprintf(word, sizeof word, "customer-%zu", i % 20000);
		ck_assert_status(cxm__texts_add(&t, word, (size_t)n, &k), CXM_OK);
		ck_assert_uint_eq(k, 5 + i % 20000);
	}
	ck_assert_uint_eq(t.count, 20005);
	ck_assert_status(cxm__texts_add(&t, "alpha", 5, &k), CXM_OK);
	ck_assert_uint_eq(k, 0);
	/* strings never move, and each copy is NUL-terminated */
	ck_assert_ptr_eq(t.str[0], first);
	ck_assert_str_eq(t.str[0], "alpha");
	ck_assert_str_eq(t.str[20004], "customer-19999");
	ck_assert_uint_eq(t.len[1], 3);
	cxm__texts_free(&t);
}
END_TEST

START_TEST(test_distinct_texts_borrowed)
{
	/* a borrowing set keeps the caller's pointers: the first of equal
	 * strings is the one kept. Lengths around the hash's 8-byte words. */
	static const char *const words[] = { "", "a", "abcdefg", "abcdefgh", "abcdefgh\0", "abcdefghi",
					     "abcdefgh12345678", "abcdefgh12345679", "abcdefgh1234567" };
	static char again[32][16];
	const size_t n_words = sizeof words / sizeof words[0];
	cxm__texts t;
	size_t i, k;
	ck_assert_status(cxm__texts_init_borrowed(&t, 0, "borrowed strings"), CXM_OK);
	for (i = 0; i < n_words; i++) {
		size_t len = i == 4 ? 9 : strlen(words[i]);
		uint64_t h = cxm__texts_hash(words[i], len);
		cxm__texts_prefetch(&t, h);
		ck_assert_status(cxm__texts_add_hashed(&t, words[i], len, h, &k), CXM_OK);
		ck_assert_uint_eq(k, i);
		ck_assert_ptr_eq(t.str[k], words[i]); /* not copied */
	}
	for (i = 0; i < n_words; i++) { /* equal bytes elsewhere (added unhashed): the same index, the first pointer */
		size_t len = i == 4 ? 9 : strlen(words[i]);
		memcpy(again[i], words[i], len);
		ck_assert_status(cxm__texts_add(&t, again[i], len, &k), CXM_OK);
		ck_assert_uint_eq(k, i);
		ck_assert_ptr_eq(t.str[k], words[i]);
	}
	ck_assert_uint_eq(t.count, n_words);
	cxm__texts_free(&t);
	/* growing from room for 8 strings: 5,000 of them, each added twice */
	ck_assert_status(cxm__texts_init_borrowed(&t, 0, "borrowed strings"), CXM_OK);
	{
		static char many[5000][16];
		for (i = 0; i < 10000; i++) {
			size_t j = (i * 7) % 5000;
			int len = snprintf(many[j], sizeof many[j], "user-%zu", j);
			ck_assert_status(cxm__texts_add(&t, many[j], (size_t)len, &k), CXM_OK);
			if (i < 5000)
				ck_assert_uint_eq(k, i);
			else
				ck_assert_uint_eq(k, i - 5000);
		}
	}
	ck_assert_uint_eq(t.count, 5000);
	ck_assert_str_eq(t.str[1], "user-7"); /* first seen second: i = 1, j = 7 */
	ck_assert_uint_eq(t.len[1], 6);
	cxm__texts_free(&t);
}
END_TEST

START_TEST(test_distinct_out_of_memory)
{
	long k;
	for (k = 0;; k++) {
		cxm__distinct d;
		cxm__texts t;
		int rc = CXM_OK, i;
		size_t idx;
		char word[16];
		oom_arm(k);
		memset(&t, 0, sizeof t);
		if ((rc = cxm__distinct_init(&d, 2, 0, "oom keys")) == CXM_OK) {
			for (i = 0; i < 200 && rc == CXM_OK; i++) {
				double key[2] = { (double)i, 1.0 };
				rc = cxm__distinct_add(&d, key, &idx);
			}
			cxm__distinct_free(&d);
		}
		if (rc == CXM_OK && (rc = cxm__distinct_init_values(&d, 1, 3, 0, "oom values")) == CXM_OK) {
			for (i = 0; i < 200 && rc == CXM_OK; i++) {
				double key = (double)i;
				rc = cxm__distinct_add_n(&d, &key, 1, &idx);
			}
			cxm__distinct_free(&d);
		}
		if (rc == CXM_OK && (rc = cxm__texts_init_borrowed(&t, 0, "oom borrowed")) == CXM_OK) {
			static const char *const some[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" };
			for (i = 0; i < 10 && rc == CXM_OK; i++)
				rc = cxm__texts_add(&t, some[i], 1, &idx);
			cxm__texts_free(&t);
		}
		if (rc == CXM_OK && (rc = cxm__texts_init(&t, 0, "oom texts")) == CXM_OK) {
			for (i = 0; i < 200 && rc == CXM_OK; i++) {
				int n = snprintf(word, sizeof word, "w%d", i);
				rc = cxm__texts_add(&t, word, (size_t)n, &idx);
			}
		}
		cxm__texts_free(&t);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

static Suite *shared_suite(void)
{
	Suite *s = suite_create("shared");
	TCase *tc = tcase_create("shared");
	tcase_add_test(tc, test_names_both_ways);
	tcase_add_test(tc, test_names_aliases);
	tcase_add_test(tc, test_names_errors);
	tcase_add_test(tc, test_format_number_known);
	tcase_add_test(tc, test_format_number_round_trip);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_buf_out_of_memory);
	tcase_add_test(tc, test_json_writer_layout);
	tcase_add_test(tc, test_json_writer_depth);
	tcase_add_test(tc, test_distinct_numbers);
	tcase_add_test(tc, test_distinct_values);
	tcase_add_test(tc, test_distinct_texts);
	tcase_add_test(tc, test_distinct_texts_borrowed);
	tcase_add_test(tc, test_distinct_out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(shared_suite)
