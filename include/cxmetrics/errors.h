/*
 * cxmetrics/errors.h - status codes and the thread-local last error.
 *
 * CXM_ERRORS is the one table of error codes. It generates the C enum,
 * cxm_error_name(), the Python exception classes (cxmetrics.Error subclasses)
 * and the Ruby classes (Cxmetrics::Error subclasses). Add a row here and every
 * language gets it.
 *
 * Columns: NAME (spec §0.2 code), value, binding class name, description.
 */
#ifndef CXMETRICS_ERRORS_H
#define CXMETRICS_ERRORS_H

#include "common.h"

CXM_BEGIN_DECL

#define CXM_ERRORS(X) \
	X(EMPTY,        -1,  EmptyInput,      "no usable observations or a zero denominator") \
	X(TOO_FEW,      -2,  TooFew,          "the method needs more observations") \
	X(OUT_OF_RANGE, -3,  OutOfRange,      "value outside its scale or domain") \
	X(NON_INTEGER,  -4,  NonInteger,      "non-integer value on a discrete scale") \
	X(NAN,          -5,  NanInput,        "NaN present while nan_policy is error") \
	X(BAD_WEIGHTS,  -6,  BadWeights,      "weight NaN, infinite or negative, or weights sum to zero") \
	X(BAD_ARG,      -7,  InvalidArgument, "invalid argument") \
	X(INCONSISTENT, -8,  Inconsistent,    "inputs valid alone but impossible together") \
	X(DOMAIN,       -9,  DomainError,     "formula undefined for these parameters") \
	X(NOMEM,        -10, OutOfMemory,     "out of memory") \
	X(VERSION,      -11, VersionMismatch, "unknown struct version") \
	X(IO,           -12, IOFailure,       "file could not be read") \
	X(PARSE,        -13, ParseError,      "malformed input text") \
	X(CANCELLED,    -14, Cancelled,       "stopped by the caller")

/*
 * No name in a public header contains two underscores in a row (C++ reserves
 * such names: clang++ -Wreserved-identifier, tests/headers), so the helper
 * macro and the last code's alias have one.
 */
/** Status codes: CXM_OK or one of the negative CXM_E* values. */
typedef enum cxm_error_code {
	CXM_OK = 0,
#define CXM_ERROR_ENUMERATOR(name, value, cls, desc) CXM_E##name = value,
	CXM_ERRORS(CXM_ERROR_ENUMERATOR)
#undef CXM_ERROR_ENUMERATOR
	CXM_E_LAST = -14 /**< the most negative code (not a code of its own) */
} cxm_error_code;

/** The last error on this thread. */
typedef struct cxm_error {
	int code;            /**< a cxm_error_code */
	const char *message; /**< names the problem: argument, index, value */
} cxm_error;

/**
 * The last error raised on the calling thread.
 * @return never NULL; {CXM_OK, ""} when nothing failed yet. Only meaningful
 *         right after a function returned a negative code (a call that
 *         succeeds may leave an earlier error in place).
 * Errors: none.
 * Ownership: borrowed; valid until the next cxmetrics call on this thread.
 * Thread safety: thread-local.
 */
CXM_API const cxm_error *cxm_error_last(void);

/**
 * Reset this thread's last error to {CXM_OK, ""}.
 * Errors: none. Ownership: nothing allocated. Thread safety: thread-local.
 */
CXM_API void cxm_error_clear(void);

/**
 * Symbolic name of a code: "EMPTY", "BAD_ARG", ... ("OK" for 0, "UNKNOWN" otherwise).
 * Errors: none. Ownership: static string. Thread safety: pure.
 */
CXM_API const char *cxm_error_name(int code);

/**
 * One-line description of a code (the table's last column); "success" for 0,
 * "unknown error code" for a code not in the table.
 * Errors: none. Ownership: static string. Thread safety: pure.
 */
CXM_API const char *cxm_error_describe(int code);

CXM_END_DECL

#endif
