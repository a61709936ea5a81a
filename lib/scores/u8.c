/*
 * lib/scores/u8.c - the byte fast path: tally answers on a small scale.
 *
 * Why not a histogram: counts[s[i]]++ over 100M answers on an 11-point scale
 * sends most increments to a few hot bins, and each one waits for the previous
 * store to the same bin (store forwarding), about one byte per cycle. Instead,
 * for scales of K <= 16 points we compare and count: with y = s - lo (wrapping,
 * so an answer below lo becomes a large y), count ge[t-1] = #(y >= t) for
 * t = 1..K in byte-wide vector lanes. A lane adds 1 per step and is flushed to
 * 64-bit totals every 255 steps, before it can wrap. Then
 *     counts[0] = n - ge[0],  counts[k] = ge[k-1] - ge[k],
 * and ge[K-1] = #(y >= K) is the number of answers outside [lo, hi], so the
 * range check costs one more compare and no extra pass. The first offender is
 * looked for (by a plain scan from the start) only when that count is not 0.
 *
 * Vectors are GCC/Clang vector extensions; each kernel's width must match what
 * its target has natively (a 64-byte vector on plain SSE2 is lowered to slow
 * code), so on x86-64 there are three kernels, picked at run time: AVX-512BW
 * (64 bytes), AVX2 (32) and SSE2 (16, the x86-64 baseline). Other targets with
 * 16-byte SIMD use a 16-byte kernel; everything else, and scales wider than
 * 16 points, takes the histogram path, kept as four tables so that equal
 * neighbouring bytes do not wait on each other's stores.
 *
 * Large inputs (CXM__U8_THREADS_MIN bytes and more) are split in two halves
 * counted by two threads; counts are integers, so the result is identical to
 * the single-threaded one. If the thread cannot be started, this thread counts
 * both halves.
 */
#include <string.h>
#include "scores_internal.h"

#if defined(__unix__) || defined(__APPLE__)
#  include <unistd.h>
#endif
#if defined(_POSIX_THREADS) && _POSIX_THREADS > 0
#  include <pthread.h>
#  define U8_THREADS 1
#else
#  define U8_THREADS 0
#endif

#define GE_MAX 16     /* the widest scale taking the compare-and-count path */
#define LANE_STEPS 255 /* a byte lane counts at most 255 hits before a flush */

#if defined(__GNUC__) && defined(__x86_64__)
#  define U8_X86 1
#elif defined(__GNUC__) && (defined(__ARM_NEON) || defined(__ALTIVEC__) || defined(__wasm_simd128__))
#  define U8_VEC16 1
#endif

#if defined(U8_X86) || defined(U8_VEC16)
/*
 * DEFINE_GE(name, W, ATTR) defines
 *     static size_t name(uint64_t *ge, const uint8_t *s, size_t n, int lo, int K)
 * which adds #(y >= t) to ge[t-1] for t = 1..K over the first n / W * W bytes
 * and returns how many bytes it read. The pass is inlined with a constant
 * number of thresholds, so that the counters live in registers; scales with
 * no case of their own use the next larger case, padded with a threshold no
 * byte passes.
 *
 * Signed trick: z = (int8)(s + 128 - lo) = y - 128, so y >= t is the one
 * signed compare z > t - 129 (x86 has no unsigned byte compare before
 * AVX-512). A true compare gives -1, so lanes count down; -lane is the count.
 */
#define DEFINE_GE(name, W, ATTR)                                                              \
	typedef uint8_t name##_vu8 __attribute__((vector_size(W)));                           \
	typedef int8_t name##_vs8 __attribute__((vector_size(W)));                            \
	ATTR static inline __attribute__((always_inline)) void name##_pass(                   \
		uint64_t *ge, const uint8_t *s, size_t nv, int lo, int K, const int nt)       \
	{                                                                                     \
		name##_vs8 cnt[GE_MAX], thr[GE_MAX];                                          \
		const name##_vu8 bias = (name##_vu8){ 0 } + (uint8_t)(128 - lo);             \
		size_t i, k, m;                                                               \
		int j, l;                                                                     \
		for (j = 0; j < nt; j++) {                                                    \
			cnt[j] = (name##_vs8){ 0 };                                           \
			thr[j] = (name##_vs8){ 0 } + (int8_t)(j < K ? j - 128 : 127);         \
		}                                                                             \
		for (i = 0; i < nv; i += m) {                                                 \
			m = nv - i < LANE_STEPS ? nv - i : LANE_STEPS;                        \
			for (k = 0; k < m; k++) {                                             \
				name##_vu8 x;                                                 \
				name##_vs8 z;                                                 \
				memcpy(&x, s + (i + k) * W, W); /* unaligned load */          \
				z = (name##_vs8)(x + bias);                                   \
				for (j = 0; j < nt; j++)                                      \
					cnt[j] += z > thr[j];                                 \
			}                                                                     \
			for (j = 0; j < nt && j < K; j++) {                                   \
				unsigned sum = 0;                                             \
				for (l = 0; l < W; l++)                                       \
					sum += (uint8_t)-cnt[j][l];                           \
				ge[j] += sum;                                                 \
				cnt[j] = (name##_vs8){ 0 };                                   \
			}                                                                     \
		}                                                                             \
	}                                                                                     \
	ATTR static size_t name(uint64_t *ge, const uint8_t *s, size_t n, int lo, int K)      \
	{                                                                                     \
		size_t nv = n / W;                                                            \
		if (K <= 3)                                                                   \
			name##_pass(ge, s, nv, lo, K, 3);                                     \
		else if (K <= 5)                                                              \
			name##_pass(ge, s, nv, lo, K, 5); /* CSAT, CES 1-5 */                 \
		else if (K <= 7)                                                              \
			name##_pass(ge, s, nv, lo, K, 7); /* CES 1-7 */                       \
		else if (K <= 11)                                                             \
			name##_pass(ge, s, nv, lo, K, 11); /* NPS 0-10, 1-10 */               \
		else                                                                          \
			name##_pass(ge, s, nv, lo, K, GE_MAX);                                \
		return nv * W;                                                                \
	}

#if defined(U8_X86)
DEFINE_GE(ge_avx512, 64, __attribute__((target("avx512bw"))))
DEFINE_GE(ge_avx2, 32, __attribute__((target("avx2"))))
DEFINE_GE(ge_sse2, 16, )

static size_t ge_simd(uint64_t *ge, const uint8_t *s, size_t n, int lo, int K)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512bw"))
		return ge_avx512(ge, s, n, lo, K);
	if (__builtin_cpu_supports("avx2"))
		return ge_avx2(ge, s, n, lo, K);
	return ge_sse2(ge, s, n, lo, K);
}
#else
DEFINE_GE(ge_simd, 16, )
#endif
#define U8_SIMD 1
#else
#define U8_SIMD 0
#endif

/* One thread's share: per-point counts of its bytes and how many were off the scale. */
struct part {
	const uint8_t *s;
	size_t n;
	int lo, K;
	uint64_t bad;
	uint64_t counts[256];
};

static void tally_hist(struct part *p)
{
	uint64_t h[4][256], total = 0;
	size_t i;
	int k;
	memset(h, 0, sizeof h);
	for (i = 0; i + 4 <= p->n; i += 4) {
		h[0][p->s[i]]++;
		h[1][p->s[i + 1]]++;
		h[2][p->s[i + 2]]++;
		h[3][p->s[i + 3]]++;
	}
	for (; i < p->n; i++)
		h[0][p->s[i]]++;
	for (k = 0; k < p->K; k++) {
		int v = p->lo + k;
		p->counts[k] = h[0][v] + h[1][v] + h[2][v] + h[3][v];
		total += p->counts[k];
	}
	p->bad = (uint64_t)p->n - total;
}

static void tally_part(struct part *p)
{
#if U8_SIMD
	uint64_t ge[GE_MAX] = { 0 };
	size_t i = 0;
	int k;
	if (p->K > GE_MAX) {
		tally_hist(p);
		return;
	}
	if (p->n)
		i = ge_simd(ge, p->s, p->n, p->lo, p->K);
	for (; i < p->n; i++) { /* the tail, under one vector */
		unsigned y = (uint8_t)(p->s[i] - p->lo);
		for (k = 0; k < p->K && k < (int)y; k++)
			ge[k]++;
	}
	p->counts[0] = (uint64_t)p->n - ge[0];
	for (k = 1; k < p->K; k++)
		p->counts[k] = ge[k - 1] - ge[k];
	p->bad = ge[p->K - 1];
#else
	tally_hist(p);
#endif
}

#if U8_THREADS
static void *tally_thread(void *arg)
{
	tally_part(arg);
	return NULL;
}
#endif

int cxm__tally_u8(uint64_t *counts, const uint8_t *s, size_t n, int lo, int hi)
{
	struct part a, b;
	size_t i;
	int k;

	if (lo < 0 || hi > 255 || lo > hi)
		return cxm__fail(CXM_EBAD_ARG, "byte scale %d..%d must satisfy 0 <= lo <= hi <= 255", lo, hi);
	a.s = s;
	a.n = n;
	a.lo = b.lo = lo;
	a.K = b.K = hi - lo + 1;
	b.s = s;
	b.n = 0;
	b.bad = 0;
	memset(b.counts, 0, sizeof b.counts);
#if U8_THREADS
	if (n >= CXM__U8_THREADS_MIN) {
		pthread_t th;
		a.n = n / 2;
		b.s = s + a.n;
		b.n = n - a.n;
		if (pthread_create(&th, NULL, tally_thread, &a) == 0) {
			tally_part(&b);
			pthread_join(th, NULL);
		} else {
			tally_part(&a);
			tally_part(&b);
		}
	} else
#endif
	{
		tally_part(&a);
	}
	if (a.bad || b.bad) {
		for (i = 0; s[i] >= lo && s[i] <= hi; i++)
			; /* the first offender, for the message */
		return cxm__fail(CXM_EOUT_OF_RANGE, "scores[%zu] = %d is outside the scale %d..%d", i, s[i],
				 lo, hi);
	}
	for (k = 0; k < a.K; k++)
		counts[k] = a.counts[k] + b.counts[k];
	return CXM_OK;
}
