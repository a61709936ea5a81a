/*
 * examples/c/journey.c - a shop's journey from its event log (spec §21-§26):
 * the visit-to-purchase funnel with its 7-day window, the monthly cohorts'
 * retention, and one self-contained HTML page of both.
 *
 *   cc journey.c $(pkg-config --cflags --libs cxmetrics) -o journey
 *   ./journey examples/data/journey_events.csv [OUT.html]
 */
#include <math.h>
#include <stdio.h>
#include <cxmetrics.h>

static int fail(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, cxm_error_last()->message);
	return 1;
}

/* Column `name` of a result table (the schemas are fixed: spec §22.3, §24.2). */
static const double *numbers(const cxm_table *t, const char *name)
{
	size_t i = 0;
	return cxm_table_column_index(&i, t, name) < 0 ? NULL : cxm_table_numbers(t, i);
}

int main(int argc, char **argv)
{
	static const char *const steps[] = { "visit", "view", "cart", "checkout", "purchase" };
	const char *path = argc > 1 ? argv[1] : "examples/data/journey_events.csv";
	cxm_events_opts *eo = NULL;
	cxm_events *log = NULL;
	cxm_funnel *f = NULL;
	cxm_cohort_opts *co = NULL;
	cxm_table *funnel = NULL, *cohorts = NULL;
	const double *customers, *conversion, *lower, *upper, *period, *retention;
	double window;
	char *html = NULL;
	size_t i;
	int rc = 1;

	/* the columns are customer_id, time, event (the defaults), and an amount on purchases */
	if (cxm_events_opts_new(&eo) < 0 || cxm_events_opts_add_value(eo, "amount") < 0)
		return fail("options");
	if (cxm_events_read_csv(&log, path, eo) < 0) {
		fail(path);
		goto done;
	}
	printf("%zu events of %zu customers\n", cxm_events_count(log), cxm_events_customers(log));

	/* every step within 7 days of the visit, in order, other events allowed between */
	if (cxm_duration_parse(&window, "7d") < 0 ||
	    cxm_funnel_run(&f, log, steps, sizeof steps / sizeof *steps, window, NULL) < 0 ||
	    cxm_funnel_steps(&funnel, f) < 0) {
		fail("funnel");
		goto done;
	}
	customers = numbers(funnel, "customers");
	conversion = numbers(funnel, "conversion");
	lower = numbers(funnel, "lower");
	upper = numbers(funnel, "upper");
	for (i = 0; i < cxm_table_rows(funnel); i++) {
		printf("%-9s %5.0f customers", steps[i], customers[i]);
		/* step 1 is 100 % by definition: no interval */
		if (!isnan(lower[i]))
			printf("  %5.1f %% of the step before [%5.1f, %5.1f]", conversion[i], lower[i], upper[i]);
		printf("\n");
	}

	/* cohorts by the month of the first event; revenue = purchases' amounts (others have none) */
	if (cxm_cohort_opts_new(&co) < 0 || cxm_cohort_opts_set_amount(co, "amount") < 0 ||
	    cxm_cohort_opts_set_nan_policy(co, CXM_NAN_OMIT) < 0 || cxm_cohort_table(&cohorts, log, co) < 0) {
		fail("cohort");
		goto done;
	}
	period = numbers(cohorts, "period");
	retention = numbers(cohorts, "retention");
	printf("retention one month after the first visit:");
	for (i = 0; i < cxm_table_rows(cohorts); i++)
		if (period[i] == 1)
			printf(" %.1f %%", retention[i]);
	printf("\n");

	if (argc > 2) {
		const cxm_table *page[] = { funnel, cohorts };
		FILE *out;
		if (cxm_journey_render_html(&html, page, 2, "Shop journey") < 0) {
			fail("html");
			goto done;
		}
		if (!(out = fopen(argv[2], "w")) || fputs(html, out) < 0 || fclose(out) != 0) {
			fprintf(stderr, "%s: cannot write\n", argv[2]);
			goto done;
		}
	}
	rc = 0;
done:
	cxm_free(html);
	cxm_table_free(cohorts);
	cxm_table_free(funnel);
	cxm_cohort_opts_free(co);
	cxm_funnel_free(f);
	cxm_events_free(log);
	cxm_events_opts_free(eo);
	return rc;
}
