/*
 * lib/txlog/missing.c - the one message of a missing customer id (spec
 * §16.3), given by every function that groups rows by customer, and the
 * copy of a log's counts onto what is made from it.
 */
#include <string.h>
#include "txlog_internal.h"
#include "io/io_internal.h"

int cxm__missing_id_fail(const char *what, size_t i, const char *kind)
{
	/* the row as a person counts it next to the index as a program does */
	return cxm__fail(CXM_EBAD_ARG,
			 "%s[%zu] (row %zu) is missing (%s): a missing id is no customer; leave such rows out "
			 "with missing_ids = drop (cxm_txlog_from_arrays, --missing-ids drop), which counts them",
			 what, i, i + 1, kind);
}

static int has_attr(const cxm_table *t, const char *name)
{
	size_t i, n = cxm_table_attr_count(t);
	for (i = 0; i < n; i++)
		if (strcmp(cxm_table_attr_name(t, i), name) == 0)
			return 1;
	return 0;
}

int cxm__txlog_copy_attrs(cxm_table *dst, const cxm_table *src)
{
	size_t i, n = cxm_table_attr_count(src);
	for (i = 0; i < n; i++) {
		int rc;
		if (has_attr(dst, cxm_table_attr_name(src, i)))
			continue; /* the summary's own: "returns" of the RFM customers */
		rc = cxm__table_copy_attr(dst, src, i);
		if (rc < 0)
			return rc;
	}
	return CXM_OK;
}
