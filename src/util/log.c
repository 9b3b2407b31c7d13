#include "log.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folio/buf.h"
#include "timestamp.h"
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
	char stamp[FOLIO_TIMESTAMP_SIZE], msg[2048];
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	folio_timestamp(stamp, ts.tv_sec, (int)(ts.tv_nsec / 1000000));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One event, one line, whatever a name or a message quotes: callers
	 * quote paths (folio_buf_put_quoted); this is the backstop. */
	folio_buf line_text = FOLIO_BUF_INIT;
	folio_buf_put_one_line(&line_text, msg, SIZE_MAX);
	if (level == FOLIO_LOG_DEBUG)
		fprintf(stderr, "%s %s %s: %s (%s:%d)\n", stamp,
		        names[level], component, line_text.ptr, file, line);
	else
		fprintf(stderr, "%s %s %s: %s\n", stamp,
		        names[level], component, line_text.ptr);
	folio_buf_dispose(&line_text);
}
