/*
 * Incremental publishing: bring an output directory from the commit the
 * state says is published to another commit, re-rendering only the outputs
 * whose inputs changed and writing only the files whose bytes changed.
 * The result is byte for byte what a full build of that commit writes.
 *
 *     folio_publish_options o = FOLIO_PUBLISH_OPTIONS_INIT;
 *     o.out_dir = "public"; o.state_dir = "state";
 *     folio_build_stats st;
 *     int rc = folio_publish(&st, src, &o, &diags);
 *
 * How: every planned output has a list of inputs (folio_renderer_deps);
 * the state keeps, per output, the hash of those inputs and of the bytes
 * written. An output is re-rendered when its input hash changed, when it is
 * new, or when an interrupted run had announced writing it. Before touching
 * the directory, the paths about to change are recorded (a journal) in one
 * transaction; after, the new hashes, dependency edges and the published
 * commit are recorded in one transaction and the journal cleared. A run
 * killed at any point is finished by the next one.
 *
 * Each publish enqueues one delivery per partner of folio.yaml in the
 * transaction that records it (see deliver.h); sending them is the
 * caller's (folio_deliver_run(), after the publish, with the state locked
 * as `folio build --deliver` does).
 *
 * Fault injection for tests: FOLIO_FAULT_AT=N kills the process (SIGKILL)
 * at the Nth step (a file written, removed, or a transaction committed; for
 * an s3:// output, an object uploaded or deleted).
 */
#ifndef FOLIO_PUBLISH_H
#define FOLIO_PUBLISH_H

#include <jansson.h>
#include <stdio.h>

#include "build.h"
#include "site.h"
#include "state.h"

typedef struct {
	const char *out_dir;
	const char *state_dir;
	int jobs;          /* 0 = one thread per core */
	bool full;         /* re-render everything (the directory is rebuilt and swapped) */
	FILE *explain;     /* when set, one line per re-rendered output saying why */
	const folio_limits *limits; /* the server's budgets (borrowed); NULL: the defaults */
	/* A branch preview: the site is rendered as served from this URL (its
	 * path prefixes the site-absolute links of HTML pages) and no partner
	 * delivery is enqueued. The state records the URL:
	 * the fast path (page bodies) is taken only once every output was
	 * rendered for it. NULL: the site itself. */
	const char *preview_base_url;
	/* folio serve: drafts, pending and expired pages are rendered too
	 * (folio_site_options.show_held); only with preview_base_url, so never
	 * into a site's own output. */
	bool show_held;
	/* Called once the site is loaded and valid, before it is rendered
	 * (borrowed for the call only): folio serve reads the pages' status.
	 * Not called when the fast path publishes. NULL: none. */
	void (*on_site)(const folio_site *site, void *ctx);
	void *on_site_ctx;
	/* The state to publish with, already open (borrowed): a process that
	 * keeps its state open (folio watch) publishes on its one connection.
	 * Its lock is taken for the publish when not held. NULL: state_dir is
	 * opened and closed by the publish. */
	folio_state *state;
	/* The process exits after this publish (folio build): the loaded site
	 * is left to the exit rather than freed page by page (7% of publishing
	 * an added page at 10k pages). Never for a process that goes on. */
	bool exiting;
} folio_publish_options;

#define FOLIO_PUBLISH_OPTIONS_INIT { "public", "state", 0, false, NULL, NULL, NULL, \
                                    false, NULL, NULL, NULL, false }

/*
 * Publish src. Returns 0; FOLIO_EINVALID when the site has errors (findings
 * in diags; output and state stay at the last good commit); FOLIO_EEXISTS
 * when another process holds the state, or when out_dir is not empty and
 * holds no .folio-output marker (see folio_build()); or another negative
 * code on an operational failure (message in folio_error_last()).
 */
int folio_publish(folio_build_stats *stats, folio_source *src, const folio_publish_options *opts,
                  folio_diags *diags);

/* Commit id the state says is published (caller frees), or NULL. */
int folio_publish_current(folio_state *st, char **commit_out);

/* The state's meta key holding the published site's schedule. */
#define FOLIO_PUBLISH_SCHEDULE_KEY "schedule"

/*
 * What the published commit will do by itself (folio/schedule.h), soonest
 * first, as a JSON array the caller owns (json_decref): objects with
 * "path", "title", "url", "at" (RFC 3339 UTC) and "action" ("publish" or
 * "expire"). Empty when nothing is scheduled or nothing is published.
 * Publishing that commit again once "at" has come applies it.
 */
int folio_publish_schedule(folio_state *st, json_t **out);

/* A verdict reached without loading the site (folio_publish_judge). */
typedef struct {
	char *branch; /* the site's published branch (folio.yaml `branch`) */
	char **pages; /* paths of its pages, sorted */
	size_t npages;
	folio_diags diags; /* its findings (warnings only), sorted as folio_diags_sort() does */
} folio_fast_verdict;

/*
 * Judge src from what the state st records of its published commit, as the
 * fast path of publishing does: when src differs from it only in page
 * bodies that leave front matter, summaries and headings as they were, and
 * that commit had no errors and only page-local warnings
 * (src/publish/publish_judge.c lists the rules). Returns 0 when src is then
 * valid (out filled: its findings are the kept ones of the pages that did
 * not change and the changed pages' own, warnings all, exactly what
 * validating the whole site finds; dispose it); 1 when this cannot be
 * decided so (no usable state, another kind of change, or an error):
 * validate the whole site. st is borrowed (the process's one connection to
 * it, read-only will do) and only read, reserved for the judging
 * (folio_state_reserve()), so the caller must not be inside a transaction
 * on it. limits: the server's
 * budgets (borrowed; NULL: the defaults).
 */
int folio_publish_judge(folio_fast_verdict *out, folio_state *st, folio_source *src,
                        const folio_limits *limits);
/*
 * Keep in the state st (borrowed) what judging needs of commit, whose site
 * was validated whole with the findings diags and no errors: its pages
 * table, its findings, its schedule; no outputs. A later commit is then
 * judged from it by folio_publish_judge() (folio check A..B without a
 * state does so for each commit after the first). Never give it the state
 * of a publish: its outputs would no longer match its commit.
 */
int folio_publish_index(folio_state *st, const folio_site *site, const char *commit,
                        const folio_diags *diags);
void folio_fast_verdict_dispose(folio_fast_verdict *v);

#endif
