/*
 * Reading one file of a source: a blob from the object database, or a file
 * under a directory source opened one component at a time with O_NOFOLLOW
 * from the root's descriptor (a symbolic link reads as its target's text,
 * never followed).
 */
#include "folio/source.h"

#include "folio/path.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/source_internal.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/search.h"
#include "util/banned.h"

/* ---- reading ---- */

static int not_found(const folio_source *src, const char *path)
{
	if (src->repo)
		folio_error_set("no file '%s' in commit %s of '%s'", path, src->commit_id, src->repo->path);
	else
		folio_error_set("no file '%s' in '%s'", path, src->dir);
	return FOLIO_ENOTFOUND;
}

/* missing: the code for an absent object; FOLIO_ERROR when a tree names it
 * (a damaged repository, not a missing file). */
static int odb_read_blob(folio_buf *out, const folio_source *src, const git_oid *id, int missing)
{
	git_odb_object *obj = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	int err = git_odb_read(&obj, src->repo->odb, id);

	git_oid_tostr(hex, sizeof(hex), id);
	if (err == GIT_ENOTFOUND) {
		folio_error_set("no blob %s in '%s'", hex, src->repo->path);
		return missing;
	}
	if (err < 0)
		return folio_error_set("cannot read object %s in '%s': %s", hex, src->repo->path, folio_source__git_msg());
	if (git_odb_object_type(obj) != GIT_OBJECT_BLOB) {
		git_odb_object_free(obj);
		folio_error_set("object %s in '%s' is not a blob", hex, src->repo->path);
		return FOLIO_ENOTFOUND;
	}
	folio_buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj));
	git_odb_object_free(obj);
	return 0;
}

static int git_read_path(folio_buf *out, folio_source *src, const char *path)
{
	git_tree_entry *te = NULL;
	int err = git_tree_entry_bypath(&te, src->tree, path);

	if (err == GIT_ENOTFOUND)
		return not_found(src, path);
	if (err < 0)
		return folio_error_set("cannot look up '%s' in '%s': %s", path, src->repo->path, folio_source__git_msg());
	int rc = git_tree_entry_type(te) == GIT_OBJECT_BLOB
		? odb_read_blob(out, src, git_tree_entry_id(te), FOLIO_ERROR)
		: not_found(src, path);
	git_tree_entry_free(te);
	return rc;
}

int folio_source__dir_fail(const folio_source *src, const char *path, const char *what)
{
	return folio_error_set("cannot %s '%s/%s': %s", what, src->dir, path, strerror(errno));
}

static int read_link(folio_buf *out, const folio_source *src, int dfd, const char *name,
                     const char *path, size_t hint)
{
	size_t cap = hint + 1;

	for (;;) {
		folio_buf_grow(out, cap);
		ssize_t n = readlinkat(dfd, name, out->ptr + out->size, cap);
		if (n < 0)
			return errno == ENOENT || errno == EINVAL ? not_found(src, path)
				: folio_source__dir_fail(src, path, "read link");
		if ((size_t)n < cap) {
			out->size += (size_t)n;
			out->ptr[out->size] = '\0';
			return 0;
		}
		cap *= 2;
	}
}

/* Read up to size bytes: the file as it was when it was stat'ed. */
static int read_fd(folio_buf *out, const folio_source *src, int fd, const char *path, size_t size)
{
	folio_buf_grow(out, size);
	while (size) {
		ssize_t n = read(fd, out->ptr + out->size, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return folio_source__dir_fail(src, path, "read");
		if (n == 0)
			break;
		out->size += (size_t)n;
		size -= (size_t)n;
	}
	out->ptr[out->size] = '\0';
	return 0;
}

/*
 * Read name in the directory dfd: a regular file's bytes or a link's
 * target. type is what the listing saw, or -1 to look first (so that a
 * device is never opened).
 */
int folio_source__read_leaf(folio_buf *out, const folio_source *src, int dfd, const char *name,
                            const char *path, int type)
{
	struct stat st;

	if (type < 0) {
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG
				? not_found(src, path) : folio_source__dir_fail(src, path, "stat");
		type = S_ISLNK(st.st_mode) ? FOLIO_ENTRY_SYMLINK
			: S_ISREG(st.st_mode) ? FOLIO_ENTRY_FILE : FOLIO_ENTRY_OTHER;
	}
	if (type == FOLIO_ENTRY_SYMLINK)
		return read_link(out, src, dfd, name, path, 64);
	if (type != FOLIO_ENTRY_FILE)
		return not_found(src, path);
	/* O_NONBLOCK: should a FIFO replace the file meanwhile, do not hang. */
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ELOOP || errno == ENOTDIR ? not_found(src, path)
			: folio_source__dir_fail(src, path, "open");
	int rc;
	if (fstat(fd, &st) < 0)
		rc = folio_source__dir_fail(src, path, "stat");
	else if (!S_ISREG(st.st_mode))
		rc = not_found(src, path);
	else
		rc = read_fd(out, src, fd, path, (size_t)st.st_size);
	close(fd);
	return rc;
}

/*
 * Open the directory made of the first dirlen bytes of path, one component
 * at a time from the root, never through a link. *out: an owned
 * descriptor, or -1 for the root itself.
 */
int folio_source__open_parent(int *out, const folio_source *src, const char *path, size_t dirlen)
{
	const char *p = path, *end = path + dirlen;
	char name[NAME_MAX + 1];
	int cur = -1;

	*out = -1;
	while (p < end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
		int next = -1;
		if (n <= NAME_MAX) {
			memcpy(name, p, n);
			name[n] = '\0';
			next = openat(cur >= 0 ? cur : src->dir_fd, name,
			              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		} else {
			errno = ENOENT;
		}
		if (next < 0) {
			int rc = errno == ENOENT || errno == ENOTDIR || errno == ELOOP
				? not_found(src, path) : folio_source__dir_fail(src, path, "open");
			if (cur >= 0)
				close(cur);
			return rc;
		}
		if (cur >= 0)
			close(cur);
		cur = next;
		p += n + 1;
	}
	*out = cur;
	return 0;
}

size_t folio_source__dir_part(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

static int dir_read(folio_buf *out, const folio_source *src, const char *path)
{
	size_t dirlen = folio_source__dir_part(path);
	int fd, rc = folio_source__open_parent(&fd, src, path, dirlen);

	if (rc < 0)
		return rc;
	rc = folio_source__read_leaf(out, src, fd >= 0 ? fd : src->dir_fd, path + dirlen + !!dirlen, path, -1);
	if (fd >= 0)
		close(fd);
	return rc;
}

int folio_source_read(folio_buf *out, folio_source *src, const char *path)
{
	FOLIO_ASSERT(out && src && path);
	/* What the listing refuses cannot be read either ("a/../b", ".git/config"). */
	if (folio_path_check(path, strlen(path)))
		return not_found(src, path);
	if (src->repo)
		return git_read_path(out, src, path);
	return dir_read(out, src, path);
}

int folio_source_read_id(folio_buf *out, folio_source *src, const char *id)
{
	git_oid oid;

	FOLIO_ASSERT(out && src && id);
	if (!src->repo) {
		folio_error_set("cannot read blob %s from directory '%s': read by path", id, src->dir);
		return FOLIO_ENOTFOUND;
	}
	if (strlen(id) != GIT_OID_HEXSZ || git_oid_fromstr(&oid, id) < 0) {
		folio_error_set("invalid blob id '%s'", id);
		return FOLIO_ENOTFOUND;
	}
	return odb_read_blob(out, src, &oid, FOLIO_ENOTFOUND);
}

/* Only the object's header is read: a budget on a blob's size must not
 * inflate it (a zero-filled file of 1 GB packs into a few KB). */
int folio_source_size_id(size_t *out, folio_source *src, const char *id)
{
	git_oid oid;
	size_t size;
	git_object_t type;

	FOLIO_ASSERT(out && src && id);
	*out = 0;
	if (!src->repo || strlen(id) != GIT_OID_HEXSZ || git_oid_fromstr(&oid, id) < 0) {
		folio_error_set("cannot size blob '%s': not a git source or not a blob id", id);
		return FOLIO_ENOTFOUND;
	}
	int err = git_odb_read_header(&size, &type, src->repo->odb, &oid);
	if (err == GIT_ENOTFOUND) {
		folio_error_set("no blob %s in '%s'", id, src->repo->path);
		return FOLIO_ENOTFOUND;
	}
	if (err < 0)
		return folio_error_set("cannot read object %s in '%s': %s", id, src->repo->path, folio_source__git_msg());
	*out = size;
	return 0;
}


int folio_source_size(size_t *out, folio_source *src, const char *path)
{
	FOLIO_ASSERT(out && src && path);
	*out = 0;
	if (folio_path_check(path, strlen(path)))
		return not_found(src, path);
	if (src->repo) {
		git_tree_entry *te = NULL;
		int err = git_tree_entry_bypath(&te, src->tree, path);
		if (err == GIT_ENOTFOUND)
			return not_found(src, path);
		if (err < 0)
			return folio_error_set("cannot look up '%s' in '%s': %s", path, src->repo->path,
			                       folio_source__git_msg());
		char id[GIT_OID_HEXSZ + 1];
		git_oid_tostr(id, sizeof(id), git_tree_entry_id(te));
		bool blob = git_tree_entry_type(te) == GIT_OBJECT_BLOB;
		git_tree_entry_free(te);
		return blob ? folio_source_size_id(out, src, id) : not_found(src, path);
	}
	size_t dirlen = folio_source__dir_part(path);
	int fd, rc = folio_source__open_parent(&fd, src, path, dirlen);
	if (rc < 0)
		return rc;
	struct stat st;
	if (fstatat(fd >= 0 ? fd : src->dir_fd, path + dirlen + !!dirlen, &st, AT_SYMLINK_NOFOLLOW) < 0)
		rc = errno == ENOENT || errno == ENOTDIR ? not_found(src, path) : folio_source__dir_fail(src, path, "stat");
	else
		*out = (size_t)st.st_size;
	if (fd >= 0)
		close(fd);
	return rc;
}

int folio_source_read_within(folio_buf *out, folio_source *src, const char *path, size_t max, size_t *size)
{
	size_t n;
	int rc = folio_source_size(&n, src, path);
	if (size)
		*size = n;
	if (rc < 0)
		return rc;
	return n > max ? FOLIO_EINVALID : folio_source_read(out, src, path);
}
