/*
 * Starting points for authors: a page's slug from its title, a new page's
 * front matter from its collection's schema, and the files of a new site.
 * What `folio new` and `folio init` write.
 *
 *     char *slug = NULL;
 *     folio_scaffold_slug(&slug, "Journée d'étude à Lille"); // journee-d-etude-a-lille
 *     char *text = folio_scaffold_page(collection, schema_json, "Journée d'étude à Lille",
 *                                      "2026-12-03");
 *     free(text);
 *     free(slug);
 */
#ifndef FOLIO_SCAFFOLD_H
#define FOLIO_SCAFFOLD_H

#include <jansson.h>
#include <stddef.h>

#include "config.h"

/*
 * The slug of a title: transliterated to Latin ASCII by ICU ("Any-Latin;
 * Latin-ASCII; Lower": é -> e, ß -> ss, Киев -> kiev), then every run of
 * characters other than [a-z0-9] made one "-", none at either end, at most
 * 80 bytes (cut at a "-" when it can be). "page" when nothing is left.
 * Returns 0, or FOLIO_ERROR when ICU fails (message set). Caller frees *out.
 */
int folio_scaffold_slug(char **out, const char *title);

/*
 * A new page of collection c (Markdown with YAML front matter, ending with
 * an empty body): each field schema (a JSON Schema object, may be NULL)
 * requires, in the schema's order, with a placeholder of its type ("TODO"
 * for text, 0, false, a list of one placeholder where items are required,
 * today for a date), the collection's title field set to title, and each
 * field's title and description as a YAML comment above it; the optional
 * fields follow, commented out. today is "YYYY-MM-DD". Local "$ref"s
 * ("#/$defs/time") are followed. Caller frees.
 */
char *folio_scaffold_page(const folio_collection *c, const json_t *schema, const char *title,
                          const char *today);

/*
 * Each file of a new site that passes `folio check` as it is: a commented
 * folio.yaml (from the table of keys), one collection "pages" with its
 * schema and template, and a first page. cb gets each path (relative to
 * the site) and its bytes; a negative return stops and is returned.
 */
int folio_scaffold_site(int (*cb)(const char *path, const char *data, size_t len, void *payload),
                        void *payload);

#endif
