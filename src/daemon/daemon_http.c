/*
 * The daemon's HTTP side, served on libmicrohttpd's own thread: /healthz,
 * /status (JSON, docs/status.schema.json), / (the same document as an HTML
 * page, daemon_page.c), /metrics (Prometheus, daemon_metrics.c) and
 * /webhook (a forge's push notification, verified in constant time, then a
 * wake-up of the loop through its eventfd).
 *
 * Invariants: this thread reads the shared status only under its mutex and
 * never touches the state database or the repository; a webhook body is
 * never kept beyond MAX_BODY bytes; a secret is never logged. A connection
 * lives at most HEADER_S seconds before its headers end and REQUEST_S per
 * request, however slowly it trickles (util/conn_clock.h, swept by a thread
 * of its own): 64 clients sending a header line every 5 s held every
 * connection, /healthz and /webhook shut out for as long as they went on.
 */
#include <ctype.h>
#include "util/lazylib_mhd.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "daemon.h"
#include "folio/buf.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/conn_clock.h"
#include "util/hash.h"
#include "util/listen.h"
#include "util/log.h"
#include "util/text.h"
#include "util/timestamp.h"
#include "util/banned.h"

#define MAX_BODY (1u << 20)
#define MAX_CONNECTIONS 256u
#define HEADER_S 10
#define REQUEST_S 60

struct folio_daemon_http {
	struct MHD_Daemon *mhd;
	folio_daemon_status *status;
	folio_conn_clocks *clocks;
	pthread_t sweeper;
	pthread_mutex_t lock; /* guards stop */
	pthread_cond_t wake;
	bool stop;
};

/* One POST /webhook being received. */
typedef struct {
	folio_buf body;
	bool too_big;
} upload;

/* ---- signatures ---- */

/* hex (any case) names the same bytes as want (lowercase), compared in constant time. */
static bool hex_matches(const char *hex, const char *want)
{
	size_t n = strlen(want);
	char lower[128];
	if (strlen(hex) != n || n > sizeof(lower))
		return false;
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)hex[i]);
	return CRYPTO_memcmp(lower, want, n) == 0;
}

/* Compare digests, not the strings, so the time does not tell the secret's length. */
static bool token_matches(const char *token, const char *secret)
{
	unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)token, strlen(token), a);
	SHA256((const unsigned char *)secret, strlen(secret), b);
	return CRYPTO_memcmp(a, b, sizeof(a)) == 0;
}

bool folio_daemon_webhook_verify(const char *secret, const char *github_sig, const char *gitlab_token,
                          const char *gitea_sig, const void *body, size_t len)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	if (!secret || !*secret)
		return false;
	if (!HMAC(EVP_sha256(), secret, (int)strlen(secret), body ? body : (const void *)"", len, mac,
	          &maclen))
		return false;
	folio_hex_encode(hex, mac, maclen);
	if (github_sig && !strncmp(github_sig, "sha256=", 7) && hex_matches(github_sig + 7, hex))
		return true;
	if (gitea_sig && hex_matches(gitea_sig, hex))
		return true;
	return gitlab_token && token_matches(gitlab_token, secret);
}

/* ---- responses ---- */

/* Answer r (taken over) with code, its type and no caching. */
static enum MHD_Result queue_typed(struct MHD_Connection *c, unsigned code, const char *type,
                                   struct MHD_Response *r)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	enum MHD_Result ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result folio_daemon__reply_bytes(struct MHD_Connection *c, unsigned code, const char *type,
                                          const void *data, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	return r ? queue_typed(c, code, type, r) : MHD_NO;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type, const char *text)
{
	return folio_daemon__reply_bytes(c, code, type, text, strlen(text));
}

static enum MHD_Result reply_text(struct MHD_Connection *c, unsigned code, const char *text)
{
	return reply(c, code, "text/plain; charset=utf-8", text);
}

static json_t *json_time(long long t)
{
	char stamp[FOLIO_TIMESTAMP_SIZE];
	if (!t || !folio_timestamp(stamp, t, -1))
		return json_null();
	return json_string(stamp);
}

/* Every string of /status goes through here: jansson refuses bytes that are
 * not UTF-8 (a file name's in an error message), which made /status a 500. */
static json_t *json_text(const char *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_text_utf8_repair(&b, s);
	json_t *j = json_stringn(b.ptr, b.size);
	folio_buf_dispose(&b);
	return j;
}

static json_t *json_text_or_null(const char *s)
{
	return s ? json_text(s) : json_null();
}

/* A verdict's findings, as folio check --format json has them, each with
 * its page in the branch's preview ("url", null when none); null when unknown. */
static json_t *findings_json(const folio_daemon_verdict *v)
{
	if (!v->findings_known)
		return json_null();
	json_t *a = json_array();
	for (size_t i = 0; i < v->findings.count; i++) {
		const folio_diag *f = &v->findings.items[i];
		const char *url = v->urls ? v->urls[i] : NULL;
		json_array_append_new(a, json_pack("{s:o, s:I, s:I, s:s, s:s, s:o, s:o, s:o}", "path",
		                                   json_text_or_null(f->path), "line", (json_int_t)f->line,
		                                   "column", (json_int_t)f->column, "severity",
		                                   f->severity == FOLIO_SEVERITY_ERROR ? "error" : "warning",
		                                   "rule", folio_rule_name(f->rule), "message",
		                                   json_text_or_null(f->message), "hint",
		                                   json_text_or_null(f->hint), "url", json_text_or_null(url)));
	}
	return a;
}

/* The findings of preview p's tip (null when not known: judged before the start). */
static json_t *preview_findings_json(const folio_daemon_status *s, const folio_daemon_preview *p)
{
	for (size_t i = 0; i < s->npreview_verdicts; i++) {
		const folio_daemon_verdict *v = &s->preview_verdicts[i];
		if (!strcmp(v->ref, p->ref) && !strcmp(v->commit, p->judged))
			return findings_json(v);
	}
	return json_null();
}

/* The whole /status document, read under the lock once: / renders the same one. */
static json_t *status_json(folio_daemon_status *s)
{
	json_t *verdicts = json_array();
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nverdicts; i++) {
		const folio_daemon_verdict *v = &s->verdicts[i];
		json_array_append_new(verdicts, json_pack("{s:o, s:b, s:I, s:I, s:o, s:o, s:o}", "commit",
		                                          json_text(v->commit), "valid", v->errors == 0,
		                                          "errors", (json_int_t)v->errors, "warnings",
		                                          (json_int_t)v->warnings, "checked_at",
		                                          json_time(v->checked_at), "subject",
		                                          json_text_or_null(v->subject), "findings",
		                                          findings_json(v)));
	}
	/* null while the loop works; else why it fails, since when, how many tries so far */
	json_t *error = *s->error ? json_pack("{s:o, s:o, s:I}", "message", json_text(s->error), "since",
	                                      json_time(s->error_since), "attempts",
	                                      (json_int_t)s->error_attempts)
	                          : json_null();
	/* the last rewind or force-push: the site went back to "to" */
	json_t *rewound = *s->rewound_to ? json_pack("{s:o, s:o, s:o}", "from", json_text(s->rewound_from),
	                                             "to", json_text(s->rewound_to), "at",
	                                             json_time(s->rewound_at))
	                                 : json_null();
	/* partners a permanent delivery failure stopped: [] when none, null before the first look */
	json_t *failed = s->partners_failed ? json_loads(s->partners_failed, 0, NULL) : NULL;
	/* branch previews, the least recently pushed first */
	json_t *previews = json_array();
	for (size_t i = 0; i < s->npreviews; i++) {
		const folio_daemon_preview *p = &s->previews[i];
		char *url = folio_xasprintf("%s/%s/", s->previews_url, p->name);
		json_array_append_new(previews, json_pack(
			"{s:o, s:o, s:o, s:s, s:I, s:I, s:o, s:o, s:o, s:o}", "name", json_text(p->name), "ref",
			json_text(p->ref), "commit", json_text(p->judged), "verdict", p->errors ? "invalid" : "valid",
			"errors", (json_int_t)p->errors, "warnings", (json_int_t)p->warnings, "served_commit",
			*p->commit ? json_text(p->commit) : json_null(), "url", *p->commit ? json_text(url) : json_null(),
			"updated", json_time(p->updated), "findings", preview_findings_json(s, p)));
		free(url);
	}
	/* every partner's delivery state: null before the first look, as partners_failed */
	json_t *partners = s->partners ? json_loads(s->partners, 0, NULL) : NULL;
	/* what the published commit will do by itself: pages to publish or take down */
	json_t *scheduled = s->scheduled ? json_loads(s->scheduled, 0, NULL) : NULL;
	json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:I, s:o, s:o, s:I, s:b, s:I, s:o, s:o}", "version",
	                      FOLIO_VERSION, "branch", json_text(s->branch), "published_commit",
	                      *s->published_commit ? json_text(s->published_commit) : json_null(),
	                      "published_at", json_time(s->published_at), "last_verdicts", verdicts,
	                      "queue", (json_int_t)s->queue, "error", error, "rewound", rewound, "poll_seconds",
	                      (json_int_t)s->poll_seconds, "webhooks", s->webhook_secret != NULL, "uptime",
	                      (json_int_t)((long long)time(NULL) - s->started_at),
	                      "partners_failed", failed ? failed : json_null(),
	                      "scheduled", json_is_array(scheduled) ? scheduled : json_array());
	if (scheduled && !json_is_array(scheduled))
		json_decref(scheduled);
	json_object_set_new(o, "partners", partners ? partners : json_null());
	json_object_set_new(o, "language", *s->language ? json_text(s->language) : json_null());
	json_object_set_new(o, "previews", previews);
	pthread_mutex_unlock(&s->lock);
	return o;
}

static enum MHD_Result reply_status(struct MHD_Connection *c, folio_daemon_status *s)
{
	json_t *o = status_json(s);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text)
		return reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot encode the status\n");
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, text);
	folio_buf_putc(&b, '\n');
	free(text);
	enum MHD_Result ret = reply(c, MHD_HTTP_OK, "application/json", b.ptr);
	folio_buf_dispose(&b);
	return ret;
}

/* The status page: the /status document of this moment, as HTML. */
static enum MHD_Result reply_page(struct MHD_Connection *c, folio_daemon_status *s)
{
	json_t *o = status_json(s);
	folio_buf b = FOLIO_BUF_INIT;
	folio_daemon__page_render(&b, o);
	json_decref(o);
	struct MHD_Response *r = MHD_create_response_from_buffer(b.size, b.ptr, MHD_RESPMEM_MUST_COPY);
	folio_buf_dispose(&b);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/html; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	/* no script, no frame, nothing from elsewhere: the page shows what strangers pushed */
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result reply_metrics(struct MHD_Connection *c, folio_daemon_status *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_daemon__metrics_render(&b, s);
	enum MHD_Result ret = reply(c, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", b.ptr);
	folio_buf_dispose(&b);
	return ret;
}

/* ---- branch previews ---- */

const char *folio_daemon__content_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" }, { ".json", "application/json" },
		{ ".xml", "application/xml" }, { ".rss", "application/rss+xml" },
		{ ".atom", "application/atom+xml" }, { ".txt", "text/plain; charset=utf-8" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".gif", "image/gif" }, { ".webp", "image/webp" },
		{ ".ico", "image/x-icon" }, { ".pdf", "application/pdf" }, { ".woff2", "font/woff2" },
	};
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && !strcmp(path + n - e, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

/*
 * Every answer under /previews/ (a file, a redirect, a 404): r (taken over)
 * with code and type, sandboxed. A preview's files are a pusher's, served
 * on the daemon's origin, so a script of theirs read /status, /metrics and
 * / and could send them elsewhere (t534). In the sandbox it runs in an
 * opaque origin (no allow-same-origin), to which the daemon's answers are
 * another site's; stylesheets, images and links are not scripts and load
 * as before. location, when not NULL, is where a redirect points.
 */
static enum MHD_Result preview_answer(struct MHD_Connection *c, unsigned code, const char *type,
                                      struct MHD_Response *r, const char *location)
{
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Security-Policy", "sandbox allow-scripts allow-forms allow-popups");
	if (location)
		MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
	return queue_typed(c, code, type, r);
}

static enum MHD_Result preview_text(struct MHD_Connection *c, unsigned code, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	return preview_answer(c, code, "text/plain; charset=utf-8", r, NULL);
}

static enum MHD_Result redirect(struct MHD_Connection *c, const char *location)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	return preview_answer(c, MHD_HTTP_MOVED_PERMANENTLY, "text/plain; charset=utf-8", r, location);
}

bool folio_daemon__visible_path(const char *path)
{
	for (const char *p = path; *p; p += strcspn(p, "/"), p += *p == '/')
		if (*p == '.')
			return false;
	return true;
}

/* A descriptor of the regular file rel of the previews, or -1. */
static int preview_file(const char *previews_dir, const char *rel)
{
	int fd = -1;
	struct stat st;
	if (folio_beneath_open(&fd, previews_dir, rel) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The file of fd as the answer, sent from the file as the client reads it
 * (MHD takes fd and closes it): read whole into each answer, as it was,
 * 60 requests of a 30 MB file that were not read held 1 GB of the
 * daemon's memory, and a few hundred would have it killed (t496). */
static enum MHD_Result reply_file(struct MHD_Connection *c, const char *type, int fd)
{
	struct stat st;
	struct MHD_Response *r = NULL;
	if (fstat(fd, &st) == 0)
		r = MHD_create_response_from_fd((size_t)st.st_size, fd);
	if (!r) {
		close(fd);
		return MHD_NO;
	}
	return preview_answer(c, MHD_HTTP_OK, type, r, NULL);
}

/*
 * GET /previews/<name>/<path>: a file of a preview that has a build, read
 * beneath the previews folder (util/beneath.c: no "..", no symbolic link
 * followed); a folder gives its index.html, as a web server would. MHD has
 * decoded the URL's %XX already, so "%2e%2e" is refused as "..".
 */
static enum MHD_Result serve_preview(struct MHD_Connection *c, folio_daemon_status *s, const char *url)
{
	const char *rest = url + strlen("/previews");
	rest += *rest == '/';
	size_t len = strcspn(rest, "/");
	char name[FOLIO_PREVIEW_NAME_MAX + 1];
	bool served = false;
	if (len && len < sizeof(name)) {
		memcpy(name, rest, len);
		name[len] = '\0';
		pthread_mutex_lock(&s->lock);
		for (size_t i = 0; i < s->npreviews && !served; i++)
			served = !strcmp(s->previews[i].name, name) && *s->previews[i].commit;
		pthread_mutex_unlock(&s->lock);
	}
	if (!served || !s->previews_dir)
		return preview_text(c, MHD_HTTP_NOT_FOUND, "no such preview: /status lists them\n");
	if (!rest[len]) {
		char *to = folio_xasprintf("/previews/%s/", name);
		enum MHD_Result ret = redirect(c, to);
		free(to);
		return ret;
	}
	const char *file = rest + len + 1;
	size_t flen = strlen(file);
	char *rel = folio_xasprintf("%s/%s%s", name, file, !flen || file[flen - 1] == '/' ? "index.html" : "");
	enum MHD_Result ret;
	int fd = folio_daemon__visible_path(file) ? preview_file(s->previews_dir, rel) : -1;
	if (fd >= 0) {
		ret = reply_file(c, folio_daemon__content_type(rel), fd);
	} else {
		/* a folder named without its "/": where its index.html is */
		char *index = folio_xasprintf("%s/index.html", rel);
		if (flen && file[flen - 1] != '/' && folio_daemon__visible_path(file) &&
		    (fd = preview_file(s->previews_dir, index)) >= 0) {
			close(fd);
			char *to = folio_xasprintf("%s/", url);
			ret = redirect(c, to);
			free(to);
		} else {
			ret = preview_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
		}
		free(index);
	}
	free(rel);
	return ret;
}

/* ---- webhooks ---- */

static const char *header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The whole body is in: check it, then wake the loop. */
static enum MHD_Result finish_webhook(folio_daemon_http *h, struct MHD_Connection *c, upload *u)
{
	const char *github = header(c, "X-Hub-Signature-256"), *gitlab = header(c, "X-Gitlab-Token");
	const char *gitea = header(c, "X-Gitea-Signature");
	bool ok, enabled, mirror;

	if (u->too_big)
		return reply_text(c, MHD_HTTP_CONTENT_TOO_LARGE, "body larger than 1 MiB\n");
	pthread_mutex_lock(&h->status->lock);
	enabled = h->status->webhook_secret != NULL;
	mirror = h->status->mirror;
	ok = folio_daemon_webhook_verify(h->status->webhook_secret, github, gitlab, gitea, u->body.ptr, u->body.size);
	pthread_mutex_unlock(&h->status->lock);
	if (!enabled)
		return reply_text(c, MHD_HTTP_FORBIDDEN, "webhooks are disabled: no secret configured\n");
	if (!ok) {
		folio_log(FOLIO_LOG_WARN, "http", "webhook refused: %s signature",
		          github || gitlab || gitea ? "bad" : "missing");
		return reply_text(c, MHD_HTTP_UNAUTHORIZED, "missing or bad signature\n");
	}
	json_t *doc = json_loadb(u->body.ptr, u->body.size, 0, NULL);
	bool object = json_is_object(doc);
	const char *ref = object ? json_string_value(json_object_get(doc, "ref")) : NULL;
	if (object)
		folio_log(FOLIO_LOG_INFO, "http", "webhook from %s: ref %s",
		          github ? "github" : gitea ? "gitea" : "gitlab", ref ? ref : "(none)");
	json_decref(doc);
	if (!object) {
		folio_log(FOLIO_LOG_WARN, "http", "webhook refused: the body is not a JSON object");
		return reply_text(c, MHD_HTTP_BAD_REQUEST,
		                  "body is not a JSON object; have the forge send application/json\n");
	}
	uint64_t one = 1;
	if (write(h->status->wake_fd, &one, sizeof(one)) < 0)
		folio_log(FOLIO_LOG_WARN, "http", "cannot wake the loop");
	/* the forge's delivery log shows this: say what the webhook does here */
	return reply_text(c, MHD_HTTP_ACCEPTED,
	                  mirror ? "accepted: fetching the mirror's origin, then checking the branch\n"
	                         : "accepted: checking the branch as it is; this repository is not a "
	                           "mirror (git clone --mirror), so nothing is fetched: see docs/server.md\n");
}

static enum MHD_Result webhook(folio_daemon_http *h, struct MHD_Connection *c, const char *data,
                               size_t *size, void **req)
{
	upload *u = *req;
	if (!u) {
		const char *len = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len && strtoull(len, NULL, 10) > MAX_BODY)
			return reply_text(c, MHD_HTTP_CONTENT_TOO_LARGE, "body larger than 1 MiB\n");
		u = folio_xcalloc(1, sizeof(*u));
		folio_buf_init(&u->body);
		*req = u;
		return MHD_YES;
	}
	if (*size) {
		if (u->too_big || u->body.size + *size > MAX_BODY)
			u->too_big = true;
		else
			folio_buf_put(&u->body, data, *size);
		*size = 0;
		return MHD_YES;
	}
	return finish_webhook(h, c, u);
}

static int connection_fd(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	return ci ? (int)ci->connect_fd : -1;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *data, size_t *size, void **req)
{
	folio_daemon_http *h = cls;
	folio_conn_clocks_headers_done(h->clocks, connection_fd(c));
	bool get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
	if (!strcmp(url, "/webhook")) {
		if (strcmp(method, MHD_HTTP_METHOD_POST))
			return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use POST\n");
		return webhook(h, c, data, size, req);
	}
	if (!strcmp(url, "/") || !strcmp(url, "/healthz") || !strcmp(url, "/status") ||
	    !strcmp(url, "/metrics")) {
		if (!get)
			return reply_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET\n");
		if (!strcmp(url, "/"))
			return reply_page(c, h->status);
		if (!strcmp(url, "/healthz"))
			return reply_text(c, MHD_HTTP_OK, "ok\n");
		if (!strcmp(url, "/metrics"))
			return reply_metrics(c, h->status);
		return reply_status(c, h->status);
	}
	if (!strncmp(url, "/previews/", 10) || !strcmp(url, "/previews")) {
		if (!get)
			return preview_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET\n");
		return serve_preview(c, h->status, url);
	}
	return reply_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
}

/* MHD tells of each connection's start and end (before it closes the fd). */
static void connection(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode code)
{
	folio_daemon_http *h = cls;
	(void)socket_context;
	folio_conn_clocks_connection(h->clocks, connection_fd(c), code == MHD_CONNECTION_NOTIFY_STARTED);
}

/* Once a second until stopped: cut the connections past their deadline. */
static void *sweep(void *arg)
{
	folio_daemon_http *h = arg;
	pthread_mutex_lock(&h->lock);
	while (!h->stop) {
		struct timespec at;
		clock_gettime(CLOCK_REALTIME, &at);
		at.tv_sec++;
		pthread_cond_timedwait(&h->wake, &h->lock, &at);
		if (!h->stop)
			folio_conn_clocks_sweep(h->clocks);
	}
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

static void completed(void *cls, struct MHD_Connection *c, void **req, enum MHD_RequestTerminationCode why)
{
	folio_daemon_http *h = cls;
	/* a kept-alive connection starts its next request's clock now */
	folio_conn_clocks_request_done(h->clocks, connection_fd(c));
	upload *u = *req;
	if (u) {
		folio_buf_dispose(&u->body);
		free(u);
		*req = NULL;
	}
}

static void http_free(folio_daemon_http *h)
{
	folio_conn_clocks_free(h->clocks);
	pthread_cond_destroy(&h->wake);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

int folio_daemon__http_start(folio_daemon_http **out, const char *listen, folio_daemon_status *status)
{
	struct addrinfo *ai = NULL;
	*out = NULL;
	if (folio_listen_parse(&ai, listen) < 0)
		return FOLIO_ERROR;
	folio_daemon_http *h = folio_xcalloc(1, sizeof(*h));
	h->status = status;
	h->clocks = folio_conn_clocks_new(HEADER_S, REQUEST_S);
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->wake, NULL);
	h->mhd = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
	                                  (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	                          0, NULL, NULL, handle, h, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	                          MHD_OPTION_NOTIFY_COMPLETED, completed, h, MHD_OPTION_NOTIFY_CONNECTION,
	                          connection, h, MHD_OPTION_CONNECTION_LIMIT, MAX_CONNECTIONS,
	                          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!h->mhd || pthread_create(&h->sweeper, NULL, sweep, h) != 0) {
		if (h->mhd)
			MHD_stop_daemon(h->mhd);
		http_free(h);
		return folio_error_set("cannot listen on '%s': the address is in use or not available", listen);
	}
	*out = h;
	return 0;
}

void folio_daemon__http_stop(folio_daemon_http *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->lock);
	h->stop = true;
	pthread_cond_signal(&h->wake);
	pthread_mutex_unlock(&h->lock);
	pthread_join(h->sweeper, NULL);
	MHD_stop_daemon(h->mhd);
	http_free(h);
}
