/*
 * The publisher's one writer, shared by its planners (publish.c: full and
 * incremental; publish_fast.c: a few page bodies). A planner decides which
 * outputs to render; the writer then
 *  - journals every output that may change, in one transaction, before the
 *    first byte is written (folio_publish__write_journal);
 *  - stages each rendered output whose bytes differ in a temporary file
 *    beside it, and renames them in place once all are staged;
 *  - records the publish in one transaction: output hashes and dependency
 *    edges, the pages table, the findings, the schedule, the commit and
 *    the partner deliveries; the journal is emptied (folio_publish__record;
 *    what the site will do by itself, the schedule: publish_schedule.c).
 * Nothing here calls a planner: the planners call it (no cycle).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "folio/deliver.h"
#include "folio/render.h"
#include "folio/site.h"
#include "model/builtin.h"
#include "render/deps.h"
#include "output.h"
#include "publish_internal.h"
#include "publish/records.h"
#include "model/layout.h"
#include "model/site_partial.h"
#include "util/alloc.h"
#include "util/build_identity.h"
#include "util/assert.h"
#include "util/beneath.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/search.h"
#include "util/timestamp.h"
#include "publish/state_db.h"
#include "util/banned.h"

static int db_fail(publisher *p, const char *what)
{
	return folio_error_set("state: %s: %s", what, sqlite3_errmsg(folio_state_db(p->st)));
}

/* ---- what the state says of the outputs ---- */

const stored_output *folio_publish__find_stored(const publisher *p, const char *path)
{
	return folio_search(p->stored, p->nstored, sizeof(*p->stored), path, folio_search_cmp_str);
}

const stored_output *folio_publish__stored_at(publisher *p, size_t i)
{
	FOLIO_ASSERT(p->stored_loaded && i < p->plan->count);
	if (!p->stored_of) {
		size_t n = p->plan->count, k = 1;
		const folio_output *o = p->plan->items;
		p->stored_of = folio_xcalloc(n ? n : 1, sizeof(*p->stored_of));
		while (k < n && strcmp(o[k - 1].path, o[k].path) <= 0)
			k++;
		bool sorted = k >= n; /* a partial plan (the fast path's) is in the order made */
		for (size_t j = 0, at = 0; j < n; j++) {
			if (!sorted) {
				p->stored_of[j] = folio_publish__find_stored(p, o[j].path);
				continue;
			}
			while (at < p->nstored && strcmp(p->stored[at].path, o[j].path) < 0)
				at++;
			if (at < p->nstored && !strcmp(p->stored[at].path, o[j].path))
				p->stored_of[j] = &p->stored[at];
		}
	}
	return p->stored_of[i];
}

void folio_publish__stored_unmatch(publisher *p)
{
	free(p->stored_of);
	p->stored_of = NULL;
}

bool folio_publish__in_journal(const publisher *p, const char *path)
{
	return folio_search(p->journal, p->njournal, sizeof(*p->journal), path, folio_search_cmp_str);
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

void folio_publish__keep_partner_feeds(publisher *p)
{
	const folio_config *cfg = folio_site_config(p->site);
	folio__kept *k = &p->kept;
	if (k->want || p->opts->preview_base_url || !cfg || !cfg->npartners)
		return; /* no delivery is planned of a preview */
	k->count = p->plan->count;
	k->want = folio_xcalloc(k->count + 1, sizeof(*k->want));
	k->data = folio_xcalloc(k->count + 1, sizeof(*k->data));
	k->len = folio_xcalloc(k->count + 1, sizeof(*k->len));
	for (size_t i = 0; i < k->count; i++) {
		const folio_output *o = &p->plan->items[i];
		/* partners get the site's language */
		k->want[i] = o->kind == FOLIO_UNIT_FEED && o->collection && !o->lang &&
		             folio_deliver_subscribed(cfg, o->collection->name);
	}
}

int folio_publish__write_journal(publisher *p, const bool *changing, char **removed, size_t nremoved)
{
	sqlite3_stmt *s = NULL;
	folio_publish__keep_partner_feeds(p); /* before the sinks run */
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

typedef struct {
	const char *at;
	size_t len;
} dep_line;

static int cmp_dep_line(const void *a, const void *b)
{
	const dep_line *x = a, *y = b;
	int c = memcmp(x->at, y->at, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The lines of deps, sorted, each once; *n their count. Caller frees. */
static dep_line *dep_lines(const char *deps, size_t *n)
{
	size_t alloc = 0, k = 0;
	dep_line *v = NULL;
	*n = 0;
	const char *cursor = deps, *line;
	size_t len;
	while (folio_deps_next(&cursor, &line, &len)) {
		FOLIO_ARRAY_GROW(v, *n, alloc, *n + 1);
		v[(*n)++] = (dep_line){ line, len };
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_dep_line);
	for (size_t i = 0; i < *n; i++)
		if (!k || cmp_dep_line(&v[k - 1], &v[i]))
			v[k++] = v[i];
	*n = k;
	return v;
}

static int dep_step(publisher *p, sqlite3_stmt *s, const char *path, const dep_line *l)
{
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, l->at, (int)l->len, SQLITE_STATIC);
	return sqlite3_step(s) == SQLITE_DONE ? 0 : db_fail(p, "cannot record a dependency");
}

/* The record's statements, prepared once for all its outputs (a statement
 * prepared per output was two prepares for each of the ~230 outputs an add
 * at 10k pages renders). */
typedef struct {
	sqlite3_stmt *up, *old, *deldeps, *deldep, *adddep, *delout, *pub;
	size_t deps_changed; /* dependency rows deleted or added (FOLIO_TRACE) */
	size_t prepared;     /* statements prepared (FOLIO_TRACE) */
} record_stmts;

static int prepare(sqlite3 *db, record_stmts *rs, const char *sql, sqlite3_stmt **s)
{
	if (sqlite3_prepare_v2(db, sql, -1, s, NULL) != SQLITE_OK)
		return -1;
	rs->prepared++;
	return 0;
}

/* The deps rows of path made those of lines, from those of the stored
 * lines old: only the lines that differ are written (index.json's and the
 * sitemap's 10,000 lines change by one when a page is added). */
static int record_deps(publisher *p, record_stmts *rs, const char *path, const char *old, const char *lines)
{
	size_t no, nn, i = 0, k = 0;
	dep_line *o = dep_lines(old, &no), *n = dep_lines(lines, &nn);
	int rc = 0;
	while (rc == 0 && (i < no || k < nn)) {
		int c = i == no ? 1 : k == nn ? -1 : cmp_dep_line(&o[i], &n[k]);
		if (c < 0)
			rc = dep_step(p, rs->deldep, path, &o[i++]);
		else if (c > 0)
			rc = dep_step(p, rs->adddep, path, &n[k++]);
		else
			i++, k++;
		rs->deps_changed += c != 0;
	}
	free(o);
	free(n);
	return rc;
}

void folio_publish__output_inputs(publisher *p, size_t i)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_renderer_deps(p->renderer, i, &b);
	/* a preview's pages differ from the site's by their URLs: a state
	 * copied from the site's re-renders them (its static files stay) */
	if (p->opts->preview_base_url && p->plan->items[i].kind != FOLIO_UNIT_STATIC)
		folio_dep_put(&b, FOLIO_DEP_INPUT, "base_url", p->opts->preview_base_url);
	folio_sha256_hex(p->inputs[i], b.ptr, b.size);
	p->deps[i] = folio_buf_detach(&b, NULL);
}

/* The bytes of planned output i once rendered: a static file's blob, or
 * what the renderer made (its length stays once its bytes are freed). */
static size_t output_size(const publisher *p, size_t i)
{
	const folio_output *o = &p->plan->items[i];
	return o->kind == FOLIO_UNIT_STATIC && o->file ? o->file->size : o->len;
}

int folio_publish__published_bytes(publisher *p, size_t *out)
{
	char *v = NULL;
	*out = 0;
	if (folio_state_get(p->st, "published_bytes", &v) < 0)
		return FOLIO_ERROR;
	if (v) {
		*out = (size_t)strtoull(v, NULL, 10);
		free(v);
		return 0;
	}
	sqlite3_stmt *s = NULL; /* a state of version 7: its rows' sizes, as far as they are known */
	if (sqlite3_prepare_v2(folio_state_db(p->st), "SELECT total(size) FROM outputs", -1, &s, NULL) != SQLITE_OK)
		return db_fail(p, "cannot sum the outputs' sizes");
	if (sqlite3_step(s) == SQLITE_ROW)
		*out = (size_t)sqlite3_column_double(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* total without the stored sizes of the outputs rendered and removed */
static size_t without_changed(publisher *p, size_t total, const bool *rendered, char **removed, size_t nremoved)
{
	for (size_t i = 0; i < p->plan->count; i++) {
		const stored_output *s = rendered[i] ? folio_publish__stored_at(p, i) : NULL;
		total -= s ? (s->size < total ? s->size : total) : 0;
	}
	for (size_t i = 0; i < nremoved; i++) {
		const stored_output *s = folio_publish__find_stored(p, removed[i]);
		total -= s ? (s->size < total ? s->size : total) : 0;
	}
	return total;
}

int folio_publish__keep_bytes(publisher *p, const bool *rendered, char **removed, size_t nremoved)
{
	size_t total;
	if (folio_publish__published_bytes(p, &total) < 0)
		return FOLIO_ERROR;
	folio_renderer_set_kept_bytes(p->renderer, without_changed(p, total, rendered, removed, nremoved));
	return 0;
}

/* published_bytes after this publish, in its transaction. */
static int record_bytes(publisher *p, const bool *rendered, char **removed, size_t nremoved, bool replace_all)
{
	size_t total = 0;
	if (!replace_all) {
		if (folio_publish__published_bytes(p, &total) < 0)
			return FOLIO_ERROR;
		total = without_changed(p, total, rendered, removed, nremoved);
	}
	for (size_t i = 0; i < p->plan->count; i++)
		if (rendered[i])
			total += output_size(p, i);
	char v[32];
	snprintf(v, sizeof(v), "%zu", total);
	return folio_state_set(p->st, "published_bytes", v);
}

static int record_output(publisher *p, record_stmts *rs, size_t i, const char *bytes_hash)
{
	const char *path = p->plan->items[i].path;
	char *stored = NULL;
	if (!p->deps[i]) /* a full publish (no stub kept): made now, dropped once recorded */
		folio_publish__output_inputs(p, i);
	/* the stored lines, when the rows are theirs (a state before deps were
	 * kept in outputs has rows only) */
	sqlite3_reset(rs->old);
	sqlite3_bind_text(rs->old, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(rs->old) == SQLITE_ROW && sqlite3_column_text(rs->old, 0))
		stored = folio_xstrdup((const char *)sqlite3_column_text(rs->old, 0));
	sqlite3_reset(rs->old);
	sqlite3_reset(rs->up);
	sqlite3_bind_text(rs->up, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(rs->up, 2, bytes_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(rs->up, 3, p->inputs[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(rs->up, 4, p->deps[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(rs->up, 5, (sqlite3_int64)output_size(p, i));
	int rc = sqlite3_step(rs->up) != SQLITE_DONE || (!stored && exec_path(p, rs->deldeps, path) < 0)
	                 ? db_fail(p, "cannot record an output")
	                 : record_deps(p, rs, path, stored, p->deps[i]);
	free(stored);
	return rc;
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

bool folio_publish__insert_page(sqlite3_stmt *ins, const folio_page *pg)
{
	char *anchors = folio_publish__anchors(pg);
	sqlite3_reset(ins);
	sqlite3_bind_text(ins, 1, pg->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, pg->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, pg->collection->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 4, pg->slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 5, pg->url, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 6, pg->sig, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 7, pg->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 8, anchors, -1, SQLITE_TRANSIENT);
	bool ok = sqlite3_step(ins) == SQLITE_DONE;
	free(anchors);
	return ok;
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

/* How many of p's URL and aliases' URLs are in the space of lists, feeds
 * and term pages (layout.h): a page added elsewhere may lengthen a list
 * onto one of them, which only a full load sees (publish/structure.c). */
static size_t generated_urls(const folio_config *cfg, const folio_page *p)
{
	/* a section page (_index.md) has no output of its own: its URL is its
	 * list's first page, which a longer list never lands on; a url: of its
	 * own is a redirect page, counted as an alias is */
	size_t n = p->section ? 0 : folio_layout_is_generated(cfg, p->url);
	if (p->section) {
		json_t *own = folio_page_meta_get(p, "url");
		if (!own)
			own = folio_page_meta_get(p, "permalink");
		const char *u = json_string_value(own);
		n += u && u[0] == '/' && folio_layout_is_generated(cfg, u);
	}
	const char *key = folio_page_aliases_key(p);
	json_t *a = key ? folio_page_meta_get(p, key) : NULL;
	size_t count = json_is_array(a) ? json_array_size(a) : json_is_string(a) ? 1 : 0;
	for (size_t k = 0; k < count; k++) {
		json_t *v = json_is_array(a) ? json_array_get(a, k) : a;
		char *url = json_is_string(v) ? folio_page_alias_resolve(p, json_string_value(v)) : NULL;
		n += !url || folio_layout_is_generated(cfg, url); /* unreadable: counted, to be safe */
		free(url);
	}
	return n;
}

/* The same for the static files: one published in that space ("tags/x/
 * index.html", "events/page/2/index.html") may meet a page made later. */
static size_t generated_files(const folio_site *site)
{
	const folio_config *cfg = folio_site_config(site);
	size_t n = 0;
	for (size_t i = 0; i < folio_site_static_count(site); i++) {
		const char *out = folio_site_static(site, i)->output;
		size_t len = strlen(out);
		/* as a URL: "a/b/index.html" is "/a/b/", anything else "/a/b.pdf" */
		if (len >= 10 && !strcmp(out + len - 10, "index.html"))
			len -= 10;
		char *url = folio_xasprintf("/%.*s", (int)len, out);
		n += folio_layout_is_generated(cfg, url);
		free(url);
	}
	return n;
}

/* After a fast publish: the changed pages' records, when the records
 * described the commit it started from ("records_commit"; a state migrated
 * from version 5 has none until the next full load). */
static int record_changed_records(publisher *p)
{
	folio_records_writer *w = NULL;
	int rc = 0;
	char *from = NULL, *indexed = NULL;
	bool current = folio_state_get(p->st, "records_commit", &from) == 0 &&
	               folio_state_get(p->st, "page_index_commit", &indexed) == 0 && from &&
	               indexed && !strcmp(from, indexed);
	free(from);
	free(indexed);
	if (!current)
		return 0;
	if ((rc = folio_records_writer_open(&w, p->st, false)) < 0)
		return rc;
	for (size_t i = 0; rc == 0 && i < p->nchanged; i++) {
		if (!p->changed[i]->ok)
			continue;
		rc = folio_records_put_page(w, p->site, p->changed[i]);
	}
	folio_records_writer_close(w);
	return rc < 0 ? rc : folio_state_set(p->st, "records_commit", p->commit);
}

/* A first publish into a state with no records: each page's record made,
 * written and dropped in turn, not all of them held to be compared with
 * none (tens of megabytes at 100,000 pages, at the publish's peak). */
static int put_all_records(publisher *p, size_t *generated)
{
	size_t npub = folio_site_page_count(p->site), nheld = folio_site_held_count(p->site), n = 0;
	folio_records_writer *w = NULL;
	int rc = folio_records_writer_open(&w, p->st, true);
	for (size_t i = 0; rc == 0 && i < npub + nheld; i++) {
		const folio_page *pg = i < npub ? folio_site_page(p->site, i) : folio_site_held(p->site, i - npub);
		if (!pg->ok)
			continue;
		rc = folio_records_put_page(w, p->site, pg);
		*generated += generated_urls(folio_site_config(p->site), pg);
		n++;
	}
	folio_records_writer_close(w);
	folio_log(FOLIO_LOG_DEBUG, "publish", "%zu records written, none stored before", n);
	return rc;
}

/* Write the records of the pages the publish parsed (records.h): every
 * page, published or held, after a full load; the changed pages after a
 * fast publish. Called before "page_index_commit" moves on. */
static int record_records(publisher *p)
{
	size_t generated = 0;
	int rc = 0;
	if (p->partial)
		return record_changed_records(p);
	size_t npub = folio_site_page_count(p->site), nheld = folio_site_held_count(p->site), n = 0;
	size_t stored = 1;
	if (!p->model && (rc = folio_records_count(p->st, &stored)) < 0)
		return rc;
	if (!p->model && stored == 0) {
		rc = put_all_records(p, &generated);
		goto done;
	}
	/* a loaded site: its records compared with the stored ones, the few
	 * that differ rewritten (an added page costs one record, not all) */
	folio_record *recs = folio_xcalloc(npub + nheld + 1, sizeof(*recs));
	for (size_t i = 0; i < npub + nheld; i++) {
		const folio_page *pg = i < npub ? folio_site_page(p->site, i) : folio_site_held(p->site, i - npub);
		if (!pg->ok)
			continue;
		if (!p->model) /* from the model: a stub's record is the stored one */
			folio_record_of(&recs[n++], p->site, pg);
		generated += generated_urls(folio_site_config(p->site), pg);
	}
	size_t written = 0;
	if (p->model) {
		rc = p->model_record_records(p);
	} else {
		rc = folio_records_sync(p->st, recs, n, &written);
		folio_log(FOLIO_LOG_DEBUG, "publish", "%zu of %zu records written", written, n);
	}
	for (size_t i = 0; i < n; i++)
		folio_record_dispose(&recs[i]);
	free(recs);
done:
	if (rc == 0) {
		char count[32];
		snprintf(count, sizeof(count), "%zu", generated + generated_files(p->site));
		rc = folio_state_set(p->st, "records_generated_urls", count);
	}
	return rc < 0 ? rc : folio_state_set(p->st, "records_commit", p->commit);
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
	} else if (p->model) { /* a stub has no heading ids: its row stays */
		rc = p->model_record_pages(p);
	} else {
		if ((rc = folio_state_exec(p->st, "DELETE FROM pages")) < 0)
			return rc;
		if (sqlite3_prepare_v2(db, FOLIO_PUBLISH__PAGE_INSERT, -1, &s, NULL) != SQLITE_OK)
			return db_fail(p, "cannot prepare the pages record");
		for (size_t i = 0; rc == 0 && i < folio_site_page_count(p->site); i++) {
			const folio_page *pg = folio_site_page(p->site, i);
			if (pg->ok && !folio_publish__insert_page(s, pg))
				rc = db_fail(p, "cannot record a page");
		}
	}
	sqlite3_finalize(s);
	if (rc == 0)
		rc = record_records(p);
	if (rc == 0)
		rc = record_findings(p);
	snprintf(count, sizeof(count), "%zu", p->diags ? p->diags->count - p->diags_from : 0);
	char build[FOLIO_SHA256_HEX];
	folio_publish__build_id(build);
	snprintf(files, sizeof(files), "%zu", p->stats->files);
	if (rc == 0 && !p->partial) {
		/* a fast publish changes no front matter: the schedule stays */
		char *schedule = folio_publish__schedule_text(p->site);
		rc = folio_state_set(p->st, FOLIO_PUBLISH_SCHEDULE_KEY, schedule);
		free(schedule);
	}
	/* the page text the fast path adds its changes to (publish_judge.c) */
	size_t text = p->text_total;
	bool text_known = p->partial || p->model ? p->text_known : folio_site__pages_text(p->site, &text);
	char text_value[32];
	snprintf(text_value, sizeof(text_value), "%zu", text);
	if (rc == 0)
		rc = text_known ? folio_state_set(p->st, "published_text", text_value)
		                : folio_state_exec(p->st, "DELETE FROM meta WHERE key = 'published_text'");
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
	folio_buf_puts(&b, folio_build_identity());
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

/*
 * A feed for the partners: the bytes this publish rendered, from memory.
 * One it did not render (its inputs did not change, or the fast path
 * publishes a few pages) has the bytes the state recorded, and is read from
 * the output (never through a link, or from the bucket).
 */
static int read_feed(folio_buf *out, const char *rel, void *payload)
{
	publisher *p = payload;
	const folio_output *o = folio_search(p->plan->items, p->plan->count, sizeof(*p->plan->items), rel,
	                                     folio_search_cmp_str);
	size_t i = o ? (size_t)(o - p->plan->items) : 0;
	if (o && p->kept.data && i < p->kept.count && p->kept.data[i]) {
		folio_buf_put(out, p->kept.data[i], p->kept.len[i]);
		return 0;
	}
	if (!o && !p->partial)
		return FOLIO_ENOTFOUND; /* the plan is the whole site: no such output */
	if (p->remote)
		return folio_s3_get(p->remote->s3, rel, out);
	return folio_beneath_read(out, p->opts->out_dir, rel);
}

/* One transaction: new hashes and edges, removed outputs, the commit, and
 * an empty journal. hashes[i] is NULL for outputs that were not rendered. */
int folio_publish__record(publisher *p, char (*hashes)[FOLIO_SHA256_HEX], const bool *rendered,
                          char **removed, size_t nremoved, bool replace_all)
{
	sqlite3 *db = folio_state_db(p->st);
	record_stmts rs = { 0 };
	size_t nrecorded = 0;
	int rc = folio_state_begin(p->st);
	if (rc < 0)
		return rc;
	if (replace_all && (rc = folio_state_exec(p->st, "DELETE FROM outputs; DELETE FROM deps;")) < 0)
		goto done;
	/* the sum first: it reads the sizes the rows had */
	if ((rc = record_bytes(p, rendered, removed, nremoved, replace_all)) < 0)
		goto done;
	if (prepare(db, &rs, "INSERT INTO outputs(path, hash, unit, deps, size, folded)"
	            " VALUES(?1, ?2, ?3, ?4, ?5, folio_fold(?1))"
	            " ON CONFLICT(path) DO UPDATE SET hash = excluded.hash, unit = excluded.unit,"
	            " deps = excluded.deps, size = excluded.size", &rs.up) < 0 ||
	    prepare(db, &rs, "SELECT deps FROM outputs WHERE path = ?", &rs.old) < 0 ||
	    prepare(db, &rs, "DELETE FROM deps WHERE output = ?", &rs.deldeps) < 0 ||
	    prepare(db, &rs, "DELETE FROM deps WHERE output = ? AND dep = ?", &rs.deldep) < 0 ||
	    prepare(db, &rs, "INSERT OR IGNORE INTO deps(output, dep) VALUES(?, ?)", &rs.adddep) < 0 ||
	    prepare(db, &rs, "DELETE FROM outputs WHERE path = ?", &rs.delout) < 0 ||
	    prepare(db, &rs, "INSERT INTO publishes(commit_id, published_at, pages, written, deleted)"
	            " VALUES(?, ?, ?, ?, ?)", &rs.pub) < 0) {
		rc = db_fail(p, "cannot prepare the publish record");
		goto done;
	}
	for (size_t i = 0; rc == 0 && i < p->plan->count; i++)
		if (rendered[i]) {
			rc = record_output(p, &rs, i, hashes[i]);
			nrecorded++;
			/* recorded: only a feed page's lines are read again (its items,
			 * publish_fragments.c); the others go before the records are made */
			if (rc == 0 && p->plan->items[i].kind != FOLIO_UNIT_FEED) {
				free(p->deps[i]);
				p->deps[i] = NULL;
			}
		}
	for (size_t i = 0; rc == 0 && i < nremoved; i++)
		if ((rc = exec_path(p, rs.delout, removed[i])) == 0)
			rc = exec_path(p, rs.deldeps, removed[i]);
	if (rc < 0)
		goto done;
	folio_log(FOLIO_LOG_DEBUG, "publish", "record: %zu outputs, %zu dependency rows changed; %zu statements"
	          " prepared", nrecorded, rs.deps_changed, rs.prepared);
	sqlite3_bind_text(rs.pub, 1, p->commit, -1, SQLITE_STATIC);
	sqlite3_bind_int64(rs.pub, 2, (sqlite3_int64)time(NULL));
	sqlite3_bind_int64(rs.pub, 3, (sqlite3_int64)p->stats->pages);
	sqlite3_bind_int64(rs.pub, 4, (sqlite3_int64)p->stats->written);
	sqlite3_bind_int64(rs.pub, 5, (sqlite3_int64)p->stats->deleted);
	if (sqlite3_step(rs.pub) != SQLITE_DONE) {
		rc = db_fail(p, "cannot record the publish");
		goto done;
	}
	if ((rc = folio_state_exec(p->st, "DELETE FROM journal")) < 0 ||
	    (rc = folio_state_set(p->st, "published_commit", p->commit)) < 0 ||
	    (rc = record_pages(p)) < 0)
		goto done;
	/* what the outputs were rendered for (same_preview) */
	if (p->opts->preview_base_url && !p->partial &&
	    (rc = folio_state_set(p->st, FOLIO_PUBLISH__PREVIEW_KEY, p->opts->preview_base_url)) < 0)
		goto done;
	/* partners learn of this publish in the same transaction that records it;
	 * of a preview, never: it is not the site */
	if (p->opts->preview_base_url)
		rc = 0;
	else
		rc = folio_deliver_enqueue_from(p->st, folio_site_config(p->site), p->commit,
		                                p->opts->out_dir, read_feed, p);
	if (rc < 0)
		goto done;
done:
	sqlite3_finalize(rs.up);
	sqlite3_finalize(rs.old);
	sqlite3_finalize(rs.deldeps);
	sqlite3_finalize(rs.deldep);
	sqlite3_finalize(rs.adddep);
	sqlite3_finalize(rs.delout);
	sqlite3_finalize(rs.pub);
	if (rc == 0 && p->synced) /* the state names no output before it is durable */
		rc = folio_task_wait(p->synced);
	return finish_transaction(p, rc);
}


int folio_publish__write_if_changed(folio_output *o, size_t i, void *payload)
{
	folio_publish__writer *cw = payload;
	const stored_output *s = folio_publish__stored_at(cw->p, i);
	int rc = folio__output_sha256(cw->hashes[i], o);
	if (rc == 0 && cw->journal)
		rc = folio_task_wait(cw->journal); /* durable before a byte is written */
	if (rc < 0) {
		folio__keep_or_free(&cw->p->kept, o, i);
		return rc;
	}
	if ((!s || strcmp(s->bytes, cw->hashes[i]) || folio_publish__in_journal(cw->p, o->path)) && cw->p->remote) {
		rc = folio__remote_stage(cw->p->remote, &cw->staged[i], i, o);
		atomic_fetch_add(&cw->written, 1);
	} else if (!s || strcmp(s->bytes, cw->hashes[i]) || folio_publish__in_journal(cw->p, o->path)) {
		rc = folio_beneath_write_temp_with(&cw->staged[i], cw->p->opts->out_dir, o->path,
		                                   folio__output_fill, o, cw->durable);
		if (rc < 0 && !s) /* the directories made for a new output */
			folio_beneath_prune(cw->p->opts->out_dir, o->path);
		atomic_fetch_add(&cw->written, 1);
		folio__fault_step();
	}
	folio__keep_or_free(&cw->p->kept, o, i);
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

bool folio_publish__needs_full(publisher *p)
{
	char *commit = NULL;
	bool full = p->opts->full || folio_state_was_reset(p->st) ||
	            (!p->remote && !folio_fs_is_dir(p->opts->out_dir));
	if (!full) {
		full = folio_state_get(p->st, "published_commit", &commit) < 0 || !commit;
		free(commit);
	}
	return full;
}

bool folio_publish__volatile(folio_state *st)
{
	sqlite3_stmt *s = NULL;
	bool found = true; /* a state that cannot say: as if it had one */
	if (sqlite3_prepare_v2(folio_state_db(st), "SELECT 1 FROM deps WHERE dep >= '" FOLIO_DEP_VOLATILE "='"
	                       " AND dep < '" FOLIO_DEP_VOLATILE ">' LIMIT 1", -1, &s, NULL) == SQLITE_OK) {
		int rc = sqlite3_step(s);
		found = rc != SQLITE_DONE;
	}
	sqlite3_finalize(s);
	return found;
}

/* ---- a page index without outputs (folio check A..B) ---- */

int folio_publish_index(folio_state *st, const folio_site *site, const char *commit,
                        const folio_diags *diags)
{
	folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
	folio_build_stats stats;
	memset(&stats, 0, sizeof(stats));
	po.state_dir = folio_state_dir(st);
	po.state = st;
	/* the record of a publish, less its outputs: the pages table, the
	 * findings, the schedule and the commit they describe */
	publisher p = { .opts = &po, .stats = &stats, .site = (folio_site *)site, .commit = commit,
	                .diags = (folio_diags *)diags, .diags_from = 0, .st = st };
	int rc = folio_state_begin(p.st);
	if (rc == 0) {
		rc = folio_state_set(p.st, "published_commit", commit);
		if (rc == 0)
			rc = record_pages(&p);
		rc = finish_transaction(&p, rc);
		if (rc < 0 && folio_state_in_transaction(st)) /* a failed commit: the borrowed state goes on */
			folio_state_rollback(st);
	}
	return rc;
}
