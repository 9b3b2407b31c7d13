/*
 * folio serve: the live preview for authors. The working copy of a site
 * (uncommitted edits included) is built into a temporary folder, served
 * over HTTP with its base URL set to the local address, and rebuilt
 * incrementally when a file changes (inotify, debounced); open pages
 * reload through server-sent events. Findings are printed one per line
 * and shown over the page; a site with errors keeps its last good pages.
 * Drafts and scheduled pages are shown, with a banner.
 *
 *     folio_serve_options o = FOLIO_SERVE_OPTIONS_INIT;
 *     o.dir = "mysite";
 *     return folio_serve_run(&o);   // until SIGINT or SIGTERM
 */
#ifndef FOLIO_SERVE_H
#define FOLIO_SERVE_H

#include <stdio.h>

#include "limits.h"

typedef struct {
	const char *dir;    /* the site's folder; default "." */
	const char *listen; /* "host:port" (util/listen.c); default "127.0.0.1:1313"; port 0: any */
	int jobs;           /* 0 = one thread per core */
	const folio_limits *limits; /* borrowed; NULL: the defaults */
	FILE *log;          /* one line per build and per finding; NULL: stderr */
} folio_serve_options;

#define FOLIO_SERVE_OPTIONS_INIT { ".", "127.0.0.1:1313", 0, NULL, NULL }

/*
 * Serve until SIGINT or SIGTERM, then remove the temporary folder and
 * return 0. Content errors never stop it; a negative code when it cannot
 * start (the address is taken, dir is not a folder, no temporary folder),
 * message in folio_error_last().
 */
int folio_serve_run(const folio_serve_options *opts);

#endif
