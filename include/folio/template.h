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
 * at once (fill the set first). A missing variable renders as nothing; a
 * missing partial renders as nothing too (validation reports it beforehand
 * with folio_templates_check()). Dynamic names ({{>*name}}, {{<*name}})
 * take the partial's name from the context. Lambdas cannot exist in JSON
 * data, so that optional module is not implemented.
 *
 * Values: strings print as they are (HTML-escaped unless {{{x}}}/{{&x}}),
 * integers in decimal, reals in their shortest round-trip form (1.21),
 * true/false as words; null, objects and arrays print nothing. A section is
 * skipped for a missing value, null, false, "" and []; it repeats for each
 * element of a list and renders once, with the value pushed on the context
 * stack, for anything else (numbers, even 0, are true).
 */
#ifndef FOLIO_TEMPLATE_H
#define FOLIO_TEMPLATE_H

#include <jansson.h>

#include "buf.h"
#include "diag.h"

typedef struct folio_templates folio_templates;

/* An empty set; the caller frees it with folio_templates_free(). */
folio_templates *folio_templates_new(void);
/* Free set and every template in it; accepts NULL. */
void folio_templates_free(folio_templates *set);

/*
 * Compile src under name (replacing an earlier one of that name). path is
 * the file shown in diagnostics (NULL: name). A syntax error appends a
 * FOLIO_RULE_TEMPLATE_SYNTAX finding with line and column to diags (may be
 * NULL), leaves the set without that name, and returns FOLIO_EINVALID.
 */
int folio_templates_add(folio_templates *set, const char *name, const char *src,
                        size_t len, const char *path, folio_diags *diags);

bool folio_templates_has(const folio_templates *set, const char *name);

/*
 * Budgets of every render from set (see limits.h): max_output bytes one
 * render may append, and max_depth partials and parents expanded at once
 * (at most 100). Call before rendering.
 */
void folio_templates_set_budget(folio_templates *set, size_t max_output, size_t max_depth);

/*
 * Render template name with context (a JSON object or any value), appending
 * to out. Returns 0, FOLIO_ENOTFOUND when name is not in the set, or
 * FOLIO_ERROR when partials and parents nest deeper than the set's depth
 * budget or the render exceeds its work or output budgets; out then ends
 * with a truncated page, which the caller must not publish.
 */
int folio_templates_render(folio_buf *out, const folio_templates *set,
                           const char *name, const json_t *context);

/*
 * The same; on FOLIO_ERROR *rule (when not NULL) says which budget stopped
 * the render: FOLIO_RULE_TEMPLATE_RECURSION (a template expanded inside
 * itself past the depth budget), FOLIO_RULE_BUDGET_PARTIAL_DEPTH or
 * FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT; the message is in folio_error_last().
 */
int folio_templates_render_checked(folio_buf *out, const folio_templates *set,
                                   const char *name, const json_t *context, folio_rule *rule);
/* The same, and *steps (when not NULL) is set to the steps the render
 * took, as its work budget counts them, whether it succeeded or not: for a
 * budget of the work of many renders (render-work). */
int folio_templates_render_counted(folio_buf *out, const folio_templates *set, const char *name,
                                   const json_t *context, folio_rule *rule, size_t *steps);

/*
 * Names of the partials and parents template name uses, directly or
 * through them (transitively, each once, breadth first: its own in order of
 * use, then theirs); calls cb for each, also for names the set lacks, never
 * for name itself. Dynamic names cannot be known and are not listed. For
 * dependency tracking. Returns FOLIO_ENOTFOUND for an unknown name.
 */
int folio_templates_foreach_dependency(const folio_templates *set, const char *name,
                                       void (*cb)(const char *dep, void *payload),
                                       void *payload);

/*
 * Whether template name itself (not the partials it uses: ask for each of
 * folio_templates_foreach_dependency's) has a tag whose dotted name holds
 * the segment key: "commit" for {{site.commit}} or {{#site}}{{commit}}.
 * For dependency tracking of values that change with every commit.
 */
bool folio_templates_names(const folio_templates *set, const char *name, const char *key);

/* A variable or section tag of a template: {{page.title}}, {{#items}}. */
typedef struct folio_template_variable folio_template_variable;
struct folio_template_variable {
	const char *template_name;
	const char *path;        /* the template's file, as given to folio_templates_add() */
	unsigned line, column;   /* of the tag */
	const char *const *seg;  /* the dotted name split at its dots: "page", "title" */
	size_t nseg;             /* at least 1: the implicit iterator {{.}} is not listed */
	const folio_template_variable *section; /* the innermost section around it, or NULL */
};

typedef void (*folio_template_variable_fn)(const folio_template_variable *v, void *payload);

/*
 * Call cb for every variable, section and inverted section tag of every
 * template of set, template by template in the order they were first
 * added, each in source order (partials are templates of the set, listed on
 * their own). The variable is borrowed for the call. For checks of names.
 */
void folio_templates_foreach_variable(const folio_templates *set, folio_template_variable_fn cb,
                                      void *payload);

/*
 * Report every partial or parent some template names that the set lacks
 * (FOLIO_RULE_TEMPLATE_MISSING, at the tag's position), template by
 * template in the order they were first added; every cycle of includes
 * outside sections (FOLIO_RULE_TEMPLATE_RECURSION at the include that
 * closes it: it expands without end whatever the data); and a chain of
 * includes deeper than the depth budget (FOLIO_RULE_BUDGET_PARTIAL_DEPTH).
 */
void folio_templates_check(const folio_templates *set, folio_diags *diags);

/*
 * The names folio's render contexts give templates, at any depth ("page",
 * "title", "pagination", ...; docs/templates.md), NULL-terminated; static
 * storage. A template variable that uses none of these nor a schema field
 * is a typo (template/unknown-variable).
 */
const char *const *folio_templates_context_names(void);

#endif
