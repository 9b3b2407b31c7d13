/*
 * The site model's state and the functions its files share: site.c (the
 * load's phases in order, configuration, templates and schemas, the
 * accessors, partial sites), site_tree.c (the tree: pages by name, slugs,
 * languages, static files, findings about the tree), site_parse.c (the
 * pages' text, front matter and Markdown parsed on all cores, held pages),
 * site_urls.c (a page's address from its front matter, the URLs its links
 * are written with, where static files go) and site_index.c (the lookup
 * tables, the finds, a partial site's stubs). See site.c for the phases.
 */
#ifndef FOLIO_SITE_INTERNAL_H
#define FOLIO_SITE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "folio/site.h"
#include "model/link_hooks.h"
#include "model/site_partial.h"

typedef struct {
	const folio_collection *collection;
	folio_page **pages; /* sorted by the collection's sort order */
	size_t count;
	const folio_page *section; /* its _index.md, or NULL */
	/* per config language: its translations, and its _index.<lang>.md */
	struct { folio_page **pages; size_t count; const folio_page *section; } *langs;
} collection_index;

/* Jekyll's _includes/ as pages' includes read it (site_includes.c) */
typedef struct folio_site__includes folio_site__includes;
folio_site__includes *folio_site__includes_new(void);
void folio_site__includes_free(folio_site__includes *inc);
/* The text of _includes/<name> (caller frees), or NULL and *why, a static
 * phrase (markdown.h's include_of). */
char *folio_site__include_text(folio_site *site, const char *name, size_t *len, const char **why);

struct folio_site {
	_Atomic size_t nsigned; /* pages whose sig the load computed (FOLIO_TRACE) */
	folio_source *src;
	folio_config *config;
	folio_templates *templates;
	folio_schema **schemas; /* one per collection, or NULL */
	folio_page **pages;     /* published pages, path order */
	size_t npages, apages;
	folio_page **held;      /* drafts, pending and expired pages, path order */
	size_t nheld, aheld;
	long long now;          /* what publish and expiry dates are compared to */
	folio_page **misnamed;  /* pages whose file name is not a slug: checked, never published */
	size_t nmisnamed, amisnamed;
	folio_page **by_key;    /* pages in the site's language, by collection name, then slug */
	size_t nkeys;
	folio_page **by_lang;   /* every page, by collection name, slug, then language */
	folio_page **by_url;    /* sorted by url */
	folio_page **sections;  /* the _index pages that say cascade:, by path (site_cascade.c) */
	size_t nsections;
	/* once indexed: some page of by_path (a stream's, held pages too) is an
	 * _index page that says cascade:, which site_cascade.c finds there */
	bool by_path_cascades;
	collection_index *collections;
	folio_page *home;       /* the home collection's _index page, or NULL (folio_site_home) */
	folio_page **home_langs; /* its translations, one per cfg->languages (NULL: none) */
	folio_static_file *statics;
	size_t nstatics, astatics;
	/* the files of held leaf bundles, not published, by output (site_urls.c) */
	struct folio_site__held_file { char *output, *path; const folio_page *page; } *held_files;
	size_t nheld_files, aheld_files;
	folio_static_file *files; /* every regular file of the tree, path order */
	size_t nfiles, afiles;
	char **index_files;   /* leaf_bundles, readme_index: every folder's index page
	                         ("x/index.md"), sorted */
	size_t nindex_files, aindex_files;
	bool index_known;     /* index_files lists the whole tree's (else the source is asked) */
	folio_link_terms terms; /* the files link_hooks: name as terms, excluded ones too */
	folio_diags diags;
	folio_site_options opts;
	folio_limits limits; /* the server's (opts.limits), lowered by folio.yaml */
	size_t static_bytes; /* sum of the static files' sizes */
	size_t server_config_files; /* static files a web server reads as its settings */
	/* partial sites: pages the site does not hold come from the lookup, as
	 * stubs made on first use (under stub_lock: validation runs on threads) */
	folio_site__lookup lookup;
	bool partial;
	pthread_mutex_t stub_lock;
	folio_page **stubs;
	size_t nstubs, astubs;
	folio_page **by_path; /* while bodies are parsed: the pages sorted by path; kept
	                         with opts.stream, to render a page's HTML again */
	size_t nby_path;
	folio_page **by_path_caseless; /* the same sorted without regard to case (hugo_links:
	                                  GetPage finds SPEC.md's spec.md); NULL without */
	struct folio_site__named *by_name; /* the pages by the name Hugo's GetPage finds them by
	                                      (site_urls.c), sorted; built with by_path */
	size_t nby_name;
	bool stream;          /* opts.stream on a git source (folio_site_page_html) */
	struct folio_spill *spill; /* stream and opts.spill_html: the pages' HTML (owned);
	                              NULL when none could be made */
	_Atomic size_t nspilled;   /* pages whose HTML the scratch file holds */
	_Atomic size_t nread_back; /* ... read back by folio_site_page_html */
	_Atomic size_t nagain;     /* pages' HTML rendered again from their blobs */
	folio_page **by_url_early; /* while bodies are parsed: the pages sorted by URL (url_known) */
	char **aliases_early;      /* ... and their old URLs (aliases:), sorted: made when a
	                              relative link first asks (url_known, site_urls.c) */
	size_t naliases_early;
	atomic_bool aliases_made;
	folio_static_file **by_output; /* statics by output path, once placed */
	bool guessed_url;     /* partial: a link to a .md file not loaded got the
	                         URL its path spells, which its front matter may change */
	folio_site__includes *includes; /* Jekyll's _includes/, listed when first asked */
	/* site-text: bytes of page text this load parsed or is about to, and
	 * whether it passed the limit (no page is parsed after), and said so */
	_Atomic size_t text_spent;
	atomic_bool text_over;
	bool text_said;
	/* the pages' blob sizes this load summed, and whether some went
	 * unsized (a stub's, or past site-text): folio_site__pages_text() */
	size_t pages_text;
	bool pages_text_partial;
};

/* ---- site_tree.c: readme_index ---- */
/* With readme_index, the path path's page is named by when it is a
 * folder's README.md and the folder has no index page ("docs/index.md"
 * for "docs/README.md"), else NULL. Caller frees. */
char *folio_site__readme_as_index(folio_site *site, const char *path);

/* ---- site_urls.c ---- */
/* Forget the pages' old URLs made while bodies were parsed. */
void folio_site__drop_early_aliases(folio_site *site);

/* ---- site_aliases.c ---- */
/* folio_page_alias_count of a page whose body is not parsed yet (its front
 * matter is): 0 for one whose front matter could not be read. */
size_t folio_site__early_alias_count(const folio_page *p);
/* With aliases_words: in cfg, p's aliases: written as one string becomes
 * the list of its words in p->meta, as Hugo's cast.ToStringSlice splits
 * it, so that every reader sees one list; a string of more words than a
 * list may hold items is none, a front-matter/syntax error. */
void folio_site__split_alias_words(folio_page *p, const folio_config *cfg, folio_diags *diags);

/* ---- site_tree.c ---- */
/* Size of a file without reading it (a blob's header for a commit). */
int folio_site__entry_size(size_t *out, folio_site *site, const folio_entry *e);
bool folio_site__has_prefix(const char *s, const char *prefix);
size_t folio_site__page_ext(const char *path);
bool folio_site__is_html_page(const char *path);
bool folio_site__is_page_file(const folio_config *cfg, const char *path);
/* leaf_bundles: whether the page file at path is a resource of a leaf
 * bundle above it rather than a page. */
bool folio_site__in_leaf_bundle(folio_site *site, const char *path);
/* Is path, of collection c (or NULL), below a dot folder or a dot file,
 * which a Hugo or Jekyll site leaves out (site_tree.c)? */
bool folio_site__hidden(const folio_site *site, const folio_collection *c, const char *path);
/* Is the page file path, in a translation's folder and named for a
 * language (content/fr/x.en.md, content/fr/x.fr.md), left out for the file
 * at its path in the site language's folder (content/en/x.en.md), which
 * gives the same page? */
bool folio_site__shadowed(const folio_site *site, const char *path);
/* A page file named index ("x/index.md", "x/index.fr.md") in a folder below
 * its collection's: a leaf bundle's page. */
bool folio_site__leaf_index(const folio_config *cfg, const char *path);
typedef struct folio_site__held_file folio_site__held_file;
char *folio_site__page_slug(const folio_collection *c, const char *path, bool *section,
                            const char **bad, size_t *badlen);
void folio_site__set_page_url(folio_page *p, char *url);
/* p's URL by its slug (site_tree.c): the layout's, a Jekyll folder's index
 * page at the folder. Caller frees. */
char *folio_site__page_url(const folio_page *p);
/* Is p the index page of a folder under ugly_urls: pages, at the folder
 * and not at x.html (whether by its name or by a permalink)? */
bool folio_site__folder_index(const folio_page *p);
folio_page *folio_site__add_entry(folio_site *site, const folio_entry *e,
                                  const folio_collection *c, folio_diags *d);
/* Phase 2: the source's refused entries, then (with a config) its pages
 * and static files, these sorted by path. */
int folio_site__read_tree(folio_site *site);
void folio_site__post_date(folio_page *p);
/* A name of ASCII letters, digits and dashes (and underscores, when c
 * keeps them) as it is, capitals and inner dots kept (slug_case: keep);
 * any other by the slug rule. Caller frees; NULL as folio_slug_make. */
char *folio_site__slug_keeping_case(const folio_collection *c, const char *s, size_t n);
/* a name as Jekyll's :title makes it: as folio_site__slug_keeping_case,
 * a run of dashes one and none at either end (site_tree.c) */
char *folio_site__jekyll_title(const folio_collection *c, const char *s, size_t n);
/* Does p's file name start with the date that names it (a post's, or a
 * page of a collection of name_dates:: "2020-05-27-x.md")? */
bool folio_site__named_by_date(const folio_page *p);
/* Is p a folder's index.md that is a page of its own, not a list's text:
 * in a folder of pages with no list (Jekyll's), its permalink: its own;
 * not Hugo's content root's index.md, which Hugo makes the home's. */
bool folio_site__own_page(const folio_page *p, const folio_config *cfg);
/* The length of the date p's file name opens with ("2020-5-5-": 9), its
 * date "YYYY-MM-DD" in date; 0 when p is no post or its name has none. */
size_t folio_site__name_date(const folio_page *p, char date[11]);
/* A post whose name opens with a date no calendar has (2007-02-29-x.md):
 * a date/invalid finding in d, when its front matter gives none. */
void folio_site__check_name_date(const folio_page *p, folio_diags *d);
/* The title of p when its front matter has none: its slug, or with
 * title_from_name its file name without its extension and date, each word
 * between dashes capitalised ("Everyone Contributes"), kept in
 * p->name_title. */
const char *folio_site__untitled(folio_page *p);

/* ---- site_parse.c ---- */
int folio_site__read_pages(folio_site *site, folio_page **pages, size_t npages);
int folio_site__parse_pages(folio_site *site, folio_page **pages, size_t npages);
void folio_site__parse_front(folio_page *p, folio_site *site, folio_diags *diags);
void folio_site__parse_body(folio_page *p, folio_site *site, folio_diags *diags);
void folio_site__hold_pages(folio_site *site);

/* ---- site_urls.c ---- */
/* slug:, url: and a collection's permalink: (slug_dots: in cfg) */
void folio_site__apply_address(folio_page *p, const folio_config *cfg, folio_diags *d);
void folio_site__markdown_options(folio_markdown_options *out, const folio_page *p,
                                  folio_site *site);
/* Index the pages (site->by_path) by their names, for a reference by a
 * page's name alone (site_urls.c). */
void folio_site__index_names(folio_site *site);
void folio_site__place_statics(folio_site *site);

/* ---- site_index.c ---- */
void folio_site__index_pages(folio_site *site);
void folio_site__unindex_pages(folio_site *site);
int folio_site__cmp_path(const void *a, const void *b);
/* folio_search's comparison of a page's path with a path, case aside. */
int folio_site__cmp_page_path_caseless(const void *elem, const void *key);
int folio_site__cmp_url(const void *a, const void *b);
/* folio_search over pages sorted by URL, or by path: key is a string */
int folio_site__cmp_page_url(const void *elem, const void *key);
int folio_site__cmp_page_path(const void *elem, const void *key);
/* A partial site's page it does not hold, by collection, slug and lang
 * (NULL: the site's language) or by url, from its lookup; NULL when none. */
const folio_page *folio_site__find_stub(const folio_site *site, const char *collection,
                                        const char *slug, const char *lang, const char *url);
const folio_static_file *folio_site__find_file(const folio_static_file *files, size_t n,
                                               const char *path);

#endif
