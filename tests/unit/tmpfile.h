/*
 * tests/unit/tmpfile.h - write test input to a fresh temporary file.
 *
 * The CSV reader and the survey report only read from paths, so the tests
 * that feed them hand-made text go through a file. Its name comes from
 * mkstemp (in $TMPDIR when set), so test programs running in parallel never
 * collide; the caller removes the file.
 *
 * Needs _POSIX_C_SOURCE >= 200809L (mkstemp, fdopen) defined before the
 * first #include of the .c file.
 */
#ifndef CXM_TEST_TMPFILE_H
#define CXM_TEST_TMPFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* Room for the path open_tmp fills in: callers declare char path[TMP_PATH_SIZE]. */
#define TMP_PATH_SIZE 256

/* File names start with this; a test program defines its own before the
 * #include, so a file left behind says which program made it. */
#ifndef TMP_PREFIX
#define TMP_PREFIX "cxm_test_"
#endif

/* A new temporary file, open for writing; its path goes to `path`. For input
 * too big to build in memory first; the caller checks fclose. */
static inline FILE *open_tmp(char *path)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd;
	snprintf(path, TMP_PATH_SIZE, "%s/" TMP_PREFIX "XXXXXX", dir && dir[0] ? dir : "/tmp");
	fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "mkstemp failed for %s", path);
	f = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(f);
	return f;
}

/* Write `len` bytes (NULs allowed) to a new temporary file; its path goes to `path`. */
static inline void write_tmp(char *path, const char *bytes, size_t len)
{
	FILE *f = open_tmp(path);
	ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* The same for a C string, without its terminating NUL. */
static inline void write_tmp_str(char *path, const char *text)
{
	write_tmp(path, text, strlen(text));
}

#endif
