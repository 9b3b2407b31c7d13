/*
 * Source module: git commits (worktree, bare, tags) and plain directories
 * give the same listing; symlinks are never followed; tree diffs report
 * additions, modifications and deletions (a move is both) without reading
 * unchanged subtrees. Every test builds real repositories with git.
 */
#include "helpers.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	char *tmp;
	char *repo;
} fixture;

#include "source/source_internal.h"

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = test_vformat(f, ap);
	va_end(ap);
	return s;
}

/* Run git with args in the fixture's repository. */
static void git(const fixture *fx, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void git(const fixture *fx, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *args = test_vformat(f, ap);
	va_end(ap);
	test_sh("cd '%s' && git %s >/dev/null", fx->repo, args);
	free(args);
}

/* Output of a git command in the fixture's repository, without the final newline. */
static char *git_out(const fixture *fx, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *git_out(const fixture *fx, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *args = test_vformat(f, ap);
	va_end(ap);
	char *out = test_sh_output("cd '%s' && git %s", fx->repo, args);
	free(args);
	size_t n = strlen(out);
	while (n && out[n - 1] == '\n')
		out[--n] = '\0';
	return out;
}

static void put_file(const fixture *fx, const char *path, const char *content)
{
	test_write_file(fx->repo, path, content);
}

static void commit_all(const fixture *fx, const char *msg)
{
	git(fx, "add -A");
	git(fx, "commit -q -m '%s'", msg);
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	fx->tmp = test_tempdir("source");
	fx->repo = fmt("%s/repo", fx->tmp);
	test_sh("git -c init.defaultBranch=main init -q '%s'", fx->repo);
	git(fx, "config user.name 'Folio Test'");
	git(fx, "config user.email test@example.org");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	test_rm_rf(fx->tmp);
	free(fx->repo);
	free(fx->tmp);
	free(fx);
	return 0;
}

static char type_letter(folio_entry_type t)
{
	return t == FOLIO_ENTRY_FILE ? 'f' : t == FOLIO_ENTRY_SYMLINK ? 'l' : 'o';
}

static int collect_entry(const folio_entry *e, void *payload)
{
	assert_int_equal(strlen(e->id), 40);
	folio_buf_printf(payload, "%s %c %s\n", e->path, type_letter(e->type), e->id);
	return 0;
}

/* The listing as "path type id" lines. */
static char *list(folio_source *src, const char *prefix)
{
	folio_buf b = FOLIO_BUF_INIT;
	assert_folio_ok(folio_source_foreach(src, prefix, collect_entry, &b));
	return folio_buf_detach(&b, NULL);
}

static int collect_path(const folio_entry *e, void *payload)
{
	folio_buf_printf(payload, "%s %c\n", e->path, type_letter(e->type));
	return 0;
}

static char *list_paths(folio_source *src, const char *prefix)
{
	folio_buf b = FOLIO_BUF_INIT;
	assert_folio_ok(folio_source_foreach(src, prefix, collect_path, &b));
	return folio_buf_detach(&b, NULL);
}

static const char *status_name(folio_change_status s)
{
	switch (s) {
	case FOLIO_CHANGE_ADDED: return "A";
	case FOLIO_CHANGE_MODIFIED: return "M";
	case FOLIO_CHANGE_DELETED: return "D";
	}
	return "?";
}

/* One line per change: "A path new_id", "D path old_id",
 * "M path old_id new_id types". */
static int collect_change(const folio_change *c, void *payload)
{
	folio_buf *b = payload;
	folio_buf_printf(b, "%s", status_name(c->status));
	switch (c->status) {
	case FOLIO_CHANGE_ADDED:
		assert_null(c->old_path);
		assert_null(c->old_id);
		folio_buf_printf(b, " %s %s\n", c->new_path, c->new_id);
		break;
	case FOLIO_CHANGE_DELETED:
		assert_null(c->new_path);
		assert_null(c->new_id);
		folio_buf_printf(b, " %s %s\n", c->old_path, c->old_id);
		break;
	case FOLIO_CHANGE_MODIFIED:
		assert_string_equal(c->old_path, c->new_path);
		folio_buf_printf(b, " %s %s %s %c%c\n", c->new_path, c->old_id, c->new_id,
		                 type_letter(c->old_type), type_letter(c->new_type));
		break;
	}
	return 0;
}

static char *diff(folio_source *from, folio_source *to)
{
	folio_buf b = FOLIO_BUF_INIT;
	assert_folio_ok(folio_source_diff(from, to, collect_change, &b));
	return folio_buf_detach(&b, NULL);
}

static char *read_path(folio_source *src, const char *path)
{
	folio_buf b = FOLIO_BUF_INIT;
	assert_folio_ok(folio_source_read(&b, src, path));
	return folio_buf_detach(&b, NULL);
}

static void assert_read_not_found(folio_source *src, const char *path)
{
	folio_buf b = FOLIO_BUF_INIT;
	int rc = folio_source_read(&b, src, path);
	if (rc != FOLIO_ENOTFOUND)
		fail_msg("reading '%s' gave %d, expected FOLIO_ENOTFOUND", path, rc);
	assert_int_equal(b.size, 0);
	folio_buf_dispose(&b);
}

static folio_source *open_git(const char *repo, const char *rev)
{
	folio_source *src = NULL;
	assert_folio_ok(folio_source_open_git(&src, repo, rev));
	assert_non_null(src);
	return src;
}

static folio_source *open_dir(const char *dir)
{
	folio_source *src = NULL;
	assert_folio_ok(folio_source_open_dir(&src, dir));
	assert_non_null(src);
	return src;
}

/* 20 distinct lines, so that one edited line keeps the file similar. */
static const char long_text[] =
	"# Programme\n"
	"09:00 welcome and coffee in the main hall\n"
	"09:30 opening address by the director\n"
	"10:00 session one: cooperative research\n"
	"10:45 break\n"
	"11:00 session two: open archives\n"
	"11:45 panel on regional networks\n"
	"12:30 lunch at the cafeteria\n"
	"14:00 workshop A: metadata quality\n"
	"14:00 workshop B: editorial workflows\n"
	"15:30 break\n"
	"15:45 session three: publishing in common\n"
	"16:30 book presentations\n"
	"17:00 closing remarks\n"
	"17:15 reception\n"
	"Venue: building C, room 204\n"
	"Registration is free but required\n"
	"Contact: events@example.org\n"
	"Accessible by tram line 2\n"
	"Programme subject to change\n";

/* ---- listing ---- */

static void git_source_lists_files_in_full_path_byte_order(void **state)
{
	fixture *fx = *state;
	const char *paths[] = { "A", "a-b", "a.txt", "a/b", "b/c/d.md", "z" };
	/* Written out of order; git's tree order puts directory "a" after "a.txt". */
	put_file(fx, "z", "z\n");
	put_file(fx, "a/b", "a/b\n");
	put_file(fx, "b/c/d.md", "deep\n");
	put_file(fx, "a.txt", "a.txt\n");
	put_file(fx, "a-b", "a-b\n");
	put_file(fx, "A", "upper\n");
	commit_all(fx, "first");

	folio_buf expected = FOLIO_BUF_INIT;
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		char *id = git_out(fx, "rev-parse HEAD:%s", paths[i]);
		folio_buf_printf(&expected, "%s f %s\n", paths[i], id);
		free(id);
	}
	folio_source *src = open_git(fx->repo, "HEAD");
	char *got = list(src, "");
	assert_string_equal(got, expected.ptr);
	/* A second pass uses the kept listing and gives the same. */
	char *again = list(src, "");
	assert_string_equal(again, got);
	free(again);
	free(got);
	folio_buf_dispose(&expected);
	folio_source_free(src);
}

static void git_source_reports_commit_id_and_time(void **state)
{
	fixture *fx = *state;
	put_file(fx, "index.md", "hello\n");
	git(fx, "add -A");
	test_sh("cd '%s' && GIT_COMMITTER_DATE='@1700000000 +0100' git commit -q -m one", fx->repo);
	char *head = git_out(fx, "rev-parse HEAD");

	folio_source *src = open_git(fx->repo, "main");
	assert_string_equal(folio_source_commit(src), head);
	assert_int_equal(folio_source_commit_time(src), 1700000000LL);
	free(head);
	folio_source_free(src);
}

static void git_source_reads_files_by_path_and_by_id(void **state)
{
	fixture *fx = *state;
	put_file(fx, "b/c/d.md", "---\ntitle: Deep\n---\nbody\n");
	put_file(fx, "top.md", "top\n");
	commit_all(fx, "first");
	char *blob = git_out(fx, "rev-parse HEAD:b/c/d.md");
	char *tree = git_out(fx, "rev-parse HEAD:b");

	folio_source *src = open_git(fx->repo, "HEAD");
	char *text = read_path(src, "b/c/d.md");
	assert_string_equal(text, "---\ntitle: Deep\n---\nbody\n");
	free(text);

	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, ">");
	assert_folio_ok(folio_source_read_id(&b, src, blob));
	assert_string_equal(b.ptr, ">---\ntitle: Deep\n---\nbody\n");
	folio_buf_clear(&b);
	assert_int_equal(folio_source_read_id(&b, src, tree), FOLIO_ENOTFOUND);
	assert_int_equal(folio_source_read_id(&b, src, "0123456789012345678901234567890123456789"),
	                 FOLIO_ENOTFOUND);
	assert_int_equal(folio_source_read_id(&b, src, "abc"), FOLIO_ENOTFOUND);
	folio_buf_dispose(&b);

	assert_read_not_found(src, "missing.md");
	assert_read_not_found(src, "b");
	assert_read_not_found(src, "b/c");
	assert_read_not_found(src, "");
	assert_read_not_found(src, "/top.md");
	assert_read_not_found(src, "./top.md");
	assert_read_not_found(src, "b//c/d.md");
	assert_read_not_found(src, "b/../top.md");
	assert_read_not_found(src, "top.md/");
	assert_non_null(strstr(folio_error_last(), "'top.md/'"));
	free(blob);
	free(tree);
	folio_source_free(src);
}

static void git_source_reports_missing_blob_as_damage_not_absence(void **state)
{
	fixture *fx = *state;
	put_file(fx, "page.md", "page\n");
	commit_all(fx, "first");
	char *blob = git_out(fx, "rev-parse HEAD:page.md");
	test_sh("rm '%s/.git/objects/%.2s/%s'", fx->repo, blob, blob + 2);

	folio_source *src = open_git(fx->repo, "HEAD");
	folio_buf b = FOLIO_BUF_INIT;
	assert_int_equal(folio_source_read(&b, src, "page.md"), FOLIO_ERROR);
	assert_int_equal(folio_source_read_id(&b, src, blob), FOLIO_ENOTFOUND);
	folio_buf_dispose(&b);
	free(blob);
	folio_source_free(src);
}

static void git_source_lists_committed_symlink_without_following_it(void **state)
{
	fixture *fx = *state;
	put_file(fx, "docs/page.md", "page\n");
	test_sh("cd '%s' && ln -s /etc/passwd secret && ln -s docs alias", fx->repo);
	commit_all(fx, "links");

	folio_source *src = open_git(fx->repo, "HEAD");
	char *got = list_paths(src, "");
	assert_string_equal(got, "alias l\ndocs/page.md f\nsecret l\n");
	free(got);
	char *target = read_path(src, "secret");
	assert_string_equal(target, "/etc/passwd");
	free(target);
	assert_read_not_found(src, "alias/page.md");
	folio_source_free(src);
}

static void git_source_opens_bare_repository_and_path_inside_worktree(void **state)
{
	fixture *fx = *state;
	put_file(fx, "index.md", "home\n");
	put_file(fx, "books/one.md", "one\n");
	commit_all(fx, "first");
	char *bare = fmt("%s/site.git", fx->tmp);
	test_sh("git clone -q --bare '%s' '%s'", fx->repo, bare);
	char *inside = fmt("%s/books", fx->repo);

	folio_source *a = open_git(fx->repo, "HEAD");
	folio_source *b = open_git(bare, "main");
	folio_source *c = open_git(inside, "HEAD");
	char *la = list(a, ""), *lb = list(b, ""), *lc = list(c, "");
	assert_non_null(strstr(la, "books/one.md f "));
	assert_string_equal(la, lb);
	assert_string_equal(la, lc);
	assert_string_equal(folio_source_commit(a), folio_source_commit(b));
	char *text = read_path(b, "books/one.md");
	assert_string_equal(text, "one\n");
	free(text);
	free(la);
	free(lb);
	free(lc);
	folio_source_free(a);
	folio_source_free(b);
	folio_source_free(c);
	free(bare);
	free(inside);
}

static void git_source_peels_annotated_tag(void **state)
{
	fixture *fx = *state;
	put_file(fx, "index.md", "v1\n");
	commit_all(fx, "first");
	git(fx, "tag -a v1 -m 'release one'");
	put_file(fx, "index.md", "v2\n");
	commit_all(fx, "second");
	char *first = git_out(fx, "rev-parse HEAD~1");

	folio_source *src = open_git(fx->repo, "v1");
	assert_string_equal(folio_source_commit(src), first);
	char *text = read_path(src, "index.md");
	assert_string_equal(text, "v1\n");
	free(text);
	free(first);
	folio_source_free(src);
}

static void git_source_rejects_unknown_rev_with_enotfound(void **state)
{
	fixture *fx = *state;
	folio_source *src = (folio_source *)1;

	/* An unborn branch has no commit yet. */
	assert_int_equal(folio_source_open_git(&src, fx->repo, "HEAD"), FOLIO_ENOTFOUND);
	assert_null(src);
	put_file(fx, "index.md", "x\n");
	commit_all(fx, "first");
	assert_int_equal(folio_source_open_git(&src, fx->repo, "nope"), FOLIO_ENOTFOUND);
	assert_null(src);
	char *msg = fmt("'nope' is not a commit in '%s': ", fx->repo);
	assert_memory_equal(folio_error_last(), msg, strlen(msg));
	free(msg);
	/* A tree is not a commit either. */
	assert_true(folio_source_open_git(&src, fx->repo, "HEAD^{tree}") < 0);
	assert_null(src);
	assert_non_null(strstr(folio_error_last(), "'HEAD^{tree}' is not a commit"));
}

static void git_source_rejects_missing_repository(void **state)
{
	fixture *fx = *state;
	folio_source *src = NULL;
	char *path = fmt("%s/no-such-repo", fx->tmp);
	assert_int_equal(folio_source_open_git(&src, path, "HEAD"), FOLIO_ERROR);
	assert_null(src);
	char *msg = fmt("cannot open repository '%s': ", path);
	assert_memory_equal(folio_error_last(), msg, strlen(msg));
	free(msg);
	free(path);
}

static void foreach_limits_entries_to_directory_prefix(void **state)
{
	fixture *fx = *state;
	put_file(fx, "a-b", "1\n");
	put_file(fx, "a.txt", "2\n");
	put_file(fx, "a/b", "3\n");
	put_file(fx, "a/c/d", "4\n");
	put_file(fx, "ab/x", "5\n");
	put_file(fx, "b/c/d.md", "6\n");
	commit_all(fx, "first");
	folio_source *g = open_git(fx->repo, "HEAD");
	folio_source *d = open_dir(fx->repo);
	folio_source *srcs[] = { g, d };

	for (int i = 0; i < 2; i++) {
		char *got = list_paths(srcs[i], "a");
		assert_string_equal(got, "a/b f\na/c/d f\n");
		free(got);
		got = list_paths(srcs[i], "a/");
		assert_string_equal(got, "a/b f\na/c/d f\n");
		free(got);
		got = list_paths(srcs[i], "b/c");
		assert_string_equal(got, "b/c/d.md f\n");
		free(got);
		got = list_paths(srcs[i], "zz");
		assert_string_equal(got, "");
		free(got);
		got = list_paths(srcs[i], "a.txt");
		assert_string_equal(got, "");
		free(got);
	}
	folio_source_free(g);
	folio_source_free(d);
}

static int stop_at_second(const folio_entry *e, void *payload)
{
	(void)e;
	int *n = payload;
	return ++*n == 2 ? 7 : 0;
}

static void foreach_stops_and_returns_callback_value(void **state)
{
	fixture *fx = *state;
	put_file(fx, "a.md", "a\n");
	put_file(fx, "b.md", "b\n");
	put_file(fx, "c.md", "c\n");
	commit_all(fx, "first");
	folio_source *src = open_git(fx->repo, "HEAD");
	int n = 0;
	assert_int_equal(folio_source_foreach(src, "", stop_at_second, &n), 7);
	assert_int_equal(n, 2);
	folio_source_free(src);
}

/* ---- directory sources ---- */

static void dir_source_lists_same_entries_and_ids_as_git_source(void **state)
{
	fixture *fx = *state;
	put_file(fx, "folio.yaml", "title: Site\n");
	put_file(fx, "content/books/one.md", long_text);
	put_file(fx, "content/a-b.md", "dash\n");
	put_file(fx, "content/a/b.md", "slash\n");
	put_file(fx, "empty.txt", "");
	test_sh("cd '%s' && ln -s content/books shelf", fx->repo);
	commit_all(fx, "first");

	folio_source *g = open_git(fx->repo, "HEAD");
	folio_source *d = open_dir(fx->repo);
	char *lg = list(g, ""), *ld = list(d, "");
	assert_non_null(strstr(lg, "shelf l "));
	assert_null(strstr(ld, ".git"));
	assert_string_equal(ld, lg);
	free(lg);
	free(ld);
	assert_null(folio_source_commit(d));
	assert_int_equal(folio_source_commit_time(d), 0);
	folio_source_free(g);
	folio_source_free(d);
}

static int check_size(const folio_entry *e, void *payload)
{
	(void)payload;
	if (!strcmp(e->path, "page.md"))
		assert_int_equal(e->size, 6);
	if (!strcmp(e->path, "link"))
		assert_int_equal(e->size, strlen("page.md"));
	return 0;
}

static void dir_source_never_follows_symlinks(void **state)
{
	fixture *fx = *state;
	char *site = fmt("%s/site", fx->tmp);
	test_write_file(fx->tmp, "outside/secret.txt", "secret\n");
	test_write_file(site, "page.md", "page!\n");
	test_write_file(site, ".git/config", "[core]\n");
	test_write_file(site, "sub/.git", "gitdir: elsewhere\n");
	test_write_file(site, "sub/x.md", "x\n");
	test_sh("cd '%s' && ln -s ../outside out && ln -s ../outside/secret.txt s && "
	        "ln -s page.md link && mkfifo pipe", site);

	folio_source *d = open_dir(site);
	char *got = list_paths(d, "");
	assert_string_equal(got, "link l\nout l\npage.md f\npipe o\ns l\nsub/x.md f\n");
	free(got);
	assert_folio_ok(folio_source_foreach(d, "", check_size, NULL));
	char *target = read_path(d, "s");
	assert_string_equal(target, "../outside/secret.txt");
	free(target);
	char *text = read_path(d, "page.md");
	assert_string_equal(text, "page!\n");
	free(text);
	assert_read_not_found(d, "out/secret.txt");
	assert_read_not_found(d, ".git/config");
	assert_read_not_found(d, "sub/.git");
	assert_read_not_found(d, "pipe");
	assert_read_not_found(d, "sub");
	assert_read_not_found(d, "../outside/secret.txt");
	folio_buf b = FOLIO_BUF_INIT;
	assert_int_equal(folio_source_read_id(&b, d, "0123456789012345678901234567890123456789"),
	                 FOLIO_ENOTFOUND);
	folio_buf_dispose(&b);
	folio_source_free(d);
	free(site);
}

static void dir_source_rejects_missing_directory(void **state)
{
	fixture *fx = *state;
	folio_source *src = NULL;
	char *path = fmt("%s/nowhere", fx->tmp);
	assert_true(folio_source_open_dir(&src, path) < 0);
	assert_null(src);
	assert_non_null(strstr(folio_error_last(), "cannot open directory '"));
	free(path);
}

/* A site in a folder of its repository: the folder is the root for every
 * listing, read and diff; nothing outside it is seen; a file, a link, a
 * missing folder or a path with .. is refused and leaves the source as it was. */
static void reroot_makes_a_folder_the_root(void **state)
{
	fixture *fx = *state;
	put_file(fx, "README.md", "code\n");
	put_file(fx, "web/folio.yaml", "title: x\n");
	put_file(fx, "web/pages/a.md", "a\n");
	put_file(fx, "webx/b.md", "b\n");
	commit_all(fx, "first");
	git(fx, "tag first");
	char *link = fmt("%s/link", fx->repo);
	assert_int_equal(symlink("web", link), 0);
	free(link);
	put_file(fx, "README.md", "more code\n");
	put_file(fx, "web/pages/a.md", "a, changed\n");
	commit_all(fx, "second");
	folio_source *g = open_git(fx->repo, "HEAD");
	folio_source *d = open_dir(fx->repo);
	folio_source *srcs[] = { g, d };
	for (int i = 0; i < 2; i++) {
		folio_source *s = srcs[i];
		assert_int_equal(folio_source_reroot(s, "../web"), FOLIO_EINVALID);
		assert_int_equal(folio_source_reroot(s, "README.md"), FOLIO_ENOTFOUND);
		assert_int_equal(folio_source_reroot(s, "link"), FOLIO_ENOTFOUND);
		assert_int_equal(folio_source_reroot(s, "nope"), FOLIO_ENOTFOUND);
		assert_string_equal(folio_source_root(s), "");
		assert_int_equal(folio_source_reroot(s, "web"), 0);
		assert_string_equal(folio_source_root(s), "web");
		char *got = list_paths(s, "");
		assert_string_equal(got, "folio.yaml f\npages/a.md f\n");
		free(got);
		folio_buf b = FOLIO_BUF_INIT;
		assert_int_equal(folio_source_read(&b, s, "pages/a.md"), 0);
		assert_int_equal(b.size, 11);
		assert_memory_equal(b.ptr, "a, changed\n", 11);
		folio_buf_clear(&b);
		assert_int_equal(folio_source_read(&b, s, "README.md"), FOLIO_ENOTFOUND);
		folio_buf_dispose(&b);
	}
	/* the diff of two rooted commits sees the folder's change alone */
	folio_source *old = NULL;
	assert_int_equal(folio_source_open_rev(&old, g, "first"), 0);
	assert_int_equal(folio_source_reroot(old, "web"), 0);
	char *got = diff(old, g);
	assert_non_null(strstr(got, "M pages/a.md "));
	assert_null(strstr(got, "README"));
	assert_null(strstr(got, "link"));
	free(got);
	folio_source_free(old);
	folio_source_free(g);
	folio_source_free(d);
}

/* ---- diff ---- */

static void diff_reports_added_modified_deleted_and_moved(void **state)
{
	fixture *fx = *state;
	put_file(fx, "keep.md", "keep\n");
	put_file(fx, "mod.md", "before\n");
	put_file(fx, "del.md", "gone soon\n");
	put_file(fx, "long.md", long_text);
	put_file(fx, "same/x.md", "unchanged\n");
	commit_all(fx, "first");
	put_file(fx, "new.md", "brand new\n");
	put_file(fx, "mod.md", "after\n");
	git(fx, "rm -q del.md");
	git(fx, "mv long.md moved.md");
	char *edited = fmt("%s", long_text);
	memcpy(strstr(edited, "10:45 break"), "10:50 pause", 11);
	put_file(fx, "moved.md", edited);
	free(edited);
	commit_all(fx, "second");

	char *del = git_out(fx, "rev-parse HEAD~1:del.md");
	char *mod0 = git_out(fx, "rev-parse HEAD~1:mod.md");
	char *mod1 = git_out(fx, "rev-parse HEAD:mod.md");
	char *long0 = git_out(fx, "rev-parse HEAD~1:long.md");
	char *moved = git_out(fx, "rev-parse HEAD:moved.md");
	char *added = git_out(fx, "rev-parse HEAD:new.md");
	/* a moved file is a deletion and an addition */
	char *expected = fmt("D del.md %s\nD long.md %s\nM mod.md %s %s ff\nA moved.md %s\nA new.md %s\n",
	                     del, long0, mod0, mod1, moved, added);

	folio_source *from = open_git(fx->repo, "HEAD~1");
	folio_source *to = open_git(fx->repo, "HEAD");
	char *got = diff(from, to);
	assert_string_equal(got, expected);
	free(got);
	/* The other way round, additions and deletions swap. */
	got = diff(to, from);
	assert_non_null(strstr(got, "A del.md "));
	assert_non_null(strstr(got, "D new.md "));
	assert_non_null(strstr(got, "A long.md "));
	assert_non_null(strstr(got, "D moved.md "));
	free(got);
	got = diff(to, to);
	assert_string_equal(got, "");
	free(got);

	free(expected);
	free(del);
	free(mod0);
	free(mod1);
	free(long0);
	free(moved);
	free(added);
	folio_source_free(from);
	folio_source_free(to);
}

static void diff_reports_moves_and_type_changes(void **state)
{
	fixture *fx = *state;
	put_file(fx, "old.md", "exactly the same bytes\n");
	put_file(fx, "link", "was a file\n");
	put_file(fx, "x", "a file that becomes a directory\n");
	put_file(fx, "empty1", "");
	commit_all(fx, "first");
	git(fx, "mv old.md new.md");
	git(fx, "rm -q link x empty1");
	test_sh("cd '%s' && ln -s new.md link", fx->repo);
	put_file(fx, "x/y", "inside\n");
	put_file(fx, "empty2", "");
	commit_all(fx, "second");
	char *id = git_out(fx, "rev-parse HEAD:new.md");
	char *link0 = git_out(fx, "rev-parse HEAD~1:link");
	char *link1 = git_out(fx, "rev-parse HEAD:link");
	char *x0 = git_out(fx, "rev-parse HEAD~1:x");
	char *y = git_out(fx, "rev-parse HEAD:x/y");
	const char *e = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
	char *expected = fmt("D empty1 %s\nA empty2 %s\nM link %s %s fl\nA new.md %s\nD old.md %s\n"
	                     "D x %s\nA x/y %s\n", e, e, link0, link1, id, id, x0, y);

	folio_source *from = open_git(fx->repo, "HEAD~1");
	folio_source *to = open_git(fx->repo, "HEAD");
	char *got = diff(from, to);
	assert_string_equal(got, expected);
	free(got);
	free(expected);
	free(id);
	free(link0);
	free(link1);
	free(x0);
	free(y);
	folio_source_free(from);
	folio_source_free(to);
}

static void diff_skips_unchanged_subtrees_without_reading_them(void **state)
{
	fixture *fx = *state;
	put_file(fx, "big/a.md", "a\n");
	put_file(fx, "big/deeper/b.md", "b\n");
	put_file(fx, "top.md", "one\n");
	commit_all(fx, "first");
	put_file(fx, "top.md", "two\n");
	commit_all(fx, "second");
	/* Remove the (loose) object of the unchanged tree: only a diff that
	 * never opens it can succeed. */
	char *tree = git_out(fx, "rev-parse HEAD:big");
	test_sh("rm '%s/.git/objects/%.2s/%s'", fx->repo, tree, tree + 2);

	folio_source *from = open_git(fx->repo, "HEAD~1");
	folio_source *to = open_git(fx->repo, "HEAD");
	char *got = diff(from, to);
	char *top0 = git_out(fx, "rev-parse HEAD~1:top.md");
	char *top1 = git_out(fx, "rev-parse HEAD:top.md");
	char *expected = fmt("M top.md %s %s ff\n", top0, top1);
	assert_string_equal(got, expected);
	/* The tree really is unreadable: a full listing fails. */
	folio_buf b = FOLIO_BUF_INIT;
	assert_true(folio_source_foreach(to, "", collect_entry, &b) < 0);
	assert_non_null(strstr(folio_error_last(), "cannot read tree 'big'"));
	folio_buf_dispose(&b);
	free(got);
	free(expected);
	free(top0);
	free(top1);
	free(tree);
	folio_source_free(from);
	folio_source_free(to);
}

static void diff_between_git_commit_and_worktree_directory(void **state)
{
	fixture *fx = *state;
	put_file(fx, "index.md", "home\n");
	put_file(fx, "mod.md", "before\n");
	put_file(fx, "del.md", "to delete\n");
	put_file(fx, "long.md", long_text);
	commit_all(fx, "first");
	/* Uncommitted worktree edits. */
	put_file(fx, "mod.md", "after\n");
	put_file(fx, "new.md", "new\n");
	test_sh("cd '%s' && rm del.md && mkdir -p sub && mv long.md sub/long.md && "
	        "printf 'one more line\\n' >> sub/long.md", fx->repo);

	char *del = git_out(fx, "rev-parse HEAD:del.md");
	char *mod0 = git_out(fx, "rev-parse HEAD:mod.md");
	char *mod1 = git_out(fx, "hash-object mod.md");
	char *added = git_out(fx, "hash-object new.md");
	char *long0 = git_out(fx, "rev-parse HEAD:long.md");
	char *long1 = git_out(fx, "hash-object sub/long.md");
	char *expected = fmt("D del.md %s\nD long.md %s\nM mod.md %s %s ff\nA new.md %s\nA sub/long.md %s\n",
	                     del, long0, mod0, mod1, added, long1);

	folio_source *g = open_git(fx->repo, "HEAD");
	folio_source *d = open_dir(fx->repo);
	char *got = diff(g, d);
	assert_string_equal(got, expected);
	free(got);
	got = diff(d, g);
	assert_non_null(strstr(got, "A del.md "));
	assert_non_null(strstr(got, "D new.md "));
	assert_non_null(strstr(got, "D sub/long.md "));
	assert_non_null(strstr(got, "A long.md "));
	free(got);

	free(expected);
	free(del);
	free(mod0);
	free(mod1);
	free(added);
	free(long0);
	free(long1);
	folio_source_free(g);
	folio_source_free(d);
}

static void diff_from_nothing_adds_every_entry(void **state)
{
	fixture *fx = *state;
	put_file(fx, "a.md", "a\n");
	put_file(fx, "b/c.md", "c\n");
	commit_all(fx, "first");
	char *a = git_out(fx, "rev-parse HEAD:a.md");
	char *c = git_out(fx, "rev-parse HEAD:b/c.md");
	char *expected = fmt("A a.md %s\nA b/c.md %s\n", a, c);

	folio_source *g = open_git(fx->repo, "HEAD");
	folio_source *d = open_dir(fx->repo);
	char *got = diff(NULL, g);
	assert_string_equal(got, expected);
	free(got);
	got = diff(NULL, d);
	assert_string_equal(got, expected);
	free(got);
	got = diff(g, d);
	assert_string_equal(got, "");
	free(got);
	got = diff(g, NULL);
	assert_non_null(strstr(got, "D a.md "));
	free(got);
	free(expected);
	free(a);
	free(c);
	folio_source_free(g);
	folio_source_free(d);
}

static void open_rev_shares_the_repository_beyond_its_base(void **state)
{
	fixture *fx = *state;
	put_file(fx, "index.md", "one\n");
	commit_all(fx, "first");
	put_file(fx, "index.md", "two\n");
	commit_all(fx, "second");
	char *first = git_out(fx, "rev-parse HEAD~1");

	folio_source *base = open_git(fx->repo, "HEAD");
	folio_source *prev = NULL, *cur = NULL, *none = (folio_source *)1;
	assert_folio_ok(folio_source_open_rev(&prev, base, first));
	assert_folio_ok(folio_source_open_rev(&cur, base, "main"));
	assert_int_equal(folio_source_open_rev(&none, base, "nope"), FOLIO_ENOTFOUND);
	assert_null(none);
	folio_source_free(base);

	assert_string_equal(folio_source_commit(prev), first);
	char *text = read_path(prev, "index.md");
	assert_string_equal(text, "one\n");
	free(text);
	char *got = diff(prev, cur);
	assert_memory_equal(got, "M index.md ", 11);
	free(got);
	folio_source_free(prev);
	folio_source_free(cur);

	folio_source *d = open_dir(fx->repo);
	assert_int_equal(folio_source_open_rev(&none, d, "HEAD"), FOLIO_EINVALID);
	assert_null(none);
	folio_source_free(d);
	free(first);
}

static void diff_compares_commits_of_different_repositories(void **state)
{
	fixture *fx = *state;
	put_file(fx, "index.md", "one\n");
	put_file(fx, "stay/x.md", "x\n");
	commit_all(fx, "first");
	char *clone = fmt("%s/clone", fx->tmp);
	test_sh("git clone -q '%s' '%s' && cd '%s' && git config user.name T && "
	        "git config user.email t@example.org && echo two > index.md && "
	        "git commit -q -am second", fx->repo, clone, clone);

	folio_source *a = open_git(fx->repo, "HEAD");
	folio_source *b = open_git(clone, "HEAD");
	char *got = diff(a, b);
	assert_memory_equal(got, "M index.md ", 11);
	assert_string_equal(strchr(got, '\n'), "\n");
	free(got);
	folio_source_free(a);
	folio_source_free(b);
	free(clone);
}

/* libgit2 built with mbed TLS (Debian's) reads the system's CA
 * certificates when it initialises: folio's init skips that load (HTTPS
 * is never asked of libgit2), and the reader is mbed TLS's own otherwise. */
static void libgit2_init_reads_no_ca_file(void **state)
{
	(void)state;
	if (!dlsym(RTLD_DEFAULT, "mbedtls_ssl_config_init"))
		skip(); /* a libgit2 on another TLS library loads no CA file at init */
	assert_int_equal(folio_source_libgit2_init(), 0);
	assert_true(folio_source__ca_files_skipped() >= 1);
	/* outside the init: mbed TLS's reader, which cannot open this file
	 * (MBEDTLS_ERR_PK_FILE_IO_ERROR) and touches no chain before */
	unsigned before = folio_source__ca_files_skipped();
	static char chain[8192];
	assert_int_equal(mbedtls_x509_crt_parse_file(chain, "/nonexistent/folio-ca.crt"), -0x3E00);
	assert_int_equal(folio_source__ca_files_skipped(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(git_source_lists_files_in_full_path_byte_order, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_reports_commit_id_and_time, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_reads_files_by_path_and_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_reports_missing_blob_as_damage_not_absence, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_lists_committed_symlink_without_following_it, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_opens_bare_repository_and_path_inside_worktree, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_peels_annotated_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_rejects_unknown_rev_with_enotfound, setup, teardown),
		cmocka_unit_test_setup_teardown(git_source_rejects_missing_repository, setup, teardown),
		cmocka_unit_test_setup_teardown(foreach_limits_entries_to_directory_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(foreach_stops_and_returns_callback_value, setup, teardown),
		cmocka_unit_test_setup_teardown(dir_source_lists_same_entries_and_ids_as_git_source, setup, teardown),
		cmocka_unit_test_setup_teardown(dir_source_never_follows_symlinks, setup, teardown),
		cmocka_unit_test_setup_teardown(dir_source_rejects_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(diff_reports_added_modified_deleted_and_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(diff_reports_moves_and_type_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(diff_skips_unchanged_subtrees_without_reading_them, setup, teardown),
		cmocka_unit_test_setup_teardown(diff_between_git_commit_and_worktree_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(diff_from_nothing_adds_every_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(open_rev_shares_the_repository_beyond_its_base, setup, teardown),
		cmocka_unit_test_setup_teardown(diff_compares_commits_of_different_repositories, setup, teardown),
		cmocka_unit_test_setup_teardown(reroot_makes_a_folder_the_root, setup, teardown),
		cmocka_unit_test(libgit2_init_reads_no_ca_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
