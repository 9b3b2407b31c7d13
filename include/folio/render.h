/*
 * Rendering: a loaded site to the bytes of every output file.
 *
 *     folio_outputs outs;
 *     folio_outputs_init(&outs);
 *     folio_render_options ro = FOLIO_RENDER_OPTIONS_INIT;
 *     if (folio_render_site(&outs, site, &ro) < 0) ...
 *     for (size_t i = 0; i < outs.count; i++)
 *         write_file(outs.items[i].path, outs.items[i].data, outs.items[i].len);
 *     folio_outputs_dispose(&outs);
 *
 * Outputs (their paths and URLs are src/model/layout.h's): <folder>/<slug>/index.html
 * per page (a nested page's slug holds its folders; url: in front matter
 * may place it elsewhere), a redirect page per alias, <folder>/index.html and
 * <folder>/page/<n>/index.html per collection, <folder>/index.json and
 * <folder>/feed/<n>.json (JSON Feed 1.1, page_size items a page, newest
 * first, chained by next_url), <folder>/atom.xml and <folder>/index.xml (Atom 1.0
 * and RSS 2.0 of the first page_size items, each with its summary), index.html, 404.html,
 * per taxonomy <tax>/index.html and per term <tax>/<term>/index.html (paginated),
 * <tax>/<term>/index.json, atom.xml and index.xml, index.json (every page), sitemap.xml (past the sitemap-urls limit an index of sitemap-<k>.xml parts; with language_sitemaps an index of <lang>/sitemap.xml), static/
 * files as they are (at the root with static_at_root) and the files beside pages. The bytes depend only on the site (commit and
 * configuration), never on the time, the machine or the number of threads.
 */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include "site.h"

typedef enum {
	FOLIO_UNIT_PAGE,    /* one page; index = page number in path order */
	FOLIO_UNIT_LIST,    /* one list page of a collection */
	FOLIO_UNIT_FEED,    /* one page of a collection's JSON Feed (number) */
	FOLIO_UNIT_HOME,
	FOLIO_UNIT_INDEX,   /* index.json */
	FOLIO_UNIT_SITEMAP,
	FOLIO_UNIT_STATIC,  /* a static file copied through */
	FOLIO_UNIT_ALIAS,   /* a redirect page at an old URL of a page (aliases:) */
	FOLIO_UNIT_ATOM,    /* a collection's Atom 1.0 feed: its first page_size items */
	FOLIO_UNIT_RSS,     /* the same as RSS 2.0 */
	FOLIO_UNIT_NOT_FOUND, /* 404.html, what servers show for a URL the site lacks */
	FOLIO_UNIT_TERMS,   /* the index of a taxonomy's terms (/tags/) */
	FOLIO_UNIT_TERM,    /* one list page of a term (/tags/<term>/, page number) */
	FOLIO_UNIT_TERM_FEED, /* a term's JSON Feed (ATOM and RSS with term set: its others) */
	FOLIO_UNIT_REDIRECT, /* a redirect page of folio.yaml's redirects: (number: its index) */
	FOLIO_UNIT_TERMS_RSS, /* a taxonomy's RSS 2.0 of its terms (/tags/index.xml), as Hugo's */
	FOLIO_UNIT_SECTION_RSS, /* a sub-section's RSS 2.0 (section_feeds:; page: its section page) */
} folio_unit_kind;

struct folio_spill;

typedef struct {
	char *path;             /* relative to the output directory */
	char *data;             /* owned */
	size_t len;
	/* instead of data, for an output too large to hold (index.json past
	 * FOLIO_RENDER_HOLD_MAX bytes, rendered for a sink): its len bytes are
	 * this scratch file's, from its start; owned (folio_output_release) */
	struct folio_spill *scratch;
	folio_unit_kind kind;
	const folio_page *page; /* PAGE and ALIAS: the page; SECTION_RSS: the
	                           sub-section's; borrowed from the site */
	const folio_collection *collection; /* LIST, FEED, ATOM and RSS: borrowed */
	size_t number;          /* LIST and FEED: page number, from 1; REDIRECT: index in
	                           the config's redirects */
	const folio_static_file *file; /* STATIC: the file of the tree copied; borrowed */
	/* TERMS, TERM, TERM_FEED, and ATOM and RSS of a term: borrowed from the
	 * renderer (NULL in folio_render_plan()'s outputs) */
	const struct folio_taxonomy *taxonomy;
	const struct folio_term *term;
	const char *lang; /* LIST, FEED, ATOM, RSS of a translation language (/es/...);
	                     NULL: the site's language. Borrowed from the config */
	bool contested;   /* ALIAS: other pages keep this old URL too; this page won
	                     it (render.c's alias_wins; validation names the
	                     others), so which page it goes to may change when
	                     one of them does */
} folio_output;

typedef struct {
	folio_output *items; /* sorted by path after folio_render_site() */
	size_t count, alloc;
} folio_outputs;

typedef struct {
	int jobs; /* threads; 0 = one per core */
} folio_render_options;

#define FOLIO_RENDER_OPTIONS_INIT { 0 }

void folio_outputs_init(folio_outputs *outs);
void folio_outputs_dispose(folio_outputs *outs);

/*
 * Render every output of site into outs. Pages that failed to load
 * (ok == false) are skipped. Returns 0, or a negative code when a static
 * file cannot be read.
 */
int folio_render_site(folio_outputs *outs, const folio_site *site, const folio_render_options *opts);

/*
 * Append to outs every output site gives (its path and kind, no data),
 * sorted by path: the paths folio_render_site() writes. site has a config.
 */
void folio_render_plan(folio_outputs *outs, const folio_site *site);

/*
 * The same in steps, for incremental publishing: plan every output, ask
 * what each depends on, render only some.
 *
 *     folio_renderer *r;
 *     folio_renderer_new(&r, site);
 *     folio_outputs *plan = folio_renderer_outputs(r);  // paths and kinds, no data yet
 *     folio_renderer_deps(r, i, &buf);                  // what output i is made of
 *     folio_renderer_render(r, selected, jobs);         // fills data of selected outputs
 *     folio_renderer_free(r);
 */
typedef struct folio_renderer folio_renderer;

/* Plan every output of site (borrowed; must outlive the renderer). */
int folio_renderer_new(folio_renderer **out, const folio_site *site);
void folio_renderer_free(folio_renderer *r);
/* The planned outputs, sorted by path; data is NULL until rendered. Borrowed. */
folio_outputs *folio_renderer_outputs(folio_renderer *r);
/* How many list pages' paginations were rendered, and how many entries
 * (one per page of a list) were built for them: each long list's entries
 * are built once and shared by its pages, so this grows with the site's
 * list pages, not with their square. */
void folio_renderer_pagination_counts(const folio_renderer *r, size_t *paginations, size_t *entries);
/*
 * Append to out one line "key=version" per input of output i, in a fixed
 * order: source files with their content ids, templates, the configuration,
 * and the order of items on list pages. Two outputs with the same lines have
 * the same bytes. Call from one thread at a time.
 */
void folio_renderer_deps(const folio_renderer *r, size_t i, folio_buf *out);
/* Bytes of the outputs a render keeps as they are (an incremental publish's
 * outputs not selected, from the state): they count against site-size with
 * those rendered, so that a publish of a few pages cannot grow the site past
 * it. 0 (the default): a build of every output. */
void folio_renderer_set_kept_bytes(folio_renderer *r, size_t bytes);
/* Render the outputs whose selected[i] is true (NULL: all) on jobs threads.
 * Returns 0, or a negative code when a static file cannot be read. */
int folio_renderer_render(folio_renderer *r, const bool *selected, int jobs);

/*
 * Called on a worker thread as soon as output index is rendered: it may
 * write the bytes and free o->data (setting it NULL), so that a build never
 * holds the whole site in memory. Calls run concurrently; a negative return
 * stops further calls and is returned by folio_renderer_render_to().
 */
typedef int (*folio_output_sink)(folio_output *o, size_t index, void *payload);

/* The largest output a sink is handed in memory; index.json past it is in
 * a scratch file (folio_output.scratch): 58 MB at 100,000 pages. */
#define FOLIO_RENDER_HOLD_MAX ((size_t)16 << 20)
/* Calls fn on o's bytes in order: data at once, or its scratch file in
 * chunks of 1 MiB. Returns the first non-zero return of fn, or a negative
 * code when the scratch file cannot be read back. */
int folio_output_each(const folio_output *o, int (*fn)(const void *chunk, size_t len, void *payload),
                      void *payload);
/* Frees o's bytes, data or scratch file; both are then NULL. */
void folio_output_release(folio_output *o);

int folio_renderer_render_to(folio_renderer *r, const bool *selected, int jobs,
                             folio_output_sink sink, void *payload);
/*
 * Budgets (folio_site_limits): an output whose template render stops
 * (template/recursion, budget/partial-depth, budget/template-output), one
 * past page-output, and every output once the site passes site-size are
 * findings kept in the renderer and are never handed to the sink; the
 * render then returns FOLIO_EINVALID. Take the findings with
 * folio_renderer_move_diags() (appended to diags; r may be NULL).
 */
void folio_renderer_move_diags(folio_renderer *r, folio_diags *diags);

/*
 * Measure every output of site against the budgets, keeping and writing
 * nothing (static files count at their size, unread): what `folio check`
 * and the pre-receive hook run. Outputs made without templates (JSON feed
 * pages, index.json) count at a bound of their size when it settles their
 * budgets; the others are rendered. The findings are those of rendering
 * every output. Findings go to diags; returns 0, or a negative code on an
 * operational failure.
 */
int folio_render_check(const folio_site *site, int jobs, folio_diags *diags);

#endif
