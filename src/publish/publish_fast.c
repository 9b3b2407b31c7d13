/*
 * The fast path of publishing: a commit that changes only the bodies of a
 * few pages is published without loading the site. The state holds what is
 * needed of every other page (content id, URL, title, signature, heading
 * ids: the pages table) and each output's dependency lines, so that:
 *
 *  - the outputs to render are those whose lines name a changed page's old
 *    content id (its own page and its feed page: lists, the home page and
 *    index.json name its signature, which a body change leaves alone);
 *  - their new lines are the old ones with the content ids replaced;
 *  - validation is that of the changed pages against a partial site.
 *
 * Judging alone (folio_publish_judge: folio check --state, pre-receive, a
 * range's scratch state) also takes pages added and deleted, and pages
 * whose front matter, summary or heading ids changed ("reshaped": a
 * retitle): such a page is parsed and validated like a changed one, and
 * what it changes elsewhere is asked of the persistent site model (the
 * records and their reverse indexes, records.h); structure.c says how.
 * Publishing them needs lists, feeds, the sitemap and index.json rendered:
 * publish_model.c takes this judge's verdict (folio_publish__judge_change())
 * and loads the site from the records.
 *
 * The fast path is taken only when its result is provably the one of the
 * full path: the change holds only modified pages whose signature (front
 * matter and summary) and heading ids are unchanged, the changed pages have
 * no errors, the commit published had no errors and only findings of the
 * page-local rules (publish_judge.c), and folio itself (version, built-in
 * templates) is the one that wrote the state. Anything else returns 1 and is published
 * the usual way. The invariant tests compare its results, bytes and
 * findings, with full builds and full checks.
 *
 * By concern: publish_judge.c judges the change (and says which kept
 * findings may stand), publish_dirty.c finds the dirty outputs and their
 * new dependency lines, publish_feeds.c their feed pages; this file hands
 * them to the writer (publish_fast.h holds the working set).
 */
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "publish/publish_fast.h"
#include "render/render_partial.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/banned.h"
static int cmp_stored(const void *a, const void *b)
{
	return strcmp(((const stored_output *)a)->path, ((const stored_output *)b)->path);
}

/* Hand the work to the publisher: from here on, the change is published by this path. */
static int plan(fast *f, fast_work *w)
{
	publisher *p = f->p;
	int rc = folio_renderer__new_partial(&p->renderer, w->site);
	if (rc < 0)
		return rc;
	p->site = w->site;
	w->site = NULL;
	folio_publish__make_fragments(w, f->nouts, p->renderer);
	for (size_t i = 0; i < f->nouts; i++) {
		feed_page *fp = &w->feeds[i];
		if (fp->collection)
			folio_renderer__add_feed_page(p->renderer, fp->collection, fp->lang, fp->number, fp->count,
			                              fp->fragments, fp->n);
		else
			folio_renderer__add_page(p->renderer, w->changed[f->outs[i].change]);
	}
	p->plan = folio_renderer_outputs(p->renderer);
	p->deps = folio_xcalloc(f->nouts ? f->nouts : 1, sizeof(*p->deps));
	p->inputs = folio_xcalloc(f->nouts ? f->nouts : 1, sizeof(*p->inputs));
	p->stored = folio_xcalloc(f->nouts ? f->nouts : 1, sizeof(*p->stored));
	for (size_t i = 0; i < f->nouts; i++) {
		folio_publish__rewrite_deps(f, &f->outs[i]);
		p->deps[i] = f->outs[i].deps;
		f->outs[i].deps = NULL;
		folio_sha256_hex(p->inputs[i], p->deps[i], strlen(p->deps[i]));
		p->stored[i].path = folio_xstrdup(f->outs[i].path);
		snprintf(p->stored[i].bytes, sizeof(p->stored[i].bytes), "%s", f->outs[i].hash);
		p->stored[i].size = f->outs[i].size;
	}
	p->nstored = f->nouts;
	qsort(p->stored, p->nstored, sizeof(*p->stored), cmp_stored);
	p->stored_loaded = true; /* these rows, and no journal: an interrupted publish refused the path */
	p->partial = true;
	p->changed = w->changed;
	p->nchanged = f->nchanges;
	w->changed = NULL;
	p->journal_extra = folio_publish__keep_fragments;
	p->journal_payload = w;
	return 0;
}

/* The number of outputs, which a fast publish does not change. */
static int count_outputs(publisher *p, size_t *n)
{
	char *v = NULL;
	int rc = folio_state_get(p->st, "published_files", &v);
	*n = v ? strtoul(v, NULL, 10) : 0;
	free(v);
	return rc;
}

static int publish(fast *f)
{
	publisher *p = f->p;
	size_t n = p->plan->count;
	bool *all = folio_xmalloc((n ? n : 1) * sizeof(*all));
	char(*hashes)[FOLIO_SHA256_HEX] = folio_xcalloc(n ? n : 1, sizeof(*hashes));
	folio_publish__writer w = { .p = p, .hashes = hashes, .durable = true,
	                            .staged = folio_xcalloc(n ? n : 1, sizeof(char *)) };
	int rc;

	atomic_init(&w.written, 0);
	for (size_t i = 0; i < n; i++) {
		all[i] = true;
		p->stats->pages += p->plan->items[i].kind == FOLIO_UNIT_PAGE;
		if (p->opts->explain)
			fprintf(p->opts->explain, "%s: %s changed\n", p->plan->items[i].path,
			        f->changes[f->outs[i].change].path);
	}
	if ((rc = count_outputs(p, &p->stats->files)) < 0 ||
	    (rc = folio_publish__keep_bytes(p, all, NULL, 0)) < 0 ||
	    (rc = folio_publish__write_journal(p, all, NULL, 0)) < 0 ||
	    (rc = folio_renderer_render_to(p->renderer, all, p->opts->jobs,
	                                   folio_publish__write_if_changed, &w)) < 0 ||
	    (rc = folio_publish__rename_staged(&w)) < 0)
		goto done;
	p->stats->written = atomic_load(&w.written);
	rc = folio_publish__record(p, hashes, all, NULL, 0, false);
done:
	folio_publish__discard_staged(&w);
	free(hashes);
	free(all);
	return rc;
}
/* Do a page's links need pages the fast path does not load? Its terms'
 * addresses when a taxonomy has them at their texts' titles (slug_from:
 * title: the taxonomies, which a publish from the site model has), its
 * versions when its language is its front matter's (language_field:,
 * found by their permalinks: the whole site). */
static bool needs_others(const folio_config *cfg)
{
	if (cfg->language_field)
		return true;
	for (size_t t = 0; t < cfg->ntaxonomies; t++)
		if (cfg->taxonomy_titled[t])
			return true;
	return false;
}

int folio_publish__fast(publisher *p, folio_source *src)
{
	fast f = { .p = p, .src = src };
	fast_work w = { .p = p };
	folio_site__lookup lk = { folio_publish__lookup_page, folio_publish__lookup_file, &f };
	bool committed = false;
	int rc = 0;

	if (folio_publish__needs_full(p))
		return 1;
	if (!folio_publish__commit_values_allow(p->st, src))
		return 1;
	if ((rc = folio_publish__fast_judge(&f, &w, &lk)) < 0 || f.refused ||
	    (rc = folio_publish__find_dirty(&f)) < 0 || f.refused)
		goto done;
	folio_publish__classify(&f, &w);
	if (!f.refused && needs_others(folio_site_config(w.site)))
		f.refused = true;
	if (!f.refused)
		folio_publish__load_neighbours(&f, &w);
	if (f.refused)
		goto done;
	folio_site__index(w.site); /* with the neighbours parsed */
	if (p->opts->preview_base_url) /* validated already: rendered for the preview's address */
		folio_site__set_base_url(w.site, p->opts->preview_base_url);
	if ((rc = plan(&f, &w)) < 0)
		goto done;
	/* the verdict's findings, for the caller and for the record */
	folio_diags_move(p->diags, &f.findings);
	rc = publish(&f);
	committed = true;
	p->journal_extra = NULL; /* w is about to go */
	p->stats->fast = rc == 0;
done:
	if (rc < 0 && !committed) {
		/* nothing written yet: the usual way may still succeed (and checks the state) */
		folio_log(FOLIO_LOG_DEBUG, "publish", "fast path not taken: %s", folio_error_last());
		rc = 0;
		f.refused = true;
	}
	folio_publish__fast_dispose(&f, &w);
	return rc < 0 ? rc : f.refused ? 1 : 0;
}
