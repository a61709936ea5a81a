/*
 * lib/io/timestamp.c - ISO-8601 timestamps to Unix seconds, and the first
 * day of the calendar period (day, ISO week, month, quarter, year) that
 * holds a day (spec §0.15).
 *
 * The report reads one timestamp per row of a file of millions, so the
 * parser (cxm__timestamp_parse_n) works on a (pointer, length) field with
 * fixed-position digit checks: no allocation, no locale, no strtod. The
 * public functions are thin wrappers over it.
 */
#include <math.h>
#include <string.h>
#include "internal.h"
#include "io_internal.h"
#include "names.h"

static const cxm__word period_words[] = {
	{ "day", CXM_PERIOD_DAY }, { "week", CXM_PERIOD_WEEK }, { "month", CXM_PERIOD_MONTH },
	{ "quarter", CXM_PERIOD_QUARTER }, { "year", CXM_PERIOD_YEAR }
};
const cxm__names cxm__period_names = CXM__NAMES("period", period_words, 0);

/* The message of every refused timestamp: the text (quoted, cut to
 * CXM__QUOTE_MAX bytes, control bytes as '?') and why. */
static int bad(const char *s, size_t len, const char *why)
{
	char quoted[CXM__QUOTE_MAX + 4];
	cxm__quote_text(quoted, sizeof quoted, s, len);
	return cxm__fail(CXM_EPARSE, "'%s' is not a timestamp: %s", quoted, why);
}

/* n digits at s[i..] (all within len): their value, or -1. */
static int digits_at(const char *s, size_t len, size_t i, int n)
{
	int k, v = 0;
	if (i + (size_t)n > len)
		return -1;
	for (k = 0; k < n; k++) {
		unsigned d = (unsigned)(unsigned char)s[i + (size_t)k] - '0';
		if (d > 9)
			return -1;
		v = v * 10 + (int)d;
	}
	return v;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* What is at s[i] (for "expected ... at character N, not 'x'"). */
static int unexpected(const char *s, size_t len, size_t i, const char *expected)
{
	char why[160];
	if (i >= len)
		cxm__snprintf_c(why, sizeof why, "it ends after character %zu; expected %s", len, expected);
	else
		cxm__snprintf_c(why, sizeof why, "expected %s at character %zu, not '%c'", expected, i + 1,
				((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f) ? '?' : s[i]);
	return bad(s, len, why);
}

int cxm__timestamp_parse_n(const char *s, size_t len, double *seconds, int *is_date)
{
	static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char why[128];
	int y, mo, d, h, mi, sec = 0, last, off = 0;
	double frac = 0.0;
	size_t i;
	if (len == 0)
		return bad(s, len, "the text is empty (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM)");
	if ((y = digits_at(s, len, 0, 4)) < 0 || len < 5 || s[4] != '-')
		return unexpected(s, len, y < 0 ? 0 : 4, y < 0 ? "a year of 4 digits (YYYY-MM-DD)" : "'-' after the year");
	if ((mo = digits_at(s, len, 5, 2)) < 0)
		return unexpected(s, len, 5, "a month of 2 digits (YYYY-MM-DD)");
	if (len < 8 || s[7] != '-')
		return unexpected(s, len, 7, "'-' after the month");
	if ((d = digits_at(s, len, 8, 2)) < 0)
		return unexpected(s, len, 8, "a day of 2 digits (YYYY-MM-DD)");
	if (y < 1)
		return bad(s, len, "year 0000 is not in 0001..9999");
	if (mo < 1 || mo > 12) {
		cxm__snprintf_c(why, sizeof why, "month %02d is not in 01..12", mo);
		return bad(s, len, why);
	}
	last = month_days[mo - 1] + (mo == 2 && is_leap(y));
	if (d < 1 || d > last) {
		cxm__snprintf_c(why, sizeof why, "day %02d is not in 01..%d for %04d-%02d%s", d, last, y, mo,
				mo == 2 && d == 29 ? " (not a leap year)" : "");
		return bad(s, len, why);
	}
	if (len == 10) {
		*seconds = (double)cxm__days_from_civil(y, mo, d) * 86400.0;
		*is_date = 1;
		return CXM_OK;
	}
	if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return unexpected(s, len, 10, "the end of the text, or 'T' and a time, after YYYY-MM-DD");
	if ((h = digits_at(s, len, 11, 2)) < 0)
		return unexpected(s, len, 11, "an hour of 2 digits (THH:MM)");
	if (len < 14 || s[13] != ':')
		return unexpected(s, len, 13, "':' after the hour");
	if ((mi = digits_at(s, len, 14, 2)) < 0)
		return unexpected(s, len, 14, "minutes of 2 digits (THH:MM)");
	i = 16;
	if (i < len && s[i] == ':') {
		if ((sec = digits_at(s, len, 17, 2)) < 0)
			return unexpected(s, len, 17, "seconds of 2 digits (THH:MM:SS)");
		i = 19;
		if (i < len && (s[i] == '.' || s[i] == ',')) {
			double scale = 0.1;
			size_t start = ++i;
			for (; i < len && s[i] >= '0' && s[i] <= '9' && i - start < 9; i++, scale /= 10)
				frac += (s[i] - '0') * scale;
			if (i == start)
				return unexpected(s, len, i, "digits of a fraction of a second");
		}
	}
	if (h > 23) {
		cxm__snprintf_c(why, sizeof why, "hour %02d is not in 00..23", h);
		return bad(s, len, why);
	}
	if (mi > 59) {
		cxm__snprintf_c(why, sizeof why, "minute %02d is not in 00..59", mi);
		return bad(s, len, why);
	}
	if (sec > 59) {
		cxm__snprintf_c(why, sizeof why, "second %02d is not in 00..59", sec);
		return bad(s, len, why);
	}
	/* the UTC offset: a local time without one names no instant */
	if (i == len)
		return bad(s, len, "no UTC offset: add Z or +HH:MM");
	if (s[i] == 'Z' || s[i] == 'z') {
		i++;
	} else if (s[i] == '+' || s[i] == '-') {
		int oh, om, sign = s[i] == '-' ? -1 : 1;
		size_t at = i + 1;
		if ((oh = digits_at(s, len, at, 2)) < 0)
			return unexpected(s, len, at, "an offset of the form +HH:MM or +HHMM");
		at += 2;
		if (at < len && s[at] == ':')
			at++;
		if ((om = digits_at(s, len, at, 2)) < 0)
			return unexpected(s, len, at, "the offset's minutes (+HH:MM or +HHMM)");
		if (oh > 23 || om > 59) {
			cxm__snprintf_c(why, sizeof why, "the UTC offset %c%02d:%02d is not in -23:59..+23:59",
					sign < 0 ? '-' : '+', oh, om);
			return bad(s, len, why);
		}
		off = sign * (oh * 3600 + om * 60);
		i = at + 2;
	} else {
		return unexpected(s, len, i, "a UTC offset (Z or +HH:MM)");
	}
	if (i != len)
		return unexpected(s, len, i, "the end of the text after the UTC offset");
	*seconds = (double)cxm__days_from_civil(y, mo, d) * 86400.0 + (double)(h * 3600 + mi * 60 + sec - off) + frac;
	*is_date = 0;
	return CXM_OK;
}

cxm_status cxm_timestamp_parse(double *seconds, int *is_date, const char *text)
{
	double s;
	int rc, date;
	if ((rc = cxm__check_ptr(seconds, "seconds")) < 0 || (rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	if ((rc = cxm__timestamp_parse_n(text, strlen(text), &s, &date)) < 0)
		return rc;
	*seconds = s;
	if (is_date)
		*is_date = date;
	return CXM_OK;
}

/* floor(a / b) for b > 0 */
static long floor_div(long a, long b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

double cxm__period_start(long day, int period)
{
	long y;
	int m, d;
	switch (period) {
	case CXM_PERIOD_DAY:
		return (double)day;
	case CXM_PERIOD_WEEK:
		/* 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7 */
		return (double)(day - (day + 3 - 7 * floor_div(day + 3, 7)));
	default:
		break;
	}
	cxm__civil_from_days(day, &y, &m, &d);
	if (period == CXM_PERIOD_QUARTER)
		m = 3 * ((m - 1) / 3) + 1;
	else if (period == CXM_PERIOD_YEAR)
		m = 1;
	return (double)cxm__days_from_civil(y, m, 1);
}

cxm_status cxm_period_start(double *out_day, double day, int period)
{
	int rc;
	if ((rc = cxm__check_ptr(out_day, "out_day")) < 0 || (rc = cxm__names_check(&cxm__period_names, period)) < 0 ||
	    (rc = cxm__check_date_day(day, "day", 0, 0)) < 0)
		return rc;
	*out_day = cxm__period_start((long)day, period);
	return CXM_OK;
}

int cxm__check_utc_offset(int minutes)
{
	if (minutes < -840 || minutes > 840)
		return cxm__fail(CXM_EBAD_ARG, "utc_offset_minutes = %d is not in -840..840 (UTC-14:00..UTC+14:00)",
				 minutes);
	return CXM_OK;
}

double cxm__timestamp_day(double seconds, int is_date, int utc_offset_minutes)
{
	if (is_date)
		return floor(seconds / 86400.0);
	return floor((seconds + 60.0 * utc_offset_minutes) / 86400.0);
}

cxm_status cxm_timestamp_period(double *out_day, const char *text, int period, int utc_offset_minutes)
{
	double s, day;
	int rc, is_date;
	if ((rc = cxm__check_ptr(out_day, "out_day")) < 0 || (rc = cxm__check_ptr(text, "text")) < 0 ||
	    (rc = cxm__names_check(&cxm__period_names, period)) < 0 || (rc = cxm__check_utc_offset(utc_offset_minutes)) < 0)
		return rc;
	if ((rc = cxm__timestamp_parse_n(text, strlen(text), &s, &is_date)) < 0)
		return rc;
	day = cxm__timestamp_day(s, is_date, utc_offset_minutes);
	/* 0001-01-01T00:30+01:00 is 0000-12-31 in UTC: the day of a shifted time
	 * may leave the years the calendar functions know */
	if (day < CXM__FIRST_DAY || day > CXM__LAST_DAY) {
		char quoted[CXM__QUOTE_MAX + 4];
		cxm__quote_text(quoted, sizeof quoted, text, strlen(text));
		return cxm__fail(CXM_EOUT_OF_RANGE, "'%s' at UTC offset %+d minutes falls outside the years 0001..9999",
				 quoted, utc_offset_minutes);
	}
	*out_day = cxm__period_start((long)day, period);
	return CXM_OK;
}
