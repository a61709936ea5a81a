/*
 * lib/themes/default.c - the small English table built into the library
 * (spec §20.6): data/themes_en.json, embedded at build time by
 * scripts/embed_text.py and installed beside the library for users to read
 * and copy. It is parsed like any table, so it is checked like one (the
 * unit tests read it both ways).
 */
#include "internal.h"
#include "themes_internal.h"

cxm_status cxm_themes_default(cxm_themes **out)
{
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	return cxm__themes_from_text(out, (const char *)cxm__themes_default_json, cxm__themes_default_len,
				     "built-in themes table");
}
