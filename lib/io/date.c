/* lib/io/date.c - ISO-8601 calendar dates to day numbers (days since 1970-01-01). */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "io_internal.h"

static int digits(const char *s, int n, int *value)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return 1;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant's
 * days_from_civil). Counting years from March puts the leap day last, so
 * the day of the year is a linear formula in the month.
 */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The text may be a whole CSV field of any length and hold any byte: the
 * message quotes at most CXM__QUOTE_MAX bytes of it, control bytes as '?',
 * so that it stays one line. */
static int bad(const char *text, const char *why)
{
	char quoted[CXM__QUOTE_MAX + 4];
	cxm__quote_text(quoted, sizeof quoted, text, strlen(text));
	return cxm__fail(CXM_EPARSE, "'%s' is not a date: %s", quoted, why);
}

static int bad_day(const char *text, int y, int m, int d, int last)
{
	char why[96];
	snprintf(why, sizeof why, "day %02d is not in 01..%d for %04d-%02d%s", d, last, y, m,
		 m == 2 && d == 29 ? " (not a leap year)" : "");
	return bad(text, why);
}

cxm_status cxm_date_parse(double *day, const char *iso_date)
{
	static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, last;
	int rc;
	if ((rc = cxm__check_ptr(day, "day")) < 0 || (rc = cxm__check_ptr(iso_date, "iso_date")) < 0)
		return rc;
	/* strnlen-free length checks: each test stops at the first NUL */
	if (!digits(iso_date, 4, &y) || iso_date[4] != '-' || !digits(iso_date + 5, 2, &m) ||
	    iso_date[7] != '-' || !digits(iso_date + 8, 2, &d))
		return bad(iso_date, "expected YYYY-MM-DD");
	if (iso_date[10] != '\0' && iso_date[10] != 'T' && iso_date[10] != 't' && iso_date[10] != ' ')
		return bad(iso_date, "expected the end of the text, or 'T' and a time, after YYYY-MM-DD");
	if (y < 1)
		return bad(iso_date, "year 0000 is not in 0001..9999");
	if (m < 1 || m > 12)
		return bad(iso_date, "the month is not in 01..12");
	last = month_days[m - 1] + (m == 2 && is_leap(y));
	if (d < 1 || d > last)
		return bad_day(iso_date, y, m, d, last);
	*day = (double)days_from_civil(y, m, d);
	return CXM_OK;
}
