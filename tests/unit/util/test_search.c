/* util/search: the one binary search of the sorted indexes. */
#include <string.h>

#include "helpers.h"
#include "util/search.h"

static int cmp_int(const void *elem, const void *key)
{
	int a = *(const int *)elem, b = *(const int *)key;
	return a < b ? -1 : a > b;
}

static void search_finds_the_first_not_before_the_key(void **state)
{
	(void)state;
	const int v[] = { 1, 3, 3, 3, 7 };
	int k;
	k = 0, assert_int_equal(folio_lower_bound(v, 5, sizeof(int), &k, cmp_int), 0);
	k = 3, assert_int_equal(folio_lower_bound(v, 5, sizeof(int), &k, cmp_int), 1);
	k = 4, assert_int_equal(folio_lower_bound(v, 5, sizeof(int), &k, cmp_int), 4);
	k = 8, assert_int_equal(folio_lower_bound(v, 5, sizeof(int), &k, cmp_int), 5);
	k = 3, assert_ptr_equal(folio_search(v, 5, sizeof(int), &k, cmp_int), &v[1]);
	k = 4, assert_null(folio_search(v, 5, sizeof(int), &k, cmp_int));
	k = 1, assert_null(folio_search(v, 0, sizeof(int), &k, cmp_int));
}

/* An empty index may have no array at all (a page without links): no
 * pointer arithmetic on NULL, which UBSan (clang) reports. */
static void search_in_an_empty_index_without_array_finds_nothing(void **state)
{
	(void)state;
	int k = 1;
	assert_int_equal(folio_lower_bound(NULL, 0, sizeof(int), &k, cmp_int), 0);
	assert_null(folio_search(NULL, 0, sizeof(int), &k, cmp_int));
}

static void search_matches_whole_strings_and_prefixes_exactly(void **state)
{
	(void)state;
	const char *v[] = { "a", "a/b", "ab", "b" };
	assert_ptr_equal(folio_search(v, 4, sizeof(*v), "ab", folio_search_cmp_str), &v[2]);
	assert_null(folio_search(v, 4, sizeof(*v), "a/", folio_search_cmp_str));
	folio_text k = { "a/bc", 3 }; /* "a/b", not "a/bc" */
	assert_ptr_equal(folio_search(v, 4, sizeof(*v), &k, folio_search_cmp_text), &v[1]);
	k.len = 2; /* "a/": only a longer name starts so */
	assert_null(folio_search(v, 4, sizeof(*v), &k, folio_search_cmp_text));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_finds_the_first_not_before_the_key),
		cmocka_unit_test(search_matches_whole_strings_and_prefixes_exactly),
		cmocka_unit_test(search_in_an_empty_index_without_array_finds_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
