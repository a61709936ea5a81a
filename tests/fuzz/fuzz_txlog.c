/*
 * tests/fuzz/fuzz_txlog.c - libFuzzer target for the transaction-log reader
 * (lib/txlog, cxmetrics/txlog.h, spec §16): cxm_txlog_read_csv, then on its
 * log cxm_clv_summary_from_log, cxm_rfm_orders_aggregate_table and
 * cxm_txlog_from_arrays.
 *
 * The input is 4 option bytes, then the CSV file:
 *   byte 0  bit 0    missing_ids drop (else error)
 *           bits 1-2 returns: error, drop, net, keep
 *           bit 3    the amount as quantity x price (else an amount column)
 *           bit 4    the file gzip-compressed (zlib's deflate, written here)
 *           bit 5    a decimal comma (with ';' when the delimiter would be ',')
 *           bit 6    a status column whose words "cancelled", "C", "R" mark a cancellation
 *           bit 7    no amount column (amounts 0; without bit 3 only)
 *   byte 1  the date format, of formats[] below (ISO, "%m/%d/%Y %H:%M", ...)
 *   byte 2  bit 0    the Online Retail column names (CustomerID, InvoiceDate,
 *                    Quantity, UnitPrice, Amount, Status) instead of the defaults
 *           bits 1-2 the delimiter: ',', ';', tab, '|'
 *           bits 3-4 cxm_txlog_from_arrays on the log's rows: as they are, with a NULL id
 *                    inserted, with an "" id inserted, as quantity x price 1
 *           bits 5-7 where that id goes
 *   byte 3  bits 0-1 the summary's period: day, week, month (3: day)
 *           bit 2    a holdout: calibration_end = the last day - (byte 3 >> 3)
 *           bits 3-7 that distance, and the RFM analysis day's distance past the last day
 *
 * The invariants (a broken one aborts through FUZZ_ASSERT):
 *  - a failure is one of the documented codes, with a "NAME: ..." message
 *    naming the file; INCONSISTENT only under returns = error; BAD_ARG
 *    under missing_ids = drop only for a column the file lacks;
 *  - a log: rows = kept_rows + dropped_rows, dropped_rows = missing_id_rows
 *    + dropped_return_rows, kept_rows = the table's rows; the policies'
 *    words; missing_id_rows 0 under error; return_rows 0 under error;
 *    dropped_return_rows = return_rows under drop and 0 otherwise;
 *  - against the records as cxm_csv reads them (the same file, delimiter):
 *    rows = records; missing_id_rows = records with a blank id (drop);
 *    every kept row is a record with a non-blank id, that id, its line;
 *    under error / net / keep every record with an id is kept; a status
 *    word marks a kept row cancelled; line numbers increase;
 *  - every kept row: a whole day of years 0001..9999, a finite amount,
 *    cancelled 0 or 1; under drop / error no row is cancelled and no amount
 *    is negative; under net / keep a negative amount is cancelled and
 *    cancelled rows count return_rows; no amount column: amounts 0;
 *  - the summary (period day, no holdout): exactly the customers with a
 *    purchase day (under net: a day with a row that is no return), each with
 *    frequency = purchase days - 1, recency = last - first, T = the last
 *    day of all - first; return_only_rows = the returns on no purchase day;
 *    in every mode: ids ascending, frequency whole >= 0, 0 <= recency <= T,
 *    monetary_value 0 at frequency 0, customers <= distinct ids, the log's
 *    attributes copied;
 *  - RFM over the log with its policy: the same customers, recency_days =
 *    analysis day - last purchase day, transaction_count = the rows (under
 *    net: the rows that are no return), order_rows, return_rows and
 *    customers_without_orders agree;
 *  - cxm_txlog_from_arrays of the log's own rows gives them back (line =
 *    index), a missing id inserted is dropped and counted or BAD_ARG
 *    naming it.
 */
#define _GNU_SOURCE
#include <math.h>
#include <zlib.h>
#include "fuzz_common.h"

#define FIRST_DAY (-719162.0) /* 0001-01-01 */
#define LAST_DAY 2932896.0    /* 9999-12-31 */
#define HEADER 4

static const char *const formats[] = {
	NULL, "%m/%d/%Y %H:%M", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%d %b %Y", "%m/%d/%y %I:%M %p", "",
};
static const char *const cancel_words[] = { "cancelled", "C", "R" };
static const char *const returns_words[] = { "keep", "net", "drop", "error" }; /* by cxm_rfm_returns */

typedef struct config {
	int missing_drop, returns, qty, gzip, comma, status, no_amount, retail;
	char delim;
	const char *format;
	int arrays_mode;
	unsigned arrays_pos;
	int period, holdout;
	unsigned distance;
	const char *customer, *date, *amount, *quantity, *price, *status_col;
} config;

/* One record as cxm_csv reads it. */
typedef struct record {
	size_t line;
	int blank;     /* the id field is empty or blanks only */
	int cancelled; /* the status field is a cancellation word */
	char *id;
} record;

typedef struct records {
	record *r;
	size_t n, cap;
	int ok; /* read to the end, the columns found */
} records;

static int blank(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static void records_free(records *rs)
{
	size_t i;
	for (i = 0; i < rs->n; i++)
		free(rs->r[i].id);
	free(rs->r);
	memset(rs, 0, sizeof *rs);
}

/* The reference: the file's records through the plain CSV reader. */
static void read_records(records *rs, const char *path, const config *c)
{
	cxm_csv *csv = NULL;
	size_t c_id, c_status = (size_t)-1, k;
	int has_row;
	memset(rs, 0, sizeof *rs);
	if (cxm_csv_open(&csv, path, c->delim) < 0)
		return;
	if (cxm_csv_column_index(&c_id, csv, c->customer) < 0 ||
	    (c->status && cxm_csv_column_index(&c_status, csv, c->status_col) < 0)) {
		cxm_csv_free(csv);
		return;
	}
	while (cxm_csv_next(&has_row, csv) == CXM_OK) {
		record *r;
		size_t len;
		const char *id;
		if (!has_row) {
			rs->ok = 1;
			break;
		}
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? 2 * rs->cap : 64;
			rs->r = realloc(rs->r, rs->cap * sizeof *rs->r);
			FUZZ_ASSERT(rs->r != NULL, "realloc");
		}
		r = rs->r + rs->n++;
		id = cxm_csv_field(&len, csv, c_id);
		r->line = cxm_csv_line(csv);
		r->blank = blank(id, len);
		r->id = fuzz_strndup((const uint8_t *)id, len);
		r->cancelled = 0;
		if (c->status) {
			const char *s = cxm_csv_field(NULL, csv, c_status);
			for (k = 0; k < sizeof cancel_words / sizeof *cancel_words; k++)
				r->cancelled |= strcmp(s, cancel_words[k]) == 0;
		}
	}
	cxm_csv_free(csv);
}

static double attr(const cxm_table *t, const char *name)
{
	double x = NAN;
	int rc = cxm_table_get_attr_number(&x, t, name);
	FUZZ_ASSERT(rc == CXM_OK, "attribute '%s' missing (%d)", name, rc);
	return x;
}

static size_t column(const cxm_table *t, const char *name, int type)
{
	size_t col = 0;
	int rc = cxm_table_column_index(&col, t, name), ty = -1;
	FUZZ_ASSERT(rc == CXM_OK, "column '%s' missing", name);
	FUZZ_ASSERT(cxm_table_column_type(&ty, t, col) == CXM_OK && ty == type, "column '%s' has type %d, not %d",
		    name, ty, type);
	return col;
}

static int is_whole(double x)
{
	return isfinite(x) && x == floor(x);
}

/* The log's rows, as the reference reads them. */
typedef struct row {
	const char *id;
	double day, amount;
	int ret; /* cancelled */
} row;

static int row_cmp(const void *a, const void *b)
{
	const row *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->day < y->day ? -1 : x->day > y->day;
}

/* What each customer should get in the summary and in RFM. */
typedef struct cust {
	const char *id;
	size_t pdays;   /* purchase days (under net: days with a row that is no return) */
	double first, last;
	size_t orders;  /* RFM transaction_count */
} cust;

typedef struct expect {
	cust *c;
	size_t n_ids;       /* distinct ids among the kept rows */
	size_t n;           /* customers with a purchase day */
	size_t return_only; /* returns on no purchase day (net) */
	size_t orders, returns;
	double last_day;    /* the last purchase day of all */
	double max_day;     /* the last day of all rows */
} expect;

static void make_expect(expect *e, row *rows, size_t n, int net)
{
	size_t i = 0, j, k;
	memset(e, 0, sizeof *e);
	e->c = calloc(n ? n : 1, sizeof *e->c);
	FUZZ_ASSERT(e->c != NULL, "calloc");
	e->last_day = -INFINITY;
	e->max_day = -INFINITY;
	qsort(rows, n, sizeof *rows, row_cmp);
	while (i < n) {
		cust cu;
		memset(&cu, 0, sizeof cu);
		cu.id = rows[i].id;
		e->n_ids++;
		for (j = i; j < n && strcmp(rows[j].id, cu.id) == 0;) {
			/* one day: rows[j..k) */
			int purchase = 0;
			for (k = j; k < n && strcmp(rows[k].id, cu.id) == 0 && rows[k].day == rows[j].day; k++) {
				purchase |= !net || !rows[k].ret;
				cu.orders += !net || !rows[k].ret;
				e->orders += !net || !rows[k].ret;
				e->returns += rows[k].ret;
				if (rows[k].day > e->max_day)
					e->max_day = rows[k].day;
			}
			if (purchase) {
				if (cu.pdays == 0)
					cu.first = rows[j].day;
				cu.last = rows[j].day;
				cu.pdays++;
				if (rows[j].day > e->last_day)
					e->last_day = rows[j].day;
			} else {
				e->return_only += k - j;
			}
			j = k;
		}
		if (cu.pdays)
			e->c[e->n++] = cu;
		i = j;
	}
}

static void check_error(int rc, const char *call, const char *path, int need_path)
{
	fuzz_check_error(rc, call);
	FUZZ_ASSERT(rc != CXM_ECANCELLED && rc != CXM_EVERSION && rc != CXM_EDOMAIN && rc != CXM_EBAD_WEIGHTS &&
			    rc != CXM_ENON_INTEGER && rc != CXM_ETOO_FEW,
		    "%s: an undocumented code %d: %s", call, rc, cxm_error_last()->message);
	if (need_path)
		FUZZ_ASSERT(strstr(cxm_error_last()->message, path) != NULL, "%s: the message does not name the file: %s",
			    call, cxm_error_last()->message);
}

/* The summary of the log. */
static void check_summary(const cxm_table *log, const config *c, const expect *e, int net)
{
	cxm_table *s = (cxm_table *)1;
	double cal = NAN, obs = NAN, ret_only_amount;
	size_t i, n, col_id, col_f, col_r, col_t, col_m;
	const char *const *ids;
	const double *f, *r, *T, *m;
	static const char *const names[] = { "rows", "kept_rows", "missing_id_rows", "return_rows",
					     "dropped_return_rows", "dropped_rows" };
	int exact = c->period == CXM_CLV_DAYS && !c->holdout, rc;
	if (c->holdout && isfinite(e->max_day)) {
		obs = e->max_day;
		cal = obs - (double)c->distance;
		if (cal < FIRST_DAY)
			cal = FIRST_DAY;
	}
	rc = cxm_clv_summary_from_log(&s, log, cal, obs, c->period);
	if (rc < 0) {
		check_error(rc, "cxm_clv_summary_from_log", "", 0);
		FUZZ_ASSERT(s == NULL, "cxm_clv_summary_from_log failed with *out set");
		FUZZ_ASSERT(rc == CXM_EOUT_OF_RANGE || rc == CXM_EEMPTY || rc == CXM_ENOMEM,
			    "cxm_clv_summary_from_log: %s", cxm_error_last()->message);
		if (rc == CXM_EEMPTY && !c->holdout)
			FUZZ_ASSERT(e->n == 0, "cxm_clv_summary_from_log: EMPTY with %zu customers with purchases: %s",
				    e->n, cxm_error_last()->message);
		return;
	}
	n = cxm_table_rows(s);
	FUZZ_ASSERT(n <= e->n_ids, "the summary has %zu customers; the log %zu ids", n, e->n_ids);
	FUZZ_ASSERT(n <= e->n, "the summary has %zu customers; %zu have a purchase day", n, e->n);
	if (!c->holdout)
		FUZZ_ASSERT(n == e->n, "the summary has %zu customers, not the %zu with a purchase day", n, e->n);
	col_id = column(s, "id", CXM_TABLE_TEXT);
	col_f = column(s, "frequency", CXM_TABLE_NUMBER);
	col_r = column(s, "recency", CXM_TABLE_NUMBER);
	col_t = column(s, "T", CXM_TABLE_NUMBER);
	col_m = column(s, "monetary_value", CXM_TABLE_NUMBER);
	ids = cxm_table_texts(s, col_id);
	f = cxm_table_numbers(s, col_f);
	r = cxm_table_numbers(s, col_r);
	T = cxm_table_numbers(s, col_t);
	m = cxm_table_numbers(s, col_m);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(ids[i][0] != '\0', "summary row %zu: an empty id", i);
		FUZZ_ASSERT(i == 0 || strcmp(ids[i - 1], ids[i]) < 0, "summary ids not ascending at %zu", i);
		FUZZ_ASSERT(is_whole(f[i]) && f[i] >= 0.0, "summary '%s': frequency %.17g", ids[i], f[i]);
		FUZZ_ASSERT(r[i] >= 0.0 && r[i] <= T[i] && isfinite(T[i]), "summary '%s': recency %.17g, T %.17g", ids[i],
			    r[i], T[i]);
		FUZZ_ASSERT(isfinite(m[i]) && (f[i] > 0.0 || m[i] == 0.0), "summary '%s': frequency %.17g, monetary %.17g",
			    ids[i], f[i], m[i]);
		if (exact) {
			const cust *cu = e->c + i;
			FUZZ_ASSERT(strcmp(cu->id, ids[i]) == 0, "summary row %zu is '%s', expected '%s'", i, ids[i], cu->id);
			FUZZ_ASSERT(f[i] == (double)(cu->pdays - 1) && r[i] == cu->last - cu->first &&
					    T[i] == e->last_day - cu->first,
				    "summary '%s': frequency %.17g recency %.17g T %.17g; expected %zu, %.17g, %.17g", ids[i],
				    f[i], r[i], T[i], cu->pdays - 1, cu->last - cu->first, e->last_day - cu->first);
		} else if (!c->holdout) {
			FUZZ_ASSERT(strcmp(e->c[i].id, ids[i]) == 0, "summary row %zu is '%s', expected '%s'", i, ids[i],
				    e->c[i].id);
			FUZZ_ASSERT(f[i] <= (double)(e->c[i].pdays - 1), "summary '%s': frequency %.17g from %zu days", ids[i],
				    f[i], e->c[i].pdays);
		}
	}
	for (i = 0; i < sizeof names / sizeof *names; i++)
		FUZZ_ASSERT(attr(s, names[i]) == attr(log, names[i]), "summary attribute %s: %.17g, the log's %.17g",
			    names[i], attr(s, names[i]), attr(log, names[i]));
	FUZZ_ASSERT(attr(s, "return_only_rows") == (double)(net ? e->return_only : 0),
		    "return_only_rows %.17g, expected %zu", attr(s, "return_only_rows"), net ? e->return_only : 0);
	ret_only_amount = attr(s, "return_only_amount");
	FUZZ_ASSERT(ret_only_amount >= 0.0 && (net || ret_only_amount == 0.0) &&
			    (attr(s, "return_only_rows") > 0.0 || ret_only_amount == 0.0),
		    "return_only_amount %.17g", ret_only_amount);
	cxm_table_free(s);
}

/* RFM over the log, with the log's policy. */
static void check_rfm(const cxm_table *log, const config *c, const expect *e, int net)
{
	cxm_table *t = (cxm_table *)1;
	double day = e->max_day + (double)c->distance;
	size_t i, n;
	const char *const *ids;
	const double *rec, *cnt, *amt;
	int rc;
	if (day > LAST_DAY)
		day = LAST_DAY;
	rc = cxm_rfm_orders_aggregate_table(&t, log, day, NAN, c->returns);
	if (rc < 0) {
		check_error(rc, "cxm_rfm_orders_aggregate_table", "", 0);
		FUZZ_ASSERT(t == NULL, "cxm_rfm_orders_aggregate_table failed with *out set");
		FUZZ_ASSERT(rc == CXM_EOUT_OF_RANGE || rc == CXM_ENOMEM || (rc == CXM_EEMPTY && e->n == 0),
			    "cxm_rfm_orders_aggregate_table: %s", cxm_error_last()->message);
		return;
	}
	n = cxm_table_rows(t);
	FUZZ_ASSERT(n == e->n && n <= e->n_ids, "RFM: %zu customers; %zu have an order, %zu ids", n, e->n, e->n_ids);
	ids = cxm_table_texts(t, column(t, "customer_id", CXM_TABLE_TEXT));
	rec = cxm_table_numbers(t, column(t, "recency_days", CXM_TABLE_NUMBER));
	cnt = cxm_table_numbers(t, column(t, "transaction_count", CXM_TABLE_NUMBER));
	amt = cxm_table_numbers(t, column(t, "amount", CXM_TABLE_NUMBER));
	for (i = 0; i < n; i++) {
		const cust *cu = e->c + i;
		FUZZ_ASSERT(strcmp(ids[i], cu->id) == 0, "RFM row %zu is '%s', expected '%s'", i, ids[i], cu->id);
		FUZZ_ASSERT(rec[i] == day - cu->last && rec[i] >= 0.0, "RFM '%s': recency_days %.17g, expected %.17g",
			    ids[i], rec[i], day - cu->last);
		FUZZ_ASSERT(cnt[i] == (double)cu->orders && cnt[i] >= 1.0, "RFM '%s': transaction_count %.17g, expected %zu",
			    ids[i], cnt[i], cu->orders);
		FUZZ_ASSERT(isfinite(amt[i]), "RFM '%s': amount %.17g", ids[i], amt[i]);
	}
	FUZZ_ASSERT(attr(t, "order_rows") == (double)e->orders, "RFM order_rows %.17g, expected %zu",
		    attr(t, "order_rows"), e->orders);
	FUZZ_ASSERT(attr(t, "return_rows") == (double)e->returns, "RFM return_rows %.17g, expected %zu",
		    attr(t, "return_rows"), e->returns);
	FUZZ_ASSERT(attr(t, "customers_without_orders") == (double)(e->n_ids - e->n),
		    "RFM customers_without_orders %.17g, expected %zu", attr(t, "customers_without_orders"),
		    e->n_ids - e->n);
	FUZZ_ASSERT(attr(t, "kept_rows") == attr(log, "kept_rows") && attr(t, "missing_id_rows") == attr(log, "missing_id_rows"),
		    "RFM: the log's attributes are not copied");
	(void)net;
	cxm_table_free(t);
}

/* cxm_txlog_from_arrays of the log's rows (one missing id inserted, or as quantity x price 1). */
static void check_arrays(const cxm_table *log, const config *c, const cxm_txlog_opts *opts)
{
	size_t n = cxm_table_rows(log), m, i, j, pos = 0;
	const char *const *lid = cxm_table_texts(log, column(log, "customer_id", CXM_TABLE_TEXT));
	const double *lday = cxm_table_numbers(log, column(log, "order_day", CXM_TABLE_DAY));
	const double *lamt = cxm_table_numbers(log, column(log, "amount", CXM_TABLE_NUMBER));
	const double *lcan = cxm_table_numbers(log, column(log, "cancelled", CXM_TABLE_NUMBER));
	const char **ids;
	double *days, *amts, *ones;
	uint8_t *can;
	cxm_table *t = (cxm_table *)1;
	int insert = c->arrays_mode == 1 || c->arrays_mode == 2, qty = c->arrays_mode == 3, rc;
	m = n + (size_t)insert;
	if (insert)
		pos = c->arrays_pos % (n + 1);
	ids = calloc(m, sizeof *ids);
	days = calloc(m, sizeof *days);
	amts = calloc(m, sizeof *amts);
	ones = calloc(m, sizeof *ones);
	can = calloc(m, 1);
	FUZZ_ASSERT(ids && days && amts && ones && can, "calloc");
	for (i = j = 0; i < m; i++) {
		ones[i] = 1.0;
		if (insert && i == pos) {
			ids[i] = c->arrays_mode == 1 ? NULL : "";
			days[i] = lday[0];
			amts[i] = 1.0;
			continue;
		}
		ids[i] = lid[j];
		days[i] = lday[j];
		amts[i] = lamt[j];
		can[i] = lcan[j] != 0.0;
		j++;
	}
	if (qty)
		rc = cxm_txlog_from_arrays(&t, ids, m, days, m, NULL, 0, amts, m, ones, m, can, m, opts);
	else
		rc = cxm_txlog_from_arrays(&t, ids, m, days, m, amts, m, NULL, 0, NULL, 0, can, m, opts);
	if (insert && !c->missing_drop) {
		FUZZ_ASSERT(rc == CXM_EBAD_ARG, "cxm_txlog_from_arrays: a missing id under error gave %d", rc);
		fuzz_check_error(rc, "cxm_txlog_from_arrays");
		FUZZ_ASSERT(strstr(cxm_error_last()->message, "is missing") != NULL, "cxm_txlog_from_arrays: %s",
			    cxm_error_last()->message);
	} else {
		const char *const *tid;
		const double *tday, *tamt, *tcan, *tline;
		if (rc < 0)
			fuzz_check_error(rc, "cxm_txlog_from_arrays");
		FUZZ_ASSERT(rc == CXM_OK, "cxm_txlog_from_arrays of the log's rows: %s", cxm_error_last()->message);
		FUZZ_ASSERT(cxm_table_rows(t) == n, "cxm_txlog_from_arrays kept %zu of the log's %zu rows", cxm_table_rows(t),
			    n);
		tid = cxm_table_texts(t, column(t, "customer_id", CXM_TABLE_TEXT));
		tday = cxm_table_numbers(t, column(t, "order_day", CXM_TABLE_DAY));
		tamt = cxm_table_numbers(t, column(t, "amount", CXM_TABLE_NUMBER));
		tcan = cxm_table_numbers(t, column(t, "cancelled", CXM_TABLE_NUMBER));
		tline = cxm_table_numbers(t, column(t, "line", CXM_TABLE_NUMBER));
		for (i = 0; i < n; i++) {
			double want_line = (double)(insert && i >= pos ? i + 1 : i);
			FUZZ_ASSERT(strcmp(tid[i], lid[i]) == 0 && tday[i] == lday[i] && tcan[i] == lcan[i] &&
					    tline[i] == want_line &&
					    (tamt[i] == lamt[i] || (tamt[i] == 0.0 && lamt[i] == 0.0)),
				    "cxm_txlog_from_arrays row %zu: '%s' %.17g %.17g %.17g line %.17g; the log's '%s' %.17g "
				    "%.17g %.17g, line %.17g", i, tid[i], tday[i], tamt[i], tcan[i], tline[i], lid[i], lday[i],
				    lamt[i], lcan[i], want_line);
		}
		FUZZ_ASSERT(attr(t, "rows") == (double)m && attr(t, "kept_rows") == (double)n &&
				    attr(t, "missing_id_rows") == (double)insert &&
				    attr(t, "return_rows") == (c->returns == CXM_RFM_RETURNS_DROP ||
								       c->returns == CXM_RFM_RETURNS_ERROR
								       ? 0.0 : attr(log, "return_rows")) &&
				    attr(t, "dropped_rows") == (double)insert,
			    "cxm_txlog_from_arrays: rows %.17g kept %.17g missing %.17g returns %.17g (log %.17g)",
			    attr(t, "rows"), attr(t, "kept_rows"), attr(t, "missing_id_rows"), attr(t, "return_rows"),
			    attr(log, "return_rows"));
		cxm_table_free(t);
	}
	free(ids);
	free(days);
	free(amts);
	free(ones);
	free(can);
}

/* A successful log, checked against the records and then summarised. */
static void check_log(const cxm_table *log, const config *c, const records *rs, const cxm_txlog_opts *opts)
{
	static const char *const mwords[] = { "error", "drop" };
	const char *w = NULL;
	size_t n = cxm_table_rows(log), i, k, returns = 0;
	double rows, kept, missing, ret, dropped_ret, dropped;
	const char *const *ids;
	const double *day, *amount, *cancelled, *line;
	int dropping = c->returns == CXM_RFM_RETURNS_DROP, erroring = c->returns == CXM_RFM_RETURNS_ERROR;
	int net = c->returns == CXM_RFM_RETURNS_NET;
	row *rw;
	expect e;

	rows = attr(log, "rows");
	kept = attr(log, "kept_rows");
	missing = attr(log, "missing_id_rows");
	ret = attr(log, "return_rows");
	dropped_ret = attr(log, "dropped_return_rows");
	dropped = attr(log, "dropped_rows");
	FUZZ_ASSERT(n >= 1 && kept == (double)n, "kept_rows %.17g, the table has %zu rows", kept, n);
	FUZZ_ASSERT(rows == kept + dropped && dropped == missing + dropped_ret,
		    "rows %.17g != kept %.17g + dropped %.17g (missing %.17g + dropped returns %.17g)", rows, kept, dropped,
		    missing, dropped_ret);
	FUZZ_ASSERT(c->missing_drop || missing == 0.0, "missing_id_rows %.17g under error", missing);
	FUZZ_ASSERT(!erroring || ret == 0.0, "return_rows %.17g under error", ret);
	FUZZ_ASSERT(dropping ? dropped_ret == ret : dropped_ret == 0.0, "dropped_return_rows %.17g, return_rows %.17g",
		    dropped_ret, ret);
	FUZZ_ASSERT(cxm_table_get_attr_text(&w, log, "missing_ids") == CXM_OK && strcmp(w, mwords[c->missing_drop]) == 0,
		    "missing_ids attribute '%s'", w ? w : "(none)");
	FUZZ_ASSERT(cxm_table_get_attr_text(&w, log, "returns") == CXM_OK && strcmp(w, returns_words[c->returns]) == 0,
		    "returns attribute '%s'", w ? w : "(none)");

	ids = cxm_table_texts(log, column(log, "customer_id", CXM_TABLE_TEXT));
	day = cxm_table_numbers(log, column(log, "order_day", CXM_TABLE_DAY));
	amount = cxm_table_numbers(log, column(log, "amount", CXM_TABLE_NUMBER));
	cancelled = cxm_table_numbers(log, column(log, "cancelled", CXM_TABLE_NUMBER));
	line = cxm_table_numbers(log, column(log, "line", CXM_TABLE_NUMBER));

	/* against the records */
	FUZZ_ASSERT(rs->ok, "the log was read, the plain reader could not read the file");
	FUZZ_ASSERT(rows == (double)rs->n, "rows %.17g, the file has %zu records", rows, rs->n);
	{
		size_t blanks = 0, keepable = 0;
		for (k = 0; k < rs->n; k++) {
			blanks += rs->r[k].blank;
			keepable += !rs->r[k].blank && !(dropping && rs->r[k].cancelled);
		}
		FUZZ_ASSERT(missing == (double)blanks, "missing_id_rows %.17g, %zu records have a blank id", missing, blanks);
		if (!dropping)
			FUZZ_ASSERT(kept == (double)keepable, "kept_rows %.17g, %zu records have an id", kept, keepable);
		else
			FUZZ_ASSERT(kept <= (double)keepable, "kept_rows %.17g, at most %zu can be", kept, keepable);
	}
	for (i = 0, k = 0; i < n; i++) {
		FUZZ_ASSERT(ids[i][0] != '\0' && !blank(ids[i], strlen(ids[i])), "kept row %zu has a missing id '%s'", i,
			    ids[i]);
		FUZZ_ASSERT(is_whole(day[i]) && day[i] >= FIRST_DAY && day[i] <= LAST_DAY, "kept row %zu: day %.17g", i,
			    day[i]);
		FUZZ_ASSERT(isfinite(amount[i]), "kept row %zu: amount %.17g", i, amount[i]);
		FUZZ_ASSERT(cancelled[i] == 0.0 || cancelled[i] == 1.0, "kept row %zu: cancelled %.17g", i, cancelled[i]);
		FUZZ_ASSERT(is_whole(line[i]) && line[i] >= 2.0 && (i == 0 || line[i] > line[i - 1]),
			    "kept row %zu: line %.17g", i, line[i]);
		if (dropping || erroring)
			FUZZ_ASSERT(cancelled[i] == 0.0 && !(amount[i] < 0.0),
				    "kept row %zu under returns %s: cancelled %.17g, amount %.17g", i,
				    returns_words[c->returns], cancelled[i], amount[i]);
		else
			FUZZ_ASSERT(!(amount[i] < 0.0) || cancelled[i] == 1.0, "kept row %zu: amount %.17g not cancelled", i,
				    amount[i]);
		if (c->no_amount && !c->qty)
			FUZZ_ASSERT(amount[i] == 0.0, "kept row %zu: amount %.17g without an amount column", i, amount[i]);
		if (!c->qty && !c->status)
			FUZZ_ASSERT((cancelled[i] == 1.0) == (amount[i] < 0.0), "kept row %zu: amount %.17g, cancelled %.17g",
				    i, amount[i], cancelled[i]);
		returns += cancelled[i] == 1.0;
		/* its record */
		while (k < rs->n && rs->r[k].line < (size_t)line[i])
			k++;
		FUZZ_ASSERT(k < rs->n && rs->r[k].line == (size_t)line[i], "kept row %zu: no record on line %.17g", i,
			    line[i]);
		FUZZ_ASSERT(!rs->r[k].blank && strcmp(rs->r[k].id, ids[i]) == 0,
			    "kept row %zu: id '%s', the record on line %zu has '%s'", i, ids[i], rs->r[k].line, rs->r[k].id);
		if (rs->r[k].cancelled)
			FUZZ_ASSERT(cancelled[i] == 1.0, "kept row %zu: a cancellation word, not cancelled", i);
		k++;
	}
	if (!dropping && !erroring)
		FUZZ_ASSERT(ret == (double)returns, "return_rows %.17g, %zu rows cancelled", ret, returns);

	/* the summary and RFM */
	rw = calloc(n, sizeof *rw);
	FUZZ_ASSERT(rw != NULL, "calloc");
	for (i = 0; i < n; i++) {
		rw[i].id = ids[i];
		rw[i].day = day[i];
		rw[i].amount = amount[i];
		rw[i].ret = cancelled[i] != 0.0 || amount[i] < 0.0;
	}
	make_expect(&e, rw, n, net);
	FUZZ_ASSERT(e.returns == returns, "%zu returns among the rows, %zu cancelled", e.returns, returns);
	check_summary(log, c, &e, net);
	check_rfm(log, c, &e, net);
	check_arrays(log, c, opts);
	free(e.c);
	free(rw);
}

static void gzip_into(const uint8_t *data, size_t size, unsigned char **out, size_t *out_len)
{
	size_t cap = compressBound((uLong)size) + 64;
	z_stream z;
	*out = malloc(cap);
	FUZZ_ASSERT(*out != NULL, "malloc");
	memset(&z, 0, sizeof z);
	FUZZ_ASSERT(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK, "deflateInit2");
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	FUZZ_ASSERT(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate");
	*out_len = z.total_out;
	deflateEnd(&z);
}

static void configure(config *c, const uint8_t *h)
{
	static const int returns_of[4] = { CXM_RFM_RETURNS_ERROR, CXM_RFM_RETURNS_DROP, CXM_RFM_RETURNS_NET,
					   CXM_RFM_RETURNS_KEEP };
	static const char delims[4] = { ',', ';', '\t', '|' };
	memset(c, 0, sizeof *c);
	c->missing_drop = h[0] & 1;
	c->returns = returns_of[(h[0] >> 1) & 3];
	c->qty = (h[0] >> 3) & 1;
	c->gzip = (h[0] >> 4) & 1;
	c->comma = (h[0] >> 5) & 1;
	c->status = (h[0] >> 6) & 1;
	c->no_amount = (h[0] >> 7) & 1;
	c->format = formats[h[1] % (sizeof formats / sizeof *formats)];
	c->retail = h[2] & 1;
	c->delim = delims[(h[2] >> 1) & 3];
	if (c->comma && c->delim == ',')
		c->delim = ';';
	c->arrays_mode = (h[2] >> 3) & 3;
	c->arrays_pos = h[2] >> 5;
	c->period = (h[3] & 3) == 3 ? CXM_CLV_DAYS : (int)(h[3] & 3);
	c->holdout = (h[3] >> 2) & 1;
	c->distance = h[3] >> 3;
	if (c->retail) {
		c->customer = "CustomerID";
		c->date = "InvoiceDate";
		c->amount = "Amount";
		c->quantity = "Quantity";
		c->price = "UnitPrice";
		c->status_col = "Status";
	} else {
		c->customer = "customer_id";
		c->date = "date";
		c->amount = "amount";
		c->quantity = "quantity";
		c->price = "price";
		c->status_col = "status";
	}
}

static cxm_txlog_opts *make_opts(const config *c)
{
	cxm_txlog_opts *o = NULL;
	FUZZ_ASSERT(cxm_txlog_opts_new(&o) == CXM_OK && o != NULL, "cxm_txlog_opts_new");
	FUZZ_ASSERT(cxm_txlog_opts_set_missing_ids(o, c->missing_drop ? CXM_MISSING_IDS_DROP : CXM_MISSING_IDS_ERROR) ==
			    CXM_OK,
		    "set_missing_ids");
	FUZZ_ASSERT(cxm_txlog_opts_set_returns(o, c->returns) == CXM_OK, "set_returns");
	if (c->retail || (c->no_amount && !c->qty))
		FUZZ_ASSERT(cxm_txlog_opts_set_columns(o, c->customer, c->date, c->no_amount && !c->qty ? NULL : c->amount) ==
				    CXM_OK,
			    "set_columns");
	if (c->qty)
		FUZZ_ASSERT(cxm_txlog_opts_set_quantity_price(o, c->quantity, c->price) == CXM_OK, "set_quantity_price");
	if (c->status)
		FUZZ_ASSERT(cxm_txlog_opts_set_status(o, c->status_col, cancel_words,
						      sizeof cancel_words / sizeof *cancel_words) == CXM_OK,
			    "set_status");
	if (c->format)
		FUZZ_ASSERT(cxm_txlog_opts_set_date_format(o, c->format) == CXM_OK, "set_date_format('%s')", c->format);
	if (c->delim != ',') {
		FUZZ_ASSERT(cxm_txlog_opts_set_delimiter(o, c->delim) == CXM_OK, "set_delimiter");
		if (c->comma) {
			FUZZ_ASSERT(cxm_txlog_opts_set_decimal_comma(o, 1) == CXM_OK, "set_decimal_comma");
			FUZZ_ASSERT(cxm_txlog_opts_set_delimiter(o, ',') == CXM_EBAD_ARG,
				    "',' accepted as the delimiter with a decimal comma");
		}
	} else {
		FUZZ_ASSERT(cxm_txlog_opts_set_decimal_comma(o, 1) == CXM_EBAD_ARG, "a decimal comma with ',' accepted");
	}
	return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	config c;
	cxm_txlog_opts *opts;
	cxm_table *log = (cxm_table *)1;
	records rs;
	const char *path;
	unsigned char *gz = NULL;
	size_t gz_len = 0;
	int rc;
	if (size < HEADER)
		return 0;
	configure(&c, data);
	data += HEADER;
	size -= HEADER;
	if (c.gzip) {
		gzip_into(data, size, &gz, &gz_len);
		path = fuzz_file_write(gz, gz_len);
		free(gz);
	} else {
		path = fuzz_file_write(data, size);
	}
	opts = make_opts(&c);
	rc = cxm_txlog_read_csv(&log, path, opts);
	if (getenv("CXM_FUZZ_VERBOSE")) /* what a seed does: CXM_FUZZ_VERBOSE=1 fuzz_txlog FILE */
		fprintf(stderr, "cxm_txlog_read_csv: %d %s (%s)\n", rc, rc < 0 ? cxm_error_last()->message : "",
			rc < 0 ? "" : "rows kept");
	if (rc < 0) {
		const char *msg;
		check_error(rc, "cxm_txlog_read_csv", path, 1);
		msg = cxm_error_last()->message;
		FUZZ_ASSERT(log == NULL, "cxm_txlog_read_csv failed with *out set");
		FUZZ_ASSERT(rc != CXM_EINCONSISTENT || c.returns == CXM_RFM_RETURNS_ERROR,
			    "INCONSISTENT under returns %s: %s", returns_words[c.returns], msg);
		/* BAD_ARG from a file is a column it lacks or (under error) a missing id */
		FUZZ_ASSERT(rc != CXM_EBAD_ARG || !c.missing_drop || strncmp(msg, "BAD_ARG: no column '", 20) == 0,
			    "BAD_ARG under missing_ids = drop: %s", msg);
	} else {
		FUZZ_ASSERT(log != NULL, "cxm_txlog_read_csv succeeded with *out NULL");
		read_records(&rs, path, &c); /* after the checks of cxm_error_last() */
		check_log(log, &c, &rs, opts);
		records_free(&rs);
		cxm_table_free(log);
	}
	cxm_txlog_opts_free(opts);
	return 0;
}
