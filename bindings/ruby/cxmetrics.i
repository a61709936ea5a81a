/*
 * bindings/ruby/cxmetrics.i - the Ruby half of the SWIG binding (conventions C11).
 *
 * Built with `swig -ruby -prefix cxmetrics::` into Cxmetrics::Native (Init_native,
 * file cxmetrics/native.so, pitfall 9). This file holds only Ruby typemaps and
 * glue; the declarations come from the core interface ../cxmetrics.i, %included
 * at the end so that every typemap below applies to it.
 *
 * What the typemaps do:
 *  - int returns are statuses (C4): `ret` (emitted after freearg, pitfall 10)
 *    raises the Cxmetrics::Error subclass of the code with the C message, else
 *    returns the outputs (nil, one value, or an Array of them). The classes
 *    are generated at Init time from CXM_ERRORS.
 *  - input arrays (Array of numbers; nil means NaN) are copied into ALLOCV
 *    buffers, which the GC reclaims if a conversion raises; byte arrays take a
 *    String (its bytes) or an Array of Integer 0..255; string arrays take an
 *    Array of String. Everything is copied while the GVL is held, so the C call
 *    itself reads only C memory.
 *  - result structs (`T *out`) are created with their version set and come back
 *    as a Hash {field: value} (sd NaN -> nil); the Ruby layer wraps the Hash in
 *    a value object. Native::RESULT_FIELDS lists the fields of each struct.
 *  - arrays allocated by the core's helpers ((T **out_x, size_t *n_out_x)) come
 *    back as Arrays and are free()d in freearg.
 *  - long calls run without the GVL: see "GVL" below.
 */

/* ---- C support code (header section, before the core's own blocks) ------- */
%{
#include <ruby/thread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cxmetrics.h"

/* ---- errors ----------------------------------------------------------------
 * Cxmetrics::Error < StandardError and one subclass per row of CXM_ERRORS,
 * indexed by -code. Filled in by %init below.
 */
#define CXM_RB_MAX_CODE 63
static VALUE cxm_rb_eError = Qnil;
static VALUE cxm_rb_error_classes[CXM_RB_MAX_CODE + 1];

static VALUE cxm_rb_error_class(int code)
{
	if (code < 0 && -code <= CXM_RB_MAX_CODE && cxm_rb_error_classes[-code])
		return cxm_rb_error_classes[-code];
	return cxm_rb_eError;
}

/* Raise the class of `code` with `message` (copied before raising). */
static void cxm_rb_raise_msg(int code, const char *message)
{
	VALUE exc = rb_exc_new_cstr(cxm_rb_error_class(code),
				    message && *message ? message : cxm_error_describe(code));
	rb_ivar_set(exc, rb_intern("@code"), INT2NUM(code));
	rb_ivar_set(exc, rb_intern("@name"), rb_str_new_cstr(cxm_error_name(code)));
	rb_exc_raise(exc);
}

/* Raise for a negative status with this thread's last error message. */
static void cxm_rb_raise(int code)
{
	const cxm_error *e = cxm_error_last();
	cxm_rb_raise_msg(code, e->code == code ? e->message : NULL);
}

/* Used by the core's handle constructors when cxm_<type>_new/_open failed
 * (after resuming a jump parked during a GVL-free call, see below). */
#define CXM_SWIG_RAISE_LAST() \
	do { \
		cxm_rb_resume_pending(); \
		cxm_rb_raise(cxm_error_last()->code < 0 ? cxm_error_last()->code : CXM_ENOMEM); \
	} while (0)

/* Used by the core where the binding itself refuses a call (a closed reader). */
#define CXM_SWIG_RAISE_MSG(code, msg) cxm_rb_raise_msg((code), (msg))

static VALUE cxm_rb_error_code(VALUE self)
{
	VALUE v = rb_attr_get(self, rb_intern("@code"));
	VALUE klass = rb_obj_class(self);
	if (NIL_P(v) && rb_const_defined(klass, rb_intern("CODE")))
		v = rb_const_get(klass, rb_intern("CODE"));
	return v;
}

static VALUE cxm_rb_error_name(VALUE self)
{
	VALUE v = rb_attr_get(self, rb_intern("@name"));
	VALUE klass = rb_obj_class(self);
	if (NIL_P(v) && rb_const_defined(klass, rb_intern("NAME")))
		v = rb_const_get(klass, rb_intern("NAME"));
	return v;
}

/* ---- GVL ----------------------------------------------------------------------
 * The C functions that take arrays are pure: they never call back into Ruby
 * and allocate with the system allocator (pitfall 17). Their calls are
 * redirected below, by function-like macros, to cxm_rb_nogvl_<function>,
 * which packs the arguments and runs the real function through
 * rb_thread_call_without_gvl once the inputs are big enough to be worth it
 * (cxm_rb_work, the element count the typemaps just converted, at least
 * CXM_RB_NOGVL_MIN). The inputs were copied into C buffers before, so the C
 * code reads no Ruby object.
 *
 * rb_thread_call_without_gvl runs pending interrupts before and after the
 * call, and one may raise (Thread#raise, Thread#kill, Ctrl-C): that jump is
 * caught with rb_protect and parked in cxm_rb_pending, the function is run
 * anyway if the jump came before it, and the jump is resumed where the
 * wrapper has nothing left to free: in `ret` (after freearg) and in
 * CXM_SWIG_RAISE_LAST. cxm_rb_work and cxm_rb_pending are only touched while
 * holding the GVL, and no other Ruby thread runs between the park and the
 * resume (no Ruby code runs there).
 * The macros are defined here, after cxmetrics.h and before every wrapper and
 * helper that calls these functions.
 */
#define CXM_RB_NOGVL_MIN 4096
static size_t cxm_rb_work = 0;
static int cxm_rb_pending = 0;
/* Set on the thread that runs a C function without the GVL, for the
 * duration of the call: a callback from the C code (the CLV fits' progress)
 * must then take the GVL with rb_thread_call_with_gvl, and must not when the
 * call ran with it (small inputs). Thread-local: other Ruby threads run while
 * this one is without the GVL. */
static _Thread_local int cxm_rb_without_gvl = 0;
/* What a progress proc raised (or the tag of a non-exception jump), parked
 * after the call by the fit's freearg and resumed by cxm_rb_resume_pending,
 * as cxm_rb_pending (only touched while holding the GVL; registered with the GC). */
static VALUE cxm_rb_progress_exc = Qnil;
static int cxm_rb_progress_state = 0;

struct cxm_rb_call {
	void *(*fn)(void *);
	void *data;
	int done;
};

static void *cxm_rb_trampoline(void *p)
{
	struct cxm_rb_call *c = (struct cxm_rb_call *)p;
	cxm_rb_without_gvl = 1;
	c->fn(c->data);
	cxm_rb_without_gvl = 0;
	c->done = 1;
	return NULL;
}

static VALUE cxm_rb_release_gvl(VALUE p)
{
	rb_thread_call_without_gvl(cxm_rb_trampoline, (void *)p, NULL, NULL);
	return Qnil;
}

static void cxm_rb_run(void *(*fn)(void *), void *data)
{
	struct cxm_rb_call c;
	c.fn = fn;
	c.data = data;
	c.done = 0;
	if (cxm_rb_work >= CXM_RB_NOGVL_MIN) {
		int state = 0;
		cxm_rb_work = 0;
		rb_protect(cxm_rb_release_gvl, (VALUE)&c, &state);
		if (state && !cxm_rb_pending)
			cxm_rb_pending = state; /* errinfo keeps the exception */
	}
	cxm_rb_work = 0;
	if (!c.done)
		fn(data);
}

/* Resume a jump parked by cxm_rb_run (an interrupt comes first), then what a
 * CLV fit's progress proc raised. */
static void cxm_rb_resume_pending(void)
{
	int state = cxm_rb_pending, progress_state = cxm_rb_progress_state;
	VALUE exc = cxm_rb_progress_exc;
	cxm_rb_progress_exc = Qnil;
	cxm_rb_progress_state = 0;
	if (state) {
		cxm_rb_pending = 0;
		rb_jump_tag(state);
	}
	if (!NIL_P(exc))
		rb_exc_raise(exc);
	if (progress_state)
		rb_jump_tag(progress_state);
}

/* ---- CLV fit progress ----------------------------------------------------------
 * The fits take one argument for the pair (progress, progress_user): nil or a
 * proc called as proc.(iteration, loglik, gradient_norm) after every
 * iteration. The trampoline runs on the fitting thread, which holds no GVL
 * when the fit was released (cxm_rb_without_gvl): it takes it back with
 * rb_thread_call_with_gvl and calls the proc under rb_protect, so no jump
 * crosses the C frames of the fit. A proc returning true or :stop stops the
 * fit (Cancelled); one that raises stops it, and freearg parks the exception
 * for `ret` to raise after the call, in place of Cancelled. */
struct cxm_rb_progress {
	VALUE proc;
	unsigned int iteration;
	double loglik, gradient_norm;
	int stop, state;
	VALUE exc;
};

static VALUE cxm_rb_progress_call(VALUE p)
{
	struct cxm_rb_progress *s = (struct cxm_rb_progress *)p;
	return rb_funcall(s->proc, rb_intern("call"), 3, UINT2NUM(s->iteration),
			  DBL2NUM(s->loglik), DBL2NUM(s->gradient_norm));
}

static void *cxm_rb_progress_with_gvl(void *p)
{
	struct cxm_rb_progress *s = (struct cxm_rb_progress *)p;
	int state = 0;
	VALUE r = rb_protect(cxm_rb_progress_call, (VALUE)s, &state);
	if (state) {
		VALUE err = rb_errinfo();
		s->stop = 1;
		if (rb_obj_is_kind_of(err, rb_eException)) {
			s->exc = err;
			rb_set_errinfo(Qnil);
		} else {
			s->state = state; /* throw or break: resumed as it was */
		}
	} else {
		s->stop = r == Qtrue || r == ID2SYM(rb_intern("stop"));
	}
	return NULL;
}

static int cxm_rb_progress_cb(void *user, unsigned int iteration, double loglik,
			      double gradient_norm)
{
	struct cxm_rb_progress *s = (struct cxm_rb_progress *)user;
	s->iteration = iteration;
	s->loglik = loglik;
	s->gradient_norm = gradient_norm;
	if (cxm_rb_without_gvl)
		rb_thread_call_with_gvl(cxm_rb_progress_with_gvl, s);
	else
		cxm_rb_progress_with_gvl(s);
	return s->stop;
}

#define CXM_RB_THUNK(fn, call) \
	static void *cxm_rb_thunk_##fn(void *p) \
	{ \
		struct cxm_rb_args_##fn *a = (struct cxm_rb_args_##fn *)p; \
		a->rc = call; \
		return NULL; \
	}
#define CXM_RB_NOGVL3(fn, T1, T2, T3) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL4(fn, T1, T2, T3, T4) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL5(fn, T1, T2, T3, T4, T5) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL6(fn, T1, T2, T3, T4, T5, T6) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; T6 a6; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5, a->a6)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.a6 = a6; \
		a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL8(fn, T1, T2, T3, T4, T5, T6, T7, T8) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; T6 a6; T7 a7; T8 a8; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5, a->a6, a->a7, a->a8)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.a6 = a6; a.a7 = a7; \
		a.a8 = a8; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL9(fn, T1, T2, T3, T4, T5, T6, T7, T8, T9) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; T6 a6; T7 a7; T8 a8; T9 a9; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5, a->a6, a->a7, a->a8, a->a9)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.a6 = a6; a.a7 = a7; \
		a.a8 = a8; a.a9 = a9; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}

#define CXM_RB_NOGVL7(fn, T1, T2, T3, T4, T5, T6, T7) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; T6 a6; T7 a7; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5, a->a6, a->a7)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.a6 = a6; a.a7 = a7; \
		a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL10(fn, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; T6 a6; T7 a7; T8 a8; T9 a9; \
				  T10 a10; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5, a->a6, a->a7, a->a8, a->a9, \
			      a->a10)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, \
				     T10 a10) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.a6 = a6; a.a7 = a7; \
		a.a8 = a8; a.a9 = a9; a.a10 = a10; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}
#define CXM_RB_NOGVL11(fn, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11) \
	struct cxm_rb_args_##fn { T1 a1; T2 a2; T3 a3; T4 a4; T5 a5; T6 a6; T7 a7; T8 a8; T9 a9; \
				  T10 a10; T11 a11; int rc; }; \
	CXM_RB_THUNK(fn, (fn)(a->a1, a->a2, a->a3, a->a4, a->a5, a->a6, a->a7, a->a8, a->a9, \
			      a->a10, a->a11)) \
	static int cxm_rb_nogvl_##fn(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, \
				     T10 a10, T11 a11) \
	{ \
		struct cxm_rb_args_##fn a; \
		a.a1 = a1; a.a2 = a2; a.a3 = a3; a.a4 = a4; a.a5 = a5; a.a6 = a6; a.a7 = a7; \
		a.a8 = a8; a.a9 = a9; a.a10 = a10; a.a11 = a11; a.rc = CXM_ENOMEM; \
		cxm_rb_run(cxm_rb_thunk_##fn, &a); \
		return a.rc; \
	}

typedef const char *const *cxm_rb_strv;

CXM_RB_NOGVL5(cxm_nps, cxm_nps_result *, const double *, size_t, int, int)
CXM_RB_NOGVL4(cxm_nps_u8, cxm_nps_result *, const uint8_t *, size_t, int)
CXM_RB_NOGVL9(cxm_nps_weighted, cxm_nps_weighted_result *, const double *, size_t,
	      const double *, size_t, int, int, double, double)
CXM_RB_NOGVL9(cxm_csat, cxm_csat_result *, const double *, size_t, int, int, int, int,
	      double, double)
CXM_RB_NOGVL8(cxm_csat_u8, cxm_csat_result *, const uint8_t *, size_t, int, int, int,
	      double, double)
CXM_RB_NOGVL4(cxm_ces5, cxm_ces5_result *, const double *, size_t, int)
CXM_RB_NOGVL3(cxm_ces5_u8, cxm_ces5_result *, const uint8_t *, size_t)
CXM_RB_NOGVL4(cxm_ces7, cxm_ces7_result *, const double *, size_t, int)
CXM_RB_NOGVL3(cxm_ces7_u8, cxm_ces7_result *, const uint8_t *, size_t)
CXM_RB_NOGVL4(cxm_score_acc_add, cxm_score_acc *, const double *, size_t, int)
CXM_RB_NOGVL3(cxm_score_acc_add_u8, cxm_score_acc *, const uint8_t *, size_t)
CXM_RB_NOGVL6(cxm_score_acc_add_weighted, cxm_score_acc *, const double *, size_t,
	      const double *, size_t, int)
CXM_RB_NOGVL5(cxm_quantile7, double *, const double *, size_t, double, int)
CXM_RB_NOGVL3(cxm_kish_n_eff, double *, const double *, size_t)
CXM_RB_NOGVL4(cxm_time_summarize, cxm_time_summary *, const double *, size_t, int)
CXM_RB_NOGVL8(cxm_time_durations, double *, size_t, size_t *, const double *, size_t,
	      const double *, size_t, int)
CXM_RB_NOGVL3(cxm_repeat_purchase_rate, cxm_repeat_purchase *, const double *, size_t)
CXM_RB_NOGVL3(cxm_bounce_rate, cxm_bounce *, const double *, size_t)
CXM_RB_NOGVL5(cxm_task_success_rate, cxm_task_success *, const double *, size_t, double,
	      double)
CXM_RB_NOGVL8(cxm_monthly_active_users, size_t *, cxm_rb_strv, size_t, const double *,
	      size_t, double, double, int)
CXM_RB_NOGVL4(cxm_rfm_breaks, double *, const double *, size_t, unsigned int)
CXM_RB_NOGVL8(cxm_rfm_score, unsigned int *, double *, double *, const double *, size_t,
	      const double *, size_t, int)
CXM_RB_NOGVL5(cxm_rfm_rank_qcut, unsigned int *, const double *, size_t, unsigned int, int)
CXM_RB_NOGVL9(cxm_rfm_segment_many, size_t *, const cxm_rfm_rules *, const unsigned int *,
	      size_t, const unsigned int *, size_t, const unsigned int *, size_t, int)
CXM_RB_NOGVL8(cxm_rfm_customers_aggregate, cxm_rfm_customers **, cxm_rb_strv, size_t,
	      const double *, size_t, const double *, size_t, double)

/* Probabilistic CLV (clvmodel.h). */
typedef const cxm_clv_fit_result *cxm_rb_fit;
typedef const cxm_clv_fit_opts *cxm_rb_fit_opts;
CXM_RB_NOGVL10(cxm_clv_summary_from_transactions, cxm_clv_summary **, cxm_rb_strv, size_t,
	       const double *, size_t, const double *, size_t, double, double, int)
CXM_RB_NOGVL11(cxm_clv_fit, cxm_clv_fit_result *, int, const double *, size_t, const double *,
	       size_t, const double *, size_t, const double *, size_t, cxm_rb_fit_opts)
CXM_RB_NOGVL6(cxm_clv_fit_gamma_gamma, cxm_clv_fit_result *, const double *, size_t,
	      const double *, size_t, cxm_rb_fit_opts)
CXM_RB_NOGVL10(cxm_clv_fit_bgbb, cxm_clv_fit_result *, const double *, size_t, const double *,
	       size_t, const double *, size_t, const double *, size_t, cxm_rb_fit_opts)
CXM_RB_NOGVL4(cxm_clv_fit_sbg, cxm_clv_fit_result *, const double *, size_t, cxm_rb_fit_opts)
CXM_RB_NOGVL10(cxm_clv_expected_purchases, double *, size_t, cxm_rb_fit, double, const double *,
	       size_t, const double *, size_t, const double *, size_t)
CXM_RB_NOGVL9(cxm_clv_p_alive, double *, size_t, cxm_rb_fit, const double *, size_t,
	      const double *, size_t, const double *, size_t)
CXM_RB_NOGVL7(cxm_clv_expected_profit, double *, size_t, cxm_rb_fit, const double *, size_t,
	      const double *, size_t)
CXM_RB_NOGVL10(cxm_clv_calibration_table, double *, double *, double *, size_t, const double *,
	       size_t, const double *, size_t, const double *, size_t)
CXM_RB_NOGVL5(cxm_clv_holdout_evaluate, cxm_clv_holdout_errors *, const double *, size_t,
	      const double *, size_t)

/* cxm_clv_discounted has 17 parameters: written out. */
struct cxm_rb_args_cxm_clv_discounted {
	double *out;
	size_t cap, nf, nr, nT, nm, nd;
	cxm_rb_fit fit, gg;
	const double *f, *r, *T, *m, *d;
	double months, ppm;
	int rc;
};
CXM_RB_THUNK(cxm_clv_discounted, (cxm_clv_discounted)(a->out, a->cap, a->fit, a->gg, a->f, a->nf,
	     a->r, a->nr, a->T, a->nT, a->m, a->nm, a->months, a->d, a->nd, a->ppm))
static int cxm_rb_nogvl_cxm_clv_discounted(double *out, size_t cap, cxm_rb_fit fit, cxm_rb_fit gg,
					   const double *f, size_t nf, const double *r, size_t nr,
					   const double *T, size_t nT, const double *m, size_t nm,
					   double months, const double *d, size_t nd, double ppm)
{
	struct cxm_rb_args_cxm_clv_discounted a;
	a.out = out; a.cap = cap; a.fit = fit; a.gg = gg;
	a.f = f; a.nf = nf; a.r = r; a.nr = nr; a.T = T; a.nT = nT; a.m = m; a.nm = nm;
	a.months = months; a.d = d; a.nd = nd; a.ppm = ppm;
	a.rc = CXM_ENOMEM;
	cxm_rb_run(cxm_rb_thunk_cxm_clv_discounted, &a);
	return a.rc;
}

/* A fit evaluates the likelihood over every row hundreds of times: count each
 * converted element as this much work, so that fits of all but tiny inputs
 * run without the GVL. */
#define CXM_RB_FIT_WORK 64
static void cxm_rb_heavy(void)
{
	cxm_rb_work = cxm_rb_work > (size_t)-1 / CXM_RB_FIT_WORK ? (size_t)-1
								   : cxm_rb_work * CXM_RB_FIT_WORK;
}

/* As cxm_rb_aggregate: a summary made while a jump was parked is dropped. */
static int cxm_rb_clv_summary(cxm_clv_summary **out, cxm_rb_strv ids, size_t n_ids,
			      const double *days, size_t n_days, const double *amounts,
			      size_t n_amounts, double calibration_end, double observation_end,
			      int period)
{
	int rc = cxm_rb_nogvl_cxm_clv_summary_from_transactions(out, ids, n_ids, days, n_days,
								amounts, n_amounts, calibration_end,
								observation_end, period);
	if (cxm_rb_pending && rc >= 0) {
		cxm_clv_summary_free(*out);
		*out = NULL;
		rc = CXM_ENOMEM;
	}
	return rc;
}

/* The customers constructor would lose the new handle if a parked jump were
 * resumed after it: drop the handle and fail, CXM_SWIG_RAISE_LAST resumes. */
static int cxm_rb_aggregate(cxm_rfm_customers **out, cxm_rb_strv ids, size_t n_ids,
			    const double *days, size_t n_days, const double *revenues,
			    size_t n_revenues, double analysis_day)
{
	int rc = cxm_rb_nogvl_cxm_rfm_customers_aggregate(out, ids, n_ids, days, n_days, revenues,
							  n_revenues, analysis_day);
	if (cxm_rb_pending && rc >= 0) {
		cxm_rfm_customers_free(*out);
		*out = NULL;
		rc = CXM_ENOMEM;
	}
	return rc;
}

/* The survey report reads a whole file: it always runs without the GVL.
 * SWIG's `const char *` arguments point into the Ruby Strings themselves,
 * which another Ruby thread could modify (or the GC free) once the GVL is
 * released, so the path and the column names are first copied, with the GVL
 * held, into one C buffer that lives until the call returns. The library
 * keeps copies of its own (cxm__strdup), so the buffer is freed right after.
 * As cxm_rb_aggregate: a report made while a jump was parked is dropped. */
struct cxm_rb_args_report {
	cxm_survey_report **out;
	const char *path;
	cxm_survey_opts opts;
	int rc;
};
CXM_RB_THUNK(report, (cxm_survey_report_from_csv)(a->out, a->path, &a->opts))
static int cxm_rb_survey_report(cxm_survey_report **out, const char *path,
				const cxm_survey_opts *opts)
{
	struct cxm_rb_args_report a;
	const char *src[4];
	const char **dst[4];
	size_t len[4], total = 0;
	char *buf, *p;
	int k;
	if (!out || !path || !opts) /* the library reports which */
		return (cxm_survey_report_from_csv)(out, path, opts);
	a.out = out;
	a.opts = *opts;
	a.rc = CXM_ENOMEM;
	src[0] = path;
	src[1] = opts->nps_column;
	src[2] = opts->csat_column;
	src[3] = opts->ces_column;
	dst[0] = &a.path;
	dst[1] = &a.opts.nps_column;
	dst[2] = &a.opts.csat_column;
	dst[3] = &a.opts.ces_column;
	for (k = 0; k < 4; k++) {
		len[k] = src[k] ? strlen(src[k]) + 1 : 0;
		total += len[k];
	}
	*out = NULL;
	if (!(buf = (char *)malloc(total))) {
		cxm_error_clear(); /* CXM_SWIG_RAISE_LAST then raises NOMEM */
		return CXM_ENOMEM;
	}
	for (k = 0, p = buf; k < 4; k++) {
		*dst[k] = src[k] ? memcpy(p, src[k], len[k]) : NULL;
		p += len[k];
	}
	cxm_rb_work = CXM_RB_NOGVL_MIN; /* file I/O: always worth releasing */
	cxm_rb_run(cxm_rb_thunk_report, &a);
	free(buf);
	if (cxm_rb_pending && a.rc >= 0) {
		cxm_survey_report_free(*out);
		*out = NULL;
		a.rc = CXM_ENOMEM;
	}
	return a.rc;
}

/* cxm_rfm_table has 16 parameters: written out. */
struct cxm_rb_args_cxm_rfm_table {
	unsigned int *rs, *fs, *ms, *rfm;
	const double *r, *f, *m, *rb, *fb, *mb;
	size_t nr, nf, nm, nrb, nfb, nmb;
	int rc;
};
CXM_RB_THUNK(cxm_rfm_table, (cxm_rfm_table)(a->rs, a->fs, a->ms, a->rfm, a->r, a->nr, a->f,
	     a->nf, a->m, a->nm, a->rb, a->nrb, a->fb, a->nfb, a->mb, a->nmb))
static int cxm_rb_nogvl_cxm_rfm_table(unsigned int *rs, unsigned int *fs, unsigned int *ms,
				      unsigned int *rfm, const double *r, size_t nr,
				      const double *f, size_t nf, const double *m, size_t nm,
				      const double *rb, size_t nrb, const double *fb, size_t nfb,
				      const double *mb, size_t nmb)
{
	struct cxm_rb_args_cxm_rfm_table a;
	a.rs = rs; a.fs = fs; a.ms = ms; a.rfm = rfm;
	a.r = r; a.nr = nr; a.f = f; a.nf = nf; a.m = m; a.nm = nm;
	a.rb = rb; a.nrb = nrb; a.fb = fb; a.nfb = nfb; a.mb = mb; a.nmb = nmb;
	a.rc = CXM_ENOMEM;
	cxm_rb_run(cxm_rb_thunk_cxm_rfm_table, &a);
	return a.rc;
}

/* From here on, every call of these functions (SWIG wrappers, %extend bodies,
 * the core's %inline helpers) goes through the thunks above. */
#define cxm_nps(...) cxm_rb_nogvl_cxm_nps(__VA_ARGS__)
#define cxm_nps_u8(...) cxm_rb_nogvl_cxm_nps_u8(__VA_ARGS__)
#define cxm_nps_weighted(...) cxm_rb_nogvl_cxm_nps_weighted(__VA_ARGS__)
#define cxm_csat(...) cxm_rb_nogvl_cxm_csat(__VA_ARGS__)
#define cxm_csat_u8(...) cxm_rb_nogvl_cxm_csat_u8(__VA_ARGS__)
#define cxm_ces5(...) cxm_rb_nogvl_cxm_ces5(__VA_ARGS__)
#define cxm_ces5_u8(...) cxm_rb_nogvl_cxm_ces5_u8(__VA_ARGS__)
#define cxm_ces7(...) cxm_rb_nogvl_cxm_ces7(__VA_ARGS__)
#define cxm_ces7_u8(...) cxm_rb_nogvl_cxm_ces7_u8(__VA_ARGS__)
#define cxm_score_acc_add(...) cxm_rb_nogvl_cxm_score_acc_add(__VA_ARGS__)
#define cxm_score_acc_add_u8(...) cxm_rb_nogvl_cxm_score_acc_add_u8(__VA_ARGS__)
#define cxm_score_acc_add_weighted(...) cxm_rb_nogvl_cxm_score_acc_add_weighted(__VA_ARGS__)
#define cxm_quantile7(...) cxm_rb_nogvl_cxm_quantile7(__VA_ARGS__)
#define cxm_kish_n_eff(...) cxm_rb_nogvl_cxm_kish_n_eff(__VA_ARGS__)
#define cxm_time_summarize(...) cxm_rb_nogvl_cxm_time_summarize(__VA_ARGS__)
#define cxm_time_durations(...) cxm_rb_nogvl_cxm_time_durations(__VA_ARGS__)
#define cxm_repeat_purchase_rate(...) cxm_rb_nogvl_cxm_repeat_purchase_rate(__VA_ARGS__)
#define cxm_bounce_rate(...) cxm_rb_nogvl_cxm_bounce_rate(__VA_ARGS__)
#define cxm_task_success_rate(...) cxm_rb_nogvl_cxm_task_success_rate(__VA_ARGS__)
#define cxm_monthly_active_users(...) cxm_rb_nogvl_cxm_monthly_active_users(__VA_ARGS__)
#define cxm_rfm_breaks(...) cxm_rb_nogvl_cxm_rfm_breaks(__VA_ARGS__)
#define cxm_rfm_score(...) cxm_rb_nogvl_cxm_rfm_score(__VA_ARGS__)
#define cxm_rfm_table(...) cxm_rb_nogvl_cxm_rfm_table(__VA_ARGS__)
#define cxm_rfm_rank_qcut(...) cxm_rb_nogvl_cxm_rfm_rank_qcut(__VA_ARGS__)
#define cxm_rfm_segment_many(...) cxm_rb_nogvl_cxm_rfm_segment_many(__VA_ARGS__)
#define cxm_rfm_customers_aggregate(...) cxm_rb_aggregate(__VA_ARGS__)
#define cxm_clv_summary_from_transactions(...) cxm_rb_clv_summary(__VA_ARGS__)
#define cxm_survey_report_from_csv(...) cxm_rb_survey_report(__VA_ARGS__)
#define cxm_clv_fit(...) (cxm_rb_heavy(), cxm_rb_nogvl_cxm_clv_fit(__VA_ARGS__))
#define cxm_clv_fit_gamma_gamma(...) (cxm_rb_heavy(), cxm_rb_nogvl_cxm_clv_fit_gamma_gamma(__VA_ARGS__))
#define cxm_clv_fit_bgbb(...) (cxm_rb_heavy(), cxm_rb_nogvl_cxm_clv_fit_bgbb(__VA_ARGS__))
#define cxm_clv_fit_sbg(...) (cxm_rb_heavy(), cxm_rb_nogvl_cxm_clv_fit_sbg(__VA_ARGS__))
#define cxm_clv_expected_purchases(...) cxm_rb_nogvl_cxm_clv_expected_purchases(__VA_ARGS__)
#define cxm_clv_p_alive(...) cxm_rb_nogvl_cxm_clv_p_alive(__VA_ARGS__)
#define cxm_clv_expected_profit(...) cxm_rb_nogvl_cxm_clv_expected_profit(__VA_ARGS__)
#define cxm_clv_discounted(...) cxm_rb_nogvl_cxm_clv_discounted(__VA_ARGS__)
#define cxm_clv_calibration_table(...) cxm_rb_nogvl_cxm_clv_calibration_table(__VA_ARGS__)
#define cxm_clv_holdout_evaluate(...) cxm_rb_nogvl_cxm_clv_holdout_evaluate(__VA_ARGS__)

/* ---- input conversion ------------------------------------------------------ */
static VALUE cxm_rb_to_ary(VALUE obj, const char *what)
{
	VALUE a = rb_check_array_type(obj);
	if (NIL_P(a))
		rb_raise(rb_eTypeError, "%s: expected an Array, got %s", what, rb_obj_classname(obj));
	return a;
}

/* Fill x[0..n) from the Array a (n == RARRAY_LEN(a)); nil is NaN. */
static void cxm_rb_fill_doubles(double *x, VALUE a, long n, const char *what)
{
	long i;
	for (i = 0; i < n; i++) {
		VALUE v = RARRAY_AREF(a, i);
		if (RB_FLOAT_TYPE_P(v))
			x[i] = RFLOAT_VALUE(v);
		else if (FIXNUM_P(v))
			x[i] = (double)FIX2LONG(v);
		else if (NIL_P(v))
			x[i] = NAN;
		else if (rb_obj_is_kind_of(v, rb_cNumeric))
			x[i] = NUM2DBL(v);
		else
			rb_raise(rb_eTypeError, "%s[%ld]: expected a number or nil, got %s", what, i,
				 rb_obj_classname(v));
	}
}

static void cxm_rb_fill_bytes(uint8_t *x, VALUE a, long n, const char *what)
{
	long i;
	for (i = 0; i < n; i++) {
		VALUE v = RARRAY_AREF(a, i);
		long b;
		if (!RB_INTEGER_TYPE_P(v))
			rb_raise(rb_eTypeError, "%s[%ld]: expected an Integer, got %s", what, i,
				 rb_obj_classname(v));
		b = FIXNUM_P(v) ? FIX2LONG(v) : -1;
		if (b < 0 || b > 255) {
			char msg[160];
			snprintf(msg, sizeof msg, "%s[%ld] is not a byte (0..255)", what, i);
			cxm_rb_raise_msg(CXM_EOUT_OF_RANGE, msg);
		}
		x[i] = (uint8_t)b;
	}
}

static void cxm_rb_fill_uints(unsigned int *x, VALUE a, long n, const char *what)
{
	long i;
	for (i = 0; i < n; i++) {
		VALUE v = RARRAY_AREF(a, i);
		if (!RB_INTEGER_TYPE_P(v))
			rb_raise(rb_eTypeError, "%s[%ld]: expected an Integer, got %s", what, i,
				 rb_obj_classname(v));
		if (!FIXNUM_P(v) || FIX2LONG(v) < 0 || FIX2LONG(v) > (long)UINT_MAX)
			rb_raise(rb_eRangeError, "%s[%ld] is out of range for unsigned int", what, i);
		x[i] = (unsigned int)FIX2LONG(v);
	}
}

/* Bytes needed to copy an Array of String as NUL-terminated strings. */
static size_t cxm_rb_strv_bytes(VALUE a, const char *what)
{
	long i, n = RARRAY_LEN(a);
	size_t bytes = (size_t)n * sizeof(char *);
	for (i = 0; i < n; i++) {
		VALUE s = RARRAY_AREF(a, i);
		if (!RB_TYPE_P(s, T_STRING))
			rb_raise(rb_eTypeError, "%s[%ld]: expected a String, got %s", what, i,
				 rb_obj_classname(s));
		if (memchr(RSTRING_PTR(s), '\0', (size_t)RSTRING_LEN(s)))
			rb_raise(rb_eArgError, "%s[%ld] contains a NUL byte", what, i);
		bytes += (size_t)RSTRING_LEN(s) + 1;
	}
	return bytes;
}

static const char *const *cxm_rb_fill_strv(char *buf, VALUE a)
{
	long i, n = RARRAY_LEN(a);
	const char **ptrs = (const char **)buf;
	char *p = buf + (size_t)n * sizeof(char *);
	for (i = 0; i < n; i++) {
		VALUE s = RARRAY_AREF(a, i);
		size_t len = (size_t)RSTRING_LEN(s);
		memcpy(p, RSTRING_PTR(s), len);
		p[len] = '\0';
		ptrs[i] = p;
		p += len + 1;
	}
	return ptrs;
}

/* ---- output conversion -----------------------------------------------------
 * Outputs are collected in a list: `out int` starts it as Qundef, each argout
 * appends (cxm_rb_output), and `ret int` turns it into the return value: nil,
 * the single output, or an Array of them. (SWIG's own append would splice an
 * Array output into the list.)
 */
static VALUE cxm_rb_output(VALUE outputs, VALUE v)
{
	if (outputs == Qundef || NIL_P(outputs))
		outputs = rb_ary_new();
	rb_ary_push(outputs, v);
	return outputs;
}

static VALUE cxm_rb_outputs(VALUE outputs)
{
	if (outputs == Qundef || NIL_P(outputs))
		return Qnil;
	return RARRAY_LEN(outputs) == 1 ? RARRAY_AREF(outputs, 0) : outputs;
}

static VALUE cxm_rb_str(const char *s)
{
	return s ? rb_utf8_str_new_cstr(s) : Qnil;
}

static VALUE cxm_rb_ary_doubles(const double *x, size_t n)
{
	VALUE a = rb_ary_new_capa((long)n);
	size_t i;
	for (i = 0; i < n; i++)
		rb_ary_push(a, DBL2NUM(x[i]));
	return a;
}

static VALUE cxm_rb_ary_uints(const unsigned int *x, size_t n)
{
	VALUE a = rb_ary_new_capa((long)n);
	size_t i;
	for (i = 0; i < n; i++)
		rb_ary_push(a, UINT2NUM(x[i]));
	return a;
}

static VALUE cxm_rb_ary_sizes(const size_t *x, size_t n)
{
	VALUE a = rb_ary_new_capa((long)n);
	size_t i;
	for (i = 0; i < n; i++)
		rb_ary_push(a, SIZET2NUM(x[i]));
	return a;
}

/* Result structs -> Hash. One field list per struct (the version field is left
 * out); the same lists give Native::RESULT_FIELDS. Kinds: SZ size_t, DBL double,
 * NDBL double that is NaN when undefined (-> nil), INT int. */
#define CXM_RB_SZ(v) SIZET2NUM(v)
#define CXM_RB_DBL(v) DBL2NUM(v)
#define CXM_RB_NDBL(v) (isnan(v) ? Qnil : DBL2NUM(v))
#define CXM_RB_INT(v) INT2NUM(v)
#define CXM_RB_UINT(v) UINT2NUM(v)
/* the used entries of a fit result's parameter arrays (se: NaN -> nil) */
#define CXM_RB_PARAMS(v) cxm_rb_ary_params((v), r->n_params, 0)
#define CXM_RB_NPARAMS(v) cxm_rb_ary_params((v), r->n_params, 1)

#define CXM_RB_FIELDS_interval(F) F(DBL, lower) F(DBL, upper)
#define CXM_RB_FIELDS_nps_result(F) \
	F(SZ, n) F(SZ, promoters) F(SZ, passives) F(SZ, detractors) \
	F(DBL, pct_promoters) F(DBL, pct_passives) F(DBL, pct_detractors) F(DBL, nps)
#define CXM_RB_FIELDS_nps_ci(F) \
	F(SZ, n) F(DBL, nps) F(DBL, nps_adj) F(DBL, n_adj) F(DBL, var_unit) F(DBL, se) \
	F(DBL, z) F(DBL, moe) F(DBL, lower) F(DBL, upper)
#define CXM_RB_FIELDS_nps_t_ci(F) \
	F(SZ, n) F(DBL, nps) F(DBL, sd_unit) F(DBL, se) F(SZ, df) F(DBL, t) F(DBL, moe) \
	F(DBL, lower) F(DBL, upper)
#define CXM_RB_FIELDS_nps_comparison(F) \
	F(INT, method) F(DBL, nps_a) F(DBL, nps_b) F(DBL, center_a) F(DBL, center_b) \
	F(DBL, diff) F(DBL, se) F(DBL, z_stat) F(DBL, p_value) F(DBL, z) F(DBL, lower) \
	F(DBL, upper)
#define CXM_RB_FIELDS_nps_weighted_result(F) \
	F(SZ, n) F(SZ, n_pos) F(DBL, sum_w) F(DBL, sum_w2) F(DBL, n_eff) F(DBL, deff) \
	F(DBL, pct_promoters) F(DBL, pct_detractors) F(DBL, nps) F(DBL, var_unit) F(DBL, se) \
	F(DBL, z) F(DBL, moe) F(DBL, lower) F(DBL, upper)
#define CXM_RB_FIELDS_csat_result(F) \
	F(SZ, n) F(INT, threshold) F(SZ, n_satisfied) F(DBL, pct_satisfied) F(DBL, mean) \
	F(NDBL, sd) F(DBL, wilson_lower) F(DBL, wilson_upper)
#define CXM_RB_FIELDS_ces5_result(F) F(SZ, n) F(SZ, n_agree) F(DBL, ces_pct) F(DBL, mean)
#define CXM_RB_FIELDS_ces7_result(F) \
	F(SZ, n) F(DBL, mean) F(NDBL, sd) F(SZ, n_agree) F(DBL, pct_agree) F(SZ, n_disagree) \
	F(DBL, pct_disagree)
#define CXM_RB_FIELDS_time_summary(F) \
	F(SZ, n) F(DBL, total) F(DBL, mean) F(DBL, median) F(DBL, p90) F(DBL, min) F(DBL, max)
#define CXM_RB_FIELDS_repeat_purchase(F) F(SZ, customers) F(SZ, repeat_customers) F(DBL, rate)
#define CXM_RB_FIELDS_bounce(F) F(SZ, sessions) F(SZ, bounces) F(DBL, rate)
#define CXM_RB_FIELDS_task_success(F) \
	F(SZ, n) F(SZ, successes) F(DBL, rate) F(DBL, wilson_lower) F(DBL, wilson_upper) \
	F(DBL, adjwald_lower) F(DBL, adjwald_upper)
#define CXM_RB_FIELDS_clv_totals(F) F(DBL, aov) F(DBL, purchase_frequency) F(DBL, clv)
#define CXM_RB_FIELDS_survey_ces_result(F) \
	F(INT, points) F(SZ, n) F(SZ, n_agree) F(DBL, pct_agree) F(DBL, mean) \
	F(DBL, wilson_lower) F(DBL, wilson_upper)

#define CXM_RB_FIELDS_clv_fit_result(F) \
	F(INT, model) F(SZ, n_params) F(PARAMS, params) F(NPARAMS, se) F(DBL, loglik) \
	F(UINT, iterations) F(INT, converged) F(DBL, gradient_norm) F(SZ, n_customers)
#define CXM_RB_FIELDS_clv_holdout_errors(F) \
	F(SZ, n) F(DBL, mae) F(DBL, rmse) F(DBL, total_predicted) F(DBL, total_actual)

static VALUE cxm_rb_ary_params(const double *x, size_t n, int nan_nil)
{
	VALUE a;
	size_t i;
	if (n > CXM_CLV_MAX_PARAMS)
		n = CXM_CLV_MAX_PARAMS;
	a = rb_ary_new_capa((long)n);
	for (i = 0; i < n; i++)
		rb_ary_push(a, nan_nil && isnan(x[i]) ? Qnil : DBL2NUM(x[i]));
	return a;
}

#define CXM_RB_RESULTS(X) \
	X(interval) X(nps_result) X(nps_ci) X(nps_t_ci) X(nps_comparison) \
	X(nps_weighted_result) X(csat_result) X(ces5_result) X(ces7_result) X(time_summary) \
	X(repeat_purchase) X(bounce) X(task_success) X(clv_totals) X(survey_ces_result) \
	X(clv_fit_result) X(clv_holdout_errors)

#define CXM_RB_PUT(kind, f) rb_hash_aset(h, ID2SYM(rb_intern(#f)), CXM_RB_##kind(r->f));
#define CXM_RB_TO_HASH(tag) \
	static VALUE cxm_rb_h_##tag(const cxm_##tag *r) \
	{ \
		VALUE h = rb_hash_new(); \
		CXM_RB_FIELDS_##tag(CXM_RB_PUT) \
		return h; \
	}
CXM_RB_RESULTS(CXM_RB_TO_HASH)

/* Called from Init_native: the exception classes, generated from the error
 * table (one subclass of Cxmetrics::Error per row, with CODE, NAME and
 * DESCRIPTION; Cxmetrics::ERROR_CLASSES lists them in table order), and
 * Native::RESULT_FIELDS. */
static void cxm_rb_init(VALUE mNative)
{
	VALUE mCxm = rb_define_module("Cxmetrics");
	VALUE fields = rb_hash_new();
	VALUE classes = rb_ary_new();

	cxm_rb_eError = rb_define_class_under(mCxm, "Error", rb_eStandardError);
	rb_gc_register_address(&cxm_rb_eError);
	rb_gc_register_address(&cxm_rb_progress_exc);
	rb_define_method(cxm_rb_eError, "code", cxm_rb_error_code, 0);
	rb_define_method(cxm_rb_eError, "name", cxm_rb_error_name, 0);
#define CXM_RB_DEFINE_ERROR(name, value, cls, desc) \
	if (-(value) > 0 && -(value) <= CXM_RB_MAX_CODE) { \
		VALUE klass = rb_define_class_under(mCxm, #cls, cxm_rb_eError); \
		rb_define_const(klass, "CODE", INT2NUM(value)); \
		rb_define_const(klass, "NAME", rb_obj_freeze(rb_str_new_cstr(#name))); \
		rb_define_const(klass, "DESCRIPTION", rb_obj_freeze(rb_str_new_cstr(desc))); \
		cxm_rb_error_classes[-(value)] = klass; \
		rb_gc_register_address(&cxm_rb_error_classes[-(value)]); \
		rb_ary_push(classes, klass); \
	}
	CXM_ERRORS(CXM_RB_DEFINE_ERROR)
#undef CXM_RB_DEFINE_ERROR
	rb_define_const(mCxm, "ERROR_CLASSES", rb_obj_freeze(classes));

#define CXM_RB_FIELD_NAME(kind, f) rb_ary_push(names, ID2SYM(rb_intern(#f)));
#define CXM_RB_REGISTER_FIELDS(tag) \
	{ \
		VALUE names = rb_ary_new(); \
		CXM_RB_FIELDS_##tag(CXM_RB_FIELD_NAME) \
		rb_hash_aset(fields, ID2SYM(rb_intern(#tag)), rb_obj_freeze(names)); \
	}
	CXM_RB_RESULTS(CXM_RB_REGISTER_FIELDS)
#undef CXM_RB_REGISTER_FIELDS
#undef CXM_RB_FIELD_NAME
	rb_define_const(mNative, "RESULT_FIELDS", rb_obj_freeze(fields));
	rb_define_const(mNative, "NOGVL_MIN", SIZET2NUM(CXM_RB_NOGVL_MIN));
}

/* A fit result passed back in: a Hash with the fields of
 * RESULT_FIELDS[:clv_fit_result] (or anything with #to_h giving one).
 * :model and :params are required; n_params is params.size; se entries and
 * loglik / gradient_norm may be nil (NaN), the counts default to 0. */
static VALUE cxm_rb_fit_field(VALUE h, const char *key)
{
	VALUE v = rb_hash_lookup2(h, ID2SYM(rb_intern(key)), Qundef);
	if (v == Qundef)
		v = rb_hash_lookup2(h, rb_str_new_cstr(key), Qnil);
	return v;
}

static double cxm_rb_fit_double(VALUE h, const char *key)
{
	VALUE v = cxm_rb_fit_field(h, key);
	return NIL_P(v) ? NAN : NUM2DBL(v);
}

static void cxm_rb_fit_from_hash(cxm_clv_fit_result *r, VALUE obj, const char *what)
{
	cxm_clv_fit_result init = CXM_CLV_FIT_RESULT_INIT;
	VALUE h = rb_check_hash_type(obj), v, a;
	long n;
	if (NIL_P(h) && !NIL_P(obj) && rb_respond_to(obj, rb_intern("to_h")))
		h = rb_check_hash_type(rb_funcall(obj, rb_intern("to_h"), 0));
	if (NIL_P(h))
		rb_raise(rb_eTypeError, "%s: expected a fit result (Hash), got %s", what,
			 rb_obj_classname(obj));
	*r = init;
	v = cxm_rb_fit_field(h, "model");
	if (!RB_INTEGER_TYPE_P(v))
		rb_raise(rb_eTypeError, "%s[:model]: expected an Integer, got %s", what,
			 rb_obj_classname(v));
	r->model = NUM2INT(v);
	a = cxm_rb_to_ary(cxm_rb_fit_field(h, "params"), "params");
	n = RARRAY_LEN(a);
	if (n > CXM_CLV_MAX_PARAMS)
		rb_raise(rb_eArgError, "%s[:params] has %ld entries; a model has at most %d", what, n,
			 CXM_CLV_MAX_PARAMS);
	cxm_rb_fill_doubles(r->params, a, n, "params");
	r->n_params = (size_t)n;
	v = cxm_rb_fit_field(h, "se");
	if (NIL_P(v)) {
		long i;
		for (i = 0; i < n; i++)
			r->se[i] = NAN;
	} else {
		a = cxm_rb_to_ary(v, "se");
		if (RARRAY_LEN(a) != n)
			rb_raise(rb_eArgError, "%s[:se] has %ld entries, params %ld", what,
				 RARRAY_LEN(a), n);
		cxm_rb_fill_doubles(r->se, a, n, "se");
	}
	r->loglik = cxm_rb_fit_double(h, "loglik");
	r->gradient_norm = cxm_rb_fit_double(h, "gradient_norm");
	v = cxm_rb_fit_field(h, "iterations");
	r->iterations = NIL_P(v) ? 0u : NUM2UINT(v);
	v = cxm_rb_fit_field(h, "converged");
	r->converged = RTEST(v) && !(RB_INTEGER_TYPE_P(v) && NUM2INT(v) == 0) ? 1 : 0;
	v = cxm_rb_fit_field(h, "n_customers");
	r->n_customers = NIL_P(v) ? 0 : NUM2SIZET(v);
}

static VALUE cxm_rb_h_error(const cxm_error *e)
{
	VALUE h = rb_hash_new();
	rb_hash_aset(h, ID2SYM(rb_intern("code")), INT2NUM(e->code));
	rb_hash_aset(h, ID2SYM(rb_intern("name")), rb_str_new_cstr(cxm_error_name(e->code)));
	rb_hash_aset(h, ID2SYM(rb_intern("message")), cxm_rb_str(e->message));
	return h;
}
%}

/* ---- renames and ignores (before the core's generic strip rename) ---------- */
%rename(ScoreAccumulator) cxm_score_acc;
%rename(RfmRules) cxm_rfm_rules;
%rename(RfmCustomers) cxm_rfm_customers;
%rename(Csv) cxm_swig_csv;
%rename(SurveyReport) cxm_survey_report;
%rename(ClvSummary) cxm_clv_summary;

/* Results come back as Hashes (above), so no proxy classes for the structs. */
%ignore cxm_error;
%ignore cxm_interval;
%ignore cxm_nps_result;
%ignore cxm_nps_ci;
%ignore cxm_nps_t_ci;
%ignore cxm_nps_comparison;
%ignore cxm_nps_weighted_result;
%ignore cxm_csat_result;
%ignore cxm_ces5_result;
%ignore cxm_ces7_result;
%ignore cxm_time_summary;
%ignore cxm_repeat_purchase;
%ignore cxm_bounce;
%ignore cxm_task_success;
%ignore cxm_clv_totals;
%ignore cxm_survey_ces_result;
%ignore cxm_clv_fit_result;
%ignore cxm_clv_holdout_errors;

/* The raw caller-buffer functions: the core's allocating helpers replace them. */
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
/* The progress pair: nil (no callback at all) or a proc (see cxm_rb_progress_cb). */
%typemap(in, numinputs=1) (cxm_clv_progress_fn progress, void *progress_user)
	(struct cxm_rb_progress progress_state) {
	memset(&progress_state, 0, sizeof progress_state);
	progress_state.proc = $input;
	progress_state.exc = Qnil;
	$1 = NIL_P($input) ? NULL : cxm_rb_progress_cb;
	$2 = &progress_state;
}
%typemap(freearg) (cxm_clv_progress_fn progress, void *progress_user) {
	struct cxm_rb_progress *p_ = (struct cxm_rb_progress *)$2;
	if (p_ && !NIL_P(p_->exc)) {
		cxm_rb_progress_exc = p_->exc;
		p_->exc = Qnil;
	} else if (p_ && p_->state) {
		cxm_rb_progress_state = p_->state;
	}
}
/* CLV: the fits take the option fields as arguments (l2_penalty,
 * max_iterations, gradient_tol, threads; 0 = default) and the progress proc. A fit result made from
 * known parameters is just a Hash here, so cxm_swig_clv_fit_result_make is
 * not needed. */
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
%ignore cxm_swig_clv_fit_result_make;
%rename(clv_fit) cxm_swig_clv_fit;
%rename(clv_fit_gamma_gamma) cxm_swig_clv_fit_gamma_gamma;
%rename(clv_fit_bgbb) cxm_swig_clv_fit_bgbb;
%rename(clv_fit_sbg) cxm_swig_clv_fit_sbg;
%rename(clv_expected_purchases) cxm_swig_clv_expected_purchases;
%rename(clv_p_alive) cxm_swig_clv_p_alive;
%rename(clv_expected_profit) cxm_swig_clv_expected_profit;
%rename(clv_discounted) cxm_swig_clv_discounted;
%rename(clv_sbg_curves) cxm_swig_clv_sbg_curves;
%rename(clv_calibration_table) cxm_swig_clv_calibration_table;
%rename(clv_bgbb_pmf) cxm_swig_clv_bgbb_pmf;

/* ---- status -> exception (C4, pitfall 10) ------------------------------------
 * Struct fields of type int are plain integers: copy the default typemap for
 * them before redefining `int`.
 */
%typemap(out) int cxm_error::code = int;
%typemap(out) int cxm_csat_result::threshold = int;
%typemap(out) int cxm_nps_comparison::method = int;
%typemap(out) int cxm_survey_ces_result::points = int;

%typemap(out) int %{
	$result = Qundef;
%}
%typemap(ret) int %{
	cxm_rb_resume_pending();
	if ($1 < 0) {
		cxm_rb_raise($1);
	}
	/* $result is not substituted in `ret`: vresult is the name SWIG's Ruby module uses */
	vresult = cxm_rb_outputs(vresult);
%}
%typemap(ret) int cxm_error::code ""
%typemap(ret) int cxm_csat_result::threshold ""
%typemap(ret) int cxm_nps_comparison::method ""
%typemap(ret) int cxm_survey_ces_result::points ""

%typemap(out) const cxm_error * %{
	$result = cxm_rb_h_error($1);
%}
%typemap(out) const char * %{
	$result = cxm_rb_str($1);
%}

/* ---- input arrays -------------------------------------------------------------- */
%typemap(in) (const double *CXM_RB_DOUBLES, size_t CXM_RB_LEN) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
	long n_ = RARRAY_LEN(ary_);
	double *buf_ = ALLOCV_N(double, store, n_);
	cxm_rb_fill_doubles(buf_, ary_, n_, "$1_name");
	$1 = buf_;
	$2 = (size_t)n_;
	cxm_rb_work += (size_t)n_;
}
%typemap(freearg) (const double *CXM_RB_DOUBLES, size_t CXM_RB_LEN) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}

%apply (const double *CXM_RB_DOUBLES, size_t CXM_RB_LEN) {
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
	(const double *breaks, size_t n_breaks),
	(const double *recency_days, size_t n_recency),
	(const double *frequency, size_t n_frequency),
	(const double *monetary, size_t n_monetary),
	(const double *recency_breaks, size_t n_recency_breaks),
	(const double *frequency_breaks, size_t n_frequency_breaks),
	(const double *monetary_breaks, size_t n_monetary_breaks),
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
	(const double *discount, size_t n_discount)
};

/* A fit result passed back in (a Hash, see cxm_rb_fit_from_hash), copied into
 * a C struct on the wrapper's stack. */
%typemap(in) const cxm_clv_fit_result *CXM_RB_FIT (cxm_clv_fit_result tmp) {
	cxm_rb_fit_from_hash(&tmp, $input, "$1_name");
	$1 = &tmp;
}
%apply const cxm_clv_fit_result *CXM_RB_FIT {
	const cxm_clv_fit_result *fit,
	const cxm_clv_fit_result *gg,
	const cxm_clv_fit_result *sbg
};

/* JSON text (cxm_clv_fit_result_from_json): a String, its bytes. */
%apply (char *STRING, size_t LENGTH) { (const char *json, size_t len) };

/* Bytes: a String (its bytes, any encoding) or an Array of Integer 0..255. */
%typemap(in) (const uint8_t *scores, size_t n) (VALUE store = 0) {
	if (RB_TYPE_P($input, T_STRING)) {
		long n_ = RSTRING_LEN($input);
		uint8_t *buf_ = ALLOCV_N(uint8_t, store, n_);
		memcpy(buf_, RSTRING_PTR($input), (size_t)n_);
		$1 = buf_;
		$2 = (size_t)n_;
	} else {
		VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
		long n_ = RARRAY_LEN(ary_);
		uint8_t *buf_ = ALLOCV_N(uint8_t, store, n_);
		cxm_rb_fill_bytes(buf_, ary_, n_, "$1_name");
		$1 = buf_;
		$2 = (size_t)n_;
	}
	cxm_rb_work += $2;
}
%typemap(freearg) (const uint8_t *scores, size_t n) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}

/* Arrays of String, copied into one buffer (ids are compared byte for byte). */
%typemap(in) (const char *const *CXM_RB_STRV, size_t CXM_RB_LEN) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
	size_t bytes_ = cxm_rb_strv_bytes(ary_, "$1_name");
	char *buf_ = (char *)ALLOCV(store, bytes_ ? bytes_ : 1);
	$1 = ($1_ltype)cxm_rb_fill_strv(buf_, ary_);
	$2 = (size_t)RARRAY_LEN(ary_);
	cxm_rb_work += $2;
}
%typemap(freearg) (const char *const *CXM_RB_STRV, size_t CXM_RB_LEN) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}
%apply (const char *const *CXM_RB_STRV, size_t CXM_RB_LEN) {
	(const char *const *user_ids, size_t n_ids),
	(const char *const *customer_ids, size_t n_ids)
};

/* Arrays of unsigned int (RFM scores). */
%typemap(in) (const unsigned int *CXM_RB_UINTS, size_t CXM_RB_LEN) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
	long n_ = RARRAY_LEN(ary_);
	unsigned int *buf_ = ALLOCV_N(unsigned int, store, n_);
	cxm_rb_fill_uints(buf_, ary_, n_, "$1_name");
	$1 = buf_;
	$2 = (size_t)n_;
	cxm_rb_work += $2;
}
%typemap(freearg) (const unsigned int *CXM_RB_UINTS, size_t CXM_RB_LEN) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}
%apply (const unsigned int *CXM_RB_UINTS, size_t CXM_RB_LEN) {
	(const unsigned int *r, size_t n_r),
	(const unsigned int *f, size_t n_f),
	(const unsigned int *m, size_t n_m)
};

/* ---- result structs ------------------------------------------------------------ */
%define CXM_RB_RESULT(TAG, VERSION)
%typemap(in, numinputs=0) cxm_ ## TAG *out (cxm_ ## TAG tmp) {
	memset(&tmp, 0, sizeof tmp);
	tmp.version = VERSION;
	$1 = &tmp;
}
%typemap(argout) cxm_ ## TAG *out {
	if (result >= 0)
		$result = cxm_rb_output($result, cxm_rb_h_ ## TAG($1));
}
%enddef

CXM_RB_RESULT(interval, CXM_INTERVAL_VERSION)
CXM_RB_RESULT(nps_result, CXM_NPS_RESULT_VERSION)
CXM_RB_RESULT(nps_ci, CXM_NPS_CI_VERSION)
CXM_RB_RESULT(nps_t_ci, CXM_NPS_T_CI_VERSION)
CXM_RB_RESULT(nps_comparison, CXM_NPS_COMPARISON_VERSION)
CXM_RB_RESULT(nps_weighted_result, CXM_NPS_WEIGHTED_RESULT_VERSION)
CXM_RB_RESULT(csat_result, CXM_CSAT_RESULT_VERSION)
CXM_RB_RESULT(ces5_result, CXM_CES5_RESULT_VERSION)
CXM_RB_RESULT(ces7_result, CXM_CES7_RESULT_VERSION)
CXM_RB_RESULT(time_summary, CXM_TIME_SUMMARY_VERSION)
CXM_RB_RESULT(repeat_purchase, CXM_REPEAT_PURCHASE_VERSION)
CXM_RB_RESULT(bounce, CXM_BOUNCE_VERSION)
CXM_RB_RESULT(task_success, CXM_TASK_SUCCESS_VERSION)
CXM_RB_RESULT(clv_totals, CXM_CLV_TOTALS_VERSION)
CXM_RB_RESULT(survey_ces_result, CXM_SURVEY_CES_RESULT_VERSION)
CXM_RB_RESULT(clv_fit_result, CXM_CLV_FIT_RESULT_VERSION)
CXM_RB_RESULT(clv_holdout_errors, CXM_CLV_HOLDOUT_ERRORS_VERSION)

/* ---- scalar outputs ---------------------------------------------------------------- */
%define CXM_RB_SCALAR_OUT(TYPE, NAME, CONV)
%typemap(in, numinputs=0) TYPE *NAME (TYPE tmp) {
	memset(&tmp, 0, sizeof tmp);
	$1 = &tmp;
}
%typemap(argout) TYPE *NAME {
	if (result >= 0)
		$result = cxm_rb_output($result, CONV(*$1));
}
%enddef
CXM_RB_SCALAR_OUT(double, out, DBL2NUM)
CXM_RB_SCALAR_OUT(double, day, DBL2NUM)
CXM_RB_SCALAR_OUT(size_t, out, SIZET2NUM)
CXM_RB_SCALAR_OUT(size_t, index, SIZET2NUM)
CXM_RB_SCALAR_OUT(int, model, INT2NUM)

/* csv.next: a Ruby boolean. */
%typemap(in, numinputs=0) int *has_row (int tmp = 0) {
	$1 = &tmp;
}
%typemap(argout) int *has_row {
	if (result >= 0)
		$result = cxm_rb_output($result, *$1 ? Qtrue : Qfalse);
}

/* cxm_version(int *major, int *minor, int *patch) returns void. */
%typemap(in, numinputs=0) int *major (int tmp = 0), int *minor (int tmp = 0),
	int *patch (int tmp = 0) {
	$1 = &tmp;
}
%typemap(argout) int *major, int *minor, int *patch {
	$result = cxm_rb_output($result, INT2NUM(*$1));
}

/* A borrowed string (rfm_rules.segment). */
%typemap(in, numinputs=0) const char **segment (const char *tmp = NULL) {
	$1 = ($1_ltype)&tmp;
}
%typemap(argout) const char **segment {
	if (result >= 0)
		$result = cxm_rb_output($result, cxm_rb_str(*$1));
}

/* A string the library allocated (survey_report.render): copied, then cxm_free. */
%typemap(in, numinputs=0) char **out (char *tmp = NULL) {
	$1 = &tmp;
}
%typemap(argout) char **out {
	if (result >= 0)
		$result = cxm_rb_output($result, cxm_rb_str(*$1));
}
%typemap(freearg) char **out {
	if ($1)
		cxm_free(*$1);
}

/* Arrays malloc'd by the core's helpers: copied into an Array, then free(). */
%define CXM_RB_OUT_ARRAY(TYPE, CONV)
%typemap(in, numinputs=0) (TYPE **CXM_RB_OUT, size_t *CXM_RB_NOUT) (TYPE *tmp = NULL, size_t ntmp = 0) {
	$1 = &tmp;
	$2 = &ntmp;
}
%typemap(argout) (TYPE **CXM_RB_OUT, size_t *CXM_RB_NOUT) {
	if (result >= 0)
		$result = cxm_rb_output($result, CONV(*$1, *$2));
}
%typemap(freearg) (TYPE **CXM_RB_OUT, size_t *CXM_RB_NOUT) {
	if ($1)
		free(*$1);
}
%enddef
CXM_RB_OUT_ARRAY(double, cxm_rb_ary_doubles)
CXM_RB_OUT_ARRAY(unsigned int, cxm_rb_ary_uints)
CXM_RB_OUT_ARRAY(size_t, cxm_rb_ary_sizes)

%apply (double **CXM_RB_OUT, size_t *CXM_RB_NOUT) {
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
%apply (unsigned int **CXM_RB_OUT, size_t *CXM_RB_NOUT) {
	(unsigned int **out_scores, size_t *n_out_scores),
	(unsigned int **out_recency_score, size_t *n_out_recency_score),
	(unsigned int **out_frequency_score, size_t *n_out_frequency_score),
	(unsigned int **out_monetary_score, size_t *n_out_monetary_score),
	(unsigned int **out_rfm_score, size_t *n_out_rfm_score)
};
%apply (size_t **CXM_RB_OUT, size_t *CXM_RB_NOUT) {
	(size_t **out_index, size_t *n_out_index)
};

/* ---- Init: error classes from CXM_ERRORS, result field lists ------------- */
%init %{
	cxm_rb_init(mNative);
%}

%include "../cxmetrics.i"
