/*
 * Validation of a loaded site: schemas, references, links, ISBNs and
 * hygiene. Appends findings; never fails on content.
 */
#ifndef FOLIO_VALIDATE_H
#define FOLIO_VALIDATE_H

#include "site.h"

/* Validate every page of site; findings (sorted) go to diags. Returns 0. */
int folio_validate_site(const folio_site *site, folio_diags *diags);

#endif
