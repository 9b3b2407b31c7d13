/*
 * folio's durable state: one SQLite file, <dir>/state.sqlite, in WAL mode
 * with synchronous=FULL, so a committed transaction survives a crash or a
 * power loss. It records what was published (commits, pages, outputs and
 * their hashes, dependency edges), each commit's verdict, and the partner
 * delivery outbox.
 *
 *     folio_state *st = NULL;
 *     if (folio_state_open(&st, "/var/lib/folio/site") < 0) ...
 *     folio_state_begin(st); ... folio_state_commit(st);
 *     folio_state_close(st);
 *
 * The schema is versioned (PRAGMA user_version) and migrated forward on
 * open. A file that is not a folio state, is newer than this folio, or fails
 * SQLite's quick_check is moved aside to state.sqlite.corrupt-<time> and a
 * fresh state is created: the caller sees folio_state_was_reset() true and
 * must do a full build rather than trust anything.
 */
#ifndef FOLIO_STATE_H
#define FOLIO_STATE_H

#include "common.h"

typedef struct folio_state folio_state;

/* The schema version this folio writes. */
#define FOLIO_STATE_VERSION 5

/* Open (creating dir and the file when needed). Caller closes with folio_state_close(). */
int folio_state_open(folio_state **out, const char *dir);
void folio_state_close(folio_state *st);
/* Open an existing state of this version for reading only (a hook reading
 * the daemon's state): no directory made, no migration, no lock. */
int folio_state_open_readonly(folio_state **out, const char *dir);
/* Check every page of the file (PRAGMA quick_check, a read of the whole
 * file); a damaged file is moved aside and replaced by an empty state, as
 * folio_state_open() does with a file that is not a state at all. */
int folio_state_verify(folio_state *st);

const char *folio_state_dir(const folio_state *st);
/* True when the file was unusable and has been replaced by an empty state. */
bool folio_state_was_reset(const folio_state *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; errors carry sqlite3_errmsg(). */
int folio_state_begin(folio_state *st);
int folio_state_commit(folio_state *st);
void folio_state_rollback(folio_state *st);
/* Run SQL without results; FOLIO_ERROR with the SQLite message on failure. */
int folio_state_exec(folio_state *st, const char *sql);

/* Key-value settings in the meta table ("published_commit", ...). *out is
 * NULL when absent; caller frees. */
int folio_state_get(folio_state *st, const char *key, char **out);
int folio_state_set(folio_state *st, const char *key, const char *value);

/* The URL ("/events/x/") of the published page built from the source file
 * path ("events/x.md"); *out is NULL when no page comes from it. Caller frees. */
int folio_state_page_url(folio_state *st, const char *path, char **out);

/*
 * Take the exclusive lock of the state directory (<dir>/lock, flock), held
 * until folio_state_close(). FOLIO_EEXISTS when another process holds it,
 * with a message naming the holder's pid.
 */
int folio_state_lock(folio_state *st);

#endif
