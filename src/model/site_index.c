/*
 * Phase 4 of the load, the lookup tables (pages by collection and slug, by
 * URL, by language, each collection's order), and the finds that read
 * them; a partial site finds the pages it does not hold as stubs, made on
 * first use from its lookup.
 */
#include "folio/site.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/layout.h"
#include "model/site_internal.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/text.h"
#include "util/banned.h"

static int cmp_key(const void *a, const void *b)
{
	const folio_page *x = *(folio_page *const *)a, *y = *(folio_page *const *)b;
	int c = strcmp(x->collection->name, y->collection->name);
	return c ? c : strcmp(x->slug, y->slug);
}

int folio_site__cmp_url(const void *a, const void *b)
{
	return strcmp((*(folio_page *const *)a)->url, (*(folio_page *const *)b)->url);
}

/* Compare two sort values: numbers before strings, missing values last. */
static int cmp_values(const json_t *x, const json_t *y)
{
	if (!x || json_is_null(x))
		return (!y || json_is_null(y)) ? 0 : 1;
	if (!y || json_is_null(y))
		return -1;
	if (json_is_number(x) && json_is_number(y)) {
		double a = json_number_value(x), b = json_number_value(y);
		return a < b ? -1 : a > b;
	}
	if (json_is_string(x) && json_is_string(y))
		return strcmp(json_string_value(x), json_string_value(y));
	return json_is_number(x) ? -1 : 1;
}

/* A page and its sort value: a JSON value, or the string title when the
 * value is known to be that without reading the front matter. */
typedef struct {
	folio_page *page;
	const json_t *value;
	const char *title;
} sort_item;

/* A stub's recorded sort value, parsed on first use: false when its text
 * is no JSON (its front matter is read instead, as when none is recorded). */
static bool own_sort(folio_page *p)
{
	if (p->own_sort || !p->own_sort_text)
		return true;
	p->own_sort = json_loads(p->own_sort_text, JSON_DECODE_ANY, NULL);
	free(p->own_sort_text);
	p->own_sort_text = NULL;
	if (!p->own_sort)
		p->own_sort_known = false;
	return p->own_sort != NULL;
}

/* A stub sorted by its title field holds its title there when its title
 * is not its slug (body_parsed: a title field that is no string gives the
 * slug); sorted by another field, its record may hold that field's value:
 * either way its front matter need not be parsed for it. A page without
 * the field whose title was made (from its name, title_from_name) sorts by
 * that title, parsed or a stub alike; so does one whose field is null
 * (IRIS-HEP's "title:" with no value), which its stub sorted so. */
static void sort_value(sort_item *it, const folio_collection *c)
{
	folio_page *p = it->page;
	bool by_title = !strcmp(c->sort_field, c->title_field) && p->title && strcmp(p->title, p->slug);
	it->title = NULL;
	it->value = NULL;
	if (p->stub && !p->meta && by_title)
		it->title = p->title;
	else if (p->stub && !p->meta && p->own_sort_known && own_sort(p))
		it->value = p->own_sort;
	else if (!(it->value = folio_page_meta_get(p, c->sort_field)) && by_title)
		it->title = p->title;
	else if (json_is_null(it->value) && by_title) {
		it->value = NULL;
		it->title = p->title;
	}
}

static int cmp_sort(const void *a, const void *b, void *payload)
{
	const sort_item *x = a, *y = b;
	const folio_collection *c = payload;
	int r;
	bool missing;
	if (x->title && y->title) {
		r = strcmp(x->title, y->title);
		missing = false;
	} else if (x->title || y->title) { /* a string against a value */
		json_t *s = json_string(x->title ? x->title : y->title);
		r = x->title ? cmp_values(s, y->value) : cmp_values(x->value, s);
		missing = !(x->title ? y->value : x->value) || json_is_null(x->title ? y->value : x->value);
		json_decref(s);
	} else {
		r = cmp_values(x->value, y->value);
		missing = !x->value || json_is_null(x->value) || !y->value || json_is_null(y->value);
	}
	if (r && c->sort_descending && !missing)
		r = -r;
	return r ? r : strcmp(x->page->slug, y->page->slug);
}

int folio_site_cmp_newest(const void *a, const void *b)
{
	const folio_page *x = *(const folio_page *const *)a, *y = *(const folio_page *const *)b;
	int c;
	if (x->date && y->date && (c = strcmp(y->date, x->date)))
		return c;
	if (!x->date != !y->date)
		return x->date ? -1 : 1;
	c = strcmp(x->slug, y->slug);
	return c ? c : strcmp(x->path, y->path);
}

/* Translations after the page they translate: (collection, translation
 * key, language), the site's language first. */
static int cmp_lang(const void *a, const void *b)
{
	const folio_page *x = *(folio_page *const *)a, *y = *(folio_page *const *)b;
	int c = strcmp(x->collection->name, y->collection->name);
	if (!c)
		c = strcmp(folio_page_translation_key(x), folio_page_translation_key(y));
	if (c || x->lang == y->lang)
		return c;
	if (!x->lang || !y->lang)
		return x->lang ? 1 : -1;
	return strcmp(x->lang, y->lang);
}

/* Each value read once, not at each comparison. */
static void sort_collection(folio_page **pages, size_t n, const folio_collection *c)
{
	if (n < 2)
		return;
	sort_item *items = folio_xmalloc(n * sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		items[i].page = pages[i];
		sort_value(&items[i], c);
	}
	folio_sort_r(items, n, sizeof(*items), cmp_sort, (void *)c);
	for (size_t i = 0; i < n; i++)
		pages[i] = items[i].page;
	free(items);
}

bool folio_site__own_page(const folio_page *p, const folio_config *cfg)
{
	return p->section && p->collection->unlisted && !p->collection->home && !cfg->hugo_links;
}

void folio_site__index_pages(folio_site *site)
{
	size_t n = site->npages, nl = site->config->nlanguages;
	site->by_key = folio_xmalloc((n ? n : 1) * sizeof(*site->by_key));
	site->by_url = folio_xmalloc((n ? n : 1) * sizeof(*site->by_url));
	site->by_lang = folio_xmalloc((n ? n : 1) * sizeof(*site->by_lang));
	site->nkeys = 0;
	for (size_t i = 0; i < n; i++)
		if (!site->pages[i]->lang) /* a translation is found by its language */
			site->by_key[site->nkeys++] = site->pages[i];
	if (n) {
		memcpy(site->by_url, site->pages, n * sizeof(*site->pages));
		memcpy(site->by_lang, site->pages, n * sizeof(*site->pages));
	}
	folio_sort(site->by_key, site->nkeys, sizeof(*site->by_key), cmp_key);
	folio_sort(site->by_url, n, sizeof(*site->by_url), folio_site__cmp_url);
	folio_sort(site->by_lang, n, sizeof(*site->by_lang), cmp_lang);
	/* the section pages that cascade: (site_cascade.c) */
	site->sections = folio_xmalloc((n ? n : 1) * sizeof(*site->sections));
	site->nsections = 0;
	for (size_t i = 0; i < n; i++)
		if (folio_page_is_index_file(site->pages[i]) && folio_page_meta_get(site->pages[i], "cascade"))
			site->sections[site->nsections++] = site->pages[i];
	folio_sort(site->sections, site->nsections, sizeof(*site->sections), folio_site__cmp_path);
	site->by_path_cascades = false;
	for (size_t i = 0; i < site->nby_path && site->by_path && !site->by_path_cascades; i++)
		site->by_path_cascades = folio_page_is_index_file(site->by_path[i]) &&
		                         folio_page_meta_get(site->by_path[i], "cascade");

	/* a page whose url: (Jekyll's permalink:) is "/" is the home page's text
	 * when no collection's _index.md is (home: true): in no list */
	folio_page *home_text = NULL;
	for (size_t i = 0; i < n && !home_text; i++)
		if ((!site->pages[i]->section || folio_site__own_page(site->pages[i], site->config)) && !site->pages[i]->lang &&
		    !strcmp(site->pages[i]->url, "/"))
			home_text = site->pages[i]; /* transformation-cluster's pages/index.md too */
	bool home_collection = false;
	for (size_t c = 0; c < site->config->ncollections; c++)
		home_collection |= site->config->collections[c].home;
	if (home_collection)
		home_text = NULL; /* its own: the page at "/" clashes with it (output/clash) */

	size_t nc = site->config->ncollections;
	site->collections = folio_xcalloc(nc, sizeof(*site->collections));
	site->home_langs = folio_xcalloc(nl + 1, sizeof(*site->home_langs));
	site->home = home_text;
	/* so is a translation's at its language's "/" (jekyll-polyglot's
	 * _pages/home.en.md, permalink: /, at /en/): that language's home page,
	 * beside the site language's index.md too (index-en.md, lang: en) */
	for (size_t i = 0; i < n; i++) {
		folio_page *p = site->pages[i];
		size_t l = 0;
		while (p->lang && l < nl && strcmp(site->config->languages[l], p->lang))
			l++;
		if (!p->section && p->lang && l < nl && !site->home_langs[l] && p->url[0] == '/' &&
		    !strncmp(p->url + 1, p->lang, strlen(p->lang)) && !strcmp(p->url + 1 + strlen(p->lang), "/"))
			site->home_langs[l] = p;
	}
	for (size_t c = 0; c < nc; c++) {
		collection_index *ci = &site->collections[c];
		ci->collection = &site->config->collections[c];
		ci->pages = folio_xmalloc((n ? n : 1) * sizeof(*ci->pages));
		ci->langs = folio_xcalloc(nl + 1, sizeof(*ci->langs));
		for (size_t l = 0; l < nl; l++)
			ci->langs[l].pages = folio_xmalloc((n ? n : 1) * sizeof(*ci->pages));
		for (size_t i = 0; i < n; i++) {
			folio_page *p = site->pages[i];
			if (p->collection != ci->collection || p == home_text)
				continue;
			size_t l = 0;
			while (p->lang && l < nl && strcmp(site->config->languages[l], p->lang))
				l++;
			if (l < nl && p == site->home_langs[l])
				continue; /* in no list, as the site's home text */
			if (p->section && !p->lang && ci->collection->home)
				site->home = p; /* not its list's text: the home page's */
			else if (p->section && ci->collection->home && l < nl)
				site->home_langs[l] = p; /* /fr/'s */
			else if (p->section && !p->lang)
				ci->section = p;
			else if (p->section && l < nl)
				ci->langs[l].section = p; /* /fr/events/'s text */
			else if (p->section) /* a language the config does not name */
				continue;
			else if (p->lang && l < nl)
				ci->langs[l].pages[ci->langs[l].count++] = p;
			else
				ci->pages[ci->count++] = p;
		}
		sort_collection(ci->pages, ci->count, ci->collection);
		for (size_t l = 0; l < nl; l++)
			sort_collection(ci->langs[l].pages, ci->langs[l].count, ci->collection);
	}
}

void folio_site__unindex_pages(folio_site *site)
{
	free(site->by_key);
	free(site->by_url);
	free(site->by_lang);
	free(site->sections);
	site->sections = NULL;
	site->nsections = 0;
	for (size_t c = 0; site->collections && c < site->config->ncollections; c++) {
		free(site->collections[c].pages);
		for (size_t l = 0; site->collections[c].langs && l < site->config->nlanguages; l++)
			free(site->collections[c].langs[l].pages);
		free(site->collections[c].langs);
	}
	free(site->collections);
	site->by_key = site->by_url = site->by_lang = NULL;
	site->collections = NULL;
	site->home = NULL;
	free(site->home_langs);
	site->home_langs = NULL;
}

int folio_site__cmp_path(const void *a, const void *b)
{
	return strcmp((*(folio_page *const *)a)->path, (*(folio_page *const *)b)->path);
}

static const folio_page *find_loaded(const folio_site *site, const char *collection, const char *slug);

const folio_page *folio_site_find(const folio_site *site, const char *collection, const char *slug)
{
	const folio_page *p = find_loaded(site, collection, slug);
	return p || !site->partial ? p : folio_site__find_stub(site, collection, slug, NULL, NULL);
}

typedef struct {
	const char *collection, *slug;
} page_key;

static int cmp_page_key(const void *elem, const void *key)
{
	const folio_page *p = *(const folio_page *const *)elem;
	const page_key *k = key;
	int c = strcmp(p->collection->name, k->collection);
	return c ? c : strcmp(p->slug, k->slug);
}

static const folio_page *find_loaded(const folio_site *site, const char *collection, const char *slug)
{
	page_key key = { collection, slug };
	folio_page *const *p = folio_search(site->by_key, site->nkeys, sizeof(*site->by_key), &key,
	                                    cmp_page_key);
	return p ? *p : NULL;
}

int folio_site__cmp_page_url(const void *elem, const void *key)
{
	return strcmp((*(const folio_page *const *)elem)->url, key);
}

int folio_site__cmp_page_path(const void *elem, const void *key)
{
	return strcmp((*(const folio_page *const *)elem)->path, key);
}

int folio_site__cmp_page_path_caseless(const void *elem, const void *key)
{
	return strcasecmp((*(const folio_page *const *)elem)->path, key);
}

const folio_page *folio_site_find_url(const folio_site *site, const char *url)
{
	folio_page *const *p = folio_search(site->by_url, site->npages, sizeof(*site->by_url), url,
	                                    folio_site__cmp_page_url);
	if (p)
		return *p;
	return site->partial ? folio_site__find_stub(site, NULL, NULL, NULL, url) : NULL;
}

const folio_page *folio_site_find_file_url(const folio_site *site, const char *path)
{
	size_t n = strlen(path);
	if (!n || path[n - 1] == '/')
		return NULL;
	const folio_page *p = folio_site_find_url(site, path);
	if (p || folio_ends_with(path, ".html"))
		return p;
	char *html = folio_xasprintf("%s.html", path);
	p = folio_site_find_url(site, html);
	free(html);
	return p;
}

const folio_page *const *folio_site_collection_pages(const folio_site *site,
                                                     const folio_collection *c, size_t *n)
{
	collection_index *ci = &site->collections[c - site->config->collections];
	*n = ci->count;
	return (const folio_page *const *)ci->pages;
}

const folio_page *const *folio_site_collection_pages_in(const folio_site *site,
                                                        const folio_collection *c,
                                                        const char *lang, size_t *n)
{
	const folio_config *cfg = site->config;
	collection_index *ci = &site->collections[c - cfg->collections];
	for (size_t l = 0; lang && l < cfg->nlanguages; l++)
		if (!strcmp(cfg->languages[l], lang)) {
			*n = ci->langs[l].count;
			return (const folio_page *const *)ci->langs[l].pages;
		}
	*n = ci->count;
	return (const folio_page *const *)ci->pages;
}

typedef struct {
	const char *collection, *key, *lang;
} lang_key;

static int cmp_lang_key(const void *elem, const void *key)
{
	const folio_page *p = *(const folio_page *const *)elem;
	const lang_key *k = key;
	int c = strcmp(p->collection->name, k->collection);
	if (!c)
		c = strcmp(folio_page_translation_key(p), k->key);
	if (c || p->lang == k->lang)
		return c;
	if (!p->lang || !k->lang)
		return p->lang ? 1 : -1;
	return strcmp(p->lang, k->lang);
}

static const folio_page *find_loaded_lang(const folio_site *site, const char *collection,
                                          const char *tkey, const char *lang)
{
	if (!site->by_lang)
		return NULL; /* not indexed yet */
	lang_key key = { collection, tkey, lang };
	folio_page *const *p = folio_search(site->by_lang, site->npages, sizeof(*site->by_lang), &key,
	                                    cmp_lang_key);
	return p ? *p : NULL;
}

const folio_page *folio_site_find_lang(const folio_site *site, const char *collection,
                                       const char *tkey, const char *lang)
{
	const folio_page *p = find_loaded_lang(site, collection, tkey, lang);
	/* a partial site: the published version, whose URL a page's
	 * translation links show, found by slug (the fast path checks that
	 * it is the one the full load found: publish_feeds.c) */
	return p || !site->partial ? p : folio_site__find_stub(site, collection, tkey, lang, NULL);
}

const folio_page *folio_site_home(const folio_site *site, const char *lang)
{
	if (!lang)
		return site->home;
	for (size_t l = 0; site->home_langs && l < site->config->nlanguages; l++)
		if (!strcmp(site->config->languages[l], lang))
			return site->home_langs[l];
	return NULL;
}

bool folio_site_page_is_text(const folio_site *site, const folio_page *p)
{
	if ((p->section && !folio_site__own_page(p, site->config)) || (!site->partial && p == site->home))
		return true;
	for (size_t l = 0; !site->partial && !p->section && p->lang && site->home_langs && l < site->config->nlanguages; l++)
		if (p == site->home_langs[l])
			return true;
	return false;
}

const folio_page *folio_site_section(const folio_site *site, const folio_collection *c, const char *lang)
{
	if (!site->collections)
		return NULL; /* a partial site lists no collection */
	const collection_index *ci = &site->collections[c - site->config->collections];
	if (!lang)
		return ci->section;
	for (size_t l = 0; l < site->config->nlanguages; l++)
		if (!strcmp(site->config->languages[l], lang))
			return ci->langs[l].section;
	return NULL;
}

bool folio_site_has_list_in(const folio_site *site, const folio_collection *c, const char *lang)
{
	if (!lang || site->config->empty_language_lists)
		return true;
	if (site->partial) { /* a body's change adds no list: the published one tells */
		char *out = folio_layout_atom_output_in(c, lang);
		bool yes = site->lookup.file && site->lookup.file(out, site->lookup.payload);
		free(out);
		return yes;
	}
	size_t n;
	folio_site_collection_pages_in(site, c, lang, &n);
	return n || folio_site_section(site, c, lang);
}

const folio_static_file *folio_site__find_file(const folio_static_file *files, size_t n,
                                               const char *path)
{
	return folio_search(files, n, sizeof(*files), path, folio_search_cmp_str);
}

bool folio_site_has_static(const folio_site *site, const char *path)
{
	if (site->partial)
		return site->lookup.file(path, site->lookup.payload);
	return folio_site__find_file(site->statics, site->nstatics, path) != NULL;
}

static int cmp_output_key(const void *elem, const void *key)
{
	return strcmp((*(folio_static_file *const *)elem)->output, key);
}

bool folio_site_has_output_file(const folio_site *site, const char *output)
{
	if (site->partial)
		return site->lookup.file(output, site->lookup.payload);
	return site->by_output &&
	       folio_search(site->by_output, site->nstatics, sizeof(*site->by_output), output,
	                    cmp_output_key);
}

const char *folio_site_static_output(const folio_site *site, const char *path)
{
	const folio_static_file *f =
		site->partial ? NULL : folio_site__find_file(site->statics, site->nstatics, path);
	return f ? f->output : NULL;
}

const char *folio_site_file_id(const folio_site *site, const char *path)
{
	const folio_static_file *f = folio_site__find_file(site->files, site->nfiles, path);
	return f ? f->id : NULL;
}

/* ---- partial sites ---- */

static bool same_lang(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const folio_page *stub_matching(const folio_site *site, const char *collection,
                                       const char *slug, const char *lang, const char *url)
{
	for (size_t i = 0; i < site->nstubs; i++) {
		const folio_page *p = site->stubs[i];
		if (url ? !strcmp(p->url, url)
		        : !strcmp(p->collection->name, collection) && !strcmp(p->slug, slug) &&
		                  same_lang(p->lang, lang))
			return p;
	}
	return NULL;
}

static folio_page *make_stub(folio_site *site, folio_site__stub *st)
{
	const folio_collection *c = folio_config_collection_for_path(site->config, st->path);
	folio_page *p = NULL;
	if (c) {
		p = folio_xcalloc(1, sizeof(*p));
		p->path = st->path;
		p->id = st->id;
		p->slug = st->slug;
		p->url = st->url;
		p->collection = c;
		const char *lang = folio_site__path_language(site->config, p->path, NULL);
		p->lang = lang ? folio_xstrdup(lang) : NULL;
		p->meta = json_object();
		json_object_set_new(p->meta, c->title_field, json_string(st->title ? st->title : st->slug));
		json_t *t = folio_page_meta_get(p, c->title_field);
		p->title = json_is_string(t) ? json_string_value(t) : p->slug;
		size_t alloc = 0;
		for (const char *a = st->anchors ? st->anchors : ""; *a;) {
			size_t n = strcspn(a, "\n");
			FOLIO_ARRAY_GROW(p->md.headings, p->md.nheadings, alloc, p->md.nheadings + 1);
			p->md.headings[p->md.nheadings].id = folio_xstrndup(a, n);
			p->md.headings[p->md.nheadings].text = folio_xstrdup("");
			p->md.nheadings++;
			a += n + (a[n] == '\n');
		}
		p->ok = true;
		FOLIO_ARRAY_GROW(site->stubs, site->nstubs, site->astubs, site->nstubs + 1);
		site->stubs[site->nstubs++] = p;
	} else {
		free(st->path);
		free(st->id);
		free(st->slug);
		free(st->url);
	}
	free(st->title);
	free(st->anchors);
	return p;
}

/* The page a partial site holds at path (they are few: the changed pages
 * and their neighbours), or NULL. */
static const folio_page *held_at(const folio_site *site, const char *path)
{
	for (size_t i = 0; i < site->npages; i++)
		if (!strcmp(site->pages[i]->path, path))
			return site->pages[i];
	return NULL;
}

const folio_page *folio_site__find_stub(const folio_site *site, const char *collection,
                                   const char *slug, const char *lang, const char *url)
{
	folio_site *s = (folio_site *)site; /* the stub cache is not part of what the site says */
	pthread_mutex_lock(&s->stub_lock);
	const folio_page *p = stub_matching(s, collection, slug, lang, url);
	folio_site__stub st;
	memset(&st, 0, sizeof(st));
	if (!p && s->lookup.page(&st, collection, slug, lang, url, s->lookup.payload))
		p = make_stub(s, &st);
	pthread_mutex_unlock(&s->stub_lock);
	/* a stub found by URL may be a page the site holds after all (the same file) */
	if (p && url) {
		const folio_page *loaded = held_at(site, p->path);
		if (loaded)
			return loaded;
	}
	return p;
}

void folio_site__index(folio_site *site)
{
	folio_site__unindex_pages(site);
	if (site->npages)
		folio_sort(site->pages, site->npages, sizeof(*site->pages), folio_site__cmp_path);
	folio_site__index_pages(site);
}
