/*
 * Validation of a loaded site: schemas, references, links, ISBNs and
 * hygiene. Appends findings; never fails on content.
 */
#ifndef FOLIO_VALIDATE_H
#define FOLIO_VALIDATE_H

#include "render.h"
#include "site.h"

/*
 * Validate every page of site; findings (sorted) go to diags. outputs is
 * the site's output plan (folio_render_plan(): every path a build writes,
 * sorted), whose clashes are findings (output/clash): the caller plans it,
 * as validation sits below rendering. Returns 0.
 */
int folio_validate_site(const folio_site *site, const folio_outputs *outputs, folio_diags *diags);

/*
 * template/unknown-variable: each variable of the site's templates must name
 * something templates receive or a schema field (src/check/template_vars.c
 * says exactly how; docs/templates.md). Part of folio_validate_site().
 * Findings go to diags, unsorted. Returns 0.
 */
int folio_validate_template_variables(const folio_site *site, folio_diags *diags);

/*
 * Only the checks of each page on its own (schema, references, links,
 * hygiene, EAN) for the n pages given (borrowed from site), not those across
 * pages (duplicate ISBNs): for a change whose other pages are known valid.
 * Findings (sorted) go to diags. Returns 0.
 */
int folio_validate_pages(const folio_site *site, const folio_page *const *pages, size_t n,
                         folio_diags *diags);

/*
 * folio.yaml's rules: and ignore: (docs/rules.md) applied to the findings
 * of diags from index from on, each once: a finding under an ignore:
 * pattern, or of a rule set to off (where its paths: say), is dropped; a
 * rule set to error or warning gives its findings that severity. Findings
 * of locked rules are left alone. Nothing happens when cfg is NULL.
 * folio_validate_site() and folio_validate_pages() apply it to what they
 * find (and to what diags held before folio_validate_site()): call it only
 * for findings made after them.
 */
void folio_validate_apply_rules(const folio_config *cfg, folio_diags *diags, size_t from);

#endif
