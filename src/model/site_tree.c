/*
 * Phase 2 of the load, the tree: one pass over the source's entries makes
 * the pages (named by their path: slugs, languages, Jekyll's dated posts)
 * and the static files, and says what the tree holds wrong (refused names,
 * symbolic links, pages outside every collection, files past a budget).
 */
#include "folio/site.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/frontmatter.h"
#include "folio/path.h"
#include "model/layout.h"
#include "model/site_internal.h"
#include "model/slug.h"
#include "model/urlize.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/text.h"
#include "util/dates.h"
#include "util/banned.h"

/* Size of a file without reading it: the listing's for a directory, the
 * blob header's for a commit. */
int folio_site__entry_size(size_t *out, folio_site *site, const folio_entry *e)
{
	*out = e->size;
	if (e->size || !folio_source_commit(site->src) || folio_source_size_id(out, site->src, e->id) == 0)
		return 0;
	/* a blob the object store lacks (a partial clone): the file named */
	char *why = folio_xstrdup(folio_error_last());
	int rc = folio_error_set("cannot read '%s': %s", e->path, why);
	free(why);
	return rc;
}

bool folio_site__has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

size_t folio_site_page_ext(const char *path, size_t n)
{
	static const char *const exts[] = { ".md", ".markdown", ".html", ".txt" };
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		size_t k = strlen(exts[i]);
		if (n >= k && !memcmp(path + n - k, exts[i], k))
			return k;
	}
	return 0;
}

/* folio_site_page_ext of a whole path (see folio_site__is_page_file). */
size_t folio_site__page_ext(const char *path)
{
	return folio_site_page_ext(path, strlen(path));
}

/* A page of plain text: Jekyll's "_licenses/mit.txt", front matter then text. */
static bool is_text_page(const char *path)
{
	return folio_ends_with(path, ".txt");
}

bool folio_page_is_plain_text(const folio_page *p)
{
	return is_text_page(p->path);
}

/* A page written in HTML: Hugo's "repository.html", front matter then HTML. */
bool folio_site__is_html_page(const char *path)
{
	return folio_ends_with(path, ".html");
}

bool folio_page_is_html(const folio_page *p)
{
	return folio_site__is_html_page(p->path);
}

/* Is the file at path a page? Markdown always; an .html file only when
 * folio.yaml says html_pages: true (Hugo reads one as a page, Jekyll's
 * need Liquid, and other sites publish theirs as they are); a .txt file
 * only in a collection that says text_pages: true. */
bool folio_site__is_page_file(const folio_config *cfg, const char *path)
{
	if (is_text_page(path)) {
		const folio_collection *c = cfg ? folio_config_collection_for_path(cfg, path) : NULL;
		return c && c->text_pages;
	}
	return folio_site__page_ext(path) && (!folio_site__is_html_page(path) || (cfg && cfg->html_pages));
}

/* A collection whose file names give dates: Jekyll's posts (its folder is
 * "_posts" or ends in "/_posts"), or name_dates: (Hugo's :filename). */
static bool is_posts(const folio_collection *c)
{
	return c->name_dates || !strcmp(c->folder, "_posts") || folio_ends_with(c->folder, "/_posts");
}

/*
 * "2023-05-01-" (or "2023-5-1-", as Jekyll reads it too) before a post's
 * name, as Jekyll names posts: its length, or 0. A name that is only a
 * date keeps it. A Jekyll post's "2025-04-31-" is no day, but Jekyll's
 * reader takes it by its shape all the same (ROOT's
 * 2025-04-31-root-with-nix.md is root-with-nix): its length too; such a
 * post without a date: is refused (folio_site__check_name_date).
 */
static size_t post_date_prefix(const folio_collection *c, const char *name, size_t n)
{
	char date[11];
	if (c->name_dates)
		return folio_date_name_prefix(name, n, date);
	size_t k = folio_date_post_name_prefix(name, n, date);
	return k ? k : folio_date_post_name_shape(name, n);
}

static char *name_title(const folio_page *p)
{
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	size_t from = is_posts(p->collection) ? post_date_prefix(p->collection, base, n) : 0;
	while (n > from && base[n - 1] == '.') /* Jekyll's slug ends with no dot */
		n--;
	/* Ruby's capitalize of each word of split("-"): its first letter upper
	 * case, the others lower (ASCII; other letters as written) */
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = from, start = from; i < n; i++) {
		char ch = base[i];
		if (ch == '-') {
			folio_buf_putc(&b, ' ');
			start = i + 1;
			continue;
		}
		if (i == start && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (i != start && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		folio_buf_putc(&b, ch);
	}
	return folio_buf_detach(&b, NULL);
}

const char *folio_site__untitled(folio_page *p)
{
	if (!p->collection->title_from_name)
		return p->slug;
	if (!p->name_title)
		p->name_title = name_title(p);
	return p->name_title;
}

static char *page_slug_below(const folio_collection *c, const char *rel, bool *section,
                             const char **bad, size_t *badlen);

/*
 * The slug of the page at path in collection c: its path below the
 * collection's folder without ".md", each segment made a slug (slug.h):
 * "2023/fete-des-semis" for "agenda/2023/Fête des semis.md". A bundle's
 * "x/index.md" and a sub-section's "2023/_index.md" are named by their
 * folder ("x", "2023"). The collection's own "_index.md" is its section
 * page: *section is set and the slug is "_index". Returns NULL, with the
 * segment that gives no slug in *bad (length *badlen), when one is left
 * with no letter or digit.
 */
char *folio_site__page_slug(const folio_collection *c, const char *path, bool *section,
                       const char **bad, size_t *badlen)
{
	const char *rel = strcmp(c->folder, ".") ? path + strlen(c->folder) + 1 : path;
	return page_slug_below(c, rel, section, bad, badlen);
}

/* The slug of a file or folder name in c: dots kept when the site keeps
 * them, as Hugo does (etcd.io's docs/v3.5/ and announcing-etcd-3.5.md at
 * /docs/v3.5/ and /blog/2021/announcing-etcd-3.5/). */
static char *segment_slug(const folio_collection *c, const char *s, size_t n)
{
	/* Hugo keeps a name's letters of any script in its address
	 * (content/posts/café.md at /posts/café/, 你好.md at /posts/你好/),
	 * where folio's slug rule transliterates, and drops the signs it does
	 * not keep (summit-d&i.md at /summit-di/, c++.md at /c++/), where
	 * folio's makes each a dash */
	bool plain = true;
	for (size_t i = 0; i < n && plain; i++)
		plain = (unsigned char)s[i] < 0x80 && (isalnum((unsigned char)s[i]) || strchr("-_.", s[i]));
	char *seg = !plain && c->urlize_names ? folio_urlize_segment(s, n, c->remove_path_accents, false)
	            : !plain && c->slug_letters ? folio_slug_make_letters(s, n, c->slug_underscores, false)
	                                        : NULL;
	if (seg)
		return seg;
	/* Hugo lowers a name's capitals and keeps its dashes as written
	 * (question-1qLb-PALCo-.md at /questions/question-1qlb-palco-/); the
	 * slug rule keeps a name that is already a slug as it is, so lowering
	 * first keeps its dashes, where rebuilding it dropped them at the ends */
	char *lowered = NULL;
	if (plain && c->urlize_names) {
		lowered = folio_xstrndup(s, n);
		for (size_t i = 0; i < n; i++)
			lowered[i] = (char)tolower((unsigned char)lowered[i]);
		s = lowered;
	}
	seg = c->slug_dots ? folio_slug_make_dotted(s, n, c->slug_underscores)
	                   : folio_slug_make_with(s, n, c->slug_underscores);
	free(lowered);
	return seg;
}

/* A name of ASCII letters, digits and dashes (and underscores, when kept)
 * as it is, capitals and inner dots kept, as Jekyll's :title keeps them
 * (slug_case: keep; beta.gouv.fr's startups/refugies.info.html); any other
 * as Jekyll's :title makes it (slugify's pretty mode: "My DApp" is
 * "My-DApp", "C++11 x" "C++11-x"), or on a site of Hugo's links as its
 * urlize does, capitals kept (disablePathToLower). Caller frees; NULL as
 * folio_slug_make. */
char *folio_site__slug_keeping_case(const folio_collection *c, const char *s, size_t n)
{
	bool underscores = c->slug_underscores;
	bool plain = n > 0 && s[0] != '.' && s[n - 1] != '.';
	for (size_t i = 0; i < n && plain; i++)
		plain = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || (underscores && s[i] == '_') ||
		        (s[i] == '.' && i > 0 && s[i - 1] != '.');
	bool beyond = false; /* letters beyond ASCII, kept with their capitals (slug_letters: keep) */
	for (size_t i = 0; i < n && !beyond; i++)
		beyond = (unsigned char)s[i] >= 0x80;
	if (plain)
		return folio_xstrndup(s, n);
	if (beyond && !c->slug_letters && !c->urlize_names) /* transliterated, as slug_letters: says */
		return segment_slug(c, s, n);
	char *seg = c->urlize_names ? folio_urlize_segment(s, n, c->remove_path_accents, true)
	                            : folio_slug_make_pretty(s, n);
	return seg ? seg : segment_slug(c, s, n);
}

/* A name as Jekyll's :title makes it, slugify's pretty form with its
 * capitals: as folio_site__slug_keeping_case, but a run of dashes is one
 * and none is left at either end, where a plain name kept as it is (as
 * :path keeps it) would keep them: 2014-07-31-la-quantification-de-soi--la-
 * recherche-de-sens.md is at /2014/07/31/la-quantification-de-soi-la-
 * recherche-de-sens/ on Christophe Ducamp's blog. Hugo's urlize keeps
 * them. Caller frees; NULL as folio_slug_make. */
char *folio_site__jekyll_title(const folio_collection *c, const char *s, size_t n)
{
	bool dashes = n > 0 && (s[0] == '-' || s[n - 1] == '-');
	for (size_t i = 1; i < n && !dashes; i++)
		dashes = s[i] == '-' && s[i - 1] == '-';
	if (dashes && !c->urlize_names)
		return folio_slug_make_pretty(s, n);
	return folio_site__slug_keeping_case(c, s, n);
}

/* folio_site__page_slug of rel, the path below c's folder. */
static char *page_slug_below(const folio_collection *c, const char *rel, bool *section,
                             const char **bad, size_t *badlen)
{
	size_t n = strlen(rel) - folio_site__page_ext(rel); /* without ".md" */
	*section = false;
	/* a collection folder's own index.md is its list's page too, as Jekyll
	 * serves "_docs/index.md" (permalink: /docs/) and Hugo a folder's
	 * index.md: not a page "index" below it (the top's is the home page's
	 * text when its collection says home:, else a page of its own) */
	if ((n == 6 && !memcmp(rel, "_index", 6)) ||
	    (n == 5 && !memcmp(rel, "index", 5) && (strcmp(c->folder, ".") || c->home))) {
		*section = true;
		return folio_xstrdup("_index");
	}
	if ((n > 7 && !memcmp(rel + n - 7, "/_index", 7)) || (n > 6 && !memcmp(rel + n - 6, "/index", 6)))
		n = (size_t)((const char *)memrchr(rel, '/', n) - rel);
	folio_buf out = FOLIO_BUF_INIT;
	for (size_t start = 0; start < n;) {
		const char *slash = memchr(rel + start, '/', n - start);
		size_t len = slash ? (size_t)(slash - rel) - start : n - start;
		/* a Jekyll post's date is no part of its name */
		size_t dated = !slash && is_posts(c) ? post_date_prefix(c, rel + start, len) : 0;
		start += dated;
		len -= dated;
		/* a Jekyll post's name is its :title (or :slug), slugified
		 * whatever its permalink; another collection's may be its :path,
		 * kept as it is */
		bool titled = dated && !c->name_dates;
		char *seg = c->slug_keeps_case && titled ? folio_site__jekyll_title(c, rel + start, len)
		            : c->slug_keeps_case         ? folio_site__slug_keeping_case(c, rel + start, len)
		                                         : segment_slug(c, rel + start, len);
		if (!seg) {
			*bad = rel + start;
			*badlen = len;
			folio_buf_dispose(&out);
			return NULL;
		}
		if (out.size)
			folio_buf_putc(&out, '/');
		folio_buf_puts(&out, seg);
		free(seg);
		start += len + 1;
	}
	return folio_buf_detach(&out, NULL);
}

/*
 * The language of a translation: "x.es.md" and "x/index.es.md" are in "es"
 * when folio.yaml's languages name it; NULL for any other file. *stem_len
 * is then the length of path without ".es" (the rest is ".md").
 */
static const char *page_language(const folio_config *cfg, const char *path, size_t *stem_len)
{
	size_t n = strlen(path) - folio_site__page_ext(path); /* without ".md" */
	const char *base = strrchr(path, '/'); /* about.fr.md at the top too (jekyll-polyglot's) */
	const char *name = base ? base + 1 : path;
	for (size_t i = 0; i < cfg->nlanguages; i++) {
		size_t l = strlen(cfg->languages[i]);
		/* x.zh-CN.md is in zh-cn, as Hugo reads a language key */
		if (n > l + 1 && path + n - l - 1 > name && path[n - l - 1] == '.' &&
		    !strncasecmp(path + n - l, cfg->languages[i], l)) {
			*stem_len = n - l - 1;
			return cfg->languages[i];
		}
	}
	return NULL;
}

/* "x.en.md" on a site in "en" that is translated or Hugo's (hugo_links):
 * Hugo's name for x.md in the site's own language (LoveIt's
 * posts/x/index.en.md beside index.zh-cn.md). The length of path without
 * ".en", or 0. */
static size_t own_language_stem(const folio_config *cfg, const char *path)
{
	size_t n = strlen(path) - folio_site__page_ext(path);
	const char *base = strrchr(path, '/'), *name = base ? base + 1 : path;
	/* the whole tag ("pt-br"), or its language alone: Hugo names files by
	 * its language key ("en"), which init writes as languageCode ("en-US") */
	size_t whole = cfg->language ? strlen(cfg->language) : 0, primary = cfg->language ? strcspn(cfg->language, "-") : 0;
	for (int k = 0; k < 2; k++) {
		size_t l = k ? primary : whole;
		if (l && (!k || primary < whole) && n > l + 1 && path + n - l - 1 > name &&
		    path[n - l - 1] == '.' && !strncasecmp(path + n - l, cfg->language, l))
			return n - l - 1;
	}
	return 0;
}

const char *folio_site__path_language(const folio_config *cfg, const char *path, char **plain)
{
	const char *rest;
	size_t stem = 0;
	const char *lang = folio_config_dir_language(cfg, path, &rest);
	char *site_path = lang ? folio_config_site_language_path(cfg, path) : NULL;
	/* named for a language (content/fr/x/index.fr.md, content/fr/y.en.md):
	 * in that one, whatever its folder's, as Hugo takes a file's language
	 * from its name before its mount's */
	const char *named = site_path ? page_language(cfg, site_path, &stem) : NULL;
	bool own = site_path && !named && (stem = own_language_stem(cfg, site_path)) != 0;
	if (named || own) {
		char *bare = folio_xasprintf("%.*s%s", (int)stem, site_path,
		                             site_path + strlen(site_path) - folio_site__page_ext(site_path));
		free(site_path);
		site_path = bare;
		lang = named; /* NULL: the site's own language */
	}
	if (!site_path && (lang = page_language(cfg, path, &stem)))
		site_path = folio_xasprintf("%.*s%s", (int)stem, path,
		                            path + strlen(path) - folio_site__page_ext(path));
	/* the site's own language named: the page x.md, in no other language */
	if (!site_path && (cfg->nlanguages || cfg->hugo_links) && (stem = own_language_stem(cfg, path)))
		site_path = folio_xasprintf("%.*s%s", (int)stem, path,
		                            path + strlen(path) - folio_site__page_ext(path));
	if (plain)
		*plain = site_path;
	else
		free(site_path);
	return lang;
}

/* Jekyll's index page of a folder (guide/meta/index.md) is at the folder,
 * /guide/meta/, as Jekyll writes it, with ugly_urls: pages too (the
 * folder's other pages at /guide/x.html); Hugo's uglyURLs puts a bundle's
 * at /posts/x.html. */
bool folio_site__folder_index(const folio_page *p)
{
	const folio_collection *c = p->collection;
	const char *base = strrchr(p->path, '/');
	return c->ugly_urls && !c->ugly_lists && (p->readme_index || !strncmp(base ? base + 1 : p->path, "index.", 6));
}

/* A page's URL by its name. Caller frees. */
char *folio_site__page_url(const folio_page *p)
{
	return folio_layout_page_url_as(p->collection, p->slug, folio_site__folder_index(p));
}

/* A translation's URL: the page's, below its language ("/es/events/x/"). */
void folio_site__set_page_url(folio_page *p, char *url)
{
	free(p->url);
	p->url = p->lang ? folio_xasprintf("/%s%s", p->lang, url) : folio_xstrdup(url);
	free(url);
}

/* A page of collection c for entry e, named slug (taken over). */
static folio_page *new_page(const folio_entry *e, const folio_collection *c, char *slug, bool section,
                            const char *lang, bool readme)
{
	folio_page *p = folio_xcalloc(1, sizeof(*p));
	p->readme_index = readme;
	p->path = folio_xstrdup(e->path);
	p->id = folio_xstrdup(e->id);
	p->collection = c;
	p->slug = slug;
	p->section = section;
	p->lang = lang ? folio_xstrdup(lang) : NULL;
	/* the home page's text stands at / (its links are read from there) */
	folio_site__set_page_url(p, section && c->home ? folio_xstrdup("/")
	                            : section          ? folio_layout_list_url(c, 1)
	                                               : folio_site__page_url(p));
	return p;
}

char *folio_site_file_key(const folio_site *site, const folio_collection *c, const char *path)
{
	bool section;
	const char *bad;
	size_t badlen;
	char *plain;
	folio_site__path_language(site->config, path, &plain);
	char *name = folio_site__page_slug(c, plain ? plain : path, &section, &bad, &badlen);
	free(plain);
	return name;
}

/* The page added, or NULL when its name is refused (a finding in d, unless NULL). */
folio_page *folio_site__add_entry(folio_site *site, const folio_entry *e, const folio_collection *c,
                            folio_diags *d)
{
	bool section;
	const char *bad = NULL;
	size_t badlen = 0;
	char *plain;
	/* a translation is named as the file it translates: the same place in
	 * the site language's folder, or the same name without ".fr" */
	/* GitHub Pages' README.md of a folder without an index page is its index */
	char *readme = folio_site__readme_as_index(site, e->path);
	const char *named = readme ? readme : e->path;
	const char *lang = folio_site__path_language(site->config, named, &plain);
	char *name = folio_site__page_slug(c, plain ? plain : named, &section, &bad, &badlen);
	if (!name && plain) { /* bad points into plain: name the segment before it goes */
		char *copy = folio_xstrndup(bad, badlen);
		free(plain);
		plain = copy;
		bad = copy;
	}
	if (!name) {
		if (!d) {
			free(plain);
			free(readme);
			return NULL;
		}
		folio_diags_add(d, FOLIO_RULE_SLUG_INVALID, e->path, 0, 0,
		                "give the file a name with a letter or a digit, or set slug: in its front matter",
		                "file name \"%.*s\" gives an empty slug: it has no letter or digit",
		                (int)badlen, bad);
		/* its content is still checked, under the name "page", so that
		 * one pass shows every error of the file; it is never published,
		 * indexed or a link target */
		folio_page *p = new_page(e, c, folio_xstrdup("page"), false, lang, false);
		FOLIO_ARRAY_GROW(site->misnamed, site->nmisnamed, site->amisnamed, site->nmisnamed + 1);
		site->misnamed[site->nmisnamed++] = p;
		free(plain);
		free(readme);
		return NULL;
	}
	free(plain);
	folio_page *p = new_page(e, c, name, section, lang, readme != NULL);
	free(readme);
	FOLIO_ARRAY_GROW(site->pages, site->npages, site->apages, site->npages + 1);
	site->pages[site->npages++] = p;
	return p;
}

static bool site_uses(const folio_site *site, const char *path, bool root_file);

/* An entry the source refused (folio/path.h) is a finding and nothing
 * more: it never reaches the site model. */
static int visit_refused(const char *path, const char *why, void *payload)
{
	folio_site *site = payload;
	/* in a folder the site leaves out (Hugo's headless bundle, drafts), or
	 * one it never reads: nothing of it is written, so its name is no
	 * matter (safentech's 251-byte name in content/good-practices/) */
	if (site->config && strcmp(path, "folio.yaml") && /* read by name: two of it are never "unused" */
	    why != folio_source_too_many_entries && /* the entries after it are missing */
	    (folio_config_excluded(site->config, path) ||
	     !site_uses(site, path, folio_config_static_root(site->config, path, NULL) != 0)))
		return 0;
	folio_diags_add(&site->diags, FOLIO_RULE_TREE_PATH, path, 0, 0,
	                why == folio_source_too_many_entries
	                        ? "keep the tree under 1,000,000 paths: a folder named twice counts twice"
	                : why == folio_source_too_deep
	                        ? "move its files up: a site's folders nest at most 256 deep"
	                        : "rename or remove it: a site holds plain UTF-8 names only, without '..', "
	                          "'.git' or control characters, each up to 234 bytes",
	                "tree entry refused: %s", why);
	return 0;
}

/*
 * A Markdown file at the site root belongs to no collection and is not
 * published: said in a warning, so a page put there by mistake is not lost
 * in silence. A repository's own documents (README.md, LICENSE.md, ...)
 * are what a root holds on purpose and pass without a word.
 */
static bool is_repo_doc(const char *path)
{
	static const char *const repo_docs[] = {
		"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "CONTRIBUTING",
		"CODE_OF_CONDUCT", "SECURITY", "AUTHORS", "NOTICE",
	};
	size_t n = strlen(path) - folio_site__page_ext(path);
	for (size_t i = 0; i < sizeof(repo_docs) / sizeof(*repo_docs); i++)
		if (strlen(repo_docs[i]) == n && !strncasecmp(path, repo_docs[i], n))
			return true;
	return false;
}

static void check_root_page(folio_site *site, const char *path)
{
	if (is_repo_doc(path))
		return;
	folio_diags_add(&site->diags, FOLIO_RULE_COLLECTION_ROOT, path, 0, 0,
	                "move it into a collection folder to publish it, or out of the site",
	                "page \"%s\" at the site root belongs to no collection and is not published",
	                path);
}

/* A static file, refused past the static-file budget before anything reads it. */
static int add_static(folio_site *site, const folio_entry *e)
{
	/* whoever pushes would configure the web server: only as many as the
	 * server's operator allows (none by default), counted in path order */
	size_t allowed = site->limits.v[FOLIO_LIMIT_SERVER_CONFIG_FILES];
	if (folio_path_is_server_config(e->path) && ++site->server_config_files > allowed) /* t455 */
		folio_diags_add(&site->diags, FOLIO_RULE_OUTPUT_SERVER_CONFIG, e->path, 0, 0,
		                "remove it (folio.yaml's redirects: make redirect pages), or ask the server's "
		                "operator to raise server-config-files",
		                "static file would configure the web server that serves it; this server "
		                "allows %zu such files (server-config-files)", allowed);

	size_t size, max = site->limits.v[FOLIO_LIMIT_STATIC_FILE];
	int rc = folio_site__entry_size(&size, site, e);
	if (rc < 0)
		return rc;
	if (size > max) {
		folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_STATIC_FILE, e->path, 0, 0,
		                "serve large files from elsewhere, or raise the server's static-file limit",
		                "static file is %zu bytes, more than the static-file limit of %zu",
		                size, max);
		/* still listed, so links to it are not also reported as broken:
		 * the error keeps the site from being built, so it is never read */
	}
	site->static_bytes += size;
	FOLIO_ARRAY_GROW(site->statics, site->nstatics, site->astatics, site->nstatics + 1);
	/* its output is set once every address is known: NULL until then, for
	 * a load that fails before (folio_site_free) */
	site->statics[site->nstatics++] = (folio_static_file){
		.path = folio_xstrdup(e->path), .id = folio_xstrdup(e->id), .size = size
	};
	return 0;
}

/* Static files are copied as they are: their sum counts against site-size
 * before one of them is read. */
static void check_static_total(folio_site *site)
{
	size_t max = site->limits.v[FOLIO_LIMIT_SITE_SIZE];
	if (site->static_bytes > max)
		folio_diags_add(&site->diags, FOLIO_RULE_BUDGET_SITE_SIZE, "static/", 0, 0,
		                "remove static files, or raise the server's site-size limit",
		                "static files add up to %zu bytes, more than the site-size limit of %zu",
		                site->static_bytes, max);
}

/* 1 when the file of e opens with front matter (Jekyll makes it a page),
 * 0 when it does not, -1 when it cannot be read. */
static int opens_front_matter(folio_site *site, const folio_entry *e)
{
	/* past the size of a text, a page refused as too large (text/too-large
	 * names it), never read whole to see its first bytes */
	size_t size;
	if (folio_site__entry_size(&size, site, e) == 0 && size > site->opts.max_file_size)
		return 1;
	folio_buf b = FOLIO_BUF_INIT;
	int rc = folio_source_read(&b, site->src, e->path);
	if (rc >= 0)
		rc = folio_frontmatter_opens(b.ptr ? b.ptr : "", b.size);
	folio_buf_dispose(&b);
	return rc;
}

/* ---- Hugo's leaf bundles (leaf_bundles: true) ---- */

/* How many folders deep path is ("a/b/c.md": 2; "." and "x.md": 0). */
static size_t depth_of(const char *path)
{
	size_t n = 0;
	for (const char *s = path; *s; s++)
		n += *s == '/';
	return n;
}

/* A page file named index ("x/index.md", "x/index.fr.md") in a folder below
 * its collection's: its folder is a leaf bundle. The collection's own
 * folder is a section, never a bundle. */
bool folio_site__leaf_index(const folio_config *cfg, const char *path)
{
	const char *base = strrchr(path, '/');
	const folio_collection *c = folio_config_collection_for_path(cfg, path);
	if (!base || strncmp(base + 1, "index.", 6) || !c || !folio_site__is_page_file(cfg, path))
		return false;
	return strcmp(c->folder, ".") ? depth_of(path) > depth_of(c->folder) + 1 : depth_of(path) > 0;
}

static const char *const index_names[] = { "index.md", "index.markdown", "index.html" };

static int note_index(const folio_entry *e, void *payload)
{
	folio_site *site = payload;
	const char *slash = strrchr(e->path, '/'), *base = slash ? slash + 1 : e->path;
	bool index = false;
	for (size_t k = 0; k < 3 && !index; k++)
		index = !strcmp(base, index_names[k]);
	if (e->type != FOLIO_ENTRY_FILE || !index)
		return 0;
	FOLIO_ARRAY_GROW(site->index_files, site->nindex_files, site->aindex_files, site->nindex_files + 1);
	site->index_files[site->nindex_files++] = folio_xstrdup(e->path);
	return 0;
}

/* Every folder's index page (leaf bundles, readme_index), before any
 * entry is named: the source lists "x/about.md" and "x/README.md" before
 * "x/index.md". */
static int read_index_files(folio_site *site)
{
	int rc = folio_source_foreach(site->src, "", note_index, site);
	if (rc < 0)
		return rc;
	if (site->nindex_files > 1)
		qsort(site->index_files, site->nindex_files, sizeof(*site->index_files), folio_sort_cmp_str);
	site->index_known = true;
	return 0;
}

/* Whether folder dir (length n, 0 the top) holds an index page, a leaf
 * bundle's when leaf: from the list read with the tree, else (a partial
 * site: the fast path) asked of the source. */
static bool dir_index(folio_site *site, const char *dir, size_t n, bool leaf)
{
	bool found = false;
	for (size_t k = 0; k < 3 && !found; k++) {
		char *index = n ? folio_xasprintf("%.*s/%s", (int)n, dir, index_names[k]) : folio_xstrdup(index_names[k]);
		if (!leaf || folio_site__leaf_index(site->config, index)) {
			if (site->index_known) {
				found = folio_search(site->index_files, site->nindex_files, sizeof(*site->index_files),
				                     index, folio_search_cmp_str) != NULL;
			} else { /* its size says it is there, unread */
				size_t size;
				found = folio_source_size(&size, site->src, index) >= 0;
			}
		}
		free(index);
	}
	return found;
}

/* Is path a folder's index.html beside that folder's index.md (or
 * .markdown), a page published at the same address? */
static bool beside_index_page(folio_site *site, const char *path)
{
	const char *base = strrchr(path, '/');
	if (!base || strcmp(base, "/index.html"))
		return false;
	bool found = false;
	for (size_t k = 0; k < 2 && !found; k++) {
		char *index = folio_xasprintf("%.*s/%s", (int)(base - path), path, index_names[k]);
		size_t size;
		found = folio_source_size(&size, site->src, index) >= 0;
		free(index);
	}
	return found;
}

char *folio_site__readme_as_index(folio_site *site, const char *path)
{
	if (!site->config || !site->config->readme_index)
		return NULL;
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *ext = strcasecmp(base, "README.md") == 0 ? ".md" : strcasecmp(base, "README.markdown") == 0 ? ".markdown" : NULL;
	if (!ext)
		return NULL;
	char *dir = folio_xstrndup(path, slash ? (size_t)(slash - path) : 0);
	char *index = dir_index(site, dir, strlen(dir), false) ? NULL : folio_xasprintf("%s%sindex%s", dir, *dir ? "/" : "", ext);
	free(dir);
	return index;
}

bool folio_site__in_leaf_bundle(folio_site *site, const char *path)
{
	const folio_collection *c = site->config ? folio_config_collection_for_path(site->config, path) : NULL;
	const char *slash = strrchr(path, '/');
	if (!site->config->leaf_bundles || !c || !slash)
		return false;
	size_t top = strcmp(c->folder, ".") ? depth_of(c->folder) + 1 : 0;
	bool index = !strncmp(slash + 1, "index.", 6);
	/* a section's index.md, not _index.md, makes its folder a leaf bundle
	 * in Hugo, its other files resources: HugoBlox's widget pages beside
	 * content/team/index.md; not in the content root's pages (list: false),
	 * whose about.md stays a page */
	if (!index && strcmp(c->folder, ".") && !c->home && !c->unlisted &&
	    dir_index(site, c->folder, strlen(c->folder), false))
		return true;
	/* its own folder holds it unless it is that bundle's page; a folder
	 * above it, whatever its name */
	for (size_t n = (size_t)(slash - path), own = 1;; own = 0) {
		char *d = folio_xstrndup(path, n);
		bool deep = depth_of(d) + 1 > top;
		free(d);
		if (!deep)
			return false;
		if (!(own && index) && dir_index(site, path, n, true))
			return true;
		const char *up = memrchr(path, '/', n);
		if (!up)
			return false;
		n = (size_t)(up - path);
	}
}

/* Does rel pass through a name that starts with '.' (or, jekyll, with '_'
 * or '#', or ends with '~', as Jekyll's entry filter leaves them out:
 * _posts/_default.md, notes.md~, a _books/ folder of a collection Jekyll
 * does not output)? */
static bool hidden_names(const char *rel, bool jekyll)
{
	for (const char *s = rel; s; s = strchr(s + 1, '/')) {
		const char *name = s + (s[0] == '/'), *end = strchrnul(name, '/');
		if (name[0] == '.' || (jekyll && (name[0] == '_' || name[0] == '#' || (end > name && end[-1] == '~'))))
			return true;
	}
	return false;
}

/* path, below c's folder (from the top when no collection holds it) */
static bool hidden_below(const folio_collection *c, const char *path, bool jekyll)
{
	const char *rel = c && strcmp(c->folder, ".") && folio_site__has_prefix(path, c->folder)
		? path + strlen(c->folder) : path;
	return hidden_names(rel, jekyll);
}

/* Is path, in a folder copy: names, below it by a name Jekyll's entry
 * filter skips at every level (assets/css/_colors.scss, a Sass partial its
 * main.scss imports; css/.keep; x.css~)? Jekyll copies none of them. The
 * copy: entry itself may be so named, as include: lets it (.well-known). */
static bool hidden_in_copy(const folio_config *cfg, const char *path)
{
	/* each folder above path is looked up in copy: (sorted), not each
	 * entry of it scanned for each file */
	for (size_t end = 0; cfg->jekyll_rules && path[end]; end++)
		if (path[end] == '/' && folio_config_copy_lists(cfg, path, end) && hidden_names(path + end, true))
			return true;
	return false;
}

/* Digits, from min to max of them, at *s, then '-': passed over */
static bool digits_dash(const char **s, int min, int max)
{
	int n = 0;
	while (n < max && isdigit((unsigned char)(*s)[n]))
		n++;
	if (n < min || (*s)[n] != '-')
		return false;
	*s += n + 1;
	return true;
}

/* Jekyll reads a file in a _posts folder as a post only when its name
 * starts with a date, as its post reader's pattern has it (2020-01-02-x.md,
 * 2014-10-1-x.md): _posts/template.md is no post, nor any page. */
static bool undated_post(const folio_collection *c, const char *path)
{
	if (!c || (strcmp(c->folder, "_posts") && !folio_ends_with(c->folder, "/_posts")))
		return false;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return !(digits_dash(&base, 2, 4) && digits_dash(&base, 1, 2) && digits_dash(&base, 1, 2) && *base);
}

/* Jekyll's post reader reads nothing of a _posts folder but posts, and
 * copies no file of it: a figure beside the posts (_posts/figure/x.png) or
 * a dated image (2023-10-08-read.png, read as a post, skipped as not
 * UTF-8) is on no address of its site. */
static bool posts_file(const folio_collection *c, const char *path)
{
	return c && (!strcmp(c->folder, "_posts") || folio_ends_with(c->folder, "/_posts")) &&
	       folio_site__has_prefix(path, c->folder) && path[strlen(c->folder)] == '/';
}

bool folio_site__shadowed(const folio_site *site, const char *path)
{
	const char *rest;
	size_t stem;
	if (!folio_config_dir_language(site->config, path, &rest) || !site->src ||
	    (!page_language(site->config, path, &stem) && !own_language_stem(site->config, path)))
		return false;
	/* Hugo mounts the site language's folder first: of two files at one
	 * path below the language folders, named for a language, so giving
	 * one page whatever their folder, that folder's is read */
	char *first = folio_config_site_language_path(site->config, path);
	size_t size;
	bool there = first && folio_source_size(&size, site->src, first) == 0;
	free(first);
	return there;
}

bool folio_site__hidden(const folio_site *site, const folio_collection *c, const char *path)
{
	const folio_config *cfg = site->config;
	bool page = folio_site__is_page_file(cfg, path);
	return ((cfg->hugo_links || cfg->jekyll_rules) && hidden_below(c, path, cfg->jekyll_rules)) ||
	       (cfg->jekyll_rules && page && undated_post(c, path)) ||
	       (cfg->jekyll_rules && !page && posts_file(c, path)) ||
	       (page && folio_site__shadowed(site, path));
}

/* On a site of Hugo's links, is path in no top folder of a collection's
 * (content/ and the folders mounts add)? Hugo reads pages only there: a
 * folder added later beside content/ (a test report's index.html, docs/)
 * is none of the site, where folio refused it (collection/unknown); a
 * page file at the top is said as before. */
static bool outside_hugo_content(const folio_config *cfg, const char *path)
{
	const char *slash = strchr(path, '/');
	if (!cfg->hugo_links || !slash)
		return false;
	size_t n = (size_t)(slash - path);
	for (size_t c = 0; c < cfg->ncollections; c++) {
		const char *f = cfg->collections[c].folder;
		if (!strcmp(f, ".") || (!strncmp(f, path, n) && (f[n] == '/' || !f[n])))
			return false;
	}
	return true;
}

/* Whether the site would read or publish a file at path: what no collection,
 * copied folder or static root holds and no page file at the top (a Hugo
 * site's requirements.txt) is no part of it, link or file. */
static bool config_uses(const folio_config *cfg, const char *path, bool root_file)
{
	return root_file || folio_site__has_prefix(path, "static/") || folio_config_copied(cfg, path) ||
	       (cfg->assets_at_root && folio_site__has_prefix(path, "assets/")) ||
	       folio_site__has_prefix(path, "templates/") || folio_site__has_prefix(path, "schemas/") ||
	       folio_config_collection_for_path(cfg, path) ||
	       (folio_site__is_page_file(cfg, path) && !outside_hugo_content(cfg, path));
}

static bool site_uses(const folio_site *site, const char *path, bool root_file)
{
	return config_uses(site->config, path, root_file);
}

bool folio_site_path_named_page(const char *path)
{
	return folio_site__page_ext(path) || is_text_page(path);
}

bool folio_site_path_unread(const folio_config *cfg, const char *path)
{
	/* what visit_entry() leaves before anything else sees it, or keeps
	 * only as a name (site_uses()); a page's name is read all the same
	 * when exclude: names it (a link to it is told where it would be:
	 * validate_links.c), a static root's file is published */
	static const char *const pages[] = { ".md", ".markdown", ".html", ".htm" };
	for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++)
		if (folio_ends_with(path, pages[i]))
			return false;
	if (!strcmp(path, "folio.yaml")) /* read by name (site.c), as templates/ and schemas/ are */
		return false;
	if (cfg->jekyll_rules && folio_site__has_prefix(path, "_includes/"))
		return false; /* read by name, for the pages' {% include %} (site_includes.c) */
	bool root_file = folio_config_static_root(cfg, path, NULL) != 0;
	/* left out, or no part of the site at all (a project's Makefile, its
	 * .github/ workflows): listed, never read, named in no finding */
	return (folio_config_excluded(cfg, path) && !root_file) || !config_uses(cfg, path, root_file);
}

static int visit_entry(const folio_entry *e, void *payload)
{
	folio_site *site = payload;
	if (e->type == FOLIO_ENTRY_FILE)
		folio_link_terms_note(&site->terms, site->config, e->path);
	/* a generator's own folders (layouts, drafts, themes) are no part of the
	 * site, but for the static files a theme gives (static_roots:) */
	bool root_file = folio_config_static_root(site->config, e->path, NULL) != 0;
	if (folio_config_excluded(site->config, e->path) && !root_file)
		return 0;
	if (e->type == FOLIO_ENTRY_SYMLINK) {
		if (site_uses(site, e->path, root_file))
			folio_diags_add(&site->diags, FOLIO_RULE_TREE_SYMLINK, e->path, 0, 0,
			                "commit the file itself, not a link to it",
			                "symbolic link committed in the content tree; it is not followed");
		return 0;
	}
	/* a submodule's files are in another repository: what a checkout with
	 * --recurse-submodules shows is not what folio publishes, so say so */
	if (e->type == FOLIO_ENTRY_SUBMODULE) {
		if (site_uses(site, e->path, root_file))
			folio_diags_add(&site->diags, FOLIO_RULE_TREE_SUBMODULE, e->path, 0, 0,
			                "commit its files in this repository, or remove the submodule",
			                "submodule (gitlink) in the content tree; its files are in another repository and are not published");
		return 0;
	}
	if (e->type != FOLIO_ENTRY_FILE)
		return 0;
	FOLIO_ARRAY_GROW(site->files, site->nfiles, site->afiles, site->nfiles + 1);
	site->files[site->nfiles].path = folio_xstrdup(e->path);
	site->files[site->nfiles].id = folio_xstrdup(e->id);
	site->nfiles++;
	if (folio_site__has_prefix(e->path, "static/") || folio_config_copied(site->config, e->path) ||
	    (site->config->assets_at_root && folio_site__has_prefix(e->path, "assets/")) || root_file)
		return hidden_in_copy(site->config, e->path) ? 0 : add_static(site, e);
	if (folio_site__has_prefix(e->path, "templates/") || folio_site__has_prefix(e->path, "schemas/"))
		return 0;
	const folio_collection *c = folio_config_collection_for_path(site->config, e->path);
	/* a dot folder or file among the pages (kyverno's .kyverno-test/), which
	 * Hugo and Jekyll leave out: neither a page nor published (on a site of
	 * folio's own, a page named so is told it has no slug) */
	if (folio_site__hidden(site, c, e->path))
		return 0;
	if (!folio_site__is_page_file(site->config, e->path)) {
		/* a file beside the pages of a collection (a bundle's images) is
		 * published at its place, next to the page; dot files are not */
		const char *base = strrchr(e->path, '/');
		return c && base && base[1] != '.' ? add_static(site, e) : 0;
	}
	/* a leaf bundle's Markdown or HTML: a resource, which Hugo neither
	 * renders nor publishes; but HTML without front matter is a file Hugo
	 * copies beside the page (a project's standalone demo.html), unless
	 * it is the bundle's index.html, where the page is */
	if (c && folio_site__in_leaf_bundle(site, e->path)) {
		const char *base = strrchr(e->path, '/');
		if (!folio_site__is_html_page(e->path) || !base || !strcmp(base, "/index.html"))
			return 0;
		int opens = opens_front_matter(site, e);
		return opens < 0 ? opens : opens ? 0 : add_static(site, e);
	}
	/* an HTML file without front matter is a file Hugo copies as it is
	 * (congo's saved Lighthouse report), not a page written in HTML */
	if (c && folio_site__is_html_page(e->path) && strchr(e->path, '/')) {
		int opens = opens_front_matter(site, e);
		if (opens < 0)
			return opens;
		if (!opens && beside_index_page(site, e->path))
			return 0; /* the folder's page is at its index.html, as Hugo's page wins */
		if (!opens)
			return add_static(site, e);
	}
	/* at the root, a page of the root's collection (folder: ".") if there
	 * is one; the repository's own documents never are, but with
	 * front_matter_pages the front matter decides, as in Jekyll */
	/* the top's README.md as its index page (readme_index, GitHub Pages):
	 * the home page's text, front matter or not */
	if (!strchr(e->path, '/') && !c && site->config->front_matter_pages) {
		/* no collection of the top's pages (al-folio's are all in _pages/):
		 * Markdown without front matter is copied all the same, as Jekyll
		 * copies AGENTS.md */
		int opens = opens_front_matter(site, e);
		if (opens < 0)
			return opens;
		if (!opens && !folio_site__is_html_page(e->path))
			return add_static(site, e);
	}
	char *as_index = !strchr(e->path, '/') && c ? folio_site__readme_as_index(site, e->path) : NULL;
	bool readme = as_index != NULL;
	free(as_index);
	if (!strchr(e->path, '/') && c && site->config->front_matter_pages) {
		int opens = readme ? 1 : opens_front_matter(site, e);
		if (opens < 0)
			return opens;
		if (opens)
			folio_site__add_entry(site, e, c, &site->diags);
		/* Markdown without front matter is a static file, copied as it is,
		 * as Jekyll copies bitcoinops' STYLE.md to /STYLE.md (an HTML file
		 * so, 404.html and index.html, gives way to folio's own) */
		return opens || folio_site__is_html_page(e->path) ? 0 : add_static(site, e);
	}
	/* a repository document that opens with front matter is a page all the
	 * same, as Jekyll (GitHub Pages too) publishes missing-semester's
	 * license.md at its permalink: /license/ */
	int opens = !strchr(e->path, '/') && c && is_repo_doc(e->path) ? opens_front_matter(site, e) : 0;
	if (opens < 0)
		return opens;
	if (!strchr(e->path, '/') && (!c || (is_repo_doc(e->path) && !opens && !readme))) {
		check_root_page(site, e->path);
		return 0;
	}
	if (!c && outside_hugo_content(site->config, e->path))
		return 0; /* none of a Hugo site: no finding either */
	if (!c) {
		folio_diags_add(&site->diags, FOLIO_RULE_COLLECTION_UNKNOWN, e->path, 0, 0,
		                "move it into a collection folder or declare its folder in folio.yaml",
		                "page is not in the folder of any collection");
		return 0;
	}
	folio_site__add_entry(site, e, c, &site->diags);
	return 0;
}

static int cmp_file_path(const void *a, const void *b)
{
	return strcmp(((const folio_static_file *)a)->path, ((const folio_static_file *)b)->path);
}

int folio_site__read_tree(folio_site *site)
{
	int rc = folio_source_foreach_refused(site->src, visit_refused, site);
	if (rc < 0 || !site->config)
		return rc;
	site->terms.complete = true; /* every entry is listed before any page is parsed */
	if (((site->config->leaf_bundles || site->config->readme_index) && (rc = read_index_files(site)) < 0) ||
	    (rc = folio_source_foreach(site->src, "", visit_entry, site)) < 0)
		return rc;
	check_static_total(site);
	/* static/ and the files beside pages, in one list by path */
	if (site->nstatics)
		qsort(site->statics, site->nstatics, sizeof(*site->statics), cmp_file_path);
	return 0;
}

size_t folio_site__name_date(const folio_page *p, char date[11])
{
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	size_t n = strlen(base) - folio_site__page_ext(base);
	if (!is_posts(p->collection))
		return 0;
	return p->collection->name_dates ? folio_date_name_prefix(base, n, date) : folio_date_post_name_prefix(base, n, date);
}

bool folio_site__named_by_date(const folio_page *p)
{
	char date[11];
	return folio_site__name_date(p, date) != 0;
}

void folio_site__check_name_date(const folio_page *p, folio_diags *d)
{
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	if (!is_posts(p->collection) || folio_site__named_by_date(p) || strlen(base) <= 11 ||
	    json_object_get(p->meta, "date"))
		return;
	/* "2007-02-29-" (or "07-2-29-", as Jekyll's reader takes it too): a
	 * date's shape, no calendar's day */
	const char *rest = base;
	size_t shape = p->collection->name_dates
	               ? (digits_dash(&rest, 4, 4) && digits_dash(&rest, 2, 2) && digits_dash(&rest, 2, 2) ? 11 : 0)
	               : folio_date_post_name_shape(base, strlen(base) - folio_site__page_ext(base));
	if (!shape)
		return;
	char *date = folio_xstrndup(base, shape - 1);
	folio_diags_add(d, FOLIO_RULE_DATE_INVALID, p->path, 0, 0,
	                "rename the file with the post's day, or give it a date: (Jekyll rolls the day over)",
	                "the date its file name gives, \"%s\", is no day of the calendar", date);
	free(date);
}

/* A Jekyll post without a date in its front matter has its file name's,
 * as in Jekyll ("_posts/2023-05-01-fete.md": date 2023-05-01), and so
 * has a page of a collection of name_dates: (a root's: no '/'). */
void folio_site__post_date(folio_page *p)
{
	char date[11];
	if (!folio_site__name_date(p, date) || json_object_get(p->meta, "date"))
		return;
	json_object_set_new(p->meta, "date", json_string(date));
}

