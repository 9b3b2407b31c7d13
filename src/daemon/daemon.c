/*
 * folio watch: the loop that turns new commits of the published branch into
 * verdicts and publishes the newest valid one. This file: start, the
 * loop, scheduled pages, waiting, reload, stop; one turn is daemon_turn.c.
 *
 * Invariants: one daemon per state directory (<state>/daemon.lock, flock,
 * held for the life of the process; folio_publish takes the state's own
 * lock, so the daemon never holds that one). Commits are processed oldest
 * first along first parents; "watch_last_commit" only moves past a commit
 * once its verdict is stored and, when it is the batch's newest valid
 * commit, once it is published, so a crash or a failed publish is retried.
 * Signals are blocked in every thread and read from a signalfd by the loop,
 * which checks it between commits: a stop request ends the loop after the
 * current commit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon_loop.h"
#include "folio/folio.h"
#include "publish/output.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/timestamp.h"
#include "util/banned.h"

#define RETRY_SECONDS 5

/* ---- scheduled pages ---- */

/* Read the published commit's schedule from the state: /status shows it,
 * and its first instant is the loop's next deadline. */
static void load_schedule(daemon_ctx *d)
{
	json_t *list = NULL;
	long long at = 0;
	if (folio_publish_schedule(d->st, &list) < 0) {
		folio_log(FOLIO_LOG_WARN, "watch", "cannot read the schedule: %s", folio_error_last());
		return;
	}
	const char *first = json_string_value(json_object_get(json_array_get(list, 0), "at"));
	if (first && !folio_schedule_parse_time(&at, first))
		at = 0;
	d->schedule_next = at;
	char *text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	pthread_mutex_lock(&d->status.lock);
	free(d->status.scheduled);
	d->status.scheduled = text;
	pthread_mutex_unlock(&d->status.lock);
}

/*
 * A held page's time has come (or a page's expiry): publish the published
 * commit again, without a push. The state's schedule keeps the fast path
 * away, so the site is loaded at the new instant and only the outputs a
 * page appearing or going touches are written, as for an added page.
 */
static int run_schedule(daemon_ctx *d)
{
	if (!d->schedule_next || folio_schedule_now() < d->schedule_next ||
	    folio_clock_seconds() < d->schedule_retry)
		return 0;
	char *commit = NULL;
	int rc = folio_publish_current(d->st, &commit);
	if (rc == 0 && commit) {
		char when[FOLIO_TIMESTAMP_SIZE];
		folio_timestamp(when, d->schedule_next, -1);
		folio_log(FOLIO_LOG_INFO, "watch", "scheduled: publishing %.12s again for what was due at %s",
		          commit, when);
		long long was = d->schedule_next;
		rc = folio_daemon__publish(d, commit, NULL);
		load_schedule(d);
		if (rc < 0 || d->schedule_next == was) {
			/* not applied (an error, or the commit no longer valid): no busy loop */
			d->schedule_retry = folio_clock_seconds() + RETRY_SECONDS;
			if (rc == 0)
				folio_log(FOLIO_LOG_WARN, "watch", "scheduled publish of %.12s did not apply: "
				          "retrying in %d s", commit, RETRY_SECONDS);
		}
	}
	free(commit);
	return rc;
}

/* How long the loop may wait: the poll interval, or less when a scheduled
 * instant comes first. A clock read from FOLIO_NOW_FILE can jump at any
 * time, so it is looked at every second. */
static int wait_seconds(const daemon_ctx *d, int poll_s)
{
	if (!d->schedule_next)
		return poll_s;
	if (folio_schedule_clock_is_file())
		return poll_s < 1 ? poll_s : 1;
	double left = (double)(d->schedule_next - folio_schedule_now());
	if (d->schedule_retry - folio_clock_seconds() > left)
		left = d->schedule_retry - folio_clock_seconds();
	if (left < 0)
		left = 0;
	return left < poll_s ? (int)left + 1 : poll_s;
}

/* ---- waiting ---- */

static void wait_for_wake(daemon_ctx *d, int seconds)
{
	struct pollfd fds[4];
	int nfds = 0;
	fds[nfds++] = (struct pollfd){ .fd = d->sig_fd, .events = POLLIN };
	fds[nfds++] = (struct pollfd){ .fd = d->status.wake_fd, .events = POLLIN };
	if (d->ino_fd >= 0)
		fds[nfds++] = (struct pollfd){ .fd = d->ino_fd, .events = POLLIN };
	if (d->sock_fd >= 0)
		fds[nfds++] = (struct pollfd){ .fd = d->sock_fd, .events = POLLIN };
	double deadline = folio_clock_seconds() + seconds;
	for (;;) {
		/* events that wake nothing (another ref, a lock file) do not extend the wait */
		double left = deadline - folio_clock_seconds();
		int r = left > 0 ? poll(fds, (nfds_t)nfds, (int)(left * 1000) + 1) : 0;
		if (r <= 0) { /* the poll interval, or EINTR */
			if (r == 0)
				folio_log(FOLIO_LOG_DEBUG, "watch", "wake: poll (%d s)", seconds);
			return;
		}
		folio_daemon__check_signals(d);
		if (d->stop || d->reload)
			return;
		bool wake = false;
		uint64_t count;
		char msg[64];
		if (read(d->status.wake_fd, &count, sizeof(count)) == (ssize_t)sizeof(count)) {
			folio_log(FOLIO_LOG_DEBUG, "watch", "wake: webhook");
			d->fetch = true;
			wake = true;
		}
		while (d->sock_fd >= 0 && recv(d->sock_fd, msg, sizeof(msg), 0) >= 0) {
			folio_log(FOLIO_LOG_DEBUG, "watch", "wake: socket");
			wake = true;
		}
		if (d->ino_fd >= 0 && folio_daemon__drain_inotify(d)) {
			folio_log(FOLIO_LOG_DEBUG, "watch", "wake: ref change");
			wake = true;
		}
		if (wake)
			return;
	}
}

/* ---- start and stop ---- */

/* What /status shows before the first turn: the state's last publish and verdicts. */
static void load_status(daemon_ctx *d)
{
	char *commit = NULL;
	if (folio_publish_current(d->st, &commit) == 0 && commit) {
		snprintf(d->status.published_commit, sizeof(d->status.published_commit), "%s", commit);
		folio_daemon__site_language(d->status.language, sizeof(d->status.language), d->set.repo, commit);
	}
	free(commit);
	folio_state_published_at(d->st, &d->status.published_at);
	folio_state_verdict v[FOLIO_DAEMON_VERDICTS];
	size_t n = 0;
	if (folio_state_verdicts_recent(d->st, v, FOLIO_DAEMON_VERDICTS, &n) < 0)
		return;
	/* subjects from the repository; findings stay unknown: the state keeps them as text only */
	git_repository *repo = NULL;
	if (git_repository_open(&repo, d->set.repo) == 0)
		d->repo = repo;
	git_error_clear();
	while (n--)
		folio_daemon__remember_verdict(d, v[n].commit, v[n].errors, v[n].warnings, v[n].checked_at,
		                 folio_daemon__commit_subject(d, v[n].commit), NULL, NULL, NULL);
	d->repo = NULL;
	git_repository_free(repo);
}

/* Is a the folder b or in it? (both normalized, compared as written and as resolved) */
static bool inside(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	const char *pa[] = { a, ra }, *pb[] = { b, rb };
	bool in = false;
	for (size_t i = 0; i < 2; i++) {
		size_t n = pb[i] ? strlen(pb[i]) : 0;
		in = in || (pa[i] && n && !strncmp(pa[i], pb[i], n) && (!pa[i][n] || pa[i][n] == '/' || !strcmp(pb[i], "/")));
	}
	free(ra);
	free(rb);
	return in;
}

/*
 * Previews are on when FOLIO_PREVIEWS_MAX > 0 and they have an address
 * (FOLIO_PREVIEWS_URL, or the --listen address they are served on). The
 * repository's git config folio.previewsUrl tells hooks/post-receive where
 * they are (unset when off), so that it prints the pusher's preview URL.
 */
static int start_previews(daemon_ctx *d)
{
	const folio_daemon_settings *o = &d->set;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	bool on = o->previews_max > 0 && o->previews_url && o->previews_dir;
	/* inside the site, a full publish would swap them away and serve them; and the reverse */
	if (on && (inside(o->previews_dir, o->out_dir) || inside(o->out_dir, o->previews_dir) ||
	           inside(o->previews_dir, o->state_dir) || inside(o->state_dir, o->previews_dir)))
		return folio_error_set("previews folder '%s' overlaps the output '%s' or the state '%s'; set "
		                       "FOLIO_PREVIEWS_DIR to a folder of its own, beside them",
		                       o->previews_dir, o->out_dir, o->state_dir);
	if (on) {
		d->status.previews_dir = o->previews_dir;
		d->status.previews_url = o->previews_url;
		if (folio_daemon__previews_load(&d->status.previews, &d->status.npreviews, d->st) < 0)
			return FOLIO_ERROR;
		folio_log(FOLIO_LOG_INFO, "watch", "previews of other branches in '%s', at %s/<name>/, at most %d",
		          o->previews_dir, o->previews_url, o->previews_max);
	} else {
		folio_log(FOLIO_LOG_INFO, "watch", "no branch previews: %s",
		          o->previews_max <= 0 ? "FOLIO_PREVIEWS_MAX is 0"
		          : !o->previews_dir   ? "an s3:// output and no FOLIO_PREVIEWS_DIR"
		                               : "no FOLIO_PREVIEWS_URL and no --listen");
	}
	if (git_repository_open(&repo, o->repo) == 0 && git_repository_config(&cfg, repo) == 0) {
		if (on)
			git_config_set_string(cfg, "folio.previewsUrl", o->previews_url);
		else
			git_config_delete_entry(cfg, "folio.previewsUrl");
	}
	git_error_clear(); /* a repository not there yet: post-receive prints no URL */
	git_config_free(cfg);
	git_repository_free(repo);
	return 0;
}

static int start(daemon_ctx *d)
{
	const folio_daemon_settings *o = &d->set;
	char *secret = NULL;
	int rc;
	if ((rc = folio_daemon__read_secret(&secret, o)) < 0)
		return rc;
	folio_daemon__set_secret(d, secret);
	/* an output folio did not write is refused now, not retried forever */
	if ((rc = folio__output_claim(o->out_dir)) < 0)
		return rc;
	if ((rc = folio_fs_mkdir_p(o->state_dir)) < 0 || (rc = folio_daemon__take_daemon_lock(d)) < 0 ||
	    (rc = folio_daemon__take_name_lock(d)) < 0 ||
	    (rc = folio_state_open(&d->st, o->state_dir)) < 0 || (rc = folio_daemon__open_signals(d)) < 0)
		return rc;
	if (o->socket_path && (rc = folio_daemon__open_socket(d)) < 0)
		return rc;
	d->status.wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (d->status.wake_fd < 0)
		return folio_error_set("cannot create an eventfd: %s", strerror(errno));
	d->ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (d->ino_fd < 0)
		folio_log(FOLIO_LOG_WARN, "watch", "no inotify (%s): polling every %d s", strerror(errno),
		          o->poll_seconds);
	load_status(d);
	load_schedule(d);
	if ((rc = start_previews(d)) < 0)
		return rc;
	if (!d->opts->no_deliver && (rc = folio_daemon__deliver_start(&d->deliverer, d->st,
	                                                              o->secrets_file, o->partner_allow,
	                                                              (size_t)o->delivery_max_bytes,
	                                                              &d->status)) < 0)
		return rc;
	if (o->listen && (rc = folio_daemon__http_start(&d->http, o->listen, &d->status)) < 0)
		return rc;
	return 0;
}

static void stop(daemon_ctx *d)
{
	folio_daemon__http_stop(d->http);
	folio_daemon__deliver_stop(d->deliverer);
	if (d->sock_fd >= 0) {
		close(d->sock_fd);
		if (!d->lost_lock) /* else the path may be a newer daemon's socket */
			unlink(d->set.socket_path);
	}
	if (d->ino_fd >= 0)
		close(d->ino_fd);
	if (d->status.wake_fd >= 0)
		close(d->status.wake_fd);
	if (d->sig_fd >= 0) {
		sigset_t set;
		folio_daemon__signal_set(&set);
		close(d->sig_fd);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	}
	folio_state_close(d->st);
	if (d->lock_fd >= 0)
		close(d->lock_fd); /* last: the socket is gone before another daemon may start */
	if (d->name_fd >= 0)
		close(d->name_fd);
	folio_daemon__set_secret(d, NULL);
	folio_daemon__status_dispose(&d->status);
	free(d->status.previews);
	pthread_mutex_destroy(&d->status.lock);
}

/* May a path start or end between a and b in a message? (quotes, blanks, punctuation) */
static bool path_edge(char c)
{
	return !c || strchr(" \t'\"`(),;:=/", c) != NULL;
}

/*
 * msg for /status: the configured roots (as configured and as the system
 * resolves them) written as "<repo>", "<out>" and "<state>", so /status,
 * which anyone reaching the port reads, shows paths relative to them and no
 * absolute server path. Caller frees.
 */
static char *status_message(const daemon_ctx *d, const char *msg)
{
	const char *names[] = { "<repo>", "<out>", "<state>" };
	const char *given[] = { d->set.repo, d->set.out_dir, d->set.state_dir };
	char *roots[6] = { NULL };
	const char *labels[6];
	size_t nroots = 0;
	for (size_t i = 0; i < 3; i++) {
		char *real = realpath(given[i], NULL);
		roots[nroots] = folio_xstrdup(given[i]);
		labels[nroots++] = names[i];
		if (real && strcmp(real, given[i])) {
			roots[nroots] = real;
			labels[nroots++] = names[i];
		} else {
			free(real);
		}
	}
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *p = msg; *p;) {
		size_t best = 0, which = 0;
		if (p == msg || path_edge(p[-1]))
			for (size_t i = 0; i < nroots; i++) {
				size_t n = strlen(roots[i]);
				if (n > best && n > 1 && !strncmp(p, roots[i], n) && path_edge(p[n]))
					best = n, which = i;
			}
		if (best) {
			folio_buf_puts(&b, labels[which]);
			p += best;
		} else {
			folio_buf_putc(&b, *p++);
		}
	}
	for (size_t i = 0; i < nroots; i++)
		free(roots[i]);
	return folio_buf_detach(&b, NULL);
}

/* Show a failed turn on /status until a turn succeeds; log it once, not at every retry. */
static void report_turn(daemon_ctx *d, int rc, char **last_error)
{
	folio_daemon_status *s = &d->status;
	char *shown = rc < 0 ? status_message(d, folio_error_last()) : NULL;
	pthread_mutex_lock(&s->lock);
	if (rc >= 0) {
		s->error[0] = '\0';
		s->error_attempts = 0;
	} else {
		if (!s->error_attempts++)
			s->error_since = (long long)time(NULL);
		snprintf(s->error, sizeof(s->error), "%s", shown); /* a cut UTF-8 sequence: /status repairs it */
	}
	pthread_mutex_unlock(&s->lock);
	free(shown);
	if (rc >= 0) {
		if (*last_error)
			folio_log(FOLIO_LOG_INFO, "watch", "recovered: the turn succeeded");
		free(*last_error);
		*last_error = NULL;
		return;
	}
	const char *msg = folio_error_last();
	if (*last_error && !strcmp(*last_error, msg))
		return;
	folio_log(rc == FOLIO_ENOTFOUND ? FOLIO_LOG_WARN : FOLIO_LOG_ERROR, "watch", "%s; retrying", msg);
	free(*last_error);
	*last_error = folio_xstrdup(msg);
}

/* A restart-only setting that the reloaded file changes: say it waits for a restart. */
static void keep_on_reload(const char *key, const char *running, const char *loaded)
{
	if (running == loaded || (running && loaded && !strcmp(running, loaded)))
		return;
	folio_log(FOLIO_LOG_WARN, "watch", "reload: %s changed from '%s' to '%s'; restart folio watch to apply it",
	          key, running ? running : "(none)", loaded ? loaded : "(none)");
}

/*
 * SIGHUP: read the settings again (the config file, the secret). Either all
 * that can change at once does (secret, poll, jobs), or, on an error,
 * nothing does.
 */
static void reload(daemon_ctx *d)
{
	folio_daemon_settings fresh;
	char *secret = NULL;
	if (folio_daemon__settings_load(&fresh, d->opts) < 0 || folio_daemon__read_secret(&secret, &fresh) < 0) {
		folio_log(FOLIO_LOG_ERROR, "watch", "reload: %s; keeping the running settings", folio_error_last());
		folio_daemon__settings_dispose(&fresh);
		return;
	}
	keep_on_reload("FOLIO_REPO", d->set.repo, fresh.repo);
	keep_on_reload("FOLIO_OUT", d->set.out_dir, fresh.out_dir);
	keep_on_reload("FOLIO_STATE", d->set.state_dir, fresh.state_dir);
	keep_on_reload("FOLIO_BRANCH", d->set.branch, fresh.branch);
	keep_on_reload("FOLIO_LISTEN", d->set.listen, fresh.listen);
	keep_on_reload("FOLIO_SOCKET", d->set.socket_path, fresh.socket_path);
	keep_on_reload("FOLIO_PARTNER_SECRETS", d->set.secrets_file, fresh.secrets_file);
	keep_on_reload("FOLIO_PARTNER_ALLOW", d->set.partner_allow, fresh.partner_allow);
	keep_on_reload("FOLIO_PREVIEWS_DIR", d->set.previews_dir, fresh.previews_dir);
	keep_on_reload("FOLIO_PREVIEWS_URL", d->set.previews_url, fresh.previews_url);
	if (fresh.previews_max != d->set.previews_max) {
		if (d->status.previews_dir && fresh.previews_max > 0) /* fewer: evicted at the next build */
			d->set.previews_max = fresh.previews_max;
		else
			folio_log(FOLIO_LOG_WARN, "watch", "reload: FOLIO_PREVIEWS_MAX turns previews %s; restart "
			          "folio watch to apply it", fresh.previews_max > 0 ? "on" : "off");
	}
	folio_daemon__set_secret(d, secret);
	d->set.poll_seconds = fresh.poll_seconds;
	d->set.jobs = fresh.jobs;
	d->set.limits = fresh.limits; /* budgets apply from the next commit judged */
	pthread_mutex_lock(&d->status.lock);
	d->status.poll_seconds = fresh.poll_seconds;
	bool enabled = d->status.webhook_secret != NULL;
	pthread_mutex_unlock(&d->status.lock);
	folio_daemon__settings_dispose(&fresh);
	folio_log(FOLIO_LOG_INFO, "watch", "reloaded%s%s%s: webhooks %s, poll %d s, jobs %d",
	          d->opts->config_file ? " '" : "", d->opts->config_file ? d->opts->config_file : "",
	          d->opts->config_file ? "'" : "", enabled ? "enabled" : "disabled (no secret)",
	          d->set.poll_seconds, d->set.jobs);
}

int folio_daemon_run(const folio_daemon_options *opts)
{
	daemon_ctx d = { .opts = opts, .lock_fd = -1, .name_fd = -1, .sig_fd = -1, .sock_fd = -1,
	                 .ino_fd = -1, .wd_heads = -1, .wd_sub = -1, .wd_root = -1, .wd_lock = -1 };
	char *last_error = NULL;
	int rc;

	folio_log_init();
	if ((rc = folio_daemon__settings_load(&d.set, opts)) < 0)
		return rc;
	folio_daemon__s3_env_apply(&d.set); /* before any thread */
	folio_source_libgit2_init(); /* its options before any pack is mapped; a failure shows on open */
	pthread_mutex_init(&d.status.lock, NULL);
	d.status.branch = d.set.branch;
	d.status.poll_seconds = d.set.poll_seconds;
	d.status.started_at = (long long)time(NULL);
	d.status.wake_fd = -1;
	if ((rc = start(&d)) < 0)
		goto done;
	folio_log(FOLIO_LOG_INFO, "watch", "watching '%s' branch '%s' into '%s'%s%s, poll %d s%s%s%s",
	          d.set.repo, d.set.branch, d.set.out_dir, d.set.listen ? ", http on " : "",
	          d.set.listen ? d.set.listen : "", d.set.poll_seconds, opts->config_file ? ", config '" : "",
	          opts->config_file ? opts->config_file : "", opts->config_file ? "'" : "");
	while (!d.stop) {
		if (d.reload) {
			d.reload = false;
			reload(&d);
		}
		if (folio_daemon__check_lock(&d) < 0)
			d.lost_lock = true;
		if (d.lost_lock)
			break;
		folio_daemon__arm_watches(&d);
		int trc = folio_daemon__run_turn(&d);
		if (d.lost_lock)
			break;
		load_schedule(&d); /* a publish of the turn changed it */
		if (trc == 0 || trc == FOLIO_ENOTFOUND) {
			int src = run_schedule(&d);
			if (trc == 0)
				trc = src;
		}
		report_turn(&d, trc, &last_error);
		if (!d.stop) /* after the report, which reads the turn's message */
			folio_daemon__run_previews(&d);
		if (d.lost_lock)
			break;
		folio_daemon__check_signals(&d);
		int poll_s = d.set.poll_seconds;
		/* a signal read during the turn is acted on now, not after the poll interval */
		if (!d.stop && !d.reload)
			wait_for_wake(&d, wait_seconds(&d, trc < 0 && trc != FOLIO_ENOTFOUND &&
			                                       RETRY_SECONDS < poll_s ? RETRY_SECONDS : poll_s));
	}
	if (d.lost_lock) {
		folio_log(FOLIO_LOG_ERROR, "watch", "%s", folio_error_last());
		rc = FOLIO_ERROR;
	} else {
		folio_log(FOLIO_LOG_INFO, "watch", "stopped");
	}
done:
	free(last_error);
	stop(&d);
	folio_daemon__settings_dispose(&d.set);
	git_libgit2_shutdown();
	return rc;
}
