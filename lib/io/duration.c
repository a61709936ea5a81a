/*
 * lib/io/duration.c - durations as people write them (spec §21.4): "90"
 * (seconds), "30s", "15m", "12h", "7d", "2w"; a funnel's conversion window,
 * a session gap.
 */
#include <math.h>
#include <string.h>
#include "internal.h"

cxm_status cxm_duration_parse(double *seconds, const char *text)
{
	static const struct { char unit; double seconds; } units[] = {
		{ 's', 1.0 }, { 'm', 60.0 }, { 'h', 3600.0 }, { 'd', 86400.0 }, { 'w', 604800.0 }
	};
	char quoted[CXM__QUOTE_MAX + 4];
	const char *p;
	char *end;
	double x, scale = 1.0;
	size_t len, i;
	int rc;
	if ((rc = cxm__check_ptr(seconds, "seconds")) < 0 || (rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	len = strlen(text);
	cxm__quote_text(quoted, sizeof quoted, text, len);
	/* digits first: strtod alone would also read "inf", "nan", hex and leading blanks */
	p = text;
	if (*p == '+' || *p == '-')
		p++;
	if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')))
		return cxm__fail(CXM_EBAD_ARG, "'%s' is not a duration: give a number >= 0 and a unit (s, m, h, d, "
				 "w), such as 90, 30s, 15m, 12h, 7d or 2w", quoted);
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		return cxm__fail(CXM_EBAD_ARG, "'%s' is not a duration: hexadecimal numbers are not read", quoted);
	x = cxm__strtod_c(text, &end);
	if (end == text)
		return cxm__fail(CXM_EBAD_ARG, "'%s' is not a duration: no number", quoted);
	if (*end != '\0') {
		for (i = 0; i < sizeof units / sizeof *units; i++)
			if (*end == units[i].unit)
				break;
		if (i == sizeof units / sizeof *units || end[1] != '\0')
			return cxm__fail(CXM_EBAD_ARG, "'%s' is not a duration: the unit must be one of s (seconds), m "
					 "(minutes), h (hours), d (days), w (weeks), right after the number",
					 quoted);
		scale = units[i].seconds;
	}
	if (isnan(x))
		return cxm__fail(CXM_EBAD_ARG, "'%s' is not a duration: NaN", quoted);
	if (x < 0 || text[0] == '-')
		return cxm__fail(CXM_EBAD_ARG, "the duration '%s' is negative; give a number >= 0", quoted);
	x *= scale;
	if (!isfinite(x))
		return cxm__fail(CXM_EBAD_ARG, "the duration '%s' is too large", quoted);
	*seconds = x;
	return CXM_OK;
}
