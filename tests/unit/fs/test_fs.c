/* Writing files into staging trees: folders made on demand, errors named. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "folio/common.h"
#include "util/alloc.h"
#include "util/fs.h"

static void fs_write_new_makes_missing_folders(void **state)
{
	(void)state;
	char *dir = test_tempdir("fs");
	char *path = folio_xasprintf("%s/tree/events/rencontre/index.html", dir);
	assert_folio_ok(folio_fs_write_new(path, "<p>un</p>", 9));
	size_t len = 0;
	char *got = test_read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, 9);
	assert_memory_equal(got, "<p>un</p>", 9);
	free(got);
	/* written again, shorter: the file holds the new bytes only */
	assert_folio_ok(folio_fs_write_new(path, "x", 1));
	got = test_read_file(path, &len);
	assert_int_equal(len, 1);
	free(got);
	free(path);
	test_rm_rf(dir);
	free(dir);
}

static void fs_mkdir_p_reports_the_part_in_the_way(void **state)
{
	(void)state;
	char *dir = test_tempdir("fs");
	char *file = folio_xasprintf("%s/plain", dir);
	assert_folio_ok(folio_fs_write_new(file, "", 0));
	char *below = folio_xasprintf("%s/plain/a/b", dir);
	assert_true(folio_fs_mkdir_p(below) < 0);
	assert_non_null(strstr(folio_error_last(), "cannot create directory"));
	assert_non_null(strstr(folio_error_last(), "/plain"));
	char *page = folio_xasprintf("%s/plain/a/index.html", dir);
	assert_true(folio_fs_write_new(page, "x", 1) < 0);
	assert_non_null(strstr(folio_error_last(), "/plain"));
	/* a deep new folder is made whole, and making it again is no error */
	char *deep = folio_xasprintf("%s/n/e/w", dir);
	assert_folio_ok(folio_fs_mkdir_p(deep));
	assert_folio_ok(folio_fs_mkdir_p(deep));
	struct stat st;
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	free(deep);
	free(page);
	free(below);
	free(file);
	test_rm_rf(dir);
	free(dir);
}

/* --out DIR/ and --state DIR/ once made folio write a temporary tree inside DIR and fail. */
static void fs_normalize_writes_a_path_one_way(void **state)
{
	static const char *const cases[][2] = {
		{ "public", "public" }, { "public/", "public" }, { "public//", "public" },
		{ "public/.", "public" }, { "./public", "public" }, { "a/../public", "public" },
		{ "a/b/../../public/", "public" }, { "a//b/./c", "a/b/c" }, { "/srv/site.git/", "/srv/site.git" },
		{ "/srv/../x", "/x" }, { "/..", "/" }, { "/", "/" }, { "", "." }, { ".", "." }, { "./", "." },
		{ "a/..", "." }, { "..", ".." }, { "../x/", "../x" }, { "../../x/../y", "../../y" },
		{ "x/../../y", "../y" }, { "/a/b/../../../c", "/c" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = folio_fs_normalize(cases[i][0]);
		if (strcmp(got, cases[i][1]))
			fail_msg("normalize('%s') = '%s', expected '%s'", cases[i][0], got, cases[i][1]);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fs_write_new_makes_missing_folders),
		cmocka_unit_test(fs_mkdir_p_reports_the_part_in_the_way),
		cmocka_unit_test(fs_normalize_writes_a_path_one_way),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
