/*
 * Sources: a commit read from a repository's object database, or a plain
 * directory, behind one interface (see folio/source.h). This file opens
 * them; source_read.c reads a file, source_list.c lists, source_diff.c
 * compares two, source_root.c makes a folder the root.
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

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source/source_internal.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

static pthread_once_t libgit2_once = PTHREAD_ONCE_INIT;
static int libgit2_rc;

static void libgit2_init_once(void)
{
	folio_source__skip_ca_file(true); /* source_tls.c: HTTPS is never asked of libgit2 */
	libgit2_rc = git_libgit2_init();
	folio_source__skip_ca_file(false);
	/* libgit2 caches no tree over 4 KiB by default: every path lookup would
	 * inflate a collection's tree again, quadratic in the site's size. */
	if (libgit2_rc >= 0)
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, (int)GIT_OBJECT_TREE, (size_t)64 << 20);
	/* Re-hashing every object read doubled the cost of reading a tree; the
	 * repository is the server's own (git checks what it receives), and git
	 * itself does not re-hash on reads either. */
	if (libgit2_rc >= 0)
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Pack files are read through mapped windows of 1 GiB, kept up to
	 * 8 GiB: a full build touches every blob, so the whole pack stayed in
	 * the process's resident set (45 of 122 MiB at 10k pages, and ten
	 * times that at 100k). Windows of 4 MiB, 16 MiB mapped at most, bound
	 * it whatever the repository's size (the pages read stay in the page
	 * cache, shared, not in the process). */
	if (libgit2_rc >= 0) {
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 << 20);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)16 << 20);
	}
}

const char *folio_source__git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown error";
}

int folio_source_libgit2_init(void)
{
	pthread_once(&libgit2_once, libgit2_init_once);
	if (libgit2_rc < 0)
		return folio_error_set("cannot initialise libgit2: %s", folio_source__git_msg());
	return 0;
}

folio_entry_type folio_source__type_of_mode(git_filemode_t mode)
{
	switch (mode) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return FOLIO_ENTRY_FILE;
	case GIT_FILEMODE_LINK:
		return FOLIO_ENTRY_SYMLINK;
	case GIT_FILEMODE_COMMIT:
		return FOLIO_ENTRY_SUBMODULE;
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
		return folio_error_set("cannot open repository '%s': %s", path, folio_source__git_msg());
	if (git_repository_odb(&odb, repo) < 0) {
		folio_error_set("cannot open repository '%s': %s", path, folio_source__git_msg());
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
		folio_error_set("'%s' is not a commit in '%s': %s", rev, repo->path, folio_source__git_msg());
		return err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH ? FOLIO_ENOTFOUND : FOLIO_ERROR;
	}
	git_commit *commit = (git_commit *)peeled;
	if (git_commit_tree(&tree, commit) < 0) {
		folio_error_set("cannot read the tree of '%s' in '%s': %s", rev, repo->path, folio_source__git_msg());
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
	if (folio_source_libgit2_init() < 0 || repo_open(&repo, repo_path) < 0)
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
	if (folio_source_libgit2_init() < 0)
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
	free(src->root);
	free(src->root_problem);
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

