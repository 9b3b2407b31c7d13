/*
 * Where a site's bytes come from: a commit of a Git repository (read from
 * the object database, never from a checkout) or a plain directory. The rest
 * of folio reads through this interface and does not care which.
 *
 *     folio_source *src = NULL;
 *     if (folio_source_open_git(&src, "site.git", "main") < 0) ...
 *     folio_source_foreach(src, print_entry, NULL);
 *     folio_buf b = FOLIO_BUF_INIT;
 *     folio_source_read(&b, src, "folio.yaml");
 *     folio_source_free(src);
 *
 * Entries are regular files, listed in byte order of their path. A symbolic
 * link is data, never followed: it is listed with FOLIO_ENTRY_SYMLINK so
 * validation can report it, and reading it gives its target text.
 */
#ifndef FOLIO_SOURCE_H
#define FOLIO_SOURCE_H

#include "buf.h"
#include "common.h"

typedef struct folio_source folio_source;

typedef enum {
	FOLIO_ENTRY_FILE,
	FOLIO_ENTRY_SYMLINK,
	FOLIO_ENTRY_OTHER, /* submodule, device, ... */
} folio_entry_type;

typedef struct {
	const char *path;      /* site-relative, "/"-separated */
	const char *id;        /* 40-hex content id (git blob id; for a directory,
	                          the blob id git would give the bytes) */
	folio_entry_type type;
	size_t size;           /* bytes; 0 when not known without reading */
} folio_entry;

/* rev: anything git rev-parse accepts ("HEAD", "main", "abc123^"). */
int folio_source_open_git(folio_source **out, const char *repo_path, const char *rev);
int folio_source_open_dir(folio_source **out, const char *dir);
void folio_source_free(folio_source *src);

/* Commit id (40 hex) of a git source; NULL for a directory. Borrowed. */
const char *folio_source_commit(const folio_source *src);
/* Commit time (seconds since the epoch) of a git source; 0 for a directory. */
long long folio_source_commit_time(const folio_source *src);

/*
 * Call cb for every entry under prefix ("" for all), in path order; stop
 * and return cb's value when it is non-zero. Entries are borrowed for the
 * call only.
 */
int folio_source_foreach(folio_source *src, const char *prefix,
                         int (*cb)(const folio_entry *entry, void *payload), void *payload);

/* Append the bytes of path to out. FOLIO_ENOTFOUND when there is no such file. */
int folio_source_read(folio_buf *out, folio_source *src, const char *path);

/* Append the bytes of the blob with content id to out (git sources; a
 * directory source reads by path only and returns FOLIO_ENOTFOUND). */
int folio_source_read_id(folio_buf *out, folio_source *src, const char *id);

#endif
