/*
 * The document and its position records, shared by the YAML parser
 * (yaml.c) and yaml_doc.c, which resolves pointers to positions.
 *
 * Building a folio_yaml_doc from another front-matter syntax (TOML), so
 * every reader of front matter sees one model: a jansson tree plus a
 * position record per value. Record 0 is the root's; a container's record
 * has a child index (kids: an object for a table, an array for an array).
 */
#ifndef FOLIO_YAML_DOC_H
#define FOLIO_YAML_DOC_H

#include <jansson.h>

#include "folio/yaml.h"

/* Where a value was written; a container's record indexes its children. */
typedef struct {
	unsigned line, column;
	unsigned key_line, key_column; /* 0 unless the value belongs to a key */
	json_t *kids;                  /* child index; NULL for scalars and aliases */
} pos_rec;

struct folio_yaml_doc {
	json_t *root;
	pos_rec *pos;
	size_t npos, apos;
	size_t alias_bytes; /* what its aliases stand for, each as expanded */
};


/* A document with no root and no records yet; free with folio_yaml_free(). */
folio_yaml_doc *folio_yaml__doc_new(void);
/* Sets the root value (stolen reference). */
void folio_yaml__doc_set_root(folio_yaml_doc *doc, json_t *root);
/*
 * A new record at line:column; kind 'o' (object), 'a' (array) or 's'
 * (scalar) says which child index it gets. Returns its index.
 */
size_t folio_yaml__pos_add(folio_yaml_doc *doc, unsigned line, unsigned column, char kind);
/* Moves record p to line:column (a table created implicitly, then defined). */
void folio_yaml__pos_move(folio_yaml_doc *doc, size_t p, unsigned line, unsigned column);
/*
 * Records child as parent's member key (key_len bytes, its key at
 * key_line:key_column) or, with key NULL, appends it to parent's array.
 */
void folio_yaml__pos_link(folio_yaml_doc *doc, size_t parent, const char *key, size_t key_len,
                          size_t child, unsigned key_line, unsigned key_column);

#endif
