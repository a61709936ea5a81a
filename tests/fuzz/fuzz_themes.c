/*
 * tests/fuzz/fuzz_themes.c - libFuzzer target for themes (spec §20): the
 * bytes up to the first NUL are a theme table (cxm_themes_from_json), the
 * rest a comment (cxm_themes_match). The input "{\"a\": [\"x\"]}\0x y" is a
 * table and a comment.
 *
 * A table that fails leaves *out NULL with a well-formed error of the codes
 * documented. A comment is matched twice: by cxm_themes_match (lazy cursor,
 * buckets) and by a naive oracle written here (fold the whole comment into
 * an array, then try every word at every place) over the same table
 * internals; the hits must agree, and invalid UTF-8 must be PARSE for both.
 */
#define _GNU_SOURCE
#include "fuzz_common.h"
#include "themes/themes_internal.h"

/* The folded code points of s, or -1 for invalid UTF-8. */
static long fold_all(uint32_t **out, const char *s)
{
	size_t pos = 0, n = 0, cap = 16;
	uint32_t *f = malloc(cap * sizeof *f), c, to[3];
	int k, m;
	FUZZ_ASSERT(f != NULL, "no memory");
	while ((c = cxm__themes_decode((const unsigned char *)s, &pos)) != CXM__THEMES_END) {
		if (c == CXM__THEMES_BAD) {
			free(f);
			return -1;
		}
		m = cxm__themes_fold(c, to);
		for (k = 0; k < m; k++) {
			if (n == cap) {
				cap *= 2;
				f = realloc(f, cap * sizeof *f);
				FUZZ_ASSERT(f != NULL, "no memory");
			}
			f[n++] = to[k];
		}
	}
	*out = f;
	return (long)n;
}

static int naive_at(const uint32_t *f, size_t n, size_t i, const cxm__theme_word *w)
{
	size_t j, k = i;
	if (i > 0 && cxm__themes_is_alnum(f[i - 1]))
		return 0;
	for (j = 0; j < w->len; j++) {
		if (w->cp[j] == CXM__THEMES_SPACE) {
			if (k >= n || !cxm__themes_is_space(f[k]))
				return 0;
			while (k < n && cxm__themes_is_space(f[k]))
				k++;
		} else if (k >= n || f[k++] != w->cp[j]) {
			return 0;
		}
	}
	return k >= n || !cxm__themes_is_alnum(f[k]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t table_len = nul ? (size_t)(nul - data) : size, i, k;
	char *json = malloc(table_len + 1), *comment;
	cxm_themes *t = (cxm_themes *)&t;
	unsigned char *hits, *want;
	uint32_t *f = NULL;
	long n;
	int rc;
	FUZZ_ASSERT(json != NULL, "no memory");
	memcpy(json, data, table_len);
	json[table_len] = 0;
	rc = cxm_themes_from_json(&t, json);
	free(json);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_themes_from_json");
		FUZZ_ASSERT(t == NULL, "*out not NULL on failure");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EEMPTY || rc == CXM_EOUT_OF_RANGE || rc == CXM_ENOMEM,
			    "cxm_themes_from_json: unexpected code %d", rc);
		return 0;
	}
	FUZZ_ASSERT(cxm_themes_count(t) >= 1, "a table without themes");
	for (i = 0; i < cxm_themes_count(t); i++)
		FUZZ_ASSERT(cxm_themes_name(t, i) && cxm_themes_name(t, i)[0], "theme %zu has no name", i);
	size = nul ? size - table_len - 1 : 0;
	comment = malloc(size + 1);
	hits = malloc(cxm_themes_count(t));
	want = calloc(cxm_themes_count(t), 1);
	FUZZ_ASSERT(comment && hits && want, "no memory");
	if (size)
		memcpy(comment, nul + 1, size);
	comment[size] = 0; /* a NUL inside the comment ends it, as for any C string */
	rc = cxm_themes_match(hits, cxm_themes_count(t), t, comment);
	n = fold_all(&f, comment);
	if (n < 0) {
		FUZZ_ASSERT(rc == CXM_EPARSE, "invalid UTF-8 but cxm_themes_match returned %d", rc);
		fuzz_check_error(rc, "cxm_themes_match");
	} else {
		FUZZ_ASSERT(rc == CXM_OK, "cxm_themes_match: %s", cxm_error_last()->message);
		for (k = 0; k < t->n_words; k++)
			for (i = 0; i < (size_t)n && !want[t->words[k].theme]; i++)
				if (naive_at(f, (size_t)n, i, &t->words[k]))
					want[t->words[k].theme] = 1;
		for (i = 0; i < cxm_themes_count(t); i++)
			FUZZ_ASSERT(hits[i] == want[i], "theme %zu: cxm_themes_match says %d, the oracle %d", i, hits[i],
				    want[i]);
		free(f);
	}
	free(comment);
	free(hits);
	free(want);
	cxm_themes_free(t);
	return 0;
}
