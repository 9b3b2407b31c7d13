/*
 * JSON Schema (draft 2020-12 subset, docs/schema.md) compiled into a graph
 * of nodes, then run over jansson values to produce findings.
 *
 * Invariants: every node is owned by its folio_schema (the nodes array)
 * and never changes after compilation; $ref edges point at nodes resolved
 * at compile time; the graph of in-place applicators ($ref, allOf, anyOf,
 * oneOf, not) is acyclic (checked at compile time), so every cycle of the
 * schema descends into the instance and validation terminates. A depth
 * and a step budget bound the work on hostile input all the same.
 */
#include "folio/schema.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>

#include "folio/i18n.h"
#include "folio/isbn.h"
#include "schema.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/assert.h"
#include "util/banned.h"

/* Validation stops with a finding past these (hostile or looping schemas). */
#define DEPTH_LIMIT 512
#define STEP_LIMIT 2000000UL

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

static const char *const type_names[TYPE__COUNT] = {
	"null", "boolean", "object", "array", "number", "string", "integer",
};
static const char *const type_phrases[TYPE__COUNT] = {
	"null", FOLIO_N_("a boolean"), FOLIO_N_("an object"), FOLIO_N_("an array"),
	FOLIO_N_("a number"), FOLIO_N_("a string"), FOLIO_N_("an integer"),
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

static const struct {
	const char *name;
	format_kind kind;
	bool (*check)(const char *s, size_t n);
	const char *hint;
} formats[] = {
	{ "date", FORMAT_DATE, folio_schema__is_date, FOLIO_N_("write YYYY-MM-DD, e.g. 2024-05-17") },
	{ "date-time", FORMAT_DATE_TIME, folio_schema__is_date_time,
	  FOLIO_N_("write an RFC 3339 date-time, e.g. 2024-05-17T09:30:00Z") },
	{ "time", FORMAT_TIME, folio_schema__is_time, FOLIO_N_("write an RFC 3339 time, e.g. 09:30:00+02:00") },
	{ "uri", FORMAT_URI, folio_schema__is_uri,
	  FOLIO_N_("write an absolute URI with a scheme, e.g. https://example.org/") },
	{ "email", FORMAT_EMAIL, folio_schema__is_email, FOLIO_N_("write an address like jane@example.org") },
	{ "isbn", FORMAT_ISBN, NULL, NULL },
	{ "ean13", FORMAT_EAN13, NULL, NULL },
};

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

/* ---------------------------------------------------------------- */
/* Small helpers shared by compile and validate                     */
/* ---------------------------------------------------------------- */

static void put_pointer_segment(folio_buf *b, const char *s, size_t n)
{
	folio_json_pointer_append(b, s, n);
}

/* Append s quoted, with control characters escaped, cut after max bytes. */
static void put_quoted(folio_buf *b, const char *s, size_t n, size_t max)
{
	folio_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= max && (c & 0xC0) != 0x80) {
			folio_buf_puts(b, "...");
			break;
		}
		if (c == '"' || c == '\\')
			folio_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			folio_buf_puts(b, "\\n");
		else if (c == '\t')
			folio_buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			folio_buf_printf(b, "\\u%04x", c);
		else
			folio_buf_putc(b, (char)c);
	}
	folio_buf_putc(b, '"');
}

static bool is_integral(const json_t *x)
{
	if (json_is_integer(x))
		return true;
	if (!json_is_real(x))
		return false;
	double d = json_real_value(x);
	return isfinite(d) && floor(d) == d;
}

static long double number_value(const json_t *x)
{
	return json_is_integer(x) ? (long double)json_integer_value(x) : (long double)json_real_value(x);
}

/* Numbers compare by value: 1 and 1.0 are equal. */
static int number_cmp(const json_t *a, const json_t *b)
{
	if (json_is_integer(a) && json_is_integer(b)) {
		json_int_t x = json_integer_value(a), y = json_integer_value(b);
		return x < y ? -1 : x > y;
	}
	long double x = number_value(a), y = number_value(b);
	return x < y ? -1 : x > y;
}

/* Deep equality as JSON Schema means it (1 == 1.0; key order ignored). */
static bool json_same(const json_t *a, const json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return number_cmp(a, b) == 0;
	if (json_typeof(a) != json_typeof(b))
		return false;
	switch (json_typeof(a)) {
	case JSON_STRING:
		return json_string_length(a) == json_string_length(b) &&
		       !memcmp(json_string_value(a), json_string_value(b), json_string_length(a));
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!json_same(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	case JSON_OBJECT: {
		if (json_object_size(a) != json_object_size(b))
			return false;
		for (void *it = json_object_iter((json_t *)a); it; it = json_object_iter_next((json_t *)a, it)) {
			json_t *other = json_object_getn(b, json_object_iter_key(it),
			                                 json_object_iter_key_len(it));
			if (!other || !json_same(json_object_iter_value(it), other))
				return false;
		}
		return true;
	}
	default:
		return true; /* true, false, null: same type is same value */
	}
}

static void put_number(folio_buf *b, const json_t *x)
{
	if (json_is_integer(x)) {
		folio_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
		return;
	}
	double d = json_real_value(x);
	char tmp[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	folio_buf_puts(b, tmp);
}

static void put_bound(folio_buf *b, const number_bound *nb)
{
	if (nb->is_int) {
		folio_buf_printf(b, "%" JSON_INTEGER_FORMAT, nb->i);
	} else {
		json_t *r = json_real(nb->d);
		put_number(b, r);
		json_decref(r);
	}
}

/* Compact JSON of a value for messages, or quoted string. */
static void put_value(folio_buf *b, const json_t *x)
{
	if (json_is_string(x)) {
		put_quoted(b, json_string_value(x), json_string_length(x), 60);
		return;
	}
	if (json_is_number(x)) {
		put_number(b, x);
		return;
	}
	char *s = json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
	if (!s) {
		folio_buf_puts(b, "(value)");
		return;
	}
	size_t n = strlen(s);
	if (n > 60) {
		folio_buf_put(b, s, 57);
		folio_buf_puts(b, "...");
	} else {
		folio_buf_put(b, s, n);
	}
	free(s);
}


/* How far a name may be from a suggestion and still be a likely typo. */
static size_t typo_budget(size_t len)
{
	return len <= 3 ? 1 : len <= 6 ? 2 : 3;
}

/* ---------------------------------------------------------------- */
/* Compilation                                                      */
/* ---------------------------------------------------------------- */

typedef struct {
	folio_schema *s;
	const json_t *doc;
	const char *path;
	folio_diags *diags;
	bool failed;
} compiler;

static void invalid(compiler *c, const char *where, const char *keyword, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A schema/invalid finding: "<keyword>" at "#<where>" <problem>. */
static void invalid(compiler *c, const char *where, const char *keyword, const char *fmt, ...)
{
	folio_buf msg = FOLIO_BUF_INIT;
	va_list ap;
	folio_buf_printf(&msg, "\"%s\" at ", keyword);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_printf(&b, "#%s", where);
	put_quoted(&msg, b.ptr, b.size, 200);
	folio_buf_dispose(&b);
	folio_buf_putc(&msg, ' ');
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, folio_i18n_finding(fmt), ap);
	va_end(ap);
	if (c->diags)
		folio_diags_add(c->diags, FOLIO_RULE_SCHEMA_INVALID, c->path, 0, 0, NULL, "%s", msg.ptr);
	folio_buf_dispose(&msg);
	c->failed = true;
}

static char *child_where(const char *where, const char *a, const char *b)
{
	folio_buf w = FOLIO_BUF_INIT;
	folio_buf_puts(&w, where);
	put_pointer_segment(&w, a, strlen(a));
	if (b)
		put_pointer_segment(&w, b, strlen(b));
	return folio_buf_detach(&w, NULL);
}

static node *compile_node(compiler *c, const json_t *json, const char *where);

static node *compile_child(compiler *c, const json_t *json, const char *where, const char *a,
                           const char *b)
{
	char *w = child_where(where, a, b);
	node *n = compile_node(c, json, w);
	free(w);
	return n;
}

static node *new_node(compiler *c, const json_t *json, const char *where)
{
	node *n = folio_xcalloc(1, sizeof(*n));
	n->where = folio_xstrdup(where);
	n->json = json;
	n->min_length = n->max_length = n->min_items = n->max_items = -1;
	FOLIO_ARRAY_GROW(c->s->nodes, c->s->count, c->s->alloc, c->s->count + 1);
	c->s->nodes[c->s->count++] = n;
	return n;
}

static void compile_type(compiler *c, node *n, const json_t *v)
{
	const json_t *names = v;
	json_t *tmp = NULL;
	if (json_is_string(v))
		names = tmp = json_pack("[O]", v);
	if (!json_is_array(names) || json_array_size(names) == 0) {
		invalid(c, n->where, "type", "must be a type name or a list of them");
		json_decref(tmp);
		return;
	}
	for (size_t i = 0; i < json_array_size(names); i++) {
		const char *name = json_string_value(json_array_get(names, i));
		int t = 0;
		while (name && t < TYPE__COUNT && strcmp(type_names[t], name))
			t++;
		if (!name || t == TYPE__COUNT) {
			invalid(c, n->where, "type", "names an unknown type");
			break;
		}
		n->types |= 1u << t;
	}
	json_decref(tmp);
}

static void compile_properties(compiler *c, node *n, const json_t *v)
{
	if (!json_is_object(v)) {
		invalid(c, n->where, "properties", "must be an object");
		return;
	}
	n->props = folio_xcalloc(json_object_size(v) + 1, sizeof(*n->props));
	for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
		property *p = &n->props[n->nprops++];
		p->len = json_object_iter_key_len(it);
		p->name = folio_xstrndup(json_object_iter_key(it), p->len);
		p->schema = compile_child(c, json_object_iter_value(it), n->where, "properties", p->name);
	}
}

static void compile_required(compiler *c, node *n, const json_t *v)
{
	if (!json_is_array(v)) {
		invalid(c, n->where, "required", "must be an array of strings");
		return;
	}
	n->required = folio_xcalloc(json_array_size(v) + 1, sizeof(*n->required));
	for (size_t i = 0; i < json_array_size(v); i++) {
		const json_t *s = json_array_get(v, i);
		if (!json_is_string(s)) {
			invalid(c, n->where, "required", "must be an array of strings");
			return;
		}
		n->required[n->nrequired++] = folio_xstrdup(json_string_value(s));
	}
}

static void compile_list(compiler *c, node *n, const json_t *v, const char *keyword, node_list *out)
{
	if (!json_is_array(v) || json_array_size(v) == 0) {
		invalid(c, n->where, keyword, "must be a non-empty array of schemas");
		return;
	}
	out->items = folio_xcalloc(json_array_size(v), sizeof(*out->items));
	for (size_t i = 0; i < json_array_size(v); i++) {
		char idx[32];
		snprintf(idx, sizeof(idx), "%zu", i);
		out->items[out->count++] = compile_child(c, json_array_get(v, i), n->where, keyword, idx);
	}
}

static void compile_count(compiler *c, node *n, const json_t *v, const char *keyword, long long *out)
{
	if (!is_integral(v) || number_value(v) < 0) {
		invalid(c, n->where, keyword, "must be a non-negative integer");
		return;
	}
	long double d = number_value(v);
	*out = d > (long double)LLONG_MAX ? LLONG_MAX : (long long)d;
}

static void compile_bound(compiler *c, node *n, const json_t *v, const char *keyword, number_bound *out)
{
	if (!json_is_number(v)) {
		invalid(c, n->where, keyword, "must be a number");
		return;
	}
	out->set = true;
	out->is_int = json_is_integer(v);
	out->i = out->is_int ? json_integer_value(v) : 0;
	out->d = out->is_int ? 0 : json_real_value(v);
}

/* Compile an ECMA-262 pattern; NULL (reported) when it cannot be. */
static pcre2_code *compile_regex(compiler *c, const char *where, const char *keyword,
                                 const char *src, size_t len)
{
	folio_buf why = FOLIO_BUF_INIT;
	pcre2_code *re = NULL;
	if (folio_schema__regex_compile(&re, src, len, &why) < 0)
		invalid(c, where, keyword, "cannot be compiled: %s", why.ptr);
	folio_buf_dispose(&why);
	return re;
}

static void compile_pattern(compiler *c, node *n, const json_t *v)
{
	if (!json_is_string(v)) {
		invalid(c, n->where, "pattern", "must be a string");
		return;
	}
	n->pattern = folio_xstrdup(json_string_value(v));
	n->re = compile_regex(c, n->where, "pattern", json_string_value(v), json_string_length(v));
}

static void compile_pattern_properties(compiler *c, node *n, const json_t *v)
{
	if (!json_is_object(v)) {
		invalid(c, n->where, "patternProperties", "must be an object");
		return;
	}
	n->pattern_props = folio_xcalloc(json_object_size(v) + 1, sizeof(*n->pattern_props));
	for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
		pattern_property *p = &n->pattern_props[n->npattern_props++];
		char *w = child_where(n->where, "patternProperties", json_object_iter_key(it));
		p->re = compile_regex(c, w, "patternProperties", json_object_iter_key(it),
		                      json_object_iter_key_len(it));
		p->pattern = folio_xstrdup(json_object_iter_key(it));
		p->schema = compile_node(c, json_object_iter_value(it), w);
		free(w);
	}
}

static void compile_format(compiler *c, node *n, const json_t *v)
{
	if (!json_is_string(v)) {
		invalid(c, n->where, "format", "must be a string");
		return;
	}
	/* Unknown formats are annotations, as the specification allows. */
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i].name, json_string_value(v)))
			n->format = formats[i].kind;
}

static void compile_ref(compiler *c, node *n, const json_t *v)
{
	const char *r = json_string_value(v);
	const char *self = json_string_value(json_object_get(c->doc, "$id"));
	if (!r) {
		invalid(c, n->where, "$ref", "must be a string");
		return;
	}
	/* The document's own URI is a local reference: "urn:x#/$defs/a". */
	if (self && *self && !strncmp(r, self, strlen(self)) && (!r[strlen(self)] || r[strlen(self)] == '#'))
		r = r[strlen(self)] ? r + strlen(self) : "#";
	if (r[0] != '#') {
		invalid(c, n->where, "$ref", "is a remote reference, which is not supported");
		return;
	}
	if (r[1] != '\0' && r[1] != '/') {
		invalid(c, n->where, "$ref", "names an anchor, which is not supported");
		return;
	}
	n->ref_text = folio_xstrdup(r);
}

static void compile_defs(compiler *c, node *n, const json_t *v)
{
	if (!json_is_object(v)) {
		invalid(c, n->where, "$defs", "must be an object");
		return;
	}
	/* Compiled even when unused, so their errors are reported. */
	for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it))
		compile_child(c, json_object_iter_value(it), n->where, "$defs", json_object_iter_key(it));
}

static void compile_value_keywords(compiler *c, node *n, const json_t *o)
{
	const json_t *v;
	if ((v = json_object_get(o, "enum"))) {
		if (!json_is_array(v))
			invalid(c, n->where, "enum", "must be an array");
		else
			n->enum_values = json_deep_copy(v);
	}
	if ((v = json_object_get(o, "const")))
		n->const_value = json_deep_copy(v);
	if ((v = json_object_get(o, "minLength")))
		compile_count(c, n, v, "minLength", &n->min_length);
	if ((v = json_object_get(o, "maxLength")))
		compile_count(c, n, v, "maxLength", &n->max_length);
	if ((v = json_object_get(o, "minItems")))
		compile_count(c, n, v, "minItems", &n->min_items);
	if ((v = json_object_get(o, "maxItems")))
		compile_count(c, n, v, "maxItems", &n->max_items);
	if ((v = json_object_get(o, "minimum")))
		compile_bound(c, n, v, "minimum", &n->minimum);
	if ((v = json_object_get(o, "maximum")))
		compile_bound(c, n, v, "maximum", &n->maximum);
	if ((v = json_object_get(o, "exclusiveMinimum")))
		compile_bound(c, n, v, "exclusiveMinimum", &n->exclusive_minimum);
	if ((v = json_object_get(o, "exclusiveMaximum")))
		compile_bound(c, n, v, "exclusiveMaximum", &n->exclusive_maximum);
	if ((v = json_object_get(o, "multipleOf"))) {
		compile_bound(c, n, v, "multipleOf", &n->multiple_of);
		if (n->multiple_of.set && (n->multiple_of.is_int ? n->multiple_of.i : n->multiple_of.d) <= 0)
			invalid(c, n->where, "multipleOf", "must be greater than 0");
	}
	if ((v = json_object_get(o, "uniqueItems"))) {
		if (!json_is_boolean(v))
			invalid(c, n->where, "uniqueItems", "must be a boolean");
		n->unique_items = json_is_true(v);
	}
	if ((v = json_object_get(o, "pattern")))
		compile_pattern(c, n, v);
	if ((v = json_object_get(o, "format")))
		compile_format(c, n, v);
	if ((v = json_object_get(o, "x-folio-ref"))) {
		if (!json_is_string(v) || json_string_length(v) == 0)
			invalid(c, n->where, "x-folio-ref", "must name a collection");
		else
			n->ref_collection = folio_xstrdup(json_string_value(v));
	}
}

static void compile_applicators(compiler *c, node *n, const json_t *o)
{
	const json_t *v;
	if ((v = json_object_get(o, "properties")))
		compile_properties(c, n, v);
	if ((v = json_object_get(o, "required")))
		compile_required(c, n, v);
	if ((v = json_object_get(o, "patternProperties")))
		compile_pattern_properties(c, n, v);
	if ((v = json_object_get(o, "additionalProperties")))
		n->additional = compile_child(c, v, n->where, "additionalProperties", NULL);
	if ((v = json_object_get(o, "prefixItems"))) {
		if (!json_is_array(v))
			invalid(c, n->where, "prefixItems", "must be an array of schemas");
		else if (json_array_size(v) > 0)
			compile_list(c, n, v, "prefixItems", &n->prefix_items);
	}
	if ((v = json_object_get(o, "items"))) {
		if (json_is_array(v))
			invalid(c, n->where, "items", "must be a schema; write a list of schemas as \"prefixItems\"");
		else
			n->items = compile_child(c, v, n->where, "items", NULL);
	}
	if ((v = json_object_get(o, "allOf")))
		compile_list(c, n, v, "allOf", &n->all_of);
	if ((v = json_object_get(o, "anyOf")))
		compile_list(c, n, v, "anyOf", &n->any_of);
	if ((v = json_object_get(o, "oneOf")))
		compile_list(c, n, v, "oneOf", &n->one_of);
	if ((v = json_object_get(o, "not")))
		n->not_schema = compile_child(c, v, n->where, "not", NULL);
	if ((v = json_object_get(o, "$defs")))
		compile_defs(c, n, v);
	if ((v = json_object_get(o, "$ref")))
		compile_ref(c, n, v);
}

/* What the schema's author wrote about a field, for hints: title and
 * description are annotations in JSON Schema, meant for people. */
static char *compile_about(const json_t *json)
{
	const char *title = json_string_value(json_object_get(json, "title"));
	const char *desc = json_string_value(json_object_get(json, "description"));
	if (title && !*title)
		title = NULL;
	if (desc && !*desc)
		desc = NULL;
	if (title && desc)
		return folio_xasprintf("%s: %s", title, desc);
	return title || desc ? folio_xstrdup(title ? title : desc) : NULL;
}

static node *compile_node(compiler *c, const json_t *json, const char *where)
{
	node *n = new_node(c, json, where);
	if (json_is_boolean(json)) {
		n->is_bool = true;
		n->bool_value = json_is_true(json);
		return n;
	}
	if (!json_is_object(json)) {
		invalid(c, where, "schema", "must be an object or a boolean");
		n->is_bool = n->bool_value = true;
		return n;
	}
	if (json_object_get(json, "$id") && json != c->doc)
		invalid(c, where, "$id", "is not supported below the root (embedded resources)");
	const json_t *t = json_object_get(json, "type");
	if (t)
		compile_type(c, n, t);
	n->about = compile_about(json);
	compile_value_keywords(c, n, json);
	compile_applicators(c, n, json);
	return n;
}

/* Decode %XX in a URI fragment; false when malformed. */
static bool percent_decode(folio_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s != '%') {
			folio_buf_putc(out, *s);
			continue;
		}
		char hex[3] = { s[1], s[1] ? s[2] : '\0', '\0' };
		char *end;
		long v = strtol(hex, &end, 16);
		if (!hex[0] || !hex[1] || *end || hex[0] == '+' || hex[0] == '-' || hex[0] == ' ')
			return false;
		folio_buf_putc(out, (char)v);
		s += 2;
	}
	return true;
}

/* The value a local "#/a/b" reference names in the document, or NULL. */
static const json_t *resolve_pointer(const json_t *doc, const char *ref)
{
	folio_buf ptr = FOLIO_BUF_INIT, seg = FOLIO_BUF_INIT;
	const json_t *cur = doc;
	if (!percent_decode(&ptr, ref + 1))
		cur = NULL;
	for (size_t i = 0; cur && i < ptr.size;) {
		size_t j = i + 1;
		folio_buf_clear(&seg);
		for (; j < ptr.size && ptr.ptr[j] != '/'; j++) {
			if (ptr.ptr[j] == '~' && j + 1 < ptr.size && (ptr.ptr[j + 1] == '0' || ptr.ptr[j + 1] == '1')) {
				folio_buf_putc(&seg, ptr.ptr[j + 1] == '0' ? '~' : '/');
				j++;
			} else {
				folio_buf_putc(&seg, ptr.ptr[j]);
			}
		}
		i = j;
		if (json_is_object(cur)) {
			cur = json_object_getn(cur, seg.ptr, seg.size);
		} else if (json_is_array(cur)) {
			char *end;
			unsigned long idx = strtoul(seg.ptr, &end, 10);
			bool ok = seg.size > 0 && *end == '\0' && (seg.ptr[0] != '0' || seg.size == 1) &&
			          seg.ptr[0] >= '0' && seg.ptr[0] <= '9';
			cur = ok ? json_array_get(cur, idx) : NULL;
		} else {
			cur = NULL;
		}
	}
	folio_buf_dispose(&ptr);
	folio_buf_dispose(&seg);
	return cur;
}

/* Point every $ref at its node, compiling targets that are not subschemas yet. */
static void resolve_refs(compiler *c)
{
	for (size_t i = 0; i < c->s->count; i++) {
		node *n = c->s->nodes[i];
		if (!n->ref_text)
			continue;
		const json_t *target = resolve_pointer(c->doc, n->ref_text);
		if (!target) {
			invalid(c, n->where, "$ref", "names nothing in the schema");
			continue;
		}
		for (size_t j = 0; j < c->s->count && !n->ref; j++)
			if (c->s->nodes[j]->json == target)
				n->ref = c->s->nodes[j];
		if (!n->ref) {
			folio_buf w = FOLIO_BUF_INIT;
			percent_decode(&w, n->ref_text + 1);
			n->ref = compile_node(c, target, w.ptr);
			folio_buf_dispose(&w);
		}
	}
}

/* Depth-first search for a cycle of in-place applicators through n. */
static bool has_inplace_cycle(compiler *c, node *n)
{
	if (n->mark == 2)
		return false;
	if (n->mark == 1) {
		invalid(c, n->where, "$ref", "loops back to itself without descending into the value");
		return true;
	}
	n->mark = 1;
	const node_list *lists[] = { &n->all_of, &n->any_of, &n->one_of };
	bool cycle = (n->ref && has_inplace_cycle(c, n->ref)) ||
	             (n->not_schema && has_inplace_cycle(c, n->not_schema));
	for (size_t l = 0; !cycle && l < 3; l++)
		for (size_t i = 0; !cycle && i < lists[l]->count; i++)
			cycle = has_inplace_cycle(c, lists[l]->items[i]);
	n->mark = 2;
	return cycle;
}

int folio_schema_compile(folio_schema **out, const json_t *schema, const char *path,
                         folio_diags *diags)
{
	compiler c = { NULL, schema, path ? path : "", diags, false };
	FOLIO_ASSERT(out && schema);
	*out = NULL;
	c.s = folio_xcalloc(1, sizeof(*c.s));
	c.s->root = compile_node(&c, schema, "");
	resolve_refs(&c);
	for (size_t i = 0; i < c.s->count && !c.failed; i++)
		if (has_inplace_cycle(&c, c.s->nodes[i]))
			break;
	for (size_t i = 0; i < c.s->count; i++) {
		c.s->nodes[i]->json = NULL;
		free(c.s->nodes[i]->ref_text);
		c.s->nodes[i]->ref_text = NULL;
	}
	if (c.failed) {
		folio_schema_free(c.s);
		folio_error_set("schema \"%s\" cannot be used", c.path);
		return FOLIO_EINVALID;
	}
	*out = c.s;
	return 0;
}

static void node_free(node *n)
{
	free(n->where);
	for (size_t i = 0; i < n->nprops; i++)
		free(n->props[i].name);
	free(n->props);
	for (size_t i = 0; i < n->npattern_props; i++) {
		pcre2_code_free(n->pattern_props[i].re);
		free(n->pattern_props[i].pattern);
	}
	free(n->pattern_props);
	for (size_t i = 0; i < n->nrequired; i++)
		free(n->required[i]);
	free(n->required);
	free(n->prefix_items.items);
	free(n->all_of.items);
	free(n->any_of.items);
	free(n->one_of.items);
	free(n->ref_text);
	json_decref(n->enum_values);
	json_decref(n->const_value);
	free(n->pattern);
	pcre2_code_free(n->re);
	free(n->ref_collection);
	free(n->about);
	free(n);
}

void folio_schema_free(folio_schema *schema)
{
	if (!schema)
		return;
	for (size_t i = 0; i < schema->count; i++)
		node_free(schema->nodes[i]);
	free(schema->nodes);
	free(schema);
}

void folio_schema_foreach_ref(const folio_schema *schema,
                              void (*cb)(const char *pointer, const char *collection, void *payload),
                              void *payload)
{
	for (size_t i = 0; schema && i < schema->count; i++)
		if (schema->nodes[i]->ref_collection)
			cb(schema->nodes[i]->where, schema->nodes[i]->ref_collection, payload);
}

typedef struct {
	void (*cb)(const char *name, void *payload);
	void *payload;
	json_t *seen; /* names already given */
} field_walk;

static void walk_fields(field_walk *w, const node *n, unsigned depth)
{
	if (!n || n->is_bool || depth > 8)
		return;
	for (size_t i = 0; i < n->nprops; i++) {
		if (json_object_getn(w->seen, n->props[i].name, n->props[i].len))
			continue;
		json_object_setn_new(w->seen, n->props[i].name, n->props[i].len, json_true());
		w->cb(n->props[i].name, w->payload);
	}
	walk_fields(w, n->ref, depth + 1);
	const node_list *lists[3] = { &n->all_of, &n->any_of, &n->one_of };
	for (int l = 0; l < 3; l++)
		for (size_t i = 0; i < lists[l]->count; i++)
			walk_fields(w, lists[l]->items[i], depth + 1);
}

size_t folio_schema_foreach_field(const folio_schema *schema,
                                  void (*cb)(const char *name, void *payload), void *payload)
{
	field_walk w = { cb, payload, json_object() };
	if (schema)
		walk_fields(&w, schema->root, 0);
	size_t n = json_object_size(w.seen);
	json_decref(w.seen);
	return n;
}

/* ---------------------------------------------------------------- */
/* Validation                                                       */
/* ---------------------------------------------------------------- */

typedef struct {
	const folio_schema *s;
	folio_schema_findings *out;
	const folio_schema_options *opts;
	folio_buf ptr;  /* JSON pointer of the current value */
	folio_buf name; /* the same, readable: authors[1].name */
	unsigned depth;
	unsigned long steps;
	bool aborted;
	char *abort_ptr, *abort_msg;
	/* Types that type failures at the pointer of length expected_at asked
	 * for: lets anyOf/oneOf say "must be a string or an array". */
	unsigned expected;
	size_t expected_at;
	pcre2_match_context *mctx; /* the regex budgets; made on first use */
} validator;

typedef struct {
	size_t ptr, name;
} path_mark;

static path_mark push_key(validator *v, const char *key, size_t len)
{
	path_mark m = { v->ptr.size, v->name.size };
	put_pointer_segment(&v->ptr, key, len);
	if (v->name.size)
		folio_buf_putc(&v->name, '.');
	folio_buf_put(&v->name, key, len);
	return m;
}

static path_mark push_index(validator *v, size_t i)
{
	path_mark m = { v->ptr.size, v->name.size };
	folio_buf_printf(&v->ptr, "/%zu", i);
	folio_buf_printf(&v->name, "[%zu]", i);
	return m;
}

static void pop(validator *v, path_mark m)
{
	folio_buf_truncate(&v->ptr, m.ptr);
	folio_buf_truncate(&v->name, m.name);
}

/* The subject of a message: "authors[1]" quoted, or "the value" at the root. */
static void put_subject(folio_buf *b, const validator *v)
{
	if (v->name.size)
		put_quoted(b, v->name.ptr, v->name.size, 200);
	else
		folio_buf_puts(b, folio_i18n_finding("the value"));
}

/* Append a finding at the current pointer; msg is taken over. */
static void add_finding(validator *v, folio_rule rule, folio_buf *msg, const char *hint)
{
	folio_schema_findings *f = v->out;
	FOLIO_ARRAY_GROW(f->items, f->count, f->alloc, f->count + 1);
	folio_schema_finding *x = &f->items[f->count++];
	x->pointer = folio_xstrndup(v->ptr.ptr, v->ptr.size);
	x->rule = rule;
	x->message = folio_buf_detach(msg, NULL);
	x->hint = hint && *hint ? folio_xstrdup(folio_i18n_finding(hint)) : NULL;
}

static void finding(validator *v, folio_rule rule, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "<subject> <formatted rest>" */
static void finding(validator *v, folio_rule rule, const char *hint, const char *fmt, ...)
{
	folio_buf msg = FOLIO_BUF_INIT;
	va_list ap;
	put_subject(&msg, v);
	folio_buf_putc(&msg, ' ');
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, folio_i18n_finding(fmt), ap);
	va_end(ap);
	add_finding(v, rule, &msg, hint);
}

static void stop(validator *v, const char *why)
{
	if (v->aborted)
		return;
	folio_buf msg = FOLIO_BUF_INIT;
	folio_buf_puts(&msg, folio_i18n_finding("validation of "));
	put_subject(&msg, v);
	folio_buf_printf(&msg, folio_i18n_finding(" stopped: %s"), why);
	v->aborted = true;
	v->abort_ptr = folio_xstrndup(v->ptr.ptr, v->ptr.size);
	v->abort_msg = folio_buf_detach(&msg, NULL);
}

static bool spend(validator *v, unsigned long steps)
{
	v->steps += steps;
	if (v->steps > STEP_LIMIT)
		stop(v, "the schema needs too many steps");
	return !v->aborted;
}

static void findings_clear(folio_schema_findings *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].pointer);
		free(f->items[i].message);
		free(f->items[i].hint);
	}
	f->count = 0;
}

/* Move every finding of src to the end of dst. */
static void findings_move(folio_schema_findings *dst, folio_schema_findings *src)
{
	FOLIO_ARRAY_GROW(dst->items, dst->count, dst->alloc, dst->count + src->count);
	if (src->count)
		memcpy(dst->items + dst->count, src->items, src->count * sizeof(*src->items));
	dst->count += src->count;
	src->count = 0;
}

static unsigned type_of(const json_t *x)
{
	switch (json_typeof(x)) {
	case JSON_OBJECT: return TYPE_OBJECT;
	case JSON_ARRAY: return TYPE_ARRAY;
	case JSON_STRING: return TYPE_STRING;
	case JSON_INTEGER: return TYPE_INTEGER;
	case JSON_REAL: return is_integral(x) ? TYPE_INTEGER : TYPE_NUMBER;
	case JSON_TRUE: case JSON_FALSE: return TYPE_BOOLEAN;
	default: return TYPE_NULL;
	}
}

static void type_finding(validator *v, unsigned expected, const json_t *x)
{
	folio_buf want = FOLIO_BUF_INIT;
	unsigned actual = type_of(x);
	if (expected & TYPE_NUMBER)
		expected &= ~(unsigned)TYPE_INTEGER;
	int n = 0, total = __builtin_popcount(expected);
	for (int t = 0; t < TYPE__COUNT; t++) {
		if (!(expected & (1u << t)))
			continue;
		if (n > 0)
			folio_buf_puts(&want, n == total - 1 ? folio_i18n_finding(" or ") : ", ");
		folio_buf_puts(&want, folio_i18n_finding(type_phrases[t]));
		n++;
	}
	int a = 0;
	while (!(actual & (1u << a)))
		a++;
	/* YAML reads 9782296013681, 12 or true unquoted as a number or a
	 * boolean: an author who meant text needs to hear about quotes */
	char *hint = NULL;
	if (expected == TYPE_STRING && (actual & (TYPE_INTEGER | TYPE_NUMBER | TYPE_BOOLEAN))) {
		char *text = json_dumps(x, JSON_ENCODE_ANY);
		hint = folio_xasprintf(folio_i18n_finding("put the value in quotes, so that YAML reads "
		                                          "it as text: \"%s\""),
		                       text ? text : "...");
		free(text);
	}
	/* 1.5 where an integer is wanted reads better as "not a number". */
	finding(v, FOLIO_RULE_FRONT_MATTER_TYPE, hint, "must be %s, not %s", want.ptr,
	        folio_i18n_finding(type_phrases[a]));
	free(hint);
	folio_buf_dispose(&want);
	if (v->expected_at == v->ptr.size)
		v->expected |= expected;
}

static bool type_matches(unsigned types, const json_t *x)
{
	unsigned t = type_of(x);
	if ((types & TYPE_NUMBER) && (t & (TYPE_NUMBER | TYPE_INTEGER)))
		return true;
	return (types & t) != 0;
}

static bool validate(validator *v, const node *n, const json_t *x);

static bool check_enum(validator *v, const node *n, const json_t *x)
{
	size_t count = json_array_size(n->enum_values);
	for (size_t i = 0; i < count; i++)
		if (json_same(json_array_get(n->enum_values, i), x))
			return true;
	folio_buf msg = FOLIO_BUF_INIT, hint = FOLIO_BUF_INIT;
	size_t best = SIZE_MAX;
	put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" must be one of "));
	for (size_t i = 0; i < count; i++) {
		const json_t *e = json_array_get(n->enum_values, i);
		if (i == 8) {
			folio_buf_puts(&msg, ", ...");
			break;
		}
		if (i)
			folio_buf_puts(&msg, ", ");
		put_value(&msg, e);
	}
	for (size_t i = 0; json_is_string(x) && i < count; i++) {
		const json_t *e = json_array_get(n->enum_values, i);
		if (!json_is_string(e))
			continue;
		size_t d = folio_edit_distance(json_string_value(x), json_string_length(x),
		                         json_string_value(e), json_string_length(e));
		if (d < best && d <= typo_budget(json_string_length(x))) {
			best = d;
			folio_buf_clear(&hint);
			folio_buf_puts(&hint, folio_i18n_finding("did you mean "));
			put_quoted(&hint, json_string_value(e), json_string_length(e), 60);
			folio_buf_putc(&hint, '?');
		}
	}
	if (json_is_string(x) || json_is_number(x) || json_is_boolean(x) || json_is_null(x)) {
		folio_buf_puts(&msg, folio_i18n_finding(", not "));
		put_value(&msg, x);
	}
	add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, hint.ptr);
	folio_buf_dispose(&hint);
	return false;
}

static bool check_const(validator *v, const node *n, const json_t *x)
{
	if (json_same(n->const_value, x))
		return true;
	folio_buf msg = FOLIO_BUF_INIT;
	put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" must be "));
	put_value(&msg, n->const_value);
	add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
	return false;
}

static size_t utf8_length(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

static bool check_format(validator *v, const node *n, const char *s, size_t len)
{
	if (n->format == FORMAT_ISBN) {
		folio_isbn_info info;
		folio_isbn_parse(&info, s);
		if (info.status == FOLIO_ISBN_VALID)
			return true;
		if (info.message[0]) {
			folio_buf msg = FOLIO_BUF_INIT;
			folio_buf_puts(&msg, info.message);
			add_finding(v, info.rule, &msg, info.hint);
		} else {
			finding(v, info.rule, info.hint, "is not a valid ISBN");
		}
		return false;
	}
	if (n->format == FORMAT_EAN13) {
		folio_rule rule = FOLIO_RULE__COUNT;
		char err[200] = "";
		folio_ean13_check(s, &rule, err, sizeof(err));
		if (rule == FOLIO_RULE__COUNT)
			return true;
		if (err[0]) {
			folio_buf msg = FOLIO_BUF_INIT;
			folio_buf_puts(&msg, err);
			add_finding(v, rule, &msg, NULL);
		} else {
			finding(v, rule, NULL, "is not a valid EAN-13");
		}
		return false;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (formats[i].kind != n->format || !formats[i].check)
			continue;
		if (formats[i].check(s, len))
			return true;
		folio_buf msg = FOLIO_BUF_INIT;
		put_subject(&msg, v);
		folio_buf_printf(&msg, folio_i18n_finding(" is not a valid %s: "), formats[i].name);
		put_quoted(&msg, s, len, 60);
		add_finding(v, FOLIO_RULE_FRONT_MATTER_FORMAT, &msg, formats[i].hint);
		return false;
	}
	return true;
}

/* PCRE2 takes 32-bit limits: a larger budget is as good as unlimited. */
static uint32_t pcre2_limit(size_t value, uint32_t dflt)
{
	if (!value)
		return dflt;
	return value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

static pcre2_match_context *match_context(validator *v)
{
	if (v->mctx)
		return v->mctx;
	v->mctx = pcre2_match_context_create(NULL);
	FOLIO_ASSERT(v->mctx);
	const folio_schema_options *o = v->opts;
	pcre2_set_match_limit(v->mctx, pcre2_limit(o->regex_match_limit, FOLIO_SCHEMA_REGEX_MATCH_LIMIT));
	pcre2_set_depth_limit(v->mctx, pcre2_limit(o->regex_depth_limit, FOLIO_SCHEMA_REGEX_DEPTH_LIMIT));
	pcre2_set_heap_limit(v->mctx, pcre2_limit(o->regex_heap_kib, FOLIO_SCHEMA_REGEX_HEAP_KIB));
	return v->mctx;
}

/*
 * Unanchored search, as ECMA-262 "test" does: 1 match, 0 none, -1 when the
 * regex budgets stopped it (a budget/regex finding is made: the value is
 * neither accepted nor refused by the pattern, it is refused by the budget).
 */
static int regex_search(validator *v, const pcre2_code *re, const char *pattern,
                        const char *s, size_t len)
{
	int rc = folio_schema__regex_search(re, s, len, match_context(v));
	if (rc >= 0)
		return rc;
	folio_buf msg = FOLIO_BUF_INIT;
	put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" takes too much work to match against the pattern "));
	put_quoted(&msg, pattern, strlen(pattern), 80);
	folio_buf_printf(&msg,
	                 folio_i18n_finding(" (%zu bytes; limits: regex-match %lu, regex-depth %lu, "
	                                    "regex-heap %lu KiB)"),
	                 len, (unsigned long)(v->opts->regex_match_limit ? v->opts->regex_match_limit
	                                                                 : FOLIO_SCHEMA_REGEX_MATCH_LIMIT),
	                 (unsigned long)(v->opts->regex_depth_limit ? v->opts->regex_depth_limit
	                                                            : FOLIO_SCHEMA_REGEX_DEPTH_LIMIT),
	                 (unsigned long)(v->opts->regex_heap_kib ? v->opts->regex_heap_kib
	                                                         : FOLIO_SCHEMA_REGEX_HEAP_KIB));
	add_finding(v, FOLIO_RULE_BUDGET_REGEX, &msg,
	            "shorten the value or simplify the pattern (nested repetition backtracks), "
	            "or raise the regex limits");
	return -1;
}

static bool check_pattern(validator *v, const node *n, const char *s, size_t len)
{
	int rc = regex_search(v, n->re, n->pattern, s, len);
	if (rc)
		return rc > 0;
	folio_buf msg = FOLIO_BUF_INIT;
	put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" does not match the pattern "));
	put_quoted(&msg, n->pattern, strlen(n->pattern), 80);
	add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
	return false;
}

/* x-folio-ref: the string names a record of the collection. */
static bool check_record(validator *v, const node *n, const json_t *x)
{
	const char *slug = json_string_value(x);
	if (v->opts->ref_exists(n->ref_collection, slug, v->opts->payload))
		return true;
	folio_buf msg = FOLIO_BUF_INIT;
	char *hint = folio_xasprintf(folio_i18n_finding("create %s/%s.md or correct the slug"),
	                             n->ref_collection, slug);
	put_quoted(&msg, slug, json_string_length(x), 80);
	folio_buf_puts(&msg, folio_i18n_finding(" is not a record of "));
	put_quoted(&msg, n->ref_collection, strlen(n->ref_collection), 80);
	add_finding(v, FOLIO_RULE_REF_MISSING, &msg, hint);
	free(hint);
	return false;
}

static bool check_records(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	if (!n->ref_collection || !v->opts->ref_exists)
		return true;
	if (json_is_string(x))
		return check_record(v, n, x);
	for (size_t i = 0; json_is_array(x) && i < json_array_size(x); i++) {
		const json_t *item = json_array_get(x, i);
		if (!json_is_string(item))
			continue;
		path_mark m = push_index(v, i);
		ok &= check_record(v, n, item);
		pop(v, m);
	}
	return ok;
}

static bool check_string(validator *v, const node *n, const json_t *x)
{
	const char *s = json_string_value(x);
	size_t len = json_string_length(x);
	bool ok = true;
	if (n->min_length >= 0 || n->max_length >= 0) {
		long long chars = (long long)utf8_length(s, len);
		if (n->min_length >= 0 && chars < n->min_length) {
			finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must be at least %lld character%s long",
			        n->min_length, n->min_length == 1 ? "" : "s");
			ok = false;
		}
		if (n->max_length >= 0 && chars > n->max_length) {
			finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must be at most %lld character%s long",
			        n->max_length, n->max_length == 1 ? "" : "s");
			ok = false;
		}
	}
	if (n->re)
		ok &= check_pattern(v, n, s, len);
	if (n->format != FORMAT_NONE && v->opts->assert_formats)
		ok &= check_format(v, n, s, len);
	return ok;
}

static int bound_cmp(const json_t *x, const number_bound *b)
{
	if (b->is_int && json_is_integer(x)) {
		json_int_t i = json_integer_value(x);
		return i < b->i ? -1 : i > b->i;
	}
	long double a = number_value(x), y = b->is_int ? (long double)b->i : (long double)b->d;
	return a < y ? -1 : a > y;
}

static bool check_bound(validator *v, const json_t *x, const number_bound *b, int bad, bool or_equal,
                        const char *phrase)
{
	if (!b->set)
		return true;
	int c = bound_cmp(x, b);
	if (c != bad && !(or_equal && c == 0))
		return true;
	folio_buf msg = FOLIO_BUF_INIT;
	put_subject(&msg, v);
	folio_buf_printf(&msg, folio_i18n_finding(" must be %s "), folio_i18n_finding(phrase));
	put_bound(&msg, b);
	folio_buf_puts(&msg, folio_i18n_finding(", not "));
	put_number(&msg, x);
	add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
	return false;
}

/*
 * A number as digits * 10^exp, digits without sign or leading zeros ("0" for
 * zero). An integer is its own digits; a real is the shortest decimal that
 * reads back as the same double: the literal as written whenever it has at
 * most 15 significant digits (YAML and jansson keep only the double).
 */
typedef struct {
	char digits[32];
	int exp;
} decimal;

static void decimal_of_json(decimal *out, const json_t *x)
{
	out->exp = 0;
	if (json_is_integer(x)) {
		json_int_t i = json_integer_value(x);
		unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
		snprintf(out->digits, sizeof(out->digits), "%llu", u);
		return;
	}
	double d = fabs(json_real_value(x));
	char tmp[40];
	for (int prec = 0; prec <= 16; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* "D.DDDDe+XX" (the point is whatever the locale says: skip non-digits) */
	size_t n = 0;
	const char *p = tmp;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && n + 1 < sizeof(out->digits))
			out->digits[n++] = *p;
	out->digits[n] = '\0';
	int e = *p == 'e' ? atoi(p + 1) : 0;
	out->exp = e - (int)n + 1;
	while (n > 1 && out->digits[n - 1] == '0') { /* 1.50e+00: 15 * 10^-1 */
		out->digits[--n] = '\0';
		out->exp++;
	}
	if (!strcmp(out->digits, "0"))
		out->exp = 0;
}

/* The digits of a with (a.exp - e) zeros after them, as a big number. */
static BIGNUM *decimal_scaled(const decimal *a, int e)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, a->digits);
	for (int i = e; i < a->exp; i++)
		folio_buf_putc(&b, '0');
	BIGNUM *r = NULL;
	if (!BN_dec2bn(&r, b.ptr))
		FOLIO_BUG("OpenSSL cannot hold a decimal number");
	folio_buf_dispose(&b);
	return r;
}

/*
 * x is a multiple of m, in exact decimal arithmetic: with both written as
 * digits * 10^exp and brought to the smaller exponent, m's integer divides
 * x's. No tolerance: 5000000.001 is not a multiple of 0.01, nor 1.0 of 1e10.
 * A double's exponent is within +-324, so the integers stay below ~700 digits.
 */
static bool is_multiple(const json_t *x, const number_bound *m)
{
	if (m->is_int && json_is_integer(x))
		return json_integer_value(x) % m->i == 0; /* m->i > 0: checked at compile time */
	decimal dx, dm;
	decimal_of_json(&dx, x);
	if (!strcmp(dx.digits, "0"))
		return true;
	json_t *mj = m->is_int ? json_integer(m->i) : json_real(m->d);
	decimal_of_json(&dm, mj);
	json_decref(mj);
	int e = dx.exp < dm.exp ? dx.exp : dm.exp;
	BIGNUM *a = decimal_scaled(&dx, e), *b = decimal_scaled(&dm, e), *r = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	if (!r || !ctx || !BN_mod(r, a, b, ctx))
		FOLIO_BUG("OpenSSL cannot divide");
	bool ok = BN_is_zero(r);
	BN_CTX_free(ctx);
	BN_free(r);
	BN_free(b);
	BN_free(a);
	return ok;
}

static bool check_number(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	if (n->multiple_of.set && !is_multiple(x, &n->multiple_of)) {
		folio_buf msg = FOLIO_BUF_INIT;
		put_subject(&msg, v);
		folio_buf_puts(&msg, folio_i18n_finding(" must be a multiple of "));
		put_bound(&msg, &n->multiple_of);
		folio_buf_puts(&msg, folio_i18n_finding(", not "));
		put_number(&msg, x);
		add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
		ok = false;
	}
	ok &= check_bound(v, x, &n->minimum, -1, false, FOLIO_N_("at least"));
	ok &= check_bound(v, x, &n->maximum, 1, false, FOLIO_N_("at most"));
	ok &= check_bound(v, x, &n->exclusive_minimum, -1, true, FOLIO_N_("greater than"));
	ok &= check_bound(v, x, &n->exclusive_maximum, 1, true, FOLIO_N_("less than"));
	return ok;
}

/* Hint for an unknown field: the closest known property name. */
static char *suggest_field(const node *n, const char *key, size_t len)
{
	size_t best = SIZE_MAX;
	const property *hit = NULL;
	for (size_t i = 0; i < n->nprops; i++) {
		size_t d = folio_edit_distance(key, len, n->props[i].name, n->props[i].len);
		if (d < best && d <= typo_budget(len)) {
			best = d;
			hit = &n->props[i];
		}
	}
	if (!hit)
		return NULL;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, folio_i18n_finding("did you mean "));
	put_quoted(&b, hit->name, hit->len, 200);
	folio_buf_putc(&b, '?');
	return folio_buf_detach(&b, NULL);
}

static bool check_unknown_field(validator *v, const node *n, const char *key, size_t len)
{
	folio_buf msg = FOLIO_BUF_INIT;
	char *hint = suggest_field(n, key, len);
	folio_buf_puts(&msg, folio_i18n_finding("unknown field "));
	put_quoted(&msg, v->name.ptr, v->name.size, 200);
	add_finding(v, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD, &msg, hint);
	free(hint);
	return false;
}

/* A top-level key folio reads (options key_kind), when the schema names no
 * spelling of it: a property "publishDate" keeps "publishdate" unknown. */
static bool is_folio_key(const validator *v, const node *n, const char *key, size_t len)
{
	int kind = v->opts->key_kind ? v->opts->key_kind(key, len) : 0;
	if (!kind)
		return false;
	for (size_t i = 0; i < n->nprops; i++)
		if (v->opts->key_kind(n->props[i].name, n->props[i].len) == kind)
			return false;
	return true;
}

/* The schema's words about field (its title and description) end the
 * hint of each finding at the field itself made since index from: the
 * author sees what the field is for in the schema's language. */
static void add_about(validator *v, size_t from, const node *field)
{
	const char *about = field->about ? field->about : field->ref ? field->ref->about : NULL;
	if (!about)
		return;
	for (size_t i = from; i < v->out->count; i++) {
		folio_schema_finding *f = &v->out->items[i];
		if (strcmp(f->pointer, v->ptr.ptr))
			continue;
		char *hint = f->hint ? folio_xasprintf(folio_i18n_finding("%s; the schema says: %s"),
		                                       f->hint, about)
		                     : folio_xasprintf(folio_i18n_finding("the schema says: %s"), about);
		free(f->hint);
		f->hint = hint;
	}
}

/* properties, patternProperties, then additionalProperties when neither named it. */
static bool check_member(validator *v, const node *n, const char *key, size_t len, const json_t *val)
{
	bool ok = true, named = false;
	bool at_top = v->ptr.size == 0;
	path_mark m = push_key(v, key, len);
	for (size_t i = 0; i < n->nprops; i++) {
		if (n->props[i].len == len && !memcmp(n->props[i].name, key, len)) {
			size_t before = v->out->count;
			ok &= validate(v, n->props[i].schema, val);
			add_about(v, before, n->props[i].schema);
			named = true;
			break;
		}
	}
	for (size_t i = 0; i < n->npattern_props; i++) {
		const pattern_property *p = &n->pattern_props[i];
		if (p->re && regex_search(v, p->re, p->pattern, key, len) > 0) {
			ok &= validate(v, p->schema, val);
			named = true;
		}
	}
	if (!named && at_top && is_folio_key(v, n, key, len))
		named = true; /* a key folio itself reads (draft, publish_date) */
	if (!named && n->additional) {
		if (n->additional->is_bool && !n->additional->bool_value)
			ok = check_unknown_field(v, n, key, len);
		else
			ok = validate(v, n->additional, val);
	}
	pop(v, m);
	return ok;
}

static const node *find_property(const node *n, const char *name)
{
	for (size_t i = 0; i < n->nprops; i++)
		if (n->props[i].len == strlen(name) && !memcmp(n->props[i].name, name, n->props[i].len))
			return n->props[i].schema;
	return NULL;
}

static bool check_object(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	for (size_t i = 0; i < n->nrequired; i++) {
		if (json_object_get(x, n->required[i]))
			continue;
		folio_buf msg = FOLIO_BUF_INIT, field = FOLIO_BUF_INIT;
		folio_buf_put(&field, v->name.ptr, v->name.size);
		if (field.size)
			folio_buf_putc(&field, '.');
		folio_buf_puts(&field, n->required[i]);
		folio_buf_puts(&msg, folio_i18n_finding("field "));
		put_quoted(&msg, field.ptr, field.size, 200);
		folio_buf_puts(&msg, folio_i18n_finding(" is required"));
		const node *prop = find_property(n, n->required[i]);
		char *hint = prop && prop->about
		             ? folio_xasprintf(folio_i18n_finding("the schema says: %s"), prop->about)
		             : NULL;
		add_finding(v, FOLIO_RULE_FRONT_MATTER_REQUIRED, &msg, hint);
		free(hint);
		folio_buf_dispose(&field);
		ok = false;
	}
	if (!n->nprops && !n->npattern_props && !n->additional)
		return ok;
	for (void *it = json_object_iter((json_t *)x); it; it = json_object_iter_next((json_t *)x, it))
		ok &= check_member(v, n, json_object_iter_key(it), json_object_iter_key_len(it),
		                   json_object_iter_value(it));
	return ok;
}

static bool check_unique(validator *v, const json_t *x)
{
	bool ok = true;
	size_t count = json_array_size(x);
	for (size_t j = 1; j < count && spend(v, j); j++) {
		for (size_t i = 0; i < j; i++) {
			if (!json_same(json_array_get(x, i), json_array_get(x, j)))
				continue;
			path_mark m = push_index(v, j);
			finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, "the schema wants every item once",
			        "repeats item %zu", i);
			pop(v, m);
			ok = false;
			break;
		}
	}
	return ok && !v->aborted;
}

static bool check_array(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	long long count = (long long)json_array_size(x);
	if (n->min_items >= 0 && count < n->min_items) {
		finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must have at least %lld item%s",
		        n->min_items, n->min_items == 1 ? "" : "s");
		ok = false;
	}
	if (n->max_items >= 0 && count > n->max_items) {
		finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must have at most %lld item%s",
		        n->max_items, n->max_items == 1 ? "" : "s");
		ok = false;
	}
	if (n->unique_items)
		ok &= check_unique(v, x);
	for (size_t i = 0; i < (size_t)count && !v->aborted; i++) {
		const node *item = i < n->prefix_items.count ? n->prefix_items.items[i] : n->items;
		if (!item)
			break;
		path_mark m = push_index(v, i);
		ok &= validate(v, item, json_array_get(x, i));
		pop(v, m);
	}
	return ok;
}

/* Validate each branch of an anyOf/oneOf into its own list; count matches. */
static size_t run_branches(validator *v, const node_list *l, const json_t *x,
                           folio_schema_findings *branch)
{
	size_t matches = 0;
	folio_schema_findings *saved = v->out;
	for (size_t i = 0; i < l->count; i++) {
		folio_schema_findings_init(&branch[i]);
		v->out = &branch[i];
		matches += validate(v, l->items[i], x);
	}
	v->out = saved;
	return matches;
}

/* A branch that failed for its type, at this very value. */
static bool rejected_by_type(const validator *v, const folio_schema_findings *f)
{
	for (size_t i = 0; i < f->count; i++)
		if (f->items[i].rule == FOLIO_RULE_FRONT_MATTER_TYPE && !strcmp(f->items[i].pointer, v->ptr.ptr))
			return true;
	return false;
}

/*
 * No branch matched: one useful report, not every branch's. When each
 * branch wants another type, one type finding lists them all; else the
 * findings of the branch of the right type that failed least.
 */
static void report_no_match(validator *v, const node_list *l, folio_schema_findings *branch,
                            unsigned expected, const json_t *x, const char *keyword)
{
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < l->count; i++)
		if (!rejected_by_type(v, &branch[i]) && branch[i].count &&
		    (best == SIZE_MAX || branch[i].count < branch[best].count))
			best = i;
	if (best != SIZE_MAX) {
		findings_move(v->out, &branch[best]);
	} else if (expected) {
		type_finding(v, expected, x);
	} else {
		finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "matches none of the schemas of \"%s\"",
		        keyword);
	}
}

static bool check_alternatives(validator *v, const node_list *l, const json_t *x, bool one)
{
	folio_schema_findings *branch = folio_xcalloc(l->count, sizeof(*branch));
	unsigned saved_expected = v->expected;
	size_t saved_at = v->expected_at;
	v->expected = 0;
	v->expected_at = v->ptr.size;
	size_t matches = run_branches(v, l, x, branch);
	unsigned expected = v->expected;
	v->expected = saved_expected;
	v->expected_at = saved_at;
	bool ok = one ? matches == 1 : matches > 0;
	if (!ok && !v->aborted) {
		if (matches == 0)
			report_no_match(v, l, branch, expected, x, one ? "oneOf" : "anyOf");
		else
			finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL,
			        "matches %zu of the schemas of \"oneOf\", not exactly one", matches);
	}
	for (size_t i = 0; i < l->count; i++)
		folio_schema_findings_dispose(&branch[i]);
	free(branch);
	return ok;
}

static bool check_not(validator *v, const node *n, const json_t *x)
{
	folio_schema_findings tmp;
	folio_schema_findings_init(&tmp);
	folio_schema_findings *saved = v->out;
	v->out = &tmp;
	bool matched = validate(v, n->not_schema, x);
	v->out = saved;
	folio_schema_findings_dispose(&tmp);
	if (!matched || v->aborted)
		return !v->aborted;
	finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must not match the schema of \"not\"");
	return false;
}

static bool check_keywords(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	if (n->ref)
		ok &= validate(v, n->ref, x);
	if (n->enum_values)
		ok &= check_enum(v, n, x);
	if (n->const_value)
		ok &= check_const(v, n, x);
	if (json_is_string(x))
		ok &= check_string(v, n, x);
	if (json_is_number(x))
		ok &= check_number(v, n, x);
	if (json_is_object(x))
		ok &= check_object(v, n, x);
	if (json_is_array(x))
		ok &= check_array(v, n, x);
	ok &= check_records(v, n, x);
	for (size_t i = 0; i < n->all_of.count; i++)
		ok &= validate(v, n->all_of.items[i], x);
	if (n->any_of.count)
		ok &= check_alternatives(v, &n->any_of, x, false);
	if (n->one_of.count)
		ok &= check_alternatives(v, &n->one_of, x, true);
	if (n->not_schema)
		ok &= check_not(v, n, x);
	return ok;
}

/*
 * An ISBN or EAN written without quotes is read as a number: besides the
 * type finding, check its digits as the author meant them, so that a
 * wrong check digit is not hidden until the quotes are added.
 */
static void check_unquoted_code(validator *v, const node *n, const json_t *x)
{
	if (!json_is_integer(x) || json_integer_value(x) < 0 ||
	    (n->format != FORMAT_ISBN && n->format != FORMAT_EAN13) || !(n->types & TYPE_STRING))
		return;
	char digits[32];
	snprintf(digits, sizeof(digits), "%" JSON_INTEGER_FORMAT, json_integer_value(x));
	check_format(v, n, digits, strlen(digits));
}

static bool validate(validator *v, const node *n, const json_t *x)
{
	if (!spend(v, 1))
		return false;
	if (n->is_bool) {
		if (!n->bool_value)
			finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "is not allowed by the schema");
		return n->bool_value;
	}
	if (n->types && !type_matches(n->types, x)) {
		/* The other keywords would only repeat the same problem. */
		type_finding(v, n->types, x);
		check_unquoted_code(v, n, x);
		return false;
	}
	if (v->depth >= DEPTH_LIMIT) {
		stop(v, "the value or the schema nests too deeply");
		return false;
	}
	v->depth++;
	bool ok = check_keywords(v, n, x);
	v->depth--;
	return ok && !v->aborted;
}

static int finding_cmp(const void *a, const void *b)
{
	const folio_schema_finding *x = *(folio_schema_finding *const *)a;
	const folio_schema_finding *y = *(folio_schema_finding *const *)b;
	int c = strcmp(x->pointer, y->pointer);
	if (!c)
		c = (int)x->rule - (int)y->rule;
	if (!c)
		c = strcmp(x->message, y->message);
	if (!c)
		c = x < y ? -1 : x > y;
	return c;
}

/* Drop repeated findings (allOf branches often agree), keeping the first. */
static void dedupe(folio_schema_findings *f, size_t from)
{
	size_t n = f->count - from;
	if (n < 2)
		return;
	folio_schema_finding **order = folio_xmalloc(n * sizeof(*order));
	bool *drop = folio_xcalloc(n, sizeof(*drop));
	for (size_t i = 0; i < n; i++)
		order[i] = &f->items[from + i];
	qsort(order, n, sizeof(*order), finding_cmp);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(order[i]->pointer, order[i - 1]->pointer) && order[i]->rule == order[i - 1]->rule &&
		    !strcmp(order[i]->message, order[i - 1]->message))
			drop[order[i] - &f->items[from]] = true;
	size_t kept = from;
	for (size_t i = 0; i < n; i++) {
		folio_schema_finding *x = &f->items[from + i];
		if (drop[i]) {
			free(x->pointer);
			free(x->message);
			free(x->hint);
		} else {
			f->items[kept++] = *x;
		}
	}
	f->count = kept;
	free(order);
	free(drop);
}

int folio_schema_validate(folio_schema_findings *out, const folio_schema *schema,
                          const json_t *instance, const folio_schema_options *opts)
{
	static const folio_schema_options defaults = FOLIO_SCHEMA_OPTIONS_INIT;
	validator v = { schema, out, opts ? opts : &defaults, FOLIO_BUF_INIT, FOLIO_BUF_INIT,
	                0, 0, false, NULL, NULL, 0, SIZE_MAX, NULL };
	FOLIO_ASSERT(out && schema && instance);
	size_t from = out->count;
	validate(&v, schema->root, instance);
	if (v.aborted) {
		folio_buf msg = FOLIO_BUF_INIT;
		folio_buf_puts(&msg, v.abort_msg);
		folio_buf_clear(&v.ptr);
		folio_buf_puts(&v.ptr, v.abort_ptr);
		add_finding(&v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, "simplify the schema or the value");
		free(v.abort_ptr);
		free(v.abort_msg);
	}
	dedupe(out, from);
	pcre2_match_context_free(v.mctx);
	folio_buf_dispose(&v.ptr);
	folio_buf_dispose(&v.name);
	return 0;
}

void folio_schema_findings_init(folio_schema_findings *f)
{
	f->items = NULL;
	f->count = f->alloc = 0;
}

void folio_schema_findings_dispose(folio_schema_findings *f)
{
	findings_clear(f);
	free(f->items);
	folio_schema_findings_init(f);
}
