/*
 * lib/txlog/opts.c - cxm_txlog_opts: how a raw log is read (spec §16.1), and
 * the names table of the missing-id policy.
 */
#include <string.h>
#include "names.h"
#include "txlog_internal.h"
#include "io/io_internal.h"

static const cxm__word missing_ids_words[] = { { "error", CXM_MISSING_IDS_ERROR }, { "drop", CXM_MISSING_IDS_DROP } };
const cxm__names cxm__missing_ids_names = CXM__NAMES("missing_ids", missing_ids_words, 0);

/* A copy of a column name (NULL stays NULL); *copy is NULL on failure. */
static int copy_name(char **copy, const char *name, const char *what)
{
	*copy = NULL;
	if (name == NULL)
		return CXM_OK;
	if (name[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "%s is empty; give a column name", what);
	if ((*copy = cxm__strdup(name)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the column name of %s", what);
	return CXM_OK;
}

cxm_status cxm_txlog_opts_new(cxm_txlog_opts **out)
{
	cxm_txlog_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_txlog_opts_new: no memory for the options");
	memset(o, 0, sizeof *o);
	o->missing_ids = CXM_MISSING_IDS_ERROR;
	o->returns = CXM_RFM_RETURNS_ERROR;
	o->delimiter = ',';
	o->mark = '.';
	if ((rc = copy_name(&o->customer, "customer_id", "customer")) < 0 ||
	    (rc = copy_name(&o->date, "date", "date")) < 0 || (rc = copy_name(&o->amount, "amount", "amount")) < 0) {
		cxm_txlog_opts_free(o);
		return rc;
	}
	*out = o;
	return CXM_OK;
}

static void free_words(char **words, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		cxm__free(words[i]);
	cxm__free(words);
}

void cxm_txlog_opts_free(cxm_txlog_opts *o)
{
	if (o == NULL)
		return;
	cxm__free(o->customer);
	cxm__free(o->date);
	cxm__free(o->amount);
	cxm__free(o->quantity);
	cxm__free(o->price);
	cxm__free(o->status);
	cxm__free(o->date_format);
	free_words(o->cancel_words, o->n_cancel_words);
	cxm__free(o);
}

cxm_status cxm_txlog_opts_set_missing_ids(cxm_txlog_opts *opts, int missing_ids)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__names_check(&cxm__missing_ids_names, missing_ids)) < 0)
		return rc;
	opts->missing_ids = missing_ids;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_returns(cxm_txlog_opts *opts, int returns)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__names_check(&cxm__rfm_returns_names, returns)) < 0)
		return rc;
	opts->returns = returns;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_columns(cxm_txlog_opts *opts, const char *customer, const char *date,
				      const char *amount)
{
	char *c = NULL, *d = NULL, *a = NULL;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_ptr(customer, "customer")) < 0 ||
	    (rc = cxm__check_ptr(date, "date")) < 0)
		return rc;
	if ((rc = copy_name(&c, customer, "customer")) < 0 || (rc = copy_name(&d, date, "date")) < 0 ||
	    (rc = copy_name(&a, amount, "amount")) < 0) {
		cxm__free(c);
		cxm__free(d);
		return rc;
	}
	cxm__free(opts->customer);
	cxm__free(opts->date);
	cxm__free(opts->amount);
	opts->customer = c;
	opts->date = d;
	opts->amount = a;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_quantity_price(cxm_txlog_opts *opts, const char *quantity, const char *price)
{
	char *q = NULL, *p = NULL;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if ((quantity == NULL) != (price == NULL))
		return cxm__fail(CXM_EBAD_ARG, "quantity and price go together: give both columns, or neither "
				 "(the amount column)");
	if ((rc = copy_name(&q, quantity, "quantity")) < 0 || (rc = copy_name(&p, price, "price")) < 0) {
		cxm__free(q);
		return rc;
	}
	cxm__free(opts->quantity);
	cxm__free(opts->price);
	opts->quantity = q;
	opts->price = p;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_status(cxm_txlog_opts *opts, const char *status, const char *const *cancel_words,
				     size_t n_cancel_words)
{
	char *s = NULL, **w = NULL;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 ||
	    (rc = cxm__check_array(cancel_words, n_cancel_words, "cancel_words")) < 0)
		return rc;
	if (status && n_cancel_words == 0)
		return cxm__fail(CXM_EBAD_ARG, "status column '%s' given without the words that mark a cancellation",
				 status);
	if (!status && n_cancel_words > 0)
		return cxm__fail(CXM_EBAD_ARG, "%zu cancellation words given without a status column", n_cancel_words);
	for (i = 0; i < n_cancel_words; i++)
		if (cancel_words[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "cancel_words[%zu] is NULL", i);
	if ((rc = copy_name(&s, status, "status")) < 0)
		return rc;
	if (n_cancel_words > 0) {
		if ((rc = cxm__alloc_array(&w, n_cancel_words, sizeof *w, "cancel_words")) < 0) {
			cxm__free(s);
			return rc;
		}
		for (i = 0; i < n_cancel_words; i++)
			if ((w[i] = cxm__strdup(cancel_words[i])) == NULL) {
				free_words(w, i);
				cxm__free(s);
				return cxm__fail(CXM_ENOMEM, "no memory for the cancellation words");
			}
	}
	cxm__free(opts->status);
	free_words(opts->cancel_words, opts->n_cancel_words);
	opts->status = s;
	opts->cancel_words = w;
	opts->n_cancel_words = n_cancel_words;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_date_format(cxm_txlog_opts *opts, const char *format)
{
	char *f = NULL;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (format && format[0]) {
		/* a bad format fails now, naming its directive, not at the first row */
		cxm__date_fmt compiled;
		if ((rc = cxm__date_fmt_compile(&compiled, format)) < 0)
			return rc;
		if ((f = cxm__strdup(format)) == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for the date format");
	}
	cxm__free(opts->date_format);
	opts->date_format = f;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_delimiter(cxm_txlog_opts *opts, char delimiter)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__csv_check_delimiter(delimiter)) < 0)
		return rc;
	if (delimiter == ',' && opts->mark == ',')
		return cxm__fail(CXM_EBAD_ARG, "the delimiter cannot be ',' while numbers have a decimal comma");
	opts->delimiter = delimiter;
	return CXM_OK;
}

cxm_status cxm_txlog_opts_set_decimal_comma(cxm_txlog_opts *opts, int on)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (on != 0 && on != 1)
		return cxm__fail(CXM_EBAD_ARG, "on is %d; use 1 (a decimal comma: 1,5) or 0 (a decimal point: 1.5)", on);
	if (on && opts->delimiter == ',')
		return cxm__fail(CXM_EBAD_ARG, "a decimal comma needs another delimiter than ',' (';' is the usual "
				 "one with decimal commas): set it first");
	opts->mark = on ? ',' : '.';
	return CXM_OK;
}
