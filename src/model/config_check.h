/*
 * What the parts of the folio.yaml parser share (config.c, config_rules.c,
 * config_outputs.c): the checker that collects problems at their line, and
 * the readers of typed values (config_check.c). Private to src/model/.
 */
#ifndef FOLIO_MODEL_CONFIG_CHECK_H
#define FOLIO_MODEL_CONFIG_CHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "folio/config.h"
#include "folio/diag.h"
#include "folio/yaml.h"

typedef struct {
	const folio_yaml_doc *doc;
	const char *path;
	folio_diags *diags;
	size_t problems;
	json_t *names, *folders, *partner_names; /* value -> index of its first holder */
} checker;

/* Report a problem at the value (or, at_key, the key) at pointer, with
 * FOLIO_RULE_CONFIG_SYNTAX and its line; counts it in c->problems. */
void folio_config__problem(checker *c, const char *pointer, bool at_key, const char *hint,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* base + "/" + key, key escaped per RFC 6901; base + "/" + i. Caller frees. */
char *folio_config__pointer_join(const char *base, const char *key);
char *folio_config__pointer_index(const char *base, size_t i);
/* Report the keys of obj not in keys (NULL-terminated), with "did you mean". */
void folio_config__check_keys(checker *c, json_t *obj, const char *base, const char *const *keys);
/* obj's string key (a copy; dflt's copy when absent); a problem when it is no
 * non-empty string. Caller frees. */
char *folio_config__get_string(checker *c, json_t *obj, const char *base, const char *key,
                               const char *dflt);
/* obj[key] as a new string, a problem when absent. Caller frees. */
char *folio_config__get_required_string(checker *c, json_t *obj, const char *base,
                                        const char *key);
/* obj[key] when a boolean, else dflt (a problem when present). */
bool folio_config__get_bool(checker *c, json_t *obj, const char *base, const char *key, bool dflt);
/* obj's "page_size" from 1 to 10,000, else dflt (a problem when present). */
size_t folio_config__get_page_size(checker *c, json_t *obj, const char *base, size_t dflt);
/* A problem "<key> must be <what>, not <value>" unless value is NULL or ok. */
void folio_config__check_string(checker *c, const char *value, const char *base, const char *key,
                                bool (*ok)(const char *), const char *hint, const char *what);
bool folio_config__is_slug(const char *s);
/* A path inside the site: relative, no "." or ".." segment. */
bool folio_config__is_relative_path(const char *s);
/* A taxonomy's name: a slug, '_' inside allowed (Hugo's publication_types). */
bool folio_config__is_taxonomy_name(const char *s);
void folio_config__strip_trailing_slashes(char *s);
/* "/posts/" or "/blog/2024/": a folder of the site's URLs, not "/". */
bool folio_config__is_section_url(const char *s);
/* http(s)://host..., without blanks. */
bool folio_config__is_http_url(const char *s);
/* base_url: an http(s) URL without quotes, '<', '>', '&', '?', '#' or '\\'. */
bool folio_config__is_base_url(const char *s);
/* A git branch name, conservatively. */
bool folio_config__is_branch_name(const char *s);

/* ---- config_feeds.c ---- */
/* feeds: (after collections: and page_size, whose values it reads). */
void folio_config__parse_feeds(checker *c, folio_config *cfg, json_t *root);
void folio_config__free_feeds(folio_config *cfg);

/* ---- config_rules.c ---- */
void folio_config__parse_rules(checker *c, folio_config *cfg, json_t *root);

/* ---- config_outputs.c ---- */
/* jsonld: a schema.org type, or a mapping with type: and its properties. */
void folio_config__parse_jsonld(checker *c, folio_collection *col, json_t *obj, const char *base);
void folio_config__parse_taxonomies(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_languages(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_language_dirs(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_embeds(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_served_elsewhere(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_link_hooks(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_redirects(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_path_permalinks(checker *c, folio_config *cfg, json_t *root);
void folio_config__parse_params(checker *c, folio_config *cfg, json_t *root);
/* A list of paths inside the site ("exclude", "copy"), trailing "/" dropped;
 * *n of them. Caller frees each and the array. */
char **folio_config__get_path_list(checker *c, json_t *root, const char *key, size_t *n);

#endif
