/* lib/io/date.c - ISO-8601 calendar dates to day numbers (days since 1970-01-01) and back. */
#include <math.h>
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
long cxm__days_from_civil(long y, int m, int d)
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
	cxm__snprintf_c(why, sizeof why, "day %02d is not in 01..%d for %04d-%02d%s", d, last, y, m,
		 m == 2 && d == 29 ? " (not a leap year)" : "");
	return bad(text, why);
}

cxm_status cxm_date_parse(double *day, const char *iso_date)
{
	static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, last;
	size_t end;
	int rc;
	if ((rc = cxm__check_ptr(day, "day")) < 0 || (rc = cxm__check_ptr(iso_date, "iso_date")) < 0)
		return rc;
	/* strnlen-free length checks: each test stops at the first NUL. The
	 * extended form YYYY-MM-DD, or the basic form YYYYMMDD (ISO 8601 both;
	 * the CDNOW files write the second). */
	if (digits(iso_date, 4, &y) && iso_date[4] == '-' && digits(iso_date + 5, 2, &m) &&
	    iso_date[7] == '-' && digits(iso_date + 8, 2, &d))
		end = 10;
	else if (digits(iso_date, 4, &y) && digits(iso_date + 4, 2, &m) && digits(iso_date + 6, 2, &d))
		end = 8;
	else
		return bad(iso_date, "expected YYYY-MM-DD or YYYYMMDD");
	if (iso_date[end] != '\0' && iso_date[end] != 'T' && iso_date[end] != 't' && iso_date[end] != ' ')
		return bad(iso_date, end == 10 ? "expected the end of the text, or 'T' and a time, after YYYY-MM-DD"
					       : "expected the end of the text, or 'T' and a time, after YYYYMMDD");
	if (y < 1)
		return bad(iso_date, "year 0000 is not in 0001..9999");
	if (m < 1 || m > 12)
		return bad(iso_date, "the month is not in 01..12");
	last = month_days[m - 1] + (m == 2 && is_leap(y));
	if (d < 1 || d > last)
		return bad_day(iso_date, y, m, d, last);
	*day = (double)cxm__days_from_civil(y, m, d);
	return CXM_OK;
}

/*
 * The inverse of days_from_civil (H. Hinnant's civil_from_days): the
 * calendar date of a day number.
 */
void cxm__civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int cxm__check_date_day(double day, const char *what, int indexed, size_t i)
{
	char name[64];
	int rc;
	if ((rc = cxm__check_day(day, what, indexed, i)) < 0)
		return rc;
	if (day >= CXM__FIRST_DAY && day <= CXM__LAST_DAY)
		return CXM_OK;
	if (indexed)
		cxm__snprintf_c(name, sizeof name, "%s[%zu]", what, i);
	else
		cxm__snprintf_c(name, sizeof name, "%s", what);
	return cxm__fail(CXM_EBAD_ARG, "%s = %.17g is not a day of the years 0001..9999 (%.0f..%.0f)", name, day,
			 CXM__FIRST_DAY, CXM__LAST_DAY);
}

const char *cxm__date_format(char *buf, double day)
{
	long y;
	int m, d;
	if (!(day >= CXM__FIRST_DAY && day <= CXM__LAST_DAY && day == floor(day))) {
		cxm__snprintf_c(buf, CXM__DATE_MAX, "?");
		return buf;
	}
	cxm__civil_from_days((long)day, &y, &m, &d);
	/* y is 1..9999, m 1..12 and d 1..31: digit by digit */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}
