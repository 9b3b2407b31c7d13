/*
 * schema_check SCHEMA INSTANCE...: validate each JSON file INSTANCE against
 * SCHEMA with folio's own validator (formats asserted), print every finding
 * as "INSTANCE: POINTER: message [rule]", exit 1 when any. Lets the e2e
 * tests check a document the daemon serves (/status against
 * docs/status.schema.json) with the code folio validates front matter with.
 */
#include <jansson.h>
#include <stdio.h>

#include "folio/folio.h"

static json_t *load(const char *path)
{
	json_error_t err;
	json_t *j = json_load_file(path, JSON_DECODE_ANY, &err);
	if (!j)
		fprintf(stderr, "%s:%d: cannot read JSON: %s\n", path, err.line, err.text);
	return j;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: schema_check SCHEMA INSTANCE...\n");
		return 2;
	}
	json_t *doc = load(argv[1]);
	folio_diags diags;
	folio_schema *schema = NULL;
	folio_diags_init(&diags);
	if (!doc || folio_schema_compile(&schema, doc, argv[1], &diags) < 0) {
		for (size_t i = 0; i < diags.count; i++)
			fprintf(stderr, "%s: %s\n", argv[1], diags.items[i].message);
		folio_diags_dispose(&diags);
		json_decref(doc);
		return 2;
	}
	folio_schema_options opts = FOLIO_SCHEMA_OPTIONS_INIT;
	opts.assert_formats = true;
	int bad = 0;
	for (int i = 2; i < argc; i++) {
		json_t *instance = load(argv[i]);
		folio_schema_findings f;
		if (!instance) {
			bad = 1;
			continue;
		}
		folio_schema_findings_init(&f);
		folio_schema_validate(&f, schema, instance, &opts);
		for (size_t k = 0; k < f.count; k++)
			printf("%s: %s: %s [%s]\n", argv[i], *f.items[k].pointer ? f.items[k].pointer : "/",
			       f.items[k].message, folio_rule_name(f.items[k].rule));
		bad |= f.count > 0;
		folio_schema_findings_dispose(&f);
		json_decref(instance);
	}
	folio_schema_free(schema);
	folio_diags_dispose(&diags);
	json_decref(doc);
	return bad;
}
