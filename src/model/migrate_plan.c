/*
 * The plan of folio init --from (migrate.c): which folders of a Hugo or a
 * Jekyll tree are collections, with their URLs and permalinks, and what is
 * the generator's own (exclude:). Hugo: content/ (or its contentDir) and its
 * sections, another language's contentDir left out; Jekyll: _posts, the
 * collections its _config.yml declares, and the pages at the top.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/common.h"
#include "folio/frontmatter.h"
#include "folio/path.h"
#include "model/config_check.h"
#include "model/migrate_internal.h"
#include "model/slug.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

/* Folders Hugo itself reads besides content/: never pages. */
static bool hugo_own(const char *name)
{
	static const char *const own[] = {
		"archetypes", "assets", "config", "data", "i18n", "layouts", "public", "resources",
		"themes", "node_modules", NULL,
	};
	for (size_t i = 0; own[i]; i++)
		if (!strcmp(name, own[i]))
			return true;
	return name[0] == '.';
}

/*
 * A Hugo site whose content/ was moved up (docs/migrating.md, step 1):
 * each top-level folder of Markdown other than Hugo's own is a section.
 */
static int plan_hugo_flat(migration *m)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, "", &n);
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i];
		if (!folio_migrate__is_dir(m, name) || !strcmp(name, ".git") || !strcmp(name, "static") ||
		    !strcmp(name, "assets") || !strcmp(name, "templates") || !strcmp(name, "schemas"))
			continue; /* assets/: assets_at_root */
		if (hugo_own(name))
			folio_migrate__exclude(m, name);
		else if (folio_migrate__holds_markdown(m, name, 0))
			folio_migrate__add_collection(m, name, name, NULL);
	}
	folio_migrate__free_names(names, n);
	if (m->ncols)
		folio_buf_puts(m->notes, "no content/ folder: the folders of Markdown at the top are the sections\n");
	return 0;
}

/* A section's permalinks: entry, which Hugo applies to its pages: its list
 * stays at the section's address (digital.gov's events:
 * "event/:year/:month/:day/:slug/" leaves the list at /events/; velero's
 * posts: "/blog/:slug/" its list at /posts/, each post at /blog/<name>/
 * whatever folder holds it, as "/posts/:slug/" puts content/posts/2020/x.md
 * at /posts/x/). */
static void hugo_permalink(collection *c, const char *pattern)
{
	char *list = c->url ? folio_xstrdup(c->url) : NULL;
	folio_migrate__apply_permalink(c, pattern, c->name);
	bool by_path = pattern && (strstr(pattern, ":path") || strstr(pattern, ":sections"));
	/* a folder then the name, which apply_permalink took for the list's
	 * url: the pages' permalink, the list where it was */
	bool by_name = pattern && !c->permalink && !c->note && c->url && strcmp(c->url, "/") && !by_path;
	if (by_name) {
		c->permalink = folio_xasprintf("%s:slug/", c->url);
		c->undated = true;
		free(c->url);
		c->url = list; /* NULL: folio's default for its folder */
		return;
	}
	if (list && c->permalink && !c->undated) {
		free(c->url);
		c->url = list;
	} else {
		free(list);
	}
}

/* A section's [permalinks.section] entry: its list's address, when it is a
 * fixed path ("/articles/"; one with :tokens is named in the note). */
static void section_permalink(collection *c, const char *pattern)
{
	if (!pattern)
		return;
	char *url = folio_xasprintf("%s%s%s", pattern[0] == '/' ? "" : "/", pattern,
	                            *pattern && pattern[strlen(pattern) - 1] == '/' ? "" : "/");
	if (strchr(url, ':') || strstr(url, "..") || strstr(url, "//") || !strcmp(url, "/")) {
		free(c->note);
		c->note = folio_xasprintf("its list's permalink \"%s\" cannot be expressed by folio: its list "
		                          "stays at %s", pattern, c->url ? c->url : "its folder");
		free(url);
		return;
	}
	free(c->url);
	c->url = url;
}

/* A collection's list address as folio.yaml will have it. Caller frees. */
static char *list_url(const collection *c)
{
	return c->url ? folio_xstrdup(c->url) : folio_xasprintf("/%s/", c->name);
}

/* The folder's own index page of c, whose address (url) is another
 * collection's list: Jekyll serves it there (a conference theme's
 * talks/index.md, the overview of _talks, at /talks/), where folio writes
 * that list. Left out, said: kept, it was a page "_index" below the
 * address. */
static void shadowed_index(migration *m, const collection *c, const char *url)
{
	static const char *const names[] = { "index.md", "index.markdown", "index.html" };
	for (size_t i = 0; m->from == FOLIO_FROM_JEKYLL && i < sizeof(names) / sizeof(*names); i++) {
		char *rel = folio_migrate__join_rel(strcmp(c->folder, ".") ? c->folder : "", names[i]);
		char *path = folio_fs_join(m->dir, rel);
		if (folio_fs_exists(path) && !folio_migrate__is_excluded(m, rel)) {
			folio_migrate__exclude(m, rel);
			folio_buf_printf(m->notes, "%s: its address %s is the list folio writes of another "
			                 "collection: left out (a template of that list shows what it showed)\n",
			                 rel, url);
		}
		free(path);
		free(rel);
	}
}

void folio_migrate__distinct_lists(migration *m)
{
	for (size_t i = 1; i < m->ncols; i++) {
		collection *c = &m->cols[i];
		char *url = list_url(c);
		bool taken = false;
		for (size_t j = 0; j < i && !taken; j++) {
			char *other = list_url(&m->cols[j]);
			taken = !strcmp(url, other);
			free(other);
		}
		if (taken) {
			/* rubyonrails.org's world_sessions and world_speakers, both at
			 * /world/:path: Jekyll makes no list, folio one each, at its
			 * name's address, else a numbered one (its folder world/ is
			 * a collection "world" too) */
			char *own = NULL;
			for (unsigned k = 1; !own; k++) {
				own = k == 1 ? folio_xasprintf("/%s/", c->name) : folio_xasprintf("/%s-%u/", c->name, k);
				for (size_t j = 0; j < m->ncols && own; j++) {
					char *other = list_url(&m->cols[j]);
					if (!strcmp(own, other)) {
						free(own);
						own = NULL;
					}
					free(other);
				}
			}
			folio_buf_printf(m->notes, "collection %s: its list is at %s, since %s is another "
			                 "collection's list; its pages stay where they are\n", c->name, own, url);
			shadowed_index(m, c, url);
			if (!c->permalink) { /* its pages where its url: put them */
				c->permalink = folio_xasprintf("%s:path/", url);
				c->undated = true;
			}
			free(c->url);
			c->url = own;
		}
		free(url);
	}
}

/* Is folder name a Decap (Netlify) CMS's admin: an index.html beside a
 * config.yml that names its backend (jamstatic-fr's admin/)? Its page loads
 * the CMS's script, which html/active refuses, and it is no page of the
 * site. */
static bool cms_admin(const migration *m, const char *name)
{
	static const char *const configs[] = { "config.yml", "config.yaml" };
	char *index = folio_xasprintf("%s/index.html", name);
	bool admin = false;
	for (size_t i = 0; i < 2 && !admin; i++) {
		char *rel = folio_xasprintf("%s/%s", name, configs[i]);
		char *path = folio_fs_join(m->dir, rel), *ipath = folio_fs_join(m->dir, index);
		folio_buf b = FOLIO_BUF_INIT;
		admin = folio_fs_exists(ipath) && folio_fs_read(&b, path) == 0 && b.size < (1u << 20) &&
		        (!strncmp(b.ptr, "backend:", 8) || memmem(b.ptr, b.size, "\nbackend:", 9));
		folio_buf_dispose(&b);
		free(rel);
		free(path);
		free(ipath);
	}
	free(index);
	return admin;
}

/* Does a module mount name the languages it serves (lang: fr, or Hugo
 * 0.153's sites: {matrix: {languages: [en, fr]}}), and is lang one? */
static bool mount_has_languages(const json_t *mount)
{
	return folio_migrate__get_ci(mount, "lang") || folio_migrate__get_ci(mount, "sites");
}

static bool mount_serves(const json_t *mount, const char *lang)
{
	const char *one = folio_migrate__get_text(mount, "lang");
	if (one)
		return !strcasecmp(one, lang);
	return folio_migrate__lists(folio_migrate__get_ci(folio_migrate__get_ci(folio_migrate__get_ci(mount, "sites"),
	                                                                        "matrix"), "languages"), lang);
}

/* A mount of a folder onto "content" (source = "content/en") serving lang
 * (NULL: any mount naming no language), or NULL. */
static const char *content_mount(const json_t *cfg, const char *lang)
{
	size_t i;
	json_t *mount;
	json_array_foreach(folio_migrate__get_ci(folio_migrate__get_ci(cfg, "module"), "mounts"), i, mount) {
		const char *target = folio_migrate__get_text(mount, "target");
		if (!target || strcmp(target, "content") || !folio_migrate__get_text(mount, "source"))
			continue;
		if (lang ? mount_has_languages(mount) && mount_serves(mount, lang) : !mount_has_languages(mount))
			return folio_migrate__get_text(mount, "source");
	}
	return NULL;
}

/*
 * Where Hugo reads the pages: the default language's contentDir, else the
 * top-level contentDir; else a module mount whose target
 * is "content" (source = "content/en"), the default language's when mounts
 * name their languages (docsy.dev mounts content/fr for French before
 * content/en); else the contentDir of the first language that has one.
 * NULL: "content".
 */
static const char *content_dir(const json_t *cfg)
{
	const char *def = folio_migrate__get_text(cfg, "defaultContentLanguage");
	const json_t *langs = folio_migrate__get_ci(cfg, "languages");
	/* the default language's own contentDir wins over the top-level one,
	 * which is the default of languages without theirs (Docsy's example
	 * config, envoyproxy/gateway: contentDir "content", English's "content/en") */
	const char *dir = folio_migrate__get_text(folio_migrate__get_ci(langs, def && *def ? def : "en"), "contentDir");
	if (dir || (dir = folio_migrate__get_text(cfg, "contentDir")))
		return dir;
	if ((dir = content_mount(cfg, NULL)) || (dir = content_mount(cfg, def && *def ? def : "en")))
		return dir;
	/* the default language named without a contentDir reads content/, the
	 * others theirs: develop.kde.org's en beside ca's content-trans/ca,
	 * which its translation step writes before Hugo runs */
	if (json_is_object(folio_migrate__get_ci(langs, def && *def ? def : "en")))
		return NULL;
	const char *name;
	json_t *lang;
	json_object_foreach((json_t *)langs, name, lang)
		if (folio_migrate__get_text(lang, "contentDir"))
			return folio_migrate__get_text(lang, "contentDir");
	return NULL;
}

/* The default language's key: defaultContentLanguage, else the language
 * whose contentDir is the one read, else Hugo's "en". */
static const char *default_language(const migration *m, const char *content)
{
	const char *def = folio_migrate__get_text(m->cfg, "defaultContentLanguage"), *name;
	if (def && *def)
		return def;
	json_t *lang;
	json_object_foreach(folio_migrate__get_ci(m->cfg, "languages"), name, lang) {
		const char *dir = folio_migrate__get_text(lang, "contentDir");
		if (dir && !strcmp(dir, content))
			return name;
	}
	return "en";
}

static int cmp_weight(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t wx = json_integer_value(json_object_get(x, "weight"));
	json_int_t wy = json_integer_value(json_object_get(y, "weight"));
	if (wx != wy) /* a language without a weight comes last, as in Hugo */
		return !wx ? 1 : !wy ? -1 : wx < wy ? -1 : 1;
	return strcmp(json_string_value(json_object_get(x, "tag")), json_string_value(json_object_get(y, "tag")));
}

/* Is the top folder name the first segment of another language's
 * contentDir (hugo-book's content.he beside content.en)? */
static bool language_top(const migration *m, const char *name)
{
	size_t i, n = strlen(name);
	json_t *l;
	json_array_foreach(m->languages, i, l) {
		const char *dir = folio_migrate__get_text(l, "dir");
		if (dir && !strncmp(dir, name, n) && (dir[n] == '/' || !dir[n]))
			return true;
	}
	return false;
}

/*
 * Hugo's other languages, in their weight order, into m->languages: each
 * with its contentDir when it has one of its own beside the default
 * language's (content/fr beside content/en). A disabled language (its
 * disabled: true, or named in disableLanguages: 180°C's English), or a key
 * that is no language tag folio can publish under, is left out (said so).
 */
static void plan_languages(migration *m, const char *content)
{
	const char *def = default_language(m, content), *name;
	json_t *lang, *all = json_array(), *off = folio_migrate__languages_off(m);
	json_object_foreach(folio_migrate__get_ci(m->cfg, "languages"), name, lang) {
		if (!strcasecmp(name, def) || folio_migrate__language_off(off, name, lang))
			continue;
		if (!folio_config_is_language_tag(name)) {
			folio_buf_printf(m->notes, "language \"%s\" is left out: it is not a language tag\n", name);
			continue;
		}
		const char *dir = folio_migrate__get_text(lang, "contentDir");
		if (!dir) /* a mount of its own onto content: (lang: fr) */
			dir = content_mount(m->cfg, name);
		/* Hugo's language keys are case-blind and its addresses lower
		 * case: kueue's zh-CN is at /zh-cn/, where its links point */
		char *tag = folio_xstrdup(name);
		for (char *t = tag; *t; t++)
			*t = (char)tolower((unsigned char)*t);
		json_t *o = json_pack("{s:s}", "tag", tag);
		free(tag);
		json_t *w = folio_migrate__get_ci(lang, "weight");
		if (json_is_integer(w))
			json_object_set(o, "weight", w);
		if (dir && *dir && strcmp(dir, content) && !strstr(dir, "..") && dir[0] != '/' &&
		    folio_migrate__is_dir(m, dir))
			json_object_set_new(o, "dir", json_string(dir));
		json_array_append_new(all, o);
	}
	size_t n = json_array_size(all);
	json_t **v = folio_xmalloc((n ? n : 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(all, i);
	qsort(v, n, sizeof(*v), cmp_weight);
	for (size_t i = 0; i < n; i++) {
		json_object_del(v[i], "weight");
		json_array_append(m->languages, v[i]);
	}
	free(v);
	json_decref(all);
	json_decref(off);
}

/* Is sub the contentDir of one of the site's other languages? */
/* The language whose content folder sub is (m->languages' entry), or NULL. */
static const json_t *language_of_dir(const migration *m, const char *sub)
{
	size_t i;
	json_t *lang;
	json_array_foreach(m->languages, i, lang) {
		const char *dir = json_string_value(json_object_get(lang, "dir"));
		if (dir && !strcmp(dir, sub))
			return lang;
	}
	return NULL;
}

static bool is_language_dir(const migration *m, const char *sub)
{
	return language_of_dir(m, sub) != NULL;
}

/*
 * A section a translation's content folder has and the site language's
 * has not (MetaDocencia's content/en/thanks/ beside content/es/): Hugo
 * publishes it in that language (/en/thanks/). A collection of the folder
 * it would have in the site language's content (content/es/thanks),
 * which holds no page of its own: the translation's pages are its.
 */
static void plan_translated_sections(migration *m, const char *content, const json_t *permalinks,
                                     const json_t *lists)
{
	size_t i;
	json_t *lang;
	bool section_rss = folio_migrate__hugo_writes_rss(m, "section");
	json_array_foreach(m->languages, i, lang) {
		const char *dir = json_string_value(json_object_get(lang, "dir"));
		size_t n;
		char **names = dir ? folio_migrate__list_dir(m, dir, &n) : NULL;
		for (size_t k = 0; names && k < n; k++) {
			char *sub = folio_migrate__join_rel(dir, names[k]), *own = folio_migrate__join_rel(content, names[k]);
			bool keep_index;
			if (names[k][0] != '.' && folio_migrate__is_dir(m, sub) && !folio_migrate__is_dir(m, own) &&
			    !is_language_dir(m, sub) && !(folio_migrate__hugo_headless(m, sub, &keep_index) && !keep_index) &&
			    folio_migrate__holds_markdown(m, sub, 0) && !folio_migrate__collection_folder(m, own)) {
				collection *c = folio_migrate__add_collection(m, own, names[k], NULL);
				if (c) {
					c->no_rss = folio_migrate__hugo_no_section_rss(m, sub, names[k], section_rss);
					hugo_permalink(c, folio_migrate__get_text(permalinks, names[k]));
					section_permalink(c, json_is_object(lists) ? folio_migrate__get_text(lists, names[k]) : NULL);
					folio_buf_printf(m->notes, "section %s is in %s alone: the collection %s, its pages "
					                 "that language's\n", names[k], dir, c->name);
				}
			}
			free(sub);
			free(own);
		}
		if (names)
			folio_migrate__free_names(names, n);
	}
}

/* Is rel below the folder of a collection? */
static bool in_collection(const migration *m, const char *rel)
{
	for (size_t i = 0; i < m->ncols; i++) {
		size_t n = strlen(m->cols[i].folder);
		if (!strncmp(rel, m->cols[i].folder, n) && rel[n] == '/')
			return true;
	}
	return false;
}

/* An HTML file without front matter in a folder no section holds (a
 * language's own folder: digital-canada's content/fr/rejoindre-notre-equipe/
 * index.html, a redirect) is a file Hugo copies to its address; no
 * collection publishes it there, so it is left out and named. */
static void exclude_stray_html(migration *m, const char *rel, const char *lang_dir, const char *static_dir,
                               int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (names[i][0] == '.' || folio_migrate__is_excluded(m, sub) || in_collection(m, sub)) {
			/* not read, or its collection's */
		} else if (folio_migrate__is_dir(m, sub)) {
			if (depth < 16)
				exclude_stray_html(m, sub, lang_dir, static_dir, depth + 1);
		} else if (folio_ends_with(names[i], ".html") && folio_migrate__opens_front_matter(m, sub) != 1 &&
		           depth > 0) {
			folio_migrate__exclude(m, sub);
			folio_buf_printf(m->notes, "%s: an HTML file without front matter that no section holds, "
			                 "which Hugo copies as it is: left out; to keep it, move it to %s%s\n", sub,
			                 static_dir, sub + strlen(lang_dir));
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

/* Hugo's content formats folio does not read, by file ending. */
static const struct {
	const char *ext, *format;
} unread_formats[] = {
	{ ".adoc", "AsciiDoc" }, { ".asciidoc", "AsciiDoc" }, { ".rst", "reStructuredText" },
	{ ".org", "Org" },       { ".pandoc", "Pandoc" },     { ".pdc", "Pandoc" },
};
enum { N_UNREAD_FORMATS = sizeof(unread_formats) / sizeof(*unread_formats) };

/* Counts below rel the files of each unread format, the first of each
 * kept in first[] (taken over). */
static void count_unread(migration *m, const char *rel, size_t *count, char **first, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (size_t i = 0; names && i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (names[i][0] == '.' || folio_migrate__is_excluded(m, sub)) {
			/* not read */
		} else if (folio_migrate__is_dir(m, sub)) {
			if (depth < 16)
				count_unread(m, sub, count, first, depth + 1);
		} else {
			for (size_t f = 0; f < N_UNREAD_FORMATS; f++)
				if (folio_ends_with(names[i], unread_formats[f].ext) && !count[f]++)
					first[f] = folio_xstrdup(sub);
		}
		free(sub);
	}
	if (names)
		folio_migrate__free_names(names, n);
}

/* Pages Hugo renders from AsciiDoc, reStructuredText, Org or Pandoc
 * (KiCad's site: 215 of its 216 pages in AsciiDoc) are no pages of folio,
 * which reads Markdown and HTML: named, where init said nothing and the
 * site built with one page. */
static void name_unread_formats(migration *m, const char *content)
{
	size_t count[N_UNREAD_FORMATS] = { 0 };
	char *first[N_UNREAD_FORMATS] = { NULL };
	count_unread(m, content, count, first, 0);
	for (size_t f = 0; f < N_UNREAD_FORMATS; f++) {
		if (count[f] == 1)
			folio_buf_printf(m->notes, "%s is written in %s, which Hugo renders with an external "
			                 "helper: not read (folio reads Markdown and HTML); write it in Markdown "
			                 "to publish it\n", first[f], unread_formats[f].format);
		else if (count[f])
			folio_buf_printf(m->notes, "%s and %zu more files of %s/ are written in %s, which Hugo "
			                 "renders with an external helper: not read (folio reads Markdown and "
			                 "HTML); write them in Markdown to publish them\n", first[f], count[f] - 1,
			                 content, unread_formats[f].format);
		free(first[f]);
	}
}

/*
 * A contentDir below content/ ("content/en"): what sits beside it is not
 * the site Hugo builds, but another language's contentDir ("content/fr"),
 * which holds the translations (language_dirs:). The rest
 * (content/LICENSE.md) is left out without a word. Each language's home
 * page text (content/fr/_index.md) is its home page's, /fr/, when the
 * default one's is read (home: true), else left out as that one is; its
 * stray HTML files too (exclude_stray_html).
 */
static void exclude_beside_content(migration *m, const char *content)
{
	bool home = false;
	for (size_t i = 0; i < m->ncols; i++)
		home |= m->cols[i].home;
	const char *slash = strrchr(content, '/');
	if (!slash)
		return;
	char *parent = folio_xstrndup(content, (size_t)(slash - content));
	size_t n;
	char **names = folio_migrate__list_dir(m, parent, &n);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(names[i], slash + 1))
			continue;
		char *sub = folio_migrate__join_rel(parent, names[i]);
		const json_t *lang = language_of_dir(m, sub);
		if (!lang) {
			folio_migrate__exclude(m, sub);
		} else {
			char *index = folio_migrate__join_rel(sub, "_index.md");
			char *full = folio_migrate__join_rel(m->dir, index);
			if (!home && folio_fs_exists(full) && !folio_fs_is_dir(full))
				folio_migrate__exclude(m, index);
			free(full);
			free(index);
			/* its stray HTML files, which Hugo copies below /<its key>/ */
			const char *key = json_string_value(json_object_get(lang, "tag"));
			char *dir = folio_xasprintf("static/%s", key ? key : names[i]);
			exclude_stray_html(m, sub, sub, dir, 0);
			free(dir);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
	free(parent);
}

/* A web server's settings file the generator publishes at the site's root
 * (Jekyll's .htaccess, Hugo's static/.htaccess): left out, and said. folio
 * publishes one only where the server's operator allows it
 * (server-config-files, none by default: docs/security.md); copied
 * unasked, it refused the whole migrated site, --baseline or not, as the
 * rule is locked. What init can keep of its redirects is in redirects:
 * (migrate_htaccess.c). */
static void leave_out_server_config(migration *m, const char *path)
{
	bool copied = !strchr(path, '/'); /* Jekyll's, at the top: copy: publishes it */
	bool read = !strcmp(path, ".htaccess") || !strcmp(path, "static/.htaccess"); /* migrate_run.c's */
	folio_migrate__exclude(m, path);
	folio_buf_printf(m->notes, "%s is left out (exclude:): a file the web server reads as its settings is "
	                 "published only where the server's operator allows it (server-config-files, "
	                 "docs/security.md)%s; where your server allows it, %s\n", path,
	                 read ? "; the redirects init reads in it are in redirects:" : "",
	                 copied ? "move it from exclude: to copy:" : "take it out of exclude:");
}

/* Hugo's static/ (rel, at depth): its server settings files, at any
 * depth (Apache Jena's static/download/.htaccess) but 16 folders. */
static void static_server_config(migration *m, const char *rel, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (size_t i = 0; names && i < n; i++) {
		char *path = folio_migrate__join_rel(rel, names[i]);
		bool dir = folio_migrate__is_dir(m, path);
		if (dir && depth < 16 && !folio_migrate__is_excluded(m, path))
			static_server_config(m, path, depth + 1);
		else if (!dir && folio_path_is_server_config(names[i]))
			leave_out_server_config(m, path);
		free(path);
	}
	folio_migrate__free_names(names, n);
}

/* Hugo: each folder of contentDir a collection, its root pages "pages". */
int folio_migrate__plan_hugo(migration *m)
{
	static const char *const configs[] = {
		"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
		"config.json", "config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.json",
		"config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.json", NULL,
	};
	int rc = folio_migrate__load_config(m, configs);
	if (rc < 0)
		return rc;
	const char *content = content_dir(m->cfg);
	if (!content || !*content || strstr(content, "..") || content[0] == '/')
		content = "content";
	if (!folio_migrate__is_dir(m, content))
		return plan_hugo_flat(m);
	m->content = folio_xstrdup(content);
	plan_languages(m, content);
	const json_t *permalinks = folio_migrate__get_ci(m->cfg, "permalinks");
	/* Hugo 0.119's form: [permalinks.page] for pages, [permalinks.section]
	 * for the sections' lists */
	const json_t *lists = folio_migrate__get_ci(permalinks, "section");
	if (json_is_object(folio_migrate__get_ci(permalinks, "page")))
		permalinks = folio_migrate__get_ci(permalinks, "page");
	size_t n;
	char **names = folio_migrate__list_dir(m, content, &n);
	bool root_pages = false, home_text = false;
	/* Getty's Quire books: a section's pages, no list of them */
	bool sections_off = folio_migrate__lists(folio_migrate__get_ci(m->cfg, "disableKinds"), "section");
	bool section_rss = folio_migrate__hugo_writes_rss(m, "section");
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(content, names[i]);
		bool keep_index;
		bool folder = names[i][0] != '.' && folio_migrate__is_dir(m, sub);
		if (folder && is_language_dir(m, sub)) {
			/* another language's contentDir below this one (lotusdocs'
			 * content/fr in content): its translations, no section */
		} else if (folder && folio_migrate__hugo_headless(m, sub, &keep_index) && !keep_index) {
			folio_migrate__exclude_headless(m, sub, false);
		} else if (folder && folio_migrate__leaf_bundle(m, sub)) {
			root_pages = true; /* a page of the root's, at /<name>/ or its slug: */
		} else if (folder && folio_migrate__holds_markdown(m, sub, 0)) {
			/* its _index.md's own build.render: always, its cascade's never
			 * (regisphilibert's moods/): the list alone (keep_index is set) */
			if (folio_migrate__hugo_headless(m, sub, &keep_index))
				folio_migrate__exclude_headless(m, sub, true);
			collection *c = folio_migrate__add_collection(m, sub, names[i], NULL);
			if (c)
				c->unlisted = sections_off;
			/* outputs: [json] in its _index.md: its pages, no HTML list */
			if (c && !sections_off && folio_migrate__hugo_no_html_list(m, sub)) {
				c->unlisted = true;
				folio_buf_printf(m->notes, "%s/_index.md: outputs names no HTML: the collection %s has "
				                 "no list (list: false), as Hugo writes none\n", sub, c->name);
			}
			if (c)
				c->no_rss = folio_migrate__hugo_no_section_rss(m, sub, names[i], section_rss);
			if (c)
				hugo_permalink(c, folio_migrate__get_text(permalinks, names[i]));
			if (c)
				section_permalink(c, json_is_object(lists) ? folio_migrate__get_text(lists, names[i]) : NULL);
		} else if (!strncmp(names[i], "_index.", 7) && folio_migrate__is_content_name(m, names[i])) {
			home_text = true; /* _index.md, or _index.html with html_pages */
		} else if (folio_migrate__is_content_name(m, names[i])) {
			root_pages = true;
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
	if (sections_off)
		folio_buf_puts(m->notes, "Hugo's disableKinds names section: the sections' collections have no "
		                         "list (list: false)\n");
	plan_translated_sections(m, content, permalinks, lists);
	if (root_pages || home_text) {
		collection *c = folio_migrate__add_collection(m, content, "Pages", "pages");
		if (c && home_text) {
			c->home = true;
			folio_buf_printf(m->notes, "%s/_index is the home page's text: templates/home.mustache "
			                 "shows it as page\n", content);
		}
		if (c) {
			folio_migrate__root_pages(c);
			folio_buf_printf(m->notes, "the pages at the root of %s/ are the collection \"%s\", "
			                 "each at /<name>/ as in Hugo, with no list (list: false)\n", content, c->name);
		}
	}
	folio_migrate__hugo_mounts(m, content);
	folio_migrate__hugo_theme_content(m, content);
	exclude_stray_html(m, content, content, "static", 0);
	static_server_config(m, "static", 0);
	name_unread_formats(m, content);
	exclude_beside_content(m, content);
	folio_migrate__hugo_link_hooks(m, content);
	/* everything else at the top is Hugo's own (layouts, themes, archetypes, ...) */
	size_t top = strcspn(content, "/");
	names = folio_migrate__list_dir(m, "", &n);
	for (size_t i = 0; i < n; i++)
		if ((strlen(names[i]) != top || strncmp(names[i], content, top)) && !language_top(m, names[i]) &&
		    strcmp(names[i], "static") && strcmp(names[i], "assets") && strcmp(names[i], "templates") &&
		    strcmp(names[i], "schemas") && strcmp(names[i], ".git") && folio_migrate__is_dir(m, names[i]))
			folio_migrate__exclude_but_mounted(m, names[i]);
	folio_migrate__free_names(names, n);
	return 0;
}

/*
 * The permalink _config.yml's defaults: give the documents of a type
 * ("posts", a collection's name) wherever they are (a scope with no path,
 * or ""): brew.sh sets permalink: :title for the site and
 * :year/:month/:day/:title/ for its posts there. Jekyll takes it over the
 * site's and the collection's own. NULL when none; borrowed.
 */
static const char *defaults_permalink(const migration *m, const char *type)
{
	const json_t *defaults = folio_migrate__get_ci(m->cfg, "defaults");
	const char *found = NULL;
	size_t i;
	json_t *d;
	json_array_foreach(defaults, i, d) {
		const json_t *scope = json_object_get(d, "scope");
		const char *t = json_string_value(json_object_get(scope, "type"));
		const char *path = json_string_value(json_object_get(scope, "path"));
		const char *perm = json_string_value(json_object_get(json_object_get(d, "values"), "permalink"));
		if (t && !strcmp(t, type) && (!path || !path[0]) && perm && perm[0])
			found = perm; /* a later entry wins, as in Jekyll */
	}
	return found;
}

const char *folio_migrate__site_pages_permalink(const migration *m)
{
	return m->from == FOLIO_FROM_JEKYLL ? defaults_permalink(m, "pages") : NULL;
}

/* A permalink written without its leading '/' (":year/:month/:title/"),
 * as Jekyll reads it: from the root. Caller frees. */
static char *rooted(const char *perm)
{
	return perm[0] == '/' ? folio_xstrdup(perm) : folio_xasprintf("/%s", perm);
}

/*
 * Jekyll's permalink for posts in "<dir>/_posts": a named style expanded,
 * the categories the folders above _posts give (en and news for
 * en/news/_posts: c->categories, the collection's categories:) before
 * those its front matter gives, in lower case, each once (folio's
 * :categories), and ":title:output_ext" (a page at x.html) as the
 * collection's ugly URLs (ugly_urls: pages). NULL when the pattern is none of those.
 */
/* p is a post's name (":title", ":slug", ":name") last, then nothing,
 * ":output_ext" or ".html": Jekyll writes the post at x.html. */
static bool name_then_html(const char *p)
{
	static const char *const names[] = { ":title", ":slug", ":name" };
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		size_t n = strlen(names[i]);
		if (!strncmp(p, names[i], n) &&
		    (!p[n] || !strcmp(p + n, ":output_ext") || !strcmp(p + n, ".html")))
			return true;
	}
	return false;
}

static char *nested_posts_permalink(collection *c, const char *perm, const char *dir)
{
	static const struct { const char *style, *pattern; } styles[] = {
		{ "pretty", "/:categories/:year/:month/:day/:title/" },
		{ "date", "/:categories/:year/:month/:day/:title:output_ext" },
		/* a bilingual theme's posts at /fr/x.html: their category only */
		{ "none", "/:categories/:title:output_ext" },
		{ "ordinal", "/:categories/:year/:y_day/:title:output_ext" },
		{ "weekdate", "/:categories/:year/W:week/:short_day/:title:output_ext" },
	};
	for (size_t i = 0; i < sizeof(styles) / sizeof(*styles); i++)
		if (!strcmp(perm, styles[i].style))
			perm = styles[i].pattern;
	folio_buf b = FOLIO_BUF_INIT;
	if (perm[0] != '/') /* ":year/:month/:title/": from the root, as Jekyll reads it */
		folio_buf_putc(&b, '/');
	for (const char *p = perm; *p;) {
		if (!strncmp(p, ":categories", 11)) {
			/* the folders first, then the page's own: categories: */
			if (*dir && !c->categories)
				c->categories = folio_xstrdup(dir);
			folio_buf_puts(&b, ":categories");
			p += 11;
		} else if (name_then_html(p)) {
			/* the posts at x.html (":title" last without '/' too, as
			 * vda-lab's /:year/:month/:title; ":slug.html", as a Freifunk
			 * community's), their list (folio's: Jekyll has none) at the
			 * folder, where a blog/index.html had it */
			folio_buf_put(&b, p, strcspn(p + 1, ":.") + 1);
			folio_buf_putc(&b, '/');
			c->ugly_pages = true;
			break;
		} else {
			folio_buf_putc(&b, *p++);
		}
	}
	return folio_buf_detach(&b, NULL);
}

/*
 * Posts below a folder of pages ("en/news/_posts", as a site with a
 * folder per language has): Jekyll reads every "_posts" folder, each post
 * in the categories its path names. Each is a collection of posts of its
 * own, at the URL its categories give.
 */
static void plan_nested_posts(migration *m, const char *dir, const char *perm, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n && depth < 8; i++) {
		char *sub = folio_migrate__join_rel(dir, names[i]);
		if (names[i][0] == '.' || !folio_migrate__is_dir(m, sub) || folio_migrate__is_excluded(m, sub)) {
			/* not a folder of the site */
		} else if (!strcmp(names[i], "_posts")) {
			char *name = folio_slug_make(dir, strlen(dir));
			char *label = folio_xasprintf("%s posts", dir);
			collection *c = name ? folio_migrate__add_collection(m, sub, label, name) : NULL;
			if (c) {
				c->posts = true;
				char *pattern = nested_posts_permalink(c, perm, dir);
				folio_migrate__apply_permalink(c, pattern, c->name);
				free(pattern);
				if (c->categories && c->permalink) { /* the list beside its posts: /en/news/ */
					free(c->url);
					c->url = folio_xasprintf("/%s/", c->categories);
					for (char *u = c->url; *u; u++)
						*u = (char)(*u >= 'A' && *u <= 'Z' ? *u - 'A' + 'a' : *u);
				}
			}
			free(label);
			free(name);
		} else if (names[i][0] != '_') {
			plan_nested_posts(m, sub, perm, depth + 1);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

/* A folder name that is a URL's segment as it is: letters, digits, - _ . */
static bool url_safe(const char *name)
{
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.'))
			return false;
	return *name && *name != '.';
}

/* Is Jekyll's permalink style (_config.yml's permalink:) one that puts a
 * page at /x/ rather than /x.html: pretty, or a pattern ending in '/'? */
static bool pretty_style(const char *perm)
{
	size_t n = strlen(perm);
	return !strcmp(perm, "pretty") || (n && perm[n - 1] == '/');
}

/* Is a file at the top left out by Jekyll: by a pattern of _config.yml's
 * exclude: ("Gemfile*"; plain paths are exclude: of folio.yaml already),
 * or by its own defaults (Gemfile, Gemfile.lock)? */
static bool excluded_by_pattern(const migration *m, const char *name)
{
	if (!strcmp(name, "Gemfile") || !strcmp(name, "Gemfile.lock"))
		return true;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(m->cfg, "exclude"), i, v) {
		const char *pattern = json_is_string(v) ? json_string_value(v) : "";
		pattern += pattern[0] == '/'; /* "/Gemfile*": the source's, as Jekyll 4 reads it */
		if (strpbrk(pattern, "*?[") && fnmatch(pattern, name, 0) == 0)
			return true;
	}
	return false;
}

/* A file at the top written in HTML without front matter (a search
 * engine's google<id>.html proof of ownership): Jekyll copies it as it is.
 * Not index.html nor 404.html, which folio writes. */
static bool plain_root_html(const migration *m, const char *name)
{
	return !folio_migrate__is_folio_own(name) && folio_migrate__opens_front_matter(m, name) == 0;
}

/* A file at the top that Jekyll copies as it is (robots.txt, a key's
 * security.asc, favicon.ico): not a page, not a folder, not one of the
 * names Jekyll skips (_x, .x, #x, x~) or its configuration excludes. */
static bool included(const migration *m, const char *name);

static bool is_root_static(const migration *m, const char *name)
{
	size_t n = strlen(name);
	bool html = n > 5 && !strcmp(name + n - 5, ".html");
	/* Jekyll copies the root's .htaccess, whose redirects init also reads,
	 * and the hidden files include: names (Netlify's _headers, jamstatic's) */
	if ((!strcmp(name, ".htaccess") || ((name[0] == '.' || name[0] == '_') && included(m, name))) &&
	    !folio_migrate__is_dir(m, name))
		return !folio_migrate__is_excluded(m, name);
	return !folio_migrate__is_dir(m, name) && !strchr("_.#", name[0]) && name[n - 1] != '~' &&
	       !folio_migrate__is_excluded(m, name) && !excluded_by_pattern(m, name) &&
	       !folio_migrate__is_page_name(name) && (!html || plain_root_html(m, name)) &&
	       !folio_migrate__is_repo_doc(name) && strcmp(name, "folio.yaml"); /* init --force: its own */
}

/* Does _config.yml's include: name the folder (_pages: its pages are the
 * site's, as any folder's)? */
static bool included(const migration *m, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(m->cfg, "include"), i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), name))
			return true;
	return false;
}

/* "/startups/:title.html" (or :title:output_ext): the page at x.html.
 * True when pattern's last segment is a name then that extension, which
 * is then made "/". */
static bool strip_page_ext(char *pattern)
{
	static const char *const exts[] = { ":output_ext", ".html" };
	const char *seg = strrchr(pattern, '/');
	if (!seg || seg[1] != ':')
		return false; /* "/:path/index.html" is apply_permalink's */
	size_t n = strlen(pattern), seglen = strlen(seg + 1);
	for (size_t k = 0; k < 2; k++) {
		size_t e = strlen(exts[k]);
		if (seglen > e && !strcmp(pattern + n - e, exts[k])) {
			pattern[n - e] = '/';
			pattern[n - e + 1] = '\0';
			return true;
		}
	}
	return false;
}

/* A collection's permalink when it names none: "/:collection/:path"
 * followed by what the site's permalink style ends with, as Jekyll's
 * Utils.add_permalink_suffix makes it: "/" for pretty or a style ending
 * in '/', ":output_ext" (a page at x.html) for the default date style,
 * ordinal, none, or one ending in :output_ext; nothing else (then Jekyll
 * writes x.html too). */
static const char *collection_default(const migration *m)
{
	const char *style = json_string_value(json_object_get(m->cfg, "permalink"));
	size_t n = style ? strlen(style) : 0;
	if (style && (!strcmp(style, "pretty") || (n && style[n - 1] == '/')))
		return "/:collection/:path/";
	return "/:collection/:path:output_ext";
}

/* A folder of Jekyll's collections: _posts, or one _config.yml declares
 * and outputs (name is its base name, folder its path: _startups, or
 * content/_startups below collections_dir). True when it is one of them
 * and now a collection (or its name gives none). */
static bool plan_collection(migration *m, const char *folder, const char *name, const json_t *declared)
{
	json_t *spec = name[0] == '_' ? json_object_get(declared, name + 1) : NULL;
	if (!strcmp(name, "_posts")) {
		collection *c = folio_migrate__add_collection(m, folder, "Posts", NULL);
		if (c) {
			c->posts = true;
			c->documents = true;
			/* posts may be declared as a collection with their own permalink */
			const char *perm = defaults_permalink(m, "posts");
			if (!perm)
				perm = json_string_value(json_object_get(json_object_get(declared, "posts"), "permalink"));
			if (!perm)
				perm = json_string_value(json_object_get(m->cfg, "permalink"));
			if (!perm)
				perm = "/:categories/:year/:month/:day/:title:output_ext";
			/* a named style too: no folder above gives categories,
			 * a post's front matter may */
			char *pattern = nested_posts_permalink(c, perm, "");
			folio_migrate__apply_permalink(c, pattern, c->name);
			free(pattern);
		}
		return true;
	}
	if (!spec || !json_is_true(json_object_get(spec, "output")))
		return false;
	collection *c = folio_migrate__add_collection(m, folder, name + 1, NULL);
	const char *perm = defaults_permalink(m, name + 1);
	if (!perm)
		perm = json_string_value(json_object_get(spec, "permalink"));
	if (!c)
		return true;
	c->documents = true;
	bool without = false;
	if (folio_migrate__text_documents(m, folder, 0, &without)) {
		c->text_pages = !without;
		folio_buf_printf(m->notes, without ? "%s: its .txt files are not all pages (some open with no "
		                                     "front matter): they are copied as files\n"
		                                   : "%s: its .txt files are pages of plain text, as Jekyll "
		                                     "outputs them (text_pages: true)\n", folder);
	}
	/* each page at x.html, its list at the folder (ugly_urls: pages) */
	char *pattern = rooted(perm ? perm : collection_default(m));
	/* "/:collection/:path", a placeholder last and no '/' after it: Jekyll
	 * writes x.html as for :output_ext (gaia's /opportunities/cdi_ia_2024.html) */
	const char *seg = strrchr(pattern, '/');
	if (seg && seg[1] == ':' && !strchr(seg + 2, ':') && !strchr(seg, '.')) {
		char *ext = folio_xasprintf("%s:output_ext", pattern);
		free(pattern);
		pattern = ext;
	}
	c->dots = strstr(pattern, ":path") != NULL; /* the file's path as it is: gpl-3.0 */
	/* Jekyll dates a document by its name as it does a post, and :title
	 * is the name after the date: _events/2016-03-02-summit.md with
	 * /event/:year-:month-:title/ is at /event/2016-03-summit/ (:path and
	 * :name keep the date in the name, which then stays) */
	c->name_dates = !c->dots && !strstr(pattern, ":name") &&
	                (strstr(pattern, ":title") || strstr(pattern, ":slug"));
	c->ugly_pages = strip_page_ext(pattern);
	folio_migrate__apply_permalink(c, pattern, c->name);
	free(pattern);
	return true;
}

/* _config.yml's collections_dir (content/): Jekyll reads the collections
 * there, each a _<name> folder; those it does not output are not
 * published, nor is anything else of the folder but what a page links to
 * (content/docs/guide.pdf, copied as it is). */
static void plan_collections_dir(migration *m, const char *dir, const json_t *declared)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(dir, names[i]);
		if (!folio_migrate__is_dir(m, sub))
			;
		else if (plan_collection(m, sub, names[i], declared))
			;
		else if (names[i][0] == '_' || names[i][0] == '.')
			folio_migrate__exclude(m, sub);
		else
			json_array_append_new(m->copy, json_string(sub));
		free(sub);
	}
	folio_migrate__free_names(names, n);
	folio_buf_printf(m->notes, "%s/ holds the collections (collections_dir): the ones Jekyll outputs "
	                 "are collections here, the others are not published\n", dir);
}

/* Does the Gemfile's text name gem ("gem \"github-pages\""), on a line that
 * is no comment (jekyll new writes "# gem \"github-pages\"" in each)? */
static bool gemfile_names(const char *gemfile, const char *gem)
{
	size_t n = strlen(gem);
	for (const char *l = gemfile; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		size_t len = strcspn(l, "\n");
		const char *t = l + strspn(l, " \t");
		if (*t == '#')
			continue;
		for (const char *q = t; (q = memchr(q, gem[0], len - (size_t)(q - l))) && (size_t)(q - l) + n < len; q++)
			if (!memcmp(q, gem, n) && q > l && (q[-1] == '"' || q[-1] == '\'') && q[n] == q[-1])
				return true;
	}
	return false;
}

/*
 * Does GitHub Pages build this Jekyll site with its defaults, where
 * jekyll-optional-front-matter makes every Markdown file a page? Its
 * Gemfile names the github-pages gem; or it has none and no page opens
 * with front matter (google/eng-practices: plain Markdown files and a
 * theme: in _config.yml), which a Jekyll of its own would not publish.
 */
static bool github_pages_defaults(migration *m, const char *gemfile)
{
	return gemfile ? gemfile_names(gemfile, "github-pages") : !folio_migrate__holds_markdown(m, "", 0);
}

/* Does the site load the Jekyll plugin gem: named by _config.yml's plugins:
 * (gems: before Jekyll 3.5) or by its Gemfile (Homebrew's docs name
 * jekyll-optional-front-matter and jekyll-titles-from-headings so)? */
static bool plugin_named(const migration *m, const char *gemfile, const char *gem)
{
	static const char *const keys[] = { "plugins", "gems" };
	for (size_t k = 0; k < 2; k++) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(m->cfg, keys[k]), i, v)
			if (json_is_string(v) && !strcmp(json_string_value(v), gem))
				return true;
	}
	return gemfile && gemfile_names(gemfile, gem);
}

/* Does the Gemfile ask for Jekyll 4 or later: gem "jekyll", "~> 4.3"? */
static bool gemfile_jekyll4(const char *gemfile)
{
	for (const char *l = gemfile; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *t = l + strspn(l, " \t");
		if (strncmp(t, "gem \"jekyll\"", 12) && strncmp(t, "gem 'jekyll'", 12))
			continue;
		const char *v = t + 12 + strspn(t + 12, " ,\"'~>=");
		if (*v >= '4' && *v <= '9')
			return true;
	}
	return false;
}

/* Does Gemfile.lock hold kramdown older than 1.13 ("    kramdown (1.12.0)")?
 * From 1.13 (November 2016) kramdown's GFM input makes a heading's id of
 * its text alone, as GitHub does; before, of its line as written. */
static bool lock_kramdown_before_1_13(const char *lock)
{
	for (const char *l = lock; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, "    kramdown (", 14))
			continue;
		char *end = NULL;
		long major = strtol(l + 14, &end, 10);
		long minor = end && *end == '.' ? strtol(end + 1, NULL, 10) : 0;
		return end != l + 14 && (major < 1 || (major == 1 && minor < 13));
	}
	return false;
}

/* GitHub Pages' plugins, or the same named by the site; the Jekyll the
 * Gemfile asks for, the kramdown its Gemfile.lock holds. */
static void page_plugins(migration *m)
{
	char *path = folio_fs_join(m->dir, "Gemfile");
	folio_buf text = FOLIO_BUF_INIT;
	const char *gemfile = folio_fs_read(&text, path) >= 0 ? (text.ptr ? text.ptr : "") : NULL;
	bool pages = github_pages_defaults(m, gemfile);
	m->optional_front_matter = pages || plugin_named(m, gemfile, "jekyll-optional-front-matter");
	m->titles_from_headings = pages || plugin_named(m, gemfile, "jekyll-titles-from-headings");
	m->readme_index = pages || plugin_named(m, gemfile, "jekyll-readme-index");
	m->polyglot_loaded = plugin_named(m, gemfile, "jekyll-polyglot");
	m->jekyll4 = gemfile && gemfile_jekyll4(gemfile);
	char *lock_path = folio_fs_join(m->dir, "Gemfile.lock");
	folio_buf lock = FOLIO_BUF_INIT;
	m->kramdown_before_1_13 = folio_fs_read(&lock, lock_path) >= 0 && lock_kramdown_before_1_13(lock.ptr);
	folio_buf_dispose(&lock);
	free(lock_path);
	if (pages)
		folio_buf_puts(m->notes, "GitHub Pages builds this site: a Markdown file without front matter "
		                         "is a page too, titled by its first heading (title_from_heading: true)\n");
	else if (m->optional_front_matter || m->titles_from_headings)
		folio_buf_printf(m->notes, "the site loads %s%s%s: %s%s%s\n",
		                 m->optional_front_matter ? "jekyll-optional-front-matter" : "",
		                 m->optional_front_matter && m->titles_from_headings ? " and " : "",
		                 m->titles_from_headings ? "jekyll-titles-from-headings" : "",
		                 m->optional_front_matter ? "a Markdown file without front matter is a page too" : "",
		                 m->optional_front_matter && m->titles_from_headings ? ", " : "",
		                 m->titles_from_headings ? "titled by its first heading (title_from_heading: true)" : "");
	/* jekyll-remote-theme fetches its theme at each build, and a theme
	 * gem is installed by Bundler: neither is in the repository, so
	 * their layouts and includes are nowhere folio can read them */
	const char *remote = folio_migrate__get_text(m->cfg, "remote_theme");
	const char *theme = folio_migrate__get_text(m->cfg, "theme");
	if ((remote && *remote) || (theme && *theme))
		folio_buf_printf(m->notes, "%s: %s (%s) is not in the repository: folio's built-in templates "
		                 "stand for its layouts (write templates/ to match), and an {%% include %%} of one "
		                 "of its files renders as nothing (a shortcode/liquid warning each)\n",
		                 remote && *remote ? "remote_theme" : "theme", remote && *remote ? remote : theme,
		                 remote && *remote ? "jekyll-remote-theme fetches it at each build"
		                                   : "a gem, which Bundler installs");
	/* it builds the site once a language from _i18n/: folio has no such
	 * pass, so a page that is {% translate_file about.md %} alone is empty */
	m->languages_plugin = plugin_named(m, gemfile, "jekyll-multiple-languages-plugin");
	if (m->languages_plugin)
		folio_buf_puts(m->notes, "the site loads jekyll-multiple-languages-plugin, which folio does not run: "
		                         "{% translate_file %} and {% t %} render nothing (a shortcode/liquid warning each), "
		                         "and no site is built for the languages of _i18n/; write each page's text in it, "
		                         "its translations as x.fr.md beside it (languages: in folio.yaml)\n");
	folio_buf_dispose(&text);
	free(path);
}

/* An entry of _config.yml's exclude: (path, "/" and a trailing "/" taken
 * off; folder: it had one) left out, and as Jekyll's EntryFilter reads it
 * (start_with?), every name of its folder it begins: "README" leaves out
 * README.md, "notes" notes.md and notes/ (academicpages' exclude: list). */
static void exclude_jekyll_path(migration *m, const char *path, bool folder)
{
	char *full = folio_fs_join(m->dir, path);
	if (folio_fs_exists(full))
		folio_migrate__exclude(m, path);
	free(full);
	if (folder)
		return;
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char *dir = folio_xstrndup(path, slash ? (size_t)(slash - path) : 0);
	size_t n, len = strlen(base);
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) > len && !strncmp(names[i], base, len) && strcmp(names[i], ".git")) {
			char *sub = folio_migrate__join_rel(dir, names[i]);
			folio_migrate__exclude(m, sub);
			free(sub);
		}
	folio_migrate__free_names(names, n);
	free(dir);
}

/* The paths below folder dir (depth levels at most) that an exclude:
 * pattern with a folder matches, left out ("files/java/Game/" then a
 * star: a blog's generated Javadoc). Jekyll's EntryFilter tests each path
 * with File.fnmatch? and no FNM_PATHNAME, so a star crosses a slash:
 * "notes/" star ".txt" leaves out notes/drafts/a.txt. A folder that
 * matches is left out whole. */
static void exclude_jekyll_glob(migration *m, const char *pattern, const char *dir, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(names[i], ".git"))
			continue;
		char *sub = folio_migrate__join_rel(dir, names[i]);
		if (fnmatch(pattern, sub, 0) == 0)
			folio_migrate__exclude(m, sub);
		else if (depth > 0 && folio_migrate__is_dir(m, sub))
			exclude_jekyll_glob(m, pattern, sub, depth - 1);
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

/*
 * jekyll-polyglot: languages: ["en", "fr"] and default_lang: "en" in
 * _config.yml. A page's translation is about.fr.md (lang: fr), at its
 * permalink below /fr/; a post's, _posts/fr/x.md: each other language in
 * m->languages, its "dir" _posts/<lang> when there is one. Only when the
 * site loads the plugin.
 */
static void plan_polyglot(migration *m)
{
	const char *def = folio_migrate__get_text(m->cfg, "default_lang");
	const json_t *langs = json_object_get(m->cfg, "languages");
	if (!def || !folio_config_is_language_tag(def) || !json_is_array(langs))
		return;
	/* the keys alone may be a theme's (freifunkmuc's language switcher,
	 * in JavaScript): without the plugin Jekyll writes no /en/ */
	if (!m->polyglot_loaded) {
		folio_buf_puts(m->notes, "languages: and default_lang: without jekyll-polyglot among the plugins: "
		                         "no translations\n");
		return;
	}
	size_t i;
	json_t *v;
	folio_buf named = FOLIO_BUF_INIT;
	json_array_foreach(langs, i, v) {
		const char *tag = json_string_value(v);
		if (!tag || !folio_config_is_language_tag(tag) || !strcasecmp(tag, def))
			continue;
		json_t *o = json_pack("{s:s}", "tag", tag);
		char *dir = folio_xasprintf("_posts/%s", tag);
		if (folio_migrate__is_dir(m, dir))
			json_object_set_new(o, "dir", json_string(dir));
		free(dir);
		json_array_append_new(m->languages, o);
		folio_buf_printf(&named, "%s%s", named.size ? ", " : "", tag);
	}
	if (json_array_size(m->languages)) {
		m->polyglot = def;
		folio_buf_printf(m->notes, "jekyll-polyglot: %s is the site's language, %s its translations' "
		                 "(x.fr.md, _posts/fr/x.md, a page whose lang: names it), each below /<language>/; a page a language lacks is not "
		                 "written there in the site's language, as polyglot's fallback would\n", def, named.ptr);
	}
	folio_buf_dispose(&named);
}

/* Jekyll: _posts, the declared collections, and folders of Markdown. */
/* Folders Jekyll never reads: its default exclude:, which a site's own
 * list replaces before Jekyll 4 and joins from it (add_default_excludes).
 * (Its Gemfile and Gemfile.lock: excluded_by_pattern.) */
static void default_excludes(migration *m)
{
	static const char *const folders[] = { "node_modules", "vendor/bundle", "vendor/cache", "vendor/gems",
	                                       "vendor/ruby", ".sass-cache", ".jekyll-cache", "gemfiles" };
	if (json_object_get(m->cfg, "exclude") && !m->jekyll4)
		return;
	for (size_t i = 0; i < sizeof(folders) / sizeof(*folders); i++)
		exclude_jekyll_path(m, folders[i], true);
}

/*
 * Jekyll's source: src: the site's files are below src/, _config.yml (and
 * the Gemfile) above it. The site is read from there, folio.yaml and the
 * schemas are written there, and a folio.yaml at the top names the folder
 * (site_folder:), so that a commit of the repository publishes it.
 */
static void follow_source(migration *m, const char *source)
{
	char *p = folio_path_plain_folder(source);
	size_t n = strlen(p);
	char *dir = folio_fs_join(m->dir, p);
	if (!*p) {
		/* the folder given */
	} else if (folio_path_check(p, n) || !folio_fs_is_dir(dir)) {
		folio_buf_printf(m->notes, "source: %s is not a folder of %s: the site is read from %s itself\n", source,
		                 m->dir, m->dir);
	} else {
		folio_buf_printf(m->notes, "source: %s: the site is read from %s/, where folio.yaml and schemas/ are "
		                 "written; folio.yaml at the top names it (site_folder: %s)\n", p, p, p);
		m->source = folio_xstrdup(p);
		m->source_dir = dir;
		m->dir = dir;
		dir = NULL;
	}
	free(dir);
	free(p);
}

/* Jekyll's destination: (docs, where gdgtoledo commits its built site):
 * what Jekyll writes, never reads: left out when it is in the site. */
static void exclude_destination(migration *m, const char *dest)
{
	char *d = folio_path_plain_folder(dest);
	char *p = d;
	size_t src = m->source ? strlen(m->source) : 0;
	if (src) /* named from the top: below source: or elsewhere */
		p = !strncmp(p, m->source, src) && p[src] == '/' ? p + src + 1 : NULL;
	char *dir = p && *p && strcmp(p, "_site") && !folio_path_check(p, strlen(p)) ? folio_fs_join(m->dir, p) : NULL;
	if (dir && folio_fs_is_dir(dir)) {
		folio_migrate__exclude(m, p);
		folio_buf_printf(m->notes, "destination: %s is where Jekyll writes the site, which it never reads: "
		                 "left out (exclude:)\n", p);
	}
	free(dir);
	free(d);
}

/*
 * jekyll-archives (Chirpy's theme loads it): its jekyll-archives: settings
 * enable a page per tag and per category, at its permalinks ("/tags/:name/",
 * :name a slug of the term), and no page of all the terms: taxonomies with
 * index: false. A permalink folio cannot hold keeps /tags/<term>/.
 */
static void plan_archives(migration *m)
{
	const json_t *a = json_object_get(m->cfg, "jekyll-archives");
	const json_t *enabled = json_object_get(a, "enabled");
	const json_t *perms = json_object_get(a, "permalinks");
	static const char *const kinds[][2] = { { "tags", "tag" }, { "categories", "category" } };
	if (!enabled)
		return;
	for (size_t k = 0; k < 2; k++) {
		bool on = json_is_string(enabled) ? !strcmp(json_string_value(enabled), "all")
		                                  : folio_migrate__lists(enabled, kinds[k][0]);
		if (!on)
			continue;
		if (!m->terms)
			m->terms = json_object();
		if (!m->archive_permalinks)
			m->archive_permalinks = json_object();
		json_object_set_new(m->terms, kinds[k][0], json_integer(0));
		const char *p = json_string_value(json_object_get(perms, kinds[k][1]));
		const char *name = p ? strstr(p, ":name") : NULL;
		if (name && !strcmp(name, ":name/")) {
			char *slug = folio_xasprintf("%.*s:slug/", (int)(name - p), p);
			json_object_set_new(m->archive_permalinks, kinds[k][0], json_string(slug));
			free(slug);
		}
	}
	if (m->terms)
		m->terms_unindexed = true;
}

/* Does folder rel hold a folder of pages? */
static bool nested_pages(const migration *m, const char *rel)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	bool found = false;
	for (size_t i = 0; i < n && !found; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		found = folio_migrate__is_dir(m, sub) && folio_migrate__holds_markdown(m, sub, 1);
		free(sub);
	}
	folio_migrate__free_names(names, n);
	return found;
}

/* Jekyll's :title (and :slug, :name) is a document's own name, without
 * the folders below its collection's (al-folio's _news/en-us/x.md at
 * /news/x/ under /:collection/:title/); only :path keeps them. A
 * collection of such folders keeps its permalink (/news/:slug/), which
 * places each page by its own name. */
static void flat_names(migration *m)
{
	for (size_t i = 0; i < m->ncols; i++) {
		collection *c = &m->cols[i];
		if (!c->name_last || c->permalink || !c->url || !folio_ends_with(c->url, "/") ||
		    !nested_pages(m, c->folder))
			continue;
		c->permalink = folio_xasprintf("%s:slug/", c->url);
		c->undated = true;
	}
}

/* A site built by `jekyll build --config _config.yml,_config.nl.yml` (a
 * language's, production's settings) has more files than _config.yml:
 * init reads the one alone unless told, so the notes name the others. */
static void note_other_configs(const migration *m)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, "", &n);
	for (size_t i = 0; i < n; i++)
		if (!strncmp(names[i], "_config", 7) && strcmp(names[i], "_config.yml") &&
		    strcmp(names[i], "_config.yaml") &&
		    (folio_ends_with(names[i], ".yml") || folio_ends_with(names[i], ".yaml") ||
		     folio_ends_with(names[i], ".toml")))
			folio_buf_printf(m->notes, "%s is not read: when the site is built with it (jekyll build "
			                 "--config %s,%s), give init the same --config\n", names[i],
			                 m->config_name ? m->config_name : "_config.yml", names[i]);
	folio_migrate__free_names(names, n);
}

int folio_migrate__plan_jekyll(migration *m)
{
	static const char *const configs[] = { "_config.yml", "_config.yaml", NULL };
	int rc = m->configs ? folio_migrate__load_jekyll_configs(m) : folio_migrate__load_config(m, configs);
	if (rc < 0)
		return rc;
	if (!m->configs)
		note_other_configs(m);
	page_plugins(m); /* the Gemfile is beside _config.yml, above a source: */
	plan_archives(m);
	follow_source(m, folio_migrate__get_text(m->cfg, "source"));
	exclude_destination(m, folio_migrate__get_text(m->cfg, "destination"));
	plan_polyglot(m);
	const json_t *declared = json_object_get(m->cfg, "collections");
	size_t i;
	json_t *v;
	/* the configuration's own exclude: list, where it names a path of the
	 * site: "/script" is the source's script/, as Jekyll 4 reads it */
	json_array_foreach(json_object_get(m->cfg, "exclude"), i, v) {
		const char *p = json_string_value(v);
		while (p && p[0] == '/')
			p++;
		char *path = p ? folio_xstrdup(p) : NULL;
		size_t len = path ? strlen(path) : 0;
		bool folder = len > 1 && path[len - 1] == '/';
		while (len > 1 && path[len - 1] == '/')
			path[--len] = '\0';
		if (path && len && !strpbrk(path, "*?[") && !folio_path_check(path, len) && strcmp(path, ".git"))
			exclude_jekyll_path(m, path, folder);
		/* a pattern below a folder; the top's are excluded_by_pattern()'s */
		const char *glob = path ? strpbrk(path, "*?[") : NULL;
		const char *slash = glob ? memrchr(path, '/', (size_t)(glob - path)) : NULL;
		if (slash && !folio_path_check(path, (size_t)(slash - path))) {
			char *dir = folio_xstrndup(path, (size_t)(slash - path));
			if (folio_migrate__is_dir(m, dir) && !strcmp(slash, "/*"))
				folio_migrate__exclude(m, dir); /* all it holds: the folder, one line */
			else if (folio_migrate__is_dir(m, dir))
				exclude_jekyll_glob(m, path, dir, 16);
			free(dir);
		}
		free(path);
	}
	default_excludes(m);
	size_t n;
	char **names = folio_migrate__list_dir(m, "", &n);
	bool root_pages = false, home_text = false;
	char *home_file = NULL;
	const char *cdir = json_string_value(json_object_get(m->cfg, "collections_dir"));
	if (m->readme_index)
		folio_migrate__note_claims(m);
	for (i = 0; i < n; i++) {
		const char *name = names[i];
		if (folio_migrate__readme_shadowed(m, name) && !folio_migrate__is_excluded(m, name)) {
			folio_migrate__exclude(m, name);
			folio_buf_printf(m->notes, "%s: a page's permalink: takes its folder's address, so "
			                 "jekyll-readme-index makes it no page: left out\n", name);
			continue;
		}
		if (((!strcmp(name, "index.md") || !strcmp(name, "index.markdown")) &&
		     folio_migrate__is_root_page(m, name)) ||
		    (!folio_migrate__is_excluded(m, name) &&
		     folio_migrate__readme_index(m, name))) { /* GitHub Pages' README.md as the index */
			home_text = true;
			free(home_file);
			home_file = folio_xstrdup(name);
			continue;
		}
		if (!folio_migrate__is_dir(m, name) && !folio_migrate__is_excluded(m, name) &&
		    (folio_migrate__is_root_page(m, name) ||
		     /* a page written in HTML (huxpro.github.io's about.html): kept
		      * or named by the root's collection, which it alone may need */
		     (folio_ends_with(name, ".html") && folio_migrate__opens_front_matter(m, name) == 1)))
			root_pages = true;
		else if (is_root_static(m, name) && folio_path_is_server_config(name))
			leave_out_server_config(m, name);
		else if (is_root_static(m, name) && !folio_migrate__leave_out_rendered(m, name))
			json_array_append_new(m->copy, json_string(name));
		if (!folio_migrate__is_dir(m, name) || !strcmp(name, ".git") || !strcmp(name, "static") ||
		    !strcmp(name, "templates") || !strcmp(name, "schemas"))
			continue;
		if (cms_admin(m, name)) {
			folio_migrate__exclude(m, name);
			folio_buf_printf(m->notes, "%s/: the admin page of a Decap (Netlify) CMS (%s/config.yml names its "
			                 "backend): no page of the site, left out; with folio, edits are commits\n",
			                 name, name);
		} else if (cdir && !strcmp(name, cdir)) {
			plan_collections_dir(m, name, declared);
		} else if (plan_collection(m, name, name, declared)) {
			/* _posts, or a collection _config.yml outputs */
		} else if ((name[0] == '_' || name[0] == '.') && !included(m, name)) {
			/* _drafts, _layouts, _includes, _data, _sass, _site, dot folders
			 * and collections Jekyll does not output: not published, as in
			 * Jekyll, but what include: names (.well-known) */
			folio_migrate__exclude(m, name);
		} else if (folio_migrate__is_excluded(m, name)) {
			/* named by _config.yml's exclude: */
		} else if (folio_migrate__holds_markdown(m, name, 0)) {
			collection *c = folio_migrate__add_collection(m, name, name, NULL);
			/* a page's :path and :basename as they are: Kong's gateway/2.8.x/ */
			if (c)
				c->dots = true;
			if (c && (c->url || name[0] == '_') && url_safe(name)) {
				/* zh_cn/ stays at /zh_cn/, as Jekyll has it; so does a
				 * folder include: names (_pages/ at /_pages/) */
				free(c->url);
				c->url = folio_xasprintf("/%s/", name);
			}
			/* a folder of pages (de/, _pages/ of academicpages) is no
			 * collection to Jekyll, which lists its pages nowhere: de/index.md
			 * is the page at /de/, not a list's text */
			if (c)
				c->unlisted = true;
			const char *perm = json_string_value(json_object_get(m->cfg, "permalink"));
			/* a folder's pages where Jekyll puts them: /docs/x.html unless
			 * the style is pretty, capitals kept (:basename) */
			if (c && !pretty_style(perm ? perm : "date")) {
				c->ugly_pages = true;
				c->by_name = true;
			} else if (c) {
				c->by_name = true; /* /:path/ keeps them too: /Crypto/ECC/Edwards_Curves/ */
			}
			const char *posts = defaults_permalink(m, "posts");
			plan_nested_posts(m, name, posts ? posts : perm ? perm : "date", 0);
		} else {
			/* assets/, images/: copied as they are, at their path, but
			 * for the pages Jekyll would render there */
			json_array_append_new(m->copy, json_string(name));
			folio_migrate__leave_out_rendered_in(m, name, 0);
		}
	}
	folio_migrate__free_names(names, n);
	/* Jekyll never publishes _drafts/ (but with --drafts): one written
	 * after the migration is left out too, not a folder of unknown pages */
	folio_migrate__exclude(m, "_drafts");
	if (root_pages || home_text) {
		/* about.md and the like: the root's collection, each page where
		 * Jekyll puts it (a permalink: in its front matter wins): /about/
		 * when the site's permalink ends in '/' (pretty), else /about.html;
		 * /CHANGELOG.html for CHANGELOG.md; index.md the home page's text */
		collection *c = folio_migrate__add_collection(m, ".", "Pages", "pages");
		if (c && home_text) {
			c->home = true;
			folio_buf_printf(m->notes, "%s is the home page's text: templates/home.mustache "
			                 "shows it as page\n", home_file);
		}
		if (c) {
			/* defaults: of every page gives its style ("/:basename": x.html) */
			const char *perm = defaults_permalink(m, "pages");
			if (!perm)
				perm = json_string_value(json_object_get(m->cfg, "permalink"));
			if (!perm)
				perm = "date";
			free(c->url);
			c->url = folio_xasprintf("/%s/", c->name); /* as Hugo's root pages' (above) */
			c->flat = true;
			free(c->permalink);
			c->permalink = folio_xstrdup("/:slug/");
			c->undated = true;
			c->ugly = !pretty_style(perm);
			c->by_name = true; /* its :basename keeps capitals: /CHANGELOG.html */
			c->dots = true;    /* and dots: /3.0-upgrade/ */
			c->unlisted = true; /* Jekyll lists them nowhere */
			folio_buf_printf(m->notes, "the pages at the top are the collection \"%s\", each at "
			                 "/<name>%s as in Jekyll unless their permalink: says otherwise, "
			                 "with no list (list: false)\n", c->name, c->ugly ? ".html" : "/");
		}
	}
	if (folio_migrate__feed_awaits_posts(m)) {
		/* the posts' collection all the same, empty, so that the feed is
		 * kept where its subscribers and the layouts' links find it */
		char *folder = cdir && *cdir ? folio_xasprintf("%s/_posts", cdir) : folio_xstrdup("_posts");
		size_t before = m->ncols;
		plan_collection(m, folder, "_posts", declared);
		if (m->ncols > before) {
			m->cols[before].awaited = true;
			folio_buf_printf(m->notes, "%s/: no post yet, a collection all the same, so that jekyll-feed's "
			                 "feed is kept (empty, as Jekyll writes it); a post written there is in it\n", folder);
		}
		free(folder);
	}
	folio_migrate__note_layout_includes(m);
	free(home_file);
	flat_names(m);
	return 0;
}
