/*
 * tests/unit/test_clvmodel_pnbd.c - check suite for the Pareto/NBD model
 * (lib/clvmodel/pnbd.c) and the Gauss hypergeometric function
 * (lib/clvmodel/hyp2f1.c).
 *
 * Every expected number is independent of this library:
 * - "anchor": the anchors file of the project (CDNOW: lifetimes 0.11.3, BTYD,
 *   and the tight optimum a restarted Nelder-Mead polish reaches);
 * - "mpmath": computed in a throwaway script with mpmath at 60 and 130
 *   significant digits (a value is used only when both agree to 1e-30):
 *   mpmath.hyp2f1 itself, and the Pareto/NBD likelihood, P(alive) and
 *   expectations in the 2F1 form of Fader & Hardie's note 009 as lifetimes'
 *   ParetoNBDFitter and BTYD's pnbd.LL write them (A0 with
 *   2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) for alpha >= beta and
 *   2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)) otherwise), loggamma
 *   included; the library computes them another way (an Euler-transformed
 *   series and, for rates far apart, quadrature), so agreement is a check;
 * - central differences of the library's own log-likelihood, for its
 *   analytic gradient.
 */
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "oom.h"
#include "cdnow.h"
#include "clvmodel_test.h"
#include "clvmodel/hyp2f1.h"
#include "clvmodel/models.h"

/* ---- 2F1 ---------------------------------------------------------------------- */

/* mpmath: (a, b, c, z, 2F1(a, b; c; z)). The shapes the models use (Pareto/NBD's
 * A0 in both branches, BG/NBD's conditional and unconditional expectations),
 * z close to 1 (down to 1 - 1e-11), c - a - b a negative integer or 0 (the
 * logarithmic cases of the connection formulas), Euler's and Pfaff's
 * transformations, large parameters, a terminating series, mixed signs. */
static const double h2f1_points[][5] = {
	{ 1.16, 1.6062135450395916, 2.16, 0.05, 1.0451426306922625 },
	{ 27.16, 1.6062, 28.16, 0.0255, 1.0408099405820942 },
	{ 1.2, 1.7, 2.2, 0.95, 1.2366179420428227e+1 },
	{ 1.2, 1.7, 2.2, 0.999999, 2.7166986241837192e+4 },
	{ 3.5, 2.5, 4.5, 0.99999999999, 7.3786469576630762e+16 },
	{ 30.5, 1.6, 31.5, 0.9, 2.8644735471359016e+1 },
	{ 600.5, 1.4, 601.5, 0.97, 1.264474584269877e+2 },
	{ 0.4, 0.25, 1.4, 0.998, 1.1611779158347437 },
	{ 2.5, 2.0, 3.5, 0.75, 6.3907734319747641 },
	{ 1.5, 0.5, 2.0, 0.9, 2.0843177233129958 },
	{ 1.0, 1.0, 2.0, 0.5, 1.3862943611198906 },
	{ 0.24259, 2.42575, 2.21864, 0.3, 1.1003478913509502 },
	{ 2.24259, 4.42575, 5.21864, 0.5046, 3.6746993072200447 },
	{ 26.55, 28.43, 51.2, 0.62, 3.738493284331746e+5 },
	{ 0.24259, 2.42575, 2.21864, 0.999, 1.1063365804631362e+1 },
	{ 0.3, 0.4, 0.5, 0.6, 1.2426594568391245 },
	{ 5.2, 7.4, 3.2, 0.97, 9.2689554193796961e+14 },
	{ 1.16, 1.6, 2.16, -0.5, 7.0173530285709829e-1 },
	{ 1.16, 1.6, 2.16, -1000000.0, 2.6579802385403227e-7 },
	{ 40.0, 3.0, 41.0, -30.0, 3.6191655616274837e-5 },
	{ 2.0, 45.0, 50.0, -7.0, 1.8861212048606715e-2 },
	{ 120.0, 80.0, 210.0, 0.8, 1.7894607849968477e+25 },
	{ 250.0, 3.0, 260.0, 0.999, 3.0202284962287317e+4 },
	{ 120.0, 80.0, 210.0, -50.0, 3.25771511215483e-111 },
	{ -3.0, 2.5, 1.5, 0.7, -9.9000000000000017e-2 },
	{ -5.0, 2.5, 4.5, -3.0, 2.1328068010420952e+2 },
	{ -2.5, 1.5, 3.25, 0.8, 3.7113747959618722e-1 },
	{ 1.5, -0.5, -0.25, 0.3, 2.2224239600961053 },
};

START_TEST(test_hyp2f1_mpmath)
{
	size_t i;
	for (i = 0; i < sizeof h2f1_points / sizeof *h2f1_points; i++) {
		const double *p = h2f1_points[i];
		assert_rel(cxm__hyp2f1(p[0], p[1], p[2], p[3]), p[4], 5e-14);
	}
}
END_TEST

START_TEST(test_hyp2f1_edges)
{
	double t = 1e12, z = t / (1.0 + t), omz = 1.0 / (1.0 + t);
	ck_assert(isnan(cxm__hyp2f1(1.0, 1.0, 2.0, 1.0)));
	ck_assert(isnan(cxm__hyp2f1(1.0, 1.0, 2.0, 1.5)));
	ck_assert(isnan(cxm__hyp2f1(NAN, 1.0, 2.0, 0.5)));
	ck_assert(isnan(cxm__hyp2f1(1.0, 1.0, 2.0, NAN)));
	ck_assert(isnan(cxm__hyp2f1(1.5, 1.0, -2.0, 0.5))); /* c a pole, the series does not stop */
	ck_assert(cxm__hyp2f1(1.5, 2.5, 3.5, 0.0) == 1.0);
	/* c = -3 but a = -1 stops the series first: 1 + (-1)(2) / (-3) z */
	assert_rel(cxm__hyp2f1(-1.0, 2.0, -3.0, 0.5), 4.0 / 3.0, 1e-15);
	/* 2F1(1, 1; 2; z) = -log(1 - z) / z: with 1 - z known exactly, full
	 * precision even this close to 1 */
	assert_rel(cxm__hyp2f1_1mz(1.0, 1.0, 2.0, z, omz), -log(omz) / z, 1e-14);
	assert_rel(cxm__hyp2f1_1mz(1.0, 1.0, 2.0, 0.75, 0.25), log(4.0) / 0.75, 1e-15);
}
END_TEST

/* ---- Pareto/NBD: one customer at a time ---------------------------------------- */

/* Parameter sets (r, alpha, s, beta): the CDNOW tight optimum (anchor), rates
 * far apart both ways (the quadrature branch), alpha = beta, s = 1. */
static const double pnbd_params[][4] = {
	{ 0.5532755223076004, 10.577612430770866, 0.6062135450395916, 11.66791021820297 },
	{ 0.5, 40.0, 0.7, 2.0 },
	{ 0.5, 2.0, 0.7, 40.0 },
	{ 2.5, 0.01, 3.0, 5.0 },
	{ 0.3, 3.0, 0.2, 1000.0 },
	{ 1.2, 5.0, 0.9, 5.0 },
	{ 0.8, 7.0, 1.0, 9.0 },
};
/* Customers (x, t_x, T): x = 0, CDNOW customer 1, the BTYD example,
 * t_x = T, and x beyond the tables (300, 600). */
static const double pnbd_customers[][3] = {
	{ 0, 0, 38.86 },
	{ 2, 30.43, 38.86 },
	{ 26, 30.86, 31 },
	{ 1, 0.5, 38 },
	{ 100, 1, 39 },
	{ 7, 30, 30 },
	{ 3, 0.01, 20 },
	{ 600, 10, 39 },
	{ 300, 38.5, 39 },
};
/* mpmath: log-likelihood and P(alive) of customer j under parameters i */
static const double pnbd_ll[][9][2] = {
	{
		{ -5.212017948610285e-1, 2.9509715326510814e-1 },
		{ -9.5543331601308587, 8.6911872014827339e-1 },
		{ -3.9130765703775042e+1, 9.9791794336519637e-1 },
		{ -4.2554700220596487, 1.4354189717928265e-1 },
		{ 1.1099351057981132e+2, 2.3975909261056532e-62 },
		{ -2.0274110577098039e+1, 1 },
		{ -8.2119102278425026, 8.5807498701353381e-2 },
		{ 1.4167265687132734e+3, 2.8146235401267441e-227 },
		{ 2.3911529854958738e+2, 9.6179674678510362e-1 },
	},
	{
		{ -8.9249096348015434e-2, 9.4226734964739074e-2 },
		{ -1.1288496316375554e+1, 8.3041106951078864e-1 },
		{ -5.4020392959753654e+1, 9.9694949381874938e-1 },
		{ -4.8169707903267668, 6.9682052227428917e-2 },
		{ -1.3325070216673692e+1, 4.7771616457447874e-29 },
		{ -2.4998087400047038e+1, 1 },
		{ -1.0850654683999078e+1, 6.8219175479905653e-2 },
		{ 8.8458735015375706e+2, 4.4758442599975106e-118 },
		{ 9.8217911652730317e+1, 9.7465480778198905e-1 },
	},
	{
		{ -1.2262768628597819, 4.6889256297521586e-1 },
		{ -9.5861504819687101, 8.9988055087896065e-1 },
		{ -3.3655593521257415e+1, 9.9853865838716015e-1 },
		{ -4.521254666824224, 1.6103739636191567e-1 },
		{ 2.4320887582078922e+2, 9.0251319719853492e-112 },
		{ -1.9076177438438739e+1, 1 },
		{ -5.7706829571373699, 1.2821793283163746e-2 },
		{ 1.7383276587101532e+3, 9.6682545631703774e-318 },
		{ 2.9546888919771199e+2, 9.5509694307285775e-1 },
	},
	{
		{ -5.5350791549712896, 3.9858606691093274e-10 },
		{ -3.1327316098410808e+1, 3.670517217181066e-1 },
		{ -4.9366028776497286e+1, 9.8760427073340403e-1 },
		{ -1.0906472238474208e+1, 6.3302785633877035e-9 },
		{ 3.5199135352473294e+2, 1.141750620454027e-163 },
		{ -3.8260546626608439e+1, 1 },
		{ 7.7368774141969297, 9.5800637294022634e-17 },
		{ 1.8431609784520301e+3, 0.0 }, /* P(alive) = 1.43e-355: below the double range */
		{ 2.972037945042643e+2, 6.9569056563124678e-1 },
	},
	{
		{ -7.8844669768039178e-1, 9.9015515843402675e-1 },
		{ -9.2064963719356256, 9.9788831067804141e-1 },
		{ -3.4538587679966874e+1, 9.9997131306676445e-1 },
		{ -5.6802074951270538, 9.7114016855564223e-1 },
		{ 2.0897287442065497e+2, 4.6322451184279852e-98 },
		{ -1.9148738744349008e+1, 1 },
		{ -9.9368889923230592, 8.2421968547085836e-1 },
		{ 1.6849320236556489e+3, 4.2480541486242857e-301 },
		{ 2.8771774602616986e+2, 9.9905413547283099e-1 },
	},
	{
		{ -8.3344878215725054e-1, 2.4068836608940231e-2 },
		{ -1.088367636232208e+1, 7.6503296799488886e-1 },
		{ -3.5310093998393834e+1, 9.9630767522400897e-1 },
		{ -2.9551847886469398, 5.8436808561640969e-3 },
		{ 1.8045684545467096e+2, 5.0992655341128327e-87 },
		{ -1.9957544547528388e+1, 1 },
		{ -4.4378913482135148, 1.557573658663943e-3 },
		{ 1.6099973047950103e+3, 2.6737246676973695e-279 },
		{ 2.7639570721291624e+2, 9.1649764208715275e-1 },
	},
	{
		{ -6.2672128056463787e-1, 7.8231669915889674e-2 },
		{ -1.0206339412535193e+1, 7.7491182012978364e-1 },
		{ -3.6963592848744922e+1, 9.9632159748486853e-1 },
		{ -3.476673754692609, 2.4855973243863325e-2 },
		{ 1.4966689526579359e+2, 7.0339847317444268e-76 },
		{ -2.010210862302444e+1, 1 },
		{ -6.1796328065132765, 1.0424172541763857e-2 },
		{ 1.5329478916370858e+3, 4.9422440502298413e-258 },
		{ 2.6191966692883051e+2, 9.2359638731064964e-1 },
	},
};
/* mpmath: E[X(T, T + t) | x, t_x, T]: params index, t, x, t_x, T, value */
static const double pnbd_expected[][6] = {
	{ 0, 52, 26, 30.86, 31, 2.5456546980638693e+1 },
	{ 0, 39, 2, 30.43, 38.86, 1.4551129662504865 },
	{ 0, 10, 0, 0, 38.86, 3.1230549301974005e-2 },
	{ 1, 20, 3, 0.01, 20, 6.2474764433519577e-2 },
	{ 2, 20, 3, 0.01, 20, 3.6773398697576451e-2 },
	{ 6, 52, 26, 30.86, 31, 2.3410374025601002e+1 },
	{ 4, 5, 100, 1, 39, 5.5284646123772812e-97 },
	{ 0, 0, 2, 30.43, 38.86, 0.0 },
};
/* mpmath: E[X(t)] of a new customer: params index, t, value */
static const double pnbd_unconditional[][3] = {
	{ 0, 1, 5.1006545528470136e-2 },
	{ 0, 39, 1.2134080627604505 },
	{ 0, 1000, 7.4340012853399666 },
	{ 6, 52, 1.9683249807467232 },
	{ 3, 2.5, 3.4722222222222221e+2 },
	{ 0, 0, 0.0 },
};

#define N_PARAMS (sizeof pnbd_params / sizeof *pnbd_params)
#define N_CUSTOMERS (sizeof pnbd_customers / sizeof *pnbd_customers)

/* Log-likelihood of one customer (weight w), and its gradient in log-parameters. */
static double ll_one(double *grad, const double *params, const double *c, double w)
{
	cxm__clv_data d = data_of(&c[0], &c[1], &c[2], &w, 1, 1);
	double ll = NAN, g[4];
	ck_assert_status(cxm__pnbd_ops.loglik(&ll, grad ? grad : g, params, &d), CXM_OK);
	return ll;
}

START_TEST(test_pnbd_loglik_mpmath)
{
	size_t i, j;
	for (i = 0; i < N_PARAMS; i++) {
		for (j = 0; j < N_CUSTOMERS; j++) {
			assert_rel(ll_one(NULL, pnbd_params[i], pnbd_customers[j], 1.0), pnbd_ll[i][j][0], 1e-13);
			/* a weight counts the customer that many times */
			assert_rel(ll_one(NULL, pnbd_params[i], pnbd_customers[j], 3.0), 3.0 * pnbd_ll[i][j][0], 1e-13);
		}
	}
}
END_TEST

START_TEST(test_pnbd_p_alive_mpmath)
{
	size_t i, j;
	for (i = 0; i < N_PARAMS; i++) {
		for (j = 0; j < N_CUSTOMERS; j++) {
			const double *c = pnbd_customers[j];
			double got = cxm__pnbd_ops.p_alive(pnbd_params[i], c[0], c[1], c[2]), exp = pnbd_ll[i][j][1];
			if (c[1] == c[2])
				ck_assert(got == 1.0); /* anchor: alive for sure when the last purchase is now */
			else if (exp > 1e-300)
				assert_rel(got, exp, 1e-12); /* down to e^-650: log-space throughout */
			else
				assert_abs(got, exp, 1e-300);
		}
	}
}
END_TEST

START_TEST(test_pnbd_expectations_mpmath)
{
	size_t i;
	for (i = 0; i < sizeof pnbd_expected / sizeof *pnbd_expected; i++) {
		const double *q = pnbd_expected[i];
		double got = cxm__pnbd_ops.expected(pnbd_params[(int)q[0]], q[1], q[2], q[3], q[4]);
		if (q[5] == 0.0)
			ck_assert(got == 0.0); /* t = 0 */
		else
			assert_rel(got, q[5], 1e-12);
	}
	for (i = 0; i < sizeof pnbd_unconditional / sizeof *pnbd_unconditional; i++) {
		const double *q = pnbd_unconditional[i];
		double got = cxm__pnbd_ops.unconditional(pnbd_params[(int)q[0]], q[1]);
		if (q[2] == 0.0)
			ck_assert(got == 0.0);
		else
			assert_rel(got, q[2], 1e-14);
	}
}
END_TEST

/* Central differences of the log-likelihood in log-parameters (step 1e-5:
 * truncation error ~1e-10 relative, rounding ~1e-11) against the analytic
 * gradient, customer by customer, in both branches and the quadrature one. */
START_TEST(test_pnbd_gradient)
{
	const double h = 1e-5;
	size_t i, j, k;
	for (i = 0; i < N_PARAMS; i++) {
		for (j = 0; j < N_CUSTOMERS; j++) {
			double g[4];
			(void)ll_one(g, pnbd_params[i], pnbd_customers[j], 1.0);
			for (k = 0; k < 4; k++) {
				double p[4], lp, lm, fd;
				memcpy(p, pnbd_params[i], sizeof p);
				p[k] = pnbd_params[i][k] * exp(h);
				lp = ll_one(NULL, p, pnbd_customers[j], 1.0);
				p[k] = pnbd_params[i][k] * exp(-h);
				lm = ll_one(NULL, p, pnbd_customers[j], 1.0);
				fd = (lp - lm) / (2.0 * h);
				ck_assert_msg(fabs(g[k] - fd) <= 1e-6 * (fabs(fd) + 1e-3),
					      "params %zu customer %zu d/dlog p%zu: %.12g, differences %.12g", i, j,
					      k, g[k], fd);
			}
		}
	}
}
END_TEST

/* ---- CDNOW ---------------------------------------------------------------------- */

static double cd_x[CDNOW_N], cd_tx[CDNOW_N], cd_T[CDNOW_N];

/* cdnow_customers_summary.csv: ID,frequency,recency,T in weeks. */
static void load_cdnow(void)
{
	static int loaded;
	if (loaded)
		return;
	cdnow_read_summary("cdnow_customers_summary.csv", cd_x, cd_tx, cd_T, NULL);
	loaded = 1;
}

/* anchor: the tight optimum on CDNOW and its log-likelihood */
static const double pnbd_tight[4] = { 0.5532755223076004, 10.577612430770866, 0.6062135450395916,
				      11.66791021820297 };
#define PNBD_TIGHT_LL (-9594.973929826863)

START_TEST(test_pnbd_names)
{
	int m = -1;
	ck_assert_str_eq(cxm_names_word(CXM_NAMES_CLV_MODEL, CXM_CLV_PNBD), "pnbd");
	ck_assert_status(cxm_names_parse(&m, CXM_NAMES_CLV_MODEL, "pnbd"), CXM_OK);
	ck_assert_int_eq(m, CXM_CLV_PNBD);
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_PNBD, 0), "r");
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_PNBD, 1), "alpha");
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_PNBD, 2), "s");
	ck_assert_str_eq(cxm_clv_param_name(CXM_CLV_PNBD, 3), "beta");
	ck_assert_ptr_null(cxm_clv_param_name(CXM_CLV_PNBD, 4));
}
END_TEST

START_TEST(test_pnbd_fit_cdnow)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	size_t i;
	load_cdnow();
	ck_assert_status(cxm_clv_fit(&r, CXM_CLV_PNBD, cd_x, CDNOW_N, cd_tx, CDNOW_N, cd_T, CDNOW_N, NULL, 0, NULL),
			 CXM_OK);
	ck_assert_int_eq(r.model, CXM_CLV_PNBD);
	ck_assert_uint_eq(r.n_params, 4);
	ck_assert_uint_eq(r.n_customers, CDNOW_N);
	ck_assert(r.converged);
	/* anchor: the tight optimum to 1e-5 and its log-likelihood to 1e-6 */
	for (i = 0; i < 4; i++) {
		assert_rel(r.params[i], pnbd_tight[i], 1e-5);
		ck_assert(r.se[i] > 0.0 && isfinite(r.se[i]));
	}
	assert_abs(r.loglik, PNBD_TIGHT_LL, 1e-6);
	/* anchor: lifetimes' looser optimum (rounded) is within 1e-4 of it */
	assert_rel(r.params[0], 0.5533, 1e-4);
	assert_rel(r.params[1], 10.578, 1e-4);
	assert_rel(r.params[2], 0.6062, 1e-4);
	assert_rel(r.params[3], 11.669, 1e-3);
}
END_TEST

START_TEST(test_pnbd_loglik_cdnow)
{
	cxm__clv_data d;
	double ll, g[4];
	load_cdnow();
	d = data_of(cd_x, cd_tx, cd_T, NULL, CDNOW_N, 1);
	ck_assert_status(cxm__pnbd_ops.loglik(&ll, g, pnbd_tight, &d), CXM_OK);
	assert_abs(ll, PNBD_TIGHT_LL, 1e-7); /* anchor */
}
END_TEST

START_TEST(test_pnbd_predictions_cdnow)
{
	/* the BTYD example customer: x = 26, t_x = 30.86, T = 31, t = 52 weeks */
	const double x = 26.0, tx = 30.86, T = 31.0, x2[2] = { 26.0, 3.0 }, tx2[2] = { 30.86, 20.5 },
		     T2[2] = { 31.0, 20.5 };
	cxm_clv_fit_result fit = fit_with(CXM_CLV_PNBD, pnbd_tight, 4);
	double e[2] = { 0.0, 0.0 }, pa[2] = { 0.0, 0.0 }, u = 0.0;
	ck_assert_status(cxm_clv_expected_purchases(e, 2, &fit, 52.0, &x, 1, &tx, 1, &T, 1), CXM_OK);
	/* mpmath, with the tight optimum: 25.456546980638693 */
	assert_rel(e[0], 25.456546980638693, 1e-12);
	/* anchor: 25.45680049702658 (BTYD: 25.46). It was computed with
	 * lifetimes' own fitted parameters, not stated to full precision (the
	 * rounded r 0.5533, alpha 10.578, s 0.6062, beta 11.669 give 25.456608);
	 * E moves by at most ~0.26 times a parameter's relative change and those
	 * differ from the tight optimum by up to 8.6e-5, hence 2e-5 here. */
	assert_rel(e[0], 25.45680049702658, 2e-5);
	assert_rel(e[0], 25.46, 2e-4);
	/* anchor: P(alive) = 1 when t_x = T */
	ck_assert_status(cxm_clv_p_alive(pa, 2, &fit, x2, 2, tx2, 2, T2, 2), CXM_OK);
	assert_rel(pa[0], pnbd_ll[0][2][1], 1e-12); /* mpmath */
	ck_assert(pa[1] == 1.0);
	ck_assert_status(cxm_clv_unconditional_purchases(&u, &fit, 39.0), CXM_OK);
	assert_rel(u, pnbd_unconditional[1][2], 1e-14); /* mpmath */
}
END_TEST

/* ---- threads and large inputs ---------------------------------------------------- */

/* A deterministic synthetic summary: 70,000 customers (enough for two worker
 * threads and both pilot fits), x = 0 for about half, continuous t_x and T. */
#define BIG_N 70000
static double big_x[BIG_N], big_tx[BIG_N], big_T[BIG_N];

static void make_big(void)
{
	uint64_t s = 88172645463325252u;
	size_t i;
	for (i = 0; i < BIG_N; i++) {
		double u1, u2, u3;
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		u1 = (double)(s >> 11) * 0x1p-53;
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		u2 = (double)(s >> 11) * 0x1p-53;
		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		u3 = (double)(s >> 11) * 0x1p-53;
		big_T[i] = 1.0 + 51.0 * u1;
		big_x[i] = u2 < 0.5 ? 0.0 : floor(-log(2.0 * (1.0 - u2)) * 3.0); /* 0, 1, 2, ... */
		big_tx[i] = big_x[i] == 0.0 ? 0.0 : big_T[i] * u3;
	}
}

START_TEST(test_pnbd_threads)
{
	cxm__clv_data d1, d2;
	cxm_clv_fit_result r1 = CXM_CLV_FIT_RESULT_INIT, r2 = CXM_CLV_FIT_RESULT_INIT;
	cxm_clv_fit_opts *o1 = opts_with(1, 0), *o2 = opts_with(2, 0);
	double ll1, ll2, g1[4], g2[4];
	make_big();
	d1 = data_of(big_x, big_tx, big_T, NULL, BIG_N, 1);
	d2 = data_of(big_x, big_tx, big_T, NULL, BIG_N, 2);
	ck_assert_status(cxm__pnbd_ops.loglik(&ll1, g1, pnbd_tight, &d1), CXM_OK);
	ck_assert_status(cxm__pnbd_ops.loglik(&ll2, g2, pnbd_tight, &d2), CXM_OK);
	ck_assert(memcmp(&ll1, &ll2, sizeof ll1) == 0);
	ck_assert(memcmp(g1, g2, sizeof g1) == 0);
	ck_assert_status(cxm_clv_fit(&r1, CXM_CLV_PNBD, big_x, BIG_N, big_tx, BIG_N, big_T, BIG_N, NULL, 0, o1),
			 CXM_OK);
	ck_assert_status(cxm_clv_fit(&r2, CXM_CLV_PNBD, big_x, BIG_N, big_tx, BIG_N, big_T, BIG_N, NULL, 0, o2),
			 CXM_OK);
	cxm_clv_fit_opts_free(o1);
	cxm_clv_fit_opts_free(o2);
	ck_assert(r1.converged);
	ck_assert(memcmp(r1.params, r2.params, sizeof r1.params) == 0);
	ck_assert(memcmp(&r1.loglik, &r2.loglik, sizeof r1.loglik) == 0);
	ck_assert_uint_eq(r1.iterations, r2.iterations);
}
END_TEST

/* Fitting a summary pattern by pattern with weights is fitting it customer
 * by customer: the same log-likelihood for the same customers. */
START_TEST(test_pnbd_weights)
{
	const double x[3] = { 0.0, 2.0, 0.0 }, tx[3] = { 0.0, 30.43, 0.0 }, T[3] = { 38.86, 38.86, 38.86 };
	const double w[3] = { 2.0, 1.0, 0.0 };
	const double xs[3] = { 0.0, 0.0, 2.0 }, txs[3] = { 0.0, 0.0, 30.43 }, Ts[3] = { 38.86, 38.86, 38.86 };
	cxm__clv_data dw = data_of(x, tx, T, w, 3, 1), du = data_of(xs, txs, Ts, NULL, 3, 1);
	double lw, lu, gw[4], gu[4];
	size_t k;
	ck_assert_status(cxm__pnbd_ops.loglik(&lw, gw, pnbd_tight, &dw), CXM_OK);
	ck_assert_status(cxm__pnbd_ops.loglik(&lu, gu, pnbd_tight, &du), CXM_OK);
	/* mpmath: 2 x customer (0, 0, 38.86) + customer (2, 30.43, 38.86) */
	assert_rel(lw, 2.0 * pnbd_ll[0][0][0] + pnbd_ll[0][1][0], 1e-14);
	assert_rel(lu, lw, 1e-14);
	for (k = 0; k < 4; k++)
		assert_rel(gu[k], gw[k], 1e-13);
}
END_TEST

/* ---- out of memory ------------------------------------------------------------ */

START_TEST(test_pnbd_oom)
{
	cxm_clv_fit_result r = CXM_CLV_FIT_RESULT_INIT;
	long k;
	int rc;
	load_cdnow();
	for (k = 0;; k++) {
		oom_arm(k);
		rc = cxm_clv_fit(&r, CXM_CLV_PNBD, cd_x, 300, cd_tx, 300, cd_T, 300, NULL, 0, NULL);
		if (!oom_failed()) {
			ck_assert_status(rc, CXM_OK);
			oom_assert_no_leak(k);
			break;
		}
		oom_assert_enomem(rc, k);
		oom_assert_no_leak(k);
	}
	oom_disarm();
	ck_assert(r.converged);
}
END_TEST

static Suite *clvmodel_pnbd_suite(void)
{
	Suite *s = suite_create("clvmodel_pnbd");
	TCase *tc = tcase_create("hyp2f1");
	tcase_add_test(tc, test_hyp2f1_mpmath);
	tcase_add_test(tc, test_hyp2f1_edges);
	suite_add_tcase(s, tc);
	tc = tcase_create("pnbd");
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, test_pnbd_loglik_mpmath);
	tcase_add_test(tc, test_pnbd_p_alive_mpmath);
	tcase_add_test(tc, test_pnbd_expectations_mpmath);
	tcase_add_test(tc, test_pnbd_gradient);
	tcase_add_test(tc, test_pnbd_names);
	tcase_add_test(tc, test_pnbd_fit_cdnow);
	tcase_add_test(tc, test_pnbd_loglik_cdnow);
	tcase_add_test(tc, test_pnbd_predictions_cdnow);
	tcase_add_test(tc, test_pnbd_threads);
	tcase_add_test(tc, test_pnbd_weights);
	tcase_add_test(tc, test_pnbd_oom);
	suite_add_tcase(s, tc);
	return s;
}

CXM_TEST_MAIN(clvmodel_pnbd_suite)
