/*
 * lib/io/csv.c - a streaming RFC-4180 CSV reader.
 *
 * Memory is constant in the file size: one 64 KiB read buffer, and one record
 * buffer that holds the current record's fields back to back, each
 * NUL-terminated, plus an array of field offsets. Both grow to the longest
 * record seen and are reused, so reading a record allocates nothing in the
 * steady state. Unquoted runs are copied with memcpy between bytes found by
 * a 256-entry table; numbers are converted only when asked for.
 *
 * Files that are not what they seem (spec §0.11): a gzip file (magic bytes
 * 1F 8B) is inflated as it is read, through one more 64 KiB buffer; "-" is
 * standard input; a UTF-16 or UTF-32 byte-order mark, invalid UTF-8 and a
 * header naming a column twice are PARSE errors that say what to do.
 */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat: the file size the progress of csv_chunks.c reports */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>
#include "distinct.h"
#include "internal.h"
#include "io_internal.h"

/* The read buffer. The fuzz build (-Dfuzz=enabled) makes it a few bytes, so
 * that every short input crosses read boundaries in every parser state. */
#ifdef CXM__CSV_READ_SIZE
#define IN_SIZE ((size_t)CXM__CSV_READ_SIZE)
#else
#define IN_SIZE ((size_t)64 * 1024)
#endif
#define REC_INIT ((size_t)1024)
#define FIELDS_INIT ((size_t)16)

struct cxm_csv {
	FILE *fp;                   /* NULL once closed */
	int is_stdin;               /* fp is stdin ("-"): never fclose'd */
	char *path;                 /* as messages name it: the path, or "<stdin>" */
	/* gzip input: the compressed bytes pass through zin and z into `in` */
	int gz;                     /* 1 while z is initialised */
	z_stream z;
	unsigned char *zin;
	int z_eof;                  /* no more compressed bytes in the file */
	int z_member_end;           /* inflate ended a gzip member: another may follow */
	size_t z_offset;            /* compressed bytes consumed by members already ended */
	unsigned char delim;
	unsigned char special[256]; /* bytes that end an unquoted run: delim, '"', CR, LF */
	unsigned char *in;          /* read buffer */
	size_t in_pos, in_len;
	int eof;                    /* the last fread came up short: no more input */
	int skip_lf;                /* the last record ended with CR: a following LF is its CRLF */
	char *rec;                  /* current record: fields back to back, each NUL-terminated */
	size_t rec_len, rec_cap;
	size_t *off;                /* off[i]: where field i starts in rec */
	size_t n_fields, off_cap;
	size_t field_start;         /* where the field being parsed starts in rec */
	size_t rec_line;            /* the line the record being parsed starts on */
	size_t next_line;           /* the line of the next unread byte */
	int has_record;
	size_t line;                /* the line the current (complete) record starts on */
	size_t raw_read;            /* bytes read from the file (compressed ones for gzip): progress */
	char *header;               /* the header record, laid out as rec */
	size_t *header_off;
	size_t n_cols;
};

enum { S_START, S_UNQUOTED, S_QUOTED, S_QUOTE_SEEN };

/* The name of column `col` as messages quote it ("" while reading the
 * header): a header name comes from the file and may hold line breaks and
 * other control bytes, so it goes through cxm__quote_text like any other
 * text from the file. buf holds CXM__QUOTE_MAX + 4 bytes. */
static const char *col_name(char *buf, size_t cap, const cxm_csv *c, size_t col)
{
	const char *name = c->header && col < c->n_cols ? c->header + c->header_off[col] : "";
	cxm__quote_text(buf, cap, name, strlen(name));
	return buf;
}

/* "column 3 'comment'" (1-based), or "column 3" while reading the header. */
static const char *col_label(char *buf, size_t cap, const cxm_csv *c, size_t col)
{
	char name[CXM__QUOTE_MAX + 4];
	if (c->header && col < c->n_cols)
		cxm__snprintf_c(buf, cap, "column %zu '%s'", col + 1, col_name(name, sizeof name, c, col));
	else
		cxm__snprintf_c(buf, cap, "column %zu", col + 1);
	return buf;
}

/* Up to cap bytes of the file as it is into dst: *got < cap only at its end. */
static int read_raw(cxm_csv *c, unsigned char *dst, size_t cap, size_t *got)
{
	errno = 0;
	*got = fread(dst, 1, cap, c->fp);
	c->raw_read += *got;
	if (*got < cap && ferror(c->fp)) {
		int err = errno;
		return cxm__fail(CXM_EIO, "cannot read '%s': %s", c->path, err ? strerror(err) : "read error");
	}
	return CXM_OK;
}

/* Up to cap inflated bytes into dst: *got < cap only at the end of the
 * data. Members of a concatenated file (cat a.gz b.gz) follow each other, as
 * gunzip reads them. */
static int read_gz(cxm_csv *c, unsigned char *dst, size_t cap, size_t *got)
{
	int rc, zrc;
	c->z.next_out = dst;
	c->z.avail_out = (uInt)cap;
	while (c->z.avail_out > 0) {
		if (c->z.avail_in == 0 && !c->z_eof) {
			size_t n;
			if ((rc = read_raw(c, c->zin, IN_SIZE, &n)) < 0)
				return rc;
			c->z_eof = n < IN_SIZE;
			c->z.next_in = c->zin;
			c->z.avail_in = (uInt)n;
			continue;
		}
		if (c->z_member_end) {
			if (c->z.avail_in == 0)
				break; /* the end of the file, after a whole member */
			if (c->z.next_in[0] != 0x1F)
				return cxm__fail(CXM_EPARSE, "%s: data that is not gzip follows the end of the gzip data "
						 "(at compressed byte %zu; a damaged file?)", c->path,
						 c->z_offset + (size_t)c->z.total_in + 1);
			c->z_offset += (size_t)c->z.total_in;
			c->z_member_end = 0;
			if (inflateReset(&c->z) != Z_OK)
				return cxm__fail(CXM_EPARSE, "%s: cannot restart the gzip stream", c->path);
		}
		if (c->z.avail_in == 0)
			return cxm__fail(CXM_EPARSE, "%s: the gzip data ends early, after %zu compressed bytes "
					 "(a truncated file?)", c->path, c->z_offset + (size_t)c->z.total_in);
		zrc = inflate(&c->z, Z_NO_FLUSH);
		if (zrc == Z_STREAM_END) {
			c->z_member_end = 1;
			continue;
		}
		if (zrc == Z_MEM_ERROR)
			return cxm__fail(CXM_ENOMEM, "%s: out of memory inflating the gzip data", c->path);
		if (zrc != Z_OK && zrc != Z_BUF_ERROR)
			return cxm__fail(CXM_EPARSE, "%s: the gzip data is damaged near compressed byte %zu (zlib: %s)",
					 c->path, c->z_offset + (size_t)c->z.total_in,
					 c->z.msg ? c->z.msg : "invalid data");
	}
	*got = cap - c->z.avail_out;
	return CXM_OK;
}

/* Up to cap bytes of the text into dst, whatever the file holds it in. */
static int read_more(cxm_csv *c, unsigned char *dst, size_t cap, size_t *got)
{
	return c->gz ? read_gz(c, dst, cap, got) : read_raw(c, dst, cap, got);
}

static int refill(cxm_csv *c)
{
	size_t got = 0;
	int rc;
	c->in_pos = 0;
	c->in_len = 0;
	if (c->eof)
		return CXM_OK;
	if ((rc = read_more(c, c->in, IN_SIZE, &got)) < 0)
		return rc;
	c->eof = got < IN_SIZE;
	c->in_len = got;
	return CXM_OK;
}

/* At least `want` (<= IN_SIZE) bytes in `in`, unless the text is shorter:
 * what the checks of the file's first bytes look at. */
static int fill_head(cxm_csv *c, size_t want)
{
	while (c->in_len < want && !c->eof) {
		size_t got = 0;
		int rc;
		if ((rc = read_more(c, c->in + c->in_len, IN_SIZE - c->in_len, &got)) < 0)
			return rc;
		c->eof = got < IN_SIZE - c->in_len;
		c->in_len += got;
	}
	return CXM_OK;
}

/*
 * The messages of a malformed record, shared word for word by this reader
 * and the parallel one (csv_chunks.c), which must fail alike on the same
 * bytes. `col` is 0-based; lines are 1-based file lines.
 */
int cxm__csv_fail_too_long(const cxm_csv *c, size_t rec_line, size_t col)
{
	char label[320];
	return cxm__fail(CXM_EPARSE,
			 "%s:%zu: the record starting on this line is longer than %zu bytes "
			 "(at %s; an unterminated quote?)",
			 c->path, rec_line, CXM_CSV_MAX_RECORD, col_label(label, sizeof label, c, col));
}

int cxm__csv_fail_unterminated(const cxm_csv *c, size_t rec_line, size_t col, size_t quote_line)
{
	char label[320];
	return cxm__fail(CXM_EPARSE,
			 "%s:%zu: %s: the quoted field opened on line %zu is never closed "
			 "(unterminated quote at end of file)",
			 c->path, rec_line, col_label(label, sizeof label, c, col), quote_line);
}

int cxm__csv_fail_after_quote(const cxm_csv *c, size_t line, size_t col, unsigned char ch)
{
	char label[320];
	return cxm__fail(CXM_EPARSE,
			 "%s:%zu: %s: '%c' after the closing quote of a quoted field "
			 "(write a quote inside a quoted field as \"\")",
			 c->path, line, col_label(label, sizeof label, c, col),
			 (ch < 0x20 || ch >= 0x7f) ? '?' : (char)ch);
}

int cxm__csv_fail_ragged(const cxm_csv *c, size_t rec_line, size_t n_fields)
{
	return cxm__fail(CXM_EPARSE, "%s:%zu: %zu field%s, but the header has %zu column%s%s",
			 c->path, rec_line, n_fields, n_fields == 1 ? "" : "s",
			 c->n_cols, c->n_cols == 1 ? "" : "s",
			 n_fields > c->n_cols ? " (a delimiter inside a field needs the field in \"quotes\")" : "");
}

int cxm__csv_fail_utf8(const cxm_csv *c, size_t rec_line, size_t col, unsigned char byte, size_t offset)
{
	char name[CXM__QUOTE_MAX + 4];
	return cxm__fail(CXM_EPARSE, "%s:%zu:%zu '%s': invalid UTF-8 (byte 0x%02X at offset %zu of the field); "
			 "the file may be Latin-1 (iconv -f LATIN1 -t UTF-8)", c->path, rec_line, col + 1,
			 col_name(name, sizeof name, c, col), byte, offset);
}

static int too_long(const cxm_csv *c)
{
	return cxm__csv_fail_too_long(c, c->rec_line, c->n_fields);
}

/* Room for `extra` more bytes in the record buffer. */
static int reserve(cxm_csv *c, size_t extra)
{
	size_t cap;
	char *p;
	if (extra <= c->rec_cap - c->rec_len)
		return CXM_OK;
	if (extra > CXM_CSV_MAX_RECORD - c->rec_len)
		return too_long(c);
	cap = c->rec_cap;
	while (cap - c->rec_len < extra)
		cap *= 2; /* cannot overflow: cap < 2 * CXM_CSV_MAX_RECORD */
	if (!(p = cxm__realloc(c->rec, cap)))
		return cxm__fail(CXM_ENOMEM, "%s:%zu: out of memory growing the record buffer to %zu bytes",
				 c->path, c->rec_line, cap);
	c->rec = p;
	c->rec_cap = cap;
	return CXM_OK;
}

static int append(cxm_csv *c, const void *bytes, size_t n)
{
	int rc;
	if (n == 0)
		return CXM_OK;
	if ((rc = reserve(c, n)) < 0)
		return rc;
	memcpy(c->rec + c->rec_len, bytes, n);
	c->rec_len += n;
	return CXM_OK;
}

static int end_field(cxm_csv *c)
{
	int rc;
	if ((rc = append(c, "", 1)) < 0)
		return rc;
	if (c->n_fields == c->off_cap) {
		size_t cap = c->off_cap * 2;
		size_t *p = cxm__realloc(c->off, cap * sizeof *p);
		if (!p)
			return cxm__fail(CXM_ENOMEM, "%s:%zu: out of memory for %zu field offsets",
					 c->path, c->rec_line, cap);
		c->off = p;
		c->off_cap = cap;
	}
	c->off[c->n_fields++] = c->field_start;
	c->field_start = c->rec_len;
	return CXM_OK;
}

/* A line ends at LF, CR or CRLF; the LF of a CRLF may arrive with the next read. */
static void end_line(cxm_csv *c, unsigned char ch)
{
	c->next_line++;
	c->skip_lf = ch == '\r';
}

static int at_eof(cxm_csv *c, int state, size_t quote_line, int *got)
{
	int rc;
	switch (state) {
	case S_QUOTED:
		return cxm__csv_fail_unterminated(c, c->rec_line, c->n_fields, quote_line);
	case S_START:
		if (c->n_fields == 0)
			return CXM_OK; /* nothing after the last line end */
		break;              /* "a,b," then EOF: the last field is empty */
	default:
		break;
	}
	if ((rc = end_field(c)) < 0)
		return rc;
	*got = 1;
	return CXM_OK;
}

/* Parse one record into rec/off; *got = 0 at the end of the file. */
static int parse_record(cxm_csv *c, int *got)
{
	int state = S_START, prev_cr = 0, rc;
	size_t quote_line = 0;
	*got = 0;
	c->rec_len = 0;
	c->n_fields = 0;
	c->field_start = 0;
	c->rec_line = c->next_line;
	for (;;) {
		const unsigned char *p, *q, *end;
		unsigned char ch;
		if (c->in_pos == c->in_len) {
			if ((rc = refill(c)) < 0)
				return rc;
			if (c->in_len == 0)
				return at_eof(c, state, quote_line, got);
		}
		p = c->in + c->in_pos;
		end = c->in + c->in_len;
		switch (state) {
		case S_START:
			ch = *p;
			if (c->skip_lf) {
				c->skip_lf = 0;
				if (ch == '\n' && c->n_fields == 0) {
					c->in_pos++;
					continue;
				}
			}
			if (ch == '"') {
				state = S_QUOTED;
				quote_line = c->next_line;
				prev_cr = 0;
				c->in_pos++;
				continue;
			}
			if (ch == c->delim) {
				c->in_pos++;
				if ((rc = end_field(c)) < 0)
					return rc;
				continue;
			}
			if (ch == '\n' || ch == '\r') {
				c->in_pos++;
				end_line(c, ch);
				if (c->n_fields == 0) {
					c->rec_line = c->next_line; /* an empty line: skipped */
					continue;
				}
				if ((rc = end_field(c)) < 0) /* "a,b,\n": an empty last field */
					return rc;
				*got = 1;
				return CXM_OK;
			}
			state = S_UNQUOTED;
			/* fall through */
		case S_UNQUOTED:
			for (q = p; q < end && !c->special[*q]; q++)
				;
			if ((rc = append(c, p, (size_t)(q - p))) < 0)
				return rc;
			c->in_pos += (size_t)(q - p);
			if (q == end)
				continue;
			ch = *q;
			c->in_pos++;
			if (ch == '"') {
				/* not at the start of the field: RFC 4180 forbids it, but 5" screen
				 * is unambiguous, and pandas and Python's csv keep it too */
				if ((rc = append(c, "\"", 1)) < 0)
					return rc;
				continue;
			}
			if ((rc = end_field(c)) < 0)
				return rc;
			if (ch == c->delim) {
				state = S_START;
				continue;
			}
			end_line(c, ch);
			*got = 1;
			return CXM_OK;
		case S_QUOTED:
			for (q = p; q < end && *q != '"' && *q != '\n' && *q != '\r'; q++)
				;
			if (q > p)
				prev_cr = 0;
			if ((rc = append(c, p, (size_t)(q - p))) < 0)
				return rc;
			c->in_pos += (size_t)(q - p);
			if (q == end)
				continue;
			ch = *q;
			c->in_pos++;
			if (ch == '"') {
				state = S_QUOTE_SEEN;
				continue;
			}
			/* a line break inside quotes is data, but it still starts a line
			 * (CRLF counts once) so that later messages give the right line */
			if (ch == '\r' || !prev_cr)
				c->next_line++;
			prev_cr = ch == '\r';
			if ((rc = append(c, &ch, 1)) < 0)
				return rc;
			continue;
		case S_QUOTE_SEEN:
			ch = *p;
			c->in_pos++;
			if (ch == '"') { /* "" inside quotes is one quote */
				if ((rc = append(c, "\"", 1)) < 0)
					return rc;
				state = S_QUOTED;
				prev_cr = 0;
				continue;
			}
			if (ch == c->delim || ch == '\n' || ch == '\r') {
				if ((rc = end_field(c)) < 0)
					return rc;
				if (ch == c->delim) {
					state = S_START;
					continue;
				}
				end_line(c, ch);
				*got = 1;
				return CXM_OK;
			}
			return cxm__csv_fail_after_quote(c, c->next_line, c->n_fields, ch);
		default:
			return cxm__fail(CXM_EPARSE, "%s: internal parser state %d", c->path, state);
		}
	}
}

/* The file (not standard input: the caller's) and the inflater. */
static void close_input(cxm_csv *c)
{
	if (c->gz)
		inflateEnd(&c->z);
	c->gz = 0;
	if (c->fp && !c->is_stdin)
		fclose(c->fp);
	c->fp = NULL;
}

void cxm_csv_free(cxm_csv *csv)
{
	if (csv == NULL)
		return;
	close_input(csv);
	cxm__free(csv->zin);
	cxm__free(csv->path);
	cxm__free(csv->in);
	cxm__free(csv->rec);
	cxm__free(csv->off);
	cxm__free(csv->header);
	cxm__free(csv->header_off);
	cxm__free(csv);
}

cxm_status cxm_csv_close(cxm_csv *csv)
{
	int rc;
	if ((rc = cxm__check_ptr(csv, "csv")) < 0)
		return rc;
	close_input(csv);
	csv->has_record = 0;
	return CXM_OK;
}

unsigned int cxm_csv_closed(const cxm_csv *csv)
{
	return csv == NULL || csv->fp == NULL ? 1u : 0u;
}

/* The record and offset buffers, empty. */
static int new_buffers(cxm_csv *c, size_t fields)
{
	c->rec_cap = REC_INIT;
	c->off_cap = fields > FIELDS_INIT ? fields : FIELDS_INIT;
	c->rec = cxm__malloc(c->rec_cap);
	if (c->rec == NULL)
		return cxm__fail(CXM_ENOMEM, "cxm_csv_open: out of memory for the record buffer");
	return cxm__alloc_array(&c->off, c->off_cap, sizeof *c->off, "cxm_csv_open: field offsets");
}

int cxm__csv_check_delimiter(char d)
{
	if (d == '"' || d == '\r' || d == '\n' || d == '\0')
		return cxm__fail(CXM_EBAD_ARG, "the delimiter cannot be %s",
				 d == '"' ? "'\"' (the quote character)" : d == '\0' ? "NUL" : "a line break");
	return CXM_OK;
}

/* zlib's allocations go through the library's hook (sys/alloc.h) like every other. */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
	(void)opaque;
	if (items && size > (size_t)-1 / items)
		return Z_NULL;
	return cxm__malloc((size_t)items * size);
}

static void z_free(voidpf opaque, voidpf p)
{
	(void)opaque;
	cxm__free(p);
}

/* The file starts with gzip's magic bytes: the bytes read so far are the
 * first compressed ones; from here on `in` receives the inflated text. */
static int start_gzip(cxm_csv *c)
{
	int zrc;
	if (!(c->zin = cxm__malloc(IN_SIZE)))
		return cxm__fail(CXM_ENOMEM, "%s: out of memory for the gzip buffer", c->path);
	memcpy(c->zin, c->in, c->in_len);
	c->z.zalloc = z_alloc;
	c->z.zfree = z_free;
	c->z.opaque = Z_NULL;
	c->z.next_in = c->zin;
	c->z.avail_in = (uInt)c->in_len;
	c->z_eof = c->eof;
	/* 16 + MAX_WBITS: a gzip header and trailer (CRC-32, length), not zlib's */
	if ((zrc = inflateInit2(&c->z, 16 + MAX_WBITS)) != Z_OK)
		return zrc == Z_MEM_ERROR ? cxm__fail(CXM_ENOMEM, "%s: out of memory starting to inflate", c->path)
					  : cxm__fail(CXM_EIO, "%s: zlib cannot start (%s)", c->path, zlibVersion());
	c->gz = 1;
	c->eof = 0;
	c->in_len = 0;
	return CXM_OK;
}

/* A UTF-16 or UTF-32 byte-order mark: the text is not UTF-8, say how to
 * convert it. A UTF-8 one (Excel writes one) is skipped. */
static int check_bom(cxm_csv *c)
{
	static const struct {
		size_t len;
		unsigned char b[4];
		const char *name, *hex, *iconv;
	} boms[] = {
		/* UTF-32 first: its LE mark starts with UTF-16 LE's */
		{ 4, { 0xFF, 0xFE, 0x00, 0x00 }, "UTF-32 LE", "FF FE 00 00", "UTF-32" },
		{ 4, { 0x00, 0x00, 0xFE, 0xFF }, "UTF-32 BE", "00 00 FE FF", "UTF-32" },
		{ 2, { 0xFF, 0xFE, 0, 0 }, "UTF-16 LE", "FF FE", "UTF-16" },
		{ 2, { 0xFE, 0xFF, 0, 0 }, "UTF-16 BE", "FE FF", "UTF-16" },
	};
	size_t i;
	for (i = 0; i < sizeof boms / sizeof *boms; i++)
		if (c->in_len >= boms[i].len && memcmp(c->in, boms[i].b, boms[i].len) == 0)
			return cxm__fail(CXM_EPARSE, "%s: the file is %s (byte-order mark %s); save it as UTF-8 "
					 "(iconv -f %s -t UTF-8 %s)", c->path, boms[i].name, boms[i].hex,
					 boms[i].iconv, c->path);
	if (c->in_len >= 3 && c->in[0] == 0xEF && c->in[1] == 0xBB && c->in[2] == 0xBF)
		c->in_pos = 3;
	return CXM_OK;
}

/*
 * Where the first byte of s[0..n) that is not UTF-8 is (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF, no cut sequence),
 * or n. Text is mostly ASCII: eight bytes at a time while none has its high
 * bit, which keeps the check to a fraction of the parsing (bench/README.md).
 */
size_t cxm__utf8_invalid_at(const unsigned char *s, size_t n)
{
	size_t i = 0, k, need;
	while (i < n) {
		unsigned char ch = s[i], lo = 0x80, hi = 0xBF;
		if (ch < 0x80) {
			for (; i + 8 <= n; i += 8) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
			}
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (ch >= 0xC2 && ch <= 0xDF)
			need = 1;
		else if (ch >= 0xE0 && ch <= 0xEF)
			need = 2;
		else if (ch >= 0xF0 && ch <= 0xF4)
			need = 3;
		else
			return i;
		/* the second byte's range rules out overlong forms, surrogates and > U+10FFFF */
		if (ch == 0xE0)
			lo = 0xA0;
		else if (ch == 0xED)
			hi = 0x9F;
		else if (ch == 0xF0)
			lo = 0x90;
		else if (ch == 0xF4)
			hi = 0x8F;
		if (i + need >= n || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (k = 2; k <= need; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += need + 1;
	}
	return n;
}

/* The record just parsed (rec, off) must be UTF-8: else PARSE naming the
 * field, the byte and its offset in the field. */
static int check_utf8(const cxm_csv *c, int is_header)
{
	size_t bad = cxm__utf8_invalid_at((const unsigned char *)c->rec, c->rec_len), col;
	if (bad == c->rec_len)
		return CXM_OK;
	for (col = 0; col + 1 < c->n_fields && c->off[col + 1] <= bad; col++)
		;
	if (is_header)
		return cxm__fail(CXM_EPARSE, "%s:%zu:%zu (the header): invalid UTF-8 (byte 0x%02X at offset %zu of "
				 "the name); the file may be Latin-1 (iconv -f LATIN1 -t UTF-8)", c->path, c->rec_line,
				 col + 1, (unsigned char)c->rec[bad], bad - c->off[col]);
	return cxm__csv_fail_utf8(c, c->rec_line, col, (unsigned char)c->rec[bad], bad - c->off[col]);
}

/* A NUL byte in the header: no name holds one, but every ASCII character of
 * a UTF-16 text without a byte-order mark does ("i\0d\0"): say so. The
 * position of the first NUL tells the byte order (after the character: LE). */
static int check_header_nul(const cxm_csv *c)
{
	size_t col;
	for (col = 0; col < c->n_fields; col++) {
		size_t start = c->off[col], stop = col + 1 < c->n_fields ? c->off[col + 1] : c->rec_len;
		const char *nul = memchr(c->rec + start, '\0', stop - start - 1);
		if (nul != NULL)
			return cxm__fail(CXM_EPARSE, "%s:%zu:%zu (the header): a NUL byte at offset %zu of the name; the "
					 "file may be UTF-16 without a byte-order mark (iconv -f UTF-16%s -t UTF-8 %s)",
					 c->path, c->rec_line, col + 1, (size_t)(nul - (c->rec + start)),
					 c->rec[0] == '\0' ? "BE" : "LE", c->path);
	}
	return CXM_OK;
}

/* Two columns of one name: which one would a reader by name get? PARSE,
 * naming both. Empty names (the trailing commas of a spreadsheet's export)
 * are not names: nobody asks for them. */
static int check_header_names(const cxm_csv *c, size_t header_line)
{
	char quoted[CXM__QUOTE_MAX + 4];
	cxm__texts seen;
	size_t *first = NULL, i, level, j = 0, dup = 0;
	int rc;
	if (c->n_cols <= 32) { /* a usual header: no allocation */
		for (i = 1; i < c->n_cols && !dup; i++)
			for (j = 0; j < i; j++)
				if (c->header[c->header_off[i]] && strcmp(c->header + c->header_off[i],
									   c->header + c->header_off[j]) == 0) {
					dup = i;
					break;
				}
	} else {
		if ((rc = cxm__texts_init_borrowed(&seen, c->n_cols, "the header's names")) < 0)
			return rc;
		if ((rc = cxm__alloc_array(&first, c->n_cols, sizeof *first, "the header's names")) < 0) {
			cxm__texts_free(&seen);
			return rc;
		}
		for (i = 0; i < c->n_cols && !dup; i++) {
			const char *name = c->header + c->header_off[i];
			size_t before = seen.count;
			if (!name[0])
				continue;
			if ((rc = cxm__texts_add(&seen, name, strlen(name), &level)) < 0)
				break;
			if (seen.count > before)
				first[level] = i;
			else {
				dup = i;
				j = first[level];
			}
		}
		cxm__texts_free(&seen);
		cxm__free(first);
		if (rc < 0)
			return rc;
	}
	if (!dup)
		return CXM_OK;
	cxm__quote_text(quoted, sizeof quoted, c->header + c->header_off[dup], strlen(c->header + c->header_off[dup]));
	return cxm__fail(CXM_EPARSE, "%s:%zu: columns %zu and %zu are both named '%s'", c->path, header_line,
			 j + 1, dup + 1, quoted);
}

cxm_status cxm_csv_open(cxm_csv **out, const char *path, char delimiter)
{
	cxm_csv *c;
	size_t header_line;
	int rc, got, err;
	if (out == NULL)
		return cxm__fail(CXM_EBAD_ARG, "cxm_csv **out is NULL");
	*out = NULL;
	if ((rc = cxm__check_ptr(path, "path")) < 0 || (rc = cxm__csv_check_delimiter(delimiter)) < 0)
		return rc;
	if (!(c = cxm__calloc(1, sizeof *c)))
		return cxm__fail(CXM_ENOMEM, "cxm_csv_open: out of memory");
	c->delim = (unsigned char)delimiter;
	c->special[c->delim] = c->special['"'] = c->special['\r'] = c->special['\n'] = 1;
	c->next_line = 1;
	c->is_stdin = strcmp(path, "-") == 0;
	if (!(c->path = cxm__strdup(c->is_stdin ? "<stdin>" : path)) || !(c->in = cxm__malloc(IN_SIZE))) {
		cxm_csv_free(c);
		return cxm__fail(CXM_ENOMEM, "cxm_csv_open: out of memory opening '%s'", path);
	}
	if ((rc = new_buffers(c, FIELDS_INIT)) < 0)
		goto fail;
	errno = 0;
	if (c->is_stdin) {
		c->fp = stdin;
	} else if (!(c->fp = fopen(path, "rb"))) {
		err = errno;
		rc = cxm__fail(CXM_EIO, "cannot open '%s': %s", path, err ? strerror(err) : "unknown error");
		goto fail;
	}
	/* what the file is, from its first bytes: gzip (1F 8B), then a byte-order mark */
	if ((rc = fill_head(c, 2)) < 0)
		goto fail;
	if (c->in_len >= 2 && c->in[0] == 0x1F && c->in[1] == 0x8B && (rc = start_gzip(c)) < 0)
		goto fail;
	if ((rc = fill_head(c, 4)) < 0 || (rc = check_bom(c)) < 0)
		goto fail;
	if ((rc = parse_record(c, &got)) < 0)
		goto fail;
	if (!got) {
		rc = cxm__fail(CXM_EEMPTY, "%s is empty: there is no header line", c->path);
		goto fail;
	}
	header_line = c->rec_line;
	if ((rc = check_header_nul(c)) < 0 || (rc = check_utf8(c, 1)) < 0)
		goto fail;
	/* the header keeps the buffers it was parsed into; records get new ones */
	c->header = c->rec;
	c->header_off = c->off;
	c->n_cols = c->n_fields;
	c->rec = NULL;
	c->off = NULL;
	if ((rc = check_header_names(c, header_line)) < 0 || (rc = new_buffers(c, c->n_cols)) < 0)
		goto fail;
	c->n_fields = 0;
	*out = c;
	return CXM_OK;
fail:
	cxm_csv_free(c);
	return rc;
}

size_t cxm_csv_column_count(const cxm_csv *csv)
{
	return csv ? csv->n_cols : 0;
}

const char *cxm_csv_column_name(const cxm_csv *csv, size_t i)
{
	if (csv == NULL || i >= csv->n_cols)
		return NULL;
	return csv->header + csv->header_off[i];
}

static const char *column_at(const void *csv, size_t i)
{
	return cxm_csv_column_name(csv, i);
}

void cxm__csv_list_columns(char *buf, size_t cap, const cxm_csv *csv)
{
	/* the names come from the file: quoted like any other text from it */
	cxm__join_names(buf, cap, csv->n_cols, column_at, csv, 1, NULL);
}

/* A header of one column whose name holds another likely delimiter (';',
 * tab, '|', ','): the file was probably read with the wrong one, so the
 * "no column" message says which it may be ("" when nothing suggests one). */
static const char *delimiter_hint(char *buf, size_t cap, const cxm_csv *csv)
{
	static const char candidates[] = { ';', '\t', '|', ',' };
	size_t i, best_count = 0;
	char best = 0;
	buf[0] = '\0';
	if (csv->n_cols != 1)
		return buf;
	for (i = 0; i < sizeof candidates; i++) {
		const char *p = csv->header;
		size_t count = 0;
		if (candidates[i] == (char)csv->delim)
			continue;
		while ((p = strchr(p, candidates[i])) != NULL) {
			count++;
			p++;
		}
		if (count > best_count) {
			best_count = count;
			best = candidates[i];
		}
	}
	if (best == '\t')
		cxm__snprintf_c(buf, cap, "; the header has one column: is the delimiter a tab?");
	else if (best)
		cxm__snprintf_c(buf, cap, "; the header has one column: is the delimiter '%c'?", best);
	return buf;
}

cxm_status cxm_csv_column_index(size_t *index, const cxm_csv *csv, const char *name)
{
	char cols[512], quoted[CXM__QUOTE_MAX + 4], hint[64];
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(index, "index")) < 0 || (rc = cxm__check_ptr(csv, "csv")) < 0 ||
	    (rc = cxm__check_ptr(name, "name")) < 0)
		return rc;
	for (i = 0; i < csv->n_cols; i++) {
		if (strcmp(csv->header + csv->header_off[i], name) == 0) {
			*index = i;
			return CXM_OK;
		}
	}
	cxm__csv_list_columns(cols, sizeof cols, csv);
	cxm__quote_text(quoted, sizeof quoted, name, strlen(name));
	return cxm__fail(CXM_EBAD_ARG, "no column '%s' in %s; its columns are: %s%s", quoted, csv->path, cols,
			 delimiter_hint(hint, sizeof hint, csv));
}

cxm_status cxm_csv_next(int *has_row, cxm_csv *csv)
{
	int rc, got;
	if ((rc = cxm__check_ptr(csv, "csv")) < 0 || (rc = cxm__check_ptr(has_row, "has_row")) < 0)
		return rc;
	*has_row = 0;
	csv->has_record = 0;
	if (csv->fp == NULL)
		return cxm__fail(CXM_EBAD_ARG, "%s: the reader is closed", csv->path);
	if ((rc = parse_record(csv, &got)) < 0)
		return rc;
	if (!got)
		return CXM_OK;
	if (csv->n_fields != csv->n_cols)
		return cxm__csv_fail_ragged(csv, csv->rec_line, csv->n_fields);
	if ((rc = check_utf8(csv, 0)) < 0)
		return rc;
	csv->line = csv->rec_line;
	csv->has_record = 1;
	*has_row = 1;
	return CXM_OK;
}

const char *cxm_csv_field(size_t *len, const cxm_csv *csv, size_t col)
{
	size_t start, stop;
	if (csv == NULL || !csv->has_record || col >= csv->n_fields)
		return NULL;
	start = csv->off[col];
	stop = col + 1 < csv->n_fields ? csv->off[col + 1] : csv->rec_len;
	if (len)
		*len = stop - start - 1; /* minus the NUL */
	return csv->rec + start;
}

/*
 * The decimal grammar of every reader (spec §0.10): [+-] digits [M [digits]]
 * or [+-] M digits, then [eE [+-] digits], M the decimal mark ('.', or ','
 * in the decimal-comma mode); nothing else. strtod alone would also take
 * "0x4" (as 4), "inf", "nan" and "infinity": a hexadecimal code or a word is
 * not an answer. Returns the length of the number, 0 when s is not one.
 */
static size_t decimal_length(const char *s, size_t len, char mark)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == mark)
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = i + 1, exp_digits = 0;
		if (e < len && (s[e] == '+' || s[e] == '-'))
			e++;
		for (; e < len && s[e] >= '0' && s[e] <= '9'; e++)
			exp_digits++;
		if (exp_digits == 0)
			return 0;
		i = e;
	}
	return i;
}

/* strtod of a number in the decimal-comma form: the same text with '.' for
 * ',' (cxm__strtod_c reads "." whatever the caller's locale). A
 * number of up to 255 bytes is copied on the stack; a longer one (a hundred
 * digits of a fraction) on the heap. Returns 1, or -2 out of memory. */
static int strtod_comma(double *out, const char *s, size_t len)
{
	char local[256], *buf = local, *comma;
	if (len >= sizeof local && (buf = cxm__malloc(len + 1)) == NULL)
		return -2;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if ((comma = memchr(buf, ',', len)) != NULL)
		*comma = '.';
	*out = cxm__strtod_c(buf, NULL);
	if (buf != local)
		cxm__free(buf);
	return 1;
}

/*
 * A field as a number. Integers of up to 9 digits, the usual survey answer,
 * skip strtod; everything else must match decimal_length's grammar before
 * strtod converts it. Returns 1, 0 when the text is not a number, -1 when it
 * is a number too large for a double (1e999: strtod's infinity would pass as
 * a value), -2 out of memory (only with mark ','). (io_internal.h: the CSV
 * table reader's inference uses it too.)
 */
int cxm__parse_decimal(double *out, const char *s, size_t len, char mark)
{
	const char *end;
	char *stop;
	size_t i;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0) {
		*out = NAN; /* a missing answer */
		return 1;
	}
	if (len <= 9) {
		long v = 0;
		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (s[i] - '0');
		if (i == len) {
			*out = (double)v;
			return 1;
		}
	}
	if (decimal_length(s, len, mark) != len)
		return 0;
	if (mark != '.') {
		if (strtod_comma(out, s, len) < 0)
			return -2;
		return isinf(*out) ? -1 : 1;
	}
	end = s + len;
	*out = cxm__strtod_c(s, &stop);
	if (stop != end)
		return 0;
	return isinf(*out) ? -1 : 1;
}

int cxm__parse_number(double *out, const char *s, size_t len)
{
	return cxm__parse_decimal(out, s, len, '.');
}

cxm_status cxm_parse_number(double *out, const char *text)
{
	char quoted[CXM__QUOTE_MAX + 4];
	size_t len;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_ptr(text, "text")) < 0)
		return rc;
	len = strlen(text);
	rc = cxm__parse_number(out, text, len);
	if (rc > 0 && !isnan(*out))
		return CXM_OK;
	cxm__quote_text(quoted, sizeof quoted, text, len);
	if (rc < 0)
		return cxm__fail(CXM_EOUT_OF_RANGE, "'%s' is too large for a number (a double ends near 1.8e308)", quoted);
	return cxm__fail(CXM_EPARSE, "'%s' is not a number (digits with an optional sign, decimal point and "
			 "exponent, as -1.5e3)", quoted);
}

int cxm__csv_field_number(double *out, const cxm_csv *csv, size_t col, char mark)
{
	char quoted[CXM__QUOTE_MAX + 4], name[CXM__QUOTE_MAX + 4];
	const char *s;
	size_t len;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0 || (rc = cxm__check_ptr(csv, "csv")) < 0)
		return rc;
	if (csv->fp == NULL)
		return cxm__fail(CXM_EBAD_ARG, "%s: the reader is closed", csv->path);
	if (!csv->has_record)
		return cxm__fail(CXM_EBAD_ARG, "%s: no current record (call cxm_csv_next first)", csv->path);
	if (col >= csv->n_cols)
		return cxm__fail(CXM_EBAD_ARG, "%s: column index %zu is out of range (%zu columns)",
				 csv->path, col, csv->n_cols);
	s = cxm_csv_field(&len, csv, col);
	if ((rc = cxm__parse_decimal(out, s, len, mark)) > 0)
		return CXM_OK;
	if (rc == -2)
		return cxm__fail(CXM_ENOMEM, "%s:%zu:%zu: out of memory reading a number of %zu bytes", csv->path,
				 csv->line, col + 1, len);
	cxm__quote_text(quoted, sizeof quoted, s, len);
	if (rc < 0)
		return cxm__fail(CXM_EOUT_OF_RANGE, "%s:%zu:%zu '%s': '%s' is too large for a number (a double "
				 "ends near 1.8e308)", csv->path, csv->line, col + 1,
				 col_name(name, sizeof name, csv, col), quoted);
	if (mark == ',')
		return cxm__fail(CXM_EPARSE, "%s:%zu:%zu '%s': '%s' is not a number (with a decimal comma: digits "
				 "with an optional sign, decimal comma and exponent, as -1,5e3)", csv->path,
				 csv->line, col + 1, col_name(name, sizeof name, csv, col), quoted);
	return cxm__fail(CXM_EPARSE, "%s:%zu:%zu '%s': '%s' is not a number (digits with an optional sign, "
			 "decimal point and exponent, as -1.5e3)", csv->path, csv->line,
			 col + 1, col_name(name, sizeof name, csv, col), quoted);
}

cxm_status cxm_csv_field_double(double *out, const cxm_csv *csv, size_t col)
{
	return cxm__csv_field_number(out, csv, col, '.');
}

size_t cxm_csv_line(const cxm_csv *csv)
{
	return csv ? csv->line : 0;
}

const char *cxm_csv_path(const cxm_csv *csv)
{
	return csv ? csv->path : NULL;
}

/* ---- handing the rest of the file to the parallel reader (csv_chunks.c) ---- */

int cxm__csv_read_rest(cxm_csv *c, char *dst, size_t cap, size_t *got)
{
	size_t n = 0, more = 0;
	int rc;
	*got = 0;
	c->has_record = 0;
	if (c->fp == NULL)
		return cxm__fail(CXM_EBAD_ARG, "%s: the reader is closed", c->path);
	if (c->skip_lf) {
		/* the header (or the last record read) ended with CR: an LF next is its CRLF */
		if (c->in_pos == c->in_len && (rc = refill(c)) < 0)
			return rc;
		if (c->in_pos < c->in_len && c->in[c->in_pos] == '\n')
			c->in_pos++;
		c->skip_lf = 0;
	}
	if (c->in_pos < c->in_len) {
		n = c->in_len - c->in_pos < cap ? c->in_len - c->in_pos : cap;
		memcpy(dst, c->in + c->in_pos, n);
		c->in_pos += n;
	}
	if (n < cap && !c->eof) {
		if ((rc = read_more(c, (unsigned char *)dst + n, cap - n, &more)) < 0)
			return rc;
		c->eof = more < cap - n;
		n += more;
	}
	*got = n;
	return CXM_OK;
}

size_t cxm__csv_next_line(const cxm_csv *c)
{
	return c->next_line;
}

char cxm__csv_delimiter(const cxm_csv *c)
{
	return (char)c->delim;
}

void cxm__csv_progress(const cxm_csv *c, double *done, double *total)
{
	struct stat st;
	*done = (double)c->raw_read;
	*total = 0.0;
	if (c->fp && !c->is_stdin && fstat(fileno(c->fp), &st) == 0 && S_ISREG(st.st_mode))
		*total = (double)st.st_size;
}

int cxm__blank_field(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}
