/* lib/report/report_internal.h - the survey report, shared by survey.c (compute) and render.c. */
#ifndef CXM_REPORT_INTERNAL_H
#define CXM_REPORT_INTERNAL_H

#include "internal.h"

#define CXM__SURVEY_METRICS 3

/* One metric of the report. */
typedef struct cxm__survey_metric {
	char *column;  /* configured column (our copy), or NULL: not asked for */
	int computed;  /* 0 with a column: it was optional and absent from the file */
	size_t index;  /* its index in the file */
	size_t missing; /* empty answers skipped */
	int lo, hi;    /* the answer scale */
} cxm__survey_metric;

struct cxm_survey_report {
	char *path;
	size_t rows;
	double conf;
	int nan_policy;
	int nps_scale;
	int ces_points;
	cxm__survey_metric m[CXM__SURVEY_METRICS];
	cxm_nps_result nps;
	cxm_nps_ci wald, adjusted_wald;
	cxm_csat_result csat;
	cxm_ces_result ces;
};

/* "NPS", "CSAT", "CES" */
const char *cxm__survey_metric_name(int metric);
/* "nps", "csat", "ces" (JSON keys) */
const char *cxm__survey_metric_key(int metric);

#endif
