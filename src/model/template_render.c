/*
 * Rendering a compiled template over a jansson context: lookup through the
 * context stack, HTML escaping, sections, partials, parents and blocks with
 * their indentation. All state is on the C stack or in struct render, so
 * threads may render from one set at once; depth, visits and output are
 * bounded, and exceeding a bound is a failure with its rule.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/template_tree.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* --- rendering ------------------------------------------------------------- */

struct ctx {
	const json_t *v;
	const struct ctx *up;
};

/* Parents being expanded, innermost first; the outermost override wins. */
struct ovr {
	const struct node *call;
	const struct ovr *up;
};

/* Templates being expanded by partials and parents, innermost first. */
struct inc {
	const struct template *t;
	const struct inc *up;
};

struct render {
	folio_buf *out;
	const struct inc *incs;
	folio_rule rule;   /* of the failure, when err */
	const folio_templates *set;
	const char *root;
	folio_buf indent;  /* indentation written at each LINE */
	unsigned partials; /* partials and parents being expanded */
	unsigned depth;    /* node lists being rendered */
	size_t visits;
	size_t out_start;
	int err;
};

static void render_list(struct render *r, const struct node *nodes, size_t count,
                        bool inline_start, const struct ctx *c, const struct ovr *o);

/* n in the context stack from c, each frame asked a step of r's: a
 * template of 100 nested sections made every lookup walk 100 frames,
 * 9 s of a page within the steps budget (a pusher's template). */
static const json_t *lookup(struct render *r, const struct ctx *c, const struct name *n)
{
	if (!n->nseg)
		return c->v;
	const json_t *v = NULL;
	for (; c && !v; c = c->up) {
		r->visits++;
		if (json_is_object(c->v))
			v = json_object_get(c->v, n->seg[0]);
	}
	for (size_t i = 1; v && i < n->nseg; i++)
		v = json_is_object(v) ? json_object_get(v, n->seg[i]) : NULL;
	return v;
}

static bool falsey(const json_t *v)
{
	return !v || json_is_null(v) || json_is_false(v) ||
	       (json_is_string(v) && json_string_length(v) == 0) ||
	       (json_is_array(v) && json_array_size(v) == 0);
}

/* Shortest form that reads back as the same double: 1.21, not 1.2100000000000000. */
static size_t format_real(char *buf, size_t size, double d)
{
	int n = 0;
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return n > 0 ? (size_t)n : 0;
}

static void put_value(folio_buf *out, const json_t *v, bool raw)
{
	char num[64];
	size_t n;
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (raw)
			folio_buf_put(out, json_string_value(v), json_string_length(v));
		else
			folio_buf_put_html(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		folio_buf_put(out, num, n);
		break;
	case JSON_REAL:
		n = format_real(num, sizeof(num), json_real_value(v));
		folio_buf_put(out, num, n);
		break;
	case JSON_TRUE:
		folio_buf_put(out, "true", 4);
		break;
	case JSON_FALSE:
		folio_buf_put(out, "false", 5);
		break;
	default: /* null, objects and arrays print nothing */
		break;
	}
}

static void fail(struct render *r, folio_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct render *r, folio_rule rule, const char *fmt, ...)
{
	if (r->err)
		return;
	folio_buf msg = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, folio_i18n_finding(fmt), ap);
	va_end(ap);
	r->err = folio_error_set("template \"%s\": %s", r->root, msg.ptr);
	r->rule = rule;
	folio_buf_dispose(&msg);
}

static void render_section(struct render *r, const struct node *n, const struct ctx *c,
                           const struct ovr *o)
{
	const json_t *v = lookup(r, c, &n->name);
	if (n->type == N_INVERTED) {
		if (falsey(v))
			render_list(r, n->kids, n->nkids, false, c, o);
		return;
	}
	if (falsey(v))
		return;
	if (!json_is_array(v)) {
		struct ctx f = { v, c };
		render_list(r, n->kids, n->nkids, false, &f, o);
		return;
	}
	for (size_t i = 0; i < json_array_size(v) && !r->err; i++) {
		struct ctx f = { json_array_get(v, i), c };
		render_list(r, n->kids, n->nkids, false, &f, o);
	}
}

/* A partial ({{>name}}) or a parent ({{<name}}...{{/name}}). */
static void render_include(struct render *r, const struct node *n, const struct ctx *c,
                           const struct ovr *o)
{
	const char *name = n->str;
	if (n->flags & F_DYNAMIC) {
		const json_t *v = lookup(r, c, &n->name);
		if (!json_is_string(v))
			return;
		name = json_string_value(v);
	}
	const struct template *t = folio_templates__find(r->set, name);
	if (!t)
		return;
	if (r->partials >= r->set->max_partials) {
		bool again = false;
		for (const struct inc *i = r->incs; i && !again; i = i->up)
			again = i->t == t;
		if (again)
			fail(r, FOLIO_RULE_TEMPLATE_RECURSION,
			     "\"%s\" includes itself more than %zu levels deep with this page's data",
			     name, r->set->max_partials);
		else
			fail(r, FOLIO_RULE_BUDGET_PARTIAL_DEPTH,
			     "partials nest deeper than the partial-depth limit of %zu at \"%s\"",
			     r->set->max_partials, name);
		return;
	}
	size_t saved = r->indent.size;
	folio_buf_put(&r->indent, n->indent, n->indent_len);
	struct ovr frame = { n, o };
	struct inc here = { t, r->incs };
	r->partials++;
	r->incs = &here;
	render_list(r, t->nodes, t->nnodes, !(n->flags & F_STANDALONE), c,
	            n->type == N_PARENT ? &frame : o);
	r->incs = here.up;
	r->partials--;
	folio_buf_truncate(&r->indent, saved);
}

static const struct node *find_block(const struct node *call, const char *name)
{
	for (size_t i = 0; i < call->nkids; i++)
		if (!strcmp(call->kids[i].str, name))
			return &call->kids[i];
	return NULL;
}

static void render_block(struct render *r, const struct node *n, const struct ctx *c,
                         const struct ovr *o)
{
	const struct node *body = n;
	for (const struct ovr *f = o; f; f = f->up) {
		const struct node *def = find_block(f->call, n->str);
		if (def)
			body = def;
	}
	size_t saved = r->indent.size;
	folio_buf_put(&r->indent, n->indent, n->indent_len);
	render_list(r, body->kids, body->nkids, !(n->flags & F_STANDALONE), c, o);
	folio_buf_truncate(&r->indent, saved);
}

static void render_node(struct render *r, const struct node *n, const struct ctx *c,
                        const struct ovr *o)
{
	if (++r->visits > r->set->max_visits) {
		fail(r, FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT,
		     "rendering takes more than %zu steps (nested lists or partials?)", r->set->max_visits);
		return;
	}
	switch (n->type) {
	case N_TEXT:
		folio_buf_put(r->out, n->str, n->len);
		break;
	case N_LINE:
		folio_buf_put(r->out, r->indent.ptr, r->indent.size);
		break;
	case N_VAR:
		put_value(r->out, lookup(r, c, &n->name), n->flags & F_RAW);
		break;
	case N_SECTION: case N_INVERTED:
		render_section(r, n, c, o);
		break;
	case N_PARTIAL: case N_PARENT:
		render_include(r, n, c, o);
		break;
	case N_BLOCK:
		render_block(r, n, c, o);
		break;
	}
	if (r->out->size - r->out_start > r->set->max_output)
		fail(r, FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT,
		     "output passes the template-output limit of %zu bytes", r->set->max_output);
}

/* inline_start: the list continues a line, so a LINE opening it is not one. */
static void render_list(struct render *r, const struct node *nodes, size_t count,
                        bool inline_start, const struct ctx *c, const struct ovr *o)
{
	if (r->depth >= MAX_RENDER_DEPTH) {
		fail(r, FOLIO_RULE_BUDGET_PARTIAL_DEPTH, "sections and partials nest deeper than %d",
		     MAX_RENDER_DEPTH);
		return;
	}
	r->depth++;
	size_t i = inline_start && count && nodes[0].type == N_LINE ? 1 : 0;
	for (; i < count && !r->err; i++)
		render_node(r, &nodes[i], c, o);
	r->depth--;
}

int folio_templates_render(folio_buf *out, const folio_templates *set,
                           const char *name, const json_t *context)
{
	return folio_templates_render_checked(out, set, name, context, NULL);
}

int folio_templates_render_checked(folio_buf *out, const folio_templates *set,
                                   const char *name, const json_t *context, folio_rule *rule)
{
	return folio_templates_render_counted(out, set, name, context, rule, NULL);
}

int folio_templates_render_counted(folio_buf *out, const folio_templates *set, const char *name,
                                   const json_t *context, folio_rule *rule, size_t *steps)
{
	if (steps)
		*steps = 0;
	const struct template *t = folio_templates__find(set, name);
	if (!t) {
		folio_error_set("template \"%s\" not found", name);
		return FOLIO_ENOTFOUND;
	}
	struct render r;
	memset(&r, 0, sizeof(r));
	r.out = out;
	r.set = set;
	r.root = name;
	folio_buf_init(&r.indent);
	r.out_start = out->size;
	struct ctx root = { context, NULL };
	struct inc top = { t, NULL };
	r.incs = &top;
	render_list(&r, t->nodes, t->nnodes, false, &root, NULL);
	folio_buf_dispose(&r.indent);
	if (r.err && rule)
		*rule = r.rule;
	if (steps)
		*steps = r.visits;
	return r.err;
}

