#include "helpers.h"

#include <stdlib.h>
#include <string.h>

/* A books collection much like a real site's schemas/books.json. */
static const char *books_schema =
	"{"
	" \"type\": \"object\","
	" \"required\": [\"title\", \"date\", \"authors\"],"
	" \"additionalProperties\": false,"
	" \"$defs\": {\"slug\": {\"type\": \"string\", \"pattern\": \"^[a-z0-9-]+$\"}},"
	" \"properties\": {"
	"  \"title\": {\"type\": \"string\", \"minLength\": 1, \"maxLength\": 5000},"
	"  \"date\": {\"type\": \"string\", \"format\": \"date\"},"
	"  \"pages\": {\"type\": \"integer\", \"minimum\": 1},"
	"  \"status\": {\"enum\": [\"draft\", \"published\"]},"
	"  \"isbn\": {\"type\": \"string\", \"format\": \"isbn\"},"
	"  \"authors\": {\"type\": \"array\", \"minItems\": 1,"
	"               \"items\": {\"$ref\": \"#/$defs/slug\", \"x-folio-ref\": \"people\"}},"
	"  \"publisher\": {\"$ref\": \"#/$defs/slug\", \"x-folio-ref\": \"organizations\"},"
	"  \"series\": {\"anyOf\": [{\"type\": \"string\"},"
	"                         {\"type\": \"array\", \"items\": {\"type\": \"string\"}}]},"
	"  \"translator\": {\"type\": \"object\", \"required\": [\"name\"],"
	"                   \"properties\": {\"name\": {\"type\": \"string\"}}}"
	" }"
	"}";

typedef struct {
	folio_schema *schema;
	folio_schema_findings f;
	folio_schema_options opts;
	int lookups;
} fixture;

/* Records that exist: people/jane-doe and organizations/harmattan. */
static bool record_exists(const char *collection, const char *slug, void *payload)
{
	fixture *fx = payload;
	fx->lookups++;
	return (!strcmp(collection, "people") && !strcmp(slug, "jane-doe")) ||
	       (!strcmp(collection, "organizations") && !strcmp(slug, "harmattan"));
}

static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &err);
	if (!j)
		fail_msg("bad JSON in test: %s: %s", err.text, text);
	return j;
}

static folio_schema *compile_text(const char *text)
{
	json_t *j = parse(text);
	folio_schema *s = NULL;
	folio_diags d;
	folio_diags_init(&d);
	if (folio_schema_compile(&s, j, "schemas/test.json", &d) < 0) {
		test_print_diags(&d);
		fail_msg("schema does not compile: %s", text);
	}
	folio_diags_dispose(&d);
	json_decref(j);
	return s;
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	fx->schema = compile_text(books_schema);
	folio_schema_findings_init(&fx->f);
	fx->opts = (folio_schema_options)FOLIO_SCHEMA_OPTIONS_INIT;
	fx->opts.ref_exists = record_exists;
	fx->opts.payload = fx;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	folio_schema_findings_dispose(&fx->f);
	folio_schema_free(fx->schema);
	free(fx);
	return 0;
}

/* Validate a book whose fields are given as JSON members after the valid base. */
static void check(fixture *fx, const char *instance)
{
	json_t *j = parse(instance);
	folio_schema_findings_dispose(&fx->f);
	assert_folio_ok(folio_schema_validate(&fx->f, fx->schema, j, &fx->opts));
	json_decref(j);
}

static void print_findings(const folio_schema_findings *f)
{
	for (size_t i = 0; i < f->count; i++)
		fprintf(stderr, "  %s: %s [%s] hint=%s\n", f->items[i].pointer, f->items[i].message,
		        folio_rule_name(f->items[i].rule), f->items[i].hint ? f->items[i].hint : "(none)");
}

/* The one finding, asserted to be alone. */
static const folio_schema_finding *only(const fixture *fx)
{
	if (fx->f.count != 1) {
		print_findings(&fx->f);
		fail_msg("expected 1 finding, got %zu", fx->f.count);
	}
	return &fx->f.items[0];
}

#define BASE "\"title\": \"L'Afrique\", \"date\": \"2024-05-17\", \"authors\": [\"jane-doe\"]"

static void schema_accepts_a_valid_book(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"pages\": 320, \"status\": \"draft\", \"publisher\": \"harmattan\","
	          " \"series\": [\"a\", \"b\"], \"translator\": {\"name\": \"Ann\"}}");
	if (fx->f.count)
		print_findings(&fx->f);
	assert_int_equal(fx->f.count, 0);
	assert_int_equal(fx->lookups, 2);
}

static void schema_reports_missing_required_field_at_the_object(void **state)
{
	fixture *fx = *state;
	check(fx, "{\"title\": \"x\", \"authors\": [\"jane-doe\"]}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_REQUIRED);
	assert_string_equal(f->pointer, "");
	assert_string_equal(f->message, "field \"date\" is required");
}

static void schema_names_nested_required_field_with_its_path(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"translator\": {}}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_REQUIRED);
	assert_string_equal(f->pointer, "/translator");
	assert_string_equal(f->message, "field \"translator.name\" is required");
}

static void schema_reports_wrong_type(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"pages\": \"320\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_TYPE);
	assert_string_equal(f->pointer, "/pages");
	assert_string_equal(f->message, "\"pages\" must be an integer, not a string");
}

static void schema_takes_whole_floats_as_integers(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"pages\": 320.0}");
	assert_int_equal(fx->f.count, 0);
	check(fx, "{" BASE ", \"pages\": 320.5}");
	assert_string_equal(only(fx)->message, "\"pages\" must be an integer, not a number");
}

static void schema_reports_range_violation(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"pages\": 0}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_SCHEMA);
	assert_string_equal(f->message, "\"pages\" must be at least 1, not 0");
}

static void schema_reports_unknown_field_with_closest_name(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"titel\": \"x\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD);
	assert_string_equal(f->pointer, "/titel");
	assert_string_equal(f->message, "unknown field \"titel\"");
	assert_non_null(f->hint);
	assert_string_equal(f->hint, "did you mean \"title\"?");
}

/* folio's own keys (draft, publish_date: folio/schedule.h) are never unknown
 * at the top level when the caller says so; anywhere else they are. */
static void schema_allows_the_keys_folio_reads(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"draft\": true, \"publishDate\": \"2027-01-01\"}");
	assert_int_equal(fx->f.count, 2); /* without key_kind: both unknown */
	fx->opts.key_kind = folio_schedule_key_kind;
	check(fx, "{" BASE ", \"draft\": true, \"publishDate\": \"2027-01-01\", \"Expiry_Date\": null}");
	if (fx->f.count)
		print_findings(&fx->f);
	assert_int_equal(fx->f.count, 0);
	check(fx, "{" BASE ", \"dratf\": true}");
	assert_int_equal(only(fx)->rule, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD);

	/* a schema naming one spelling keeps it: the key-case policy holds */
	folio_schema_free(fx->schema);
	fx->schema = compile_text("{\"type\": \"object\", \"additionalProperties\": false,"
	                          " \"properties\": {\"publishDate\": {\"type\": \"string\"}}}");
	check(fx, "{\"publishDate\": \"2027-01-01\", \"draft\": false}");
	assert_int_equal(fx->f.count, 0);
	check(fx, "{\"publishdate\": \"2027-01-01\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD);
	assert_string_equal(f->hint, "did you mean \"publishDate\"?");
	check(fx, "{\"publishDate\": 5}");
	assert_int_equal(only(fx)->rule, FOLIO_RULE_FRONT_MATTER_TYPE);
}

/* Key-case policy (docs/front-matter.md): a key that is a property but for
 * case is named in the hint (suggestions compare without case). */
static void schema_hints_the_property_a_key_equals_but_for_case(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"TITLE\": \"x\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD);
	assert_string_equal(f->message, "unknown field \"TITLE\"");
	assert_non_null(f->hint);
	assert_string_equal(f->hint, "did you mean \"title\"?");
}

static void schema_gives_no_hint_for_a_field_unlike_any(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"colour\": \"red\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD);
	assert_null(f->hint);
}

static void schema_reports_enum_mismatch_with_suggestion(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"status\": \"publishd\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_SCHEMA);
	assert_string_equal(f->pointer, "/status");
	assert_string_equal(f->message, "\"status\" must be one of \"draft\", \"published\", not \"publishd\"");
	assert_string_equal(f->hint, "did you mean \"published\"?");
}

static void schema_checks_pattern_through_ref_to_defs(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"publisher\": \"L'Harmattan\"}");
	/* The pattern fails; the record lookup runs on the string too. */
	assert_int_equal(fx->f.count, 2);
	assert_int_equal(fx->f.items[0].rule, FOLIO_RULE_FRONT_MATTER_SCHEMA);
	assert_string_equal(fx->f.items[0].pointer, "/publisher");
	assert_string_equal(fx->f.items[0].message,
	                    "\"publisher\" does not match the pattern \"^[a-z0-9-]+$\"");
	assert_int_equal(fx->f.items[1].rule, FOLIO_RULE_REF_MISSING);
}

static void schema_reports_missing_record_per_array_item(void **state)
{
	fixture *fx = *state;
	check(fx, "{\"title\": \"x\", \"date\": \"2024-01-01\", \"authors\": [\"jane-doe\", \"john-roe\"]}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_REF_MISSING);
	assert_string_equal(f->pointer, "/authors/1");
	assert_string_equal(f->message, "\"john-roe\" is not a record of \"people\"");
}

static void schema_accepts_existing_record(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"publisher\": \"harmattan\"}");
	assert_int_equal(fx->f.count, 0);
	assert_int_equal(fx->lookups, 2); /* authors[0] and publisher */
}

static void schema_reports_impossible_date_as_format(void **state)
{
	fixture *fx = *state;
	check(fx, "{\"title\": \"x\", \"date\": \"2023-02-29\", \"authors\": [\"jane-doe\"]}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_FORMAT);
	assert_string_equal(f->pointer, "/date");
	assert_string_equal(f->message, "\"date\" is not a valid date: \"2023-02-29\"");
	fx->opts.assert_formats = false;
	check(fx, "{\"title\": \"x\", \"date\": \"2023-02-29\", \"authors\": [\"jane-doe\"]}");
	assert_int_equal(fx->f.count, 0);
}

static void schema_reports_isbn_with_the_isbn_module_rule(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"isbn\": \"978-2-296-01368-1\"}");
	assert_int_equal(fx->f.count, 0);
	check(fx, "{" BASE ", \"isbn\": \"978-2-296-01368-2\"}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_ISBN_CHECK_DIGIT);
	assert_string_equal(f->pointer, "/isbn");
	assert_string_equal(f->message, "ISBN check digit is 2, expected 1");
	check(fx, "{" BASE ", \"isbn\": \"978-22-96-01368-1\"}");
	f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_ISBN_HYPHENATION);
	assert_string_equal(f->hint, "write 978-2-296-01368-1");
}

static void schema_checks_ean13_with_the_isbn_module(void **state)
{
	(void)state;
	folio_schema *s = compile_text("{\"format\": \"ean13\"}");
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	json_t *good = json_string("9782296013681"), *bad = json_string("9782296013682");
	folio_schema_validate(&f, s, good, NULL);
	assert_int_equal(f.count, 0);
	folio_schema_validate(&f, s, bad, NULL);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.items[0].rule, FOLIO_RULE_ISBN_CHECK_DIGIT);
	json_decref(good);
	json_decref(bad);
	folio_schema_findings_dispose(&f);
	folio_schema_free(s);
}

/* How many findings v (taken) gets against schema; the first one's rule in *rule. */
static size_t findings_of(const char *schema, json_t *v, const folio_schema_options *o,
                          folio_rule *rule)
{
	folio_schema *sc = compile_text(schema);
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	folio_schema_validate(&f, sc, v, o); /* a budget's refusal is a finding too */
	size_t n = f.count;
	if (n && rule)
		*rule = f.items[0].rule;
	json_decref(v);
	folio_schema_findings_dispose(&f);
	folio_schema_free(sc);
	return n;
}

/* Findings of value (JSON text) against {"multipleOf": m} (JSON text). */
static size_t multiple_of_findings(const char *m, const char *value)
{
	char text[128];
	snprintf(text, sizeof(text), "{\"multipleOf\": %s}", m);
	return findings_of(text, parse(value), NULL, NULL);
}

/* Exact decimal arithmetic, no tolerance: the cases a 1e-9 tolerance got wrong. */
static void schema_multiple_of_is_exact(void **state)
{
	(void)state;
	static const struct {
		const char *multiple_of, *value;
		size_t findings;
	} cases[] = {
		{ "0.01", "5000000.001", 1 },
		{ "0.01", "5000000.01", 0 },
		{ "1e10", "1.0", 1 },
		{ "1e10", "1", 1 },
		{ "1e10", "2e10", 0 },
		{ "1e10", "20000000000", 0 },
		{ "0.1", "0.3", 0 }, /* 0.3 / 0.1 is 2.9999999999999996 in doubles */
		{ "0.0001", "0.0075", 0 },
		{ "1.5", "4.5", 0 },
		{ "1.5", "35", 1 },
		{ "0.123456789", "1e308", 1 },
		{ "1e-8", "12391239123", 0 },
		{ "2", "-4.0", 0 },
		{ "0.5", "0", 0 },
		{ "3", "1e-300", 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (multiple_of_findings(cases[i].multiple_of, cases[i].value) != cases[i].findings)
			fail_msg("%s against multipleOf %s: expected %zu findings", cases[i].value,
			         cases[i].multiple_of, cases[i].findings);
}

static void schema_reports_one_finding_when_no_alternative_matches(void **state)
{
	fixture *fx = *state;
	check(fx, "{" BASE ", \"series\": 5}");
	const folio_schema_finding *f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_TYPE);
	assert_string_equal(f->pointer, "/series");
	assert_string_equal(f->message, "\"series\" must be an array or a string, not an integer");
	/* Right type, wrong content: the findings of the closest branch. */
	check(fx, "{" BASE ", \"series\": [\"a\", 2]}");
	f = only(fx);
	assert_int_equal(f->rule, FOLIO_RULE_FRONT_MATTER_TYPE);
	assert_string_equal(f->pointer, "/series/1");
	assert_string_equal(f->message, "\"series[1]\" must be a string, not an integer");
}

static void schema_lists_findings_in_a_stable_order(void **state)
{
	fixture *fx = *state;
	const char *bad = "{\"pages\": \"x\", \"titel\": 1, \"status\": 3}";
	check(fx, bad);
	assert_int_equal(fx->f.count, 6);
	const char *expect[][2] = {
		{ "", "front-matter/required" },
		{ "", "front-matter/required" },
		{ "", "front-matter/required" },
		{ "/pages", "front-matter/type" },
		{ "/titel", "front-matter/unknown-field" },
		{ "/status", "front-matter/schema" },
	};
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(fx->f.items[i].pointer, expect[i][0]);
		assert_string_equal(folio_rule_name(fx->f.items[i].rule), expect[i][1]);
	}
	assert_string_equal(fx->f.items[0].message, "field \"title\" is required");
	assert_string_equal(fx->f.items[2].message, "field \"authors\" is required");
}

static void collect_ref(const char *pointer, const char *collection, void *payload)
{
	folio_buf_printf(payload, "%s=%s;", pointer, collection);
}

static void schema_foreach_ref_names_each_collection(void **state)
{
	fixture *fx = *state;
	folio_buf seen = FOLIO_BUF_INIT;
	folio_schema_foreach_ref(fx->schema, collect_ref, &seen);
	assert_string_equal(seen.ptr, "/properties/authors/items=people;/properties/publisher=organizations;");
	folio_buf_dispose(&seen);
}

/* Compile a schema expected to be refused; returns the first message. */
static char *refused(const char *text)
{
	json_t *j = parse(text);
	folio_schema *s = (folio_schema *)1;
	folio_diags d;
	folio_diags_init(&d);
	assert_int_equal(folio_schema_compile(&s, j, "schemas/bad.json", &d), FOLIO_EINVALID);
	assert_null(s);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].rule, FOLIO_RULE_SCHEMA_INVALID);
	assert_string_equal(d.items[0].path, "schemas/bad.json");
	char *msg = strdup(d.items[0].message);
	folio_diags_dispose(&d);
	json_decref(j);
	return msg;
}

static void schema_refuses_bad_pattern_remote_ref_and_ref_loop(void **state)
{
	(void)state;
	char *m = refused("{\"properties\": {\"a\": {\"pattern\": \"(x\"}}}");
	assert_string_equal(m, "\"pattern\" at \"#/properties/a\" cannot be compiled: "
	                       "missing closing parenthesis");
	free(m);
	m = refused("{\"$ref\": \"https://example.org/s.json\"}");
	assert_non_null(strstr(m, "remote reference"));
	free(m);
	m = refused("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"allOf\": [{\"$ref\": \"#/$defs/a\"}]}}}");
	assert_non_null(strstr(m, "loops back"));
	free(m);
	m = refused("{\"$ref\": \"#/$defs/missing\"}");
	assert_non_null(strstr(m, "names nothing"));
	free(m);
	/* a %XX escape is two hex digits: "%\tA" is none (strtol read it as
	 * "%0A", skipping the tab), so the pointer names nothing */
	m = refused("{\"$defs\": {\"a\\n\": {\"type\": \"string\"}}, \"$ref\": \"#/$defs/a%\\tA\"}");
	assert_non_null(strstr(m, "names nothing"));
	free(m);
	m = refused("{\"type\": \"text\"}");
	assert_string_equal(m, "\"type\" at \"#\" names an unknown type");
	free(m);
}

static void schema_translates_ecma_shorthands(void **state)
{
	(void)state;
	folio_schema *s = compile_text("{\"pattern\": \"^\\\\d{3}-\\\\w+\\\\s?[\\\\d.]*$\"}");
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	json_t *ok = json_string("123-ab_c 4.5"), *bad = json_string("12-abc");
	folio_schema_validate(&f, s, ok, NULL);
	assert_int_equal(f.count, 0);
	folio_schema_validate(&f, s, bad, NULL);
	assert_int_equal(f.count, 1);
	json_decref(ok);
	json_decref(bad);
	folio_schema_findings_dispose(&f);
	folio_schema_free(s);
}

/* 1 when s matches the one-pattern schema, 0 when not; findings' rule in *rule. */
static int matches(const char *schema, const char *s, const folio_schema_options *o,
                   folio_rule *rule)
{
	return findings_of(schema, json_string(s), o, rule) == 0;
}

static void schema_patterns_follow_ecma_262(void **state)
{
	(void)state;
	/* lookaround and backreferences work under PCRE2 */
	assert_true(matches("{\"pattern\": \"^(?=.*[0-9])[a-z0-9]+$\"}", "ab1", NULL, NULL));
	assert_false(matches("{\"pattern\": \"^(?=.*[0-9])[a-z0-9]+$\"}", "abc", NULL, NULL));
	assert_true(matches("{\"pattern\": \"^(a)\\\\1$\"}", "aa", NULL, NULL));
	/* "$" is the end, not before a final newline; "." is no line terminator */
	assert_false(matches("{\"pattern\": \"^abc$\"}", "abc\n", NULL, NULL));
	assert_false(matches("{\"pattern\": \"^a.c$\"}", "a\rc", NULL, NULL));
	assert_false(matches("{\"pattern\": \"^a.c$\"}", "a\xe2\x80\xa8" "c", NULL, NULL));
	assert_true(matches("{\"pattern\": \"^a.c$\"}", "a\xc3\xa9" "c", NULL, NULL));
	/* \\u escapes and long property names */
	assert_true(matches("{\"pattern\": \"^\\\\u00e9\\\\p{Letter}$\"}", "\xc3\xa9x", NULL, NULL));
	assert_true(matches("{\"pattern\": \"^[^]$\"}", "x", NULL, NULL));
}

static void schema_refuses_a_match_past_the_regex_budget(void **state)
{
	(void)state;
	/* glibc's regexec spent 60 s and 8.7 GB on this at 10 KB */
	folio_buf value = FOLIO_BUF_INIT;
	for (int i = 0; i < 10000; i++)
		folio_buf_putc(&value, 'a');
	folio_buf_putc(&value, 'b');
	const char *schema = "{\"pattern\": \"^(a{1,140}){1,140}$\"}";
	folio_rule rule = FOLIO_RULE_CONFIG_SYNTAX;
	assert_false(matches(schema, value.ptr, NULL, &rule));
	assert_int_equal(rule, FOLIO_RULE_BUDGET_REGEX);
	/* a lower match limit stops a smaller case; the default lets it through */
	folio_schema_options o = FOLIO_SCHEMA_OPTIONS_INIT;
	o.regex_match_limit = 50;
	rule = FOLIO_RULE_CONFIG_SYNTAX;
	assert_false(matches("{\"pattern\": \"^(a|aa)+$\"}", "aaaaaaaaaaaaaaaaaaaab", &o, &rule));
	assert_int_equal(rule, FOLIO_RULE_BUDGET_REGEX);
	rule = FOLIO_RULE_CONFIG_SYNTAX;
	assert_false(matches("{\"pattern\": \"^(a|aa)+$\"}", "aaaaaaaaaaaaaaaaaaaab", NULL, &rule));
	assert_int_equal(rule, FOLIO_RULE_FRONT_MATTER_SCHEMA);
	/* the finding names the value and the pattern */
	folio_schema *sc = compile_text("{\"properties\": {\"code\": {\"pattern\": \"^(a{1,140}){1,140}$\"}}}");
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	json_t *inst = json_pack("{s:s}", "code", value.ptr);
	folio_schema_validate(&f, sc, inst, NULL);
	assert_int_equal(f.count, 1);
	assert_string_equal(f.items[0].pointer, "/code");
	assert_non_null(strstr(f.items[0].message, "\"code\" takes too much work to match against the "
	                                           "pattern \"^(a{1,140}){1,140}$\" (10001 bytes; limits: "
	                                           "regex-match 1000000"));
	assert_non_null(f.items[0].hint);
	json_decref(inst);
	folio_schema_findings_dispose(&f);
	folio_schema_free(sc);
	folio_buf_dispose(&value);
}

static void schema_counts_code_points_not_bytes(void **state)
{
	(void)state;
	folio_schema *s = compile_text("{\"maxLength\": 3, \"pattern\": \"^.{3}$\"}");
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	json_t *three = json_string("\xc3\xa9t\xc3\xa9"); /* "été": 5 bytes */
	folio_schema_validate(&f, s, three, NULL);
	assert_int_equal(f.count, 0);
	json_decref(three);
	folio_schema_findings_dispose(&f);
	folio_schema_free(s);
}

static void schema_stops_on_nesting_deeper_than_the_limit(void **state)
{
	(void)state;
	folio_schema *s = compile_text("{\"items\": {\"$ref\": \"#\"}}");
	folio_buf deep = FOLIO_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		folio_buf_putc(&deep, '[');
	for (int i = 0; i < 1000; i++)
		folio_buf_putc(&deep, ']');
	json_t *j = parse(deep.ptr);
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	folio_schema_validate(&f, s, j, NULL);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.items[0].rule, FOLIO_RULE_FRONT_MATTER_SCHEMA);
	assert_non_null(strstr(f.items[0].message, "stopped"));
	json_decref(j);
	folio_buf_dispose(&deep);
	folio_schema_findings_dispose(&f);
	folio_schema_free(s);
}

static void schema_stops_exponential_evaluation(void **state)
{
	(void)state;
	folio_buf text = FOLIO_BUF_INIT;
	folio_buf_puts(&text, "{\"$ref\": \"#/$defs/a0\", \"$defs\": {");
	for (int i = 0; i < 40; i++)
		folio_buf_printf(&text, "\"a%d\": {\"allOf\": [{\"$ref\": \"#/$defs/a%d\"}, {\"$ref\": \"#/$defs/a%d\"}]},",
		                 i, i + 1, i + 1);
	folio_buf_puts(&text, "\"a40\": {\"type\": \"string\"}}}");
	folio_schema *s = compile_text(text.ptr);
	folio_schema_findings f;
	folio_schema_findings_init(&f);
	json_t *j = json_string("x");
	folio_schema_validate(&f, s, j, NULL);
	assert_int_equal(f.count, 1);
	assert_non_null(strstr(f.items[0].message, "too many steps"));
	json_decref(j);
	folio_buf_dispose(&text);
	folio_schema_findings_dispose(&f);
	folio_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(schema_accepts_a_valid_book, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_missing_required_field_at_the_object, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_names_nested_required_field_with_its_path, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_wrong_type, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_takes_whole_floats_as_integers, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_range_violation, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_unknown_field_with_closest_name, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_allows_the_keys_folio_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_hints_the_property_a_key_equals_but_for_case, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_gives_no_hint_for_a_field_unlike_any, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_enum_mismatch_with_suggestion, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_checks_pattern_through_ref_to_defs, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_missing_record_per_array_item, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_accepts_existing_record, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_impossible_date_as_format, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_isbn_with_the_isbn_module_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_reports_one_finding_when_no_alternative_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_lists_findings_in_a_stable_order, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_foreach_ref_names_each_collection, setup, teardown),
		cmocka_unit_test(schema_checks_ean13_with_the_isbn_module),
		cmocka_unit_test(schema_multiple_of_is_exact),
		cmocka_unit_test(schema_refuses_bad_pattern_remote_ref_and_ref_loop),
		cmocka_unit_test(schema_translates_ecma_shorthands),
		cmocka_unit_test(schema_patterns_follow_ecma_262),
		cmocka_unit_test(schema_refuses_a_match_past_the_regex_budget),
		cmocka_unit_test(schema_counts_code_points_not_bytes),
		cmocka_unit_test(schema_stops_on_nesting_deeper_than_the_limit),
		cmocka_unit_test(schema_stops_exponential_evaluation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
