/*
 * What folio init --from writes: folio.yaml's text from the migration's
 * plan (base URL, language, raw HTML, collections with their URLs and
 * sort order, exclude: and copy:, and the notes on what could not be kept).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/markdown.h"
#include "folio/yaml.h"
#include "model/config_check.h"
#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/dates.h"
#include "util/fs.h"
#include "util/banned.h"
/* ---- what is written ---- */

/* GitHub Pages' custom domain: "https://typelevel.org" of a CNAME file
 * at the top holding "typelevel.org", as Jekyll's site.url is there
 * (jekyll-github-metadata); NULL when there is none. Caller frees. */
/* categories: the folders above _posts ("en/news"), as Jekyll puts
 * them first in a post's :categories */
static void put_categories(folio_buf *b, const char *dirs)
{
	folio_buf_puts(b, "    # the folders above _posts are its posts' first categories, as Jekyll reads them\n"
	                  "    categories: [");
	for (const char *p = dirs; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		char *name = folio_xstrndup(p, n);
		if (p != dirs)
			folio_buf_puts(b, ", ");
		folio_yaml_put_string(b, name);
		free(name);
		p += n + (slash != NULL);
	}
	folio_buf_puts(b, "]\n");
}

static char *cname_url(const migration *m)
{
	char *path = folio_fs_join(m->dir, "CNAME");
	folio_buf b = FOLIO_BUF_INIT;
	char *url = NULL;
	if (folio_fs_read(&b, path) >= 0 && b.ptr) {
		size_t n = strcspn(b.ptr, "\r\n");
		bool host = n && n < 254 && strspn(b.ptr, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == n &&
		            memchr(b.ptr, '.', n) && b.ptr[0] != '.' && b.ptr[0] != '-';
		if (host)
			url = folio_xasprintf("https://%.*s", (int)n, b.ptr);
	}
	folio_buf_dispose(&b);
	free(path);
	return url;
}

/* Does jekyll-titles-from-headings title the posts and collections' documents
 * too (titles_from_headings: {collections: true}), not only the pages? */
static bool headings_title_documents(const migration *m)
{
	const json_t *t = json_object_get(m->cfg, "titles_from_headings");
	return m->titles_from_headings && json_is_true(json_object_get(t, "collections"));
}

/* Does the generator hold c's pages dated in the future: Jekyll its posts
 * and collections' documents (not pages) unless future: true, Hugo any
 * page unless buildFuture = true, at the top or in the site language's
 * settings (its publishDate falls back to date)? */
static bool holds_future(const migration *m, const collection *c)
{
	if (m->from == FOLIO_FROM_JEKYLL)
		return c->documents && !json_is_true(json_object_get(m->cfg, "future"));
	/* Osuny's sites say it per language (languages.en.buildFuture): the
	 * site's language's, where the top does not say */
	const json_t *v = folio_migrate__get_ci(m->cfg, "buildFuture");
	if (!v)
		v = folio_migrate__get_ci(folio_migrate__default_language_config(m), "buildFuture");
	return !folio_migrate__on(v);
}

/* "https://example.org/blog" from Hugo's baseURL or Jekyll's url + baseurl
 * (else its CNAME). */
static char *base_url(migration *m)
{
	const char *url = folio_migrate__address(m);
	const char *sub = m->from == FOLIO_FROM_JEKYLL ? folio_migrate__get_text(m->cfg, "baseurl") : NULL;
	const char *what = "baseurl";
	char *cname = NULL;
	/* Hugo's baseURL = "/site/" (Agones' site): a path alone, every address
	 * below it, kept as Jekyll's baseurl is, on a placeholder host */
	if (m->from == FOLIO_FROM_HUGO && url && url[0] == '/' && url[1] != '/') {
		sub = url;
		url = NULL;
		what = "baseURL";
	}
	/* url: "" (what jekyll new writes) says no more than no url: */
	if ((!url || !*url) && m->from == FOLIO_FROM_JEKYLL && (cname = cname_url(m)) != NULL) {
		url = cname;
		folio_buf_printf(m->notes, "the site's address is its CNAME's: base_url is %s\n", cname);
	}
	bool unknown = !url || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7)) || !strchr(url, '.');
	bool path = sub && *sub && strcmp(sub, "/");
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, unknown ? "https://example.org" : url);
	free(cname);
	while (b.size > 8 && b.ptr[b.size - 1] == '/')
		folio_buf_truncate(&b, b.size - 1);
	/* baseurl: /ubds alone: the path its links are written with stays */
	if (path)
		folio_buf_printf(&b, "%s%s", sub[0] == '/' ? "" : "/", sub);
	while (b.size > 8 && b.ptr[b.size - 1] == '/')
		folio_buf_truncate(&b, b.size - 1);
	if (unknown && path)
		folio_buf_printf(m->notes, "the site's address is not known: base_url is %s, %s's path on a "
		                 "placeholder host: write the real host in folio.yaml\n", b.ptr, what);
	else if (unknown)
		folio_buf_puts(m->notes, "the site's address is not known: base_url is https://example.org, "
		               "write the real one in folio.yaml\n");
	return folio_buf_detach(&b, NULL);
}

/* The site's language: Jekyll's lang:; Hugo's languageCode, the lang
 * attribute of a site in one language, but a site with languages: keeps its
 * pages without a language's suffix in defaultContentLanguage (hugo-toha's
 * site: languageCode bn, defaultContentLanguage en, x.md English beside
 * x.bn.md). */
const char *folio_migrate__language(const migration *m)
{
	const char *def = m->from == FOLIO_FROM_HUGO ? folio_migrate__get_text(m->cfg, "defaultContentLanguage") : NULL;
	if (def && *def && json_object_size(folio_migrate__get_ci(m->cfg, "languages")))
		return def;
	if (m->polyglot)
		return m->polyglot;
	const char *lang = m->from == FOLIO_FROM_HUGO ? folio_migrate__get_text(m->cfg, "languageCode") : folio_migrate__get_text(m->cfg, "lang");
	if (!lang && m->from == FOLIO_FROM_HUGO)
		lang = folio_migrate__get_text(m->cfg, "defaultContentLanguage");
	/* Jekyll has no key of its own: lang: is minima's and jekyll-seo-tag's,
	 * the themes' <html lang> reads others (Beautiful Jekyll's language:,
	 * Minimal Mistakes' locale:, a site's own i18n plugin's default_lang:) */
	static const char *const theirs[] = { "language", "locale", "default_lang" };
	for (size_t i = 0; !lang && m->from == FOLIO_FROM_JEKYLL && i < sizeof(theirs) / sizeof(*theirs); i++)
		lang = folio_migrate__get_text(m->cfg, theirs[i]);
	return lang && *lang ? lang : "en";
}

/* The site's language as folio.yaml's language: takes it, a language tag:
 * Hugo takes languageCode = "de_DE" as it is (a lang attribute), folio as
 * de-DE; one that is still no tag is named and "en" written. Caller frees. */
static char *language_tag(const migration *m)
{
	char *tag = folio_xstrdup(folio_migrate__language(m));
	for (char *c = tag; *c; c++)
		if (*c == '_')
			*c = '-';
	if (!folio_config_is_language_tag(tag)) {
		folio_buf_printf(m->notes, "language \"%s\" is no language tag: language: en is written\n", tag);
		free(tag);
		tag = folio_xstrdup("en");
	}
	return tag;
}

static void put_language(folio_buf *b, const migration *m)
{
	char *tag = language_tag(m);
	folio_yaml_put_string(b, tag);
	free(tag);
}

/* A collection's name (a slug) as YAML reads it back as a string: quoted
 * when it has no letter (missing-semester's collection "2019" read as a
 * number made init refuse its own folio.yaml) or is a YAML word. */
static void put_name(folio_buf *b, const char *name)
{
	static const char *const words[] = { "true", "false", "null", "yes", "no", "on", "off", "y", "n", NULL };
	bool letter = false;
	for (const char *p = name; *p && !letter; p++)
		letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
	for (size_t i = 0; words[i] && letter; i++)
		letter = strcasecmp(name, words[i]) != 0;
	if (letter)
		folio_buf_puts(b, name);
	else
		folio_yaml_put_string(b, name);
}

/* Hugo keeps raw HTML only with markup.goldmark.renderer.unsafe, or on
 * Blackfriday (defaultMarkdownHandler, before Hugo 0.100), which has no
 * such switch; kramdown always does. */
static bool allow_html(const migration *m)
{
	if (m->from == FOLIO_FROM_JEKYLL)
		return true;
	const json_t *markup = folio_migrate__get_ci(m->cfg, "markup");
	const char *handler = json_string_value(folio_migrate__get_ci(markup, "defaultMarkdownHandler"));
	if (handler && !strcasecmp(handler, "blackfriday"))
		return true;
	const json_t *r = folio_migrate__get_ci(folio_migrate__get_ci(markup, "goldmark"), "renderer");
	return folio_migrate__on(folio_migrate__get_ci(r, "unsafe"));
}

static void put_list(folio_buf *b, const char *key, const json_t *list, const char *why)
{
	if (!json_array_size(list))
		return;
	folio_buf_printf(b, "# %s\n%s:\n", why, key);
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		folio_buf_puts(b, "  - ");
		folio_yaml_put_string(b, json_string_value(v));
		folio_buf_putc(b, '\n');
	}
}

/* The static/ folders of Hugo's themes, which Hugo publishes at the root
 * beneath the site's own. Caller decrefs. */
static json_t *theme_statics(const migration *m)
{
	return folio_migrate__theme_folders(m, "static");
}

/* One entry of path_permalinks:, the key written before the first. */
static void put_path_permalink(folio_buf *b, bool *first, const char *path, const char *perm, const char *why)
{
	if (*first)
		folio_buf_puts(b, "# Jekyll's defaults: the permalink of the pages below a folder\n"
		                  "path_permalinks:\n");
	*first = false;
	folio_buf_puts(b, "  - path: ");
	folio_yaml_put_string(b, path);
	folio_buf_printf(b, "%s\n    permalink: ", why);
	folio_yaml_put_string(b, perm);
	folio_buf_putc(b, '\n');
}

/* Jekyll's defaults: scoped to a folder (path:) that give a permalink:
 * (docs.scala-lang's scala3-book at /scala3/book/:title.html):
 * path_permalinks:, in file order (folio takes the longest path first, as
 * Jekyll the most specific scope). A path with a glob is named: folio
 * reads folders only. A scope of every page (path: "", type: pages) is an
 * entry for each folder of pages: RDMkit's permalink: /:basename puts
 * pages/your_tasks/storage.md at /storage.html. */
static void put_path_permalinks(migration *m, folio_buf *b)
{
	const json_t *defaults = m->from == FOLIO_FROM_JEKYLL ? folio_migrate__get_ci(m->cfg, "defaults") : NULL;
	bool first = true;
	size_t i;
	json_t *d;
	json_array_foreach(defaults, i, d) {
		const json_t *scope = json_object_get(d, "scope");
		const char *path = json_string_value(json_object_get(scope, "path"));
		const char *perm = json_string_value(json_object_get(json_object_get(d, "values"), "permalink"));
		if (!path || !*path || !perm || !*perm)
			continue;
		if (strchr(path, '*') || !strcmp(path, ".") || strstr(path, "..")) {
			folio_buf_printf(m->notes, "defaults: permalink %s for %s: not kept, folio reads a folder's "
			                 "path without a glob\n", perm, path);
			continue;
		}
		put_path_permalink(b, &first, path, perm, "");
	}
	const char *pages = folio_migrate__site_pages_permalink(m);
	for (size_t k = 0; pages && k < m->ncols; k++) {
		const collection *c = &m->cols[k];
		if (!c->documents && !c->posts && strcmp(c->folder, ".") && !strchr(c->folder, '/'))
			put_path_permalink(b, &first, c->folder, pages, "  # defaults: of every page");
	}
}

/* Hugo's disablePathToLower: the site's addresses keep the capitals of
 * its files' and terms' names (velero's /blog/My-Post/, /tags/Velero/). */
/* Does any collection have pages with a date? */
static bool any_dates(const migration *m)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (m->cols[i].dates)
			return true;
	return false;
}

static bool keeps_case(const migration *m)
{
	return m->from == FOLIO_FROM_HUGO && folio_migrate__on(folio_migrate__get_ci(m->cfg, "disablePathToLower"));
}

/* The figure shortcode's template Hugo uses, the site's own or else its
 * theme's (layouts/shortcodes/figure.html, or layouts/_shortcodes/ since
 * Hugo 0.146), read into text; false when there is none (Hugo's own). */
static bool figure_template(const migration *m, folio_buf *text)
{
	static const char *const names[] = { "/shortcodes/figure.html", "/_shortcodes/figure.html" };
	json_t *layouts = folio_migrate__theme_folders(m, "layouts");
	json_array_insert_new(layouts, 0, json_string("layouts"));
	bool found = false;
	for (size_t i = 0; i < json_array_size(layouts) && !found; i++)
		for (size_t k = 0; k < 2 && !found; k++) {
			char *rel = folio_xasprintf("%s%s", json_string_value(json_array_get(layouts, i)), names[k]);
			char *path = folio_fs_join(m->dir, rel);
			found = folio_fs_exists(path) && folio_fs_read(text, path) >= 0 && text->ptr;
			if (!found)
				folio_buf_clear(text);
			free(path);
			free(rel);
		}
	json_decref(layouts);
	return found;
}

/* text with its template comments (Go's slash-star comments inside an
 * action) blanked: a word there is no call ("Cannot use absURL below",
 * in a figure that writes src against the page's permalink). */
static void drop_template_comments(char *text)
{
	for (char *c = strstr(text, "/*"); c; c = strstr(c, "/*")) {
		char *end = strstr(c + 2, "*/");
		char *stop = end ? end + 2 : c + strlen(c);
		memset(c, ' ', (size_t)(stop - c));
		c = stop;
	}
}

/* Whether that figure writes its src through relURL or absURL: a
 * relative src is then read from the site's root (1, figure_src: root),
 * and below img/ when it says library="1", as the Academic theme's does
 * (2, library). A figure that reads no src at all (its own image=) is no
 * Hugo figure: -1, own_shortcodes: [figure]. */
static int figure_kind(const migration *m)
{
	folio_buf text = FOLIO_BUF_INIT;
	int root = 0;
	if (figure_template(m, &text)) {
		drop_template_comments(text.ptr);
		root = strstr(text.ptr, "relURL") || strstr(text.ptr, "absURL");
		/* Academic's: {{ if .Get "library" }} printf "img/%s" */
		root += root && strstr(text.ptr, "\"library\"") && strstr(text.ptr, "\"img/%s\"");
		if (!strstr(text.ptr, "\"src\"") && !strstr(text.ptr, ".Get 0"))
			root = -1;
	}
	folio_buf_dispose(&text);
	return root;
}

/* Does a module path or theme name the site uses ("github.com/HugoBlox/
 * hugo-blox-builder/modules/blox-tailwind") name Hugo Blox or Wowchemy? */
static bool names_blox(const json_t *v)
{
	const char *s = json_is_string(v) ? json_string_value(v) : folio_migrate__get_text(v, "path");
	return s && (strcasestr(s, "hugo-blox") || strcasestr(s, "wowchemy"));
}

/* Whether the site's Markdown images fall back to assets/media/: Hugo
 * Blox's (and Wowchemy's) image render hook looks for a relative source
 * among the page's resources, then in that media library. Their modules
 * are fetched by Go, not kept in the repository: the imports say it. */
static bool blox_media(const migration *m)
{
	if (m->from != FOLIO_FROM_HUGO || !folio_migrate__is_dir(m, "assets/media"))
		return false;
	const json_t *imports = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "module"), "imports");
	const json_t *theme = folio_migrate__get_ci(m->cfg, "theme");
	size_t i;
	json_t *v;
	json_array_foreach(imports, i, v)
		if (names_blox(v))
			return true;
	json_array_foreach(theme, i, v)
		if (names_blox(v))
			return true;
	return names_blox(theme);
}

/* Hugo's permalink of a taxonomy's terms ([permalinks.term], else the
 * top-level form its older versions read for terms too) and of its index
 * ([permalinks.taxonomy]), each NULL when none is written. */
static void taxonomy_permalinks(const migration *m, const char *tax, const char **terms, const char **index)
{
	if (m->from == FOLIO_FROM_JEKYLL) { /* jekyll-archives': /tags/:name/, as :slug */
		*terms = json_string_value(json_object_get(m->archive_permalinks, tax));
		*index = NULL;
		return;
	}
	const json_t *p = folio_migrate__get_ci(m->cfg, "permalinks");
	*terms = folio_migrate__get_text(folio_migrate__get_ci(p, "term"), tax);
	if (!*terms)
		*terms = folio_migrate__get_text(p, tax);
	*index = folio_migrate__get_text(folio_migrate__get_ci(p, "taxonomy"), tax);
}

/* A taxonomy whose folder's _index.md cascades build.render: never
 * (HugoBlox's content/authors/): Hugo renders neither its list nor a
 * term's page, so folio has none of them either. */
static bool taxonomy_unrendered(const migration *m, const char *tax)
{
	if (m->from != FOLIO_FROM_HUGO)
		return false;
	bool keep_index = false;
	char *folder = folio_migrate__join_rel(m->content ? m->content : "", tax);
	bool unrendered = folio_migrate__hugo_headless(m, folder, &keep_index) && !keep_index;
	if (unrendered)
		folio_buf_printf(m->notes, "taxonomy %s: %s/_index.md says Hugo renders none of its pages "
		                           "(build.render: never): no page of its terms\n", tax, folder);
	free(folder);
	return unrendered;
}

/* Whether Hugo's uglyURLs puts taxonomy tax's pages at /tags.html and
 * /tags/go.html: uglyURLs = true, or its entry in the per-section map. */
static bool taxonomy_ugly(const migration *m, const char *tax)
{
	if (m->from != FOLIO_FROM_HUGO)
		return false;
	const json_t *ugly = folio_migrate__get_ci(m->cfg, "uglyURLs");
	return json_is_true(ugly) || (json_is_object(ugly) && json_is_true(folio_migrate__get_ci(ugly, tax)));
}

/* Hugo's taxonomies (taxonomies:): a page per term at /tags/<term>/, or
 * where Hugo's permalinks put it, as Hugo publishes it, which pages link
 * to; and the list of terms at /tags/ even when no page gives one, as Hugo
 * writes tags and categories unless told otherwise (a menu's link to
 * /tags/ is valid). */
static void put_taxonomies(const migration *m, folio_buf *b)
{
	const char *key;
	json_t *count;
	bool any = false;
	json_object_foreach(m->terms, key, count) {
		if (taxonomy_unrendered(m, key))
			continue;
		if (!any)
			folio_buf_puts(b, m->from == FOLIO_FROM_JEKYLL
			                  ? "# jekyll-archives: /tags/<term>/ (or its permalink) lists the pages of a term,\n"
			                    "# as the plugin's archives do, and no page lists the terms\ntaxonomies:\n"
			                  : m->terms_unindexed
			                  ? "# Hugo's taxonomies: /tags/<term>/ (or its permalink) lists the pages of a term,\n"
			                    "# as Hugo's does, and no page lists the terms (disableKinds: [taxonomy])\n"
			                    "taxonomies:\n"
			                  : "# Hugo's taxonomies: /tags/<term>/ (or its permalink) lists the pages of a term,\n"
			                    "# as Hugo's does, and /tags/ its terms (even none)\ntaxonomies:\n");
		any = true;
		const char *terms, *index;
		taxonomy_permalinks(m, key, &terms, &index);
		bool term_ok = terms && folio_config_taxonomy_url_valid(terms, true);
		bool index_ok = index && folio_config_taxonomy_url_valid(index, false);
		if (terms && !term_ok)
			folio_buf_printf(m->notes, "taxonomy %s: its terms' permalink \"%s\" is not a folder and :slug: "
			                           "its terms are at /%s/<term>/\n", key, terms, key);
		if (index && !index_ok)
			folio_buf_printf(m->notes, "taxonomy %s: its permalink \"%s\" is not a folder: its index is at /%s/\n",
			                 key, index, key);
		bool ugly = taxonomy_ugly(m, key);
		if (!term_ok && !index_ok && !m->terms_unindexed && !ugly) {
			folio_buf_puts(b, "  - ");
			folio_yaml_put_string(b, key);
			folio_buf_putc(b, '\n');
			continue;
		}
		folio_buf_puts(b, "  - name: ");
		folio_yaml_put_string(b, key);
		if (m->terms_unindexed) /* Hugo's disableKinds: [taxonomy] */
			folio_buf_puts(b, "\n    index: false");
		if (ugly)
			folio_buf_printf(b, "\n    # its pages are files, /%s.html and /%s/<term>.html, as uglyURLs has them"
			                    "\n    ugly_urls: true", key, key);
		if (index_ok) {
			folio_buf_puts(b, "\n    url: ");
			folio_yaml_put_string(b, index);
		}
		if (term_ok) {
			folio_buf_puts(b, "\n    permalink: ");
			folio_yaml_put_string(b, terms);
		}
		if (term_ok && m->from == FOLIO_FROM_HUGO) /* Hugo's :slug of a term is its page's slug or title */
			folio_buf_puts(b, "\n    # a term whose folder's _index.md gives slug: or a title is there, as Hugo's :slug"
			                  "\n    slug_from: title");
		folio_buf_putc(b, '\n');
	}
}

/* Hugo's other languages (languages:), and where each one's pages are
 * (language_dirs:) when they have a contentDir of their own. */
static void put_languages(const migration *m, folio_buf *b)
{
	if (!json_array_size(m->languages))
		return;
	folio_buf_puts(b, m->polyglot ? "# jekyll-polyglot's other languages: x.fr.md beside x.md is x in French, at\n"
	                                 "# /fr/...\nlanguages: ["
	                               : "# Hugo's other languages, in their weight order: x.fr.md beside x.md is x in\n"
	                                 "# French, at /fr/...\nlanguages: [");
	bool dirs = false;
	size_t i;
	json_t *lang;
	json_array_foreach(m->languages, i, lang) {
		folio_buf_puts(b, i ? ", " : "");
		folio_yaml_put_string(b, json_string_value(json_object_get(lang, "tag")));
		dirs |= json_object_get(lang, "dir") != NULL;
	}
	folio_buf_puts(b, "]\n");
	if (!m->polyglot)
		folio_buf_puts(b, "# a language has a section's list and feeds only where a page of it or its\n"
		                  "# _index is in that language, as Hugo writes them\nempty_language_lists: false\n"
		                  "# each language has its own sitemap (/fr/sitemap.xml), /sitemap.xml the index\n"
		                  "# of them, as Hugo writes a multilingual site's\nlanguage_sitemaps: true\n");
	if (m->polyglot)
		folio_buf_puts(b, "# a page whose lang: names one of them (about-de.md, lang: de) is in it: the version\n"
		                  "# of the page with the same permalink:, as jekyll-polyglot reads it\nlanguage_field: lang\n");
	if (m->polyglot && folio_migrate__on(json_object_get(m->cfg, "lang_from_path")))
		folio_buf_puts(b, "# one without lang: is in the language a folder or name of its path names\n"
		                  "# (_pages/pt-br/cv.md), as polyglot's lang_from_path reads it\nlanguage_from_path: true\n");
	if (!dirs)
		return;
	folio_buf_puts(b, m->polyglot ? "# each language's posts: _posts/fr/x.md translates _posts/x.md\nlanguage_dirs:\n  "
	                              : "# each language's contentDir: content/fr/posts/x.md translates the same place in\n"
	                                "# the site language's folder\nlanguage_dirs:\n  ");
	put_language(b, m);
	folio_buf_puts(b, ": ");
	folio_yaml_put_string(b, m->polyglot ? "_posts" : m->content);
	folio_buf_putc(b, '\n');
	json_array_foreach(m->languages, i, lang) {
		const char *dir = json_string_value(json_object_get(lang, "dir"));
		if (!dir)
			continue;
		folio_buf_puts(b, "  ");
		folio_yaml_put_string(b, json_string_value(json_object_get(lang, "tag")));
		folio_buf_puts(b, ": ");
		folio_yaml_put_string(b, dir);
		folio_buf_putc(b, '\n');
	}
}

/* Hugo's defaultContentLanguageInSubdir: the site language's pages were
 * below /<its key>/, which links name (language_subdir:). Hugo reads the
 * key in lower case. */
char *folio_migrate__language_key(const migration *m)
{
	const char *def = folio_migrate__get_text(m->cfg, "defaultContentLanguage");
	char *key = folio_xstrdup(def && *def ? def : "en");
	for (char *s = key; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	if (folio_config_is_language_tag(key))
		return key;
	free(key);
	return NULL;
}

/* Hugo's languages a site builds: those of languages: but the disabled. */
static size_t languages_built(const migration *m)
{
	const char *name;
	json_t *lang, *off = folio_migrate__languages_off(m);
	size_t n = 0;
	json_object_foreach(folio_migrate__get_ci(m->cfg, "languages"), name, lang)
		n += !folio_migrate__language_off(off, name, lang);
	json_decref(off);
	return n;
}

/* A site of one language is at the root all the same (MEDomics' lab site:
 * Hugo writes nothing below /en/). */
static char *subdir_key(const migration *m)
{
	if (m->from != FOLIO_FROM_HUGO ||
	    !folio_migrate__on(folio_migrate__get_ci(m->cfg, "defaultContentLanguageInSubdir")) ||
	    languages_built(m) < 2)
		return NULL;
	return folio_migrate__language_key(m);
}

char *folio_migrate__subdir_key(const migration *m)
{
	return subdir_key(m);
}

int folio_migrate__language_subdir(const migration *m)
{
	char *key = subdir_key(m);
	int yes = key != NULL;
	free(key);
	return yes;
}

/* url without the site language's folder under language_subdir: (a
 * section's url: /fr/agenda/ is /agenda/, where folio publishes that
 * language, its translations' lists below /en/agenda/; kept, the English
 * list was at /en/fr/agenda/). Points into url. */
static const char *below_subdir(const migration *m, const char *url)
{
	char *key = subdir_key(m);
	size_t n = key ? strlen(key) : 0;
	const char *out = n && url[0] == '/' && !strncmp(url + 1, key, n) && url[n + 1] == '/' && url[n + 2]
	                          ? url + n + 1
	                          : url;
	free(key);
	return out;
}

static void put_language_subdir(const migration *m, folio_buf *b)
{
	char *key = subdir_key(m);
	if (key) {
		folio_buf_printf(b, "# Hugo published this language's pages below /%s/ "
		                    "(defaultContentLanguageInSubdir): folio\n"
		                    "# publishes them at the root, reads links to /%s/x/ as /x/, and keeps "
		                    "the old\n# addresses as redirect pages\nlanguage_subdir: ", key, key);
		folio_yaml_put_string(b, key);
		folio_buf_putc(b, '\n');
	}
	free(key);
}

/* Hugo's markup.goldmark.extensions.linkify (true unless said). */
static bool hugo_linkify(const migration *m)
{
	const json_t *g = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "markup"), "goldmark");
	return !json_is_false(folio_migrate__get_ci(folio_migrate__get_ci(g, "extensions"), "linkify"));
}

/* Hugo's markup.goldmark.extensions.taskList (true unless said). */
static bool hugo_task_lists(const migration *m)
{
	const json_t *g = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "markup"), "goldmark");
	return !json_is_false(folio_migrate__get_ci(folio_migrate__get_ci(g, "extensions"), "taskList"));
}

/* Hugo's markup.goldmark.extensions.typographer (true unless said: false,
 * or a table of substitutions with disable = true, Hugo 0.112's form). */
static bool hugo_typographer(const migration *m)
{
	const json_t *g = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "markup"), "goldmark");
	const json_t *t = folio_migrate__get_ci(folio_migrate__get_ci(g, "extensions"), "typographer");
	return !json_is_false(t) && !(json_is_object(t) && folio_migrate__on(folio_migrate__get_ci(t, "disable")));
}

/* Hugo's markup.goldmark.parser.attribute.block: "{.class}" after a block. */
static bool block_attributes(const migration *m)
{
	const json_t *g = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "markup"), "goldmark");
	const json_t *a = folio_migrate__get_ci(folio_migrate__get_ci(g, "parser"), "attribute");
	return folio_migrate__on(folio_migrate__get_ci(a, "block"));
}

/* Hugo's markup.goldmark.parser.autoHeadingIDType as folio's heading_ids:
 * "github" (its default) is goldmark, "github-ascii" goldmark-ascii. */
static const char *hugo_heading_ids(const migration *m)
{
	const json_t *g = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "markup"), "goldmark");
	const char *type = json_string_value(folio_migrate__get_ci(folio_migrate__get_ci(g, "parser"),
	                                                           "autoHeadingIDType"));
	return type && !strcasecmp(type, "github-ascii")  ? "goldmark-ascii"
	       : type && !strcasecmp(type, "blackfriday") ? "blackfriday"
	                                                  : "goldmark";
}

/* Does Jekyll render the site with kramdown (_config.yml's markdown:, its
 * default), which links no bare URL? */
static bool kramdown(const migration *m)
{
	if (m->from != FOLIO_FROM_JEKYLL)
		return false;
	const char *engine = json_string_value(json_object_get(m->cfg, "markdown"));
	return !engine || !strcasecmp(engine, "kramdown");
}

/* Code point cp in UTF-8 into out (5 bytes); false for a control
 * character or none. */
static bool kramdown_code_point(long cp, char out[5])
{
	if (cp < 0x20 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const unsigned char lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
	for (size_t i = n; i-- > 1; cp >>= 6)
		out[i] = (char)(0x80 | (cp & 0x3F));
	out[0] = (char)(n == 1 ? cp : lead[n] | cp);
	out[n] = '\0';
	return true;
}

/* The character kramdown writes for an entity of its smart_quotes option
 * (a name, "laquo", or a code point, "8222"), into out (5 bytes); false
 * when folio does not know it. */
static bool kramdown_quote(const char *name, char out[5])
{
	static const struct {
		const char *name;
		long cp;
	} known[] = { { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
		      { "lsaquo", 0x2039 }, { "rsaquo", 0x203A }, { "laquo", 0xAB },   { "raquo", 0xBB },
		      { "sbquo", 0x201A },  { "bdquo", 0x201E },  { "apos", '\'' },    { "quot", '"' } };
	char word[16];
	name += strspn(name, " ");
	size_t len = strcspn(name, " ");
	if (!len || len >= sizeof(word) || name[len + strspn(name + len, " ")])
		return false;
	memcpy(word, name, len);
	word[len] = '\0';
	char *end = NULL;
	long cp = word[0] >= '0' && word[0] <= '9' ? strtol(word, &end, 10) : 0;
	if (end && *end)
		return false;
	for (size_t i = 0; !end && i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(word, known[i].name))
			cp = known[i].cp;
	/* &, < and > kramdown writes as entities: not a quote to write here */
	return cp != '&' && cp != '<' && cp != '>' && kramdown_code_point(cp, out);
}

/* smart_quotes: for a site kramdown converts: its four quotes, those
 * _config.yml's kramdown smart_quotes names (a list, or a text with
 * commas), else kramdown's default. */
static void put_smart_quotes(const migration *m, folio_buf *b)
{
	const json_t *v = json_object_get(json_object_get(m->cfg, "kramdown"), "smart_quotes");
	char q[4][5], *names = NULL;
	const char *given[4] = { "lsquo", "rsquo", "ldquo", "rdquo" };
	bool ok = true;
	if (json_is_array(v) && json_array_size(v) == 4) {
		for (size_t i = 0; i < 4; i++)
			given[i] = json_string_value(json_array_get(v, i));
	} else if (json_is_string(v)) {
		names = folio_xstrdup(json_string_value(v));
		char *s = names;
		for (size_t i = 0; i < 4 && ok; i++) {
			given[i] = s;
			s = strchr(s, ',');
			ok = (i == 3) == !s;
			if (s)
				*s++ = '\0';
		}
	} else if (v && !json_is_null(v)) {
		ok = false;
	}
	for (size_t i = 0; i < 4 && ok; i++)
		ok = given[i] && kramdown_quote(given[i], q[i]);
	if (!ok) {
		folio_buf_puts(b, "# _config.yml's kramdown smart_quotes names quotes folio does not know: kramdown's\n"
		                  "# default is written\n");
		for (size_t i = 0; i < 4; i++)
			kramdown_quote((const char *[]){ "lsquo", "rsquo", "ldquo", "rdquo" }[i], q[i]);
	}
	folio_buf_puts(b, "# the text converted as kramdown converts it: -- and --- dashes, ... an\n"
	                  "# ellipsis, << >> guillemets, straight quotes these\nsmart_quotes: [");
	for (size_t i = 0; i < 4; i++) {
		if (i)
			folio_buf_puts(b, ", ");
		folio_yaml_put_string(b, q[i]);
	}
	folio_buf_puts(b, "]\n");
	free(names);
}

/* typographic_symbols: those _config.yml's kramdown gives its symbols
 * (kramdown writes the text as HTML text, a character reference kept):
 * each reference made its character, as folio escapes the text. */
/* footnote_backlink: the text _config.yml's kramdown gives a note's back
 * link ("" none), as kramdown writes it on a Jekyll page. */
static void put_footnote_backlink(const migration *m, folio_buf *b)
{
	const char *s = json_string_value(json_object_get(json_object_get(m->cfg, "kramdown"), "footnote_backlink"));
	if (!s)
		return;
	folio_buf_puts(b, "# the text of a footnote's back link, as _config.yml's kramdown gives it\nfootnote_backlink: ");
	folio_yaml_put_string(b, s);
	folio_buf_putc(b, '\n');
}

static void put_typographic_symbols(const migration *m, folio_buf *b)
{
	const json_t *v = json_object_get(json_object_get(m->cfg, "kramdown"), "typographic_symbols"), *item;
	const char *name;
	bool first = true;
	json_object_foreach((json_t *)v, name, item) {
		const char *s = json_string_value(item);
		if (folio_markdown_typographic_symbol(name) < 0 || !s)
			continue;
		folio_buf text = FOLIO_BUF_INIT;
		while (*s) {
			char c[5];
			char *end = NULL;
			long cp = s[0] == '&' && s[1] == '#' ? (s[2] == 'x' || s[2] == 'X' ? strtol(s + 3, &end, 16)
			                                                                     : strtol(s + 2, &end, 10))
			                                      : 0;
			if (end && *end == ';' && end > s + 2 && kramdown_code_point(cp, c)) {
				folio_buf_puts(&text, c);
				s = end + 1;
			} else {
				folio_buf_putc(&text, *s++);
			}
		}
		if (first)
			folio_buf_puts(b, "# the text _config.yml's kramdown writes for these symbols\ntypographic_symbols:\n");
		first = false;
		folio_buf_printf(b, "  %s: ", name);
		folio_yaml_put_string(b, text.ptr);
		folio_buf_putc(b, '\n');
		folio_buf_dispose(&text);
	}
}

/* Does kramdown make the headings' ids from their lines as written: GFM
 * input (its default on GitHub Pages and in Jekyll) with auto_ids and
 * without auto_id_stripping, in a kramdown older than 1.13 (the site's
 * Gemfile.lock)? From 1.13 GFM input strips a heading to its text
 * whatever the option says, as GitHub does: "A [Cake](https://x.org/c)"
 * is a-cake in Jekyll 4 and on GitHub Pages, folio's github rule. */
static bool kramdown_line_ids(const migration *m)
{
	const json_t *k = json_object_get(m->cfg, "kramdown");
	const char *input = json_string_value(json_object_get(k, "input"));
	return kramdown(m) && m->kramdown_before_1_13 && !json_is_false(json_object_get(k, "auto_ids")) &&
	       !json_is_true(json_object_get(k, "auto_id_stripping")) && (!input || !strcasecmp(input, "GFM"));
}

/* Does kramdown 1.13 or later make the headings' ids (GFM input, auto_ids
 * on, typographic symbols not turned off): GitHub's rule on the text after
 * its typographic conversion ("## A -- B" is a--b, where GitHub's is
 * a----b), heading_ids: kramdown-gfm. */
static bool kramdown_gfm_ids(const migration *m)
{
	const json_t *k = json_object_get(m->cfg, "kramdown");
	const char *input = json_string_value(json_object_get(k, "input"));
	const json_t *quirks = json_object_get(k, "gfm_quirks");
	const char *quirk = json_string_value(quirks);
	return kramdown(m) && !m->kramdown_before_1_13 && !json_is_false(json_object_get(k, "auto_ids")) &&
	       (!input || !strcasecmp(input, "GFM")) && !folio_migrate__lists(quirks, "no_auto_typographic") &&
	       !(quirk && strstr(quirk, "no_auto_typographic"));
}

/* A count from the generator's settings, as a number or a text ("10"); 0 when none. */
static long long setting_count(const json_t *v)
{
	if (json_is_integer(v))
		return json_integer_value(v);
	const char *t = json_string_value(v);
	char *end = NULL;
	long long n = t ? strtoll(t, &end, 10) : 0;
	return t && end != t && !*end ? n : 0;
}

/* Items per list page as the generator cut its lists: Hugo's paginate
 * (pagination.pagerSize since 0.128; 10 when neither is set), Jekyll's
 * paginate (jekyll-paginate's), else jekyll-paginate-v2's pagination:
 * per_page: when it is enabled (10 without the key; OpenTTD's 5); folio's
 * own 20 without any, so that the old /page/2/ addresses hold pages. */
static void put_page_size(const migration *m, folio_buf *b)
{
	const json_t *pagination = folio_migrate__get_ci(m->cfg, "pagination");
	const char *plugin = m->from == FOLIO_FROM_HUGO ? "Hugo" : "jekyll-paginate";
	long long n = setting_count(folio_migrate__get_ci(m->cfg, "paginate"));
	if (!n && m->from == FOLIO_FROM_HUGO)
		n = setting_count(folio_migrate__get_ci(pagination, "pagerSize"));
	if (!n && m->from == FOLIO_FROM_HUGO)
		n = 10;
	if (!n && m->from == FOLIO_FROM_JEKYLL && json_is_true(folio_migrate__get_ci(pagination, "enabled"))) {
		const json_t *per_page = folio_migrate__get_ci(pagination, "per_page");
		n = per_page ? setting_count(per_page) : 10;
		plugin = "jekyll-paginate-v2";
	}
	if (n < 1 || n > 10000)
		return;
	folio_buf_printf(b, "# items per list page, as %s cut its lists (/page/2/ holds the next ones)\n"
	                 "page_size: %lld\n", plugin, n);
}

/* Hugo's [outputFormats.RSS] baseName = "feed": every list's and term's
 * RSS at feed.xml (the site's own is in feeds:, migrate_feeds.c). */
static void put_rss_name(const migration *m, folio_buf *b)
{
	if (m->from != FOLIO_FROM_HUGO)
		return;
	const json_t *rss = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "outputFormats"), "RSS");
	const char *base = json_string_value(folio_migrate__get_ci(rss, "baseName"));
	if (!base || !*base || !strcmp(base, "index"))
		return;
	char *name = folio_xasprintf("%s.xml", base);
	if (folio_config_rss_name_valid(name))
		folio_buf_printf(b, "# Hugo's RSS baseName: each list's and term's RSS is %s\nrss_name: %s\n", name, name);
	free(name);
}

/* Hugo's disableKinds: [sitemap] and [404]: Hugo writes no /sitemap.xml
 * (a site keeping its own in static/ would clash with folio's), no
 * /404.html (the server's error page is shown). */
static void put_disabled_kinds(const migration *m, folio_buf *b)
{
	const json_t *off = m->from == FOLIO_FROM_HUGO ? folio_migrate__get_ci(m->cfg, "disableKinds") : NULL;
	bool not_found = folio_migrate__lists(off, "404");
	size_t i;
	json_t *kind;
	json_array_foreach(off, i, kind) /* YAML's [404] is a number, which Hugo reads as the kind */
		not_found |= json_is_integer(kind) && json_integer_value(kind) == 404;
	if (folio_migrate__lists(off, "sitemap"))
		folio_buf_puts(b, "# Hugo's disableKinds names sitemap: no /sitemap.xml\nsitemap: false\n");
	if (not_found)
		folio_buf_puts(b, "# Hugo's disableKinds names 404: no /404.html\nnot_found_page: false\n");
}

char *folio_migrate__site_config(migration *m)
{
	folio_buf b = FOLIO_BUF_INIT;
	const char *gen = m->from == FOLIO_FROM_HUGO ? "hugo" : "jekyll";
	folio_buf_printf(&b, "# Written by `folio init --from %s`%s%s: every key is described in\n"
	                     "# docs/config.md, the migration in docs/migrating.md.\n",
	                 gen, m->config_name ? " from " : "", m->config_name ? m->config_name : "");
	const char *title = folio_migrate__get_text(m->cfg, "title");
	if (!title || !*title) /* a multilingual Hugo site names itself per language */
		title = folio_migrate__get_text(folio_migrate__default_language_config(m), "title");
	folio_buf_puts(&b, "title: ");
	folio_yaml_put_string(&b, title && *title ? title : "My site");
	folio_buf_puts(&b, "\n");
	const char *desc = folio_migrate__get_text(m->cfg, "description");
	if (desc && *desc) {
		folio_buf_puts(&b, "description: ");
		folio_yaml_put_string(&b, desc);
		folio_buf_putc(&b, '\n');
	}
	char *url = base_url(m);
	folio_buf_puts(&b, "base_url: ");
	folio_yaml_put_string(&b, url);
	free(url);
	folio_buf_puts(&b, "\nlanguage: ");
	put_language(&b, m);
	folio_buf_putc(&b, '\n');
	/* Jekyll's timezone:, Hugo's timeZone: the zone of dates written
	 * without an offset ("2022-02-13 14:00" in Madrid, not UTC) */
	const char *zone = folio_migrate__get_text(m->cfg, m->from == FOLIO_FROM_JEKYLL ? "timezone" : "timeZone");
	if (zone && folio_zone_valid(zone)) {
		folio_buf_puts(&b, "# the generator's time zone: dates without an offset are read in it\ntimezone: ");
		folio_yaml_put_string(&b, zone);
		folio_buf_putc(&b, '\n');
	}
	put_page_size(m, &b);
	put_rss_name(m, &b);
	put_disabled_kinds(m, &b);
	put_languages(m, &b);
	put_language_subdir(m, &b);
	folio_buf_printf(&b, "allow_html: %s\n", allow_html(m) ? "true" : "false");
	if (m->from == FOLIO_FROM_JEKYLL)
		folio_buf_puts(&b, "# Jekyll's rules where they differ: {{ page.title }}, redirect_to:, slug:,\n"
		                   "# files named _x, .x or x~ and posts without a date left out\n"
		                   "jekyll_rules: true\n"
		                   "# footnotes get kramdown's ids (#fn:note), which links to them name\n"
		                   "footnotes: kramdown\n");
	else
		folio_buf_puts(&b, "# footnotes get Goldmark's ids (#fn:1, by number), which links to them name\n"
		                   "footnotes: goldmark\n");
	if (m->from == FOLIO_FROM_HUGO)
		folio_buf_printf(&b, "# headings get Hugo's ids (\"Breaking changes ⚠️\": #breaking-changes-), which\n"
		                 "# links to them name\nheading_ids: %s\n", hugo_heading_ids(m));
	else if (kramdown_line_ids(m))
		folio_buf_puts(&b, "# headings get kramdown's ids, made of the heading's line as written (a link's\n"
		                   "# URL counts), which links to them name\nheading_ids: kramdown\n");
	else if (kramdown_gfm_ids(m))
		folio_buf_puts(&b, "# headings get kramdown's ids, made of their text after its typographic\n"
		                   "# conversion (\"A -- B\" is a--b), which links to them name\n"
		                   "heading_ids: kramdown-gfm\n");
	if (m->from == FOLIO_FROM_HUGO && block_attributes(m))
		folio_buf_puts(&b, "# {.class #id} on the line after a block is its attributes, as Goldmark reads\n"
		                   "# them with markup.goldmark.parser.attribute.block\n"
		                   "block_attributes: true\n");
	if (m->from == FOLIO_FROM_HUGO && hugo_task_lists(m))
		folio_buf_puts(&b, "# \"- [ ] a\" and \"- [x] b\" are checkboxes, as Goldmark's task list extension\n"
		                   "# writes them\ntask_lists: true\n");
	if (m->from == FOLIO_FROM_HUGO && hugo_typographer(m))
		folio_buf_puts(&b, "# \"it's\" is \"it’s\", \"--\" an en dash, \"...\" an ellipsis, as Goldmark's\n"
		                   "# typographer writes them\ntypographer: true\n");
	if (kramdown(m))
		folio_buf_puts(&b, "# a bare URL stays text, as kramdown leaves it (write <https://...> for a link)\n"
		                   "autolinks: false\n");
	if (kramdown(m)) {
		put_smart_quotes(m, &b);
		put_typographic_symbols(m, &b);
	}
	if (m->from == FOLIO_FROM_JEKYLL && kramdown(m))
		put_footnote_backlink(m, &b);
	if (m->from == FOLIO_FROM_HUGO)
		folio_buf_puts(&b, hugo_linkify(m) ? "# a bare URL is linked up to its first character that is not ASCII, as\n"
		                                     "# Goldmark's linkify links it\nautolinks: goldmark\n"
		                                   : "# a bare URL stays text: markup.goldmark.extensions.linkify is false\n"
		                                     "autolinks: false\n");
	if (m->titles_from_headings)
		folio_buf_puts(&b, "# jekyll-titles-from-headings (GitHub Pages' default): a page without a title is\n"
		                   "# titled by its first heading\ntitle_from_heading: true\n");
	if (m->readme_index)
		folio_buf_puts(&b, "# GitHub Pages' jekyll-readme-index: a folder's README.md is its index page\n"
		                   "# when it has no index.md\nreadme_index: true\n");
	if (m->from == FOLIO_FROM_JEKYLL)
		folio_buf_puts(&b, "# aliases: is data of the site's own in Jekyll, not old URLs (redirect_from: is)\n"
		                   "aliases_key: false\n");
	if (m->from == FOLIO_FROM_JEKYLL && !m->optional_front_matter)
		folio_buf_puts(&b, "# a file at the top is a page when it opens with front matter, whatever\n"
		                   "# its name (CHANGELOG.md), and is not published without, as in Jekyll\n"
		                   "front_matter_pages: true\n");
	if (m->from == FOLIO_FROM_HUGO && folio_migrate__is_dir(m, "static"))
		folio_buf_puts(&b, "# static/img/a.png is served at /img/a.png, as Hugo does\n"
		                   "static_at_root: true\n");
	if (m->from == FOLIO_FROM_HUGO) {
		json_t *roots = theme_statics(m);
		put_list(&b, "static_roots", roots, "the theme's static files, at the root beneath static/'s, as Hugo merges them");
		json_decref(roots);
	}
	if (m->from == FOLIO_FROM_HUGO)
		folio_buf_puts(&b, "# a link that names no page as written is looked up as Hugo's link render\n"
		                   "# hook does: in lower case, from the page's section, from the content root\n"
		                   "hugo_links: true\n"
		                   "# slug: v6.2 keeps its dot, as Hugo publishes it\n"
		                   "slug_dots: true\n"
		                   "# content/x.html (front matter, then HTML) is a page, its body kept as HTML\n"
		                   "html_pages: true\n"
		                   "# the Markdown and HTML files below a folder's index.md are its resources,\n"
		                   "# as in Hugo's leaf bundles: neither rendered nor published\n"
		                   "leaf_bundles: true\n"
		                   "# aliases: \"/a/ /b/\", one string, is two old URLs, as Hugo splits it\n"
		                   "aliases_words: true\n");
	if (m->from == FOLIO_FROM_JEKYLL && m->kept_html)
		folio_buf_puts(&b, "# docs/x.html (front matter, then HTML without Liquid) is a page, its body\n"
		                   "# kept as HTML\n"
		                   "html_pages: true\n");
	int figure = m->from == FOLIO_FROM_HUGO ? figure_kind(m) : 0;
	if (figure < 0)
		folio_buf_puts(&b, "# the site's own figure shortcode reads no src: it is not Hugo's, and folio\n"
		                   "# leaves it to the site's templates (a shortcode/unknown warning)\n"
		                   "own_shortcodes: [figure]\n");
	else if (figure)
		folio_buf_printf(&b, "# the site's own figure shortcode writes src through relURL: a relative\n"
		                     "# src names a file from the site's root (static/)%s\nfigure_src: %s\n",
		                 figure > 1 ? ", below img/ with library=\"1\"" : "", figure > 1 ? "library" : "root");
	if (m->from == FOLIO_FROM_HUGO && m->subsections && folio_migrate__hugo_writes_rss(m, "section"))
		folio_buf_puts(&b, "# each nested section (a folder's _index.md) has an RSS beside its list\n"
		                   "# (/docs/guide/index.xml), as Hugo writes one for every section\n"
		                   "section_feeds: true\n");
	if (m->from == FOLIO_FROM_HUGO && any_dates(m))
		folio_buf_puts(&b, "# a date and time written with an offset is shown at that offset (09:30 for\n"
		                   "# 09:30+02:00), as Hugo shows it, not at timezone:\n"
		                   "times_as_written: true\n");
	if (m->hugo_fences)
		folio_buf_puts(&b, "# a page's front matter ends at the first line starting with ---, the rest\n"
		                   "# of that line its text's start, as Hugo reads it (a line ---6---)\n"
		                   "hugo_fences: true\n");
	if (m->from == FOLIO_FROM_HUGO && folio_migrate__on(folio_migrate__get_ci(m->cfg, "relativeURLs")))
		folio_buf_puts(&b, "# site paths in HTML written relative to each page (../../b/), as relativeURLs\n"
		                   "# makes them\nrelative_urls: true\n");
	if (m->from == FOLIO_FROM_HUGO && folio_migrate__on(folio_migrate__get_ci(m->cfg, "enableEmoji")))
		folio_buf_puts(&b, "# :smile: in a page's text is its emoji, as enableEmoji makes it\n"
		                   "emoji: true\n");
	if (m->from == FOLIO_FROM_HUGO && folio_migrate__on(folio_migrate__get_ci(m->cfg, "removePathAccents")))
		folio_buf_puts(&b, "# addresses made of titles lose their accents, as removePathAccents does\n"
		                   "remove_path_accents: true\n");
	if (keeps_case(m))
		folio_buf_puts(&b, "# a term's capitals stay in its address (/tags/Velero/), as\n"
		                   "# disablePathToLower writes it\n"
		                   "term_case: keep\n");
	if (m->from == FOLIO_FROM_HUGO && folio_migrate__is_dir(m, "assets"))
		folio_buf_puts(&b, "# assets/images/a.png is published at /images/a.png, as Hugo publishes the\n"
		                   "# resources its templates and render hooks use\n"
		                   "assets_at_root: true\n");
	if (blox_media(m))
		folio_buf_puts(&b, "# a Markdown image the page's folder lacks is looked for in assets/media/, as\n"
		                   "# Hugo Blox's image render hook looks for it\n"
		                   "image_library: /media/\n");
	put_list(&b, "exclude", m->exclude, m->from == FOLIO_FROM_HUGO
	         ? "Hugo's own folders: not part of the site"
	         : "Jekyll's own folders, drafts and what _config.yml excludes: not part of the site");
	put_list(&b, "copy", m->copy, "published as they are, at their own path");
	if (allow_html(m))
		put_list(&b, "embeds", m->embeds, "the hosts of the <iframe>s pages hold, which the old site "
		         "published: remove those you do not trust");
	folio_migrate__put_params(m, &b);
	put_path_permalinks(m, &b);
	put_taxonomies(m, &b);
	folio_migrate__put_feeds(m, &b);
	for (size_t i = 0; i < json_array_size(m->redirects); i++) {
		const json_t *r = json_array_get(m->redirects, i);
		if (!i)
			folio_buf_puts(&b, "# the old site's redirects (its web server's, Hugo's own), each a redirect page at from\n"
			                   "redirects:\n");
		folio_buf_puts(&b, "  - from: ");
		folio_yaml_put_string(&b, json_string_value(json_object_get(r, "from")));
		folio_buf_puts(&b, "\n    to: ");
		folio_yaml_put_string(&b, json_string_value(json_object_get(r, "to")));
		folio_buf_printf(&b, "  # %s\n", json_string_value(json_object_get(r, "file")));
		if (json_is_true(json_object_get(r, "proxy")))
			folio_buf_puts(&b, "    # status 200 there: the web server fetches the other host's files for\n"
			                   "    # this folder (a proxy), which folio's output cannot do; links below it\n"
			                   "    # are that host's, not checked\n");
	}
	for (size_t i = 0; i < json_array_size(m->link_hooks); i++) {
		const json_t *h = json_array_get(m->link_hooks, i);
		if (!i)
			folio_buf_puts(&b, "link_hooks:\n");
		folio_buf_printf(&b, "  # what %s does with [text](%s), declared\n",
		                 json_string_value(json_object_get(h, "hook")),
		                 json_string_value(json_object_get(h, "target")));
		folio_buf_puts(&b, "  - target: ");
		folio_yaml_put_string(&b, json_string_value(json_object_get(h, "target")));
		folio_buf_puts(&b, "\n    url: ");
		folio_yaml_put_string(&b, json_string_value(json_object_get(h, "url")));
		folio_buf_puts(&b, "\n    terms: ");
		folio_yaml_put_string(&b, json_string_value(json_object_get(h, "terms")));
		folio_buf_putc(&b, '\n');
		const char *text;
		json_t *term;
		if (json_object_get(h, "words"))
			folio_buf_puts(&b, "    words: # the texts the hook maps by hand\n");
		json_object_foreach(json_object_get(h, "words"), text, term) {
			folio_buf_puts(&b, "      ");
			folio_yaml_put_string(&b, text);
			folio_buf_puts(&b, ": ");
			folio_yaml_put_string(&b, json_string_value(term));
			folio_buf_putc(&b, '\n');
		}
	}
	folio_buf_puts(&b, "collections:\n");
	for (size_t i = 0; i < m->ncols; i++) {
		const collection *c = &m->cols[i];
		folio_buf_puts(&b, "  - name: ");
		put_name(&b, c->name);
		folio_buf_puts(&b, "\n    label: ");
		folio_yaml_put_string(&b, c->label);
		folio_buf_puts(&b, "\n    folder: ");
		folio_yaml_put_string(&b, c->folder);
		folio_buf_putc(&b, '\n');
		if (c->note)
			folio_buf_printf(&b, "    # %s\n", c->note);
		if (c->permalink && !c->dates && !c->awaited && !c->undated)
			folio_buf_printf(&b, "    # permalink \"%s\" needs a date, and no page has one\n",
			                 c->permalink);
		if (c->url && c->list_url && !strcmp(c->url, c->list_url))
			folio_buf_puts(&b, "    # the list's address, as the section's own url: says\n");
		if (c->url) {
			folio_buf_puts(&b, "    url: ");
			folio_yaml_put_string(&b, below_subdir(m, c->url));
			folio_buf_putc(&b, '\n');
		}
		if (c->permalink && (c->dates || c->awaited || c->undated)) {
			folio_buf_puts(&b, "    permalink: ");
			folio_yaml_put_string(&b, c->permalink);
			folio_buf_putc(&b, '\n');
		}
		if (c->permalink && (c->dates || c->awaited || c->undated) && c->categories)
			put_categories(&b, c->categories);
		if (c->unlisted)
			folio_buf_puts(&b, "    # no list of its own, as the generator makes none of these pages\n"
			                   "    list: false\n");
		else if (c->no_rss)
			folio_buf_puts(&b, "    # no RSS beside its list, as Hugo's outputs for it name none\n"
			                   "    rss: false\n");
		if (c->home)
			folio_buf_printf(&b, "    # %s is the home page's text (templates/home.mustache: page)\n"
			                     "    home: true\n", m->from == FOLIO_FROM_HUGO ? "its _index.md" : "index.md");
		if (c->dots && m->from == FOLIO_FROM_JEKYLL)
			folio_buf_puts(&b, "    # a file or folder name keeps its dots (gpl-3.0, 2.8.x), as Jekyll writes it\n"
			                   "    slug_dots: true\n");
		if (c->documents && m->from == FOLIO_FROM_JEKYLL && !headings_title_documents(m))
			folio_buf_puts(&b, "    # a page without a title is titled by its name, as Jekyll titles a document\n"
			                   "    title_from_name: true\n");
		if (c->text_pages)
			folio_buf_puts(&b, "    # its .txt files with front matter are pages, as Jekyll outputs them\n"
			                   "    text_pages: true\n");
		if (c->ugly)
			folio_buf_puts(&b, "    ugly_urls: true\n");
		else if (c->ugly_pages)
			folio_buf_puts(&b, "    # its pages at /<folder>/<name>.html, as Jekyll's permalink style has them\n"
			                   "    ugly_urls: pages\n");
		if (c->by_title && m->from == FOLIO_FROM_HUGO)
			folio_buf_puts(&b, "    # a page without slug: is named by its title, as Hugo's :slug\n"
			                   "    slug_from: title\n");
		if (c->by_file && m->from == FOLIO_FROM_HUGO)
			folio_buf_puts(&b, "    # a page is named by its file, not its slug:, as Hugo's :filename\n"
			                   "    slug_names: false\n");
		if (c->by_name && m->from == FOLIO_FROM_JEKYLL)
			folio_buf_puts(&b, "    # a file name's capitals stay in the URL, as Jekyll keeps them\n"
			                   "    slug_case: keep\n");
		else if (keeps_case(m))
			folio_buf_puts(&b, "    # a file name's capitals stay in the URL, as disablePathToLower keeps them\n"
			                   "    slug_case: keep\n");
		if (c->name_dates)
			folio_buf_puts(&b, "    # 2020-05-27-x.md is x, dated 2020-05-27, as frontmatter's :filename reads it\n"
			                   "    name_dates: true\n");
		/* Jekyll's slugify keeps '_' under :title and :path (its pretty and raw
		 * forms), not under :slug or :name (its default form) */
		bool dashed = m->from == FOLIO_FROM_JEKYLL && c->permalink && !c->by_name && !strstr(c->permalink, ":path");
		if (c->letters)
			folio_buf_puts(&b, "    # a name's letters beyond ASCII stay in the URL, as Jekyll's slugify keeps them\n"
			                   "    slug_letters: keep\n");
		if (c->underscores && !dashed)
			folio_buf_puts(&b, "    # an underscore in a file name stays in the URL, as in the generator's\n"
			                   "    slug_underscores: keep\n");
		if (c->dates && strcmp(m->date_key, "date"))
			folio_buf_printf(&b, "    # a page's date is its %s:, as Hugo's frontmatter: date: reads it\n"
			                     "    sort: -%s\n    date_field: %s\n", m->date_key, m->date_key, m->date_key);
		else if (c->dates || c->awaited)
			folio_buf_puts(&b, "    sort: -date\n    date_field: date\n");
		else
			folio_buf_puts(&b, "    sort: title\n");
		if ((c->dates || c->awaited) && holds_future(m, c))
			folio_buf_puts(&b, "    # a page dated after now waits for its date, as the generator's\n"
			                   "    hold_future: true\n");
	}
	/* last, so that init --baseline can add its pages below it */
	folio_buf_printf(&b, "rules:\n"
	                     "  # a front-matter key given twice: the last value is read, as %s reads it\n"
	                     "  front-matter/duplicate-key: warning\n", m->from == FOLIO_FROM_HUGO ? "Hugo" : "Jekyll");
	if (m->from == FOLIO_FROM_JEKYLL)
		folio_buf_puts(&b, "  # a key that is a list ([//]: # (a note)), which Jekyll ignores: left out\n"
		                   "  front-matter/key: warning\n");
	if (m->from == FOLIO_FROM_HUGO && !allow_html(m))
		folio_buf_puts(&b, "  # Hugo without markup.goldmark.renderer.unsafe leaves raw HTML out of a page\n"
		                   "  # (<!-- raw HTML omitted -->): so does folio, each one a warning\n"
		                   "  html/raw: warning\n");
	return folio_buf_detach(&b, NULL);
}

