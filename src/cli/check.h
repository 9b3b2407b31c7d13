/*
 * What `folio check` and `folio hook` share: the verdict of one commit (or
 * of the worktree or index), and writing a list of verdicts as text, JSON,
 * JUnit XML or GitHub annotations.
 */
#ifndef FOLIO_CLI_CHECK_H
#define FOLIO_CLI_CHECK_H

#include <stdio.h>

#include "folio/folio.h"

typedef struct {
	char *id;       /* 40-hex commit; NULL for a worktree or the index */
	char *subject;  /* commit subject, or "worktree" / "index" */
	char **files;   /* pages of the site, in path order (JUnit test cases) */
	size_t nfiles, afiles;
	char *branch;   /* the site's published branch, or NULL when unknown */
	folio_diags diags;
	/* Set by folio_cli_judge_by_tip(): a commit before the tip, whose
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

typedef enum {
	FOLIO_FORMAT_TEXT,
	FOLIO_FORMAT_JSON,
	FOLIO_FORMAT_JUNIT,
	FOLIO_FORMAT_GITHUB,
} folio_format;

/*
 * Load the site of src and validate it into a new verdict appended to vs
 * (id and subject copied, either may be NULL). <0 on an operational
 * failure, with the message in folio_error_last().
 */
int folio_cli_check_source(folio_verdicts *vs, folio_source *src, const char *id,
                           const char *subject);
/* Judge commits from this folio watch state when they change only page
 * bodies of its published commit (NULL: always load the site). Borrowed. */
void folio_cli_check_set_state(const char *state_dir);
/* The server's budgets for every check that follows (borrowed); NULL: defaults. */
void folio_cli_check_set_limits(const folio_limits *limits);
/* Check commit id of the repository at repo_path. */
int folio_cli_check_commit(folio_verdicts *vs, const char *repo_path, const char *id,
                           const char *subject);
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
void folio_cli_judge_by_tip(folio_verdicts *vs, bool strict);
/* Errors of earlier commits reported as warnings; of those, how many are
 * fixed at the tip (fixed may be NULL). */
size_t folio_verdicts_demoted(const folio_verdicts *vs, size_t *fixed);
size_t folio_verdicts_count(const folio_verdicts *vs, folio_severity severity);

/* "folio: 1 error, 2 warnings" (no newline); caller disposes out. */
void folio_cli_verdict_line(folio_buf *out, const folio_verdict *v);
/* The verdicts in fmt to fp. */
void folio_cli_print_verdicts(FILE *fp, const folio_verdicts *vs, folio_format fmt);
/* One finding of v as text (folio_diag_format_text), its mark appended to
 * the first line: " (fixed by a later commit)" or " (still at the tip)". */
void folio_cli_format_finding(folio_buf *out, const folio_verdict *v, size_t i);
/* One verdict as text: "commit <short> <subject>" (commits only), then its findings. */
void folio_cli_print_verdict_text(FILE *fp, const folio_verdict *v);

#endif
