/*
 * tests/fuzz/fuzz_journey.c - libFuzzer target for what runs on an event log
 * (spec §22-§24): funnels in the three modes, transitions, top paths,
 * touchpoints and cohorts, on whatever log the reader accepts.
 *
 * The input is 4 option bytes, then the CSV file (customer_id,time,event,
 * and a value column "amount" when bit 0 of byte 0 is set):
 *   byte 0   bit 0: the amount column; bits 1-3: the window, one of
 *            0, 1 s, 60 s, 1 h, 7 d, 30 d, 365 d, +inf; bits 4-5: 2 to 5 steps
 *   byte 1-3 the steps: event names of the log picked by these bytes (a name
 *            may repeat, as a funnel's steps may)
 *
 * The invariants (a broken one aborts through FUZZ_ASSERT):
 *  - every call succeeds on an accepted log, or fails with a documented code
 *    and a "NAME: ..." message (none is expected here);
 *  - per step, strict <= ordered <= any customers (a strict attempt is an
 *    ordered one; the events of an ordered attempt are in the window of an
 *    any-order one); in ordered and strict mode customers do not grow from a
 *    step to the next; step 1 has at most the log's customers; conversions and
 *    drop-offs are percentages;
 *  - one thread and three give the same steps table, bit for bit;
 *  - transitions count n - customers pairs; touchpoints' exits add up to the
 *    customers; cohort sizes add up to the customers (period 0 rows), and
 *    active <= customers in every cell.
 */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_common.h"
#include "events/events_internal.h"

static const double windows[] = { 0.0, 1.0, 60.0, 3600.0, 7 * 86400.0, 30 * 86400.0, 365 * 86400.0, INFINITY };

static const double *column(const cxm_table *t, const char *name)
{
	size_t c = 0;
	FUZZ_ASSERT(cxm_table_column_index(&c, t, name) == CXM_OK, "no column %s", name);
	return cxm_table_numbers(t, c);
}

/* The steps table of one run (mode, threads); the caller frees it. */
static cxm_table *run_funnel(const cxm_events *e, const char *const *steps, size_t k, double window, int mode,
			     unsigned threads)
{
	cxm_funnel_opts *o = NULL;
	cxm_funnel *f = NULL;
	cxm_table *t = NULL;
	int rc;
	FUZZ_ASSERT(cxm_funnel_opts_new(&o) == CXM_OK, "funnel opts");
	FUZZ_ASSERT(cxm_funnel_opts_set_mode(o, mode) == CXM_OK, "mode");
	FUZZ_ASSERT(cxm_funnel_opts_set_threads(o, threads) == CXM_OK, "threads");
	rc = cxm_funnel_run(&f, e, steps, k, window, o);
	if (rc < 0)
		fuzz_check_error(rc, "cxm_funnel_run");
	FUZZ_ASSERT(rc == CXM_OK, "funnel: %s", cxm_error_last()->message);
	FUZZ_ASSERT(cxm_funnel_steps(&t, f) == CXM_OK, "steps: %s", cxm_error_last()->message);
	FUZZ_ASSERT(cxm_table_rows(t) == k, "%zu rows for %zu steps", cxm_table_rows(t), k);
	cxm_funnel_free(f);
	cxm_funnel_opts_free(o);
	return t;
}

static void check_funnels(const cxm_events *e, const uint8_t *opt)
{
	const char *steps[5];
	cxm_table *by_mode[3], *three;
	size_t k = 2 + ((opt[0] >> 4) & 3), j;
	double window = windows[(opt[0] >> 1) & 7];
	int m;
	for (j = 0; j < k; j++)
		steps[j] = e->event_names.str[opt[1 + j % 3] * (j + 1) % e->event_names.count];
	for (m = 0; m < 3; m++)
		by_mode[m] = run_funnel(e, steps, k, window, m, 1);
	for (j = 0; j < k; j++) {
		double strict = column(by_mode[CXM_FUNNEL_STRICT], "customers")[j];
		double ordered = column(by_mode[CXM_FUNNEL_ORDERED], "customers")[j];
		double any = column(by_mode[CXM_FUNNEL_ANY], "customers")[j];
		FUZZ_ASSERT(strict <= ordered && ordered <= any, "step %zu: strict %g, ordered %g, any %g", j + 1,
			    strict, ordered, any);
		FUZZ_ASSERT(any <= (double)e->n_customers, "step %zu: %g customers of %zu", j + 1, any,
			    e->n_customers);
		for (m = 0; m < 3; m++) {
			double conv = column(by_mode[m], "conversion")[j], drop = column(by_mode[m], "drop_off")[j];
			FUZZ_ASSERT(isnan(conv) || (conv >= 0.0 && conv <= 100.0), "conversion %g", conv);
			FUZZ_ASSERT(isnan(drop) || (drop >= 0.0 && drop <= 100.0), "drop-off %g", drop);
			if (m != CXM_FUNNEL_ANY && j > 0)
				FUZZ_ASSERT(column(by_mode[m], "customers")[j] <= column(by_mode[m], "customers")[j - 1],
					    "mode %d: customers grow at step %zu", m, j + 1);
		}
	}
	three = run_funnel(e, steps, k, window, CXM_FUNNEL_ORDERED, 3);
	for (j = 0; j < k; j++) {
		static const char *const cols[] = { "customers", "conversion", "mean_seconds_to_next",
						    "median_seconds_to_next", "p90_seconds_to_next" };
		size_t c;
		for (c = 0; c < sizeof cols / sizeof *cols; c++) {
			double x = column(by_mode[CXM_FUNNEL_ORDERED], cols[c])[j], y = column(three, cols[c])[j];
			FUZZ_ASSERT(memcmp(&x, &y, sizeof x) == 0, "%s of step %zu: %g with 1 thread, %g with 3",
				    cols[c], j + 1, x, y);
		}
	}
	cxm_table_free(three);
	for (m = 0; m < 3; m++)
		cxm_table_free(by_mode[m]);
}

static void check_paths_and_cohorts(const cxm_events *e, int with_amount)
{
	cxm_table *t = NULL;
	cxm_cohort_opts *co = NULL;
	const double *x, *y;
	double sum = 0.0;
	size_t i;
	int rc;
	FUZZ_ASSERT(cxm_paths_transitions(&t, e) == CXM_OK, "transitions: %s", cxm_error_last()->message);
	for (x = column(t, "count"), i = 0; i < cxm_table_rows(t); i++)
		sum += x[i];
	FUZZ_ASSERT(sum == (double)(e->n - e->n_customers), "%g transitions of %zu events, %zu customers", sum, e->n,
		    e->n_customers);
	cxm_table_free(t);
	t = NULL;
	FUZZ_ASSERT(cxm_paths_top(&t, e, e->event_names.str[0], CXM_PATHS_FROM, 3, 10) == CXM_OK || t == NULL,
		    "top paths");
	cxm_table_free(t);
	t = NULL;
	FUZZ_ASSERT(cxm_touchpoints(&t, e, NULL) == CXM_OK, "touchpoints: %s", cxm_error_last()->message);
	for (sum = 0.0, x = column(t, "exits"), i = 0; i < cxm_table_rows(t); i++)
		sum += x[i];
	FUZZ_ASSERT(sum == (double)e->n_customers, "%g exits of %zu customers", sum, e->n_customers);
	cxm_table_free(t);
	t = NULL;
	FUZZ_ASSERT(cxm_cohort_opts_new(&co) == CXM_OK, "cohort opts");
	if (with_amount) {
		FUZZ_ASSERT(cxm_cohort_opts_set_amount(co, "amount") == CXM_OK, "amount");
		FUZZ_ASSERT(cxm_cohort_opts_set_nan_policy(co, CXM_NAN_OMIT) == CXM_OK, "omit");
	}
	rc = cxm_cohort_table(&t, e, co);
	if (rc < 0) {
		/* an infinite amount is refused (BAD_ARG); nothing else may fail */
		fuzz_check_error(rc, "cxm_cohort_table");
		FUZZ_ASSERT(with_amount && rc == CXM_EBAD_ARG, "cohort: %s", cxm_error_last()->message);
	} else {
		for (sum = 0.0, x = column(t, "period"), y = column(t, "customers"), i = 0; i < cxm_table_rows(t); i++)
			if (x[i] == 0.0)
				sum += y[i];
		FUZZ_ASSERT(sum == (double)e->n_customers, "cohorts of %g customers, the log has %zu", sum,
			    e->n_customers);
		for (x = column(t, "active"), i = 0; i < cxm_table_rows(t); i++)
			FUZZ_ASSERT(x[i] <= y[i], "active %g of %g", x[i], y[i]);
	}
	cxm_table_free(t);
	cxm_cohort_opts_free(co);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cxm_events_opts *o = NULL;
	cxm_events *e = NULL;
	const char *path;
	if (size < 4)
		return 0;
	path = fuzz_file_write(data + 4, size - 4);
	FUZZ_ASSERT(cxm_events_opts_new(&o) == CXM_OK, "opts_new");
	if (data[0] & 1)
		FUZZ_ASSERT(cxm_events_opts_add_value(o, "amount") == CXM_OK, "add_value");
	FUZZ_ASSERT(cxm_events_opts_set_skip_bad_rows(o, 1) == CXM_OK, "skip");
	/* the reader has its own target (fuzz_events): a file it refuses ends here */
	if (cxm_events_read_csv(&e, path, o) == CXM_OK) {
		check_funnels(e, data);
		check_paths_and_cohorts(e, data[0] & 1);
	}
	cxm_events_free(e);
	cxm_events_opts_free(o);
	return 0;
}
