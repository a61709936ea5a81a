/*
 * lib/persona/render.h - what the writers of a persona set share (spec
 * §15.7): JSON (json_write.c), Markdown (markdown.c) and HTML (html.c), and
 * the few facts about a record they all derive the same way, so that a set
 * read back from its JSON is written exactly as the set that was built.
 */
#ifndef CXM_PERSONA_RENDER_H
#define CXM_PERSONA_RENDER_H

#include <stddef.h>
#include "persona_internal.h"
#include "io/io_internal.h"

/* The schema word written and read ("cxmetrics.personas/1"). */
#define CXM__PERSONA_SCHEMA "cxmetrics.personas/1"
#define CXM__PERSONA_SCHEMA_PREFIX "cxmetrics.personas/"

/* json_write.c: the set, and one persona as an item of the set's "personas". */
void cxm__persona_json_set(cxm__jw *w, const cxm_persona_set *set);
void cxm__persona_json_one(cxm__jw *w, const cxm_persona_set *set, const cxm__persona *p);

/* markdown.c: the set under a level-1 heading (title, NULL "Personas"), and
 * one persona's section (its heading at `level`, 1..5). */
void cxm__persona_md_set(cxm__buf *b, const cxm_persona_set *set, const char *title);
void cxm__persona_md_one(cxm__buf *b, const cxm_persona_set *set, const cxm__persona *p, int level);

/* html.c: the page, and one card as a fragment with its own style. */
void cxm__persona_html_page(cxm__buf *b, const cxm_persona_set *set, const char *title);
void cxm__persona_html_fragment(cxm__buf *b, const cxm_persona_set *set, const cxm__persona *p);

/* The word of a cell's withheld bits as the JSON writes it (NULL for 0):
 * "small", else "secondary", else "population". */
const char *cxm__persona_withheld_word(int bits);

/* The demographics item of a persona whose role is `role` (the first), or NULL. */
const cxm__attribute *cxm__persona_find_role(const cxm__persona *p, const char *role);

/* Whether a modal value of the identity is withheld: flagged, or unknown
 * while the persona has an attribute of that role (gender, location,
 * country, career), which happens only when no level of it may be shown. */
int cxm__persona_modal_withheld(const cxm__persona *p, const cxm__modal *m, const char *role);

/* Whether the median age is withheld: NaN while an age or birth-year attribute exists. */
int cxm__persona_age_withheld(const cxm__persona *p);

/* A number for people: "n/a" for NaN; at most 4 significant digits, without
 * an exponent for 0.001 <= |x| < 1e15 ("52000", "38.9", "0.0015"; %.4g
 * otherwise), trailing zeros dropped; with plus, a sign always. */
void cxm__persona_put_value(cxm__buf *b, double x, int plus);

/* cxm__utf8_valid, cxm__buf_utf8 and cxm__buf_html: lib/core/buf.h */

#endif
