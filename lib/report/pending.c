/*
 * lib/report/pending.c - stand-ins (pending.h) until lib/stats and lib/io
 * give the design's functions. Formulas: statsmodels proportions_ztest
 * (pooled SE), scipy ttest_ind_from_stats(equal_var=False), R p.adjust.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "pending.h"
#include "dist.h"
#include "special.h"
#include "io/io_internal.h"

static double z_of(double conf)
{
	return cxm__norm_quantile(0.5 + conf / 2.0);
}

int cxm__pending_two_proportion_test(cxm__test_result *out, double x_a, double n_a, double x_b, double n_b,
				     double conf)
{
	double pa = x_a / n_a, pb = x_b / n_b, pp = (x_a + x_b) / (n_a + n_b);
	double se0 = sqrt(pp * (1.0 - pp) * (1.0 / n_a + 1.0 / n_b));
	double se = sqrt(pa * (1.0 - pa) / n_a + pb * (1.0 - pb) / n_b), z = z_of(conf);
	out->diff = 100.0 * (pa - pb);
	out->se = 100.0 * se;
	out->stat = se0 > 0 ? (pa - pb) / se0 : NAN;
	out->df = INFINITY;
	out->p_value = se0 > 0 ? 2.0 * cxm__norm_cdf(-fabs(out->stat)) : NAN;
	out->lower = out->diff - z * out->se;
	out->upper = out->diff + z * out->se;
	return CXM_OK;
}

/* Two-sided p of Student t with real df: I_{df/(df+t^2)}(df/2, 1/2). */
static double t_two_sided(double t, double df)
{
	return cxm__betainc(df / 2.0, 0.5, df / (df + t * t));
}

/* The t quantile for real df, by bisection on the two-sided p. */
static double t_quantile_real(double q, double df)
{
	double lo = 0.0, hi = 1.0, target = 2.0 * (1.0 - q);
	int i;
	while (t_two_sided(hi, df) > target)
		hi *= 2.0;
	for (i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
		double mid = 0.5 * (lo + hi);
		if (t_two_sided(mid, df) > target)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

int cxm__pending_welch_t_test(cxm__test_result *out, double mean_a, double sd_a, double n_a, double mean_b,
			      double sd_b, double n_b, double conf)
{
	double va = sd_a * sd_a / n_a, vb = sd_b * sd_b / n_b, tq;
	out->diff = mean_a - mean_b;
	out->se = sqrt(va + vb);
	out->df = (va + vb) * (va + vb) / (va * va / (n_a - 1.0) + vb * vb / (n_b - 1.0));
	if (!(out->se > 0) || !(n_a >= 2 && n_b >= 2)) {
		out->stat = out->p_value = out->lower = out->upper = NAN;
		return CXM_OK;
	}
	out->stat = out->diff / out->se;
	out->p_value = t_two_sided(out->stat, out->df);
	tq = t_quantile_real(0.5 + conf / 2.0, out->df);
	out->lower = out->diff - tq * out->se;
	out->upper = out->diff + tq * out->se;
	return CXM_OK;
}

int cxm__pending_mean_t_interval(cxm_interval *out, double mean, double sd, double n, double conf)
{
	double h;
	if (n < 2 || !isfinite(sd)) {
		out->lower = out->upper = NAN;
		return CXM_OK;
	}
	h = cxm__t_quantile(0.5 + conf / 2.0, (unsigned long)(n - 1.0)) * sd / sqrt(n);
	out->lower = mean - h;
	out->upper = mean + h;
	return CXM_OK;
}

typedef struct pv {
	double p;
	size_t i;
} pv;

static int by_p(const void *a, const void *b)
{
	const pv *x = a, *y = b;
	return x->p < y->p ? -1 : x->p > y->p ? 1 : (x->i > y->i) - (x->i < y->i);
}

int cxm__pending_p_adjust(double *out, size_t n_out, const double *p, size_t n, int method)
{
	pv *s;
	size_t m = 0, i;
	double run;
	(void)n_out;
	for (i = 0; i < n; i++)
		out[i] = p[i];
	if (method == 0)
		return CXM_OK;
	if (!(s = malloc((n ? n : 1) * sizeof *s)))
		return cxm__fail(CXM_ENOMEM, "p-value adjustment: out of memory");
	for (i = 0; i < n; i++)
		if (!isnan(p[i]))
			s[m++] = (pv){ p[i], i };
	qsort(s, m, sizeof *s, by_p);
	if (method == 1) { /* Holm: cummax of (m - k) p_(k), k from 0 */
		run = 0.0;
		for (i = 0; i < m; i++) {
			double v = (double)(m - i) * s[i].p;
			run = v > run ? v : run;
			out[s[i].i] = run < 1.0 ? run : 1.0;
		}
	} else { /* BH: cummin from the top of m / k p_(k) */
		run = 1.0;
		for (i = m; i-- > 0;) {
			double v = (double)m / (double)(i + 1) * s[i].p;
			run = v < run ? v : run;
			out[s[i].i] = run;
		}
	}
	free(s);
	return CXM_OK;
}

/* ---- timestamps ----------------------------------------------------------------- */

static int digits(const char *s, size_t n, long *v)
{
	size_t i;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int cxm__pending_timestamp_parse_n(const char *s, size_t len, double *seconds, int *is_date)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, mo, d, h = 0, mi = 0, sec = 0, oh, om;
	double frac = 0.0, off = 0.0;
	size_t p = 16;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) || s[7] != '-' ||
	    !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return 0;
	*is_date = len == 10;
	if (len == 10) {
		*seconds = 86400.0 * (double)cxm__days_from_civil(y, (int)mo, (int)d);
		return 1;
	}
	if (len < 16 || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2, &h) || s[13] != ':' ||
	    !digits(s + 14, 2, &mi) || h > 23 || mi > 59)
		return 0;
	if (p < len && s[p] == ':') {
		if (p + 3 > len || !digits(s + p + 1, 2, &sec) || sec > 59)
			return 0;
		p += 3;
		if (p < len && s[p] == '.') {
			double scale = 0.1;
			size_t q = ++p;
			while (p < len && s[p] >= '0' && s[p] <= '9') {
				frac += (s[p] - '0') * scale;
				scale /= 10.0;
				p++;
			}
			if (p == q)
				return 0;
		}
	}
	if (p == len)
		return 0; /* no UTC offset */
	if (s[p] == 'Z' && p + 1 == len) {
		off = 0.0;
	} else if (s[p] == '+' || s[p] == '-') {
		if (p + 6 == len && digits(s + p + 1, 2, &oh) && s[p + 3] == ':' && digits(s + p + 4, 2, &om)) {
		} else if (p + 5 == len && digits(s + p + 1, 2, &oh) && digits(s + p + 3, 2, &om)) {
		} else {
			return 0;
		}
		if (oh > 14 || om > 59)
			return 0;
		off = (s[p] == '-' ? -1.0 : 1.0) * (double)(oh * 3600 + om * 60);
	} else {
		return 0;
	}
	*seconds = 86400.0 * (double)cxm__days_from_civil(y, (int)mo, (int)d) + (double)(h * 3600 + mi * 60 + sec) +
		   frac - off;
	return 1;
}

/* y-m-d of a day number (Howard Hinnant's civil_from_days). */
static void civil(long z, long *y, int *m, int *d)
{
	long era, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

double cxm__pending_period_start(double day, int period)
{
	long z = (long)floor(day), y;
	int m, d;
	if (period == 0)
		return (double)z;
	if (period == 1) { /* ISO week: Monday; 1970-01-01 was a Thursday */
		long wd = ((z % 7) + 7 + 3) % 7; /* 0 = Monday */
		return (double)(z - wd);
	}
	civil(z, &y, &m, &d);
	if (period == 2)
		return (double)cxm__days_from_civil(y, m, 1);
	if (period == 3)
		return (double)cxm__days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
	return (double)cxm__days_from_civil(y, 1, 1);
}
