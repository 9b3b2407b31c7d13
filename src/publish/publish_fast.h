/*
 * Inside the fast path (publish_fast.c says what it takes and why it is
 * the full path's result): its working set and the functions its files
 * share. publish_judge.c judges a change against the published commit's
 * state (also for folio_publish_judge() and publish_model.c),
 * publish_dirty.c finds the outputs a change makes dirty and their new
 * dependency lines, publish_feeds.c renders their feed pages from kept
 * and made fragments, publish_fast.c hands them to the writer.
 */
#ifndef FOLIO_PUBLISH_FAST_H
#define FOLIO_PUBLISH_FAST_H

#include <sqlite3.h>

#include "folio/source.h"
#include "model/site_partial.h"
#include "publish/publish_internal.h"

typedef enum { PAGE_MODIFIED, PAGE_ADDED, PAGE_DELETED } page_change_kind;

typedef struct {
	char *path, *old_id, *new_id; /* old_id NULL when added, new_id NULL when deleted */
	page_change_kind kind;
	bool reshaped;       /* modified, its front matter, summary or heading ids too (judging only) */
	bool anchors_changed;
} page_change;

typedef struct {
	char *path;      /* output */
	char *deps;      /* stored dependency lines, then the new ones */
	char hash[FOLIO_SHA256_HEX];
	size_t size;     /* bytes of its file, as the state has them */
	size_t change;   /* index of the page change that makes it dirty */
} dirty_output;

typedef struct {
	publisher *p;
	folio_source *src;
	folio_diags findings; /* the kept ones, then the verdict's (sorted at the end) */
	page_change *changes;
	size_t nchanges, achanges;
	/* files changed that are no pages: the fast path takes the commit when
	 * the site reads none of them (folio_site_path_unread: excluded) */
	char **others;
	char **others_old; /* each one's blob before, when it is a file modified in place; else NULL */
	size_t nothers, aothers;
	bool refused;    /* the diff holds a change the fast path does not take */
	bool judging;    /* a verdict only (folio_publish_judge): pages may be added or deleted */
	size_t nadded, ndeleted, nreshaped, nparsed;
	dirty_output *outs;
	size_t nouts, aouts;
	sqlite3_stmt *by_key, *by_url, *file, *static_only;
	const folio_config *cfg; /* the partial site's, once open: the lookups' languages */
} fast;

/* A feed page's items, in order, are its "<page>.md=<id>" lines; its
 * number and count the "pagination=N/M" line. */
typedef struct {
	const folio_collection *collection;
	const char *lang;        /* a translation language's feed page (the config's string) */
	size_t number, count;
	char **paths, **ids;
	size_t n;
	char *config;            /* its "folio.yaml=<id>" input line */
	const folio_page **items; /* parsed items (those without a kept fragment) */
	char **fragments;        /* each item's text, kept or made */
	bool *made;              /* fragment made by this publish, to keep */
	bool fresh;              /* an item links to another page or a bundle's file ("file:"
	                            lines): a kept fragment may show where it was, so every
	                            item is made anew */
} feed_page;

/* The fast publish's work: the partial site, its feed pages, the changed pages. */
typedef struct {
	publisher *p;
	folio_site *site;
	feed_page *feeds; /* by dirty output; collection NULL for a page output */
	size_t nfeeds;
	const folio_page **changed;
	char *published;
} fast_work;

/* ---- publish_judge.c ---- */

/* The state's message for a failed statement, what first. */
int folio_publish__fast_fail(fast *f, const char *what);
/* Column i of the row s stands on, copied (NULL for NULL). */
char *folio_publish__column(sqlite3_stmt *s, int i);
/* The partial site's lookups (folio_site__lookup) of the pages and
 * static files the commit did not change; payload is the fast. */
bool folio_publish__lookup_page(folio_site__stub *out, const char *collection, const char *slug,
                                const char *lang, const char *url, void *payload);
bool folio_publish__lookup_file(const char *path, void *payload);
/* The page at path parsed from blob id into site (NULL and f->refused
 * when it has errors); its warnings join the verdict when keep. */
folio_page *folio_publish__load_page(fast *f, folio_site *site, const char *path, const char *id,
                                     bool keep);
/* What judging and publishing share (f->refused when the fast path does
 * not apply): see publish_judge.c. */
int folio_publish__fast_judge(fast *f, fast_work *w, folio_site__lookup *lk);
void folio_publish__fast_dispose(fast *f, fast_work *w);

/* ---- publish_dirty.c ---- */

/* f->outs: the outputs whose stored lines name a changed page's old content id. */
int folio_publish__find_dirty(fast *f);
/* o->deps with each changed page's old content id replaced by its new one. */
void folio_publish__rewrite_deps(fast *f, dirty_output *o);

/* ---- publish_feeds.c ---- */

/* w->feeds: each dirty output a changed page's own, or a feed page read
 * from its stored lines (else f->refused). */
void folio_publish__classify(fast *f, fast_work *w);
/* The other items of each feed page: their kept fragments, else parsed. */
void folio_publish__load_neighbours(fast *f, fast_work *w);
/* Make the fragments not kept, once the renderer exists. */
void folio_publish__make_fragments(fast_work *w, size_t nouts, const folio_renderer *r);
/* In the journal's transaction (p->journal_extra): keep the fragments made. */
int folio_publish__keep_fragments(void *payload);
void folio_publish__feed_page_dispose(feed_page *fp);

#endif
