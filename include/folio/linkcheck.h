/*
 * External links checked over HTTP (folio check --external): every http or
 * https link of a site's pages and front matter is asked for with HEAD,
 * then GET when HEAD is refused, following redirects, a few at a time per
 * host. Answers are cached in a SQLite file for a time-to-live. A dead link,
 * a network failure or a 429 is a warning (link/external-dead), never an
 * error: the network is not the author's fault.
 *
 *     folio_linkcheck_options o = FOLIO_LINKCHECK_OPTIONS_INIT;
 *     o.cache_path = "/home/me/.cache/folio/links.sqlite";
 *     folio_linkcheck_site(site, &o, &diags);
 */
#ifndef FOLIO_LINKCHECK_H
#define FOLIO_LINKCHECK_H

#include "site.h"

typedef struct {
	const char *cache_path; /* SQLite file, created when absent; NULL: no cache */
	long ttl_seconds;       /* how long an answer stays fresh */
	long per_host;          /* concurrent connections per host */
	long max_total;         /* concurrent connections in all */
	long timeout_ms;        /* per request, redirects included */
} folio_linkcheck_options;

#define FOLIO_LINKCHECK_OPTIONS_INIT { NULL, 86400, 2, 16, 10000 }

/*
 * Check the external links of site; warnings go to diags. Returns 0, or
 * <0 when libcurl or the cache cannot be set up (message in
 * folio_error_last()); an unreachable link is never a failure.
 */
int folio_linkcheck_site(const folio_site *site, const folio_linkcheck_options *opts,
                         folio_diags *diags);

#endif
