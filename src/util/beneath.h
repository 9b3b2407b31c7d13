/*
 * Writing inside an output folder and nowhere else. Every call takes the
 * folder (root, as the operator named it) and a path relative to it, and
 * reaches that path through a descriptor of root, one that cannot leave
 * it: openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) where the kernel has
 * it (Linux 5.6), else a walk one name at a time with O_NOFOLLOW. A
 * relative path with an empty, "." or ".." name, or a leading "/", is
 * refused before any system call; a symbolic link on the way (planted in
 * the folder by anyone) is never followed, and its own removal removes
 * the link, never what it points to. Content paths are checked long before
 * (folio/path.h): this is the second, independent line.
 *
 *     char *tmp = NULL;
 *     if (folio_beneath_write_temp(&tmp, "site", "books/x/index.html", p, n, false) == 0)
 *         folio_beneath_rename(root, tmp, "books/x/index.html", false);
 *     free(tmp);
 *
 * All return 0, or FOLIO_ERROR with a message naming root and path
 * (quoted) and the system's reason.
 */
#ifndef FOLIO_UTIL_BENEATH_H
#define FOLIO_UTIL_BENEATH_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"

/* Is rel a relative path of plain names: not empty, no leading "/", no
 * "", "." or ".." name? What every call here refuses, and what an object
 * store's key below a prefix must be too: a URL's "." and ".." segments
 * are folded by the client, so the request would name another key. */
bool folio_beneath_plain(const char *rel);

/* Write data to rel (folders made on demand; an existing file replaced in
 * place), for a staging tree no reader sees before it is complete. */
int folio_beneath_write_new(const char *root, const char *rel, const void *data, size_t len);

/* Write data to "<rel>.tmp-folio-<pid>" (folders made on demand, fsynced
 * when durable) and set *tmp_out to that relative path, which the caller
 * frees; on failure no temporary file is left and *tmp_out is NULL. */
int folio_beneath_write_temp(char **tmp_out, const char *root, const char *rel,
                             const void *data, size_t len, bool durable);

/* The same, the bytes written by fill into the file's descriptor: 0, or -1
 * with errno set (util/fs.h's folio_fs_fill). */
int folio_beneath_write_new_with(const char *root, const char *rel, int (*fill)(int fd, void *payload),
                                 void *payload);
int folio_beneath_write_temp_with(char **tmp_out, const char *root, const char *rel,
                                  int (*fill)(int fd, void *payload), void *payload, bool durable);

/* Rename from (a temporary file of write_temp) to rel, in one folder;
 * fsync the folder when durable. On failure from is removed. */
int folio_beneath_rename(const char *root, const char *from, const char *rel, bool durable);
/* Rename from to rel, a file or a folder, both in one folder beneath root;
 * on failure from is left as it was (folio_beneath_rename drops it). */
int folio_beneath_move(const char *root, const char *from, const char *rel);

/* Make the n paths rels durable, as a publish of a few outputs changed
 * them: each file still there synced (fdatasync; one gone is passed
 * over), then each folder that holds one, once (fsync: the names renamed
 * or removed in it); with made[i], rels[i] may have made or removed
 * folders on its way, and every folder up to root is synced too. Costs
 * what the paths changed, not what other writers left dirty on the file
 * system (syncfs). A path that would leave root is passed over: nothing
 * of root's was written there. made may be NULL: all true. *nsynced (may
 * be NULL): how many files and folders were synced. */
int folio_beneath_sync(const char *root, char *const *rels, const bool *made, size_t n, size_t *nsynced);

/* Remove rel (a file, a link, or a folder with everything in it; no error
 * when absent), then its parent folders that became empty, up to root.
 * FOLIO_EINVALID, with a message, when rel would leave root: nothing of
 * root's is there to remove (a record older than the path check). */
int folio_beneath_remove(const char *root, const char *rel);

/* Remove rel's empty parent folders, deepest first, up to (not) root. */
void folio_beneath_prune(const char *root, const char *rel);

/* Remove what a killed writer may have left beside rel (its
 * "<name>.tmp-folio-*" files). */
void folio_beneath_remove_temps(const char *root, const char *rel);

/* Append the file rel to out, reached as the writer reaches it: a link on
 * the way is never followed (an output read back, e.g. a feed for the
 * partners, cannot be swapped for a file outside root). FOLIO_ENOTFOUND
 * when absent. */
int folio_beneath_read(folio_buf *out, const char *root, const char *rel);
/* The same file opened read-only into *fd_out (-1 on failure), for a
 * reader that streams it (the daemon's previews: a file read whole per
 * request made each request hold its size); the caller closes it. */
int folio_beneath_open(int *fd_out, const char *root, const char *rel);

/* Remove the folder tree at path (not a path beneath anything: an output
 * folder or a staging tree, named by the operator) without following any
 * link inside it. No error when absent. */
int folio_beneath_rm_tree(const char *path);

/* Tests only: false makes every call take the O_NOFOLLOW walk, as on a
 * kernel without openat2. */
extern bool folio_beneath__use_openat2;

#endif
