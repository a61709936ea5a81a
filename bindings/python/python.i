/*
 * bindings/python/python.i - the Python side of the SWIG binding (C11): the
 * typemaps the core interface asks for (../core.i), on numpy.i for arrays.
 *
 * Built with `swig -python -threads`: every C call runs without the GIL. The
 * typemaps touch Python only before or after the call (pitfall 18); the one
 * exception is the fit progress trampoline, which takes the GIL itself.
 * The idiomatic package (cxmetrics/__init__.py) sits on cxmetrics.native.
 */
%module(package="cxmetrics") native

%feature("autodoc", "2");

%{
#define SWIG_FILE_WITH_INIT
%}
%include "numpy.i"
%init %{
	import_array();
%}

/* ---- errors: one Python class per CXM_ERRORS row ------------------------------ */
%{
#define CXM_PY_MAX_ERRORS 64
static PyObject *cxm_py_error_base = NULL;
static PyObject *cxm_py_error_class[CXM_PY_MAX_ERRORS]; /* by -code */

/* Raise the class of `code` with this thread's last message. The GIL is
 * held: SWIG re-takes it, on the calling thread, before the out typemap. */
static void cxm_py_raise(int code)
{
	const cxm_error *e = cxm_error_last();
	const char *msg = e->code == code && e->message[0] ? e->message : cxm_error_describe(code);
	PyObject *cls = cxm_py_error_base, *text;
	if (code < 0 && -code < CXM_PY_MAX_ERRORS && cxm_py_error_class[-code])
		cls = cxm_py_error_class[-code];
	text = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
	if (!text)
		return;
	PyErr_SetObject(cls, text);
	Py_DECREF(text);
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

/* Error(RuntimeError) and a subclass per row (OutOfMemory is also a
 * MemoryError), on _native; native.py re-exports them (pitfall 4). */
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
#define CXM_PY_ERROR_ROW(name, value, cls_name, desc) \
	{ \
		PyObject *bases_ = strcmp(#name, "NOMEM") == 0 \
			? PyTuple_Pack(2, cxm_py_error_base, PyExc_MemoryError) \
			: PyTuple_Pack(1, cxm_py_error_base); \
		PyObject *code_ = PyLong_FromLong(value), *cls_ = NULL; \
		if (bases_ && code_) \
			cls_ = cxm_py_new_error(#cls_name, bases_, code_, #name, desc); \
		Py_XDECREF(bases_); \
		Py_XDECREF(code_); \
		if (!cls_ || -(value) >= CXM_PY_MAX_ERRORS || \
		    PyDict_SetItemString(d, #cls_name, cls_) < 0 || PyList_Append(all, cls_) < 0) \
			goto fail; \
		cxm_py_error_class[-(value)] = cls_; /* keeps the reference */ \
	}
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

#define CXM_APPEND(result, obj) ((result) = SWIG_Python_AppendOutput((result), (obj)))
#define CXM_NOMEM() do { PyErr_NoMemory(); SWIG_fail; } while (0)
%}
%init %{
	if (cxm_py_init_errors(d) < 0)
		return NULL;
%}

/* Status -> exception (C4): SWIG_fail still runs every freearg. An exception
 * already set wins: the one a progress callable raised, or Ctrl-C. */
%typemap(out) cxm_status %{
	if ($1 < 0) {
		if (!PyErr_Occurred())
			cxm_py_raise($1);
		SWIG_fail;
	}
	$result = SWIG_Py_Void();
%}

/* ---- arrays: numpy.i (float64 C-contiguous in place; the rest converted) ----- */
%numpy_typemaps(double, NPY_DOUBLE, size_t)
%numpy_typemaps(unsigned char, NPY_UBYTE, size_t)
%numpy_typemaps(unsigned int, NPY_UINT, size_t)
%numpy_typemaps(size_t, NPY_UINTP, size_t)
%apply (double *IN_ARRAY1, size_t DIM1) { (const double *CXM_IN_DOUBLES, size_t CXM_IN_N) };
%apply (unsigned char *IN_ARRAY1, size_t DIM1) { (const uint8_t *CXM_IN_BYTES, size_t CXM_IN_N) };
%apply (unsigned int *IN_ARRAY1, size_t DIM1) {
	(const unsigned int *CXM_IN_UINTS, size_t CXM_IN_N), (const uint32_t *CXM_IN_UINT32S, size_t CXM_IN_N)
};
/* Caller-sized outputs: the length is the argument, a new array the result. */
%apply (double *ARGOUT_ARRAY1, size_t DIM1) { (double *CXM_OUT_DOUBLES, size_t CXM_OUT_N) };
%apply (unsigned int *ARGOUT_ARRAY1, size_t DIM1) {
	(unsigned int *CXM_OUT_UINTS, size_t CXM_OUT_N), (uint32_t *CXM_OUT_UINT32S, size_t CXM_OUT_N)
};
%apply (size_t *ARGOUT_ARRAY1, size_t DIM1) { (size_t *CXM_OUT_SIZES, size_t CXM_OUT_N) };
%apply (unsigned char *ARGOUT_ARRAY1, size_t DIM1) { (unsigned char *CXM_OUT_UCHARS, size_t CXM_OUT_N) };
/* A text buffer of cap bytes (cxm_persona_names_draw): the capacity is the
 * argument, a str the result; capacity 0 passes NULL (not wanted) and gives None. */
%typemap(in) (char *CXM_OUT_CHARS, size_t CXM_OUT_N) (char *buf = NULL) {
	size_t n_ = PyLong_AsSize_t($input);
	if (n_ == (size_t)-1 && PyErr_Occurred())
		SWIG_fail;
	if (n_ && !(buf = (char *)calloc(n_, 1))) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	$1 = buf;
	$2 = n_;
}
%typemap(argout) (char *CXM_OUT_CHARS, size_t CXM_OUT_N) {
	PyObject *s_ = $1 ? PyUnicode_DecodeUTF8($1, (Py_ssize_t)CXM_TEXT_LEN($1, $2), "replace")
			  : (Py_INCREF(Py_None), Py_None);
	if (!s_)
		SWIG_fail;
	CXM_APPEND($result, s_);
}
%typemap(freearg) (char *CXM_OUT_CHARS, size_t CXM_OUT_N) {
	free(buf$argnum);
}
/* An array the function reads and writes (cxm_nmf_fit's starting factors):
 * a float64 C-contiguous numpy array, changed in place. */
%apply (double *INPLACE_ARRAY1, size_t DIM1) { (double *CXM_INOUT_DOUBLES, size_t CXM_INOUT_N) };
/* JSON text: a str (as UTF-8) or bytes. */
%apply (char *STRING, size_t LENGTH) { (const char *json, size_t len) };

/* Strings: any sequence of str (or bytes), as NUL-terminated UTF-8. The
 * items are held in a tuple of our own for the whole call, so the pointers
 * stay valid while the GIL is released, whatever other threads do. None is
 * a missing entry, a NULL pointer: the library says what that means (a
 * missing customer id, spec §16.3), never the text "None". */
%typemap(in) (const char *const *CXM_IN_STRINGS, size_t CXM_IN_N) (PyObject *seq = NULL, const char **ptrs = NULL)
{
	Py_ssize_t k_, i_;
	if (PyUnicode_Check($input) || PyBytes_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "$1_name must be a sequence of str, not a single string");
		SWIG_fail;
	}
	if (!(seq = PySequence_Tuple($input)))
		SWIG_fail;
	k_ = PyTuple_GET_SIZE(seq);
	if (!(ptrs = (const char **)malloc((size_t)(k_ ? k_ : 1) * sizeof *ptrs))) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i_ = 0; i_ < k_; i_++) {
		PyObject *item_ = PyTuple_GET_ITEM(seq, i_);
		const char *s_ = NULL;
		Py_ssize_t len_ = 0;
		if (item_ == Py_None) {
			ptrs[i_] = NULL;
			continue;
		}
		if (PyUnicode_Check(item_)) {
			if (!(s_ = PyUnicode_AsUTF8AndSize(item_, &len_)))
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
%typemap(freearg) (const char *const *CXM_IN_STRINGS, size_t CXM_IN_N) {
	free((void *)ptrs$argnum);
	Py_XDECREF(seq$argnum);
}

/* A one-character argument (the CSV delimiter): a str or bytes of exactly one
 * byte. Only the binding can tell that "ab" or "é" is no C char, so it says
 * so itself, as the InvalidArgument the C setters raise for a refused
 * character; which characters are allowed is theirs to check. */
%typemap(in) char delimiter {
	const char *s_ = NULL;
	Py_ssize_t len_ = 0;
	if (PyUnicode_Check($input)) {
		if (!(s_ = PyUnicode_AsUTF8AndSize($input, &len_)))
			SWIG_fail;
	} else if (PyBytes_Check($input)) {
		s_ = PyBytes_AS_STRING($input);
		len_ = PyBytes_GET_SIZE($input);
	} else {
		PyErr_Format(PyExc_TypeError, "$1_name must be a str of one character, not %.100s",
			     Py_TYPE($input)->tp_name);
		SWIG_fail;
	}
	if (len_ != 1) {
		PyErr_Format(cxm_py_error_class[-CXM_EBAD_ARG] ? cxm_py_error_class[-CXM_EBAD_ARG]
							       : PyExc_ValueError,
			     "BAD_ARG: $1_name must be one character (one byte), not %R", $input);
		SWIG_fail;
	}
	$1 = s_[0];
}

/* ---- scalar outputs ---------------------------------------------------------------
 * Zeroed before the call (typemaps.i's OUTPUT leaves them uninitialised): a
 * function need not write an output it does not have, such as the length of
 * the field cxm_csv_field does not return. */
%define CXM_PY_SCALAR(CTYPE, KIND, CONV)
%typemap(in, numinputs=0) CTYPE *CXM_OUT_ ## KIND (CTYPE temp) {
	memset(&temp, 0, sizeof temp);
	$1 = &temp;
}
%typemap(argout) CTYPE *CXM_OUT_ ## KIND {
	PyObject *o_ = CONV(*$1);
	if (!o_)
		SWIG_fail;
	CXM_APPEND($result, o_);
}
%enddef
CXM_PY_SCALAR(double, DOUBLE, PyFloat_FromDouble)
CXM_PY_SCALAR(size_t, SIZE, PyLong_FromSize_t)
CXM_PY_SCALAR(int, INT, PyLong_FromLong)
CXM_PY_SCALAR(unsigned int, UINT, PyLong_FromUnsignedLong)

/* Strings out: borrowed (a name in a table), or the library's (then cxm_free'd). */
%typemap(in, numinputs=0) const char **CXM_OUT_BORROWED (const char *temp = NULL), char **CXM_OUT_STRING (char *temp = NULL) {
	$1 = ($1_ltype)&temp; /* SWIG's ltype of `const char **` drops the const */
}
%typemap(argout) const char **CXM_OUT_BORROWED, char **CXM_OUT_STRING {
	PyObject *s_ = *$1 ? PyUnicode_DecodeUTF8(*$1, (Py_ssize_t)strlen(*$1), "replace")
			   : (Py_INCREF(Py_None), Py_None);
	if (!s_)
		SWIG_fail;
	CXM_APPEND($result, s_);
}
%typemap(freearg) char **CXM_OUT_STRING {
	cxm_free(*$1);
}
/* A borrowed string is not ours to free. Said explicitly: without it SWIG
 * finds the freearg of `char **out` for `const char **out` too (qualifiers
 * stripped in the search), and cxm_table_get_attr_text's text was freed
 * under the table. */
%typemap(freearg) const char **CXM_OUT_BORROWED ""

/* A fitted model's parameter arrays: a tuple of CXM_CLV_MAX_PARAMS floats. */
%typemap(out) double params[ANY], double se[ANY] {
	Py_ssize_t i_;
	if (!($result = PyTuple_New($1_dim0)))
		SWIG_fail;
	for (i_ = 0; i_ < $1_dim0; i_++)
		PyTuple_SET_ITEM($result, i_, PyFloat_FromDouble($1[i_]));
}

/* ---- fit progress: a callable, and Ctrl-C ------------------------------------------
 * cxm_clv_fit_opts_set_progress(opts, callable_or_None): the trampoline is
 * always installed, so that Ctrl-C stops any fit. The fit runs without the
 * GIL; after each iteration the trampoline takes it, calls the callable (a
 * true value stops the fit) and checks for signals. An exception is left set
 * and stops the fit; the status typemap then raises it instead of Cancelled.
 * The options object keeps a reference to the callable (an attribute of its
 * proxy: swig_obj[0] is the options argument of cxm_clv_fit_opts_set_progress). */
%{
static int cxm_py_progress(void *user, unsigned int iteration, double loglik, double gradient_norm)
{
	PyGILState_STATE st = PyGILState_Ensure();
	int stop = 0;
	if (user) {
		PyObject *r = PyObject_CallFunction((PyObject *)user, "Idd", iteration, loglik, gradient_norm);
		stop = r ? PyObject_IsTrue(r) : -1;
		Py_XDECREF(r);
	}
	if (stop == 0 && PyErr_CheckSignals() < 0)
		stop = -1;
	PyGILState_Release(st);
	return stop != 0;
}

static PyObject *cxm_py_progress_key(void)
{
	static PyObject *key = NULL;
	if (!key)
		key = PyUnicode_InternFromString("_progress");
	return key;
}
%}
%typemap(in, numinputs=1) (cxm_clv_progress_fn fn, void *user) {
	if ($input != Py_None && !PyCallable_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "progress must be None or a callable");
		SWIG_fail;
	}
	if (PyObject_GenericSetAttr(swig_obj[0], cxm_py_progress_key(), $input) < 0)
		SWIG_fail;
	$1 = cxm_py_progress;
	$2 = $input == Py_None ? NULL : (void *)$input;
}

/* Clustering progress (cxm_cluster_opts_set_progress): the same rules, the
 * callable called as callable(step, total, value) (value: the cost after
 * an iteration of a fit, NaN for a step of choose_k or stability). */
%{
static int cxm_py_cluster_progress(void *user, size_t step, size_t total, double value)
{
	PyGILState_STATE st = PyGILState_Ensure();
	int stop = 0;
	if (user) {
		PyObject *r = PyObject_CallFunction((PyObject *)user, "nnd", (Py_ssize_t)step, (Py_ssize_t)total, value);
		stop = r ? PyObject_IsTrue(r) : -1;
		Py_XDECREF(r);
	}
	if (stop == 0 && PyErr_CheckSignals() < 0)
		stop = -1;
	PyGILState_Release(st);
	return stop != 0;
}
%}
%typemap(in, numinputs=1) (cxm_cluster_progress_fn fn, void *user) {
	if ($input != Py_None && !PyCallable_Check($input)) {
		PyErr_SetString(PyExc_TypeError, "progress must be None or a callable");
		SWIG_fail;
	}
	if (PyObject_GenericSetAttr(swig_obj[0], cxm_py_progress_key(), $input) < 0)
		SWIG_fail;
	$1 = cxm_py_cluster_progress;
	$2 = $input == Py_None ? NULL : (void *)$input;
}

%include "../core.i"

%pythoncode %{
# Exception classes generated in C from CXM_ERRORS (they live on _native).
Error = _native.Error
for _cls in _native._error_classes:
    globals()[_cls.__name__] = _cls
error_classes = tuple(_native._error_classes)
del _cls
%}
