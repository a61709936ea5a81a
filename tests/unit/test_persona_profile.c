/*
 * tests/unit/test_persona_profile.c - personas' demographics, identifiers
 * and privacy (cxm__persona_describe, cxm__persona_withhold and the table
 * rules; spec §15.2, §15.5).
 *
 * The reference values come from numpy / scipy (persona_profile_refs.py,
 * which states every formula); the privacy rules are checked by hand on
 * small cases, then exhaustively and on random tables against what a reader
 * could derive: every sum of withheld cells that the shown numbers determine
 * (a vector in the row space of the table's equations) must be 0 or at least
 * min_n.
 */
#include <stdint.h>
#include "harness.h"
#include "oom.h"
#include "persona/persona_internal.h"
#include "persona/profile_internal.h"
#include "persona_profile_refs.h"

static cxm_persona_set *make_set(size_t k, const int *suppressed)
{
	cxm_persona_set *set = NULL;
	size_t i;
	ck_assert_status(cxm__persona_set_new(&set), CXM_OK);
	set->personas = CXM__PERSONA_NEW(set, cxm__persona, k);
	ck_assert_ptr_nonnull(set->personas);
	set->n_personas = k;
	for (i = 0; i < k; i++) {
		char id[16];
		cxm__persona_init(&set->personas[i]);
		snprintf(id, sizeof id, "P%zu", i + 1);
		set->personas[i].id = cxm__persona_strdup(set, id);
		set->personas[i].suppressed = suppressed ? suppressed[i] : 0;
	}
	return set;
}

static cxm_persona_opts test_opts(size_t min_n, size_t most)
{
	cxm_persona_opts o;
	memset(&o, 0, sizeof o);
	o.min_n = min_n;
	o.fdr = CXM_PERSONA_FDR_DEFAULT;
	o.identifiers = most;
	o.threads = 1;
	return o;
}

/* the reference table's columns: city, gender, income, rfm (role rfm_segment) */
static void ref_cols(cxm__pcol *c)
{
	memset(c, 0, 4 * sizeof *c);
	c[0].name = "city";
	c[0].role = "location";
	c[0].codes = ref_city;
	c[0].levels = ref_city_levels;
	c[0].n_levels = 6;
	c[1].name = "gender";
	c[1].role = "gender";
	c[1].codes = ref_gender;
	c[1].levels = ref_gender_levels;
	c[1].n_levels = 3;
	c[2].name = "income";
	c[2].x = ref_income;
	c[3].name = "rfm";
	c[3].role = "rfm_segment";
	c[3].codes = ref_rfm;
	c[3].levels = ref_rfm_levels;
	c[3].n_levels = 3;
}

static const cxm__cell *find_cell(const cxm__attribute *a, const char *level)
{
	size_t i;
	for (i = 0; i < a->n_levels; i++)
		if (strcmp(a->levels[i].level, level) == 0)
			return &a->levels[i];
	return NULL;
}

/* ---- the t distribution (through the incomplete beta) against scipy ------------------------------------------ */

START_TEST(test_t_distribution)
{
	size_t i;
	for (i = 0; i < 12; i++)
		assert_rel(cxm__t_two_sided(ref_t[3 * i], ref_t[3 * i + 1]), ref_t[3 * i + 2], 1e-9);
	/* symmetric in t; infinite t and bad df */
	assert_rel(cxm__t_two_sided(-ref_t[0], ref_t[1]), ref_t[2], 1e-9);
	ck_assert(cxm__t_two_sided(INFINITY, 4.0) == 0.0);
	ck_assert(isnan(cxm__t_two_sided(1.0, 0.0)));
	ck_assert(isnan(cxm__t_two_sided(NAN, 3.0)));
}
END_TEST

/* ---- the reference table: demographics and identifiers against numpy / scipy -------------------------- */

START_TEST(test_reference_values)
{
	cxm__pcol cols[4];
	cxm_persona_opts o = test_opts(1, REF_MOST);
	cxm_persona_set *set = make_set(REF_K, NULL);
	const double *idv = ref_ident;
	size_t s, i, at = 0;
	ref_cols(cols);
	ck_assert_status(cxm__persona_describe(set, cols, 4, ref_seg, REF_N, &o), CXM_OK);
	for (s = 0; s < REF_K; s++) {
		const cxm__persona *p = &set->personas[s];
		const cxm__attribute *inc, *city;
		const double *st = ref_income_stats + 7 * s;
		const char *const *order = s == 0 ? ref_city_order_0 : s == 1 ? ref_city_order_1 : ref_city_order_2;
		const double *cnt = s == 0 ? ref_city_count_0 : s == 1 ? ref_city_count_1 : ref_city_count_2;
		const double *pshare = s == 0 ? ref_city_popshare_0 : s == 1 ? ref_city_popshare_1 : ref_city_popshare_2;
		const double *nn = s == 0 ? ref_city_n_0 : s == 1 ? ref_city_n_1 : ref_city_n_2;
		ck_assert_uint_eq(p->n_demographics, 3);
		ck_assert_str_eq(p->demographics[0].name, "city");
		ck_assert_str_eq(p->demographics[0].role, "location");
		ck_assert_str_eq(p->demographics[1].name, "gender");
		ck_assert_str_eq(p->demographics[2].name, "income");
		ck_assert_str_eq(p->demographics[2].role, "attribute");
		/* the RFM column is the RFM mix, not a demographic */
		ck_assert_ptr_nonnull(p->rfm_mix);
		ck_assert_str_eq(p->rfm_mix->name, "rfm");
		ck_assert_int_eq(p->rfm_mix->categorical, 1);
		ck_assert_uint_eq(p->rfm_mix->n_levels, 3);
		/* income: numpy mean, std(ddof=1), percentile(linear) */
		inc = &p->demographics[2];
		ck_assert_int_eq(inc->categorical, 0);
		ck_assert_int_eq(inc->withheld, 0);
		ck_assert(inc->n == st[0]);
		ck_assert(inc->missing == st[1]);
		assert_rel(inc->mean, st[2], 1e-14);
		assert_rel(inc->sd, st[3], 1e-12);
		assert_rel(inc->median, st[4], 1e-14);
		assert_rel(inc->p25, st[5], 1e-14);
		assert_rel(inc->p75, st[6], 1e-14);
		assert_rel(inc->population_mean, ref_income_pop[0], 1e-14);
		assert_rel(inc->population_sd, ref_income_pop[1], 1e-12);
		assert_rel(inc->population_median, ref_income_pop[2], 1e-14);
		/* city: cells in the library's order, the missing level "" apart, a level of no
		   customer of the segment withheld (min_n 1) */
		city = &p->demographics[0];
		ck_assert(city->n == nn[0]);
		ck_assert(city->missing == nn[1]);
		ck_assert_uint_eq(city->n_levels, 5);
		for (i = 0; i < 5; i++) {
			const cxm__cell *c = &city->levels[i];
			ck_assert_str_eq(c->level, order[i]);
			if (isnan(cnt[i])) {
				ck_assert(isnan(c->count) && isnan(c->share));
				ck_assert_int_eq(c->withheld, CXM__WITHHELD_SMALL);
			} else {
				ck_assert(c->count == cnt[i]);
				assert_rel(c->share, 100.0 * cnt[i] / nn[0], 1e-15);
				ck_assert_int_eq(c->withheld, 0);
			}
			assert_rel(c->population_share, pshare[i], 1e-15);
		}
		ck_assert(city->withheld_count == 0);
		/* identifiers */
		ck_assert_uint_eq(p->n_identifiers, ref_ident_count[s]);
		for (i = 0; i < p->n_identifiers; i++, at++, idv += 7) {
			const cxm__identifier *d = &p->identifiers[i];
			ck_assert_str_eq(d->attribute, ref_ident_attr[at]);
			ck_assert_str_eq(d->value, ref_ident_value[at]);
			ck_assert_int_eq(d->numeric, strcmp(d->attribute, "income") == 0);
			assert_rel(d->share, idv[0], 1e-13);
			assert_rel(d->population_share, idv[1], 1e-13);
			assert_rel(d->lift, idv[2], 1e-13);
			assert_rel(d->difference, idv[3], 1e-11);
			assert_rel(d->std_difference, idv[4], 1e-11);
			assert_rel(d->p_value, idv[5], 1e-9);
			assert_rel(d->q_value, idv[6], 1e-9);
			ck_assert(d->q_value <= 0.05);
		}
	}
	/* planted: segment 1's top identifier is city = Lyon, lift (48 / 73) / (70 / 212) by hand counts */
	ck_assert_str_eq(set->personas[1].identifiers[0].attribute, "city");
	ck_assert_str_eq(set->personas[1].identifiers[0].value, "Lyon");
	assert_rel(set->personas[1].identifiers[0].lift, (ref_planted[0] / ref_planted[1]) / (ref_planted[2] / ref_planted[3]),
		   1e-14);
	assert_rel(set->personas[1].identifiers[0].lift, (48.0 / 73.0) / (70.0 / 212.0), 1e-14);
	cxm_persona_set_free(set);
}
END_TEST

static int same(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* 1 thread or 4 (and 0, the library's default): the same records, bit for bit. */
START_TEST(test_threads_identical)
{
	/* the reference table 125 times over (30,000 rows: enough for threads), numbers varied */
	enum { REPS = 125, ROWS = REF_N * REPS };
	double *x1 = malloc(ROWS * sizeof *x1), *x2 = malloc(ROWS * sizeof *x2), *x3 = malloc(ROWS * sizeof *x3);
	uint32_t *seg = malloc(ROWS * sizeof *seg), *city = malloc(ROWS * sizeof *city),
		 *gender = malloc(ROWS * sizeof *gender);
	cxm__pcol cols[5];
	cxm_persona_set *set[3];
	unsigned th[3] = { 1, 4, 0 };
	size_t r, s, j, i, t;
	ck_assert(x1 && x2 && x3 && seg && city && gender);
	for (r = 0; r < ROWS; r++) {
		size_t q = r % REF_N, rep = r / REF_N;
		seg[r] = ref_seg[q];
		city[r] = ref_city[q];
		gender[r] = ref_gender[(q + rep) % REF_N];
		x1[r] = ref_income[q] * (1.0 + 1e-3 * (double)rep);
		x2[r] = (double)((r * 7919) % 1000) / 7.0 - 50.0;
		x3[r] = rep % 3 ? (double)(r % 17) : NAN;
	}
	ref_cols(cols);
	cols[1].codes = gender;
	cols[0].codes = city;
	cols[2].x = x1;
	memset(&cols[3], 0, 2 * sizeof cols[3]);
	cols[3].name = "x2";
	cols[3].x = x2;
	cols[4].name = "x3";
	cols[4].x = x3;
	for (t = 0; t < 3; t++) {
		cxm_persona_opts o = test_opts(10, 8);
		o.threads = th[t];
		set[t] = make_set(REF_K, NULL);
		ck_assert_status(cxm__persona_describe(set[t], cols, 5, seg, ROWS, &o), CXM_OK);
	}
	ck_assert_uint_gt(set[0]->personas[0].n_identifiers, 0);
	for (t = 1; t < 3; t++)
		for (s = 0; s < REF_K; s++) {
			const cxm__persona *a = &set[0]->personas[s], *b = &set[t]->personas[s];
			ck_assert_uint_eq(a->n_demographics, b->n_demographics);
			for (j = 0; j < a->n_demographics; j++) {
				const cxm__attribute *x = &a->demographics[j], *y = &b->demographics[j];
				ck_assert(same(x->mean, y->mean) && same(x->sd, y->sd) && same(x->median, y->median) &&
					  same(x->p25, y->p25) && same(x->p75, y->p75) && same(x->n, y->n) &&
					  same(x->population_sd, y->population_sd));
				ck_assert_uint_eq(x->n_levels, y->n_levels);
				for (i = 0; i < x->n_levels; i++)
					ck_assert(same(x->levels[i].count, y->levels[i].count));
			}
			ck_assert_uint_eq(a->n_identifiers, b->n_identifiers);
			for (i = 0; i < a->n_identifiers; i++) {
				ck_assert_str_eq(a->identifiers[i].attribute, b->identifiers[i].attribute);
				ck_assert_str_eq(a->identifiers[i].value, b->identifiers[i].value);
				ck_assert(same(a->identifiers[i].p_value, b->identifiers[i].p_value));
				ck_assert(same(a->identifiers[i].q_value, b->identifiers[i].q_value));
			}
		}
	for (t = 0; t < 3; t++)
		cxm_persona_set_free(set[t]);
	free(x1);
	free(x2);
	free(x3);
	free(seg);
	free(city);
	free(gender);
}
END_TEST

/* A suppressed persona gets nothing; rows outside the population count nowhere. */
START_TEST(test_suppressed_and_outside)
{
	static const int sup[3] = { 0, 1, 0 };
	static const double x[24] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200 };
	uint32_t seg[24];
	cxm__pcol col;
	cxm_persona_opts o = test_opts(3, 8);
	cxm_persona_set *set = make_set(3, sup);
	size_t r;
	for (r = 0; r < 24; r++)
		seg[r] = r < 12 ? (r % 2 ? 0 : 2) : UINT32_MAX;
	memset(&col, 0, sizeof col);
	col.name = "x";
	col.x = x;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 24, &o), CXM_OK);
	ck_assert_uint_eq(set->personas[1].n_demographics, 0);
	ck_assert_ptr_null(set->personas[1].demographics);
	ck_assert_ptr_null(set->personas[1].rfm_mix);
	/* persona 1: rows 2, 4, ..., 12 (values 2..12 even), mean 7; population 1..12, mean 6.5 */
	ck_assert(set->personas[0].demographics[0].n == 6);
	assert_rel(set->personas[0].demographics[0].mean, 7.0, 1e-15);
	assert_rel(set->personas[0].demographics[0].population_mean, 6.5, 1e-15);
	assert_rel(set->personas[2].demographics[0].mean, 6.0, 1e-15);
	/* population median of 1..12 (type 7): 6.5; sd = sqrt(13) */
	assert_rel(set->personas[0].demographics[0].population_median, 6.5, 1e-15);
	assert_rel(set->personas[0].demographics[0].population_sd, sqrt(13.0), 1e-15);
	cxm_persona_set_free(set);
}
END_TEST

/* Quartiles of 1..10 values (a persona of them, min_n 1) against numpy.percentile (linear). */
START_TEST(test_small_quantiles)
{
	static const double v[10] = { 5, 1, 4, 2, 3, 9, 7, 8, 7, 0.5 };
	/* numpy 1.24.2: np.percentile(v[:n], [25, 50, 75]) for n = 1..10 */
	static const double want[10][3] = {
		{ 5.0, 5.0, 5.0 }, { 2.0, 3.0, 4.0 }, { 2.5, 4.0, 4.5 }, { 1.75, 3.0, 4.25 }, { 2.0, 3.0, 4.0 },
		{ 2.25, 3.5, 4.75 }, { 2.5, 4.0, 6.0 }, { 2.75, 4.5, 7.25 }, { 3.0, 5.0, 7.0 }, { 2.25, 4.5, 7.0 },
	};
	cxm_persona_opts o = test_opts(1, 8);
	uint32_t seg[10] = { 0 };
	size_t n;
	for (n = 1; n <= 10; n++) {
		cxm_persona_set *set = make_set(1, NULL);
		cxm__pcol col;
		const cxm__attribute *a;
		memset(&col, 0, sizeof col);
		col.name = "v";
		col.x = v;
		ck_assert_status(cxm__persona_describe(set, &col, 1, seg, n, &o), CXM_OK);
		a = &set->personas[0].demographics[0];
		assert_abs(a->p25, want[n - 1][0], 1e-15);
		assert_abs(a->median, want[n - 1][1], 1e-15);
		assert_abs(a->p75, want[n - 1][2], 1e-15);
		assert_abs(a->population_median, want[n - 1][1], 1e-15);
		cxm_persona_set_free(set);
	}
}
END_TEST

/* A level that is exactly the segment, and a constant numeric attribute that differs between
 * segment and rest: infinite standardised differences, ranked first. */
START_TEST(test_separation)
{
	static const char *const lv[3] = { "x", "y", "z" };
	uint32_t seg[60], codes[60];
	double v[60];
	cxm__pcol cols[2];
	cxm_persona_opts o = test_opts(10, 8);
	cxm_persona_set *set = make_set(2, NULL);
	const cxm__identifier *d;
	size_t r;
	for (r = 0; r < 60; r++) {
		seg[r] = r < 20 ? 0 : 1;
		codes[r] = r < 20 ? 0 : 1 + (uint32_t)(r % 2);
		v[r] = r < 20 ? 5.0 : 7.0;
	}
	memset(cols, 0, sizeof cols);
	cols[0].name = "c";
	cols[0].codes = codes;
	cols[0].levels = lv;
	cols[0].n_levels = 3;
	cols[1].name = "v";
	cols[1].x = v;
	ck_assert_status(cxm__persona_describe(set, cols, 2, seg, 60, &o), CXM_OK);
	ck_assert_uint_eq(set->personas[0].n_identifiers, 2);
	d = &set->personas[0].identifiers[0];
	/* x: 100% of the segment, 20 / 60 of the population: lift 3, difference 200/3 points;
	   z = (1 - 0) / sqrt(1/3 2/3 (1/20 + 1/40)) = sqrt(60), p = 2 Phi(-sqrt(60)) */
	ck_assert_str_eq(d->attribute, "c");
	ck_assert_str_eq(d->value, "x");
	ck_assert(isinf(d->std_difference) && d->std_difference > 0);
	assert_rel(d->lift, 3.0, 1e-15);
	assert_rel(d->difference, 200.0 / 3.0, 1e-15);
	/* scipy 1.10.1: 2 * stats.norm.sf(np.sqrt(60)) */
	assert_rel(d->p_value, 9.485737571073745e-15, 1e-9);
	/* v: 5 against 7, both constant: "lower", p 0, std -infinity */
	d = &set->personas[0].identifiers[1];
	ck_assert_str_eq(d->attribute, "v");
	ck_assert_str_eq(d->value, "lower");
	ck_assert(isinf(d->std_difference) && d->std_difference < 0);
	ck_assert(d->p_value == 0.0);
	assert_rel(d->share, 5.0, 1e-15);
	assert_rel(d->population_share, 19.0 / 3.0, 1e-15);
	cxm_persona_set_free(set);
}
END_TEST

/* ---- privacy by hand ------------------------------------------------------------------------------------ */

START_TEST(test_withhold_hand)
{
	/* 3 and 4 are small (7 < 10): the smallest shown cell, 20, joins them: 27 withheld */
	cxm__cell a[4] = { { "a", 50, 50, 0, 0, 0 }, { "b", 3, 3, 0, 0, 0 }, { "c", 4, 4, 0, 0, 0 }, { "d", 20, 20, 0, 0, 0 } };
	cxm__cell b[3] = { { "a", 3, 0, 0, 0, 0 }, { "b", 15, 0, 0, 0, 0 }, { "c", 15, 0, 0, 0, 0 } };
	cxm__cell c[2] = { { "a", 10, 0, 0, 0, 0 }, { "b", 20, 0, 0, 0, 0 } };
	cxm__cell d[2] = { { "a", 12, 0, 0, 0, 0 }, { "b", 30, 0, 0, 0, 0 } };
	ck_assert(cxm__persona_withhold(a, 4, 10) == 27.0);
	ck_assert_int_eq(a[0].withheld, 0);
	ck_assert(a[0].count == 50);
	ck_assert_int_eq(a[1].withheld, CXM__WITHHELD_SMALL);
	ck_assert_int_eq(a[2].withheld, CXM__WITHHELD_SMALL);
	ck_assert_int_eq(a[3].withheld, CXM__WITHHELD_SECONDARY);
	ck_assert(isnan(a[1].count) && isnan(a[1].share) && isnan(a[3].count) && isnan(a[3].share));
	/* ties: the last of the smallest */
	ck_assert(cxm__persona_withhold(b, 3, 10) == 18.0);
	ck_assert_int_eq(b[1].withheld, 0);
	ck_assert_int_eq(b[2].withheld, CXM__WITHHELD_SECONDARY);
	/* nothing under min_n: nothing withheld (10 is not under 10) */
	ck_assert(cxm__persona_withhold(c, 2, 10) == 0.0);
	ck_assert_int_eq(c[0].withheld | c[1].withheld, 0);
	/* a cell already withheld (its population's) counts in the total: 12 alone is enough */
	d[0].withheld = CXM__WITHHELD_POPULATION;
	ck_assert(cxm__persona_withhold(d, 2, 10) == 12.0);
	ck_assert_int_eq(d[0].withheld, CXM__WITHHELD_POPULATION);
	ck_assert_int_eq(d[1].withheld, 0);
}
END_TEST

START_TEST(test_withhold_table_hand)
{
	/* levels a, b, c; 2 segments; min_n 10.
	 *   s0: a 30, b  4, c 20      population: a 55, b 16, c 36
	 *   s1: a 25, b 12, c 16
	 * s0 b (4) is small: level b is withheld in the population (SECONDARY) and so in
	 * both segments (POPULATION); s0's withheld cells hold 4 < 10: its smallest shown
	 * cell, c (20), joins (SECONDARY), which withholds level c in the population and in
	 * s1 too. s1 withholds 12 + 16, the population 16 + 36: stable. Level a stays. */
	static const double count[6] = { 30, 4, 20, 25, 12, 16 };
	static const double pop[3] = { 55, 16, 36 };
	static const unsigned char skip[3] = { 0, 0, 0 };
	static const int want[6] = { 0, CXM__WITHHELD_SMALL | CXM__WITHHELD_POPULATION,
				     CXM__WITHHELD_SECONDARY | CXM__WITHHELD_POPULATION, 0, CXM__WITHHELD_POPULATION,
				     CXM__WITHHELD_POPULATION };
	static const int want_pop[3] = { 0, CXM__WITHHELD_SECONDARY, CXM__WITHHELD_SECONDARY };
	int flags[6] = { 0 }, pf[3] = { 0 };
	size_t i;
	cxm__persona_withhold_table(flags, pf, count, pop, skip, 2, 3, 10);
	for (i = 0; i < 6; i++)
		ck_assert_msg(flags[i] == want[i], "cell %zu: %d, expected %d", i, flags[i], want[i]);
	for (i = 0; i < 3; i++)
		ck_assert_msg(pf[i] == want_pop[i], "level %zu: %d, expected %d", i, pf[i], want_pop[i]);
}
END_TEST

START_TEST(test_withhold_table_population)
{
	/* level c has 7 customers in the population: withheld there, and so in every segment
	 * (POPULATION); level b has small cells (7, 6): withheld in the population too
	 * (SECONDARY). Each segment's withheld cells then hold 10: nothing more. */
	static const double count[6] = { 40, 7, 3, 30, 6, 4 };
	static const double pop[3] = { 70, 13, 7 };
	static const unsigned char skip[3] = { 0, 0, 0 };
	int flags[6] = { 0 }, pf[3] = { 0 };
	cxm__persona_withhold_table(flags, pf, count, pop, skip, 2, 3, 10);
	ck_assert_int_eq(pf[0], 0);
	ck_assert_int_eq(pf[1], CXM__WITHHELD_SECONDARY);
	ck_assert_int_eq(pf[2], CXM__WITHHELD_SMALL);
	ck_assert_int_eq(flags[2], CXM__WITHHELD_POPULATION | CXM__WITHHELD_SMALL);
	ck_assert_int_eq(flags[5], CXM__WITHHELD_POPULATION | CXM__WITHHELD_SMALL);
	ck_assert_int_eq(flags[1], CXM__WITHHELD_POPULATION | CXM__WITHHELD_SMALL);
	ck_assert_int_eq(flags[0], 0);
	ck_assert_int_eq(flags[3], 0);
}
END_TEST

START_TEST(test_withhold_numeric_hand)
{
	/* n 40, 5, 30, 12 with min_n 10: 5 withheld; 5 < 10 -> the smallest shown, 12, joins */
	static const double n[4] = { 40, 5, 30, 12 };
	static const double m[3] = { 40, 0, 30 }; /* a segment without values: nothing to hide */
	unsigned char w[4] = { 0 }, v[3] = { 0 };
	cxm__persona_withhold_numeric(w, n, 4, 10);
	ck_assert(w[0] == 0 && w[1] == 1 && w[2] == 0 && w[3] == 1);
	cxm__persona_withhold_numeric(v, m, 3, 10);
	ck_assert(v[0] == 0 && v[1] == 1 && v[2] == 0);
}
END_TEST

/* ---- privacy: what a reader can derive ------------------------------------------------------------------ */

/* Row space of the equations the shown numbers give about the withheld cells. */
typedef struct {
	double a[64][64]; /* reduced rows */
	size_t piv[64], rank, u;
} space;

static void space_add(space *S, const double *row)
{
	double v[64];
	size_t r, j, p = SIZE_MAX;
	memcpy(v, row, S->u * sizeof *v);
	for (r = 0; r < S->rank; r++) {
		double f = v[S->piv[r]];
		if (f != 0.0)
			for (j = 0; j < S->u; j++)
				v[j] -= f * S->a[r][j];
	}
	for (j = 0; j < S->u; j++)
		if (fabs(v[j]) > 1e-9 && (p == SIZE_MAX || fabs(v[j]) > fabs(v[p])))
			p = j;
	if (p == SIZE_MAX)
		return;
	{
		double f = v[p];
		for (j = 0; j < S->u; j++)
			v[j] /= f;
	}
	for (r = 0; r < S->rank; r++) { /* keep the rows reduced on the new pivot */
		double f = S->a[r][p];
		if (f != 0.0)
			for (j = 0; j < S->u; j++)
				S->a[r][j] -= f * v[j];
	}
	memcpy(S->a[S->rank], v, S->u * sizeof *v);
	S->piv[S->rank++] = p;
}

static int space_has(const space *S, const double *row)
{
	double v[64];
	size_t r, j;
	memcpy(v, row, S->u * sizeof *v);
	for (r = 0; r < S->rank; r++) {
		double f = v[S->piv[r]];
		if (f != 0.0)
			for (j = 0; j < S->u; j++)
				v[j] -= f * S->a[r][j];
	}
	for (j = 0; j < S->u; j++)
		if (fabs(v[j]) > 1e-9)
			return 0;
	return 1;
}

/*
 * Withhold a k x L table and check: every line's withheld total is 0 or >= min_n, every
 * segment cell of a withheld population cell is withheld, and no sum of withheld cells
 * that the equations determine (rows: each segment's n, the population's; columns: each
 * level's population count when shown, else the column's sum equals its withheld
 * population cell) lies strictly between 0 and min_n. Subsets are enumerated when there
 * are at most `subsets` unknowns; single cells always. Returns the number of unknowns.
 */
static size_t check_table(const double *count, size_t k, size_t L, size_t min_n, size_t subsets)
{
	double pop[8] = { 0 }, val[64], row[64];
	unsigned char skip[8] = { 0 };
	int flags[64] = { 0 }, pf[8] = { 0 };
	size_t id[64], pid[8], u = 0, s, l, j;
	space *S = calloc(1, sizeof *S);
	ck_assert_ptr_nonnull(S);
	for (s = 0; s < k; s++)
		for (l = 0; l < L; l++)
			pop[l] += count[s * L + l];
	for (l = 0; l < L; l++)
		skip[l] = pop[l] == 0.0;
	cxm__persona_withhold_table(flags, pf, count, pop, skip, k, L, min_n);
	for (s = 0; s < k; s++)
		for (l = 0; l < L; l++) {
			id[s * L + l] = SIZE_MAX;
			if (skip[l])
				continue;
			if (pf[l])
				ck_assert_msg(flags[s * L + l] & CXM__WITHHELD_POPULATION, "cell %zu,%zu", s, l);
			if (count[s * L + l] < (double)min_n)
				ck_assert_msg(flags[s * L + l], "small cell %zu,%zu shown", s, l);
			if (flags[s * L + l]) {
				val[u] = count[s * L + l];
				id[s * L + l] = u++;
			}
		}
	for (l = 0; l < L; l++) {
		pid[l] = SIZE_MAX;
		if (!skip[l] && pf[l]) {
			val[u] = pop[l];
			pid[l] = u++;
		}
	}
	ck_assert(u <= 64);
	S->u = u;
	/* line totals */
	for (s = 0; s <= k; s++) {
		double w = 0;
		for (l = 0; l < L; l++)
			if (s < k ? id[s * L + l] != SIZE_MAX : pid[l] != SIZE_MAX)
				w += s < k ? count[s * L + l] : pop[l];
		ck_assert_msg(w == 0.0 || w >= (double)min_n, "row %zu withholds %g", s, w);
	}
	for (l = 0; l < L; l++) {
		double w = 0;
		if (skip[l] || pf[l])
			continue;
		for (s = 0; s < k; s++)
			if (id[s * L + l] != SIZE_MAX)
				w += count[s * L + l];
		ck_assert_msg(w == 0.0 || w >= (double)min_n, "level %zu withholds %g", l, w);
	}
	/* the equations */
	for (s = 0; s <= k; s++) {
		memset(row, 0, sizeof row);
		for (l = 0; l < L; l++) {
			size_t x = s < k ? id[s * L + l] : pid[l];
			if (x != SIZE_MAX)
				row[x] = 1.0;
		}
		space_add(S, row);
	}
	for (l = 0; l < L; l++) {
		memset(row, 0, sizeof row);
		for (s = 0; s < k; s++)
			if (id[s * L + l] != SIZE_MAX)
				row[id[s * L + l]] = 1.0;
		if (pid[l] != SIZE_MAX)
			row[pid[l]] = -1.0;
		space_add(S, row);
	}
	for (j = 0; j < u; j++) {
		memset(row, 0, sizeof row);
		row[j] = 1.0;
		if (val[j] > 0.0 && val[j] < (double)min_n)
			ck_assert_msg(!space_has(S, row), "a withheld cell of %g is determined", val[j]);
	}
	if (u <= subsets) {
		unsigned long m;
		for (m = 1; m < (1ul << u); m++) {
			double sum = 0;
			for (j = 0; j < u; j++) {
				row[j] = (m >> j) & 1 ? 1.0 : 0.0;
				sum += row[j] * val[j];
			}
			if (sum > 0.0 && sum < (double)min_n && space_has(S, row)) {
				size_t a, b; /* the counterexample: counts, * withheld */
				fprintf(stderr, "k %zu L %zu min_n %zu mask %lx\n", k, L, min_n, m);
				for (a = 0; a <= k; a++) {
					for (b = 0; b < L; b++)
						fprintf(stderr, " %3g%c", a < k ? count[a * L + b] : pop[b],
							(a < k ? flags[a * L + b] : pf[b]) ? '*' : ' ');
					fprintf(stderr, "\n");
				}
				ck_abort_msg("withheld cells (mask %lx) of %g in all are determined", m, sum);
			}
		}
	}
	free(S);
	return u;
}

START_TEST(test_withhold_exhaustive)
{
	/* every 2 x 3 table of counts in {0, 1, 4, 9, 12, 30} whose segments hold min_n or more */
	static const double v[6] = { 0, 1, 4, 9, 12, 30 };
	double t[6];
	size_t code, i, checked = 0;
	for (code = 0; code < 46656; code++) {
		size_t c = code;
		for (i = 0; i < 6; i++, c /= 6)
			t[i] = v[c % 6];
		if (t[0] + t[1] + t[2] < 10 || t[3] + t[4] + t[5] < 10)
			continue;
		check_table(t, 2, 3, 10, 12);
		checked++;
	}
	ck_assert_uint_gt(checked, 30000);
}
END_TEST

static uint64_t xs(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

START_TEST(test_withhold_random)
{
	uint64_t st = 0x9e3779b97f4a7c15ull;
	size_t it, big = 0;
	for (it = 0; it < 3000; it++) {
		size_t k = 2 + xs(&st) % 4, L = 2 + xs(&st) % 5, min_n = 2 + xs(&st) % 12, s, l;
		double t[64];
		for (s = 0; s < k; s++) {
			double tot;
			do {
				tot = 0;
				for (l = 0; l < L; l++) {
					uint64_t r = xs(&st) % 10;
					/* many small cells, some empty, some large */
					t[s * L + l] = r < 2 ? 0.0 : r < 6 ? (double)(xs(&st) % min_n) : (double)(xs(&st) % 60);
					tot += t[s * L + l];
				}
			} while (tot < (double)min_n);
		}
		big += check_table(t, k, L, min_n, 14) > 14;
	}
	ck_assert_uint_gt(big, 0); /* some tables too large for subsets: their cells were checked */
}
END_TEST

/* ---- privacy through describe ----------------------------------------------------------------------------- */

START_TEST(test_describe_privacy)
{
	cxm__pcol cols[4];
	cxm_persona_opts o = test_opts(10, 8);
	cxm_persona_set *set = make_set(REF_K, NULL);
	size_t s, i, j, l;
	ref_cols(cols);
	ck_assert_status(cxm__persona_describe(set, cols, 4, ref_seg, REF_N, &o), CXM_OK);
	for (j = 0; j < 2; j++) { /* city, gender */
		double wl[8] = { 0 };
		const char *names[8] = { 0 };
		size_t nl = 0;
		for (s = 0; s < REF_K; s++) {
			const cxm__attribute *a = &set->personas[s].demographics[j];
			double w = 0;
			for (i = 0; i < a->n_levels; i++) {
				const cxm__cell *c = &a->levels[i];
				if (c->withheld) {
					ck_assert(isnan(c->count) && isnan(c->share));
				} else {
					ck_assert(c->count >= 10);
					/* shares of the segment's non-missing values */
					assert_rel(c->share, 100.0 * c->count / a->n, 1e-15);
				}
				if (isnan(c->population_count))
					ck_assert(c->withheld & CXM__WITHHELD_POPULATION);
			}
			/* the withheld total is what the shown cells leave of n: 0 or >= min_n */
			for (i = 0; i < a->n_levels; i++)
				if (!a->levels[i].withheld)
					w += a->levels[i].count;
			ck_assert(a->withheld_count == a->n - w);
			ck_assert(a->withheld_count == 0 || a->withheld_count >= 10);
			/* per level, across personas */
			for (i = 0; i < a->n_levels; i++) {
				for (l = 0; l < nl && strcmp(names[l], a->levels[i].level); l++)
					;
				if (l == nl)
					names[nl++] = a->levels[i].level;
				if (a->levels[i].withheld && !isnan(a->levels[i].population_count)) {
					/* the shown population count less the shown segment cells */
					wl[l] += 1;
				}
			}
		}
		for (l = 0; l < nl; l++) {
			double shown = 0, popc = NAN;
			for (s = 0; s < REF_K; s++) {
				const cxm__cell *c = find_cell(&set->personas[s].demographics[j], names[l]);
				ck_assert_ptr_nonnull(c);
				popc = c->population_count;
				if (!c->withheld)
					shown += c->count;
			}
			if (!isnan(popc))
				ck_assert_msg(popc - shown == 0 || popc - shown >= 10, "level %s leaves %g", names[l],
					      popc - shown);
		}
	}
	/* identifiers only from shown cells, every one significant */
	for (s = 0; s < REF_K; s++) {
		const cxm__persona *p = &set->personas[s];
		for (i = 0; i < p->n_identifiers; i++) {
			const cxm__identifier *d = &p->identifiers[i];
			ck_assert(d->q_value <= 0.05);
			if (!d->numeric) {
				const cxm__cell *c = find_cell(&p->demographics[strcmp(d->attribute, "city") ? 1 : 0], d->value);
				ck_assert_ptr_nonnull(c);
				ck_assert_int_eq(c->withheld, 0);
			}
		}
	}
	cxm_persona_set_free(set);
}
END_TEST

START_TEST(test_describe_numeric_withheld)
{
	/* three personas of 20; persona 2 has 4 values, persona 1 has 12: 4 < 10 withheld, and
	 * 4 alone < 10 -> the smallest shown, persona 1 (12), too; persona 0 shown. */
	double x[60];
	uint32_t seg[60];
	cxm__pcol col;
	cxm_persona_opts o = test_opts(10, 8);
	cxm_persona_set *set = make_set(3, NULL);
	size_t r;
	for (r = 0; r < 60; r++) {
		seg[r] = (uint32_t)(r / 20);
		x[r] = (double)r;
		if ((r / 20 == 2 && r % 20 >= 4) || (r / 20 == 1 && r % 20 >= 12))
			x[r] = NAN;
	}
	memset(&col, 0, sizeof col);
	col.name = "spend";
	col.x = x;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 60, &o), CXM_OK);
	ck_assert_int_eq(set->personas[0].demographics[0].withheld, 0);
	ck_assert_int_eq(set->personas[1].demographics[0].withheld, 1);
	ck_assert_int_eq(set->personas[2].demographics[0].withheld, 1);
	ck_assert(set->personas[2].demographics[0].n == 4);
	ck_assert(set->personas[2].demographics[0].missing == 16);
	ck_assert(isnan(set->personas[1].demographics[0].mean) && isnan(set->personas[1].demographics[0].median));
	/* the population's statistics stay: 36 values 0..19, 20..31, 40..43: mean by hand */
	assert_rel(set->personas[1].demographics[0].population_mean, (190.0 + 306.0 + 166.0) / 36.0, 1e-15);
	assert_rel(set->personas[0].demographics[0].mean, 9.5, 1e-15);
	/* no identifier from a withheld persona */
	ck_assert_uint_eq(set->personas[1].n_identifiers, 0);
	ck_assert_uint_eq(set->personas[2].n_identifiers, 0);
	cxm_persona_set_free(set);
}
END_TEST

/* ---- errors --------------------------------------------------------------------------------------------- */

START_TEST(test_describe_errors)
{
	static const char *const lv[3] = { "a", "b", "" };
	uint32_t seg[4] = { 0, 1, 0, 1 }, codes[4] = { 0, 1, 2, 0 };
	double x[4] = { 1, 2, INFINITY, 4 };
	static const int sup[2] = { 0, 1 };
	cxm__pcol col, two[2];
	cxm_persona_set *set = make_set(2, NULL), *sset = make_set(2, sup);
	memset(&col, 0, sizeof col);
	col.name = "c";
	col.codes = codes;
	col.levels = lv;
	col.n_levels = 3;
	ck_assert_status(cxm__persona_describe(NULL, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__persona_describe(set, NULL, 1, seg, 4, NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm__persona_describe(set, &col, 1, NULL, 4, NULL), CXM_EBAD_ARG);
	/* a code out of range names the row (1-based) and the column */
	codes[2] = 3;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("row 3");
	assert_message_has("'c'");
	codes[2] = 2;
	/* a persona that is not there; a suppressed one */
	seg[3] = 2;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("row 4");
	seg[3] = 1;
	ck_assert_status(cxm__persona_describe(sset, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("row 2");
	assert_message_has("P2");
	/* an infinite value */
	col.codes = NULL;
	col.x = x;
	col.name = "spend";
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EOUT_OF_RANGE);
	assert_message_has("row 3");
	assert_message_has("'spend'");
	/* both or neither of numbers and codes */
	col.codes = codes;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("'spend'");
	col.x = NULL;
	col.codes = NULL;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	/* no levels; no name */
	col.codes = codes;
	col.levels = NULL;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	col.levels = lv;
	col.name = NULL;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("cols[0]");
	/* two RFM mixes */
	col.name = "r";
	col.role = "rfm_segment";
	two[0] = col;
	two[1] = col;
	two[1].name = "r2";
	ck_assert_status(cxm__persona_describe(set, two, 2, seg, 4, NULL), CXM_EBAD_ARG);
	assert_message_has("'r2'");
	/* an empty table is no error: nothing to describe */
	col.role = NULL;
	ck_assert_status(cxm__persona_describe(set, &col, 1, seg, 0, NULL), CXM_OK);
	cxm_persona_set_free(set);
	cxm_persona_set_free(sset);
}
END_TEST

START_TEST(test_describe_oom)
{
	cxm__pcol cols[4];
	cxm_persona_opts o = test_opts(5, 3);
	long k;
	int rc;
	ref_cols(cols);
	for (k = 0;; k++) {
		cxm_persona_set *set = make_set(REF_K, NULL);
		oom_arm(k);
		rc = cxm__persona_describe(set, cols, 4, ref_seg, REF_N, &o);
		oom_assert_no_leak(k);
		if (!oom_failed()) {
			oom_disarm();
			ck_assert_status(rc, CXM_OK);
			ck_assert_uint_gt(set->personas[1].n_identifiers, 0);
			cxm_persona_set_free(set);
			break;
		}
		oom_disarm();
		oom_assert_enomem(rc, k);
		cxm_persona_set_free(set);
	}
}
END_TEST

static Suite *persona_profile_suite(void)
{
	Suite *s = suite_create("persona_profile");
	TCase *tc = tcase_create("profile");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_t_distribution);
	tcase_add_test(tc, test_reference_values);
	tcase_add_test(tc, test_suppressed_and_outside);
	tcase_add_test(tc, test_small_quantiles);
	tcase_add_test(tc, test_threads_identical);
	tcase_add_test(tc, test_separation);
	tcase_add_test(tc, test_withhold_hand);
	tcase_add_test(tc, test_withhold_table_hand);
	tcase_add_test(tc, test_withhold_table_population);
	tcase_add_test(tc, test_withhold_numeric_hand);
	tcase_add_test(tc, test_withhold_exhaustive);
	tcase_add_test(tc, test_withhold_random);
	tcase_add_test(tc, test_describe_privacy);
	tcase_add_test(tc, test_describe_numeric_withheld);
	tcase_add_test(tc, test_describe_errors);
	tcase_add_test(tc, test_describe_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(persona_profile_suite)
