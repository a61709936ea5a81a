/*
 * lib/report/journey_pyramid.c - the CX pyramid section of the journey page
 * (spec §26.4), from the PYRAMID table of cxm_survey_report_pyramid (spec §25).
 */
#include "internal.h"
#include "journey_internal.h"

int cxm__journey_pyramid(cxm__buf *b, const cxm__jt *jt)
{
	size_t c, n_gcols;
	int rc;
	if ((rc = cxm__journey_need(&c, jt, "period", CXM__JOURNEY_LABEL)) < 0 ||
	    (rc = cxm__journey_group_columns(&n_gcols, jt, c)) < 0)
		return rc;
	cxm__journey_table(b, jt->t, n_gcols);
	return CXM_OK;
}
