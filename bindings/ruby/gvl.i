/*
 * bindings/ruby/gvl.i - long C calls run without the GVL, and the fit
 * progress proc. Part of ruby.i.
 *
 * Ruby has no `swig -threads`: bindings/gen_swig.py writes, for every C
 * function that takes an array, a path or fit options, a thunk and a macro
 * that sends each call of it through cxm_rb_run (ruby_gen.h, included
 * below). The inputs were copied into C memory by the typemaps first, so the
 * C code reads no Ruby object. cxm_rb_run releases the GVL when the inputs
 * are big enough to be worth it (cxm_rb_work, the elements the typemaps
 * converted, at least CXM_RB_NOGVL_MIN; fits count each element 64 times).
 *
 * rb_thread_call_without_gvl runs pending interrupts before and after the
 * call, and one may raise (Thread#raise, Thread#kill, Ctrl-C): that jump is
 * caught with rb_protect and parked in cxm_rb_pending, the function runs
 * anyway if the jump came first, and the jump is resumed in the status's
 * `ret` typemap, where nothing is left to free (a handle the call made is
 * already an object then, owned by the collector). cxm_rb_work and
 * cxm_rb_pending are only touched while holding the GVL.
 */
%{
#include <ruby/thread.h>

#define CXM_RB_NOGVL_MIN 4096
#define CXM_RB_FIT_WORK 64
static size_t cxm_rb_work = 0;
static int cxm_rb_pending = 0;
/* Set on the thread running a C function without the GVL, for the call: a
 * progress callback must then take the GVL back (and must not otherwise). */
static _Thread_local int cxm_rb_without_gvl = 0;
/* What a progress proc raised (or the tag of a throw), resumed after the call. */
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
	struct cxm_rb_call c = { fn, data, 0 };
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

/* Resume a parked interrupt first, then what a progress proc raised. */
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

/* A C string argument, copied while the GVL is held (another Ruby thread
 * may change the String once it is released); freed by the thunk. */
static char *cxm_rb_strdup(const char *s)
{
	char *copy;
	if (!s || !(copy = (char *)malloc(strlen(s) + 1)))
		return NULL;
	return strcpy(copy, s);
}

/* ---- fit progress ---------------------------------------------------------------
 * cxm_clv_fit_opts_set_progress(opts, proc): the proc is called as
 * proc.(iteration, loglik, gradient_norm) on the fitting thread, which
 * takes the GVL back when the fit released it, under rb_protect so that no
 * jump crosses the C frames of the fit. True or :stop stops the fit
 * (Cancelled); an exception stops it and is raised after the fit in place
 * of Cancelled. The options object keeps the proc (an instance variable of
 * its proxy: argv[0] is the options argument of cxm_clv_fit_opts_set_progress). */
struct cxm_rb_progress {
	VALUE proc;
	unsigned int iteration;
	double loglik, gradient_norm;
	int stop;
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
			cxm_rb_progress_exc = err;
			rb_set_errinfo(Qnil);
		} else {
			cxm_rb_progress_state = state; /* throw or break: resumed as it was */
		}
	} else {
		s->stop = r == Qtrue || r == ID2SYM(rb_intern("stop"));
	}
	return NULL;
}

static int cxm_rb_progress_cb(void *user, unsigned int iteration, double loglik, double gradient_norm)
{
	struct cxm_rb_progress s = { (VALUE)user, iteration, loglik, gradient_norm, 0 };
	if (cxm_rb_without_gvl)
		rb_thread_call_with_gvl(cxm_rb_progress_with_gvl, &s);
	else
		cxm_rb_progress_with_gvl(&s);
	return s.stop;
}

/* Clustering progress (cxm_cluster_opts_set_progress): the same rules, the
 * proc called as proc.(step, total, value) (value: the cost after an
 * iteration of a fit, NaN for a step of choose_k or stability). */
struct cxm_rb_cluster_progress {
	VALUE proc;
	size_t step, total;
	double value;
	int stop;
};

static VALUE cxm_rb_cluster_progress_call(VALUE p)
{
	struct cxm_rb_cluster_progress *s = (struct cxm_rb_cluster_progress *)p;
	return rb_funcall(s->proc, rb_intern("call"), 3, SIZET2NUM(s->step), SIZET2NUM(s->total),
			  DBL2NUM(s->value));
}

static void *cxm_rb_cluster_progress_with_gvl(void *p)
{
	struct cxm_rb_cluster_progress *s = (struct cxm_rb_cluster_progress *)p;
	int state = 0;
	VALUE r = rb_protect(cxm_rb_cluster_progress_call, (VALUE)s, &state);
	if (state) {
		VALUE err = rb_errinfo();
		s->stop = 1;
		if (rb_obj_is_kind_of(err, rb_eException)) {
			cxm_rb_progress_exc = err;
			rb_set_errinfo(Qnil);
		} else {
			cxm_rb_progress_state = state;
		}
	} else {
		s->stop = r == Qtrue || r == ID2SYM(rb_intern("stop"));
	}
	return NULL;
}

static int cxm_rb_cluster_progress_cb(void *user, size_t step, size_t total, double value)
{
	struct cxm_rb_cluster_progress s = { (VALUE)user, step, total, value, 0 };
	if (cxm_rb_without_gvl)
		rb_thread_call_with_gvl(cxm_rb_cluster_progress_with_gvl, &s);
	else
		cxm_rb_cluster_progress_with_gvl(&s);
	return s.stop;
}

#include "ruby_gen.h"
%}

%typemap(in, numinputs=1) (cxm_clv_progress_fn fn, void *user) {
	if (!NIL_P($input) && !rb_respond_to($input, rb_intern("call")))
		cxm_rb_raise_type("progress", -1, "nil or an object that responds to #call", $input);
	rb_ivar_set(argv[0], rb_intern("@progress"), $input);
	$1 = NIL_P($input) ? NULL : cxm_rb_progress_cb;
	$2 = NIL_P($input) ? NULL : (void *)$input;
}

%typemap(in, numinputs=1) (cxm_cluster_progress_fn fn, void *user) {
	if (!NIL_P($input) && !rb_respond_to($input, rb_intern("call")))
		cxm_rb_raise_type("progress", -1, "nil or an object that responds to #call", $input);
	rb_ivar_set(argv[0], rb_intern("@progress"), $input);
	$1 = NIL_P($input) ? NULL : cxm_rb_cluster_progress_cb;
	$2 = NIL_P($input) ? NULL : (void *)$input;
}
