/*
 * The daemon's verdicts: each commit judged by the library (as folio check
 * judges it), stored as a state row and a note, logged one line per
 * finding, and kept for /status and /metrics.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_loop.h"
#include "folio/history.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/banned.h"

void folio_daemon__verdict_dispose(verdict *v)
{
	free(v->report);
	folio_diags_dispose(&v->shown);
}

/* Append copies of the first FOLIO_DAEMON_FINDINGS findings of src to dst. */
static void copy_findings(folio_diags *dst, const folio_diags *src)
{
	size_t n = src->count < FOLIO_DAEMON_FINDINGS ? src->count : FOLIO_DAEMON_FINDINGS;
	FOLIO_ARRAY_GROW(dst->items, dst->count, dst->alloc, dst->count + n);
	for (size_t i = 0; i < n; i++) {
		folio_diag c = src->items[i];
		c.path = c.path ? folio_xstrdup(c.path) : NULL;
		c.message = c.message ? folio_xstrdup(c.message) : NULL;
		c.hint = c.hint ? folio_xstrdup(c.hint) : NULL;
		dst->items[dst->count++] = c;
	}
}

static void status_verdict_dispose(folio_daemon_verdict *v)
{
	if (v->urls)
		for (size_t i = 0; i < v->findings.count; i++)
			free(v->urls[i]);
	free(v->urls);
	free(v->ref);
	free(v->subject);
	v->subject = v->ref = NULL;
	v->urls = NULL;
	folio_diags_dispose(&v->findings);
}

void folio_daemon__status_dispose(folio_daemon_status *s)
{
	for (size_t i = 0; i < s->nverdicts; i++)
		status_verdict_dispose(&s->verdicts[i]);
	for (size_t i = 0; i < s->npreview_verdicts; i++)
		status_verdict_dispose(&s->preview_verdicts[i]);
	s->nverdicts = s->npreview_verdicts = 0;
	free(s->partners_failed);
	free(s->partners);
	free(s->scheduled);
	s->partners_failed = s->partners = s->scheduled = NULL;
}

/* commit's subject, cut at FOLIO_DAEMON_SUBJECT bytes on a UTF-8 boundary;
 * NULL outside a turn or when the commit cannot be read. Caller frees. */
char *folio_daemon__commit_subject(daemon_ctx *d, const char *commit)
{
	git_oid id;
	git_commit *c = NULL;
	char *out = NULL;
	if (!d->repo || git_oid_fromstr(&id, commit) < 0 || git_commit_lookup(&c, d->repo, &id) < 0) {
		git_error_clear();
		return NULL;
	}
	const char *summary = git_commit_summary(c);
	if (summary) {
		size_t n = strlen(summary);
		if (n > FOLIO_DAEMON_SUBJECT) {
			n = FOLIO_DAEMON_SUBJECT;
			while (n && ((unsigned char)summary[n] & 0xC0) == 0x80)
				n--; /* not inside a multibyte character */
		}
		out = folio_xstrndup(summary, n);
	}
	git_commit_free(c);
	return out;
}

/* Put v first in the list (n of them, at most FOLIO_DAEMON_VERDICTS), the oldest dropped. */
static void push_verdict(folio_daemon_verdict *list, size_t *n, folio_daemon_verdict v)
{
	if (*n == FOLIO_DAEMON_VERDICTS)
		status_verdict_dispose(&list[--*n]);
	memmove(&list[1], &list[0], *n * sizeof(list[0]));
	list[0] = v;
	(*n)++;
}

/* Drop the verdict of ref's preview, if any (under s->lock). */
void folio_daemon__forget_preview_verdict(folio_daemon_status *s, const char *ref)
{
	for (size_t i = 0; i < s->npreview_verdicts; i++)
		if (!strcmp(s->preview_verdicts[i].ref, ref)) {
			status_verdict_dispose(&s->preview_verdicts[i]);
			memmove(&s->preview_verdicts[i], &s->preview_verdicts[i + 1],
			        (s->npreview_verdicts - i - 1) * sizeof(s->preview_verdicts[0]));
			s->npreview_verdicts--;
			return;
		}
}

/*
 * Show a verdict on /status, newest first, dropping the oldest.
 * subject is taken (NULL: unknown); findings (NULL: unknown, as for
 * verdicts loaded at start-up) is copied. A preview's tip passes its
 * branch (ref, copied), replacing that branch's last one, and its
 * findings' pages (urls, taken: one per finding copied, or NULL).
 */
void folio_daemon__remember_verdict(daemon_ctx *d, const char *commit, size_t errors, size_t warnings,
                             long long at, char *subject, const folio_diags *findings, const char *ref,
                             char **urls)
{
	folio_daemon_status *s = &d->status;
	folio_daemon_verdict v = { .errors = errors, .warnings = warnings, .checked_at = at,
	                           .subject = subject, .findings_known = findings != NULL,
	                           .ref = ref ? folio_xstrdup(ref) : NULL, .urls = urls };
	snprintf(v.commit, sizeof(v.commit), "%s", commit);
	folio_diags_init(&v.findings);
	if (findings)
		copy_findings(&v.findings, findings);
	pthread_mutex_lock(&s->lock);
	if (!ref) {
		push_verdict(s->verdicts, &s->nverdicts, v);
	} else {
		folio_daemon__forget_preview_verdict(s, ref);
		push_verdict(s->preview_verdicts, &s->npreview_verdicts, v);
	}
	pthread_mutex_unlock(&s->lock);
}

/* Add v, judged now, to the counters of /metrics (verdicts loaded at start-up are not). */
static void count_verdict(folio_daemon_status *s, const verdict *v)
{
	pthread_mutex_lock(&s->lock);
	if (v->errors)
		s->metrics.verdicts_invalid++;
	else
		s->metrics.verdicts_valid++;
	for (int r = 0; r < FOLIO_RULE__COUNT; r++)
		s->metrics.findings[r] += v->findings[r];
	pthread_mutex_unlock(&s->lock);
}

static int store_verdict_row(daemon_ctx *d, const verdict *v, long long at)
{
	folio_state_verdict row = { .errors = v->errors, .warnings = v->warnings, .checked_at = at };
	snprintf(row.commit, sizeof(row.commit), "%s", v->commit);
	return folio_state_verdict_put(d->st, &row, v->report);
}

/* The note folio check --notes writes too: a count line, then the findings. */
static int store_verdict_note(daemon_ctx *d, const verdict *v)
{
	folio_buf text = FOLIO_BUF_INIT;
	folio_verdict_summary(&text, v->errors, v->warnings);
	folio_buf_printf(&text, "\n%s", v->report);
	int rc = folio_history_note_set(d->set.repo, "refs/notes/folio", v->commit, text.ptr);
	folio_buf_dispose(&text);
	return rc;
}

/* Fill v from the findings of commit (the library's verdict: a site
 * without a usable folio.yaml has an error finding for it). */
void folio_daemon__verdict_from(verdict *v, const char *commit, const folio_diags *diags)
{
	folio_buf report = FOLIO_BUF_INIT;
	snprintf(v->commit, sizeof(v->commit), "%s", commit);
	v->errors = folio_diags_count(diags, FOLIO_SEVERITY_ERROR);
	v->warnings = folio_diags_count(diags, FOLIO_SEVERITY_WARNING);
	memset(v->findings, 0, sizeof(v->findings));
	folio_diags_dispose(&v->shown);
	copy_findings(&v->shown, diags);
	for (size_t i = 0; i < diags->count; i++)
		if ((int)diags->items[i].rule >= 0 && diags->items[i].rule < FOLIO_RULE__COUNT)
			v->findings[diags->items[i].rule]++;
	folio_verdict_report(&report, diags); /* the note's, the state's and the log's: bounded */
	free(v->report);
	v->report = folio_buf_detach(&report, NULL);
}

/* Load and validate commit without publishing it. */
int folio_daemon__judge(verdict *v, daemon_ctx *d, const char *commit)
{
	folio_verdicts vs = { 0 };
	folio_check_options co = FOLIO_CHECK_OPTIONS_INIT;
	co.state = d->st; /* a commit of page bodies only: judged from the daemon's one connection */
	co.limits = &d->set.limits;
	co.jobs = d->set.jobs;
	/* the one judgement folio check and the hooks make, outputs' budgets included */
	int rc = folio_verdicts_check_commit(&vs, d->set.repo, commit, NULL, &co);
	if (rc == 0) {
		folio_daemon__verdict_from(v, commit, &vs.items[0].diags);
		v->pages = vs.items[0].nfiles;
	}
	folio_verdicts_dispose(&vs);
	malloc_trim(0); /* as after a publish that loaded the site */
	return rc;
}

/*
 * One log line per finding of v's report, its hint on the same line: a
 * journal reader (or grep) sees a finding whole, never half of it.
 */
static void log_findings(const verdict *v)
{
	const char *p = v->report;
	while (p && *p) {
		size_t len = strcspn(p, "\n");
		const char *next = p + len + (p[len] == '\n');
		const char *hint = next;
		size_t hint_len = 0;
		if (!strncmp(next, "  hint: ", 8)) {
			hint = next + 8;
			hint_len = strcspn(hint, "\n");
			next = hint + hint_len + (hint[hint_len] == '\n');
		}
		folio_log(FOLIO_LOG_WARN, "watch", "%.12s: %.*s%s%.*s", v->commit, (int)len, p,
		          hint_len ? "; hint: " : "", (int)hint_len, hint);
		p = next;
	}
}

/* Log v, one line and its findings; start: when judging began. */
static void log_verdict(const verdict *v, double start)
{
	folio_log(v->errors ? FOLIO_LOG_WARN : FOLIO_LOG_INFO, "watch",
	          "verdict %.12s: %s, %zu errors, %zu warnings, in %.3f s", v->commit,
	          v->errors ? "invalid" : "valid", v->errors, v->warnings, folio_clock_seconds() - start);
	if (v->errors)
		log_findings(v);
}

/* Store v (table, note, status) and log it; start: when judging began. */
int folio_daemon__record(daemon_ctx *d, const verdict *v, double start)
{
	long long at = (long long)time(NULL);
	int rc = store_verdict_row(d, v, at);
	if (rc < 0)
		return rc;
	if (store_verdict_note(d, v) < 0) /* the table has it: not worth a retry */
		folio_log(FOLIO_LOG_WARN, "watch", "%s", folio_error_last());
	folio_daemon__remember_verdict(d, v->commit, v->errors, v->warnings, at, folio_daemon__commit_subject(d, v->commit), &v->shown, NULL,
	                 NULL);
	count_verdict(&d->status, v);
	log_verdict(v, start);
	return 0;
}

/*
 * A branch commit's verdict: its note, as the published branch's commits
 * get, and the log. The site's verdicts (table, last_verdicts, /metrics)
 * stay the published branch's; a preview shows its tip's on /status.
 */
int folio_daemon__record_branch(daemon_ctx *d, const verdict *v, double start)
{
	int rc = store_verdict_note(d, v);
	if (rc == 0)
		log_verdict(v, start);
	return rc;
}

int folio_daemon__judge_and_record(daemon_ctx *d, const char *commit, bool *valid, size_t *pages)
{
	double start = folio_clock_seconds();
	verdict v = { .report = NULL };
	folio_diags_init(&v.shown);
	int rc = folio_daemon__judge(&v, d, commit);
	*pages = v.pages;
	if (rc == 0 && (rc = folio_daemon__record(d, &v, start)) == 0)
		*valid = v.errors == 0;
	folio_daemon__verdict_dispose(&v);
	return rc;
}
