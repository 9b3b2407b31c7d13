/*
 * YAML text to a jansson value, remembering where each value came from.
 * Plain scalars are resolved by yaml_scalar.c, positions by yaml_doc.c.
 *
 * libyaml's event parser drives an explicit stack (no recursion), so the
 * work and memory stay bounded by FOLIO_YAML_MAX_DEPTH and
 * FOLIO_YAML_MAX_NODES whatever the input. Every node gets a position
 * record; pos[0] is the root's. A container's record indexes its children
 * (a JSON object key -> record index for a mapping, an array of record
 * indexes for a sequence), so a JSON pointer is resolved one segment at a
 * time in the record tree.
 *
 * Aliases are expanded by sharing: the alias takes a new reference to the
 * anchored value (json_incref), so the tree may be a DAG and is read-only
 * for everyone. An anchor is registered only once its node is complete,
 * so no cycle can form (an alias inside its own anchor is "unknown").
 * The alias's own position stands for everything under it. Expansion is
 * charged in full to the node, byte and depth budgets, which refuses an
 * alias bomb after a bounded amount of work.
 */
#include "folio/yaml.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "folio/i18n.h"
#include "model/yaml_doc.h"
#include "model/yaml_hint.h"
#include "model/yaml_scalar.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* Scalar text that alias expansion may add on top of the input's own. */
#define MAX_ALIAS_BYTES ((size_t)16 << 20)
/* Characters of a finding's message (it may quote a long key). */
#define MAX_MESSAGE 200

/* An open container. */
typedef struct {
	json_t *value;   /* borrowed: its parent (or the doc) holds it */
	size_t pos;
	char *anchor;    /* registered when the container ends; owned */
	size_t nodes_start, bytes_start;
	unsigned height; /* containers on its deepest branch, itself included */
	char *key;       /* pending mapping key (owned); NULL while a key is expected */
	size_t key_len;
	unsigned key_line, key_column;
} frame;

typedef struct {
	json_t *value;   /* borrowed from the tree */
	size_t nodes, bytes;
	unsigned height;
} anchor_rec;

typedef struct {
	folio_yaml_doc *doc;
	const char *path;
	unsigned first_line;
	folio_rule rule;
	folio_diags *diags;
	bool failed;
	int documents;
	bool root_empty; /* the root is an empty plain scalar: the document is empty */
	frame stack[FOLIO_YAML_MAX_DEPTH];
	size_t depth;
	json_t *anchor_index; /* name -> index into anchors */
	anchor_rec *anchors;
	size_t nanchors, aanchors;
	size_t nodes, bytes, max_bytes;
	bool budget; /* max_bytes is the caller's front-matter budget, not the safety net */
	bool last_wins; /* a key given twice: the last value (a generator's configuration) */
	bool name_dups; /* ... and each such key a finding of dup_rule (a page's front matter) */
	folio_rule dup_rule;
	folio_rule key_rule; /* a page's front matter: a key that is a collection, left out */
	unsigned skip;       /* > 0: inside a key left out (or its value), this many collections deep */
	bool skipping_key;   /* ... the key's */
	bool skip_value;     /* the key left out has ended: its value, the next node, goes too */
	json_t *replaced; /* the values last_wins set aside, kept alive: an anchor may name one */
} builder;

static void fail_at(builder *b, unsigned line, unsigned column, const char *hint,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail_at(builder *b, unsigned line, unsigned column, const char *hint,
                    const char *fmt, ...)
{
	if (b->failed)
		return;
	b->failed = true;
	va_list ap;
	va_start(ap, fmt);
	folio_diags_vadd(b->diags, b->rule, b->path, line, column, hint, MAX_MESSAGE, fmt, ap);
	va_end(ap);
}

#define FAIL_MARK(b, mark, hint, ...) \
	fail_at((b), (unsigned)(mark).line + (b)->first_line, (unsigned)(mark).column + 1, \
	        (hint), __VA_ARGS__)

static json_t *tagged_scalar(builder *b, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	/* timestamps and binary have no JSON type: keep the text; PyYAML's
	 * !!python/str and !!python/unicode are strings (the Open Data
	 * Handbook's front matter, dumped by Python 2), as Ruby's YAML and so
	 * Jekyll read them */
	if (!strcmp(tag, "!") || folio_yaml__tag_is(tag, "str") || folio_yaml__tag_is(tag, "timestamp") ||
	    folio_yaml__tag_is(tag, "binary") || folio_yaml__tag_is(tag, "python/str") ||
	    folio_yaml__tag_is(tag, "python/unicode"))
		return json_stringn(s, len);
	const char *want = folio_yaml__tag_is(tag, "null") ? "null" : folio_yaml__tag_is(tag, "bool") ? "bool"
	                 : folio_yaml__tag_is(tag, "int") ? "int" : folio_yaml__tag_is(tag, "float") ? "float" : NULL;
	if (!want) {
		FAIL_MARK(b, ev->start_mark, NULL, "tag \"%s\" is not supported", tag);
		return NULL;
	}
	json_t *v = folio_yaml__resolve_plain(s, len);
	bool ok = (!strcmp(want, "null") && json_is_null(v)) ||
	          (!strcmp(want, "bool") && json_is_boolean(v)) ||
	          (!strcmp(want, "int") && json_is_integer(v)) ||
	          (!strcmp(want, "float") && json_is_number(v));
	if (!strcmp(want, "float") && json_is_integer(v)) {
		json_t *r = json_real((double)json_integer_value(v));
		json_decref(v);
		v = r;
	}
	if (!ok) {
		json_decref(v);
		FAIL_MARK(b, ev->start_mark, NULL, "\"%s\" is not a valid !!%s", s, want);
		return NULL;
	}
	return v;
}

static json_t *scalar_value(builder *b, const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	json_t *v;
	if (memchr(s, '\0', len)) {
		/* "\0" or "\u0000" in a quoted scalar: every reader of the
		 * value would stop there ("/x\u0000/../../y" read as "/x") */
		FAIL_MARK(b, ev->start_mark, "remove the \\0 or \\u0000", "a value holds a NUL character");
		return NULL;
	}
	if (ev->data.scalar.tag)
		v = tagged_scalar(b, ev);
	else if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		v = folio_yaml__resolve_plain(s, len);
	else
		v = json_stringn(s, len);
	if (!v)
		FAIL_MARK(b, ev->start_mark, NULL, "scalar is not valid UTF-8");
	return v;
}

/* ---- tree building ---- */

static size_t new_pos(builder *b, yaml_mark_t mark)
{
	folio_yaml_doc *doc = b->doc;
	FOLIO_ARRAY_GROW(doc->pos, doc->npos, doc->apos, doc->npos + 1);
	pos_rec *p = &doc->pos[doc->npos];
	memset(p, 0, sizeof(*p));
	p->line = (unsigned)mark.line + b->first_line;
	p->column = (unsigned)mark.column + 1;
	return doc->npos++;
}

static frame *top(builder *b)
{
	return b->depth ? &b->stack[b->depth - 1] : NULL;
}

static bool expecting_key(builder *b)
{
	frame *f = top(b);
	return f && json_is_object(f->value) && !f->key;
}

/* Charge n nodes and bytes of scalar text; false (and a finding) past a limit. */
static bool charge(builder *b, size_t nodes, size_t bytes, yaml_mark_t mark)
{
	b->nodes += nodes;
	b->bytes += bytes;
	if (b->nodes > FOLIO_YAML_MAX_NODES) {
		if (nodes > 1)
			FAIL_MARK(b, mark, NULL, "too many nodes (alias expansion?)");
		else
			FAIL_MARK(b, mark, NULL, "too many nodes (more than %d)", FOLIO_YAML_MAX_NODES);
		return false;
	}
	if (b->bytes > b->max_bytes && b->budget) {
		/* counted before the node or alias is attached: what the page would
		 * render is refused while the parser has spent only what it read */
		b->rule = FOLIO_RULE_BUDGET_FRONT_MATTER;
		FAIL_MARK(b, mark, "use fewer aliases or shorter values, or raise the front-matter limit",
		          "front matter expands to at least %zu bytes here (aliases counted as expanded), "
		          "more than the front-matter limit of %zu", b->bytes, b->max_bytes);
		return false;
	}
	if (b->bytes > b->max_bytes) {
		FAIL_MARK(b, mark, NULL, "aliases expand to too much text");
		return false;
	}
	return true;
}

static void raise_height(builder *b, unsigned child_height)
{
	frame *f = top(b);
	if (f && f->height < child_height + 1)
		f->height = child_height + 1;
}

/* Hang v (a new reference, stolen) with record p under the open container. */
static void attach(builder *b, json_t *v, size_t p)
{
	frame *f = top(b);
	if (!f) {
		json_decref(b->doc->root);
		b->doc->root = v;
		return;
	}
	pos_rec *parent = &b->doc->pos[f->pos];
	if (json_is_array(f->value)) {
		json_array_append_new(f->value, v);
		json_array_append_new(parent->kids, json_integer((json_int_t)p));
		return;
	}
	json_object_setn_new(f->value, f->key, f->key_len, v);
	json_object_setn_new(parent->kids, f->key, f->key_len, json_integer((json_int_t)p));
	b->doc->pos[p].key_line = f->key_line;
	b->doc->pos[p].key_column = f->key_column;
	free(f->key);
	f->key = NULL;
}

static void add_anchor(builder *b, const char *name, json_t *v, size_t nodes,
                       size_t bytes, unsigned height)
{
	FOLIO_ARRAY_GROW(b->anchors, b->nanchors, b->aanchors, b->nanchors + 1);
	b->anchors[b->nanchors] = (anchor_rec){ v, nodes, bytes, height };
	/* a later anchor of the same name replaces the earlier one, as in YAML */
	json_object_set_new(b->anchor_index, name, json_integer((json_int_t)b->nanchors));
	b->nanchors++;
}

static void on_key(builder *b, const yaml_event_t *ev)
{
	frame *f = top(b);
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	if (!charge(b, 1, len, ev->start_mark))
		return;
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag &&
	    folio_yaml__text_is(s, len, "<<")) {
		FAIL_MARK(b, ev->start_mark, "repeat the fields instead of merging them",
		          "merge keys (\"<<\") are not supported");
		return;
	}
	json_t *old = json_object_getn(f->value, s, len);
	if (old && b->last_wins) {
		json_array_append(b->replaced, old);
		if (b->name_dups)
			folio_diags_add(b->diags, b->dup_rule, b->path, (unsigned)ev->start_mark.line + b->first_line,
			                (unsigned)ev->start_mark.column + 1, "keep one of them",
			                "key \"%.*s\" is given twice: the last value is read", (int)(len < 64 ? len : 64), s);
	} else if (old) {
		FAIL_MARK(b, ev->start_mark, NULL, "duplicate key \"%s\"", s);
		return;
	}
	f->key = folio_xstrndup(s, len);
	f->key_len = len;
	f->key_line = (unsigned)ev->start_mark.line + b->first_line;
	f->key_column = (unsigned)ev->start_mark.column + 1;
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
	if (expecting_key(b)) {
		on_key(b, ev);
		return;
	}
	size_t len = ev->data.scalar.length;
	if (!charge(b, 1, len, ev->start_mark))
		return;
	json_t *v = scalar_value(b, ev);
	if (!v)
		return;
	if (!b->depth)
		b->root_empty = len == 0 && json_is_null(v) && !ev->data.scalar.tag;
	attach(b, v, new_pos(b, ev->start_mark));
	raise_height(b, 0);
	if (ev->data.scalar.anchor)
		add_anchor(b, (const char *)ev->data.scalar.anchor, v, 1, len, 0);
}

/* A mapping or sequence PyYAML dumped with a Python class's tag
 * (!!python/object/new:toml.decoder.DynamicInlineTableDict, which the
 * Academic theme's import tool wrote in authors' front matter) is read as
 * the plain collection, as Go's YAML (Hugo) and Ruby's (Jekyll) read it. */
static bool collection_tag_ok(const char *tag, const char *want)
{
	static const char python[] = "tag:yaml.org,2002:python/";
	return !tag || !strcmp(tag, "!") || folio_yaml__tag_is(tag, want) ||
	       !strncmp(tag, python, sizeof(python) - 1);
}

static void on_start(builder *b, const yaml_event_t *ev)
{
	bool is_map = ev->type == YAML_MAPPING_START_EVENT;
	const char *tag = (const char *)(is_map ? ev->data.mapping_start.tag
	                                        : ev->data.sequence_start.tag);
	const char *anchor = (const char *)(is_map ? ev->data.mapping_start.anchor
	                                           : ev->data.sequence_start.anchor);
	if (expecting_key(b) && b->name_dups) {
		/* "[//]: # (a note)": no field anyone can name; Ruby's YAML reads it */
		unsigned line = (unsigned)ev->start_mark.line + b->first_line, col = (unsigned)ev->start_mark.column + 1;
		const char *hint = FOLIO_N_("write a comment as a line starting with #");
		if (is_map) /* each message whole, for the catalogues */
			folio_diags_add(b->diags, b->key_rule, b->path, line, col, hint,
			                "a key that is a mapping is no field: left out, with its value");
		else
			folio_diags_add(b->diags, b->key_rule, b->path, line, col, hint,
			                "a key that is a sequence is no field: left out, with its value");
		b->skip = 1;
		b->skipping_key = true;
		return;
	}
	if (expecting_key(b)) {
		FAIL_MARK(b, ev->start_mark, "quote the key or write it on one line",
		          "mapping keys must be scalars, not %s", is_map ? "mappings" : "sequences");
		return;
	}
	if (b->depth >= FOLIO_YAML_MAX_DEPTH) {
		FAIL_MARK(b, ev->start_mark, NULL, "nesting deeper than %d levels",
		          FOLIO_YAML_MAX_DEPTH);
		return;
	}
	if (!collection_tag_ok(tag, is_map ? "map" : "seq")) {
		FAIL_MARK(b, ev->start_mark, NULL, "tag \"%s\" is not supported", tag);
		return;
	}
	if (!charge(b, 1, 0, ev->start_mark))
		return;
	json_t *v = is_map ? json_object() : json_array();
	size_t p = new_pos(b, ev->start_mark);
	b->doc->pos[p].kids = is_map ? json_object() : json_array();
	attach(b, v, p);
	frame *f = &b->stack[b->depth++];
	memset(f, 0, sizeof(*f));
	f->value = v;
	f->pos = p;
	f->anchor = anchor ? folio_xstrdup(anchor) : NULL;
	f->nodes_start = b->nodes - 1;
	f->bytes_start = b->bytes;
	f->height = 1;
}

static void on_end(builder *b)
{
	if (!b->depth)
		return;
	frame f = b->stack[--b->depth];
	free(f.key);
	if (f.anchor) {
		add_anchor(b, f.anchor, f.value, b->nodes - f.nodes_start,
		           b->bytes - f.bytes_start, f.height);
		free(f.anchor);
	}
	raise_height(b, f.height);
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	if (expecting_key(b)) {
		FAIL_MARK(b, ev->start_mark, "write the key itself",
		          "an alias (\"*%s\") cannot be a mapping key", name);
		return;
	}
	json_t *idx = json_object_get(b->anchor_index, name);
	if (!idx) {
		FAIL_MARK(b, ev->start_mark, "define its anchor (&name) before the alias (*name)",
		          "unknown alias \"*%s\"", name);
		return;
	}
	anchor_rec a = b->anchors[json_integer_value(idx)];
	if (!charge(b, a.nodes, a.bytes, ev->start_mark))
		return;
	if (b->depth + a.height > FOLIO_YAML_MAX_DEPTH) {
		FAIL_MARK(b, ev->start_mark, NULL, "nesting deeper than %d levels",
		          FOLIO_YAML_MAX_DEPTH);
		return;
	}
	b->doc->alias_bytes += a.bytes;
	attach(b, json_incref(a.value), new_pos(b, ev->start_mark));
	raise_height(b, a.height);
}

/* While a key left out, then its value, go by: true when ev is theirs. */
static bool skipped(builder *b, const yaml_event_t *ev)
{
	bool start = ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT;
	bool end = ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT;
	if (b->skip) {
		b->skip += start;
		b->skip -= end;
		if (!b->skip && b->skipping_key) { /* the key is over: its value next */
			b->skipping_key = false;
			b->skip_value = true;
		}
		return true;
	}
	if (!b->skip_value || !(start || ev->type == YAML_SCALAR_EVENT || ev->type == YAML_ALIAS_EVENT))
		return false;
	b->skip_value = false;
	b->skip = start;
	return true;
}

static void on_event(builder *b, const yaml_event_t *ev)
{
	if (skipped(b, ev))
		return;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1)
			FAIL_MARK(b, ev->start_mark, "keep one document: remove this \"---\" line",
			          "more than one document");
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(b, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		on_start(b, ev);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_end(b);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(b, ev);
		break;
	default:
		break;
	}
}

/* Line and column of byte offset in data (reader errors carry no mark). */
static void offset_position(const char *data, size_t len, size_t offset,
                            unsigned *line, unsigned *column)
{
	unsigned l = 0, c = 0;
	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		if (data[i] == '\n') {
			l++;
			c = 0;
		} else if ((data[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*column = c;
}

/* libyaml's words an author meets most, for the catalogues: the site's
 * language gets them translated, the others stay as libyaml has them. */
static const char *const libyaml_texts[] = {
	FOLIO_N_("mapping values are not allowed in this context"),
	FOLIO_N_("did not find expected key"),
	FOLIO_N_("found character that cannot start any token"),
	FOLIO_N_("found unexpected end of stream"),
	FOLIO_N_("did not find expected node content"),
	FOLIO_N_("could not find expected ':'"),
	FOLIO_N_("did not find expected '-' indicator"),
	FOLIO_N_("block sequence entries are not allowed in this context"),
	FOLIO_N_("found a tab character that violates indentation"),
	FOLIO_N_("found unknown escape character"),
	FOLIO_N_("control characters are not allowed"),
	FOLIO_N_("invalid leading UTF-8 octet"),
	FOLIO_N_("incomplete UTF-8 octet sequence"),
	FOLIO_N_("while scanning a simple key"),
	FOLIO_N_("while scanning a quoted scalar"),
	FOLIO_N_("while scanning a plain scalar"),
	FOLIO_N_("while scanning a block scalar"),
	FOLIO_N_("while parsing a block mapping"),
	FOLIO_N_("while parsing a block collection"),
	FOLIO_N_("while parsing a flow sequence"),
	FOLIO_N_("while parsing a flow mapping"),
	FOLIO_N_("while parsing a node"),
	FOLIO_N_("while scanning for the next token"),
	FOLIO_N_("did not find expected ',' or ']'"),
	FOLIO_N_("did not find expected ',' or '}'"),
	FOLIO_N_("cannot parse YAML"),
};

static const char *libyaml_text(const char *s)
{
	for (size_t i = 0; i < sizeof(libyaml_texts) / sizeof(*libyaml_texts); i++)
		if (!strcmp(s, libyaml_texts[i]))
			return folio_i18n_finding(libyaml_texts[i]);
	return s;
}

static void report_parser_error(builder *b, const yaml_parser_t *parser,
                                const char *data, size_t len)
{
	const char *problem = parser->problem ? parser->problem : "cannot parse YAML";
	folio_buf msg = FOLIO_BUF_INIT;
	folio_buf_puts(&msg, libyaml_text(problem));
	if (parser->context)
		folio_buf_printf(&msg, " %s", libyaml_text(parser->context));
	if (parser->error == YAML_READER_ERROR && parser->problem_value != -1)
		folio_buf_printf(&msg, " (byte 0x%02X)", (unsigned)parser->problem_value & 0xFF);
	if (msg.ptr[0] >= 'A' && msg.ptr[0] <= 'Z')
		msg.ptr[0] = (char)(msg.ptr[0] - 'A' + 'a');
	size_t cause_line = parser->problem_mark.line, cause_column = parser->problem_mark.column;
	char *hint = parser->error == YAML_READER_ERROR ? NULL
	             : folio_yaml__plain_hint(data, len, parser->problem_mark.line,
	                                      parser->problem_mark.column, b->first_line,
	                                      parser->problem, parser->context, &cause_line,
	                                      &cause_column);
	unsigned line, column;
	if (parser->error == YAML_READER_ERROR) {
		offset_position(data, len, parser->problem_offset, &line, &column);
	} else if (parser->context && parser->problem_mark.index >= len) {
		/* the input ended inside a construct: point where it was opened,
		 * not past the end (which would be the closing "---" line) */
		line = (unsigned)parser->context_mark.line;
		column = (unsigned)parser->context_mark.column;
		folio_buf_puts(&msg, folio_i18n_finding(", opened here and never closed"));
	} else {
		/* where the hint places the mistake, when it recognised one */
		line = (unsigned)cause_line;
		column = (unsigned)cause_column;
	}
	fail_at(b, line + b->first_line, column + 1, hint, "%s", msg.ptr);
	free(hint);
	folio_buf_dispose(&msg);
}

static void builder_dispose(builder *b)
{
	while (b->depth) {
		frame *f = &b->stack[--b->depth];
		free(f->key);
		free(f->anchor);
	}
	json_decref(b->anchor_index);
	json_decref(b->replaced);
	free(b->anchors);
}

/* An empty stream or document is an empty mapping at the data's start. */
static void default_root(builder *b)
{
	if (b->doc->root && !b->root_empty)
		return;
	json_decref(b->doc->root);
	b->doc->root = json_object();
	if (!b->doc->npos) {
		yaml_mark_t start = { 0, 0, 0 };
		new_pos(b, start);
	}
	b->doc->pos[0].kids = json_object();
}

int folio_yaml_parse(folio_yaml_doc **out, const char *data, size_t len,
                     const char *path, unsigned first_line, folio_rule rule,
                     folio_diags *diags)
{
	return folio_yaml_parse_limited(out, data, len, path, first_line, rule, SIZE_MAX, diags);
}

/* dups: 0, a key given twice is an error of rule; 1, its last value is
 * read; 2, read and named as a finding of dup_rule. */
static int parse(folio_yaml_doc **out, const char *data, size_t len, const char *path, unsigned first_line,
                 folio_rule rule, size_t max_expanded, int dups, folio_rule dup_rule, folio_rule key_rule,
                 folio_diags *diags);

int folio_yaml_parse_limited(folio_yaml_doc **out, const char *data, size_t len,
                             const char *path, unsigned first_line, folio_rule rule,
                             size_t max_expanded, folio_diags *diags)
{
	return parse(out, data, len, path, first_line, rule, max_expanded, 0, rule, rule, diags);
}

int folio_yaml_parse_front_matter(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                                  unsigned first_line, folio_rule rule, size_t max_expanded, folio_rule dup_rule,
                                  folio_rule key_rule, folio_diags *diags)
{
	return parse(out, data, len, path, first_line, rule, max_expanded, 2, dup_rule, key_rule, diags);
}

int folio_yaml_parse_last_wins(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                               folio_rule rule, folio_diags *diags)
{
	return parse(out, data, len, path, 1, rule, SIZE_MAX, 1, rule, rule, diags);
}

static int parse(folio_yaml_doc **out, const char *data, size_t len, const char *path, unsigned first_line,
                 folio_rule rule, size_t max_expanded, int dups, folio_rule dup_rule, folio_rule key_rule,
                 folio_diags *diags)
{
	*out = NULL;
	/* a UTF-8 byte order mark is no column of line 1 */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return folio_error_set("yaml: cannot initialize the parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	builder b;
	memset(&b, 0, sizeof(b));
	b.doc = folio_xcalloc(1, sizeof(*b.doc));
	b.path = path;
	b.first_line = first_line ? first_line : 1;
	b.rule = rule;
	b.diags = diags;
	b.anchor_index = json_object();
	b.last_wins = dups > 0;
	b.name_dups = dups == 2;
	b.dup_rule = dup_rule;
	b.key_rule = key_rule;
	b.replaced = json_array();
	b.max_bytes = len + MAX_ALIAS_BYTES;
	if (max_expanded < b.max_bytes) {
		b.max_bytes = max_expanded;
		b.budget = true;
	}

	int rc = 0;
	bool done = false;
	while (!done && !b.failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR)
				rc = folio_error_set("yaml: out of memory parsing \"%s\"", path);
			else
				report_parser_error(&b, &parser, data, len);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	builder_dispose(&b);
	yaml_parser_delete(&parser);
	if (b.failed || rc < 0) {
		folio_yaml_free(b.doc);
		return rc;
	}
	default_root(&b);
	*out = b.doc;
	return 0;
}

void folio_yaml_put_string(folio_buf *b, const char *s)
{
	json_t *v = json_string(s ? s : "");
	char *t = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
	folio_buf_puts(b, t ? t : "\"\"");
	free(t);
	json_decref(v);
}
