#include "helpers.h"
#include "publish/state_db.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

static void state_creates_and_remembers_settings(void **state)
{
	(void)state;
	char *dir = test_tempdir("state");
	folio_state *st = NULL;
	assert_folio_ok(folio_state_open(&st, dir));
	assert_false(folio_state_was_reset(st));
	assert_folio_ok(folio_state_set(st, "published_commit", "abc"));
	folio_state_close(st);

	assert_folio_ok(folio_state_open(&st, dir));
	char *v = NULL;
	assert_folio_ok(folio_state_get(st, "published_commit", &v));
	assert_string_equal(v, "abc");
	free(v);
	assert_folio_ok(folio_state_get(st, "missing", &v));
	assert_null(v);
	folio_state_close(st);
	test_rm_rf(dir);
	free(dir);
}

static void state_replaces_a_corrupt_file_and_says_so(void **state)
{
	(void)state;
	char *dir = test_tempdir("state");
	test_write_file(dir, "state.sqlite", "this is not a database, just some text that is long enough");
	folio_state *st = NULL;
	assert_folio_ok(folio_state_open(&st, dir));
	assert_true(folio_state_was_reset(st));
	assert_folio_ok(folio_state_set(st, "k", "v"));
	folio_state_close(st);
	char *listing = test_sh_output("ls '%s'", dir);
	assert_non_null(strstr(listing, "state.sqlite.corrupt-"));
	free(listing);
	test_rm_rf(dir);
	free(dir);
}

static void state_refuses_a_database_of_another_program(void **state)
{
	(void)state;
	char *dir = test_tempdir("state");
	test_sh("sqlite3 '%s/state.sqlite' 'CREATE TABLE other(x);'", dir);
	folio_state *st = NULL;
	assert_folio_ok(folio_state_open(&st, dir));
	assert_true(folio_state_was_reset(st));
	folio_state_close(st);
	test_rm_rf(dir);
	free(dir);
}

static void state_lock_refuses_a_second_holder(void **state)
{
	(void)state;
	char *dir = test_tempdir("state");
	folio_state *a = NULL, *b = NULL;
	assert_folio_ok(folio_state_open(&a, dir));
	assert_folio_ok(folio_state_open(&b, dir));
	assert_folio_ok(folio_state_lock(a));
	assert_int_equal(folio_state_lock(b), FOLIO_EEXISTS);
	assert_non_null(strstr(folio_error_last(), "in use by another folio process"));
	folio_state_close(a);
	assert_folio_ok(folio_state_lock(b)); /* released on close */
	folio_state_close(b);
	test_rm_rf(dir);
	free(dir);
}

/* A state of version 4, made from a fresh one: the findings table dropped,
 * the version set back, a published commit with `findings` warnings. */
static void make_v4_state(const char *dir, const char *findings)
{
	folio_state *st = NULL;
	assert_folio_ok(folio_state_open(&st, dir));
	assert_folio_ok(folio_state_exec(st, "DROP TABLE records; DROP TABLE record_links;"
	                                     " DROP TABLE record_refs; DROP TABLE record_isbns;"
	                                     " DROP TABLE findings; DROP INDEX outputs_hashes; DROP INDEX outputs_folded;"
	                                     " ALTER TABLE outputs DROP COLUMN folded;"
	                                     " ALTER TABLE outputs DROP COLUMN size; PRAGMA user_version=4;"));
	assert_folio_ok(folio_state_set(st, "published_commit", "abc"));
	assert_folio_ok(folio_state_set(st, "page_index_commit", "abc"));
	assert_folio_ok(folio_state_set(st, "published_findings", findings));
	folio_state_close(st);
}

static int schema_version(folio_state *st)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(folio_state_db(st), "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Version 4 counted the published commit's findings without keeping them:
 * with warnings, the pages table no longer vouches for the published commit
 * (page_index_commit gone) until a publish that loads the site; without,
 * it still did, until version 9, whose dates are RFC 3339 where the page
 * index holds them as written: gone either way now, the output still known. */
static void state_migrates_from_4_keeping_the_published_commit(void **state)
{
	(void)state;
	const char *cases[][2] = { { "2", NULL }, { "0", NULL } };
	for (size_t i = 0; i < 2; i++) {
		char *dir = test_tempdir("state");
		make_v4_state(dir, cases[i][0]);
		folio_state *st = NULL;
		assert_folio_ok(folio_state_open(&st, dir));
		assert_false(folio_state_was_reset(st));
		assert_int_equal(schema_version(st), FOLIO_STATE_VERSION);
		assert_folio_ok(folio_state_exec(st, "INSERT INTO findings(path, line, col, rule, severity,"
		                                     " message, hint) VALUES('a.md', 1, 1, 'r', 'warning', 'm', NULL)"));
		char *v = NULL;
		assert_folio_ok(folio_state_get(st, "page_index_commit", &v));
		if (cases[i][1])
			assert_string_equal(v, cases[i][1]);
		else
			assert_null(v);
		free(v);
		assert_folio_ok(folio_state_get(st, "published_commit", &v));
		assert_string_equal(v, "abc"); /* the output is still known: an incremental publish follows */
		free(v);
		folio_state_close(st);
		test_rm_rf(dir);
		free(dir);
	}
}

/* The meta keys of a prefix (a "%" or "_" in it is no pattern), the
 * verdicts newest first, a copy made while open, and a copy made a preview's. */
static void state_lists_prefixes_keeps_verdicts_and_copies(void **state)
{
	(void)state;
	char *dir = test_tempdir("state");
	folio_state *st = NULL;
	assert_folio_ok(folio_state_open(&st, dir));
	assert_folio_ok(folio_state_set(st, "preview:b", "2"));
	assert_folio_ok(folio_state_set(st, "preview:a", "1"));
	assert_folio_ok(folio_state_set(st, "previewXa", "not mine"));
	assert_folio_ok(folio_state_set(st, "pre%:x", "a percent"));
	assert_folio_ok(folio_state_set(st, "prefix", "p"));
	char **names = NULL, **values = NULL;
	size_t n = 0;
	assert_folio_ok(folio_state_get_prefixed(st, "preview:", &names, &values, &n));
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "a");
	assert_string_equal(values[0], "1");
	assert_string_equal(names[1], "b");
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
	assert_folio_ok(folio_state_get_prefixed(st, "pre%", &names, &values, &n));
	assert_int_equal(n, 1); /* not "preview:..." nor "prefix" */
	assert_string_equal(names[0], ":x");
	free(names[0]);
	free(values[0]);
	free(names);
	free(values);
	assert_folio_ok(folio_state_unset(st, "preview:a"));
	assert_folio_ok(folio_state_unset(st, "preview:a"));

	folio_state_verdict v = { .errors = 1, .warnings = 2, .checked_at = 100 };
	for (int i = 0; i < 3; i++) {
		snprintf(v.commit, sizeof(v.commit), "%040d", i);
		v.checked_at = 100 + i;
		assert_folio_ok(folio_state_verdict_put(st, &v, "report"));
	}
	folio_state_verdict got[2];
	assert_folio_ok(folio_state_verdicts_recent(st, got, 2, &n));
	assert_int_equal(n, 2);
	assert_int_equal(got[0].checked_at, 102);
	assert_int_equal(got[1].checked_at, 101);
	assert_int_equal(got[0].errors, 1);
	assert_int_equal(got[0].warnings, 2);
	long long at = -1;
	assert_folio_ok(folio_state_published_at(st, &at));
	assert_int_equal(at, 0);

	char *copy_dir = test_tempdir("state-copy");
	char *copy = folio_xasprintf("%s/state.sqlite", copy_dir);
	assert_folio_ok(folio_state_copy(st, copy));
	folio_state_close(st);
	assert_folio_ok(folio_state_open(&st, copy_dir));
	static const char *const drop[] = { "preview", NULL };
	assert_folio_ok(folio_state_keep_site_only(st, drop));
	assert_folio_ok(folio_state_verdicts_recent(st, got, 2, &n));
	assert_int_equal(n, 0);
	char *val = NULL;
	assert_folio_ok(folio_state_get(st, "preview:b", &val));
	assert_null(val);
	assert_folio_ok(folio_state_get(st, "previewXa", &val));
	assert_null(val);
	assert_folio_ok(folio_state_get(st, "prefix", &val));
	assert_string_equal(val, "p");
	free(val);
	folio_state_close(st);
	test_rm_rf(copy_dir);
	test_rm_rf(dir);
	free(copy);
	free(copy_dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(state_creates_and_remembers_settings),
		cmocka_unit_test(state_replaces_a_corrupt_file_and_says_so),
		cmocka_unit_test(state_refuses_a_database_of_another_program),
		cmocka_unit_test(state_lock_refuses_a_second_holder),
		cmocka_unit_test(state_migrates_from_4_keeping_the_published_commit),
		cmocka_unit_test(state_lists_prefixes_keeps_verdicts_and_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
