/* util/search: the one binary search of the sorted indexes. */
#include <stdlib.h>
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

/* An element with its place before sorting, to see that equal keys keep it. */
typedef struct {
	int key;
	int at;
} item;

static int cmp_item(const void *a, const void *b)
{
	int x = ((const item *)a)->key, y = ((const item *)b)->key;
	return x < y ? -1 : x > y;
}

static int cmp_item_r(const void *a, const void *b, void *calls)
{
	++*(size_t *)calls;
	return cmp_item(a, b);
}

/* The order a stable sort must give: insertion sort, the plainest. */
static void reference_sort(item *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		item x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1].key > x.key; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Arrays of every shape the callers give: in order, in order but for a few
 * elements (at the end, the start, anywhere), reversed, random with many
 * equal keys (qsort's route), small and empty. */
static void fill(item *v, size_t n, int shape, unsigned *seed)
{
	for (size_t i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		int r = (int)((*seed >> 8) % 1000);
		switch (shape) {
		case 0: v[i].key = (int)i / 3; break;
		case 1: v[i].key = i % 97 == 5 ? r : (int)i; break;
		case 2: v[i].key = i + 1 == n ? r : (int)i; break;
		case 3: v[i].key = i == 0 ? r : (int)i; break;
		case 4: v[i].key = (int)(n - i) / 2; break;
		/* in order but for neighbours swapped, equal keys among them */
		case 6: v[i].key = (int)(i / 2) - (i % 23 == 7 ? 3 : 0); break;
		/* elements moved back by up to 12 places, past how far a run takes them */
		case 7: v[i].key = (int)i - (r % 7 == 0 ? r % 13 : 0); break;
		default: v[i].key = r % 50; break;
		}
		v[i].at = (int)i;
	}
}

static void sort_is_stable_and_equals_a_reference_on_every_shape(void **state)
{
	(void)state;
	static const size_t sizes[] = { 0, 1, 2, 3, 17, 100, 1000, 5003 };
	unsigned seed = 1;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(*sizes); s++)
		for (int shape = 0; shape < 8; shape++) {
			size_t n = sizes[s];
			item *v = malloc((n ? n : 1) * sizeof(*v)), *w = malloc((n ? n : 1) * sizeof(*w));
			assert_true(v && w);
			fill(v, n, shape, &seed);
			memcpy(w, v, n * sizeof(*v));
			folio_sort(v, n, sizeof(*v), cmp_item);
			reference_sort(w, n);
			for (size_t i = 0; i < n; i++) {
				assert_int_equal(v[i].key, w[i].key);
				assert_int_equal(v[i].at, w[i].at); /* equal keys kept their order */
			}
			free(v);
			free(w);
		}
}

/* The reason it exists: a sorted list and one element added costs about one
 * pass, where a merge sort costs n log n comparisons (about 130,000 here). */
static void sort_of_an_ordered_array_and_one_more_element_is_near_linear(void **state)
{
	(void)state;
	size_t n = 10001, calls = 0;
	item *v = malloc(n * sizeof(*v));
	assert_non_null(v);
	for (size_t i = 0; i + 1 < n; i++)
		v[i] = (item){ (int)i * 2, (int)i };
	v[n - 1] = (item){ 7001, (int)n - 1 }; /* between 3500 and 3501 */
	folio_sort_r(v, n, sizeof(*v), cmp_item_r, &calls);
	assert_int_equal(v[3501].key, 7001);
	assert_int_equal(v[3502].key, 7002);
	for (size_t i = 1; i < n; i++)
		assert_true(v[i - 1].key <= v[i].key);
	assert_true(calls < n + 64); /* one pass, then two binary searches and a move */
	free(v);
}

/* A list in order but for neighbours swapped (the pages by slug, in their
 * files' order: a-b.md before a.md, "a-b" after "a"): one run, about n
 * comparisons, not a merge of hundreds of runs. */
static void sort_of_neighbours_swapped_is_near_linear(void **state)
{
	(void)state;
	size_t n = 10001, calls = 0;
	item *v = malloc(n * sizeof(*v));
	assert_non_null(v);
	for (size_t i = 0; i < n; i++)
		v[i] = (item){ (int)i, (int)i };
	for (size_t i = 5; i + 1 < n; i += 22) { /* 455 pairs */
		v[i].key = (int)i + 1;
		v[i + 1].key = (int)i;
	}
	folio_sort_r(v, n, sizeof(*v), cmp_item_r, &calls);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i].key, (int)i);
	assert_true(calls < n + 3 * 455); /* a swap: two comparisons more */
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_finds_the_first_not_before_the_key),
		cmocka_unit_test(search_matches_whole_strings_and_prefixes_exactly),
		cmocka_unit_test(search_in_an_empty_index_without_array_finds_nothing),
		cmocka_unit_test(sort_is_stable_and_equals_a_reference_on_every_shape),
		cmocka_unit_test(sort_of_an_ordered_array_and_one_more_element_is_near_linear),
		cmocka_unit_test(sort_of_neighbours_swapped_is_near_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
