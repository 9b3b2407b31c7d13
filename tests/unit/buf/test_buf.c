#include "helpers.h"

#include <string.h>

/* The invariants every operation keeps. */
static void check_invariants(const folio_buf *b)
{
	assert_non_null(b->ptr);
	assert_int_equal(b->ptr[b->size], '\0');
	if (b->asize)
		assert_true(b->size < b->asize);
	else
		assert_int_equal(b->size, 0);
}

static void buf_starts_empty_and_terminated(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	check_invariants(&b);
	assert_string_equal(b.ptr, "");
	folio_buf_dispose(&b);
	check_invariants(&b);
}

static void buf_appends_and_formats(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "abc");
	check_invariants(&b);
	folio_buf_putc(&b, '-');
	check_invariants(&b);
	folio_buf_printf(&b, "%d/%s", 42, "x");
	check_invariants(&b);
	assert_string_equal(b.ptr, "abc-42/x");
	folio_buf_truncate(&b, 3);
	check_invariants(&b);
	assert_string_equal(b.ptr, "abc");
	folio_buf_clear(&b);
	check_invariants(&b);
	assert_int_equal(b.size, 0);
	folio_buf_dispose(&b);
}

static void buf_holds_nul_bytes(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_put(&b, "a\0b", 3);
	check_invariants(&b);
	assert_int_equal(b.size, 3);
	assert_memory_equal(b.ptr, "a\0b", 3);
	folio_buf_dispose(&b);
}

static void buf_grows_over_many_appends(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	for (int i = 0; i < 10000; i++) {
		folio_buf_putc(&b, (char)('a' + i % 26));
		check_invariants(&b);
	}
	assert_int_equal(b.size, 10000);
	assert_int_equal(b.ptr[9999], 'a' + 9999 % 26);
	folio_buf_dispose(&b);
}

static void buf_escapes_html(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	const char *s = "<a href=\"x\">Tom & Jerry's</a>";
	folio_buf_put_html(&b, s, strlen(s));
	check_invariants(&b);
	assert_string_equal(b.ptr, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	folio_buf_dispose(&b);
}

static void buf_detach_hands_over_memory(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	size_t len = 99;
	char *empty = folio_buf_detach(&b, &len);
	assert_string_equal(empty, "");
	assert_int_equal(len, 0);
	free(empty);
	folio_buf_puts(&b, "hello");
	char *s = folio_buf_detach(&b, &len);
	check_invariants(&b);
	assert_int_equal(b.size, 0);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	free(s);
}

static void buf_one_line_escapes_and_cuts(void **state)
{
	(void)state;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_put_one_line(&b, "a\nb\tc\x01" "d", 100);
	check_invariants(&b);
	assert_string_equal(b.ptr, "a\\nb\\tc\\x01d");
	folio_buf_clear(&b);
	folio_buf_put_one_line(&b, "éééé", 2); /* counts characters, not bytes */
	assert_string_equal(b.ptr, "éé...");
	folio_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_starts_empty_and_terminated),
		cmocka_unit_test(buf_appends_and_formats),
		cmocka_unit_test(buf_holds_nul_bytes),
		cmocka_unit_test(buf_grows_over_many_appends),
		cmocka_unit_test(buf_escapes_html),
		cmocka_unit_test(buf_detach_hands_over_memory),
		cmocka_unit_test(buf_one_line_escapes_and_cuts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
