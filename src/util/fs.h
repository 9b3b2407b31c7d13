/*
 * Files written so that a reader never sees half of one: temporary file in
 * the same directory, fsync, rename over the target, fsync the directory.
 */
#ifndef FOLIO_UTIL_FS_H
#define FOLIO_UTIL_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"

/* Create dir and its parents (mode 0755). 0 or FOLIO_ERROR. */
int folio_fs_mkdir_p(const char *dir);
/* Write data atomically to path, creating parent directories. When fsync_dir
 * is false the directory is not fsynced (callers batching many files fsync
 * directories once with folio_fs_fsync_dir). */
int folio_fs_write_atomic(const char *path, const void *data, size_t len, bool durable);
/* Writes a file's bytes into its descriptor: 0, or -1 with errno set (an
 * output read back from a scratch file in chunks). */
typedef int (*folio_fs_fill)(int fd, void *payload);
/* Write data to path directly, creating its folders: for a file in a
 * staging tree no reader sees before it is complete (a failure may leave
 * a partial file there, which the tree's removal takes away). */
int folio_fs_write_new(const char *path, const void *data, size_t len);
/* The same, the bytes written by fill. */
int folio_fs_write_new_with(const char *path, folio_fs_fill fill, void *payload);
/*
 * The two halves of folio_fs_write_atomic(), for a writer that must have
 * every file of a set written before it replaces any (a full disk then
 * leaves the old set whole). folio_fs_write_temp writes data to
 * "<path>.tmp-folio-<pid>" (parent directories created) and sets *tmp_out,
 * which the caller frees; on failure no temporary file is left and *tmp_out
 * is NULL. folio_fs_rename_temp puts tmp in place of path; on failure tmp
 * is removed. Both: 0 or FOLIO_ERROR with the system's message.
 */
int folio_fs_write_temp(char **tmp_out, const char *path, const void *data, size_t len, bool durable);
int folio_fs_rename_temp(const char *tmp, const char *path);
int folio_fs_fsync_dir(const char *dir);
/* Append the whole file to out. FOLIO_ENOTFOUND when absent. */
int folio_fs_read(folio_buf *out, const char *path);
/* Remove path recursively (no error when absent). Symlinks are removed, not followed. */
int folio_fs_rm_rf(const char *path);
bool folio_fs_exists(const char *path);
bool folio_fs_is_dir(const char *path);
/*
 * Take an exclusive flock on path (created 0644) and write our pid in it.
 * 0 with *fd_out open (closing it releases the lock); FOLIO_EEXISTS when
 * another process holds it, with its pid in holder ("" when unknown);
 * FOLIO_ERROR with a message otherwise.
 */
int folio_fs_lock(const char *path, int *fd_out, char *holder, size_t holder_size);
/* Join a and b with one "/"; caller frees. */
char *folio_fs_join(const char *a, const char *b);
/* Remove what a killed writer may have left beside path: temporary files of
 * folio_fs_write_atomic() and temporary output trees ("<path>.tmp-folio-<pid>"). */
void folio_fs_remove_temps(const char *path);
/*
 * path written the one way: repeated and trailing slashes dropped, "."
 * components dropped, "x/.." removed (lexically: a symlink's ".." is not
 * followed), leading ".." of a relative path kept; "" and "./" give ".".
 * For the paths users give (--out, --state, --repo, the server config), so
 * that "DIR/", "DIR/." and "a/../DIR" mean DIR everywhere. Caller frees.
 */
char *folio_fs_normalize(const char *path);

#endif
