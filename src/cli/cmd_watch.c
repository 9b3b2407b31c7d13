/* folio watch: the daemon that validates and publishes every push. */
#include <stdio.h>

#include "cmd.h"
#include "exit.h"
#include "folio/daemon.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] =
	"--repo PATH [--out DIR] [--state DIR] [--branch NAME] [--listen HOST:PORT] [--socket PATH]\n"
	"       [--poll SECONDS] [--webhook-secret-file FILE] [--jobs N] [--secrets FILE] [--no-deliver]\n"
	"       [--config FILE]\n"
	"   or: folio watch --config FILE [options, each winning over the file]";
static const char description[] =
	"Watch the published branch of a site's repository: validate every new\n"
	"commit (first parents, oldest first), store its verdict in the state and as\n"
	"a git note under refs/notes/folio, and publish the newest valid commit\n"
	"incrementally. An invalid commit is reported and never published; the last\n"
	"good site stays online. Wakes on a change of the branch's ref, a message on\n"
	"--socket (see 'folio notify'), a verified forge webhook (POST /webhook on\n"
	"--listen; secret from --webhook-secret-file or $FOLIO_WEBHOOK_SECRET), and\n"
	"every --poll seconds; a webhook makes a mirror (git clone --mirror) fetch\n"
	"origin first (docs/server.md). --listen also serves GET / (a status page\n"
	"for people, in the site's language, French or English), GET /healthz,\n"
	"GET /status (JSON, docs/status.schema.json) and GET /metrics (Prometheus\n"
	"text format). Logs one line per event on stderr (a finding and its hint on\n"
	"one), prefixed with a journald priority when stderr is the journal.\n"
	"After each publish, the partner deliveries it enqueued are sent (and retried\n"
	"with backoff) by a thread of their own; --secrets as for 'folio deliveries'.\n"
	"A publish that fails (a full disk) publishes nothing, shows on /status and\n"
	"is retried every 5 seconds. A rewind or force-push of the branch is followed:\n"
	"the new tip is judged and, when valid, published (pages it lacks deleted),\n"
	"logged and shown on /status as \"rewound\". --out must be missing, empty or a\n"
	"folio output (it holds .folio-output); anything else is refused.\n"
	"Every other branch (and refs/merge-requests/N/head, refs/pull/N/head) is\n"
	"previewed: its commits judged and noted, its tip published into\n"
	"FOLIO_PREVIEWS_DIR/<name>/ for FOLIO_PREVIEWS_URL/<name>/, served at\n"
	"/previews/<name>/, removed with the branch, at most FOLIO_PREVIEWS_MAX\n"
	"(default 10, 0: off) kept, the least recently pushed evicted (docs/server.md).\n"
	"--out s3://BUCKET/PREFIX publishes into S3-compatible object storage, with\n"
	"AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from\n"
	"the environment or the config (read at start; docs/server.md).\n"
	"Pages held by draft, publish_date or expiry_date (docs/front-matter.md) are\n"
	"published or taken down at their time without a push: the daemon wakes at\n"
	"the earliest and publishes the commit again; /status lists them as\n"
	"\"scheduled\". $FOLIO_NOW or $FOLIO_NOW_FILE (a file read at each look at the\n"
	"clock, every second) set the clock, for tests.\n"
	"\n"
	"--config FILE reads the server config, KEY=value lines as systemd's\n"
	"EnvironmentFile= reads them (scripts/server-config.example): FOLIO_REPO,\n"
	"FOLIO_OUT, FOLIO_STATE, FOLIO_BRANCH, FOLIO_LISTEN, FOLIO_SOCKET, FOLIO_POLL,\n"
	"FOLIO_WEBHOOK_SECRET_FILE (or FOLIO_WEBHOOK_SECRET, in a file of mode 0600),\n"
	"FOLIO_PARTNER_SECRETS, FOLIO_JOBS, FOLIO_PREVIEWS_MAX, FOLIO_PREVIEWS_DIR,\n"
	"FOLIO_PREVIEWS_URL, and the AWS_ keys above. An option given on the command line wins\n"
	"over the file; an empty value is no value; another FOLIO_ key is an error.\n"
	"\n"
	"SIGTERM and SIGINT stop after the current commit. SIGHUP re-reads --config\n"
	"and the webhook secret: the secret, the poll interval and the jobs change at\n"
	"once, other changes wait for a restart, and a file with an error changes\n"
	"nothing. One daemon per state directory: a second one is refused; a daemon\n"
	"whose state directory is deleted under it stops with status 2.";

int cmd_watch(int argc, char **argv)
{
	folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
	const folio_opt opts[] = {
		{ "repo", FOLIO_OPT_STRING, &o.repo, "PATH", "the site's Git repository (bare or not)" },
		{ "out", FOLIO_OPT_STRING, &o.out_dir, "DIR", "output directory or s3://BUCKET/PREFIX (default: public)" },
		{ "state", FOLIO_OPT_STRING, &o.state_dir, "DIR", "state directory (default: state)" },
		{ "branch", FOLIO_OPT_STRING, &o.branch, "NAME", "published branch (default: main)" },
		{ "listen", FOLIO_OPT_STRING, &o.listen, "HOST:PORT", "serve /, /healthz, /status, /metrics, /webhook" },
		{ "socket", FOLIO_OPT_STRING, &o.socket_path, "PATH", "Unix socket for wake-ups" },
		{ "poll", FOLIO_OPT_INT, &o.poll_seconds, "SECONDS", "re-check interval (default: 30)" },
		{ "webhook-secret-file", FOLIO_OPT_STRING, &o.webhook_secret_file, "FILE",
		  "webhook secret, mode 0600, blanks around it ignored (default: $FOLIO_WEBHOOK_SECRET)" },
		{ "jobs", FOLIO_OPT_INT, &o.jobs, "N", "threads (default: one per core)" },
		{ "secrets", FOLIO_OPT_STRING, &o.secrets_file, "FILE",
		  "partner secrets, mode 0600 (default: $FOLIO_SECRET_<NAME>)" },
		{ "no-deliver", FOLIO_OPT_FLAG, &o.no_deliver, NULL, "leave partner deliveries in the outbox" },
		{ "config", FOLIO_OPT_STRING, &o.config_file, "FILE",
		  "server config, KEY=value (scripts/server-config.example)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	o.poll_seconds = -1; /* the parser takes no negative number: -1 stays "not given" */
	int rc = folio_opts_parse("watch", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (!o.repo && !o.config_file) {
		fprintf(stderr, _("folio watch: --repo is required (or --config with FOLIO_REPO)\n"));
		return FOLIO_EXIT_USAGE;
	}
	if (o.poll_seconds == 0) {
		fprintf(stderr, _("folio watch: --poll must be a positive number of seconds\n"));
		return FOLIO_EXIT_USAGE;
	}
	if (folio_daemon_run(&o) < 0) {
		fprintf(stderr, _("folio watch: %s\n"), folio_error_last());
		return FOLIO_EXIT_USAGE;
	}
	return FOLIO_EXIT_OK;
}
