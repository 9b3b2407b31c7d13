/*
 * Writing beneath an output folder: paths that would leave it and links
 * planted in it are refused, on both ways of opening (openat2, and the
 * O_NOFOLLOW walk of kernels without it, forced by the internal switch).
 */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/beneath.h"
#include "util/fs.h"

static bool with_openat2 = true, without_openat2 = false;

/* A root folder "out" and a folder "victim" beside it holding "keep". */
typedef struct {
	char *dir, *out, *victim, *keep;
} fixture;

static int setup(void **state)
{
	fixture *f = folio_xcalloc(1, sizeof(*f));
	f->dir = test_tempdir("beneath");
	f->out = folio_xasprintf("%s/out", f->dir);
	f->victim = folio_xasprintf("%s/victim", f->dir);
	f->keep = folio_xasprintf("%s/victim/keep", f->dir);
	test_write_file(f->dir, "out/index.html", "home");
	test_write_file(f->dir, "victim/keep", "precious");
	folio_beneath__use_openat2 = *(bool *)*state;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	folio_beneath__use_openat2 = true;
	test_rm_rf(f->dir);
	free(f->dir);
	free(f->out);
	free(f->victim);
	free(f->keep);
	free(f);
	return 0;
}

static bool exists(const char *dir, const char *rel)
{
	char *p = folio_xasprintf("%s/%s", dir, rel);
	struct stat st;
	bool r = lstat(p, &st) == 0;
	free(p);
	return r;
}

static void assert_victim_whole(const fixture *f)
{
	char *got = test_read_file(f->keep, NULL);
	assert_non_null(got);
	assert_string_equal(got, "precious");
	free(got);
	assert_false(exists(f->dir, "X"));
	assert_false(exists(f->victim, "x"));
	assert_false(exists(f->victim, "new"));
}

static void beneath_writes_renames_and_removes_inside(void **state)
{
	fixture *f = *state;
	char *tmp = NULL;
	assert_folio_ok(folio_beneath_write_temp(&tmp, f->out, "books/a/index.html", "A", 1, true));
	assert_true(exists(f->out, tmp));
	assert_folio_ok(folio_beneath_rename(f->out, tmp, "books/a/index.html", true));
	assert_false(exists(f->out, tmp));
	free(tmp);
	char *p = folio_xasprintf("%s/books/a/index.html", f->out);
	char *got = test_read_file(p, NULL);
	assert_string_equal(got, "A");
	free(got);
	free(p);
	assert_folio_ok(folio_beneath_write_new(f->out, "x/y/z.txt", "z", 1));
	assert_true(exists(f->out, "x/y/z.txt"));
	/* removal takes the folders it emptied, and stops at the root */
	assert_folio_ok(folio_beneath_remove(f->out, "books/a/index.html"));
	assert_false(exists(f->out, "books"));
	assert_folio_ok(folio_beneath_remove(f->out, "x"));
	assert_false(exists(f->out, "x"));
	assert_true(exists(f->out, "index.html"));
	/* absent: no error */
	assert_folio_ok(folio_beneath_remove(f->out, "gone/away.html"));
	/* A run killed between two rmdirs left "list/page" empty and "list/page/2"
	 * gone: removing the output again takes the empty folders above it. */
	char *dir = folio_xasprintf("%s/list/page", f->out);
	assert_folio_ok(folio_fs_mkdir_p(dir));
	assert_folio_ok(folio_beneath_write_new(f->out, "list/index.html", "L", 1));
	assert_folio_ok(folio_beneath_remove(f->out, "list/page/2/index.html"));
	assert_false(exists(f->out, "list/page"));
	assert_true(exists(f->out, "list/index.html"));
	free(dir);
}

static void beneath_refuses_paths_that_leave_the_folder(void **state)
{
	fixture *f = *state;
	static const char *const bad[] = {
		"../victim/x", "a/../../victim/x", "../X", "/tmp/X", "", "a//b", "./x", "a/./b", "..",
	};
	char *tmp = NULL;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_true(folio_beneath_write_new(f->out, bad[i], "x", 1) < 0);
		assert_true(folio_beneath_write_temp(&tmp, f->out, bad[i], "x", 1, false) < 0);
		assert_null(tmp);
		assert_true(folio_beneath_remove(f->out, bad[i]) < 0);
		assert_true(folio_beneath_rename(f->out, "t", bad[i], false) < 0);
	}
	assert_int_equal(folio_beneath_remove(f->out, "../victim/keep"), FOLIO_EINVALID);
	assert_non_null(strstr(folio_error_last(), "leaves the folder"));
	assert_true(folio_beneath_remove(f->out, "../victim") < 0);
	folio_beneath_remove_temps(f->out, "../victim/keep");
	folio_beneath_prune(f->out, "../victim/keep");
	assert_victim_whole(f);
}

static void beneath_never_follows_a_planted_folder_link(void **state)
{
	fixture *f = *state;
	char *link = folio_xasprintf("%s/books", f->out);
	assert_int_equal(symlink(f->victim, link), 0);
	char *tmp = NULL;
	assert_true(folio_beneath_write_new(f->out, "books/x", "x", 1) < 0);
	assert_non_null(strstr(folio_error_last(), "books/x"));
	assert_true(folio_beneath_write_temp(&tmp, f->out, "books/new/x", "x", 1, false) < 0);
	assert_true(folio_beneath_remove(f->out, "books/keep") < 0);
	assert_non_null(strstr(folio_error_last(), "symbolic link"));
	assert_true(folio_beneath_rename(f->out, "books/keep.tmp", "books/keep", false) < 0);
	folio_beneath_remove_temps(f->out, "books/keep");
	assert_victim_whole(f);
	/* the link itself is an entry of the folder: removing it removes the link */
	assert_folio_ok(folio_beneath_remove(f->out, "books"));
	assert_false(exists(f->out, "books"));
	assert_victim_whole(f);
	free(link);
}

static void beneath_replaces_a_planted_file_link_without_writing_through_it(void **state)
{
	fixture *f = *state;
	char *link = folio_xasprintf("%s/page.html", f->out);
	assert_int_equal(symlink(f->keep, link), 0);
	/* in place: refused */
	assert_true(folio_beneath_write_new(f->out, "page.html", "evil", 4) < 0);
	assert_victim_whole(f);
	/* through a temporary file and a rename: the link is replaced */
	char *tmp = NULL;
	assert_folio_ok(folio_beneath_write_temp(&tmp, f->out, "page.html", "new", 3, false));
	assert_folio_ok(folio_beneath_rename(f->out, tmp, "page.html", false));
	free(tmp);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_victim_whole(f);
	/* a link at a temporary name is not written through either */
	char *tlink = folio_xasprintf("%s/other.html.tmp-folio-%ld", f->out, (long)getpid());
	assert_int_equal(symlink(f->keep, tlink), 0);
	assert_true(folio_beneath_write_temp(&tmp, f->out, "other.html", "evil", 4, false) < 0);
	assert_victim_whole(f);
	free(tlink);
	free(link);
}

static void rm_tree_unlinks_links_inside_without_entering_them(void **state)
{
	fixture *f = *state;
	char *link = folio_xasprintf("%s/deep/er/escape", f->out);
	test_write_file(f->out, "deep/er/file", "x");
	assert_int_equal(symlink(f->victim, link), 0);
	assert_folio_ok(folio_beneath_rm_tree(f->out));
	assert_false(exists(f->dir, "out"));
	assert_victim_whole(f);
	/* absent: no error; trailing slashes are the folder */
	assert_folio_ok(folio_beneath_rm_tree(f->out));
	test_write_file(f->out, "a", "x");
	char *slashed = folio_xasprintf("%s//", f->out);
	assert_folio_ok(folio_beneath_rm_tree(slashed));
	assert_false(exists(f->dir, "out"));
	free(slashed);
	free(link);
}

static void beneath_reads_inside_and_never_through_a_planted_link(void **state)
{
	fixture *f = *state;
	folio_buf b = FOLIO_BUF_INIT;
	assert_folio_ok(folio_beneath_read(&b, f->out, "index.html"));
	assert_string_equal(b.ptr, "home");
	folio_buf_clear(&b);
	assert_int_equal(folio_beneath_read(&b, f->out, "absent.json"), FOLIO_ENOTFOUND);
	assert_int_equal(folio_beneath_read(&b, f->out, "no/such/feed.json"), FOLIO_ENOTFOUND);
	/* a feed swapped for a link to a secret, or its folder for a link */
	char *file_link = folio_xasprintf("%s/index.json", f->out);
	char *dir_link = folio_xasprintf("%s/books", f->out);
	assert_int_equal(symlink(f->keep, file_link), 0);
	assert_int_equal(symlink(f->victim, dir_link), 0);
	assert_true(folio_beneath_read(&b, f->out, "index.json") < 0);
	assert_true(folio_beneath_read(&b, f->out, "books/keep") < 0);
	assert_true(folio_beneath_read(&b, f->out, "../victim/keep") < 0);
	assert_int_equal(b.size, 0);
	folio_buf_dispose(&b);
	free(file_link);
	free(dir_link);
}

/* A publish syncs what it changed: each file, the folder holding it, and
 * for a new or removed output every folder up to root; a gone file and a
 * path out of root are passed over, a path through a link is an error. */
static void beneath_syncs_the_paths_changed_and_their_folders(void **state)
{
	fixture *f = *state;
	test_write_file(f->out, "a/b/c.html", "c");
	test_write_file(f->out, "a/d.html", "d");
	char *rels[] = { "a/b/c.html", "a/d.html", "gone.html" };
	bool made[] = { true, false, false };
	size_t n = 0;
	/* files c and d (gone passed over), folders a/b and a, root */
	assert_folio_ok(folio_beneath_sync(f->out, rels, made, 3, &n));
	assert_int_equal(n, 5);
	/* nothing new: the folders holding the files only, not root */
	bool none[] = { false, false };
	assert_folio_ok(folio_beneath_sync(f->out, rels, none, 2, &n));
	assert_int_equal(n, 4);
	assert_folio_ok(folio_beneath_sync(f->out, rels + 2, none, 1, &n));
	assert_int_equal(n, 1); /* gone.html's folder is root */
	char *bad[] = { "../victim/keep" }; /* out of root: passed over */
	assert_folio_ok(folio_beneath_sync(f->out, bad, none, 1, &n));
	assert_int_equal(n, 0);
	char *link = folio_xasprintf("%s/books", f->out);
	assert_int_equal(symlink(f->victim, link), 0);
	char *through[] = { "books/keep" };
	assert_true(folio_beneath_sync(f->out, through, NULL, 1, NULL) < 0);
	assert_non_null(strstr(folio_error_last(), "books/keep"));
	assert_victim_whole(f);
	free(link);
}

#define BOTH(fn)                                                                          \
	cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, &with_openat2),   \
	cmocka_unit_test_prestate_setup_teardown(fn, setup, teardown, &without_openat2)

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(beneath_writes_renames_and_removes_inside),
		BOTH(beneath_refuses_paths_that_leave_the_folder),
		BOTH(beneath_never_follows_a_planted_folder_link),
		BOTH(beneath_replaces_a_planted_file_link_without_writing_through_it),
		BOTH(rm_tree_unlinks_links_inside_without_entering_them),
		BOTH(beneath_reads_inside_and_never_through_a_planted_link),
		BOTH(beneath_syncs_the_paths_changed_and_their_folders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
