/*
 * Inside publishing: the publisher's working set, its planners (publish.c:
 * full and incremental; publish_fast.c: a few page bodies) and the one
 * writer they share (writer.c). The planners call the writer, never the
 * other way round.
 */
#ifndef FOLIO_PUBLISH_INTERNAL_H
#define FOLIO_PUBLISH_INTERNAL_H

#include <sqlite3.h>
#include <stdatomic.h>

#include "folio/diag.h"
#include "folio/publish.h"
#include "folio/render.h"
#include "folio/site.h"
#include "publish/remote.h"
#include "util/hash.h"
#include "util/parallel.h"

typedef struct {
	char *path;
	char bytes[FOLIO_SHA256_HEX];  /* hash of the file's bytes */
	char inputs[FOLIO_SHA256_HEX]; /* hash of its dependency lines */
	size_t size;                   /* bytes of the file */
} stored_output;

/* Meta key: the base URL a preview's outputs were rendered for. */
#define FOLIO_PUBLISH__PREVIEW_KEY "preview_base_url"

/* publish_fragments.c: the state's feed_items, read and written through
 * one statement each, prepared on first use and kept for the whole
 * publish (the fast path's, the site model's and the incremental's alike):
 * a feed page's 20 items cost 20 steps, not 20 prepares. */
typedef struct {
	sqlite3_stmt *get, *put, *drop;
	size_t prepared; /* statements prepared by this publish (FOLIO_TRACE) */
} folio_publish__frag_store;

/* The pages a commit changes, against the published one. */
typedef struct {
	char **paths;  /* added, modified and deleted pages */
	bool *deleted; /* per path */
	/* per path, on a translated site: the collection and translation key
	 * the page has in the commit (NULL when deleted), which its versions in
	 * other languages share (publish_model.c renders them again) */
	char **collections, **keys;
	size_t n;
	size_t nparsed; /* pages the judge parsed */
} folio_publish__change;

typedef struct folio_publish__publisher {
	folio_state *st;
	const folio_publish_options *opts;
	folio_site *site;
	folio_renderer *renderer;
	folio_outputs *plan;
	char **deps;                      /* dependency lines per planned output */
	char (*inputs)[FOLIO_SHA256_HEX]; /* their hashes */
	stored_output *stored;            /* what the state says, path order */
	size_t nstored;
	const stored_output **stored_of;  /* per planned output, its row or NULL (folio_publish__stored_at) */
	char **journal;                   /* sorted */
	size_t njournal;
	const char *commit;
	folio_build_stats *stats;
	/* fast path: a partial site, and the pages that changed */
	bool partial;
	const folio_page **changed; /* owned array, borrowed pages */
	size_t nchanged;
	/* the findings of the site published (warnings only) are
	 * diags->items[diags_from..]: the record keeps them in the state */
	folio_diags *diags;
	size_t diags_from;
	/* more to record in the journal's transaction (the fast path's cache) */
	int (*journal_extra)(void *payload);
	void *journal_payload;
	/* an s3:// output: staged in its spool, uploaded in place of renames */
	folio__remote *remote;
	/* the partners' feeds this publish rendered, kept for the delivery planner */
	folio__kept kept;
	/* a publish from the stored site model (publish_model.c), NULL otherwise;
	 * with it, what the writer records in the record's transaction in place
	 * of a loaded site's rows: the pages table rows and the records of the
	 * pages the commit changed. The planner sets them, so the writer calls
	 * it back and never calls a planner (planners -> writer, one way) */
	struct folio_publish__model *model;
	int (*model_record_pages)(struct folio_publish__publisher *p);
	int (*model_record_records)(struct folio_publish__publisher *p);
	/* the pages the model's commit changes (with p->model): given, so the
	 * feed items' module reads them without calling the planner back */
	const folio_publish__change *model_change;
	bool stored_loaded; /* stored and journal read */
	folio_publish__frag_store frags;
	/* the outputs made durable (syncfs) on a thread of their own while the
	 * record's rows are written: the record's commit waits for it; NULL
	 * when there is nothing to sync */
	folio_task *synced;
	/* the page text of the commit published, when known (meta
	 * published_text): a full load's sizes, or the judge's sum */
	bool text_known;
	size_t text_total;
} publisher;


/* The state's row of an output (p->stored, by path), or NULL. */
const stored_output *folio_publish__find_stored(const publisher *p, const char *path);
/* The state's row of planned output i, or NULL: the plan and the rows are
 * both in path order, so all are matched in one merge, made on the first
 * call (on one thread: the writer's threads call it after the planner). */
const stored_output *folio_publish__stored_at(publisher *p, size_t i);
/* Forget those matches: the plan they index is gone. */
void folio_publish__stored_unmatch(publisher *p);
/* Does the journal of an interrupted publish name path? */
bool folio_publish__in_journal(const publisher *p, const char *path);

/* The write sink: stages an output whose bytes differ from the state's (or
 * that the journal names) in a temporary file beside it, records its hash,
 * frees its bytes. No published file is replaced before every changed one
 * is staged: a full disk leaves the last site whole. */
typedef struct {
	publisher *p;
	char (*hashes)[FOLIO_SHA256_HEX];
	char **staged; /* per planned output, its temporary file (NULL: not rewritten); calloc'd by the caller */
	atomic_size_t written;
	bool durable; /* fsync each file (a few files), rather than the file system after */
	/* the journal's commit, on a thread of its own while the outputs
	 * render: no file is written before it is durable; NULL: committed */
	folio_task *journal;
} folio_publish__writer;
int folio_publish__write_if_changed(folio_output *o, size_t i, void *payload);
/* After the render succeeded: put every staged file in place of its output. */
int folio_publish__rename_staged(folio_publish__writer *w);
/* Always, last: remove what is still staged (a failure), free w->staged. */
void folio_publish__discard_staged(folio_publish__writer *w);

/* Which outputs of the plan the sinks keep (p->kept): the JSON feeds of
 * the collections partners subscribe to; none for a preview. Once per publish. */
void folio_publish__keep_partner_feeds(publisher *p);
/* Record in one transaction the paths about to change (a journal). */
int folio_publish__write_journal(publisher *p, const bool *changing, char **removed, size_t nremoved);
/* Record the publish in one transaction: outputs rendered, removed, pages,
 * the commit, partner deliveries; the journal is cleared. */
/* Bytes of the published outputs (meta published_bytes, else the sum of
 * their rows' sizes). */
int folio_publish__published_bytes(publisher *p, size_t *out);
/* Tell the renderer what the outputs kept as they are weigh: the published
 * bytes but those of the outputs rendered (rendered[i]) and removed. */
int folio_publish__keep_bytes(publisher *p, const bool *rendered, char **removed, size_t nremoved);
int folio_publish__record(publisher *p, char (*hashes)[FOLIO_SHA256_HEX], const bool *rendered,
                          char **removed, size_t nremoved, bool replace_all);
/* The heading ids of p, one per line, as the pages table keeps them; caller frees. */
char *folio_publish__anchors(const folio_page *p);
/* A page's row of the pages table, one statement for the full record
 * (writer.c) and the site model's (publish_model.c). */
#define FOLIO_PUBLISH__PAGE_INSERT                                                              \
	"INSERT INTO pages(path, blob_id, collection, slug, url, sig, title, anchors)"          \
	" VALUES(?, ?, ?, ?, ?, ?, ?, ?)"
/* Insert pg's row with ins (prepared from FOLIO_PUBLISH__PAGE_INSERT):
 * false when the step fails (sqlite3_errmsg says why). */
bool folio_publish__insert_page(sqlite3_stmt *ins, const folio_page *pg);
/* What folio itself contributes to every output: its version and built-in
 * templates, hashed; the fast path requires the one the state recorded. */
void folio_publish__build_id(char out[FOLIO_SHA256_HEX]);
/* What the site will do by itself, as the state keeps it (JSON, soonest
 * first; publish_schedule.c); caller frees. */
char *folio_publish__schedule_text(const folio_site *site);
/* Has the first instant of the state's schedule come (or is it unreadable)? */
bool folio_publish__schedule_due(folio_state *st, long long now);
/* The directory must be rebuilt whole: --full, a new or reset state, no output. */
bool folio_publish__needs_full(publisher *p);
/* Whether an output of st's has the one record that changes at each
 * commit (FOLIO_DEP_VOLATILE): its records do not name what it is made
 * of, so no publish may find the outputs to render by their records (the
 * fast path, the site model); a full load renders it each time. */
bool folio_publish__volatile(folio_state *st);
/* Output i's dependency lines and input hash into p->deps[i] and
 * p->inputs[i] (writer.c): before the render of an incremental publish
 * (a stub's own output kept aside), when it is recorded in a full one,
 * which keeps none (a site model is never published in full). */
void folio_publish__output_inputs(publisher *p, size_t i);

/* In the caller's transaction: replace the findings table's rows of paths
 * (every row when paths is NULL) by the findings d->items[from..] of those
 * paths (of every path), and record the ISBN range table in use. */
int folio_publish__store_findings(folio_state *st, const folio_diags *d, size_t from,
                                  char *const *paths, size_t npaths);
/* Were the kept findings found with the ISBN range table in use now? */
bool folio_publish__findings_ranges_match(folio_state *st);
/* Append every finding the state keeps of the published commit to out, in
 * no particular order; a rule this folio does not know is FOLIO_RULE__COUNT. */
int folio_publish__load_findings(folio_state *st, folio_diags *out);

/*
 * Publish a change of a few page bodies without loading the site: 0 when
 * published, 1 when the change is not one the fast path takes (the caller
 * publishes the usual way), negative on an operational failure.
 */
int folio_publish__fast(publisher *p, folio_source *src);
/* No stored output shows site.commit, nor site.year in another year than
 * src's commit: else neither the fast path nor the site model applies
 * (publish_dirty.c). */
bool folio_publish__commit_values_allow(folio_state *st, folio_source *src);

void folio_publish__change_dispose(folio_publish__change *c);

/*
 * Judge the commit as folio check --state does (publish_judge.c): 0 with the
 * verdict's findings moved to verdict (warnings only, sorted) and the pages
 * the commit changes in out; 1 when the judge does not take the commit (the
 * whole site must be validated); negative on an operational failure.
 */
int folio_publish__judge_change(publisher *p, folio_source *src, folio_diags *verdict,
                                folio_publish__change *out);

/*
 * Publishing a commit that adds, deletes or retitles pages from the stored
 * site model (publish_model.c): the site is loaded with every page the
 * commit did not change (nor what it shows of them) as a stub made from its
 * record, so that only the changed blobs are parsed; then planned and
 * published as usual, with the outputs of the stubs' own pages taken as
 * unchanged. model_load: 0 with p->site and p->model set and the verdict
 * in diags, 1 when the commit is not one it takes.
 */
int folio_publish__model_load(publisher *p, folio_source *src, const folio_site_options *so,
                              folio_diags *diags);
/* For output i of the plan: true, with the stored hash of its inputs in
 * out, when it is a stub's own page (or alias) and so unchanged. */
bool folio_publish__model_kept(publisher *p, size_t i, char out[FOLIO_SHA256_HEX]);
/* Whether every stub's own output is in the state (else the full load). */
bool folio_publish__model_complete(publisher *p);
/* Forget the model's site (for the full load), its findings out of diags
 * (unless NULL). Nothing when p->model is NULL. */
void folio_publish__model_drop(publisher *p, folio_diags *diags);
/* Wait for the model's reader of the state, if it runs (before the state
 * closes); say how many stubs' front matters the publish read. */
void folio_publish__model_join(publisher *p);
/* Free p's site, or leave it to the process's exit (opts->exiting); p->site is NULL
 * after (publish_model.c). */
void folio_publish__site_dispose(publisher *p);

/* publish_fragments.c: feed items kept across publishes. Before rendering
 * (render NULL: a full build, nothing taken), and after the record. */
void folio_publish__fragments_prepare(publisher *p, const bool *render);
void folio_publish__fragments_keep(publisher *p);
/* The fragment kept for the item at path with content id and configuration
 * line config (caller frees), or NULL: none, or the state cannot say. */
char *folio_publish__fragment_get(publisher *p, const char *path, const char *id, const char *config);
/* Keep an item's fragment (in the caller's transaction). */
int folio_publish__fragment_put(publisher *p, const char *path, const char *id, const char *config,
                                const char *fragment);
/* Finalize the store's statements: before the state closes. */
void folio_publish__fragments_close(publisher *p);
/* Is a parsed page's fragment a function of its content id and folio.yaml? */
bool folio_publish__fragment_keepable(const folio_site *site, const folio_page *pg);

#endif
