/*
 * Content findings ("diagnostics"): what is wrong with a site, where, and
 * how to fix it. A call that finds content problems succeeds and appends
 * them to a folio_diags list; it never stops on content.
 *
 *     folio_diags d;
 *     folio_diags_init(&d);
 *     folio_diags_add(&d, FOLIO_RULE_ISBN_CHECK_DIGIT, "books/x.md", 7, 9,
 *                     NULL, "ISBN check digit is %c, expected %c", '2', '1');
 *     folio_diags_print_text(stderr, &d);   // books/x.md:7:9: error: ...
 *     folio_diags_dispose(&d);
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "common.h"

typedef enum {
	FOLIO_SEVERITY_ERROR,
	FOLIO_SEVERITY_WARNING,
} folio_severity;

typedef enum {
#define RULE(id, name, sev, lock, doc) FOLIO_RULE_##id,
#include "rules.def"
#undef RULE
	FOLIO_RULE__COUNT
} folio_rule;

/* One finding. line and column are 1-based; 0 means unknown. */
typedef struct {
	folio_rule rule;
	folio_severity severity;
	char *path;    /* site-relative path of the file, e.g. "books/x.md" */
	unsigned line;
	unsigned column;
	char *message; /* one line, lowercase start, no full stop */
	char *hint;    /* how to fix it, or NULL */
} folio_diag;

/* A list of findings; caller storage, prepared by folio_diags_init(). */
typedef struct {
	folio_diag *items;
	size_t count;
	size_t alloc;
	/* its findings will be counted, never listed (a check's bound is
	 * reached, folio_diags_move_bounded): their message and hint are not
	 * made, "" and NULL. 2 million findings of 20,000 small pages spent a
	 * third of the check's CPU on words no one reads */
	bool counted_only;
} folio_diags;

const char *folio_rule_name(folio_rule rule);
const char *folio_rule_doc(folio_rule rule);
folio_severity folio_rule_severity(folio_rule rule);
/* Whether folio.yaml may not change the rule (LOCKED in rules.def): it
 * guards the server or the build, and a pusher writes folio.yaml. */
bool folio_rule_locked(folio_rule rule);
/* Rule by its id ("isbn/check-digit"); FOLIO_RULE__COUNT when unknown. */
folio_rule folio_rule_from_name(const char *name);

void folio_diags_init(folio_diags *diags);
void folio_diags_dispose(folio_diags *diags);
/* Longest message kept, in characters; quoted text beyond it is cut. */
#define FOLIO_DIAG_MAX_MESSAGE 400
/* Longest hint kept, in characters: a schema's title and description end
 * some, in their own words. */
#define FOLIO_DIAG_MAX_HINT 1000

/* Append a finding with the rule's default severity. path is copied; the
 * message is made one line (newlines and control characters escaped) and
 * cut at FOLIO_DIAG_MAX_MESSAGE characters, the hint alike at
 * FOLIO_DIAG_MAX_HINT. */
void folio_diags_add(folio_diags *diags, folio_rule rule, const char *path,
                     unsigned line, unsigned column, const char *hint,
                     const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* folio_diags_add() with the arguments in ap and the message cut at
 * max_chars characters: for a parser's own formatting function. */
void folio_diags_vadd(folio_diags *diags, folio_rule rule, const char *path, unsigned line,
                      unsigned column, const char *hint, size_t max_chars, const char *fmt,
                      va_list ap) __attribute__((format(printf, 8, 0)));
/* Move every finding of src to the end of dst; src is left empty. */
void folio_diags_move(folio_diags *dst, folio_diags *src);
/* Each finding's path as seen from the folder's parent: folder/path (a
 * site in a folder of its repository, folio_site_root()); "" changes none. */
void folio_diags_prefix(folio_diags *diags, const char *folder);
/* Sort by path, line, column, rule; stable output for stable input. */
void folio_diags_sort(folio_diags *diags);
size_t folio_diags_count(const folio_diags *diags, folio_severity severity);
/* Keep the first max findings of each rule of diags, the findings of one
 * file (a page), in their order; those past it are dropped and said by one
 * finding of their rule and severity after them ("N more ..."). The
 * number of a page's findings is a pusher's choice (a link or a repeated
 * paragraph each), and each is memory, a line of the hook's output, of
 * the note and of the daemon's log. */
void folio_diags_cap_per_rule(folio_diags *diags, size_t max);

/*
 * What folio_diags_move_bounded() did not keep: per rule and severity, how
 * many and the first of them (owned: where the rest start). Caller storage,
 * all zero to begin (calloc or "= { 0 }"); folio_diags_tally_flush() or
 * folio_diags_tally_dispose() empties it.
 */
typedef struct {
	size_t count[FOLIO_RULE__COUNT + 1][2];
	folio_diag first[FOLIO_RULE__COUNT + 1][2];
} folio_diags_tally;

/* folio_diags_move() while dst holds fewer than max findings; the rest of
 * src are freed and counted in tally. A check's findings, page after page:
 * 20,000 pages of one blob of 100 links to no page were 2 million kept. */
void folio_diags_move_bounded(folio_diags *dst, folio_diags *src, size_t max, folio_diags_tally *tally);
/* One finding per rule and severity tally counted, at the first one's
 * place ("N more findings of this rule in this commit are not listed");
 * tally is left empty. An error counted stays an error. */
void folio_diags_tally_flush(folio_diags *dst, folio_diags_tally *tally);
void folio_diags_tally_dispose(folio_diags_tally *tally);

/* "path:line:col: error: message [rule]" plus "  hint: ..." when there is
 * one; the path quoted by folio_buf_put_quoted() when it needs to be. */
void folio_diag_format_text(folio_buf *out, const folio_diag *diag);
void folio_diags_print_text(FILE *fp, const folio_diags *diags);

#endif
