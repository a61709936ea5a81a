/*
 * bindings/cxmetrics.i - the core SWIG interface of libcxmetrics (conventions C11).
 *
 * Language-neutral: the module, the renames, the ignores, the opaque handles
 * as classes and a few allocating helpers. It holds no typemaps. Each language
 * file (bindings/python/cxmetrics.i, bindings/ruby/cxmetrics.i) defines its
 * typemaps first and then %includes this file, so the typemaps apply to every
 * declaration below.
 *
 * What a language file provides before %including this one:
 *  - %typemap(out) int: the status -> exception rule (every public function
 *    returning plain int returns a status, C4). Struct fields of type int
 *    (cxm_error.code, cxm_csat_result.threshold, cxm_nps_comparison.method,
 *    cxm_survey_ces_result.points, cxm_clv_fit_result.model and .converged)
 *    are plain integers and need the ordinary int typemap back.
 *  - the C macro CXM_SWIG_RAISE_LAST(), used by the handle constructors when
 *    the C _new/_open function failed (`result` is then NULL and
 *    cxm_error_last() says why). Without one, SWIG_exception(SWIG_RuntimeError,
 *    message) from exception.i is used.
 *  - the C macro CXM_SWIG_RAISE_MSG(code, msg): raise the error class of a
 *    CXM_E* code with a message of the binding's own (a closed CSV reader),
 *    from code that runs before the C call. Without one, a ValueError.
 *  - typemaps for the parameter patterns:
 *      (const double *<x>, size_t <n>)         input arrays (names as in the headers)
 *      (const uint8_t *scores, size_t n)        the *_u8 fast paths
 *      (const unsigned int *r, size_t n_r) ...  rfm_rules.segment_many
 *      (const char *const *user_ids, size_t n_ids), (... *customer_ids, ...)
 *      <result struct> *out                     a struct with version set, returned
 *      const cxm_clv_fit_result *fit, *gg, *sbg  a fit result passed back in
 *      double params[ANY], double se[ANY]       the fit result's parameter arrays
 *      double *out, size_t *out, double *day, int *major/*minor/*patch,
 *      int *has_row, size_t *index, int *model  scalar outputs
 *      const char **segment                     a borrowed string output
 *      char **out                               a string to free with cxm_free
 *      (T **out_x, size_t *n_out_x)             arrays malloc'd by the helpers
 *                                               below, owned by the caller (free())
 *
 * Names: cxm_ is stripped (cxm_nps -> nps, struct cxm_nps_result -> nps_result),
 * and CXM_ from constants and enum values (CXM_NAN_OMIT -> NAN_OMIT).
 */
%module(package="cxmetrics") native

%{
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
%}

%include <exception.i>

%{
#ifndef CXM_SWIG_RAISE_LAST
#define CXM_SWIG_RAISE_LAST() SWIG_exception(SWIG_RuntimeError, cxm_error_last()->message)
#endif
%}

/* SWIG's parser rejects GCC attributes (pitfall 5). */
#define CXM_API
#define CXM_BEGIN_DECL
#define CXM_END_DECL

%rename("%(strip:[cxm_])s") "";
%rename("%(strip:[CXM_])s", %$isconstant) "";
%rename("%(strip:[CXM_])s", %$isenumitem) "";

/* ---- not wrapped ----------------------------------------------------------- */
/* The allocator hook is process-global and takes C function pointers; cxm_free
 * is only for strings the bindings already free themselves. */
%ignore cxm_set_allocator;
%ignore cxm_allocator;
%ignore cxm_free;
%ignore CXM_E__LAST;
/* Its char * members cannot be set safely from a binding; the survey_report
 * constructor takes the options as arguments instead. */
%ignore cxm_survey_opts;
%ignore cxm_survey_opts_init;
%ignore cxm_survey_report_from_csv;
/* Likewise the CLV fit options: the fit helpers below take its fields as
 * arguments (cxm_swig_clv_fit*). */
%ignore cxm_clv_fit_opts;
%immutable cxm_error::code;
%immutable cxm_error::message;

/* ---- functions that become methods of a handle class ---------------------- */
%ignore cxm_score_acc_new;
%ignore cxm_score_acc_free;
%ignore cxm_score_acc_reset;
%ignore cxm_score_acc_add;
%ignore cxm_score_acc_add_u8;
%ignore cxm_score_acc_add_weighted;
%ignore cxm_score_acc_merge;
%ignore cxm_score_acc_n;
%ignore cxm_score_acc_count;
%ignore cxm_score_acc_nps;
%ignore cxm_score_acc_nps_weighted;
%ignore cxm_score_acc_csat;
%ignore cxm_score_acc_ces5;
%ignore cxm_score_acc_ces7;

%ignore cxm_rfm_rules_new;
%ignore cxm_rfm_rules_builtin;
%ignore cxm_rfm_rules_free;
%ignore cxm_rfm_rules_add;
%ignore cxm_rfm_rules_count;
%ignore cxm_rfm_rules_name;
%ignore cxm_rfm_segment;
%ignore cxm_rfm_segment_many;

%ignore cxm_rfm_customers_aggregate;
%ignore cxm_rfm_customers_free;
%ignore cxm_rfm_customers_count;
%ignore cxm_rfm_customers_id;
%ignore cxm_rfm_customers_columns;

%ignore cxm_csv_open;
%ignore cxm_csv_free;
%ignore cxm_csv_column_count;
%ignore cxm_csv_column_name;
%ignore cxm_csv_column_index;
%ignore cxm_csv_next;
%ignore cxm_csv_field;
%ignore cxm_csv_field_double;
%ignore cxm_csv_line;
%ignore cxm_csv_path;

%ignore cxm_clv_summary_from_transactions;
%ignore cxm_clv_summary_free;
%ignore cxm_clv_summary_count;
%ignore cxm_clv_summary_dropped;
%ignore cxm_clv_summary_id;
%ignore cxm_clv_summary_columns;
%ignore cxm_clv_summary_holdout_duration;

%ignore cxm_survey_report_free;
%ignore cxm_survey_report_rows;
%ignore cxm_survey_report_path;
%ignore cxm_survey_report_has;
%ignore cxm_survey_report_column;
%ignore cxm_survey_report_missing;
%ignore cxm_survey_report_nps;
%ignore cxm_survey_report_nps_interval;
%ignore cxm_survey_report_csat;
%ignore cxm_survey_report_ces;
%ignore cxm_survey_report_render;

/* ---- the public headers ---------------------------------------------------- */
%include <stdint.i>
%include "cxmetrics/common.h"
%include "cxmetrics/version.h"
%include "cxmetrics/errors.h"
%include "cxmetrics/stats.h"
%include "cxmetrics/scores.h"
%include "cxmetrics/times.h"
%include "cxmetrics/rates.h"
%include "cxmetrics/clv.h"
%include "cxmetrics/clvmodel.h"
%include "cxmetrics/rfm.h"
%include "cxmetrics/io.h"
%include "cxmetrics/report.h"

/* ---- opaque handles as classes (C1, C11) ------------------------------------
 * Constructors call cxm_<type>_new / _open, destructors cxm_<type>_free.
 * Methods without a body call cxm_<type>_<method>(self, ...). The C functions
 * that take out-parameters before the handle get a small body under another C
 * name (swig_<verb>), renamed to <verb> (pitfall 6: a body under the C name
 * would clash with the real function).
 */
%define CXM_SWIG_CTOR_CHECK(TYPE)
%exception TYPE::TYPE {
	$action
	if (!result) {
		CXM_SWIG_RAISE_LAST();
	}
}
%enddef

/* Scores: a mergeable accumulator for one integer rating scale. */
struct cxm_score_acc {};
%nodefaultctor cxm_score_acc;
CXM_SWIG_CTOR_CHECK(cxm_score_acc)
%extend cxm_score_acc {
	cxm_score_acc(int scale_lo, int scale_hi) {
		cxm_score_acc *acc = NULL;
		(void)cxm_score_acc_new(&acc, scale_lo, scale_hi);
		return acc;
	}
	~cxm_score_acc() { cxm_score_acc_free($self); }
	int reset();
	int add(const double *scores, size_t n, int nan_policy);
	int add_u8(const uint8_t *scores, size_t n);
	int add_weighted(const double *scores, size_t n_scores, const double *weights,
			 size_t n_weights, int nan_policy);
	int merge(const cxm_score_acc *other);
	size_t n() const;
	size_t count(int score) const;

	%rename(nps) swig_nps;
	int swig_nps(cxm_nps_result *out) const { return cxm_score_acc_nps(out, $self); }
	%rename(nps_weighted) swig_nps_weighted;
	int swig_nps_weighted(cxm_nps_weighted_result *out, double conf, double z) const {
		return cxm_score_acc_nps_weighted(out, $self, conf, z);
	}
	%rename(csat) swig_csat;
	int swig_csat(cxm_csat_result *out, int threshold, double conf, double z) const {
		return cxm_score_acc_csat(out, $self, threshold, conf, z);
	}
	%rename(ces5) swig_ces5;
	int swig_ces5(cxm_ces5_result *out) const { return cxm_score_acc_ces5(out, $self); }
	%rename(ces7) swig_ces7;
	int swig_ces7(cxm_ces7_result *out) const { return cxm_score_acc_ces7(out, $self); }
}

/* RFM: an ordered table of segment rules. builtin: NULL for an empty table,
 * else "r_02x", "vignette_11", "r_030" or "py_rfm". */
struct cxm_rfm_rules {};
%nodefaultctor cxm_rfm_rules;
CXM_SWIG_CTOR_CHECK(cxm_rfm_rules)
%extend cxm_rfm_rules {
	cxm_rfm_rules(const char *builtin) {
		cxm_rfm_rules *rules = NULL;
		if (builtin)
			(void)cxm_rfm_rules_builtin(&rules, builtin);
		else
			(void)cxm_rfm_rules_new(&rules);
		return rules;
	}
	~cxm_rfm_rules() { cxm_rfm_rules_free($self); }
	int add(const char *name, unsigned int r_lo, unsigned int r_hi, unsigned int f_lo,
		unsigned int f_hi, unsigned int m_lo, unsigned int m_hi);
	size_t count() const;
	const char *name(size_t i) const;

	%rename(segment) swig_segment;
	int swig_segment(const char **segment, unsigned int r, unsigned int f, unsigned int m,
			 int match) const {
		return cxm_rfm_segment(segment, $self, r, f, m, match);
	}
	/* Rule index per customer; count() means no segment. */
	%rename(segment_many) swig_segment_many;
	int swig_segment_many(size_t **out_index, size_t *n_out_index,
			      const unsigned int *r, size_t n_r, const unsigned int *f, size_t n_f,
			      const unsigned int *m, size_t n_m, int match) const {
		size_t cap = n_r ? n_r : 1;
		size_t *buf = (size_t *)malloc(cap * sizeof *buf);
		int rc;
		*out_index = NULL;
		*n_out_index = 0;
		if (!buf)
			return CXM_ENOMEM;
		rc = cxm_rfm_segment_many(buf, $self, r, n_r, f, n_f, m, n_m, match);
		if (rc < 0) {
			free(buf);
			return rc;
		}
		*out_index = buf;
		*n_out_index = n_r;
		return rc;
	}
}

/* RFM: per-customer recency, transaction count and amount from order rows. */
struct cxm_rfm_customers {};
%nodefaultctor cxm_rfm_customers;
CXM_SWIG_CTOR_CHECK(cxm_rfm_customers)
%extend cxm_rfm_customers {
	cxm_rfm_customers(const char *const *customer_ids, size_t n_ids, const double *order_days,
			  size_t n_days, const double *revenues, size_t n_revenues,
			  double analysis_day) {
		cxm_rfm_customers *c = NULL;
		(void)cxm_rfm_customers_aggregate(&c, customer_ids, n_ids, order_days, n_days,
						  revenues, n_revenues, analysis_day);
		return c;
	}
	~cxm_rfm_customers() { cxm_rfm_customers_free($self); }
	size_t count() const;
	const char *id(size_t i) const;

	%rename(columns) swig_columns;
	int swig_columns(double **out_recency_days, size_t *n_out_recency_days,
			 double **out_transaction_count, size_t *n_out_transaction_count,
			 double **out_amount, size_t *n_out_amount) const {
		size_t n = cxm_rfm_customers_count($self);
		size_t cap = n ? n : 1;
		double *r = (double *)malloc(cap * sizeof *r);
		double *t = (double *)malloc(cap * sizeof *t);
		double *a = (double *)malloc(cap * sizeof *a);
		int rc = (r && t && a) ? cxm_rfm_customers_columns($self, r, t, a, n) : CXM_ENOMEM;
		*out_recency_days = *out_transaction_count = *out_amount = NULL;
		*n_out_recency_days = *n_out_transaction_count = *n_out_amount = 0;
		if (rc < 0) {
			free(r);
			free(t);
			free(a);
			return rc;
		}
		*out_recency_days = r;
		*out_transaction_count = t;
		*out_amount = a;
		*n_out_recency_days = *n_out_transaction_count = *n_out_amount = n;
		return rc;
	}
}

/* IO: a streaming CSV reader. delimiter: ',' usually.
 * The class wraps a small binding struct rather than cxm_csv itself, so that
 * close() can free the reader (closing the file) before the garbage collector
 * frees the object: close sets csv to NULL, closed() says whether it is, and
 * every other method raises InvalidArgument (BAD_ARG) on a closed reader
 * through CXM_SWIG_CSV_OPEN below instead of passing NULL to the library. No
 * public C API is needed for this (cxm_csv_free is the close).
 * Thread safety as for cxm_csv: one thread at a time, close included.
 */
%{
#include <stdbool.h>
typedef struct cxm_swig_csv {
	cxm_csv *csv; /* NULL once closed */
} cxm_swig_csv;
%}
%{
#ifndef CXM_SWIG_RAISE_MSG
#define CXM_SWIG_RAISE_MSG(code, msg) SWIG_exception(SWIG_ValueError, msg)
#endif
%}
/* arg1 is SWIG's name for the object in every method wrapper. */
%define CXM_SWIG_CSV_OPEN(METHOD)
%exception cxm_swig_csv::METHOD {
	if (!arg1 || !arg1->csv) {
		CXM_SWIG_RAISE_MSG(CXM_EBAD_ARG, "the CSV reader is closed");
	}
	$action
}
%enddef
CXM_SWIG_CSV_OPEN(column_count)
CXM_SWIG_CSV_OPEN(column_name)
CXM_SWIG_CSV_OPEN(next)
CXM_SWIG_CSV_OPEN(line)
CXM_SWIG_CSV_OPEN(path)
CXM_SWIG_CSV_OPEN(swig_column_index)
CXM_SWIG_CSV_OPEN(swig_field)
CXM_SWIG_CSV_OPEN(swig_field_double)

%rename(csv) cxm_swig_csv;
struct cxm_swig_csv {};
%nodefaultctor cxm_swig_csv;
CXM_SWIG_CTOR_CHECK(cxm_swig_csv)
%extend cxm_swig_csv {
	cxm_swig_csv(const char *path, char delimiter) {
		cxm_swig_csv *h = (cxm_swig_csv *)malloc(sizeof *h);
		if (!h) {
			cxm_error_clear(); /* no library error: the constructor reports NOMEM */
			return NULL;
		}
		if (cxm_csv_open(&h->csv, path, delimiter) < 0) {
			free(h);
			return NULL;
		}
		return h;
	}
	~cxm_swig_csv() {
		cxm_csv_free($self->csv);
		free($self);
	}
	/* Close the file and free the reader; a no-op when already closed. */
	void close() {
		cxm_csv_free($self->csv);
		$self->csv = NULL;
	}
	bool closed() const { return $self->csv == NULL; }

	size_t column_count() const { return cxm_csv_column_count($self->csv); }
	const char *column_name(size_t i) const { return cxm_csv_column_name($self->csv, i); }
	int next(int *has_row) { return cxm_csv_next($self->csv, has_row); }
	size_t line() const { return cxm_csv_line($self->csv); }
	const char *path() const { return cxm_csv_path($self->csv); }

	%rename(column_index) swig_column_index;
	int swig_column_index(size_t *index, const char *name) const {
		return cxm_csv_column_index(index, $self->csv, name);
	}
	%rename(field) swig_field;
	const char *swig_field(size_t col) const { return cxm_csv_field($self->csv, col, NULL); }
	%rename(field_double) swig_field_double;
	int swig_field_double(double *out, size_t col) const {
		return cxm_csv_field_double(out, $self->csv, col);
	}
}

/* Report: NPS, CSAT and CES of the columns of a CSV file.
 * The arguments are the fields of cxm_survey_opts (defaults from
 * cxm_survey_opts_init; a NULL column is skipped). */
struct cxm_survey_report {};
%nodefaultctor cxm_survey_report;
CXM_SWIG_CTOR_CHECK(cxm_survey_report)
%extend cxm_survey_report {
	cxm_survey_report(const char *path, const char *nps_column, const char *csat_column,
			  const char *ces_column, int nps_scale, int csat_lo, int csat_hi,
			  int csat_threshold, int ces_points, int nan_policy, double conf,
			  char delimiter, unsigned int optional) {
		cxm_survey_report *report = NULL;
		cxm_survey_opts opts;
		if (cxm_survey_opts_init(&opts, CXM_SURVEY_OPTS_VERSION) < 0)
			return NULL;
		opts.nps_column = nps_column;
		opts.csat_column = csat_column;
		opts.ces_column = ces_column;
		opts.nps_scale = nps_scale;
		opts.csat_lo = csat_lo;
		opts.csat_hi = csat_hi;
		opts.csat_threshold = csat_threshold;
		opts.ces_points = ces_points;
		opts.nan_policy = nan_policy;
		opts.conf = conf;
		opts.delimiter = delimiter;
		opts.optional = optional;
		(void)cxm_survey_report_from_csv(&report, path, &opts);
		return report;
	}
	~cxm_survey_report() { cxm_survey_report_free($self); }
	size_t rows() const;
	const char *path() const;
	unsigned int has(int metric) const;
	const char *column(int metric) const;
	size_t missing(int metric) const;

	%rename(nps) swig_nps;
	int swig_nps(cxm_nps_result *out) const { return cxm_survey_report_nps(out, $self); }
	%rename(nps_interval) swig_nps_interval;
	int swig_nps_interval(cxm_nps_ci *out, int method) const {
		return cxm_survey_report_nps_interval(out, $self, method);
	}
	%rename(csat) swig_csat;
	int swig_csat(cxm_csat_result *out) const { return cxm_survey_report_csat(out, $self); }
	%rename(ces) swig_ces;
	int swig_ces(cxm_survey_ces_result *out) const { return cxm_survey_report_ces(out, $self); }
	%rename(render) swig_render;
	int swig_render(char **out, const char *format) const {
		return cxm_survey_report_render(out, $self, format);
	}
}

/* CLV: per-customer frequency, recency, T and mean repeat value from a
 * transaction log (period: a cxm_clv_period). An empty amounts array means
 * none (NULL, 0). */
struct cxm_clv_summary {};
%nodefaultctor cxm_clv_summary;
CXM_SWIG_CTOR_CHECK(cxm_clv_summary)
%extend cxm_clv_summary {
	cxm_clv_summary(const char *const *customer_ids, size_t n_ids, const double *days,
			size_t n_days, const double *amounts, size_t n_amounts,
			double calibration_end, double observation_end, int period) {
		cxm_clv_summary *s = NULL;
		(void)cxm_clv_summary_from_transactions(&s, customer_ids, n_ids, days, n_days,
							n_amounts ? amounts : NULL, n_amounts,
							calibration_end, observation_end, period);
		return s;
	}
	~cxm_clv_summary() { cxm_clv_summary_free($self); }
	size_t count() const;
	size_t dropped() const;
	const char *id(size_t i) const;
	double holdout_duration() const;

	/* The six columns, count() values each. */
	%rename(columns) swig_columns;
	int swig_columns(double **out_frequency, size_t *n_out_frequency,
			 double **out_recency, size_t *n_out_recency,
			 double **out_T, size_t *n_out_T,
			 double **out_monetary_value, size_t *n_out_monetary_value,
			 double **out_holdout_frequency, size_t *n_out_holdout_frequency,
			 double **out_holdout_monetary_value,
			 size_t *n_out_holdout_monetary_value) const {
		size_t n = cxm_clv_summary_count($self), k;
		double *col[6];
		int rc = CXM_OK;
		for (k = 0; k < 6; k++) {
			col[k] = (double *)malloc((n ? n : 1) * sizeof(double));
			if (!col[k])
				rc = CXM_ENOMEM;
		}
		if (rc == CXM_OK)
			rc = cxm_clv_summary_columns($self, col[0], col[1], col[2], col[3], col[4],
						     col[5], n);
		*out_frequency = *out_recency = *out_T = *out_monetary_value = NULL;
		*out_holdout_frequency = *out_holdout_monetary_value = NULL;
		*n_out_frequency = *n_out_recency = *n_out_T = *n_out_monetary_value = 0;
		*n_out_holdout_frequency = *n_out_holdout_monetary_value = 0;
		if (rc < 0) {
			for (k = 0; k < 6; k++)
				free(col[k]);
			return rc;
		}
		*out_frequency = col[0];
		*out_recency = col[1];
		*out_T = col[2];
		*out_monetary_value = col[3];
		*out_holdout_frequency = col[4];
		*out_holdout_monetary_value = col[5];
		*n_out_frequency = *n_out_recency = *n_out_T = *n_out_monetary_value = n;
		*n_out_holdout_frequency = *n_out_holdout_monetary_value = n;
		return rc;
	}
}

/* CLV fit results: params and se are arrays of CXM_CLV_MAX_PARAMS, of which
 * the first n_params are used; a language file gives them a getter. */
%immutable cxm_clv_fit_result::params;
%immutable cxm_clv_fit_result::se;

/* cxm_clv_fit_opts from its fields (the CLV fit helpers below). */
%{
static void cxm_swig_clv_opts(cxm_clv_fit_opts *o, double l2_penalty,
			      unsigned int max_iterations, double gradient_tol,
			      unsigned int threads, cxm_clv_progress_fn progress,
			      void *progress_user)
{
	cxm_clv_fit_opts init = CXM_CLV_FIT_OPTS_INIT;
	*o = init;
	o->l2_penalty = l2_penalty;
	o->max_iterations = max_iterations;
	o->gradient_tol = gradient_tol;
	o->threads = threads;
	o->progress = progress;
	o->progress_user = progress_user;
}
%}

/* ---- caller-sized outputs: allocating helpers -------------------------------
 * The C functions write into caller buffers whose sizes follow from other
 * arguments. These helpers size the buffers, call the C function and hand the
 * malloc'd arrays to the binding (free() them; NULL and 0 on failure).
 * Named cxm_swig_<function>; a language file may %rename them to the C names
 * and %ignore the raw functions.
 */
%inline %{
/* cxm_time_durations: at most n_created durations. */
int cxm_swig_time_durations(double **out_durations, size_t *n_out_durations,
			    const double *created, size_t n_created,
			    const double *responded, size_t n_responded, int nan_policy)
{
	size_t cap = n_created ? n_created : 1, n_out = 0;
	double *buf = (double *)malloc(cap * sizeof *buf);
	int rc;
	*out_durations = NULL;
	*n_out_durations = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_time_durations(buf, n_created, &n_out, created, n_created, responded,
				n_responded, nan_policy);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_durations = buf;
	*n_out_durations = n_out;
	return rc;
}

/* cxm_rfm_breaks: n_bins - 1 break points. */
int cxm_swig_rfm_breaks(double **out_breaks, size_t *n_out_breaks, const double *x, size_t n,
			unsigned int n_bins)
{
	size_t k = n_bins >= 2 ? (size_t)n_bins - 1 : 0;
	double *buf = (double *)malloc((k ? k : 1) * sizeof *buf);
	int rc;
	*out_breaks = NULL;
	*n_out_breaks = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_rfm_breaks(buf, x, n, n_bins);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_breaks = buf;
	*n_out_breaks = k;
	return rc;
}

/* cxm_rfm_score: n scores, n_breaks + 1 lower and upper bounds. */
int cxm_swig_rfm_score(unsigned int **out_scores, size_t *n_out_scores,
		       double **out_lower, size_t *n_out_lower,
		       double **out_upper, size_t *n_out_upper,
		       const double *x, size_t n, const double *breaks, size_t n_breaks,
		       int descending)
{
	size_t k = n_breaks + 1;
	unsigned int *s = (unsigned int *)malloc((n ? n : 1) * sizeof *s);
	double *lo = (double *)malloc(k * sizeof *lo);
	double *hi = (double *)malloc(k * sizeof *hi);
	int rc = (s && lo && hi) ? cxm_rfm_score(s, lo, hi, x, n, breaks, n_breaks, descending)
				 : CXM_ENOMEM;
	*out_scores = NULL;
	*out_lower = *out_upper = NULL;
	*n_out_scores = *n_out_lower = *n_out_upper = 0;
	if (rc < 0) {
		free(s);
		free(lo);
		free(hi);
		return rc;
	}
	*out_scores = s;
	*out_lower = lo;
	*out_upper = hi;
	*n_out_scores = n;
	*n_out_lower = *n_out_upper = k;
	return rc;
}

/* cxm_rfm_table: four columns of n_recency scores. */
int cxm_swig_rfm_table(unsigned int **out_recency_score, size_t *n_out_recency_score,
		       unsigned int **out_frequency_score, size_t *n_out_frequency_score,
		       unsigned int **out_monetary_score, size_t *n_out_monetary_score,
		       unsigned int **out_rfm_score, size_t *n_out_rfm_score,
		       const double *recency_days, size_t n_recency,
		       const double *frequency, size_t n_frequency,
		       const double *monetary, size_t n_monetary,
		       const double *recency_breaks, size_t n_recency_breaks,
		       const double *frequency_breaks, size_t n_frequency_breaks,
		       const double *monetary_breaks, size_t n_monetary_breaks)
{
	size_t cap = n_recency ? n_recency : 1;
	unsigned int *r = (unsigned int *)malloc(cap * sizeof *r);
	unsigned int *f = (unsigned int *)malloc(cap * sizeof *f);
	unsigned int *m = (unsigned int *)malloc(cap * sizeof *m);
	unsigned int *s = (unsigned int *)malloc(cap * sizeof *s);
	int rc = (r && f && m && s)
		? cxm_rfm_table(r, f, m, s, recency_days, n_recency, frequency, n_frequency,
				monetary, n_monetary, recency_breaks, n_recency_breaks,
				frequency_breaks, n_frequency_breaks, monetary_breaks,
				n_monetary_breaks)
		: CXM_ENOMEM;
	*out_recency_score = *out_frequency_score = *out_monetary_score = *out_rfm_score = NULL;
	*n_out_recency_score = *n_out_frequency_score = *n_out_monetary_score =
		*n_out_rfm_score = 0;
	if (rc < 0) {
		free(r);
		free(f);
		free(m);
		free(s);
		return rc;
	}
	*out_recency_score = r;
	*out_frequency_score = f;
	*out_monetary_score = m;
	*out_rfm_score = s;
	*n_out_recency_score = *n_out_frequency_score = *n_out_monetary_score =
		*n_out_rfm_score = n_recency;
	return rc;
}

/* cxm_rfm_rank_qcut: n scores. */
int cxm_swig_rfm_rank_qcut(unsigned int **out_scores, size_t *n_out_scores, const double *x,
			   size_t n, unsigned int n_bins, int descending)
{
	unsigned int *s = (unsigned int *)malloc((n ? n : 1) * sizeof *s);
	int rc;
	*out_scores = NULL;
	*n_out_scores = 0;
	if (!s)
		return CXM_ENOMEM;
	rc = cxm_rfm_rank_qcut(s, x, n, n_bins, descending);
	if (rc < 0) {
		free(s);
		return rc;
	}
	*out_scores = s;
	*n_out_scores = n;
	return rc;
}

/* ---- probabilistic CLV (clvmodel.h) ------------------------------------------
 * The fits take the fields of cxm_clv_fit_opts as arguments (0 = the
 * library's default for max_iterations, gradient_tol and threads); an empty
 * weights array means none (NULL, 0). Each language file gives the pair
 * (cxm_clv_progress_fn progress, void *progress_user) a typemap taking one
 * argument (a callable, a proc or nil/None) and a trampoline that calls it.
 */
int cxm_swig_clv_fit(cxm_clv_fit_result *out, int model, const double *frequency,
		     size_t n_frequency, const double *recency, size_t n_recency,
		     const double *T, size_t n_T, const double *weights, size_t n_weights,
		     double l2_penalty, unsigned int max_iterations, double gradient_tol,
		     unsigned int threads, cxm_clv_progress_fn progress, void *progress_user)
{
	cxm_clv_fit_opts o;
	cxm_swig_clv_opts(&o, l2_penalty, max_iterations, gradient_tol, threads, progress,
			  progress_user);
	return cxm_clv_fit(out, model, frequency, n_frequency, recency, n_recency, T, n_T,
			   n_weights ? weights : NULL, n_weights, &o);
}

int cxm_swig_clv_fit_gamma_gamma(cxm_clv_fit_result *out, const double *frequency,
				 size_t n_frequency, const double *monetary_value,
				 size_t n_monetary, double l2_penalty,
				 unsigned int max_iterations, double gradient_tol,
				 unsigned int threads, cxm_clv_progress_fn progress,
				 void *progress_user)
{
	cxm_clv_fit_opts o;
	cxm_swig_clv_opts(&o, l2_penalty, max_iterations, gradient_tol, threads, progress,
			  progress_user);
	return cxm_clv_fit_gamma_gamma(out, frequency, n_frequency, monetary_value, n_monetary,
				       &o);
}

int cxm_swig_clv_fit_bgbb(cxm_clv_fit_result *out, const double *frequency, size_t n_frequency,
			  const double *recency, size_t n_recency, const double *n_periods,
			  size_t n_n_periods, const double *weights, size_t n_weights,
			  double l2_penalty, unsigned int max_iterations, double gradient_tol,
			  unsigned int threads, cxm_clv_progress_fn progress, void *progress_user)
{
	cxm_clv_fit_opts o;
	cxm_swig_clv_opts(&o, l2_penalty, max_iterations, gradient_tol, threads, progress,
			  progress_user);
	return cxm_clv_fit_bgbb(out, frequency, n_frequency, recency, n_recency, n_periods,
				n_n_periods, n_weights ? weights : NULL, n_weights, &o);
}

int cxm_swig_clv_fit_sbg(cxm_clv_fit_result *out, const double *survivors, size_t n,
			 double l2_penalty, unsigned int max_iterations, double gradient_tol,
			 unsigned int threads, cxm_clv_progress_fn progress, void *progress_user)
{
	cxm_clv_fit_opts o;
	cxm_swig_clv_opts(&o, l2_penalty, max_iterations, gradient_tol, threads, progress,
			  progress_user);
	return cxm_clv_fit_sbg(out, survivors, n, &o);
}

/* A fit result from known parameters (a model fitted elsewhere, or published
 * values): se, loglik and gradient_norm NaN, not converged, no customers. An
 * unknown or unavailable model is reported by cxm_clv_param_name; a wrong
 * number of parameters is BAD_ARG. */
int cxm_swig_clv_fit_result_make(cxm_clv_fit_result *out, int model, const double *params,
				 size_t n_params)
{
	size_t i;
	if (!cxm_clv_param_name(model, 0))
		return cxm_error_last()->code < 0 ? cxm_error_last()->code : CXM_EBAD_ARG;
	if (n_params == 0 || n_params > CXM_CLV_MAX_PARAMS || !params ||
	    !cxm_clv_param_name(model, n_params - 1) || cxm_clv_param_name(model, n_params))
		return CXM_EBAD_ARG;
	out->model = model;
	out->n_params = n_params;
	for (i = 0; i < CXM_CLV_MAX_PARAMS; i++) {
		out->params[i] = i < n_params ? params[i] : 0.0;
		out->se[i] = i < n_params ? NAN : 0.0;
	}
	out->loglik = NAN;
	out->iterations = 0;
	out->converged = 0;
	out->gradient_norm = NAN;
	out->n_customers = 0;
	return CXM_OK;
}

/* cxm_clv_expected_purchases, cxm_clv_p_alive: one value per customer. */
int cxm_swig_clv_expected_purchases(double **out_values, size_t *n_out_values,
				    const cxm_clv_fit_result *fit, double t,
				    const double *frequency, size_t n_frequency,
				    const double *recency, size_t n_recency,
				    const double *T, size_t n_T)
{
	double *buf = (double *)malloc((n_frequency ? n_frequency : 1) * sizeof *buf);
	int rc;
	*out_values = NULL;
	*n_out_values = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_clv_expected_purchases(buf, n_frequency, fit, t, frequency, n_frequency,
					recency, n_recency, T, n_T);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_values = buf;
	*n_out_values = n_frequency;
	return rc;
}

int cxm_swig_clv_p_alive(double **out_values, size_t *n_out_values,
			 const cxm_clv_fit_result *fit, const double *frequency,
			 size_t n_frequency, const double *recency, size_t n_recency,
			 const double *T, size_t n_T)
{
	double *buf = (double *)malloc((n_frequency ? n_frequency : 1) * sizeof *buf);
	int rc;
	*out_values = NULL;
	*n_out_values = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_clv_p_alive(buf, n_frequency, fit, frequency, n_frequency, recency, n_recency,
			     T, n_T);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_values = buf;
	*n_out_values = n_frequency;
	return rc;
}

/* cxm_clv_expected_profit: one value per customer. */
int cxm_swig_clv_expected_profit(double **out_values, size_t *n_out_values,
				 const cxm_clv_fit_result *gg, const double *frequency,
				 size_t n_frequency, const double *monetary_value,
				 size_t n_monetary)
{
	double *buf = (double *)malloc((n_frequency ? n_frequency : 1) * sizeof *buf);
	int rc;
	*out_values = NULL;
	*n_out_values = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_clv_expected_profit(buf, n_frequency, gg, frequency, n_frequency,
				     monetary_value, n_monetary);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_values = buf;
	*n_out_values = n_frequency;
	return rc;
}

/* cxm_clv_discounted: one value per customer. */
int cxm_swig_clv_discounted(double **out_values, size_t *n_out_values,
			    const cxm_clv_fit_result *fit, const cxm_clv_fit_result *gg,
			    const double *frequency, size_t n_frequency,
			    const double *recency, size_t n_recency, const double *T, size_t n_T,
			    const double *monetary_value, size_t n_monetary, double months,
			    const double *discount, size_t n_discount, double periods_per_month)
{
	double *buf = (double *)malloc((n_frequency ? n_frequency : 1) * sizeof *buf);
	int rc;
	*out_values = NULL;
	*n_out_values = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_clv_discounted(buf, n_frequency, fit, gg, frequency, n_frequency, recency,
				n_recency, T, n_T, monetary_value, n_monetary, months, discount,
				n_discount, periods_per_month);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_values = buf;
	*n_out_values = n_frequency;
	return rc;
}

/* cxm_clv_sbg_curves: survival and retention for t = 1..n. */
int cxm_swig_clv_sbg_curves(double **out_survival, size_t *n_out_survival,
			    double **out_retention, size_t *n_out_retention, size_t n,
			    const cxm_clv_fit_result *sbg)
{
	double *s = (double *)malloc((n ? n : 1) * sizeof *s);
	double *r = (double *)malloc((n ? n : 1) * sizeof *r);
	int rc = (s && r) ? cxm_clv_sbg_curves(s, r, n, sbg) : CXM_ENOMEM;
	*out_survival = *out_retention = NULL;
	*n_out_survival = *n_out_retention = 0;
	if (rc < 0) {
		free(s);
		free(r);
		return rc;
	}
	*out_survival = s;
	*out_retention = r;
	*n_out_survival = *n_out_retention = n;
	return rc;
}

/* cxm_clv_calibration_table: max_frequency + 1 rows. */
int cxm_swig_clv_calibration_table(double **out_mean_predicted, size_t *n_out_mean_predicted,
				   double **out_mean_actual, size_t *n_out_mean_actual,
				   double **out_count, size_t *n_out_count, size_t max_frequency,
				   const double *frequency, size_t n_frequency,
				   const double *predicted, size_t n_predicted,
				   const double *actual, size_t n_actual)
{
	size_t k = max_frequency + 1;
	double *p = k ? (double *)malloc(k * sizeof *p) : NULL;
	double *a = k ? (double *)malloc(k * sizeof *a) : NULL;
	double *c = k ? (double *)malloc(k * sizeof *c) : NULL;
	/* k == 0 (max_frequency = SIZE_MAX): the library reports the NULL buffers */
	int rc = (k == 0 || (p && a && c)) ? cxm_clv_calibration_table(p, a, c, max_frequency, frequency,
							    n_frequency, predicted, n_predicted,
							    actual, n_actual)
			       : CXM_ENOMEM;
	*out_mean_predicted = *out_mean_actual = *out_count = NULL;
	*n_out_mean_predicted = *n_out_mean_actual = *n_out_count = 0;
	if (rc < 0) {
		free(p);
		free(a);
		free(c);
		return rc;
	}
	*out_mean_predicted = p;
	*out_mean_actual = a;
	*out_count = c;
	*n_out_mean_predicted = *n_out_mean_actual = *n_out_count = k;
	return rc;
}

/* cxm_clv_bgbb_pmf: n_periods + 1 probabilities (the library checks n_periods). */
int cxm_swig_clv_bgbb_pmf(double **out_values, size_t *n_out_values,
			  const cxm_clv_fit_result *fit, double n_periods)
{
	size_t cap = n_periods >= 0.0 && n_periods <= 1e6 && n_periods == floor(n_periods)
		? (size_t)n_periods + 1 : 1;
	double *buf = (double *)malloc(cap * sizeof *buf);
	int rc;
	*out_values = NULL;
	*n_out_values = 0;
	if (!buf)
		return CXM_ENOMEM;
	rc = cxm_clv_bgbb_pmf(buf, cap, fit, n_periods);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out_values = buf;
	*n_out_values = cap;
	return rc;
}
%}
