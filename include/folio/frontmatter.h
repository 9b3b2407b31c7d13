/*
 * Split a page into front matter (YAML or TOML) and Markdown body.
 *
 *     folio_frontmatter fm;
 *     folio_frontmatter_parse(&fm, data, len, "events/x.md", &diags);
 *     json_t *meta = fm.meta ? folio_yaml_root(fm.meta) : NULL;
 *     render(fm.body, fm.body_len, fm.body_line);
 *     folio_frontmatter_dispose(&fm);
 *
 * Front matter opens with a line "---" (YAML, closed by "---" or "...")
 * or "+++" (TOML, closed by "+++", as in Hugo) as the file's first line;
 * delimiter lines may end in blanks, lines in "\n" or "\r\n"; a UTF-8 BOM
 * before it is ignored. Both syntaxes give the same model (folio_yaml_doc;
 * TOML through folio_toml_parse). The fields start at file line 2, so
 * meta's positions are file positions. A file without front matter has
 * meta == NULL and its whole text (after any BOM) as body. An opening
 * fence with no closing line is FOLIO_RULE_FRONT_MATTER_SYNTAX at line 1
 * and leaves an empty body. Front matter that is not a mapping is an error
 * too (meta == NULL); an empty block gives an empty object. Two top-level
 * keys differing only in ASCII case are FOLIO_RULE_FRONT_MATTER_KEY_CASE
 * at the later one; meta is kept (docs/front-matter.md, "Key case").
 */
#ifndef FOLIO_FRONTMATTER_H
#define FOLIO_FRONTMATTER_H

#include "yaml.h"

typedef struct {
	folio_yaml_doc *meta; /* owned; NULL when absent or broken */
	bool present;         /* the file opened a front matter block */
	const char *body;     /* borrowed: points into the parsed data */
	size_t body_len;
	unsigned body_line;   /* 1-based line of body's first line in the file */
	bool closed_by_prefix; /* FOLIO_FRONTMATTER_HUGO_FENCES: closed by a line "---6--" */
} folio_frontmatter;

/* Hugo's fences: the block ends at the first line that starts with "---"
 * ("+++"), whatever follows on it, and the rest of that line is the body's
 * first text, as Hugo's page parser reads it ("---6---" then "---": a
 * heading "6---"). Without it such a line is YAML and the block goes on. */
#define FOLIO_FRONTMATTER_HUGO_FENCES 1u

/* Always returns 0; problems go to diags. Dispose with folio_frontmatter_dispose(). */
int folio_frontmatter_parse(folio_frontmatter *out, const char *data, size_t len,
                            const char *path, folio_diags *diags);
/* The same with the front-matter budget (folio_yaml_parse_limited); SIZE_MAX: none. */
int folio_frontmatter_parse_limited(folio_frontmatter *out, const char *data, size_t len,
                                    const char *path, size_t max_expanded, folio_diags *diags);
/* The same with FOLIO_FRONTMATTER_* flags. */
int folio_frontmatter_parse_flags(folio_frontmatter *out, const char *data, size_t len, const char *path,
                                  size_t max_expanded, unsigned flags, folio_diags *diags);
void folio_frontmatter_dispose(folio_frontmatter *fm);
/* Does data open a front matter block (a first line "---" or "+++")? What
 * Jekyll asks of a file before it makes it a page. */
bool folio_frontmatter_opens(const char *data, size_t len);

#endif
