/*
 * lib/persona/match.c - a persona set matched to an earlier one (spec
 * §15.9): which persona of today is which of last quarter, which are new,
 * which are gone, and what changed.
 *
 * Each shown persona is a profile vector over coordinates both sets have:
 *  - a numeric attribute: its mean over s, s the root mean square of the two
 *    populations' standard deviations (an attribute without a positive s
 *    is left out);
 *  - a categorical attribute: one coordinate per level either set has, its
 *    share / 100 (a level the persona's list lacks: 0);
 *  - the interests of behaviour personas: one per item, its weight (an
 *    item the persona's list lacks: 0).
 * An attribute (or the interests) counts only when both sets have it. A
 * withheld value (privacy, spec §15.5) is missing: the distance of two
 * personas is taken over the coordinates both have and scaled up to all of
 * them, sqrt(K / K_present x sum of squared differences), as scikit-learn's
 * nan_euclidean_distances does (Dixon 1979). The current personas (rows)
 * and the previous ones (columns) are paired by cxm_linear_assignment on
 * these distances (a pair with no coordinate in common costs more than any
 * other, so it is paired only when nothing else is left).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "distinct.h"
#include "internal.h"
#include "persona_internal.h"

#define NONE SIZE_MAX
#define MAX_CHANGES 3

enum { K_NUM = 'n', K_CAT = 'c', K_INT = 'i' };

/* The keys: coordinates "<kind><attribute>\0<level or item>", attributes "<kind><attribute>". */
struct space {
	cxm__texts keys, attrs;
	size_t *key_attr;     /* per key: its attribute */
	size_t key_cap;
	unsigned char *attr_sets; /* per attribute: bit 1 the previous set has it, bit 2 the current */
	double *attr_sd;      /* per attribute: population sd of the previous set, then of the current */
	size_t sets_cap, sd_cap;
};

static int grow(void *pptr, size_t *cap, size_t need, size_t size, const char *what)
{
	void **p = pptr;
	size_t n = *cap ? *cap : 16;
	void *q;
	if (need <= *cap)
		return CXM_OK;
	while (n < need)
		n *= 2;
	if (!(q = cxm__realloc(*p, n * size)))
		return cxm__fail(CXM_ENOMEM, "out of memory for %s", what);
	*p = q;
	*cap = n;
	return CXM_OK;
}

/* the index of attribute (kind, name), recording which set has it */
static int add_attr(struct space *s, int kind, const char *name, int set, double pop_sd, size_t *index)
{
	char key[512];
	size_t len = strlen(name), i, old;
	int st;
	cxm__buf b;
	const char *k = key;
	char *heap = NULL;
	if (len + 1 < sizeof key) {
		key[0] = (char)kind;
		memcpy(key + 1, name, len);
	} else {
		cxm__buf_init(&b);
		cxm__buf_putc(&b, (char)kind);
		cxm__buf_append(&b, name, len);
		if ((st = cxm__buf_finish(&b, &heap)) < 0)
			return st;
		k = heap;
	}
	old = s->attrs.count;
	st = cxm__texts_add(&s->attrs, k, len + 1, &i);
	cxm__free(heap);
	if (st < 0)
		return st;
	if (i == old) {
		double *sd;
		if ((st = grow(&s->attr_sets, &s->sets_cap, i + 1, 1, "persona attributes")) < 0 ||
		    (st = grow(&s->attr_sd, &s->sd_cap, 2 * (i + 1), sizeof *s->attr_sd, "persona attributes")) < 0)
			return st;
		s->attr_sets[i] = 0;
		sd = s->attr_sd + 2 * i;
		sd[0] = sd[1] = NAN;
	}
	s->attr_sets[i] |= (unsigned char)(1u << set);
	if (isnan(s->attr_sd[2 * i + (size_t)set]) && isfinite(pop_sd))
		s->attr_sd[2 * i + (size_t)set] = pop_sd;
	*index = i;
	return CXM_OK;
}

/* the index of coordinate (kind, name, level) of attribute `attr` */
static int add_key(struct space *s, int kind, const char *name, const char *level, size_t attr, size_t *index)
{
	cxm__buf b;
	char *k = NULL;
	size_t len = strlen(name) + 2 + (level ? strlen(level) : 0), i, old = s->keys.count;
	int st;
	cxm__buf_init(&b);
	cxm__buf_putc(&b, (char)kind);
	cxm__buf_puts(&b, name);
	cxm__buf_putc(&b, '\0');
	if (level)
		cxm__buf_puts(&b, level);
	if ((st = cxm__buf_finish(&b, &k)) < 0)
		return st;
	st = cxm__texts_add(&s->keys, k, len, &i);
	cxm__free(k);
	if (st < 0)
		return st;
	if (i == old) {
		if ((st = grow(&s->key_attr, &s->key_cap, i + 1, sizeof *s->key_attr, "persona profiles")) < 0)
			return st;
		s->key_attr[i] = attr;
	}
	*index = i;
	return CXM_OK;
}

/* The attributes of a persona: its demographics, then its RFM mix. */
static size_t n_attrs(const cxm__persona *p)
{
	return p->n_demographics + (p->rfm_mix ? 1 : 0);
}

static const cxm__attribute *attr_at(const cxm__persona *p, size_t i)
{
	return i < p->n_demographics ? &p->demographics[i] : p->rfm_mix;
}

/* Pass 1 (vals NULL): register the attributes and coordinates of persona p of
 * set `set`. Pass 2: write its raw values into vals[n_keys] (NaN: missing). */
static int persona_keys(struct space *s, const cxm__persona *p, int set, double *vals)
{
	size_t a, c, idx, key;
	int st;
	for (a = 0; a < n_attrs(p); a++) {
		const cxm__attribute *at = attr_at(p, a);
		int kind = at->categorical ? K_CAT : K_NUM;
		if (!at->name)
			continue;
		if ((st = add_attr(s, kind, at->name, set, at->categorical ? NAN : at->population_sd, &idx)) < 0)
			return st;
		if (kind == K_NUM) {
			if ((st = add_key(s, kind, at->name, NULL, idx, &key)) < 0)
				return st;
			if (vals)
				vals[key] = at->withheld ? NAN : at->mean;
			continue;
		}
		if (vals && !at->withheld) {
			/* every level of this attribute known so far: 0 unless listed */
			size_t k;
			for (k = 0; k < s->keys.count; k++)
				if (s->key_attr[k] == idx)
					vals[k] = 0.0;
		}
		for (c = 0; c < at->n_levels; c++) {
			const cxm__cell *cell = &at->levels[c];
			if (!cell->level)
				continue;
			if ((st = add_key(s, kind, at->name, cell->level, idx, &key)) < 0)
				return st;
			if (vals)
				vals[key] = at->withheld || cell->withheld ? NAN : cell->share;
		}
	}
	if (p->n_interests > 0) {
		if ((st = add_attr(s, K_INT, "", set, NAN, &idx)) < 0)
			return st;
		if (vals) {
			size_t k;
			for (k = 0; k < s->keys.count; k++)
				if (s->key_attr[k] == idx)
					vals[k] = 0.0;
		}
		for (c = 0; c < p->n_interests; c++) {
			if (!p->interests[c].item)
				continue;
			if ((st = add_key(s, K_INT, "", p->interests[c].item, idx, &key)) < 0)
				return st;
			if (vals)
				vals[key] = p->interests[c].weight;
		}
	}
	return CXM_OK;
}

/* The shown personas of a set (indices into set->personas). */
static int shown(size_t **out, size_t *n, const cxm_persona_set *set, const char *which)
{
	size_t i, k = 0;
	int st;
	if ((st = cxm__alloc_array(out, set->n_personas ? set->n_personas : 1, sizeof **out, "personas")) < 0)
		return st;
	for (i = 0; i < set->n_personas; i++)
		if (!set->personas[i].suppressed)
			(*out)[k++] = i;
	*n = k;
	if (k == 0)
		return cxm__fail(CXM_EEMPTY, "the %s set has no persona that is not suppressed (%zu personas)", which,
				 set->n_personas);
	return CXM_OK;
}

/* A number for a sentence: 3 significant digits, trailing zeros dropped, no
 * exponent in the usual range (52345, 41.3, 0.457, 50). */
static void put_value(cxm__buf *b, double x)
{
	char text[64];
	double ax = fabs(x);
	int digits;
	size_t n;
	if (x == 0.0 || ax >= 1e9 || ax < 1e-4) {
		cxm__buf_printf(b, "%.3g", x);
		return;
	}
	digits = 2 - (int)floor(log10(ax));
	cxm__snprintf_c(text, sizeof text, "%.*f", digits < 0 ? 0 : digits, x);
	n = strlen(text);
	if (strchr(text, '.')) {
		while (n > 0 && text[n - 1] == '0')
			n--;
		if (n > 0 && text[n - 1] == '.')
			n--;
	}
	cxm__buf_append(b, text, n);
}

static void put_share(cxm__buf *b, double pct)
{
	if (fabs(pct) >= 10.0 || pct == 0.0)
		cxm__buf_printf(b, "%.0f%%", pct);
	else
		cxm__buf_printf(b, "%.1f%%", pct);
}

struct change {
	size_t key;
	double d;
};

/* "Education=PhD share 12% -> 31%; Income mean 52000 -> 61000" for the largest changes */
static int changes_text(char **out, const struct space *s, const size_t *kept, size_t n_kept, const double *scale,
			const double *prev, const double *cur)
{
	struct change top[MAX_CHANGES];
	size_t n_top = 0, i, j;
	cxm__buf b;
	for (i = 0; i < n_kept; i++) {
		size_t k = kept[i];
		double d;
		if (isnan(prev[k]) || isnan(cur[k]))
			continue;
		d = fabs((cur[k] - prev[k]) * scale[k]);
		if (!(d > 1e-12))
			continue;
		/* keep the largest, by descending |d| (ties: coordinate order, the earlier first) */
		if (n_top == MAX_CHANGES && !(d > top[MAX_CHANGES - 1].d))
			continue;
		j = n_top < MAX_CHANGES ? n_top++ : MAX_CHANGES - 1;
		while (j > 0 && top[j - 1].d < d) {
			top[j] = top[j - 1];
			j--;
		}
		top[j].key = k;
		top[j].d = d;
	}
	cxm__buf_init(&b);
	for (i = 0; i < n_top; i++) {
		size_t k = top[i].key;
		const char *key = s->keys.str[k], *name = key + 1, *level = name + strlen(name) + 1;
		if (i > 0)
			cxm__buf_puts(&b, "; ");
		switch (key[0]) {
		case K_NUM:
			cxm__buf_printf(&b, "%s mean ", name);
			put_value(&b, prev[k]);
			cxm__buf_puts(&b, " -> ");
			put_value(&b, cur[k]);
			break;
		case K_CAT:
			cxm__buf_printf(&b, "%s=%s share ", name, level);
			put_share(&b, prev[k]);
			cxm__buf_puts(&b, " -> ");
			put_share(&b, cur[k]);
			break;
		default:
			cxm__buf_printf(&b, "interest %s weight ", level);
			put_share(&b, 100.0 * prev[k]);
			cxm__buf_puts(&b, " -> ");
			put_share(&b, 100.0 * cur[k]);
			break;
		}
	}
	return cxm__buf_finish(&b, out);
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

cxm_status cxm_persona_match(cxm_table **out, const cxm_persona_set *previous, const cxm_persona_set *current)
{
	struct space s;
	size_t *ip = NULL, *ic = NULL, np = 0, nc = 0, *kept = NULL, n_kept = 0, *assign = NULL, *prev_of = NULL;
	size_t n_keys, i, j, k, rows = 0;
	double *vp = NULL, *vc = NULL, *scale = NULL, *dist = NULL, *cost = NULL, max_d = 0.0;
	unsigned char *prev_used = NULL;
	const char **c_persona = NULL, **c_name = NULL, **c_prev = NULL, **c_prev_name = NULL, **c_status = NULL;
	char **c_changes = NULL;
	double *c_distance = NULL, *c_size = NULL, *c_share = NULL;
	cxm_table *t = NULL;
	int st;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NULL;
	if ((st = cxm__check_ptr(previous, "previous")) < 0 || (st = cxm__check_ptr(current, "current")) < 0)
		return st;
	memset(&s, 0, sizeof s);
	if ((st = cxm__texts_init(&s.keys, 64, "persona profile coordinates")) < 0)
		return st;
	if ((st = cxm__texts_init(&s.attrs, 16, "persona attributes")) < 0) {
		cxm__texts_free(&s.keys);
		return st;
	}
	if ((st = shown(&ip, &np, previous, "previous")) < 0 || (st = shown(&ic, &nc, current, "current")) < 0)
		goto done;

	/* pass 1: the coordinates, in the order of the previous set's personas, then the current's */
	for (i = 0; i < np; i++)
		if ((st = persona_keys(&s, &previous->personas[ip[i]], 0, NULL)) < 0)
			goto done;
	for (i = 0; i < nc; i++)
		if ((st = persona_keys(&s, &current->personas[ic[i]], 1, NULL)) < 0)
			goto done;
	n_keys = s.keys.count;

	/* pass 2: the raw values */
	if ((st = cxm__alloc_array(&vp, np * n_keys, sizeof *vp, "persona profiles")) < 0 ||
	    (st = cxm__alloc_array(&vc, nc * n_keys, sizeof *vc, "persona profiles")) < 0)
		goto done;
	for (i = 0; i < np * n_keys; i++)
		vp[i] = NAN;
	for (i = 0; i < nc * n_keys; i++)
		vc[i] = NAN;
	for (i = 0; i < np; i++)
		if ((st = persona_keys(&s, &previous->personas[ip[i]], 0, vp + i * n_keys)) < 0)
			goto done;
	for (i = 0; i < nc; i++)
		if ((st = persona_keys(&s, &current->personas[ic[i]], 1, vc + i * n_keys)) < 0)
			goto done;

	/* the coordinates both sets have and show (a coordinate withheld in every
	 * persona of a set carries nothing), and their scales */
	if ((st = cxm__alloc_array(&kept, n_keys ? n_keys : 1, sizeof *kept, "persona profiles")) < 0 ||
	    (st = cxm__alloc_array(&scale, n_keys ? n_keys : 1, sizeof *scale, "persona profiles")) < 0)
		goto done;
	for (k = 0; k < n_keys; k++) {
		size_t a = s.key_attr[k];
		int kind = s.keys.str[k][0], in_prev = 0, in_cur = 0;
		scale[k] = NAN;
		if (s.attr_sets[a] != 3)
			continue;
		for (i = 0; i < np && !in_prev; i++)
			in_prev = !isnan(vp[i * n_keys + k]);
		for (i = 0; i < nc && !in_cur; i++)
			in_cur = !isnan(vc[i * n_keys + k]);
		if (!in_prev || !in_cur)
			continue;
		if (kind == K_NUM) {
			double sp = s.attr_sd[2 * a], sc = s.attr_sd[2 * a + 1], sd;
			sd = isfinite(sp) && isfinite(sc) ? sqrt((sp * sp + sc * sc) / 2.0) : isfinite(sp) ? sp : sc;
			if (!(sd > 0.0) || !isfinite(sd))
				continue;
			scale[k] = 1.0 / sd;
		} else {
			scale[k] = kind == K_CAT ? 0.01 : 1.0;
		}
		kept[n_kept++] = k;
	}
	if (n_kept == 0) {
		st = cxm__fail(CXM_EINCONSISTENT, "the two persona sets share no attribute to compare them on "
						  "(demographics shown in both, with a population spread for numbers, "
						  "or interests)");
		goto done;
	}

	/* distances: current personas are rows, previous ones columns */
	if ((st = cxm__alloc_array(&dist, nc * np, sizeof *dist, "persona distances")) < 0 ||
	    (st = cxm__alloc_array(&cost, nc * np, sizeof *cost, "persona distances")) < 0 ||
	    (st = cxm__alloc_array(&assign, nc, sizeof *assign, "persona pairs")) < 0)
		goto done;
	for (i = 0; i < nc; i++)
		for (j = 0; j < np; j++) {
			const double *a = vc + i * n_keys, *b = vp + j * n_keys;
			double ss = 0.0;
			size_t present = 0, q;
			for (q = 0; q < n_kept; q++) {
				size_t kk = kept[q];
				double d;
				if (isnan(a[kk]) || isnan(b[kk]))
					continue;
				d = (a[kk] - b[kk]) * scale[kk];
				ss += d * d;
				present++;
			}
			dist[i * np + j] = present ? sqrt((double)n_kept / (double)present * ss) : NAN;
			if (present && dist[i * np + j] > max_d)
				max_d = dist[i * np + j];
		}
	for (i = 0; i < nc * np; i++)
		cost[i] = isnan(dist[i]) ? 2.0 * max_d + 1.0 : dist[i];
	if ((st = cxm_linear_assignment(assign, nc, NULL, cost, nc * np, np)) < 0)
		goto done;

	/* the rows: every current persona, then the previous ones left unpaired */
	rows = current->n_personas;
	if ((st = cxm__alloc_array(&prev_used, np ? np : 1, 1, "persona pairs")) < 0 ||
	    (st = cxm__alloc_array(&prev_of, current->n_personas ? current->n_personas : 1, sizeof *prev_of,
				   "persona pairs")) < 0)
		goto done;
	memset(prev_used, 0, np ? np : 1);
	for (i = 0; i < current->n_personas; i++)
		prev_of[i] = NONE;
	for (i = 0; i < nc; i++)
		if (assign[i] != NONE) {
			prev_of[ic[i]] = i; /* through ic[i]: row i of the distances */
			prev_used[assign[i]] = 1;
		}
	for (j = 0; j < np; j++)
		if (!prev_used[j])
			rows++;
	if ((st = cxm__alloc_array(&c_changes, rows ? rows : 1, sizeof *c_changes, "matches")) < 0)
		goto done;
	memset(c_changes, 0, (rows ? rows : 1) * sizeof *c_changes);
	if ((st = cxm__alloc_array(&c_persona, rows ? rows : 1, sizeof *c_persona, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_name, rows ? rows : 1, sizeof *c_name, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_prev, rows ? rows : 1, sizeof *c_prev, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_prev_name, rows ? rows : 1, sizeof *c_prev_name, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_status, rows ? rows : 1, sizeof *c_status, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_distance, rows ? rows : 1, sizeof *c_distance, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_size, rows ? rows : 1, sizeof *c_size, "matches")) < 0 ||
	    (st = cxm__alloc_array(&c_share, rows ? rows : 1, sizeof *c_share, "matches")) < 0)
		goto done;
	{
		size_t r = 0;
		for (i = 0; i < current->n_personas; i++, r++) {
			const cxm__persona *p = &current->personas[i];
			c_persona[r] = str_or_empty(p->id);
			c_name[r] = p->suppressed ? "" : str_or_empty(p->name);
			c_prev[r] = c_prev_name[r] = "";
			c_distance[r] = c_size[r] = c_share[r] = NAN;
			if (p->suppressed) {
				c_status[r] = "suppressed";
			} else if (prev_of[i] == NONE) {
				c_status[r] = "new";
			} else {
				size_t row = prev_of[i], col = assign[row];
				const cxm__persona *q = &previous->personas[ip[col]];
				c_status[r] = "matched";
				c_prev[r] = str_or_empty(q->id);
				c_prev_name[r] = str_or_empty(q->name);
				c_distance[r] = dist[row * np + col];
				c_size[r] = p->size - q->size;
				c_share[r] = p->share - q->share;
				if ((st = changes_text(&c_changes[r], &s, kept, n_kept, scale, vp + col * n_keys,
						       vc + row * n_keys)) < 0)
					goto done;
			}
			if (!c_changes[r] && (st = changes_text(&c_changes[r], &s, kept, 0, scale, NULL, NULL)) < 0)
				goto done;
		}
		for (j = 0; j < np; j++) {
			const cxm__persona *q = &previous->personas[ip[j]];
			if (prev_used[j])
				continue;
			c_persona[r] = c_name[r] = "";
			c_prev[r] = str_or_empty(q->id);
			c_prev_name[r] = str_or_empty(q->name);
			c_status[r] = "gone";
			c_distance[r] = c_size[r] = c_share[r] = NAN;
			if ((st = changes_text(&c_changes[r], &s, kept, 0, scale, NULL, NULL)) < 0)
				goto done;
			r++;
		}
	}
	if ((st = cxm_table_new(&t)) < 0 || (st = cxm_table_set_row_name(t, "matches")) < 0 ||
	    (st = cxm_table_set_attr_number(t, "coordinates", (double)n_kept)) < 0 ||
	    (st = cxm_table_add_texts(t, "persona", c_persona, rows)) < 0 ||
	    (st = cxm_table_add_texts(t, "name", c_name, rows)) < 0 ||
	    (st = cxm_table_add_texts(t, "previous", c_prev, rows)) < 0 ||
	    (st = cxm_table_add_texts(t, "previous_name", c_prev_name, rows)) < 0 ||
	    (st = cxm_table_add_texts(t, "status", c_status, rows)) < 0 ||
	    (st = cxm_table_add_numbers(t, "distance", c_distance, rows)) < 0 ||
	    (st = cxm_table_add_numbers(t, "size_change", c_size, rows)) < 0 ||
	    (st = cxm_table_add_numbers(t, "share_change", c_share, rows)) < 0 ||
	    (st = cxm_table_add_texts(t, "changes", (const char *const *)c_changes, rows)) < 0)
		goto done;
	*out = t;
	t = NULL;
done:
	cxm_table_free(t);
	if (c_changes)
		for (i = 0; i < rows; i++)
			cxm__free(c_changes[i]);
	cxm__free(c_changes);
	cxm__free((void *)c_persona);
	cxm__free((void *)c_name);
	cxm__free((void *)c_prev);
	cxm__free((void *)c_prev_name);
	cxm__free((void *)c_status);
	cxm__free(c_distance);
	cxm__free(c_size);
	cxm__free(c_share);
	cxm__free(prev_used);
	cxm__free(prev_of);
	cxm__free(assign);
	cxm__free(cost);
	cxm__free(dist);
	cxm__free(vp);
	cxm__free(vc);
	cxm__free(scale);
	cxm__free(kept);
	cxm__free(ip);
	cxm__free(ic);
	cxm__free(s.key_attr);
	cxm__free(s.attr_sets);
	cxm__free(s.attr_sd);
	cxm__texts_free(&s.keys);
	cxm__texts_free(&s.attrs);
	return st;
}
