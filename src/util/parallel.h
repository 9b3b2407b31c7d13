/*
 * Run fn(i) for i in [0, n) on up to jobs threads (0: one per core).
 * Items are handed out one at a time from a shared counter, so uneven work
 * balances itself. fn must only touch item i's own data, or data that is
 * read-only for the duration.
 */
#ifndef FOLIO_UTIL_PARALLEL_H
#define FOLIO_UTIL_PARALLEL_H

#include <stddef.h>

void folio_parallel_for(size_t n, int jobs, void (*fn)(size_t i, void *payload), void *payload);
/* Number of online cores (at least 1). */
int folio_cpu_count(void);

#endif
