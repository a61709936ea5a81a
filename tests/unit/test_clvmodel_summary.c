/*
 * tests/unit/test_clvmodel_summary.c - check suite for the CLV summary table
 * (cxm_clv_summary_from_transactions): the CDNOW sample against the summaries
 * lifetimes ships (tests/data/cdnow/README.md), hand-checkable logs for
 * same-day purchases, holdout periods, dropped customers, the time units and
 * a calibration end taken from the data, every error, and out-of-memory
 * loops; fits and predictions on summary tables against the anchors; and
 * fitted models to and from JSON (texts known by hand).
 */
#define CXM_EXPERIMENTAL /* cxm_table_read_csv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "cdnow.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* ---- helpers ------------------------------------------------------------- */

static double day_of(const char *iso)
{
	double d = 0.0;
	ck_assert_status(cxm_date_parse(&d, iso), CXM_OK);
	return d;
}

/* A summary's column by name (NUMBER), borrowed from the table. */
static const double *col(const cxm_table *t, const char *name)
{
	size_t i = 99;
	ck_assert_status(cxm_table_column_index(&i, t, name), CXM_OK);
	ck_assert_ptr_nonnull(cxm_table_numbers(t, i));
	return cxm_table_numbers(t, i);
}

/* The ids of a summary (column 0, "id"). */
static const char *const *ids_of(const cxm_table *t)
{
	ck_assert_str_eq(cxm_table_column_name(t, 0), "id");
	return cxm_table_texts(t, 0);
}

/* Index of customer `id` in the summary, or the row count when absent. */
static size_t find_id(const cxm_table *t, const char *id)
{
	const char *const *ids = ids_of(t);
	size_t i, n = cxm_table_rows(t);
	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return i;
	return n;
}

static double attr(const cxm_table *t, const char *name)
{
	double x = -12345.0;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/* The six columns of a summary (the holdout two NULL without a holdout). */
typedef struct cols {
	const double *f, *r, *T, *m, *hf, *hm;
} cols;

static cols cols_of(const cxm_table *t)
{
	cols c;
	c.f = col(t, "frequency");
	c.r = col(t, "recency");
	c.T = col(t, "T");
	c.m = col(t, "monetary_value");
	c.hf = cxm_table_column_count(t) == 7 ? col(t, "holdout_frequency") : NULL;
	c.hm = cxm_table_column_count(t) == 7 ? col(t, "holdout_monetary_value") : NULL;
	return c;
}

/* ---- CDNOW: the sample log against lifetimes' shipped summaries ------------ */

#define CDNOW_CUSTOMERS 2357
#define CDNOW_ROWS 6919

/* CDNOW_sample.txt, read with plain C: whitespace-separated (CRLF, leading
 * spaces), columns master id, sample id, YYYYMMDD, number of CDs, dollars. The
 * sample id is the customer id of the shipped summaries. */
typedef struct cdnow_log {
	char (*id)[8];
	const char **ids;
	double *days, *amounts;
	size_t n;
} cdnow_log;

static cdnow_log read_cdnow_sample(void)
{
	FILE *f = open_cdnow("CDNOW_sample.txt");
	cdnow_log log;
	long master, sample, date, cds;
	double dollars;
	size_t cap = CDNOW_ROWS;
	log.id = malloc(cap * sizeof *log.id);
	log.ids = malloc(cap * sizeof *log.ids);
	log.days = malloc(cap * sizeof *log.days);
	log.amounts = malloc(cap * sizeof *log.amounts);
	ck_assert(log.id && log.ids && log.days && log.amounts);
	log.n = 0;
	while (fscanf(f, "%ld %ld %ld %ld %lf", &master, &sample, &date, &cds, &dollars) == 5) {
		char iso[64];
		ck_assert_msg(log.n < cap, "CDNOW_sample.txt has more than %zu rows", cap);
		ck_assert(sample >= 1 && sample <= CDNOW_CUSTOMERS);
		snprintf(log.id[log.n], sizeof log.id[log.n], "%ld", sample);
		snprintf(iso, sizeof iso, "%04ld-%02ld-%02ld", date / 10000, date / 100 % 100, date % 100);
		log.ids[log.n] = log.id[log.n];
		log.days[log.n] = day_of(iso);
		log.amounts[log.n] = dollars;
		log.n++;
	}
	ck_assert_msg(feof(f), "CDNOW_sample.txt: unreadable row after %zu rows", log.n);
	fclose(f);
	ck_assert_uint_eq(log.n, CDNOW_ROWS);
	return log;
}

static void cdnow_log_free(cdnow_log *log)
{
	free(log->id);
	free(log->ids);
	free(log->days);
	free(log->amounts);
}

/* Skip a header line. */
static void skip_line(FILE *f)
{
	int ch;
	while ((ch = fgetc(f)) != EOF && ch != '\n')
		;
}

/* Hundredths, as the shipped files round (never a tie here: day counts / 7). */
static long cents(double x)
{
	return lround(x * 100.0);
}

START_TEST(test_cdnow_sample_weeks)
{
	static double exp_f[CDNOW_CUSTOMERS + 1], exp_r[CDNOW_CUSTOMERS + 1], exp_T[CDNOW_CUSTOMERS + 1];
	static double zbar[CDNOW_CUSTOMERS + 1], x[CDNOW_CUSTOMERS + 1], t_x[CDNOW_CUSTOMERS + 1];
	static int seen[CDNOW_CUSTOMERS + 1];
	cdnow_log log = read_cdnow_sample();
	cxm_table *s = NULL;
	double cal_end = day_of("1997-09-30"), sum_f = 0.0, T2;
	size_t i, n, repeaters = 0, half_cent = 0, rows = 0;
	long id;
	FILE *f;
	cols c;

	/* cdnow_customers_summary.csv: ID,frequency,recency,T */
	f = open_cdnow("cdnow_customers_summary.csv");
	skip_line(f);
	while (fscanf(f, "%ld,", &id) == 1) {
		ck_assert(id >= 1 && id <= CDNOW_CUSTOMERS);
		ck_assert_int_eq(fscanf(f, "%lf,%lf,%lf", &exp_f[id], &exp_r[id], &exp_T[id]), 3);
		rows++;
	}
	fclose(f);
	ck_assert_uint_eq(rows, CDNOW_CUSTOMERS);
	/* cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar */
	f = open_cdnow("cdnow_customers_summary_with_transactions.csv");
	skip_line(f);
	rows = 0;
	while (fscanf(f, "%ld,", &id) == 1) {
		ck_assert(id >= 1 && id <= CDNOW_CUSTOMERS);
		ck_assert_int_eq(fscanf(f, "%lf,%lf,%lf,%lf", &x[id], &t_x[id], &T2, &zbar[id]), 4);
		rows++;
	}
	fclose(f);
	ck_assert_uint_eq(rows, CDNOW_CUSTOMERS);

	ck_assert_status(cxm_clv_summary_from_transactions(&s, log.ids, log.n, log.days, log.n, log.amounts,
							   log.n, cal_end, cal_end, CXM_CLV_WEEKS),
			 CXM_OK);
	n = cxm_table_rows(s);
	ck_assert_uint_eq(n, CDNOW_CUSTOMERS);
	ck_assert(attr(s, "dropped") == 0);
	ck_assert(attr(s, "holdout_duration") == 0.0);
	c = cols_of(s);
	for (i = 0; i < n; i++) {
		const char *sid = ids_of(s)[i];
		id = strtol(sid, NULL, 10);
		ck_assert_msg(id >= 1 && id <= CDNOW_CUSTOMERS && !seen[id], "unexpected id %s", sid);
		seen[id] = 1;
		/* byte order of the ids, not numeric: "10" < "2" */
		if (i > 0)
			ck_assert(strcmp(ids_of(s)[i - 1], sid) < 0);
		ck_assert_msg(c.f[i] == exp_f[id], "id %ld: frequency %g, expected %g", id, c.f[i], exp_f[id]);
		ck_assert_msg(cents(c.r[i]) == cents(exp_r[id]), "id %ld: recency %.17g, expected %.2f", id,
			      c.r[i], exp_r[id]);
		ck_assert_msg(cents(c.T[i]) == cents(exp_T[id]), "id %ld: T %.17g, expected %.2f", id, c.T[i],
			      exp_T[id]);
		/* Hardie's file: the same x and t_x, and zbar to within the half
		 * cent the file rounds differently (README) */
		ck_assert(c.f[i] == x[id]);
		ck_assert(cents(c.r[i]) == cents(t_x[id]));
		ck_assert_msg(fabs(c.m[i] - zbar[id]) <= 0.01 + 1e-9, "id %ld: monetary %.17g, zbar %.2f", id,
			      c.m[i], zbar[id]);
		if (cents(c.m[i]) != cents(zbar[id]))
			half_cent++;
		if (c.f[i] == 0.0)
			ck_assert(c.m[i] == 0.0);
		ck_assert(c.hf[i] == 0.0 && c.hm[i] == 0.0);
		sum_f += c.f[i];
		repeaters += c.f[i] > 0.0;
	}
	/* anchors §2: sum of frequency 2457, 946 customers with x > 0 */
	ck_assert(sum_f == 2457.0);
	ck_assert_uint_eq(repeaters, 946);
	/* the half-cent differences the README describes, and no others */
	ck_assert_uint_le(half_cent, 77);
	/* Customer 1 by hand from the log: first purchase 1997-01-01, repeat days
	 * 1997-01-18 (29.73) and 1997-08-02 (14.96): x = 2, t_x = 213 / 7 weeks,
	 * T = 272 / 7 weeks, mean 22.345 (the file rounds it to 22.35). */
	i = find_id(s, "1");
	ck_assert_uint_lt(i, n);
	ck_assert(c.f[i] == 2.0);
	ck_assert_close(c.r[i], 213.0 / 7.0);
	ck_assert_close(c.T[i], 272.0 / 7.0);
	ck_assert_close(c.m[i], (29.73 + 14.96) / 2.0);
	cxm_table_free(s);
	cdnow_log_free(&log);
}
END_TEST

/* The same log with a holdout to the end of the data (1998-06-30): the
 * calibration columns do not move; every holdout purchase day is counted. */
START_TEST(test_cdnow_sample_holdout)
{
	cdnow_log log = read_cdnow_sample();
	cxm_table *cal = NULL, *hold = NULL;
	double cal_end = day_of("1997-09-30"), obs_end = day_of("1998-06-30");
	size_t i, n;
	cols a, b;
	ck_assert_status(cxm_clv_summary_from_transactions(&cal, log.ids, log.n, log.days, log.n, log.amounts,
							   log.n, cal_end, cal_end, CXM_CLV_WEEKS),
			 CXM_OK);
	ck_assert_status(cxm_clv_summary_from_transactions(&hold, log.ids, log.n, log.days, log.n,
							   log.amounts, log.n, cal_end, obs_end,
							   CXM_CLV_WEEKS),
			 CXM_OK);
	n = cxm_table_rows(hold);
	ck_assert_uint_eq(n, CDNOW_CUSTOMERS);
	/* 1997-09-30 .. 1998-06-30 is 273 days = 39 weeks */
	ck_assert_close(attr(hold, "holdout_duration"), 39.0);
	a = cols_of(cal);
	b = cols_of(hold);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(ids_of(cal)[i], ids_of(hold)[i]);
		ck_assert(a.f[i] == b.f[i] && a.r[i] == b.r[i] && a.T[i] == b.T[i] && a.m[i] == b.m[i]);
		ck_assert(b.hf[i] >= 0.0 && (b.hf[i] > 0.0 || b.hm[i] == 0.0));
	}
	/* Customer 1's holdout, by hand from the log: one purchase, on
	 * 1997-12-12 (26.48). */
	i = find_id(hold, "1");
	ck_assert(b.hf[i] == 1.0);
	ck_assert(b.hm[i] == 26.48);
	cxm_table_free(cal);
	cxm_table_free(hold);
	cdnow_log_free(&log);
}
END_TEST

/* ---- hand-made logs ---------------------------------------------------------- */

/*
 * Customer "a": day 0 (10 + 5), day 3 (7 + 1), day 10 (4), then holdout days
 * 20 (2 + 3) and 25 (1), and day 40 (100) after the observation end.
 * Customer "b": one purchase, day 7 (9). Customer "c" starts on day 15, inside
 * the holdout; "d" on day 50, after it: both are dropped.
 */
static const char *const hand_ids[] = { "a", "b", "a", "c", "a", "a", "a", "a", "a", "a", "d", "a", "c" };
static const double hand_days[] = { 3, 7, 0, 15, 0, 10, 3, 20, 25, 40, 50, 20, 16 };
static const double hand_amounts[] = { 7, 9, 10, 6, 5, 4, 1, 2, 1, 100, 8, 3, 6 };
#define HAND_N N_OF(hand_ids)

START_TEST(test_same_day_and_holdout)
{
	cxm_table *s = NULL;
	const char *period = NULL;
	char *text = NULL;
	cols c;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N,
							   hand_amounts, HAND_N, 14, 28, CXM_CLV_DAYS),
			 CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(s), 2);
	ck_assert(attr(s, "dropped") == 2);
	ck_assert_str_eq(ids_of(s)[0], "a");
	ck_assert_str_eq(ids_of(s)[1], "b");
	ck_assert(attr(s, "holdout_duration") == 14.0);
	ck_assert(attr(s, "calibration_end") == 14.0 && attr(s, "observation_end") == 28.0);
	ck_assert_status(cxm_table_get_attr_text(&period, s, "period"), CXM_OK);
	ck_assert_str_eq(period, "day");
	ck_assert_str_eq(cxm_table_row_name(s), "customers");
	c = cols_of(s);
	ck_assert_ptr_nonnull(c.hf);
	/* a: two repeat days (3 and 10; day 0's second purchase is not one),
	 * recency 10, T 14, mean of the repeat days' totals (8 + 4) / 2 */
	ck_assert(c.f[0] == 2.0 && c.r[0] == 10.0 && c.T[0] == 14.0 && c.m[0] == 6.0);
	/* holdout: days 20 and 25 (40 is after the observation end), (5 + 1) / 2 */
	ck_assert(c.hf[0] == 2.0 && c.hm[0] == 3.0);
	/* b: no repeat purchase, so recency and monetary value are 0 */
	ck_assert(c.f[1] == 0.0 && c.r[1] == 0.0 && c.T[1] == 7.0 && c.m[1] == 0.0 && c.hf[1] == 0.0 &&
		  c.hm[1] == 0.0);
	/* the table as cxm clv summary writes it: the same numbers, by hand */
	ck_assert_status(cxm_table_render(&text, s, CXM_FORMAT_CSV), CXM_OK);
	ck_assert_str_eq(text, "id,frequency,recency,T,monetary_value,holdout_frequency,holdout_monetary_value\n"
			       "a,2,10,14,6,2,3\nb,0,0,7,0,0,0\n");
	cxm_free(text);
	ck_assert_status(cxm_table_render(&text, s, CXM_FORMAT_JSON), CXM_OK);
	ck_assert_str_eq(text, "{\n  \"period\": \"day\",\n  \"calibration_end\": \"1970-01-15\",\n"
			       "  \"observation_end\": \"1970-01-29\",\n  \"holdout_duration\": 14,\n  \"dropped\": 2,\n"
			       "  \"n_customers\": 2,\n  \"customers\": [\n"
			       "    {\"id\": \"a\", \"frequency\": 2, \"recency\": 10, \"T\": 14, \"monetary_value\": 6, "
			       "\"holdout_frequency\": 2, \"holdout_monetary_value\": 3},\n"
			       "    {\"id\": \"b\", \"frequency\": 0, \"recency\": 0, \"T\": 7, \"monetary_value\": 0, "
			       "\"holdout_frequency\": 0, \"holdout_monetary_value\": 0}\n  ]\n}\n");
	cxm_free(text);
	cxm_table_free(s);
}
END_TEST

START_TEST(test_weeks_no_holdout_no_amounts)
{
	cxm_table *s = NULL;
	cols c;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, NULL, 0,
							   14, NAN, CXM_CLV_WEEKS),
			 CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(s), 2);
	/* without a holdout, "c" and "d" still start after the calibration end */
	ck_assert(attr(s, "dropped") == 2);
	/* no holdout: no holdout columns, observation_end = calibration_end */
	ck_assert_uint_eq(cxm_table_column_count(s), 5);
	ck_assert(attr(s, "holdout_duration") == 0.0);
	ck_assert(attr(s, "observation_end") == 14.0);
	c = cols_of(s);
	ck_assert_ptr_null(c.hf);
	ck_assert(c.f[0] == 2.0);
	ck_assert_close(c.r[0], 10.0 / 7.0);
	ck_assert(c.T[0] == 2.0 && c.T[1] == 1.0);
	ck_assert(c.m[0] == 0.0 && c.m[1] == 0.0);
	cxm_table_free(s);
}
END_TEST

/* A NaN calibration end is the last transaction day: day 50 here (d's
 * purchase, after which nobody is dropped), with day 40 and 50 now in the
 * calibration period. a: repeat days 3, 10, 20, 25, 40 (5), recency 40, T 50;
 * b: T 43; c: days 15, 16, one repeat, recency 1, T 35; d: T 0. */
START_TEST(test_calibration_end_from_data)
{
	cxm_table *s = NULL;
	cols c;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, hand_amounts,
							   HAND_N, NAN, NAN, CXM_CLV_DAYS),
			 CXM_OK);
	ck_assert(attr(s, "calibration_end") == 50.0 && attr(s, "dropped") == 0);
	ck_assert_uint_eq(cxm_table_rows(s), 4);
	c = cols_of(s);
	ck_assert(c.f[0] == 5.0 && c.r[0] == 40.0 && c.T[0] == 50.0);
	/* a's repeat days' totals: 8, 4, 5, 1, 100 */
	ck_assert(c.m[0] == 118.0 / 5.0);
	ck_assert(c.f[1] == 0.0 && c.T[1] == 43.0);
	ck_assert(c.f[2] == 1.0 && c.r[2] == 1.0 && c.T[2] == 35.0 && c.m[2] == 6.0);
	ck_assert(c.f[3] == 0.0 && c.T[3] == 0.0);
	cxm_table_free(s);
	/* and with an observation end it is still the last day, holdout empty */
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, hand_amounts,
							   HAND_N, NAN, 60, CXM_CLV_DAYS),
			 CXM_OK);
	ck_assert(attr(s, "calibration_end") == 50.0 && attr(s, "holdout_duration") == 10.0);
	cxm_table_free(s);
	/* ... which must not come before it */
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, hand_amounts,
							   HAND_N, NAN, 45, CXM_CLV_DAYS),
			 CXM_EBAD_ARG);
	assert_message_has("observation_end = 45 (1970-02-15) is before calibration_end = 50 (1970-02-20)");
	ck_assert_ptr_null(s);
}
END_TEST

/* A month is 365.25 / 12 days: four years (1461 days) are exactly 48. */
START_TEST(test_months)
{
	static const char *const ids[] = { "m", "m", "m", "n" };
	static const double days[] = { 0, 1461, 2922, 1461 };
	static const double amounts[] = { 1, 2, 3, 4 };
	const char *period = NULL;
	cxm_table *s = NULL;
	cols c;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, ids, 4, days, 4, amounts, 4, 1461, 2922,
							   CXM_CLV_MONTHS),
			 CXM_OK);
	c = cols_of(s);
	ck_assert(c.f[0] == 1.0 && c.r[0] == 48.0 && c.T[0] == 48.0 && c.m[0] == 2.0);
	ck_assert(c.hf[0] == 1.0 && c.hm[0] == 3.0);
	/* n's first purchase is on the calibration end itself: kept, T = 0 */
	ck_assert(c.f[1] == 0.0 && c.r[1] == 0.0 && c.T[1] == 0.0);
	ck_assert(attr(s, "holdout_duration") == 48.0);
	ck_assert_status(cxm_table_get_attr_text(&period, s, "period"), CXM_OK);
	ck_assert_str_eq(period, "month");
	cxm_table_free(s);
}
END_TEST

/* Ids in byte order (strcmp), whatever the input order; refunds are amounts too. */
START_TEST(test_byte_order_and_refunds)
{
	static const char *const ids[] = { "b", "a", "B", "10", "9", "\xc3\xa9", "a", "a" };
	static const double days[] = { 1, 1, 1, 1, 1, 1, 2, 3 };
	static const double amounts[] = { 1, 5, 1, 1, 1, 1, -5, 2.5 };
	static const char *const order[] = { "10", "9", "B", "a", "b", "\xc3\xa9" };
	cxm_table *s = NULL;
	size_t i;
	cols c;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, ids, 8, days, 8, amounts, 8, 3, 3, CXM_CLV_DAYS),
			 CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(s), 6);
	for (i = 0; i < 6; i++)
		ck_assert_str_eq(ids_of(s)[i], order[i]);
	c = cols_of(s);
	ck_assert(c.f[3] == 2.0 && c.m[3] == (-5.0 + 2.5) / 2.0);
	cxm_table_free(s);
}
END_TEST

/* ---- errors ------------------------------------------------------------------ */

/* A call that must fail with `code`, leave *out NULL and name `needle`. */
#define assert_fails(code, needle, ids, n_ids, days, n_days, amounts, n_amounts, cal, obs, period)      \
	do {                                                                                       \
		cxm_table *s_ = (cxm_table *)&s_;                                                  \
		ck_assert_status(cxm_clv_summary_from_transactions(&s_, ids, n_ids, days, n_days,  \
								   amounts, n_amounts, cal, obs,   \
								   period),                        \
				 code);                                                            \
		ck_assert_ptr_null(s_);                                                            \
		assert_message_has(needle);                                                        \
	} while (0)

START_TEST(test_errors)
{
	static const char *const ids[] = { "a", "b", "a" };
	static const char *const null_id[] = { "a", NULL, "a" };
	static const double days[] = { 0, 1, 2 };
	static const double amounts[] = { 1, 2, 3 };
	double bad[3] = { 0, 1, 2 };

	ck_assert_status(cxm_clv_summary_from_transactions(NULL, ids, 3, days, 3, amounts, 3, 5, 5, 0),
			 CXM_EBAD_ARG);
	assert_message_has("out");
	assert_fails(CXM_EBAD_ARG, "customer_ids is NULL", NULL, 3, days, 3, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "days is NULL", ids, 3, NULL, 3, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "amounts is NULL", ids, 3, days, 3, NULL, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "3 and 2 entries", ids, 3, days, 2, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "amounts has 2 entries", ids, 3, days, 3, amounts, 2, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "customer_ids[1] (row 2) is missing (NULL)", null_id, 3, days, 3, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "period is 3, which is not one of its values (day, week or month)", ids, 3,
		     days, 3, amounts, 3, 5, 5, 3);
	assert_fails(CXM_EBAD_ARG, "period is -1", ids, 3, days, 3, amounts, 3, 5, 5, -1);
	assert_fails(CXM_EBAD_ARG, "calibration_end = 4.5", ids, 3, days, 3, amounts, 3, 4.5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "calibration_end = inf", ids, 3, days, 3, amounts, 3, INFINITY, 5, 0);
	assert_fails(CXM_EBAD_ARG, "observation_end = inf", ids, 3, days, 3, amounts, 3, 5, INFINITY, 0);
	assert_fails(CXM_EBAD_ARG, "observation_end = 2932897 is not a day of the years 0001..9999", ids, 3, days,
		     3, amounts, 3, 5, 2932897, 0);
	assert_fails(CXM_EBAD_ARG, "observation_end = 4 (1970-01-05) is before calibration_end = 5 (1970-01-06)",
		     ids, 3, days, 3, amounts, 3, 5, 4, 0);
	bad[2] = 1.5;
	assert_fails(CXM_EBAD_ARG, "customer 'a' (row 3): days[2] = 1.5", ids, 3, bad, 3, amounts, 3, 5, 5, 0);
	bad[2] = -INFINITY;
	assert_fails(CXM_EBAD_ARG, "days[2] = -inf", ids, 3, bad, 3, amounts, 3, 5, 5, 0);
	bad[2] = -1e7; /* a whole number, but no date */
	assert_fails(CXM_EBAD_ARG, "days[2] = -10000000 is not a day of the years 0001..9999", ids, 3, bad, 3,
		     amounts, 3, 5, 5, 0);
	bad[2] = NAN;
	assert_fails(CXM_ENAN, "customer 'a' (row 3): days[2] is NaN", ids, 3, bad, 3, amounts, 3, 5, 5, 0);
	bad[0] = 1;
	bad[1] = NAN;
	bad[2] = 1;
	assert_fails(CXM_ENAN, "customer 'b' (row 2): amounts[1] is NaN", ids, 3, days, 3, bad, 3, 5, 5, 0);
	bad[1] = -INFINITY;
	assert_fails(CXM_EOUT_OF_RANGE, "customer 'b' (row 2): amounts[1] = -inf is infinite", ids, 3, days, 3, bad, 3, 5, 5, 0);
	/* finite amounts whose repeat-day total overflows */
	bad[0] = 1;
	bad[1] = 1e308;
	bad[2] = 1e308;
	{
		static const char *const one[] = { "z", "z", "z" };
		static const double d3[] = { 0, 1, 1 };
		assert_fails(CXM_EOUT_OF_RANGE, "customer \"z\"", one, 3, d3, 3, bad, 3, 5, 5, 0);
	}
	assert_fails(CXM_EEMPTY, "no transactions", NULL, 0, NULL, 0, NULL, 0, 5, 5, 0);
	assert_fails(CXM_EEMPTY, "no transactions", NULL, 0, NULL, 0, NULL, 0, NAN, NAN, 0);
	/* the message gives the calibration end as a date */
	assert_fails(CXM_EEMPTY, "on or before calibration_end 1969-12-31 (day -1; all 2 customers start later)",
		     ids, 3, days, 3, amounts, 3, -1, 5, 0);
}
END_TEST

/* ---- out of memory -------------------------------------------------------------- */

START_TEST(test_oom)
{
	cxm_table *s = NULL;
	long k;
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, hand_amounts,
						       HAND_N, 14, 28, CXM_CLV_DAYS);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_table_rows(s), 2);
			cxm_table_free(s);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(s);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_ge(k, 10); /* rows, ids, the table, its columns and attributes */
}
END_TEST

/* ---- fits and predictions on summary tables (cxm_clv_fit_table, cxm_clv_predict_table) ---- */

/* The anchors (shared/anchors/README.md section 2; tests/cli/run_clv_cli_tests.py
 * checks the same through cxm): the tight optima of the CDNOW summaries and
 * lifetimes' parameters, with their predictions. */
static const double bg_tight[4] = { 0.2425929072044656, 4.413531561205421, 0.7928861480987858,
				    2.4257534364936904 };
static const double bg_lifetimes[4] = { 0.24259292827982198, 4.413532265271817, 0.7928859664406002,
					2.4257523826255123 };
static const double gg_tight[3] = { 6.248802489706987, 3.7445884532878337, 15.44774800947096 };
static const double gg_lifetimes[3] = { 6.248802496077898, 3.744588460922642, 15.447748064920148 };
static const double bgbb_tight[4] = { 1.2035223516003593, 0.7497163581727705, 0.6567182084490306,
				      2.7834422326190307 };
static const double bgbb_lifetimes[4] = { 1.203522393608002, 0.7497163581757513, 0.6567181695499895,
					  2.783441982887859 };

static cxm_clv_fit_result known_fit(int model, const double *params, size_t n)
{
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT;
	ck_assert_status(cxm_clv_fit_result_from_params(&f, model, params, n), CXM_OK);
	return f;
}

/* A CSV file of tests/data/cdnow read into a table: the columns named, as numbers
 * (TEXT for "ID"), all required. */
static cxm_table *read_cdnow_table(const char *file, const char *const *names, size_t n)
{
	cxm_csv_spec *spec = NULL;
	cxm_table *t = NULL;
	char sub[256];
	size_t i;
	snprintf(sub, sizeof sub, "cdnow/%s", file);
	ck_assert_status(cxm_csv_spec_new(&spec), CXM_OK);
	for (i = 0; i < n; i++)
		ck_assert_status(cxm_csv_spec_add_column(spec, names[i],
							 strcmp(names[i], "ID") == 0 ? CXM_TABLE_TEXT : CXM_TABLE_NUMBER,
							 CXM_CSV_REQUIRED),
				 CXM_OK);
	ck_assert_status(cxm_table_read_csv(&t, data_path(sub), spec), CXM_OK);
	cxm_csv_spec_free(spec);
	return t;
}

/* The sum of a NUMBER column. */
static double column_sum(const cxm_table *t, const char *name)
{
	const double *v = col(t, name);
	double s = 0.0;
	size_t i;
	for (i = 0; i < cxm_table_rows(t); i++)
		s += v[i];
	return s;
}

/* cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar) under
 * lifetimes' names, as load_cdnow_summary_data_with_monetary_value renames them. */
static cxm_table *cdnow_monetary_table(void)
{
	static double x[CDNOW_N], tx[CDNOW_N], T[CDNOW_N], m[CDNOW_N];
	cxm_table *t = NULL;
	cdnow_read_summary("cdnow_customers_summary_with_transactions.csv", x, tx, T, m);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "frequency", x, CDNOW_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "recency", tx, CDNOW_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "T", T, CDNOW_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "monetary_value", m, CDNOW_N), CXM_OK);
	return t;
}

START_TEST(test_fit_table_anchors)
{
	static const char *const summary_cols[] = { "ID", "frequency", "recency", "T" };
	static const char *const donation_cols[] = { "frequency", "recency", "periods", "weights" };
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_table *t = read_cdnow_table("cdnow_customers_summary.csv", summary_cols, 4);
	size_t i;
	ck_assert_uint_eq(cxm_table_rows(t), CDNOW_N);
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_BGNBD, t, NULL), CXM_OK);
	for (i = 0; i < 4; i++)
		assert_rel(r.params[i], bg_tight[i], 1e-6);
	assert_abs(r.loglik, -9582.425560567366, 1e-6);
	ck_assert_uint_eq(r.n_customers, CDNOW_N);
	ck_assert_int_eq(r.converged, 1);
	/* Gamma-Gamma reads frequency and monetary_value: 946 repeat buyers */
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_GG, t, NULL), CXM_EBAD_ARG);
	assert_message_has("summary: no column 'monetary_value' in the table; its columns are: ID, frequency, "
			   "recency, T");
	cxm_table_free(t);
	t = cdnow_monetary_table();
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_GG, t, NULL), CXM_OK);
	for (i = 0; i < 3; i++)
		assert_rel(r.params[i], gg_tight[i], 1e-6);
	assert_abs(r.loglik, -4055.9232435028675, 1e-6);
	ck_assert_uint_eq(r.n_customers, 946);
	cxm_table_free(t);
	/* BG/BB reads periods, and the weights of each pattern: 11104 donors */
	t = read_cdnow_table("donations.csv", donation_cols, 4);
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_BGBB, t, NULL), CXM_OK);
	for (i = 0; i < 4; i++)
		assert_rel(r.params[i], bgbb_tight[i], 1e-6);
	assert_abs(r.loglik, -33225.58127434614, 1e-6);
	ck_assert_uint_eq(r.n_customers, 11104);
	ck_assert_status(cxm_clv_fit_table(&r, CXM_CLV_BGNBD, t, NULL), CXM_EBAD_ARG);
	assert_message_has("no column 'T'");
	cxm_table_free(t);
}
END_TEST

/* A summary table straight from the log fits as its columns do. */
START_TEST(test_fit_table_from_summary)
{
	cdnow_log log = read_cdnow_sample();
	cxm_clv_fit_result a = CXM_CLV_FIT_RESULT_INIT, b = CXM_CLV_FIT_RESULT_INIT;
	cxm_table *s = NULL;
	cols c;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, log.ids, log.n, log.days, log.n, log.amounts,
							   log.n, day_of("1997-09-30"), NAN, CXM_CLV_WEEKS),
			 CXM_OK);
	c = cols_of(s);
	ck_assert_status(cxm_clv_fit_table(&a, CXM_CLV_PNBD, s, NULL), CXM_OK);
	ck_assert_status(cxm_clv_fit(&b, CXM_CLV_PNBD, c.f, CDNOW_CUSTOMERS, c.r, CDNOW_CUSTOMERS, c.T,
				     CDNOW_CUSTOMERS, NULL, 0, NULL),
			 CXM_OK);
	ck_assert(memcmp(a.params, b.params, sizeof a.params) == 0 && a.loglik == b.loglik);
	/* the unrounded summary is within 1e-3 of the fit of the shipped (rounded) one */
	assert_rel(a.params[0], 0.5532755223076004, 1e-3);
	ck_assert_status(cxm_clv_fit_table(&a, CXM_CLV_GG, s, NULL), CXM_OK);
	ck_assert_uint_eq(a.n_customers, 946);
	ck_assert_status(cxm_clv_fit_table(&a, CXM_CLV_SBG, s, NULL), CXM_EBAD_ARG);
	assert_message_has("no column 'survivors'");
	cxm_table_free(s);
	cdnow_log_free(&log);
}
END_TEST

START_TEST(test_predict_table_anchors)
{
	static const char *const summary_cols[] = { "ID", "frequency", "recency", "T" };
	static const char *const donation_cols[] = { "frequency", "recency", "periods", "weights" };
	cxm_clv_fit_result bg = known_fit(CXM_CLV_BGNBD, bg_lifetimes, 4), gg = known_fit(CXM_CLV_GG, gg_lifetimes, 3);
	cxm_clv_fit_result bb = known_fit(CXM_CLV_BGBB, bgbb_lifetimes, 4);
	cxm_table *t = read_cdnow_table("cdnow_customers_summary.csv", summary_cols, 4), *p = NULL, *q = NULL;
	const double *e, *w;
	double x = 0.0, s = 0.0;
	size_t i;
	ck_assert_status(cxm_clv_predict_table(&p, t, &bg, NULL, 39, 12, 0.01, NAN), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(p), CDNOW_N);
	ck_assert_uint_eq(cxm_table_column_count(p), 3);
	/* the ids are the file's "ID" column, under "id" */
	ck_assert_str_eq(ids_of(p)[0], "1");
	ck_assert_str_eq(ids_of(p)[CDNOW_N - 1], "2357");
	e = col(p, "expected_purchases");
	assert_rel(e[0], 1.2259104241744192, 1e-9);
	assert_rel(column_sum(p, "expected_purchases"), 1653.4232833307158, 1e-9);
	assert_rel(column_sum(p, "p_alive"), 1917.2763169746681, 1e-9);
	assert_abs(col(p, "p_alive")[0], 0.7266091368, 1e-9);
	ck_assert_status(cxm_table_get_attr_number(&x, p, "t"), CXM_OK);
	ck_assert(x == 39.0);
	cxm_table_free(p);
	cxm_table_free(t);
	/* the CLV: 12 months at 1 %, 4.345 weeks a month (from the period attribute) */
	t = cdnow_monetary_table();
	ck_assert_status(cxm_clv_predict_table(&p, t, &bg, &gg, 39, 12, 0.01, NAN), CXM_EBAD_ARG);
	assert_message_has("periods_per_month is left to the summary (NaN), which has no \"period\" attribute");
	ck_assert_ptr_null(p);
	ck_assert_status(cxm_table_set_attr_text(t, "period", "W"), CXM_OK);
	ck_assert_status(cxm_clv_predict_table(&p, t, &bg, &gg, 39, 12, 0.01, NAN), CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(p), 5);
	/* no id column: the row numbers */
	ck_assert(col(p, "id")[0] == 1.0 && col(p, "id")[CDNOW_N - 1] == CDNOW_N);
	assert_rel(column_sum(p, "expected_profit"), 83091.22242094981, 1e-9);
	assert_rel(column_sum(p, "clv"), 71509.89931936648, 1e-9);
	ck_assert_status(cxm_table_get_attr_number(&x, p, "periods_per_month"), CXM_OK);
	ck_assert(x == 4.345);
	/* 0 derives it too; a number given wins over the period */
	ck_assert_status(cxm_clv_predict_table(&q, t, &bg, &gg, 39, 12, 0.01, 0), CXM_OK);
	ck_assert(memcmp(col(p, "clv"), col(q, "clv"), CDNOW_N * sizeof(double)) == 0);
	cxm_table_free(q);
	ck_assert_status(cxm_table_set_attr_text(t, "period", "day"), CXM_OK);
	ck_assert_status(cxm_clv_predict_table(&q, t, &bg, &gg, 39, 12, 0.01, 4.345), CXM_OK);
	ck_assert(memcmp(col(p, "clv"), col(q, "clv"), CDNOW_N * sizeof(double)) == 0);
	cxm_table_free(q);
	ck_assert_status(cxm_table_set_attr_text(t, "period", "year"), CXM_OK);
	ck_assert_status(cxm_clv_predict_table(&q, t, &bg, &gg, 39, 12, 0.01, NAN), CXM_EBAD_ARG);
	assert_message_has("the summary's period must be day, week or month, not 'year'");
	cxm_table_free(p);
	/* the wrong fits */
	ck_assert_status(cxm_clv_predict_table(&p, t, &gg, NULL, 39, 12, 0.01, NAN), CXM_EBAD_ARG);
	assert_message_has("fit is a gg (Gamma-Gamma) fit, which predicts no purchases");
	ck_assert_status(cxm_clv_predict_table(&p, t, &bg, &bg, 39, 12, 0.01, 4.345), CXM_EBAD_ARG);
	assert_message_has("gg is a bgnbd (BG/NBD) fit; give a Gamma-Gamma (gg) fit");
	ck_assert_status(cxm_clv_predict_table(&p, t, &bb, NULL, 5, 12, 0.01, NAN), CXM_EBAD_ARG);
	assert_message_has("summary: no column 'periods'");
	ck_assert_status(cxm_clv_predict_table(&p, t, &bg, NULL, -1, 12, 0.01, NAN), CXM_EBAD_ARG);
	assert_message_has("t = -1");
	ck_assert_status(cxm_clv_predict_table(&p, NULL, &bg, NULL, 39, 12, 0.01, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_predict_table(&p, t, NULL, NULL, 39, 12, 0.01, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_predict_table(NULL, t, &bg, NULL, 39, 12, 0.01, NAN), CXM_EBAD_ARG);
	ck_assert_ptr_null(p);
	cxm_table_free(t);
	/* BG/BB: periods in place of T, whole periods; sum weights x E[X(5)] */
	t = read_cdnow_table("donations.csv", donation_cols, 4);
	ck_assert_status(cxm_clv_predict_table(&p, t, &bb, NULL, 5, 12, 0.01, NAN), CXM_OK);
	e = col(p, "expected_purchases");
	w = col(t, "weights");
	for (i = 0; i < cxm_table_rows(t); i++)
		s += w[i] * e[i];
	assert_rel(s, 12884.156963748705, 1e-9);
	ck_assert(col(p, "id")[21] == 22.0);
	cxm_table_free(p);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_predict_table_oom)
{
	static const double bg_params[4] = { 0.25, 4.5, 0.75, 2.5 }, gg_params[3] = { 6.25, 3.75, 15.5 };
	cxm_clv_fit_result bg = known_fit(CXM_CLV_BGNBD, bg_params, 4), gg = known_fit(CXM_CLV_GG, gg_params, 3);
	cxm_table *s = NULL;
	long k;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, hand_amounts,
							   HAND_N, 14, NAN, CXM_CLV_WEEKS),
			 CXM_OK);
	for (k = 0;; k++) {
		cxm_table *p = (cxm_table *)1;
		int rc;
		oom_arm(k);
		rc = cxm_clv_predict_table(&p, s, &bg, &gg, 4, 3, 0.01, NAN);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_table_rows(p), 2);
			ck_assert_str_eq(ids_of(p)[1], "b");
			cxm_table_free(p);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(p);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_ge(k, 8);
	cxm_table_free(s);
}
END_TEST

/* ---- fitted models as JSON (cxm_clv_fit_result_to_json / _from_json) ---------------- */

/* A BG/NBD fit written by hand; its text is known exactly: each number in
 * the shortest text that reads back as it (Python's repr: 0.1, 1.5e-12),
 * NaN as null. */
static cxm_clv_fit_result hand_fit(void)
{
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT;
	f.model = CXM_CLV_BGNBD;
	f.n_params = 4;
	f.params[0] = 0.25;
	f.params[1] = 4.5;
	f.params[2] = 0.75;
	f.params[3] = 0.1;
	f.se[0] = 0.5;
	f.se[1] = NAN;
	f.se[2] = 1e-300;
	f.se[3] = 2.0;
	f.loglik = -9582.5;
	f.iterations = 17;
	f.converged = 1;
	f.gradient_norm = 1.5e-12;
	f.n_customers = 2357;
	f.status = CXM_CLV_FIT_CONVERGED;
	return f;
}

static const char hand_fit_json[] =
	"{\n"
	"  \"model\": \"bgnbd\",\n"
	"  \"params\": {\"r\": 0.25, \"alpha\": 4.5, \"a\": 0.75, \"b\": 0.1},\n"
	"  \"se\": {\"r\": 0.5, \"alpha\": null, \"a\": 1e-300, \"b\": 2},\n"
	"  \"loglik\": -9582.5,\n"
	"  \"iterations\": 17,\n"
	"  \"converged\": true,\n"
	"  \"gradient_norm\": 1.5e-12,\n"
	"  \"n_customers\": 2357,\n"
	"  \"status\": \"converged\"\n"
	"}\n";

START_TEST(test_fit_json_round_trip)
{
	cxm_clv_fit_result f = hand_fit(), back = CXM_CLV_FIT_RESULT_INIT;
	char *text = NULL;
	size_t i;
	ck_assert_status(cxm_clv_fit_result_to_json(&text, &f), CXM_OK);
	ck_assert_str_eq(text, hand_fit_json);
	ck_assert_status(cxm_clv_fit_result_from_json(&back, text, strlen(text)), CXM_OK);
	ck_assert_int_eq(back.model, CXM_CLV_BGNBD);
	ck_assert_uint_eq(back.n_params, 4);
	for (i = 0; i < 4; i++) {
		ck_assert(back.params[i] == f.params[i]);
		ck_assert(i == 1 ? isnan(back.se[i]) : back.se[i] == f.se[i]);
	}
	ck_assert(back.loglik == f.loglik && back.gradient_norm == f.gradient_norm);
	ck_assert_uint_eq(back.iterations, 17);
	ck_assert_int_eq(back.converged, 1);
	ck_assert_uint_eq(back.n_customers, 2357);
	cxm_free(text);
}
END_TEST

/* Only model and params are needed; the text need not end with a NUL. */
START_TEST(test_fit_json_minimal)
{
	static const char js[] = "  {\"params\": {\"q\": 3.75, \"p\": 6.25, \"v\": 15.5}, \"model\": \"gg\", "
				 "\"note\": [1, 2]}\n\t";
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT;
	char buf[sizeof js + 8];
	memcpy(buf, js, sizeof js - 1);
	memset(buf + sizeof js - 1, 'x', 9); /* garbage after len */
	ck_assert_status(cxm_clv_fit_result_from_json(&f, buf, sizeof js - 1), CXM_OK);
	ck_assert_int_eq(f.model, CXM_CLV_GG);
	ck_assert_uint_eq(f.n_params, 3);
	ck_assert(f.params[0] == 6.25 && f.params[1] == 3.75 && f.params[2] == 15.5);
	ck_assert(isnan(f.se[0]) && isnan(f.se[2]) && isnan(f.loglik) && isnan(f.gradient_norm));
	ck_assert_uint_eq(f.iterations, 0);
	ck_assert_int_eq(f.converged, 0);
	ck_assert_uint_eq(f.n_customers, 0);
}
END_TEST

/* A parse that must fail with `code` naming `needle`, leaving *out alone. */
static void json_fails(const char *js, int code, const char *needle)
{
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT;
	f.loglik = 42.0;
	ck_assert_status(cxm_clv_fit_result_from_json(&f, js, strlen(js)), code);
	assert_message_has(needle);
	ck_assert(f.loglik == 42.0);
}

START_TEST(test_fit_json_errors)
{
	cxm_clv_fit_result f = hand_fit(), g = CXM_CLV_FIT_RESULT_INIT;
	char *text = (char *)"unchanged";

	/* to_json */
	ck_assert_status(cxm_clv_fit_result_to_json(NULL, &f), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_result_to_json(&text, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(text);
	assert_message_has("fit is NULL");
	f.version = 99;
	ck_assert_status(cxm_clv_fit_result_to_json(&text, &f), CXM_EVERSION);
	f = hand_fit();
	f.model = 17;
	ck_assert_status(cxm_clv_fit_result_to_json(&text, &f), CXM_EBAD_ARG);
	assert_message_has("fit->model: model is 17, which is not one of its values");
	f = hand_fit();
	f.n_params = 3;
	ck_assert_status(cxm_clv_fit_result_to_json(&text, &f), CXM_EBAD_ARG);
	assert_message_has("n_params is 3, but model bgnbd has 4");
	ck_assert_ptr_null(text);

	/* from_json: arguments */
	ck_assert_status(cxm_clv_fit_result_from_json(NULL, "{}", 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_fit_result_from_json(&g, NULL, 2), CXM_EBAD_ARG);
	assert_message_has("json is NULL");
	g.version = 0;
	ck_assert_status(cxm_clv_fit_result_from_json(&g, "{}", 2), CXM_EVERSION);
	json_fails("", CXM_EPARSE, "empty");
	/* the text: cJSON stops just past the stray comma at byte 12 */
	json_fails("{\"model\": 1,, }", CXM_EPARSE, "not valid JSON at byte 13");
	json_fails("{\"model\": \"gg\"} {", CXM_EPARSE, "unexpected text after the object at byte 16");
	json_fails("[1, 2]", CXM_EPARSE, "not a JSON object");
	/* the fit */
	json_fails("{\"params\": {}}", CXM_EPARSE, "\"model\" must be a string");
	json_fails("{\"model\": \"bgnbd2\", \"params\": {}}", CXM_EBAD_ARG,
		   "fit JSON: model must be bgnbd, mbgnbd, pnbd, gg, bgbb or sbg, not 'bgnbd2'");
	json_fails("{\"model\": \"gg\"}", CXM_EPARSE, "no \"params\" object");
	json_fails("{\"model\": \"gg\", \"params\": [6, 3, 15]}", CXM_EPARSE, "\"params\" must be an object");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3}}", CXM_EPARSE,
		   "params.\"v\" is missing (model gg needs it)");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15, \"r\": 1}}", CXM_EPARSE,
		   "\"params\" has \"r\", which is not a parameter of gg");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": \"3\", \"v\": 15}}", CXM_EPARSE,
		   "params.\"q\" must be a number or null");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 0, \"v\": 15}}", CXM_EOUT_OF_RANGE,
		   "fit JSON: params.\"q\" is 0; it must be a finite number > 0");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 1e999}}", CXM_EOUT_OF_RANGE,
		   "params.\"v\" is inf");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"se\": {\"x\": 1}}", CXM_EPARSE,
		   "\"se\" has \"x\"");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"iterations\": 2.5}",
		   CXM_EOUT_OF_RANGE, "\"iterations\" is 2.5");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"n_customers\": -1}",
		   CXM_EOUT_OF_RANGE, "\"n_customers\" is -1");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"converged\": 1}", CXM_EPARSE,
		   "\"converged\" must be true or false");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15}, \"loglik\": \"high\"}",
		   CXM_EPARSE, "\"loglik\" must be a number or null");
}
END_TEST

START_TEST(test_fit_json_oom)
{
	cxm_clv_fit_result f = hand_fit();
	char *text = NULL;
	long k;
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_clv_fit_result_to_json(&text, &f);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_str_eq(text, hand_fit_json);
			cxm_free(text);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(text);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_eq(k, 1);
}
END_TEST

static Suite *clvmodel_summary_suite(void)
{
	Suite *s = suite_create("clvmodel_summary");
	TCase *tc = tcase_create("clvmodel_summary");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cdnow_sample_weeks);
	tcase_add_test(tc, test_cdnow_sample_holdout);
	tcase_add_test(tc, test_same_day_and_holdout);
	tcase_add_test(tc, test_weeks_no_holdout_no_amounts);
	tcase_add_test(tc, test_calibration_end_from_data);
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_byte_order_and_refunds);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_oom);
	tcase_add_test(tc, test_fit_table_anchors);
	tcase_add_test(tc, test_fit_table_from_summary);
	tcase_add_test(tc, test_predict_table_anchors);
	tcase_add_test(tc, test_predict_table_oom);
	tcase_add_test(tc, test_fit_json_round_trip);
	tcase_add_test(tc, test_fit_json_minimal);
	tcase_add_test(tc, test_fit_json_errors);
	tcase_add_test(tc, test_fit_json_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_summary_suite)
