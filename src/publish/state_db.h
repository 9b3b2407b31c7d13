/*
 * Inside the library only: the state's SQLite connection. The public API
 * (folio/state.h) hands out no raw handle; the modules that still write
 * SQL against the schema state.c defines (publishing, deliveries, the
 * daemon) borrow it here. Borrowed: closed by folio_state_close().
 */
#ifndef FOLIO_STATE_DB_H
#define FOLIO_STATE_DB_H

#include <sqlite3.h>

#include "folio/state.h"

sqlite3 *folio_state_db(folio_state *st);

/*
 * The state's one binder: prepare sql and bind its parameters as fmt says,
 * one character each: 't' text (const char *, NULL binds NULL), 'i' long
 * long, 'b' blob (const void *, size_t). NULL with the error set (the file,
 * what failed and SQLite's message) when sql does not prepare. fmt NULL: no
 * parameters.
 */
sqlite3_stmt *folio_state_prepare(folio_state *st, const char *sql, const char *fmt, ...);
/* Step s to its end and finalize it; s NULL (a failed prepare) is an error
 * already set. Otherwise 0, or the error "what" with SQLite's message. */
int folio_state_run(folio_state *st, sqlite3_stmt *s, const char *what);
/* Both: run one statement with its parameters. */
#define FOLIO_STATE_RUN(st, what, sql, ...) \
	folio_state_run((st), folio_state_prepare((st), (sql), __VA_ARGS__), (what))
/* Set the error "state DIR: what: <SQLite's message>"; returns FOLIO_ERROR. */
int folio_state_fail(folio_state *st, const char *what);
/* Rows the last INSERT, UPDATE or DELETE of this connection changed. */
long long folio_state_changes(folio_state *st);
/* A copy of column i of a row (NULL for NULL). Caller frees. */
char *folio_state_column_dup(sqlite3_stmt *s, int i);

#endif
