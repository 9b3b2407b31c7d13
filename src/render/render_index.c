/*
 * The site's index: index.json (every published page: id, language,
 * collection, slug, URL, title, date, summary), for partners and search,
 * from read-only data, as the other units (render_units.c). The sitemap
 * is render_sitemap.c's.
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
 * as jansson's json_string() refusing it leaves the member out. ASCII bytes
 * are skipped without decoding: most of an index is. */
static bool utf8_ok(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;
	for (size_t i = 0, k; i < n; i += k)
		if (u[i] < 0x80)
			k = 1;
		else if (!(k = folio_utf8_char(&cp, s + i, n - i)))
			return false;
	return true;
}

/* One member of an object at depth (JSON_INDENT(1): one space a level),
 * its value a JSON text (string: a string to quote); none when value is
 * NULL or a string not UTF-8. */
static void index_member(folio_buf *b, size_t depth, bool *first, const char *key, const char *value, bool string)
{
	size_t n = value ? strlen(value) : 0;
	if (!value || (string && !utf8_ok(value, n)))
		return;
	folio_buf_puts(b, *first ? "\n" : ",\n");
	*first = false;
	for (size_t i = 0; i < depth; i++)
		folio_buf_putc(b, ' ');
	folio_render__put_json_string(b, key, strlen(key));
	folio_buf_puts(b, ": ");
	if (string)
		folio_render__put_json_string(b, value, n);
	else
		folio_buf_put(b, value, n);
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
		if (!p->ok || folio_site_page_is_text(r->site, p))
			continue;
		folio_buf_puts(&b, any ? ",\n" : "\n");
		any = true;
		index_entry(&b, r, p);
	}
	folio_buf_puts(&b, any ? "\n ]\n}\n" : "]\n}\n");
	o->data = folio_buf_detach(&b, &o->len);
}
