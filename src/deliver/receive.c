/*
 * The reference receiver behind `folio receive`: verify, deduplicate by
 * webhook-id, write, and only then say yes.
 *
 * Invariants: a 2xx is answered only after every file of the delivery and
 * its id in .seen are fsynced; a file is replaced atomically (temp, fsync,
 * rename), so a reader sees the previous delivery or this one, never a mix
 * of one file. The timestamp is checked before the id, so a replay of an
 * old request is refused rather than acknowledged. A delivery in parts
 * (docs/deliveries.md) is kept part by part in DIR/.parts/<delivery>/ and
 * written only once every part is there, so a reader never sees a partial
 * feed; its last part's id goes in .seen after the files, so a crash in
 * between makes folio send that part again, which completes it again.
 */
#include "folio/deliver.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/banned.h"

#define MAX_NAME 64
#define MAX_PARTS 4096 /* parts of one delivery: 16 GiB at folio's default bound */
#define PARTS_DIR ".parts"

struct folio_receiver {
	char *dir;
	const folio_webhook_keys *keys;
	char **seen; /* accepted webhook-ids, in arrival order */
	size_t nseen, aseen;
	int seen_fd;
};

static void remember(folio_receiver *r, const char *id, size_t len)
{
	FOLIO_ARRAY_GROW(r->seen, r->nseen, r->aseen, r->nseen + 1);
	r->seen[r->nseen++] = folio_xstrndup(id, len);
}

static bool seen(const folio_receiver *r, const char *id)
{
	for (size_t i = r->nseen; i-- > 0;)
		if (!strcmp(r->seen[i], id))
			return true;
	return false;
}

int folio_receiver_open(folio_receiver **out, const char *dir, const folio_webhook_keys *keys)
{
	folio_receiver *r = folio_xcalloc(1, sizeof(*r));
	folio_buf text = FOLIO_BUF_INIT;
	char *path = folio_fs_join(dir, ".seen");
	int rc;
	*out = NULL;
	r->dir = folio_xstrdup(dir);
	r->keys = keys;
	r->seen_fd = -1;
	if ((rc = folio_fs_mkdir_p(dir)) < 0)
		goto done;
	rc = folio_fs_read(&text, path);
	if (rc == FOLIO_ENOTFOUND)
		rc = 0;
	for (char *p = text.ptr; rc == 0 && *p;) {
		char *nl = strchr(p, '\n');
		if (!nl)
			break; /* a torn last line: never acknowledged; ended below */
		if (nl > p)
			remember(r, p, (size_t)(nl - p));
		p = nl + 1;
	}
	if (rc == 0) {
		r->seen_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		if (r->seen_fd < 0)
			rc = folio_error_set("cannot open '%s': %s", path, strerror(errno));
		else if (text.size && text.ptr[text.size - 1] != '\n' && write(r->seen_fd, "\n", 1) != 1)
			rc = folio_error_set("cannot repair '%s': %s", path, strerror(errno));
		else
			rc = folio_fs_fsync_dir(dir);
	}
done:
	free(path);
	folio_buf_dispose(&text);
	if (rc < 0)
		folio_receiver_free(r);
	else
		*out = r;
	return rc;
}

void folio_receiver_free(folio_receiver *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nseen; i++)
		free(r->seen[i]);
	free(r->seen);
	if (r->seen_fd >= 0)
		close(r->seen_fd);
	free(r->dir);
	free(r);
}

static bool valid_name(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (n >= MAX_NAME || !((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		                       s[n] == '-'))
			return false;
	return n > 0;
}

int folio_receiver_check_payload(json_t **out, const void *body, size_t len)
{
	json_error_t err;
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
	*out = NULL;
	if (!j)
		return folio_error_set("body is not JSON: %s at byte %d", err.text, err.position),
		       FOLIO_EINVALID;
	json_t *cols = json_object_get(j, "collections");
	const char *name;
	json_t *feed;
	int rc = 0;
	if (!json_is_object(j) || !json_is_object(cols))
		rc = folio_error_set("body is not a folio delivery: no \"collections\" object");
	json_object_foreach(cols, name, feed) {
		if (rc == 0 && !valid_name(name))
			rc = folio_error_set("collection name is not [a-z0-9-]+ of at most %d bytes", MAX_NAME);
		if (rc == 0 && !strcmp(name, "last"))
			rc = folio_error_set("collection 'last' would overwrite last.json");
		if (rc == 0 && !json_is_object(feed))
			rc = folio_error_set("collection '%s' is not a JSON Feed object", name);
	}
	if (rc < 0) {
		json_decref(j);
		return FOLIO_EINVALID;
	}
	*out = j;
	return 0;
}

static int write_files(folio_receiver *r, json_t *payload, const void *body, size_t len)
{
	const char *name;
	json_t *feed;
	json_object_foreach(json_object_get(payload, "collections"), name, feed) {
		char *text = json_dumps(feed, JSON_INDENT(2));
		char *file = folio_xasprintf("%s.json", name);
		char *path = folio_fs_join(r->dir, file);
		folio_buf b = FOLIO_BUF_INIT;
		folio_buf_puts(&b, text ? text : "{}");
		folio_buf_putc(&b, '\n');
		int rc = text ? folio_fs_write_atomic(path, b.ptr, b.size, true)
		              : folio_error_set("cannot serialise collection '%s'", name);
		folio_buf_dispose(&b);
		free(path);
		free(file);
		free(text);
		if (rc < 0)
			return rc;
	}
	char *last = folio_fs_join(r->dir, "last.json");
	int rc = folio_fs_write_atomic(last, body, len, true);
	free(last);
	return rc;
}

static int append_seen(folio_receiver *r, const char *id)
{
	char *line = folio_xasprintf("%s\n", id);
	size_t len = strlen(line);
	ssize_t n = write(r->seen_fd, line, len);
	free(line);
	if (n != (ssize_t)len || fsync(r->seen_fd) < 0)
		return folio_error_set("cannot record the webhook-id in %s/.seen: %s", r->dir,
		                       strerror(errno));
	remember(r, id, strlen(id));
	return 0;
}

/* The "part" object of a delivery in parts: its delivery id, index, count; false when not one. */
static bool part_of(json_t *payload, const char **delivery, long long *index, long long *count)
{
	json_t *part = json_object_get(payload, "part");
	if (!json_is_object(part))
		return false;
	*delivery = json_string_value(json_object_get(part, "delivery"));
	*index = json_integer_value(json_object_get(part, "index"));
	*count = json_integer_value(json_object_get(part, "count"));
	return true;
}

static bool valid_delivery_id(const char *s)
{
	size_t n = 0;
	for (; s && s[n]; n++)
		if (n >= MAX_NAME || !(isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '-'))
			return false;
	return n > 0;
}

/* Append src's list at key (an array) to dst's. */
static void extend(json_t *dst, json_t *src, const char *key)
{
	json_t *d = json_object_get(dst, key), *sl = json_object_get(src, key);
	if (json_is_array(d) && json_is_array(sl))
		json_array_extend(d, sl);
}

/*
 * Store a part; when every part of its delivery is stored, *whole (caller
 * decrefs) is the delivery they make: the first part's envelope with every
 * part's lists, in order. *whole NULL: parts are missing still.
 */
static int store_part(folio_receiver *r, json_t *payload, const void *body, size_t len,
                      json_t **whole)
{
	const char *delivery = NULL;
	long long index = 0, count = 0;
	*whole = NULL;
	part_of(payload, &delivery, &index, &count);
	if (!valid_delivery_id(delivery) || count < 1 || count > MAX_PARTS || index < 1 || index > count)
		return folio_error_set("\"part\" is not {delivery: [A-Za-z0-9_-]+, index: 1..count, "
		                       "count: 1..%d}", MAX_PARTS), FOLIO_EINVALID;
	char *dir = folio_xasprintf("%s/%s/%s", r->dir, PARTS_DIR, delivery);
	char *path = folio_xasprintf("%s/%lld.json", dir, index);
	int rc = folio_fs_mkdir_p(dir);
	if (rc == 0)
		rc = folio_fs_write_atomic(path, body, len, true);
	free(path);
	json_t *all = NULL;
	for (long long i = 1; rc == 0 && i <= count; i++) {
		path = folio_xasprintf("%s/%lld.json", dir, i);
		json_t *p = i == index ? json_incref(payload)
		            : folio_fs_exists(path) ? json_load_file(path, 0, NULL) : NULL;
		free(path);
		if (!p) {
			json_decref(all);
			all = NULL;
			break; /* not all here yet (or a stored part is unreadable: it comes again) */
		}
		if (!all) {
			all = json_deep_copy(p);
		} else {
			extend(json_object_get(all, "changes"), json_object_get(p, "changes"), "added");
			extend(json_object_get(all, "changes"), json_object_get(p, "changes"), "updated");
			extend(json_object_get(all, "changes"), json_object_get(p, "changes"), "removed");
			const char *name;
			json_t *feed;
			json_object_foreach(json_object_get(p, "collections"), name, feed)
				extend(json_object_get(json_object_get(all, "collections"), name), feed, "items");
		}
		json_decref(p);
	}
	if (all)
		json_object_del(all, "part");
	*whole = all;
	free(dir);
	return rc;
}

/* Write a complete delivery, then forget every stored part (this one's and older ones'). */
static int write_whole(folio_receiver *r, json_t *whole)
{
	char *text = json_dumps(whole, JSON_COMPACT);
	int rc = text ? write_files(r, whole, text, strlen(text))
	              : folio_error_set("cannot serialise an assembled delivery");
	free(text);
	if (rc == 0) {
		char *parts = folio_fs_join(r->dir, PARTS_DIR);
		rc = folio_fs_rm_rf(parts);
		free(parts);
	}
	return rc;
}

int folio_receiver_handle(folio_receiver *r, const char *id, const char *timestamp,
                          const char *signature, const void *body, size_t len,
                          long long now, char **message)
{
	json_t *payload = NULL;
	int status;
	if (folio_webhook_verify(r->keys, id, timestamp, signature, body, len, now,
	                         FOLIO_WEBHOOK_TOLERANCE) < 0) {
		status = 401;
		*message = folio_xasprintf("refused: %s", folio_error_last());
	} else if (seen(r, id)) {
		status = 200;
		*message = folio_xasprintf("duplicate of accepted delivery %s; nothing written", id);
	} else if (folio_receiver_check_payload(&payload, body, len) < 0) {
		status = 400;
		*message = folio_xasprintf("refused: %s", folio_error_last());
	} else if (json_object_get(payload, "part")) {
		json_t *whole = NULL;
		const char *delivery = NULL;
		long long index = 0, count = 0;
		part_of(payload, &delivery, &index, &count);
		int rc = store_part(r, payload, body, len, &whole);
		if (rc == FOLIO_EINVALID) {
			status = 400;
			*message = folio_xasprintf("refused: %s", folio_error_last());
		} else if (rc < 0 || (whole && write_whole(r, whole) < 0) || append_seen(r, id) < 0) {
			status = 500;
			*message = folio_xasprintf("not stored: %s", folio_error_last());
		} else {
			status = 200;
			*message = whole ? folio_xasprintf("accepted %s: part %lld of %lld, the delivery is "
			                                   "complete and written", id, index, count)
			                 : folio_xasprintf("accepted %s: part %lld of %lld, kept until all "
			                                   "are here", id, index, count);
		}
		json_decref(whole);
	} else if (write_files(r, payload, body, len) < 0 || append_seen(r, id) < 0) {
		status = 500;
		*message = folio_xasprintf("not stored: %s", folio_error_last());
	} else {
		const char *commit = json_string_value(json_object_get(payload, "commit"));
		status = 200;
		*message = folio_xasprintf("accepted %s: commit %.12s, %zu collections", id,
		                           commit ? commit : "?",
		                           json_object_size(json_object_get(payload, "collections")));
	}
	json_decref(payload);
	if (status == 200)
		folio_log(FOLIO_LOG_INFO, "receive", "%d %s", status, *message);
	else
		folio_log(FOLIO_LOG_WARN, "receive", "%d %s", status, *message);
	return status;
}
