/*
 * Conformance: runs every case of the JSON-Schema-Test-Suite files of the
 * keywords folio supports (testdata/json-schema-test-suite/draft2020-12)
 * through folio_schema_compile and folio_schema_validate. Formats are
 * annotations for the main files and assertions for optional/format.
 *
 * A case either passes or is listed below with its reason. The list is
 * checked both ways: a listed case that passes, or a listed group whose
 * schema compiles, is a failure too, so the list cannot rot. A missing
 * file fails the run.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "folio/folio.h"

static const char *const main_files[] = {
	"type", "properties", "patternProperties", "required", "additionalProperties", "items", "prefixItems",
	"enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
	"exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
	"allOf", "anyOf", "oneOf", "not", "ref", "defs", "boolean_schema",
	"infinite-loop-detection",
};

static const char *const format_files[] = {
	"optional/format/date", "optional/format/date-time", "optional/format/time",
	"optional/format/uri", "optional/format/email",
};

/* test NULL: the whole group, whose schema must then fail to compile. */
typedef struct {
	const char *file, *group, *test, *reason;
	bool used;
} skip;

#define UNEVALUATED "unevaluatedProperties is outside the subset, so ignored"
#define EMBEDDED_ID "embedded $id (a second base URI) is refused at compile time"
#define REMOTE "remote $ref is refused at compile time"

static skip skips[] = {
	{ "not", "collect annotations inside a 'not', even if collection is disabled",
	  "unevaluated property", UNEVALUATED, false },
	{ "ref", "ref creates new scope when adjacent to keywords",
	  "referenced subschema doesn't see annotations from properties", UNEVALUATED, false },
	{ "ref", "remote ref, containing refs itself", NULL, REMOTE " (the metaschema)", false },
	{ "defs", "validate definition against metaschema", NULL, REMOTE " (the metaschema)", false },
	{ "ref", "Recursive references between schemas", NULL, EMBEDDED_ID, false },
	{ "ref", "refs with relative uris and defs", NULL, EMBEDDED_ID, false },
	{ "ref", "relative refs with absolute uris and defs", NULL, EMBEDDED_ID, false },
	{ "ref", "$id must be resolved against nearest parent, not just immediate parent", NULL,
	  EMBEDDED_ID, false },
	{ "ref", "order of evaluation: $id and $ref", NULL, EMBEDDED_ID, false },
	{ "ref", "order of evaluation: $id and $anchor and $ref", NULL,
	  EMBEDDED_ID "; $anchor refs are refused", false },
	{ "ref", "order of evaluation: $id and $ref on nested schema", NULL, EMBEDDED_ID, false },
	{ "ref", "URN base URI with URN and anchor ref", NULL, "$anchor refs are refused", false },
	{ "ref", "URN ref with nested pointer ref", NULL, EMBEDDED_ID, false },
	{ "ref", "ref to if", NULL, EMBEDDED_ID, false },
	{ "ref", "ref to then", NULL, EMBEDDED_ID, false },
	{ "ref", "ref to else", NULL, EMBEDDED_ID, false },
	{ "ref", "ref with absolute-path-reference", NULL, EMBEDDED_ID, false },
	{ NULL, NULL, NULL, NULL, false },
};

typedef struct {
	int passed, failed, skipped;
} counts;

static skip *find_skip(const char *file, const char *group, const char *test)
{
	for (skip *s = skips; s->file; s++) {
		if (strcmp(s->file, file) || strcmp(s->group, group))
			continue;
		if ((!s->test && !test) || (s->test && test && !strcmp(s->test, test)))
			return s;
	}
	return NULL;
}

static void print_findings(const folio_schema_findings *f)
{
	for (size_t i = 0; i < f->count; i++)
		fprintf(stderr, "    %s: %s [%s]\n", f->items[i].pointer, f->items[i].message,
		        folio_rule_name(f->items[i].rule));
}

static void run_case(counts *c, const char *file, const char *group, const folio_schema *schema,
                     const json_t *test, bool assert_formats)
{
	const char *desc = json_string_value(json_object_get(test, "description"));
	bool expect = json_is_true(json_object_get(test, "valid"));
	folio_schema_options opts = FOLIO_SCHEMA_OPTIONS_INIT;
	folio_schema_findings f;
	opts.assert_formats = assert_formats;
	folio_schema_findings_init(&f);
	folio_schema_validate(&f, schema, json_object_get(test, "data"), &opts);
	bool got = f.count == 0;
	skip *s = find_skip(file, group, desc);
	if (s) {
		s->used = true;
		if (got == expect) {
			fprintf(stderr, "STALE SKIP %s / %s / %s: the case passes now\n", file, group, desc);
			c->failed++;
		} else {
			c->skipped++;
		}
	} else if (got == expect) {
		c->passed++;
	} else {
		fprintf(stderr, "FAIL %s / %s / %s: expected %s\n", file, group, desc,
		        expect ? "valid" : "invalid");
		print_findings(&f);
		c->failed++;
	}
	folio_schema_findings_dispose(&f);
}

static void run_group(counts *c, const char *file, const json_t *group, bool assert_formats)
{
	const char *desc = json_string_value(json_object_get(group, "description"));
	const json_t *tests = json_object_get(group, "tests");
	folio_schema *schema = NULL;
	folio_diags diags;
	folio_diags_init(&diags);
	int rc = folio_schema_compile(&schema, json_object_get(group, "schema"), file, &diags);
	skip *s = find_skip(file, desc, NULL);
	if (s) {
		s->used = true;
		if (rc == 0) {
			fprintf(stderr, "STALE SKIP %s / %s: the schema compiles now\n", file, desc);
			c->failed++;
		}
		c->skipped += (int)json_array_size(tests);
	} else if (rc < 0) {
		fprintf(stderr, "FAIL %s / %s: the schema does not compile\n", file, desc);
		folio_diags_print_text(stderr, &diags);
		c->failed += (int)json_array_size(tests);
	} else {
		for (size_t i = 0; i < json_array_size(tests); i++)
			run_case(c, file, desc, schema, json_array_get(tests, i), assert_formats);
	}
	folio_schema_free(schema);
	folio_diags_dispose(&diags);
}

static void run_file(counts *c, const char *file, bool assert_formats)
{
	char path[4096];
	json_error_t err;
	snprintf(path, sizeof(path), "%s/json-schema-test-suite/draft2020-12/%s.json", FOLIO_TESTDATA, file);
	json_t *groups = json_load_file(path, JSON_ALLOW_NUL, &err);
	if (!json_is_array(groups)) {
		fprintf(stderr, "FAIL %s: cannot load: %s\n", path, err.text);
		c->failed++;
		json_decref(groups);
		return;
	}
	for (size_t i = 0; i < json_array_size(groups); i++)
		run_group(c, file, json_array_get(groups, i), assert_formats);
	json_decref(groups);
}

int main(void)
{
	counts c = { 0, 0, 0 };
	for (size_t i = 0; i < sizeof(main_files) / sizeof(main_files[0]); i++)
		run_file(&c, main_files[i], false);
	for (size_t i = 0; i < sizeof(format_files) / sizeof(format_files[0]); i++)
		run_file(&c, format_files[i], true);
	for (skip *s = skips; s->file; s++) {
		printf("skipped %s / %s / %s: %s\n", s->file, s->group, s->test ? s->test : "(every case)",
		       s->reason);
		if (!s->used) {
			fprintf(stderr, "STALE SKIP %s / %s / %s: no such case\n", s->file, s->group,
			        s->test ? s->test : "(group)");
			c.failed++;
		}
	}
	printf("json-schema-test-suite: %d passed, %d failed, %d skipped\n", c.passed, c.failed,
	       c.skipped);
	return c.failed ? 1 : 0;
}
