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

/*
 * s escaped as in a JSON string (folio_render__put_json_string()'s escapes:
 * '"', '\\' and control bytes), checked to be UTF-8 on the same pass: false,
 * with b as it was, when it is not. JSON text is UTF-8: a string that is not
 * (the load refuses such pages, so only a site built around it could hold
 * one) is left out with its key, as jansson's json_string() refusing it
 * leaves the member out. One pass where strlen, a check and the escape made
 * three: they were half of index.json's time on an add at 10k pages.
 */
static bool put_escaped_utf8(folio_buf *b, const char *s)
{
	/* 1: copied as it is; 2: the lead byte of a sequence to check; 0: the
	 * end (NUL), or an escape */
	static const unsigned char kind[256] = {
		[0x20 ... '"' - 1] = 1, ['"' + 1 ... '\\' - 1] = 1, ['\\' + 1 ... 0x7f] = 1, [0x80 ... 0xff] = 2,
	};
	const unsigned char *u = (const unsigned char *)s;
	size_t start = b->size, run = 0, i = 0;
	for (;;) {
		unsigned char c;
		while ((c = kind[u[i]]) != 0) {
			if (c == 1) {
				i++;
				continue;
			}
			/* a sequence ends at the first byte that does not continue it,
			 * so reading stops at the NUL at the latest */
			unsigned cp;
			size_t k = folio_utf8_char(&cp, s + i, 4);
			if (!k) {
				folio_buf_truncate(b, start);
				return false;
			}
			i += k;
		}
		folio_buf_put(b, s + run, i - run);
		c = u[i];
		if (!c)
			return true;
		run = ++i;
		folio_render__put_json_escape(b, c);
	}
}

/* The start of a member of an object at depth (JSON_INDENT(1): one space a
 * level): key is a name that needs no escape. */
static void member_key(folio_buf *b, size_t depth, bool first, const char *key)
{
	folio_buf_puts(b, first ? "\n" : ",\n");
	for (size_t i = 0; i < depth; i++)
		folio_buf_putc(b, ' ');
	folio_buf_putc(b, '"');
	folio_buf_puts(b, key);
	folio_buf_puts(b, "\": ");
}

/* One member of an object at depth, its value a JSON text (string: a string
 * to quote); none when value is NULL or a string not UTF-8 (b as it was). */
static void index_member(folio_buf *b, size_t depth, bool *first, const char *key, const char *value, bool string)
{
	if (!value)
		return;
	size_t start = b->size;
	member_key(b, depth, *first, key);
	if (!string) {
		folio_buf_puts(b, value);
	} else {
		folio_buf_putc(b, '"');
		if (!put_escaped_utf8(b, value)) {
			folio_buf_truncate(b, start);
			return;
		}
		folio_buf_putc(b, '"');
	}
	*first = false;
}

/* An entry's id, "lang/collection/slug" or "collection/slug", escaped a
 * part at a time: as '/' continues no UTF-8 sequence, it is UTF-8 when each
 * part is, and its escape is the parts' escapes joined. */
static bool put_id(folio_buf *b, const folio_page *p)
{
	if (p->lang && !put_escaped_utf8(b, p->lang))
		return false;
	if (p->lang)
		folio_buf_putc(b, '/');
	if (!put_escaped_utf8(b, p->collection->name))
		return false;
	folio_buf_putc(b, '/');
	return put_escaped_utf8(b, p->slug);
}

/* An index entry. */
static void index_entry(folio_buf *b, const renderer *r, const folio_page *p)
{
	const char *lang = p->lang ? p->lang : r->cfg->language, *summary = p->md.summary ? p->md.summary : "";
	bool first = true;
	folio_buf_puts(b, "  {");
	size_t start = b->size;
	member_key(b, 3, first, "id");
	folio_buf_putc(b, '"');
	if (put_id(b, p)) {
		folio_buf_putc(b, '"');
		first = false;
	} else {
		folio_buf_truncate(b, start); /* left out, as a string not UTF-8 */
	}
	index_member(b, 3, &first, "language", lang, true);
	index_member(b, 3, &first, "collection", p->collection->name, true);
	index_member(b, 3, &first, "slug", p->slug, true);
	index_member(b, 3, &first, "url", p->url, true);
	index_member(b, 3, &first, "title", p->title, true);
	index_member(b, 3, &first, "date", p->date ? p->date : "null", p->date != NULL);
	index_member(b, 3, &first, "summary", summary, true);
	folio_buf_puts(b, "\n  }");
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
