/*
 * ISBN-10, ISBN-13 and EAN-13: check digits, prefixes, conversion and
 * hyphenation as the International ISBN Agency's ranges say.
 *
 *     folio_isbn_info info;
 *     folio_isbn_parse(&info, "978-2-296-01368-1");
 *     if (info.status == FOLIO_ISBN_VALID) puts(info.isbn13); // 978-2-296-01368-1
 *
 * Three outcomes are told apart: invalid (bad length, characters, check
 * digit or prefix, or hyphens in the wrong places), unknown range (a
 * well-formed ISBN whose group or registrant range the data does not know:
 * the data may be older than the book), and valid.
 *
 * The range table is compiled in (generated from testdata/isbn/RangeMessage.xml
 * by scripts/gen-isbn-ranges.py). folio_isbn_ranges_load() replaces it at run
 * time from a newer RangeMessage.xml; call it once at start-up, before any
 * thread parses.
 */
#ifndef FOLIO_ISBN_H
#define FOLIO_ISBN_H

#include "diag.h"

typedef enum {
	FOLIO_ISBN_VALID,
	FOLIO_ISBN_UNKNOWN_RANGE,
	FOLIO_ISBN_INVALID,
} folio_isbn_status;

typedef struct {
	folio_isbn_status status;
	folio_rule rule;    /* why, when not valid: FOLIO_RULE_ISBN_LENGTH,
	                       _CHECK_DIGIT, _PREFIX, _HYPHENATION, _UNKNOWN_RANGE */
	char digits13[14];  /* the 13 digits, "" when not computable */
	char isbn13[18];    /* hyphenated ISBN-13, "" when not computable (unknown range) */
	char isbn10[14];    /* hyphenated ISBN-10, "" when none exists (979) or unknown */
	char message[200];  /* one line explaining status, "" when valid,
	                       e.g. "ISBN check digit is 2, expected 1" */
	char hint[120];     /* the correct form, e.g. "write 978-2-296-01368-1", or "" */
} folio_isbn_info;

/*
 * Parse an ISBN-10 or ISBN-13 written with or without hyphens or spaces.
 * Surrounding blanks are ignored, and so is one leading label "ISBN",
 * "ISBN-10" or "ISBN-13" (any case) followed by ":" and/or blanks; the
 * label's number is not checked against the length. Hyphens and spaces,
 * when there are any, must sit where the ranges put them; an ISBN written
 * without any is not checked for hyphenation. Fills *out and returns 0;
 * never fails.
 */
int folio_isbn_parse(folio_isbn_info *out, const char *text);

/*
 * Check an EAN-13 (13 digits, no separators). Returns 0 and sets *rule to
 * FOLIO_RULE__COUNT when valid, else the rule (length, check digit) and a
 * message in msg (msg_size bytes).
 */
int folio_ean13_check(const char *text, folio_rule *rule, char *msg, size_t msg_size);

/* Date of the range message in use, as the message says it ("Mon, 8 Jan 2024 13:37:37 GMT"). */
const char *folio_isbn_ranges_date(void);

/*
 * Replace the compiled-in ranges with those of a RangeMessage.xml file
 * (parsed with libxml2); xml_path NULL goes back to the compiled-in table.
 * Returns 0, or FOLIO_ERROR with the reason in folio_error_last(); the old
 * table stays in use on failure. Not thread-safe: a table replaced while
 * another thread parses may be freed under it.
 */
int folio_isbn_ranges_load(const char *xml_path);

/*
 * Load the ranges named by the environment variable FOLIO_ISBN_RANGES
 * (a RangeMessage.xml path) when it is set and not empty, as
 * folio_isbn_ranges_load() does. Returns 0 or FOLIO_ERROR.
 */
int folio_isbn_ranges_init_from_env(void);

#endif
