/*
 * The findings of the published commit, kept in the state (the findings
 * table, a row each), so that the fast path can give a commit's whole
 * verdict, warnings of untouched pages included, without loading the site.
 * Written by the publish record, in its transaction; read by the fast path
 * (publish_fast.c says when the rows can be trusted for a new commit).
 * ISBN findings (isbn/unknown-range, isbn/hyphenation) follow the range
 * table in use, which FOLIO_ISBN_RANGES replaces at run time: the meta key
 * "findings_isbn_ranges" names the one they were found with.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/isbn.h"
#include "publish_internal.h"
#include "util/alloc.h"
#include "publish/state_db.h"
#include "util/banned.h"

static int db_fail(folio_state *st, const char *what)
{
	return folio_error_set("state: %s: %s", what, sqlite3_errmsg(folio_state_db(st)));
}

static bool in_paths(const char *path, char *const *paths, size_t npaths)
{
	for (size_t i = 0; i < npaths; i++)
		if (!strcmp(paths[i], path))
			return true;
	return false;
}

static int delete_rows(folio_state *st, char *const *paths, size_t npaths)
{
	if (!paths)
		return folio_state_exec(st, "DELETE FROM findings");
	sqlite3_stmt *s = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(folio_state_db(st), "DELETE FROM findings WHERE path = ?", -1, &s, NULL) !=
	    SQLITE_OK)
		return db_fail(st, "cannot prepare the findings update");
	for (size_t i = 0; rc == 0 && i < npaths; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, paths[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = db_fail(st, "cannot remove findings");
	}
	sqlite3_finalize(s);
	return rc;
}

int folio_publish__store_findings(folio_state *st, const folio_diags *d, size_t from,
                                  char *const *paths, size_t npaths)
{
	sqlite3_stmt *s = NULL;
	int rc = delete_rows(st, paths, npaths);
	if (rc < 0)
		return rc;
	if (sqlite3_prepare_v2(folio_state_db(st), "INSERT INTO findings(path, line, col, rule, severity,"
	                       " message, hint) VALUES(?, ?, ?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, "cannot prepare the findings record");
	for (size_t i = from; rc == 0 && d && i < d->count; i++) {
		const folio_diag *f = &d->items[i];
		if (paths && !in_paths(f->path, paths, npaths))
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, f->path, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, f->line);
		sqlite3_bind_int64(s, 3, f->column);
		sqlite3_bind_text(s, 4, folio_rule_name(f->rule), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, f->severity == FOLIO_SEVERITY_ERROR ? "error" : "warning", -1,
		                  SQLITE_STATIC);
		sqlite3_bind_text(s, 6, f->message, -1, SQLITE_STATIC);
		if (f->hint)
			sqlite3_bind_text(s, 7, f->hint, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 7);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = db_fail(st, "cannot record a finding");
	}
	sqlite3_finalize(s);
	if (rc == 0) {
		const char *ranges = folio_isbn_ranges_date();
		rc = folio_state_set(st, "findings_isbn_ranges", ranges ? ranges : "");
	}
	return rc;
}

bool folio_publish__findings_ranges_match(folio_state *st)
{
	char *kept = NULL;
	const char *ranges = folio_isbn_ranges_date();
	bool ok = folio_state_get(st, "findings_isbn_ranges", &kept) == 0 && kept &&
	          !strcmp(kept, ranges ? ranges : "");
	free(kept);
	return ok;
}

int folio_publish__load_findings(folio_state *st, folio_diags *out)
{
	sqlite3_stmt *s = NULL;
	int rc = 0, step;
	if (sqlite3_prepare_v2(folio_state_db(st), "SELECT path, line, col, rule, severity, message, hint"
	                       " FROM findings", -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, "cannot read the findings");
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *rule = (const char *)sqlite3_column_text(s, 3);
		const char *sev = (const char *)sqlite3_column_text(s, 4);
		const char *hint = (const char *)sqlite3_column_text(s, 6);
		FOLIO_ARRAY_GROW(out->items, out->count, out->alloc, out->count + 1);
		folio_diag *d = &out->items[out->count++];
		/* a rule this folio does not know is FOLIO_RULE__COUNT: the caller refuses it */
		d->rule = rule ? folio_rule_from_name(rule) : FOLIO_RULE__COUNT;
		d->severity = sev && !strcmp(sev, "warning") ? FOLIO_SEVERITY_WARNING : FOLIO_SEVERITY_ERROR;
		d->path = folio_xstrdup((const char *)sqlite3_column_text(s, 0));
		d->line = (unsigned)sqlite3_column_int64(s, 1);
		d->column = (unsigned)sqlite3_column_int64(s, 2);
		d->message = folio_xstrdup((const char *)sqlite3_column_text(s, 5));
		d->hint = hint ? folio_xstrdup(hint) : NULL;
	}
	if (step != SQLITE_DONE)
		rc = db_fail(st, "cannot read the findings");
	sqlite3_finalize(s);
	return rc;
}
