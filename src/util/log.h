/*
 * One line per event on stderr: "2026-11-24T21:40:01Z info build: 12 pages".
 * The level is checked before formatting. FOLIO_TRACE=1 enables debug lines,
 * which carry the source file and line. When stderr is the journal
 * (JOURNAL_STREAM names it), each line starts with its sd-daemon priority,
 * "<3>" error to "<7>" debug, so journalctl -p filters them.
 */
#ifndef FOLIO_UTIL_LOG_H
#define FOLIO_UTIL_LOG_H

typedef enum { FOLIO_LOG_DEBUG, FOLIO_LOG_INFO, FOLIO_LOG_WARN, FOLIO_LOG_ERROR } folio_log_level;

extern folio_log_level folio_log__min;

void folio_log_init(void);
void folio_log_set_level(folio_log_level level);
void folio_log__write(folio_log_level level, const char *component, const char *file,
                      int line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#define folio_log(level, component, ...)                                        \
	do {                                                                    \
		if ((level) >= folio_log__min)                                  \
			folio_log__write((level), (component), __FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

#endif
