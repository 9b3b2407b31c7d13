/*
 * Validation: the compiled graph (schema.c) run over a jansson value. Walks
 * the value with a JSON pointer and a readable name, collects findings
 * (sorted, deduplicated), and stops with a finding past the depth and step
 * budgets. Keywords on one string or number live in schema_scalar.c.
 */
#include "folio/schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "schema_validator.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/assert.h"
#include "util/banned.h"

/* Validation stops with a finding past these (hostile or looping schemas). */
#define DEPTH_LIMIT 512
#define STEP_LIMIT 2000000UL

static const char *const type_phrases[TYPE__COUNT] = {
	"null", FOLIO_N_("a boolean"), FOLIO_N_("an object"), FOLIO_N_("an array"),
	FOLIO_N_("a number"), FOLIO_N_("a string"), FOLIO_N_("an integer"),
};

/* How far a name may be from a suggestion and still be a likely typo. */
static size_t typo_budget(size_t len)
{
	return len <= 3 ? 1 : len <= 6 ? 2 : 3;
}
static path_mark push_key(validator *v, const char *key, size_t len)
{
	path_mark m = { v->ptr.size, v->name.size };
	folio_json_pointer_append(&v->ptr, key, len);
	if (v->name.size)
		folio_buf_putc(&v->name, '.');
	folio_buf_put(&v->name, key, len);
	return m;
}

static void stop(validator *v, const char *why)
{
	folio_schema__stop(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, why, FOLIO_N_("simplify the schema or the value"));
}

static bool spend(validator *v, unsigned long steps)
{
	v->steps += steps;
	if (v->steps > STEP_LIMIT)
		stop(v, "the schema needs too many steps");
	return folio_schema__charge(v, steps);
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
	case JSON_REAL: return folio_schema__is_integral(x) ? TYPE_INTEGER : TYPE_NUMBER;
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
	folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_TYPE, hint, "must be %s, not %s", want.ptr,
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
		if (folio_schema__json_same(json_array_get(n->enum_values, i), x))
			return true;
	folio_buf msg = FOLIO_BUF_INIT, hint = FOLIO_BUF_INIT;
	size_t best = SIZE_MAX;
	folio_schema__put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" must be one of "));
	for (size_t i = 0; i < count; i++) {
		const json_t *e = json_array_get(n->enum_values, i);
		if (i == 8) {
			folio_buf_puts(&msg, ", ...");
			break;
		}
		if (i)
			folio_buf_puts(&msg, ", ");
		folio_schema__put_value(&msg, e);
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
			folio_schema__put_quoted(&hint, json_string_value(e), json_string_length(e), 60);
			folio_buf_putc(&hint, '?');
		}
	}
	if (json_is_string(x) || json_is_number(x) || json_is_boolean(x) || json_is_null(x)) {
		folio_buf_puts(&msg, folio_i18n_finding(", not "));
		folio_schema__put_value(&msg, x);
	}
	folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, hint.ptr);
	folio_buf_dispose(&hint);
	return false;
}

static bool check_const(validator *v, const node *n, const json_t *x)
{
	if (folio_schema__json_same(n->const_value, x))
		return true;
	folio_buf msg = FOLIO_BUF_INIT;
	folio_schema__put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" must be "));
	folio_schema__put_value(&msg, n->const_value);
	folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
	return false;
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
	folio_schema__put_quoted(&b, hit->name, hit->len, 200);
	folio_buf_putc(&b, '?');
	return folio_buf_detach(&b, NULL);
}

static bool check_unknown_field(validator *v, const node *n, const char *key, size_t len)
{
	folio_buf msg = FOLIO_BUF_INIT;
	char *hint = suggest_field(n, key, len);
	folio_buf_puts(&msg, folio_i18n_finding("unknown field "));
	folio_schema__put_quoted(&msg, v->name.ptr, v->name.size, 200);
	folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD, &msg, hint);
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
		if (p->re && folio_schema__pattern_search(v, p->re, p->pattern, key, len) > 0) {
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
	folio_schema__pop(v, m);
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
		folio_schema__put_quoted(&msg, field.ptr, field.size, 200);
		folio_buf_puts(&msg, folio_i18n_finding(" is required"));
		const node *prop = find_property(n, n->required[i]);
		char *hint = prop && prop->about
		             ? folio_xasprintf(folio_i18n_finding("the schema says: %s"), prop->about)
		             : NULL;
		folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_REQUIRED, &msg, hint);
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
			if (!folio_schema__json_same(json_array_get(x, i), json_array_get(x, j)))
				continue;
			path_mark m = folio_schema__push_index(v, j);
			folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, "the schema wants every item once",
			        "repeats item %zu", i);
			folio_schema__pop(v, m);
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
		folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must have at least %lld item%s",
		        n->min_items, n->min_items == 1 ? "" : "s");
		ok = false;
	}
	if (n->max_items >= 0 && count > n->max_items) {
		folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must have at most %lld item%s",
		        n->max_items, n->max_items == 1 ? "" : "s");
		ok = false;
	}
	if (n->unique_items)
		ok &= check_unique(v, x);
	for (size_t i = 0; i < (size_t)count && !v->aborted; i++) {
		const node *item = i < n->prefix_items.count ? n->prefix_items.items[i] : n->items;
		if (!item)
			break;
		path_mark m = folio_schema__push_index(v, i);
		ok &= validate(v, item, json_array_get(x, i));
		folio_schema__pop(v, m);
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
		folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "matches none of the schemas of \"%s\"",
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
			folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL,
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
	folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must not match the schema of \"not\"");
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
		ok &= folio_schema__check_string(v, n, x);
	if (json_is_number(x))
		ok &= folio_schema__check_number(v, n, x);
	if (json_is_object(x))
		ok &= check_object(v, n, x);
	if (json_is_array(x))
		ok &= check_array(v, n, x);
	ok &= folio_schema__check_records(v, n, x);
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
	folio_schema__check_format(v, n, digits, strlen(digits));
}

static bool validate(validator *v, const node *n, const json_t *x)
{
	if (!spend(v, 1))
		return false;
	if (n->is_bool) {
		if (!n->bool_value)
			folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "is not allowed by the schema");
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
	                0, 0, 0, 0, 0, false, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, NULL, NULL, 0, SIZE_MAX, NULL };
	FOLIO_ASSERT(out && schema && instance);
	size_t from = out->count;
	validate(&v, schema->root, instance);
	folio_schema__hand_over(&v); /* the rest, even of a walk stopped by its own budgets */
	if (v.aborted) {
		folio_buf msg = FOLIO_BUF_INIT;
		folio_buf_puts(&msg, v.abort_msg);
		folio_buf_clear(&v.ptr);
		folio_buf_puts(&v.ptr, v.abort_ptr);
		folio_schema__add_finding(&v, v.abort_rule, &msg, v.abort_hint);
		free(v.abort_ptr);
		free(v.abort_msg);
		free(v.abort_hint);
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
