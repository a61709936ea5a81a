/*
 * lib/cluster/ari.c - the adjusted Rand index of two labelings (Hubert &
 * Arabie 1985), as scikit-learn's adjusted_rand_score (spec §14.4).
 *
 * With n_ij the rows labelled i by a and j by b, a_i and b_j the row and
 * column sums of that table, the pairs of rows fall in four counts (those
 * of scikit-learn's pair_confusion_matrix):
 *   tp = sum n_ij^2 - n          (together in both, counted both ways)
 *   fp = sum b_j^2 - sum n_ij^2  (together in b only)
 *   fn = sum a_i^2 - sum n_ij^2  (together in a only)
 *   tn = n^2 - tp - fp - fn - n  (apart in both)
 * and ARI = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)),
 * 1 when fn = fp = 0 (the same partition, including one cluster each).
 * The counts are whole numbers, multiplied exactly in 128 bits up to 2^31
 * rows; the one division rounds.
 */
#include <string.h>
#include "distinct.h"
#include "internal.h"
#include "quality.h"

double cxm__ari_from_sums(uint64_t n, uint64_t sum_nij2, uint64_t sum_a2, uint64_t sum_b2)
{
	__uint128_t nn = (__uint128_t)n * n;
	__uint128_t tp = sum_nij2 - n, fp = sum_b2 - sum_nij2, fn = sum_a2 - sum_nij2;
	__uint128_t tn = nn - fp - fn - sum_nij2;
	if (fn == 0 && fp == 0)
		return 1.0;
	if (n < ((uint64_t)1 << 31)) {
		__int128_t num = 2 * ((__int128_t)(tp * tn) - (__int128_t)(fn * fp));
		__uint128_t den = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn);
		return (double)num / (double)den;
	} else {
		long double ltp = (long double)tp, lfp = (long double)fp, lfn = (long double)fn, ltn = (long double)tn;
		return (double)(2 * (ltp * ltn - lfn * lfp) / ((ltp + lfn) * (lfn + ltn) + (ltp + lfp) * (lfp + ltn)));
	}
}

int cxm__ari_compact(double *out, const uint32_t *a, size_t ka, const uint32_t *b, size_t kb, size_t n)
{
	uint64_t *cnt, s = 0, sa = 0, sb = 0;
	size_t i, j;
	int st;
	if ((st = cxm__alloc_array(&cnt, ka * kb + ka + kb, sizeof *cnt, "contingency table")) < 0)
		return st;
	memset(cnt, 0, (ka * kb + ka + kb) * sizeof *cnt);
	for (i = 0; i < n; i++) {
		cnt[(size_t)a[i] * kb + b[i]]++;
		cnt[ka * kb + a[i]]++;
		cnt[ka * kb + ka + b[i]]++;
	}
	for (i = 0; i < ka; i++)
		for (j = 0; j < kb; j++)
			s += cnt[i * kb + j] * cnt[i * kb + j];
	for (i = 0; i < ka; i++)
		sa += cnt[ka * kb + i] * cnt[ka * kb + i];
	for (j = 0; j < kb; j++)
		sb += cnt[ka * kb + ka + j] * cnt[ka * kb + ka + j];
	cxm__free(cnt);
	*out = cxm__ari_from_sums(n, s, sa, sb);
	return CXM_OK;
}

/* sum of count^2 over the keys of d (count: each key's one value) */
static uint64_t sum_sq(const cxm__distinct *d)
{
	uint64_t s = 0;
	size_t i;
	for (i = 0; i < d->count; i++) {
		uint64_t c = (uint64_t)cxm__distinct_row(d, i)[d->width];
		s += c * c;
	}
	return s;
}

cxm_status cxm_adjusted_rand_index(double *out, const uint32_t *a, size_t n_a, const uint32_t *b, size_t n_b)
{
	cxm__distinct da, db, dab;
	size_t i, ix;
	int st;

	if ((st = cxm__check_ptr(out, "out")) < 0 || (st = cxm__check_array(a, n_a, "a")) < 0 ||
	    (st = cxm__check_array(b, n_b, "b")) < 0)
		return st;
	*out = 0.0;
	if (n_a != n_b)
		return cxm__fail(CXM_EBAD_ARG, "n_a = %zu labels but n_b = %zu", n_a, n_b);
	if (n_a == 0)
		return cxm__fail(CXM_EEMPTY, "no labels to compare");
	/* labels are any uint32 values: counted through the hash table */
	memset(&da, 0, sizeof da);
	memset(&db, 0, sizeof db);
	memset(&dab, 0, sizeof dab);
	if ((st = cxm__distinct_init_values(&da, 1, 1, 16, "labels a")) < 0 ||
	    (st = cxm__distinct_init_values(&db, 1, 1, 16, "labels b")) < 0 ||
	    (st = cxm__distinct_init_values(&dab, 2, 1, 64, "label pairs")) < 0)
		goto done;
	for (i = 0; i < n_a; i++) {
		double ka = a[i], kb = b[i], kab[2] = { a[i], b[i] };
		if ((st = cxm__distinct_add_n(&da, &ka, 1, &ix)) < 0)
			goto done;
		cxm__distinct_row(&da, ix)[1] += 1.0;
		if ((st = cxm__distinct_add_n(&db, &kb, 1, &ix)) < 0)
			goto done;
		cxm__distinct_row(&db, ix)[1] += 1.0;
		if ((st = cxm__distinct_add_n(&dab, kab, 2, &ix)) < 0)
			goto done;
		cxm__distinct_row(&dab, ix)[2] += 1.0;
	}
	*out = cxm__ari_from_sums(n_a, sum_sq(&dab), sum_sq(&da), sum_sq(&db));
done:
	cxm__distinct_free(&da);
	cxm__distinct_free(&db);
	cxm__distinct_free(&dab);
	return st;
}
