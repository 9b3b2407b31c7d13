/*
 * A JSON Schema (draft 2020-12) validator over jansson for a documented
 * subset (docs/schema.md): type, properties, patternProperties, required,
 * additionalProperties, items, prefixItems, enum, const, pattern,
 * minLength, maxLength, minimum, maximum, exclusiveMinimum,
 * exclusiveMaximum, multipleOf, minItems, maxItems, uniqueItems, allOf, anyOf, oneOf,
 * not, $ref to "#", "#/$defs/..." and other local JSON pointers, $defs,
 * format (date, date-time, time, uri, email, isbn, ean13), and folio's own
 * "x-folio-ref": "<collection>" (the string, or each string of an array,
 * must be the slug of an existing record of that collection).
 *
 *     folio_schema *s = NULL;
 *     folio_schema_compile(&s, schema_json, "schemas/books.json", &diags);
 *     folio_schema_findings f;
 *     folio_schema_findings_init(&f);
 *     folio_schema_validate(&f, s, instance, &opts);
 *     for (size_t i = 0; i < f.count; i++)
 *         printf("%s: %s [%s]\n", f.items[i].pointer, f.items[i].message,
 *                folio_rule_name(f.items[i].rule));
 *     folio_schema_findings_dispose(&f);
 *     folio_schema_free(s);
 *
 * Keywords outside the subset are ignored as annotations (as the
 * specification says of unknown keywords), except that a remote $ref, an
 * anchor $ref and an $id below the root are compile errors. Regular
 * expressions are ECMA-262, matched by PCRE2 in UTF mode under work
 * budgets (folio_schema_options); documented in docs/schema.md.
 * Compiled schemas are immutable and may be used by several threads.
 */
#ifndef FOLIO_SCHEMA_H
#define FOLIO_SCHEMA_H

#include <jansson.h>

#include "diag.h"

typedef struct folio_schema folio_schema;

typedef struct {
	char *pointer;   /* JSON pointer of the offending value in the instance ("" = root) */
	folio_rule rule; /* FOLIO_RULE_FRONT_MATTER_REQUIRED, _TYPE, _FORMAT,
	                    _UNKNOWN_FIELD, _SCHEMA, FOLIO_RULE_REF_MISSING, or an
	                    ISBN rule for format isbn/ean13 */
	char *message;   /* one line, e.g. "field \"date\" is required" */
	char *hint;      /* or NULL */
} folio_schema_finding;

typedef struct {
	folio_schema_finding *items;
	size_t count, alloc;
} folio_schema_findings;

typedef struct {
	/* Return true when collection holds a record with slug; NULL: every ref exists. */
	bool (*ref_exists)(const char *collection, const char *slug, void *payload);
	void *payload;
	/* When false, formats are annotations only (the test suite's default). */
	bool assert_formats;
	/* Budgets of one pattern match (PCRE2's match, depth and heap limits;
	 * 0: the defaults below). A match that passes one is a
	 * FOLIO_RULE_BUDGET_REGEX finding. */
	size_t regex_match_limit, regex_depth_limit, regex_heap_kib;
	/* Keys of the instance's top level that are never unknown fields, even
	 * under additionalProperties: false: folio's own keys, by family
	 * (folio_schedule_key_kind: 0 for other keys, else one number per key
	 * whatever its spelling); NULL: none. When the schema names a spelling
	 * of a family (a property publishDate), that spelling validates it and
	 * the others stay unknown fields (the key-case policy). */
	int (*key_kind)(const char *key, size_t len);
	/* The check's total over all its validations (schema-work), shared by
	 * threads: work (steps, FOLIO_SCHEMA_REGEX_PER_STEP PCRE2 steps making
	 * one) is handed over in batches, and at the end of the validation;
	 * returning false stops the walk with a FOLIO_RULE_BUDGET_SCHEMA
	 * finding. NULL: no total. Called with payload. */
	bool (*charge)(unsigned long long work, void *payload);
} folio_schema_options;

#define FOLIO_SCHEMA_REGEX_MATCH_LIMIT 1000000
#define FOLIO_SCHEMA_REGEX_DEPTH_LIMIT 10000
#define FOLIO_SCHEMA_REGEX_HEAP_KIB 20480

#define FOLIO_SCHEMA_REGEX_PER_STEP 10

#define FOLIO_SCHEMA_OPTIONS_INIT { NULL, NULL, true, 0, 0, 0, NULL, NULL }

/*
 * Compile a schema (a JSON object or boolean). path names it in findings.
 * A schema that cannot be used appends FOLIO_RULE_SCHEMA_INVALID and
 * returns FOLIO_EINVALID with *out NULL. Caller frees with folio_schema_free().
 */
int folio_schema_compile(folio_schema **out, const json_t *schema, const char *path,
                         folio_diags *diags);
void folio_schema_free(folio_schema *schema);

/*
 * Validate instance; appends findings to out in a deterministic order.
 * Returns 0 (even when invalid). opts may be NULL (FOLIO_SCHEMA_OPTIONS_INIT).
 */
int folio_schema_validate(folio_schema_findings *out, const folio_schema *schema,
                          const json_t *instance, const folio_schema_options *opts);

/*
 * Every subschema carrying x-folio-ref, each once, in schema order: pointer
 * is its location in the schema document ("/properties/authors/items").
 */
void folio_schema_foreach_ref(const folio_schema *schema,
                              void (*cb)(const char *pointer, const char *collection, void *payload),
                              void *payload);

/*
 * Every field the schema names for an object at its root: the root's
 * "properties", and those of the schemas its "$ref", "allOf", "anyOf" and
 * "oneOf" lead to (the fields a page may have), each name once, in schema
 * order. Returns how many were named (0: the schema names no field).
 */
size_t folio_schema_foreach_field(const folio_schema *schema,
                                  void (*cb)(const char *name, void *payload), void *payload);

void folio_schema_findings_init(folio_schema_findings *f);
/* Free every finding and the array; f is left empty and reusable. */
void folio_schema_findings_dispose(folio_schema_findings *f);

#endif
