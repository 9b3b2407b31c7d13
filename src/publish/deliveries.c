/*
 * Planning the partner deliveries of a publish, inside the transaction
 * that records it: each partner's payload (its subscribed feeds, given in
 * memory by the publisher), its changes against what it acknowledged, the
 * parts of a payload over the bound; the rows go in the outbox
 * (state_outbox.c). It sits in publish/, below deliver/: the writer runs it
 * in its transaction, and deliver/ sends what it enqueued.
 *
 * Invariants:
 * - A partner has at most one pending delivery: enqueueing supersedes the
 *   older one (its payload and items are dropped), and the newer one
 *   carries the changes since the partner's last acknowledged state, so
 *   nothing a partner missed is lost.
 * - partner_items is exactly the (collection, item id, hash) set of the
 *   last delivery the partner acknowledged while it was its newest; a late
 *   2xx for a superseded delivery changes nothing there, which only makes
 *   the next changes larger, never smaller (deliver/send.c).
 * - A new delivery is due when its partner's backoff ends, so a burst of
 *   publishes to a dead partner does not make a burst of requests.
 */
#include "folio/deliver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include "publish/state_outbox.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/beneath.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* A fresh webhook-id: "msg_" and 128 random bits in hex. */
static char *new_message_id(void)
{
	unsigned char raw[16];
	char hex[sizeof(raw) * 2 + 1];
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		FOLIO_BUG("OpenSSL has no random bytes");
	folio_hex_encode(hex, raw, sizeof(raw));
	return folio_xasprintf("msg_%s", hex);
}

/* ---- enqueue: items and changes ---- */

/* Keep the first of items with one (collection, id): a feed repeating an id
 * must not count it twice. set is sorted. */
static void items_unique(folio_outbox_items *set)
{
	size_t w = 0;
	for (size_t r = 0; r < set->count; r++) {
		if (w && !folio_outbox_item_cmp(&set->items[w - 1], &set->items[r])) {
			free(set->items[r].collection);
			free(set->items[r].id);
			continue;
		}
		set->items[w++] = set->items[r];
	}
	set->count = w;
}

/* Strip what a summaries-only partner does not get, then record each item. */
static void prepare_feed(json_t *feed, const char *collection, bool summaries, folio_outbox_items *items)
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
		folio_outbox_items_add(items, collection, id, hash);
	}
}

/* added, updated, removed: ids of now against acked (both sorted). */
static json_t *diff_items(const folio_outbox_items *acked, const folio_outbox_items *now)
{
	json_t *added = json_array(), *updated = json_array(), *removed = json_array();
	size_t a = 0, n = 0;
	while (a < acked->count || n < now->count) {
		int c = a == acked->count ? 1 : n == now->count ? -1
		        : folio_outbox_item_cmp(&acked->items[a], &now->items[n]);
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
                               const feed_map *fm, folio_outbox_items *items)
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
		qsort(items->items, items->count, sizeof(*items->items), folio_outbox_item_cmp);
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

/* Queue the delivery id of p: payload (its first part when parts) and items. */
static int insert_delivery(folio_state *st, const char *id, const folio_partner *p,
                           const char *commit_id, const char *acked_commit, long long next_attempt_at,
                           long long now, const char *payload, const folio_outbox_items *items)
{
	folio_outbox_delivery d = {
		.id = id, .partner = p->name, .commit = commit_id, .base_commit = acked_commit,
		.created_at = now, .due = next_attempt_at > now ? next_attempt_at : now,
		.payload = payload, .items = items,
	};
	return folio_outbox_insert(st, &d);
}

static int enqueue_partner(folio_state *st, const folio_config *cfg, const folio_partner *p,
                           const char *commit_id, const feed_map *fm, long long now)
{
	char *acked_commit = NULL;
	long long next_attempt_at = 0;
	folio_outbox_items acked = { 0 }, current = { 0 };
	json_t *cols = NULL, *payload = NULL;
	char *id = NULL, *text = NULL;
	int rc;

	if ((rc = folio_outbox_partner_upsert(st, p->name, p->url, &acked_commit, &next_attempt_at)) < 0 ||
	    (rc = folio_outbox_acked_items(st, p->name, &acked)) < 0 ||
	    (rc = partner_collections(&cols, cfg, p, fm, &current)) < 0)
		goto done;
	json_t *changes = diff_items(&acked, &current);
	payload = json_object();
	json_object_set_new(payload, "type", json_string("folio.publish"));
	json_object_set_new(payload, "site", site_json(cfg));
	json_object_set_new(payload, "partner", json_string(p->name));
	json_object_set_new(payload, "commit", json_string(commit_id));
	json_object_set_new(payload, "since", acked_commit ? json_string(acked_commit) : json_null());
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
	if ((rc = max_payload(st, &max)) < 0 || (rc = folio_outbox_close_pending(st, p->name, "superseded")) < 0)
		goto done;
	if (strlen(text) > max && split_payload(&parts, payload, id, max) < 0) {
		char *why = folio_xstrdup(folio_error_last());
		folio_log(FOLIO_LOG_ERROR, "deliver", "delivery %s to partner '%s' cannot be sent: %s", id,
		          p->name, why);
		rc = insert_delivery(st, id, p, commit_id, acked_commit, next_attempt_at, now, text, &current);
		if (rc == 0)
			rc = folio_outbox_stop_unsendable(st, id, p->name, now, why);
		free(why);
		goto done;
	}
	/* a delivery that fits again ends a stop that an item over the bound caused */
	if ((rc = folio_outbox_clear_unsendable(st, p->name)) < 0)
		goto done;
	rc = insert_delivery(st, id, p, commit_id, acked_commit, next_attempt_at, now,
	                     parts.count ? parts.texts[0] : text, &current);
	if (rc == 0 && parts.count)
		rc = folio_outbox_insert_parts(st, id, parts.texts, parts.count);
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
	free(acked_commit);
	folio_outbox_items_dispose(&acked);
	folio_outbox_items_dispose(&current);
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
	char **known = NULL;
	size_t n = 0;
	int rc = folio_outbox_live_partners(st, &known, &n);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && !partner_configured(cfg, known[i])) {
			rc = folio_outbox_partner_remove(st, known[i], now);
			if (rc == 0)
				folio_log(FOLIO_LOG_INFO, "deliver", "partner '%s' is no longer in folio.yaml; "
				          "its pending deliveries are cancelled", known[i]);
		}
		free(known[i]);
	}
	free(known);
	return rc;
}

int folio_deliver_enqueue(folio_state *st, const folio_config *cfg, const char *commit_id,
                          const folio_deliver_feed *feeds, size_t nfeeds)
{
	feed_map fm = { folio_xcalloc(nfeeds + 1, sizeof(char *)),
	                folio_xcalloc(nfeeds + 1, sizeof(json_t *)), 0 };
	long long now = (long long)time(NULL);
	int rc = 0;
	FOLIO_ASSERT(folio_state_in_transaction(st));
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

bool folio_deliver_subscribed(const folio_config *cfg, const char *collection)
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
		if (!folio_deliver_subscribed(cfg, c->name))
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
