/*
 * Branch previews: what folio watch (daemon.c) needs besides publishing to
 * build, keep and drop them: a safe folder name for a pushed ref, a new
 * preview seeded from the published site (its output hard-linked, its
 * state copied), the list of previews kept in the site's state, and their
 * removal.
 *
 * Invariants: a preview's folders are <previews>/<name> (served) and
 * <state>/previews/<name> (its publish state, never served), where name
 * comes from folio_daemon_preview_name() only, so no pushed ref names a
 * path outside them. A seeded output shares inodes with the site's, which
 * is safe because folio replaces a file by a rename, never in place.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "folio/folio.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/banned.h"

#define PLAIN_MAX 48 /* a branch name longer than this is shortened, with its hash */

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
	       c == '_' || c == '-';
}

/* "mr-12", "pr-7": the names of merge requests, which a branch cannot take. */
static bool request_like(const char *s)
{
	if (strncmp(s, "mr-", 3) && strncmp(s, "pr-", 3))
		return false;
	s += 3;
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* N of refs/<prefix>N/head, digits only; false for anything else. */
static bool request_number(const char *ref, const char *prefix, const char **num, size_t *len)
{
	size_t n = strlen(prefix);
	if (strncmp(ref, prefix, n))
		return false;
	*num = ref + n;
	*len = strspn(*num, "0123456789");
	return *len && *len <= 12 && !strcmp(*num + *len, "/head");
}

#define HASH_HEX 16 /* of a ref's hash: 64 bits, which no pusher can search for a twin */

/* Does a name end as a hashed one does ("-" and HASH_HEX hex digits)? A
 * branch named so would share the folder of the ref whose hashed name it
 * copies (feature-x-2bdd6c29... and feature/x): hashed too. */
static bool hashed_like(const char *name, size_t n)
{
	if (n <= HASH_HEX || name[n - HASH_HEX - 1] != '-')
		return false;
	return strspn(name + n - HASH_HEX, "0123456789abcdef") == HASH_HEX;
}

int folio_daemon_preview_name(char out[FOLIO_PREVIEW_NAME_MAX + 1], const char *ref, const char *branch)
{
	const char *num;
	size_t len;
	*out = '\0';
	if (request_number(ref, "refs/merge-requests/", &num, &len)) {
		snprintf(out, FOLIO_PREVIEW_NAME_MAX + 1, "mr-%.*s", (int)len, num);
		return 0;
	}
	if (request_number(ref, "refs/pull/", &num, &len)) {
		snprintf(out, FOLIO_PREVIEW_NAME_MAX + 1, "pr-%.*s", (int)len, num);
		return 0;
	}
	if (strncmp(ref, "refs/heads/", 11) || !ref[11] || (branch && !strcmp(ref + 11, branch)))
		return FOLIO_ENOTFOUND;
	const char *name = ref + 11;
	size_t n = strlen(name);
	bool plain = n <= PLAIN_MAX && name_char(*name) && *name != '.' && *name != '-' &&
	             !strstr(name, "..") && !request_like(name) && !hashed_like(name, n);
	for (size_t i = 0; plain && i < n; i++)
		plain = name_char(name[i]);
	if (plain) {
		memcpy(out, name, n + 1);
		return 0;
	}
	/* a safe spelling, then the ref's hash: two refs never share a folder */
	size_t k = 0;
	for (size_t i = 0; i < n && k < PLAIN_MAX - HASH_HEX; i++) {
		char c = name_char(name[i]) ? name[i] : '-';
		if ((c == '-' || c == '.') && (!k || out[k - 1] == '-' || out[k - 1] == '.'))
			continue; /* no leading ".", no "..", no runs of "-" */
		out[k++] = c;
	}
	while (k && (out[k - 1] == '-' || out[k - 1] == '.'))
		k--;
	char hex[FOLIO_SHA256_HEX];
	folio_sha256_hex(hex, ref, strlen(ref));
	snprintf(out + k, FOLIO_PREVIEW_NAME_MAX + 1 - k, "%s%.*s", k ? "-" : "branch-", HASH_HEX, hex);
	return 0;
}

/* ---- seeding a new preview from the published site ---- */

/* Hard-link every regular file of src into dst (made), folders made as they are. */
static int link_tree(const char *src, const char *dst)
{
	DIR *d = opendir(src);
	int rc = 0;
	if (!d)
		return folio_error_set("cannot read '%s': %s", src, strerror(errno));
	if (mkdir(dst, 0755) < 0 && errno != EEXIST) {
		closedir(d);
		return folio_error_set("cannot create '%s': %s", dst, strerror(errno));
	}
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *from = folio_fs_join(src, e->d_name), *to = folio_fs_join(dst, e->d_name);
		struct stat st;
		if (lstat(from, &st) < 0)
			rc = folio_error_set("cannot read '%s': %s", from, strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = link_tree(from, to);
		else if (S_ISREG(st.st_mode) && link(from, to) < 0)
			rc = folio_error_set("cannot link '%s' to '%s': %s", from, to, strerror(errno));
		free(from);
		free(to);
	}
	closedir(d);
	return rc;
}

int folio_daemon__preview_seed(folio_state **preview, folio_state *site_state, const char *site_out,
                               const char *out_dir, const char *state_dir)
{
	/* the copy made a preview's: no partner, no outbox, no verdicts, none
	 * of the daemon's own keys ("preview..." and where it was) */
	static const char *const drop[] = { "preview", FOLIO_DAEMON_LAST_KEY, NULL };
	char *db = folio_fs_join(state_dir, "state.sqlite");
	int rc = folio_fs_mkdir_p(state_dir);
	*preview = NULL;
	/* one consistent copy, while the delivery thread may write the site's state */
	if (rc == 0)
		rc = folio_state_copy(site_state, db);
	if (rc == 0 && (rc = folio_state_open(preview, state_dir)) == 0)
		rc = folio_state_keep_site_only(*preview, drop);
	char *parent = folio_fs_join(out_dir, "..");
	char *parent_dir = folio_fs_normalize(parent);
	if (rc == 0 && (rc = folio_fs_mkdir_p(parent_dir)) == 0)
		rc = link_tree(site_out, out_dir);
	free(parent);
	free(parent_dir);
	if (rc < 0) { /* the publish then builds the preview whole */
		folio_state_close(*preview);
		*preview = NULL;
		folio_beneath_rm_tree(out_dir);
		folio_beneath_rm_tree(state_dir);
	}
	free(db);
	return rc;
}

int folio_daemon__preview_remove(const char *out_dir, const char *state_dir)
{
	int rc = folio_beneath_rm_tree(out_dir);
	int rc2 = folio_beneath_rm_tree(state_dir);
	return rc < 0 ? rc : rc2;
}

/* ---- the list of previews, kept in the site's state ---- */

#define ENTRY_PREFIX "preview:"
#define EVICTED_PREFIX "preview_evicted:"

int folio_daemon__previews_save(folio_state *st, const folio_daemon_preview *p)
{
	char *key = folio_xasprintf(ENTRY_PREFIX "%s", p->name);
	char *value = folio_xasprintf("%s\n%s\n%s\n%zu\n%zu\n%lld\n%lld", p->ref, p->judged, p->commit,
	                              p->errors, p->warnings, p->updated, p->pushed_at);
	int rc = folio_state_set(st, key, value);
	free(key);
	free(value);
	return rc;
}

int folio_daemon__previews_forget(folio_state *st, const char *name)
{
	char *key = folio_xasprintf(ENTRY_PREFIX "%s", name);
	int rc = folio_state_unset(st, key);
	free(key);
	return rc;
}

/* One "preview:<name>" value into p; false when it is not one folio wrote. */
static bool parse_entry(folio_daemon_preview *p, const char *name, const char *value)
{
	char ref[sizeof(p->ref)], judged[41], commit[41];
	size_t errors, warnings;
	long long updated, pushed;
	memset(p, 0, sizeof(*p));
	/* ref, judged and commit may be empty: %[^\n] does not match nothing */
	const char *v = value;
	size_t n = strcspn(v, "\n");
	if (n >= sizeof(ref) || !v[n])
		return false;
	memcpy(ref, v, n);
	ref[n] = '\0';
	v += n + 1;
	n = strcspn(v, "\n");
	if (n >= sizeof(judged) || !v[n])
		return false;
	memcpy(judged, v, n);
	judged[n] = '\0';
	v += n + 1;
	n = strcspn(v, "\n");
	if (n >= sizeof(commit) || !v[n])
		return false;
	memcpy(commit, v, n);
	commit[n] = '\0';
	v += n + 1;
	if (sscanf(v, "%zu\n%zu\n%lld\n%lld", &errors, &warnings, &updated, &pushed) != 4)
		return false;
	char check[FOLIO_PREVIEW_NAME_MAX + 1];
	if (folio_daemon_preview_name(check, ref, NULL) < 0 || strcmp(check, name))
		return false; /* never a folder name that did not come from its ref */
	snprintf(p->name, sizeof(p->name), "%s", name);
	memcpy(p->ref, ref, sizeof(ref));
	memcpy(p->judged, judged, sizeof(judged));
	memcpy(p->commit, commit, sizeof(commit));
	p->errors = errors;
	p->warnings = warnings;
	p->updated = updated;
	p->pushed_at = pushed;
	return true;
}

/* In the order they were pushed, as the daemon keeps them. */
static int cmp_pushed(const void *a, const void *b)
{
	const folio_daemon_preview *x = a, *y = b;
	if (x->pushed_at != y->pushed_at)
		return x->pushed_at < y->pushed_at ? -1 : 1;
	return strcmp(x->name, y->name);
}

int folio_daemon__previews_load(folio_daemon_preview **out, size_t *n_out, folio_state *st)
{
	char **names = NULL, **values = NULL;
	size_t count = 0, n = 0;
	*out = NULL;
	*n_out = 0;
	if (folio_state_get_prefixed(st, ENTRY_PREFIX, &names, &values, &count) < 0)
		return FOLIO_ERROR;
	folio_daemon_preview *list = count ? folio_xcalloc(count, sizeof(*list)) : NULL;
	for (size_t i = 0; i < count; i++) {
		if (parse_entry(&list[n], names[i], values[i]))
			n++;
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
	if (n)
		qsort(list, n, sizeof(*list), cmp_pushed);
	*out = list;
	*n_out = n;
	return 0;
}

int folio_daemon__previews_evict_mark(folio_state *st, const char *ref, const char *tip)
{
	char *key = folio_xasprintf(EVICTED_PREFIX "%s", ref);
	int rc = tip ? folio_state_set(st, key, tip) : folio_state_unset(st, key);
	free(key);
	return rc;
}

bool folio_daemon__previews_evicted_at(folio_state *st, const char *ref, const char *tip)
{
	char *key = folio_xasprintf(EVICTED_PREFIX "%s", ref), *value = NULL;
	bool at = folio_state_get(st, key, &value) == 0 && value && !strcmp(value, tip);
	free(value);
	free(key);
	return at;
}

int folio_daemon__previews_marked(char ***out, size_t *n_out, folio_state *st)
{
	char **values = NULL;
	int rc = folio_state_get_prefixed(st, EVICTED_PREFIX, out, &values, n_out);
	for (size_t i = 0; rc == 0 && i < *n_out; i++)
		free(values[i]);
	free(values);
	return rc;
}
