/*
 * lib/rfm/orders.c - order rows from a CSV file (spec §7.6), through the
 * library's one CSV-to-table reader: customer, date and amount columns, and
 * a status column whose listed words mark cancellations.
 */
#define CXM_EXPERIMENTAL 1
#include <math.h>
#include <string.h>
#include "cxmetrics/experimental.h"
#include "rfm_internal.h"
#include "io/io_internal.h"

#define WHAT "cxm_rfm_orders_read_csv"

cxm_status cxm_rfm_orders_read_csv(cxm_table **out, const char *path, const char *customer_col, const char *date_col,
			    const char *amount_col, const char *status_col, const char *const *cancel_words,
			    size_t n_cancel_words)
{
	cxm_csv_spec *spec = NULL;
	cxm_table *t = NULL;
	double *flag = NULL;
	size_t i, n;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0 || (rc = cxm__check_ptr(customer_col, "customer_col")) < 0 ||
	    (rc = cxm__check_ptr(date_col, "date_col")) < 0 || (rc = cxm__check_ptr(amount_col, "amount_col")) < 0 ||
	    (rc = cxm__check_array(cancel_words, n_cancel_words, "cancel_words")) < 0)
		return rc;
	if (status_col && n_cancel_words == 0)
		return cxm__fail(CXM_EBAD_ARG, "status column '%s' given without the words that mark a cancellation",
				 status_col);
	if (!status_col && n_cancel_words > 0)
		return cxm__fail(CXM_EBAD_ARG, "%zu cancellation words given without a status column", n_cancel_words);
	for (i = 0; i < n_cancel_words; i++)
		if (cancel_words[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "cancel_words[%zu] is NULL", i);
	if ((rc = cxm_csv_spec_new(&spec)) < 0)
		return rc;
	if ((rc = cxm_csv_spec_add_column(spec, customer_col, CXM_TABLE_TEXT, CXM_CSV_REQUIRED | CXM_CSV_NOT_EMPTY)) < 0 ||
	    (rc = cxm_csv_spec_add_column(spec, date_col, CXM_TABLE_DAY, CXM_CSV_REQUIRED)) < 0 ||
	    (rc = cxm_csv_spec_add_column(spec, amount_col, CXM_TABLE_NUMBER, CXM_CSV_REQUIRED)) < 0 ||
	    (status_col && (rc = cxm_csv_spec_add_column(spec, status_col, CXM_TABLE_TEXT, CXM_CSV_REQUIRED)) < 0) ||
	    (rc = cxm_table_read_csv(&t, path, spec)) < 0)
		goto done;
	n = cxm_table_rows(t);
	if (status_col) {
		/* status words -> 0/1, per level (each distinct status once) */
		size_t lv = cxm_table_level_count(t, 3), j;
		unsigned char *is_cancel = NULL;
		uint32_t *codes = NULL;
		if ((rc = cxm__alloc_array(&is_cancel, lv ? lv : 1, 1, WHAT)) < 0)
			goto done;
		for (i = 0; i < lv; i++) {
			const char *s = cxm_table_level(t, 3, i);
			is_cancel[i] = 0;
			for (j = 0; j < n_cancel_words; j++)
				if (strcmp(s, cancel_words[j]) == 0)
					is_cancel[i] = 1;
		}
		if ((rc = cxm__alloc_array(&codes, n ? n : 1, sizeof *codes, WHAT)) < 0 ||
		    (n > 0 && (rc = cxm_table_copy_codes(codes, n, t, 3)) < 0) ||
		    (rc = cxm__table_add_column(&flag, t, "cancelled", CXM_TABLE_NUMBER, n)) < 0) {
			cxm__free(codes);
			cxm__free(is_cancel);
			goto done;
		}
		for (i = 0; i < n; i++)
			flag[i] = is_cancel[codes[i]];
		cxm__free(codes);
		cxm__free(is_cancel);
	}
	/* the producer's names (a header may already use one of them: rename
	 * in an order that cannot collide) */
	if ((rc = cxm__table_rename_column(t, 0, "\001id")) < 0 || (rc = cxm__table_rename_column(t, 1, "\001day")) < 0 ||
	    (rc = cxm__table_rename_column(t, 2, "\001amount")) < 0 ||
	    (status_col && (rc = cxm__table_rename_column(t, 3, "\001status")) < 0) ||
	    (rc = cxm__table_rename_column(t, 0, "customer_id")) < 0 ||
	    (rc = cxm__table_rename_column(t, 1, "order_day")) < 0 ||
	    (rc = cxm__table_rename_column(t, 2, "amount")) < 0 ||
	    (status_col && (rc = cxm__table_rename_column(t, 3, "status")) < 0) ||
	    (rc = cxm_table_set_row_name(t, "orders")) < 0)
		goto done;
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm_csv_spec_free(spec);
	return rc;
}
