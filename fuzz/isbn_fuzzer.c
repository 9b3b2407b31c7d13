/*
 * Fuzzes ISBN parsing and the RangeMessage.xml loader. The first byte
 * picks the target: even, the rest is an ISBN (checked for the parser's
 * invariants); odd, the rest is a range message, and if it loads, a few
 * ISBNs are hyphenated against it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/isbn.h"
#include "model/isbn_ranges.h"

#include "util/banned.h"

#define CHECK(x)                  \
	do {                      \
		if (!(x))         \
			abort();  \
	} while (0)

static void check_info(const folio_isbn_info *info, const folio_isbn__ranges *r)
{
	CHECK(memchr(info->digits13, 0, sizeof(info->digits13)));
	CHECK(memchr(info->isbn13, 0, sizeof(info->isbn13)));
	CHECK(memchr(info->isbn10, 0, sizeof(info->isbn10)));
	CHECK(memchr(info->message, 0, sizeof(info->message)));
	CHECK(memchr(info->hint, 0, sizeof(info->hint)));
	CHECK((info->status == FOLIO_ISBN_VALID) == !info->message[0]);
	CHECK(!info->digits13[0] || strlen(info->digits13) == 13);
	CHECK(!info->isbn13[0] || strlen(info->isbn13) == 17);
	CHECK(!info->isbn10[0] || strlen(info->isbn10) == 13);
	CHECK(!strchr(info->message, '\n') && !strchr(info->hint, '\n'));
	if (info->isbn13[0]) {
		/* A hyphenated form must itself be valid and say the same. */
		folio_isbn_info again;
		folio_isbn__parse_with(&again, info->isbn13, r);
		CHECK(again.status == FOLIO_ISBN_VALID);
		CHECK(!strcmp(again.isbn13, info->isbn13) && !strcmp(again.digits13, info->digits13));
	}
	if (info->status == FOLIO_ISBN_VALID)
		CHECK(info->isbn13[0] && info->digits13[0]);
}

static void fuzz_isbn(const char *text)
{
	folio_isbn_info info;
	folio_isbn__parse_with(&info, text, &folio_isbn__builtin);
	check_info(&info, &folio_isbn__builtin);
	folio_rule rule;
	char msg[100];
	folio_ean13_check(text, &rule, msg, sizeof(msg));
	CHECK(rule == FOLIO_RULE__COUNT || rule == FOLIO_RULE_ISBN_LENGTH ||
	      rule == FOLIO_RULE_ISBN_CHECK_DIGIT);
}

static void fuzz_ranges(const uint8_t *data, size_t size)
{
	static const char *const isbns[] = {
		"9782296013681", "978-2-296-01368-1", "0-8044-2957-X", "9791090636071", "9786100000003",
	};
	folio_isbn__loaded *loaded = NULL;
	if (folio_isbn__ranges_parse(&loaded, (const char *)data, size, "fuzz.xml") < 0)
		return;
	const folio_isbn__ranges *r = folio_isbn__ranges_of(loaded);
	for (size_t i = 0; i < sizeof(isbns) / sizeof(isbns[0]); i++) {
		folio_isbn_info info;
		folio_isbn__parse_with(&info, isbns[i], r);
		check_info(&info, r);
	}
	folio_isbn__ranges_free(loaded);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	if (data[0] % 2) {
		fuzz_ranges(data + 1, size - 1);
		return 0;
	}
	char *text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	fuzz_isbn(text);
	free(text);
	return 0;
}
