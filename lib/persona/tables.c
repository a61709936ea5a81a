/*
 * lib/persona/tables.c - a persona set as tables (spec §15.7): one row per
 * persona (cxm_persona_set_summary) and one row per identifier
 * (cxm_persona_set_identifiers), for data frames and CSV.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "persona_internal.h"

#define ROWS_OF(p) ((p) ? (p) : "")

/* Scratch columns: n_text TEXT and n_num NUMBER columns of n rows each. */
typedef struct cols {
	const char **text;
	double *num;
	size_t n;
} cols;

static int cols_new(cols *c, size_t n_text, size_t n_num, size_t n)
{
	memset(c, 0, sizeof *c);
	c->n = n;
	if (n == 0)
		return CXM_OK;
	if (cxm__alloc_array(&c->text, n_text * n, sizeof *c->text, "a persona table") < 0)
		return CXM_ENOMEM;
	if (cxm__alloc_array(&c->num, n_num * n, sizeof *c->num, "a persona table") < 0) {
		cxm__free(c->text);
		return CXM_ENOMEM;
	}
	return CXM_OK;
}

static void cols_free(cols *c)
{
	cxm__free(c->text);
	cxm__free(c->num);
}

/* The table of the scratch columns under their names; *out NULL on failure. */
static int make(cxm_table **out, const cols *c, const char *const *text_names, size_t n_text,
		const char *const *num_names, size_t n_num, const char *row_name)
{
	cxm_table *t = NULL;
	size_t j;
	int rc;
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	for (j = 0; j < n_text && rc == CXM_OK; j++)
		rc = cxm_table_add_texts(t, text_names[j], c->n ? c->text + j * c->n : NULL, c->n);
	for (j = 0; j < n_num && rc == CXM_OK; j++)
		rc = cxm_table_add_numbers(t, num_names[j], c->n ? c->num + j * c->n : NULL, c->n);
	if (rc == CXM_OK)
		rc = cxm_table_set_row_name(t, row_name);
	if (rc < 0) {
		cxm_table_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

cxm_status cxm_persona_set_summary(cxm_table **out, const cxm_persona_set *set)
{
	static const char *const text_names[] = { "id", "segment", "name", "gender", "age_band", "location",
						  "career" };
	static const char *const num_names[] = { "age", "size", "share", "revenue_share", "suppressed" };
	enum { NT = 7, NN = 5 };
	cols c;
	size_t i, n;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(set, "set")) < 0)
		return rc;
	n = set->n_personas;
	if ((rc = cols_new(&c, NT, NN, n)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		const cxm__persona *p = &set->personas[i];
		int s = p->suppressed;
		c.text[0 * n + i] = ROWS_OF(p->id);
		c.text[1 * n + i] = ROWS_OF(p->segment);
		c.text[2 * n + i] = s ? "" : ROWS_OF(p->name);
		c.text[3 * n + i] = s ? "" : ROWS_OF(p->gender.value);
		c.text[4 * n + i] = s ? "" : ROWS_OF(p->age_band);
		c.text[5 * n + i] = s ? "" : ROWS_OF(p->location.value);
		c.text[6 * n + i] = s ? "" : ROWS_OF(p->career.value);
		c.num[0 * n + i] = s ? NAN : p->age;
		c.num[1 * n + i] = s ? NAN : p->size;
		c.num[2 * n + i] = s ? NAN : p->share;
		c.num[3 * n + i] = s ? NAN : p->revenue_share;
		c.num[4 * n + i] = s ? 1.0 : 0.0;
	}
	rc = make(out, &c, text_names, NT, num_names, NN, "personas");
	cols_free(&c);
	return rc;
}

cxm_status cxm_persona_set_identifiers(cxm_table **out, const cxm_persona_set *set)
{
	static const char *const text_names[] = { "persona", "attribute", "value" };
	static const char *const num_names[] = { "share", "population_share", "lift", "difference",
						 "std_difference", "p_value", "q_value" };
	enum { NT = 3, NN = 7 };
	cols c;
	size_t i, j, n = 0, r = 0;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(set, "set")) < 0)
		return rc;
	for (i = 0; i < set->n_personas; i++)
		if (!set->personas[i].suppressed)
			n += set->personas[i].n_identifiers;
	if ((rc = cols_new(&c, NT, NN, n)) < 0)
		return rc;
	for (i = 0; i < set->n_personas; i++) {
		const cxm__persona *p = &set->personas[i];
		if (p->suppressed)
			continue;
		for (j = 0; j < p->n_identifiers; j++, r++) {
			const cxm__identifier *d = &p->identifiers[j];
			c.text[0 * n + r] = ROWS_OF(p->id);
			c.text[1 * n + r] = ROWS_OF(d->attribute);
			c.text[2 * n + r] = ROWS_OF(d->value);
			c.num[0 * n + r] = d->share;
			c.num[1 * n + r] = d->population_share;
			c.num[2 * n + r] = d->lift;
			c.num[3 * n + r] = d->difference;
			c.num[4 * n + r] = d->std_difference;
			c.num[5 * n + r] = d->p_value;
			c.num[6 * n + r] = d->q_value;
		}
	}
	rc = make(out, &c, text_names, NT, num_names, NN, "identifiers");
	cols_free(&c);
	return rc;
}
