/*
 * lib/clvmodel/customers.h - the checks of a customer summary (frequency,
 * recency, T) that the transaction models' fits and predictions share.
 */
#ifndef CXM_CLV_CUSTOMERS_H
#define CXM_CLV_CUSTOMERS_H

#include <stddef.h>

/**
 * Row i of a summary, as every model reads it: x a whole number >= 0,
 * 0 <= t_x <= T < inf, t_x = 0 when x = 0; `discrete` (BG/BB): t_x and T
 * whole periods, x <= t_x. Returns CXM_OK or the error (BAD_ARG, NAN) naming
 * the row and value.
 */
int cxm__clv_check_row(const double *x, const double *t_x, const double *T, size_t i, int discrete);

/** The three columns: pointers and equal lengths (*n = that length). */
int cxm__clv_check_columns(size_t *n, const double *x, size_t n_x, const double *t_x, size_t n_t_x,
			   const double *T, size_t n_T);

/** The columns, then every row. */
int cxm__clv_check_rows(size_t *n, const double *x, size_t n_x, const double *t_x, size_t n_t_x,
			const double *T, size_t n_T, int discrete);

#endif
