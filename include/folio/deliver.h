/*
 * Partner delivery: an outbox in the state file, a worker that POSTs each
 * partner its JSON, signed as in the Standard Webhooks specification, and
 * the signing and verification that `folio receive` shares.
 *
 * The publisher, inside the transaction that records a publish:
 *
 *     folio_deliver_feed feeds[] = {
 *         { "events", events_json, events_len },  // <folder>/index.json bytes
 *         { "books", books_json, books_len },
 *     };
 *     folio_state_begin(st);
 *     ... record the publish ...
 *     if (folio_deliver_enqueue(st, cfg, commit_id, feeds, 2) < 0) rollback;
 *     folio_state_commit(st);
 *
 * then, outside any transaction (the daemon in its own thread, on the same
 * folio_state, so that a slow partner never delays a publish):
 *
 *     folio_deliver_options o = FOLIO_DELIVER_OPTIONS_INIT;
 *     o.secrets_file = "/etc/folio/secrets";      // or env FOLIO_SECRET_<NAME>
 *     folio_deliver_run(st, &o);                    // sends what is due
 *     long long wait;
 *     folio_deliver_next_due(st, &wait);            // seconds until the next
 *
 * A delivery is one JSON document per partner (docs/deliveries.md has its
 * schema): site, commit, time, the JSON Feed of each subscribed collection,
 * and `changes` against what that partner last acknowledged. A newer
 * delivery supersedes a partner's pending one, so a partner that was down
 * gets the current state once, with cumulative changes.
 */
#ifndef FOLIO_DELIVER_H
#define FOLIO_DELIVER_H

#include <jansson.h>

#include "config.h"
#include "render.h"
#include "state.h"

/* ---- Standard Webhooks signatures ---- */

/* One HMAC-SHA256 key, the decoded form of a "whsec_<base64>" secret. */
typedef struct {
	unsigned char *key;
	size_t len;
} folio_webhook_key;

/* The active keys of one partner (several during a key rotation). */
typedef struct {
	folio_webhook_key *items;
	size_t count, alloc;
} folio_webhook_keys;

/* Seconds a webhook-timestamp may differ from the receiver's clock. */
#define FOLIO_WEBHOOK_TOLERANCE 300

void folio_webhook_keys_init(folio_webhook_keys *keys);
/* Wipe and free the keys; keys is then empty. */
void folio_webhook_keys_dispose(folio_webhook_keys *keys);

/*
 * Add each whitespace-separated secret of text: "whsec_<base64>" (or bare
 * base64). FOLIO_EINVALID when one is not valid base64 or is empty; the
 * message never quotes a secret.
 */
int folio_webhook_keys_parse(folio_webhook_keys *keys, const char *text);

/*
 * Add the secrets of a secrets file: lines "name=whsec_..." (several secrets
 * space-separated, # comments). With partner NULL every secret of the file
 * is taken, and bare "whsec_..." lines too (a receiver's own secret file).
 * A file that group or others may read is refused (FOLIO_EINVALID).
 */
int folio_webhook_keys_load_file(folio_webhook_keys *keys, const char *path, const char *partner);

/*
 * The keys of a partner: the environment's FOLIO_SECRET_<NAME> (upper-cased,
 * '-' as '_') when set, else the partner's lines of secrets_file (may be
 * NULL). FOLIO_ENOTFOUND when there is none.
 */
int folio_webhook_keys_for_partner(folio_webhook_keys *keys, const char *partner,
                                   const char *secrets_file);

/*
 * The webhook-signature header value for id, timestamp and body: one
 * "v1,<base64 HMAC-SHA256 of id.timestamp.body>" per key, space-separated.
 * Caller frees.
 */
char *folio_webhook_sign(const folio_webhook_keys *keys, const char *id, long long timestamp,
                         const void *body, size_t len);

/*
 * What can be checked of a request before its body is read: the three
 * headers are present (NULL = absent), the id is well formed, the timestamp
 * is within tolerance seconds of now, and the signature header holds at
 * least one well-formed "v1,<base64>" token. 0 when so, FOLIO_EINVALID with
 * the reason otherwise. folio_webhook_verify() makes the same checks first.
 */
int folio_webhook_check_headers(const char *id, const char *timestamp, const char *signature,
                                long long now, int tolerance);

/*
 * Check the three webhook headers of a request (any may be NULL = absent):
 * the id is well formed, the timestamp is within tolerance seconds of now,
 * and one v1 signature of the header matches one key (compared in constant
 * time). 0 when valid, FOLIO_EINVALID with the reason otherwise.
 */
int folio_webhook_verify(const folio_webhook_keys *keys, const char *id, const char *timestamp,
                         const char *signature, const void *body, size_t len,
                         long long now, int tolerance);

/* ---- the server's allow-list of partner URLs ---- */

struct sockaddr;
typedef struct folio_partner_allow folio_partner_allow;

/*
 * Parse an allow-list (the server config's FOLIO_PARTNER_ALLOW): entries
 * SCHEME://HOST[:PORT] separated by blanks or commas; SCHEME http or https;
 * HOST "*", "*.example.org", a name, an IP address or network (10.0.0.0/8,
 * [fd00::]/8, [::1]); PORT a number or "*" (absent: any). NULL or "" is the
 * default: https to any host ("https://" and a star). A name entry reaches public addresses only; an
 * address or network entry is the only way to reach loopback, private,
 * link-local, unspecified and other non-public addresses (docs/security.md).
 * FOLIO_EINVALID, naming the entry, when one is not understood. Caller frees
 * with folio_partner_allow_free().
 */
int folio_partner_allow_parse(folio_partner_allow **out, const char *text);
void folio_partner_allow_free(folio_partner_allow *a);

/* May a request to url be attempted? (Its address is judged on connect.) 0, or FOLIO_EINVALID with why. */
int folio_partner_allow_url(const folio_partner_allow *a, const char *url);

/* May the request to url connect to addr (as curl is about to)? 0, or FOLIO_EINVALID with why. */
int folio_partner_allow_address(const folio_partner_allow *a, const char *url,
                                const struct sockaddr *addr, size_t addrlen);

/* ---- the outbox ---- */

/* The default bound of one delivery request's body, and the smallest one accepted. */
#define FOLIO_DELIVER_MAX_PAYLOAD (4 * 1024 * 1024)
#define FOLIO_DELIVER_MIN_PAYLOAD (16 * 1024)

/*
 * Set the bound, in bytes, of one delivery request's body (0: the default;
 * less than FOLIO_DELIVER_MIN_PAYLOAD is raised to it),
 * for the deliveries enqueued from now on with this state: the server's
 * FOLIO_DELIVERY_MAX_BYTES, which the daemon records at start. A payload
 * over it is sent in parts (docs/deliveries.md); one item alone over it
 * stops its partner (a permanent failure, folio_deliver_list()).
 */
int folio_deliver_set_max_payload(folio_state *st, size_t bytes);

/* A collection's JSON Feed 1.1 bytes, as rendered into <folder>/index.json. */
typedef struct {
	const char *collection; /* collection name, as in folio.yaml */
	const char *data;
	size_t len;
} folio_deliver_feed;

/*
 * Enqueue one delivery of commit_id per partner of cfg, INSIDE the caller's
 * open transaction (this function never begins or commits). feeds must hold
 * the current feed of every collection a partner subscribes to (a configured
 * collection without a feed is FOLIO_EINVALID: the caller forgot it; one
 * unknown to cfg is skipped). For each partner: builds the payload with its
 * changes against its last acknowledged state, supersedes its pending
 * delivery, and inserts a pending one with a fresh webhook-id, due at once
 * or when the partner's backoff ends. Partners gone from cfg have their
 * pending deliveries cancelled. Negative on failure; the caller rolls back.
 */
int folio_deliver_enqueue(folio_state *st, const folio_config *cfg, const char *commit_id,
                          const folio_deliver_feed *feeds, size_t nfeeds);

/* Does some partner of cfg subscribe to collection? */
bool folio_deliver_subscribed(const folio_config *cfg, const char *collection);

/* The same, taking the FOLIO_UNIT_FEED outputs of a full render. */
int folio_deliver_enqueue_outputs(folio_state *st, const folio_config *cfg,
                                  const char *commit_id, const folio_outputs *outs);

/*
 * The same, reading the feeds a publish has just written: out_dir/<folder>/
 * index.json of every collection some partner subscribes to. For an
 * incremental publisher, which does not hold every feed in memory; call it
 * after the files are written, inside the transaction recording the publish.
 */
int folio_deliver_enqueue_from_dir(folio_state *st, const folio_config *cfg,
                                   const char *commit_id, const char *out_dir);

/* The same, reading each feed with read(out, rel, payload): rel is
 * "<folder>/index.json" or "<folder>/feed/N.json"; read appends its bytes
 * to out and returns 0, FOLIO_ENOTFOUND, or another negative code. where
 * names the output in messages. For an output that is no directory (an
 * s3:// bucket). */
typedef int (*folio_deliver_read_fn)(folio_buf *out, const char *rel, void *payload);
int folio_deliver_enqueue_from(folio_state *st, const folio_config *cfg, const char *commit_id,
                               const char *where, folio_deliver_read_fn read, void *payload);

/* What one folio_deliver_run() did. */
typedef struct {
	unsigned sent;      /* HTTP requests made (or attempted) */
	unsigned delivered; /* answered 2xx */
	unsigned failed;    /* to be retried */
	unsigned disabled;  /* partners disabled by a 410 */
	unsigned stopped;   /* partners stopped by a permanent failure (folio_deliver_list) */
} folio_deliver_stats;

typedef struct {
	const char *secrets_file; /* "name=whsec_..." lines, 0600; NULL: environment only */
	long connect_timeout_ms;  /* default 5000 */
	long timeout_ms;          /* whole request, default 30000 */
	bool force;               /* send every pending delivery now, whatever the backoff */
	const char *ca_file;      /* extra CA bundle (verification stays on); NULL: system */
	folio_deliver_stats *stats; /* filled when not NULL */
	const char *partner_allow; /* the server's allow-list (folio_partner_allow_parse); NULL: https to any host */
} folio_deliver_options;

#define FOLIO_DELIVER_OPTIONS_INIT { NULL, 5000, 30000, false, NULL, NULL, NULL }

/*
 * Send every due delivery of every enabled partner, concurrently (libcurl
 * multi), and record each attempt as it ends, so a slow partner delays
 * nobody; returns when all have ended, after at most about timeout_ms.
 * Call it outside a transaction. Returns the number delivered, or negative
 * on a state failure (an HTTP failure is an attempt, not an error).
 */
int folio_deliver_run(folio_state *st, const folio_deliver_options *opts);

/*
 * *seconds: how long until the next delivery is due (0: now), or -1 when
 * nothing is pending for an enabled partner.
 */
int folio_deliver_next_due(folio_state *st, long long *seconds);

/*
 * Make a pending delivery (id), or every pending one (id NULL), due now and
 * reset its partner's backoff, and its permanent failure (the operator says
 * the cause is fixed). FOLIO_ENOTFOUND when id is not pending.
 */
int folio_deliver_retry(folio_state *st, const char *id);

/* Re-enable a partner disabled by a 410; FOLIO_ENOTFOUND when unknown. */
int folio_deliver_enable(folio_state *st, const char *partner);

/*
 * Partners with their status, and the latest deliveries:
 * {"partners": [{name, url, status: "ok"|"failing"|"failed"|"disabled"|"removed",
 *   disabled_at, disabled_reason, acked_commit, failures, next_attempt_at,
 *   failed_at, failed_status, failed_reason, pending}],
 *  "deliveries": [... up to limit, newest first]}.
 * "failed": a permanent failure (a 400, 401, 403, 404, 405, 411, 413, 414,
 * 415 or 422 answer, a URL or address the allow-list refuses, an item over
 * the payload bound) stopped the partner: failed_status is the HTTP status
 * (null without an answer), failed_reason what the partner or folio said.
 * Nothing is sent to it until folio_deliver_retry() or _enable() names it,
 * or its URL changes; publishes still queue (superseding), so it then gets
 * the current state.
 * Caller decrefs *out.
 */
int folio_deliver_list(folio_state *st, size_t limit, json_t **out);

/* One delivery with its attempts and payload; FOLIO_ENOTFOUND when unknown. */
int folio_deliver_show(folio_state *st, const char *id, json_t **out);

/* The outbox by state, for monitoring. Superseded and cancelled deliveries
 * are not counted. */
typedef struct {
	long long pending;   /* pending, to a partner that is sent to */
	long long delivered;
	long long failed;    /* pending, to a partner a permanent failure stopped */
	long long disabled;  /* pending, to a partner disabled (410) or removed */
} folio_deliver_counts;

int folio_deliver_count(folio_state *st, folio_deliver_counts *out);

/*
 * Seconds to wait after the failures-th consecutive failure (1-based):
 * 30s, 2m, 10m, 30m, 1h, 2h, 4h, 8h, 16h, 24h, then 24h, each lengthened by
 * up to 25% of jitter (jitter01 in [0, 1)).
 */
long long folio_deliver_backoff(unsigned failures, double jitter01);

/* ---- the reference receiver (folio receive) ---- */

typedef struct folio_receiver folio_receiver;

/*
 * A receiver writing into dir (created when needed), verifying with keys
 * (borrowed: they must outlive the receiver). The webhook-ids already
 * accepted are read from dir/.seen. Caller frees with folio_receiver_free().
 */
int folio_receiver_open(folio_receiver **out, const char *dir, const folio_webhook_keys *keys);
void folio_receiver_free(folio_receiver *r);

/*
 * Handle one delivery, its headers given as received (NULL when absent).
 * Returns the HTTP status to answer: 401 when the signature or the
 * timestamp is refused (an old timestamp even for a known id), 200 for an
 * id already accepted (nothing written again), 400 for a payload that is
 * not a folio delivery, 500 when a file cannot be written, else 200 after
 * DIR/<collection>.json, DIR/last.json and the id in DIR/.seen are on disk.
 * *message (caller frees) says why, in one line.
 */
int folio_receiver_handle(folio_receiver *r, const char *id, const char *timestamp,
                          const char *signature, const void *body, size_t len,
                          long long now, char **message);

/*
 * Check that body is a folio delivery: a JSON object whose "collections"
 * maps names ([a-z0-9-]+, at most 64 bytes) to JSON objects. *out (caller
 * decrefs) is the parsed payload; FOLIO_EINVALID with the reason otherwise.
 */
int folio_receiver_check_payload(json_t **out, const void *body, size_t len);

/* The receiver's HTTP server and the budgets it keeps (docs/security.md,
 * section deliveries). */
typedef struct {
	const char *listen;        /* "host:port" or "[v6]:port"; port 0 picks a free one */
	size_t max_body;           /* largest body accepted; larger is 413 before reading */
	size_t max_inflight;       /* bytes of bodies read at once, all connections together */
	unsigned max_connections;  /* open connections (lowered to what ulimit -n allows) */
	unsigned max_per_ip;       /* per client address; 0: no limit */
	unsigned idle_timeout;     /* seconds without a byte before a connection is dropped */
	unsigned header_timeout;   /* seconds for a request's headers to end */
	unsigned request_timeout;  /* seconds for a whole request */
} folio_receive_server_options;

#define FOLIO_RECEIVE_SERVER_OPTIONS_INIT \
	{ NULL, 8u * 1024 * 1024, 64u * 1024 * 1024, 4096, 0, 10, 10, 60 }

/*
 * Serve r over HTTP until SIGINT or SIGTERM (blocked in the calling thread,
 * which waits for them). Everything decidable on the headers is decided
 * before a byte of the body is read: the method, the three webhook headers
 * (a timestamp within tolerance), a Content-Length within max_body, and the
 * in-flight budget (past it, 503 with Retry-After); a refusal closes the
 * connection with its body unread. A connection lives at most
 * header_timeout seconds before its headers end and request_timeout in all.
 * Logs the port listened on. <0 when it cannot start.
 */
int folio_receiver_serve(folio_receiver *r, const folio_receive_server_options *opts);

#endif
