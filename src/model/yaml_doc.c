/*
 * A parsed document's value and its position records: a JSON pointer
 * resolved one segment at a time through the record tree to a line and a
 * column; and the calls that let another syntax (TOML) build a document
 * (model/yaml_doc.h).
 */
#include "folio/yaml.h"

#include <stdlib.h>
#include <string.h>

#include "model/yaml_doc.h"
#include "model/yaml_scalar.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"
json_t *folio_yaml_root(const folio_yaml_doc *doc)
{
	return doc ? doc->root : NULL;
}

/* ---- positions ---- */

/* Decode one RFC 6901 segment (up to '/' or the end) into seg; returns its end. */
static const char *next_segment(const char *p, folio_buf *seg)
{
	folio_buf_clear(seg);
	for (; *p && *p != '/'; p++) {
		if (p[0] == '~' && p[1] == '1') {
			folio_buf_putc(seg, '/');
			p++;
		} else if (p[0] == '~' && p[1] == '0') {
			folio_buf_putc(seg, '~');
			p++;
		} else {
			folio_buf_putc(seg, *p);
		}
	}
	return p;
}

static bool array_index(const char *s, size_t len, size_t *out)
{
	if (!len || len > 18 || (len > 1 && s[0] == '0') || !folio_yaml__all_digits(s, len, 10))
		return false;
	*out = (size_t)strtoull(s, NULL, 10);
	return true;
}

/* Record of the deepest existing node on pointer's path; *exact if it is the target. */
static size_t resolve(const folio_yaml_doc *doc, const char *pointer, bool *exact)
{
	size_t idx = 0;
	*exact = true;
	if (!*pointer)
		return 0;
	if (*pointer != '/') {
		*exact = false;
		return 0;
	}
	folio_buf seg = FOLIO_BUF_INIT;
	const char *p = pointer;
	while (*p == '/') {
		p = next_segment(p + 1, &seg);
		json_t *kids = doc->pos[idx].kids;
		json_t *next = NULL;
		size_t i;
		if (json_is_object(kids))
			next = json_object_getn(kids, seg.ptr, seg.size);
		else if (json_is_array(kids) && array_index(seg.ptr, seg.size, &i))
			next = json_array_get(kids, i);
		if (!next) {
			*exact = false;
			break;
		}
		idx = (size_t)json_integer_value(next);
	}
	folio_buf_dispose(&seg);
	return idx;
}

int folio_yaml_position(const folio_yaml_doc *doc, const char *pointer,
                        unsigned *line, unsigned *column)
{
	*line = *column = 0;
	if (!doc || !doc->npos)
		return FOLIO_ENOTFOUND;
	bool exact;
	const pos_rec *r = &doc->pos[resolve(doc, pointer ? pointer : "", &exact)];
	*line = r->line;
	*column = r->column;
	return 0;
}

int folio_yaml_key_position(const folio_yaml_doc *doc, const char *pointer,
                            unsigned *line, unsigned *column)
{
	*line = *column = 0;
	if (!doc || !doc->npos)
		return FOLIO_ENOTFOUND;
	bool exact;
	const pos_rec *r = &doc->pos[resolve(doc, pointer ? pointer : "", &exact)];
	bool has_key = r->key_line != 0;
	*line = has_key ? r->key_line : r->line;
	*column = has_key ? r->key_column : r->column;
	return 0;
}

size_t folio_yaml_alias_bytes(const folio_yaml_doc *doc)
{
	return doc ? doc->alias_bytes : 0;
}

size_t folio_yaml_nodes(const folio_yaml_doc *doc)
{
	return doc ? doc->npos : 0;
}

void folio_yaml_free(folio_yaml_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->npos; i++)
		json_decref(doc->pos[i].kids);
	free(doc->pos);
	json_decref(doc->root);
	free(doc);
}

/* ---- building from another syntax (src/model/yaml_doc.h) ---- */

folio_yaml_doc *folio_yaml__doc_new(void)
{
	return folio_xcalloc(1, sizeof(folio_yaml_doc));
}

void folio_yaml__doc_set_root(folio_yaml_doc *doc, json_t *root)
{
	json_decref(doc->root);
	doc->root = root;
}

size_t folio_yaml__pos_add(folio_yaml_doc *doc, unsigned line, unsigned column, char kind)
{
	FOLIO_ARRAY_GROW(doc->pos, doc->npos, doc->apos, doc->npos + 1);
	pos_rec *p = &doc->pos[doc->npos];
	memset(p, 0, sizeof(*p));
	p->line = line;
	p->column = column;
	p->kids = kind == 'o' ? json_object() : kind == 'a' ? json_array() : NULL;
	return doc->npos++;
}

void folio_yaml__pos_move(folio_yaml_doc *doc, size_t p, unsigned line, unsigned column)
{
	FOLIO_ASSERT(p < doc->npos);
	doc->pos[p].line = line;
	doc->pos[p].column = column;
}

void folio_yaml__pos_link(folio_yaml_doc *doc, size_t parent, const char *key, size_t key_len,
                          size_t child, unsigned key_line, unsigned key_column)
{
	FOLIO_ASSERT(parent < doc->npos && child < doc->npos);
	json_t *kids = doc->pos[parent].kids;
	if (!key) {
		json_array_append_new(kids, json_integer((json_int_t)child));
		return;
	}
	json_object_setn_new(kids, key, key_len, json_integer((json_int_t)child));
	doc->pos[child].key_line = key_line;
	doc->pos[child].key_column = key_column;
}
