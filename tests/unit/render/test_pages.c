/* render/render_units: how a list is cut into pages (folio.yaml's
 * pagination). Both ways cover every item once, in order, page after page;
 * shift is Hugo's cut; stable keeps every page past the first as it was
 * when an item is added at the front, unless the count of pages grows. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "render/render_internal.h"

/* Every item on one page, in order, none on a page past the last. */
static void covers_in_order(size_t size, bool shift, size_t n)
{
	size_t count = folio_render__page_count(size, shift, n), next = 0, first;
	assert_true(count >= 1);
	for (size_t k = 1; k <= count; k++) {
		size_t m = folio_render__page_items(size, shift, n, k, &first);
		assert_int_equal(first, next);
		assert_true(m <= (shift ? size : 2 * size - 1));
		assert_true(m > 0 || n == 0);
		next += m;
	}
	assert_int_equal(next, n);
	assert_int_equal(folio_render__page_items(size, shift, n, count + 1, &first), 0);
	assert_int_equal(folio_render__page_items(size, shift, n, 0, &first), 0);
}

static void every_item_once_in_order(void **state)
{
	(void)state;
	for (size_t size = 1; size <= 7; size++)
		for (size_t n = 0; n <= 60; n++) {
			covers_in_order(size, true, n);
			covers_in_order(size, false, n);
		}
}

static void shift_is_cut_from_the_first_item(void **state)
{
	(void)state;
	size_t first;
	assert_int_equal(folio_render__page_count(20, true, 45), 3);
	assert_int_equal(folio_render__page_items(20, true, 45, 1, &first), 20);
	assert_int_equal(first, 0);
	assert_int_equal(folio_render__page_items(20, true, 45, 3, &first), 5);
	assert_int_equal(first, 40);
	assert_int_equal(folio_render__page_count(20, true, 0), 1);
}

static void stable_is_cut_from_the_last_item(void **state)
{
	(void)state;
	size_t first;
	/* 45 items, 20 a page: the first page 25, the second the last 20 */
	assert_int_equal(folio_render__page_count(20, false, 45), 2);
	assert_int_equal(folio_render__page_items(20, false, 45, 1, &first), 25);
	assert_int_equal(first, 0);
	assert_int_equal(folio_render__page_items(20, false, 45, 2, &first), 20);
	assert_int_equal(first, 25);
	/* fewer than a page, or a page and a few: one page */
	assert_int_equal(folio_render__page_count(20, false, 0), 1);
	assert_int_equal(folio_render__page_count(20, false, 7), 1);
	assert_int_equal(folio_render__page_count(20, false, 39), 1);
	assert_int_equal(folio_render__page_items(20, false, 39, 1, &first), 39);
}

/* An item added at the front: with stable, pages 2.. hold the same items
 * (each one place further in the list) while the count of pages holds;
 * with shift, every page past the first moves by one item. */
static void an_added_item_leaves_later_pages(void **state)
{
	(void)state;
	size_t size = 5;
	for (size_t n = 0; n < 40; n++) {
		size_t count = folio_render__page_count(size, false, n);
		if (folio_render__page_count(size, false, n + 1) != count)
			continue; /* every size items: all pages are cut anew */
		for (size_t k = 2; k <= count; k++) {
			size_t before, after;
			size_t mb = folio_render__page_items(size, false, n, k, &before);
			size_t ma = folio_render__page_items(size, false, n + 1, k, &after);
			assert_int_equal(mb, ma);
			assert_int_equal(after, before + 1);
		}
	}
	size_t before, after;
	folio_render__page_items(size, true, 12, 2, &before);
	folio_render__page_items(size, true, 13, 2, &after);
	assert_int_equal(after, before); /* the same place: the item before it moved in */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_item_once_in_order),
		cmocka_unit_test(shift_is_cut_from_the_first_item),
		cmocka_unit_test(stable_is_cut_from_the_last_item),
		cmocka_unit_test(an_added_item_leaves_later_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
