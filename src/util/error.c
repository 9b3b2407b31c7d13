/* The last operational error message, one per thread. */
#include "folio/common.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

static _Thread_local char last_error[1024];
/* Set once by a program that shows its errors in a language (the command
 * line); the library alone stays English. util/ must not know core/i18n. */
static const char *(*_Atomic translator)(const char *fmt);
/* The translator itself may fail (a catalogue that cannot be read) and set
 * an error: that one is dropped rather than translated again, which would
 * take the catalogues' lock twice. */
static _Thread_local bool translating;

const char *folio_error_last(void)
{
	return last_error[0] ? last_error : "no error";
}

void folio_error_set_translator(const char *(*translate)(const char *fmt))
{
	translator = translate;
}

int folio_error_set(const char *fmt, ...)
{
	if (translating)
		return FOLIO_ERROR;
	const char *(*translate)(const char *) = translator;
	if (translate) {
		translating = true;
		const char *t = translate(fmt);
		translating = false;
		if (t)
			fmt = t;
	}
	/* formatted aside: an argument may be folio_error_last() itself */
	char msg[sizeof(last_error)];
	va_list ap;
	va_start(ap, fmt);
	/* the translation has the format's conversions (msgfmt --check) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(msg, sizeof(msg), fmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	memcpy(last_error, msg, sizeof(msg));
	return FOLIO_ERROR;
}

void folio_error_clear(void)
{
	last_error[0] = '\0';
}
