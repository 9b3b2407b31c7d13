#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "beneath.h"
#include "fdwrite.h"
#include "folio/common.h"
#include "banned.h"

static char *parent_dir(const char *path);

/* Deepest first: a new file's folder usually lacks only its last part, so
 * this costs one mkdir, not one per component. */
int folio_fs_mkdir_p(const char *dir)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return folio_error_set("cannot create directory '%s': %s", dir, strerror(errno));
	char *parent = parent_dir(dir); /* "/" and "." are their own parents: stop there */
	int rc = strcmp(parent, dir) ? folio_fs_mkdir_p(parent)
	                             : folio_error_set("cannot create directory '%s': %s", dir, strerror(ENOENT));
	free(parent);
	if (rc < 0)
		return rc;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return folio_error_set("cannot create directory '%s': %s", dir, strerror(errno));
	return 0;
}

static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return folio_xstrdup(".");
	if (slash == path)
		return folio_xstrdup("/");
	return folio_xstrndup(path, (size_t)(slash - path));
}

int folio_fs_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return folio_error_set("cannot open directory '%s': %s", dir, strerror(errno));
	int rc = fsync(fd) < 0 && errno != EINVAL
		? folio_error_set("cannot fsync '%s': %s", dir, strerror(errno)) : 0;
	close(fd);
	return rc;
}

static int write_all(int fd, const char *name, const char *p, size_t len)
{
	if (folio_write_all(fd, p, len) < 0)
		return folio_error_set("cannot write '%s': %s", name, strerror(errno));
	return 0;
}

int folio_fs_write_new(const char *path, const void *data, size_t len)
{
	folio_plain_bytes b = { data, len };
	return folio_fs_write_new_with(path, folio_write_plain, &b);
}

int folio_fs_write_new_with(const char *path, folio_fs_fill fill, void *payload)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) { /* its folder first, once: most files have a folder of their own */
		char *dir = parent_dir(path);
		int rc = folio_fs_mkdir_p(dir);
		free(dir);
		if (rc < 0)
			return rc;
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (fd < 0)
		return folio_error_set("cannot create '%s': %s", path, strerror(errno));
	int rc = fill(fd, payload) < 0 ? folio_error_set("cannot write '%s': %s", path, strerror(errno)) : 0;
	if (close(fd) < 0 && rc == 0)
		rc = folio_error_set("cannot close '%s': %s", path, strerror(errno));
	return rc;
}

int folio_fs_write_temp(char **tmp_out, const char *path, const void *data, size_t len, bool durable)
{
	char *dir = parent_dir(path);
	char *tmp = folio_xasprintf("%s.tmp-folio-%ld", path, (long)getpid());
	int fd = -1, rc = FOLIO_ERROR;
	const char *p = data;

	*tmp_out = NULL;
	if (folio_fs_mkdir_p(dir) < 0)
		goto done;
	/* a link planted at the temporary name is not followed: ELOOP */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		folio_error_set("cannot create '%s': %s", tmp, strerror(errno));
		goto done;
	}
	if (write_all(fd, tmp, p, len) < 0)
		goto done;
	if (durable && fsync(fd) < 0) {
		folio_error_set("cannot fsync '%s': %s", tmp, strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		folio_error_set("cannot close '%s': %s", tmp, strerror(errno));
		goto done;
	}
	fd = -1;
	*tmp_out = tmp;
	tmp = NULL;
	rc = 0;
done:
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp); /* a full disk leaves no half-written file behind */
	free(tmp);
	free(dir);
	return rc;
}

int folio_fs_rename_temp(const char *tmp, const char *path)
{
	if (rename(tmp, path) == 0)
		return 0;
	int rc = folio_error_set("cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
	unlink(tmp);
	return rc;
}

int folio_fs_write_atomic(const char *path, const void *data, size_t len, bool durable)
{
	char *tmp = NULL, *dir = NULL;
	int rc = folio_fs_write_temp(&tmp, path, data, len, durable);
	if (rc == 0)
		rc = folio_fs_rename_temp(tmp, path);
	if (rc == 0 && durable) {
		dir = parent_dir(path);
		rc = folio_fs_fsync_dir(dir);
	}
	free(tmp);
	free(dir);
	return rc;
}

int folio_fs_read(folio_buf *out, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			folio_error_set("'%s' does not exist", path);
			return FOLIO_ENOTFOUND;
		}
		return folio_error_set("cannot open '%s': %s", path, strerror(errno));
	}
	for (;;) {
		folio_buf_grow(out, 65536);
		ssize_t n = read(fd, out->ptr + out->size, out->asize - out->size - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return folio_error_set("cannot read '%s': %s", path, strerror(errno));
		}
		if (n == 0)
			break;
		out->size += (size_t)n;
		out->ptr[out->size] = '\0';
	}
	close(fd);
	return 0;
}

/* By descriptors, without following a link inside the tree (beneath.c). */
int folio_fs_rm_rf(const char *path)
{
	return folio_beneath_rm_tree(path);
}

bool folio_fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

bool folio_fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int folio_fs_lock(const char *path, int *fd_out, char *holder, size_t holder_size)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	*fd_out = -1;
	holder[0] = '\0';
	if (fd < 0)
		return folio_error_set("cannot open lock '%s': %s", path, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		ssize_t n = pread(fd, holder, holder_size - 1, 0);
		holder[n > 0 ? n : 0] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
		close(fd);
		return FOLIO_EEXISTS;
	}
	char pid[32];
	int len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)len, 0) < 0) {
		int rc = folio_error_set("cannot write lock '%s': %s", path, strerror(errno));
		close(fd);
		return rc;
	}
	*fd_out = fd;
	return 0;
}

char *folio_fs_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	if (!la)
		return folio_xstrdup(b);
	if (a[la - 1] == '/')
		return folio_xasprintf("%s%s", a, b);
	return folio_xasprintf("%s/%s", a, b);
}

void folio_fs_remove_temps(const char *path)
{
	char *dir = parent_dir(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *prefix = folio_xasprintf("%s.tmp-folio-", base);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		char *victim = folio_fs_join(dir, e->d_name);
		folio_fs_rm_rf(victim); /* a file, or a whole temporary output tree */
		free(victim);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

/* ---- paths given by users (added for issue 11; kept at the end of the file) ---- */

char *folio_fs_normalize(const char *path)
{
	bool absolute = path[0] == '/';
	size_t len = strlen(path);
	char *out = folio_xmalloc(len + 2);
	size_t *starts = folio_xmalloc((len / 2 + 2) * sizeof(*starts)); /* where each kept component begins */
	size_t n = 0, depth = 0, ups = 0; /* ups: leading ".." kept at the bottom of the stack */

	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t clen = strcspn(p, "/");
		if (!clen)
			break;
		bool dot = clen == 1 && p[0] == '.', dotdot = clen == 2 && p[0] == '.' && p[1] == '.';
		if (dotdot && depth > ups) {
			n = starts[--depth]; /* "x/..": x goes */
		} else if (!dot && !(dotdot && absolute)) { /* "/.." is "/" */
			starts[depth++] = n;
			if (n || absolute)
				out[n++] = '/';
			memcpy(out + n, p, clen);
			n += clen;
			ups += dotdot;
		}
		p += clen;
	}
	if (!n)
		out[n++] = absolute ? '/' : '.';
	out[n] = '\0';
	free(starts);
	return out;
}
