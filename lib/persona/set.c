/*
 * lib/persona/set.c - the persona set's memory: an arena every string and
 * array of a set comes from, freed with the set (persona_internal.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "persona_internal.h"

/* Blocks grow geometrically from 16 KiB; a request larger than a block gets its own. */
#define ARENA_FIRST 16384u

struct cxm__arena_block {
	cxm__arena_block *next;
	size_t size, used;
	max_align_t data[]; /* size bytes */
};

int cxm__persona_set_new(cxm_persona_set **out)
{
	cxm_persona_set *s = calloc(1, sizeof *s);
	if (!s)
		return cxm__fail(CXM_ENOMEM, "out of memory for a persona set");
	s->provenance.quality = NAN;
	s->provenance.fdr = NAN;
	s->provenance.customers = NAN;
	s->provenance.excluded_customers = NAN;
	*out = s;
	return CXM_OK;
}

void *cxm__persona_alloc(cxm_persona_set *set, size_t size)
{
	size = (size + 15u) & ~(size_t)15u;
	if (size == 0)
		size = 16;
	cxm__arena_block *b = set->arena;
	if (!b || b->size - b->used < size) {
		size_t want = b ? b->size * 2 : ARENA_FIRST;
		if (want < size)
			want = size;
		cxm__arena_block *nb = malloc(sizeof *nb + want);
		if (!nb)
			return NULL;
		nb->size = want;
		nb->used = 0;
		/* a block made for one large request goes behind the current one, which keeps its room */
		if (b && want == size && b->size - b->used >= 256) {
			nb->next = b->next;
			b->next = nb;
			nb->used = size;
			return memset(nb->data, 0, size);
		}
		nb->next = b;
		set->arena = b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	return memset(p, 0, size);
}

char *cxm__persona_strdup(cxm_persona_set *set, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = cxm__persona_alloc(set, n);
	return d ? memcpy(d, s, n) : NULL;
}

void cxm__persona_init(cxm__persona *p)
{
	memset(p, 0, sizeof *p);
	p->size = p->share = p->revenue = p->revenue_share = NAN;
	p->age = p->clv_mean = p->clv_median = p->group_weight = NAN;
	p->gender.share = p->location.share = p->country.share = p->career.share = NAN;
}

void cxm_persona_set_free(cxm_persona_set *set)
{
	if (!set)
		return;
	for (cxm__arena_block *b = set->arena, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(set);
}

size_t cxm_persona_set_count(const cxm_persona_set *set)
{
	return set ? set->n_personas : 0;
}
