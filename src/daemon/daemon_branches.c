/*
 * Branch previews, the daemon's side: every other branch (and forge
 * merge-request refs) judged commit by commit, its tip built incrementally
 * into its own site seeded from the published one, kept at most
 * FOLIO_PREVIEWS_MAX, removed with its branch. Storage, names and seeding
 * are in daemon_previews.c.
 */
#include <git2.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_loop.h"
#include "publish/s3.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/log.h"
#include "util/banned.h"

/* A ref that gets a preview, with its tip. */
typedef struct {
	char ref[256];
	char name[FOLIO_PREVIEW_NAME_MAX + 1];
	char tip[GIT_OID_HEXSZ + 1];
	git_time_t when; /* the tip's commit time: which of many new refs are built */
} preview_ref;

static folio_daemon_preview *find_preview(daemon_ctx *d, const char *name)
{
	for (size_t i = 0; i < d->status.npreviews; i++)
		if (!strcmp(d->status.previews[i].name, name))
			return &d->status.previews[i];
	return NULL;
}

/* The refs of repo that get a preview: every branch but the published one,
 * and the merge requests a forge mirror brings (refs/merge-requests/N/head,
 * refs/pull/N/head). */
static int list_preview_refs(preview_ref **out, size_t *n_out, git_repository *repo, const char *branch)
{
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	preview_ref *list = NULL;
	size_t n = 0, alloc = 0;
	*out = NULL;
	*n_out = 0;
	if (git_reference_iterator_new(&it, repo) < 0)
		return folio_daemon__git_fail("cannot list the references");
	while (git_reference_next(&r, it) == 0) {
		const char *name = git_reference_name(r);
		preview_ref p;
		git_oid id;
		git_commit *c = NULL;
		if (strlen(name) < sizeof(p.ref) && folio_daemon_preview_name(p.name, name, branch) == 0 &&
		    git_reference_name_to_id(&id, repo, name) == 0 && git_commit_lookup(&c, repo, &id) == 0) {
			snprintf(p.ref, sizeof(p.ref), "%s", name);
			git_oid_tostr(p.tip, sizeof(p.tip), &id);
			p.when = git_commit_time(c);
			FOLIO_ARRAY_GROW(list, n, alloc, n + 1);
			list[n++] = p;
		}
		git_commit_free(c);
		git_reference_free(r);
	}
	git_reference_iterator_free(it);
	git_error_clear();
	*out = list;
	*n_out = n;
	return 0;
}

/* Oldest tip first, so that the newest is built last and evicted last. */
static int cmp_preview_ref(const void *a, const void *b)
{
	const preview_ref *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return strcmp(x->name, y->name);
}

static char *preview_out(const daemon_ctx *d, const char *name)
{
	return folio_fs_join(d->status.previews_dir, name);
}

static char *preview_state(const daemon_ctx *d, const char *name)
{
	char *dir = folio_fs_join(d->set.state_dir, "previews");
	char *state = folio_fs_join(dir, name);
	free(dir);
	return state;
}

/* Remove preview i: its folders, its entry, its line on /status. */
static void drop_preview(daemon_ctx *d, size_t i, const char *why)
{
	folio_daemon_preview p = d->status.previews[i];
	char *out = preview_out(d, p.name), *state = preview_state(d, p.name);
	if (folio_daemon__preview_remove(out, state) < 0 || folio_daemon__previews_forget(d->st, p.name) < 0)
		folio_log(FOLIO_LOG_WARN, "watch", "preview '%s': %s", p.name, folio_error_last());
	pthread_mutex_lock(&d->status.lock);
	memmove(&d->status.previews[i], &d->status.previews[i + 1],
	        (d->status.npreviews - i - 1) * sizeof(*d->status.previews));
	d->status.npreviews--;
	folio_daemon__forget_preview_verdict(&d->status, p.ref);
	pthread_mutex_unlock(&d->status.lock);
	folio_log(FOLIO_LOG_INFO, "watch", "preview '%s' of %s removed: %s", p.name, p.ref, why);
	free(out);
	free(state);
}

/* When a preview is pushed, in milliseconds, and after every other one's:
 * the order of the pushes survives a restart, even within one millisecond. */
static long long push_stamp(const daemon_ctx *d)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	long long now = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	for (size_t i = 0; i < d->status.npreviews; i++)
		if (d->status.previews[i].pushed_at >= now)
			now = d->status.previews[i].pushed_at + 1;
	return now;
}

/* Keep at most FOLIO_PREVIEWS_MAX: the least recently pushed go first. */
static void evict_previews(daemon_ctx *d)
{
	while (d->status.npreviews > (size_t)d->set.previews_max) {
		size_t old = 0;
		for (size_t i = 1; i < d->status.npreviews; i++)
			if (d->status.previews[i].pushed_at < d->status.previews[old].pushed_at)
				old = i;
		/* not built again before its next push */
		folio_daemon__previews_evict_mark(d->st, d->status.previews[old].ref, d->status.previews[old].judged);
		drop_preview(d, old, "evicted, the least recently pushed (FOLIO_PREVIEWS_MAX)");
	}
}

/*
 * Verdicts (notes) for the commits the branch brings before
 * its tip: those neither the published branch nor the preview's last tip
 * reaches, along first parents, at most MAX_BATCH.
 */
static void judge_branch(daemon_ctx *d, git_repository *repo, const preview_ref *c, const char *last)
{
	git_revwalk *walk = NULL;
	git_oid tip, hide, id, *ids = NULL;
	size_t n = 0, alloc = 0;
	char *main_ref = folio_xasprintf("refs/heads/%s", d->set.branch);
	if (git_oid_fromstr(&tip, c->tip) < 0 || git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) < 0 || git_revwalk_push(walk, &tip) < 0)
		goto done;
	git_revwalk_simplify_first_parent(walk);
	if (git_reference_name_to_id(&hide, repo, main_ref) == 0)
		git_revwalk_hide(walk, &hide);
	if (last && *last && git_oid_fromstr(&hide, last) == 0)
		git_revwalk_hide(walk, &hide); /* fails harmlessly when last is gone (a force-push) */
	while (n < MAX_BATCH && git_revwalk_next(&id, walk) == 0) {
		FOLIO_ARRAY_GROW(ids, n, alloc, n + 1);
		ids[n++] = id;
	}
	for (size_t i = n; i-- > 1 && !d->stop;) { /* oldest first; ids[0] is the tip */
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &ids[i]);
		verdict v = { .report = NULL };
		double start = folio_clock_seconds();
		folio_diags_init(&v.shown);
		if (folio_daemon__judge(&v, d, hex) < 0 || folio_daemon__record_branch(d, &v, start) < 0)
			folio_log(FOLIO_LOG_WARN, "watch", "preview '%s': %s", c->name, folio_error_last());
		folio_daemon__verdict_dispose(&v);
		folio_daemon__check_signals(d);
	}
done:
	git_error_clear();
	git_revwalk_free(walk);
	free(ids);
	free(main_ref);
}

/*
 * For each finding of shown, the address of its page in the preview whose
 * state is st (borrowed) and which is served at base; NULL where the build
 * served there has no page from that file (a new page whose tip is refused,
 * a template). NULL when none has one. Caller frees each and the array.
 */
static char **preview_finding_urls(folio_state *st, const char *base, const folio_diags *shown)
{
	char **urls = NULL;
	bool any = false;
	if (!shown->count)
		return NULL;
	urls = folio_xcalloc(shown->count, sizeof(*urls));
	for (size_t i = 0; i < shown->count; i++) {
		char *url = NULL;
		if (shown->items[i].path && folio_state_page_url(st, shown->items[i].path, &url) == 0 && url) {
			urls[i] = folio_xasprintf("%s%s", base, url);
			any = true;
		}
		free(url);
	}
	if (!any) {
		free(urls);
		urls = NULL;
	}
	return urls;
}

/*
 * Publish c's tip into its preview: a new preview starts from the published
 * site (seeded), an existing one from its own last build; either way only
 * the outputs whose inputs changed are rendered. An invalid tip is judged
 * and noted, and not published: the preview keeps its last valid build
 * (none yet: none is served), as the site does.
 */
static int build_preview(daemon_ctx *d, const preview_ref *c, const folio_daemon_preview *old)
{
	char *out = preview_out(d, c->name), *state = preview_state(d, c->name);
	char *base = folio_xasprintf("%s/%s", d->status.previews_url, c->name);
	folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
	folio_build_stats stats = { 0 };
	folio_source *src = NULL;
	folio_state *st = NULL; /* the preview's state: opened once, borrowed by each step */
	verdict v = { .report = NULL };
	folio_diags diags;
	double start = folio_clock_seconds(), seed_seconds = -1;
	int rc;

	folio_diags_init(&diags);
	folio_diags_init(&v.shown);
	/* seeded from a site on this disk (an s3:// site: built whole) */
	if ((!old || !*old->commit) && *d->status.published_commit && !folio_s3_is_url(d->set.out_dir)) {
		folio_daemon__preview_remove(out, state); /* what a killed daemon may have left */
		double t = folio_clock_seconds();
		if (folio_daemon__preview_seed(&st, d->st, d->set.out_dir, out, state) == 0)
			seed_seconds = folio_clock_seconds() - t;
		else
			folio_log(FOLIO_LOG_WARN, "watch", "preview '%s': not seeded from the site (%s): built whole",
			          c->name, folio_error_last());
	}
	if (!st && (rc = folio_state_open(&st, state)) < 0)
		goto done;
	po.out_dir = out;
	po.state_dir = state;
	po.state = st;
	po.jobs = d->set.jobs;
	po.limits = &d->set.limits;
	po.preview_base_url = base;
	if ((rc = folio_site_open_git(&src, d->set.repo, c->tip)) == 0)
		rc = folio_publish(&stats, src, &po, &diags);
	if (!stats.fast)
		malloc_trim(0);
	if (rc < 0 && rc != FOLIO_EINVALID)
		goto done;
	folio_daemon__verdict_from(&v, c->tip, &diags);
	if (rc == FOLIO_EINVALID && !v.errors)
		v.errors = 1;
	bool valid = rc == 0;
	if ((rc = folio_daemon__record_branch(d, &v, start)) < 0)
		goto done;
	folio_daemon_preview p = { .errors = v.errors, .warnings = v.warnings,
	                           .updated = (long long)time(NULL), .pushed_at = push_stamp(d) };
	snprintf(p.name, sizeof(p.name), "%s", c->name);
	snprintf(p.ref, sizeof(p.ref), "%s", c->ref);
	snprintf(p.judged, sizeof(p.judged), "%s", c->tip);
	snprintf(p.commit, sizeof(p.commit), "%s", valid ? c->tip : old ? old->commit : "");
	if (!*p.commit) { /* nothing valid built yet: no copy of the site is left to be served */
		folio_state_close(st);
		st = NULL;
		folio_daemon__preview_remove(out, state);
	}
	/* the tip's verdict on the status page, its findings linked to their pages in the preview */
	folio_daemon__remember_verdict(d, v.commit, v.errors, v.warnings, (long long)time(NULL), folio_daemon__commit_subject(d, v.commit),
	                 &v.shown, c->ref, *p.commit ? preview_finding_urls(st, base, &v.shown) : NULL);
	if ((rc = folio_daemon__previews_save(d->st, &p)) < 0)
		goto done;
	folio_daemon__previews_evict_mark(d->st, c->ref, NULL);
	/* the list stays in the order of the pushes: the first is evicted first */
	pthread_mutex_lock(&d->status.lock);
	folio_daemon_preview *slot = find_preview(d, c->name);
	if (slot) {
		size_t i = (size_t)(slot - d->status.previews);
		memmove(slot, slot + 1, (d->status.npreviews - i - 1) * sizeof(*slot));
	} else {
		d->status.previews = folio_xrealloc(d->status.previews,
		                                    (d->status.npreviews + 1) * sizeof(*d->status.previews));
		d->status.npreviews++;
	}
	d->status.previews[d->status.npreviews - 1] = p;
	d->status.metrics.preview_builds[valid]++;
	d->status.metrics.preview_seconds += folio_clock_seconds() - start;
	pthread_mutex_unlock(&d->status.lock);
	char seeded[64] = "";
	if (seed_seconds >= 0)
		snprintf(seeded, sizeof(seeded), " (seeded from the site in %.3f s)", seed_seconds);
	if (valid)
		folio_log(FOLIO_LOG_INFO, "watch",
		          "preview '%s' of %s at %.12s: %zu pages rendered, %zu files written, %zu deleted, "
		          "in %.3f s%s%s; %s/", c->name, c->ref, c->tip, stats.pages, stats.written, stats.deleted,
		          folio_clock_seconds() - start, seeded, stats.fast ? " (fast path)" : "", base);
	else
		folio_log(FOLIO_LOG_WARN, "watch", "preview '%s' of %s at %.12s: not published, %zu errors%s",
		          c->name, c->ref, c->tip, v.errors, *p.commit ? "; the last valid build stays" : "");
done:
	if (rc < 0)
		folio_log(FOLIO_LOG_ERROR, "watch", "preview '%s' of %s: %s; retrying at the next turn", c->name,
		          c->ref, folio_error_last());
	folio_daemon__verdict_dispose(&v);
	folio_diags_dispose(&diags);
	folio_source_free(src);
	folio_state_close(st);
	free(base);
	free(out);
	free(state);
	return rc;
}

/* Drop the eviction marks of deleted refs: a ref made again later is new. */
static void forget_marks(daemon_ctx *d, const preview_ref *refs, size_t n)
{
	char **marked = NULL;
	size_t nmarked = 0;
	if (folio_daemon__previews_marked(&marked, &nmarked, d->st) < 0)
		folio_log(FOLIO_LOG_WARN, "watch", "%s", folio_error_last());
	for (size_t i = 0; i < nmarked; i++) {
		bool present = false;
		for (size_t k = 0; k < n && !present; k++)
			present = !strcmp(refs[k].ref, marked[i]);
		if (!present)
			folio_daemon__previews_evict_mark(d->st, marked[i], NULL);
		free(marked[i]);
	}
	free(marked);
}

/*
 * After the published branch: remove the previews of deleted refs, then
 * build each ref pushed since its preview was (the newest FOLIO_PREVIEWS_MAX
 * of them at most), evicting the least recently pushed beyond the bound.
 */
void folio_daemon__run_previews(daemon_ctx *d)
{
	git_repository *repo = NULL;
	preview_ref *refs = NULL;
	size_t n = 0;
	if (!d->status.previews_dir)
		return;
	if (git_repository_open(&repo, d->set.repo) < 0 || list_preview_refs(&refs, &n, repo, d->set.branch) < 0) {
		git_error_clear();
		goto done;
	}
	for (size_t i = d->status.npreviews; i-- > 0;) {
		bool present = false;
		for (size_t k = 0; k < n && !present; k++)
			present = !strcmp(refs[k].ref, d->status.previews[i].ref);
		if (!present)
			drop_preview(d, i, "its ref was deleted");
	}
	forget_marks(d, refs, n);
	/* what changed since its preview; a ref evicted is built again when pushed again */
	size_t todo = 0;
	for (size_t k = 0; k < n; k++) {
		const folio_daemon_preview *p = find_preview(d, refs[k].name);
		if (p ? strcmp(p->judged, refs[k].tip) != 0
		      : !folio_daemon__previews_evicted_at(d->st, refs[k].ref, refs[k].tip))
			refs[todo++] = refs[k];
	}
	if (todo) /* refs is NULL when there are none */
		qsort(refs, todo, sizeof(*refs), cmp_preview_ref);
	size_t skip = todo > (size_t)d->set.previews_max ? todo - (size_t)d->set.previews_max : 0;
	for (size_t k = 0; k < skip; k++) /* more new refs than previews: the oldest wait for a push */
		if (!find_preview(d, refs[k].name))
			folio_daemon__previews_evict_mark(d->st, refs[k].ref, refs[k].tip);
	for (size_t k = skip; k < todo && !d->stop && !d->lost_lock; k++) {
		folio_daemon_preview old, *p = find_preview(d, refs[k].name);
		if (p)
			old = *p;
		if (folio_daemon__check_lock(d) < 0) {
			d->lost_lock = true;
			break;
		}
		judge_branch(d, repo, &refs[k], p ? old.judged : NULL);
		if (build_preview(d, &refs[k], p ? &old : NULL) == 0)
			evict_previews(d);
		folio_daemon__check_signals(d);
	}
done:
	free(refs);
	git_repository_free(repo);
}
