/* tests/headers/headertest.cpp - the C++ twin of headertest.c: the public
 * headers alone, compiled as C++11 with -Wall -Wextra -pedantic -Werror
 * (conventions C2), and by clang++ as C++11 and C++17 with
 * -Wreserved-identifier and -Wdocumentation (clang_check.py). Uses one
 * declaration of each kind so nothing is dead code. */
#include "cxmetrics.h"

int main(void)
{
	cxm_nps_result r = CXM_NPS_RESULT_INIT;
	cxm_ces_result ces = CXM_CES_RESULT_INIT;
	cxm_survey_opts *opts = NULL;
	double s[3] = { 9.0, 7.0, 3.0 };
	int rc = cxm_nps(&r, s, 3, CXM_NPS_0_10, CXM_NAN_ERROR);
	(void)ces;
	(void)opts;
	return rc == CXM_OK && r.n == 3 && CXM_VERSION_CHECK(0, 0, 1) ? 0 : 1;
}
