/*
 * The validator's state, shared by check/validate.c (the site, its pages,
 * schema and references, hygiene, checks across pages) and
 * check/validate_links.c (the links of a page).
 */
#ifndef FOLIO_CHECK_VALIDATE_H
#define FOLIO_CHECK_VALIDATE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "folio/diag.h"
#include "folio/site.h"

typedef struct {
	const folio_site *site;
	const folio_config *cfg;
	const folio_page *const *pages; /* pages to check */
	size_t npages;
	folio_diags *diags;             /* one list per page */
	folio_diags *schema_diags;      /* one list per page: what its schema validation found */
	_Atomic unsigned long long schema_work; /* schema-work spent by the pages so far */
	atomic_bool schema_over;        /* past schema-work: no more schema validation */
	struct alias_entry {
		char *url;                 /* first: sorted with folio_search_cmp_str */
		const folio_page *page;
	} *aliases;                     /* the redirect pages' URLs (aliases:), sorted */
	size_t naliases;
	struct excluded_pages *excluded; /* read at the first broken link (validate_links.c) */
} validator;

/* v->excluded made empty (read when first asked), and freed. */
void folio_validate__excluded_init(validator *v);
void folio_validate__excluded_dispose(validator *v);

/* Line and column of the value (or, with key, the key) at pointer in p's
 * front matter; 0 when unknown. */
void folio_validate__value_position(const folio_site *site, const folio_page *p, const char *pointer,
                                    bool key, unsigned *line, unsigned *col);
/* A published page p that leads to a held page t: a warning in d. */
void folio_validate__check_held_target(const folio_page *p, const folio_page *t,
                                       const char *written, unsigned line, unsigned col,
                                       folio_diags *d);
/* The links of p's body: external syntax, targets inside the site. */
void folio_validate__check_links(const validator *v, const folio_page *p, folio_diags *d);
/* Front matter strings that are URLs of this site, checked as links. */
void folio_validate__check_meta_links(const validator *v, const folio_page *p, folio_diags *d);

#endif
