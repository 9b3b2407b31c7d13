/*
 * folio watch: the loop that turns new commits of the published branch into
 * verdicts and publishes the newest valid one.
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
#include <git2.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon.h"
#include "folio/folio.h"
#include "folio/history.h"
#include "publish/output.h"
#include "publish/s3.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/timestamp.h"
#include "publish/state_db.h"
#include "util/banned.h"

#define RETRY_SECONDS 5
#define MAX_BATCH 1000

typedef struct {
	const folio_daemon_options *opts;
	folio_daemon_settings set; /* what it runs with: opts, then the config file */
	folio_daemon_status status;
	folio_state *st;     /* for meta and verdicts; never locked */
	int lock_fd, sig_fd, sock_fd, ino_fd;
	int name_fd;         /* the second lock, named after the state's path (take_name_lock) */
	int wd_heads, wd_sub, wd_root;
	int wd_lock;         /* the lock file: its removal wakes the loop, which then stops */
	bool stop, reload;
	bool lost_lock;      /* the lock file is not ours any more: stop (check_daemon_lock) */
	bool fetch;          /* a verified webhook came: fetch "origin" first */
	folio_daemon_http *http;
	folio_daemon_deliverer *deliverer; /* NULL with no_deliver */
	long long schedule_next;  /* first instant of the published schedule (clock of
	                           * folio_schedule_now()); 0: nothing scheduled */
	double schedule_retry;    /* after a failed scheduled publish: not before (now_seconds) */
	git_repository *repo; /* open during a turn (run_turn), for commit subjects; else NULL */
} daemon_ctx;

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- start-up: lock, secret, fds ---- */

static int take_daemon_lock(daemon_ctx *d)
{
	char *path = folio_fs_join(d->set.state_dir, "daemon.lock");
	char holder[32];
	int rc = folio_fs_lock(path, &d->lock_fd, holder, sizeof(holder));
	if (rc == FOLIO_EEXISTS)
		folio_error_set("state '%s' is already watched by another folio daemon (pid %s); "
		                "stop it first or use another --state", d->set.state_dir,
		                *holder ? holder : "unknown");
	free(path);
	return rc;
}

/*
 * The second lock, which no deletion takes away: an abstract Unix socket
 * (no file; the kernel frees the name when the process ends) named after the
 * state directory's real path. While this daemon lives, a daemon started on
 * the same path is refused, even after the directory, and the lock file in
 * it, were deleted and re-created. Call after the directory exists.
 */
static int take_name_lock(daemon_ctx *d)
{
	char *real = realpath(d->set.state_dir, NULL);
	if (!real)
		return folio_error_set("cannot resolve state '%s': %s", d->set.state_dir, strerror(errno));
	char hex[FOLIO_SHA256_HEX];
	folio_sha256_hex(hex, real, strlen(real));
	free(real);
	struct sockaddr_un sa = { .sun_family = AF_UNIX }; /* sun_path[0] == '\0': abstract */
	int len = snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1, "folio-watch-%s", hex);
	d->name_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (d->name_fd < 0)
		return folio_error_set("cannot create a socket: %s", strerror(errno));
	socklen_t salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)len);
	if (bind(d->name_fd, (struct sockaddr *)&sa, salen) == 0)
		return 0;
	if (errno != EADDRINUSE)
		return folio_error_set("cannot lock state '%s': %s", d->set.state_dir, strerror(errno));
	folio_error_set("state '%s' is already watched by another folio daemon (its lock file was "
	                "removed; that daemon stops when it notices); stop it first or use another --state",
	                d->set.state_dir);
	return FOLIO_EEXISTS;
}

/*
 * The flock is held on an inode, not a path: when the state directory is
 * removed (or the lock file replaced), the path no longer names our locked
 * file and a second daemon would lock a new one and run beside us. So the
 * loop compares them before each turn and each commit, and stops when they
 * differ: the service manager restarts the daemon, which re-creates the
 * state from the repository. 0 while the lock is ours, FOLIO_ERROR else.
 */
static int check_daemon_lock(daemon_ctx *d)
{
	char *path = folio_fs_join(d->set.state_dir, "daemon.lock");
	struct stat held, named;
	bool ours = fstat(d->lock_fd, &held) == 0 && stat(path, &named) == 0 &&
	            held.st_dev == named.st_dev && held.st_ino == named.st_ino;
	int rc = ours ? 0
	              : folio_error_set("the lock '%s' was removed or replaced under the running daemon "
	                                "(state directory deleted?); stopping, so that another daemon "
	                                "never runs on this state beside this one; start folio watch "
	                                "again (systemd does) to re-create the state", path);
	free(path);
	return rc;
}

/*
 * The webhook secret of set: from a file only its owner can read, the
 * config's FOLIO_WEBHOOK_SECRET, or the environment; NULL: webhooks refused.
 */
static int read_secret(char **out, const folio_daemon_settings *set)
{
	const char *file = set->webhook_secret_file;
	*out = NULL;
	if (!file) {
		const char *env = getenv("FOLIO_WEBHOOK_SECRET");
		if (set->webhook_secret)
			*out = folio_xstrdup(set->webhook_secret);
		else if (env && *env)
			*out = folio_xstrdup(env);
		return 0;
	}
	folio_buf b = FOLIO_BUF_INIT;
	int rc = folio_secret_read_private(&b, file, "webhook secret");
	if (rc < 0) {
		folio_secret_dispose(&b);
		return rc;
	}
	folio_secret_trim(&b);
	if (!b.size) {
		folio_secret_dispose(&b);
		return folio_error_set("webhook secret '%s' is empty", file);
	}
	*out = folio_buf_detach(&b, NULL);
	return 0;
}

/* Make secret (taken) the one webhooks are checked against. */
static void set_secret(daemon_ctx *d, char *secret)
{
	pthread_mutex_lock(&d->status.lock);
	char *old = d->status.webhook_secret;
	d->status.webhook_secret = secret;
	pthread_mutex_unlock(&d->status.lock);
	if (old)
		explicit_bzero(old, strlen(old));
	free(old);
}

/* Block the signals in this thread (and the threads it starts), read them from a signalfd. */
static int open_signals(daemon_ctx *d)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		return folio_error_set("cannot block signals");
	signal(SIGPIPE, SIG_IGN);
	d->sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sig_fd < 0)
		return folio_error_set("cannot open a signalfd: %s", strerror(errno));
	return 0;
}

static int open_socket(daemon_ctx *d)
{
	const char *path = d->set.socket_path;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa.sun_path))
		return folio_error_set("socket path '%s' is too long", path);
	memcpy(sa.sun_path, path, strlen(path) + 1);
	d->sock_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (d->sock_fd < 0)
		return folio_error_set("cannot create socket '%s': %s", path, strerror(errno));
	/* We hold the daemon lock: a socket file left there is a dead daemon's. */
	unlink(path);
	if (bind(d->sock_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return folio_error_set("cannot bind socket '%s': %s", path, strerror(errno));
	return 0;
}

int folio_daemon_notify(const char *socket_path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(socket_path) >= sizeof(sa.sun_path))
		return folio_error_set("socket path '%s' is too long", socket_path);
	memcpy(sa.sun_path, socket_path, strlen(socket_path) + 1);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return folio_error_set("cannot create a socket: %s", strerror(errno));
	ssize_t n = sendto(fd, "wake", 4, MSG_DONTWAIT, (struct sockaddr *)&sa, sizeof(sa));
	int err = errno;
	close(fd);
	if (n >= 0 || err == EAGAIN) /* a full queue already holds a wake-up */
		return 0;
	if (err == ENOENT || err == ECONNREFUSED)
		return folio_error_set("no folio daemon listens on '%s'", socket_path), FOLIO_ENOTFOUND;
	return folio_error_set("cannot notify '%s': %s", socket_path, strerror(err));
}

/* ---- inotify on the branch's ref and packed-refs ---- */

static int add_watch(daemon_ctx *d, const char *rel)
{
	char *path = rel ? folio_fs_join(d->set.repo, rel) : folio_xstrdup(d->set.repo);
	int wd = inotify_add_watch(d->ino_fd, path,
	                           IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_ONLYDIR);
	if (wd < 0)
		folio_log(FOLIO_LOG_DEBUG, "watch", "cannot watch '%s': %s", path, strerror(errno));
	free(path);
	return wd;
}

/* (Re-)add the watches that are missing: a repository may disappear and come back. */
static void arm_watches(daemon_ctx *d)
{
	if (d->ino_fd < 0)
		return;
	if (d->wd_lock < 0) { /* IN_ATTRIB: unlink changes the link count of the file we hold open */
		char *path = folio_fs_join(d->set.state_dir, "daemon.lock");
		d->wd_lock = inotify_add_watch(d->ino_fd, path, IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF);
		free(path);
	}
	if (d->wd_root < 0)
		d->wd_root = add_watch(d, NULL);
	if (d->wd_heads < 0)
		d->wd_heads = add_watch(d, "refs/heads");
	const char *slash = strrchr(d->set.branch, '/');
	if (slash && d->wd_sub < 0) {
		char *rel = folio_xasprintf("refs/heads/%.*s", (int)(slash - d->set.branch), d->set.branch);
		d->wd_sub = add_watch(d, rel);
		free(rel);
	}
}

/* Read the inotify events; true when one may have moved the branch. */
static bool drain_inotify(daemon_ctx *d)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool wake = false;
	ssize_t n;
	while ((n = read(d->ino_fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof(*ev) + ev->len;
			if (ev->mask & IN_IGNORED) {
				/* the directory went away: re-added on the next turn */
				if (ev->wd == d->wd_root)
					d->wd_root = -1;
				if (ev->wd == d->wd_heads)
					d->wd_heads = -1;
				if (ev->wd == d->wd_sub)
					d->wd_sub = -1;
				wake = true;
				continue;
			}
			if (ev->wd == d->wd_lock) { /* checked by the loop before the next turn */
				wake = true;
				continue;
			}
			const char *name = ev->len ? ev->name : "";
			size_t len = strlen(name);
			if (len > 5 && !strcmp(name + len - 5, ".lock"))
				continue;
			if (ev->wd == d->wd_root && strcmp(name, "packed-refs") && strcmp(name, "refs"))
				continue;
			wake = true;
		}
	}
	return wake;
}

/* ---- verdicts ---- */

typedef struct {
	char commit[41];
	size_t errors, warnings;
	char *report;
	unsigned findings[FOLIO_RULE__COUNT]; /* by rule, for /metrics */
	folio_diags shown;                    /* the first FOLIO_DAEMON_FINDINGS, for /status */
} verdict;

static void verdict_dispose(verdict *v)
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
	free(v->subject);
	v->subject = NULL;
	folio_diags_dispose(&v->findings);
}

void folio_daemon__status_dispose(folio_daemon_status *s)
{
	for (size_t i = 0; i < s->nverdicts; i++)
		status_verdict_dispose(&s->verdicts[i]);
	s->nverdicts = 0;
	free(s->partners_failed);
	free(s->partners);
	free(s->scheduled);
	s->partners_failed = s->partners = s->scheduled = NULL;
}

/* commit's subject, cut at FOLIO_DAEMON_SUBJECT bytes on a UTF-8 boundary;
 * NULL outside a turn or when the commit cannot be read. Caller frees. */
static char *commit_subject(daemon_ctx *d, const char *commit)
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

/*
 * Show a verdict on /status, newest first, dropping the oldest.
 * subject is taken (NULL: unknown); findings (NULL: unknown, as for
 * verdicts loaded at start-up) is copied.
 */
static void remember_verdict(daemon_ctx *d, const char *commit, size_t errors, size_t warnings,
                             long long at, char *subject, const folio_diags *findings)
{
	folio_daemon_status *s = &d->status;
	folio_daemon_verdict v = { .errors = errors, .warnings = warnings, .checked_at = at,
	                           .subject = subject, .findings_known = findings != NULL };
	snprintf(v.commit, sizeof(v.commit), "%s", commit);
	folio_diags_init(&v.findings);
	if (findings)
		copy_findings(&v.findings, findings);
	pthread_mutex_lock(&s->lock);
	if (s->nverdicts == FOLIO_DAEMON_VERDICTS)
		status_verdict_dispose(&s->verdicts[--s->nverdicts]);
	memmove(&s->verdicts[1], &s->verdicts[0], s->nverdicts * sizeof(s->verdicts[0]));
	s->verdicts[0] = v;
	s->nverdicts++;
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
	sqlite3 *db = folio_state_db(d->st);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO verdicts(commit_id, errors, warnings,"
	                       " checked_at, report) VALUES(?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
		return folio_error_set("cannot store the verdict: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(s, 1, v->commit, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)v->errors);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)v->warnings);
	sqlite3_bind_int64(s, 4, at);
	sqlite3_bind_text(s, 5, v->report, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return folio_error_set("cannot store the verdict: %s", sqlite3_errmsg(db));
	return 0;
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

/* Fill v from the findings of commit; a site without a config is invalid. */
static void verdict_from(verdict *v, const char *commit, const folio_diags *diags, bool has_config)
{
	folio_buf report = FOLIO_BUF_INIT;
	snprintf(v->commit, sizeof(v->commit), "%s", commit);
	v->errors = folio_diags_count(diags, FOLIO_SEVERITY_ERROR);
	v->warnings = folio_diags_count(diags, FOLIO_SEVERITY_WARNING);
	if (!has_config && !v->errors)
		v->errors = 1;
	memset(v->findings, 0, sizeof(v->findings));
	folio_diags_dispose(&v->shown);
	copy_findings(&v->shown, diags);
	for (size_t i = 0; i < diags->count; i++) {
		folio_diag_format_text(&report, &diags->items[i]);
		if ((int)diags->items[i].rule >= 0 && diags->items[i].rule < FOLIO_RULE__COUNT)
			v->findings[diags->items[i].rule]++;
	}
	free(v->report);
	v->report = folio_buf_detach(&report, NULL);
}

/* Load and validate commit without publishing it. */
static int judge(verdict *v, daemon_ctx *d, const char *commit)
{
	folio_source *src = NULL;
	folio_site *site = NULL;
	folio_site_options so = FOLIO_SITE_OPTIONS_INIT;
	folio_diags diags;
	int rc;

	folio_diags_init(&diags);
	so.jobs = d->set.jobs;
	so.limits = &d->set.limits;
	if ((rc = folio_source_open_git(&src, d->set.repo, commit)) < 0)
		goto done;
	/* a commit of page bodies only: judged from what the state records */
	folio_fast_verdict fv;
	if (folio_publish_judge_limited(&fv, d->set.state_dir, src, &d->set.limits) == 0) {
		verdict_from(v, commit, &fv.diags, true); /* its warnings, as a full check finds them */
		folio_fast_verdict_dispose(&fv);
		goto done;
	}
	if ((rc = folio_site_load(&site, src, &so)) < 0)
		goto done;
	folio_diags_move(&diags, folio_site_diags_mut(site));
	if (folio_site_config(site))
		folio_validate_site(site, &diags);
	folio_diags_sort(&diags);
	verdict_from(v, commit, &diags, folio_site_config(site) != NULL);
done:
	folio_diags_dispose(&diags);
	if (site) {
		folio_site_free(site);
		malloc_trim(0); /* as after a publish that loaded the site */
	}
	folio_source_free(src);
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
	          v->errors ? "invalid" : "valid", v->errors, v->warnings, now_seconds() - start);
	if (v->errors)
		log_findings(v);
}

/* Store v (table, note, status) and log it; start: when judging began. */
static int record(daemon_ctx *d, const verdict *v, double start)
{
	long long at = (long long)time(NULL);
	int rc = store_verdict_row(d, v, at);
	if (rc < 0)
		return rc;
	if (store_verdict_note(d, v) < 0) /* the table has it: not worth a retry */
		folio_log(FOLIO_LOG_WARN, "watch", "%s", folio_error_last());
	remember_verdict(d, v->commit, v->errors, v->warnings, at, commit_subject(d, v->commit), &v->shown);
	count_verdict(&d->status, v);
	log_verdict(v, start);
	return 0;
}

/*
 * A branch commit's verdict: its note, as the published branch's commits
 * get, and the log. The site's verdicts (table, last_verdicts, /metrics)
 * stay the published branch's; a preview shows its tip's on /status.
 */
static int record_branch(daemon_ctx *d, const verdict *v, double start)
{
	int rc = store_verdict_note(d, v);
	if (rc == 0)
		log_verdict(v, start);
	return rc;
}

static int judge_and_record(daemon_ctx *d, const char *commit, bool *valid)
{
	double start = now_seconds();
	verdict v = { .report = NULL };
	folio_diags_init(&v.shown);
	int rc = judge(&v, d, commit);
	if (rc == 0 && (rc = record(d, &v, start)) == 0)
		*valid = v.errors == 0;
	verdict_dispose(&v);
	return rc;
}

/* ---- one turn: new commits, verdicts, publish ---- */

static void set_queue(daemon_ctx *d, size_t n)
{
	pthread_mutex_lock(&d->status.lock);
	d->status.queue = n;
	pthread_mutex_unlock(&d->status.lock);
}

/* Read pending signals (never blocks): stop on TERM/INT, reload on HUP. */
static void check_signals(daemon_ctx *d)
{
	struct signalfd_siginfo si;
	while (read(d->sig_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			d->reload = true;
		} else if (!d->stop) {
			d->stop = true;
			folio_log(FOLIO_LOG_INFO, "watch", "signal %s: stopping after the current step",
			          si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM");
		}
	}
}

static int git_fail(const char *what)
{
	const git_error *e = git_error_last();
	return folio_error_set("%s: %s", what, e ? e->message : "unknown error");
}

/*
 * The commits after hide up to tip along first parents, oldest first: at
 * most MAX_BATCH, the newest. Without hide (first start, history rewritten
 * and collected, or a rewind to a commit already judged), only the tip.
 */
static int list_new(git_oid **out, size_t *n_out, git_repository *repo, const git_oid *tip,
                    const git_oid *hide)
{
	git_revwalk *walk = NULL;
	git_oid *ids = NULL, id;
	size_t n = 0, alloc = 0;
	int rc = 0;

	*out = NULL;
	*n_out = 0;
	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) < 0 ||
	    git_revwalk_push(walk, tip) < 0 || (hide && git_revwalk_hide(walk, hide) < 0)) {
		rc = git_fail("cannot walk the branch");
		goto done;
	}
	git_revwalk_simplify_first_parent(walk);
	while (n < (hide ? MAX_BATCH : 1) && git_revwalk_next(&id, walk) == 0) {
		FOLIO_ARRAY_GROW(ids, n, alloc, n + 1);
		ids[n++] = id;
	}
	for (size_t i = 0; i < n / 2; i++) {
		git_oid t = ids[i];
		ids[i] = ids[n - 1 - i];
		ids[n - 1 - i] = t;
	}
	*out = ids;
	*n_out = n;
	ids = NULL;
done:
	free(ids);
	git_revwalk_free(walk);
	return rc;
}

/*
 * folio.yaml's language at commit into lang ("" when there is none or it
 * cannot be read): the status page at / speaks the site's language. A
 * small read beside a publish, which loads far more.
 */
static void site_language(char *lang, size_t size, const char *repo, const char *commit)
{
	folio_source *src = NULL;
	folio_config *cfg = NULL;
	folio_buf text = FOLIO_BUF_INIT;
	folio_diags diags;

	folio_diags_init(&diags);
	*lang = '\0';
	if (folio_source_open_git(&src, repo, commit) == 0 &&
	    folio_source_read(&text, src, "folio.yaml") == 0)
		folio_config_parse(&cfg, text.ptr, text.size, "folio.yaml", &diags);
	if (cfg && cfg->language)
		snprintf(lang, size, "%s", cfg->language);
	folio_config_free(cfg);
	folio_diags_dispose(&diags);
	folio_buf_dispose(&text);
	folio_source_free(src);
}

/* Show commit as published on /status: only once its verdict is stored
 * (table and note), so a reader who sees it published finds its note. */
static void show_published(daemon_ctx *d, const char *commit)
{
	char lang[sizeof(d->status.language)];
	site_language(lang, sizeof(lang), d->set.repo, commit);
	pthread_mutex_lock(&d->status.lock);
	snprintf(d->status.published_commit, sizeof(d->status.published_commit), "%s", commit);
	d->status.published_at = (long long)time(NULL);
	memcpy(d->status.language, lang, sizeof(lang));
	pthread_mutex_unlock(&d->status.lock);
}

/*
 * Where the walk to tip starts, given last, the commit processed last:
 * *hide = last when tip descends from it (a normal push). Otherwise the
 * branch was rewound or force-pushed: *rewound is set, and the walk starts
 * at the merge base of tip and last (the commits between it and tip are
 * judged, as for a push); *has_hide is false when there is no merge base,
 * last is gone, or tip is the merge base itself (a plain rewind): then the
 * tip alone is judged.
 */
static void walk_start(git_oid *hide, bool *has_hide, bool *rewound, git_repository *repo,
                       const git_oid *tip, const char *last)
{
	git_oid last_id, base;
	git_odb *odb = NULL;
	bool known = false;

	*has_hide = *rewound = false;
	if (!last || git_oid_fromstr(&last_id, last) < 0)
		return; /* first start: the tip */
	if (git_repository_odb(&odb, repo) == 0)
		known = git_odb_exists(odb, &last_id);
	git_odb_free(odb);
	if (known && git_graph_descendant_of(repo, tip, &last_id) == 1) {
		*hide = last_id;
		*has_hide = true;
		return;
	}
	*rewound = true;
	if (known && git_merge_base(&base, repo, tip, &last_id) == 0 && !git_oid_equal(&base, tip)) {
		*hide = base;
		*has_hide = true;
	}
	git_error_clear();
}

/* Log a rewind and show it on /status. */
static void report_rewind(daemon_ctx *d, const char *from, const char *to, size_t n)
{
	folio_log(FOLIO_LOG_WARN, "watch",
	          "branch '%s' rewound from %.12s to %.12s (force-push or rollback): %zu commit%s to judge",
	          d->set.branch, from, to, n, n == 1 ? "" : "s");
	pthread_mutex_lock(&d->status.lock);
	snprintf(d->status.rewound_from, sizeof(d->status.rewound_from), "%s", from);
	snprintf(d->status.rewound_to, sizeof(d->status.rewound_to), "%s", to);
	d->status.rewound_at = (long long)time(NULL);
	pthread_mutex_unlock(&d->status.lock);
}

/*
 * Publish commit. With v, commit has not been judged: folio_publish's own
 * validation gives its verdict, and an invalid commit returns 0 with
 * v->errors set (one load of the site instead of two, for the tip).
 */
static int publish(daemon_ctx *d, const char *commit, verdict *v)
{
	folio_source *src = NULL;
	folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
	folio_build_stats stats = { 0 };
	folio_diags diags;
	int rc;

	folio_diags_init(&diags);
	po.out_dir = d->set.out_dir;
	po.state_dir = d->set.state_dir;
	po.jobs = d->set.jobs;
	po.limits = &d->set.limits;
	if ((rc = folio_source_open_git(&src, d->set.repo, commit)) == 0)
		rc = folio_publish(&stats, src, &po, &diags);
	/* a publish that loaded the site freed it whole: give the memory back,
	 * which glibc keeps otherwise (2.4 GiB resident after a 100k build) */
	if (!stats.fast)
		malloc_trim(0);
	if (v && (rc == 0 || rc == FOLIO_EINVALID)) {
		verdict_from(v, commit, &diags, true);
		if (rc == FOLIO_EINVALID && !v->errors)
			v->errors = 1; /* no config: publish refuses it without a finding */
	}
	if (rc == 0) {
		pthread_mutex_lock(&d->status.lock);
		folio_daemon__metrics_publish(&d->status.metrics, stats.seconds);
		pthread_mutex_unlock(&d->status.lock);
		folio_log(FOLIO_LOG_INFO, "watch",
		          "published %.12s: %zu pages rendered, %zu files written, %zu deleted, in %.3f s%s",
		          commit, stats.pages, stats.written, stats.deleted, stats.seconds,
		          stats.fast ? " (fast path)" : "");
		if (!v) /* judged and recorded before: the tip's caller shows it after recording */
			show_published(d, commit);
		folio_daemon__deliver_poke(d->deliverer);
	} else if (rc == FOLIO_EINVALID) {
		if (!v) /* judged valid a moment ago: only a change of folio itself gets here */
			folio_log(FOLIO_LOG_WARN, "watch", "not published %.12s: %zu errors", commit,
			          folio_diags_count(&diags, FOLIO_SEVERITY_ERROR));
		rc = 0;
	}
	folio_diags_dispose(&diags);
	folio_source_free(src);
	return rc;
}

/* Publish the batch's newest commit, judged by the publish itself, and record its verdict. */
static int publish_tip(daemon_ctx *d, const char *commit, bool *valid)
{
	double start = now_seconds();
	verdict v = { .report = NULL };
	folio_diags_init(&v.shown);
	int rc = publish(d, commit, &v);
	if (rc == 0 && (rc = record(d, &v, start)) == 0) {
		*valid = v.errors == 0;
		if (*valid)
			show_published(d, commit);
	}
	verdict_dispose(&v);
	return rc;
}

/* A repository mirrored from a forge: git clone --mirror sets remote.origin.mirror. */
static bool is_mirror(git_repository *repo)
{
	git_config *cfg = NULL;
	int mirror = 0;
	/* only a mirror: a plain clone's origin is where it was made from, not a forge */
	if (git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_get_bool(&mirror, cfg, "remote.origin.mirror") < 0)
		mirror = 0;
	git_config_free(cfg);
	return mirror;
}

/*
 * A verified webhook says the forge moved. A mirror fetches it with its
 * configured refspecs; any other repository already holds the push (it
 * came through git, with hooks or not), so the turn just reads the branch.
 * The URL is not logged: it may hold a token.
 */
static void fetch_origin(daemon_ctx *d, git_repository *repo)
{
	git_remote *remote = NULL;
	double start = now_seconds();
	if (!d->status.mirror) {
		folio_log(FOLIO_LOG_INFO, "watch", "webhook: not a mirror, checking branch '%s' as it is",
		          d->set.branch);
		return;
	}
	if (git_remote_lookup(&remote, repo, "origin") < 0) {
		const git_error *e = git_error_last();
		folio_log(FOLIO_LOG_ERROR, "watch", "webhook: no remote 'origin' to fetch: %s",
		          e ? e->message : "unknown error");
		return;
	}
	if (git_remote_fetch(remote, NULL, NULL, "folio watch: webhook") < 0) {
		const git_error *e = git_error_last();
		folio_log(FOLIO_LOG_ERROR, "watch", "webhook: cannot fetch 'origin': %s",
		          e ? e->message : "unknown error");
	} else {
		folio_log(FOLIO_LOG_INFO, "watch", "webhook: fetched 'origin' in %.3f s", now_seconds() - start);
	}
	git_remote_free(remote);
}

/* Judge what is new on the branch and publish the newest valid commit. */
static int run_turn(daemon_ctx *d)
{
	git_repository *repo = NULL;
	git_oid tip, hide, *ids = NULL;
	size_t n = 0, done = 0;
	bool has_hide, rewound;
	char *last = NULL, *ref = folio_xasprintf("refs/heads/%s", d->set.branch);
	char hex[GIT_OID_HEXSZ + 1], newest_valid[GIT_OID_HEXSZ + 1] = "";
	bool tip_published = false;
	int rc = 0;

	if (git_repository_open(&repo, d->set.repo) < 0) {
		rc = git_fail("cannot open the repository");
		goto out;
	}
	d->repo = repo;
	bool mirror = is_mirror(repo);
	pthread_mutex_lock(&d->status.lock); /* /webhook's answer says which it does */
	d->status.mirror = mirror;
	pthread_mutex_unlock(&d->status.lock);
	if (d->fetch) {
		d->fetch = false;
		fetch_origin(d, repo);
	}
	if (git_reference_name_to_id(&tip, repo, ref) < 0) {
		folio_error_set("branch '%s' not found in '%s'", d->set.branch, d->set.repo);
		rc = FOLIO_ENOTFOUND;
		goto out;
	}
	if ((rc = folio_state_get(d->st, FOLIO_DAEMON_LAST_KEY, &last)) < 0 ||
	    (!last && (rc = folio_publish_current(d->st, &last)) < 0))
		goto out;
	git_oid_tostr(hex, sizeof(hex), &tip);
	if (last && !strcmp(last, hex))
		goto out;
	walk_start(&hide, &has_hide, &rewound, repo, &tip, last);
	if ((rc = list_new(&ids, &n, repo, &tip, has_hide ? &hide : NULL)) < 0)
		goto out;
	if (rewound)
		report_rewind(d, last, hex, n);
	else
		folio_log(FOLIO_LOG_INFO, "watch", "branch '%s' at %.12s: %zu new commit%s", d->set.branch,
		          hex, n, n == 1 ? "" : "s");
	set_queue(d, n);
	for (; done < n && !d->stop && rc == 0; done++) {
		bool valid = false;
		if ((rc = check_daemon_lock(d)) < 0) {
			d->lost_lock = true;
			break;
		}
		git_oid_tostr(hex, sizeof(hex), &ids[done]);
		if (done == n - 1)
			rc = publish_tip(d, hex, &valid);
		else
			rc = judge_and_record(d, hex, &valid);
		if (rc == 0 && valid) {
			memcpy(newest_valid, hex, sizeof(hex));
			tip_published = done == n - 1;
		}
		set_queue(d, n - done - 1);
		check_signals(d);
	}
	if (rc < 0 || !done)
		goto out;
	if (*newest_valid && !tip_published)
		rc = publish(d, newest_valid, NULL);
	else if (!*newest_valid)
		folio_log(FOLIO_LOG_WARN, "watch", "nothing published: no new valid commit");
	git_oid_tostr(hex, sizeof(hex), &ids[done - 1]);
	if (rc == 0)
		rc = folio_state_set(d->st, FOLIO_DAEMON_LAST_KEY, hex);
out:
	set_queue(d, 0);
	d->repo = NULL;
	free(ids);
	free(last);
	free(ref);
	git_repository_free(repo);
	return rc;
}

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
	    now_seconds() < d->schedule_retry)
		return 0;
	char *commit = NULL;
	int rc = folio_publish_current(d->st, &commit);
	if (rc == 0 && commit) {
		char when[FOLIO_TIMESTAMP_SIZE];
		folio_timestamp(when, d->schedule_next, -1);
		folio_log(FOLIO_LOG_INFO, "watch", "scheduled: publishing %.12s again for what was due at %s",
		          commit, when);
		long long was = d->schedule_next;
		rc = publish(d, commit, NULL);
		load_schedule(d);
		if (rc < 0 || d->schedule_next == was) {
			/* not applied (an error, or the commit no longer valid): no busy loop */
			d->schedule_retry = now_seconds() + RETRY_SECONDS;
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
	if (d->schedule_retry - now_seconds() > left)
		left = d->schedule_retry - now_seconds();
	if (left < 0)
		left = 0;
	return left < poll_s ? (int)left + 1 : poll_s;
}

/* ---- branch previews ---- */

/* A ref that gets a preview, with its tip. */
typedef struct {
	char ref[256];
	char name[FOLIO_PREVIEW_NAME_MAX + 1];
	char tip[GIT_OID_HEXSZ + 1];
	git_time_t when; /* the tip's commit time: which of many new refs are built */
} preview_ref;

static folio_daemon_preview *find_preview(daemon_ctx *d, const char *name)
{
	for (size_t i = 0; i < d->status.npreviews; i++)
		if (!strcmp(d->status.previews[i].name, name))
			return &d->status.previews[i];
	return NULL;
}

/* The refs of repo that get a preview: every branch but the published one,
 * and the merge requests a forge mirror brings (refs/merge-requests/N/head,
 * refs/pull/N/head). */
static int list_preview_refs(preview_ref **out, size_t *n_out, git_repository *repo, const char *branch)
{
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	preview_ref *list = NULL;
	size_t n = 0, alloc = 0;
	*out = NULL;
	*n_out = 0;
	if (git_reference_iterator_new(&it, repo) < 0)
		return git_fail("cannot list the references");
	while (git_reference_next(&r, it) == 0) {
		const char *name = git_reference_name(r);
		preview_ref p;
		git_oid id;
		git_commit *c = NULL;
		if (strlen(name) < sizeof(p.ref) && folio_daemon_preview_name(p.name, name, branch) == 0 &&
		    git_reference_name_to_id(&id, repo, name) == 0 && git_commit_lookup(&c, repo, &id) == 0) {
			snprintf(p.ref, sizeof(p.ref), "%s", name);
			git_oid_tostr(p.tip, sizeof(p.tip), &id);
			p.when = git_commit_time(c);
			FOLIO_ARRAY_GROW(list, n, alloc, n + 1);
			list[n++] = p;
		}
		git_commit_free(c);
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	git_error_clear();
	*out = list;
	*n_out = n;
	return 0;
}

/* Oldest tip first, so that the newest is built last and evicted last. */
static int cmp_preview_ref(const void *a, const void *b)
{
	const preview_ref *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return strcmp(x->name, y->name);
}

static char *preview_out(const daemon_ctx *d, const char *name)
{
	return folio_fs_join(d->status.previews_dir, name);
}

static char *preview_state(const daemon_ctx *d, const char *name)
{
	char *dir = folio_fs_join(d->set.state_dir, "previews");
	char *state = folio_fs_join(dir, name);
	free(dir);
	return state;
}

/* Remove preview i: its folders, its entry, its line on /status. */
static void drop_preview(daemon_ctx *d, size_t i, const char *why)
{
	folio_daemon_preview p = d->status.previews[i];
	char *out = preview_out(d, p.name), *state = preview_state(d, p.name);
	if (folio_daemon__preview_remove(out, state) < 0 || folio_daemon__previews_forget(d->st, p.name) < 0)
		folio_log(FOLIO_LOG_WARN, "watch", "preview '%s': %s", p.name, folio_error_last());
	pthread_mutex_lock(&d->status.lock);
	memmove(&d->status.previews[i], &d->status.previews[i + 1],
	        (d->status.npreviews - i - 1) * sizeof(*d->status.previews));
	d->status.npreviews--;
	pthread_mutex_unlock(&d->status.lock);
	folio_log(FOLIO_LOG_INFO, "watch", "preview '%s' of %s removed: %s", p.name, p.ref, why);
	free(out);
	free(state);
}

/* When a preview is pushed, in milliseconds, and after every other one's:
 * the order of the pushes survives a restart, even within one millisecond. */
static long long push_stamp(const daemon_ctx *d)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	long long now = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	for (size_t i = 0; i < d->status.npreviews; i++)
		if (d->status.previews[i].pushed_at >= now)
			now = d->status.previews[i].pushed_at + 1;
	return now;
}

/* Keep at most FOLIO_PREVIEWS_MAX: the least recently pushed go first. */
static void evict_previews(daemon_ctx *d)
{
	while (d->status.npreviews > (size_t)d->set.previews_max) {
		size_t old = 0;
		for (size_t i = 1; i < d->status.npreviews; i++)
			if (d->status.previews[i].pushed_at < d->status.previews[old].pushed_at)
				old = i;
		/* not built again before its next push */
		folio_daemon__previews_evict_mark(d->st, d->status.previews[old].ref, d->status.previews[old].judged);
		drop_preview(d, old, "evicted, the least recently pushed (FOLIO_PREVIEWS_MAX)");
	}
}

/*
 * Verdicts (notes) for the commits the branch brings before
 * its tip: those neither the published branch nor the preview's last tip
 * reaches, along first parents, at most MAX_BATCH.
 */
static void judge_branch(daemon_ctx *d, git_repository *repo, const preview_ref *c, const char *last)
{
	git_revwalk *walk = NULL;
	git_oid tip, hide, id, *ids = NULL;
	size_t n = 0, alloc = 0;
	char *main_ref = folio_xasprintf("refs/heads/%s", d->set.branch);
	if (git_oid_fromstr(&tip, c->tip) < 0 || git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) < 0 || git_revwalk_push(walk, &tip) < 0)
		goto done;
	git_revwalk_simplify_first_parent(walk);
	if (git_reference_name_to_id(&hide, repo, main_ref) == 0)
		git_revwalk_hide(walk, &hide);
	if (last && *last && git_oid_fromstr(&hide, last) == 0)
		git_revwalk_hide(walk, &hide); /* fails harmlessly when last is gone (a force-push) */
	while (n < MAX_BATCH && git_revwalk_next(&id, walk) == 0) {
		FOLIO_ARRAY_GROW(ids, n, alloc, n + 1);
		ids[n++] = id;
	}
	for (size_t i = n; i-- > 1 && !d->stop;) { /* oldest first; ids[0] is the tip */
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &ids[i]);
		verdict v = { .report = NULL };
		double start = now_seconds();
		folio_diags_init(&v.shown);
		if (judge(&v, d, hex) < 0 || record_branch(d, &v, start) < 0)
			folio_log(FOLIO_LOG_WARN, "watch", "preview '%s': %s", c->name, folio_error_last());
		verdict_dispose(&v);
		check_signals(d);
	}
done:
	git_error_clear();
	git_revwalk_free(walk);
	free(ids);
	free(main_ref);
}

/*
 * Publish c's tip into its preview: a new preview starts from the published
 * site (seeded), an existing one from its own last build; either way only
 * the outputs whose inputs changed are rendered. An invalid tip is judged
 * and noted, and not published: the preview keeps its last valid build
 * (none yet: none is served), as the site does.
 */
static int build_preview(daemon_ctx *d, const preview_ref *c, const folio_daemon_preview *old)
{
	char *out = preview_out(d, c->name), *state = preview_state(d, c->name);
	char *base = folio_xasprintf("%s/%s", d->status.previews_url, c->name);
	folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
	folio_build_stats stats = { 0 };
	folio_source *src = NULL;
	verdict v = { .report = NULL };
	folio_diags diags;
	double start = now_seconds(), seed_seconds = -1;
	int rc;

	folio_diags_init(&diags);
	folio_diags_init(&v.shown);
	/* seeded from a site on this disk (an s3:// site: built whole) */
	if ((!old || !*old->commit) && *d->status.published_commit && !folio_s3_is_url(d->set.out_dir)) {
		folio_daemon__preview_remove(out, state); /* what a killed daemon may have left */
		double t = now_seconds();
		if (folio_daemon__preview_seed(d->st, d->set.out_dir, out, state) == 0)
			seed_seconds = now_seconds() - t;
		else
			folio_log(FOLIO_LOG_WARN, "watch", "preview '%s': not seeded from the site (%s): built whole",
			          c->name, folio_error_last());
	}
	po.out_dir = out;
	po.state_dir = state;
	po.jobs = d->set.jobs;
	po.limits = &d->set.limits;
	po.preview_base_url = base;
	if ((rc = folio_source_open_git(&src, d->set.repo, c->tip)) == 0)
		rc = folio_publish(&stats, src, &po, &diags);
	if (!stats.fast)
		malloc_trim(0);
	if (rc < 0 && rc != FOLIO_EINVALID)
		goto done;
	verdict_from(&v, c->tip, &diags, true);
	if (rc == FOLIO_EINVALID && !v.errors)
		v.errors = 1;
	bool valid = rc == 0;
	if ((rc = record_branch(d, &v, start)) < 0)
		goto done;
	folio_daemon_preview p = { .errors = v.errors, .warnings = v.warnings,
	                           .updated = (long long)time(NULL), .pushed_at = push_stamp(d) };
	snprintf(p.name, sizeof(p.name), "%s", c->name);
	snprintf(p.ref, sizeof(p.ref), "%s", c->ref);
	snprintf(p.judged, sizeof(p.judged), "%s", c->tip);
	snprintf(p.commit, sizeof(p.commit), "%s", valid ? c->tip : old ? old->commit : "");
	if (!*p.commit) /* nothing valid built yet: no copy of the site is left to be served */
		folio_daemon__preview_remove(out, state);
	if ((rc = folio_daemon__previews_save(d->st, &p)) < 0)
		goto done;
	folio_daemon__previews_evict_mark(d->st, c->ref, NULL);
	/* the list stays in the order of the pushes: the first is evicted first */
	pthread_mutex_lock(&d->status.lock);
	folio_daemon_preview *slot = find_preview(d, c->name);
	if (slot) {
		size_t i = (size_t)(slot - d->status.previews);
		memmove(slot, slot + 1, (d->status.npreviews - i - 1) * sizeof(*slot));
	} else {
		d->status.previews = folio_xrealloc(d->status.previews,
		                                    (d->status.npreviews + 1) * sizeof(*d->status.previews));
		d->status.npreviews++;
	}
	d->status.previews[d->status.npreviews - 1] = p;
	pthread_mutex_unlock(&d->status.lock);
	char seeded[64] = "";
	if (seed_seconds >= 0)
		snprintf(seeded, sizeof(seeded), " (seeded from the site in %.3f s)", seed_seconds);
	if (valid)
		folio_log(FOLIO_LOG_INFO, "watch",
		          "preview '%s' of %s at %.12s: %zu pages rendered, %zu files written, %zu deleted, "
		          "in %.3f s%s%s; %s/", c->name, c->ref, c->tip, stats.pages, stats.written, stats.deleted,
		          now_seconds() - start, seeded, stats.fast ? " (fast path)" : "", base);
	else
		folio_log(FOLIO_LOG_WARN, "watch", "preview '%s' of %s at %.12s: not published, %zu errors%s",
		          c->name, c->ref, c->tip, v.errors, *p.commit ? "; the last valid build stays" : "");
done:
	if (rc < 0)
		folio_log(FOLIO_LOG_ERROR, "watch", "preview '%s' of %s: %s; retrying at the next turn", c->name,
		          c->ref, folio_error_last());
	verdict_dispose(&v);
	folio_diags_dispose(&diags);
	folio_source_free(src);
	free(base);
	free(out);
	free(state);
	return rc;
}

/* Drop the eviction marks of deleted refs: a ref made again later is new. */
static void forget_marks(daemon_ctx *d, const preview_ref *refs, size_t n)
{
	char **marked = NULL;
	size_t nmarked = 0;
	if (folio_daemon__previews_marked(&marked, &nmarked, d->st) < 0)
		folio_log(FOLIO_LOG_WARN, "watch", "%s", folio_error_last());
	for (size_t i = 0; i < nmarked; i++) {
		bool present = false;
		for (size_t k = 0; k < n && !present; k++)
			present = !strcmp(refs[k].ref, marked[i]);
		if (!present)
			folio_daemon__previews_evict_mark(d->st, marked[i], NULL);
		free(marked[i]);
	}
	free(marked);
}

/*
 * After the published branch: remove the previews of deleted refs, then
 * build each ref pushed since its preview was (the newest FOLIO_PREVIEWS_MAX
 * of them at most), evicting the least recently pushed beyond the bound.
 */
static void run_previews(daemon_ctx *d)
{
	git_repository *repo = NULL;
	preview_ref *refs = NULL;
	size_t n = 0;
	if (!d->status.previews_dir)
		return;
	if (git_repository_open(&repo, d->set.repo) < 0 || list_preview_refs(&refs, &n, repo, d->set.branch) < 0) {
		git_error_clear();
		goto done;
	}
	for (size_t i = d->status.npreviews; i-- > 0;) {
		bool present = false;
		for (size_t k = 0; k < n && !present; k++)
			present = !strcmp(refs[k].ref, d->status.previews[i].ref);
		if (!present)
			drop_preview(d, i, "its ref was deleted");
	}
	forget_marks(d, refs, n);
	/* what changed since its preview; a ref evicted is built again when pushed again */
	size_t todo = 0;
	for (size_t k = 0; k < n; k++) {
		const folio_daemon_preview *p = find_preview(d, refs[k].name);
		if (p ? strcmp(p->judged, refs[k].tip) != 0
		      : !folio_daemon__previews_evicted_at(d->st, refs[k].ref, refs[k].tip))
			refs[todo++] = refs[k];
	}
	if (todo) /* refs is NULL when there are none */
		qsort(refs, todo, sizeof(*refs), cmp_preview_ref);
	size_t skip = todo > (size_t)d->set.previews_max ? todo - (size_t)d->set.previews_max : 0;
	for (size_t k = 0; k < skip; k++) /* more new refs than previews: the oldest wait for a push */
		if (!find_preview(d, refs[k].name))
			folio_daemon__previews_evict_mark(d->st, refs[k].ref, refs[k].tip);
	for (size_t k = skip; k < todo && !d->stop && !d->lost_lock; k++) {
		folio_daemon_preview old, *p = find_preview(d, refs[k].name);
		if (p)
			old = *p;
		if (check_daemon_lock(d) < 0) {
			d->lost_lock = true;
			break;
		}
		judge_branch(d, repo, &refs[k], p ? old.judged : NULL);
		if (build_preview(d, &refs[k], p ? &old : NULL) == 0)
			evict_previews(d);
		check_signals(d);
	}
done:
	free(refs);
	git_repository_free(repo);
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
	double deadline = now_seconds() + seconds;
	for (;;) {
		/* events that wake nothing (another ref, a lock file) do not extend the wait */
		double left = deadline - now_seconds();
		int r = left > 0 ? poll(fds, (nfds_t)nfds, (int)(left * 1000) + 1) : 0;
		if (r <= 0) { /* the poll interval, or EINTR */
			if (r == 0)
				folio_log(FOLIO_LOG_DEBUG, "watch", "wake: poll (%d s)", seconds);
			return;
		}
		check_signals(d);
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
		if (d->ino_fd >= 0 && drain_inotify(d)) {
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
	sqlite3 *db = folio_state_db(d->st);
	sqlite3_stmt *s = NULL;
	if (folio_publish_current(d->st, &commit) == 0 && commit) {
		snprintf(d->status.published_commit, sizeof(d->status.published_commit), "%s", commit);
		site_language(d->status.language, sizeof(d->status.language), d->set.repo, commit);
	}
	free(commit);
	if (sqlite3_prepare_v2(db, "SELECT published_at FROM publishes ORDER BY seq DESC LIMIT 1", -1, &s,
	                       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		d->status.published_at = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (sqlite3_prepare_v2(db, "SELECT commit_id, errors, warnings, checked_at FROM verdicts"
	                       " ORDER BY checked_at DESC, rowid DESC LIMIT 10", -1, &s, NULL) != SQLITE_OK)
		return;
	folio_daemon_verdict v[FOLIO_DAEMON_VERDICTS];
	size_t n = 0;
	while (n < FOLIO_DAEMON_VERDICTS && sqlite3_step(s) == SQLITE_ROW) {
		snprintf(v[n].commit, sizeof(v[n].commit), "%s", (const char *)sqlite3_column_text(s, 0));
		v[n].errors = (size_t)sqlite3_column_int64(s, 1);
		v[n].warnings = (size_t)sqlite3_column_int64(s, 2);
		v[n].checked_at = sqlite3_column_int64(s, 3);
		n++;
	}
	sqlite3_finalize(s);
	/* subjects from the repository; findings stay unknown: the state keeps them as text only */
	git_repository *repo = NULL;
	if (git_repository_open(&repo, d->set.repo) == 0)
		d->repo = repo;
	git_error_clear();
	while (n--)
		remember_verdict(d, v[n].commit, v[n].errors, v[n].warnings, v[n].checked_at,
		                 commit_subject(d, v[n].commit), NULL);
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
	if ((rc = read_secret(&secret, o)) < 0)
		return rc;
	set_secret(d, secret);
	/* an output folio did not write is refused now, not retried forever */
	if ((rc = folio__output_claim(o->out_dir)) < 0)
		return rc;
	if ((rc = folio_fs_mkdir_p(o->state_dir)) < 0 || (rc = take_daemon_lock(d)) < 0 ||
	    (rc = take_name_lock(d)) < 0 ||
	    (rc = folio_state_open(&d->st, o->state_dir)) < 0 || (rc = open_signals(d)) < 0)
		return rc;
	if (o->socket_path && (rc = open_socket(d)) < 0)
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
	if (!d->opts->no_deliver && (rc = folio_daemon__deliver_start(&d->deliverer, o->state_dir,
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
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGINT);
		sigaddset(&set, SIGHUP);
		close(d->sig_fd);
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	}
	folio_state_close(d->st);
	if (d->lock_fd >= 0)
		close(d->lock_fd); /* last: the socket is gone before another daemon may start */
	if (d->name_fd >= 0)
		close(d->name_fd);
	set_secret(d, NULL);
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
	if (folio_daemon__settings_load(&fresh, d->opts) < 0 || read_secret(&secret, &fresh) < 0) {
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
	set_secret(d, secret);
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
	git_libgit2_init();
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
		if (check_daemon_lock(&d) < 0)
			d.lost_lock = true;
		if (d.lost_lock)
			break;
		arm_watches(&d);
		int trc = run_turn(&d);
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
			run_previews(&d);
		if (d.lost_lock)
			break;
		check_signals(&d);
		int poll_s = d.set.poll_seconds;
		if (!d.stop)
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
