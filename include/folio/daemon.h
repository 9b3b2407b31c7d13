/*
 * The daemon (folio watch): one process per site turns every new commit of
 * the published branch into a verdict, and the newest valid one into the
 * published site.
 *
 *     folio_daemon_options o = FOLIO_DAEMON_OPTIONS_INIT;
 *     o.repo = "/srv/site.git"; o.out_dir = "/var/www/site";
 *     o.state_dir = "/var/lib/folio/site"; o.listen = "127.0.0.1:8080";
 *     // or o.config_file = "/etc/folio/site.conf" for all of them
 *     return folio_daemon_run(&o) < 0 ? 2 : 0;   // until SIGTERM or SIGINT
 *
 * It wakes on a change of the branch's ref (inotify), a datagram on its Unix
 * socket (folio_daemon_notify(), sent by hooks/post-receive), a verified
 * forge webhook on --listen, or the poll interval. Commits are processed one
 * at a time, oldest first, along first parents; each verdict goes to the
 * state's verdicts table and to a git note under refs/notes/folio. The last
 * processed commit is the state's "watch_last_commit", so a restart resumes
 * with the commits pushed while the daemon was down. A branch whose new tip
 * does not descend from that commit (a rollback, a force-push) is followed:
 * the commits after the merge base are judged and the tip published when
 * valid. The daemon stops (folio_daemon_run returns FOLIO_ERROR) when its
 * lock file is removed or replaced under it. A thread sends the
 * partner deliveries each publish enqueues, and retries them (deliver.h).
 */
#ifndef FOLIO_DAEMON_H
#define FOLIO_DAEMON_H

#include <stddef.h>

#include "common.h"
#include "limits.h"

/*
 * A field left unset (NULL, poll_seconds <= 0, jobs < 0) takes the value of
 * config_file when it sets one, else the default given here; a field set
 * here wins over the file.
 */
typedef struct {
	const char *repo;        /* the site's repository (bare or not); FOLIO_REPO */
	const char *out_dir;     /* default "public"; FOLIO_OUT */
	const char *state_dir;   /* default "state"; FOLIO_STATE */
	const char *branch;      /* published branch, without "refs/heads/"; default "main"; FOLIO_BRANCH */
	const char *listen;      /* "127.0.0.1:8080" for /healthz, /status and /webhook; default none */
	const char *socket_path; /* Unix datagram socket for wake-ups; default none */
	int poll_seconds;        /* fallback re-check interval; default 30 */
	const char *webhook_secret_file; /* mode 0600; default FOLIO_WEBHOOK_SECRET of the file, then of the environment */
	int jobs;                /* threads for publishing, 0 = one per core (the default) */
	const char *secrets_file; /* partner secrets (deliver.h); default: environment only */
	bool no_deliver;         /* leave partner deliveries in the outbox */
	const char *config_file; /* KEY=value server config (scripts/server-config.example); NULL: none */
} folio_daemon_options;

#define FOLIO_DAEMON_OPTIONS_INIT { NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, -1, NULL, false, NULL }

/* Meta key of the state holding the last commit the daemon processed. */
#define FOLIO_DAEMON_LAST_KEY "watch_last_commit"

/*
 * Run until SIGTERM or SIGINT (the current commit is finished first), then
 * return 0. SIGHUP re-reads config_file and the webhook secret: the secret,
 * the poll interval, the jobs and the budgets change at once; a changed repository,
 * output, state, branch, listen address, socket or partner secrets file is
 * reported and waits for a restart; a file with an error changes nothing.
 * FOLIO_EEXISTS when another daemon watches the same state directory
 * (<state>/daemon.lock) or the output directory is not a folio output (not
 * empty, no .folio-output); another negative code when the daemon cannot
 * start, or when its lock file was removed or replaced while it ran
 * (message in folio_error_last()).
 */
int folio_daemon_run(const folio_daemon_options *opts);

/*
 * The budgets a server config file sets (FOLIO_LIMIT_<NAME>=VALUE lines;
 * the defaults for the others), so that the hooks judge a push with the
 * limits the daemon publishes it with. The whole file is read as the
 * daemon reads it: an error in any line is an error here (a negative code,
 * message naming file and line).
 */
int folio_daemon_config_limits(folio_limits *out, const char *config_file);
/* The same, and whether the file asks for a strict history
 * (FOLIO_STRICT_HISTORY=1: pre-receive refuses the published branch when
 * any new commit has errors, not only its tip). */
int folio_daemon_config_push_policy(folio_limits *limits, bool *strict_history,
                                    const char *config_file);

/* Wake the daemon listening on socket_path. FOLIO_ENOTFOUND when none listens. */
int folio_daemon_notify(const char *socket_path);

/*
 * True when one of the forge signatures of body verifies against secret, in
 * constant time: GitHub's X-Hub-Signature-256 ("sha256=<hex HMAC-SHA256>"),
 * GitLab's X-Gitlab-Token (the secret itself), Gitea's X-Gitea-Signature
 * (<hex HMAC-SHA256>). Absent headers are NULL; false when all are.
 */
bool folio_daemon_webhook_verify(const char *secret, const char *github_sig, const char *gitlab_token,
                          const char *gitea_sig, const void *body, size_t len);

/* The longest name of a preview directory (folio_daemon_preview_name). */
#define FOLIO_PREVIEW_NAME_MAX 64

/*
 * The name under which the daemon previews ref (its folder in the previews
 * directory, its URL <previews URL>/<name>/), written into out: a branch
 * other than branch (the published one) by its own name when that name is
 * a safe folder name ([A-Za-z0-9][A-Za-z0-9._-]*, no "..", at most 48
 * bytes, not of the form mr-N or pr-N), else by a safe spelling of it
 * followed by "-" and 8 hex digits of the ref's SHA-256 (feature/x gives
 * feature-x-<hex>); refs/merge-requests/N/head (GitLab) gives mr-N and
 * refs/pull/N/head (GitHub, Gitea) pr-N. FOLIO_ENOTFOUND for any other ref
 * (the published branch, tags, notes): it gets no preview. A pushed name
 * is untrusted: the result never holds "/" and never starts with ".".
 */
int folio_daemon_preview_name(char out[FOLIO_PREVIEW_NAME_MAX + 1], const char *ref, const char *branch);

#endif
