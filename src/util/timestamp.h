/*
 * Instants as RFC 3339 UTC text, the one form folio writes them in (logs,
 * partner payloads, /status, `folio deliveries`). No locale, no time zone.
 */
#ifndef FOLIO_UTIL_TIMESTAMP_H
#define FOLIO_UTIL_TIMESTAMP_H

#include <stdbool.h>

/* Room for any instant a 64-bit time_t gives, milliseconds included. */
#define FOLIO_TIMESTAMP_SIZE 48

/*
 * t (seconds since the epoch) as "2026-12-03T10:41:36Z", or with millis
 * from 0 to 999 as "2026-12-03T10:41:36.123Z" (millis < 0: none). False,
 * with out "", when t is no date the system can write.
 */
bool folio_timestamp(char out[FOLIO_TIMESTAMP_SIZE], long long t, int millis);

#endif
