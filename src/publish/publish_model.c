/*
 * Publishing a commit that adds, deletes or retitles pages from the stored
 * site model (issue 14), without parsing the pages it did not change.
 *
 * The judge (publish_fast.c, structure.c) says the commit's verdict from
 * the records: the changed pages parsed and validated, what they change
 * elsewhere asked of the reverse indexes. When it takes the commit, the
 * site is loaded streaming (folio_site_options.stream) with a stub callback:
 * every page whose blob the records describe becomes a stub made from its
 * record (front matter as JSON, summary), so lists, feeds, the home page,
 * index.json, the sitemap, taxonomy pages and Atom/RSS are planned and
 * rendered as a full load would; a stub's body is read only when an output
 * of its own is written (a feed page's items: folio_site_page_html). Its
 * collection's sort value, and its schedule when it has none, come from the
 * record too: loading the site parses no stub's front matter for them.
 *
 * Parsed in full, besides the changed pages: every page one of whose own
 * outputs the state says shows a changed page (its dependency lines name
 * it: a referrer of a retitled person, the items of a changed page's feed
 * page), since a stub knows neither its links nor its headings. The own
 * page (and aliases) of every other stub is taken as unchanged: its stored
 * input hash stands for its dependency lines (folio_publish__model_kept()),
 * which depend on its own blob and on the pages it references only. A stub
 * whose own page records where its links to other pages' files lead (its
 * "file:" records) gets them back as placed links, so that a feed page
 * listing it records them as a full build does (a moved target is judged
 * whole, so they still hold).
 *
 * On a translated site a page's own output shows its versions' URLs (the
 * hreflang links, render_deps.c's "lang<N>" records): the versions of a
 * changed page, the pages of its collection with its translation key in
 * the commit or in its record, are parsed in full too (mark_versions());
 * a stub's key is its record's translationKey, else its slug, as a parse
 * gives it (model/site_parse.c).
 *
 * It steps aside (1: the whole site is loaded and validated) whenever the
 * result may differ from a full publish's: the judge refuses, the records
 * do not describe the published commit, a stub's URL or signature computed
 * from its record is not the recorded one, a stub's own output is not in
 * the state, a page names an added page as a missing reference, or a stub
 * is a version of a changed page after all.
 * tests/e2e/publish_invariant.py compares its bytes and findings with full
 * builds; t185 shows it taken.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "folio/render.h"
#include "folio/source.h"
#include "publish/records.h"
#include "publish/state_db.h"
#include "publish_internal.h"
#include "render/deps.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/parallel.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/timestamp.h"
#include "util/banned.h"

typedef struct {
	char *path, *id, *url, *meta, *summary, *sig;
	char *title, *date; /* date: NULL when the page has none */
	char *collection, *key; /* on a translated site: what its versions share */
	char *sort_field, *sort_value; /* NULL: not recorded (a version 6 record); value NULL: none */
	bool parse; /* changed, or an own output shows a changed page: parsed in full */
	bool unscheduled; /* published, no draft, no dates: its schedule read nothing */
} model_record;

/* A page's own output and the places its links lead to, as its "file:"
 * records say them, in their order (render_deps.c's dep_placed()). */
typedef struct {
	char *output;
	char **urls;
	size_t n;
} placed_links;

struct folio_publish__model {
	model_record *recs; /* path order */
	size_t nrecs;
	placed_links *placed; /* output order */
	size_t nplaced;
	folio_publish__change change;
	/* The records are read on a thread of their own while the site's
	 * configuration, templates and tree load (a second core's work, a
	 * tenth of an add at 10k pages); the first stub waits for them. */
	folio_state *st;
	folio_task reader;           /* joined: recs, placed and marks are set */
	bool started;                /* the reader was started */
	int read_rc;                 /* what reading them returned */
	char *read_error;            /* its message, when read_rc < 0 */
};

static void model_wait(struct folio_publish__model *m);

/* The reader joined first, if it still runs. */
static void model_free(struct folio_publish__model *m)
{
	if (!m)
		return;
	if (m->started)
		folio_task_dispose(&m->reader);
	free(m->read_error);
	for (size_t i = 0; i < m->nrecs; i++) {
		model_record *r = &m->recs[i];
		free(r->path);
		free(r->id);
		free(r->url);
		free(r->meta);
		free(r->summary);
		free(r->sig);
		free(r->title);
		free(r->date);
		free(r->collection);
		free(r->key);
		free(r->sort_field);
		free(r->sort_value);
	}
	free(m->recs);
	for (size_t i = 0; i < m->nplaced; i++) {
		for (size_t k = 0; k < m->placed[i].n; k++)
			free(m->placed[i].urls[k]);
		free(m->placed[i].urls);
		free(m->placed[i].output);
	}
	free(m->placed);
	folio_publish__change_dispose(&m->change);
	free(m);
}

void folio_publish__change_dispose(folio_publish__change *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->paths[i]);
		free(c->collections ? c->collections[i] : NULL);
		free(c->keys ? c->keys[i] : NULL);
	}
	free(c->paths);
	free(c->collections);
	free(c->keys);
	free(c->deleted);
	memset(c, 0, sizeof(*c));
}

static int cmp_record(const void *key, const void *elem)
{
	return strcmp(key, ((const model_record *)elem)->path);
}

static model_record *find_record(const struct folio_publish__model *m, const char *path)
{
	return m->nrecs ? bsearch(path, m->recs, m->nrecs, sizeof(*m->recs), cmp_record) : NULL; /* recs may be NULL */
}

/* find_record() for the site's pages asked in path order, as the stubs and
 * site_matches() ask them: the record after the last one this thread found
 * is tried first, one strcmp instead of a search of 14 to 17 (each a cache
 * miss at 100k pages: 7 M instructions and 5% of an add's samples at 10k).
 * The hint is only a guess, checked: a thread of another publish, or pages
 * out of order, fall back to the search. */
static model_record *find_record_next(const struct folio_publish__model *m, const char *path)
{
	static _Thread_local size_t hint;
	size_t i = hint + 1;
	if (i < m->nrecs && !strcmp(m->recs[i].path, path))
		return &m->recs[hint = i];
	model_record *r = find_record(m, path);
	if (r)
		hint = (size_t)(r - m->recs);
	return r;
}

static char *column(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return folio_xstrdup(t ? (const char *)t : "");
}

/* NULL for NULL, told by the text's pointer: no sqlite3_column_type()
 * first, each call into SQLite taking the connection's mutex. */
static char *column_or_null(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? folio_xstrdup((const char *)t) : NULL;
}

/* Do the records describe the commit published (a state migrated from
 * version 5 has none until a full load)? */
static bool records_current(folio_state *st)
{
	char *records = NULL, *published = NULL;
	bool ok = folio_state_get(st, "records_commit", &records) == 0 &&
	          folio_state_get(st, "published_commit", &published) == 0 && records && published &&
	          !strcmp(records, published);
	free(records);
	free(published);
	return ok;
}

/* A record's translation key (folio_page_translation_key()): its front
 * matter's translationKey, else its slug (column 9 of s); the front matter
 * is parsed only when its text names the key. */
static char *record_key(const char *meta, sqlite3_stmt *s)
{
	char *key = NULL;
	if (strstr(meta, "\"translationKey\"") || strstr(meta, "\"translationkey\"")) {
		json_t *j = json_loads(meta, 0, NULL);
		const char *k = folio_meta_translation_key(j);
		key = k ? folio_xstrdup(k) : NULL;
		json_decref(j);
	}
	return key ? key : column(s, 12); /* the slug */
}

static int load_records(folio_state *st, struct folio_publish__model *m)
{
	sqlite3 *db = folio_state_db(st);
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	/* BINARY collation: strcmp's order, which find_record() searches */
	if (sqlite3_prepare_v2(db, "SELECT path, blob_id, url, meta, summary, sig, title, date,"
	                       " sort_field, sort_value, status = ? AND NOT draft AND publish_at IS NULL"
	                       " AND expiry_at IS NULL, collection, slug FROM records ORDER BY path",
	                       -1, &s, NULL) != SQLITE_OK)
		return folio_error_set("state: cannot read the records: %s", sqlite3_errmsg(db));
	/* a value folio cannot read holds the page as a draft, no column says
	 * which: published tells it had none */
	sqlite3_bind_int(s, 1, (int)FOLIO_PAGE_PUBLISHED);
	while (sqlite3_step(s) == SQLITE_ROW) {
		FOLIO_ARRAY_GROW(m->recs, m->nrecs, alloc, m->nrecs + 1);
		model_record *r = &m->recs[m->nrecs++];
		memset(r, 0, sizeof(*r));
		r->path = column(s, 0);
		r->id = column(s, 1);
		r->url = column(s, 2);
		r->meta = column(s, 3);
		r->summary = column(s, 4);
		r->sig = column(s, 5);
		r->title = column(s, 6);
		r->date = column_or_null(s, 7);
		r->sort_field = column_or_null(s, 8);
		r->sort_value = column_or_null(s, 9);
		r->unscheduled = sqlite3_column_int(s, 10) == 1;
		if (m->change.keys) {
			r->collection = column(s, 11);
			r->key = record_key(r->meta, s);
		}
	}
	sqlite3_finalize(s);
	return 0;
}

/* If deps are those of a page's own output (or alias): mark that page,
 * named by its first page record ((INPUT or META, "x.md")). Lists and
 * feeds need no mark: a stub is listed, its HTML read when wanted. */
static void mark_page_of(struct folio_publish__model *m, const char *deps)
{
	char page_unit[16], alias_unit[16];
	snprintf(page_unit, sizeof(page_unit), "%d", (int)FOLIO_UNIT_PAGE);
	snprintf(alias_unit, sizeof(alias_unit), "%d", (int)FOLIO_UNIT_ALIAS);
	const char *cursor = deps, *line, *page = NULL;
	size_t len, page_len = 0;
	bool own = false;
	folio_dep d;
	while (folio_deps_next(&cursor, &line, &len)) {
		if (folio_dep_parse(&d, line, len) < 0)
			continue;
		if (folio_dep_is(&d, FOLIO_DEP_INPUT, "unit", page_unit) ||
		    folio_dep_is(&d, FOLIO_DEP_INPUT, "unit", alias_unit))
			own = true;
		else if (!page && (d.kind == FOLIO_DEP_INPUT || d.kind == FOLIO_DEP_META) && folio_dep_names_page(&d)) {
			page = d.key;
			page_len = d.key_len;
		}
	}
	if (!own || !page)
		return;
	char *path = folio_xstrndup(page, page_len);
	model_record *r = find_record(m, path);
	if (r)
		r->parse = true;
	free(path);
}

/* The changed pages, and the pages whose own outputs show one of them. */
static int mark_parsed(folio_state *st, struct folio_publish__model *m)
{
	sqlite3 *db = folio_state_db(st);
	sqlite3_stmt *s = NULL;
	/* ranges on deps_by_dep: "path=..." and "path#meta=..." */
	if (sqlite3_prepare_v2(db, "SELECT deps FROM outputs WHERE path IN (SELECT output FROM deps"
	                       " WHERE (dep >= ?1 AND dep < ?2) OR (dep >= ?3 AND dep < ?4))",
	                       -1, &s, NULL) != SQLITE_OK)
		return folio_error_set("state: cannot read the dependencies: %s", sqlite3_errmsg(db));
	for (size_t i = 0; i < m->change.n; i++) {
		const char *path = m->change.paths[i];
		model_record *r = find_record(m, path);
		if (r)
			r->parse = true;
		/* each range: the record's line with an empty value, to the same with
		 * its '=' one higher ('>') */
		char *from = folio_dep_line(FOLIO_DEP_INPUT, path, ""), *to = folio_xstrdup(from);
		char *mfrom = folio_dep_line(FOLIO_DEP_META, path, ""), *mto = folio_xstrdup(mfrom);
		to[strlen(to) - 1]++;
		mto[strlen(mto) - 1]++;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, mfrom, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, mto, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(s) == SQLITE_ROW)
			if (sqlite3_column_text(s, 0))
				mark_page_of(m, (const char *)sqlite3_column_text(s, 0));
		free(from);
		free(to);
		free(mfrom);
		free(mto);
	}
	sqlite3_finalize(s);
	return 0;
}

/* Is (collection, key) that of a changed page, as the commit has it or as
 * its record had it? Its versions in other languages show its URL. */
static bool versions_changed(const struct folio_publish__model *m, const char *collection, const char *key)
{
	const folio_publish__change *c = &m->change;
	for (size_t i = 0; i < c->n; i++) {
		if (c->keys[i] && !strcmp(c->keys[i], key) && !strcmp(c->collections[i], collection))
			return true;
		const model_record *r = find_record(m, c->paths[i]);
		if (r && !strcmp(r->key, key) && !strcmp(r->collection, collection))
			return true;
	}
	return false;
}

/* On a translated site, a page's own output shows its versions' URLs
 * (hreflang links, render_deps.c's "lang<N>" records): the versions of a
 * changed page, before and after the commit, are parsed and rendered again.
 * A version its record does not tell (one the loaded site finds otherwise)
 * makes site_matches() step aside. */
static void mark_versions(struct folio_publish__model *m)
{
	if (!m->change.keys)
		return;
	for (size_t i = 0; i < m->nrecs; i++)
		if (!m->recs[i].parse && versions_changed(m, m->recs[i].collection, m->recs[i].key))
			m->recs[i].parse = true;
}

/* The "file:" records of each page's own output that has any (few: the
 * range is read from deps_by_dep), for give_placed(). */
static int load_placed(folio_state *st, struct folio_publish__model *m)
{
	sqlite3 *db = folio_state_db(st);
	sqlite3_stmt *s = NULL;
	char page_unit[32];
	size_t alloc = 0;
	snprintf(page_unit, sizeof(page_unit), "\nunit=%d\n", (int)FOLIO_UNIT_PAGE);
	/* BINARY collation: strcmp's order, which give_placed() searches */
	if (sqlite3_prepare_v2(db, "SELECT path, deps FROM outputs WHERE path IN (SELECT output FROM deps"
	                       " WHERE dep >= 'file:' AND dep < 'file;') ORDER BY path", -1, &s, NULL) != SQLITE_OK)
		return folio_error_set("state: cannot read the dependencies: %s", sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *deps = (const char *)sqlite3_column_text(s, 1), *line;
		size_t len, nalloc = 0;
		if (!deps || !strstr(deps, page_unit))
			continue; /* a feed page's or a list's: its items' own pages have them */
		FOLIO_ARRAY_GROW(m->placed, m->nplaced, alloc, m->nplaced + 1);
		placed_links *pl = &m->placed[m->nplaced++];
		memset(pl, 0, sizeof(*pl));
		pl->output = column(s, 0);
		folio_dep d;
		while (folio_deps_next(&deps, &line, &len))
			if (folio_dep_parse(&d, line, len) == 0 && d.kind == FOLIO_DEP_PLACED) {
				FOLIO_ARRAY_GROW(pl->urls, pl->n, nalloc, pl->n + 1);
				pl->urls[pl->n++] = folio_xstrndup(d.key, d.key_len);
			}
	}
	sqlite3_finalize(s);
	return 0;
}

static int cmp_placed(const void *key, const void *elem)
{
	return strcmp(key, ((const placed_links *)elem)->output);
}

/* A stub knows no links: the places its own page says its links lead to
 * become placed links, all a feed page listing it asks of them (its other
 * links show in its HTML only, read from its blob). */
static void give_placed(const struct folio_publish__model *m, folio_page *p, const char *url)
{
	if (!m->nplaced)
		return;
	char *own = folio_layout_url_output(url);
	const placed_links *pl = bsearch(own, m->placed, m->nplaced, sizeof(*m->placed), cmp_placed);
	free(own);
	if (!pl)
		return;
	p->md.links = folio_xcalloc(pl->n, sizeof(*p->md.links));
	for (size_t k = 0; k < pl->n; k++) {
		folio_link *l = &p->md.links[p->md.nlinks++];
		l->kind = FOLIO_LINK_INTERNAL;
		l->placed = true;
		l->target = folio_xstrdup(pl->urls[k]);
		l->resolved = folio_xstrdup(pl->urls[k]);
	}
}

/* Its value of its collection's sort field, when the record holds it for
 * that field (a version 6 record, or one written under another sort: the
 * sort reads its front matter). */
static void give_sort(model_record *r, folio_page *p)
{
	if (!r->sort_field || strcmp(r->sort_field, p->collection->sort_field))
		return;
	p->own_sort_text = r->sort_value; /* parsed when the sort reads it (site_index.c) */
	r->sort_value = NULL;
	p->own_sort_known = true;
}

/* The records, the pages to parse in full and the placed links: what a
 * stub is made from. On the reader thread; the state's connection
 * serialises its calls (SQLITE_OPEN_FULLMUTEX). */
static int read_model(void *payload)
{
	struct folio_publish__model *m = payload;
	int rc;
	if ((rc = load_records(m->st, m)) == 0 && (rc = mark_parsed(m->st, m)) == 0 &&
	    (rc = load_placed(m->st, m)) == 0)
		mark_versions(m);
	if (rc < 0)
		m->read_error = folio_xstrdup(folio_error_last());
	m->read_rc = rc;
	return rc;
}

static struct folio_publish__model *model_new(void)
{
	return folio_xcalloc(1, sizeof(struct folio_publish__model));
}

static void model_start(struct folio_publish__model *m, folio_state *st)
{
	m->st = st;
	m->started = true;
	/* a transaction of this thread's holds the connection: a reader
	 * would wait for it while this thread waits for the reader */
	folio_task_start(&m->reader, read_model, m, folio_state_in_transaction(st));
}

/* Join the reader once, whichever thread asks first; then the records
 * are read-only (a stub takes fields it alone owns). */
static void model_wait(struct folio_publish__model *m)
{
	if (m->started)
		folio_task_wait(&m->reader);
}

/* folio_site_options.stub: a page the commit did not change, from its record. */
static bool stub_page(folio_page *p, void *payload)
{
	struct folio_publish__model *m = payload;
	model_wait(m);
	if (m->read_rc < 0)
		return false; /* parsed: the load is told below, and steps aside */
	model_record *r = find_record_next(m, p->path);
	if (!r || r->parse || strcmp(r->id, p->id))
		return false;
	/* its signature is the record's, not hashed again from the record's
	 * front matter and summary (4% of an add at 10k pages): one
	 * folio_record_of() wrote all three from one parse, by this folio (the
	 * judge requires the state's build id, and a full load under another
	 * one rewrites every record whose columns differ, records_sync.c) */
	if (strlen(r->sig) != FOLIO_SHA256_HEX - 1 || r->meta[0] != '{')
		return false;
	/* its front matter is parsed when first read (folio_page_meta()): the
	 * record's text, title, date and summary go to the page, whose they
	 * are alone */
	folio_page_set_meta_text(p, r->meta);
	r->meta = NULL;
	p->own_title = r->title;
	r->title = NULL;
	p->own_date = r->date;
	r->date = NULL;
	if (*r->summary) {
		p->md.summary = r->summary;
		r->summary = NULL;
	}
	memcpy(p->sig, r->sig, sizeof(p->sig));
	give_sort(r, p);
	p->own_unscheduled = r->unscheduled;
	give_placed(m, p, r->url); /* its URL is the record's, or the model steps aside */
	return true;
}

/* Is a stub what its record says: the same URL and signature (so the same
 * front matter and summary, as lists show them)? */
static bool stub_matches(const struct folio_publish__model *m, const folio_page *pg, size_t *nstubs)
{
	if (!pg->stub)
		return true;
	const model_record *r = find_record_next(m, pg->path);
	(*nstubs)++;
	return r && pg->ok && !strcmp(r->url, pg->url) && !strcmp(r->sig, pg->sig);
}

static bool named_missing(folio_state *st, const folio_page *pg)
{
	sqlite3_stmt *s = NULL;
	bool named = true; /* cannot tell: the full load decides */
	char *key = folio_xasprintf("%s/%s", pg->collection->name, pg->slug);
	char *dep = folio_dep_line(FOLIO_DEP_MISSING, key, NULL);
	free(key);
	if (sqlite3_prepare_v2(folio_state_db(st), "SELECT 1 FROM deps WHERE dep = ? LIMIT 1", -1, &s,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, dep, -1, SQLITE_STATIC);
		named = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	free(dep);
	return named;
}

/* Had a changed page's versions another key than its record's (its slug:
 * or title renamed it: their files link them) that a stub still has? That
 * stub's own page would show the old links. */
static bool file_versions_left(const struct folio_publish__model *m, const folio_site *site)
{
	const folio_config *cfg = folio_site_config(site);
	for (size_t i = 0; i < m->change.n; i++) {
		const model_record *r = find_record(m, m->change.paths[i]);
		const folio_collection *c = r ? folio_config_collection(cfg, r->collection) : NULL;
		char *key = c ? folio_site_file_key(site, c, r->path) : NULL;
		bool left = false;
		for (size_t k = 0; key && strcmp(key, r->key) && k < folio_site_page_count(site) && !left; k++) {
			const folio_page *pg = folio_site_page(site, k);
			left = pg->stub && pg->collection == c && !strcmp(folio_page_translation_key(pg), key);
		}
		free(key);
		if (left)
			return true;
	}
	return false;
}

/* Has a translation language gained or lost its list of a collection (its
 * first page or section page there, or its last)? Every page in it then
 * leads to another list (render_deps.c's "lists"), stubs' pages too,
 * which are not rendered again. The published list tells by its Atom feed. */
static bool lists_moved(folio_state *st, const folio_site *site)
{
	const folio_config *cfg = folio_site_config(site);
	sqlite3_stmt *s = NULL;
	if (cfg->empty_language_lists)
		return false;
	if (sqlite3_prepare_v2(folio_state_db(st), "SELECT 1 FROM outputs WHERE path = ?", -1, &s, NULL) !=
	    SQLITE_OK)
		return true; /* cannot tell: the full load decides */
	bool moved = false;
	for (size_t l = 0; l < cfg->nlanguages && !moved; l++)
		for (size_t c = 0; c < cfg->ncollections && !moved; c++) {
			const folio_collection *col = &cfg->collections[c];
			if (col->unlisted) /* in no navigation */
				continue;
			char *out = folio_layout_atom_output_in(col, cfg->languages[l]);
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, out, -1, SQLITE_STATIC);
			moved = (sqlite3_step(s) == SQLITE_ROW) != folio_site_has_list_in(site, col, cfg->languages[l]);
			if (moved)
				folio_log(FOLIO_LOG_DEBUG, "publish", "site model not used: the list of %s in %s comes or goes",
				          col->name, cfg->languages[l]);
			free(out);
		}
	sqlite3_finalize(s);
	return moved;
}

/* The site loaded from the model is the one a full load gives. */
static bool site_matches(folio_state *st, const struct folio_publish__model *m, const folio_site *site,
                         size_t *nstubs)
{
	const folio_config *cfg = folio_site_config(site);
	/* language_field: a page's language is its front matter's and its
	 * versions share its address, which the records' keys do not hold:
	 * such a site is loaded whole */
	if (!cfg || !cfg->nlanguages != !m->change.keys || cfg->language_field ||
	    (cfg->nlanguages && (file_versions_left(m, site) || lists_moved(st, site))))
		return false;
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *pg = folio_site_page(site, i);
		if (!stub_matches(m, pg, nstubs))
			return false;
		/* a version of a changed page left a stub: its own page would
		 * show the old links */
		if (pg->stub && m->change.keys &&
		    versions_changed(m, pg->collection->name, folio_page_translation_key(pg)))
			return false;
		/* an added page a stub's own page names as missing: that page
		 * would show it, and a stub's page is not rendered again */
		if (!pg->stub && pg->ok && !find_record(m, pg->path) && named_missing(st, pg))
			return false;
	}
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		if (!stub_matches(m, folio_site_held(site, i), nstubs))
			return false;
	return true;
}

/* How many stubs' front matters were parsed (folio_page_meta()): read by
 * lists, feeds and sorts, never all of them (t227). After the load or the
 * render, with no thread running. */
static size_t stubs_read(const folio_site *site)
{
	size_t n = 0;
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		n += folio_site_page(site, i)->meta_lazy != NULL;
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		n += folio_site_held(site, i)->meta_lazy != NULL;
	return n;
}

/* The site a publish left to the exit (folio_publish_options.exiting):
 * held here, so that a leak check finds it reachable. Here rather than in
 * publish.c, which calls this file (and never the other way). */
static folio_site *left_at_exit;

void folio_publish__site_dispose(publisher *p)
{
	if (p->opts->exiting && !left_at_exit)
		left_at_exit = p->site;
	else
		folio_site_free(p->site);
	p->site = NULL;
}

/* What the writer records of a site from the model (publisher's hooks). */
static int record_model_pages(publisher *p);
static int record_model_records(publisher *p);

int folio_publish__model_load(publisher *p, folio_source *src, const folio_site_options *so,
                              folio_diags *diags)
{
	struct folio_publish__model *m = model_new();
	folio_diags verdict;
	folio_site *site = NULL;
	size_t nstubs = 0;
	int rc;

	folio_diags_init(&verdict);
	if (!folio_source_commit(src) || !records_current(p->st) ||
	    !folio_publish__commit_values_allow(p->st, src)) {
		rc = 1;
		goto done;
	}
	if ((rc = folio_publish__judge_change(p, src, &verdict, &m->change)) != 0)
		goto done;
	model_start(m, p->st);
	folio_site_options o = *so;
	o.stream = true;
	o.stub = stub_page;
	o.stub_payload = m;
	rc = folio_site_load(&site, src, &o);
	model_wait(m); /* a site without pages asked for no stub */
	if (rc == 0 && m->read_rc < 0) {
		folio_error_set("%s", m->read_error);
		rc = m->read_rc;
	}
	if (rc < 0)
		goto done;
	if (!site_matches(p->st, m, site, &nstubs)) {
		rc = 1;
		goto done;
	}
	size_t total = folio_site_page_count(site) + folio_site_held_count(site) +
	               folio_site_misnamed_count(site);
	folio_log(FOLIO_LOG_DEBUG, "publish", "publishing %.12s from the site model: %zu pages changed,"
	          " %zu pages parsed, %zu of %zu stubs' front matters read", folio_source_commit(src),
	          m->change.n, total - nstubs, stubs_read(site), nstubs);
	folio_diags_move(diags, &verdict);
	p->site = site;
	p->model = m;
	p->model_record_pages = record_model_pages; /* the writer's, in its transaction */
	p->model_record_records = record_model_records;
	p->model_change = &m->change;
	site = NULL;
	m = NULL;
done:
	if (rc < 0) { /* nothing written: the full load may still succeed, and says why not */
		folio_log(FOLIO_LOG_DEBUG, "publish", "site model not used: %s", folio_error_last());
		rc = 1;
	}
	folio_site_free(site);
	model_free(m);
	folio_diags_dispose(&verdict);
	return rc;
}

static bool stub_output(const folio_output *o)
{
	return (o->kind == FOLIO_UNIT_PAGE || o->kind == FOLIO_UNIT_ALIAS) && o->page->stub;
}

bool folio_publish__model_kept(publisher *p, size_t i, char out[FOLIO_SHA256_HEX])
{
	const folio_output *o = &p->plan->items[i];
	/* an old URL other pages keep too may have changed hands: written anew */
	const stored_output *s = p->model && stub_output(o) && !o->contested
	                                 ? folio_publish__stored_at(p, i) : NULL;
	if (!s)
		return false;
	memcpy(out, s->inputs, FOLIO_SHA256_HEX);
	return true;
}

bool folio_publish__model_complete(publisher *p)
{
	for (size_t i = 0; i < p->plan->count; i++) {
		const folio_output *o = &p->plan->items[i];
		if (stub_output(o) && (!folio_publish__stored_at(p, i) ||
		                       folio_publish__in_journal(p, o->path)))
			return false;
	}
	return true;
}

/* What a published site read of its stubs (tests count it). */
static void say_stubs_read(const publisher *p)
{
	folio_log(FOLIO_LOG_DEBUG, "publish", "%zu stubs' front matters read in all", stubs_read(p->site));
}

void folio_publish__model_join(publisher *p)
{
	if (!p->model)
		return;
	if (p->model->started)
		model_wait(p->model);
	if (p->site) /* published */
		say_stubs_read(p);
}

void folio_publish__model_drop(publisher *p, folio_diags *diags)
{
	if (!p->model)
		return;
	for (size_t i = p->diags_from; diags && i < diags->count; i++) {
		free(diags->items[i].path);
		free(diags->items[i].message);
		free(diags->items[i].hint);
	}
	if (diags) {
		diags->count = p->diags_from;
		folio_site_free(p->site); /* the full load follows */
		p->site = NULL;
	} else if (p->site) { /* published */
		say_stubs_read(p);
		folio_publish__site_dispose(p);
	}
	model_free(p->model);
	p->model = NULL;
	p->model_change = NULL;
}

/* The parsed page at path (published or held), or NULL. */
static const folio_page *parsed_page(const folio_site *site, const char *path)
{
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		if (!strcmp(folio_site_page(site, i)->path, path))
			return folio_site_page(site, i);
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		if (!strcmp(folio_site_held(site, i)->path, path))
			return folio_site_held(site, i);
	return NULL;
}

static int record_model_pages(publisher *p)
{
	sqlite3 *db = folio_state_db(p->st);
	sqlite3_stmt *del = NULL, *ins = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(db, "DELETE FROM pages WHERE path = ?", -1, &del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, FOLIO_PUBLISH__PAGE_INSERT, -1, &ins, NULL) != SQLITE_OK)
		rc = folio_error_set("state: cannot prepare the pages record: %s", sqlite3_errmsg(db));
	const folio_publish__change *c = &p->model->change;
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		sqlite3_reset(del);
		sqlite3_bind_text(del, 1, c->paths[i], -1, SQLITE_STATIC);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = folio_error_set("state: cannot record a page: %s", sqlite3_errmsg(db));
		const folio_page *pg = c->deleted[i] ? NULL : parsed_page(p->site, c->paths[i]);
		/* the table holds the published pages (the judge refuses a held one) */
		if (rc < 0 || !pg || !pg->ok || pg->status != FOLIO_PAGE_PUBLISHED)
			continue;
		if (!folio_publish__insert_page(ins, pg))
			rc = folio_error_set("state: cannot record a page: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return rc;
}

static int record_model_records(publisher *p)
{
	folio_records_writer *w = NULL;
	size_t written = 0, total = 0;
	int rc = folio_records_writer_open(&w, p->st, false);
	const folio_publish__change *c = &p->model->change;
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		const folio_page *pg = c->deleted[i] ? NULL : parsed_page(p->site, c->paths[i]);
		if (!pg || !pg->ok) {
			rc = folio_records_remove(w, c->paths[i]);
		} else {
			rc = folio_records_put_page(w, p->site, pg);
		}
		written++;
	}
	folio_records_writer_close(w);
	for (size_t i = 0; i < folio_site_page_count(p->site); i++)
		total += folio_site_page(p->site, i)->ok;
	for (size_t i = 0; i < folio_site_held_count(p->site); i++)
		total += folio_site_held(p->site, i)->ok;
	/* as records_sync says it (t184) */
	folio_log(FOLIO_LOG_DEBUG, "publish", "%zu of %zu records written", written, total);
	return rc;
}
