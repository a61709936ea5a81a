/* lib/core/error.c - the error table and the thread-local last error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

/* Long enough for "file:line:column 'name': 'value' ..." with a long path. */
#define CXM__MESSAGE_MAX 1024

static _Thread_local char last_message[CXM__MESSAGE_MAX];
static _Thread_local cxm_error last_error = { CXM_OK, "" };

const cxm_error *cxm_error_last(void)
{
	if (last_error.message == NULL)
		last_error.message = "";
	return &last_error;
}

void cxm_error_clear(void)
{
	last_message[0] = '\0';
	last_error.code = CXM_OK;
	last_error.message = last_message;
}

int cxm__fail(int code, const char *fmt, ...)
{
	va_list ap;
	int used = cxm__snprintf_c(last_message, sizeof last_message, "%s: ", cxm_error_name(code));
	if (used < 0)
		used = 0;
	va_start(ap, fmt);
	cxm__vsnprintf_c(last_message + used, sizeof last_message - (size_t)used, fmt, ap);
	va_end(ap);
	last_error.code = code;
	last_error.message = last_message;
	return code;
}

int cxm__error_context(const char *context)
{
	char detail[CXM__MESSAGE_MAX];
	const char *name = cxm_error_name(last_error.code);
	const char *rest = last_message;
	size_t len = strlen(name);
	if (strncmp(rest, name, len) == 0 && rest[len] == ':' && rest[len + 1] == ' ')
		rest += len + 2; /* drop "NAME: "; cxm__fail writes it again */
	cxm__snprintf_c(detail, sizeof detail, "%s", rest);
	return cxm__fail(last_error.code, "%s: %s", context, detail);
}

int cxm__customer_context(const char *id, size_t row)
{
	char quoted[CXM__QUOTE_MAX + 4], context[CXM__QUOTE_MAX + 64];
	if (id == NULL || id[0] == '\0') {
		cxm__snprintf_c(context, sizeof context, "a row without a customer id (row %zu)", row + 1);
	} else {
		cxm__quote_text(quoted, sizeof quoted, id, strlen(id));
		cxm__snprintf_c(context, sizeof context, "customer '%s' (row %zu)", quoted, row + 1);
	}
	return cxm__error_context(context);
}

const char *cxm_error_name(int code)
{
	switch (code) {
	case CXM_OK: return "OK";
#define CXM__ERROR_NAME(name, value, cls, desc) case CXM_E##name: return #name;
	CXM_ERRORS(CXM__ERROR_NAME)
#undef CXM__ERROR_NAME
	default: return "UNKNOWN";
	}
}

const char *cxm_error_describe(int code)
{
	switch (code) {
	case CXM_OK: return "success";
#define CXM__ERROR_DESC(name, value, cls, desc) case CXM_E##name: return desc;
	CXM_ERRORS(CXM__ERROR_DESC)
#undef CXM__ERROR_DESC
	default: return "unknown error code";
	}
}
