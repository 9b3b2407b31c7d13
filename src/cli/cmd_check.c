/*
 * folio check: validate commits (one, or each of a range), the worktree or
 * the index, and report the findings per commit as text, JSON, JUnit XML or
 * GitHub annotations; --notes stores each commit's verdict as a git note.
 *
 * The checking and the formats live in the library (folio/verdict.h,
 * folio/report.h); this is the command: options, what to check, exit code.
 * A commit is validated whole (its pages streamed as a build reads them,
 * publish/verdict_check.c), or judged from a state: --state's, or in a
 * range without one, a scratch state of the commit before, when it changes
 * only page bodies (check_target).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "exit.h"
#include "folio/history.h"
#include "folio/folio.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/banned.h"

static const char synopsis[] =
	"[--repo PATH] [REV | A..B | --worktree DIR | --staged] [--format FORMAT] [--notes]\n"
	"                   [--strict-history] [--jobs N]\n"
	"                   [--external [--external-cache FILE] [--external-ttl SECONDS]]";
static const char description[] =
	"Validate a site: front matter against the schemas, references, links,\n"
	"anchors, assets, ISBNs and text hygiene. REV (default HEAD) checks one\n"
	"commit; A..B checks each commit reachable from B and not from A, oldest\n"
	"first, each reported on its own (without --state, each commit after one\n"
	"validated whole is judged from it when it changes only page bodies); B\n"
	"decides: errors of the commits before it\n"
	"are reported as warnings, marked \"fixed by a later commit\" when B no\n"
	"longer has them (--strict-history: every commit's errors count). --worktree\n"
	"checks a plain directory and --staged the index of the repository.\n"
	"FORMAT is text (default), json, junit (JUnit XML, one test suite per\n"
	"commit) or github (workflow annotations). In a shallow clone the commits\n"
	"it holds are checked and a warning names what it lacks. --external also\n"
	"asks every http(s) link over the network (HEAD, then GET; answers cached);\n"
	"a dead link is a warning. A finding's severity is its rule's\n"
	"(docs/rules.md), as folio.yaml's rules: and ignore: change it.\n"
	"Exit status: 0 without errors (warnings allowed), 1 when the commit (for\n"
	"A..B: B, or with --strict-history any commit) has errors, 2 on bad usage or\n"
	"a failure to read the site.";

/* ---- the command ---- */

#define NOTES_REF "refs/notes/folio"

typedef struct {
	const char *repo;
	folio_verdicts *vs;
	const folio_check_options *opts;
	folio_state *scratch; /* the range's scratch state, or NULL */
	size_t total, seen;  /* commits of the range, and checked so far */
	folio_push_budget budget; /* push-pages, as the hooks spend it */
} range_walk;

static int check_each(const folio_commit_info *c, void *payload)
{
	range_walk *w = payload;
	/* a range is checked as the hooks check a push (the post-receive hook
	 * runs this on one): past push-pages only its last commit */
	if (!folio_push_budget_admits(&w->budget, w->seen + 1 >= w->total)) {
		w->seen++;
		return 0;
	}
	folio_check_options o = *w->opts;
	if (w->scratch) {
		/* judged from the scratch state when it describes the commit before;
		 * indexed into it for the next commit (the last has none) */
		o.state = w->scratch;
		o.index = w->seen + 1 < w->total;
	}
	w->seen++;
	/* only the last commit's site is left to the exit: a range frees each
	 * other one before it loads the next */
	o.exiting = o.exiting && (!w->total || w->seen >= w->total);
	size_t before = w->vs->count;
	int rc = folio_verdicts_check_commit(w->vs, w->repo, c->id, c->subject, &o);
	if (rc == 0 && w->vs->count > before)
		folio_push_budget_charge(&w->budget, w->vs->items[w->vs->count - 1].nfiles);
	return rc;
}

static int count_each(const folio_commit_info *c, void *payload)
{
	(void)c;
	(*(size_t *)payload)++;
	return 0;
}

/* $XDG_CACHE_HOME/folio/links.sqlite or ~/.cache/folio/..., its directory
 * created; NULL (no cache) when neither is known. Caller frees. */
static char *default_cache_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[4096];
	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/folio", xdg);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.cache/folio", home);
	else
		return NULL;
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	mkdir(dir, 0755);
	size_t n = strlen(dir) + sizeof("/links.sqlite");
	char *path = malloc(n);
	if (!path)
		return NULL;
	snprintf(path, n, "%s/links.sqlite", dir);
	return path;
}

static int check_target(folio_verdicts *vs, folio_history_gaps *gaps, size_t *skipped,
                        const char *repo, const char *rev, const char *worktree, bool staged,
                        const folio_check_options *o)
{
	folio_source *src = NULL;
	int rc;
	if (worktree) {
		if ((rc = folio_site_open_dir(&src, worktree)) == 0)
			rc = folio_verdicts_check_source(vs, src, NULL, "worktree", o);
		folio_source_free(src);
		return rc;
	}
	if (staged) {
		char id[41];
		if ((rc = folio_history_index_commit(id, repo)) < 0)
			return rc;
		if ((rc = folio_verdicts_check_commit(vs, repo, id, "index", o)) == 0) {
			/* the commit only carries the index: it is not a verdict on history */
			free(vs->items[vs->count - 1].id);
			vs->items[vs->count - 1].id = NULL;
		}
		return rc;
	}
	/* Without a state, each commit after the first valid one is judged from
	 * a scratch state of the one before, when it changes only page bodies:
	 * a range costs one whole validation plus what its commits change. A
	 * range of one commit has nothing to chain: it is not counted twice. */
	range_walk w = { repo, vs, o, NULL, 0, 0, { o->limits->v[FOLIO_LIMIT_PUSH_PAGES], 0, 0 } };
	char *scratch = NULL;
	if (strstr(rev, "..")) {
		folio_history_gaps counted = { 0 };
		rc = folio_history_rev_list_gaps(&counted, repo, rev, false, count_each, &w.total);
		folio_history_gaps_dispose(&counted);
		if (rc < 0)
			return rc;
	}
	if (w.total > 1 && !o->state && !o->external) {
		const char *tmp = getenv("TMPDIR");
		scratch = folio_xasprintf("%s/folio-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		/* opened once for the whole range: judged from, then indexed into */
		if (!mkdtemp(scratch) || folio_state_open(&w.scratch, scratch) < 0 ||
		    folio_state_scratch(w.scratch) < 0) {
			folio_state_close(w.scratch);
			w.scratch = NULL;
			if (access(scratch, F_OK) == 0)
				folio_fs_rm_rf(scratch);
			free(scratch); /* no scratch state: every commit is validated whole */
			scratch = NULL;
		}
	}
	rc = folio_history_rev_list_gaps(gaps, repo, rev, false, check_each, &w);
	*skipped = w.budget.skipped;
	folio_state_close(w.scratch);
	if (scratch) {
		folio_fs_rm_rf(scratch);
		free(scratch);
	}
	return rc;
}

/* What a shallow clone could not give, said on stderr (and as a workflow
 * warning with --format github): the commits it holds were checked. */
static void report_gaps(const folio_history_gaps *gaps, const folio_verdicts *vs, folio_format fmt)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (gaps->from_missing)
		folio_buf_printf(&b, _("this clone is shallow and lacks '%s': checked the %zu commit%s it holds"),
		                 gaps->from_missing, vs->count, folio_i18n_singular(folio_i18n_cli_language(), vs->count) ? "" : "s");
	else if (gaps->boundary)
		folio_buf_printf(&b, _("this clone is shallow: the range goes on past %.12s, whose parents it lacks; "
		                 "checked the %zu commit%s it holds"),
		                 gaps->first_boundary, vs->count, folio_i18n_singular(folio_i18n_cli_language(), vs->count) ? "" : "s");
	if (b.size) {
		folio_buf_puts(&b, _("; git fetch --deepen=N or --unshallow checks the rest"));
		fprintf(stderr, _("folio check: warning: %s\n"), b.ptr);
		if (fmt == FOLIO_FORMAT_GITHUB)
			printf("::warning title=folio check: shallow clone::%s\n", b.ptr);
	}
	folio_buf_dispose(&b);
}

/* Say that skipped commits of the range were not checked (past push-pages);
 * true when that fails the check: a strict history needs every commit. */
static bool report_skipped(size_t skipped, const folio_limits *limits, bool strict, folio_format fmt)
{
	if (!skipped)
		return false;
	char *text = folio_xasprintf(_("%zu commit%s of the range not checked, past push-pages (%zu pages); "
	                             "its last commit was checked%s"),
	                             skipped, folio_i18n_singular(folio_i18n_cli_language(), skipped) ? "" : "s",
	                             limits->v[FOLIO_LIMIT_PUSH_PAGES],
	                             strict ? _(", and a strict history needs every one: check fewer at a time") : "");
	fprintf(stderr, strict ? _("folio check: %s\n") : _("folio check: warning: %s\n"), text);
	if (fmt == FOLIO_FORMAT_GITHUB)
		printf("::%s title=folio check: push-pages::%s\n", strict ? "error" : "warning", text);
	free(text);
	return strict;
}

int cmd_check(int argc, char **argv)
{
	const char *repo = ".", *worktree = NULL, *format = "text", *cache = NULL, *state = NULL;
	bool staged = false, notes = false, external = false, strict = false;
	int ttl = 86400, jobs = 0;
	folio_limits limits;
	folio_limits_init(&limits);
	const folio_opt opts[] = {
		{ "repo", FOLIO_OPT_STRING, &repo, "PATH", "Git repository of the site (default: .)" },
		{ "worktree", FOLIO_OPT_STRING, &worktree, "DIR", "check a plain directory instead of commits" },
		{ "staged", FOLIO_OPT_FLAG, &staged, NULL, "check the index (what the next commit holds)" },
		{ "format", FOLIO_OPT_STRING, &format, "FORMAT", "text, json, junit or github (default: text)" },
		{ "notes", FOLIO_OPT_FLAG, &notes, NULL, "store each verdict as a note under " NOTES_REF },
		{ "strict-history", FOLIO_OPT_FLAG, &strict, NULL,
		  "every commit of A..B counts: exit 1 when any has errors, not only B" },
		{ "external", FOLIO_OPT_FLAG, &external, NULL, "check external links over HTTP (warnings)" },
		{ "external-cache", FOLIO_OPT_STRING, &cache, "FILE",
		  "SQLite cache of answers (default: ~/.cache/folio/links.sqlite)" },
		{ "external-ttl", FOLIO_OPT_INT, &ttl, "SECONDS", "how long a cached answer holds (default: 86400)" },
		{ "state", FOLIO_OPT_STRING, &state, "DIR",
		  "a folio watch state: commits that change only page bodies of its published commit are judged from it" },
		{ "limit", FOLIO_OPT_LIMIT, &limits, "NAME=VALUE",
		  "set a budget (repeatable; docs/security.md lists them); folio.yaml may only lower it" },
		{ "jobs", FOLIO_OPT_INT, &jobs, "N", "threads (default: one per core)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	char *pos[1] = { NULL };
	int npos = 0;
	folio_format fmt = FOLIO_FORMAT_TEXT;
	int rc = folio_opts_parse("check", synopsis, description, opts, argc, argv, pos, 1, &npos);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (folio_format_parse(&fmt, format) < 0) {
		fprintf(stderr, _("folio check: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	if ((worktree != NULL) + staged + (npos > 0) > 1) {
		fprintf(stderr, _("folio check: give one of REV, A..B, --worktree or --staged\n"));
		return FOLIO_EXIT_USAGE;
	}
	if (notes && (worktree || staged)) {
		fprintf(stderr, _("folio check: --notes needs commits, not --worktree or --staged\n"));
		return FOLIO_EXIT_USAGE;
	}

	folio_linkcheck_options lo = FOLIO_LINKCHECK_OPTIONS_INIT;
	folio_check_options co = FOLIO_CHECK_OPTIONS_INIT;
	co.repo_paths = true; /* a person reads them, from the repository's top */
	co.exiting = true;    /* the report is all that follows the check */
	char *default_cache = NULL;
	if (external) {
		lo.cache_path = cache ? cache : (default_cache = default_cache_path());
		lo.ttl_seconds = ttl;
		co.external = &lo;
	}
	/* its one connection to a daemon's state, read-only; none usable: every
	 * commit is validated whole */
	folio_state *st = NULL;
	if (state && folio_state_open_readonly(&st, state) < 0)
		folio_log(FOLIO_LOG_DEBUG, "check", "no fast verdict: %s", folio_error_last());
	co.state = st;
	co.limits = &limits;
	co.jobs = jobs;
	folio_verdicts vs = { 0 };
	folio_history_gaps gaps = { 0 };
	size_t skipped = 0;
	rc = check_target(&vs, &gaps, &skipped, repo, npos ? pos[0] : "HEAD", worktree, staged, &co);
	if (rc == 0 && notes)
		rc = folio_verdicts_write_notes(&vs, repo, NOTES_REF);
	folio_verdicts_judge_by_tip(&vs, strict); /* after the notes: they keep each commit's own verdict */
	int exit_code = FOLIO_EXIT_OK;
	if (rc < 0) {
		fprintf(stderr, _("folio check: %s\n"), folio_error_last());
		exit_code = FOLIO_EXIT_USAGE;
	} else {
		folio_report_write(stdout, &vs, fmt);
		report_gaps(&gaps, &vs, fmt);
		if (folio_verdicts_count(&vs, FOLIO_SEVERITY_ERROR) || report_skipped(skipped, &limits, strict, fmt))
			exit_code = FOLIO_EXIT_CONTENT;
	}
	folio_verdicts_dispose(&vs);
	folio_history_gaps_dispose(&gaps);
	folio_state_close(st);
	free(default_cache);
	return exit_code;
}
