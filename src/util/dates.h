/*
 * Dates as people read them, in the site's language: "2019-04-26" ->
 * "vendredi 26 avril 2019" (fr) or "Friday 26 April 2019" (others).
 * Pure functions of their input: no locale, no time zone, no clock.
 */
#ifndef FOLIO_UTIL_DATES_H
#define FOLIO_UTIL_DATES_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"

/* Parse "YYYY-MM-DD" (exactly; a real calendar date). */
bool folio_date_parse(const char *s, int *year, int *month, int *day);
/* The same for the n bytes at s (no NUL needed; one inside is refused):
 * the one date parser, which the schema's "date" format uses too. */
bool folio_date_parse_n(const char *s, size_t n, int *year, int *month, int *day);
/* Parse an RFC 3339 date-time; sets the date and the local time it shows. */
bool folio_datetime_parse(const char *s, int *year, int *month, int *day, int *hour, int *minute);
/* Append the long form of a date or date-time string; false (nothing
 * appended) when s is neither. */
bool folio_date_format_long(folio_buf *out, const char *s, const char *language);
/* 0 = Monday ... 6 = Sunday. */
int folio_date_weekday(int year, int month, int day);
/* Days from 1970-01-01 to a valid date (proleptic Gregorian), negative before it. */
long long folio_date_days(int year, int month, int day);

#endif
