/*
 * Writes, renames and removals beneath an output folder (see beneath.h).
 *
 * Invariants:
 * - Every path given is split into a folder part and a last name; the
 *   folder is opened from a descriptor of root, never by its string, and
 *   the last name is then used with *at() calls on that descriptor, with
 *   O_NOFOLLOW (or unlinkat/renameat, which do not follow a last link).
 * - A relative path is checked lexically first (no "", ".", "..", no
 *   leading "/"), so both ways of opening refuse the same paths.
 * - Removal walks folders by descriptor (openat O_NOFOLLOW | O_DIRECTORY,
 *   unlinkat), so a link met inside is unlinked, never entered.
 */
#include "beneath.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "alloc.h"
#include "folio/buf.h"
#include "folio/common.h"
#include "fault.h"
#include "fdwrite.h"
#include "banned.h"

/* Deeper trees are refused by the source (MAX_DEPTH 256); this bounds the
 * recursion of a removal all the same. */
#define RM_MAX_DEPTH 512

bool folio_beneath__use_openat2 = true;
/* Set once a call finds the kernel without openat2; read by every thread. */
static atomic_bool no_openat2;

/* ---- messages ---- */

/* "cannot <what> 'root/rel': reason", rel quoted as git quotes names. */
static int fail(const char *what, const char *root, const char *rel, int err)
{
	folio_buf q = FOLIO_BUF_INIT;
	folio_buf_put_quoted(&q, rel, strlen(rel));
	int rc = folio_error_set("cannot %s %s in '%s': %s", what, q.ptr, root,
	                         err == ELOOP ? "a symbolic link is in the way (not followed)"
	                         : err == EXDEV ? "the path leaves the folder"
	                         : strerror(err));
	folio_buf_dispose(&q);
	errno = err; /* for a caller that tells a missing path from others */
	return rc;
}

/* ---- checking and opening ---- */

bool folio_beneath_plain(const char *rel)
{
	const char *p = rel;
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (!slash)
			return true;
		p = slash + 1;
	}
}

static int open_root(const char *root)
{
	return open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int sys_openat2(int dirfd, const char *path, int flags, mode_t mode)
{
	struct open_how how;
	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_CLOEXEC);
	how.mode = (flags & O_CREAT) ? mode : 0;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

/*
 * With openat2, a missing folder dir whose parent is there (a new page's
 * folder, most often): its parent opened in one call, the folder made and
 * opened in it, not every name walked again. -1 with errno ENOENT when the
 * parent is missing too (the caller walks), another errno as the walk
 * would find it (ELOOP: a link in the way).
 */
static int make_last(int rootfd, const char *dir, size_t n)
{
	const char *slash = memrchr(dir, '/', n);
	char *parent = slash ? folio_xstrndup(dir, (size_t)(slash - dir)) : NULL;
	const char *name = slash ? slash + 1 : dir;
	int pfd = parent ? sys_openat2(rootfd, parent, O_RDONLY | O_DIRECTORY, 0)
	                 : fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	free(parent);
	if (pfd < 0)
		return -1;
	int fd = -1;
	if (mkdirat(pfd, name, 0755) == 0 || errno == EEXIST)
		fd = sys_openat2(pfd, name, O_RDONLY | O_DIRECTORY, 0);
	int saved = errno;
	close(pfd);
	errno = saved;
	return fd;
}

/*
 * Open the folder dir (n bytes of a checked relative path; n == 0 is
 * rootfd itself, duplicated) beneath rootfd. create: make missing folders
 * (0755). -1 with errno on failure; ELOOP when a link is in the way.
 */
static int open_dir(int rootfd, const char *dir, size_t n, bool create)
{
	char *copy = folio_xstrndup(dir, n);
	int fd = -1;

	if (n == 0) {
		fd = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
		goto done;
	}
	bool use2 = folio_beneath__use_openat2 && !atomic_load(&no_openat2);
	if (use2) {
		fd = sys_openat2(rootfd, copy, O_RDONLY | O_DIRECTORY, 0);
		if (fd >= 0 || (errno != ENOSYS && !(errno == ENOENT && create)))
			goto done;
		if (errno == ENOSYS) { /* an old kernel: walk, from now on */
			atomic_store(&no_openat2, true);
			use2 = false;
		} else if ((fd = make_last(rootfd, copy, n)) >= 0 || errno != ENOENT) {
			goto done;
		}
	}
	/* One name at a time: openat2 is missing, or folders must be made. */
	int cur = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	for (char *name = copy; cur >= 0;) {
		char *slash = strchr(name, '/');
		if (slash)
			*slash = '\0';
		int next = use2
			? sys_openat2(cur, name, O_RDONLY | O_DIRECTORY, 0)
			: openat(cur, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && create &&
		    (mkdirat(cur, name, 0755) == 0 || errno == EEXIST))
			next = use2
				? sys_openat2(cur, name, O_RDONLY | O_DIRECTORY, 0)
				: openat(cur, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int saved = errno;
		struct stat st;
		/* O_NOFOLLOW | O_DIRECTORY on a link says ENOTDIR: name it a link */
		if (next < 0 && saved == ENOTDIR && fstatat(cur, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			saved = ELOOP;
		close(cur);
		errno = saved;
		cur = next;
		if (!slash)
			break;
		name = slash + 1;
	}
	fd = cur;
done:
	free(copy);
	return fd;
}

/* Length of rel's folder part ("a/b/c" -> 3, "c" -> 0). */
static size_t dir_len(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? (size_t)(slash - rel) : 0;
}

static const char *base_name(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? slash + 1 : rel;
}

/* Open rel's folder beneath root: *dfd_out and *root_out owned by the caller. */
static int open_parent(int *root_out, int *dfd_out, const char *root, const char *rel,
                       bool create, const char *what)
{
	*root_out = *dfd_out = -1;
	if (!folio_beneath_plain(rel))
		return fail(what, root, rel, EXDEV);
	if ((*root_out = open_root(root)) < 0)
		return folio_error_set("cannot open '%s': %s", root, strerror(errno));
	if ((*dfd_out = open_dir(*root_out, rel, dir_len(rel), create)) < 0) {
		int err = errno;
		close(*root_out);
		*root_out = -1;
		return fail(what, root, rel, err);
	}
	return 0;
}

static void close_both(int a, int b)
{
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
}

/* Write into name of the folder dfd (created or truncated, never through
 * a link) what fill writes; -1 with errno. */
static int write_at(int dfd, const char *name, int (*fill)(int fd, void *payload), void *payload, bool durable)
{
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	int rc = fill(fd, payload);
	if (rc == 0 && durable && fsync(fd) < 0)
		rc = -1;
	int saved = errno;
	if (close(fd) < 0 && rc == 0)
		return -1;
	errno = saved;
	return rc;
}

/* ---- writing ---- */

int folio_beneath_open(int *fd_out, const char *root, const char *rel)
{
	int rootfd = -1, dfd = -1, fd = -1, err;
	*fd_out = -1;
	if (!folio_beneath_plain(rel))
		return fail("read", root, rel, EXDEV);
	if ((rootfd = open_root(root)) < 0)
		return folio_error_set("cannot open '%s': %s", root, strerror(errno));
	dfd = open_dir(rootfd, rel, dir_len(rel), false);
	if (dfd >= 0)
		fd = openat(dfd, base_name(rel), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	err = errno;
	close_both(rootfd, dfd);
	if (fd < 0)
		return err == ENOENT ? folio_error_set("no file '%s' in '%s'", rel, root), FOLIO_ENOTFOUND
		                     : fail("read", root, rel, err);
	*fd_out = fd;
	return 0;
}

int folio_beneath_read(folio_buf *out, const char *root, const char *rel)
{
	int fd = -1, rc = folio_beneath_open(&fd, root, rel);
	if (rc < 0)
		return rc;
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > 0) /* read at once, not grown by doubling */
		folio_buf_grow(out, (size_t)st.st_size + 1);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = fail("read", root, rel, errno);
			break;
		}
		if (n == 0)
			break;
		folio_buf_put(out, chunk, (size_t)n);
	}
	close(fd);
	return rc;
}

int folio_beneath_write_new_with(const char *root, const char *rel, int (*fill)(int fd, void *payload),
                                 void *payload)
{
	int rootfd, dfd;
	int rc = open_parent(&rootfd, &dfd, root, rel, true, "create");
	if (rc < 0)
		return rc;
	if (write_at(dfd, base_name(rel), fill, payload, false) < 0)
		rc = fail("write", root, rel, errno);
	close_both(rootfd, dfd);
	return rc;
}

int folio_beneath_write_new(const char *root, const char *rel, const void *data, size_t len)
{
	folio_plain_bytes b = { data, len };
	return folio_beneath_write_new_with(root, rel, folio_write_plain, &b);
}

int folio_beneath_write_temp_with(char **tmp_out, const char *root, const char *rel,
                                  int (*fill)(int fd, void *payload), void *payload, bool durable)
{
	int rootfd, dfd;
	*tmp_out = NULL;
	int rc = open_parent(&rootfd, &dfd, root, rel, true, "create");
	if (rc < 0)
		return rc;
	char *tmp = folio_xasprintf("%s.tmp-folio-%ld", rel, (long)getpid());
	if (write_at(dfd, base_name(tmp), fill, payload, durable) < 0) {
		rc = fail("write", root, tmp, errno);
		unlinkat(dfd, base_name(tmp), 0); /* a full disk leaves no half-written file */
		free(tmp);
	} else {
		*tmp_out = tmp;
	}
	close_both(rootfd, dfd);
	return rc;
}

int folio_beneath_write_temp(char **tmp_out, const char *root, const char *rel,
                             const void *data, size_t len, bool durable)
{
	folio_plain_bytes b = { data, len };
	return folio_beneath_write_temp_with(tmp_out, root, rel, folio_write_plain, &b, durable);
}

static int rename_in(const char *root, const char *from, const char *rel, bool durable, bool drop)
{
	int rootfd, dfd;
	if (dir_len(from) != dir_len(rel) || strncmp(from, rel, dir_len(rel)))
		return fail("rename into", root, rel, EXDEV); /* one folder only */
	int rc = open_parent(&rootfd, &dfd, root, rel, false, "rename into");
	if (rc < 0)
		return rc;
	/* renameat replaces a link at rel by the file: the link is not followed */
	if (renameat(dfd, base_name(from), dfd, base_name(rel)) < 0) {
		rc = fail("rename into", root, rel, errno);
		if (drop)
			unlinkat(dfd, base_name(from), 0);
	} else if (durable && fsync(dfd) < 0 && errno != EINVAL) {
		rc = fail("fsync the folder of", root, rel, errno);
	}
	close_both(rootfd, dfd);
	return rc;
}

int folio_beneath_rename(const char *root, const char *from, const char *rel, bool durable)
{
	return rename_in(root, from, rel, durable, true);
}

int folio_beneath_move(const char *root, const char *from, const char *rel)
{
	if (!folio_beneath_plain(from) || !folio_beneath_plain(rel))
		return fail("move", root, rel, EXDEV);
	return rename_in(root, from, rel, false, false);
}

/* ---- syncing ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* fsync (folder) or fdatasync (file) rel beneath rootfd, counted in
 * *count; gone: 0. */
static int sync_one(int rootfd, const char *rel, bool folder, size_t *count)
{
	int dfd = open_dir(rootfd, rel, folder ? strlen(rel) : dir_len(rel), false), fd = dfd;
	if (dfd >= 0 && !folder) {
		/* opened to sync, not read (nor truncated): an output is never read back */
		fd = openat(dfd, base_name(rel), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
		close(dfd);
	}
	if (fd < 0) /* gone, a file where its folder was, or a folder where it was: nothing of it to sync */
		return errno == ENOENT || errno == ENOTDIR || (!folder && errno == EISDIR) ? 0 : -1;
	int rc = (folder ? fsync(fd) : fdatasync(fd)) < 0 && errno != EINVAL ? -1 : 0;
	int saved = errno;
	++*count;
	close(fd);
	errno = saved;
	return rc;
}

int folio_beneath_sync(const char *root, char *const *rels, const bool *made, size_t n, size_t *nsynced)
{
	int rootfd = open_root(root), rc = 0;
	size_t count = 0;
	if (rootfd < 0)
		return folio_error_set("cannot open '%s': %s", root, strerror(errno));
	/* every folder on the way, each once: "a/b/c" gives "a/b" and "a" */
	size_t nf = 0, cap = 8;
	char **folders = folio_xmalloc(cap * sizeof(*folders));
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!folio_beneath_plain(rels[i]))
			continue; /* out of root (a record older than the path check): nothing of root's */
		if (sync_one(rootfd, rels[i], false, &count) < 0)
			rc = fail("sync", root, rels[i], errno);
		bool up = !made || made[i];
		for (size_t len = dir_len(rels[i]); len > 0; len = up ? dir_len(folders[nf - 1]) : 0) {
			if (nf == cap)
				folders = folio_xrealloc(folders, (cap *= 2) * sizeof(*folders));
			folders[nf++] = folio_xstrndup(rels[i], len);
		}
	}
	qsort(folders, nf, sizeof(*folders), cmp_str);
	for (size_t i = 0; i < nf; i++)
		if (rc == 0 && (i == 0 || strcmp(folders[i], folders[i - 1])) && sync_one(rootfd, folders[i], true, &count) < 0)
			rc = fail("sync the folder", root, folders[i], errno);
	for (size_t i = 0; i < nf; i++)
		free(folders[i]);
	free(folders);
	bool top = false; /* root holds a name that changed */
	for (size_t i = 0; i < n && !top; i++)
		top = !made || made[i] || !dir_len(rels[i]);
	if (rc == 0 && top && fsync(rootfd) < 0 && errno != EINVAL)
		rc = folio_error_set("cannot sync '%s': %s", root, strerror(errno));
	count += top;
	close(rootfd);
	if (nsynced)
		*nsynced = count;
	return rc;
}

/* ---- removing ---- */

/* Remove name in dfd, whatever it is, without following a link. */
static int remove_at(int dfd, const char *name, int depth)
{
	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	if (depth > RM_MAX_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			rc = remove_at(dirfd(d), e->d_name, depth + 1);
	int saved = errno;
	closedir(d);
	if (rc < 0) {
		errno = saved;
		return -1;
	}
	return unlinkat(dfd, name, AT_REMOVEDIR) == 0 || errno == ENOENT ? 0 : -1;
}

void folio_beneath_prune(const char *root, const char *rel)
{
	if (!folio_beneath_plain(rel))
		return;
	int rootfd = open_root(root);
	if (rootfd < 0)
		return;
	/* Deepest first: for "a/b/c", "a/b" then "a", while they are empty. A
	 * level already gone (a run killed between two rmdirs) is passed over:
	 * stopping there would leave the empty folders above it for ever. */
	for (size_t n = dir_len(rel); n > 0;) {
		size_t up = 0;
		for (size_t i = 0; i < n; i++)
			if (rel[i] == '/')
				up = i;
		int dfd = open_dir(rootfd, rel, up, false), r = -1;
		if (dfd >= 0) {
			size_t start = up ? up + 1 : 0;
			char *name = folio_xstrndup(rel + start, n - start);
			r = unlinkat(dfd, name, AT_REMOVEDIR);
			free(name);
			close(dfd);
		}
		if (r < 0 && errno != ENOENT)
			break;
		folio__fault_step();
		n = up;
	}
	close(rootfd);
}

int folio_beneath_remove(const char *root, const char *rel)
{
	int rootfd = -1, dfd = -1, rc = 0;
	if (!folio_beneath_plain(rel)) {
		fail("remove", root, rel, EXDEV);
		return FOLIO_EINVALID;
	}
	if ((rootfd = open_root(root)) < 0)
		return errno == ENOENT ? 0 : folio_error_set("cannot open '%s': %s", root, strerror(errno));
	if ((dfd = open_dir(rootfd, rel, dir_len(rel), false)) < 0) {
		/* its folder is gone already, and the file with it (or a file
		 * stands where it was: a path that was a folder is a file now) */
		rc = errno == ENOENT || errno == ENOTDIR ? 0 : fail("remove", root, rel, errno);
	} else if (remove_at(dfd, base_name(rel), 0) < 0) {
		rc = fail("remove", root, rel, errno);
	}
	close_both(rootfd, dfd);
	if (rc == 0)
		folio_beneath_prune(root, rel);
	return rc;
}

void folio_beneath_remove_temps(const char *root, const char *rel)
{
	int rootfd, dfd;
	if (open_parent(&rootfd, &dfd, root, rel, false, "clean") < 0)
		return;
	char *prefix = folio_xasprintf("%s.tmp-folio-", base_name(rel));
	int fd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	if (!d && fd >= 0)
		close(fd);
	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			remove_at(dfd, e->d_name, 0);
	if (d)
		closedir(d);
	free(prefix);
	close_both(rootfd, dfd);
}

int folio_beneath_rm_tree(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	char *copy = folio_xstrndup(path, n);
	char *slash = strrchr(copy, '/');
	const char *name = slash ? slash + 1 : copy;
	int dfd, rc = 0;

	if (slash == copy)
		dfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	else if (slash) {
		*slash = '\0';
		dfd = open(copy, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else {
		dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (dfd < 0) {
		rc = errno == ENOENT ? 0 : folio_error_set("cannot remove '%s': %s", path, strerror(errno));
	} else {
		if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
			rc = folio_error_set("cannot remove '%s': not a folder name", path);
		else if (remove_at(dfd, name, 0) < 0)
			rc = folio_error_set("cannot remove '%s': %s", path, strerror(errno));
		close(dfd);
	}
	free(copy);
	return rc;
}
