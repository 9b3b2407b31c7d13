/* folio watch: the daemon that validates and publishes every push. */
#include <stdio.h>

#include "cmd.h"
#include "exit.h"
#include "folio/daemon.h"
#include "folio/folio.h"

static const char synopsis[] =
	"--repo PATH [--out DIR] [--state DIR] [--branch NAME] [--listen HOST:PORT] [--socket PATH]\n"
	"       [--poll SECONDS] [--webhook-secret-file FILE] [--jobs N] [--secrets FILE] [--no-deliver]";
static const char description[] =
	"Watch the published branch of a site's repository: validate every new\n"
	"commit (first parents, oldest first), store its verdict in the state and as\n"
	"a git note under refs/notes/folio, and publish the newest valid commit\n"
	"incrementally. An invalid commit is reported and never published; the last\n"
	"good site stays online. Wakes on a change of the branch's ref, a message on\n"
	"--socket (see 'folio notify'), a verified forge webhook (POST /webhook on\n"
	"--listen; secret from --webhook-secret-file or $FOLIO_WEBHOOK_SECRET), and\n"
	"every --poll seconds. --listen also serves GET /healthz and GET /status.\n"
	"After each publish, the partner deliveries it enqueued are sent (and retried\n"
	"with backoff) by a thread of their own; --secrets as for 'folio deliveries'.\n"
	"SIGTERM and SIGINT stop after the current commit; SIGHUP re-reads the secret.\n"
	"One daemon per state directory: a second one is refused.";

int cmd_watch(int argc, char **argv)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	const folio_opt opts[] = {
		{ "repo", FOLIO_OPT_STRING, &o.repo, "PATH", "the site's Git repository (bare or not)" },
		{ "out", FOLIO_OPT_STRING, &o.out_dir, "DIR", "output directory (default: public)" },
		{ "state", FOLIO_OPT_STRING, &o.state_dir, "DIR", "state directory (default: state)" },
		{ "branch", FOLIO_OPT_STRING, &o.branch, "NAME", "published branch (default: main)" },
		{ "listen", FOLIO_OPT_STRING, &o.listen, "HOST:PORT", "serve /healthz, /status, /webhook" },
		{ "socket", FOLIO_OPT_STRING, &o.socket_path, "PATH", "Unix socket for wake-ups" },
		{ "poll", FOLIO_OPT_INT, &o.poll_seconds, "SECONDS", "re-check interval (default: 30)" },
		{ "webhook-secret-file", FOLIO_OPT_STRING, &o.webhook_secret_file, "FILE",
		  "webhook secret, mode 0600 (default: $FOLIO_WEBHOOK_SECRET)" },
		{ "jobs", FOLIO_OPT_INT, &o.jobs, "N", "threads (default: one per core)" },
		{ "secrets", FOLIO_OPT_STRING, &o.secrets_file, "FILE",
		  "partner secrets, mode 0600 (default: $FOLIO_SECRET_<NAME>)" },
		{ "no-deliver", FOLIO_OPT_FLAG, &o.no_deliver, NULL, "leave partner deliveries in the outbox" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("watch", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (!o.repo) {
		fprintf(stderr, "folio watch: --repo is required\n");
		return FOLIO_EXIT_USAGE;
	}
	if (o.poll_seconds <= 0) {
		fprintf(stderr, "folio watch: --poll must be a positive number of seconds\n");
		return FOLIO_EXIT_USAGE;
	}
	if (folio_daemon_run(&o) < 0) {
		fprintf(stderr, "folio watch: %s\n", folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	return FOLIO_EXIT_OK;
}
