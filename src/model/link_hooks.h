/*
 * Link hooks (folio.yaml's link_hooks): what a generator's link render hook
 * did with a destination, declared instead of run. Hugo's docs write
 * [page resources](g) and their Go hook makes it a link to the glossary's
 * entry for "page resource"; with
 *
 *     link_hooks:
 *       - {target: g, url: "/quick-reference/glossary/#{term}",
 *          terms: content/en/quick-reference/glossary}
 *
 * folio writes /quick-reference/glossary/#page-resource and checks that
 * the glossary page exists and that page-resource.md is one of its terms.
 */
#ifndef FOLIO_MODEL_LINK_HOOKS_H
#define FOLIO_MODEL_LINK_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/config.h"

/* The .md files under the hooks' terms folders, excluded or not, sorted. */
typedef struct folio_link_terms {
	char **paths;
	size_t count, alloc;
	bool complete; /* every entry was seen (a partial site knows none) */
} folio_link_terms;

/* Note the file at path if it lies in a hook's terms folder (entries come
 * in byte order of their path, so the list stays sorted). */
void folio_link_terms_note(folio_link_terms *t, const folio_config *cfg, const char *path);
void folio_link_terms_dispose(folio_link_terms *t);

/* The hook of destination target, or NULL. */
const folio_link_hook *folio_link_hook_find(const folio_config *cfg, const char *target);

/*
 * The URL a link with text (plain text) gets from hook h: its url with
 * {term} the text made a slug, or the slug of the term file it names (a
 * plural's: "page resources" -> page-resource.md). *missing: terms knows
 * every file and none is named. Caller frees.
 */
char *folio_link_hook_url(const folio_link_hook *h, const folio_link_terms *t, const char *text,
                          bool *missing);

/*
 * Whether url, a link written as a site path ("/quick-reference/glossary/
 * #sites-matrix"), is the URL hook h gives a term, when h's {term} is in
 * the fragment and it has a terms folder: the anchor is then the term's,
 * which the page's own shortcode makes, not a heading. *missing: terms
 * knows every file and none is that term.
 */
bool folio_link_hook_names_term(const folio_link_hook *h, const folio_link_terms *t,
                                const char *url, bool *missing);

#endif
