#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folio/buf.h"
#include "timestamp.h"
#include "banned.h"

folio_log_level folio_log__min = FOLIO_LOG_INFO;
static bool journal; /* stderr is the journal: lines carry a "<N>" priority */

/*
 * systemd sets JOURNAL_STREAM to "DEV:INO" of the stream it connected to
 * stderr (systemd.exec(5)); it is inherited, so it counts only while stderr
 * is still that stream, not after a shell redirected it.
 */
static bool stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

/* Read FOLIO_TRACE and JOURNAL_STREAM when the program starts, for every command alike. */
__attribute__((constructor)) void folio_log_init(void)
{
	const char *t = getenv("FOLIO_TRACE");
	if (t && *t && strcmp(t, "0"))
		folio_log__min = FOLIO_LOG_DEBUG;
	journal = stderr_is_journal();
}

void folio_log_set_level(folio_log_level level)
{
	folio_log__min = level;
}

void folio_log__write(folio_log_level level, const char *component, const char *file,
                      int line, const char *fmt, ...)
{
	static const char *names[] = { "debug", "info", "warn", "error" };
	/* sd-daemon(3) priorities: debug 7, info 6, warning 4, err 3 */
	static const char *prio[] = { "<7>", "<6>", "<4>", "<3>" };
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
		fprintf(stderr, "%s%s %s %s: %s (%s:%d)\n", journal ? prio[level] : "", stamp,
		        names[level], component, line_text.ptr, file, line);
	else
		fprintf(stderr, "%s%s %s %s: %s\n", journal ? prio[level] : "", stamp,
		        names[level], component, line_text.ptr);
	folio_buf_dispose(&line_text);
}
