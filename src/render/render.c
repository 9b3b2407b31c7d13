/*
 * Rendering: turns the site model into output files. Every output is a
 * "unit" (a page, a list page, a feed, ...) rendered independently from
 * read-only data, so units render on all cores and the bytes never depend
 * on the thread count. Template contexts follow docs/templates.md.
 *
 * This file: the orchestration (budgets, links below base_url, groups of a
 * streaming site, the sink) and the entry points; render_plan.c: the
 * outputs a site has; render_json.c: the page object, references, JSON-LD;
 * render_units.c: each kind of output; render_deps.c: the inputs of each
 * output (the renderer's state: render_internal.h).
 *
 * Determinism: no clock, no locale, no hash order: objects keep insertion
 * order and every list is sorted by the site model.
 */
#include "folio/render.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/dates.h"
#include "folio/isbn.h"
#include "model/layout.h"
#include "render/render_internal.h"
#include "render/syndication.h"
#include "render/taxonomy.h"
#include "render_partial.h"
#include "util/alloc.h"
#include "util/spill.h"
#include "util/assert.h"
#include "util/log.h"
#include "util/parallel.h"
#include "util/search.h"
#include "util/timestamp.h"
#include "util/banned.h"

/* Every name these contexts give templates is in model/template_names.c's
 * table (template/unknown-variable trusts it): a key added here belongs there
 * too (unit/context-names). */

/* The path part of base_url, without its trailing slash; NULL for none. */
static char *base_path(const char *base_url)
{
	const char *host = base_url ? strstr(base_url, "://") : NULL;
	const char *path = host ? strchr(host + 3, '/') : NULL;
	size_t len = path ? strlen(path) : 0;
	while (len && path[len - 1] == '/')
		len--;
	return len ? folio_xstrndup(path, len) : NULL;
}

/* Under relative_urls, what replaces a site path's leading "/" in the output
 * at path: "./" at the root, else "../" per folder ("c/d/index.html":
 * "../../"), as Hugo's relativeURLs writes them. */
static char *relative_prefix(const char *path)
{
	folio_buf b = FOLIO_BUF_INIT;
	bool up = false;
	while (*path == '/')
		path++;
	for (const char *s = path; *s; s++)
		if (*s == '/') {
			folio_buf_puts(&b, "../");
			up = true;
		}
	if (!up)
		folio_buf_puts(&b, "./");
	size_t n;
	return folio_buf_detach(&b, &n);
}

/* A site path at p ("/x", not "//host/x") put in b with what a site served
 * below a path needs: base_url's path before it, or, under relative_urls,
 * the way up to the root (up, ending in "/") in place of its "/". Returns
 * where the copy goes on: p itself when p holds no site path. */
static const char *put_site_path(folio_buf *b, const renderer *r, const char *up,
                                 const char *p, const char *end)
{
	if (end - p < 2 || p[0] != '/' || p[1] == '/')
		return p;
	if (up) {
		folio_buf_puts(b, up);
		return p + 1;
	}
	folio_buf_puts(b, r->link_prefix);
	return p;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A site served below a path (a branch preview at <host>/previews/<name>,
 * a base_url such as https://example.org/blog): templates and Markdown
 * write site-absolute links ("/events/x/"), which would leave that path.
 * Each href, src or action attribute value starting with one "/" gets the
 * path before it, and so does each URL of a srcset ("/a.png 1x, /b.png
 * 2x"), as Hugo rewrites them, in HTML outputs only (feeds and index.json
 * carry absolute URLs from base_url, or URLs that their readers join to
 * it). Under relative_urls (Hugo's relativeURLs) its "/" becomes the way
 * up to the site's root from this output instead, which serves from any
 * folder. One scan: each byte is looked at once, a srcset's too.
 */
static void prefix_links(const renderer *r, folio_output *o)
{
	static const char *const attrs[] = { "href=", "src=", "action=", "srcset=" };
	size_t plen = strlen(o->path);
	bool relative = r->cfg->relative_urls;
	if ((!r->link_prefix && !relative) || !o->data || plen < 5 || strcmp(o->path + plen - 5, ".html"))
		return;
	char *up = relative ? relative_prefix(o->path) : NULL;
	folio_buf b = FOLIO_BUF_INIT;
	const char *p = o->data, *end = o->data + o->len;
	while (p < end) {
		size_t skip = 0, a = 0;
		if (p > o->data && blank(p[-1]))
			for (; !skip && a < sizeof(attrs) / sizeof(*attrs); a++) {
				size_t n = strlen(attrs[a]);
				if ((size_t)(end - p) > n && !strncmp(p, attrs[a], n) && (p[n] == '"' || p[n] == '\''))
					skip = n + 1;
			}
		if (!skip) {
			folio_buf_putc(&b, *p++);
			continue;
		}
		folio_buf_put(&b, p, skip);
		p += skip;
		char quote = p[-1];
		if (strcmp(attrs[a - 1], "srcset=")) {
			p = put_site_path(&b, r, up, p, end);
			continue;
		}
		/* a srcset: a URL at its start and after each comma (and blanks) */
		for (bool at_url = true; p < end && *p != quote;) {
			if (at_url && !blank(*p)) {
				const char *next = put_site_path(&b, r, up, p, end);
				at_url = false;
				if (next != p) {
					p = next;
					continue;
				}
			}
			if (*p == ',')
				at_url = true;
			folio_buf_putc(&b, *p++);
		}
	}
	free(up);
	free(o->data);
	o->data = folio_buf_detach(&b, &o->len);
}

/* Past site-size or render-work: nothing more is rendered. */
static bool stopped(const renderer *r)
{
	return atomic_load(&r->over_site) || atomic_load(&r->over_work);
}

/*
 * An output past page-output, or the one that takes the site past
 * site-size, is a finding and is dropped (false): nothing truncated is
 * ever handed to the sink, and the caller fails the build.
 */
static bool check_budgets(renderer *r, folio_output *o)
{
	const folio_limits *l = folio_site_limits(r->site);
	size_t len = o->kind == FOLIO_UNIT_STATIC ? 0 : o->len; /* statics: counted at the start */
	if (o->kind != FOLIO_UNIT_STATIC && !o->data && !o->scratch)
		return false; /* the template render stopped: its finding is made */
	bool ok = true;
	if (len > l->v[FOLIO_LIMIT_PAGE_OUTPUT]) {
		char *subject = folio_render__output_subject(o, NULL);
		folio_render__render_finding(r, FOLIO_RULE_BUDGET_PAGE_OUTPUT, subject,
		               "split the page or shorten its lists, or raise the page-output limit",
		               "%s renders to %zu bytes, more than the page-output limit of %zu",
		               o->path, len, l->v[FOLIO_LIMIT_PAGE_OUTPUT]);
		free(subject);
		ok = false;
	}
	/* once over, no more output is rendered (that work is what the budget
	 * bounds); the finding is made once the threads are joined, in words
	 * that do not depend on the order the threads rendered in */
	size_t total = atomic_fetch_add(&r->total, len) + len;
	if (total > l->v[FOLIO_LIMIT_SITE_SIZE]) {
		atomic_store(&r->over_site, true);
		atomic_store(&r->failed, true);
	}
	if (stopped(r))
		ok = false;
	if (!ok)
		folio_output_release(o);
	return ok;
}

/*
 * A dry run's output measured by its bound (render_bound.c) instead of
 * rendered, when the bound is within page-output: it cannot be past it.
 * The bound counts for its size in the site's total; a total past
 * site-size then says only that the site must be rendered to know
 * (folio_render__check does).
 */
static bool measured_by_bound(renderer *r, const folio_output *o)
{
	const folio_limits *l = folio_site_limits(r->site);
	size_t bound = folio_render__output_bound(r, o);
	if (bound > l->v[FOLIO_LIMIT_PAGE_OUTPUT])
		return false;
	atomic_fetch_add(&r->nbounded, 1);
	if (atomic_fetch_add(&r->total, bound) + bound > l->v[FOLIO_LIMIT_SITE_SIZE])
		atomic_store(&r->over_site, true);
	return true;
}

/* The first failure of the sink or of a read stops the writing; its
 * message is kept here, as errors are per thread. */
static void fail_with(renderer *r, int rc)
{
	int none = 0;
	if (atomic_compare_exchange_strong(&r->sink_rc, &none, rc))
		snprintf(r->sink_error, sizeof(r->sink_error), "%s", folio_error_last());
}

/*
 * A static file's bytes, read when its unit comes, by the thread that
 * renders it (under source_lock: a source is single-threaded). The sink
 * frees them once written, so a build holds about one static file per
 * thread, not all of them (300 MB of images were 300 MB resident).
 */
static void read_static(renderer *r, folio_output *o)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_source *src = folio_site_source(r->site);
	const char *id = o->file->id;
	pthread_mutex_lock(&r->source_lock);
	int rc = id && folio_source_commit(src) ? folio_source_read_id(&b, src, id)
	                                        : folio_source_read(&b, src, o->file->path);
	if (rc < 0)
		fail_with(r, rc);
	pthread_mutex_unlock(&r->source_lock);
	if (rc < 0) {
		folio_buf_dispose(&b);
		return;
	}
	o->data = folio_buf_detach(&b, &o->len);
}

static void render_unit(size_t i, void *payload)
{
	renderer *r = payload;
	folio_output *o = &r->outs.items[i];
	if ((r->selected && !r->selected[i]) || stopped(r))
		return;
	if (r->bound && measured_by_bound(r, o))
		return;
	switch (o->kind) {
	case FOLIO_UNIT_PAGE: folio_render__render_page(o, r); break;
	case FOLIO_UNIT_LIST: folio_render__render_list(o, r, o->number); break;
	case FOLIO_UNIT_FEED: folio_render__render_feed(o, r, i); break;
	case FOLIO_UNIT_HOME: folio_render__render_home(o, r); break;
	case FOLIO_UNIT_INDEX:
		if (folio_render__render_index(o, r) < 0) {
			fail_with(r, FOLIO_ERROR);
			return;
		}
		break;
	case FOLIO_UNIT_SITEMAP: folio_render__render_sitemap(o, r); break;
	case FOLIO_UNIT_STATIC:
		if (!o->data && !r->dry_run && atomic_load(&r->sink_rc) == 0)
			read_static(r, o);
		if (!o->data && !r->dry_run)
			return; /* not read: the failure is recorded */
		break;
	case FOLIO_UNIT_ALIAS: folio_render__render_alias(o, r); break;
	case FOLIO_UNIT_ATOM:
	case FOLIO_UNIT_RSS: folio_render__render_syndication(o, r); break;
	case FOLIO_UNIT_NOT_FOUND: folio_render__render_not_found(o, r); break;
	case FOLIO_UNIT_TERMS: folio_render__render_terms(o, r); break;
	case FOLIO_UNIT_TERM: folio_render__render_term(o, r); break;
	case FOLIO_UNIT_TERM_FEED: folio_render__render_term_feed(o, r); break;
	case FOLIO_UNIT_REDIRECT: folio_render__render_redirect(o, r); break;
	case FOLIO_UNIT_TERMS_RSS: folio_render__render_terms_rss(o, r); break;
	case FOLIO_UNIT_SECTION_RSS: folio_render__render_section_rss(o, r); break;
	}
	if (o->kind != FOLIO_UNIT_STATIC)
		prefix_links(r, o);
	if (!check_budgets(r, o))
		return;
	if (r->dry_run) {
		folio_output_release(o);
		return;
	}
	if (r->sink && atomic_load(&r->sink_rc) == 0) {
		int rc = r->sink(o, i, r->sink_payload);
		if (rc < 0)
			fail_with(r, rc);
	}
}

/*
 * A site that streams (folio_site_options.stream) holds no page's HTML: it
 * is rendered when an output needs it. Each page is in a collection's feed
 * page and has its own output: both are rendered on one thread, the pages
 * first, so that the HTML is rendered once and held for one feed page at
 * most (page_size pages). A group is a feed page with the outputs of its
 * items (units), or an output alone (feed SIZE_MAX, one unit).
 */
typedef struct {
	size_t feed;
	size_t one;    /* the output alone */
	size_t *units; /* else: the outputs of the feed page's items */
	size_t n;
	const folio_page *const *items; /* the feed page's items, whose HTML is memoised */
	size_t nitems;
} render_group;

typedef struct {
	renderer *r;
	render_group *groups;
	size_t count;
} group_job;

typedef struct {
	const folio_page *page;
	size_t unit;
} page_unit;

static int cmp_page_unit(const void *a, const void *b)
{
	const folio_page *x = ((const page_unit *)a)->page, *y = ((const page_unit *)b)->page;
	return x < y ? -1 : x > y;
}

/* The outputs of the site's size (index.json: 6 MB at 10,000 pages, the
 * sitemap) are handed out first: started last, the other threads would
 * wait for them. */
static bool heavy(const folio_output *o)
{
	return o->kind == FOLIO_UNIT_INDEX || o->kind == FOLIO_UNIT_SITEMAP;
}

static size_t plan_groups(const renderer *r, render_group **out)
{
	size_t n = r->outs.count, npages = 0, count = 0;
	page_unit *by_page = folio_xmalloc((n ? n : 1) * sizeof(*by_page));
	for (size_t i = 0; i < n; i++)
		if (r->outs.items[i].kind == FOLIO_UNIT_PAGE)
			by_page[npages++] = (page_unit){ r->outs.items[i].page, i };
	/* stable, as glibc's merge sort was: a page's outputs keep their order;
	 * the pages come nearly in the order of their addresses, one run */
	folio_sort(by_page, npages, sizeof(*by_page), cmp_page_unit);
	bool *grouped = folio_xcalloc(n ? n : 1, sizeof(*grouped));
	render_group *g = folio_xcalloc(n ? n : 1, sizeof(*g));
	for (size_t i = 0; i < n; i++)
		if (heavy(&r->outs.items[i])) {
			g[count++] = (render_group){ SIZE_MAX, i, NULL, 0, NULL, 0 };
			grouped[i] = true;
		}
	for (size_t i = 0; i < n; i++) {
		const folio_output *o = &r->outs.items[i];
		/* a feed page not rendered reads no item's HTML (a publish from
		 * the site model renders a few outputs of a streaming site) */
		if (o->kind != FOLIO_UNIT_FEED || (r->selected && !r->selected[i]))
			continue;
		size_t all;
		const folio_page *const *sorted = folio_render__feed_order_in(r, o->collection, o->lang, &all);
		size_t first, k = folio_render__list_page_items(o->collection, all, o->number, &first);
		render_group *e = &g[count++];
		*e = (render_group){ i, 0, folio_xmalloc((k ? k : 1) * sizeof(size_t)), 0, sorted + first, k };
		for (size_t j = 0; j < k; j++) {
			page_unit key = { sorted[first + j], 0 };
			const page_unit *u = folio_search(by_page, npages, sizeof(*by_page), &key,
			                                  cmp_page_unit);
			if (u && !grouped[u->unit]) {
				e->units[e->n++] = u->unit;
				grouped[u->unit] = true;
			}
		}
		grouped[i] = true;
	}
	for (size_t i = 0; i < n; i++) /* the others alone, after the feed pages */
		if (!grouped[i])
			g[count++] = (render_group){ SIZE_MAX, i, NULL, 0, NULL, 0 };
	free(grouped);
	free(by_page);
	*out = g;
	return count;
}

/* Is item p's own page among the group's outputs rendered? */
static bool unit_wanted(const renderer *r, const render_group *g, const folio_page *p)
{
	for (size_t k = 0; k < g->n; k++)
		if (r->outs.items[g->units[k]].page == p && (!r->selected || r->selected[g->units[k]]))
			return true;
	return false;
}

static void render_group_at(size_t i, void *payload)
{
	group_job *job = payload;
	render_group *g = &job->groups[i];
	if (g->feed == SIZE_MAX) {
		render_unit(g->one, job->r);
		return;
	}
	bool wanted = !stopped(job->r);
	html_memo *m = folio_xcalloc(g->nitems ? g->nitems : 1, sizeof(*m));
	for (size_t k = 0; wanted && k < g->nitems; k++) {
		/* an item whose fragment is kept is read only if its own page is
		 * rendered (page_html then reads it: no memo entry) */
		if (folio_render__kept_fragment(job->r, g->items[k]) && !unit_wanted(job->r, g, g->items[k]))
			continue;
		m[k].page = g->items[k];
		if (!g->items[k]->md.html)
			atomic_fetch_add(&job->r->nbodies, 1);
		if (!g->items[k]->md.html &&
		    !(m[k].html = folio_site_page_html_links(job->r->site, g->items[k], &m[k].len, &m[k].contained)))
			folio_render__render_failed(job->r);
	}
	folio_render__use_memo(m, wanted ? g->nitems : 0);
	for (size_t k = 0; k < g->n; k++)
		render_unit(g->units[k], job->r);
	render_unit(g->feed, job->r);
	folio_render__use_memo(NULL, 0);
	for (size_t k = 0; k < g->nitems; k++)
		free(m[k].html);
	free(m);
}

/* Every output, by groups when the site streams and the renderer is full. */
typedef struct {
	renderer *r;
	const size_t *order;
} ordered_job;

static void render_unit_in_order(size_t i, void *payload)
{
	ordered_job *job = payload;
	render_unit(job->order[i], job->r);
}

static void render_all(renderer *r, int jobs)
{
	if (r->slices || !r->feeds || !folio_site_streams(r->site)) {
		size_t n = r->outs.count, k = 0;
		size_t *order = folio_xmalloc((n ? n : 1) * sizeof(*order));
		for (int pass = 0; pass < 2; pass++) /* heavy() first */
			for (size_t i = 0; i < n; i++)
				if (heavy(&r->outs.items[i]) == !pass)
					order[k++] = i;
		ordered_job job = { r, order };
		folio_parallel_for(n, jobs, render_unit_in_order, &job);
		free(order);
		return;
	}
	group_job job = { r, NULL, 0 };
	job.count = plan_groups(r, &job.groups);
	folio_parallel_for(job.count, jobs, render_group_at, &job);
	for (size_t i = 0; i < job.count; i++)
		free(job.groups[i].units);
	free(job.groups);
}

static json_t *site_context(const renderer *r)
{
	json_t *s = json_object();
	folio_render__set_str(s, "title", r->cfg->title);
	folio_render__set_str(s, "description", r->cfg->description ? r->cfg->description : "");
	folio_render__set_str(s, "base_url", r->cfg->base_url);
	folio_render__set_str(s, "language", r->cfg->language);
	folio_render__set_str(s, "home_url", "/");
	if (folio_render__rtl(r->cfg->language))
		json_object_set_new(s, "rtl", json_true());
	json_t *cols = json_array();
	for (size_t c = 0; c < r->cfg->ncollections; c++) /* the navigation: the lists there are */
		if (!r->cfg->collections[c].unlisted)
			json_array_append_new(cols, folio_render__collection_json(r, &r->cfg->collections[c]));
	json_object_set_new(s, "collections", cols);
	/* of the commit, not the clock: the bytes depend on the site only */
	folio_source *src = folio_site_source(r->site);
	const char *commit = src ? folio_source_commit(src) : NULL;
	char stamp[FOLIO_TIMESTAMP_SIZE] = "";
	if (commit)
		folio_timestamp(stamp, folio_source_commit_time(src), -1);
	/* a directory has no commit: both empty (strnlen: folio_xstrndup copies n bytes) */
	folio_render__set_own(s, "commit",
	                      folio_xstrndup(commit ? commit : "", commit ? strnlen(commit, 7) : 0));
	folio_render__set_own(s, "year", folio_xstrndup(stamp, strnlen(stamp, 4)));
	return s;
}

static int cmp_output(const void *a, const void *b)
{
	return strcmp(((const folio_output *)a)->path, ((const folio_output *)b)->path);
}

static size_t depth(const char *path)
{
	size_t n = 0;
	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/'))
		n++;
	return n;
}

/* Of two pages that keep one old URL (aliases:, redirect_from:), whether
 * a's redirect page is the one published: the page whose file is least
 * deep (docs/archive/17.0/ holds older copies), then last in version order
 * (docs/22.0/x.md after docs/9.0/x.md), as a versioned site's newest copy
 * of its docs. */
static bool alias_wins(const folio_page *a, const folio_page *b)
{
	size_t da = depth(a->path), db = depth(b->path);
	if (da != db) /* vitess.io's docs/archive/17.0/ is older than its docs/18.0/ */
		return da < db;
	int c = strverscmp(a->path, b->path);
	return c > 0 || (c == 0 && strcmp(a->path, b->path) > 0);
}

/* The plan sorted by path, each old URL that several pages keep given to
 * one (alias_wins): Hugo writes them all and the last one stays, so
 * versioned docs that copy their aliases into each version publish. An old
 * URL that is the address of one other output (a page, a list) is that
 * output's: Hugo writes aliases first and pages over them (validation's
 * output/alias-taken). Any other outputs of one path stay, for
 * validation's output/clash. */
static void sort_plan(folio_outputs *outs)
{
	folio_sort(outs->items, outs->count, sizeof(*outs->items), cmp_output);
	size_t kept = 0;
	for (size_t i = 0; i < outs->count;) {
		size_t j = i, best = i, others = 0;
		bool aliases = true;
		for (; j < outs->count && !strcmp(outs->items[j].path, outs->items[i].path); j++) {
			bool alias = outs->items[j].kind == FOLIO_UNIT_ALIAS;
			if (!alias && !others++)
				best = j; /* the one output that is no alias */
			aliases = aliases && alias;
			if (aliases && alias_wins(outs->items[j].page, outs->items[best].page))
				best = j;
		}
		if (j - i > 1 && (aliases || others == 1)) {
			for (size_t k = i; k < j; k++)
				if (k != best) {
					free(outs->items[k].path);
					folio_output_release(&outs->items[k]);
				}
			outs->items[kept] = outs->items[best];
			outs->items[kept++].contested = aliases;
		} else {
			memmove(&outs->items[kept], &outs->items[i], (j - i) * sizeof(*outs->items));
			kept += j - i;
		}
		i = j;
	}
	outs->count = kept;
}

void folio_render_plan(folio_outputs *outs, const folio_site *site)
{
	FOLIO_ASSERT(folio_site_config(site));
	folio_taxonomy *t = folio_taxonomies_new(site);
	folio_render__sitemap *sm = folio_render__sitemap_new(site, t);
	size_t first = outs->count;
	folio_render__plan_units(outs, site, t, sm);
	folio_render__sitemap_free(sm);
	for (size_t i = first; i < outs->count; i++) { /* they go with t */
		outs->items[i].taxonomy = NULL;
		outs->items[i].term = NULL;
	}
	folio_taxonomies_free(t, folio_site_config(site));
	sort_plan(outs);
}

void folio_outputs_init(folio_outputs *outs)
{
	outs->items = NULL;
	outs->count = outs->alloc = 0;
}

void folio_outputs_dispose(folio_outputs *outs)
{
	for (size_t i = 0; i < outs->count; i++) {
		free(outs->items[i].path);
		folio_output_release(&outs->items[i]);
	}
	free(outs->items);
	folio_outputs_init(outs);
}

static renderer *renderer_alloc(const folio_site *site)
{
	renderer *r = folio_xcalloc(1, sizeof(*r));
	r->site = site;
	r->cfg = folio_site_config(site);
	folio_outputs_init(&r->outs);
	pthread_mutex_init(&r->diag_lock, NULL);
	pthread_mutex_init(&r->source_lock, NULL);
	pthread_mutex_init(&r->made_lock, NULL);
	pthread_mutex_init(&r->tversions_lock, NULL);
	pthread_mutex_init(&r->shared_lock, NULL);
	r->shared = json_object();
	folio_diags_init(&r->diags);
	folio_render__collect_refs(r);
	r->site_ctx = site_context(r);
	if (r->cfg->title) /* jekyll-seo-tag's smartify (render_units.c), once */
		r->site_title = r->cfg->smart_quotes
		                        ? folio_markdown_smartify(r->cfg->title, (const char *const *)r->cfg->smart_quotes,
		                                                  (const char *const *)r->cfg->typographic_symbols)
		                        : folio_xstrdup(r->cfg->title);
	r->link_prefix = base_path(r->cfg->base_url);
	r->pagers = folio_render__pagers_new();
	return r;
}

int folio_renderer_new(folio_renderer **out, const folio_site *site)
{
	*out = NULL;
	if (!folio_site_config(site))
		return folio_error_set("cannot render a site without a valid folio.yaml");
	renderer *r = renderer_alloc(site);
	/* per language (the site's first), per collection */
	size_t nc = r->cfg->ncollections, nf = nc * (r->cfg->nlanguages + 1);
	r->feeds = folio_xcalloc(nf ? nf : 1, sizeof(*r->feeds));
	for (size_t k = 0; k < nf; k++)
		r->feeds[k].pages = folio_render__sort_feed(r, &r->cfg->collections[k % nc],
		                              k < nc ? NULL : r->cfg->languages[k / nc - 1], &r->feeds[k].n);
	folio_render__sort_site_feeds(r); /* from the collections' orders */
	r->taxonomies = folio_taxonomies_new(site);
	r->sitemap = folio_render__sitemap_new(site, r->taxonomies);
	r->sections = folio_render__sections_new(r);
	folio_render__plan_units(&r->outs, site, r->taxonomies, r->sitemap);
	sort_plan(&r->outs);
	*out = r;
	return 0;
}

/* ---- partial renderers (see render_partial.h) ---- */

int folio_renderer__new_partial(folio_renderer **out, const folio_site *site)
{
	*out = NULL;
	if (!folio_site_config(site))
		return folio_error_set("cannot render a site without a valid folio.yaml");
	renderer *r = renderer_alloc(site);
	r->slices = folio_xcalloc(1, sizeof(*r->slices));
	r->aslices = 1;
	*out = r;
	return 0;
}

static size_t add_partial(renderer *r, folio_unit_kind kind, char *path)
{
	FOLIO_ASSERT(r->slices);
	folio_render__add_unit(&r->outs, kind, path);
	FOLIO_ARRAY_GROW(r->slices, r->outs.count - 1, r->aslices, r->outs.count);
	memset(&r->slices[r->outs.count - 1], 0, sizeof(*r->slices));
	return r->outs.count - 1;
}

size_t folio_renderer__add_page(folio_renderer *r, const folio_page *p)
{
	size_t i = add_partial(r, FOLIO_UNIT_PAGE, folio_layout_url_output(p->url));
	r->outs.items[i].page = p;
	return i;
}

size_t folio_renderer__add_feed_page(folio_renderer *r, const folio_collection *c, const char *lang,
                                     size_t number, size_t count, char **fragments, size_t n)
{
	/* where render_plan.c puts it */
	char *url = folio_render__in_lang(lang, folio_layout_feed_url(c, number));
	size_t i = add_partial(r, FOLIO_UNIT_FEED, folio_layout_url_output(url));
	free(url);
	r->outs.items[i].collection = c;
	r->outs.items[i].lang = lang;
	r->outs.items[i].number = number;
	r->slices[i].fragments = folio_xcalloc(n ? n : 1, sizeof(*fragments));
	for (size_t k = 0; k < n; k++)
		r->slices[i].fragments[k] = folio_xstrdup(fragments[k]);
	r->slices[i].n = n;
	r->slices[i].count = count;
	return i;
}

char *folio_renderer__feed_fragment(const folio_renderer *r, const folio_page *p)
{
	return folio_render__feed_fragment(r, p, NULL);
}

const folio_page *const *folio_renderer__feed_page_items(const folio_renderer *r, size_t i, size_t *n)
{
	const folio_output *o = &r->outs.items[i];
	*n = 0;
	if (o->kind != FOLIO_UNIT_FEED || r->slices)
		return NULL;
	size_t all, first;
	const folio_page *const *sorted = folio_render__feed_order_in(r, o->collection, o->lang, &all);
	*n = folio_render__list_page_items(o->collection, all, o->number, &first);
	return sorted + first;
}

void folio_renderer__use_fragments(folio_renderer *r, const folio_page **pages, char **fragments, size_t n)
{
	FOLIO_ASSERT(!r->kept);
	r->kept = folio_xcalloc(n ? n : 1, sizeof(*r->kept));
	for (size_t k = 0; k < n; k++)
		r->kept[k] = (struct kept_fragment){ pages[k], fragments[k] };
	r->nkept = n;
	folio_render__sort_kept(r);
}

void folio_renderer__collect_fragments(folio_renderer *r, const char *spill_dir, uint64_t cap)
{
	r->collect = true;
	if (spill_dir && !(r->made_spill = folio_spill_open(spill_dir, cap)))
		folio_log(FOLIO_LOG_DEBUG, "render", "feed items kept in memory: %s", folio_error_last());
}

size_t folio_renderer__made_count(const folio_renderer *r)
{
	return r->nmade;
}

size_t folio_renderer__made_spilled(const folio_renderer *r)
{
	return r->nmade_spilled;
}

char *folio_renderer__take_made(folio_renderer *r, size_t k, const folio_page **page, bool *contained)
{
	struct made_fragment *m = &r->made[k];
	*page = m->page;
	*contained = m->contained;
	char *frag = m->fragment;
	m->fragment = NULL;
	return frag ? frag : folio_spill_get(r->made_spill, m->at, m->len);
}

size_t folio_renderer__reused(const folio_renderer *r)
{
	return atomic_load(&((folio_renderer *)r)->nreused);
}

size_t folio_renderer__bodies_read(const folio_renderer *r)
{
	return atomic_load(&((folio_renderer *)r)->nbodies);
}

void folio_renderer_free(folio_renderer *r)
{
	if (!r)
		return;
	for (size_t c = 0; c < r->cfg->ncollections; c++) {
		for (size_t i = 0; i < r->refs[c].count; i++)
			free(r->refs[c].items[i].field);
		free(r->refs[c].items);
	}
	free(r->refs);
	for (size_t i = 0; i < r->ntversions; i++) {
		free(r->tversions[i].name);
		free(r->tversions[i].version);
	}
	free(r->tversions);
	json_decref(r->site_ctx);
	free(r->site_title);
	free(r->link_prefix);
	folio_render__pagers_free(r->pagers);
	if (r->slices)
		for (size_t i = 0; i < r->outs.count; i++) {
			for (size_t k = 0; k < r->slices[i].n; k++)
				free(r->slices[i].fragments[k]);
			free(r->slices[i].fragments);
		}
	free(r->slices);
	for (size_t k = 0; r->feeds && k < r->cfg->ncollections * (r->cfg->nlanguages + 1); k++)
		free((void *)r->feeds[k].pages);
	free(r->feeds);
	folio_render__free_site_feeds(r);
	folio_taxonomies_free(r->taxonomies, r->cfg);
	folio_render__sitemap_free(r->sitemap);
	folio_render__sections_free(r->sections);
	folio_outputs_dispose(&r->outs);
	pthread_mutex_destroy(&r->diag_lock);
	pthread_mutex_destroy(&r->source_lock);
	pthread_mutex_destroy(&r->made_lock);
	pthread_mutex_destroy(&r->tversions_lock);
	pthread_mutex_destroy(&r->shared_lock);
	json_decref(r->shared);
	for (size_t i = 0; i < r->nkept; i++)
		free(r->kept[i].fragment);
	free(r->kept);
	for (size_t i = 0; i < r->nmade; i++)
		free(r->made[i].fragment);
	free(r->made);
	folio_spill_free(r->made_spill);
	folio_diags_dispose(&r->diags);
	free(r);
}

void folio_renderer_move_diags(folio_renderer *r, folio_diags *diags)
{
	if (r)
		folio_diags_move(diags, &r->diags);
}

folio_outputs *folio_renderer_outputs(folio_renderer *r)
{
	return &r->outs;
}

int folio_renderer_render(folio_renderer *r, const bool *selected, int jobs)
{
	return folio_renderer_render_to(r, selected, jobs, NULL, NULL);
}

void folio_renderer_set_kept_bytes(folio_renderer *r, size_t bytes)
{
	r->kept_bytes = bytes;
}

/* The folders the plan's outputs need, each counted once (the output's own
 * folder aside): an inode and a block each, as a file is. A page's url: or
 * an alias of 500 nested names (/a/b/c/.../) is 500 folders for one file,
 * so counting files alone let 1,000 aliases of one page make 500,000 of
 * them. outs is sorted by path, so the paths below a folder follow one
 * another: a path adds the folders its parent's path does not share with
 * the previous path's. */
static size_t plan_folders(const folio_outputs *outs)
{
	size_t n = 0;
	const char *prev = "";
	for (size_t i = 0; i < outs->count; i++) {
		const char *p = outs->items[i].path, *q = prev;
		/* skip the folders p and prev share, whole names only */
		const char *shared = p;
		for (; *p && *p == *q; p++, q++)
			if (*p == '/')
				shared = p + 1;
		for (const char *s = strchr(shared, '/'); s; s = strchr(s + 1, '/'))
			n++;
		prev = outs->items[i].path;
	}
	return n;
}

int folio_renderer_render_to(folio_renderer *r, const bool *selected, int jobs,
                             folio_output_sink sink, void *payload)
{
	r->selected = selected;
	r->sink = sink;
	r->sink_payload = payload;
	atomic_init(&r->sink_rc, 0);
	atomic_init(&r->failed, false);
	atomic_init(&r->nreused, 0);
	atomic_init(&r->nbodies, 0);
	atomic_init(&r->over_site, false);
	atomic_init(&r->steps, 0);
	atomic_init(&r->over_work, false);
	atomic_init(&r->nbounded, 0);
	/* static files count at their blob size, known since the site loaded:
	 * past site-size, none of them is read */
	size_t statics = 0;
	for (size_t i = 0; i < r->outs.count; i++) {
		folio_output *o = &r->outs.items[i];
		if (o->kind == FOLIO_UNIT_STATIC && (!selected || selected[i]))
			statics += o->file->size;
	}
	atomic_init(&r->total, statics + r->kept_bytes);
	const folio_limits *l = folio_site_limits(r->site);
	if (statics + r->kept_bytes > l->v[FOLIO_LIMIT_SITE_SIZE])
		atomic_store(&r->over_site, true);
	/* every output of the site is planned, kept or rendered: a file each,
	 * of at least a disk block and an inode, which site-size's bytes do
	 * not count (100,000 aliases of a 2 MB push: 30 MB counted, 786 MB on
	 * disk); nothing is rendered past it */
	size_t nfolders = r->slices ? 0 : plan_folders(&r->outs);
	if (r->outs.count + nfolders > l->v[FOLIO_LIMIT_SITE_FILES]) {
		folio_render__render_finding(r, FOLIO_RULE_BUDGET_SITE_FILES, "folio.yaml",
		               "remove pages, aliases or static files; the server's operator sets site-files",
		               "the site would write %zu files and %zu folders, more than the site-files limit of %zu",
		               r->outs.count, nfolders, l->v[FOLIO_LIMIT_SITE_FILES]);
		r->selected = NULL;
		r->sink = NULL;
		folio_diags_sort(&r->diags);
		folio_error_set("the site goes past its budgets (findings say which)");
		return FOLIO_EINVALID;
	}
	int rc = 0;
	if (!atomic_load(&r->over_site)) {
		render_all(r, jobs);
		rc = atomic_load(&r->sink_rc);
		if (rc < 0) /* the threads are joined: the winner's message is complete */
			folio_error_set("%s", r->sink_error);
	}
	bool over_work = atomic_load(&r->over_work);
	folio_log(FOLIO_LOG_DEBUG, "render", "template steps: %zu (render-work %zu)", atomic_load(&r->steps),
	          l->v[FOLIO_LIMIT_RENDER_WORK]);
	if (rc == 0 && stopped(r)) {
		/* which outputs were rendered before the stop depends on the
		 * threads: their findings would too, so the budget's one stands
		 * alone, in the words of a full build whatever was kept (a site
		 * past both is told of the one that stopped it) */
		folio_diags_dispose(&r->diags);
		folio_diags_init(&r->diags);
		if (over_work)
			folio_render__render_finding(r, FOLIO_RULE_BUDGET_RENDER_WORK, "folio.yaml",
			               "make the templates do less per output (nested partials or lists), or render fewer "
			               "outputs; the server's operator sets render-work",
			               "the templates take more than the render-work limit of %zu steps for the "
			               "site's outputs; rendering stopped there", l->v[FOLIO_LIMIT_RENDER_WORK]);
		else
			folio_render__render_finding(r, FOLIO_RULE_BUDGET_SITE_SIZE, "folio.yaml",
			               "remove pages, long lists or static files; the server's operator sets site-size",
			               "the site's outputs add up to more than the site-size limit of %zu bytes; "
			               "rendering stopped there", l->v[FOLIO_LIMIT_SITE_SIZE]);
	}
	if (rc == 0 && atomic_load(&r->failed)) {
		folio_diags_sort(&r->diags);
		rc = FOLIO_EINVALID;
		folio_error_set("the site goes past its budgets (findings say which)");
	}
	r->selected = NULL;
	r->sink = NULL;
	return rc;
}

int folio_render__check(const folio_site *site, int jobs, folio_diags *diags, bool bound)
{
	folio_renderer *r = NULL;
	int rc = folio_renderer_new(&r, site);
	if (rc < 0)
		return rc;
	r->dry_run = true;
	r->bound = bound;
	rc = folio_renderer_render_to(r, NULL, jobs, NULL, NULL);
	if (atomic_load(&r->over_site) && atomic_load(&r->nbounded)) {
		/* past site-size counting bounds: only the real sizes can tell */
		folio_renderer_free(r);
		return folio_render__check(site, jobs, diags, false);
	}
	folio_renderer_move_diags(r, diags);
	folio_renderer_free(r);
	return rc == FOLIO_EINVALID ? 0 : rc;
}

int folio_render_check(const folio_site *site, int jobs, folio_diags *diags)
{
	return folio_render__check(site, jobs, diags, true);
}

int folio_render_site(folio_outputs *outs, const folio_site *site, const folio_render_options *opts)
{
	folio_renderer *r = NULL;
	int rc = folio_renderer_new(&r, site);
	if (rc < 0)
		return rc;
	rc = folio_renderer_render(r, NULL, opts ? opts->jobs : 0);
	if (rc == 0) {
		/* hand the outputs over, then let the caller's list own them */
		FOLIO_ARRAY_GROW(outs->items, outs->count, outs->alloc, outs->count + r->outs.count);
		memcpy(outs->items + outs->count, r->outs.items, r->outs.count * sizeof(*outs->items));
		outs->count += r->outs.count;
		r->outs.count = 0;
		folio_sort(outs->items, outs->count, sizeof(*outs->items), cmp_output);
	}
	folio_renderer_free(r);
	return rc;
}

int folio_output_each(const folio_output *o, int (*fn)(const void *chunk, size_t len, void *payload),
                      void *payload)
{
	if (!o->scratch)
		return fn(o->data ? o->data : "", o->len, payload);
	const size_t chunk = (size_t)1 << 20;
	for (size_t at = 0; at < o->len; at += chunk) {
		size_t n = o->len - at < chunk ? o->len - at : chunk;
		char *bytes = folio_spill_get(o->scratch, at, n);
		if (!bytes)
			return FOLIO_ERROR;
		int rc = fn(bytes, n, payload);
		free(bytes);
		if (rc)
			return rc;
	}
	return 0;
}

void folio_output_release(folio_output *o)
{
	free(o->data);
	o->data = NULL;
	folio_spill_free(o->scratch);
	o->scratch = NULL;
}
