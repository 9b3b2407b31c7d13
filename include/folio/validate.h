/*
 * Validation of a loaded site: schemas, references, links, ISBNs and
 * hygiene. Appends findings; never fails on content.
 */
#ifndef FOLIO_VALIDATE_H
#define FOLIO_VALIDATE_H

#include "site.h"

/* Validate every page of site; findings (sorted) go to diags. Returns 0. */
int folio_validate_site(const folio_site *site, folio_diags *diags);

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

#endif
