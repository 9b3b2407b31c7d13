/*
 * TOML front matter to the same positioned model YAML front matter gives.
 *
 *     folio_yaml_doc *doc = NULL;
 *     folio_toml_parse(&doc, text, len, "posts/x.md", 2,
 *                      FOLIO_RULE_FRONT_MATTER_SYNTAX, SIZE_MAX, &diags);
 *     json_t *root = doc ? folio_yaml_root(doc) : NULL;   // borrowed
 *     folio_yaml_free(doc);
 *
 * A strict parser of TOML v1.0 as front matter uses it: bare, quoted and
 * dotted keys; basic and literal strings, single and multi-line; integers
 * (decimal, 0x, 0o, 0b, underscores); floats; booleans; offset and local
 * date-times, local dates and times; arrays (mixed types allowed);
 * inline tables; [tables] and [[arrays of tables]]; comments.
 *
 * The model matches the YAML path's: tables are objects, arrays arrays,
 * integers and finite floats numbers. Values JSON cannot hold stay text,
 * as YAML's do: inf and nan ("inf", "-inf", "nan" as written), floats
 * beyond double. Dates and times are strings in ISO 8601 form, the
 * separator written "T" and a "z" offset "Z" ("1979-05-27T07:32:00Z",
 * "1979-05-27", "07:32:00"), which is what a YAML date gives.
 *
 * Everything TOML forbids is refused with one finding at its line:column:
 * invalid UTF-8, control characters, bad escapes and surrogates, leading
 * zeros, stray underscores, integers beyond int64, impossible dates,
 * duplicate keys, a table defined twice or extended after it was closed.
 */
#ifndef FOLIO_TOML_H
#define FOLIO_TOML_H

#include "yaml.h"

/* Nesting (tables and values together) and node limits: those of YAML. */
#define FOLIO_TOML_MAX_DEPTH FOLIO_YAML_MAX_DEPTH
#define FOLIO_TOML_MAX_NODES FOLIO_YAML_MAX_NODES

/*
 * Parse data (len bytes, need not be NUL-terminated); first_line is the
 * file line of data's first line, so positions are file positions. On an
 * error *out stays NULL and one finding of rule is added to diags (or of
 * FOLIO_RULE_BUDGET_FRONT_MATTER when the text of keys and values passes
 * max_bytes; SIZE_MAX: no budget); the call still returns 0. An empty
 * document gives an empty object. Free *out with folio_yaml_free().
 */
int folio_toml_parse(folio_yaml_doc **out, const char *data, size_t len, const char *path,
                     unsigned first_line, folio_rule rule, size_t max_bytes,
                     folio_diags *diags);

#endif
