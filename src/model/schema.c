/*
 * JSON Schema (draft 2020-12 subset, docs/schema.md) compiled into a graph
 * of nodes, then run over jansson values to produce findings. This file
 * compiles (the graph: schema_graph.h); schema_validate.c and
 * schema_scalar.c run it; schema_value.c compares and quotes values.
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
#include "folio/diag.h"
#include "folio/i18n.h"
#include "schema_graph.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/assert.h"
#include "util/banned.h"

static const char *const type_names[TYPE__COUNT] = {
	"null", "boolean", "object", "array", "number", "string", "integer",
};

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
	folio_schema__put_quoted(&msg, b.ptr, b.size, 200);
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
	folio_json_pointer_append(&w, a, strlen(a));
	if (b)
		folio_json_pointer_append(&w, b, strlen(b));
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
	if (!folio_schema__is_integral(v) || folio_schema__number_value(v) < 0) {
		invalid(c, n->where, keyword, "must be a non-negative integer");
		return;
	}
	long double d = folio_schema__number_value(v);
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
	for (size_t i = 0; i < folio_schema__nformats; i++)
		if (!strcmp(folio_schema__formats[i].name, json_string_value(v)))
			n->format = folio_schema__formats[i].kind;
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
	if (!title && !desc)
		return NULL;
	/* cut once here, to what a hint keeps (folio_diags_add): the words
	 * were copied whole into each finding of the field before the cut, a
	 * 1 MB description 2 ms a finding (t537) */
	char *whole = title && desc ? folio_xasprintf("%s: %s", title, desc) : folio_xstrdup(title ? title : desc);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_put_one_line(&b, whole, FOLIO_DIAG_MAX_HINT);
	free(whole);
	return folio_buf_detach(&b, NULL);
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
		int hi = folio_hex_value(s[1]), lo = hi < 0 ? -1 : folio_hex_value(s[2]);
		if (lo < 0)
			return false;
		folio_buf_putc(out, (char)(hi * 16 + lo));
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

