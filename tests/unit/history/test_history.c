/* history: commit ranges, the index as a commit, notes, the quarantine view. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "folio/history.h"

typedef struct {
	char *repo;
	char *ids[8]; /* commits c0..c4, oldest first */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	f->repo = test_tempdir("history");
	test_sh("cd '%s' && git init -q -b main && git config user.name T && git config user.email t@x "
	        "&& for i in 0 1 2 3 4; do echo $i >f$i && git add f$i && "
	        "GIT_COMMITTER_DATE=\"2020-01-01T00:00:0$i\" git commit -qm \"commit $i\"; done",
	        f->repo);
	for (int i = 0; i < 5; i++) {
		char *out = test_sh_output("git -C '%s' rev-parse HEAD~%d", f->repo, 4 - i);
		out[strcspn(out, "\n")] = '\0';
		f->ids[i] = out;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	test_rm_rf(f->repo);
	free(f->repo);
	for (int i = 0; i < 5; i++)
		free(f->ids[i]);
	free(f);
	return 0;
}

typedef struct {
	char ids[8][41];
	char subjects[8][64];
	size_t n;
	size_t stop_after; /* 0: never */
} seen;

static int collect(const folio_commit_info *c, void *payload)
{
	seen *s = payload;
	if (s->n < 8) {
		snprintf(s->ids[s->n], sizeof(s->ids[0]), "%s", c->id);
		snprintf(s->subjects[s->n], sizeof(s->subjects[0]), "%s", c->subject);
	}
	s->n++;
	return s->stop_after && s->n == s->stop_after ? 42 : 0;
}

static void history_lists_a_range_oldest_first(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	char range[100];
	snprintf(range, sizeof(range), "%s..HEAD", f->ids[0]);
	assert_folio_ok(folio_history_rev_list(f->repo, range, false, collect, &s));
	assert_int_equal(s.n, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(s.ids[i], f->ids[i + 1]);
	assert_string_equal(s.subjects[0], "commit 1");
	assert_string_equal(s.subjects[3], "commit 4");
}

static void history_gives_one_commit_for_a_single_revision(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	assert_folio_ok(folio_history_rev_list(f->repo, "HEAD~2", false, collect, &s));
	assert_int_equal(s.n, 1);
	assert_string_equal(s.ids[0], f->ids[2]);
}

static void history_reads_an_open_ended_range_up_to_head(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	assert_folio_ok(folio_history_rev_list(f->repo, "HEAD~1..", false, collect, &s));
	assert_int_equal(s.n, 1);
	assert_string_equal(s.ids[0], f->ids[4]);
}

static void history_leaves_out_commits_of_any_ref(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	test_sh("cd '%s' && git branch old HEAD~2 && git checkout -q -b topic && echo t >t && git add t "
	        "&& git commit -qm topic && git checkout -q main && git branch -D topic -q",
	        f->repo);
	/* HEAD and old reach everything: a detached new commit is all that is left */
	char *tip = test_sh_output("cd '%s' && git commit-tree -p HEAD -m new HEAD^{tree}", f->repo);
	tip[strcspn(tip, "\n")] = '\0';
	assert_folio_ok(folio_history_rev_list(f->repo, tip, true, collect, &s));
	assert_int_equal(s.n, 1);
	assert_string_equal(s.ids[0], tip);
	assert_string_equal(s.subjects[0], "new");
	free(tip);
}

static void history_stops_when_the_callback_says_so(void **state)
{
	fixture *f = *state;
	seen s = { .stop_after = 2 };
	char range[100];
	snprintf(range, sizeof(range), "%s..HEAD", f->ids[0]);
	assert_int_equal(folio_history_rev_list(f->repo, range, false, collect, &s), 42);
	assert_int_equal(s.n, 2);
}

static void history_reports_an_unknown_revision_as_not_found(void **state)
{
	fixture *f = *state;
	seen s = { 0 };
	assert_int_equal(folio_history_rev_list(f->repo, "no-such-branch", false, collect, &s),
	                 FOLIO_ENOTFOUND);
	assert_int_equal(folio_history_rev_list(f->repo, "no-such..HEAD", false, collect, &s),
	                 FOLIO_ENOTFOUND);
	assert_int_equal(s.n, 0);
	assert_non_null(strstr(folio_error_last(), "no-such"));
}

static void history_writes_the_index_as_an_unreferenced_commit(void **state)
{
	fixture *f = *state;
	char id[41];
	test_sh("cd '%s' && echo staged >f1 && git add f1 && echo unstaged >f2", f->repo);
	assert_folio_ok(folio_history_index_commit(id, f->repo));
	char *f1 = test_sh_output("git -C '%s' show %s:f1", f->repo, id);
	char *f2 = test_sh_output("git -C '%s' show %s:f2", f->repo, id);
	char *parent = test_sh_output("git -C '%s' rev-parse %s^", f->repo, id);
	char *refs = test_sh_output("git -C '%s' for-each-ref --contains %s", f->repo, id);
	assert_string_equal(f1, "staged\n");
	assert_string_equal(f2, "2\n");
	assert_memory_equal(parent, f->ids[4], 40);
	assert_string_equal(refs, "");
	free(f1);
	free(f2);
	free(parent);
	free(refs);
}

static void history_replaces_a_note(void **state)
{
	fixture *f = *state;
	assert_folio_ok(folio_history_note_set(f->repo, "refs/notes/folio", f->ids[1], "first\n"));
	assert_folio_ok(folio_history_note_set(f->repo, "refs/notes/folio", f->ids[1], "folio: 0 errors\n"));
	char *note = test_sh_output("git -C '%s' notes --ref=folio show %s", f->repo, f->ids[1]);
	assert_string_equal(note, "folio: 0 errors\n");
	free(note);
	assert_int_equal(folio_history_note_set(f->repo, "refs/notes/folio", "xyz", "x"), FOLIO_ERROR);
}

static void history_makes_no_view_outside_a_hook(void **state)
{
	fixture *f = *state;
	char *dir = (char *)"unset";
	unsetenv("GIT_QUARANTINE_PATH");
	assert_folio_ok(folio_history_quarantine_view(&dir, f->repo));
	assert_null(dir);
}

static void history_view_sees_quarantined_objects(void **state)
{
	fixture *f = *state;
	char *q = test_tempdir("quarantine");
	char *dir = NULL;
	/* an object written only to the quarantine directory */
	char *blob = test_sh_output("cd '%s' && echo hidden | GIT_OBJECT_DIRECTORY='%s' git hash-object -w --stdin",
	                            f->repo, q);
	blob[strcspn(blob, "\n")] = '\0';
	setenv("GIT_QUARANTINE_PATH", q, 1);
	assert_folio_ok(folio_history_quarantine_view(&dir, f->repo));
	unsetenv("GIT_QUARANTINE_PATH");
	assert_non_null(dir);
	char *hidden = test_sh_output("git --git-dir='%s' cat-file -p %s", dir, blob);
	char *old = test_sh_output("git --git-dir='%s' cat-file -t %s", dir, f->ids[0]);
	assert_string_equal(hidden, "hidden\n");
	assert_string_equal(old, "commit\n");
	folio_history_view_remove(dir);
	test_sh("test ! -e '%s'", dir);
	free(hidden);
	free(old);
	free(dir);
	free(blob);
	test_rm_rf(q);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(history_lists_a_range_oldest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(history_gives_one_commit_for_a_single_revision, setup, teardown),
		cmocka_unit_test_setup_teardown(history_reads_an_open_ended_range_up_to_head, setup, teardown),
		cmocka_unit_test_setup_teardown(history_leaves_out_commits_of_any_ref, setup, teardown),
		cmocka_unit_test_setup_teardown(history_stops_when_the_callback_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(history_reports_an_unknown_revision_as_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(history_writes_the_index_as_an_unreferenced_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(history_replaces_a_note, setup, teardown),
		cmocka_unit_test_setup_teardown(history_makes_no_view_outside_a_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(history_view_sees_quarantined_objects, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
