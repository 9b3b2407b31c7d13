/* model/site: the orders the site model gives its pages. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static folio_page page(const char *path, const char *slug, const char *date)
{
	folio_page p;
	memset(&p, 0, sizeof(p));
	p.path = (char *)path;
	p.slug = (char *)slug;
	p.date = date;
	return p;
}

/* Newest first, the undated last; one date: by slug, then by path (two
 * collections may share a slug), so feeds and term pages agree. */
static void newest_first_ties_by_slug_then_path(void **state)
{
	(void)state;
	folio_page pages[] = {
		page("news/b.md", "b", "2024-02-01"),
		page("news/undated-a.md", "undated-a", NULL),
		page("events/a.md", "a", "2024-02-01"),
		page("news/z.md", "z", "2024-03-01"),
		page("news/a.md", "a", "2024-02-01"),
		page("news/undated-0.md", "undated-0", NULL),
		page("news/zz.md", "aa", "2024-02-01"), /* slug: aa in its front matter */
	};
	const char *want[] = { "news/z.md", "events/a.md", "news/a.md", "news/zz.md", "news/b.md",
	                       "news/undated-0.md", "news/undated-a.md" };
	size_t n = sizeof(pages) / sizeof(*pages);
	const folio_page *sorted[sizeof(pages) / sizeof(*pages)];
	/* every starting order gives the same result: the order is total */
	for (size_t shift = 0; shift < n; shift++) {
		for (size_t i = 0; i < n; i++)
			sorted[i] = &pages[(i + shift) % n];
		qsort(sorted, n, sizeof(*sorted), folio_site_cmp_newest);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(sorted[i]->path, want[i]);
	}
	/* a page is its own equal, and the order is antisymmetric */
	assert_int_equal(folio_site_cmp_newest(&sorted[0], &sorted[0]), 0);
	assert_true(folio_site_cmp_newest(&sorted[1], &sorted[2]) < 0);
	assert_true(folio_site_cmp_newest(&sorted[2], &sorted[1]) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(newest_first_ties_by_slug_then_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
