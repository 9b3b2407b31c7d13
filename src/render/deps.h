/*
 * Dependency records: what an output is made from, one record a line in
 * the state (outputs.deps, and a deps row each, which the publishers look
 * up by line). render_deps.c writes them, the fast path reads them back
 * (publish_dirty.c, publish_feeds.c). The line format is owned here, both
 * ways; the stored bytes are the ones folio has always written, since each
 * output's input hash is the hash of its lines. It lives in render/, the
 * stage that writes the records, so that render never asks publish (a
 * back edge the layout/module-cycles test refuses) while publish, the
 * later stage, reads them as it reads render's other products.
 *
 *   INPUT    key=value        a file's content id ("content/a.md=<blob>",
 *                             "folio.yaml=<blob>"), a setting ("folio=",
 *                             "unit=", "pagination=N/M", "site.year=",
 *                             "index=<count> <digest>", ...)
 *   META     key#meta=value   a page's front matter and summary (its signature)
 *   PLACED   file:key         where a page or bundle file linked to is published
 *   MISSING  missing:key      a reference or a template that names nothing
 *
 * A line is split at its first '=': values may hold one (a term's name, a
 * sitemap line's "url:/a/ date=..."), keys should not, but a page's path
 * may (folio/path.h allows it), so a reader that looks for one page's line
 * compares the whole line (folio_dep_line()). An INPUT's key never ends in
 * "#meta" nor starts with "file:" or "missing:", else it would read back as
 * another kind.
 */
#ifndef FOLIO_RENDER_DEPS_H
#define FOLIO_RENDER_DEPS_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"

typedef enum {
	FOLIO_DEP_INPUT,
	FOLIO_DEP_META,
	FOLIO_DEP_PLACED,
	FOLIO_DEP_MISSING,
} folio_dep_kind;

/* The key of the one record an output whose records grew too many has
 * instead ("volatile=<commit>", render_deps.c): it changes at each commit */
#define FOLIO_DEP_VOLATILE "volatile"
/* The key prefix of a file of the site a page's {% include_relative %}
 * reads ("relative:docs/x.md=<id>"): a change of that file, a page or
 * not, is no fast path's (publish_judge.c looks for the key) */
#define FOLIO_DEP_RELATIVE "relative:"

/* One record; key and value point into the parsed line (or the caller's strings). */
typedef struct {
	folio_dep_kind kind;
	const char *key, *value; /* value "" (length 0) for PLACED and MISSING */
	size_t key_len, value_len;
} folio_dep;

/* Append d's line and its newline to out. */
void folio_dep_format(folio_buf *out, const folio_dep *d);
/* Append the record (kind, key, value) (value NULL for PLACED and MISSING). */
void folio_dep_put(folio_buf *out, folio_dep_kind kind, const char *key, const char *value);
/* The same, the value formatted. */
void folio_dep_putf(folio_buf *out, folio_dep_kind kind, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The line of (kind, key, value) without its newline, as the deps table
 * holds it; caller frees. */
char *folio_dep_line(folio_dep_kind kind, const char *key, const char *value);

/* The record of line[0..len) (no newline): 0, or -1 when it is none (empty,
 * no '=' and no "file:" or "missing:" prefix, an empty key). A value may
 * be empty. */
int folio_dep_parse(folio_dep *out, const char *line, size_t len);
/* The next line of the stored text at *cursor (without its newline), *cursor
 * moved past it: false at the end. */
bool folio_deps_next(const char **cursor, const char **line, size_t *len);

/* Append the record (INPUT, key) "count digest" that stands for count
 * inputs whose lines all holds: an output made of a whole site's pages
 * (index.json, a sitemap part) records one line, not one a page. */
void folio_dep_digest(folio_buf *out, const char *key, size_t count, const folio_buf *all);

/* Is d the record (kind, key, value)? value NULL: any value. */
bool folio_dep_is(const folio_dep *d, folio_dep_kind kind, const char *key, const char *value);
/* Does d's key name a page's file: "x.md", Jekyll's "x.markdown", a page
 * written in HTML or plain text ("x.html", "_licenses/mit.txt"), not the
 * configuration, a schema, a template or a static file? */
bool folio_dep_names_page(const folio_dep *d);

#endif
