/*
 * Sending the partner deliveries: one HTTP POST per due partner, signed
 * (Standard Webhooks), all at once through libcurl's multi interface, each
 * answer recorded in the outbox (publish/state_outbox.c) in its own transaction as soon
 * as it ends, so a slow partner delays nobody.
 *
 * Invariants:
 * - A delivery stays pending until a 2xx is recorded: a crash mid-request
 *   re-sends it, with the same webhook-id, after restart.
 * - Backoff is per partner (partners.failures, next_attempt_at).
 * - A 2xx makes the delivery's items what the partner acknowledged only
 *   when it is still the partner's newest (publish/state_outbox.c).
 * - The parts of a delivery go one after the other, each once the previous
 *   one is acknowledged.
 */
#include "folio/deliver.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "util/lazylib_curl.h"
#include <openssl/rand.h>

#include "publish/state_outbox.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/assert.h"
#include "util/log.h"
#include "util/banned.h"

#define MAX_RETRY_AFTER (7 * 86400LL)
#define ERROR_SNIPPET 200

static const long long schedule[] = {
	30, 120, 600, 1800, 3600, 7200, 14400, 28800, 57600, 86400,
};

long long folio_deliver_backoff(unsigned failures, double jitter01)
{
	size_t n = sizeof(schedule) / sizeof(schedule[0]);
	long long base = schedule[failures == 0 ? 0 : failures - 1 < n ? failures - 1 : n - 1];
	if (jitter01 < 0 || jitter01 >= 1)
		jitter01 = 0;
	return base + (long long)((double)base * 0.25 * jitter01);
}

static long long now_seconds(void)
{
	return (long long)time(NULL);
}

static double random01(void)
{
	unsigned int r = 0;
	if (RAND_bytes((unsigned char *)&r, sizeof(r)) != 1)
		r = (unsigned int)folio_clock_ms();
	return (double)r / 4294967296.0;
}

/* ---- the worker ---- */

typedef struct {
	folio_outbox_due d; /* the delivery, its part to send */
	bool more;         /* a part was acknowledged and more remain: send the next now */
	CURL *easy;
	struct curl_slist *headers;
	char *retry_after; /* the Retry-After header, when answered */
	folio_buf body;    /* the start of the answer, for the error column */
	bool refused;      /* the URL or the address is not allowed: a permanent failure */
	char *refusal;     /* why, when refused */
	const folio_partner_allow *allow; /* borrowed from the run */
	long long started_ms;
	char errbuf[CURL_ERROR_SIZE];
} job;

static void job_free(job *j)
{
	if (!j)
		return;
	if (j->easy)
		curl_easy_cleanup(j->easy);
	curl_slist_free_all(j->headers);
	folio_outbox_due_dispose(&j->d);
	free(j->retry_after);
	free(j->refusal);
	folio_buf_dispose(&j->body);
	free(j);
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

static size_t on_header(char *data, size_t size, size_t n, void *payload)
{
	job *j = payload;
	size_t len = size * n;
	static const char name[] = "retry-after:";
	if (len > sizeof(name) - 1 && !strncasecmp(data, name, sizeof(name) - 1)) {
		size_t start = sizeof(name) - 1, end = len;
		while (start < end && isspace((unsigned char)data[start]))
			start++;
		while (end > start && isspace((unsigned char)data[end - 1]))
			end--;
		free(j->retry_after);
		j->retry_after = folio_xstrndup(data + start, end - start);
	}
	return len;
}

static size_t on_body(char *data, size_t size, size_t n, void *payload)
{
	job *j = payload;
	size_t len = size * n;
	if (j->body.size < ERROR_SNIPPET)
		folio_buf_put(&j->body, data, len < ERROR_SNIPPET ? len : ERROR_SNIPPET);
	return len;
}

/* Seconds a Retry-After value asks for (delta-seconds or an HTTP date), or -1. */
static long long parse_retry_after(const char *v, long long now)
{
	if (!v || !*v)
		return -1;
	long long secs;
	if (isdigit((unsigned char)*v)) {
		char *end;
		secs = strtoll(v, &end, 10);
		if (*end)
			return -1;
	} else {
		time_t t = curl_getdate(v, NULL);
		if (t < 0)
			return -1;
		secs = (long long)t - now;
	}
	if (secs < 1)
		secs = 1;
	return secs > MAX_RETRY_AFTER ? MAX_RETRY_AFTER : secs;
}

static struct curl_slist *add_header(struct curl_slist *list, const char *fmt, const char *v)
{
	char *h = folio_xasprintf(fmt, v);
	struct curl_slist *l = curl_slist_append(list, h);
	free(h);
	if (!l)
		FOLIO_BUG("curl cannot allocate a header");
	return l;
}

/*
 * curl is about to open a socket to address, after DNS: the allow-list
 * judges the address itself, so a name that resolves or rebinds to an
 * internal address is refused before any connection is made.
 */
static curl_socket_t open_checked_socket(void *payload, curlsocktype purpose,
                                         struct curl_sockaddr *address)
{
	job *j = payload;
	if (purpose == CURLSOCKTYPE_IPCXN &&
	    folio_partner_allow_address(j->allow, j->d.url, &address->addr, address->addrlen) < 0) {
		free(j->refusal);
		j->refusal = folio_xstrdup(folio_error_last());
		j->refused = true;
		return CURL_SOCKET_BAD;
	}
	return socket(address->family, address->socktype, address->protocol);
}

/*
 * Sign and set up the request of j; FOLIO_ENOTFOUND etc. when the partner
 * has no secret, FOLIO_EINVALID with j->refused when the allow-list refuses
 * its URL.
 */
static int job_prepare(job *j, const folio_deliver_options *opts)
{
	if (folio_partner_allow_url(j->allow, j->d.url) < 0) {
		j->refused = true;
		return FOLIO_EINVALID;
	}
	folio_webhook_keys keys;
	folio_webhook_keys_init(&keys);
	int rc = folio_webhook_keys_for_partner(&keys, j->d.partner, opts->secrets_file);
	if (rc < 0) {
		folio_webhook_keys_dispose(&keys);
		return rc;
	}
	char ts[32];
	snprintf(ts, sizeof(ts), "%lld", now_seconds());
	/* each part is a message of its own, with an id the same on every retry */
	char *msg_id = j->d.parts > 1 ? folio_xasprintf("%s.%lld", j->d.id, j->d.part) : folio_xstrdup(j->d.id);
	char *sig = folio_webhook_sign(&keys, msg_id, strtoll(ts, NULL, 10), j->d.payload, j->d.len);
	folio_webhook_keys_dispose(&keys);

	j->headers = add_header(j->headers, "content-type: %s", "application/json");
	j->headers = add_header(j->headers, "webhook-id: %s", msg_id);
	j->headers = add_header(j->headers, "webhook-timestamp: %s", ts);
	free(msg_id);
	j->headers = add_header(j->headers, "webhook-signature: %s", sig);
	j->headers = add_header(j->headers, "Expect:%s", "");
	free(sig);

	CURL *e = j->easy = curl_easy_init();
	if (!e)
		FOLIO_BUG("curl cannot allocate a handle");
	curl_easy_setopt(e, CURLOPT_URL, j->d.url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_POST, 1L);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, j->d.payload);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->d.len);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->headers);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "folio/" FOLIO_VERSION);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	/* the address checked must be the partner's, not a proxy's */
	curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, j);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (opts->ca_file)
		curl_easy_setopt(e, CURLOPT_CAINFO, opts->ca_file);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, opts->connect_timeout_ms > 0
	                 ? opts->connect_timeout_ms : 5000L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, opts->timeout_ms > 0 ? opts->timeout_ms : 30000L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	return 0;
}

/* The due deliveries, the newest pending one per enabled partner, as jobs. */
static int due_jobs(folio_state *st, bool force, job ***out, size_t *nout)
{
	folio_outbox_due *due = NULL;
	size_t n = 0;
	folio_state_hold(st);
	int rc = folio_outbox_due_list(st, force, now_seconds(), &due, &n);
	folio_state_release(st);
	job **jobs = folio_xcalloc(n + 1, sizeof(*jobs));
	for (size_t i = 0; i < n; i++) {
		jobs[i] = folio_xcalloc(1, sizeof(*jobs[i]));
		folio_buf_init(&jobs[i]->body);
		jobs[i]->d = due[i]; /* taken */
	}
	free(due);
	*out = jobs;
	*nout = n;
	return rc;
}

/* A 410: the partner does not want deliveries any more. */
static int record_gone(folio_state *st, const job *j, const folio_outbox_attempt *a)
{
	char *reason = folio_xasprintf("%s answered 410 Gone", j->d.url);
	int rc = folio_outbox_record_gone(st, a, reason);
	if (rc == 0)
		folio_log(FOLIO_LOG_WARN, "deliver", "partner '%s' disabled: %s; deliveries resume after "
		          "'folio deliveries enable %s'", j->d.partner, reason, j->d.partner);
	free(reason);
	return rc;
}

/*
 * An answer no retry will change: the request itself is wrong for this
 * partner (refused, malformed, too large, unauthorised, not found). Sending
 * it again on a schedule would only repeat it, so the partner stops until an
 * operator has fixed the cause and says so (retry, enable), or its URL
 * changes. Redirects, 408, 409, 425, 429 and 5xx are not in the list: they
 * can pass.
 */
static bool permanent_status(long status)
{
	switch (status) {
	case 400: case 401: case 403: case 404: case 405: case 411: case 413: case 414:
	case 415: case 422:
		return true;
	default:
		return false;
	}
}

/* Stop partner j->d.partner after a permanent failure of j (status 0: no answer). */
static int record_stopped(folio_state *st, const job *j, const folio_outbox_attempt *a)
{
	int rc = folio_outbox_record_stopped(st, a);
	if (rc == 0)
		folio_log(FOLIO_LOG_ERROR, "deliver", "delivery %s to partner '%s' failed for good (%s); "
		          "not retried: fix the cause, then 'folio deliveries retry %s'", j->d.id, j->d.partner,
		          a->error, j->d.id);
	return rc;
}

static int record_failure(folio_state *st, const job *j, const folio_outbox_attempt *a)
{
	unsigned failures;
	if (folio_outbox_partner_failures(st, j->d.partner, &failures) < 0)
		return FOLIO_ERROR;
	failures++;
	long long delay = -1;
	if (a->status == 429 || a->status == 502 || a->status == 503 || a->status == 504)
		delay = parse_retry_after(j->retry_after, a->now);
	if (delay < 0)
		delay = folio_deliver_backoff(failures, random01());
	int rc = folio_outbox_record_failure(st, a, failures, a->now + delay);
	if (rc == 0)
		folio_log(FOLIO_LOG_WARN, "deliver", "delivery %s to partner '%s' failed (%s); "
		          "failure %u, next attempt in %llds", j->d.id, j->d.partner, a->error, failures, delay);
	return rc;
}

/* Printable text of an answer's start, for the error column. */
static void append_snippet(folio_buf *out, const folio_buf *body)
{
	if (!body->size)
		return;
	folio_buf_puts(out, ": ");
	for (size_t i = 0; i < body->size && i < ERROR_SNIPPET; i++) {
		unsigned char c = (unsigned char)body->ptr[i];
		folio_buf_putc(out, c >= 0x20 && c < 0x7F ? (char)c : ' ');
	}
}

/* Record the end of j's request in one transaction. */
static int job_finish(folio_state *st, job *j, CURLcode code, const char *setup_error,
                      folio_deliver_stats *stats)
{
	long status = 0;
	long long now = now_seconds();
	long long duration = j->started_ms ? folio_clock_ms() - j->started_ms : 0;
	folio_buf err = FOLIO_BUF_INIT;
	if (setup_error) {
		folio_buf_puts(&err, setup_error);
	} else if (code != CURLE_OK && j->refused && j->refusal) {
		folio_buf_puts(&err, j->refusal);
	} else if (code != CURLE_OK) {
		j->refused = false; /* an address was refused, but another one failed otherwise */
		folio_buf_puts(&err, j->errbuf[0] ? j->errbuf : curl_easy_strerror(code));
	} else {
		curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
		if (status < 200 || status > 299) {
			folio_buf_printf(&err, "HTTP %ld%s", status,
			                 status >= 300 && status < 400 ? " (redirects are not followed)" : "");
			append_snippet(&err, &j->body);
		}
	}
	folio_outbox_attempt a = { &j->d, status, err.size ? err.ptr : NULL, duration, now };
	bool ok = !setup_error && code == CURLE_OK && status >= 200 && status <= 299;
	bool last = j->d.part >= j->d.parts;
	int rc = folio_state_begin(st);
	if (rc < 0)
		goto done;
	rc = folio_outbox_record_attempt(st, &a);
	if (rc == 0 && ok && !last) {
		rc = folio_outbox_record_part(st, &a, &j->more);
	} else if (rc == 0 && ok) {
		rc = folio_outbox_record_delivered(st, &a);
		if (rc == 0)
			folio_log(FOLIO_LOG_INFO, "deliver", "delivered %s (commit %.12s) to partner '%s': "
			          "HTTP %ld", j->d.id, j->d.commit, j->d.partner, status);
	} else if (rc == 0 && status == 410) {
		rc = record_gone(st, j, &a);
	} else if (rc == 0 && (j->refused || permanent_status(status))) {
		folio_outbox_attempt stop = a;
		stop.status = j->refused ? 0 : status; /* a refusal is no answer */
		rc = record_stopped(st, j, &stop);
	} else if (rc == 0) {
		rc = record_failure(st, j, &a);
	}
	if (rc == 0)
		rc = folio_state_commit(st);
	if (rc < 0)
		folio_state_rollback(st);
	if (stats && rc == 0) {
		bool stopped = !ok && (j->refused || permanent_status(status));
		stats->delivered += ok && last;
		stats->disabled += !ok && status == 410;
		stats->stopped += stopped;
		stats->failed += !ok && status != 410 && !stopped;
	}
	if (rc == 0 && ok && last)
		rc = 1;
done:
	folio_buf_dispose(&err);
	return rc;
}

static job *job_of(CURL *easy)
{
	char *p = NULL;
	curl_easy_getinfo(easy, CURLINFO_PRIVATE, &p);
	return (job *)p;
}

/* Drive every request to its end, recording each one as soon as it ends. */
static int run_multi(folio_state *st, job **jobs, size_t n, folio_deliver_stats *stats,
                     int *delivered)
{
	CURLM *m = curl_multi_init();
	int rc = 0, running = 0;
	if (!m)
		FOLIO_BUG("curl cannot allocate a multi handle");
	for (size_t i = 0; i < n; i++)
		if (jobs[i]->easy) {
			jobs[i]->started_ms = folio_clock_ms();
			curl_multi_add_handle(m, jobs[i]->easy);
		}
	do {
		CURLMcode mc = curl_multi_perform(m, &running);
		if (mc == CURLM_OK && running)
			mc = curl_multi_poll(m, NULL, 0, 1000, NULL);
		if (mc != CURLM_OK) {
			rc = folio_error_set("curl: %s", curl_multi_strerror(mc));
			break;
		}
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			job *j = job_of(msg->easy_handle);
			int r = job_finish(st, j, msg->data.result, NULL, stats);
			curl_multi_remove_handle(m, msg->easy_handle);
			if (r < 0)
				rc = r;
			else
				*delivered += r;
		}
	} while (running);
	for (size_t i = 0; i < n; i++)
		if (jobs[i]->easy)
			curl_multi_remove_handle(m, jobs[i]->easy);
	curl_multi_cleanup(m);
	return rc;
}

/*
 * One round: a request for each due partner. *more: some partner had a part
 * acknowledged with more to send.
 */
static int run_round(folio_state *st, const folio_deliver_options *opts, bool force,
                     const folio_partner_allow *allow, int *delivered, bool *more)
{
	job **jobs = NULL;
	size_t n = 0;
	int rc = due_jobs(st, force, &jobs, &n);
	*more = false;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		jobs[i]->allow = allow;
		if (opts->stats)
			opts->stats->sent++;
		if (job_prepare(jobs[i], opts) < 0) {
			char *why = folio_xstrdup(folio_error_last());
			int r = job_finish(st, jobs[i], CURLE_OK, why, opts->stats);
			free(why);
			if (r < 0)
				rc = r;
		}
	}
	if (rc == 0)
		rc = run_multi(st, jobs, n, opts->stats, delivered);
	for (size_t i = 0; i < n; i++) {
		*more |= jobs[i]->more;
		job_free(jobs[i]);
	}
	free(jobs);
	return rc;
}

int folio_deliver_run(folio_state *st, const folio_deliver_options *opts)
{
	static const folio_deliver_options defaults = FOLIO_DELIVER_OPTIONS_INIT;
	int delivered = 0;
	if (!opts)
		opts = &defaults;
	pthread_once(&curl_once, curl_init_once);
	if (opts->stats)
		memset(opts->stats, 0, sizeof(*opts->stats));
	folio_partner_allow *allow = NULL;
	int rc = folio_partner_allow_parse(&allow, opts->partner_allow);
	/* the parts of a delivery go one after the other, each once the previous is acknowledged;
	 * a partner that failed waits for its backoff, so later rounds are never forced */
	bool more = true;
	for (bool first = true; rc == 0 && more; first = false)
		rc = run_round(st, opts, first && opts->force, allow, &delivered, &more);
	folio_partner_allow_free(allow);
	return rc < 0 ? rc : delivered;
}

