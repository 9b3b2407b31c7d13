#include "helpers.h"

#include <stdlib.h>
#include <string.h>

static void diag_formats_like_a_compiler(void **state)
{
	(void)state;
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_ISBN_CHECK_DIGIT, "books/x.md", 7, 9,
	                "write 978-2-296-01368-1", "ISBN check digit is %c, expected %c", '2', '1');
	folio_buf b = FOLIO_BUF_INIT;
	folio_diag_format_text(&b, &d.items[0]);
	assert_string_equal(b.ptr,
		"books/x.md:7:9: error: ISBN check digit is 2, expected 1 [isbn/check-digit]\n"
		"  hint: write 978-2-296-01368-1\n");
	folio_buf_dispose(&b);
	folio_diags_dispose(&d);
}

static void diag_warnings_counted_apart(void **state)
{
	(void)state;
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "b.md", 1, 1, NULL, "x");
	folio_diags_add(&d, FOLIO_RULE_LINK_BROKEN, "a.md", 2, 1, NULL, "y");
	assert_int_equal(folio_diags_count(&d, FOLIO_SEVERITY_ERROR), 1);
	assert_int_equal(folio_diags_count(&d, FOLIO_SEVERITY_WARNING), 1);
	folio_diags_sort(&d);
	assert_string_equal(d.items[0].path, "a.md");
	folio_diags_dispose(&d);
}

static void rule_names_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < FOLIO_RULE__COUNT; i++)
		assert_int_equal(folio_rule_from_name(folio_rule_name((folio_rule)i)), i);
	assert_int_equal(folio_rule_from_name("no/such-rule"), FOLIO_RULE__COUNT);
}

/* docs/rules.md lists every rule of rules.def, and nothing else. */
static void rules_doc_matches_table(void **state)
{
	(void)state;
	char *doc = test_read_file(FOLIO_SOURCE_DIR "/docs/rules.md", NULL);
	assert_non_null(doc);
	int listed = 0;
	for (char *p = strstr(doc, "\n| `"); p; p = strstr(p + 1, "\n| `")) {
		char name[64];
		char *end = strchr(p + 4, '`');
		assert_non_null(end);
		size_t n = (size_t)(end - (p + 4));
		assert_true(n < sizeof(name));
		memcpy(name, p + 4, n);
		name[n] = '\0';
		if (folio_rule_from_name(name) == FOLIO_RULE__COUNT)
			fail_msg("docs/rules.md lists '%s', which rules.def lacks", name);
		listed++;
	}
	for (int i = 0; i < FOLIO_RULE__COUNT; i++) {
		char needle[80];
		snprintf(needle, sizeof(needle), "| `%s` |", folio_rule_name((folio_rule)i));
		if (!strstr(doc, needle))
			fail_msg("docs/rules.md lacks rule '%s'", folio_rule_name((folio_rule)i));
	}
	assert_int_equal(listed, FOLIO_RULE__COUNT);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diag_formats_like_a_compiler),
		cmocka_unit_test(diag_warnings_counted_apart),
		cmocka_unit_test(rule_names_round_trip),
		cmocka_unit_test(rules_doc_matches_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
