/*
 * lib/core/rng.h - the library's one random number generator: xoshiro256**
 * (Blackman & Vigna 2018) seeded through splitmix64.
 *
 * Every random choice of the library comes from a seed the caller gave, so
 * results are reproducible. A (seed, stream) pair names an independent
 * sequence: work split over threads or repeated (bootstrap samples, n_init
 * runs, gap references) takes stream = its index, never "the next numbers
 * of a shared generator", so results do not depend on the thread count.
 */
#ifndef CXM_RNG_H
#define CXM_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct cxm__rng {
	uint64_t s[4];
} cxm__rng;

static inline uint64_t cxm__splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/** The sequence named by (seed, stream). */
static inline void cxm__rng_init(cxm__rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (cxm__splitmix64(&stream) * 0xd1342543de82ef95ULL);
	int i;
	for (i = 0; i < 4; i++)
		r->s[i] = cxm__splitmix64(&x);
}

static inline uint64_t cxm__rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/** 64 random bits. */
static inline uint64_t cxm__rng_next(cxm__rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = cxm__rng_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = cxm__rng_rotl(s[3], 45);
	return result;
}

/** Uniform in [0, 1), 53 random bits. */
static inline double cxm__rng_uniform(cxm__rng *r)
{
	return (double)(cxm__rng_next(r) >> 11) * 0x1.0p-53;
}

/** Uniform integer in [0, n), n >= 1, without bias (Lemire 2019). */
static inline uint64_t cxm__rng_below(cxm__rng *r, uint64_t n)
{
	uint64_t x = cxm__rng_next(r);
	__uint128_t m = (__uint128_t)x * n;
	uint64_t l = (uint64_t)m;
	if (l < n) {
		uint64_t t = -n % n;
		while (l < t) {
			x = cxm__rng_next(r);
			m = (__uint128_t)x * n;
			l = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

#endif
