/*
 * lib/scores/u8.c - the byte fast path: tally answers on a small scale.
 *
 * Why not a histogram: counts[s[i]]++ over 100M answers on an 11-point scale
 * sends most increments to a few hot bins, and each one waits for the previous
 * store to the same bin (store forwarding): about one byte per cycle. Scales
 * of up to 16 points (every NPS, CSAT and CES scale) take a vector kernel that
 * keeps its counters in registers, in byte lanes flushed before they can wrap:
 *   - x86-64 with AVX2 or AVX-512BW (picked at run time): a 16-entry table
 *     lookup (PSHUFB) per pair of scale points, counting in nibbles;
 *     2 operations per pair of points per vector, about twice the speed of
 *   - compare-and-count, with GCC/Clang vector extensions on 16 bytes (SSE2,
 *     NEON, AltiVec, WASM): #(y >= t) for t = 1..K, y = s - lo;
 *     2 operations per point per vector.
 * Both count nothing for a byte off the scale, so the range check is free:
 * bytes off the scale = n - sum of the counts. Only when that is not 0 is the
 * input scanned again, from the start, for the first offender. Wider scales,
 * and compilers or targets without vectors, take the histogram path (four
 * tables, so that equal neighbouring bytes do not wait on each other's
 * stores).
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
#  include "parallel.h" /* cxm__thread_start */
#  define U8_THREADS 1
#else
#  define U8_THREADS 0
#endif

#define K_MAX 16 /* the widest scale taking a vector path */

#if defined(__GNUC__) && defined(__x86_64__)
#  define U8_X86 1
#  include <immintrin.h>
#elif defined(__GNUC__) && (defined(__ARM_NEON) || defined(__ALTIVEC__) || defined(__wasm_simd128__))
#  define U8_VEC16 1
#endif

/*
 * Every kernel adds, for the first `returned` bytes of s (a multiple of its
 * width W), #(s[i] == lo + k) to counts[k], k < K, and counts nothing for a
 * byte off the scale: the caller gets the number of those as n minus the sum.
 * A kernel is a pass with a constant number of counters, inlined into a
 * switch on K, so that the counters live in registers; a scale without a case
 * of its own takes the next larger one, padded with counters nothing reaches.
 */

#if defined(U8_X86)
/*
 * Table lookup with nibble counters (AVX2, AVX-512BW). y = s - lo, then
 * y' = y + 0x70 with unsigned saturation: y' = 0x70 + y for y < 16 and has its
 * top bit set for y >= 16 (or s < lo, which wraps to a large y). PSHUFB of a
 * 16-entry table by y' then gives table[y] for y < 16 and 0 otherwise. Table t
 * holds 1 at y = 2t and 16 at y = 2t + 1 (0 where y >= K), so adding the
 * lookups counts two scale points per byte lane, one per nibble: 2 operations
 * per table per W bytes, against 2 per point for compare-and-count. A nibble
 * holds 15, so every 15 steps the lanes are summed into 64-bit lanes with
 * PSADBW: once as they are (lo + 16 hi) and once masked to the low nibble;
 * hi = (all - lo) / 16 at the end.
 */
#define DEFINE_LUT(name, W, VT, ATTR, PFX)                                                      \
	typedef uint8_t name##_vu8 __attribute__((vector_size(W)));                             \
	typedef uint64_t name##_vu64 __attribute__((vector_size(W)));                           \
	ATTR static inline __attribute__((always_inline)) void name##_pass(                     \
		uint64_t *counts, const uint8_t *s, size_t nv, int lo, int K, const int T)      \
	{                                                                                       \
		name##_vu8 lut[K_MAX / 2], nib[K_MAX / 2];                                      \
		name##_vu64 qlo[K_MAX / 2], qall[K_MAX / 2];                                    \
		const name##_vu8 vlo = (name##_vu8){ 0 } + (uint8_t)lo;                         \
		const name##_vu8 up = (name##_vu8){ 0 } + 0x70, m0f = (name##_vu8){ 0 } + 0x0f; \
		size_t i, k, m;                                                                 \
		int t, l;                                                                       \
		for (t = 0; t < T; t++) {                                                       \
			for (l = 0; l < W; l++) {                                               \
				int y = l % 16;                                                 \
				lut[t][l] = (uint8_t)(y >= K || y / 2 != t ? 0 : y % 2 ? 16 : 1); \
			}                                                                       \
			qlo[t] = qall[t] = (name##_vu64){ 0 };                                  \
		}                                                                               \
		for (i = 0; i < nv; i += m) {                                                   \
			m = nv - i < 15 ? nv - i : 15;                                          \
			for (t = 0; t < T; t++)                                                 \
				nib[t] = (name##_vu8){ 0 };                                     \
			_Pragma("GCC unroll 3") /* not 15: small code, same speed */            \
			for (k = 0; k < m; k++) {                                               \
				name##_vu8 y;                                                   \
				memcpy(&y, s + (i + k) * W, W); /* unaligned load */            \
				y = (name##_vu8)PFX##_adds_epu8((VT)(y - vlo), (VT)up);         \
				for (t = 0; t < T; t++)                                         \
					nib[t] += (name##_vu8)PFX##_shuffle_epi8((VT)lut[t],    \
										   (VT)y);      \
			}                                                                       \
			for (t = 0; t < T; t++) {                                               \
				qall[t] += (name##_vu64)PFX##_sad_epu8((VT)nib[t], (VT){ 0 });  \
				qlo[t] += (name##_vu64)PFX##_sad_epu8((VT)(nib[t] & m0f),       \
										(VT){ 0 });     \
			}                                                                       \
		}                                                                               \
		for (t = 0; t < T && 2 * t < K; t++) {                                          \
			uint64_t sl = 0, sa = 0;                                                \
			for (l = 0; l < W / 8; l++) {                                           \
				sl += qlo[t][l];                                                \
				sa += qall[t][l];                                               \
			}                                                                       \
			counts[2 * t] += sl;                                                    \
			if (2 * t + 1 < K)                                                      \
				counts[2 * t + 1] += (sa - sl) / 16;                            \
		}                                                                               \
	}                                                                                       \
	ATTR static size_t name(uint64_t *counts, const uint8_t *s, size_t n, int lo, int K)    \
	{                                                                                       \
		size_t nv = n / W;                                                              \
		if (K <= 4)                                                                     \
			name##_pass(counts, s, nv, lo, K, 2);                                   \
		else if (K <= 6)                                                                \
			name##_pass(counts, s, nv, lo, K, 3); /* CSAT, CES 1-5 */               \
		else if (K <= 8)                                                                \
			name##_pass(counts, s, nv, lo, K, 4); /* CES 1-7 */                     \
		else if (K <= 12)                                                               \
			name##_pass(counts, s, nv, lo, K, 6); /* NPS 0-10, 1-10 */              \
		else                                                                            \
			name##_pass(counts, s, nv, lo, K, K_MAX / 2);                           \
		return nv * W;                                                                  \
	}

DEFINE_LUT(lut_avx512, 64, __m512i, __attribute__((target("avx512bw"))), _mm512)
DEFINE_LUT(lut_avx2, 32, __m256i, __attribute__((target("avx2"))), _mm256)
#endif

#if defined(U8_X86) || defined(U8_VEC16)
/*
 * Portable compare-and-count (16-byte vectors: SSE2, NEON, AltiVec, WASM):
 * ge[t-1] = #(y >= t) for t = 1..K in byte lanes, flushed every 255 steps
 * before a lane can wrap; then counts[0] = nv W - ge[0], counts[k] = ge[k-1] -
 * ge[k] (ge[K-1] counts the bytes off the scale). Signed trick: z = (int8)(s +
 * 128 - lo) = y - 128, so y >= t is the one signed compare z > t - 129 (SSE2
 * has no unsigned byte compare). A true compare gives -1 (all ones):
 * subtracting it adds 1 to an unsigned lane.
 */
typedef uint8_t ge_vu8 __attribute__((vector_size(16)));
typedef int8_t ge_vs8 __attribute__((vector_size(16)));

static inline __attribute__((always_inline)) void ge_pass(uint64_t *ge, const uint8_t *s, size_t nv,
							   int lo, int K, const int nt)
{
	ge_vu8 cnt[K_MAX];
	ge_vs8 thr[K_MAX];
	const ge_vu8 bias = (ge_vu8){ 0 } + (uint8_t)(128 - lo);
	size_t i, k, m;
	int j, l;
	for (j = 0; j < nt; j++) {
		cnt[j] = (ge_vu8){ 0 };
		thr[j] = (ge_vs8){ 0 } + (int8_t)(j < K ? j - 128 : 127); /* 127: never passed */
	}
	for (i = 0; i < nv; i += m) {
		m = nv - i < 255 ? nv - i : 255;
		for (k = 0; k < m; k++) {
			ge_vu8 x;
			ge_vs8 z;
			memcpy(&x, s + (i + k) * 16, 16); /* unaligned load */
			z = (ge_vs8)(x + bias);
			for (j = 0; j < nt; j++)
				cnt[j] -= (ge_vu8)(z > thr[j]);
		}
		for (j = 0; j < nt && j < K; j++) {
			unsigned sum = 0;
			for (l = 0; l < 16; l++)
				sum += cnt[j][l];
			ge[j] += sum;
			cnt[j] = (ge_vu8){ 0 };
		}
	}
}

static size_t ge_vec16(uint64_t *counts, const uint8_t *s, size_t n, int lo, int K)
{
	uint64_t ge[K_MAX] = { 0 };
	size_t nv = n / 16;
	int k;
	if (K <= 3)
		ge_pass(ge, s, nv, lo, K, 3);
	else if (K <= 5)
		ge_pass(ge, s, nv, lo, K, 5);
	else if (K <= 7)
		ge_pass(ge, s, nv, lo, K, 7);
	else if (K <= 11)
		ge_pass(ge, s, nv, lo, K, 11);
	else
		ge_pass(ge, s, nv, lo, K, K_MAX);
	counts[0] += (uint64_t)(nv * 16) - ge[0];
	for (k = 1; k < K; k++)
		counts[k] += ge[k - 1] - ge[k];
	return nv * 16;
}

static size_t kernel(uint64_t *counts, const uint8_t *s, size_t n, int lo, int K)
{
#if defined(U8_X86)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512bw"))
		return lut_avx512(counts, s, n, lo, K);
	if (__builtin_cpu_supports("avx2"))
		return lut_avx2(counts, s, n, lo, K);
#endif
	return ge_vec16(counts, s, n, lo, K);
}
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

#if U8_SIMD
/* The bytes outside the vectors: the head before the first aligned one, the tail. */
static void tally_few(uint64_t *counts, const uint8_t *s, size_t n, int lo, int K)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned y = (uint8_t)(s[i] - lo);
		if (y < (unsigned)K)
			counts[y]++;
	}
}
#endif

static void tally_part(struct part *p)
{
#if U8_SIMD
	size_t head, done;
	uint64_t total = 0;
	int k;
	if (p->K > K_MAX) {
		tally_hist(p);
		return;
	}
	memset(p->counts, 0, (size_t)p->K * sizeof p->counts[0]);
	if (p->n) {
		/* Vector loads start on a 64-byte boundary: a load split over two
		 * cache lines costs more, and with 64-byte loads every one would be. */
		head = (size_t)(-(uintptr_t)p->s % 64);
		if (head > p->n)
			head = p->n;
		tally_few(p->counts, p->s, head, p->lo, p->K);
		done = head + kernel(p->counts, p->s + head, p->n - head, p->lo, p->K);
		tally_few(p->counts, p->s + done, p->n - done, p->lo, p->K);
	}
	for (k = 0; k < p->K; k++)
		total += p->counts[k];
	p->bad = (uint64_t)p->n - total;
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
	/* a second thread only where the thread setting allows two
	 * (cxmetrics/threads.h: 1 means none is started) */
	if (n >= CXM__U8_THREADS_MIN && cxm__default_threads() > 1) {
		pthread_t th;
		a.n = n / 2;
		b.s = s + a.n;
		b.n = n - a.n;
		if (cxm__thread_start(&th, tally_thread, &a)) {
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
