/*
 * bench/persona_shim.c - cxm__persona_describe (internal, hidden in the
 * shared library) behind a few exported functions, so that
 * bench/bench_personas.py can time it through ctypes on the same arrays as
 * its pandas + scipy rival. Linked with the library's objects; built, never
 * installed, never run by `meson test`.
 */
#include <stdio.h>
#include <string.h>
#include "cxmetrics.h"
#include "persona/persona_internal.h"

#define CXB_API __attribute__((visibility("default")))

/* A set of k personas P1..Pk described from n_cols columns (numeric: x[j] != NULL;
   categorical: codes[j], levels[j], n_levels[j]). Returns the set or NULL (message on stderr). */
CXB_API void *cxb_persona_describe(size_t k, const uint32_t *seg, size_t n_rows, size_t n_cols,
				   const char *const *names, const double *const *x, const uint32_t *const *codes,
				   const char *const *const *levels, const size_t *n_levels, size_t min_n,
				   double fdr, size_t most, unsigned threads)
{
	cxm_persona_set *set = NULL;
	cxm__pcol cols[64];
	cxm_persona_opts o;
	size_t i;
	if (n_cols > 64 || cxm__persona_set_new(&set) < 0)
		return NULL;
	set->personas = CXM__PERSONA_NEW(set, cxm__persona, k);
	set->n_personas = k;
	for (i = 0; i < k; i++) {
		char id[24];
		cxm__persona_init(&set->personas[i]);
		snprintf(id, sizeof id, "P%zu", i + 1);
		set->personas[i].id = cxm__persona_strdup(set, id);
	}
	memset(cols, 0, sizeof cols);
	for (i = 0; i < n_cols; i++) {
		cols[i].name = names[i];
		cols[i].x = x[i];
		cols[i].codes = codes[i];
		cols[i].levels = levels[i];
		cols[i].n_levels = n_levels[i];
	}
	memset(&o, 0, sizeof o);
	o.min_n = min_n;
	o.fdr = fdr;
	o.identifiers = most;
	o.threads = threads;
	if (cxm__persona_describe(set, cols, n_cols, seg, n_rows, &o) < 0) {
		fprintf(stderr, "cxm__persona_describe: %s\n", cxm_error_last()->message);
		cxm_persona_set_free(set);
		return NULL;
	}
	return set;
}

CXB_API void cxb_persona_free(void *set)
{
	cxm_persona_set_free(set);
}

CXB_API size_t cxb_persona_identifiers(const void *set, size_t p)
{
	return ((const cxm_persona_set *)set)->personas[p].n_identifiers;
}

/* identifier i of persona p: attribute, value, and share, population_share, lift,
   difference, std_difference, p_value, q_value into out[7] */
CXB_API void cxb_persona_identifier(const void *set, size_t p, size_t i, const char **attribute, const char **value,
				    double *out)
{
	const cxm__identifier *d = &((const cxm_persona_set *)set)->personas[p].identifiers[i];
	*attribute = d->attribute;
	*value = d->value;
	out[0] = d->share;
	out[1] = d->population_share;
	out[2] = d->lift;
	out[3] = d->difference;
	out[4] = d->std_difference;
	out[5] = d->p_value;
	out[6] = d->q_value;
}

/* numeric attribute j of persona p: n, mean, sd, median, p25, p75, population mean, sd, median */
CXB_API void cxb_persona_numeric(const void *set, size_t p, size_t j, double *out)
{
	const cxm__attribute *a = &((const cxm_persona_set *)set)->personas[p].demographics[j];
	out[0] = a->n;
	out[1] = a->mean;
	out[2] = a->sd;
	out[3] = a->median;
	out[4] = a->p25;
	out[5] = a->p75;
	out[6] = a->population_mean;
	out[7] = a->population_sd;
	out[8] = a->population_median;
}

/* cell l (in the persona's order) of categorical attribute j of persona p */
CXB_API const char *cxb_persona_cell(const void *set, size_t p, size_t j, size_t l, double *out)
{
	const cxm__attribute *a = &((const cxm_persona_set *)set)->personas[p].demographics[j];
	if (l >= a->n_levels)
		return NULL;
	out[0] = a->levels[l].count;
	out[1] = a->levels[l].share;
	out[2] = a->levels[l].population_count;
	out[3] = a->levels[l].withheld;
	return a->levels[l].level;
}
