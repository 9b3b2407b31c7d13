/*
 * Drafts and scheduled publishing: the front-matter keys folio itself reads,
 * whatever a collection's schema says, and the clock they are compared to.
 *
 *     folio_schedule s;
 *     folio_schedule_read(&s, page_meta);          // draft, publish_date, expiry_date
 *     if (folio_schedule_status(&s, folio_schedule_now()) != FOLIO_PAGE_PUBLISHED)
 *         ... the page is held back: no output, list, feed, sitemap or partner sees it
 *
 * Keys are matched without ASCII case, underscores or dashes, so Hugo's
 * spellings work: draft; publish_date, publishDate, publishdate;
 * expiry_date, expiryDate, expirydate. Jekyll's `published: false` holds
 * a page as draft: true does; a `published` that is not a boolean is the
 * page's own field (a book's year), not read. `date` is not a publish date
 * (an event's date is often in the future) unless its collection says
 * hold_future: (Jekyll's posts, Hugo's pages): see docs/front-matter.md.
 * Under Jekyll's rules, which read neither date, only draft and published.
 */
#ifndef FOLIO_SCHEDULE_H
#define FOLIO_SCHEDULE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
	FOLIO_PAGE_PUBLISHED = 0, /* shown */
	FOLIO_PAGE_DRAFT,         /* draft: true, published: false, or a schedule value folio cannot read */
	FOLIO_PAGE_PENDING,       /* publish date after now */
	FOLIO_PAGE_EXPIRED        /* expiry date at or before now */
} folio_page_status;

/* What a page's front matter says of its publication; strings borrowed from the meta. */
typedef struct {
	bool draft;
	bool has_publish, has_expiry;
	long long publish_at, expiry_at; /* seconds since the epoch, UTC */
	const char *draft_key, *publish_key, *expiry_key; /* as written; NULL when absent */
	/* the first value folio cannot use (the page is then held as a draft):
	 * its key as written and why, e.g. "is not a date"; NULL when none */
	const char *bad_key;
	const char *bad_why;
} folio_schedule;

/* Read the scheduling keys of meta (a JSON object, borrowed); dates
 * written without an offset are wall times in zone (the site's timezone:
 * an IANA name; NULL is UTC). rules, FOLIO_SCHEDULE_* or'ed (true is
 * FOLIO_SCHEDULE_JEKYLL): JEKYLL, the site follows Jekyll's rules
 * (jekyll_rules), where publish_date and expiry_date are the page's own
 * fields, read by no one but its templates (Sinatra's blog shows its
 * "publish_date: Thursday, March 3, 2011"): only draft and published hold
 * it. Under both, draft: takes the words YAML 1.1 reads as booleans
 * ("draft: no"), as Jekyll's Psych and Hugo's go-yaml v2 do; under HUGO
 * also the text Go's strconv.ParseBool reads ("draft: \"false\""), as
 * Hugo's cast.ToBool does. */
enum { FOLIO_SCHEDULE_JEKYLL = 1, FOLIO_SCHEDULE_HUGO = 2 };
void folio_schedule_read(folio_schedule *out, const json_t *meta, const char *zone, unsigned rules);

/* The page's status at now (seconds since the epoch). */
folio_page_status folio_schedule_status(const folio_schedule *s, long long now);

/*
 * The first instant after now at which the page's status changes: it is
 * published (*publish true) or taken down (false). False when it never
 * changes again (a draft, a page with no dates or with them in the past).
 */
bool folio_schedule_next(const folio_schedule *s, long long now, long long *at, bool *publish);

/* Is key (len bytes) one that folio reads here? A strict schema allows it at the top level. */
bool folio_schedule_is_key(const char *key, size_t len);
/* Which of them, whatever its spelling (draft, Draft: the same), so a
 * schema that names one spelling keeps it. */
enum { FOLIO_SCHEDULE_KEY_NONE = 0, FOLIO_SCHEDULE_KEY_DRAFT, FOLIO_SCHEDULE_KEY_PUBLISH,
       FOLIO_SCHEDULE_KEY_EXPIRY };
int folio_schedule_key_kind(const char *key, size_t len);
/* The same under Jekyll's rules: draft only (see folio_schedule_read()). */
int folio_schedule_jekyll_key_kind(const char *key, size_t len);
/* The one of the two a site reads keys with: jekyll, its jekyll_rules. */
int (*folio_schedule_key_kind_for(bool jekyll))(const char *key, size_t len);

/*
 * Parse a date as front matter writes it: "2026-12-03" (midnight),
 * "2026-12-03T10:00", "2026-12-03T10:00:00", with fractions of a second,
 * a "Z" or "+01:00" offset, a space allowed for the "T"; one without an
 * offset is a wall time in zone (an IANA name, daylight saving included;
 * NULL is UTC). False when text is no such date or zone is unknown.
 */
bool folio_schedule_parse_time_in(long long *out, const char *text, const char *zone);
/* The same in UTC: the clock (FOLIO_NOW) and the times folio writes itself. */
bool folio_schedule_parse_time(long long *out, const char *text);

/*
 * Now, as folio compares dates to it: the file named by FOLIO_NOW_FILE
 * (read at each call, so a test or an operator can move the clock of a
 * running daemon), else FOLIO_NOW, each holding a date as above, else the
 * system clock. A value that cannot be parsed is ignored (system clock).
 */
long long folio_schedule_now(void);

/* Whether now comes from FOLIO_NOW_FILE (the daemon then looks at it every second). */
bool folio_schedule_clock_is_file(void);

#endif
