/*
 * lib/rfm/scored.c - scoring options and the scored customer table (spec §7.7):
 * each dimension binned by one of four methods, the break points used
 * returned as a table, and each customer's segment named by the rules.
 */
#include <math.h>
#include <string.h>
#include <pthread.h>
#include <stdio.h>
#include "names.h"
#include "parallel.h"
#include "rfm_internal.h"
#include "io/io_internal.h"

static const cxm__word binning_words[] = {
	{ "quantile", CXM_RFM_BIN_QUANTILE }, { "rank", CXM_RFM_BIN_RANK },
	{ "fixed", CXM_RFM_BIN_FIXED }, { "jenks", CXM_RFM_BIN_JENKS }
};
const cxm__names cxm__rfm_binning_names = CXM__NAMES("binning", binning_words, 0);

#define MAX_BINS 9u
#define N_DIMS 3

struct cxm_rfm_opts {
	unsigned int bins;
	int binning, match;
	double breaks[N_DIMS][MAX_BINS - 1];
	size_t n_breaks[N_DIMS]; /* 0: not set */
};

static const char *const dim_names[N_DIMS] = { "recency", "frequency", "monetary" };
static const char *const dim_columns[N_DIMS] = { "recency_days", "transaction_count", "amount" };
static const char *const score_columns[N_DIMS] = { "recency_score", "frequency_score", "monetary_score" };

cxm_status cxm_rfm_opts_new(cxm_rfm_opts **out)
{
	cxm_rfm_opts *o;
	int rc;
	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if (!(o = cxm__calloc(1, sizeof *o)))
		return cxm__fail(CXM_ENOMEM, "cxm_rfm_opts_new: no memory for the options");
	o->bins = 0;   /* the rules' K */
	o->binning = CXM_RFM_BIN_QUANTILE;
	o->match = -1; /* the rules' match */
	*out = o;
	return CXM_OK;
}

void cxm_rfm_opts_free(cxm_rfm_opts *opts)
{
	cxm__free(opts);
}

cxm_status cxm_rfm_opts_set_bins(cxm_rfm_opts *opts, unsigned int bins)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0)
		return rc;
	if (bins < 2 || bins > MAX_BINS)
		return cxm__fail(CXM_EBAD_ARG, "bins = %u; it must be 2..%u (rfm_score reads as three digits)", bins,
				 MAX_BINS);
	opts->bins = bins;
	return CXM_OK;
}

cxm_status cxm_rfm_opts_set_binning(cxm_rfm_opts *opts, int binning)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__names_check(&cxm__rfm_binning_names, binning)) < 0)
		return rc;
	opts->binning = binning;
	return CXM_OK;
}

cxm_status cxm_rfm_opts_set_breaks(cxm_rfm_opts *opts, int dimension, const double *values, size_t n)
{
	size_t i;
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__check_array(values, n, "values")) < 0)
		return rc;
	if (dimension < 0 || dimension >= N_DIMS)
		return cxm__fail(CXM_EBAD_ARG, "dimension is %d; use CXM_RFM_RECENCY (0), CXM_RFM_FREQUENCY (1) or "
				 "CXM_RFM_MONETARY (2)", dimension);
	if (n == 0 || n > MAX_BINS - 1)
		return cxm__fail(CXM_EBAD_ARG, "%s breaks: %zu values; give 1..%u (2..%u bins)", dim_names[dimension], n,
				 MAX_BINS - 1, MAX_BINS);
	for (i = 0; i < n; i++)
		if (!isfinite(values[i]))
			return cxm__fail(CXM_EBAD_ARG, "%s breaks[%zu] = %.17g; break points must be finite",
					 dim_names[dimension], i, values[i]);
	memcpy(opts->breaks[dimension], values, n * sizeof *values);
	opts->n_breaks[dimension] = n;
	return CXM_OK;
}

cxm_status cxm_rfm_opts_set_match(cxm_rfm_opts *opts, int match)
{
	int rc;
	if ((rc = cxm__check_ptr(opts, "opts")) < 0 || (rc = cxm__names_check(&cxm__rfm_match_names, match)) < 0)
		return rc;
	opts->match = match;
	return CXM_OK;
}

/* A NUMBER column of t by name (BAD_ARG naming it and the table's columns). */
int cxm__rfm_number_column(const double **values, const cxm_table *t, const char *name, const char *table)
{
	size_t col;
	int type, rc;
	if ((rc = cxm_table_column_index(&col, t, name)) < 0)
		return rc;
	cxm_table_column_type(&type, t, col);
	if (type != CXM_TABLE_NUMBER)
		return cxm__fail(CXM_EBAD_ARG, "column '%s' of the %s table must be numbers", name, table);
	*values = cxm_table_numbers(t, col);
	return CXM_OK;
}

/* A TEXT column of t by name. */
int cxm__rfm_text_column(const char *const **texts, size_t *col, const cxm_table *t, const char *name,
			 const char *table)
{
	int type, rc;
	if ((rc = cxm_table_column_index(col, t, name)) < 0)
		return rc;
	cxm_table_column_type(&type, t, *col);
	if (type != CXM_TABLE_TEXT)
		return cxm__fail(CXM_EBAD_ARG, "column '%s' of the %s table must be texts", name, table);
	*texts = cxm_table_texts(t, *col);
	return CXM_OK;
}

/* Every column and attribute of src appended to dst (n rows). */
static int copy_table(cxm_table *dst, const cxm_table *src)
{
	size_t c, a, n = cxm_table_rows(src);
	int type, rc = CXM_OK;
	for (c = 0; c < cxm_table_column_count(src) && rc == CXM_OK; c++) {
		const char *name = cxm_table_column_name(src, c);
		cxm_table_column_type(&type, src, c);
		if (type == CXM_TABLE_TEXT)
			rc = cxm_table_add_texts(dst, name, cxm_table_texts(src, c), n);
		else if (type == CXM_TABLE_DAY)
			rc = cxm_table_add_days(dst, name, cxm_table_numbers(src, c), n);
		else
			rc = cxm_table_add_numbers(dst, name, cxm_table_numbers(src, c), n);
	}
	for (a = 0; a < cxm_table_attr_count(src) && rc == CXM_OK; a++)
		rc = cxm__table_copy_attr(dst, src, a);
	return rc;
}

/* The breaks rows of one dimension: score 1..K with its [lower, upper). */
typedef struct brk {
	double lower[MAX_BINS], upper[MAX_BINS];
	unsigned int k;
} brk;

/* Score one dimension by the chosen method. */
static int score_dim(unsigned int *scores, brk *b, const double *x, size_t n, int d, const cxm_rfm_opts *o)
{
	double breaks[MAX_BINS - 1], lower[MAX_BINS], upper[MAX_BINS];
	size_t nb, i;
	unsigned int k, s;
	int desc = d == CXM_RFM_RECENCY, rc;
	switch (o->binning) {
	case CXM_RFM_BIN_RANK:
		k = o->bins;
		if ((rc = cxm_rfm_rank_qcut(scores, n, x, n, k, desc)) < 0)
			return rc;
		for (s = 0; s < k; s++)
			b->lower[s] = b->upper[s] = NAN;
		for (i = 0; i < n; i++) {
			s = scores[i] - 1;
			if (!(x[i] >= b->lower[s]))
				b->lower[s] = x[i];
			if (!(x[i] <= b->upper[s]))
				b->upper[s] = x[i];
		}
		b->k = k;
		return CXM_OK;
	case CXM_RFM_BIN_FIXED:
		nb = o->n_breaks[d];
		if (nb == 0)
			return cxm__fail(CXM_EBAD_ARG, "binning = fixed needs the break points of %s "
					 "(cxm_rfm_opts_set_breaks)", dim_names[d]);
		memcpy(breaks, o->breaks[d], nb * sizeof *breaks);
		break;
	case CXM_RFM_BIN_JENKS:
		nb = o->bins - 1;
		if ((rc = cxm_rfm_jenks_breaks(breaks, nb, x, n)) < 0)
			return rc;
		break;
	default:
		nb = o->bins - 1;
		if ((rc = cxm_rfm_breaks(breaks, nb, x, n)) < 0)
			return rc;
		break;
	}
	k = (unsigned int)nb + 1;
	if ((rc = cxm_rfm_score(scores, n, lower, k, upper, k, x, n, breaks, nb, desc)) < 0)
		return rc;
	/* bin i (1-based) gets score i, or K + 1 - i for recency */
	for (i = 0; i < k; i++) {
		s = desc ? k - 1 - (unsigned int)i : (unsigned int)i;
		b->lower[s] = lower[i];
		b->upper[s] = upper[i];
	}
	b->k = k;
	return CXM_OK;
}

/* One dimension's scoring, on a thread of its own; the error, thread-local,
 * copied out for the caller to raise again. */
typedef struct dim_job {
	unsigned int *scores;
	brk *b;
	const double *x;
	size_t n;
	int d;
	const cxm_rfm_opts *o;
	int rc;
	char message[1024]; /* as long as the thread-local message (error.c) */
} dim_job;

static void *dim_thread(void *arg)
{
	dim_job *J = arg;
	if ((J->rc = score_dim(J->scores, J->b, J->x, J->n, J->d, J->o)) < 0)
		cxm__snprintf_c(J->message, sizeof J->message, "%s", cxm_error_last()->message);
	return NULL;
}

/* Customers from which monetary is scored on a second thread. */
#define DIMS_PARALLEL_MIN 65536

/* The three dimensions: monetary (the widest values, the most radix passes)
 * on a second thread when there are many customers and two threads may run,
 * recency and frequency here. Each is scored alone: the results are the same
 * either way. */
static int score_dims(unsigned int **sc, brk *b, const double **x, size_t n, const cxm_rfm_opts *o)
{
	dim_job m = { sc[2], &b[2], x[2], n, 2, o, CXM_OK, "" };
	pthread_t tid;
	int d, rc = CXM_OK, started = n >= DIMS_PARALLEL_MIN && cxm__default_threads() > 1 &&
					cxm__thread_start(&tid, dim_thread, &m);
	for (d = 0; d < N_DIMS - (started ? 1 : 0) && rc == CXM_OK; d++)
		if ((rc = score_dim(sc[d], &b[d], x[d], n, d, o)) < 0)
			cxm__error_context(dim_columns[d]); /* the scoring functions call it x */
	if (started) {
		pthread_join(tid, NULL);
		if (rc == CXM_OK && m.rc < 0) {
			/* "NOMEM: ...": raised again here without its prefix */
			const char *msg = strchr(m.message, ':');
			rc = cxm__fail(m.rc, "%s", msg ? msg + 2 : m.message);
			cxm__error_context(dim_columns[2]);
		}
	}
	return rc;
}

static int breaks_table(cxm_table **out, const brk *b)
{
	cxm_table *t = NULL;
	const char *dims[N_DIMS * MAX_BINS];
	double score[N_DIMS * MAX_BINS], lower[N_DIMS * MAX_BINS], upper[N_DIMS * MAX_BINS];
	size_t d, s, r = 0;
	int rc;
	for (d = 0; d < N_DIMS; d++) {
		for (s = 0; s < b[d].k; s++, r++) {
			dims[r] = dim_names[d];
			score[r] = (double)(s + 1);
			lower[r] = b[d].lower[s];
			upper[r] = b[d].upper[s];
		}
	}
	if ((rc = cxm_table_new(&t)) < 0)
		return rc;
	if ((rc = cxm_table_add_texts(t, "dimension", dims, r)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "score", score, r)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "lower", lower, r)) < 0 ||
	    (rc = cxm_table_add_numbers(t, "upper", upper, r)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "breaks")) < 0) {
		cxm_table_free(t);
		return rc;
	}
	*out = t;
	return CXM_OK;
}

/* The rules to use: the caller's, or the default built-in set (*owned). */
int cxm__rfm_rules_or_default(const cxm_rfm_rules **rules, cxm_rfm_rules **owned)
{
	int rc;
	*owned = NULL;
	if (*rules)
		return CXM_OK;
	if ((rc = cxm_rfm_rules_builtin(owned, CXM_RFM_RULES_DEFAULT)) < 0)
		return rc;
	*rules = *owned;
	return CXM_OK;
}

cxm_status cxm_rfm_score_customers(cxm_table **out, cxm_table **breaks, const cxm_table *customers,
			    const cxm_rfm_rules *rules, const cxm_rfm_opts *opts)
{
	static const cxm_rfm_opts defaults = { 0, CXM_RFM_BIN_QUANTILE, -1, { { 0 } }, { 0 } };
	cxm_rfm_opts eff;
	const double *x[N_DIMS];
	unsigned int *sc[N_DIMS] = { NULL, NULL, NULL };
	void *sc_block[N_DIMS] = { NULL, NULL, NULL }, *seg_block = NULL;
	double *col[N_DIMS + 1];
	size_t *seg = NULL, i, n, nr;
	const char **names = NULL;
	cxm_rfm_rules *owned = NULL;
	cxm_table *t = NULL, *bt = NULL;
	brk b[N_DIMS];
	int d, rc;

	if ((rc = cxm__check_ptr(out, "out")) < 0)
		return rc;
	*out = NULL;
	if (breaks)
		*breaks = NULL;
	if ((rc = cxm__check_ptr(customers, "customers")) < 0)
		return rc;
	if (!opts)
		opts = &defaults;
	for (d = 0; d < N_DIMS; d++)
		if ((rc = cxm__rfm_number_column(&x[d], customers, dim_columns[d], "customers")) < 0)
			return rc;
	n = cxm_table_rows(customers);
	if (n == 0)
		return cxm__fail(CXM_EEMPTY, "the customers table has no rows");
	if ((rc = cxm__rfm_rules_or_default(&rules, &owned)) < 0)
		return rc;
	/* bins and match not set: the rules' own (K of their JSON, 5 by default) */
	eff = *opts;
	if (eff.bins == 0) {
		unsigned int k = cxm_rfm_rules_scores(rules);
		eff.bins = k >= 2 && k <= MAX_BINS ? k : CXM_RFM_BINS_DEFAULT;
	}
	if (eff.match < 0)
		eff.match = cxm_rfm_rules_match(rules);
	opts = &eff;
	for (d = 0; d < N_DIMS; d++)
		if ((rc = cxm__alloc_big(&sc[d], &sc_block[d], n, sizeof *sc[d], "cxm_rfm_score_customers")) < 0)
			goto done;
	nr = cxm_rfm_rules_count(rules);
	if ((rc = cxm__alloc_big(&seg, &seg_block, n, sizeof *seg, "cxm_rfm_score_customers")) < 0 ||
	    (rc = cxm__alloc_array(&names, nr + 1, sizeof *names, "cxm_rfm_score_customers")) < 0)
		goto done;
	if ((rc = score_dims(sc, b, x, n, opts)) < 0)
		goto done;
	if ((rc = cxm_rfm_segment_many(seg, n, rules, sc[0], n, sc[1], n, sc[2], n, opts->match)) < 0)
		goto done;
	/* segment i of the rules, nr for none */
	for (i = 0; i < nr; i++)
		names[i] = cxm_rfm_rules_name(rules, i);
	names[nr] = CXM_RFM_NO_SEGMENT;
	if ((rc = cxm_table_new(&t)) < 0 || (rc = copy_table(t, customers)) < 0)
		goto done;
	for (d = 0; d <= N_DIMS; d++)
		if ((rc = cxm__table_add_column(&col[d], t, d < N_DIMS ? score_columns[d] : "rfm_score",
						 CXM_TABLE_NUMBER, n)) < 0)
			goto done;
	for (i = 0; i < n; i++) {
		for (d = 0; d < N_DIMS; d++)
			col[d][i] = (double)sc[d][i];
		col[N_DIMS][i] = 100.0 * sc[0][i] + 10.0 * sc[1][i] + sc[2][i];
	}
	if ((rc = cxm__table_add_coded(t, "segment", names, nr + 1, seg, n)) < 0 ||
	    (rc = cxm_table_set_attr_text(t, "binning", cxm__names_word(&cxm__rfm_binning_names, opts->binning))) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "recency_bins", b[0].k)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "frequency_bins", b[1].k)) < 0 ||
	    (rc = cxm_table_set_attr_number(t, "monetary_bins", b[2].k)) < 0 ||
	    (rc = cxm_table_set_row_name(t, "customers")) < 0)
		goto done;
	if (breaks && (rc = breaks_table(&bt, b)) < 0)
		goto done;
	*out = t;
	t = NULL;
	if (breaks)
		*breaks = bt;
	rc = CXM_OK;
done:
	cxm_table_free(t);
	cxm__free((void *)names);
	cxm__free_big(seg_block);
	for (d = 0; d < N_DIMS; d++)
		cxm__free_big(sc_block[d]);
	cxm_rfm_rules_free(owned);
	return rc;
}
