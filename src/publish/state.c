/*
 * The state file. Migrations are a list of SQL scripts; migration i brings
 * user_version from i to i + 1, inside one transaction with the version
 * bump, so a crash mid-migration leaves the previous version intact.
 */
#include "folio/state.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "folio/path.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/fs.h"
#include "util/log.h"
#include "publish/state_db.h"
#include "publish/state_stamp.h"
#include "util/banned.h"

/*
 * One connection per process, shared by its threads (the daemon's turn and
 * its delivery thread). SQLite serialises each call (SQLITE_OPEN_FULLMUTEX),
 * but a transaction is many calls: between folio_state_begin() and its end
 * the thread holds both `use` and the connection's own mutex, so another
 * thread's statement waits for the commit instead of landing inside a
 * transaction that is not its own. `use` also guards the connection itself,
 * which folio_state_verify() may replace.
 */
struct folio_state {
	sqlite3 *db;
	char *dir;
	int lock_fd;
	bool was_reset;
	bool vouched; /* known intact: checked by this process, or as its last clean close left it */
	pthread_mutex_t use; /* recursive */
	int held;            /* holds of the thread holding use */
	bool in_transaction; /* begun by folio_state_begin(), holding the state */
	bool scratch;        /* folio_state_scratch(): no fsync, ever */
};

static const char *const migrations[] = {
	/* 0 -> 1: everything a publish and a delivery need */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE publishes(seq INTEGER PRIMARY KEY, commit_id TEXT NOT NULL,"
	"  published_at INTEGER NOT NULL, pages INTEGER, written INTEGER, deleted INTEGER);"
	/* pages of the published commit, with what rendering needs of them */
	"CREATE TABLE pages(path TEXT PRIMARY KEY, blob_id TEXT NOT NULL, collection TEXT,"
	"  slug TEXT, url TEXT, data BLOB);"
	/* output files of the published commit and the hash of their bytes */
	"CREATE TABLE outputs(path TEXT PRIMARY KEY, hash TEXT NOT NULL, unit TEXT);"
	/* output depends on dep (a source path, a template, a collection) */
	"CREATE TABLE deps(output TEXT NOT NULL, dep TEXT NOT NULL, PRIMARY KEY(output, dep))"
	"  WITHOUT ROWID;"
	"CREATE INDEX deps_by_dep ON deps(dep, output);"
	/* outputs an unfinished publish was about to write or remove */
	"CREATE TABLE journal(path TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE verdicts(commit_id TEXT PRIMARY KEY, errors INTEGER NOT NULL,"
	"  warnings INTEGER NOT NULL, checked_at INTEGER NOT NULL, report TEXT);"
	"CREATE TABLE partners(name TEXT PRIMARY KEY, url TEXT, disabled_at INTEGER,"
	"  disabled_reason TEXT, acked_commit TEXT, next_attempt_at INTEGER);"
	"CREATE TABLE deliveries(id TEXT PRIMARY KEY, partner TEXT NOT NULL,"
	"  commit_id TEXT NOT NULL, base_commit TEXT, created_at INTEGER NOT NULL,"
	"  status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER,"
	"  last_status INTEGER, last_error TEXT, payload BLOB);"
	"CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at);"
	"CREATE TABLE attempts(delivery_id TEXT NOT NULL, at INTEGER NOT NULL,"
	"  http_status INTEGER, error TEXT, duration_ms INTEGER);",
	/* 1 -> 2: delivery bookkeeping: backoff per partner, the order of
	 * deliveries, and the feed items (id, hash) each partner acknowledged,
	 * from which a delivery's changes are computed */
	"ALTER TABLE partners ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE partners ADD COLUMN acked_at INTEGER;"
	"ALTER TABLE partners ADD COLUMN removed_at INTEGER;"
	"ALTER TABLE deliveries ADD COLUMN seq INTEGER;"
	"ALTER TABLE deliveries ADD COLUMN delivered_at INTEGER;"
	"ALTER TABLE attempts ADD COLUMN partner TEXT;"
	"CREATE INDEX deliveries_by_partner ON deliveries(partner, status);"
	"CREATE INDEX attempts_by_delivery ON attempts(delivery_id, at);"
	"CREATE TABLE partner_items(partner TEXT NOT NULL, collection TEXT NOT NULL,"
	"  item_id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY(partner, collection, item_id))"
	"  WITHOUT ROWID;"
	/* the items a pending delivery carries: partner_items once acknowledged */
	"CREATE TABLE delivery_items(delivery_id TEXT NOT NULL, collection TEXT NOT NULL,"
	"  item_id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY(delivery_id, collection, item_id))"
	"  WITHOUT ROWID;",
	/* 2 -> 3: what the fast path needs to publish a page without loading the
	 * site: each page's signature, title and heading ids, found by URL or
	 * by collection and slug, and each output's dependency lines */
	"ALTER TABLE pages ADD COLUMN sig TEXT;"
	"ALTER TABLE pages ADD COLUMN title TEXT;"
	"ALTER TABLE pages ADD COLUMN anchors TEXT;"
	"CREATE INDEX pages_by_url ON pages(url);"
	"CREATE INDEX pages_by_key ON pages(collection, slug);"
	"ALTER TABLE outputs ADD COLUMN deps TEXT;"
	/* a page as an item of its feed page, for the fast path to reuse: valid
	 * for that content id and configuration (the folio.yaml input line) */
	"CREATE TABLE feed_items(path TEXT PRIMARY KEY, blob_id TEXT NOT NULL, config TEXT NOT NULL,"
	"  fragment TEXT NOT NULL);",
	/* 3 -> 4: a partner stopped by a permanent failure (a 4xx that no retry
	 * changes, a URL the server's allow-list refuses, an item over the
	 * payload bound) until an operator retries: when, the HTTP status (NULL
	 * when there was no answer) and why */
	"ALTER TABLE partners ADD COLUMN failed_at INTEGER;"
	"ALTER TABLE partners ADD COLUMN failed_status INTEGER;"
	"ALTER TABLE partners ADD COLUMN failed_reason TEXT;"
	/* a delivery over the payload bound goes in parts (docs/deliveries.md):
	 * how many, how many the partner acknowledged, and each part's payload */
	"ALTER TABLE deliveries ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE deliveries ADD COLUMN parts_done INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE delivery_parts(delivery_id TEXT NOT NULL, part INTEGER NOT NULL,"
	"  payload BLOB NOT NULL, PRIMARY KEY(delivery_id, part)) WITHOUT ROWID;",
	/* 4 -> 5: the findings of the published commit, one row each, so that
	 * the fast path can give a commit's whole verdict with warnings present
	 * (publish_findings.c). A state of version 4 counted them only: when it
	 * had any, the pages table no longer vouches for a verdict, and the
	 * next publish that loads the site records both. */
	"CREATE TABLE findings(path TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,"
	"  rule TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL, hint TEXT);"
	"CREATE INDEX findings_by_path ON findings(path);"
	"DELETE FROM meta WHERE key = 'page_index_commit' AND EXISTS(SELECT 1 FROM meta"
	"  WHERE key = 'published_findings' AND value != '0');",
	/* 5 -> 6: the persistent site model (publish/records.c): each page's
	 * record, published or held (front matter as JSON, summary, date,
	 * schedule), and the reverse indexes: who links to a URL, who
	 * references a record, who holds an ISBN. A state of version 5 has no
	 * records: the next publish that loads the site writes them all, and
	 * until then "records_commit" (unset) says they describe no commit. */
	"CREATE TABLE records(path TEXT PRIMARY KEY, blob_id TEXT NOT NULL, collection TEXT NOT NULL,"
	"  slug TEXT NOT NULL, url TEXT NOT NULL, lang TEXT, meta TEXT NOT NULL, title TEXT NOT NULL,"
	"  date TEXT, summary TEXT NOT NULL, sig TEXT NOT NULL, section INTEGER NOT NULL,"
	"  status INTEGER NOT NULL, draft INTEGER NOT NULL, publish_at INTEGER, expiry_at INTEGER);"
	"CREATE INDEX records_by_key ON records(collection, slug);"
	"CREATE INDEX records_by_url ON records(url);"
	"CREATE TABLE record_links(path TEXT NOT NULL, url TEXT NOT NULL, anchor TEXT NOT NULL,"
	"  PRIMARY KEY(path, url, anchor)) WITHOUT ROWID;"
	"CREATE INDEX record_links_by_url ON record_links(url, path);"
	"CREATE TABLE record_refs(path TEXT NOT NULL, collection TEXT NOT NULL, slug TEXT NOT NULL,"
	"  PRIMARY KEY(path, collection, slug)) WITHOUT ROWID;"
	"CREATE INDEX record_refs_by_target ON record_refs(collection, slug, path);"
	"CREATE TABLE record_isbns(path TEXT NOT NULL, isbn TEXT NOT NULL, PRIMARY KEY(path, isbn))"
	"  WITHOUT ROWID;"
	"CREATE INDEX record_isbns_by_isbn ON record_isbns(isbn, path);",
	/* 6 -> 7: each record's value of its collection's sort field (and the
	 * field it was read for), so that a publish from the site model sorts
	 * a collection without parsing its stubs' front matters (issue 14). A
	 * record of version 6 has NULL there: its front matter is parsed for
	 * the sort as before, and the next publish that loads the whole site
	 * fills them (records_sync.c compares the new columns too). And the
	 * outputs' hashes in path order without their dependency lines: every
	 * incremental publish reads them all (publish.c's load_stored()), which
	 * through the primary key's index visited every row of the table, its
	 * lines included (12 MB at 10k pages, against 2 MB for this index). */
	"ALTER TABLE records ADD COLUMN sort_field TEXT;"
	"ALTER TABLE records ADD COLUMN sort_value TEXT;"
	"CREATE INDEX IF NOT EXISTS outputs_hashes ON outputs(path, hash, unit);",
	/* 7 -> 8: each output's size, so that a publish of a few pages counts
	 * the outputs it keeps against site-size (a body grown by a body edit
	 * passed it), and their sum (meta published_bytes). A state of version
	 * 7 knows no sizes (NULL, counted 0): each output's is known once it
	 * is written again, all of them after a full publish. */
	"ALTER TABLE outputs ADD COLUMN size INTEGER;"
	"DROP INDEX IF EXISTS outputs_hashes;"
	"CREATE INDEX outputs_hashes ON outputs(path, hash, unit, size);",
	/* 8 -> 9: a page's date reaches lists, index.json and <time datetime>
	 * as RFC 3339 (site_parse.c), where it went as written: the records
	 * and the page index of a version 8 state hold dates as written, so
	 * neither describes the published commit any more, and the next
	 * publish loads the whole site and writes them again. */
	"DELETE FROM meta WHERE key IN ('records_commit', 'page_index_commit');",
	/* 9 -> 10: under jekyll_rules, publish_date and expiry_date are a
	 * page's own fields, as Jekyll reads neither (site_parse.c): a version
	 * 9 state holds such a page back (Sinatra's "publish_date: Thursday,
	 * March 3, 2011", a date folio could not read) or scheduled, in its
	 * records, page index and schedule. When a record names such a key,
	 * in any spelling (LIKE ignores ASCII case), neither describes the
	 * published commit any more: the next publish loads the whole site.
	 * A state with no such key is kept as it is. */
	("DELETE FROM meta WHERE key IN ('records_commit', 'page_index_commit') AND EXISTS(SELECT 1"
	 "  FROM records WHERE meta LIKE '%\"publish%date\":%' OR meta LIKE '%\"expiry%date\":%');"),
	/* 10 -> 11: each output's path folded as a file system that ignores
	 * case and Unicode form compares names (folio_path_fold(): folio_fold()
	 * in SQL, this connection's), indexed: a page added from the state is
	 * asked against it, as a full check compares the plan's outputs
	 * (output/clash, structure.c). A change of folio_path_fold() needs a
	 * migration that sets the column again. */
	"ALTER TABLE outputs ADD COLUMN folded TEXT;"
	"UPDATE outputs SET folded = folio_fold(path);"
	"CREATE INDEX outputs_folded ON outputs(folded);",
	/* 11 -> 12: folio_path_fold() cuts a name at its first ':' (an NTFS
	 * stream of the file before it) and leaves out a name of dots and
	 * spaces alone (" .", "..."): the folds of the paths that may hold
	 * one set again. */
	("UPDATE outputs SET folded = folio_fold(path)"
	 " WHERE instr(path, ':') > 0 OR instr(path, ' ') > 0 OR instr(path, '...') > 0;"),
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))
_Static_assert(NMIGRATIONS == FOLIO_STATE_VERSION, "one migration per state version");

static int db_error(folio_state *st, const char *what)
{
	int code = sqlite3_errcode(st->db) & 0xff; /* damaged: the next folio_state_verify() checks */
	st->vouched = st->vouched && code != SQLITE_CORRUPT && code != SQLITE_NOTADB;
	return folio_error_set("state %s/state.sqlite: %s: %s", st->dir, what, sqlite3_errmsg(st->db));
}

int folio_state_exec(folio_state *st, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		int rc = folio_error_set("state %s/state.sqlite: %s", st->dir, err ? err : "error");
		sqlite3_free(err);
		return rc;
	}
	return 0;
}

static int user_version(folio_state *st, int *version)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return db_error(st, "cannot read the schema version");
	}
	*version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* Does every page of the file pass quick_check? It reads the whole file. */
static bool intact(folio_state *st)
{
	sqlite3_stmt *s = NULL;
	bool ok = false;
	if (sqlite3_prepare_v2(st->db, "PRAGMA quick_check", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		ok = !strcmp((const char *)sqlite3_column_text(s, 0), "ok");
	sqlite3_finalize(s);
	return ok;
}

/* Is the file usable: readable, a version we know, ours? (Not a read of
 * every page: that is folio_state_verify(), which a fast publish skips.) */
static bool usable(folio_state *st)
{
	int version = -1; /* gcc -O3 cannot tell user_version() set it */
	sqlite3_stmt *s = NULL;
	bool ok = true;
	if (user_version(st, &version) < 0 || version < 0 || version > FOLIO_STATE_VERSION)
		return false;
	if (version == 0) {
		/* version 0 must be an empty file, not someone else's database */
		ok = sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL) ==
		             SQLITE_OK &&
		     sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 0;
		sqlite3_finalize(s);
	}
	return ok;
}

static atomic_int connections;

int folio_state_connections(void)
{
	return atomic_load(&connections);
}

/* Counted, and said under FOLIO_TRACE: a process opens each state once and
 * its parts borrow that connection (tests count these lines). */
static void count_connection(const char *path, const char *mode)
{
	int n = atomic_fetch_add(&connections, 1) + 1;
	folio_log(FOLIO_LOG_DEBUG, "state", "connection opened to %s (%s; %d open in this process)", path,
	          mode, n);
}

/* folio_fold(path) in SQL: folio_path_fold(), NULL for NULL or bytes that
 * are not UTF-8. The schema names it nowhere (a column, not an index of
 * the expression), so any SQLite reads and writes the file. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *path = (const char *)sqlite3_value_text(argv[0]);
	char *fold = path ? folio_path_fold(path, (size_t)sqlite3_value_bytes(argv[0])) : NULL;
	if (fold)
		sqlite3_result_text(ctx, fold, -1, free);
	else
		sqlite3_result_null(ctx);
}

static int connect(folio_state *st, const char *path)
{
	count_connection(path, "read-write");
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                    SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
		return db_error(st, "cannot open");
	sqlite3_busy_timeout(st->db, 10000);
	if (sqlite3_create_function(st->db, "folio_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold,
	                            NULL, NULL) != SQLITE_OK)
		return db_error(st, "cannot define folio_fold");
	return 0;
}

static int migrate(folio_state *st)
{
	int version = -1; /* gcc -O3 cannot tell user_version() set it */
	if (folio_state_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                         " PRAGMA foreign_keys=ON;") < 0 ||
	    user_version(st, &version) < 0)
		return FOLIO_ERROR;
	for (; version < FOLIO_STATE_VERSION; version++) {
		char bump[64];
		snprintf(bump, sizeof(bump), "PRAGMA user_version=%d;", version + 1);
		if (folio_state_begin(st) < 0)
			return FOLIO_ERROR;
		if (folio_state_exec(st, migrations[version]) < 0 || folio_state_exec(st, bump) < 0) {
			folio_state_rollback(st);
			return FOLIO_ERROR;
		}
		if (folio_state_commit(st) < 0)
			return FOLIO_ERROR;
	}
	return 0;
}

int folio_state_durable(folio_state *st, bool durable)
{
	if (st->scratch)
		return 0;
	return folio_state_exec(st, durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
}

int folio_state_scratch(folio_state *st)
{
	/* the WAL wrote each page twice (log, then checkpoint): 77,000 writes
	 * for a range of five commits at 10k pages */
	st->scratch = true;
	return folio_state_exec(st, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;");
}

/* Move an unusable file (and its WAL) aside and start afresh. */
static int reset(folio_state *st, const char *path)
{
	char stamp[32];
	snprintf(stamp, sizeof(stamp), "%lld", (long long)time(NULL));
	sqlite3_close(st->db);
	st->db = NULL;
	char *aside = folio_xasprintf("%s.corrupt-%s", path, stamp);
	int rc = rename(path, aside) < 0
		? folio_error_set("cannot move unusable state '%s' aside: %s", path, strerror(errno)) : 0;
	free(aside);
	for (int i = 0; rc == 0 && i < 2; i++) {
		char *extra = folio_xasprintf("%s%s", path, i ? "-shm" : "-wal");
		unlink(extra);
		free(extra);
	}
	st->was_reset = true;
	atomic_fetch_sub(&connections, 1);
	return rc < 0 ? rc : connect(st, path);
}

static folio_state *state_new(const char *dir)
{
	folio_state *st = folio_xcalloc(1, sizeof(*st));
	pthread_mutexattr_t attr;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&st->use, &attr);
	pthread_mutexattr_destroy(&attr);
	st->dir = folio_xstrdup(dir);
	st->lock_fd = -1;
	return st;
}

int folio_state_open(folio_state **out, const char *dir)
{
	folio_state *st = state_new(dir);
	char *path = folio_fs_join(dir, "state.sqlite");
	int rc;

	*out = NULL;
	if ((rc = folio_fs_mkdir_p(dir)) < 0 || (rc = connect(st, path)) < 0)
		goto done;
	if (!usable(st) && (rc = reset(st, path)) < 0)
		goto done;
	rc = migrate(st);
done:
	free(path);
	if (rc < 0)
		folio_state_close(st);
	else
		*out = st;
	return rc;
}

int folio_state_open_readonly(folio_state **out, const char *dir)
{
	folio_state *st = state_new(dir);
	char *path = folio_fs_join(dir, "state.sqlite");
	int version = -1, rc = 0;

	*out = NULL;
	count_connection(path, "read-only");
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
		rc = db_error(st, "cannot open");
	else if (user_version(st, &version) < 0)
		rc = FOLIO_ERROR;
	else if (version != FOLIO_STATE_VERSION)
		rc = folio_error_set("state %s/state.sqlite: version %d, not %d", dir, version,
		                     FOLIO_STATE_VERSION);
	free(path);
	if (rc < 0)
		folio_state_close(st);
	else
		*out = st;
	return rc;
}

int folio_state_verify(folio_state *st)
{
	/* no other thread between the check and a new connection */
	pthread_mutex_lock(&st->use);
	int rc = 0;
	bool check = !st->vouched; /* once a process, or after an unclean stop (state_stamp.h) */
	if (check && !intact(st)) {
		char *path = folio_fs_join(st->dir, "state.sqlite");
		rc = reset(st, path);
		free(path);
		if (rc == 0)
			rc = migrate(st);
	}
	folio_log(FOLIO_LOG_DEBUG, "state", "%s/state.sqlite: %s", st->dir,
	          check ? "integrity checked" : "integrity check skipped: as folio left it");
	st->vouched = rc == 0;
	pthread_mutex_unlock(&st->use);
	return rc;
}

void folio_state_close(folio_state *st)
{
	if (!st)
		return;
	bool clean = st->held == 0;
	while (st->held > 0) /* a transaction never ended: a failed commit */
		folio_state_release(st);
	if (st->db)
		atomic_fetch_sub(&connections, 1);
	/* closed cleanly by the lock's holder: the next need not check it */
	if (sqlite3_close(st->db) == SQLITE_OK && st->db && clean && st->vouched && st->lock_fd >= 0)
		folio_state__stamp_leave(st->dir);
	pthread_mutex_destroy(&st->use);
	if (st->lock_fd >= 0)
		close(st->lock_fd); /* releases the flock */
	free(st->dir);
	free(st);
}

sqlite3 *folio_state_db(folio_state *st) { return st->db; }

int folio_state_fail(folio_state *st, const char *what)
{
	return db_error(st, what);
}

long long folio_state_changes(folio_state *st)
{
	return (long long)sqlite3_changes64(st->db);
}

char *folio_state_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? folio_xstrdup((const char *)t) : NULL;
}

sqlite3_stmt *folio_state_prepare(folio_state *st, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_error(st, "cannot prepare a query");
		return NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	for (int i = 1; fmt && fmt[i - 1]; i++) {
		switch (fmt[i - 1]) {
		case 't': {
			const char *v = va_arg(ap, const char *);
			if (v)
				sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i);
			break;
		}
		case 'i':
			sqlite3_bind_int64(s, i, va_arg(ap, long long));
			break;
		case 'b': {
			const void *v = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			sqlite3_bind_blob64(s, i, v, len, SQLITE_TRANSIENT);
			break;
		}
		default:
			FOLIO_BUG("bad bind format");
		}
	}
	va_end(ap);
	return s;
}

int folio_state_run(folio_state *st, sqlite3_stmt *s, const char *what)
{
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		;
	int rc = step == SQLITE_DONE ? 0 : db_error(st, what);
	sqlite3_finalize(s);
	return rc;
}
const char *folio_state_dir(const folio_state *st) { return st->dir; }
bool folio_state_was_reset(const folio_state *st) { return st->was_reset; }

void folio_state_hold(folio_state *st)
{
	pthread_mutex_lock(&st->use);
	sqlite3_mutex_enter(sqlite3_db_mutex(st->db));
	st->held++;
}

void folio_state_release(folio_state *st)
{
	FOLIO_ASSERT(st->held > 0);
	st->held--;
	sqlite3_mutex_leave(sqlite3_db_mutex(st->db));
	pthread_mutex_unlock(&st->use);
}

void folio_state_reserve(folio_state *st) { pthread_mutex_lock(&st->use); }
void folio_state_unreserve(folio_state *st) { pthread_mutex_unlock(&st->use); }

int folio_state_begin(folio_state *st)
{
	folio_state_hold(st);
	int rc = folio_state_exec(st, "BEGIN IMMEDIATE");
	if (rc < 0)
		folio_state_release(st);
	else
		st->in_transaction = true;
	return rc;
}

int folio_state_commit(folio_state *st)
{
	/* A failed commit (a full disk) is rolled back here: a transaction
	 * left open would hold the connection's mutex, and the next thread to
	 * use the state (the site model's reader, the delivery thread) would
	 * wait for it forever. */
	int rc = folio_state_exec(st, "COMMIT");
	if (rc < 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (st->in_transaction) {
		st->in_transaction = false;
		folio_state_release(st);
	}
	return rc;
}

void folio_state_rollback(folio_state *st)
{
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (st->in_transaction) {
		st->in_transaction = false;
		folio_state_release(st);
	}
}
bool folio_state_in_transaction(folio_state *st) { return !sqlite3_get_autocommit(st->db); }

int folio_state_get(folio_state *st, const char *key, char **out)
{
	sqlite3_stmt *s = NULL;
	*out = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot read meta");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*out = folio_xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_error(st, "cannot read meta");
}

int folio_state_set(folio_state *st, const char *key, const char *value)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, "INSERT INTO meta(key, value) VALUES(?, ?)"
	                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	                       -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot write meta");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : db_error(st, "cannot write meta");
}

int folio_state_page_url(folio_state *st, const char *path, char **out)
{
	sqlite3_stmt *s = NULL;
	*out = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT url FROM pages WHERE path = ?", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot read the pages");
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW && sqlite3_column_text(s, 0))
		*out = folio_xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_error(st, "cannot read the pages");
}

int folio_state_unset(folio_state *st, const char *key)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, "DELETE FROM meta WHERE key = ?", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot write meta");
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : db_error(st, "cannot write meta");
}

int folio_state_get_prefixed(folio_state *st, const char *prefix, char ***names, char ***values,
                             size_t *n)
{
	sqlite3_stmt *s = NULL;
	size_t count = 0, alloc = 0, len = strlen(prefix);
	char **k = NULL, **v = NULL;
	*names = *values = NULL;
	*n = 0;
	/* a range of keys, not LIKE: a prefix may hold "%" or "_" */
	if (sqlite3_prepare_v2(st->db, "SELECT key, value FROM meta WHERE key >= ?1 AND substr(key, 1, ?2) = ?1"
	                       " ORDER BY key", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot read meta");
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)len);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		size_t old = alloc;
		FOLIO_ARRAY_GROW(k, count, alloc, count + 1);
		if (alloc != old)
			v = folio_xrealloc(v, alloc * sizeof(*v));
		k[count] = folio_xstrdup((const char *)sqlite3_column_text(s, 0) + len);
		v[count++] = folio_xstrdup((const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++) {
			free(k[i]);
			free(v[i]);
		}
		free(k);
		free(v);
		return db_error(st, "cannot read meta");
	}
	*names = k;
	*values = v;
	*n = count;
	return 0;
}

int folio_state_verdict_put(folio_state *st, const folio_state_verdict *v, const char *report)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, "INSERT OR REPLACE INTO verdicts(commit_id, errors, warnings,"
	                       " checked_at, report) VALUES(?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot store the verdict");
	sqlite3_bind_text(s, 1, v->commit, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)v->errors);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)v->warnings);
	sqlite3_bind_int64(s, 4, v->checked_at);
	sqlite3_bind_text(s, 5, report, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : db_error(st, "cannot store the verdict");
}

int folio_state_verdicts_recent(folio_state *st, folio_state_verdict *out, size_t max, size_t *n)
{
	sqlite3_stmt *s = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT commit_id, errors, warnings, checked_at FROM verdicts"
	                       " ORDER BY checked_at DESC, rowid DESC LIMIT ?", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot read the verdicts");
	sqlite3_bind_int64(s, 1, (sqlite3_int64)max);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		folio_state_verdict *v = &out[(*n)++];
		snprintf(v->commit, sizeof(v->commit), "%s", (const char *)sqlite3_column_text(s, 0));
		v->errors = (size_t)sqlite3_column_int64(s, 1);
		v->warnings = (size_t)sqlite3_column_int64(s, 2);
		v->checked_at = sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE || step == SQLITE_ROW ? 0 : db_error(st, "cannot read the verdicts");
}

int folio_state_published_at(folio_state *st, long long *at)
{
	sqlite3_stmt *s = NULL;
	*at = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT published_at FROM publishes ORDER BY seq DESC LIMIT 1", -1, &s,
	                       NULL) != SQLITE_OK)
		return db_error(st, "cannot read the publishes");
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*at = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : db_error(st, "cannot read the publishes");
}

int folio_state_copy(folio_state *st, const char *path)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, "VACUUM INTO ?", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, "cannot copy the state");
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : folio_error_set("cannot copy the state into '%s': %s", path,
	                                                  sqlite3_errmsg(st->db));
}

int folio_state_keep_site_only(folio_state *st, const char *const *drop_prefixes)
{
	int rc = folio_state_exec(st, "DELETE FROM delivery_parts; DELETE FROM delivery_items;"
	                              " DELETE FROM attempts; DELETE FROM deliveries; DELETE FROM partner_items;"
	                              " DELETE FROM partners; DELETE FROM verdicts;");
	for (size_t i = 0; rc == 0 && drop_prefixes && drop_prefixes[i]; i++) {
		char **names = NULL, **values = NULL;
		size_t n = 0;
		rc = folio_state_get_prefixed(st, drop_prefixes[i], &names, &values, &n);
		for (size_t k = 0; k < n; k++) {
			char *key = folio_xasprintf("%s%s", drop_prefixes[i], names[k]);
			if (rc == 0)
				rc = folio_state_unset(st, key);
			free(key);
			free(names[k]);
			free(values[k]);
		}
		free(names);
		free(values);
	}
	return rc;
}

bool folio_state_locked(const folio_state *st)
{
	return st->lock_fd >= 0;
}

void folio_state_unlock(folio_state *st)
{
	if (st->lock_fd >= 0)
		close(st->lock_fd); /* releases the flock */
	st->lock_fd = -1;
}

int folio_state_lock(folio_state *st)
{
	char *path = folio_fs_join(st->dir, "lock");
	char holder[32];
	int rc = folio_fs_lock(path, &st->lock_fd, holder, sizeof(holder));
	if (rc == 0 && !st->vouched) /* the file as the last holder's clean close left it? */
		st->vouched = folio_state__stamp_take(st->dir);
	if (rc == FOLIO_EEXISTS)
		folio_error_set("state '%s' is in use by another folio process (pid %s); "
		                "stop it first or use another --state", st->dir, *holder ? holder : "unknown");
	free(path);
	return rc;
}
