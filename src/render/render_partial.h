/*
 * Partial renderers, for publishing a small change: no plan of the whole
 * site, only the outputs added one by one, with the items of each feed page
 * given by the caller as fragments (the site being partial, see
 * site_partial.h). The bytes of each output are those a full renderer gives.
 *
 *     folio_renderer *r;
 *     folio_renderer__new_partial(&r, site);
 *     folio_renderer__add_page(r, page);
 *     char *f = folio_renderer__feed_fragment(r, page);        // per item
 *     folio_renderer__add_feed_page(r, collection, NULL, 3, 12, fragments, n);
 *     folio_renderer_render_to(r, NULL, jobs, sink, payload);
 *     folio_renderer_free(r);
 *
 * folio_renderer_deps() is not available on a partial renderer.
 */
#ifndef FOLIO_RENDER_PARTIAL_H
#define FOLIO_RENDER_PARTIAL_H

#include <stdint.h>

#include "folio/render.h"

int folio_renderer__new_partial(folio_renderer **out, const folio_site *site);
/* Each returns the index of the output added (see folio_renderer_outputs()). */
size_t folio_renderer__add_page(folio_renderer *r, const folio_page *p);
/* Feed page number of count of c in lang (a translation language of
 * folio.yaml, NULL for the site's), holding the n items whose fragments
 * are given (copied), in feed order. */
size_t folio_renderer__add_feed_page(folio_renderer *r, const folio_collection *c, const char *lang,
                                     size_t number, size_t count, char **fragments, size_t n);
/* The text of page p as an item of a feed page (what the fast path keeps
 * for the items it does not parse again). Caller frees. */
char *folio_renderer__feed_fragment(const folio_renderer *r, const folio_page *p);

/*
 * Full renderers: a feed page's items are taken from fragments kept by an
 * earlier publish when given (their blobs not read again), and the ones
 * made can be collected for the next publish. Before rendering:
 */
/* The items of output i when it is a feed page, in feed order (else NULL). */
const folio_page *const *folio_renderer__feed_page_items(const folio_renderer *r, size_t i, size_t *n);
/* The n kept fragments of pages (fragments taken; the array is not). */
void folio_renderer__use_fragments(folio_renderer *r, const folio_page **pages, char **fragments, size_t n);
/* Collect the fragments made while rendering; with spill_dir, in a scratch
 * file there of at most cap bytes (a full render makes one per page), else
 * (or when it cannot be made, or is full) in memory. */
void folio_renderer__collect_fragments(folio_renderer *r, const char *spill_dir, uint64_t cap);
/* After rendering: how many fragments were made, and each once, with its
 * page and whether its body's links are self-contained (as
 * folio_markdown_links_self_contained() says of the render that made it):
 * the caller frees it; NULL when it cannot be read back (the message in
 * folio_error_last()). */
size_t folio_renderer__made_count(const folio_renderer *r);
/* Of them, how many waited in the scratch file. */
size_t folio_renderer__made_spilled(const folio_renderer *r);
char *folio_renderer__take_made(folio_renderer *r, size_t k, const folio_page **page, bool *contained);
/* How many were taken from the fragments given. */
size_t folio_renderer__reused(const folio_renderer *r);
/* How many pages' HTML a streaming site's render read from their blobs. */
size_t folio_renderer__bodies_read(const folio_renderer *r);

#endif
