/* Small text helpers shared by the parsers and validators. */
#ifndef FOLIO_UTIL_TEXT_H
#define FOLIO_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "folio/buf.h"

/* Append "/" and key (len bytes) escaped as an RFC 6901 JSON pointer segment. */
void folio_json_pointer_append(folio_buf *b, const char *key, size_t len);

/* Call cb for every string inside v (objects and arrays walked depth first,
 * in order), with the JSON pointer of the string ("" for v itself). */
void folio_json_foreach_string(const json_t *v,
                               void (*cb)(const char *pointer, const char *s, void *payload),
                               void *payload);

/* A param's value as text: a string as it is, a number ("3", "2.5"), true
 * or false; NULL for anything else (null, a list, a mapping). Caller frees. */
char *folio_json_scalar_text(const json_t *v);
/* obj's value at name, its keys read without ASCII case and its dots as
 * levels ("grpc_vers.core" is grpc_vers: {core: ...}), as Hugo's .Param
 * and its configuration read them; NULL when absent. Borrowed. */
json_t *folio_json_get_path_ci(const json_t *obj, const char *name);

/* Optimal string alignment distance (insertions, deletions, substitutions,
 * adjacent transpositions), ASCII case-insensitive; SIZE_MAX for inputs over
 * 64 bytes. For "did you mean" hints. */
size_t folio_edit_distance(const char *a, size_t n, const char *b, size_t m);
/* The candidate closest to word, or NULL when none is close enough to be a
 * likely typo: at most 1 edit for words under 4 bytes, 2 otherwise; the
 * first of equals wins. candidates ends with NULL; borrowed from it. */
const char *folio_closest(const char *word, const char *const *candidates);
/* Append s to out as valid UTF-8: each byte that is not part of a valid
 * sequence (a file name's, a system message's) is written as the text
 * "\xNN". For what must be UTF-8 (JSON, jansson refuses anything else). */
void folio_text_utf8_repair(folio_buf *out, const char *s);

/* Length of the valid UTF-8 sequence at s (n >= 1 bytes left): 1 to 4, or
 * 0 when it is not one (overlong forms, surrogates and code points above
 * U+10FFFF are invalid). */
size_t folio_utf8_len(const unsigned char *s, size_t n);

/* Does the string s hold ASCII only (no byte at or above 0x80)? */
bool folio_ascii(const char *s);
/* The value of the hexadecimal digit c (0-9, a-f, A-F), or -1 for any
 * other byte (a char may be passed as it is: a negative one is no digit). */
int folio_hex_value(int c);
/* s with its %XX escapes decoded, in place (it never grows), as a browser
 * reads a URL's path or fragment; a '%' not followed by two hex digits
 * stays as it is. */
void folio_percent_decode(char *s);
/* How many of s[0..n) are bytes a JSON string escapes: '"', '\\' and
 * control bytes (jansson and folio's own escaping agree on these). Counted
 * without a branch, in runs of 255 into a byte-wide counter, which the
 * compiler vectorises: it runs over every page's HTML. */
size_t folio_json_escapes(const char *s, size_t n);
/* strtod in the C locale: the decimal point of YAML, TOML and JSON is "."
 * whatever LC_NUMERIC says. */
double folio_strtod_c(const char *s);

/* Whether s ends with suffix ("x.md", ".md"). */
bool folio_ends_with(const char *s, const char *suffix);

#endif
