/*
 * Schema inference (folio/infer.h) over a JSON array of pages' front
 * matter. Invariants: no crash or sanitizer report; the inferred schema
 * compiles; every page of the sample passes it, which is what
 * `folio init --from` promises (the pages it read are not refused for
 * their own fields).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "folio/infer.h"
#include "folio/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *list = json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (!json_is_array(list) || json_array_size(list) > 512) {
		json_decref(list);
		return 0;
	}
	folio_infer *inf = folio_infer_new();
	size_t i;
	json_t *page;
	json_array_foreach(list, i, page)
		folio_infer_add(inf, page);
	json_t *schema = folio_infer_schema(inf, "fuzz");
	folio_diags d;
	folio_diags_init(&d);
	folio_schema *s = NULL;
	if (folio_schema_compile(&s, schema, "schemas/fuzz.json", &d) < 0 || !s) {
		fprintf(stderr, "inferred schema does not compile\n");
		abort();
	}
	json_array_foreach(list, i, page) {
		if (!json_is_object(page))
			continue;
		folio_schema_findings f;
		folio_schema_findings_init(&f);
		folio_schema_validate(&f, s, page, NULL);
		if (f.count) {
			fprintf(stderr, "page %zu fails its inferred schema: %s: %s\n", i,
			        f.items[0].pointer, f.items[0].message);
			abort();
		}
		folio_schema_findings_dispose(&f);
	}
	folio_schema_free(s);
	folio_diags_dispose(&d);
	json_decref(schema);
	folio_infer_free(inf);
	json_decref(list);
	return 0;
}
