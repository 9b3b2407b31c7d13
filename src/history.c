/*
 * Git history for checks: commit ranges (revwalk), the index as an
 * unreferenced commit, notes, and a view of a pre-receive quarantine.
 * Each call opens the repository and frees everything before returning;
 * nothing is cached between calls. Inside a pre-receive hook, git keeps
 * pushed objects in a quarantine directory (GIT_QUARANTINE_PATH) that
 * libgit2 does not read unless told, so every open adds it as an alternate.
 */
#include "folio/history.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

static const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown error";
}

static int repo_open(git_repository **out, const char *path)
{
	const char *quarantine = getenv("GIT_QUARANTINE_PATH");
	git_odb *odb = NULL;

	*out = NULL;
	/* refcounted by libgit2; never shut down, as source.c does */
	if (git_libgit2_init() < 0)
		return folio_error_set("cannot initialise libgit2: %s", git_msg());
	if (git_repository_open_ext(out, path, 0, NULL) < 0)
		return folio_error_set("cannot open repository '%s': %s", path, git_msg());
	if (quarantine && *quarantine) {
		if (git_repository_odb(&odb, *out) < 0 || git_odb_add_disk_alternate(odb, quarantine) < 0) {
			folio_error_set("cannot read the quarantine '%s': %s", quarantine, git_msg());
			git_odb_free(odb);
			git_repository_free(*out);
			*out = NULL;
			return FOLIO_ERROR;
		}
		git_odb_free(odb);
	}
	return 0;
}

/* ---- ranges ---- */

static int resolve(git_oid *out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL, *commit = NULL;
	int err = git_revparse_single(&obj, repo, rev);
	if (!err)
		err = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (err < 0) {
		folio_error_set("'%s' is not a commit: %s", rev, git_msg());
		return err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH ? FOLIO_ENOTFOUND : FOLIO_ERROR;
	}
	git_oid_cpy(out, git_object_id(commit));
	git_object_free(commit);
	return 0;
}

static int emit(git_repository *repo, const git_oid *id,
                int (*cb)(const folio_commit_info *commit, void *payload), void *payload)
{
	git_commit *c = NULL;
	char hex[GIT_OID_HEXSZ + 1];

	if (git_commit_lookup(&c, repo, id) < 0)
		return folio_error_set("cannot read commit: %s", git_msg());
	git_oid_tostr(hex, sizeof(hex), id);
	const char *summary = git_commit_summary(c);
	folio_commit_info info = { hex, summary ? summary : "" };
	int rc = cb(&info, payload);
	git_commit_free(c);
	return rc;
}

/* Split "A..B" into its two ends; an empty end means HEAD. */
static bool split_range(const char *range, char **from, char **to)
{
	const char *dots = strstr(range, "..");
	if (!dots || dots[2] == '.')
		return false;
	*from = dots == range ? folio_xstrdup("HEAD") : folio_xstrndup(range, (size_t)(dots - range));
	*to = folio_xstrdup(dots[2] ? dots + 2 : "HEAD");
	return true;
}

static int walk(git_repository *repo, const char *range, bool not_all_refs,
                int (*cb)(const folio_commit_info *commit, void *payload), void *payload)
{
	git_revwalk *w = NULL;
	char *from = NULL, *to = NULL;
	git_oid a, b;
	int rc;
	bool is_range = split_range(range, &from, &to);

	if ((rc = resolve(&b, repo, is_range ? to : range)) < 0)
		goto done;
	if (is_range && (rc = resolve(&a, repo, from)) < 0)
		goto done;
	if (!is_range && !not_all_refs) {
		rc = emit(repo, &b, cb, payload);
		goto done;
	}
	if (git_revwalk_new(&w, repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, &b) < 0 || (is_range && git_revwalk_hide(w, &a) < 0) ||
	    (not_all_refs && git_revwalk_hide_glob(w, "refs/*") < 0)) {
		rc = folio_error_set("cannot walk '%s': %s", range, git_msg());
		goto done;
	}
	git_oid id;
	while (!(rc = git_revwalk_next(&id, w)))
		if ((rc = emit(repo, &id, cb, payload)) != 0)
			goto done;
	if (rc == GIT_ITEROVER)
		rc = 0;
	else
		rc = folio_error_set("cannot walk '%s': %s", range, git_msg());
done:
	git_revwalk_free(w);
	free(from);
	free(to);
	return rc;
}

int folio_history_rev_list(const char *repo_path, const char *range, bool not_all_refs,
                           int (*cb)(const folio_commit_info *commit, void *payload),
                           void *payload)
{
	git_repository *repo = NULL;
	int rc = repo_open(&repo, repo_path);
	if (rc == 0)
		rc = walk(repo, range, not_all_refs, cb, payload);
	git_repository_free(repo);
	return rc;
}

/* ---- the index ---- */

static int signature(git_signature **out, git_repository *repo)
{
	if (git_signature_default(out, repo) == 0)
		return 0;
	if (git_signature_now(out, "folio", "folio@localhost") == 0)
		return 0;
	return folio_error_set("cannot make a signature: %s", git_msg());
}

static int commit_tree(git_oid *out, git_repository *repo, const git_oid *tree_id)
{
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	git_oid head;
	int rc = FOLIO_ERROR;

	if (git_tree_lookup(&tree, repo, tree_id) < 0) {
		folio_error_set("cannot read the index tree: %s", git_msg());
		goto done;
	}
	if (git_reference_name_to_id(&head, repo, "HEAD") == 0 && git_commit_lookup(&parent, repo, &head) < 0)
		parent = NULL;
	if (signature(&sig, repo) < 0)
		goto done;
	const git_commit *parents[1] = { parent };
	if (git_commit_create(out, repo, NULL, sig, sig, NULL, "folio: the index\n", tree,
	                      parent ? 1 : 0, parents) < 0) {
		folio_error_set("cannot write a commit of the index: %s", git_msg());
		goto done;
	}
	rc = 0;
done:
	git_signature_free(sig);
	git_commit_free(parent);
	git_tree_free(tree);
	return rc;
}

int folio_history_index_commit(char out[41], const char *repo_path)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_oid tree, commit;
	int rc = repo_open(&repo, repo_path);

	if (rc < 0)
		return rc;
	rc = FOLIO_ERROR;
	if (git_repository_index(&index, repo) < 0) {
		folio_error_set("cannot read the index of '%s': %s", repo_path, git_msg());
		goto done;
	}
	if (git_index_write_tree(&tree, index) < 0) {
		folio_error_set("cannot write the index of '%s' as a tree: %s", repo_path, git_msg());
		goto done;
	}
	if (commit_tree(&commit, repo, &tree) < 0)
		goto done;
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, &commit);
	rc = 0;
done:
	git_index_free(index);
	git_repository_free(repo);
	return rc;
}

/* ---- notes ---- */

int folio_history_note_set(const char *repo_path, const char *notes_ref,
                           const char *commit_id, const char *text)
{
	git_repository *repo = NULL;
	git_signature *sig = NULL;
	git_oid target, note;
	int rc = repo_open(&repo, repo_path);

	if (rc < 0)
		return rc;
	rc = FOLIO_ERROR;
	if (git_oid_fromstr(&target, commit_id) < 0) {
		folio_error_set("'%s' is not a commit id", commit_id);
		goto done;
	}
	if (signature(&sig, repo) < 0)
		goto done;
	if (git_note_create(&note, repo, notes_ref, sig, sig, &target, text, 1) < 0) {
		folio_error_set("cannot write the note of %.12s: %s", commit_id, git_msg());
		goto done;
	}
	rc = 0;
done:
	git_signature_free(sig);
	git_repository_free(repo);
	return rc;
}

/* ---- quarantine view ---- */

static int write_view(const char *dir, const char *objects, const char *quarantine)
{
	char *p = NULL;
	int rc = 0;
	const char *subdirs[] = { "refs", "refs/heads", "objects", "objects/info" };

	for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]) && !rc; i++) {
		p = folio_fs_join(dir, subdirs[i]);
		if (mkdir(p, 0700) < 0)
			rc = folio_error_set("cannot create '%s'", p);
		free(p);
	}
	if (rc)
		return rc;
	p = folio_fs_join(dir, "HEAD");
	rc = folio_fs_write_atomic(p, "ref: refs/heads/main\n", 21, false);
	free(p);
	if (rc)
		return rc;
	char *alternates = folio_xasprintf("%s\n%s\n", quarantine, objects);
	p = folio_fs_join(dir, "objects/info/alternates");
	rc = folio_fs_write_atomic(p, alternates, strlen(alternates), false);
	free(p);
	free(alternates);
	return rc;
}

int folio_history_quarantine_view(char **out_dir, const char *repo_path)
{
	const char *quarantine = getenv("GIT_QUARANTINE_PATH");
	const char *tmp = getenv("TMPDIR");
	git_repository *repo = NULL;
	char *objects = NULL;
	int rc;

	*out_dir = NULL;
	if (!quarantine || !*quarantine)
		return 0;
	if ((rc = repo_open(&repo, repo_path)) < 0)
		return rc;
	/* the common dir holds objects even when repo_path is a linked worktree */
	objects = folio_fs_join(git_repository_commondir(repo), "objects");
	git_repository_free(repo);
	/* alternates resolve relative paths from the view, not from here */
	char *quarantine_abs = realpath(quarantine, NULL);
	char *dir = folio_xasprintf("%s/folio-view.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		rc = folio_error_set("cannot create a directory in '%s'", tmp && *tmp ? tmp : "/tmp");
		free(dir);
	} else if ((rc = write_view(dir, objects, quarantine_abs ? quarantine_abs : quarantine)) < 0) {
		folio_history_view_remove(dir);
		free(dir);
	} else {
		*out_dir = dir;
	}
	free(objects);
	free(quarantine_abs);
	return rc;
}

void folio_history_view_remove(const char *dir)
{
	if (dir)
		folio_fs_rm_rf(dir);
}
