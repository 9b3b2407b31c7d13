/*
 * The fast path's judge (publish_fast.c says when it applies): the change
 * against the published commit, the changed pages parsed into a partial
 * site whose other pages come from the state's pages table, the proof that
 * the rest of the site sees them as before and that they have no errors,
 * and the verdict's findings. folio_publish__fast() publishes on it,
 * folio_publish__judge_change() hands it to publish_model.c, and
 * folio_publish_judge() gives it alone (folio check --state, pre-receive).
 *
 * Findings. The state keeps the published commit's findings (the findings
 * table, publish_findings.c). Under the conditions above the findings of
 * the pages that did not change cannot change, so the verdict is the kept
 * findings minus those of the changed pages, plus the changed pages' own
 * (parse and per-page validation; warnings only, an error refuses). That
 * holds for a kept finding only when its rule is page-local: computed
 * from one page's text and from what this path proves unchanged (every
 * other page's URL, title, signature and heading ids; the tree's paths;
 * templates, schemas, folio.yaml, folio itself). Allowed (page_local()):
 *  - text/repeated-paragraph (warning): one page's body against itself;
 *  - link/unpublished (a warning): a link or reference to a held page,
 *    whose status only time (refused: schedule_due) or a change of that
 *    page changes: a held page has no row in the pages table, so a change
 *    of it refuses (check_unchanged_outside()), and its deletion when
 *    linked to (structure.c);
 *  - shortcode/unknown and shortcode/liquid (warnings): one page's text
 *    against the shortcodes folio knows; link/anchor-unchecked (a warning):
 *    as link/anchor, the target's heading ids and its unknown shortcodes,
 *    which travel with its anchors (a change of either is a reshape);
 *  - isbn/unknown-range (warning): a page's front matter against the ISBN
 *    range table, the one the findings were kept with (FOLIO_ISBN_RANGES
 *    may replace it: another one refuses);
 *  - collection/root (a warning), and collection/unknown and
 *    template/unknown-variable when folio.yaml's rules: make them warnings
 *    (docs/rules.md): findings of files that are not pages (a Markdown
 *    file outside the collections, a template), made from the tree's paths,
 *    the templates and the schemas, all unchanged: a change of such a file
 *    is not a page change (no row in the pages table), so it is refused;
 *  - and, were they ever warnings, the other per-page rules: every front-matter rule,
 *    ref/missing and link/broken|anchor|asset (against other pages' keys,
 *    URLs and heading ids, unchanged), shortcode/invalid (a shortcode's
 *    own text; a ref's target is a link), date/invalid (the collection's
 *    date field of the page's front matter), link/external-syntax, isbn/length|
 *    check-digit|prefix|hyphenation|ean-mismatch, text/utf8|nul|too-large,
 *    html/raw, budget/front-matter, budget/table-cells.
 * Refused, whatever their severity: isbn/duplicate and
 * output/clash (a finding on one page made by another), budget/site-size
 * and budget/page-output|template-output (sizes of rendered outputs, which
 * other pages' bodies change), link/external-dead (the network's answer at
 * check time, which a publish never records), and every site-level rule
 * (config, schema, template syntax, tree, the other budgets).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/path.h"
#include "folio/render.h"
#include "folio/source.h"
#include "folio/validate.h"
#include "publish/publish_fast.h"
#include "render/deps.h"
#include "render/render_partial.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/text.h"
#include "util/timestamp.h"
#include "publish/state_db.h"
#include "publish/structure.h"
#include "util/banned.h"

#define FAST_MAX_PAGES 64 /* more changed pages than this: the usual way is as quick */
int folio_publish__fast_fail(fast *f, const char *what)
{
	return folio_error_set("state: %s: %s", what, sqlite3_errmsg(folio_state_db(f->p->st)));
}
/* ---- the state of the published commit ---- */

static char *meta(fast *f, const char *key)
{
	char *v = NULL;
	return folio_state_get(f->p->st, key, &v) == 0 ? v : NULL;
}

char *folio_publish__column(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? folio_xstrdup((const char *)t) : NULL;
}

/* Is path a page the change deletes? The state still holds its row. */
static bool is_deleted(const fast *f, const char *path)
{
	for (size_t i = 0; path && i < f->nchanges; i++)
		if (f->changes[i].kind == PAGE_DELETED && !strcmp(f->changes[i].path, path))
			return true;
	return false;
}

/* Is the row s stands on the version in lang (NULL: the site's language)?
 * A translation shares its collection and slug with the page it translates;
 * its file name ("x.fr.md") or its language's folder (language_dirs:) says
 * its language. */
static bool row_in(const fast *f, sqlite3_stmt *s, const char *lang)
{
	const char *path = (const char *)sqlite3_column_text(s, 0);
	const char *l = f->cfg && path ? folio_site__path_language(f->cfg, path, NULL) : NULL;
	return l == lang || (l && lang && !strcmp(l, lang));
}

bool folio_publish__lookup_page(folio_site__stub *out, const char *collection, const char *slug,
                                const char *lang, const char *url, void *payload)
{
	fast *f = payload;
	sqlite3_stmt *s = url ? f->by_url : f->by_key;
	int step;
	sqlite3_reset(s);
	if (url) {
		sqlite3_bind_text(s, 1, url, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_text(s, 1, collection, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, slug, -1, SQLITE_TRANSIENT);
	}
	while ((step = sqlite3_step(s)) == SQLITE_ROW && !url && !row_in(f, s, lang))
		;
	if (step != SQLITE_ROW || is_deleted(f, (const char *)sqlite3_column_text(s, 0)))
		return false;
	out->path = folio_publish__column(s, 0);
	out->id = folio_publish__column(s, 1);
	out->slug = folio_publish__column(s, 2);
	out->url = folio_publish__column(s, 3);
	out->title = folio_publish__column(s, 4);
	out->anchors = folio_publish__column(s, 5);
	return out->path && out->id && out->slug && out->url;
}

/* Static files are outputs at their own path. */
bool folio_publish__lookup_file(const char *path, void *payload)
{
	fast *f = payload;
	sqlite3_reset(f->file);
	sqlite3_bind_text(f->file, 1, path, -1, SQLITE_TRANSIENT);
	return sqlite3_step(f->file) == SQLITE_ROW;
}

static int prepare(fast *f)
{
	sqlite3 *db = folio_state_db(f->p->st);
	const char *cols = "SELECT path, blob_id, slug, url, title, anchors FROM pages";
	char *by_key = folio_xasprintf("%s WHERE collection = ? AND slug = ?", cols);
	char *by_url = folio_xasprintf("%s WHERE url = ?", cols);
	int ok = sqlite3_prepare_v2(db, by_key, -1, &f->by_key, NULL) == SQLITE_OK &&
	         sqlite3_prepare_v2(db, by_url, -1, &f->by_url, NULL) == SQLITE_OK &&
	         sqlite3_prepare_v2(db, "SELECT 1 FROM outputs WHERE path = ?", -1, &f->file, NULL) == SQLITE_OK;
	free(by_key);
	free(by_url);
	return ok ? 0 : folio_publish__fast_fail(f, "cannot prepare the page lookups");
}

/* May a kept finding of a page that did not change stand in the new verdict? (See the top.) */
static bool page_local(const folio_diag *d)
{
	switch (d->rule) {
	case FOLIO_RULE_FRONT_MATTER_SYNTAX:
	case FOLIO_RULE_FRONT_MATTER_DUPLICATE_KEY:
	case FOLIO_RULE_FRONT_MATTER_REQUIRED:
	case FOLIO_RULE_FRONT_MATTER_TYPE:
	case FOLIO_RULE_FRONT_MATTER_FORMAT:
	case FOLIO_RULE_FRONT_MATTER_KEY_CASE:
	case FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD:
	case FOLIO_RULE_FRONT_MATTER_SCHEMA:
	case FOLIO_RULE_REF_MISSING:
	case FOLIO_RULE_LINK_BROKEN:
	case FOLIO_RULE_LINK_ANCHOR:
	case FOLIO_RULE_LINK_ANCHOR_UNCHECKED:
	case FOLIO_RULE_LINK_ASSET:
	case FOLIO_RULE_LINK_UNPUBLISHED:
	case FOLIO_RULE_LINK_EXTERNAL_SYNTAX:
	case FOLIO_RULE_ISBN_LENGTH:
	case FOLIO_RULE_ISBN_CHECK_DIGIT:
	case FOLIO_RULE_ISBN_PREFIX:
	case FOLIO_RULE_ISBN_HYPHENATION:
	case FOLIO_RULE_ISBN_UNKNOWN_RANGE:
	case FOLIO_RULE_ISBN_EAN_MISMATCH:
	case FOLIO_RULE_TEXT_UTF8:
	case FOLIO_RULE_TEXT_NUL:
	case FOLIO_RULE_TEXT_TOO_LARGE:
	case FOLIO_RULE_TEXT_REPEATED_PARAGRAPH:
	case FOLIO_RULE_HTML_RAW:
	case FOLIO_RULE_SHORTCODE_UNKNOWN:
	case FOLIO_RULE_SHORTCODE_LIQUID:
	case FOLIO_RULE_SHORTCODE_INVALID:
	case FOLIO_RULE_DATE_INVALID:
	case FOLIO_RULE_BUDGET_FRONT_MATTER:
	case FOLIO_RULE_BUDGET_TABLE_CELLS:
	case FOLIO_RULE_COLLECTION_ROOT:
	case FOLIO_RULE_COLLECTION_UNKNOWN:
	case FOLIO_RULE_TEMPLATE_UNKNOWN_VARIABLE:
		return true;
	default:
		return false;
	}
}

/* The kept findings of the published commit, when every one is a warning
 * of a page-local rule, they are as many as the record says, and they were
 * found with the ISBN range table in use (an unchanged page's ISBN findings
 * follow it). */
static bool findings_allow(fast *f, const char *count)
{
	if (!folio_publish__findings_ranges_match(f->p->st) ||
	    folio_publish__load_findings(f->p->st, &f->findings) < 0 ||
	    strtoul(count, NULL, 10) != f->findings.count)
		return false;
	for (size_t i = 0; i < f->findings.count; i++)
		if (f->findings.items[i].severity != FOLIO_SEVERITY_WARNING || !page_local(&f->findings.items[i]))
			return false;
	return true;
}

/* Does the state describe the published commit, with no errors, made by this folio? */
static bool state_allows(fast *f, char **published)
{
	char *indexed = meta(f, "page_index_commit"), *findings = meta(f, "published_findings");
	char *build = meta(f, "page_index_build");
	char want[FOLIO_SHA256_HEX];
	folio_publish__build_id(want);
	*published = meta(f, "published_commit");
	bool ok = *published && indexed && !strcmp(*published, indexed) && findings && build &&
	          !strcmp(build, want) && findings_allow(f, findings);
	free(indexed);
	free(findings);
	free(build);
	/* a page due to appear or go since that publish changes lists and
	 * feeds: the site must be loaded at the new instant */
	if (ok && folio_publish__schedule_due(f->p->st, folio_schedule_now()))
		ok = false;
	if (ok && folio_publish__volatile(f->p->st))
		ok = false; /* an output whose records name nothing: the site is loaded */
	if (ok) {
		sqlite3_stmt *s = NULL;
		ok = sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT count(*) FROM journal", -1, &s,
		                        NULL) == SQLITE_OK &&
		     sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) == 0;
		sqlite3_finalize(s);
	}
	return ok;
}

/* ---- the change ---- */

static bool is_page_path(const char *path)
{
	size_t n = strlen(path);
	const char *base = strrchr(path, '/'), *name = base ? base + 1 : path;
	/* a refused path (folio/path.h) is never a page: the full path reports it;
	 * a section's _index.md (_index.fr.md) is the text of list pages and
	 * home pages, which the fast path does not render; so is the top's
	 * index.md (or README.md), where the top's other files are pages of
	 * a root collection (Jekyll's about.md) when the site has one, which
	 * loading the page asks; Jekyll's x.markdown is one as x.md is */
	bool top_text = !base && (!strncmp(name, "index.", 6) || !strncasecmp(name, "readme.", 7));
	return !top_text && strncmp(name, "_index.", 7) &&
	       (folio_ends_with(path, ".md") || folio_ends_with(path, ".markdown")) && !folio_path_check(path, n) &&
	       strncmp(path, "templates/", 10) && strncmp(path, "schemas/", 8) && strncmp(path, "static/", 7);
}

/* A leaf bundle's page ("x/index.md", "x/index.en.md"): the files of its
 * folder follow its URL, so adding or deleting it moves them. */
static bool is_bundle_page(const char *path)
{
	const char *base = strrchr(path, '/');
	return base && !strncmp(base, "/index.", 7);
}

static bool is_structural(const folio_change *c)
{
	const char *path = c->status == FOLIO_CHANGE_ADDED ? c->new_path : c->old_path;
	folio_entry_type type = c->status == FOLIO_CHANGE_ADDED ? c->new_type : c->old_type;
	return c->status != FOLIO_CHANGE_MODIFIED && type == FOLIO_ENTRY_FILE && is_page_path(path) &&
	       !is_bundle_page(path);
}

/* A change of no page: kept to be asked of the site's configuration once
 * it is read (folio_site_path_unread(), in folio_publish__fast_judge());
 * false when there are too many. */
static bool note_other(fast *f, const folio_change *c)
{
	if (f->nothers + 2 > FAST_MAX_PAGES)
		return false;
	const char *paths[] = { c->old_path, c->new_path };
	bool in_place = c->status == FOLIO_CHANGE_MODIFIED && c->old_type == FOLIO_ENTRY_FILE &&
	                c->new_type == FOLIO_ENTRY_FILE && c->old_id && c->old_path && c->new_path &&
	                !strcmp(c->old_path, c->new_path);
	for (size_t i = 0; i < 2; i++)
		if (paths[i] && (i == 0 || !c->old_path || strcmp(paths[0], paths[1]))) {
			size_t alloc = f->aothers;
			FOLIO_ARRAY_GROW(f->others, f->nothers, f->aothers, f->nothers + 1);
			if (alloc != f->aothers)
				f->others_old = folio_xrealloc(f->others_old, f->aothers * sizeof(*f->others_old));
			f->others_old[f->nothers] = in_place ? folio_xstrdup(c->old_id) : NULL;
			f->others[f->nothers++] = folio_xstrdup(paths[i]);
		}
	return true;
}

static int collect_change(const folio_change *c, void *payload)
{
	fast *f = payload;
	bool modified = c->status == FOLIO_CHANGE_MODIFIED && c->old_type == FOLIO_ENTRY_FILE &&
	                c->new_type == FOLIO_ENTRY_FILE && is_page_path(c->new_path);
	bool page = modified || (f->judging && is_structural(c));
	/* a page added or deleted changes lists, feeds and the sitemap, which
	 * this path does not render: judged here, published by publish_model.c;
	 * a file of no page may be one the site does not read (Gemfile.lock) */
	if (page ? f->nchanges == FAST_MAX_PAGES : !note_other(f, c)) {
		f->refused = true;
		return 1; /* stop the diff */
	}
	if (!page)
		return 0;
	FOLIO_ARRAY_GROW(f->changes, f->nchanges, f->achanges, f->nchanges + 1);
	page_change *pc = &f->changes[f->nchanges++];
	memset(pc, 0, sizeof(*pc)); /* the array grows by realloc() */
	pc->kind = modified ? PAGE_MODIFIED : c->status == FOLIO_CHANGE_ADDED ? PAGE_ADDED : PAGE_DELETED;
	pc->path = folio_xstrdup(pc->kind == PAGE_DELETED ? c->old_path : c->new_path);
	pc->old_id = c->old_id ? folio_xstrdup(c->old_id) : NULL;
	pc->new_id = c->new_id ? folio_xstrdup(c->new_id) : NULL;
	f->nadded += pc->kind == PAGE_ADDED;
	f->ndeleted += pc->kind == PAGE_DELETED;
	return 0;
}

/*
 * Is other file i one modified in place that only static outputs are made
 * of? The state's dependency lines say so: its old "path=blob" line is in
 * some outputs' lines, and each of them is a static file's copy ("unit=").
 * Such a file changes no verdict (it was there and still is) and no
 * page: the site model's publish copies it again, its inputs changed. A
 * file a page, list, template or schema reads is in their lines too.
 * Judging only: the fast path renders pages and copies nothing. Never a
 * file named as a page: its new front matter may make it one.
 */
static bool static_only(fast *f, size_t i)
{
	if (!f->others_old[i] || folio_site_path_named_page(f->others[i]))
		return false;
	if (!f->static_only &&
	    sqlite3_prepare_v2(folio_state_db(f->p->st),
	                       "SELECT count(*), coalesce(sum(EXISTS(SELECT 1 FROM deps s WHERE s.output = d.output"
	                       " AND s.dep = ?2)), 0) FROM deps d WHERE d.dep = ?1",
	                       -1, &f->static_only, NULL) != SQLITE_OK)
		return false;
	char kind[16];
	snprintf(kind, sizeof(kind), "%d", (int)FOLIO_UNIT_STATIC); /* as render_deps.c writes it */
	char *line = folio_dep_line(FOLIO_DEP_INPUT, f->others[i], f->others_old[i]);
	char *unit = folio_dep_line(FOLIO_DEP_INPUT, "unit", kind);
	sqlite3_reset(f->static_only);
	sqlite3_bind_text(f->static_only, 1, line, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(f->static_only, 2, unit, -1, SQLITE_TRANSIENT);
	free(line);
	free(unit);
	bool only = sqlite3_step(f->static_only) == SQLITE_ROW && sqlite3_column_int64(f->static_only, 0) > 0 &&
	            sqlite3_column_int64(f->static_only, 0) == sqlite3_column_int64(f->static_only, 1);
	sqlite3_reset(f->static_only);
	return only;
}

/* Is the site within site-size with other file i as it is now, counted
 * whole beside every byte published (its old copy among them)? Else the
 * full load counts the static files and says so, as it would have. */
static bool within_site_size(fast *f, folio_site *site, size_t i)
{
	size_t published = 0, size = 0;
	return folio_publish__published_bytes(f->p, &published) == 0 &&
	       folio_source_size(&size, f->src, f->others[i]) == 0 &&
	       published + size <= folio_site_limits(site)->v[FOLIO_LIMIT_SITE_SIZE];
}

/* Does an output the state holds read path by {% include_relative %}
 * ("relative:<path>=<id>", render_deps.c)? Then a change of it renders that
 * output again, which the full publish finds by its lines; the fast path
 * renders the changed pages alone. */
static bool relative_included(fast *f, const char *path)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT 1 FROM deps WHERE dep >= ?1 AND dep < ?2 LIMIT 1",
	                       -1, &s, NULL) != SQLITE_OK)
		return true; /* not known: the full publish */
	char *from = folio_xasprintf(FOLIO_DEP_RELATIVE "%s=", path), *to = folio_xstrdup(from);
	to[strlen(to) - 1] = '=' + 1; /* every value */
	sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, to, -1, SQLITE_TRANSIENT);
	bool found = sqlite3_step(s) != SQLITE_DONE;
	sqlite3_finalize(s);
	free(from);
	free(to);
	return found;
}

static int diff_published(fast *f, const char *published)
{
	folio_source *old = NULL;
	int rc = folio_site_open_rev(&old, f->src, published);
	if (rc == FOLIO_ENOTFOUND) {
		f->refused = true;
		return 0;
	}
	if (rc == 0)
		rc = folio_source_diff(old, f->src, collect_change, f);
	folio_source_free(old);
	if (rc == FOLIO_EINVALID) { /* past FOLIO_PATH_MAX_ENTRIES: the full path's listing says so */
		f->refused = true;
		return 0;
	}
	return rc < 0 ? rc : 0;
}
/*
 * The site's page text after the change: the published commit's (meta
 * published_text, which each publish keeps) with each changed page's blob
 * in place of its old one, sizes from their headers. The fast path counted
 * the changed pages alone, so a site grown past site-text by small commits
 * passed until its next full load (t536). Past it the full path judges the
 * commit, which says so. A state without the key (a folio before it, a
 * folder's build) counts the changed pages only, as before.
 */
static void within_site_text(fast *f, folio_site *site)
{
	char *v = meta(f, "published_text");
	if (!v)
		return;
	size_t total = (size_t)strtoull(v, NULL, 10), size;
	free(v);
	for (size_t i = 0; i < f->nchanges && !f->refused; i++) {
		const page_change *pc = &f->changes[i];
		if (pc->kind != PAGE_ADDED && pc->old_id) {
			f->refused = folio_source_size_id(&size, f->src, pc->old_id) < 0;
			total -= size < total ? size : total;
		}
		if (!f->refused && pc->kind != PAGE_DELETED && pc->new_id) {
			f->refused = folio_source_size_id(&size, f->src, pc->new_id) < 0 || total + size < total;
			total += size;
		}
	}
	if (!f->refused && total > folio_site_limits(site)->v[FOLIO_LIMIT_SITE_TEXT])
		f->refused = true;
	f->p->text_known = !f->refused;
	f->p->text_total = total;
}

/* The text this path parses is the changed pages' (and the items of their
 * feed pages), not the site's, which the state does not know: each
 * blob's size, from its header, is charged to site-text before it is
 * read. Past it the full path judges the commit, which sizes every page
 * before parsing any and says so (budget/site-text). */
static bool charge_blob(fast *f, folio_site *site, const char *id)
{
	size_t size = 0;
	if (folio_source_size_id(&size, f->src, id) == 0 && !folio_site__charge_text(site, size)) {
		f->refused = true;
		return false;
	}
	return true;
}

/*
 * The page at path, parsed from the blob id; NULL (and refused) when it has
 * errors. Its warnings join the verdict when keep (a changed page), else
 * they are the kept ones already (an unchanged item of a feed page).
 */
folio_page *folio_publish__load_page(fast *f, folio_site *site, const char *path, const char *id, bool keep)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_diags d;
	folio_diags_init(&d);
	/* a changed page's text was charged by load_pages; an item of its
	 * feed page is charged here, before it is read */
	if (!keep && !charge_blob(f, site, id))
		return NULL;
	if (folio_source_read_id(&b, f->src, id) < 0) {
		folio_buf_dispose(&b);
		f->refused = true;
		return NULL;
	}
	size_t len;
	char *raw = folio_buf_detach(&b, &len);
	f->nparsed++;
	folio_page *pg = folio_site__add_page(site, path, id, raw, len, &d);
	/* a link to a page not loaded, by its file, may not have its URL; a held
	 * page is no output: the full path takes it out of lists and feeds */
	/* nor one at "/": the home page's text, which the home page shows and
	 * this path does not render (site_index.c; its loads step aside for it
	 * before this today, t290: this says so where it matters) */
	if (!pg || !pg->ok || folio_diags_count(&d, FOLIO_SEVERITY_ERROR) ||
	    folio_site__guessed_urls(site) || pg->status != FOLIO_PAGE_PUBLISHED || !strcmp(pg->url, "/"))
		f->refused = true;
	else if (keep)
		folio_diags_move(&f->findings, &d);
	folio_diags_dispose(&d);
	return f->refused ? NULL : pg;
}
/* Parse the changed pages and the other items of their feed pages. */
static void load_pages(fast *f, fast_work *w)
{
	w->changed = folio_xcalloc(f->nchanges, sizeof(*w->changed));
	/* all of them before any is parsed: 400 added pages of 3.9 MB were
	 * parsed until the sum passed */
	for (size_t i = 0; i < f->nchanges && !f->refused; i++)
		if (f->changes[i].kind != PAGE_DELETED)
			charge_blob(f, w->site, f->changes[i].new_id);
	for (size_t i = 0; i < f->nchanges && !f->refused; i++)
		if (f->changes[i].kind != PAGE_DELETED)
			w->changed[i] = folio_publish__load_page(f, w->site, f->changes[i].path, f->changes[i].new_id, true);
}
/* A changed page must look to the rest of the site as it did. */
static void check_unchanged_outside(fast *f, fast_work *w)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(folio_state_db(f->p->st), "SELECT sig, anchors FROM pages WHERE path = ?",
	                       -1, &s, NULL) != SQLITE_OK) {
		f->refused = true;
		return;
	}
	for (size_t i = 0; i < f->nchanges && !f->refused; i++) {
		const folio_page *pg = w->changed[i];
		if (f->changes[i].kind != PAGE_MODIFIED)
			continue; /* added and deleted pages: check_structure() */
		char *anchors = folio_publish__anchors(pg);
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, pg->path, -1, SQLITE_STATIC);
		const char *sig = NULL, *old_anchors = NULL;
		if (sqlite3_step(s) == SQLITE_ROW) {
			sig = (const char *)sqlite3_column_text(s, 0);
			old_anchors = (const char *)sqlite3_column_text(s, 1);
		}
		bool anchors_changed = strcmp(old_anchors ? old_anchors : "", anchors) != 0;
		if (!sig) {
			f->refused = true;
		} else if (strcmp(sig, pg->sig) || anchors_changed) {
			/* what lists show of it or its heading ids changed: a verdict
			 * may still be judged (check_structure()), a publish may not */
			f->refused = !f->judging;
			f->changes[i].reshaped = true;
			f->changes[i].anchors_changed = anchors_changed;
			f->nreshaped++;
		}
		free(anchors);
	}
	sqlite3_finalize(s);
}

static void check_valid(fast *f, fast_work *w)
{
	folio_diags d;
	const folio_page **pages = folio_xcalloc(f->nchanges ? f->nchanges : 1, sizeof(*pages));
	size_t n = 0;
	for (size_t i = 0; i < f->nchanges; i++)
		if (w->changed[i])
			pages[n++] = w->changed[i];
	folio_diags_init(&d);
	folio_validate_pages(w->site, pages, n, &d);
	free(pages);
	if (folio_diags_count(&d, FOLIO_SEVERITY_ERROR))
		f->refused = true;
	else
		folio_diags_move(&f->findings, &d);
	folio_diags_dispose(&d);
}

/* Pages added or deleted (a verdict only): what they change elsewhere must
 * be nothing the kept findings show (structure.c). */
static void check_structure(fast *f, fast_work *w)
{
	const folio_page **added = folio_xcalloc(f->nchanges, sizeof(*added));
	const folio_page **reshaped = folio_xcalloc(f->nchanges, sizeof(*reshaped));
	bool *anchors_changed = folio_xcalloc(f->nchanges, sizeof(*anchors_changed));
	char **deleted = folio_xcalloc(f->nchanges, sizeof(*deleted));
	folio_publish__structure s = { .st = f->p->st, .site = w->site, .published = w->published,
	                               .added = added, .deleted = deleted, .reshaped = reshaped,
	                               .anchors_changed = anchors_changed, .kept = &f->findings };
	for (size_t i = 0; i < f->nchanges; i++) {
		if (f->changes[i].kind == PAGE_ADDED) {
			added[s.nadded++] = w->changed[i];
		} else if (f->changes[i].kind == PAGE_DELETED) {
			deleted[s.ndeleted++] = f->changes[i].path;
		} else if (f->changes[i].reshaped) {
			anchors_changed[s.nreshaped] = f->changes[i].anchors_changed;
			reshaped[s.nreshaped++] = w->changed[i];
		}
	}
	if (!folio_publish__structure_allows(&s))
		f->refused = true;
	free(added);
	free(reshaped);
	free(anchors_changed);
	free(deleted);
}

static int measured(folio_output *o, size_t index, void *payload)
{
	(void)index;
	(void)payload;
	folio_output_release(o);
	return 0;
}

/* Judging: the own outputs of the pages added and changed are rendered and
 * measured against the budgets (page-output, template-output), as a full
 * check does; one over them refuses, and the full check reports it. */
static void check_budgets(fast *f, fast_work *w)
{
	folio_renderer *r = NULL;
	if (folio_renderer__new_partial(&r, w->site) < 0) {
		f->refused = true;
		return;
	}
	for (size_t i = 0; i < f->nchanges; i++)
		if (w->changed[i])
			folio_renderer__add_page(r, w->changed[i]);
	if (folio_renderer_render_to(r, NULL, f->p->opts->jobs, measured, NULL) != 0)
		f->refused = true;
	folio_renderer_free(r);
}
/* Here beside the work's teardown, not in publish_feeds.c which fills it:
 * the judge then calls no feed code (files of the publisher call one way). */
void folio_publish__feed_page_dispose(feed_page *fp)
{
	for (size_t i = 0; i < fp->n; i++) {
		free(fp->paths[i]);
		free(fp->ids[i]);
	}
	free(fp->paths);
	free(fp->ids);
	free(fp->items);
	if (fp->fragments)
		for (size_t i = 0; i < fp->n; i++)
			free(fp->fragments[i]);
	free(fp->fragments);
	free(fp->made);
	free(fp->config);
}

void folio_publish__fast_dispose(fast *f, fast_work *w)
{
	for (size_t i = 0; i < f->nchanges; i++) {
		free(f->changes[i].path);
		free(f->changes[i].old_id);
		free(f->changes[i].new_id);
	}
	free(f->changes);
	for (size_t i = 0; i < f->nothers; i++) {
		free(f->others[i]);
		free(f->others_old[i]);
	}
	free(f->others);
	free(f->others_old);
	for (size_t i = 0; i < f->nouts; i++) {
		free(f->outs[i].path);
		free(f->outs[i].deps);
		if (w->feeds)
			folio_publish__feed_page_dispose(&w->feeds[i]);
	}
	free(f->outs);
	free(w->feeds);
	free(w->changed);
	free(w->published);
	folio_site_free(w->site);
	sqlite3_finalize(f->by_key);
	sqlite3_finalize(f->by_url);
	sqlite3_finalize(f->file);
	sqlite3_finalize(f->static_only);
	folio_diags_dispose(&f->findings);
}

/* The kept findings of the pages that changed give way to their new ones. */
static void drop_changed_findings(fast *f)
{
	size_t kept = 0;
	for (size_t i = 0; i < f->findings.count; i++) {
		folio_diag *d = &f->findings.items[i];
		bool changed = false;
		for (size_t k = 0; k < f->nchanges && !changed; k++)
			changed = !strcmp(f->changes[k].path, d->path);
		if (!changed) {
			f->findings.items[kept++] = *d;
			continue;
		}
		free(d->path);
		free(d->message);
		free(d->hint);
	}
	f->findings.count = kept;
}

/*
 * What judging and publishing share: the change against the published
 * commit, the changed pages parsed into a partial site, the proof that the
 * rest of the site sees them as before and that they have no errors, and
 * the verdict's findings in f->findings, sorted as the full path sorts them.
 * Sets f->refused when the fast path does not apply.
 */
int folio_publish__fast_judge(fast *f, fast_work *w, folio_site__lookup *lk)
{
	folio_site_options so = FOLIO_SITE_OPTIONS_INIT;
	int rc;

	so.jobs = f->p->opts->jobs;
	so.limits = f->p->opts->limits;
	if (!folio_source_commit(f->src) || !state_allows(f, &w->published)) {
		f->refused = true;
		return 0;
	}
	if ((rc = diff_published(f, w->published)) < 0 || f->refused || (rc = prepare(f)) < 0 ||
	    (rc = folio_site__open_partial(&w->site, f->src, &so, lk)) < 0)
		return rc;
	if (!folio_site_config(w->site) || folio_site_diags(w->site)->count) {
		f->refused = true;
		return 0;
	}
	f->cfg = folio_site_config(w->site);
	within_site_text(f, w->site);
	for (size_t i = 0; i < f->nothers && !f->refused; i++)
		f->refused = !folio_site_path_unread(f->cfg, f->others[i]) &&
		             !(f->judging && static_only(f, i) && within_site_size(f, w->site, i));
	for (size_t i = 0; i < f->nothers && !f->refused; i++)
		f->refused = f->cfg->jekyll_rules && relative_included(f, f->others[i]);
	for (size_t i = 0; i < f->nchanges && !f->refused; i++)
		f->refused = f->cfg->jekyll_rules && relative_included(f, f->changes[i].path);
	if (f->refused)
		return 0;
	drop_changed_findings(f);
	load_pages(f, w);
	/* a changed page that reads a file by include_relative: the fast
	 * publish keeps its old input lines, which would not name that file,
	 * and a later change of the file alone would leave the page as it is;
	 * the usual publish records them (a judge's verdict needs no lines) */
	for (size_t i = 0; !f->judging && !f->refused && i < folio_site_page_count(w->site); i++) {
		const folio_page *pg = folio_site_page(w->site, i);
		for (size_t k = 0; k < pg->md.nincludes && !f->refused; k++)
			f->refused = pg->md.includes[k][0] == '/';
	}
	/* a translated site: a page shows links to its other language versions,
	 * which the lookups find (by collection, slug and language). What
	 * adding, deleting or reshaping a page changes in the other languages
	 * (their links, their lists) is no finding: a verdict stands, and a
	 * publish is the site model's (publish_model.c renders the versions) */
	if (f->refused)
		return 0;
	folio_site__index(w->site);
	check_unchanged_outside(f, w);
	if (!f->refused && (f->nadded || f->ndeleted || f->nreshaped))
		check_structure(f, w);
	if (!f->refused)
		check_valid(f, w);
	if (!f->refused && f->judging) /* a publish renders them anyway */
		check_budgets(f, w);
	folio_diags_sort(&f->findings);
	return 0;
}
/* ---- judging for the model's publish (publish_model.c) ---- */

int folio_publish__judge_change(publisher *p, folio_source *src, folio_diags *verdict,
                                folio_publish__change *out)
{
	fast f = { .p = p, .src = src, .judging = true };
	fast_work w = { .p = p };
	folio_site__lookup lk = { folio_publish__lookup_page, folio_publish__lookup_file, &f };
	memset(out, 0, sizeof(*out));
	int rc = folio_publish__fast_judge(&f, &w, &lk);
	if (rc == 0 && !f.refused) {
		out->paths = folio_xcalloc(f.nchanges ? f.nchanges : 1, sizeof(*out->paths));
		out->deleted = folio_xcalloc(f.nchanges ? f.nchanges : 1, sizeof(*out->deleted));
		if (f.cfg->nlanguages) {
			out->collections = folio_xcalloc(f.nchanges ? f.nchanges : 1, sizeof(*out->collections));
			out->keys = folio_xcalloc(f.nchanges ? f.nchanges : 1, sizeof(*out->keys));
		}
		for (out->n = 0; out->n < f.nchanges; out->n++) {
			const folio_page *pg = w.changed[out->n];
			out->paths[out->n] = folio_xstrdup(f.changes[out->n].path);
			out->deleted[out->n] = f.changes[out->n].kind == PAGE_DELETED;
			if (out->keys && pg) {
				out->collections[out->n] = folio_xstrdup(pg->collection->name);
				out->keys[out->n] = folio_xstrdup(folio_page_translation_key(pg));
			}
		}
		out->nparsed = f.nparsed;
		folio_diags_move(verdict, &f.findings);
	}
	folio_publish__fast_dispose(&f, &w);
	return rc < 0 ? rc : f.refused ? 1 : 0;
}

/* ---- judging alone (a pre-receive hook) ---- */

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The pages of the commit judged: the published ones less those deleted,
 * and those added. */
static int page_paths(folio_fast_verdict *out, fast *f)
{
	sqlite3 *db = folio_state_db(f->p->st);
	sqlite3_stmt *s = NULL;
	size_t alloc = 0;
	if (sqlite3_prepare_v2(db, "SELECT path FROM pages ORDER BY path", -1, &s, NULL) != SQLITE_OK)
		return folio_error_set("state: cannot list pages: %s", sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (is_deleted(f, (const char *)sqlite3_column_text(s, 0)))
			continue;
		FOLIO_ARRAY_GROW(out->pages, out->npages, alloc, out->npages + 1);
		out->pages[out->npages++] = folio_publish__column(s, 0);
	}
	sqlite3_finalize(s);
	for (size_t i = 0; i < f->nchanges; i++) {
		if (f->changes[i].kind != PAGE_ADDED)
			continue;
		FOLIO_ARRAY_GROW(out->pages, out->npages, alloc, out->npages + 1);
		out->pages[out->npages++] = folio_xstrdup(f->changes[i].path);
	}
	if (f->nadded)
		qsort(out->pages, out->npages, sizeof(*out->pages), cmp_path);
	return 0;
}

int folio_publish_judge(folio_fast_verdict *out, folio_state *st, folio_source *src,
                        const folio_limits *limits)
{
	folio_publish_options po = FOLIO_PUBLISH_OPTIONS_INIT;
	po.limits = limits;
	folio_build_stats stats;
	publisher p = { .opts = &po, .stats = &stats };
	fast f = { .p = &p, .src = src, .judging = true };
	fast_work w = { .p = &p };
	folio_site__lookup lk = { folio_publish__lookup_page, folio_publish__lookup_file, &f };
	int rc;

	memset(out, 0, sizeof(*out));
	po.state_dir = folio_state_dir(st);
	p.st = st;
	folio_state_reserve(st); /* borrowed: no other thread's transaction inside the snapshot */
	/* one read snapshot for every table the judge asks: a publish the
	 * daemon commits meanwhile must not mix two commits' records */
	rc = folio_state_exec(p.st, "BEGIN");
	if (rc == 0)
		rc = folio_publish__fast_judge(&f, &w, &lk);
	if (rc == 0 && !f.refused) {
		const folio_config *cfg = folio_site_config(w.site);
		out->branch = folio_xstrdup(cfg->branch ? cfg->branch : "main");
		folio_diags_move(&out->diags, &f.findings);
		rc = page_paths(out, &f);
		folio_log(FOLIO_LOG_DEBUG, "check", "judged %.12s from the state: %zu pages changed (%zu beyond"
		          " their body), %zu added, %zu deleted; %zu pages parsed", folio_source_commit(src),
		          f.nchanges - f.nadded - f.ndeleted, f.nreshaped, f.nadded, f.ndeleted, f.nparsed);
	}
	if (rc < 0)
		folio_log(FOLIO_LOG_DEBUG, "check", "no fast verdict: %s", folio_error_last());
	folio_publish__fast_dispose(&f, &w);
	folio_state_rollback(p.st); /* nothing was written: the snapshot ends */
	folio_state_unreserve(p.st);
	if (rc < 0 || f.refused) {
		folio_fast_verdict_dispose(out);
		return 1;
	}
	return 0;
}

void folio_fast_verdict_dispose(folio_fast_verdict *v)
{
	for (size_t i = 0; i < v->npages; i++)
		free(v->pages[i]);
	free(v->pages);
	free(v->branch);
	folio_diags_dispose(&v->diags);
	memset(v, 0, sizeof(*v));
}
