/*
 * folio serve's parts that need no server (serve_page.c), so unit tests
 * reach them: server-sent event framing, what is injected into a served
 * HTML page (the reload script, the findings overlay, a held page's
 * banner) and the debounce of file events. serve.c runs them.
 */
#ifndef FOLIO_DAEMON_SERVE_H
#define FOLIO_DAEMON_SERVE_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"
#include "folio/diag.h"
#include "folio/schedule.h"

/* The path browsers listen on for reloads (text/event-stream). */
#define FOLIO_SERVE_EVENTS_PATH "/_folio/events"

/*
 * One server-sent event appended to out: "event: NAME\n", one "data: "
 * line per line of data (a "\r" dropped, so no line break is forged),
 * then the blank line that ends it. event NULL: a message without name.
 */
void folio_serve__sse_event(folio_buf *out, const char *event, const char *data);

/*
 * html (len bytes) with snippet inserted before its last "</body" (any
 * case), appended to out; at its end when it has none (a fragment still
 * gets the reload script).
 */
void folio_serve__inject(folio_buf *out, const char *html, size_t len, const char *snippet);

/*
 * What serve injects into every HTML page it serves (never into the built
 * files): a banner when the page is held (status not PUBLISHED; at is its
 * publish or expiry instant), the overlay listing the last build's
 * findings (file:line:col, rule, message, hint; open when there are
 * errors, folded when warnings only), and the script that reloads the
 * page when build generation `generation` is no longer the latest.
 * failure: the last build's operational error (shown as an error), or NULL.
 */
void folio_serve__snippet(folio_buf *out, unsigned long generation, const folio_diags *findings,
                          const char *failure, folio_page_status status, long long at);

/*
 * Debounce of file events: an editor's save is several events (write,
 * rename, chmod) and a `git checkout` hundreds; one build follows them,
 * once quiet_ms pass without an event, or max_ms after the first one
 * while events keep coming. Times in milliseconds of a monotonic clock.
 */
typedef struct {
	long long quiet_ms, max_ms;
	long long first, last;
	bool pending;
} folio_serve_debounce;

void folio_serve__debounce_init(folio_serve_debounce *d, long long quiet_ms, long long max_ms);
void folio_serve__debounce_event(folio_serve_debounce *d, long long now);
/* Milliseconds until the build is due (0: now); -1 when no event waits. */
long long folio_serve__debounce_wait(const folio_serve_debounce *d, long long now);
/* The build starts: the events so far are served by it. */
void folio_serve__debounce_fired(folio_serve_debounce *d);

#endif
