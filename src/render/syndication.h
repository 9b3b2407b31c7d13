/*
 * Atom 1.0 (RFC 4287) and RSS 2.0 documents of a list of pages (or of a
 * taxonomy's terms, as Hugo's /tags/index.xml lists them): what feed
 * readers and many partners take, beside the JSON Feed. An entry is what a
 * list shows of a page (title, link, date, summary), never its body, so a
 * change to a page's body leaves these feeds as they are: they depend on
 * each item's front matter and summary only (its signature), as lists do.
 *
 * Dates are the pages' own (date_field): one written without an offset
 * ("2024-05-01" is its midnight) is in the site's time zone, one with an
 * offset keeps it. Atom writes RFC 3339,
 * RSS RFC 822 ("Wed, 01 May 2024 00:00:00 +0000"). A date that is neither
 * is left out. The bytes depend only on the arguments.
 */
#ifndef FOLIO_RENDER_SYNDICATION_H
#define FOLIO_RENDER_SYNDICATION_H

#include "folio/buf.h"
#include "folio/site.h"

typedef struct {
	const char *title;      /* of the feed: "Events — Site" */
	const char *site_title; /* the author of every entry */
	const char *base_url;   /* made absolute: base_url + the URLs below */
	const char *home;       /* site-relative URL of the list page the feed follows */
	const char *self;       /* site-relative URL of the feed itself */
	const char *language;   /* BCP 47, or NULL */
	const char *timezone;   /* the site's (IANA); NULL: UTC */
} folio_syndication;

/* An entry: what a list shows of a page, or of a term in its taxonomy's
 * feed (its name, its page's URL, its newest page's date, no summary).
 * Borrowed. */
typedef struct {
	const char *title;
	const char *url;     /* site-relative */
	const char *date;    /* as written (date_field), or NULL */
	const char *summary; /* NULL or empty: none */
} folio_syndication_item;

/* Seconds since the epoch of a date as written (in zone when it has no
 * offset), to order items; false when it is no date. */
bool folio_syndication_epoch(const char *date, const char *zone, long long *out);

/* Append the Atom document of items (n, in feed order: newest first). */
void folio_syndication_atom(folio_buf *out, const folio_syndication *f,
                            const folio_syndication_item *items, size_t n);
/* Append the RSS 2.0 document of the same. */
void folio_syndication_rss(folio_buf *out, const folio_syndication *f,
                           const folio_syndication_item *items, size_t n);

#endif
