/*
 * The fast path's feed pages (publish_fast.c): a dirty output that is not a
 * changed page's own is a feed page, read from its stored dependency lines
 * (deps.h: its items in order, its number, the configuration it was made
 * with). Its other items are the fragments the state keeps (feed_items, by path,
 * content id and configuration), else parsed; the fragments made are kept
 * in the journal's transaction for the next publish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/deps.h"
#include "publish/publish_fast.h"
#include "publish/state_db.h"
#include "model/layout.h"
#include "render/render_partial.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/banned.h"


/* A feed page from its stored records (deps.h): (INPUT, "folio.yaml") its
 * configuration, (INPUT, "pagination", "N/M"), a PLACED record makes it
 * fresh, and each (INPUT, "<page>.md", id) an item, in order (a page of
 * any kind: "x.markdown" too, folio_dep_names_page). */
static bool parse_feed_deps(feed_page *fp, const char *deps)
{
	size_t alloc = 0, len;
	bool paginated = false;
	const char *cursor = deps, *line;
	folio_dep d;
	while (folio_deps_next(&cursor, &line, &len)) {
		if (folio_dep_parse(&d, line, len) < 0)
			continue;
		if (folio_dep_is(&d, FOLIO_DEP_INPUT, "folio.yaml", NULL)) {
			free(fp->config);
			fp->config = folio_xstrndup(line, len);
		} else if (d.kind == FOLIO_DEP_PLACED) {
			fp->fresh = true;
		} else if (folio_dep_is(&d, FOLIO_DEP_INPUT, "pagination", NULL)) {
			char *v = folio_xstrndup(d.value, d.value_len);
			paginated = sscanf(v, "%zu/%zu", &fp->number, &fp->count) == 2;
			free(v);
		} else if (d.kind == FOLIO_DEP_INPUT && folio_dep_names_page(&d) && !memchr(line, '#', len)) {
			FOLIO_ARRAY_GROW(fp->paths, fp->n, alloc, fp->n + 1);
			fp->ids = folio_xrealloc(fp->ids, alloc * sizeof(*fp->ids));
			fp->paths[fp->n] = folio_xstrndup(d.key, d.key_len);
			fp->ids[fp->n++] = folio_xstrndup(d.value, d.value_len);
		}
	}
	return paginated && fp->config;
}

static folio_page *find_added(folio_site *site, const char *path)
{
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		if (!strcmp(folio_site_page(site, i)->path, path))
			return (folio_page *)folio_site_page(site, i);
	return NULL;
}

/* On a translated site, does the partial site find pg's other language
 * versions where the full load that wrote deps (its output's stored lines,
 * "lang<N>" records: render_deps.c) found them? A body edit changes none,
 * but the partial site finds them by collection, slug and language from
 * the state, and a rule it does not know of (translationKey in a page it
 * did not parse) would show other links: then the fast path steps aside. */
static bool versions_match(const folio_config *cfg, const folio_site *site, const folio_page *pg,
                           const char *deps)
{
	for (size_t l = 0; l <= cfg->nlanguages && cfg->nlanguages; l++) {
		const folio_page *t = folio_site_find_lang(site, pg->collection->name, folio_page_translation_key(pg),
		                                           l ? cfg->languages[l - 1] : NULL);
		char key[32], *want = folio_xasprintf("%s %s", t && t->ok ? t->path : "-",
		                                      t && t->ok ? t->url : "-");
		snprintf(key, sizeof(key), "lang%zu", l);
		bool found = false;
		const char *cursor = deps, *line;
		size_t len;
		folio_dep d;
		while (!found && folio_deps_next(&cursor, &line, &len))
			found = folio_dep_parse(&d, line, len) == 0 && folio_dep_is(&d, FOLIO_DEP_INPUT, key, NULL) &&
			        d.value_len == strlen(want) && !memcmp(d.value, want, d.value_len);
		free(want);
		if (!found)
			return false;
	}
	return true;
}

/* Classify each dirty output: the page of a changed page, or a feed page. */
void folio_publish__classify(fast *f, fast_work *w)
{
	const folio_config *cfg = folio_site_config(w->site);
	w->feeds = folio_xcalloc(f->nouts ? f->nouts : 1, sizeof(*w->feeds));
	w->nfeeds = f->nouts;
	for (size_t i = 0; i < f->nouts && !f->refused; i++) {
		dirty_output *o = &f->outs[i];
		const folio_page *pg = w->changed[o->change];
		char *own = folio_layout_url_output(pg->url);
		bool is_page = !strcmp(own, o->path);
		free(own);
		if (is_page && !versions_match(cfg, w->site, pg, o->deps))
			f->refused = true;
		if (is_page)
			continue;
		feed_page *fp = &w->feeds[i];
		size_t number = 0;
		const char *rest;
		fp->lang = folio_layout_output_language(cfg, o->path, &rest);
		for (size_t c = 0; c < cfg->ncollections && !fp->collection; c++)
			if (folio_layout_feed_number(&cfg->collections[c], rest, &number))
				fp->collection = &cfg->collections[c];
		if (!fp->collection || !parse_feed_deps(fp, o->deps) || fp->number != number)
			f->refused = true; /* an output the fast path does not know how to render */
	}
}
/* The other items of each feed page: their kept fragments, else parsed. */
void folio_publish__load_neighbours(fast *f, fast_work *w)
{
	for (size_t i = 0; i < f->nouts && !f->refused; i++) {
		feed_page *fp = &w->feeds[i];
		if (!fp->collection)
			continue;
		fp->items = folio_xcalloc(fp->n ? fp->n : 1, sizeof(*fp->items));
		fp->fragments = folio_xcalloc(fp->n ? fp->n : 1, sizeof(*fp->fragments));
		fp->made = folio_xcalloc(fp->n ? fp->n : 1, sizeof(*fp->made));
		for (size_t k = 0; k < fp->n && !f->refused; k++) {
			folio_page *pg = find_added(w->site, fp->paths[k]);
			if (!pg && !fp->fresh &&
			    (fp->fragments[k] = folio_publish__fragment_get(f->p, fp->paths[k], fp->ids[k], fp->config)))
				continue;
			if (!pg)
				pg = folio_publish__load_page(f, w->site, fp->paths[k], fp->ids[k], false);
			fp->items[k] = pg;
		}
	}
}

/* Make the fragments not kept, once the renderer exists. */
void folio_publish__make_fragments(fast_work *w, size_t nouts, const folio_renderer *r)
{
	for (size_t i = 0; i < nouts; i++) {
		feed_page *fp = &w->feeds[i];
		for (size_t k = 0; fp->collection && k < fp->n; k++)
			if (!fp->fragments[k]) {
				fp->fragments[k] = folio_renderer__feed_fragment(r, fp->items[k]);
				fp->made[k] = true;
			}
	}
}

/* In the journal's transaction: keep the fragments made, through the
 * publish's one statement (publish_fragments.c). */
int folio_publish__keep_fragments(void *payload)
{
	fast_work *w = payload;
	size_t taken = 0, made = 0;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < w->nfeeds; i++) {
		feed_page *fp = &w->feeds[i];
		for (size_t k = 0; rc == 0 && fp->collection && k < fp->n; k++) {
			taken += !fp->made[k];
			made += fp->made[k];
			/* one whose HTML asks the rest of the site is never kept
			 * (publish_fragments.c, which reads them too) */
			if (fp->made[k] && folio_publish__fragment_keepable(w->p->site, fp->items[k]))
				rc = folio_publish__fragment_put(w->p, fp->paths[k], fp->items[k]->id, fp->config,
				                                 fp->fragments[k]);
		}
	}
	folio_log(FOLIO_LOG_DEBUG, "publish", "fast path: %zu feed items taken from the state, %zu made;"
	          " %zu statements prepared", taken, made, w->p->frags.prepared);
	return rc;
}
