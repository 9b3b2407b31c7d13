/* Path patterns of folio.yaml (util/glob.h): ignore: and a rule's paths:. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "util/glob.h"

#define MATCH(p, s) assert_true(folio_glob_match(p, s))
#define NO_MATCH(p, s) assert_false(folio_glob_match(p, s))

static void star_stays_in_one_folder(void **state)
{
	(void)state;
	MATCH("drafts/*.md", "drafts/a.md");
	MATCH("drafts/*.md", "drafts/.md");
	NO_MATCH("drafts/*.md", "drafts/x/a.md");
	NO_MATCH("drafts/*.md", "drafts/a.mdx");
	MATCH("*.md", "a.md");
	NO_MATCH("*.md", "books/a.md"); /* FNM_PATHNAME: the root only */
	MATCH("books/a-*-b.md", "books/a-x-y-b.md");
	MATCH("b?oks/*", "books/a.md");
	NO_MATCH("a?b", "a/b");
	MATCH("books/a.md", "books/a.md");
	NO_MATCH("books/a.md", "books/a.md.bak");
	NO_MATCH("books", "books/a.md");
}

static void double_star_crosses_folders(void **state)
{
	(void)state;
	MATCH("archives/**", "archives/a.md");
	MATCH("archives/**", "archives/2019/05/a.md");
	NO_MATCH("archives/**", "archive/a.md");
	NO_MATCH("archives/**", "old/archives/a.md");
	MATCH("**/index.md", "index.md");
	MATCH("**/index.md", "a/b/index.md");
	NO_MATCH("**/index.md", "a/b/xindex.md");
	MATCH("a/**/b.md", "a/b.md");
	MATCH("a/**/b.md", "a/x/y/b.md");
	NO_MATCH("a/**/b.md", "a/xb.md");
	MATCH("**/*.md", "x/y.md");
	MATCH("**", "anything/at/all");
	MATCH("a**z", "a/b/z"); /* not a whole segment: any run */
}

static void trailing_slash_is_a_folder(void **state)
{
	(void)state;
	MATCH("archives/", "archives/a.md");
	MATCH("archives/", "archives/x/a.md");
	NO_MATCH("archives/", "archives.md");
	NO_MATCH("archives/", "old/archives/a.md");
}

/* Matching costs pattern length times path length: no pattern is a bomb. */
static void no_exponential_pattern(void **state)
{
	(void)state;
	char pattern[400], path[2001];
	size_t n = 0;
	while (n + 3 < sizeof(pattern) - 2) {
		memcpy(pattern + n, "**a", 3);
		n += 3;
	}
	pattern[n++] = 'b';
	pattern[n] = '\0';
	memset(path, 'a', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	NO_MATCH(pattern, path);
	memset(pattern, 0, sizeof(pattern));
	for (n = 0; n + 2 < sizeof(pattern) - 2; n += 2)
		memcpy(pattern + n, "*a", 2);
	pattern[n] = 'b';
	NO_MATCH(pattern, path); /* the path has no "b" */
	pattern[n] = '\0';
	MATCH(pattern, path);
}

static void check_refuses_unusable_patterns(void **state)
{
	(void)state;
	assert_null(folio_glob_check("archives/**"));
	assert_null(folio_glob_check("a..b/c"));
	assert_non_null(folio_glob_check(""));
	assert_non_null(folio_glob_check("/archives/**"));
	assert_non_null(folio_glob_check("../x"));
	assert_non_null(folio_glob_check("a/../x"));
	assert_non_null(folio_glob_check("a/.."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(star_stays_in_one_folder),
		cmocka_unit_test(double_star_crosses_folders),
		cmocka_unit_test(trailing_slash_is_a_folder),
		cmocka_unit_test(no_exponential_pattern),
		cmocka_unit_test(check_refuses_unusable_patterns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
