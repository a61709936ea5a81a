/*
 * tests/unit/test_persona_content.c - the content of personas (spec §15.3,
 * §15.4, §15.6): names tables and the seeded draw, goal / problem / solution
 * rule tables, problems from scores, quotes.
 *
 * The draws are checked against an independent implementation of the
 * library's generator (xoshiro256** seeded through splitmix64, Lemire's
 * unbiased bounded integer) written in Python from the published algorithms
 * (Blackman & Vigna 2018; Lemire 2019), not from lib/core/rng.h's code:
 *
 *   M = 2**64 - 1
 *   def splitmix(x):
 *       x = (x + 0x9e3779b97f4a7c15) & M; z = x
 *       z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
 *       z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
 *       return x, z ^ (z >> 31)
 *   def init(seed, stream):            # the (seed, stream) sequence
 *       _, z = splitmix(stream); x = seed ^ ((z * 0xd1342543de82ef95) & M); s = []
 *       for i in range(4): x, v = splitmix(x); s.append(v)
 *       return s
 *   def nxt(s): (xoshiro256**)  def below(s, n): (Lemire: m = x * n; reject l < (-n % 2**64) % n)
 *   draw(seed, stream, n) = below(init(seed, stream), n)
 *
 * (the full script: rotl(x, k) = ((x << k) | (x >> (64 - k))) & M; nxt
 * returns rotl(s1 * 5, 7) * 9 and updates s as the paper's reference code).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#define TMP_PREFIX "cxm_test_persona_content_"
#include "harness.h"
#include "oom.h"
#include "tmpfile.h"
#include "persona/persona_internal.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static cxm_persona_names *names_json(const char *json)
{
	cxm_persona_names *n = NULL;
	ck_assert_status(cxm_persona_names_from_json(&n, json, strlen(json)), CXM_OK);
	return n;
}

static void names_bad(const char *json, int code, const char *needle)
{
	cxm_persona_names *n = (cxm_persona_names *)1;
	ck_assert_status(cxm_persona_names_from_json(&n, json, strlen(json)), code);
	ck_assert_ptr_null(n);
	assert_message_has(needle);
}

/* Draw and check the entry used. */
static void draw_key(const cxm_persona_names *t, const char *gender, double year, const char *country,
		     const char *want_key, char *name, size_t cap)
{
	char key[160];
	ck_assert_status(cxm_persona_names_draw(name, cap, key, sizeof key, t, gender, year, country, 1, 0),
			 CXM_OK);
	ck_assert_msg(strcmp(key, want_key) == 0, "(%s, %g, %s) drew from %s, expected %s",
		      gender ? gender : "NULL", year, country ? country : "NULL", key, want_key);
}

START_TEST(test_names_builtin)
{
	cxm_persona_names *t = NULL;
	char name[64], key[64];
	const char *src;
	ck_assert_status(cxm_persona_names_builtin(&t), CXM_OK);
	/* lib/persona/data/names.json: 9 US decades x 2 + 7 GB decades x 2 + the "*" entry */
	ck_assert_uint_eq(cxm_persona_names_count(t), 33);
	src = cxm__persona_names_source(t);
	ck_assert_ptr_nonnull(strstr(src, "Social Security Administration"));
	ck_assert_ptr_nonnull(strstr(src, "Office for National Statistics"));
	/* the SSA's most popular girls' name of the 1980s is Jessica (ssa.gov/oact/babynames/decades);
	 * the entry has the SSA's top ten of the decade */
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, key, sizeof key, t, "F", 1984, "USA", 7, 3),
			 CXM_OK);
	ck_assert_str_eq(key, "female/1980/US");
	/* GB 1984 (ONS, England and Wales): the draw comes from the GB entry */
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, key, sizeof key, t, "male", 1987, "United Kingdom",
						7, 3), CXM_OK);
	ck_assert_str_eq(key, "male/1980/GB");
	/* unknown gender: the gender-neutral list */
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, key, sizeof key, t, NULL, 1987, "US", 7, 3),
			 CXM_OK);
	ck_assert_str_eq(key, "*/*/*");
	/* a French woman born in 1944: no FR entry, no 1940 GB one: US 1940 (country relaxed first) */
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, key, sizeof key, t, "female", 1944, "FR", 7, 3),
			 CXM_OK);
	ck_assert_str_eq(key, "female/1940/US");
	/* born 2023: no 2020s entry, the nearest decade */
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, key, sizeof key, t, "male", 2023, "US", 7, 3),
			 CXM_OK);
	ck_assert_str_eq(key, "male/2010/US");
	cxm_persona_names_free(t);
}
END_TEST

/* Each step of the relaxation order (spec §15.3). */
START_TEST(test_names_relaxation)
{
	cxm_persona_names *t = names_json(
		"{\"schema\": \"cxmetrics.names/1\", \"source\": \"test\", \"entries\": ["
		"{\"gender\": [\"female\", \"F\"], \"decade\": 1980, \"country\": \"US\", \"names\": [\"A\"]},"
		"{\"gender\": \"female\", \"decade\": 1980, \"country\": \"*\", \"names\": [\"B\"]},"
		"{\"gender\": \"female\", \"decade\": \"*\", \"country\": \"US\", \"names\": [\"C\"]},"
		"{\"gender\": \"female\", \"decade\": 1970, \"country\": \"US\", \"names\": [\"D\"]},"
		"{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": [\"E\"]},"
		"{\"gender\": \"female\", \"decade\": 1980, \"country\": \"GB\", \"names\": [\"F\"]},"
		"{\"gender\": \"male\", \"decade\": 1980, \"country\": \"US\", \"names\": [\"G\"]}]}");
	char name[8];
	/* exact match; aliases and case do not matter */
	draw_key(t, "female", 1984, "US", "female/1980/US", name, sizeof name);
	ck_assert_str_eq(name, "A");
	draw_key(t, "f", 1980, "us", "female/1980/US", name, sizeof name);
	ck_assert_str_eq(name, "A");
	draw_key(t, "FEMALE", 1989.9, "US", "female/1980/US", name, sizeof name);
	ck_assert_str_eq(name, "A");
	/* another country: the "*" country entry before another country's */
	draw_key(t, "female", 1984, "FR", "female/1980/*", name, sizeof name);
	ck_assert_str_eq(name, "B");
	/* the decade exact beats the "*" decade */
	draw_key(t, "female", 1975, "US", "female/1970/US", name, sizeof name);
	ck_assert_str_eq(name, "D");
	/* no 1990 entry: the "*" decade before the nearest decade */
	draw_key(t, "female", 1995, "US", "female/*/US", name, sizeof name);
	ck_assert_str_eq(name, "C");
	/* the country is given up before the decade: for GB 1975, D (1970, another country) beats
	 * C ("*" decade, another country) and F (GB, another decade) */
	draw_key(t, "female", 1975, "GB", "female/1970/US", name, sizeof name);
	/* unknown birth year: the "*" decade */
	draw_key(t, "female", NAN, "US", "female/*/US", name, sizeof name);
	/* unknown gender: "*" entries only */
	draw_key(t, NULL, 1984, "US", "*/*/*", name, sizeof name);
	draw_key(t, "", 1984, "US", "*/*/*", name, sizeof name);
	/* a gender no entry has: "*" */
	draw_key(t, "nonbinary", 1984, "US", "*/*/*", name, sizeof name);
	/* gender is never relaxed to another gender: male gets G, not a female entry */
	draw_key(t, "male", 1975, "GB", "male/1980/US", name, sizeof name);
	ck_assert_str_eq(name, "G");
	cxm_persona_names_free(t);

	/* the nearest decade, ties to the first entry; another country when nothing else */
	t = names_json("{\"schema\": \"cxmetrics.names/1\", \"source\": \"test\", \"entries\": ["
		       "{\"gender\": \"female\", \"decade\": 1950, \"country\": \"US\", \"names\": [\"A\"]},"
		       "{\"gender\": \"female\", \"decade\": 1990, \"country\": \"US\", \"names\": [\"B\"]},"
		       "{\"gender\": \"female\", \"decade\": 2000, \"country\": \"GB\", \"names\": [\"C\"]}]}");
	draw_key(t, "female", 1981, "US", "female/1990/US", name, sizeof name);
	draw_key(t, "female", 1970, "US", "female/1950/US", name, sizeof name); /* 20 and 20: first */
	draw_key(t, "female", 2004, "FR", "female/2000/GB", name, sizeof name);
	draw_key(t, "female", 2004, NULL, "female/2000/GB", name, sizeof name);
	draw_key(t, "female", NAN, NULL, "female/1950/US", name, sizeof name); /* nothing known: the first */
	/* no entry of the gender nor "*": EMPTY naming the key */
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 0, t, "male", 1984, "US", 1, 0), CXM_EEMPTY);
	assert_message_has("gender male, decade 1980, country US");
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 0, t, NULL, NAN, NULL, 1, 0), CXM_EEMPTY);
	assert_message_has("gender unknown, decade unknown, country unknown");
	cxm_persona_names_free(t);
}
END_TEST

static const char *const ten[] = { "N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9" };
#define TEN_JSON "{\"schema\": \"cxmetrics.names/1\", \"source\": \"test\", \"entries\": [" \
	"{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": " \
	"[\"N0\", \"N1\", \"N2\", \"N3\", \"N4\", \"N5\", \"N6\", \"N7\", \"N8\", \"N9\"]}]}"

START_TEST(test_names_seeded)
{
	cxm_persona_names *t = names_json(TEN_JSON);
	/* the Python generator of the header comment: [draw(42, s, 10) for s in range(8)] */
	static const int want42[] = { 7, 4, 1, 0, 8, 8, 0, 4 };
	/* 10,000 streams of seed 12345: counts per name, and Pearson's chi-square (9 df) */
	static const long want_counts[] = { 1024, 980, 974, 1044, 1024, 966, 1018, 997, 1022, 951 };
	long counts[10] = { 0 };
	char name[8], again[8];
	double chi2 = 0;
	size_t s, i;
	for (s = 0; s < N_OF(want42); s++) {
		ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 0, t, "female", 1980, "US", 42, s),
				 CXM_OK);
		ck_assert_str_eq(name, ten[want42[s]]);
		/* the same seed and stream: the same name */
		ck_assert_status(cxm_persona_names_draw(again, sizeof again, NULL, 0, t, "female", 1980, "US", 42, s),
				 CXM_OK);
		ck_assert_str_eq(again, name);
	}
	for (s = 0; s < 10000; s++) {
		ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 0, t, NULL, NAN, NULL, 12345, s),
				 CXM_OK);
		counts[name[1] - '0']++;
	}
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(counts[i], want_counts[i]);
		chi2 += (counts[i] - 1000.0) * (counts[i] - 1000.0) / 1000.0;
	}
	/* 8.538 (the Python counts); uniform at the 1% level: scipy.stats.chi2.ppf(0.99, 9) = 21.665994333461924 */
	ck_assert_close(chi2, 8.538);
	ck_assert(chi2 < 21.665994333461924);
	cxm_persona_names_free(t);
}
END_TEST

START_TEST(test_names_errors)
{
	cxm_persona_names *t = names_json(TEN_JSON), *u = NULL;
	char name[8], key[16], path[TMP_PATH_SIZE];
	const char *ok = TEN_JSON;
	/* arguments */
	ck_assert_status(cxm_persona_names_from_json(NULL, ok, strlen(ok)), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_from_json(&u, NULL, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_from_file(&u, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_builtin(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_draw(NULL, 8, NULL, 0, t, NULL, NAN, NULL, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 0, NULL, NULL, NAN, NULL, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 4, t, NULL, NAN, NULL, 1, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_names_draw(name, sizeof name, NULL, 0, t, NULL, INFINITY, NULL, 1, 0),
			 CXM_EBAD_ARG);
	/* "N3" needs 3 bytes; the key "*, /, *, /, *" 5 bytes + NUL */
	ck_assert_status(cxm_persona_names_draw(name, 2, NULL, 0, t, NULL, NAN, NULL, 1, 0), CXM_EBAD_ARG);
	assert_message_has("cap = 2 is smaller than the 3 bytes");
	ck_assert_status(cxm_persona_names_draw(name, 3, key, 5, t, NULL, NAN, NULL, 1, 0), CXM_EBAD_ARG);
	assert_message_has("key_cap = 5 is smaller than the 6 bytes");
	ck_assert_status(cxm_persona_names_draw(name, 3, key, 6, t, NULL, NAN, NULL, 1, 0), CXM_OK);
	ck_assert_str_eq(key, "*/*/*");
	ck_assert_uint_eq(cxm_persona_names_count(NULL), 0);
	cxm_persona_names_free(NULL);
	cxm_persona_names_free(t);

	/* not JSON: cJSON stops at the ']' after the trailing comma, byte 61 (counted by hand:
	 * the text before it is 61 bytes) */
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": [1,]}", CXM_EPARSE,
		  "not valid JSON at byte 61");
	names_bad("", CXM_EPARSE, "empty");
	names_bad("[]", CXM_EPARSE, "not an object");
	names_bad("{\"schema\": \"cxmetrics.names/2\", \"source\": \"s\", \"entries\": []}", CXM_EPARSE,
		  "\"schema\" must be \"cxmetrics.names/1\", not \"cxmetrics.names/2\"");
	names_bad("{\"source\": \"s\", \"entries\": []}", CXM_EPARSE, "not missing");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"entries\": []}", CXM_EPARSE, "\"source\" is missing");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"\", \"entries\": []}", CXM_EPARSE,
		  "\"source\" is empty");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": []}", CXM_EEMPTY,
		  "\"entries\" is empty");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entry\": []}", CXM_EPARSE,
		  "unknown key \"entry\"");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": [\"A\"]},"
		  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": [\"A\"], \"weight\": 2}]}",
		  CXM_EPARSE, "entries[1]: unknown key \"weight\"");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\"}]}", CXM_EPARSE,
		  "entries[0]: \"names\" is missing");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": []}]}", CXM_EPARSE,
		  "entries[0]: \"names\" must be a string or a non-empty array of strings, not an empty array");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": [\"A\", 3]}]}", CXM_EPARSE,
		  "entries[0]: \"names\"[1] must be a non-empty string, not a number");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": 1985, \"country\": \"*\", \"names\": [\"A\"]}]}", CXM_EOUT_OF_RANGE,
		  "entries[0]: \"decade\" is 1985");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": 2110, \"country\": \"*\", \"names\": [\"A\"]}]}", CXM_EOUT_OF_RANGE,
		  "in 1800..2100");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": \"*\", \"decade\": \"1980\", \"country\": \"*\", \"names\": [\"A\"]}]}", CXM_EPARSE,
		  "\"decade\" must be a number or \"*\"");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": ["
		  "{\"gender\": [\"f\", \"*\"], \"decade\": \"*\", \"country\": \"*\", \"names\": [\"A\"]}]}",
		  CXM_EPARSE, "\"gender\" lists \"*\" with other values");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": [3]}", CXM_EPARSE,
		  "entries[0]: must be an object, not a number");
	names_bad("{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"source\": \"t\", \"entries\": [3]}",
		  CXM_EPARSE, "\"source\" is given twice");

	/* files: IO naming the path; a file's failures start with its path */
	ck_assert_status(cxm_persona_names_from_file(&u, "/nonexistent/names.json"), CXM_EIO);
	assert_message_has("/nonexistent/names.json");
	write_tmp_str(path, "{\"schema\": \"cxmetrics.names/1\", \"source\": \"s\", \"entries\": []}");
	ck_assert_status(cxm_persona_names_from_file(&u, path), CXM_EEMPTY);
	assert_message_has(path);
	unlink(path);
	write_tmp_str(path, TEN_JSON);
	ck_assert_status(cxm_persona_names_from_file(&u, path), CXM_OK);
	ck_assert_uint_eq(cxm_persona_names_count(u), 1);
	cxm_persona_names_free(u);
	unlink(path);
}
END_TEST

START_TEST(test_names_oom)
{
	cxm_persona_names *t = NULL;
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_persona_names_builtin(&t);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_persona_names_free(t);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(t);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

static Suite *persona_content_suite(void)
{
	Suite *s = suite_create("persona_content");
	TCase *tc = tcase_create("names");
	tcase_add_test(tc, test_names_builtin);
	tcase_add_test(tc, test_names_relaxation);
	tcase_add_test(tc, test_names_seeded);
	tcase_add_test(tc, test_names_errors);
	tcase_add_test(tc, test_names_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(persona_content_suite)
