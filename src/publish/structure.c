/*
 * Pages added or deleted, judged from the records (structure.h). What a
 * full validation would find differently elsewhere in the site, and how
 * each is ruled out here:
 *  - an added page takes a URL, a collection key (in its language: a
 *    translation shares its page's) or an output another page
 *    (published or held) or file holds, or an output that is a folder of
 *    one, or the reverse (output/clash): the records by URL and key, and
 *    the outputs table by folded path (folio_path_fold(): /About/ is
 *    /about/ where names are compared so), are asked; and the site's
 *    lists, feeds and term pages it may lengthen land on no page's URL or
 *    alias ("records_generated_urls": pages, aliases and static files in that
 *    space, counted by the publish that wrote the records);
 *  - an added page holds an ISBN another holds (isbn/duplicate): the ISBN
 *    index is asked;
 *  - an added page (or its aliases, refused) settles a broken link, a
 *    missing anchor or a missing reference of another page (kept as a
 *    warning, by folio.yaml's rules): the reverse indexes name the pages
 *    that link to its URL (or to the URL its file name spells, as a link to
 *    a missing .md file resolves) or reference its key, and one of them
 *    with a kept finding of a link or reference refuses;
 *  - a deleted page breaks the links and references of the pages that
 *    stay: the reverse indexes name them, which refuses (their full
 *    verdict has errors), as do aliases of the deleted page (old URLs
 *    others may link to); a translation answers no reference (a key
 *    finds the site's language), only links;
 *  - a reshaped page (front matter, summary or heading ids changed, a
 *    retitle) that keeps its URL, key and status changes for the other
 *    pages only the ISBN it holds (asked of the ISBN index), the heading
 *    ids links may name (any link to it with a fragment refuses when they
 *    changed: the link index holds the fragments), the terms of its
 *    taxonomies (term pages: "records_generated_urls" as for an added
 *    page) and its aliases (refused, before and after);
 *  - a leaf bundle's index.md moves its files: never given here
 *    (publish_judge.c).
 * Findings of the deleted pages go with them (the caller drops them).
 */
#include "publish/structure.h"

#include <stdlib.h>
#include <string.h>

#include "folio/path.h"
#include "publish/records.h"
#include "publish/state_db.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/banned.h"

static bool meta_is(folio_state *st, const char *key, const char *want)
{
	char *v = NULL;
	bool is = folio_state_get(st, key, &v) == 0 && v && !strcmp(v, want);
	free(v);
	return is;
}

static bool refuse(const char *path, const char *why)
{
	folio_log(FOLIO_LOG_DEBUG, "check", "not judged from the state: %s %s", path, why);
	return false;
}

/* A finding another page's arrival could settle. */
static bool cross_page(const folio_diag *d)
{
	return d->rule == FOLIO_RULE_LINK_BROKEN || d->rule == FOLIO_RULE_LINK_ANCHOR ||
	       d->rule == FOLIO_RULE_LINK_ASSET || d->rule == FOLIO_RULE_REF_MISSING;
}

static bool has_aliases(const json_t *meta)
{
	return json_object_get(meta, "aliases") || json_object_get(meta, "redirect_from");
}

/* Does sql, run with the text parameters, give a row? (An error says yes: refuse.) */
static bool any_row(folio_state *st, const char *sql, int n, const char *const *params)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(folio_state_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return true;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(s, i + 1, params[i], -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step != SQLITE_DONE;
}

/* Is output, a folder of it, or a path below it, an output of the published
 * commit, compared folded (folio_path_fold(): "About/index.html" is
 * "about/index.html" on macOS)? A full check tells such outputs
 * output/clash, so the full path judges them. */
static bool output_taken(folio_state *st, const char *output)
{
	char *fold = folio_path_fold(output, strlen(output));
	if (!fold)
		return true;
	bool taken = any_row(st, "SELECT 1 FROM outputs WHERE folded = ?", 1, (const char *const *)&fold);
	for (const char *slash = strchr(fold, '/'); slash && !taken; slash = strchr(slash + 1, '/')) {
		char *folder = folio_xstrndup(fold, (size_t)(slash - fold));
		taken = any_row(st, "SELECT 1 FROM outputs WHERE folded = ?", 1, (const char *const *)&folder);
		free(folder);
	}
	/* below it: a range of the index, fold + "/" to fold + "0" */
	char *lo = folio_xasprintf("%s/", fold), *hi = folio_xasprintf("%s0", fold);
	taken = taken || any_row(st, "SELECT 1 FROM outputs WHERE folded >= ? AND folded < ?", 2,
	                         (const char *const[]){ lo, hi });
	free(lo);
	free(hi);
	free(fold);
	return taken;
}

/* Are two addresses one once folded (output_taken())? */
static bool same_folded(const char *a, const char *b)
{
	char *x = folio_path_fold(a, strlen(a)), *y = folio_path_fold(b, strlen(b));
	bool same = !x || !y || !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

static bool any_staying(const folio_publish__structure *s, char **paths, size_t n);

/* Is path a page the change deletes or reshapes? Its record no longer says
 * what it holds. */
static bool deleted(const folio_publish__structure *s, const char *path)
{
	for (size_t i = 0; i < s->ndeleted; i++)
		if (!strcmp(s->deleted[i], path))
			return true;
	for (size_t i = 0; i < s->nreshaped; i++)
		if (!strcmp(s->reshaped[i]->path, path))
			return true;
	return false;
}

/* The ISBNs of the pages added and reshaped before page k of that list:
 * none may be one of p's. */
static bool isbn_among_new(const folio_publish__structure *s, const folio_record *r, size_t k)
{
	for (size_t a = 0; a < k; a++) {
		const folio_page *o = a < s->nadded ? s->added[a] : s->reshaped[a - s->nadded];
		folio_record other;
		folio_record_of(&other, s->site, o);
		bool same = false;
		for (size_t i = 0; i < r->nisbns && !same; i++)
			for (size_t j = 0; j < other.nisbns && !same; j++)
				same = !strcmp(other.isbns[j], r->isbns[i]);
		folio_record_dispose(&other);
		if (same)
			return true;
	}
	return false;
}

/* Does an ISBN of p (the k-th page added or reshaped) belong to another page? */
static bool isbn_taken(const folio_publish__structure *s, const folio_page *p, size_t k)
{
	folio_record r;
	char **paths = NULL;
	size_t n = 0;
	folio_record_of(&r, s->site, p);
	bool taken = isbn_among_new(s, &r, k);
	for (size_t i = 0; !taken && i < r.nisbns; i++)
		taken = folio_records_holding_isbn(s->st, r.isbns[i], &paths, &n) < 0 || any_staying(s, paths, n);
	folio_record_dispose(&r);
	return taken;
}

/* Does a page that stays, of those a reverse index gave (freed), have a
 * kept finding that an added page may settle? */
static bool any_settled(const folio_publish__structure *s, char **paths, size_t n)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; !any && k < s->kept->count; k++)
			any = cross_page(&s->kept->items[k]) && !strcmp(s->kept->items[k].path, paths[i]);
		free(paths[i]);
	}
	free(paths);
	return any;
}

/* Paths that stay, of those a reverse index gave (freed). */
static bool any_staying(const folio_publish__structure *s, char **paths, size_t n)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		any |= !deleted(s, paths[i]);
		free(paths[i]);
	}
	free(paths);
	return any;
}

/* Does p give a term holding '/' (Hugo's urlize keeps it: a hierarchical
 * category)? Its pages are nested below the taxonomy's folder, where they
 * may meet another term's pagination or feeds (a/page/2), which only the
 * plan of the whole site shows. */
static bool nested_term(const folio_config *cfg, const folio_page *p)
{
	if (!cfg->hugo_links && !cfg->term_keeps_case)
		return false; /* terms are plain slugs */
	for (size_t t = 0; t < cfg->ntaxonomies; t++) {
		json_t *v = folio_page_meta_get(p, cfg->taxonomies[t]), *item;
		size_t i;
		if (json_is_string(v) && strchr(json_string_value(v), '/'))
			return true;
		json_array_foreach(v, i, item)
			if (json_is_string(item) && strchr(json_string_value(item), '/'))
				return true;
	}
	return false;
}

/* Does the term named by v (a string) have a slug that is not its own fold? */
static bool term_unfolded(const folio_config *cfg, json_t *v, bool *any)
{
	if (!json_is_string(v))
		return false;
	char *slug = folio_layout_term_slug(cfg, json_string_value(v), json_string_length(v), NULL);
	char *fold = slug ? folio_path_fold(slug, strlen(slug)) : NULL;
	bool unfolded = slug && (!fold || strcmp(fold, slug));
	*any = *any || slug;
	free(slug);
	free(fold);
	return unfolded;
}

/* Does p give a term whose pages may be another term's once folded ("GO"
 * and "go" under term_case: keep, "café" NFC and NFD under Hugo's urlize)?
 * A full check tells them output/clash (check_folded_clashes()), and the
 * state knows no term by its fold: such a page is judged the full way when
 * one of its terms is not its own fold, or when it gives terms and the
 * published commit has a term output that is not (a term "GO" that a new
 * "go" would meet). Plain slugs are lower-case ASCII: never. */
static bool term_may_fold(const folio_publish__structure *s, const folio_page *p)
{
	const folio_config *cfg = folio_site_config(s->site);
	if (!cfg->hugo_links && !cfg->term_keeps_case)
		return false;
	bool any = false;
	for (size_t t = 0; t < cfg->ntaxonomies; t++) {
		json_t *v = folio_page_meta_get(p, cfg->taxonomies[t]), *item;
		size_t i;
		if (term_unfolded(cfg, v, &any))
			return true;
		json_array_foreach(v, i, item)
			if (term_unfolded(cfg, item, &any))
				return true;
	}
	for (size_t t = 0; any && t < cfg->ntaxonomies; t++) {
		/* below the folder in any language ("fr/tags/"); LIKE ignores ASCII
		 * case and reads '_' as any character: more, never fewer */
		char *pattern = folio_xasprintf("%%%s/%%", cfg->term_folders[t]);
		bool found = any_row(s->st, "SELECT 1 FROM outputs WHERE folded <> path AND path LIKE ?", 1,
		                     (const char *const *)&pattern);
		free(pattern);
		if (found)
			return true;
	}
	return false;
}

static bool added_allowed(const folio_publish__structure *s, size_t k)
{
	const folio_page *p = s->added[k];
	const folio_config *cfg = folio_site_config(s->site);
	if (has_aliases(folio_page_meta(p)))
		return refuse(p->path, "has aliases");
	if (nested_term(cfg, p))
		return refuse(p->path, "gives a term holding '/'");
	if (term_may_fold(s, p))
		return refuse(p->path, "gives a term that may be another once folded");
	if (folio_layout_is_generated(cfg, p->url))
		return refuse(p->path, "has a URL of a list or feed");
	/* a key is a language's: a translation shares its page's (lang IS NULL:
	 * the site's language, which a NULL parameter binds) */
	if (any_row(s->st, "SELECT 1 FROM records WHERE url = ?1 OR (collection = ?2 AND slug = ?3 AND"
	            " lang IS ?4)", 4, (const char *const[]){ p->url, p->collection->name, p->slug, p->lang }))
		return refuse(p->path, "takes another page's URL or key");
	for (size_t i = 0; i < k; i++)
		if (same_folded(s->added[i]->url, p->url) ||
		    (s->added[i]->collection == p->collection && !strcmp(s->added[i]->slug, p->slug) &&
		     !s->added[i]->lang == !p->lang && (!p->lang || !strcmp(s->added[i]->lang, p->lang))))
			return refuse(p->path, "takes another added page's URL or key");
	char *output = folio_layout_url_output(p->url);
	bool taken = output_taken(s->st, output);
	free(output);
	if (taken)
		return refuse(p->path, "has an output of the published commit");
	/* "people/x.md" spells "/people/x/", as a link to it resolved while it
	 * was missing ("_posts/x.markdown" too) */
	const char *base = strrchr(p->path, '/'), *dot = strrchr(base ? base : p->path, '.');
	char *spelled = folio_xasprintf("/%.*s/", (int)(dot ? (size_t)(dot - p->path) : strlen(p->path)), p->path);
	char **paths = NULL;
	size_t n = 0;
	bool settles = folio_records_linking_to(s->st, p->url, &paths, &n) < 0 || any_settled(s, paths, n) ||
	               folio_records_linking_to(s->st, spelled, &paths, &n) < 0 || any_settled(s, paths, n) ||
	               folio_records_referencing(s->st, p->collection->name, p->slug, &paths, &n) < 0 ||
	               any_settled(s, paths, n);
	free(spelled);
	if (settles)
		return refuse(p->path, "may settle a kept finding of a page linking to it");
	return isbn_taken(s, p, k) ? refuse(p->path, "holds another page's ISBN") : true;
}

static bool reshaped_allowed(const folio_publish__structure *s, size_t k)
{
	const folio_page *p = s->reshaped[k];
	folio_record old;
	if (has_aliases(folio_page_meta(p)))
		return refuse(p->path, "has aliases");
	if (nested_term(folio_site_config(s->site), p))
		return refuse(p->path, "gives a term holding '/'");
	if (term_may_fold(s, p))
		return refuse(p->path, "gives a term that may be another once folded");
	if (folio_record_get(s->st, p->path, &old) < 0)
		return refuse(p->path, "has no record");
	json_t *meta = json_loads(old.meta, 0, NULL);
	bool same = meta && !has_aliases(meta) && !strcmp(old.url, p->url) &&
	            !strcmp(old.collection, p->collection->name) && !strcmp(old.slug, p->slug);
	json_decref(meta);
	folio_record_dispose(&old);
	if (!same)
		return refuse(p->path, "moved or had aliases");
	bool anchored = false;
	if (s->anchors_changed[k])
		folio_records_linking_with_anchor(s->st, p->url, p->path, &anchored);
	if (anchored)
		return refuse(p->path, "changed heading ids another page links to");
	return isbn_taken(s, p, s->nadded + k) ? refuse(p->path, "holds another page's ISBN") : true;
}

static bool deleted_allowed(const folio_publish__structure *s, const char *path)
{
	folio_record r;
	char **paths = NULL;
	size_t n = 0;
	if (folio_record_get(s->st, path, &r) < 0)
		return refuse(path, "has no record");
	json_t *meta = json_loads(r.meta, 0, NULL);
	bool ok = meta && !has_aliases(meta);
	json_decref(meta);
	if (!ok) {
		folio_record_dispose(&r);
		return refuse(path, "had aliases");
	}
	/* a reference names a page of the site's language: a translation
	 * answers none (model/site_index.c finds by key in that language only) */
	ok = folio_records_linking_to(s->st, r.url, &paths, &n) == 0 && !any_staying(s, paths, n) &&
	     (r.lang || (folio_records_referencing(s->st, r.collection, r.slug, &paths, &n) == 0 &&
	                 !any_staying(s, paths, n)));
	folio_record_dispose(&r);
	return ok ? true : refuse(path, "is linked to or referenced");
}

bool folio_publish__structure_allows(const folio_publish__structure *s)
{
	if (!s->nadded && !s->ndeleted && !s->nreshaped)
		return true;
	/* the records describe the commit judged against (a state of version 5,
	 * or a fast publish over one, has none yet) */
	if (!meta_is(s->st, "records_commit", s->published))
		return refuse(s->published, "is not the commit of the records");
	if ((s->nadded || s->nreshaped) && !meta_is(s->st, "records_generated_urls", "0"))
		return refuse(s->published, "has pages at URLs of lists or feeds");
	for (size_t i = 0; i < s->nadded; i++)
		if (!added_allowed(s, i))
			return false;
	for (size_t i = 0; i < s->ndeleted; i++)
		if (!deleted_allowed(s, s->deleted[i]))
			return false;
	for (size_t i = 0; i < s->nreshaped; i++)
		if (!reshaped_allowed(s, i))
			return false;
	return true;
}
