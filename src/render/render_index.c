/*
 * The site's indexes: index.json (every published page: id, language,
 * collection, slug, URL, title, date, summary), for partners and search,
 * and the sitemap (every page and first list page, with dates), each from
 * read-only data, as the other units (render_units.c).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model/layout.h"
#include "render/render_internal.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "folio/buf.h"
#include "util/banned.h"

/* JSON text is UTF-8: a string that is not (the load refuses such pages,
 * so only a site built around it could hold one) is left out with its key,
 * as jansson's json_string() refusing it leaves the member out. */
static bool utf8_ok(const char *s)
{
	unsigned cp;
	for (size_t n = s ? strlen(s) : 0, i = 0, k; i < n; i += k)
		if (!(k = folio_utf8_char(&cp, s + i, n - i)))
			return false;
	return true;
}

/* One member of an object at depth (JSON_INDENT(1): one space a level),
 * its value a JSON text (string: a string to quote); none when value is
 * NULL or a string not UTF-8. */
static void index_member(folio_buf *b, size_t depth, bool *first, const char *key, const char *value, bool string)
{
	if (!value || (string && !utf8_ok(value)))
		return;
	folio_buf_puts(b, *first ? "\n" : ",\n");
	*first = false;
	for (size_t i = 0; i < depth; i++)
		folio_buf_putc(b, ' ');
	folio_render__put_json_string(b, key, strlen(key));
	folio_buf_puts(b, ": ");
	if (string)
		folio_render__put_json_string(b, value, strlen(value));
	else
		folio_buf_puts(b, value);
}

/* An index entry. */
static void index_entry(folio_buf *b, const renderer *r, const folio_page *p)
{
	char *id = p->lang ? folio_xasprintf("%s/%s/%s", p->lang, p->collection->name, p->slug)
	                   : folio_xasprintf("%s/%s", p->collection->name, p->slug);
	const char *lang = p->lang ? p->lang : r->cfg->language, *summary = p->md.summary ? p->md.summary : "";
	bool first = true;
	folio_buf_puts(b, "  {");
	index_member(b, 3, &first, "id", id, true);
	index_member(b, 3, &first, "language", lang, true);
	index_member(b, 3, &first, "collection", p->collection->name, true);
	index_member(b, 3, &first, "slug", p->slug, true);
	index_member(b, 3, &first, "url", p->url, true);
	index_member(b, 3, &first, "title", p->title, true);
	index_member(b, 3, &first, "date", p->date ? p->date : "null", p->date != NULL);
	index_member(b, 3, &first, "summary", summary, true);
	folio_buf_puts(b, "\n  }");
	free(id);
}

/*
 * The site's index (every published page: id, language, collection, slug,
 * URL, title, date, summary), written as json_dumps(JSON_INDENT(1)) writes
 * it, byte for byte (t208), without building 10,000 jansson objects first:
 * that was 15% of an add at 10k pages (BENCHMARKS.md).
 */
void folio_render__render_index(folio_output *o, const renderer *r)
{
	folio_buf b = FOLIO_BUF_INIT;
	bool first = true, any = false;
	folio_buf_putc(&b, '{');
	index_member(&b, 1, &first, "version", "1", false);
	index_member(&b, 1, &first, "title", r->cfg->title, true);
	index_member(&b, 1, &first, "base_url", r->cfg->base_url, true);
	index_member(&b, 1, &first, "language", r->cfg->language, true);
	folio_buf_puts(&b, ",\n \"pages\": [");
	for (size_t i = 0; i < folio_site_page_count(r->site); i++) {
		const folio_page *p = folio_site_page(r->site, i);
		if (!p->ok || p->section)
			continue;
		folio_buf_puts(&b, any ? ",\n" : "\n");
		any = true;
		index_entry(&b, r, p);
	}
	folio_buf_puts(&b, any ? "\n ]\n}\n" : "]\n}\n");
	o->data = folio_buf_detach(&b, &o->len);
}

/* A sitemap entry: a page's URL and, for a dated page, its date as lastmod. */
struct sitemap_entry {
	char *url;
	char *lastmod; /* RFC 3339, or NULL */
};

static void sitemap_url(folio_buf *b, const renderer *r, const struct sitemap_entry *e)
{
	char *abs = folio_render__absolute_url(r->cfg, e->url);
	folio_buf_puts(b, "<url><loc>");
	folio_buf_put_html(b, abs, strlen(abs));
	folio_buf_puts(b, "</loc>");
	if (e->lastmod) {
		folio_buf_puts(b, "<lastmod>");
		folio_buf_put_html(b, e->lastmod, strlen(e->lastmod));
		folio_buf_puts(b, "</lastmod>");
	}
	folio_buf_puts(b, "</url>\n");
	free(abs);
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct sitemap_entry *)a)->url, ((const struct sitemap_entry *)b)->url);
}

void folio_render__render_sitemap(folio_output *o, const renderer *r)
{
	size_t np = folio_site_page_count(r->site), n = 0, cap = np + 1;
	for (size_t c = 0; c < r->cfg->ncollections; c++)
		cap += 1 + r->cfg->nlanguages; /* first list page of each collection, in each language */
	for (size_t t = 0; t < r->cfg->ntaxonomies; t++)
		cap += 1 + r->taxonomies[t].nterms; /* the index, each term's first page */
	struct sitemap_entry *urls = folio_xcalloc(cap, sizeof(*urls));
	urls[n++].url = folio_xstrdup("/");
	for (size_t c = 0; c < r->cfg->ncollections; c++)
		for (size_t l = 0; l <= r->cfg->nlanguages; l++)
			urls[n++].url = folio_render__in_lang(l ? r->cfg->languages[l - 1] : NULL,
			                        folio_layout_list_url(&r->cfg->collections[c], 1));
	for (size_t t = 0; t < r->cfg->ntaxonomies; t++) {
		const folio_taxonomy *tax = &r->taxonomies[t];
		urls[n++].url = folio_layout_terms_url(tax->name);
		for (size_t k = 0; k < tax->nterms; k++)
			urls[n++].url = folio_layout_term_url(tax->name, tax->terms[k].slug, 1);
	}
	for (size_t i = 0; i < np; i++) {
		const folio_page *p = folio_site_page(r->site, i);
		if (!p->ok || p->section)
			continue;
		urls[n].url = folio_xstrdup(p->url);
		urls[n++].lastmod = folio_render__rfc3339(r, p->date);
	}
	qsort(urls, n, sizeof(*urls), cmp_entry);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                   "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < n; i++) {
		sitemap_url(&b, r, &urls[i]);
		free(urls[i].url);
		free(urls[i].lastmod);
	}
	folio_buf_puts(&b, "</urlset>\n");
	free(urls);
	o->data = folio_buf_detach(&b, &o->len);
}
