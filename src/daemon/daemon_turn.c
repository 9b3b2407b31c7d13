/*
 * One turn of folio watch: fetch when the repository mirrors another, list
 * the commits new on the published branch (oldest first along first
 * parents, a rewind noticed), judge each, and publish the newest valid one.
 * "watch_last_commit" moves past a commit only once its verdict is stored
 * and, for the batch's newest valid commit, once it is published.
 */
#include <git2.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "daemon_loop.h"
#include "folio/folio.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/banned.h"

/* ---- one turn: new commits, verdicts, publish ---- */

static void set_queue(daemon_ctx *d, size_t n)
{
	pthread_mutex_lock(&d->status.lock);
	d->status.queue = n;
	pthread_mutex_unlock(&d->status.lock);
}

/* Read pending signals (never blocks): stop on TERM/INT, reload on HUP. */
void folio_daemon__check_signals(daemon_ctx *d)
{
	struct signalfd_siginfo si;
	while (read(d->sig_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			d->reload = true;
		} else if (!d->stop) {
			d->stop = true;
			folio_log(FOLIO_LOG_INFO, "watch", "signal %s: stopping after the current step",
			          si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM");
		}
	}
}

int folio_daemon__git_fail(const char *what)
{
	const git_error *e = git_error_last();
	return folio_error_set("%s: %s", what, e ? e->message : "unknown error");
}

/*
 * The commits after hide up to tip along first parents, oldest first: at
 * most MAX_BATCH, the newest. Without hide (first start, history rewritten
 * and collected, or a rewind to a commit already judged), only the tip.
 */
static int list_new(git_oid **out, size_t *n_out, git_repository *repo, const git_oid *tip,
                    const git_oid *hide)
{
	git_revwalk *walk = NULL;
	git_oid *ids = NULL, id;
	size_t n = 0, alloc = 0;
	int rc = 0;

	*out = NULL;
	*n_out = 0;
	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) < 0 ||
	    git_revwalk_push(walk, tip) < 0 || (hide && git_revwalk_hide(walk, hide) < 0)) {
		rc = folio_daemon__git_fail("cannot walk the branch");
		goto done;
	}
	git_revwalk_simplify_first_parent(walk);
	while (n < (hide ? MAX_BATCH : 1) && git_revwalk_next(&id, walk) == 0) {
		FOLIO_ARRAY_GROW(ids, n, alloc, n + 1);
		ids[n++] = id;
	}
	for (size_t i = 0; i < n / 2; i++) {
		git_oid t = ids[i];
		ids[i] = ids[n - 1 - i];
		ids[n - 1 - i] = t;
	}
	*out = ids;
	*n_out = n;
	ids = NULL;
done:
	free(ids);
	git_revwalk_free(walk);
	return rc;
}

/*
 * folio.yaml's language at commit into lang ("" when there is none or it
 * cannot be read): the status page at / speaks the site's language. A
 * small read beside a publish, which loads far more.
 */
void folio_daemon__site_language(char *lang, size_t size, const char *repo, const char *commit)
{
	folio_source *src = NULL;
	folio_config *cfg = NULL;
	folio_buf text = FOLIO_BUF_INIT;
	folio_diags diags;

	folio_diags_init(&diags);
	*lang = '\0';
	if (folio_site_open_git(&src, repo, commit) == 0 &&
	    folio_source_read_within(&text, src, "folio.yaml", FOLIO_SITE_MAX_FILE_SIZE, NULL) == 0)
		folio_config_parse(&cfg, text.ptr, text.size, "folio.yaml", &diags);
	if (cfg && cfg->language)
		snprintf(lang, size, "%s", cfg->language);
	folio_config_free(cfg);
	folio_diags_dispose(&diags);
	folio_buf_dispose(&text);
	folio_source_free(src);
}

/* Show commit as published on /status: only once its verdict is stored
 * (table and note), so a reader who sees it published finds its note. */
static void show_published(daemon_ctx *d, const char *commit)
{
	char lang[sizeof(d->status.language)];
	folio_daemon__site_language(lang, sizeof(lang), d->set.repo, commit);
	pthread_mutex_lock(&d->status.lock);
	snprintf(d->status.published_commit, sizeof(d->status.published_commit), "%s", commit);
	d->status.published_at = (long long)time(NULL);
	memcpy(d->status.language, lang, sizeof(lang));
	pthread_mutex_unlock(&d->status.lock);
}

/*
 * Where the walk to tip starts, given last, the commit processed last:
 * *hide = last when tip descends from it (a normal push). Otherwise the
 * branch was rewound or force-pushed: *rewound is set, and the walk starts
 * at the merge base of tip and last (the commits between it and tip are
 * judged, as for a push); *has_hide is false when there is no merge base,
 * last is gone, or tip is the merge base itself (a plain rewind): then the
 * tip alone is judged.
 */
static void walk_start(git_oid *hide, bool *has_hide, bool *rewound, git_repository *repo,
                       const git_oid *tip, const char *last)
{
	git_oid last_id, base;
	git_odb *odb = NULL;
	bool known = false;

	*has_hide = *rewound = false;
	if (!last || git_oid_fromstr(&last_id, last) < 0)
		return; /* first start: the tip */
	if (git_repository_odb(&odb, repo) == 0)
		known = git_odb_exists(odb, &last_id);
	git_odb_free(odb);
	if (known && git_graph_descendant_of(repo, tip, &last_id) == 1) {
		*hide = last_id;
		*has_hide = true;
		return;
	}
	*rewound = true;
	if (known && git_merge_base(&base, repo, tip, &last_id) == 0 && !git_oid_equal(&base, tip)) {
		*hide = base;
		*has_hide = true;
	}
	git_error_clear();
}

/* Log a rewind and show it on /status. */
static void report_rewind(daemon_ctx *d, const char *from, const char *to, size_t n)
{
	folio_log(FOLIO_LOG_WARN, "watch",
	          "branch '%s' rewound from %.12s to %.12s (force-push or rollback): %zu commit%s to judge",
	          d->set.branch, from, to, n, n == 1 ? "" : "s");
	pthread_mutex_lock(&d->status.lock);
	snprintf(d->status.rewound_from, sizeof(d->status.rewound_from), "%s", from);
	snprintf(d->status.rewound_to, sizeof(d->status.rewound_to), "%s", to);
	d->status.rewound_at = (long long)time(NULL);
	pthread_mutex_unlock(&d->status.lock);
}

/*
 * Publish commit. With v, commit has not been judged: folio_publish's own
 * validation gives its verdict, and an invalid commit returns 0 with
 * v->errors set (one load of the site instead of two, for the tip).
 */
int folio_daemon__publish(daemon_ctx *d, const char *commit, verdict *v)
{
	folio_source *src = NULL;
	folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
	folio_build_stats stats = { 0 };
	folio_diags diags;
	int rc;

	folio_diags_init(&diags);
	po.out_dir = d->set.out_dir;
	po.state_dir = d->set.state_dir;
	po.state = d->st; /* the daemon's one connection */
	po.jobs = d->set.jobs;
	po.limits = &d->set.limits;
	if ((rc = folio_site_open_git(&src, d->set.repo, commit)) == 0)
		rc = folio_publish(&stats, src, &po, &diags);
	/* a publish that loaded the site freed it whole: give the memory back,
	 * which glibc keeps otherwise (2.4 GiB resident after a 100k build) */
	if (!stats.fast)
		malloc_trim(0);
	if (v && (rc == 0 || rc == FOLIO_EINVALID)) {
		folio_daemon__verdict_from(v, commit, &diags);
		if (rc == FOLIO_EINVALID && !v->errors)
			v->errors = 1; /* no config: publish refuses it without a finding */
	}
	if (rc == 0) {
		pthread_mutex_lock(&d->status.lock);
		folio_daemon__metrics_publish(&d->status.metrics, stats.seconds);
		pthread_mutex_unlock(&d->status.lock);
		folio_log(FOLIO_LOG_INFO, "watch",
		          "published %.12s: %zu pages rendered, %zu files written, %zu deleted, in %.3f s%s",
		          commit, stats.pages, stats.written, stats.deleted, stats.seconds,
		          stats.fast ? " (fast path)" : "");
		if (!v) /* judged and recorded before: the tip's caller shows it after recording */
			show_published(d, commit);
		folio_daemon__deliver_poke(d->deliverer);
	} else if (rc == FOLIO_EINVALID) {
		if (!v) /* judged valid a moment ago: only a change of folio itself gets here */
			folio_log(FOLIO_LOG_WARN, "watch", "not published %.12s: %zu errors", commit,
			          folio_diags_count(&diags, FOLIO_SEVERITY_ERROR));
		rc = 0;
	}
	folio_diags_dispose(&diags);
	folio_source_free(src);
	return rc;
}

/* Publish the batch's newest commit, judged by the publish itself, and record its verdict. */
static int publish_tip(daemon_ctx *d, const char *commit, bool *valid)
{
	double start = folio_clock_seconds();
	verdict v = { .report = NULL };
	folio_diags_init(&v.shown);
	int rc = folio_daemon__publish(d, commit, &v);
	if (rc == 0 && (rc = folio_daemon__record(d, &v, start)) == 0) {
		*valid = v.errors == 0;
		if (*valid)
			show_published(d, commit);
	}
	folio_daemon__verdict_dispose(&v);
	return rc;
}

/* A repository mirrored from a forge: git clone --mirror sets remote.origin.mirror. */
static bool is_mirror(git_repository *repo)
{
	git_config *cfg = NULL;
	int mirror = 0;
	/* only a mirror: a plain clone's origin is where it was made from, not a forge */
	if (git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_get_bool(&mirror, cfg, "remote.origin.mirror") < 0)
		mirror = 0;
	git_config_free(cfg);
	return mirror;
}

/*
 * A verified webhook says the forge moved. A mirror fetches it with its
 * configured refspecs; any other repository already holds the push (it
 * came through git, with hooks or not), so the turn just reads the branch.
 * The URL is not logged: it may hold a token.
 */
static void fetch_origin(daemon_ctx *d, git_repository *repo)
{
	git_remote *remote = NULL;
	double start = folio_clock_seconds();
	if (!d->status.mirror) {
		folio_log(FOLIO_LOG_INFO, "watch", "webhook: not a mirror, checking branch '%s' as it is",
		          d->set.branch);
		return;
	}
	if (git_remote_lookup(&remote, repo, "origin") < 0) {
		const git_error *e = git_error_last();
		folio_log(FOLIO_LOG_ERROR, "watch", "webhook: no remote 'origin' to fetch: %s",
		          e ? e->message : "unknown error");
		return;
	}
	if (git_remote_fetch(remote, NULL, NULL, "folio watch: webhook") < 0) {
		const git_error *e = git_error_last();
		folio_log(FOLIO_LOG_ERROR, "watch", "webhook: cannot fetch 'origin': %s",
		          e ? e->message : "unknown error");
	} else {
		folio_log(FOLIO_LOG_INFO, "watch", "webhook: fetched 'origin' in %.3f s", folio_clock_seconds() - start);
	}
	git_remote_free(remote);
}

/* Judge what is new on the branch and publish the newest valid commit. */
int folio_daemon__run_turn(daemon_ctx *d)
{
	git_repository *repo = NULL;
	git_oid tip, hide, *ids = NULL;
	size_t n = 0, done = 0;
	bool has_hide, rewound;
	char *last = NULL, *ref = folio_xasprintf("refs/heads/%s", d->set.branch);
	char hex[GIT_OID_HEXSZ + 1], newest_valid[GIT_OID_HEXSZ + 1] = "";
	bool tip_published = false;
	int rc = 0;

	if (git_repository_open(&repo, d->set.repo) < 0) {
		rc = folio_daemon__git_fail("cannot open the repository");
		goto out;
	}
	d->repo = repo;
	bool mirror = is_mirror(repo);
	pthread_mutex_lock(&d->status.lock); /* /webhook's answer says which it does */
	d->status.mirror = mirror;
	pthread_mutex_unlock(&d->status.lock);
	if (d->fetch) {
		d->fetch = false;
		fetch_origin(d, repo);
	}
	if (git_reference_name_to_id(&tip, repo, ref) < 0) {
		folio_error_set("branch '%s' not found in '%s'", d->set.branch, d->set.repo);
		rc = FOLIO_ENOTFOUND;
		goto out;
	}
	if ((rc = folio_state_get(d->st, FOLIO_DAEMON_LAST_KEY, &last)) < 0 ||
	    (!last && (rc = folio_publish_current(d->st, &last)) < 0))
		goto out;
	git_oid_tostr(hex, sizeof(hex), &tip);
	if (last && !strcmp(last, hex))
		goto out;
	walk_start(&hide, &has_hide, &rewound, repo, &tip, last);
	if ((rc = list_new(&ids, &n, repo, &tip, has_hide ? &hide : NULL)) < 0)
		goto out;
	if (rewound)
		report_rewind(d, last, hex, n);
	else
		folio_log(FOLIO_LOG_INFO, "watch", "branch '%s' at %.12s: %zu new commit%s", d->set.branch,
		          hex, n, n == 1 ? "" : "s");
	set_queue(d, n);
	/* push-pages, as the hook spends it: the commits before the tip are
	 * judged until the turn's checks have read that many pages (each may
	 * be a whole site's), then only the tip, which is published */
	folio_push_budget budget = { d->set.limits.v[FOLIO_LIMIT_PUSH_PAGES], 0, 0 };
	for (; done < n && !d->stop && rc == 0; done++) {
		bool valid = false;
		size_t pages = 0;
		if ((rc = folio_daemon__check_lock(d)) < 0) {
			d->lost_lock = true;
			break;
		}
		git_oid_tostr(hex, sizeof(hex), &ids[done]);
		if (done == n - 1)
			rc = publish_tip(d, hex, &valid);
		else if (folio_push_budget_admits(&budget, false) &&
		         (rc = folio_daemon__judge_and_record(d, hex, &valid, &pages)) == 0)
			folio_push_budget_charge(&budget, pages);
		if (rc == 0 && valid) {
			memcpy(newest_valid, hex, sizeof(hex));
			tip_published = done == n - 1;
		}
		set_queue(d, n - done - 1);
		folio_daemon__check_signals(d);
	}
	if (budget.skipped)
		folio_log(FOLIO_LOG_WARN, "watch", "%zu commit%s before %.12s not judged: this turn's checks "
		          "passed push-pages (%zu pages)", budget.skipped, budget.skipped == 1 ? "" : "s", hex,
		          budget.limit);
	if (rc < 0 || !done)
		goto out;
	if (*newest_valid && !tip_published)
		rc = folio_daemon__publish(d, newest_valid, NULL);
	else if (!*newest_valid)
		folio_log(FOLIO_LOG_WARN, "watch", "nothing published: no new valid commit");
	git_oid_tostr(hex, sizeof(hex), &ids[done - 1]);
	if (rc == 0)
		rc = folio_state_set(d->st, FOLIO_DAEMON_LAST_KEY, hex);
out:
	set_queue(d, 0);
	d->repo = NULL;
	free(ids);
	free(last);
	free(ref);
	git_repository_free(repo);
	return rc;
}

