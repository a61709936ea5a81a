/*
 * tests/unit/persona_sample.h - a small persona set made by hand through the
 * internal API (lib/persona/persona_internal.h), for the writers' tests
 * (test_persona_render.c) and the HTML screenshot test (tests/render/).
 *
 * Three personas: P1 has every part (identity, identifiers of both kinds,
 * categorical and numeric demographics with withheld cells, an RFM mix,
 * scores of every kind, one withheld, statements, quotes), with text that
 * needs escaping (quotes, <, &, a tab, non-ASCII letters); P2 is a
 * behaviour persona (interests, group) whose gender is withheld and whose
 * numbers are mostly unknown; P3 is suppressed. The numbers are made up
 * but consistent where the writers show them next to each other (shares
 * are count / n x 100, lift = share / population share).
 */
#ifndef CXM_TEST_PERSONA_SAMPLE_H
#define CXM_TEST_PERSONA_SAMPLE_H

#include <math.h>
#include <string.h>
#include "persona/persona_internal.h"

#define S(x) cxm__persona_strdup(set, (x))

static inline void sample_cell(cxm_persona_set *set, cxm__cell *c, const char *level, double count, double n,
			       double pop_count, double pop_n, int withheld)
{
	c->level = S(level);
	c->withheld = withheld;
	c->count = withheld ? NAN : count;
	c->share = withheld ? NAN : 100.0 * count / n;
	c->population_count = withheld & CXM__WITHHELD_POPULATION ? NAN : pop_count;
	c->population_share = withheld & CXM__WITHHELD_POPULATION ? NAN : 100.0 * pop_count / pop_n;
}

static inline void sample_numeric(cxm__attribute *a)
{
	a->levels = NULL;
	a->n_levels = 0;
	a->withheld_count = NAN;
}

static inline void sample_categorical(cxm__attribute *a)
{
	a->mean = a->sd = a->median = a->p25 = a->p75 = NAN;
	a->population_mean = a->population_sd = a->population_median = NAN;
}

/* The set; NULL when out of memory (the tests assert it is not). */
static inline cxm_persona_set *sample_set(void)
{
	cxm_persona_set *set = NULL;
	cxm__provenance *pv;
	cxm__persona *p;
	cxm__attribute *a;
	cxm__identifier *d;
	cxm__score *s;
	if (cxm__persona_set_new(&set) < 0)
		return NULL;
	pv = &set->provenance;
	pv->method = S("caller");
	pv->k = 3;
	pv->seed = 42;
	pv->quality_measure = NULL;
	pv->quality = NAN;
	pv->window_start = S("2024-01-01");
	pv->window_end = S("2024-12-31");
	pv->min_n = 10;
	pv->fdr = 0.05;
	pv->reference_year = 2026;
	pv->customers = 250;
	pv->excluded_customers = NAN; /* the suppressed segment's 4 customers: under min_n */
	pv->suppressed_personas = 1;
	pv->names_source = S("test names, \"made up\" for the tests");
	pv->rules_name = S("test rules");
	pv->segment_column = S("segment");

	set->n_personas = 3;
	set->personas = CXM__PERSONA_NEW(set, cxm__persona, 3);

	/* ---- P1: everything ---- */
	p = &set->personas[0];
	cxm__persona_init(p);
	p->id = S("P1");
	p->segment = S("Champions <&> \"A\"");
	p->name = S("Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m"); /* Zoë Ångström */
	p->name_key = S("female/1980/FR");
	p->gender.attribute = S("gender");
	p->gender.value = S("female");
	p->gender.share = 62.5;
	p->age = 38.5;
	p->age_band = S("35-44");
	p->location.attribute = S("city");
	p->location.value = S("Lyon");
	p->location.share = 31.25;
	p->career.attribute = S("job");
	p->career.value = S("engineer");
	p->career.share = 25;
	p->size = 160;
	p->share = 64;
	p->revenue = 12345.678;
	p->revenue_share = 60.125;

	p->n_identifiers = 2;
	p->identifiers = CXM__PERSONA_NEW(set, cxm__identifier, 2);
	d = &p->identifiers[0];
	d->attribute = S("city");
	d->value = S("Lyon");
	d->numeric = 0;
	d->share = 31.25;
	d->population_share = 22.0;
	d->lift = 31.25 / 22.0;
	d->difference = 31.25 - 22.0;
	d->std_difference = 0.21343;
	d->p_value = 1.25e-5;
	d->q_value = 3.75e-5;
	d = &p->identifiers[1];
	d->attribute = S("income");
	d->value = S("higher");
	d->numeric = 1;
	d->share = 52000.5;
	d->population_share = 48000.25;
	d->lift = 52000.5 / 48000.25;
	d->difference = 52000.5 - 48000.25;
	d->std_difference = 0.4;
	d->p_value = 0.001;
	d->q_value = 0.0015;

	p->n_demographics = 4;
	p->demographics = CXM__PERSONA_NEW(set, cxm__attribute, 4);
	a = &p->demographics[0];
	a->name = S("gender");
	a->role = S("gender");
	a->categorical = 1;
	sample_categorical(a);
	a->n = 160;
	a->missing = 0;
	a->n_levels = 2;
	a->levels = CXM__PERSONA_NEW(set, cxm__cell, 2);
	sample_cell(set, &a->levels[0], "female", 100, 160, 140, 250, 0);
	sample_cell(set, &a->levels[1], "male", 60, 160, 110, 250, 0);
	a->withheld_count = 0;
	a = &p->demographics[1];
	a->name = S("city");
	a->role = S("location");
	a->categorical = 1;
	sample_categorical(a);
	a->n = 160;
	a->missing = 0;
	a->n_levels = 4;
	a->levels = CXM__PERSONA_NEW(set, cxm__cell, 4);
	sample_cell(set, &a->levels[0], "Lyon", 50, 160, 55, 250, 0);
	sample_cell(set, &a->levels[1], "Paris", 97, 160, 170, 250, 0);
	sample_cell(set, &a->levels[2], "Nice", 9, 160, 20, 250, CXM__WITHHELD_SMALL);
	sample_cell(set, &a->levels[3], "Lille \t<b>", 4, 160, 5, 250, CXM__WITHHELD_SMALL | CXM__WITHHELD_POPULATION);
	a->withheld_count = 13;
	a = &p->demographics[2];
	a->name = S("age");
	a->role = S("age");
	a->categorical = 0;
	sample_numeric(a);
	a->n = 158;
	a->missing = 2;
	a->mean = 38.9;
	a->sd = 9.25;
	a->median = 38.5;
	a->p25 = 31;
	a->p75 = 46;
	a->population_mean = 41.125;
	a->population_sd = 11.5;
	a->population_median = 40;
	a = &p->demographics[3];
	a->name = S("job");
	a->role = S("career");
	a->categorical = 1;
	sample_categorical(a);
	a->n = 160;
	a->missing = 0;
	a->n_levels = 3;
	a->levels = CXM__PERSONA_NEW(set, cxm__cell, 3);
	sample_cell(set, &a->levels[0], "engineer", 40, 160, 50, 250, 0);
	sample_cell(set, &a->levels[1], "teacher", 110, 160, 180, 250, 0);
	sample_cell(set, &a->levels[2], "nurse", 10, 160, 20, 250, CXM__WITHHELD_SECONDARY);
	a->withheld_count = 10;

	p->rfm_mix = CXM__PERSONA_NEW(set, cxm__attribute, 1);
	a = p->rfm_mix;
	a->name = S("rfm_segment");
	a->role = S("rfm_segment");
	a->categorical = 1;
	sample_categorical(a);
	a->n = 160;
	a->missing = 0;
	a->n_levels = 2;
	a->levels = CXM__PERSONA_NEW(set, cxm__cell, 2);
	sample_cell(set, &a->levels[0], "Champions", 120, 160, 130, 250, 0);
	sample_cell(set, &a->levels[1], "Loyal", 40, 160, 120, 250, 0);
	a->withheld_count = 0;
	p->clv_mean = 812.5;
	p->clv_median = 640;

	p->n_scores = 4;
	p->scores = CXM__PERSONA_NEW(set, cxm__score, 4);
	s = &p->scores[0];
	s->name = S("nps");
	s->kind = S("nps");
	s->n = 150;
	s->value = 42;
	s->lower = 30.5;
	s->upper = 52.25;
	s->population_value = 20;
	s->scale_lo = 0;
	s->scale_hi = 10;
	s = &p->scores[1];
	s->name = S("csat");
	s->kind = S("csat");
	s->n = 120;
	s->value = 81.5;
	s->lower = 73.6;
	s->upper = 87.5;
	s->population_value = 70;
	s->scale_lo = 1;
	s->scale_hi = 5;
	s = &p->scores[2];
	s->name = S("delivery");
	s->kind = S("mean");
	s->n = 140;
	s->value = 3.25;
	s->lower = 3.0;
	s->upper = 3.5;
	s->population_value = 3.75;
	s->scale_lo = 1;
	s->scale_hi = 5;
	s = &p->scores[3];
	s->name = S("ces");
	s->kind = S("ces");
	s->n = 6;
	s->value = s->lower = s->upper = NAN;
	s->population_value = 5.5;
	s->scale_lo = 1;
	s->scale_hi = 7;
	s->withheld = 1;

	p->n_goals = 1;
	p->goals = CXM__PERSONA_NEW(set, cxm__statement, 1);
	p->goals[0].text = S("Wants the best wines & cheeses");
	p->goals[0].source = S("rule:wine lovers");
	p->n_problems = 2;
	p->problems = CXM__PERSONA_NEW(set, cxm__statement, 2);
	p->problems[0].text = S("Delivery is rated low: 3.25 against 3.75");
	p->problems[0].source = S("score:delivery");
	p->problems[1].text = S("Waits for deals");
	p->problems[1].source = NULL;
	p->n_solutions = 1;
	p->solutions = CXM__PERSONA_NEW(set, cxm__statement, 1);
	p->solutions[0].text = S("Offer a tasting club");
	p->solutions[0].source = S("rule:wine lovers");
	p->n_quotes = 2;
	p->quotes = CXM__PERSONA_NEW(set, cxm__quote, 2);
	p->quotes[0].text = S("She said \"great\" <b>twice</b>\tand left\nhappy \xE2\x80\x94 \xE2\x9C\x93");
	p->quotes[0].distance = 0.125;
	p->quotes[1].text = S("Back\\slash and 100% sure");
	p->quotes[1].distance = 0.3;

	/* ---- P2: a behaviour persona, gender withheld, most numbers unknown ---- */
	p = &set->personas[1];
	cxm__persona_init(p);
	p->id = S("P2");
	p->segment = S("readers");
	p->name = S("Sam");
	p->name_key = S("*/*/*");
	p->gender.attribute = S("gender");
	p->gender.withheld = 1;
	p->size = 90;
	p->share = 36;
	p->n_demographics = 1;
	p->demographics = CXM__PERSONA_NEW(set, cxm__attribute, 1);
	a = &p->demographics[0];
	a->name = S("gender");
	a->role = S("gender");
	a->categorical = 1;
	sample_categorical(a);
	a->n = 9;
	a->missing = 81;
	a->withheld = 1;
	a->n_levels = 0;
	a->withheld_count = NAN;
	p->n_interests = 2;
	p->interests = CXM__PERSONA_NEW(set, cxm__interest, 2);
	p->interests[0].item = S("cooking");
	p->interests[0].weight = 0.625;
	p->interests[1].item = S("travel");
	p->interests[1].weight = 0.25;
	p->group = S("women 25-34 FR");
	p->group_weight = 0.75;

	/* ---- P3: suppressed ---- */
	p = &set->personas[2];
	cxm__persona_init(p);
	p->id = S("P3");
	p->segment = S("tiny");
	p->suppressed = 1;
	return set;
}

#undef S

#endif
