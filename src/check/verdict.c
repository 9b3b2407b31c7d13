/*
 * Verdicts: the type, the tip of a range deciding, and the note each commit
 * keeps. Checking a source into one runs the publisher's judge and index, so
 * it lives above them, in publish/verdict_check.c.
 */
#include "folio/verdict.h"

#include <stdlib.h>
#include <string.h>

#include "folio/history.h"
#include "util/alloc.h"
#include "util/banned.h"

void folio_verdicts_dispose(folio_verdicts *vs)
{
	for (size_t i = 0; i < vs->count; i++) {
		folio_verdict *v = &vs->items[i];
		free(v->id);
		free(v->subject);
		free(v->branch);
		for (size_t j = 0; j < v->nfiles; j++)
			free(v->files[j]);
		free(v->files);
		folio_diags_dispose(&v->diags);
		free(v->marks);
	}
	free(vs->items);
	memset(vs, 0, sizeof(*vs));
}

size_t folio_verdicts_count(const folio_verdicts *vs, folio_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < vs->count; i++)
		n += folio_diags_count(&vs->items[i].diags, severity);
	return n;
}

/* ---- the tip decides ---- */

/* True when tip has d: same rule and path, and the same message or line. */
static bool tip_has(const folio_verdict *tip, const folio_diag *d)
{
	for (size_t i = 0; i < tip->diags.count; i++) {
		const folio_diag *t = &tip->diags.items[i];
		if (t->rule == d->rule && !strcmp(t->path, d->path) &&
		    (!strcmp(t->message, d->message) || (d->line && t->line == d->line)))
			return true;
	}
	return false;
}

void folio_verdicts_judge_by_tip(folio_verdicts *vs, bool strict)
{
	if (vs->count < 2)
		return;
	const folio_verdict *tip = &vs->items[vs->count - 1];
	for (size_t i = 0; i + 1 < vs->count; i++) {
		folio_verdict *v = &vs->items[i];
		v->earlier = true;
		if (!v->diags.count)
			continue;
		v->marks = folio_xrealloc(v->marks, v->diags.count);
		for (size_t j = 0; j < v->diags.count; j++) {
			folio_diag *d = &v->diags.items[j];
			v->marks[j] = tip_has(tip, d) ? 0 : FOLIO_MARK_FIXED;
			if (!strict && d->severity == FOLIO_SEVERITY_ERROR) {
				d->severity = FOLIO_SEVERITY_WARNING;
				v->marks[j] |= FOLIO_MARK_DEMOTED;
			}
		}
	}
}

size_t folio_verdicts_demoted(const folio_verdicts *vs, size_t *fixed)
{
	size_t n = 0, nfixed = 0;
	for (size_t i = 0; i < vs->count; i++)
		for (size_t j = 0; vs->items[i].marks && j < vs->items[i].diags.count; j++)
			if (vs->items[i].marks[j] & FOLIO_MARK_DEMOTED) {
				n++;
				nfixed += (vs->items[i].marks[j] & FOLIO_MARK_FIXED) != 0;
			}
	if (fixed)
		*fixed = nfixed;
	return n;
}

/* ---- notes ---- */

static void put_count(folio_buf *out, size_t n, const char *noun)
{
	folio_buf_printf(out, "%zu %s%s", n, noun, n == 1 ? "" : "s");
}

void folio_verdict_summary(folio_buf *out, size_t errors, size_t warnings)
{
	folio_buf_puts(out, "folio: ");
	put_count(out, errors, "error");
	folio_buf_puts(out, ", ");
	put_count(out, warnings, "warning");
}

void folio_verdict_report(folio_buf *out, const folio_diags *diags)
{
	size_t n = diags->count < FOLIO_VERDICT_REPORT_MAX ? diags->count : FOLIO_VERDICT_REPORT_MAX;
	for (size_t i = 0; i < n; i++)
		folio_diag_format_text(out, &diags->items[i]);
	if (diags->count > n)
		folio_buf_printf(out, "folio: %zu more findings not listed here\n",
		                 diags->count - n);
}

void folio_verdict_note(folio_buf *out, const folio_diags *diags)
{
	folio_verdict_summary(out, folio_diags_count(diags, FOLIO_SEVERITY_ERROR),
	                      folio_diags_count(diags, FOLIO_SEVERITY_WARNING));
	folio_buf_putc(out, '\n');
	folio_verdict_report(out, diags);
}

int folio_verdicts_write_notes(const folio_verdicts *vs, const char *repo, const char *notes_ref)
{
	folio_buf text = FOLIO_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < vs->count && !rc; i++) {
		const folio_verdict *v = &vs->items[i];
		if (!v->id)
			continue;
		folio_buf_clear(&text);
		folio_verdict_note(&text, &v->diags);
		rc = folio_history_note_set(repo, notes_ref, v->id, text.ptr);
	}
	folio_buf_dispose(&text);
	return rc;
}
