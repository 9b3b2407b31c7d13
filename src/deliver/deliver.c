/*
 * The partner delivery outbox and its worker.
 *
 * Invariants:
 * - A partner has at most one pending delivery: enqueueing supersedes the
 *   older one (its payload and items are dropped), and the newer one
 *   carries the changes since the partner's last acknowledged state, so
 *   nothing a partner missed is lost.
 * - partner_items is exactly the (collection, item id, hash) set of the
 *   last delivery the partner acknowledged while it was its newest; a late
 *   2xx for a superseded delivery changes nothing there, which only makes
 *   the next changes larger, never smaller.
 * - Backoff is per partner (partners.failures, next_attempt_at); a new
 *   delivery is due when its partner's backoff ends, so a burst of
 *   publishes to a dead partner does not make a burst of requests.
 * - A delivery stays pending until a 2xx is recorded: a crash mid-request
 *   re-sends it, with the same webhook-id, after restart.
 * Times in the tables are Unix seconds.
 */
#include "folio/deliver.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "render/layout.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/beneath.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/timestamp.h"
#include "publish/state_db.h"
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

/* ---- SQLite helpers ---- */

static int db_fail(folio_state *st, const char *what)
{
	return folio_error_set("state %s: %s: %s", folio_state_dir(st), what,
	                       sqlite3_errmsg(folio_state_db(st)));
}

/*
 * Prepare sql and bind its parameters as fmt says, one character each:
 * 't' text (const char *, NULL binds NULL), 'i' long long, 'b' blob
 * (const void *, size_t). NULL with the error set on failure.
 */
static sqlite3_stmt *prep(folio_state *st, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(folio_state_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		db_fail(st, "cannot prepare a query");
		return NULL;
	}
	va_list ap;
	va_start(ap, fmt);
	for (int i = 1; fmt && fmt[i - 1]; i++) {
		switch (fmt[i - 1]) {
		case 't': {
			const char *v = va_arg(ap, const char *);
			if (v)
				sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i);
			break;
		}
		case 'i':
			sqlite3_bind_int64(s, i, va_arg(ap, long long));
			break;
		case 'b': {
			const void *v = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);
			sqlite3_bind_blob64(s, i, v, len, SQLITE_TRANSIENT);
			break;
		}
		default:
			FOLIO_BUG("bad bind format");
		}
	}
	va_end(ap);
	return s;
}

/* Step s to its end and finalize it. */
static int finish(folio_state *st, sqlite3_stmt *s, const char *what)
{
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		;
	int rc = step == SQLITE_DONE ? 0 : db_fail(st, what);
	sqlite3_finalize(s);
	return rc;
}

#define EXEC(st, what, sql, ...) finish((st), prep((st), (sql), __VA_ARGS__), (what))

static char *column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? folio_xstrdup((const char *)t) : NULL;
}

static long long now_seconds(void)
{
	return (long long)time(NULL);
}

static long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double random01(void)
{
	unsigned int r = 0;
	if (RAND_bytes((unsigned char *)&r, sizeof(r)) != 1)
		r = (unsigned int)monotonic_ms();
	return (double)r / 4294967296.0;
}

/* A fresh webhook-id: "msg_" and 128 random bits in hex. */
static char *new_message_id(void)
{
	unsigned char raw[16];
	char hex[sizeof(raw) * 2 + 1];
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		FOLIO_BUG("OpenSSL has no random bytes");
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	return folio_xasprintf("msg_%s", hex);
}

/* ---- enqueue: items and changes ---- */

typedef struct {
	char *collection;
	char *id;
	char hash[65];
} item_rec;

typedef struct {
	item_rec *items;
	size_t count, alloc;
} item_set;

static void items_add(item_set *set, const char *collection, const char *id, const char *hash)
{
	FOLIO_ARRAY_GROW(set->items, set->count, set->alloc, set->count + 1);
	item_rec *r = &set->items[set->count++];
	r->collection = folio_xstrdup(collection);
	r->id = folio_xstrdup(id);
	snprintf(r->hash, sizeof(r->hash), "%s", hash);
}

static void items_dispose(item_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->items[i].collection);
		free(set->items[i].id);
	}
	free(set->items);
	set->items = NULL;
	set->count = set->alloc = 0;
}

static int cmp_item(const void *a, const void *b)
{
	const item_rec *x = a, *y = b;
	int c = strcmp(x->collection, y->collection);
	return c ? c : strcmp(x->id, y->id);
}

/* Keep the first of items with one (collection, id): a feed repeating an id
 * must not count it twice. set is sorted. */
static void items_unique(item_set *set)
{
	size_t w = 0;
	for (size_t r = 0; r < set->count; r++) {
		if (w && !cmp_item(&set->items[w - 1], &set->items[r])) {
			free(set->items[r].collection);
			free(set->items[r].id);
			continue;
		}
		set->items[w++] = set->items[r];
	}
	set->count = w;
}

/* Strip what a summaries-only partner does not get, then record each item. */
static void prepare_feed(json_t *feed, const char *collection, bool summaries, item_set *items)
{
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(feed, "items"), i, item) {
		if (!json_is_object(item))
			continue;
		if (summaries) {
			json_object_del(item, "content_html");
			json_object_del(item, "content_text");
		}
		const char *id = json_string_value(json_object_get(item, "id"));
		if (!id)
			continue; /* JSON Feed requires ids; an item without one cannot be tracked */
		char *bytes = json_dumps(item, JSON_COMPACT | JSON_SORT_KEYS);
		char hash[65];
		folio_sha256_hex(hash, bytes ? bytes : "", bytes ? strlen(bytes) : 0);
		free(bytes);
		items_add(items, collection, id, hash);
	}
}

/* added, updated, removed: ids of now against acked (both sorted). */
static json_t *diff_items(const item_set *acked, const item_set *now)
{
	json_t *added = json_array(), *updated = json_array(), *removed = json_array();
	size_t a = 0, n = 0;
	while (a < acked->count || n < now->count) {
		int c = a == acked->count ? 1 : n == now->count ? -1
		        : cmp_item(&acked->items[a], &now->items[n]);
		if (c < 0) {
			json_array_append_new(removed, json_string(acked->items[a++].id));
		} else if (c > 0) {
			json_array_append_new(added, json_string(now->items[n++].id));
		} else {
			if (strcmp(acked->items[a].hash, now->items[n].hash))
				json_array_append_new(updated, json_string(now->items[n].id));
			a++, n++;
		}
	}
	json_t *changes = json_object();
	json_object_set_new(changes, "added", added);
	json_object_set_new(changes, "updated", updated);
	json_object_set_new(changes, "removed", removed);
	return changes;
}

static int load_acked(folio_state *st, const char *partner, item_set *acked)
{
	sqlite3_stmt *s = prep(st, "SELECT collection, item_id, hash FROM partner_items"
	                           " WHERE partner = ?", "t", partner);
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		items_add(acked, (const char *)sqlite3_column_text(s, 0),
		          (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2));
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return db_fail(st, "cannot read a partner's acknowledged items");
	if (acked->count > 1)
		qsort(acked->items, acked->count, sizeof(*acked->items), cmp_item);
	return 0;
}

/* The parsed input feeds, by collection name. */
typedef struct {
	const char **names;
	json_t **feeds;
	size_t count;
} feed_map;

static json_t *feed_for(const feed_map *fm, const char *name)
{
	for (size_t i = 0; i < fm->count; i++)
		if (!strcmp(fm->names[i], name))
			return fm->feeds[i];
	return NULL;
}

static bool collection_configured(const folio_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->ncollections; i++)
		if (cfg->collections[i].name && !strcmp(cfg->collections[i].name, name))
			return true;
	return false;
}

/* The "collections" object of a partner's payload; its items into items. */
static int partner_collections(json_t **out, const folio_config *cfg, const folio_partner *p,
                               const feed_map *fm, item_set *items)
{
	json_t *cols = json_object();
	*out = NULL;
	for (size_t i = 0; i < p->ncollections; i++) {
		const char *name = p->collections[i];
		json_t *feed = feed_for(fm, name);
		if (!feed && collection_configured(cfg, name)) {
			json_decref(cols);
			folio_error_set("no feed given for collection '%s' of partner '%s'", name, p->name);
			return FOLIO_EINVALID;
		}
		if (!feed) {
			folio_log(FOLIO_LOG_WARN, "deliver", "partner '%s' subscribes to unknown "
			          "collection '%s'; skipped", p->name, name);
			continue;
		}
		json_t *copy = json_deep_copy(feed);
		prepare_feed(copy, name, p->summaries, items);
		json_object_set_new(cols, name, copy);
	}
	if (items->count > 1)
		qsort(items->items, items->count, sizeof(*items->items), cmp_item);
	items_unique(items);
	*out = cols;
	return 0;
}

static json_t *site_json(const folio_config *cfg)
{
	json_t *site = json_object();
	if (cfg->title)
		json_object_set_new(site, "title", json_string(cfg->title));
	if (cfg->base_url)
		json_object_set_new(site, "base_url", json_string(cfg->base_url));
	if (cfg->language)
		json_object_set_new(site, "language", json_string(cfg->language));
	return site;
}

typedef struct {
	char *acked_commit;
	long long next_attempt_at;
} partner_row;

static int upsert_partner(folio_state *st, const folio_partner *p, partner_row *row)
{
	if (EXEC(st, "cannot record a partner",
	         "INSERT INTO partners(name, url) VALUES(?, ?) ON CONFLICT(name) DO UPDATE"
	         " SET url = excluded.url, removed_at = NULL,"
	         /* a new URL is a new chance: a permanent failure was about the old one */
	         " failed_at = CASE WHEN url IS excluded.url THEN failed_at END,"
	         " failed_status = CASE WHEN url IS excluded.url THEN failed_status END,"
	         " failed_reason = CASE WHEN url IS excluded.url THEN failed_reason END",
	         "tt", p->name, p->url) < 0)
		return FOLIO_ERROR;
	sqlite3_stmt *s = prep(st, "SELECT acked_commit, coalesce(next_attempt_at, 0) FROM partners"
	                           " WHERE name = ?", "t", p->name);
	if (!s)
		return FOLIO_ERROR;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		row->acked_commit = column_dup(s, 0);
		row->next_attempt_at = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? 0 : db_fail(st, "cannot read a partner");
}

/* Pending deliveries of partner become status (superseded or cancelled). */
static int close_pending(folio_state *st, const char *partner, const char *status)
{
	if (EXEC(st, "cannot drop a superseded delivery's parts",
	         "DELETE FROM delivery_parts WHERE delivery_id IN"
	         " (SELECT id FROM deliveries WHERE partner = ? AND status = 'pending')",
	         "t", partner) < 0)
		return FOLIO_ERROR;
	if (EXEC(st, "cannot drop a superseded delivery's items",
	         "DELETE FROM delivery_items WHERE delivery_id IN"
	         " (SELECT id FROM deliveries WHERE partner = ? AND status = 'pending')",
	         "t", partner) < 0)
		return FOLIO_ERROR;
	return EXEC(st, "cannot supersede a delivery",
	            "UPDATE deliveries SET status = ?, payload = NULL"
	            " WHERE partner = ? AND status = 'pending'", "tt", status, partner);
}

/* ---- the payload bound: a delivery over it goes in parts ---- */

/* The meta key holding the server's bound (folio_deliver_set_max_payload). */
#define MAX_PAYLOAD_KEY "deliver_max_payload"
/* Room kept in each part for its "part" object's numbers. */
#define PART_SLACK 64

int folio_deliver_set_max_payload(folio_state *st, size_t bytes)
{
	char v[32];
	if (!bytes)
		bytes = FOLIO_DELIVER_MAX_PAYLOAD;
	snprintf(v, sizeof(v), "%zu", bytes < FOLIO_DELIVER_MIN_PAYLOAD ? (size_t)FOLIO_DELIVER_MIN_PAYLOAD : bytes);
	return folio_state_set(st, MAX_PAYLOAD_KEY, v);
}

static int max_payload(folio_state *st, size_t *out)
{
	char *v = NULL;
	int rc = folio_state_get(st, MAX_PAYLOAD_KEY, &v);
	unsigned long long n = v ? strtoull(v, NULL, 10) : 0;
	*out = n >= FOLIO_DELIVER_MIN_PAYLOAD ? (size_t)n : FOLIO_DELIVER_MAX_PAYLOAD;
	free(v);
	return rc;
}

/* The parts of one delivery, each a complete JSON text. */
typedef struct {
	char **texts;
	size_t count, alloc;
} part_list;

static void parts_dispose(part_list *pl)
{
	for (size_t i = 0; i < pl->count; i++)
		free(pl->texts[i]);
	free(pl->texts);
	memset(pl, 0, sizeof(*pl));
}

static size_t json_size(const json_t *j)
{
	char *t = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	size_t n = t ? strlen(t) : 0;
	free(t);
	return n;
}

/* payload with every list emptied and a "part" object: what each part repeats. */
static json_t *part_envelope(const json_t *payload, const char *id)
{
	json_t *env = json_deep_copy(payload);
	const char *name;
	json_t *feed;
	json_object_set_new(env, "changes", json_pack("{s:[], s:[], s:[]}", "added", "updated", "removed"));
	json_object_foreach(json_object_get(env, "collections"), name, feed)
		json_object_set_new(feed, "items", json_array());
	json_object_set_new(env, "part", json_pack("{s:s, s:i, s:i}", "delivery", id, "index", 0,
	                                           "count", 0));
	return env;
}

/*
 * Split payload into parts of at most max bytes each: every part holds the
 * whole envelope (site, commit, each feed's metadata) and a slice of the
 * lists (changes.added, .updated, .removed, then each feed's items), so the
 * parts' lists, concatenated in order, are the payload's. FOLIO_EINVALID
 * when one item alone does not fit.
 */
static int split_payload(part_list *out, const json_t *payload, const char *id, size_t max)
{
	static const char *const kinds[] = { "added", "updated", "removed" };
	json_t *env = part_envelope(payload, id), *cur = NULL;
	size_t base = json_size(env) + PART_SLACK, size = 0;
	int rc = 0;
	/* units in order: (list to append to in the part, the value) */
	json_t *changes = json_object_get(payload, "changes");
	const char *name;
	json_t *feed;
	for (int pass = 0; rc == 0 && pass < 2; pass++) {
		size_t nlists = pass == 0 ? 3 : json_object_size(json_object_get(payload, "collections"));
		void *iter = pass == 1 ? json_object_iter(json_object_get(payload, "collections")) : NULL;
		for (size_t l = 0; rc == 0 && l < nlists; l++) {
			json_t *list;
			if (pass == 0) {
				name = kinds[l];
				list = json_object_get(changes, name);
			} else {
				name = json_object_iter_key(iter);
				feed = json_object_iter_value(iter);
				list = json_object_get(feed, "items");
				iter = json_object_iter_next(json_object_get(payload, "collections"), iter);
			}
			size_t i;
			json_t *v;
			json_array_foreach(list, i, v) {
				size_t n = json_size(v) + 1;
				if (base + n > max) {
					const char *item = json_string_value(pass ? json_object_get(v, "id") : v);
					rc = folio_error_set("delivery item '%.200s' of '%s' is %zu bytes, over the "
					                     "%zu-byte bound of a delivery (FOLIO_DELIVERY_MAX_BYTES); "
					                     "make it smaller or raise the bound", item ? item : "?",
					                     name, n, max);
					break;
				}
				if (!cur || size + n > max) {
					if (cur) {
						FOLIO_ARRAY_GROW(out->texts, out->count, out->alloc, out->count + 1);
						out->texts[out->count++] = (char *)cur; /* serialised below */
					}
					cur = json_deep_copy(env);
					size = base;
				}
				json_t *dst = pass == 0
					? json_object_get(json_object_get(cur, "changes"), name)
					: json_object_get(json_object_get(json_object_get(cur, "collections"), name), "items");
				json_array_append(dst, v);
				size += n;
			}
		}
	}
	if (rc < 0)
		json_decref(cur);
	if (rc == 0) {
		if (!cur)
			cur = json_deep_copy(env);
		FOLIO_ARRAY_GROW(out->texts, out->count, out->alloc, out->count + 1);
		out->texts[out->count++] = (char *)cur;
	}
	/* number the parts and serialise them */
	for (size_t i = 0; i < out->count; i++) {
		json_t *part = (json_t *)out->texts[i];
		json_t *meta = json_object_get(part, "part");
		json_object_set_new(meta, "index", json_integer((json_int_t)i + 1));
		json_object_set_new(meta, "count", json_integer((json_int_t)out->count));
		out->texts[i] = rc == 0 ? json_dumps(part, JSON_COMPACT) : NULL;
		json_decref(part);
		if (rc == 0 && !out->texts[i])
			rc = folio_error_set("cannot serialise part %zu of delivery %s", i + 1, id);
	}
	json_decref(env);
	if (rc < 0)
		parts_dispose(out);
	return rc;
}

static int insert_parts(folio_state *st, const char *id, const part_list *pl)
{
	int rc = EXEC(st, "cannot record a delivery's parts",
	              "UPDATE deliveries SET parts = ?, parts_done = 0 WHERE id = ?", "it",
	              (long long)pl->count, id);
	for (size_t i = 0; rc == 0 && i < pl->count; i++)
		rc = EXEC(st, "cannot record a delivery's part",
		          "INSERT INTO delivery_parts(delivery_id, part, payload) VALUES(?, ?, ?)", "tib",
		          id, (long long)i + 1, pl->texts[i], strlen(pl->texts[i]));
	return rc;
}

/* A partner stopped at enqueue: its delivery cannot be made (an item over the bound). */
static int stop_at_enqueue(folio_state *st, const folio_partner *p, const char *id, long long now,
                           const char *why)
{
	folio_log(FOLIO_LOG_ERROR, "deliver", "delivery %s to partner '%s' cannot be sent: %s", id,
	          p->name, why);
	return EXEC(st, "cannot stop a partner",
	            "UPDATE partners SET failed_at = ?, failed_status = NULL, failed_reason = ?"
	            " WHERE name = ?", "itt", now, why, p->name);
}

static int insert_delivery(folio_state *st, const char *id, const folio_partner *p,
                           const char *commit_id, const partner_row *row, long long now,
                           const char *payload, const item_set *items)
{
	long long due = row->next_attempt_at > now ? row->next_attempt_at : now;
	if (EXEC(st, "cannot queue a delivery",
	         "INSERT INTO deliveries(id, partner, commit_id, base_commit, created_at, status,"
	         " next_attempt_at, payload, seq) VALUES(?, ?, ?, ?, ?, 'pending', ?, ?,"
	         " (SELECT coalesce(max(seq), 0) + 1 FROM deliveries))",
	         "ttttiib", id, p->name, commit_id, row->acked_commit, now, due,
	         payload, strlen(payload)) < 0)
		return FOLIO_ERROR;
	sqlite3_stmt *s = prep(st, "INSERT OR REPLACE INTO delivery_items(delivery_id, collection,"
	                           " item_id, hash) VALUES(?, ?, ?, ?)", NULL);
	if (!s)
		return FOLIO_ERROR;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < items->count; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, items->items[i].collection, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, items->items[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, items->items[i].hash, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = db_fail(st, "cannot record a delivery's items");
	}
	sqlite3_finalize(s);
	return rc;
}

static int enqueue_partner(folio_state *st, const folio_config *cfg, const folio_partner *p,
                           const char *commit_id, const feed_map *fm, long long now)
{
	partner_row row = { NULL, 0 };
	item_set acked = { 0 }, current = { 0 };
	json_t *cols = NULL, *payload = NULL;
	char *id = NULL, *text = NULL;
	int rc;

	if ((rc = upsert_partner(st, p, &row)) < 0 ||
	    (rc = load_acked(st, p->name, &acked)) < 0 ||
	    (rc = partner_collections(&cols, cfg, p, fm, &current)) < 0)
		goto done;
	json_t *changes = diff_items(&acked, &current);
	payload = json_object();
	json_object_set_new(payload, "type", json_string("folio.publish"));
	json_object_set_new(payload, "site", site_json(cfg));
	json_object_set_new(payload, "partner", json_string(p->name));
	json_object_set_new(payload, "commit", json_string(commit_id));
	json_object_set_new(payload, "since", row.acked_commit ? json_string(row.acked_commit)
	                                                       : json_null());
	char stamp[FOLIO_TIMESTAMP_SIZE];
	folio_timestamp(stamp, now, -1);
	json_object_set_new(payload, "timestamp", json_string(stamp));
	json_object_set_new(payload, "changes", changes);
	json_object_set_new(payload, "collections", cols);
	cols = NULL;
	text = json_dumps(payload, JSON_COMPACT);
	if (!text) {
		rc = folio_error_set("cannot serialise the payload of partner '%s'", p->name);
		goto done;
	}
	id = new_message_id();
	size_t max;
	part_list parts = { 0 };
	if ((rc = max_payload(st, &max)) < 0 || (rc = close_pending(st, p->name, "superseded")) < 0)
		goto done;
	if (strlen(text) > max && split_payload(&parts, payload, id, max) < 0) {
		/* kept without a payload, so it is visible and superseded by the next publish */
		char *why = folio_xstrdup(folio_error_last());
		rc = insert_delivery(st, id, p, commit_id, &row, now, text, &current);
		if (rc == 0)
			rc = EXEC(st, "cannot drop a payload", "UPDATE deliveries SET payload = NULL,"
			          " last_error = ? WHERE id = ?", "tt", why, id);
		if (rc == 0)
			rc = stop_at_enqueue(st, p, id, now, why);
		free(why);
		goto done;
	}
	/* a delivery that fits again ends a stop that an item over the bound caused */
	if ((rc = EXEC(st, "cannot update a partner",
	               "UPDATE partners SET failed_at = NULL, failed_reason = NULL WHERE name = ?"
	               " AND failed_status IS NULL AND failed_reason LIKE 'delivery item %'",
	               "t", p->name)) < 0)
		goto done;
	rc = insert_delivery(st, id, p, commit_id, &row, now, parts.count ? parts.texts[0] : text,
	                     &current);
	if (rc == 0 && parts.count)
		rc = insert_parts(st, id, &parts);
	if (rc == 0 && parts.count)
		folio_log(FOLIO_LOG_INFO, "deliver", "delivery %s to partner '%s' is %zu bytes: %zu parts "
		          "of at most %zu", id, p->name, strlen(text), parts.count, max);
	parts_dispose(&parts);
	if (rc < 0)
		goto done;
	folio_log(FOLIO_LOG_INFO, "deliver", "queued %s for partner '%s': commit %.12s, "
	          "%zu added, %zu updated, %zu removed", id, p->name, commit_id,
	          json_array_size(json_object_get(changes, "added")),
	          json_array_size(json_object_get(changes, "updated")),
	          json_array_size(json_object_get(changes, "removed")));
done:
	free(row.acked_commit);
	items_dispose(&acked);
	items_dispose(&current);
	json_decref(cols);
	json_decref(payload);
	free(text);
	free(id);
	return rc;
}

static bool partner_configured(const folio_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->npartners; i++)
		if (cfg->partners[i].name && !strcmp(cfg->partners[i].name, name))
			return true;
	return false;
}

/* Partners gone from folio.yaml: marked removed, their pending deliveries cancelled. */
static int cancel_removed(folio_state *st, const folio_config *cfg, long long now)
{
	sqlite3_stmt *s = prep(st, "SELECT name FROM partners WHERE removed_at IS NULL", NULL);
	if (!s)
		return FOLIO_ERROR;
	char **gone = NULL;
	size_t ngone = 0, agone = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		if (!partner_configured(cfg, name)) {
			FOLIO_ARRAY_GROW(gone, ngone, agone, ngone + 1);
			gone[ngone++] = folio_xstrdup(name);
		}
	}
	sqlite3_finalize(s);
	int rc = step == SQLITE_DONE ? 0 : db_fail(st, "cannot list partners");
	for (size_t i = 0; i < ngone; i++) {
		if (rc == 0)
			rc = close_pending(st, gone[i], "cancelled");
		if (rc == 0)
			rc = EXEC(st, "cannot mark a partner removed",
			          "UPDATE partners SET removed_at = ? WHERE name = ?", "it", now, gone[i]);
		if (rc == 0)
			folio_log(FOLIO_LOG_INFO, "deliver", "partner '%s' is no longer in folio.yaml; "
			          "its pending deliveries are cancelled", gone[i]);
		free(gone[i]);
	}
	free(gone);
	return rc;
}

int folio_deliver_enqueue(folio_state *st, const folio_config *cfg, const char *commit_id,
                          const folio_deliver_feed *feeds, size_t nfeeds)
{
	feed_map fm = { folio_xcalloc(nfeeds + 1, sizeof(char *)),
	                folio_xcalloc(nfeeds + 1, sizeof(json_t *)), 0 };
	long long now = now_seconds();
	int rc = 0;
	FOLIO_ASSERT(sqlite3_get_autocommit(folio_state_db(st)) == 0);
	for (size_t i = 0; rc == 0 && i < nfeeds; i++) {
		json_error_t err;
		json_t *j = json_loadb(feeds[i].data, feeds[i].len, 0, &err);
		if (!json_is_object(j)) {
			json_decref(j);
			rc = folio_error_set("feed of collection '%s' is not a JSON object: %s",
			                     feeds[i].collection, j ? "another type" : err.text);
			break;
		}
		/* the pages of a paginated feed, given in order, make one feed of every item */
		json_t *first = feed_for(&fm, feeds[i].collection);
		if (first) {
			json_array_extend(json_object_get(first, "items"), json_object_get(j, "items"));
			json_decref(j);
			continue;
		}
		fm.names[fm.count] = feeds[i].collection;
		fm.feeds[fm.count++] = j;
	}
	for (size_t i = 0; i < fm.count; i++)
		json_object_del(fm.feeds[i], "next_url");
	for (size_t i = 0; rc == 0 && i < cfg->npartners; i++)
		rc = enqueue_partner(st, cfg, &cfg->partners[i], commit_id, &fm, now);
	if (rc == 0)
		rc = cancel_removed(st, cfg, now);
	for (size_t i = 0; i < fm.count; i++)
		json_decref(fm.feeds[i]);
	free(fm.names);
	free(fm.feeds);
	return rc;
}

/* Feed pages by collection, then page number. */
static int cmp_feed_page(const void *a, const void *b)
{
	const folio_output *x = *(const folio_output *const *)a, *y = *(const folio_output *const *)b;
	int c = strcmp(x->collection->name, y->collection->name);
	return c ? c : (x->number > y->number) - (x->number < y->number);
}

int folio_deliver_enqueue_outputs(folio_state *st, const folio_config *cfg,
                                  const char *commit_id, const folio_outputs *outs)
{
	folio_deliver_feed *feeds = folio_xcalloc(outs->count + 1, sizeof(*feeds));
	const folio_output **fo = folio_xcalloc(outs->count + 1, sizeof(*fo));
	size_t n = 0;
	for (size_t i = 0; i < outs->count; i++)
		if (outs->items[i].kind == FOLIO_UNIT_FEED && outs->items[i].collection &&
		    !outs->items[i].lang) /* partners get the site's language */
			fo[n++] = &outs->items[i];
	qsort(fo, n, sizeof(*fo), cmp_feed_page);
	for (size_t i = 0; i < n; i++) {
		feeds[i].collection = fo[i]->collection->name;
		feeds[i].data = fo[i]->data;
		feeds[i].len = fo[i]->len;
	}
	free(fo);
	int rc = folio_deliver_enqueue(st, cfg, commit_id, feeds, n);
	free(feeds);
	return rc;
}

static bool subscribed(const folio_config *cfg, const char *collection)
{
	for (size_t i = 0; i < cfg->npartners; i++)
		for (size_t k = 0; k < cfg->partners[i].ncollections; k++)
			if (!strcmp(cfg->partners[i].collections[k], collection))
				return true;
	return false;
}

/* never through a link planted in --out: a feed is sent out */
static int read_beneath(folio_buf *out, const char *rel, void *payload)
{
	return folio_beneath_read(out, payload, rel);
}

int folio_deliver_enqueue_from_dir(folio_state *st, const folio_config *cfg,
                                   const char *commit_id, const char *out_dir)
{
	return folio_deliver_enqueue_from(st, cfg, commit_id, out_dir, read_beneath, (void *)out_dir);
}

int folio_deliver_enqueue_from(folio_state *st, const folio_config *cfg, const char *commit_id,
                               const char *out_dir, folio_deliver_read_fn read, void *payload)
{
	folio_deliver_feed *feeds = NULL;
	folio_buf *bufs = NULL;
	size_t n = 0, alloc = 0, balloc = 0;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < cfg->ncollections; i++) {
		const folio_collection *c = &cfg->collections[i];
		if (!subscribed(cfg, c->name))
			continue;
		/* index.json, then feed/2.json, feed/3.json, ... while they exist */
		for (size_t page = 1; rc == 0; page++) {
			char *rel = folio_layout_feed_output(c, page);
			FOLIO_ARRAY_GROW(feeds, n, alloc, n + 1);
			FOLIO_ARRAY_GROW(bufs, n, balloc, n + 1);
			folio_buf_init(&bufs[n]);
			rc = read(&bufs[n], rel, payload);
			if (rc == FOLIO_ENOTFOUND && page > 1) {
				folio_buf_dispose(&bufs[n]);
				free(rel);
				rc = 0;
				break;
			}
			if (rc == FOLIO_ENOTFOUND)
				rc = folio_error_set("no feed '%s/%s' for the partners of collection '%s'",
				                     out_dir, rel, c->name);
			free(rel);
			feeds[n].collection = c->name;
			feeds[n].data = bufs[n].ptr;
			feeds[n].len = bufs[n].size;
			n++;
		}
	}
	if (rc == 0)
		rc = folio_deliver_enqueue(st, cfg, commit_id, feeds, n);
	for (size_t i = 0; i < n; i++)
		folio_buf_dispose(&bufs[i]);
	free(bufs);
	free(feeds);
	return rc;
}

/* ---- the worker ---- */

typedef struct {
	char *id, *partner, *url, *commit;
	char *payload;
	size_t len;
	long long part, parts; /* the part this request sends (1-based), of how many */
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
	free(j->id);
	free(j->partner);
	free(j->url);
	free(j->commit);
	free(j->payload);
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
	    folio_partner_allow_address(j->allow, j->url, &address->addr, address->addrlen) < 0) {
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
	if (folio_partner_allow_url(j->allow, j->url) < 0) {
		j->refused = true;
		return FOLIO_EINVALID;
	}
	folio_webhook_keys keys;
	folio_webhook_keys_init(&keys);
	int rc = folio_webhook_keys_for_partner(&keys, j->partner, opts->secrets_file);
	if (rc < 0) {
		folio_webhook_keys_dispose(&keys);
		return rc;
	}
	char ts[32];
	snprintf(ts, sizeof(ts), "%lld", now_seconds());
	/* each part is a message of its own, with an id the same on every retry */
	char *msg_id = j->parts > 1 ? folio_xasprintf("%s.%lld", j->id, j->part) : folio_xstrdup(j->id);
	char *sig = folio_webhook_sign(&keys, msg_id, strtoll(ts, NULL, 10), j->payload, j->len);
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
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_POST, 1L);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, j->payload);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->len);
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

/* The due deliveries, the newest pending one per enabled partner. */
static int due_jobs(folio_state *st, bool force, job ***out, size_t *nout)
{
	sqlite3_stmt *s = prep(st,
		"SELECT d.id, d.partner, p.url, d.commit_id, CASE WHEN d.parts > 1 THEN"
		" (SELECT payload FROM delivery_parts WHERE delivery_id = d.id AND part = d.parts_done + 1)"
		" ELSE d.payload END, d.parts, d.parts_done FROM deliveries d"
		" JOIN partners p ON p.name = d.partner"
		" WHERE d.status = 'pending' AND p.disabled_at IS NULL AND p.removed_at IS NULL"
		" AND p.failed_at IS NULL"
		" AND (? OR coalesce(d.next_attempt_at, 0) <= ?) AND d.payload IS NOT NULL"
		" ORDER BY d.seq DESC", "ii", (long long)force, now_seconds());
	if (!s)
		return FOLIO_ERROR;
	job **jobs = NULL;
	size_t n = 0, alloc = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *partner = (const char *)sqlite3_column_text(s, 1);
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = !strcmp(jobs[i]->partner, partner);
		if (seen || !sqlite3_column_text(s, 2))
			continue;
		job *j = folio_xcalloc(1, sizeof(*j));
		folio_buf_init(&j->body);
		j->id = column_dup(s, 0);
		j->partner = column_dup(s, 1);
		j->url = column_dup(s, 2);
		j->commit = column_dup(s, 3);
		j->len = (size_t)sqlite3_column_bytes(s, 4);
		j->payload = folio_xmalloc(j->len + 1);
		if (j->len)
			memcpy(j->payload, sqlite3_column_blob(s, 4), j->len);
		j->payload[j->len] = '\0';
		j->parts = sqlite3_column_int64(s, 5);
		j->part = sqlite3_column_int64(s, 6) + 1;
		FOLIO_ARRAY_GROW(jobs, n, alloc, n + 1);
		jobs[n++] = j;
	}
	sqlite3_finalize(s);
	*out = jobs;
	*nout = n;
	return step == SQLITE_DONE ? 0 : db_fail(st, "cannot list due deliveries");
}

static int record_attempt(folio_state *st, const job *j, long status, const char *error,
                          long long duration_ms, long long now)
{
	return EXEC(st, "cannot record an attempt",
	            "INSERT INTO attempts(delivery_id, at, http_status, error, duration_ms, partner)"
	            " VALUES(?, ?, nullif(?, 0), ?, ?, ?)", "tiitit",
	            j->id, now, (long long)status, error, duration_ms, j->partner);
}

/* 2xx for a part that is not the last: the next one is due at once. */
static int record_part(folio_state *st, job *j, long status)
{
	int rc = EXEC(st, "cannot record a part",
	              "UPDATE deliveries SET parts_done = ?, attempts = attempts + 1, last_status = ?,"
	              " last_error = NULL, next_attempt_at = ? WHERE id = ? AND status = 'pending'",
	              "iiit", j->part, (long long)status, now_seconds(), j->id);
	if (rc == 0)
		rc = EXEC(st, "cannot update a partner",
		          "UPDATE partners SET failures = 0, next_attempt_at = NULL WHERE name = ?",
		          "t", j->partner);
	j->more = rc == 0 && sqlite3_changes(folio_state_db(st)) > 0;
	return rc;
}

/* 2xx: delivered; when it was the partner's newest, its items become the acked state. */
static int record_success(folio_state *st, const job *j, long status, long long now)
{
	sqlite3_stmt *s = prep(st, "SELECT status FROM deliveries WHERE id = ?", "t", j->id);
	if (!s)
		return FOLIO_ERROR;
	bool newest = sqlite3_step(s) == SQLITE_ROW &&
	              !strcmp((const char *)sqlite3_column_text(s, 0), "pending");
	sqlite3_finalize(s);
	int rc = EXEC(st, "cannot mark a delivery delivered",
	              "UPDATE deliveries SET status = 'delivered', delivered_at = ?,"
	              " attempts = attempts + 1, last_status = ?, last_error = NULL WHERE id = ?",
	              "iit", now, (long long)status, j->id);
	if (rc == 0)
		rc = EXEC(st, "cannot update a partner",
		          "UPDATE partners SET failures = 0, next_attempt_at = NULL WHERE name = ?",
		          "t", j->partner);
	if (rc == 0 && newest)
		rc = EXEC(st, "cannot update a partner",
		          "UPDATE partners SET acked_commit = ?, acked_at = ? WHERE name = ?",
		          "tit", j->commit, now, j->partner);
	if (rc == 0 && newest)
		rc = EXEC(st, "cannot forget acknowledged items",
		          "DELETE FROM partner_items WHERE partner = ?", "t", j->partner);
	if (rc == 0 && newest)
		rc = EXEC(st, "cannot record acknowledged items",
		          "INSERT INTO partner_items(partner, collection, item_id, hash)"
		          " SELECT ?, collection, item_id, hash FROM delivery_items WHERE delivery_id = ?",
		          "tt", j->partner, j->id);
	if (rc == 0)
		rc = EXEC(st, "cannot drop a delivery's items",
		          "DELETE FROM delivery_items WHERE delivery_id = ?", "t", j->id);
	if (rc == 0)
		rc = EXEC(st, "cannot drop a delivery's parts",
		          "DELETE FROM delivery_parts WHERE delivery_id = ?", "t", j->id);
	if (rc == 0)
		folio_log(FOLIO_LOG_INFO, "deliver", "delivered %s (commit %.12s) to partner '%s': "
		          "HTTP %ld", j->id, j->commit, j->partner, status);
	return rc;
}

static int record_gone(folio_state *st, const job *j, long long now, const char *error)
{
	char *reason = folio_xasprintf("%s answered 410 Gone", j->url);
	int rc = EXEC(st, "cannot disable a partner",
	              "UPDATE partners SET disabled_at = ?, disabled_reason = ? WHERE name = ?",
	              "itt", now, reason, j->partner);
	if (rc == 0)
		rc = EXEC(st, "cannot update a delivery",
		          "UPDATE deliveries SET attempts = attempts + 1, last_status = 410,"
		          " last_error = ? WHERE id = ?", "tt", error, j->id);
	if (rc == 0)
		folio_log(FOLIO_LOG_WARN, "deliver", "partner '%s' disabled: %s; deliveries resume after "
		          "'folio deliveries enable %s'", j->partner, reason, j->partner);
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

/* Stop partner j->partner after a permanent failure of j (status 0: no answer). */
static int record_stopped(folio_state *st, const job *j, long status, const char *error,
                          long long now)
{
	int rc = EXEC(st, "cannot stop a partner",
	              "UPDATE partners SET failed_at = ?, failed_status = nullif(?, 0), failed_reason = ?,"
	              " failures = failures + 1, next_attempt_at = NULL WHERE name = ?",
	              "iitt", now, (long long)status, error, j->partner);
	if (rc == 0)
		rc = EXEC(st, "cannot update a delivery",
		          "UPDATE deliveries SET attempts = attempts + 1, last_status = nullif(?, 0),"
		          " last_error = ?, next_attempt_at = NULL WHERE id = ?",
		          "itt", (long long)status, error, j->id);
	if (rc == 0)
		folio_log(FOLIO_LOG_ERROR, "deliver", "delivery %s to partner '%s' failed for good (%s); "
		          "not retried: fix the cause, then 'folio deliveries retry %s'", j->id, j->partner,
		          error, j->id);
	return rc;
}

static int record_failure(folio_state *st, const job *j, long status, const char *error,
                          long long now)
{
	sqlite3_stmt *s = prep(st, "SELECT failures FROM partners WHERE name = ?", "t", j->partner);
	if (!s)
		return FOLIO_ERROR;
	unsigned failures = (sqlite3_step(s) == SQLITE_ROW ? (unsigned)sqlite3_column_int(s, 0) : 0) + 1;
	sqlite3_finalize(s);
	long long delay = -1;
	if (status == 429 || status == 502 || status == 503 || status == 504)
		delay = parse_retry_after(j->retry_after, now);
	if (delay < 0)
		delay = folio_deliver_backoff(failures, random01());
	long long next = now + delay;
	int rc = EXEC(st, "cannot update a partner",
	              "UPDATE partners SET failures = ?, next_attempt_at = ? WHERE name = ?",
	              "iit", (long long)failures, next, j->partner);
	if (rc == 0)
		rc = EXEC(st, "cannot update a delivery",
		          "UPDATE deliveries SET attempts = attempts + 1, last_status = nullif(?, 0),"
		          " last_error = ?, next_attempt_at = ? WHERE id = ?",
		          "itit", (long long)status, error, next, j->id);
	if (rc == 0)
		folio_log(FOLIO_LOG_WARN, "deliver", "delivery %s to partner '%s' failed (%s); "
		          "failure %u, next attempt in %llds", j->id, j->partner, error, failures, delay);
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
	long long duration = j->started_ms ? monotonic_ms() - j->started_ms : 0;
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
	int rc = folio_state_begin(st);
	if (rc < 0)
		goto done;
	rc = record_attempt(st, j, status, err.size ? err.ptr : NULL, duration, now);
	bool ok = !setup_error && code == CURLE_OK && status >= 200 && status <= 299;
	bool last = j->part >= j->parts;
	if (rc == 0 && ok && !last)
		rc = record_part(st, j, status);
	else if (rc == 0 && ok)
		rc = record_success(st, j, status, now);
	else if (rc == 0 && status == 410)
		rc = record_gone(st, j, now, err.ptr);
	else if (rc == 0 && (j->refused || permanent_status(status)))
		rc = record_stopped(st, j, j->refused ? 0 : status, err.ptr, now);
	else if (rc == 0)
		rc = record_failure(st, j, status, err.ptr, now);
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
			jobs[i]->started_ms = monotonic_ms();
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

/* ---- status and operator actions ---- */

int folio_deliver_next_due(folio_state *st, long long *seconds)
{
	sqlite3_stmt *s = prep(st,
		"SELECT min(coalesce(d.next_attempt_at, 0)) FROM deliveries d"
		" JOIN partners p ON p.name = d.partner WHERE d.status = 'pending'"
		" AND p.disabled_at IS NULL AND p.removed_at IS NULL AND p.failed_at IS NULL", NULL);
	*seconds = -1;
	if (!s)
		return FOLIO_ERROR;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		long long wait = sqlite3_column_int64(s, 0) - now_seconds();
		*seconds = wait > 0 ? wait : 0;
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? 0 : db_fail(st, "cannot read the outbox");
}

int folio_deliver_retry(folio_state *st, const char *id)
{
	long long now = now_seconds();
	sqlite3 *db = folio_state_db(st);
	if (EXEC(st, "cannot reschedule", "UPDATE deliveries SET next_attempt_at = ?"
	         " WHERE status = 'pending' AND (? IS NULL OR id = ?)", "itt", now, id, id) < 0)
		return FOLIO_ERROR;
	if (id && sqlite3_changes(db) == 0) {
		folio_error_set("no pending delivery '%s'; see 'folio deliveries list'", id);
		return FOLIO_ENOTFOUND;
	}
	return EXEC(st, "cannot reset a partner's backoff",
	            "UPDATE partners SET failures = 0, next_attempt_at = NULL, failed_at = NULL,"
	            " failed_status = NULL, failed_reason = NULL WHERE name IN"
	            " (SELECT partner FROM deliveries WHERE status = 'pending' AND (? IS NULL OR id = ?))",
	            "tt", id, id);
}

int folio_deliver_enable(folio_state *st, const char *partner)
{
	if (EXEC(st, "cannot enable a partner",
	         "UPDATE partners SET disabled_at = NULL, disabled_reason = NULL, failures = 0,"
	         " next_attempt_at = NULL, failed_at = NULL, failed_status = NULL, failed_reason = NULL"
	         " WHERE name = ?", "t", partner) < 0)
		return FOLIO_ERROR;
	if (sqlite3_changes(folio_state_db(st)) == 0) {
		folio_error_set("no partner '%s' in the state; see 'folio deliveries list'", partner);
		return FOLIO_ENOTFOUND;
	}
	folio_log(FOLIO_LOG_INFO, "deliver", "partner '%s' enabled", partner);
	return EXEC(st, "cannot reschedule", "UPDATE deliveries SET next_attempt_at = ?"
	            " WHERE partner = ? AND status = 'pending'", "it", now_seconds(), partner);
}

/* A row as a JSON object keyed by column names; a "payload" blob is parsed. */
static json_t *row_json(sqlite3_stmt *s)
{
	json_t *o = json_object();
	for (int i = 0; i < sqlite3_column_count(s); i++) {
		const char *name = sqlite3_column_name(s, i);
		json_t *v;
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_INTEGER:
			v = json_integer(sqlite3_column_int64(s, i));
			break;
		case SQLITE_NULL:
			v = json_null();
			break;
		case SQLITE_BLOB:
			v = json_loadb(sqlite3_column_blob(s, i), (size_t)sqlite3_column_bytes(s, i), 0, NULL);
			break;
		default:
			v = json_stringn((const char *)sqlite3_column_text(s, i),
			                 (size_t)sqlite3_column_bytes(s, i));
			break;
		}
		json_object_set_new(o, name, v ? v : json_null());
	}
	return o;
}

/* Every row of s as an array; decorate, when given, adds to each object. */
static int rows_json(folio_state *st, sqlite3_stmt *s, json_t **out, void (*decorate)(json_t *))
{
	*out = NULL;
	if (!s)
		return FOLIO_ERROR;
	json_t *a = json_array();
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *o = row_json(s);
		if (decorate)
			decorate(o);
		json_array_append_new(a, o);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		json_decref(a);
		return db_fail(st, "cannot read the outbox");
	}
	*out = a;
	return 0;
}

static void partner_status(json_t *o)
{
	const char *status = "ok";
	if (!json_is_null(json_object_get(o, "removed_at")))
		status = "removed";
	else if (!json_is_null(json_object_get(o, "disabled_at")))
		status = "disabled";
	else if (!json_is_null(json_object_get(o, "failed_at")))
		status = "failed";
	else if (json_integer_value(json_object_get(o, "failures")) > 0)
		status = "failing";
	json_object_set_new(o, "status", json_string(status));
}

int folio_deliver_list(folio_state *st, size_t limit, json_t **out)
{
	json_t *partners = NULL, *deliveries = NULL;
	*out = NULL;
	int rc = rows_json(st, prep(st,
		"SELECT name, url, disabled_at, disabled_reason, removed_at, acked_commit, acked_at,"
		" failures, next_attempt_at, failed_at, failed_status, failed_reason, (SELECT count(*) FROM deliveries d WHERE d.partner = name"
		" AND d.status = 'pending') AS pending FROM partners ORDER BY name", NULL),
		&partners, partner_status);
	if (rc == 0)
		rc = rows_json(st, prep(st,
			"SELECT id, partner, commit_id, base_commit, created_at, status, attempts,"
			" next_attempt_at, last_status, last_error, delivered_at FROM deliveries"
			" ORDER BY seq DESC LIMIT ?", "i", (long long)limit), &deliveries, NULL);
	if (rc < 0) {
		json_decref(partners);
		return rc;
	}
	*out = json_object();
	json_object_set_new(*out, "partners", partners);
	json_object_set_new(*out, "deliveries", deliveries);
	return 0;
}

int folio_deliver_show(folio_state *st, const char *id, json_t **out)
{
	json_t *rows = NULL, *attempts = NULL;
	*out = NULL;
	int rc = rows_json(st, prep(st,
		"SELECT id, partner, commit_id, base_commit, created_at, status, attempts,"
		" next_attempt_at, last_status, last_error, delivered_at, payload FROM deliveries"
		" WHERE id = ?", "t", id), &rows, NULL);
	if (rc == 0)
		rc = rows_json(st, prep(st,
			"SELECT at, http_status, error, duration_ms FROM attempts WHERE delivery_id = ?"
			" ORDER BY at, rowid", "t", id), &attempts, NULL);
	if (rc == 0 && json_array_size(rows) == 0) {
		folio_error_set("no delivery '%s'; see 'folio deliveries list'", id);
		rc = FOLIO_ENOTFOUND;
	}
	if (rc == 0) {
		*out = json_incref(json_array_get(rows, 0));
		json_object_set_new(*out, "attempt_log", attempts);
		attempts = NULL;
	}
	json_decref(rows);
	json_decref(attempts);
	return rc;
}
