/*
 * Sub-sections' RSS (section_feeds:, which init --from hugo writes): Hugo
 * writes an RSS beside the list of every section, nested ones too
 * (content/docs/guide/_index.md at /docs/guide/ has /docs/guide/index.xml),
 * of the section's own regular pages: those whose nearest folder holding an
 * _index page is the section's, not the pages of a sub-section below it,
 * nor the sub-sections' pages themselves. folio's collection is Hugo's
 * top section and has its feeds already; this file adds those of the
 * sub-sections, in their collection's feed order.
 *
 * A page in a translation language belongs to its folder's section page in
 * that language (_index.fr.md); a folder whose section page is in other
 * languages only holds its pages in none (Hugo would make an empty
 * section of them, which folio has no page for).
 */
#include <stdlib.h>
#include <string.h>

#include "model/layout.h"
#include "render/render_internal.h"
#include "render/syndication.h"
#include "render/taxonomy.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

/* A sub-section's page: its collection's page in a folder's _index file,
 * not the collection's own section page, nor a term's or the home page's
 * text. */
bool folio_render__is_subsection(const folio_site *site, const folio_taxonomy *t, const folio_page *p)
{
	const char *slash = strrchr(p->path, '/');
	const char *base = slash ? slash + 1 : p->path;
	return p->ok && !p->section && !strncmp(base, "_index.", 7) && slash &&
	       !folio_site_page_is_text(site, p) &&
	       !folio_taxonomy_text_of(t, folio_taxonomies_count(folio_site_config(site)), p);
}

typedef struct {
	const folio_page *page; /* the sub-section's */
	size_t folder;          /* length of its folder in page->path */
	const folio_page **items;
	size_t n, alloc;
} section;

struct folio_render__sections {
	section *s; /* by folder, then by page path */
	size_t n;
};

static int cmp_section(const void *a, const void *b)
{
	const section *x = a, *y = b;
	size_t n = x->folder < y->folder ? x->folder : y->folder;
	int c = memcmp(x->page->path, y->page->path, n);
	if (c || x->folder == y->folder)
		return c ? c : strcmp(x->page->path, y->page->path);
	return x->folder < y->folder ? -1 : 1;
}

/* The first section whose folder is path's first n bytes, or NULL. */
static section *in_folder(const struct folio_render__sections *ss, const char *path, size_t n)
{
	size_t lo = 0, hi = ss->n;
	while (lo < hi) { /* the first whose folder is not below (path, n) */
		size_t mid = lo + (hi - lo) / 2;
		const section *s = &ss->s[mid];
		size_t k = s->folder < n ? s->folder : n;
		int c = memcmp(s->page->path, path, k);
		if (c < 0 || (c == 0 && s->folder < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ss->n && ss->s[lo].folder == n && !memcmp(ss->s[lo].page->path, path, n) ? &ss->s[lo] : NULL;
}

static bool same_lang(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The sub-section p is a regular page of, or NULL: the nearest folder above
 * it (above its bundle's folder for a leaf bundle's index page) that holds
 * a sub-section's page decides. */
static section *section_of(const struct folio_render__sections *ss, const folio_page *p)
{
	const char *slash = strrchr(p->path, '/');
	if (!slash || !strncmp(slash + 1, "_index.", 7))
		return NULL;
	size_t n = (size_t)(slash - p->path);
	if (!strncmp(slash + 1, "index.", 6)) { /* a leaf bundle: its folder is the page */
		const char *up = memrchr(p->path, '/', n);
		if (!up)
			return NULL;
		n = (size_t)(up - p->path);
	}
	for (;;) {
		section *s = in_folder(ss, p->path, n);
		if (s) {
			for (; s < ss->s + ss->n && s->folder == n && !memcmp(s->page->path, p->path, n); s++)
				if (same_lang(s->page->lang, p->lang) && s->page->collection == p->collection)
					return s;
			return NULL;
		}
		const char *up = memrchr(p->path, '/', n);
		if (!up)
			return NULL;
		n = (size_t)(up - p->path);
	}
}

struct folio_render__sections *folio_render__sections_new(const renderer *r)
{
	struct folio_render__sections *ss = folio_xcalloc(1, sizeof(*ss));
	if (!r->cfg->section_feeds)
		return ss;
	size_t alloc = 0;
	for (size_t i = 0; i < folio_site_page_count(r->site); i++) {
		const folio_page *p = folio_site_page(r->site, i);
		if (!folio_render__is_subsection(r->site, r->taxonomies, p))
			continue;
		FOLIO_ARRAY_GROW(ss->s, ss->n, alloc, ss->n + 1);
		ss->s[ss->n++] = (section){ p, (size_t)(strrchr(p->path, '/') - p->path), NULL, 0, 0 };
	}
	if (ss->n) /* none: ss->s is NULL, which qsort may not be given */
		qsort(ss->s, ss->n, sizeof(*ss->s), cmp_section);
	/* each collection's pages in feed order, in each language */
	size_t nc = r->cfg->ncollections;
	for (size_t k = 0; ss->n && k < nc * (r->cfg->nlanguages + 1); k++)
		for (size_t i = 0; i < r->feeds[k].n; i++) {
			const folio_page *p = r->feeds[k].pages[i];
			section *s = section_of(ss, p);
			if (!s)
				continue;
			FOLIO_ARRAY_GROW(s->items, s->n, s->alloc, s->n + 1);
			s->items[s->n++] = p;
		}
	return ss;
}

const folio_page *const *folio_render__section_items(const renderer *r, const folio_page *page, size_t *n)
{
	const struct folio_render__sections *ss = r->sections;
	const char *slash = strrchr(page->path, '/');
	*n = 0;
	for (section *s = ss && slash ? in_folder(ss, page->path, (size_t)(slash - page->path)) : NULL;
	     s && s < ss->s + ss->n && s->folder == (size_t)(slash - page->path); s++)
		if (s->page == page) {
			size_t size = page->collection->page_size;
			*n = s->n < size ? s->n : size;
			return s->items;
		}
	return NULL;
}

void folio_render__sections_free(struct folio_render__sections *ss)
{
	if (!ss)
		return;
	for (size_t i = 0; i < ss->n; i++)
		free(ss->s[i].items);
	free(ss->s);
	free(ss);
}

/* A sub-section's RSS: its first page_size pages in its collection's feed
 * order, as the collection's RSS shows them (syndication.h). */
void folio_render__render_section_rss(folio_output *o, const renderer *r)
{
	const folio_page *sec = o->page;
	size_t n;
	const folio_page *const *pages = folio_render__section_items(r, sec, &n);
	folio_syndication_item *items = folio_xcalloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i] = (folio_syndication_item){ pages[i]->title, pages[i]->url, pages[i]->date,
		                                     pages[i]->md.summary };
	char *title = folio_xasprintf("%s — %s", sec->title ? sec->title : sec->slug, r->cfg->title);
	char *self = folio_layout_section_rss_url(r->cfg, sec->url);
	folio_syndication f = { title, r->cfg->title, r->cfg->base_url, sec->url, self,
	                        sec->lang ? sec->lang : r->cfg->language, r->cfg->timezone };
	folio_buf b = FOLIO_BUF_INIT;
	folio_syndication_rss(&b, &f, items, n);
	o->data = folio_buf_detach(&b, &o->len);
	free(self);
	free(title);
	free(items);
}
