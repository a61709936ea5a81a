/*
 * lib/cluster/opts.c - clustering options (cxm_cluster_opts): new, free, one
 * setter per option; each setter checks its value and leaves the options as
 * they were when it fails. Also the CLUSTER_KIND names table.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "names.h"
#include "cluster_internal.h"

static const cxm__word cluster_kind_words[] = {
	{ "kmeans", CXM_CLUSTER_KMEANS }, { "kprototypes", CXM_CLUSTER_KPROTOTYPES },
	{ "k-means", CXM_CLUSTER_KMEANS }, { "k-prototypes", CXM_CLUSTER_KPROTOTYPES }
};
const cxm__names cxm__cluster_kind_names = CXM__NAMES("cluster kind", cluster_kind_words, 2);

const cxm_cluster_opts cxm__cluster_opts_default = {
	.k = 8,
	.k_set = 0,
	.seed = CXM_CLUSTER_SEED_DEFAULT,
	.init = NULL,
	.n_init_values = 0,
	.init_modes = NULL,
	.n_init_modes = 0,
	.n_init = 1,
	.max_iterations = CXM_CLUSTER_MAX_ITERATIONS_DEFAULT,
	.tol = CXM_CLUSTER_TOL_DEFAULT,
	.batch_size = 0,
	.gamma = NAN,
	.threads = 0,
	.progress = NULL,
	.progress_user = NULL
};

cxm_status cxm_cluster_opts_new(cxm_cluster_opts **out)
{
	cxm_cluster_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((o = cxm__malloc(sizeof *o)) == NULL)
		return cxm__fail(CXM_ENOMEM, "out of memory for the clustering options");
	*o = cxm__cluster_opts_default;
	*out = o;
	return CXM_OK;
}

void cxm_cluster_opts_free(cxm_cluster_opts *opts)
{
	if (!opts)
		return;
	cxm__free(opts->init);
	cxm__free(opts->init_modes);
	cxm__free(opts);
}

cxm_status cxm_cluster_opts_set_k(cxm_cluster_opts *opts, size_t k)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (k == 0 || k > ((size_t)1 << 31))
		return cxm__fail(CXM_EBAD_ARG, "k is %zu; it must be from 1 to 2^31", k);
	opts->k = k;
	opts->k_set = 1;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_seed(cxm_cluster_opts *opts, uint64_t seed)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->seed = seed;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_init(cxm_cluster_opts *opts, const double *centres, size_t n_centres)
{
	double *copy = NULL;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_array(centres, n_centres, "centres")) < 0)
		return rc;
	for (i = 0; i < n_centres; i++) {
		if (isnan(centres[i]))
			return cxm__fail(CXM_ENAN, "centres[%zu] is NaN", i);
		if (!isfinite(centres[i]))
			return cxm__fail(CXM_EOUT_OF_RANGE, "centres[%zu] is %g; initial centres must be finite", i,
					 centres[i]);
	}
	if (n_centres > 0) {
		if ((rc = cxm__alloc_array(&copy, n_centres, sizeof *copy, "initial centres")) < 0)
			return rc;
		memcpy(copy, centres, n_centres * sizeof *copy);
	}
	cxm__free(opts->init);
	opts->init = copy;
	opts->n_init_values = n_centres;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_init_modes(cxm_cluster_opts *opts, const uint32_t *modes, size_t n_modes)
{
	uint32_t *copy = NULL;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_array(modes, n_modes, "modes")) < 0)
		return rc;
	if (n_modes > 0) {
		if ((rc = cxm__alloc_array(&copy, n_modes, sizeof *copy, "initial modes")) < 0)
			return rc;
		memcpy(copy, modes, n_modes * sizeof *copy);
	}
	cxm__free(opts->init_modes);
	opts->init_modes = copy;
	opts->n_init_modes = n_modes;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_n_init(cxm_cluster_opts *opts, unsigned int n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (n == 0 || n > 1000)
		return cxm__fail(CXM_EBAD_ARG, "n_init is %u; it must be from 1 to 1000", n);
	opts->n_init = n;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_max_iterations(cxm_cluster_opts *opts, unsigned int n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->max_iterations = n ? n : CXM_CLUSTER_MAX_ITERATIONS_DEFAULT;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_tol(cxm_cluster_opts *opts, double tol)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!(tol >= 0.0) || !isfinite(tol))
		return cxm__fail(CXM_EBAD_ARG, "tol is %g; it must be finite and >= 0", tol);
	opts->tol = tol;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_batch_size(cxm_cluster_opts *opts, size_t rows)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->batch_size = rows;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_gamma(cxm_cluster_opts *opts, double gamma)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (!isnan(gamma) && (!(gamma >= 0.0) || !isfinite(gamma)))
		return cxm__fail(CXM_EBAD_ARG, "gamma is %g; it must be finite and >= 0 (NaN: Huang's rule)", gamma);
	opts->gamma = gamma;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_threads(cxm_cluster_opts *opts, unsigned int n)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (n > 1024)
		return cxm__fail(CXM_EBAD_ARG, "threads is %u; it must be from 0 (all cores) to 1024", n);
	opts->threads = n;
	return CXM_OK;
}

cxm_status cxm_cluster_opts_set_progress(cxm_cluster_opts *opts, cxm_cluster_progress_fn fn, void *user)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	opts->progress = fn;
	opts->progress_user = user;
	return CXM_OK;
}

int cxm__cluster_resolve_k(size_t *k, const cxm_cluster_opts *opts, size_t n_cols, size_t n_cat)
{
	size_t kc = 0, km = 0;
	*k = opts->k;
	if (opts->n_init_values) {
		if (n_cols == 0)
			return cxm__fail(CXM_EBAD_ARG, "initial centres were given (%zu values) but the data have no "
					 "numeric columns", opts->n_init_values);
		if (opts->n_init_values % n_cols != 0)
			return cxm__fail(CXM_EBAD_ARG, "the initial centres have %zu values, not whole rows of "
					 "n_cols = %zu", opts->n_init_values, n_cols);
		kc = opts->n_init_values / n_cols;
	}
	if (opts->n_init_modes && n_cat) { /* k-means (n_cat = 0) does not read modes */
		if (opts->n_init_modes % n_cat != 0)
			return cxm__fail(CXM_EBAD_ARG, "the initial modes have %zu codes, not whole rows of "
					 "n_cat = %zu", opts->n_init_modes, n_cat);
		km = opts->n_init_modes / n_cat;
	}
	if (kc && km && kc != km)
		return cxm__fail(CXM_EBAD_ARG, "the initial centres have %zu rows but the initial modes %zu", kc, km);
	if (kc || km) {
		size_t given = kc ? kc : km;
		if (opts->k_set && given != opts->k)
			return cxm__fail(CXM_EBAD_ARG, "the initial %s %zu rows (k x n_%s) but k is %zu",
					 kc ? "centres have" : "modes have", given, kc ? "cols" : "cat", opts->k);
		*k = given;
	}
	return CXM_OK;
}
