/*
 * Publishing into object storage (an s3:// output): what takes the place
 * of the directory writer's temporary files and renames.
 *
 * Outputs are staged as files in a local spool directory while the site
 * renders (memory stays bounded however large the site), and uploaded only
 * once the render succeeded, in the order that keeps every published page
 * whole for a reader: static assets, then pages, then lists, feeds,
 * indexes and the sitemap; deletions come last (the caller's).
 */
#ifndef FOLIO_PUBLISH_REMOTE_H
#define FOLIO_PUBLISH_REMOTE_H

#include "folio/render.h"
#include "publish/output.h"
#include "publish/s3.h"
#include "util/hash.h"

typedef struct {
	folio_s3 *s3;
	char *spool; /* a private directory "folio-spool-XXXXXX" */
} folio__remote;

/* Open the store named by url (s3://...) and a spool directory in
 * spool_parent (NULL: $TMPDIR, else /tmp); dispose always. With a parent,
 * spools that killed runs left there are removed first: the caller holds
 * the lock that makes it the only writer (the state's). */
int folio__remote_open(folio__remote *r, const char *url, const char *spool_parent);
void folio__remote_dispose(folio__remote *r);

/* Stage output i's bytes: *file_out is its spool file (caller frees). Thread-safe. */
int folio__remote_stage(folio__remote *r, char **file_out, size_t i, const folio_output *o);

/* Upload every output of plan with a staged file (staged[i] not NULL), in
 * reader order; *uploaded counts them. The spool files stay (the caller's). */
int folio__remote_upload(folio__remote *r, const folio_outputs *plan, char **staged, size_t *uploaded);

/*
 * A full build into the store: every output rendered; those whose bytes
 * the store does not hold already (by ETag) uploaded in reader order; then
 * every object under the prefix that is no output deleted. With hashes,
 * hashes[i] gets the SHA-256 of output i. Nothing is uploaded when the
 * render fails.
 */
int folio__remote_full(folio__remote *r, folio_renderer *renderer, int jobs,
                       char (*hashes)[FOLIO_SHA256_HEX], folio__kept *kept, size_t *uploaded,
                       size_t *deleted);

#endif
