/*
 * tests/fuzz/fuzz_date.c - libFuzzer target for the date parsers
 * (lib/io/date.c and lib/io/date_format.c: cxm_date_parse,
 * cxm_date_parse_format and cxm_dates_parse in cxmetrics/io.h).
 *
 * An input with a line break is a format (before it) and a text (after it):
 * see check_format. An input without one is an ISO date:
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

/* ---- formats ----------------------------------------------------------------
 *
 * cxm_date_parse_format(text, format) must: with an empty format, be
 * cxm_date_parse; refuse a format (BAD_ARG) whatever the text, or never;
 * fail otherwise only with PARSE, writing nothing; and when it gives a day,
 * that day written back through the format by the reference writer below
 * (each number at its widest, zero-padded; names in English; blanks as one
 * space; the time fields as zeros) must read as the same day. So every
 * accepted text means the date the format says, in an independent spelling.
 * cxm_dates_parse over {text, NULL} must agree, with NaN for the NULL.
 */

static const char *const months[12] = { "January", "February", "March",     "April",   "May",      "June",
					"July",    "August",   "September", "October", "November", "December" };

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The day written through `format` (which the parser accepted) into out; 0 when it does not fit. */
static int write_back(char *out, size_t cap, const char *format, double day)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	long y;
	int m, d, yday;
	size_t used = 0;
	const char *p;
	civil_from_days((long)day, &y, &m, &d);
	yday = before[m - 1] + d + (m > 2 && is_leap(y));
	for (p = format; *p; p++) {
		char piece[32];
		if (*p == ' ' || *p == '\t') {
			while (p[1] == ' ' || p[1] == '\t')
				p++;
			snprintf(piece, sizeof piece, " ");
		} else if (*p != '%') {
			snprintf(piece, sizeof piece, "%c", *p);
		} else {
			switch (*++p) {
			case 'Y': snprintf(piece, sizeof piece, "%04ld", y); break;
			case 'y': snprintf(piece, sizeof piece, "%02ld", y % 100); break;
			case 'm': snprintf(piece, sizeof piece, "%02d", m); break;
			case 'd': snprintf(piece, sizeof piece, "%02d", d); break;
			case 'j': snprintf(piece, sizeof piece, "%03d", yday); break;
			case 'b': snprintf(piece, sizeof piece, "%.3s", months[m - 1]); break;
			case 'B': snprintf(piece, sizeof piece, "%s", months[m - 1]); break;
			case 'a': snprintf(piece, sizeof piece, "Mon"); break;
			case 'A': snprintf(piece, sizeof piece, "Monday"); break;
			case 'H': case 'M': case 'S': snprintf(piece, sizeof piece, "00"); break;
			case 'I': snprintf(piece, sizeof piece, "12"); break;
			case 'p': snprintf(piece, sizeof piece, "AM"); break;
			case 'f': snprintf(piece, sizeof piece, "000000"); break;
			case 'z': snprintf(piece, sizeof piece, "Z"); break;
			case '%': snprintf(piece, sizeof piece, "%%"); break;
			default: return 0; /* the parser accepted the format: cannot happen */
			}
		}
		if (used + strlen(piece) >= cap)
			return 0;
		memcpy(out + used, piece, strlen(piece) + 1);
		used += strlen(piece);
	}
	return 1;
}

static void check_format(const char *format, const char *text)
{
	double day = 12345.5, again = 12345.5, iso = 12345.5, pair[2] = { 7, 7 };
	const char *texts[2] = { text, NULL };
	char back[1024];
	int rc = cxm_date_parse_format(&day, text, format), rc_any, rc_iso;
	rc_any = cxm_date_parse_format(&again, "", format); /* a bad format fails on any text */
	if (format[0] == '\0') {
		rc_iso = cxm_date_parse(&iso, text);
		FUZZ_ASSERT(rc == rc_iso && (rc < 0 || day == iso), "format \"\" is not ISO on '%s': %d vs %d", text, rc,
			    rc_iso);
	}
	FUZZ_ASSERT((rc == CXM_EBAD_ARG) == (rc_any == CXM_EBAD_ARG),
		    "format '%s': BAD_ARG on one text (%d) but not on another (%d)", format, rc, rc_any);
	FUZZ_ASSERT(cxm_dates_parse(pair, 2, texts, 2, format) == rc, "cxm_dates_parse disagrees on '%s' / '%s'", text,
		    format);
	if (rc < 0) {
		fuzz_check_error(rc, "cxm_date_parse_format");
		FUZZ_ASSERT(rc == CXM_EPARSE || rc == CXM_EBAD_ARG, "'%s' / '%s': %d, not PARSE or BAD_ARG", text, format, rc);
		FUZZ_ASSERT(day == 12345.5, "*day written on failure");
		return;
	}
	FUZZ_ASSERT(day == floor(day) && day >= FIRST_DAY && day <= LAST_DAY, "'%s' / '%s': day %.17g", text, format,
		    day);
	FUZZ_ASSERT(pair[0] == day && isnan(pair[1]), "cxm_dates_parse gives %.17g, %.17g", pair[0], pair[1]);
	if (format[0] == '\0' || !write_back(back, sizeof back, format, day))
		return;
	rc = cxm_date_parse_format(&again, back, format);
	FUZZ_ASSERT(rc == CXM_OK && again == day, "'%s' / '%s' is day %.17g, but written back as '%s' it reads %d, %.17g",
		    text, format, day, back, rc, again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char *s;
	if (nl != NULL) {
		char *format = fuzz_strndup(data, (size_t)(nl - data));
		char *text = fuzz_strndup(nl + 1, size - (size_t)(nl - data) - 1);
		check_format(format, text);
		free(format);
		free(text);
		return 0;
	}
	s = fuzz_strndup(data, size);
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
