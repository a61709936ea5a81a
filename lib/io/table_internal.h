/*
 * lib/io/table_internal.h - the insides of a cxm_table (table.h), shared by
 * the files of lib/io that build, read and write tables: table.c (columns
 * and attributes), table_write.c (CSV and JSON) and table_csv.c (reading
 * CSV). Other modules build tables through io_internal.h.
 */
#ifndef CXM_TABLE_INTERNAL_H
#define CXM_TABLE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "distinct.h"
#include "internal.h"

/* One column. TEXT keeps each distinct string once, in `levels` (whose
 * copies never move), a code per row into them, and the row pointers that
 * cxm_table_texts hands out. */
typedef struct cxm__column {
	char *name;
	int type;             /* cxm_table_type */
	double *num;          /* NUMBER, DAY: one per row */
	void *num_block;      /* the allocation num lies in when cxm__alloc_big made it, else NULL */
	uint32_t *code;       /* TEXT: the level of each row */
	const char **text;    /* TEXT: levels.str[code[i]] */
	cxm__texts levels;    /* TEXT */
} cxm__column;

typedef struct cxm__attr {
	char *name;
	int type;             /* cxm_table_type */
	double num;           /* NUMBER, DAY */
	char *text;           /* TEXT */
} cxm__attr;

struct cxm_table {
	cxm__column *col;
	size_t n_cols, cap_cols;
	size_t rows;          /* set by the first column */
	cxm__attr *attr;
	size_t n_attrs, cap_attrs;
	char *row_name;       /* NULL: "rows" */
};

/** Free what a column owns (a zeroed column too). */
void cxm__column_free(cxm__column *c);

/**
 * Append a built column of n rows: checks the name (not empty, not taken)
 * and n against the table's rows, then moves *c into the table (*c is
 * zeroed). On failure *c is left to the caller. Errors: BAD_ARG, NOMEM.
 */
int cxm__table_push_column(cxm_table *t, cxm__column *c, size_t n);

/** c->text from c->code and c->levels (n rows). Errors: NOMEM. */
int cxm__column_texts(cxm__column *c, size_t n);

#endif
