/*
 * tests/unit/test_txlog.c - check suite for raw transaction logs (spec §16):
 * missing ids in every function that groups by customer, the txlog options,
 * cxm_txlog_from_arrays and cxm_txlog_read_csv (policies, counts, messages
 * naming the row or file:line:column), cxm_clv_summary_from_log (net, keep),
 * the counts carried by cxm_rfm_orders_aggregate_table, out of memory.
 *
 * Expected numbers are worked by hand from the eight rows below (said so
 * where used); the whole pipeline against pandas is tests/cli/run_txlog_cli_tests.py.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#define TMP_PREFIX "cxm_test_txlog_"
#include "tmpfile.h"

static const double *num(const cxm_table *t, const char *name)
{
	size_t col;
	ck_assert_status(cxm_table_column_index(&col, t, name), CXM_OK);
	return cxm_table_numbers(t, col);
}

static const char *const *txt(const cxm_table *t, const char *name)
{
	size_t col;
	ck_assert_status(cxm_table_column_index(&col, t, name), CXM_OK);
	return cxm_table_texts(t, col);
}

static double attr(const cxm_table *t, const char *name)
{
	double x = NAN;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

static const char *attr_text(const cxm_table *t, const char *name)
{
	const char *s = NULL;
	ck_assert_status(cxm_table_get_attr_text(&s, t, name), CXM_OK);
	return s;
}

/* Eight rows: two without an id (NULL, ""), two returns (negative quantity),
 * one of them (b, day 13) alone on its day. */
static const char *const ids[] = { "a", NULL, "b", "a", "", "a", "b", "b" };
static const double days[] = { 10, 10, 11, 12, 12, 12, 15, 13 };
static const double qty[] = { 2, 1, 1, -1, 3, 4, 2, -2 };
static const double price[] = { 1.5, 4, 2.25, 1.5, 1, 0.5, 1, 0.5 };

static cxm_txlog_opts *opts_with(int missing, int returns)
{
	cxm_txlog_opts *o = NULL;
	ck_assert_status(cxm_txlog_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_missing_ids(o, missing), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_returns(o, returns), CXM_OK);
	return o;
}

static cxm_table *log_of(int missing, int returns)
{
	cxm_txlog_opts *o = opts_with(missing, returns);
	cxm_table *t = NULL;
	ck_assert_status(cxm_txlog_from_arrays(&t, ids, 8, days, 8, NULL, 0, qty, 8, price, 8, NULL, 0, o), CXM_OK);
	cxm_txlog_opts_free(o);
	return t;
}

START_TEST(test_arrays_policies)
{
	cxm_txlog_opts *o = opts_with(CXM_MISSING_IDS_ERROR, CXM_RFM_RETURNS_ERROR);
	cxm_table *t = NULL;
	const double *amt, *line, *can;
	/* the defaults: a missing id is an error naming its row, then a return is */
	ck_assert_status(cxm_txlog_from_arrays(&t, ids, 8, days, 8, NULL, 0, qty, 8, price, 8, NULL, 0, NULL),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[1] (row 2) is missing (NULL)");
	ck_assert_ptr_null(t);
	ck_assert_status(cxm_txlog_opts_set_missing_ids(o, CXM_MISSING_IDS_DROP), CXM_OK);
	ck_assert_status(cxm_txlog_from_arrays(&t, ids, 8, days, 8, NULL, 0, qty, 8, price, 8, NULL, 0, o),
			 CXM_EINCONSISTENT);
	assert_message_has("row 4 (customer_ids[3] = \"a\") is a return (amount -1.5) and returns = error");
	cxm_txlog_opts_free(o);

	/* drop, drop: rows 0, 2, 5, 6 kept; amounts quantity x price by hand */
	t = log_of(CXM_MISSING_IDS_DROP, CXM_RFM_RETURNS_DROP);
	ck_assert_uint_eq(cxm_table_rows(t), 4);
	ck_assert_str_eq(cxm_table_row_name(t), "orders");
	amt = num(t, "amount");
	line = num(t, "line");
	ck_assert(amt[0] == 3.0 && amt[1] == 2.25 && amt[2] == 2.0 && amt[3] == 2.0);
	ck_assert(line[0] == 0 && line[1] == 2 && line[2] == 5 && line[3] == 6);
	ck_assert_str_eq(txt(t, "customer_id")[1], "b");
	ck_assert(num(t, "order_day")[2] == 12);
	ck_assert_str_eq(attr_text(t, "missing_ids"), "drop");
	ck_assert_str_eq(attr_text(t, "returns"), "drop");
	ck_assert(attr(t, "rows") == 8 && attr(t, "kept_rows") == 4 && attr(t, "missing_id_rows") == 2 &&
		  attr(t, "return_rows") == 2 && attr(t, "dropped_return_rows") == 2 && attr(t, "dropped_rows") == 4);
	cxm_table_free(t);

	/* drop, net: the returns kept and flagged */
	t = log_of(CXM_MISSING_IDS_DROP, CXM_RFM_RETURNS_NET);
	ck_assert_uint_eq(cxm_table_rows(t), 6);
	can = num(t, "cancelled");
	amt = num(t, "amount");
	ck_assert(can[2] == 1 && amt[2] == -1.5 && can[5] == 1 && amt[5] == -1.0 && can[0] == 0);
	ck_assert(attr(t, "return_rows") == 2 && attr(t, "dropped_return_rows") == 0 && attr(t, "dropped_rows") == 2);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_arrays_amounts_and_errors)
{
	static const char *const two[] = { "x", "y" };
	static const double d2[] = { 1, 2 }, a2[] = { 5, -1 }, nan2[] = { 5, NAN };
	static const uint8_t flag2[] = { 1, 0 };
	cxm_txlog_opts *o = opts_with(CXM_MISSING_IDS_ERROR, CXM_RFM_RETURNS_DROP);
	cxm_table *t = NULL;
	/* an amount column; a cancelled flag makes a return whatever the amount */
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 2, a2, 2, NULL, 0, NULL, 0, flag2, 2, o), CXM_EEMPTY);
	assert_message_has("no row is left: 2 rows, 0 without a customer id, 2 returns dropped");
	ck_assert_status(cxm_txlog_opts_set_returns(o, CXM_RFM_RETURNS_KEEP), CXM_OK);
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 2, a2, 2, NULL, 0, NULL, 0, flag2, 2, o), CXM_OK);
	ck_assert(num(t, "cancelled")[0] == 1 && num(t, "cancelled")[1] == 1 && num(t, "amount")[0] == 5);
	cxm_table_free(t);
	/* without amount or quantity: amounts 0 */
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 2, NULL, 0, NULL, 0, NULL, 0, NULL, 0, o), CXM_OK);
	ck_assert(num(t, "amount")[0] == 0 && num(t, "amount")[1] == 0);
	cxm_table_free(t);
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 2, nan2, 2, NULL, 0, NULL, 0, NULL, 0, o), CXM_ENAN);
	assert_message_has("NAN: customer 'y' (row 2): amounts[1] is NaN");
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 1, a2, 2, NULL, 0, NULL, 0, NULL, 0, o), CXM_EBAD_ARG);
	assert_message_has("customer_ids and days have 2 and 1 entries");
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 2, a2, 2, a2, 2, a2, 2, NULL, 0, o), CXM_EBAD_ARG);
	assert_message_has("both amounts and quantity x price");
	ck_assert_status(cxm_txlog_from_arrays(&t, two, 2, d2, 2, NULL, 0, a2, 2, NULL, 0, NULL, 0, o), CXM_EBAD_ARG);
	assert_message_has("quantity and price have 2 and 0 entries");
	ck_assert_status(cxm_txlog_from_arrays(&t, NULL, 2, d2, 2, NULL, 0, NULL, 0, NULL, 0, NULL, 0, o),
			 CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_from_arrays(NULL, two, 2, d2, 2, NULL, 0, NULL, 0, NULL, 0, NULL, 0, o),
			 CXM_EBAD_ARG);
	cxm_txlog_opts_free(o);
}
END_TEST

START_TEST(test_opts)
{
	cxm_txlog_opts *o = NULL;
	static const char *const words[] = { "Cancelled" };
	int v = -1;
	ck_assert_status(cxm_names_parse(&v, CXM_NAMES_MISSING_IDS, "drop"), CXM_OK);
	ck_assert_int_eq(v, CXM_MISSING_IDS_DROP);
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_MISSING_IDS, CXM_MISSING_IDS_ERROR), "error");
	ck_assert_status(cxm_txlog_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_missing_ids(o, 2), CXM_EBAD_ARG);
	assert_message_has("error or drop");
	ck_assert_status(cxm_txlog_opts_set_returns(o, 9), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_set_columns(o, NULL, "d", NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_set_columns(o, "c", "", NULL), CXM_EBAD_ARG);
	assert_message_has("date is empty");
	ck_assert_status(cxm_txlog_opts_set_quantity_price(o, "q", NULL), CXM_EBAD_ARG);
	assert_message_has("quantity and price go together");
	ck_assert_status(cxm_txlog_opts_set_status(o, "s", NULL, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_set_status(o, NULL, words, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_set_status(o, "s", words, 1), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_date_format(o, "%m/%Q/%Y"), CXM_EBAD_ARG);
	assert_message_has("%Q");
	ck_assert_status(cxm_txlog_opts_set_date_format(o, "%d.%m.%Y"), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_date_format(o, NULL), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_decimal_comma(o, 1), CXM_EBAD_ARG);
	assert_message_has("another delimiter than ','");
	ck_assert_status(cxm_txlog_opts_set_delimiter(o, ';'), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_decimal_comma(o, 1), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_decimal_comma(o, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_set_delimiter(o, ','), CXM_EBAD_ARG);
	ck_assert_status(cxm_txlog_opts_set_delimiter(o, '"'), CXM_EBAD_ARG);
	cxm_txlog_opts_free(o);
	cxm_txlog_opts_free(NULL);
}
END_TEST

/* A UCI-Online-Retail-shaped file: line 3 has no customer, line 4 is a cancellation. */
static const char retail[] =
	"InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID,Status\n"
	"536365,6,12/1/2010 8:26,2.55,17850,ok\n"
	"536366,2,12/1/2010 9:01,4,,ok\n"
	"C536379,-1,12/5/2010 9:41,27.5,17850,ok\n"
	"536370,24,12/8/2010 8:45,3.75,12583,void\n"
	"536371,1,12/8/2010 10:00,0.5,17850,ok\n";

static cxm_txlog_opts *retail_opts(int missing, int returns)
{
	cxm_txlog_opts *o = opts_with(missing, returns);
	ck_assert_status(cxm_txlog_opts_set_columns(o, "CustomerID", "InvoiceDate", NULL), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_quantity_price(o, "Quantity", "UnitPrice"), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_date_format(o, "%m/%d/%Y %H:%M"), CXM_OK);
	return o;
}

START_TEST(test_read_csv)
{
	static const char *const void_words[] = { "void" };
	char path[TMP_PATH_SIZE], want[TMP_PATH_SIZE + 128];
	cxm_txlog_opts *o = retail_opts(CXM_MISSING_IDS_ERROR, CXM_RFM_RETURNS_ERROR);
	cxm_table *t = NULL;
	double d;
	write_tmp_str(path, retail);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_EBAD_ARG);
	snprintf(want, sizeof want, "%s:3:5 'CustomerID': the customer id is missing (an empty field)", path);
	assert_message_has(want);
	ck_assert_status(cxm_txlog_opts_set_missing_ids(o, CXM_MISSING_IDS_DROP), CXM_OK);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_EINCONSISTENT);
	snprintf(want, sizeof want, "%s:4:2 'Quantity': customer '17850': the row is a return (amount -27.5, a negative quantity)",
		 path);
	assert_message_has(want);
	ck_assert_status(cxm_txlog_opts_set_returns(o, CXM_RFM_RETURNS_DROP), CXM_OK);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 3);
	ck_assert(num(t, "line")[0] == 2 && num(t, "line")[1] == 5 && num(t, "line")[2] == 6);
	ck_assert(num(t, "amount")[0] == 6 * 2.55 && num(t, "amount")[1] == 90.0 && num(t, "amount")[2] == 0.5);
	ck_assert_status(cxm_date_parse(&d, "2010-12-08"), CXM_OK);
	ck_assert(num(t, "order_day")[1] == d);
	ck_assert(attr(t, "rows") == 5 && attr(t, "missing_id_rows") == 1 && attr(t, "dropped_return_rows") == 1);
	cxm_table_free(t);
	/* a status word marks a cancellation whatever the quantity */
	ck_assert_status(cxm_txlog_opts_set_status(o, "Status", void_words, 1), CXM_OK);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_OK);
	ck_assert_uint_eq(cxm_table_rows(t), 2);
	ck_assert(attr(t, "return_rows") == 2 && attr(t, "dropped_rows") == 3);
	cxm_table_free(t);
	/* a date that does not match, a column the file lacks */
	ck_assert_status(cxm_txlog_opts_set_date_format(o, "%d.%m.%Y"), CXM_OK);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_EPARSE);
	snprintf(want, sizeof want, "%s:2:3 'InvoiceDate': ", path);
	assert_message_has(want);
	assert_message_has("does not match %d.%m.%Y");
	ck_assert_status(cxm_txlog_opts_set_quantity_price(o, "Qty", "UnitPrice"), CXM_OK);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_EBAD_ARG);
	assert_message_has("no column 'Qty'");
	ck_assert_status(cxm_txlog_read_csv(&t, NULL, o), CXM_EBAD_ARG);
	cxm_txlog_opts_free(o);
	remove(path);
}
END_TEST

START_TEST(test_read_csv_fields)
{
	char path[TMP_PATH_SIZE], want[TMP_PATH_SIZE + 128];
	cxm_txlog_opts *o = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_txlog_opts_new(&o), CXM_OK);
	/* the defaults: columns customer_id, date, amount; ISO dates; blanks are a missing id */
	write_tmp_str(path, "customer_id,date,amount\na,2024-01-02,5\n  ,2024-01-03,1\n");
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_EBAD_ARG);
	snprintf(want, sizeof want, "%s:3:1 'customer_id': the customer id is missing", path);
	assert_message_has(want);
	remove(path);
	write_tmp_str(path, "customer_id,date,amount\na,2024-01-02,\n");
	ck_assert_status(cxm_txlog_read_csv(&t, path, NULL), CXM_EPARSE);
	snprintf(want, sizeof want, "%s:2:3 'amount': the field is empty; a number is needed", path);
	assert_message_has(want);
	remove(path);
	write_tmp_str(path, "customer_id;date;amount\na;2024-01-02;1,5\n");
	ck_assert_status(cxm_txlog_opts_set_delimiter(o, ';'), CXM_OK);
	ck_assert_status(cxm_txlog_opts_set_decimal_comma(o, 1), CXM_OK);
	ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_OK);
	ck_assert(num(t, "amount")[0] == 1.5);
	cxm_table_free(t);
	remove(path);
	cxm_txlog_opts_free(o);
	{
		/* a status "C\0x" is no cancel word "C" (fuzz_txlog's reading of strcmp): PARSE */
		static const char nul_status[] = "customer_id,date,amount,status\na,2024-01-02,5,C\0x\n";
		static const char *const words[] = { "C" };
		ck_assert_status(cxm_txlog_opts_new(&o), CXM_OK);
		ck_assert_status(cxm_txlog_opts_set_status(o, "status", words, 1), CXM_OK);
		write_tmp(path, nul_status, sizeof nul_status - 1);
		ck_assert_status(cxm_txlog_read_csv(&t, path, o), CXM_EPARSE);
		snprintf(want, sizeof want, "%s:2:4 'status': the field holds a NUL byte", path);
		assert_message_has(want);
		ck_assert(t == NULL);
		remove(path);
		cxm_txlog_opts_free(o);
	}
}
END_TEST

/* Tables handed in are read by name and type, one rule for logs and RFM orders. */
START_TEST(test_table_column_types)
{
	static const double ids[] = { 1, 2 }, days[] = { 19000, 19001 }, amounts[] = { 1, 2 };
	static const char *const texts[] = { "2024-01-01", "2024-01-02" }, *const names[] = { "a", "b" };
	cxm_table *t = NULL, *out = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "customer_id", ids, 2), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "order_day", days, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "amount", amounts, 2), CXM_OK);
	ck_assert_status(cxm_clv_summary_from_log(&out, t, NAN, NAN, CXM_CLV_DAYS), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: column 'customer_id' of the log has type number; it must be text");
	cxm_table_free(t);
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", names, 2), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "order_day", texts, 2), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "amount", amounts, 2), CXM_OK);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&out, t, 19010, NAN, CXM_RFM_RETURNS_KEEP), CXM_EBAD_ARG);
	assert_message_has("BAD_ARG: column 'order_day' of the orders table has type text; it must be day or number");
	ck_assert(out == NULL);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_summary_from_log)
{
	cxm_table *log = log_of(CXM_MISSING_IDS_DROP, CXM_RFM_RETURNS_NET), *s = NULL, *c = NULL;
	const double *f, *r, *T, *m;
	/* by hand, net: a = day 10 (3), day 12 (-1.5 + 2 = 0.5); b = day 11 (2.25),
	 * day 15 (2); b's day 13 holds a return only: no purchase day */
	ck_assert_status(cxm_clv_summary_from_log(&s, log, NAN, NAN, CXM_CLV_DAYS), CXM_OK);
	f = num(s, "frequency");
	r = num(s, "recency");
	T = num(s, "T");
	m = num(s, "monetary_value");
	ck_assert_str_eq(txt(s, "id")[0], "a");
	ck_assert(f[0] == 1 && r[0] == 2 && T[0] == 5 && m[0] == 0.5);
	ck_assert(f[1] == 1 && r[1] == 4 && T[1] == 4 && m[1] == 2.0);
	ck_assert(attr(s, "return_only_rows") == 1 && attr(s, "return_only_amount") == 1.0);
	ck_assert(attr(s, "missing_id_rows") == 2 && attr(s, "dropped") == 0);
	ck_assert_str_eq(attr_text(s, "returns"), "net");
	cxm_table_free(s);
	cxm_table_free(log);
	/* keep: returns as given, b's day 13 (-1) is a purchase day */
	log = log_of(CXM_MISSING_IDS_DROP, CXM_RFM_RETURNS_KEEP);
	ck_assert_status(cxm_clv_summary_from_log(&s, log, NAN, NAN, CXM_CLV_DAYS), CXM_OK);
	ck_assert(num(s, "frequency")[1] == 2 && num(s, "monetary_value")[1] == 0.5);
	ck_assert(attr(s, "return_only_rows") == 0);
	cxm_table_free(s);
	cxm_table_free(log);
	/* RFM over the drop log, analysis day 20: a = (8, 2, 5), b = (5, 2, 4.25), the counts carried */
	log = log_of(CXM_MISSING_IDS_DROP, CXM_RFM_RETURNS_DROP);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&c, log, 20, NAN, CXM_RFM_RETURNS_DROP), CXM_OK);
	ck_assert(num(c, "recency_days")[0] == 8 && num(c, "transaction_count")[0] == 2 && num(c, "amount")[0] == 5);
	ck_assert(num(c, "recency_days")[1] == 5 && num(c, "transaction_count")[1] == 2 && num(c, "amount")[1] == 4.25);
	ck_assert(attr(c, "missing_id_rows") == 2 && attr(c, "dropped_return_rows") == 2);
	ck_assert_str_eq(attr_text(c, "missing_ids"), "drop");
	cxm_table_free(c);
	ck_assert_status(cxm_clv_summary_from_log(&s, NULL, NAN, NAN, CXM_CLV_DAYS), CXM_EBAD_ARG);
	ck_assert_status(cxm_clv_summary_from_log(&s, log, NAN, NAN, 7), CXM_EBAD_ARG);
	cxm_table_free(log);
}
END_TEST

/* Before spec §16 a NULL or empty id became a customer ("" in Ruby, "None" in Python). */
START_TEST(test_missing_ids_everywhere)
{
	static const char *const with_empty[] = { "a", "b", "" };
	static const char *const with_null[] = { "a", NULL, "b" };
	static const double d[] = { 1, 2, 3 }, a[] = { 1, 2, 3 }, nid[] = { 7, 8, NAN };
	cxm_table *t = NULL, *o = NULL;
	ck_assert_status(cxm_clv_summary_from_transactions(&t, with_empty, 3, d, 3, a, 3, NAN, NAN, CXM_CLV_DAYS),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[2] (row 3) is missing (an empty text)");
	ck_assert_status(cxm_clv_summary_from_transactions(&t, with_null, 3, d, 3, a, 3, NAN, NAN, CXM_CLV_DAYS),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[1] (row 2) is missing (NULL)");
	ck_assert_status(cxm_rfm_customers_aggregate(&t, with_empty, 3, d, 3, a, 3, 10), CXM_EBAD_ARG);
	assert_message_has("customer_ids[2] (row 3) is missing (an empty text)");
	ck_assert_status(cxm_rfm_orders_aggregate(&t, with_null, 3, d, 3, a, 3, NULL, 0, 10, CXM_RFM_RETURNS_KEEP),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[1] (row 2) is missing (NULL)");
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&t, nid, 3, d, 3, a, 3, NULL, 0, 10, CXM_RFM_RETURNS_KEEP),
			 CXM_EBAD_ARG);
	assert_message_has("customer_ids[2] (row 3) is missing (NaN)");
	/* a table: an empty text id (its first row), a NaN number id */
	ck_assert_status(cxm_table_new(&o), CXM_OK);
	ck_assert_status(cxm_table_add_texts(o, "customer_id", with_empty, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(o, "order_day", d, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(o, "amount", a, 3), CXM_OK);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&t, o, 10, NAN, CXM_RFM_RETURNS_KEEP), CXM_EBAD_ARG);
	assert_message_has("customer_id[2] (row 3) is missing (an empty text)");
	ck_assert_status(cxm_clv_summary_from_log(&t, o, NAN, NAN, CXM_CLV_DAYS), CXM_EBAD_ARG);
	assert_message_has("customer_id[2] (row 3) is missing");
	cxm_table_free(o);
	ck_assert_status(cxm_table_new(&o), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(o, "customer_id", nid, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(o, "order_day", d, 3), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(o, "amount", a, 3), CXM_OK);
	ck_assert_status(cxm_rfm_orders_aggregate_table(&t, o, 10, NAN, CXM_RFM_RETURNS_KEEP), CXM_EBAD_ARG);
	assert_message_has("customer_id[2] (row 3) is missing (NaN)");
	ck_assert_ptr_null(t);
	cxm_table_free(o);
}
END_TEST

/* ---- out of memory -------------------------------------------------------------------------- */

static char g_path[TMP_PATH_SIZE];

typedef int (*oom_step)(void **result);

static void oom_loop(oom_step step)
{
	long k;
	int rc;
	for (k = 0;; k++) {
		void *result = NULL;
		oom_arm(k);
		rc = step(&result);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(result);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}

static int step_arrays(void **res)
{
	cxm_txlog_opts *o = NULL;
	int rc;
	if ((rc = cxm_txlog_opts_new(&o)) < 0 || (rc = cxm_txlog_opts_set_missing_ids(o, CXM_MISSING_IDS_DROP)) < 0 ||
	    (rc = cxm_txlog_opts_set_returns(o, CXM_RFM_RETURNS_NET)) < 0)
		goto done;
	rc = cxm_txlog_from_arrays((cxm_table **)res, ids, 8, days, 8, NULL, 0, qty, 8, price, 8, NULL, 0, o);
done:
	cxm_txlog_opts_free(o);
	return rc;
}

static int step_csv(void **res)
{
	cxm_txlog_opts *o = NULL;
	static const char *const words[] = { "void" };
	int rc;
	if ((rc = cxm_txlog_opts_new(&o)) < 0 || (rc = cxm_txlog_opts_set_missing_ids(o, CXM_MISSING_IDS_DROP)) < 0 ||
	    (rc = cxm_txlog_opts_set_returns(o, CXM_RFM_RETURNS_DROP)) < 0 ||
	    (rc = cxm_txlog_opts_set_columns(o, "CustomerID", "InvoiceDate", NULL)) < 0 ||
	    (rc = cxm_txlog_opts_set_quantity_price(o, "Quantity", "UnitPrice")) < 0 ||
	    (rc = cxm_txlog_opts_set_status(o, "Status", words, 1)) < 0 ||
	    (rc = cxm_txlog_opts_set_date_format(o, "%m/%d/%Y %H:%M")) < 0)
		goto done;
	rc = cxm_txlog_read_csv((cxm_table **)res, g_path, o);
done:
	cxm_txlog_opts_free(o);
	return rc;
}

static int step_summary(void **res)
{
	cxm_table *log = NULL;
	int rc;
	if ((rc = step_arrays((void **)&log)) < 0)
		return rc;
	rc = cxm_clv_summary_from_log((cxm_table **)res, log, NAN, NAN, CXM_CLV_DAYS);
	cxm_table_free(log);
	return rc;
}

START_TEST(test_oom)
{
	write_tmp_str(g_path, retail);
	oom_loop(step_arrays);
	oom_loop(step_csv);
	oom_loop(step_summary);
	remove(g_path);
}
END_TEST

static Suite *txlog_suite(void)
{
	Suite *s = suite_create("txlog");
	TCase *tc = tcase_create("txlog");
	tcase_add_test(tc, test_arrays_policies);
	tcase_add_test(tc, test_arrays_amounts_and_errors);
	tcase_add_test(tc, test_opts);
	tcase_add_test(tc, test_read_csv);
	tcase_add_test(tc, test_read_csv_fields);
	tcase_add_test(tc, test_table_column_types);
	tcase_add_test(tc, test_summary_from_log);
	tcase_add_test(tc, test_missing_ids_everywhere);
	suite_add_tcase(s, tc);
	tc = tcase_create("oom");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(txlog_suite)
