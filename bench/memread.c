/*
 * bench/memread.c - the yardstick: one plain read of every byte of a buffer,
 * summed as 64-bit words into 4 vector accumulators (so the adds never limit
 * the loop), with loads of 16, 32 or 64 bytes. Which load width reads fastest
 * depends on the machine (on the AMD EPYC of README.md, 32-byte loads beat
 * both 16 and 64), so the benches time every width the CPU has and take the
 * fastest as "the memory-read rate": the yardstick is never handicapped.
 * Loads start on a 64-byte boundary (after a byte loop), as in cxm__tally_u8.
 * With threads == 2 the buffer is split in halves exactly as cxm__tally_u8
 * splits it (a new thread reads the first half, the caller the second), so
 * thread start-up is in both timings.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Sum of the 64-bit words of p[0..n) (returned so that the reads cannot be
 * optimised away); width 16, 32 or 64; 0 if this CPU cannot load that width. */
uint64_t cxb_memread(const uint8_t *p, size_t n, int threads, int width);
/* 1 if cxb_memread can use this load width here. */
int cxb_memread_has(int width);

#define DEFINE_READ(name, W, ATTR)                                                        \
	ATTR static uint64_t name(const uint8_t *p, size_t n)                             \
	{                                                                                 \
		typedef uint64_t v __attribute__((vector_size(W)));                       \
		v a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, x;                          \
		uint64_t sum = 0;                                                         \
		size_t i = 0;                                                             \
		int l;                                                                    \
		for (; i < n && (uintptr_t)(p + i) % 64; i++) /* aligned, as the kernel */ \
			sum += p[i];                                                      \
		for (; i + 4 * W <= n; i += 4 * W) {                                      \
			memcpy(&x, p + i, W);                                             \
			a += x;                                                           \
			memcpy(&x, p + i + W, W);                                         \
			b += x;                                                           \
			memcpy(&x, p + i + 2 * W, W);                                     \
			c += x;                                                           \
			memcpy(&x, p + i + 3 * W, W);                                     \
			d += x;                                                           \
		}                                                                         \
		a += b + c + d;                                                           \
		for (l = 0; l < W / 8; l++)                                               \
			sum += a[l];                                                      \
		for (; i < n; i++)                                                        \
			sum += p[i];                                                      \
		return sum;                                                               \
	}

DEFINE_READ(read16, 16, )
#if defined(__GNUC__) && defined(__x86_64__)
DEFINE_READ(read32, 32, __attribute__((target("avx2"))))
DEFINE_READ(read64, 64, __attribute__((target("avx512f"))))
#else
DEFINE_READ(read32, 32, )
DEFINE_READ(read64, 64, )
#endif

int cxb_memread_has(int width)
{
#if defined(__GNUC__) && defined(__x86_64__)
	__builtin_cpu_init();
	if (width == 32)
		return __builtin_cpu_supports("avx2");
	if (width == 64)
		return __builtin_cpu_supports("avx512f");
	return width == 16;
#else
	return width == 16; /* wider vectors would be split by the compiler */
#endif
}

struct job {
	const uint8_t *p;
	size_t n;
	int width;
	uint64_t sum;
};

static void *read_all(void *arg)
{
	struct job *j = arg;
	j->sum = j->width == 64 ? read64(j->p, j->n) : j->width == 32 ? read32(j->p, j->n) : read16(j->p, j->n);
	return NULL;
}

uint64_t cxb_memread(const uint8_t *p, size_t n, int threads, int width)
{
	struct job x = { p, n, width, 0 }, y = { p, 0, width, 0 };
	pthread_t th;
	if (!cxb_memread_has(width))
		return 0;
	if (threads < 2) {
		read_all(&x);
		return x.sum;
	}
	x.n = n / 2;
	y.p = p + x.n;
	y.n = n - x.n;
	if (pthread_create(&th, NULL, read_all, &x) == 0) {
		read_all(&y);
		pthread_join(th, NULL);
	} else {
		read_all(&x);
		read_all(&y);
	}
	return x.sum + y.sum;
}
