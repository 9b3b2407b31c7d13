#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "banned.h"

folio_log_level folio_log__min = FOLIO_LOG_INFO;

/* Read FOLIO_TRACE when the program starts, for every command alike. */
__attribute__((constructor)) void folio_log_init(void)
{
	const char *t = getenv("FOLIO_TRACE");
	if (t && *t && strcmp(t, "0"))
		folio_log__min = FOLIO_LOG_DEBUG;
}

void folio_log_set_level(folio_log_level level)
{
	folio_log__min = level;
}

void folio_log__write(folio_log_level level, const char *component, const char *file,
                      int line, const char *fmt, ...)
{
	static const char *names[] = { "debug", "info", "warn", "error" };
	char stamp[32], msg[2048];
	struct timespec ts;
	struct tm tm;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (level == FOLIO_LOG_DEBUG)
		fprintf(stderr, "%s.%03ldZ %s %s: %s (%s:%d)\n", stamp, ts.tv_nsec / 1000000,
		        names[level], component, msg, file, line);
	else
		fprintf(stderr, "%s.%03ldZ %s %s: %s\n", stamp, ts.tv_nsec / 1000000,
		        names[level], component, msg);
}
