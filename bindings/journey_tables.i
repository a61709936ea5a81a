/*
 * bindings/journey_tables.i - the one array of tables of the API: the
 * journey page's (const cxm_table *const *tables, size_t n_tables)
 * (cxm_journey_render_html, spec §26). gen_swig.py pairs arrays of numbers
 * and strings only; a list of table handles needs the handles' own type
 * check, so its typemaps are here, %included by core.i after the handles
 * (CXM_HANDLE(cxm_table)) and before the headers.
 *
 * Python: any sequence of native tables (cxmetrics.native.cxm_table), held
 * in a tuple of our own for the call (the GIL is released while it runs).
 * Ruby: an Array of native tables; the Array keeps them alive for the call.
 * Anything else in the list is a TypeError naming its place.
 */
#if defined(SWIGPYTHON)
%typemap(in) (const cxm_table *const *tables, size_t n_tables) (PyObject *seq = NULL, const cxm_table **ptrs = NULL) {
	Py_ssize_t k_, i_;
	if (!(seq = PySequence_Tuple($input)))
		SWIG_fail;
	k_ = PyTuple_GET_SIZE(seq);
	if (!(ptrs = (const cxm_table **)malloc((size_t)(k_ ? k_ : 1) * sizeof *ptrs))) {
		PyErr_NoMemory();
		SWIG_fail;
	}
	for (i_ = 0; i_ < k_; i_++) {
		void *p_ = NULL;
		if (!SWIG_IsOK(SWIG_ConvertPtr(PyTuple_GET_ITEM(seq, i_), &p_, $descriptor(cxm_table *), 0)) || !p_) {
			PyErr_Format(PyExc_TypeError, "tables[%zd] must be a native table, not %.100s", i_,
				     Py_TYPE(PyTuple_GET_ITEM(seq, i_))->tp_name);
			SWIG_fail;
		}
		ptrs[i_] = (const cxm_table *)p_;
	}
	$1 = ($1_ltype)ptrs;
	$2 = (size_t)k_;
}
%typemap(freearg) (const cxm_table *const *tables, size_t n_tables) {
	free((void *)ptrs$argnum);
	Py_XDECREF(seq$argnum);
}
#elif defined(SWIGRUBY)
%typemap(in) (const cxm_table *const *tables, size_t n_tables) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "tables");
	long i_, n_ = RARRAY_LEN(ary_);
	const cxm_table **ptrs_ = ALLOCV_N(const cxm_table *, store, n_ ? n_ : 1);
	for (i_ = 0; i_ < n_; i_++) {
		void *p_ = NULL;
		VALUE item_ = rb_ary_entry(ary_, i_);
		if (!SWIG_IsOK(SWIG_ConvertPtr(item_, &p_, $descriptor(cxm_table *), 0)) || !p_)
			rb_raise(rb_eTypeError, "tables[%ld] must be a native table, not %s", i_,
				 rb_obj_classname(item_));
		ptrs_[i_] = (const cxm_table *)p_;
	}
	$1 = ($1_ltype)ptrs_;
	$2 = (size_t)n_;
}
%typemap(freearg) (const cxm_table *const *tables, size_t n_tables) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}
#endif
