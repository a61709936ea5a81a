/*
 * lib/cluster/sample.c - the seeded sample of rows the sampled silhouette
 * scores (spec §14.4).
 */
#include "internal.h"
#include "quality.h"
#include "rng.h"

/*
 * Selection sampling (Knuth, TAOCP vol. 2, 3.4.2, Algorithm S): row t of
 * rows is taken with probability (still needed) / (rows left), so every
 * subset of `sample` rows is equally likely and the rows come out in
 * ascending order, with no memory beyond the output. One uniform number
 * per row looked at, from the stream CXM__STREAM_SAMPLE of the seed.
 */
void cxm__sample_rows(size_t *out, size_t rows, size_t sample, uint64_t seed)
{
	cxm__rng r;
	size_t t, m = 0;

	cxm__rng_init(&r, seed, CXM__STREAM_SAMPLE);
	for (t = 0; t < rows && m < sample; t++) {
		if (rows - t == sample - m) { /* every row left is needed */
			out[m++] = t;
			continue;
		}
		if ((double)(rows - t) * cxm__rng_uniform(&r) < (double)(sample - m))
			out[m++] = t;
	}
}

cxm_status cxm_cluster_sample_rows(size_t *out, size_t n_out, size_t rows, size_t sample, uint64_t seed)
{
	int st;
	if ((st = cxm__check_array(out, n_out, "out")) < 0)
		return st;
	if (sample > rows)
		return cxm__fail(CXM_EBAD_ARG, "a sample of %zu rows from %zu rows", sample, rows);
	if (n_out < sample)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the sample of %zu rows", n_out, sample);
	cxm__sample_rows(out, rows, sample, seed);
	return CXM_OK;
}
