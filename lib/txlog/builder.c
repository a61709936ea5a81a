/*
 * lib/txlog/builder.c - the clean log, row by row (spec §16.2): each row is
 * classified (a missing id first, then a return, so that a row is counted
 * under one reason only), then kept or left out under the policies, and the
 * kept rows become the "orders" table the CLV summary and RFM read.
 *
 * Ids are interned as they come (cxm__texts: each distinct id stored once),
 * so a million rows of a few thousand customers hold a few thousand strings.
 */
#include <string.h>
#include "names.h"
#include "txlog_internal.h"
#include "io/io_internal.h"

int cxm__txlog_builder_init(cxm__txlog_builder *b, const cxm_txlog_opts *opts, size_t expected, const char *what)
{
	int rc;
	memset(b, 0, sizeof *b);
	b->missing_ids = opts ? opts->missing_ids : CXM_MISSING_IDS_ERROR;
	b->returns = opts ? opts->returns : CXM_RFM_RETURNS_ERROR;
	b->what = what;
	if ((rc = cxm__texts_init(&b->ids, expected / 8 < 1024 ? 1024 : expected / 8, what)) < 0)
		return rc;
	b->have_ids = 1;
	return CXM_OK;
}

void cxm__txlog_builder_free(cxm__txlog_builder *b)
{
	if (b->have_ids)
		cxm__texts_free(&b->ids);
	cxm__free(b->code);
	cxm__free(b->day);
	cxm__free(b->amount);
	cxm__free(b->line);
	cxm__free(b->cancelled);
	memset(b, 0, sizeof *b);
}

int cxm__txlog_classify(cxm__txlog_builder *b, int missing, int is_return, uint8_t *flag)
{
	b->rows++;
	*flag = 0;
	if (missing) {
		if (b->missing_ids == CXM_MISSING_IDS_ERROR)
			return CXM__TXLOG_MISSING_ERROR;
		b->missing_id_rows++;
		return CXM__TXLOG_SKIP;
	}
	if (!is_return)
		return CXM__TXLOG_KEEP;
	b->return_rows++;
	switch (b->returns) {
	case CXM_RFM_RETURNS_ERROR:
		return CXM__TXLOG_RETURN_ERROR;
	case CXM_RFM_RETURNS_DROP:
		b->dropped_return_rows++;
		return CXM__TXLOG_SKIP;
	default: /* net, keep: the summary applies them */
		*flag = 1;
		return CXM__TXLOG_KEEP;
	}
}

/* Room for one more row in every column. */
static int grow(cxm__txlog_builder *b)
{
	size_t cap = b->cap ? 2 * b->cap : 4096;
	void *p;
#define GROW(field)                                                                        \
	do {                                                                               \
		if (cap > (size_t)-1 / sizeof *b->field ||                                  \
		    (p = cxm__realloc(b->field, cap * sizeof *b->field)) == NULL)           \
			return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu rows", b->what, cap); \
		b->field = p;                                                              \
	} while (0)
	GROW(code);
	GROW(day);
	GROW(amount);
	GROW(line);
	GROW(cancelled);
#undef GROW
	b->cap = cap;
	return CXM_OK;
}

int cxm__txlog_push(cxm__txlog_builder *b, const char *id, size_t id_len, double day, double amount,
		    uint8_t cancelled, double line)
{
	size_t k;
	int rc;
	if (b->n == b->cap && (rc = grow(b)) < 0)
		return rc;
	if ((rc = cxm__texts_add(&b->ids, id, id_len, &k)) < 0)
		return rc;
	b->code[b->n] = k;
	b->day[b->n] = day;
	b->amount[b->n] = amount;
	b->cancelled[b->n] = cancelled;
	b->line[b->n] = line;
	b->n++;
	return CXM_OK;
}

/* A NUMBER or DAY column holding values[0..n). */
static int add_values(cxm_table *t, const char *name, int type, const double *values, size_t n)
{
	double *col;
	int rc;
	if ((rc = cxm__table_add_column(&col, t, name, type, n)) < 0)
		return rc;
	if (n)
		memcpy(col, values, n * sizeof *col);
	return CXM_OK;
}

int cxm__txlog_finish(cxm_table **out, cxm__txlog_builder *b)
{
	cxm_table *t = NULL;
	double *flag;
	size_t i, dropped = b->missing_id_rows + b->dropped_return_rows;
	int rc;
	*out = NULL;
	if (b->n == 0)
		return cxm__fail(CXM_EEMPTY,
				 "%s: no row is left: %zu rows, %zu without a customer id, %zu returns dropped", b->what,
				 b->rows, b->missing_id_rows, b->dropped_return_rows);
	if ((rc = cxm_table_new(&t)) < 0 ||
	    (rc = cxm__table_add_coded(t, "customer_id", b->ids.str, b->ids.count, b->code, b->n)) < 0 ||
	    (rc = add_values(t, "order_day", CXM_TABLE_DAY, b->day, b->n)) < 0 ||
	    (rc = add_values(t, "amount", CXM_TABLE_NUMBER, b->amount, b->n)) < 0 ||
	    (rc = cxm__table_add_column(&flag, t, "cancelled", CXM_TABLE_NUMBER, b->n)) < 0)
		goto fail;
	for (i = 0; i < b->n; i++)
		flag[i] = b->cancelled[i];
	if ((rc = add_values(t, "line", CXM_TABLE_NUMBER, b->line, b->n)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "missing_ids", cxm__names_word(&cxm__missing_ids_names, b->missing_ids))) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "returns", cxm__names_word(&cxm__rfm_returns_names, b->returns))) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "rows", (double)b->rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "kept_rows", (double)b->n)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "missing_id_rows", (double)b->missing_id_rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "return_rows", (double)b->return_rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "dropped_return_rows", (double)b->dropped_return_rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "dropped_rows", (double)dropped)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "orders")) < 0)
		goto fail;
	*out = t;
	return CXM_OK;
fail:
	cxm_table_free(t);
	return rc;
}
