/*
 * bindings/ruby/errors.i - statuses as exceptions: Cxmetrics::Error and one
 * subclass per row of CXM_ERRORS, made at Init time, and the typemaps that
 * raise them. Part of ruby.i.
 *
 * A status is raised in `ret`, which SWIG emits after freearg (pitfall 10:
 * rb_raise longjmps, and nothing must be left to free), after any jump that
 * was parked while the GVL was released (gvl.i).
 */
%{
#define CXM_RB_MAX_CODE 63
static VALUE cxm_rb_eError = Qnil;
static VALUE cxm_rb_error_classes[CXM_RB_MAX_CODE + 1];

/* Raise the class of `code` with `message` (copied before raising). */
static void cxm_rb_raise_msg(int code, const char *message)
{
	VALUE cls = cxm_rb_eError, exc;
	if (code < 0 && -code <= CXM_RB_MAX_CODE && cxm_rb_error_classes[-code])
		cls = cxm_rb_error_classes[-code];
	/* the library's messages are UTF-8 (a file's quoted bytes are escaped): a
	 * message with "§" or a customer's name compares equal to a Ruby literal */
	exc = rb_exc_new_str(cls, rb_utf8_str_new_cstr(message && *message ? message : cxm_error_describe(code)));
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

/* Error#code and #name: set on raised errors, else the class constants. */
static VALUE cxm_rb_error_attr(VALUE self, const char *ivar, const char *constant)
{
	VALUE v = rb_attr_get(self, rb_intern(ivar));
	VALUE klass = rb_obj_class(self);
	if (NIL_P(v) && rb_const_defined(klass, rb_intern(constant)))
		v = rb_const_get(klass, rb_intern(constant));
	return v;
}
static VALUE cxm_rb_error_code(VALUE self) { return cxm_rb_error_attr(self, "@code", "CODE"); }
static VALUE cxm_rb_error_name(VALUE self) { return cxm_rb_error_attr(self, "@name", "NAME"); }

/* The classes (CODE, NAME, DESCRIPTION each; Cxmetrics::ERROR_CLASSES in table order). */
static void cxm_rb_init_errors(void)
{
	VALUE mCxm = rb_define_module("Cxmetrics"), classes = rb_ary_new();
	cxm_rb_eError = rb_define_class_under(mCxm, "Error", rb_eStandardError);
	rb_gc_register_address(&cxm_rb_eError);
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
}

/* Outputs are collected in a list: the status's `out` starts it as Qundef,
 * each argout appends (CXM_APPEND), and `ret` turns it into the return
 * value: nil, the single output, or an Array of them. (SWIG's own append
 * would splice an Array output into the list.) */
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

#define CXM_APPEND(result, obj) ((result) = cxm_rb_output((result), (obj)))
#define CXM_NOMEM() rb_raise(rb_eNoMemError, "cxmetrics: out of memory")
%}

%typemap(out) cxm_status %{
	$result = Qundef;
%}
%typemap(ret) cxm_status %{
	cxm_rb_resume_pending();
	if ($1 < 0)
		cxm_rb_raise($1);
	/* $result is not substituted in `ret`: vresult is SWIG's Ruby name for it */
	vresult = cxm_rb_outputs(vresult);
%}
