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
#include "folio/path.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "folio/render.h"
#include "folio/site.h"
#include "folio/validate.h"
#include "model/site_partial.h"
#include "model/builtin.h"
#include "render/deps.h"
#include "output.h"
#include "publish_internal.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/parallel.h"
#include "util/hash.h"
#include "util/search.h"
#include "util/timestamp.h"
#include "publish/state_db.h"
#include "util/banned.h"

static int db_fail(publisher *p, const char *what)
{
	return folio_error_set("state: %s: %s", what, sqlite3_errmsg(folio_state_db(p->st)));
}

/* ---- reading the state ---- */

/* Column i of s into out, cut to size - 1 bytes (what snprintf's "%s" did
 * here, for 22,000 columns at 10k pages). */
static void copy_column(char *out, size_t size, sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	size_t n = t ? strnlen(t, size - 1) : 0;
	if (n)
		memcpy(out, t, n);
	out[n] = '\0';
}

static int load_stored(publisher *p)
{
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	if (p->stored_loaded)
		return 0;
	p->stored_loaded = true;
	/* read from the outputs_hashes index alone, not the rows' dependency lines */
	if (sqlite3_prepare_v2(folio_state_db(p->st),
	                       "SELECT path, hash, unit, size FROM outputs ORDER BY path", -1, &s, NULL) != SQLITE_OK)
		return db_fail(p, "cannot read outputs");
	while (sqlite3_step(s) == SQLITE_ROW) {
		FOLIO_ARRAY_GROW(p->stored, p->nstored, alloc, p->nstored + 1);
		stored_output *o = &p->stored[p->nstored++];
		o->path = folio_xstrdup((const char *)sqlite3_column_text(s, 0));
		copy_column(o->bytes, sizeof(o->bytes), s, 1);
		copy_column(o->inputs, sizeof(o->inputs), s, 2);
		o->size = (size_t)sqlite3_column_int64(s, 3);
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


int folio_publish_current(folio_state *st, char **commit_out)
{
	return folio_state_get(st, "published_commit", commit_out);
}

/* ---- planning ---- */

/* Every output's inputs, which decide what an incremental publish renders.
 * A full publish renders all: each output's are made when it is recorded
 * (record_output()), so that they are never all held at once. */
static void inputs_at(size_t i, void *payload)
{
	publisher *p = payload;
	if (folio_publish__model_kept(p, i, p->inputs[i]))
		p->deps[i] = folio_xstrdup(""); /* not rendered, so never recorded */
	else
		folio_publish__output_inputs(p, i);
}

/* Each output's inputs, on every core: they read the site and the plan
 * only, as rendering does (a stub's front matter is parsed once, whichever
 * thread asks first). A full publish makes them as it records. */
static void compute_inputs(publisher *p, bool full)
{
	size_t n = p->plan->count;
	p->deps = folio_xcalloc(n ? n : 1, sizeof(*p->deps));
	p->inputs = folio_xcalloc(n ? n : 1, sizeof(*p->inputs));
	/* the stored rows are matched to the plan on first use: here, before
	 * the threads ask (folio_publish__model_kept()) */
	if (p->model && p->stored_loaded && n)
		(void)folio_publish__stored_at(p, 0);
	if (!full || p->model) /* a model's stubs: now */
		folio_parallel_for(n, p->opts->jobs, inputs_at, p);
}

/* Why output i must be re-rendered, for --explain: the first input line
 * that the state does not have for it. Caller frees. */
static char *explain(publisher *p, size_t i)
{
	const folio_output *o = &p->plan->items[i];
	if (!folio_publish__stored_at(p, i))
		return folio_xstrdup("new output");
	if (folio_publish__in_journal(p, o->path))
		return folio_xstrdup("an earlier publish was interrupted while writing it");
	sqlite3_stmt *s = NULL;
	char *why = NULL;
	sqlite3_prepare_v2(folio_state_db(p->st), "SELECT 1 FROM deps WHERE output = ? AND dep = ?",
	                   -1, &s, NULL);
	const char *cursor = p->deps[i], *line;
	size_t len;
	while (!why && folio_deps_next(&cursor, &line, &len)) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, o->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, line, (int)len, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			/* the record's line before its value: "content/a.md",
			 * "content/a.md#meta", "file:b.md", "missing:posts/x" */
			folio_dep d;
			size_t subject = len;
			if (folio_dep_parse(&d, line, len) == 0 &&
			    (d.kind == FOLIO_DEP_INPUT || d.kind == FOLIO_DEP_META))
				subject = (size_t)(d.value - line) - 1;
			why = folio_xasprintf("%.*s changed", (int)subject, line);
		}
	}
	sqlite3_finalize(s);
	return why ? why : folio_xstrdup("the order or number of its inputs changed");
}


/* ---- the two ways to publish ---- */


/* Where the pages' HTML came from, for FOLIO_TRACE (a full load streams). */
static void trace_html(const publisher *p)
{
	if (p->model)
		return;
	size_t spilled, read_back, again;
	folio_site_html_counts(p->site, &spilled, &read_back, &again);
	folio_log(FOLIO_LOG_DEBUG, "publish", "pages' HTML: %zu in the scratch file, %zu read back, "
	          "%zu rendered again", spilled, read_back, again);
}

/* The store's full build: what it does not hold uploaded, the rest deleted. */
static int publish_full_remote(publisher *p, char (*hashes)[FOLIO_SHA256_HEX])
{
	return folio__remote_full(p->remote, p->renderer, p->opts->jobs, hashes, &p->kept,
	                          &p->stats->written, &p->stats->deleted);
}

/* Everything rendered, written into a fresh directory and swapped in. */
static int publish_full(publisher *p)
{
	size_t n = p->plan->count;
	bool *all = folio_xmalloc((n ? n : 1) * sizeof(*all));
	char(*hashes)[FOLIO_SHA256_HEX] = folio_xcalloc(n ? n : 1, sizeof(*hashes));
	int rc;

	if (!p->remote)
		folio_fs_remove_temps(p->opts->out_dir); /* trees of builds that were killed */
	folio_publish__keep_partner_feeds(p);
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
	folio_publish__fragments_prepare(p, NULL);
	if (p->remote) {
		if ((rc = publish_full_remote(p, hashes)) == 0)
			rc = folio_publish__record(p, hashes, all, NULL, 0, true);
		goto done;
	}
	if ((rc = folio__build_tree(p->renderer, p->opts->out_dir, p->opts->jobs, hashes, &p->kept)) < 0)
		goto done;
	p->stats->written = n;
	rc = folio_publish__record(p, hashes, all, NULL, 0, true);
done:
	trace_html(p);
	if (rc == 0)
		folio_publish__fragments_keep(p);
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

/* The journal's commit, on a thread of its own (publish_incremental). */
typedef struct {
	publisher *p;
	const bool *render;
	char **removed;
	size_t nremoved;
} journal_job;

static int commit_journal(void *arg)
{
	journal_job *j = arg;
	return folio_publish__write_journal(j->p, j->render, j->removed, j->nremoved);
}

/* Above this many outputs written or removed, one syncfs is cheaper than
 * a sync of each (a template change rewrites every page). */
#define SYNC_EACH_MAX 512

/* The outputs' sync, on a thread of its own (publish_incremental): the
 * paths written or removed, each synced with its folders when they are
 * few, so a publish costs what it changed, not what other writers left
 * dirty on the file system; else the whole file system. */
typedef struct {
	const char *out_dir;
	char **paths;
	bool *made; /* per path: may have made or removed folders (new or removed) */
	size_t n;
} sync_job;

static int sync_outputs(void *arg)
{
	sync_job *j = arg;
	size_t synced = 0;
	if (j->n > SYNC_EACH_MAX) {
		folio_log(FOLIO_LOG_DEBUG, "publish", "%zu outputs changed: their file system synced", j->n);
		return folio__sync_tree(j->out_dir);
	}
	int rc = folio_beneath_sync(j->out_dir, j->paths, j->made, j->n, &synced);
	folio_log(FOLIO_LOG_DEBUG, "publish", "%zu outputs changed: %zu files and folders synced", j->n, synced);
	return rc;
}

static int cmp_output_path(const void *key, const void *elem)
{
	return strcmp(key, ((const folio_output *)elem)->path);
}

/* Is a planned output at path, or below it (path + "/...")? The plan is
 * sorted by path. */
static bool planned_at_or_below(const publisher *p, const char *path, bool below)
{
	const folio_output *o = p->plan->items;
	size_t n = p->plan->count, len = strlen(path);
	if (!below)
		return n && bsearch(path, o, n, sizeof(*o), cmp_output_path);
	size_t lo = 0, hi = n; /* the first path past path + "/" */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(o[mid].path, path, len);
		if (c < 0 || (c == 0 && (unsigned char)o[mid].path[len] < '/'))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strncmp(o[lo].path, path, len) && o[lo].path[len] == '/';
}

/* The folds (folio_path_fold) of the outputs a publish writes, sorted: on
 * a file system that ignores case (macOS, Windows, an SMB share) a
 * removed About/index.html is the about/index.html just written, and
 * removing it after the writes removed the page (t493). */
typedef struct {
	char **v;
	size_t n;
} fold_set;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_key_str(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

/* planned_at_or_below, on the sorted folds */
static bool folded_at_or_below(const fold_set *f, const char *path, bool below)
{
	size_t n = f->n, len = strlen(path);
	if (!below)
		return n && bsearch(path, f->v, n, sizeof(*f->v), cmp_key_str);
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(f->v[mid], path, len);
		if (c < 0 || (c == 0 && (unsigned char)f->v[mid][len] < '/'))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strncmp(f->v[lo], path, len) && f->v[lo][len] == '/';
}

/* What of removed output r is in the way of a planned one, or NULL: r
 * itself, a file where a folder of outputs goes now (static/a, and
 * static/a/b planned), or the folder above it that is a planned file now
 * (static/a/b, and static/a planned). A temporary file cannot be made
 * below a file, nor renamed over a folder. The same compared folded with
 * the outputs written (f, or NULL): there r may be one of them. Caller
 * frees. */
static char *in_the_way(const publisher *p, const fold_set *f, const char *r)
{
	if (planned_at_or_below(p, r, true))
		return folio_xstrdup(r);
	char *up = folio_xstrdup(r);
	for (char *slash = strchr(up, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0'; /* the highest: a file there stands for all below */
		if (planned_at_or_below(p, up, false))
			return up;
		*slash = '/';
	}
	char *fold = f && f->n ? folio_path_fold(r, strlen(r)) : NULL;
	if (fold && folded_at_or_below(f, fold, false)) {
		free(fold);
		return up; /* r itself, whole again */
	}
	if (fold && folded_at_or_below(f, fold, true)) {
		free(fold);
		return up;
	}
	/* a folder of r whose fold is a file written (each folded alone: a
	 * name of dots and spaces folds to none) */
	for (char *slash = fold ? strchr(up, '/') : NULL; slash; slash = strchr(slash + 1, '/')) {
		char *folder = folio_path_fold(up, (size_t)(slash - up));
		bool file = folder && folded_at_or_below(f, folder, false);
		free(folder);
		if (file) {
			*slash = '\0';
			free(fold);
			return up;
		}
	}
	free(fold);
	free(up);
	return NULL;
}

/* What stood in the way, moved beside itself (x.tmp-folio-aside, which
 * the next run's clean-up of the journal's paths removes after a crash),
 * put back when the publish fails: a refused commit leaves the site as it
 * was. */
typedef struct {
	char **paths, **asides;
	size_t n;
} asides;

static int move_aside(publisher *p, const fold_set *f, asides *a, char **removed, size_t nremoved)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < nremoved; i++) {
		char *way = in_the_way(p, f, removed[i]);
		bool seen = false;
		for (size_t k = 0; way && k < a->n && !seen; k++)
			seen = !strcmp(a->paths[k], way);
		if (!way || seen) {
			free(way);
			continue;
		}
		char *aside = folio_xasprintf("%s.tmp-folio-aside", way);
		rc = folio_beneath_move(p->opts->out_dir, way, aside);
		if (rc < 0 && errno == ENOENT)
			rc = 0; /* gone already (an earlier run's leftover cleaned) */
		else if (rc == 0) {
			folio_log(FOLIO_LOG_DEBUG, "publish", "'%s' moved aside: in the way of this commit's outputs", way);
			a->paths = folio_xrealloc(a->paths, (a->n + 1) * sizeof(*a->paths));
			a->asides = folio_xrealloc(a->asides, (a->n + 1) * sizeof(*a->asides));
			a->paths[a->n] = way;
			a->asides[a->n++] = aside;
			continue;
		}
		free(way);
		free(aside);
	}
	return rc;
}

/* Put back (the publish failed) or drop (it succeeded) what was moved. */
static void end_asides(publisher *p, asides *a, bool put_back)
{
	for (size_t k = 0; k < a->n; k++) {
		if (put_back)
			(void)folio_beneath_move(p->opts->out_dir, a->asides[k], a->paths[k]);
		else
			(void)folio_beneath_remove(p->opts->out_dir, a->asides[k]);
		free(a->paths[k]);
		free(a->asides[k]);
	}
	free(a->paths);
	free(a->asides);
	memset(a, 0, sizeof(*a));
}

static int publish_incremental(publisher *p)
{
	size_t n = p->plan->count, nremoved = 0, ngone = 0, nchanged = 0;
	char **gone = NULL, **changed = NULL;
	bool *made = NULL;
	bool *render = folio_xcalloc(n ? n : 1, sizeof(*render));
	char(*hashes)[FOLIO_SHA256_HEX] = folio_xcalloc(n ? n : 1, sizeof(*hashes));
	char **removed = folio_xmalloc((p->nstored ? p->nstored : 1) * sizeof(*removed));
	folio_publish__writer cw = { .p = p, .hashes = hashes, .staged = folio_xcalloc(n ? n : 1, sizeof(char *)) };
	asides aside = { 0 };
	fold_set folds = { 0 };
	char **left = NULL; /* borrowed from p->journal */
	size_t nleft = 0;
	int rc;

	atomic_init(&cw.written, 0);
	/* a run killed while writing may have left temporary files beside its outputs */
	for (size_t i = 0; !p->remote && i < p->njournal; i++) {
		folio_beneath_remove_temps(p->opts->out_dir, p->journal[i]);
		/* and the folders made for them, now empty (a new output's): else
		 * one stands where a file of this commit goes */
		folio_beneath_prune(p->opts->out_dir, p->journal[i]);
	}
	for (size_t i = 0; i < n; i++) {
		const folio_output *o = &p->plan->items[i];
		const stored_output *s = folio_publish__stored_at(p, i);
		render[i] = !s || strcmp(s->inputs, p->inputs[i]) || folio_publish__in_journal(p, o->path);
		p->stats->pages += render[i] && o->kind == FOLIO_UNIT_PAGE;
		if (render[i] && p->opts->explain) {
			char *why = explain(p, i);
			fprintf(p->opts->explain, "%s: %s\n", o->path, why);
			free(why);
		}
	}
	if (p->model) {
		size_t rendered = 0;
		for (size_t i = 0; i < n; i++)
			rendered += render[i];
		folio_log(FOLIO_LOG_DEBUG, "publish", "%zu of %zu outputs rendered", rendered, n);
	}
	/* outputs the state has and the plan does not */
	for (size_t i = 0, j = 0; i < p->nstored; i++) {
		while (j < n && strcmp(p->plan->items[j].path, p->stored[i].path) < 0)
			j++;
		if (j >= n || strcmp(p->plan->items[j].path, p->stored[i].path))
			removed[nremoved++] = p->stored[i].path;
	}
	/* every output that may change is journaled before the first byte is
	 * written: its commit (an fsync) runs while the outputs render, and
	 * the writer waits for it before its first file */
	folio_publish__fragments_prepare(p, render);
	folio_publish__keep_partner_feeds(p); /* before the sinks, and the journal's thread */
	journal_job jj = { p, render, removed, nremoved };
	if ((rc = folio_publish__keep_bytes(p, render, removed, nremoved)) < 0)
		goto done;
	/* the journal's paths that are no output any more: an interrupted
	 * run's new outputs, gone with what is removed */
	left = folio_xmalloc((p->njournal + 1) * sizeof(*left));
	for (size_t i = 0; i < p->njournal; i++)
		if (!planned_at_or_below(p, p->journal[i], false) && !folio_publish__find_stored(p, p->journal[i]))
			left[nleft++] = p->journal[i];
	/* the folds of what is written, for the outputs removed or left */
	for (size_t i = 0; !p->remote && nremoved + nleft && i < n; i++) {
		char *fold = render[i] ? folio_path_fold(p->plan->items[i].path, strlen(p->plan->items[i].path)) : NULL;
		if (fold) {
			folds.v = folio_xrealloc(folds.v, (folds.n + 1) * sizeof(*folds.v));
			folds.v[folds.n++] = fold;
		}
	}
	if (folds.n)
		qsort(folds.v, folds.n, sizeof(*folds.v), cmp_str);
	bool way = false;
	for (size_t i = 0; !p->remote && i < nremoved + nleft && !way; i++) {
		char *w = in_the_way(p, &folds, i < nremoved ? removed[i] : left[i - nremoved]);
		way = w != NULL;
		free(w);
	}
	folio_task journal;
	if (way) { /* journaled first, then what is in the way moved aside */
		rc = commit_journal(&jj);
		if (rc == 0)
			rc = move_aside(p, &folds, &aside, removed, nremoved);
		if (rc == 0)
			rc = move_aside(p, &folds, &aside, left, nleft);
	} else {
		folio_task_start(&journal, commit_journal, &jj, false);
		cw.journal = &journal;
		rc = 0;
	}
	if (rc == 0)
		rc = folio_renderer_render_to(p->renderer, render, p->opts->jobs, folio_publish__write_if_changed, &cw);
	if (!way) {
		int journaled = folio_task_wait(&journal);
		folio_task_dispose(&journal);
		cw.journal = NULL;
		if (rc == 0)
			rc = journaled;
	}
	/* what changes on disk: the outputs written, then those removed */
	changed = folio_xmalloc((n + nremoved + p->njournal + 1) * sizeof(*changed));
	made = folio_xmalloc((n + nremoved + p->njournal + 1) * sizeof(*made));
	for (size_t i = 0; i < n; i++)
		if (cw.staged[i]) {
			made[nchanged] = !folio_publish__stored_at(p, i) || folio_publish__in_journal(p, p->plan->items[i].path);
			changed[nchanged++] = p->plan->items[i].path;
		}
	if (rc < 0 || (rc = folio_publish__rename_staged(&cw)) < 0)
		goto done;
	end_asides(p, &aside, false);
	p->stats->written = atomic_load(&cw.written);
	trace_html(p);
	/* what goes: removed outputs, and journal leftovers that are no output at all any more */
	gone = changed + nchanged;
	memcpy(gone, removed, nremoved * sizeof(*gone));
	ngone = nremoved;
	p->stats->deleted = nremoved;
	for (size_t i = 0; i < nleft; i++)
		gone[ngone++] = left[i];
	if (p->remote && ngone)
		rc = folio_s3_delete_all(p->remote->s3, gone, ngone);
	for (size_t i = 0; !p->remote && rc == 0 && i < ngone; i++) {
		/* a folder of outputs now, or one of them once folded: moved
		 * aside and removed before (on a file system that folds names
		 * it is an output just written) */
		char *w = in_the_way(p, &folds, gone[i]);
		if (!w)
			rc = remove_output(p->opts->out_dir, gone[i]);
		free(w);
	}
	/* the outputs made durable while the record is written, which waits
	 * for them before its commit */
	folio_task synced;
	for (size_t i = nchanged; i < nchanged + ngone; i++)
		made[i] = true;
	sync_job sj = { p->opts->out_dir, changed, made, nchanged + ngone };
	bool syncing = rc == 0 && !p->remote && (p->stats->written || p->stats->deleted);
	if (syncing) {
		folio_task_start(&synced, sync_outputs, &sj, false);
		p->synced = &synced;
	}
	if (rc == 0)
		rc = folio_publish__record(p, hashes, render, removed, nremoved, false);
	if (syncing) {
		int durable = folio_task_wait(&synced);
		folio_task_dispose(&synced);
		p->synced = NULL;
		if (rc == 0)
			rc = durable;
	}
	if (rc == 0)
		folio_publish__fragments_keep(p);
done:
	folio_publish__discard_staged(&cw);
	end_asides(p, &aside, true); /* what is left of them: the publish failed */
	for (size_t i = 0; i < folds.n; i++)
		free(folds.v[i]);
	free(folds.v);
	free(left);
	free(changed);
	free(made);
	free(removed);
	free(hashes);
	free(render);
	return rc;
}

/* ---- entry point ---- */



/* The publish a process ends after (opts->exiting), held here so that a
 * leak check finds its memory reachable: the exit gives it back at once
 * where free() took 8% of an add at 10k pages (10,000 records and stubs,
 * the plan, the stored rows). */
static publisher left_at_exit;

static void publisher_dispose(publisher *p)
{
	if (p->opts->exiting && !left_at_exit.opts) {
		/* the state alone has work to do when closed (its WAL written
		 * back); its reader and statements first */
		folio_publish__model_join(p);
		folio_publish__fragments_close(p);
		if (!p->opts->state)
			folio_state_close(p->st);
		p->st = NULL;
		left_at_exit = *p;
		return;
	}
	if (p->plan)
		for (size_t i = 0; i < p->plan->count; i++)
			free(p->deps ? p->deps[i] : NULL);
	free(p->deps);
	free(p->inputs);
	for (size_t i = 0; i < p->nstored; i++)
		free(p->stored[i].path);
	free(p->stored);
	folio_publish__stored_unmatch(p);
	for (size_t i = 0; i < p->njournal; i++)
		free(p->journal[i]);
	free(p->journal);
	free(p->changed);
	folio__kept_dispose(&p->kept);
	folio_renderer_free(p->renderer);
	folio_publish__model_drop(p, NULL); /* its site; the verdict stays with the caller */
	folio_publish__fragments_close(p); /* before the state they were prepared on */
	folio_publish__site_dispose(p);
	if (!p->opts->state) /* else borrowed */
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
	folio_state_get(p->st, FOLIO_PUBLISH__PREVIEW_KEY, &recorded);
	bool same = p->opts->preview_base_url ? recorded && !strcmp(recorded, p->opts->preview_base_url)
	                                      : !recorded;
	free(recorded);
	return same;
}

int folio_publish(folio_build_stats *stats, folio_source *src, const folio_publish_options *opts,
                  folio_diags *diags)
{
	double start = folio_clock_seconds();
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
	bool locked = opts->state && folio_state_locked(opts->state);
	if (opts->state)
		p.st = opts->state;
	else if ((rc = folio_state_open(&p.st, opts->state_dir)) < 0)
		goto done;
	if ((!locked && (rc = folio_state_lock(p.st)) < 0) || (rc = folio__output_claim(opts->out_dir)) < 0)
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
	/* pages added, deleted or retitled: from the stored site model, the
	 * pages the commit did not change as stubs (publish_model.c) */
	bool model = !opts->full && !opts->show_held && same_preview(&p) && !folio_publish__needs_full(&p) &&
	             !folio_publish__volatile(p.st);
load:
	if (model && (rc = folio_publish__model_load(&p, src, &so, diags)) < 0)
		goto done;
	/* a full load renders every output once, as a full build does: each
	 * page's HTML waits in a scratch file in the state's folder (local,
	 * whatever the output), not in memory; a preview showing held pages
	 * (folio serve) loads as before */
	so.stream = !so.show_held;
	so.spill_html = so.stream && !p.model;
	so.spill_dir = opts->state_dir;
	if (!p.model && (rc = folio__load_valid_with(&p.site, src, &so, diags)) < 0)
		goto done;
	if (opts->preview_base_url)
		folio_site__set_base_url(p.site, opts->preview_base_url);
	if ((rc = folio_renderer_new(&p.renderer, p.site)) < 0)
		goto done;
	p.plan = folio_renderer_outputs(p.renderer);
	if (p.model && ((rc = load_stored(&p)) < 0 || !folio_publish__model_complete(&p))) {
		if (rc < 0)
			goto done;
		/* a stub's own output the state lacks: only a full load renders it */
		folio_log(FOLIO_LOG_DEBUG, "publish", "site model not used: a page's own output is not in the state");
		folio_renderer_free(p.renderer);
		p.renderer = NULL;
		p.plan = NULL;
		folio_publish__stored_unmatch(&p);
		folio_publish__model_drop(&p, diags);
		model = false;
		goto load;
	}
	if (opts->on_site)
		opts->on_site(p.site, opts->on_site_ctx);
	bool full = folio_publish__needs_full(&p);
	compute_inputs(&p, full);
	stats->files = p.plan->count;
	if (full) {
		rc = publish_full(&p);
	} else if ((rc = load_stored(&p)) == 0) {
		rc = publish_incremental(&p);
	}
published:
	stats->unchanged = stats->files > stats->written ? stats->files - stats->written : 0;
done:
	if (rc == FOLIO_EINVALID) /* outputs past a budget: nothing of them was written */
		folio_renderer_move_diags(p.renderer, diags);
	if (opts->state && !locked) /* the lock taken for this publish */
		folio_state_unlock(opts->state);
	publisher_dispose(&p);
	folio__remote_dispose(&remote);
	free(out_dir);
	free(state_dir);
	stats->seconds = folio_clock_seconds() - start;
	return rc;
}
