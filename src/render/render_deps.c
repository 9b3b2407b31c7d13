/*
 * The dependencies of each output, for incremental publishing: the
 * files, templates, schemas and terms each output is made from, written as
 * render/deps.h's records (the fast path reads them back there).
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
#include "render/deps.h"
#include "model/layout.h"
#include "render/render_internal.h"
#include "render/syndication.h"
#include "render/taxonomy.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/build_identity.h"
#include "util/assert.h"
#include "util/parallel.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* ---- dependencies of each output (for incremental publishing) ---- */

static void dep_file(folio_buf *out, const folio_site *site, const char *path)
{
	const char *id = folio_site_file_id(site, path);
	folio_dep_put(out, FOLIO_DEP_INPUT, path, id ? id : "absent");
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
	folio_buf_putc(&b, '\n');
	free(v);
	json_t *site = r->site_ctx;
	if (commit)
		folio_dep_put(&b, FOLIO_DEP_INPUT, "site.commit", json_string_value(json_object_get(site, "commit")));
	if (year)
		folio_dep_put(&b, FOLIO_DEP_INPUT, "site.year", json_string_value(json_object_get(site, "year")));
	folio_buf_truncate(&b, b.size - 1); /* the last newline: dep_template_cb() ends the line */
	return folio_buf_detach(&b, NULL);
}

/* A template's version, computed once per renderer: every page asks.
 * Appended to out under the memo's lock, which grows (and moves) it. */
static void put_template_version(renderer *r, const char *name, folio_buf *out)
{
	pthread_mutex_lock(&r->tversions_lock);
	size_t i = 0;
	while (i < r->ntversions && strcmp(r->tversions[i].name, name))
		i++;
	if (i == r->ntversions) {
		FOLIO_ARRAY_GROW(r->tversions, r->ntversions, r->atversions, r->ntversions + 1);
		r->tversions[i].name = folio_xstrdup(name);
		r->tversions[i].version = template_inputs(r, name);
		r->ntversions++;
	}
	folio_buf_printf(out, "%s\n", r->tversions[i].version);
	pthread_mutex_unlock(&r->tversions_lock);
}

/* A template's version is the model's line ("templates/x.mustache=<id>",
 * "builtin:x=<hash>", "missing:x": folio_site_template_version()), then
 * the site.commit and site.year records template_inputs() added. */
static void dep_template_cb(const char *name, void *payload)
{
	void **args = payload;
	put_template_version(args[0], name, args[1]);
}

static void dep_template(folio_buf *out, const renderer *r, const char *name)
{
	void *args[2] = { (void *)r, out };
	dep_template_cb(name, args);
	folio_templates_foreach_dependency(folio_site_templates(r->site), name, dep_template_cb, args);
}

/* Where the pages and bundle files p links to are published, which their
 * slug:/url: decides, not p's bytes: wherever p's body shows (its own
 * page, its feed page's item). */
static void dep_placed(folio_buf *out, const folio_page *p)
{
	for (size_t i = 0; i < p->md.nlinks; i++)
		if (p->md.links[i].placed)
			folio_dep_put(out, FOLIO_DEP_PLACED, p->md.links[i].resolved, NULL);
}

/* The section pages whose cascade: p's {{< param >}}s may read, where its
 * body shows: their change changes its HTML, not its blob. */
static void dep_cascades(folio_buf *out, const renderer *r, const folio_page *p)
{
	const folio_page *from[16];
	for (size_t i = 0, n = folio_site_cascades(r->site, p, from, sizeof(from) / sizeof(*from)); i < n; i++)
		if (from[i] != p)
			folio_dep_put(out, FOLIO_DEP_META, from[i]->path, from[i]->sig);
}

/* The addresses of p's terms that their texts give (slug_from: title),
 * where p shows its terms' links: a text's retitle moves them. */
static void dep_term_addrs(folio_buf *out, const renderer *r, const folio_page *p)
{
	for (size_t t = 0; t < r->cfg->ntaxonomies; t++) {
		if (!r->cfg->taxonomy_titled[t])
			continue;
		char **names;
		size_t n;
		char **slugs = folio_taxonomy_page_terms(r->cfg, p, r->cfg->taxonomies[t], &names, &n);
		for (size_t k = 0; k < n; k++)
			folio_dep_putf(out, FOLIO_DEP_INPUT, "term-addr", "%s/%s %s", r->cfg->taxonomies[t], slugs[k],
			               folio_render__term_addr(r, p, t, slugs[k]));
		folio_taxonomy_free_slugs(slugs, names, n);
	}
}

/*
 * A page as an input: "path=<content id>" where its body shows (its own
 * page, its feed page), "path#meta=<sig>" where only its front matter and
 * summary show (lists, the home page, index.json); then the records its
 * references name, whose titles show (by their signature too).
 */
/* The files of _includes/ the page's text includes (or asked, found or
 * not): its HTML changes with them. A commit changing one is no fast
 * path's (folio_site_path_unread()): the full publish finds these lines
 * changed and renders the page again. The fast path's lines for an edited
 * page are its old ones: an include it gained or lost is one line more or
 * less in a full publish's, so such a page is rendered again then, never
 * kept wrongly. */
static void dep_includes(folio_buf *out, const renderer *r, const folio_page *p)
{
	for (size_t i = 0; i < p->md.nincludes; i++) {
		const char *name = p->md.includes[i], *id = folio_site_include_id(r->site, name);
		/* include_relative's "/docs/x.md": a key of its own, which the
		 * fast path's judge looks for (the file may be a page itself) */
		char *path = name[0] == '/' ? folio_xasprintf(FOLIO_DEP_RELATIVE "%s", name + 1)
		                            : folio_xasprintf("_includes/%s", name);
		folio_dep_put(out, FOLIO_DEP_INPUT, path, id ? id : "absent");
		free(path);
	}
}

static void dep_page(folio_buf *out, const renderer *r, const folio_page *p, bool body)
{
	if (body) {
		folio_dep_put(out, FOLIO_DEP_INPUT, p->path, p->id);
		dep_placed(out, p);
		dep_includes(out, r, p);
	} else
		folio_dep_put(out, FOLIO_DEP_META, p->path, p->sig);
	dep_cascades(out, r, p);
	/* its other language versions, whose URLs it shows (page.translations) */
	for (size_t l = 0; l <= r->cfg->nlanguages && r->cfg->nlanguages; l++) {
		const folio_page *t = folio_site_find_lang(r->site, p->collection->name, folio_page_translation_key(p),
		                                           l ? r->cfg->languages[l - 1] : NULL);
		char key[32];
		snprintf(key, sizeof(key), "lang%zu", l);
		folio_dep_putf(out, FOLIO_DEP_INPUT, key, "%s %s", t && t->ok ? t->path : "-", t && t->ok ? t->url : "-");
	}
	dep_term_addrs(out, r, p);
	const ref_fields *rf = &r->refs[p->collection - r->cfg->collections];
	for (size_t i = 0; i < rf->count; i++) {
		json_t *v = folio_page_meta_get(p, rf->items[i].field);
		size_t k, n = json_is_array(v) ? json_array_size(v) : 1;
		for (k = 0; k < n; k++) {
			json_t *item = json_is_array(v) ? json_array_get(v, k) : v;
			if (!json_is_string(item))
				continue;
			const folio_page *t = folio_site_find(r->site, rf->items[i].target->name,
			                                      json_string_value(item));
			if (t) {
				folio_dep_put(out, FOLIO_DEP_META, t->path, t->sig);
			} else {
				char *key = folio_xasprintf("%s/%s", rf->items[i].target->name, json_string_value(item));
				folio_dep_put(out, FOLIO_DEP_MISSING, key, NULL);
				free(key);
			}
		}
	}
}

static void dep_schema(folio_buf *out, const renderer *r, const folio_collection *c)
{
	char *path = c->schema ? folio_xconcat("schemas/", c->schema, (char *)NULL)
	                       : folio_xconcat("schemas/", c->name, ".json", (char *)NULL);
	dep_file(out, r->site, path);
	free(path);
}

/* How many list pages c has in each language (0 without pages): which
 * of them link their versions (hreflang). */
static void dep_list_versions(folio_buf *out, const renderer *r, const folio_collection *c)
{
	for (size_t l = 0; r->cfg->nlanguages && l <= r->cfg->nlanguages; l++) {
		size_t n;
		folio_site_collection_pages_in(r->site, c, l ? r->cfg->languages[l - 1] : NULL, &n);
		char key[32];
		snprintf(key, sizeof(key), "versions%zu", l);
		folio_dep_putf(out, FOLIO_DEP_INPUT, key, "%zu", n ? folio_render__list_page_count(c, n) : 0);
	}
}

/* A term as an input: its name as shown and how many pages it has (its
 * pagination, its index entry). */
static void dep_term(folio_buf *out, const folio_taxonomy *t, const folio_term *term)
{
	folio_dep_putf(out, FOLIO_DEP_INPUT, "term", "%s/%s:%zu:%s", t->name, term->slug, term->npages, term->name);
	if (term->addr != term->slug) /* at its text's slug: or title */
		folio_dep_putf(out, FOLIO_DEP_INPUT, "term-addr", "%s/%s %s", t->name, term->slug, term->addr);
}

/*
 * index.json shows every page's front matter and summary: one record of
 * their count and of a digest of their signatures, not a record each. Each
 * line would name a page, to no use (no page's own output is found through
 * index.json), and rewriting 10,000 of them, 1.2 MB, was a sixth of an
 * added page's publish at 10k pages.
 */
static void dep_index(folio_buf *out, const renderer *r)
{
	folio_buf all = FOLIO_BUF_INIT;
	size_t count = 0;
	for (size_t k = 0; k < folio_site_page_count(r->site); k++) {
		const folio_page *p = folio_site_page(r->site, k);
		if (!p->ok || folio_site_page_is_text(r->site, p))
			continue;
		folio_dep_put(&all, FOLIO_DEP_META, p->path, p->sig);
		count++;
	}
	folio_dep_digest(out, "index", count, &all);
	folio_buf_dispose(&all);
}

/* An output in a translation language leads to that language's lists, or
 * to the site language's where it has none (render_units.c): which it has,
 * a bit per collection, so that a language's first or last page in a
 * collection renders its other outputs again. */
static void dep_lists_in(folio_buf *out, const renderer *r, const folio_output *o)
{
	const char *lang = o->kind == FOLIO_UNIT_PAGE                            ? o->page->lang
	                   : o->kind == FOLIO_UNIT_TERM || o->kind == FOLIO_UNIT_TERMS ||
						   o->kind == FOLIO_UNIT_TERMS_RSS ? o->taxonomy->lang
	                   : o->kind == FOLIO_UNIT_LIST || o->kind == FOLIO_UNIT_HOME ||
						   o->kind == FOLIO_UNIT_NOT_FOUND ? o->lang
	                                                                               : NULL;
	if (!lang || r->cfg->empty_language_lists)
		return;
	char *bits = folio_xmalloc(r->cfg->ncollections + 1);
	for (size_t c = 0; c < r->cfg->ncollections; c++)
		bits[c] = folio_site_has_list_in(r->site, &r->cfg->collections[c], lang) ? '1' : '0';
	bits[r->cfg->ncollections] = '\0';
	folio_dep_put(out, FOLIO_DEP_INPUT, "lists", bits);
	free(bits);
}

/*
 * An output's records past this many bytes are one line instead, that
 * changes at each commit (FOLIO_DEP_VOLATILE): the output is rendered at
 * every publish, and while such an output is in the state no publish
 * takes a path that finds outputs by their records (folio_publish__volatile).
 * A term page lists pages that may each name 20,000 references: 999 such
 * pages of 6 items each took a publish from the state 91 s and 10 GB.
 */
#define DEPS_MAX ((size_t)1 << 20)

static bool deps_over(const folio_buf *out, size_t start)
{
	return out->size - start > DEPS_MAX;
}

static void deps_volatile(const folio_renderer *r, size_t i, folio_buf *out, size_t start)
{
	const char *commit = json_string_value(json_object_get(r->site_ctx, "commit"));
	folio_buf_truncate(out, start);
	folio_dep_put(out, FOLIO_DEP_INPUT, "folio", folio_build_identity());
	folio_dep_putf(out, FOLIO_DEP_INPUT, "unit", "%d", (int)r->outs.items[i].kind);
	folio_dep_put(out, FOLIO_DEP_INPUT, FOLIO_DEP_VOLATILE, commit ? commit : "worktree");
	folio_buf_shrink(out); /* a publish keeps every output's records: not the megabytes cut */
}

static void output_deps(const folio_renderer *r, size_t i, folio_buf *out, size_t start);

void folio_renderer_deps(const folio_renderer *r, size_t i, folio_buf *out)
{
	size_t start = out->size;
	output_deps(r, i, out, start);
	if (deps_over(out, start))
		deps_volatile(r, i, out, start);
}

/* The records of output i, appended to out from start; the lists stop
 * adding their items once past DEPS_MAX. */
static void output_deps(const folio_renderer *r, size_t i, folio_buf *out, size_t start)
{
	const folio_output *o = &r->outs.items[i];
	size_t n;
	/* a static file is copied as it is, whichever build copies it; what is
	 * rendered is the running build's (a folio rebuilt with other code
	 * renders again what the commit did not change) */
	folio_dep_put(out, FOLIO_DEP_INPUT, "folio",
	              o->kind == FOLIO_UNIT_STATIC ? FOLIO_VERSION : folio_build_identity());
	folio_dep_putf(out, FOLIO_DEP_INPUT, "unit", "%d", (int)o->kind);
	if (o->kind == FOLIO_UNIT_STATIC) {
		dep_file(out, r->site, o->file->path);
		return;
	}
	dep_file(out, r->site, "folio.yaml");
	dep_lists_in(out, r, o);
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
		const folio_page *section = folio_site_section(r->site, c, o->lang);
		if (section)
			dep_page(out, r, section, true);
		folio_dep_putf(out, FOLIO_DEP_INPUT, "pagination", "%zu/%zu", o->number,
		               folio_render__list_page_count(c, n));
		size_t first, shown = folio_render__list_page_items(c, n, o->number, &first);
		for (size_t k = first; k < first + shown && !deps_over(out, start); k++)
			if (pages[k]->ok)
				dep_page(out, r, pages[k], false);
		dep_list_versions(out, r, c);
		break;
	}
	case FOLIO_UNIT_FEED: {
		const folio_page *const *sorted = folio_render__feed_order_in(r, o->collection, o->lang, &n);
		const folio_collection *c = o->collection;
		folio_dep_putf(out, FOLIO_DEP_INPUT, "pagination", "%zu/%zu", o->number,
		               folio_render__list_page_count(c, n));
		size_t first, shown = folio_render__list_page_items(c, n, o->number, &first);
		for (size_t k = first; k < first + shown && !deps_over(out, start); k++) {
			folio_dep_put(out, FOLIO_DEP_INPUT, sorted[k]->path, sorted[k]->id);
			dep_placed(out, sorted[k]); /* its HTML shows them */
			dep_includes(out, r, sorted[k]);
			dep_cascades(out, r, sorted[k]);
		}
		break;
	}
	case FOLIO_UNIT_ATOM:
	case FOLIO_UNIT_RSS:
	case FOLIO_UNIT_TERM_FEED: { /* what lists show of the first items: no body */
		char *title, *home;
		const folio_page *const *items = folio_render__feed_items(r, o, &n, &title, &home);
		if (o->term)
			dep_term(out, o->taxonomy, o->term);
		for (size_t k = 0; k < n; k++)
			folio_dep_put(out, FOLIO_DEP_META, items[k]->path, items[k]->sig);
		free(title);
		free(home);
		break;
	}
	case FOLIO_UNIT_TERM: {
		const folio_term *term = o->term;
		size_t first, shown = folio_render__page_items(r->cfg->page_size, r->cfg->pages_shift,
		                                               term->npages, o->number, &first);
		dep_template(out, r, "term");
		dep_term(out, o->taxonomy, term);
		if (term->text)
			dep_page(out, r, term->text, true);
		for (size_t k = first; k < first + shown && !deps_over(out, start); k++)
			dep_page(out, r, term->pages[k], false);
		break;
	}
	case FOLIO_UNIT_SECTION_RSS: { /* its title and URL, its items as lists show them */
		folio_dep_put(out, FOLIO_DEP_META, o->page->path, o->page->sig);
		const folio_page *const *items = folio_render__section_items(r, o->page, &n);
		for (size_t k = 0; k < n; k++)
			folio_dep_put(out, FOLIO_DEP_META, items[k]->path, items[k]->sig);
		break;
	}
	case FOLIO_UNIT_TERMS_RSS: /* its text's title; each term's name, address and newest page's date */
		if (o->taxonomy->text)
			dep_page(out, r, o->taxonomy->text, false);
		for (size_t k = 0; k < o->taxonomy->nterms; k++) {
			const folio_term *term = &o->taxonomy->terms[k];
			dep_term(out, o->taxonomy, term);
			if (term->npages)
				folio_dep_put(out, FOLIO_DEP_META, term->pages[0]->path, term->pages[0]->sig);
		}
		break;
	case FOLIO_UNIT_TERMS:
		dep_template(out, r, "terms");
		if (o->taxonomy->text)
			dep_page(out, r, o->taxonomy->text, true);
		for (size_t k = 0; k < o->taxonomy->nterms; k++)
			dep_term(out, o->taxonomy, &o->taxonomy->terms[k]);
		break;
	case FOLIO_UNIT_HOME:
		dep_template(out, r, "home");
		if (folio_site_home(r->site, o->lang))
			dep_page(out, r, folio_site_home(r->site, o->lang), true);
		for (size_t c = 0; c < r->cfg->ncollections; c++) {
			const folio_page *const *pages =
				folio_site_collection_pages_in(r->site, &r->cfg->collections[c], o->lang, &n);
			for (size_t k = 0, shown = 0; !r->cfg->collections[c].unlisted && k < n && shown < HOME_ITEMS &&
			                              !deps_over(out, start); k++)
				if (pages[k]->ok) {
					dep_page(out, r, pages[k], false);
					shown++;
				}
		}
		break;
	case FOLIO_UNIT_NOT_FOUND: /* the site's title and collections only */
		dep_template(out, r, "404");
		break;
	case FOLIO_UNIT_SITEMAP:
		folio_render__sitemap_deps(r, o, out);
		break;
	case FOLIO_UNIT_INDEX:
		dep_index(out, r);
		break;
	case FOLIO_UNIT_STATIC:
		break;
	case FOLIO_UNIT_ALIAS: /* the page's URL: its path and front matter */
		dep_page(out, r, o->page, false);
		break;
	case FOLIO_UNIT_REDIRECT: /* folio.yaml's redirects: only */
		break;
	}
}
