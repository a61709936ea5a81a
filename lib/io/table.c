/*
 * lib/io/table.c - tables of named columns (table.h): building them, reading
 * their columns and attributes. Writing is table_write.c, reading CSV
 * table_csv.c.
 */
#include <math.h>
#include <string.h>
#include "io_internal.h"
#include "table_internal.h"
#include "names.h"

static const cxm__word type_words[] = {
	{ "number", CXM_TABLE_NUMBER }, { "day", CXM_TABLE_DAY }, { "text", CXM_TABLE_TEXT }
};
const cxm__names cxm__table_type_names = CXM__NAMES("type", type_words, 0);

/* The JSON key of the rows unless cxm_table_set_row_name says otherwise. */
#define DEFAULT_ROW_NAME "rows"

cxm_status cxm_table_new(cxm_table **out)
{
	cxm_table *t;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((t = cxm__calloc(1, sizeof *t)) == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_table_new: no memory for a table");
	*out = t;
	return CXM_OK;
}

void cxm__column_free(cxm__column *c)
{
	cxm__free(c->name);
	if (c->num_block)
		cxm__free_big(c->num_block);
	else
		cxm__free(c->num);
	cxm__free(c->code);
	cxm__free((void *)c->text);
	cxm__texts_free(&c->levels);
	memset(c, 0, sizeof *c);
}

void cxm_table_free(cxm_table *t)
{
	size_t i;
	if (t == NULL)
		return;
	for (i = 0; i < t->n_cols; i++)
		cxm__column_free(&t->col[i]);
	for (i = 0; i < t->n_attrs; i++) {
		cxm__free(t->attr[i].name);
		cxm__free(t->attr[i].text);
	}
	cxm__free(t->col);
	cxm__free(t->attr);
	cxm__free(t->row_name);
	cxm__free(t);
}

size_t cxm_table_rows(const cxm_table *t)
{
	return t ? t->rows : 0;
}

size_t cxm_table_column_count(const cxm_table *t)
{
	return t ? t->n_cols : 0;
}

const char *cxm_table_column_name(const cxm_table *t, size_t col)
{
	return t && col < t->n_cols ? t->col[col].name : NULL;
}

/* The column `col` of t, or NULL with BAD_ARG. */
static const cxm__column *column_at(const cxm_table *t, size_t col)
{
	if (cxm__check_ptr(t, "t") < 0)
		return NULL;
	if (col >= t->n_cols) {
		cxm__fail(CXM_EBAD_ARG, "col = %zu is out of range: the table has %zu column%s", col, t->n_cols,
			  t->n_cols == 1 ? "" : "s");
		return NULL;
	}
	return &t->col[col];
}

cxm_status cxm_table_column_type(int *type, const cxm_table *t, size_t col)
{
	const cxm__column *c;
	int rc;
	if ((rc = cxm__check_ptr(type, "type")) < 0)
		return rc;
	if ((c = column_at(t, col)) == NULL)
		return CXM_EBAD_ARG;
	*type = c->type;
	return CXM_OK;
}

static const char *column_name_at(const void *t, size_t i)
{
	return cxm_table_column_name(t, i);
}

static const char *attr_at(const void *t, size_t i)
{
	return cxm_table_attr_name(t, i);
}

/* "a, b, c": the n names name_at(t, i), each quoted for a message ("(none)" for none). */
static void list_names(char *buf, size_t cap, const cxm_table *t, size_t n,
		       const char *(*name_at)(const void *, size_t))
{
	if (n == 0)
		cxm__snprintf_c(buf, cap, "(none)");
	else
		cxm__join_names(buf, cap, n, name_at, t, 1, NULL);
}

static size_t find_column(const cxm_table *t, const char *name)
{
	size_t i;
	for (i = 0; i < t->n_cols; i++)
		if (strcmp(t->col[i].name, name) == 0)
			return i;
	return t->n_cols;
}

cxm_status cxm_table_column_index(size_t *index, const cxm_table *t, const char *name)
{
	char list[512], quoted[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(index, "index")) < 0 || (rc = cxm__check_ptr(t, "t")) < 0 ||
	    (rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	if ((i = find_column(t, name)) < t->n_cols) {
		*index = i;
		return CXM_OK;
	}
	list_names(list, sizeof list, t, t->n_cols, column_name_at);
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	return cxm__fail(CXM_EBAD_ARG, "no column '%s' in the table; its columns are: %s", quoted, list);
}

/* A name for a column or an attribute: set and not empty. */
static int check_name(const char *name, const char *what)
{
	int rc;
	if ((rc = cxm__check_ptr(name, what)) < 0)
		return rc;
	if (name[0] == '\0')
		return cxm__fail(CXM_EBAD_ARG, "%s is empty", what);
	return CXM_OK;
}

int cxm__table_push_column(cxm_table *t, cxm__column *c, size_t n)
{
	char quoted[CXM__QUOTE_MAX + 4];
	int rc;
	if ((rc = check_name(c->name, "name")) < 0)
		return rc;
	if (find_column(t, c->name) < t->n_cols) {
		cxm__quote_text(quoted, sizeof quoted, c->name, strlen(c->name));
		return cxm__fail(CXM_EBAD_ARG, "the table has a column '%s' already", quoted);
	}
	if (t->n_cols > 0 && n != t->rows) {
		cxm__quote_text(quoted, sizeof quoted, c->name, strlen(c->name));
		return cxm__fail(CXM_EBAD_ARG, "column '%s' has %zu rows, but the table has %zu", quoted, n,
				 t->rows);
	}
	if (t->n_cols == t->cap_cols) {
		size_t cap = t->cap_cols ? 2 * t->cap_cols : 8;
		cxm__column *grown;
		if (cap > (size_t)-1 / sizeof *grown ||
		    (grown = cxm__realloc(t->col, cap * sizeof *grown)) == NULL)
			return cxm__fail(CXM_ENOMEM, "no memory for %zu table columns", cap);
		t->col = grown;
		t->cap_cols = cap;
	}
	t->col[t->n_cols++] = *c;
	t->rows = n;
	memset(c, 0, sizeof *c);
	return CXM_OK;
}

int cxm__column_texts(cxm__column *c, size_t n)
{
	size_t i;
	int rc;
	if ((rc = cxm__alloc_array(&c->text, n ? n : 1, sizeof *c->text, "the rows of a text column")) < 0)
		return rc;
	for (i = 0; i < n; i++)
		c->text[i] = c->levels.str[c->code[i]];
	return CXM_OK;
}

/* The checks every cxm_table_add_* makes (but for the values), before
 * anything is allocated, and a column named `name` of n rows. */
static int begin_column(cxm__column *c, cxm_table *t, const char *name, size_t n, int type)
{
	char quoted[CXM__QUOTE_MAX + 4];
	int rc;
	memset(c, 0, sizeof *c);
	if ((rc = cxm__check_ptr(t, "t")) < 0 || (rc = check_name(name, "name")) < 0)
		return rc;
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	if (find_column(t, name) < t->n_cols)
		return cxm__fail(CXM_EBAD_ARG, "the table has a column '%s' already", quoted);
	if (t->n_cols > 0 && n != t->rows)
		return cxm__fail(CXM_EBAD_ARG, "column '%s' has %zu rows, but the table has %zu", quoted, n,
				 t->rows);
	c->type = type;
	if ((c->name = cxm__strdup(name)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the column name '%s'", quoted);
	return CXM_OK;
}

/* Append c (built for n rows), or free it. */
static int end_column(cxm_table *t, cxm__column *c, size_t n, int rc)
{
	if (rc == CXM_OK)
		rc = cxm__table_push_column(t, c, n);
	cxm__column_free(c);
	return rc;
}

int cxm__table_add_column(double **values, cxm_table *t, const char *name, int type, size_t n)
{
	cxm__column c;
	int rc;
	*values = NULL;
	if ((rc = begin_column(&c, t, name, n, type)) == CXM_OK &&
	    (rc = cxm__alloc_big(&c.num, &c.num_block, n ? n : 1, sizeof *c.num, "a table column")) == CXM_OK)
		memset(c.num, 0, (n ? n : 1) * sizeof *c.num);
	*values = c.num;
	if ((rc = end_column(t, &c, n, rc)) < 0)
		*values = NULL;
	return rc;
}

/* NUMBER and DAY columns: a copy of the values (days checked first). */
static int add_doubles(cxm_table *t, const char *name, const double *values, size_t n, int type)
{
	cxm__column c;
	size_t i;
	int rc;
	if ((rc = cxm__check_array(values, n, type == CXM_TABLE_DAY ? "days" : "values")) < 0)
		return rc;
	if ((rc = begin_column(&c, t, name, n, type)) < 0)
		return end_column(t, &c, n, rc);
	for (i = 0; type == CXM_TABLE_DAY && i < n; i++)
		if ((rc = cxm__check_date_day(values[i], "days", 1, i)) < 0)
			return end_column(t, &c, n, rc);
	if ((rc = cxm__alloc_big(&c.num, &c.num_block, n ? n : 1, sizeof *c.num, "a table column")) == CXM_OK && n > 0)
		memcpy(c.num, values, n * sizeof *c.num);
	return end_column(t, &c, n, rc);
}

cxm_status cxm_table_add_numbers(cxm_table *t, const char *name, const double *values, size_t n)
{
	return add_doubles(t, name, values, n, CXM_TABLE_NUMBER);
}

cxm_status cxm_table_add_days(cxm_table *t, const char *name, const double *days, size_t n)
{
	return add_doubles(t, name, days, n, CXM_TABLE_DAY);
}

cxm_status cxm_table_add_texts(cxm_table *t, const char *name, const char *const *texts, size_t n)
{
	cxm__column c;
	size_t i, level;
	int rc;
	if ((rc = cxm__check_array(texts, n, "texts")) < 0)
		return rc;
	if ((rc = begin_column(&c, t, name, n, CXM_TABLE_TEXT)) < 0)
		return end_column(t, &c, n, rc);
	for (i = 0; i < n; i++)
		if (texts[i] == NULL)
			return end_column(t, &c, n, cxm__fail(CXM_EBAD_ARG, "texts[%zu] is NULL", i));
	if ((rc = cxm__texts_init(&c.levels, 16, "a text column")) < 0 ||
	    (rc = cxm__alloc_array(&c.code, n ? n : 1, sizeof *c.code, "a text column")) < 0)
		return end_column(t, &c, n, rc);
	for (i = 0; i < n; i++) {
		if ((rc = cxm__texts_add(&c.levels, texts[i], strlen(texts[i]), &level)) < 0)
			return end_column(t, &c, n, rc);
		c.code[i] = (uint32_t)level;
	}
	return end_column(t, &c, n, cxm__column_texts(&c, n));
}

int cxm__table_add_coded(cxm_table *t, const char *name, const char *const *words, size_t n_words,
			  const size_t *index, size_t n)
{
	cxm__column c;
	uint32_t *level = NULL; /* per word: its level + 1, 0 before its first row */
	size_t i, k;
	int rc;
	if ((rc = begin_column(&c, t, name, n, CXM_TABLE_TEXT)) < 0)
		return end_column(t, &c, n, rc);
	if ((rc = cxm__alloc_array(&level, n_words ? n_words : 1, sizeof *level, "a text column")) < 0 ||
	    (rc = cxm__texts_init(&c.levels, n_words < 16 ? 16 : n_words, "a text column")) < 0 ||
	    (rc = cxm__alloc_array(&c.code, n ? n : 1, sizeof *c.code, "a text column")) < 0)
		goto done;
	memset(level, 0, (n_words ? n_words : 1) * sizeof *level);
	/* levels in the order of first rows, as cxm_table_add_texts numbers them */
	for (i = 0; i < n; i++) {
		if (level[index[i]] == 0) {
			const char *w = words[index[i]];
			if ((rc = cxm__texts_add(&c.levels, w, strlen(w), &k)) < 0)
				goto done;
			level[index[i]] = (uint32_t)k + 1;
		}
		c.code[i] = level[index[i]] - 1;
	}
	rc = cxm__column_texts(&c, n);
done:
	cxm__free(level);
	return end_column(t, &c, n, rc);
}

const double *cxm_table_numbers(const cxm_table *t, size_t col)
{
	if (t == NULL || col >= t->n_cols || t->col[col].type == CXM_TABLE_TEXT || t->rows == 0)
		return NULL;
	return t->col[col].num;
}

const char *const *cxm_table_texts(const cxm_table *t, size_t col)
{
	if (t == NULL || col >= t->n_cols || t->col[col].type != CXM_TABLE_TEXT || t->rows == 0)
		return NULL;
	return t->col[col].text;
}

/* The checks of the copying readers: a column of the right kind and room for its rows. */
static int copy_checks(const cxm__column **c, const void *out, size_t n_out, const cxm_table *t, size_t col,
		       int want_text)
{
	char quoted[CXM__QUOTE_MAX + 4];
	int rc;
	if ((rc = cxm__check_array(out, n_out, "out")) < 0)
		return rc;
	if ((*c = column_at(t, col)) == NULL)
		return CXM_EBAD_ARG;
	if (((*c)->type == CXM_TABLE_TEXT) != want_text) {
		cxm__quote_text(quoted, sizeof quoted, (*c)->name, strlen((*c)->name));
		return cxm__fail(CXM_EBAD_ARG, "column '%s' is %s; %s", quoted,
				 want_text ? "not a text column" : "a text column",
				 want_text ? "copy it with cxm_table_copy_numbers"
					   : "copy its codes with cxm_table_copy_codes");
	}
	if (n_out < t->rows)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the %zu rows", n_out, t->rows);
	return CXM_OK;
}

cxm_status cxm_table_copy_numbers(double *out, size_t n_out, const cxm_table *t, size_t col)
{
	const cxm__column *c;
	int rc;
	if ((rc = copy_checks(&c, out, n_out, t, col, 0)) < 0)
		return rc;
	if (t->rows > 0)
		memcpy(out, c->num, t->rows * sizeof *out);
	return CXM_OK;
}

cxm_status cxm_table_copy_codes(uint32_t *out, size_t n_out, const cxm_table *t, size_t col)
{
	const cxm__column *c;
	int rc;
	if ((rc = copy_checks(&c, out, n_out, t, col, 1)) < 0)
		return rc;
	if (t->rows > 0)
		memcpy(out, c->code, t->rows * sizeof *out);
	return CXM_OK;
}

size_t cxm_table_level_count(const cxm_table *t, size_t col)
{
	if (t == NULL || col >= t->n_cols || t->col[col].type != CXM_TABLE_TEXT)
		return 0;
	return t->col[col].levels.count;
}

const char *cxm_table_level(const cxm_table *t, size_t col, size_t i)
{
	if (t == NULL || col >= t->n_cols || t->col[col].type != CXM_TABLE_TEXT || i >= t->col[col].levels.count)
		return NULL;
	return t->col[col].levels.str[i];
}

/* ---- attributes ------------------------------------------------------------------------- */

static size_t find_attr(const cxm_table *t, const char *name)
{
	size_t i;
	for (i = 0; i < t->n_attrs; i++)
		if (strcmp(t->attr[i].name, name) == 0)
			return i;
	return t->n_attrs;
}

/* Set attribute `name` to (type, num, text); text is copied. */
static int set_attr(cxm_table *t, const char *name, int type, double num, const char *text)
{
	char *text_copy = NULL, *name_copy = NULL;
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(t, "t")) < 0 || (rc = check_name(name, "name")) < 0)
		return rc;
	if (text && (text_copy = cxm__strdup(text)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the text of attribute '%.40s'", name);
	if ((i = find_attr(t, name)) == t->n_attrs) {
		if (t->n_attrs == t->cap_attrs) {
			size_t cap = t->cap_attrs ? 2 * t->cap_attrs : 8;
			cxm__attr *grown = cxm__realloc(t->attr, cap * sizeof *grown);
			if (grown == NULL) {
				cxm__free(text_copy);
				return cxm__fail(CXM_ENOMEM, "no memory for %zu attributes", cap);
			}
			t->attr = grown;
			t->cap_attrs = cap;
		}
		if ((name_copy = cxm__strdup(name)) == NULL) {
			cxm__free(text_copy);
			return cxm__fail(CXM_ENOMEM, "no memory for the attribute name '%.40s'", name);
		}
		t->attr[i].name = name_copy;
		t->attr[i].text = NULL;
		t->n_attrs++;
	}
	cxm__free(t->attr[i].text);
	t->attr[i].type = type;
	t->attr[i].num = num;
	t->attr[i].text = text_copy;
	return CXM_OK;
}

cxm_status cxm_table_set_attr_text(cxm_table *t, const char *name, const char *text)
{
	int rc;
	if ((rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	return set_attr(t, name, CXM_TABLE_TEXT, 0.0, text);
}

cxm_status cxm_table_set_attr_number(cxm_table *t, const char *name, double x)
{
	return set_attr(t, name, CXM_TABLE_NUMBER, x, NULL);
}

cxm_status cxm_table_set_attr_day(cxm_table *t, const char *name, double day)
{
	int rc;
	if ((rc = cxm__check_date_day(day, "day", 0, 0)) < 0)
		return rc;
	return set_attr(t, name, CXM_TABLE_DAY, day, NULL);
}

size_t cxm_table_attr_count(const cxm_table *t)
{
	return t ? t->n_attrs : 0;
}

const char *cxm_table_attr_name(const cxm_table *t, size_t i)
{
	return t && i < t->n_attrs ? t->attr[i].name : NULL;
}

cxm_status cxm_table_attr_type(int *type, const cxm_table *t, size_t i)
{
	int rc;
	if ((rc = cxm__check_ptr(type, "type")) < 0 || (rc = cxm__check_ptr(t, "t")) < 0)
		return rc;
	if (i >= t->n_attrs)
		return cxm__fail(CXM_EBAD_ARG, "i = %zu is out of range: the table has %zu attribute%s", i,
				 t->n_attrs, t->n_attrs == 1 ? "" : "s");
	*type = t->attr[i].type;
	return CXM_OK;
}

/* The attribute `name` of type `want` (NUMBER also takes DAY), or BAD_ARG. */
static int get_attr(const cxm__attr **a, const cxm_table *t, const char *name, int want)
{
	char list[512], quoted[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(t, "t")) < 0 || (rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	if ((i = find_attr(t, name)) == t->n_attrs) {
		list_names(list, sizeof list, t, t->n_attrs, attr_at);
		return cxm__fail(CXM_EBAD_ARG, "the table has no attribute '%s'; its attributes are: %s", quoted,
				 list);
	}
	if ((t->attr[i].type == CXM_TABLE_TEXT) != (want == CXM_TABLE_TEXT))
		return cxm__fail(CXM_EBAD_ARG, "attribute '%s' is %s", quoted,
				 want == CXM_TABLE_TEXT ? "not a text" : "a text, not a number");
	*a = &t->attr[i];
	return CXM_OK;
}

cxm_status cxm_table_get_attr_number(double *out, const cxm_table *t, const char *name)
{
	const cxm__attr *a;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = get_attr(&a, t, name, CXM_TABLE_NUMBER)) < 0)
		return rc;
	*out = a->num;
	return CXM_OK;
}

cxm_status cxm_table_get_attr_text(const char **out, const cxm_table *t, const char *name)
{
	const cxm__attr *a;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = get_attr(&a, t, name, CXM_TABLE_TEXT)) < 0)
		return rc;
	*out = a->text;
	return CXM_OK;
}

cxm_status cxm_table_set_row_name(cxm_table *t, const char *name)
{
	char *copy;
	int rc;
	if ((rc = cxm__check_ptr(t, "t")) < 0 || (rc = check_name(name, "name")) < 0)
		return rc;
	if ((copy = cxm__strdup(name)) == NULL)
		return cxm__fail(CXM_ENOMEM, "no memory for the row name '%.40s'", name);
	cxm__free(t->row_name);
	t->row_name = copy;
	return CXM_OK;
}

const char *cxm_table_row_name(const cxm_table *t)
{
	if (t == NULL)
		return NULL;
	return t->row_name ? t->row_name : DEFAULT_ROW_NAME;
}

int cxm__table_rename_column(cxm_table *t, size_t col, const char *name)
{
	size_t i;
	char *copy;
	if (col >= t->n_cols || name == NULL || *name == '\0')
		return cxm__fail(CXM_EBAD_ARG, "cannot rename column %zu to '%s'", col, name ? name : "(null)");
	for (i = 0; i < t->n_cols; i++)
		if (i != col && strcmp(t->col[i].name, name) == 0)
			return cxm__fail(CXM_EBAD_ARG, "the table has a column '%s' already", name);
	if (!(copy = cxm__strdup(name)))
		return cxm__fail(CXM_ENOMEM, "no memory for a column name");
	cxm__free(t->col[col].name);
	t->col[col].name = copy;
	return CXM_OK;
}

int cxm__table_column_typed(size_t *col, const cxm_table *t, const char *name, unsigned types, int required,
			    const char *what)
{
	/* the allowed types as a message words them: "text", "day or number", ... */
	static const int order[] = { CXM_TABLE_TEXT, CXM_TABLE_DAY, CXM_TABLE_NUMBER };
	char allowed[64];
	size_t used = 0, k;
	int type, rc;
	if (cxm_table_column_index(col, t, name) < 0) {
		if (!required) {
			*col = SIZE_MAX;
			return CXM_OK;
		}
		return cxm_table_column_index(col, t, name); /* its message lists the columns */
	}
	if ((rc = cxm_table_column_type(&type, t, *col)) < 0)
		return rc;
	if (types & (1u << type))
		return CXM_OK;
	allowed[0] = '\0';
	for (k = 0; k < sizeof order / sizeof *order; k++)
		if (types & (1u << order[k]))
			used += (size_t)cxm__snprintf_c(allowed + used, sizeof allowed - used, "%s%s", used ? " or " : "",
							 cxm__names_word(&cxm__table_type_names, order[k]));
	return cxm__fail(CXM_EBAD_ARG, "column '%s' of the %s has type %s; it must be %s", name, what,
			 cxm__names_word(&cxm__table_type_names, type), allowed);
}

int cxm__table_copy_attr(cxm_table *dst, const cxm_table *src, size_t i)
{
	const char *name = cxm_table_attr_name(src, i), *text;
	double x;
	int type;
	cxm_table_attr_type(&type, src, i);
	if (type == CXM_TABLE_TEXT) {
		cxm_table_get_attr_text(&text, src, name);
		return cxm_table_set_attr_text(dst, name, text);
	}
	cxm_table_get_attr_number(&x, src, name);
	return type == CXM_TABLE_DAY ? cxm_table_set_attr_day(dst, name, x) : cxm_table_set_attr_number(dst, name, x);
}

