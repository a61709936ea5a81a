/*
 * tests/render/render_journey_sample.c - write the journey pages of the
 * hand-built tables of tests/unit/journey_html_sample.h into DIRECTORY:
 * journey_funnel.html (the funnel by channel), journey_cohort.html (the
 * retention heat-map), journey_pyramid.html (the pyramid by region, one
 * group suppressed) and journey_all.html (every kind on one page, with the
 * odd event name). For run_journey_render_test.py.
 */
#include <stdio.h>
#include "cxmetrics.h"
#include "journey_html_sample.h"

static int write_page(const char *dir, const char *name, cxm_table *const *tables, size_t n, const char *title)
{
	char path[4096], *text = NULL;
	FILE *f;
	int failed;
	if (cxm_journey_render_html(&text, (const cxm_table *const *)tables, n, title) != CXM_OK) {
		fprintf(stderr, "render_journey_sample: %s: %s\n", name, cxm_error_last()->message);
		return 1;
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "wb"))) {
		fprintf(stderr, "render_journey_sample: cannot write %s\n", path);
		cxm_free(text);
		return 1;
	}
	fputs(text, f);
	failed = fclose(f) != 0;
	cxm_free(text);
	return failed;
}

int main(int argc, char **argv)
{
	cxm_table *all[8];
	size_t i;
	int failed = 0;
	if (argc != 2) {
		fprintf(stderr, "usage: render_journey_sample DIRECTORY\n");
		return 2;
	}
	all[0] = jh_funnel(1, 1);
	all[1] = jh_funnel_next();
	all[2] = jh_funnel_tests();
	all[3] = jh_cohort();
	all[4] = jh_pyramid();
	all[5] = jh_transitions();
	all[6] = jh_paths();
	all[7] = jh_touchpoints();
	for (i = 0; i < 8; i++)
		if (!all[i]) {
			fprintf(stderr, "render_journey_sample: table %zu not built\n", i);
			return 1;
		}
	{
		cxm_table *funnel = jh_funnel(1, 0);
		failed |= !funnel || write_page(argv[1], "journey_funnel.html", &funnel, 1, "Funnel by channel");
		cxm_table_free(funnel);
	}
	failed |= write_page(argv[1], "journey_cohort.html", &all[3], 1, "Cohorts");
	failed |= write_page(argv[1], "journey_pyramid.html", &all[4], 1, "The CX pyramid");
	failed |= write_page(argv[1], "journey_all.html", all, 8, "Journey <2024> & co");
	for (i = 0; i < 8; i++)
		cxm_table_free(all[i]);
	return failed;
}
