/* lib/core/version.c - the run-time version. */
#include "internal.h"

void cxm_version(int *major, int *minor, int *patch)
{
	if (major)
		*major = CXM_VERSION_MAJOR;
	if (minor)
		*minor = CXM_VERSION_MINOR;
	if (patch)
		*patch = CXM_VERSION_PATCH;
}

const char *cxm_version_string(void)
{
	return CXM_VERSION_STRING;
}
