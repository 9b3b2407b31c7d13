/*
 * Internals shared by the schema module's files: format checkers
 * (schema_format.c) and the ECMA-262 to POSIX regex translation
 * (schema_regex.c). Every checker takes a length, as strings may hold NUL.
 */
#ifndef FOLIO_SCHEMA_INTERNAL_H
#define FOLIO_SCHEMA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

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
 * Translate an ECMA-262 pattern into a POSIX extended one for regcomp in a
 * UTF-8 locale. Returns 0, or -1 with *why naming the unsupported construct
 * (a static string).
 */
int folio_schema__regex_translate(folio_buf *out, const char *pattern, size_t len,
                                  const char **why);

#endif
