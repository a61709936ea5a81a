/*
 * lib/persona/build.c - cxm_persona_build (spec §15.1, §15.2): the roles of
 * the columns, the segments (the caller's column, in the order of their
 * first rows, or automatic ones), one persona per segment with its size,
 * identity (median age and band, modal gender / location / country /
 * career from the demographics, a seeded name), demographics and
 * identifiers (profile.c), behaviour (behaviour.c), goals / problems /
 * solutions (rules.c, problems.c), quotes (quotes.c) and the provenance.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"
#include "names.h"
#include "buf.h"
#include "fsum.h"
#include "io/io_internal.h"
#include "build_internal.h"

const char *cxm__persona_age_band(double age)
{
	if (isnan(age))
		return NULL;
	if (age < 18.0)
		return "<18";
	if (age < 25.0)
		return "18-24";
	if (age < 35.0)
		return "25-34";
	if (age < 45.0)
		return "35-44";
	if (age < 55.0)
		return "45-54";
	if (age < 65.0)
		return "55-64";
	return "65+";
}

/* The current UTC year. */
static int current_year(void)
{
	char buf[CXM__DATE_MAX];
	double day = floor((double)time(NULL) / 86400.0);
	cxm__date_format(buf, day);
	return atoi(buf);
}

/* ---- customer ids ------------------------------------------------------------------------------ */

typedef struct id_row {
	double id;
	size_t row;
} id_row;

static int cmp_id_row(const void *a, const void *b)
{
	const id_row *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* No customer id twice: INCONSISTENT naming both rows; a NaN id: NAN. */
static int check_ids(const cxm_table *t, size_t col)
{
	size_t rows = cxm_table_rows(t), i;
	const char *name = cxm_table_column_name(t, col);
	int type, rc = CXM_OK;
	cxm_table_column_type(&type, t, col);
	if (type == CXM_TABLE_TEXT) {
		size_t levels = cxm_table_level_count(t, col), *first;
		uint32_t *codes;
		if (levels == rows)
			return CXM_OK;
		if ((rc = cxm__alloc_array(&codes, rows, sizeof *codes, "the customer ids")) < 0)
			return rc;
		if ((rc = cxm__alloc_array(&first, levels, sizeof *first, "the customer ids")) < 0) {
			cxm__free(codes);
			return rc;
		}
		cxm_table_copy_codes(codes, rows, t, col);
		for (i = 0; i < levels; i++)
			first[i] = SIZE_MAX;
		for (i = 0; i < rows; i++) {
			if (first[codes[i]] != SIZE_MAX) {
				char q[CXM__QUOTE_MAX + 4];
				const char *id = cxm_table_level(t, col, codes[i]);
				cxm__quote_text(q, sizeof q, id, strlen(id));
				rc = cxm__fail(CXM_EINCONSISTENT, "customer \"%s\" (column \"%s\") is on rows %zu and %zu; "
					       "one row per customer", q, name, first[codes[i]] + 1, i + 1);
				break;
			}
			first[codes[i]] = i;
		}
		cxm__free(codes);
		cxm__free(first);
		return rc;
	} else {
		const double *x = cxm_table_numbers(t, col);
		id_row *v;
		for (i = 0; i < rows; i++)
			if (isnan(x[i]))
				return cxm__fail(CXM_ENAN, "row %zu, column \"%s\": the customer id is NaN", i + 1, name);
		if ((rc = cxm__alloc_array(&v, rows, sizeof *v, "the customer ids")) < 0)
			return rc;
		for (i = 0; i < rows; i++)
			v[i] = (id_row){ x[i], i };
		qsort(v, rows, sizeof *v, cmp_id_row);
		for (i = 1; i < rows; i++)
			if (v[i].id == v[i - 1].id) {
				rc = cxm__fail(CXM_EINCONSISTENT, "customer %.17g (column \"%s\") is on rows %zu and %zu; "
					       "one row per customer", v[i].id, name, v[i - 1].row + 1, v[i].row + 1);
				break;
			}
		cxm__free(v);
		return rc;
	}
}

/* ---- segments ---------------------------------------------------------------------------------- */

/*
 * Renumber labels (any uint32 values) in the order of their first rows:
 * lab[row] becomes 0 .. *k - 1; first[s] is the first row of segment s.
 */
static int renumber(uint32_t *lab, size_t rows, size_t n_values, size_t *k, size_t **first)
{
	uint32_t *map;
	size_t i, m = 0;
	int rc;
	if ((rc = cxm__alloc_array(&map, n_values ? n_values : 1, sizeof *map, "the segments")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(first, n_values ? n_values : 1, sizeof **first, "the segments")) < 0) {
		cxm__free(map);
		return rc;
	}
	for (i = 0; i < n_values; i++)
		map[i] = UINT32_MAX;
	for (i = 0; i < rows; i++) {
		if (map[lab[i]] == UINT32_MAX) {
			(*first)[m] = i;
			map[lab[i]] = (uint32_t)m++;
		}
		lab[i] = map[lab[i]];
	}
	*k = m;
	cxm__free(map);
	return CXM_OK;
}

/* A segment column's labels as values 0 .. n_values - 1 (TEXT: its codes; NUMBER: ranks of distinct values). */
static int column_labels(uint32_t *lab, size_t *n_values, const cxm_table *t, size_t col)
{
	size_t rows = cxm_table_rows(t), i, m;
	const char *name = cxm_table_column_name(t, col);
	const double *x;
	id_row *v;
	int type, rc;
	cxm_table_column_type(&type, t, col);
	if (type == CXM_TABLE_TEXT) {
		cxm_table_copy_codes(lab, rows, t, col);
		for (i = 0; i < rows; i++)
			if (cxm_table_level(t, col, lab[i])[0] == '\0')
				return cxm__fail(CXM_ENAN, "row %zu, column \"%s\": the customer has no segment (\"\")", i + 1,
						 name);
		*n_values = cxm_table_level_count(t, col);
		return CXM_OK;
	}
	x = cxm_table_numbers(t, col);
	for (i = 0; i < rows; i++)
		if (isnan(x[i]))
			return cxm__fail(CXM_ENAN, "row %zu, column \"%s\": the customer has no segment (NaN)", i + 1, name);
	if ((rc = cxm__alloc_array(&v, rows, sizeof *v, "the segments")) < 0)
		return rc;
	for (i = 0; i < rows; i++)
		v[i] = (id_row){ x[i], i };
	qsort(v, rows, sizeof *v, cmp_id_row);
	for (i = 0, m = 0; i < rows; i++) {
		if (i > 0 && v[i].id != v[i - 1].id)
			m++;
		lab[v[i].row] = (uint32_t)m;
	}
	*n_values = m + 1;
	cxm__free(v);
	return CXM_OK;
}

/* ---- identity ---------------------------------------------------------------------------------- */

/* The modal value of a role's column from the persona's demographics (spec §15.2). */
static int modal_from(cxm_persona_set *set, cxm__modal *out, const cxm__persona *p, const char *column)
{
	size_t a, l;
	out->attribute = NULL;
	out->value = NULL;
	out->share = NAN;
	out->withheld = 0;
	if (!column)
		return CXM_OK;
	if ((out->attribute = cxm__persona_strdup(set, column)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for a persona's identity");
	for (a = 0; a < p->n_demographics; a++) {
		const cxm__attribute *at = &p->demographics[a];
		if (strcmp(at->name, column) != 0 || !at->categorical)
			continue;
		if (at->withheld) {
			out->withheld = 1;
			return CXM_OK;
		}
		for (l = 0; l < at->n_levels; l++) {
			const cxm__cell *c = &at->levels[l];
			if (c->level == NULL || c->level[0] == '\0')
				continue;
			if (c->withheld) {
				out->withheld = 1;
				return CXM_OK;
			}
			if ((out->value = cxm__persona_strdup(set, c->level)) == NULL)
				return cxm__fail(CXM_ENOMEM, "out of memory for a persona's identity");
			out->share = c->share;
			return CXM_OK;
		}
		return CXM_OK;
	}
	return CXM_OK;
}

/* Median age of the rows[0..m) (AGE, else reference_year - BIRTH_YEAR); NaN under min_n ages. */
static int median_age(double *out, const cxm_table *t, const cxm__roles *r, int year, const size_t *rows, size_t m,
		      size_t min_n)
{
	size_t i, n = 0, c = r->col[CXM_PERSONA_ROLE_AGE];
	int by = 0, rc;
	const double *x;
	double *v;
	*out = NAN;
	if (c == SIZE_MAX) {
		c = r->col[CXM_PERSONA_ROLE_BIRTH_YEAR];
		by = 1;
	}
	if (c == SIZE_MAX)
		return CXM_OK;
	x = cxm_table_numbers(t, c);
	for (i = 0; i < m; i++)
		n += !isnan(x[rows[i]]);
	if (n < min_n || n == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&v, n, sizeof *v, "the ages")) < 0)
		return rc;
	for (i = 0, n = 0; i < m; i++)
		if (!isnan(x[rows[i]]))
			v[n++] = by ? (double)year - x[rows[i]] : x[rows[i]];
	rc = cxm_quantile7(out, v, n, 0.5, CXM_NAN_ERROR);
	cxm__free(v);
	return rc;
}

/* The name of persona p: drawn with stream p, redrawn with stream p + k j while an earlier persona has it. */
static int draw_name(cxm_persona_set *set, size_t p, const cxm_persona_names *names, int year,
		     const cxm_persona_opts *opts)
{
	cxm__persona *ps = &set->personas[p];
	char name[256], key[256];
	double birth = isnan(ps->age) ? NAN : (double)year - ps->age;
	uint64_t k = set->n_personas, j;
	int rc;
	for (j = 0; j <= 64; j++) {
		size_t q;
		int used = 0;
		if ((rc = cxm_persona_names_draw(name, sizeof name, key, sizeof key, names, ps->gender.value, birth,
						 ps->country.value, opts->seed, (uint64_t)p + k * j)) < 0)
			return rc;
		for (q = 0; q < p && !used; q++)
			used = set->personas[q].name && strcmp(set->personas[q].name, name) == 0;
		if (!used)
			break;
	}
	if ((ps->name = cxm__persona_strdup(set, name)) == NULL || (ps->name_key = cxm__persona_strdup(set, key)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for a persona's name");
	return CXM_OK;
}

/* ---- quotes ------------------------------------------------------------------------------------ */

typedef struct ranked {
	double d;
	size_t row;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* What the distance of a row to a segment's profile needs of one attribute. */
typedef struct profile_col {
	double pop_mean, pop_sd; /* numeric: over the population (sd with n); sd 0 or NaN: left out */
} profile_col;

/*
 * The quotes of persona p (spec §15.6): its rows ranked by their distance
 * to the segment's profile, sum over numeric attributes of
 * ((x - segment mean) / population sd)^2 plus 1 per categorical attribute
 * whose level is not the segment's mode, a missing value adding 1; ties by
 * row; then quotes.c picks.
 */
static int quotes_of(cxm_persona_set *set, size_t p, const cxm__pcol *cols, size_t n_cols, const profile_col *pc,
		     const size_t *rows, size_t m, const char *const *comments, const cxm_persona_opts *opts)
{
	ranked *rk = NULL;
	double *seg_mean = NULL, *dist = NULL;
	uint32_t *mode = NULL;
	size_t *counts = NULL, *order = NULL, i, j, max_levels = 1;
	int rc;
	for (j = 0; j < n_cols; j++)
		if (cols[j].codes && cols[j].n_levels > max_levels)
			max_levels = cols[j].n_levels;
	if ((rc = cxm__alloc_array(&rk, m ? m : 1, sizeof *rk, "the quotes' ranking")) < 0 ||
	    (rc = cxm__alloc_array(&seg_mean, n_cols ? n_cols : 1, sizeof *seg_mean, "the segment's profile")) < 0 ||
	    (rc = cxm__alloc_array(&mode, n_cols ? n_cols : 1, sizeof *mode, "the segment's profile")) < 0 ||
	    (rc = cxm__alloc_array(&counts, max_levels, sizeof *counts, "the segment's profile")) < 0 ||
	    (rc = cxm__alloc_array(&order, m ? m : 1, sizeof *order, "the quotes' ranking")) < 0 ||
	    (rc = cxm__alloc_array(&dist, m ? m : 1, sizeof *dist, "the quotes' ranking")) < 0)
		goto done;
	for (j = 0; j < n_cols; j++) {
		if (cols[j].x) {
			cxm__fsum s;
			double n = 0;
			cxm__fsum_init(&s);
			for (i = 0; i < m; i++)
				if (!isnan(cols[j].x[rows[i]])) {
					cxm__fsum_add(&s, cols[j].x[rows[i]]);
					n++;
				}
			seg_mean[j] = n > 0 ? cxm__fsum_round(&s) / n : NAN;
		} else {
			size_t best = SIZE_MAX;
			memset(counts, 0, cols[j].n_levels * sizeof *counts);
			for (i = 0; i < m; i++)
				counts[cols[j].codes[rows[i]]]++;
			for (i = 0; i < cols[j].n_levels; i++)
				if (cols[j].levels[i][0] != '\0' && counts[i] > 0 && (best == SIZE_MAX || counts[i] > counts[best]))
					best = i;
			mode[j] = best == SIZE_MAX ? UINT32_MAX : (uint32_t)best;
		}
	}
	for (i = 0; i < m; i++) {
		cxm__fsum s;
		size_t row = rows[i];
		cxm__fsum_init(&s);
		for (j = 0; j < n_cols; j++) {
			if (cols[j].x) {
				double v = cols[j].x[row];
				if (!(pc[j].pop_sd > 0.0) || isnan(seg_mean[j]))
					continue;
				if (isnan(v)) {
					cxm__fsum_add(&s, 1.0);
				} else {
					double z = (v - seg_mean[j]) / pc[j].pop_sd;
					cxm__fsum_add(&s, z * z);
				}
			} else if (mode[j] != UINT32_MAX) {
				uint32_t c = cols[j].codes[row];
				if (c != mode[j])
					cxm__fsum_add(&s, 1.0); /* another level, or missing */
			}
		}
		rk[i].d = cxm__fsum_round(&s);
		rk[i].row = row;
	}
	qsort(rk, m, sizeof *rk, cmp_ranked);
	for (i = 0; i < m; i++) {
		order[i] = rk[i].row;
		dist[i] = rk[i].d;
	}
	rc = cxm__persona_pick_quotes(set, &set->personas[p], comments, order, dist, m, opts);
done:
	cxm__free(rk);
	cxm__free(seg_mean);
	cxm__free(mode);
	cxm__free(counts);
	cxm__free(order);
	cxm__free(dist);
	return rc;
}

/* ---- the data window --------------------------------------------------------------------------- */

static int data_window(cxm_persona_set *set, const cxm_table *t, size_t col, const uint32_t *seg)
{
	size_t rows = cxm_table_rows(t), i;
	double lo = INFINITY, hi = -INFINITY;
	char a[CXM__DATE_MAX], b[CXM__DATE_MAX];
	int type, rc;
	cxm_table_column_type(&type, t, col);
	if (type == CXM_TABLE_DAY) {
		const double *x = cxm_table_numbers(t, col);
		for (i = 0; i < rows; i++)
			if (seg[i] != UINT32_MAX && !isnan(x[i])) {
				lo = x[i] < lo ? x[i] : lo;
				hi = x[i] > hi ? x[i] : hi;
			}
	} else {
		size_t levels = cxm_table_level_count(t, col);
		double *days;
		uint32_t *codes;
		if ((rc = cxm__alloc_array(&days, levels ? levels : 1, sizeof *days, "the dates")) < 0)
			return rc;
		if ((rc = cxm__alloc_array(&codes, rows, sizeof *codes, "the dates")) < 0) {
			cxm__free(days);
			return rc;
		}
		cxm_table_copy_codes(codes, rows, t, col);
		for (i = 0; i < levels; i++)
			days[i] = NAN;
		for (i = 0; i < rows; i++) {
			const char *s = cxm_table_level(t, col, codes[i]);
			if (s[0] == '\0' || !isnan(days[codes[i]]))
				continue;
			if ((rc = cxm_date_parse(&days[codes[i]], s)) < 0) {
				char ctx[96];
				cxm__snprintf_c(ctx, sizeof ctx, "row %zu, column \"%s\"", i + 1, cxm_table_column_name(t, col));
				cxm__free(days);
				cxm__free(codes);
				return cxm__error_context(ctx);
			}
		}
		for (i = 0; i < rows; i++) {
			double d = days[codes[i]];
			if (seg[i] != UINT32_MAX && !isnan(d)) {
				lo = d < lo ? d : lo;
				hi = d > hi ? d : hi;
			}
		}
		cxm__free(days);
		cxm__free(codes);
	}
	if (lo > hi)
		return CXM_OK;
	cxm__date_format(a, lo);
	cxm__date_format(b, hi);
	if ((set->provenance.window_start = cxm__persona_strdup(set, a)) == NULL ||
	    (set->provenance.window_end = cxm__persona_strdup(set, b)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for the data window");
	return CXM_OK;
}

/* ---- the build --------------------------------------------------------------------------------- */

#define OOM(what) cxm__fail(CXM_ENOMEM, "out of memory for %s", (what))

cxm_status cxm_persona_build(cxm_persona_set **out, const cxm_table *customers, const cxm_persona_opts *opts)
{
	cxm__roles roles = { { 0 }, NULL, 0, NULL, 0 };
	cxm_persona_set *set = NULL;
	cxm_persona_names *builtin = NULL;
	const cxm_persona_names *names;
	uint32_t *lab = NULL, *seg = NULL, **codes = NULL;
	size_t *first = NULL, *start = NULL, *rows_of = NULL, *sizes = NULL, rows, k = 0, n_values = 0, i, p, c;
	size_t n_pcols = 0, cap_pcols = 0, population = 0, excluded = 0;
	double quality = NAN;
	const char *method = NULL, ***levels = NULL;
	cxm__pcol *pcols = NULL;
	profile_col *pc = NULL;
	int rc, year, autoseg = 0;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(customers, "customers")) < 0)
		return rc;
	if (!opts)
		opts = &cxm__persona_opts_default;
	rows = cxm_table_rows(customers);
	if (rows == 0)
		return cxm__fail(CXM_EEMPTY, "the customer table has no rows");
	year = opts->reference_year ? opts->reference_year : current_year();
	if ((rc = cxm__persona_roles(&roles, customers, opts)) < 0)
		return rc;
	if ((rc = cxm__persona_check_values(customers, &roles, year, opts)) < 0)
		goto done;
	if (roles.col[CXM_PERSONA_ROLE_ID] != SIZE_MAX && (rc = check_ids(customers, roles.col[CXM_PERSONA_ROLE_ID])) < 0)
		goto done;
	for (c = 0; c < roles.n_cols; c++)
		n_pcols += cxm__persona_role_is_attribute(roles.role_of[c]);
	cap_pcols = n_pcols;
	if (n_pcols == 0) {
		rc = cxm__fail(CXM_EEMPTY, "the customer table has no attribute (every column has a role that is not one)");
		goto done;
	}
	if (rows / 2 < opts->min_n) { /* rows < 2 min_n, without overflow */
		rc = cxm__fail(CXM_ETOO_FEW, "%zu customers are fewer than 2 x min_n = 2 x %zu", rows, opts->min_n);
		goto done;
	}
	/* segments, numbered in the order of their first rows */
	if ((rc = cxm__alloc_array(&lab, rows, sizeof *lab, "the segments")) < 0)
		goto done;
	if (roles.col[CXM_PERSONA_ROLE_SEGMENT] != SIZE_MAX) {
		if ((rc = column_labels(lab, &n_values, customers, roles.col[CXM_PERSONA_ROLE_SEGMENT])) < 0)
			goto done;
	} else {
		if ((rc = cxm__persona_autoseg(lab, &n_values, &method, &quality, customers, &roles, opts)) < 0)
			goto done;
		autoseg = 1;
	}
	if ((rc = renumber(lab, rows, n_values, &k, &first)) < 0)
		goto done;
	/* the personas and the population */
	if ((rc = cxm__persona_set_new(&set)) < 0)
		goto done;
	if ((set->personas = CXM__PERSONA_NEW(set, cxm__persona, k)) == NULL) {
		rc = OOM("the personas");
		goto done;
	}
	set->n_personas = k;
	if ((rc = cxm__alloc_array(&sizes, k, sizeof *sizes, "the segments' sizes")) < 0 ||
	    (rc = cxm__alloc_array(&seg, rows, sizeof *seg, "the rows' personas")) < 0 ||
	    (rc = cxm__alloc_array(&start, k + 1, sizeof *start, "the personas' rows")) < 0 ||
	    (rc = cxm__alloc_array(&rows_of, rows, sizeof *rows_of, "the personas' rows")) < 0)
		goto done;
	memset(sizes, 0, k * sizeof *sizes);
	for (i = 0; i < rows; i++)
		sizes[lab[i]]++;
	for (p = 0; p < k; p++) {
		cxm__persona *ps = &set->personas[p];
		char id[32], segname[CXM__NUMBER_MAX + 4];
		const char *sname;
		cxm__persona_init(ps);
		cxm__snprintf_c(id, sizeof id, "P%zu", p + 1);
		if (autoseg) {
			cxm__snprintf_c(segname, sizeof segname, "C%zu", p + 1);
			sname = segname;
		} else {
			size_t sc = roles.col[CXM_PERSONA_ROLE_SEGMENT];
			int type;
			cxm_table_column_type(&type, customers, sc);
			if (type == CXM_TABLE_TEXT) {
				sname = cxm_table_texts(customers, sc)[first[p]];
			} else {
				double v = cxm_table_numbers(customers, sc)[first[p]];
				sname = cxm__format_number(segname, v == 0.0 ? 0.0 : v); /* -0 is "0" */
			}
		}
		if ((ps->id = cxm__persona_strdup(set, id)) == NULL || (ps->segment = cxm__persona_strdup(set, sname)) == NULL) {
			rc = OOM("the personas");
			goto done;
		}
		ps->suppressed = sizes[p] < opts->min_n;
		if (ps->suppressed) {
			set->provenance.suppressed_personas++;
			excluded += sizes[p];
		} else {
			population += sizes[p];
		}
	}
	for (i = 0; i < rows; i++)
		seg[i] = set->personas[lab[i]].suppressed ? UINT32_MAX : lab[i];
	/* the data window (of the population), early: a date that does not read fails the build */
	if (roles.col[CXM_PERSONA_ROLE_DATE] != SIZE_MAX &&
	    (rc = data_window(set, customers, roles.col[CXM_PERSONA_ROLE_DATE], seg)) < 0)
		goto done;
	memset(start, 0, (k + 1) * sizeof *start);
	for (i = 0; i < rows; i++)
		start[lab[i] + 1]++;
	for (p = 0; p < k; p++)
		start[p + 1] += start[p];
	{
		size_t *fill;
		if ((rc = cxm__alloc_array(&fill, k, sizeof *fill, "the personas' rows")) < 0)
			goto done;
		memcpy(fill, start, k * sizeof *fill);
		for (i = 0; i < rows; i++)
			rows_of[fill[lab[i]]++] = i;
		cxm__free(fill);
	}
	/* size, share, revenue */
	{
		size_t ac = roles.col[CXM_PERSONA_ROLE_AMOUNT];
		const double *amount = ac != SIZE_MAX ? cxm_table_numbers(customers, ac) : NULL;
		double total = NAN;
		if (amount) {
			cxm__fsum s;
			cxm__fsum_init(&s);
			for (i = 0; i < rows; i++)
				if (seg[i] != UINT32_MAX)
					cxm__fsum_add(&s, amount[i]);
			total = cxm__fsum_round(&s);
		}
		for (p = 0; p < k; p++) {
			cxm__persona *ps = &set->personas[p];
			if (ps->suppressed)
				continue;
			ps->size = (double)sizes[p];
			ps->share = 100.0 * (double)sizes[p] / (double)population;
			if (amount) {
				cxm__fsum s;
				cxm__fsum_init(&s);
				for (i = start[p]; i < start[p + 1]; i++)
					cxm__fsum_add(&s, amount[rows_of[i]]);
				ps->revenue = cxm__fsum_round(&s);
				ps->revenue_share = total > 0.0 ? 100.0 * ps->revenue / total : NAN;
			}
		}
	}
	/* the attributes as profile.c reads them */
	if ((pcols = cxm__calloc(n_pcols, sizeof *pcols)) == NULL || (codes = cxm__calloc(n_pcols, sizeof *codes)) == NULL ||
	    (levels = cxm__calloc(n_pcols, sizeof *levels)) == NULL || (pc = cxm__calloc(n_pcols, sizeof *pc)) == NULL) {
		rc = OOM("the attributes");
		goto done;
	}
	for (c = 0, n_pcols = 0; c < roles.n_cols; c++) {
		cxm__pcol *pcl;
		int type, role = roles.role_of[c];
		if (!cxm__persona_role_is_attribute(role))
			continue;
		pcl = &pcols[n_pcols];
		pcl->name = cxm_table_column_name(customers, c);
		pcl->role = role == CXM__ROLE_ATTRIBUTE ? "attribute" : cxm__names_word(&cxm__persona_role_names, role);
		cxm_table_column_type(&type, customers, c);
		if (type == CXM_TABLE_NUMBER) {
			cxm__fsum s, q;
			double n = 0, mean;
			pcl->x = cxm_table_numbers(customers, c);
			cxm__fsum_init(&s);
			cxm__fsum_init(&q);
			for (i = 0; i < rows; i++)
				if (seg[i] != UINT32_MAX && !isnan(pcl->x[i])) {
					cxm__fsum_add(&s, pcl->x[i]);
					n++;
				}
			mean = n > 0 ? cxm__fsum_round(&s) / n : NAN;
			for (i = 0; i < rows; i++)
				if (seg[i] != UINT32_MAX && !isnan(pcl->x[i])) {
					double d = pcl->x[i] - mean;
					cxm__fsum_add(&q, d * d);
				}
			pc[n_pcols].pop_mean = mean;
			pc[n_pcols].pop_sd = n > 0 ? sqrt(cxm__fsum_round(&q) / n) : NAN;
		} else {
			size_t nl = cxm_table_level_count(customers, c), l;
			if ((rc = cxm__alloc_array(&codes[n_pcols], rows, sizeof **codes, "an attribute's codes")) < 0 ||
			    (rc = cxm__alloc_array((void *)&levels[n_pcols], nl ? nl : 1, sizeof **levels,
						   "an attribute's levels")) < 0)
				goto done;
			cxm_table_copy_codes(codes[n_pcols], rows, customers, c);
			for (l = 0; l < nl; l++)
				levels[n_pcols][l] = cxm_table_level(customers, c, l);
			pcl->codes = codes[n_pcols];
			pcl->levels = levels[n_pcols];
			pcl->n_levels = nl;
			pc[n_pcols].pop_mean = pc[n_pcols].pop_sd = NAN;
		}
		n_pcols++;
	}
	if ((rc = cxm__persona_describe(set, pcols, n_pcols, seg, rows, opts)) < 0)
		goto done;
	/* identity */
	if (opts->names) {
		names = opts->names;
	} else {
		if ((rc = cxm_persona_names_builtin(&builtin)) < 0)
			goto done;
		names = builtin;
	}
	for (p = 0; p < k; p++) {
		cxm__persona *ps = &set->personas[p];
		const char *band;
		size_t cc;
		if (ps->suppressed)
			continue;
		if ((rc = median_age(&ps->age, customers, &roles, year, rows_of + start[p], start[p + 1] - start[p],
				     opts->min_n)) < 0)
			goto done;
		if ((band = cxm__persona_age_band(ps->age)) != NULL && (ps->age_band = cxm__persona_strdup(set, band)) == NULL) {
			rc = OOM("a persona's age band");
			goto done;
		}
#define MODAL(field, role) \
	cc = roles.col[role]; \
	if ((rc = modal_from(set, &ps->field, ps, cc == SIZE_MAX ? NULL : cxm_table_column_name(customers, cc))) < 0) \
		goto done;
		MODAL(gender, CXM_PERSONA_ROLE_GENDER)
		MODAL(location, CXM_PERSONA_ROLE_LOCATION)
		MODAL(country, CXM_PERSONA_ROLE_COUNTRY)
		MODAL(career, CXM_PERSONA_ROLE_CAREER)
#undef MODAL
		if ((rc = draw_name(set, p, names, year, opts)) < 0)
			goto done;
	}
	/* behaviour, goals / problems / solutions, quotes */
	if ((rc = cxm__persona_behaviour(set, customers, &roles, seg, rows, opts)) < 0)
		goto done;
	for (p = 0; p < k; p++) {
		cxm__persona *ps = &set->personas[p];
		size_t cm = roles.col[CXM_PERSONA_ROLE_COMMENT];
		if (ps->suppressed)
			continue;
		if (opts->rules && (rc = cxm__persona_apply_rules(set, ps, opts->rules)) < 0)
			goto done;
		if ((rc = cxm__persona_score_problems(set, ps)) < 0)
			goto done;
		if (cm != SIZE_MAX && opts->quotes > 0 &&
		    (rc = quotes_of(set, p, pcols, n_pcols, pc, rows_of + start[p], start[p + 1] - start[p],
				    cxm_table_texts(customers, cm), opts)) < 0)
			goto done;
	}
	/* provenance */
	{
		cxm__provenance *pv = &set->provenance;
		const char *m = autoseg ? method : opts->method ? opts->method : "caller";
		const char *qm = autoseg ? "silhouette" : opts->quality_measure;
		const char *src = cxm__persona_names_source(names), *rname = cxm__persona_rules_name(opts->rules);
		size_t sc = roles.col[CXM_PERSONA_ROLE_SEGMENT];
		if ((pv->method = cxm__persona_strdup(set, m)) == NULL ||
		    (qm && (pv->quality_measure = cxm__persona_strdup(set, qm)) == NULL) ||
		    (src && (pv->names_source = cxm__persona_strdup(set, src)) == NULL) ||
		    (rname && (pv->rules_name = cxm__persona_strdup(set, rname)) == NULL) ||
		    (sc != SIZE_MAX &&
		     (pv->segment_column = cxm__persona_strdup(set, cxm_table_column_name(customers, sc))) == NULL)) {
			rc = OOM("the provenance");
			goto done;
		}
		pv->k = autoseg || opts->k == 0 ? k : opts->k;
		pv->seed = opts->seed;
		pv->quality = autoseg ? quality : opts->quality;
		pv->min_n = opts->min_n;
		pv->fdr = opts->fdr;
		pv->reference_year = year;
		pv->customers = (double)population;
		pv->excluded_customers = excluded == 0 || excluded >= opts->min_n ? (double)excluded : NAN;
	}
	*out = set;
	set = NULL;
	rc = CXM_OK;
done:
	if (codes)
		for (i = 0; i < cap_pcols; i++)
			cxm__free(codes[i]);
	if (levels)
		for (i = 0; i < cap_pcols; i++)
			cxm__free((void *)levels[i]);
	cxm__free(codes);
	cxm__free((void *)levels);
	cxm__free(pcols);
	cxm__free(pc);
	cxm_persona_names_free(builtin);
	cxm_persona_set_free(set);
	cxm__persona_roles_free(&roles);
	cxm__free(lab);
	cxm__free(seg);
	cxm__free(first);
	cxm__free(start);
	cxm__free(rows_of);
	cxm__free(sizes);
	return rc;
}
