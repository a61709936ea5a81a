/*
 * tests/fuzz/fuzz_persona_json.c - libFuzzer target for the persona set
 * reader (spec §15.7, cxm_persona_set_from_json) on bytes that are not
 * NUL-terminated.
 *
 * On failure *out must be NULL and the error well formed (PARSE, VERSION or
 * NOMEM). On success whatever was accepted must write back as JSON that
 * reads back and writes the same bytes again (write -> read -> write), and
 * Markdown (no '<' of the data unescaped), the HTML page (no script
 * element) and each persona alone must be written too.
 */
#define _GNU_SOURCE
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cxm_persona_set *set = (cxm_persona_set *)&set, *back = NULL;
	char *j1 = NULL, *j2 = NULL, *text = NULL;
	size_t i, n;
	int rc = cxm_persona_set_from_json(&set, (const char *)data, size), f;
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_persona_set_from_json");
		FUZZ_ASSERT(set == NULL, "*out not NULL on failure");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EVERSION || rc == CXM_ENOMEM,
			    "cxm_persona_set_from_json: unexpected code %d", rc);
		return 0;
	}
	FUZZ_ASSERT(cxm_persona_set_render(&j1, set, CXM_PERSONA_JSON, NULL) == CXM_OK, "render JSON: %s",
		    cxm_error_last()->message);
	rc = cxm_persona_set_from_json(&back, j1, strlen(j1));
	FUZZ_ASSERT(rc == CXM_OK, "the written JSON does not read back: %s", cxm_error_last()->message);
	FUZZ_ASSERT(cxm_persona_set_render(&j2, back, CXM_PERSONA_JSON, NULL) == CXM_OK, "render JSON again: %s",
		    cxm_error_last()->message);
	FUZZ_ASSERT(strcmp(j1, j2) == 0, "write -> read -> write changed the JSON");
	/* Markdown: every '<' of the data is escaped (the template's only one is "withheld (< min_n)") */
	FUZZ_ASSERT(cxm_persona_set_render(&text, set, CXM_PERSONA_MARKDOWN, "t") == CXM_OK, "render Markdown: %s",
		    cxm_error_last()->message);
	for (i = 0; text[i]; i++)
		FUZZ_ASSERT(text[i] != '<' || (i > 0 && text[i - 1] == '\\') || strncmp(text + i, "< min_n)", 8) == 0,
			    "Markdown: a bare '<' at byte %zu", i);
	cxm_free(text);
	/* HTML: the data's markup is text */
	FUZZ_ASSERT(cxm_persona_set_render(&text, set, CXM_PERSONA_HTML, "t") == CXM_OK, "render HTML: %s",
		    cxm_error_last()->message);
	FUZZ_ASSERT(strstr(text, "<script") == NULL, "HTML: a script element");
	cxm_free(text);
	n = cxm_persona_set_count(set);
	for (i = 0; i < n; i++) {
		for (f = CXM_PERSONA_JSON; f <= CXM_PERSONA_HTML; f++) {
			FUZZ_ASSERT(cxm_persona_render(&text, set, i, f) == CXM_OK, "persona %zu, format %d: %s", i, f,
				    cxm_error_last()->message);
			cxm_free(text);
		}
	}
	cxm_free(j1);
	cxm_free(j2);
	cxm_persona_set_free(back);
	cxm_persona_set_free(set);
	return 0;
}
