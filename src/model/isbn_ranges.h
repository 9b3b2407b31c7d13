/*
 * Internal: the ISBN range table, shared by isbn.c, the generated
 * isbn_ranges.c and the RangeMessage.xml loader (isbn_load.c).
 *
 * Invariants (checked by scripts/gen-isbn-ranges.py and by the loader):
 * eans[] and groups[] are sorted by prefix (byte order) without
 * duplicates; each entry's rules, rules[first .. first + count), are
 * sorted by lo and do not overlap; lengths are 0..7 (0 = unassigned).
 */
#ifndef FOLIO_ISBN_RANGES_H
#define FOLIO_ISBN_RANGES_H

#include <stddef.h>
#include <stdint.h>

#include "folio/isbn.h"

/* Longest prefix: 3 EAN digits and a group code of at most 5 digits. */
#define FOLIO_ISBN__PREFIX_MAX 8

typedef struct {
	uint32_t lo, hi; /* inclusive bounds on the 7 digits after the prefix, padded with 0 */
	uint8_t length;  /* how many of those digits form the next element; 0 = unassigned */
} folio_isbn__rule;

typedef struct {
	char prefix[FOLIO_ISBN__PREFIX_MAX + 1]; /* digits only: "978", "9782", "97899937" */
	uint32_t first; /* index of the first rule in the table's rules[] */
	uint32_t count;
} folio_isbn__group;

typedef struct {
	const char *date;   /* MessageDate as written, e.g. "Mon, 8 Jan 2024 13:37:37 GMT" */
	const char *serial; /* MessageSerialNumber, "" when absent */
	const folio_isbn__group *eans; /* EAN.UCC prefixes: rules give the group length */
	size_t neans;
	const folio_isbn__group *groups; /* registration groups: rules give the registrant length */
	size_t ngroups;
	const folio_isbn__rule *rules;
	size_t nrules;
} folio_isbn__ranges;

/* The table compiled in from testdata/isbn/RangeMessage.xml. */
extern const folio_isbn__ranges folio_isbn__builtin;

/* A table read from XML; free with folio_isbn__ranges_free(). */
typedef struct folio_isbn__loaded folio_isbn__loaded;

/*
 * Parse a RangeMessage.xml held in memory into *out (caller frees with
 * folio_isbn__ranges_free). Returns 0, or FOLIO_ERROR with the reason.
 */
int folio_isbn__ranges_parse(folio_isbn__loaded **out, const char *xml, size_t len,
                             const char *name);
void folio_isbn__ranges_free(folio_isbn__loaded *loaded);
/* The table a loaded message holds; borrowed, lives as long as loaded. */
const folio_isbn__ranges *folio_isbn__ranges_of(const folio_isbn__loaded *loaded);

/* The table in use: the built-in one or the last loaded. */
const folio_isbn__ranges *folio_isbn__ranges_current(void);

/* folio_isbn_parse() against a given table. */
void folio_isbn__parse_with(folio_isbn_info *out, const char *text,
                            const folio_isbn__ranges *ranges);

/* Blank between or around the parts of an ISBN or a range. */
bool folio_isbn__is_blank(char c);
/* The 7 digits from d (n of them available), padded on the right with 0. */
uint32_t folio_isbn__seven_digits(const char *d, size_t n);

#endif
