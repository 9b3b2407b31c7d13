/*
 * A site's Git history around one check: which commits a range holds, the
 * index as a commit, verdicts stored as git notes, and the objects a
 * pre-receive hook sees before git accepts them.
 *
 *     folio_history_rev_list("site.git", "origin/main..HEAD", print_commit, NULL);
 *     folio_history_note_set("site.git", "refs/notes/folio", id, "folio: 0 errors\n");
 *
 * Every call opens the repository for itself. Inside a pre-receive hook
 * (GIT_QUARANTINE_PATH set), the pushed objects are read from git's
 * quarantine directory as well.
 */
#ifndef FOLIO_HISTORY_H
#define FOLIO_HISTORY_H

#include "common.h"

typedef struct {
	const char *id;      /* 40 hex */
	const char *subject; /* first line of the message, without newline */
} folio_commit_info;

/*
 * Call cb for the commits of range, oldest first (parents before
 * children): "A..B" gives the commits reachable from B and not from A
 * ("A.." means A..HEAD), anything else names one commit. With
 * not_all_refs, commits reachable from any reference are left out too
 * (git rev-list B --not --all). Stops and returns cb's value when it is
 * non-zero. FOLIO_ENOTFOUND when a revision names nothing.
 */
int folio_history_rev_list(const char *repo_path, const char *range, bool not_all_refs,
                           int (*cb)(const folio_commit_info *commit, void *payload),
                           void *payload);

/* What a range left out because the clone is shallow. */
typedef struct {
	bool shallow;       /* the repository is a shallow clone */
	char *from_missing; /* A of "A..B" when it names history the clone lacks
	                     * (every commit the clone holds up to B was listed); owned */
	size_t boundary;    /* commits listed whose parents the clone lacks */
	char first_boundary[41]; /* the first of them, 40 hex; "" when none */
} folio_history_gaps;

/*
 * folio_history_rev_list(), saying in gaps (zeroed first; may be NULL) what
 * a shallow clone could not give. In a shallow clone an "A..B" range lists
 * the commits the clone holds: a line of history ends where a parent is
 * missing, and an A that names missing history (a commit id, or "main~9"
 * past the boundary) hides nothing. A misspelt A or a missing B is still
 * an error. (not_all_refs walks as folio_history_rev_list does.)
 */
int folio_history_rev_list_gaps(folio_history_gaps *gaps, const char *repo_path, const char *range,
                                bool not_all_refs,
                                int (*cb)(const folio_commit_info *commit, void *payload),
                                void *payload);
void folio_history_gaps_dispose(folio_history_gaps *gaps);

/*
 * Write the repository's index (GIT_INDEX_FILE when set, as in a
 * pre-commit hook) as a tree and wrap it in a commit that no
 * reference points to (parent: HEAD, if any), so the index can be read
 * like any commit. out receives its 40-hex id. Fails on a bare repository
 * or an index with conflicts.
 */
int folio_history_index_commit(char out[41], const char *repo_path);

/* Store text as the note of commit_id under notes_ref, replacing any. */
int folio_history_note_set(const char *repo_path, const char *notes_ref,
                           const char *commit_id, const char *text);

/*
 * Inside a pre-receive hook, make a directory that libgit2 opens as a
 * repository seeing both the repository's objects and the quarantined,
 * not yet accepted ones; *out_dir is NULL (and 0 returned) outside a hook.
 * The caller removes it with folio_history_view_remove() and frees the path.
 */
int folio_history_quarantine_view(char **out_dir, const char *repo_path);
void folio_history_view_remove(const char *dir);

#endif
