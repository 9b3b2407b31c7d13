/*
 * Where a site's bytes come from: a commit of a Git repository (read from
 * the object database, never from a checkout) or a plain directory. The rest
 * of folio reads through this interface and does not care which.
 *
 *     folio_source *src = NULL;
 *     if (folio_source_open_git(&src, "site.git", "main") < 0) ...
 *     folio_source_foreach(src, "", print_entry, NULL);
 *     folio_buf b = FOLIO_BUF_INIT;
 *     folio_source_read(&b, src, "folio.yaml");
 *     folio_source_free(src);
 *
 * Entries are regular files, listed in byte order of their path. Only paths
 * that folio_path_check() accepts are listed, and none that is both a file
 * and a folder (a git tree can hold two entries of one name): the others
 * are given by folio_source_foreach_refused() instead. A symbolic
 * link is data, never followed: it is listed with FOLIO_ENTRY_SYMLINK so
 * validation can report it, and reading it gives its target text.
 *
 * A source is used by one thread at a time, together with the sources
 * opened from it with folio_source_open_rev() (they share one repository).
 * The listing is built on the first foreach or diff and kept until free.
 */
#ifndef FOLIO_SOURCE_H
#define FOLIO_SOURCE_H

#include "buf.h"
#include "common.h"

typedef struct folio_source folio_source;

typedef enum {
	FOLIO_ENTRY_FILE,
	FOLIO_ENTRY_SYMLINK,
	FOLIO_ENTRY_SUBMODULE, /* a gitlink (mode 160000): a commit of another repository */
	FOLIO_ENTRY_OTHER, /* device, FIFO, an unknown mode ... */
} folio_entry_type;

typedef struct {
	const char *path;      /* site-relative, "/"-separated */
	const char *id;        /* 40-hex content id (git blob id; for a directory,
	                          the blob id git would give the bytes) */
	folio_entry_type type;
	size_t size;           /* bytes; 0 when not known without reading
	                          (always 0 for a git source) */
} folio_entry;

/*
 * Open the commit rev of the repository at repo_path (bare, or any path
 * inside a worktree). rev: anything git rev-parse accepts ("HEAD", "main",
 * "abc123^"); tags are peeled. FOLIO_ENOTFOUND when rev names nothing.
 * The caller frees *out with folio_source_free().
 */
int folio_source_open_git(folio_source **out, const char *repo_path, const char *rev);
/*
 * Open another commit of base's repository (a git source), sharing its
 * open repository: cheap, for the previously published commit. The
 * repository lives until the last source using it is freed, so base may be
 * freed first. FOLIO_ENOTFOUND when rev names nothing; FOLIO_EINVALID when
 * base is a directory. The caller frees *out with folio_source_free().
 */
int folio_source_open_rev(folio_source **out, folio_source *base, const char *rev);
/*
 * Open a plain directory (a worktree: ".git" is skipped at every level).
 * Symbolic links are listed, never followed. Content ids are computed when
 * foreach or diff first reaches an entry, by reading the whole file once.
 * The caller frees *out with folio_source_free().
 */
int folio_source_open_dir(folio_source **out, const char *dir);
/* Initialise libgit2 once a process, with folio's options (its caches,
 * and pack files read through small mapped windows: the resident set stays
 * bounded whatever the repository's size). Whatever opens a repository
 * itself calls this first: a pack mapped before the options are set is
 * mapped whole, and every source of the process shares it. 0, or a negative
 * code with the message in folio_error_last(). */
int folio_source_libgit2_init(void);

/*
 * Make folder (a folder of src: "docs", "website/src") its root, for a site
 * kept in a folder of its repository: every path is then relative to it,
 * and nothing outside it is listed, read or compared. Once, before the
 * first foreach or diff. folder must be a path folio_path_check() accepts,
 * reached through no symbolic link. FOLIO_ENOTFOUND when there is no such
 * folder, FOLIO_EINVALID when folder is no plain path; src is unchanged on
 * any error.
 */
int folio_source_reroot(folio_source *src, const char *folder);
/* The folder folio_source_reroot() made the root, or "". Borrowed. */
const char *folio_source_root(const folio_source *src);
/*
 * Why src could not be rooted where its top's folio.yaml says (a content
 * problem of the commit: a site_folder: that is no plain path, or no folder
 * of it), kept by folio_site_root() for the site's load to report as a
 * finding at folio.yaml's line, src left at its top. NULL when none.
 * Borrowed.
 */
void folio_source_set_root_problem(folio_source *src, unsigned line, const char *message);
const char *folio_source_root_problem(const folio_source *src, unsigned *line);

/* Free src (NULL is accepted). */
void folio_source_free(folio_source *src);

/* Commit id (40 hex) of a git source; NULL for a directory. Borrowed. */
const char *folio_source_commit(const folio_source *src);
/* Commit time (seconds since the epoch) of a git source; 0 for a directory. */
long long folio_source_commit_time(const folio_source *src);

/*
 * Call cb for every entry under the directory prefix ("" for all; "books"
 * and "books/" both mean the entries whose path starts with "books/"), in
 * byte order of the full path; stop and return cb's value when it is
 * non-zero. Entries are borrowed for the call only. The first call lists
 * the whole source (git: every tree once, about 1.5 us per entry;
 * directory: one readdir pass). A directory entry is read once, when
 * first reached, to compute its id and size (about 10-20 us per file).
 */
int folio_source_foreach(folio_source *src, const char *prefix,
                         int (*cb)(const folio_entry *entry, void *payload), void *payload);

/* Call cb for the entry at path alone and return its value, the entry
 * found by a binary search of the listing (made first, as
 * folio_source_foreach() makes it), borrowed for the call only;
 * FOLIO_ENOTFOUND, cb not called, when the listing has no such entry.
 * Asking a name of a folder with foreach walks the folder up to it. */
int folio_source_find(folio_source *src, const char *path,
                      int (*cb)(const folio_entry *entry, void *payload), void *payload);

/* The why of the entry where a listing stopped, past FOLIO_PATH_MAX_ENTRIES
 * (folio/path.h): the entries after it are missing from the listing, so it
 * is a finding wherever it stands, unread folders included. */
extern const char folio_source_too_many_entries[];
/* The why of a folder nested deeper than 256 folders: refused, as a name
 * may be, and nothing under it read (a recursion's stack bounds the walk). */
extern const char folio_source_too_deep[];

/*
 * Call cb for every entry the listing refused, with its path (for a
 * refused folder, the path of the folder; names as stored, perhaps with
 * control characters: quote them to print) and why, a static phrase; stop
 * and return cb's value when it is non-zero. Lists the source first, as
 * folio_source_foreach() does.
 */
int folio_source_foreach_refused(folio_source *src,
                                 int (*cb)(const char *path, const char *why, void *payload),
                                 void *payload);

/* Append the bytes of path to out (a symlink gives its target text).
 * FOLIO_ENOTFOUND when there is no such file, when path names a directory
 * or something else than a file or symlink, or when it is not a plain
 * path folio_path_check() accepts ("", "/x", "a//b", "./a", "a/../b",
 * ".git/config" are refused). */
int folio_source_read(folio_buf *out, folio_source *src, const char *path);

/* Append the bytes of the blob with content id to out (git sources; a
 * directory source reads by path only and returns FOLIO_ENOTFOUND). */
int folio_source_read_id(folio_buf *out, folio_source *src, const char *id);

/* Size in bytes of the blob with content id, from the object's header
 * alone (nothing is inflated). Git sources; FOLIO_ENOTFOUND otherwise. */
int folio_source_size_id(size_t *out, folio_source *src, const char *id);

/* Size in bytes of the file at path, read from the blob's header (git) or
 * the file's status (a directory), before anything is read: a budget on
 * a file read by name (folio.yaml, a schema). FOLIO_ENOTFOUND when there is
 * no such file. */
int folio_source_size(size_t *out, folio_source *src, const char *path);

/* folio_source_read of a file read by name that a budget bounds
 * (folio.yaml, a schema): its size first, into *size when not NULL, and
 * FOLIO_EINVALID, nothing read, when it is over max. */
int folio_source_read_within(folio_buf *out, folio_source *src, const char *path, size_t max, size_t *size);

typedef enum {
	FOLIO_CHANGE_ADDED,
	FOLIO_CHANGE_MODIFIED, /* same path, other bytes or other type */
	FOLIO_CHANGE_DELETED,
} folio_change_status;

/* One changed path. The side that does not exist (old for ADDED, new for
 * DELETED) has NULL path and id; its type is meaningless. */
typedef struct {
	folio_change_status status;
	const char *old_path, *new_path;
	const char *old_id, *new_id;   /* 40 hex */
	folio_entry_type old_type, new_type;
} folio_change;

/*
 * Call cb for every difference from `from` to `to`, in byte order of the
 * path (new_path, or old_path for a deletion); a moved file is a deletion
 * and an addition (no caller needs renames paired); stop and return cb's value
 * when it is non-zero. Changes are borrowed for the call only. from NULL
 * (or to NULL) stands for an empty source. Only ids and types are
 * compared (the executable bit is ignored). Paths are given as the trees
 * hold them, refused ones included (see folio_source_foreach_refused): a
 * caller that writes what a change names checks the path first.
 *
 * Two git sources (of the same repository or not) are compared tree by
 * tree, skipping subtrees with equal ids, so the cost follows the size of
 * the change, not of the site. Otherwise the two listings are compared,
 * which computes the id of every file of a directory source. A change of
 * more than FOLIO_PATH_MAX_ENTRIES entries (folio/path.h) is not compared:
 * FOLIO_EINVALID, cb never called (the listing refuses such a tree).
 *
 * Renames: a deleted and an added entry with the same id (not empty) are
 * paired first; then deleted and added files whose bytes are at least 50%
 * similar (git's default), best pairs first, unless there are more than
 * 1000 x 1000 candidates.
 */
int folio_source_diff(folio_source *from, folio_source *to,
                      int (*cb)(const folio_change *change, void *payload), void *payload);

#endif
