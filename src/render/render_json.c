/*
 * The page object of docs/templates.md and what it holds: references
 * declared by schemas (x-folio-ref), schema.org JSON-LD, dates, headings,
 * terms and translations; a page's body (page_html); and the small JSON
 * helpers every unit uses.
 */
#include "folio/render.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>

#include "util/dates.h"
#include "folio/isbn.h"
#include "model/layout.h"
#include "render/render_internal.h"
#include "render/syndication.h"
#include "render/taxonomy.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/parallel.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* ---- a page's body ---- */

static _Thread_local html_memo *memo;
static _Thread_local size_t nmemo;

/* The memo page_html reads on this thread: the bodies of a feed group's
 * items, rendered once by render.c for the group's units (NULL, 0: none).
 * It lives here, with page_html, so render.c calls this file and this file
 * never calls back. */
void folio_render__use_memo(html_memo *m, size_t n)
{
	memo = m;
	nmemo = n;
}

/* The page's HTML, *len its length, *owned what the caller frees (NULL when
 * borrowed): a site that streams renders it again here, when the output
 * that shows it is written, and holds it no longer. */
const char *folio_render__page_html(const renderer *r, const folio_page *p, size_t *len,
                                    char **owned, bool *contained)
{
	*owned = NULL;
	if (p->md.html) {
		*len = p->md.html_len;
		if (contained)
			*contained = folio_markdown_links_self_contained(&p->md);
		return p->md.html;
	}
	for (size_t k = 0; k < nmemo; k++)
		if (memo[k].page == p) {
			*len = memo[k].html ? memo[k].len : 0;
			if (contained)
				*contained = memo[k].contained;
			return memo[k].html ? memo[k].html : "";
		}
	*owned = folio_site_page_html_links(r->site, p, len, contained);
	if (folio_site_streams(r->site))
		atomic_fetch_add(&((renderer *)r)->nbodies, 1);
	if (!*owned) {
		folio_render__render_failed(r);
		*len = 0;
		return "";
	}
	return *owned;
}

/* ---- small helpers ---- */

char *folio_render__absolute_url(const folio_config *cfg, const char *url)
{
	return folio_xasprintf("%s%s", cfg->base_url, url);
}

void folio_render__set_str(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

void folio_render__set_own(json_t *obj, const char *key, char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
	free(value);
}

/* A failure that is not the content's (a blob unreadable while rendering):
 * the render goes on, folio_renderer_render_to() returns it, as the sink's. */
void folio_render__render_failed(const renderer *r)
{
	renderer *w = (renderer *)r; /* its atomics and message only */
	int none = 0;
	if (atomic_compare_exchange_strong(&w->sink_rc, &none, FOLIO_ERROR))
		snprintf(w->sink_error, sizeof(w->sink_error), "%s", folio_error_last());
}


static void set_html(const renderer *r, json_t *obj, const char *key, const folio_page *p)
{
	size_t len;
	char *owned;
	const char *html = folio_render__page_html(r, p, &len, &owned, NULL);
	/* UTF-8 already: cmark-gfm validated the text, folio's check_text the file */
	json_object_set_new(obj, key, json_stringn_nocheck(html, len));
	free(owned);
}

/* c as a JSON string holds it: the escape jansson writes. */
void folio_render__put_json_escape(folio_buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	switch (c) {
	case '"': folio_buf_put(b, "\\\"", 2); break;
	case '\\': folio_buf_put(b, "\\\\", 2); break;
	case '\b': folio_buf_put(b, "\\b", 2); break;
	case '\f': folio_buf_put(b, "\\f", 2); break;
	case '\n': folio_buf_put(b, "\\n", 2); break;
	case '\r': folio_buf_put(b, "\\r", 2); break;
	case '\t': folio_buf_put(b, "\\t", 2); break;
	default: {
		char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
		folio_buf_put(b, e, sizeof(e));
	}
	}
}

/* s as a JSON string, escaped as jansson escapes it (json_dumps without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH): '"', '\\' and control characters;
 * s is valid UTF-8. jansson looks at one character at a time through a
 * callback: for a feed item's HTML that was most of a feed page's time.
 * Runs between escapes are found through a table and copied whole into
 * room grown once (a feed item's HTML has a quote or a newline every few
 * bytes; a test and a call per byte were 6% of a full build's instructions). */
void folio_render__put_json_string(folio_buf *b, const char *s, size_t n)
{
	static const unsigned char plain[256] = { /* 0: escaped */
		[0x20 ... '"' - 1] = 1, ['"' + 1 ... '\\' - 1] = 1, ['\\' + 1 ... 0xff] = 1,
	};
	folio_buf_grow(b, n + n / 8 + 2);
	folio_buf_putc(b, '"');
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0, i = 0;
	for (;;) {
		while (i < n && plain[u[i]])
			i++;
		folio_buf_put(b, s + run, i - run);
		if (i == n)
			break;
		unsigned char c = u[i];
		run = ++i;
		folio_render__put_json_escape(b, c);
	}
	folio_buf_putc(b, '"');
}

bool folio_render__rtl(const char *lang)
{
	return lang && uloc_isRightToLeft(lang);
}

/* url (taken over) below a translation language: "/es" + url; as it is for NULL. */
char *folio_render__in_lang(const char *lang, char *url)
{
	if (!lang)
		return url;
	char *u = folio_xasprintf("/%s%s", lang, url);
	free(url);
	return u;
}

/* Long date text in the site's language, or NULL when s is not a date; caller frees. */
static char *long_date(const renderer *r, const char *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (!s || !folio_date_format_long_at(&b, s, r->cfg->language, r->cfg->timezone, r->cfg->times_as_written)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}

/* JSON text safe inside <script>: "<" escaped so "</script>" cannot occur. */
static char *dump_script_json(const json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *p = s; *p; p++) {
		if (*p == '<')
			folio_buf_puts(&b, "\\u003c");
		else
			folio_buf_putc(&b, *p);
	}
	free(s);
	return folio_buf_detach(&b, NULL);
}

json_t *folio_render__collection_json(const renderer *r, const folio_collection *c)
{
	json_t *o = json_object();
	folio_render__set_str(o, "name", c->name);
	folio_render__set_str(o, "label", c->label ? c->label : c->name);
	if (!c->unlisted) /* list: false: nothing to link to */
		folio_render__set_own(o, "url", folio_layout_list_url(c, 1));
	(void)r;
	return o;
}

/* ---- references declared by schemas (x-folio-ref) ---- */

typedef struct {
	const renderer *r;
	ref_fields *fields;
} ref_collect;

static void collect_ref(const char *pointer, const char *collection, void *payload)
{
	ref_collect *rc = payload;
	const char *prefix = "/properties/";
	if (strncmp(pointer, prefix, strlen(prefix)))
		return; /* only top-level fields are resolved for templates */
	const char *field = pointer + strlen(prefix);
	size_t n = strcspn(field, "/");
	const folio_collection *target = folio_config_collection(rc->r->cfg, collection);
	if (!target)
		return;
	for (size_t i = 0; i < rc->fields->count; i++)
		if (strlen(rc->fields->items[i].field) == n && !strncmp(rc->fields->items[i].field, field, n))
			return;
	FOLIO_ARRAY_GROW(rc->fields->items, rc->fields->count, rc->fields->alloc, rc->fields->count + 1);
	rc->fields->items[rc->fields->count].field = folio_xstrndup(field, n);
	rc->fields->items[rc->fields->count].target = target;
	rc->fields->count++;
}

void folio_render__collect_refs(renderer *r)
{
	r->refs = folio_xcalloc(r->cfg->ncollections, sizeof(*r->refs));
	for (size_t c = 0; c < r->cfg->ncollections; c++) {
		const folio_schema *s = folio_site_schema(r->site, &r->cfg->collections[c]);
		ref_collect rc = { r, &r->refs[c] };
		if (s)
			folio_schema_foreach_ref(s, collect_ref, &rc);
	}
}

static json_t *ref_json(const renderer *r, const folio_collection *target, const char *slug)
{
	const folio_page *p = folio_site_find(r->site, target->name, slug);
	json_t *o = json_object();
	folio_render__set_str(o, "collection", target->name);
	folio_render__set_str(o, "slug", slug);
	if (p) {
		folio_render__set_str(o, "url", p->url);
		folio_render__set_str(o, "title", p->title);
	} else {
		folio_render__set_str(o, "title", slug);
	}
	return o;
}

static json_t *refs_json(const renderer *r, const folio_page *p)
{
	const ref_fields *rf = &r->refs[p->collection - r->cfg->collections];
	json_t *refs = json_object();
	for (size_t i = 0; i < rf->count; i++) {
		json_t *v = folio_page_meta_get(p, rf->items[i].field);
		json_t *list = json_array();
		if (json_is_string(v)) {
			json_array_append_new(list, ref_json(r, rf->items[i].target, json_string_value(v)));
		} else if (json_is_array(v)) {
			size_t k;
			json_t *item;
			json_array_foreach(v, k, item)
				if (json_is_string(item))
					json_array_append_new(list, ref_json(r, rf->items[i].target,
					                                     json_string_value(item)));
		}
		json_object_set_new(refs, rf->items[i].field, list);
	}
	return refs;
}

/* ---- schema.org JSON-LD ---- */

static json_t *typed(const char *type, const char *name)
{
	json_t *o = json_object();
	folio_render__set_str(o, "@type", type);
	folio_render__set_str(o, "name", name);
	return o;
}

static const char *meta_str(const folio_page *p, const char *key)
{
	json_t *v = folio_page_meta_get(p, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A date as RFC 3339 with its offset (one written without is in the site's
 * time zone, a plain date at midnight), or NULL when it is no date; caller frees. */
char *folio_render__rfc3339(const renderer *r, const char *date)
{
	folio_when w;
	folio_buf b = FOLIO_BUF_INIT;
	if (!date || !folio_when_parse(&w, date, strlen(date)) ||
	    !folio_when_rfc3339(&b, &w, r->cfg->timezone)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}

/* A date for JSON-LD: a date-time as RFC 3339 with its offset, a plain
 * date (schema.org Date) or anything else as written; caller frees. */
static char *jsonld_date(const renderer *r, char *s)
{
	folio_when w;
	if (!s || !folio_when_parse(&w, s, strlen(s)) || !w.has_time)
		return s;
	char *t = folio_render__rfc3339(r, s);
	if (!t)
		return s;
	free(s);
	return t;
}

static char *join_date_time(const char *date, const char *time)
{
	if (!date)
		return NULL;
	if (!time || strlen(date) != 10)
		return folio_xstrdup(date);
	return folio_xasprintf("%sT%s", date, time);
}

/* Set key to v (taken) unless v is NULL. */
static void set_value(json_t *o, const char *key, json_t *v)
{
	if (v)
		json_object_set_new(o, key, v);
}

/* The referenced pages of list as schema.org things: each typed as its
 * collection's JSON-LD type (Thing when it has none), named, with its URL. */
static json_t *ref_things(const renderer *r, const json_t *list)
{
	if (!json_array_size(list))
		return NULL;
	json_t *out = json_array();
	size_t i;
	const json_t *item;
	json_array_foreach(list, i, item) {
		const folio_collection *c = folio_config_collection(
			r->cfg, json_string_value(json_object_get(item, "collection")));
		json_t *o = typed(c && c->jsonld_type ? c->jsonld_type : "Thing",
		                  json_string_value(json_object_get(item, "title")));
		json_t *url = json_object_get(item, "url");
		if (json_is_string(url))
			folio_render__set_own(o, "url", folio_render__absolute_url(r->cfg, json_string_value(url)));
		json_array_append_new(out, o);
	}
	return out;
}

/* The page's value of field; the collection's date field as folio read it. */
static const char *field_str(const folio_page *p, const char *field)
{
	const char *date_field = p->collection->date_field;
	if (p->date && date_field && !strcmp(field, date_field))
		return p->date;
	return meta_str(p, field);
}

/*
 * The value of JSON-LD property prop as spec maps it (docs/config.md,
 * "jsonld"), or NULL when the page has none: a field name (a reference
 * field gives the pages it names; "isbn" the ISBN-13; the date field its
 * date with its offset), [date field, time field] for one date-time, or a
 * mapping with "type" for a nested object.
 */
static json_t *jsonld_value(const renderer *r, const folio_page *p, json_t *refs, const char *prop,
                            const json_t *spec)
{
	if (json_is_array(spec)) {
		const char *date = field_str(p, json_string_value(json_array_get(spec, 0)));
		char *dt = jsonld_date(r, join_date_time(date, field_str(p, json_string_value(json_array_get(spec, 1)))));
		json_t *v = dt ? json_string(dt) : NULL;
		free(dt);
		return v;
	}
	if (json_is_object(spec)) {
		json_t *o = json_object();
		folio_render__set_str(o, "@type", json_string_value(json_object_get(spec, "type")));
		const char *key;
		const json_t *sub;
		json_object_foreach((json_t *)spec, key, sub)
			if (strcmp(key, "type"))
				set_value(o, key, jsonld_value(r, p, refs, key, sub));
		if (json_object_size(o) == 1) { /* nothing but its type */
			json_decref(o);
			return NULL;
		}
		return o;
	}
	const char *field = json_string_value(spec);
	json_t *list = json_object_get(refs, field);
	if (list)
		return ref_things(r, list);
	const char *date_field = p->collection->date_field;
	if (date_field && !strcmp(field, date_field)) {
		const char *d = field_str(p, field);
		char *dt = jsonld_date(r, d ? folio_xstrdup(d) : NULL);
		json_t *v = dt ? json_string(dt) : NULL;
		free(dt);
		return v;
	}
	json_t *v = folio_page_meta_get(p, field);
	if (json_is_string(v) && !strcmp(prop, "isbn")) {
		folio_isbn_info info;
		folio_isbn_parse(&info, json_string_value(v));
		return json_string(info.digits13[0] ? info.digits13 : json_string_value(v));
	}
	return json_is_string(v) || json_is_number(v) || json_is_boolean(v) ? json_deep_copy(v) : NULL;
}

char *folio_render__jsonld(const renderer *r, const folio_page *p, json_t *refs)
{
	const char *type = p->collection->jsonld_type;
	if (!type)
		return NULL;
	json_t *ld = json_object();
	folio_render__set_str(ld, "@context", "https://schema.org");
	folio_render__set_str(ld, "@type", type);
	folio_render__set_str(ld, "name", p->title);
	folio_render__set_own(ld, "url", folio_render__absolute_url(r->cfg, p->url));
	if (p->md.summary && *p->md.summary)
		folio_render__set_str(ld, "description", p->md.summary);
	/* then each property folio.yaml maps, in its order */
	const char *key;
	const json_t *spec;
	json_object_foreach(p->collection->jsonld_map, key, spec)
		if (strcmp(key, "type"))
			set_value(ld, key, jsonld_value(r, p, refs, key, spec));
	char *s = dump_script_json(ld);
	json_decref(ld);
	return s;
}

/* ---- the page object of docs/templates.md ---- */

/* Every string of p's front matter that reads as a date, in words; known's
 * words (NULL: not a date) are known_text already: the page's date, whose
 * field is one of them (ICU's format was 2.5% of a check at 10k pages,
 * each date made twice). */
static json_t *dates_json(const renderer *r, const folio_page *p, const char *known, const char *known_text)
{
	json_t *dates = json_object();
	const char *key;
	json_t *v, *meta = folio_page_meta(p);
	json_object_foreach(meta, key, v)
		if (json_is_string(v)) {
			const char *s = json_string_value(v);
			if (known && !strcmp(s, known))
				folio_render__set_own(dates, key, known_text ? folio_xstrdup(known_text) : NULL);
			else
				folio_render__set_own(dates, key, long_date(r, s));
		}
	return dates;
}

static json_t *headings_json(const folio_page *p)
{
	json_t *list = json_array();
	for (size_t i = 0; i < p->md.nheadings; i++) {
		json_t *h = json_object();
		folio_render__set_str(h, "id", p->md.headings[i].id);
		folio_render__set_str(h, "text", p->md.headings[i].text);
		json_object_set_new(h, "level", json_integer(p->md.headings[i].level));
		json_array_append_new(list, h);
	}
	return list;
}

const char *folio_render__term_addr(const renderer *r, const folio_page *p, size_t t, const char *slug)
{
	if (!r->taxonomies || !r->cfg->taxonomy_titled[t])
		return slug;
	size_t slot = folio_layout_lang_slot(r->cfg, p->lang);
	return folio_taxonomy_term_addr(&r->taxonomies[slot * r->cfg->ntaxonomies + t], slug);
}

/* The terms p gives: page.taxonomies.<tax> = [{name, slug, url}] per
 * taxonomy, and page.terms, all of them in one list (taxonomy order). */
static void page_terms_json(const renderer *r, const folio_page *p, json_t *o)
{
	json_t *all = json_object(), *flat = json_array();
	for (size_t t = 0; t < r->cfg->ntaxonomies; t++) {
		const char *tax = r->cfg->taxonomies[t];
		char **names;
		size_t n;
		char **slugs = folio_taxonomy_page_terms(r->cfg, p, tax, &names, &n);
		json_t *list = json_array();
		for (size_t k = 0; k < n; k++) {
			json_t *e = json_object();
			folio_render__set_str(e, "name", names[k]);
			folio_render__set_str(e, "slug", slugs[k]);
			folio_render__set_own(e, "url", folio_render__in_lang(p->lang, folio_layout_term_url(
									    r->cfg->term_folders[t], folio_render__term_addr(r, p, t, slugs[k]), 1,
									    r->cfg->taxonomy_ugly[t])));
			json_array_append(flat, e);
			json_array_append_new(list, e);
		}
		folio_taxonomy_free_slugs(slugs, names, n);
		json_object_set_new(all, tax, list);
	}
	json_object_set_new(o, "taxonomies", all);
	json_object_set_new(o, "terms", flat);
}

/* What p shows that a page may hold thousands of, its references (refs)
 * and its terms (taxonomies, terms), made once per render and shared by
 * every output that shows p: p is an item of each of its terms' lists, so
 * making them for each item cost its terms times their number, and a
 * site the sum of that over its pages, which no budget of a page bounds
 * (40 pages of 999 terms took the pre-receive hook 127 s, t443). A new
 * reference; nothing changes what it holds. */
static json_t *page_shared(const renderer *r, const folio_page *p)
{
	renderer *w = (renderer *)r; /* for its memo only */
	pthread_mutex_lock(&w->shared_lock);
	json_t *made = json_incref(json_object_get(r->shared, p->path));
	pthread_mutex_unlock(&w->shared_lock);
	if (made)
		return made;
	made = json_object();
	json_object_set_new(made, "refs", refs_json(r, p));
	if (r->cfg->ntaxonomies)
		page_terms_json(r, p, made);
	pthread_mutex_lock(&w->shared_lock);
	json_object_set(w->shared, p->path, made); /* another thread's, equal, may be replaced */
	pthread_mutex_unlock(&w->shared_lock);
	return made;
}

/* Every language version of p, itself included, when it has another:
 * [{language, url (absolute, as hreflang wants), current}], the site's
 * language first; empty otherwise. */
static json_t *translations_json(const renderer *r, const folio_page *p)
{
	json_t *list = json_array();
	size_t found = 0;
	for (size_t l = 0; l <= r->cfg->nlanguages; l++) {
		const char *lang = l ? r->cfg->languages[l - 1] : NULL;
		const folio_page *t = folio_site_find_lang(r->site, p->collection->name, folio_page_translation_key(p), lang);
		if (!t || !t->ok)
			continue;
		json_t *e = json_object();
		folio_render__set_str(e, "language", lang ? lang : r->cfg->language);
		folio_render__set_own(e, "url", folio_render__absolute_url(r->cfg, t->url));
		json_object_set_new(e, "current", json_boolean(t == p));
		json_array_append_new(list, e);
		found++;
	}
	if (found < 2)
		json_array_clear(list);
	return list;
}

json_t *folio_render__page_json(const renderer *r, const folio_page *p, bool full)
{
	json_t *o = json_object();
	folio_render__set_str(o, "collection", p->collection->name);
	folio_render__set_str(o, "slug", p->slug);
	folio_render__set_str(o, "url", p->url);
	folio_render__set_str(o, "title", p->title);
	folio_render__set_str(o, "summary", p->md.summary ? p->md.summary : "");
	folio_render__set_str(o, "date", p->date);
	char *date_text = long_date(r, p->date);
	/* never empty beside a date: the date as written if ICU cannot say it */
	folio_render__set_str(o, "date_text", date_text || !p->date ? date_text : p->date);
	json_object_set(o, "meta", folio_page_meta(p));
	json_object_set_new(o, "dates", dates_json(r, p, p->date, date_text));
	free(date_text);
	json_t *shared = page_shared(r, p);
	json_t *refs = json_object_get(shared, "refs");
	json_t *isbn = folio_page_meta_get(p, "isbn");
	if (json_is_string(isbn)) {
		folio_isbn_info info;
		folio_isbn_parse(&info, json_string_value(isbn));
		if (info.status == FOLIO_ISBN_VALID) {
			json_t *io = json_object();
			folio_render__set_str(io, "isbn13", info.isbn13);
			if (info.isbn10[0])
				folio_render__set_str(io, "isbn10", info.isbn10);
			json_object_set_new(o, "isbn", io);
		}
	}
	if (full) {
		set_html(r, o, "content", p);
		folio_render__set_own(o, "jsonld", folio_render__jsonld(r, p, refs));
		json_object_set_new(o, "headings", headings_json(p));
	}
	json_object_set(o, "refs", refs);
	folio_render__set_str(o, "language", p->lang ? p->lang : r->cfg->language);
	if (r->cfg->nlanguages)
		json_object_set_new(o, "translations", translations_json(r, p));
	if (r->cfg->ntaxonomies) {
		json_object_set(o, "taxonomies", json_object_get(shared, "taxonomies"));
		json_object_set(o, "terms", json_object_get(shared, "terms"));
	}
	json_decref(shared);
	return o;
}
