/*
 * The outbox's SQL, the state's: every statement on the outbox's tables
 * (schema and migrations in state.c), all through the state's binder
 * (folio_state_prepare). Invariants of the rows are in deliveries.c (what
 * a delivery carries) and deliver/send.c (what an answer changes); this
 * file only keeps them.
 */
#include "publish/state_outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/state_db.h"
#include "util/alloc.h"
#include "util/banned.h"

#define RUN FOLIO_STATE_RUN

/* ---- items ---- */

void folio_outbox_items_add(folio_outbox_items *set, const char *collection, const char *id,
                            const char *hash)
{
	FOLIO_ARRAY_GROW(set->items, set->count, set->alloc, set->count + 1);
	folio_outbox_item *r = &set->items[set->count++];
	r->collection = folio_xstrdup(collection);
	r->id = folio_xstrdup(id);
	snprintf(r->hash, sizeof(r->hash), "%s", hash);
}

void folio_outbox_items_dispose(folio_outbox_items *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->items[i].collection);
		free(set->items[i].id);
	}
	free(set->items);
	set->items = NULL;
	set->count = set->alloc = 0;
}

int folio_outbox_item_cmp(const void *a, const void *b)
{
	const folio_outbox_item *x = a, *y = b;
	int c = strcmp(x->collection, y->collection);
	return c ? c : strcmp(x->id, y->id);
}

int folio_outbox_acked_items(folio_state *st, const char *partner, folio_outbox_items *out)
{
	sqlite3_stmt *s = folio_state_prepare(st, "SELECT collection, item_id, hash FROM partner_items"
	                                          " WHERE partner = ?", "t", partner);
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		folio_outbox_items_add(out, (const char *)sqlite3_column_text(s, 0),
		                       (const char *)sqlite3_column_text(s, 1),
		                       (const char *)sqlite3_column_text(s, 2));
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return folio_state_fail(st, "cannot read a partner's acknowledged items");
	if (out->count > 1)
		qsort(out->items, out->count, sizeof(*out->items), folio_outbox_item_cmp);
	return 0;
}

/* ---- planning ---- */

int folio_outbox_partner_upsert(folio_state *st, const char *name, const char *url,
                                char **acked_commit, long long *next_attempt_at)
{
	*acked_commit = NULL;
	*next_attempt_at = 0;
	if (RUN(st, "cannot record a partner",
	        "INSERT INTO partners(name, url) VALUES(?, ?) ON CONFLICT(name) DO UPDATE"
	        " SET url = excluded.url, removed_at = NULL,"
	        /* a new URL is a new chance: a permanent failure was about the old one */
	        " failed_at = CASE WHEN url IS excluded.url THEN failed_at END,"
	        " failed_status = CASE WHEN url IS excluded.url THEN failed_status END,"
	        " failed_reason = CASE WHEN url IS excluded.url THEN failed_reason END",
	        "tt", name, url) < 0)
		return FOLIO_ERROR;
	sqlite3_stmt *s = folio_state_prepare(st, "SELECT acked_commit, coalesce(next_attempt_at, 0)"
	                                          " FROM partners WHERE name = ?", "t", name);
	if (!s)
		return FOLIO_ERROR;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*acked_commit = folio_state_column_dup(s, 0);
		*next_attempt_at = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? 0 : folio_state_fail(st, "cannot read a partner");
}

int folio_outbox_close_pending(folio_state *st, const char *partner, const char *status)
{
	if (RUN(st, "cannot drop a superseded delivery's parts",
	        "DELETE FROM delivery_parts WHERE delivery_id IN"
	        " (SELECT id FROM deliveries WHERE partner = ? AND status = 'pending')",
	        "t", partner) < 0)
		return FOLIO_ERROR;
	if (RUN(st, "cannot drop a superseded delivery's items",
	        "DELETE FROM delivery_items WHERE delivery_id IN"
	        " (SELECT id FROM deliveries WHERE partner = ? AND status = 'pending')",
	        "t", partner) < 0)
		return FOLIO_ERROR;
	return RUN(st, "cannot supersede a delivery",
	           "UPDATE deliveries SET status = ?, payload = NULL"
	           " WHERE partner = ? AND status = 'pending'", "tt", status, partner);
}

int folio_outbox_insert(folio_state *st, const folio_outbox_delivery *d)
{
	if (RUN(st, "cannot queue a delivery",
	        "INSERT INTO deliveries(id, partner, commit_id, base_commit, created_at, status,"
	        " next_attempt_at, payload, seq) VALUES(?, ?, ?, ?, ?, 'pending', ?, ?,"
	        " (SELECT coalesce(max(seq), 0) + 1 FROM deliveries))",
	        "ttttiib", d->id, d->partner, d->commit, d->base_commit, d->created_at, d->due,
	        d->payload, strlen(d->payload)) < 0)
		return FOLIO_ERROR;
	sqlite3_stmt *s = folio_state_prepare(st, "INSERT OR REPLACE INTO delivery_items(delivery_id,"
	                                          " collection, item_id, hash) VALUES(?, ?, ?, ?)", NULL);
	if (!s)
		return FOLIO_ERROR;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < d->items->count; i++) {
		const folio_outbox_item *it = &d->items->items[i];
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, d->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, it->collection, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, it->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, it->hash, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = folio_state_fail(st, "cannot record a delivery's items");
	}
	sqlite3_finalize(s);
	return rc;
}

int folio_outbox_insert_parts(folio_state *st, const char *id, char *const *texts, size_t count)
{
	int rc = RUN(st, "cannot record a delivery's parts",
	             "UPDATE deliveries SET parts = ?, parts_done = 0 WHERE id = ?", "it",
	             (long long)count, id);
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = RUN(st, "cannot record a delivery's part",
		         "INSERT INTO delivery_parts(delivery_id, part, payload) VALUES(?, ?, ?)", "tib",
		         id, (long long)i + 1, texts[i], strlen(texts[i]));
	return rc;
}

int folio_outbox_stop_unsendable(folio_state *st, const char *id, const char *partner,
                                 long long now, const char *why)
{
	/* kept without a payload, so it is visible and superseded by the next publish */
	if (RUN(st, "cannot drop a payload", "UPDATE deliveries SET payload = NULL,"
	        " last_error = ? WHERE id = ?", "tt", why, id) < 0)
		return FOLIO_ERROR;
	return RUN(st, "cannot stop a partner",
	           "UPDATE partners SET failed_at = ?, failed_status = NULL, failed_reason = ?"
	           " WHERE name = ?", "itt", now, why, partner);
}

int folio_outbox_clear_unsendable(folio_state *st, const char *partner)
{
	/* the stop folio_outbox_stop_unsendable() made, known by its reason's start */
	return RUN(st, "cannot update a partner",
	           "UPDATE partners SET failed_at = NULL, failed_reason = NULL WHERE name = ?"
	           " AND failed_status IS NULL AND failed_reason LIKE 'delivery item %'",
	           "t", partner);
}

int folio_outbox_live_partners(folio_state *st, char ***names, size_t *n)
{
	sqlite3_stmt *s = folio_state_prepare(st, "SELECT name FROM partners WHERE removed_at IS NULL"
	                                          " ORDER BY name", NULL);
	char **v = NULL;
	size_t count = 0, alloc = 0;
	*names = NULL;
	*n = 0;
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		FOLIO_ARRAY_GROW(v, count, alloc, count + 1);
		v[count++] = folio_state_column_dup(s, 0);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		for (size_t i = 0; i < count; i++)
			free(v[i]);
		free(v);
		return folio_state_fail(st, "cannot list partners");
	}
	*names = v;
	*n = count;
	return 0;
}

int folio_outbox_partner_remove(folio_state *st, const char *partner, long long now)
{
	if (folio_outbox_close_pending(st, partner, "cancelled") < 0)
		return FOLIO_ERROR;
	return RUN(st, "cannot mark a partner removed",
	           "UPDATE partners SET removed_at = ? WHERE name = ?", "it", now, partner);
}

/* ---- sending ---- */

void folio_outbox_due_dispose(folio_outbox_due *d)
{
	free(d->id);
	free(d->partner);
	free(d->url);
	free(d->commit);
	free(d->payload);
	memset(d, 0, sizeof(*d));
}

int folio_outbox_due_list(folio_state *st, bool force, long long now, folio_outbox_due **out,
                          size_t *nout)
{
	sqlite3_stmt *s = folio_state_prepare(st,
		"SELECT d.id, d.partner, p.url, d.commit_id, CASE WHEN d.parts > 1 THEN"
		" (SELECT payload FROM delivery_parts WHERE delivery_id = d.id AND part = d.parts_done + 1)"
		" ELSE d.payload END, d.parts, d.parts_done FROM deliveries d"
		" JOIN partners p ON p.name = d.partner"
		" WHERE d.status = 'pending' AND p.disabled_at IS NULL AND p.removed_at IS NULL"
		" AND p.failed_at IS NULL"
		" AND (? OR coalesce(d.next_attempt_at, 0) <= ?) AND d.payload IS NOT NULL"
		" ORDER BY d.seq DESC", "ii", (long long)force, now);
	folio_outbox_due *v = NULL;
	size_t n = 0, alloc = 0;
	*out = NULL;
	*nout = 0;
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *partner = (const char *)sqlite3_column_text(s, 1);
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = !strcmp(v[i].partner, partner);
		if (seen || !sqlite3_column_text(s, 2))
			continue;
		FOLIO_ARRAY_GROW(v, n, alloc, n + 1);
		folio_outbox_due *d = &v[n++];
		d->id = folio_state_column_dup(s, 0);
		d->partner = folio_state_column_dup(s, 1);
		d->url = folio_state_column_dup(s, 2);
		d->commit = folio_state_column_dup(s, 3);
		d->len = (size_t)sqlite3_column_bytes(s, 4);
		d->payload = folio_xmalloc(d->len + 1);
		if (d->len)
			memcpy(d->payload, sqlite3_column_blob(s, 4), d->len);
		d->payload[d->len] = '\0';
		d->parts = sqlite3_column_int64(s, 5);
		d->part = sqlite3_column_int64(s, 6) + 1;
	}
	sqlite3_finalize(s);
	*out = v;
	*nout = n;
	return step == SQLITE_DONE ? 0 : folio_state_fail(st, "cannot list due deliveries");
}

int folio_outbox_record_attempt(folio_state *st, const folio_outbox_attempt *a)
{
	return RUN(st, "cannot record an attempt",
	           "INSERT INTO attempts(delivery_id, at, http_status, error, duration_ms, partner)"
	           " VALUES(?, ?, nullif(?, 0), ?, ?, ?)", "tiitit",
	           a->d->id, a->now, (long long)a->status, a->error, a->duration_ms, a->d->partner);
}

/* The partner's backoff ends: it answered. */
static int partner_answered(folio_state *st, const char *partner)
{
	return RUN(st, "cannot update a partner",
	           "UPDATE partners SET failures = 0, next_attempt_at = NULL WHERE name = ?",
	           "t", partner);
}

int folio_outbox_record_part(folio_state *st, const folio_outbox_attempt *a, bool *more)
{
	*more = false;
	int rc = RUN(st, "cannot record a part",
	             "UPDATE deliveries SET parts_done = ?, attempts = attempts + 1, last_status = ?,"
	             " last_error = NULL, next_attempt_at = ? WHERE id = ? AND status = 'pending'",
	             "iiit", a->d->part, (long long)a->status, a->now, a->d->id);
	*more = rc == 0 && folio_state_changes(st) > 0;
	return rc < 0 ? rc : partner_answered(st, a->d->partner);
}

int folio_outbox_record_delivered(folio_state *st, const folio_outbox_attempt *a)
{
	const char *id = a->d->id, *partner = a->d->partner;
	sqlite3_stmt *s = folio_state_prepare(st, "SELECT status FROM deliveries WHERE id = ?", "t", id);
	if (!s)
		return FOLIO_ERROR;
	bool newest = sqlite3_step(s) == SQLITE_ROW &&
	              !strcmp((const char *)sqlite3_column_text(s, 0), "pending");
	sqlite3_finalize(s);
	int rc = RUN(st, "cannot mark a delivery delivered",
	             "UPDATE deliveries SET status = 'delivered', delivered_at = ?,"
	             " attempts = attempts + 1, last_status = ?, last_error = NULL WHERE id = ?",
	             "iit", a->now, (long long)a->status, id);
	if (rc == 0)
		rc = partner_answered(st, partner);
	if (rc == 0 && newest)
		rc = RUN(st, "cannot update a partner",
		         "UPDATE partners SET acked_commit = ?, acked_at = ? WHERE name = ?",
		         "tit", a->d->commit, a->now, partner);
	if (rc == 0 && newest)
		rc = RUN(st, "cannot forget acknowledged items",
		         "DELETE FROM partner_items WHERE partner = ?", "t", partner);
	if (rc == 0 && newest)
		rc = RUN(st, "cannot record acknowledged items",
		         "INSERT INTO partner_items(partner, collection, item_id, hash)"
		         " SELECT ?, collection, item_id, hash FROM delivery_items WHERE delivery_id = ?",
		         "tt", partner, id);
	if (rc == 0)
		rc = RUN(st, "cannot drop a delivery's items",
		         "DELETE FROM delivery_items WHERE delivery_id = ?", "t", id);
	if (rc == 0)
		rc = RUN(st, "cannot drop a delivery's parts",
		         "DELETE FROM delivery_parts WHERE delivery_id = ?", "t", id);
	return rc;
}

int folio_outbox_record_gone(folio_state *st, const folio_outbox_attempt *a, const char *reason)
{
	int rc = RUN(st, "cannot disable a partner",
	             "UPDATE partners SET disabled_at = ?, disabled_reason = ? WHERE name = ?",
	             "itt", a->now, reason, a->d->partner);
	if (rc == 0)
		rc = RUN(st, "cannot update a delivery",
		         "UPDATE deliveries SET attempts = attempts + 1, last_status = 410,"
		         " last_error = ? WHERE id = ?", "tt", a->error, a->d->id);
	return rc;
}

int folio_outbox_record_stopped(folio_state *st, const folio_outbox_attempt *a)
{
	int rc = RUN(st, "cannot stop a partner",
	             "UPDATE partners SET failed_at = ?, failed_status = nullif(?, 0), failed_reason = ?,"
	             " failures = failures + 1, next_attempt_at = NULL WHERE name = ?",
	             "iitt", a->now, (long long)a->status, a->error, a->d->partner);
	if (rc == 0)
		rc = RUN(st, "cannot update a delivery",
		         "UPDATE deliveries SET attempts = attempts + 1, last_status = nullif(?, 0),"
		         " last_error = ?, next_attempt_at = NULL WHERE id = ?",
		         "itt", (long long)a->status, a->error, a->d->id);
	return rc;
}

int folio_outbox_partner_failures(folio_state *st, const char *partner, unsigned *failures)
{
	sqlite3_stmt *s = folio_state_prepare(st, "SELECT failures FROM partners WHERE name = ?", "t",
	                                      partner);
	*failures = 0;
	if (!s)
		return FOLIO_ERROR;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*failures = (unsigned)sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : folio_state_fail(st, "cannot read a partner");
}

int folio_outbox_record_failure(folio_state *st, const folio_outbox_attempt *a,
                                unsigned failures, long long next)
{
	int rc = RUN(st, "cannot update a partner",
	             "UPDATE partners SET failures = ?, next_attempt_at = ? WHERE name = ?",
	             "iit", (long long)failures, next, a->d->partner);
	if (rc == 0)
		rc = RUN(st, "cannot update a delivery",
		         "UPDATE deliveries SET attempts = attempts + 1, last_status = nullif(?, 0),"
		         " last_error = ?, next_attempt_at = ? WHERE id = ?",
		         "itit", (long long)a->status, a->error, next, a->d->id);
	return rc;
}

/* ---- status and operator actions ---- */

int folio_outbox_next_due_at(folio_state *st, long long *at)
{
	sqlite3_stmt *s = folio_state_prepare(st,
		"SELECT min(coalesce(d.next_attempt_at, 0)) FROM deliveries d"
		" JOIN partners p ON p.name = d.partner WHERE d.status = 'pending'"
		" AND p.disabled_at IS NULL AND p.removed_at IS NULL AND p.failed_at IS NULL", NULL);
	*at = -1;
	if (!s)
		return FOLIO_ERROR;
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		*at = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return step == SQLITE_ROW ? 0 : folio_state_fail(st, "cannot read the outbox");
}

int folio_outbox_retry(folio_state *st, const char *id, long long now)
{
	if (RUN(st, "cannot reschedule", "UPDATE deliveries SET next_attempt_at = ?"
	        " WHERE status = 'pending' AND (? IS NULL OR id = ?)", "itt", now, id, id) < 0)
		return FOLIO_ERROR;
	if (id && folio_state_changes(st) == 0) {
		folio_error_set("no pending delivery '%s'; see 'folio deliveries list'", id);
		return FOLIO_ENOTFOUND;
	}
	return RUN(st, "cannot reset a partner's backoff",
	           "UPDATE partners SET failures = 0, next_attempt_at = NULL, failed_at = NULL,"
	           " failed_status = NULL, failed_reason = NULL WHERE name IN"
	           " (SELECT partner FROM deliveries WHERE status = 'pending' AND (? IS NULL OR id = ?))",
	           "tt", id, id);
}

int folio_outbox_enable(folio_state *st, const char *partner, long long now)
{
	if (RUN(st, "cannot enable a partner",
	        "UPDATE partners SET disabled_at = NULL, disabled_reason = NULL, failures = 0,"
	        " next_attempt_at = NULL, failed_at = NULL, failed_status = NULL, failed_reason = NULL"
	        " WHERE name = ?", "t", partner) < 0)
		return FOLIO_ERROR;
	if (folio_state_changes(st) == 0) {
		folio_error_set("no partner '%s' in the state; see 'folio deliveries list'", partner);
		return FOLIO_ENOTFOUND;
	}
	return RUN(st, "cannot reschedule", "UPDATE deliveries SET next_attempt_at = ?"
	           " WHERE partner = ? AND status = 'pending'", "it", now, partner);
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

/* Every row of s as an array of objects. */
static int rows_json(folio_state *st, sqlite3_stmt *s, json_t **out)
{
	*out = NULL;
	if (!s)
		return FOLIO_ERROR;
	json_t *a = json_array();
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(a, row_json(s));
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		json_decref(a);
		return folio_state_fail(st, "cannot read the outbox");
	}
	*out = a;
	return 0;
}

int folio_outbox_partners_json(folio_state *st, json_t **out)
{
	return rows_json(st, folio_state_prepare(st,
		"SELECT name, url, disabled_at, disabled_reason, removed_at, acked_commit, acked_at,"
		" failures, next_attempt_at, failed_at, failed_status, failed_reason,"
		" (SELECT count(*) FROM deliveries d WHERE d.partner = name"
		" AND d.status = 'pending') AS pending FROM partners ORDER BY name", NULL), out);
}

int folio_outbox_deliveries_json(folio_state *st, size_t limit, json_t **out)
{
	return rows_json(st, folio_state_prepare(st,
		"SELECT id, partner, commit_id, base_commit, created_at, status, attempts,"
		" next_attempt_at, last_status, last_error, delivered_at FROM deliveries"
		" ORDER BY seq DESC LIMIT ?", "i", (long long)limit), out);
}

int folio_outbox_delivery_json(folio_state *st, const char *id, json_t **out, json_t **attempts)
{
	json_t *rows = NULL;
	*out = *attempts = NULL;
	int rc = rows_json(st, folio_state_prepare(st,
		"SELECT id, partner, commit_id, base_commit, created_at, status, attempts,"
		" next_attempt_at, last_status, last_error, delivered_at, payload FROM deliveries"
		" WHERE id = ?", "t", id), &rows);
	if (rc == 0)
		rc = rows_json(st, folio_state_prepare(st,
			"SELECT at, http_status, error, duration_ms FROM attempts WHERE delivery_id = ?"
			" ORDER BY at, rowid", "t", id), attempts);
	if (rc == 0 && json_array_size(rows))
		*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc;
}

int folio_outbox_count(folio_state *st, folio_deliver_counts *out)
{
	/* one grouped query on the deliveries_pending index */
	sqlite3_stmt *s = folio_state_prepare(st,
		"SELECT d.status, p.disabled_at IS NOT NULL OR p.removed_at IS NOT NULL,"
		" p.failed_at IS NOT NULL, count(*) FROM deliveries d"
		" LEFT JOIN partners p ON p.name = d.partner"
		" WHERE d.status IN ('pending', 'delivered') GROUP BY 1, 2, 3", NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return FOLIO_ERROR;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(s, 0);
		long long count = sqlite3_column_int64(s, 3);
		if (!strcmp(state, "delivered"))
			out->delivered += count;
		else if (sqlite3_column_int(s, 1))
			out->disabled += count;
		else if (sqlite3_column_int(s, 2))
			out->failed += count;
		else
			out->pending += count;
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : folio_state_fail(st, "cannot count the deliveries");
}
