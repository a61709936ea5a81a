/*
 * lib/io/date_format.c - dates written in other ways than ISO 8601
 * ("12/1/2010 8:26", "15 Mar 2024"), read through a strptime-style format
 * (spec §0.12) into day numbers.
 *
 * A format is compiled once into a short list of steps (cxm__date_fmt), so
 * that a column of a million dates checks the format once and then runs a
 * loop of byte comparisons per field; nothing is allocated. The fields are
 * read as Python's datetime.strptime reads them (the tests compare with it),
 * with three differences that make a mistake visible instead of guessed: a
 * value out of range names the field ("month 13 is not 1..12") rather than
 * "does not match"; a format must say the year; trailing blanks are allowed.
 * Time fields are checked and then dropped: the result is a day.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "io_internal.h"

enum {
	OP_LITERAL,   /* one byte, itself */
	OP_BLANKS,    /* a space in the format: one or more spaces or tabs */
	OP_YEAR4,     /* %Y */
	OP_YEAR2,     /* %y */
	OP_MONTH,     /* %m */
	OP_DAY,       /* %d */
	OP_YDAY,      /* %j */
	OP_HOUR,      /* %H */
	OP_HOUR12,    /* %I */
	OP_MINUTE,    /* %M */
	OP_SECOND,    /* %S */
	OP_FRACTION,  /* %f */
	OP_MONTH_ABBR, OP_MONTH_NAME, /* %b %B */
	OP_WDAY_ABBR, OP_WDAY_NAME,   /* %a %A */
	OP_AMPM,      /* %p */
	OP_ZONE,      /* %z */
	OP_COUNT
};

/* Per numeric step: its directive, what it is, how many digits it takes
 * (fewest, most) and its range. Non-numeric steps have max_digits 0. */
static const struct {
	char directive;
	const char *what;
	unsigned char min_digits, max_digits;
	int lo, hi;
} step_info[OP_COUNT] = {
	[OP_LITERAL] = { 0, "", 0, 0, 0, 0 },
	[OP_BLANKS] = { ' ', "a blank", 0, 0, 0, 0 },
	[OP_YEAR4] = { 'Y', "year", 4, 4, 1, 9999 },
	[OP_YEAR2] = { 'y', "year", 2, 2, 0, 99 },
	[OP_MONTH] = { 'm', "month", 1, 2, 1, 12 },
	[OP_DAY] = { 'd', "day", 1, 2, 1, 31 },
	[OP_YDAY] = { 'j', "day of the year", 1, 3, 1, 366 },
	[OP_HOUR] = { 'H', "hour", 1, 2, 0, 23 },
	[OP_HOUR12] = { 'I', "hour", 1, 2, 1, 12 },
	[OP_MINUTE] = { 'M', "minute", 1, 2, 0, 59 },
	[OP_SECOND] = { 'S', "second", 1, 2, 0, 60 }, /* 60: a leap second */
	[OP_FRACTION] = { 'f', "fraction of a second", 1, 6, 0, 999999 },
	[OP_MONTH_ABBR] = { 'b', "month", 0, 0, 0, 0 },
	[OP_MONTH_NAME] = { 'B', "month", 0, 0, 0, 0 },
	[OP_WDAY_ABBR] = { 'a', "weekday", 0, 0, 0, 0 },
	[OP_WDAY_NAME] = { 'A', "weekday", 0, 0, 0, 0 },
	[OP_AMPM] = { 'p', "AM or PM", 0, 0, 0, 0 },
	[OP_ZONE] = { 'z', "UTC offset", 0, 0, 0, 0 },
};

/* Which field a step sets: a format that sets one twice is refused. */
enum { F_YEAR, F_MONTH, F_DAY, F_YDAY, F_HOUR, F_MINUTE, F_SECOND, F_FRACTION, F_WDAY, F_AMPM, F_ZONE, F_NONE };

static int field_of(int op)
{
	switch (op) {
	case OP_YEAR4: case OP_YEAR2: return F_YEAR;
	case OP_MONTH: case OP_MONTH_ABBR: case OP_MONTH_NAME: return F_MONTH;
	case OP_DAY: return F_DAY;
	case OP_YDAY: return F_YDAY;
	case OP_HOUR: case OP_HOUR12: return F_HOUR;
	case OP_MINUTE: return F_MINUTE;
	case OP_SECOND: return F_SECOND;
	case OP_FRACTION: return F_FRACTION;
	case OP_WDAY_ABBR: case OP_WDAY_NAME: return F_WDAY;
	case OP_AMPM: return F_AMPM;
	case OP_ZONE: return F_ZONE;
	default: return F_NONE;
	}
}

static const char *const month_names[12] = { "January", "February", "March",     "April",   "May",      "June",
					     "July",    "August",   "September", "October", "November", "December" };
static const char *const weekday_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday",
					      "Friday", "Saturday", "Sunday" };

#define DIRECTIVES "%Y %y %m %d %j %b %B %a %A %H %I %M %S %f %p %z %%"

int cxm__date_fmt_compile(cxm__date_fmt *f, const char *format)
{
	const char *p;
	int seen[F_NONE] = { 0 }, i;
	memset(f, 0, sizeof *f);
	cxm__quote_text(f->quoted, sizeof f->quoted, format, strlen(format));
	for (p = format; *p; p++) {
		int op = -1;
		unsigned char arg = 0;
		if (f->n == CXM__DATE_FMT_STEPS)
			return cxm__fail(CXM_EBAD_ARG, "the date format '%s' is longer than %d steps", f->quoted,
					 CXM__DATE_FMT_STEPS);
		if (*p == ' ' || *p == '\t') {
			while (p[1] == ' ' || p[1] == '\t')
				p++;
			op = OP_BLANKS;
		} else if (*p != '%') {
			op = OP_LITERAL;
			arg = (unsigned char)*p;
		} else {
			p++;
			if (*p == '\0')
				return cxm__fail(CXM_EBAD_ARG, "the date format '%s' ends with a lone %% (write %%%% for "
						 "a percent sign)", f->quoted);
			if (*p == '%') {
				op = OP_LITERAL;
				arg = '%';
			}
			for (i = OP_YEAR4; op < 0 && i < OP_COUNT; i++)
				if (step_info[i].directive == *p)
					op = i;
			if (op < 0) {
				char bad = (*p < 0x20 || *p >= 0x7f) ? '?' : *p;
				return cxm__fail(CXM_EBAD_ARG, "the date format '%s' has an unknown directive %%%c "
						 "(the directives: %s)", f->quoted, bad, DIRECTIVES);
			}
			if (op != OP_LITERAL) {
				int field = field_of(op);
				if (seen[field])
					return cxm__fail(CXM_EBAD_ARG, "the date format '%s' gives the %s twice (%%%c)",
							 f->quoted, step_info[op].what, step_info[op].directive);
				seen[field] = 1;
			}
		}
		f->op[f->n] = (unsigned char)op;
		f->arg[f->n] = arg;
		f->n++;
	}
	if (!seen[F_YEAR])
		return cxm__fail(CXM_EBAD_ARG, "the date format '%s' has no year (%%Y or %%y)", f->quoted);
	if (seen[F_YDAY] && (seen[F_MONTH] || seen[F_DAY]))
		return cxm__fail(CXM_EBAD_ARG, "the date format '%s' has a day of the year (%%j) and a month or "
				 "day too; give one or the other", f->quoted);
	if (seen[F_DAY] && !seen[F_MONTH])
		return cxm__fail(CXM_EBAD_ARG, "the date format '%s' has a day (%%d) but no month (%%m, %%b or %%B)",
				 f->quoted);
	/* A number directly followed by another one ("%Y%m%d") takes all its
	 * digits: "20240315" is 2024-03-15, not a guess at where 3 ends. */
	for (i = 0; i + 1 < (int)f->n; i++)
		if (step_info[f->op[i]].max_digits && step_info[f->op[i + 1]].max_digits)
			f->arg[i] = 1;
	return CXM_OK;
}

/* ---- matching ----------------------------------------------------------------------- */

/* What the text gave so far. */
typedef struct parsed {
	int year, month, day, yday;
} parsed;

/* "'TEXT' does not match FORMAT: why" */
static int mismatch(const cxm__date_fmt *f, const char *text, const char *why)
{
	char quoted[CXM__QUOTE_MAX + 4];
	cxm__quote_text(quoted, sizeof quoted, text, strlen(text));
	return cxm__fail(CXM_EPARSE, "'%s' does not match %s: %s", quoted, f->quoted, why);
}

/* "found '...'" of what is left at s, or "found the end of the text". */
static void found(char *buf, size_t cap, const char *s)
{
	char quoted[CXM__QUOTE_MAX + 4];
	if (*s == '\0') {
		cxm__snprintf_c(buf, cap, "found the end of the text");
		return;
	}
	cxm__quote_text(quoted, sizeof quoted, s, strlen(s) < 12 ? strlen(s) : 12);
	cxm__snprintf_c(buf, cap, "found '%s'", quoted);
}

/* Case-insensitive match of one of `names` (full, or its first 3 letters) at s; its index or -1. */
static int match_name(const char *s, const char *const *names, int n, int abbr, size_t *used)
{
	int k;
	for (k = 0; k < n; k++) {
		size_t len = abbr ? 3 : strlen(names[k]), i;
		for (i = 0; i < len && s[i] && tolower((unsigned char)s[i]) == tolower((unsigned char)names[k][i]); i++)
			;
		if (i == len) {
			*used = len;
			return k;
		}
	}
	return -1;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* One numeric step at *s: its digits, then its range. */
static int read_number(const cxm__date_fmt *f, const char *text, const char **s, int op, int fixed, int *value)
{
	char why[160], rest[64];
	int lo = step_info[op].min_digits, hi = step_info[op].max_digits, k, v = 0;
	for (k = 0; k < hi && (*s)[k] >= '0' && (*s)[k] <= '9'; k++)
		v = v * 10 + ((*s)[k] - '0');
	if (fixed)
		lo = hi;
	if (k < lo) {
		found(rest, sizeof rest, *s);
		if (lo == hi)
			cxm__snprintf_c(why, sizeof why, "%%%c needs %d digits (the %s) at character %zu, %s",
				 step_info[op].directive, lo, step_info[op].what, (size_t)(*s - text) + 1, rest);
		else
			cxm__snprintf_c(why, sizeof why, "%%%c needs %d to %d digits (the %s) at character %zu, %s",
				 step_info[op].directive, lo, hi, step_info[op].what, (size_t)(*s - text) + 1, rest);
		return mismatch(f, text, why);
	}
	if (v < step_info[op].lo || v > step_info[op].hi) {
		if (op == OP_YEAR4)
			cxm__snprintf_c(why, sizeof why, "year %04d is not 0001..9999", v);
		else
			cxm__snprintf_c(why, sizeof why, "%s %d is not %d..%d", step_info[op].what, v, step_info[op].lo,
				 step_info[op].hi);
		return mismatch(f, text, why);
	}
	*s += k;
	*value = v;
	return CXM_OK;
}

/* A UTC offset: Z, or +HH:MM / +HHMM (checked, then dropped as the time is). */
static int read_zone(const cxm__date_fmt *f, const char *text, const char **s)
{
	const char *p = *s;
	char why[160], rest[64];
	int h, m;
	if (*p == 'Z') {
		*s = p + 1;
		return CXM_OK;
	}
	if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2])) {
		h = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) {
			m = (p[0] - '0') * 10 + (p[1] - '0');
			if (h > 23 || m > 59) {
				cxm__snprintf_c(why, sizeof why, "UTC offset %.*s is not -23:59..+23:59", (int)(p + 2 - *s), *s);
				return mismatch(f, text, why);
			}
			*s = p + 2;
			return CXM_OK;
		}
	}
	found(rest, sizeof rest, *s);
	cxm__snprintf_c(why, sizeof why, "%%z needs Z or a UTC offset as +01:00 or -0500 at character %zu, %s",
		 (size_t)(*s - text) + 1, rest);
	return mismatch(f, text, why);
}

static int read_step(const cxm__date_fmt *f, const char *text, const char **s, size_t k, parsed *got)
{
	char why[200], rest[64];
	int op = f->op[k], v = 0, rc, idx;
	size_t used = 0;
	switch (op) {
	case OP_LITERAL:
		if ((unsigned char)**s == f->arg[k]) {
			(*s)++;
			return CXM_OK;
		}
		found(rest, sizeof rest, *s);
		if (f->arg[k] < 0x20 || f->arg[k] >= 0x7f)
			cxm__snprintf_c(why, sizeof why, "expected byte 0x%02X at character %zu, %s", f->arg[k],
				 (size_t)(*s - text) + 1, rest);
		else
			cxm__snprintf_c(why, sizeof why, "expected '%c' at character %zu, %s", f->arg[k],
				 (size_t)(*s - text) + 1, rest);
		return mismatch(f, text, why);
	case OP_BLANKS:
		if (**s != ' ' && **s != '\t') {
			found(rest, sizeof rest, *s);
			cxm__snprintf_c(why, sizeof why, "expected a blank at character %zu, %s", (size_t)(*s - text) + 1, rest);
			return mismatch(f, text, why);
		}
		while (**s == ' ' || **s == '\t')
			(*s)++;
		return CXM_OK;
	case OP_MONTH_ABBR: case OP_MONTH_NAME: case OP_WDAY_ABBR: case OP_WDAY_NAME:
		if (op == OP_MONTH_ABBR || op == OP_MONTH_NAME)
			idx = match_name(*s, month_names, 12, op == OP_MONTH_ABBR, &used);
		else
			idx = match_name(*s, weekday_names, 7, op == OP_WDAY_ABBR, &used);
		if (idx < 0) {
			found(rest, sizeof rest, *s);
			cxm__snprintf_c(why, sizeof why, "%%%c needs %s in English (%s) at character %zu, %s",
				 step_info[op].directive,
				 op == OP_MONTH_ABBR || op == OP_MONTH_NAME ? "a month" : "a weekday",
				 op == OP_MONTH_ABBR ? "Jan..Dec" : op == OP_MONTH_NAME ? "January..December"
				 : op == OP_WDAY_ABBR ? "Mon..Sun" : "Monday..Sunday",
				 (size_t)(*s - text) + 1, rest);
			return mismatch(f, text, why);
		}
		if (op == OP_MONTH_ABBR || op == OP_MONTH_NAME)
			got->month = idx + 1;
		*s += used;
		return CXM_OK;
	case OP_AMPM:
		if ((tolower((unsigned char)(*s)[0]) == 'a' || tolower((unsigned char)(*s)[0]) == 'p') &&
		    tolower((unsigned char)(*s)[1]) == 'm') {
			*s += 2;
			return CXM_OK;
		}
		found(rest, sizeof rest, *s);
		cxm__snprintf_c(why, sizeof why, "%%p needs AM or PM at character %zu, %s", (size_t)(*s - text) + 1, rest);
		return mismatch(f, text, why);
	case OP_ZONE:
		return read_zone(f, text, s);
	default:
		if ((rc = read_number(f, text, s, op, f->arg[k], &v)) < 0)
			return rc;
		if (op == OP_YEAR4)
			got->year = v;
		else if (op == OP_YEAR2)
			got->year = v < 69 ? 2000 + v : 1900 + v; /* POSIX: 69..99 are 19xx, 00..68 20xx */
		else if (op == OP_MONTH)
			got->month = v;
		else if (op == OP_DAY)
			got->day = v;
		else if (op == OP_YDAY)
			got->yday = v;
		return CXM_OK;
	}
}

int cxm__date_fmt_parse(const cxm__date_fmt *f, double *day, const char *text)
{
	static const int month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	parsed got = { 0, 1, 1, 0 };
	const char *s = text;
	char why[160];
	size_t k;
	int rc, last;
	for (k = 0; k < f->n; k++)
		if ((rc = read_step(f, text, &s, k, &got)) < 0)
			return rc;
	for (k = 0; s[k] == ' ' || s[k] == '\t'; k++)
		; /* trailing blanks are allowed */
	if (s[k] != '\0') {
		char quoted[CXM__QUOTE_MAX + 4];
		cxm__quote_text(quoted, sizeof quoted, s, strlen(s) < 12 ? strlen(s) : 12);
		cxm__snprintf_c(why, sizeof why, "text left over at character %zu: '%s'", (size_t)(s - text) + 1, quoted);
		return mismatch(f, text, why);
	}
	if (got.yday) {
		last = 365 + is_leap(got.year);
		if (got.yday > last) {
			cxm__snprintf_c(why, sizeof why, "day of the year %d is not 1..%d for %04d", got.yday, last, got.year);
			return mismatch(f, text, why);
		}
		*day = (double)(cxm__days_from_civil(got.year, 1, 1) + got.yday - 1);
		return CXM_OK;
	}
	last = month_days[got.month - 1] + (got.month == 2 && is_leap(got.year));
	if (got.day > last) {
		cxm__snprintf_c(why, sizeof why, "day %d is not 1..%d for %04d-%02d%s", got.day, last, got.year, got.month,
			 got.month == 2 && got.day == 29 ? " (not a leap year)" : "");
		return mismatch(f, text, why);
	}
	*day = (double)cxm__days_from_civil(got.year, got.month, got.day);
	return CXM_OK;
}

cxm_status cxm_date_parse_format(double *day, const char *text, const char *format)
{
	cxm__date_fmt f;
	int rc;
	if ((rc = cxm__check_ptr(day, "day")) < 0 || (rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	if (format == NULL || format[0] == '\0')
		return cxm_date_parse(day, text);
	if ((rc = cxm__date_fmt_compile(&f, format)) < 0)
		return rc;
	return cxm__date_fmt_parse(&f, day, text);
}

cxm_status cxm_dates_parse(double *out, size_t n_out, const char *const *texts, size_t n, const char *format)
{
	cxm__date_fmt f;
	char at[48];
	size_t i;
	int rc, iso = format == NULL || format[0] == '\0';
	if ((rc = cxm__check_array(out, n_out, "out")) < 0 || (rc = cxm__check_array(texts, n, "texts")) < 0)
		return rc;
	if (n_out < n)
		return cxm__fail(CXM_EBAD_ARG, "n_out = %zu is smaller than the %zu dates", n_out, n);
	if (!iso && (rc = cxm__date_fmt_compile(&f, format)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (texts[i] == NULL) {
			out[i] = NAN; /* a missing date */
			continue;
		}
		rc = iso ? cxm_date_parse(&out[i], texts[i]) : cxm__date_fmt_parse(&f, &out[i], texts[i]);
		if (rc < 0) {
			cxm__snprintf_c(at, sizeof at, "dates[%zu]", i);
			return cxm__error_context(at);
		}
	}
	return CXM_OK;
}
