/*
 * bindings/ruby/ruby.i - the Ruby side of the SWIG binding (conventions C11).
 *
 * Built with `swig -ruby -prefix cxmetrics::` into Cxmetrics::Native
 * (Init_native, file cxmetrics/native.so, pitfall 9): the typemaps the core
 * interface asks for, by job — errors.i (statuses as exceptions, outputs),
 * gvl.i (long calls without the GVL, the progress proc), arrays.i (values in
 * and out) — then the core interface, ../core.i. The idiomatic layer is
 * lib/cxmetrics.rb.
 */
%module(package="cxmetrics") native


%include "errors.i"
%include "gvl.i"
%include "arrays.i"

/* Native::RESULT_FIELDS (from ruby_gen.h) and Native::NOGVL_MIN. */
%{
static void cxm_rb_init_native(VALUE mNative)
{
	VALUE fields = rb_hash_new();
#define CXM_RB_FIELD_LIST(tag, ...) \
	{ \
		static const char *const names_[] = { __VA_ARGS__ }; \
		VALUE list_ = rb_ary_new(); \
		size_t k_; \
		for (k_ = 0; k_ < sizeof names_ / sizeof *names_; k_++) \
			rb_ary_push(list_, ID2SYM(rb_intern(names_[k_]))); \
		rb_hash_aset(fields, ID2SYM(rb_intern(#tag)), rb_obj_freeze(list_)); \
	}
	CXM_RB_RESULT_FIELDS(CXM_RB_FIELD_LIST)
#undef CXM_RB_FIELD_LIST
	rb_define_const(mNative, "RESULT_FIELDS", rb_obj_freeze(fields));
	rb_define_const(mNative, "NOGVL_MIN", SIZET2NUM(CXM_RB_NOGVL_MIN));
}
%}
%init %{
	cxm_rb_init_errors();
	rb_gc_register_address(&cxm_rb_progress_exc);
	cxm_rb_init_native(mNative);
%}

%include "../core.i"
