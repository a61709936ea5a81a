/*
 * lib/persona/pps.c - the Persona Perception Scale (Salminen et al. 2020)
 * scored per construct, Cronbach's (1951) alpha and Feldt's (1965)
 * interval of it (spec §15.10).
 *
 * An answer table has one NUMBER column per item, named by its construct's
 * word (the CXM_NAMES_PPS_CONSTRUCT table: "credibility", ...,
 * "willingness_to_use") and a suffix ("credibility_1", "empathy2"); a name
 * ending in "_r" is a reverse-keyed item, scored lo + hi - answer. Per
 * construct: the respondents who answered every item of it, the mean and
 * standard deviation of their construct means (each the mean of the
 * respondent's items), alpha over them and its 95% interval.
 *
 * Alpha = k / (k - 1) x (1 - sum of item variances / variance of the
 * respondents' sums), variances with n - 1 (Cronbach 1951); each
 * variance from its mean in two passes.
 */
#include <math.h>
#include <string.h>
#include "dist.h"
#include "internal.h"
#include "names.h"
#include "match_internal.h"
#include "persona_internal.h"

#define N_CONSTRUCTS 8

/* ---- Cronbach's alpha ------------------------------------------------------------------- */

/* alpha of x (rows x k, row-major, complete, finite) with rows >= 2, k >= 2;
 * NaN when the row sums do not vary. sums: rows scratch doubles. */
static double alpha_of(const double *x, size_t rows, size_t k, double *sums)
{
	double item_var = 0.0, mean = 0.0, ss = 0.0;
	size_t i, j;
	for (j = 0; j < k; j++) {
		double m = 0.0, s = 0.0;
		for (i = 0; i < rows; i++)
			m += x[i * k + j];
		m /= (double)rows;
		for (i = 0; i < rows; i++) {
			double d = x[i * k + j] - m;
			s += d * d;
		}
		item_var += s / (double)(rows - 1);
	}
	for (i = 0; i < rows; i++) {
		double s = 0.0;
		for (j = 0; j < k; j++)
			s += x[i * k + j];
		sums[i] = s;
		mean += s;
	}
	mean /= (double)rows;
	for (i = 0; i < rows; i++) {
		double d = sums[i] - mean;
		ss += d * d;
	}
	if (ss == 0.0)
		return NAN;
	return (double)k / (double)(k - 1) * (1.0 - item_var / (ss / (double)(rows - 1)));
}

cxm_status cxm_cronbach_alpha(double *out, const double *items, size_t n, size_t n_items)
{
	size_t rows, i, j;
	double *sums = NULL, a;
	int st;
	if ((st = cxm__check_ptr(out, "out")) < 0 || (st = cxm__check_array(items, n, "items")) < 0)
		return st;
	if (n_items < 2)
		return cxm__fail(CXM_EBAD_ARG, "n_items = %zu: alpha needs 2 or more items", n_items);
	if (n % n_items != 0)
		return cxm__fail(CXM_EBAD_ARG, "n = %zu values is not a multiple of n_items = %zu", n, n_items);
	rows = n / n_items;
	if (rows < 2)
		return cxm__fail(CXM_ETOO_FEW, "%zu respondent%s: alpha needs 2 or more", rows, rows == 1 ? "" : "s");
	for (i = 0; i < rows; i++)
		for (j = 0; j < n_items; j++) {
			double v = items[i * n_items + j];
			if (isnan(v))
				return cxm__fail(CXM_ENAN, "row %zu, item %zu is NaN (alpha needs complete rows)", i + 1,
						 j + 1);
			if (isinf(v))
				return cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, item %zu is %s", i + 1, j + 1,
						 v > 0 ? "inf" : "-inf");
		}
	if ((st = cxm__alloc_array(&sums, rows, sizeof *sums, "row sums")) < 0)
		return st;
	a = alpha_of(items, rows, n_items, sums);
	cxm__free(sums);
	if (isnan(a))
		return cxm__fail(CXM_EINCONSISTENT, "the %zu respondents' sums of the %zu items do not vary", rows,
				 n_items);
	*out = a;
	return CXM_OK;
}

void cxm__feldt_interval(double *lower, double *upper, double alpha, size_t n, size_t k, double conf)
{
	double d1, d2;
	if (isnan(alpha) || n < 2 || k < 2 || !(conf > 0.0 && conf < 1.0)) {
		*lower = *upper = NAN;
		return;
	}
	d1 = (double)(n - 1);
	d2 = d1 * (double)(k - 1);
	*lower = 1.0 - (1.0 - alpha) * cxm__f_quantile((1.0 + conf) / 2.0, d1, d2);
	*upper = 1.0 - (1.0 - alpha) * cxm__f_quantile((1.0 - conf) / 2.0, d1, d2);
}

/* ---- the Persona Perception Scale ----------------------------------------------------------- */

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The construct a column name is an item of, or -1; *reverse when it ends in "_r". */
static int item_construct(const char *name, int *reverse)
{
	int best = -1;
	size_t best_len = 0, len = strlen(name), c;
	for (c = 0; c < N_CONSTRUCTS; c++) {
		const char *w = cxm__names_word(&cxm__pps_construct_names, (int)c);
		size_t wl = strlen(w), i;
		char next;
		if (wl > len || wl <= best_len)
			continue;
		for (i = 0; i < wl; i++)
			if (lower_ascii((unsigned char)name[i]) != w[i])
				break;
		if (i < wl)
			continue;
		next = name[wl];
		/* the word ends there: the name is the word, or a separator or a digit follows */
		if (next == '\0' || next == '_' || next == '-' || next == ' ' || next == '.' || (next >= '0' && next <= '9')) {
			best = (int)c;
			best_len = wl;
		}
	}
	*reverse = len > best_len + 1 && len >= 2 && name[len - 2] == '_' && lower_ascii((unsigned char)name[len - 1]) == 'r';
	return best;
}

struct item {
	size_t col;
	int construct, reverse;
	const double *x;
};

cxm_status cxm_pps_score(cxm_table **out, cxm_table **respondents, const cxm_table *answers, int lo, int hi)
{
	struct item *items = NULL;
	size_t n_items = 0, rows, n_cols, c, i, j, k;
	size_t per[N_CONSTRUCTS] = { 0 };
	double *mat = NULL, *scratch = NULL, *resp = NULL;
	double r_items[N_CONSTRUCTS], r_resp[N_CONSTRUCTS], r_mean[N_CONSTRUCTS], r_sd[N_CONSTRUCTS];
	double r_alpha[N_CONSTRUCTS], r_lower[N_CONSTRUCTS], r_upper[N_CONSTRUCTS];
	const char *r_name[N_CONSTRUCTS];
	size_t n_out = 0;
	cxm_table *t = NULL, *rt = NULL;
	int st;

	if ((st = cxm__check_ptr(out, "out")) < 0)
		return st;
	*out = NULL;
	if (respondents)
		*respondents = NULL;
	if ((st = cxm__check_ptr(answers, "answers")) < 0)
		return st;
	if (lo >= hi)
		return cxm__fail(CXM_EBAD_ARG, "the scale %d..%d is empty: lo must be below hi", lo, hi);
	rows = cxm_table_rows(answers);
	n_cols = cxm_table_column_count(answers);
	if ((st = cxm__alloc_array(&items, n_cols ? n_cols : 1, sizeof *items, "PPS items")) < 0)
		return st;
	for (c = 0; c < n_cols; c++) {
		const char *name = cxm_table_column_name(answers, c);
		int reverse, con = item_construct(name, &reverse), type;
		if (con < 0)
			continue;
		if ((st = cxm_table_column_type(&type, answers, c)) < 0)
			goto done;
		if (type != CXM_TABLE_NUMBER) {
			st = cxm__fail(CXM_EBAD_ARG, "column '%s' (a %s item) is not NUMBER", name,
				       cxm__names_word(&cxm__pps_construct_names, con));
			goto done;
		}
		items[n_items].col = c;
		items[n_items].construct = con;
		items[n_items].reverse = reverse;
		items[n_items].x = cxm_table_numbers(answers, c);
		per[con]++;
		n_items++;
	}
	if (n_items == 0) {
		st = cxm__fail(CXM_EEMPTY, "no item column: item columns are named by a construct and a suffix "
					   "(credibility_1, consistency, completeness, clarity, likability, empathy, "
					   "similarity, willingness_to_use)");
		goto done;
	}
	if (rows == 0) {
		st = cxm__fail(CXM_EEMPTY, "the answer table has no rows");
		goto done;
	}
	/* every answer on the scale and whole */
	for (j = 0; j < n_items; j++)
		for (i = 0; i < rows; i++) {
			double v = items[j].x[i];
			if (isnan(v))
				continue;
			if (!(v >= (double)lo && v <= (double)hi)) {
				st = cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column '%s': %g is off the scale %d..%d",
					       i + 1, cxm_table_column_name(answers, items[j].col), v, lo, hi);
				goto done;
			}
			if (v != floor(v)) {
				st = cxm__fail(CXM_EOUT_OF_RANGE, "row %zu, column '%s': %.17g is not a whole answer",
					       i + 1, cxm_table_column_name(answers, items[j].col), v);
				goto done;
			}
		}
	if ((st = cxm__alloc_array(&mat, rows * n_items, sizeof *mat, "PPS answers")) < 0 ||
	    (st = cxm__alloc_array(&scratch, rows, sizeof *scratch, "PPS sums")) < 0 ||
	    (st = cxm__alloc_array(&resp, rows, sizeof *resp, "PPS respondents")) < 0)
		goto done;
	if (respondents && (st = cxm_table_new(&rt)) < 0)
		goto done;
	for (k = 0; k < N_CONSTRUCTS; k++) {
		size_t nk = per[k], complete = 0, r;
		double msum = 0.0;
		if (nk == 0)
			continue;
		/* the respondents' construct means: complete rows into mat, every row into resp */
		for (i = 0; i < rows; i++) {
			size_t answered = 0, col = 0;
			double s = 0.0;
			for (j = 0; j < n_items; j++) {
				double v;
				if (items[j].construct != (int)k)
					continue;
				v = items[j].x[i];
				if (!isnan(v)) {
					if (items[j].reverse)
						v = (double)lo + (double)hi - v;
					answered++;
					s += v;
				}
				mat[complete * nk + col++] = v;
			}
			resp[i] = answered ? s / (double)answered : NAN;
			if (answered == nk)
				complete++;
		}
		r_name[n_out] = cxm__names_word(&cxm__pps_construct_names, (int)k);
		r_items[n_out] = (double)nk;
		r_resp[n_out] = (double)complete;
		/* mean and sd of the complete respondents' construct means */
		for (r = 0; r < complete; r++) {
			double s = 0.0;
			for (j = 0; j < nk; j++)
				s += mat[r * nk + j];
			scratch[r] = s / (double)nk;
			msum += scratch[r];
		}
		r_mean[n_out] = complete ? msum / (double)complete : NAN;
		if (complete >= 2) {
			double ss = 0.0;
			for (r = 0; r < complete; r++) {
				double d = scratch[r] - r_mean[n_out];
				ss += d * d;
			}
			r_sd[n_out] = sqrt(ss / (double)(complete - 1));
		} else {
			r_sd[n_out] = NAN;
		}
		r_alpha[n_out] = nk >= 2 && complete >= 2 ? alpha_of(mat, complete, nk, scratch) : NAN;
		cxm__feldt_interval(&r_lower[n_out], &r_upper[n_out], r_alpha[n_out], complete, nk, 0.95);
		n_out++;
		if (rt && (st = cxm_table_add_numbers(rt, r_name[n_out - 1], resp, rows)) < 0)
			goto done;
	}
	if ((st = cxm_table_new(&t)) < 0 || (st = cxm_table_set_row_name(t, "constructs")) < 0 ||
	    (st = cxm_table_set_attr_number(t, "scale_lo", lo)) < 0 ||
	    (st = cxm_table_set_attr_number(t, "scale_hi", hi)) < 0 ||
	    (st = cxm_table_add_texts(t, "construct", r_name, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "items", r_items, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "respondents", r_resp, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "mean", r_mean, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "sd", r_sd, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "alpha", r_alpha, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "alpha_lower", r_lower, n_out)) < 0 ||
	    (st = cxm_table_add_numbers(t, "alpha_upper", r_upper, n_out)) < 0)
		goto done;
	if (rt && (st = cxm_table_set_row_name(rt, "respondents")) < 0)
		goto done;
	*out = t;
	t = NULL;
	if (respondents) {
		*respondents = rt;
		rt = NULL;
	}
done:
	cxm_table_free(t);
	cxm_table_free(rt);
	cxm__free(items);
	cxm__free(mat);
	cxm__free(scratch);
	cxm__free(resp);
	return st;
}
