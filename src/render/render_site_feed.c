/*
 * The site's feeds (folio.yaml's feeds:): the newest items of several
 * collections, merged from each one's feed order, which the renderer has
 * sorted already; a feed holds its size items at most, so the merge costs
 * that many steps, not the collections' length.
 */
#include <stdlib.h>

#include "folio/site.h"
#include "model/layout.h"
#include "render/render_internal.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* The first size items of f's collections in lang, newest first: each a
 * dated collection sorted by folio_site_cmp_newest, a total order, so the
 * merge is the order one sort of all their pages would give. */
static const folio_page **merge(const renderer *r, const folio_site_feed *f, const char *lang, size_t *n)
{
	size_t nc = f->ncollections, *at = folio_xcalloc(nc + 1, sizeof(*at));
	size_t slot = folio_layout_lang_slot(r->cfg, lang);
	const folio_page **out = folio_xmalloc((f->size + 1) * sizeof(*out));
	*n = 0;
	while (*n < f->size) {
		const folio_page *best = NULL;
		size_t from = 0;
		for (size_t k = 0; k < nc; k++) {
			/* the collection's feed order, as folio_render__feed_order_in gives it */
			const struct feed_sorted *order = &r->feeds[slot * r->cfg->ncollections + f->collections[k]];
			const folio_page *const *pages = order->pages;
			size_t len = order->n;
			if (at[k] < len && (!best || folio_site_cmp_newest(&pages[at[k]], &best) < 0)) {
				best = pages[at[k]];
				from = k;
			}
		}
		if (!best)
			break;
		out[(*n)++] = best;
		at[from]++;
	}
	free(at);
	return out;
}

void folio_render__sort_site_feeds(renderer *r)
{
	size_t nf = r->cfg->nfeeds * (r->cfg->nlanguages + 1);
	r->site_feeds = folio_xcalloc(nf ? nf : 1, sizeof(*r->site_feeds));
	for (size_t k = 0; k < nf; k++) {
		size_t l = k / r->cfg->nfeeds;
		r->site_feeds[k].pages = merge(r, &r->cfg->feeds[k % r->cfg->nfeeds],
		                               l ? r->cfg->languages[l - 1] : NULL, &r->site_feeds[k].n);
	}
}

const folio_page *const *folio_render__site_feed_items(const renderer *r, size_t feed, const char *lang,
                                                       size_t *n)
{
	FOLIO_ASSERT(r->site_feeds && feed < r->cfg->nfeeds);
	const struct feed_sorted *f =
		&r->site_feeds[folio_layout_lang_slot(r->cfg, lang) * r->cfg->nfeeds + feed];
	*n = f->n;
	return f->pages;
}

void folio_render__free_site_feeds(renderer *r)
{
	for (size_t k = 0; r->site_feeds && k < r->cfg->nfeeds * (r->cfg->nlanguages + 1); k++)
		free((void *)r->site_feeds[k].pages);
	free(r->site_feeds);
}

bool folio_render__is_site_feed(const folio_output *o)
{
	return (o->kind == FOLIO_UNIT_ATOM || o->kind == FOLIO_UNIT_RSS) && !o->collection && !o->term;
}
