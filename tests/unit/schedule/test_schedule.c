/* Drafts and scheduled publishing: which keys, which dates, which status. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "folio/schedule.h"

#define DEC3 1796292000LL /* 2026-12-03T10:00:00Z */

/* The meta read last: a schedule's keys are borrowed from it, so it lives
 * until the next read (each test uses a schedule only until then). */
static json_t *last_meta;

static folio_schedule read_yaml_like(const char *json)
{
	json_error_t err;
	json_decref(last_meta);
	last_meta = json_loads(json, 0, &err);
	if (!last_meta)
		fail_msg("bad test JSON: %s", err.text);
	folio_schedule s;
	folio_schedule_read(&s, last_meta, NULL, false);
	return s;
}

static int free_last_meta(void **state)
{
	(void)state;
	json_decref(last_meta);
	last_meta = NULL;
	return 0;
}

static void parse_time_accepts_front_matter_dates(void **state)
{
	(void)state;
	long long t;
	assert_true(folio_schedule_parse_time(&t, "2026-12-03T10:00:00Z"));
	assert_int_equal(t, DEC3);
	assert_true(folio_schedule_parse_time(&t, "2026-12-03T11:00:00+01:00"));
	assert_int_equal(t, DEC3);
	assert_true(folio_schedule_parse_time(&t, "2026-12-03T05:30-04:30"));
	assert_int_equal(t, DEC3);
	assert_true(folio_schedule_parse_time(&t, "2026-12-03 10:00:00.250"));
	assert_int_equal(t, DEC3);
	assert_true(folio_schedule_parse_time(&t, "2026-12-03"));
	assert_int_equal(t, DEC3 - 10 * 3600);
	assert_true(folio_schedule_parse_time(&t, "2026-12-03T10:00:00Z\n")); /* echo > file */
	assert_int_equal(t, DEC3);
	assert_true(folio_schedule_parse_time(&t, "1970-01-01"));
	assert_int_equal(t, 0);
	assert_true(folio_schedule_parse_time(&t, "2024-02-29T00:00:00Z"));
	assert_int_equal(t, 1709164800LL);
}

static void parse_time_refuses_what_is_no_date(void **state)
{
	(void)state;
	long long t;
	const char *bad[] = { "", "demain", "2026-13-01", "2023-02-29", "2026-12-03T25:00",
		              "2026-12-03T10", "2026-12-03T10:00:00+1", "2026-12-03x", "03/12/2026",
		              "2026-12-03T10:00:00.Z", "2026-12-3" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (folio_schedule_parse_time(&t, bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

static void keys_match_without_case_or_separators(void **state)
{
	(void)state;
	const char *yes[] = { "draft", "Draft", "DRAFT", "publish_date", "publishDate", "publishdate",
		              "PublishDate", "publish-date", "expiry_date", "expiryDate", "expirydate" };
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		assert_true(folio_schedule_is_key(yes[i], strlen(yes[i])));
	assert_int_equal(folio_schedule_key_kind("Draft", 5), FOLIO_SCHEDULE_KEY_DRAFT);
	assert_int_equal(folio_schedule_key_kind("publish-date", 12), FOLIO_SCHEDULE_KEY_PUBLISH);
	assert_int_equal(folio_schedule_key_kind("expiryDate", 10), FOLIO_SCHEDULE_KEY_EXPIRY);
	assert_int_equal(folio_schedule_key_kind("date", 4), FOLIO_SCHEDULE_KEY_NONE);
	const char *no[] = { "date", "drafts", "publish", "expires", "title", "publishdate_x", "" };
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (folio_schedule_is_key(no[i], strlen(no[i])))
			fail_msg("\"%s\" taken for a scheduling key", no[i]);
}

static void status_follows_draft_and_dates(void **state)
{
	(void)state;
	folio_schedule s = read_yaml_like("{\"title\": \"x\", \"date\": \"2099-01-01\"}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED); /* date: is not a publish date */

	s = read_yaml_like("{\"Draft\": true}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	assert_string_equal(s.draft_key, "Draft");
	s = read_yaml_like("{\"draft\": false}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);

	s = read_yaml_like("{\"publishDate\": \"2026-12-24T10:00:00+01:00\"}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PENDING);
	assert_int_equal(folio_schedule_status(&s, 1798102799LL), FOLIO_PAGE_PENDING); /* 08:59:59Z */
	assert_int_equal(folio_schedule_status(&s, 1798102800LL), FOLIO_PAGE_PUBLISHED); /* 09:00:00Z */

	s = read_yaml_like("{\"expiry_date\": \"2026-12-03T10:00:00Z\"}");
	assert_int_equal(folio_schedule_status(&s, DEC3 - 1), FOLIO_PAGE_PUBLISHED);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_EXPIRED);

	/* a draft stays a draft whatever its dates say */
	s = read_yaml_like("{\"draft\": true, \"publish_date\": \"2020-01-01\"}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	/* an empty date is no date */
	s = read_yaml_like("{\"publish_date\": null}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	assert_null(s.bad_key);
	/* Jekyll's published: false holds the page; a published that is not
	 * a boolean is the page's own field */
	s = read_yaml_like("{\"published\": false}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	assert_null(s.bad_key);
	s = read_yaml_like("{\"published\": true}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	s = read_yaml_like("{\"published\": 1998, \"Published\": false}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	assert_null(s.bad_key);
	/* and an empty draft: no draft (Hugo's reading) */
	s = read_yaml_like("{\"draft\": null}");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	assert_null(s.bad_key);
	s = read_yaml_like("{\"draft\": null, \"Draft\": true}");
	assert_string_equal(s.bad_key, "Draft");
}

static void unreadable_values_hold_the_page(void **state)
{
	(void)state;
	folio_schedule s = read_yaml_like("{\"publish_date\": \"demain\"}");
	assert_string_equal(s.bad_key, "publish_date");
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	s = read_yaml_like("{\"draft\": \"yes\"}");
	assert_string_equal(s.bad_key, "draft");
	assert_string_equal(s.bad_why, "must be true or false");
	s = read_yaml_like("{\"expiry_date\": 20261203}");
	assert_string_equal(s.bad_key, "expiry_date");
	/* two spellings of one key: which one wins is not guessed */
	s = read_yaml_like("{\"publish_date\": \"2026-01-01\", \"publishDate\": \"2027-01-01\"}");
	assert_non_null(s.bad_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
}

static void next_change_is_the_first_instant_to_come(void **state)
{
	(void)state;
	long long at = 0;
	bool publish = false;
	folio_schedule s = read_yaml_like("{\"publish_date\": \"2026-12-24T09:00:00Z\", "
	                                  "\"expiry_date\": \"2026-12-31T23:00:00Z\"}");
	assert_true(folio_schedule_next(&s, DEC3, &at, &publish));
	assert_int_equal(at, 1798102800LL);
	assert_true(publish);
	assert_true(folio_schedule_next(&s, 1798102800LL, &at, &publish));
	assert_int_equal(at, 1798758000LL);
	assert_false(publish);
	assert_false(folio_schedule_next(&s, 1798758000LL, &at, &publish));

	/* expires before it would appear: never shown, nothing to wait for */
	s = read_yaml_like("{\"publish_date\": \"2027-01-02\", \"expiry_date\": \"2027-01-01\"}");
	assert_false(folio_schedule_next(&s, DEC3, &at, &publish));
	s = read_yaml_like("{\"draft\": true, \"publish_date\": \"2027-01-02\"}");
	assert_false(folio_schedule_next(&s, DEC3, &at, &publish));
	s = read_yaml_like("{}");
	assert_false(folio_schedule_next(&s, DEC3, &at, &publish));
}

static void dates_without_offset_are_in_the_sites_zone(void **state)
{
	(void)state;
	json_error_t err;
	json_t *meta = json_loads("{\"publishDate\": \"2026-12-03T11:00\", "
	                          "\"expiry_date\": \"2026-07-01\"}", 0, &err);
	folio_schedule s;
	folio_schedule_read(&s, meta, "Europe/Paris", false);
	assert_null(s.bad_key);
	assert_int_equal(s.publish_at, DEC3);                 /* 11:00 CET is 10:00Z */
	assert_int_equal(s.expiry_at, 1782856800LL);          /* midnight CEST: 2026-06-30T22:00Z */
	folio_schedule_read(&s, meta, NULL, false);           /* no zone: UTC */
	assert_int_equal(s.publish_at, DEC3 + 3600);
	/* an offset written wins over the zone */
	long long t;
	assert_true(folio_schedule_parse_time_in(&t, "2026-12-03T10:00:00Z", "Asia/Tokyo"));
	assert_int_equal(t, DEC3);
	assert_true(folio_schedule_parse_time_in(&t, "2026-12-03T19:00", "Asia/Tokyo"));
	assert_int_equal(t, DEC3);
	assert_false(folio_schedule_parse_time_in(&t, "2026-12-03T19:00", "Asia/Tokio"));
	json_decref(meta);
}

/* Jekyll reads neither date: under its rules they are the page's own
 * fields (Sinatra's "publish_date: Thursday, March 3, 2011"), not a
 * finding and not held; draft and published: false still hold it. */
static void jekyll_rules_read_no_dates(void **state)
{
	(void)state;
	json_error_t err;
	json_t *meta = json_loads("{\"publish_date\": \"Thursday, March 3, 2011\", "
	                          "\"expiryDate\": \"2020-01-01\", \"publishdate\": \"2999-01-01\"}", 0, &err);
	folio_schedule s;
	folio_schedule_read(&s, meta, NULL, true);
	assert_null(s.bad_key);
	assert_false(s.has_publish);
	assert_false(s.has_expiry);
	assert_null(s.publish_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	folio_schedule_read(&s, meta, NULL, false); /* folio's and Hugo's rules: an error, held */
	assert_non_null(s.bad_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	json_decref(meta);
	meta = json_loads("{\"Draft\": true}", 0, &err);
	folio_schedule_read(&s, meta, NULL, true);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	json_decref(meta);
	meta = json_loads("{\"published\": false}", 0, &err);
	folio_schedule_read(&s, meta, NULL, true);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	json_decref(meta);
	/* draft: no and draft: yes, booleans for Ruby's YAML 1.1 (t489) */
	meta = json_loads("{\"draft\": \"no\"}", 0, &err);
	folio_schedule_read(&s, meta, NULL, true);
	assert_null(s.bad_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	folio_schedule_read(&s, meta, NULL, false); /* not under folio's own rules */
	assert_non_null(s.bad_key);
	folio_schedule_read(&s, meta, NULL, FOLIO_SCHEDULE_HUGO); /* Hugo's go-yaml v2 (t500) */
	assert_null(s.bad_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	json_decref(meta);
	/* "false" quoted: text Hugo's cast.ToBool reads, Jekyll's rules do not */
	meta = json_loads("{\"draft\": \"false\"}", 0, &err);
	folio_schedule_read(&s, meta, NULL, FOLIO_SCHEDULE_HUGO);
	assert_null(s.bad_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_PUBLISHED);
	folio_schedule_read(&s, meta, NULL, FOLIO_SCHEDULE_JEKYLL);
	assert_non_null(s.bad_key);
	json_decref(meta);
	meta = json_loads("{\"draft\": \"On\"}", 0, &err);
	folio_schedule_read(&s, meta, NULL, true);
	assert_null(s.bad_key);
	assert_int_equal(folio_schedule_status(&s, DEC3), FOLIO_PAGE_DRAFT);
	json_decref(meta);
	meta = json_loads("{\"draft\": \"nO\"}", 0, &err);
	folio_schedule_read(&s, meta, NULL, true);
	assert_string_equal(s.bad_why, "must be true or false");
	json_decref(meta);
	assert_int_equal(folio_schedule_jekyll_key_kind("draft", 5), FOLIO_SCHEDULE_KEY_DRAFT);
	assert_int_equal(folio_schedule_jekyll_key_kind("publishDate", 11), FOLIO_SCHEDULE_KEY_NONE);
	assert_int_equal(folio_schedule_jekyll_key_kind("expiry_date", 11), FOLIO_SCHEDULE_KEY_NONE);
}

static void clock_reads_the_file_then_the_variable(void **state)
{
	(void)state;
	char *dir = test_tempdir("schedule");
	char *file = NULL;
	assert_true(asprintf(&file, "%s/now", dir) > 0);
	test_write_file(dir, "now", "2026-12-24T09:00:00Z\n");
	unsetenv("FOLIO_NOW_FILE");
	setenv("FOLIO_NOW", "2026-12-03T10:00:00Z", 1);
	assert_int_equal(folio_schedule_now(), DEC3);
	assert_false(folio_schedule_clock_is_file());
	setenv("FOLIO_NOW_FILE", file, 1);
	assert_true(folio_schedule_clock_is_file());
	assert_int_equal(folio_schedule_now(), 1798102800LL);
	test_write_file(dir, "now", "2026-12-31T23:00:00Z"); /* moved: read again */
	assert_int_equal(folio_schedule_now(), 1798758000LL);
	test_write_file(dir, "now", "garbage");
	assert_int_equal(folio_schedule_now(), DEC3); /* falls back to FOLIO_NOW */
	unsetenv("FOLIO_NOW_FILE");
	unsetenv("FOLIO_NOW");
	long long real = folio_schedule_now();
	assert_true(real > DEC3 - 86400 * 365 && real < DEC3 + 86400 * 365 * 50);
	test_rm_rf(dir);
	free(file);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_time_accepts_front_matter_dates),
		cmocka_unit_test(parse_time_refuses_what_is_no_date),
		cmocka_unit_test(keys_match_without_case_or_separators),
		cmocka_unit_test(status_follows_draft_and_dates),
		cmocka_unit_test(unreadable_values_hold_the_page),
		cmocka_unit_test(next_change_is_the_first_instant_to_come),
		cmocka_unit_test(dates_without_offset_are_in_the_sites_zone),
		cmocka_unit_test(jekyll_rules_read_no_dates),
		cmocka_unit_test(clock_reads_the_file_then_the_variable),
	};
	return cmocka_run_group_tests(tests, NULL, free_last_meta);
}
