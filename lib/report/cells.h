/*
 * lib/report/cells.h - the cells of a report while rows are read: each
 * reading thread (worker) keeps its own hash table of cells keyed by the
 * group values and the period; at the end the workers' cells are merged
 * (integer counts and kept durations: exact, whatever the split) and
 * sorted, so the report does not depend on the number of threads.
 */
#ifndef CXM_REPORT_CELLS_H
#define CXM_REPORT_CELLS_H

#include "report_internal.h"

/* The rows kept for key drivers (drivers.c): each row's file line (its
 * order), outcome, and each driver's text (offsets into the arena). */
typedef struct cxm__driver_rows {
	size_t n, cap;
	size_t *line;
	double *outcome;
	size_t *off;     /* n x n_drivers */
	char *arena;
	size_t used, room;
} cxm__driver_rows;

typedef struct cxm__worker {
	const cxm_survey_report *r;
	cxm__cell *cells;
	size_t n_cells, cap;
	uint64_t *hash;   /* by cell */
	size_t *slot;     /* open addressing: cell index + 1, 0 empty */
	size_t n_slots;   /* a power of two */
	char *key;        /* the key being built */
	size_t key_cap;
	size_t rows;      /* rows seen (skipped ones too) */
	size_t skipped[CXM__SURVEY_SKIPS];
	int from_table;   /* times may be "@<unix seconds>" (cxm_survey_report_from_table) */
	double last_day, last_period; /* the period of the last day seen */
	unsigned char *hits;          /* themes: the themes of the comment being read */
	cxm__driver_rows d;
} cxm__worker;

void cxm__worker_init(cxm__worker *w, const cxm_survey_report *r);
void cxm__worker_free(cxm__worker *w);
/* Free a cell's own memory. */
void cxm__cell_free(cxm__cell *c);

/* The cell of a key (group values, each NUL-terminated, then nothing) and a
 * period (NaN: none), made (zeroed) when new. */
int cxm__worker_cell(cxm__cell **out, cxm__worker *w, const char *key, size_t key_len, double period);

/* One duration more (grows the array). */
int cxm__durations_add(cxm__durations *d, double x);

/*
 * The report's cells from the workers' (which are emptied): merged by key,
 * each group value pointing into its key, sorted (totals first, group
 * values bytewise, period), with a total per period when there are groups.
 */
int cxm__cells_merge(cxm_survey_report *r, cxm__worker *w, size_t n_workers);

/* One row of the input: fields by column of the input (NUL-terminated),
 * the line it starts on. 0 when scored, 1 when skipped (counted in the
 * worker), or a negative code with the message written to msg. */
int cxm__survey_row(cxm__worker *w, const char *const *field, const size_t *len, size_t line, char *msg,
		    size_t cap);

/* One row for the drivers (drivers.c); the driver fields by column. */
int cxm__driver_rows_add(cxm__worker *w, size_t line, double outcome, const char *const *field, const size_t *len);
void cxm__driver_rows_free(cxm__driver_rows *d);
/* Fit the drivers on every worker's rows, in file order (drivers.c). */
int cxm__survey_drivers(cxm_survey_report *r, cxm__worker *w, size_t n_workers);

/* Rows a worker takes in turn when one thread hands rows out: the split
 * does not change the results, and more than one worker exercises the merge. */
#define CXM__ROWS_PER_TURN 64

/* Read a table's rows into the workers (from_table.c): `find` locates the
 * report's columns through the table's names (survey.c's find_columns). */
int cxm__survey_read_table(cxm_survey_report *r, const cxm_table *t, cxm__worker *w, size_t n_workers,
			   int (*find)(cxm_survey_report *, const void *, int (*)(size_t *, const void *, const char *),
				       void (*)(char *, size_t, const void *)),
			   char *msg, size_t cap);

/* The group value of the total rows. */
#define CXM__ALL "(all)"

#endif
