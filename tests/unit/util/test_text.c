/* util/text: the one hex-digit reader and the %XX decoder that uses it;
 * the count of bytes a JSON string escapes. */
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

/* The vector count against one byte at a time, at every length around the
 * 16-byte blocks and past a lane's 255-block limit (where a byte-wide
 * counter would wrap), at every offset, with every byte value. */
static void json_escapes_counts_every_byte(void **state)
{
	(void)state;
	size_t size = 16 * 255 * 3 + 40;
	unsigned char *buf = malloc(size);
	unsigned seed = 7;
	for (size_t i = 0; i < size; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (unsigned char)(seed >> 16);
	}
	/* long runs of escaped bytes too: a lane counts 255 of them at most */
	memset(buf, '"', 16 * 300);
	const size_t lens[] = { 0, 1, 15, 16, 17, 31, 32, 33, 16 * 255 - 1, 16 * 255, 16 * 255 + 1,
	                        16 * 255 + 17, 16 * 510 + 3, size - 3 };
	for (size_t off = 0; off < 3; off++)
		for (size_t k = 0; k < sizeof(lens) / sizeof(*lens); k++) {
			size_t want = 0;
			for (size_t i = 0; i < lens[k]; i++) {
				unsigned char c = buf[off + i];
				want += c < 0x20 || c == '"' || c == '\\';
			}
			assert_int_equal(folio_json_escapes((const char *)buf + off, lens[k]), want);
		}
	for (int c = 0; c < 256; c++) {
		char one = (char)c;
		assert_int_equal(folio_json_escapes(&one, 1), c < 0x20 || c == '"' || c == '\\');
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_value_reads_every_byte),
		cmocka_unit_test(percent_decode_reads_two_hex_digits),
		cmocka_unit_test(json_escapes_counts_every_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
