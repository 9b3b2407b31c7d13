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
#include "util/search.h"
#include "util/assert.h"
#include "util/parallel.h"
#include "util/text.h"
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

/* A redirect page for each alias of p. An alias written both ways, with
 * and without its last '/' (redirect_from: [/recrutement, /recrutement/],
 * beta.gouv.fr), is one page: the second is left out, not a clash of the
 * page with itself. */
static void plan_aliases(folio_outputs *outs, const folio_page *p)
{
	size_t n = folio_page_alias_count(p);
	const char *prev = NULL;
	for (size_t k = 0; k < n; k++) {
		char *url = folio_page_alias_url(p, k);
		if (!url)
			continue;
		char *out = folio_layout_url_output(url);
		free(url);
		if (prev && !strcmp(prev, out)) {
			free(out);
			continue;
		}
		folio_output *o = folio_render__add_unit(outs, FOLIO_UNIT_ALIAS, out);
		o->page = p;
		o->number = k;
		prev = out;
	}
}


typedef struct {
	char *path;
	size_t number;
} redirect_path;

static int cmp_redirect_path(const void *a, const void *b)
{
	const redirect_path *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : (x->number > y->number) - (x->number < y->number);
}


/* Is output path ("fr/about/index.html") in a translation's folder? Hugo
 * put none of those below the site language's (language_subdir:). */
static bool below_translation(const folio_config *cfg, const char *path)
{
	const char *rest;
	return folio_layout_output_language(cfg, path, &rest) != NULL;
}

/*
 * A splat's redirect pages (from: /authors/ and a star, to: /author/:splat): one at
 * /authors/<rest> for each HTML output of the first n at /author/<rest>,
 * where no output and no earlier rule's page is; as many pages in all as
 * the site has outputs at most, whatever folio.yaml says. A splat to
 * another host has none: no page of the site tells what is there.
 */
static void plan_splats(folio_outputs *outs, const folio_config *cfg, size_t n)
{
	/* the plain rules' pages too: theirs stand where a splat's would */
	size_t all = outs->count;
	const char **taken = folio_xmalloc((all + 1) * sizeof(*taken));
	for (size_t i = 0; i < all; i++)
		taken[i] = outs->items[i].path;
	qsort(taken, all, sizeof(*taken), folio_sort_cmp_str);
	/* the HTML outputs a splat may stand for, sorted: each splat reads the
	 * range below its to, not every output (folio.yaml may hold 256) */
	const char **html = folio_xmalloc((n + 1) * sizeof(*html));
	size_t nhtml = 0;
	for (size_t i = 0; i < n; i++) {
		const folio_output *o = &outs->items[i];
		size_t plen = strlen(o->path);
		if (plen >= 5 && !strcmp(o->path + plen - 5, ".html") && o->kind != FOLIO_UNIT_REDIRECT)
			html[nhtml++] = o->path;
	}
	qsort(html, nhtml, sizeof(*html), folio_sort_cmp_str);
	redirect_path *rp = folio_xmalloc((n + 1) * sizeof(*rp));
	size_t m = 0;
	for (size_t s = 0; s < cfg->nsplats && m < n; s++) {
		size_t k = cfg->splats[s];
		const folio_redirect *r = &cfg->redirects[k];
		if (r->to[0] != '/')
			continue;
		const char *under = r->to + 1;
		size_t tlen = strlen(r->to) - 7; /* "/author/:splat": "author/" */
		size_t lo = 0, hi = nhtml; /* the first path not before under */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strncmp(html[mid], under, tlen) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < nhtml && m < n && !strncmp(html[i], under, tlen); i++)
			if (!(r->language_subdir && below_translation(cfg, html[i])))
				rp[m++] = (redirect_path){ folio_xasprintf("%s%s", r->url + 1, html[i] + tlen), k };
	}
	free(html);
	/* of two rules' pages at one place, the first rule's */
	qsort(rp, m, sizeof(*rp), cmp_redirect_path);
	bool *drop = folio_xcalloc(m + 1, sizeof(*drop));
	for (size_t k = 0; k < m; k++)
		drop[k] = (k && !strcmp(rp[k].path, rp[k - 1].path)) ||
		          bsearch(&rp[k].path, taken, all, sizeof(*taken), folio_sort_cmp_str);
	for (size_t k = 0; k < m; k++) {
		if (drop[k])
			free(rp[k].path);
		else
			folio_render__add_unit(outs, FOLIO_UNIT_REDIRECT, rp[k].path)->number = rp[k].number;
	}
	free(drop);
	free(rp);
	free(taken);
}

/* Whether a path of sorted[0, n) starts with prefix. */
static bool any_below(const char *const *sorted, size_t n, const char *prefix)
{
	size_t len = strlen(prefix), lo = 0, hi = n;
	while (lo < hi) { /* the first path not before prefix */
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(sorted[mid], prefix, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strncmp(sorted[lo], prefix, len);
}

/* A redirect from a name with a dot ("/docs/3.12") is a file, unless an
 * output or another redirect lies below it (arangodb's _redirects: /docs/3.12
 * and /docs/3.12/use-cases.html, 2,204 outputs refused as clashing): the
 * server has a folder there, whose index.html answers /docs/3.12, and the
 * redirect page is that. rp sorted by path, taken too; sorted again. */
static void redirects_as_folders(redirect_path *rp, size_t m, const char *const *taken, size_t n)
{
	const char **paths = folio_xmalloc((m + 1) * sizeof(*paths));
	for (size_t k = 0; k < m; k++)
		paths[k] = rp[k].path;
	char **moved = folio_xcalloc(m + 1, sizeof(*moved));
	for (size_t k = 0; k < m; k++) {
		size_t len = strlen(rp[k].path);
		if (len && rp[k].path[len - 1] != '/' && !folio_ends_with(rp[k].path, "/index.html")) {
			char *folder = folio_xasprintf("%s/", rp[k].path);
			if (any_below(taken, n, folder) || any_below(paths, m, folder))
				moved[k] = folio_xasprintf("%sindex.html", folder);
			free(folder);
		}
	}
	for (size_t k = 0; k < m; k++)
		if (moved[k]) {
			free(rp[k].path);
			rp[k].path = moved[k];
		}
	free(moved);
	free(paths);
	qsort(rp, m, sizeof(*rp), cmp_redirect_path);
}

/* A redirect page for each of folio.yaml's redirects: whose address no
 * other output holds: as Netlify's unforced rules, a page there wins, and
 * of two rules for one file ("/x", "/x/index.html") the first. Sorted
 * lookups: a site may hold as many redirects as folio.yaml can (its YAML
 * node limit) beside as many pages. */
static void plan_redirects(folio_outputs *outs, const folio_config *cfg)
{
	size_t n = outs->count, m = 0;
	if (!cfg->nredirects) /* nor splats, which are redirects: no sort of every output's path */
		return;
	const char **taken = folio_xmalloc((n + 1) * sizeof(*taken));
	for (size_t i = 0; i < n; i++)
		taken[i] = outs->items[i].path;
	qsort(taken, n, sizeof(*taken), folio_sort_cmp_str);
	redirect_path *rp = folio_xmalloc((cfg->nredirects + 1) * sizeof(*rp));
	for (size_t k = 0; k < cfg->nredirects; k++)
		if (!cfg->redirects[k].splat)
			rp[m++] = (redirect_path){ folio_layout_url_output(cfg->redirects[k].url), k };
	qsort(rp, m, sizeof(*rp), cmp_redirect_path);
	redirects_as_folders(rp, m, taken, n);
	for (size_t k = 0; k < m; k++) {
		bool kept = !(k && !strcmp(rp[k].path, rp[k - 1].path)) &&
		            !bsearch(&rp[k].path, taken, n, sizeof(*taken), folio_sort_cmp_str);
		if (kept)
			folio_render__add_unit(outs, FOLIO_UNIT_REDIRECT, folio_xstrdup(rp[k].path))->number =
			        rp[k].number;
	}
	for (size_t k = 0; k < m; k++)
		free(rp[k].path);
	free(rp);
	free(taken);
	if (cfg->nsplats)
		plan_splats(outs, cfg, n);
}

static folio_output *add_url_unit(folio_outputs *outs, folio_unit_kind kind, char *url)
{
	folio_output *o = folio_render__add_unit(outs, kind, folio_layout_url_output(url));
	free(url);
	return o;
}

/* An output of taxonomy t (of its term, unless NULL), in t's language. */
static folio_output *add_term_unit(folio_outputs *outs, folio_unit_kind kind, char *url, const folio_taxonomy *t,
                                   const folio_term *term)
{
	folio_output *o = add_url_unit(outs, kind, url);
	o->taxonomy = t;
	o->term = term;
	o->lang = t->lang;
	return o;
}

/* A taxonomy's index, and each term's list pages and feeds. */
static void plan_taxonomy(folio_outputs *outs, const folio_config *cfg, const folio_taxonomy *t)
{
	if (!t->unindexed) {
		add_term_unit(outs, FOLIO_UNIT_TERMS, folio_layout_terms_url(t->folder, t->ugly), t, NULL);
		add_term_unit(outs, FOLIO_UNIT_TERMS_RSS, folio_layout_terms_rss_url(cfg, t->folder), t, NULL);
	}
	for (size_t k = 0; k < t->nterms; k++) {
		const folio_term *term = &t->terms[k];
		/* an empty term has no page (a list's empty page is its only one),
		 * but for its folder's text (Hugo's content/authors/x/_index.md) */
		size_t count = term->npages ? folio_render__page_count(cfg->page_size, cfg->pages_shift, term->npages)
		                            : term->text != NULL;
		for (size_t n = 1; n <= count; n++)
			add_term_unit(outs, FOLIO_UNIT_TERM, folio_layout_term_url(t->term_folder, term->addr, n, t->ugly), t, term)
				->number = n;
		add_term_unit(outs, FOLIO_UNIT_TERM_FEED, folio_layout_term_feed_url(t->term_folder, term->addr), t, term);
		add_term_unit(outs, FOLIO_UNIT_ATOM, folio_layout_term_atom_url(t->term_folder, term->addr), t, term);
		add_term_unit(outs, FOLIO_UNIT_RSS, folio_layout_term_rss_url(cfg, t->term_folder, term->addr), t, term);
	}
}

/* A collection's list pages, JSON Feed pages, Atom and RSS, in the site's
 * language (lang NULL) or below a translation language (/es/...). */
static void plan_collection(folio_outputs *outs, const folio_site *site, const folio_collection *col,
                            const char *lang, const folio_taxonomy *of)
{
	/* content/tags/: the taxonomy's page is its list, in each language,
	 * and the taxonomy's RSS of its terms at its RSS's address, as Hugo's */
	bool listed = !of, rss = !of || of->unindexed;
	/* a language none of whose pages nor section page is in col: Hugo
	 * writes no /es/<section>/ (MyPaint's blog, in English only), nor its feeds */
	if (!folio_site_has_list_in(site, col, lang))
		return;
	size_t n;
	const folio_page *const *pages = folio_site_collection_pages_in(site, col, lang, &n);
	size_t count = folio_render__list_page_count(col, n);
	folio_output *o;
	if (listed && !col->unlisted && folio_templates_has(folio_site_templates(site), col->list_template)) {
		for (size_t k = 1; k <= count; k++) {
			o = add_url_unit(outs, FOLIO_UNIT_LIST,
			                 folio_render__in_lang(lang, folio_layout_list_url(col, k)));
			o->collection = col;
			o->number = k;
			o->lang = lang;
		}
	}
	/* list: false (Hugo's and Jekyll's pages at the top) has no feeds either */
	if (!folio_layout_has_feeds(folio_site_config(site), col))
		return;
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
	if (!rss || (listed && col->no_rss))
		return;
	o = add_url_unit(outs, FOLIO_UNIT_RSS, folio_render__in_lang(lang, folio_layout_rss_url(folio_site_config(site), col)));
	o->collection = col;
	o->lang = lang;
}

/* The site's feeds (folio.yaml's feeds:), in each language. */
static void plan_site_feeds(folio_outputs *outs, const folio_config *cfg)
{
	for (size_t l = 0; l <= cfg->nlanguages; l++)
		for (size_t k = 0; k < cfg->nfeeds; k++) {
			const char *lang = l ? cfg->languages[l - 1] : NULL;
			folio_output *o = add_url_unit(outs, cfg->feeds[k].rss ? FOLIO_UNIT_RSS : FOLIO_UNIT_ATOM,
			                               folio_render__in_lang(lang, folio_xstrdup(cfg->feeds[k].url)));
			o->number = k;
			o->lang = lang;
		}
}

/* Is a file of the site published at /404.html (a Hugo site's
 * static/404.html, which Hugo serves as its error page)? It takes the
 * template's place, as a page there does. */
static bool static_not_found(const folio_site *site)
{
	for (size_t i = 0; i < folio_site_static_count(site); i++)
		if (!strcmp(folio_site_static(site, i)->output, FOLIO_LAYOUT_NOT_FOUND))
			return true;
	return false;
}

/* Every output of site, unsorted: the one place that names them. */
void folio_render__plan_units(folio_outputs *outs, const folio_site *site,
                              const folio_taxonomy *taxonomies, const struct folio_render__sitemap *sm)
{
	const folio_config *cfg = folio_site_config(site);
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		if (!p->ok || folio_site_page_is_text(site, p) ||
		    !folio_templates_has(folio_site_templates(site), p->collection->template_name) ||
		    folio_taxonomy_text_of(taxonomies, folio_taxonomies_count(cfg), p)) /* its term's page shows it */
			continue;
		folio_render__add_unit(outs, FOLIO_UNIT_PAGE, folio_layout_url_output(p->url))->page = p;
	}
	for (size_t l = 0; l <= cfg->nlanguages; l++)
		for (size_t c = 0; c < cfg->ncollections; c++)
			plan_collection(outs, site, &cfg->collections[c], l ? cfg->languages[l - 1] : NULL,
			                folio_taxonomy_of_collection(taxonomies, cfg->ntaxonomies, &cfg->collections[c]));
	plan_site_feeds(outs, cfg);
	for (size_t i = 0; cfg->section_feeds && i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		size_t n = strlen(p->url ? p->url : "");
		if (n && p->url[n - 1] == '/' && folio_render__is_subsection(site, taxonomies, p))
			add_url_unit(outs, FOLIO_UNIT_SECTION_RSS, folio_layout_section_rss_url(cfg, p->url))->page = p;
	}
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		plan_aliases(outs, folio_site_page(site, i));
	folio_render__add_unit(outs, FOLIO_UNIT_HOME, folio_xstrdup(FOLIO_LAYOUT_HOME));
	for (size_t l = 0; l < cfg->nlanguages; l++) /* /es/: a translation language's home page */
		add_url_unit(outs, FOLIO_UNIT_HOME, folio_render__in_lang(cfg->languages[l], folio_xstrdup("/")))->lang =
			cfg->languages[l];
	folio_render__add_unit(outs, FOLIO_UNIT_INDEX, folio_xstrdup(FOLIO_LAYOUT_INDEX));
	if (cfg->sitemap) { /* sitemap: false, Hugo's disableKinds: [sitemap] */
		folio_render__add_unit(outs, FOLIO_UNIT_SITEMAP, folio_xstrdup(FOLIO_LAYOUT_SITEMAP));
		for (size_t i = 0, k; folio_render__sitemap_next_part(sm, &i, &k);) /* past sitemap-urls */
			folio_render__add_unit(outs, FOLIO_UNIT_SITEMAP, folio_render__sitemap_part_path(sm, k))->number = k;
	}
	/* a page of the site at /404.html (Jekyll's 404.md) is the site's own
	 * error page: it takes the place of the template's */
	const folio_page *own = folio_site_find_url(site, "/" FOLIO_LAYOUT_NOT_FOUND);
	if (cfg->not_found_page && folio_templates_has(folio_site_templates(site), "404") && !(own && own->ok) &&
	    !static_not_found(site)) {
		folio_render__add_unit(outs, FOLIO_UNIT_NOT_FOUND, folio_xstrdup(FOLIO_LAYOUT_NOT_FOUND));
		/* and /fr/404.html, a translation language's, as Hugo writes one
		 * per language (a server that shows the nearest 404.html up the
		 * path, Cloudflare Pages', shows French readers theirs); a page
		 * or file of the site there is its own */
		for (size_t l = 0; l < cfg->nlanguages; l++) {
			char *url = folio_render__in_lang(cfg->languages[l], folio_xstrdup("/" FOLIO_LAYOUT_NOT_FOUND));
			const folio_page *there = folio_site_find_url(site, url);
			bool taken = there && there->ok;
			for (size_t i = 0; !taken && i < folio_site_static_count(site); i++)
				taken = !strcmp(folio_site_static(site, i)->output, url + 1);
			if (!taken)
				add_url_unit(outs, FOLIO_UNIT_NOT_FOUND, folio_xstrdup(url))->lang = cfg->languages[l];
			free(url);
		}
	}
	for (size_t t = 0; t < folio_taxonomies_count(cfg); t++)
		plan_taxonomy(outs, cfg, &taxonomies[t]);
	for (size_t i = 0; i < folio_site_static_count(site); i++) {
		const folio_static_file *f = folio_site_static(site, i);
		/* the site model placed it (a bundle's file follows its page) */
		folio_render__add_unit(outs, FOLIO_UNIT_STATIC, folio_xstrdup(f->output))->file = f;
	}
	plan_redirects(outs, cfg); /* last: any other output at their address wins */
}
