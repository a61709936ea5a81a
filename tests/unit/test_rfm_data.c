/*
 * tests/unit/test_rfm_data.c - check suite for the RFM data path (spec
 * §7.6, §7.7, §7.9, §7.10): orders to customers with a returns policy, Jenks
 * breaks, the scored table, the segment summary and the migration.
 *
 * Expected numbers: pandas 1.5.3 groupby + math.fsum over the same rows
 * (said so where used), the golden vector rfm_table_small (scores and
 * breaks), the spec's set B table (§7.3) applied by hand, jenkspy's
 * published test case (tests/test_jenks.py, data2), and an exhaustive search
 * over every partition written here.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#define TMP_PREFIX "cxm_test_rfm_data_"
#include "tmpfile.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A column of t by name (the test fails when it is missing). */
static const double *num(const cxm_table *t, const char *name)
{
	size_t col;
	ck_assert_status(cxm_table_column_index(&col, t, name), CXM_OK);
	ck_assert_ptr_nonnull(cxm_table_numbers(t, col));
	return cxm_table_numbers(t, col);
}

static const char *const *txt(const cxm_table *t, const char *name)
{
	size_t col;
	ck_assert_status(cxm_table_column_index(&col, t, name), CXM_OK);
	ck_assert_ptr_nonnull(cxm_table_texts(t, col));
	return cxm_table_texts(t, col);
}

static double attr(const cxm_table *t, const char *name)
{
	double x = NAN;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/* ---- orders -> customers (§7.6) ------------------------------------------------ */

/* Twelve rows with refunds (negative amounts) and two cancelled rows. */
static const char *const o_ids[] = { "b", "a", "c", "a", "b", "d", "a", "c", "b", "d", "e", "a" };
static const double o_days[] = { 10, 12, 3, 20, 15, 7, 21, 9, 16, 8, 5, 18 };
static const double o_amt[] = { 30.5, 12.25, -5.0, 40.0, -10.0, 8.0, -12.25, 22.0, 5.0, -8.0, -3.0, 0.1 };
static const uint8_t o_can[] = { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1 };
static const double o_num[] = { 2, 1, 3, 1, 2, 4, 1, 3, 2, 4, 5, 1 }; /* the same customers as numbers */

static void check_customers(const cxm_table *c, const char *const *ids, const double *rec, const double *cnt,
			    const double *amt, size_t n)
{
	const double *r = num(c, "recency_days"), *t = num(c, "transaction_count"), *a = num(c, "amount");
	size_t i;
	ck_assert_uint_eq(cxm_table_rows(c), n);
	for (i = 0; i < n; i++) {
		if (ids)
			ck_assert_str_eq(txt(c, "customer_id")[i], ids[i]);
		ck_assert_msg(r[i] == rec[i], "recency[%zu] = %g, expected %g", i, r[i], rec[i]);
		ck_assert_msg(t[i] == cnt[i], "count[%zu] = %g, expected %g", i, t[i], cnt[i]);
		ck_assert_msg(a[i] == amt[i], "amount[%zu] = %.17g, expected %.17g", i, a[i], amt[i]);
	}
}

START_TEST(test_orders_policies)
{
	/* pandas: df.groupby('id').agg(max day, size, math.fsum amount) over the
	 * rows each policy keeps (NET: return rows add -|amount|), analysis day 30 */
	static const char *const ids5[] = { "a", "b", "c", "d", "e" }, *const ids3[] = { "a", "b", "d" };
	static const double keep_r[] = { 9, 14, 21, 22, 25 }, keep_n[] = { 4, 3, 2, 2, 1 };
	static const double keep_a[] = { 40.1, 25.5, 17.0, 0.0, -3.0 };
	static const double some_r[] = { 10, 14, 23 }, some_n[] = { 2, 2, 1 };
	static const double net_a[] = { 39.9, 25.5, 0.0 }, drop_a[] = { 52.25, 35.5, 8.0 };
	cxm_table *c = NULL;
	const char *word = NULL;
	ck_assert_status(cxm_rfm_orders_aggregate(&c, o_ids, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
						  CXM_RFM_RETURNS_KEEP), CXM_OK);
	check_customers(c, ids5, keep_r, keep_n, keep_a, 5);
	ck_assert_status(cxm_table_get_attr_text(&word, c, "returns"), CXM_OK);
	ck_assert_str_eq(word, "keep");
	ck_assert(attr(c, "order_rows") == 12 && attr(c, "return_rows") == 7);
	ck_assert(attr(c, "return_amount") == 60.35 && attr(c, "customers_without_orders") == 0);
	ck_assert(attr(c, "analysis_day") == 30);
	cxm_table_free(c);

	ck_assert_status(cxm_rfm_orders_aggregate(&c, o_ids, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
						  CXM_RFM_RETURNS_NET), CXM_OK);
	check_customers(c, ids3, some_r, some_n, net_a, 3);
	ck_assert(attr(c, "order_rows") == 5 && attr(c, "return_rows") == 7);
	ck_assert(attr(c, "customers_without_orders") == 2); /* c and e */
	cxm_table_free(c);

	ck_assert_status(cxm_rfm_orders_aggregate(&c, o_ids, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
						  CXM_RFM_RETURNS_DROP), CXM_OK);
	check_customers(c, ids3, some_r, some_n, drop_a, 3);
	ck_assert(attr(c, "return_amount") == 60.35);
	cxm_table_free(c);

	/* without flags only the negative amounts are returns: c's 22 counts */
	ck_assert_status(cxm_rfm_orders_aggregate(&c, o_ids, 12, o_days, 12, o_amt, 12, NULL, 0, 30,
						  CXM_RFM_RETURNS_DROP), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(c), 4);
	ck_assert(attr(c, "return_rows") == 5);
	cxm_table_free(c);

	/* ERROR names the first return row and its customer */
	ck_assert_status(cxm_rfm_orders_aggregate(&c, o_ids, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
						  CXM_RFM_RETURNS_ERROR), CXM_EINCONSISTENT);
	assert_message_has("row 2 (customer \"c\")");
	ck_assert_ptr_null(c);

	/* the old entry point is KEEP without the new attributes */
	ck_assert_status(cxm_rfm_customers_aggregate(&c, o_ids, 12, o_days, 12, o_amt, 12, 30), CXM_OK);
	check_customers(c, ids5, keep_r, keep_n, keep_a, 5);
	ck_assert_uint_eq(cxm_table_attr_count(c), 1);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_orders_numeric)
{
	static const double keep_r[] = { 9, 14, 21, 22, 25 }, keep_n[] = { 4, 3, 2, 2, 1 };
	static const double keep_a[] = { 40.1, 25.5, 17.0, 0.0, -3.0 };
	static const double some_r[] = { 10, 14, 23 }, some_n[] = { 2, 2, 1 }, net_a[] = { 39.9, 25.5, 0.0 };
	/* numeric order, not byte order: -4 < 9 < 100 < 1e15 */
	static const double ids[] = { 100, 9, 1e15, -4, 9 }, days[] = { 1, 2, 3, 4, 5 }, amt[] = { 1, 2, 3, 4, 5 };
	static const double bad_frac[] = { 1.5 }, bad_big[] = { 1e16 }, bad_nan[] = { NAN }, one[] = { 1 };
	const double *id;
	cxm_table *c = NULL;
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, o_num, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
							  CXM_RFM_RETURNS_KEEP), CXM_OK);
	check_customers(c, NULL, keep_r, keep_n, keep_a, 5);
	id = num(c, "customer_id");
	ck_assert(id[0] == 1 && id[4] == 5);
	cxm_table_free(c);
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, o_num, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
							  CXM_RFM_RETURNS_NET), CXM_OK);
	check_customers(c, NULL, some_r, some_n, net_a, 3);
	id = num(c, "customer_id");
	ck_assert(id[0] == 1 && id[1] == 2 && id[2] == 4);
	cxm_table_free(c);
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, ids, 5, days, 5, amt, 5, NULL, 0, 10, 0), CXM_OK);
	id = num(c, "customer_id");
	ck_assert(id[0] == -4 && id[1] == 9 && id[2] == 100 && id[3] == 1e15);
	ck_assert(num(c, "amount")[1] == 7 && num(c, "transaction_count")[1] == 2);
	cxm_table_free(c);
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, bad_frac, 1, one, 1, one, 1, NULL, 0, 10, 0),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[0] = 1.5");
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, bad_big, 1, one, 1, one, 1, NULL, 0, 10, 0),
			 CXM_EBAD_ARG);
	/* a NaN id is a missing id (spec §16.3), not a customer and not a NaN value */
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, bad_nan, 1, one, 1, one, 1, NULL, 0, 10, 0),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[0] (row 1) is missing (NaN)");
}
END_TEST

START_TEST(test_orders_exact_sum)
{
	/* math.fsum([1e100, 1.0, 2**-53, 2**-80, -1e100]) = 1.0000000000000002: the
	 * 2^-53 and 2^-80 only round up together, so a double-double that drops
	 * the 2^-80 would give 1.0 */
	static const char *const ids[] = { "x", "x", "x", "x", "x", "y", "y", "y" };
	static const double days[] = { 1, 2, 3, 4, 5, 1, 1, 1 };
	double amt[8];
	cxm_table *c = NULL;
	amt[0] = 1e100;
	amt[1] = 1.0;
	amt[2] = ldexp(1.0, -53);
	amt[3] = ldexp(1.0, -80);
	amt[4] = -1e100;
	/* y: math.fsum([0.1, 0.2, 0.3]) = 0.6 (the naive sum is 0.6000000000000001) */
	amt[5] = 0.1;
	amt[6] = 0.2;
	amt[7] = 0.3;
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 8, days, 8, amt, 8, NULL, 0, 10, 0), CXM_OK);
	ck_assert(num(c, "amount")[0] == 1.0000000000000002);
	ck_assert(num(c, "amount")[1] == 0.6);
	cxm_table_free(c);
	/* a sum past DBL_MAX on the way but not at the end */
	amt[0] = 1.5e308;
	amt[1] = 1.5e308;
	amt[2] = -1.5e308;
	amt[3] = 0;
	amt[4] = 0;
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 8, days, 8, amt, 8, NULL, 0, 10, 0), CXM_OK);
	ck_assert(num(c, "amount")[0] == 1.5e308);
	cxm_table_free(c);
	amt[2] = 1.5e308;
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 8, days, 8, amt, 8, NULL, 0, 10, 0), CXM_EOUT_OF_RANGE);
	assert_message_has("customer \"x\" overflows");
}
END_TEST

START_TEST(test_orders_errors)
{
	static const char *const ids[] = { "a", "b" }, *const nul[] = { "a", NULL };
	static const double days[] = { 1, 2 }, amt[] = { 1, -2 }, late[] = { 1, 20 };
	static const uint8_t can[] = { 0, 0 };
	cxm_table *c = NULL;
	ck_assert_status(cxm_rfm_orders_aggregate(NULL, ids, 2, days, 2, amt, 2, NULL, 0, 10, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 2, days, 1, amt, 2, NULL, 0, 10, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 2, days, 2, amt, 2, can, 1, 10, 0), CXM_EBAD_ARG);
	assert_message_has("cancelled has 1 entries but there are 2 rows");
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 2, days, 2, amt, 2, NULL, 2, 10, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_orders_aggregate(&c, nul, 2, days, 2, amt, 2, NULL, 0, 10, 0), CXM_EBAD_ARG);
	assert_message_has("customer_ids[1] (row 2) is missing (NULL)");
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 2, days, 2, amt, 2, NULL, 0, 10, 7), CXM_EBAD_ARG);
	assert_message_has("keep, net, drop or error");
	ck_assert_status(cxm_rfm_orders_aggregate(&c, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 10, 0), CXM_EEMPTY);
	ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 2, late, 2, amt, 2, NULL, 0, 10, 0), CXM_EINCONSISTENT);
	assert_message_has("customer \"b\"");
	/* a day before 0001-01-01 (the pass keeps days as 32-bit integers), text
	 * and numeric ids alike */
	{
		static const double early[] = { 1, -3e15 }, nid[] = { 7, 8 };
		ck_assert_status(cxm_rfm_orders_aggregate(&c, ids, 2, early, 2, amt, 2, NULL, 0, 10, 0), CXM_EBAD_ARG);
		assert_message_has("order_days[1]");
		assert_message_has("years 0001..9999");
		ck_assert_status(cxm_rfm_orders_aggregate_numeric(&c, nid, 2, early, 2, amt, 2, NULL, 0, 10, 0),
				 CXM_EBAD_ARG);
		assert_message_has("order_days[1]");
	}
	/* every row of the only customer with rows left is a return */
	{
		static const char *const one[] = { "z" };
		static const double d1[] = { 1 }, neg[] = { -5 };
		ck_assert_status(cxm_rfm_orders_aggregate(&c, one, 1, d1, 1, neg, 1, NULL, 0, 10, CXM_RFM_RETURNS_DROP),
				 CXM_EEMPTY);
		assert_message_has("all returns");
	}
	ck_assert_ptr_null(c);
}
END_TEST

START_TEST(test_orders_partitions)
{
	/* 70,000 rows of 10,000 customers: above the size where the pass splits
	 * the customers over threads. One thread or two, text or numeric ids,
	 * the tables are identical, and they equal a direct sum per customer. */
	enum { N = 70000, C = 10000 };
	double *nid = malloc(N * sizeof *nid), *day = malloc(N * sizeof *day), *amt = malloc(N * sizeof *amt);
	double *last = calloc(C, sizeof *last), *cnt = calloc(C, sizeof *cnt), *sum = calloc(C, sizeof *sum);
	char (*names)[12] = malloc(C * sizeof *names);
	const char **ids = malloc(N * sizeof *ids);
	cxm_table *t1 = NULL, *t2 = NULL, *tn = NULL;
	uint64_t state = 99;
	const double *a1, *a2, *an, *r1, *r2, *c1, *c2;
	const char *const *id1;
	size_t i;
	ck_assert(nid && day && amt && last && cnt && sum && names && ids);
	for (i = 0; i < C; i++)
		snprintf(names[i], sizeof names[i], "u%07zu", i);
	for (i = 0; i < N; i++) {
		size_t c;
		state = state * 6364136223846793005u + 1442695040888963407u;
		c = (size_t)(state >> 33) % C;
		nid[i] = (double)c;
		ids[i] = names[c];
		day[i] = (double)((state >> 20) % 700);
		amt[i] = (double)((state >> 40) % 100000) / 100.0; /* cents: sums are exact in double here */
		if (cnt[c] == 0 || day[i] > last[c])
			last[c] = day[i];
		cnt[c] += 1;
		sum[c] += amt[i] * 100.0; /* whole cents: exact */
	}
	setenv("CXM_THREADS", "1", 1);
	ck_assert_status(cxm_rfm_orders_aggregate(&t1, ids, N, day, N, amt, N, NULL, 0, 800, 0), CXM_OK);
	setenv("CXM_THREADS", "2", 1);
	ck_assert_status(cxm_rfm_orders_aggregate(&t2, ids, N, day, N, amt, N, NULL, 0, 800, 0), CXM_OK);
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&tn, nid, N, day, N, amt, N, NULL, 0, 800, 0), CXM_OK);
	unsetenv("CXM_THREADS");
	{
		size_t drawn = 0;
		for (i = 0; i < C; i++)
			drawn += cnt[i] > 0;
		ck_assert_uint_gt(drawn, C - 200);
		ck_assert_uint_eq(cxm_table_rows(t1), drawn);
		ck_assert_uint_eq(cxm_table_rows(t2), drawn);
		ck_assert_uint_eq(cxm_table_rows(tn), drawn);
	}
	a1 = num(t1, "amount");
	a2 = num(t2, "amount");
	an = num(tn, "amount");
	r1 = num(t1, "recency_days");
	r2 = num(t2, "recency_days");
	c1 = num(t1, "transaction_count");
	c2 = num(t2, "transaction_count");
	id1 = txt(t1, "customer_id");
	{
		size_t row = 0;
		for (i = 0; i < C; i++) {
			if (cnt[i] == 0)
				continue;
			/* names are zero-padded: byte order = numeric order */
			ck_assert_str_eq(id1[row], names[i]);
			ck_assert_str_eq(txt(t2, "customer_id")[row], names[i]);
			ck_assert_msg(a1[row] == a2[row] && a1[row] == an[row] && r1[row] == r2[row] && c1[row] == c2[row],
				      "customer %zu differs between 1 and 2 threads or text and numeric ids", i);
			ck_assert(num(tn, "customer_id")[row] == (double)i);
			ck_assert(c1[row] == cnt[i] && r1[row] == 800 - last[i]);
			/* the exact sum of the cents, rounded once */
			ck_assert_msg(fabs(a1[row] - sum[i] / 100.0) <= 1e-9 * fabs(a1[row]),
				      "amount[%zu] = %.17g, cents %.17g", i, a1[row], sum[i]);
			row++;
		}
	}
	cxm_table_free(t1);
	cxm_table_free(t2);
	cxm_table_free(tn);
	/* returns and cancellations at this size: text ids (the hash pass) and
	 * numeric ids (the partitioned pass) agree under every policy */
	{
		static const int policies[] = { CXM_RFM_RETURNS_KEEP, CXM_RFM_RETURNS_NET, CXM_RFM_RETURNS_DROP };
		uint8_t *can = malloc(N);
		size_t p, c;
		ck_assert_ptr_nonnull(can);
		for (i = 0; i < N; i++) {
			can[i] = i % 17 == 3;
			if (i % 13 == 5)
				amt[i] = -amt[i];
		}
		for (p = 0; p < 3; p++) {
			static const char *const attrs[] = { "order_rows", "return_rows", "return_amount",
							     "customers_without_orders" };
			ck_assert_status(cxm_rfm_orders_aggregate(&t1, ids, N, day, N, amt, N, can, N, 800, policies[p]),
					 CXM_OK);
			ck_assert_status(cxm_rfm_orders_aggregate_numeric(&tn, nid, N, day, N, amt, N, can, N, 800,
									  policies[p]), CXM_OK);
			ck_assert_uint_eq(cxm_table_rows(t1), cxm_table_rows(tn));
			for (i = 0; i < cxm_table_rows(t1); i++) {
				ck_assert(num(t1, "amount")[i] == num(tn, "amount")[i]);
				ck_assert(num(t1, "recency_days")[i] == num(tn, "recency_days")[i]);
				ck_assert(num(t1, "transaction_count")[i] == num(tn, "transaction_count")[i]);
			}
			for (c = 0; c < 4; c++)
				ck_assert_msg(attr(t1, attrs[c]) == attr(tn, attrs[c]), "policy %zu: %s differs", p, attrs[c]);
			cxm_table_free(t1);
			cxm_table_free(tn);
		}
		free(can);
	}
	free(nid);
	free(day);
	free(amt);
	free(last);
	free(cnt);
	free(sum);
	free(names);
	free(ids);
}
END_TEST

/* An orders table as cxm_rfm_orders_read_csv gives it, built by hand. */
static cxm_table *orders_table(void)
{
	cxm_table *t = NULL;
	double can[12];
	size_t i;
	for (i = 0; i < 12; i++)
		can[i] = o_can[i];
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", o_ids, 12), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "order_day", o_days, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "amount", o_amt, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "cancelled", can, 12), CXM_OK);
	return t;
}

START_TEST(test_orders_table_and_csv)
{
	static const char *const ids3[] = { "a", "b", "d" }, *const ids5[] = { "a", "b", "c", "d", "e" };
	static const double some_r[] = { 10, 14, 23 }, some_n[] = { 2, 2, 1 }, net_a[] = { 39.9, 25.5, 0.0 };
	/* until day 15: rows on days <= 15 only (pandas: df[df.day <= 15], KEEP) */
	static const double until_r[] = { 3, 0, 6, 7, 10 }, until_n[] = { 1, 2, 2, 2, 1 };
	static const double until_a[] = { 12.25, 20.5, 17.0, 0.0, -3.0 };
	static const char *const cancel[] = { "cancelled", "void" };
	cxm_table *o = orders_table(), *c = NULL, *r = NULL;
	char path[TMP_PATH_SIZE];
	FILE *f;
	size_t i;
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c, o, 30, NAN, CXM_RFM_RETURNS_NET), CXM_OK);
	check_customers(c, ids3, some_r, some_n, net_a, 3);
	cxm_table_free(c);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c, o, 30, 15, CXM_RFM_RETURNS_KEEP), CXM_OK);
	{
		/* recency from the analysis day 30 is what the caller asked; here the
		 * snapshot's analysis day is the until day, as the migration uses it */
		cxm_table_free(c);
		ck_assert_status(cxm_rfm_orders_aggregate_table(&c, o, 15, 15, CXM_RFM_RETURNS_KEEP), CXM_OK);
		check_customers(c, ids5, until_r, until_n, until_a, 5);
	}
	cxm_table_free(c);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c, o, 30, 15.5, 0), CXM_EBAD_ARG);
	cxm_table_free(o);

	/* the same rows from a CSV file with a status column */
	f = open_tmp(path);
	fputs("when,who,total,state\n", f);
	for (i = 0; i < 12; i++)
		fprintf(f, "1970-01-%02d,%s,%.17g,%s\n", (int)o_days[i] + 1, o_ids[i], o_amt[i],
			o_can[i] ? (i == 7 ? "cancelled" : "void") : "paid");
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_rfm_orders_read_csv(&r, path, "who", "when", "total", "state", cancel, 2), CXM_OK);
	ck_assert_str_eq(cxm_table_column_name(r, 0), "customer_id");
	ck_assert_str_eq(cxm_table_column_name(r, 1), "order_day");
	ck_assert_str_eq(cxm_table_column_name(r, 2), "amount");
	ck_assert(num(r, "cancelled")[7] == 1 && num(r, "cancelled")[11] == 1 && num(r, "cancelled")[0] == 0);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c, r, 30, NAN, CXM_RFM_RETURNS_NET), CXM_OK);
	check_customers(c, ids3, some_r, some_n, net_a, 3);
	cxm_table_free(c);
	cxm_table_free(r);
	ck_assert_status(cxm_rfm_orders_read_csv(&r, path, "who", "when", "missing", NULL, NULL, 0), CXM_EBAD_ARG);
	assert_message_has("missing");
	ck_assert_status(cxm_rfm_orders_read_csv(&r, path, "who", "when", "total", "state", NULL, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_orders_read_csv(&r, path, "who", "total", "total", NULL, NULL, 0), CXM_EBAD_ARG);
	remove(path);
	/* a bad date names the file, line and column */
	f = open_tmp(path);
	fputs("who,when,total\na,2024-01-05,3\nb,2024-02-30,4\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_rfm_orders_read_csv(&r, path, "who", "when", "total", NULL, NULL, 0), CXM_EPARSE);
	assert_message_has(":3:");
	remove(path);
	ck_assert_ptr_null(r);
}
END_TEST

/* ---- Jenks (§7.7) ------------------------------------------------------------------ */

START_TEST(test_jenks_published)
{
	/* jenkspy tests/test_jenks.py, data2, 4 classes: upper bounds 416, 767,
	 * 1083 (groups res6: 1..416, 583..767, 848..1083, 1223..1424), so the
	 * least values of classes 2..4 are 583, 848, 1223 */
	static const double x[] = { 132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416, 963, 359, 1422,
				    658, 73, 1326, 245, 848, 683, 255, 1223, 253, 654, 736, 1079, 39, 583,
				    1367, 1237, 327, 1083, 328, 951, 678, 927, 301, 96, 297, 179, 230, 767,
				    1248, 1, 37, 1352, 1009, 663, 1283, 679, 230 };
	double b[3];
	ck_assert_status(cxm_rfm_jenks_breaks(b, 3, x, N_OF(x)), CXM_OK);
	ck_assert(b[0] == 583 && b[1] == 848 && b[2] == 1223);
}
END_TEST

/* Within-class sum of squares of sorted v[lo..hi), two-pass. */
static double class_sse(const double *v, size_t lo, size_t hi)
{
	double mean = 0, s = 0;
	size_t i;
	for (i = lo; i < hi; i++)
		mean += v[i];
	mean /= (double)(hi - lo);
	for (i = lo; i < hi; i++)
		s += (v[i] - mean) * (v[i] - mean);
	return s;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The least SSE over every way to cut the sorted values into k classes at
 * changes of value (cut c before index c, 0 < c < n), by recursion. */
static double best_sse(const double *v, size_t n, size_t start, size_t k)
{
	double best = INFINITY;
	size_t c;
	if (k == 1)
		return class_sse(v, start, n);
	for (c = start + 1; c < n; c++) {
		double s;
		if (v[c] == v[c - 1])
			continue;
		s = class_sse(v, start, c) + best_sse(v, n, c, k - 1);
		if (s < best)
			best = s;
	}
	return best;
}

START_TEST(test_jenks_exhaustive)
{
	/* 40 data sets of 6..14 values with ties, k = 2..5: our breaks' SSE equals
	 * the least SSE of an exhaustive search */
	uint64_t state = 12345;
	int set;
	for (set = 0; set < 40; set++) {
		double x[14], v[14], b[4], got;
		size_t n = 6 + (size_t)set % 9, k = 2 + (size_t)set % 4, i, j, lo;
		for (i = 0; i < n; i++) {
			state = state * 6364136223846793005u + 1442695040888963407u;
			x[i] = (double)((state >> 33) % 25) * (set % 3 == 0 ? 0.37 : 1.0);
		}
		memcpy(v, x, sizeof v);
		qsort(v, n, sizeof *v, cmp_double);
		{
			size_t m = 1;
			for (i = 1; i < n; i++)
				m += v[i] != v[i - 1];
			if (m < k) {
				ck_assert_status(cxm_rfm_jenks_breaks(b, k - 1, x, n), CXM_ETOO_FEW);
				continue;
			}
		}
		ck_assert_status(cxm_rfm_jenks_breaks(b, k - 1, x, n), CXM_OK);
		/* the classes the breaks make, [b_j, b_{j+1}) */
		got = 0;
		for (j = 0, lo = 0; j < k; j++) {
			size_t hi = lo;
			while (hi < n && (j == k - 1 || v[hi] < b[j]))
				hi++;
			ck_assert_msg(hi > lo, "set %d: class %zu is empty", set, j);
			if (j > 0)
				ck_assert(v[lo] == b[j - 1]);
			got += class_sse(v, lo, hi);
			lo = hi;
		}
		assert_abs(got, best_sse(v, n, 0, k), 1e-9);
	}
}
END_TEST

START_TEST(test_jenks_errors)
{
	static const double x[] = { 1, 1, 2 }, bad[] = { 1, NAN }, inf[] = { 1, INFINITY };
	double b[3];
	ck_assert_status(cxm_rfm_jenks_breaks(b, 0, x, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_jenks_breaks(NULL, 2, x, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_jenks_breaks(b, 2, x, 3), CXM_ETOO_FEW);
	assert_message_has("3 classes need at least 3 distinct values; x has 2");
	ck_assert_status(cxm_rfm_jenks_breaks(b, 1, bad, 2), CXM_ENAN);
	assert_message_has("x[1] is NaN");
	ck_assert_status(cxm_rfm_jenks_breaks(b, 1, inf, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_rfm_jenks_breaks(b, 1, NULL, 0), CXM_EEMPTY);
	ck_assert_status(cxm_rfm_jenks_breaks(b, 1, x, 3), CXM_OK);
	ck_assert(b[0] == 2);
}
END_TEST

/* ---- the scored table (§7.7) ------------------------------------------------------------ */

/* rfm_table_small: the golden vector's customers. */
static const double s_rd[] = { 5, 30, 30, 90, 200, 365, 12, 45, 45, 700, 1, 60 };
static const double s_fr[] = { 10, 3, 3, 1, 1, 2, 8, 4, 1, 1, 12, 2 };
static const double s_mo[] = { 1200.5, 300, 299.99, 40, 55, 120, 800, 410, 35, 20, 2500, 150 };
static const char *const s_id[] = { "c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10",
				    "c11", "c12" };

static cxm_table *small_customers(void)
{
	cxm_table *t = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", s_id, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "recency_days", s_rd, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "transaction_count", s_fr, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "amount", s_mo, 12), CXM_OK);
	ck_assert_status(cxm_table_set_attr_day(t, "analysis_day", 100), CXM_OK);
	return t;
}

/* Set B (§7.3) applied by hand to the vector's scores. */
static const char *const s_seg[] = { "Champions", "Loyal Customers", "Loyal Customers", "About To Sleep", "Lost",
				     "At Risk", "Champions", "Loyal Customers", "Potential Loyalist", "Lost",
				     "Champions", "Need Attention" };

START_TEST(test_score_quantile)
{
	/* rfm_table_small: scores and breaks */
	static const double er[] = { 5, 4, 4, 2, 1, 1, 5, 3, 3, 1, 5, 2 };
	static const double ef[] = { 5, 3, 3, 1, 1, 2, 4, 4, 1, 1, 5, 2 };
	static const double em[] = { 5, 3, 3, 1, 2, 2, 5, 4, 1, 1, 5, 3 };
	static const double erfm[] = { 555, 433, 433, 211, 112, 122, 545, 344, 311, 111, 555, 223 };
	static const double erb[] = { 16.6, 37.0, 55.00000000000002, 179.00000000000009 };
	static const double efb[] = { 2.0, 3.0, 4.0, 8.200000000000003 };
	cxm_table *c = small_customers(), *s = NULL, *b = NULL;
	const double *lo, *up, *sc;
	const char *const *dim;
	const char *word;
	size_t i;
	ck_assert_status(cxm_rfm_score_customers(&s, &b, c, NULL, NULL), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(s), 12);
	ck_assert_str_eq(cxm_table_column_name(s, 0), "customer_id");
	ck_assert_str_eq(cxm_table_column_name(s, 4), "recency_score");
	ck_assert_str_eq(cxm_table_column_name(s, 8), "segment");
	for (i = 0; i < 12; i++) {
		ck_assert(num(s, "recency_score")[i] == er[i]);
		ck_assert(num(s, "frequency_score")[i] == ef[i]);
		ck_assert(num(s, "monetary_score")[i] == em[i]);
		ck_assert(num(s, "rfm_score")[i] == erfm[i]);
		ck_assert_str_eq(txt(s, "segment")[i], s_seg[i]);
		ck_assert_str_eq(txt(s, "customer_id")[i], s_id[i]);
	}
	ck_assert(attr(s, "analysis_day") == 100 && attr(s, "recency_bins") == 5);
	ck_assert_status(cxm_table_get_attr_text(&word, s, "binning"), CXM_OK);
	ck_assert_str_eq(word, "quantile");
	/* breaks: recency scored descending, so score 5 is [min, b1) */
	ck_assert_uint_eq(cxm_table_rows(b), 15);
	dim = txt(b, "dimension");
	sc = num(b, "score");
	lo = num(b, "lower");
	up = num(b, "upper");
	ck_assert_str_eq(dim[0], "recency");
	ck_assert_str_eq(dim[5], "frequency");
	ck_assert_str_eq(dim[14], "monetary");
	ck_assert(sc[0] == 1 && sc[4] == 5);
	ck_assert_close(lo[4], 1.0);      /* recency score 5: [min = 1, 16.6) */
	ck_assert_close(up[4], erb[0]);
	ck_assert_close(lo[0], erb[3]);   /* recency score 1: [179, max + 1 = 701) */
	ck_assert_close(up[0], 701.0);
	ck_assert_close(lo[5], 1.0);      /* frequency score 1: [1, 2) */
	ck_assert_close(up[5], efb[0]);
	ck_assert_close(lo[9], efb[3]);
	ck_assert_close(up[9], 13.0);
	cxm_table_free(b);
	cxm_table_free(s);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_score_other_binnings)
{
	/* FIXED: rfm_custom_thresholds, the rfm docs' thresholds used as given */
	static const double rd[] = { 10, 115, 181, 300, 482, 600 }, fr[] = { 1, 4, 5, 6, 8, 12 };
	static const double mo[] = { 100, 256, 382, 506, 666, 700 };
	static const double rb[] = { 115, 181, 297, 482 }, fb[] = { 4, 5, 6, 8 }, mb[] = { 256, 382, 506, 666 };
	static const double erfm[] = { 511, 422, 333, 244, 155, 155 };
	/* RANK: rfm_rankqcut_recency (recency descending) */
	static const double rec[] = { 3, 40, 7, 120, 365, 15, 60, 2, 200, 90, 7, 7 };
	static const double erec[] = { 5, 3, 5, 1, 1, 3, 2, 5, 1, 2, 4, 4 };
	/* JENKS: three clear groups per dimension */
	static const double jr[] = { 1, 2, 3, 50, 51, 52, 300, 301, 302 }, jf[] = { 1, 1, 2, 5, 5, 6, 20, 21, 22 };
	static const double jm[] = { 10, 11, 12, 100, 101, 102, 1000, 1001, 1002 };
	static const double ejr[] = { 3, 3, 3, 2, 2, 2, 1, 1, 1 }, ejf[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3 };
	cxm_rfm_opts *o = NULL;
	cxm_table *c = NULL, *s = NULL, *b = NULL;
	size_t i;
	ck_assert_status(cxm_rfm_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_binning(o, CXM_RFM_BIN_FIXED), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_breaks(o, CXM_RFM_RECENCY, rb, 4), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_breaks(o, CXM_RFM_FREQUENCY, fb, 4), CXM_OK);
	ck_assert_status(cxm_table_new(&c), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "recency_days", rd, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "transaction_count", fr, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "amount", mo, 6), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s, &b, c, NULL, o), CXM_EBAD_ARG); /* no monetary breaks */
	assert_message_has("monetary");
	ck_assert_status(cxm_rfm_opts_set_breaks(o, CXM_RFM_MONETARY, mb, 4), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s, &b, c, NULL, o), CXM_OK);
	for (i = 0; i < 6; i++)
		ck_assert(num(s, "rfm_score")[i] == erfm[i]);
	ck_assert(num(b, "lower")[4] == 10 && num(b, "upper")[4] == 115); /* recency score 5 */
	cxm_table_free(s);
	cxm_table_free(b);
	cxm_table_free(c);

	ck_assert_status(cxm_table_new(&c), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "recency_days", rec, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "transaction_count", rec, 12), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "amount", rec, 12), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_binning(o, CXM_RFM_BIN_RANK), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s, &b, c, NULL, o), CXM_OK);
	for (i = 0; i < 12; i++) {
		ck_assert(num(s, "recency_score")[i] == erec[i]);
		ck_assert(num(s, "frequency_score")[i] == 6 - erec[i]);
	}
	/* RANK breaks: least and greatest value per score; recency 5 = {2, 3, 7} */
	ck_assert(num(b, "lower")[4] == 2 && num(b, "upper")[4] == 7);
	ck_assert(num(b, "lower")[3] == 7 && num(b, "upper")[3] == 7);
	cxm_table_free(s);
	cxm_table_free(b);
	cxm_table_free(c);

	ck_assert_status(cxm_table_new(&c), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "recency_days", jr, 9), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "transaction_count", jf, 9), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(c, "amount", jm, 9), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_binning(o, CXM_RFM_BIN_JENKS), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_bins(o, 3), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s, &b, c, NULL, o), CXM_OK);
	for (i = 0; i < 9; i++) {
		ck_assert(num(s, "recency_score")[i] == ejr[i]);
		ck_assert(num(s, "frequency_score")[i] == ejf[i]);
		ck_assert(num(s, "monetary_score")[i] == ejf[i]);
	}
	ck_assert_uint_eq(cxm_table_rows(b), 9);
	ck_assert(num(b, "lower")[7] == 100 && num(b, "upper")[7] == 1000); /* monetary 2: [100, 1000) */
	cxm_table_free(s);
	cxm_table_free(b);
	/* too few distinct values for 9 Jenks classes: TOO_FEW naming the column */
	ck_assert_status(cxm_rfm_opts_set_bins(o, 9), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s, NULL, c, NULL, o), CXM_ETOO_FEW);
	assert_message_has("transaction_count");
	cxm_table_free(c);
	cxm_rfm_opts_free(o);
}
END_TEST

START_TEST(test_opts_and_score_errors)
{
	static const double v[] = { 1, 2 }, nan1[] = { NAN };
	cxm_rfm_opts *o = NULL;
	cxm_table *c = small_customers(), *s = NULL, *e = NULL;
	ck_assert_status(cxm_rfm_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_rfm_opts_set_bins(o, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_bins(o, 10), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_bins(NULL, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_binning(o, 4), CXM_EBAD_ARG);
	assert_message_has("quantile, rank, fixed or jenks");
	ck_assert_status(cxm_rfm_opts_set_breaks(o, 3, v, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_breaks(o, 0, v, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_breaks(o, 0, nan1, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_match(o, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_opts_set_match(o, CXM_RFM_LAST_MATCH), CXM_OK);
	cxm_rfm_opts_free(NULL);
	ck_assert_status(cxm_rfm_score_customers(NULL, NULL, c, NULL, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_rfm_score_customers(&s, NULL, NULL, NULL, o), CXM_EBAD_ARG);
	ck_assert_status(cxm_table_new(&e), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(e, "recency_days", v, 2), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s, NULL, e, NULL, o), CXM_EBAD_ARG);
	assert_message_has("transaction_count");
	cxm_table_free(e);
	/* a NaN value names the column */
	ck_assert_status(cxm_table_new(&e), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(e, "recency_days", v, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(e, "transaction_count", v, 2), CXM_OK);
	{
		static const double m[] = { 3, NAN };
		ck_assert_status(cxm_table_add_numbers(e, "amount", m, 2), CXM_OK);
	}
	ck_assert_status(cxm_rfm_score_customers(&s, NULL, e, NULL, o), CXM_ENAN);
	assert_message_has("amount: x[1] is NaN");
	ck_assert_ptr_null(s);
	cxm_table_free(e);
	cxm_rfm_opts_free(o);
	cxm_table_free(c);
}
END_TEST

/* ---- summary (§7.9) --------------------------------------------------------------------- */

START_TEST(test_summary)
{
	/* pandas over rfm_table_small with the set-B segments (see s_seg):
	 * groupby(segment) size, sum(frequency), math.fsum(monetary), means */
	static const char *const seg[] = { "Champions", "Loyal Customers", "Potential Loyalist", "New Customers",
					   "Promising", "Need Attention", "About To Sleep", "At Risk",
					   "Can't Lose Them", "Lost", "Others" };
	static const double cust[] = { 3, 3, 1, 0, 0, 1, 1, 1, 0, 2, 0 };
	static const double orders[] = { 30, 10, 1, 0, 0, 2, 1, 2, 0, 2, 0 };
	static const double rev[] = { 4500.5, 1009.99, 35, 0, 0, 150, 40, 120, 0, 75, 0 };
	cxm_table *c = small_customers(), *s = NULL, *y = NULL;
	const double *share, *aov, *rm, *fm, *mm, *dm, *am;
	size_t i;
	ck_assert_status(cxm_rfm_score_customers(&s, NULL, c, NULL, NULL), CXM_OK);
	ck_assert_status(cxm_rfm_segment_summary(&y, s, NULL), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(y), 11);
	for (i = 0; i < 11; i++) {
		ck_assert_str_eq(txt(y, "segment")[i], seg[i]);
		ck_assert(num(y, "customers")[i] == cust[i]);
		ck_assert(num(y, "orders")[i] == orders[i]);
		ck_assert(num(y, "revenue")[i] == rev[i]);
	}
	share = num(y, "share");
	aov = num(y, "average_order_value");
	rm = num(y, "recency_score_mean");
	fm = num(y, "frequency_score_mean");
	mm = num(y, "monetary_score_mean");
	dm = num(y, "recency_days_mean");
	am = num(y, "amount_mean");
	ck_assert_close(share[0], 25.0);
	ck_assert_close(share[2], 8.333333333333334);
	ck_assert_close(share[9], 16.666666666666668);
	ck_assert_close(aov[0], 150.01666666666668);
	ck_assert_close(aov[1], 100.999);
	ck_assert_close(rm[1], 3.6666666666666665);
	ck_assert_close(fm[0], 4.666666666666667);
	ck_assert_close(mm[1], 3.3333333333333335);
	ck_assert_close(mm[9], 1.5);
	ck_assert_close(dm[1], 35.0);
	ck_assert_close(dm[9], 450.0);
	ck_assert_close(am[0], 1500.1666666666667);
	ck_assert(isnan(aov[3]) && isnan(rm[3]) && isnan(am[10]) && share[3] == 0);
	ck_assert(attr(y, "customers") == 12);
	ck_assert_str_eq(cxm_table_row_name(y), "segments");
	cxm_table_free(y);
	/* a segment the rules do not name goes after Others */
	{
		cxm_rfm_rules *r = NULL;
		ck_assert_status(cxm_rfm_rules_new(&r), CXM_OK);
		ck_assert_status(cxm_rfm_rules_add(r, "Lost", 1, 5, 1, 5, 1, 5), CXM_OK);
		ck_assert_status(cxm_rfm_segment_summary(&y, s, r), CXM_OK);
		ck_assert_uint_eq(cxm_table_rows(y), 8);
		ck_assert_str_eq(txt(y, "segment")[0], "Lost");
		ck_assert_str_eq(txt(y, "segment")[1], "Others");
		ck_assert_str_eq(txt(y, "segment")[2], "About To Sleep"); /* byte order */
		ck_assert_str_eq(txt(y, "segment")[7], "Potential Loyalist");
		cxm_table_free(y);
		cxm_rfm_rules_free(r);
	}
	ck_assert_status(cxm_rfm_segment_summary(&y, c, NULL), CXM_EBAD_ARG); /* not scored */
	assert_message_has("segment");
	ck_assert_status(cxm_rfm_segment_summary(NULL, s, NULL), CXM_EBAD_ARG);
	cxm_table_free(s);
	cxm_table_free(c);
}
END_TEST

/* ---- migration (§7.10) ---------------------------------------------------------------------- */

static cxm_table *seg_table(const char *const *ids, const char *const *segs, size_t n)
{
	cxm_table *t = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", ids, n), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "segment", segs, n), CXM_OK);
	return t;
}

START_TEST(test_migration)
{
	/* by hand: p, q Champions -> p Champions, q At Risk; r Lost -> gone;
	 * s Lost -> Champions; t new -> Lost; u new -> Champions */
	static const char *const fid[] = { "p", "q", "r", "s" };
	static const char *const fseg[] = { "Champions", "Champions", "Lost", "Lost" };
	static const char *const tid[] = { "u", "s", "q", "p", "t" };
	static const char *const tseg[] = { "Champions", "Champions", "At Risk", "Champions", "Lost" };
	static const char *const ef[] = { "(new)", "(new)", "Champions", "Champions", "Lost", "Lost" };
	static const char *const et[] = { "Champions", "Lost", "Champions", "At Risk", "Champions", "(gone)" };
	static const double ec[] = { 1, 1, 1, 1, 1, 1 }, es[] = { 50, 50, 50, 50, 50, 50 };
	static const char *const dup[] = { "p", "p" };
	cxm_table *f = seg_table(fid, fseg, 4), *t = seg_table(tid, tseg, 5), *m = NULL, *d = NULL;
	size_t i;
	ck_assert_status(cxm_rfm_migration(&m, f, t, NULL), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(m), 6);
	for (i = 0; i < 6; i++) {
		ck_assert_str_eq(txt(m, "from_segment")[i], ef[i]);
		ck_assert_str_eq(txt(m, "to_segment")[i], et[i]);
		ck_assert(num(m, "customers")[i] == ec[i]);
		ck_assert(num(m, "share")[i] == es[i]);
	}
	ck_assert(attr(m, "from_customers") == 4 && attr(m, "to_customers") == 5);
	ck_assert(attr(m, "new_customers") == 2 && attr(m, "gone_customers") == 1);
	cxm_table_free(m);
	d = seg_table(dup, fseg, 2);
	ck_assert_status(cxm_rfm_migration(&m, d, t, NULL), CXM_EBAD_ARG);
	assert_message_has("customer \"p\" is twice in the from table");
	ck_assert_status(cxm_rfm_migration(&m, f, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_ptr_null(m);
	cxm_table_free(d);
	cxm_table_free(f);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_migration_from_orders)
{
	/* the same orders at two dates: through day 15 (analysis 15) and all
	 * (analysis 30), default quantile scores and set B; every customer of the
	 * first snapshot is in the second, so there is no "(gone)" row, and the
	 * counts add up to each side */
	cxm_table *o = orders_table(), *c1 = NULL, *c2 = NULL, *s1 = NULL, *s2 = NULL, *m = NULL;
	double total = 0;
	size_t i;
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c1, o, 15, 15, CXM_RFM_RETURNS_KEEP), CXM_OK);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c2, o, 30, NAN, CXM_RFM_RETURNS_KEEP), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s1, NULL, c1, NULL, NULL), CXM_OK);
	ck_assert_status(cxm_rfm_score_customers(&s2, NULL, c2, NULL, NULL), CXM_OK);
	ck_assert_status(cxm_rfm_migration(&m, s1, s2, NULL), CXM_OK);
	for (i = 0; i < cxm_table_rows(m); i++) {
		ck_assert_str_ne(txt(m, "to_segment")[i], "(gone)");
		ck_assert_str_ne(txt(m, "from_segment")[i], "(new)");
		total += num(m, "customers")[i];
	}
	ck_assert(total == 5);
	cxm_table_free(m);
	cxm_table_free(s1);
	cxm_table_free(s2);
	cxm_table_free(c1);
	cxm_table_free(c2);
	cxm_table_free(o);
}
END_TEST

/* ---- out of memory ---------------------------------------------------------------------------- */

typedef int (*oom_step)(void **result);
typedef void (*oom_free)(void *result);

static long oom_loop(oom_step step, oom_free release)
{
	long k;
	int rc;
	for (k = 0;; k++) {
		void *result = NULL;
		oom_arm(k);
		rc = step(&result);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			if (release)
				release(result);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	return k;
}

static void free_table(void *p)
{
	cxm_table_free(p);
}

static int step_orders(void **res)
{
	return cxm_rfm_orders_aggregate((cxm_table **)res, o_ids, 12, o_days, 12, o_amt, 12, o_can, 12, 30,
					CXM_RFM_RETURNS_NET);
}

static int step_orders_numeric(void **res)
{
	return cxm_rfm_orders_aggregate_numeric((cxm_table **)res, o_num, 12, o_days, 12, o_amt, 12, NULL, 0, 30, 0);
}

static int step_orders_exact(void **res)
{
	static const char *const ids[] = { "x", "x", "x" };
	static const double days[] = { 1, 2, 3 }, amt[] = { 1e200, 1.0, 1e-200 };
	return cxm_rfm_orders_aggregate((cxm_table **)res, ids, 3, days, 3, amt, 3, NULL, 0, 30, 0);
}

static cxm_table *g_orders, *g_customers, *g_scored, *g_scored2;

static int step_orders_table(void **res)
{
	return cxm_rfm_orders_aggregate_table((cxm_table **)res, g_orders, 30, NAN, CXM_RFM_RETURNS_NET);
}

static char g_csv[TMP_PATH_SIZE];

static int step_read_csv(void **res)
{
	static const char *const words[] = { "void" };
	return cxm_rfm_orders_read_csv((cxm_table **)res, g_csv, "who", "when", "total", "state", words, 1);
}

static int step_jenks(void **res)
{
	double b[2];
	(void)res;
	return cxm_rfm_jenks_breaks(b, 2, s_mo, 12);
}

static int step_opts(void **res)
{
	return cxm_rfm_opts_new((cxm_rfm_opts **)res);
}

static void free_opts(void *p)
{
	cxm_rfm_opts_free(p);
}

static int step_score(void **res)
{
	cxm_table *b = NULL;
	int rc = cxm_rfm_score_customers((cxm_table **)res, &b, g_customers, NULL, NULL);
	cxm_table_free(b);
	return rc;
}

static int step_summary(void **res)
{
	return cxm_rfm_segment_summary((cxm_table **)res, g_scored, NULL);
}

static int step_migration(void **res)
{
	return cxm_rfm_migration((cxm_table **)res, g_scored2, g_scored, NULL);
}

START_TEST(test_oom)
{
	static const char *const ids2[] = { "c02", "c01", "zz" };
	static const char *const seg2[] = { "Lost", "Champions", "Others" };
	g_orders = orders_table();
	g_customers = small_customers();
	ck_assert_status(cxm_rfm_score_customers(&g_scored, NULL, g_customers, NULL, NULL), CXM_OK);
	g_scored2 = seg_table(ids2, seg2, 3);
	{
		FILE *f = open_tmp(g_csv);
		fputs("who,when,total,state\na,2024-01-02,10,paid\nb,2024-01-05,7.5,void\n", f);
		ck_assert_int_eq(fclose(f), 0);
	}
	ck_assert_int_ge(oom_loop(step_read_csv, free_table), 5);
	remove(g_csv);
	ck_assert_int_ge(oom_loop(step_orders, free_table), 5);
	ck_assert_int_ge(oom_loop(step_orders_numeric, free_table), 5);
	ck_assert_int_ge(oom_loop(step_orders_exact, free_table), 5);
	ck_assert_int_ge(oom_loop(step_orders_table, free_table), 5);
	ck_assert_int_ge(oom_loop(step_jenks, NULL), 5);
	ck_assert_int_ge(oom_loop(step_opts, free_opts), 1);
	ck_assert_int_ge(oom_loop(step_score, free_table), 10);
	ck_assert_int_ge(oom_loop(step_summary, free_table), 5);
	ck_assert_int_ge(oom_loop(step_migration, free_table), 5);
	cxm_table_free(g_scored2);
	cxm_table_free(g_scored);
	cxm_table_free(g_customers);
	cxm_table_free(g_orders);
}
END_TEST

static Suite *rfm_data_suite(void)
{
	Suite *s = suite_create("rfm_data");
	TCase *tc = tcase_create("orders");
	tcase_add_test(tc, test_orders_policies);
	tcase_add_test(tc, test_orders_numeric);
	tcase_add_test(tc, test_orders_exact_sum);
	tcase_add_test(tc, test_orders_errors);
	tcase_add_test(tc, test_orders_table_and_csv);
	tcase_add_test(tc, test_orders_partitions);
	suite_add_tcase(s, tc);
	tc = tcase_create("jenks");
	tcase_add_test(tc, test_jenks_published);
	tcase_add_test(tc, test_jenks_exhaustive);
	tcase_add_test(tc, test_jenks_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("scored");
	tcase_add_test(tc, test_score_quantile);
	tcase_add_test(tc, test_score_other_binnings);
	tcase_add_test(tc, test_opts_and_score_errors);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_migration);
	tcase_add_test(tc, test_migration_from_orders);
	suite_add_tcase(s, tc);
	tc = tcase_create("oom");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(rfm_data_suite)
