/*
 * The state's binder, one connection shared by threads, and the outbox's
 * rows (publish/state_outbox.c) as the planner and the sender use them.
 */
#include "helpers.h"
#include "publish/state_outbox.h"
#include "publish/state_db.h"
#include "util/alloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *dir;
	folio_state *st;
} fixture;

static int setup(void **state)
{
	fixture *f = folio_xcalloc(1, sizeof(*f));
	f->dir = test_tempdir("outbox");
	assert_folio_ok(folio_state_open(&f->st, f->dir));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	folio_state_close(f->st);
	test_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Text (NULL binds NULL), integers and blobs bound as the format says; a
 * statement that does not prepare names the state file and what failed. */
static void binder_binds_what_the_format_says(void **state)
{
	fixture *f = *state;
	assert_folio_ok(folio_state_exec(f->st, "CREATE TABLE t(a TEXT, b INTEGER, c BLOB, d TEXT)"));
	const char blob[] = { 'x', 0, 'y' };
	assert_folio_ok(FOLIO_STATE_RUN(f->st, "cannot insert", "INSERT INTO t VALUES(?, ?, ?, ?)", "tibt",
	                                "one", 42LL, blob, sizeof(blob), (const char *)NULL));
	assert_folio_ok(FOLIO_STATE_RUN(f->st, "cannot insert", "INSERT INTO t VALUES(?, ?, NULL, NULL)", "ti",
	                                "two", -1LL));
	assert_folio_ok(FOLIO_STATE_RUN(f->st, "cannot update", "UPDATE t SET b = b + 1", NULL));
	assert_int_equal(folio_state_changes(f->st), 2);

	sqlite3_stmt *s = folio_state_prepare(f->st, "SELECT a, b, c, d FROM t WHERE a = ?", "t", "one");
	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *a = folio_state_column_dup(s, 0);
	assert_string_equal(a, "one");
	free(a);
	assert_int_equal(sqlite3_column_int64(s, 1), 43);
	assert_int_equal(sqlite3_column_bytes(s, 2), 3);
	assert_memory_equal(sqlite3_column_blob(s, 2), blob, 3);
	assert_null(folio_state_column_dup(s, 3)); /* bound NULL */
	sqlite3_finalize(s);

	assert_null(folio_state_prepare(f->st, "SELECT nothing FROM nowhere", NULL));
	assert_non_null(strstr(folio_error_last(), "cannot prepare a query"));
	assert_non_null(strstr(folio_error_last(), f->dir));
	assert_int_equal(folio_state_run(f->st, NULL, "unused"), FOLIO_ERROR);
	/* a constraint failing at step: the message says what */
	assert_folio_ok(folio_state_exec(f->st, "CREATE TABLE u(k TEXT PRIMARY KEY)"));
	assert_folio_ok(FOLIO_STATE_RUN(f->st, "cannot add", "INSERT INTO u VALUES(?)", "t", "k"));
	assert_true(FOLIO_STATE_RUN(f->st, "cannot add k", "INSERT INTO u VALUES(?)", "t", "k") < 0);
	assert_non_null(strstr(folio_error_last(), "cannot add k"));
}

/* Each open is one connection, counted until closed. */
static void connections_are_counted(void **state)
{
	fixture *f = *state;
	int before = folio_state_connections();
	folio_state *again = NULL, *ro = NULL;
	assert_folio_ok(folio_state_open(&again, f->dir));
	assert_int_equal(folio_state_connections(), before + 1);
	assert_folio_ok(folio_state_open_readonly(&ro, f->dir));
	assert_int_equal(folio_state_connections(), before + 2);
	folio_state_close(ro);
	folio_state_close(again);
	assert_int_equal(folio_state_connections(), before);
}

typedef struct {
	folio_state *st;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int step; /* 1: the transaction is open; 2: roll it back */
} sharing;

static void set_step(sharing *sh, int step)
{
	pthread_mutex_lock(&sh->lock);
	sh->step = step;
	pthread_cond_broadcast(&sh->cond);
	pthread_mutex_unlock(&sh->lock);
}

static void wait_step(sharing *sh, int step)
{
	pthread_mutex_lock(&sh->lock);
	while (sh->step < step)
		pthread_cond_wait(&sh->cond, &sh->lock);
	pthread_mutex_unlock(&sh->lock);
}

/* A transaction in a thread of its own, rolled back when told. */
static void *transaction_thread(void *payload)
{
	sharing *sh = payload;
	assert_folio_ok(folio_state_begin(sh->st));
	assert_folio_ok(folio_state_set(sh->st, "theirs", "rolled back"));
	set_step(sh, 1);
	wait_step(sh, 2);
	folio_state_rollback(sh->st);
	return NULL;
}

static void *writer_thread(void *payload)
{
	sharing *sh = payload;
	assert_folio_ok(folio_state_set(sh->st, "mine", "kept"));
	return NULL;
}

/*
 * Two threads on one state: while one holds a transaction, the other's
 * statement waits for its end instead of landing inside it, so a rollback
 * of the first never takes the second's write with it.
 */
static void threads_share_one_connection(void **state)
{
	fixture *f = *state;
	sharing sh = { .st = f->st, .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
	pthread_t txn, writer;
	assert_int_equal(pthread_create(&txn, NULL, transaction_thread, &sh), 0);
	wait_step(&sh, 1);
	/* the connection is held by the other thread for its whole transaction */
	sqlite3_mutex *m = sqlite3_db_mutex(folio_state_db(f->st));
	assert_int_equal(sqlite3_mutex_try(m), SQLITE_BUSY);
	assert_int_equal(pthread_create(&writer, NULL, writer_thread, &sh), 0);
	set_step(&sh, 2);
	pthread_join(txn, NULL);
	pthread_join(writer, NULL);
	char *v = NULL;
	assert_folio_ok(folio_state_get(f->st, "mine", &v));
	assert_string_equal(v, "kept");
	free(v);
	assert_folio_ok(folio_state_get(f->st, "theirs", &v));
	assert_null(v);
	assert_false(folio_state_in_transaction(f->st));
	/* holds nest, and a begin inside a hold ends with its commit */
	folio_state_hold(f->st);
	folio_state_hold(f->st);
	assert_folio_ok(folio_state_begin(f->st));
	assert_folio_ok(folio_state_commit(f->st));
	folio_state_release(f->st);
	folio_state_release(f->st);
	assert_int_equal(sqlite3_mutex_try(m), SQLITE_OK);
	sqlite3_mutex_leave(m);
}

static void queue(folio_state *st, const char *id, const char *partner, const char *commit,
                  const char *item_hash)
{
	folio_outbox_items items = { 0 };
	folio_outbox_items_add(&items, "events", "e1", item_hash);
	folio_outbox_delivery d = { .id = id, .partner = partner, .commit = commit, .created_at = 100,
	                            .due = 100, .payload = "{\"p\":1}", .items = &items };
	assert_folio_ok(folio_state_begin(st));
	assert_folio_ok(folio_outbox_close_pending(st, partner, "superseded"));
	assert_folio_ok(folio_outbox_insert(st, &d));
	assert_folio_ok(folio_state_commit(st));
	folio_outbox_items_dispose(&items);
}

static void deliver(folio_state *st, folio_outbox_due *d)
{
	folio_outbox_attempt a = { d, 200, NULL, 5, 200 };
	assert_folio_ok(folio_state_begin(st));
	assert_folio_ok(folio_outbox_record_attempt(st, &a));
	assert_folio_ok(folio_outbox_record_delivered(st, &a));
	assert_folio_ok(folio_state_commit(st));
}

/*
 * The outbox's rows: one pending delivery per partner (a newer one
 * supersedes), the due one with its payload, a 2xx making its items the
 * acknowledged ones only while it is the newest, a new URL ending a stop,
 * and the counts.
 */
static void outbox_keeps_one_pending_per_partner_and_acks_the_newest(void **state)
{
	fixture *f = *state;
	char *acked = NULL;
	long long next = -1;
	assert_folio_ok(folio_state_begin(f->st));
	assert_folio_ok(folio_outbox_partner_upsert(f->st, "p", "http://a/", &acked, &next));
	assert_folio_ok(folio_state_commit(f->st));
	assert_null(acked);
	assert_int_equal(next, 0);

	queue(f->st, "d1", "p", "c1", "h1");
	folio_outbox_due *due = NULL;
	size_t n = 0;
	assert_folio_ok(folio_outbox_due_list(f->st, false, 1000, &due, &n));
	assert_int_equal(n, 1);
	assert_string_equal(due[0].id, "d1");
	assert_string_equal(due[0].url, "http://a/");
	assert_string_equal(due[0].payload, "{\"p\":1}");
	assert_int_equal(due[0].part, 1);
	assert_int_equal(due[0].parts, 1);
	/* a newer delivery supersedes d1 before d1's answer comes */
	queue(f->st, "d2", "p", "c2", "h2");
	deliver(f->st, &due[0]);
	folio_outbox_items acked_items = { 0 };
	assert_folio_ok(folio_outbox_acked_items(f->st, "p", &acked_items));
	assert_int_equal(acked_items.count, 0); /* a late 2xx for a superseded delivery changes nothing */
	folio_outbox_due_dispose(&due[0]);
	free(due);

	assert_folio_ok(folio_outbox_due_list(f->st, false, 1000, &due, &n));
	assert_int_equal(n, 1);
	assert_string_equal(due[0].id, "d2");
	deliver(f->st, &due[0]);
	assert_folio_ok(folio_outbox_acked_items(f->st, "p", &acked_items));
	assert_int_equal(acked_items.count, 1);
	assert_string_equal(acked_items.items[0].hash, "h2");
	folio_outbox_items_dispose(&acked_items);
	folio_outbox_due_dispose(&due[0]);
	free(due);

	/* stopped for good; the same URL keeps the stop, a new one ends it */
	queue(f->st, "d3", "p", "c3", "h3");
	assert_folio_ok(folio_outbox_due_list(f->st, false, 1000, &due, &n));
	folio_outbox_attempt a = { &due[0], 404, "HTTP 404", 1, 300 };
	assert_folio_ok(folio_state_begin(f->st));
	assert_folio_ok(folio_outbox_record_attempt(f->st, &a));
	assert_folio_ok(folio_outbox_record_stopped(f->st, &a));
	assert_folio_ok(folio_state_commit(f->st));
	folio_outbox_due_dispose(&due[0]);
	free(due);
	folio_deliver_counts c;
	assert_folio_ok(folio_outbox_count(f->st, &c));
	assert_int_equal(c.failed, 1);
	assert_int_equal(c.delivered, 2); /* d1's late 2xx is recorded too, without its items */
	assert_int_equal(c.pending, 0);
	assert_folio_ok(folio_outbox_due_list(f->st, true, 1000, &due, &n));
	assert_int_equal(n, 0);
	free(due);
	assert_folio_ok(folio_outbox_partner_upsert(f->st, "p", "http://a/", &acked, &next));
	assert_string_equal(acked, "c2");
	free(acked);
	assert_folio_ok(folio_outbox_count(f->st, &c));
	assert_int_equal(c.failed, 1);
	assert_folio_ok(folio_outbox_partner_upsert(f->st, "p", "http://b/", &acked, &next));
	free(acked);
	assert_folio_ok(folio_outbox_count(f->st, &c));
	assert_int_equal(c.failed, 0);
	assert_int_equal(c.pending, 1);

	/* gone from folio.yaml: cancelled, no longer listed among the live */
	char **names = NULL;
	assert_folio_ok(folio_outbox_live_partners(f->st, &names, &n));
	assert_int_equal(n, 1);
	free(names[0]);
	free(names);
	assert_folio_ok(folio_state_begin(f->st));
	assert_folio_ok(folio_outbox_partner_remove(f->st, "p", 400));
	assert_folio_ok(folio_state_commit(f->st));
	assert_folio_ok(folio_outbox_live_partners(f->st, &names, &n));
	assert_int_equal(n, 0);
	free(names);
	assert_folio_ok(folio_outbox_count(f->st, &c));
	assert_int_equal(c.pending + c.failed + c.disabled, 0);
	assert_int_equal(folio_outbox_retry(f->st, "d3", 500), FOLIO_ENOTFOUND);
	assert_int_equal(folio_outbox_enable(f->st, "nobody", 500), FOLIO_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(binder_binds_what_the_format_says, setup, teardown),
		cmocka_unit_test_setup_teardown(connections_are_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(threads_share_one_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(outbox_keeps_one_pending_per_partner_and_acks_the_newest,
		                                setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
