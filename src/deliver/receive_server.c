/*
 * The receiver's HTTP server (folio receive, the reference receiver a
 * partner site can run): libmicrohttpd, one epoll thread, so deliveries are
 * handled one at a time and fds over 1024 work; each POST goes to
 * folio_receiver_handle() and is answered as it says.
 *
 * Invariants (docs/security.md, section deliveries):
 * - Everything that can be decided on the headers is decided before a byte
 *   of the body is read: the method, the three webhook headers (present,
 *   well formed, a timestamp within tolerance), a Content-Length present and
 *   within --max-body, and the in-flight budget. A refusal is answered at
 *   once and the connection closed, its body unread.
 * - The bodies being read together never exceed --max-inflight bytes: each
 *   request reserves its Content-Length when its headers end and gives it
 *   back when it ends; past the budget the answer is 503 with Retry-After.
 *   So the memory held is about max-inflight plus max-connections times the
 *   per-connection header pool, whatever clients do.
 * - A connection lives at most --header-timeout seconds before its headers
 *   end and --request-timeout seconds in all, however slowly it trickles,
 *   and is dropped after --idle-timeout seconds without a byte. The main
 *   thread sweeps connections past their deadline once a second
 *   (util/conn_clock.h).
 */
#include "folio/deliver.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>
#include "util/lazylib_mhd.h"

#include "util/alloc.h"
#include "util/conn_clock.h"
#include "util/listen.h"
#include "util/log.h"
#include "util/banned.h"

#define CONNECTION_MEMORY (16 * 1024) /* MHD's pool per connection: headers, not bodies */
#define RETRY_AFTER_SECONDS "5"
#define RESERVED_FDS 64 /* the listening socket, the state files, stdio */

typedef struct {
	folio_receiver *receiver;
	size_t max_body, max_inflight;
	size_t inflight; /* body bytes reserved; touched by the MHD thread only */
	folio_conn_clocks *clocks; /* the connections' deadlines, swept by the main thread */
} server;

typedef struct {
	folio_buf body;
	size_t reserved; /* bytes of s->inflight this request holds */
} request;

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *message,
                             bool close)
{
	json_t *o = json_pack("{s:s, s:s}", "status", status < 300 ? "ok" : "error",
	                      "message", message);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	const char *body = text ? text : "{}";
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
	                                                         MHD_RESPMEM_MUST_COPY);
	free(text);
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "application/json");
	if (status == 503)
		MHD_add_response_header(r, "Retry-After", RETRY_AFTER_SECONDS);
	if (close) /* the body was not read: the connection cannot carry another request */
		MHD_add_response_header(r, "Connection", "close");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static int connection_fd(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	return ci ? (int)ci->connect_fd : -1;
}

/* MHD tells of each connection's start and end (before it closes the fd). */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	server *s = cls;
	(void)socket_context;
	folio_conn_clocks_connection(s->clocks, connection_fd(c), code == MHD_CONNECTION_NOTIFY_STARTED);
}

/* Decide on the headers alone; 0 to read the body, else the status and *why. */
static int early_status(server *s, struct MHD_Connection *c, const char *method, size_t *length,
                        const char **why)
{
	if (strcmp(method, "POST"))
		return *why = "only POST is accepted", 405;
	const char *cl = header(c, "Content-Length");
	char *end = NULL;
	errno = 0;
	unsigned long long n = cl ? strtoull(cl, &end, 10) : 0;
	if (!cl || !*cl || *end || errno || *cl == '-')
		return *why = "a Content-Length is required", 411;
	if (n > s->max_body)
		return *why = "body too large", 413;
	if (folio_webhook_check_headers(header(c, "webhook-id"), header(c, "webhook-timestamp"),
	                                header(c, "webhook-signature"), (long long)time(NULL),
	                                FOLIO_WEBHOOK_TOLERANCE) < 0)
		return *why = folio_error_last(), 401;
	if (n > s->max_inflight - s->inflight)
		return *why = "too many deliveries in progress; retry later", 503;
	*length = (size_t)n;
	return 0;
}

static enum MHD_Result finish(server *s, struct MHD_Connection *c, request *req)
{
	char *message = NULL;
	int status = folio_receiver_handle(s->receiver, header(c, "webhook-id"),
	                                   header(c, "webhook-timestamp"),
	                                   header(c, "webhook-signature"), req->body.ptr,
	                                   req->body.size, (long long)time(NULL), &message);
	enum MHD_Result ret = reply(c, (unsigned)status, message, false);
	free(message);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
	server *s = cls;
	request *req = *con_cls;
	(void)url;
	(void)version;
	if (!req) {
		size_t length = 0;
		const char *why = NULL;
		folio_conn_clocks_headers_done(s->clocks, connection_fd(c));
		int status = early_status(s, c, method, &length, &why);
		if (status) {
			folio_log(FOLIO_LOG_INFO, "receive", "%d refused before the body: %s", status, why);
			return reply(c, (unsigned)status, why, true);
		}
		req = folio_xcalloc(1, sizeof(*req));
		folio_buf_init(&req->body);
		folio_buf_grow(&req->body, length); /* once: growing by doubling would exceed the budget */
		req->reserved = length;
		s->inflight += length;
		*con_cls = req;
		return MHD_YES;
	}
	if (*upload_size) {
		/* MHD stops at Content-Length, which is within the reservation */
		if (req->body.size + *upload_size > req->reserved)
			return MHD_NO;
		folio_buf_put(&req->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	return finish(s, c, req);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
	server *s = cls;
	request *req = *con_cls;
	(void)why;
	if (req) {
		s->inflight -= req->reserved;
		folio_buf_dispose(&req->body);
		free(req);
		*con_cls = NULL;
	}
	/* a kept-alive connection starts its next request's clock now */
	folio_conn_clocks_request_done(s->clocks, connection_fd(c));
}

/*
 * Raise the soft limit on open files to the hard one, so the connection cap
 * is not an fd limit in disguise; the cap is lowered to what the limit
 * allows. Returns the cap.
 */
static unsigned fit_connections(unsigned wanted, rlim_t *nofile)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	*nofile = folio_conn_clocks_fd_limit();
	if (*nofile < RESERVED_FDS * 2)
		return 1;
	if (wanted > *nofile - RESERVED_FDS) {
		folio_log(FOLIO_LOG_WARN, "receive", "only %u connections fit the open-file limit %llu "
		          "(ulimit -n), not %u", (unsigned)(*nofile - RESERVED_FDS),
		          (unsigned long long)*nofile, wanted);
		return (unsigned)(*nofile - RESERVED_FDS);
	}
	return wanted;
}

int folio_receiver_serve(folio_receiver *r, const folio_receive_server_options *o)
{
	server s = { .receiver = r, .max_body = o->max_body, .max_inflight = o->max_inflight };
	struct addrinfo *ai = NULL;
	if (o->max_body < 1 || o->max_inflight < o->max_body || o->max_connections < 1 ||
	    o->idle_timeout < 1 || o->header_timeout < 1 || o->request_timeout < 1)
		return folio_error_set("the receiver's limits must be at least 1, and max-inflight at least max-body");
	if (folio_listen_parse(&ai, o->listen) < 0)
		return FOLIO_EINVALID;
	rlim_t nofile;
	unsigned max_connections = fit_connections(o->max_connections, &nofile);
	s.clocks = folio_conn_clocks_new((int)o->header_timeout, (int)o->request_timeout);
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the server thread inherits the mask */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	                 (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &s,
		MHD_OPTION_SOCK_ADDR, ai->ai_addr,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
		MHD_OPTION_CONNECTION_TIMEOUT, o->idle_timeout,
		MHD_OPTION_CONNECTION_LIMIT, max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->max_per_ip,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
		MHD_OPTION_END);
	freeaddrinfo(ai);
	int rc = 0;
	if (!d) {
		rc = folio_error_set("cannot listen on '%s' (address in use or not local?)", o->listen);
		goto done;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	folio_log(FOLIO_LOG_INFO, "receive", "listening on port %u (at most %u connections, %zu bytes "
	          "per body, %zu in flight)", info ? (unsigned)info->port : 0u, max_connections,
	          s.max_body, s.max_inflight);
	int sig = -1;
	struct timespec second = { 1, 0 };
	while (sig < 0) {
		sig = sigtimedwait(&stop, NULL, &second);
		if (sig < 0)
			folio_conn_clocks_sweep(s.clocks);
	}
	folio_log(FOLIO_LOG_INFO, "receive", "stopping on signal %d", sig);
	MHD_stop_daemon(d);
done:
	folio_conn_clocks_free(s.clocks);
	return rc;
}
