/* tests/unit/test_core.c - errors, versions, the allocator hook, exact sums, special
 * functions (log Gamma, digamma), distributions, parallel sums. */
#if defined(__linux__)
#  define _GNU_SOURCE /* sched_setaffinity */
#  include <sched.h>
#endif
#include <pthread.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "dist.h"
#include "internal.h"
#include "parallel.h"
#include "special.h"
#include "xsum.h"

/* |got - exp| <= tol, both printed in full */
#define assert_within(got, exp, tol) \
	ck_assert_msg(fabs((got) - (exp)) <= (tol), "%s = %.17g, expected %.17g", #got, (got), (exp))

/* A chunk's sum of its row numbers and a mark that the chunk was done (once). */
static void sum_rows(double *acc, size_t begin, size_t end, void *ctx)
{
	unsigned char *done = ctx;
	size_t i;
	done[begin / CXM__CHUNK_ROWS]++;
	for (i = begin; i < end; i++)
		acc[0] += (double)i;
	acc[1] += (double)(end - begin);
}

/* Every chunk exactly once, the same sums on 1 to 8 threads, and on 2
 * threads also when the process may use one CPU only (the workers cannot
 * be kept off the caller's CPU then). */
START_TEST(test_parallel_sum)
{
	enum { N = 1000003 };
	size_t chunks = (N + CXM__CHUNK_ROWS - 1) / CXM__CHUNK_ROWS, c;
	unsigned char *done = malloc(chunks);
	double sum[2];
	unsigned threads;
	ck_assert_ptr_nonnull(done);
	for (threads = 1; threads <= 9; threads++) {
		memset(done, 0, chunks);
		ck_assert_int_eq(cxm__parallel_sum(sum, 2, N, sum_rows, done, threads == 9 ? 0u : threads), CXM_OK);
		ck_assert(sum[0] == (double)N * (N - 1) / 2 && sum[1] == N);
		for (c = 0; c < chunks; c++)
			ck_assert_msg(done[c] == 1, "%u threads: chunk %zu done %d times", threads, c, done[c]);
	}
#if defined(__linux__)
	{
		cpu_set_t all, one;
		int cpu = sched_getcpu();
		ck_assert(cpu >= 0 && sched_getaffinity(0, sizeof all, &all) == 0);
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		ck_assert_int_eq(sched_setaffinity(0, sizeof one, &one), 0);
		memset(done, 0, chunks);
		ck_assert_int_eq(cxm__parallel_sum(sum, 2, N, sum_rows, done, 2u), CXM_OK);
		ck_assert_int_eq(sched_setaffinity(0, sizeof all, &all), 0);
		ck_assert(sum[0] == (double)N * (N - 1) / 2 && sum[1] == N);
		for (c = 0; c < chunks; c++)
			ck_assert_int_eq(done[c], 1);
	}
#endif
	free(done);
}
END_TEST

START_TEST(test_error_table)
{
	/* every §0.2 code plus the library-level ones, by name and value */
	ck_assert_int_eq(CXM_OK, 0);
	ck_assert_str_eq(cxm_error_name(CXM_OK), "OK");
	ck_assert_str_eq(cxm_error_name(CXM_EEMPTY), "EMPTY");
	ck_assert_str_eq(cxm_error_name(CXM_ETOO_FEW), "TOO_FEW");
	ck_assert_str_eq(cxm_error_name(CXM_EOUT_OF_RANGE), "OUT_OF_RANGE");
	ck_assert_str_eq(cxm_error_name(CXM_ENON_INTEGER), "NON_INTEGER");
	ck_assert_str_eq(cxm_error_name(CXM_ENAN), "NAN");
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_WEIGHTS), "BAD_WEIGHTS");
	ck_assert_str_eq(cxm_error_name(CXM_EBAD_ARG), "BAD_ARG");
	ck_assert_str_eq(cxm_error_name(CXM_EINCONSISTENT), "INCONSISTENT");
	ck_assert_str_eq(cxm_error_name(CXM_EDOMAIN), "DOMAIN");
	ck_assert_str_eq(cxm_error_name(CXM_ENOMEM), "NOMEM");
	ck_assert_str_eq(cxm_error_name(CXM_EVERSION), "VERSION");
	ck_assert_str_eq(cxm_error_name(CXM_EIO), "IO");
	ck_assert_str_eq(cxm_error_name(CXM_EPARSE), "PARSE");
	ck_assert_str_eq(cxm_error_name(CXM_ECANCELLED), "CANCELLED");
	ck_assert_int_eq(CXM_ECANCELLED, -14);
	ck_assert_int_eq(CXM_E_LAST, CXM_ECANCELLED);
	ck_assert_str_eq(cxm_error_name(42), "UNKNOWN");
	ck_assert_str_eq(cxm_error_describe(CXM_ENOMEM), "out of memory");
	ck_assert_str_eq(cxm_error_describe(-999), "unknown error code");
}
END_TEST

START_TEST(test_last_error_names_the_problem)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	double s[] = { 9, 11, 5 };
	cxm_error_clear();
	ck_assert_int_eq(cxm_error_last()->code, CXM_OK);
	ck_assert_str_eq(cxm_error_last()->message, "");
	ck_assert_status(cxm_nps(&r, s, 3, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_EOUT_OF_RANGE);
	ck_assert_int_eq(cxm_error_last()->code, CXM_EOUT_OF_RANGE);
	/* which argument, which index, which value */
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "scores[1]"));
	ck_assert_ptr_nonnull(strstr(cxm_error_last()->message, "11"));
}
END_TEST

static void *fail_in_thread(void *arg)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	(void)arg;
	cxm_nps(&r, NULL, 0, CXM_NPS_0_10, CXM_NAN_ERROR); /* EMPTY in this thread */
	return (void *)(intptr_t)cxm_error_last()->code;
}

START_TEST(test_last_error_is_thread_local)
{
	pthread_t t;
	void *code = NULL;
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	double s[] = { 6.5 };
	ck_assert_status(cxm_nps(&r, s, 1, CXM_NPS_0_10, CXM_NAN_ERROR), CXM_ENON_INTEGER);
	ck_assert_int_eq(pthread_create(&t, NULL, fail_in_thread, NULL), 0);
	pthread_join(t, &code);
	ck_assert_int_eq((int)(intptr_t)code, CXM_EEMPTY);
	ck_assert_int_eq(cxm_error_last()->code, CXM_ENON_INTEGER); /* ours is untouched */
}
END_TEST

START_TEST(test_version)
{
	int major = -1, minor = -1, patch = -1;
	char expect[32];
	cxm_version(&major, &minor, &patch);
	ck_assert_int_eq(major, CXM_VERSION_MAJOR);
	ck_assert_int_eq(minor, CXM_VERSION_MINOR);
	ck_assert_int_eq(patch, CXM_VERSION_PATCH);
	cxm_version(NULL, NULL, NULL); /* NULL outputs allowed */
	snprintf(expect, sizeof expect, "%d.%d.%d", major, minor, patch);
	ck_assert_str_eq(cxm_version_string(), expect);
	ck_assert_str_eq(CXM_VERSION_STRING, expect);
	ck_assert_int_eq(CXM_VERSION_NUMBER, major * 10000 + minor * 100 + patch);
	ck_assert(CXM_VERSION_CHECK(0, 1, 0));
	ck_assert(!CXM_VERSION_CHECK(99, 0, 0));
}
END_TEST

START_TEST(test_struct_version_checked)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	r.version = 0;
	ck_assert_status(cxm_nps_counts(&r, 1, 1, 1), CXM_EVERSION);
	r.version = 99;
	ck_assert_status(cxm_nps_counts(&r, 1, 1, 1), CXM_EVERSION);
	ck_assert_status(cxm_nps_counts(NULL, 1, 1, 1), CXM_EBAD_ARG);
}
END_TEST

/* ---- allocator hook ---- */

START_TEST(test_allocator_hook)
{
	cxm_allocator bad = { NULL, realloc, free };
	cxm_score_acc *acc = NULL;
	long k;
	ck_assert_status(cxm_set_allocator(&bad), CXM_EBAD_ARG);
	/* fail allocation k, then k + 1, ... until the call succeeds (SQLite-style) */
	for (k = 0;; k++) {
		int rc;
		oom_arm(k);
		rc = cxm_score_acc_new(&acc, 0, 10);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			break;
		}
		ck_assert_int_eq(rc, CXM_ENOMEM);
		ck_assert_ptr_null(acc);
		oom_assert_no_leak(k);
	}
	ck_assert_int_gt(k, 0);
	cxm_score_acc_free(acc);
	oom_assert_no_leak(k);
	oom_disarm();
}
END_TEST

/* ---- exact sums ---- */

START_TEST(test_xsum_exact)
{
	cxm__xsum a, b, all;
	int i;
	cxm__xsum_init(&a);
	for (i = 0; i < 10; i++)
		cxm__xsum_add(&a, 0.1);
	ck_assert(cxm__xsum_round(&a) == 1.0); /* math.fsum([0.1] * 10) == 1.0 */

	/* 1e16 + 1 + 1: plain doubles lose both ones; the exact sum keeps them */
	cxm__xsum_init(&a);
	cxm__xsum_add(&a, 1e16);
	cxm__xsum_add(&a, 1.0);
	cxm__xsum_add(&a, 1.0);
	ck_assert(cxm__xsum_round(&a) == 10000000000000002.0);

	/* ties round to even: 2^53 + 1 is exactly halfway */
	cxm__xsum_init(&a);
	cxm__xsum_add(&a, 9007199254740992.0);
	cxm__xsum_add(&a, 1.0);
	ck_assert(cxm__xsum_round(&a) == 9007199254740992.0);
	cxm__xsum_add(&a, 5e-324); /* anything beyond the tie rounds up */
	ck_assert(cxm__xsum_round(&a) == 9007199254740994.0);

	/* subnormals and huge values */
	cxm__xsum_init(&a);
	cxm__xsum_add(&a, 5e-324);
	cxm__xsum_add(&a, 5e-324);
	ck_assert(cxm__xsum_round(&a) == 1e-323);
	cxm__xsum_init(&a);
	cxm__xsum_add(&a, 1e308);
	cxm__xsum_add(&a, 1e292);
	ck_assert(cxm__xsum_round(&a) == 1e308 + 1e292);

	/* merging partial sums equals the one-shot sum, bit for bit */
	cxm__xsum_init(&a);
	cxm__xsum_init(&b);
	cxm__xsum_init(&all);
	for (i = 1; i <= 1000; i++) {
		double w = 1.0 / i;
		cxm__xsum_add(i % 3 ? &a : &b, w);
		cxm__xsum_add(&all, w);
	}
	cxm__xsum_merge(&a, &b);
	ck_assert(cxm__xsum_round(&a) == cxm__xsum_round(&all));
	ck_assert(cxm__xsum_round(&all) == 7.485470860550345); /* math.fsum(1/i, i = 1..1000) */
}
END_TEST

/* ---- special functions ---- */

START_TEST(test_digamma_log_gamma)
{
	/* x, scipy.special.digamma(x), scipy.special.gammaln(x) */
	static const double v[][3] = {
		{ 1e-08, -100000000.57721564, 18.42068073818021 },
		{ 0.1, -10.423754940411076, 2.252712651734206 },
		{ 0.2425929072044656, -4.358490932964865, 1.3198163885180458 },
		{ 0.5, -1.9635100260214235, 0.5723649429247 },
		{ 1.0, -0.5772156649015329, 0.0 },
		{ 2.5, 0.7031566406452432, 0.2846828704729192 },
		{ 5.9, 1.6878194259079582, 4.617792105493922 },
		{ 9.999, 2.251647417205735, 12.799575780077413 },
		{ 10.0, 2.251752589066721, 12.801827480081469 },
		{ 10.5, 2.3030010342976865, 13.940625219403763 },
		{ 33.3, 3.490467238520243, 82.60372358165493 },
		{ 100.0, 4.600161852738088, 359.1342053695754 },
		{ 1000000.0, 13.81551005796419, 12815504.569147611 },
		{ 1e15, 34.538776394910684, 3.3538776394910668e+16 },
	};
	/* negative arguments (reflection), scipy.special.digamma */
	static const double neg[][2] = { { -0.5, 0.03648997397857651 },
					 { -2.75, -1.9590552649779958 },
					 { -10.3, 4.6624034935820875 } };
	size_t i;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_within(cxm__digamma(v[i][0]), v[i][1], 1e-14 * fabs(v[i][1]) + 1e-15);
		assert_within(cxm__lgamma(v[i][0]), v[i][2], 1e-14 * fabs(v[i][2]) + 4e-15);
	}
	for (i = 0; i < sizeof neg / sizeof neg[0]; i++)
		assert_within(cxm__digamma(neg[i][0]), neg[i][1], 1e-14 * fabs(neg[i][1]) + 1e-15);
	/* the positive root of digamma (scipy: -9.2e-17, mpmath: -4.0e-17) */
	assert_within(cxm__digamma(1.4616321449683622), 0.0, 1e-15);
	ck_assert(isnan(cxm__digamma(0.0)));
	ck_assert(isnan(cxm__digamma(-3.0)));
	ck_assert(isnan(cxm__digamma(NAN)));
	ck_assert(isnan(cxm__lgamma(0.0)));
	ck_assert(isnan(cxm__lgamma(-1.5)));
}
END_TEST

/* ---- distributions ---- */

START_TEST(test_normal_quantile)
{
	/* spec §0.6: z = 1.959963984540054 at 95 %; others from scipy.special.ndtri */
	ck_assert_close(cxm__norm_quantile(0.975), 1.959963984540054);
	ck_assert_close(cxm__norm_quantile(0.95), 1.6448536269514722);
	ck_assert_close(cxm__norm_quantile(0.995), 2.5758293035489004);
	ck_assert_close(cxm__norm_quantile(0.9995), 3.2905267314919255);
	ck_assert_close(cxm__norm_quantile(0.9), 1.2815515655446004);
	ck_assert_close(cxm__norm_quantile(0.025), -1.959963984540054);
	ck_assert_close(cxm__norm_quantile(1e-300), -37.0470962993612);
	ck_assert_close(cxm__norm_cdf(1.959963984540054), 0.975);
}
END_TEST

START_TEST(test_t_quantile)
{
	/* cxref.t_crit (scipy stdtrit polished by Newton; agrees with R qt) */
	ck_assert_close(cxm__t_quantile(0.975, 1), 12.70620473617469);
	ck_assert_close(cxm__t_quantile(0.95, 2), 2.919985580353723);
	ck_assert_close(cxm__t_quantile(0.975, 5), 2.570581835636314);
	ck_assert_close(cxm__t_quantile(0.975, 30), 2.0422724563012395);
	ck_assert_close(cxm__t_quantile(0.995, 10), 3.1692726726169465);
	ck_assert_close(cxm__t_quantile(0.975, 1000), 1.9623390808264074);
}
END_TEST

static Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_error_table);
	tcase_add_test(tc, test_parallel_sum);
	tcase_add_test(tc, test_last_error_names_the_problem);
	tcase_add_test(tc, test_last_error_is_thread_local);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_struct_version_checked);
	tcase_add_test(tc, test_allocator_hook);
	tcase_add_test(tc, test_xsum_exact);
	tcase_add_test(tc, test_digamma_log_gamma);
	tcase_add_test(tc, test_normal_quantile);
	tcase_add_test(tc, test_t_quantile);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(core_suite)
