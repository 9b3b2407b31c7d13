/*
 * A folio site over a Hugo or Jekyll tree, left as it is: what
 * `folio init --from hugo|jekyll DIR` writes (docs/migrating.md).
 *
 *     folio_buf notes = FOLIO_BUF_INIT;
 *     folio_migrate(FOLIO_FROM_HUGO, "site", write_cb, payload, &notes);
 *     fputs(notes.ptr, stdout);            // what was found, what does not map
 *     folio_buf_dispose(&notes);
 *
 * Reads the generator's configuration (Hugo: hugo.toml, config.toml,
 * hugo.yaml, config.yaml, also under config/_default/; Jekyll:
 * _config.yml) for the site's title, address and language, and the
 * content tree for the collections: Hugo's top-level sections under
 * contentDir (pages at its root make a collection "pages"), Jekyll's
 * _posts, the collections its configuration declares, and top-level
 * folders holding Markdown. A permalink pattern becomes a collection's
 * url when it is a fixed folder followed by the page's name; other
 * patterns are named in the notes. Each collection gets a JSON Schema
 * inferred from its pages' front matter (folio/infer.h). The generator's
 * own folders (layouts, themes, _drafts, ...) are listed under exclude:.
 *
 * cb gets folio.yaml, then schemas/<collection>.json, paths relative to
 * dir; a negative return stops and is returned. Nothing is written by
 * this module itself, and no file of the tree is changed. Returns 0, or
 * FOLIO_ERROR (message set) when dir cannot be read.
 */
#ifndef FOLIO_MIGRATE_H
#define FOLIO_MIGRATE_H

#include <stddef.h>

#include "buf.h"

typedef enum {
	FOLIO_FROM_HUGO,
	FOLIO_FROM_JEKYLL,
} folio_migrate_from;

/* configs: Jekyll's configuration files, relative to dir and separated by
 * commas, read in turn as `jekyll build --config _config.yml,_config.nl.yml`
 * reads them (a mapping of a later file merged into an earlier one's, any
 * other value replaced); NULL reads _config.yml (or _config.yaml) alone.
 * Hugo's must be NULL. */
int folio_migrate(folio_migrate_from from, const char *dir, const char *configs,
                  int (*cb)(const char *path, const char *data, size_t len, void *payload),
                  void *payload, folio_buf *notes);

#endif
