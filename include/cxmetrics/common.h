/*
 * cxmetrics/common.h - export macros and the small vocabulary every module shares.
 *
 * Conventions (docs/conventions.md states them once):
 *  - every fallible function returns int: CXM_OK (0) or a negative CXM_E* code,
 *    and leaves a message in cxm_error_last();
 *  - results go to caller-owned structs whose first field is `version`
 *    (set it with the type's *_INIT macro); arrays go in as (pointer, length)
 *    pairs, each array with its own length, so mismatches are detected here;
 *  - counts that arrive as parameters are doubles so that the library itself can
 *    reject 4.5 or -1 (they must be integers in [0, 2^53]);
 *  - z = 0 means "derive z from conf"; any other z must be finite and > 0.
 */
#ifndef CXMETRICS_COMMON_H
#define CXMETRICS_COMMON_H

#include <stddef.h>

#if defined(_WIN32) && !defined(CXM_STATIC)
#  ifdef CXM_BUILDING
#    define CXM_API __declspec(dllexport)
#  else
#    define CXM_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define CXM_API __attribute__((visibility("default")))
#else
#  define CXM_API
#endif

#ifdef __cplusplus
#  define CXM_BEGIN_DECL extern "C" {
#  define CXM_END_DECL   }
#else
#  define CXM_BEGIN_DECL
#  define CXM_END_DECL
#endif

CXM_BEGIN_DECL

/**
 * What every fallible function returns: CXM_OK (0) or a negative
 * cxm_error_code. An int under its own name (ABI-identical to int), so that
 * "this is a status" is stated in the type: the bindings turn every
 * cxm_status into an exception with one typemap, and a plain int (a struct
 * field, a count) stays a plain number.
 */
typedef int cxm_status;

/** What to do with NaN inputs (spec §0.3). */
typedef enum cxm_nan_policy {
	CXM_NAN_ERROR = 0, /**< any NaN is CXM_ENAN (default) */
	CXM_NAN_OMIT = 1   /**< NaN entries are dropped before anything else */
} cxm_nan_policy;

/** Pass as `z` to derive the critical value from `conf` (spec §0.6). */
#define CXM_Z_FROM_CONF 0.0

/** The conventional confidence level. */
#define CXM_CONF_DEFAULT 0.95

/** Two-sided confidence interval on a proportion, in [0, 1] units. */
typedef struct cxm_interval {
	unsigned int version; /**< CXM_INTERVAL_VERSION */
	double lower;
	double upper;
} cxm_interval;
#define CXM_INTERVAL_VERSION 1
#define CXM_INTERVAL_INIT { CXM_INTERVAL_VERSION, 0.0, 0.0 }

CXM_END_DECL

#endif
