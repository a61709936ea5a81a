/*
 * tests/fuzz/fuzz_common.h - what the libFuzzer targets share: an in-memory
 * file for the readers that take a path, and the invariants every failure
 * must meet (conventions: "Status and errors").
 *
 * The oracle is ASan + UBSan + libFuzzer's leak check; on top of that a
 * broken invariant calls abort() with a line on stderr, which libFuzzer
 * reports as a crash and saves as crash-<sha1>.
 *
 * Needs _GNU_SOURCE (memfd_create) defined before the first #include.
 */
#ifndef CXM_FUZZ_COMMON_H
#define CXM_FUZZ_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cxmetrics.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2), noreturn))
#endif
static inline void fuzz_die(const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define FUZZ_ASSERT(cond, ...) \
	do { \
		if (!(cond)) \
			fuzz_die(__VA_ARGS__); \
	} while (0)

/*
 * A failed call: rc is one of the table's codes, cxm_error_last() says the
 * same code, and its message is "NAME: <something>" on one line (messages
 * quote bad input through a filter that replaces line breaks and other
 * control bytes, so a log line stays one line).
 */
static inline void fuzz_check_error(int rc, const char *call)
{
	const cxm_error *e = cxm_error_last();
	const char *name = cxm_error_name(rc);
	size_t name_len = strlen(name), i;
	FUZZ_ASSERT(rc < 0 && rc >= CXM_E_LAST, "%s returned %d, not a CXM_E* code", call, rc);
	FUZZ_ASSERT(e != NULL && e->message != NULL, "%s: cxm_error_last() is NULL", call);
	FUZZ_ASSERT(e->code == rc, "%s returned %d but cxm_error_last()->code is %d", call, rc, e->code);
	FUZZ_ASSERT(strncmp(e->message, name, name_len) == 0 && e->message[name_len] == ':' &&
			    e->message[name_len + 1] == ' ' && e->message[name_len + 2] != '\0',
		    "%s: the message does not read \"%s: ...\": '%s'", call, name, e->message);
	for (i = 0; e->message[i]; i++)
		FUZZ_ASSERT((unsigned char)e->message[i] >= 0x20 && e->message[i] != 0x7f,
			    "%s: control byte 0x%02x at %zu in the message '%s'", call,
			    (unsigned)(unsigned char)e->message[i], i, e->message);
}

/* ---- an in-memory file with a path -------------------------------------------- */

/*
 * The CSV reader and the survey report read from a path. A memfd gives one
 * without touching the disk: /proc/self/fd/N opens it afresh at offset 0, and
 * it vanishes with the process. Where memfd_create is missing, a mkstemp file
 * in $TMPDIR stands in and is removed at exit.
 */
static char fuzz_path[256];
static int fuzz_fd = -1;
static int fuzz_unlink;

static inline void fuzz_cleanup(void)
{
	if (fuzz_unlink)
		unlink(fuzz_path);
}

static inline void fuzz_file_init(void)
{
	const char *dir;
	if (fuzz_fd >= 0)
		return;
	fuzz_fd = memfd_create("cxm_fuzz", 0);
	if (fuzz_fd >= 0) {
		snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
		if (access(fuzz_path, R_OK) == 0)
			return;
		close(fuzz_fd);
	}
	dir = getenv("TMPDIR");
	snprintf(fuzz_path, sizeof fuzz_path, "%s/cxm_fuzz_XXXXXX", dir && dir[0] ? dir : "/tmp");
	fuzz_fd = mkstemp(fuzz_path);
	FUZZ_ASSERT(fuzz_fd >= 0, "cannot create a temporary file in %s", fuzz_path);
	fuzz_unlink = 1;
	atexit(fuzz_cleanup);
}

/* The file now holds data[0..size); returns its path. */
static inline const char *fuzz_file_write(const uint8_t *data, size_t size)
{
	fuzz_file_init();
	FUZZ_ASSERT(ftruncate(fuzz_fd, 0) == 0, "ftruncate failed");
	if (size)
		FUZZ_ASSERT(pwrite(fuzz_fd, data, size, 0) == (ssize_t)size, "pwrite failed");
	return fuzz_path;
}

/* data[0..size) as a NUL-terminated string in a buffer of exactly size + 1 bytes
 * (so ASan sees a read past the NUL); the caller frees it. */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	FUZZ_ASSERT(s != NULL, "malloc(%zu) failed", size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
