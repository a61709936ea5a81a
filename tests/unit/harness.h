/*
 * tests/unit/harness.h - one check suite per test program.
 *
 *   static Suite *scores_suite(void) { ... }
 *   CXM_TEST_MAIN(scores_suite)
 *
 * Helpers shared by every suite: the spec's float tolerance (§0.7) and a
 * status assertion that prints the library's message when it fails.
 */
#ifndef CXM_TEST_HARNESS_H
#define CXM_TEST_HARNESS_H

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"

/* |got - exp| <= 1e-9 + 1e-9 |exp| (spec §0.7) */
#define ck_assert_close(got, exp)                                                          \
	do {                                                                               \
		double g_ = (got), e_ = (exp);                                             \
		ck_assert_msg(fabs(g_ - e_) <= 1e-9 + 1e-9 * fabs(e_),                     \
			      "%s = %.17g, expected %.17g", #got, g_, e_);                 \
	} while (0)

/* Tolerances stated by a test: relative to |exp|, or absolute. */
#define assert_rel(got, exp, tol)                                                          \
	do {                                                                               \
		double g_ = (got), e_ = (exp);                                             \
		ck_assert_msg(fabs(g_ - e_) <= (tol) * fabs(e_),                           \
			      "%s = %.17g, expected %.17g (rel %.3g)", #got, g_, e_,       \
			      fabs(g_ - e_) / fabs(e_));                                   \
	} while (0)

#define assert_abs(got, exp, tol)                                                          \
	do {                                                                               \
		double g_ = (got), e_ = (exp);                                             \
		ck_assert_msg(fabs(g_ - e_) <= (tol), "%s = %.17g, expected %.17g (diff %.3g)", \
			      #got, g_, e_, g_ - e_);                                      \
	} while (0)

/* A call must return this status; on mismatch show the last error. */
#define ck_assert_status(call, expected)                                                   \
	do {                                                                               \
		int rc_ = (call);                                                          \
		ck_assert_msg(rc_ == (expected), "%s returned %d (%s), expected %d (%s): %s", \
			      #call, rc_, cxm_error_name(rc_), (expected),                 \
			      cxm_error_name(expected), cxm_error_last()->message);        \
	} while (0)

/* The last error's message must mention `needle` (a name, a value, a position). */
#define assert_message_has(needle)                                                         \
	ck_assert_msg(strstr(cxm_error_last()->message, (needle)) != NULL,                 \
		      "message '%s' lacks '%s'", cxm_error_last()->message, (needle))

#define CXM_TEST_MAIN(suite_fn)                                                            \
	int main(void)                                                                     \
	{                                                                                  \
		SRunner *sr = srunner_create(suite_fn());                                  \
		int failed;                                                                \
		srunner_run_all(sr, CK_NORMAL);                                            \
		failed = srunner_ntests_failed(sr);                                        \
		srunner_free(sr);                                                          \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;                               \
	}

#endif
