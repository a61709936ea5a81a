/*
 * lib/persona/roles.c - what each column of the customer table is to the
 * personas (spec §15.1): the roles the options give, then roles recognised
 * by the columns' names, then every other column an attribute.
 */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "names.h"
#include "build_internal.h"

/* The names each role is recognised by, compared after normalise(). */
typedef struct recognised {
	int role;
	const char *words[5];
} recognised;

static const recognised recognition[] = {
	{ CXM_PERSONA_ROLE_ID, { "id", "customerid", "customer", NULL } },
	{ CXM_PERSONA_ROLE_SEGMENT, { "segment", "cluster", NULL } },
	{ CXM_PERSONA_ROLE_GENDER, { "gender", "sex", NULL } },
	{ CXM_PERSONA_ROLE_AGE, { "age", NULL } },
	{ CXM_PERSONA_ROLE_BIRTH_YEAR, { "birthyear", "yearbirth", "yearofbirth", NULL } },
	{ CXM_PERSONA_ROLE_LOCATION, { "city", "location", NULL } },
	{ CXM_PERSONA_ROLE_COUNTRY, { "country", NULL } },
	{ CXM_PERSONA_ROLE_CAREER, { "job", "career", "occupation", "profession", NULL } },
	{ CXM_PERSONA_ROLE_COMMENT, { "comment", "comments", "verbatim", "feedback", NULL } },
	/* answers named by their metric: averaging them as an attribute would hide the score */
	{ CXM_PERSONA_ROLE_NPS, { "nps", "npsscore", NULL } },
	{ CXM_PERSONA_ROLE_CSAT, { "csat", "csatscore", NULL } },
	{ CXM_PERSONA_ROLE_CES, { "ces", "cesscore", NULL } },
	{ CXM_PERSONA_ROLE_CLV, { "clv", "ltv", "customerlifetimevalue", NULL } },
	{ CXM_PERSONA_ROLE_RFM_SEGMENT, { "rfmsegment", NULL } }
};

/* Lower-case ASCII with '_', '-' and ' ' dropped, cut to cap - 1 bytes. */
static void normalise(char *dst, size_t cap, const char *s)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++) {
		char c = *s;
		if (c == '_' || c == '-' || c == ' ')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		dst[n++] = c;
	}
	dst[n] = '\0';
}

/* Which column types a role takes: bit (1 << type). */
static unsigned types_of(int role)
{
	const unsigned num = 1u << CXM_TABLE_NUMBER, day = 1u << CXM_TABLE_DAY, text = 1u << CXM_TABLE_TEXT;
	switch (role) {
	case CXM_PERSONA_ROLE_ID:
	case CXM_PERSONA_ROLE_SEGMENT:
		return num | text;
	case CXM_PERSONA_ROLE_AGE:
	case CXM_PERSONA_ROLE_BIRTH_YEAR:
	case CXM_PERSONA_ROLE_AMOUNT:
	case CXM_PERSONA_ROLE_CLV:
	case CXM_PERSONA_ROLE_NPS:
	case CXM_PERSONA_ROLE_CSAT:
	case CXM_PERSONA_ROLE_CES:
	case CXM_PERSONA_ROLE_SCORE:
		return num;
	case CXM_PERSONA_ROLE_DATE:
		return day | text;
	case CXM_PERSONA_ROLE_IGNORE:
		return num | day | text;
	default: /* gender, location, country, career, comment, rfm_segment */
		return text;
	}
}

static const char *type_words(unsigned types)
{
	switch (types) {
	case (1u << CXM_TABLE_NUMBER):
		return "NUMBER";
	case (1u << CXM_TABLE_TEXT):
		return "TEXT";
	case (1u << CXM_TABLE_DAY):
		return "DAY";
	case (1u << CXM_TABLE_NUMBER) | (1u << CXM_TABLE_TEXT):
		return "NUMBER or TEXT";
	case (1u << CXM_TABLE_DAY) | (1u << CXM_TABLE_TEXT):
		return "DAY or TEXT";
	default:
		return "any type";
	}
}

int cxm__persona_role_is_attribute(int role)
{
	switch (role) {
	case CXM__ROLE_ATTRIBUTE:
	case CXM_PERSONA_ROLE_GENDER:
	case CXM_PERSONA_ROLE_AGE:
	case CXM_PERSONA_ROLE_BIRTH_YEAR:
	case CXM_PERSONA_ROLE_LOCATION:
	case CXM_PERSONA_ROLE_COUNTRY:
	case CXM_PERSONA_ROLE_CAREER:
	case CXM_PERSONA_ROLE_RFM_SEGMENT:
		return 1;
	default:
		return 0;
	}
}

void cxm__persona_roles_free(cxm__roles *r)
{
	cxm__free(r->scores);
	cxm__free(r->role_of);
	r->scores = NULL;
	r->role_of = NULL;
}

static const char *column_at(const void *ctx, size_t i)
{
	return cxm_table_column_name(ctx, i);
}

/* Give column `name` the role, checking that it exists, its type and that it has no role yet. */
static int assign(cxm__roles *r, const cxm_table *t, int role, const char *name, size_t *col)
{
	size_t c;
	int type;
	unsigned ok = types_of(role);
	const char *word = cxm__names_word(&cxm__persona_role_names, role);
	if (cxm_table_column_index(&c, t, name) < 0) {
		char cols[512], q[CXM__QUOTE_MAX + 4];
		cxm__quote_text(q, sizeof q, name, strlen(name));
		cxm__join_names(cols, sizeof cols, cxm_table_column_count(t), column_at, t, 1, NULL);
		return cxm__fail(CXM_EBAD_ARG, "the %s column \"%s\" is not in the table; its columns are: %s", word, q,
				 cols);
	}
	cxm_table_column_type(&type, t, c);
	if (!(ok & (1u << type)))
		return cxm__fail(CXM_EBAD_ARG, "the %s column \"%s\" is %s; it must be %s", word, name,
				 type_words(1u << type), type_words(ok));
	if (r->role_of[c] != CXM__ROLE_ATTRIBUTE)
		return cxm__fail(CXM_EBAD_ARG, "column \"%s\" is given two roles, %s and %s", name,
				 cxm__names_word(&cxm__persona_role_names, r->role_of[c]), word);
	r->role_of[c] = role;
	*col = c;
	return CXM_OK;
}

int cxm__persona_roles(cxm__roles *r, const cxm_table *t, const cxm_persona_opts *opts)
{
	size_t i, c, n = cxm_table_column_count(t), w;
	int rc, role;
	memset(r, 0, sizeof *r);
	for (i = 0; i < CXM__PERSONA_ONE_ROLES; i++)
		r->col[i] = SIZE_MAX;
	r->n_cols = n;
	if ((rc = cxm__alloc_array(&r->role_of, n ? n : 1, sizeof *r->role_of, "the columns' roles")) < 0 ||
	    (rc = cxm__alloc_array(&r->scores, opts->n_scores ? opts->n_scores : 1, sizeof *r->scores,
				   "the SCORE columns")) < 0)
		goto fail;
	for (c = 0; c < n; c++)
		r->role_of[c] = CXM__ROLE_ATTRIBUTE;
	for (role = 0; role < CXM__PERSONA_ONE_ROLES; role++)
		if (opts->role[role] && (rc = assign(r, t, role, opts->role[role], &r->col[role])) < 0)
			goto fail;
	for (i = 0; i < opts->n_scores; i++, r->n_scores++)
		if ((rc = assign(r, t, CXM_PERSONA_ROLE_SCORE, opts->scores[i], &r->scores[i])) < 0)
			goto fail;
	for (i = 0; i < opts->n_ignored; i++) {
		size_t unused;
		if ((rc = assign(r, t, CXM_PERSONA_ROLE_IGNORE, opts->ignored[i], &unused)) < 0)
			goto fail;
	}
	if (opts->auto_roles) {
		for (i = 0; i < sizeof recognition / sizeof *recognition; i++) {
			const recognised *g = &recognition[i];
			if (r->col[g->role] != SIZE_MAX)
				continue;
			/* the first word any free column of the right type matches, columns in table order */
			for (w = 0; g->words[w] && r->col[g->role] == SIZE_MAX; w++) {
				for (c = 0; c < n; c++) {
					char norm[64];
					int type;
					if (r->role_of[c] != CXM__ROLE_ATTRIBUTE)
						continue;
					normalise(norm, sizeof norm, cxm_table_column_name(t, c));
					cxm_table_column_type(&type, t, c);
					if (strcmp(norm, g->words[w]) == 0 && (types_of(g->role) & (1u << type))) {
						r->role_of[c] = g->role;
						r->col[g->role] = c;
						break;
					}
				}
			}
		}
	}
	/* a DAY column without the date role is not an attribute */
	for (c = 0; c < n; c++) {
		int type;
		cxm_table_column_type(&type, t, c);
		if (r->role_of[c] == CXM__ROLE_ATTRIBUTE && type == CXM_TABLE_DAY)
			r->role_of[c] = CXM__ROLE_UNUSED;
	}
	return CXM_OK;
fail:
	cxm__persona_roles_free(r);
	return rc;
}
