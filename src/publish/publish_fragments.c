/*
 * Feed items kept across publishes (issue 14): a page as an item of its
 * collection's JSON Feed page is its "fragment" (render_partial.h), which
 * costs reading its blob and rendering its Markdown. A full or incremental
 * publish (the site model's too) keeps in feed_items the fragment of every
 * item it makes, and a feed page it renders again (an add shifts ~125 of
 * them by one item at 10k pages) takes each item's kept fragment instead.
 *
 * A fragment is valid for its page's content id and the configuration (the
 * feed page's "folio.yaml=<id>" input line), as the fast path uses them
 * (publish_fast.c): so only a page whose HTML asks nothing of the rest of
 * the site (folio_publish__fragment_keepable()) is kept, by this file and
 * by the fast path: a parsed page by its links, a stub of the site model by
 * those its body's render found (its own record holds none), so that an
 * item first rendered as a stub is kept as well, not rendered again at
 * every add. Previews render other URLs: none is used or kept. Rows of
 * pages no longer published go.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/markdown.h"
#include "folio/state.h"
#include "publish_internal.h"
#include "publish/state_db.h"
#include "render/deps.h"
#include "render/render_partial.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/banned.h"

/* The line of the record (INPUT, "folio.yaml") of the first feed page's
 * inputs ("folio.yaml=<id>"), or NULL. */
static char *config_line(const publisher *p)
{
	for (size_t i = 0; i < p->plan->count; i++) {
		if (p->plan->items[i].kind != FOLIO_UNIT_FEED || !p->deps[i])
			continue;
		const char *cursor = p->deps[i], *line;
		size_t len;
		folio_dep d;
		while (folio_deps_next(&cursor, &line, &len))
			if (folio_dep_parse(&d, line, len) == 0 &&
			    folio_dep_is(&d, FOLIO_DEP_INPUT, "folio.yaml", NULL))
				return folio_xstrndup(line, len);
	}
	return NULL;
}

/* Is the page's fragment a function of its blob and the configuration? Not
 * when its links ask the rest of the site (folio_markdown_links_self_contained()),
 * nor below a section page that cascades ({{< param >}} may read it). A
 * stub knows no links: contained says what the render of its body found. */
static bool keepable(const folio_site *site, const folio_page *pg, bool contained)
{
	const folio_page *section;
	return pg->ok && contained && !folio_site_cascades(site, pg, &section, 1);
}

bool folio_publish__fragment_keepable(const folio_site *site, const folio_page *pg)
{
	return !pg->stub && keepable(site, pg, folio_markdown_links_self_contained(&pg->md));
}

/* Meta key: set once the state's feed_items hold only fragments that
 * folio_publish__fragment_keepable() allows (before it, the fast path kept
 * every item it made, links to pages' files included: a feed page's inputs
 * name its items' content ids only): older rows go once. Renamed each time
 * the rule tightens (2: pages below a cascading section page; 3: a link
 * to a page's file that names none). */
#define CHECKED_KEY "feed_items_keepable3"

static void drop_older_rows(publisher *p)
{
	char *done = NULL;
	if (folio_state_get(p->st, CHECKED_KEY, &done) == 0 && done) {
		free(done);
		return;
	}
	if (folio_state_begin(p->st) < 0)
		return;
	if (folio_state_exec(p->st, "DELETE FROM feed_items") < 0 || folio_state_set(p->st, CHECKED_KEY, "1") < 0 ||
	    folio_state_commit(p->st) < 0) /* a failed commit is rolled back already */
		folio_state_rollback(p->st);
}

/* The store's statement *s, prepared on first use. */
static sqlite3_stmt *statement(publisher *p, sqlite3_stmt **s, const char *sql)
{
	if (!*s && sqlite3_prepare_v2(folio_state_db(p->st), sql, -1, s, NULL) == SQLITE_OK)
		p->frags.prepared++;
	return *s;
}

char *folio_publish__fragment_get(publisher *p, const char *path, const char *id, const char *config)
{
	sqlite3_stmt *s = statement(p, &p->frags.get, "SELECT fragment FROM feed_items"
	                            " WHERE path = ? AND blob_id = ? AND config = ?");
	char *frag = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, config, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		/* its length from the row: 2,500 fragments of ~8 KB on an add at 10k */
		size_t len = (size_t)sqlite3_column_bytes(s, 0);
		frag = folio_xmalloc(len + 1);
		memcpy(frag, sqlite3_column_text(s, 0), len + 1);
	}
	/* reset at once: a statement left on a row would hold its read open */
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return frag;
}

int folio_publish__fragment_put(publisher *p, const char *path, const char *id, const char *config,
                                const char *fragment)
{
	sqlite3 *db = folio_state_db(p->st);
	sqlite3_stmt *s = statement(p, &p->frags.put, "INSERT OR REPLACE INTO feed_items(path, blob_id,"
	                            " config, fragment) VALUES(?, ?, ?, ?)");
	if (!s)
		return folio_error_set("state: cannot keep feed items: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, config, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, fragment, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE
	                 ? 0
	                 : folio_error_set("state: cannot keep the feed item of '%s': %s", path, sqlite3_errmsg(db));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

void folio_publish__fragments_close(publisher *p)
{
	sqlite3_finalize(p->frags.get);
	sqlite3_finalize(p->frags.put);
	sqlite3_finalize(p->frags.drop);
	p->frags.get = p->frags.put = p->frags.drop = NULL;
}

void folio_publish__fragments_prepare(publisher *p, const bool *render)
{
	if (p->opts->preview_base_url)
		return;
	drop_older_rows(p);
	/* a full load makes one per feed item: they wait in a scratch file in
	 * the state's folder, not in memory, as the pages' HTML does */
	folio_renderer__collect_fragments(p->renderer, p->model ? NULL : p->opts->state_dir,
	                                  folio_site_limits(p->site)->v[FOLIO_LIMIT_SITE_SIZE]);
	char *config = render ? config_line(p) : NULL;
	if (!config)
		return;
	const folio_page **pages = NULL;
	char **frags = NULL;
	size_t n = 0, alloc = 0;
	for (size_t i = 0; i < p->plan->count; i++) {
		size_t nitems;
		const folio_page *const *items = render[i] ? folio_renderer__feed_page_items(p->renderer, i, &nitems) : NULL;
		for (size_t k = 0; items && k < nitems; k++) {
			/* kept while no section above it cascaded: one that does now
			 * may give its {{< param >}}s other values (put_made() drops
			 * the row, so that the fast path finds it no more either) */
			const folio_page *section;
			if (folio_site_cascades(p->site, items[k], &section, 1))
				continue;
			char *frag = folio_publish__fragment_get(p, items[k]->path, items[k]->id, config);
			if (!frag)
				continue;
			FOLIO_ARRAY_GROW(pages, n, alloc, n + 1);
			frags = folio_xrealloc(frags, alloc * sizeof(*frags));
			pages[n] = items[k];
			frags[n++] = frag;
		}
	}
	folio_renderer__use_fragments(p->renderer, pages, frags, n);
	free(pages);
	free(frags);
	free(config);
}

/* The row of path, if any: its page's fragment may no longer be kept (a
 * section above it cascades now) though its blob and the configuration are
 * those it was kept for. */
static int drop_row(publisher *p, const char *path)
{
	sqlite3 *db = folio_state_db(p->st);
	sqlite3_stmt *s = statement(p, &p->frags.drop, "DELETE FROM feed_items WHERE path = ?");
	if (!s)
		return folio_error_set("state: cannot drop feed items: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE
	                 ? 0
	                 : folio_error_set("state: cannot drop the feed item of '%s': %s", path, sqlite3_errmsg(db));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

static int put_made(publisher *p, const char *config, size_t *kept)
{
	int rc = 0;
	for (size_t k = 0; rc == 0 && k < folio_renderer__made_count(p->renderer); k++) {
		const folio_page *pg;
		bool contained;
		char *frag = folio_renderer__take_made(p->renderer, k, &pg, &contained);
		if (!frag)
			rc = -1;
		else if (pg->stub ? keepable(p->site, pg, contained) : folio_publish__fragment_keepable(p->site, pg)) {
			rc = folio_publish__fragment_put(p, pg->path, pg->id, config, frag);
			(*kept)++;
		} else if (pg->ok && (pg->stub ? contained : folio_markdown_links_self_contained(&pg->md))) {
			/* below a section that cascades now: kept before, for this
			 * blob (one its links keep out was never kept: no row) */
			rc = drop_row(p, pg->path);
		}
		free(frag);
	}
	return rc;
}

/* Rows of pages no longer published: from the site model, only a page the
 * commit changed can have left the pages table, so those paths are looked
 * up (the scan of every row read the fragments' pages, ~20 ms at 10k);
 * else every row is checked. */
static int drop_gone(publisher *p, bool *scanned)
{
	*scanned = !p->model;
	if (!p->model)
		return folio_state_exec(p->st, "DELETE FROM feed_items WHERE path NOT IN (SELECT path FROM pages)");
	sqlite3 *db = folio_state_db(p->st);
	sqlite3_stmt *s = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(db, "DELETE FROM feed_items WHERE path = ?1 AND NOT EXISTS"
	                       " (SELECT 1 FROM pages WHERE path = ?1)", -1, &s, NULL) != SQLITE_OK)
		return folio_error_set("state: cannot drop feed items: %s", sqlite3_errmsg(db));
	p->frags.prepared++;
	const folio_publish__change *c = p->model_change;
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		sqlite3_bind_text(s, 1, c->paths[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = folio_error_set("state: cannot drop the feed item of '%s': %s", c->paths[i], sqlite3_errmsg(db));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

void folio_publish__fragments_keep(publisher *p)
{
	if (p->opts->preview_base_url)
		return;
	char *config = config_line(p);
	size_t made = folio_renderer__made_count(p->renderer), kept = 0;
	bool scanned = false;
	/* a cache: its commit waits for no disk (the record's did) */
	int rc = folio_state_durable(p->st, false);
	if (rc == 0)
		rc = folio_state_begin(p->st);
	if (rc == 0 && config)
		rc = put_made(p, config, &kept);
	/* pages deleted, unpublished or held: their rows would never be read */
	if (rc == 0)
		rc = drop_gone(p, &scanned);
	if (rc == 0)
		rc = folio_state_commit(p->st);
	else
		folio_state_rollback(p->st);
	if (folio_state_durable(p->st, true) < 0 && rc == 0)
		rc = FOLIO_ERROR;
	/* only a cache: the publish stands, the next one makes them again */
	if (rc < 0)
		folio_log(FOLIO_LOG_WARN, "publish", "feed items not kept: %s", folio_error_last());
	folio_log(FOLIO_LOG_DEBUG, "publish", "feed items: %zu taken from the state, %zu rendered (%zu of"
	          " them in the scratch file), %zu kept; %zu page bodies read; %zu statements prepared;"
	          " rows of pages gone found %s",
	          folio_renderer__reused(p->renderer), made, folio_renderer__made_spilled(p->renderer), kept,
	          folio_renderer__bodies_read(p->renderer), p->frags.prepared, scanned ? "by a scan" : "by path");
	free(config);
}
