/*
 * The persistent site model (issue 14): for each page of the published
 * commit, what lists, feeds and validation need of it without its blob (a
 * record), and the reverse indexes that say which records a change touches:
 * who links to a URL, who references a record, who holds an ISBN.
 *
 *     folio_record r;
 *     folio_record_of(&r, site, page);             // from a parsed page
 *     folio_records_writer *w;
 *     folio_records_writer_open(&w, st, true);     // true: replace every record
 *     folio_records_put(w, &r);                    // in the caller's transaction
 *     folio_records_writer_close(w);
 *     folio_record_dispose(&r);
 *
 *     folio_record_get(st, "events/x.md", &r);     // FOLIO_ENOTFOUND when none
 *     folio_records_linking_to(st, "/people/x/", &paths, &n);
 *
 * Every publish writes them (writer.c): a full or incremental one every
 * page, published or held (drafts, scheduled, expired: a reference to a
 * held record exists, time may publish it); a fast one the pages it
 * changed. The SQL lives here, the schema in state.c (versions 6 and 7).
 */
#ifndef FOLIO_PUBLISH_RECORDS_H
#define FOLIO_PUBLISH_RECORDS_H

#include "folio/site.h"
#include "folio/state.h"

/* An internal link: the page's URL as validation looks it up (fragment
 * off, percent-decoded, a trailing slash added) and the fragment, "" for
 * none. Links to the page itself, to generated outputs and outside the
 * site are not recorded: no other page's change can break them. */
typedef struct {
	char *url, *anchor;
} folio_record_link;

typedef struct {
	char *collection, *slug;
} folio_record_ref;

typedef struct {
	char *path, *id, *collection, *slug, *url;
	char *lang;                /* NULL: the site's language */
	char *meta;                /* the front matter as compact JSON, keys in file order */
	char *title, *date;        /* date NULL when the collection's date field is absent */
	char *summary;
	char sig[65];
	char *sort_field;          /* its collection's sort field when recorded ... */
	char *sort_value;          /* ... and that field's value as compact JSON, NULL when the
	                              front matter has none: its collection is sorted without
	                              parsing its front matter (publish_model.c) */
	bool section;              /* the collection's _index.md */
	int status;                /* folio_page_status at the publish's now */
	bool draft;
	bool has_publish, has_expiry;
	long long publish_at, expiry_at;
	folio_record_link *links;  /* sorted, each once */
	size_t nlinks;
	folio_record_ref *refs;    /* x-folio-ref values of its front matter, sorted, each once */
	size_t nrefs;
	char **isbns;              /* the 13 digits of its isbn field (0 or 1 today) */
	size_t nisbns;
} folio_record;

/* The record of page p (ok) of site (its schema gives the references, its
 * base URL the front matter's links). */
void folio_record_of(folio_record *out, const folio_site *site, const folio_page *p);
void folio_record_dispose(folio_record *r);

typedef struct folio_records_writer folio_records_writer;
/* Prepare to write records inside the caller's transaction; replace_all
 * deletes every record first (a publish that loaded the whole site). */
int folio_records_writer_open(folio_records_writer **out, folio_state *st, bool replace_all);
/* Replace the record of r->path, its links, references and ISBNs. */
int folio_records_put(folio_records_writer *w, const folio_record *r);
/* The same for page p of site: its record made, written and disposed of. */
int folio_records_put_page(folio_records_writer *w, const folio_site *site, const folio_page *p);
/* Remove the record of path (a deleted page). */
int folio_records_remove(folio_records_writer *w, const char *path);
void folio_records_writer_close(folio_records_writer *w);

/* Make the records those of recs (every page of a loaded site; sorted by
 * path here), rewriting only the records that differ from the stored ones
 * and removing those of pages recs does not hold: the tables end as a full
 * rewrite leaves them. *written: how many records were put or removed.
 * Inside the caller's transaction (records_sync.c). */
int folio_records_sync(folio_state *st, folio_record *recs, size_t n, size_t *written);

/* The record of path; FOLIO_ENOTFOUND (out zeroed) when the state has none. */
int folio_record_get(folio_state *st, const char *path, folio_record *out);
/* How many records the state holds. */
int folio_records_count(folio_state *st, size_t *n);

/* Reverse indexes: the paths of the records that link to the page at url
 * (with any anchor, in any form that names it: /x.html by "/x" too),
 * reference collection/slug, or hold the ISBN (13 digits), in
 * path order. Caller frees each path and the array. */
int folio_records_linking_to(folio_state *st, const char *url, char ***paths, size_t *n);
int folio_records_referencing(folio_state *st, const char *collection, const char *slug,
                              char ***paths, size_t *n);
int folio_records_holding_isbn(folio_state *st, const char *isbn, char ***paths, size_t *n);
/* Does a record other than except's link to an anchor of the page at url?
 * *any is true when it cannot tell (negative returned). */
int folio_records_linking_with_anchor(folio_state *st, const char *url, const char *except, bool *any);

#endif
