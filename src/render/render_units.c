/*
 * The units: how each kind of output is rendered (a page, a list page,
 * the home page, feeds in JSON, Atom and RSS, taxonomies and terms,
 * aliases), each from read-only data; the site's indexes (index.json, the
 * sitemap) are in render_index.c.
 */
#include "folio/render.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/dates.h"
#include "folio/isbn.h"
#include "folio/markdown.h"
#include "model/layout.h"
#include "render/render_internal.h"
#include "render/syndication.h"
#include "render/taxonomy.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/parallel.h"
#include "util/search.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* ---- units ---- */

/* The list of c that a page in lang leads to: that language's, or the
 * site language's when lang has none (Hugo writes no /es/blog/ where no
 * post is in Spanish). */
static char *list_in_lang(const renderer *r, const folio_collection *c, const char *lang)
{
	if (!folio_site_has_list_in(r->site, c, lang))
		lang = NULL;
	return folio_render__in_lang(lang, folio_layout_list_url(c, 1));
}

/* The context every template gets; lang: a translation language, which
 * site.language then names (html lang). */
static json_t *base_context_in(const renderer *r, const char *url, const char *title,
                               const char *lang)
{
	json_t *ctx = json_object();
	if (lang) {
		/* its navigation leads to that language's home and lists (the site
		 * language's list where that language has none: render_deps.c's
		 * "lists" record) */
		json_t *site = json_copy(r->site_ctx), *cols = json_array(); /* shallow: site_ctx is shared */
		folio_render__set_str(site, "language", lang);
		folio_render__set_own(site, "home_url", folio_render__in_lang(lang, folio_xstrdup("/")));
		json_object_set_new(site, "rtl", json_boolean(folio_render__rtl(lang)));
		for (size_t c = 0; c < r->cfg->ncollections; c++) {
			if (r->cfg->collections[c].unlisted)
				continue;
			json_t *col = folio_render__collection_json(r, &r->cfg->collections[c]);
			folio_render__set_own(col, "url", list_in_lang(r, &r->cfg->collections[c], lang));
			json_array_append_new(cols, col);
		}
		json_object_set_new(site, "collections", cols);
		json_object_set_new(ctx, "site", site);
	} else {
		json_object_set(ctx, "site", r->site_ctx);
	}
	/* jekyll-seo-tag writes the <title> through smartify, as jekyll-feed
	 * its titles: so does a site whose text gets kramdown's conversion
	 * (the page's heading, {{ page.title }} in Jekyll's layouts, does not) */
	const char *const *quotes = (const char *const *)r->cfg->smart_quotes;
	const char *const *symbols = (const char *const *)r->cfg->typographic_symbols;
	char *page_title = quotes && title ? folio_markdown_smartify(title, quotes, symbols) : NULL;
	if (title)
		folio_render__set_own(ctx, "page_title",
		                      folio_xasprintf("%s — %s", page_title ? page_title : title, r->site_title));
	else
		folio_render__set_str(ctx, "page_title", r->site_title);
	free(page_title);
	folio_render__set_str(ctx, "url", url);
	folio_render__set_own(ctx, "canonical", folio_render__absolute_url(r->cfg, url));
	return ctx;
}

/* A finding of the render; any thread. */
void folio_render__render_finding(renderer *r, folio_rule rule, const char *path, const char *hint,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

void folio_render__render_finding(renderer *r, folio_rule rule, const char *path, const char *hint,
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
char *folio_render__output_subject(const folio_output *o, const char *template_name)
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
	size_t steps = 0;
	int rc = folio_templates_render_counted(&b, folio_site_templates(r->site), name, ctx, &rule, &steps);
	/* each render stops at 20 million steps, and a commit chooses how many
	 * outputs it has: their sum is bounded too; once past it, nothing more
	 * is rendered (render.c says so once the threads are joined) */
	renderer *w = (renderer *)r;
	if (atomic_fetch_add(&w->steps, steps) + steps > folio_site_limits(r->site)->v[FOLIO_LIMIT_RENDER_WORK]) {
		atomic_store(&w->over_work, true);
		atomic_store(&w->failed, true);
	}
	if (rc == FOLIO_ERROR) {
		/* a stopped render is a finding: the truncated bytes go nowhere */
		char *subject = folio_render__output_subject(o, name);
		folio_render__render_finding((renderer *)r, rule, subject,
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

static void render_redirect_to(folio_output *o, const renderer *r, char *abs);

/* A Jekyll page's own lang: on a site without translations (minima's
 * <html lang="{{ page.lang | default: site.lang }}">: a French artist's
 * English pages), when it is a language tag other than the site's; NULL
 * otherwise. Not on folio's own sites, where lang: may be any field's
 * name (a book's language). */
static const char *own_lang(const renderer *r, const folio_page *p)
{
	if (!r->cfg->jekyll_rules || p->lang || r->cfg->nlanguages)
		return NULL;
	const char *lang = json_string_value(json_object_get(folio_page_meta(p), "lang"));
	return lang && folio_config_is_language_tag(lang) && strcasecmp(lang, r->cfg->language) ? lang : NULL;
}

void folio_render__render_page(folio_output *o, const renderer *r)
{
	const folio_page *p = o->page;
	char *to = folio_page_redirect_to(r->cfg, p);
	if (to) { /* a redirect page in the page's place, as jekyll-redirect-from writes it */
		render_redirect_to(o, r, to);
		return;
	}
	json_t *ctx = base_context_in(r, p->url, p->title, p->lang);
	const char *lang = own_lang(r, p);
	if (lang) { /* its <html lang> and direction; its links stay the site's */
		json_t *site = json_copy(json_object_get(ctx, "site")); /* shallow: site_ctx is shared */
		folio_render__set_str(site, "language", lang);
		json_object_set_new(site, "rtl", json_boolean(folio_render__rtl(lang)));
		json_object_set_new(ctx, "site", site);
	}
	json_object_set_new(ctx, "page", folio_render__page_json(r, p, true));
	json_object_set_new(ctx, "collection", folio_render__collection_json(r, p->collection));
	render_template(o, r, p->collection->template_name, ctx);
}

static char *list_url(const folio_collection *c, size_t number)
{
	return folio_layout_list_url(c, number);
}

/*
 * shift: page k holds items (k-1)*size to k*size-1, so that an item added
 * moves every later one to the next page. stable: the pages are cut from
 * the end, page k > 1 holding the size items that end (count-k)*size items
 * before the last, the first page the rest (size to 2*size-1 items): an
 * item added before page k leaves it as it was, until the count of pages
 * grows, once every size items.
 */
size_t folio_render__page_count(size_t size, bool shift, size_t n)
{
	if (shift)
		return n ? (n + size - 1) / size : 1;
	return n > size ? n / size : 1;
}

size_t folio_render__page_items(size_t size, bool shift, size_t n, size_t number, size_t *first)
{
	size_t count = folio_render__page_count(size, shift, n);
	*first = 0;
	if (number < 1 || number > count)
		return 0;
	if (shift) {
		*first = (number - 1) * size;
		return *first >= n ? 0 : n - *first < size ? n - *first : size;
	}
	if (number == 1)
		return n - (count - 1) * size;
	*first = n - (count - number + 1) * size;
	return size;
}

size_t folio_render__list_page_count(const folio_collection *c, size_t items)
{
	return folio_render__page_count(c->page_size, c->pages_shift, items);
}

size_t folio_render__list_page_items(const folio_collection *c, size_t n, size_t number, size_t *first)
{
	return folio_render__page_items(c->page_size, c->pages_shift, n, number, first);
}

static char *collection_page_url(const folio_output *o, size_t number)
{
	return folio_render__in_lang(o->lang, folio_layout_list_url(o->collection, number));
}

static char *term_page_url(const folio_output *o, size_t number)
{
	return folio_layout_term_url(o->taxonomy->term_folder, o->term->addr, number, o->taxonomy->ugly);
}

/* A collection's feeds, site-relative, for <link rel="alternate"> on its lists. */
static json_t *feeds_json(const folio_config *cfg, const folio_collection *c, const char *lang)
{
	json_t *f = json_object();
	folio_render__set_own(f, "json", folio_render__in_lang(lang, folio_layout_feed_url(c, 1)));
	folio_render__set_own(f, "atom", folio_render__in_lang(lang, folio_layout_atom_url(c)));
	if (c->no_rss) /* false, not absent: a name the template looks up finds it here */
		json_object_set_new(f, "rss", json_false());
	else
		folio_render__set_own(f, "rss", folio_render__in_lang(lang, folio_layout_rss_url(cfg, c)));
	return f;
}

/* The same list page of c (number), or with c NULL the home page, in each
 * language that has it (a list, with pages), as a page's translations are given:
 * [{language, url (absolute), current}], the site's language first;
 * empty on a site of one language. Hugo's lists and home pages link their
 * versions so (hreflang). */
static json_t *unit_translations(const renderer *r, const folio_collection *c, size_t number, const char *lang)
{
	json_t *list = json_array();
	for (size_t l = 0; r->cfg->nlanguages && l <= r->cfg->nlanguages; l++) {
		const char *in = l ? r->cfg->languages[l - 1] : NULL;
		size_t n = 0;
		if (c)
			folio_site_collection_pages_in(r->site, c, in, &n);
		/* another language's list of none of its pages is none of this
		 * one's versions (Hugo writes no such list) */
		if (c && (number > folio_render__list_page_count(c, n) || (!n && in != lang)))
			continue;
		char *url = folio_render__in_lang(in, c ? list_url(c, number) : folio_xstrdup("/"));
		json_t *e = json_object();
		folio_render__set_str(e, "language", in ? in : r->cfg->language);
		folio_render__set_own(e, "url", folio_render__absolute_url(r->cfg, url));
		json_object_set_new(e, "current", json_boolean(in == lang));
		json_array_append_new(list, e);
		free(url);
	}
	if (json_array_size(list) < 2) /* itself alone: no version to link */
		json_array_clear(list);
	return list;
}

void folio_render__render_list(folio_output *o, const renderer *r, size_t number)
{
	const folio_collection *c = o->collection;
	size_t n;
	const folio_page *const *pages = folio_site_collection_pages_in(r->site, c, o->lang, &n);
	size_t count = folio_render__list_page_count(c, n);
	char *url = folio_render__in_lang(o->lang, list_url(c, number));
	const folio_page *section = folio_site_section(r->site, c, o->lang);
	/* a translated list is named by its text's title (_index.fr.md's) */
	const char *label = o->lang && section && section->ok && section->title && *section->title ? section->title
	                    : c->label                                                            ? c->label
	                                                                                          : c->name;
	char *title = number > 1 ? folio_xasprintf("%s (%zu/%zu)", label, number, count) : folio_xstrdup(label);
	json_t *ctx = base_context_in(r, url, title, o->lang);
	json_t *items = json_array();
	size_t first, shown = folio_render__list_page_items(c, n, number, &first);
	for (size_t i = first; i < first + shown; i++)
		if (pages[i]->ok)
			json_array_append_new(items, folio_render__page_json(r, pages[i], false));
	json_t *col = folio_render__collection_json(r, c);
	if (o->lang) {
		folio_render__set_str(col, "label", label);
		folio_render__set_own(col, "url", folio_render__in_lang(o->lang, folio_layout_list_url(c, 1)));
	}
	json_object_set_new(ctx, "collection", col);
	json_object_set_new(ctx, "items", items);
	json_object_set_new(ctx, "pagination", folio_render__pagination(r, o, collection_page_url, number, count));
	json_object_set_new(ctx, "feeds", feeds_json(r->cfg, c, o->lang));
	json_object_set_new(ctx, "translations", unit_translations(r, c, number, o->lang));
	if (section && section->ok)
		json_object_set_new(ctx, "section", folio_render__page_json(r, section, true));
	render_template(o, r, c->list_template, ctx);
	free(title);
	free(url);
}

/* The page a collection's feed leads to: its list, or the home page when
 * it has none (list: false). Caller frees. */
static char *feed_home(const char *lang, const folio_collection *c)
{
	return folio_render__in_lang(lang, c->unlisted ? folio_xstrdup("/") : folio_layout_list_url(c, 1));
}

/* The home page, or a translation language's (o->lang: /es/, its lists'
 * items in that language). */
void folio_render__render_home(folio_output *o, const renderer *r)
{
	char *url = folio_render__in_lang(o->lang, folio_xstrdup("/"));
	json_t *ctx = base_context_in(r, url, NULL, o->lang);
	free(url);
	json_t *sections = json_array();
	for (size_t c = 0; c < r->cfg->ncollections; c++) {
		const folio_collection *col = &r->cfg->collections[c];
		if (col->unlisted) /* no list to lead to: Hugo's top pages */
			continue;
		size_t n;
		const folio_page *const *pages = folio_site_collection_pages_in(r->site, col, o->lang, &n);
		json_t *s = folio_render__collection_json(r, col);
		if (o->lang)
			folio_render__set_own(s, "url", list_in_lang(r, col, o->lang));
		json_t *items = json_array();
		for (size_t i = 0; i < n && json_array_size(items) < HOME_ITEMS; i++)
			if (pages[i]->ok)
				json_array_append_new(items, folio_render__page_json(r, pages[i], false));
		json_object_set_new(s, "items", items);
		json_array_append_new(sections, s);
	}
	json_object_set_new(ctx, "sections", sections);
	json_object_set_new(ctx, "translations", unit_translations(r, NULL, 0, o->lang));
	const folio_page *text = folio_site_home(r->site, o->lang);
	if (text && text->ok) {
		json_t *page = folio_render__page_json(r, text, true);
		if (!text->title || !*text->title) /* Jekyll's index.md often says layout: home only */
			folio_render__set_str(page, "title", r->cfg->title);
		json_object_set_new(ctx, "page", page);
	}
	render_template(o, r, "home", ctx);
}

/* The page for URLs the site lacks: served at any depth, so its links stay
 * site-absolute, as every template's are. */
void folio_render__render_not_found(folio_output *o, const renderer *r)
{
	/* a translation language's (/fr/404.html) in that language */
	char *url = folio_render__in_lang(o->lang, folio_xstrdup("/" FOLIO_LAYOUT_NOT_FOUND));
	json_t *ctx = base_context_in(r, url, NULL, o->lang);
	free(url);
	render_template(o, r, "404", ctx);
}

void folio_render__dump_to_output(folio_output *o, json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(1));
	o->data = folio_xasprintf("%s\n", s);
	o->len = strlen(o->data);
	free(s);
	json_decref(j);
}

/* The items of a collection in feed order (newest first when dated); caller frees. */
const folio_page **folio_render__sort_feed(const renderer *r, const folio_collection *c, const char *lang,
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
		folio_sort(sorted, k, sizeof(*sorted), folio_site_cmp_newest); /* the collection's own order, often */
	return sorted;
}

/* The feed order of collection c, kept by a full renderer (it owns it). */
const folio_page *const *folio_render__feed_order_in(const renderer *r, const folio_collection *c,
                                              const char *lang, size_t *n)
{
	FOLIO_ASSERT(r->feeds);
	size_t slot = folio_layout_lang_slot(r->cfg, lang);
	const struct feed_sorted *f = &r->feeds[slot * r->cfg->ncollections + (size_t)(c - r->cfg->collections)];
	*n = f->n;
	return f->pages;
}

static char *feed_url(const renderer *r, const folio_output *o, size_t number)
{
	char *url = folio_render__in_lang(o->lang, folio_layout_feed_url(o->collection, number));
	char *abs = folio_render__absolute_url(r->cfg, url);
	free(url);
	return abs;
}

static json_t *feed_item(const renderer *r, const folio_page *p)
{
	json_t *it = json_object();
	folio_render__set_own(it, "id", folio_render__absolute_url(r->cfg, p->url));
	folio_render__set_own(it, "url", folio_render__absolute_url(r->cfg, p->url));
	folio_render__set_str(it, "title", p->title);
	folio_render__set_str(it, "content_html", ""); /* written by feed_fragment */
	if (p->md.summary && *p->md.summary)
		folio_render__set_str(it, "summary", p->md.summary);
	folio_render__set_own(it, "date_published", folio_render__rfc3339(r, p->date));
	json_t *ext = json_object();
	folio_render__set_str(ext, "collection", p->collection->name);
	folio_render__set_str(ext, "slug", p->slug);
	json_object_set(ext, "meta", folio_page_meta(p));
	json_object_set_new(it, "_folio", ext);
	return it;
}

/* s[0..n) into b, each newline followed by two spaces: a fragment's lines
 * sit two levels deeper than its own JSON_INDENT(1) text. */
static void put_indented(folio_buf *b, const char *s, size_t n)
{
	const char *end = s + n;
	for (const char *nl; s < end; s = nl + 1) {
		if (!(nl = memchr(s, '\n', (size_t)(end - s)))) {
			folio_buf_put(b, s, (size_t)(end - s));
			return;
		}
		folio_buf_put(b, s, (size_t)(nl - s + 1));
		folio_buf_puts(b, "  ");
	}
}

/* An item as it stands in a feed page's "items" array: its JSON_INDENT(1)
 * text, two levels deep. Written in one pass into one buffer: the HTML's
 * JSON string holds no raw newline, so only the text around it is
 * indented (three copies of each page's HTML were 4% of a full build).
 * Caller frees. */
char *folio_render__feed_fragment(const renderer *r, const folio_page *p, bool *contained)
{
	json_t *it = feed_item(r, p);
	char *dumped = json_dumps(it, JSON_INDENT(1));
	json_decref(it);
	/* the HTML in place of its "" (a key line: strings hold no raw newline) */
	static const char key[] = "\n \"content_html\": \"\"";
	char *at = strstr(dumped, key);
	FOLIO_ASSERT(at);
	size_t hlen, head = (size_t)(at - dumped) + sizeof(key) - 3, dlen = strlen(dumped);
	char *owned;
	const char *html = folio_render__page_html(r, p, &hlen, &owned, contained);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_grow(&b, dlen + dlen / 4 + hlen + hlen / 8);
	put_indented(&b, dumped, head);
	folio_render__put_json_string(&b, html, hlen);
	put_indented(&b, dumped + head + 2, dlen - head - 2);
	free(owned);
	free(dumped);
	return folio_buf_detach(&b, NULL);
}

static int cmp_kept(const void *a, const void *b)
{
	const folio_page *x = ((const struct kept_fragment *)a)->page, *y = ((const struct kept_fragment *)b)->page;
	return (x > y) - (x < y);
}

/* An item of a full renderer's feed page: its kept fragment if given (not
 * its blob read and rendered again), else made, and collected if asked. */
const char *folio_render__kept_fragment(const renderer *r, const folio_page *p)
{
	struct kept_fragment key = { p, NULL };
	const struct kept_fragment *k = r->nkept ? bsearch(&key, r->kept, r->nkept, sizeof(*r->kept), cmp_kept) : NULL;
	return k ? k->fragment : NULL;
}

static char *item_fragment(const renderer *r, const folio_page *p)
{
	const char *kept = folio_render__kept_fragment(r, p);
	if (kept) {
		atomic_fetch_add(&((renderer *)r)->nreused, 1);
		return folio_xstrdup(kept);
	}
	bool contained = false;
	char *frag = folio_render__feed_fragment(r, p, &contained);
	if (r->collect) {
		renderer *w = (renderer *)r; /* the collection only: under made_lock */
		struct made_fragment m = { p, NULL, 0, strlen(frag), contained };
		if (!w->made_spill || !folio_spill_put(w->made_spill, frag, m.len, &m.at))
			m.fragment = folio_xstrdup(frag);
		pthread_mutex_lock(&w->made_lock);
		FOLIO_ARRAY_GROW(w->made, w->nmade, w->amade, w->nmade + 1);
		w->made[w->nmade++] = m;
		w->nmade_spilled += !m.fragment;
		pthread_mutex_unlock(&w->made_lock);
	}
	return frag;
}

void folio_render__sort_kept(renderer *r)
{
	if (r->nkept)
		qsort(r->kept, r->nkept, sizeof(*r->kept), cmp_kept);
}

/* Feed page o's text without its items: it ends with "[]\n}". Caller frees. */
char *folio_render__feed_head(const renderer *r, const folio_output *o, size_t count)
{
	const folio_collection *c = o->collection;
	json_t *feed = json_object();
	folio_render__set_str(feed, "version", "https://jsonfeed.org/version/1.1");
	folio_render__set_own(feed, "title",
	                      folio_xasprintf("%s — %s", c->label ? c->label : c->name, r->cfg->title));
	char *home = feed_home(o->lang, c);
	folio_render__set_own(feed, "home_page_url", folio_render__absolute_url(r->cfg, home));
	free(home);
	folio_render__set_own(feed, "feed_url", feed_url(r, o, o->number));
	if (o->number < count)
		folio_render__set_own(feed, "next_url", feed_url(r, o, o->number + 1));
	folio_render__set_str(feed, "language", o->lang ? o->lang : r->cfg->language);
	json_object_set_new(feed, "items", json_array());
	char *head = json_dumps(feed, JSON_INDENT(1));
	json_decref(feed);
	return head;
}

/*
 * One page of a collection's JSON Feed: page_size items, newest first, with
 * next_url to the following page (JSON Feed 1.1 pagination), so that a
 * change to one item rewrites one feed page, not the whole collection. The
 * text is jansson's JSON_INDENT(1) form, assembled from one fragment per
 * item so that a publish of a few pages can reuse the others' fragments.
 */
void folio_render__render_feed(folio_output *o, const renderer *r, size_t index)
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
		const folio_page *const *sorted = folio_render__feed_order_in(r, c, o->lang, &all);
		size_t first;
		n = folio_render__list_page_items(c, all, o->number, &first);
		count = folio_render__list_page_count(c, all);
		fragments = folio_xcalloc(n ? n : 1, sizeof(*fragments));
		for (size_t i = 0; i < n; i++)
			fragments[i] = item_fragment(r, sorted[first + i]);
	}
	char *head = folio_render__feed_head(r, o, count);
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

/* The first items of a collection's, a term's or the site's feeds, in feed order;
 * *title, *home and *self (site-relative) the caller's to free. */
const folio_page *const *folio_render__feed_items(const renderer *r, const folio_output *o, size_t *n,
                                           char **title, char **home)
{
	const folio_page *const *items;
	size_t all, size;
	if (o->term) {
		items = o->term->pages;
		all = o->term->npages;
		size = r->cfg->page_size;
		*title = folio_xasprintf("%s — %s", o->term->name, r->cfg->title);
		*home = folio_layout_term_url(o->taxonomy->term_folder, o->term->addr, 1, o->taxonomy->ugly);
	} else if (folio_render__is_site_feed(o)) {
		items = folio_render__site_feed_items(r, o->number, o->lang, &all);
		size = all;
		*title = folio_xstrdup(r->cfg->title);
		*home = folio_render__in_lang(o->lang, folio_xstrdup("/"));
	} else {
		const folio_collection *c = o->collection;
		items = folio_render__feed_order_in(r, c, o->lang, &all);
		size = c->page_size;
		*title = folio_xasprintf("%s — %s", c->label ? c->label : c->name, r->cfg->title);
		*home = feed_home(o->lang, c);
	}
	*n = all < size ? all : size;
	return items;
}

/* A collection's or a term's Atom or RSS document: its first page_size
 * items in feed order, each as lists show it (syndication.h). */
void folio_render__render_syndication(folio_output *o, const renderer *r)
{
	size_t n;
	char *title, *home, *self;
	const folio_page *const *items = folio_render__feed_items(r, o, &n, &title, &home);
	if (o->term)
		self = o->kind == FOLIO_UNIT_ATOM
		       ? folio_layout_term_atom_url(o->taxonomy->term_folder, o->term->addr)
		       : folio_layout_term_rss_url(r->cfg, o->taxonomy->term_folder, o->term->addr);
	else if (folio_render__is_site_feed(o))
		self = folio_render__in_lang(o->lang, folio_xstrdup(r->cfg->feeds[o->number].url));
	else
		self = folio_render__in_lang(o->lang, o->kind == FOLIO_UNIT_ATOM ? folio_layout_atom_url(o->collection)
		                                                   : folio_layout_rss_url(r->cfg, o->collection));
	/* jekyll-feed writes every title through smartify, kramdown's
	 * typographic conversion: so does a site whose text gets it */
	const char *const *quotes = (const char *const *)r->cfg->smart_quotes;
	const char *const *symbols = (const char *const *)r->cfg->typographic_symbols;
	char **titles = folio_xcalloc(n + 1, sizeof(*titles));
	if (quotes && title) {
		char *smart = folio_markdown_smartify(title, quotes, symbols);
		free(title);
		title = smart;
	}
	folio_syndication f = { title, r->cfg->title, r->cfg->base_url, home, self,
	                        o->lang ? o->lang : r->cfg->language, r->cfg->timezone };
	folio_syndication_item *entries = folio_xcalloc(n ? n : 1, sizeof(*entries));
	for (size_t i = 0; i < n; i++) {
		titles[i] = quotes && items[i]->title ? folio_markdown_smartify(items[i]->title, quotes, symbols) : NULL;
		entries[i] = (folio_syndication_item){ titles[i] ? titles[i] : items[i]->title, items[i]->url,
		                                       items[i]->date, items[i]->md.summary };
	}
	folio_buf b = FOLIO_BUF_INIT;
	if (o->kind == FOLIO_UNIT_ATOM)
		folio_syndication_atom(&b, &f, entries, n);
	else
		folio_syndication_rss(&b, &f, entries, n);
	o->data = folio_buf_detach(&b, &o->len);
	for (size_t i = 0; i < n; i++)
		free(titles[i]);
	free(titles);
	free(entries);
	free(self);
	free(home);
	free(title);
}

/* A term as its taxonomy's feed shows it: its name, its first list page,
 * and the date of its newest page (its pages are newest first), when
 * dated; at is its place among the terms, by slug. */
typedef struct {
	folio_syndication_item item;
	long long epoch;
	bool dated;
	size_t at;
} term_entry;

/* Newest first, then the undated; by slug among equals. */
static int cmp_term_entry(const void *a, const void *b)
{
	const term_entry *x = a, *y = b;
	if (x->dated != y->dated)
		return x->dated ? -1 : 1;
	if (x->dated && x->epoch != y->epoch)
		return x->epoch > y->epoch ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The terms a taxonomy's RSS shows, in its order: the first page_size of
 * those that have pages. Caller frees the array and the n items' urls. */
static term_entry *terms_feed_entries(const renderer *r, const folio_taxonomy *t, size_t *n)
{
	term_entry *e = folio_xcalloc(t->nterms ? t->nterms : 1, sizeof(*e));
	size_t k = 0;
	for (size_t i = 0; i < t->nterms; i++) {
		const folio_term *term = &t->terms[i];
		if (!term->npages)
			continue;
		const char *date = term->pages[0]->date;
		e[k].item = (folio_syndication_item){ term->name, folio_layout_term_url(t->term_folder, term->addr, 1, t->ugly),
		                                      date, NULL };
		e[k].dated = folio_syndication_epoch(date, r->cfg->timezone, &e[k].epoch);
		e[k++].at = i;
	}
	qsort(e, k, sizeof(*e), cmp_term_entry);
	size_t size = r->cfg->page_size;
	for (size_t i = size; i < k; i++)
		free((char *)e[i].item.url);
	*n = k < size ? k : size;
	return e;
}

/* A taxonomy's RSS (/tags/index.xml, as Hugo writes it beside its list of
 * terms): its terms, newest first. */
void folio_render__render_terms_rss(folio_output *o, const renderer *r)
{
	const folio_taxonomy *t = o->taxonomy;
	size_t n;
	term_entry *e = terms_feed_entries(r, t, &n);
	folio_syndication_item *items = folio_xcalloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i] = e[i].item;
	/* its text's title names it, as on its list (content/tags/_index.md) */
	const char *name = t->text && t->text->title && *t->text->title ? t->text->title : t->name;
	char *title = folio_xasprintf("%s — %s", name, r->cfg->title);
	char *home = folio_layout_terms_url(t->folder, t->ugly), *self = folio_layout_terms_rss_url(r->cfg, t->folder);
	folio_syndication f = { title, r->cfg->title, r->cfg->base_url, home, self,
	                        t->lang ? t->lang : r->cfg->language, r->cfg->timezone };
	folio_buf b = FOLIO_BUF_INIT;
	folio_syndication_rss(&b, &f, items, n);
	o->data = folio_buf_detach(&b, &o->len);
	for (size_t i = 0; i < n; i++)
		free((char *)e[i].item.url);
	free(e);
	free(items);
	free(self);
	free(home);
	free(title);
}

/*
 * A term's JSON Feed: its first page_size items, each with its summary as
 * its text (content_text), not its body: a term's feeds depend on what
 * lists show of a page, so a body edit rewrites none of them.
 */
void folio_render__render_term_feed(folio_output *o, const renderer *r)
{
	size_t n;
	char *title, *home;
	const folio_page *const *items = folio_render__feed_items(r, o, &n, &title, &home);
	json_t *feed = json_object();
	folio_render__set_str(feed, "version", "https://jsonfeed.org/version/1.1");
	folio_render__set_str(feed, "title", title);
	folio_render__set_own(feed, "home_page_url", folio_render__absolute_url(r->cfg, home));
	char *self = folio_layout_term_feed_url(o->taxonomy->term_folder, o->term->addr);
	folio_render__set_own(feed, "feed_url", folio_render__absolute_url(r->cfg, self));
	folio_render__set_str(feed, "language", o->lang ? o->lang : r->cfg->language);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		const folio_page *p = items[i];
		json_t *it = json_object();
		folio_render__set_own(it, "id", folio_render__absolute_url(r->cfg, p->url));
		folio_render__set_own(it, "url", folio_render__absolute_url(r->cfg, p->url));
		folio_render__set_str(it, "title", p->title);
		folio_render__set_str(it, "content_text", p->md.summary ? p->md.summary : "");
		folio_render__set_own(it, "date_published", folio_render__rfc3339(r, p->date));
		json_t *ext = json_object();
		folio_render__set_str(ext, "collection", p->collection->name);
		folio_render__set_str(ext, "slug", p->slug);
		json_object_set_new(it, "_folio", ext);
		json_array_append_new(list, it);
	}
	json_object_set_new(feed, "items", list);
	folio_render__dump_to_output(o, feed);
	free(self);
	free(home);
	free(title);
}

static json_t *term_json(const folio_taxonomy *t, const folio_term *term)
{
	json_t *e = json_object();
	folio_render__set_str(e, "name", term->name);
	folio_render__set_str(e, "slug", term->slug);
	folio_render__set_own(e, "url", folio_layout_term_url(t->term_folder, term->addr, 1, t->ugly));
	json_object_set_new(e, "count", json_integer((json_int_t)term->npages));
	return e;
}

static json_t *taxonomy_json(const folio_taxonomy *t)
{
	json_t *e = json_object();
	folio_render__set_str(e, "name", t->name);
	if (!t->unindexed) /* no page to link to */
		folio_render__set_own(e, "url", folio_layout_terms_url(t->folder, t->ugly));
	return e;
}

/* One list page of a term: its pages, page_size a page (the site's). */
void folio_render__render_term(folio_output *o, const renderer *r)
{
	const folio_term *term = o->term;
	size_t size = r->cfg->page_size, n = term->npages, first;
	size_t count = folio_render__page_count(size, r->cfg->pages_shift, n);
	size_t shown = folio_render__page_items(size, r->cfg->pages_shift, n, o->number, &first);
	char *url = folio_layout_term_url(o->taxonomy->term_folder, term->addr, o->number, o->taxonomy->ugly);
	/* its text's title names it, as Hugo's term page (else the term as written) */
	const char *name = term->text && term->text->title && *term->text->title ? term->text->title : term->name;
	char *title = o->number > 1 ? folio_xasprintf("%s (%zu/%zu)", name, o->number, count) : folio_xstrdup(name);
	json_t *ctx = base_context_in(r, url, title, o->taxonomy->lang);
	json_t *items = json_array();
	for (size_t i = first; i < first + shown; i++)
		json_array_append_new(items, folio_render__page_json(r, term->pages[i], false));
	json_object_set_new(ctx, "taxonomy", taxonomy_json(o->taxonomy));
	json_t *tj = term_json(o->taxonomy, term);
	folio_render__set_str(tj, "title", name);
	json_object_set_new(ctx, "term", tj);
	if (term->text) /* content/<taxonomy>/<slug>/_index.md */
		json_object_set_new(ctx, "page", folio_render__page_json(r, term->text, true));
	json_object_set_new(ctx, "items", items);
	json_object_set_new(ctx, "pagination", folio_render__pagination(r, o, term_page_url, o->number, count));
	json_t *feeds = json_object();
	folio_render__set_own(feeds, "json", folio_layout_term_feed_url(o->taxonomy->term_folder, term->addr));
	folio_render__set_own(feeds, "atom", folio_layout_term_atom_url(o->taxonomy->term_folder, term->addr));
	folio_render__set_own(feeds, "rss", folio_layout_term_rss_url(r->cfg, o->taxonomy->term_folder, term->addr));
	json_object_set_new(ctx, "feeds", feeds);
	render_template(o, r, "term", ctx);
	free(title);
	free(url);
}

/* A taxonomy's index: every term, by slug, with its page count. */
void folio_render__render_terms(folio_output *o, const renderer *r)
{
	const folio_taxonomy *t = o->taxonomy;
	char *url = folio_layout_terms_url(t->folder, t->ugly);
	json_t *ctx = base_context_in(r, url, t->name, t->lang);
	json_t *terms = json_array();
	for (size_t k = 0; k < t->nterms; k++)
		json_array_append_new(terms, term_json(t, &t->terms[k]));
	json_object_set_new(ctx, "taxonomy", taxonomy_json(t));
	json_object_set_new(ctx, "terms", terms);
	if (t->text) /* content/tags/_index.md */
		json_object_set_new(ctx, "page", folio_render__page_json(r, t->text, true));
	json_t *feeds = json_object();
	folio_render__set_own(feeds, "rss", folio_layout_terms_rss_url(r->cfg, t->folder));
	json_object_set_new(ctx, "feeds", feeds);
	render_template(o, r, "terms", ctx);
	free(url);
}

/* The page at an old URL: a redirect that browsers and search engines
 * follow (meta refresh, canonical link), and a link for everyone else. */
static void render_redirect_to(folio_output *o, const renderer *r, char *abs)
{
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

void folio_render__render_alias(folio_output *o, const renderer *r)
{
	render_redirect_to(o, r, folio_render__absolute_url(r->cfg, o->page->url));
}

/* One of folio.yaml's redirects: to a site path, or to another site. */
void folio_render__render_redirect(folio_output *o, const renderer *r)
{
	const folio_redirect *rd = &r->cfg->redirects[o->number];
	char *splat = NULL;
	if (rd->splat) {
		/* "authors/x/index.html" of the splat of /authors/ is /author/x/ */
		size_t n = strlen(o->path), index = n >= 10 && !strcmp(o->path + n - 10, "index.html") ? 10 : 0;
		char *url = folio_xasprintf("/%.*s", (int)(n - index), o->path);
		splat = folio_config_splat_target(rd, url);
		free(url);
	}
	const char *to = splat ? splat : rd->to;
	render_redirect_to(o, r, to[0] == '/' ? folio_render__absolute_url(r->cfg, to) : folio_xstrdup(to));
	free(splat);
}
