/*
 * lib/report/page.h - the pieces the survey page and the journey page share
 * (page.c): one sort script, one way of printing a number for people.
 */
#ifndef CXM_REPORT_PAGE_H
#define CXM_REPORT_PAGE_H

#include "buf.h"

/* The page's only script: sorts a table.cxs-sort by a click on a header. */
extern const char cxm__page_sort_script[];

/* A number for people: "n/a" for NaN; four significant digits without an
 * exponent for 0.001 <= |x| < 1e15 (trailing zeros dropped), %.3g beyond;
 * never the caller's locale. */
void cxm__page_value(cxm__buf *b, double x);

#endif
