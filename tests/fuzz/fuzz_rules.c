/*
 * tests/fuzz/fuzz_rules.c - libFuzzer target for the rule-table readers
 * (spec §7.8, §13.2, §15.3, §15.4): cxm_rfm_rules_from_json,
 * cxm_segment_rules_from_json, cxm_persona_names_from_json and
 * cxm_persona_rules_from_json on the same bytes (not NUL-terminated).
 *
 * On failure *out must be NULL and the error well formed. On success the
 * table must be written back (to_json) into JSON that reads back to the same
 * JSON, and the validator must run on it (or refuse a grid that is too big,
 * or, for value segments, a dimension that mixes numbers and quantiles). A
 * names table that reads must draw a name for an unknown customer (or say
 * EMPTY when no entry takes any gender); a persona rule table has rules.
 */
#define _GNU_SOURCE
#include "fuzz_common.h"

static void rfm(const char *text, size_t size)
{
	cxm_rfm_rules *r = (cxm_rfm_rules *)&r, *back = NULL;
	cxm_table *f = NULL;
	char *j1 = NULL, *j2 = NULL;
	int rc = cxm_rfm_rules_from_json(&r, text, size);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_rfm_rules_from_json");
		FUZZ_ASSERT(r == NULL, "*out not NULL on failure");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EOUT_OF_RANGE || rc == CXM_EINCONSISTENT || rc == CXM_ENOMEM,
			    "cxm_rfm_rules_from_json: unexpected code %d", rc);
		return;
	}
	FUZZ_ASSERT(cxm_rfm_rules_scores(r) >= 2 && cxm_rfm_rules_scores(r) <= 100, "scores %u",
		    cxm_rfm_rules_scores(r));
	FUZZ_ASSERT(cxm_rfm_rules_to_json(&j1, r) == CXM_OK, "to_json failed: %s", cxm_error_last()->message);
	rc = cxm_rfm_rules_from_json(&back, j1, strlen(j1));
	FUZZ_ASSERT(rc == CXM_OK, "the library's own rule JSON does not read back: %s\n%s", cxm_error_last()->message, j1);
	FUZZ_ASSERT(cxm_rfm_rules_to_json(&j2, back) == CXM_OK && strcmp(j1, j2) == 0, "round trip changed the JSON");
	rc = cxm_rfm_rules_validate(&f, r, 0, cxm_rfm_rules_match(r));
	if (rc < 0)
		fuzz_check_error(rc, "cxm_rfm_rules_validate");
	FUZZ_ASSERT(rc == CXM_OK || rc == CXM_EBAD_ARG || rc == CXM_ENOMEM, "validate: code %d", rc);
	cxm_table_free(f);
	cxm_free(j1);
	cxm_free(j2);
	cxm_rfm_rules_free(back);
	cxm_rfm_rules_free(r);
}

static void segment(const char *text, size_t size)
{
	cxm_segment_rules *r = (cxm_segment_rules *)&r, *back = NULL;
	cxm_table *f = NULL;
	char *j1 = NULL, *j2 = NULL;
	int rc = cxm_segment_rules_from_json(&r, text, size);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_segment_rules_from_json");
		FUZZ_ASSERT(r == NULL, "*out not NULL on failure");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EOUT_OF_RANGE || rc == CXM_EINCONSISTENT || rc == CXM_ENOMEM,
			    "cxm_segment_rules_from_json: unexpected code %d", rc);
		return;
	}
	FUZZ_ASSERT(cxm_segment_rules_to_json(&j1, r) == CXM_OK, "to_json failed: %s", cxm_error_last()->message);
	rc = cxm_segment_rules_from_json(&back, j1, strlen(j1));
	FUZZ_ASSERT(rc == CXM_OK, "the library's own segment JSON does not read back: %s\n%s",
		    cxm_error_last()->message, j1);
	FUZZ_ASSERT(cxm_segment_rules_to_json(&j2, back) == CXM_OK && strcmp(j1, j2) == 0, "round trip changed the JSON");
	rc = cxm_segment_rules_validate(&f, r, NULL, cxm_segment_rules_match(r));
	if (rc < 0)
		fuzz_check_error(rc, "cxm_segment_rules_validate");
	FUZZ_ASSERT(rc == CXM_OK || rc == CXM_EBAD_ARG || rc == CXM_EINCONSISTENT || rc == CXM_ENOMEM,
		    "validate: code %d", rc);
	cxm_table_free(f);
	cxm_free(j1);
	cxm_free(j2);
	cxm_segment_rules_free(back);
	cxm_segment_rules_free(r);
}

static void persona_names(const char *text, size_t size)
{
	cxm_persona_names *t = (cxm_persona_names *)&t;
	char name[256], key[256];
	int rc = cxm_persona_names_from_json(&t, text, size);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_persona_names_from_json");
		FUZZ_ASSERT(t == NULL, "*out not NULL on failure");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EOUT_OF_RANGE || rc == CXM_EEMPTY || rc == CXM_ENOMEM,
			    "cxm_persona_names_from_json: unexpected code %d", rc);
		return;
	}
	FUZZ_ASSERT(cxm_persona_names_count(t) > 0, "a names table without entries");
	rc = cxm_persona_names_draw(name, sizeof name, key, sizeof key, t, NULL, 1980.0, NULL, 7, 0);
	if (rc < 0)
		fuzz_check_error(rc, "cxm_persona_names_draw");
	FUZZ_ASSERT(rc == CXM_OK || rc == CXM_EEMPTY || rc == CXM_EBAD_ARG, "draw: code %d", rc);
	cxm_persona_names_free(t);
}

static void persona_rules(const char *text, size_t size)
{
	cxm_persona_rules *t = (cxm_persona_rules *)&t;
	int rc = cxm_persona_rules_from_json(&t, text, size);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_persona_rules_from_json");
		FUZZ_ASSERT(t == NULL, "*out not NULL on failure");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EOUT_OF_RANGE || rc == CXM_EEMPTY || rc == CXM_ENOMEM,
			    "cxm_persona_rules_from_json: unexpected code %d", rc);
		return;
	}
	FUZZ_ASSERT(cxm_persona_rules_count(t) > 0, "a rule table without rules");
	cxm_persona_rules_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	rfm((const char *)data, size);
	segment((const char *)data, size);
	persona_names((const char *)data, size);
	persona_rules((const char *)data, size);
	return 0;
}
