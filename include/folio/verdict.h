/*
 * The verdict of a commit (or of a worktree or index): its findings and the
 * pages it holds. One type and one way to judge for folio check, the hooks
 * and the daemon (which keeps a summary of it for /status).
 *
 * A range is judged by its tip: folio_verdicts_judge_by_tip() marks the
 * findings of earlier commits, so that only the tip's errors count unless
 * strict history is asked for.
 */
#ifndef FOLIO_VERDICT_H
#define FOLIO_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "limits.h"
#include "linkcheck.h"
#include "source.h"
#include "state.h"

typedef struct {
	char *id;       /* 40-hex commit; NULL for a worktree or the index */
	char *subject;  /* commit subject, or "worktree" / "index" */
	char **files;   /* pages of the site, in path order (JUnit test cases) */
	size_t nfiles, afiles;
	char *branch;   /* the site's published branch, or NULL when unknown */
	folio_diags diags;
	/* Set by folio_verdicts_judge_by_tip(): a commit before the tip, whose
	 * findings do not decide; per finding (NULL: none) FOLIO_MARK_ bits. */
	bool earlier;
	unsigned char *marks;
} folio_verdict;

/* A finding of a commit before the tip... */
#define FOLIO_MARK_FIXED 1u   /* ...that the tip no longer has (fixed by a later commit) */
#define FOLIO_MARK_DEMOTED 2u /* ...an error of its commit, reported as a warning */

typedef struct {
	folio_verdict *items;
	size_t count, alloc;
} folio_verdicts;

/* How to check; every pointer borrowed, each may be NULL. */
typedef struct {
	/* a folio watch state, open (the caller's one connection to it, read-
	 * only will do): a commit that changes only page bodies of its
	 * published commit is judged from it, without loading the site */
	folio_state *state;
	const folio_limits *limits;               /* the server's budgets; NULL: defaults */
	const folio_linkcheck_options *external;  /* check external links too */
	/* state is a scratch state of folio check A..B, never a publish's: a
	 * commit validated whole without errors is indexed into it (its pages
	 * and findings, folio_publish_index), so that the next commit of the
	 * range is judged from it when it changes only page bodies */
	bool index;
	int jobs;                                 /* threads; 0: one per core */
	/* a site in a folder of its repository (folio_site_root): findings and
	 * files named from the repository's top (website/x.md), as a person at
	 * a terminal names them; false: from the site's (what the daemon links
	 * to pages) */
	bool repo_paths;
	/* the process ends after this check: the site it loaded is left to the
	 * exit, held where a leak check finds it reachable, not freed (10,000
	 * pages' front matter and Markdown: a tenth of a check's wall time) */
	bool exiting;
} folio_check_options;

#define FOLIO_CHECK_OPTIONS_INIT { NULL, NULL, NULL, false, 0, false, false }

/*
 * Load the site of src and validate it into a new verdict appended to vs
 * (id and subject copied, either may be NULL). <0 on an operational
 * failure, with the message in folio_error_last().
 */
int folio_verdicts_check_source(folio_verdicts *vs, folio_source *src, const char *id,
                                const char *subject, const folio_check_options *opts);
/* The same for commit id of the repository at repo_path. */
int folio_verdicts_check_commit(folio_verdicts *vs, const char *repo_path, const char *id,
                                const char *subject, const folio_check_options *opts);
void folio_verdicts_dispose(folio_verdicts *vs);

/*
 * The tip decides: the last verdict of vs (a range is walked oldest first,
 * so it is the range's tip) is judged as it is; every earlier verdict is
 * marked earlier, each of its findings the tip no longer has is marked
 * FOLIO_MARK_FIXED, and unless strict its errors become warnings
 * (FOLIO_MARK_DEMOTED), so that only the tip's errors count. A finding is
 * still at the tip when the tip has one with the same rule and path and
 * either the identical message (the line may have moved) or the same line
 * (the message may have changed, e.g. another wrong digit). Notes must be
 * written before: a commit's own verdict is left as its note says.
 */
void folio_verdicts_judge_by_tip(folio_verdicts *vs, bool strict);
/* Errors of earlier commits reported as warnings; of those, how many are
 * fixed at the tip (fixed may be NULL). */
size_t folio_verdicts_demoted(const folio_verdicts *vs, size_t *fixed);
size_t folio_verdicts_count(const folio_verdicts *vs, folio_severity severity);

/* "folio: 1 error, 2 warnings" (no newline) appended to out. */
void folio_verdict_summary(folio_buf *out, size_t errors, size_t warnings);
/* At most this many findings are written into a note or a stored report. */
#define FOLIO_VERDICT_REPORT_MAX 10000
/* The findings of diags as text, appended to out, as a note and the
 * daemon's stored report and log list them: the first
 * FOLIO_VERDICT_REPORT_MAX, then one line saying how many more there are
 * (a pusher chooses how many; each was kept at every commit judged). */
void folio_verdict_report(folio_buf *out, const folio_diags *diags);
/* A commit's note under refs/notes/folio, as folio check --notes and the
 * daemon write it: the summary line, then folio_verdict_report(). */
void folio_verdict_note(folio_buf *out, const folio_diags *diags);
/* Store each commit verdict of vs as its note in notes_ref of repo. */
int folio_verdicts_write_notes(const folio_verdicts *vs, const char *repo, const char *notes_ref);

#endif
