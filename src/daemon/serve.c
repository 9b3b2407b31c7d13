/*
 * folio serve (folio/serve.h): the main thread builds and watches the
 * site's folder; libmicrohttpd serves the last good output, one thread per
 * connection, since a browser's event stream (/_folio/events) waits on a
 * condition variable for the next build.
 *
 * Invariants: the build writes only into a temporary folder of its own
 * (an output and a publish state, removed on exit), never into the site;
 * HTTP threads read the shared part only under its lock and never touch
 * the state; what a page gets injected is added to the bytes served, never
 * to the files; a build with errors publishes nothing (folio_publish()), so
 * the last good pages stay served with the overlay over them.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include "util/lazylib_mhd.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon/daemon.h"
#include "daemon/serve.h"
#include "folio/folio.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/listen.h"
#include "util/banned.h"

#define QUIET_MS 80      /* an editor's save is a few events within this */
#define MAX_WAIT_MS 1000 /* events that never stop still get a build each second */
#define KEEPALIVE_S 15   /* a comment on idle event streams, so proxies keep them */
#define WATCH_MASK (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
                    IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

/* A page the site holds back (draft, pending, expired), shown with a banner. */
typedef struct {
	char *url; /* "/events/x/" */
	folio_page_status status;
	long long at;
} held_page;

typedef struct {
	pthread_mutex_t lock;
	pthread_cond_t built; /* signalled after every build, and on stop */
	unsigned long generation;
	bool stopping;
	folio_diags findings; /* of the last build */
	held_page *held;      /* of the last good build */
	size_t nheld;
	char *out_dir;        /* the output, beneath the temporary folder */
	char *failure;        /* the last build's operational error (no folder, disk full), or NULL */
} shared;

typedef struct {
	const folio_serve_options *opts;
	FILE *log;
	shared sh;
	char *tmp, *state_dir, *base_url;
	folio_state *st;   /* opened by the first build, borrowed by every build */
	held_page *loaded; /* filled by on_site during a build */
	size_t nloaded, aloaded;
	/* inotify: a watch descriptor's folder, relative to dir ("" for dir) */
	int ifd;
	char **watched;
	size_t nwatched;
} server;

static void held_free(held_page *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(h[i].url);
	free(h);
}

/* ---- HTTP ---- */

typedef struct {
	shared *sh;
	unsigned long seen;
	bool started;
} event_stream;

/* One chunk of an event stream: "reload" once a build newer than the page's
 * ends, a keep-alive comment on idle; the end when folio serve stops. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	event_stream *es = cls;
	folio_buf b = FOLIO_BUF_INIT;
	pthread_mutex_lock(&es->sh->lock);
	if (!es->started) {
		folio_buf_puts(&b, "retry: 1000\n\n"); /* reconnect fast after a restart */
		es->started = true;
	}
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += KEEPALIVE_S;
	int w = 0;
	while (!es->sh->stopping && es->sh->generation == es->seen && w != ETIMEDOUT && !b.size)
		w = pthread_cond_timedwait(&es->sh->built, &es->sh->lock, &until);
	bool stopping = es->sh->stopping;
	if (!stopping && es->sh->generation != es->seen) {
		char data[32];
		snprintf(data, sizeof(data), "%lu", es->sh->generation);
		es->seen = es->sh->generation;
		folio_serve__sse_event(&b, "reload", data);
	} else if (!stopping && !b.size) {
		folio_buf_puts(&b, ": keep-alive\n\n");
	}
	pthread_mutex_unlock(&es->sh->lock);
	ssize_t n;
	if (stopping && !b.size) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		n = (ssize_t)(b.size < max ? b.size : max); /* events are far smaller than MHD's buffer */
		memcpy(buf, b.ptr, (size_t)n);
	}
	folio_buf_dispose(&b);
	return n;
}

static enum MHD_Result reply_events(struct MHD_Connection *c, shared *sh)
{
	event_stream *es = folio_xcalloc(1, sizeof(*es));
	const char *since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since");
	es->sh = sh;
	es->seen = since ? strtoul(since, NULL, 10) : 0;
	if (!since) { /* no page to compare with: wait for the next build */
		pthread_mutex_lock(&sh->lock);
		es->seen = sh->generation;
		pthread_mutex_unlock(&sh->lock);
	}
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, es, free);
	if (!r) {
		free(es);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/event-stream");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result redirect(struct MHD_Connection *c, const char *location)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_FOUND, r);
	MHD_destroy_response(r);
	return ret;
}

/* An HTML page with the snippet for url: its banner when held, the overlay, the script. */
static enum MHD_Result reply_html(struct MHD_Connection *c, shared *sh, unsigned code, const char *url,
                                  const folio_buf *html)
{
	folio_buf snippet = FOLIO_BUF_INIT, page = FOLIO_BUF_INIT;
	pthread_mutex_lock(&sh->lock);
	folio_page_status status = FOLIO_PAGE_PUBLISHED;
	long long at = 0;
	size_t ulen = strlen(url);
	if (ulen >= 10 && !strcmp(url + ulen - 10, "index.html"))
		ulen -= 10; /* "/x/index.html" is the page "/x/" */
	for (size_t i = 0; i < sh->nheld; i++)
		if (strlen(sh->held[i].url) == ulen && !strncmp(sh->held[i].url, url, ulen)) {
			status = sh->held[i].status;
			at = sh->held[i].at;
		}
	folio_serve__snippet(&snippet, sh->generation, &sh->findings, sh->failure, status, at);
	pthread_mutex_unlock(&sh->lock);
	folio_serve__inject(&page, html->ptr ? html->ptr : "", html->size, snippet.ptr);
	enum MHD_Result ret = folio_daemon__reply_bytes(c, code, "text/html; charset=utf-8", page.ptr, page.size);
	folio_buf_dispose(&snippet);
	folio_buf_dispose(&page);
	return ret;
}

/* A file of the output, read beneath it (no "..", no link followed); a folder gives its index.html. */
/* b emptied, then the file rel beneath dir read into it. */
static int read_anew(folio_buf *b, const char *dir, const char *rel)
{
	folio_buf_clear(b);
	return folio_beneath_read(b, dir, rel);
}

static enum MHD_Result reply_file(struct MHD_Connection *c, shared *sh, const char *url)
{
	const char *file = url + 1;
	size_t flen = strlen(file);
	bool folder = !flen || file[flen - 1] == '/';
	char *rel = folio_xasprintf("%s%s", file, folder ? "index.html" : "");
	folio_buf b = FOLIO_BUF_INIT;
	enum MHD_Result ret;
	if (folio_daemon__visible_path(file) && folio_beneath_read(&b, sh->out_dir, rel) == 0) {
		const char *type = folio_daemon__content_type(rel);
		ret = !strncmp(type, "text/html", 9) ? reply_html(c, sh, MHD_HTTP_OK, url, &b)
		                                     : folio_daemon__reply_bytes(c, MHD_HTTP_OK, type, b.ptr, b.size);
	} else {
		char *index = folio_xasprintf("%s/index.html", rel), *ugly = folio_xasprintf("%s.html", rel);
		folio_buf_clear(&b);
		if (!folder && folio_daemon__visible_path(file) && folio_beneath_read(&b, sh->out_dir, index) == 0) {
			char *to = folio_xasprintf("%s/", url);
			ret = redirect(c, to);
			free(to);
		} else if (!folder && folio_daemon__visible_path(file) && read_anew(&b, sh->out_dir, ugly) == 0) {
			/* /x served from x.html, as Netlify and try_files $uri.html do:
			 * the address an ugly_urls page's links may use (docs/migrating.md) */
			ret = reply_html(c, sh, MHD_HTTP_OK, url, &b);
		} else {
			/* before a first good build too: the overlay says why there is nothing */
			folio_buf_clear(&b);
			folio_buf_puts(&b, "<!doctype html><html><head><meta charset=\"utf-8\"><title>not found</title>"
			                   "</head><body><h1>Not found</h1><p>");
			folio_buf_put_html(&b, url, strlen(url));
			folio_buf_puts(&b, " is no page of the site as last built.</p></body></html>");
			ret = reply_html(c, sh, MHD_HTTP_NOT_FOUND, "", &b);
		}
		free(index);
		free(ugly);
	}
	folio_buf_dispose(&b);
	free(rel);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size,
                              void **req)
{
	(void)version;
	(void)upload_data;
	(void)req;
	shared *sh = cls;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return folio_daemon__reply_bytes(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
		                                 "GET only\n", 9);
	if (*upload_size)
		return MHD_NO;
	if (!strcmp(url, FOLIO_SERVE_EVENTS_PATH))
		return reply_events(c, sh);
	/* "//host" would make the folder redirect below point to another site */
	if (*url != '/' || url[1] == '/')
		return folio_daemon__reply_bytes(c, MHD_HTTP_BAD_REQUEST, "text/plain; charset=utf-8",
		                                 "bad path\n", 9);
	return reply_file(c, sh, url);
}

/* ---- the address ---- */

/* "http://HOST:PORT/" for the address bound; a wildcard host is written localhost. */
static char *base_url_of(const char *listen, unsigned port)
{
	const char *colon = strrchr(listen, ':');
	size_t hlen = colon ? (size_t)(colon - listen) : 0;
	char host[256] = "";
	if (hlen && hlen < sizeof(host)) {
		memcpy(host, listen, hlen);
		host[hlen] = '\0';
	}
	if (!*host || !strcmp(host, "0.0.0.0") || !strcmp(host, "[::]") || !strcmp(host, "*"))
		snprintf(host, sizeof(host), "localhost");
	return folio_xasprintf("http://%s:%u/", host, port);
}

/* ---- building ---- */

static void on_site(const folio_site *site, void *ctx)
{
	server *s = ctx;
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		if (p->status == FOLIO_PAGE_PUBLISHED)
			continue;
		FOLIO_ARRAY_GROW(s->loaded, s->nloaded, s->aloaded, s->nloaded + 1);
		held_page *h = &s->loaded[s->nloaded++];
		h->url = folio_xstrdup(p->url);
		h->status = p->status;
		h->at = p->status == FOLIO_PAGE_PENDING ? p->schedule.publish_at
		        : p->status == FOLIO_PAGE_EXPIRED ? p->schedule.expiry_at : 0;
	}
}

/* Each finding on one line: "path:line:col: error: message [rule]; hint: ...". */
static void log_findings(FILE *log, const folio_diags *d)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < d->count; i++) {
		folio_buf_clear(&b);
		folio_diag_format_text(&b, &d->items[i]);
		while (b.size && b.ptr[b.size - 1] == '\n')
			b.ptr[--b.size] = '\0';
		for (char *nl; (nl = memchr(b.ptr, '\n', b.size));) { /* "\n  hint: " → "; hint: " */
			size_t skip = strspn(nl + 1, " ");
			if (!skip) { /* no indented line follows: a space is enough */
				*nl = ' ';
				continue;
			}
			nl[0] = ';';
			memmove(nl + 1, nl + skip, b.size - (size_t)(nl + skip - b.ptr) + 1);
			b.size -= skip - 1;
		}
		fprintf(log, "%s\n", b.ptr);
	}
	folio_buf_dispose(&b);
}

static void build(server *s)
{
	folio_source *src = NULL;
	folio_diags diags;
	folio_build_stats st;
	folio_diags_init(&diags);
	memset(&st, 0, sizeof(st));
	int rc = s->st ? 0 : folio_state_open(&s->st, s->state_dir);
	if (rc == 0 && (rc = folio_site_open_dir(&src, s->opts->dir)) == 0) {
		folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
		po.out_dir = s->sh.out_dir;
		po.state_dir = s->state_dir;
		po.state = s->st;
		po.jobs = s->opts->jobs;
		po.limits = s->opts->limits;
		po.preview_base_url = s->base_url;
		po.show_held = true;
		po.on_site = on_site;
		po.on_site_ctx = s;
		rc = folio_publish(&st, src, &po, &diags);
		folio_source_free(src);
	}
	log_findings(s->log, &diags);
	size_t errors = folio_diags_count(&diags, FOLIO_SEVERITY_ERROR);
	if (rc == 0)
		fprintf(s->log, "built in %.3f s: %zu pages rendered, %zu files written, %zu deleted\n",
		        st.seconds, st.pages, st.written, st.deleted);
	else if (rc == FOLIO_EINVALID)
		fprintf(s->log, "%zu error%s: the last good pages stay served, with the errors over them\n",
		        errors, errors == 1 ? "" : "s");
	else /* the error itself becomes a finding, so the browser shows it too */
		fprintf(s->log, "build failed: %s\n", folio_error_last());
	fflush(s->log);

	pthread_mutex_lock(&s->sh.lock);
	free(s->sh.failure);
	s->sh.failure = rc < 0 && rc != FOLIO_EINVALID ? folio_xstrdup(folio_error_last()) : NULL;
	folio_diags_dispose(&s->sh.findings);
	s->sh.findings = diags; /* moved */
	if (rc == 0) {
		held_free(s->sh.held, s->sh.nheld);
		s->sh.held = s->loaded;
		s->sh.nheld = s->nloaded;
	} else {
		held_free(s->loaded, s->nloaded);
	}
	s->loaded = NULL; /* moved or freed: the next build starts a new array */
	s->nloaded = s->aloaded = 0;
	s->sh.generation++;
	pthread_cond_broadcast(&s->sh.built);
	pthread_mutex_unlock(&s->sh.lock);
}

/* ---- watching ---- */

/* Names an editor or Git writes beside the files that matter. */
static bool ignored_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n && name[n - 1] == '~') || !strcmp(name, "4913") ||
	       (n > 4 && (!strcmp(name + n - 4, ".swp") || !strcmp(name + n - 4, ".swx")));
}

/* Watch rel (relative to dir, "" for dir) and every folder beneath it but hidden ones (.git). */
static void watch_tree(server *s, const char *rel)
{
	char *path = *rel ? folio_xasprintf("%s/%s", s->opts->dir, rel) : folio_xstrdup(s->opts->dir);
	/* DIR itself may be a link to the site; a link beneath it is not followed */
	int wd = inotify_add_watch(s->ifd, path, WATCH_MASK | IN_ONLYDIR | (*rel ? IN_DONT_FOLLOW : 0));
	if (wd < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			fprintf(s->log, "cannot watch %s: %s\n", path, strerror(errno));
		free(path);
		return;
	}
	if ((size_t)wd >= s->nwatched) {
		s->watched = folio_xrealloc(s->watched, ((size_t)wd + 1) * sizeof(*s->watched));
		memset(s->watched + s->nwatched, 0, ((size_t)wd + 1 - s->nwatched) * sizeof(*s->watched));
		s->nwatched = (size_t)wd + 1;
	}
	free(s->watched[wd]);
	s->watched[wd] = folio_xstrdup(rel);
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (ignored_name(e->d_name))
			continue;
		char *child = *rel ? folio_xasprintf("%s/%s", rel, e->d_name) : folio_xstrdup(e->d_name);
		char *full = folio_xasprintf("%s/%s", path, e->d_name);
		struct stat sb;
		if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
			watch_tree(s, child);
		free(full);
		free(child);
	}
	if (d)
		closedir(d);
	free(path);
}

/* Read the pending inotify events; true when one of them calls for a build. */
static bool read_events(server *s)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool relevant = false;
	ssize_t n;
	while ((n = read(s->ifd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof(*ev) + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) { /* events were lost: watch everything again */
				watch_tree(s, "");
				relevant = true;
				continue;
			}
			if (ev->mask & IN_IGNORED) {
				if (ev->wd >= 0 && (size_t)ev->wd < s->nwatched) {
					free(s->watched[ev->wd]);
					s->watched[ev->wd] = NULL;
				}
				continue;
			}
			if (ev->len && ignored_name(ev->name))
				continue;
			relevant = true;
			const char *parent = ev->wd >= 0 && (size_t)ev->wd < s->nwatched ? s->watched[ev->wd] : NULL;
			if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && parent && ev->len) {
				/* a new folder: watched, with what was made in it before the watch */
				char *child = *parent ? folio_xasprintf("%s/%s", parent, ev->name) : folio_xstrdup(ev->name);
				watch_tree(s, child);
				free(child);
			}
		}
	}
	return relevant;
}

/* ---- the loop ---- */

/* Wait for file events, signals and due builds until SIGINT or SIGTERM. */
static void loop(server *s, int sfd)
{
	folio_serve_debounce db;
	folio_serve__debounce_init(&db, QUIET_MS, MAX_WAIT_MS);
	for (;;) {
		long long wait = folio_serve__debounce_wait(&db, folio_clock_ms());
		if (wait == 0) {
			folio_serve__debounce_fired(&db);
			build(s);
			continue;
		}
		struct pollfd fds[2] = { { sfd, POLLIN, 0 }, { s->ifd, POLLIN, 0 } };
		int n = poll(fds, 2, wait < 0 ? -1 : (int)wait);
		if (n < 0 && errno != EINTR) {
			fprintf(s->log, "folio serve: poll: %s\n", strerror(errno));
			return;
		}
		if (n > 0 && (fds[0].revents & POLLIN)) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
				return;
		}
		if (n > 0 && (fds[1].revents & POLLIN) && read_events(s))
			folio_serve__debounce_event(&db, folio_clock_ms());
	}
}

static void server_dispose(server *s)
{
	if (s->ifd >= 0)
		close(s->ifd);
	for (size_t i = 0; i < s->nwatched; i++)
		free(s->watched[i]);
	free(s->watched);
	folio_state_close(s->st);
	if (s->tmp)
		folio_fs_rm_rf(s->tmp);
	free(s->tmp);
	free(s->state_dir);
	free(s->base_url);
	free(s->sh.out_dir);
	free(s->sh.failure);
	held_free(s->sh.held, s->sh.nheld);
	folio_diags_dispose(&s->sh.findings);
	pthread_cond_destroy(&s->sh.built);
	pthread_mutex_destroy(&s->sh.lock);
}

static struct MHD_Daemon *http_start(server *s, const char *listen)
{
	struct addrinfo *ai = NULL;
	if (folio_listen_parse(&ai, listen) < 0)
		return NULL;
	/* a thread per connection: an event stream blocks its own thread only */
	struct MHD_Daemon *mhd = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL |
			(ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		0, NULL, NULL, handle, &s->sh, MHD_OPTION_SOCK_ADDR, ai->ai_addr, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)64, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(4 * KEEPALIVE_S), MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!mhd)
		folio_error_set("cannot listen on '%s': the address is in use or not available", listen);
	return mhd;
}

int folio_serve_run(const folio_serve_options *opts)
{
	folio_serve_options o = *opts;
	if (!o.dir)
		o.dir = ".";
	if (!o.listen)
		o.listen = "127.0.0.1:1313";
	server s = { .opts = &o, .log = o.log ? o.log : stderr, .ifd = -1 };
	pthread_mutex_init(&s.sh.lock, NULL);
	pthread_cond_init(&s.sh.built, NULL);
	folio_diags_init(&s.sh.findings);
	struct MHD_Daemon *mhd = NULL;
	int sfd = -1, rc = 0;
	struct stat sb;
	if (stat(o.dir, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		server_dispose(&s);
		return folio_error_set("'%s' is not a folder: give the site's folder", o.dir);
	}
	const char *tmpdir = getenv("TMPDIR");
	s.tmp = folio_xasprintf("%s/folio-serve-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(s.tmp)) {
		rc = folio_error_set("cannot make a temporary folder '%s': %s", s.tmp, strerror(errno));
		free(s.tmp);
		s.tmp = NULL;
		goto done;
	}
	s.sh.out_dir = folio_xasprintf("%s/public", s.tmp);
	s.state_dir = folio_xasprintf("%s/state", s.tmp);

	/* SIGINT and SIGTERM come through a descriptor, blocked in every
	 * thread (MHD's inherit the mask): the loop stops at its next turn */
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN); /* a browser that goes away mid-stream */
	if ((sfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0 ||
	    (s.ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		rc = folio_error_set("folio serve: %s", strerror(errno));
		goto done;
	}
	if (!(mhd = http_start(&s, o.listen))) {
		rc = FOLIO_ERROR;
		goto done;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(mhd, MHD_DAEMON_INFO_BIND_PORT);
	s.base_url = base_url_of(o.listen, info ? info->port : 0);
	watch_tree(&s, ""); /* before the first build: an edit during it is not lost */
	fprintf(s.log, "folio serve: %s served at %s (Ctrl-C stops)\n", o.dir, s.base_url);
	fflush(s.log);
	build(&s);
	loop(&s, sfd);
	fprintf(s.log, "folio serve: stopped\n");
done:
	if (mhd) {
		pthread_mutex_lock(&s.sh.lock);
		s.sh.stopping = true; /* event streams end, so their threads can be joined */
		pthread_cond_broadcast(&s.sh.built);
		pthread_mutex_unlock(&s.sh.lock);
		MHD_stop_daemon(mhd);
	}
	if (sfd >= 0)
		close(sfd);
	server_dispose(&s);
	return rc;
}
