/*
 * Rendering: turns the site model into output files. Every output is a
 * "unit" (a page, a list page, a feed, ...) rendered independently from
 * read-only data, so units render on all cores and the bytes never depend
 * on the thread count. Template contexts follow docs/templates.md.
 *
 * Determinism: no clock, no locale, no hash order: objects keep insertion
 * order and every list is sorted by the site model.
 */
#include "folio/render.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/dates.h"
#include "folio/isbn.h"
#include "render/layout.h"
#include "render/syndication.h"
#include "render/taxonomy.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/parallel.h"
#include "util/timestamp.h"
#include "util/banned.h"

/*
 * Every name the contexts below give templates, at any depth (docs/templates.md):
 * check/template_vars.c takes a template variable none of whose segments is
 * one of these or a schema field for a typo (template/unknown-variable).
 * A key added to a context belongs here too.
 */
static const char *const context_names[] = {
	/* every template */
	"site", "title", "description", "base_url", "language", "collections", "name", "label",
	"url", "year", "commit", "page_title", "canonical",
	/* a page */
	"page", "collection", "slug", "content", "summary", "date", "date_text", "meta", "dates",
	"refs", "isbn", "isbn13", "isbn10", "jsonld", "headings", "id", "text", "level",
	/* lists and the home page */
	"items", "pagination", "number", "count", "prev_url", "next_url", "pages", "current",
	"sections", "section", "feeds", "json", "atom", "rss",
	/* taxonomies */
	"taxonomies", "taxonomy", "term", "terms",
	/* translations */
	"translations",
	NULL,
};

const char *const *folio_render_context_names(void)
{
	return context_names;
}

#define HOME_ITEMS 5

typedef struct {
	char *field;                      /* top-level front matter field */
	const folio_collection *target;   /* collection its slugs name */
} ref_field;

typedef struct {
	ref_field *items;
	size_t count, alloc;
} ref_fields;

struct folio_renderer {
	const folio_site *site;
	const folio_config *cfg;
	json_t *site_ctx;   /* the "site" object shared by every context */
	ref_fields *refs;   /* per collection */
	folio_outputs outs; /* the plan, sorted by path */
	const bool *selected;
	folio_output_sink sink;
	void *sink_payload;
	struct { char *name, *version; } *tversions; /* memo of template versions */
	size_t ntversions, atversions;
	atomic_int sink_rc;  /* first failure of the sink, 0 while none */
	/* budgets: outputs past them are findings, never handed to the sink */
	bool dry_run;        /* folio_render_check: measure, write nothing, read no static file */
	atomic_size_t total; /* bytes of the outputs rendered so far, static files included */
	atomic_bool over_site; /* the site-size finding is made once */
	atomic_bool failed;  /* some output went past a budget */
	pthread_mutex_t diag_lock;
	folio_diags diags;   /* under diag_lock while rendering */
	char sink_error[1024]; /* its message: set on a worker thread, errors are per thread */
	/* partial renderers: the items of each feed page added, by output index */
	struct feed_slice { char **fragments; size_t n, count; } *slices;
	size_t aslices;
	/* full renderers: each collection's items in feed order, sorted once
	 * (every feed page and its deps need it) */
	struct feed_sorted { const folio_page **pages; size_t n; } *feeds;
	/* full renderers: taxonomies: one per cfg->taxonomies (taxonomy.h) */
	folio_taxonomy *taxonomies;
	/* the path of base_url ("/previews/x" of "http://h/previews/x"), put
	 * before the site-absolute links of HTML outputs; NULL when it has none */
	char *link_prefix;
};
typedef struct folio_renderer renderer;

/* ---- small helpers ---- */

static char *absolute_url(const folio_config *cfg, const char *url)
{
	return folio_xasprintf("%s%s", cfg->base_url, url);
}

static void set_str(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

static void set_own(json_t *obj, const char *key, char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
	free(value);
}

/* A failure that is not the content's (a blob unreadable while rendering):
 * the render goes on, folio_renderer_render_to() returns it, as the sink's. */
static void render_failed(const renderer *r)
{
	renderer *w = (renderer *)r; /* its atomics and message only */
	int none = 0;
	if (atomic_compare_exchange_strong(&w->sink_rc, &none, FOLIO_ERROR))
		snprintf(w->sink_error, sizeof(w->sink_error), "%s", folio_error_last());
}

/* The HTML of the pages of the feed page being rendered on this thread
 * (render_group): each page's HTML is rendered once, for its own output and
 * its feed page's, and freed once both are written. */
typedef struct {
	const folio_page *page;
	char *html;
	size_t len;
} html_memo;

static _Thread_local html_memo *memo;
static _Thread_local size_t nmemo;

/* The page's HTML, *len its length, *owned what the caller frees (NULL when
 * borrowed): a site that streams renders it again here, when the output
 * that shows it is written, and holds it no longer. */
static const char *page_html(const renderer *r, const folio_page *p, size_t *len, char **owned)
{
	*owned = NULL;
	if (p->md.html) {
		*len = p->md.html_len;
		return p->md.html;
	}
	for (size_t k = 0; k < nmemo; k++)
		if (memo[k].page == p) {
			*len = memo[k].html ? memo[k].len : 0;
			return memo[k].html ? memo[k].html : "";
		}
	*owned = folio_site_page_html(r->site, p, len);
	if (!*owned) {
		render_failed(r);
		*len = 0;
		return "";
	}
	return *owned;
}

static void set_html(const renderer *r, json_t *obj, const char *key, const folio_page *p)
{
	size_t len;
	char *owned;
	const char *html = page_html(r, p, &len, &owned);
	/* UTF-8 already: cmark-gfm validated the text, folio's check_text the file */
	json_object_set_new(obj, key, json_stringn_nocheck(html, len));
	free(owned);
}

/* s as a JSON string, escaped as jansson escapes it (json_dumps without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH): '"', '\\' and control characters;
 * s is valid UTF-8. jansson looks at one character at a time through a
 * callback: for a feed item's HTML that was most of a feed page's time. */
static void put_json_string(folio_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	folio_buf_putc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		folio_buf_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': folio_buf_puts(b, "\\\""); break;
		case '\\': folio_buf_puts(b, "\\\\"); break;
		case '\b': folio_buf_puts(b, "\\b"); break;
		case '\f': folio_buf_puts(b, "\\f"); break;
		case '\n': folio_buf_puts(b, "\\n"); break;
		case '\r': folio_buf_puts(b, "\\r"); break;
		case '\t': folio_buf_puts(b, "\\t"); break;
		default: {
			char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
			folio_buf_puts(b, u);
		}
		}
	}
	folio_buf_put(b, s + run, n - run);
	folio_buf_putc(b, '"');
}

/* url (taken over) below a translation language: "/es" + url; as it is for NULL. */
static char *in_lang(const char *lang, char *url)
{
	if (!lang)
		return url;
	char *u = folio_xasprintf("/%s%s", lang, url);
	free(url);
	return u;
}

/* 0 for the site's language, 1 + its index for a language of cfg->languages. */
static size_t lang_slot(const folio_config *cfg, const char *lang)
{
	for (size_t l = 0; lang && l < cfg->nlanguages; l++)
		if (!strcmp(cfg->languages[l], lang))
			return l + 1;
	return 0;
}

/* Long date text in the site's language, or NULL when s is not a date; caller frees. */
static char *long_date(const renderer *r, const char *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (!s || !folio_date_format_long(&b, s, r->cfg->language, r->cfg->timezone)) {
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

static json_t *collection_json(const renderer *r, const folio_collection *c)
{
	json_t *o = json_object();
	set_str(o, "name", c->name);
	set_str(o, "label", c->label ? c->label : c->name);
	set_own(o, "url", folio_layout_list_url(c, 1));
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

static void collect_refs(renderer *r)
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
	set_str(o, "collection", target->name);
	set_str(o, "slug", slug);
	if (p) {
		set_str(o, "url", p->url);
		set_str(o, "title", p->title);
	} else {
		set_str(o, "title", slug);
	}
	return o;
}

static json_t *refs_json(const renderer *r, const folio_page *p)
{
	const ref_fields *rf = &r->refs[p->collection - r->cfg->collections];
	json_t *refs = json_object();
	for (size_t i = 0; i < rf->count; i++) {
		json_t *v = json_object_get(p->meta, rf->items[i].field);
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
	set_str(o, "@type", type);
	set_str(o, "name", name);
	return o;
}

static const char *meta_str(const folio_page *p, const char *key)
{
	json_t *v = json_object_get(p->meta, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A date as RFC 3339 with its offset (one written without is in the site's
 * time zone, a plain date at midnight), or NULL when it is no date; caller frees. */
static char *rfc3339(const renderer *r, const char *date)
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
	char *t = rfc3339(r, s);
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
			set_own(o, "url", absolute_url(r->cfg, json_string_value(url)));
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
		set_str(o, "@type", json_string_value(json_object_get(spec, "type")));
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
	json_t *v = json_object_get(p->meta, field);
	if (json_is_string(v) && !strcmp(prop, "isbn")) {
		folio_isbn_info info;
		folio_isbn_parse(&info, json_string_value(v));
		return json_string(info.digits13[0] ? info.digits13 : json_string_value(v));
	}
	return json_is_string(v) || json_is_number(v) || json_is_boolean(v) ? json_deep_copy(v) : NULL;
}

static char *jsonld(const renderer *r, const folio_page *p, json_t *refs)
{
	const char *type = p->collection->jsonld_type;
	if (!type)
		return NULL;
	json_t *ld = json_object();
	set_str(ld, "@context", "https://schema.org");
	set_str(ld, "@type", type);
	set_str(ld, "name", p->title);
	set_own(ld, "url", absolute_url(r->cfg, p->url));
	if (p->md.summary && *p->md.summary)
		set_str(ld, "description", p->md.summary);
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

static json_t *dates_json(const renderer *r, const folio_page *p)
{
	json_t *dates = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(p->meta, key, v)
		if (json_is_string(v))
			set_own(dates, key, long_date(r, json_string_value(v)));
	return dates;
}

static json_t *headings_json(const folio_page *p)
{
	json_t *list = json_array();
	for (size_t i = 0; i < p->md.nheadings; i++) {
		json_t *h = json_object();
		set_str(h, "id", p->md.headings[i].id);
		set_str(h, "text", p->md.headings[i].text);
		json_object_set_new(h, "level", json_integer(p->md.headings[i].level));
		json_array_append_new(list, h);
	}
	return list;
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
		char **slugs = folio_taxonomy_page_terms(p, tax, &names, &n);
		json_t *list = json_array();
		for (size_t k = 0; k < n; k++) {
			json_t *e = json_object();
			set_str(e, "name", names[k]);
			set_str(e, "slug", slugs[k]);
			set_own(e, "url", folio_layout_term_url(tax, slugs[k], 1));
			json_array_append(flat, e);
			json_array_append_new(list, e);
		}
		folio_taxonomy_free_slugs(slugs, names, n);
		json_object_set_new(all, tax, list);
	}
	json_object_set_new(o, "taxonomies", all);
	json_object_set_new(o, "terms", flat);
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
		const folio_page *t = folio_site_find_lang(r->site, p->collection->name, p->slug, lang);
		if (!t || !t->ok)
			continue;
		json_t *e = json_object();
		set_str(e, "language", lang ? lang : r->cfg->language);
		set_own(e, "url", absolute_url(r->cfg, t->url));
		json_object_set_new(e, "current", json_boolean(t == p));
		json_array_append_new(list, e);
		found++;
	}
	if (found < 2)
		json_array_clear(list);
	return list;
}

static json_t *page_json(const renderer *r, const folio_page *p, bool full)
{
	json_t *o = json_object();
	set_str(o, "collection", p->collection->name);
	set_str(o, "slug", p->slug);
	set_str(o, "url", p->url);
	set_str(o, "title", p->title);
	set_str(o, "summary", p->md.summary ? p->md.summary : "");
	set_str(o, "date", p->date);
	/* never empty beside a date: the date as written if ICU cannot say it */
	char *date_text = long_date(r, p->date);
	set_own(o, "date_text", date_text || !p->date ? date_text : folio_xstrdup(p->date));
	json_object_set(o, "meta", p->meta);
	json_object_set_new(o, "dates", dates_json(r, p));
	json_t *refs = refs_json(r, p);
	json_t *isbn = json_object_get(p->meta, "isbn");
	if (json_is_string(isbn)) {
		folio_isbn_info info;
		folio_isbn_parse(&info, json_string_value(isbn));
		if (info.status == FOLIO_ISBN_VALID) {
			json_t *io = json_object();
			set_str(io, "isbn13", info.isbn13);
			if (info.isbn10[0])
				set_str(io, "isbn10", info.isbn10);
			json_object_set_new(o, "isbn", io);
		}
	}
	if (full) {
		set_html(r, o, "content", p);
		set_own(o, "jsonld", jsonld(r, p, refs));
		json_object_set_new(o, "headings", headings_json(p));
	}
	json_object_set_new(o, "refs", refs);
	set_str(o, "language", p->lang ? p->lang : r->cfg->language);
	if (r->cfg->nlanguages)
		json_object_set_new(o, "translations", translations_json(r, p));
	if (r->cfg->ntaxonomies)
		page_terms_json(r, p, o);
	return o;
}

/* ---- units ---- */

/* The context every template gets; lang: a translation language, which
 * site.language then names (html lang). */
static json_t *base_context_in(const renderer *r, const char *url, const char *title,
                               const char *lang)
{
	json_t *ctx = json_object();
	if (lang) {
		json_t *site = json_copy(r->site_ctx);
		set_str(site, "language", lang);
		json_object_set_new(ctx, "site", site);
	} else {
		json_object_set(ctx, "site", r->site_ctx);
	}
	if (title)
		set_own(ctx, "page_title", folio_xasprintf("%s — %s", title, r->cfg->title));
	else
		set_str(ctx, "page_title", r->cfg->title);
	set_str(ctx, "url", url);
	set_own(ctx, "canonical", absolute_url(r->cfg, url));
	return ctx;
}

static json_t *base_context(const renderer *r, const char *url, const char *title)
{
	return base_context_in(r, url, title, NULL);
}

/* A finding of the render; any thread. */
static void render_finding(renderer *r, folio_rule rule, const char *path, const char *hint,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void render_finding(renderer *r, folio_rule rule, const char *path, const char *hint,
                           const char *fmt, ...)
{
	folio_buf msg = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&r->diag_lock);
	folio_diags_add(&r->diags, rule, path, 0, 0, hint, "%s", msg.ptr);
	pthread_mutex_unlock(&r->diag_lock);
	folio_buf_dispose(&msg);
	atomic_store(&r->failed, true);
}

/* What an output's findings name: the page's source file, else the template. */
static char *output_subject(const folio_output *o, const char *template_name)
{
	if (o->page)
		return folio_xstrdup(o->page->path);
	if (template_name)
		return folio_xasprintf("templates/%s.mustache", template_name);
	return folio_xstrdup(o->path);
}

static void render_template(folio_output *o, const renderer *r, const char *name, json_t *ctx)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_rule rule = FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT;
	if (folio_templates_render_checked(&b, folio_site_templates(r->site), name, ctx, &rule) ==
	    FOLIO_ERROR) {
		/* a stopped render is a finding: the truncated bytes go nowhere */
		char *subject = output_subject(o, name);
		render_finding((renderer *)r, rule, subject,
		               rule == FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT
		               ? "render less per page (split it, or loop over fewer items), or raise the template-output limit"
		               : rule == FOLIO_RULE_BUDGET_PARTIAL_DEPTH
		               ? "flatten the partials, or raise the partial-depth limit"
		               : "make the recursion end: the data must run out before the partial-depth limit",
		               "%s: %s", o->path, folio_error_last());
		free(subject);
		folio_buf_dispose(&b);
		o->data = NULL;
		o->len = 0;
		json_decref(ctx);
		return;
	}
	o->data = folio_buf_detach(&b, &o->len);
	json_decref(ctx);
}

static void render_page(folio_output *o, const renderer *r)
{
	const folio_page *p = o->page;
	json_t *ctx = base_context_in(r, p->url, p->title, p->lang);
	json_object_set_new(ctx, "page", page_json(r, p, true));
	json_object_set_new(ctx, "collection", collection_json(r, p->collection));
	render_template(o, r, p->collection->template_name, ctx);
}

static char *list_url(const folio_collection *c, size_t number)
{
	return folio_layout_list_url(c, number);
}

static size_t list_page_count(const folio_collection *c, size_t items)
{
	return items ? (items + c->page_size - 1) / c->page_size : 1;
}

/* The URL of list page number of what a pagination is of. */
typedef char *(*page_url_fn)(const folio_output *o, size_t number);

static char *collection_page_url(const folio_output *o, size_t number)
{
	return in_lang(o->lang, folio_layout_list_url(o->collection, number));
}

static char *term_page_url(const folio_output *o, size_t number)
{
	return folio_layout_term_url(o->taxonomy->name, o->term->slug, number);
}

static json_t *pagination_of(const folio_output *o, page_url_fn url_of, size_t number, size_t count)
{
	json_t *pg = json_object();
	json_object_set_new(pg, "number", json_integer((json_int_t)number));
	json_object_set_new(pg, "count", json_integer((json_int_t)count));
	if (number > 1)
		set_own(pg, "prev_url", url_of(o, number - 1));
	if (number < count)
		set_own(pg, "next_url", url_of(o, number + 1));
	json_t *pages = json_array();
	for (size_t n = 1; n <= count; n++) {
		json_t *e = json_object();
		json_object_set_new(e, "number", json_integer((json_int_t)n));
		set_own(e, "url", url_of(o, n));
		json_object_set_new(e, "current", json_boolean(n == number));
		json_array_append_new(pages, e);
	}
	json_object_set_new(pg, "pages", pages);
	return pg;
}

/* A collection's feeds, site-relative, for <link rel="alternate"> on its lists. */
static json_t *feeds_json(const folio_collection *c, const char *lang)
{
	json_t *f = json_object();
	set_own(f, "json", in_lang(lang, folio_layout_feed_url(c, 1)));
	set_own(f, "atom", in_lang(lang, folio_layout_atom_url(c)));
	set_own(f, "rss", in_lang(lang, folio_layout_rss_url(c)));
	return f;
}

static void render_list(folio_output *o, const renderer *r, size_t number)
{
	const folio_collection *c = o->collection;
	size_t n;
	const folio_page *const *pages = folio_site_collection_pages_in(r->site, c, o->lang, &n);
	size_t count = list_page_count(c, n);
	char *url = in_lang(o->lang, list_url(c, number));
	const char *label = c->label ? c->label : c->name;
	char *title = number > 1 ? folio_xasprintf("%s (%zu/%zu)", label, number, count) : folio_xstrdup(label);
	json_t *ctx = base_context_in(r, url, title, o->lang);
	json_t *items = json_array();
	for (size_t i = (number - 1) * c->page_size; i < n && i < number * c->page_size; i++)
		if (pages[i]->ok)
			json_array_append_new(items, page_json(r, pages[i], false));
	json_object_set_new(ctx, "collection", collection_json(r, c));
	json_object_set_new(ctx, "items", items);
	json_object_set_new(ctx, "pagination", pagination_of(o, collection_page_url, number, count));
	json_object_set_new(ctx, "feeds", feeds_json(c, o->lang));
	const folio_page *section = o->lang ? NULL : folio_site_section(r->site, c);
	if (section && section->ok)
		json_object_set_new(ctx, "section", page_json(r, section, true));
	render_template(o, r, c->list_template, ctx);
	free(title);
	free(url);
}

static void render_home(folio_output *o, const renderer *r)
{
	json_t *ctx = base_context(r, "/", NULL);
	json_t *sections = json_array();
	for (size_t c = 0; c < r->cfg->ncollections; c++) {
		const folio_collection *col = &r->cfg->collections[c];
		size_t n;
		const folio_page *const *pages = folio_site_collection_pages(r->site, col, &n);
		json_t *s = collection_json(r, col);
		json_t *items = json_array();
		for (size_t i = 0; i < n && json_array_size(items) < HOME_ITEMS; i++)
			if (pages[i]->ok)
				json_array_append_new(items, page_json(r, pages[i], false));
		json_object_set_new(s, "items", items);
		json_array_append_new(sections, s);
	}
	json_object_set_new(ctx, "sections", sections);
	render_template(o, r, "home", ctx);
}

/* The page for URLs the site lacks: served at any depth, so its links stay
 * site-absolute, as every template's are. */
static void render_not_found(folio_output *o, const renderer *r)
{
	json_t *ctx = base_context(r, "/" FOLIO_LAYOUT_NOT_FOUND, NULL);
	render_template(o, r, "404", ctx);
}

static void dump_to_output(folio_output *o, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(1));
	o->data = folio_xasprintf("%s\n", s);
	o->len = strlen(o->data);
	free(s);
	json_decref(j);
}

static int cmp_newest(const void *a, const void *b)
{
	const folio_page *x = *(const folio_page *const *)a, *y = *(const folio_page *const *)b;
	int c;
	if (x->date && y->date && (c = strcmp(y->date, x->date)))
		return c;
	if (!x->date != !y->date)
		return x->date ? -1 : 1;
	return strcmp(x->slug, y->slug);
}

/* The items of a collection in feed order (newest first when dated); caller frees. */
static const folio_page **sort_feed(const renderer *r, const folio_collection *c, const char *lang,
                                    size_t *n)
{
	const folio_page *const *pages = folio_site_collection_pages_in(r->site, c, lang, n);
	const folio_page **sorted = folio_xmalloc((*n ? *n : 1) * sizeof(*sorted));
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (pages[i]->ok)
			sorted[k++] = pages[i];
	*n = k;
	if (c->date_field)
		qsort(sorted, k, sizeof(*sorted), cmp_newest);
	return sorted;
}

/* The feed order of collection c, kept by a full renderer (it owns it). */
static const folio_page *const *feed_order_in(const renderer *r, const folio_collection *c,
                                              const char *lang, size_t *n)
{
	FOLIO_ASSERT(r->feeds);
	size_t slot = lang_slot(r->cfg, lang);
	const struct feed_sorted *f = &r->feeds[slot * r->cfg->ncollections + (size_t)(c - r->cfg->collections)];
	*n = f->n;
	return f->pages;
}

static char *feed_url(const renderer *r, const folio_output *o, size_t number)
{
	char *url = in_lang(o->lang, folio_layout_feed_url(o->collection, number));
	char *abs = absolute_url(r->cfg, url);
	free(url);
	return abs;
}

static json_t *feed_item(const renderer *r, const folio_page *p)
{
	json_t *it = json_object();
	set_own(it, "id", absolute_url(r->cfg, p->url));
	set_own(it, "url", absolute_url(r->cfg, p->url));
	set_str(it, "title", p->title);
	set_str(it, "content_html", ""); /* written by feed_fragment */
	if (p->md.summary && *p->md.summary)
		set_str(it, "summary", p->md.summary);
	set_own(it, "date_published", rfc3339(r, p->date));
	json_t *ext = json_object();
	set_str(ext, "collection", p->collection->name);
	set_str(ext, "slug", p->slug);
	json_object_set(ext, "meta", p->meta);
	json_object_set_new(it, "_folio", ext);
	return it;
}

/* An item as it stands in a feed page's "items" array: its JSON_INDENT(1)
 * text, two levels deep. Caller frees. */
static char *feed_fragment(const renderer *r, const folio_page *p)
{
	json_t *it = feed_item(r, p);
	char *dumped = json_dumps(it, JSON_INDENT(1));
	json_decref(it);
	/* the HTML in place of its "" (a key line: strings hold no raw newline) */
	static const char key[] = "\n \"content_html\": \"\"";
	char *at = strstr(dumped, key);
	FOLIO_ASSERT(at);
	size_t hlen, head = (size_t)(at - dumped) + sizeof(key) - 3;
	char *owned;
	const char *html = page_html(r, p, &hlen, &owned);
	folio_buf t = FOLIO_BUF_INIT;
	folio_buf_grow(&t, strlen(dumped) + hlen + hlen / 8);
	folio_buf_put(&t, dumped, head);
	put_json_string(&t, html, hlen);
	folio_buf_puts(&t, dumped + head + 2);
	free(owned);
	free(dumped);
	char *s = folio_buf_detach(&t, NULL);
	folio_buf b = FOLIO_BUF_INIT;
	size_t len = strlen(s);
	folio_buf_grow(&b, len + len / 8);
	/* strings hold no raw newline: each one starts a line, indented two more */
	for (const char *c = s, *nl; *c; c = nl + 1) {
		if (!(nl = strchr(c, '\n'))) {
			folio_buf_puts(&b, c);
			break;
		}
		folio_buf_put(&b, c, (size_t)(nl - c + 1));
		folio_buf_puts(&b, "  ");
	}
	free(s);
	return folio_buf_detach(&b, NULL);
}

/*
 * One page of a collection's JSON Feed: page_size items, newest first, with
 * next_url to the following page (JSON Feed 1.1 pagination), so that a
 * change to one item rewrites one feed page, not the whole collection. The
 * text is jansson's JSON_INDENT(1) form, assembled from one fragment per
 * item so that a publish of a few pages can reuse the others' fragments.
 */
static void render_feed(folio_output *o, const renderer *r, size_t index)
{
	const folio_collection *c = o->collection;
	char **fragments;
	size_t n, count;
	if (r->slices) {
		fragments = r->slices[index].fragments;
		n = r->slices[index].n;
		count = r->slices[index].count;
	} else {
		size_t all;
		const folio_page *const *sorted = feed_order_in(r, c, o->lang, &all);
		size_t first = (o->number - 1) * c->page_size;
		n = first >= all ? 0 : first + c->page_size < all ? c->page_size : all - first;
		count = list_page_count(c, all);
		fragments = folio_xcalloc(n ? n : 1, sizeof(*fragments));
		for (size_t i = 0; i < n; i++)
			fragments[i] = feed_fragment(r, sorted[first + i]);
	}
	json_t *feed = json_object();
	set_str(feed, "version", "https://jsonfeed.org/version/1.1");
	set_own(feed, "title", folio_xasprintf("%s — %s", c->label ? c->label : c->name, r->cfg->title));
	char *home = in_lang(o->lang, folio_layout_list_url(c, 1));
	set_own(feed, "home_page_url", absolute_url(r->cfg, home));
	free(home);
	set_own(feed, "feed_url", feed_url(r, o, o->number));
	if (o->number < count)
		set_own(feed, "next_url", feed_url(r, o, o->number + 1));
	set_str(feed, "language", o->lang ? o->lang : r->cfg->language);
	json_object_set_new(feed, "items", json_array());
	char *head = json_dumps(feed, JSON_INDENT(1));
	json_decref(feed);
	folio_buf b = FOLIO_BUF_INIT;
	size_t hl = strlen(head);
	FOLIO_ASSERT(hl > 4 && !strcmp(head + hl - 4, "[]\n}"));
	if (n) {
		folio_buf_put(&b, head, hl - 4);
		for (size_t i = 0; i < n; i++) {
			folio_buf_puts(&b, i ? ",\n  " : "[\n  ");
			folio_buf_puts(&b, fragments[i]);
		}
		folio_buf_puts(&b, "\n ]\n}\n");
	} else {
		folio_buf_puts(&b, head);
		folio_buf_putc(&b, '\n');
	}
	free(head);
	if (!r->slices) {
		for (size_t i = 0; i < n; i++)
			free(fragments[i]);
		free(fragments);
	}
	o->data = folio_buf_detach(&b, &o->len);
}

/* The first items of a collection's or a term's feeds, in feed order;
 * *title, *home and *self (site-relative) the caller's to free. */
static const folio_page *const *feed_items(const renderer *r, const folio_output *o, size_t *n,
                                           char **title, char **home)
{
	const folio_page *const *items;
	size_t all, size;
	if (o->term) {
		items = o->term->pages;
		all = o->term->npages;
		size = r->cfg->page_size;
		*title = folio_xasprintf("%s — %s", o->term->name, r->cfg->title);
		*home = folio_layout_term_url(o->taxonomy->name, o->term->slug, 1);
	} else {
		const folio_collection *c = o->collection;
		items = feed_order_in(r, c, o->lang, &all);
		size = c->page_size;
		*title = folio_xasprintf("%s — %s", c->label ? c->label : c->name, r->cfg->title);
		*home = in_lang(o->lang, folio_layout_list_url(c, 1));
	}
	*n = all < size ? all : size;
	return items;
}

/* A collection's or a term's Atom or RSS document: its first page_size
 * items in feed order, each as lists show it (syndication.h). */
static void render_syndication(folio_output *o, const renderer *r)
{
	size_t n;
	char *title, *home, *self;
	const folio_page *const *items = feed_items(r, o, &n, &title, &home);
	if (o->term)
		self = o->kind == FOLIO_UNIT_ATOM
		       ? folio_layout_term_atom_url(o->taxonomy->name, o->term->slug)
		       : folio_layout_term_rss_url(o->taxonomy->name, o->term->slug);
	else
		self = in_lang(o->lang, o->kind == FOLIO_UNIT_ATOM ? folio_layout_atom_url(o->collection)
		                                                   : folio_layout_rss_url(o->collection));
	folio_syndication f = { title, r->cfg->title, r->cfg->base_url, home, self,
	                        o->lang ? o->lang : r->cfg->language, r->cfg->timezone };
	folio_buf b = FOLIO_BUF_INIT;
	if (o->kind == FOLIO_UNIT_ATOM)
		folio_syndication_atom(&b, &f, items, n);
	else
		folio_syndication_rss(&b, &f, items, n);
	o->data = folio_buf_detach(&b, &o->len);
	free(self);
	free(home);
	free(title);
}

/*
 * A term's JSON Feed: its first page_size items, each with its summary as
 * its text (content_text), not its body: a term's feeds depend on what
 * lists show of a page, so a body edit rewrites none of them.
 */
static void render_term_feed(folio_output *o, const renderer *r)
{
	size_t n;
	char *title, *home;
	const folio_page *const *items = feed_items(r, o, &n, &title, &home);
	json_t *feed = json_object();
	set_str(feed, "version", "https://jsonfeed.org/version/1.1");
	set_str(feed, "title", title);
	set_own(feed, "home_page_url", absolute_url(r->cfg, home));
	char *self = folio_layout_term_feed_url(o->taxonomy->name, o->term->slug);
	set_own(feed, "feed_url", absolute_url(r->cfg, self));
	set_str(feed, "language", r->cfg->language);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		const folio_page *p = items[i];
		json_t *it = json_object();
		set_own(it, "id", absolute_url(r->cfg, p->url));
		set_own(it, "url", absolute_url(r->cfg, p->url));
		set_str(it, "title", p->title);
		set_str(it, "content_text", p->md.summary ? p->md.summary : "");
		set_own(it, "date_published", rfc3339(r, p->date));
		json_t *ext = json_object();
		set_str(ext, "collection", p->collection->name);
		set_str(ext, "slug", p->slug);
		json_object_set_new(it, "_folio", ext);
		json_array_append_new(list, it);
	}
	json_object_set_new(feed, "items", list);
	dump_to_output(o, feed);
	free(self);
	free(home);
	free(title);
}

static json_t *term_json(const folio_taxonomy *t, const folio_term *term)
{
	json_t *e = json_object();
	set_str(e, "name", term->name);
	set_str(e, "slug", term->slug);
	set_own(e, "url", folio_layout_term_url(t->name, term->slug, 1));
	json_object_set_new(e, "count", json_integer((json_int_t)term->npages));
	return e;
}

static json_t *taxonomy_json(const folio_taxonomy *t)
{
	json_t *e = json_object();
	set_str(e, "name", t->name);
	set_own(e, "url", folio_layout_terms_url(t->name));
	return e;
}

/* One list page of a term: its pages, page_size a page (the site's). */
static void render_term(folio_output *o, const renderer *r)
{
	const folio_term *term = o->term;
	size_t size = r->cfg->page_size, n = term->npages;
	size_t count = n ? (n + size - 1) / size : 1;
	char *url = folio_layout_term_url(o->taxonomy->name, term->slug, o->number);
	char *title = o->number > 1 ? folio_xasprintf("%s (%zu/%zu)", term->name, o->number, count)
	                            : folio_xstrdup(term->name);
	json_t *ctx = base_context(r, url, title);
	json_t *items = json_array();
	for (size_t i = (o->number - 1) * size; i < n && i < o->number * size; i++)
		json_array_append_new(items, page_json(r, term->pages[i], false));
	json_object_set_new(ctx, "taxonomy", taxonomy_json(o->taxonomy));
	json_object_set_new(ctx, "term", term_json(o->taxonomy, term));
	json_object_set_new(ctx, "items", items);
	json_object_set_new(ctx, "pagination", pagination_of(o, term_page_url, o->number, count));
	json_t *feeds = json_object();
	set_own(feeds, "json", folio_layout_term_feed_url(o->taxonomy->name, term->slug));
	set_own(feeds, "atom", folio_layout_term_atom_url(o->taxonomy->name, term->slug));
	set_own(feeds, "rss", folio_layout_term_rss_url(o->taxonomy->name, term->slug));
	json_object_set_new(ctx, "feeds", feeds);
	render_template(o, r, "term", ctx);
	free(title);
	free(url);
}

/* A taxonomy's index: every term, by slug, with its page count. */
static void render_terms(folio_output *o, const renderer *r)
{
	const folio_taxonomy *t = o->taxonomy;
	char *url = folio_layout_terms_url(t->name);
	json_t *ctx = base_context(r, url, t->name);
	json_t *terms = json_array();
	for (size_t k = 0; k < t->nterms; k++)
		json_array_append_new(terms, term_json(t, &t->terms[k]));
	json_object_set_new(ctx, "taxonomy", taxonomy_json(t));
	json_object_set_new(ctx, "terms", terms);
	render_template(o, r, "terms", ctx);
	free(url);
}

/* The page at an old URL: a redirect that browsers and search engines
 * follow (meta refresh, canonical link), and a link for everyone else. */
static void render_alias(folio_output *o, const renderer *r)
{
	char *abs = absolute_url(r->cfg, o->page->url);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
	folio_buf_put_html(&b, r->cfg->language ? r->cfg->language : "", r->cfg->language ? strlen(r->cfg->language) : 0);
	folio_buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	folio_buf_put_html(&b, abs, strlen(abs));
	folio_buf_puts(&b, "</title>\n<link rel=\"canonical\" href=\"");
	folio_buf_put_html(&b, abs, strlen(abs));
	folio_buf_puts(&b, "\">\n<meta name=\"robots\" content=\"noindex\">\n"
	                   "<meta http-equiv=\"refresh\" content=\"0; url=");
	folio_buf_put_html(&b, abs, strlen(abs));
	folio_buf_puts(&b, "\">\n</head>\n<body>\n<p><a href=\"");
	folio_buf_put_html(&b, abs, strlen(abs));
	folio_buf_puts(&b, "\">");
	folio_buf_put_html(&b, abs, strlen(abs));
	folio_buf_puts(&b, "</a></p>\n</body>\n</html>\n");
	free(abs);
	o->data = folio_buf_detach(&b, &o->len);
}

static void render_index(folio_output *o, const renderer *r)
{
	json_t *idx = json_object();
	json_object_set_new(idx, "version", json_integer(1));
	set_str(idx, "title", r->cfg->title);
	set_str(idx, "base_url", r->cfg->base_url);
	set_str(idx, "language", r->cfg->language);
	json_t *pages = json_array();
	for (size_t i = 0; i < folio_site_page_count(r->site); i++) {
		const folio_page *p = folio_site_page(r->site, i);
		if (!p->ok || p->section)
			continue;
		json_t *e = json_object();
		if (p->lang) /* one id per page: a translation's names its language */
			set_own(e, "id", folio_xasprintf("%s/%s/%s", p->lang, p->collection->name, p->slug));
		else
			set_own(e, "id", folio_xasprintf("%s/%s", p->collection->name, p->slug));
		set_str(e, "language", p->lang ? p->lang : r->cfg->language);
		set_str(e, "collection", p->collection->name);
		set_str(e, "slug", p->slug);
		set_str(e, "url", p->url);
		set_str(e, "title", p->title);
		json_object_set_new(e, "date", p->date ? json_string(p->date) : json_null());
		set_str(e, "summary", p->md.summary ? p->md.summary : "");
		json_array_append_new(pages, e);
	}
	json_object_set_new(idx, "pages", pages);
	dump_to_output(o, idx);
}

/* A sitemap entry: a page's URL and, for a dated page, its date as lastmod. */
struct sitemap_entry {
	char *url;
	char *lastmod; /* RFC 3339, or NULL */
};

static void sitemap_url(folio_buf *b, const renderer *r, const struct sitemap_entry *e)
{
	char *abs = absolute_url(r->cfg, e->url);
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

static void render_sitemap(folio_output *o, const renderer *r)
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
			urls[n++].url = in_lang(l ? r->cfg->languages[l - 1] : NULL,
			                        list_url(&r->cfg->collections[c], 1));
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
		urls[n++].lastmod = rfc3339(r, p->date);
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

/* ---- orchestration ---- */

static folio_output *add_unit(folio_outputs *outs, folio_unit_kind kind, char *path)
{
	FOLIO_ARRAY_GROW(outs->items, outs->count, outs->alloc, outs->count + 1);
	folio_output *o = &outs->items[outs->count++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->path = path;
	return o;
}

/* A page's aliases as written (aliases: a string or a list of strings;
 * without it, jekyll-redirect-from's redirect_from:); borrowed, NULL when
 * none. */
static json_t *page_aliases(const folio_page *p)
{
	json_t *a = json_object_get(p->meta, "aliases");
	if (!a)
		a = json_object_get(p->meta, "redirect_from");
	return json_is_string(a) || json_is_array(a) ? a : NULL;
}

/* The URL of alias k of page p, or NULL when it is none (validation says why). */
static char *alias_url(const folio_page *p, size_t k)
{
	json_t *a = page_aliases(p);
	json_t *v = json_is_array(a) ? json_array_get(a, k) : k == 0 ? a : NULL;
	if (!json_is_string(v))
		return NULL;
	/* a relative alias is relative to the folder of the page's URL, as Hugo reads it */
	size_t n = strlen(p->url);
	while (n > 1 && p->url[n - 1] == '/')
		n--;
	const char *slash = memrchr(p->url, '/', n);
	char *base = folio_xstrndup(p->url, slash ? (size_t)(slash - p->url) + 1 : 1);
	char *url = folio_layout_alias_url(base, json_string_value(v));
	free(base);
	return url;
}

/* A redirect page for each alias of p. */
static void plan_aliases(folio_outputs *outs, const folio_page *p)
{
	json_t *a = p->ok && !p->section ? page_aliases(p) : NULL;
	size_t n = json_is_array(a) ? json_array_size(a) : a ? 1 : 0;
	for (size_t k = 0; k < n; k++) {
		char *url = alias_url(p, k);
		if (!url || !strcmp(url, p->url)) {
			/* an alias that is the page's own URL (Hugo's docs keep the
			 * lowercase spelling of a name written in capitals) redirects
			 * nowhere: the page is there */
			free(url);
			continue;
		}
		folio_output *o = add_unit(outs, FOLIO_UNIT_ALIAS, folio_layout_url_output(url));
		o->page = p;
		o->number = k;
		free(url);
	}
}

static folio_output *add_url_unit(folio_outputs *outs, folio_unit_kind kind, char *url)
{
	folio_output *o = add_unit(outs, kind, folio_layout_url_output(url));
	free(url);
	return o;
}

/* A taxonomy's index, and each term's list pages and feeds. */
static void plan_taxonomy(folio_outputs *outs, const folio_config *cfg, const folio_taxonomy *t)
{
	add_url_unit(outs, FOLIO_UNIT_TERMS, folio_layout_terms_url(t->name))->taxonomy = t;
	for (size_t k = 0; k < t->nterms; k++) {
		const folio_term *term = &t->terms[k];
		size_t count = (term->npages + cfg->page_size - 1) / cfg->page_size;
		folio_output *o;
		for (size_t n = 1; n <= count; n++) {
			o = add_url_unit(outs, FOLIO_UNIT_TERM, folio_layout_term_url(t->name, term->slug, n));
			o->number = n;
			o->taxonomy = t;
			o->term = term;
		}
		o = add_url_unit(outs, FOLIO_UNIT_TERM_FEED, folio_layout_term_feed_url(t->name, term->slug));
		o->taxonomy = t;
		o->term = term;
		o = add_url_unit(outs, FOLIO_UNIT_ATOM, folio_layout_term_atom_url(t->name, term->slug));
		o->taxonomy = t;
		o->term = term;
		o = add_url_unit(outs, FOLIO_UNIT_RSS, folio_layout_term_rss_url(t->name, term->slug));
		o->taxonomy = t;
		o->term = term;
	}
}

/* A collection's list pages, JSON Feed pages, Atom and RSS, in the site's
 * language (lang NULL) or below a translation language (/es/...). */
static void plan_collection(folio_outputs *outs, const folio_site *site, const folio_collection *col,
                            const char *lang)
{
	size_t n;
	const folio_page *const *pages = folio_site_collection_pages_in(site, col, lang, &n);
	size_t count = list_page_count(col, n);
	folio_output *o;
	if (folio_templates_has(folio_site_templates(site), col->list_template)) {
		for (size_t k = 1; k <= count; k++) {
			o = add_url_unit(outs, FOLIO_UNIT_LIST, in_lang(lang, folio_layout_list_url(col, k)));
			o->collection = col;
			o->number = k;
			o->lang = lang;
		}
	}
	size_t fed = 0;
	for (size_t i = 0; i < n; i++)
		fed += pages[i]->ok;
	for (size_t k = 1; k <= list_page_count(col, fed); k++) {
		o = add_url_unit(outs, FOLIO_UNIT_FEED, in_lang(lang, folio_layout_feed_url(col, k)));
		o->collection = col;
		o->number = k;
		o->lang = lang;
	}
	o = add_url_unit(outs, FOLIO_UNIT_ATOM, in_lang(lang, folio_layout_atom_url(col)));
	o->collection = col;
	o->lang = lang;
	o = add_url_unit(outs, FOLIO_UNIT_RSS, in_lang(lang, folio_layout_rss_url(col)));
	o->collection = col;
	o->lang = lang;
}

/* Every output of site, unsorted: the one place that names them. */
static void plan_units(folio_outputs *outs, const folio_site *site, const folio_taxonomy *taxonomies)
{
	const folio_config *cfg = folio_site_config(site);
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		if (!p->ok || p->section ||
		    !folio_templates_has(folio_site_templates(site), p->collection->template_name))
			continue;
		add_unit(outs, FOLIO_UNIT_PAGE, folio_layout_url_output(p->url))->page = p;
	}
	for (size_t l = 0; l <= cfg->nlanguages; l++)
		for (size_t c = 0; c < cfg->ncollections; c++)
			plan_collection(outs, site, &cfg->collections[c], l ? cfg->languages[l - 1] : NULL);
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		plan_aliases(outs, folio_site_page(site, i));
	add_unit(outs, FOLIO_UNIT_HOME, folio_xstrdup(FOLIO_LAYOUT_HOME));
	add_unit(outs, FOLIO_UNIT_INDEX, folio_xstrdup(FOLIO_LAYOUT_INDEX));
	add_unit(outs, FOLIO_UNIT_SITEMAP, folio_xstrdup(FOLIO_LAYOUT_SITEMAP));
	if (folio_templates_has(folio_site_templates(site), "404"))
		add_unit(outs, FOLIO_UNIT_NOT_FOUND, folio_xstrdup(FOLIO_LAYOUT_NOT_FOUND));
	for (size_t t = 0; t < cfg->ntaxonomies; t++)
		plan_taxonomy(outs, cfg, &taxonomies[t]);
	for (size_t i = 0; i < folio_site_static_count(site); i++) {
		const folio_static_file *f = folio_site_static(site, i);
		/* the site model placed it (a bundle's file follows its page) */
		add_unit(outs, FOLIO_UNIT_STATIC, folio_xstrdup(f->output))->file = f;
	}
}

/* The path part of base_url, without its trailing slash; NULL for none. */
static char *base_path(const char *base_url)
{
	const char *host = base_url ? strstr(base_url, "://") : NULL;
	const char *path = host ? strchr(host + 3, '/') : NULL;
	size_t len = path ? strlen(path) : 0;
	while (len && path[len - 1] == '/')
		len--;
	return len ? folio_xstrndup(path, len) : NULL;
}

/*
 * A site served below a path (a branch preview at <host>/previews/<name>,
 * a base_url such as https://example.org/blog): templates and Markdown
 * write site-absolute links ("/events/x/"), which would leave that path.
 * Each href, src or action attribute value starting with one "/" gets the
 * path before it, in HTML outputs only (feeds and index.json carry
 * absolute URLs from base_url, or URLs that their readers join to it).
 */
static void prefix_links(const renderer *r, folio_output *o)
{
	static const char *const attrs[] = { "href=", "src=", "action=" };
	size_t plen = strlen(o->path);
	if (!r->link_prefix || !o->data || plen < 5 || strcmp(o->path + plen - 5, ".html"))
		return;
	folio_buf b = FOLIO_BUF_INIT;
	const char *p = o->data, *end = o->data + o->len;
	while (p < end) {
		size_t skip = 0;
		bool blank = p > o->data && strchr(" \t\n\r", p[-1]);
		for (size_t a = 0; blank && !skip && a < sizeof(attrs) / sizeof(*attrs); a++) {
			size_t n = strlen(attrs[a]);
			if ((size_t)(end - p) > n + 2 && !strncmp(p, attrs[a], n) &&
			    (p[n] == '"' || p[n] == '\'') && p[n + 1] == '/' && p[n + 2] != '/')
				skip = n + 1;
		}
		if (skip) {
			folio_buf_put(&b, p, skip);
			folio_buf_puts(&b, r->link_prefix);
			p += skip;
		} else {
			folio_buf_putc(&b, *p++);
		}
	}
	free(o->data);
	o->data = folio_buf_detach(&b, &o->len);
}

/*
 * An output past page-output, or the one that takes the site past
 * site-size, is a finding and is dropped (false): nothing truncated is
 * ever handed to the sink, and the caller fails the build.
 */
static bool check_budgets(renderer *r, folio_output *o)
{
	const folio_limits *l = folio_site_limits(r->site);
	size_t len = o->kind == FOLIO_UNIT_STATIC ? 0 : o->len; /* statics: counted at the start */
	if (o->kind != FOLIO_UNIT_STATIC && !o->data)
		return false; /* the template render stopped: its finding is made */
	bool ok = true;
	if (len > l->v[FOLIO_LIMIT_PAGE_OUTPUT]) {
		char *subject = output_subject(o, NULL);
		render_finding(r, FOLIO_RULE_BUDGET_PAGE_OUTPUT, subject,
		               "split the page or shorten its lists, or raise the page-output limit",
		               "%s renders to %zu bytes, more than the page-output limit of %zu",
		               o->path, len, l->v[FOLIO_LIMIT_PAGE_OUTPUT]);
		free(subject);
		ok = false;
	}
	/* once over, no more output is rendered (that work is what the budget
	 * bounds); the finding is made once the threads are joined, in words
	 * that do not depend on the order the threads rendered in */
	size_t total = atomic_fetch_add(&r->total, len) + len;
	if (total > l->v[FOLIO_LIMIT_SITE_SIZE]) {
		atomic_store(&r->over_site, true);
		atomic_store(&r->failed, true);
	}
	if (atomic_load(&r->over_site))
		ok = false;
	if (!ok) {
		free(o->data);
		o->data = NULL;
	}
	return ok;
}

static void render_unit(size_t i, void *payload)
{
	renderer *r = payload;
	folio_output *o = &r->outs.items[i];
	if ((r->selected && !r->selected[i]) || atomic_load(&r->over_site))
		return;
	switch (o->kind) {
	case FOLIO_UNIT_PAGE: render_page(o, r); break;
	case FOLIO_UNIT_LIST: render_list(o, r, o->number); break;
	case FOLIO_UNIT_FEED: render_feed(o, r, i); break;
	case FOLIO_UNIT_HOME: render_home(o, r); break;
	case FOLIO_UNIT_INDEX: render_index(o, r); break;
	case FOLIO_UNIT_SITEMAP: render_sitemap(o, r); break;
	case FOLIO_UNIT_STATIC: break; /* read beforehand, on the calling thread */
	case FOLIO_UNIT_ALIAS: render_alias(o, r); break;
	case FOLIO_UNIT_ATOM:
	case FOLIO_UNIT_RSS: render_syndication(o, r); break;
	case FOLIO_UNIT_NOT_FOUND: render_not_found(o, r); break;
	case FOLIO_UNIT_TERMS: render_terms(o, r); break;
	case FOLIO_UNIT_TERM: render_term(o, r); break;
	case FOLIO_UNIT_TERM_FEED: render_term_feed(o, r); break;
	}
	if (o->kind != FOLIO_UNIT_STATIC)
		prefix_links(r, o);
	if (!check_budgets(r, o))
		return;
	if (r->dry_run) {
		free(o->data);
		o->data = NULL;
		return;
	}
	if (r->sink && atomic_load(&r->sink_rc) == 0) {
		int rc = r->sink(o, i, r->sink_payload);
		int none = 0;
		if (rc < 0 && atomic_compare_exchange_strong(&r->sink_rc, &none, rc))
			snprintf(r->sink_error, sizeof(r->sink_error), "%s", folio_error_last());
	}
}

/*
 * A site that streams (folio_site_options.stream) holds no page's HTML: it
 * is rendered when an output needs it. Each page is in a collection's feed
 * page and has its own output: both are rendered on one thread, the pages
 * first, so that the HTML is rendered once and held for one feed page at
 * most (page_size pages). A group is a feed page with the outputs of its
 * items (units), or an output alone (feed SIZE_MAX, one unit).
 */
typedef struct {
	size_t feed;
	size_t one;    /* the output alone */
	size_t *units; /* else: the outputs of the feed page's items */
	size_t n;
	const folio_page *const *items; /* the feed page's items, whose HTML is memoised */
	size_t nitems;
} render_group;

typedef struct {
	renderer *r;
	render_group *groups;
	size_t count;
} group_job;

typedef struct {
	const folio_page *page;
	size_t unit;
} page_unit;

static int cmp_page_unit(const void *a, const void *b)
{
	const folio_page *x = ((const page_unit *)a)->page, *y = ((const page_unit *)b)->page;
	return x < y ? -1 : x > y;
}

static size_t plan_groups(const renderer *r, render_group **out)
{
	size_t n = r->outs.count, npages = 0, count = 0;
	page_unit *by_page = folio_xmalloc((n ? n : 1) * sizeof(*by_page));
	for (size_t i = 0; i < n; i++)
		if (r->outs.items[i].kind == FOLIO_UNIT_PAGE)
			by_page[npages++] = (page_unit){ r->outs.items[i].page, i };
	qsort(by_page, npages, sizeof(*by_page), cmp_page_unit);
	bool *grouped = folio_xcalloc(n ? n : 1, sizeof(*grouped));
	render_group *g = folio_xcalloc(n ? n : 1, sizeof(*g));
	for (size_t i = 0; i < n; i++) {
		const folio_output *o = &r->outs.items[i];
		if (o->kind != FOLIO_UNIT_FEED)
			continue;
		size_t all;
		const folio_page *const *sorted = feed_order_in(r, o->collection, o->lang, &all);
		size_t first = (o->number - 1) * o->collection->page_size;
		size_t k = first >= all ? 0 : first + o->collection->page_size < all
		                                      ? o->collection->page_size : all - first;
		render_group *e = &g[count++];
		*e = (render_group){ i, 0, folio_xmalloc((k ? k : 1) * sizeof(size_t)), 0, sorted + first, k };
		for (size_t j = 0; j < k; j++) {
			page_unit key = { sorted[first + j], 0 };
			const page_unit *u = bsearch(&key, by_page, npages, sizeof(*by_page), cmp_page_unit);
			if (u && !grouped[u->unit]) {
				e->units[e->n++] = u->unit;
				grouped[u->unit] = true;
			}
		}
		grouped[i] = true;
	}
	for (size_t i = 0; i < n; i++) /* the others alone, after the feed pages */
		if (!grouped[i])
			g[count++] = (render_group){ SIZE_MAX, i, NULL, 0, NULL, 0 };
	free(grouped);
	free(by_page);
	*out = g;
	return count;
}

static void render_group_at(size_t i, void *payload)
{
	group_job *job = payload;
	render_group *g = &job->groups[i];
	if (g->feed == SIZE_MAX) {
		render_unit(g->one, job->r);
		return;
	}
	bool wanted = !atomic_load(&job->r->over_site);
	html_memo *m = folio_xcalloc(g->nitems ? g->nitems : 1, sizeof(*m));
	for (size_t k = 0; wanted && k < g->nitems; k++) {
		m[k].page = g->items[k];
		if (!g->items[k]->md.html && !(m[k].html = folio_site_page_html(job->r->site, g->items[k],
		                                                                 &m[k].len)))
			render_failed(job->r);
	}
	memo = m;
	nmemo = wanted ? g->nitems : 0;
	for (size_t k = 0; k < g->n; k++)
		render_unit(g->units[k], job->r);
	render_unit(g->feed, job->r);
	memo = NULL;
	nmemo = 0;
	for (size_t k = 0; k < g->nitems; k++)
		free(m[k].html);
	free(m);
}

/* Every output, by groups when the site streams and the renderer is full. */
static void render_all(renderer *r, int jobs)
{
	if (r->slices || !r->feeds || !folio_site_streams(r->site)) {
		folio_parallel_for(r->outs.count, jobs, render_unit, r);
		return;
	}
	group_job job = { r, NULL, 0 };
	job.count = plan_groups(r, &job.groups);
	folio_parallel_for(job.count, jobs, render_group_at, &job);
	for (size_t i = 0; i < job.count; i++)
		free(job.groups[i].units);
	free(job.groups);
}

static json_t *site_context(const renderer *r)
{
	json_t *s = json_object();
	set_str(s, "title", r->cfg->title);
	set_str(s, "description", r->cfg->description ? r->cfg->description : "");
	set_str(s, "base_url", r->cfg->base_url);
	set_str(s, "language", r->cfg->language);
	json_t *cols = json_array();
	for (size_t c = 0; c < r->cfg->ncollections; c++)
		json_array_append_new(cols, collection_json(r, &r->cfg->collections[c]));
	json_object_set_new(s, "collections", cols);
	/* of the commit, not the clock: the bytes depend on the site only */
	folio_source *src = folio_site_source(r->site);
	const char *commit = src ? folio_source_commit(src) : NULL;
	char stamp[FOLIO_TIMESTAMP_SIZE] = "";
	if (commit)
		folio_timestamp(stamp, folio_source_commit_time(src), -1);
	/* a directory has no commit: both empty (strnlen: folio_xstrndup copies n bytes) */
	set_own(s, "commit", folio_xstrndup(commit ? commit : "", commit ? strnlen(commit, 7) : 0));
	set_own(s, "year", folio_xstrndup(stamp, strnlen(stamp, 4)));
	return s;
}

static int cmp_output(const void *a, const void *b)
{
	return strcmp(((const folio_output *)a)->path, ((const folio_output *)b)->path);
}

void folio_render_plan(folio_outputs *outs, const folio_site *site)
{
	FOLIO_ASSERT(folio_site_config(site));
	folio_taxonomy *t = folio_taxonomies_new(site);
	size_t first = outs->count;
	plan_units(outs, site, t);
	for (size_t i = first; i < outs->count; i++) { /* they go with t */
		outs->items[i].taxonomy = NULL;
		outs->items[i].term = NULL;
	}
	folio_taxonomies_free(t, folio_site_config(site)->ntaxonomies);
	qsort(outs->items, outs->count, sizeof(*outs->items), cmp_output);
}

void folio_outputs_init(folio_outputs *outs)
{
	outs->items = NULL;
	outs->count = outs->alloc = 0;
}

void folio_outputs_dispose(folio_outputs *outs)
{
	for (size_t i = 0; i < outs->count; i++) {
		free(outs->items[i].path);
		free(outs->items[i].data);
	}
	free(outs->items);
	folio_outputs_init(outs);
}

/* ---- dependencies of each output (for incremental publishing) ---- */

static void dep_file(folio_buf *out, const folio_site *site, const char *path)
{
	const char *id = folio_site_file_id(site, path);
	folio_buf_printf(out, "%s=%s\n", path, id ? id : "absent");
}

/*
 * A template's version, and the values of the site context that change with
 * every commit when it shows them: a page whose template shows
 * {{site.commit}} is rendered again at each commit, the others are not.
 */
static char *template_inputs(const renderer *r, const char *name)
{
	char *v = folio_site_template_version(r->site, name);
	const folio_templates *set = folio_site_templates(r->site);
	bool commit = folio_templates_names(set, name, "commit");
	bool year = folio_templates_names(set, name, "year");
	if (!commit && !year)
		return v;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, v);
	free(v);
	json_t *site = r->site_ctx;
	if (commit)
		folio_buf_printf(&b, "\nsite.commit=%s", json_string_value(json_object_get(site, "commit")));
	if (year)
		folio_buf_printf(&b, "\nsite.year=%s", json_string_value(json_object_get(site, "year")));
	return folio_buf_detach(&b, NULL);
}

/* A template's version, computed once per renderer: every page asks. */
static const char *template_version(renderer *r, const char *name)
{
	for (size_t i = 0; i < r->ntversions; i++)
		if (!strcmp(r->tversions[i].name, name))
			return r->tversions[i].version;
	FOLIO_ARRAY_GROW(r->tversions, r->ntversions, r->atversions, r->ntversions + 1);
	r->tversions[r->ntversions].name = folio_xstrdup(name);
	r->tversions[r->ntversions].version = template_inputs(r, name);
	return r->tversions[r->ntversions++].version;
}

static void dep_template_cb(const char *name, void *payload)
{
	void **args = payload;
	folio_buf_printf(args[1], "%s\n", template_version(args[0], name));
}

/* Not thread-safe (the memo grows): dependencies are listed on one thread. */
static void dep_template(folio_buf *out, const renderer *r, const char *name)
{
	void *args[2] = { (void *)r, out };
	dep_template_cb(name, args);
	folio_templates_foreach_dependency(folio_site_templates(r->site), name, dep_template_cb, args);
}

/*
 * A page as an input: "path=<content id>" where its body shows (its own
 * page, its feed page), "path#meta=<sig>" where only its front matter and
 * summary show (lists, the home page, index.json); then the records its
 * references name, whose titles show (by their signature too).
 */
static void dep_page(folio_buf *out, const renderer *r, const folio_page *p, bool body)
{
	if (body) {
		folio_buf_printf(out, "%s=%s\n", p->path, p->id);
		/* where the pages and bundle files it links to are published,
		 * which their slug:/url: decides, not this page's bytes */
		for (size_t i = 0; i < p->md.nlinks; i++)
			if (p->md.links[i].placed)
				folio_buf_printf(out, "file:%s\n", p->md.links[i].resolved);
	} else
		folio_buf_printf(out, "%s#meta=%s\n", p->path, p->sig);
	/* its other language versions, whose URLs it shows (page.translations) */
	for (size_t l = 0; l <= r->cfg->nlanguages && r->cfg->nlanguages; l++) {
		const folio_page *t = folio_site_find_lang(r->site, p->collection->name, p->slug,
		                                           l ? r->cfg->languages[l - 1] : NULL);
		folio_buf_printf(out, "lang%zu=%s %s\n", l, t && t->ok ? t->path : "-", t && t->ok ? t->url : "-");
	}
	const ref_fields *rf = &r->refs[p->collection - r->cfg->collections];
	for (size_t i = 0; i < rf->count; i++) {
		json_t *v = json_object_get(p->meta, rf->items[i].field);
		size_t k, n = json_is_array(v) ? json_array_size(v) : 1;
		for (k = 0; k < n; k++) {
			json_t *item = json_is_array(v) ? json_array_get(v, k) : v;
			if (!json_is_string(item))
				continue;
			const folio_page *t = folio_site_find(r->site, rf->items[i].target->name,
			                                      json_string_value(item));
			if (t)
				folio_buf_printf(out, "%s#meta=%s\n", t->path, t->sig);
			else
				folio_buf_printf(out, "missing:%s/%s\n", rf->items[i].target->name,
				                 json_string_value(item));
		}
	}
}

static void dep_schema(folio_buf *out, const renderer *r, const folio_collection *c)
{
	char *path = c->schema ? folio_xasprintf("schemas/%s", c->schema)
	                       : folio_xasprintf("schemas/%s.json", c->name);
	dep_file(out, r->site, path);
	free(path);
}

/* A term as an input: its name as shown and how many pages it has (its
 * pagination, its index entry). */
static void dep_term(folio_buf *out, const folio_taxonomy *t, const folio_term *term)
{
	folio_buf_printf(out, "term=%s/%s:%zu:", t->name, term->slug, term->npages);
	folio_buf_puts(out, term->name);
	folio_buf_putc(out, '\n');
}

void folio_renderer_deps(const folio_renderer *r, size_t i, folio_buf *out)
{
	const folio_output *o = &r->outs.items[i];
	size_t n;
	folio_buf_printf(out, "folio=%s\nunit=%d\n", FOLIO_VERSION, (int)o->kind);
	if (o->kind == FOLIO_UNIT_STATIC) {
		dep_file(out, r->site, o->file->path);
		return;
	}
	dep_file(out, r->site, "folio.yaml");
	/* every collection's schema decides which fields are references */
	for (size_t c = 0; c < r->cfg->ncollections; c++)
		dep_schema(out, r, &r->cfg->collections[c]);
	switch (o->kind) {
	case FOLIO_UNIT_PAGE:
		dep_template(out, r, o->page->collection->template_name);
		dep_page(out, r, o->page, true);
		break;
	case FOLIO_UNIT_LIST: {
		const folio_page *const *pages =
			folio_site_collection_pages_in(r->site, o->collection, o->lang, &n);
		const folio_collection *c = o->collection;
		dep_template(out, r, c->list_template);
		const folio_page *section = o->lang ? NULL : folio_site_section(r->site, c);
		if (section)
			dep_page(out, r, section, true);
		folio_buf_printf(out, "pagination=%zu/%zu\n", o->number, list_page_count(c, n));
		for (size_t k = (o->number - 1) * c->page_size; k < n && k < o->number * c->page_size; k++)
			if (pages[k]->ok)
				dep_page(out, r, pages[k], false);
		break;
	}
	case FOLIO_UNIT_FEED: {
		const folio_page *const *sorted = feed_order_in(r, o->collection, o->lang, &n);
		const folio_collection *c = o->collection;
		folio_buf_printf(out, "pagination=%zu/%zu\n", o->number, list_page_count(c, n));
		for (size_t k = (o->number - 1) * c->page_size; k < n && k < o->number * c->page_size; k++)
			folio_buf_printf(out, "%s=%s\n", sorted[k]->path, sorted[k]->id);
		break;
	}
	case FOLIO_UNIT_ATOM:
	case FOLIO_UNIT_RSS:
	case FOLIO_UNIT_TERM_FEED: { /* what lists show of the first items: no body */
		char *title, *home;
		const folio_page *const *items = feed_items(r, o, &n, &title, &home);
		if (o->term)
			dep_term(out, o->taxonomy, o->term);
		for (size_t k = 0; k < n; k++)
			folio_buf_printf(out, "%s#meta=%s\n", items[k]->path, items[k]->sig);
		free(title);
		free(home);
		break;
	}
	case FOLIO_UNIT_TERM: {
		const folio_term *term = o->term;
		size_t size = r->cfg->page_size;
		dep_template(out, r, "term");
		dep_term(out, o->taxonomy, term);
		for (size_t k = (o->number - 1) * size; k < term->npages && k < o->number * size; k++)
			dep_page(out, r, term->pages[k], false);
		break;
	}
	case FOLIO_UNIT_TERMS:
		dep_template(out, r, "terms");
		for (size_t k = 0; k < o->taxonomy->nterms; k++)
			dep_term(out, o->taxonomy, &o->taxonomy->terms[k]);
		break;
	case FOLIO_UNIT_HOME:
		dep_template(out, r, "home");
		for (size_t c = 0; c < r->cfg->ncollections; c++) {
			const folio_page *const *pages =
				folio_site_collection_pages(r->site, &r->cfg->collections[c], &n);
			for (size_t k = 0, shown = 0; k < n && shown < HOME_ITEMS; k++)
				if (pages[k]->ok) {
					dep_page(out, r, pages[k], false);
					shown++;
				}
		}
		break;
	case FOLIO_UNIT_NOT_FOUND: /* the site's title and collections only */
		dep_template(out, r, "404");
		break;
	case FOLIO_UNIT_INDEX:
	case FOLIO_UNIT_SITEMAP:
		for (size_t k = 0; k < folio_site_page_count(r->site); k++) {
			const folio_page *p = folio_site_page(r->site, k);
			if (!p->ok || p->section)
				continue;
			if (o->kind == FOLIO_UNIT_INDEX)
				folio_buf_printf(out, "%s#meta=%s\n", p->path, p->sig);
			else
				/* its URL too: slug: and url: move it without a body change */
				folio_buf_printf(out, "%s=url:%s date=%s\n", p->path, p->url,
				                 p->date ? p->date : ""); /* lastmod */
		}
		for (size_t t = 0; o->kind == FOLIO_UNIT_SITEMAP && t < r->cfg->ntaxonomies; t++)
			for (size_t k = 0; k < r->taxonomies[t].nterms; k++)
				folio_buf_printf(out, "term=%s/%s\n", r->taxonomies[t].name,
				                 r->taxonomies[t].terms[k].slug);
		break;
	case FOLIO_UNIT_STATIC:
		break;
	case FOLIO_UNIT_ALIAS: /* the page's URL: its path and front matter */
		dep_page(out, r, o->page, false);
		break;
	}
}

static renderer *renderer_alloc(const folio_site *site)
{
	renderer *r = folio_xcalloc(1, sizeof(*r));
	r->site = site;
	r->cfg = folio_site_config(site);
	folio_outputs_init(&r->outs);
	pthread_mutex_init(&r->diag_lock, NULL);
	folio_diags_init(&r->diags);
	collect_refs(r);
	r->site_ctx = site_context(r);
	r->link_prefix = base_path(r->cfg->base_url);
	return r;
}

int folio_renderer_new(folio_renderer **out, const folio_site *site)
{
	*out = NULL;
	if (!folio_site_config(site))
		return folio_error_set("cannot render a site without a valid folio.yaml");
	renderer *r = renderer_alloc(site);
	/* per language (the site's first), per collection */
	size_t nc = r->cfg->ncollections, nf = nc * (r->cfg->nlanguages + 1);
	r->feeds = folio_xcalloc(nf ? nf : 1, sizeof(*r->feeds));
	for (size_t k = 0; k < nf; k++)
		r->feeds[k].pages = sort_feed(r, &r->cfg->collections[k % nc],
		                              k < nc ? NULL : r->cfg->languages[k / nc - 1], &r->feeds[k].n);
	r->taxonomies = folio_taxonomies_new(site);
	plan_units(&r->outs, site, r->taxonomies);
	qsort(r->outs.items, r->outs.count, sizeof(*r->outs.items), cmp_output);
	*out = r;
	return 0;
}

/* ---- partial renderers (see render_partial.h) ---- */

int folio_renderer__new_partial(folio_renderer **out, const folio_site *site)
{
	*out = NULL;
	if (!folio_site_config(site))
		return folio_error_set("cannot render a site without a valid folio.yaml");
	renderer *r = renderer_alloc(site);
	r->slices = folio_xcalloc(1, sizeof(*r->slices));
	r->aslices = 1;
	*out = r;
	return 0;
}

static size_t add_partial(renderer *r, folio_unit_kind kind, char *path)
{
	FOLIO_ASSERT(r->slices);
	add_unit(&r->outs, kind, path);
	FOLIO_ARRAY_GROW(r->slices, r->outs.count - 1, r->aslices, r->outs.count);
	memset(&r->slices[r->outs.count - 1], 0, sizeof(*r->slices));
	return r->outs.count - 1;
}

size_t folio_renderer__add_page(folio_renderer *r, const folio_page *p)
{
	size_t i = add_partial(r, FOLIO_UNIT_PAGE, folio_layout_url_output(p->url));
	r->outs.items[i].page = p;
	return i;
}

size_t folio_renderer__add_feed_page(folio_renderer *r, const folio_collection *c, size_t number,
                                     size_t count, char **fragments, size_t n)
{
	size_t i = add_partial(r, FOLIO_UNIT_FEED, folio_layout_feed_output(c, number));
	r->outs.items[i].collection = c;
	r->outs.items[i].number = number;
	r->slices[i].fragments = folio_xcalloc(n ? n : 1, sizeof(*fragments));
	for (size_t k = 0; k < n; k++)
		r->slices[i].fragments[k] = folio_xstrdup(fragments[k]);
	r->slices[i].n = n;
	r->slices[i].count = count;
	return i;
}

char *folio_renderer__feed_fragment(const folio_renderer *r, const folio_page *p)
{
	return feed_fragment(r, p);
}

void folio_renderer_free(folio_renderer *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->cfg->ncollections; c++) {
		for (size_t i = 0; i < r->refs[c].count; i++)
			free(r->refs[c].items[i].field);
		free(r->refs[c].items);
	}
	free(r->refs);
	for (size_t i = 0; i < r->ntversions; i++) {
		free(r->tversions[i].name);
		free(r->tversions[i].version);
	}
	free(r->tversions);
	json_decref(r->site_ctx);
	free(r->link_prefix);
	if (r->slices)
		for (size_t i = 0; i < r->outs.count; i++) {
			for (size_t k = 0; k < r->slices[i].n; k++)
				free(r->slices[i].fragments[k]);
			free(r->slices[i].fragments);
		}
	free(r->slices);
	for (size_t k = 0; r->feeds && k < r->cfg->ncollections * (r->cfg->nlanguages + 1); k++)
		free((void *)r->feeds[k].pages);
	free(r->feeds);
	folio_taxonomies_free(r->taxonomies, r->cfg->ntaxonomies);
	folio_outputs_dispose(&r->outs);
	pthread_mutex_destroy(&r->diag_lock);
	folio_diags_dispose(&r->diags);
	free(r);
}

void folio_renderer_move_diags(folio_renderer *r, folio_diags *diags)
{
	if (r)
		folio_diags_move(diags, &r->diags);
}

folio_outputs *folio_renderer_outputs(folio_renderer *r)
{
	return &r->outs;
}

/* Static files are read here, on the calling thread: a source is single-threaded. */
static int read_statics(renderer *r)
{
	for (size_t i = 0; i < r->outs.count; i++) {
		folio_output *o = &r->outs.items[i];
		if (o->kind != FOLIO_UNIT_STATIC || (r->selected && !r->selected[i]) || o->data)
			continue;
		folio_buf b = FOLIO_BUF_INIT;
		folio_source *src = folio_site_source(r->site);
		const char *id = o->file->id;
		int rc = id && folio_source_commit(src) ? folio_source_read_id(&b, src, id)
		                                        : folio_source_read(&b, src, o->file->path);
		if (rc < 0) {
			folio_buf_dispose(&b);
			return rc;
		}
		o->data = folio_buf_detach(&b, &o->len);
	}
	return 0;
}

int folio_renderer_render(folio_renderer *r, const bool *selected, int jobs)
{
	return folio_renderer_render_to(r, selected, jobs, NULL, NULL);
}

int folio_renderer_render_to(folio_renderer *r, const bool *selected, int jobs,
                             folio_output_sink sink, void *payload)
{
	r->selected = selected;
	r->sink = sink;
	r->sink_payload = payload;
	atomic_init(&r->sink_rc, 0);
	atomic_init(&r->failed, false);
	atomic_init(&r->over_site, false);
	/* static files count at their blob size, known since the site loaded:
	 * past site-size, none of them is read */
	size_t statics = 0;
	for (size_t i = 0; i < r->outs.count; i++) {
		folio_output *o = &r->outs.items[i];
		if (o->kind == FOLIO_UNIT_STATIC && (!selected || selected[i]))
			statics += o->file->size;
	}
	atomic_init(&r->total, statics);
	const folio_limits *l = folio_site_limits(r->site);
	if (statics > l->v[FOLIO_LIMIT_SITE_SIZE])
		atomic_store(&r->over_site, true);
	int rc = atomic_load(&r->over_site) || r->dry_run ? 0 : read_statics(r);
	if (rc == 0 && !atomic_load(&r->over_site)) {
		render_all(r, jobs);
		rc = atomic_load(&r->sink_rc);
		if (rc < 0) /* the threads are joined: the winner's message is complete */
			folio_error_set("%s", r->sink_error);
	}
	if (rc == 0 && atomic_load(&r->over_site)) {
		/* which outputs were rendered before the stop depends on the
		 * threads: their findings would too, so the site-size one stands alone */
		folio_diags_dispose(&r->diags);
		folio_diags_init(&r->diags);
		render_finding(r, FOLIO_RULE_BUDGET_SITE_SIZE, "folio.yaml",
		               "remove pages, long lists or static files; the server's operator sets site-size",
		               "the site's outputs (static files: %zu bytes) add up to more than the "
		               "site-size limit of %zu bytes; rendering stopped there", statics,
		               l->v[FOLIO_LIMIT_SITE_SIZE]);
	}
	if (rc == 0 && atomic_load(&r->failed)) {
		folio_diags_sort(&r->diags);
		rc = FOLIO_EINVALID;
		folio_error_set("the site goes past its budgets (findings say which)");
	}
	r->selected = NULL;
	r->sink = NULL;
	return rc;
}

int folio_render_check(const folio_site *site, int jobs, folio_diags *diags)
{
	folio_renderer *r = NULL;
	int rc = folio_renderer_new(&r, site);
	if (rc < 0)
		return rc;
	r->dry_run = true;
	rc = folio_renderer_render_to(r, NULL, jobs, NULL, NULL);
	folio_renderer_move_diags(r, diags);
	folio_renderer_free(r);
	return rc == FOLIO_EINVALID ? 0 : rc;
}

int folio_render_site(folio_outputs *outs, const folio_site *site, const folio_render_options *opts)
{
	folio_renderer *r = NULL;
	int rc = folio_renderer_new(&r, site);
	if (rc < 0)
		return rc;
	rc = folio_renderer_render(r, NULL, opts ? opts->jobs : 0);
	if (rc == 0) {
		/* hand the outputs over, then let the caller's list own them */
		FOLIO_ARRAY_GROW(outs->items, outs->count, outs->alloc, outs->count + r->outs.count);
		memcpy(outs->items + outs->count, r->outs.items, r->outs.count * sizeof(*outs->items));
		outs->count += r->outs.count;
		r->outs.count = 0;
		qsort(outs->items, outs->count, sizeof(*outs->items), cmp_output);
	}
	folio_renderer_free(r);
	return rc;
}
