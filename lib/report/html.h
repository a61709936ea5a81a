/*
 * lib/report/html.h - the survey report as one self-contained HTML page
 * (spec §18.9), drawn from the report's PUBLIC tables only (the CELLS,
 * VS_REST, DRIVERS and THEMES schemas of spec §18), so that whatever made
 * the tables - the report, a test, a binding - gets the same page.
 */
#ifndef CXM_REPORT_HTML_H
#define CXM_REPORT_HTML_H

#include "cxmetrics.h"

/*
 * The page: a title and the run's settings (the cells table's attributes),
 * per metric a trend chart (one line per group with its interval band) or,
 * without periods, a dot-and-whisker chart; promoter / passive / detractor
 * bars of the latest period; the cells as a sortable table; vs-rest, key
 * drivers and themes sections when their tables are given and not empty.
 * cells: the CELLS table (required); vs_rest, drivers, themes: NULL or a
 * table with no rows leaves the section out.
 * Errors: BAD_ARG (out or cells NULL; a table without a column its schema
 * requires, or with it of another type: the message names table and
 * column), NOMEM. Ownership: *out is the caller's (cxm_free); NULL on
 * failure. Thread safety: reads the tables only.
 */
cxm_status cxm__survey_render_html(char **out, const cxm_table *cells, const cxm_table *vs_rest,
                                   const cxm_table *drivers, const cxm_table *themes);

/*
 * The page of a report: its CELLS, VS_REST, DRIVERS and THEMES tables (the
 * public getters, cxm_survey_report_cells and the others) through
 * cxm__survey_render_html. What cxm_survey_report_render writes for
 * CXM_FORMAT_HTML (the engine's render_grouped.c calls it).
 * Errors: BAD_ARG (NULL), NOMEM, and cxm__survey_render_html's.
 * Ownership: *out is the caller's (cxm_free); NULL on failure.
 * Thread safety: read-only on the report.
 */
cxm_status cxm__survey_report_html(char **out, const cxm_survey_report *report);

#endif
