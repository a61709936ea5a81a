/* lib/core/distinct.c - distinct keys in first-seen order (distinct.h). */
#include <string.h>
#include "distinct.h"

/* Slots for `keys` keys at a load of at most 1/2: a power of two >= 16. */
static int alloc_slots(uint32_t **slot, size_t *mask, size_t keys, const char *what)
{
	if (keys > CXM__DISTINCT_MAX)
		return cxm__fail(CXM_ENOMEM, "%s: more than %zu distinct keys", what, CXM__DISTINCT_MAX);
	return cxm__alloc_slots(slot, mask, 2 * keys, sizeof **slot, what);
}

int cxm__distinct_init(cxm__distinct *d, unsigned width, size_t expected, const char *what)
{
	memset(d, 0, sizeof *d);
	if (width < 1 || width > 3)
		return cxm__fail(CXM_EBAD_ARG, "%s: keys of %u doubles; 1 to 3 are possible", what, width);
	d->width = width;
	d->what = what;
	return cxm__distinct_grow(d, expected < 8 ? 8 : expected);
}

int cxm__distinct_grow(cxm__distinct *d, size_t keys)
{
	uint32_t *slot;
	double *grown;
	size_t mask, i;
	int rc;
	if (keys <= d->cap)
		return CXM_OK;
	if ((rc = alloc_slots(&slot, &mask, keys, d->what)) < 0)
		return rc;
	if (keys > (size_t)-1 / (d->width * sizeof *grown) ||
	    (grown = cxm__realloc(d->keys, keys * d->width * sizeof *grown)) == NULL) {
		cxm__free(slot);
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu keys", d->what, keys);
	}
	cxm__free(d->slot);
	d->slot = slot;
	d->mask = mask;
	d->keys = grown;
	d->cap = keys;
	/* the keys so far into the new slots, in index order */
	for (i = 0; i < d->count; i++)
		d->slot[cxm__distinct_slot(d, d->keys + i * d->width)] = (uint32_t)(i + 1);
	return CXM_OK;
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

/* FNV-1a over the bytes, then mixed (FNV's low bits alone are weak for masks). */
static uint64_t hash_text(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return cxm__mix64(h);
}

static size_t text_slot(const cxm__texts *t, const char *s, size_t len, uint64_t h)
{
	size_t i = (size_t)h & t->mask;
	while (t->slot[i] != 0) {
		size_t k = t->slot[i] - 1;
		if (t->hash[k] == h && t->len[k] == len && memcmp(t->str[k], s, len) == 0)
			break;
		i = (i + 1) & t->mask;
	}
	return i;
}

static int texts_grow(cxm__texts *t, size_t keys)
{
	uint32_t *slot;
	size_t mask, i;
	const char **str;
	size_t *len;
	uint64_t *hash;
	int rc;
	if ((rc = alloc_slots(&slot, &mask, keys, t->what)) < 0)
		return rc;
	str = cxm__realloc((void *)t->str, keys * sizeof *str);
	if (str)
		t->str = str;
	len = str ? cxm__realloc(t->len, keys * sizeof *len) : NULL;
	if (len)
		t->len = len;
	hash = len ? cxm__realloc(t->hash, keys * sizeof *hash) : NULL;
	if (!hash) {
		cxm__free(slot);
		return cxm__fail(CXM_ENOMEM, "%s: no memory for %zu strings", t->what, keys);
	}
	t->hash = hash;
	cxm__free(t->slot);
	t->slot = slot;
	t->mask = mask;
	t->cap = keys;
	for (i = 0; i < t->count; i++)
		t->slot[text_slot(t, t->str[i], t->len[i], t->hash[i])] = (uint32_t)(i + 1);
	return CXM_OK;
}

int cxm__texts_init(cxm__texts *t, size_t expected, const char *what)
{
	memset(t, 0, sizeof *t);
	t->what = what;
	return texts_grow(t, expected < 8 ? 8 : expected);
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

int cxm__texts_add(cxm__texts *t, const char *s, size_t len, size_t *index)
{
	uint64_t h = hash_text(s, len);
	size_t i = text_slot(t, s, len, h), k;
	int rc;
	if (t->slot[i] == 0) {
		const char *copy;
		if (t->count == t->cap) {
			if ((rc = texts_grow(t, 2 * t->cap)) < 0)
				return rc;
			i = text_slot(t, s, len, h);
		}
		if ((copy = copy_text(t, s, len)) == NULL)
			return cxm__fail(CXM_ENOMEM, "%s: no memory for a string of %zu bytes", t->what, len);
		k = t->count++;
		t->str[k] = copy;
		t->len[k] = len;
		t->hash[k] = h;
		t->slot[i] = (uint32_t)(k + 1);
	}
	*index = t->slot[i] - 1;
	return CXM_OK;
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
	cxm__free(t->hash);
	memset(t, 0, sizeof *t);
}
