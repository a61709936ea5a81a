/*
 * lib/rfm/rules_builtin.c - the published segment tables (spec §7.3, §7.4,
 * §7.8). They live in the JSON files of lib/rfm/presets, the one owner of the presets:
 * the build embeds those files (and the names table of their words, the
 * file stems) as C, and a built-in table is its JSON read by the same reader
 * as a user's file.
 */
#include <stdio.h>
#include "rfm_internal.h"
#include "names.h"

cxm_status cxm_rfm_rules_builtin(cxm_rfm_rules **out, const char *name)
{
	int rc, set;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	if ((rc = cxm__names_parse(&set, &cxm__rfm_rules_names, name, "the rule table")) < 0)
		return rc;
	if ((size_t)set >= cxm__rfm_preset_count)
		return cxm__fail(CXM_EBAD_ARG, "rule table %d has no embedded preset", set);
	return cxm_rfm_rules_from_json(out, (const char *)cxm__rfm_preset_json[set], cxm__rfm_preset_len[set]);
}

/* One rule for every front end's --rules NAME|FILE: a word of the built-in
 * sets wins over a file of that name. */
cxm_status cxm_rfm_rules_load(cxm_rfm_rules **out, const char *name_or_path)
{
	char choices[256], context[320];
	int rc, set;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if ((rc = cxm__check_ptr(name_or_path, "name_or_path")) < 0)
		return rc;
	if (cxm_names_parse(&set, CXM_NAMES_RFM_RULES, name_or_path) == CXM_OK)
		return cxm_rfm_rules_builtin(out, name_or_path);
	rc = cxm_rfm_rules_from_file(out, name_or_path);
	if (rc == CXM_EIO && cxm_names_choices(choices, sizeof choices, CXM_NAMES_RFM_RULES) == CXM_OK) {
		cxm__snprintf_c(context, sizeof context, "not one of the built-in rule sets (%s), nor a file", choices);
		return cxm__error_context(context);
	}
	return rc;
}
