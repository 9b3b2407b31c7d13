/*
 * Allocation that never returns NULL: on exhaustion it prints and aborts,
 * so callers never test the result.
 */
#ifndef FOLIO_UTIL_ALLOC_H
#define FOLIO_UTIL_ALLOC_H

#include <stddef.h>

void *folio_xmalloc(size_t size);
void *folio_xcalloc(size_t n, size_t size);
void *folio_xrealloc(void *ptr, size_t size);
char *folio_xstrdup(const char *s);
char *folio_xstrndup(const char *s, size_t n);
/* Formatted string in a fresh allocation; the caller frees it. */
char *folio_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The strings up to the NULL joined in a fresh allocation, as
 * folio_xasprintf("%s%s...") makes them: a format costs a thousand
 * instructions a call, and a publish makes URLs and paths by the 10,000
 * (issue 14). The caller frees it. */
char *folio_xconcat(const char *first, ...) __attribute__((sentinel));

/* Grow *items (of elem size) so that it holds at least need elements. */
#define FOLIO_ARRAY_GROW(items, count, alloc, need)                              \
	do {                                                                     \
		if ((need) > (alloc)) {                                          \
			size_t folio__n = (alloc) ? (alloc) * 2 : 8;             \
			while (folio__n < (need))                                \
				folio__n *= 2;                                   \
			(items) = folio_xrealloc((items), folio__n * sizeof(*(items))); \
			(alloc) = folio__n;                                      \
		}                                                                \
	} while (0)

#endif
