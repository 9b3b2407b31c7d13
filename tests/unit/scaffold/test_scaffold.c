/* scaffold: slugs transliterated from titles, a new page's front matter
 * from a schema; util/text: the "did you mean" of every hint; the yaml
 * hints' plain words. */
#include <stdlib.h>
#include <string.h>

#include "folio/scaffold.h"
#include "folio/yaml.h"
#include "helpers.h"
#include "util/text.h"

static void assert_slug(const char *title, const char *want)
{
	char *slug = NULL;
	assert_int_equal(folio_scaffold_slug(&slug, title), 0);
	if (strcmp(slug, want))
		fail_msg("slug of \"%s\" is \"%s\", expected \"%s\"", title, slug, want);
	free(slug);
}

static void slug_transliterates_accents_apostrophes_and_other_scripts(void **state)
{
	(void)state;
	assert_slug("Journée d'étude à Lille", "journee-d-etude-a-lille");
	assert_slug("L’Économie sociale : un manuel", "l-economie-sociale-un-manuel");
	assert_slug("Straße & Œuvre", "strasse-oeuvre");
	assert_slug("Ирина Петрова", "irina-petrova");
	assert_slug("  --Déjà vu!--  ", "deja-vu");
	assert_slug("2019 : rencontre n°3", "2019-rencontre-n-3");
	assert_slug("!!!", "page");
	assert_slug("", "page");
}

static void slug_is_cut_at_a_dash_past_80_bytes(void **state)
{
	(void)state;
	char *slug = NULL;
	assert_int_equal(folio_scaffold_slug(&slug, "une tres longue histoire de la recherche "
	                                     "cooperative en sciences sociales appliquee dans "
	                                     "les hauts de france"), 0);
	assert_true(strlen(slug) <= 80);
	assert_true(slug[strlen(slug) - 1] != '-');
	assert_string_equal(slug, "une-tres-longue-histoire-de-la-recherche-cooperative-en-sciences"
	                          "-sociales");
	free(slug);
}

static void closest_suggests_only_likely_typos(void **state)
{
	(void)state;
	const char *keys[] = { "title", "date", "sort", "page_size", NULL };
	assert_string_equal(folio_closest("titel", keys), "title");
	assert_string_equal(folio_closest("dat", keys), "date");
	assert_string_equal(folio_closest("page_sise", keys), "page_size");
	assert_string_equal(folio_closest("Title", keys), "title");
	assert_null(folio_closest("publisher", keys));
	assert_null(folio_closest("x", keys));
}

static void page_has_required_fields_with_placeholders_and_comments(void **state)
{
	(void)state;
	json_error_t err;
	json_t *schema = json_loads(
		"{\"type\": \"object\", \"required\": [\"title\", \"date\", \"pages\", \"start\", \"tags\", \"lang\"],"
		" \"properties\": {"
		"  \"title\": {\"type\": \"string\"},"
		"  \"date\": {\"type\": \"string\", \"format\": \"date\", \"description\": \"Jour, AAAA-MM-JJ.\"},"
		"  \"pages\": {\"type\": \"integer\", \"minimum\": 1},"
		"  \"start\": {\"$ref\": \"#/$defs/time\"},"
		"  \"tags\": {\"type\": \"array\", \"minItems\": 1, \"items\": {\"type\": \"string\"}},"
		"  \"lang\": {\"type\": \"string\", \"enum\": [\"fr\", \"en\"]},"
		"  \"series\": {\"type\": \"string\", \"title\": \"Collection\"}},"
		" \"$defs\": {\"time\": {\"type\": \"string\", \"description\": \"Heure HH:MM.\"}}}",
		0, &err);
	assert_non_null(schema);
	folio_collection c = { 0 };
	c.name = "events";
	c.title_field = "title";
	char *text = folio_scaffold_page(&c, schema, "Un \"titre\"", "2026-12-03");
	assert_string_equal(text,
		"---\n"
		"title: \"Un \\\"titre\\\"\"\n"
		"# Jour, AAAA-MM-JJ.\n"
		"date: \"2026-12-03\"\n"
		"pages: 1\n"
		"# Heure HH:MM.\n"
		"start: \"TODO\"\n"
		"tags: [\"TODO\"]\n"
		"# one of: \"fr\", \"en\"\n"
		"lang: \"fr\"\n"
		"# Optional fields: remove the \"# \" before one to use it.\n"
		"# Collection\n"
		"# series: \"TODO\"\n"
		"---\n\n");
	/* what it writes is YAML that reads back as written */
	folio_yaml_doc *doc = NULL;
	folio_diags d;
	folio_diags_init(&d);
	const char *start = text + 4, *end = strstr(start, "---\n\n");
	assert_int_equal(folio_yaml_parse(&doc, start, (size_t)(end - start), "x.md", 2,
	                                  FOLIO_RULE_FRONT_MATTER_SYNTAX, &d), 0);
	assert_non_null(doc);
	assert_int_equal(d.count, 0);
	json_t *root = folio_yaml_root(doc);
	assert_string_equal(json_string_value(json_object_get(root, "title")), "Un \"titre\"");
	assert_int_equal(json_integer_value(json_object_get(root, "pages")), 1);
	folio_yaml_free(doc);
	folio_diags_dispose(&d);
	free(text);
	json_decref(schema);
}

/* The first finding's hint of parsing yaml. */
static char *hint_of(const char *yaml)
{
	folio_yaml_doc *doc = NULL;
	folio_diags d;
	folio_diags_init(&d);
	folio_yaml_parse(&doc, yaml, strlen(yaml), "x.md", 2, FOLIO_RULE_FRONT_MATTER_SYNTAX, &d);
	folio_yaml_free(doc);
	char *hint = d.count && d.items[0].hint ? strdup(d.items[0].hint) : NULL;
	folio_diags_dispose(&d);
	return hint;
}

static void yaml_hints_say_what_is_likely_wrong(void **state)
{
	(void)state;
	char *h = hint_of("titre :Journée\ndate: 2020-01-01\n");
	assert_non_null(h);
	assert_non_null(strstr(h, "on line 2,"));
	assert_non_null(strstr(h, "write \"titre: Journée\""));
	free(h);
	h = hint_of("titre: Journée : programme\n");
	assert_non_null(h);
	assert_non_null(strstr(h, "put the value in quotes: titre: \"Journée : programme\""));
	free(h);
	h = hint_of("titre: \"Un\" livre\n");
	assert_non_null(h);
	assert_non_null(strstr(h, "titre: '\"Un\" livre'"));
	free(h);
	assert_null(hint_of("titre: [a, b\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slug_transliterates_accents_apostrophes_and_other_scripts),
		cmocka_unit_test(slug_is_cut_at_a_dash_past_80_bytes),
		cmocka_unit_test(closest_suggests_only_likely_typos),
		cmocka_unit_test(page_has_required_fields_with_placeholders_and_comments),
		cmocka_unit_test(yaml_hints_say_what_is_likely_wrong),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
