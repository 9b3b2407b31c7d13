/* The last operational error message, one per thread. */
#include "folio/common.h"

#include <stdarg.h>
#include <stdio.h>

#include "banned.h"

static _Thread_local char last_error[1024];

const char *folio_error_last(void)
{
	return last_error[0] ? last_error : "no error";
}

int folio_error_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return FOLIO_ERROR;
}

void folio_error_clear(void)
{
	last_error[0] = '\0';
}
