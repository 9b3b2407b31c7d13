/*
 * folio receive: the reference receiver a partner site can run. An HTTP
 * server (libmicrohttpd, one polling thread, so deliveries are handled one
 * at a time) that hands each POST to folio_receiver_handle() and answers
 * what it says. Bodies over --max-body are refused with 413 unread.
 */
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"

static const char synopsis[] = "--listen ADDR:PORT --secret-file FILE --dir DIR [--max-body BYTES]";
static const char description[] =
	"Receive folio's partner deliveries: verify each request's Standard Webhooks\n"
	"signature and timestamp (5 minutes of tolerance), accept each webhook-id\n"
	"once, write DIR/<collection>.json and DIR/last.json atomically and answer\n"
	"2xx only once they are on disk. FILE holds the secret(s) whsec_..., one per\n"
	"line or name=whsec_..., and must not be readable by group or others.\n"
	"PORT 0 picks a free port; the address listened on is logged. Runs until\n"
	"SIGINT or SIGTERM.";

#define DEFAULT_MAX_BODY (32 * 1024 * 1024)

typedef struct {
	folio_receiver *receiver;
	size_t max_body;
} server;

typedef struct {
	folio_buf body;
	int refused; /* an HTTP status decided before the body ends, or 0 */
} request;

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *message)
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
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* Decide on the headers alone: method, declared length. */
static int early_status(const server *s, struct MHD_Connection *c, const char *method)
{
	if (strcmp(method, "POST"))
		return 405;
	const char *cl = header(c, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > s->max_body)
		return 413;
	return 0;
}

static enum MHD_Result finish(server *s, struct MHD_Connection *c, request *req)
{
	char *message = NULL;
	int status = folio_receiver_handle(s->receiver, header(c, "webhook-id"),
	                                   header(c, "webhook-timestamp"),
	                                   header(c, "webhook-signature"), req->body.ptr,
	                                   req->body.size, (long long)time(NULL), &message);
	enum MHD_Result ret = reply(c, (unsigned)status, message);
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
		req = calloc(1, sizeof(*req));
		if (!req)
			return MHD_NO;
		folio_buf_init(&req->body);
		*con_cls = req;
		req->refused = early_status(s, c, method);
		if (req->refused)
			return reply(c, (unsigned)req->refused, req->refused == 405
			             ? "only POST is accepted" : "body too large");
		return MHD_YES;
	}
	if (*upload_size) {
		if (req->body.size + *upload_size > s->max_body)
			req->refused = 413;
		else if (!req->refused)
			folio_buf_put(&req->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (req->refused)
		return reply(c, (unsigned)req->refused, "body too large");
	return finish(s, c, req);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
	request *req = *con_cls;
	(void)cls;
	(void)c;
	(void)why;
	if (req) {
		folio_buf_dispose(&req->body);
		free(req);
		*con_cls = NULL;
	}
}

/* "host:port" or "[v6]:port" to a socket address; res freed with freeaddrinfo. */
static int parse_listen(const char *spec, struct addrinfo **res)
{
	const char *colon = strrchr(spec, ':');
	if (!colon || colon == spec || !colon[1]) {
		fprintf(stderr, "folio receive: --listen wants ADDR:PORT, not '%s'\n", spec);
		return -1;
	}
	char host[256];
	size_t hlen = (size_t)(colon - spec);
	if (spec[0] == '[' && hlen >= 2 && spec[hlen - 1] == ']') {
		spec++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host)) {
		fprintf(stderr, "folio receive: address too long in '%s'\n", spec);
		return -1;
	}
	memcpy(host, spec, hlen);
	host[hlen] = '\0';
	struct addrinfo hints = { .ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM };
	int rc = getaddrinfo(host, colon + 1, &hints, res);
	if (rc) {
		fprintf(stderr, "folio receive: cannot listen on '%s': %s\n", spec, gai_strerror(rc));
		return -1;
	}
	return 0;
}

static int serve(server *s, const char *addr)
{
	struct addrinfo *ai = NULL;
	if (parse_listen(addr, &ai) < 0)
		return FOLIO_EXIT_USAGE;
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL); /* the server thread inherits the mask */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
	                 (ai->ai_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
		MHD_OPTION_SOCK_ADDR, ai->ai_addr,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!d) {
		fprintf(stderr, "folio receive: cannot listen on '%s' (address in use or not local?)\n",
		        addr);
		return FOLIO_EXIT_USAGE;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "folio receive: listening on port %u\n", info ? (unsigned)info->port : 0u);
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "folio receive: stopping on signal %d\n", sig);
	MHD_stop_daemon(d);
	return FOLIO_EXIT_OK;
}

int cmd_receive(int argc, char **argv)
{
	const char *addr = NULL, *secret_file = NULL, *dir = NULL;
	int max_body = DEFAULT_MAX_BODY;
	const folio_opt opts[] = {
		{ "listen", FOLIO_OPT_STRING, &addr, "ADDR:PORT", "address to listen on, e.g. 127.0.0.1:9000" },
		{ "secret-file", FOLIO_OPT_STRING, &secret_file, "FILE", "the secret(s) whsec_... (mode 0600)" },
		{ "dir", FOLIO_OPT_STRING, &dir, "DIR", "where the feeds are written" },
		{ "max-body", FOLIO_OPT_INT, &max_body, "BYTES", "largest body accepted (default 32 MiB)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("receive", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (!addr || !secret_file || !dir) {
		fprintf(stderr, "folio receive: --listen, --secret-file and --dir are required; "
		        "see 'folio receive --help'\n");
		return FOLIO_EXIT_USAGE;
	}
	folio_webhook_keys keys;
	folio_webhook_keys_init(&keys);
	server s = { NULL, (size_t)max_body };
	if (folio_webhook_keys_load_file(&keys, secret_file, NULL) < 0 ||
	    (keys.count == 0 && folio_error_set("no secret in '%s'", secret_file) < 0) ||
	    folio_receiver_open(&s.receiver, dir, &keys) < 0) {
		fprintf(stderr, "folio receive: %s\n", folio_error_last());
		folio_webhook_keys_dispose(&keys);
		return FOLIO_EXIT_USAGE;
	}
	rc = serve(&s, addr);
	folio_receiver_free(s.receiver);
	folio_webhook_keys_dispose(&keys);
	return rc;
}
