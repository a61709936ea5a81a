/*
 * examples/c/survey_grouped.c - NPS by channel and month from a survey CSV
 * (spec §18): the cells table, each month's change and its adjusted p-value,
 * and the suppressed cells (fewer than min_n answers) marked.
 *
 *   cc survey_grouped.c $(pkg-config --cflags --libs cxmetrics) -o survey_grouped
 *   ./survey_grouped tests/data/survey-grouped/front_responses.csv
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cxmetrics.h>

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, cxm_error_last()->message);
	return 1;
}

/* Column `name` of the cells table (its schema is fixed: spec §18). */
static size_t col(const cxm_table *t, const char *name)
{
	size_t i = 0;
	cxm_table_column_index(&i, t, name);
	return i;
}

int main(int argc, char **argv)
{
	cxm_survey_opts *o = NULL;
	cxm_survey_report *r = NULL;
	cxm_table *cells = NULL;
	const char *path = argc > 1 ? argv[1] : "tests/data/survey-grouped/front_responses.csv";
	const char *const *channel, *const *period, *const *metric;
	const double *n, *score, *change, *p_adj, *suppressed;
	size_t i, rows;
	int rc = 1;

	if (cxm_survey_opts_new(&o) < 0 || cxm_survey_opts_add_group(o, "channel") < 0 ||
	    cxm_survey_opts_set_time(o, "timestamp", CXM_PERIOD_MONTH, 0) < 0 ||
	    cxm_survey_opts_set_scale(o, CXM_SURVEY_CES, 1, 7) < 0) { /* CES 2.0: agree = 5..7 */
		fail("options");
		goto done;
	}
	if (cxm_survey_report_from_csv(&r, path, o) < 0 || cxm_survey_report_cells(&cells, r) < 0) {
		fail(path);
		goto done;
	}
	channel = cxm_table_texts(cells, col(cells, "channel"));
	period = cxm_table_texts(cells, col(cells, "period"));
	metric = cxm_table_texts(cells, col(cells, "metric"));
	n = cxm_table_numbers(cells, col(cells, "n"));
	score = cxm_table_numbers(cells, col(cells, "score"));
	change = cxm_table_numbers(cells, col(cells, "change"));
	p_adj = cxm_table_numbers(cells, col(cells, "p_adjusted"));
	suppressed = cxm_table_numbers(cells, col(cells, "suppressed"));
	rows = cxm_table_rows(cells);
	printf("%zu responses; NPS by channel and month\n", cxm_survey_report_rows(r));
	printf("%-8s %-10s %5s %7s %7s %8s\n", "channel", "month", "n", "NPS", "change", "p(holm)");
	for (i = 0; i < rows; i++) {
		if (strcmp(metric[i], "nps") != 0)
			continue;
		if (suppressed[i] != 0) {
			printf("%-8s %-10s  (fewer than 10 answers: withheld)\n", channel[i], period[i]);
			continue;
		}
		printf("%-8s %-10s %5.0f %+7.1f", channel[i], period[i], n[i], score[i]);
		if (isnan(change[i]))
			printf(" %7s %8s\n", "-", "-");
		else
			printf(" %+7.1f %8.3f\n", change[i], p_adj[i]);
	}
	rc = 0;
done:
	cxm_table_free(cells);
	cxm_survey_report_free(r);
	cxm_survey_opts_free(o);
	return rc;
}
