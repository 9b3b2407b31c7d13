/*
 * YAML to jansson, keeping where each value came from.
 *
 *     folio_yaml_doc *doc = NULL;
 *     folio_yaml_parse(&doc, text, len, "books/x.md", 1, &diags);
 *     if (doc) {
 *         json_t *root = folio_yaml_root(doc);            // borrowed
 *         unsigned line, col;
 *         folio_yaml_position(doc, "/isbn", &line, &col); // where "isbn:" value is
 *     }
 *     folio_yaml_free(doc);
 *
 * Scalars follow the YAML 1.2 core schema: null, ~ and empty are null;
 * true/false are booleans; integers and floats are numbers; anything quoted
 * or otherwise is a string (dates stay strings: "2019-04-26"). Numbers JSON
 * cannot hold exactly stay strings: integers beyond int64, .inf, .nan.
 * Tags !!str, !!int, !!float, !!bool, !!null, !!map, !!seq are honoured
 * (!!timestamp and !!binary keep the text); other tags are errors. Mapping
 * keys are strings. Aliases are expanded by sharing the anchored value, so
 * the tree is read-only; expansion counts toward the node limit, so an
 * alias bomb is refused; nesting depth is bounded too. Everything under an
 * alias is placed at the alias. Duplicate keys, non-scalar keys, merge
 * keys ("<<") and more than one document are syntax errors.
 */
#ifndef FOLIO_YAML_H
#define FOLIO_YAML_H

#include <jansson.h>

#include "buf.h"
#include "diag.h"

typedef struct folio_yaml_doc folio_yaml_doc;

/* Limits applied while parsing. */
#define FOLIO_YAML_MAX_DEPTH 64
#define FOLIO_YAML_MAX_NODES 100000

/*
 * Parse data (len bytes, need not be NUL-terminated). first_line is the line
 * number of data's first line within path, so positions point into the
 * original file. On a syntax error *out stays NULL and one finding with
 * rule (FOLIO_RULE_FRONT_MATTER_SYNTAX or FOLIO_RULE_CONFIG_SYNTAX, as given)
 * and the line and column of the problem is appended to diags; the call
 * still returns 0. An empty document gives an empty object.
 * The caller frees *out with folio_yaml_free().
 */
int folio_yaml_parse(folio_yaml_doc **out, const char *data, size_t len,
                     const char *path, unsigned first_line, folio_rule rule,
                     folio_diags *diags);

/*
 * The same with a budget: when the scalar text (keys and values, each alias
 * counted as the text it expands to) passes max_expanded bytes, parsing
 * stops with one FOLIO_RULE_BUDGET_FRONT_MATTER finding at the node that
 * went past it, before that node is built. SIZE_MAX: no budget beyond the
 * input's size plus 16 MiB (a finding of rule past it).
 */
int folio_yaml_parse_limited(folio_yaml_doc **out, const char *data, size_t len,
                             const char *path, unsigned first_line, folio_rule rule,
                             size_t max_expanded, folio_diags *diags);

/*
 * The same for a generator's configuration (Hugo's hugo.yaml, Jekyll's
 * _config.yml): a key given twice in a mapping is read as its last value,
 * as Hugo and Jekyll read it, instead of being an error (folio's own files
 * and front matter refuse it).
 */
int folio_yaml_parse_last_wins(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                               folio_rule rule, folio_diags *diags);

/*
 * A page's front matter: as folio_yaml_parse_limited, but a key given twice
 * in a mapping is read as its last value, as Hugo and Jekyll read it, and
 * named as a finding of dup_rule at the second key (an error unless the
 * site's rules: lower it); a key that is a sequence or a mapping ("[//]: #
 * (a note)") is left out with its value, a finding of key_rule.
 */
int folio_yaml_parse_front_matter(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                                  unsigned first_line, folio_rule rule, size_t max_expanded, folio_rule dup_rule,
                                  folio_rule key_rule, folio_diags *diags);

/* The parsed value; borrowed, lives as long as doc. */
json_t *folio_yaml_root(const folio_yaml_doc *doc);

/*
 * Line and column (1-based) of the value at JSON pointer (RFC 6901, "" for
 * the root, "/publications/0/url"). For a pointer that names nothing, the
 * position of the deepest existing ancestor. Returns 0, or FOLIO_ENOTFOUND
 * when not even the root has a position (never for a parsed doc).
 */
int folio_yaml_position(const folio_yaml_doc *doc, const char *pointer,
                        unsigned *line, unsigned *column);

/* Position of the key of the last member of pointer (for unknown fields). */
int folio_yaml_key_position(const folio_yaml_doc *doc, const char *pointer,
                            unsigned *line, unsigned *column);

/*
 * Bytes of text doc's aliases stand for, each counted as what it expands
 * to (as the front-matter limit counts them): the value is shared, but
 * whatever writes it out (a page's signature, index.json, feeds) writes
 * it whole. 0 for NULL or a document without aliases.
 */
size_t folio_yaml_alias_bytes(const folio_yaml_doc *doc);

/*
 * Values of doc's tree (each a node with a position; an alias one, as it
 * shares what it names); 0 for NULL. A value held in memory costs about
 * FOLIO_YAML_NODE_BYTES, whatever its text: "kN: 1" is 6 bytes of text
 * and 150 bytes of jansson (a member, its hash bucket, the integer, and
 * malloc's overhead; valgrind's massif), so a page's parsed front matter
 * may hold 20 times its text for as long as the page is loaded.
 */
size_t folio_yaml_nodes(const folio_yaml_doc *doc);
#define FOLIO_YAML_NODE_BYTES 160

void folio_yaml_free(folio_yaml_doc *doc);

/*
 * Append s to b as a YAML double-quoted scalar (a JSON string is one): a
 * value with blanks, quotes, a leading '*' or any character stays one
 * string when folio.yaml is read back. s is UTF-8; NULL writes "".
 */
void folio_yaml_put_string(folio_buf *b, const char *s);

#endif
