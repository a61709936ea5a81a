/*
 * tests/unit/test_persona_build.c - persona options, the roles of a table's
 * columns, cxm_persona_build (spec §15.1, §15.2) and its errors.
 *
 * The planted table: segments A, B and C of 200 customers each and D of 5
 * (under min_n = 10), rows shuffled with a seeded generator of the test's
 * own (so the segments' first rows are not in name order). By construction:
 *   city     A: 120 Paris, 40 Lyon, 40 Marseille; B: 40 Paris, 120 Lyon,
 *            40 Marseille; C: 40 Paris, 40 Lyon, 120 Marseille; D: 5 Nice.
 *   birth    2024 - (20 + i % 40) in every segment (ages 20..59, 5 each):
 *            median age 39.5 (band 35-44) with reference year 2024.
 *   gender, job: the same mix in every segment (no identifier).
 *   amount   A 10, B 25, C 30, D 1000 per customer: revenue B 5000 of the
 *            population's 13000 (D is out of it): 38.46153846153846 %.
 *   nps      B: 100 x 10, 50 x 8, 50 x 3; A, C: 50 x 10, 50 x 7, 100 x 5.
 *   delivery (SCORE) (i % 5) + 1 in every segment.
 * Independent values (scipy 1.10.1, numpy 1.24.2, /usr/bin/python3):
 *   B's Lyon: share 60, population share 100 x 200 / 600 = 33.333333333333336,
 *     lift 60 / 33.333333333333336 = 1.7999999999999998, difference
 *     26.666666666666664, standardised difference (Austin 2009, B vs the
 *     rest) (0.6 - 0.2) / sqrt((0.6 x 0.4 + 0.2 x 0.8) / 2) = 0.8944271909999159,
 *     pooled two-proportion z = 9.797958971132712, p = 2 * stats.norm.sf(z)
 *     = 1.1488347954122647e-22.
 *   B's NPS 25; adjusted Wald (p = 100.75 / 203, d = 50.75 / 203,
 *     var = p + d - (p - d)^2, se = 100 sqrt(var / 203), z =
 *     stats.norm.ppf(0.975)): [13.239909188058856, 36.0211745557835];
 *     population NPS 100 x (200 - 250) / 600 = -8.333333333333334.
 *   B's delivery mean 3, stats.t.interval(0.95, 199, loc=3,
 *     scale=x.std(ddof=1) / sqrt(200)) = [2.80230949999293, 3.19769050000707].
 *
 * The automatic segments: 60 customers, row i in group i % 2, spend
 * (10 or 100) + i % 7, visits (1 or 20) + i % 3; scikit-learn 1.2.1
 * silhouette_score(StandardScaler().fit_transform(X), i % 2) =
 * 0.9564991409692192, and KMeans(k, n_init=10, random_state=0) scores
 * 0.73, 0.51, 0.53, 0.55 for k = 3..6, so k = 2 with the planted groups.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "persona/persona_internal.h"
#include "persona/build_internal.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the test's own generator (xorshift64*, Vigna 2016), for shuffling rows ---------------- */

static uint64_t test_rng = 88172645463325252ull;

static uint64_t next_u64(void)
{
	test_rng ^= test_rng >> 12;
	test_rng ^= test_rng << 25;
	test_rng ^= test_rng >> 27;
	return test_rng * 2685821657736338717ull;
}

/* ---- the planted table --------------------------------------------------------------------- */

#define PLANTED_ROWS 605

typedef struct planted_row {
	char id[16];
	const char *segment, *city, *gender, *job, *comment;
	double birth, amount, nps, delivery, survey, clv;
	char date[16];
} planted_row;

static planted_row planted[PLANTED_ROWS];

static void make_planted(uint64_t seed)
{
	static const char *const segs[] = { "A", "B", "C" };
	static const char *const jobs[] = { "Nurse", "Teacher", "Engineer", "Clerk" };
	size_t r = 0, s, i;
	for (s = 0; s < 3; s++) {
		for (i = 0; i < 200; i++, r++) {
			planted_row *p = &planted[r];
			const char *city;
			if (s == 0)
				city = i < 120 ? "Paris" : i < 160 ? "Lyon" : "Marseille";
			else if (s == 1)
				city = i < 40 ? "Paris" : i < 160 ? "Lyon" : "Marseille";
			else
				city = i < 40 ? "Paris" : i < 80 ? "Lyon" : "Marseille";
			p->segment = segs[s];
			p->city = city;
			p->gender = i % 2 ? "F" : "M";
			p->job = jobs[i % 4];
			p->comment = "";
			p->birth = 2024.0 - (20.0 + (double)(i % 40));
			p->amount = s == 0 ? 10.0 : s == 1 ? 25.0 : 30.0;
			if (s == 1)
				p->nps = i < 100 ? 10.0 : i < 150 ? 8.0 : 3.0;
			else
				p->nps = i < 50 ? 10.0 : i < 100 ? 7.0 : 5.0;
			p->delivery = (double)(i % 5) + 1.0;
			/* survey: answered by 8 of B (withheld), 50 of A; clv: B's i, 5 of A (withheld) */
			p->survey = (s == 1 && i < 8) || (s == 0 && i < 50) ? 4.0 : NAN;
			p->clv = s == 1 ? (double)i : s == 0 && i < 5 ? 100.0 : s == 2 ? 50.0 : NAN;
			snprintf(p->date, sizeof p->date, "2023-%02zu-%02zu", 1 + (i % 12), 1 + (i % 28));
		}
	}
	for (i = 0; i < 5; i++, r++) {
		planted_row *p = &planted[r];
		p->segment = "D";
		p->city = "Nice";
		p->gender = "F";
		p->job = "Clerk";
		p->comment = "";
		p->birth = 1990.0;
		p->amount = 1000.0;
		p->nps = 0.0;
		p->delivery = 1.0;
		p->survey = 1.0;
		p->clv = 1e6;
		snprintf(p->date, sizeof p->date, "2022-0%zu-01", i + 1); /* outside the population's window */
	}
	/* shuffle (Fisher-Yates), then ids in row order */
	test_rng = seed | 1u;
	for (i = PLANTED_ROWS - 1; i > 0; i--) {
		size_t j = (size_t)(next_u64() % (i + 1));
		planted_row t = planted[i];
		planted[i] = planted[j];
		planted[j] = t;
	}
	for (i = 0; i < PLANTED_ROWS; i++)
		snprintf(planted[i].id, sizeof planted[i].id, "c%zu", i + 1);
}

static void add_texts(cxm_table *t, const char *name, size_t offset)
{
	const char *v[PLANTED_ROWS];
	size_t i;
	for (i = 0; i < PLANTED_ROWS; i++)
		v[i] = *(const char *const *)((const char *)&planted[i] + offset);
	ck_assert_status(cxm_table_add_texts(t, name, v, PLANTED_ROWS), CXM_OK);
}

static void add_numbers(cxm_table *t, const char *name, size_t offset)
{
	double v[PLANTED_ROWS];
	size_t i;
	for (i = 0; i < PLANTED_ROWS; i++)
		v[i] = *(const double *)((const char *)&planted[i] + offset);
	ck_assert_status(cxm_table_add_numbers(t, name, v, PLANTED_ROWS), CXM_OK);
}

/* Columns recognised by name: id, segment, gender, Year_Birth, city, job; amount, nps,
 * delivery and date by role. */
static cxm_table *planted_table(uint64_t seed)
{
	cxm_table *t = NULL;
	const char *ids[PLANTED_ROWS], *dates[PLANTED_ROWS];
	size_t i;
	make_planted(seed);
	for (i = 0; i < PLANTED_ROWS; i++) {
		ids[i] = planted[i].id;
		dates[i] = planted[i].date;
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "customer_id", ids, PLANTED_ROWS), CXM_OK);
	add_texts(t, "Segment", offsetof(planted_row, segment));
	add_texts(t, "gender", offsetof(planted_row, gender));
	add_numbers(t, "Year_Birth", offsetof(planted_row, birth));
	add_texts(t, "city", offsetof(planted_row, city));
	add_texts(t, "job", offsetof(planted_row, job));
	add_numbers(t, "spend", offsetof(planted_row, amount));
	add_numbers(t, "likely_to_recommend", offsetof(planted_row, nps));
	add_numbers(t, "delivery", offsetof(planted_row, delivery));
	add_numbers(t, "survey", offsetof(planted_row, survey));
	add_numbers(t, "clv", offsetof(planted_row, clv));
	ck_assert_status(cxm_table_add_texts(t, "first_order", dates, PLANTED_ROWS), CXM_OK);
	return t;
}

static cxm_persona_opts *planted_opts(uint64_t seed)
{
	cxm_persona_opts *o = NULL;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AMOUNT, "spend"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_NPS, "likely_to_recommend"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_SCORE, "delivery"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_SCORE, "survey"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_CLV, "clv"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_DATE, "first_order"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_seed(o, seed), CXM_OK);
	return o;
}

static const cxm__persona *by_segment(const cxm_persona_set *s, const char *segment)
{
	size_t i;
	for (i = 0; i < s->n_personas; i++)
		if (strcmp(s->personas[i].segment, segment) == 0)
			return &s->personas[i];
	ck_abort_msg("no persona of segment %s", segment);
	return NULL;
}

static const cxm__score *score_named(const cxm__persona *p, const char *name)
{
	size_t i;
	for (i = 0; i < p->n_scores; i++)
		if (strcmp(p->scores[i].name, name) == 0)
			return &p->scores[i];
	ck_abort_msg("persona %s has no score %s", p->id, name);
	return NULL;
}

START_TEST(test_planted)
{
	cxm_table *t = planted_table(12345);
	cxm_persona_opts *o = planted_opts(7);
	cxm_persona_set *s = NULL;
	const cxm__persona *b, *d;
	const cxm__identifier *top;
	const cxm__score *nps, *del;
	size_t i, j;
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
	ck_assert_uint_eq(cxm_persona_set_count(s), 4);
	/* ids in the order of the segments' first rows */
	for (i = 0; i < 4; i++) {
		char id[8];
		size_t first = SIZE_MAX;
		snprintf(id, sizeof id, "P%zu", i + 1);
		ck_assert_str_eq(s->personas[i].id, id);
		for (j = 0; j < PLANTED_ROWS && first == SIZE_MAX; j++)
			if (strcmp(planted[j].segment, s->personas[i].segment) == 0)
				first = j;
		if (i > 0) {
			size_t prev = SIZE_MAX;
			for (j = 0; j < PLANTED_ROWS && prev == SIZE_MAX; j++)
				if (strcmp(planted[j].segment, s->personas[i - 1].segment) == 0)
					prev = j;
			ck_assert_uint_lt(prev, first);
		}
	}
	b = by_segment(s, "B");
	d = by_segment(s, "D");
	/* the small segment: suppressed, out of the population, not leaked */
	ck_assert_int_eq(d->suppressed, 1);
	ck_assert_ptr_null(d->name);
	ck_assert(isnan(d->size) && isnan(d->share) && isnan(d->revenue));
	ck_assert_uint_eq(s->provenance.suppressed_personas, 1);
	ck_assert(isnan(s->provenance.excluded_customers)); /* 5 < min_n */
	ck_assert_double_eq(s->provenance.customers, 600.0);
	/* size and revenue */
	ck_assert_int_eq(b->suppressed, 0);
	ck_assert_double_eq(b->size, 200.0);
	ck_assert_close(b->share, 100.0 / 3.0);
	ck_assert_double_eq(b->revenue, 5000.0);
	ck_assert_close(b->revenue_share, 38.46153846153846);
	/* identity */
	ck_assert_double_eq(b->age, 39.5);
	ck_assert_str_eq(b->age_band, "35-44");
	ck_assert_str_eq(b->location.attribute, "city");
	ck_assert_str_eq(b->location.value, "Lyon");
	ck_assert_close(b->location.share, 60.0);
	ck_assert_str_eq(b->career.attribute, "job");
	ck_assert_ptr_null(b->country.attribute);
	ck_assert_ptr_nonnull(b->name);
	ck_assert_ptr_nonnull(b->name_key);
	/* the planted identifier */
	ck_assert_uint_ge(b->n_identifiers, 1);
	top = &b->identifiers[0];
	ck_assert_str_eq(top->attribute, "city");
	ck_assert_str_eq(top->value, "Lyon");
	ck_assert_close(top->share, 60.0);
	ck_assert_close(top->population_share, 33.333333333333336);
	ck_assert_close(top->lift, 1.7999999999999998);
	ck_assert_close(top->difference, 26.666666666666664);
	ck_assert_close(top->std_difference, 0.8944271909999159);
	assert_rel(top->p_value, 1.1488347954122647e-22, 1e-6);
	/* behaviour */
	nps = score_named(b, "nps");
	ck_assert_str_eq(nps->kind, "nps");
	ck_assert_int_eq(nps->withheld, 0);
	ck_assert_double_eq(nps->n, 200.0);
	ck_assert_close(nps->value, 25.0);
	ck_assert_close(nps->lower, 13.239909188058856);
	ck_assert_close(nps->upper, 36.0211745557835);
	ck_assert_close(nps->population_value, -8.333333333333334);
	del = score_named(b, "delivery");
	ck_assert_str_eq(del->kind, "mean");
	ck_assert_close(del->value, 3.0);
	ck_assert_close(del->lower, 2.80230949999293);
	ck_assert_close(del->upper, 3.19769050000707);
	ck_assert_close(del->population_value, 3.0);
	ck_assert_double_eq(del->scale_lo, 1.0);
	ck_assert_double_eq(del->scale_hi, 5.0);
	/* withheld under min_n answers: B's 8 survey answers, A's 5 CLV values */
	{
		const cxm__score *sv = score_named(b, "survey"), *sa = score_named(by_segment(s, "A"), "survey");
		ck_assert_int_eq(sv->withheld, 1);
		ck_assert(isnan(sv->n) && isnan(sv->value) && isnan(sv->lower) && isnan(sv->upper));
		ck_assert_double_eq(sv->population_value, 4.0); /* 58 answers of A and B; D's are out */
		ck_assert_int_eq(sa->withheld, 0);
		ck_assert_double_eq(sa->n, 50.0);
		ck_assert_double_eq(sa->value, 4.0);
		/* B's CLV 0..199: mean and median 99.5; A's withheld; D's 1e6 nowhere */
		ck_assert_double_eq(b->clv_mean, 99.5);
		ck_assert_double_eq(b->clv_median, 99.5);
		ck_assert(isnan(by_segment(s, "A")->clv_mean) && isnan(by_segment(s, "A")->clv_median));
	}
	/* names differ between personas */
	for (i = 0; i < s->n_personas; i++)
		for (j = i + 1; j < s->n_personas; j++)
			if (s->personas[i].name && s->personas[j].name)
				ck_assert_str_ne(s->personas[i].name, s->personas[j].name);
	/* provenance */
	ck_assert_str_eq(s->provenance.method, "caller");
	ck_assert_uint_eq(s->provenance.k, 4);
	ck_assert_str_eq(s->provenance.segment_column, "Segment");
	ck_assert_uint_eq(s->provenance.min_n, 10);
	ck_assert_int_eq(s->provenance.reference_year, 2024);
	ck_assert(s->provenance.seed == 7);
	ck_assert_ptr_nonnull(s->provenance.names_source);
	ck_assert_ptr_null(s->provenance.rules_name);
	/* the data window of the population only (D's 2022 dates are out) */
	ck_assert_str_eq(s->provenance.window_start, "2023-01-01");
	ck_assert_str_eq(s->provenance.window_end, "2023-12-28");
	cxm_persona_set_free(s);
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* ---- determinism: two builds, field by field -------------------------------------------------- */

static int same_num(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static int same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static void assert_same_set(const cxm_persona_set *x, const cxm_persona_set *y)
{
	size_t i, j, l;
	ck_assert_uint_eq(x->n_personas, y->n_personas);
	for (i = 0; i < x->n_personas; i++) {
		const cxm__persona *a = &x->personas[i], *b = &y->personas[i];
		ck_assert(same_str(a->id, b->id) && same_str(a->segment, b->segment) && a->suppressed == b->suppressed);
		ck_assert(same_str(a->name, b->name) && same_str(a->name_key, b->name_key));
		ck_assert(same_num(a->size, b->size) && same_num(a->share, b->share) && same_num(a->revenue, b->revenue) &&
			  same_num(a->revenue_share, b->revenue_share) && same_num(a->age, b->age));
		ck_assert(same_str(a->age_band, b->age_band));
		ck_assert(same_str(a->gender.value, b->gender.value) && same_num(a->gender.share, b->gender.share));
		ck_assert(same_str(a->location.value, b->location.value) && same_str(a->career.value, b->career.value));
		ck_assert_uint_eq(a->n_identifiers, b->n_identifiers);
		for (j = 0; j < a->n_identifiers; j++) {
			const cxm__identifier *p = &a->identifiers[j], *q = &b->identifiers[j];
			ck_assert(same_str(p->attribute, q->attribute) && same_str(p->value, q->value));
			ck_assert(same_num(p->lift, q->lift) && same_num(p->p_value, q->p_value) &&
				  same_num(p->q_value, q->q_value) && same_num(p->std_difference, q->std_difference));
		}
		ck_assert_uint_eq(a->n_demographics, b->n_demographics);
		for (j = 0; j < a->n_demographics; j++) {
			const cxm__attribute *p = &a->demographics[j], *q = &b->demographics[j];
			ck_assert(same_str(p->name, q->name) && same_num(p->mean, q->mean) && same_num(p->n, q->n));
			ck_assert_uint_eq(p->n_levels, q->n_levels);
			for (l = 0; l < p->n_levels; l++)
				ck_assert(same_str(p->levels[l].level, q->levels[l].level) &&
					  same_num(p->levels[l].count, q->levels[l].count));
		}
		ck_assert_uint_eq(a->n_scores, b->n_scores);
		for (j = 0; j < a->n_scores; j++)
			ck_assert(same_num(a->scores[j].value, b->scores[j].value) &&
				  same_num(a->scores[j].lower, b->scores[j].lower));
		ck_assert_uint_eq(a->n_quotes, b->n_quotes);
		for (j = 0; j < a->n_quotes; j++)
			ck_assert(same_str(a->quotes[j].text, b->quotes[j].text) &&
				  same_num(a->quotes[j].distance, b->quotes[j].distance));
	}
	ck_assert(same_str(x->provenance.window_start, y->provenance.window_start));
	ck_assert(same_num(x->provenance.customers, y->provenance.customers));
}

START_TEST(test_deterministic)
{
	cxm_table *t = planted_table(99);
	cxm_persona_opts *o = planted_opts(42);
	cxm_persona_set *s1 = NULL, *s2 = NULL, *s3 = NULL;
	ck_assert_status(cxm_persona_build(&s1, t, o), CXM_OK);
	ck_assert_status(cxm_persona_build(&s2, t, o), CXM_OK);
	assert_same_set(s1, s2);
	/* any thread count gives the same set */
	ck_assert_status(cxm_persona_opts_set_threads(o, 2), CXM_OK);
	ck_assert_status(cxm_persona_build(&s3, t, o), CXM_OK);
	assert_same_set(s1, s3);
	/* the same bytes out (spec §15.7), and through the reader again */
	{
		char *j1 = NULL, *j2 = NULL, *j3 = NULL, *j4 = NULL;
		cxm_persona_set *back = NULL;
		ck_assert_status(cxm_persona_set_render(&j1, s1, CXM_PERSONA_JSON, NULL), CXM_OK);
		ck_assert_status(cxm_persona_set_render(&j2, s2, CXM_PERSONA_JSON, NULL), CXM_OK);
		ck_assert_status(cxm_persona_set_render(&j3, s3, CXM_PERSONA_JSON, NULL), CXM_OK);
		ck_assert_str_eq(j1, j2);
		ck_assert_str_eq(j1, j3);
		/* D (5 customers, all in Nice) leaks nowhere */
		ck_assert_ptr_null(strstr(j1, "Nice"));
		ck_assert_ptr_null(strstr(j1, "1000000"));
		ck_assert_ptr_nonnull(strstr(j1, "\"value\": \"Lyon\"") ? j1 : strstr(j1, "\"value\":\"Lyon\""));
		ck_assert_status(cxm_persona_set_from_json(&back, j1, strlen(j1)), CXM_OK);
		ck_assert_status(cxm_persona_set_render(&j4, back, CXM_PERSONA_JSON, NULL), CXM_OK);
		ck_assert_str_eq(j1, j4);
		cxm_persona_set_free(back);
		cxm_free(j1);
		cxm_free(j2);
		cxm_free(j3);
		cxm_free(j4);
	}
	cxm_persona_set_free(s1);
	cxm_persona_set_free(s2);
	cxm_persona_set_free(s3);
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* ---- automatic segments -------------------------------------------------------------------------- */

static cxm_table *two_groups(int with_channel)
{
	cxm_table *t = NULL;
	char idbuf[60][8];
	const char *ids[60], *channel[60];
	double spend[60], visits[60];
	size_t i;
	for (i = 0; i < 60; i++) {
		snprintf(idbuf[i], sizeof idbuf[i], "k%zu", i);
		ids[i] = idbuf[i];
		spend[i] = (i % 2 ? 100.0 : 10.0) + (double)(i % 7);
		visits[i] = (i % 2 ? 20.0 : 1.0) + (double)(i % 3);
		channel[i] = i % 2 ? "store" : "web";
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "id", ids, 60), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "spend", spend, 60), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "visits", visits, 60), CXM_OK);
	if (with_channel)
		ck_assert_status(cxm_table_add_texts(t, "channel", channel, 60), CXM_OK);
	return t;
}

START_TEST(test_autoseg_kmeans)
{
	cxm_table *t = two_groups(0);
	cxm_persona_opts *o = NULL;
	cxm_persona_set *s = NULL;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
	ck_assert_str_eq(s->provenance.method, "kmeans");
	ck_assert_uint_eq(s->provenance.k, 2);
	ck_assert_str_eq(s->provenance.quality_measure, "silhouette");
	ck_assert_close(s->provenance.quality, 0.9564991409692192);
	ck_assert_ptr_null(s->provenance.segment_column);
	ck_assert_uint_eq(s->n_personas, 2);
	/* C1 is the segment of row 1 (group 0), C2 the other */
	ck_assert_str_eq(s->personas[0].segment, "C1");
	ck_assert_str_eq(s->personas[1].segment, "C2");
	ck_assert_double_eq(s->personas[0].size, 30.0);
	ck_assert_double_eq(s->personas[1].size, 30.0);
	cxm_persona_set_free(s);
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* What the progress callback saw; it stops the build at step `stop_at` (0: never). */
typedef struct progress_log {
	size_t calls, steps[16], totals[16], stop_at;
} progress_log;

static int log_progress(void *user, size_t step, size_t total, double value)
{
	progress_log *l = user;
	(void)value;
	if (l->calls < 16) {
		l->steps[l->calls] = step;
		l->totals[l->calls] = total;
	}
	l->calls++;
	return l->stop_at && step == l->stop_at;
}

/* 60 customers, min_n 10: k = 2..6 are tried, 5 fits reported in order; a stop is CANCELLED;
   a segment column means no segmentation and no call. */
START_TEST(test_autoseg_progress)
{
	cxm_table *t = two_groups(1), *seg = NULL;
	cxm_persona_opts *o = NULL;
	cxm_persona_set *s = (cxm_persona_set *)&s;
	progress_log log = { 0 };
	size_t i;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_progress(NULL, log_progress, &log), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_progress(o, log_progress, &log), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
	ck_assert_uint_eq(log.calls, 5);
	for (i = 0; i < 5; i++) {
		ck_assert_uint_eq(log.steps[i], i + 1);
		ck_assert_uint_eq(log.totals[i], 5);
	}
	cxm_persona_set_free(s);
	memset(&log, 0, sizeof log);
	log.stop_at = 2;
	s = (cxm_persona_set *)&s;
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_ECANCELLED);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(log.calls, 2);
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "progress"));
	/* with the segment column the callback is never called */
	{
		const char *labels[60];
		for (i = 0; i < 60; i++)
			labels[i] = i % 2 ? "B" : "A";
		ck_assert_status(cxm_table_new(&seg), CXM_OK);
		ck_assert_status(cxm_table_add_texts(seg, "segment", labels, 60), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(seg, "spend", cxm_table_numbers(t, 1), 60), CXM_OK);
	}
	memset(&log, 0, sizeof log);
	ck_assert_status(cxm_persona_build(&s, seg, o), CXM_OK);
	ck_assert_uint_eq(log.calls, 0);
	cxm_persona_set_free(s);
	cxm_persona_opts_free(o);
	cxm_table_free(seg);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_autoseg_kprototypes)
{
	cxm_table *t = two_groups(1);
	cxm_persona_set *s = NULL;
	cxm_persona_opts *o = NULL;
	size_t i;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
	ck_assert_str_eq(s->provenance.method, "kprototypes");
	ck_assert_uint_eq(s->provenance.k, 2);
	ck_assert(s->provenance.quality > 0.9 && s->provenance.quality <= 1.0);
	for (i = 0; i < 2; i++) {
		const cxm__persona *p = &s->personas[i];
		size_t a;
		ck_assert_double_eq(p->size, 30.0);
		/* every customer of a segment has one channel: web for C1 (row 1's), store for C2 */
		for (a = 0; a < p->n_demographics; a++)
			if (strcmp(p->demographics[a].name, "channel") == 0) {
				ck_assert_str_eq(p->demographics[a].levels[0].level, i == 0 ? "web" : "store");
				ck_assert_close(p->demographics[a].levels[0].share, 100.0);
			}
	}
	cxm_persona_set_free(s);
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* ---- options ------------------------------------------------------------------------------------- */

START_TEST(test_opts)
{
	cxm_persona_opts *o = NULL;
	const char *words[] = { "refund", "idiot" }, *bad_words[] = { "ok", "" };
	ck_assert_status(cxm_persona_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	/* the defaults of the header */
	ck_assert_int_eq(o->auto_roles, 1);
	ck_assert_uint_eq(o->min_n, CXM_PERSONA_MIN_N_DEFAULT);
	ck_assert_double_eq(o->fdr, CXM_PERSONA_FDR_DEFAULT);
	ck_assert_uint_eq(o->identifiers, CXM_PERSONA_IDENTIFIERS_DEFAULT);
	ck_assert_uint_eq(o->quotes, 3);
	ck_assert_uint_eq(o->quote_min, 20);
	ck_assert_uint_eq(o->quote_max, 280);
	ck_assert_int_eq(o->csat_lo, 1);
	ck_assert_int_eq(o->csat_hi, 5);
	ck_assert_int_eq(o->ces_lo, 1);
	ck_assert_int_eq(o->ces_hi, 7);
	ck_assert_uint_eq(o->k_max, CXM_PERSONA_K_MAX_DEFAULT);
	ck_assert(isnan(o->quality));
	/* roles */
	ck_assert_status(cxm_persona_opts_set_role(NULL, CXM_PERSONA_ROLE_ID, "id"), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_ID, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_ID, ""), CXM_EBAD_ARG);
	assert_message_has("id");
	ck_assert_status(cxm_persona_opts_set_role(o, 18, "x"), CXM_EBAD_ARG);
	assert_message_has("ignore");
	ck_assert_status(cxm_persona_opts_set_role(o, -1, "x"), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_GENDER, "sex"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_GENDER, "Gender"), CXM_OK); /* replaces */
	ck_assert_str_eq(o->role[CXM_PERSONA_ROLE_GENDER], "Gender");
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_SCORE, "s1"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_SCORE, "s2"), CXM_OK); /* adds */
	ck_assert_uint_eq(o->n_scores, 2);
	ck_assert_str_eq(o->scores[1], "s2");
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_IGNORE, "x"), CXM_OK);
	ck_assert_uint_eq(o->n_ignored, 1);
	/* numbers */
	ck_assert_status(cxm_persona_opts_set_auto_roles(NULL, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_auto_roles(o, 0), CXM_OK);
	ck_assert_int_eq(o->auto_roles, 0);
	ck_assert_status(cxm_persona_opts_set_min_n(o, 0), CXM_EBAD_ARG);
	ck_assert_uint_eq(o->min_n, 10); /* unchanged */
	ck_assert_status(cxm_persona_opts_set_min_n(o, 1), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_seed(NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_fdr(o, 0.0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_fdr(o, 1.0), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_fdr(o, NAN), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_fdr(o, 0.1), CXM_OK);
	ck_assert_double_eq(o->fdr, 0.1);
	ck_assert_status(cxm_persona_opts_set_identifiers(o, 0), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 1799), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2201), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 0), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_k_max(o, 1), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_k_max(o, 65), CXM_EOUT_OF_RANGE);
	ck_assert_status(cxm_persona_opts_set_k_max(o, 64), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_names(NULL, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_rules(NULL, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_threads(NULL, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_threads(o, 1025), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_threads(o, 0), CXM_OK);
	/* quotes */
	ck_assert_status(cxm_persona_opts_set_quotes(o, 2, 10, 100, NULL, 1), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_quotes(o, 2, 10, 100, bad_words, 2), CXM_EBAD_ARG);
	assert_message_has("words[1]");
	ck_assert_status(cxm_persona_opts_set_quotes(o, 2, 101, 100, words, 2), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_quotes(o, 2, 0, 0, words, 2), CXM_EBAD_ARG);
	ck_assert_uint_eq(o->quotes, 3); /* unchanged */
	ck_assert_status(cxm_persona_opts_set_quotes(o, 2, 10, 100, words, 2), CXM_OK);
	ck_assert_uint_eq(o->n_blocklist, 2);
	ck_assert_str_eq(o->blocklist[1], "idiot");
	ck_assert_uint_eq(o->quote_min, 10);
	/* scales */
	ck_assert_status(cxm_persona_opts_set_scales(o, 5, 5, 1, 7, 1, 5), CXM_EBAD_ARG);
	assert_message_has("CSAT");
	ck_assert_status(cxm_persona_opts_set_scales(o, 1, 5, 1, 7, 0, 1001), CXM_EBAD_ARG);
	assert_message_has("1002");
	ck_assert_status(cxm_persona_opts_set_scales(o, 0, 10, 1, 5, 1, 10), CXM_OK);
	ck_assert_int_eq(o->csat_hi, 10);
	ck_assert_int_eq(o->score_hi, 10);
	/* source */
	ck_assert_status(cxm_persona_opts_set_source(o, NULL, 3, NULL, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_source(o, "", 3, NULL, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_opts_set_source(o, "rfm:r_030", 11, "silhouette", 0.4), CXM_OK);
	ck_assert_str_eq(o->method, "rfm:r_030");
	ck_assert_str_eq(o->quality_measure, "silhouette");
	ck_assert_uint_eq(o->k, 11);
	cxm_persona_opts_free(o);
	cxm_persona_opts_free(NULL);
}
END_TEST

START_TEST(test_opts_oom)
{
	long k;
	for (k = 0;; k++) {
		cxm_persona_opts *o = NULL;
		const char *words[] = { "a", "b" };
		int rc;
		oom_arm(k);
		rc = cxm_persona_opts_new(&o);
		if (rc == CXM_OK)
			rc = cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_ID, "id");
		if (rc == CXM_OK)
			rc = cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_SCORE, "s");
		if (rc == CXM_OK)
			rc = cxm_persona_opts_set_quotes(o, 1, 1, 10, words, 2);
		if (rc == CXM_OK)
			rc = cxm_persona_opts_set_source(o, "rfm", 2, "q", 1.0);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_persona_opts_free(o);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		cxm_persona_opts_free(o);
		oom_assert_no_leak(k);
	}
	oom_disarm();
}
END_TEST

/* ---- roles -------------------------------------------------------------------------------------- */

static cxm_table *roles_table(void)
{
	cxm_table *t = NULL;
	const char *txt[3] = { "a", "b", "c" };
	double num[3] = { 1, 2, 3 }, days[3] = { 19000, 19001, 19002 };
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "Customer ID", txt, 3), CXM_OK);  /* 0: id */
	ck_assert_status(cxm_table_add_numbers(t, "Year_Birth", num, 3), CXM_OK); /* 1: birth_year */
	ck_assert_status(cxm_table_add_texts(t, "SEX", txt, 3), CXM_OK);          /* 2: gender */
	ck_assert_status(cxm_table_add_texts(t, "City", txt, 3), CXM_OK);         /* 3: location */
	ck_assert_status(cxm_table_add_texts(t, "Occupation", txt, 3), CXM_OK);   /* 4: career */
	ck_assert_status(cxm_table_add_texts(t, "Verbatim", txt, 3), CXM_OK);     /* 5: comment */
	ck_assert_status(cxm_table_add_numbers(t, "Income", num, 3), CXM_OK);     /* 6: attribute */
	ck_assert_status(cxm_table_add_texts(t, "age", txt, 3), CXM_OK);          /* 7: TEXT: no age role */
	ck_assert_status(cxm_table_add_days(t, "signup", days, 3), CXM_OK);       /* 8: DAY: unused */
	ck_assert_status(cxm_table_add_numbers(t, "cluster", num, 3), CXM_OK);    /* 9: segment */
	ck_assert_status(cxm_table_add_texts(t, "country", txt, 3), CXM_OK);      /* 10: country */
	ck_assert_status(cxm_table_add_texts(t, "job", txt, 3), CXM_OK);          /* 11: second career: attribute */
	return t;
}

START_TEST(test_roles_recognised)
{
	cxm_table *t = roles_table();
	cxm__roles r;
	ck_assert_status(cxm__persona_roles(&r, t, &cxm__persona_opts_default), CXM_OK);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_ID], 0);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_BIRTH_YEAR], 1);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_GENDER], 2);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_LOCATION], 3);
	/* "job" is the first word of the career role: column 11 wins over Occupation */
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_CAREER], 11);
	ck_assert_int_eq(r.role_of[4], CXM__ROLE_ATTRIBUTE);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_COMMENT], 5);
	ck_assert_int_eq(r.role_of[6], CXM__ROLE_ATTRIBUTE);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_AGE], SIZE_MAX);
	ck_assert_int_eq(r.role_of[7], CXM__ROLE_ATTRIBUTE);
	ck_assert_int_eq(r.role_of[8], CXM__ROLE_UNUSED);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_SEGMENT], 9);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_COUNTRY], 10);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_DATE], SIZE_MAX);
	ck_assert_int_eq(cxm__persona_role_is_attribute(r.role_of[1]), 1);  /* birth year */
	ck_assert_int_eq(cxm__persona_role_is_attribute(r.role_of[5]), 0);  /* comment */
	ck_assert_int_eq(cxm__persona_role_is_attribute(r.role_of[9]), 0);  /* segment */
	cxm__persona_roles_free(&r);
	cxm_table_free(t);
}
END_TEST

/* Answers named by their metric take its role (a TEXT "nps" stays an attribute). */
START_TEST(test_roles_recognised_scores)
{
	cxm_table *t = NULL;
	const char *txt[3] = { "a", "b", "c" };
	double num[3] = { 1, 2, 3 };
	cxm__roles r;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "id", txt, 3), CXM_OK);          /* 0 */
	ck_assert_status(cxm_table_add_numbers(t, "NPS Score", num, 3), CXM_OK); /* 1: nps */
	ck_assert_status(cxm_table_add_numbers(t, "CSAT", num, 3), CXM_OK);      /* 2: csat */
	ck_assert_status(cxm_table_add_numbers(t, "ces", num, 3), CXM_OK);       /* 3: ces */
	ck_assert_status(cxm_table_add_numbers(t, "LTV", num, 3), CXM_OK);       /* 4: clv */
	ck_assert_status(cxm_table_add_texts(t, "RFM_Segment", txt, 3), CXM_OK); /* 5: rfm_segment */
	ck_assert_status(cxm_table_add_numbers(t, "amount", num, 3), CXM_OK);    /* 6: attribute */
	ck_assert_status(cxm__persona_roles(&r, t, &cxm__persona_opts_default), CXM_OK);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_NPS], 1);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_CSAT], 2);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_CES], 3);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_CLV], 4);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_RFM_SEGMENT], 5);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_AMOUNT], SIZE_MAX);
	ck_assert_int_eq(r.role_of[6], CXM__ROLE_ATTRIBUTE);
	cxm__persona_roles_free(&r);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_roles_explicit)
{
	cxm_table *t = roles_table();
	cxm_persona_opts *o = NULL;
	cxm__roles r;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	/* explicit roles win; auto off leaves the rest attributes */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_CAREER, "Occupation"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_IGNORE, "Income"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_DATE, "signup"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_auto_roles(o, 0), CXM_OK);
	ck_assert_status(cxm__persona_roles(&r, t, o), CXM_OK);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_CAREER], 4);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_DATE], 8);
	ck_assert_int_eq(r.role_of[6], CXM_PERSONA_ROLE_IGNORE);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_ID], SIZE_MAX);
	ck_assert_int_eq(r.role_of[0], CXM__ROLE_ATTRIBUTE);
	cxm__persona_roles_free(&r);
	/* with auto roles, "job" is left to be an attribute: Occupation has the role */
	ck_assert_status(cxm_persona_opts_set_auto_roles(o, 1), CXM_OK);
	ck_assert_status(cxm__persona_roles(&r, t, o), CXM_OK);
	ck_assert_uint_eq(r.col[CXM_PERSONA_ROLE_CAREER], 4);
	ck_assert_int_eq(r.role_of[11], CXM__ROLE_ATTRIBUTE);
	cxm__persona_roles_free(&r);
	/* a missing column: the table's columns named */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_GENDER, "Gender"), CXM_OK);
	ck_assert_status(cxm__persona_roles(&r, t, o), CXM_EBAD_ARG);
	assert_message_has("\"Gender\"");
	assert_message_has("Customer ID, Year_Birth");
	/* the wrong type */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_GENDER, "SEX"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AGE, "age"), CXM_OK);
	ck_assert_status(cxm__persona_roles(&r, t, o), CXM_EBAD_ARG);
	assert_message_has("must be NUMBER");
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AGE, "Year_Birth"), CXM_OK);
	/* one column, two roles */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_BIRTH_YEAR, "Year_Birth"), CXM_OK);
	ck_assert_status(cxm__persona_roles(&r, t, o), CXM_EBAD_ARG);
	assert_message_has("two roles");
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* ---- errors of the build -------------------------------------------------------------------------- */

/* A 20-row table: id, segment (two of 10), city, nps; row `bad` (0-based) of column `col` set to v. */
static cxm_table *small_table(const char *ids_override, double nps_bad, size_t bad_row, const char *segment_bad)
{
	cxm_table *t = NULL;
	char idb[20][8];
	const char *ids[20], *seg[20], *city[20];
	double nps[20], age[20];
	size_t i;
	for (i = 0; i < 20; i++) {
		snprintf(idb[i], sizeof idb[i], "u%zu", i);
		ids[i] = idb[i];
		seg[i] = i < 10 ? "x" : "y";
		city[i] = i % 3 ? "Rome" : "Oslo";
		nps[i] = (double)(i % 11);
		age[i] = 20.0 + (double)i;
	}
	if (ids_override)
		ids[4] = ids_override; /* row 5 */
	if (!isnan(nps_bad) || bad_row < 20)
		nps[bad_row] = nps_bad;
	if (segment_bad)
		seg[bad_row] = segment_bad;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "id", ids, 20), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "segment", seg, 20), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "city", city, 20), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "nps", nps, 20), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "age", age, 20), CXM_OK);
	return t;
}

static cxm_persona_opts *small_opts(void)
{
	cxm_persona_opts *o = NULL;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_NPS, "nps"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	return o;
}

static void build_fails(const cxm_table *t, const cxm_persona_opts *o, int code, const char *n1, const char *n2)
{
	cxm_persona_set *s = (cxm_persona_set *)1;
	ck_assert_status(cxm_persona_build(&s, t, o), code);
	ck_assert_ptr_null(s);
	if (n1)
		assert_message_has(n1);
	if (n2)
		assert_message_has(n2);
}

START_TEST(test_build_errors)
{
	cxm_persona_opts *o = small_opts();
	cxm_persona_set *s = NULL;
	cxm_table *t, *empty = NULL;
	/* NULL */
	ck_assert_status(cxm_persona_build(NULL, NULL, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_persona_build(&s, NULL, o), CXM_EBAD_ARG);
	/* no rows */
	ck_assert_status(cxm_table_new(&empty), CXM_OK);
	build_fails(empty, o, CXM_EEMPTY, "no rows", NULL);
	cxm_table_free(empty);
	/* a customer twice: both rows */
	t = small_table("u2", NAN, 99, NULL);
	build_fails(t, o, CXM_EINCONSISTENT, "\"u2\"", "rows 3 and 5");
	cxm_table_free(t);
	/* an answer off the scale, not whole: row, column, value */
	t = small_table(NULL, 11.0, 2, NULL);
	build_fails(t, o, CXM_EOUT_OF_RANGE, "row 3, column \"nps\"", "11");
	cxm_table_free(t);
	t = small_table(NULL, 7.5, 6, NULL);
	build_fails(t, o, CXM_EOUT_OF_RANGE, "row 7", "7.5");
	cxm_table_free(t);
	/* a customer without a segment */
	t = small_table(NULL, NAN, 12, "");
	build_fails(t, o, CXM_ENAN, "row 13", "segment");
	cxm_table_free(t);
	/* too few customers for min_n */
	t = small_table(NULL, NAN, 99, NULL);
	ck_assert_status(cxm_persona_opts_set_min_n(o, 11), CXM_OK);
	build_fails(t, o, CXM_ETOO_FEW, "20 customers", "2 x 11");
	ck_assert_status(cxm_persona_opts_set_min_n(o, SIZE_MAX), CXM_OK); /* 2 x min_n does not wrap */
	build_fails(t, o, CXM_ETOO_FEW, "20 customers", NULL);
	ck_assert_status(cxm_persona_opts_set_min_n(o, 10), CXM_OK);
	/* a role's column missing, and of the wrong type */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AMOUNT, "revenue"), CXM_OK);
	build_fails(t, o, CXM_EBAD_ARG, "\"revenue\"", "id, segment, city, nps, age");
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AMOUNT, "city"), CXM_OK);
	build_fails(t, o, CXM_EBAD_ARG, "amount", "TEXT");
	cxm_persona_opts_free(o);
	/* the age must be 0..130 */
	o = small_opts();
	{
		double age[20];
		cxm_table *t2 = NULL;
		const char *seg[20], *ids[20];
		char idb[20][8];
		size_t i;
		for (i = 0; i < 20; i++) {
			snprintf(idb[i], sizeof idb[i], "v%zu", i);
			ids[i] = idb[i];
			seg[i] = i % 2 ? "p" : "q";
			age[i] = i == 17 ? 131.0 : 30.0;
		}
		ck_assert_status(cxm_table_new(&t2), CXM_OK);
		ck_assert_status(cxm_table_add_texts(t2, "id", ids, 20), CXM_OK);
		ck_assert_status(cxm_table_add_texts(t2, "segment", seg, 20), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(t2, "age", age, 20), CXM_OK);
		build_fails(t2, NULL, CXM_EOUT_OF_RANGE, "row 18, column \"age\"", "131");
		cxm_table_free(t2);
	}
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_build_more_errors)
{
	cxm_table *t = NULL;
	const char *seg[20], *dates[20];
	double amount[20], by[20], idn[20];
	cxm_persona_opts *o = NULL;
	size_t i;
	for (i = 0; i < 20; i++) {
		seg[i] = i % 2 ? "p" : "q";
		amount[i] = i == 8 ? -1.0 : 5.0;
		by[i] = i == 3 ? 1850.0 : 1980.0;
		dates[i] = i == 14 ? "2024-13-01" : "2024-01-01";
		idn[i] = i == 9 ? NAN : (double)i;
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "segment", seg, 20), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "amount", amount, 20), CXM_OK);
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	/* only roles and ignored columns: no attribute */
	{
		cxm_persona_opts *o2 = NULL;
		ck_assert_status(cxm_persona_opts_new(&o2), CXM_OK);
		ck_assert_status(cxm_persona_opts_set_role(o2, CXM_PERSONA_ROLE_IGNORE, "amount"), CXM_OK);
		build_fails(t, o2, CXM_EEMPTY, "no attribute", NULL);
		cxm_persona_opts_free(o2);
	}
	ck_assert_status(cxm_table_add_numbers(t, "birth_year", by, 20), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "when", dates, 20), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "num_id", idn, 20), CXM_OK);
	/* a negative amount */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AMOUNT, "amount"), CXM_OK);
	build_fails(t, o, CXM_EOUT_OF_RANGE, "row 9, column \"amount\"", "-1");
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AMOUNT, "num_id"), CXM_OK);
	build_fails(t, o, CXM_ENAN, "row 10", "amount is NaN");
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_IGNORE, "amount"), CXM_OK);
	/* a birth year 174 years back */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_AMOUNT, "num_id"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_ID, "num_id"), CXM_OK);
	build_fails(t, o, CXM_EBAD_ARG, "two roles", NULL);
	cxm_persona_opts_free(o);
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_IGNORE, "amount"), CXM_OK);
	build_fails(t, o, CXM_EOUT_OF_RANGE, "row 4, column \"birth_year\"", "174");
	/* a date that does not read: row and column */
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_IGNORE, "birth_year"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_DATE, "when"), CXM_OK);
	build_fails(t, o, CXM_EPARSE, "row 15, column \"when\"", "2024-13-01");
	cxm_persona_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* ---- quotes, rules, CSAT and CES, a numeric segment column ------------------------------------ */

/*
 * 24 customers: segment 7 (rows 1-12), then segment 3 (rows 13-24), a NUMBER
 * segment column. spend: 10 + 2 i in segment 7, 100 + 2 i in 3 (i = 0..11);
 * channel: web for i < 9, store after. Independent values (numpy 1.24.2,
 * scipy 1.10.1): the population sd of spend (ddof 0) is 45.526549030940906;
 * segment 7's mean 21; age 20 + i in segment 7, 70 for 5 customers of
 * segment 3 and missing for the others: population sd of the 17 known ages
 * 20.48258607158605, segment 7's mean 25.5. The distances ((s - 21) /
 * 45.53)^2 + ((age - 25.5) / 20.48)^2 + [store] rank rows i = 5, 6, 4, 7,
 * 3, 8, 2, 1, 0, 9, 10, 11 (ties by row), d(5) = d(6) =
 * 0.001078366194750851, d(4) = d(7) = 0.00970529575275766. Comment i = 6
 * holds the blocklisted word, so the quotes are those of i = 5, 4, 7.
 * csat (1-5) of segment 7: 5 4 4 3 5 2 4 5 1 4 3 5, 8 of 12 at 4-5: 66.67%,
 * Wilson 95% (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), z =
 * stats.norm.ppf(0.975): [39.06220888727995, 86.18799089087868]; segment 3
 * all 2: population 8 / 24 = 33.333333333333336%. ces (1-7) of segment 7:
 * 7 6 5 6 7 4 5 6 3 7 6 5, mean 5.583333333333333, stats.t.interval(0.95,
 * 11, loc, sd / sqrt(12)) = [4.795403499538818, 6.371263167127848];
 * segment 3 all 2: population mean 3.7916666666666665.
 */
static cxm_table *comments_table(void)
{
	static const double csat7[12] = { 5, 4, 4, 3, 5, 2, 4, 5, 1, 4, 3, 5 };
	static const double ces7[12] = { 7, 6, 5, 6, 7, 4, 5, 6, 3, 7, 6, 5 };
	cxm_table *t = NULL;
	char cb[24][64];
	const char *comments[24], *channel[24];
	double seg[24], spend[24], csat[24], ces[24], age[24], day[24], support[24];
	size_t r;
	for (r = 0; r < 24; r++) {
		size_t i = r % 12;
		seg[r] = r < 12 ? 7.0 : 3.0;
		spend[r] = (r < 12 ? 10.0 : 100.0) + 2.0 * (double)i;
		channel[r] = i < 9 ? "web" : "store";
		csat[r] = r < 12 ? csat7[i] : 2.0;
		ces[r] = r < 12 ? ces7[i] : 2.0;
		age[r] = r < 12 ? 20.0 + (double)i : i < 5 ? 70.0 : NAN; /* 7: 20..31; 3: 5 known */
		day[r] = 19700.0 + (double)(r * 3); /* 2023-12-09 + 3 r days */
		support[r] = r < 12 ? 1.0 + (double)(i % 2) : 5.0; /* 7: 1, 2, 1, ...; 3: 5 */
		snprintf(cb[r], sizeof cb[r], "%s comment of customer %zu in the shop", i == 6 ? "A refund" : "A kind", r + 1);
		comments[r] = cb[r];
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "segment", seg, 24), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "spend", spend, 24), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "channel", channel, 24), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "csat", csat, 24), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "ces", ces, 24), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "feedback", comments, 24), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "age", age, 24), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "visit", day, 24), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "support", support, 24), CXM_OK);
	return t;
}

START_TEST(test_quotes_rules_scores)
{
	static const char rules_json[] =
		"{\"schema\": \"cxmetrics.persona_rules/1\", \"name\": \"test rules\", \"rules\": ["
		"{\"name\": \"big spenders\", \"when\": [{\"attribute\": \"spend\", \"stat\": \"mean\", \"op\": \">=\", "
		"\"value\": 50}], \"goals\": [\"Buy the best\"], \"solutions\": [\"Offer a loyalty tier\"]}]}";
	const char *words[] = { "refund" };
	cxm_table *t = comments_table();
	cxm_persona_opts *o = NULL;
	cxm_persona_rules *rules = NULL;
	cxm_persona_set *s = NULL;
	const cxm__persona *p7, *p3;
	const cxm__score *cs, *ce;
	ck_assert_status(cxm_persona_rules_from_json(&rules, rules_json, strlen(rules_json)), CXM_OK);
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_CSAT, "csat"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_CES, "ces"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_DATE, "visit"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_SCORE, "support"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_quotes(o, 3, 20, 280, words, 1), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_rules(o, rules), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_source(o, "value_price", 0, NULL, NAN), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
	ck_assert_uint_eq(s->n_personas, 2);
	p7 = &s->personas[0];
	p3 = &s->personas[1];
	ck_assert_str_eq(p7->segment, "7");
	ck_assert_str_eq(p3->segment, "3");
	ck_assert_str_eq(s->provenance.method, "value_price");
	ck_assert_uint_eq(s->provenance.k, 2);
	ck_assert_str_eq(s->provenance.rules_name, "test rules");
	/* ages: 20..31 give the median 25.5; 5 known ages under min_n give none */
	ck_assert_double_eq(p7->age, 25.5);
	ck_assert_str_eq(p7->age_band, "25-34");
	ck_assert(isnan(p3->age));
	ck_assert_ptr_null(p3->age_band);
	/* a DAY date column: days 19700 (2023-12-09) to 19769 (2024-02-16) */
	ck_assert_str_eq(s->provenance.window_start, "2023-12-09");
	ck_assert_str_eq(s->provenance.window_end, "2024-02-16");
	/* quotes: nearest to the profile first, the blocklisted one skipped */
	ck_assert_uint_eq(p7->n_quotes, 3);
	ck_assert_str_eq(p7->quotes[0].text, "A kind comment of customer 6 in the shop");
	ck_assert_str_eq(p7->quotes[1].text, "A kind comment of customer 5 in the shop");
	ck_assert_str_eq(p7->quotes[2].text, "A kind comment of customer 8 in the shop");
	ck_assert_close(p7->quotes[0].distance, 0.001078366194750851);
	ck_assert_close(p7->quotes[1].distance, 0.00970529575275766);
	ck_assert_close(p7->quotes[2].distance, 0.00970529575275766);
	/* segment 3: a missing age adds 1, so the 5 customers with a known age (i < 5) come first,
	 * nearest to the mean spend 111 first: i = 4 (108, d = (3 / 45.53)^2 = 0.004342232229012546), 3, 2 */
	ck_assert_uint_eq(p3->n_quotes, 3);
	ck_assert_str_eq(p3->quotes[0].text, "A kind comment of customer 17 in the shop");
	ck_assert_str_eq(p3->quotes[1].text, "A kind comment of customer 16 in the shop");
	ck_assert_str_eq(p3->quotes[2].text, "A kind comment of customer 15 in the shop");
	ck_assert_close(p3->quotes[0].distance, 0.004342232229012546);
	/* a problem from scores: segment 7 rates support 1.5 (t interval [1.17, 1.83]) against the
	 * population's 3.25; segment 3 rates it 5 */
	ck_assert_uint_eq(p7->n_problems, 1);
	ck_assert_str_eq(p7->problems[0].source, "score:support");
	ck_assert_uint_eq(p3->n_problems, 0);
	/* rules: only the big spenders */
	ck_assert_uint_eq(p7->n_goals, 0);
	ck_assert_uint_eq(p3->n_goals, 1);
	ck_assert_str_eq(p3->goals[0].text, "Buy the best");
	ck_assert_uint_eq(p3->n_solutions, 1);
	/* CSAT and CES */
	cs = score_named(p7, "csat");
	ck_assert_str_eq(cs->kind, "csat");
	ck_assert_close(cs->value, 66.66666666666666);
	ck_assert_close(cs->lower, 39.06220888727995);
	ck_assert_close(cs->upper, 86.18799089087868);
	ck_assert_close(cs->population_value, 33.333333333333336);
	ce = score_named(p7, "ces");
	ck_assert_str_eq(ce->kind, "ces");
	ck_assert_close(ce->value, 5.583333333333333);
	ck_assert_close(ce->lower, 4.795403499538818);
	ck_assert_close(ce->upper, 6.371263167127848);
	ck_assert_close(ce->population_value, 3.7916666666666665);
	ck_assert_double_eq(ce->scale_hi, 7.0);
	cxm_persona_set_free(s);
	/* 24 customers are too few for min_n = 13 */
	ck_assert_status(cxm_persona_opts_set_min_n(o, 13), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_ETOO_FEW);
	cxm_persona_opts_free(o);
	cxm_persona_rules_free(rules);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_build_oom)
{
	cxm_table *t = comments_table(), *t2 = two_groups(1);
	cxm_persona_opts *o = NULL;
	long k;
	ck_assert_status(cxm_persona_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_role(o, CXM_PERSONA_ROLE_CSAT, "csat"), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_reference_year(o, 2024), CXM_OK);
	for (k = 0;; k++) {
		cxm_persona_set *s = NULL;
		int rc;
		oom_arm(k);
		rc = cxm_persona_build(&s, t, o);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_persona_set_free(s);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(s);
		oom_assert_no_leak(k);
	}
	/* the automatic segments */
	for (k = 0;; k++) {
		cxm_persona_set *s = NULL;
		int rc;
		oom_arm(k);
		rc = cxm_persona_build(&s, t2, NULL);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_persona_set_free(s);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		ck_assert_ptr_null(s);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_persona_opts_free(o);
	cxm_table_free(t);
	cxm_table_free(t2);
}
END_TEST

START_TEST(test_age_band)
{
	/* the bands of spec §15.2, lower bounds inclusive */
	ck_assert_ptr_null(cxm__persona_age_band(NAN));
	ck_assert_str_eq(cxm__persona_age_band(0.0), "<18");
	ck_assert_str_eq(cxm__persona_age_band(17.5), "<18");
	ck_assert_str_eq(cxm__persona_age_band(18.0), "18-24");
	ck_assert_str_eq(cxm__persona_age_band(24.5), "18-24");
	ck_assert_str_eq(cxm__persona_age_band(25.0), "25-34");
	ck_assert_str_eq(cxm__persona_age_band(34.9), "25-34");
	ck_assert_str_eq(cxm__persona_age_band(35.0), "35-44");
	ck_assert_str_eq(cxm__persona_age_band(45.0), "45-54");
	ck_assert_str_eq(cxm__persona_age_band(55.0), "55-64");
	ck_assert_str_eq(cxm__persona_age_band(64.5), "55-64");
	ck_assert_str_eq(cxm__persona_age_band(65.0), "65+");
	ck_assert_str_eq(cxm__persona_age_band(130.0), "65+");
}
END_TEST

START_TEST(test_names_not_repeated)
{
	static const char two[] = "{\"schema\": \"cxmetrics.names/1\", \"source\": \"two names\", \"entries\": ["
				  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": [\"Ann\", \"Bo\"]}]}";
	static const char one[] = "{\"schema\": \"cxmetrics.names/1\", \"source\": \"one name\", \"entries\": ["
				  "{\"gender\": \"*\", \"decade\": \"*\", \"country\": \"*\", \"names\": [\"Ann\"]}]}";
	cxm_table *t = planted_table(5);
	cxm_persona_names *n2 = NULL, *n1 = NULL;
	cxm_persona_opts *o = planted_opts(11);
	cxm_persona_set *s = NULL;
	uint64_t seed;
	size_t i;
	ck_assert_status(cxm_persona_names_from_json(&n2, two, strlen(two)), CXM_OK);
	ck_assert_status(cxm_persona_names_from_json(&n1, one, strlen(one)), CXM_OK);
	ck_assert_status(cxm_persona_opts_set_names(o, n2), CXM_OK);
	/* three shown personas, two names: the first two personas differ whatever the seed */
	for (seed = 0; seed < 20; seed++) {
		const char *names[3];
		size_t n = 0;
		ck_assert_status(cxm_persona_opts_set_seed(o, seed), CXM_OK);
		ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
		ck_assert_str_eq(s->provenance.names_source, "two names");
		for (i = 0; i < s->n_personas; i++)
			if (!s->personas[i].suppressed) {
				ck_assert_str_eq(s->personas[i].name_key, "*/*/*");
				names[n++] = s->personas[i].name;
			}
		ck_assert_uint_eq(n, 3);
		ck_assert_str_ne(names[0], names[1]);
		ck_assert(strcmp(names[2], "Ann") == 0 || strcmp(names[2], "Bo") == 0);
		cxm_persona_set_free(s);
	}
	/* one name for three personas: kept after the redraws, no failure */
	ck_assert_status(cxm_persona_opts_set_names(o, n1), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, o), CXM_OK);
	for (i = 0; i < s->n_personas; i++)
		if (!s->personas[i].suppressed)
			ck_assert_str_eq(s->personas[i].name, "Ann");
	cxm_persona_set_free(s);
	cxm_persona_opts_free(o);
	cxm_persona_names_free(n1);
	cxm_persona_names_free(n2);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_all_suppressed)
{
	/* 20 customers in 4 segments of 5, min_n 10: every persona suppressed, nothing shown */
	cxm_table *t = NULL;
	const char *seg[20], *city[20];
	double spend[20];
	cxm_persona_set *s = NULL;
	char *json = NULL;
	size_t i;
	for (i = 0; i < 20; i++) {
		static const char *const names[] = { "a", "b", "c", "d" };
		seg[i] = names[i % 4];
		city[i] = i % 2 ? "Oslo" : "Rome";
		spend[i] = (double)i;
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "segment", seg, 20), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "city", city, 20), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "spend", spend, 20), CXM_OK);
	ck_assert_status(cxm_persona_build(&s, t, NULL), CXM_OK);
	ck_assert_uint_eq(s->n_personas, 4);
	ck_assert_uint_eq(s->provenance.suppressed_personas, 4);
	ck_assert_double_eq(s->provenance.customers, 0.0);
	ck_assert_double_eq(s->provenance.excluded_customers, 20.0); /* >= min_n: shown */
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(s->personas[i].suppressed, 1);
		ck_assert_ptr_null(s->personas[i].name);
		ck_assert_uint_eq(s->personas[i].n_demographics, 0);
	}
	ck_assert_status(cxm_persona_set_render(&json, s, CXM_PERSONA_JSON, NULL), CXM_OK);
	ck_assert_ptr_null(strstr(json, "Oslo"));
	cxm_free(json);
	cxm_persona_set_free(s);
	cxm_table_free(t);
}
END_TEST

static Suite *persona_build_suite(void)
{
	Suite *s = suite_create("persona_build");
	TCase *tc = tcase_create("build");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_opts);
	tcase_add_test(tc, test_opts_oom);
	tcase_add_test(tc, test_roles_recognised);
	tcase_add_test(tc, test_roles_recognised_scores);
	tcase_add_test(tc, test_roles_explicit);
	tcase_add_test(tc, test_build_errors);
	tcase_add_test(tc, test_build_more_errors);
	tcase_add_test(tc, test_planted);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_autoseg_kmeans);
	tcase_add_test(tc, test_autoseg_kprototypes);
	tcase_add_test(tc, test_autoseg_progress);
	tcase_add_test(tc, test_quotes_rules_scores);
	tcase_add_test(tc, test_build_oom);
	tcase_add_test(tc, test_age_band);
	tcase_add_test(tc, test_all_suppressed);
	tcase_add_test(tc, test_names_not_repeated);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(persona_build_suite)
