/* model/site: the orders the site model gives its pages; a stub's front matter. */
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

/* A stub: its front matter as its record dumped it, parsed on first read. */
static folio_page stub(const char *text)
{
	folio_page p;
	memset(&p, 0, sizeof(p));
	p.stub = true;
	folio_page_set_meta_text(&p, strdup(text));
	return p;
}

static void stub_dispose(folio_page *p)
{
	free(p->meta_text);
	json_decref(p->meta_lazy);
}

/* A key lookup parses only when the text may hold the key at all; a key
 * nested deeper is found in the text, parsed, and absent at the top. */
static void stub_meta_parsed_only_when_needed(void **state)
{
	(void)state;
	folio_page p = stub("{\"name\":\"Agnès\",\"publications\":[{\"title\":\"Livre\","
	                    "\"url\":\"https://example.org/\"}],\"note\":\"a \\\"slug\\\" here\"}");
	assert_null(folio_page_meta_get(&p, "date"));
	assert_null(folio_page_meta_get(&p, "nam")); /* a prefix of a key is no key */
	assert_null(p.meta_lazy);
	assert_false(folio_page_meta_may_start(&p, "url", "/")); /* a website, not a site path */
	assert_true(folio_page_meta_may_start(&p, "url", "https:"));
	assert_false(folio_page_meta_may_schedule(&p));
	assert_null(p.meta_lazy);
	assert_null(folio_page_meta_get(&p, "title")); /* in the text, nested */
	assert_non_null(p.meta_lazy);
	assert_string_equal(json_string_value(folio_page_meta_get(&p, "name")), "Agnès");
	assert_ptr_equal(folio_page_meta(&p), p.meta_lazy);
	stub_dispose(&p);
	/* quotes inside a value are escaped: no key there, nothing parsed */
	p = stub("{\"note\":\"a \\\"slug\\\" here\"}");
	assert_null(folio_page_meta_get(&p, "slug"));
	assert_null(p.meta_lazy);
	stub_dispose(&p);
	/* a value that is the key's name is no key: nothing parsed either */
	p = stub("{\"kind\":\"slug\"}");
	assert_null(folio_page_meta_get(&p, "slug"));
	assert_null(p.meta_lazy);
	stub_dispose(&p);
	/* a key's name with an escaped quote inside a value before it */
	p = stub("{\"note\":\"say \\\"hi\\\":\",\"slug\":\"x\"}");
	assert_string_equal(json_string_value(folio_page_meta_get(&p, "slug")), "x");
	stub_dispose(&p);
	/* a value ending in an escaped backslash: its quote ends it, so the
	 * next string is a key (read as escaped, "slug" would be no key) */
	p = stub("{\"note\":\"C:\\\\\",\"slug\":\"z\",\"n\":\"\\\\\\\"\"}");
	assert_string_equal(json_string_value(folio_page_meta_get(&p, "slug")), "z");
	stub_dispose(&p);
	/* text set without folio_page_set_meta_text(): read as before, no word of keys */
	memset(&p, 0, sizeof(p));
	p.stub = true;
	p.meta_text = strdup("{\"slug\":\"y\"}");
	assert_string_equal(json_string_value(folio_page_meta_get(&p, "slug")), "y");
	stub_dispose(&p);
}

/* Schedule keys as schedule.c folds them: any ASCII case, '_' or '-'. */
static void stub_schedule_keys_any_spelling(void **state)
{
	(void)state;
	const char *yes[] = { "{\"draft\":false}", "{\"publishDate\":\"2024-01-01\"}",
	                      "{\"Expiry-Date\":\"2999-01-01\"}", "{\"publish_date\":null}",
	                      "{\"x\":\"pu-bl_ishdate\"}" /* in a value: parsed to be sure */ };
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		folio_page p = stub(yes[i]);
		assert_true(folio_page_meta_may_schedule(&p));
		stub_dispose(&p);
	}
	folio_page p = stub("{\"title\":\"Dr\",\"date\":\"2024-01-01\",\"publisher\":\"X\"}");
	assert_false(folio_page_meta_may_schedule(&p));
	stub_dispose(&p);
	/* a parsed page: its own meta, never a guess */
	folio_page q;
	memset(&q, 0, sizeof(q));
	q.meta = json_pack("{s:s}", "title", "T");
	assert_true(folio_page_meta_may_schedule(&q));
	assert_string_equal(json_string_value(folio_page_meta_get(&q, "title")), "T");
	json_decref(q.meta);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(newest_first_ties_by_slug_then_path),
		cmocka_unit_test(stub_meta_parsed_only_when_needed),
		cmocka_unit_test(stub_schedule_keys_any_spelling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
