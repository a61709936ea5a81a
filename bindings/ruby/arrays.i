/*
 * bindings/ruby/arrays.i - Ruby values in and out of the C calls: the pair
 * and scalar typemaps the core interface asks for (../core.i). Part of ruby.i.
 *
 * Inputs are copied into ALLOCV buffers (which the collector reclaims if a
 * conversion raises) while the GVL is held: an Array of numbers (nil is NaN),
 * a String or an Array of Integer 0..255 for bytes, an Array of Integer for
 * unsigned ints and uint32_t, an Array of String for strings. Each input adds its length
 * to cxm_rb_work (gvl.i). Caller-sized outputs take their length as the
 * argument and come back as Arrays.
 */
%{
static VALUE cxm_rb_to_ary(VALUE obj, const char *what)
{
	VALUE a = rb_check_array_type(obj);
	if (NIL_P(a))
		cxm_rb_raise_type(what, -1, "an Array", obj);
	return a;
}

/* Element i of an Array as a double (nil is NaN), byte or unsigned int. */
static double cxm_rb_double(VALUE v, const char *what, long i)
{
	if (RB_FLOAT_TYPE_P(v))
		return RFLOAT_VALUE(v);
	if (FIXNUM_P(v))
		return (double)FIX2LONG(v);
	if (NIL_P(v))
		return NAN;
	if (rb_obj_is_kind_of(v, rb_cNumeric))
		return NUM2DBL(v);
	cxm_rb_raise_type(what, i, "a number or nil", v);
	return 0.0;
}

/* An Integer outside 0..max: OUT_OF_RANGE (Cxmetrics::OutOfRange), as the
 * library gives for a value off its range: for unsigned ints naming the
 * value, for bytes as answers off every byte scale. */
static unsigned long cxm_rb_uint(VALUE v, const char *what, long i, unsigned long max)
{
	if (!RB_INTEGER_TYPE_P(v))
		cxm_rb_raise_type(what, i, "an Integer", v);
	if (!FIXNUM_P(v) || FIX2LONG(v) < 0 || (unsigned long)FIX2LONG(v) > max) {
		if (max != 255)
			cxm_rb_raise_str(CXM_EOUT_OF_RANGE, rb_sprintf("%s[%ld] = %" PRIsVALUE " is out of range "
								       "for unsigned int", what, i, v));
		cxm_rb_raise_str(CXM_EOUT_OF_RANGE, rb_sprintf("%s[%ld] is not a byte (0..255)", what, i));
	}
	return (unsigned long)FIX2LONG(v);
}

/* An Array of String as NUL-terminated strings in one buffer: the bytes
 * it needs (pointers, then the text), then the copy. The buffer comes from
 * ALLOCV in the typemap itself: ALLOCV may use alloca, whose memory would
 * not outlive a helper function. nil is a missing entry, a NULL pointer: the
 * library says what that means (a missing customer id, spec §16.3), never
 * the text "". */
static size_t cxm_rb_strings_size(VALUE a, const char *what)
{
	long i, n = RARRAY_LEN(a);
	size_t bytes = (size_t)n * sizeof(char *);
	for (i = 0; i < n; i++) {
		VALUE s = RARRAY_AREF(a, i);
		if (NIL_P(s))
			continue;
		if (!RB_TYPE_P(s, T_STRING))
			cxm_rb_raise_type(what, i, "a String", s);
		if (memchr(RSTRING_PTR(s), '\0', (size_t)RSTRING_LEN(s)))
			cxm_rb_raise_str(CXM_EBAD_ARG, rb_sprintf("%s[%ld] contains a NUL byte", what, i));
		bytes += (size_t)RSTRING_LEN(s) + 1;
	}
	return bytes ? bytes : 1;
}

static const char *const *cxm_rb_strings(void *buf, VALUE a)
{
	long i, n = RARRAY_LEN(a);
	const char **ptrs = (const char **)buf;
	char *p = (char *)(ptrs + n);
	for (i = 0; i < n; i++) {
		VALUE s = RARRAY_AREF(a, i);
		size_t len;
		if (NIL_P(s)) {
			ptrs[i] = NULL;
			continue;
		}
		len = (size_t)RSTRING_LEN(s);
		memcpy(p, RSTRING_PTR(s), len);
		p[len] = '\0';
		ptrs[i] = p;
		p += len + 1;
	}
	return ptrs;
}
%}

/* ---- inputs ---------------------------------------------------------------------- */
%define CXM_RB_IN(CTYPE, KIND, FILL)
%typemap(in) (const CTYPE *CXM_IN_ ## KIND, size_t CXM_IN_N) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
	long i_, n_ = RARRAY_LEN(ary_);
	CTYPE *buf_ = ALLOCV_N(CTYPE, store, n_);
	for (i_ = 0; i_ < n_; i_++)
		buf_[i_] = FILL;
	$1 = buf_;
	$2 = (size_t)n_;
	cxm_rb_work += $2;
}
%typemap(freearg) (const CTYPE *CXM_IN_ ## KIND, size_t CXM_IN_N) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}
%enddef
CXM_RB_IN(double, DOUBLES, cxm_rb_double(RARRAY_AREF(ary_, i_), "$1_name", i_))
CXM_RB_IN(unsigned int, UINTS, (unsigned int)cxm_rb_uint(RARRAY_AREF(ary_, i_), "$1_name", i_, UINT_MAX))
CXM_RB_IN(uint32_t, UINT32S, (uint32_t)cxm_rb_uint(RARRAY_AREF(ary_, i_), "$1_name", i_, UINT32_MAX))
CXM_RB_IN(uint8_t, BYTES, (uint8_t)cxm_rb_uint(RARRAY_AREF(ary_, i_), "$1_name", i_, 255))

/* Bytes may also be a String: its bytes, whatever its encoding. */
%typemap(in) (const uint8_t *CXM_IN_BYTES, size_t CXM_IN_N) (VALUE store = 0) {
	if (RB_TYPE_P($input, T_STRING)) {
		long n_ = RSTRING_LEN($input);
		uint8_t *buf_ = ALLOCV_N(uint8_t, store, n_);
		memcpy(buf_, RSTRING_PTR($input), (size_t)n_);
		$1 = buf_;
		$2 = (size_t)n_;
	} else {
		VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
		long i_, n_ = RARRAY_LEN(ary_);
		uint8_t *buf_ = ALLOCV_N(uint8_t, store, n_);
		for (i_ = 0; i_ < n_; i_++)
			buf_[i_] = (uint8_t)cxm_rb_uint(RARRAY_AREF(ary_, i_), "$1_name", i_, 255);
		$1 = buf_;
		$2 = (size_t)n_;
	}
	cxm_rb_work += $2;
}

%typemap(in) (const char *const *CXM_IN_STRINGS, size_t CXM_IN_N) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
	void *buf_ = ALLOCV(store, cxm_rb_strings_size(ary_, "$1_name"));
	$1 = ($1_ltype)cxm_rb_strings(buf_, ary_);
	$2 = (size_t)RARRAY_LEN(ary_);
	cxm_rb_work += $2;
}
%typemap(freearg) (const char *const *CXM_IN_STRINGS, size_t CXM_IN_N) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}

/* JSON text: a String, its bytes. */
%apply (char *STRING, size_t LENGTH) { (const char *json, size_t len) };

/* ---- caller-sized outputs: the length in, an Array out --------------------------- */
%define CXM_RB_OUT(CTYPE, KIND, CONV)
%typemap(in, numinputs=1) (CTYPE *CXM_OUT_ ## KIND, size_t CXM_OUT_N) (VALUE store = 0) {
	long n_ = NUM2LONG($input);
	if (n_ < 0)
		cxm_rb_raise_str(CXM_EBAD_ARG, rb_sprintf("$1_name: a length must be >= 0, got %ld", n_));
	$1 = ALLOCV_N(CTYPE, store, n_);
	$2 = (size_t)n_;
}
%typemap(argout) (CTYPE *CXM_OUT_ ## KIND, size_t CXM_OUT_N) {
	VALUE a_ = rb_ary_new_capa((long)$2);
	size_t i_;
	for (i_ = 0; i_ < $2; i_++)
		rb_ary_push(a_, CONV($1[i_]));
	CXM_APPEND($result, a_);
}
%typemap(freearg) (CTYPE *CXM_OUT_ ## KIND, size_t CXM_OUT_N) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}
%enddef
CXM_RB_OUT(double, DOUBLES, DBL2NUM)
CXM_RB_OUT(unsigned int, UINTS, UINT2NUM)
CXM_RB_OUT(uint32_t, UINT32S, UINT2NUM)
CXM_RB_OUT(size_t, SIZES, SIZET2NUM)
CXM_RB_OUT(unsigned char, UCHARS, UINT2NUM)

/* A text buffer of cap bytes (cxm_persona_names_draw): the capacity in, a
 * String (UTF-8) out; capacity 0 passes NULL (not wanted) and gives nil. */
%typemap(in, numinputs=1) (char *CXM_OUT_CHARS, size_t CXM_OUT_N) (VALUE store = 0) {
	long n_ = NUM2LONG($input);
	if (n_ < 0)
		cxm_rb_raise_str(CXM_EBAD_ARG, rb_sprintf("$1_name: a capacity must be >= 0, got %ld", n_));
	$1 = n_ ? ALLOCV_N(char, store, n_) : NULL;
	if ($1)
		memset($1, 0, (size_t)n_);
	$2 = (size_t)n_;
}
%typemap(argout) (char *CXM_OUT_CHARS, size_t CXM_OUT_N) {
	CXM_APPEND($result, $1 ? rb_utf8_str_new($1, (long)CXM_TEXT_LEN($1, $2)) : Qnil);
}
%typemap(freearg) (char *CXM_OUT_CHARS, size_t CXM_OUT_N) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}

/* An array the function reads and writes (cxm_nmf_fit's starting factors):
 * an Array of numbers in, a new Array of the values after the call out. */
%typemap(in) (double *CXM_INOUT_DOUBLES, size_t CXM_INOUT_N) (VALUE store = 0) {
	VALUE ary_ = cxm_rb_to_ary($input, "$1_name");
	long i_, n_ = RARRAY_LEN(ary_);
	double *buf_ = ALLOCV_N(double, store, n_);
	for (i_ = 0; i_ < n_; i_++)
		buf_[i_] = cxm_rb_double(RARRAY_AREF(ary_, i_), "$1_name", i_);
	$1 = buf_;
	$2 = (size_t)n_;
	cxm_rb_work += $2;
}
%typemap(argout) (double *CXM_INOUT_DOUBLES, size_t CXM_INOUT_N) {
	VALUE a_ = rb_ary_new_capa((long)$2);
	size_t i_;
	for (i_ = 0; i_ < $2; i_++)
		rb_ary_push(a_, DBL2NUM($1[i_]));
	CXM_APPEND($result, a_);
}
%typemap(freearg) (double *CXM_INOUT_DOUBLES, size_t CXM_INOUT_N) {
	if (store$argnum)
		ALLOCV_END(store$argnum);
}

/* ---- scalar outputs ---------------------------------------------------------------- */
%define CXM_RB_SCALAR(CTYPE, KIND, CONV)
%typemap(in, numinputs=0) CTYPE *CXM_OUT_ ## KIND (CTYPE temp) {
	memset(&temp, 0, sizeof temp);
	$1 = ($1_ltype)&temp; /* SWIG declares `const char **` arguments without the const */
}
%typemap(argout) CTYPE *CXM_OUT_ ## KIND {
	CXM_APPEND($result, CONV(*$1));
}
%enddef
CXM_RB_SCALAR(double, DOUBLE, DBL2NUM)
CXM_RB_SCALAR(size_t, SIZE, SIZET2NUM)
CXM_RB_SCALAR(int, INT, INT2NUM)
CXM_RB_SCALAR(unsigned int, UINT, UINT2NUM)
%{
static VALUE cxm_rb_str(const char *s)
{
	return s ? rb_utf8_str_new_cstr(s) : Qnil;
}
%}
CXM_RB_SCALAR(const char *, BORROWED, cxm_rb_str)
CXM_RB_SCALAR(char *, STRING, cxm_rb_str)
%typemap(freearg) char **CXM_OUT_STRING {
	cxm_free(*$1);
}
/* A borrowed string is not freed. Without a freearg of its own, SWIG would
 * match `const char **out` (cxm_table_get_attr_text) to the one of
 * `char **out` above and free the table's text. */
%typemap(freearg) const char **CXM_OUT_BORROWED ""
%typemap(out) const char * %{
	$result = cxm_rb_str($1);
%}

/* cxm_csv_field gives the field and its length (a field may hold a NUL
 * byte): a String of that length, or nil. Its `out` leaves the return value
 * to `ret`, which runs after the generated scalar output has collected *len. */
%typemap(out) const char *cxm_csv_field %{
	$result = Qundef;
%}
%typemap(ret) const char *cxm_csv_field %{
	vresult = $1 ? rb_utf8_str_new($1, NUM2LONG(cxm_rb_outputs(vresult))) : Qnil;
%}

/* A fitted model's parameter arrays: an Array of CXM_CLV_MAX_PARAMS floats. */
%typemap(out) double params[ANY], double se[ANY] {
	size_t i_;
	$result = rb_ary_new_capa($1_dim0);
	for (i_ = 0; i_ < $1_dim0; i_++)
		rb_ary_push($result, DBL2NUM($1[i_]));
}
