/*
 * lib/core/hash.h - hashing doubles for the open-addressing tables that find
 * repeated values and patterns (CLV fits and predictions).
 */
#ifndef CXM_HASH_H
#define CXM_HASH_H

#include <stdint.h>
#include <string.h>

/* Multipliers (odd, from the golden ratio and MurmurHash3) that spread the
 * bits of the second and third key over the first before mixing. */
#define CXM__HASH_K1 0x9e3779b97f4a7c15u
#define CXM__HASH_K2 0xc2b2ae3d27d4eb4fu
/* A third (splitmix64's), for core/distinct's keys of three doubles. */
#define CXM__HASH_K3 0x94d049bb133111ebu

/** The bits of v, with -0 taken as +0 (equal values hash alike). */
static inline uint64_t cxm__double_bits(double v)
{
	uint64_t u;
	v += 0.0;
	memcpy(&u, &v, sizeof u);
	return u;
}

/** splitmix64's finaliser: every input bit reaches every output bit. */
static inline uint64_t cxm__mix64(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

/** A hash of up to three doubles (pass 0.0 for unused ones). */
static inline uint64_t cxm__hash3(double a, double b, double c)
{
	return cxm__mix64(cxm__double_bits(a) * CXM__HASH_K1 ^ cxm__double_bits(b) * CXM__HASH_K2 ^
			  cxm__double_bits(c));
}

#endif
