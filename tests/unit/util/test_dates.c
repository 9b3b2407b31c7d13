/* Dates (util/dates.h): parsing, time zones through ICU, long dates in many languages. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "util/dates.h"

/* s (a date) in zone as RFC 3339; the caller frees. */
static char *rfc(const char *s, const char *zone)
{
	folio_when w;
	folio_buf b = FOLIO_BUF_INIT;
	assert_true(folio_when_parse(&w, s, strlen(s)));
	if (!folio_when_rfc3339(&b, &w, zone)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}

#define assert_rfc(s, zone, expected)                    \
	do {                                             \
		char *got__ = rfc(s, zone);              \
		assert_non_null(got__);                  \
		assert_string_equal(got__, expected);    \
		free(got__);                             \
	} while (0)

static char *long_date(const char *s, const char *language, const char *zone)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (!folio_date_format_long(&b, s, language, zone)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}

#define assert_long(s, language, zone, expected)               \
	do {                                                   \
		char *got__ = long_date(s, language, zone);    \
		assert_non_null(got__);                        \
		assert_string_equal(got__, expected);          \
		free(got__);                                   \
	} while (0)

static void parse_accepts_front_matter_dates(void **state)
{
	(void)state;
	folio_when w;
	assert_true(folio_when_parse(&w, "2026-12-03", 10));
	assert_false(w.has_time);
	assert_true(folio_when_parse(&w, "2026-12-03T18:30", 16));
	assert_true(w.has_time && !w.has_offset && w.hour == 18 && w.minute == 30);
	assert_true(folio_when_parse(&w, "2026-12-03 18:30:15.25-04:30", 28));
	assert_true(w.has_offset && w.offset == -270 && w.second == 15);
	assert_true(folio_when_parse(&w, "2024-02-29t00:00:00z", 20));
	assert_true(w.has_offset && w.offset == 0);
	/* YAML 1.1 timestamps, as Jekyll sites write them: a space before the
	 * zone, offsets as +HHMM or +HH */
	assert_true(folio_when_parse(&w, "2023-06-12 09:30:00 +0200", 25));
	assert_true(w.has_offset && w.offset == 120 && w.hour == 9);
	assert_true(folio_when_parse(&w, "2023-06-12 09:30 -05", 20));
	assert_true(w.has_offset && w.offset == -300);
	assert_true(folio_when_parse(&w, "2023-06-12 09:30:00 Z", 21));
	assert_true(w.has_offset && w.offset == 0);
	char *t = rfc("2023-06-12 09:30:00 +0200", "UTC");
	assert_string_equal(t, "2023-06-12T09:30:00+02:00");
	free(t);
	/* and YAML 1.1's hour of one digit, as Ruby reads it */
	assert_true(folio_when_parse(&w, "2013-11-22 5:00:00 +0000", 24));
	assert_true(w.has_offset && w.offset == 0 && w.hour == 5 && w.minute == 0);
	t = rfc("2013-11-22 5:00:00 +0000", "UTC");
	assert_string_equal(t, "2013-11-22T05:00:00Z");
	free(t);
	/* and after a T, as Go's RFC 3339 layout reads it (Hugo) */
	t = rfc("2023-05-10T9:43:07-05:00", "UTC");
	assert_string_equal(t, "2023-05-10T09:43:07-05:00");
	free(t);
	/* and Go's time.String(), a zone's name after the offset (Hugo reads it) */
	t = rfc("2023-10-06 12:30:00 +0200 CEST", "UTC");
	assert_string_equal(t, "2023-10-06T12:30:00+02:00");
	free(t);
	assert_true(folio_when_parse(&w, "2023-07-18 00:00:00 +0000 UTC", 29));
	assert_true(w.has_offset && w.offset == 0);
}

static void parse_refuses_what_is_no_date(void **state)
{
	(void)state;
	static const char *bad[] = { "tomorrow!!", "", "2026-13-01", "2025-02-29", "2026-12-3",
		                     "2026-12-03T", "2026-12-03T24:00", "2026-12-03T10:00+1",
		                     "2026-12-03T10:00:00.Z", "2026-12-03 ", "03/12/2026",
		                     "2026-12-03T10:00Z junk", "2026-12-03+01:00",
		                     "2026-12-03T10:00 +01:00", "2026-12-03 10:00 +01:", "2026-12-03 10:00 +1",
		                     "2026-12-03 10:00 +01:0", "2026-12-03 5:0", "2026-12-03  5:00",
		                     "2026-12-03T5:0", "2026-12-03T:05:00", "2026-12-03T123:00",
		                     "2026-12-03 10:00 UTC", "2026-12-03T10:00+00:00 UTC", "2026-12-03 10:00 +0000 U",
		                     "2026-12-03 10:00 +0000 UTC1", "2026-12-03 10:00 +0000 TOOLONG" };
	folio_when w;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(folio_when_parse(&w, bad[i], strlen(bad[i])));
	/* instants of years past 9999 or before 0000 in UTC, which no output could write */
	assert_false(folio_when_parse(&w, "9999-12-31T23:59:59-12:00", 25));
	assert_false(folio_when_parse(&w, "0000-01-01T00:30:00+01:00", 25));
	assert_true(folio_when_parse(&w, "9999-12-31T23:59:59Z", 20));
	assert_true(folio_when_parse(&w, "9999-12-31T11:59:59-12:00", 25));
	assert_true(folio_when_parse(&w, "0000-01-01T00:00:00Z", 20));
	/* a wall time of year 0000 in a zone ahead of UTC (Paris' mean time,
	 * +00:09) is the year before in UTC: no RFC 3339 form reads back */
	assert_null(rfc("0000-01-01T00:01", "Europe/Paris"));
	assert_rfc("0000-01-01T01:00", "Europe/Paris", "0000-01-01T00:59:39+00:09"); /* seconds of +00:09:21 */
	/* the length is what counts, not a NUL */
	assert_false(folio_when_parse(&w, "2026-12-03", 9));
	assert_false(folio_when_parse(&w, "2026-12-03\0", 11));
}

static void normalized(const char *written, const char *expected)
{
	char *got = folio_when_normalize(written, strlen(written));
	if (!expected) {
		if (got)
			fail_msg("\"%s\" read as \"%s\", expected no date", written, got);
		return;
	}
	if (!got || strcmp(got, expected))
		fail_msg("\"%s\" read as \"%s\", expected \"%s\"", written, got ? got : "(none)", expected);
	free(got);
}

/* What Ruby's Time.parse reads (Jekyll's dates), as folio reads it */
static void normalize_reads_jekylls_other_forms(void **state)
{
	(void)state;
	normalized("2014-10-1 12:00:00", "2014-10-01 12:00:00");
	normalized("2013-5-01 16:30:00 -06:00", "2013-05-01 16:30:00 -06:00");
	normalized("02.12.2020", "2020-12-02");
	normalized("24.9.2024", "2024-09-24");
	normalized("October 04, 2022", "2022-10-04");
	normalized("Oct 4th 2022", "2022-10-04");
	normalized("sept. 1, 2019", "2019-09-01");
	normalized("May 31, 2021", "2021-05-31");
	normalized("4 October 2022", "2022-10-04");
	normalized("1st Jan, 2020", "2020-01-01");
	normalized("2021/03/11", "2021-03-11");
	normalized("2021/3/1", "2021-03-01");
	/* a zone word Ruby does not know, an offset after it: the wall time */
	normalized("2021-05-18 12:00:00 UTC+2", "2021-05-18 12:00:00");
	normalized("2021-07-01 18:00 GMT-05:00", "2021-07-01 18:00");
	normalized("2021-07-01 18:00:00  utc+0200", "2021-07-01 18:00:00");
	normalized("2021-06-16 09:30:00 GMT", "2021-06-16 09:30:00 +00:00");
	/* read already, or no date */
	normalized("2022-10-04", NULL);
	normalized("31.02.2020", NULL);
	normalized("13.13.2020", NULL);
	normalized("October 2022", NULL);
	normalized("Octob 4, 2022", NULL);
	normalized("October 4, 22", NULL);
	normalized("October 4, 2022 and more", NULL);
	normalized("4 October", NULL);
	normalized("1.2.3", NULL);
	normalized("2021/13/11", NULL);
	normalized("2021/03/11 and more", NULL);
	normalized("21/03/11", NULL);
	normalized("2021-05-18 UTC+2", NULL);
	normalized("2021-05-18 12:00:00 +0200 UTC+2", NULL);
	normalized("2021-05-18 12:00:00 UTC+2x", NULL);
	normalized("2021-05-18 12:00:00 UTC+", NULL);
	normalized("2021-05-18 12:00:00 CEST+2", NULL);
	normalized("2021-05-18 12:00:00 UTC+123", NULL);
	normalized("", NULL);
}

static void name_dated(const char *name, size_t expected_len, const char *expected)
{
	char date[11] = "";
	size_t n = folio_date_name_prefix(name, strlen(name), date);
	if (n != expected_len || (n && (!expected || strcmp(date, expected))))
		fail_msg("\"%s\": prefix %zu \"%s\", expected %zu \"%s\"", name, n, n ? date : "",
		         expected_len, expected ? expected : "");
}

/* A post's name as Jekyll's pattern reads it: \d-\d{1,2}-\d{1,2}-name */
static void name_prefix_reads_jekylls_pattern(void **state)
{
	(void)state;
	name_dated("2020-05-05-ey", 11, "2020-05-05");
	name_dated("2020-05-5-ey", 10, "2020-05-05");
	name_dated("2020-5-07-fest", 10, "2020-05-07");
	name_dated("2021-1-2-nueva", 9, "2021-01-02");
	name_dated("2020-05-05-", 0, NULL);   /* no name after it */
	name_dated("2020-05-05", 0, NULL);    /* a date alone keeps it */
	name_dated("2007-02-29-solr", 0, NULL); /* no such day */
	name_dated("2024-04-226-bfv", 0, NULL); /* three digits: no day */
	name_dated("20-05-05-x", 0, NULL);
	name_dated("notes", 0, NULL);
}

static void post_dated(const char *name, size_t expected_len, const char *expected)
{
	char date[11] = "";
	size_t n = folio_date_post_name_prefix(name, strlen(name), date);
	if (n != expected_len || (n && (!expected || strcmp(date, expected))))
		fail_msg("\"%s\": prefix %zu \"%s\", expected %zu \"%s\"", name, n, n ? date : "",
		         expected_len, expected ? expected : "");
}

/* A Jekyll post's year has two to four digits (\d{2,4}), two read as
 * Ruby's Time.parse reads them */
static void post_name_prefix_reads_short_years(void **state)
{
	(void)state;
	post_dated("2020-05-05-ey", 11, "2020-05-05");
	post_dated("20-05-05-x", 9, "2020-05-05");
	post_dated("68-1-2-x", 7, "2068-01-02");
	post_dated("69-1-2-x", 7, "1969-01-02");
	post_dated("195-05-03-x", 10, "0195-05-03");
	post_dated("5-05-05-x", 0, NULL);      /* one digit: no post */
	post_dated("20-02-30-x", 0, NULL);     /* no such day */
	assert_int_equal(folio_date_post_name_shape("20-02-30-x", 10), 9);
	assert_int_equal(folio_date_name_shape("20-02-30-x", 10), 0); /* Hugo's: four digits */
}

static void zones_are_iana_names(void **state)
{
	(void)state;
	assert_true(folio_zone_valid("UTC"));
	assert_true(folio_zone_valid("Europe/Paris"));
	assert_true(folio_zone_valid("America/Argentina/Buenos_Aires"));
	assert_false(folio_zone_valid("Europe/Pariss"));
	assert_false(folio_zone_valid("Mars/Olympus"));
	assert_false(folio_zone_valid("GMT+01:00")); /* a custom offset names no place */
	assert_false(folio_zone_valid(""));
	assert_false(folio_zone_valid("Europe/Paris "));
	assert_false(folio_zone_valid("Europe/Zürich"));
	assert_false(folio_zone_valid(NULL));
	/* an unknown zone is refused, not read as UTC */
	folio_when w;
	long long t;
	assert_true(folio_when_parse(&w, "2026-12-03T10:00", 16));
	assert_false(folio_when_epoch(&t, &w, "Europe/Pariss"));
	assert_null(rfc("2026-12-03T10:00", "Europe/Pariss"));
}

static void offsetless_dates_take_the_zones_offset(void **state)
{
	(void)state;
	assert_rfc("2026-12-03", NULL, "2026-12-03T00:00:00Z");
	assert_rfc("2026-12-03", "UTC", "2026-12-03T00:00:00Z");
	assert_rfc("2026-12-03", "Europe/Paris", "2026-12-03T00:00:00+01:00");
	assert_rfc("2026-07-01T18:30", "Europe/Paris", "2026-07-01T18:30:00+02:00");
	assert_rfc("2026-07-01T18:30", "America/New_York", "2026-07-01T18:30:00-04:00");
	assert_rfc("2026-07-01T18:30", "Asia/Kolkata", "2026-07-01T18:30:00+05:30");
	/* an offset written is kept, whatever the site's zone */
	assert_rfc("2026-07-01T18:30:00-07:00", "Europe/Paris", "2026-07-01T18:30:00-07:00");
	assert_rfc("2026-07-01T18:30:00Z", "Europe/Paris", "2026-07-01T18:30:00Z");
}

static void daylight_saving_boundaries(void **state)
{
	(void)state;
	/* Paris, 2026-03-29: 02:00 CET becomes 03:00 CEST */
	assert_rfc("2026-03-29T01:59:59", "Europe/Paris", "2026-03-29T01:59:59+01:00");
	assert_rfc("2026-03-29T03:00", "Europe/Paris", "2026-03-29T03:00:00+02:00");
	/* 02:30 never happened: read with the offset before the jump */
	assert_rfc("2026-03-29T02:30", "Europe/Paris", "2026-03-29T03:30:00+02:00");
	/* Paris, 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the first counts */
	assert_rfc("2026-10-25T02:30", "Europe/Paris", "2026-10-25T02:30:00+02:00");
	assert_rfc("2026-10-25T03:00", "Europe/Paris", "2026-10-25T03:00:00+01:00");
	/* southern hemisphere: Sydney is on summer time in January */
	assert_rfc("2026-01-15T12:00", "Australia/Sydney", "2026-01-15T12:00:00+11:00");
	assert_rfc("2026-07-15T12:00", "Australia/Sydney", "2026-07-15T12:00:00+10:00");
	/* the instants, one hour apart across the change */
	folio_when a, b;
	long long ta, tb;
	assert_true(folio_when_parse(&a, "2026-03-29T01:30", 16));
	assert_true(folio_when_parse(&b, "2026-03-29T03:30", 16));
	assert_true(folio_when_epoch(&ta, &a, "Europe/Paris"));
	assert_true(folio_when_epoch(&tb, &b, "Europe/Paris"));
	assert_int_equal(tb - ta, 3600);
	assert_int_equal(ta, 1774744200LL); /* 2026-03-29T00:30:00Z */
}

static void plain_dates_keep_their_day(void **state)
{
	(void)state;
	/* a plain date is a calendar day: no zone moves it to the day before */
	assert_long("2019-04-26", "fr", "Pacific/Kiritimati", "vendredi 26 avril 2019");
	assert_long("2019-04-26", "fr", "Pacific/Pago_Pago", "vendredi 26 avril 2019");
	assert_long("1582-10-10", "en", "UTC", "Sunday, October 10, 1582"); /* proleptic Gregorian */
}

static void long_dates_in_many_languages(void **state)
{
	(void)state;
	assert_long("2019-04-26", "fr", "UTC", "vendredi 26 avril 2019");
	assert_long("2019-04-26", "fr-CA", "UTC", "vendredi 26 avril 2019");
	assert_long("2019-04-26", "de", "UTC", "Freitag, 26. April 2019");
	assert_long("2019-04-26", "es", "UTC", "viernes, 26 de abril de 2019");
	assert_long("2019-04-26", "it", "UTC", "venerdì 26 aprile 2019");
	assert_long("2019-04-26", "pt", "UTC", "sexta-feira, 26 de abril de 2019");
	assert_long("2019-04-26", "ja", "UTC", "2019年4月26日金曜日");
	assert_long("2019-04-26", "en", "UTC", "Friday, April 26, 2019");
	assert_long("2019-04-26", NULL, "UTC", "Friday, April 26, 2019");
	assert_long("2019-04-26", "en-GB", "UTC", "Friday, 26 April 2019");
}

static void long_date_times_show_the_sites_time(void **state)
{
	(void)state;
	/* written without an offset: the wall time as written */
	assert_long("2026-07-01T18:30", "fr", "Europe/Paris", "mercredi 1 juillet 2026 à 18:30");
	assert_long("2026-07-01T18:30", "de", "Europe/Berlin", "Mittwoch, 1. Juli 2026 um 18:30");
	/* with an offset: shown at the site's time */
	assert_long("2026-07-01T16:30:00Z", "fr", "Europe/Paris", "mercredi 1 juillet 2026 à 18:30");
}

static void long_date_times_as_written(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	/* Hugo shows the wall time written with its offset; the site's zone does not move it */
	assert_true(folio_date_format_long_at(&b, "2023-06-12T09:30:00+02:00", "fr", "UTC", true));
	assert_non_null(strstr(b.ptr, "09:30"));
	folio_buf_clear(&b);
	assert_true(folio_date_format_long_at(&b, "2023-06-12T09:30:00+02:00", "fr", "UTC", false));
	assert_non_null(strstr(b.ptr, "07:30"));
	folio_buf_clear(&b);
	/* without an offset: in the site's zone either way */
	assert_true(folio_date_format_long_at(&b, "2023-06-12T09:30", "fr", "Europe/Paris", true));
	assert_non_null(strstr(b.ptr, "09:30"));
	folio_buf_dispose(&b);
}

static void long_dates_refuse_what_is_no_date(void **state)
{
	(void)state;
	assert_null(long_date("tomorrow!!", "fr", "UTC"));
	assert_null(long_date("", "fr", "UTC"));
	assert_null(long_date(NULL, "fr", "UTC"));
	assert_null(long_date("2026-07-01T18:30", "fr", "Europe/Pariss"));
	/* an unknown or odd language falls back to ICU's root names, never to nothing */
	char *s = long_date("2019-04-26", "xx", "UTC");
	assert_non_null(s);
	assert_true(strstr(s, "2019") != NULL);
	free(s);
}

static void assert_canonical(const char *in, const char *want)
{
	char *got = folio_when_canonical(in, strlen(in));
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void canonical_is_rfc_3339(void **state)
{
	(void)state;
	/* Jekyll's spaced form, Go's time.String(), a one-digit hour */
	assert_canonical("2023-06-12 09:30:00 +0200", "2023-06-12T09:30:00+02:00");
	assert_canonical("2023-07-18 00:00:00 +0000 UTC", "2023-07-18T00:00:00+00:00");
	assert_canonical("2013-11-22 5:00:00 -0330", "2013-11-22T05:00:00-03:30");
	assert_canonical("2013-11-22 05:00 +01", "2013-11-22T05:00+01:00");
	assert_canonical("2024-05-17t09:30:00.25z", "2024-05-17T09:30:00.25Z");
	assert_canonical("2024-05-17 09:30", "2024-05-17T09:30");
	/* written so already, a plain date, or no date: NULL */
	assert_canonical("2024-05-17T09:30:00+02:00", NULL);
	assert_canonical("2024-05-17T09:30", NULL);
	assert_canonical("2024-05-17", NULL);
	assert_canonical("tomorrow!!", NULL);
}

/* Each field at its width, however small its value (the digits are put
 * without printf): a year before 1000, single-digit months, days and times. */
static void rfc_3339_pads_every_field(void **state)
{
	(void)state;
	assert_rfc("0999-01-02T03:04:05Z", "UTC", "0999-01-02T03:04:05Z");
	assert_rfc("0007-09-09", "UTC", "0007-09-09T00:00:00Z");
	assert_rfc("9999-12-31T23:59:59+01:00", "UTC", "9999-12-31T23:59:59+01:00");
	assert_rfc("2026-03-01T00:00:00", "Europe/Paris", "2026-03-01T00:00:00+01:00");
	assert_rfc("2026-07-01", "America/St_Johns", "2026-07-01T00:00:00-02:30");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_front_matter_dates),
		cmocka_unit_test(parse_refuses_what_is_no_date),
		cmocka_unit_test(normalize_reads_jekylls_other_forms),
		cmocka_unit_test(name_prefix_reads_jekylls_pattern),
		cmocka_unit_test(post_name_prefix_reads_short_years),
		cmocka_unit_test(zones_are_iana_names),
		cmocka_unit_test(offsetless_dates_take_the_zones_offset),
		cmocka_unit_test(daylight_saving_boundaries),
		cmocka_unit_test(plain_dates_keep_their_day),
		cmocka_unit_test(long_dates_in_many_languages),
		cmocka_unit_test(long_date_times_show_the_sites_time),
		cmocka_unit_test(long_dates_refuse_what_is_no_date),
		cmocka_unit_test(canonical_is_rfc_3339),
		cmocka_unit_test(long_date_times_as_written),
		cmocka_unit_test(rfc_3339_pads_every_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
