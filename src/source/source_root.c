/*
 * A folder of a source made its root (folio_source_reroot): a site kept in
 * a folder of its repository. A git source's tree becomes the folder's
 * tree; a directory source's descriptor the folder's, opened one component
 * at a time without following a link. Listing, reading and diffing then
 * see nothing else, as they start from the tree or the descriptor.
 */
#include "folio/source.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "folio/path.h"
#include "source/source_internal.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

static int reroot_git(folio_source *src, const char *folder)
{
	git_tree_entry *te = NULL;
	git_tree *sub = NULL;
	int err = git_tree_entry_bypath(&te, src->tree, folder);
	const char *is = NULL; /* what stands there instead of a folder */
	if (err == 0 && git_tree_entry_type(te) == GIT_OBJECT_TREE)
		err = git_tree_lookup(&sub, src->repo->repo, git_tree_entry_id(te));
	else if (err == 0)
		is = git_tree_entry_filemode(te) == GIT_FILEMODE_LINK ? "a symbolic link, which folio never follows"
		     : git_tree_entry_type(te) == GIT_OBJECT_COMMIT ? "a submodule, which folio does not read"
		                                                     : "a file";
	git_tree_entry_free(te);
	if (is || err == GIT_ENOTFOUND) {
		/* a finding of the commit (folio_site_root): no server path in it */
		if (is)
			folio_error_set("'%s' is %s, not a folder, in commit %.12s", folder, is, src->commit_id);
		else
			folio_error_set("no folder '%s' in commit %.12s", folder, src->commit_id);
		return FOLIO_ENOTFOUND;
	}
	if (err < 0)
		return folio_error_set("cannot read the folder '%s' of '%s': %s", folder, src->repo->path,
		                       folio_source__git_msg());
	git_tree_free(src->tree);
	src->tree = sub;
	return 0;
}

static int reroot_dir(folio_source *src, const char *folder)
{
	int fd = -1;
	if (folio_source__open_parent(&fd, src, folder, strlen(folder)) < 0) {
		struct stat st;
		bool link = fstatat(src->dir_fd, folder, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
		if (link)
			folio_error_set("'%s' is a symbolic link, which folio never follows, not a folder, in '%s'", folder,
			                src->dir);
		else
			folio_error_set("no folder '%s' in '%s'", folder, src->dir);
		return FOLIO_ENOTFOUND;
	}
	close(src->dir_fd);
	src->dir_fd = fd;
	char *dir = folio_xasprintf("%s/%s", src->dir, folder);
	free(src->dir);
	src->dir = dir;
	return 0;
}

int folio_source_reroot(folio_source *src, const char *folder)
{
	FOLIO_ASSERT(src && folder && !src->list.built && !src->root);
	const char *why = folio_path_check(folder, strlen(folder));
	if (why)
		return folio_error_set("the site's folder '%s' is not a plain path: %s", folder, why), FOLIO_EINVALID;
	if (src->parent_fd >= 0) { /* a descriptor below the old root */
		close(src->parent_fd);
		src->parent_fd = -1;
		folio_buf_clear(&src->parent);
	}
	int rc = src->repo ? reroot_git(src, folder) : reroot_dir(src, folder);
	if (rc == 0)
		src->root = folio_xstrdup(folder);
	return rc;
}

const char *folio_source_root(const folio_source *src)
{
	return src->root ? src->root : "";
}

void folio_source_set_root_problem(folio_source *src, unsigned line, const char *message)
{
	free(src->root_problem);
	src->root_problem = folio_xstrdup(message);
	src->root_problem_line = line;
}

const char *folio_source_root_problem(const folio_source *src, unsigned *line)
{
	if (line)
		*line = src->root_problem_line;
	return src->root_problem;
}
