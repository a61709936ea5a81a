/*
 * tests/render/render_survey_sample.c - write the HTML survey report of the
 * synthetic tables of tests/unit/survey_html_sample.h (cells by channel and
 * month, vs rest, drivers, themes) into DIRECTORY/survey.html, and the same
 * page without periods into DIRECTORY/survey_flat.html; given a survey CSV
 * (tests/data/survey-grouped/survey.csv), also the page of the report the
 * library computes from it by channel and month with support times into
 * DIRECTORY/survey_engine.html (with the key drivers of nps). For
 * run_survey_render_test.py.
 */
#include <stdio.h>
#include "cxmetrics.h"
#include "survey_html_sample.h"
#include "report/html.h"

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb"))) {
		fprintf(stderr, "render_survey_sample: cannot write %s\n", path);
		return 1;
	}
	fputs(text, f);
	return fclose(f) != 0;
}

/* The page of the report of the CSV by channel and month (UTC), with support
 * times and the key drivers of nps (csat, ces), as cxm_survey_report_render
 * writes it (cxm__survey_report_html). */
static int engine_page(const char *dir, const char *csv)
{
	static const char *const drivers[2] = { "csat", "ces" };
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	char *text = NULL;
	int failed = cxm_survey_opts_new(&o) != CXM_OK || cxm_survey_opts_add_group(o, "channel") != CXM_OK ||
		     cxm_survey_opts_set_time(o, "timestamp", 2 /* month (cxm_period) */, 0) != CXM_OK ||
		     cxm_survey_opts_set_times(o, "created", "first_reply", "resolved") != CXM_OK ||
		     cxm_survey_opts_set_drivers(o, "nps", drivers, 2) != CXM_OK ||
		     cxm_survey_report_from_csv(&r, csv, o) != CXM_OK || cxm__survey_report_html(&text, r) != CXM_OK;
	if (!failed)
		failed = write_file(dir, "survey_engine.html", text);
	cxm_free(text);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	return failed;
}

int main(int argc, char **argv)
{
	cxm_table *cells, *flat, *vs, *dr, *th;
	char *text = NULL;
	int failed = 0;
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: render_survey_sample DIRECTORY [SURVEY.csv]\n");
		return 2;
	}
	cells = sample_cells(1);
	flat = sample_cells(0);
	vs = sample_vs_rest();
	dr = sample_drivers();
	th = sample_themes();
	if (!cells || !flat || !vs || !dr || !th) {
		fprintf(stderr, "render_survey_sample: cannot build the tables: %s\n", cxm_error_last()->message);
		failed = 1;
	}
	if (!failed && cxm__survey_render_html(&text, cells, vs, dr, th) == CXM_OK) {
		failed |= write_file(argv[1], "survey.html", text);
		cxm_free(text);
		text = NULL;
	} else {
		failed = 1;
	}
	if (!failed && cxm__survey_render_html(&text, flat, NULL, NULL, NULL) == CXM_OK) {
		failed |= write_file(argv[1], "survey_flat.html", text);
		cxm_free(text);
	} else {
		failed = 1;
	}
	if (!failed && argc == 3)
		failed = engine_page(argv[1], argv[2]);
	if (failed)
		fprintf(stderr, "render_survey_sample: %s\n", cxm_error_last()->message);
	cxm_table_free(cells);
	cxm_table_free(flat);
	cxm_table_free(vs);
	cxm_table_free(dr);
	cxm_table_free(th);
	return failed;
}
