/* tests/headers/experimental.c - the public headers with CXM_EXPERIMENTAL
 * defined (experimental.h's declarations), compiled as C99 and C11 with
 * -Wall -Wextra -pedantic -Werror (conventions C2). */
#define CXM_EXPERIMENTAL
#include "cxmetrics.h"

int main(void)
{
	cxm_csv_spec *spec = NULL;
	cxm_table *t = NULL;
	int rc = cxm_csv_spec_new(&spec);
	if (rc == CXM_OK)
		rc = cxm_csv_spec_add_column(spec, "x", CXM_TABLE_NUMBER, CXM_CSV_REQUIRED);
	/* no such file: IO, and *out NULL */
	if (rc == CXM_OK)
		rc = cxm_table_read_csv(&t, "/nonexistent/cxm_headertest.csv", spec) == CXM_EIO && t == NULL
			     ? CXM_OK : CXM_EBAD_ARG;
	cxm_csv_spec_free(spec);
	return rc == CXM_OK ? 0 : 1;
}
