/*
 * tests/unit/test_segment.c - value x price-sensitivity segments (spec §13)
 * and the value-segment rule tables through the shared validator (§7.8).
 *
 * Expected values are worked by hand in the comments: seven customers whose
 * spends sort to 20, 23, 50, 60, 100, 220, 300, so that the type-7 quantiles
 * (§0.4) are Q(0.2) = 23 + 0.2 x 27 = 28.4, Q(0.6) = 60 + 0.6 x 40 = 84 and
 * Q(0.8) = 100 + 0.8 x 120 = 196, and each customer's segment follows from
 * the value_price table of §13.3 rule by rule.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#define TMP_PREFIX "cxm_test_segment_"
#include "harness.h"
#include "oom.h"
#include "tmpfile.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static size_t col(const cxm_table *t, const char *name)
{
	size_t i;
	ck_assert_status(cxm_table_column_index(&i, t, name), CXM_OK);
	return i;
}

static double attr(const cxm_table *t, const char *name)
{
	double x;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/* orders: a 100 + 120 at full price; b 20 with 10 off; c 50; d 30 with 20 off and 30;
 * e 10, 5, 8; f 300; g 40 with 20 off and 60 */
static const char *const ids[] = { "a", "b", "a", "c", "d", "d", "e", "e", "e", "f", "g", "g" };
static const double amt[] = { 100, 20, 120, 50, 30, 30, 10, 5, 8, 300, 40, 60 };
static const double dis[] = { 0, 10, 0, 0, 20, 0, 0, 0, 0, 0, 20, 0 };

static cxm_table *customers(void)
{
	cxm_table *c = NULL;
	ck_assert_status(cxm_segment_value_customers(&c, ids, N_OF(ids), amt, N_OF(amt), dis, N_OF(dis)), CXM_OK);
	return c;
}

START_TEST(test_value_customers)
{
	static const char *const exp_id[] = { "a", "b", "c", "d", "e", "f", "g" };
	static const double spend[] = { 220, 20, 50, 60, 23, 300, 100 };
	static const double orders[] = { 2, 1, 1, 2, 3, 1, 2 };
	/* discount / (paid + discount): b 10/30, d 20/80, g 20/120 */
	static const double dshare[] = { 0, 1.0 / 3, 0, 0.25, 0, 0, 20.0 / 120 };
	static const double fshare[] = { 1, 0, 1, 0.5, 1, 1, 0.5 };
	cxm_table *c = customers();
	size_t i;
	ck_assert_str_eq(cxm_table_row_name(c), "customers");
	ck_assert_uint_eq(cxm_table_rows(c), 7);
	ck_assert_uint_eq(cxm_table_column_count(c), 6);
	for (i = 0; i < 7; i++) {
		ck_assert_str_eq(cxm_table_texts(c, col(c, "customer_id"))[i], exp_id[i]);
		ck_assert(cxm_table_numbers(c, col(c, "spend"))[i] == spend[i]);
		ck_assert(cxm_table_numbers(c, col(c, "orders"))[i] == orders[i]);
		ck_assert_close(cxm_table_numbers(c, col(c, "discount_share"))[i], dshare[i]);
		ck_assert(cxm_table_numbers(c, col(c, "full_price_share"))[i] == fshare[i]);
		ck_assert_close(cxm_table_numbers(c, col(c, "average_order_value"))[i], spend[i] / orders[i]);
	}
	cxm_table_free(c);
}
END_TEST

/* Sums are exact, rounded once (spec §0.9), as Python's math.fsum:
 * fsum([1e16, 1, 1]) = 1.0000000000000002e16 (a running sum gives 1e16),
 * fsum([1e16, 1]) = 1e16 (half-way: to even), fsum([1e16, 1, 1e-16]) =
 * 1.0000000000000002e16 (just above half-way), fsum([0.1] * 10) = 1.0. */
START_TEST(test_value_customers_exact_sums)
{
	static const char *const id[] = { "a", "a", "a", "b", "b", "c", "c", "c", "d", "d", "d", "d", "d",
					  "d", "d", "d", "d", "d" };
	static const double amount[] = { 1e16, 1, 1, 1e16, 1, 1e16, 1, 1e-16, 0.1, 0.1, 0.1, 0.1, 0.1,
					 0.1, 0.1, 0.1, 0.1, 0.1 };
	static const double zero[N_OF(amount)] = { 0 };
	static const double big[] = { 1e308, 1e308 };
	static const char *const two[] = { "x", "x" };
	cxm_table *c = NULL;
	const double *spend;
	ck_assert_status(cxm_segment_value_customers(&c, id, N_OF(id), amount, N_OF(amount), zero, N_OF(zero)),
			 CXM_OK);
	spend = cxm_table_numbers(c, col(c, "spend"));
	ck_assert(spend[0] == 1.0000000000000002e16);
	ck_assert(spend[1] == 1e16);
	ck_assert(spend[2] == 1.0000000000000002e16);
	ck_assert(spend[3] == 1.0);
	cxm_table_free(c);
	ck_assert_status(cxm_segment_value_customers(&c, two, 2, big, 2, big, 2), CXM_EOUT_OF_RANGE);
	assert_message_has("customer \"x\" overflows");
}
END_TEST

START_TEST(test_value_customers_errors)
{
	static const char *const two[] = { "x", "y" };
	const char *nul[] = { "x", NULL };
	double ok[] = { 1, 2 }, bad[] = { 1, -2 };
	cxm_table *c = (cxm_table *)&c;
	ck_assert_status(cxm_segment_value_customers(&c, two, 2, ok, 1, ok, 2), CXM_EBAD_ARG);
	ck_assert_ptr_null(c);
	assert_message_has("2, 1 and 2 entries");
	ck_assert_status(cxm_segment_value_customers(&c, two, 0, ok, 0, ok, 0), CXM_EEMPTY);
	ck_assert_status(cxm_segment_value_customers(&c, nul, 2, ok, 2, ok, 2), CXM_EBAD_ARG);
	assert_message_has("customer_ids[1] (row 2) is missing (NULL)");
	ck_assert_status(cxm_segment_value_customers(&c, two, 2, bad, 2, ok, 2), CXM_EOUT_OF_RANGE);
	assert_message_has("amounts[1] (customer \"y\") is -2");
	ck_assert_status(cxm_segment_value_customers(&c, two, 2, ok, 2, bad, 2), CXM_EOUT_OF_RANGE);
	assert_message_has("discounts[1] (customer \"y\")");
	bad[1] = NAN;
	ck_assert_status(cxm_segment_value_customers(&c, two, 2, ok, 2, bad, 2), CXM_ENAN);
	assert_message_has("discounts[1] (customer \"y\") is NaN");
	bad[1] = INFINITY;
	ck_assert_status(cxm_segment_value_customers(&c, two, 2, bad, 2, ok, 2), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_segment_value_customers(&c, NULL, 2, ok, 2, ok, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_segment_value_customers(NULL, two, 2, ok, 2, ok, 2), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_assign_value_price)
{
	/* a 220 >= Q.6 = 84, full price 1 -> Luxury; b discount 1/3 -> Bargain;
	 * c 50 < 84, one order -> One-Time; d discount 0.25 -> Bargain (min is
	 * inclusive); e 23 < Q.2 = 28.4, 3 orders -> Low-Value Regulars; f 300,
	 * full price -> Luxury; g 100, discount 1/6, full price 1/2, 2 orders ->
	 * Mainstream Backbone */
	static const char *const exp[] = { "Luxury / Aspirational", "Bargain Hunters", "One-Time Buyers",
					   "Bargain Hunters", "Low-Value Regulars", "Luxury / Aspirational",
					   "Mainstream Backbone" };
	cxm_segment_rules *r = NULL;
	cxm_table *c = customers(), *a = NULL, *th = NULL;
	const char *text;
	size_t i;
	ck_assert_status(cxm_segment_rules_builtin(&r, CXM_SEGMENT_RULES_DEFAULT), CXM_OK);
	ck_assert_uint_eq(cxm_segment_rules_count(r), 6);
	ck_assert_uint_eq(cxm_segment_rules_dimension_count(r), 4);
	ck_assert_str_eq(cxm_segment_rules_dimension(r, 2), "discount_share");
	ck_assert_ptr_null(cxm_segment_rules_dimension(r, 4));
	ck_assert_str_eq(cxm_segment_rules_name(r, 2), "Bargain Hunters");
	ck_assert_ptr_null(cxm_segment_rules_name(r, 6));
	ck_assert_int_eq(cxm_segment_rules_match(r), CXM_RFM_FIRST_MATCH);
	ck_assert_status(cxm_segment_assign(&a, &th, c, r, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(a), 7);
	for (i = 0; i < 7; i++)
		ck_assert_str_eq(cxm_table_texts(a, col(a, "segment"))[i], exp[i]);
	ck_assert_str_eq(cxm_table_texts(a, col(a, "customer_id"))[6], "g");
	ck_assert_status(cxm_table_get_attr_text(&text, a, "rules"), CXM_OK);
	ck_assert_str_eq(text, "value_price");
	/* thresholds: one row per bound, in rule order */
	ck_assert_str_eq(cxm_table_row_name(th), "thresholds");
	ck_assert_uint_eq(cxm_table_rows(th), 10);
	ck_assert_str_eq(cxm_table_texts(th, col(th, "rule"))[0], "Luxury / Aspirational");
	ck_assert_str_eq(cxm_table_texts(th, col(th, "dimension"))[0], "spend");
	ck_assert_str_eq(cxm_table_texts(th, col(th, "bound"))[0], "min");
	ck_assert(cxm_table_numbers(th, col(th, "quantile"))[0] == 0.6);
	ck_assert_close(cxm_table_numbers(th, col(th, "value"))[0], 84.0);
	ck_assert(isnan(cxm_table_numbers(th, col(th, "quantile"))[1]));
	ck_assert(cxm_table_numbers(th, col(th, "value"))[1] == 0.75);
	ck_assert_close(cxm_table_numbers(th, col(th, "value"))[2], 196.0);
	ck_assert_close(cxm_table_numbers(th, col(th, "value"))[5], 28.4);
	ck_assert_str_eq(cxm_table_texts(th, col(th, "rule"))[7], "One-Time Buyers");
	ck_assert_str_eq(cxm_table_texts(th, col(th, "bound"))[7], "max");
	ck_assert(cxm_table_numbers(th, col(th, "value"))[7] == 2);
	cxm_table_free(a);
	cxm_table_free(th);
	/* thresholds may be NULL; last match: d (discount 0.25, 2 orders, 60 >=
	 * 28.4) is Mainstream Backbone, matched from the end before Bargain Hunters */
	ck_assert_status(cxm_segment_assign(&a, NULL, c, r, CXM_RFM_LAST_MATCH), CXM_OK);
	ck_assert_str_eq(cxm_table_texts(a, col(a, "segment"))[3], "Mainstream Backbone");
	ck_assert_str_eq(cxm_table_texts(a, col(a, "segment"))[4], "Low-Value Regulars");
	/* assigning an assigned table again replaces its segment column */
	ck_assert_status(cxm_segment_assign(&th, NULL, a, r, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_uint_eq(cxm_table_column_count(th), 7);
	ck_assert_str_eq(cxm_table_texts(th, col(th, "segment"))[3], "Bargain Hunters");
	cxm_table_free(th);
	cxm_table_free(a);
	cxm_segment_rules_free(r);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_summary)
{
	cxm_segment_rules *r = NULL;
	cxm_table *c = customers(), *a = NULL, *s = NULL;
	const double *cnt, *spend, *aov, *share;
	ck_assert_status(cxm_segment_rules_builtin(&r, "value_price"), CXM_OK);
	ck_assert_status(cxm_segment_assign(&a, NULL, c, r, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert_status(cxm_segment_summary(&s, a, r), CXM_OK);
	ck_assert_str_eq(cxm_table_row_name(s), "segments");
	ck_assert_uint_eq(cxm_table_rows(s), 7);
	ck_assert_str_eq(cxm_table_texts(s, col(s, "segment"))[6], "Others");
	cnt = cxm_table_numbers(s, col(s, "customers"));
	spend = cxm_table_numbers(s, col(s, "spend"));
	aov = cxm_table_numbers(s, col(s, "average_order_value"));
	share = cxm_table_numbers(s, col(s, "share"));
	/* Luxury: a and f, 520 over 3 orders; Bargain: b and d, 80 over 3; the
	 * empty Discount-Driven High Value and Others rows are kept */
	ck_assert(cnt[0] == 2 && spend[0] == 520);
	ck_assert_close(aov[0], 520.0 / 3);
	ck_assert_close(share[0], 200.0 / 7);
	ck_assert(cnt[1] == 0 && spend[1] == 0 && isnan(aov[1]));
	ck_assert(cnt[2] == 2 && spend[2] == 80);
	ck_assert(cnt[6] == 0);
	/* spend share of all 773 */
	ck_assert_close(cxm_table_numbers(s, col(s, "spend_share"))[0], 100.0 * 520 / 773);
	ck_assert_close(cxm_table_numbers(s, col(s, "discount_share_mean"))[2], (1.0 / 3 + 0.25) / 2);
	ck_assert(isnan(cxm_table_numbers(s, col(s, "orders_mean"))[1]));
	cxm_table_free(s);
	ck_assert_status(cxm_segment_summary(&s, c, r), CXM_EBAD_ARG);
	assert_message_has("\"segment\"");
	ck_assert_status(cxm_segment_summary(&s, a, NULL), CXM_EBAD_ARG);
	cxm_table_free(a);
	cxm_table_free(c);
	cxm_segment_rules_free(r);
}
END_TEST

START_TEST(test_assign_errors)
{
	static const char txt[] = "{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"Hi\", \"x\": {\"min\": 1}}]}";
	cxm_segment_rules *r = NULL;
	cxm_table *t = NULL, *a = (cxm_table *)&a, *th = (cxm_table *)&th;
	double x[] = { 0, 2, NAN };
	const char *const names[] = { "p", "q", "r" };
	ck_assert_status(cxm_segment_rules_from_json(&r, txt, strlen(txt)), CXM_OK);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "x_text", names, 3), CXM_OK);
	ck_assert_status(cxm_segment_assign(&a, &th, t, r, 0), CXM_EBAD_ARG);
	ck_assert_ptr_null(a);
	ck_assert_ptr_null(th);
	assert_message_has("no column \"x\"");
	ck_assert_status(cxm_table_add_texts(t, "x", names, 3), CXM_OK);
	ck_assert_status(cxm_segment_assign(&a, NULL, t, r, 0), CXM_EBAD_ARG);
	assert_message_has("\"x\" of the customers table is text");
	cxm_table_free(t);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x", x, 3), CXM_OK);
	ck_assert_status(cxm_segment_assign(&a, NULL, t, r, 0), CXM_ENAN);
	assert_message_has("row 3, column \"x\" is NaN");
	cxm_table_free(t);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x", x, 2), CXM_OK);
	ck_assert_status(cxm_segment_assign(&a, NULL, t, r, 5), CXM_EBAD_ARG);
	ck_assert_status(cxm_segment_assign(&a, NULL, t, NULL, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_segment_assign(&a, NULL, NULL, r, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_segment_assign(NULL, NULL, t, r, 0), CXM_EBAD_ARG);
	/* no rule matches 0: Others */
	ck_assert_status(cxm_segment_assign(&a, NULL, t, r, 0), CXM_OK);
	ck_assert_str_eq(cxm_table_texts(a, col(a, "segment"))[0], CXM_SEGMENT_NO_SEGMENT);
	ck_assert_str_eq(cxm_table_texts(a, col(a, "segment"))[1], "Hi");
	cxm_table_free(a);
	cxm_table_free(t);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x", x, 0), CXM_OK);
	ck_assert_status(cxm_segment_assign(&a, NULL, t, r, 0), CXM_EEMPTY);
	cxm_table_free(t);
	cxm_segment_rules_free(r);
}
END_TEST

START_TEST(test_validate_value_price)
{
	cxm_segment_rules *r = NULL;
	cxm_table *t = NULL, *c = customers();
	const char *q;
	ck_assert_status(cxm_segment_rules_builtin(&r, "value_price"), CXM_OK);
	/* spend in quantile levels, the rest in values: no rule unreachable, every
	 * cell covered (§13.3: each customer falls in some segment) */
	ck_assert_status(cxm_segment_rules_validate(&t, r, NULL, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert(attr(t, "unreachable") == 0);
	ck_assert(attr(t, "uncovered_cells") == 0);
	ck_assert(attr(t, "overlaps") == 10);
	ck_assert_status(cxm_table_get_attr_text(&q, t, "quantile_dimensions"), CXM_OK);
	ck_assert_str_eq(q, "spend");
	/* Bargain Hunters and One-Time Buyers meet where discount >= 0.25 and orders < 2 */
	{
		const char *const *k = cxm_table_texts(t, col(t, "kind"));
		const char *const *o = cxm_table_texts(t, col(t, "other"));
		const char *const *ru = cxm_table_texts(t, col(t, "rule"));
		size_t i;
		for (i = 0; i < cxm_table_rows(t); i++)
			if (strcmp(k[i], "overlap") == 0 && strcmp(ru[i], "Bargain Hunters") == 0 &&
			    strcmp(o[i], "One-Time Buyers") == 0)
				break;
		ck_assert_uint_lt(i, cxm_table_rows(t));
		ck_assert(cxm_table_numbers(t, col(t, "spend_min"))[i] == 0);
		ck_assert(cxm_table_numbers(t, col(t, "spend_max"))[i] == 1);
		ck_assert(cxm_table_numbers(t, col(t, "orders_min"))[i] == 1);
		ck_assert(cxm_table_numbers(t, col(t, "orders_max"))[i] == 2);
		ck_assert(cxm_table_numbers(t, col(t, "discount_share_min"))[i] == 0.25);
		ck_assert(cxm_table_numbers(t, col(t, "discount_share_max"))[i] == 1);
	}
	cxm_table_free(t);
	/* with customers: the quantiles become 84, 196, 28.4; still complete */
	ck_assert_status(cxm_segment_rules_validate(&t, r, c, CXM_RFM_FIRST_MATCH), CXM_OK);
	ck_assert(attr(t, "unreachable") == 0 && attr(t, "uncovered_cells") == 0);
	ck_assert_status(cxm_table_get_attr_text(&q, t, "quantile_dimensions"), CXM_OK);
	ck_assert_str_eq(q, "");
	ck_assert_close(cxm_table_numbers(t, col(t, "spend_min"))[0], 196.0);
	ck_assert(isnan(cxm_table_numbers(t, col(t, "spend_max"))[0]));
	cxm_table_free(t);
	ck_assert_status(cxm_segment_rules_validate(&t, r, NULL, 3), CXM_EBAD_ARG);
	ck_assert_status(cxm_segment_rules_validate(&t, NULL, NULL, 0), CXM_EBAD_ARG);
	cxm_segment_rules_free(r);
	cxm_table_free(c);
}
END_TEST

START_TEST(test_validate_custom)
{
	/* x in [0, 10]: A [2, 5), B [3, 4) inside A (unreachable), C [5, 6);
	 * uncovered: [0, 2) and [6, 10] */
	static const char txt[] = "{\"dimensions\": [{\"name\": \"x\", \"min\": 0, \"max\": 10}], \"segments\": ["
				  "{\"name\": \"A\", \"x\": {\"min\": 2, \"max\": 5}},"
				  "{\"name\": \"B\", \"x\": {\"min\": 3, \"max\": 4}},"
				  "{\"name\": \"C\", \"x\": {\"min\": 5, \"max\": 6}}]}";
	static const char mixed[] = "{\"dimensions\": [\"x\"], \"segments\": ["
				    "{\"name\": \"A\", \"x\": {\"min\": 2}}, {\"name\": \"B\", \"x\": {\"min\": {\"quantile\": 0.5}}}]}";
	cxm_segment_rules *r = NULL;
	cxm_table *t = NULL;
	const char *const *k, *const *ru, *const *o;
	const double *lo, *hi;
	ck_assert_status(cxm_segment_rules_from_json(&r, txt, strlen(txt)), CXM_OK);
	ck_assert_status(cxm_segment_rules_validate(&t, r, NULL, 0), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 4);
	k = cxm_table_texts(t, col(t, "kind"));
	ru = cxm_table_texts(t, col(t, "rule"));
	o = cxm_table_texts(t, col(t, "other"));
	lo = cxm_table_numbers(t, col(t, "x_min"));
	hi = cxm_table_numbers(t, col(t, "x_max"));
	ck_assert(strcmp(k[0], "overlap") == 0 && strcmp(ru[0], "A") == 0 && strcmp(o[0], "B") == 0);
	ck_assert(lo[0] == 3 && hi[0] == 4);
	ck_assert(strcmp(k[1], "unreachable") == 0 && strcmp(ru[1], "B") == 0 && strcmp(o[1], "A") == 0);
	ck_assert(strcmp(k[2], "uncovered") == 0 && lo[2] == 0 && hi[2] == 2);
	/* the domain's max is inclusive: the last block ends at 10 */
	ck_assert(strcmp(k[3], "uncovered") == 0 && lo[3] == 6 && hi[3] == 10);
	ck_assert(attr(t, "uncovered_cells") == 2 && attr(t, "overlaps") == 1 && attr(t, "unreachable") == 1);
	cxm_table_free(t);
	/* last match: B comes first from the end and A keeps [2, 3) and [4, 5) */
	ck_assert_status(cxm_segment_rules_validate(&t, r, NULL, CXM_RFM_LAST_MATCH), CXM_OK);
	ck_assert(attr(t, "unreachable") == 0 && attr(t, "shadowed") == 1);
	cxm_table_free(t);
	cxm_segment_rules_free(r);
	/* numbers and quantiles on one dimension cannot be ordered without data */
	ck_assert_status(cxm_segment_rules_from_json(&r, mixed, strlen(mixed)), CXM_OK);
	ck_assert_status(cxm_segment_rules_validate(&t, r, NULL, 0), CXM_EINCONSISTENT);
	assert_message_has("dimension \"x\"");
	cxm_segment_rules_free(r);
}
END_TEST

static void bad_json(const char *text, int code, const char *needle)
{
	cxm_segment_rules *r = (cxm_segment_rules *)&r;
	ck_assert_status(cxm_segment_rules_from_json(&r, text, strlen(text)), code);
	ck_assert_ptr_null(r);
	assert_message_has(needle);
}

START_TEST(test_json)
{
	static const char *const bad_min[] = { "{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": {\"min\": 3, \"max\": 3}}]}" };
	cxm_segment_rules *a = NULL, *b = NULL;
	char *j1 = NULL, *j2 = NULL;
	/* round trip of the preset */
	ck_assert_status(cxm_segment_rules_builtin(&a, "value_price"), CXM_OK);
	ck_assert_status(cxm_segment_rules_to_json(&j1, a), CXM_OK);
	ck_assert_status(cxm_segment_rules_from_json(&b, j1, strlen(j1)), CXM_OK);
	ck_assert_status(cxm_segment_rules_to_json(&j2, b), CXM_OK);
	ck_assert_str_eq(j1, j2);
	cxm_free(j1);
	cxm_free(j2);
	cxm_segment_rules_free(a);
	cxm_segment_rules_free(b);
	ck_assert_status(cxm_segment_rules_builtin(&a, "value"), CXM_EBAD_ARG);
	assert_message_has("must be value_price, not 'value'");
	ck_assert_status(cxm_segment_rules_to_json(&j1, NULL), CXM_EBAD_ARG);
	/* not JSON: the byte */
	bad_json("{\"dimensions\": [\"x\",]}", CXM_EPARSE, "not valid JSON at byte 20");
	bad_json("{\"segments\": []}", CXM_EPARSE, "\"dimensions\" must be a non-empty array");
	bad_json("{\"dimensions\": [\"x\", \"x\"], \"segments\": []}", CXM_EINCONSISTENT, "dimensions 1 and 2");
	bad_json("{\"dimensions\": [{\"name\": \"x\", \"min\": 2, \"max\": 1}], \"segments\": []}", CXM_EOUT_OF_RANGE,
		 "min 2 is above max 1");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"y\": {\"min\": 1}}]}", CXM_EPARSE,
		 "segment 1 (\"A\"): unknown key \"y\"");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": {\"above\": 1}}]}", CXM_EPARSE,
		 "segment 1 (\"A\"): \"x\": unknown key \"above\"");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": {\"min\": {\"quantile\": 1.5}}}]}",
		 CXM_EOUT_OF_RANGE, "\"x\".\"min\" has quantile 1.5");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": {\"min\": {\"q\": 0.5}}}]}",
		 CXM_EPARSE, "unknown key \"q\"");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": {\"min\": \"high\"}}]}",
		 CXM_EPARSE, "\"x\".\"min\" must be a number or {\"quantile\": q}, not a string");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": 3}]}", CXM_EPARSE,
		 "\"x\" must be {\"min\": ..., \"max\": ...}");
	bad_json(bad_min[0], CXM_EOUT_OF_RANGE, "\"x\" has min 3 >= max 3");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\"}, {\"name\": \"A\"}]}", CXM_EINCONSISTENT,
		 "segments 1 and 2 are both named \"A\"");
	bad_json("{\"dimensions\": [\"x\"], \"match\": \"any\", \"segments\": []}", CXM_EPARSE,
		 "\"match\" must be first or last, not \"any\"");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"x\": {}}]}", CXM_EPARSE, "segment 1 has no \"name\"");
	bad_json("{\"dimensions\": [\"x\"], \"segments\": [{\"name\": \"A\", \"x\": {\"min\": 1, \"min\": 2}}]}", CXM_EPARSE,
		 "segment 1 (\"A\"): \"x\": \"min\" is given twice");
}
END_TEST

START_TEST(test_from_file)
{
	static const char txt[] = "{\"dimensions\": [\"spend\"], \"segments\": [{\"name\": \"Big\", \"spend\": "
				  "{\"min\": {\"quantile\": 0.5}}}]}";
	char path[TMP_PATH_SIZE];
	cxm_segment_rules *r = NULL;
	FILE *f = open_tmp(path);
	ck_assert_uint_eq(fwrite(txt, 1, sizeof txt - 1, f), sizeof txt - 1);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_segment_rules_from_file(&r, path), CXM_OK);
	ck_assert_str_eq(cxm_segment_rules_name(r, 0), "Big");
	cxm_segment_rules_free(r);
	/* load: a file by its path, a built-in set by its word */
	ck_assert_status(cxm_segment_rules_load(&r, path), CXM_OK);
	ck_assert_str_eq(cxm_segment_rules_name(r, 0), "Big");
	cxm_segment_rules_free(r);
	ck_assert_status(cxm_segment_rules_load(&r, "value_price"), CXM_OK);
	ck_assert_uint_eq(cxm_segment_rules_count(r), 6);
	cxm_segment_rules_free(r);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("{\"dimensions\": [\"spend\"], \"segments\": [{\"name\": \"Big\", \"spend\": {\"min\": {\"quantile\": 2}}}]}", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_status(cxm_segment_rules_from_file(&r, path), CXM_EOUT_OF_RANGE);
	assert_message_has(path);
	unlink(path);
	ck_assert_status(cxm_segment_rules_from_file(&r, path), CXM_EIO);
	ck_assert_ptr_null(r);
	ck_assert_status(cxm_segment_rules_load(&r, path), CXM_EIO);
	ck_assert_ptr_null(r);
	assert_message_has("built-in segment rule sets (value_price)");
	ck_assert_status(cxm_segment_rules_load(&r, NULL), CXM_EBAD_ARG);
}
END_TEST

START_TEST(test_oom)
{
	cxm_segment_rules *r = NULL;
	cxm_table *c = NULL, *a = NULL, *th = NULL, *s = NULL, *v = NULL;
	long k;
	int rc;
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_segment_value_customers(&c, ids, N_OF(ids), amt, N_OF(amt), dis, N_OF(dis));
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(c);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_segment_rules_builtin(&r, "value_price");
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_segment_rules_free(r);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	c = customers();
	ck_assert_status(cxm_segment_rules_builtin(&r, "value_price"), CXM_OK);
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_segment_assign(&a, &th, c, r, 0);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			oom_disarm();
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_segment_summary(&s, a, r);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(s);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_segment_rules_validate(&v, r, c, 0);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(v);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_table_free(a);
	cxm_table_free(th);
	cxm_table_free(c);
	cxm_segment_rules_free(r);
}
END_TEST

static Suite *segment_suite(void)
{
	Suite *s = suite_create("segment");
	TCase *tc = tcase_create("value");
	tcase_add_test(tc, test_value_customers);
	tcase_add_test(tc, test_value_customers_exact_sums);
	tcase_add_test(tc, test_value_customers_errors);
	tcase_add_test(tc, test_assign_value_price);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_assign_errors);
	tcase_add_test(tc, test_validate_value_price);
	tcase_add_test(tc, test_validate_custom);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_from_file);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(segment_suite)
