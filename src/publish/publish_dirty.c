/*
 * The fast path's dirty outputs (publish_fast.c): those whose stored
 * dependency lines name a changed page's old content id (its own page and
 * its feed page), read back from the state's outputs and deps tables, and
 * their new lines, the old ones with the content ids replaced. Before
 * judging: an output showing site.commit, or site.year in a new year,
 * makes the fast path step aside.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/source.h"
#include "publish/publish_fast.h"
#include "publish/state_db.h"
#include "util/alloc.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* A stored dependency line that starts with prefix (the first), or NULL. */
static char *stored_dep(fast *f, const char *prefix)
{
	sqlite3_stmt *s = NULL;
	char *dep = NULL;
	/* a range on the deps_by_dep index: prefix, then anything, ends before prefix + 1 */
	char *end = folio_xstrdup(prefix);
	end[strlen(end) - 1]++;
	if (sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT dep FROM deps WHERE dep >= ? AND dep < ?"
	                       " LIMIT 1", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, end, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			dep = folio_publish__column(s, 0);
	}
	sqlite3_finalize(s);
	free(end);
	return dep;
}

/*
 * The fast path renders what a page change touches; an output whose
 * template shows site.commit changes with every commit, and one that shows
 * site.year when the year does: with such outputs it steps aside.
 */
bool folio_publish__commit_values_allow(fast *f)
{
	char *commit = stored_dep(f, "site.commit="), *year = stored_dep(f, "site.year=");
	bool ok = !commit;
	if (ok && year) {
		char stamp[FOLIO_TIMESTAMP_SIZE] = "";
		folio_timestamp(stamp, folio_source_commit_time(f->src), -1);
		ok = strlen(year) == 14 && !strncmp(year + 10, stamp, 4);
	}
	free(commit);
	free(year);
	return ok;
}
/* ---- the outputs a change makes dirty ---- */

static dirty_output *find_out(fast *f, const char *path)
{
	for (size_t i = 0; i < f->nouts; i++)
		if (!strcmp(f->outs[i].path, path))
			return &f->outs[i];
	return NULL;
}

static int add_dirty(fast *f, const char *path, size_t change)
{
	if (find_out(f, path))
		return 0;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT hash, deps FROM outputs WHERE path = ?",
	                       -1, &s, NULL) != SQLITE_OK)
		return folio_publish__fast_fail(f, "cannot read an output");
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW || !sqlite3_column_text(s, 1)) {
		sqlite3_finalize(s);
		f->refused = true; /* written by a folio that kept no dependency lines */
		return 0;
	}
	FOLIO_ARRAY_GROW(f->outs, f->nouts, f->aouts, f->nouts + 1);
	dirty_output *o = &f->outs[f->nouts++];
	o->path = folio_xstrdup(path);
	snprintf(o->hash, sizeof(o->hash), "%s", (const char *)sqlite3_column_text(s, 0));
	o->deps = folio_publish__column(s, 1);
	o->change = change;
	sqlite3_finalize(s);
	return 0;
}

int folio_publish__find_dirty(fast *f)
{
	sqlite3_stmt *s = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT output FROM deps WHERE dep = ?", -1, &s,
	                       NULL) != SQLITE_OK)
		return folio_publish__fast_fail(f, "cannot read the dependencies");
	for (size_t i = 0; rc == 0 && i < f->nchanges && !f->refused; i++) {
		char *line = folio_xasprintf("%s=%s", f->changes[i].path, f->changes[i].old_id);
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, line, -1, SQLITE_TRANSIENT);
		while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
			rc = add_dirty(f, (const char *)sqlite3_column_text(s, 0), i);
		free(line);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Replace "path=old" lines by "path=new" for every change, in place of o->deps. */
void folio_publish__rewrite_deps(fast *f, dirty_output *o)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *line = o->deps; *line;) {
		size_t len = strcspn(line, "\n");
		bool done = false;
		for (size_t i = 0; i < f->nchanges && !done; i++) {
			const page_change *c = &f->changes[i];
			size_t pl = strlen(c->path);
			if (len == pl + 1 + strlen(c->old_id) && !strncmp(line, c->path, pl) && line[pl] == '=' &&
			    !strncmp(line + pl + 1, c->old_id, len - pl - 1)) {
				folio_buf_printf(&b, "%s=%s\n", c->path, c->new_id);
				done = true;
			}
		}
		if (!done) {
			folio_buf_put(&b, line, len);
			folio_buf_putc(&b, '\n');
		}
		line += len + (line[len] == '\n');
	}
	free(o->deps);
	o->deps = folio_buf_detach(&b, NULL);
}
