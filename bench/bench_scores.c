/*
 * bench/bench_scores.c - pure-C timing of the uint8 score paths against a
 * plain memory-read pass over the same bytes, in one run (no Python, no numpy;
 * bench_scores.py adds the numpy side). Reads scores_{nps,csat,ces}_100M.npy
 * from $CXB_DATA (default ~/.cache/cx-baselines), written by the seeded
 * generator gen_scores.py. Exits 77 (meson's "skipped") when they are missing.
 *
 *   build-bench/bench/bench_scores [repetitions] [size]   (size: 100M or 10M)
 *
 * Rounds are interleaved (memory reads with 16/32/64-byte loads on 1 and 2
 * threads, NPS, CSAT, CES in each), so interference from other processes hits
 * all of them alike; medians are printed. "memread" is the fastest load width.
 * Before every timed pass, an untimed read of a 64 MB scratch buffer puts the
 * caches in the same state.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cxmetrics.h>

uint64_t cxb_memread(const uint8_t *p, size_t n, int threads, int width);
int cxb_memread_has(int width);

static uint8_t *scratch; /* 64 MB, read (untimed) before every timed pass */
#define SCRATCH_BYTES ((size_t)64 << 20)

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Start a timed pass: first an untimed read of the scratch buffer, so that every
 * pass finds the caches in the same state (full of clean lines, none of its own). */
static double start(void)
{
	cxb_memread(scratch, SCRATCH_BYTES, 2, 16);
	return now();
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

/* A one-dimensional uint8 .npy file, read whole into memory. */
static uint8_t *load_npy(const char *path, size_t *n, void **block)
{
	FILE *f = fopen(path, "rb");
	unsigned char head[12];
	size_t hlen, off, size;
	long end;
	char *hdr;
	if (!f)
		return NULL;
	if (fread(head, 1, sizeof head, f) != sizeof head || memcmp(head, "\x93NUMPY", 6) != 0)
		goto bad;
	if (head[6] == 1) {
		hlen = (size_t)head[8] | (size_t)head[9] << 8;
		off = 10;
	} else {
		hlen = (size_t)head[8] | (size_t)head[9] << 8 | (size_t)head[10] << 16 | (size_t)head[11] << 24;
		off = 12;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (end = ftell(f)) < 0 || (size_t)end < off + hlen)
		goto bad;
	size = (size_t)end;
	if (!(*block = malloc(size)))
		goto bad;
	if (fseek(f, 0, SEEK_SET) != 0 || fread(*block, 1, size, f) != size) {
		free(*block);
		goto bad;
	}
	fclose(f);
	hdr = (char *)*block + off;
	if (!strstr(hdr, "'descr': '|u1'") || strstr(hdr, "'fortran_order': True")) {
		fprintf(stderr, "%s: not a 1-d uint8 array\n", path);
		free(*block);
		return NULL;
	}
	*n = size - off - hlen;
	return (uint8_t *)*block + off + hlen;
bad:
	fclose(f);
	return NULL;
}

#define MAX_REPS 101
#define NPASS 9 /* memread 16/32/64 bytes x 1/2 threads, NPS, CSAT, CES */

int main(int argc, char **argv)
{
	static const char *names[3] = { "nps", "csat", "ces" };
	static const int widths[3] = { 16, 32, 64 };
	const char *dir = getenv("CXB_DATA"), *size = argc > 2 ? argv[2] : "100M";
	char path[3][4096], home[4096];
	int reps = argc > 1 ? atoi(argv[1]) : 11, r, w;
	uint8_t *a[3];
	void *block[3];
	size_t n[3];
	double t[NPASS][MAX_REPS], med[NPASS], mr[2] = { 1e9, 1e9 };
	int best[2] = { 16, 16 };
	uint64_t sink = 0;

	if (reps < 1 || reps > MAX_REPS)
		reps = 11;
	if (!dir || !*dir) {
		int len = snprintf(home, sizeof home, "%s/.cache/cx-baselines", getenv("HOME") ? getenv("HOME") : ".");
		if (len < 0 || (size_t)len >= sizeof home)
			return 77;
		dir = home;
	}
	for (w = 0; w < 3; w++) {
		int len = snprintf(path[w], sizeof path[w], "%s/scores_%s_%s.npy", dir, names[w], size);
		if (len < 0 || (size_t)len >= sizeof path[w] || !(a[w] = load_npy(path[w], &n[w], &block[w]))) {
			fprintf(stderr, "bench_scores: cannot read %s; run gen_scores.py (bench/README.md)\n", path[w]);
			return 77;
		}
	}
	if (!(scratch = malloc(SCRATCH_BYTES)))
		return 1;
	memset(scratch, 1, SCRATCH_BYTES);
	for (r = -1; r < reps; r++) { /* round -1 warms up */
		cxm_nps_result nps = CXM_NPS_RESULT_INIT;
		cxm_csat_result csat = CXM_CSAT_RESULT_INIT;
		cxm_ces_result ces = CXM_CES_RESULT_INIT;
		double t0, d[NPASS] = { 0 };
		for (w = 0; w < 6; w++) {
			if (!cxb_memread_has(widths[w % 3]))
				continue;
			t0 = start();
			sink += cxb_memread(a[0], n[0], 1 + w / 3, widths[w % 3]);
			d[w] = now() - t0;
		}
		t0 = start();
		if (cxm_nps_u8(&nps, a[0], n[0], CXM_NPS_0_10) < 0)
			goto fail;
		d[6] = now() - t0;
		t0 = start();
		if (cxm_csat_u8(&csat, a[1], n[1], 1, 5, CXM_CSAT_DEFAULT_THRESHOLD, 0.95, CXM_Z_FROM_CONF) < 0)
			goto fail;
		d[7] = now() - t0;
		t0 = start();
		if (cxm_ces_u8(&ces, a[2], n[2], 5, 0.95, CXM_Z_FROM_CONF) < 0)
			goto fail;
		d[8] = now() - t0;
		if (r < 0) {
			printf("NPS %.6f (P %zu, Pa %zu, D %zu)  CSAT %.6f %%  CES %.6f %%, mean %.6f\n", nps.nps,
			       nps.promoters, nps.passives, nps.detractors, csat.pct_satisfied, ces.pct_agree, ces.mean);
			continue;
		}
		for (w = 0; w < NPASS; w++)
			t[w][r] = d[w];
	}
	for (w = 0; w < NPASS; w++)
		med[w] = median(t[w], reps);
	printf("medians of %d rounds, %s bytes per array (checksum %llu)\n", reps, size, (unsigned long long)(sink & 0xffff));
	printf("%-22s %9s %8s\n", "pass", "ms", "GB/s");
	for (w = 0; w < 6; w++) {
		if (!cxb_memread_has(widths[w % 3]))
			continue;
		printf("memread %2d-byte, %dT   %9.2f %8.1f\n", widths[w % 3], 1 + w / 3, med[w] * 1e3,
		       (double)n[0] / med[w] / 1e9);
		if (med[w] < mr[w / 3]) {
			mr[w / 3] = med[w];
			best[w / 3] = widths[w % 3];
		}
	}
	printf("memread = the fastest: %d-byte loads on 1 thread (%.1f GB/s), %d-byte on 2 (%.1f GB/s)\n\n", best[0],
	       (double)n[0] / mr[0] / 1e9, best[1], (double)n[0] / mr[1] / 1e9);
	printf("%-16s %9s %8s %12s %12s\n", "library call", "ms", "GB/s", "% memread 1T", "% memread 2T");
	for (w = 0; w < 3; w++) {
		double gbs = (double)n[w] / med[w + 6] / 1e9;
		printf("%-16s %9.2f %8.1f %12.0f %12.0f\n", w == 0 ? "cxm_nps_u8" : w == 1 ? "cxm_csat_u8" : "cxm_ces_u8",
		       med[w + 6] * 1e3, gbs, 100 * mr[0] / med[w + 6], 100 * mr[1] / med[w + 6]);
	}
	for (w = 0; w < 3; w++)
		free(block[w]);
	free(scratch);
	return 0;
fail:
	fprintf(stderr, "bench_scores: %s\n", cxm_error_last()->message);
	return 1;
}
