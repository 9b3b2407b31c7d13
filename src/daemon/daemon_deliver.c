/*
 * The daemon's delivery thread: sends the partner deliveries that each
 * publish enqueues in the state's outbox, and retries them when their
 * backoff ends, so a slow or absent partner never delays a publish.
 *
 * Invariants: the thread shares the daemon's one folio_state (a
 * transaction holds it, so the turn's and the thread's never interleave,
 * and no request is made while holding it); it sleeps until the next
 * delivery is due, a publish pokes it, or stop is asked; a stop waits for
 * the run in progress (bounded by the deliverer's request timeout).
 */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon.h"
#include "folio/deliver.h"
#include "folio/state.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/timestamp.h"
#include "util/banned.h"

/*
 * The longest sleep: an operator's `folio deliveries retry` or `enable`
 * changes the outbox behind the thread's back, and is seen within this.
 */
#define MAX_SLEEP_SECONDS 30
/* Deliveries read to find a failing partner's last error (newest first). */
#define RECENT_DELIVERIES 200

struct folio_daemon_deliverer {
	pthread_t thread;
	pthread_mutex_t lock; /* guards poked and stopping */
	pthread_cond_t wake;
	bool poked, stopping;
	folio_state *st; /* borrowed: the daemon's */
	char *secrets_file;
	char *partner_allow;
	folio_daemon_status *status; /* borrowed: partners_failed and partners are ours to set */
};

/* Sleep up to seconds, or until poked or stopped; true when stopping. */
static bool sleep_for(folio_daemon_deliverer *dd, long long seconds)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)seconds;
	pthread_mutex_lock(&dd->lock);
	while (!dd->poked && !dd->stopping)
		if (pthread_cond_timedwait(&dd->wake, &dd->lock, &until) == ETIMEDOUT)
			break;
	dd->poked = false;
	bool stopping = dd->stopping;
	pthread_mutex_unlock(&dd->lock);
	return stopping;
}

/* Replace status->partners_failed and status->partners with texts (taken; NULL: none). */
static void set_partners(folio_daemon_deliverer *dd, char *failed, char *partners)
{
	if (!dd->status) {
		free(failed);
		free(partners);
		return;
	}
	pthread_mutex_lock(&dd->status->lock);
	free(dd->status->partners_failed);
	free(dd->status->partners);
	dd->status->partners_failed = failed;
	dd->status->partners = partners;
	pthread_mutex_unlock(&dd->status->lock);
}

/* Unix seconds as RFC 3339, as /status shows times; null for none. */
static json_t *time_json(const json_t *seconds)
{
	char stamp[FOLIO_TIMESTAMP_SIZE];
	if (!json_is_integer(seconds) || !folio_timestamp(stamp, json_integer_value(seconds), -1))
		return json_null();
	return json_string(stamp);
}

/*
 * Why partner p is not "ok", in one line: the reason a 410 or a permanent
 * failure gave, else the last error of its newest pending delivery (of
 * deliveries, newest first); null when there is none.
 */
static json_t *partner_reason(const json_t *p, const json_t *deliveries)
{
	const char *status = json_string_value(json_object_get(p, "status"));
	const char *name = json_string_value(json_object_get(p, "name"));
	json_t *dl;
	size_t i;
	if (!strcmp(status, "disabled"))
		return json_incref(json_object_get(p, "disabled_reason"));
	if (!strcmp(status, "failed"))
		return json_incref(json_object_get(p, "failed_reason"));
	if (strcmp(status, "failing"))
		return json_null();
	json_array_foreach(deliveries, i, dl) {
		if (!strcmp(json_string_value(json_object_get(dl, "partner")), name) &&
		    !strcmp(json_string_value(json_object_get(dl, "status")), "pending") &&
		    json_is_string(json_object_get(dl, "last_error")))
			return json_incref(json_object_get(dl, "last_error"));
	}
	return json_null();
}

/*
 * Tell /status every partner's delivery state (those folio.yaml names), and
 * which ones a permanent failure stopped, and why: both from one read.
 */
static void publish_partners(folio_daemon_deliverer *dd)
{
	json_t *all = NULL, *failed = json_array(), *partners = json_array(), *p;
	size_t i;
	if (folio_deliver_list(dd->st, RECENT_DELIVERIES, &all) < 0) {
		folio_log(FOLIO_LOG_ERROR, "deliver", "%s", folio_error_last());
		json_decref(failed);
		json_decref(partners);
		return;
	}
	json_t *deliveries = json_object_get(all, "deliveries");
	json_array_foreach(json_object_get(all, "partners"), i, p) {
		const char *status = json_string_value(json_object_get(p, "status"));
		if (!strcmp(status, "removed"))
			continue; /* gone from folio.yaml: nothing is sent to it any more */
		json_array_append_new(partners, json_pack("{s:O, s:s, s:O, s:O, s:o, s:O, s:o}",
			"name", json_object_get(p, "name"), "status", status,
			"pending", json_object_get(p, "pending"), "failures", json_object_get(p, "failures"),
			"next_attempt_at", time_json(json_object_get(p, "next_attempt_at")),
			"acked_commit", json_object_get(p, "acked_commit"),
			"reason", partner_reason(p, deliveries)));
		if (strcmp(status, "failed"))
			continue;
		json_array_append_new(failed, json_pack("{s:O, s:O, s:O, s:O}",
			"partner", json_object_get(p, "name"), "http_status", json_object_get(p, "failed_status"),
			"reason", json_object_get(p, "failed_reason"), "failed_at", json_object_get(p, "failed_at")));
	}
	set_partners(dd, json_dumps(failed, JSON_COMPACT), json_dumps(partners, JSON_COMPACT));
	json_decref(failed);
	json_decref(partners);
	json_decref(all);
}

/*
 * Count the outbox by state for /metrics: one grouped query on the
 * deliveries_pending index, after each run (never from the HTTP thread,
 * which does not touch the state). Superseded and cancelled deliveries are
 * not counted; pending ones count as "disabled" when their partner is
 * disabled (or removed), "failed" when a permanent failure stopped it (see
 * /status partners_failed), else "pending".
 */
static void count_deliveries(folio_daemon_deliverer *dd)
{
	folio_deliver_counts c;
	if (!dd->status)
		return;
	if (folio_deliver_count(dd->st, &c) < 0) {
		folio_log(FOLIO_LOG_ERROR, "deliver", "%s", folio_error_last());
		return;
	}
	long long n[FOLIO_DELIVERY__STATES] = { 0 };
	n[FOLIO_DELIVERY_PENDING] = c.pending;
	n[FOLIO_DELIVERY_DELIVERED] = c.delivered;
	n[FOLIO_DELIVERY_FAILED] = c.failed;
	n[FOLIO_DELIVERY_DISABLED] = c.disabled;
	pthread_mutex_lock(&dd->status->lock);
	memcpy(dd->status->metrics.deliveries, n, sizeof(n));
	dd->status->metrics.deliveries_known = true;
	pthread_mutex_unlock(&dd->status->lock);
}

static void run_once(folio_daemon_deliverer *dd)
{
	folio_deliver_stats stats = { 0 };
	folio_deliver_options o = FOLIO_DELIVER_OPTIONS_INIT;
	o.secrets_file = dd->secrets_file;
	o.partner_allow = dd->partner_allow;
	o.stats = &stats;
	if (folio_deliver_run(dd->st, &o) < 0)
		folio_log(FOLIO_LOG_ERROR, "deliver", "%s", folio_error_last());
	else if (stats.sent)
		folio_log(stats.failed || stats.stopped ? FOLIO_LOG_WARN : FOLIO_LOG_INFO, "deliver",
		          "%u sent, %u delivered, %u to retry, %u failed for good, %u partners disabled",
		          stats.sent, stats.delivered, stats.failed, stats.stopped, stats.disabled);
	publish_partners(dd);
	count_deliveries(dd);
}

static void *deliver_main(void *payload)
{
	folio_daemon_deliverer *dd = payload;
	for (;;) {
		long long due = -1;
		run_once(dd);
		if (folio_deliver_next_due(dd->st, &due) < 0) {
			folio_log(FOLIO_LOG_ERROR, "deliver", "%s", folio_error_last());
			due = 60;
		}
		if (sleep_for(dd, due < 0 || due > MAX_SLEEP_SECONDS ? MAX_SLEEP_SECONDS : due > 0 ? due : 1))
			break;
	}
	return NULL;
}

int folio_daemon__deliver_start(folio_daemon_deliverer **out, folio_state *st,
                                const char *secrets_file, const char *partner_allow,
                                size_t max_payload, folio_daemon_status *status)
{
	folio_daemon_deliverer *dd = folio_xcalloc(1, sizeof(*dd));
	pthread_condattr_t attr;
	int rc;

	*out = NULL;
	dd->st = st;
	if ((rc = folio_deliver_set_max_payload(dd->st, max_payload)) < 0) {
		free(dd);
		return rc;
	}
	dd->secrets_file = secrets_file ? folio_xstrdup(secrets_file) : NULL;
	dd->partner_allow = partner_allow ? folio_xstrdup(partner_allow) : NULL;
	dd->status = status;
	pthread_mutex_init(&dd->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&dd->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&dd->thread, NULL, deliver_main, dd) != 0) {
		pthread_cond_destroy(&dd->wake);
		pthread_mutex_destroy(&dd->lock);
		free(dd->secrets_file);
		free(dd->partner_allow);
		free(dd);
		return folio_error_set("cannot start the delivery thread");
	}
	*out = dd;
	return 0;
}

/* Set one of dd's flags under its lock and wake the thread to look at it. */
static void raise_flag(folio_daemon_deliverer *dd, bool *flag)
{
	pthread_mutex_lock(&dd->lock);
	*flag = true;
	pthread_cond_signal(&dd->wake);
	pthread_mutex_unlock(&dd->lock);
}

void folio_daemon__deliver_poke(folio_daemon_deliverer *dd)
{
	if (dd)
		raise_flag(dd, &dd->poked);
}

void folio_daemon__deliver_stop(folio_daemon_deliverer *dd)
{
	if (!dd)
		return;
	raise_flag(dd, &dd->stopping);
	pthread_join(dd->thread, NULL);
	set_partners(dd, NULL, NULL);
	pthread_cond_destroy(&dd->wake);
	pthread_mutex_destroy(&dd->lock);
	free(dd->secrets_file);
	free(dd->partner_allow);
	free(dd);
}
