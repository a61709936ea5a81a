/*
 * lib/persona/markdown.c - a persona set as Markdown (spec §15.7): a heading
 * and the provenance, then one section per persona (identity line, size,
 * identifiers and demographics as tables, behaviour, goals / problems /
 * solutions, quotes, interests). Text from the data is escaped so that it
 * stays text; withheld values read "withheld (< min_n)".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "render.h"

#define WITHHELD "withheld (< min_n)"

/* Text from the data: valid UTF-8, Markdown's punctuation escaped, line
 * breaks and control characters as spaces. */
static void esc(cxm__buf *b, const char *s)
{
	cxm__buf t;
	char *text = NULL;
	const char *p;
	if (!s)
		return;
	cxm__buf_init(&t);
	cxm__buf_utf8(&t, s);
	if (cxm__buf_finish(&t, &text) < 0) {
		if (b->rc == CXM_OK)
			b->rc = cxm__fail(CXM_ENOMEM, "out of memory writing Markdown");
		return;
	}
	for (p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f)
			cxm__buf_putc(b, ' ');
		else if (strchr("\\`*_[]<>|#!~", c))
			cxm__buf_printf(b, "\\%c", c);
		else
			cxm__buf_putc(b, (char)c);
	}
	cxm__free(text);
}

/* A number as printf's fmt writes it, or "n/a" for NaN. */
static void num(cxm__buf *b, const char *fmt, double x)
{
	if (isnan(x))
		cxm__buf_puts(b, "n/a");
	else
		cxm__buf_printf(b, fmt, x);
}

static void pct(cxm__buf *b, double x)
{
	if (isnan(x)) {
		cxm__buf_puts(b, "n/a");
		return;
	}
	cxm__buf_printf(b, "%.1f%%", x);
}

/* "value (share%)" of a modal value, WITHHELD, or nothing (returns 0). */
static int modal(cxm__buf *b, const cxm__persona *p, const cxm__modal *m, const char *role, int sep)
{
	if (m->value) {
		if (sep)
			cxm__buf_puts(b, " · ");
		esc(b, m->value);
		if (!isnan(m->share)) {
			cxm__buf_puts(b, " (");
			pct(b, m->share);
			cxm__buf_putc(b, ')');
		}
		return 1;
	}
	if (cxm__persona_modal_withheld(p, m, role)) {
		cxm__buf_printf(b, "%s%s " WITHHELD, sep ? " · " : "", role);
		return 1;
	}
	return 0;
}

static void heading(cxm__buf *b, int level)
{
	int i;
	for (i = 0; i < level; i++)
		cxm__buf_putc(b, '#');
	cxm__buf_putc(b, ' ');
}

/* The levels of a categorical attribute: "a 31.0% (population 13.0%), b ...". */
static void levels(cxm__buf *b, const cxm__attribute *a)
{
	size_t i, shown = 0;
	for (i = 0; i < a->n_levels; i++) {
		const cxm__cell *c = &a->levels[i];
		if (c->withheld)
			continue;
		cxm__buf_puts(b, shown++ ? "; " : "");
		esc(b, c->level);
		cxm__buf_putc(b, ' ');
		pct(b, c->share);
		cxm__buf_puts(b, " (");
		pct(b, c->population_share);
		cxm__buf_putc(b, ')');
	}
	if (a->withheld_count > 0) {
		cxm__buf_printf(b, "%s%zu level%s " WITHHELD ", ", shown ? "; " : "", a->n_levels - shown,
				a->n_levels - shown == 1 ? "" : "s");
		num(b, "%.0f", a->withheld_count);
		cxm__buf_puts(b, " customers together");
	} else if (shown < a->n_levels) {
		cxm__buf_printf(b, "%s%zu level%s " WITHHELD, shown ? "; " : "", a->n_levels - shown,
				a->n_levels - shown == 1 ? "" : "s");
	}
	if (a->n_levels == 0)
		cxm__buf_puts(b, "no values");
}

/* One attribute on a line: "**name**: ..." */
static void attribute_line(cxm__buf *b, const cxm__attribute *a)
{
	cxm__buf_puts(b, "- **");
	esc(b, a->name);
	cxm__buf_puts(b, "**");
	if (a->role && strcmp(a->role, "attribute") != 0) {
		cxm__buf_puts(b, " (");
		esc(b, a->role);
		cxm__buf_putc(b, ')');
	}
	cxm__buf_puts(b, ": ");
	if (a->withheld) {
		cxm__buf_puts(b, WITHHELD "\n");
		return;
	}
	if (a->categorical) {
		levels(b, a);
	} else {
		cxm__buf_puts(b, "mean ");
		cxm__persona_put_value(b, a->mean, 0);
		cxm__buf_puts(b, " (population ");
		cxm__persona_put_value(b, a->population_mean, 0);
		cxm__buf_puts(b, "), median ");
		cxm__persona_put_value(b, a->median, 0);
		cxm__buf_puts(b, " (population ");
		cxm__persona_put_value(b, a->population_median, 0);
		cxm__buf_puts(b, "), middle half ");
		cxm__persona_put_value(b, a->p25, 0);
		cxm__buf_puts(b, " to ");
		cxm__persona_put_value(b, a->p75, 0);
		cxm__buf_puts(b, ", sd ");
		cxm__persona_put_value(b, a->sd, 0);
	}
	cxm__buf_puts(b, "; ");
	num(b, "%.0f", a->n);
	cxm__buf_puts(b, " answers");
	if (a->missing > 0) {
		cxm__buf_puts(b, ", ");
		num(b, "%.0f", a->missing);
		cxm__buf_puts(b, " missing");
	}
	cxm__buf_putc(b, '\n');
}

static void statements(cxm__buf *b, int level, const char *title, const cxm__statement *s, size_t n)
{
	size_t i;
	if (n == 0)
		return;
	heading(b, level);
	cxm__buf_printf(b, "%s\n\n", title);
	for (i = 0; i < n; i++) {
		cxm__buf_puts(b, "- ");
		esc(b, s[i].text);
		if (s[i].source) {
			cxm__buf_puts(b, " *(");
			esc(b, s[i].source);
			cxm__buf_puts(b, ")*");
		}
		cxm__buf_putc(b, '\n');
	}
	cxm__buf_putc(b, '\n');
}

static void provenance(cxm__buf *b, const cxm__provenance *pv)
{
	cxm__buf_puts(b, "Method ");
	if (pv->method)
		esc(b, pv->method);
	else
		cxm__buf_puts(b, "n/a");
	cxm__buf_printf(b, ", k %zu, seed %llu", pv->k, (unsigned long long)pv->seed);
	if (pv->quality_measure) {
		cxm__buf_puts(b, ", ");
		esc(b, pv->quality_measure);
		cxm__buf_puts(b, " ");
		cxm__persona_put_value(b, pv->quality, 0);
	}
	if (pv->segment_column) {
		cxm__buf_puts(b, ", segments from column ");
		esc(b, pv->segment_column);
	}
	if (pv->window_start || pv->window_end) {
		cxm__buf_puts(b, ", data from ");
		esc(b, pv->window_start ? pv->window_start : "?");
		cxm__buf_puts(b, " to ");
		esc(b, pv->window_end ? pv->window_end : "?");
	}
	cxm__buf_puts(b, "; ");
	num(b, "%.0f", pv->customers);
	cxm__buf_puts(b, " customers");
	if (pv->suppressed_personas > 0) {
		cxm__buf_printf(b, ", %zu persona%s suppressed (", pv->suppressed_personas,
				pv->suppressed_personas == 1 ? "" : "s");
		if (isnan(pv->excluded_customers))
			cxm__buf_puts(b, "their customers " WITHHELD);
		else
			cxm__buf_printf(b, "%.0f customers left out", pv->excluded_customers);
		cxm__buf_putc(b, ')');
	}
	cxm__buf_printf(b, "; min_n %zu: nothing shown comes from fewer customers", pv->min_n);
	cxm__buf_puts(b, "; identifiers kept at FDR ");
	num(b, "%.3g", pv->fdr);
	if (pv->reference_year)
		cxm__buf_printf(b, "; ages in %d", pv->reference_year);
	if (pv->names_source) {
		cxm__buf_puts(b, "; names: ");
		esc(b, pv->names_source);
	}
	if (pv->rules_name) {
		cxm__buf_puts(b, "; rules: ");
		esc(b, pv->rules_name);
	}
	/* one full stop, also after a source that ends with its own */
	if (!(b->len > 0 && b->text[b->len - 1] == '.'))
		cxm__buf_putc(b, '.');
	cxm__buf_putc(b, '\n');
}

void cxm__persona_md_one(cxm__buf *b, const cxm_persona_set *set, const cxm__persona *p, int level)
{
	size_t i;
	int any;
	if (level < 1)
		level = 1;
	if (level > 5)
		level = 5;
	heading(b, level);
	esc(b, p->id);
	if (p->name) {
		cxm__buf_puts(b, ": ");
		esc(b, p->name);
	}
	if (p->segment) {
		cxm__buf_puts(b, " (segment ");
		esc(b, p->segment);
		cxm__buf_putc(b, ')');
	}
	cxm__buf_puts(b, "\n\n");
	if (p->suppressed) {
		cxm__buf_printf(b, "Suppressed: the segment has fewer than %zu customers (min_n); nothing about it is "
				"shown.\n\n", set->provenance.min_n);
		return;
	}

	/* identity */
	any = modal(b, p, &p->gender, "gender", 0);
	if (!isnan(p->age)) {
		cxm__buf_printf(b, "%s%.4g years", any ? " · " : "", p->age);
		if (p->age_band) {
			cxm__buf_puts(b, " (");
			esc(b, p->age_band);
			cxm__buf_putc(b, ')');
		}
		any = 1;
	} else if (cxm__persona_age_withheld(p)) {
		cxm__buf_printf(b, "%sage " WITHHELD, any ? " · " : "");
		any = 1;
	}
	any |= modal(b, p, &p->location, "location", any);
	any |= modal(b, p, &p->country, "country", any);
	any |= modal(b, p, &p->career, "career", any);
	if (any)
		cxm__buf_puts(b, "\n\n");

	cxm__buf_puts(b, "- Size: ");
	num(b, "%.0f", p->size);
	cxm__buf_puts(b, " customers, ");
	pct(b, p->share);
	cxm__buf_puts(b, " of customers");
	if (!isnan(p->revenue_share)) {
		cxm__buf_puts(b, ", ");
		pct(b, p->revenue_share);
		cxm__buf_puts(b, " of revenue (");
		num(b, "%.2f", p->revenue);
		cxm__buf_putc(b, ')');
	}
	cxm__buf_putc(b, '\n');
	if (p->name_key) {
		cxm__buf_puts(b, "- Name drawn from the names of ");
		esc(b, p->name_key);
		cxm__buf_putc(b, '\n');
	}
	if (p->group) {
		cxm__buf_puts(b, "- Group it fits best: ");
		esc(b, p->group);
		cxm__buf_puts(b, " (weight ");
		num(b, "%.3g", p->group_weight);
		cxm__buf_puts(b, ")\n");
	}
	cxm__buf_putc(b, '\n');

	if (p->n_identifiers > 0) {
		heading(b, level + 1);
		cxm__buf_puts(b, "What sets them apart\n\n");
		cxm__buf_puts(b, "| Attribute | Value | Segment | Population | Lift | Difference | Std. difference | p | q |\n");
		cxm__buf_puts(b, "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (i = 0; i < p->n_identifiers; i++) {
			const cxm__identifier *d = &p->identifiers[i];
			cxm__buf_puts(b, "| ");
			esc(b, d->attribute);
			cxm__buf_puts(b, " | ");
			esc(b, d->value);
			cxm__buf_puts(b, " | ");
			if (d->numeric) {
				cxm__persona_put_value(b, d->share, 0);
				cxm__buf_puts(b, " | ");
				cxm__persona_put_value(b, d->population_share, 0);
				cxm__buf_puts(b, " | ");
				num(b, "%.2f", d->lift);
				cxm__buf_puts(b, " | ");
				cxm__persona_put_value(b, d->difference, 1);
			} else {
				pct(b, d->share);
				cxm__buf_puts(b, " | ");
				pct(b, d->population_share);
				cxm__buf_puts(b, " | ");
				num(b, "%.2f", d->lift);
				cxm__buf_puts(b, " | ");
				num(b, "%+.1f", d->difference);
			}
			cxm__buf_puts(b, " | ");
			num(b, "%+.2f", d->std_difference);
			cxm__buf_puts(b, " | ");
			num(b, "%.2g", d->p_value);
			cxm__buf_puts(b, " | ");
			num(b, "%.2g", d->q_value);
			cxm__buf_puts(b, " |\n");
		}
		cxm__buf_puts(b, "\n");
	}

	if (p->n_demographics > 0) {
		heading(b, level + 1);
		cxm__buf_puts(b, "Demographics (segment, population in brackets)\n\n");
		for (i = 0; i < p->n_demographics; i++)
			attribute_line(b, &p->demographics[i]);
		cxm__buf_putc(b, '\n');
	}

	if (p->rfm_mix || !isnan(p->clv_mean) || !isnan(p->clv_median) || p->n_scores > 0) {
		heading(b, level + 1);
		cxm__buf_puts(b, "Behaviour\n\n");
		if (p->rfm_mix) {
			cxm__buf_puts(b, "- RFM mix: ");
			if (p->rfm_mix->withheld)
				cxm__buf_puts(b, WITHHELD);
			else
				levels(b, p->rfm_mix);
			cxm__buf_putc(b, '\n');
		}
		if (!isnan(p->clv_mean) || !isnan(p->clv_median)) {
			cxm__buf_puts(b, "- CLV: mean ");
			num(b, "%.2f", p->clv_mean);
			cxm__buf_puts(b, ", median ");
			num(b, "%.2f", p->clv_median);
			cxm__buf_putc(b, '\n');
		}
		for (i = 0; i < p->n_scores; i++) {
			const cxm__score *s = &p->scores[i];
			const char *f = s->kind && (strcmp(s->kind, "nps") == 0 || strcmp(s->kind, "csat") == 0) ? "%.1f" : "%.2f";
			cxm__buf_puts(b, "- ");
			esc(b, s->name);
			cxm__buf_puts(b, ": ");
			if (s->withheld) {
				cxm__buf_puts(b, WITHHELD "\n");
				continue;
			}
			num(b, f, s->value);
			if (s->kind && strcmp(s->kind, "csat") == 0)
				cxm__buf_puts(b, "% satisfied");
			cxm__buf_puts(b, " [95% interval ");
			num(b, f, s->lower);
			cxm__buf_puts(b, " to ");
			num(b, f, s->upper);
			cxm__buf_puts(b, "], population ");
			num(b, f, s->population_value);
			cxm__buf_puts(b, "; ");
			num(b, "%.0f", s->n);
			cxm__buf_puts(b, " answers\n");
		}
		cxm__buf_putc(b, '\n');
	}

	statements(b, level + 1, "Goals", p->goals, p->n_goals);
	statements(b, level + 1, "Problems", p->problems, p->n_problems);
	statements(b, level + 1, "Solutions", p->solutions, p->n_solutions);

	if (p->n_quotes > 0) {
		heading(b, level + 1);
		cxm__buf_puts(b, "In their words\n\n");
		for (i = 0; i < p->n_quotes; i++) {
			cxm__buf_puts(b, "> ");
			esc(b, p->quotes[i].text);
			cxm__buf_puts(b, "\n\n");
		}
	}
	if (p->n_interests > 0) {
		heading(b, level + 1);
		cxm__buf_puts(b, "Interests\n\n");
		for (i = 0; i < p->n_interests; i++) {
			cxm__buf_puts(b, "- ");
			esc(b, p->interests[i].item);
			cxm__buf_puts(b, ": ");
			num(b, "%.3g", p->interests[i].weight);
			cxm__buf_putc(b, '\n');
		}
		cxm__buf_putc(b, '\n');
	}
}

void cxm__persona_md_set(cxm__buf *b, const cxm_persona_set *set, const char *title)
{
	size_t i;
	cxm__buf_puts(b, "# ");
	esc(b, title ? title : "Personas");
	cxm__buf_puts(b, "\n\n");
	provenance(b, &set->provenance);
	cxm__buf_putc(b, '\n');
	for (i = 0; i < set->n_personas; i++)
		cxm__persona_md_one(b, set, &set->personas[i], 2);
}
