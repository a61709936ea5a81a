/* lib/rates/strset.h - a fixed-capacity open-addressing set of borrowed C strings. */
#ifndef CXM_STRSET_H
#define CXM_STRSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct cxm__strset_slot {
	const char *key; /* borrowed from the caller; NULL = empty slot */
	uint64_t hash;
} cxm__strset_slot;

typedef struct cxm__strset {
	cxm__strset_slot *slots;
	size_t mask;  /* slot count - 1 (a power of two) */
	size_t count; /* distinct keys inserted */
} cxm__strset;

/**
 * Room for at most `max_keys` distinct keys; the table never grows, so the
 * caller passes an upper bound (the number of insertions it will make).
 * Fails with CXM_ENOMEM (message names `what`).
 */
int cxm__strset_init(cxm__strset *set, size_t max_keys, const char *what);

/** Add a key (compared byte for byte); it must stay alive while the set is used. */
void cxm__strset_add(cxm__strset *set, const char *key);

void cxm__strset_free(cxm__strset *set);

#endif
