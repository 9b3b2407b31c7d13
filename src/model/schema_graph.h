/*
 * The schema module's compiled graph, shared by its files: schema.c compiles
 * it, schema_validate.c and schema_scalar.c run it, schema_value.c compares
 * and prints the JSON values it holds. The types keep their short names:
 * this header is included by model/schema*.c only.
 */
#ifndef FOLIO_SCHEMA_GRAPH_H
#define FOLIO_SCHEMA_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "folio/buf.h"
#include "folio/schema.h"
#include "schema.h"

/* Bits of a "type" keyword; integer is a number whose value is integral. */
enum {
	TYPE_NULL = 1 << 0,
	TYPE_BOOLEAN = 1 << 1,
	TYPE_OBJECT = 1 << 2,
	TYPE_ARRAY = 1 << 3,
	TYPE_NUMBER = 1 << 4,
	TYPE_STRING = 1 << 5,
	TYPE_INTEGER = 1 << 6,
	TYPE__COUNT = 7,
};
typedef enum {
	FORMAT_NONE,
	FORMAT_DATE,
	FORMAT_DATE_TIME,
	FORMAT_TIME,
	FORMAT_URI,
	FORMAT_EMAIL,
	FORMAT_ISBN,
	FORMAT_EAN13,
} format_kind;

/* A format the module checks itself: its name in a schema, and the hint of
 * its finding (ISBN and EAN-13 have no check here: model/isbn.c says). */
typedef struct {
	const char *name;
	format_kind kind;
	bool (*check)(const char *s, size_t n);
	const char *hint;
} folio_schema__format;

/* Every format the module knows (schema_format.c). */
extern const folio_schema__format folio_schema__formats[];
extern const size_t folio_schema__nformats;

typedef struct {
	bool set;
	bool is_int;
	json_int_t i;
	double d;
} number_bound;

typedef struct node node;

typedef struct {
	char *name;
	size_t len;
	node *schema;
} property;

typedef struct {
	node **items;
	size_t count;
} node_list;

typedef struct {
	pcre2_code *re; /* NULL when the pattern could not be compiled */
	char *pattern;
	node *schema;
} pattern_property;

struct node {
	char *where;        /* JSON pointer of this subschema in the schema document */
	const json_t *json; /* the source value, borrowed: meaningful while compiling only */
	bool is_bool;
	bool bool_value;
	unsigned types; /* TYPE_ mask; 0 when there is no "type" */
	property *props;
	size_t nprops;
	pattern_property *pattern_props;
	size_t npattern_props;
	char **required;
	size_t nrequired;
	node *additional; /* additionalProperties, or NULL */
	node *items;
	node_list prefix_items, all_of, any_of, one_of;
	node *not_schema;
	char *ref_text; /* "$ref" until resolved into ref */
	node *ref;
	json_t *enum_values; /* owned copies */
	json_t *const_value;
	char *pattern;
	pcre2_code *re; /* NULL without a usable pattern */
	long long min_length, max_length, min_items, max_items; /* -1: unset */
	number_bound minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;
	bool unique_items;
	format_kind format;
	char *ref_collection; /* x-folio-ref */
	char *about;          /* "title: description" (either alone), shown in hints; or NULL */
	int mark;             /* cycle check: 0 new, 1 on the path, 2 done */
};

struct folio_schema {
	node *root;
	node **nodes; /* owns every node */
	size_t count, alloc;
};

/* ---- JSON values (schema_value.c) ---- */

/* Append s quoted, with control characters escaped, cut after max bytes. */
void folio_schema__put_quoted(folio_buf *b, const char *s, size_t n, size_t max);
/* A number whose value is whole (3 and 3.0). */
bool folio_schema__is_integral(const json_t *x);
/* A number as a long double (integers above 2^64 lose digits). */
long double folio_schema__number_value(const json_t *x);
/* Numbers compare by value: 1 and 1.0 are equal. */
int folio_schema__number_cmp(const json_t *a, const json_t *b);
/* Deep equality as JSON Schema means it (1 == 1.0; key order ignored). */
bool folio_schema__json_same(const json_t *a, const json_t *b);
/* A number in the shortest form that reads back as the same value. */
void folio_schema__put_number(folio_buf *b, const json_t *x);
void folio_schema__put_bound(folio_buf *b, const number_bound *nb);
/* Compact JSON of a value for messages, or quoted string. */
void folio_schema__put_value(folio_buf *b, const json_t *x);
/* x against a bound: -1, 0 or 1. */
int folio_schema__bound_cmp(const json_t *x, const number_bound *b);
/* x is a multiple of m in exact decimal arithmetic (m > 0). */
bool folio_schema__is_multiple(const json_t *x, const number_bound *m);

#endif
