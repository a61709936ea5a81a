/*
 * lib/report/journey_cohort.c - the cohort section of the journey page
 * (spec §26.3), from the table of cxm_cohort_table (spec §24).
 */
#include "internal.h"
#include "journey_internal.h"

int cxm__journey_cohort(cxm__buf *b, const cxm__jt *jt)
{
	size_t c;
	int rc;
	if ((rc = cxm__journey_need(&c, jt, "cohort", CXM__JOURNEY_LABEL)) < 0 ||
	    (rc = cxm__journey_need(&c, jt, "period", CXM_TABLE_NUMBER)) < 0 ||
	    (rc = cxm__journey_need(&c, jt, "retention", CXM_TABLE_NUMBER)) < 0)
		return rc;
	cxm__journey_table(b, jt->t, 0);
	return CXM_OK;
}
