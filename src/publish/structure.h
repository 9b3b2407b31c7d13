/*
 * Judging a commit that adds, deletes or reshapes pages from the persistent site
 * model (records.h), without loading the site: whether what the added
 * pages and the deleted ones change elsewhere in the site is provably
 * nothing the verdict shows. publish_judge.c validates the added
 * pages themselves against the partial site; this says whether the rest
 * of the verdict (the kept findings of the other pages) still stands.
 */
#ifndef FOLIO_PUBLISH_STRUCTURE_H
#define FOLIO_PUBLISH_STRUCTURE_H

#include "folio/diag.h"
#include "folio/site.h"
#include "folio/state.h"

typedef struct {
	folio_state *st;
	const folio_site *site;       /* the partial site, added pages parsed into it */
	const char *published;        /* the commit the state describes */
	const folio_page *const *added;
	size_t nadded;
	char *const *deleted;         /* paths */
	size_t ndeleted;
	const folio_page *const *reshaped; /* pages whose front matter, summary or heading ids changed */
	const bool *anchors_changed;  /* per reshaped page: its heading ids did */
	size_t nreshaped;
	const folio_diags *kept;      /* the kept findings of the pages that stay */
} folio_publish__structure;

/*
 * True when the verdict of the commit is the kept findings plus the added
 * and changed pages' own: the records describe the published commit; no
 * added page takes a URL, key, output, folder or ISBN another page holds,
 * has aliases, or could settle a kept finding of a link or reference; no
 * deleted page is linked to or referenced by a page that stays or had
 * aliases; a reshaped page keeps its URL and key, has and had no aliases,
 * takes no ISBN another holds, and changed no heading id another page
 * links to. Anything else is false: the whole site is validated.
 */
bool folio_publish__structure_allows(const folio_publish__structure *s);

#endif
