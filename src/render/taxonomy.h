/*
 * Taxonomies (taxonomies: [tags, categories] in folio.yaml): the terms the
 * published pages give in those front-matter keys (a string or a list of
 * strings), each with its pages. A term's slug is the one rule of page
 * slugs (model/slug.h: "C++ et Zürich" -> "c-et-zurich"); values with one
 * slug are one term, named as the first page in path order writes it.
 *
 *     folio_taxonomy *t = folio_taxonomies_new(site);  // one per cfg->taxonomies
 *     for (size_t k = 0; k < t[0].nterms; k++) puts(t[0].terms[k].slug);
 *     folio_taxonomies_free(t, cfg->ntaxonomies);
 */
#ifndef FOLIO_RENDER_TAXONOMY_H
#define FOLIO_RENDER_TAXONOMY_H

#include "folio/site.h"

typedef struct folio_term {
	char *slug;                /* URL segment */
	char *name;                /* as first written, in path order */
	const folio_page **pages;  /* newest first when dated, then by path; borrowed */
	size_t npages, apages;
} folio_term;

typedef struct folio_taxonomy {
	const char *name;          /* "tags": the key and the folder; borrowed from the config */
	folio_term *terms;         /* sorted by slug */
	size_t nterms;
} folio_taxonomy;

/* The taxonomies of site, in folio.yaml's order (cfg->ntaxonomies of them). */
folio_taxonomy *folio_taxonomies_new(const folio_site *site);
void folio_taxonomies_free(folio_taxonomy *t, size_t n);

/* The slugs of the terms page p gives in taxonomy name, as folio_slug_make
 * makes them, each once, in the order written; *n of them. Caller frees each
 * and the array (folio_taxonomy_free_slugs). */
char **folio_taxonomy_page_terms(const folio_page *p, const char *name, char ***names, size_t *n);
void folio_taxonomy_free_slugs(char **slugs, char **names, size_t n);

#endif
