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
} folio_verdict;

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
size_t folio_verdicts_count(const folio_verdicts *vs, folio_severity severity);

/* "folio: 1 error, 2 warnings" (no newline); caller disposes out. */
void folio_cli_verdict_line(folio_buf *out, const folio_verdict *v);
/* The verdicts in fmt to fp. */
void folio_cli_print_verdicts(FILE *fp, const folio_verdicts *vs, folio_format fmt);
/* One verdict as text: "commit <short> <subject>" (commits only), then its findings. */
void folio_cli_print_verdict_text(FILE *fp, const folio_verdict *v);

#endif
