/*
 * Slugs: the URL segment a file or folder name gives. The rule, documented
 * in docs/front-matter.md: ICU's transliterator "Any-Latin; Latin-ASCII;
 * Lower" turns the name into lowercase ASCII ("Fête à Zürich" -> "fete a
 * zurich", "Москва" -> "moskva"), then every run of characters other than
 * a-z and 0-9 becomes one "-", and dashes at either end go. A name that is
 * already a slug is left as it is.
 *
 *     char *s = folio_slug_make("Présentation 2023", strlen("Présentation 2023"));
 *     // "presentation-2023"; NULL when nothing is left ("...")
 *     free(s);
 */
#ifndef FOLIO_MODEL_SLUG_H
#define FOLIO_MODEL_SLUG_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s (n bytes) is a slug: [a-z0-9-]+. */
bool folio_slug_is(const char *s, size_t n);

/* The slug of n bytes of UTF-8 at s; caller frees. NULL when the name has
 * no letter or digit left. Safe to call from any thread. */
char *folio_slug_make(const char *s, size_t n);

/* Jekyll's slug of a name (slugify, its default mode): letters and digits
 * of any script kept, lower case ("Breminale-Rückblick" ->
 * "breminale-rückblick"), every other run of characters one "-" ('_' kept
 * when underscores), dashes at either end gone; no transliteration
 * (slug_letters: keep). keep_case: capitals kept, as its :title keeps them
 * ("Breminale-Rückblick"). NULL as folio_slug_make, or for text that is
 * not UTF-8. */
char *folio_slug_make_letters(const char *s, size_t n, bool underscores, bool keep_case);

/* Jekyll's slug of a name under :title (slugify's pretty mode, cased):
 * letters, marks and digits of any script and ._~!$&'()+,;=@ kept as
 * they are ("C++11 Rvalue Reference" -> "C++11-Rvalue-Reference", "My
 * DApp" -> "My-DApp"), every other run of characters one "-", none at
 * either end. NULL when no letter or digit is left, or for text that is
 * not UTF-8. */
char *folio_slug_make_pretty(const char *s, size_t n);

/* As folio_slug_make, with '_' kept as a letter when underscores is true
 * (slug_underscores: keep, as Hugo and Jekyll keep it in the addresses
 * file names give: cloud_native_apps.md at /cloud_native_apps/). */
char *folio_slug_make_with(const char *s, size_t n, bool underscores);

/* As folio_slug_make_with, dots kept as Hugo keeps them (slug_dots: true):
 * each part between dots made a slug, joined with dots ("v3.5" stays
 * "v3.5", "Release 2.0 Final" gives "release-2.0-final"); NULL when no part
 * has a letter or digit. Caller frees. */
char *folio_slug_make_dotted(const char *s, size_t n, bool underscores);

#endif
