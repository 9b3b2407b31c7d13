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
 *     folio_renderer__add_feed_page(r, collection, 3, 12, fragments, n);
 *     folio_renderer_render_to(r, NULL, jobs, sink, payload);
 *     folio_renderer_free(r);
 *
 * folio_renderer_deps() is not available on a partial renderer.
 */
#ifndef FOLIO_RENDER_PARTIAL_H
#define FOLIO_RENDER_PARTIAL_H

#include "folio/render.h"

int folio_renderer__new_partial(folio_renderer **out, const folio_site *site);
/* Each returns the index of the output added (see folio_renderer_outputs()). */
size_t folio_renderer__add_page(folio_renderer *r, const folio_page *p);
/* Feed page number of count, holding the n items whose fragments are given
 * (copied), in feed order. */
size_t folio_renderer__add_feed_page(folio_renderer *r, const folio_collection *c, size_t number,
                                     size_t count, char **fragments, size_t n);
/* The text of page p as an item of a feed page (what the fast path keeps
 * for the items it does not parse again). Caller frees. */
char *folio_renderer__feed_fragment(const folio_renderer *r, const folio_page *p);

#endif
