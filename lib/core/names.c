/*
 * lib/core/names.c - words to enumeration values and back (names.h), over
 * the tables that the modules define.
 */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "names.h"

/* "table" (an alias of text): the issue 9 commands' word for their text tables */
static const cxm__word format_words[] = {
	{ "text", CXM_FORMAT_TEXT }, { "json", CXM_FORMAT_JSON }, { "csv", CXM_FORMAT_CSV },
	{ "html", CXM_FORMAT_HTML }, /* canonical words before the alias */
	{ "table", CXM_FORMAT_TEXT }
};
const cxm__names cxm__format_names = CXM__NAMES("format", format_words, 1);

/* By cxm_names_table (designated: a table whose module is not built yet is NULL,
 * which table_of reports as an unknown table). */
static const cxm__names *const tables[] = {
	&cxm__nan_policy_names,    &cxm__nps_scale_names,  &cxm__nps_method_names,
	&cxm__survey_metric_names, &cxm__clv_period_names, &cxm__clv_model_names,
	&cxm__clv_column_names,    &cxm__rfm_match_names,  &cxm__rfm_rules_names,
	&cxm__format_names,        &cxm__clv_prediction_names, &cxm__table_type_names,
	[CXM_NAMES_CLUSTER_KIND] = &cxm__cluster_kind_names,
	[CXM_NAMES_RFM_BINNING] = &cxm__rfm_binning_names,
	[CXM_NAMES_RFM_RETURNS] = &cxm__rfm_returns_names,
	[CXM_NAMES_SEGMENT_RULES] = &cxm__segment_rules_names,
	[CXM_NAMES_PERSONA_ROLE] = &cxm__persona_role_names,
	[CXM_NAMES_PERSONA_FORMAT] = &cxm__persona_format_names,
	[CXM_NAMES_NMF_METHOD] = &cxm__nmf_method_names,
	[CXM_NAMES_PPS_CONSTRUCT] = &cxm__pps_construct_names,
	[CXM_NAMES_MISSING_IDS] = &cxm__missing_ids_names,
	[CXM_NAMES_CLV_FIT_STATUS] = &cxm__clv_fit_status_names,
	[CXM_NAMES_PERIOD] = &cxm__period_names,
	[CXM_NAMES_P_ADJUST] = &cxm__p_adjust_names,
	[CXM_NAMES_SURVEY_SKIP] = &cxm__survey_skip_names,
	[CXM_NAMES_FUNNEL_MODE] = &cxm__funnel_mode_names,
	[CXM_NAMES_EVENTS_SKIP] = &cxm__events_skip_names
};
#define N_TABLES (sizeof tables / sizeof *tables)

static const cxm__names *table_of(int table)
{
	/* NULL for an id whose table is not registered yet (a gap before a designated entry) */
	return table >= 0 && (size_t)table < N_TABLES ? tables[table] : NULL;
}

static const char *word_at(const void *t, size_t i)
{
	return ((const cxm__names *)t)->words[i].word;
}

/* "a, b or c": the canonical words, as messages list them. */
static void choices(char *buf, size_t cap, const cxm__names *t)
{
	cxm__join_names(buf, cap, t->n_canonical, word_at, t, 0, " or ");
}

int cxm__names_parse(int *value, const cxm__names *t, const char *word, const char *what)
{
	char list[256], quote[CXM__QUOTE_MAX + 4];
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(value, "value")) < 0)
		return rc;
	if (!what)
		what = t->what;
	if (word == NULL) {
		choices(list, sizeof list, t);
		return cxm__fail(CXM_EBAD_ARG, "%s is NULL; use %s", what, list);
	}
	for (i = 0; i < t->n_words; i++) {
		if (strcmp(word, t->words[i].word) == 0) {
			*value = t->words[i].value;
			return CXM_OK;
		}
	}
	choices(list, sizeof list, t);
	cxm__quote_text(quote, sizeof quote, word, strlen(word));
	return cxm__fail(CXM_EBAD_ARG, "%s must be %s, not '%s'", what, list, quote);
}

const char *cxm__names_word(const cxm__names *t, int value)
{
	size_t i;
	for (i = 0; i < t->n_canonical; i++)
		if (t->words[i].value == value)
			return t->words[i].word;
	return NULL;
}

int cxm__names_check(const cxm__names *t, int value)
{
	char list[256];
	if (cxm__names_word(t, value))
		return CXM_OK;
	choices(list, sizeof list, t);
	return cxm__fail(CXM_EBAD_ARG, "%s is %d, which is not one of its values (%s)", t->what, value, list);
}

cxm_status cxm_names_parse(int *value, int table, const char *word)
{
	const cxm__names *t = table_of(table);
	if (t == NULL)
		return cxm__fail(CXM_EBAD_ARG, "table is %d; use a cxm_names_table (0..%zu)", table, N_TABLES - 1);
	return cxm__names_parse(value, t, word, NULL);
}

const char *cxm_names_word(int table, int value)
{
	const cxm__names *t = table_of(table);
	return t ? cxm__names_word(t, value) : NULL;
}

size_t cxm_names_count(int table)
{
	const cxm__names *t = table_of(table);
	return t ? t->n_canonical : 0;
}

const char *cxm_names_at(int table, size_t i)
{
	const cxm__names *t = table_of(table);
	return t && i < t->n_canonical ? t->words[i].word : NULL;
}

const char *cxm_names_what(int table)
{
	const cxm__names *t = table_of(table);
	return t ? t->what : NULL;
}

cxm_status cxm_names_choices(char *buf, size_t cap, int table)
{
	const cxm__names *t = table_of(table);
	int rc;
	if ((rc = cxm__check_ptr(buf, "buf")) < 0)
		return rc;
	if (cap == 0)
		return cxm__fail(CXM_EBAD_ARG, "cap is 0");
	if (t == NULL)
		return cxm__fail(CXM_EBAD_ARG, "table is %d; use a cxm_names_table (0..%zu)", table, N_TABLES - 1);
	choices(buf, cap, t);
	return CXM_OK;
}
