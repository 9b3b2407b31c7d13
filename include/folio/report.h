/*
 * Verdicts written for people and for tools: text, JSON, JUnit XML (one
 * test suite per commit, one case per page) and GitHub workflow
 * annotations. Every string from the content is made valid for its format
 * (UTF-8 repaired, XML's forbidden characters replaced, escapes applied).
 */
#ifndef FOLIO_REPORT_H
#define FOLIO_REPORT_H

#include <stdio.h>

#include "buf.h"
#include "verdict.h"

typedef enum {
	FOLIO_FORMAT_TEXT,
	FOLIO_FORMAT_JSON,
	FOLIO_FORMAT_JUNIT,
	FOLIO_FORMAT_GITHUB,
} folio_format;

/* Parse "text", "json", "junit" or "github"; FOLIO_EINVALID otherwise. */
int folio_format_parse(folio_format *out, const char *name);
/* The verdicts in fmt to fp, ending with a line that counts them. */
void folio_report_write(FILE *fp, const folio_verdicts *vs, folio_format fmt);
/* One verdict as text: "commit <short> <subject>" (commits only), then its findings. */
void folio_report_verdict_text(FILE *fp, const folio_verdict *v);
/* As folio_report_verdict_text, for a reader who cannot scroll back (a
 * pusher's "remote:" lines): its errors first, at most max_errors, then at
 * most max_others other findings, and a line counting those left out. */
void folio_report_verdict_text_capped(FILE *fp, const folio_verdict *v, size_t max_errors,
                                      size_t max_others);
/* One finding of v as text (folio_diag_format_text), its mark appended to
 * the first line: " (fixed by a later commit)" or " (still at the tip)". */
void folio_report_finding(folio_buf *out, const folio_verdict *v, size_t i);

#endif
