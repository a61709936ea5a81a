/*
 * bindings/core.i - the core SWIG interface of libcxmetrics (conventions C11).
 *
 * The language files (python/python.i, ruby/ruby.i) define their typemaps and
 * then %include this file, so that every rule below and every typemap applies
 * to the headers, which come last (api.i).
 *
 * The C API is wrapped as it is: one function of `native` per C function,
 * `cxm_` stripped (cxm_nps -> nps, CXM_NAN_OMIT -> NAN_OMIT). The idiomatic
 * packages on top (bindings/python/cxmetrics, bindings/ruby/lib) give them
 * keyword arguments, words for enumerations, and result objects.
 *
 * Nothing here names a function, except what is not wrapped. The headers'
 * conventions carry the rest:
 *  - every cxm_status is an exception (the language's CXM_RAISE);
 *  - arrays are (pointer, length) pairs; bindings/gen_swig.py applies the
 *    language's CXM_IN_<KIND> / CXM_OUT_<KIND> pair typemaps to each of them,
 *    and its CXM_OUT_<SCALAR> typemaps to the pointer-to-scalar outputs
 *    (cxmetrics_gen.i). A caller-sized output takes its length as an argument
 *    where the C function has it: native.clv_p_alive(n, fit, f, r, T);
 *  - `T *out` of a versioned result struct gives a new T object (CXM_RESULT);
 *  - `H **out` of an opaque handle gives a new H object, freed by the garbage
 *    collector through cxm_<h>_free (CXM_HANDLE);
 *  - every struct field is read-only.
 *
 * What a language file defines before %including this one:
 *  - the C macros CXM_APPEND(result, obj) (add an output to the return value)
 *    and CXM_NOMEM() (raise out of memory from a typemap);
 *  - %typemap(out) cxm_status (the status -> exception rule);
 *  - the pair typemaps CXM_IN_{DOUBLES,BYTES,UINTS,UINT32S,STRINGS},
 *    CXM_OUT_{DOUBLES,UINTS,SIZES,UINT32S,UCHARS,CHARS} and CXM_INOUT_DOUBLES, and the scalar outputs
 *    CXM_OUT_{DOUBLE,SIZE,INT,UINT,STRING,BORROWED} (see cxmetrics_gen.i);
 *  - a typemap for each progress pair: (cxm_clv_progress_fn fn, void *user)
 *    and (cxm_cluster_progress_fn fn, void *user).
 */
%module(package="cxmetrics") native

/* In the runtime section: before every language file's own C code. */
%runtime %{
#define CXM_EXPERIMENTAL
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"
#include "cxmetrics/experimental.h"
/* The length of a NUL-terminated text in a buffer of cap bytes (strnlen is POSIX, not C11). */
#define CXM_TEXT_LEN(s, cap) \
	(memchr((s), 0, (cap)) ? (size_t)((const char *)memchr((s), 0, (cap)) - (s)) : (size_t)(cap))
%}

%rename("%(strip:[cxm_])s") "";
%rename("%(strip:[CXM_])s", %$isconstant) "";
%rename("%(strip:[CXM_])s", %$isenumitem) "";

/* ---- not wrapped -------------------------------------------------------------
 * The allocator hook is process-global and takes C function pointers; the
 * bindings free library strings themselves (cxm_free); a FILE * has no
 * meaning in Python or Ruby (cxm_table_render gives the same text); the
 * borrowed column pointers are read through cxm_table_copy_* instead; the
 * choices of a word table reach the bindings in cxm_names_parse's errors.
 */
%ignore cxm_set_allocator;
%ignore cxm_allocator;
%ignore cxm_free;
%ignore CXM_E_LAST;
%ignore cxm_table_write;
%ignore cxm_table_numbers;
%ignore cxm_table_texts;
%ignore cxm_names_choices;
/* issue 10: the survey report's progress callback (C function pointer and
 * user pointer) has no trampoline in the bindings yet; the command line
 * calls it from C. */
%ignore cxm_survey_opts_set_progress;

/* ---- results: a versioned struct, returned as a new object ------------------- */
%define CXM_RESULT(TYPE, VERSION)
%typemap(in, numinputs=0) TYPE *out (TYPE temp) {
	memset(&temp, 0, sizeof temp);
	temp.version = VERSION;
	$1 = &temp;
}
%typemap(argout) TYPE *out {
	TYPE *copy_ = (TYPE *)malloc(sizeof(TYPE));
	if (!copy_)
		CXM_NOMEM();
	*copy_ = *$1;
	CXM_APPEND($result, SWIG_NewPointerObj(SWIG_as_voidptr(copy_), $descriptor(TYPE *), SWIG_POINTER_OWN));
}
%enddef

/* ---- opaque handles: new objects from `H **out`, freed by the collector ------ */
%define CXM_HANDLE(TYPE)
%nodefaultctor TYPE;
struct TYPE {};
%extend TYPE {
	~TYPE() { TYPE ## _free($self); }
}
%typemap(in, numinputs=0) TYPE **out (TYPE *temp = NULL) {
	$1 = &temp;
}
%typemap(argout) TYPE **out {
	if (*$1)
		CXM_APPEND($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $descriptor(TYPE *), SWIG_POINTER_OWN));
}
%enddef

CXM_HANDLE(cxm_score_acc)
CXM_HANDLE(cxm_rfm_rules)
CXM_HANDLE(cxm_segment_rules)
CXM_HANDLE(cxm_csv)
CXM_HANDLE(cxm_csv_spec)
CXM_HANDLE(cxm_table)
CXM_HANDLE(cxm_rfm_opts)
CXM_HANDLE(cxm_survey_opts)
CXM_HANDLE(cxm_txlog_opts)
CXM_HANDLE(cxm_survey_report)
CXM_HANDLE(cxm_clv_fit_opts)
CXM_HANDLE(cxm_cluster_opts)
CXM_HANDLE(cxm_cluster_model)
CXM_HANDLE(cxm_persona_names)
CXM_HANDLE(cxm_persona_rules)
CXM_HANDLE(cxm_persona_opts)
CXM_HANDLE(cxm_persona_set)
CXM_HANDLE(cxm_drivers_opts)
CXM_HANDLE(cxm_drivers_result)
CXM_HANDLE(cxm_themes)
CXM_HANDLE(cxm_events)
CXM_HANDLE(cxm_events_opts)
CXM_HANDLE(cxm_cohort_opts)
CXM_HANDLE(cxm_funnel_opts)
CXM_HANDLE(cxm_funnel)
CXM_HANDLE(cxm_touchpoint_opts)
%include "journey_tables.i" /* issue 13: the journey page's list of tables */

/* A fitted model's parameter arrays hold CXM_CLV_MAX_PARAMS entries, the
 * first n_params used: the language file gives `double params[ANY]` a getter. */
%immutable;
%include "cxmetrics_gen.i"
/* The one in/out array pair of the API, which no type tells from an output:
 * cxm_nmf_fit's factors, read when init_given is 1 (after the generated
 * output applications, cleared first: an output's argout would stay). */
%clear (double *w, size_t n_w), (double *h, size_t n_h);
%apply (double *CXM_INOUT_DOUBLES, size_t CXM_INOUT_N) { (double *w, size_t n_w), (double *h, size_t n_h) };
%include "api.i"
%mutable;
