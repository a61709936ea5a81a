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
/* Cxmetrics::ArgumentTypeError < InvalidArgument: a Ruby value of the wrong
 * type (a String from a form, nil, a Hash, a Float range where a number or an
 * Integer is expected). A subclass of the library's BAD_ARG so that one
 * `rescue Cxmetrics::Error` catches every bad input, whichever side saw it. */
static VALUE cxm_rb_eArgumentType = Qnil;

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
	cxm_rb_eArgumentType = rb_define_class_under(mCxm, "ArgumentTypeError",
						     cxm_rb_error_classes[-CXM_EBAD_ARG]);
	rb_gc_register_address(&cxm_rb_eArgumentType);
	rb_define_const(mCxm, "ERROR_CLASSES", rb_obj_freeze(classes));
}

/* Raise `cls` (a Cxmetrics::Error class) with `message` and the code of the
 * library's error it stands for. */
static void cxm_rb_raise_class(VALUE cls, int code, VALUE message)
{
	VALUE exc = rb_exc_new_str(cls, message);
	rb_ivar_set(exc, rb_intern("@code"), INT2NUM(code));
	rb_ivar_set(exc, rb_intern("@name"), rb_str_new_cstr(cxm_error_name(code)));
	rb_exc_raise(exc);
}

/* The class of `code` with the message `message` (a Ruby String). */
static void cxm_rb_raise_str(int code, VALUE message)
{
	VALUE cls = cxm_rb_eError;
	if (code < 0 && -code <= CXM_RB_MAX_CODE && cxm_rb_error_classes[-code])
		cls = cxm_rb_error_classes[-code];
	cxm_rb_raise_class(cls, code, message);
}

/* "what[i]: expected EXPECTED, got VALUE (Class)" as ArgumentTypeError (i < 0:
 * no index). The value is shown (inspect, cut at 40 characters) because "got
 * String" alone does not tell a form's "9" from a stray "abc". */
static void cxm_rb_raise_type(const char *what, long i, const char *expected, VALUE got)
{
	VALUE shown = rb_inspect(got);
	VALUE msg = i < 0 ? rb_sprintf("%s: expected %s, got ", what, expected)
			  : rb_sprintf("%s[%ld]: expected %s, got ", what, i, expected);
	if (RSTRING_LEN(shown) > 40)
		shown = rb_str_cat_cstr(rb_str_substr(shown, 0, 40), "...");
	rb_str_append(msg, shown);
	rb_str_catf(msg, " (%s)", rb_obj_classname(got));
	cxm_rb_raise_class(cxm_rb_eArgumentType, CXM_EBAD_ARG, msg);
}

/* SWIG's own conversion failures (a scalar argument of the wrong type or out
 * of the C type's range) come here instead of TypeError / RangeError with
 * SWIG's wording ("Expected argument 1 of type double, but got String ...
 * in SWIG method 'cxm_nps_wald'", which counts the C parameters from 0):
 * Cxmetrics::ArgumentTypeError (a range: OutOfRange) saying which C
 * function, which of its parameters (from 1), what C wanted and what it got.
 * The idiomatic layer checks most arguments first, by their Ruby names; this
 * is the net under it. Other SWIG errors keep SWIG's classes. */
static void cxm_rb_swig_error(int swig_code, const char *msg)
{
	int argn = 0, used = 0;
	char type[64] = "", method[96] = "?";
	const char *got, *in, *what;
	VALUE text;
	if (swig_code != SWIG_TypeError && swig_code != SWIG_OverflowError && swig_code != SWIG_ValueError)
		rb_raise(SWIG_Ruby_ErrorType(swig_code), "%s", msg);
	if (sscanf(msg, "Expected argument %d of type %63[^,], but got %n", &argn, type, &used) < 2 || !used) {
		/* not the usual form: keep the text, in our class */
		cxm_rb_raise_class(swig_code == SWIG_OverflowError ? cxm_rb_error_classes[-CXM_EOUT_OF_RANGE]
								 : cxm_rb_eArgumentType,
				   swig_code == SWIG_OverflowError ? CXM_EOUT_OF_RANGE : CXM_EBAD_ARG,
				   rb_utf8_str_new_cstr(msg));
	}
	got = msg + used;
	in = strstr(got, "\n\tin SWIG method '");
	if (in)
		sscanf(in, "\n\tin SWIG method '%95[^']'", method);
	what = strstr(type, "char") && strchr(type, '*') ? "a String"
	       : strchr(type, '*')			 ? "an object of the library"
	       : strstr(type, "double")			 ? "a number"
	       : strstr(type, "size_t") || strstr(type, "unsigned") ? "an Integer >= 0"
								    : "an Integer";
	/* SWIG counts the C parameters from 0, the result pointer included */
	text = rb_sprintf("%s: C parameter %d: expected %s (C %s), got ", method, argn + 1, what, type);
	{
		/* "String \"9\"" (class, inspect) as "\"9\" (String)", as the other messages */
		long len = in ? (long)(in - got) : (long)strlen(got);
		const char *space = memchr(got, ' ', (size_t)len);
		if (space) {
			rb_str_cat(text, space + 1, len - (long)(space + 1 - got));
			rb_str_catf(text, " (%.*s)", (int)(space - got), got);
		} else {
			rb_str_cat(text, got, len);
		}
	}
	cxm_rb_raise_class(swig_code == SWIG_OverflowError ? cxm_rb_error_classes[-CXM_EOUT_OF_RANGE]
							 : cxm_rb_eArgumentType,
			   swig_code == SWIG_OverflowError ? CXM_EOUT_OF_RANGE : CXM_EBAD_ARG, text);
}
#undef SWIG_Error
#define SWIG_Error(code, msg) cxm_rb_swig_error((code), (msg))

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
