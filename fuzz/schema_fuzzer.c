/*
 * Fuzz target for the schema module: the input is a schema JSON, a line
 * "---", then an instance JSON (without the separator the schema is
 * validated against itself). Compiles, validates with every option on,
 * and walks the x-folio-ref list; anything but a clean return is a bug.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "folio/folio.h"

static bool some_records_exist(const char *collection, const char *slug, void *payload)
{
	(void)payload;
	return (strlen(collection) + strlen(slug)) % 2 == 0;
}

static void count_ref(const char *pointer, const char *collection, void *payload)
{
	*(size_t *)payload += strlen(pointer) + strlen(collection);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n---\n";
	const char *text = (const char *)data;
	size_t schema_len = size, inst_off = 0;
	for (size_t i = 0; i + sizeof(sep) - 1 <= size; i++) {
		if (!memcmp(text + i, sep, sizeof(sep) - 1)) {
			schema_len = i;
			inst_off = i + sizeof(sep) - 1;
			break;
		}
	}
	json_t *schema = json_loadb(text, schema_len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (!schema)
		return 0;
	json_t *instance = inst_off ? json_loadb(text + inst_off, size - inst_off,
	                                         JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL)
	                            : json_incref(schema);
	folio_diags diags;
	folio_diags_init(&diags);
	folio_schema *s = NULL;
	if (instance && folio_schema_compile(&s, schema, "fuzz.json", &diags) == 0) {
		folio_schema_options opts = FOLIO_SCHEMA_OPTIONS_INIT;
		folio_schema_findings f;
		size_t refs = 0;
		opts.ref_exists = some_records_exist;
		folio_schema_findings_init(&f);
		folio_schema_validate(&f, s, instance, &opts);
		opts.assert_formats = false;
		folio_schema_validate(&f, s, instance, &opts);
		opts.regex_match_limit = 1000; /* a backtracking pattern stops early */
		opts.regex_depth_limit = 100;
		folio_schema_validate(&f, s, instance, &opts);
		folio_schema_foreach_ref(s, count_ref, &refs);
		folio_schema_findings_dispose(&f);
		folio_schema_free(s);
	}
	folio_diags_dispose(&diags);
	json_decref(instance);
	json_decref(schema);
	return 0;
}
