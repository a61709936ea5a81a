/*
 * tests/unit/cdnow.h - the CDNOW data files of tests/data/cdnow.
 *
 * Files are found from $CXM_SOURCE_ROOT (meson test sets it), else from this
 * header's own path (meson compiles it as ../tests/unit/cdnow.h relative to
 * the build directory, where meson test runs the programs), else relative to
 * the current directory.
 *
 * State is static: each test program includes this from its one .c file.
 */
#ifndef CXM_TEST_CDNOW_H
#define CXM_TEST_CDNOW_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

/* Customers in cdnow_customers_summary*.csv. */
#define CDNOW_N 2357

/* A file under tests/data (e.g. "cdnow/donations.csv"); the path lives in a
 * static buffer, valid until the next call. */
static inline const char *data_path(const char *file)
{
	static char path[1024];
	const char *root = getenv("CXM_SOURCE_ROOT");
	const char *self = __FILE__, *tail = "tests/unit/cdnow.h";
	size_t n = strlen(self), t = strlen(tail);
	if (root && root[0])
		snprintf(path, sizeof path, "%s/tests/data/%s", root, file);
	else if (n >= t && strcmp(self + n - t, tail) == 0)
		snprintf(path, sizeof path, "%.*stests/data/%s", (int)(n - t), self, file);
	else
		snprintf(path, sizeof path, "tests/data/%s", file);
	return path;
}

/* A file of tests/data/cdnow, open for reading (the test fails if it is not there). */
static inline FILE *open_cdnow(const char *file)
{
	char sub[512];
	const char *path;
	FILE *f;
	snprintf(sub, sizeof sub, "cdnow/%s", file);
	path = data_path(sub);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	return f;
}

/*
 * Read CDNOW_N customers of a summary file of tests/data/cdnow after its
 * header: cdnow_customers_summary.csv (ID,x,t_x,T; pass m = NULL) or
 * cdnow_customers_summary_with_transactions.csv (ID,x,t_x,T,zbar; m gets zbar).
 * Any of x, tx, T may be NULL to skip that column.
 */
static inline void cdnow_read_summary(const char *file, double *x, double *tx, double *T, double *m)
{
	FILE *f = open_cdnow(file);
	char line[256];
	size_t n = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		double id, cx, ctx, cT, cm;
		ck_assert_uint_lt(n, CDNOW_N);
		if (m)
			ck_assert_int_eq(sscanf(line, "%lf,%lf,%lf,%lf,%lf", &id, &cx, &ctx, &cT, &cm), 5);
		else
			ck_assert_int_eq(sscanf(line, "%lf,%lf,%lf,%lf", &id, &cx, &ctx, &cT), 4);
		if (x)
			x[n] = cx;
		if (tx)
			tx[n] = ctx;
		if (T)
			T[n] = cT;
		if (m)
			m[n] = cm;
		n++;
	}
	fclose(f);
	ck_assert_uint_eq(n, CDNOW_N);
}

#endif
