/*
 * Upper bounds of outputs' sizes, for a check that measures the site
 * against its budgets (folio_render_check): an output whose bound is
 * within page-output cannot go past it, so it is not rendered, and its
 * bound stands for its size in the site's total. A bound is never below
 * the bytes render_units.c or render_index.c would write; when the bounded
 * total passes site-size, render.c renders everything to know.
 *
 * Bounded here: the JSON feed pages (a feed item carries the page's whole
 * HTML: a third of a check's render at 10k pages) and index.json. Both are
 * built in, without templates: no other finding than their size can come
 * of them. Everything a template renders is rendered.
 */
#include <stdbool.h>
#include <string.h>

#include "render/render_internal.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

/* A scalar jansson writes: an integer (at most 20 bytes), a real ("%.17g"
 * and ".0": at most 26), true, false or null. */
#define SCALAR_MAX 32
/* A date as folio_render__rfc3339 writes it: six numbers ("%04d", "%02d":
 * at most 11 bytes each, whatever the year), separators, an offset of two
 * more; digits and signs only, nothing JSON escapes. */
#define DATE_MAX 96

/* s[0..n) as a JSON string, at most: jansson (without JSON_ENSURE_ASCII)
 * and folio_render__put_json_string escape '"', '\\' and control bytes,
 * each in 6 bytes at most. */
static size_t string_bound(const char *s, size_t n)
{
	return 2 + n + 5 * folio_json_escapes(s, n);
}

static size_t cstring_bound(const char *s)
{
	return s ? string_bound(s, strlen(s)) : 0;
}

/* A member of a JSON_INDENT(1) object (an array's item: key "") at depth,
 * in a text whose every newline gets extra more spaces (a feed item's two
 * levels): the comma, the newline, the indentation, the key and ": ", then
 * the value. */
static size_t member_bound(size_t depth, size_t extra, const char *key, size_t value)
{
	return 2 + extra + depth + cstring_bound(key) + 2 + value;
}

/* The newline, indentation and bracket closing a container at depth. */
static size_t close_bound(size_t depth, size_t extra)
{
	return 2 + extra + depth;
}

/* v as json_dumps(JSON_INDENT(1)) writes it at depth. */
static size_t json_bound(const json_t *v, size_t depth, size_t extra)
{
	size_t n = 2, i;
	const char *key;
	json_t *item;
	switch (json_typeof(v)) {
	case JSON_STRING:
		return string_bound(json_string_value(v), json_string_length(v));
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, key, item)
			n += member_bound(depth + 1, extra, key, json_bound(item, depth + 1, extra));
		return n + close_bound(depth, extra);
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
			n += member_bound(depth + 1, extra, "", json_bound(item, depth + 1, extra));
		return n + close_bound(depth, extra);
	default:
		return SCALAR_MAX;
	}
}

/* A feed item as folio_render__feed_fragment writes it (feed_item's members,
 * two levels deep); 0 when the page's HTML cannot be had without reading. */
static size_t fragment_bound(const renderer *r, const folio_page *p)
{
	const size_t x = 2; /* put_indented: two more spaces after each newline */
	size_t abs = cstring_bound(r->cfg->base_url) + cstring_bound(p->url);
	size_t n = 2 + close_bound(0, x);
	n += member_bound(1, x, "id", abs) + member_bound(1, x, "url", abs);
	n += member_bound(1, x, "title", cstring_bound(p->title));
	/* a streaming site's HTML in the scratch file: its bound as counted there */
	size_t html = p->md.html ? string_bound(p->md.html, p->md.html_len)
	                         : 2 + p->spill_len + 5 * p->spill_escapes;
	n += member_bound(1, x, "content_html", html);
	n += member_bound(1, x, "summary", cstring_bound(p->md.summary));
	n += member_bound(1, x, "date_published", 2 + DATE_MAX);
	size_t ext = 2 + close_bound(1, x);
	ext += member_bound(2, x, "collection", cstring_bound(p->collection->name));
	ext += member_bound(2, x, "slug", cstring_bound(p->slug));
	ext += member_bound(2, x, "meta", p->meta ? json_bound(p->meta, 2, x) : SCALAR_MAX);
	return n + member_bound(1, x, "_folio", ext);
}

/* Feed page o (render_units.c's render_feed): its head as written, then its
 * items' fragments. */
static size_t feed_bound(const renderer *r, const folio_output *o)
{
	const folio_collection *c = o->collection;
	size_t all;
	const folio_page *const *sorted = folio_render__feed_order_in(r, c, o->lang, &all);
	size_t first, n = folio_render__list_page_items(c, all, o->number, &first);
	char *head = folio_render__feed_head(r, o, folio_render__list_page_count(c, all));
	size_t bound = strlen(head) + 6;
	free(head);
	for (size_t i = 0; i < n; i++) {
		if (!sorted[first + i]->md.html && !sorted[first + i]->spilled)
			return SIZE_MAX; /* rendered again from its blob: rendered to know */
		bound += 4 + fragment_bound(r, sorted[first + i]);
	}
	return bound;
}

/* index.json (render_index.c): the site's members, then an entry per page
 * with its eight members at depth 3. */
static size_t index_bound(const renderer *r)
{
	size_t bound = 64 + member_bound(1, 0, "title", cstring_bound(r->cfg->title)) +
	               member_bound(1, 0, "base_url", cstring_bound(r->cfg->base_url)) +
	               member_bound(1, 0, "language", cstring_bound(r->cfg->language));
	for (size_t i = 0; i < folio_site_page_count(r->site); i++) {
		const folio_page *p = folio_site_page(r->site, i);
		if (!p->ok || p->section)
			continue;
		const char *lang = p->lang ? p->lang : r->cfg->language;
		/* the id, "lang/collection/slug", is its parts and two slashes */
		size_t id = cstring_bound(p->lang) + cstring_bound(p->collection->name) + cstring_bound(p->slug);
		bound += 9 + member_bound(3, 0, "id", id) +
		         member_bound(3, 0, "language", cstring_bound(lang)) +
		         member_bound(3, 0, "collection", cstring_bound(p->collection->name)) +
		         member_bound(3, 0, "slug", cstring_bound(p->slug)) +
		         member_bound(3, 0, "url", cstring_bound(p->url)) +
		         member_bound(3, 0, "title", cstring_bound(p->title)) +
		         member_bound(3, 0, "date", p->date ? cstring_bound(p->date) : SCALAR_MAX) +
		         member_bound(3, 0, "summary", cstring_bound(p->md.summary));
	}
	return bound;
}

size_t folio_render__output_bound(const renderer *r, const folio_output *o)
{
	switch (o->kind) {
	case FOLIO_UNIT_FEED: return r->slices || r->nkept ? SIZE_MAX : feed_bound(r, o);
	case FOLIO_UNIT_INDEX: return index_bound(r);
	default: return SIZE_MAX;
	}
}
