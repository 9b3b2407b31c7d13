/*
 * folio hook <verb>: the work of the Git hooks in hooks/, so each hook is a
 * thin shell script. pre-receive reads git's "old new ref" lines, checks
 * every pushed commit, prints the findings (the pusher sees them as
 * "remote:" lines) and fails when a commit bound for the published branch
 * has errors; other branches only get a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "exit.h"
#include "folio/daemon.h"
#include "folio/history.h"
#include "util/banned.h"

static const char pre_receive_synopsis[] =
	"[--repo PATH] [--branch NAME] [--state DIR] [--config FILE] < <old> <new> <ref> lines";
static const char pre_receive_description[] =
	"Run as a pre-receive hook: check every commit of each pushed branch (old..new,\n"
	"or for a new branch each commit no existing ref reaches), and the published\n"
	"branch's new tip always (a rollback brings no new commit). The published branch\n"
	"(--branch, default main; hooks/pre-receive passes the repository's git config\n"
	"folio.branch, which scripts/setup-server.sh writes from FOLIO_BRANCH) is\n"
	"refused when one of its new commits has errors; other branches are accepted\n"
	"with a warning. The server decides which branch is published: folio.yaml's\n"
	"`branch`, which the pusher controls, is not read.";

static bool is_zero_id(const char *id)
{
	return strspn(id, "0") == strlen(id);
}

typedef struct {
	const char *objects_repo; /* where the pushed commits can be read */
	folio_verdicts *vs;
} hook_walk;

static int check_each(const folio_commit_info *c, void *payload)
{
	hook_walk *w = payload;
	return folio_cli_check_commit(w->vs, w->objects_repo, c->id, c->subject);
}

/*
 * Check the commits one ref update brings; 1 when the push must be refused,
 * 0 when accepted, <0 on a failure.
 */
static int check_update(const char *repo, const char *view, const char *published,
                        const char *old, const char *new, const char *ref)
{
	folio_verdicts vs = { 0 };
	hook_walk w = { view ? view : repo, &vs };
	char *range = NULL;
	int rc;

	if (is_zero_id(new) || strncmp(ref, "refs/heads/", 11))
		return 0; /* deletions and tags carry no new content to publish */
	bool is_published = !strcmp(ref + 11, published);
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

	size_t errors = folio_verdicts_count(&vs, FOLIO_SEVERITY_ERROR);
	size_t warnings = folio_verdicts_count(&vs, FOLIO_SEVERITY_WARNING);

	for (size_t i = 0; i < vs.count; i++)
		if (vs.items[i].diags.count)
			folio_cli_print_verdict_text(stderr, &vs.items[i]);
	if (errors && is_published) {
		fprintf(stderr, "folio: refusing %s: %zu error%s in %zu new commit%s; fix them and push again\n",
		        ref, errors, errors == 1 ? "" : "s", vs.count, vs.count == 1 ? "" : "s");
		rc = 1;
	} else if (errors) {
		fprintf(stderr, "folio: warning: %s has %zu error%s; accepted because only %s is published\n",
		        ref, errors, errors == 1 ? "" : "s", published);
	} else {
		fprintf(stderr, "folio: %s: %zu new commit%s checked, no errors, %zu warning%s\n", ref,
		        vs.count, vs.count == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	}
done:
	folio_verdicts_dispose(&vs);
	return rc;
}

static int pre_receive(int argc, char **argv)
{
	const char *repo = ".", *state = NULL, *branch = "main", *config = NULL;
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
	if (config && folio_daemon_config_limits(&limits, config) < 0) {
		fprintf(stderr, "folio hook pre-receive: %s\n", folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	char *view = NULL;
	if (folio_history_quarantine_view(&view, repo) < 0) {
		fprintf(stderr, "folio hook pre-receive: %s\n", folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	char line[1024];
	int exit_code = FOLIO_EXIT_OK;
	folio_cli_check_set_state(state);
	folio_cli_check_set_limits(&limits);
	while (fgets(line, sizeof(line), stdin)) {
		char old[128], new[128], ref[900];
		if (sscanf(line, "%127s %127s %899s", old, new, ref) != 3) {
			fprintf(stderr, "folio hook pre-receive: cannot read the line '%s'\n", line);
			exit_code = FOLIO_EXIT_USAGE;
			break;
		}
		rc = check_update(repo, view, branch, old, new, ref);
		if (rc < 0) {
			fprintf(stderr, "folio hook pre-receive: %s: %s\n", ref, folio_error_last());
			exit_code = FOLIO_EXIT_USAGE;
		} else if (rc > 0 && exit_code == FOLIO_EXIT_OK) {
			exit_code = FOLIO_EXIT_CONTENT;
		}
	}
	folio_cli_check_set_state(NULL);
	folio_cli_check_set_limits(NULL);
	folio_history_view_remove(view);
	free(view);
	return exit_code;
}

static const folio_cmd verbs[] = {
	{ "pre-receive", pre_receive, "check pushed commits; refuse errors bound for the published branch" },
};

int cmd_hook(int argc, char **argv)
{
	if (argc >= 2)
		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
			if (!strcmp(argv[1], verbs[i].name))
				return verbs[i].fn(argc - 1, argv + 1);
	FILE *fp = argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) ? stdout : stderr;
	fprintf(fp, "usage: folio hook <verb> [<args>]\n\nverbs:\n");
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(fp, "  %-12s %s\n", verbs[i].name, verbs[i].description);
	return fp == stdout ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
}
