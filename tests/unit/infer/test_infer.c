/* infer: the JSON Schema `folio init --from` writes for a collection,
 * from the front matter of its pages; every page of the sample passes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/infer.h"
#include "folio/schema.h"
#include "helpers.h"

static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &err);
	if (!v)
		fail_msg("bad JSON in the test: %s: %s", text, err.text);
	return v;
}

/* The schema of pages (a JSON array of objects), checked against want,
 * and every page valid against it through folio's own validator. */
static void assert_inferred(const char *pages, const char *want)
{
	json_t *list = parse(pages), *expected = parse(want), *page;
	folio_infer *inf = folio_infer_new();
	size_t i;
	json_array_foreach(list, i, page)
		folio_infer_add(inf, page);
	assert_int_equal(folio_infer_pages(inf), json_array_size(list));
	json_t *schema = folio_infer_schema(inf, NULL);
	json_t *got = json_deep_copy(schema);
	json_object_del(got, "$schema");
	if (!json_equal(got, expected)) {
		char *g = json_dumps(got, JSON_SORT_KEYS), *w = json_dumps(expected, JSON_SORT_KEYS);
		fail_msg("inferred %s\nexpected %s", g, w);
	}
	folio_diags d;
	folio_diags_init(&d);
	folio_schema *s = NULL;
	assert_int_equal(folio_schema_compile(&s, schema, "schemas/x.json", &d), 0);
	json_array_foreach(list, i, page) {
		folio_schema_findings f;
		folio_schema_findings_init(&f);
		folio_schema_validate(&f, s, page, NULL);
		if (f.count)
			fail_msg("page %zu does not pass its inferred schema: %s: %s", i,
			         f.items[0].pointer, f.items[0].message);
		folio_schema_findings_dispose(&f);
	}
	folio_schema_free(s);
	folio_diags_dispose(&d);
	json_decref(got);
	json_decref(schema);
	folio_infer_free(inf);
	json_decref(expected);
	json_decref(list);
}

static void types_and_required_keys(void **state)
{
	(void)state;
	assert_inferred("[{\"title\": \"A\", \"weight\": 1, \"draft\": false, \"tags\": [\"x\"]},"
	                " {\"title\": \"B\", \"weight\": 2.5, \"tags\": [\"y\", \"z\"], \"extra\": {\"k\": 1}}]",
	                "{\"type\": \"object\", \"required\": [\"tags\", \"title\", \"weight\"],"
	                " \"additionalProperties\": true, \"properties\": {"
	                " \"draft\": {\"type\": \"boolean\"},"
	                " \"extra\": {\"type\": \"object\"},"
	                " \"tags\": {\"type\": [\"string\", \"array\"], \"items\": {\"type\": \"string\"}},"
	                " \"title\": {\"type\": \"string\"},"
	                " \"weight\": {\"type\": \"number\"}}}");
}

static void mixed_types_give_a_list(void **state)
{
	(void)state;
	assert_inferred("[{\"id\": \"a\"}, {\"id\": 3}, {\"id\": null}]",
	                "{\"type\": \"object\", \"required\": [\"id\"], \"additionalProperties\": true,"
	                " \"properties\": {\"id\": {\"type\": [\"string\", \"integer\", \"null\"]}}}");
}

static void dates_and_date_times_get_their_format(void **state)
{
	(void)state;
	assert_inferred("[{\"date\": \"2023-05-01\", \"at\": \"2023-05-01T10:00:00+02:00\", \"when\": \"2023-05-01\", \"mixed\": \"2023-05-01\"},"
	                " {\"date\": \"2024-02-29\", \"at\": \"2024-01-01T00:00:00Z\", \"when\": \"2023-05-01T10:00:00Z\", \"mixed\": \"2023-05-01T10:00:00Z\"},"
	                " {\"date\": \"2024-03-01\", \"at\": \"2024-01-01T08:30:00.5-05:00\", \"when\": \"soon\", \"mixed\": \"2024-03-01\"}]",
	                "{\"type\": \"object\", \"required\": [\"at\", \"date\", \"mixed\", \"when\"], \"additionalProperties\": true,"
	                " \"properties\": {"
	                " \"at\": {\"type\": \"string\", \"anyOf\": [{\"format\": \"date\"}, {\"format\": \"date-time\"}]},"
	                " \"date\": {\"type\": \"string\", \"anyOf\": [{\"format\": \"date\"}, {\"format\": \"date-time\"}]},"
	                " \"mixed\": {\"type\": \"string\", \"anyOf\": [{\"format\": \"date\"}, {\"format\": \"date-time\"}]},"
	                " \"when\": {\"type\": \"string\"}}}");
}

/* Pages sampled with date-times only: a page written later with a plain
 * date passes (Hugo and Jekyll read it), one with no date at all does not. */
static void a_later_plain_date_passes(void **state)
{
	(void)state;
	json_t *list = parse("[{\"date\": \"2023-05-01T10:00:00+02:00\"}, {\"date\": \"2024-01-01T00:00:00Z\"}]");
	folio_infer *inf = folio_infer_new();
	size_t i;
	json_t *page;
	json_array_foreach(list, i, page)
		folio_infer_add(inf, page);
	json_t *schema = folio_infer_schema(inf, NULL);
	folio_diags d;
	folio_diags_init(&d);
	folio_schema *s = NULL;
	assert_int_equal(folio_schema_compile(&s, schema, "schemas/x.json", &d), 0);
	const char *pages[] = { "{\"date\": \"2025-06-30\"}", "{\"date\": \"2025-06-30T08:00:00Z\"}",
		                "{\"date\": \"soon\"}", "{\"date\": \"2025-13-01\"}" };
	for (size_t k = 0; k < 4; k++) {
		json_t *later = parse(pages[k]);
		folio_schema_findings f;
		folio_schema_findings_init(&f);
		folio_schema_validate(&f, s, later, NULL);
		if (k < 2 && f.count)
			fail_msg("%s refused: %s", pages[k], f.items[0].message);
		if (k >= 2 && (f.count != 1 || strcmp(f.items[0].pointer, "/date")))
			fail_msg("%s: %zu findings, not one at /date", pages[k], f.count);
		folio_schema_findings_dispose(&f);
		json_decref(later);
	}
	folio_schema_free(s);
	folio_diags_dispose(&d);
	json_decref(schema);
	folio_infer_free(inf);
	json_decref(list);
}

/* n pages with "kind" cycling through k values, and a "title" each. */
static char *pages_with_kinds(int n, int k)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_putc(&b, '[');
	for (int i = 0; i < n; i++)
		folio_buf_printf(&b, "%s{\"title\": \"t%d\", \"kind\": \"k%d\"}", i ? "," : "", i, i % k);
	folio_buf_putc(&b, ']');
	return folio_buf_detach(&b, NULL);
}

static void small_closed_sets_on_enough_pages_are_enums(void **state)
{
	(void)state;
	/* 3 values on 10 pages: a closed set */
	char *pages = pages_with_kinds(10, 3);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\", \"enum\": [\"k0\", \"k1\", \"k2\"]},"
	                " \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* 8 values on 40 pages still; titles are all different: no enum */
	pages = pages_with_kinds(40, 8);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\", \"enum\": [\"k0\", \"k1\", \"k2\","
	                " \"k3\", \"k4\", \"k5\", \"k6\", \"k7\"]}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* 9 values: too many */
	pages = pages_with_kinds(40, 9);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* 8 values on 10 pages (semester-biology's titles, two of them
	 * repeated): most pages have their own, no closed set */
	pages = pages_with_kinds(10, 8);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* 5 values on 10 pages: two pages a value, a set */
	pages = pages_with_kinds(10, 5);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\", \"enum\": [\"k0\", \"k1\", \"k2\","
	                " \"k3\", \"k4\"]}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* 9 pages: too few to trust */
	pages = pages_with_kinds(9, 2);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
}

/* One page per text of kinds ("a" × 8 then "b" …), key holding it, a title each. */
static char *pages_with(const char *key, const char *const *kinds, const int *times, size_t n)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_putc(&b, '[');
	int page = 0;
	for (size_t k = 0; k < n; k++)
		for (int t = 0; t < times[k]; t++, page++)
			folio_buf_printf(&b, "%s{\"title\": \"t%d\", \"%s\": \"%s\"}", page ? "," : "", page, key, kinds[k]);
	folio_buf_putc(&b, ']');
	return folio_buf_detach(&b, NULL);
}

static void values_seen_once_or_people_are_no_closed_set(void **state)
{
	(void)state;
	static const char *const kinds[] = { "news", "event", "report", "interview", "note" };
	/* 19 posts, two kinds seen once (notaryproject.dev's authors): the next
	 * post's is new about one time in ten, no closed set */
	char *pages = pages_with("kind", kinds, (const int[]){ 8, 6, 3, 1, 1 }, 5);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* 40 pages, one kind seen once: a set */
	pages = pages_with("kind", kinds, (const int[]){ 20, 12, 7, 1 }, 4);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"kind\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"kind\": {\"type\": \"string\", \"enum\": [\"event\", \"interview\","
	                " \"news\", \"report\"]}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
	/* three authors on ten posts, each often: people, whom a fourth joins */
	static const char *const people[] = { "Ann Lee", "Bo Chen", "Notary Team" };
	pages = pages_with("author", people, (const int[]){ 4, 3, 3 }, 3);
	assert_inferred(pages,
	                "{\"type\": \"object\", \"required\": [\"author\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"author\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"}}}");
	free(pages);
}

static void list_keys_take_a_text_or_a_list(void **state)
{
	(void)state;
	/* categories: java on every page: categories: [java] later is as valid */
	assert_inferred("[{\"title\": \"a\", \"categories\": \"java\"}, {\"title\": \"b\", \"categories\": \"go\"}]",
	                "{\"type\": \"object\", \"required\": [\"categories\", \"title\"], \"additionalProperties\": true,"
	                " \"properties\": {\"categories\": {\"type\": [\"string\", \"array\"]},"
	                " \"title\": {\"type\": \"string\"}}}");
	/* a list, and a key of no list (subtitle) keeps its one type */
	assert_inferred("[{\"tags\": [\"x\"], \"subtitle\": \"s\"}]",
	                "{\"type\": \"object\", \"required\": [\"subtitle\", \"tags\"], \"additionalProperties\": true,"
	                " \"properties\": {\"tags\": {\"type\": [\"string\", \"array\"], \"items\": {\"type\": \"string\"}},"
	                " \"subtitle\": {\"type\": \"string\"}}}");
}

static void no_pages_give_an_open_schema(void **state)
{
	(void)state;
	assert_inferred("[]", "{\"type\": \"object\", \"required\": [], \"additionalProperties\": true,"
	                      " \"properties\": {}}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(types_and_required_keys),
		cmocka_unit_test(mixed_types_give_a_list),
		cmocka_unit_test(dates_and_date_times_get_their_format),
		cmocka_unit_test(a_later_plain_date_passes),
		cmocka_unit_test(small_closed_sets_on_enough_pages_are_enums),
		cmocka_unit_test(values_seen_once_or_people_are_no_closed_set),
		cmocka_unit_test(list_keys_take_a_text_or_a_list),
		cmocka_unit_test(no_pages_give_an_open_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
