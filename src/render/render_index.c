/*
 * The site's index: index.json (every published page: id, language,
 * collection, slug, URL, title, date, summary), for partners and search,
 * from read-only data, as the other units (render_units.c). The sitemap
 * is render_sitemap.c's.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/layout.h"
#include "render/render_internal.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/spill.h"
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
 * The index's bytes: in memory up to FOLIO_RENDER_HOLD_MAX; past it, when
 * a sink takes the output, appended to a scratch file a chunk at a time,
 * so that a large site's index (58 MB at 100,000 pages) is not held on top
 * of the site: the output then carries the file, not its bytes.
 */
typedef struct {
	folio_buf b;
	folio_spill *file;
	size_t written; /* bytes in file */
	bool may_spill;
} index_bytes;

static int index_flush(index_bytes *x, bool last)
{
	if (!x->file) {
		if (!x->may_spill || x->b.size <= FOLIO_RENDER_HOLD_MAX)
			return 0;
		if (!(x->file = folio_spill_open(NULL, UINT64_MAX)))
			return FOLIO_ERROR;
	}
	if (!last && x->b.size < ((size_t)1 << 20))
		return 0;
	uint64_t at;
	if (x->b.size && !folio_spill_put(x->file, x->b.ptr, x->b.size, &at))
		return folio_error_set("cannot write index.json to a scratch file: %s", strerror(errno));
	x->written += x->b.size;
	folio_buf_clear(&x->b);
	return 0;
}

/*
 * The site's index (every published page: id, language, collection, slug,
 * URL, title, date, summary), written as json_dumps(JSON_INDENT(1)) writes
 * it, byte for byte (t208), without building 10,000 jansson objects first:
 * that was 15% of an add at 10k pages (BENCHMARKS.md). Negative when its
 * scratch file cannot be written.
 */
int folio_render__render_index(folio_output *o, const renderer *r)
{
	index_bytes x = { FOLIO_BUF_INIT, NULL, 0, r->sink && !r->dry_run };
	bool first = true, any = false;
	int rc = 0;
	folio_buf_putc(&x.b, '{');
	index_member(&x.b, 1, &first, "version", "1", false);
	index_member(&x.b, 1, &first, "title", r->cfg->title, true);
	index_member(&x.b, 1, &first, "base_url", r->cfg->base_url, true);
	index_member(&x.b, 1, &first, "language", r->cfg->language, true);
	folio_buf_puts(&x.b, ",\n \"pages\": [");
	for (size_t i = 0; rc == 0 && i < folio_site_page_count(r->site); i++) {
		const folio_page *p = folio_site_page(r->site, i);
		if (!p->ok || folio_site_page_is_text(r->site, p))
			continue;
		folio_buf_puts(&x.b, any ? ",\n" : "\n");
		any = true;
		index_entry(&x.b, r, p);
		rc = index_flush(&x, false);
	}
	folio_buf_puts(&x.b, any ? "\n ]\n}\n" : "]\n}\n");
	if (rc == 0 && x.file)
		rc = index_flush(&x, true);
	if (rc < 0) {
		folio_spill_free(x.file);
		folio_buf_dispose(&x.b);
		return rc;
	}
	if (x.file) {
		folio_log(FOLIO_LOG_DEBUG, "render", "index.json: %zu bytes, through a scratch file", x.written);
		o->scratch = x.file;
		o->len = x.written;
		folio_buf_dispose(&x.b);
	} else {
		o->data = folio_buf_detach(&x.b, &o->len);
	}
	return 0;
}
