/*
 * Internals shared by the schema module's files: format checkers
 * (schema_format.c) and ECMA-262 patterns under PCRE2 (schema_regex.c).
 * Every checker takes a length, as strings may hold NUL.
 */
#ifndef FOLIO_SCHEMA_INTERNAL_H
#define FOLIO_SCHEMA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "folio/buf.h"

/* RFC 3339 full-date, with the real calendar (leap years). */
bool folio_schema__is_date(const char *s, size_t n);
/* RFC 3339 full-time (offset required; leap second only at 23:59 UTC). */
bool folio_schema__is_time(const char *s, size_t n);
/* RFC 3339 date-time. */
bool folio_schema__is_date_time(const char *s, size_t n);
/* RFC 3986 absolute URI (scheme required, fragment allowed), ASCII only. */
bool folio_schema__is_uri(const char *s, size_t n);
/* RFC 5321 Mailbox: dot-atom or quoted local part, host name or address literal. */
bool folio_schema__is_email(const char *s, size_t n);

/*
 * Compile an ECMA-262 pattern for PCRE2. Returns 0 with *out (free with
 * pcre2_code_free()), or -1 with PCRE2's reason appended to why.
 */
int folio_schema__regex_compile(pcre2_code **out, const char *pattern, size_t len, folio_buf *why);

/*
 * Unanchored search of s (len bytes) under the limits of mctx: 1 when it
 * matches, 0 when not, -2 when the match limit stopped it, -1 when the
 * depth or heap limit did.
 */
int folio_schema__regex_search(const pcre2_code *re, const char *s, size_t len,
                               pcre2_match_context *mctx);

#endif
