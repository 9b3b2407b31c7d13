/*
 * Sources: a commit read from a repository's object database, or a plain
 * directory, behind one interface (see folio/source.h).
 *
 * Invariants:
 * - A git source holds a reference on a shared_repo (refcounted, not
 *   atomically: sources sharing a repository stay on one thread), its
 *   commit and the commit's tree; blobs are read from the odb directly.
 * - A listing, once built, is sorted by full path with strcmp (unsigned
 *   bytes); its paths live in one arena (no allocation per entry). An id
 *   of a directory entry is valid once `hashed` is set.
 * - A listing holds only paths folio_path_check accepts, none of them both
 *   a file and a folder: the others are kept apart, with the reason, for
 *   folio_source_foreach_refused (a tree/path finding), and no foreach
 *   ever gives them, so nothing downstream joins them to an output folder.
 * - Nothing follows a symbolic link: a directory source opens every
 *   directory component with O_NOFOLLOW starting from a descriptor of the
 *   root, and lists links as FOLIO_ENTRY_SYMLINK.
 * - libgit2 is initialised once per process and never shut down, so that
 *   no exit handler races with other threads still using it.
 */
#include "folio/source.h"

#include "folio/path.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/hashsig.h>

#include "util/alloc.h"
#include "util/assert.h"
#include "util/search.h"
#include "util/banned.h"

/* Deeper trees are refused rather than risking the stack. */
#define MAX_DEPTH 256
/* A scratch buffer above this size is released after use. */
#define SCRATCH_KEEP (4u << 20)

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
	bool built;
} listing;

struct folio_source {
	shared_repo *repo; /* NULL for a directory */
	git_commit *commit;
	git_tree *tree;
	char commit_id[GIT_OID_HEXSZ + 1];
	long long commit_time;
	char *dir; /* directory sources: the root as given, and a descriptor */
	int dir_fd;
	listing list;
	folio_buf scratch; /* file bytes while hashing */
	int parent_fd;     /* last directory hashed in, named by `parent` */
	folio_buf parent;
};

static pthread_once_t libgit2_once = PTHREAD_ONCE_INIT;
static int libgit2_rc;

static void libgit2_init_once(void)
{
	libgit2_rc = git_libgit2_init();
	/* libgit2 caches no tree over 4 KiB by default: every path lookup would
	 * inflate a collection's tree again, quadratic in the site's size. */
	if (libgit2_rc >= 0)
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, (int)GIT_OBJECT_TREE, (size_t)64 << 20);
	/* Re-hashing every object read doubled the cost of reading a tree; the
	 * repository is the server's own (git checks what it receives), and git
	 * itself does not re-hash on reads either. */
	if (libgit2_rc >= 0)
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown error";
}

static int ensure_libgit2(void)
{
	pthread_once(&libgit2_once, libgit2_init_once);
	if (libgit2_rc < 0)
		return folio_error_set("cannot initialise libgit2: %s", git_msg());
	return 0;
}

static folio_entry_type type_of_mode(git_filemode_t mode)
{
	switch (mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return FOLIO_ENTRY_FILE;
	case GIT_FILEMODE_LINK:
		return FOLIO_ENTRY_SYMLINK;
	default:
		return FOLIO_ENTRY_OTHER;
	}
}

/* ---- repositories and opening ---- */

static int repo_open(shared_repo **out, const char *path)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL;

	*out = NULL;
	if (git_repository_open_ext(&repo, path, 0, NULL) < 0)
		return folio_error_set("cannot open repository '%s': %s", path, git_msg());
	if (git_repository_odb(&odb, repo) < 0) {
		folio_error_set("cannot open repository '%s': %s", path, git_msg());
		git_repository_free(repo);
		return FOLIO_ERROR;
	}
	shared_repo *r = folio_xcalloc(1, sizeof(*r));
	r->repo = repo;
	r->odb = odb;
	r->path = folio_xstrdup(path);
	r->refs = 1;
	*out = r;
	return 0;
}

static void repo_unref(shared_repo *r)
{
	if (!r || --r->refs)
		return;
	git_odb_free(r->odb);
	git_repository_free(r->repo);
	free(r->path);
	free(r);
}

static folio_source *source_new(void)
{
	folio_source *src = folio_xcalloc(1, sizeof(*src));
	src->dir_fd = -1;
	src->parent_fd = -1;
	folio_buf_init(&src->parent);
	folio_buf_init(&src->list.names);
	folio_buf_init(&src->scratch);
	return src;
}

/* Resolve rev to a commit of repo; the new source takes a reference. */
static int open_commit(folio_source **out, shared_repo *repo, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	git_tree *tree = NULL;
	int err = git_revparse_single(&obj, repo->repo, rev);

	if (!err)
		err = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (err < 0) {
		folio_error_set("'%s' is not a commit in '%s': %s", rev, repo->path, git_msg());
		return err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH ? FOLIO_ENOTFOUND : FOLIO_ERROR;
	}
	git_commit *commit = (git_commit *)peeled;
	if (git_commit_tree(&tree, commit) < 0) {
		folio_error_set("cannot read the tree of '%s' in '%s': %s", rev, repo->path, git_msg());
		git_commit_free(commit);
		return FOLIO_ERROR;
	}
	folio_source *src = source_new();
	src->repo = repo;
	repo->refs++;
	src->commit = commit;
	src->tree = tree;
	git_oid_tostr(src->commit_id, sizeof(src->commit_id), git_commit_id(commit));
	src->commit_time = (long long)git_commit_time(commit);
	*out = src;
	return 0;
}

int folio_source_open_git(folio_source **out, const char *repo_path, const char *rev)
{
	shared_repo *repo = NULL;
	int rc;

	FOLIO_ASSERT(out && repo_path && rev);
	*out = NULL;
	if (ensure_libgit2() < 0 || repo_open(&repo, repo_path) < 0)
		return FOLIO_ERROR;
	rc = open_commit(out, repo, rev);
	repo_unref(repo);
	return rc;
}

int folio_source_open_rev(folio_source **out, folio_source *base, const char *rev)
{
	FOLIO_ASSERT(out && base && rev);
	*out = NULL;
	if (!base->repo) {
		folio_error_set("cannot open '%s' in '%s': not a git source", rev, base->dir);
		return FOLIO_EINVALID;
	}
	return open_commit(out, base->repo, rev);
}

int folio_source_open_dir(folio_source **out, const char *dir)
{
	FOLIO_ASSERT(out && dir);
	*out = NULL;
	/* git_odb_hash needs the library's hash backend. */
	if (ensure_libgit2() < 0)
		return FOLIO_ERROR;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return folio_error_set("cannot open directory '%s': %s", dir, strerror(errno));
	folio_source *src = source_new();
	src->dir = folio_xstrdup(dir);
	src->dir_fd = fd;
	*out = src;
	return 0;
}

void folio_source_free(folio_source *src)
{
	if (!src)
		return;
	git_tree_free(src->tree);
	git_commit_free(src->commit);
	repo_unref(src->repo);
	if (src->dir_fd >= 0)
		close(src->dir_fd);
	if (src->parent_fd >= 0)
		close(src->parent_fd);
	folio_buf_dispose(&src->parent);
	free(src->dir);
	free(src->list.items);
	free(src->list.refused);
	folio_buf_dispose(&src->list.names);
	folio_buf_dispose(&src->scratch);
	free(src);
}

const char *folio_source_commit(const folio_source *src)
{
	return src->repo ? src->commit_id : NULL;
}

long long folio_source_commit_time(const folio_source *src)
{
	return src->repo ? src->commit_time : 0;
}

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
		return folio_error_set("cannot read object %s in '%s': %s", hex, src->repo->path, git_msg());
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
		return folio_error_set("cannot look up '%s' in '%s': %s", path, src->repo->path, git_msg());
	int rc = git_tree_entry_type(te) == GIT_OBJECT_BLOB
		? odb_read_blob(out, src, git_tree_entry_id(te), FOLIO_ERROR)
		: not_found(src, path);
	git_tree_entry_free(te);
	return rc;
}

static int dir_fail(const folio_source *src, const char *path, const char *what)
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
				: dir_fail(src, path, "read link");
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
			return dir_fail(src, path, "read");
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
static int read_leaf(folio_buf *out, const folio_source *src, int dfd, const char *name,
                     const char *path, int type)
{
	struct stat st;

	if (type < 0) {
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG
				? not_found(src, path) : dir_fail(src, path, "stat");
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
			: dir_fail(src, path, "open");
	int rc;
	if (fstat(fd, &st) < 0)
		rc = dir_fail(src, path, "stat");
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
static int open_parent(int *out, const folio_source *src, const char *path, size_t dirlen)
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
				? not_found(src, path) : dir_fail(src, path, "open");
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

static size_t dir_part(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path) : 0;
}

static int dir_read(folio_buf *out, const folio_source *src, const char *path)
{
	size_t dirlen = dir_part(path);
	int fd, rc = open_parent(&fd, src, path, dirlen);

	if (rc < 0)
		return rc;
	rc = read_leaf(out, src, fd >= 0 ? fd : src->dir_fd, path + dirlen + !!dirlen, path, -1);
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
		return folio_error_set("cannot read object %s in '%s': %s", id, src->repo->path, git_msg());
	*out = size;
	return 0;
}

/* ---- listing ---- */

static void listing_add(listing *l, const folio_buf *path, const git_oid *id,
                        folio_entry_type type, size_t size, bool hashed)
{
	FOLIO_ARRAY_GROW(l->items, l->count, l->alloc, l->count + 1);
	item *it = &l->items[l->count++];
	it->path = NULL;
	it->off = l->names.size;
	it->id = *id;
	it->size = size;
	it->type = type;
	it->hashed = hashed;
	folio_buf_put(&l->names, path->ptr, path->size + 1);
}

/* Keep path (its last name just appended) out of the listing, and why. */
static void listing_refuse(listing *l, const folio_buf *path, const char *why)
{
	FOLIO_ARRAY_GROW(l->refused, l->nrefused, l->arefused, l->nrefused + 1);
	l->refused[l->nrefused].off = l->names.size;
	l->refused[l->nrefused].why = why;
	l->nrefused++;
	folio_buf_put(&l->names, path->ptr, path->size + 1);
}

/* Append name to path (which ends in "/" or is empty); NULL when the entry
 * may be listed, else why not, the entry then being refused. */
static const char *path_push(listing *l, folio_buf *path, const char *name)
{
	size_t len = strlen(name);
	const char *why = folio_path_check_name(name, len);

	folio_buf_puts(path, name);
	if (!why && path->size > FOLIO_PATH_MAX)
		why = folio_path_check(path->ptr, path->size); /* its message for the length */
	if (why)
		listing_refuse(l, path, why);
	return why;
}

static int item_cmp(const void *a, const void *b)
{
	return strcmp(((const item *)a)->path, ((const item *)b)->path);
}

/* Whether the listing (sorted) holds exactly path, len bytes. */
static bool listing_has(const listing *l, const char *path, size_t len)
{
	folio_text key = { path, len };
	return folio_search(l->items, l->count, sizeof(*l->items), &key, folio_search_cmp_text);
}

/*
 * A git tree may hold two entries of one name (git mktree writes them;
 * only fsck objects): "a" twice, or "a" a file and "a/" a folder. No
 * output folder can hold both, so a writer would fail on every attempt;
 * refuse them now instead. Only git sources can have them: a file system
 * cannot.
 */
static void drop_clashes(listing *l)
{
	size_t kept = 0;
	bool *bad = l->count ? folio_xcalloc(l->count, sizeof(*bad)) : NULL;

	for (size_t i = 0; i < l->count; i++) {
		const char *p = l->items[i].path;
		if (i && !strcmp(l->items[i - 1].path, p))
			bad[i - 1] = bad[i] = true;
		for (const char *s = strchr(p, '/'); s && !bad[i]; s = strchr(s + 1, '/'))
			if (listing_has(l, p, (size_t)(s - p)))
				bad[i] = true;
	}
	for (size_t i = 0; i < l->count; i++) {
		if (!bad[i]) {
			l->items[kept++] = l->items[i];
			continue;
		}
		FOLIO_ARRAY_GROW(l->refused, l->nrefused, l->arefused, l->nrefused + 1);
		l->refused[l->nrefused].off = l->items[i].off;
		l->refused[l->nrefused].why = "two entries of this tree have one name, or a file "
		                              "has the name of a folder";
		l->nrefused++;
	}
	l->count = kept;
	free(bad);
}

/* Point paths into the final arena; sort unless already in order (a git
 * tree walk is, for well-formed trees: a tree sorts as "name/"). */
static void listing_finish(listing *l)
{
	bool sorted = true;

	for (size_t i = 0; i < l->count; i++) {
		l->items[i].path = l->names.ptr + l->items[i].off;
		if (i && strcmp(l->items[i - 1].path, l->items[i].path) > 0)
			sorted = false;
	}
	if (!sorted)
		qsort(l->items, l->count, sizeof(*l->items), item_cmp);
	drop_clashes(l);
	l->built = true;
}

static int list_tree(folio_source *src, listing *l, git_tree *tree, folio_buf *path, int depth)
{
	size_t base = path->size, n = git_tree_entrycount(tree);

	if (depth > MAX_DEPTH)
		return folio_error_set("tree too deep at '%s' in '%s'", path->ptr, src->repo->path);
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(tree, i);
		folio_buf_truncate(path, base);
		if (path_push(l, path, git_tree_entry_name(te)))
			continue; /* a refused folder is not entered: its name is the finding */
		if (git_tree_entry_type(te) != GIT_OBJECT_TREE) {
			listing_add(l, path, git_tree_entry_id(te),
			            type_of_mode(git_tree_entry_filemode(te)), 0, true);
			continue;
		}
		git_tree *sub = NULL;
		if (git_tree_lookup(&sub, src->repo->repo, git_tree_entry_id(te)) < 0)
			return folio_error_set("cannot read tree '%s' in '%s': %s", path->ptr,
			                       src->repo->path, git_msg());
		folio_buf_putc(path, '/');
		int rc = list_tree(src, l, sub, path, depth + 1);
		git_tree_free(sub);
		if (rc < 0)
			return rc;
	}
	folio_buf_truncate(path, base);
	return 0;
}

static void add_dir_entry(folio_source *src, const folio_buf *path, mode_t mode)
{
	static const git_oid zero;
	folio_entry_type type = S_ISREG(mode) ? FOLIO_ENTRY_FILE
		: S_ISLNK(mode) ? FOLIO_ENTRY_SYMLINK : FOLIO_ENTRY_OTHER;

	/* Devices, FIFOs, sockets: no bytes to hash; their id stays zero. The
	 * size of the others is set when they are hashed. */
	listing_add(&src->list, path, &zero, type, 0, type == FOLIO_ENTRY_OTHER);
}

/* The file type (S_IFMT bits) of a directory entry, from d_type when the
 * file system gives it (saving one lstat per entry). 1: it vanished. */
static int entry_mode(mode_t *out, const folio_source *src, DIR *d, const struct dirent *de,
                      const char *path)
{
	struct stat st;

	switch (de->d_type) {
	case DT_REG: *out = S_IFREG; return 0;
	case DT_LNK: *out = S_IFLNK; return 0;
	case DT_DIR: *out = S_IFDIR; return 0;
	case DT_UNKNOWN: break;
	default: *out = S_IFIFO; return 0; /* anything else: not a file */
	}
	if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 1 : dir_fail(src, path, "stat");
	*out = st.st_mode & S_IFMT;
	return 0;
}

/* List the directory fd (which this function closes) under path. */
static int list_dir(folio_source *src, int fd, folio_buf *path, int depth)
{
	size_t base = path->size;
	int rc = 0;
	DIR *d = fdopendir(fd);

	if (!d) {
		rc = dir_fail(src, path->ptr, "read directory");
		close(fd);
		return rc;
	}
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno)
				rc = dir_fail(src, path->ptr, "read directory");
			break;
		}
		const char *name = de->d_name;
		/* ".git" exactly: a worktree's own repository, not content. */
		if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, ".git"))
			continue;
		folio_buf_truncate(path, base);
		if (path_push(&src->list, path, name))
			continue;
		mode_t mode = 0;
		if ((rc = entry_mode(&mode, src, d, de, path->ptr)) < 0)
			break;
		if (rc > 0) { /* removed while we list */
			rc = 0;
			continue;
		}
		if (!S_ISDIR(mode)) {
			add_dir_entry(src, path, mode);
			continue;
		}
		if (depth >= MAX_DEPTH) {
			rc = folio_error_set("directory too deep at '%s/%s'", src->dir, path->ptr);
			break;
		}
		int sub = openat(dirfd(d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) {
			rc = dir_fail(src, path->ptr, "open directory");
			break;
		}
		folio_buf_putc(path, '/');
		if ((rc = list_dir(src, sub, path, depth + 1)) < 0)
			break;
	}
	closedir(d);
	folio_buf_truncate(path, base);
	return rc;
}

static int ensure_listing(folio_source *src)
{
	folio_buf path = FOLIO_BUF_INIT;
	int rc;

	if (src->list.built)
		return 0;
	src->list.count = 0;
	src->list.nrefused = 0;
	folio_buf_clear(&src->list.names);
	if (src->repo) {
		rc = list_tree(src, &src->list, src->tree, &path, 0);
	} else {
		/* list_dir closes what it is given: hand it a duplicate of the root. */
		int fd = openat(src->dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		rc = fd < 0 ? folio_error_set("cannot open directory '%s': %s", src->dir, strerror(errno))
			: list_dir(src, fd, &path, 0);
	}
	folio_buf_dispose(&path);
	if (rc < 0)
		return rc;
	listing_finish(&src->list);
	return 0;
}

/*
 * Compute the git blob id of a directory entry from its bytes. Entries come
 * in path order, so the descriptor of the last parent directory is kept.
 */
static int hash_item(folio_source *src, item *it)
{
	size_t dirlen = dir_part(it->path);
	int rc;

	if (src->parent_fd < 0 || dirlen != src->parent.size ||
	    memcmp(it->path, src->parent.ptr, dirlen)) {
		int fd;
		if ((rc = open_parent(&fd, src, it->path, dirlen)) < 0)
			return rc;
		if (src->parent_fd >= 0)
			close(src->parent_fd);
		/* The root needs a descriptor of its own: parent_fd is closed later. */
		src->parent_fd = fd >= 0 ? fd : fcntl(src->dir_fd, F_DUPFD_CLOEXEC, 0);
		if (src->parent_fd < 0)
			return folio_error_set("cannot open directory '%s': %s", src->dir, strerror(errno));
		folio_buf_clear(&src->parent);
		folio_buf_put(&src->parent, it->path, dirlen);
	}
	folio_buf_clear(&src->scratch);
	rc = read_leaf(&src->scratch, src, src->parent_fd, it->path + dirlen + !!dirlen, it->path,
	               (int)it->type);
	if (rc < 0)
		return rc;
	if (git_odb_hash(&it->id, src->scratch.ptr, src->scratch.size, GIT_OBJECT_BLOB) < 0)
		rc = folio_error_set("cannot hash '%s/%s': %s", src->dir, it->path, git_msg());
	else {
		it->hashed = true;
		it->size = src->scratch.size;
	}
	if (src->scratch.asize > SCRATCH_KEEP)
		folio_buf_dispose(&src->scratch);
	return rc;
}

/* [*lo, *hi): the items under the directory prefix. */
static void prefix_range(const listing *l, const char *prefix, size_t *lo, size_t *hi)
{
	size_t n = strlen(prefix);

	while (n && prefix[n - 1] == '/')
		n--;
	*lo = 0;
	*hi = l->count;
	if (!n)
		return;
	/* Under "p" means from "p/" (included) to "p0" (excluded): '0' follows '/'. */
	char *key = folio_xasprintf("%.*s/", (int)n, prefix);
	for (int bound = 0; bound < 2; bound++) {
		key[n] = bound ? '0' : '/';
		*(bound ? hi : lo) = folio_lower_bound(l->items, l->count, sizeof(*l->items), key,
		                                       folio_search_cmp_str);
	}
	free(key);
}

/* A git source's folder ("templates/") listed alone, before or without the
 * whole tree: loading the templates of a site need not read its pages. */
static int list_folder(listing *l, folio_source *src, const char *prefix)
{
	char *dir = folio_xstrndup(prefix, strlen(prefix) - 1);
	git_tree_entry *te = NULL;
	git_tree *sub = NULL;
	folio_buf path = FOLIO_BUF_INIT;
	int rc = 0, depth = 1;
	for (const char *c = dir; *c; c++)
		depth += *c == '/';
	if (git_tree_entry_bypath(&te, src->tree, dir) == 0 && git_tree_entry_type(te) == GIT_OBJECT_TREE) {
		if (git_tree_lookup(&sub, src->repo->repo, git_tree_entry_id(te)) < 0)
			rc = folio_error_set("cannot read tree '%s' in '%s': %s", dir, src->repo->path, git_msg());
		else
			folio_buf_puts(&path, prefix);
		if (rc == 0)
			rc = list_tree(src, l, sub, &path, depth);
	}
	listing_finish(l);
	git_tree_free(sub);
	git_tree_entry_free(te);
	folio_buf_dispose(&path);
	free(dir);
	return rc;
}

int folio_source_foreach(folio_source *src, const char *prefix,
                         int (*cb)(const folio_entry *entry, void *payload), void *payload)
{
	size_t lo, hi;
	char hex[GIT_OID_HEXSZ + 1];
	listing folder = { NULL, 0, 0, FOLIO_BUF_INIT, NULL, 0, 0, false };
	listing *l = &src->list;
	int rc = 0;

	FOLIO_ASSERT(src && prefix && cb);
	size_t plen = strlen(prefix);
	if (src->repo && !src->list.built && plen > 1 && prefix[plen - 1] == '/') {
		l = &folder;
		rc = list_folder(l, src, prefix);
	} else if (ensure_listing(src) < 0) {
		return FOLIO_ERROR;
	}
	prefix_range(l, prefix, &lo, &hi);
	for (size_t i = lo; rc == 0 && i < hi; i++) {
		item *it = &l->items[i];
		if (!it->hashed && hash_item(src, it) < 0)
			return FOLIO_ERROR;
		git_oid_tostr(hex, sizeof(hex), &it->id);
		folio_entry e = { it->path, hex, it->type, it->size };
		rc = cb(&e, payload);
	}
	free(folder.items);
	free(folder.refused);
	folio_buf_dispose(&folder.names);
	return rc;
}

int folio_source_foreach_refused(folio_source *src,
                                 int (*cb)(const char *path, const char *why, void *payload),
                                 void *payload)
{
	int rc = 0;

	FOLIO_ASSERT(src && cb);
	if (ensure_listing(src) < 0)
		return FOLIO_ERROR;
	for (size_t i = 0; rc == 0 && i < src->list.nrefused; i++)
		rc = cb(src->list.names.ptr + src->list.refused[i].off, src->list.refused[i].why,
		        payload);
	return rc;
}

/* ---- diff ---- */

#define NO_PATH SIZE_MAX

typedef struct {
	folio_change_status status;
	size_t old_off, new_off; /* into the names arena; NO_PATH when absent */
	const char *old_path, *new_path;
	git_oid old_id, new_id;
	folio_entry_type old_type, new_type;
} change;

typedef struct {
	change *items;
	size_t count, alloc;
	folio_buf names;
	folio_source *from, *to;
} changes;

/* One side of a change: a path that exists in one of the sources. */
typedef struct {
	const char *path;
	size_t len;
	const git_oid *id;
	folio_entry_type type;
} side;

static size_t put_name(changes *cs, const side *s)
{
	if (!s)
		return NO_PATH;
	size_t off = cs->names.size;
	folio_buf_put(&cs->names, s->path, s->len);
	folio_buf_putc(&cs->names, '\0');
	return off;
}

static void change_add(changes *cs, folio_change_status status, const side *o, const side *n)
{
	FOLIO_ARRAY_GROW(cs->items, cs->count, cs->alloc, cs->count + 1);
	change *c = &cs->items[cs->count++];
	memset(c, 0, sizeof(*c));
	c->status = status;
	c->old_off = put_name(cs, o);
	c->new_off = put_name(cs, n);
	if (o) {
		c->old_id = *o->id;
		c->old_type = o->type;
	}
	if (n) {
		c->new_id = *n->id;
		c->new_type = n->type;
	}
}

/* Record the difference between two same-path non-tree sides (either NULL). */
static void compare_sides(changes *cs, const side *o, const side *n)
{
	if (o && n) {
		if (!git_oid_equal(o->id, n->id) || o->type != n->type)
			change_add(cs, FOLIO_CHANGE_MODIFIED, o, n);
	} else if (o) {
		change_add(cs, FOLIO_CHANGE_DELETED, o, NULL);
	} else if (n) {
		change_add(cs, FOLIO_CHANGE_ADDED, NULL, n);
	}
}

static bool entry_is_tree(const git_tree_entry *te)
{
	return git_tree_entry_type(te) == GIT_OBJECT_TREE;
}

/* Git tree order: a tree compares as if its name ended with '/'. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);

	if (c)
		return c;
	unsigned ca = la > n ? (unsigned char)na[n] : entry_is_tree(a) ? '/' : 0;
	unsigned cb = lb > n ? (unsigned char)nb[n] : entry_is_tree(b) ? '/' : 0;
	return (int)ca - (int)cb;
}

static int diff_trees(changes *cs, git_tree *a, git_tree *b, folio_buf *path, int depth);

static int lookup_subtree(git_tree **out, folio_source *src, const git_tree_entry *te,
                          const folio_buf *path)
{
	*out = NULL;
	if (!te)
		return 0;
	if (git_tree_lookup(out, src->repo->repo, git_tree_entry_id(te)) < 0)
		return folio_error_set("cannot read tree '%s' in '%s': %s", path->ptr,
		                       src->repo->path, git_msg());
	return 0;
}

/* Two entries of the same name (either NULL, not both), path holding it. */
static int diff_entries(changes *cs, const git_tree_entry *ea, const git_tree_entry *eb,
                        folio_buf *path, int depth)
{
	if ((ea && entry_is_tree(ea)) || (eb && entry_is_tree(eb))) {
		git_tree *ta = NULL, *tb = NULL;
		int rc = lookup_subtree(&ta, cs->from, ea, path);
		if (!rc)
			rc = lookup_subtree(&tb, cs->to, eb, path);
		folio_buf_putc(path, '/');
		if (!rc)
			rc = diff_trees(cs, ta, tb, path, depth + 1);
		git_tree_free(ta);
		git_tree_free(tb);
		return rc;
	}
	side o = { 0 }, n = { 0 };
	if (ea)
		o = (side){ path->ptr, path->size, git_tree_entry_id(ea),
		            type_of_mode(git_tree_entry_filemode(ea)) };
	if (eb)
		n = (side){ path->ptr, path->size, git_tree_entry_id(eb),
		            type_of_mode(git_tree_entry_filemode(eb)) };
	compare_sides(cs, ea ? &o : NULL, eb ? &n : NULL);
	return 0;
}

/* Merge two sorted trees (either NULL); equal subtrees are skipped unread. */
static int diff_trees(changes *cs, git_tree *a, git_tree *b, folio_buf *path, int depth)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0, base = path->size;
	int rc = 0;

	if (depth > MAX_DEPTH)
		return folio_error_set("tree too deep at '%s'", path->ptr);
	while (!rc && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
		if (cmp < 0)
			eb = NULL;
		else if (cmp > 0)
			ea = NULL;
		i += ea != NULL;
		j += eb != NULL;
		if (ea && eb && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
		    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
			continue;
		folio_buf_truncate(path, base);
		folio_buf_puts(path, git_tree_entry_name(ea ? ea : eb));
		rc = diff_entries(cs, ea, eb, path, depth);
	}
	folio_buf_truncate(path, base);
	return rc;
}

static int hash_all(folio_source *src)
{
	if (ensure_listing(src) < 0)
		return FOLIO_ERROR;
	for (size_t i = 0; i < src->list.count; i++)
		if (!src->list.items[i].hashed && hash_item(src, &src->list.items[i]) < 0)
			return FOLIO_ERROR;
	return 0;
}

static side item_side(const item *it)
{
	return (side){ it->path, strlen(it->path), &it->id, it->type };
}

/* Merge the two sorted listings by path. */
static int diff_listings(changes *cs)
{
	static const listing empty;
	const listing *a = cs->from ? &cs->from->list : &empty;
	const listing *b = cs->to ? &cs->to->list : &empty;
	size_t i = 0, j = 0;

	if ((cs->from && hash_all(cs->from) < 0) || (cs->to && hash_all(cs->to) < 0))
		return FOLIO_ERROR;
	while (i < a->count || j < b->count) {
		int cmp = i == a->count ? 1 : j == b->count ? -1
			: strcmp(a->items[i].path, b->items[j].path);
		side o = cmp <= 0 ? item_side(&a->items[i]) : (side){ 0 };
		side n = cmp >= 0 ? item_side(&b->items[j]) : (side){ 0 };
		compare_sides(cs, cmp <= 0 ? &o : NULL, cmp >= 0 ? &n : NULL);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	return 0;
}

static const char *change_key(const change *c)
{
	return c->new_path ? c->new_path : c->old_path;
}

static int change_cmp(const void *a, const void *b)
{
	return strcmp(change_key(a), change_key(b));
}

static int emit_changes(changes *cs, int (*cb)(const folio_change *change, void *payload),
                        void *payload)
{
	char old_hex[GIT_OID_HEXSZ + 1], new_hex[GIT_OID_HEXSZ + 1];

	if (cs->count)
		qsort(cs->items, cs->count, sizeof(*cs->items), change_cmp);
	for (size_t i = 0; i < cs->count; i++) {
		const change *c = &cs->items[i];
		git_oid_tostr(old_hex, sizeof(old_hex), &c->old_id);
		git_oid_tostr(new_hex, sizeof(new_hex), &c->new_id);
		folio_change fc = {
			.status = c->status,
			.old_path = c->old_path,
			.new_path = c->new_path,
			.old_id = c->old_path ? old_hex : NULL,
			.new_id = c->new_path ? new_hex : NULL,
			.old_type = c->old_type,
			.new_type = c->new_type,
		};
		int rc = cb(&fc, payload);
		if (rc)
			return rc;
	}
	return 0;
}

int folio_source_diff(folio_source *from, folio_source *to,
                      int (*cb)(const folio_change *change, void *payload), void *payload)
{
	changes cs = { .names = FOLIO_BUF_INIT, .from = from, .to = to };
	folio_buf path = FOLIO_BUF_INIT;
	int rc;

	FOLIO_ASSERT(cb);
	if ((!from || from->repo) && (!to || to->repo))
		rc = diff_trees(&cs, from ? from->tree : NULL, to ? to->tree : NULL, &path, 0);
	else
		rc = diff_listings(&cs);
	/* The arena is final now: resolve offsets to paths. */
	for (size_t i = 0; !rc && i < cs.count; i++) {
		change *c = &cs.items[i];
		c->old_path = c->old_off == NO_PATH ? NULL : cs.names.ptr + c->old_off;
		c->new_path = c->new_off == NO_PATH ? NULL : cs.names.ptr + c->new_off;
	}
	if (!rc)
		rc = emit_changes(&cs, cb, payload);
	free(cs.items);
	folio_buf_dispose(&cs.names);
	folio_buf_dispose(&path);
	return rc;
}
