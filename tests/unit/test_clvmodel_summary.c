/*
 * tests/unit/test_clvmodel_summary.c - check suite for cxm_clv_summary_*: the CDNOW
 * sample against the summaries lifetimes ships (tests/data/cdnow/README.md),
 * hand-checkable logs for same-day purchases, holdout periods, dropped
 * customers and the time units, every error, and out-of-memory loops; and
 * fitted models to and from JSON (texts known by hand).
 */
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

/* Index of customer `id` in the summary, or count when absent. */
static size_t find_id(const cxm_clv_summary *s, const char *id)
{
	size_t i, n = cxm_clv_summary_count(s);
	for (i = 0; i < n; i++)
		if (strcmp(cxm_clv_summary_id(s, i), id) == 0)
			return i;
	return n;
}

/* All six columns of a summary, in buffers of `cap` (freed by cols_free). */
typedef struct cols {
	double *f, *r, *T, *m, *hf, *hm;
} cols;

static cols cols_of(const cxm_clv_summary *s)
{
	size_t n = cxm_clv_summary_count(s);
	cols c;
	c.f = malloc(n * sizeof *c.f);
	c.r = malloc(n * sizeof *c.r);
	c.T = malloc(n * sizeof *c.T);
	c.m = malloc(n * sizeof *c.m);
	c.hf = malloc(n * sizeof *c.hf);
	c.hm = malloc(n * sizeof *c.hm);
	ck_assert(c.f && c.r && c.T && c.m && c.hf && c.hm);
	ck_assert_status(cxm_clv_summary_columns(s, c.f, c.r, c.T, c.m, c.hf, c.hm, n), CXM_OK);
	return c;
}

static void cols_free(cols *c)
{
	free(c->f);
	free(c->r);
	free(c->T);
	free(c->m);
	free(c->hf);
	free(c->hm);
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
	cxm_clv_summary *s = NULL;
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
	n = cxm_clv_summary_count(s);
	ck_assert_uint_eq(n, CDNOW_CUSTOMERS);
	ck_assert_uint_eq(cxm_clv_summary_dropped(s), 0);
	ck_assert(cxm_clv_summary_holdout_duration(s) == 0.0);
	c = cols_of(s);
	for (i = 0; i < n; i++) {
		const char *sid = cxm_clv_summary_id(s, i);
		id = strtol(sid, NULL, 10);
		ck_assert_msg(id >= 1 && id <= CDNOW_CUSTOMERS && !seen[id], "unexpected id %s", sid);
		seen[id] = 1;
		/* byte order of the ids, not numeric: "10" < "2" */
		if (i > 0)
			ck_assert(strcmp(cxm_clv_summary_id(s, i - 1), sid) < 0);
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
	cols_free(&c);
	cxm_clv_summary_free(s);
	cdnow_log_free(&log);
}
END_TEST

/* The same log with a holdout to the end of the data (1998-06-30): the
 * calibration columns do not move; every holdout purchase day is counted. */
START_TEST(test_cdnow_sample_holdout)
{
	cdnow_log log = read_cdnow_sample();
	cxm_clv_summary *cal = NULL, *hold = NULL;
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
	n = cxm_clv_summary_count(hold);
	ck_assert_uint_eq(n, CDNOW_CUSTOMERS);
	/* 1997-09-30 .. 1998-06-30 is 273 days = 39 weeks */
	ck_assert_close(cxm_clv_summary_holdout_duration(hold), 39.0);
	a = cols_of(cal);
	b = cols_of(hold);
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(cxm_clv_summary_id(cal, i), cxm_clv_summary_id(hold, i));
		ck_assert(a.f[i] == b.f[i] && a.r[i] == b.r[i] && a.T[i] == b.T[i] && a.m[i] == b.m[i]);
		ck_assert(b.hf[i] >= 0.0 && (b.hf[i] > 0.0 || b.hm[i] == 0.0));
	}
	/* Customer 1's holdout, by hand from the log: one purchase, on
	 * 1997-12-12 (26.48). */
	i = find_id(hold, "1");
	ck_assert(b.hf[i] == 1.0);
	ck_assert(b.hm[i] == 26.48);
	cols_free(&a);
	cols_free(&b);
	cxm_clv_summary_free(cal);
	cxm_clv_summary_free(hold);
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
	cxm_clv_summary *s = NULL;
	double f[2], r[2], T[2], m[2], hf[2], hm[2];
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N,
							   hand_amounts, HAND_N, 14, 28, CXM_CLV_DAYS),
			 CXM_OK);
	ck_assert_uint_eq(cxm_clv_summary_count(s), 2);
	ck_assert_uint_eq(cxm_clv_summary_dropped(s), 2);
	ck_assert_str_eq(cxm_clv_summary_id(s, 0), "a");
	ck_assert_str_eq(cxm_clv_summary_id(s, 1), "b");
	ck_assert_ptr_null(cxm_clv_summary_id(s, 2));
	ck_assert(cxm_clv_summary_holdout_duration(s) == 14.0);
	ck_assert_status(cxm_clv_summary_columns(s, f, r, T, m, hf, hm, 2), CXM_OK);
	/* a: two repeat days (3 and 10; day 0's second purchase is not one),
	 * recency 10, T 14, mean of the repeat days' totals (8 + 4) / 2 */
	ck_assert(f[0] == 2.0 && r[0] == 10.0 && T[0] == 14.0 && m[0] == 6.0);
	/* holdout: days 20 and 25 (40 is after the observation end), (5 + 1) / 2 */
	ck_assert(hf[0] == 2.0 && hm[0] == 3.0);
	/* b: no repeat purchase, so recency and monetary value are 0 */
	ck_assert(f[1] == 0.0 && r[1] == 0.0 && T[1] == 7.0 && m[1] == 0.0 && hf[1] == 0.0 && hm[1] == 0.0);
	/* columns may be left out */
	ck_assert_status(cxm_clv_summary_columns(s, NULL, NULL, T, NULL, NULL, NULL, 5), CXM_OK);
	ck_assert(T[0] == 14.0);
	cxm_clv_summary_free(s);
}
END_TEST

START_TEST(test_weeks_no_holdout_no_amounts)
{
	cxm_clv_summary *s = NULL;
	double f[2], r[2], T[2], m[2], hf[2], hm[2];
	ck_assert_status(cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, NULL, 0,
							   14, 14, CXM_CLV_WEEKS),
			 CXM_OK);
	ck_assert_uint_eq(cxm_clv_summary_count(s), 2);
	/* without a holdout, "c" and "d" still start after the calibration end */
	ck_assert_uint_eq(cxm_clv_summary_dropped(s), 2);
	ck_assert(cxm_clv_summary_holdout_duration(s) == 0.0);
	ck_assert_status(cxm_clv_summary_columns(s, f, r, T, m, hf, hm, 2), CXM_OK);
	ck_assert(f[0] == 2.0);
	ck_assert_close(r[0], 10.0 / 7.0);
	ck_assert(T[0] == 2.0 && T[1] == 1.0);
	ck_assert(m[0] == 0.0 && m[1] == 0.0);
	ck_assert(hf[0] == 0.0 && hm[0] == 0.0);
	cxm_clv_summary_free(s);
}
END_TEST

/* A month is 365.25 / 12 days: four years (1461 days) are exactly 48. */
START_TEST(test_months)
{
	static const char *const ids[] = { "m", "m", "m", "n" };
	static const double days[] = { 0, 1461, 2922, 1461 };
	static const double amounts[] = { 1, 2, 3, 4 };
	cxm_clv_summary *s = NULL;
	double f[2], r[2], T[2], m[2], hf[2], hm[2];
	ck_assert_status(cxm_clv_summary_from_transactions(&s, ids, 4, days, 4, amounts, 4, 1461, 2922,
							   CXM_CLV_MONTHS),
			 CXM_OK);
	ck_assert_status(cxm_clv_summary_columns(s, f, r, T, m, hf, hm, 2), CXM_OK);
	ck_assert(f[0] == 1.0 && r[0] == 48.0 && T[0] == 48.0 && m[0] == 2.0);
	ck_assert(hf[0] == 1.0 && hm[0] == 3.0);
	/* n's first purchase is on the calibration end itself: kept, T = 0 */
	ck_assert(f[1] == 0.0 && r[1] == 0.0 && T[1] == 0.0);
	ck_assert(cxm_clv_summary_holdout_duration(s) == 48.0);
	cxm_clv_summary_free(s);
}
END_TEST

/* Ids in byte order (strcmp), whatever the input order; refunds are amounts too. */
START_TEST(test_byte_order_and_refunds)
{
	static const char *const ids[] = { "b", "a", "B", "10", "9", "\xc3\xa9", "a", "a" };
	static const double days[] = { 1, 1, 1, 1, 1, 1, 2, 3 };
	static const double amounts[] = { 1, 5, 1, 1, 1, 1, -5, 2.5 };
	static const char *const order[] = { "10", "9", "B", "a", "b", "\xc3\xa9" };
	cxm_clv_summary *s = NULL;
	double f[6], m[6];
	size_t i;
	ck_assert_status(cxm_clv_summary_from_transactions(&s, ids, 8, days, 8, amounts, 8, 3, 3, CXM_CLV_DAYS),
			 CXM_OK);
	ck_assert_uint_eq(cxm_clv_summary_count(s), 6);
	for (i = 0; i < 6; i++)
		ck_assert_str_eq(cxm_clv_summary_id(s, i), order[i]);
	ck_assert_status(cxm_clv_summary_columns(s, f, NULL, NULL, m, NULL, NULL, 6), CXM_OK);
	ck_assert(f[3] == 2.0 && m[3] == (-5.0 + 2.5) / 2.0);
	cxm_clv_summary_free(s);
}
END_TEST

START_TEST(test_accessors_null)
{
	double x[1];
	cxm_clv_summary_free(NULL);
	ck_assert_uint_eq(cxm_clv_summary_count(NULL), 0);
	ck_assert_uint_eq(cxm_clv_summary_dropped(NULL), 0);
	ck_assert_ptr_null(cxm_clv_summary_id(NULL, 0));
	ck_assert(cxm_clv_summary_holdout_duration(NULL) == 0.0);
	ck_assert_status(cxm_clv_summary_columns(NULL, x, x, x, x, x, x, 1), CXM_EBAD_ARG);
	assert_message_has("s is NULL");
}
END_TEST

/* ---- errors ------------------------------------------------------------------ */

/* A call that must fail with `code`, leave *out NULL and name `needle`. */
#define assert_fails(code, needle, ids, n_ids, days, n_days, amounts, n_amounts, cal, obs, period)      \
	do {                                                                                       \
		cxm_clv_summary *s_ = (cxm_clv_summary *)&s_;                                      \
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
	cxm_clv_summary *s = NULL;

	ck_assert_status(cxm_clv_summary_from_transactions(NULL, ids, 3, days, 3, amounts, 3, 5, 5, 0),
			 CXM_EBAD_ARG);
	assert_message_has("out");
	assert_fails(CXM_EBAD_ARG, "customer_ids is NULL", NULL, 3, days, 3, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "days is NULL", ids, 3, NULL, 3, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "amounts is NULL", ids, 3, days, 3, NULL, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "3 and 2 entries", ids, 3, days, 2, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "amounts has 2 entries", ids, 3, days, 3, amounts, 2, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "customer_ids[1] is NULL", null_id, 3, days, 3, amounts, 3, 5, 5, 0);
	assert_fails(CXM_EBAD_ARG, "period is 3", ids, 3, days, 3, amounts, 3, 5, 5, 3);
	assert_fails(CXM_EBAD_ARG, "period is -1", ids, 3, days, 3, amounts, 3, 5, 5, -1);
	assert_fails(CXM_ENAN, "calibration_end is NaN", ids, 3, days, 3, amounts, 3, NAN, 5, 0);
	assert_fails(CXM_EBAD_ARG, "calibration_end = 4.5", ids, 3, days, 3, amounts, 3, 4.5, 5, 0);
	assert_fails(CXM_ENAN, "observation_end is NaN", ids, 3, days, 3, amounts, 3, 5, NAN, 0);
	assert_fails(CXM_EBAD_ARG, "observation_end = inf", ids, 3, days, 3, amounts, 3, 5, INFINITY, 0);
	assert_fails(CXM_EBAD_ARG, "observation_end = 4 is before calibration_end = 5", ids, 3, days, 3,
		     amounts, 3, 5, 4, 0);
	bad[2] = 1.5;
	assert_fails(CXM_EBAD_ARG, "days[2] = 1.5", ids, 3, bad, 3, amounts, 3, 5, 5, 0);
	bad[2] = -INFINITY;
	assert_fails(CXM_EBAD_ARG, "days[2] = -inf", ids, 3, bad, 3, amounts, 3, 5, 5, 0);
	bad[2] = NAN;
	assert_fails(CXM_ENAN, "days[2] is NaN", ids, 3, bad, 3, amounts, 3, 5, 5, 0);
	bad[0] = 1;
	bad[1] = NAN;
	bad[2] = 1;
	assert_fails(CXM_ENAN, "amounts[1] is NaN", ids, 3, days, 3, bad, 3, 5, 5, 0);
	bad[1] = -INFINITY;
	assert_fails(CXM_EOUT_OF_RANGE, "amounts[1] = -inf is infinite", ids, 3, days, 3, bad, 3, 5, 5, 0);
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
	assert_fails(CXM_EEMPTY, "all 2 customers start later", ids, 3, days, 3, amounts, 3, -1, 5, 0);

	ck_assert_status(cxm_clv_summary_from_transactions(&s, ids, 3, days, 3, amounts, 3, 5, 5, 0), CXM_OK);
	ck_assert_status(cxm_clv_summary_columns(s, bad, NULL, NULL, NULL, NULL, NULL, 1), CXM_EBAD_ARG);
	assert_message_has("cap = 1 is smaller than the 2 customers");
	cxm_clv_summary_free(s);
}
END_TEST

/* ---- out of memory -------------------------------------------------------------- */

START_TEST(test_oom)
{
	cxm_clv_summary *s = NULL;
	long k;
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_clv_summary_from_transactions(&s, hand_ids, HAND_N, hand_days, HAND_N, hand_amounts,
						       HAND_N, 14, 28, CXM_CLV_DAYS);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_eq(cxm_clv_summary_count(s), 2);
			cxm_clv_summary_free(s);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(s);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert_int_ge(k, 4); /* rows, result, ids, names, columns */
}
END_TEST

/* ---- fitted models as JSON (cxm_clv_fit_result_to_json / _from_json) ---------------- */

/* A BG/NBD fit written by hand; its text is known exactly: C's (and
 * Python's) "%.17g" of each number, NaN as null. */
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
	return f;
}

static const char hand_fit_json[] =
	"{\n"
	"  \"model\": \"bgnbd\",\n"
	"  \"params\": {\"r\": 0.25, \"alpha\": 4.5, \"a\": 0.75, \"b\": 0.10000000000000001},\n"
	"  \"se\": {\"r\": 0.5, \"alpha\": null, \"a\": 1e-300, \"b\": 2},\n"
	"  \"loglik\": -9582.5,\n"
	"  \"iterations\": 17,\n"
	"  \"converged\": true,\n"
	"  \"gradient_norm\": 1.5000000000000001e-12,\n"
	"  \"n_customers\": 2357\n"
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
	assert_message_has("fit->model is 17");
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
	json_fails("{\"model\": \"bgnbd2\", \"params\": {}}", CXM_EBAD_ARG, "unknown model 'bgnbd2'");
	json_fails("{\"model\": \"gg\"}", CXM_EPARSE, "no \"params\" object");
	json_fails("{\"model\": \"gg\", \"params\": [6, 3, 15]}", CXM_EPARSE, "\"params\" must be an object");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3}}", CXM_EPARSE,
		   "params.\"v\" is missing (model gg needs it)");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 3, \"v\": 15, \"r\": 1}}", CXM_EPARSE,
		   "\"params\" has \"r\", which is not a parameter of gg");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": \"3\", \"v\": 15}}", CXM_EPARSE,
		   "params.\"q\" must be a number or null");
	json_fails("{\"model\": \"gg\", \"params\": {\"p\": 6, \"q\": 0, \"v\": 15}}", CXM_EOUT_OF_RANGE,
		   "params.\"q\" is 0; it must be a finite number > 0");
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
	tcase_add_test(tc, test_months);
	tcase_add_test(tc, test_byte_order_and_refunds);
	tcase_add_test(tc, test_accessors_null);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_oom);
	tcase_add_test(tc, test_fit_json_round_trip);
	tcase_add_test(tc, test_fit_json_minimal);
	tcase_add_test(tc, test_fit_json_errors);
	tcase_add_test(tc, test_fit_json_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_summary_suite)
