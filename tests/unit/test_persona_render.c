/*
 * tests/unit/test_persona_render.c - writing and reading persona sets
 * (spec §15.7): JSON write -> read -> write gives the same bytes (NaN as
 * null, withheld cells, suppressed personas, escaping, non-ASCII text, a
 * seed above 2^53), the reader's errors (byte offsets of malformed text,
 * JSON paths of missing or wrong-typed fields, VERSION for another schema),
 * Markdown and HTML holding the fields, escaped, with no script and no URL,
 * the summary and identifiers tables, and the out-of-memory paths.
 */
#define _POSIX_C_SOURCE 200809L
#define TMP_PREFIX "cxm_test_persona_render_"
#include "harness.h"
#include "oom.h"
#include "tmpfile.h"
#include "persona_sample.h"
#include <stdint.h>
#include <unistd.h>

static char *render(const cxm_persona_set *set, int format)
{
	char *out = NULL;
	ck_assert_status(cxm_persona_set_render(&out, set, format, NULL), CXM_OK);
	ck_assert_ptr_nonnull(out);
	return out;
}

static cxm_persona_set *read_json(const char *json)
{
	cxm_persona_set *set = NULL;
	ck_assert_status(cxm_persona_set_from_json(&set, json, strlen(json)), CXM_OK);
	ck_assert_ptr_nonnull(set);
	return set;
}

/* A copy of text with the first `find` replaced by `with` (which must be there). */
static char *replace(const char *text, const char *find, const char *with)
{
	const char *at = strstr(text, find);
	size_t n = strlen(text), nf = strlen(find), nw = strlen(with);
	char *out;
	ck_assert_msg(at != NULL, "'%s' is not in the text", find);
	out = malloc(n - nf + nw + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, (size_t)(at - text));
	memcpy(out + (at - text), with, nw);
	memcpy(out + (at - text) + nw, at + nf, n - (size_t)(at - text) - nf + 1);
	return out;
}

/* from_json of text fails with `code` and a message holding `needle`. */
static void assert_read_fails(const char *text, int code, const char *needle)
{
	cxm_persona_set *set = (cxm_persona_set *)1;
	ck_assert_status(cxm_persona_set_from_json(&set, text, strlen(text)), code);
	ck_assert_ptr_null(set);
	assert_message_has(needle);
}

static size_t count_of(const char *text, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- JSON round trip ------------------------------------------------------------------------ */

START_TEST(json_round_trip_is_identical)
{
	cxm_persona_set *set = sample_set(), *back, *again;
	char *one, *two, *three;
	ck_assert_ptr_nonnull(set);
	one = render(set, CXM_PERSONA_JSON);
	back = read_json(one);
	two = render(back, CXM_PERSONA_JSON);
	ck_assert_str_eq(two, one);
	again = read_json(two);
	three = render(again, CXM_PERSONA_JSON);
	ck_assert_str_eq(three, one);

	/* what was read is the set: numbers exactly, NaN as NaN, withheld bits, text bytes */
	ck_assert_uint_eq(cxm_persona_set_count(back), 3);
	ck_assert_str_eq(back->personas[0].name, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m");
	ck_assert_str_eq(back->personas[0].segment, "Champions <&> \"A\"");
	ck_assert(back->personas[0].identifiers[0].lift == 31.25 / 22.0);
	ck_assert(back->personas[0].revenue == 12345.678);
	ck_assert(isnan(back->provenance.quality));
	ck_assert(isnan(back->provenance.excluded_customers));
	ck_assert_uint_eq(back->provenance.seed, 42);
	ck_assert_str_eq(back->provenance.window_end, "2024-12-31");
	ck_assert_int_eq(back->personas[0].demographics[1].levels[2].withheld, CXM__WITHHELD_SMALL);
	ck_assert(isnan(back->personas[0].demographics[1].levels[2].share));
	ck_assert_int_eq(back->personas[0].demographics[3].levels[2].withheld, CXM__WITHHELD_SECONDARY);
	ck_assert_str_eq(back->personas[0].quotes[0].text,
			 "She said \"great\" <b>twice</b>\tand left\nhappy \xE2\x80\x94 \xE2\x9C\x93");
	ck_assert(back->personas[0].problems[1].source == NULL);
	ck_assert_int_eq(back->personas[0].scores[3].withheld, 1);
	ck_assert(back->personas[0].rfm_mix != NULL);
	ck_assert(back->personas[1].rfm_mix == NULL);
	ck_assert_str_eq(back->personas[1].group, "women 25-34 FR");
	ck_assert(back->personas[1].interests[0].weight == 0.625);
	ck_assert_int_eq(back->personas[2].suppressed, 1);
	ck_assert(isnan(back->personas[2].size));
	/* the modal values' columns and flags come back from the demographics */
	ck_assert_str_eq(back->personas[0].location.attribute, "city");
	ck_assert_int_eq(back->personas[0].location.withheld, 0);
	ck_assert_int_eq(back->personas[1].gender.withheld, 1);
	ck_assert(back->personas[1].country.attribute == NULL);

	cxm_free(one);
	cxm_free(two);
	cxm_free(three);
	cxm_persona_set_free(back);
	cxm_persona_set_free(again);
	cxm_persona_set_free(set);
}
END_TEST

/* The shape: keys in the schema's order; NaN and absent parts as null / []; a
 * suppressed persona has only id, segment, suppressed and provenance. */
START_TEST(json_shape)
{
	static const char *const keys[] = {
		"\"id\": ", "\"segment\": ", "\"suppressed\": false", "\"name\": ", "\"name_key\": ", "\"gender\": ",
		"\"gender_share\": ", "\"age\": ", "\"age_band\": ", "\"location\": ", "\"location_share\": ",
		"\"country\": ", "\"country_share\": ", "\"career\": ", "\"career_share\": ", "\"size\": ",
		"\"share\": ", "\"revenue\": ", "\"revenue_share\": ", "\"identifiers\": ", "\"demographics\": ",
		"\"behaviour\": ", "\"goals\": ", "\"problems\": ", "\"solutions\": ", "\"quotes\": ",
		"\"interests\": ", "\"group\": ", "\"group_weight\": ", "\"provenance\": "
	};
	cxm_persona_set *set = sample_set();
	char *json, *p2, *p3;
	const char *at = NULL;
	size_t i;
	ck_assert_ptr_nonnull(set);
	ck_assert_status(cxm_persona_render(&json, set, 0, CXM_PERSONA_JSON), CXM_OK);
	/* at top level: each key once, after the one before (searching from the previous key) */
	at = json;
	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *next = strstr(at, keys[i]);
		ck_assert_msg(next != NULL, "key %s missing or out of order", keys[i]);
		at = next;
	}
	ck_assert_ptr_nonnull(strstr(json, "\"country\": null,\n  \"country_share\": null,"));
	ck_assert_ptr_nonnull(strstr(json, "\"interests\": [],"));
	ck_assert_ptr_nonnull(strstr(json, "\"group\": null,\n  \"group_weight\": null,"));
	ck_assert_ptr_nonnull(strstr(json, "\"segment\": \"Champions <&> \\\"A\\\"\""));
	ck_assert_ptr_nonnull(strstr(json, "\"name\": \"Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m\""));
	ck_assert_ptr_nonnull(strstr(json, "\"text\": \"She said \\\"great\\\" <b>twice</b>\\tand left\\nhappy"));
	ck_assert_ptr_nonnull(strstr(json, "\"text\": \"Back\\\\slash and 100% sure\""));
	/* numbers: the shortest text that reads back exactly, as Python 3's repr(31.25 / 22) =
	 * '1.4204545454545454' (17 significant digits needed) */
	ck_assert_ptr_nonnull(strstr(json, "\"lift\": 1.4204545454545454,"));
	ck_assert_ptr_nonnull(strstr(json, "\"revenue\": 12345.678,"));
	ck_assert_ptr_nonnull(strstr(json, "{\"level\": \"Nice\", \"count\": null, \"share\": null, "
					   "\"population_count\": 20, \"population_share\": 8, \"withheld\": \"small\"}"));
	ck_assert_ptr_nonnull(strstr(json, "{\"level\": \"nurse\", \"count\": null, \"share\": null, "
					   "\"population_count\": 20, \"population_share\": 8, \"withheld\": \"secondary\"}"));
	/* SMALL | POPULATION is written as "small" (the first of the schema's words) */
	ck_assert_ptr_nonnull(strstr(json, "\"population_count\": null, \"population_share\": null, \"withheld\": \"small\"}"));
	ck_assert_ptr_nonnull(strstr(json, "\"provenance\": {\"method\": \"caller\", \"k\": 3, \"seed\": 42, "
					   "\"quality_measure\": null, \"quality\": null, \"data_window\": {\"start\": "
					   "\"2024-01-01\", \"end\": \"2024-12-31\"}, \"min_n\": 10, \"fdr\": 0.05, "
					   "\"reference_year\": 2026, \"customers\": 250, \"excluded_customers\": null, "
					   "\"suppressed_personas\": 1, \"names_source\": \"test names, \\\"made up\\\" for "
					   "the tests\", \"rules\": \"test rules\", \"segment_column\": \"segment\"}"));
	/* a numeric attribute has the numeric keys, no levels */
	ck_assert_ptr_nonnull(strstr(json, "\"type\": \"numeric\",\n      \"n\": 158,\n      \"missing\": 2,\n"
					   "      \"withheld\": false,\n      \"mean\": 38.9,"));
	ck_assert_ptr_nonnull(strstr(json, "{\"name\": \"ces\", \"kind\": \"ces\", \"n\": 6, \"value\": null, "
					   "\"lower\": null, \"upper\": null, \"population_value\": 5.5, \"scale_lo\": 1, "
					   "\"scale_hi\": 7, \"withheld\": true}"));
	ck_assert_uint_eq(json[strlen(json) - 1], '\n');

	ck_assert_status(cxm_persona_render(&p2, set, 1, CXM_PERSONA_JSON), CXM_OK);
	ck_assert_ptr_nonnull(strstr(p2, "\"gender\": null,\n  \"gender_share\": null,"));
	ck_assert_ptr_nonnull(strstr(p2, "\"behaviour\": {\n    \"rfm_mix\": null,\n    \"clv_mean\": null,\n"
					 "    \"clv_median\": null,\n    \"scores\": []\n  },"));
	ck_assert_ptr_nonnull(strstr(p2, "\"goals\": [],\n  \"problems\": [],\n  \"solutions\": [],\n  \"quotes\": [],"));
	ck_assert_ptr_nonnull(strstr(p2, "{\"item\": \"cooking\", \"weight\": 0.625}"));

	ck_assert_status(cxm_persona_render(&p3, set, 2, CXM_PERSONA_JSON), CXM_OK);
	{
		const char *head = "{\n  \"id\": \"P3\",\n  \"segment\": \"tiny\",\n  \"suppressed\": true,\n  \"provenance\": {";
		ck_assert(strncmp(p3, head, strlen(head)) == 0);
	}
	ck_assert_uint_eq(count_of(p3, "\": "), 4 + 15 + 2); /* 4 keys, the provenance's 15 and data_window's 2 */
	cxm_free(json);
	cxm_free(p2);
	cxm_free(p3);
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(json_large_seed_and_bad_utf8)
{
	cxm_persona_set *set = sample_set(), *back;
	char *one, *two;
	ck_assert_ptr_nonnull(set);
	set->provenance.seed = UINT64_MAX; /* 18446744073709551615: no double holds it */
	set->personas[0].career.value = cxm__persona_strdup(set, "ing\xE9nieur"); /* Latin-1 é: not UTF-8 */
	one = render(set, CXM_PERSONA_JSON);
	ck_assert_ptr_nonnull(strstr(one, "\"seed\": \"18446744073709551615\","));
	ck_assert_ptr_nonnull(strstr(one, "\"career\": \"ing\xEF\xBF\xBDnieur\","));
	back = read_json(one);
	ck_assert(back->provenance.seed == UINT64_MAX);
	two = render(back, CXM_PERSONA_JSON);
	ck_assert_str_eq(two, one);
	cxm_free(one);
	cxm_free(two);
	cxm_persona_set_free(back);

	/* 2^53 is still a number; 2^53 + 1 is written as digits */
	set->provenance.seed = (uint64_t)1 << 53;
	one = render(set, CXM_PERSONA_JSON);
	ck_assert_ptr_nonnull(strstr(one, "\"seed\": 9007199254740992,"));
	cxm_free(one);
	set->provenance.seed = ((uint64_t)1 << 53) + 1;
	one = render(set, CXM_PERSONA_JSON);
	ck_assert_ptr_nonnull(strstr(one, "\"seed\": \"9007199254740993\","));
	back = read_json(one);
	ck_assert(back->provenance.seed == ((uint64_t)1 << 53) + 1);
	cxm_free(one);
	cxm_persona_set_free(back);
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(json_empty_set)
{
	cxm_persona_set *set = NULL, *back;
	char *one, *two;
	ck_assert_int_eq(cxm__persona_set_new(&set), CXM_OK);
	one = render(set, CXM_PERSONA_JSON);
	ck_assert_ptr_nonnull(strstr(one, "\"personas\": []\n}\n"));
	ck_assert_ptr_nonnull(strstr(one, "\"method\": null,"));
	back = read_json(one);
	ck_assert_uint_eq(cxm_persona_set_count(back), 0);
	two = render(back, CXM_PERSONA_JSON);
	ck_assert_str_eq(two, one);
	cxm_free(one);
	cxm_free(two);
	cxm_persona_set_free(back);
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(json_file_round_trip)
{
	cxm_persona_set *set = sample_set(), *back = NULL;
	char path[TMP_PATH_SIZE], *one, *two;
	ck_assert_ptr_nonnull(set);
	one = render(set, CXM_PERSONA_JSON);
	write_tmp(path, one, strlen(one));
	ck_assert_status(cxm_persona_set_from_file(&back, path), CXM_OK);
	two = render(back, CXM_PERSONA_JSON);
	ck_assert_str_eq(two, one);
	cxm_free(two);
	cxm_persona_set_free(back);
	/* a failure in a file starts with its path */
	{
		const char *text = "{\"schema\": \"cxmetrics.personas/1\", \"provenance\": 3, \"personas\": []}";
		write_tmp(path, text, strlen(text));
	}
	back = (cxm_persona_set *)1;
	ck_assert_status(cxm_persona_set_from_file(&back, path), CXM_EPARSE);
	ck_assert_ptr_null(back);
	assert_message_has(path);
	assert_message_has("provenance must be an object, not a number");
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_status(cxm_persona_set_from_file(&back, path), CXM_EIO);
	assert_message_has(path);
	cxm_free(one);
	cxm_persona_set_free(set);
}
END_TEST

/* ---- the reader's errors ---------------------------------------------------------------------- */

START_TEST(json_malformed_byte_offset)
{
	/* counted by hand: {"schema": "cxmetrics.personas/1", "provenance": is 1 + 8 + 2 + 22 + 2 +
	 * 12 + 2 = 49 bytes, so the bad value "tru" starts at byte 49 (from 0) */
	assert_read_fails("{\"schema\": \"cxmetrics.personas/1\", \"provenance\": tru}", CXM_EPARSE, "at byte 49");
	/* [1 2]: the '2' without a comma before it is byte 49 + 3 = 52 */
	assert_read_fails("{\"schema\": \"cxmetrics.personas/1\", \"provenance\": [1 2]}", CXM_EPARSE, "at byte 52");
	/* no comma after the schema's value: the next key starts at byte 1 + 8 + 2 + 22 + 1 = 34 */
	assert_read_fails("{\"schema\": \"cxmetrics.personas/1\" \"provenance\": 1}", CXM_EPARSE, "at byte 34");
	/* text after the value: byte 3 */
	assert_read_fails("{} x", CXM_EPARSE, "at byte 3");
	assert_read_fails("", CXM_EPARSE, "empty");
	assert_read_fails("[1, 2]", CXM_EPARSE, "not an object");
}
END_TEST

START_TEST(json_wrong_schema_is_version)
{
	assert_read_fails("{\"schema\": \"cxmetrics.personas/2\", \"provenance\": {}, \"personas\": []}", CXM_EVERSION,
			  "\"cxmetrics.personas/2\"");
	assert_message_has("\"cxmetrics.personas/1\"");
	assert_read_fails("{\"schema\": \"cxmetrics.names/1\"}", CXM_EVERSION, "cxmetrics.names/1");
	assert_read_fails("{\"provenance\": {}, \"personas\": []}", CXM_EPARSE, "schema is missing");
	assert_read_fails("{\"schema\": 1}", CXM_EPARSE, "schema must be a string");
}
END_TEST

START_TEST(json_errors_name_the_path)
{
	cxm_persona_set *set = sample_set();
	char *json, *bad;
	ck_assert_ptr_nonnull(set);
	json = render(set, CXM_PERSONA_JSON);

	bad = replace(json, "\"lift\": 1.4204545454545454, ", "");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].identifiers[0].lift is missing");
	free(bad);
	bad = replace(json, "\"size\": 160", "\"size\": \"160\"");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].size must be a number or null, not a string");
	free(bad);
	bad = replace(json, "\"withheld\": \"secondary\"", "\"withheld\": \"tiny\"");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].demographics[3].levels[2].withheld must be null, \"small\"");
	assert_message_has("not \"tiny\"");
	free(bad);
	bad = replace(json, "\"clv_mean\": 812.5", "\"clv_mean\": 812.5, \"clv_max\": 3");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].behaviour.clv_max is not a key of the schema");
	free(bad);
	bad = replace(json, "\"suppressed\": true", "\"suppressed\": 1");
	assert_read_fails(bad, CXM_EPARSE, "personas[2].suppressed must be true or false, not a number");
	free(bad);
	bad = replace(json, "\"suppressed\": true", "\"suppressed\": true, \"name\": \"Leak\"");
	assert_read_fails(bad, CXM_EPARSE, "personas[2].name is not a key of the schema");
	free(bad);
	bad = replace(json, "\"type\": \"numeric\",\n          \"n\"", "\"type\": \"number\",\n          \"n\"");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].demographics[2].type must be \"numeric\" or \"categorical\"");
	free(bad);
	bad = replace(json, "\"text\": \"Offer a tasting club\"", "\"text\": null");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].solutions[0].text must be a string, not null");
	free(bad);
	bad = replace(json, "\"min_n\": 10", "\"min_n\": 10.5");
	assert_read_fails(bad, CXM_EPARSE, "provenance.min_n must be a whole number");
	free(bad);
	bad = replace(json, "\"seed\": 42", "\"seed\": \"4x2\"");
	assert_read_fails(bad, CXM_EPARSE, "provenance.seed must be a whole number from 0 to 2^64 - 1");
	free(bad);
	bad = replace(json, "\"revenue\": 12345.678", "\"revenue\": 1e999");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].revenue is not a finite number");
	free(bad);
	bad = replace(json, "\"goals\": [", "\"goals\": [7, ");
	assert_read_fails(bad, CXM_EPARSE, "personas[0].goals[0] must be an object, not a number");
	free(bad);
	/* the first persona's provenance (after the set's) says seed 43 */
	{
		const char *first = strstr(json, "\"personas\": [");
		const char *seed_at = strstr(first, "\"seed\": 42");
		size_t cut = (size_t)(seed_at - json);
		bad = malloc(strlen(json) + 1);
		ck_assert_ptr_nonnull(bad);
		memcpy(bad, json, strlen(json) + 1);
		bad[cut + 9] = '3';
		assert_read_fails(bad, CXM_EPARSE, "personas[0].provenance.seed differs from the set's provenance.seed");
		free(bad);
	}
	bad = replace(json, "\"schema\": \"cxmetrics.personas/1\",", "\"schema\": \"cxmetrics.personas/1\", \"schema\": 2,");
	assert_read_fails(bad, CXM_EPARSE, "schema is given twice");
	free(bad);
	cxm_free(json);
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(bad_arguments)
{
	cxm_persona_set *set = sample_set(), *got = NULL;
	char *out = (char *)1;
	cxm_table *t = (cxm_table *)1;
	ck_assert_ptr_nonnull(set);
	ck_assert_status(cxm_persona_set_render(NULL, set, CXM_PERSONA_JSON, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_set_render(&out, NULL, CXM_PERSONA_JSON, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	ck_assert_status(cxm_persona_set_render(&out, set, 3, NULL), CXM_EBAD_ARG);
	assert_message_has("json, markdown");
	assert_message_has("html");
	ck_assert_status(cxm_persona_set_render(&out, set, -1, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_render(&out, set, 3, CXM_PERSONA_JSON), CXM_EBAD_ARG);
	assert_message_has("persona 3 is out of range: the set has 3 personas");
	ck_assert_status(cxm_persona_render(&out, NULL, 0, CXM_PERSONA_JSON), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_render(NULL, set, 0, CXM_PERSONA_JSON), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_render(&out, set, 0, 9), CXM_EBAD_ARG);
	ck_assert_ptr_null(out);
	ck_assert_status(cxm_persona_set_from_json(NULL, "{}", 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_set_from_json(&got, NULL, 2), CXM_EBAD_ARG);
	ck_assert_ptr_null(got);
	ck_assert_status(cxm_persona_set_from_file(&got, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_set_from_file(NULL, "x.json"), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_set_summary(NULL, set), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_set_summary(&t, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(t);
	t = (cxm_table *)1;
	ck_assert_status(cxm_persona_set_identifiers(&t, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(t);
	ck_assert_status(cxm_persona_set_identifiers(NULL, set), CXM_EBAD_ARG);
	cxm_persona_set_free(set);
}
END_TEST

/* ---- Markdown and HTML -------------------------------------------------------------------- */

START_TEST(markdown_fields)
{
	cxm_persona_set *set = sample_set();
	char *md, *one;
	ck_assert_ptr_nonnull(set);
	md = render(set, CXM_PERSONA_MARKDOWN);
	ck_assert(strncmp(md, "# Personas\n\n", 12) == 0);
	ck_assert_ptr_nonnull(strstr(md, "## P1: Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m (segment Champions \\<&\\> \"A\")\n"));
	ck_assert_ptr_nonnull(strstr(md, "female (62.5%) · 38.5 years (35-44) · Lyon (31.2%) · engineer (25.0%)\n"));
	ck_assert_ptr_nonnull(strstr(md, "- Size: 160 customers, 64.0% of customers, 60.1% of revenue (12345.68)\n"));
	/* the identifiers' table, the numbers as Python 3 formats them: "%.1f" % 31.25 = 31.2 (ties to
	 * even), "%.2f" % (31.25 / 22) = 1.42, "%+.1f" % 9.25 = +9.2, "%.2g" % 1.25e-5 = 1.3e-05 (the
	 * double is above 1.25e-5), "%.2g" % 3.75e-5 = 3.7e-05 (below) */
	ck_assert_ptr_nonnull(strstr(md, "| city | Lyon | 31.2% | 22.0% | 1.42 | +9.2 | +0.21 | 1.3e-05 | 3.7e-05 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "| income | higher | 52000 | 48000 | 1.08 | +4000 | +0.40 | 0.001 | 0.0015 |\n"));
	ck_assert_ptr_nonnull(strstr(md, "- **city** (location): Lyon 31.2% (22.0%); Paris 60.6% (68.0%); "
					 "2 levels withheld (< min_n), 13 customers together; 160 answers\n"));
	ck_assert_ptr_nonnull(strstr(md, "- nps: 42.0 [95% interval 30.5 to 52.2], population 20.0; 150 answers\n"));
	ck_assert_ptr_nonnull(strstr(md, "- ces: withheld (< min_n)\n"));
	ck_assert_ptr_nonnull(strstr(md, "- Wants the best wines & cheeses *(rule:wine lovers)*\n"));
	ck_assert_ptr_nonnull(strstr(md, "> She said \"great\" \\<b\\>twice\\</b\\> and left happy"));
	ck_assert_ptr_nonnull(strstr(md, "> Back\\\\slash and 100% sure\n"));
	ck_assert_ptr_nonnull(strstr(md, "## P2: Sam (segment readers)\n\ngender withheld (< min_n)\n"));
	ck_assert_ptr_nonnull(strstr(md, "- cooking: 0.625\n"));
	ck_assert_ptr_nonnull(strstr(md, "## P3 (segment tiny)\n\nSuppressed: the segment has fewer than 10 customers"));
	ck_assert_ptr_nonnull(strstr(md, "Method caller, k 3, seed 42, segments from column segment, data from 2024-01-01 "
					 "to 2024-12-31; 250 customers, 1 persona suppressed (their customers withheld "
					 "(< min_n)); min_n 10"));
	ck_assert_status(cxm_persona_render(&one, set, 1, CXM_PERSONA_MARKDOWN), CXM_OK);
	ck_assert(strncmp(one, "## P2: Sam", 10) == 0);
	ck_assert_ptr_null(strstr(one, "P1"));
	cxm_free(one);
	cxm_free(md);
	ck_assert_status(cxm_persona_set_render(&md, set, CXM_PERSONA_MARKDOWN, "Our *customers*"), CXM_OK);
	ck_assert(strncmp(md, "# Our \\*customers\\*\n", 20) == 0);
	ck_assert_ptr_nonnull(strstr(md, "; rules: test rules.\n"));
	cxm_free(md);
	/* a source that ends with a full stop does not get a second one */
	set->provenance.rules_name = cxm__persona_strdup(set, "rules, v2.");
	md = render(set, CXM_PERSONA_MARKDOWN);
	ck_assert_ptr_nonnull(strstr(md, "; rules: rules, v2.\n"));
	cxm_free(md);
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(html_page)
{
	cxm_persona_set *set = sample_set();
	char *html, *frag;
	ck_assert_ptr_nonnull(set);
	ck_assert_status(cxm_persona_set_render(&html, set, CXM_PERSONA_HTML, "Customers <2024> & \"us\""), CXM_OK);
	ck_assert(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 62) == 0);
	ck_assert_ptr_nonnull(strstr(html, "<title>Customers &lt;2024&gt; &amp; &quot;us&quot;</title>"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "http"));
	ck_assert_ptr_null(strstr(html, "url("));
	ck_assert_ptr_null(strstr(html, "<link"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "<b>twice")); /* the quote's markup is text */
	ck_assert_ptr_nonnull(strstr(html, "She said &quot;great&quot; &lt;b&gt;twice&lt;/b&gt; and left happy"));
	ck_assert_ptr_nonnull(strstr(html, "segment Champions &lt;&amp;&gt; &quot;A&quot;"));
	ck_assert_ptr_nonnull(strstr(html, "Back\\slash and 100% sure"));
	ck_assert_uint_eq(count_of(html, "<article"), 3);
	ck_assert_uint_eq(count_of(html, "</article>"), 3);
	ck_assert_uint_eq(count_of(html, "<svg"), count_of(html, "</svg>"));
	ck_assert_uint_eq(count_of(html, "<div"), count_of(html, "</div>"));
	/* avatars: initials of the name (Z and Å), a circle */
	ck_assert_ptr_nonnull(strstr(html, ">Z\xC3\x85</text></svg>"));
	ck_assert_ptr_nonnull(strstr(html, ">S</text></svg>"));
	ck_assert_ptr_nonnull(strstr(html, "<circle cx=\"28\" cy=\"28\" r=\"28\""));
	/* identity, size, identifiers, demographics, behaviour, statements, provenance */
	ck_assert_ptr_nonnull(strstr(html, "<h2>Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m</h2>"));
	ck_assert_ptr_nonnull(strstr(html, "38.5 years (35-44)"));
	ck_assert_ptr_nonnull(strstr(html, "160 &#183; 64.0%"));
	ck_assert_ptr_nonnull(strstr(html, "city = Lyon</span>"));
	ck_assert_ptr_nonnull(strstr(html, "&#215;1.42 &#183; 31.2% vs 22.0%"));
	ck_assert_ptr_nonnull(strstr(html, "income higher</span>"));
	ck_assert_ptr_nonnull(strstr(html, "mean 52000 vs 48000 &#183; d +0.40 &#183; q 0.0015"));
	/* the lift bar: 1.42 of a scale to 2 is 71.0% wide, the line at 1 at 50% */
	ck_assert_ptr_nonnull(strstr(html, "<i style=\"width:71.0%\"></i><b style=\"left:50.0%\"></b>"));
	ck_assert_ptr_nonnull(strstr(html, "60.6% / 68.0%"));
	ck_assert_ptr_nonnull(strstr(html, "2 levels <span class=\"cxp-w\">withheld (&lt; min_n)</span>, 13 customers"));
	ck_assert_ptr_nonnull(strstr(html, "42.0 [30.5, 52.2] &#183; pop. 20.0 &#183; n 150"));
	ck_assert_ptr_nonnull(strstr(html, "81.5% [73.6, 87.5]"));
	ck_assert_ptr_nonnull(strstr(html, "<li>Wants the best wines &amp; cheeses"));
	ck_assert_ptr_nonnull(strstr(html, "gender <span class=\"cxp-w\">withheld (&lt; min_n)</span>"));
	ck_assert_ptr_nonnull(strstr(html, "Suppressed, <span class=\"cxp-w\">withheld (&lt; min_n)</span>: this segment has fewer than 10 customers"));
	ck_assert_ptr_nonnull(strstr(html, "method caller &#183; k 3 &#183; seed 42"));
	ck_assert_ptr_nonnull(strstr(html, "data 2024-01-01 to 2024-12-31 &#183; min_n 10"));
	ck_assert_ptr_nonnull(strstr(html, "cooking</span>"));
	ck_assert(strcmp(html + strlen(html) - 16, "</body>\n</html>\n") == 0);

	ck_assert_status(cxm_persona_render(&frag, set, 0, CXM_PERSONA_HTML), CXM_OK);
	ck_assert(strncmp(frag, "<div class=\"cxp\"><style>", 24) == 0);
	ck_assert_uint_eq(count_of(frag, "<article"), 1);
	ck_assert_ptr_null(strstr(frag, "<html"));
	ck_assert_ptr_null(strstr(frag, "<script"));
	ck_assert_ptr_null(strstr(frag, "http"));
	cxm_free(frag);
	cxm_free(html);
	cxm_persona_set_free(set);
}
END_TEST

/* The colours of the cards come from the ids alone: the same id, the same hue. */
START_TEST(html_colours_from_ids)
{
	cxm_persona_set *set = sample_set();
	char *a, *b;
	const char *h1, *h2;
	ck_assert_ptr_nonnull(set);
	a = render(set, CXM_PERSONA_HTML);
	/* the first two cards have different hues, and renaming a persona keeps its hue */
	h1 = strstr(a, "--c:hsl(");
	h2 = strstr(h1 + 1, "--c:hsl(");
	ck_assert_ptr_nonnull(h2);
	ck_assert(strncmp(h1, h2, 14) != 0);
	set->personas[0].name = cxm__persona_strdup(set, "Other Name");
	b = render(set, CXM_PERSONA_HTML);
	ck_assert(strncmp(strstr(b, "--c:hsl("), h1, 20) == 0);
	cxm_free(a);
	cxm_free(b);
	cxm_persona_set_free(set);
}
END_TEST

/* HTML and Markdown from a set read back from JSON are the same bytes. */
START_TEST(writers_agree_after_reading)
{
	cxm_persona_set *set = sample_set(), *back;
	int formats[] = { CXM_PERSONA_MARKDOWN, CXM_PERSONA_HTML };
	char *json;
	size_t i;
	ck_assert_ptr_nonnull(set);
	/* P2's gender is flagged withheld in memory: the reader finds it from the demographics */
	json = render(set, CXM_PERSONA_JSON);
	back = read_json(json);
	for (i = 0; i < 2; i++) {
		char *a = render(set, formats[i]), *b = render(back, formats[i]);
		ck_assert_str_eq(b, a);
		cxm_free(a);
		cxm_free(b);
	}
	cxm_free(json);
	cxm_persona_set_free(back);
	cxm_persona_set_free(set);
}
END_TEST

/* ---- tables ------------------------------------------------------------------------------------ */

START_TEST(summary_table)
{
	cxm_persona_set *set = sample_set();
	cxm_table *t = NULL;
	const char *const *tx;
	const double *x;
	size_t col;
	ck_assert_ptr_nonnull(set);
	ck_assert_status(cxm_persona_set_summary(&t, set), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert_uint_eq(cxm_table_column_count(t), 12);
	ck_assert_str_eq(cxm_table_row_name(t), "personas");
	ck_assert_str_eq(cxm_table_column_name(t, 0), "id");
	ck_assert_str_eq(cxm_table_column_name(t, 6), "career");
	ck_assert_str_eq(cxm_table_column_name(t, 7), "age");
	ck_assert_str_eq(cxm_table_column_name(t, 11), "suppressed");
	ck_assert_status(cxm_table_column_index(&col, t, "name"), CXM_OK);
	tx = cxm_table_texts(t, col);
	ck_assert_str_eq(tx[0], "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m");
	ck_assert_str_eq(tx[2], "");
	ck_assert_status(cxm_table_column_index(&col, t, "gender"), CXM_OK);
	tx = cxm_table_texts(t, col);
	ck_assert_str_eq(tx[0], "female");
	ck_assert_str_eq(tx[1], "");
	ck_assert_status(cxm_table_column_index(&col, t, "share"), CXM_OK);
	x = cxm_table_numbers(t, col);
	ck_assert(x[0] == 64 && x[1] == 36 && isnan(x[2]));
	ck_assert_status(cxm_table_column_index(&col, t, "revenue_share"), CXM_OK);
	x = cxm_table_numbers(t, col);
	ck_assert(x[0] == 60.125 && isnan(x[1]) && isnan(x[2]));
	ck_assert_status(cxm_table_column_index(&col, t, "suppressed"), CXM_OK);
	x = cxm_table_numbers(t, col);
	ck_assert(x[0] == 0 && x[1] == 0 && x[2] == 1);
	cxm_table_free(t);
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(identifiers_table)
{
	cxm_persona_set *set = sample_set();
	cxm_table *t = NULL;
	const char *const *tx;
	const double *x;
	ck_assert_ptr_nonnull(set);
	ck_assert_status(cxm_persona_set_identifiers(&t, set), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 2);
	ck_assert_uint_eq(cxm_table_column_count(t), 10);
	ck_assert_str_eq(cxm_table_row_name(t), "identifiers");
	tx = cxm_table_texts(t, 0);
	ck_assert_str_eq(tx[0], "P1");
	tx = cxm_table_texts(t, 2);
	ck_assert_str_eq(tx[0], "Lyon");
	ck_assert_str_eq(tx[1], "higher");
	ck_assert_str_eq(cxm_table_column_name(t, 5), "lift");
	x = cxm_table_numbers(t, 5);
	ck_assert(x[0] == 31.25 / 22.0);
	ck_assert_str_eq(cxm_table_column_name(t, 9), "q_value");
	x = cxm_table_numbers(t, 9);
	ck_assert(x[0] == 3.75e-5 && x[1] == 0.0015);
	cxm_table_free(t);
	cxm_persona_set_free(set);

	/* no personas: tables with their columns and no rows */
	ck_assert_int_eq(cxm__persona_set_new(&set), CXM_OK);
	ck_assert_status(cxm_persona_set_identifiers(&t, set), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_uint_eq(cxm_table_column_count(t), 10);
	cxm_table_free(t);
	ck_assert_status(cxm_persona_set_summary(&t, set), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 0);
	ck_assert_uint_eq(cxm_table_column_count(t), 12);
	cxm_table_free(t);
	cxm_persona_set_free(set);
}
END_TEST

/* ---- out of memory ---------------------------------------------------------------------------- */

START_TEST(out_of_memory)
{
	cxm_persona_set *set = sample_set(), *back;
	char *json = render(set, CXM_PERSONA_JSON), *out;
	cxm_table *t;
	long k;
	int f;
	for (f = 0; f < 3; f++) {
		for (k = 0;; k++) {
			int rc;
			oom_arm(k);
			rc = cxm_persona_set_render(&out, set, f, NULL);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_free(out);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			ck_assert_ptr_null(out);
			oom_assert_no_leak(k);
		}
		for (k = 0;; k++) {
			int rc;
			oom_arm(k);
			rc = cxm_persona_render(&out, set, 0, f);
			if (!oom_failed()) {
				ck_assert_status(rc, CXM_OK);
				cxm_free(out);
				oom_assert_no_leak(k);
				break;
			}
			oom_assert_enomem(rc, k);
			oom_assert_no_leak(k);
		}
	}
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_persona_set_summary(&t, set);
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
		int rc;
		oom_arm(k);
		rc = cxm_persona_set_identifiers(&t, set);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(t);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_persona_set_from_json(&back, json, strlen(json));
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_persona_set_free(back);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_free(json);
	cxm_persona_set_free(set);
}
END_TEST

static Suite *persona_render_suite(void)
{
	Suite *s = suite_create("persona_render");
	TCase *tc = tcase_create("render");
	tcase_add_test(tc, json_round_trip_is_identical);
	tcase_add_test(tc, json_shape);
	tcase_add_test(tc, json_large_seed_and_bad_utf8);
	tcase_add_test(tc, json_empty_set);
	tcase_add_test(tc, json_file_round_trip);
	tcase_add_test(tc, json_malformed_byte_offset);
	tcase_add_test(tc, json_wrong_schema_is_version);
	tcase_add_test(tc, json_errors_name_the_path);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, markdown_fields);
	tcase_add_test(tc, html_page);
	tcase_add_test(tc, html_colours_from_ids);
	tcase_add_test(tc, writers_agree_after_reading);
	tcase_add_test(tc, summary_table);
	tcase_add_test(tc, identifiers_table);
	tcase_add_test(tc, out_of_memory);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(persona_render_suite)
