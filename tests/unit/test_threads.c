/*
 * tests/unit/test_threads.c - the thread count under the caller's control
 * (cxmetrics/threads.h, issue 14 item 5).
 *
 * cxm_set_threads / cxm_threads: the round trip, the errors, the precedence
 * over CXM_THREADS and the cores. Then the audit: a representative call of
 * each function that starts threads (README "Threads" lists them) on an
 * input large enough to be split, run under cxm_set_threads(1) - the
 * library's counter of started threads (lib/core/parallel.c) must not move -
 * and under cxm_set_threads(2) - it must move (so the input really is one
 * the function splits) and the result must be the same bytes.
 *
 * Each test starts from the default (a checked fixture resets the setting
 * and CXM_THREADS), also when check does not fork (CK_FORK=no, as under
 * valgrind); the counter is only ever compared before and after a call.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */
#define CXM_EXPERIMENTAL        /* cxm_table_read_csv */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "parallel.h"

/* ---- the setting ------------------------------------------------------------ */

START_TEST(test_set_get)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned expect_cores = cores >= 1 ? (unsigned)(cores > CXM_THREADS_MAX ? CXM_THREADS_MAX : cores) : 1u;
	unsetenv("CXM_THREADS");
	ck_assert_uint_eq(cxm_threads(), expect_cores); /* the default: online cores */
	ck_assert_status(cxm_set_threads(1), CXM_OK);
	ck_assert_uint_eq(cxm_threads(), 1);
	ck_assert_uint_eq(cxm__default_threads(), 1);
	ck_assert_status(cxm_set_threads(7), CXM_OK);
	ck_assert_uint_eq(cxm_threads(), 7);
	ck_assert_status(cxm_set_threads(CXM_THREADS_MAX), CXM_OK);
	ck_assert_uint_eq(cxm_threads(), 1024);
	ck_assert_status(cxm_set_threads(0), CXM_OK); /* back to the default */
	ck_assert_uint_eq(cxm_threads(), expect_cores);
}
END_TEST

START_TEST(test_set_errors)
{
	ck_assert_status(cxm_set_threads(3), CXM_OK);
	ck_assert_status(cxm_set_threads(1025), CXM_EBAD_ARG);
	assert_message_has("threads = 1025 is above 1024");
	ck_assert_uint_eq(cxm_threads(), 3); /* unchanged by the refusal */
	ck_assert_status(cxm_set_threads(4000000000u), CXM_EBAD_ARG);
	assert_message_has("4000000000");
	ck_assert_uint_eq(cxm_threads(), 3);
}
END_TEST

/* cxm_set_threads > CXM_THREADS > cores; CXM_THREADS is read at each call;
 * values that are not a count 1..1024 are ignored. */
START_TEST(test_env_precedence)
{
	static const char *const ignored[] = { "", "0", "-2", "abc", "2x", "1025", "99999999999999999999", "1.5" };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned expect_cores = cores >= 1 ? (unsigned)(cores > CXM_THREADS_MAX ? CXM_THREADS_MAX : cores) : 1u;
	size_t i;
	setenv("CXM_THREADS", "5", 1);
	ck_assert_uint_eq(cxm_threads(), 5);
	setenv("CXM_THREADS", " 6\n", 1); /* spaces around, as a shell may leave them */
	ck_assert_uint_eq(cxm_threads(), 6);
	setenv("CXM_THREADS", "1024", 1);
	ck_assert_uint_eq(cxm_threads(), 1024);
	for (i = 0; i < sizeof ignored / sizeof *ignored; i++) {
		setenv("CXM_THREADS", ignored[i], 1);
		ck_assert_msg(cxm_threads() == expect_cores, "CXM_THREADS='%s' gave %u, expected the cores (%u)",
			      ignored[i], cxm_threads(), expect_cores);
	}
	setenv("CXM_THREADS", "5", 1);
	ck_assert_status(cxm_set_threads(2), CXM_OK); /* the setting wins over the environment */
	ck_assert_uint_eq(cxm_threads(), 2);
	ck_assert_status(cxm_set_threads(0), CXM_OK);
	ck_assert_uint_eq(cxm_threads(), 5);
	unsetenv("CXM_THREADS");
}
END_TEST

/* ---- the audit: one call of each function that starts threads --------------------- */

static char dir[] = "/tmp/cxm-threads-XXXXXX";

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 33;
}

static const char *write_file(const char *name, void (*fill)(FILE *))
{
	static char path[2][512];
	static int which;
	char *p = path[which ^= 1];
	FILE *f;
	snprintf(p, sizeof path[0], "%s/%s", dir, name);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fill(f);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

static char *render(cxm_table *t)
{
	char *s = NULL;
	ck_assert_status(cxm_table_render(&s, t, CXM_FORMAT_CSV), CXM_OK);
	cxm_table_free(t);
	return s;
}

static char *doubles_text(const double *x, size_t n)
{
	char *s = malloc(n * 26 + 1), *p = s;
	size_t i;
	ck_assert_ptr_nonnull(s);
	*p = '\0';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%.17g\n", x[i]);
	return s;
}

/* 5 MiB of 0..10 answers: two halves counted by two threads (scores/u8.c). */
static char *call_nps_u8(void)
{
	enum { N = 5 << 20 };
	uint8_t *s = malloc(N);
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	uint64_t st = 1;
	size_t i;
	ck_assert_ptr_nonnull(s);
	for (i = 0; i < N; i++)
		s[i] = (uint8_t)(lcg(&st) % 11);
	ck_assert_status(cxm_nps_u8(&r, s, N, CXM_NPS_0_10), CXM_OK);
	free(s);
	return doubles_text(&r.nps, 1);
}

/* 70,000 orders of as many customers: radix partitions on threads (rfm/customers.c). */
static cxm_table *orders_table(void)
{
	enum { N = 70000 };
	double *id = malloc(N * sizeof *id), *day = malloc(N * sizeof *day), *amt = malloc(N * sizeof *amt);
	cxm_table *t = NULL;
	uint64_t st = 7;
	size_t i;
	ck_assert(id && day && amt);
	for (i = 0; i < N; i++) {
		id[i] = (double)i;
		day[i] = (double)(lcg(&st) % 700);
		amt[i] = (double)(lcg(&st) % 100000) / 100.0;
	}
	ck_assert_status(cxm_rfm_orders_aggregate_numeric(&t, id, N, day, N, amt, N, NULL, 0, 800, 0), CXM_OK);
	free(id);
	free(day);
	free(amt);
	return t;
}

static char *call_rfm_aggregate(void)
{
	return render(orders_table());
}

/* 70,000 customers scored: monetary on a second thread (rfm/scored.c). */
static char *call_rfm_score(void)
{
	cxm_table *c = orders_table(), *scored = NULL, *breaks = NULL;
	ck_assert_status(cxm_rfm_score_customers(&scored, &breaks, c, NULL, NULL), CXM_OK);
	cxm_table_free(c);
	cxm_table_free(breaks);
	return render(scored);
}

/* 100,003 customers' P(alive) under lifetimes' CDNOW BG/NBD fit (clvmodel/predict.c). */
static char *call_clv_p_alive(void)
{
	enum { N = 100003 };
	static const double bg[4] = { 0.242594, 4.41359, 0.792919, 2.425892 };
	double *x = malloc(N * sizeof *x), *tx = malloc(N * sizeof *tx), *T = malloc(N * sizeof *T);
	double *out = malloc(N * sizeof *out);
	cxm_clv_fit_result f = CXM_CLV_FIT_RESULT_INIT;
	char *s;
	size_t i;
	ck_assert(x && tx && T && out);
	f.model = CXM_CLV_BGNBD;
	f.n_params = 4;
	memcpy(f.params, bg, sizeof bg);
	for (i = 0; i < N; i++) {
		x[i] = (double)(i % 9);
		T[i] = 20.0 + (double)(i % 19);
		tx[i] = x[i] > 0 ? T[i] * (double)(i % 7 + 1) / 8.0 : 0.0;
	}
	ck_assert_status(cxm_clv_p_alive(out, N, &f, x, N, tx, N, T, N), CXM_OK);
	s = doubles_text(out, N);
	free(x);
	free(tx);
	free(T);
	free(out);
	return s;
}

/* A BG/NBD fit of 70,000 distinct customers (parallel sums, clvmodel/bgnbd.c),
 * with the fit options' threads left at 0. */
static char *call_clv_fit(void)
{
	enum { N = 70000 };
	double *x = malloc(N * sizeof *x), *tx = malloc(N * sizeof *tx), *T = malloc(N * sizeof *T);
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o = NULL;
	char *s;
	size_t i;
	ck_assert(x && tx && T);
	for (i = 0; i < N; i++) {
		x[i] = (double)(i % 11);
		T[i] = 20.0 + 19.0 * (double)i / N;
		tx[i] = x[i] > 0 ? T[i] * (double)(i % 13 + 1) / 14.0 : 0.0;
	}
	ck_assert_status(cxm_clv_fit_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_clv_fit_opts_set_max_iterations(o, 5), CXM_OK);
	(void)cxm_clv_fit(&r, CXM_CLV_BGNBD, x, N, tx, N, T, N, NULL, 0, o); /* 5 steps: "not converged" is fine */
	s = doubles_text(r.params, r.n_params);
	cxm_clv_fit_opts_free(o);
	free(x);
	free(tx);
	free(T);
	return s;
}

static double *cluster_rows(size_t n, uint64_t seed)
{
	double *x = malloc(n * 2 * sizeof *x);
	size_t i;
	ck_assert_ptr_nonnull(x);
	for (i = 0; i < n; i++) {
		double c = (double)(i % 3) * 10.0;
		x[2 * i] = c + (double)(lcg(&seed) % 1000) / 1000.0;
		x[2 * i + 1] = -c + (double)(lcg(&seed) % 1000) / 1000.0;
	}
	return x;
}

/* k-means of 70,000 rows, options' threads 0 (cluster/kmeans.c). */
static char *call_kmeans(void)
{
	enum { N = 70000 };
	double *x = cluster_rows(N, 3), centres[6];
	cxm_cluster_opts *o = NULL;
	cxm_cluster_model *m = NULL;
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_k(o, 3), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_seed(o, 11), CXM_OK);
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, x, 2 * N, 2, o), CXM_OK);
	ck_assert_status(cxm_cluster_model_centres(centres, 6, m), CXM_OK);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
	free(x);
	return doubles_text(centres, 6);
}

/* 70,000 new rows labelled by a k-means model (cluster/assign.c, threads 0:
 * the process-wide count). */
static char *call_cluster_assign(void)
{
	enum { N = 70000 };
	static const double centres[6] = { 0.5, 0.5, 10.5, -9.5, 20.5, -19.5 };
	double *x = cluster_rows(N, 4), *cost = malloc(N * sizeof *cost);
	cxm_cluster_opts *o = NULL;
	cxm_cluster_model *m = NULL;
	char *s;
	ck_assert_ptr_nonnull(cost);
	ck_assert_status(cxm_cluster_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_k(o, 3), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_init(o, centres, 6), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_max_iterations(o, 1), CXM_OK);
	ck_assert_status(cxm_cluster_opts_set_threads(o, 1), CXM_OK); /* the fit is not what is tested here */
	ck_assert_status(cxm_kmeans_fit(&m, NULL, 0, x, 2 * 300, 2, o), CXM_OK);
	ck_assert_status(cxm_cluster_assign(NULL, 0, cost, N, m, x, 2 * N, 2, NULL, 0, 0), CXM_OK);
	s = doubles_text(cost, N);
	cxm_cluster_model_free(m);
	cxm_cluster_opts_free(o);
	free(x);
	free(cost);
	return s;
}

/* The Davies-Bouldin index of 70,000 rows (cluster/indices.c, threads 0). */
static char *call_davies_bouldin(void)
{
	enum { N = 70000 };
	double *x = cluster_rows(N, 6), db;
	uint32_t *labels = malloc(N * sizeof *labels);
	size_t i;
	ck_assert_ptr_nonnull(labels);
	for (i = 0; i < N; i++)
		labels[i] = (uint32_t)(i % 3);
	ck_assert_status(cxm_cluster_davies_bouldin(&db, x, 2 * N, 2, NULL, 0, 0, 0.0, labels, N), CXM_OK);
	free(x);
	free(labels);
	return doubles_text(&db, 1);
}

/* NMF of a 2,000 x 100 matrix, k = 16: 3.2M multiply-adds a pass (persona/nmf.c,
 * the process-wide count). */
static char *call_nmf(void)
{
	enum { R = 2000, C = 100, K = 16 };
	double *x = malloc(R * C * sizeof *x), *w = malloc(R * K * sizeof *w), *h = malloc(K * C * sizeof *h);
	uint64_t st = 17;
	char *s;
	size_t i;
	ck_assert(x && w && h);
	for (i = 0; i < (size_t)R * C; i++)
		x[i] = (double)(lcg(&st) % 100) / 10.0;
	ck_assert_status(cxm_nmf_fit(w, R * K, h, K * C, NULL, x, R * C, C, K, CXM_NMF_MU, 0, 5, 20, 0.0), CXM_OK);
	s = doubles_text(h, K * C);
	free(x);
	free(w);
	free(h);
	return s;
}

/* The silhouette of 3,000 rows, threads argument 0 (cluster/silhouette.c). */
static char *call_silhouette(void)
{
	enum { N = 3000 };
	double *x = cluster_rows(N, 5), s;
	uint32_t *labels = malloc(N * sizeof *labels);
	size_t i;
	ck_assert_ptr_nonnull(labels);
	for (i = 0; i < N; i++)
		labels[i] = (uint32_t)(i % 3);
	ck_assert_status(cxm_cluster_silhouette(&s, x, 2 * N, 2, NULL, 0, 0, 0.0, labels, N, 0, 1, 0), CXM_OK);
	free(x);
	free(labels);
	return doubles_text(&s, 1);
}

/* Key drivers with 40 bootstrap replicates, options' threads 0 (drivers/bootstrap.c). */
static char *call_drivers(void)
{
	enum { N = 400 };
	double y[N], a[N], b[N], c[N];
	static const char *const drivers[] = { "a", "b", "c" };
	cxm_table *t = NULL, *out = NULL;
	cxm_drivers_opts *o = NULL;
	cxm_drivers_result *r = NULL;
	uint64_t st = 9;
	size_t i;
	for (i = 0; i < N; i++) {
		a[i] = (double)(lcg(&st) % 10);
		b[i] = (double)(lcg(&st) % 10);
		c[i] = (double)(lcg(&st) % 10);
		y[i] = 0.5 * a[i] + 0.3 * b[i] + 0.1 * c[i] + (double)(lcg(&st) % 5);
	}
	ck_assert_status(cxm_table_new(&t), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "y", y, N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "a", a, N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "b", b, N), CXM_OK);
	ck_assert_status(cxm_table_add_numbers(t, "c", c, N), CXM_OK);
	ck_assert_status(cxm_drivers_opts_new(&o), CXM_OK);
	ck_assert_status(cxm_drivers_opts_set_bootstrap(o, 40), CXM_OK);
	ck_assert_status(cxm_drivers_fit(&r, t, "y", drivers, 3, o), CXM_OK);
	ck_assert_status(cxm_drivers_table(&out, r), CXM_OK);
	cxm_drivers_result_free(r);
	cxm_drivers_opts_free(o);
	cxm_table_free(t);
	return render(out);
}

/* 120,000 events of 3,000 customers: the parallel CSV reader and the two-thread
 * scatter (io/csv_chunks.c, events/read_csv.c). */
static void fill_events(FILE *f)
{
	static const char *const ev[] = { "visit", "cart", "buy" };
	uint64_t st = 21;
	size_t i;
	fputs("customer_id,time,event\n", f);
	for (i = 0; i < 120000; i++) {
		unsigned c = (unsigned)(lcg(&st) % 3000), sec = (unsigned)(lcg(&st) % 86400);
		fprintf(f, "c%u,2024-03-%02uT%02u:%02u:%02uZ,%s\n", c, 1 + (unsigned)(i % 28), sec / 3600,
			sec / 60 % 60, sec % 60, ev[lcg(&st) % 3]);
	}
}

static cxm_events *events_log(void)
{
	cxm_events *e = NULL;
	ck_assert_status(cxm_events_read_csv(&e, write_file("events.csv", fill_events), NULL), CXM_OK);
	return e;
}

static char *call_events_read(void)
{
	cxm_events *e = events_log();
	cxm_table *t = NULL;
	ck_assert_status(cxm_events_table(&t, e), CXM_OK);
	cxm_events_free(e);
	return render(t);
}

/* A funnel over those customers, options NULL (funnel/run.c). */
static char *call_funnel(void)
{
	static const char *const steps[] = { "visit", "cart", "buy" };
	cxm_events *e = events_log();
	cxm_funnel *f = NULL;
	cxm_table *t = NULL;
	ck_assert_status(cxm_funnel_run(&f, e, steps, 3, 86400.0 * 7, NULL), CXM_OK);
	ck_assert_status(cxm_funnel_steps(&t, f), CXM_OK);
	cxm_funnel_free(f);
	cxm_events_free(e);
	return render(t);
}

/* A survey report of 300,000 answers, options NULL (report/survey.c). */
static void fill_survey(FILE *f)
{
	uint64_t st = 33;
	size_t i;
	fputs("nps,csat\n", f);
	for (i = 0; i < 300000; i++)
		fprintf(f, "%u,%u\n", (unsigned)(lcg(&st) % 11), 1 + (unsigned)(lcg(&st) % 5));
}

static char *call_survey(void)
{
	cxm_survey_report *r = NULL;
	char *s = NULL;
	ck_assert_status(cxm_survey_report_from_csv(&r, write_file("survey.csv", fill_survey), NULL), CXM_OK);
	ck_assert_status(cxm_survey_report_render(&s, r, CXM_FORMAT_JSON), CXM_OK);
	cxm_survey_report_free(r);
	return s;
}

static const struct call {
	const char *name;
	char *(*run)(void);
} calls[] = {
	{ "cxm_nps_u8", call_nps_u8 },
	{ "cxm_rfm_orders_aggregate_numeric", call_rfm_aggregate },
	{ "cxm_rfm_score_customers", call_rfm_score },
	{ "cxm_clv_p_alive", call_clv_p_alive },
	{ "cxm_clv_fit", call_clv_fit },
	{ "cxm_kmeans_fit", call_kmeans },
	{ "cxm_cluster_silhouette", call_silhouette },
	{ "cxm_cluster_assign", call_cluster_assign },
	{ "cxm_cluster_davies_bouldin", call_davies_bouldin },
	{ "cxm_nmf_fit", call_nmf },
	{ "cxm_drivers_fit", call_drivers },
	{ "cxm_events_read_csv", call_events_read },
	{ "cxm_funnel_run", call_funnel },
	{ "cxm_survey_report_from_csv", call_survey },
};

/* One thread: none started. Two: some started, the same bytes. */
START_TEST(test_one_thread_starts_none)
{
	const struct call *c = &calls[_i];
	size_t before;
	char *one, *two;
	unsetenv("CXM_THREADS");
	ck_assert_status(cxm_set_threads(1), CXM_OK);
	before = cxm__threads_started();
	one = c->run();
	ck_assert_msg(cxm__threads_started() == before, "%s started %zu threads under cxm_set_threads(1)",
		      c->name, cxm__threads_started() - before);
	ck_assert_status(cxm_set_threads(2), CXM_OK);
	before = cxm__threads_started();
	two = c->run();
	ck_assert_msg(cxm__threads_started() > before,
		      "%s started no thread under cxm_set_threads(2): the input is too small to test it", c->name);
	ck_assert_msg(strcmp(one, two) == 0, "%s: one thread and two differ", c->name);
	free(one);
	free(two);
	/* CXM_THREADS=1 holds it to one thread as well, when nothing was set */
	ck_assert_status(cxm_set_threads(0), CXM_OK);
	setenv("CXM_THREADS", "1", 1);
	before = cxm__threads_started();
	free(c->run());
	ck_assert_msg(cxm__threads_started() == before, "%s started threads under CXM_THREADS=1", c->name);
	unsetenv("CXM_THREADS");
}
END_TEST

/* The files' directory: made and removed in the parent process (the
 * unchecked fixtures), so that the forked tests share it and none is left. */
static void make_dir(void)
{
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(EXIT_FAILURE);
	}
}

static void remove_dir(void)
{
	char cmd[600];
	if (dir[sizeof dir - 2] != 'X') {
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
}

static void reset(void)
{
	unsetenv("CXM_THREADS");
	if (cxm_set_threads(0) != CXM_OK)
		abort();
}

static Suite *threads_suite(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = tcase_create("threads");
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, test_set_get);
	tcase_add_test(tc, test_set_errors);
	tcase_add_test(tc, test_env_precedence);
	tcase_add_loop_test(tc, test_one_thread_starts_none, 0, (int)(sizeof calls / sizeof *calls));
	tcase_add_unchecked_fixture(tc, make_dir, remove_dir);
	tcase_add_checked_fixture(tc, reset, reset);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(threads_suite)
