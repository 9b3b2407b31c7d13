/*
 * folio hook <verb>: the work of the Git hooks in hooks/, so each hook is a
 * thin shell script. pre-receive reads git's "old new ref" lines, checks
 * every pushed commit, prints the findings (the pusher sees them as
 * "remote:" lines) and fails when the new tip of the published branch has
 * errors (under strict history: when any of its new commits has); the
 * earlier commits' findings are warnings. Other branches only get a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/folio.h"
#include "cmd.h"
#include "exit.h"
#include "folio/daemon.h"
#include "folio/history.h"
#include "util/log.h"
#include "util/banned.h"

static const char pre_receive_synopsis[] =
	"[--repo PATH] [--branch NAME] [--state DIR] [--config FILE] [--strict-history]\n"
	"                          < <old> <new> <ref> lines";
static const char pre_receive_description[] =
	"Run as a pre-receive hook: check every commit of each pushed branch (old..new,\n"
	"or for a new branch each commit no existing ref reaches), and the published\n"
	"branch's new tip always (a rollback brings no new commit). The published branch\n"
	"(--branch, default main; hooks/pre-receive passes the repository's git config\n"
	"folio.branch, which scripts/setup-server.sh writes from FOLIO_BRANCH) is\n"
	"refused when its new tip has errors: errors of the commits before it are\n"
	"printed as warnings, marked \"fixed by a later commit\" when the tip no longer\n"
	"has them. With --strict-history (or FOLIO_STRICT_HISTORY=1 in the --config\n"
	"file) it is refused when any new commit has errors. Other branches are\n"
	"accepted with a warning. The server decides which branch is published:\n"
	"folio.yaml's `branch`, which the pusher controls, is not read.";

static bool is_zero_id(const char *id)
{
	return strspn(id, "0") == strlen(id);
}

typedef struct {
	const char *objects_repo; /* where the pushed commits can be read */
	folio_verdicts *vs;
	const folio_check_options *opts;
	folio_push_budget *budget; /* push-pages: the whole push's, every ref's */
	const char *tip; /* the published branch's new tip, checked past the budget
	                  * too; NULL for another branch */
} hook_walk;

/*
 * Check one commit, unless the push has spent its push-pages budget: the
 * pusher chooses how many commits a push holds and each may cost a whole
 * site's check (50 commits touching folio.yaml at 2,000 pages took 39 s).
 * Past it only the published branch's tip is checked, which is what the
 * daemon publishes and what decides the push.
 */
static int check_each(const folio_commit_info *c, void *payload)
{
	hook_walk *w = payload;
	if (!folio_push_budget_admits(w->budget, w->tip && !strcmp(c->id, w->tip)))
		return 0;
	size_t before = w->vs->count;
	int rc = folio_verdicts_check_commit(w->vs, w->objects_repo, c->id, c->subject, w->opts);
	if (rc == 0 && w->vs->count > before)
		folio_push_budget_charge(w->budget, w->vs->items[w->vs->count - 1].nfiles);
	return rc;
}

static const char *plural(size_t n)
{
	return folio_i18n_singular(folio_i18n_cli_language(), n) ? "" : "s";
}

/* Say that skipped of ref's new commits were not checked; 1 when that refuses it. */
static int report_skipped(size_t skipped, const char *ref, bool is_published, bool strict, size_t limit)
{
	if (!skipped)
		return 0;
	if (is_published && strict) {
		fprintf(stderr,
		        _("folio: refusing %s: %zu new commit%s not checked, past this server's push-pages "
		        "budget (%zu pages) and it keeps a strict history; push fewer commits at a time\n"),
		        ref, skipped, plural(skipped), limit);
		return 1;
	}
	fprintf(stderr,
	        _("folio: warning: %s: %zu new commit%s not checked, past this server's push-pages budget "
	        "(%zu pages)%s\n"),
	        ref, skipped, plural(skipped), limit, is_published ? _("; its tip was checked") : "");
	return 0;
}

/*
 * Findings a pusher is shown per commit: errors first, then warnings. A
 * migrated site may carry thousands of warnings (24,000 on one real site),
 * which every push printed as "remote:" lines; the errors that refuse it
 * were lost among them. folio check lists more (10,000, then a count per rule).
 */
#define HOOK_ERRORS 50
#define HOOK_OTHERS 20

/* Print the findings and the verdict of one ref update; 1 when it is refused. */
static int report_update(const folio_verdicts *vs, const char *ref, const char *published,
                         bool is_published, bool strict)
{
	size_t errors = folio_verdicts_count(vs, FOLIO_SEVERITY_ERROR);
	size_t warnings = folio_verdicts_count(vs, FOLIO_SEVERITY_WARNING);
	size_t fixed = 0, demoted = folio_verdicts_demoted(vs, &fixed);
	const folio_verdict *tip = vs->count ? &vs->items[vs->count - 1] : NULL;
	size_t tip_errors = tip ? folio_diags_count(&tip->diags, FOLIO_SEVERITY_ERROR) : 0;

	for (size_t i = 0; i < vs->count; i++)
		if (vs->items[i].diags.count)
			folio_report_verdict_text_capped(stderr, &vs->items[i], HOOK_ERRORS, HOOK_OTHERS);
	if (errors && is_published && strict && !tip_errors) {
		fprintf(stderr,
		        _("folio: refusing %s: its tip is clean, but %zu error%s in earlier commits and "
		        "this server keeps a strict history; rewrite those commits (git rebase -i) and "
		        "push again\n"),
		        ref, errors, plural(errors));
		return 1;
	}
	if (errors && is_published) {
		fprintf(stderr, _("folio: refusing %s: %zu error%s %s; fix them and push again\n"), ref, errors,
		        plural(errors), strict ? _("in the new commits (strict history)") : _("at its tip"));
		return 1;
	}
	if (errors) {
		fprintf(stderr, _("folio: warning: %s has %zu error%s; accepted because only %s is published\n"),
		        ref, errors, plural(errors), published);
		return 0;
	}
	fprintf(stderr, _("folio: %s: %zu new commit%s checked, no errors, %zu warning%s"), ref, vs->count,
	        plural(vs->count), warnings, plural(warnings));
	if (demoted)
		fprintf(stderr, _("; the tip decides: %zu error%s of earlier commits reported as %s, "
		                "%zu fixed by a later commit"), demoted, plural(demoted),
		        folio_i18n_singular(folio_i18n_cli_language(), demoted) ? _("a warning") : _("warnings"), fixed);
	fputc('\n', stderr);
	return 0;
}

/*
 * Check the commits one ref update brings; 1 when the push must be refused,
 * 0 when accepted, <0 on a failure.
 */
static int check_update(const char *repo, const char *view, const char *published, bool strict,
                        const folio_check_options *opts, folio_push_budget *budget, const char *old,
                        const char *new, const char *ref)
{
	folio_verdicts vs = { 0 };
	hook_walk w = { view ? view : repo, &vs, opts, budget, NULL };
	size_t skipped = budget->skipped; /* before this ref's walk */
	char *range = NULL;
	int rc;

	if (is_zero_id(new) || strncmp(ref, "refs/heads/", 11))
		return 0; /* deletions and tags carry no new content to publish */
	bool is_published = !strcmp(ref + 11, published);
	w.tip = is_published ? new : NULL;
	if (is_zero_id(old)) {
		rc = folio_history_rev_list(repo, new, true, check_each, &w);
	} else {
		range = malloc(strlen(old) + strlen(new) + 3);
		if (!range)
			abort();
		memcpy(range, old, strlen(old));
		memcpy(range + strlen(old), "..", 2);
		memcpy(range + strlen(old) + 2, new, strlen(new) + 1);
		rc = folio_history_rev_list(repo, range, false, check_each, &w);
	}
	/* a new published branch may point at commits other refs already hold,
	 * and a rollback (new an ancestor of old) brings no new commit at all:
	 * what the daemon would publish is the tip, so check that at least */
	if (rc == 0 && is_published && (!vs.count || strcmp(vs.items[vs.count - 1].id, new)))
		rc = folio_history_rev_list(repo, new, false, check_each, &w);
	free(range);
	if (rc < 0)
		goto done;

	/* the last verdict is new's: the walks go oldest first and the tip
	 * check comes last; what the daemon publishes is that tip */
	folio_verdicts_judge_by_tip(&vs, strict);
	rc = report_update(&vs, ref, published, is_published, strict);
	if (report_skipped(budget->skipped - skipped, ref, is_published, strict, budget->limit))
		rc = 1;
done:
	folio_verdicts_dispose(&vs);
	return rc;
}

static int pre_receive(int argc, char **argv)
{
	const char *repo = ".", *state = NULL, *branch = "main", *config = NULL;
	bool strict = false;
	const folio_opt opts[] = {
		{ "repo", FOLIO_OPT_STRING, &repo, "PATH", "the repository receiving the push (default: .)" },
		{ "branch", FOLIO_OPT_STRING, &branch, "NAME",
		  "the published branch (default: main; hooks/pre-receive passes git config folio.branch)" },
		{ "state", FOLIO_OPT_STRING, &state, "DIR",
		  "the folio watch state of this repository: body-only changes are judged from it"
		  " (hooks/pre-receive passes git config folio.state)" },
		{ "config", FOLIO_OPT_STRING, &config, "FILE",
		  "the server config of folio watch: its FOLIO_LIMIT_ budgets apply to the push"
		  " (hooks/pre-receive passes git config folio.config)" },
		{ "strict-history", FOLIO_OPT_FLAG, &strict, NULL,
		  "refuse the published branch when any new commit has errors, not only its tip"
		  " (also FOLIO_STRICT_HISTORY=1 in --config; hooks/pre-receive passes git config"
		  " folio.strictHistory)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("hook pre-receive", pre_receive_synopsis, pre_receive_description,
	                          opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;

	/* the daemon's budgets, so that what the hook accepts the daemon can
	 * publish; a config folio cannot read refuses the push (fail closed) */
	folio_limits limits;
	folio_limits_init(&limits);
	bool config_strict = false;
	if (config && folio_daemon_config_push_policy(&limits, &config_strict, config) < 0) {
		fprintf(stderr, _("folio hook pre-receive: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	char *view = NULL;
	if (folio_history_quarantine_view(&view, repo) < 0) {
		fprintf(stderr, _("folio hook pre-receive: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	/* a line of any length: git takes a ref name of a kilobyte and more
	 * (four 240-byte names), which a fixed buffer cut in two lines, the
	 * second unreadable, and the push was refused */
	char *line = NULL;
	size_t line_size = 0;
	int exit_code = FOLIO_EXIT_OK;
	folio_check_options co = FOLIO_CHECK_OPTIONS_INIT;
	co.repo_paths = true; /* the pusher reads them, from the repository's top */
	/* one read-only connection to the daemon's state for every commit
	 * pushed; none usable: each is validated whole */
	folio_state *st = NULL;
	if (state && folio_state_open_readonly(&st, state) < 0)
		folio_log(FOLIO_LOG_DEBUG, "check", "no fast verdict: %s", folio_error_last());
	co.state = st;
	co.limits = &limits;
	folio_push_budget budget = { limits.v[FOLIO_LIMIT_PUSH_PAGES], 0, 0 };
	strict = strict || config_strict;
	while (getline(&line, &line_size, stdin) > 0) {
		char old[128], new[128];
		char *ref = malloc(line_size);
		if (!ref)
			abort();
		if (sscanf(line, "%127s %127s %s", old, new, ref) != 3) {
			fprintf(stderr, _("folio hook pre-receive: cannot read the line '%s'\n"), line);
			exit_code = FOLIO_EXIT_USAGE;
			free(ref);
			break;
		}
		rc = check_update(repo, view, branch, strict, &co, &budget, old, new, ref);
		if (rc < 0) {
			fprintf(stderr, _("folio hook pre-receive: %s: %s\n"), ref, folio_error_last());
			exit_code = FOLIO_EXIT_USAGE;
		} else if (rc > 0 && exit_code == FOLIO_EXIT_OK) {
			exit_code = FOLIO_EXIT_CONTENT;
		}
		free(ref);
	}
	free(line);
	folio_state_close(st);
	folio_history_view_remove(view);
	free(view);
	return exit_code;
}

static const folio_cmd verbs[] = {
	{ "pre-receive", pre_receive, "check pushed commits; refuse a published branch whose tip has errors" },
};

int cmd_hook(int argc, char **argv)
{
	if (argc >= 2)
		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
			if (!strcmp(argv[1], verbs[i].name))
				return verbs[i].fn(argc - 1, argv + 1);
	FILE *fp = argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) ? stdout : stderr;
	fprintf(fp, _("usage: folio hook <verb> [<args>]\n\nverbs:\n"));
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(fp, "  %-12s %s\n", verbs[i].name, verbs[i].description);
	return fp == stdout ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
}
