/*
 * The links of a page (validate.c's checks, one page at a time): a link
 * inside the site must lead to a published page, an anchor it has, a file
 * the site publishes or a folder it generates; an external one must be a
 * well-formed URL; front matter URLs of this site are links too.
 */
#include "folio/validate.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "check/validate.h"
#include "folio/buf.h"
#include "folio/frontmatter.h"
#include "folio/source.h"
#include "folio/i18n.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/search.h"
#include "util/timestamp.h"
#include "util/banned.h"

/*
 * Where a finding about a page's value points, and the warning for a link to
 * a held page: shared with validate.c, they live here so validate.c calls
 * this file and this file never calls back.
 */
void folio_validate__value_position(const folio_site *site, const folio_page *p, const char *pointer,
                                    bool key, unsigned *line, unsigned *col)
{
	folio_site_value_position(site, p, pointer, key, line, col);
}

/* ---- held pages ---- */

/* "a draft", "a page published only from 2026-12-24T10:00:00Z", ... into out. */
static void describe_held(char *out, size_t size, const folio_page *t)
{
	char when[FOLIO_TIMESTAMP_SIZE] = "";
	switch (t->status) {
	case FOLIO_PAGE_PENDING:
		folio_timestamp(when, t->schedule.publish_at, -1);
		snprintf(out, size, folio_i18n_finding("a page published only from %s"), when);
		break;
	case FOLIO_PAGE_EXPIRED:
		folio_timestamp(when, t->schedule.expiry_at, -1);
		snprintf(out, size, folio_i18n_finding("a page taken down at %s"), when);
		break;
	default:
		snprintf(out, size, "%s", folio_i18n_finding("a draft"));
		break;
	}
}

/*
 * A published page p that leads to a held page t: a warning, not an error,
 * so that time passing (a page expiring) never stops a site from being
 * published. Links between held pages say nothing: the site is checked
 * again when one of them appears.
 */
void folio_validate__check_held_target(const folio_page *p, const folio_page *t,
                                       const char *written, unsigned line, unsigned col,
                                       folio_diags *d)
{
	if (p->status != FOLIO_PAGE_PUBLISHED)
		return;
	char what[96];
	describe_held(what, sizeof(what), t);
	folio_diags_add(d, FOLIO_RULE_LINK_UNPUBLISHED, p->path, line, col,
	                "publish the target first, or link to it once it is published",
	                "link to \"%s\" points to %s (\"%s\")", written, what, t->path);
}


/* ---- links ---- */

/* frag with its %XX escapes decoded ("contenus-non-autoris%C3%A9s" ->
 * "contenus-non-autorisés"), as a browser matches it against ids. */
static char *percent_decode(const char *frag)
{
	char *out = folio_xstrdup(frag);
	folio_percent_decode(out);
	return out;
}

static bool has_anchor_id(const folio_page *target, const char *frag)
{
	if (frag[0] == FOLIO_MARKDOWN_SHORTCODE_MARK)
		return false; /* "%01include": a mark, no anchor */
	for (size_t i = 0; i < target->md.nheadings; i++)
		if (!strcmp(target->md.headings[i].id, frag))
			return true;
	for (size_t i = 0; i < target->md.nanchors; i++) /* id= and <a name=> in raw HTML */
		if (!strcmp(target->md.anchors[i], frag))
			return true;
	return false;
}

static bool has_anchor(const folio_config *cfg, const folio_page *target, const char *frag)
{
	/* the HTML standard scrolls to the top of a page for "#top" that no
	 * element's id names (any case): a "back to top" link needs none */
	if (!strcasecmp(frag, "top"))
		return true;
	char *decoded = strchr(frag, '%') ? percent_decode(frag) : NULL;
	bool found = has_anchor_id(target, frag) || (decoded && has_anchor_id(target, decoded));
	free(decoded);
	if (found)
		return true;
	/* cmark-gfm's footnote ids, which a stub stored before footnotes were
	 * anchors lacks; with footnotes: kramdown or goldmark the page has none */
	return cfg->footnotes == FOLIO_FOOTNOTES_GFM &&
	       (!strncmp(frag, "fn-", 3) || !strncmp(frag, "fnref-", 6));
}

/* Bytes of a fragment before its text directive (":~:text=", RFC-less but
 * what browsers follow), all of it without one. */
static size_t text_directive(const char *frag)
{
	const char *d = strstr(frag, ":~:");
	return d ? (size_t)(d - frag) : strlen(frag);
}

static void add_shortcode_name(folio_buf *names, size_t *count, const char *mark)
{
	if (mark[0] != FOLIO_MARKDOWN_SHORTCODE_MARK || *count > 5)
		return;
	if ((*count)++ == 5)
		folio_buf_puts(names, ", …");
	else
		folio_buf_printf(names, "%s\"%s\"", *count > 1 ? ", " : "", mark + 1);
}

/*
 * The shortcodes of target folio does not know, quoted ("\"include\",
 * \"glossary\""), or NULL when it holds none. Such a shortcode is run by
 * the old site's own template, which may write headings (Hugo's docs pull
 * shared text in with an include shortcode): an anchor the page's
 * Markdown lacks may still be there, so it cannot be said to be missing.
 * At most five names, then an ellipsis. Caller frees.
 */
static char *unknown_shortcodes(const folio_page *target)
{
	folio_buf names = FOLIO_BUF_INIT;
	size_t count = 0;
	for (size_t i = 0; i < target->md.nanchors; i++)
		add_shortcode_name(&names, &count, target->md.anchors[i]);
	/* a partial site's stub holds its page's anchors as headings */
	for (size_t i = 0; i < target->md.nheadings; i++)
		add_shortcode_name(&names, &count, target->md.headings[i].id);
	if (!count) {
		folio_buf_dispose(&names);
		return NULL;
	}
	return folio_buf_detach(&names, NULL);
}

/* A page, not a list's text, whose file holds front matter alone and names
 * a template of its own (type: or layout:): what it shows, ids included,
 * is that template's (nginx's API reference, type: redoc). Without one it
 * is an empty page (a translation not written yet: letsencrypt.org's), whose
 * anchors are missing indeed. A stub's text is not known: its anchors are
 * checked as stored. */
static bool no_text(const folio_page *p)
{
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	bool own_template = json_is_string(folio_page_meta_get(p, "type")) ||
	                    json_is_string(folio_page_meta_get(p, "layout"));
	return !p->stub && !p->section && strncmp(base, "_index.", 7) && own_template &&
	       (p->spilled ? p->spill_len == 0 : p->md.html_len == 0);
}

/* Whether url is a static file or a file beside a page (a bundle's image). */
static bool published_file(const validator *v, const char *url)
{
	char *file = folio_layout_static_path(v->cfg, url);
	bool found = file && folio_site_has_static(v->site, file);
	free(file);
	if (!found && v->cfg->assets_at_root && url[0] == '/') {
		/* Hugo's assets/images/a.png, published at /images/a.png */
		file = folio_xasprintf("assets%s", url);
		found = folio_site_has_static(v->site, file);
		free(file);
	}
	if (!found && (file = folio_layout_resource_path(url))) {
		/* by where it is published: a bundle's file follows its page */
		found = folio_site_has_output_file(v->site, file);
		free(file);
	}
	return found;
}

/* Whether url, its last segment without a dot, names a file url.html
 * published as it is (Hugo's page in HTML without front matter, which it
 * copies: Thorium's content/en/onlinedoc.html, linked as /en/onlinedoc):
 * GitHub Pages, Netlify and Cloudflare Pages serve /x from x.html, as for
 * a page at x.html above (folio_site_find_file_url). */
static bool published_html_file(const validator *v, const char *url)
{
	const char *last = strrchr(url, '/');
	if (!last || !last[1] || strchr(last, '.'))
		return false;
	char *html = folio_xasprintf("%s.html", url);
	bool found = published_file(v, html);
	free(html);
	return found;
}

/* Whether url names a folder of published files that holds an index.html
 * ("/sites/day21/" for static/sites/day21/index.html: a conference's
 * mini-site), which a server sends for the folder, as Hugo's server does. */
static bool published_folder(const validator *v, const char *url)
{
	size_t n = strlen(url);
	const char *last = strrchr(url, '/');
	if (!n || (url[n - 1] != '/' && last && strchr(last, '.')))
		return false;
	char *index = folio_xconcat(url, url[n - 1] == '/' ? "" : "/", "index.html", (char *)NULL);
	bool found = published_file(v, index);
	free(index);
	return found;
}

/*
 * The pages folio.yaml's exclude: leaves out (a Jekyll page in HTML and
 * Liquid, which init excludes), by the URL their generator gave them: their
 * permalink:, else their path. Read once, at the first broken link of a
 * check (any thread), so that its finding names the file rather than "no
 * page"; a site without broken links reads none of them.
 */
struct excluded_pages {
	pthread_mutex_t lock;
	bool read;
	struct excluded_page { char *url, *path; } *items; /* url first: folio_search_cmp_str */
	size_t count;
};

static bool page_extension(const char *path)
{
	static const char *const exts[] = { ".html", ".htm", ".md", ".markdown" };
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
		if (n > strlen(exts[i]) && !strcmp(path + n - strlen(exts[i]), exts[i]))
			return true;
	return false;
}

/* The URL Jekyll gives the page at path: its permalink: (without a last
 * "index.html"), else its path without the extension ("pages/x.html":
 * /pages/x/; "a/index.html": /a/). */
static char *excluded_url(folio_source *src, const char *path)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_frontmatter fm = { 0 };
	folio_diags none;
	char *url = NULL;
	folio_diags_init(&none);
	/* an excluded file is not read past the size of a text (nothing of it
	 * is published): its address is then its path's */
	size_t size;
	bool there = folio_source_size(&size, src, path) >= 0;
	if (there && size <= FOLIO_SITE_MAX_FILE_SIZE && folio_source_read(&b, src, path) >= 0 &&
	    folio_frontmatter_opens(b.ptr ? b.ptr : "", b.size)) {
		folio_frontmatter_parse_limited(&fm, b.ptr, b.size, path, 65536, &none);
		json_t *link = fm.meta ? json_object_get(folio_yaml_root(fm.meta), "permalink") : NULL;
		if (json_is_string(link) && json_string_value(link)[0] == '/')
			url = folio_xstrdup(json_string_value(link));
		folio_frontmatter_dispose(&fm);
	}
	if (!url && there) {
		size_t stem = strrchr(path, '.') - path;
		if (stem >= 5 && !strncmp(path + stem - 5, "index", 5) && (stem == 5 || path[stem - 6] == '/'))
			stem -= 5;
		url = folio_xasprintf("/%.*s", (int)stem, path);
	}
	size_t n = url ? strlen(url) : 0;
	if (n >= 11 && !strcmp(url + n - 11, "/index.html"))
		url[n - 10] = '\0'; /* "/community/index.html" is served at /community/ */
	if (url && url[strlen(url) - 1] != '/' && !strchr(strrchr(url, '/'), '.')) {
		char *slash = folio_xasprintf("%s/", url);
		free(url);
		url = slash;
	}
	folio_diags_dispose(&none);
	folio_buf_dispose(&b);
	return url;
}

static int cmp_excluded(const void *a, const void *b)
{
	return strcmp(((const struct excluded_page *)a)->url, ((const struct excluded_page *)b)->url);
}

static void read_excluded(struct excluded_pages *x, const validator *v)
{
	folio_source *src = folio_site_source(v->site);
	const folio_config *cfg = v->cfg;
	size_t alloc = 0;
	for (size_t i = 0; src && i < cfg->nexclude; i++) {
		char *url = page_extension(cfg->exclude[i]) ? excluded_url(src, cfg->exclude[i]) : NULL;
		if (!url)
			continue;
		FOLIO_ARRAY_GROW(x->items, x->count, alloc, x->count + 1);
		x->items[x->count].url = url;
		x->items[x->count++].path = cfg->exclude[i];
	}
	folio_sort(x->items, x->count, sizeof(*x->items), cmp_excluded);
}

/* The excluded file published at the site path (a link that names no
 * page nor file), or NULL. Borrowed. */
static const char *excluded_page(const validator *v, const char *path)
{
	struct excluded_pages *x = v->excluded;
	size_t n = strlen(path);
	if (!x || !v->cfg->nexclude || !n)
		return NULL;
	pthread_mutex_lock(&x->lock);
	if (!x->read)
		read_excluded(x, v);
	x->read = true;
	pthread_mutex_unlock(&x->lock);
	/* "/showcase" names /showcase/; "/about.html" itself */
	const struct excluded_page *e = folio_search(x->items, x->count, sizeof(*x->items), path, folio_search_cmp_str);
	if (!e && path[n - 1] != '/') {
		char *url = folio_xconcat(path, "/", (char *)NULL);
		e = folio_search(x->items, x->count, sizeof(*x->items), url, folio_search_cmp_str);
		free(url);
	}
	/* "/contact": pages/contact.html at /contact.html, which GitHub Pages
	 * and OpenTTD's nginx serve at it */
	const char *last = strrchr(path, '/');
	if (!e && last && last[1] && !strchr(last, '.')) {
		char *url = folio_xconcat(path, ".html", (char *)NULL);
		e = folio_search(x->items, x->count, sizeof(*x->items), url, folio_search_cmp_str);
		free(url);
	}
	/* "/reference.html": Jekyll's address of reference.html under its
	 * default permalink, /reference/ under pretty */
	if (!e && n > 5 && !strcmp(path + n - 5, ".html")) {
		char *url = folio_xasprintf("%.*s/", (int)(n - 5), path);
		e = folio_search(x->items, x->count, sizeof(*x->items), url, folio_search_cmp_str);
		free(url);
	}
	return e ? e->path : NULL;
}

void folio_validate__excluded_init(validator *v)
{
	v->excluded = folio_xcalloc(1, sizeof(*v->excluded));
	pthread_mutex_init(&v->excluded->lock, NULL);
}

void folio_validate__excluded_dispose(validator *v)
{
	if (!v->excluded)
		return;
	for (size_t i = 0; i < v->excluded->count; i++)
		free(v->excluded->items[i].url);
	free(v->excluded->items);
	pthread_mutex_destroy(&v->excluded->lock);
	free(v->excluded);
	v->excluded = NULL;
}

/* A link to a file (a name with an extension) in a collection's folder
 * that the tree lacks: a bundle's missing image, said so (true). */
static bool missing_resource(const validator *v, const folio_page *p, const char *url,
                             const char *written, unsigned line, unsigned col, folio_diags *d)
{
	char *file = folio_layout_resource_path(url);
	const char *base = file ? strrchr(file, '/') : NULL;
	bool is = base && strchr(base, '.') && folio_config_collection_for_path(v->cfg, file);
	const char *moved = is ? folio_site_static_output(v->site, file) : NULL;
	if (moved) /* a bundle's file, published beside its page's URL */
		folio_diags_add(d, FOLIO_RULE_LINK_ASSET, p->path, line, col,
		                "link to the file relatively, as written beside the page, or to its new place",
		                "link to \"%s\": file \"%s\" is published at \"/%s\", beside its page",
		                written, file, moved);
	else if (is && folio_config_excluded(v->cfg, file)) /* a Liquid file init left out */
		folio_diags_add(d, FOLIO_RULE_LINK_ASSET, p->path, line, col,
		                "take it out of exclude: in a form folio publishes, or link to where it is now",
		                "link to \"%s\": file \"%s\" is left out of the site by folio.yaml's exclude:",
		                written, file);
	else if (is)
		folio_diags_add(d, FOLIO_RULE_LINK_ASSET, p->path, line, col,
		                "add the file beside the page or fix the link",
		                "link to \"%s\": no such file \"%s\"", written, file);
	free(file);
	return is;
}

/* Whether folio.yaml's redirects: publish a redirect page at the link's
 * address ("/sponsors/" or "/sponsors"; "/help/" for "/help/index.html"). */
static bool host_redirect(const folio_config *cfg, const char *with_slash, const char *path)
{
	if (folio_config_redirect_at(cfg, with_slash) || folio_config_redirect_at(cfg, path))
		return true;
	char *index = folio_xconcat(with_slash, "index.html", (char *)NULL);
	bool found = folio_config_redirect_at(cfg, index) != NULL;
	free(index);
	return found;
}

/* Whether a splat of folio.yaml's redirects: sends url on: to another host
 * (what is there is not checked), or to a page or list of the site, where
 * the render plan puts its redirect page (render_plan.c, plan_splats). */
static bool splat_leads(const validator *v, const char *url)
{
	char *target;
	if (!folio_config_redirect_splat(v->cfg, url, &target))
		return false;
	bool leads = target[0] != '/' || folio_site_find_url(v->site, target) ||
	             folio_layout_is_generated(v->cfg, target);
	free(target);
	return leads;
}

/* Check one internal target: "/people/x/#bio", "/static/a.pdf". */
/* "/about" for the list at "/about/": a server sends a folder's URL
 * without its slash to the folder (Hugo sites link to lists so). */
static bool generated_folder(const folio_config *cfg, const char *path)
{
	size_t n = strlen(path);
	const char *last = strrchr(path, '/');
	if (!n || path[n - 1] == '/' || (last && strchr(last, '.')))
		return false;
	char *with_slash = folio_xconcat(path, "/", (char *)NULL);
	/* and "/post" for an ugly_urls list at /post.html, as servers serve it */
	char *html = folio_xconcat(path, ".html", (char *)NULL);
	bool yes = folio_layout_is_generated(cfg, with_slash) || folio_layout_is_generated(cfg, html);
	free(with_slash);
	free(html);
	return yes;
}

/* "/about/index.html" is the file the page or list at /about/ is served
 * from (pyOpenSci links so; Hugo and Jekyll write the page there, and the
 * home page at /index.html, which Leaflet's posts link): path cut to
 * "/about/" in place when that names one. So is "/about/index", which
 * GitHub Pages serves from that file, as it serves "/x" from x.html (the
 * Foundation for Public Code's redirect_to: codebases/index). */
static void index_file_folder(const validator *v, char *path)
{
	size_t n = strlen(path);
	size_t name = folio_ends_with(path, "/index.html") ? 10 : folio_ends_with(path, "/index") ? 5 : 0;
	if (!name)
		return;
	char keep = path[n - name];
	path[n - name] = '\0';
	if (!folio_site_find_url(v->site, path) && !folio_layout_is_generated(v->cfg, path))
		path[n - name] = keep;
}

static void check_internal(const validator *v, const folio_page *p, const char *target,
                           const char *written, unsigned line, unsigned col, folio_diags *d)
{
	const char *hash = strchr(target, '#');
	/* a query names no other page: /startups/?incubateur=x is /startups/ */
	char *written_path = folio_xstrndup(target, strcspn(target, "?#"));
	/* "Photo%20du%20jardin.jpg" names the file "Photo du jardin.jpg", as a browser reads it */
	char *path = strchr(written_path, '%') ? percent_decode(written_path) : folio_xstrdup(written_path);
	free(written_path);
	index_file_folder(v, path);
	const char *frag = hash ? hash + 1 : NULL;
	const folio_page *dest = NULL;

	if (!*path) {
		dest = p;
	} else if (folio_layout_is_generated(v->cfg, path) || generated_folder(v->cfg, path)) {
		goto done;
	} else {
		size_t n = strlen(path);
		char *with_slash = n && path[n - 1] != '/' ? folio_xconcat(path, "/", (char *)NULL) : folio_xstrdup(path);
		dest = folio_site_find_url(v->site, with_slash);
		dest = dest ? dest : folio_site_find_file_url(v->site, path); /* /post/x.html, or /post/x */
		if (!dest) {
			/* "/docs/inference/" is served by the page at
			 * /docs/inference/index.html: Apache Jena's section pages
			 * keep slug: index under uglyURLs */
			char *index = folio_xconcat(with_slash, "index.html", (char *)NULL);
			dest = folio_site_find_url(v->site, index);
			free(index);
		}
		const folio_page *held = dest ? NULL : folio_site_find_held_url(v->site, with_slash);
		if (!dest && !held && path[0] == '/') /* a held bundle's file, published with its page */
			held = folio_site_held_file_page(v->site, path + 1);
		if (dest && dest->status != FOLIO_PAGE_PUBLISHED)
			held = dest; /* folio serve shows held pages: it warns as a publish would */
		if (!dest && !held) {
			/* an old URL kept by aliases: its redirect page leads to the page */
			const struct alias_entry *a = folio_search(v->aliases, v->naliases, sizeof(*v->aliases),
			                                           with_slash, folio_search_cmp_str);
			if (!a) /* an old address that names a file: /news/2023/05/01/x.html */
				a = folio_search(v->aliases, v->naliases, sizeof(*v->aliases), path,
				                 folio_search_cmp_str);
			if (!a) { /* "/help/" is served by the redirect page of alias /help/index.html */
				char *index = folio_xconcat(with_slash, "index.html", (char *)NULL);
				a = folio_search(v->aliases, v->naliases, sizeof(*v->aliases), index,
				                 folio_search_cmp_str);
				free(index);
			}
			const char *last = strrchr(path, '/');
			if (!a && last && last[1] && !folio_ends_with(path, ".html")) {
				/* "/2021/09/07/x" by alias /2021/09/07/x.html, "/old/v0.1" by
				 * /old/v0.1.html, as a page at x.html (folio_site_find_file_url) */
				char *html = folio_xconcat(path, ".html", (char *)NULL);
				a = folio_search(v->aliases, v->naliases, sizeof(*v->aliases), html,
				                 folio_search_cmp_str);
				free(html);
			}
			dest = a ? a->page : NULL;
		}
		bool redirected = !dest && !held &&
		                  (host_redirect(v->cfg, with_slash, path) || splat_leads(v, with_slash));
		free(with_slash);
		if (redirected) /* its redirect page leads on; where to is the server's word */
			goto done;
		if (held) {
			folio_validate__check_held_target(p, held, written, line, col, d);
			goto done;
		}
		if (!dest && (published_file(v, path) || published_folder(v, path) || published_html_file(v, path)))
			goto done;
		/* another system's address on the site's host (served_elsewhere:):
		 * nothing of the site is there, and nothing folio can check */
		if (!dest && folio_config_served_elsewhere(v->cfg, path))
			goto done;
		if (!dest && missing_resource(v, p, path, written, line, col, d))
			goto done;
		if (!dest && folio_layout_wants_static(v->cfg, path)) {
			folio_diags_add(d, FOLIO_RULE_LINK_ASSET, p->path, line, col,
			                "add the file under static/ or fix the link",
			                "link to \"%s\": no such file in static/", written);
			goto done;
		}
		const char *excluded = dest ? NULL : excluded_page(v, path);
		if (excluded) {
			folio_diags_add(d, FOLIO_RULE_LINK_BROKEN, p->path, line, col,
			                "take it out of exclude: in a form folio renders (Markdown, or HTML without the "
			                "Liquid folio does not run), or link to where it is published now",
			                "link to \"%s\" points to %s, which folio.yaml's exclude: leaves out of the site",
			                written, excluded);
			goto done;
		}
		if (!dest) {
			folio_diags_add(d, FOLIO_RULE_LINK_BROKEN, p->path, line, col,
			                "link to an existing page (/<collection>/<slug>/ or ../<collection>/<slug>.md) "
			                "or to a file beside one",
			                "link to \"%s\" points to no page", written);
			goto done;
		}
	}
	/* "#:~:text=..." is a text fragment (a browser finds the words), no id:
	 * only what comes before it names an element */
	char *element = frag ? folio_xstrndup(frag, text_directive(frag)) : NULL;
	if (element && *element && dest->ok && !has_anchor(v->cfg, dest, element)) {
		char *makers = unknown_shortcodes(dest);
		if (element[0] == '/' || (element[0] == '!' && element[1] == '/'))
			/* #/datasets/create, #!/x: a route a single-page script reads
			 * (Swagger UI, reveal.js slides), never a heading's id */
			folio_diags_add(d, FOLIO_RULE_LINK_ANCHOR_UNCHECKED, p->path, line, col,
			                "check the address in the built site",
			                "link to \"%s\": \"#%s\" is a route a script of \"%s\" reads, not an "
			                "element's id: not checked", written, element, dest->path);
		else if (folio_page_is_plain_text(dest))
			folio_diags_add(d, FOLIO_RULE_LINK_ANCHOR_UNCHECKED, p->path, line, col,
			                "check the anchor in the built site",
			                "link to \"%s\": \"%s\" is plain text, with no heading: only its template "
			                "can make the id \"%s\": not checked", written, dest->path, element);
		else if (makers)
			folio_diags_add(d, FOLIO_RULE_LINK_ANCHOR_UNCHECKED, p->path, line, col,
			                "check the anchor in the built site, or write the heading in the page",
			                "link to \"%s\": \"%s\" has no heading with id \"%s\", but "
			                "shortcodes folio does not know may make one there (%s): not checked",
			                written, dest->path, element, makers);
		else if (no_text(dest))
			folio_diags_add(d, FOLIO_RULE_LINK_ANCHOR_UNCHECKED, p->path, line, col,
			                "check the anchor in the built site",
			                "link to \"%s\": \"%s\" has no text of its own: its template makes what "
			                "it shows, and may make the id \"%s\": not checked", written, dest->path,
			                element);
		else
			folio_diags_add(d, FOLIO_RULE_LINK_ANCHOR, p->path, line, col, NULL,
			                "link to \"%s\": \"%s\" has no heading with id \"%s\"", written,
			                dest->path, element);
		free(makers);
	}
	free(element);
done:
	free(path);
}

/* A code point beyond ASCII an internationalized host name may hold. */
static bool idna_letter(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
		return true;
	default:
		return false;
	}
}

static bool valid_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == ':' || c == '[' || c == ']' || c == '@' || c == '%' ||
	       c == '_' || c == '~' || c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' ||
	       c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
}

/*
 * Schemes a browser hands to another program (a chat, a phone, a mail or
 * news reader, a file transfer): accepted, never fetched (linkcheck.c fetches http and
 * https only). 'h' for those of a server, which need "//" and a host
 * ("irc://irc.libera.chat/#x"; "irc:irc.example.net/x" opens nothing),
 * 'o' for the others (tel:, xmpp:), 0 for any other scheme.
 */
static char other_scheme(const char *url)
{
	/* opds: an OPDS catalog, which the reading system registered for it
	 * opens (Thorium's documentation adds Gutenberg's as opds://www.gutenberg.org/…) */
	static const char *const hosted[] = { "irc", "ircs", "ftp", "ftps", "sftp", "ssh", "git", "news",
	                                      "nntp", "webcal", "rsync", "ldap", "ldaps", "opds" };
	/* and the apps that register one: dapr's docs install their extension
	 * with vscode:extension/ms-azuretools.vscode-dapr */
	static const char *const opaque[] = { "tel", "sms", "xmpp", "magnet", "geo", "callto", "vscode",
	                                      "vscode-insiders", "slack", "msteams", "zoommtg", "spotify" };
	size_t n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 0;
	/* news: names a group without a server too (RFC 5538: news:comp.lang.x),
	 * which the reader's own server serves */
	if (n == 4 && !strncasecmp(url, "news", 4) && strncmp(url + 4, "://", 3))
		return url[5] && url[5] != '/' ? 'o' : 'h';
	for (size_t i = 0; i < sizeof(hosted) / sizeof(*hosted); i++)
		if (strlen(hosted[i]) == n && !strncasecmp(url, hosted[i], n))
			return 'h';
	for (size_t i = 0; i < sizeof(opaque) / sizeof(*opaque); i++)
		if (strlen(opaque[i]) == n && !strncasecmp(url, opaque[i], n))
			return 'o';
	return 0;
}

/* An image inlined as data (data:image/png;base64,...): the raster types
 * cmark-gfm's safe mode keeps in the HTML, which no browser runs. */
static bool data_image(const char *url)
{
	static const char *const types[] = { "png", "gif", "jpeg", "webp" };
	if (strncasecmp(url, "data:image/", 11))
		return false;
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++) {
		size_t n = strlen(types[i]);
		if (!strncasecmp(url + 11, types[i], n) && (url[11 + n] == ';' || url[11 + n] == ','))
			return true;
	}
	return false;
}

/* NULL when the URL is acceptable, else what is wrong with it. */
static const char *external_problem(const char *url, bool image)
{
	if (image && data_image(url))
		return NULL;
	/* in a query, a browser sends \ ^ ` { | } as they are (WHATWG's query
	 * state encodes none of them): latex.codecogs.com/svg.image?t_{i} */
	/* nor a space, a '"', '<' or '>' there, which it encodes (a mail's
	 * ?subject=I would like, label%3A"High+Priority" in a search, a code
	 * playground's state #src:'%23include+<cstdint>' on abseil.io) */
	size_t query = strcspn(url, "?#");
	if (strcspn(url, " \t\n<>\"\\^`{|}") < query || strpbrk(url + query, "\t\n"))
		return folio_i18n_finding("contains characters that must be percent-encoded");
	/* schemes are case-insensitive (RFC 3986): browsers follow Http://; an
	 * address is read percent-decoded (RFC 6068: info%40example.org) */
	if (!strncasecmp(url, "mailto:", 7)) {
		size_t at = strcspn(url + 7, "?");
		bool address = memchr(url + 7, '@', at) || memmem(url + 7, at, "%40", 3);
		return address ? NULL : folio_i18n_finding("has no address after mailto:");
	}
	const char *rest;
	if (!strncasecmp(url, "https://", 8))
		rest = url + 8;
	else if (!strncmp(url, "//", 2)) /* protocol-relative: the page's scheme, http or https */
		rest = url + 2;
	else if (!strncasecmp(url, "http://", 7))
		rest = url + 7;
	else if (other_scheme(url) == 'o')
		return NULL;
	else if (other_scheme(url) == 'h' && strstr(url, "://") == url + strcspn(url, ":"))
		rest = url + strcspn(url, ":") + 3;
	else if (other_scheme(url) == 'h')
		return folio_i18n_finding("has no \"//\" and host after its scheme");
	else
		return folio_i18n_finding("uses a scheme other than http, https, mailto or one a browser hands to "
		                          "another program (irc, ftp, tel, xmpp…)");
	size_t n = strcspn(rest, "/?#");
	if (!n)
		return folio_i18n_finding("has no host");
	for (size_t i = 0; i < n;) {
		/* an internationalized name (graduação.ufrj.br): letters, marks
		 * and digits of any script, which a browser writes in IDNA */
		utf8proc_int32_t c;
		utf8proc_ssize_t k = (unsigned char)rest[i] < 0x80
		                             ? (c = (unsigned char)rest[i], 1)
		                             : utf8proc_iterate((const utf8proc_uint8_t *)rest + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0 || (c < 0x80 ? !valid_host_char((char)c) : !idna_letter(c)))
			return folio_i18n_finding("has an invalid host");
		i += (size_t)k;
	}
	return NULL;
}

void folio_validate__check_links(const validator *v, const folio_page *p, folio_diags *d)
{
	for (size_t i = 0; i < p->md.nlinks; i++) {
		const folio_link *l = &p->md.links[i];
		if (l->runs_script) {
			folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, l->line, l->column,
			                "link to a page or an address; a script is no part of a page",
			                "link \"%s\" runs script (%s:): written without its URL", l->target,
			                l->runs_script);
		} else if (strstr(l->target, "{{")) {
			/* Liquid output folio does not expand ({{ issue }} of a loop, a
			 * site.<name> params: lacks): no URL to check, and no defect of
			 * the page either */
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_LIQUID, p->path, l->line, l->column,
			                "write the URL itself, or the value in params: in folio.yaml",
			                "link \"%s\" holds Liquid output folio does not expand: not checked",
			                l->target);
		} else if (l->kind == FOLIO_LINK_EXTERNAL) {
			const char *why = external_problem(l->target, l->is_image);
			if (why)
				folio_diags_add(d, FOLIO_RULE_LINK_EXTERNAL_SYNTAX, p->path, l->line, l->column,
				                NULL, "link \"%s\" %s", l->target, why);
		} else if (l->hooked && l->term_missing) {
			const char *frag = strchr(l->resolved, '#');
			folio_diags_add(d, FOLIO_RULE_LINK_BROKEN, p->path, l->line, l->column,
			                "write a term of the folder, or add its file there",
			                "link to \"%s\" names no term of its link hook: no file \"%s.md\" "
			                "in its terms folder", l->target, frag ? frag + 1 : l->resolved);
		} else if (l->hooked) {
			/* the fragment names a term, which the target page's own
			 * shortcode or template makes an anchor of: the page is checked */
			char *page = folio_xstrndup(l->resolved, strcspn(l->resolved, "#"));
			check_internal(v, p, page, l->target, l->line, l->column, d);
			free(page);
		} else if (!l->resolved) {
			folio_diags_add(d, FOLIO_RULE_LINK_BROKEN, p->path, l->line, l->column, NULL,
			                "link \"%s\" leads outside the site", l->target);
		} else {
			check_internal(v, p, l->resolved, l->ref_arg ? l->ref_arg : l->target, l->line, l->column, d);
		}
	}
}

typedef struct {
	const validator *v;
	const folio_page *p;
	folio_diags *d;
} meta_check;

/* Front matter strings that are URLs of this site ("https://site/people/x/")
 * are links too. */
static void check_meta_link(const char *pointer, const char *s, void *payload)
{
	meta_check *m = payload;
	size_t n = strlen(m->v->cfg->base_url);
	if (strncmp(s, m->v->cfg->base_url, n) || (s[n] != '/' && s[n]))
		return;
	/* Jekyll's redirect_to: is check_redirect_to's, which reads it whatever
	 * its host: checked here too, a broken one was said twice */
	if (m->v->cfg->jekyll_rules && !strcmp(pointer, "/redirect_to"))
		return;
	unsigned line, col;
	folio_validate__value_position(m->v->site, m->p, pointer, false, &line, &col);
	check_internal(m->v, m->p, s[n] ? s + n : "/", s, line, col, m->d);
}

/* Jekyll's redirect_to: (folio_page_redirect_to): a site path or one
 * relative to the page is checked as a link of the page; another scheme
 * is refused, as a link's would be. */
static void check_redirect_to(const validator *v, const folio_page *p, folio_diags *d)
{
	const char *to = v->cfg->jekyll_rules ? json_string_value(folio_page_meta_get(p, "redirect_to")) : NULL;
	if (!to || !*to)
		return;
	unsigned line, col;
	folio_validate__value_position(v->site, p, "/redirect_to", false, &line, &col);
	char *abs = folio_page_redirect_to(v->cfg, p);
	size_t n = strlen(v->cfg->base_url);
	if (!abs) {
		folio_diags_add(d, FOLIO_RULE_LINK_EXTERNAL_SYNTAX, p->path, line, col,
		                "write an http(s) address or a path of the site",
		                "redirect_to \"%s\" is neither an http(s) address nor a path of the site", to);
	} else if (!strncmp(abs, v->cfg->base_url, n) && (abs[n] == '/' || !abs[n])) {
		check_internal(v, p, abs[n] ? abs + n : "/", to, line, col, d);
	} else {
		const char *why = external_problem(abs, false);
		if (why)
			folio_diags_add(d, FOLIO_RULE_LINK_EXTERNAL_SYNTAX, p->path, line, col, NULL, "link \"%s\" %s", to, why);
	}
	free(abs);
}

void folio_validate__check_meta_links(const validator *v, const folio_page *p, folio_diags *d)
{
	meta_check m = { v, p, d };
	folio_json_foreach_string(folio_page_meta(p), check_meta_link, &m);
	check_redirect_to(v, p, d);
}
