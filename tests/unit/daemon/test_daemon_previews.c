/* Branch previews without a daemon: the folder name of a pushed ref, which
 * the pusher chooses and which must never leave the previews folder. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "folio/daemon.h"
#include "util/hash.h"

static char name[FOLIO_PREVIEW_NAME_MAX + 1];

static const char *of(const char *ref)
{
	return folio_daemon_preview_name(name, ref, "main") == 0 ? name : NULL;
}

/* Only [A-Za-z0-9._-], not starting with "." or "-", no "..", within the bound. */
static void assert_safe(const char *n)
{
	assert_non_null(n);
	assert_true(strlen(n) >= 1 && strlen(n) <= FOLIO_PREVIEW_NAME_MAX);
	assert_true(strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(n));
	assert_true(n[0] != '.' && n[0] != '-');
	assert_null(strstr(n, ".."));
}

static void plain_branch_names_are_kept(void **state)
{
	assert_string_equal(of("refs/heads/fix-isbn"), "fix-isbn");
	assert_string_equal(of("refs/heads/v1.2_rc"), "v1.2_rc");
}

static void merge_requests_are_named_by_number(void **state)
{
	assert_string_equal(of("refs/merge-requests/12/head"), "mr-12");
	assert_string_equal(of("refs/pull/7/head"), "pr-7");
	assert_null(of("refs/pull/7/merge"));
	assert_null(of("refs/pull/x/head"));
	assert_null(of("refs/merge-requests/12/head/../../x"));
}

static void other_refs_get_none(void **state)
{
	assert_null(of("refs/heads/main")); /* the published branch */
	assert_null(of("refs/tags/v1"));
	assert_null(of("refs/notes/folio"));
	assert_null(of("refs/heads/"));
	assert_null(of("HEAD"));
}

/* The hash is of the whole ref, so the test computes it the same way. */
static void odd_names_are_spelled_safely_with_a_hash(void **state)
{
	char hex[FOLIO_SHA256_HEX], want[128];
	folio_sha256_hex(hex, "refs/heads/feature/x", strlen("refs/heads/feature/x"));
	snprintf(want, sizeof(want), "feature-x-%.16s", hex);
	assert_string_equal(of("refs/heads/feature/x"), want);
	/* a branch named as that hashed name is hashed too: never its folder */
	char twin[sizeof(want) + 16];
	snprintf(twin, sizeof(twin), "refs/heads/%s", want);
	assert_string_not_equal(of(twin), want);
	assert_string_not_equal(of("refs/heads/feature-x-0123456789abcdef"), "feature-x-0123456789abcdef");
	assert_string_equal(of("refs/heads/feature-x-2bdd6c29"), "feature-x-2bdd6c29"); /* not 16 */
	/* a branch may not take a merge request's name */
	assert_true(strncmp(of("refs/heads/pr-7"), "pr-7-", 5) == 0);
	const char *odd[] = { "refs/heads/../../etc/passwd", "refs/heads/.hidden", "refs/heads/-x",
	                      "refs/heads/a..b", "refs/heads/$(rm -rf ~);\"'|", "refs/heads/\xc3\xa9t\xc3\xa9",
	                      "refs/heads/////", "refs/heads/..", "refs/heads/.",
	                      "refs/heads/a-very-long-branch-name-that-goes-on-and-on-and-on-past-the-bound-of-names" };
	for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++)
		assert_safe(of(odd[i]));
	assert_true(strncmp(of("refs/heads/.."), "branch-", 7) == 0);
}

/* Two refs that read alike never share a folder. */
static void alike_refs_differ(void **state)
{
	char a[FOLIO_PREVIEW_NAME_MAX + 1];
	snprintf(a, sizeof(a), "%s", of("refs/heads/feature/x"));
	assert_string_not_equal(a, of("refs/heads/feature-x"));
	assert_string_not_equal(a, of("refs/heads/feature_x"));
	snprintf(a, sizeof(a), "%s", of("refs/heads/a/b"));
	assert_string_not_equal(a, of("refs/heads/a/b/"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_branch_names_are_kept),
		cmocka_unit_test(merge_requests_are_named_by_number),
		cmocka_unit_test(other_refs_get_none),
		cmocka_unit_test(odd_names_are_spelled_safely_with_a_hash),
		cmocka_unit_test(alike_refs_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
