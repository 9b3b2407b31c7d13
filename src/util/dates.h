/*
 * Dates as front matter writes them, and as people and machines read them.
 * This is the one module that calls ICU for dates: time zones (ucal, with
 * their daylight-saving rules) and long dates in any language (udat). No
 * process locale, no TZ variable, no clock: pure functions of their input.
 *
 *     folio_when w;
 *     if (folio_when_parse(&w, "2026-03-29T02:30", 16))       // no offset
 *         folio_when_rfc3339(&b, &w, "Europe/Paris");          // ...T03:30:00+02:00
 *     folio_date_format_long(&b, "2019-04-26", "fr", "UTC");   // vendredi 26 avril 2019
 */
#ifndef FOLIO_UTIL_DATES_H
#define FOLIO_UTIL_DATES_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"

/* The forms folio_when_parse accepts, for hints. */
#define FOLIO_DATE_FORMS "2026-12-03, 2026-12-03T18:30 or 2026-12-03T18:30:00+01:00"

/*
 * A calendar date, or a date and a wall time with or without a UTC offset:
 * "2026-12-03", "2026-12-03T10:00", "2026-12-03T10:00:00", with fractions of
 * a second (dropped), "Z" or "+01:00", a "t" or space for the "T" (RFC 3339
 * with the seconds optional); in the spaced form the offset may be followed
 * by a zone's name, as Go's time.String() writes it ("+0000 UTC").
 */
typedef struct {
	int year, month, day;
	int hour, minute, second; /* 0 for a plain date */
	bool has_time;
	bool has_offset;
	int offset; /* minutes east of UTC, when has_offset */
} folio_when;

/* Parse the n bytes at s (no NUL needed); false when they are no such date. */
bool folio_when_parse(folio_when *out, const char *s, size_t n);
/* A date written in a form folio_when_parse does not read but Ruby's
 * Time.parse (Jekyll) does, as folio_when_parse reads it, else NULL (NULL
 * for one it reads already). Caller frees. The forms:
 * - a one-digit month or day: "2014-10-1 12:00:00" is "2014-10-01 12:00:00";
 * - day, month and year with dots: "2.12.2020" is "2020-12-02";
 * - an English month's name or its first three letters, before the day
 *   ("October 4, 2022", "Oct 4th 2022") or after it ("4 October 2022"),
 *   is "2022-10-04". */
char *folio_when_normalize(const char *s, size_t n);
/* A date-time folio_when_parse reads, written as RFC 3339 and HTML's
 * <time datetime> read it: "T" between date and time, a two-digit hour,
 * the offset +HH:MM or Z right after the time, no zone name ("2023-06-12
 * 09:30:00 +0200", Jekyll's form, is "2023-06-12T09:30:00+02:00"); the
 * seconds and their fraction kept as written. NULL when s is no date-time
 * or is written so already. Caller frees. */
char *folio_when_canonical(const char *s, size_t n);
/* Whether the n bytes at s are a date folio reads: folio_when_parse's
 * forms or folio_when_normalize's ("2023-12-6", "October 4, 2022"). */
bool folio_when_readable(const char *s, size_t n);

/*
 * The instant w names, in seconds since the epoch: by its own offset, else
 * as a wall time in zone (an IANA name; NULL or "" is UTC), a plain date at
 * midnight. Across daylight-saving changes, ICU's rules: a wall time that
 * occurs twice is the first one, one that never occurs (clocks jumped over
 * it) is read with the offset before the jump (02:30 -> 03:30 in Paris).
 * False when zone is unknown.
 */
bool folio_when_epoch(long long *out, const folio_when *w, const char *zone);

/*
 * w with its offset: w itself when it has one, else the wall time and
 * offset of its instant in zone (has_offset then true; a plain date is its
 * midnight). For writers of other forms (RFC 822). False when zone is unknown.
 */
bool folio_when_resolve(folio_when *out, const folio_when *w, const char *zone);

/*
 * The wall time in zone of w's instant, when w has a time and an offset
 * (Jekyll's Time#localtime: "2023-05-27 22:09:19 -0400" is the 28th at
 * 02:09 in UTC), its offset zone's then; w itself otherwise. False when
 * zone is unknown or the year leaves 0000-9999.
 */
bool folio_when_local(folio_when *out, const folio_when *w, const char *zone);

/*
 * Append w as an RFC 3339 date-time with its offset: its own when written,
 * else zone's at that instant ("2026-07-01" in Europe/Paris ->
 * "2026-07-01T00:00:00+02:00"; UTC is written "Z"). False, nothing
 * appended, when zone is unknown.
 */
bool folio_when_rfc3339(folio_buf *out, const folio_when *w, const char *zone);

/* Whether zone is an IANA time-zone name ICU knows ("Europe/Paris", "UTC"). */
bool folio_zone_valid(const char *zone);

/*
 * Append the long form of a date or date-time string in language (a BCP 47
 * tag; NULL is English) through ICU: "vendredi 26 avril 2019",
 * "Freitag, 26. April 2019", with the time when one is written, shown in
 * zone. False (nothing appended) when s is no date.
 */
bool folio_date_format_long(folio_buf *out, const char *s, const char *language, const char *zone);
/* The same; with as_written, a date-time written with an offset is shown
 * at that offset ("2023-06-12T09:30:00+02:00" at 09:30), as Hugo shows it
 * (times_as_written:), where zone would show its instant (07:30 in UTC). */
bool folio_date_format_long_at(folio_buf *out, const char *s, const char *language, const char *zone,
                               bool as_written);

/* Parse "YYYY-MM-DD" (exactly; a real calendar date). */
bool folio_date_parse(const char *s, int *year, int *month, int *day);
/* The same for the n bytes at s (no NUL needed; one inside is refused):
 * the one date parser, which the schema's "date" format uses too. */
bool folio_date_parse_n(const char *s, size_t n, int *year, int *month, int *day);
/*
 * The date a Jekyll post's file name opens with, "2020-05-05-" or, as
 * Jekyll's pattern (\d-\d{1,2}-\d{1,2}-) also reads it, "2020-5-5-": the
 * length of that prefix (dash included) when a real calendar date and a
 * name follow it, its date "YYYY-MM-DD" in out; else 0. n: the name's
 * length without its extension.
 */
size_t folio_date_name_prefix(const char *name, size_t n, char out[11]);
/* The length of such a prefix whether or not its date is a day of the
 * calendar ("2025-04-31-", which Jekyll's reader takes by its shape); 0
 * when the name does not open so. */
size_t folio_date_name_shape(const char *name, size_t n);
/* The same two for a Jekyll post's name, whose year may have two to four
 * digits as its post reader's pattern (\d{2,4}-\d{1,2}-\d{1,2}-) has it:
 * "19-05-03-x" is 2019-05-03 (Ruby's Time.parse: 69 to 99 in the 1900s),
 * "195-05-03-x" 0195-05-03. Hugo's :filename dates keep four digits. */
size_t folio_date_post_name_prefix(const char *name, size_t n, char out[11]);
size_t folio_date_post_name_shape(const char *name, size_t n);
/* Parse an RFC 3339 date-time; sets the date and the local time it shows. */
bool folio_datetime_parse(const char *s, int *year, int *month, int *day, int *hour, int *minute);
/* 0 = Monday ... 6 = Sunday. */
int folio_date_weekday(int year, int month, int day);
/* Days from 1970-01-01 to a valid date (proleptic Gregorian), negative before it. */
long long folio_date_days(int year, int month, int day);

#endif
