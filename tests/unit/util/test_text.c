/* util/text: the one hex-digit reader and the %XX decoder that uses it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/text.h"

static void hex_value_reads_every_byte(void **state)
{
	(void)state;
	const char *digits = "0123456789abcdef";
	for (int c = -1; c < 256; c++) {
		const char *at = c > 0 ? strchr(digits, c >= 'A' && c <= 'F' ? c + 32 : c) : NULL;
		int want = at ? (int)(at - digits) : -1;
		assert_int_equal(folio_hex_value(c), want);
	}
	/* a char as it comes: a byte above 0x7f is negative, and no digit */
	char high = (char)0xc3;
	assert_int_equal(folio_hex_value(high), -1);
	assert_int_equal(folio_hex_value('F'), 15);
	assert_int_equal(folio_hex_value('g'), -1);
}

static void expect_decoded(const char *in, const char *want)
{
	char *s = strdup(in);
	folio_percent_decode(s);
	assert_string_equal(s, want);
	free(s);
}

static void percent_decode_reads_two_hex_digits(void **state)
{
	(void)state;
	expect_decoded("contenus-non-autoris%C3%A9s", "contenus-non-autoris\xc3\xa9s");
	expect_decoded("a%20b%2fc", "a b/c");
	expect_decoded("100%", "100%");         /* nothing after it */
	expect_decoded("%4", "%4");             /* one digit, then the end */
	expect_decoded("%zz%4g", "%zz%4g");     /* not hex: kept */
	expect_decoded("%%41", "%A");           /* the second '%' starts the escape */
	expect_decoded("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_value_reads_every_byte),
		cmocka_unit_test(percent_decode_reads_two_hex_digits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
