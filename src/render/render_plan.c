/*
 * The plan: every output a site has (pages, aliases, lists, feeds,
 * taxonomies, the home page, the sitemap, static files), each a unit that
 * render.c renders. plan_units is the one place that names them.
 */
#include "folio/render.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- orchestration ---- */

folio_output *folio_render__add_unit(folio_outputs *outs, folio_unit_kind kind, char *path)
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

/* A section page's url: (Jekyll's permalink:) as written, or NULL: its page
 * is the list's, so the address it names is an old one of the list
 * ("_tutorials/index.md" with permalink: /tutorials/home/). Borrowed. */
static const char *section_address(const folio_page *p)
{
	if (!p->section)
		return NULL;
	json_t *u = json_object_get(p->meta, "url");
	if (!u)
		u = json_object_get(p->meta, "permalink");
	return json_is_string(u) && json_string_value(u)[0] == '/' ? json_string_value(u) : NULL;
}

size_t folio_render_alias_count(const folio_page *p)
{
	json_t *a = p->ok ? page_aliases(p) : NULL;
	size_t n = json_is_array(a) ? json_array_size(a) : a ? 1 : 0;
	return n + (p->ok && section_address(p) ? 1 : 0);
}

char *folio_render_alias_url(const folio_page *p, size_t k)
{
	json_t *a = page_aliases(p);
	size_t n = json_is_array(a) ? json_array_size(a) : a ? 1 : 0;
	json_t *v = json_is_array(a) ? json_array_get(a, k) : k == 0 ? a : NULL;
	const char *written = k < n ? (json_is_string(v) ? json_string_value(v) : NULL) : section_address(p);
	if (!written)
		return NULL;
	/* a relative alias is relative to the folder of the page's URL, as Hugo reads it */
	size_t len = strlen(p->url);
	while (len > 1 && p->url[len - 1] == '/')
		len--;
	const char *slash = memrchr(p->url, '/', len);
	char *base = folio_xstrndup(p->url, slash ? (size_t)(slash - p->url) + 1 : 1);
	char *url = folio_layout_alias_url(base, written);
	free(base);
	/* an alias that is the page's own address (Hugo's docs keep the
	 * lowercase spelling of a name written in capitals; Jekyll's list page
	 * as /tutorials/index.html) redirects nowhere: the page is there */
	char *out = url ? folio_layout_url_output(url) : NULL, *own = folio_layout_url_output(p->url);
	if (out && !strcmp(out, own)) {
		free(url);
		url = NULL;
	}
	free(out);
	free(own);
	return url;
}

/* A redirect page for each alias of p. */
static void plan_aliases(folio_outputs *outs, const folio_page *p)
{
	size_t n = folio_render_alias_count(p);
	for (size_t k = 0; k < n; k++) {
		char *url = folio_render_alias_url(p, k);
		if (!url)
			continue;
		folio_output *o = folio_render__add_unit(outs, FOLIO_UNIT_ALIAS, folio_layout_url_output(url));
		o->page = p;
		o->number = k;
		free(url);
	}
}

static folio_output *add_url_unit(folio_outputs *outs, folio_unit_kind kind, char *url)
{
	folio_output *o = folio_render__add_unit(outs, kind, folio_layout_url_output(url));
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
	size_t count = folio_render__list_page_count(col, n);
	folio_output *o;
	if (folio_templates_has(folio_site_templates(site), col->list_template)) {
		for (size_t k = 1; k <= count; k++) {
			o = add_url_unit(outs, FOLIO_UNIT_LIST,
			                 folio_render__in_lang(lang, folio_layout_list_url(col, k)));
			o->collection = col;
			o->number = k;
			o->lang = lang;
		}
	}
	size_t fed = 0;
	for (size_t i = 0; i < n; i++)
		fed += pages[i]->ok;
	for (size_t k = 1; k <= folio_render__list_page_count(col, fed); k++) {
		o = add_url_unit(outs, FOLIO_UNIT_FEED,
		                 folio_render__in_lang(lang, folio_layout_feed_url(col, k)));
		o->collection = col;
		o->number = k;
		o->lang = lang;
	}
	o = add_url_unit(outs, FOLIO_UNIT_ATOM, folio_render__in_lang(lang, folio_layout_atom_url(col)));
	o->collection = col;
	o->lang = lang;
	o = add_url_unit(outs, FOLIO_UNIT_RSS, folio_render__in_lang(lang, folio_layout_rss_url(col)));
	o->collection = col;
	o->lang = lang;
}

/* Every output of site, unsorted: the one place that names them. */
void folio_render__plan_units(folio_outputs *outs, const folio_site *site,
                              const folio_taxonomy *taxonomies)
{
	const folio_config *cfg = folio_site_config(site);
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		if (!p->ok || p->section ||
		    !folio_templates_has(folio_site_templates(site), p->collection->template_name))
			continue;
		folio_render__add_unit(outs, FOLIO_UNIT_PAGE, folio_layout_url_output(p->url))->page = p;
	}
	for (size_t l = 0; l <= cfg->nlanguages; l++)
		for (size_t c = 0; c < cfg->ncollections; c++)
			plan_collection(outs, site, &cfg->collections[c], l ? cfg->languages[l - 1] : NULL);
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		plan_aliases(outs, folio_site_page(site, i));
	folio_render__add_unit(outs, FOLIO_UNIT_HOME, folio_xstrdup(FOLIO_LAYOUT_HOME));
	folio_render__add_unit(outs, FOLIO_UNIT_INDEX, folio_xstrdup(FOLIO_LAYOUT_INDEX));
	folio_render__add_unit(outs, FOLIO_UNIT_SITEMAP, folio_xstrdup(FOLIO_LAYOUT_SITEMAP));
	if (folio_templates_has(folio_site_templates(site), "404"))
		folio_render__add_unit(outs, FOLIO_UNIT_NOT_FOUND, folio_xstrdup(FOLIO_LAYOUT_NOT_FOUND));
	for (size_t t = 0; t < cfg->ntaxonomies; t++)
		plan_taxonomy(outs, cfg, &taxonomies[t]);
	for (size_t i = 0; i < folio_site_static_count(site); i++) {
		const folio_static_file *f = folio_site_static(site, i);
		/* the site model placed it (a bundle's file follows its page) */
		folio_render__add_unit(outs, FOLIO_UNIT_STATIC, folio_xstrdup(f->output))->file = f;
	}
}
