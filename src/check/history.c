/*
 * Git history for checks: commit ranges (revwalk; in a shallow clone, a
 * walk of our own that stops where the clone does), the index as an
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

#include "folio/source.h"
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
	/* with source.c's options, before this repository maps its pack:
	 * mapped whole here, the blobs the check then reads through it kept
	 * the pack in the resident set (271 of 795 MiB at 100k pages) */
	if (folio_source_libgit2_init() < 0)
		return FOLIO_ERROR;
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

/* ---- ranges in a shallow clone ---- */

/*
 * libgit2 (1.5) does not read a shallow clone's boundary: its revwalk
 * fails on the first parent the clone lacks ("object not found"). A
 * shallow clone is walked here instead: depth first, a missing parent ends
 * that line of history, and the commits come out parents first.
 */
typedef struct {
	git_oid *ids;
	size_t count, alloc;
} oid_list;

static void oid_list_add(oid_list *l, const git_oid *id)
{
	FOLIO_ARRAY_GROW(l->ids, l->count, l->alloc, l->count + 1);
	git_oid_cpy(&l->ids[l->count++], id);
}

/* A set of commit ids (open addressing, at most half full): a clone made
 * with --shallow-since may still hold many commits. */
typedef struct {
	git_oid *slots;
	bool *used;
	size_t count, cap; /* cap: 0 or a power of two */
} oid_set;

static size_t oid_hash(const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof(h)); /* ids are hashes already */
	return h;
}

static bool oid_set_has(const oid_set *s, const git_oid *id)
{
	if (!s || !s->cap)
		return false;
	for (size_t i = oid_hash(id) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->used[i])
			return false;
		if (git_oid_equal(&s->slots[i], id))
			return true;
	}
}

static void oid_set_put_new(oid_set *s, const git_oid *id)
{
	size_t i = oid_hash(id) & (s->cap - 1);
	while (s->used[i])
		i = (i + 1) & (s->cap - 1);
	s->used[i] = true;
	git_oid_cpy(&s->slots[i], id);
	s->count++;
}

/* Add id, not yet in s. */
static void oid_set_add(oid_set *s, const git_oid *id)
{
	if (2 * (s->count + 1) > s->cap) {
		oid_set bigger = { NULL, NULL, 0, s->cap ? 2 * s->cap : 64 };
		bigger.slots = folio_xcalloc(bigger.cap, sizeof(*bigger.slots));
		bigger.used = folio_xcalloc(bigger.cap, sizeof(*bigger.used));
		for (size_t i = 0; i < s->cap; i++)
			if (s->used[i])
				oid_set_put_new(&bigger, &s->slots[i]);
		free(s->slots);
		free(s->used);
		*s = bigger;
	}
	oid_set_put_new(s, id);
}

static void oid_set_dispose(oid_set *s)
{
	free(s->slots);
	free(s->used);
	memset(s, 0, sizeof(*s));
}

typedef struct {
	git_commit *commit;
	unsigned next; /* the next parent to visit */
} reach_frame;

/* Whether the clone holds commit id. */
static bool has_commit(git_repository *repo, const git_oid *id)
{
	git_commit *c = NULL;
	int err = git_commit_lookup(&c, repo, id);
	git_commit_free(c);
	return err == 0;
}

/*
 * Add to seen the commits reachable from start that the clone holds and
 * hidden does not; with order, append them parents first too. A commit
 * whose parents the clone lacks is counted in gaps (when given).
 */
static int reach(oid_set *seen, oid_list *order, git_repository *repo, const git_oid *start,
                 const oid_set *hidden, folio_history_gaps *gaps)
{
	reach_frame *stack = NULL;
	size_t depth = 0, alloc = 0;
	int rc = 0;

	if (oid_set_has(seen, start) || oid_set_has(hidden, start))
		return 0;
	FOLIO_ARRAY_GROW(stack, depth, alloc, 1);
	if (git_commit_lookup(&stack[0].commit, repo, start) < 0) {
		free(stack);
		return folio_error_set("cannot read commit: %s", git_msg());
	}
	stack[depth++].next = 0;
	oid_set_add(seen, start);
	while (depth && !rc) {
		reach_frame *top = &stack[depth - 1];
		if (top->next < git_commit_parentcount(top->commit)) {
			const git_oid *p = git_commit_parent_id(top->commit, top->next++);
			if (oid_set_has(seen, p) || oid_set_has(hidden, p))
				continue;
			if (!has_commit(repo, p)) { /* the clone's boundary */
				if (gaps && !gaps->boundary++)
					git_oid_tostr(gaps->first_boundary, sizeof(gaps->first_boundary),
					              git_commit_id(top->commit));
				continue;
			}
			FOLIO_ARRAY_GROW(stack, depth, alloc, depth + 1);
			if (git_commit_lookup(&stack[depth].commit, repo, p) < 0) {
				rc = folio_error_set("cannot read commit: %s", git_msg());
				break;
			}
			stack[depth++].next = 0;
			oid_set_add(seen, p);
			continue;
		}
		if (order)
			oid_list_add(order, git_commit_id(top->commit));
		git_commit_free(top->commit);
		depth--;
	}
	while (depth)
		git_commit_free(stack[--depth].commit);
	free(stack);
	return rc;
}

/* A from that does not resolve in a shallow clone names history the clone
 * lacks when it is a commit id, or a revision ("origin/main~3") whose base
 * resolves; anything else (a misspelt branch) is an error. */
static bool names_missing_history(git_repository *repo, const char *from)
{
	size_t base = strcspn(from, "~^");
	size_t len = strlen(from);
	if (len >= 4 && len <= GIT_OID_HEXSZ && strspn(from, "0123456789abcdefABCDEF") == len)
		return true;
	if (base == len || base == 0)
		return false;
	char *prefix = folio_xstrndup(from, base);
	git_oid id;
	bool resolves = resolve(&id, repo, prefix) == 0;
	free(prefix);
	return resolves;
}

static int walk_shallow(git_repository *repo, const char *from, const char *to,
                        int (*cb)(const folio_commit_info *commit, void *payload), void *payload,
                        folio_history_gaps *gaps)
{
	oid_set hidden = { 0 }, seen = { 0 };
	oid_list order = { 0 };
	git_oid a, b;
	int rc;

	if ((rc = resolve(&b, repo, to)) < 0) {
		char *why = folio_xstrdup(folio_error_last());
		folio_error_set("%s (this clone is shallow: git fetch --unshallow fetches the rest)", why);
		free(why);
		return rc;
	}
	rc = resolve(&a, repo, from);
	if (rc == FOLIO_ENOTFOUND && names_missing_history(repo, from)) {
		if (gaps)
			gaps->from_missing = folio_xstrdup(from);
		rc = 0;
	} else if (rc == 0) {
		rc = reach(&hidden, NULL, repo, &a, NULL, NULL);
	}
	if (rc == 0)
		rc = reach(&seen, &order, repo, &b, &hidden, gaps);
	for (size_t i = 0; i < order.count && rc == 0; i++)
		rc = emit(repo, &order.ids[i], cb, payload);
	oid_set_dispose(&hidden);
	oid_set_dispose(&seen);
	free(order.ids);
	return rc;
}

void folio_history_gaps_dispose(folio_history_gaps *gaps)
{
	free(gaps->from_missing);
	memset(gaps, 0, sizeof(*gaps));
}

/* ---- ranges: the walk ---- */

static int walk(git_repository *repo, const char *range, bool not_all_refs,
                int (*cb)(const folio_commit_info *commit, void *payload), void *payload,
                folio_history_gaps *gaps)
{
	git_revwalk *w = NULL;
	char *from = NULL, *to = NULL;
	git_oid a, b;
	int rc;
	bool is_range = split_range(range, &from, &to);

	if (gaps)
		gaps->shallow = git_repository_is_shallow(repo) == 1;
	if (is_range && !not_all_refs && git_repository_is_shallow(repo) == 1) {
		rc = walk_shallow(repo, from, to, cb, payload, gaps);
		goto done;
	}
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

int folio_history_rev_list_gaps(folio_history_gaps *gaps, const char *repo_path, const char *range,
                                bool not_all_refs,
                                int (*cb)(const folio_commit_info *commit, void *payload),
                                void *payload)
{
	git_repository *repo = NULL;
	if (gaps)
		memset(gaps, 0, sizeof(*gaps));
	int rc = repo_open(&repo, repo_path);
	if (rc == 0)
		rc = walk(repo, range, not_all_refs, cb, payload, gaps);
	git_repository_free(repo);
	return rc;
}

int folio_history_rev_list(const char *repo_path, const char *range, bool not_all_refs,
                           int (*cb)(const folio_commit_info *commit, void *payload),
                           void *payload)
{
	return folio_history_rev_list_gaps(NULL, repo_path, range, not_all_refs, cb, payload);
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
	/* `git commit -a` and `git commit <paths>` run pre-commit on a
	 * temporary index named by GIT_INDEX_FILE */
	const char *index_file = getenv("GIT_INDEX_FILE");
	int err = index_file && *index_file ? git_index_open(&index, index_file)
	                                    : git_repository_index(&index, repo);
	if (err < 0) {
		folio_error_set("cannot read the index of '%s': %s", repo_path, git_msg());
		goto done;
	}
	if (git_index_write_tree_to(&tree, index, repo) < 0) {
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
