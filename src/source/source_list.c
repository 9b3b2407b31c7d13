/*
 * A source's listing: every path folio_path_check accepts, sorted by full
 * path, with refused entries kept apart with their reason; built once from
 * the commit's tree or by walking the directory, with blob ids computed
 * lazily for directory entries. folio_source_foreach and _foreach_refused.
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

const char folio_source_too_many_entries[] =
	"the tree holds more than 1,000,000 entries (files and folders): this one and those "
	"after it are not read";

/* A content finding, as a name is, not a failure: a daemon retried such a
 * commit at every turn and published no later one. */
const char folio_source_too_deep[] =
	"the folder nests deeper than 256 folders: nothing under it is read";

/* Whether the walk stopped at FOLIO_PATH_MAX_ENTRIES: the one refusal
 * made there is the finding; nothing more is listed or refused. */
static bool listing_full(const listing *l)
{
	return l->walked > FOLIO_PATH_MAX_ENTRIES;
}

/* Append name to path (which ends in "/" or is empty); NULL when the entry
 * may be listed, else why not, the entry then being refused. */
static const char *path_push(listing *l, folio_buf *path, const char *name)
{
	size_t len = strlen(name);
	const char *why = folio_path_check_name(name, len);

	folio_buf_puts(path, name);
	if (++l->walked > FOLIO_PATH_MAX_ENTRIES) {
		why = folio_source_too_many_entries;
		listing_refuse(l, path, why);
		return why;
	}
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
	size_t kept = 0, dir_len = 0;
	bool *bad = l->count ? folio_xcalloc(l->count, sizeof(*bad)) : NULL;
	const char *dir = NULL; /* the last item's folder, and whether one of its own */
	bool dir_clash = false; /* prefixes is listed: its folder's items share it */

	for (size_t i = 0; i < l->count; i++) {
		const char *p = l->items[i].path, *last = strrchr(p, '/');
		size_t len = last ? (size_t)(last - p) : 0;
		if (i && !strcmp(l->items[i - 1].path, p))
			bad[i - 1] = bad[i] = true;
		/* a folder's prefixes are searched once for all its items, which
		 * follow each other: a binary search per folder level per item was
		 * a percent of an add at 10k pages */
		if (!dir || len != dir_len || memcmp(dir, p, len)) {
			dir = p;
			dir_len = len;
			dir_clash = false;
			for (const char *s = strchr(p, '/'); s && s <= last && !dir_clash; s = strchr(s + 1, '/'))
				dir_clash = listing_has(l, p, (size_t)(s - p));
		}
		bad[i] = bad[i] || dir_clash;
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

	for (size_t i = 0; i < n && !listing_full(l); i++) {
		const git_tree_entry *te = git_tree_entry_byindex(tree, i);
		folio_buf_truncate(path, base);
		if (path_push(l, path, git_tree_entry_name(te)))
			continue; /* a refused folder is not entered: its name is the finding */
		if (git_tree_entry_type(te) != GIT_OBJECT_TREE) {
			listing_add(l, path, git_tree_entry_id(te),
			            folio_source__type_of_mode(git_tree_entry_filemode(te)), 0, true);
			continue;
		}
		if (depth >= MAX_DEPTH) {
			listing_refuse(l, path, folio_source_too_deep);
			continue;
		}
		git_tree *sub = NULL;
		if (git_tree_lookup(&sub, src->repo->repo, git_tree_entry_id(te)) < 0)
			return folio_error_set("cannot read tree '%s' in '%s': %s", path->ptr,
			                       src->repo->path, folio_source__git_msg());
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
		return errno == ENOENT ? 1 : folio_source__dir_fail(src, path, "stat");
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
		rc = folio_source__dir_fail(src, path->ptr, "read directory");
		close(fd);
		return rc;
	}
	while (!listing_full(&src->list)) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno)
				rc = folio_source__dir_fail(src, path->ptr, "read directory");
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
			listing_refuse(&src->list, path, folio_source_too_deep);
			continue;
		}
		int sub = openat(dirfd(d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) {
			rc = folio_source__dir_fail(src, path->ptr, "open directory");
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

int folio_source__ensure_listing(folio_source *src)
{
	folio_buf path = FOLIO_BUF_INIT;
	int rc;

	if (src->list.built)
		return 0;
	src->list.count = 0;
	src->list.nrefused = 0;
	src->list.walked = 0;
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
int folio_source__hash_item(folio_source *src, item *it)
{
	size_t dirlen = folio_source__dir_part(it->path);
	int rc;

	if (src->parent_fd < 0 || dirlen != src->parent.size ||
	    memcmp(it->path, src->parent.ptr, dirlen)) {
		int fd;
		if ((rc = folio_source__open_parent(&fd, src, it->path, dirlen)) < 0)
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
	rc = folio_source__read_leaf(&src->scratch, src, src->parent_fd, it->path + dirlen + !!dirlen, it->path,
	               (int)it->type);
	if (rc < 0)
		return rc;
	if (git_odb_hash(&it->id, src->scratch.ptr, src->scratch.size, GIT_OBJECT_BLOB) < 0)
		rc = folio_error_set("cannot hash '%s/%s': %s", src->dir, it->path, folio_source__git_msg());
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
			rc = folio_error_set("cannot read tree '%s' in '%s': %s", dir, src->repo->path, folio_source__git_msg());
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
	listing folder = { NULL, 0, 0, FOLIO_BUF_INIT, NULL, 0, 0, 0, false };
	listing *l = &src->list;
	int rc = 0;

	FOLIO_ASSERT(src && prefix && cb);
	size_t plen = strlen(prefix);
	if (src->repo && !src->list.built && plen > 1 && prefix[plen - 1] == '/') {
		l = &folder;
		rc = list_folder(l, src, prefix);
	} else if (folio_source__ensure_listing(src) < 0) {
		return FOLIO_ERROR;
	}
	prefix_range(l, prefix, &lo, &hi);
	for (size_t i = lo; rc == 0 && i < hi; i++) {
		item *it = &l->items[i];
		if (!it->hashed && folio_source__hash_item(src, it) < 0)
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

int folio_source_find(folio_source *src, const char *path,
                      int (*cb)(const folio_entry *entry, void *payload), void *payload)
{
	char hex[GIT_OID_HEXSZ + 1];

	FOLIO_ASSERT(src && path && cb);
	if (folio_source__ensure_listing(src) < 0)
		return FOLIO_ERROR;
	listing *l = &src->list;
	item *it = (item *)folio_search(l->items, l->count, sizeof(*l->items), path, folio_search_cmp_str);
	if (!it)
		return FOLIO_ENOTFOUND;
	if (!it->hashed && folio_source__hash_item(src, it) < 0)
		return FOLIO_ERROR;
	git_oid_tostr(hex, sizeof(hex), &it->id);
	folio_entry e = { it->path, hex, it->type, it->size };
	return cb(&e, payload);
}

int folio_source_foreach_refused(folio_source *src,
                                 int (*cb)(const char *path, const char *why, void *payload),
                                 void *payload)
{
	int rc = 0;

	FOLIO_ASSERT(src && cb);
	if (folio_source__ensure_listing(src) < 0)
		return FOLIO_ERROR;
	for (size_t i = 0; rc == 0 && i < src->list.nrefused; i++)
		rc = cb(src->list.names.ptr + src->list.refused[i].off, src->list.refused[i].why,
		        payload);
	return rc;
}

