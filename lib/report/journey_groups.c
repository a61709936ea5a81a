/*
 * lib/report/journey_groups.c - the groups of a journey table (the funnel's
 * breakdown values, the pyramid's group columns): distinct tuples of the
 * group columns in first-seen order, through the library's one hash table
 * (cxm__texts, keyed by the tuple's level codes), and the groups a chart
 * draws: the total ("(all)" in every group column) first, then the others
 * in table order, CXM__JOURNEY_MAX_SERIES in all.
 */
#include <string.h>
#include "internal.h"
#include "distinct.h"
#include "journey_internal.h"

void cxm__jgroups_free(cxm__jgroups *g)
{
	cxm__free(g->of_row);
	cxm__free(g->first);
	cxm__free(g->total);
	memset(g, 0, sizeof *g);
}

/* Each row's group as a key of the group columns' level codes (4 bytes each). */
static int number_groups(cxm__jgroups *g, const cxm_table *t, uint32_t *codes, size_t rows)
{
	cxm__texts keys;
	char *key = NULL;
	size_t i, k, idx, w = g->n_gcols * sizeof(uint32_t);
	int rc;
	if ((rc = cxm__texts_init(&keys, 16, "journey page groups")) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&key, w, 1, "journey page group key")) < 0)
		goto done;
	for (i = 0; i < rows; i++) {
		for (k = 0; k < g->n_gcols; k++)
			memcpy(key + k * sizeof(uint32_t), &codes[k * rows + i], sizeof(uint32_t));
		if ((rc = cxm__texts_add(&keys, key, w, &idx)) < 0)
			goto done;
		if (idx == g->n) {
			g->first[g->n] = i;
			g->total[g->n] = 1;
			for (k = 0; k < g->n_gcols; k++)
				g->total[g->n] &= strcmp(cxm_table_texts(t, k)[i], "(all)") == 0;
			g->n++;
		}
		g->of_row[i] = idx;
	}
done:
	cxm__free(key);
	cxm__texts_free(&keys);
	return rc;
}

static void choose_drawn(cxm__jgroups *g)
{
	size_t i, pass;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < g->n && g->n_drawn < CXM__JOURNEY_MAX_SERIES; i++)
			if ((pass == 0) == (g->total[i] != 0))
				g->drawn[g->n_drawn++] = i;
}

int cxm__jgroups_init(cxm__jgroups *g, const cxm_table *t, size_t n_gcols)
{
	size_t rows = cxm_table_rows(t), k;
	uint32_t *codes = NULL;
	int rc;
	memset(g, 0, sizeof *g);
	g->n_gcols = n_gcols;
	if ((rc = cxm__alloc_array(&g->of_row, rows ? rows : 1, sizeof *g->of_row, "journey page rows")) < 0 ||
	    (rc = cxm__alloc_array(&g->first, rows ? rows : 1, sizeof *g->first, "journey page groups")) < 0 ||
	    (rc = cxm__alloc_array(&g->total, rows ? rows : 1, 1, "journey page groups")) < 0)
		goto fail;
	if (n_gcols == 0) {
		/* no group columns: one group of every row, drawn as the only series */
		memset(g->of_row, 0, rows * sizeof *g->of_row);
		g->n = rows > 0;
		g->first[0] = 0;
		g->total[0] = 0;
		choose_drawn(g);
		return CXM_OK;
	}
	if ((rc = cxm__alloc_array(&codes, n_gcols * (rows ? rows : 1), sizeof *codes, "journey page codes")) < 0)
		goto fail;
	for (k = 0; k < n_gcols && rows > 0; k++)
		if ((rc = cxm_table_copy_codes(codes + k * rows, rows, t, k)) < 0)
			goto fail;
	if ((rc = number_groups(g, t, codes, rows)) < 0)
		goto fail;
	cxm__free(codes);
	choose_drawn(g);
	return CXM_OK;
fail:
	cxm__free(codes);
	cxm__jgroups_free(g);
	return rc;
}

void cxm__jgroups_name(cxm__buf *b, const cxm__jgroups *g, const cxm_table *t, size_t group, size_t max_chars)
{
	size_t k, row = g->first[group];
	cxm__buf name;
	if (g->n_gcols == 0) {
		cxm__buf_puts(b, "all");
		return;
	}
	/* the values joined first, so that a cut falls on the whole name */
	cxm__buf_init(&name);
	for (k = 0; k < g->n_gcols; k++) {
		if (k)
			cxm__buf_puts(&name, " / ");
		cxm__buf_puts(&name, cxm_table_texts(t, k)[row]);
	}
	cxm__buf_putc(&name, '\0');
	if (name.rc == CXM_OK)
		cxm__journey_short(b, name.text, max_chars ? max_chars : SIZE_MAX);
	else if (b->rc == CXM_OK)
		b->rc = name.rc;
	cxm__buf_free(&name);
}
