/*
 * tests/fuzz/fuzz_date.c - libFuzzer target for the ISO date parser
 * (lib/io/date.c, cxm_date_parse in cxmetrics/io.h).
 *
 * The input, NUL-terminated in a buffer of exactly its size + 1 (so that
 * ASan sees any read past the NUL), is parsed as a date. The parser must
 * agree with a reference written here independently: it accepts exactly
 * YYYY-MM-DD or YYYYMMDD with a valid year 0001..9999, month and day (leap
 * years included), followed by the end of the text, 'T', 't' or ' '; and its
 * day number, turned back into a date by the inverse algorithm, gives the
 * same digits.
 */
#define _GNU_SOURCE
#include <math.h>
#include "fuzz_common.h"

/* Days 0001-01-01 and 9999-12-31 (Python: date(y, m, d) - date(1970, 1, 1)). */
#define FIRST_DAY (-719162.0)
#define LAST_DAY 2932896.0

/* Does s have the shape ("dddd-dd-dd" or "ddddmmdd" with d a digit), then
 * the end of the text, 'T', 't' or ' '? */
static int has_shape(const char *s, const char *shape)
{
	size_t i, n = strlen(shape);
	for (i = 0; i < n; i++) {
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
			return 0;
	}
	return s[n] == '\0' || s[n] == 'T' || s[n] == 't' || s[n] == ' ';
}

/* The reference: is `s` a date the parser must accept? Its 8 digits go to digits8. */
static int reference_valid(const char *s, char *digits8)
{
	static const int dim[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, leap;
	if (has_shape(s, "dddd-dd-dd")) {
		memcpy(digits8, s, 4);
		memcpy(digits8 + 4, s + 5, 2);
		memcpy(digits8 + 6, s + 8, 2);
	} else if (has_shape(s, "dddddddd")) {
		memcpy(digits8, s, 8);
	} else {
		return 0;
	}
	digits8[8] = '\0';
	y = (digits8[0] - '0') * 1000 + (digits8[1] - '0') * 100 + (digits8[2] - '0') * 10 + (digits8[3] - '0');
	m = (digits8[4] - '0') * 10 + (digits8[5] - '0');
	d = (digits8[6] - '0') * 10 + (digits8[7] - '0');
	leap = y % 400 == 0 || (y % 4 == 0 && y % 100 != 0);
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= dim[m] + (m == 2 && leap);
}

/* Day number -> y-m-d (H. Hinnant's civil_from_days, the inverse of the parser's formula). */
static void civil_from_days(long z, long *y, int *m, int *d)
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	char digits8[9];
	double day = 12345.5;
	int rc = cxm_date_parse(&day, s), valid = reference_valid(s, digits8);
	if (rc == CXM_OK) {
		char back[32];
		long y;
		int m, d;
		FUZZ_ASSERT(valid, "'%s' accepted as day %.17g; the reference says it is not a date", s, day);
		FUZZ_ASSERT(day == floor(day) && day >= FIRST_DAY && day <= LAST_DAY,
			    "'%s': day %.17g is not a whole day in 0001..9999", s, day);
		civil_from_days((long)day, &y, &m, &d);
		snprintf(back, sizeof back, "%04ld%02d%02d", y, m, d);
		FUZZ_ASSERT(strcmp(back, digits8) == 0, "'%s' gives day %.17g, which is %s", s, day, back);
	} else {
		fuzz_check_error(rc, "cxm_date_parse");
		FUZZ_ASSERT(rc == CXM_EPARSE, "cxm_date_parse('%s'): %d, not PARSE", s, rc);
		FUZZ_ASSERT(!valid, "'%s' is a date the parser refused: %s", s, cxm_error_last()->message);
		FUZZ_ASSERT(day == 12345.5, "*day written on failure");
	}
	free(s);
	return 0;
}
