/*
 * lib/persona/behaviour_personas.c - personas from behaviour, as Automatic
 * Persona Generation does it (An et al. 2018; spec §15.8):
 * cxm_persona_from_behaviour.
 *
 * The interactions table has a row per customer group (a demographic group,
 * an audience segment) and a NUMBER column per content item or product. Its
 * groups x items matrix X is factorised X ~ W H with k factors
 * (cxm__nmf_fit): row f of H is latent behaviour f over the items, column f
 * of W how much each group shows it. Each behaviour becomes a persona: its
 * interests are the items of largest weight in H's row (weights over the
 * row's sum), its group the one whose mix gives the behaviour the largest
 * share (a group's mix: the share of its fitted interactions each behaviour
 * explains, w_if |h_f|_1 over the sum of them, which the arbitrary scales
 * of W and H do not change), and that group's columns give its identity
 * and, through the names table, its name. Its size is the number of groups
 * whose mix it leads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"
#include "names.h"
#include "io/io_internal.h"
#include "persona_internal.h"
#include "nmf.h"

/* The identity columns (besides the group's name) and the words they are recognised by. */
enum { ID_GENDER, ID_AGE, ID_COUNTRY, ID_LOCATION, N_IDENTITY };

static const struct {
	int role;
	const char *words[3];
} identity[N_IDENTITY] = {
	[ID_GENDER] = { CXM_PERSONA_ROLE_GENDER, { "gender", "sex", NULL } },
	[ID_AGE] = { CXM_PERSONA_ROLE_AGE, { "age", "ageband", "agegroup" } },
	[ID_COUNTRY] = { CXM_PERSONA_ROLE_COUNTRY, { "country", NULL, NULL } },
	[ID_LOCATION] = { CXM_PERSONA_ROLE_LOCATION, { "location", "city", NULL } },
};

/* Lower-case ASCII without '_', '-' and ' ' (spec §15.1's recognition), cut to cap - 1. */
static void normalise(char *dst, size_t cap, const char *s)
{
	size_t n = 0;
	for (; *s && n + 1 < cap; s++) {
		char c = *s;
		if (c == '_' || c == '-' || c == ' ')
			continue;
		dst[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	dst[n] = '\0';
}

static int ignored(const cxm_persona_opts *o, const char *name)
{
	size_t i;
	for (i = 0; i < o->n_ignored; i++)
		if (strcmp(o->ignored[i], name) == 0)
			return 1;
	return 0;
}

/* The column of each identity role (SIZE_MAX: none): the options' role, else (auto_roles) a
 * column whose name is one of the role's words. A role's column that is not there: BAD_ARG. */
static int find_identity(size_t *col, const cxm_table *t, const cxm_persona_opts *o)
{
	size_t c, r, w, n = cxm_table_column_count(t);
	for (r = 0; r < N_IDENTITY; r++) {
		const char *given = o->role[identity[r].role];
		col[r] = SIZE_MAX;
		for (c = 0; c < n && col[r] == SIZE_MAX; c++) {
			const char *name = cxm_table_column_name(t, c);
			char norm[64];
			if (given) {
				if (strcmp(name, given) == 0)
					col[r] = c;
				continue;
			}
			if (!o->auto_roles || ignored(o, name))
				continue;
			normalise(norm, sizeof norm, name);
			for (w = 0; w < 3 && identity[r].words[w]; w++)
				if (strcmp(norm, identity[r].words[w]) == 0)
					col[r] = c;
		}
		if (given && col[r] == SIZE_MAX) {
			char q[CXM__QUOTE_MAX + 8];
			cxm__quote_text(q, sizeof q, given, strlen(given));
			return cxm__fail(CXM_EBAD_ARG, "the %s column '%s' is not in the interactions table",
					 cxm__names_word(&cxm__persona_role_names, identity[r].role), q);
		}
	}
	return CXM_OK;
}

/* The middle of an age band "25-34" (29.5), "65+" (70), "<18" (15); NaN otherwise. */
static double band_middle(const char *band)
{
	char *end;
	double a, b;
	if (!band || !*band)
		return NAN;
	if (band[0] == '<') {
		a = cxm__strtod_c(band + 1, &end);
		return end != band + 1 && *end == '\0' ? a - 3.0 : NAN;
	}
	a = cxm__strtod_c(band, &end);
	if (end == band)
		return NAN;
	if (*end == '+' && end[1] == '\0')
		return a + 5.0;
	if (*end == '-') {
		const char *s = end + 1;
		b = cxm__strtod_c(s, &end);
		if (end != s && *end == '\0' && b >= a)
			return (a + b) / 2.0;
	}
	return NAN;
}

/* The current UTC year. */
static int current_year(void)
{
	char buf[CXM__DATE_MAX];
	cxm__date_format(buf, floor((double)time(NULL) / 86400.0));
	return atoi(buf);
}

#define OOM(what) cxm__fail(CXM_ENOMEM, "out of memory for %s", (what))

/* A text of the group row's column c (NULL for no column or an empty text). */
static const char *text_at(const cxm_table *t, size_t c, size_t row)
{
	const char *const *v;
	if (c == SIZE_MAX || (v = cxm_table_texts(t, c)) == NULL)
		return NULL;
	return v[row][0] ? v[row] : NULL;
}

/* p's modal value from the group's column c (share unknown: NaN). */
static int set_modal(cxm_persona_set *set, cxm__modal *md, const cxm_table *t, size_t c, size_t row)
{
	const char *v = text_at(t, c, row);
	if (!v)
		return CXM_OK;
	if ((md->attribute = cxm__persona_strdup(set, cxm_table_column_name(t, c))) == NULL ||
	    (md->value = cxm__persona_strdup(set, v)) == NULL)
		return OOM("a persona's identity");
	return CXM_OK;
}

typedef struct ranked_item {
	double weight;
	size_t item;
} ranked_item;

static int cmp_items(const void *a, const void *b)
{
	const ranked_item *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* The name of persona p: stream p, redrawn with stream p + k j while an earlier persona has
 * it (as cxm_persona_build). */
static int draw_name(cxm_persona_set *set, size_t p, const cxm_persona_names *names, const char *gender,
		     double birth, const char *country, uint64_t seed)
{
	cxm__persona *ps = &set->personas[p];
	char name[256], key[256];
	uint64_t k = set->n_personas, j;
	int rc;
	for (j = 0; j <= 64; j++) {
		size_t q;
		int used = 0;
		if ((rc = cxm_persona_names_draw(name, sizeof name, key, sizeof key, names, gender, birth, country, seed,
						 (uint64_t)p + k * j)) < 0)
			return rc;
		for (q = 0; q < p && !used; q++)
			used = set->personas[q].name && strcmp(set->personas[q].name, name) == 0;
		if (!used)
			break;
	}
	if ((ps->name = cxm__persona_strdup(set, name)) == NULL || (ps->name_key = cxm__persona_strdup(set, key)) == NULL)
		return OOM("a persona's name");
	return CXM_OK;
}

/* The weights table: group, then one column per persona (W's rows over their sums). */
static int weights_table(cxm_table **out, const cxm_table *t, size_t name_col, const size_t *rows, size_t n,
			 const double *wn, size_t k, const cxm_persona_set *set)
{
	cxm_table *tb = NULL;
	const char **names = NULL;
	const char *const *texts = cxm_table_texts(t, name_col);
	double *col = NULL;
	size_t i, f;
	int rc;
	if ((rc = cxm_table_new(&tb)) < 0)
		return rc;
	if ((rc = cxm__alloc_array((void *)&names, n, sizeof *names, "group names")) < 0 ||
	    (rc = cxm__alloc_array(&col, n, sizeof *col, "weights")) < 0)
		goto done;
	for (i = 0; i < n; i++)
		names[i] = texts[rows[i]];
	if ((rc = cxm_table_set_row_name(tb, "groups")) < 0 || (rc = cxm_table_add_texts(tb, "group", names, n)) < 0)
		goto done;
	for (f = 0; f < k; f++) {
		for (i = 0; i < n; i++)
			col[i] = wn[i * k + f];
		if ((rc = cxm_table_add_numbers(tb, set->personas[f].id, col, n)) < 0)
			goto done;
	}
	*out = tb;
	tb = NULL;
	rc = CXM_OK;
done:
	cxm__free((void *)names);
	cxm__free(col);
	cxm_table_free(tb);
	return rc;
}

cxm_status cxm_persona_from_behaviour(cxm_persona_set **out, cxm_table **weights, const cxm_table *interactions,
				      size_t k, size_t top_items, int method, const cxm_persona_opts *opts)
{
	const cxm_persona_opts *o = opts ? opts : &cxm__persona_opts_default;
	const cxm_table *t = interactions;
	cxm_persona_set *set = NULL;
	cxm_persona_names *builtin = NULL;
	const cxm_persona_names *names;
	cxm_nmf_info info = CXM_NMF_INFO_INIT;
	size_t idc[N_IDENTITY], name_col = SIZE_MAX, n_cols, n_rows, n_items = 0, kept = 0, i, j, f, c;
	size_t *items = NULL, *rows = NULL, *best_of = NULL, *sizes = NULL;
	double *x = NULL, *w = NULL, *h = NULL, *wn = NULL, *hsum = NULL;
	ranked_item *rk = NULL;
	int year, rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if (weights)
		*weights = NULL;
	if ((rc = cxm__check_ptr(interactions, "interactions")) < 0 ||
	    (rc = cxm__names_check(&cxm__nmf_method_names, method)) < 0)
		return rc;
	if (k == 0)
		return cxm__fail(CXM_EBAD_ARG, "k is 0; at least one persona is needed");
	if (top_items == 0)
		return cxm__fail(CXM_EBAD_ARG, "top_items is 0; at least one item per persona is needed");
	n_cols = cxm_table_column_count(t);
	n_rows = cxm_table_rows(t);
	if ((rc = find_identity(idc, t, o)) < 0)
		return rc;
	/* the group's name: the ID role's column, else the first TEXT column */
	for (c = 0; c < n_cols && name_col == SIZE_MAX; c++) {
		int type;
		const char *cn = cxm_table_column_name(t, c);
		cxm_table_column_type(&type, t, c);
		if (type == CXM_TABLE_TEXT && !ignored(o, cn) &&
		    (!o->role[CXM_PERSONA_ROLE_ID] || strcmp(cn, o->role[CXM_PERSONA_ROLE_ID]) == 0))
			name_col = c;
	}
	if (name_col == SIZE_MAX)
		return cxm__fail(CXM_EBAD_ARG, "the interactions table has no TEXT column to name its groups%s%s",
				 o->role[CXM_PERSONA_ROLE_ID] ? ": no TEXT column " : "",
				 o->role[CXM_PERSONA_ROLE_ID] ? o->role[CXM_PERSONA_ROLE_ID] : "");
	if ((rc = cxm__alloc_array(&items, n_cols ? n_cols : 1, sizeof *items, "the items")) < 0)
		return rc;
	/* the items: NUMBER columns that are not identity columns or ignored */
	for (c = 0; c < n_cols; c++) {
		int type, is_id = 0;
		cxm_table_column_type(&type, t, c);
		for (j = 0; j < N_IDENTITY; j++)
			is_id |= idc[j] == c;
		if (type == CXM_TABLE_NUMBER && !is_id && !ignored(o, cxm_table_column_name(t, c)))
			items[n_items++] = c;
	}
	if (n_items == 0) {
		rc = cxm__fail(CXM_EBAD_ARG, "the interactions table has no NUMBER column (an item per column)");
		goto done;
	}
	if (n_rows == 0) {
		rc = cxm__fail(CXM_EEMPTY, "the interactions table has no rows");
		goto done;
	}
	/* the values, then the groups of min_n or more interactions */
	if ((rc = cxm__alloc_array(&rows, n_rows, sizeof *rows, "the groups")) < 0)
		goto done;
	for (i = 0; i < n_rows; i++) {
		double sum = 0.0;
		for (j = 0; j < n_items; j++) {
			double v = cxm_table_numbers(t, items[j])[i];
			if (!(v >= 0.0 && v < INFINITY)) {
				rc = cxm__fail(isnan(v) ? CXM_ENAN : CXM_EOUT_OF_RANGE,
					       "row %zu, column %s: %g; interactions must be finite and >= 0", i + 1,
					       cxm_table_column_name(t, items[j]), v);
				goto done;
			}
			sum += v;
		}
		if (sum >= (double)o->min_n)
			rows[kept++] = i;
	}
	if (kept < k) {
		rc = cxm__fail(CXM_ETOO_FEW,
			       "k = %zu personas need %zu groups of min_n = %zu or more interactions; %zu of the %zu "
			       "groups have that many",
			       k, k, o->min_n, kept, n_rows);
		goto done;
	}
	if (k > n_items) {
		rc = cxm__fail(CXM_EBAD_ARG, "k = %zu is more than the number of items, %zu", k, n_items);
		goto done;
	}
	if ((rc = cxm__alloc_array(&x, kept * n_items, sizeof *x, "the interactions")) < 0 ||
	    (rc = cxm__alloc_array(&w, kept * k, sizeof *w, "W")) < 0 ||
	    (rc = cxm__alloc_array(&wn, kept * k, sizeof *wn, "W")) < 0 ||
	    (rc = cxm__alloc_array(&h, k * n_items, sizeof *h, "H")) < 0 ||
	    (rc = cxm__alloc_array(&best_of, k, sizeof *best_of, "the groups")) < 0 ||
	    (rc = cxm__alloc_array(&sizes, k, sizeof *sizes, "the sizes")) < 0 ||
	    (rc = cxm__alloc_array(&hsum, k, sizeof *hsum, "H's row sums")) < 0 ||
	    (rc = cxm__alloc_array(&rk, n_items, sizeof *rk, "the items")) < 0)
		goto done;
	for (j = 0; j < n_items; j++) {
		const double *v = cxm_table_numbers(t, items[j]);
		for (i = 0; i < kept; i++)
			x[i * n_items + j] = v[rows[i]];
	}
	if ((rc = cxm__nmf_fit(w, kept * k, h, k * n_items, &info, x, kept * n_items, n_items, k, method, 0, o->seed,
			       CXM_NMF_MAX_ITERATIONS_DEFAULT, CXM_NMF_TOL_DEFAULT, o->threads)) < 0)
		goto done;

	/* each group's mix over the behaviours: the share of its fitted interactions each one
	 * explains, w_if x (sum of H's row f) over the group's total (W and H's scales
	 * cancel); the group that shows each behaviour most */
	for (f = 0; f < k; f++) {
		double hs = 0.0;
		for (j = 0; j < n_items; j++)
			hs += h[f * n_items + j];
		hsum[f] = hs;
		best_of[f] = SIZE_MAX;
		sizes[f] = 0;
	}
	for (i = 0; i < kept; i++) {
		double s = 0.0, top = -1.0;
		size_t arg = 0;
		for (f = 0; f < k; f++)
			s += w[i * k + f] * hsum[f];
		for (f = 0; f < k; f++) {
			wn[i * k + f] = s > 0.0 ? w[i * k + f] * hsum[f] / s : 0.0;
			if (wn[i * k + f] > top) {
				top = wn[i * k + f];
				arg = f;
			}
			if (wn[i * k + f] > 0.0 && (best_of[f] == SIZE_MAX || wn[i * k + f] > wn[best_of[f] * k + f]))
				best_of[f] = i;
		}
		if (s > 0.0)
			sizes[arg]++;
	}

	if ((rc = cxm__persona_set_new(&set)) < 0)
		goto done;
	if ((set->personas = CXM__PERSONA_NEW(set, cxm__persona, k)) == NULL) {
		rc = OOM("the personas");
		goto done;
	}
	set->n_personas = k;
	if (o->names) {
		names = o->names;
	} else {
		if ((rc = cxm_persona_names_builtin(&builtin)) < 0)
			goto done;
		names = builtin;
	}
	year = o->reference_year ? o->reference_year : current_year();
	for (f = 0; f < k; f++) {
		cxm__persona *ps = &set->personas[f];
		char label[32];
		double hs = hsum[f], birth = NAN;
		size_t nz = 0, top;
		cxm__persona_init(ps);
		cxm__snprintf_c(label, sizeof label, "P%zu", f + 1);
		if ((ps->id = cxm__persona_strdup(set, label)) == NULL) {
			rc = OOM("a persona's id");
			goto done;
		}
		cxm__snprintf_c(label, sizeof label, "F%zu", f + 1);
		if ((ps->segment = cxm__persona_strdup(set, label)) == NULL) {
			rc = OOM("a persona's segment");
			goto done;
		}
		ps->size = (double)sizes[f];
		ps->share = 100.0 * (double)sizes[f] / (double)kept;
		/* interests: the items of largest weight, weights over the row's sum */
		for (j = 0; j < n_items; j++) {
			double v = hs > 0.0 ? h[f * n_items + j] / hs : 0.0;
			if (v > 0.0) {
				rk[nz].weight = v;
				rk[nz].item = j;
				nz++;
			}
		}
		qsort(rk, nz, sizeof *rk, cmp_items);
		top = nz < top_items ? nz : top_items;
		if (top && (ps->interests = CXM__PERSONA_NEW(set, cxm__interest, top)) == NULL) {
			rc = OOM("a persona's interests");
			goto done;
		}
		for (j = 0; j < top; j++) {
			ps->interests[j].weight = rk[j].weight;
			if ((ps->interests[j].item =
				     cxm__persona_strdup(set, cxm_table_column_name(t, items[rk[j].item]))) == NULL) {
				rc = OOM("a persona's interests");
				goto done;
			}
		}
		ps->n_interests = top;
		/* the group that shows the behaviour most, and its identity */
		if (best_of[f] != SIZE_MAX) {
			size_t row = rows[best_of[f]];
			const char *gender = text_at(t, idc[ID_GENDER], row), *country;
			ps->group_weight = wn[best_of[f] * k + f];
			if ((ps->group = cxm__persona_strdup(set, cxm_table_texts(t, name_col)[row])) == NULL) {
				rc = OOM("a persona's group");
				goto done;
			}
			if ((rc = set_modal(set, &ps->gender, t, idc[ID_GENDER], row)) < 0 ||
			    (rc = set_modal(set, &ps->country, t, idc[ID_COUNTRY], row)) < 0 ||
			    (rc = set_modal(set, &ps->location, t, idc[ID_LOCATION], row)) < 0)
				goto done;
			if (idc[ID_AGE] != SIZE_MAX) {
				int type;
				cxm_table_column_type(&type, t, idc[ID_AGE]);
				if (type == CXM_TABLE_NUMBER) {
					double a = cxm_table_numbers(t, idc[ID_AGE])[row];
					const char *band = cxm__persona_age_band(a);
					ps->age = a;
					birth = isnan(a) ? NAN : (double)year - a;
					if (band && (ps->age_band = cxm__persona_strdup(set, band)) == NULL) {
						rc = OOM("a persona's age band");
						goto done;
					}
				} else if (type == CXM_TABLE_TEXT) {
					const char *band = text_at(t, idc[ID_AGE], row);
					double mid = band_middle(band);
					birth = isnan(mid) ? NAN : (double)year - mid;
					if (band && (ps->age_band = cxm__persona_strdup(set, band)) == NULL) {
						rc = OOM("a persona's age band");
						goto done;
					}
				}
			}
			country = ps->country.value;
			if ((rc = draw_name(set, f, names, gender, birth, country, o->seed)) < 0)
				goto done;
		} else if ((rc = draw_name(set, f, names, NULL, NAN, NULL, o->seed)) < 0) {
			goto done;
		}
	}
	/* provenance */
	{
		cxm__provenance *pv = &set->provenance;
		const char *src = cxm__persona_names_source(names);
		if ((pv->method = cxm__persona_strdup(set, method == CXM_NMF_MU ? "nmf-mu" : "nmf-hals")) == NULL ||
		    (pv->quality_measure = cxm__persona_strdup(set, "relative_error")) == NULL ||
		    (src && (pv->names_source = cxm__persona_strdup(set, src)) == NULL)) {
			rc = OOM("the provenance");
			goto done;
		}
		pv->k = k;
		pv->seed = o->seed;
		pv->quality = info.relative_error;
		pv->min_n = o->min_n;
		pv->fdr = o->fdr;
		pv->reference_year = year;
		pv->customers = (double)kept;
		pv->excluded_customers = (double)(n_rows - kept);
		pv->suppressed_personas = 0;
	}
	if (weights && (rc = weights_table(weights, t, name_col, rows, kept, wn, k, set)) < 0)
		goto done;
	*out = set;
	set = NULL;
	rc = CXM_OK;
done:
	cxm_persona_set_free(set);
	cxm_persona_names_free(builtin);
	cxm__free(items);
	cxm__free(rows);
	cxm__free(best_of);
	cxm__free(sizes);
	cxm__free(x);
	cxm__free(w);
	cxm__free(wn);
	cxm__free(hsum);
	cxm__free(h);
	cxm__free(rk);
	return rc;
}
