/*
 * The fast path's dirty outputs (publish_fast.c): those whose stored
 * dependency lines name a changed page's old content id (its own page and
 * its feed page), read back from the state's outputs and deps tables, and
 * their new lines, the old ones with the content ids replaced (the records
 * read and written by deps.h). Before
 * judging: an output showing site.commit, or site.year in a new year,
 * makes the fast path step aside.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/source.h"
#include "render/deps.h"
#include "publish/publish_fast.h"
#include "publish/state_db.h"
#include "util/alloc.h"
#include "util/timestamp.h"
#include "util/banned.h"

/*
 * Does a stored record (INPUT, key) hold a value other than want (NULL:
 * any record at all)? True too when the state cannot be read: the caller
 * then steps aside, which is always safe. Every line from "key=" to "key>"
 * is key's (a key holds no '=' and none ends in "#meta"), so a value other
 * than want is a line before want's or after it: two seeks on the
 * deps_by_dep index. Reading the range through was 100 ms at 100,000 pages
 * when every page's output records site.year, twice a publish.
 */
static bool stored_other(folio_state *st, const char *key, const char *want)
{
	sqlite3_stmt *s = NULL;
	bool other = true;
	char *prefix = folio_dep_line(FOLIO_DEP_INPUT, key, ""), *end = folio_xstrdup(prefix);
	char *line = want ? folio_dep_line(FOLIO_DEP_INPUT, key, want) : folio_xstrdup(end);
	end[strlen(end) - 1]++;
	if (sqlite3_prepare_v2(folio_state_db(st),
	                       "SELECT EXISTS (SELECT 1 FROM deps WHERE dep >= ?1 AND dep < ?2)"
	                       " OR EXISTS (SELECT 1 FROM deps WHERE dep > ?2 AND dep < ?3)",
	                       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, line, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, end, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			other = sqlite3_column_int(s, 0) != 0;
	}
	sqlite3_finalize(s);
	free(prefix);
	free(end);
	free(line);
	return other;
}

/*
 * The fast path renders what a page change touches, and the site model
 * keeps a stub's stored input hash; an output whose template shows
 * site.commit changes with every commit, and one that shows site.year when
 * the year does: with such outputs both step aside.
 */
bool folio_publish__commit_values_allow(folio_state *st, folio_source *src)
{
	char stamp[FOLIO_TIMESTAMP_SIZE] = "";
	folio_timestamp(stamp, folio_source_commit_time(src), -1);
	stamp[4] = '\0'; /* the year */
	return !stored_other(st, "site.commit", NULL) && !stored_other(st, "site.year", stamp);
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
	if (sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT hash, deps, size FROM outputs WHERE path = ?",
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
	o->size = (size_t)sqlite3_column_int64(s, 2);
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
		char *line = folio_dep_line(FOLIO_DEP_INPUT, f->changes[i].path, f->changes[i].old_id);
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, line, -1, SQLITE_TRANSIENT);
		while (rc == 0 && sqlite3_step(s) == SQLITE_ROW)
			rc = add_dirty(f, (const char *)sqlite3_column_text(s, 0), i);
		free(line);
	}
	sqlite3_finalize(s);
	return rc;
}

/* Replace each changed page's record (INPUT, path, old id) by (INPUT, path,
 * new id), in place of o->deps. The whole line is compared: a path may
 * hold a '=' (deps.h). */
void folio_publish__rewrite_deps(fast *f, dirty_output *o)
{
	folio_buf b = FOLIO_BUF_INIT;
	char **old = folio_xcalloc(f->nchanges ? f->nchanges : 1, sizeof(*old));
	for (size_t i = 0; i < f->nchanges; i++)
		old[i] = folio_dep_line(FOLIO_DEP_INPUT, f->changes[i].path, f->changes[i].old_id);
	const char *cursor = o->deps, *line;
	size_t len;
	while (folio_deps_next(&cursor, &line, &len)) {
		size_t i = 0;
		while (i < f->nchanges && !(strlen(old[i]) == len && !memcmp(line, old[i], len)))
			i++;
		if (i < f->nchanges) {
			folio_dep_put(&b, FOLIO_DEP_INPUT, f->changes[i].path, f->changes[i].new_id);
		} else {
			folio_buf_put(&b, line, len);
			folio_buf_putc(&b, '\n');
		}
	}
	for (size_t i = 0; i < f->nchanges; i++)
		free(old[i]);
	free(old);
	free(o->deps);
	o->deps = folio_buf_detach(&b, NULL);
}
