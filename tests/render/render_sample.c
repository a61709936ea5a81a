/*
 * tests/render/render_sample.c - write the sample persona set
 * (tests/unit/persona_sample.h) as JSON, Markdown, the HTML page and P1's
 * HTML card into the directory given, for run_render_test.py.
 */
#include <stdio.h>
#include <string.h>
#include "cxmetrics.h"
#include "persona_sample.h"

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb"))) {
		fprintf(stderr, "render_sample: cannot write %s\n", path);
		return 1;
	}
	fputs(text, f);
	return fclose(f) != 0;
}

int main(int argc, char **argv)
{
	static const struct { int format; const char *file; } pages[] = {
		{ CXM_PERSONA_JSON, "personas.json" },
		{ CXM_PERSONA_MARKDOWN, "personas.md" },
		{ CXM_PERSONA_HTML, "personas.html" }
	};
	cxm_persona_set *set;
	char *text;
	size_t i;
	int failed = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: render_sample DIRECTORY\n");
		return 2;
	}
	if (!(set = sample_set())) {
		fprintf(stderr, "render_sample: out of memory\n");
		return 1;
	}
	for (i = 0; i < sizeof pages / sizeof *pages; i++) {
		if (cxm_persona_set_render(&text, set, pages[i].format, NULL) != CXM_OK) {
			fprintf(stderr, "render_sample: %s\n", cxm_error_last()->message);
			failed = 1;
			break;
		}
		failed |= write_file(argv[1], pages[i].file, text);
		cxm_free(text);
	}
	if (!failed && cxm_persona_render(&text, set, 0, CXM_PERSONA_HTML) == CXM_OK) {
		failed |= write_file(argv[1], "p1.html", text);
		cxm_free(text);
	}
	cxm_persona_set_free(set);
	return failed;
}
