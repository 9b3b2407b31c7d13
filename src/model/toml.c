/*
 * TOML v1.0 front matter to a positioned jansson tree (include/folio/toml.h).
 * This file: keys, tables, arrays, the document; toml_text.c: positions,
 * errors, blanks, strings; toml_scalar.c: dates, numbers, booleans.
 *
 * A recursive-descent parser over the whole text. The text is checked for
 * UTF-8 and control characters first, so the grammar below sees only valid
 * characters and "\r" only before "\n". Recursion is bounded by
 * FOLIO_TOML_MAX_DEPTH (arrays and inline tables count on top of the table
 * they sit in), work by FOLIO_TOML_MAX_NODES and the byte budget.
 *
 * TOML's "defined once" rules need to know how each table came to be, so
 * every table (and every array of tables) has an info record, found by the
 * address of its jansson value:
 *   EXPLICIT  defined by a [header]: a second [header] is an error
 *   IMPLICIT  created as the parent in a [header]: one [header] may define it
 *   DOTTED    created by a dotted key: only more dotted keys of the same
 *             section extend it, never a [header]
 *   FROZEN    an inline table, closed once written
 *   TABLES    an array made by [[header]] (other arrays are static values)
 * The first error stops the parse; every function returns false then.
 */
#include "folio/toml.h"
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/toml_parser.h"
#include "util/alloc.h"
#include "util/banned.h"
/* ---- keys ---- */

static void key_path_dispose(key_path *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->seg[i].text);
	k->n = 0;
}

/* A simple or dotted key, blanks around the dots allowed. */
static bool parse_key(parser *p, key_path *k)
{
	for (;;) {
		if (k->n == MAX_KEYS)
			return FAIL(p, NULL, "key has more than %d parts", MAX_KEYS);
		key_seg *seg = &k->seg[k->n];
		seg->at = folio_toml__here(p);
		folio_buf b = FOLIO_BUF_INIT;
		int c = peek(p, 0);
		if (c == '"' || c == '\'') {
			if (!folio_toml__string(p, &b, false)) {
				folio_buf_dispose(&b);
				return false;
			}
		} else if (is_bare(c)) {
			size_t start = p->i;
			while (is_bare(peek(p, 0)))
				p->i++;
			folio_buf_put(&b, p->s + start, p->i - start);
		} else {
			folio_buf_dispose(&b);
			return folio_toml__fail_expected(p, "a key (letters, digits, \"_\", \"-\" or a quoted name)");
		}
		seg->len = b.size;
		seg->text = folio_buf_detach(&b, NULL);
		k->n++;
		if (!folio_toml__charge(p, seg->len, seg->at))
			return false;
		folio_toml__skip_blanks(p);
		if (peek(p, 0) != '.')
			return true;
		p->i++;
		folio_toml__skip_blanks(p);
	}
}

/* "a.b.c" for messages: parts [0, n) of k. */
static char *key_name(const key_path *k, size_t n)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			folio_buf_putc(&b, '.');
		bool bare = k->seg[i].len > 0;
		for (size_t j = 0; j < k->seg[i].len; j++)
			bare &= is_bare((unsigned char)k->seg[i].text[j]);
		if (bare) {
			folio_buf_put(&b, k->seg[i].text, k->seg[i].len);
		} else {
			folio_buf_putc(&b, '\'');
			folio_buf_put(&b, k->seg[i].text, k->seg[i].len);
			folio_buf_putc(&b, '\'');
		}
	}
	return folio_buf_detach(&b, NULL);
}

/* ---- tables ---- */

static info *info_of(parser *p, const json_t *v)
{
	char name[32];
	snprintf(name, sizeof(name), "%p", (const void *)v);
	json_t *idx = json_object_get(p->index, name);
	return idx ? &p->infos[json_integer_value(idx)] : NULL;
}

static info *add_info(parser *p, const json_t *v, unsigned flags, size_t pos, unsigned depth)
{
	char name[32];
	snprintf(name, sizeof(name), "%p", (const void *)v);
	FOLIO_ARRAY_GROW(p->infos, p->ninfos, p->ainfos, p->ninfos + 1);
	p->infos[p->ninfos] = (info){ flags, pos, depth };
	json_object_set_new(p->index, name, json_integer((json_int_t)p->ninfos));
	return &p->infos[p->ninfos++];
}

static bool deep_enough(parser *p, unsigned depth, mark at)
{
	if (depth <= FOLIO_TOML_MAX_DEPTH)
		return true;
	return folio_toml__fail_at(p, at, NULL, "nesting deeper than %d levels", FOLIO_TOML_MAX_DEPTH);
}

/* A new table as member seg of parent (at seg's position); returns it, borrowed. */
static json_t *new_table(parser *p, json_t *parent, const key_seg *seg, unsigned flags, mark at)
{
	info pi = *info_of(p, parent);
	if (!deep_enough(p, pi.depth + 1, seg->at) || !folio_toml__charge(p, 0, seg->at))
		return NULL;
	json_t *t = json_object();
	size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'o');
	json_object_setn_new(parent, seg->text, seg->len, t);
	folio_yaml__pos_link(p->doc, pi.pos, seg->text, seg->len, pos, seg->at.line, seg->at.column);
	add_info(p, t, flags, pos, pi.depth + 1);
	return t;
}

/* ---- values ---- */

static bool value(parser *p, json_t **out, size_t *pos_out, unsigned depth);

static bool array(parser *p, json_t **out, size_t *pos_out, unsigned depth)
{
	mark at = folio_toml__here(p);
	if (!deep_enough(p, depth + 1, at) || !folio_toml__charge(p, 0, at))
		return false;
	json_t *a = json_array();
	size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'a');
	p->i++;
	for (;;) {
		folio_toml__skip_space(p);
		if (peek(p, 0) == ']')
			break;
		json_t *v;
		size_t vpos;
		if (!value(p, &v, &vpos, depth + 1)) {
			json_decref(a);
			return false;
		}
		json_array_append_new(a, v);
		folio_yaml__pos_link(p->doc, pos, NULL, 0, vpos, 0, 0);
		folio_toml__skip_space(p);
		if (peek(p, 0) == ',') {
			p->i++;
			continue;
		}
		if (peek(p, 0) != ']') {
			json_decref(a);
			return folio_toml__fail_expected(p, "\",\" or \"]\"");
		}
		break;
	}
	p->i++;
	*out = a;
	*pos_out = pos;
	return true;
}

static bool key_value(parser *p, json_t *table);

static bool inline_table(parser *p, json_t **out, size_t *pos_out, unsigned depth)
{
	mark at = folio_toml__here(p);
	if (!deep_enough(p, depth + 1, at) || !folio_toml__charge(p, 0, at))
		return false;
	json_t *t = json_object();
	size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'o');
	info *in = add_info(p, t, DOTTED, pos, depth + 1);
	size_t self = (size_t)(in - p->infos);
	p->i++;
	folio_toml__skip_blanks(p);
	if (peek(p, 0) != '}') {
		for (;;) {
			if (!key_value(p, t)) {
				json_decref(t);
				return false;
			}
			folio_toml__skip_blanks(p);
			if (peek(p, 0) == '}')
				break;
			if (peek(p, 0) != ',') {
				json_decref(t);
				return folio_toml__fail_expected(p, at_newline(p) ? "\"}\" on the same line" : "\",\" or \"}\"");
			}
			p->i++;
			folio_toml__skip_blanks(p);
		}
	}
	p->i++;
	p->infos[self].flags = FROZEN; /* nothing may add to it afterwards */
	*out = t;
	*pos_out = pos;
	return true;
}

static bool value(parser *p, json_t **out, size_t *pos_out, unsigned depth)
{
	mark at = folio_toml__here(p);
	int c = peek(p, 0);
	if (c == '[')
		return array(p, out, pos_out, depth);
	if (c == '{')
		return inline_table(p, out, pos_out, depth);
	json_t *v = NULL;
	if (c == '"' || c == '\'') {
		folio_buf b = FOLIO_BUF_INIT;
		if (folio_toml__string(p, &b, true) && folio_toml__charge(p, b.size, at))
			v = json_stringn(b.ptr, b.size);
		folio_buf_dispose(&b);
	} else {
		v = folio_toml__bare_value(p, at);
	}
	if (!v)
		return false;
	*out = v;
	*pos_out = folio_yaml__pos_add(p->doc, at.line, at.column, 's');
	return true;
}

/* ---- key/value pairs and headers ---- */

/* key = value into table (a section's table or an inline table being written). */
static bool key_value(parser *p, json_t *table)
{
	key_path k = { .n = 0 };
	bool ok = false;
	char *name = NULL;
	if (!parse_key(p, &k))
		goto done;
	if (peek(p, 0) != '=') {
		folio_toml__fail_expected(p, "\"=\" after the key");
		goto done;
	}
	p->i++;
	folio_toml__skip_blanks(p);
	for (size_t i = 0; i + 1 < k.n; i++) {
		const key_seg *seg = &k.seg[i];
		json_t *next = json_object_getn(table, seg->text, seg->len);
		if (!next) {
			table = new_table(p, table, seg, DOTTED, seg->at);
			if (!table)
				goto done;
			continue;
		}
		info *in = json_is_object(next) ? info_of(p, next) : NULL;
		if (!in || in->flags != DOTTED) {
			name = key_name(&k, i + 1);
			folio_toml__fail_at(p, seg->at, "set it where it is defined",
			        "cannot add to \"%s\" with a dotted key: it is %s", name,
			        !in ? "already a value" : in->flags == FROZEN ? "an inline table"
			        : "a table defined by a header");
			goto done;
		}
		table = next;
	}
	const key_seg *last = &k.seg[k.n - 1];
	if (json_object_getn(table, last->text, last->len)) {
		name = key_name(&k, k.n);
		folio_toml__fail_at(p, last->at, "keep one of them", "duplicate key \"%s\"", name);
		goto done;
	}
	json_t *v;
	size_t vpos;
	if (!value(p, &v, &vpos, info_of(p, table)->depth))
		goto done;
	json_object_setn_new(table, last->text, last->len, v);
	folio_yaml__pos_link(p->doc, info_of(p, table)->pos, last->text, last->len, vpos,
	                     last->at.line, last->at.column);
	ok = true;
done:
	free(name);
	key_path_dispose(&k);
	return ok;
}

/* The table that [a.b] or [[a.b]] names a part of: walks parts [0, n-1). */
static json_t *walk_header(parser *p, const key_path *k)
{
	json_t *t = folio_yaml_root(p->doc);
	for (size_t i = 0; i + 1 < k->n; i++) {
		const key_seg *seg = &k->seg[i];
		json_t *next = json_object_getn(t, seg->text, seg->len);
		if (!next) {
			t = new_table(p, t, seg, IMPLICIT, seg->at);
			if (!t)
				return NULL;
			continue;
		}
		info *in = info_of(p, next);
		if (json_is_array(next) && in && (in->flags & TABLES)) {
			t = json_array_get(next, json_array_size(next) - 1);
			continue;
		}
		if (!json_is_object(next) || (in && in->flags == FROZEN)) {
			char *name = key_name(k, i + 1);
			folio_toml__fail_at(p, seg->at, "write its fields where it is defined",
			        "cannot add to \"%s\" in a header: it is %s", name,
			        json_is_object(next) ? "an inline table" : "already a value");
			free(name);
			return NULL;
		}
		t = next;
	}
	return t;
}

/* [a.b] or [[a.b]] at the first '['; *table becomes the section's table. */
static bool header(parser *p, json_t **table)
{
	mark at = folio_toml__here(p);
	bool aot = peek(p, 1) == '[';
	p->i += aot ? 2 : 1;
	folio_toml__skip_blanks(p);
	key_path k = { .n = 0 };
	bool ok = false;
	char *name = NULL;
	if (!parse_key(p, &k))
		goto done;
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		folio_toml__fail_expected(p, aot ? "\"]]\" to close the header" : "\"]\" to close the header");
		goto done;
	}
	p->i += aot ? 2 : 1;
	json_t *parent = walk_header(p, &k);
	if (!parent)
		goto done;
	const key_seg *last = &k.seg[k.n - 1];
	json_t *t = json_object_getn(parent, last->text, last->len);
	info *in = t ? info_of(p, t) : NULL;
	name = key_name(&k, k.n);
	if (!aot) {
		if (!t) {
			t = new_table(p, parent, last, EXPLICIT, at);
		} else if (json_is_object(t) && in && in->flags == IMPLICIT) {
			in->flags = EXPLICIT;
			folio_yaml__pos_move(p->doc, in->pos, at.line, at.column);
		} else if (!json_is_object(t) || (in && in->flags == FROZEN)) {
			folio_toml__fail_at(p, last->at, "use another name for the table",
			        "\"%s\" is already defined as a value", name);
			goto done;
		} else {
			folio_toml__fail_at(p, last->at, "merge the two into one table",
			        "table \"%s\" is defined twice", name);
			goto done;
		}
		*table = t;
		ok = t != NULL;
		goto done;
	}
	if (!t) {
		info pi = *info_of(p, parent);
		if (!deep_enough(p, pi.depth + 2, last->at) || !folio_toml__charge(p, 0, at))
			goto done;
		t = json_array();
		size_t pos = folio_yaml__pos_add(p->doc, at.line, at.column, 'a');
		json_object_setn_new(parent, last->text, last->len, t);
		folio_yaml__pos_link(p->doc, pi.pos, last->text, last->len, pos, last->at.line,
		                     last->at.column);
		in = add_info(p, t, TABLES, pos, pi.depth + 1);
	} else if (!json_is_array(t) || !in || !(in->flags & TABLES)) {
		folio_toml__fail_at(p, last->at, "use another name, or write every element as [[...]]",
		        "\"%s\" is already defined, not as an array of tables", name);
		goto done;
	}
	if (!folio_toml__charge(p, 0, at))
		goto done;
	json_t *elem = json_object();
	size_t epos = folio_yaml__pos_add(p->doc, at.line, at.column, 'o');
	size_t apos = in->pos;
	unsigned depth = in->depth + 1;
	json_array_append_new(t, elem);
	folio_yaml__pos_link(p->doc, apos, NULL, 0, epos, 0, 0);
	add_info(p, elem, EXPLICIT, epos, depth);
	*table = elem;
	ok = true;
done:
	free(name);
	key_path_dispose(&k);
	return ok;
}

static bool document(parser *p)
{
	json_t *table = folio_yaml_root(p->doc);
	for (;;) {
		folio_toml__skip_space(p);
		if (p->i >= p->len)
			return true;
		bool ok = peek(p, 0) == '[' ? header(p, &table) : key_value(p, table);
		if (!ok || !folio_toml__end_of_line(p))
			return false;
	}
}

int folio_toml_parse(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                     unsigned first_line, folio_rule rule, size_t max_bytes,
                     folio_diags *diags)
{
	*out = NULL;
	parser p;
	memset(&p, 0, sizeof(p));
	p.s = data;
	p.len = len;
	p.first_line = first_line ? first_line : 1;
	p.path = path;
	p.rule = rule;
	p.diags = diags;
	p.max_bytes = max_bytes;
	p.index = json_object();
	p.doc = folio_yaml__doc_new();
	json_t *root = json_object();
	folio_yaml__doc_set_root(p.doc, root);
	add_info(&p, root, EXPLICIT, folio_yaml__pos_add(p.doc, p.first_line, 1, 'o'), 0);

	bool ok = folio_toml__check_text(&p);
	if (ok) {
		p.i = p.line = 0;
		p.line_start = p.col_off = 0;
		p.col_chars = 0;
		ok = document(&p);
	}
	json_decref(p.index);
	free(p.infos);
	if (!ok) {
		folio_yaml_free(p.doc);
		return 0;
	}
	*out = p.doc;
	return 0;
}
