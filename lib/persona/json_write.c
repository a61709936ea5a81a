/*
 * lib/persona/json_write.c - a persona set as JSON (schema
 * cxmetrics.personas/1, spec §15.7) through the library's one JSON writer,
 * and the entry points of every format (cxm_persona_set_render,
 * cxm_persona_render).
 *
 * The shape is fixed: every key of the schema is written in the schema's
 * order, absent parts as null or [] (never left out), NaN as null; a
 * suppressed persona has only id, segment, suppressed and provenance.
 * Strings that are not valid UTF-8 are written with U+FFFD in place of each
 * byte that does not start a valid sequence, so that every JSON reader takes the text.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "names.h"
#include "render.h"

/* ---- shared by the writers ------------------------------------------------------------- */

void cxm__persona_put_value(cxm__buf *b, double x, int plus)
{
	char text[64];
	double ax = fabs(x);
	if (isnan(x)) {
		cxm__buf_puts(b, "n/a");
		return;
	}
	if (ax == 0.0 || (ax >= 1e-3 && ax < 1e15)) {
		int e = ax == 0.0 ? 0 : (int)floor(log10(ax)), dec = e >= 3 ? 0 : 3 - e;
		size_t n;
		cxm__snprintf_c(text, sizeof text, plus ? "%+.*f" : "%.*f", dec, x);
		n = strlen(text);
		if (dec > 0) {
			while (n > 0 && text[n - 1] == '0')
				text[--n] = '\0';
			if (n > 0 && text[n - 1] == '.')
				text[--n] = '\0';
		}
	} else {
		cxm__snprintf_c(text, sizeof text, plus ? "%+.4g" : "%.4g", x);
	}
	cxm__buf_puts(b, text);
}

const char *cxm__persona_withheld_word(int bits)
{
	if (bits & CXM__WITHHELD_SMALL)
		return "small";
	if (bits & CXM__WITHHELD_SECONDARY)
		return "secondary";
	if (bits & CXM__WITHHELD_POPULATION)
		return "population";
	return NULL;
}

const cxm__attribute *cxm__persona_find_role(const cxm__persona *p, const char *role)
{
	size_t i;
	for (i = 0; i < p->n_demographics; i++)
		if (p->demographics[i].role && strcmp(p->demographics[i].role, role) == 0)
			return &p->demographics[i];
	return NULL;
}

int cxm__persona_modal_withheld(const cxm__persona *p, const cxm__modal *m, const char *role)
{
	return m->withheld || (m->value == NULL && cxm__persona_find_role(p, role) != NULL);
}

int cxm__persona_age_withheld(const cxm__persona *p)
{
	return isnan(p->age) &&
	       (cxm__persona_find_role(p, "age") != NULL || cxm__persona_find_role(p, "birth_year") != NULL);
}

/* ---- JSON -------------------------------------------------------------------------------- */

/* A string member (null for NULL), made valid UTF-8 when it is not. */
static void str(cxm__jw *w, const char *key, const char *s)
{
	cxm__buf fixed;
	char *text = NULL;
	size_t len;
	if (!s || (len = strlen(s), cxm__utf8_valid(s, len) == len)) {
		cxm__jw_string(w, key, s);
		return;
	}
	cxm__buf_init(&fixed);
	cxm__buf_utf8(&fixed, s);
	if (cxm__buf_finish(&fixed, &text) < 0) {
		if (w->out->rc == CXM_OK)
			w->out->rc = cxm__fail(CXM_ENOMEM, "out of memory for a string of %zu bytes", len);
		return;
	}
	cxm__jw_string(w, key, text);
	cxm__free(text);
}

/* A count (size_t) as a JSON number. */
static void count(cxm__jw *w, const char *key, size_t n)
{
	cxm__jw_number(w, key, (double)n);
}

static void provenance(cxm__jw *w, const char *key, const cxm__provenance *pv, int layout)
{
	cxm__jw_object(w, key, layout);
	str(w, "method", pv->method);
	count(w, "k", pv->k);
	/* JSON numbers are exact up to 2^53; a larger seed is written as its digits */
	if (pv->seed <= ((uint64_t)1 << 53)) {
		cxm__jw_number(w, "seed", (double)pv->seed);
	} else {
		char digits[24];
		cxm__snprintf_c(digits, sizeof digits, "%llu", (unsigned long long)pv->seed);
		cxm__jw_string(w, "seed", digits);
	}
	str(w, "quality_measure", pv->quality_measure);
	cxm__jw_number(w, "quality", pv->quality);
	if (pv->window_start || pv->window_end) {
		cxm__jw_object(w, "data_window", CXM__JSON_INLINE);
		str(w, "start", pv->window_start);
		str(w, "end", pv->window_end);
		cxm__jw_end(w);
	} else {
		cxm__jw_null(w, "data_window");
	}
	count(w, "min_n", pv->min_n);
	cxm__jw_number(w, "fdr", pv->fdr);
	cxm__jw_number(w, "reference_year", pv->reference_year);
	cxm__jw_number(w, "customers", pv->customers);
	cxm__jw_number(w, "excluded_customers", pv->excluded_customers);
	count(w, "suppressed_personas", pv->suppressed_personas);
	str(w, "names_source", pv->names_source);
	str(w, "rules", pv->rules_name);
	str(w, "segment_column", pv->segment_column);
	cxm__jw_end(w);
}

static void attribute(cxm__jw *w, const char *key, const cxm__attribute *a)
{
	size_t i;
	cxm__jw_object(w, key, CXM__JSON_BLOCK);
	str(w, "attribute", a->name);
	str(w, "role", a->role);
	cxm__jw_string(w, "type", a->categorical ? "categorical" : "numeric");
	cxm__jw_number(w, "n", a->n);
	cxm__jw_number(w, "missing", a->missing);
	cxm__jw_bool(w, "withheld", a->withheld);
	if (!a->categorical) {
		cxm__jw_number(w, "mean", a->mean);
		cxm__jw_number(w, "sd", a->sd);
		cxm__jw_number(w, "median", a->median);
		cxm__jw_number(w, "p25", a->p25);
		cxm__jw_number(w, "p75", a->p75);
		cxm__jw_number(w, "population_mean", a->population_mean);
		cxm__jw_number(w, "population_sd", a->population_sd);
		cxm__jw_number(w, "population_median", a->population_median);
	} else {
		cxm__jw_array(w, "levels", CXM__JSON_BLOCK);
		for (i = 0; i < a->n_levels; i++) {
			const cxm__cell *c = &a->levels[i];
			cxm__jw_object(w, NULL, CXM__JSON_INLINE);
			str(w, "level", c->level);
			cxm__jw_number(w, "count", c->count);
			cxm__jw_number(w, "share", c->share);
			cxm__jw_number(w, "population_count", c->population_count);
			cxm__jw_number(w, "population_share", c->population_share);
			cxm__jw_string(w, "withheld", cxm__persona_withheld_word(c->withheld));
			cxm__jw_end(w);
		}
		cxm__jw_end(w);
		cxm__jw_number(w, "withheld_count", a->withheld_count);
	}
	cxm__jw_end(w);
}

static void statements(cxm__jw *w, const char *key, const cxm__statement *s, size_t n)
{
	size_t i;
	cxm__jw_array(w, key, CXM__JSON_BLOCK);
	for (i = 0; i < n; i++) {
		cxm__jw_object(w, NULL, CXM__JSON_INLINE);
		str(w, "text", s[i].text);
		str(w, "source", s[i].source);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);
}

static void persona(cxm__jw *w, const cxm_persona_set *set, const cxm__persona *p)
{
	size_t i;
	cxm__jw_object(w, NULL, CXM__JSON_BLOCK);
	str(w, "id", p->id);
	str(w, "segment", p->segment);
	cxm__jw_bool(w, "suppressed", p->suppressed);
	if (p->suppressed) {
		provenance(w, "provenance", &set->provenance, CXM__JSON_INLINE);
		cxm__jw_end(w);
		return;
	}
	str(w, "name", p->name);
	str(w, "name_key", p->name_key);
	str(w, "gender", p->gender.value);
	cxm__jw_number(w, "gender_share", p->gender.share);
	cxm__jw_number(w, "age", p->age);
	str(w, "age_band", p->age_band);
	str(w, "location", p->location.value);
	cxm__jw_number(w, "location_share", p->location.share);
	str(w, "country", p->country.value);
	cxm__jw_number(w, "country_share", p->country.share);
	str(w, "career", p->career.value);
	cxm__jw_number(w, "career_share", p->career.share);
	cxm__jw_number(w, "size", p->size);
	cxm__jw_number(w, "share", p->share);
	cxm__jw_number(w, "revenue", p->revenue);
	cxm__jw_number(w, "revenue_share", p->revenue_share);

	cxm__jw_array(w, "identifiers", CXM__JSON_BLOCK);
	for (i = 0; i < p->n_identifiers; i++) {
		const cxm__identifier *d = &p->identifiers[i];
		cxm__jw_object(w, NULL, CXM__JSON_INLINE);
		str(w, "attribute", d->attribute);
		str(w, "value", d->value);
		cxm__jw_string(w, "type", d->numeric ? "numeric" : "categorical");
		cxm__jw_number(w, "share", d->share);
		cxm__jw_number(w, "population_share", d->population_share);
		cxm__jw_number(w, "lift", d->lift);
		cxm__jw_number(w, "difference", d->difference);
		cxm__jw_number(w, "std_difference", d->std_difference);
		cxm__jw_number(w, "p_value", d->p_value);
		cxm__jw_number(w, "q_value", d->q_value);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);

	cxm__jw_array(w, "demographics", CXM__JSON_BLOCK);
	for (i = 0; i < p->n_demographics; i++)
		attribute(w, NULL, &p->demographics[i]);
	cxm__jw_end(w);

	cxm__jw_object(w, "behaviour", CXM__JSON_BLOCK);
	if (p->rfm_mix)
		attribute(w, "rfm_mix", p->rfm_mix);
	else
		cxm__jw_null(w, "rfm_mix");
	cxm__jw_number(w, "clv_mean", p->clv_mean);
	cxm__jw_number(w, "clv_median", p->clv_median);
	cxm__jw_array(w, "scores", CXM__JSON_BLOCK);
	for (i = 0; i < p->n_scores; i++) {
		const cxm__score *s = &p->scores[i];
		cxm__jw_object(w, NULL, CXM__JSON_INLINE);
		str(w, "name", s->name);
		str(w, "kind", s->kind);
		cxm__jw_number(w, "n", s->n);
		cxm__jw_number(w, "value", s->value);
		cxm__jw_number(w, "lower", s->lower);
		cxm__jw_number(w, "upper", s->upper);
		cxm__jw_number(w, "population_value", s->population_value);
		cxm__jw_number(w, "scale_lo", s->scale_lo);
		cxm__jw_number(w, "scale_hi", s->scale_hi);
		cxm__jw_bool(w, "withheld", s->withheld);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);
	cxm__jw_end(w);

	statements(w, "goals", p->goals, p->n_goals);
	statements(w, "problems", p->problems, p->n_problems);
	statements(w, "solutions", p->solutions, p->n_solutions);

	cxm__jw_array(w, "quotes", CXM__JSON_BLOCK);
	for (i = 0; i < p->n_quotes; i++) {
		cxm__jw_object(w, NULL, CXM__JSON_INLINE);
		str(w, "text", p->quotes[i].text);
		cxm__jw_number(w, "distance", p->quotes[i].distance);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);

	cxm__jw_array(w, "interests", CXM__JSON_BLOCK);
	for (i = 0; i < p->n_interests; i++) {
		cxm__jw_object(w, NULL, CXM__JSON_INLINE);
		str(w, "item", p->interests[i].item);
		cxm__jw_number(w, "weight", p->interests[i].weight);
		cxm__jw_end(w);
	}
	cxm__jw_end(w);
	str(w, "group", p->group);
	cxm__jw_number(w, "group_weight", p->group_weight);
	provenance(w, "provenance", &set->provenance, CXM__JSON_INLINE);
	cxm__jw_end(w);
}

void cxm__persona_json_set(cxm__jw *w, const cxm_persona_set *set)
{
	size_t i;
	cxm__jw_object(w, NULL, CXM__JSON_BLOCK);
	cxm__jw_string(w, "schema", CXM__PERSONA_SCHEMA);
	provenance(w, "provenance", &set->provenance, CXM__JSON_BLOCK);
	cxm__jw_array(w, "personas", CXM__JSON_BLOCK);
	for (i = 0; i < set->n_personas; i++)
		persona(w, set, &set->personas[i]);
	cxm__jw_end(w);
	cxm__jw_end(w);
}

void cxm__persona_json_one(cxm__jw *w, const cxm_persona_set *set, const cxm__persona *p)
{
	persona(w, set, p);
}

/* ---- the entry points ---------------------------------------------------------------------- */

cxm_status cxm_persona_set_render(char **out, const cxm_persona_set *set, int format, const char *title)
{
	cxm__buf b;
	cxm__jw w;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(set, "set")) < 0 || (rc = cxm__names_check(&cxm__persona_format_names, format)) < 0)
		return rc;
	cxm__buf_init(&b);
	switch (format) {
	case CXM_PERSONA_JSON:
		cxm__jw_init(&w, &b);
		cxm__persona_json_set(&w, set);
		break;
	case CXM_PERSONA_MARKDOWN:
		cxm__persona_md_set(&b, set, title);
		break;
	default:
		cxm__persona_html_page(&b, set, title);
		break;
	}
	return cxm__buf_finish(&b, out);
}

cxm_status cxm_persona_render(char **out, const cxm_persona_set *set, size_t i, int format)
{
	cxm__buf b;
	cxm__jw w;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(set, "set")) < 0 || (rc = cxm__names_check(&cxm__persona_format_names, format)) < 0)
		return rc;
	if (i >= set->n_personas)
		return cxm__fail(CXM_EBAD_ARG, "persona %zu is out of range: the set has %zu persona%s", i,
				 set->n_personas, set->n_personas == 1 ? "" : "s");
	cxm__buf_init(&b);
	switch (format) {
	case CXM_PERSONA_JSON:
		cxm__jw_init(&w, &b);
		cxm__persona_json_one(&w, set, &set->personas[i]);
		break;
	case CXM_PERSONA_MARKDOWN:
		cxm__persona_md_one(&b, set, &set->personas[i], 2);
		break;
	default:
		cxm__persona_html_fragment(&b, set, &set->personas[i]);
		break;
	}
	return cxm__buf_finish(&b, out);
}
