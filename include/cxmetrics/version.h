/*
 * cxmetrics/version.h - compile-time and run-time versions.
 */
#ifndef CXMETRICS_VERSION_H
#define CXMETRICS_VERSION_H

#include "common.h"

CXM_BEGIN_DECL

#define CXM_VERSION_MAJOR 0
#define CXM_VERSION_MINOR 1
#define CXM_VERSION_PATCH 0
#define CXM_VERSION_STRING "0.1.0"
#define CXM_VERSION_NUMBER \
	(CXM_VERSION_MAJOR * 10000 + CXM_VERSION_MINOR * 100 + CXM_VERSION_PATCH)
#define CXM_VERSION_CHECK(a, b, c) \
	(CXM_VERSION_NUMBER >= (a) * 10000 + (b) * 100 + (c))

/**
 * Version of the library actually linked (bindings compare it with the headers
 * they were built against and refuse a mismatch).
 * @param major  out: CXM_VERSION_MAJOR of the library; may be NULL.
 * @param minor  out: its minor version; may be NULL.
 * @param patch  out: its patch version; may be NULL.
 * Errors: none.
 * Ownership: nothing allocated.
 * Thread safety: pure.
 */
CXM_API void cxm_version(int *major, int *minor, int *patch);

/**
 * "MAJOR.MINOR.PATCH" of the linked library.
 * Errors: none. Ownership: static string. Thread safety: pure.
 */
CXM_API const char *cxm_version_string(void);

CXM_END_DECL

#endif
