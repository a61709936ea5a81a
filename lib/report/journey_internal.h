/*
 * lib/report/journey_internal.h - what the files of the journey page
 * (cxm_journey_render_html, spec §26) share: the table being drawn with its
 * place in the caller's list (named in every error), the schema checks, the
 * groups of a table, number and label text, and the plain table. Each chart
 * is a file of its own (journey_funnel.c, journey_cohort.c,
 * journey_pyramid.c); journey_html.c is the page around them.
 */
#ifndef CXM_REPORT_JOURNEY_INTERNAL_H
#define CXM_REPORT_JOURNEY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "cxmetrics.h"
#include "buf.h"
#include "page.h" /* cxm__page_value, the sort script: shared with the survey page */

/* Groups drawn per chart: more are in the table only (a chart of 50 funnels
 * or pyramids shows nothing); the total first, then the first ones in order. */
#define CXM__JOURNEY_MAX_SERIES 10

/* A kind's column type that accepts a TEXT or a DAY column (a label: cohort
 * starts, periods). */
#define CXM__JOURNEY_LABEL (-1)

/* One of the caller's tables. */
typedef struct cxm__jt {
	const cxm_table *t;
	size_t index;     /* its place in the caller's array: "tables[2]" */
	const char *kind; /* its `kind` attribute */
	const char *spec; /* the spec section of its schema, "§22" */
} cxm__jt;

/*
 * Column `name` of the table, of `type` (a cxm_table_type or
 * CXM__JOURNEY_LABEL): its index, or BAD_ARG "tables[0] (kind 'funnel'):
 * there is no NUMBER column 'overall' (spec §22 schema); its columns are:
 * step, event, ..." / "... column 'overall' is TEXT, not NUMBER".
 */
int cxm__journey_need(size_t *col, const cxm__jt *jt, const char *name, int type);

/* The same for a column the page uses when it is there: SIZE_MAX when absent,
 * BAD_ARG (rc < 0) when it is there with another type. */
int cxm__journey_want(size_t *col, const cxm__jt *jt, const char *name, int type);

/* The columns before `name` (the group columns of a funnel before `step`, of
 * a pyramid before `period`), each of which must be TEXT. */
int cxm__journey_group_columns(size_t *n_gcols, const cxm__jt *jt, size_t before);

/* The distinct groups of a table (the tuples of its n_gcols first columns),
 * numbered in first-seen order; without group columns every row is group 0. */
typedef struct cxm__jgroups {
	size_t n_gcols;
	size_t n;               /* groups */
	size_t *of_row;         /* rows: each row's group */
	size_t *first;          /* n: each group's first row */
	unsigned char *total;   /* n: 1 when every group value is "(all)" */
	size_t drawn[CXM__JOURNEY_MAX_SERIES], n_drawn; /* the charted groups: total(s) first */
} cxm__jgroups;

int cxm__jgroups_init(cxm__jgroups *g, const cxm_table *t, size_t n_gcols);
void cxm__jgroups_free(cxm__jgroups *g);

/* A group's name: its values joined by " / ", escaped; cut to max_chars
 * characters when longer (0: whole). */
void cxm__jgroups_name(cxm__buf *b, const cxm__jgroups *g, const cxm_table *t, size_t group, size_t max_chars);


/* A duration in seconds for people: "45 s", "12.5 min", "3.2 h", "2.1 d"; "n/a" for NaN. */
void cxm__journey_duration(cxm__buf *b, double seconds);

/* s escaped, cut to max_chars characters (the last one an ellipsis) when longer. */
void cxm__journey_short(cxm__buf *b, const char *s, size_t max_chars);

/* Cell (row, col) of a TEXT (escaped) or DAY (YYYY-MM-DD) column. */
void cxm__journey_label(cxm__buf *b, const cxm_table *t, size_t col, size_t row);

/* A TEXT attribute of t, or NULL; a NUMBER attribute of t, or NaN. Neither
 * touches the last error. */
const char *cxm__journey_attr_text(const cxm_table *t, const char *name);
double cxm__journey_attr_number(const cxm_table *t, const char *name);

/* The table as an HTML table whose header sorts it (with the page's script),
 * every column shown; rows whose n_gcols first values are all "(all)" in bold,
 * a `suppressed` row greyed with "suppressed" for its withheld numbers. */
void cxm__journey_table(cxm__buf *b, const cxm_table *t, size_t n_gcols);

/* The sections (each an <section> with its heading, chart and table). */
int cxm__journey_funnel(cxm__buf *b, const cxm__jt *jt);
int cxm__journey_cohort(cxm__buf *b, const cxm__jt *jt);
int cxm__journey_pyramid(cxm__buf *b, const cxm__jt *jt);

#endif
