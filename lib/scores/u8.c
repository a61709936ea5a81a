/* lib/scores/u8.c - the byte fast path: tally answers on a small scale. */
#include <string.h>
#include "scores_internal.h"

int cxm__tally_u8(uint64_t *counts, const uint8_t *s, size_t n, int lo, int hi)
{
	uint64_t all[256];
	size_t i;
	int v;

	memset(all, 0, sizeof all);
	for (i = 0; i < n; i++)
		all[s[i]]++;
	for (v = 0; v < 256; v++) {
		if (all[v] && (v < lo || v > hi)) {
			for (i = 0; s[i] >= lo && s[i] <= hi; i++)
				; /* the first offender, for the message */
			return cxm__fail(CXM_EOUT_OF_RANGE, "scores[%zu] = %d is outside the scale %d..%d",
					 i, s[i], lo, hi);
		}
	}
	for (v = lo; v <= hi; v++)
		counts[v - lo] = all[v];
	return CXM_OK;
}
