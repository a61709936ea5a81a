/*
 * lib/txlog/summary.c - cxm_clv_summary_from_log: the CLV summary of a clean
 * log (spec §16.4). The log's returns policy says what its flagged rows are:
 * under net each return is taken off its customer's spend that day (so a
 * purchase day's total is what the customer kept), and a day with returns
 * only is no purchase day; under keep they are purchases as given. The rows
 * then go to cxm_clv_summary_from_transactions, the one summary of the
 * library, and the log's counts come along as attributes.
 */
#include <math.h>
#include <string.h>
#include "names.h"
#include "txlog_internal.h"
#include "xsum.h"
#include "io/io_internal.h"

#define WHAT "cxm_clv_summary_from_log"

/* The rows the summary takes, as arrays of the rows kept. */
typedef struct rows {
	const char **ids;
	double *days, *amounts;
	size_t n;
	size_t return_only_rows;
	cxm__xsum return_only_amount;
} rows;

/* Under net: the (customer, day) pairs with a purchase, then every row whose
 * pair has one, returns as -|amount|. */
static int net_rows(rows *r, const char *const *ids, const uint32_t *codes, const double *days, const double *amounts,
		    const double *flags, size_t n)
{
	cxm__distinct d;
	size_t i, k;
	int rc;
	if ((rc = cxm__distinct_init(&d, 2, n / 4 < 1024 ? 1024 : n / 4, WHAT)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		double key[2];
		if (amounts[i] < 0.0 || (flags && flags[i] != 0.0))
			continue;
		key[0] = (double)codes[i];
		key[1] = days[i];
		if ((rc = cxm__distinct_add(&d, key, &k)) < 0)
			goto done;
	}
	for (i = 0; i < n; i++) {
		double key[2];
		int ret = amounts[i] < 0.0 || (flags && flags[i] != 0.0);
		key[0] = (double)codes[i];
		key[1] = days[i];
		if (ret && cxm__distinct_find(&d, key) == SIZE_MAX) {
			r->return_only_rows++;
			cxm__xsum_add(&r->return_only_amount, fabs(amounts[i]));
			continue;
		}
		r->ids[r->n] = ids[i];
		r->days[r->n] = days[i];
		r->amounts[r->n] = ret ? -fabs(amounts[i]) : amounts[i];
		r->n++;
	}
	rc = CXM_OK;
done:
	cxm__distinct_free(&d);
	return rc;
}

cxm_status cxm_clv_summary_from_log(cxm_table **out, const cxm_table *log, double calibration_end,
				    double observation_end, int period)
{
	size_t c_id, c_day, c_amount, c_cancel, i, n;
	const char *const *ids;
	const char *policy = NULL;
	const double *days, *amounts, *flags;
	uint32_t *codes = NULL;
	cxm_table *s = NULL;
	rows r;
	int rc, net;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(log, "log")) < 0 ||
	    (rc = cxm__table_column_typed(&c_id, log, "customer_id", 1u << CXM_TABLE_TEXT, 1,
						"log")) < 0 ||
	    (rc = cxm__table_column_typed(&c_day, log, "order_day", 1u << CXM_TABLE_DAY | 1u << CXM_TABLE_NUMBER, 1,
						"log")) < 0 ||
	    (rc = cxm__table_column_typed(&c_amount, log, "amount", 1u << CXM_TABLE_NUMBER, 1,
						"log")) < 0 ||
	    (rc = cxm__table_column_typed(&c_cancel, log, "cancelled", 1u << CXM_TABLE_NUMBER, 0,
						"log")) < 0)
		return rc;
	n = cxm_table_rows(log);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "the log has no rows");
	ids = cxm_table_texts(log, c_id);
	days = cxm_table_numbers(log, c_day);
	amounts = cxm_table_numbers(log, c_amount);
	flags = c_cancel == SIZE_MAX ? NULL : cxm_table_numbers(log, c_cancel);
	for (i = 0; i < n; i++)
		if (ids[i][0] == '\0')
			return cxm__missing_id_fail("customer_id", i, "an empty text");
	/* a log without the attribute (made by hand) has its returns as given */
	net = cxm_table_get_attr_text(&policy, log, "returns") == CXM_OK && strcmp(policy, "net") == 0;
	memset(&r, 0, sizeof r);
	cxm__xsum_init(&r.return_only_amount);
	if (net) {
		if ((rc = cxm__alloc_array(&r.ids, n, sizeof *r.ids, WHAT)) < 0 ||
		    (rc = cxm__alloc_array(&r.days, n, sizeof *r.days, WHAT)) < 0 ||
		    (rc = cxm__alloc_array(&r.amounts, n, sizeof *r.amounts, WHAT)) < 0 ||
		    (rc = cxm__alloc_array(&codes, n, sizeof *codes, WHAT)) < 0 ||
		    (rc = cxm_table_copy_codes(codes, n, log, c_id)) < 0 ||
		    (rc = net_rows(&r, ids, codes, days, amounts, flags, n)) < 0)
			goto done;
		rc = cxm_clv_summary_from_transactions(&s, r.ids, r.n, r.days, r.n, r.amounts, r.n, calibration_end,
						       observation_end, period);
	} else {
		rc = cxm_clv_summary_from_transactions(&s, ids, n, days, n, amounts, n, calibration_end,
						       observation_end, period);
	}
	if (rc < 0 || (rc = cxm__txlog_copy_attrs(s, log)) < 0 ||
	    (rc = cxm_table_set_attr_number(s, "return_only_rows", (double)r.return_only_rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(s, "return_only_amount", cxm__xsum_round(&r.return_only_amount))) < 0)
		goto done;
	*out = s;
	s = NULL;
done:
	cxm_table_free(s);
	cxm__free(codes);
	cxm__free((void *)r.ids);
	cxm__free(r.days);
	cxm__free(r.amounts);
	return rc;
}
