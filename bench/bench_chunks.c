/*
 * bench/bench_chunks.c - the CSV readers alone on a survey file, for
 * bench_survey.py: count the rows and sum one numeric column (nps) through
 *
 *   chunks T   the parallel chunk reader (cxm__csv_chunks_read, T threads)
 *   csv        the streaming reader (cxm_csv_next + cxm_csv_field_double)
 *   raw        no parsing: the file's bytes read and their line ends counted
 *              (the floor any reader pays to get the bytes)
 *
 *   bench_chunks MODE FILE [THREADS] [COLUMN]
 *
 * Prints one line: "rows=N sum=S seconds=T" (wall clock of the read alone,
 * the file opened and its header read included). Never run by meson test.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "io/io_internal.h"

typedef struct acc {
	size_t col, rows, bad;
	double sum;
	char pad[64]; /* each worker's sums on a cache line of their own */
} acc;

static int add_row(void *worker, const cxm__csv_row *row, char *msg, size_t cap)
{
	acc *a = worker;
	double x;
	(void)msg;
	(void)cap;
	if (cxm__parse_number(&x, row->field[a->col], row->len[a->col]) > 0 && x == x)
		a->sum += x;
	else
		a->bad++;
	a->rows++;
	return 0;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int fail(const char *what)
{
	fprintf(stderr, "bench_chunks: %s: %s\n", what, cxm_error_last()->message);
	return 1;
}

int main(int argc, char **argv)
{
	const char *mode, *path, *column = argc > 4 ? argv[4] : "nps";
	unsigned threads = argc > 3 ? (unsigned)atoi(argv[3]) : 0;
	double t0, sum = 0;
	size_t rows = 0, col, i;
	cxm_csv *csv = NULL;
	if (argc < 3) {
		fprintf(stderr, "usage: bench_chunks chunks|csv|raw FILE [THREADS] [COLUMN]\n");
		return 2;
	}
	mode = argv[1];
	path = argv[2];
	t0 = now();
	if (strcmp(mode, "raw") == 0) {
		FILE *f = fopen(path, "rb");
		static char buf[1 << 20];
		size_t n;
		if (!f) {
			perror(path);
			return 1;
		}
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			const char *p = buf, *e = buf + n;
			while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
				rows++;
				p++;
			}
		}
		fclose(f);
		printf("rows=%zu sum=0 seconds=%.4f\n", rows ? rows - 1 : 0, now() - t0);
		return 0;
	}
	if (cxm_csv_open(&csv, path, ',') < 0)
		return fail("open");
	if (cxm_csv_column_index(&col, csv, column) < 0)
		return fail("column");
	if (strcmp(mode, "csv") == 0) {
		int has;
		for (;;) {
			double x;
			if (cxm_csv_next(&has, csv) < 0)
				return fail("read");
			if (!has)
				break;
			if (cxm_csv_field_double(&x, csv, col) < 0)
				return fail("number");
			if (x == x)
				sum += x;
			rows++;
		}
	} else {
		acc a[64];
		void *w[64];
		cxm__csv_chunks_opts o;
		cxm__csv_chunks_stats st;
		memset(&o, 0, sizeof o);
		memset(a, 0, sizeof a);
		o.threads = threads;
		for (i = 0; i < 64; i++) {
			a[i].col = col;
			w[i] = &a[i];
		}
		if (cxm__csv_chunks_read(csv, &o, w, 64, add_row, &st) < 0)
			return fail("read");
		for (i = 0; i < st.workers; i++) {
			sum += a[i].sum;
			rows += a[i].rows;
		}
	}
	cxm_csv_free(csv);
	printf("rows=%zu sum=%.17g seconds=%.4f\n", rows, sum, now() - t0);
	return 0;
}
