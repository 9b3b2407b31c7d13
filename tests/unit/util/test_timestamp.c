#include "helpers.h"

#include <limits.h>
#include <string.h>

#include "util/timestamp.h"

static void timestamp_writes_rfc3339_utc(void **state)
{
	(void)state;
	char out[FOLIO_TIMESTAMP_SIZE];
	assert_true(folio_timestamp(out, 0, -1));
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	assert_true(folio_timestamp(out, 1796294496, -1));
	assert_string_equal(out, "2026-12-03T10:41:36Z");
	assert_true(folio_timestamp(out, 951782400, 7)); /* a leap day */
	assert_string_equal(out, "2000-02-29T00:00:00.007Z");
	assert_true(folio_timestamp(out, 1796294496, 999));
	assert_string_equal(out, "2026-12-03T10:41:36.999Z");
}

static void timestamp_refuses_what_is_no_date(void **state)
{
	(void)state;
	char out[FOLIO_TIMESTAMP_SIZE] = "x";
	assert_false(folio_timestamp(out, LLONG_MAX, -1));
	assert_string_equal(out, "");
	assert_true(folio_timestamp(out, 253402300799LL, -1));
	assert_string_equal(out, "9999-12-31T23:59:59Z");
	assert_false(folio_timestamp(out, 253402300800LL, -1)); /* 10000-01-01: five digits */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(timestamp_writes_rfc3339_utc),
		cmocka_unit_test(timestamp_refuses_what_is_no_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
