/*
 * The daemon's start-up and wake-ups: its two locks, the webhook secret,
 * the signalfd, the notify socket the hooks write to, and inotify on the
 * branch's refs.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon_loop.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/secret.h"
#include "util/banned.h"

int folio_daemon__take_daemon_lock(daemon_ctx *d)
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
int folio_daemon__take_name_lock(daemon_ctx *d)
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
int folio_daemon__check_lock(daemon_ctx *d)
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
int folio_daemon__read_secret(char **out, const folio_daemon_settings *set)
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
void folio_daemon__set_secret(daemon_ctx *d, char *secret)
{
	pthread_mutex_lock(&d->status.lock);
	char *old = d->status.webhook_secret;
	d->status.webhook_secret = secret;
	pthread_mutex_unlock(&d->status.lock);
	if (old)
		explicit_bzero(old, strlen(old));
	free(old);
}

void folio_daemon__signal_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
}

/* Block the signals in this thread (and the threads it starts), read them from a signalfd. */
int folio_daemon__open_signals(daemon_ctx *d)
{
	sigset_t set;
	folio_daemon__signal_set(&set);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		return folio_error_set("cannot block signals");
	signal(SIGPIPE, SIG_IGN);
	d->sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sig_fd < 0)
		return folio_error_set("cannot open a signalfd: %s", strerror(errno));
	return 0;
}

int folio_daemon__open_socket(daemon_ctx *d)
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
void folio_daemon__arm_watches(daemon_ctx *d)
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
bool folio_daemon__drain_inotify(daemon_ctx *d)
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

