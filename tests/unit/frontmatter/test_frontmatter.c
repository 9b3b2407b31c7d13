#include "helpers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct {
	folio_diags diags;
	folio_frontmatter fm;
} fixture;

static int setup(void **state)
{
	fixture *f = folio_xcalloc(1, sizeof(*f));
	folio_diags_init(&f->diags);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	folio_frontmatter_dispose(&f->fm);
	folio_diags_dispose(&f->diags);
	free(f);
	return 0;
}

static json_t *split(fixture *f, const char *text)
{
	assert_folio_ok(folio_frontmatter_parse(&f->fm, text, strlen(text), "events/x.md", &f->diags));
	return f->fm.meta ? folio_yaml_root(f->fm.meta) : NULL;
}

static void assert_body(fixture *f, const char *body, unsigned line)
{
	assert_int_equal(f->fm.body_len, strlen(body));
	assert_memory_equal(f->fm.body, body, f->fm.body_len);
	assert_int_equal(f->fm.body_line, line);
}

static void assert_only_diag(fixture *f, unsigned line, const char *message)
{
	if (f->diags.count != 1)
		test_print_diags(&f->diags);
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_FRONT_MATTER_SYNTAX);
	assert_string_equal(f->diags.items[0].path, "events/x.md");
	assert_int_equal(f->diags.items[0].line, line);
	assert_string_equal(f->diags.items[0].message, message);
}

static void frontmatter_splits_meta_and_body(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "---\ntitle: A talk\ndate: 2024-05-01\n---\n# Hi\n\ntext\n");
	assert_true(f->fm.present);
	assert_non_null(meta);
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(json_string_value(json_object_get(meta, "title")), "A talk");
	assert_body(f, "# Hi\n\ntext\n", 5);
	unsigned l, c;
	folio_yaml_position(f->fm.meta, "/date", &l, &c);
	assert_int_equal(l, 3);
	assert_int_equal(c, 7);
}

static void frontmatter_absent_leaves_whole_body(void **state)
{
	fixture *f = *state;
	assert_null(split(f, "# Title\n---\nx: 1\n---\n"));
	assert_false(f->fm.present);
	assert_body(f, "# Title\n---\nx: 1\n---\n", 1);
	assert_int_equal(f->diags.count, 0);
}

/* Blank lines may come first, as Hugo skips them (buildpacks.io's
 * pack/_index.md opens with one): positions stay the file's. A line of
 * four dashes is no fence. */
static void frontmatter_may_follow_blank_lines(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "\n \t\r\n---\nx: 1\n---\nbody\n");
	assert_true(f->fm.present);
	assert_int_equal(json_integer_value(json_object_get(meta, "x")), 1);
	assert_body(f, "body\n", 6);
	teardown(state);
	setup(state);
	f = *state;
	assert_null(split(f, "\n\n+++\nx = [\n"));
	assert_only_diag(f, 3, "front matter opened at line 3 is not closed by a \"+++\" line");
	teardown(state);
	setup(state);
	f = *state;
	assert_null(split(f, "\n---\nx: [1\n---\n"));
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].line, 3);
	teardown(state);
	setup(state);
	f = *state;
	assert_null(split(f, "----\nx: 1\n----\n"));
	assert_false(f->fm.present);
	assert_int_equal(f->diags.count, 0);
}

static void frontmatter_handles_crlf(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "---\r\ntitle: A\r\ndate: 2020\r\n---\r\nbody\r\n");
	assert_non_null(meta);
	assert_int_equal(json_integer_value(json_object_get(meta, "date")), 2020);
	assert_string_equal(json_string_value(json_object_get(meta, "title")), "A");
	assert_body(f, "body\r\n", 5);
	unsigned l, c;
	folio_yaml_position(f->fm.meta, "/date", &l, &c);
	assert_int_equal(l, 3);
	assert_int_equal(c, 7);
}

static void frontmatter_skips_bom(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "\xEF\xBB\xBF---\ntitle: A\n---\nbody");
	assert_non_null(meta);
	assert_body(f, "body", 4);
	teardown(state);
	setup(state);
	f = *state;
	assert_null(split(f, "\xEF\xBB\xBF# no meta\n"));
	assert_body(f, "# no meta\n", 1);
}

static void frontmatter_file_may_be_only_front_matter(void **state)
{
	fixture *f = *state;
	assert_non_null(split(f, "---\ntitle: A\n---"));
	assert_body(f, "", 4);
	assert_int_equal(f->diags.count, 0);
}

static void frontmatter_allows_trailing_blanks_and_dots(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "--- \t\ntitle: A\n...  \nbody\n");
	assert_non_null(meta);
	assert_string_equal(json_string_value(json_object_get(meta, "title")), "A");
	assert_body(f, "body\n", 4);
}

static void frontmatter_empty_block_gives_empty_object(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "---\n---\nbody\n");
	assert_true(json_is_object(meta));
	assert_int_equal(json_object_size(meta), 0);
	assert_body(f, "body\n", 3);
}

static void frontmatter_unterminated_is_reported_at_line_1(void **state)
{
	fixture *f = *state;
	assert_null(split(f, "---\ntitle: A\n\n# Body\n"));
	assert_true(f->fm.present);
	assert_only_diag(f, 1, "front matter opened at line 1 is not closed by a \"---\" line");
	assert_int_equal(f->fm.body_len, 0);
}

static void frontmatter_syntax_error_has_file_line(void **state)
{
	fixture *f = *state;
	assert_null(split(f, "---\ntitle: A\nfoo\nbar: 1\n---\nbody\n"));
	assert_true(f->fm.present);
	assert_only_diag(f, 4, "could not find expected ':' while scanning a simple key");
	assert_body(f, "body\n", 6);
}

/* A key given twice: the last value, and a finding of its own rule at the
 * second key (front-matter/duplicate-key; the site's rules: say how grave). */
static void frontmatter_duplicate_key_has_file_line(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "---\ntitle: A\nyear: 1\ntitle: B\n---\n");
	assert_non_null(meta);
	assert_string_equal(json_string_value(json_object_get(meta, "title")), "B");
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_FRONT_MATTER_DUPLICATE_KEY);
	assert_int_equal(f->diags.items[0].line, 4);
	assert_int_equal(f->diags.items[0].column, 1);
	assert_string_equal(f->diags.items[0].message, "key \"title\" is given twice: the last value is read");
}

static void frontmatter_must_be_a_mapping(void **state)
{
	fixture *f = *state;
	assert_null(split(f, "---\n- a\n- b\n---\nbody\n"));
	assert_true(f->fm.present);
	assert_only_diag(f, 2, "front matter must be a mapping of fields");
	teardown(state);
	setup(state);
	f = *state;
	assert_null(split(f, "---\njust text\n---\n"));
	assert_only_diag(f, 2, "front matter must be a mapping of fields");
}

static void frontmatter_refuses_alias_bomb(void **state)
{
	fixture *f = *state;
	assert_null(split(f,
		"---\n"
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"---\n"));
	assert_only_diag(f, 6, "too many nodes (alias expansion?)");
}

/* "+++" fences TOML (as Hugo does), with file positions from line 2. */
static void frontmatter_plus_fences_select_toml(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "+++\r\ntitle = \"A talk\"\r\ndate = 2024-05-01\r\n"
	                        "tags = [\"a\"]\r\n+++  \r\n# Hi\r\n");
	assert_true(f->fm.present);
	assert_non_null(meta);
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(json_string_value(json_object_get(meta, "title")), "A talk");
	assert_string_equal(json_string_value(json_object_get(meta, "date")), "2024-05-01");
	unsigned line, col;
	folio_yaml_position(f->fm.meta, "/date", &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 8);
	assert_body(f, "# Hi\r\n", 6);
}

static void frontmatter_toml_syntax_error_has_file_line(void **state)
{
	fixture *f = *state;
	assert_null(split(f, "+++\ntitle = \"A\"\ndate = 2024-13-01\n+++\nbody\n"));
	assert_true(f->fm.present);
	assert_only_diag(f, 3, "invalid date or time \"2024-13-01\"");
	assert_int_equal(f->diags.items[0].column, 8);
	assert_body(f, "body\n", 5);
}

static void frontmatter_toml_is_closed_by_plus_only(void **state)
{
	fixture *f = *state;
	/* a "---" line inside TOML is no fence: the block is never closed */
	assert_null(split(f, "+++\ntitle = \"A\"\n---\nbody\n"));
	assert_only_diag(f, 1, "front matter opened at line 1 is not closed by a \"+++\" line");
}

/* hugo_fences: the first line starting with the fence closes the block, the
 * rest of it is the body's first text, as Hugo's page parser reads it;
 * a whole "---" line still closes it, and without the flag nothing changes. */
static void frontmatter_hugo_fences_close_at_a_prefix(void **state)
{
	fixture *f = *state;
	const char *text = "---\ntitle: A\n---6--\n---\nText.\n";
	assert_folio_ok(folio_frontmatter_parse_flags(&f->fm, text, strlen(text), "events/x.md", SIZE_MAX,
	                                              FOLIO_FRONTMATTER_HUGO_FENCES, &f->diags));
	assert_int_equal(f->diags.count, 0);
	assert_non_null(f->fm.meta);
	assert_string_equal(json_string_value(json_object_get(folio_yaml_root(f->fm.meta), "title")), "A");
	assert_true(f->fm.closed_by_prefix);
	assert_body(f, "6--\n---\nText.\n", 3);
	folio_frontmatter_dispose(&f->fm);
	const char *plain = "---\ntitle: B\n---\nBody.\n";
	assert_folio_ok(folio_frontmatter_parse_flags(&f->fm, plain, strlen(plain), "events/x.md", SIZE_MAX,
	                                              FOLIO_FRONTMATTER_HUGO_FENCES, &f->diags));
	assert_false(f->fm.closed_by_prefix);
	assert_body(f, "Body.\n", 4);
	folio_frontmatter_dispose(&f->fm);
	assert_null(split(f, text)); /* "---6--" is YAML then: not a mapping's line */
	assert_false(f->fm.closed_by_prefix);
}

/* Hugo's JSON front matter: an object at the top, its positions the file's. */
static void frontmatter_brace_selects_json(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "{\n  \"title\": \"A {talk}\",\n  \"tags\": [\"a\", \"}\"],\n"
	                        "  \"date\":\"2024-05-01\"\n}\n\n# Hi\n");
	assert_true(f->fm.present);
	assert_non_null(meta);
	assert_int_equal(f->diags.count, 0);
	assert_string_equal(json_string_value(json_object_get(meta, "title")), "A {talk}");
	assert_string_equal(json_string_value(json_array_get(json_object_get(meta, "tags"), 1)), "}");
	unsigned line, col;
	folio_yaml_position(f->fm.meta, "/date", &line, &col);
	assert_int_equal(line, 4);
	assert_body(f, "\n# Hi\n", 6);
}

/* A shortcode or Liquid at the top is no JSON; an object never closed is said. */
static void frontmatter_json_only_for_an_object(void **state)
{
	fixture *f = *state;
	assert_null(split(f, "{{< figure src=\"a.png\" >}}\ntext\n"));
	assert_false(f->fm.present);
	assert_int_equal(f->diags.count, 0);
	folio_frontmatter_dispose(&f->fm);
	assert_null(split(f, "{\"title\": \"A\",\n\"x\": [1, 2\n"));
	assert_true(f->fm.present);
	assert_only_diag(f, 1, "JSON front matter opened at line 1 is not closed");
	assert_int_equal(f->fm.body_len, 0);
}

/* Key-case policy: two keys differing only in case are a finding at the later key. */
static void frontmatter_reports_keys_differing_only_in_case(void **state)
{
	fixture *f = *state;
	json_t *meta = split(f, "---\npublishDate: 2024-05-01\ntitle: A\npublishdate: 2024-05-02\n---\n");
	assert_non_null(meta); /* the page keeps its fields; the finding says what to fix */
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].rule, FOLIO_RULE_FRONT_MATTER_KEY_CASE);
	assert_int_equal(f->diags.items[0].line, 4);
	assert_int_equal(f->diags.items[0].column, 1);
	assert_string_equal(f->diags.items[0].message,
	                    "key \"publishdate\" differs only in case from \"publishDate\"");
	teardown(state);
	setup(state);
	f = *state;
	assert_non_null(split(f, "+++\nTitle = \"A\"\n[params]\ntitle = \"B\"\n+++\n"));
	assert_int_equal(f->diags.count, 0); /* different mappings: no clash */
	teardown(state);
	setup(state);
	f = *state;
	assert_non_null(split(f, "+++\nTitle = \"A\"\n  title = \"B\"\n+++\n"));
	assert_int_equal(f->diags.count, 1);
	assert_int_equal(f->diags.items[0].line, 3);
	assert_int_equal(f->diags.items[0].column, 3);
	teardown(state);
	setup(state);
	f = *state;
	/* quoted keys may hold newlines: the message stays one line */
	assert_non_null(split(f, "+++\n\"A\\nB\" = 1\n\"a\\nb\" = 2\n+++\n"));
	assert_int_equal(f->diags.count, 1);
	assert_null(strchr(f->diags.items[0].message, '\n'));
	assert_string_equal(f->diags.items[0].message, "key \"a\\nb\" differs only in case from \"A\\nB\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(frontmatter_splits_meta_and_body),
		T(frontmatter_absent_leaves_whole_body),
		T(frontmatter_may_follow_blank_lines),
		T(frontmatter_handles_crlf),
		T(frontmatter_skips_bom),
		T(frontmatter_file_may_be_only_front_matter),
		T(frontmatter_allows_trailing_blanks_and_dots),
		T(frontmatter_empty_block_gives_empty_object),
		T(frontmatter_unterminated_is_reported_at_line_1),
		T(frontmatter_syntax_error_has_file_line),
		T(frontmatter_duplicate_key_has_file_line),
		T(frontmatter_must_be_a_mapping),
		T(frontmatter_refuses_alias_bomb),
		T(frontmatter_plus_fences_select_toml),
		T(frontmatter_toml_syntax_error_has_file_line),
		T(frontmatter_toml_is_closed_by_plus_only),
		T(frontmatter_hugo_fences_close_at_a_prefix),
		T(frontmatter_reports_keys_differing_only_in_case),
		T(frontmatter_brace_selects_json),
		T(frontmatter_json_only_for_an_object),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
