/*
 * bindings/python/cxmetrics.i - the Python side of the SWIG binding (C11).
 *
 * numpy.i typemaps for arrays, result structs returned as objects, status
 * codes raised as exceptions generated from CXM_ERRORS, then the core
 * interface (../cxmetrics.i). Built with `swig -python -threads`: every C call
 * runs without the GIL; all typemaps below touch Python only before or after
 * the call (pitfall 18), so none needs %nothreadallow.
 *
 * The idiomatic package (cxmetrics/__init__.py) sits on top of the module this
 * makes, cxmetrics.native.
 */
%module(package="cxmetrics") native

%feature("autodoc", "2");

%{
#define SWIG_FILE_WITH_INIT
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
%}

%include "numpy.i"
%init %{
	import_array();
%}

%numpy_typemaps(double, NPY_DOUBLE, size_t)
%numpy_typemaps(unsigned char, NPY_UBYTE, size_t)
%numpy_typemaps(unsigned int, NPY_UINT, size_t)
%numpy_typemaps(size_t, NPY_UINTP, size_t)

/* ---- errors: one Python class per CXM_ERRORS row --------------------------- */
%{
#define CXM_PY_MAX_ERRORS 64
static PyObject *cxm_py_error_base = NULL;
static PyObject *cxm_py_error_class[CXM_PY_MAX_ERRORS]; /* by -code */

/* Raise the class of `code` with this thread's last message (the GIL is held:
 * SWIG re-takes it before the out typemap runs, on the thread that made the
 * call, so cxm_error_last() is the call's own error). */
static void cxm_py_raise_msg(int code, const char *msg)
{
	PyObject *cls = cxm_py_error_base ? cxm_py_error_base : PyExc_RuntimeError;
	PyObject *text;
	if (code < 0 && -code < CXM_PY_MAX_ERRORS && cxm_py_error_class[-code])
		cls = cxm_py_error_class[-code];
	if (!msg || !msg[0])
		msg = cxm_error_describe(code);
	text = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
	if (!text)
		return;
	PyErr_SetObject(cls, text);
	Py_DECREF(text);
}

static void cxm_py_raise(int code)
{
	const cxm_error *e = cxm_error_last();
	cxm_py_raise_msg(code, (e && e->code == code) ? e->message : NULL);
}

static PyObject *cxm_py_new_error(const char *cls_name, PyObject *bases, PyObject *code,
				  const char *name, const char *desc)
{
	char full[128];
	PyObject *dict, *cls;
	snprintf(full, sizeof full, "cxmetrics.%s", cls_name);
	dict = Py_BuildValue("{s:O,s:z,s:s}", "code", code, "name", name, "description", desc);
	if (!dict)
		return NULL;
	cls = PyErr_NewExceptionWithDoc(full, desc, bases, dict);
	Py_DECREF(dict);
	return cls;
}

static int cxm_py_add_error(PyObject *d, PyObject *all, const char *name, int value,
			    const char *cls_name, const char *desc)
{
	PyObject *bases, *code, *cls;
	if (value >= 0 || -value >= CXM_PY_MAX_ERRORS) {
		PyErr_Format(PyExc_ImportError, "cxmetrics: error code %d out of range", value);
		return -1;
	}
	if (strcmp(name, "NOMEM") == 0)
		bases = PyTuple_Pack(2, cxm_py_error_base, PyExc_MemoryError);
	else
		bases = PyTuple_Pack(1, cxm_py_error_base);
	code = PyLong_FromLong(value);
	cls = (bases && code) ? cxm_py_new_error(cls_name, bases, code, name, desc) : NULL;
	Py_XDECREF(bases);
	Py_XDECREF(code);
	if (!cls)
		return -1;
	cxm_py_error_class[-value] = cls; /* keeps the reference */
	if (PyDict_SetItemString(d, cls_name, cls) < 0 || PyList_Append(all, cls) < 0)
		return -1;
	return 0;
}

/* Error(RuntimeError) and its subclasses, on _native (pitfall 4: native.py
 * re-exports them). */
static int cxm_py_init_errors(PyObject *d)
{
	PyObject *all = PyList_New(0), *tuple;
	if (!all)
		return -1;
	cxm_py_error_base = cxm_py_new_error("Error", PyExc_RuntimeError, Py_None, NULL,
					     "Base class of every libcxmetrics error; `code` is the "
					     "negative C status, `name` its symbolic name.");
	if (!cxm_py_error_base || PyDict_SetItemString(d, "Error", cxm_py_error_base) < 0)
		goto fail;
#define CXM_PY_ERROR_ROW(name, value, cls, desc) \
	if (cxm_py_add_error(d, all, #name, value, #cls, desc) < 0) \
		goto fail;
	CXM_ERRORS(CXM_PY_ERROR_ROW)
#undef CXM_PY_ERROR_ROW
	tuple = PyList_AsTuple(all);
	if (!tuple || PyDict_SetItemString(d, "_error_classes", tuple) < 0) {
		Py_XDECREF(tuple);
		goto fail;
	}
	Py_DECREF(tuple);
	Py_DECREF(all);
	return 0;
fail:
	Py_DECREF(all);
	return -1;
}

/* Where the binding itself refuses a call (a closed reader; the GIL is held:
 * the core's check runs before the call). */
#define CXM_SWIG_RAISE_MSG(code, msg) \
	do { \
		cxm_py_raise_msg((code), (msg)); \
		SWIG_fail; \
	} while (0)

/* Constructors of the handle classes (core CXM_SWIG_CTOR_CHECK). */
#define CXM_SWIG_RAISE_LAST() \
	do { \
		int cxm_code_ = cxm_error_last()->code; \
		cxm_py_raise(cxm_code_ < 0 ? cxm_code_ : CXM_ENOMEM); \
		SWIG_fail; \
	} while (0)
%}

%init %{
	if (cxm_py_init_errors(d) < 0)
		return NULL;
%}

/* Status -> exception (C4, C11): SWIG_fail still runs every freearg. */
%typemap(out) int %{
	if ($1 < 0) {
		cxm_py_raise($1);
		SWIG_fail;
	}
	$result = SWIG_Py_Void();
%}
/* ... but int struct fields are plain integers. */
%typemap(out) int code, int threshold, int method, int points, int nps_scale, int csat_lo,
	int csat_hi, int csat_threshold, int ces_points, int nan_policy, int model, int converged
	"$result = PyLong_FromLong((long)($1));"

/* ---- CLV fit progress: a callable, and Ctrl-C --------------------------------
 * The fits take one argument for the pair (progress, progress_user): None or
 * a callable(iteration, loglik, gradient_norm). The trampoline is always
 * installed: the fit runs without the GIL (swig -threads), so after every
 * iteration it takes the GIL, calls the callable if any, and runs
 * PyErr_CheckSignals() so that Ctrl-C stops a long fit. An exception (from
 * the callable or a signal handler, e.g. KeyboardInterrupt) is kept and the
 * fit stopped; freearg, which runs after the out typemap has set Cancelled,
 * puts the kept exception back in its place, so the caller sees the original.
 * A callable returning a true value stops the fit: Cancelled. */
%{
struct cxm_py_progress {
	PyObject *fn; /* borrowed (the argument), or NULL */
	PyObject *exc_type, *exc_value, *exc_tb;
};

static int cxm_py_progress_cb(void *user, unsigned int iteration, double loglik,
			      double gradient_norm)
{
	struct cxm_py_progress *p = (struct cxm_py_progress *)user;
	PyGILState_STATE st = PyGILState_Ensure();
	int stop = 0;
	if (p->fn) {
		PyObject *r = PyObject_CallFunction(p->fn, "Idd", iteration, loglik, gradient_norm);
		if (r) {
			stop = PyObject_IsTrue(r);
			Py_DECREF(r);
		} else {
			stop = -1;
		}
	}
	if (stop == 0 && PyErr_CheckSignals() < 0)
		stop = -1;
	if (stop < 0)
		PyErr_Fetch(&p->exc_type, &p->exc_value, &p->exc_tb);
	PyGILState_Release(st);
	return stop != 0;
}
%}

%typemap(in, numinputs=1) (cxm_clv_progress_fn progress, void *progress_user)
	(struct cxm_py_progress progress_state) {
	memset(&progress_state, 0, sizeof progress_state);
	if ($input != Py_None) {
		if (!PyCallable_Check($input)) {
			PyErr_SetString(PyExc_TypeError, "progress must be None or a callable");
			SWIG_fail;
		}
		progress_state.fn = $input;
	}
	$1 = cxm_py_progress_cb;
	$2 = &progress_state;
}
%typemap(freearg) (cxm_clv_progress_fn progress, void *progress_user) {
	struct cxm_py_progress *p_ = (struct cxm_py_progress *)$2;
	if (p_ && p_->exc_type) {
		PyErr_Restore(p_->exc_type, p_->exc_value, p_->exc_tb); /* replaces Cancelled */
		p_->exc_type = p_->exc_value = p_->exc_tb = NULL;
	}
}

/* ---- results: a struct with its version set, returned as an object --------- */
%define CXM_PY_RESULT(TYPE, VERSION)
%typemap(in, numinputs=0) TYPE *out (TYPE temp) {
	memset(&temp, 0, sizeof temp);
	temp.version = VERSION;
	$1 = &temp;
}
%typemap(argout) TYPE *out {
	TYPE *copy_ = (TYPE *)malloc(sizeof(TYPE));
	if (!copy_) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	*copy_ = *$1;
	$result = SWIG_Python_AppendOutput($result,
		SWIG_NewPointerObj(SWIG_as_voidptr(copy_), $descriptor(TYPE *), SWIG_POINTER_OWN));
}
%enddef

CXM_PY_RESULT(cxm_interval, CXM_INTERVAL_VERSION)
CXM_PY_RESULT(cxm_nps_result, CXM_NPS_RESULT_VERSION)
CXM_PY_RESULT(cxm_nps_ci, CXM_NPS_CI_VERSION)
CXM_PY_RESULT(cxm_nps_t_ci, CXM_NPS_T_CI_VERSION)
CXM_PY_RESULT(cxm_nps_comparison, CXM_NPS_COMPARISON_VERSION)
CXM_PY_RESULT(cxm_nps_weighted_result, CXM_NPS_WEIGHTED_RESULT_VERSION)
CXM_PY_RESULT(cxm_csat_result, CXM_CSAT_RESULT_VERSION)
CXM_PY_RESULT(cxm_ces5_result, CXM_CES5_RESULT_VERSION)
CXM_PY_RESULT(cxm_ces7_result, CXM_CES7_RESULT_VERSION)
CXM_PY_RESULT(cxm_time_summary, CXM_TIME_SUMMARY_VERSION)
CXM_PY_RESULT(cxm_repeat_purchase, CXM_REPEAT_PURCHASE_VERSION)
CXM_PY_RESULT(cxm_bounce, CXM_BOUNCE_VERSION)
CXM_PY_RESULT(cxm_task_success, CXM_TASK_SUCCESS_VERSION)
CXM_PY_RESULT(cxm_clv_totals, CXM_CLV_TOTALS_VERSION)
CXM_PY_RESULT(cxm_survey_ces_result, CXM_SURVEY_CES_RESULT_VERSION)
CXM_PY_RESULT(cxm_clv_fit_result, CXM_CLV_FIT_RESULT_VERSION)
CXM_PY_RESULT(cxm_clv_holdout_errors, CXM_CLV_HOLDOUT_ERRORS_VERSION)

/* The fit result's parameter arrays: a tuple of CXM_CLV_MAX_PARAMS floats
 * (the first n_params are used). */
%typemap(out) double params[ANY], double se[ANY] {
	Py_ssize_t i_;
	$result = PyTuple_New($1_dim0);
	if (!$result)
		SWIG_fail;
	for (i_ = 0; i_ < $1_dim0; i_++) {
		PyObject *v_ = PyFloat_FromDouble($1[i_]);
		if (!v_) {
			Py_DECREF($result);
			$result = NULL;
			SWIG_fail;
		}
		PyTuple_SET_ITEM($result, i_, v_);
	}
}

/* ---- scalar outputs --------------------------------------------------------- */
%include <typemaps.i>
%apply double *OUTPUT { double *out, double *day };
%apply size_t *OUTPUT { size_t *out, size_t *index };
%apply int *OUTPUT { int *major, int *minor, int *patch, int *has_row, int *model };

/* A borrowed string (rule name or "Others"). */
%typemap(in, numinputs=0) const char **segment (const char *temp = NULL) {
	$1 = ($1_ltype)&temp;
}
%typemap(argout) const char **segment {
	PyObject *s_;
	if (*$1) {
		s_ = PyUnicode_DecodeUTF8(*$1, (Py_ssize_t)strlen(*$1), "replace");
		if (!s_)
			SWIG_fail;
	} else {
		s_ = Py_None;
		Py_INCREF(s_);
	}
	$result = SWIG_Python_AppendOutput($result, s_);
}

/* A string the library allocated: copied into a str, then cxm_free'd. */
%typemap(in, numinputs=0) char **out (char *temp = NULL) {
	$1 = &temp;
}
%typemap(argout) char **out {
	PyObject *s_ = *$1 ? PyUnicode_DecodeUTF8(*$1, (Py_ssize_t)strlen(*$1), "replace")
			   : (Py_INCREF(Py_None), Py_None);
	if (!s_)
		SWIG_fail;
	$result = SWIG_Python_AppendOutput($result, s_);
}
%typemap(freearg) char **out {
	cxm_free(*$1);
}

/* ---- input arrays: float64 C-contiguous is used in place, the rest converted */
%apply (double *IN_ARRAY1, size_t DIM1) {
	(const double *scores, size_t n),
	(const double *scores, size_t n_scores),
	(const double *weights, size_t n_weights),
	(const double *weights, size_t n),
	(const double *x, size_t n),
	(const double *durations, size_t n),
	(const double *created, size_t n_created),
	(const double *responded, size_t n_responded),
	(const double *orders_per_customer, size_t n),
	(const double *pageviews_per_session, size_t n),
	(const double *outcomes, size_t n),
	(const double *timestamps, size_t n_timestamps),
	(const double *recency_days, size_t n_recency),
	(const double *frequency, size_t n_frequency),
	(const double *monetary, size_t n_monetary),
	(const double *recency_breaks, size_t n_recency_breaks),
	(const double *frequency_breaks, size_t n_frequency_breaks),
	(const double *monetary_breaks, size_t n_monetary_breaks),
	(const double *breaks, size_t n_breaks),
	(const double *order_days, size_t n_days),
	(const double *revenues, size_t n_revenues),
	(const double *days, size_t n_days),
	(const double *amounts, size_t n_amounts),
	(const double *recency, size_t n_recency),
	(const double *T, size_t n_T),
	(const double *monetary_value, size_t n_monetary),
	(const double *n_periods, size_t n_n_periods),
	(const double *survivors, size_t n),
	(const double *predicted, size_t n_predicted),
	(const double *actual, size_t n_actual),
	(const double *discount, size_t n_discount),
	(const double *params, size_t n_params)
};
%apply (unsigned char *IN_ARRAY1, size_t DIM1) { (const uint8_t *scores, size_t n) };
/* JSON text (cxm_clv_fit_result_from_json): a str (as UTF-8) or bytes. */
%apply (char *STRING, size_t LENGTH) { (const char *json, size_t len) };
%apply (unsigned int *IN_ARRAY1, size_t DIM1) {
	(const unsigned int *r, size_t n_r),
	(const unsigned int *f, size_t n_f),
	(const unsigned int *m, size_t n_m)
};

/* ---- output arrays malloc'd by the core helpers: numpy owns and frees them -- */
%apply (double **ARGOUTVIEWM_ARRAY1, size_t *DIM1) {
	(double **out_durations, size_t *n_out_durations),
	(double **out_breaks, size_t *n_out_breaks),
	(double **out_lower, size_t *n_out_lower),
	(double **out_upper, size_t *n_out_upper),
	(double **out_recency_days, size_t *n_out_recency_days),
	(double **out_transaction_count, size_t *n_out_transaction_count),
	(double **out_amount, size_t *n_out_amount),
	(double **out_values, size_t *n_out_values),
	(double **out_frequency, size_t *n_out_frequency),
	(double **out_recency, size_t *n_out_recency),
	(double **out_T, size_t *n_out_T),
	(double **out_monetary_value, size_t *n_out_monetary_value),
	(double **out_holdout_frequency, size_t *n_out_holdout_frequency),
	(double **out_holdout_monetary_value, size_t *n_out_holdout_monetary_value),
	(double **out_survival, size_t *n_out_survival),
	(double **out_retention, size_t *n_out_retention),
	(double **out_mean_predicted, size_t *n_out_mean_predicted),
	(double **out_mean_actual, size_t *n_out_mean_actual),
	(double **out_count, size_t *n_out_count)
};
%apply (unsigned int **ARGOUTVIEWM_ARRAY1, size_t *DIM1) {
	(unsigned int **out_scores, size_t *n_out_scores),
	(unsigned int **out_recency_score, size_t *n_out_recency_score),
	(unsigned int **out_frequency_score, size_t *n_out_frequency_score),
	(unsigned int **out_monetary_score, size_t *n_out_monetary_score),
	(unsigned int **out_rfm_score, size_t *n_out_rfm_score)
};
%apply (size_t **ARGOUTVIEWM_ARRAY1, size_t *DIM1) { (size_t **out_index, size_t *n_out_index) };

/* ---- ids: any sequence of str (or bytes), as NUL-terminated UTF-8 -----------
 * The items are held in a tuple of our own for the whole call, so the
 * pointers stay valid while the GIL is released even if the caller's list is
 * changed by another thread. */
%typemap(in) (const char *const *user_ids, size_t n_ids)
	(PyObject *seq = NULL, const char **ptrs = NULL)
{
	Py_ssize_t k_, i_;
	if (PyUnicode_Check($input) || PyBytes_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "$1_name must be a sequence of str, not a single string");
		SWIG_fail;
	}
	seq = PySequence_Tuple($input);
	if (!seq)
		SWIG_fail;
	k_ = PyTuple_GET_SIZE(seq);
	ptrs = (const char **)malloc((size_t)(k_ ? k_ : 1) * sizeof *ptrs);
	if (!ptrs) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i_ = 0; i_ < k_; i_++) {
		PyObject *item_ = PyTuple_GET_ITEM(seq, i_);
		const char *s_;
		Py_ssize_t len_;
		if (PyUnicode_Check(item_)) {
			s_ = PyUnicode_AsUTF8AndSize(item_, &len_);
			if (!s_)
				SWIG_fail;
		} else if (PyBytes_Check(item_)) {
			s_ = PyBytes_AS_STRING(item_);
			len_ = PyBytes_GET_SIZE(item_);
		} else {
			PyErr_Format(PyExc_TypeError, "$1_name[%zd] must be str, not %.100s", i_,
				     Py_TYPE(item_)->tp_name);
			SWIG_fail;
		}
		if ((size_t)len_ != strlen(s_)) {
			PyErr_Format(PyExc_ValueError, "$1_name[%zd] contains a NUL character", i_);
			SWIG_fail;
		}
		ptrs[i_] = s_;
	}
	$1 = ($1_ltype)ptrs;
	$2 = (size_t)k_;
}
%typemap(freearg) (const char *const *user_ids, size_t n_ids) {
	free((void *)ptrs$argnum);
	Py_XDECREF(seq$argnum);
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING_ARRAY) (const char *const *user_ids, size_t n_ids) {
	$1 = PySequence_Check($input) && !PyUnicode_Check($input) && !PyBytes_Check($input);
}
%apply (const char *const *user_ids, size_t n_ids) { (const char *const *customer_ids, size_t n_ids) };

/* ---- the raw caller-buffer functions are replaced by the core's allocating
 * helpers under the C names ------------------------------------------------- */
%ignore cxm_time_durations;
%ignore cxm_rfm_breaks;
%ignore cxm_rfm_score;
%ignore cxm_rfm_table;
%ignore cxm_rfm_rank_qcut;
%rename(time_durations) cxm_swig_time_durations;
%rename(rfm_breaks) cxm_swig_rfm_breaks;
%rename(rfm_score) cxm_swig_rfm_score;
%rename(rfm_table) cxm_swig_rfm_table;
%rename(rfm_rank_qcut) cxm_swig_rfm_rank_qcut;
/* CLV: the fits take the option fields as arguments (l2_penalty,
 * max_iterations, gradient_tol, threads; 0 = default). */
%ignore cxm_clv_fit;
%ignore cxm_clv_fit_gamma_gamma;
%ignore cxm_clv_fit_bgbb;
%ignore cxm_clv_fit_sbg;
%ignore cxm_clv_expected_purchases;
%ignore cxm_clv_p_alive;
%ignore cxm_clv_expected_profit;
%ignore cxm_clv_discounted;
%ignore cxm_clv_sbg_curves;
%ignore cxm_clv_calibration_table;
%ignore cxm_clv_bgbb_pmf;
%rename(clv_fit) cxm_swig_clv_fit;
%rename(clv_fit_gamma_gamma) cxm_swig_clv_fit_gamma_gamma;
%rename(clv_fit_bgbb) cxm_swig_clv_fit_bgbb;
%rename(clv_fit_sbg) cxm_swig_clv_fit_sbg;
%rename(clv_fit_result_make) cxm_swig_clv_fit_result_make;
%rename(clv_expected_purchases) cxm_swig_clv_expected_purchases;
%rename(clv_p_alive) cxm_swig_clv_p_alive;
%rename(clv_expected_profit) cxm_swig_clv_expected_profit;
%rename(clv_discounted) cxm_swig_clv_discounted;
%rename(clv_sbg_curves) cxm_swig_clv_sbg_curves;
%rename(clv_calibration_table) cxm_swig_clv_calibration_table;
%rename(clv_bgbb_pmf) cxm_swig_clv_bgbb_pmf;

%include "../cxmetrics.i"

%pythoncode %{
# Exception classes generated in C from CXM_ERRORS (they live on _native).
Error = _native.Error
for _cls in _native._error_classes:
    globals()[_cls.__name__] = _cls
error_classes = tuple(_native._error_classes)
del _cls
%}
