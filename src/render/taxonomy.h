/*
 * Taxonomies (taxonomies: [tags, categories] in folio.yaml): the terms the
 * published pages give in those front-matter keys (a string or a list of
 * strings), each with its pages. A term's slug is the one rule of page
 * slugs (model/slug.h: "C++ et Zürich" -> "c-et-zurich"); values with one
 * slug are one term, named as the first page in path order writes it.
 *
 * A translation language has the taxonomies of its own pages, below its
 * folder (/fr/tags/<slug>/), as Hugo writes them: a French page's terms
 * lead there, and the site's language's terms list none of its pages.
 *
 *     folio_taxonomy *t = folio_taxonomies_new(site);  // folio_taxonomies_count(cfg)
 *     for (size_t k = 0; k < t[0].nterms; k++) puts(t[0].terms[k].slug);
 *     folio_taxonomies_free(t, cfg);
 */
#ifndef FOLIO_RENDER_TAXONOMY_H
#define FOLIO_RENDER_TAXONOMY_H

#include "folio/site.h"

typedef struct folio_term {
	char *slug;                /* its key: its name made a slug, which pages' terms and its text match */
	/* its address's segment: slug, or its text's slug: or title made a
	 * slug (slug_from: title); owned */
	char *addr;
	char *name;                /* as first written, in path order */
	const folio_page **pages;  /* newest first when dated, then by path; borrowed */
	size_t npages, apages;
	/* The page at the term's address (/<taxonomy>/<slug>/), when it is a
	 * folder's _index.md (Hugo's content/authors/jane/_index.md): the
	 * term's text, which its list pages show in place of a page of its
	 * own; NULL when none, or the term has no page. Borrowed. */
	const folio_page *text;
} folio_term;

typedef struct folio_taxonomy {
	const char *name;          /* "tags": the front-matter key; borrowed from the config */
	const char *lang;          /* a translation language's (cfg->languages), NULL: the site's */
	const char *folder;        /* where its index page is: "tags" (/tags/), "fr/tags"; owned */
	const char *term_folder;   /* below which its terms' pages are: "tags" (/tags/<slug>/); owned */
	bool unindexed;            /* no index page at folder (index: false) */
	bool ugly;                 /* its pages at /tags.html, /tags/go.html (ugly_urls) */
	bool nested_terms;         /* a term's "/" kept (Hugo's urlize): its text may be deeper */
	/* below which its terms' texts are (content/authors/jane/_index.md at
	 * /authors/jane/): its collection's folder when it has one, which a
	 * permalink of its terms (/author/:slug/) does not move; owned */
	const char *text_folder;
	folio_term *terms;         /* sorted by slug */
	size_t nterms, aterms;
	/* The collection whose list would be at the taxonomy's address (/tags/:
	 * Hugo's content/tags/, which holds the texts of the taxonomy and its
	 * terms): its list is the taxonomy's page, which shows its _index.md
	 * (text). NULL when none. Borrowed. */
	const folio_collection *collection;
	const folio_page *text;
} folio_taxonomy;

/* The taxonomies of site: folio.yaml's, in its order, in the site's
 * language, then the same for each translation language in
 * cfg->languages' order: folio_taxonomies_count(cfg) of them. */
folio_taxonomy *folio_taxonomies_new(const folio_site *site);
size_t folio_taxonomies_count(const folio_config *cfg);
void folio_taxonomies_free(folio_taxonomy *t, const folio_config *cfg);

/* The taxonomy in the site's language that takes the place of collection
 * c's lists (its folio_taxonomy.collection), or NULL; t holds the site's
 * language's first, n of them (cfg->ntaxonomies). */
const folio_taxonomy *folio_taxonomy_of_collection(const folio_taxonomy *t, size_t n, const folio_collection *c);

/* The address segment (folio_term.addr) of the term slug in t: slug
 * itself when t has no such term.
 * Borrowed from t or slug. */
const char *folio_taxonomy_term_addr(const folio_taxonomy *t, const char *slug);

/* The term of which p is the text (folio_term.text), or NULL. */
const folio_term *folio_taxonomy_text_of(const folio_taxonomy *t, size_t n, const folio_page *p);

/* The slugs of the terms page p gives in taxonomy name, each once, in the
 * order written; *n of them: as folio_slug_make makes them, or on a site
 * of Hugo's links (hugo_links) as Hugo's urlize does (letters of any
 * script kept: /tags/中文/), capitals kept by term_case: keep. Caller frees
 * each and the array (folio_taxonomy_free_slugs). */
char **folio_taxonomy_page_terms(const folio_config *cfg, const folio_page *p, const char *name, char ***names,
                                 size_t *n);
void folio_taxonomy_free_slugs(char **slugs, char **names, size_t n);

#endif
