/*
 * The renderer's state and the functions its files share: render.c (the
 * orchestration and the entry points), render_plan.c (the outputs a site
 * has), render_json.c (the page object, references, JSON-LD, small JSON
 * helpers), render_units.c (each kind of output rendered), render_index.c
 * (index.json and the sitemap), render_bound.c (bounds of outputs' sizes) and
 * render_deps.c (the inputs of each output). See render.c for the
 * invariants.
 */
#ifndef FOLIO_RENDER_INTERNAL_H
#define FOLIO_RENDER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "folio/buf.h"
#include "folio/render.h"
#include "render/taxonomy.h"
#include "util/spill.h"

#define HOME_ITEMS 5

typedef struct {
	char *field;                      /* top-level front matter field */
	const folio_collection *target;   /* collection its slugs name */
} ref_field;

typedef struct {
	ref_field *items;
	size_t count, alloc;
} ref_fields;

struct folio_renderer {
	const folio_site *site;
	const folio_config *cfg;
	json_t *site_ctx;   /* the "site" object shared by every context */
	char *site_title;   /* the site's title in a page's <title>: smartified once with smart_quotes */
	ref_fields *refs;   /* per collection */
	folio_outputs outs; /* the plan, sorted by path */
	const bool *selected;
	folio_output_sink sink;
	void *sink_payload;
	struct { char *name, *version; } *tversions; /* memo of template versions */
	size_t ntversions, atversions;
	pthread_mutex_t tversions_lock; /* dependencies are listed on every core */
	/* each page's refs and terms, by its path: {"refs", "taxonomies",
	 * "terms"}, made once and shared by every output that shows the page
	 * (render_json.c, page_shared) */
	json_t *shared;
	pthread_mutex_t shared_lock;
	atomic_int sink_rc;  /* first failure of the sink, 0 while none */
	/* budgets: outputs past them are findings, never handed to the sink */
	bool dry_run;        /* folio_render_check: measure, write nothing, read no static file */
	bool bound;          /* dry run: an output whose bound (render_bound.c) settles its
	                        budgets is not rendered; its bound counts for its size */
	atomic_size_t nbounded; /* outputs counted by their bound */
	atomic_size_t total; /* bytes of the outputs rendered so far, static files included */
	size_t kept_bytes;   /* of the outputs kept as they are (folio_renderer_set_kept_bytes) */
	atomic_bool over_site; /* the site-size finding is made once */
	atomic_size_t steps; /* template render steps so far, all outputs together */
	atomic_bool over_work; /* past render-work: nothing more is rendered */
	atomic_bool failed;  /* some output went past a budget */
	pthread_mutex_t diag_lock;
	pthread_mutex_t source_lock; /* a static file is read under it: a source is single-threaded */
	folio_diags diags;   /* under diag_lock while rendering */
	char sink_error[1024]; /* its message: set on a worker thread, errors are per thread */
	/* partial renderers: the items of each feed page added, by output index */
	struct feed_slice { char **fragments; size_t n, count; } *slices;
	size_t aslices;
	/* full renderers: each collection's items in feed order, sorted once
	 * (every feed page and its deps need it) */
	struct feed_sorted { const folio_page **pages; size_t n; } *feeds;
	/* full renderers: each site feed's items (folio.yaml's feeds:), per
	 * language (the site's first), then per feed (render_site_feed.c) */
	struct feed_sorted *site_feeds;
	/* full renderers: taxonomies: one per cfg->taxonomies (taxonomy.h) */
	folio_taxonomy *taxonomies;
	/* full renderers: the sitemap's URLs and their parts (render_sitemap.c) */
	struct folio_render__sitemap *sitemap;
	/* full renderers: the sub-sections' pages and items (render_sections.c) */
	struct folio_render__sections *sections;
	/* the path of base_url ("/previews/x" of "http://h/previews/x"), put
	 * before the site-absolute links of HTML outputs; NULL when it has none */
	char *link_prefix;
	/* full renderers: feed items' fragments given before rendering (kept in
	 * the state), sorted by page; and, when collecting, those made while
	 * rendering (under made_lock), for the caller to keep: in made_spill
	 * when there is one (at, len), so that a full publish does not hold
	 * every page's HTML a second time, else in memory (fragment) */
	struct kept_fragment { const folio_page *page; char *fragment; } *kept;
	struct made_fragment {
		const folio_page *page;
		char *fragment;
		uint64_t at;
		size_t len;
		bool contained; /* its body's links ask nothing of the site */
	} *made;
	size_t nkept, nmade, amade, nmade_spilled;
	bool collect;
	folio_spill *made_spill;
	atomic_size_t nreused; /* feed items taken from kept fragments */
	atomic_size_t nbodies; /* pages' HTML rendered from their blobs while rendering */
	pthread_mutex_t made_lock;
	/* the entries of long lists' paginations, shared by their pages
	 * (render_pager.c); locked inside */
	struct folio_render_pagers *pagers;
};
typedef struct folio_renderer renderer;

/* The URL of list page number of the list o is a page of; caller frees. */
typedef char *(*folio_render_page_url)(const folio_output *o, size_t number);

/* The HTML of the pages of the feed page being rendered on this thread
 * (render_group): each page's HTML is rendered once, for its own output and
 * its feed page's, and freed once both are written. */
typedef struct {
	const folio_page *page;
	char *html;
	size_t len;
	bool contained; /* its links ask nothing of the site (folio_site_page_html_links) */
} html_memo;



/* ---- render_plan.c ---- */
folio_output *folio_render__add_unit(folio_outputs *outs, folio_unit_kind kind, char *path);
void folio_render__plan_units(folio_outputs *outs, const folio_site *site,
                              const folio_taxonomy *taxonomies, const struct folio_render__sitemap *sm);

/* ---- render_json.c ---- */
const char *folio_render__page_html(const renderer *r, const folio_page *p, size_t *len,
                                    char **owned, bool *contained);
void folio_render__use_memo(html_memo *m, size_t n);
char *folio_render__absolute_url(const folio_config *cfg, const char *url);
void folio_render__set_str(json_t *obj, const char *key, const char *value);
void folio_render__set_own(json_t *obj, const char *key, char *value);
void folio_render__render_failed(const renderer *r);
void folio_render__put_json_string(folio_buf *b, const char *s, size_t n);
/* The escape of c, a byte JSON strings may not hold as it is ('"', '\\',
 * a control byte), as jansson writes it. */
void folio_render__put_json_escape(folio_buf *b, unsigned char c);
char *folio_render__in_lang(const char *lang, char *url);
/* The address segment of the term slug that page p gives in taxonomy t
 * (cfg->taxonomies' index), in p's language: its text's under slug_from:
 * title (folio_taxonomy_term_addr), else slug. A partial renderer has no
 * taxonomies: the fast path is not taken on such a site. Borrowed. */
const char *folio_render__term_addr(const renderer *r, const folio_page *p, size_t t, const char *slug);
/* Is lang written right to left (he, ar, fa: ICU's word)? site.rtl, <html dir="rtl">. */
bool folio_render__rtl(const char *lang);
json_t *folio_render__collection_json(const renderer *r, const folio_collection *c);
void folio_render__collect_refs(renderer *r);
char *folio_render__rfc3339(const renderer *r, const char *date);
char *folio_render__jsonld(const renderer *r, const folio_page *p, json_t *refs);
json_t *folio_render__page_json(const renderer *r, const folio_page *p, bool full);

/* ---- render_site_feed.c ---- */
void folio_render__sort_site_feeds(renderer *r);
/* The items of folio.yaml's feed number feed in lang (NULL: the site's),
 * newest first, its size at most; borrowed from the full renderer. */
const folio_page *const *folio_render__site_feed_items(const renderer *r, size_t feed, const char *lang,
                                                       size_t *n);
void folio_render__free_site_feeds(renderer *r);
/* Whether o is one of the site's feeds: an Atom or RSS output of no
 * collection and no term; o->number is its place in feeds:. */
bool folio_render__is_site_feed(const folio_output *o);

/* ---- render_pager.c ---- */
typedef struct folio_render_pagers folio_render_pagers;
folio_render_pagers *folio_render__pagers_new(void);
void folio_render__pagers_free(folio_render_pagers *p);
/* A list page's "pagination": number, count, prev_url, next_url, and pages
 * (an entry a page of the list: number, url, current); o is a LIST or a TERM. */
json_t *folio_render__pagination(const renderer *r, const folio_output *o,
                                 folio_render_page_url url_of, size_t number, size_t count);

/* ---- render_units.c ---- */
void folio_render__render_finding(renderer *r, folio_rule rule, const char *path, const char *hint,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));
char *folio_render__output_subject(const folio_output *o, const char *template_name);
void folio_render__render_page(folio_output *o, const renderer *r);
/*
 * How a list of n items is cut into pages of size items (folio.yaml's
 * pagination, config.h's pages_shift): the count of its pages (1 when it
 * is empty), and the items of page number: the index of its first in
 * *first, their count returned (0 past the last page).
 */
size_t folio_render__page_count(size_t size, bool shift, size_t n);
size_t folio_render__page_items(size_t size, bool shift, size_t n, size_t number, size_t *first);
/* The same for a collection's list and feed pages. */
size_t folio_render__list_page_count(const folio_collection *c, size_t items);
size_t folio_render__list_page_items(const folio_collection *c, size_t n, size_t number, size_t *first);
void folio_render__render_list(folio_output *o, const renderer *r, size_t number);
void folio_render__render_home(folio_output *o, const renderer *r);
void folio_render__render_not_found(folio_output *o, const renderer *r);
const folio_page **folio_render__sort_feed(const renderer *r, const folio_collection *c, const char *lang,
                                    size_t *n);
const folio_page *const *folio_render__feed_order_in(const renderer *r, const folio_collection *c,
                                              const char *lang, size_t *n);
char *folio_render__feed_fragment(const renderer *r, const folio_page *p, bool *contained);
/* The fragment kept for p as a feed item (folio_renderer__use_fragments()), or NULL. */
const char *folio_render__kept_fragment(const renderer *r, const folio_page *p);
/* Sorts r->kept by page, for folio_render__kept_fragment()'s search. */
void folio_render__sort_kept(renderer *r);
char *folio_render__feed_head(const renderer *r, const folio_output *o, size_t count);
void folio_render__render_feed(folio_output *o, const renderer *r, size_t index);
const folio_page *const *folio_render__feed_items(const renderer *r, const folio_output *o, size_t *n,
                                           char **title, char **home);
void folio_render__render_syndication(folio_output *o, const renderer *r);
void folio_render__render_terms_rss(folio_output *o, const renderer *r);

/* render_sections.c: sub-sections' RSS (section_feeds:) */
bool folio_render__is_subsection(const folio_site *site, const struct folio_taxonomy *t, const folio_page *p);
struct folio_render__sections *folio_render__sections_new(const renderer *r);
void folio_render__sections_free(struct folio_render__sections *ss);
/* The pages the sub-section's RSS shows (*n, at most page_size), in feed order. */
const folio_page *const *folio_render__section_items(const renderer *r, const folio_page *section, size_t *n);
void folio_render__render_section_rss(folio_output *o, const renderer *r);
void folio_render__render_term_feed(folio_output *o, const renderer *r);
void folio_render__render_term(folio_output *o, const renderer *r);
void folio_render__render_terms(folio_output *o, const renderer *r);
void folio_render__render_alias(folio_output *o, const renderer *r);
void folio_render__render_redirect(folio_output *o, const renderer *r);
/* Sets o's bytes to j dumped as JSON_INDENT(1) and a newline; takes j. */
void folio_render__dump_to_output(folio_output *o, json_t *j);

/* ---- render.c ---- */
/* folio_render_check(), with bound: outputs settled by their bounds are not
 * rendered (the same findings: unit/render_check compares both ways). */
int folio_render__check(const folio_site *site, int jobs, folio_diags *diags, bool bound);

/* ---- render_bound.c ---- */
/* An upper bound of the bytes output o renders to, computed without
 * rendering it; SIZE_MAX when it has none (render it to know). */
size_t folio_render__output_bound(const renderer *r, const folio_output *o);

/* ---- render_index.c ---- */
int folio_render__render_index(folio_output *o, const renderer *r);

/* ---- render_sitemap.c ---- */
/* The sitemap's URLs, sorted by part then URL, and how many parts (0: one
 * file, sitemap.xml): built once a plan, read by the plan, deps and render. */
typedef struct folio_render__sitemap {
	struct folio_render__sitemap_entry *e;
	size_t n, nparts;
	size_t ngroups; /* language_sitemaps: one a language, the site's first; else 0 */
	const folio_config *cfg;
} folio_render__sitemap;
folio_render__sitemap *folio_render__sitemap_new(const folio_site *site, const folio_taxonomy *taxonomies);
void folio_render__sitemap_free(folio_render__sitemap *sm);
/* sitemap-<k>.xml (k from 1), or with language_sitemaps: <lang>/sitemap.xml
 * (<lang>/sitemap-<k>.xml past the limit). Caller frees. */
char *folio_render__sitemap_part_path(const folio_render__sitemap *sm, size_t k);
/* The next part some URL falls in, as k (from 1), from *cursor (0 at first):
 * false past the last (and always when there are no parts). */
bool folio_render__sitemap_next_part(const folio_render__sitemap *sm, size_t *cursor, size_t *k);
void folio_render__sitemap_deps(const renderer *r, const folio_output *o, folio_buf *out);
void folio_render__render_sitemap(folio_output *o, const renderer *r);

#endif
