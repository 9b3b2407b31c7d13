/*
 * The output layout: the one place that says where each output of a site
 * goes, as a URL and as a path under --out. Rendering plans outputs with
 * it, validation resolves links with it, the fast publisher and delivery
 * find feed pages with it; nothing else spells a URL or an output path.
 *
 *     (<folder>: the collection's url: without its slashes, else its folder)
 *     what            URL                            output path
 *     page            /<folder>/<slug>/              <folder>/<slug>/index.html
 *     (permalink:)    /news/<yyyy>/<mm>/<dd>/<slug>/  the same + index.html: the page's
 *                                                    date fills the collection's pattern
 *                     /<slug>/ (no dates)            Hugo's root pages: the list keeps url:
 *                     /posts/<a/b>/ (:path)          a Hugo section's pages, its list at its url:
 *     list page 1, N  /<folder>/, /<folder>/page/N/  <folder>/index.html, <folder>/page/N/index.html
 *     (ugly_urls)     /<folder>.html, /<folder>/page/N.html   (the same, without '/')
 *     feed page 1, N  /<folder>/index.json, /<folder>/feed/N.json   (the same, without '/')
 *     Atom, RSS       /<folder>/atom.xml, /<folder>/index.xml       (the same; index.xml is
 *                                                    Hugo's RSS URL, so subscribers keep theirs)
 *     home, index     /, /index.json                 index.html, index.json
 *     sitemap         /sitemap.xml                   sitemap.xml
 *     terms of a      /<tax>/                        <tax>/index.html
 *     taxonomy (tags)
 *     a term, page N  /<tax>/<term>/, /<tax>/<term>/page/N/   (as list pages)
 *     (ugly_urls)     /<tax>.html, /<tax>/<term>.html, /<tax>/<term>/page/N.html
 *     a term's feeds  /<tax>/<term>/index.json, atom.xml, index.xml   (the same, without '/')
 *     a site feed     its url: (/feed.xml, /index.xml) (the same, without '/'): folio.yaml's feeds
 *     a translation's /<lang>/<any of the page, list, feed, Atom and RSS URLs above>
 *       (languages: in folio.yaml; render.c and the site model put the prefix)
 *     not found       /404.html                      404.html (servers show it for any missing URL)
 *     static file     /static/<p>                    static/<p>
 *     (static_at_root) /<p>                          <p>
 *     file of a       <page URL's folder><p>         (the same, without '/'): p is its
 *     bundle                                         path below the folder of the bundle's
 *                                                    index.md or _index.md (a section's list
 *                                                    URL for its own), so the files follow
 *                                                    slug:/url:
 *     other file      <list URL><p>                  (the same, without '/'): p below the
 *     beside pages                                   collection's folder (site.c places them)
 *     alias of a     <alias>                        <alias>index.html (a redirect page)
 *     page
 *
 * A URL that ends in '/' is served from its index.html. The module knows
 * collections and paths only, never pages, so the site model may ask it
 * for a page's URL without depending on rendering. Every char * returned
 * is the caller's to free.
 */
#ifndef FOLIO_MODEL_LAYOUT_H
#define FOLIO_MODEL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/config.h"

#define FOLIO_LAYOUT_HOME "index.html"
#define FOLIO_LAYOUT_INDEX "index.json"
#define FOLIO_LAYOUT_SITEMAP "sitemap.xml"
#define FOLIO_LAYOUT_NOT_FOUND "404.html"
#define FOLIO_LAYOUT_ATOM "atom.xml" /* in a collection's folder */
#define FOLIO_LAYOUT_RSS "index.xml"

/* "/events/x/" for slug "x" of the collection in folder "events";
 * "/events/x.html" when the collection has ugly_urls. */
char *folio_layout_page_url(const folio_collection *c, const char *slug);
/* The same, at "/events/x/" with ugly_urls too when folder (a Jekyll
 * folder's index page). */
char *folio_layout_page_url_as(const folio_collection *c, const char *slug, bool folder);

/* The URL the collection's permalink gives slug (its last segment: the
 * page's own name) for its date ("2024-05-01",
 * or a date-time: its written date is taken), its final "/" made ".html"
 * with ugly_urls; NULL when the collection has no permalink, or one with
 * dates and date (may be NULL) does not start with YYYY-MM-DD. A permalink
 * without dates places every page by its name alone ("/:slug/") or by its
 * path ("/posts/:path/": slug "2023/x" at /posts/2023/x/). categories
 * ("news/release", may be NULL) is what :categories gives: none leaves
 * no segment. folder: the page is its folder's index (Jekyll's
 * guide/2024/index.md), its final "/" kept under ugly_urls too. name: what
 * :slug gives, the page's own name, which may hold a '/' (a title's, Hugo's
 * urlize keeps it), or NULL for slug's last segment. */
char *folio_layout_permalink_url(const folio_collection *c, const char *slug, const char *name,
                                 const char *date, const char *categories, bool folder);
/* The length of the date placeholder the n bytes at s start with (":year",
 * ":month", ":day", and Jekyll's ":i_month", ":i_day" without a leading
 * zero, ":short_year", ":y_day" the day of the year, ":week" ISO 8601's
 * week, ":short_day" the day's English name in three letters), or 0: the
 * placeholders a permalink may date its pages by. */
size_t folio_layout_date_token(const char *s, size_t n);
/* Append to b what that placeholder (token, of length n) gives for date,
 * which starts with YYYY-MM-DD (folio_layout_is_day). */
void folio_layout_put_date(folio_buf *b, const char *token, size_t n, const char *date);
/* Does date (may be NULL) start with YYYY-MM-DD? */
bool folio_layout_is_day(const char *date);
/* Does permalink (may be NULL) hold a date placeholder? */
bool folio_layout_permalink_dated(const char *permalink);
/* Output path of a site-absolute URL: "/events/x/" -> "events/x/index.html",
 * "/events/index.json" -> "events/index.json", "/" -> "index.html". */
char *folio_layout_url_output(const char *url);

/* A URL written in front matter (url:, aliases:) as the site serves it: a
 * site-absolute path, made relative to base ("/posts/x/") when it does not
 * start with '/' (its "." and ".." taken as a browser takes them: "../y"
 * is "/posts/y/"), with '/' added when its last segment has no extension
 * ("/a/b" -> "/a/b/", "/a/b.html" stays). NULL when it is no safe path of
 * the site (above the root, "/a/../b", "//", '?', '#', a name folio/path.h
 * refuses, a hidden name but .well-known). */
char *folio_layout_front_matter_url(const char *base, const char *url);
/* Whether url (as written, relative or not) has a hidden name other than
 * .well-known, which folio_layout_front_matter_url refuses: its finding
 * says so. */
bool folio_layout_url_hidden(const char *url);
/* A page's alias as written (aliases:) to the URL of its redirect page:
 * as folio_layout_front_matter_url, the path cleaned first as Hugo cleans
 * it (a ".." at the root stays at the root: "/../fr/x/" is "/fr/x/"). */
char *folio_layout_alias_url(const char *base, const char *url);

char *folio_layout_list_url(const folio_collection *c, size_t number);
/* "/events/": the folder of a collection's pages and of the files beside
 * them, whatever its lists' URLs ("/post.html" with ugly_urls). */
char *folio_layout_collection_folder(const folio_collection *c);
char *folio_layout_list_output(const folio_collection *c, size_t number);

/* Site-relative ("/events/feed/2.json"): callers prefix base_url. */
char *folio_layout_feed_url(const folio_collection *c, size_t number);
char *folio_layout_feed_output(const folio_collection *c, size_t number);
/* Has collection c feeds (JSON Feed pages, Atom, RSS)? A collection with a
 * list has; one with list: false only when a partner takes it (its
 * deliveries are its feed's items): Hugo and Jekyll write none there. */
bool folio_layout_has_feeds(const folio_config *cfg, const folio_collection *c);
/* Site-relative URLs of a collection's Atom 1.0 and RSS 2.0 feeds (the
 * RSS named rss_name:, index.xml without a config). */
char *folio_layout_atom_url(const folio_collection *c);
/* The output file of c's Atom feed in lang, a translation language
 * ("es/posts/atom.xml"): whether it was published tells whether lang has
 * c's list (empty_language_lists: false). */
char *folio_layout_atom_output_in(const folio_collection *c, const char *lang);
char *folio_layout_rss_url(const folio_config *cfg, const folio_collection *c);

/* A taxonomy's URLs (taxonomies: in folio.yaml): tax is its name ("tags"),
 * term a term's slug; ugly: the taxonomy's ugly_urls (files, /tags.html,
 * /tags/go.html, as Hugo's uglyURLs), which its feeds' URLs never take.
 * Site-relative. */
char *folio_layout_terms_url(const char *tax, bool ugly);
/* A sub-section's RSS beside its page at url (a folder's, "/docs/guide/"):
 * "/docs/guide/index.xml" (rss_name). */
char *folio_layout_section_rss_url(const folio_config *cfg, const char *url);
/* A taxonomy's RSS of its terms: "/tags/index.xml" (rss_name). */
char *folio_layout_terms_rss_url(const folio_config *cfg, const char *tax);
/* A term's slug (render/taxonomy.h): its name made a slug, or with hugo_links
 * or term_case: keep, urlized a segment at a time; NULL when it has no letter
 * or digit, or is no path a file system holds (*why, unless NULL, says
 * which, or is NULL). Caller frees. */
char *folio_layout_term_slug(const folio_config *cfg, const char *name, size_t len, const char **why);
char *folio_layout_term_url(const char *tax, const char *term, size_t number, bool ugly);
char *folio_layout_term_feed_url(const char *tax, const char *term);
char *folio_layout_term_atom_url(const char *tax, const char *term);
char *folio_layout_term_rss_url(const folio_config *cfg, const char *tax, const char *term);

/* Whether output is a feed page of c, and which (*number, from 1). */
bool folio_layout_feed_number(const folio_collection *c, const char *output, size_t *number);

/* The output path of a static file of the tree ("static/a.pdf"): the same,
 * or "a.pdf" when folio.yaml says static_at_root. */
char *folio_layout_static_output(const folio_config *cfg, const char *path);
/* The tree path of the static file a site-absolute URL path (no fragment)
 * would name ("/static/a.pdf" -> "static/a.pdf"; at the root, "/a.pdf" ->
 * "static/a.pdf"), or NULL when it cannot name one. */
char *folio_layout_static_path(const folio_config *cfg, const char *url);
/* Whether a link to url that names nothing is best told as a missing
 * static file (link/asset) rather than a missing page. */
bool folio_layout_wants_static(const folio_config *cfg, const char *url);

/* The tree path of a file published beside the pages of a collection at a
 * site-absolute URL path ("/agenda/x/photo.jpg" -> "agenda/x/photo.jpg"),
 * or NULL when the URL names a folder. */
char *folio_layout_resource_path(const char *url);

/* Where a file of a page bundle goes: the folder of the page's URL
 * ("/billets/autre/", or "/a/" for "/a/b.html") followed by rel, its path
 * below the bundle's folder ("img/a.jpg" -> "/billets/autre/img/a.jpg"). */
char *folio_layout_bundle_url(const char *page_url, const char *rel);
/* The same as an output path ("billets/autre/img/a.jpg"). */
char *folio_layout_bundle_output(const char *page_url, const char *rel);

/* Whether a site-absolute URL path (no fragment) is one of the outputs
 * made of the whole site or a collection: home, index, sitemap, list and
 * feed pages. Such a URL always exists. */
bool folio_layout_is_generated(const folio_config *cfg, const char *url);
/* The translation language whose folder holds output path ("es/events/index.json":
 * "es", *rest "events/index.json", pointing into path); NULL and *rest path for an
 * output of the site's language. */
const char *folio_layout_output_language(const folio_config *cfg, const char *path, const char **rest);
/* 0 for the site's language (lang NULL), 1 + its index for a language of
 * cfg->languages: the slot of per-language arrays (feeds, taxonomies). */
size_t folio_layout_lang_slot(const folio_config *cfg, const char *lang);

#endif
