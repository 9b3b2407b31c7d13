/*
 * folio_source_diff: the changes between two sources, as added, modified,
 * deleted or type-changed paths in path order. Two commits are compared
 * tree by tree (equal subtree ids are skipped); otherwise the two
 * listings are merged.
 */
#include "folio/source.h"

#include "folio/path.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source/source_internal.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/search.h"
#include "util/banned.h"

/* ---- diff ---- */

#define NO_PATH SIZE_MAX

typedef struct {
	folio_change_status status;
	size_t old_off, new_off; /* into the names arena; NO_PATH when absent */
	const char *old_path, *new_path;
	git_oid old_id, new_id;
	folio_entry_type old_type, new_type;
} change;

typedef struct {
	change *items;
	size_t count, alloc;
	folio_buf names;
	folio_source *from, *to;
	size_t walked; /* entries of differing trees read, at most FOLIO_PATH_MAX_ENTRIES */
} changes;

/* One side of a change: a path that exists in one of the sources. */
typedef struct {
	const char *path;
	size_t len;
	const git_oid *id;
	folio_entry_type type;
} side;

static size_t put_name(changes *cs, const side *s)
{
	if (!s)
		return NO_PATH;
	size_t off = cs->names.size;
	folio_buf_put(&cs->names, s->path, s->len);
	folio_buf_putc(&cs->names, '\0');
	return off;
}

static void change_add(changes *cs, folio_change_status status, const side *o, const side *n)
{
	FOLIO_ARRAY_GROW(cs->items, cs->count, cs->alloc, cs->count + 1);
	change *c = &cs->items[cs->count++];
	memset(c, 0, sizeof(*c));
	c->status = status;
	c->old_off = put_name(cs, o);
	c->new_off = put_name(cs, n);
	if (o) {
		c->old_id = *o->id;
		c->old_type = o->type;
	}
	if (n) {
		c->new_id = *n->id;
		c->new_type = n->type;
	}
}

/* Record the difference between two same-path non-tree sides (either NULL). */
static void compare_sides(changes *cs, const side *o, const side *n)
{
	if (o && n) {
		if (!git_oid_equal(o->id, n->id) || o->type != n->type)
			change_add(cs, FOLIO_CHANGE_MODIFIED, o, n);
	} else if (o) {
		change_add(cs, FOLIO_CHANGE_DELETED, o, NULL);
	} else if (n) {
		change_add(cs, FOLIO_CHANGE_ADDED, NULL, n);
	}
}

static bool entry_is_tree(const git_tree_entry *te)
{
	return git_tree_entry_type(te) == GIT_OBJECT_TREE;
}

/* Git tree order: a tree compares as if its name ended with '/'. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);

	if (c)
		return c;
	unsigned ca = la > n ? (unsigned char)na[n] : entry_is_tree(a) ? '/' : 0;
	unsigned cb = lb > n ? (unsigned char)nb[n] : entry_is_tree(b) ? '/' : 0;
	return (int)ca - (int)cb;
}

static int diff_trees(changes *cs, git_tree *a, git_tree *b, folio_buf *path, int depth);

static int lookup_subtree(git_tree **out, folio_source *src, const git_tree_entry *te,
                          const folio_buf *path)
{
	*out = NULL;
	if (!te)
		return 0;
	if (git_tree_lookup(out, src->repo->repo, git_tree_entry_id(te)) < 0)
		return folio_error_set("cannot read tree '%s' in '%s': %s", path->ptr,
		                       src->repo->path, folio_source__git_msg());
	return 0;
}

/* Two entries of the same name (either NULL, not both), path holding it. */
static int diff_entries(changes *cs, const git_tree_entry *ea, const git_tree_entry *eb,
                        folio_buf *path, int depth)
{
	if ((ea && entry_is_tree(ea)) || (eb && entry_is_tree(eb))) {
		git_tree *ta = NULL, *tb = NULL;
		int rc = lookup_subtree(&ta, cs->from, ea, path);
		if (!rc)
			rc = lookup_subtree(&tb, cs->to, eb, path);
		folio_buf_putc(path, '/');
		if (!rc)
			rc = diff_trees(cs, ta, tb, path, depth + 1);
		git_tree_free(ta);
		git_tree_free(tb);
		return rc;
	}
	side o = { 0 }, n = { 0 };
	if (ea)
		o = (side){ path->ptr, path->size, git_tree_entry_id(ea),
		            folio_source__type_of_mode(git_tree_entry_filemode(ea)) };
	if (eb)
		n = (side){ path->ptr, path->size, git_tree_entry_id(eb),
		            folio_source__type_of_mode(git_tree_entry_filemode(eb)) };
	compare_sides(cs, ea ? &o : NULL, eb ? &n : NULL);
	return 0;
}

/* Merge two sorted trees (either NULL); equal subtrees are skipped unread. */
static int diff_trees(changes *cs, git_tree *a, git_tree *b, folio_buf *path, int depth)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0, base = path->size;
	int rc = 0;

	if (depth > MAX_DEPTH) /* the listing refuses the folder: tree/path */
		return FOLIO_EINVALID;
	while (!rc && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
		if (cmp < 0)
			eb = NULL;
		else if (cmp > 0)
			ea = NULL;
		i += ea != NULL;
		j += eb != NULL;
		if (ea && eb && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
		    git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
			continue;
		/* trees are shared by id: a few kilobytes of them name a billion
		 * paths, each a change kept until the end (the listing's bound) */
		if (++cs->walked > FOLIO_PATH_MAX_ENTRIES)
			return FOLIO_EINVALID;
		folio_buf_truncate(path, base);
		folio_buf_puts(path, git_tree_entry_name(ea ? ea : eb));
		rc = diff_entries(cs, ea, eb, path, depth);
	}
	folio_buf_truncate(path, base);
	return rc;
}

static int hash_all(folio_source *src)
{
	if (folio_source__ensure_listing(src) < 0)
		return FOLIO_ERROR;
	for (size_t i = 0; i < src->list.count; i++)
		if (!src->list.items[i].hashed && folio_source__hash_item(src, &src->list.items[i]) < 0)
			return FOLIO_ERROR;
	return 0;
}

static side item_side(const item *it)
{
	return (side){ it->path, strlen(it->path), &it->id, it->type };
}

/* Merge the two sorted listings by path. */
static int diff_listings(changes *cs)
{
	static const listing empty;
	const listing *a = cs->from ? &cs->from->list : &empty;
	const listing *b = cs->to ? &cs->to->list : &empty;
	size_t i = 0, j = 0;

	if ((cs->from && hash_all(cs->from) < 0) || (cs->to && hash_all(cs->to) < 0))
		return FOLIO_ERROR;
	while (i < a->count || j < b->count) {
		int cmp = i == a->count ? 1 : j == b->count ? -1
			: strcmp(a->items[i].path, b->items[j].path);
		side o = cmp <= 0 ? item_side(&a->items[i]) : (side){ 0 };
		side n = cmp >= 0 ? item_side(&b->items[j]) : (side){ 0 };
		compare_sides(cs, cmp <= 0 ? &o : NULL, cmp >= 0 ? &n : NULL);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	return 0;
}

static const char *change_key(const change *c)
{
	return c->new_path ? c->new_path : c->old_path;
}

static int change_cmp(const void *a, const void *b)
{
	return strcmp(change_key(a), change_key(b));
}

static int emit_changes(changes *cs, int (*cb)(const folio_change *change, void *payload),
                        void *payload)
{
	char old_hex[GIT_OID_HEXSZ + 1], new_hex[GIT_OID_HEXSZ + 1];

	if (cs->count)
		qsort(cs->items, cs->count, sizeof(*cs->items), change_cmp);
	for (size_t i = 0; i < cs->count; i++) {
		const change *c = &cs->items[i];
		git_oid_tostr(old_hex, sizeof(old_hex), &c->old_id);
		git_oid_tostr(new_hex, sizeof(new_hex), &c->new_id);
		folio_change fc = {
			.status = c->status,
			.old_path = c->old_path,
			.new_path = c->new_path,
			.old_id = c->old_path ? old_hex : NULL,
			.new_id = c->new_path ? new_hex : NULL,
			.old_type = c->old_type,
			.new_type = c->new_type,
		};
		int rc = cb(&fc, payload);
		if (rc)
			return rc;
	}
	return 0;
}

int folio_source_diff(folio_source *from, folio_source *to,
                      int (*cb)(const folio_change *change, void *payload), void *payload)
{
	changes cs = { .names = FOLIO_BUF_INIT, .from = from, .to = to };
	folio_buf path = FOLIO_BUF_INIT;
	int rc;

	FOLIO_ASSERT(cb);
	if ((!from || from->repo) && (!to || to->repo))
		rc = diff_trees(&cs, from ? from->tree : NULL, to ? to->tree : NULL, &path, 0);
	else
		rc = diff_listings(&cs);
	/* The arena is final now: resolve offsets to paths. */
	for (size_t i = 0; !rc && i < cs.count; i++) {
		change *c = &cs.items[i];
		c->old_path = c->old_off == NO_PATH ? NULL : cs.names.ptr + c->old_off;
		c->new_path = c->new_off == NO_PATH ? NULL : cs.names.ptr + c->new_off;
	}
	if (!rc)
		rc = emit_changes(&cs, cb, payload);
	free(cs.items);
	folio_buf_dispose(&cs.names);
	folio_buf_dispose(&path);
	return rc;
}
