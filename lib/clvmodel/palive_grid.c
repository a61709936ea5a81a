/*
 * lib/clvmodel/palive_grid.c - P(alive) over a frequency x recency grid
 * (cxm_clv_p_alive_grid), the data behind the bindings' P(alive) heat maps:
 * which cells exist is decided here, once, and every value is
 * cxm_clv_p_alive's.
 */
#include <math.h>
#include <stdint.h>
#include "internal.h"

cxm_status cxm_clv_p_alive_grid(double *out, size_t n_out, const cxm_clv_fit_result *fit,
				size_t max_frequency, size_t max_recency, double T)
{
	double *cols = NULL, *f, *r, *t, *value;
	size_t nf, nr, cells, f_i, r_i, k, used = 0;
	int rc, bgbb;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_ptr(fit, "fit")) < 0)
		return rc;
	if (isnan(T))
		return cxm__fail(CXM_ENAN, "T is NaN");
	/* limits first (spec §8.15): the work and the memory grow with the cells */
	if (max_frequency > CXM_CLV_MAX_PERIODS || max_recency > CXM_CLV_MAX_PERIODS)
		return cxm__fail(CXM_EBAD_ARG, "max_%s = %zu is above the limit of %d (CXM_CLV_MAX_PERIODS)",
				 max_frequency > CXM_CLV_MAX_PERIODS ? "frequency" : "recency",
				 max_frequency > CXM_CLV_MAX_PERIODS ? max_frequency : max_recency, CXM_CLV_MAX_PERIODS);
	nf = max_frequency + 1;
	nr = max_recency + 1;
	if ((double)nf * (double)nr > (double)CXM_CLV_MAX_GRID_CELLS)
		return cxm__fail(CXM_EBAD_ARG, "a grid of %zu x %zu cells is above the limit of %d cells "
				 "(CXM_CLV_MAX_GRID_CELLS)", nr, nf, CXM_CLV_MAX_GRID_CELLS);
	cells = nr * nf;
	if (n_out < cells)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the %zu cells of the grid", n_out, cells);
	if (!((double)max_recency <= T))
		return cxm__fail(CXM_EBAD_ARG, "max_recency = %zu is more than T = %.17g: recency cannot exceed the age",
				 max_recency, T);
	/* the cells that exist, as columns for one cxm_clv_p_alive call */
	if ((rc = cxm__alloc_array(&cols, cells, 4 * sizeof *cols, "P(alive) grid")) < 0)
		return rc;
	f = cols;
	r = f + cells;
	t = r + cells;
	value = t + cells;
	bgbb = fit->model == CXM_CLV_BGBB;
	for (r_i = 0; r_i < nr; r_i++) {
		for (f_i = 0; f_i < nf; f_i++) {
			double rec = f_i == 0 ? 0.0 : (double)r_i; /* no purchase, no recency */
			if (bgbb && (double)f_i > rec)
				continue; /* more purchases than opportunities before the last one */
			f[used] = (double)f_i;
			r[used] = rec;
			t[used] = T;
			used++;
		}
	}
	rc = cxm_clv_p_alive(value, used, fit, f, used, r, used, t, used);
	if (rc == CXM_OK) {
		for (r_i = 0, k = 0; r_i < nr; r_i++) {
			for (f_i = 0; f_i < nf; f_i++) {
				int exists = !(bgbb && f_i > (f_i == 0 ? 0 : r_i));
				out[r_i * nf + f_i] = exists ? value[k++] : NAN;
			}
		}
	}
	cxm__free(cols);
	return rc;
}
