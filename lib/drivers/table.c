/*
 * lib/drivers/table.c - the result of a key-driver fit: its table (spec
 * §19.5, the schema every consumer reads), R², n, and freeing it.
 */
#include <math.h>
#include <string.h>
#include "drivers_internal.h"
#include "names.h"
#include "io/io_internal.h"

double cxm_drivers_r2(const cxm_drivers_result *r)
{
	return r ? r->r2 : NAN;
}

size_t cxm_drivers_n(const cxm_drivers_result *r)
{
	return r ? r->n : 0;
}

void cxm_drivers_result_free(cxm_drivers_result *r)
{
	size_t j;
	if (r == NULL)
		return;
	for (j = 0; j < CXM_DRIVERS_MAX_PLAYERS; j++)
		cxm__free(r->name[j]);
	cxm__free(r->outcome);
	cxm__free(r);
}

/* One NUMBER column of p rows from a value per driver (a share: x / R² in %). */
static int add(cxm_table *t, const char *name, const double *x, size_t p, double share_of)
{
	double v[CXM_DRIVERS_MAX_PLAYERS];
	size_t j;
	for (j = 0; j < p; j++)
		v[j] = isnan(share_of) ? x[j] : 100.0 * x[j] / share_of;
	return cxm_table_add_numbers(t, name, v, p);
}

static int attrs(cxm_table *t, const cxm_drivers_result *r)
{
	int rc;
	if ((rc = cxm_table_set_attr_text(t, "outcome", r->outcome)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "r2", r->r2)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "n", (double)r->n)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "rows", (double)r->rows)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "rows_dropped", (double)r->rows_dropped)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "bootstrap", (double)r->replicates)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "bootstrap_redrawn", (double)r->redrawn)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "seed", (double)r->seed)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "conf", r->conf)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "nan_policy", cxm__names_word(&cxm__nan_policy_names, r->nan_policy))) < 0)
		return rc;
	return cxm_table_set_row_name(t, "drivers");
}

cxm_status cxm_drivers_table(cxm_table **out, const cxm_drivers_result *r)
{
	const char *names[CXM_DRIVERS_MAX_PLAYERS], *kinds[CXM_DRIVERS_MAX_PLAYERS];
	cxm_table *t = NULL;
	size_t j;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(r, "r")) < 0)
		return rc;
	for (j = 0; j < r->p; j++) {
		names[j] = r->name[j];
		kinds[j] = r->categorical[j] ? "categorical" : "numeric";
	}
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	if ((rc = cxm_table_add_texts(t, "driver", names, r->p)) < 0 ||
	    (rc = cxm_table_add_texts(t, "kind", kinds, r->p)) < 0 || (rc = add(t, "correlation", r->corr, r->p, NAN)) < 0 ||
	    (rc = add(t, "relative_weight", r->rw, r->p, NAN)) < 0 || (rc = add(t, "rw_lower", r->rw_lo, r->p, NAN)) < 0 ||
	    (rc = add(t, "rw_upper", r->rw_hi, r->p, NAN)) < 0 || (rc = add(t, "rw_share", r->rw, r->p, r->r2)) < 0 ||
	    (rc = add(t, "shapley", r->sh, r->p, NAN)) < 0 || (rc = add(t, "shapley_lower", r->sh_lo, r->p, NAN)) < 0 ||
	    (rc = add(t, "shapley_upper", r->sh_hi, r->p, NAN)) < 0 ||
	    (rc = add(t, "shapley_share", r->sh, r->p, r->r2)) < 0 || (rc = attrs(t, r)) < 0) {
		cxm_table_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}
