/*
 * lib/rfm/migration.c - customers moving between segments from one scored
 * table to a later one (spec §7.10), matched by customer_id.
 */
#include <math.h>
#include <string.h>
#include "distinct.h"
#include "rfm_internal.h"
#include "io/io_internal.h"

int cxm__rfm_segment_order(cxm__texts *set, const cxm_rfm_rules *rules, const cxm_table *const *tables,
			   const size_t *cols, size_t n_tables, const char *what);

#define WHAT "cxm_rfm_migration"

/* The customer ids of a table as texts (a NUMBER column written as numbers). */
typedef struct ids {
	const char *const *text;
	const double *num;
	size_t n;
} ids;

static int get_ids(ids *v, const cxm_table *t, const char *which)
{
	size_t col;
	int type, rc;
	if ((rc = cxm_table_column_index(&col, t, "customer_id")) < 0)
		return cxm__error_context(which);
	cxm_table_column_type(&type, t, col);
	v->n = cxm_table_rows(t);
	v->text = type == CXM_TABLE_TEXT ? cxm_table_texts(t, col) : NULL;
	v->num = type == CXM_TABLE_TEXT ? NULL : cxm_table_numbers(t, col);
	return CXM_OK;
}

/* Every id of one table into its set (text or number), failing on a repeat. */
static int index_ids(cxm__texts *ts, cxm__distinct *ds, const ids *v, const char *which)
{
	size_t i, k;
	int rc;
	for (i = 0; i < v->n; i++) {
		size_t before = v->text ? ts->count : ds->count;
		if (v->text)
			rc = cxm__texts_add(ts, v->text[i], strlen(v->text[i]), &k);
		else if (isnan(v->num[i]))
			return cxm__fail(CXM_ENAN, "%s customer_id[%zu] is NaN", which, i);
		else
			rc = cxm__distinct_add_n(ds, v->num + i, 1, &k);
		if (rc < 0)
			return rc;
		if ((v->text ? ts->count : ds->count) == before) {
			char q[CXM__QUOTE_MAX + 4];
			if (v->text)
				cxm__quote_text(q, sizeof q, v->text[i], strlen(v->text[i]));
			else
				cxm__snprintf_c(q, sizeof q, "%.17g", v->num[i]);
			return cxm__fail(CXM_EBAD_ARG, "customer \"%s\" is twice in the %s table (row %zu)", q, which, i);
		}
	}
	return CXM_OK;
}

cxm_status cxm_rfm_migration(cxm_table **out, const cxm_table *from_scored, const cxm_table *to_scored,
			     const cxm_rfm_rules *rules)
{
	const char *const *fseg, *const *tseg;
	size_t fcol, tcol, i, k, m, a, b, rows = 0;
	size_t *fmap = NULL, *tmap = NULL, *matched = NULL, *cell = NULL, *fromtot = NULL;
	size_t n_new = 0, n_gone = 0;
	cxm_rfm_rules *owned = NULL;
	cxm__texts order, fts;
	cxm__distinct fds;
	int have_order = 0, have_f = 0, rc;
	ids fv, tv;
	cxm_table *t = NULL;
	const char **cf = NULL, **ct = NULL;
	double *cc = NULL, *cs = NULL;
	const cxm_table *tabs[2];
	size_t cols[2];

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(from_scored, "from_scored")) < 0 || (rc = cxm__check_ptr(to_scored, "to_scored")) < 0)
		return rc;
	if ((rc = cxm__rfm_text_column(&fseg, &fcol, from_scored, "segment", "from")) < 0 ||
	    (rc = cxm__rfm_text_column(&tseg, &tcol, to_scored, "segment", "to")) < 0 ||
	    (rc = get_ids(&fv, from_scored, "from_scored")) < 0 || (rc = get_ids(&tv, to_scored, "to_scored")) < 0)
		return rc;
	if ((fv.text == NULL) != (tv.text == NULL))
		return cxm__fail(CXM_EBAD_ARG, "customer_id is text in one table and numbers in the other");
	if ((rc = cxm__rfm_rules_or_default(&rules, &owned)) < 0)
		return rc;
	tabs[0] = from_scored;
	tabs[1] = to_scored;
	cols[0] = fcol;
	cols[1] = tcol;
	if ((rc = cxm__rfm_segment_order(&order, rules, tabs, cols, 2, WHAT)) < 0)
		goto done;
	have_order = 1;
	/* segment numbers: 0 = (new) as a from, m + 1 = (gone) as a to, 1..m the segments */
	m = order.count;
	if ((rc = cxm__alloc_array(&fmap, fv.n ? fv.n : 1, sizeof *fmap, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&tmap, tv.n ? tv.n : 1, sizeof *tmap, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&matched, fv.n ? fv.n : 1, sizeof *matched, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&fromtot, m + 2, sizeof *fromtot, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&cell, (m + 2) * (m + 2), sizeof *cell, WHAT)) < 0)
		goto done;
	memset(cell, 0, (m + 2) * (m + 2) * sizeof *cell);
	memset(fromtot, 0, (m + 2) * sizeof *fromtot);
	for (i = 0; i < fv.n; i++) {
		if ((rc = cxm__texts_add(&order, fseg[i], strlen(fseg[i]), &k)) < 0)
			goto done;
		fmap[i] = k + 1;
		matched[i] = 0;
	}
	for (i = 0; i < tv.n; i++) {
		if ((rc = cxm__texts_add(&order, tseg[i], strlen(tseg[i]), &k)) < 0)
			goto done;
		tmap[i] = k + 1;
	}
	if (fv.text) {
		if ((rc = cxm__texts_init_borrowed(&fts, fv.n + 1, WHAT)) < 0)
			goto done;
	} else if ((rc = cxm__distinct_init(&fds, 1, fv.n + 1, WHAT)) < 0) {
		goto done;
	}
	have_f = 1;
	if ((rc = index_ids(&fts, &fds, &fv, "from")) < 0)
		goto done;
	{
		/* the to table's ids, only to find repeats */
		cxm__texts tts;
		cxm__distinct tds;
		rc = tv.text ? cxm__texts_init_borrowed(&tts, tv.n + 1, WHAT) : cxm__distinct_init(&tds, 1, tv.n + 1, WHAT);
		if (rc < 0)
			goto done;
		rc = index_ids(&tts, &tds, &tv, "to");
		if (tv.text)
			cxm__texts_free(&tts);
		else
			cxm__distinct_free(&tds);
		if (rc < 0)
			goto done;
	}
	/* set indices equal input rows: both sets got every row, in order, with no repeat */
	for (i = 0; i < tv.n; i++) {
		size_t j;
		if (fv.text) {
			size_t c = fts.count;
			if ((rc = cxm__texts_add(&fts, tv.text[i], strlen(tv.text[i]), &j)) < 0)
				goto done;
			if (fts.count > c)
				j = SIZE_MAX; /* not in from (added past its rows, harmless) */
		} else {
			j = cxm__distinct_find_n(&fds, tv.num + i, 1);
		}
		if (j == SIZE_MAX || j >= fv.n) {
			cell[0 * (m + 2) + tmap[i]]++;
			n_new++;
		} else {
			cell[fmap[j] * (m + 2) + tmap[i]]++;
			matched[j] = 1;
		}
	}
	for (i = 0; i < fv.n; i++) {
		if (!matched[i]) {
			cell[fmap[i] * (m + 2) + m + 1]++;
			n_gone++;
		}
	}
	for (a = 0; a < m + 2; a++)
		for (b = 0; b < m + 2; b++) {
			fromtot[a] += cell[a * (m + 2) + b];
			rows += cell[a * (m + 2) + b] > 0;
		}
	if ((rc = cxm__alloc_array(&cf, rows ? rows : 1, sizeof *cf, WHAT)) < 0 ||
	    (rc = cxm__alloc_array(&ct, rows ? rows : 1, sizeof *ct, WHAT)) < 0)
		goto done;
	if ((rc = cxm_table_new(&t)) < 0)
		goto done;
	for (a = 0, k = 0; a < m + 2; a++)
		for (b = 0; b < m + 2; b++)
			if (cell[a * (m + 2) + b] > 0) {
				cf[k] = a == 0 ? CXM_RFM_MIGRATION_NEW : order.str[a - 1];
				ct[k] = b == m + 1 ? CXM_RFM_MIGRATION_GONE : order.str[b - 1];
				k++;
			}
	if ((rc = cxm_table_add_texts(t, "from_segment", cf, rows)) < 0 ||
	    (rc = cxm_table_add_texts(t, "to_segment", ct, rows)) < 0 ||
	    (rc = cxm__table_add_column(&cc, t, "customers", CXM_TABLE_NUMBER, rows)) < 0 ||
	    (rc = cxm__table_add_column(&cs, t, "share", CXM_TABLE_NUMBER, rows)) < 0)
		goto done;
	for (a = 0, k = 0; a < m + 2; a++)
		for (b = 0; b < m + 2; b++)
			if (cell[a * (m + 2) + b] > 0) {
				cc[k] = (double)cell[a * (m + 2) + b];
				cs[k] = 100.0 * cc[k] / (double)fromtot[a];
				k++;
			}
	if ((rc = cxm_table_set_attr_number(t, "from_customers", (double)fv.n)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "to_customers", (double)tv.n)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "new_customers", (double)n_new)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "gone_customers", (double)n_gone)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "migration")) < 0)
		goto done;
	*out = t;
	t = NULL;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free((void *)ct);
	cxm__free((void *)cf);
	if (have_f) {
		if (fv.text)
			cxm__texts_free(&fts);
		else
			cxm__distinct_free(&fds);
	}
	cxm__free(cell);
	cxm__free(fromtot);
	cxm__free(matched);
	cxm__free(tmap);
	cxm__free(fmap);
	if (have_order)
		cxm__texts_free(&order);
	cxm_rfm_rules_free(owned);
	return rc;
}
