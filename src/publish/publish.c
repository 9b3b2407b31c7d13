/*
 * Incremental publishing (see include/folio/publish.h for the protocol).
 *
 * Invariants:
 *  - the state's outputs table describes the output directory whenever the
 *    journal is empty and a published commit is recorded;
 *  - a path in the journal may hold anything: it is always re-rendered and
 *    rewritten (or removed) by the next run;
 *  - no published commit recorded means "directory unknown": the next run
 *    rebuilds the whole directory and swaps it in.
 */
#include "folio/publish.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folio/deliver.h"
#include "folio/render.h"
#include "folio/site.h"
#include "folio/validate.h"
#include "model/site_partial.h"
#include "render/builtin.h"
#include "output.h"
#include "publish_internal.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/hash.h"
#include "util/search.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* Meta key: the base URL a preview's outputs were rendered for. */
#define PREVIEW_KEY "preview_base_url"

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int db_fail(publisher *p, const char *what)
{
	return folio_error_set("state: %s: %s", what, sqlite3_errmsg(folio_state_db(p->st)));
}

/* ---- reading the state ---- */

static int load_stored(publisher *p)
{
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	if (sqlite3_prepare_v2(folio_state_db(p->st),
	                       "SELECT path, hash, unit FROM outputs ORDER BY path", -1, &s, NULL) != SQLITE_OK)
		return db_fail(p, "cannot read outputs");
	while (sqlite3_step(s) == SQLITE_ROW) {
		FOLIO_ARRAY_GROW(p->stored, p->nstored, alloc, p->nstored + 1);
		stored_output *o = &p->stored[p->nstored++];
		o->path = folio_xstrdup((const char *)sqlite3_column_text(s, 0));
		snprintf(o->bytes, sizeof(o->bytes), "%s", (const char *)sqlite3_column_text(s, 1));
		snprintf(o->inputs, sizeof(o->inputs), "%s", (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(folio_state_db(p->st), "SELECT path FROM journal ORDER BY path", -1, &s,
	                       NULL) != SQLITE_OK)
		return db_fail(p, "cannot read the journal");
	alloc = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		FOLIO_ARRAY_GROW(p->journal, p->njournal, alloc, p->njournal + 1);
		p->journal[p->njournal++] = folio_xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return 0;
}

static const stored_output *find_stored(const publisher *p, const char *path)
{
	return folio_search(p->stored, p->nstored, sizeof(*p->stored), path, folio_search_cmp_str);
}

static bool in_journal(const publisher *p, const char *path)
{
	return folio_search(p->journal, p->njournal, sizeof(*p->journal), path, folio_search_cmp_str);
}

int folio_publish_current(folio_state *st, char **commit_out)
{
	return folio_state_get(st, "published_commit", commit_out);
}

/* ---- planning ---- */

static void compute_inputs(publisher *p)
{
	size_t n = p->plan->count;
	p->deps = folio_xcalloc(n ? n : 1, sizeof(*p->deps));
	p->inputs = folio_xcalloc(n ? n : 1, sizeof(*p->inputs));
	for (size_t i = 0; i < n; i++) {
		folio_buf b = FOLIO_BUF_INIT;
		folio_renderer_deps(p->renderer, i, &b);
		/* a preview's pages differ from the site's by their URLs: a state
		 * copied from the site's re-renders them (its static files stay) */
		if (p->opts->preview_base_url && p->plan->items[i].kind != FOLIO_UNIT_STATIC)
			folio_buf_printf(&b, "base_url=%s\n", p->opts->preview_base_url);
		folio_sha256_hex(p->inputs[i], b.ptr, b.size);
		p->deps[i] = folio_buf_detach(&b, NULL);
	}
}

/* Why output i must be re-rendered, for --explain: the first input line
 * that the state does not have for it. Caller frees. */
static char *explain(publisher *p, size_t i)
{
	const folio_output *o = &p->plan->items[i];
	if (!find_stored(p, o->path))
		return folio_xstrdup("new output");
	if (in_journal(p, o->path))
		return folio_xstrdup("an earlier publish was interrupted while writing it");
	sqlite3_stmt *s = NULL;
	char *why = NULL;
	sqlite3_prepare_v2(folio_state_db(p->st), "SELECT 1 FROM deps WHERE output = ? AND dep = ?",
	                   -1, &s, NULL);
	for (const char *line = p->deps[i]; *line && !why;) {
		size_t len = strcspn(line, "\n");
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, o->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, line, (int)len, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			size_t key = strcspn(line, "=");
			why = folio_xasprintf("%.*s changed", (int)(key < len ? key : len), line);
		}
		line += len + (line[len] == '\n');
	}
	sqlite3_finalize(s);
	return why ? why : folio_xstrdup("the order or number of its inputs changed");
}

/* ---- recording ---- */

static int exec_path(publisher *p, sqlite3_stmt *s, const char *path)
{
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	return sqlite3_step(s) == SQLITE_DONE ? 0 : db_fail(p, "cannot update");
}

/* Commit the open transaction when rc says all went well, else roll it back. */
static int finish_transaction(publisher *p, int rc)
{
	if (rc < 0) {
		folio_state_rollback(p->st);
		return rc;
	}
	rc = folio_state_commit(p->st);
	folio__fault_step();
	return rc;
}

int folio_publish__write_journal(publisher *p, const bool *changing, char **removed, size_t nremoved)
{
	sqlite3_stmt *s = NULL;
	int rc = folio_state_begin(p->st);
	if (rc < 0)
		return rc;
	if (sqlite3_prepare_v2(folio_state_db(p->st), "INSERT OR IGNORE INTO journal(path) VALUES(?)",
	                       -1, &s, NULL) != SQLITE_OK) {
		rc = db_fail(p, "cannot prepare the journal");
		goto done;
	}
	for (size_t i = 0; rc == 0 && i < p->plan->count; i++)
		if (changing[i])
			rc = exec_path(p, s, p->plan->items[i].path);
	for (size_t i = 0; rc == 0 && i < nremoved; i++)
		rc = exec_path(p, s, removed[i]);
	if (rc == 0 && p->journal_extra)
		rc = p->journal_extra(p->journal_payload);
done:
	sqlite3_finalize(s);
	return finish_transaction(p, rc);
}

static int record_output(publisher *p, sqlite3_stmt *up, sqlite3_stmt *deldeps, sqlite3_stmt *adddep,
                         size_t i, const char *bytes_hash)
{
	const char *path = p->plan->items[i].path;
	sqlite3_reset(up);
	sqlite3_bind_text(up, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 2, bytes_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 3, p->inputs[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 4, p->deps[i], -1, SQLITE_STATIC);
	if (sqlite3_step(up) != SQLITE_DONE || exec_path(p, deldeps, path) < 0)
		return db_fail(p, "cannot record an output");
	for (const char *line = p->deps[i]; *line;) {
		size_t len = strcspn(line, "\n");
		sqlite3_reset(adddep);
		sqlite3_bind_text(adddep, 1, path, -1, SQLITE_STATIC);
		sqlite3_bind_text(adddep, 2, line, (int)len, SQLITE_STATIC);
		if (sqlite3_step(adddep) != SQLITE_DONE)
			return db_fail(p, "cannot record a dependency");
		line += len + (line[len] == '\n');
	}
	return 0;
}

char *folio_publish__anchors(const folio_page *p)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < p->md.nheadings; i++)
		if (*p->md.headings[i].id)
			folio_buf_printf(&b, "%s\n", p->md.headings[i].id);
	/* and the ids raw HTML gives, which links may name as well */
	for (size_t i = 0; i < p->md.nanchors; i++)
		if (*p->md.anchors[i] && !strchr(p->md.anchors[i], '\n'))
			folio_buf_printf(&b, "%s\n", p->md.anchors[i]);
	return folio_buf_detach(&b, NULL);
}

/* ---- scheduled pages ---- */

static void add_scheduled(json_t *list, const folio_page *pg, long long now)
{
	long long at;
	bool publish;
	char when[FOLIO_TIMESTAMP_SIZE];
	if (!pg->ok || !folio_schedule_next(&pg->schedule, now, &at, &publish) ||
	    !folio_timestamp(when, at, -1))
		return;
	json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "path", pg->path,
	                                      "title", pg->title, "url", pg->url, "at", when,
	                                      "action", publish ? "publish" : "expire"));
}

static int cmp_scheduled(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(json_string_value(json_object_get(x, "at")),
	               json_string_value(json_object_get(y, "at")));
	return c ? c : strcmp(json_string_value(json_object_get(x, "path")),
	                      json_string_value(json_object_get(y, "path")));
}

/*
 * What the published site will do by itself, soonest first: pending pages
 * to publish, published pages to take down. The daemon's timer and /status
 * read it; the fast path steps aside once its first instant has come, so a
 * page appearing or going is a full (incremental) publish like an added or
 * removed page.
 */
static char *schedule_text(const folio_site *site)
{
	long long now = folio_site_now(site);
	json_t *list = json_array();
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		add_scheduled(list, folio_site_page(site, i), now);
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		add_scheduled(list, folio_site_held(site, i), now);
	size_t n = json_array_size(list);
	json_t **items = folio_xmalloc((n ? n : 1) * sizeof(*items));
	for (size_t i = 0; i < n; i++)
		items[i] = json_incref(json_array_get(list, i));
	qsort(items, n, sizeof(*items), cmp_scheduled);
	json_array_clear(list);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, items[i]);
	free(items);
	char *text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	return text;
}

int folio_publish_schedule(folio_state *st, json_t **out)
{
	char *text = NULL;
	*out = NULL;
	int rc = folio_state_get(st, FOLIO_PUBLISH_SCHEDULE_KEY, &text);
	if (rc < 0)
		return rc;
	json_t *list = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	*out = json_is_array(list) ? list : json_array();
	if (*out != list)
		json_decref(list);
	return 0;
}

bool folio_publish__schedule_due(folio_state *st, long long now)
{
	json_t *list = NULL;
	char *text = NULL;
	long long at;
	bool due = false;
	/* a state written before folio knew schedules may hold pages published
	 * too early: no schedule recorded means the full path decides, once */
	if (folio_state_get(st, FOLIO_PUBLISH_SCHEDULE_KEY, &text) < 0 || !text)
		return true;
	free(text);
	if (folio_publish_schedule(st, &list) < 0)
		return true; /* cannot tell: the full path decides */
	const char *first = json_string_value(json_object_get(json_array_get(list, 0), "at"));
	if (first)
		due = !folio_schedule_parse_time(&at, first) || at <= now;
	json_decref(list);
	return due;
}

/* The findings of the commit published; of its changed pages only after a fast publish. */
static int record_findings(publisher *p)
{
	char **paths = NULL;
	if (p->partial) {
		paths = folio_xcalloc(p->nchanged ? p->nchanged : 1, sizeof(*paths));
		for (size_t i = 0; i < p->nchanged; i++)
			paths[i] = p->changed[i]->path;
	}
	int rc = folio_publish__store_findings(p->st, p->diags, p->diags_from, paths, p->nchanged);
	free(paths);
	return rc;
}

/*
 * The pages table describes the published commit for the fast path: every
 * page with its content id, URL, title, signature and heading ids. A full
 * site rewrites it; a fast publish changes the content ids of its pages.
 * With them, "page_index_commit" and "published_findings" say which commit
 * it describes and how many findings (warnings) that commit had, and the
 * findings table holds them (a fast publish rewrites its pages' rows).
 */
static int record_pages(publisher *p)
{
	sqlite3 *db = folio_state_db(p->st);
	sqlite3_stmt *s = NULL;
	int rc = 0;
	char count[32], files[32];
	if (p->partial) {
		if (sqlite3_prepare_v2(db, "UPDATE pages SET blob_id = ? WHERE path = ?", -1, &s, NULL) != SQLITE_OK)
			return db_fail(p, "cannot prepare the pages update");
		for (size_t i = 0; rc == 0 && i < p->nchanged; i++) {
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, p->changed[i]->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, p->changed[i]->path, -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_DONE)
				rc = db_fail(p, "cannot update a page");
		}
	} else {
		if ((rc = folio_state_exec(p->st, "DELETE FROM pages")) < 0)
			return rc;
		if (sqlite3_prepare_v2(db, "INSERT INTO pages(path, blob_id, collection, slug, url, sig, title,"
		                       " anchors) VALUES(?, ?, ?, ?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
			return db_fail(p, "cannot prepare the pages record");
		for (size_t i = 0; rc == 0 && i < folio_site_page_count(p->site); i++) {
			const folio_page *pg = folio_site_page(p->site, i);
			if (!pg->ok)
				continue;
			char *anchors = folio_publish__anchors(pg);
			sqlite3_reset(s);
			sqlite3_bind_text(s, 1, pg->path, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, pg->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, pg->collection->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 4, pg->slug, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 5, pg->url, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 6, pg->sig, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 7, pg->title, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 8, anchors, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(s) != SQLITE_DONE)
				rc = db_fail(p, "cannot record a page");
			free(anchors);
		}
	}
	sqlite3_finalize(s);
	if (rc == 0)
		rc = record_findings(p);
	snprintf(count, sizeof(count), "%zu", p->diags ? p->diags->count - p->diags_from : 0);
	char build[FOLIO_SHA256_HEX];
	folio_publish__build_id(build);
	snprintf(files, sizeof(files), "%zu", p->stats->files);
	if (rc == 0 && !p->partial) {
		/* a fast publish changes no front matter: the schedule stays */
		char *schedule = schedule_text(p->site);
		rc = folio_state_set(p->st, FOLIO_PUBLISH_SCHEDULE_KEY, schedule);
		free(schedule);
	}
	if (rc == 0 && (rc = folio_state_set(p->st, "page_index_commit", p->commit)) == 0 &&
	    (rc = folio_state_set(p->st, "published_files", files)) == 0 &&
	    (rc = folio_state_set(p->st, "page_index_build", build)) == 0)
		rc = folio_state_set(p->st, "published_findings", count);
	return rc;
}

static char build_id[FOLIO_SHA256_HEX];
static pthread_once_t build_id_once = PTHREAD_ONCE_INIT;

static void compute_build_id(void)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, FOLIO_VERSION);
	for (const folio_builtin_template *t = folio_builtin_templates; t->name; t++) {
		folio_buf_put(&b, t->name, strlen(t->name) + 1);
		folio_buf_put(&b, t->data, t->len);
	}
	folio_sha256_hex(build_id, b.ptr, b.size);
	folio_buf_dispose(&b);
}

/* The same for the life of the process: hashed once, not at every check and record. */
void folio_publish__build_id(char out[FOLIO_SHA256_HEX])
{
	pthread_once(&build_id_once, compute_build_id);
	memcpy(out, build_id, FOLIO_SHA256_HEX);
}

/* A feed for the partners, read back from the store that was just written. */
static int read_remote(folio_buf *out, const char *rel, void *payload)
{
	return folio_s3_get(payload, rel, out);
}

/* One transaction: new hashes and edges, removed outputs, the commit, and
 * an empty journal. hashes[i] is NULL for outputs that were not rendered. */
int folio_publish__record(publisher *p, char (*hashes)[FOLIO_SHA256_HEX], const bool *rendered,
                          char **removed, size_t nremoved, bool replace_all)
{
	sqlite3 *db = folio_state_db(p->st);
	sqlite3_stmt *up = NULL, *deldeps = NULL, *adddep = NULL, *delout = NULL, *pub = NULL;
	int rc = folio_state_begin(p->st);
	if (rc < 0)
		return rc;
	if (replace_all && (rc = folio_state_exec(p->st, "DELETE FROM outputs; DELETE FROM deps;")) < 0)
		goto done;
	if (sqlite3_prepare_v2(db, "INSERT INTO outputs(path, hash, unit, deps) VALUES(?, ?, ?, ?)"
	                       " ON CONFLICT(path) DO UPDATE SET hash = excluded.hash, unit = excluded.unit,"
	                       " deps = excluded.deps",
	                       -1, &up, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM deps WHERE output = ?", -1, &deldeps, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO deps(output, dep) VALUES(?, ?)", -1, &adddep,
	                       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "DELETE FROM outputs WHERE path = ?", -1, &delout, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO publishes(commit_id, published_at, pages, written, deleted)"
	                       " VALUES(?, ?, ?, ?, ?)", -1, &pub, NULL) != SQLITE_OK) {
		rc = db_fail(p, "cannot prepare the publish record");
		goto done;
	}
	for (size_t i = 0; rc == 0 && i < p->plan->count; i++)
		if (rendered[i])
			rc = record_output(p, up, deldeps, adddep, i, hashes[i]);
	for (size_t i = 0; rc == 0 && i < nremoved; i++)
		if ((rc = exec_path(p, delout, removed[i])) == 0)
			rc = exec_path(p, deldeps, removed[i]);
	if (rc < 0)
		goto done;
	sqlite3_bind_text(pub, 1, p->commit, -1, SQLITE_STATIC);
	sqlite3_bind_int64(pub, 2, (sqlite3_int64)time(NULL));
	sqlite3_bind_int64(pub, 3, (sqlite3_int64)p->stats->pages);
	sqlite3_bind_int64(pub, 4, (sqlite3_int64)p->stats->written);
	sqlite3_bind_int64(pub, 5, (sqlite3_int64)p->stats->deleted);
	if (sqlite3_step(pub) != SQLITE_DONE) {
		rc = db_fail(p, "cannot record the publish");
		goto done;
	}
	if ((rc = folio_state_exec(p->st, "DELETE FROM journal")) < 0 ||
	    (rc = folio_state_set(p->st, "published_commit", p->commit)) < 0 ||
	    (rc = record_pages(p)) < 0)
		goto done;
	/* what the outputs were rendered for (same_preview) */
	if (p->opts->preview_base_url && !p->partial &&
	    (rc = folio_state_set(p->st, PREVIEW_KEY, p->opts->preview_base_url)) < 0)
		goto done;
	/* partners learn of this publish in the same transaction that records it;
	 * of a preview, never: it is not the site */
	if (p->opts->preview_base_url)
		rc = 0;
	else if (p->remote)
		rc = folio_deliver_enqueue_from(p->st, folio_site_config(p->site), p->commit,
		                                p->opts->out_dir, read_remote, p->remote->s3);
	else
		rc = folio_deliver_enqueue_from_dir(p->st, folio_site_config(p->site), p->commit,
		                                    p->opts->out_dir);
	if (rc < 0)
		goto done;
done:
	sqlite3_finalize(up);
	sqlite3_finalize(deldeps);
	sqlite3_finalize(adddep);
	sqlite3_finalize(delout);
	sqlite3_finalize(pub);
	return finish_transaction(p, rc);
}

/* ---- the two ways to publish ---- */

int folio_publish__sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return folio_error_set("cannot open '%s'", dir);
	int rc = syncfs(fd) < 0 ? folio_error_set("cannot sync '%s'", dir) : 0;
	close(fd);
	return rc;
}

/* The store's full build: what it does not hold uploaded, the rest deleted. */
static int publish_full_remote(publisher *p, char (*hashes)[FOLIO_SHA256_HEX])
{
	return folio__remote_full(p->remote, p->renderer, p->opts->jobs, hashes, &p->stats->written,
	                          &p->stats->deleted);
}

/* Everything rendered, written into a fresh directory and swapped in. */
static int publish_full(publisher *p)
{
	size_t n = p->plan->count;
	bool *all = folio_xmalloc((n ? n : 1) * sizeof(*all));
	char(*hashes)[FOLIO_SHA256_HEX] = folio_xcalloc(n ? n : 1, sizeof(*hashes));
	char *tmp = folio__temp_dir_for(p->opts->out_dir);
	folio__tree_writer w = { tmp, hashes };
	int rc;

	if (!p->remote)
		folio_fs_remove_temps(p->opts->out_dir); /* trees of builds that were killed */
	for (size_t i = 0; i < n; i++) {
		all[i] = true;
		p->stats->pages += p->plan->items[i].kind == FOLIO_UNIT_PAGE;
		if (p->opts->explain)
			fprintf(p->opts->explain, "%s: full build\n", p->plan->items[i].path);
	}
	/* From here until the record, the directory is unknown to the state. */
	if ((rc = folio_state_begin(p->st)) < 0)
		goto done;
	if ((rc = folio_state_exec(p->st, "DELETE FROM meta WHERE key = 'published_commit';"
	                                  " DELETE FROM journal;")) < 0) {
		folio_state_rollback(p->st);
		goto done;
	}
	if ((rc = folio_state_commit(p->st)) < 0)
		goto done;
	folio__fault_step();
	if (p->remote) {
		if ((rc = publish_full_remote(p, hashes)) == 0)
			rc = folio_publish__record(p, hashes, all, NULL, 0, true);
		goto done;
	}
	if ((rc = folio_fs_rm_rf(tmp)) < 0 || (rc = folio_fs_mkdir_p(tmp)) < 0 ||
	    (rc = folio_renderer_render_to(p->renderer, NULL, p->opts->jobs, folio__write_sink, &w)) < 0 ||
	    (rc = folio__output_mark(tmp)) < 0 || (rc = folio_publish__sync_dir(tmp)) < 0 ||
	    (rc = folio__swap_dir(tmp, p->opts->out_dir)) < 0)
		goto done;
	p->stats->written = n;
	rc = folio_publish__record(p, hashes, all, NULL, 0, true);
done:
	if (rc < 0 && !p->remote)
		folio_fs_rm_rf(tmp);
	free(tmp);
	free(hashes);
	free(all);
	return rc;
}

/* rel comes from the state: removed beneath out_dir, never through a link.
 * A recorded path that would leave out_dir (written by a folio before the
 * path check) names nothing of out_dir's: it is dropped, not retried. */
static int remove_output(const char *out_dir, const char *rel)
{
	int rc = folio_beneath_remove(out_dir, rel);
	if (rc == FOLIO_EINVALID) {
		folio_log(FOLIO_LOG_WARN, "publish", "%s; dropped from the state", folio_error_last());
		rc = 0;
	}
	folio__fault_step();
	return rc;
}


int folio_publish__write_if_changed(folio_output *o, size_t i, void *payload)
{
	folio_publish__writer *cw = payload;
	const stored_output *s = find_stored(cw->p, o->path);
	int rc = 0;
	folio_sha256_hex(cw->hashes[i], o->data, o->len);
	if ((!s || strcmp(s->bytes, cw->hashes[i]) || in_journal(cw->p, o->path)) && cw->p->remote) {
		rc = folio__remote_stage(cw->p->remote, &cw->staged[i], i, o->data, o->len);
		atomic_fetch_add(&cw->written, 1);
	} else if (!s || strcmp(s->bytes, cw->hashes[i]) || in_journal(cw->p, o->path)) {
		rc = folio_beneath_write_temp(&cw->staged[i], cw->p->opts->out_dir, o->path,
		                              o->data, o->len, cw->durable);
		if (rc < 0 && !s) /* the directories made for a new output */
			folio_beneath_prune(cw->p->opts->out_dir, o->path);
		atomic_fetch_add(&cw->written, 1);
		folio__fault_step();
	}
	free(o->data);
	o->data = NULL;
	return rc;
}

int folio_publish__rename_staged(folio_publish__writer *w)
{
	publisher *p = w->p;
	int rc = 0;
	if (p->remote) { /* uploaded in reader order; the spool files go with the spool */
		size_t uploaded;
		return folio__remote_upload(p->remote, p->plan, w->staged, &uploaded);
	}
	for (size_t i = 0; rc == 0 && i < p->plan->count; i++) {
		if (!w->staged[i])
			continue;
		rc = folio_beneath_rename(p->opts->out_dir, w->staged[i], p->plan->items[i].path,
		                          w->durable);
		free(w->staged[i]);
		w->staged[i] = NULL;
		folio__fault_step();
	}
	return rc;
}

void folio_publish__discard_staged(folio_publish__writer *w)
{
	publisher *p = w->p;
	for (size_t i = 0; w->staged && i < p->plan->count; i++) {
		if (!w->staged[i])
			continue;
		/* and the folders made for it, now empty (an output's own is not) */
		if (p->remote)
			unlink(w->staged[i]);
		else
			folio_beneath_remove(p->opts->out_dir, w->staged[i]);
		free(w->staged[i]);
	}
	free(w->staged);
	w->staged = NULL;
}

static int publish_incremental(publisher *p)
{
	size_t n = p->plan->count, nremoved = 0, ngone = 0;
	char **gone = NULL;
	bool *render = folio_xcalloc(n ? n : 1, sizeof(*render));
	char(*hashes)[FOLIO_SHA256_HEX] = folio_xcalloc(n ? n : 1, sizeof(*hashes));
	char **removed = folio_xmalloc((p->nstored ? p->nstored : 1) * sizeof(*removed));
	folio_publish__writer cw = { .p = p, .hashes = hashes, .staged = folio_xcalloc(n ? n : 1, sizeof(char *)) };
	int rc;

	atomic_init(&cw.written, 0);
	/* a run killed while writing may have left temporary files beside its outputs */
	for (size_t i = 0; !p->remote && i < p->njournal; i++)
		folio_beneath_remove_temps(p->opts->out_dir, p->journal[i]);
	for (size_t i = 0; i < n; i++) {
		const folio_output *o = &p->plan->items[i];
		const stored_output *s = find_stored(p, o->path);
		render[i] = !s || strcmp(s->inputs, p->inputs[i]) || in_journal(p, o->path);
		p->stats->pages += render[i] && o->kind == FOLIO_UNIT_PAGE;
		if (render[i] && p->opts->explain) {
			char *why = explain(p, i);
			fprintf(p->opts->explain, "%s: %s\n", o->path, why);
			free(why);
		}
	}
	/* outputs the state has and the plan does not */
	for (size_t i = 0, j = 0; i < p->nstored; i++) {
		while (j < n && strcmp(p->plan->items[j].path, p->stored[i].path) < 0)
			j++;
		if (j >= n || strcmp(p->plan->items[j].path, p->stored[i].path))
			removed[nremoved++] = p->stored[i].path;
	}
	/* every output that may change is journaled before the first byte is written */
	if ((rc = folio_publish__write_journal(p, render, removed, nremoved)) < 0 ||
	    (rc = folio_renderer_render_to(p->renderer, render, p->opts->jobs, folio_publish__write_if_changed, &cw)) < 0 ||
	    (rc = folio_publish__rename_staged(&cw)) < 0)
		goto done;
	p->stats->written = atomic_load(&cw.written);
	/* what goes: removed outputs, and journal leftovers that are no output at all any more */
	gone = folio_xmalloc((nremoved + p->njournal + 1) * sizeof(*gone));
	memcpy(gone, removed, nremoved * sizeof(*gone));
	ngone = nremoved;
	p->stats->deleted = nremoved;
	for (size_t i = 0; i < p->njournal; i++) {
		bool planned = false;
		for (size_t k = 0; k < n && !planned; k++)
			planned = !strcmp(p->plan->items[k].path, p->journal[i]);
		if (!planned && !find_stored(p, p->journal[i]))
			gone[ngone++] = p->journal[i];
	}
	if (p->remote && ngone)
		rc = folio_s3_delete_all(p->remote->s3, gone, ngone);
	for (size_t i = 0; !p->remote && rc == 0 && i < ngone; i++)
		rc = remove_output(p->opts->out_dir, gone[i]);
	if (rc == 0 && !p->remote && (p->stats->written || p->stats->deleted))
		rc = folio_publish__sync_dir(p->opts->out_dir);
	if (rc == 0)
		rc = folio_publish__record(p, hashes, render, removed, nremoved, false);
done:
	folio_publish__discard_staged(&cw);
	free(gone);
	free(removed);
	free(hashes);
	free(render);
	return rc;
}

/* ---- entry point ---- */

bool folio_publish__needs_full(publisher *p)
{
	char *commit = NULL;
	bool full = p->opts->full || folio_state_was_reset(p->st) ||
	            (!p->remote && !folio_fs_is_dir(p->opts->out_dir));
	if (!full) {
		full = folio_publish_current(p->st, &commit) < 0 || !commit;
		free(commit);
	}
	return full;
}

static void publisher_dispose(publisher *p)
{
	if (p->plan)
		for (size_t i = 0; i < p->plan->count; i++)
			free(p->deps ? p->deps[i] : NULL);
	free(p->deps);
	free(p->inputs);
	for (size_t i = 0; i < p->nstored; i++)
		free(p->stored[i].path);
	free(p->stored);
	for (size_t i = 0; i < p->njournal; i++)
		free(p->journal[i]);
	free(p->journal);
	free(p->changed);
	folio_renderer_free(p->renderer);
	folio_site_free(p->site);
	folio_state_close(p->st);
}

/*
 * May the fast path publish here? It re-renders only the changed pages, so
 * every other output must already be rendered for the same address: a
 * preview's state records its base URL with each publish, and a state that
 * has none (the site's, or one copied from it) gets one full incremental
 * publish first.
 */
static bool same_preview(publisher *p)
{
	char *recorded = NULL;
	folio_state_get(p->st, PREVIEW_KEY, &recorded);
	bool same = p->opts->preview_base_url ? recorded && !strcmp(recorded, p->opts->preview_base_url)
	                                      : !recorded;
	free(recorded);
	return same;
}

int folio_publish(folio_build_stats *stats, folio_source *src, const folio_publish_options *opts,
                  folio_diags *diags)
{
	double start = now_seconds();
	/* "DIR/", "DIR/.", "a/../DIR" are DIR: a full publish's staging tree goes beside it */
	folio_publish_options normalized = *opts;
	char *out_dir = folio__output_normalize(opts->out_dir), *state_dir = folio_fs_normalize(opts->state_dir);
	normalized.out_dir = out_dir;
	normalized.state_dir = state_dir;
	opts = &normalized;
	publisher p = { .opts = opts, .stats = stats, .diags = diags, .diags_from = diags->count };
	folio__remote remote = { NULL, NULL };
	int rc;

	memset(stats, 0, sizeof(*stats));
	p.commit = folio_source_commit(src) ? folio_source_commit(src) : "worktree";
	if ((rc = folio_state_open(&p.st, opts->state_dir)) < 0 || (rc = folio_state_lock(p.st)) < 0 ||
	    (rc = folio__output_claim(opts->out_dir)) < 0)
		goto done;
	if (folio_s3_is_url(opts->out_dir)) {
		if ((rc = folio__remote_open(&remote, opts->out_dir, opts->state_dir)) < 0)
			goto done;
		p.remote = &remote;
	}
	/* a few page bodies changed: publish them without loading the site */
	/* (not for folio serve: the fast path knows nothing of held pages shown) */
	if (!opts->full && !opts->show_held && same_preview(&p) && (rc = folio_publish__fast(&p, src)) <= 0)
		goto published;
	if ((rc = folio_state_verify(p.st)) < 0)
		goto done;
	folio_site_options so = FOLIO_SITE_OPTIONS_INIT;
	so.jobs = opts->jobs;
	so.limits = opts->limits;
	so.show_held = opts->show_held && opts->preview_base_url; /* never a site's own output */
	if ((rc = folio__load_valid_with(&p.site, src, &so, diags)) < 0)
		goto done;
	if (opts->preview_base_url)
		folio_site__set_base_url(p.site, opts->preview_base_url);
	if (opts->on_site)
		opts->on_site(p.site, opts->on_site_ctx);
	if ((rc = folio_renderer_new(&p.renderer, p.site)) < 0)
		goto done;
	p.plan = folio_renderer_outputs(p.renderer);
	compute_inputs(&p);
	stats->files = p.plan->count;
	if (folio_publish__needs_full(&p)) {
		rc = publish_full(&p);
	} else if ((rc = load_stored(&p)) == 0) {
		rc = publish_incremental(&p);
	}
published:
	stats->unchanged = stats->files > stats->written ? stats->files - stats->written : 0;
	if (rc == 0 && opts->deliver && !opts->preview_base_url) {
		folio_deliver_options dopts = FOLIO_DELIVER_OPTIONS_INIT;
		dopts.secrets_file = opts->secrets_file;
		dopts.partner_allow = opts->partner_allow;
		int sent = folio_deliver_run(p.st, &dopts);
		rc = sent < 0 ? sent : 0;
	}
done:
	if (rc == FOLIO_EINVALID) /* outputs past a budget: nothing of them was written */
		folio_renderer_move_diags(p.renderer, diags);
	publisher_dispose(&p);
	folio__remote_dispose(&remote);
	free(out_dir);
	free(state_dir);
	stats->seconds = now_seconds() - start;
	return rc;
}
