/*
 * Rendering: a loaded site to the bytes of every output file.
 *
 *     folio_outputs outs;
 *     folio_outputs_init(&outs);
 *     folio_render_options ro = FOLIO_RENDER_OPTIONS_INIT;
 *     if (folio_render_site(&outs, site, &ro) < 0) ...
 *     for (size_t i = 0; i < outs.count; i++)
 *         write_file(outs.items[i].path, outs.items[i].data, outs.items[i].len);
 *     folio_outputs_dispose(&outs);
 *
 * Outputs: <folder>/<slug>/index.html per page, <folder>/index.html and
 * <folder>/page/<n>/index.html per collection, <folder>/index.json (JSON
 * Feed 1.1), index.html, index.json (every page), sitemap.xml, and static/
 * files as they are. The bytes depend only on the site (commit and
 * configuration), never on the time, the machine or the number of threads.
 */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include "site.h"

typedef enum {
	FOLIO_UNIT_PAGE,    /* one page; index = page number in path order */
	FOLIO_UNIT_LIST,    /* one list page of a collection */
	FOLIO_UNIT_FEED,    /* a collection's JSON Feed */
	FOLIO_UNIT_HOME,
	FOLIO_UNIT_INDEX,   /* index.json */
	FOLIO_UNIT_SITEMAP,
	FOLIO_UNIT_STATIC,  /* a static file copied through */
} folio_unit_kind;

typedef struct {
	char *path;             /* relative to the output directory */
	char *data;             /* owned */
	size_t len;
	folio_unit_kind kind;
	const folio_page *page; /* FOLIO_UNIT_PAGE: the page; borrowed from the site */
	const folio_collection *collection; /* LIST and FEED: borrowed */
} folio_output;

typedef struct {
	folio_output *items; /* sorted by path after folio_render_site() */
	size_t count, alloc;
} folio_outputs;

typedef struct {
	int jobs; /* threads; 0 = one per core */
} folio_render_options;

#define FOLIO_RENDER_OPTIONS_INIT { 0 }

void folio_outputs_init(folio_outputs *outs);
void folio_outputs_dispose(folio_outputs *outs);

/*
 * Render every output of site into outs. Pages that failed to load
 * (ok == false) are skipped. Returns 0, or a negative code when a static
 * file cannot be read.
 */
int folio_render_site(folio_outputs *outs, const folio_site *site, const folio_render_options *opts);

#endif
