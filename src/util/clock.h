/*
 * The monotonic clock, for durations and deadlines (never for dates: see
 * timestamp.h). It does not jump when the system's time is set.
 */
#ifndef FOLIO_UTIL_CLOCK_H
#define FOLIO_UTIL_CLOCK_H

/* Seconds of CLOCK_MONOTONIC, with nanoseconds as the fraction. */
double folio_clock_seconds(void);
/* Milliseconds of CLOCK_MONOTONIC. */
long long folio_clock_ms(void);

#endif
