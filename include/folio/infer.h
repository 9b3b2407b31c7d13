/*
 * A JSON Schema inferred from the front matter of a collection's pages:
 * what `folio init --from hugo|jekyll` writes for each collection.
 *
 *     folio_infer *inf = folio_infer_new();
 *     folio_infer_add(inf, meta_of_page_1);   // a JSON object per page
 *     folio_infer_add(inf, meta_of_page_2);
 *     json_t *schema = folio_infer_schema(inf, "Posts");
 *     json_decref(schema);
 *     folio_infer_free(inf);
 *
 * For each top-level key seen: its JSON types ("integer" and "number"
 * together give "number"; several give a list); "format": "date" when
 * every text value is a date (YYYY-MM-DD), "date-time" when every one is
 * an RFC 3339 date-time, as the schema module checks them; "enum" for a
 * small closed set, at most FOLIO_INFER_ENUM_MAX distinct texts seen on at
 * least FOLIO_INFER_ENUM_MIN_PAGES pages, each text on two pages on
 * average (eight titles on ten pages are no set); an array's item types the same
 * way. "required" lists the keys every page has (none when no page was
 * added). "additionalProperties" is left open: a key the sample did not
 * show is still allowed, so a page written later is not refused for it.
 * Keys are in sorted order, so the output does not depend on page order.
 */
#ifndef FOLIO_INFER_H
#define FOLIO_INFER_H

#include <jansson.h>

#define FOLIO_INFER_ENUM_MAX 8
#define FOLIO_INFER_ENUM_MIN_PAGES 10

typedef struct folio_infer folio_infer;

folio_infer *folio_infer_new(void);
/* One page's front matter; anything but an object counts as an empty page. */
void folio_infer_add(folio_infer *inf, const json_t *meta);
/* The number of pages added. */
size_t folio_infer_pages(const folio_infer *inf);
/* A new reference; title (may be NULL) becomes the schema's "title". */
json_t *folio_infer_schema(const folio_infer *inf, const char *title);
void folio_infer_free(folio_infer *inf);

#endif
