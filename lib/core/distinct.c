/* lib/core/distinct.c - distinct keys in first-seen order (distinct.h). */
#include <string.h>
#include "distinct.h"

/*
 * The slots for `keys` keys at a load of at most 1/2: a power of two >= 16,
 * and the shift that takes a hash's high bits to a slot. Errors: NOMEM when
 * the keys could not be numbered in 32 bits.
 */
static int slot_count(size_t *n, size_t *shift, size_t keys, const char *what)
{
	*n = 16;
	*shift = 60;
	if (keys > CXM__DISTINCT_MAX)
		return cxm__fail(CXM_ENOMEM, "%s: more than %zu distinct keys", what, CXM__DISTINCT_MAX);
	for (; *n < 2 * keys; *n *= 2)
		--*shift;
	return CXM_OK;
}

int cxm__distinct_init_values(cxm__distinct *d, unsigned width, unsigned values, size_t expected,
			      const char *what)
{
	memset(d, 0, sizeof *d);
	if (width < 1 || width > 3)
		return cxm__fail(CXM_EBAD_ARG, "%s: keys of %u doubles; 1 to 3 are possible", what, width);
	if (values > CXM__DISTINCT_MAX_VALUES)
		return cxm__fail(CXM_EBAD_ARG, "%s: %u values per key; at most %u are possible", what, values,
				 CXM__DISTINCT_MAX_VALUES);
	d->width = width;
	d->stride = width + values;
	d->what = what;
	return cxm__distinct_grow(d, expected < 8 ? 8 : expected);
}

int cxm__distinct_init(cxm__distinct *d, unsigned width, size_t expected, const char *what)
{
	return cxm__distinct_init_values(d, width, 0, expected, what);
}

int cxm__distinct_grow(cxm__distinct *d, size_t keys)
{
	uint32_t *slot;
	double *grown;
	size_t n, shift, i;
	int rc;
	if (keys <= d->cap)
		return CXM_OK;
	if (keys > CXM__DISTINCT_MAX && d->cap < CXM__DISTINCT_MAX)
		keys = CXM__DISTINCT_MAX; /* the last doubling, cut to what slots can number */
	if ((rc = slot_count(&n, &shift, keys, d->what)) < 0)
		return rc;
	if ((slot = cxm__calloc(n, sizeof *slot)) == NULL)
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu slots", d->what, n);
	if (keys > SIZE_MAX / (d->stride * sizeof *grown) ||
	    (grown = cxm__realloc(d->keys, keys * d->stride * sizeof *grown)) == NULL) {
		cxm__free(slot);
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu keys", d->what, keys);
	}
	cxm__free(d->slot);
	d->slot = slot;
	d->mask = n - 1;
	d->shift = shift;
	d->keys = grown;
	d->cap = keys;
	/* the keys so far into the new slots, in index order: all distinct, so
	 * each goes to the first empty slot of its probe */
	for (i = 0; i < d->count; i++) {
		size_t h = (size_t)(cxm__distinct_hash_n(cxm__distinct_row(d, i), d->width) >> shift);
		while (slot[h] != 0)
			h = (h + 1) & (n - 1);
		slot[h] = (uint32_t)(i + 1);
	}
	return CXM_OK;
}

void cxm__distinct_clear(cxm__distinct *d)
{
	memset(d->slot, 0, (d->mask + 1) * sizeof *d->slot);
	d->count = 0;
}

void cxm__distinct_free(cxm__distinct *d)
{
	cxm__free(d->slot);
	cxm__free(d->keys);
	memset(d, 0, sizeof *d);
}

/* ---- text ------------------------------------------------------------------ */

/* Strings are copied into blocks of at least this many bytes. */
#define TEXT_BLOCK ((size_t)64 * 1024)

struct cxm__text_block {
	cxm__text_block *next;
	size_t used, cap;
	char text[];
};

/*
 * A hash of the bytes, eight at a time: each word multiplied in, its high
 * bits folded down, then splitmix64's finaliser. Only the slots depend on it
 * (never an index), so it may change freely.
 */
static uint64_t hash_text(const char *s, size_t len)
{
	uint64_t h = (uint64_t)len * CXM__HASH_K1, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * CXM__HASH_K2;
		h ^= h >> 29;
	}
	if (len > 0) {
		w = 0;
		while (len > 0) /* the last 1..7 bytes, first one lowest */
			w = w << 8 | (unsigned char)s[--len];
		h = (h ^ w) * CXM__HASH_K2;
	}
	return cxm__mix64(h);
}

/* The slot of s (len bytes, hash h), or the empty slot where it would go. */
static size_t text_slot(const cxm__texts *t, const char *s, size_t len, uint64_t h)
{
	size_t i = (size_t)(h >> t->shift);
	uint64_t v, tag = h >> 32;
	while ((v = t->slot[i]) != 0) {
		size_t k = (size_t)(uint32_t)v - 1;
		if (v >> 32 == tag && t->len[k] == len && memcmp(t->str[k], s, len) == 0)
			break;
		i = (i + 1) & t->mask;
	}
	return i;
}

static int texts_grow(cxm__texts *t, size_t keys)
{
	uint64_t *slot;
	size_t n, shift, i;
	const char **str;
	size_t *len;
	int rc;
	if (keys > CXM__DISTINCT_MAX && t->cap < CXM__DISTINCT_MAX)
		keys = CXM__DISTINCT_MAX;
	if ((rc = slot_count(&n, &shift, keys, t->what)) < 0)
		return rc;
	if ((slot = cxm__calloc(n, sizeof *slot)) == NULL)
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu slots", t->what, n);
	str = cxm__realloc((void *)t->str, keys * sizeof *str);
	if (str)
		t->str = str;
	len = str ? cxm__realloc(t->len, keys * sizeof *len) : NULL;
	if (!len) {
		cxm__free(slot);
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu strings", t->what, keys);
	}
	t->len = len;
	/* the strings so far into the new slots: all distinct, so each goes to
	 * the first empty slot from where its hash (the slot's high bits) points */
	for (i = 0; i <= t->mask && t->slot != NULL; i++) {
		uint64_t v = t->slot[i];
		size_t h;
		if (v == 0)
			continue;
		for (h = (size_t)(v >> shift); slot[h] != 0; h = (h + 1) & (n - 1))
			;
		slot[h] = v;
	}
	cxm__free(t->slot);
	t->slot = slot;
	t->mask = n - 1;
	t->shift = shift;
	t->cap = keys;
	return CXM_OK;
}

static int texts_init(cxm__texts *t, size_t expected, int borrowed, const char *what)
{
	int rc;
	memset(t, 0, sizeof *t);
	t->what = what;
	t->borrowed = borrowed;
	if ((rc = texts_grow(t, expected < 8 ? 8 : expected)) < 0)
		cxm__texts_free(t); /* a failed init holds nothing */
	return rc;
}

int cxm__texts_init(cxm__texts *t, size_t expected, const char *what)
{
	return texts_init(t, expected, 0, what);
}

int cxm__texts_init_borrowed(cxm__texts *t, size_t expected, const char *what)
{
	return texts_init(t, expected, 1, what);
}

/* A copy of s[0..len) and a NUL, in the current block or a new one. */
static const char *copy_text(cxm__texts *t, const char *s, size_t len)
{
	cxm__text_block *b = t->blocks;
	char *dst;
	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > TEXT_BLOCK ? len + 1 : TEXT_BLOCK;
		if (len >= (size_t)-1 - sizeof *b - 1 || (b = cxm__malloc(sizeof *b + cap)) == NULL)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = t->blocks;
		t->blocks = b;
	}
	dst = b->text + b->used;
	memcpy(dst, s, len);
	dst[len] = '\0';
	b->used += len + 1;
	return dst;
}

uint64_t cxm__texts_hash(const char *s, size_t len)
{
	return hash_text(s, len);
}

int cxm__texts_add(cxm__texts *t, const char *s, size_t len, size_t *index)
{
	return cxm__texts_add_hashed(t, s, len, hash_text(s, len), index);
}

int cxm__texts_add_hashed(cxm__texts *t, const char *s, size_t len, uint64_t h, size_t *index)
{
	size_t i = text_slot(t, s, len, h), k;
	int rc;
	if (t->slot[i] == 0) {
		const char *copy = s;
		if (t->count == t->cap) {
			if ((rc = texts_grow(t, 2 * t->cap)) < 0)
				return rc;
			i = text_slot(t, s, len, h);
		}
		if (!t->borrowed && (copy = copy_text(t, s, len)) == NULL)
			return cxm__fail(CXM_ENOMEM, "%s: no memory for a string of %zu bytes", t->what, len);
		k = t->count++;
		t->str[k] = copy;
		t->len[k] = len;
		t->slot[i] = (h >> 32) << 32 | (uint64_t)(k + 1);
	}
	*index = (size_t)(uint32_t)t->slot[i] - 1;
	return CXM_OK;
}

void cxm__texts_prefetch(const cxm__texts *t, uint64_t hash)
{
	cxm__prefetch(t->slot + (size_t)(hash >> t->shift));
}

void cxm__texts_free(cxm__texts *t)
{
	cxm__text_block *b = t->blocks;
	while (b) {
		cxm__text_block *next = b->next;
		cxm__free(b);
		b = next;
	}
	cxm__free(t->slot);
	cxm__free((void *)t->str);
	cxm__free(t->len);
	memset(t, 0, sizeof *t);
}
