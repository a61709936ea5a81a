/*
 * lib/report/pending.c - stand-ins (pending.h) until lib/io gives the
 * design's timestamp functions.
 */
#include <math.h>
#include <string.h>
#include "pending.h"
#include "io/io_internal.h"

/* ---- timestamps ----------------------------------------------------------------- */

static int digits(const char *s, size_t n, long *v)
{
	size_t i;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int cxm__pending_timestamp_parse_n(const char *s, size_t len, double *seconds, int *is_date)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, mo, d, h = 0, mi = 0, sec = 0, oh, om;
	double frac = 0.0, off = 0.0;
	size_t p = 16;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return 0;
	*is_date = len == 10;
	if (len == 10) {
		*seconds = 86400.0 * (double)cxm__days_from_civil(y, (int)mo, (int)d);
		return 1;
	}
	if (len < 16 || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2, &h) || s[13] != ':' ||
	    !digits(s + 14, 2, &mi) || h > 23 || mi > 59)
		return 0;
	if (p < len && s[p] == ':') {
		if (p + 3 > len || !digits(s + p + 1, 2, &sec) || sec > 59)
			return 0;
		p += 3;
		if (p < len && s[p] == '.') {
			double scale = 0.1;
			size_t q = ++p;
			while (p < len && s[p] >= '0' && s[p] <= '9') {
				frac += (s[p] - '0') * scale;
				scale /= 10.0;
				p++;
			}
			if (p == q)
				return 0;
		}
	}
	if (p == len)
		return 0; /* no UTC offset */
	if (s[p] == 'Z' && p + 1 == len) {
		off = 0.0;
	} else if (s[p] == '+' || s[p] == '-') {
		if (p + 6 == len && digits(s + p + 1, 2, &oh) && s[p + 3] == ':' && digits(s + p + 4, 2, &om)) {
		} else if (p + 5 == len && digits(s + p + 1, 2, &oh) && digits(s + p + 3, 2, &om)) {
		} else {
			return 0;
		}
		if (oh > 14 || om > 59)
			return 0;
		off = (s[p] == '-' ? -1.0 : 1.0) * (double)(oh * 3600 + om * 60);
	} else {
		return 0;
	}
	*seconds = 86400.0 * (double)cxm__days_from_civil(y, (int)mo, (int)d) + (double)(h * 3600 + mi * 60 + sec) +
		   frac - off;
	return 1;
}

/* y-m-d of a day number (Howard Hinnant's civil_from_days). */
static void civil(long z, long *y, int *m, int *d)
{
	long era, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

double cxm__pending_period_start(double day, int period)
{
	long z = (long)floor(day), y;
	int m, d;
	if (period == 0)
		return (double)z;
	if (period == 1) { /* ISO week: Monday; 1970-01-01 was a Thursday */
		long wd = ((z % 7) + 7 + 3) % 7; /* 0 = Monday */
		return (double)(z - wd);
	}
	civil(z, &y, &m, &d);
	if (period == 2)
		return (double)cxm__days_from_civil(y, m, 1);
	if (period == 3)
		return (double)cxm__days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
	return (double)cxm__days_from_civil(y, 1, 1);
}
