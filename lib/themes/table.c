/*
 * lib/themes/table.c - a theme table from JSON (spec §20.1): reading,
 * checking (every message names the theme and, for JSON that does not
 * parse, the line and column), folding the words once, and grouping them by
 * their first code point for the matcher.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "io/io_internal.h"
#include "themes_internal.h"

void cxm_themes_free(cxm_themes *t)
{
	size_t i;
	if (!t)
		return;
	if (t->names)
		for (i = 0; i < t->n_themes; i++)
			cxm__free(t->names[i]);
	cxm__free(t->names);
	cxm__free(t->words);
	cxm__free(t->cps);
	cxm__free(t);
}

size_t cxm_themes_count(const cxm_themes *t)
{
	return t ? t->n_themes : 0;
}

const char *cxm_themes_name(const cxm_themes *t, size_t i)
{
	return t && i < t->n_themes ? t->names[i] : NULL;
}

/*
 * cJSON says where it stopped as a byte offset ("... at byte 41 ..."): the
 * message is given again with the line and column (1-based, the column in
 * characters) of that byte, which is what an editor shows.
 */
static int with_line_column(int rc, const char *text, size_t len)
{
	const cxm_error *e = cxm_error_last();
	const char *at = e ? strstr(e->message, "at byte ") : NULL;
	const char *start, *name;
	char msg[1024];
	size_t off, i, line = 1, col = 1, head;
	char *end;
	if (rc != CXM_EPARSE || !at)
		return rc;
	errno = 0;
	off = (size_t)strtoull(at + 8, &end, 10);
	if (errno || end == at + 8 || off > len)
		return rc;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	start = e->message;
	name = cxm_error_name(rc);
	if (strncmp(start, name, strlen(name)) == 0 && start[strlen(name)] == ':' && start[strlen(name) + 1] == ' ')
		start += strlen(name) + 2; /* drop "PARSE: "; cxm__fail writes it again */
	head = (size_t)(at - start);
	cxm__snprintf_c(msg, sizeof msg, "%.*sat line %zu, column %zu (byte %zu)%s", (int)head, start, line, col,
			off, end);
	return cxm__fail(rc, "%s", msg);
}

/* The folded code points of a word into cp (NULL: only count), a run of whitespace as one space, trimmed. */
static size_t fold_word(uint32_t *cp, const char *word)
{
	size_t pos = 0, n = 0;
	int space = 0, k, m;
	uint32_t c, f[3];
	while ((c = cxm__themes_decode((const unsigned char *)word, &pos)) != CXM__THEMES_END) {
		if (cxm__themes_is_space(c)) {
			space = n > 0;
			continue;
		}
		if (space) {
			if (cp)
				cp[n] = CXM__THEMES_SPACE;
			n++;
			space = 0;
		}
		m = cxm__themes_fold(c, f);
		for (k = 0; k < m; k++) {
			if (cp)
				cp[n] = f[k];
			n++;
		}
	}
	return n;
}

static int check_text(const char *s, const char *theme, size_t entry, int is_name)
{
	size_t bad = cxm__themes_invalid_at(s), len = strlen(s);
	char q[CXM__QUOTE_MAX + 4];
	cxm__quote_text(q, sizeof q, theme, strlen(theme));
	if (bad != SIZE_MAX) {
		if (is_name)
			return cxm__fail(CXM_EPARSE, "theme name '%s' has invalid UTF-8 at byte %zu", q, bad);
		return cxm__fail(CXM_EPARSE, "theme '%s': word %zu has invalid UTF-8 at byte %zu", q, entry + 1,
				 bad);
	}
	if (is_name)
		return len ? CXM_OK : cxm__fail(CXM_EPARSE, "a theme has an empty name");
	if (len > CXM_THEMES_WORD_MAX)
		return cxm__fail(CXM_EPARSE, "theme '%s': word %zu is %zu bytes long; the limit is %d", q, entry + 1,
				 len, CXM_THEMES_WORD_MAX);
	if (fold_word(NULL, s) == 0)
		return cxm__fail(CXM_EPARSE, "theme '%s': word %zu is empty; each word must have a character "
					     "that is not whitespace", q, entry + 1);
	return CXM_OK;
}

/* Check the whole document and count themes, words and code points before allocating. */
static int check_root(const cxm__jv *root, size_t *n_themes, size_t *n_words, size_t *n_cps)
{
	const cxm__jv *m, *o, *w;
	char q[CXM__QUOTE_MAX + 4];
	size_t entry;
	int rc, type;
	*n_themes = *n_words = *n_cps = 0;
	if ((type = cxm__jv_type(root)) != CXM__JV_OBJECT)
		return cxm__fail(CXM_EPARSE, "the table must be a JSON object of themes "
					     "({\"theme\": [\"word\", \"a phrase\"], ...}), not %s", cxm__jv_type_name(type));
	for (m = cxm__jv_first(root); m; m = cxm__jv_next(m)) {
		const char *name = cxm__jv_key(m);
		if ((rc = check_text(name, name, 0, 1)) < 0)
			return rc;
		cxm__quote_text(q, sizeof q, name, strlen(name));
		for (o = cxm__jv_first(root); o != m; o = cxm__jv_next(o))
			if (strcmp(cxm__jv_key(o), name) == 0)
				return cxm__fail(CXM_EPARSE, "theme '%s' is given twice; each theme once", q);
		if ((type = cxm__jv_type(m)) != CXM__JV_ARRAY)
			return cxm__fail(CXM_EPARSE, "theme '%s' must be an array of words (non-empty strings), not %s",
					 q, cxm__jv_type_name(type));
		if (!cxm__jv_first(m))
			return cxm__fail(CXM_EPARSE, "theme '%s' has no word; give at least one", q);
		for (w = cxm__jv_first(m), entry = 0; w; w = cxm__jv_next(w), entry++) {
			const char *s = cxm__jv_string(w);
			if (!s)
				return cxm__fail(CXM_EPARSE, "theme '%s': word %zu is %s; each word must be a non-empty "
							     "string", q, entry + 1, cxm__jv_type_name(cxm__jv_type(w)));
			if ((rc = check_text(s, name, entry, 0)) < 0)
				return rc;
			*n_cps += fold_word(NULL, s);
			++*n_words;
		}
		if (++*n_themes > CXM_THEMES_MAX)
			return cxm__fail(CXM_EOUT_OF_RANGE, "the table has more than %d themes", CXM_THEMES_MAX);
	}
	if (*n_themes == 0)
		return cxm__fail(CXM_EEMPTY, "the table has no theme; give at least one "
					     "({\"theme\": [\"word\", ...]})");
	return CXM_OK;
}

static size_t bucket(const cxm__theme_word *w)
{
	if (w->len == 1)
		return CXM__THEMES_PAIRS + w->cp[0] % CXM__THEMES_SINGLES;
	return CXM__THEMES_PAIR(w->cp[0], w->cp[1]);
}

static int build(cxm_themes **out, const cxm__jv *root)
{
	size_t n_themes, n_words, n_cps, i, k, b, at = 0, count[CXM__THEMES_BUCKETS + 1];
	cxm__theme_word *flat = NULL;
	const cxm__jv *m, *w;
	cxm_themes *t;
	int rc;
	if ((rc = check_root(root, &n_themes, &n_words, &n_cps)) < 0)
		return rc;
	if (!(t = cxm__calloc(1, sizeof *t)))
		return cxm__fail(CXM_ENOMEM, "no memory for a table of %zu themes", n_themes);
	t->names = cxm__calloc(n_themes, sizeof *t->names);
	t->words = cxm__calloc(n_words, sizeof *t->words);
	t->cps = cxm__calloc(n_cps ? n_cps : 1, sizeof *t->cps);
	flat = cxm__calloc(n_words, sizeof *flat);
	if (!t->names || !t->words || !t->cps || !flat)
		goto nomem;
	t->n_themes = n_themes;
	t->n_words = n_words;
	k = 0;
	for (m = cxm__jv_first(root), i = 0; m; m = cxm__jv_next(m), i++) {
		if (!(t->names[i] = cxm__strdup(cxm__jv_key(m))))
			goto nomem;
		for (w = cxm__jv_first(m); w; w = cxm__jv_next(w), k++) {
			flat[k].cp = t->cps + at;
			flat[k].len = fold_word(t->cps + at, cxm__jv_string(w));
			flat[k].theme = i;
			at += flat[k].len;
		}
	}
	/* a stable counting sort by bucket: words keep the table's order within a bucket */
	memset(count, 0, sizeof count);
	for (k = 0; k < n_words; k++)
		count[bucket(&flat[k]) + 1]++;
	for (b = 0; b < CXM__THEMES_BUCKETS; b++)
		count[b + 1] += count[b];
	memcpy(t->start, count, sizeof count);
	for (k = 0; k < n_words; k++)
		t->words[count[bucket(&flat[k])]++] = flat[k];
	cxm__free(flat);
	*out = t;
	return CXM_OK;
nomem:
	cxm__free(flat);
	cxm_themes_free(t);
	return cxm__fail(CXM_ENOMEM, "no memory for a table of %zu themes and %zu words", n_themes, n_words);
}

int cxm__themes_from_text(cxm_themes **out, const char *text, size_t len, const char *what)
{
	cxm__jv *root = NULL;
	int rc;
	if ((rc = cxm__json_parse(&root, text, len, what)) < 0)
		return with_line_column(rc, text, len);
	rc = build(out, root);
	cxm__json_free(root);
	if (rc < 0)
		return cxm__error_context(what);
	return rc;
}

cxm_status cxm_themes_from_json(cxm_themes **out, const char *text)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	return cxm__themes_from_text(out, text, strlen(text), "themes table");
}

cxm_status cxm_themes_read_json(cxm_themes **out, const char *path)
{
	char *text = NULL, what[300];
	size_t len = 0;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0 || (rc = cxm__read_whole_file(&text, &len, path)) < 0)
		return rc;
	cxm__snprintf_c(what, sizeof what, "themes table %s", path);
	rc = cxm__themes_from_text(out, text ? text : "", len, what);
	cxm__free(text);
	return rc;
}
