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
#define FOLIO_STATE_VERSION 12

/* Open (creating dir and the file when needed). Caller closes with folio_state_close(). */
int folio_state_open(folio_state **out, const char *dir);
void folio_state_close(folio_state *st);
/* Make st, a scratch state that its process removes when done (folio
 * check's range), cheaper to write: its rollback journal in memory, no WAL
 * and no fsync. A crash loses what would have been removed anyway; a
 * rollback still works. */
int folio_state_scratch(folio_state *st);
/* Whether st's commits wait for the disk (true, the default): false for
 * the transactions of a cache, whose loss with the power costs a
 * recomputation (the feed items kept), set outside a transaction; the
 * write-ahead log keeps them whole either way. A scratch state never does. */
int folio_state_durable(folio_state *st, bool durable);
/* Open an existing state of this version for reading only (a hook reading
 * the daemon's state): no directory made, no migration, no lock. */
int folio_state_open_readonly(folio_state **out, const char *dir);
/* Check every page of the file (PRAGMA quick_check, a read of the whole
 * file); a damaged file is moved aside and replaced by an empty state, as
 * folio_state_open() does with a file that is not a state at all. Once a
 * process: not at all when folio_state_lock() found the file as the last
 * holder's clean close left it (nothing wrote it since, no unclean stop),
 * again after an error that says the file is damaged. */
int folio_state_verify(folio_state *st);

const char *folio_state_dir(const folio_state *st);
/* True when the file was unusable and has been replaced by an empty state. */
bool folio_state_was_reset(const folio_state *st);

/*
 * A process opens its state once and its threads share it: a transaction
 * (BEGIN IMMEDIATE to COMMIT or ROLLBACK) holds the state for its thread,
 * and another thread's call waits for its end. Errors carry
 * sqlite3_errmsg(). A failed commit is rolled back, and the state released.
 */
int folio_state_begin(folio_state *st);
int folio_state_commit(folio_state *st);
void folio_state_rollback(folio_state *st);
/* Hold the state for a sequence of calls from this thread (reads that must
 * not interleave with another thread's transaction); holds nest. */
void folio_state_hold(folio_state *st);
void folio_state_release(folio_state *st);
/* Keep other threads' holds and transactions out for a sequence of calls
 * from this thread, without holding the connection itself: threads this
 * one waits for (a parallel validation) still read through it, and must
 * not hold it. A read snapshot (BEGIN) of a borrowed connection goes
 * inside. */
void folio_state_reserve(folio_state *st);
void folio_state_unreserve(folio_state *st);
/* How many connections to state files this process has open now (for
 * tests: a process keeps one per state it works on). */
int folio_state_connections(void);
/* Is a transaction open (between folio_state_begin() and its end)? */
bool folio_state_in_transaction(folio_state *st);
/* Run SQL without results; FOLIO_ERROR with the SQLite message on failure. */
int folio_state_exec(folio_state *st, const char *sql);

/* Key-value settings in the meta table ("published_commit", ...). *out is
 * NULL when absent; caller frees. */
int folio_state_get(folio_state *st, const char *key, char **out);
int folio_state_set(folio_state *st, const char *key, const char *value);
/* Remove key (nothing when absent). */
int folio_state_unset(folio_state *st, const char *key);
/* Every key starting with prefix, in key order: the rest of each key in
 * (*names)[i], its value in (*values)[i], *n of them. Caller frees each
 * string and both arrays. */
int folio_state_get_prefixed(folio_state *st, const char *prefix, char ***names, char ***values,
                             size_t *n);

/* A commit's verdict as the daemon keeps it (its findings are in report). */
typedef struct {
	char commit[41];
	size_t errors, warnings;
	long long checked_at;
} folio_state_verdict;

/* Store (or replace) commit's verdict, its findings as report's text. */
int folio_state_verdict_put(folio_state *st, const folio_state_verdict *v, const char *report);
/* The max verdicts checked last, newest first, into out; *n of them. */
int folio_state_verdicts_recent(folio_state *st, folio_state_verdict *out, size_t max, size_t *n);
/* When the last publish was, in Unix seconds (*at 0 when none). */
int folio_state_published_at(folio_state *st, long long *at);

/* One consistent copy of the whole file at path (SQLite's VACUUM INTO),
 * while other connections may write it. */
int folio_state_copy(folio_state *st, const char *path);
/* What a copy of a site's state keeps to publish elsewhere (a branch
 * preview): its pages, outputs and dependencies; its partners, outbox and
 * verdicts go, and the meta keys starting with any of drop_prefixes
 * (NULL-terminated). */
int folio_state_keep_site_only(folio_state *st, const char *const *drop_prefixes);

/* The URL ("/events/x/") of the published page built from the source file
 * path ("events/x.md"); *out is NULL when no page comes from it. Caller frees. */
int folio_state_page_url(folio_state *st, const char *path, char **out);

/*
 * Take the exclusive lock of the state directory (<dir>/lock, flock), held
 * until folio_state_close(). FOLIO_EEXISTS when another process holds it,
 * with a message naming the holder's pid.
 */
int folio_state_lock(folio_state *st);
/* Does st hold the lock of its directory? */
bool folio_state_locked(const folio_state *st);
/* Let the lock go (nothing when not held). */
void folio_state_unlock(folio_state *st);

#endif
