/*
 * Path patterns of folio.yaml (ignore:, a rule's paths:), matched against
 * site-relative paths such as "archives/2019/a.md":
 *
 *   *     any run of characters within one path segment (never a "/")
 *   ?     one character other than "/"
 *   **    as a whole segment ("**" + "/", or a final "/" + "**"): any number of
 *         segments, none included ("** /a.md" written without the blank
 *         matches "a.md" and "x/y/a.md"; "archives/" + "**" everything under archives/)
 *   x/    a final "/" stands for "x/" + "**": everything under folder x
 *
 * Everything else matches itself, and a pattern matches the whole path:
 * "*.md" is a file at the site root only (fnmatch's FNM_PATHNAME). No
 * backtracking: matching takes time proportional to the pattern's length
 * times the path's over 64, whatever either holds, and stops once no prefix
 * of the path can match.
 */
#ifndef FOLIO_UTIL_GLOB_H
#define FOLIO_UTIL_GLOB_H

#include <stdbool.h>

/* Whether path matches pattern (both NUL-terminated). */
bool folio_glob_match(const char *pattern, const char *path);
/* NULL when pattern can be used, else why not (a static string): empty,
 * absolute, or with a ".." segment, which no site path has. */
const char *folio_glob_check(const char *pattern);

#endif
