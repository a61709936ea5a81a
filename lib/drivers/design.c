/*
 * lib/drivers/design.c - the design matrix of a key-driver fit (spec §19.1):
 * the outcome and driver columns looked up in the caller's table, rows with
 * a missing value refused or left out (nan_policy), a categorical driver
 * turned into dummies, and every check cxm_drivers_fit makes on its input
 * before any arithmetic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "drivers_internal.h"
#include "names.h"
#include "io/io_internal.h"

/* One driver column as the table holds it. */
typedef struct column {
	const char *name;
	int type;             /* CXM_TABLE_NUMBER or CXM_TABLE_TEXT */
	const double *num;    /* NUMBER */
	uint32_t *code;       /* TEXT: the level of each row (ours) */
	size_t n_levels;
	size_t *count;        /* TEXT: kept rows per level (ours) */
	size_t *dummy;        /* TEXT: level -> dummy column (1-based in z), 0: the reference or absent (ours) */
	size_t ref;           /* TEXT: the reference level */
} column;

size_t cxm__drv_player_of(const cxm__drv_design *d, size_t c)
{
	size_t j = 0;
	while (j + 1 < d->p && c >= d->first[j + 1])
		j++;
	return j;
}

void cxm__drv_design_free(cxm__drv_design *d)
{
	size_t j;
	for (j = 0; j < CXM_DRIVERS_MAX_PLAYERS; j++) {
		cxm__free(d->src[j].code);
		cxm__free(d->src[j].dummy);
		d->src[j].code = NULL;
		d->src[j].dummy = NULL;
	}
	cxm__free(d->row);
	d->row = NULL;
}

/* The counts are the columns' own; codes and dummies move to the design. */
static void free_columns(column *c, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		cxm__free(c[i].code);
		cxm__free(c[i].count);
		cxm__free(c[i].dummy);
	}
}

/* The names: set, not empty, none twice, the outcome not among the drivers. */
static int check_names(const char *outcome, const char *const *drivers, size_t n)
{
	size_t i, k;
	int rc;
	if ((rc = cxm__check_ptr(outcome, "outcome")) < 0 || (rc = cxm__check_array(drivers, n, "drivers")) < 0)
		return rc;
	if (n == 0)
		return cxm__fail(CXM_EBAD_ARG, "no drivers: give 1 to %d driver columns", CXM_DRIVERS_MAX_PLAYERS);
	if (n > CXM_DRIVERS_MAX_PLAYERS)
		return cxm__fail(CXM_EBAD_ARG,
				 "%zu drivers: at most %d (the exact Shapley value takes all 2^p subsets); "
				 "leave some out or group them",
				 n, CXM_DRIVERS_MAX_PLAYERS);
	for (i = 0; i < n; i++) {
		if (drivers[i] == NULL)
			return cxm__fail(CXM_EBAD_ARG, "drivers[%zu] is NULL", i);
		if (strcmp(drivers[i], outcome) == 0)
			return cxm__fail(CXM_EBAD_ARG, "driver '%s' is the outcome too; a score cannot drive itself",
					 outcome);
		for (k = 0; k < i; k++)
			if (strcmp(drivers[k], drivers[i]) == 0)
				return cxm__fail(CXM_EBAD_ARG, "driver '%s' is given twice (drivers[%zu] and drivers[%zu])",
						 drivers[i], k, i);
	}
	return CXM_OK;
}

/* A row's value of column c is missing (NaN, an empty text); an infinite
 * number is an error of its own. */
static int value_state(const column *c, const cxm_table *t, size_t col_index, size_t row, int *missing)
{
	if (c->type == CXM_TABLE_TEXT) {
		*missing = cxm_table_level(t, col_index, c->code[row])[0] == '\0';
		return CXM_OK;
	}
	*missing = isnan(c->num[row]);
	if (!*missing && !isfinite(c->num[row]))
		return cxm__fail(CXM_EOUT_OF_RANGE, "column '%s', row %zu: %g is infinite; a driver or outcome must be finite",
				 c->name, row + 1, c->num[row]);
	return CXM_OK;
}

/* The reference level: the most frequent among the kept rows, ties to the
 * bytewise first (so the choice does not depend on the row order). */
static size_t reference_level(const column *c, const cxm_table *t, size_t col_index)
{
	size_t best = SIZE_MAX, l;
	for (l = 0; l < c->n_levels; l++) {
		if (c->count[l] == 0)
			continue;
		if (best == SIZE_MAX || c->count[l] > c->count[best] ||
		    (c->count[l] == c->count[best] &&
		     strcmp(cxm_table_level(t, col_index, l), cxm_table_level(t, col_index, best)) < 0))
			best = l;
	}
	return best;
}

/* Sort levels by their text: the dummies' order (any order gives the same
 * fit; a fixed one gives the same rounding). */
typedef struct level_key {
	const char *text;
	size_t level;
} level_key;

static int cmp_level(const void *a, const void *b)
{
	return strcmp(((const level_key *)a)->text, ((const level_key *)b)->text);
}

/* Levels -> dummy columns from *next on; returns the dummies made. */
static int make_dummies(column *c, const cxm_table *t, size_t col_index, size_t *next)
{
	level_key *keys;
	size_t l, k = 0;
	int rc;
	if ((rc = cxm__alloc_array(&keys, c->n_levels, sizeof *keys, "the levels of a categorical driver")) < 0)
		return rc;
	for (l = 0; l < c->n_levels; l++)
		if (c->count[l] > 0 && l != c->ref && cxm_table_level(t, col_index, l)[0] != '\0') {
			keys[k].text = cxm_table_level(t, col_index, l);
			keys[k++].level = l;
		}
	qsort(keys, k, sizeof *keys, cmp_level);
	for (l = 0; l < k; l++)
		c->dummy[keys[l].level] = (*next)++;
	cxm__free(keys);
	return CXM_OK;
}

/* Whether the kept values of a numeric column are all one value. */
static int constant_numbers(const double *x, const unsigned char *keep, size_t rows, double *value)
{
	size_t i, first = SIZE_MAX;
	for (i = 0; i < rows; i++) {
		if (!keep[i])
			continue;
		if (first == SIZE_MAX)
			first = i;
		else if (x[i] != x[first])
			return 0;
	}
	*value = first == SIZE_MAX ? NAN : x[first];
	return 1;
}

/* Find the columns and their types; TEXT columns get their codes. */
static int find_columns(column *cols, size_t *index, const cxm_table *t, const char *outcome,
			const char *const *drivers, size_t p, size_t rows)
{
	const unsigned number = 1u << CXM_TABLE_NUMBER, text = 1u << CXM_TABLE_TEXT;
	size_t j;
	int rc;
	if ((rc = cxm__table_column_typed(&index[0], t, outcome, number, 1, "table")) < 0)
		return cxm__error_context("outcome");
	cols[0].name = outcome;
	cols[0].type = CXM_TABLE_NUMBER;
	cols[0].num = cxm_table_numbers(t, index[0]);
	for (j = 0; j < p; j++) {
		column *c = &cols[j + 1];
		char ctx[64];
		if ((rc = cxm__table_column_typed(&index[j + 1], t, drivers[j], number | text, 1, "table")) < 0) {
			cxm__snprintf_c(ctx, sizeof ctx, "drivers[%zu]", j);
			return cxm__error_context(ctx);
		}
		c->name = drivers[j];
		cxm_table_column_type(&c->type, t, index[j + 1]);
		if (c->type == CXM_TABLE_NUMBER) {
			c->num = cxm_table_numbers(t, index[j + 1]);
			continue;
		}
		c->n_levels = cxm_table_level_count(t, index[j + 1]);
		if ((rc = cxm__alloc_array(&c->code, rows ? rows : 1, sizeof *c->code, "the codes of a categorical driver")) < 0 ||
		    (rc = cxm__alloc_array(&c->count, c->n_levels ? c->n_levels : 1, sizeof *c->count, "level counts")) < 0 ||
		    (rc = cxm__alloc_array(&c->dummy, c->n_levels ? c->n_levels : 1, sizeof *c->dummy, "level columns")) < 0)
			return rc;
		if (rows > 0 && (rc = cxm_table_copy_codes(c->code, rows, t, index[j + 1])) < 0)
			return rc;
		memset(c->count, 0, (c->n_levels ? c->n_levels : 1) * sizeof *c->count);
		memset(c->dummy, 0, (c->n_levels ? c->n_levels : 1) * sizeof *c->dummy);
	}
	return CXM_OK;
}

/* keep[i]: row i has every value; missing rows fail under CXM_NAN_ERROR. */
static int mark_rows(unsigned char *keep, size_t *kept, const column *cols, const size_t *index, size_t n_cols,
		     const cxm_table *t, size_t rows, int nan_policy)
{
	size_t i, j;
	int rc, missing;
	*kept = 0;
	for (i = 0; i < rows; i++) {
		keep[i] = 1;
		for (j = 0; j < n_cols; j++) {
			if ((rc = value_state(&cols[j], t, index[j], i, &missing)) < 0)
				return rc;
			if (!missing)
				continue;
			if (nan_policy == CXM_NAN_ERROR)
				return cxm__fail(CXM_ENAN,
						 "column '%s', row %zu: the value is missing (%s); leave such rows out with "
						 "nan_policy omit",
						 cols[j].name, i + 1, cols[j].type == CXM_TABLE_TEXT ? "an empty text" : "NaN");
			keep[i] = 0;
		}
		*kept += keep[i];
	}
	return CXM_OK;
}

/* Levels, reference and dummies of every categorical column; the column
 * layout (first[]) and the constant checks. */
static int lay_out(cxm__drv_design *d, column *cols, const size_t *index, const cxm_table *t,
		   const unsigned char *keep, size_t rows)
{
	size_t i, j, next = 1, present;
	double v;
	if (constant_numbers(cols[0].num, keep, rows, &v) && d->n > 0)
		return cxm__fail(CXM_EBAD_ARG, "the outcome '%s' is constant (every value is %g): there is nothing to explain",
				 cols[0].name, v);
	for (j = 0; j < d->p; j++) {
		column *c = &cols[j + 1];
		d->first[j] = next;
		if (c->type == CXM_TABLE_NUMBER) {
			if (d->n > 0 && constant_numbers(c->num, keep, rows, &v))
				return cxm__fail(CXM_EBAD_ARG,
						 "driver '%s' is constant (every value is %g): R_xx is singular; leave it out",
						 c->name, v);
			next++;
			continue;
		}
		for (i = 0; i < rows; i++)
			if (keep[i])
				c->count[c->code[i]]++;
		for (i = present = 0; i < c->n_levels; i++)
			present += c->count[i] > 0;
		if (d->n > 0 && present < 2)
			return cxm__fail(CXM_EBAD_ARG,
					 "driver '%s' is constant (every value is '%s'): R_xx is singular; leave it out",
					 c->name, cxm_table_level(t, index[j + 1], reference_level(c, t, index[j + 1])));
		if (next - 1 + (present ? present - 1 : 0) > CXM_DRIVERS_MAX_COLUMNS)
			return cxm__fail(CXM_EBAD_ARG,
					 "driver '%s' has %zu levels: the design would have more than %d columns "
					 "(numeric drivers plus the dummies of categorical ones); group its levels",
					 c->name, present, CXM_DRIVERS_MAX_COLUMNS);
		c->ref = reference_level(c, t, index[j + 1]);
		{
			int rc = make_dummies(c, t, index[j + 1], &next);
			if (rc < 0)
				return rc;
		}
	}
	d->first[d->p] = next;
	d->m = next;
	d->q = next - 1;
	return CXM_OK;
}

/* The design reads the table in place: the columns' codes and dummies move
 * to it, and the kept rows are listed when some were left out. */
static int hand_over(cxm__drv_design *d, column *cols, const unsigned char *keep, size_t rows)
{
	size_t i, j, r = 0;
	int rc;
	d->y = cols[0].num;
	for (j = 0; j < d->p; j++) {
		column *c = &cols[j + 1];
		if (c->type == CXM_TABLE_NUMBER) {
			d->src[j].num = c->num;
			continue;
		}
		d->src[j].code = c->code;
		d->src[j].dummy = c->dummy;
		c->code = NULL;
		c->dummy = NULL;
	}
	if (d->n == rows)
		return CXM_OK;
	if ((rc = cxm__alloc_array(&d->row, d->n, sizeof *d->row, "the rows used")) < 0)
		return rc;
	for (i = 0; i < rows; i++)
		if (keep[i])
			d->row[r++] = i;
	return CXM_OK;
}

int cxm__drv_design_build(cxm__drv_design *d, const cxm_table *t, const char *outcome,
			  const char *const *drivers, size_t n_drivers, int nan_policy)
{
	column cols[CXM_DRIVERS_MAX_PLAYERS + 1];
	size_t index[CXM_DRIVERS_MAX_PLAYERS + 1], rows, j;
	unsigned char *keep = NULL;
	int rc;
	memset(d, 0, sizeof *d);
	memset(cols, 0, sizeof cols);
	if ((rc = cxm__check_ptr(t, "t")) < 0 || (rc = check_names(outcome, drivers, n_drivers)) < 0)
		return rc;
	d->p = n_drivers;
	d->rows = rows = cxm_table_rows(t);
	for (j = 0; j < n_drivers; j++)
		d->name[j] = drivers[j];
	if ((rc = find_columns(cols, index, t, outcome, drivers, n_drivers, rows)) < 0)
		goto done;
	for (j = 0; j < n_drivers; j++)
		d->categorical[j] = cols[j + 1].type == CXM_TABLE_TEXT;
	if ((rc = cxm__alloc_array(&keep, rows ? rows : 1, 1, "the rows kept")) < 0 ||
	    (rc = mark_rows(keep, &d->n, cols, index, n_drivers + 1, t, rows, nan_policy)) < 0)
		goto done;
	d->rows_dropped = rows - d->n;
	if ((rc = lay_out(d, cols, index, t, keep, rows)) < 0)
		goto done;
	if (d->n < d->q + 2) {
		rc = cxm__fail(CXM_ETOO_FEW,
			       "%zu rows (of %zu, %zu left out for a missing value) for %zu design columns: a fit needs "
			       "at least %zu (the columns + 2)",
			       d->n, rows, d->rows_dropped, d->q, d->q + 2);
		goto done;
	}
	rc = hand_over(d, cols, keep, rows);
done:
	cxm__free(keep);
	free_columns(cols, n_drivers + 1);
	if (rc < 0)
		cxm__drv_design_free(d);
	return rc;
}
