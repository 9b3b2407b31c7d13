/*
 * Mustache templates over jansson values: variables (escaped {{x}}, raw
 * {{{x}}} and {{&x}}), dotted names, implicit iterator {{.}}, sections,
 * inverted sections, comments, set delimiters, partials with standalone
 * indentation, and the inheritance module ({{<parent}}{{$block}}...{{/block}}{{/parent}}).
 * Conforms to the official Mustache spec suite (testdata/mustache-spec/).
 *
 *     folio_templates *set = folio_templates_new();
 *     folio_templates_add(set, "page", src, len, "templates/page.mustache", &diags);
 *     folio_buf out = FOLIO_BUF_INIT;
 *     folio_templates_render(&out, set, "page", context);
 *     folio_templates_free(set);
 *
 * Compiled templates are immutable: several threads may render from one set
 * at once. A missing variable renders as nothing; a missing partial renders
 * as nothing too (validation reports it beforehand with
 * folio_templates_check()).
 */
#ifndef FOLIO_TEMPLATE_H
#define FOLIO_TEMPLATE_H

#include <jansson.h>

#include "buf.h"
#include "diag.h"

typedef struct folio_templates folio_templates;

folio_templates *folio_templates_new(void);
void folio_templates_free(folio_templates *set);

/*
 * Compile src under name (replacing an earlier one of that name). path is
 * the file shown in diagnostics. A syntax error appends a
 * FOLIO_RULE_TEMPLATE_SYNTAX finding with line and column, leaves the set
 * without that name, and returns FOLIO_EINVALID.
 */
int folio_templates_add(folio_templates *set, const char *name, const char *src,
                        size_t len, const char *path, folio_diags *diags);

bool folio_templates_has(const folio_templates *set, const char *name);

/*
 * Render template name with context (a JSON object or any value), appending
 * to out. Returns 0, or FOLIO_ENOTFOUND when name is not in the set.
 */
int folio_templates_render(folio_buf *out, const folio_templates *set,
                           const char *name, const json_t *context);

/*
 * Names of the partials and parents template name uses, directly or
 * through them (transitively, each once, in first-use order); calls cb for
 * each. For dependency tracking. Returns FOLIO_ENOTFOUND for an unknown name.
 */
int folio_templates_foreach_dependency(const folio_templates *set, const char *name,
                                       void (*cb)(const char *dep, void *payload),
                                       void *payload);

/*
 * Report every partial or parent some template names that the set lacks
 * (FOLIO_RULE_TEMPLATE_MISSING, at the tag's position).
 */
void folio_templates_check(const folio_templates *set, folio_diags *diags);

#endif
