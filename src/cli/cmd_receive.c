/*
 * folio receive: the reference receiver a partner site can run. The
 * options; the server is folio_receiver_serve() (src/deliver/receive_server.c).
 */
#include <stdio.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] = "--listen ADDR:PORT --secret-file FILE --dir DIR [--max-body BYTES] "
                               "[--max-inflight BYTES] [--max-connections N] [--max-per-ip N] "
                               "[--idle-timeout S] [--header-timeout S] [--request-timeout S]";
static const char description[] =
	"Receive folio's partner deliveries: verify each request's Standard Webhooks\n"
	"signature and timestamp (5 minutes of tolerance), accept each webhook-id\n"
	"once, write DIR/<collection>.json and DIR/last.json atomically and answer\n"
	"2xx only once they are on disk. FILE holds the secret(s) whsec_..., one per\n"
	"line or name=whsec_..., and must not be readable by group or others.\n"
	"A request without the webhook headers, with a stale timestamp, without a\n"
	"Content-Length or over --max-body is refused before its body is read;\n"
	"past --max-inflight bytes of bodies being read, 503 with Retry-After.\n"
	"A delivery in parts is written once all its parts are in.\n"
	"PORT 0 picks a free port; the address listened on is logged. Runs until\n"
	"SIGINT or SIGTERM.";

/* An int option that must be at least min; false with a message otherwise. */
static bool at_least(const char *name, int v, int min)
{
	if (v >= min)
		return true;
	fprintf(stderr, _("folio receive: --%s must be at least %d, not %d\n"), name, min, v);
	return false;
}

int cmd_receive(int argc, char **argv)
{
	const char *addr = NULL, *secret_file = NULL, *dir = NULL;
	folio_receive_server_options so = FOLIO_RECEIVE_SERVER_OPTIONS_INIT;
	int max_body = (int)so.max_body, max_inflight = (int)so.max_inflight;
	int max_connections = (int)so.max_connections, per_ip = (int)so.max_per_ip;
	int idle_timeout = (int)so.idle_timeout, header_timeout = (int)so.header_timeout;
	int request_timeout = (int)so.request_timeout;
	const folio_opt opts[] = {
		{ "listen", FOLIO_OPT_STRING, &addr, "ADDR:PORT", "address to listen on, e.g. 127.0.0.1:9000" },
		{ "secret-file", FOLIO_OPT_STRING, &secret_file, "FILE", "the secret(s) whsec_... (mode 0600)" },
		{ "dir", FOLIO_OPT_STRING, &dir, "DIR", "where the feeds are written" },
		{ "max-body", FOLIO_OPT_INT, &max_body, "BYTES", "largest body accepted (default 8 MiB)" },
		{ "max-inflight", FOLIO_OPT_INT, &max_inflight, "BYTES",
		  "bytes of bodies read at once, all connections together (default 64 MiB)" },
		{ "max-connections", FOLIO_OPT_INT, &max_connections, "N", "open connections (default 4096)" },
		{ "max-per-ip", FOLIO_OPT_INT, &per_ip, "N",
		  "open connections per client address (default 0: no limit; behind a proxy all share one)" },
		{ "idle-timeout", FOLIO_OPT_INT, &idle_timeout, "S", "drop a connection silent this long (default 10)" },
		{ "header-timeout", FOLIO_OPT_INT, &header_timeout, "S",
		  "drop a connection whose headers take longer (default 10)" },
		{ "request-timeout", FOLIO_OPT_INT, &request_timeout, "S",
		  "drop a request taking longer in all (default 60)" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	int rc = folio_opts_parse("receive", synopsis, description, opts, argc, argv, NULL, 0, NULL);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (!addr || !secret_file || !dir) {
		fprintf(stderr, _("folio receive: --listen, --secret-file and --dir are required; "
		        "see 'folio receive --help'\n"));
		return FOLIO_EXIT_USAGE;
	}
	if (!at_least("max-body", max_body, 1) || !at_least("max-inflight", max_inflight, max_body) ||
	    !at_least("max-connections", max_connections, 1) || !at_least("max-per-ip", per_ip, 0) ||
	    !at_least("idle-timeout", idle_timeout, 1) || !at_least("header-timeout", header_timeout, 1) ||
	    !at_least("request-timeout", request_timeout, 1))
		return FOLIO_EXIT_USAGE;
	so.listen = addr;
	so.max_body = (size_t)max_body;
	so.max_inflight = (size_t)max_inflight;
	so.max_connections = (unsigned)max_connections;
	so.max_per_ip = (unsigned)per_ip;
	so.idle_timeout = (unsigned)idle_timeout;
	so.header_timeout = (unsigned)header_timeout;
	so.request_timeout = (unsigned)request_timeout;

	folio_webhook_keys keys;
	folio_receiver *receiver = NULL;
	folio_webhook_keys_init(&keys);
	if (folio_webhook_keys_load_file(&keys, secret_file, NULL) < 0 ||
	    (keys.count == 0 && folio_error_set("no secret in '%s'", secret_file) < 0) ||
	    folio_receiver_open(&receiver, dir, &keys) < 0 || folio_receiver_serve(receiver, &so) < 0) {
		fprintf(stderr, _("folio receive: %s\n"), folio_error_last());
		rc = FOLIO_EXIT_USAGE;
	}
	folio_receiver_free(receiver);
	folio_webhook_keys_dispose(&keys);
	return rc;
}
