/*
 * lib/rfm/radix.c - stable LSD radix sort of finite doubles for the RFM
 * files: a million values in a few tens of milliseconds where a comparison
 * sort takes a few hundred. Doubles map to 64-bit keys that order as the
 * numbers do (-0 taken as +0, so equal numbers stay equal); eight passes of
 * one byte each, a pass skipped when every key has the same byte there
 * (the high bytes of values of one sign and magnitude). Stable: equal
 * values keep their input order.
 */
#include <string.h>
#include "hash.h"
#include "rfm_internal.h"

static inline uint64_t order_key(double v)
{
	uint64_t u = cxm__double_bits(v);
	return u >> 63 ? ~u : u | (uint64_t)1 << 63;
}

int cxm__rfm_radix_order(size_t *order, const double *x, size_t n, const char *what)
{
	uint64_t *k1 = NULL, *k2 = NULL;
	size_t *o2 = NULL, i, count[256];
	void *b1 = NULL, *b2 = NULL, *b3 = NULL;
	unsigned pass;
	int rc;
	if (n == 0)
		return CXM_OK;
	if ((rc = cxm__alloc_big(&k1, &b1, n, sizeof *k1, what)) < 0 ||
	    (rc = cxm__alloc_big(&k2, &b2, n, sizeof *k2, what)) < 0 ||
	    (rc = cxm__alloc_big(&o2, &b3, n, sizeof *o2, what)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		k1[i] = order_key(x[i]);
		order[i] = i;
	}
	for (pass = 0; pass < 8; pass++) {
		unsigned shift = 8 * pass;
		size_t pos = 0, b;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(k1[i] >> shift) & 0xff]++;
		if (count[(k1[0] >> shift) & 0xff] == n)
			continue; /* one byte value: the order stays */
		for (b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = pos;
			pos += c;
		}
		for (i = 0; i < n; i++) {
			size_t p = count[(k1[i] >> shift) & 0xff]++;
			k2[p] = k1[i];
			o2[p] = order[i];
		}
		{
			uint64_t *t = k1;
			k1 = k2;
			k2 = t;
		}
		memcpy(order, o2, n * sizeof *order);
	}
	rc = CXM_OK;
done:
	cxm__free_big(b3);
	cxm__free_big(b2);
	cxm__free_big(b1);
	return rc;
}

static inline double from_key(uint64_t k)
{
	uint64_t u = k >> 63 ? k & ~((uint64_t)1 << 63) : ~k;
	double v;
	memcpy(&v, &u, sizeof v);
	return v;
}

int cxm__rfm_sort(double *x, size_t n, const char *what)
{
	uint64_t *k1 = NULL, *k2 = NULL;
	size_t i, count[256];
	void *b1 = NULL, *b2 = NULL;
	unsigned pass;
	int rc;
	if (n < 64) { /* insertion sort: no allocation for small inputs */
		for (i = 1; i < n; i++) {
			double v = x[i];
			size_t j = i;
			while (j > 0 && x[j - 1] > v) {
				x[j] = x[j - 1];
				j--;
			}
			x[j] = v;
		}
		return CXM_OK;
	}
	/* the keys alone (values need no order of their own): two arrays of n */
	if ((rc = cxm__alloc_big(&k1, &b1, n, sizeof *k1, what)) < 0 ||
	    (rc = cxm__alloc_big(&k2, &b2, n, sizeof *k2, what)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		k1[i] = order_key(x[i]);
	for (pass = 0; pass < 8; pass++) {
		unsigned shift = 8 * pass;
		size_t pos = 0, b;
		uint64_t *t;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(k1[i] >> shift) & 0xff]++;
		if (count[(k1[0] >> shift) & 0xff] == n)
			continue;
		for (b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = pos;
			pos += c;
		}
		for (i = 0; i < n; i++)
			k2[count[(k1[i] >> shift) & 0xff]++] = k1[i];
		t = k1;
		k1 = k2;
		k2 = t;
	}
	for (i = 0; i < n; i++)
		x[i] = from_key(k1[i]); /* -0 comes back as +0: equal */
	rc = CXM_OK;
done:
	cxm__free_big(b2);
	cxm__free_big(b1);
	return rc;
}
