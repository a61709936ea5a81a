/*
 * lib/txlog/read_csv.c - cxm_txlog_read_csv: a raw export into the clean log
 * (spec §16.2), streamed record by record through cxm_csv_open / cxm_csv_next
 * (so whatever that reader takes - gzip, standard input - this takes), only
 * the columns the options name read. Messages name file:line:column 'name'.
 */
#include <math.h>
#include <string.h>
#include "cxmetrics/io.h"
#include "txlog_internal.h"
#include "io/io_internal.h"

#define NONE ((size_t)-1)

/* The columns of the file the options name (NONE: not read). */
typedef struct cols {
	size_t id, date, amount, quantity, price, status;
} cols;

static int find(size_t *col, const cxm_csv *csv, const char *name)
{
	*col = NONE;
	return name ? cxm_csv_column_index(col, csv, name) : CXM_OK;
}

/* "FILE:LINE:COL 'name'" of field col of the current record. */
static const char *where(char *buf, size_t cap, const cxm_csv *csv, size_t col)
{
	char quoted[CXM__QUOTE_MAX + 4];
	const char *name = cxm_csv_column_name(csv, col);
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	cxm__snprintf_c(buf, cap, "%s:%zu:%zu '%s'", cxm_csv_path(csv), cxm_csv_line(csv), col + 1, quoted);
	return buf;
}

/* A number field: empty (or blank) is an error here, not a missing value. */
static int number(double *x, const cxm_csv *csv, size_t col, char mark)
{
	char at[512];
	int rc;
	if ((rc = cxm__csv_field_number(x, csv, col, mark)) < 0)
		return rc;
	if (isnan(*x))
		return cxm__fail(CXM_EPARSE, "%s: the field is empty; a number is needed", where(at, sizeof at, csv, col));
	return CXM_OK;
}

/* 1 when a text is written as ISO 8601 ("2024-02-30", "20240230"): a bad date of that
 * shape is a wrong date, not a date in another format, and gets no format hint. */
static int iso_shaped(const char *s)
{
	size_t i;
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[4] == '-')
		return 1;
	for (; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int date(double *day, const cxm_csv *csv, size_t col, const cxm__date_fmt *format)
{
	char at[512];
	size_t len;
	const char *f = cxm_csv_field(&len, csv, col);
	int rc;
	if (len == 0)
		return cxm__fail(CXM_EPARSE, "%s: the field is empty; a date is needed", where(at, sizeof at, csv, col));
	if (memchr(f, '\0', len))
		return cxm__fail(CXM_EPARSE, "%s: the field holds a NUL byte", where(at, sizeof at, csv, col));
	rc = format ? cxm__date_fmt_parse(format, day, f) : cxm_date_parse(day, f);
	if (rc == CXM_OK)
		return CXM_OK;
	rc = cxm__error_context(where(at, sizeof at, csv, col));
	if (!format && rc == CXM_EPARSE && !iso_shaped(f)) {
		/* a raw export's dates are often not ISO: say how to read them */
		char msg[1024];
		const char *m = cxm_error_last()->message;
		cxm__snprintf_c(msg, sizeof msg, "%s", strncmp(m, "PARSE: ", 7) == 0 ? m + 7 : m);
		rc = cxm__fail(CXM_EPARSE, "%s; dates written another way need their format (date_format; e.g. "
			       "--date-format '%%m/%%d/%%Y %%H:%%M')", msg);
	}
	return rc;
}

/* One record: its numbers checked, then classified and kept or left out. */
static int read_row(cxm__txlog_builder *b, const cxm_csv *csv, const cols *c, const cxm_txlog_opts *o,
		    const cxm__date_fmt *format)
{
	char at[512], quoted[CXM__QUOTE_MAX + 4];
	size_t len, k;
	const char *id = cxm_csv_field(&len, csv, c->id);
	double day, amount = 0.0, q = 0.0, p;
	uint8_t flag, cancelled = 0;
	int rc;
	if (memchr(id, '\0', len))
		return cxm__fail(CXM_EPARSE, "%s: the field holds a NUL byte", where(at, sizeof at, csv, c->id));
	if ((rc = date(&day, csv, c->date, format)) < 0)
		return rc;
	if (c->amount != NONE) {
		if ((rc = number(&amount, csv, c->amount, o->mark)) < 0)
			return rc;
	} else if (c->quantity != NONE) {
		if ((rc = number(&q, csv, c->quantity, o->mark)) < 0 || (rc = number(&p, csv, c->price, o->mark)) < 0)
			return rc;
		amount = q * p;
		if (isinf(amount))
			return cxm__fail(CXM_EOUT_OF_RANGE, "%s: quantity x price = %.17g x %.17g is infinite",
					 where(at, sizeof at, csv, c->quantity), q, p);
	}
	if (c->status != NONE) {
		size_t slen;
		const char *s = cxm_csv_field(&slen, csv, c->status);
		/* "C\0x" must not read as the word "C" */
		if (memchr(s, '\0', slen))
			return cxm__fail(CXM_EPARSE, "%s: the field holds a NUL byte",
					 where(at, sizeof at, csv, c->status));
		for (k = 0; k < o->n_cancel_words && !cancelled; k++)
			cancelled = strcmp(s, o->cancel_words[k]) == 0;
	}
	switch (cxm__txlog_classify(b, cxm__blank_field(id, len), amount < 0.0 || q < 0.0 || cancelled, &flag)) {
	case CXM__TXLOG_MISSING_ERROR:
		return cxm__fail(CXM_EBAD_ARG,
				 "%s: the customer id is missing (an empty field): a missing id is no customer; leave "
				 "such rows out with missing_ids = drop (--missing-ids drop), which counts them",
				 where(at, sizeof at, csv, c->id));
	case CXM__TXLOG_RETURN_ERROR:
		/* the field that makes it a return: the status, a negative quantity, else the amount (or price) */
		cxm__quote_text(quoted, sizeof quoted, id, len);
		return cxm__fail(CXM_EINCONSISTENT,
				 "%s: customer '%s': the row is a return (amount %.17g%s%s) and returns = error; "
				 "pass returns = drop, net or keep (--returns)",
				 where(at, sizeof at, csv,
				       cancelled ? c->status : q < 0.0 ? c->quantity : c->amount != NONE ? c->amount : c->price),
				 quoted, amount, q < 0.0 ? ", a negative quantity" : "", cancelled ? ", cancelled" : "");
	case CXM__TXLOG_SKIP:
		return CXM_OK;
	default:
		return cxm__txlog_push(b, id, len, day, amount, flag, (double)cxm_csv_line(csv));
	}
}

cxm_status cxm_txlog_read_csv(cxm_table **out, const char *path, const cxm_txlog_opts *opts)
{
	cxm_txlog_opts *defaults = NULL;
	cxm__txlog_builder b;
	cxm_csv *csv = NULL;
	cxm__date_fmt format; /* compiled once, applied to every row */
	cols c;
	int rc, has_row, have_b = 0;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0)
		return rc;
	if (opts == NULL) {
		if ((rc = cxm_txlog_opts_new(&defaults)) < 0)
			return rc;
		opts = defaults;
	}
	if (opts->date_format && (rc = cxm__date_fmt_compile(&format, opts->date_format)) < 0)
		goto done;
	if ((rc = cxm_csv_open(&csv, path, opts->delimiter)) < 0 || (rc = find(&c.id, csv, opts->customer)) < 0 ||
	    (rc = find(&c.date, csv, opts->date)) < 0 || (rc = find(&c.status, csv, opts->status)) < 0)
		goto done;
	/* quantity x price when named, else the amount column when named */
	c.amount = c.quantity = c.price = NONE;
	if (opts->quantity) {
		if ((rc = find(&c.quantity, csv, opts->quantity)) < 0 || (rc = find(&c.price, csv, opts->price)) < 0)
			goto done;
	} else if ((rc = find(&c.amount, csv, opts->amount)) < 0) {
		goto done;
	}
	if ((rc = cxm__txlog_builder_init(&b, opts, 0, path)) < 0)
		goto done;
	have_b = 1;
	while ((rc = cxm_csv_next(&has_row, csv)) == CXM_OK && has_row)
		if ((rc = read_row(&b, csv, &c, opts, opts->date_format ? &format : NULL)) < 0)
			goto done;
	if (rc < 0)
		goto done;
	rc = cxm__txlog_finish(out, &b); /* its messages start with the path */
done:
	if (have_b)
		cxm__txlog_builder_free(&b);
	cxm_csv_free(csv);
	cxm_txlog_opts_free(defaults);
	return rc;
}
