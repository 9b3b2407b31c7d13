/*
 * Taxonomies (taxonomy.h): the terms of the published pages, gathered once
 * per renderer from the site model.
 */
#include "render/taxonomy.h"

#include <stdlib.h>
#include <string.h>

#include "model/layout.h"
#include "model/slug.h"
#include "model/urlize.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

/* A term's slug (see taxonomy.h), NULL when it has no letter or digit
 * or would name no file (site_parse.c tells the page). */
static char *term_slug(const folio_config *cfg, const char *name, size_t len)
{
	return folio_layout_term_slug(cfg, name, len, NULL);
}

/* A term as written: a string, or a number or true/false as Hugo makes
 * them terms ("categories: [2022]" is /categories/2022/); NULL for
 * anything else. Caller frees. */
static char *term_text(const json_t *item)
{
	if (json_is_string(item))
		return folio_xstrndup(json_string_value(item), json_string_length(item));
	if (json_is_integer(item))
		return folio_xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(item));
	if (json_is_real(item))
		return folio_xasprintf("%g", json_real_value(item));
	if (json_is_boolean(item))
		return folio_xstrdup(json_is_true(item) ? "true" : "false");
	return NULL;
}

/* An order of a page's terms by slug, then by where each was written. */
typedef struct {
	const char *slug;
	size_t at;
} slug_at;

static int cmp_slug_at(const void *a, const void *b)
{
	const slug_at *x = a, *y = b;
	int c = strcmp(x->slug, y->slug);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Keep the first of the slugs (and their names) that are one: sorted, not
 * compared each with each (a page of 3,000 tags took 30 s, a scout's). */
static size_t keep_first(char **slugs, char **names, size_t n)
{
	if (n < 2)
		return n;
	slug_at *order = folio_xcalloc(n, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = (slug_at){ slugs[i], i };
	qsort(order, n, sizeof(*order), cmp_slug_at);
	bool *twin = folio_xcalloc(n, sizeof(*twin));
	for (size_t i = 1; i < n; i++)
		twin[order[i].at] = !strcmp(order[i].slug, order[i - 1].slug);
	free(order);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (twin[i]) {
			free(slugs[i]);
			free(names[i]);
			continue;
		}
		slugs[kept] = slugs[i];
		names[kept++] = names[i];
	}
	free(twin);
	return kept;
}

char **folio_taxonomy_page_terms(const folio_config *cfg, const folio_page *p, const char *name, char ***names,
                                 size_t *n)
{
	/* Hugo reads a page's "Tags :" as its tags */
	json_t *v = cfg->hugo_links ? folio_page_meta_get_caseless(p, name) : folio_page_meta_get(p, name);
	size_t count = json_is_array(v) ? json_array_size(v) : v && !json_is_object(v) && !json_is_null(v) ? 1 : 0;
	char **slugs = folio_xcalloc(count + 1, sizeof(*slugs));
	*names = folio_xcalloc(count + 1, sizeof(**names));
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		char *text = term_text(json_is_array(v) ? json_array_get(v, i) : v);
		char *slug = text ? term_slug(cfg, text, strlen(text)) : NULL;
		if (!slug) {
			free(text);
			continue;
		}
		slugs[*n] = slug;
		(*names)[(*n)++] = text;
	}
	*n = keep_first(slugs, *names, *n);
	return slugs;
}

void folio_taxonomy_free_slugs(char **slugs, char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(slugs[i]);
		free(names[i]);
	}
	free(slugs);
	free(names);
}

static int cmp_term(const void *a, const void *b)
{
	return strcmp(((const folio_term *)a)->slug, ((const folio_term *)b)->slug);
}

/* A page's term as gathered: sorted by slug, then by the page's place in
 * path order, each run of one slug is a term named as its first. */
typedef struct {
	char *slug, *name;
	const folio_page *page;
	size_t order;
} gathered;

static int cmp_gathered(const void *a, const void *b)
{
	const gathered *x = a, *y = b;
	int c = strcmp(x->slug, y->slug);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static folio_term *new_term(folio_taxonomy *t, char *slug, char *name)
{
	FOLIO_ARRAY_GROW(t->terms, t->nterms, t->aterms, t->nterms + 1);
	folio_term *term = &t->terms[t->nterms++];
	memset(term, 0, sizeof(*term));
	term->slug = term->addr = slug;
	term->name = name;
	return term;
}

/* The terms of g (n of them, sorted), each with its pages, into t (which
 * has none yet); g's strings are taken over or freed. */
static void make_terms(folio_taxonomy *t, gathered *g, size_t n)
{
	folio_term *term = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!term || strcmp(term->slug, g[i].slug)) {
			term = new_term(t, g[i].slug, g[i].name);
		} else {
			free(g[i].slug);
			free(g[i].name);
		}
		FOLIO_ARRAY_GROW(term->pages, term->npages, term->apages, term->npages + 1);
		term->pages[term->npages++] = g[i].page;
	}
}

static bool text_page(const folio_page *p, const char *lang);
static int cmp_term_slug(const void *elem, const void *key);
static const char *text_slug(const folio_taxonomy *t, const char *url, size_t *len);

/* Is p the text of a term of any taxonomy of its language (Hugo's
 * content/authors/ana/_index.md)? Its front matter gives that term's page
 * its text, not terms of its own: Hugo assigns no term to a term's page
 * (a profile's tags: [researchers] makes no /tags/researchers/). */
static bool is_term_text(const folio_taxonomy *t, const folio_config *cfg, const folio_page *p)
{
	size_t slot = folio_layout_lang_slot(cfg, p->lang), len;
	for (size_t i = 0; i < cfg->ntaxonomies; i++) {
		const folio_taxonomy *x = &t[slot * cfg->ntaxonomies + i];
		if (x->collection && text_page(p, x->lang) && text_slug(x, p->url, &len))
			return true;
	}
	return false;
}

/* The terms of taxonomy i in every language: t[slot * ntaxonomies + i]
 * gathers the pages of its language. Sorted, not looked up term by term
 * (a site of many terms). */
static void gather(folio_taxonomy *t, size_t i, const folio_site *site)
{
	const folio_config *cfg = folio_site_config(site);
	size_t nslots = 1 + cfg->nlanguages;
	gathered **g = folio_xcalloc(nslots, sizeof(*g));
	size_t *n = folio_xcalloc(nslots, sizeof(*n)), *alloc = folio_xcalloc(nslots, sizeof(*alloc));
	for (size_t k = 0; k < folio_site_page_count(site); k++) {
		const folio_page *p = folio_site_page(site, k);
		if (!p->ok || folio_site_page_is_text(site, p) || is_term_text(t, cfg, p))
			continue;
		size_t slot = folio_layout_lang_slot(cfg, p->lang);
		char **names;
		size_t count;
		char **slugs = folio_taxonomy_page_terms(cfg, p, t[slot * cfg->ntaxonomies + i].name, &names, &count);
		for (size_t j = 0; j < count; j++) {
			FOLIO_ARRAY_GROW(g[slot], n[slot], alloc[slot], n[slot] + 1);
			g[slot][n[slot]++] = (gathered){ slugs[j], names[j], p, k };
		}
		free(slugs);
		free(names);
	}
	for (size_t l = 0; l < nslots; l++) {
		if (n[l])
			qsort(g[l], n[l], sizeof(*g[l]), cmp_gathered);
		make_terms(&t[l * cfg->ntaxonomies + i], g[l], n[l]);
		free(g[l]);
	}
	free(g);
	free(n);
	free(alloc);
}

static void sort_terms(folio_taxonomy *t)
{
	for (size_t k = 0; k < t->nterms; k++)
		qsort(t->terms[k].pages, t->terms[k].npages, sizeof(*t->terms[k].pages), folio_site_cmp_newest);
	if (t->nterms) /* no term: terms is NULL, which qsort may not take */
		qsort(t->terms, t->nterms, sizeof(*t->terms), cmp_term);
}

/* A folder's _index.md in the taxonomy's language, which Hugo makes the
 * text of the term page at its address. */
static bool text_page(const folio_page *p, const char *lang)
{
	return p->ok && !p->section && (p->lang && lang ? !strcmp(p->lang, lang) : p->lang == lang) &&
	       folio_page_is_index_file(p);
}

static char *in_lang(const char *lang, const char *folder)
{
	return lang ? folio_xasprintf("%s/%s", lang, folder) : folio_xstrdup(folder);
}

/* The slug url names below t's text folder, "/<text folder>/<slug>/", its
 * length in *len; NULL when it names none. */
static const char *text_slug(const folio_taxonomy *t, const char *url, size_t *len)
{
	size_t f = strlen(t->text_folder);
	if (!url || url[0] != '/' || strncmp(url + 1, t->text_folder, f) || url[1 + f] != '/')
		return NULL;
	const char *slug = url + 2 + f;
	*len = strcspn(slug, "/");
	if (t->nested_terms) /* content/events_categories/summits/workshops/_index.md */
		while (*len && slug[*len] == '/' && slug[*len + 1] && slug[*len + 1] != '/')
			*len += 1 + strcspn(slug + *len + 1, "/");
	return *len && !strcmp(slug + *len, "/") ? slug : NULL;
}

/* A term's folder whose _index.md no page names (MEDomics' authors
 * without posts): Hugo publishes that term's page all the same, at the
 * taxonomy's term address, with no page listed. t's terms are sorted. */
static void unnamed_terms(folio_taxonomy *t, const folio_site *site)
{
	gathered *g = NULL;
	size_t n = 0, alloc = 0, len;
	for (size_t k = 0; k < folio_site_page_count(site); k++) {
		const folio_page *p = folio_site_page(site, k);
		const char *slug = text_page(p, t->lang) ? text_slug(t, p->url, &len) : NULL;
		folio_text key = { slug, len };
		if (!slug || folio_search(t->terms, t->nterms, sizeof(*t->terms), &key, cmp_term_slug))
			continue; /* a term of pages has its text already */
		FOLIO_ARRAY_GROW(g, n, alloc, n + 1);
		char *name = folio_xstrndup(slug, len);
		g[n++] = (gathered){ name, folio_xstrdup(p->title ? p->title : name), p, k };
	}
	if (n)
		qsort(g, n, sizeof(*g), cmp_gathered);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(g[i].slug, g[i - 1].slug)) { /* the first in path order */
			free(g[i].slug);
			free(g[i].name);
			continue;
		}
		new_term(t, g[i].slug, g[i].name)->text = g[i].page;
	}
	free(g);
	if (n)
		qsort(t->terms, t->nterms, sizeof(*t->terms), cmp_term);
}

/* Where t's terms' texts are: the collection whose list is at t's index
 * (Hugo's content/authors/), and its folder. base: the same taxonomy in
 * the site's language, for a translation's. */
static void find_text_folder(folio_taxonomy *t, const folio_site *site, const folio_taxonomy *base)
{
	const folio_config *cfg = folio_site_config(site);
	char *own = folio_layout_terms_url(t->folder, t->ugly);
	for (size_t c = 0; c < cfg->ncollections && !base && !t->collection; c++) {
		char *list = folio_layout_list_url(&cfg->collections[c], 1);
		if (!strcmp(list, own))
			t->collection = &cfg->collections[c];
		free(list);
	}
	free(own);
	if (base)
		t->collection = base->collection;
	if (t->collection) /* its _index.md, or _index.fr.md */
		t->text = folio_site_section(site, t->collection, t->lang);
	char *list = t->collection ? folio_layout_list_url(t->collection, 1) : NULL;
	if (list && list[0] == '/' && strlen(list) > 2 && list[strlen(list) - 1] == '/') { /* "/authors/" */
		list[strlen(list) - 1] = '\0';
		t->text_folder = in_lang(t->lang, list + 1);
	} else {
		t->text_folder = folio_xstrdup(t->term_folder);
	}
	free(list);
}

/* Each term's text, and the terms whose folder has a text but no page. */
static void find_texts(folio_taxonomy *t, const folio_site *site)
{
	for (size_t k = 0; k < t->nterms; k++) {
		folio_term *term = &t->terms[k];
		char *url = folio_layout_term_url(t->text_folder, term->slug, 1, false); /* a page's */
		const folio_page *p = term->npages ? folio_site_find_url(site, url) : NULL;
		term->text = p && text_page(p, t->lang) ? p : NULL;
		free(url);
	}
	if (t->collection)
		unnamed_terms(t, site);
}

/* Is addr a term's address in t already? */
static bool addr_taken(const folio_taxonomy *t, const char *addr)
{
	for (size_t k = 0; k < t->nterms; k++)
		if (!strcmp(t->terms[k].addr, addr) || !strcmp(t->terms[k].slug, addr))
			return true;
	return false;
}

/* Move the pages of term from into term into (their union, newest first);
 * from stays in the array, pageless, until drop_term(). */
static void merge_term(folio_term *into, folio_term *from)
{
	for (size_t k = 0; k < from->npages; k++) {
		FOLIO_ARRAY_GROW(into->pages, into->npages, into->apages, into->npages + 1);
		into->pages[into->npages++] = from->pages[k];
	}
	qsort(into->pages, into->npages, sizeof(*into->pages), folio_site_cmp_newest);
	size_t kept = 0; /* a page giving both terms: once */
	for (size_t k = 0; k < into->npages; k++)
		if (!kept || into->pages[kept - 1] != into->pages[k])
			into->pages[kept++] = into->pages[k];
	into->npages = kept;
	free(from->pages);
	from->pages = NULL;
	from->npages = from->apages = 0;
}

/* A term merged away: freed once out of the sorted array, which searches
 * read until then (its slug is their key). */
static void drop_term(folio_term *t)
{
	if (t->addr != t->slug)
		free(t->addr);
	free(t->slug);
	free(t->name);
}

/* slug_from: title: a term with a text is at the text's slug:, else its
 * title, made a slug as a term's name is (Hugo's :slug of a term page:
 * Wowchemy's content/authors/admin/_index.md titled "Nelson Bighetti" at
 * /author/nelson-bighetti/). A plain term of that name ("Nelson
 * Bighetti" written by a page) is the same page in Hugo: its pages join
 * the text's term (a lab's head was at /author/min/ for 181 pages and at
 * /author/min-yen-kan/ for one). One that would meet another text's term
 * keeps its own key. */
static void titled_addrs(folio_taxonomy *t, const folio_config *cfg)
{
	bool *gone = folio_xcalloc(t->nterms + 1, sizeof(*gone));
	for (size_t k = 0; k < t->nterms; k++) {
		folio_term *term = &t->terms[k];
		if (!term->text || gone[k])
			continue;
		json_t *slug = folio_page_meta_get(term->text, "slug");
		const char *from = json_is_string(slug) && json_string_length(slug) ? json_string_value(slug)
		                                                                     : term->text->title;
		char *addr = from ? term_slug(cfg, from, strlen(from)) : NULL;
		folio_text key = { addr, addr ? strlen(addr) : 0 };
		const folio_term *found = addr ? folio_search(t->terms, t->nterms, sizeof(*t->terms), &key, cmp_term_slug)
		                               : NULL;
		size_t j = found ? (size_t)(found - t->terms) : 0;
		if (found && j != k && !found->text && !gone[j] && found->addr == found->slug) {
			merge_term(term, &t->terms[j]);
			gone[j] = true;
			term->addr = addr;
		} else if (addr && strcmp(addr, term->slug) && !found && !addr_taken(t, addr)) {
			term->addr = addr;
		} else {
			free(addr);
		}
	}
	size_t kept = 0;
	for (size_t k = 0; k < t->nterms; k++)
		if (!gone[k])
			t->terms[kept++] = t->terms[k];
		else
			drop_term(&t->terms[k]);
	t->nterms = kept;
	free(gone);
}

const char *folio_taxonomy_term_addr(const folio_taxonomy *t, const char *slug)
{
	folio_text key = { slug, strlen(slug) };
	const folio_term *term = folio_search(t->terms, t->nterms, sizeof(*t->terms), &key, cmp_term_slug);
	return term ? term->addr : slug;
}

size_t folio_taxonomies_count(const folio_config *cfg)
{
	return cfg->ntaxonomies * (1 + cfg->nlanguages);
}

folio_taxonomy *folio_taxonomies_new(const folio_site *site)
{
	const folio_config *cfg = folio_site_config(site);
	size_t nt = cfg->ntaxonomies, count = folio_taxonomies_count(cfg);
	folio_taxonomy *t = folio_xcalloc(count + 1, sizeof(*t));
	for (size_t k = 0; k < count; k++) {
		size_t l = k / nt, i = k % nt;
		t[k].name = cfg->taxonomies[i];
		t[k].lang = l ? cfg->languages[l - 1] : NULL;
		t[k].folder = in_lang(t[k].lang, cfg->taxonomy_folders[i]);
		t[k].term_folder = in_lang(t[k].lang, cfg->term_folders[i]);
		t[k].unindexed = cfg->taxonomy_unindexed[i];
		t[k].ugly = cfg->taxonomy_ugly[i];
		t[k].nested_terms = cfg->hugo_links || cfg->term_keeps_case; /* as term_slug() */
	}
	for (size_t k = 0; k < count; k++)
		find_text_folder(&t[k], site, k < nt ? NULL : &t[k % nt]);
	for (size_t i = 0; i < nt; i++)
		gather(t, i, site);
	for (size_t k = 0; k < count; k++) {
		sort_terms(&t[k]);
		find_texts(&t[k], site);
		if (cfg->taxonomy_titled[k % nt])
			titled_addrs(&t[k], cfg);
	}
	return t;
}

/* folio_search: a term against a folio_text slug */
static int cmp_term_slug(const void *elem, const void *key)
{
	const folio_text *k = key;
	const char *slug = ((const folio_term *)elem)->slug;
	int c = strncmp(slug, k->s, k->len);
	return c ? c : (slug[k->len] != '\0');
}

const folio_taxonomy *folio_taxonomy_of_collection(const folio_taxonomy *t, size_t n, const folio_collection *c)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].collection == c)
			return &t[i];
	return NULL;
}

const folio_term *folio_taxonomy_text_of(const folio_taxonomy *t, size_t n, const folio_page *p)
{
	if (!p->url || p->url[0] != '/' || !p->ok || !folio_page_is_index_file(p))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *slug = text_slug(&t[i], p->url, &len);
		if (!slug)
			continue;
		folio_text key = { slug, len };
		const folio_term *term = folio_search(t[i].terms, t[i].nterms, sizeof(*t[i].terms), &key, cmp_term_slug);
		if (term && term->text == p)
			return term;
	}
	return NULL;
}

void folio_taxonomies_free(folio_taxonomy *t, const folio_config *cfg)
{
	if (!t)
		return;
	for (size_t i = 0; i < folio_taxonomies_count(cfg); i++) {
		free((char *)t[i].folder);
		free((char *)t[i].term_folder);
		free((char *)t[i].text_folder);
		for (size_t k = 0; k < t[i].nterms; k++) {
			if (t[i].terms[k].addr != t[i].terms[k].slug)
				free(t[i].terms[k].addr);
			free(t[i].terms[k].slug);
			free(t[i].terms[k].name);
			free(t[i].terms[k].pages);
		}
		free(t[i].terms);
	}
	free(t);
}
