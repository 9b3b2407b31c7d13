/*
 * The site's index: index.json (every published page: id, language,
 * collection, slug, URL, title, date, summary), for partners and search,
 * from read-only data, as the other units (render_units.c). The sitemap
 * is render_sitemap.c's.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/layout.h"
#include "render/render_internal.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/hash.h"
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

static char *entry_id(const folio_page *p)
{
	return p->lang ? folio_xasprintf("%s/%s/%s", p->lang, p->collection->name, p->slug)
	               : folio_xasprintf("%s/%s", p->collection->name, p->slug);
}

/* An index entry. */
static void index_entry(folio_buf *b, const renderer *r, const folio_page *p, const char *id)
{
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
 * The last publish's index.json, for its entries of unchanged pages. Under
 * the site model a stub's id, URL, title, date and summary are its
 * record's, which the judge proves unchanged since that publish
 * (publish_judge.c), as folio.yaml is: its entry's bytes are the same, and
 * are copied rather than written again (a sixth of an add at 10,000 pages,
 * 6 MB of JSON). An entry is found by its id, as escaped; the index is
 * read as this file writes it, and anything else in it uses none of it.
 */
typedef struct {
	const char *key; /* the id's JSON text, between its quotes */
	size_t keylen;
	const char *at; /* the entry, "  {" to "}" */
	size_t len;
} old_entry;

static int cmp_old(const void *a, const void *b)
{
	const old_entry *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->keylen < y->keylen ? x->keylen : y->keylen);
	return c ? c : (x->keylen > y->keylen) - (x->keylen < y->keylen);
}

/* The JSON string at s (after its opening quote): its length to the closing one, or -1. */
static ptrdiff_t json_string_len(const char *s, const char *end)
{
	for (const char *c = s; c < end; c++)
		if (*c == '\\')
			c++;
		else if (*c == '"')
			return c - s;
		else if (*c == '\n')
			return -1;
	return -1;
}

/* The entries of old, sorted by id; *n of them (0 and NULL when old is not
 * an index as this file writes it). Their text is old's. */
static old_entry *old_entries(const char *old, size_t len, size_t *n)
{
	static const char pages[] = "\n \"pages\": [", open[] = "\n  {", close[] = "\n  }",
	                  id[] = "\n   \"id\": \"";
	const char *end = old + len, *c = old ? memmem(old, len, pages, sizeof(pages) - 1) : NULL;
	old_entry *e = NULL;
	size_t count = 0, alloc = 0;
	*n = 0;
	if (!c || (c += sizeof(pages) - 1) >= end || *c == ']')
		return NULL; /* none, or no page */
	for (; (size_t)(end - c) >= sizeof(open) - 1 && !memcmp(c, open, sizeof(open) - 1);) {
		const char *at = c + 1, *stop = memmem(at, (size_t)(end - at), close, sizeof(close) - 1);
		if (!stop)
			goto bad;
		stop += sizeof(close) - 1;
		const char *k = c + sizeof(open) - 1;
		ptrdiff_t klen = -1;
		if ((size_t)(stop - k) > sizeof(id) - 1 && !memcmp(k, id, sizeof(id) - 1)) {
			k += sizeof(id) - 1;
			klen = json_string_len(k, stop);
		}
		if (klen >= 0) { /* an entry without an id is never copied */
			FOLIO_ARRAY_GROW(e, count, alloc, count + 1);
			e[count++] = (old_entry){ k, (size_t)klen, at, (size_t)(stop - at) };
		}
		c = stop < end && *stop == ',' ? stop + 1 : stop;
	}
	if ((size_t)(end - c) < 3 || memcmp(c, "\n ]", 3))
		goto bad;
	qsort(e, count, sizeof(*e), cmp_old);
	for (size_t i = 1; i < count; i++)
		if (!cmp_old(&e[i - 1], &e[i]))
			goto bad; /* two pages with one id: neither is known */
	*n = count;
	return e;
bad:
	folio_log(FOLIO_LOG_DEBUG, "render", "the last index.json is not as written: every entry is written anew");
	free(e);
	return NULL;
}

/* The old entry of p when it is unchanged (a stub), else NULL. key: scratch. */
static const old_entry *old_entry_of(const old_entry *old, size_t nold, const folio_page *p, const char *id,
                                     folio_buf *key)
{
	if (!nold || !p->stub)
		return NULL;
	folio_buf_clear(key);
	folio_render__put_json_string(key, id, strlen(id));
	old_entry want = { key->ptr + 1, key->size - 2, NULL, 0 };
	return bsearch(&want, old, nold, sizeof(*old), cmp_old);
}

void folio_renderer__use_index(folio_renderer *r, int (*read)(folio_buf *out, void *payload), void *payload,
                               const char *sha256)
{
	r->old_index_read = read;
	r->old_index_payload = payload;
	snprintf(r->old_index_sha256, sizeof(r->old_index_sha256), "%s", sha256);
}

/* The last index's entries, read into old on the worker, when it is the
 * one recorded (an index.json changed in the output since is not copied
 * from). */
static old_entry *recorded_entries(const renderer *r, folio_buf *old, size_t *n)
{
	char sha[FOLIO_SHA256_HEX];
	*n = 0;
	if (!r->old_index_read || r->old_index_read(old, r->old_index_payload) < 0)
		return NULL;
	folio_sha256_hex(sha, old->ptr, old->size);
	if (strcmp(sha, r->old_index_sha256)) {
		folio_log(FOLIO_LOG_DEBUG, "render", "index.json is not the one recorded: every entry is written anew");
		return NULL;
	}
	return old_entries(old->ptr, old->size, n);
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
	folio_buf key = FOLIO_BUF_INIT, last = FOLIO_BUF_INIT;
	bool first = true, any = false;
	size_t nold, ncopied = 0;
	old_entry *old = recorded_entries(r, &last, &nold);
	int rc = 0;
	if (old && (!x.may_spill || last.size <= FOLIO_RENDER_HOLD_MAX))
		folio_buf_grow(&x.b, last.size + 4096); /* grown once, not doubled to it */
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
		char *id = entry_id(p);
		const old_entry *e = old_entry_of(old, nold, p, id, &key);
		if (e) {
			folio_buf_put(&x.b, e->at, e->len);
			ncopied++;
		} else {
			index_entry(&x.b, r, p, id);
		}
		free(id);
		rc = index_flush(&x, false);
	}
	if (old)
		folio_log(FOLIO_LOG_DEBUG, "render", "index.json: %zu entries of the last one kept", ncopied);
	free(old);
	folio_buf_dispose(&last);
	folio_buf_dispose(&key);
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
