/*
 * The source module's internals, shared by source.c (opening, libgit2),
 * source_read.c (one file), source_list.c (the listing) and source_diff.c.
 * See source.c for the invariants.
 */
#ifndef FOLIO_SOURCE_INTERNAL_H
#define FOLIO_SOURCE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <git2.h>

#include "folio/buf.h"
#include "folio/source.h"


/* Deeper folders are refused (folio_source_too_deep, a tree/path finding)
 * rather than risking the stack. */
#define MAX_DEPTH 256
/* A scratch buffer above this size is released after use. */
#define SCRATCH_KEEP (4u << 20)

/* While true on this thread, libgit2's load of the system's CA
 * certificates reads nothing (source_tls.c). */
void folio_source__skip_ca_file(bool skip);
/* How many loads it skipped in this process (for tests). */
unsigned folio_source__ca_files_skipped(void);

typedef struct {
	git_repository *repo;
	git_odb *odb;
	char *path; /* as the caller gave it, for messages */
	unsigned refs;
} shared_repo;

typedef struct {
	const char *path; /* into the listing's arena, set once it is final */
	size_t off;
	git_oid id;
	size_t size;
	folio_entry_type type;
	bool hashed;
} item;

/* An entry left out of a listing because folio_path_check refused it. */
typedef struct {
	size_t off; /* into the listing's names arena */
	const char *why;
} refusal;

typedef struct {
	item *items;
	size_t count, alloc;
	folio_buf names; /* NUL-terminated paths, one after another */
	refusal *refused;
	size_t nrefused, arefused;
	size_t walked; /* entries seen, at most FOLIO_PATH_MAX_ENTRIES */
	bool built;
} listing;

struct folio_source {
	shared_repo *repo; /* NULL for a directory */
	git_commit *commit;
	git_tree *tree;
	char commit_id[GIT_OID_HEXSZ + 1];
	long long commit_time;
	char *root; /* folio_source_reroot()'s folder, or NULL */
	char *root_problem; /* why the top's folio.yaml could not root it, or NULL */
	unsigned root_problem_line;
	char *dir; /* directory sources: the root (below root when set), and a descriptor */
	int dir_fd;
	listing list;
	folio_buf scratch; /* file bytes while hashing */
	int parent_fd;     /* last directory hashed in, named by `parent` */
	folio_buf parent;
};


/* libgit2's last message, or a general one. */
const char *folio_source__git_msg(void);
folio_entry_type folio_source__type_of_mode(git_filemode_t mode);

/* ---- source_read.c ---- */

/* Sets "cannot <what> '<dir>/<path>': <errno text>"; returns FOLIO_ERROR. */
int folio_source__dir_fail(const folio_source *src, const char *path, const char *what);
/* Length of path's directory part (0 for a top-level name). */
size_t folio_source__dir_part(const char *path);
/*
 * Open the directory made of the first dirlen bytes of path, one component
 * at a time from the root, never through a link. *out: an owned
 * descriptor, or -1 for the root itself.
 */
int folio_source__open_parent(int *out, const folio_source *src, const char *path, size_t dirlen);
/*
 * Read name in the directory dfd: a regular file's bytes or a link's
 * target. type is what the listing saw, or -1 to look first (so that a
 * device is never opened).
 */
int folio_source__read_leaf(folio_buf *out, const folio_source *src, int dfd, const char *name,
                            const char *path, int type);

/* ---- source_list.c ---- */

/* Build src->list once. */
int folio_source__ensure_listing(folio_source *src);
/* Compute the git blob id of a directory entry from its bytes. */
int folio_source__hash_item(folio_source *src, item *it);

#endif
