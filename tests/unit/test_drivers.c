/*
 * tests/unit/test_drivers.c - check suite for key drivers (spec §19):
 * cxm_drivers_fit against numpy (tests/unit/drivers_refs.h: least squares on
 * the rows for every subset's R², eigh for the relative weights), a case
 * worked by hand, the result table's schema, the bootstrap (seeded, the same
 * with 1 or 2 threads, no intervals with 0 replicates), every refusal with
 * its message, missing values per nan_policy, the options, out of memory.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "drivers_refs.h"

static const char *const all4[] = { "x1", "x2", "x3", "g" };

static cxm_table *ref_table(void)
{
	cxm_table *t = NULL;
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "y", ref_y, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x1", ref_x1, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x2", ref_x2, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x3", ref_x3, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "g", ref_g, REF_N), CXM_OK);
	return t;
}

static cxm_drivers_opts *opts(unsigned int B, uint64_t seed, unsigned int threads)
{
	cxm_drivers_opts *o = NULL;
	ck_assert_status(cxm_drivers_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_bootstrap(o, B), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_seed(o, seed), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_threads(o, threads), CXM_OK);
	return o;
}

static cxm_table *fit_table(const cxm_table *t, const char *const *drivers, size_t n, const cxm_drivers_opts *o)
{
	cxm_drivers_result *r = NULL;
	cxm_table *out = NULL;
	ck_assert_status(cxm_drivers_fit(&r, t, "y", drivers, n, o), CXM_OK);
	ck_assert_status(cxm_drivers_table(&out, r), CXM_OK);
	cxm_drivers_result_free(r);
	return out;
}

static const double *col(const cxm_table *t, const char *name)
{
	size_t c;
	ck_assert_status(cxm_table_column_index(&c, t, name), CXM_OK);
	return cxm_table_numbers(t, c);
}

static double attr(const cxm_table *t, const char *name)
{
	double x = NAN;
	ck_assert_status(cxm_table_get_attr_number(&x, t, name), CXM_OK);
	return x;
}

/* The numbers numpy gives (drivers_refs.py), to rounding. */
START_TEST(test_against_numpy)
{
	cxm_table *t = ref_table(), *out;
	cxm_drivers_opts *o = opts(0, 1, 1);
	cxm_drivers_result *r = NULL;
	const double *sh, *rw, *corr;
	double sum_sh = 0.0, sum_rw = 0.0;
	size_t j;
	ck_assert_status(cxm_drivers_fit(&r, t, "y", all4, 4, o), CXM_OK);
	assert_abs(cxm_drivers_r2(r), ref_r2, 1e-12);
	ck_assert_uint_eq(cxm_drivers_n(r), REF_N);
	ck_assert_status(cxm_drivers_table(&out, r), CXM_OK);
	sh = col(out, "shapley");
	rw = col(out, "relative_weight");
	corr = col(out, "correlation");
	for (j = 0; j < 4; j++) {
		assert_abs(sh[j], ref_shapley[j], 1e-12);
		assert_abs(rw[j], ref_rw[j], 1e-12);
		assert_abs(corr[j], ref_corr[j], 1e-12);
		sum_sh += sh[j];
		sum_rw += rw[j];
	}
	/* both decompositions share out R² */
	assert_abs(sum_sh, ref_r2, 1e-12);
	assert_abs(sum_rw, ref_r2, 1e-12);
	cxm_table_free(out);
	cxm_drivers_result_free(r);
	cxm_drivers_opts_free(o);
	cxm_table_free(t);
}
END_TEST

/* R² of a few subsets, fitted as models of their own. */
START_TEST(test_subsets)
{
	static const char *const s1[] = { "x1" }, *const s12[] = { "x1", "x2" }, *const s2g[] = { "x2", "g" };
	cxm_table *t = ref_table();
	cxm_drivers_result *r = NULL;
	ck_assert_status(cxm_drivers_fit(&r, t, "y", s1, 1, NULL), CXM_OK);
	assert_abs(cxm_drivers_r2(r), ref_r2_x1, 1e-12);
	cxm_drivers_result_free(r);
	ck_assert_status(cxm_drivers_fit(&r, t, "y", s12, 2, NULL), CXM_OK);
	assert_abs(cxm_drivers_r2(r), ref_r2_x1x2, 1e-12);
	cxm_drivers_result_free(r);
	ck_assert_status(cxm_drivers_fit(&r, t, "y", s2g, 2, NULL), CXM_OK);
	assert_abs(cxm_drivers_r2(r), ref_r2_x2g, 1e-12);
	cxm_drivers_result_free(r);
	cxm_table_free(t);
}
END_TEST

/* By hand: x1 and x2 orthogonal (+-1 columns), y = x1 + 2 x2: R² = 1,
 * r(x1, y)² = 1/5, r(x2, y)² = 4/5; uncorrelated drivers keep their r² in
 * both decompositions. */
START_TEST(test_hand_worked)
{
	static const double x1[] = { 1, -1, 1, -1, 1, -1, 1, -1 }, x2[] = { 1, 1, -1, -1, 1, 1, -1, -1 };
	static const char *const d[] = { "x1", "x2" };
	double y[8];
	cxm_table *t = NULL, *out;
	size_t i;
	for (i = 0; i < 8; i++)
		y[i] = x1[i] + 2 * x2[i];
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "y", y, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x1", x1, 8), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x2", x2, 8), CXM_OK);
	out = fit_table(t, d, 2, NULL);
	assert_abs(attr(out, "r2"), 1.0, 1e-14);
	assert_abs(col(out, "shapley")[0], 0.2, 1e-14);
	assert_abs(col(out, "shapley")[1], 0.8, 1e-14);
	assert_abs(col(out, "relative_weight")[0], 0.2, 1e-14);
	assert_abs(col(out, "relative_weight")[1], 0.8, 1e-14);
	assert_abs(col(out, "correlation")[0], sqrt(0.2), 1e-14);
	assert_abs(col(out, "shapley_share")[1], 80.0, 1e-12);
	cxm_table_free(out);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_table_schema)
{
	static const char *const names[] = { "driver", "kind", "correlation", "relative_weight", "rw_lower", "rw_upper",
					     "rw_share", "shapley", "shapley_lower", "shapley_upper", "shapley_share" };
	cxm_table *t = ref_table(), *out;
	cxm_drivers_opts *o = opts(50, 3, 1);
	const char *const *txt;
	const char *s;
	size_t c, j;
	out = fit_table(t, all4, 4, o);
	ck_assert_uint_eq(cxm_table_column_count(out), 11);
	for (c = 0; c < 11; c++)
		ck_assert_str_eq(cxm_table_column_name(out, c), names[c]);
	ck_assert_uint_eq(cxm_table_rows(out), 4);
	txt = cxm_table_texts(out, 0);
	for (j = 0; j < 4; j++)
		ck_assert_str_eq(txt[j], all4[j]);
	txt = cxm_table_texts(out, 1);
	ck_assert_str_eq(txt[0], "numeric");
	ck_assert_str_eq(txt[3], "categorical");
	for (j = 0; j < 4; j++) {
		assert_abs(col(out, "rw_share")[j], 100.0 * ref_rw[j] / ref_r2, 1e-10);
		assert_abs(col(out, "shapley_share")[j], 100.0 * ref_shapley[j] / ref_r2, 1e-10);
	}
	ck_assert_str_eq(cxm_table_row_name(out), "drivers");
	ck_assert_status(cxm_table_get_attr_text(&s, out, "outcome"), CXM_OK);
	ck_assert_str_eq(s, "y");
	ck_assert_status(cxm_table_get_attr_text(&s, out, "nan_policy"), CXM_OK);
	ck_assert_str_eq(s, "error");
	assert_abs(attr(out, "r2"), ref_r2, 1e-12);
	ck_assert(attr(out, "n") == REF_N && attr(out, "rows") == REF_N && attr(out, "rows_dropped") == 0);
	ck_assert(attr(out, "bootstrap") == 50 && attr(out, "seed") == 3 && attr(out, "conf") == 0.95);
	cxm_table_free(out);
	cxm_drivers_opts_free(o);
	cxm_table_free(t);
}
END_TEST

static int same_numbers(const cxm_table *a, const cxm_table *b)
{
	size_t c, i;
	for (c = 2; c < cxm_table_column_count(a); c++) {
		const double *x = cxm_table_numbers(a, c), *y = cxm_table_numbers(b, c);
		for (i = 0; i < cxm_table_rows(a); i++)
			if (memcmp(&x[i], &y[i], sizeof x[i]) != 0)
				return 0;
	}
	return 1;
}

START_TEST(test_bootstrap)
{
	cxm_table *t = ref_table(), *a, *b, *c, *d;
	cxm_drivers_opts *o1 = opts(120, 7, 1), *o2 = opts(120, 7, 2), *o3 = opts(120, 8, 2);
	size_t j;
	a = fit_table(t, all4, 4, o1);
	b = fit_table(t, all4, 4, o2);
	c = fit_table(t, all4, 4, o1);
	d = fit_table(t, all4, 4, o3);
	/* the same seed: the same bytes, on 1 or 2 threads */
	ck_assert(same_numbers(a, b));
	ck_assert(same_numbers(a, c));
	/* another seed: other intervals */
	ck_assert(!same_numbers(a, d));
	for (j = 0; j < 4; j++) {
		ck_assert(col(a, "rw_lower")[j] <= col(a, "relative_weight")[j]);
		ck_assert(col(a, "relative_weight")[j] <= col(a, "rw_upper")[j]);
		ck_assert(col(a, "shapley_lower")[j] <= col(a, "shapley")[j]);
		ck_assert(col(a, "shapley")[j] <= col(a, "shapley_upper")[j]);
		ck_assert(col(a, "shapley_lower")[j] >= 0.0);
	}
	cxm_table_free(a);
	cxm_table_free(b);
	cxm_table_free(c);
	cxm_table_free(d);
	cxm_drivers_opts_free(o1);
	cxm_drivers_opts_free(o2);
	cxm_drivers_opts_free(o3);
	/* no replicates: no intervals */
	o1 = opts(0, 1, 0);
	a = fit_table(t, all4, 4, o1);
	for (j = 0; j < 4; j++)
		ck_assert(isnan(col(a, "rw_lower")[j]) && isnan(col(a, "shapley_upper")[j]));
	assert_abs(col(a, "shapley")[0], ref_shapley[0], 1e-12);
	cxm_table_free(a);
	cxm_drivers_opts_free(o1);
	cxm_table_free(t);
}
END_TEST

/* A level of 2 rows in 40 is missing from about 1 resample in 8: such a
 * resample has no model and is drawn again, counted, the same on any thread count. */
START_TEST(test_bootstrap_redraws)
{
	static const char *const d[] = { "x1", "g" };
	const char *g[REF_N];
	cxm_table *t = NULL, *a, *b;
	cxm_drivers_opts *o1 = opts(100, 4, 1), *o2 = opts(100, 4, 2);
	size_t i;
	for (i = 0; i < REF_N; i++)
		g[i] = i == 3 || i == 17 ? "rare" : ref_g[i];
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "y", ref_y, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x1", ref_x1, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "g", g, REF_N), CXM_OK);
	a = fit_table(t, d, 2, o1);
	b = fit_table(t, d, 2, o2);
	ck_assert(attr(a, "bootstrap_redrawn") > 0);
	ck_assert(attr(a, "bootstrap_redrawn") == attr(b, "bootstrap_redrawn"));
	ck_assert(same_numbers(a, b));
	for (i = 0; i < 2; i++)
		ck_assert(col(a, "shapley_lower")[i] <= col(a, "shapley")[i] &&
			  col(a, "shapley")[i] <= col(a, "shapley_upper")[i]);
	cxm_table_free(a);
	cxm_table_free(b);
	cxm_table_free(t);
	cxm_drivers_opts_free(o1);
	cxm_drivers_opts_free(o2);
}
END_TEST

/* Missing values: refused under error (naming column and row), left out and
 * counted under omit, with the numbers of the table without those rows. */
START_TEST(test_missing)
{
	double y[REF_N], x3[REF_N];
	const char *g[REF_N];
	cxm_table *t = NULL, *u = NULL, *a, *b;
	cxm_drivers_opts *o = opts(0, 1, 1);
	cxm_drivers_result *r = NULL;
	size_t i, k = 0;
	double y2[REF_N], x12[REF_N], x22[REF_N], x32[REF_N];
	const char *g2[REF_N];
	memcpy(y, ref_y, sizeof y);
	memcpy(x3, ref_x3, sizeof x3);
	memcpy(g, ref_g, sizeof g);
	y[4] = NAN;
	x3[10] = NAN;
	g[20] = "";
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "y", y, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x1", ref_x1, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x2", ref_x2, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "x3", x3, REF_N), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "g", g, REF_N), CXM_OK);
	ck_assert_status(cxm_drivers_fit(&r, t, "y", all4, 4, NULL), CXM_ENAN);
	ck_assert_ptr_null(r);
	assert_message_has("column 'y', row 5");
	ck_assert_status(cxm_drivers_opts_set_nan_policy(o, CXM_NAN_OMIT), CXM_OK);
	a = fit_table(t, all4, 4, o);
	ck_assert(attr(a, "rows_dropped") == 3 && attr(a, "n") == REF_N - 3 && attr(a, "rows") == REF_N);
	for (i = 0; i < REF_N; i++) {
		if (i == 4 || i == 10 || i == 20)
			continue;
		y2[k] = ref_y[i];
		x12[k] = ref_x1[i];
		x22[k] = ref_x2[i];
		x32[k] = ref_x3[i];
		g2[k++] = ref_g[i];
	}
	ck_assert_status(cxm_table_new(&u), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(u, "y", y2, k), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(u, "x1", x12, k), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(u, "x2", x22, k), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(u, "x3", x32, k), CXM_OK);
	ck_assert_status(cxm_table_add_texts(u, "g", g2, k), CXM_OK);
	b = fit_table(u, all4, 4, o);
	ck_assert(same_numbers(a, b));
	cxm_table_free(a);
	cxm_table_free(b);
	cxm_table_free(u);
	cxm_table_free(t);
	cxm_drivers_opts_free(o);
}
END_TEST

/* Every refusal, with what its message names. */
START_TEST(test_refusals)
{
	static const double c[] = { 3, 3, 3, 3, 3, 3 }, a[] = { 1, 2, 3, 4, 5, 7 }, b[] = { 2, 1, 4, 3, 6, 5 };
	double s[6], inf[6];
	const char *lv[6] = { "p", "q", "p", "q", "p", "q" }, *one[6] = { "p", "p", "p", "p", "p", "p" };
	const char *big[16];
	char nm[16][8];
	cxm_table *t = NULL;
	cxm_drivers_result *r = NULL;
	size_t i, j;
	for (i = 0; i < 6; i++) {
		s[i] = a[i] + 2 * b[i];
		inf[i] = i == 3 ? INFINITY : a[i];
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "y", b, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "a", a, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "b", b, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "c", c, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "s", s, 6), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "inf", inf, 6), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "lv", lv, 6), CXM_OK);
	ck_assert_status(cxm_table_add_texts(t, "one", one, 6), CXM_OK);
	ck_assert_status(cxm_table_add_days(t, "day", a, 6), CXM_OK);
	{
		const char *d[] = { "a" };
		ck_assert_status(cxm_drivers_fit(&r, t, "nope", d, 1, NULL), CXM_EBAD_ARG);
		assert_message_has("outcome: no column 'nope'");
		assert_message_has("its columns are: y, a, b, c, s, inf, lv, one, day");
		ck_assert_status(cxm_drivers_fit(&r, t, "lv", d, 1, NULL), CXM_EBAD_ARG);
		assert_message_has("column 'lv' of the table has type text; it must be number");
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 0, NULL), CXM_EBAD_ARG);
		assert_message_has("no drivers");
		ck_assert_status(cxm_drivers_fit(NULL, t, "y", d, 1, NULL), CXM_EBAD_ARG);
		ck_assert_status(cxm_drivers_fit(&r, NULL, "y", d, 1, NULL), CXM_EBAD_ARG);
	}
	{
		const char *d[] = { "a", "zz" };
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 2, NULL), CXM_EBAD_ARG);
		assert_message_has("drivers[1]: no column 'zz'");
	}
	{
		const char *d[] = { "a", "day" };
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 2, NULL), CXM_EBAD_ARG);
		assert_message_has("column 'day' of the table has type day");
	}
	{
		const char *d[] = { "a", "c" };
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 2, NULL), CXM_EBAD_ARG);
		assert_message_has("driver 'c' is constant (every value is 3): R_xx is singular");
	}
	{
		const char *d[] = { "one" };
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 1, NULL), CXM_EBAD_ARG);
		assert_message_has("driver 'one' is constant (every value is 'p')");
	}
	{
		const char *d[] = { "c" };
		ck_assert_status(cxm_drivers_fit(&r, t, "c", d, 1, NULL), CXM_EBAD_ARG);
		assert_message_has("driver 'c' is the outcome too");
		ck_assert_status(cxm_drivers_fit(&r, t, "c", (const char *[]){ "a" }, 1, NULL), CXM_EBAD_ARG);
		assert_message_has("the outcome 'c' is constant");
	}
	{
		const char *d[] = { "a", "b", "s" };
		ck_assert_status(cxm_drivers_fit(&r, t, "inf", (const char *[]){ "lv" }, 1, NULL), CXM_EOUT_OF_RANGE);
		assert_message_has("column 'inf', row 4");
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 3, NULL), CXM_EBAD_ARG);
		assert_message_has("drivers 'a', 'b' and 's' are perfectly collinear");
	}
	{
		const char *d[] = { "a", "a" };
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 2, NULL), CXM_EBAD_ARG);
		assert_message_has("driver 'a' is given twice");
	}
	{
		const char *d[] = { "a", "b", "lv" };
		/* 6 rows, 3 design columns: fits (3 + 2 <= 6); 4 columns would not */
		cxm_table *u = NULL;
		ck_assert_status(cxm_drivers_fit(&r, t, "y", d, 3, NULL), CXM_OK);
		assert_abs(cxm_drivers_r2(r), 1.0, 1e-12); /* y is b */
		cxm_drivers_result_free(r);
		r = NULL;
		ck_assert_status(cxm_table_new(&u), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(u, "y", a, 4), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(u, "a", b, 4), CXM_OK);
		ck_assert_status(cxm_table_add_numbers(u, "b", s, 4), CXM_OK);
		ck_assert_status(cxm_table_add_texts(u, "lv", lv, 4), CXM_OK);
		ck_assert_status(cxm_drivers_fit(&r, u, "y", d, 3, NULL), CXM_ETOO_FEW);
		assert_message_has("4 rows (of 4, 0 left out for a missing value) for 3 design columns");
		cxm_table_free(u);
	}
	for (j = 0; j < 16; j++) {
		snprintf(nm[j], sizeof nm[j], "m%zu", j);
		big[j] = nm[j];
	}
	ck_assert_status(cxm_drivers_fit(&r, t, "y", big, 16, NULL), CXM_EBAD_ARG);
	assert_message_has("16 drivers: at most 15");
	ck_assert_ptr_null(r);
	cxm_table_free(t);
}
END_TEST

START_TEST(test_opts)
{
	cxm_drivers_opts *o = NULL;
	ck_assert_status(cxm_drivers_opts_new(NULL), CXM_EBAD_ARG);
	ck_assert_status(cxm_drivers_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_bootstrap(o, CXM_DRIVERS_MAX_REPLICATES + 1), CXM_EBAD_ARG);
	assert_message_has("bootstrap is 100001 replicates");
	ck_assert_status(cxm_drivers_opts_set_conf(o, 1.0), CXM_EBAD_ARG);
	ck_assert_status(cxm_drivers_opts_set_conf(o, NAN), CXM_EBAD_ARG);
	ck_assert_status(cxm_drivers_opts_set_conf(o, 0.9), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_nan_policy(o, 7), CXM_EBAD_ARG);
	assert_message_has("omit");
	ck_assert_status(cxm_drivers_opts_set_threads(o, 1025), CXM_EBAD_ARG);
	ck_assert_status(cxm_drivers_opts_set_seed(NULL, 1), CXM_EBAD_ARG);
	ck_assert(isnan(cxm_drivers_r2(NULL)));
	ck_assert_uint_eq(cxm_drivers_n(NULL), 0);
	ck_assert_status(cxm_drivers_table(NULL, NULL), CXM_EBAD_ARG);
	cxm_drivers_result_free(NULL);
	cxm_drivers_opts_free(o);
	cxm_drivers_opts_free(NULL);
}
END_TEST

START_TEST(test_oom)
{
	cxm_table *t = ref_table();
	cxm_drivers_opts *o = opts(20, 1, 2);
	long k;
	int rc;
	for (k = 0;; k++) {
		cxm_drivers_result *r = NULL;
		cxm_table *out = NULL;
		oom_arm(k);
		rc = cxm_drivers_fit(&r, t, "y", all4, 4, o);
		if (rc == CXM_OK)
			rc = cxm_drivers_table(&out, r);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			cxm_table_free(out);
			cxm_drivers_result_free(r);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		cxm_drivers_result_free(r);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	cxm_drivers_opts_free(o);
	cxm_table_free(t);
}
END_TEST

static Suite *drivers_suite(void)
{
	Suite *s = suite_create("drivers");
	TCase *tc = tcase_create("drivers");
	tcase_add_test(tc, test_against_numpy);
	tcase_add_test(tc, test_subsets);
	tcase_add_test(tc, test_hand_worked);
	tcase_add_test(tc, test_table_schema);
	tcase_add_test(tc, test_bootstrap);
	tcase_add_test(tc, test_bootstrap_redraws);
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_opts);
	suite_add_tcase(s, tc);
	tc = tcase_create("oom");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(drivers_suite)
