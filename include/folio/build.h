/*
 * Building: load a site from a source, validate it, render it and write
 * the output directory. Nothing is written when the site has errors.
 *
 *     folio_build_options o = FOLIO_BUILD_OPTIONS_INIT;
 *     o.out_dir = "public";
 *     folio_build_stats st;
 *     folio_diags d;
 *     folio_diags_init(&d);
 *     int rc = folio_build(&st, src, &o, &d);
 *     // rc == FOLIO_EINVALID: content errors in d, output untouched
 */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H

#include "diag.h"
#include "limits.h"
#include "source.h"

typedef struct {
	const char *out_dir;
	int jobs; /* 0 = one thread per core */
	const folio_limits *limits; /* the server's budgets (borrowed); NULL: the defaults */
} folio_build_options;

#define FOLIO_BUILD_OPTIONS_INIT { "public", 0, NULL }

typedef struct {
	size_t pages;     /* pages rendered */
	size_t files;     /* output files in the site */
	size_t written;   /* files whose bytes were written */
	size_t unchanged; /* files left as they were */
	size_t deleted;   /* files removed */
	bool fast;        /* published without loading the site (page bodies changed only) */
	double seconds;
} folio_build_stats;

/*
 * Full build of src into opts->out_dir: the whole site is written into a
 * temporary directory beside it, which then replaces the old one in one
 * atomic exchange, so a reader never sees half a site. Findings go to diags.
 * The tree carries the marker file .folio-output. Returns 0; FOLIO_EINVALID
 * when the site has errors (nothing written); FOLIO_EEXISTS when out_dir
 * exists, is not empty and holds no marker (folio did not write it: nothing
 * is touched); or another negative code on an operational failure (message
 * in folio_error_last()). out_dir may be written "DIR/", "DIR/." or "a/../DIR".
 */
int folio_build(folio_build_stats *stats, folio_source *src, const folio_build_options *opts,
                folio_diags *diags);

#endif
