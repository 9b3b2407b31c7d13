/*
 * A commit's verdict reached: its source checked (site loaded, validated,
 * outputs measured against their budgets, external links when asked), or
 * judged from the state by the publisher when only page bodies changed, and
 * indexed for the next commit. Here in publish/, above the publisher's judge
 * and index it runs, so check/ never calls up into publish/; the verdict type,
 * the tip deciding and the notes stay in check/verdict.c.
 */
#include "folio/verdict.h"

#include <stdlib.h>
#include <string.h>

#include "folio/publish.h"
#include "folio/render.h"
#include "folio/site.h"
#include "folio/validate.h"
#include "publish/output.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/banned.h"

static int cmp_file(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(folio_verdict *v, const char *path)
{
	FOLIO_ARRAY_GROW(v->files, v->nfiles, v->afiles, v->nfiles + 1);
	v->files[v->nfiles++] = folio_xstrdup(path);
}

static folio_verdict *new_verdict(folio_verdicts *vs, const char *id, const char *subject)
{
	FOLIO_ARRAY_GROW(vs->items, vs->count, vs->alloc, vs->count + 1);
	folio_verdict *v = &vs->items[vs->count++];
	memset(v, 0, sizeof(*v));
	v->id = id ? folio_xstrdup(id) : NULL;
	v->subject = folio_xstrdup(subject ? subject : "");
	folio_diags_init(&v->diags);
	return v;
}

/* A commit that changes only page bodies of the state's published commit
 * is judged from the state, without loading the site (see publish.h). */
static bool check_fast(folio_verdicts *vs, folio_source *src, const char *id, const char *subject,
                       const folio_check_options *o)
{
	folio_fast_verdict fv;
	if (!o->state || o->external || folio_publish_judge(&fv, o->state, src, o->limits) != 0)
		return false;
	folio_verdict *v = new_verdict(vs, id, subject);
	v->branch = fv.branch;
	v->files = fv.pages;
	v->nfiles = v->afiles = fv.npages;
	folio_diags_move(&v->diags, &fv.diags);
	return true;
}

/* The site of the check a process ends after (folio_check_options.exiting),
 * held here so that a leak check finds it reachable: the exit gives its
 * memory back at once, where freeing it page by page was serial work after
 * the verdict was known. */
static folio_site *left_at_exit;

static void site_dispose(folio_site *site, const folio_check_options *o)
{
	if (o->exiting && !left_at_exit && site) {
		left_at_exit = site;
		folio_log(FOLIO_LOG_DEBUG, "check", "the site's %zu pages left to the exit",
		          folio_site_page_count(site) + folio_site_held_count(site));
		return;
	}
	folio_site_free(site);
}

static int check_source(folio_verdicts *vs, folio_source *src, const char *id,
                        const char *subject, const folio_check_options *o)
{
	folio_site *site = NULL;
	folio_site_options opts = FOLIO_SITE_OPTIONS_INIT;

	if (check_fast(vs, src, id, subject, o))
		return 0;
	opts.limits = o->limits;
	opts.jobs = o->jobs;
	/* signatures are for the state's records: without one, none is read */
	opts.unsigned_pages = !(o->state && o->index);
	/* a commit's pages stream as a full build's do: each blob read on the
	 * worker that parses it, each page's HTML rendered by that parse into a
	 * scratch file and read back once, by the dry run of its own output (a
	 * feed page is bounded from the count spill_html kept). Holding every
	 * page's text and HTML to the end was half of a check's memory. */
	opts.stream = true;
	opts.spill_html = true;
	if (folio_site_load(&site, src, &opts) < 0)
		return FOLIO_ERROR;
	folio_verdict *v = new_verdict(vs, id, subject);
	folio_diags_move(&v->diags, folio_site_diags_mut(site));
	const folio_config *cfg = folio_site_config(site);
	int rc = 0;
	if (cfg) {
		folio__validate_site(site, &v->diags);
		size_t later = v->diags.count;
		/* outputs are measured against their budgets without being kept;
		 * a site with errors already cannot be built, so skip the work */
		if (!folio_diags_count(&v->diags, FOLIO_SEVERITY_ERROR))
			rc = folio_render_check(site, o->jobs, &v->diags);
		v->branch = folio_xstrdup(cfg->branch ? cfg->branch : "main");
		if (rc == 0 && o->external)
			rc = folio_linkcheck_site(site, o->external, &v->diags);
		/* folio_validate_site() settled its own findings: these are new */
		folio_validate_apply_rules(cfg, &v->diags, later);
	}
	folio_diags_sort(&v->diags);
	size_t spilled, read_back, again;
	folio_site_html_counts(site, &spilled, &read_back, &again);
	folio_log(FOLIO_LOG_DEBUG, "check", "pages' HTML: %zu in the scratch file, %zu read back, "
	          "%zu rendered again", spilled, read_back, again);
	/* the next commit of a range is judged from this one when it can be;
	 * not past held pages, which a judged verdict would not list */
	if (rc == 0 && cfg && o->index && o->state && id && !o->external && !folio_site_held_count(site) &&
	    !folio_diags_count(&v->diags, FOLIO_SEVERITY_ERROR) &&
	    folio_publish_index(o->state, site, id, &v->diags) < 0)
		folio_log(FOLIO_LOG_DEBUG, "check", "%.12s not indexed for the next commit: %s", id,
		          folio_error_last()); /* the next commit is validated whole */
	/* held pages (drafts, scheduled) are checked too: each is a test case */
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		add_file(v, folio_site_page(site, i)->path);
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		add_file(v, folio_site_held(site, i)->path);
	if (v->nfiles > 1)
		qsort(v->files, v->nfiles, sizeof(*v->files), cmp_file);
	site_dispose(site, o);
	return rc;
}

int folio_verdicts_check_source(folio_verdicts *vs, folio_source *src, const char *id,
                                const char *subject, const folio_check_options *o)
{
	static const folio_check_options none = FOLIO_CHECK_OPTIONS_INIT;
	if (!o)
		o = &none;
	size_t before = vs->count;
	int rc = check_source(vs, src, id, subject, o);
	const char *root = folio_source_root(src);
	if (vs->count > before && o->repo_paths && *root) {
		folio_verdict *v = &vs->items[before];
		folio_diags_prefix(&v->diags, root);
		for (size_t i = 0; i < v->nfiles; i++) {
			char *p = folio_xasprintf("%s/%s", root, v->files[i]);
			free(v->files[i]);
			v->files[i] = p;
		}
	}
	return rc;
}

int folio_verdicts_check_commit(folio_verdicts *vs, const char *repo_path, const char *id,
                                const char *subject, const folio_check_options *o)
{
	folio_source *src = NULL;
	int rc = folio_site_open_git(&src, repo_path, id);
	if (rc == 0)
		rc = folio_verdicts_check_source(vs, src, id, subject, o);
	folio_source_free(src);
	return rc;
}
