/*
 * lib/core/hash.h - the bits that hashing doubles and bytes starts from, for
 * the library's one hash table (core/distinct.h).
 */
#ifndef CXM_HASH_H
#define CXM_HASH_H

#include <stdint.h>
#include <string.h>

/* Odd multipliers (the golden ratio's, MurmurHash3's and splitmix64's), one
 * per double of a key: each spreads the bits of its double over the high
 * bits of the product. */
#define CXM__HASH_K1 0x9e3779b97f4a7c15u
#define CXM__HASH_K2 0xc2b2ae3d27d4eb4fu
#define CXM__HASH_K3 0x94d049bb133111ebu

/** The bits of v, with -0 taken as +0 (equal values hash alike). Integer
 * operations only: a key read from memory need not pass through an FP register. */
static inline uint64_t cxm__double_bits(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	return u << 1 == 0 ? 0 : u;
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

#endif
