/*
 * Hugo's urlize, the rule its ":slug" permalink applies to a page's title
 * when the page has no slug: (docs/migrating.md, "Addresses from titles"):
 * letters, digits and combining marks of any script are kept, as are
 * '.', '_', '~', '+', '-' and '@'; each run of white space becomes one '-'
 * (none at either end, none beside a '-' already written); anything else
 * (punctuation, symbols, emoji, control characters) is dropped; then, when
 * asked (Hugo's removePathAccents), combining marks go after canonical
 * decomposition ("é" is "e"); then lower case.
 *
 * Where Hugo keeps a character that would make the result more than one
 * URL segment or less than a plain name, folio drops it: '/', '\\', '#'
 * and '%' (Hugo keeps them), and the dots a result would start with (".."
 * or a hidden ".name"). folio_urlize_path keeps '/' as Hugo does when
 * each name it gives is a plain one: "En déplacement / Sécurité" is
 * "en-déplacement-/-sécurité", a page two folders down, as in Hugo's.
 *
 *     char *s = folio_urlize("Migrer vers PostgreSQL !", 24, false);
 *     // "migrer-vers-postgresql"; NULL when nothing is left ("!!!")
 *     free(s);
 */
#ifndef FOLIO_MODEL_URLIZE_H
#define FOLIO_MODEL_URLIZE_H

#include <stdbool.h>
#include <stddef.h>

/* The URL segment Hugo's urlize makes of n bytes of UTF-8 at s, accents
 * removed when remove_accents; caller frees. NULL when nothing is left or
 * s is not valid UTF-8. Safe from any thread. */
char *folio_urlize(const char *s, size_t n, bool remove_accents);
/* The same, capitals kept when keep_case (Hugo's disablePathToLower). */
char *folio_urlize_cased(const char *s, size_t n, bool remove_accents, bool keep_case);
/* Hugo's urlize with its '/' kept: "tcp/ip-basics" for "TCP/IP basics";
 * NULL when the result holds no '/' (folio_urlize's is the same), or when
 * a name it gives is empty, "..", starts with a dot or is no plain name
 * (folio_path_check). Caller frees. */
char *folio_urlize_path(const char *s, size_t n, bool remove_accents);
/* folio_urlize_cased() when it gives one plain segment of a path
 * (folio_path_check), else NULL: a name's, a slug's or a term's place in
 * an address. */
char *folio_urlize_segment(const char *s, size_t n, bool remove_accents, bool keep_case);

#endif
