/*
 * lib/drivers/fit.c - cxm_drivers_fit (spec §19): the design, the
 * correlation matrix, the rank check, R² of every subset, the Shapley values,
 * the relative weights, then the bootstrap and its percentile intervals.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "drivers_internal.h"

/* "'a', 'b' and 'c'": the players of the collinear columns, each once. */
static void name_players(char *buf, size_t cap, const cxm__drv_design *d, const unsigned char *in)
{
	size_t j, used = 0, count = 0, total = 0;
	for (j = 0; j < d->p; j++)
		total += in[j];
	buf[0] = '\0';
	for (j = 0; j < d->p && used < cap; j++) {
		if (!in[j])
			continue;
		count++;
		used += (size_t)cxm__snprintf_c(buf + used, cap - used, "%s'%s'",
						count == 1 ? "" : count == total ? " and " : ", ", d->name[j]);
	}
}

/* BAD_ARG naming the drivers of a singular R_xx: the column found to be a
 * combination of the columns before it, and those with a weight in it. */
static int collinear(const cxm__drv_design *d, size_t bad, const double *coef)
{
	unsigned char in[CXM_DRIVERS_MAX_PLAYERS];
	char names[512];
	size_t c, count = 0;
	memset(in, 0, sizeof in);
	in[cxm__drv_player_of(d, bad)] = 1;
	for (c = 1; c < bad; c++)
		if (fabs(coef[c - 1]) > 1e-6)
			in[cxm__drv_player_of(d, c)] = 1;
	name_players(names, sizeof names, d, in);
	for (c = 0; c < d->p; c++)
		count += in[c];
	if (count == 1) /* one driver: its own columns are dependent (rounding) */
		return cxm__fail(CXM_EBAD_ARG, "driver %s has no variation left given the other columns: R_xx is singular",
				 names);
	return cxm__fail(CXM_EBAD_ARG,
			 "drivers %s are perfectly collinear (one is a linear combination of the others): R_xx is "
			 "singular; leave one out",
			 names);
}

/* The percentile interval of column j of a B x p array (sorted copy in tmp). */
static void interval(double *lo, double *hi, const double *x, size_t B, size_t p, size_t j, double conf, double *tmp)
{
	size_t b;
	for (b = 0; b < B; b++)
		tmp[b] = x[b * p + j];
	qsort(tmp, B, sizeof *tmp, cxm__drv_cmp_double);
	*lo = cxm__drv_quantile(tmp, B, (1.0 - conf) / 2.0);
	*hi = cxm__drv_quantile(tmp, B, (1.0 + conf) / 2.0);
}

int cxm__drv_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The point estimates into r. */
static int estimate(cxm_drivers_result *r, double *var, const cxm__drv_design *d)
{
	size_t m = d->m, bad, j, c, work_n;
	double *R = NULL, *work = NULL, *r2 = NULL;
	int rc;
	work_n = cxm__drv_corr_work(d) + cxm__drv_subsets_work(d) + cxm__drv_relweights_work(d) + d->q + d->q * d->q;
	if ((rc = cxm__alloc_array(&R, m * m, sizeof *R, "the correlation matrix")) < 0 ||
	    (rc = cxm__alloc_array(&work, work_n, sizeof *work, "the fit's work space")) < 0 ||
	    (rc = cxm__alloc_array(&r2, (size_t)1 << d->p, sizeof *r2, "the R² of every subset")) < 0)
		goto done;
	if ((c = cxm__drv_corr(R, var, d, NULL, work)) != 0) {
		/* design.c refuses constant columns: only a variance lost to rounding lands here */
		if (c == 1)
			rc = cxm__fail(CXM_EBAD_ARG, "the outcome has no variance: there is nothing to explain");
		else
			rc = cxm__fail(CXM_EBAD_ARG, "driver '%s' has no variance: R_xx is singular; leave it out",
				       d->name[cxm__drv_player_of(d, c - 1)]);
		goto done;
	}
	cxm__drv_check_rank(&bad, work, R, d, work + d->q);
	if (bad) {
		rc = collinear(d, bad, work);
		goto done;
	}
	if (cxm__drv_subsets_r2(r2, R, d, work) < 0 || cxm__drv_relweights(r->rw, R, d, work) < 0) {
		rc = cxm__fail(CXM_EBAD_ARG, "the drivers' correlation matrix R_xx is not positive definite "
					     "(drivers nearly collinear); leave one out");
		goto done;
	}
	cxm__drv_shapley(r->sh, r2, d->p);
	r->r2 = r2[((size_t)1 << d->p) - 1];
	for (j = 0; j < d->p; j++)
		r->corr[j] = d->categorical[j] ? sqrt(r2[(size_t)1 << j]) : R[d->first[j]]; /* R[0][first[j]] */
	rc = CXM_OK;
done:
	cxm__free(R);
	cxm__free(work);
	cxm__free(r2);
	return rc;
}

static int bootstrap(cxm_drivers_result *r, const cxm__drv_design *d, const double *var, const cxm_drivers_opts *o)
{
	cxm__drv_boot boot;
	double *tmp = NULL;
	size_t j;
	int rc;
	for (j = 0; j < d->p; j++)
		r->rw_lo[j] = r->rw_hi[j] = r->sh_lo[j] = r->sh_hi[j] = NAN;
	if (o->replicates == 0)
		return CXM_OK;
	if ((rc = cxm__drv_bootstrap(&boot, d, var, o->replicates, o->seed, o->threads)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&tmp, o->replicates, sizeof *tmp, "the sorted replicates")) == CXM_OK) {
		for (j = 0; j < d->p; j++) {
			interval(&r->rw_lo[j], &r->rw_hi[j], boot.rw, o->replicates, d->p, j, o->conf, tmp);
			interval(&r->sh_lo[j], &r->sh_hi[j], boot.shapley, o->replicates, d->p, j, o->conf, tmp);
		}
		r->redrawn = boot.redrawn;
	}
	cxm__free(tmp);
	cxm__drv_boot_free(&boot);
	return rc;
}

cxm_status cxm_drivers_fit(cxm_drivers_result **out, const cxm_table *t, const char *outcome,
			   const char *const *drivers, size_t n_drivers, const cxm_drivers_opts *opts)
{
	cxm_drivers_opts defaults;
	cxm_drivers_result *r = NULL;
	cxm__drv_design d;
	double *var = NULL;
	size_t j;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if (opts == NULL) {
		cxm__drivers_opts_defaults(&defaults);
		opts = &defaults;
	}
	if ((rc = cxm__drv_design_build(&d, t, outcome, drivers, n_drivers, opts->nan_policy)) < 0)
		return rc;
	if ((rc = cxm__alloc_array(&r, 1, sizeof *r, "the result")) < 0)
		goto fail;
	memset(r, 0, sizeof *r);
	if ((rc = cxm__alloc_array(&var, d.m, sizeof *var, "the column variances")) < 0)
		goto fail;
	r->p = d.p;
	r->n = d.n;
	r->rows = d.rows;
	r->rows_dropped = d.rows_dropped;
	r->replicates = opts->replicates;
	r->seed = opts->seed;
	r->conf = opts->conf;
	r->nan_policy = opts->nan_policy;
	if ((r->outcome = cxm__strdup(outcome)) == NULL) {
		rc = cxm__fail(CXM_ENOMEM, "no memory for the outcome's name");
		goto fail;
	}
	for (j = 0; j < d.p; j++) {
		r->categorical[j] = d.categorical[j];
		if ((r->name[j] = cxm__strdup(d.name[j])) == NULL) {
			rc = cxm__fail(CXM_ENOMEM, "no memory for a driver's name");
			goto fail;
		}
	}
	if ((rc = estimate(r, var, &d)) < 0 || (rc = bootstrap(r, &d, var, opts)) < 0)
		goto fail;
	cxm__free(var);
	cxm__drv_design_free(&d);
	*out = r;
	return CXM_OK;
fail:
	cxm__free(var);
	cxm__drv_design_free(&d);
	cxm_drivers_result_free(r);
	return rc;
}
