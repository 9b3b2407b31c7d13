/*
 * The outbox's rows in the state file: partners, deliveries, their parts
 * and items, attempts, and the items each partner acknowledged (schema in
 * state.c). Every statement on those tables is here, run through
 * the state's binder on the caller's folio_state: the planner (deliveries.c), the
 * sender (deliver/send.c), the operator's commands and the daemon ask these
 * functions and never see SQL or the connection.
 *
 * Functions that change several rows expect the caller's transaction when
 * they say so; the others are one statement each. Times are Unix seconds.
 */
#ifndef FOLIO_PUBLISH_STATE_OUTBOX_H
#define FOLIO_PUBLISH_STATE_OUTBOX_H

#include <jansson.h>

#include "folio/deliver.h"
#include "folio/state.h"

/* ---- items: what a partner acknowledged, what a delivery carries ---- */

typedef struct {
	char *collection;
	char *id;
	char hash[65];
} folio_outbox_item;

/* A set of items; sorted by (collection, id) where the functions say so. */
typedef struct {
	folio_outbox_item *items;
	size_t count, alloc;
} folio_outbox_items;

void folio_outbox_items_add(folio_outbox_items *set, const char *collection, const char *id,
                            const char *hash);
void folio_outbox_items_dispose(folio_outbox_items *set);
/* Order of items: by collection, then id. */
int folio_outbox_item_cmp(const void *a, const void *b);

/* The items partner acknowledged last, appended to out and sorted. */
int folio_outbox_acked_items(folio_state *st, const char *partner, folio_outbox_items *out);

/* ---- planning a delivery (inside the publish's transaction) ---- */

/*
 * Record partner name at url (a new URL ends a permanent failure, which was
 * about the old one; a partner back in folio.yaml is no longer removed).
 * *acked_commit: the commit it acknowledged last (NULL: none; caller frees),
 * *next_attempt_at its backoff's end (0: none).
 */
int folio_outbox_partner_upsert(folio_state *st, const char *name, const char *url,
                                char **acked_commit, long long *next_attempt_at);
/* The pending deliveries of partner become status ("superseded",
 * "cancelled"): their payloads, parts and items are dropped. */
int folio_outbox_close_pending(folio_state *st, const char *partner, const char *status);

/* A pending delivery to insert. */
typedef struct {
	const char *id, *partner, *commit, *base_commit;
	long long created_at, due;
	const char *payload; /* NUL-terminated JSON; the first part's when in parts */
	const folio_outbox_items *items;
} folio_outbox_delivery;

/* Insert d, numbered after every other delivery, with its items. */
int folio_outbox_insert(folio_state *st, const folio_outbox_delivery *d);
/* Delivery id goes in count parts, texts[i] the (i+1)-th. */
int folio_outbox_insert_parts(folio_state *st, const char *id, char *const *texts, size_t count);
/* Delivery id cannot be sent (why): its payload is dropped and its
 * partner stopped, until a delivery that can be sent is queued. */
int folio_outbox_stop_unsendable(folio_state *st, const char *id, const char *partner,
                                 long long now, const char *why);
/* A delivery that can be sent ends a stop that an unsendable one caused. */
int folio_outbox_clear_unsendable(folio_state *st, const char *partner);

/* The partners the state knows and that are not marked removed: *names
 * (caller frees each and the array), *n of them. */
int folio_outbox_live_partners(folio_state *st, char ***names, size_t *n);
/* Partner left folio.yaml: its pending deliveries are cancelled, it is removed. */
int folio_outbox_partner_remove(folio_state *st, const char *partner, long long now);

/* ---- sending ---- */

/* A request to make: one delivery's next part (or its whole payload). */
typedef struct {
	char *id, *partner, *url, *commit;
	char *payload; /* NUL-terminated, len bytes */
	size_t len;
	long long part, parts; /* the part to send (1-based), of how many */
} folio_outbox_due;

void folio_outbox_due_dispose(folio_outbox_due *d);

/*
 * The due deliveries: the newest pending one of each partner that is not
 * disabled, removed or stopped, whose backoff has ended at now (or any,
 * when force), with a payload. *out (caller disposes each and frees the
 * array), *n of them.
 */
int folio_outbox_due_list(folio_state *st, bool force, long long now, folio_outbox_due **out,
                          size_t *n);

/* The result of one request (status 0: no answer; error NULL: none). */
typedef struct {
	const folio_outbox_due *d;
	long status;
	const char *error;
	long long duration_ms, now;
} folio_outbox_attempt;

/* Each of the following runs inside the caller's transaction, after
 * folio_outbox_record_attempt() of the same attempt. */
int folio_outbox_record_attempt(folio_state *st, const folio_outbox_attempt *a);
/* A part acknowledged, more to send: *more when the delivery is still
 * pending (its next part is due at once). */
int folio_outbox_record_part(folio_state *st, const folio_outbox_attempt *a, bool *more);
/* Delivered; when it was its partner's newest, its items become what the
 * partner acknowledged. */
int folio_outbox_record_delivered(folio_state *st, const folio_outbox_attempt *a);
/* A 410: the partner is disabled for reason. */
int folio_outbox_record_gone(folio_state *st, const folio_outbox_attempt *a, const char *reason);
/* A permanent failure: the partner stops until an operator retries. */
int folio_outbox_record_stopped(folio_state *st, const folio_outbox_attempt *a);
/* Consecutive failures of partner so far (0 when unknown). */
int folio_outbox_partner_failures(folio_state *st, const char *partner, unsigned *failures);
/* A failure to retry: failures so far, the next attempt at next. */
int folio_outbox_record_failure(folio_state *st, const folio_outbox_attempt *a,
                                unsigned failures, long long next);

/* ---- status and operator actions ---- */

/* When the next delivery is due, *at (Unix seconds), or -1 when none is
 * pending for a partner that may be sent to. */
int folio_outbox_next_due_at(folio_state *st, long long *at);
/* Make delivery id (every one: NULL) due at now and reset its partner's
 * backoff and stop. FOLIO_ENOTFOUND (message set) when id is not pending. */
int folio_outbox_retry(folio_state *st, const char *id, long long now);
/* Re-enable partner (its backoff and stop reset, its delivery due at now).
 * FOLIO_ENOTFOUND (message set) when the state does not know it. */
int folio_outbox_enable(folio_state *st, const char *partner, long long now);
/* The rows of folio_deliver_list() and folio_deliver_show(), as JSON. */
int folio_outbox_partners_json(folio_state *st, json_t **out);
int folio_outbox_deliveries_json(folio_state *st, size_t limit, json_t **out);
/* Delivery id with its payload parsed, *out NULL when unknown, and its attempts. */
int folio_outbox_delivery_json(folio_state *st, const char *id, json_t **out, json_t **attempts);
/* The deliveries by state (folio_deliver_count()). */
int folio_outbox_count(folio_state *st, folio_deliver_counts *out);

#endif
