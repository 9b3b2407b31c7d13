/* Small text helpers shared by the parsers and validators. */
#ifndef FOLIO_UTIL_TEXT_H
#define FOLIO_UTIL_TEXT_H

#include <stddef.h>

#include "folio/buf.h"

/* Append "/" and key (len bytes) escaped as an RFC 6901 JSON pointer segment. */
void folio_json_pointer_append(folio_buf *b, const char *key, size_t len);

/* Optimal string alignment distance (insertions, deletions, substitutions,
 * adjacent transpositions), ASCII case-insensitive; SIZE_MAX for inputs over
 * 64 bytes. For "did you mean" hints. */
size_t folio_edit_distance(const char *a, size_t n, const char *b, size_t m);

#endif
