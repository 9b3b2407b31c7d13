/*
 * Partial sites, for publishing a small change without loading the whole
 * site: configuration, templates and schemas are loaded as usual, only the
 * pages the change needs are parsed, and every other page is a stub that a
 * lookup (the state of the published commit) provides when validation or
 * rendering asks for it: its path, content id, URL, title and heading ids.
 *
 *     folio_site__lookup lk = { page_cb, file_cb, state };
 *     folio_site *site;
 *     folio_site__open_partial(&site, src, &opts, &lk);
 *     folio_page *p = folio_site__add_page(site, "events/x.md", id, raw, len, &diags);
 *     folio_site__index(site);
 *     ... validate p, render what depends on it ...
 *     folio_site_free(site);
 *
 * A stub is ok, has an object as meta with only its title, no Markdown but
 * its headings' ids; it is never listed by folio_site_page() or a collection.
 */
#ifndef FOLIO_SITE_PARTIAL_H
#define FOLIO_SITE_PARTIAL_H

#include "folio/site.h"

typedef struct {
	char *path, *id, *slug, *url, *title;
	char *anchors; /* heading ids, one per line */
} folio_site__stub;

typedef struct {
	/* Fill out (strings owned by the site afterwards) for the page named by
	 * collection, slug and lang (a translation language of folio.yaml's
	 * languages, NULL for the site's own), or by url (the others NULL);
	 * false when none. */
	bool (*page)(folio_site__stub *out, const char *collection, const char *slug,
	             const char *lang, const char *url, void *payload);
	/* Does the commit hold the regular file path ("static/a.pdf")? */
	bool (*file)(const char *path, void *payload);
	void *payload;
} folio_site__lookup;

/* Load configuration, templates and schemas of src (borrowed), no pages.
 * Findings go to the site's diags as in folio_site_load(). */
int folio_site__open_partial(folio_site **out, folio_source *src, const folio_site_options *opts,
                             const folio_site__lookup *lookup);

/* Parse a page from its bytes (raw is taken and freed) and add it to site.
 * Returns the page (borrowed), or NULL when path names no page of a
 * collection. Findings of the parse go to diags. */
folio_page *folio_site__add_page(folio_site *site, const char *path, const char *id, char *raw,
                                 size_t len, folio_diags *diags);

/* Charge bytes of page text about to be read and parsed to the site's
 * site-text budget (page text of a check, summed over its pages). False
 * when they pass it, or a charge before did: the page must not be read. */
bool folio_site__charge_text(folio_site *site, size_t bytes);
/* The sum of the sizes of every page's text this load read (its blobs',
 * before includes), in *out; false when some page went unsized (a stub,
 * or a load past site-text). A publish keeps it for the fast path. */
bool folio_site__pages_text(const folio_site *site, size_t *out);

/* Whether a page added links to the .md file of a page the site does not
 * hold: its URL was taken from the path, which that page's front matter
 * (slug:, url:) may change, so only a full load knows it for sure. */
bool folio_site__guessed_urls(const folio_site *site);

/* The language of the page file path: one of cfg's languages when it is
 * a translation ("x.es.md", "x/index.es.md", or below the language's
 * folder of language_dirs: unless its name names another language, as
 * content/fr/x.en.md is in "en" for Hugo), else NULL. Then *plain (unless plain is NULL)
 * is the path of the file it translates, the caller's to free; else NULL,
 * but for a file that names the site's own language ("x.en.md" on a site
 * in "en", translated or Hugo's): NULL, and *plain is "x.md". */
const char *folio_site__path_language(const folio_config *cfg, const char *path, char **plain);

/* Build the lookup tables once the pages are added (again after adding more). */
void folio_site__index(folio_site *site);

/*
 * Render site as served from base_url (a branch preview's address) instead
 * of folio.yaml's: call after validation (which judges links against the
 * site's own base_url) and before a renderer is made. Trailing slashes are
 * dropped, as for folio.yaml's.
 */
void folio_site__set_base_url(folio_site *site, const char *base_url);

#endif
