/*
 * folio init --from hugo|jekyll (folio/migrate.h): a folio.yaml and a
 * schema per collection over a generator's tree, read from the file
 * system and left untouched. The site model does the rest: nested
 * sections, bundles, TOML front matter, slug/url/aliases are read as they
 * are (docs/migrating.md), so this module only decides what is a
 * collection, what is the generator's own (exclude:) and what is copied.
 * It reads the tree, its pages and the generator's configuration;
 * migrate_plan.c decides Hugo's and Jekyll's collections from them,
 * migrate_write.c writes folio.yaml from that plan, and migrate_run.c
 * (folio_migrate) runs them in turn.
 */
#include "folio/migrate.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "folio/common.h"
#include "folio/diag.h"
#include "folio/frontmatter.h"
#include "folio/infer.h"
#include "folio/site.h"
#include "folio/toml.h"
#include "folio/yaml.h"
#include "model/config_check.h"
#include "model/layout.h"
#include "model/migrate_internal.h"
#include "model/urlize.h"
#include "model/slug.h"
#include "folio/path.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/dates.h"
#include "util/text.h"
#include "util/fs.h"
#include "util/banned.h"

/* ---- the generator's configuration ---- */

/* Does list hold the string name, in any ASCII case? */
bool folio_migrate__lists(const json_t *list, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v)
		if (json_is_string(v) && !strcasecmp(json_string_value(v), name))
			return true;
	return false;
}

/* Hugo's disableLanguages, as a set of lower-case keys: read once, so
 * that asking of each language stays linear in the configuration. */
json_t *folio_migrate__languages_off(const migration *m)
{
	json_t *set = json_object(), *v;
	size_t i;
	json_array_foreach(folio_migrate__get_ci(m->cfg, "disableLanguages"), i, v) {
		if (!json_is_string(v))
			continue;
		char *key = folio_xstrdup(json_string_value(v));
		for (char *s = key; *s; s++)
			*s = (char)tolower((unsigned char)*s);
		json_object_set_new(set, key, json_true());
		free(key);
	}
	return set;
}

bool folio_migrate__language_off(const json_t *off, const char *name, const json_t *lang)
{
	if (folio_migrate__on(folio_migrate__get_ci(lang, "disabled")))
		return true;
	char *key = folio_xstrdup(name);
	for (char *s = key; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	bool listed = json_object_get(off, key) != NULL;
	free(key);
	return listed;
}

/* obj[key] with key in any ASCII case: Hugo's keys are case-insensitive. */
json_t *folio_migrate__get_ci(const json_t *obj, const char *key)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)obj, k, v)
		if (!strcasecmp(k, key))
			return v;
	return NULL;
}

const char *folio_migrate__get_text(const json_t *obj, const char *key)
{
	return json_string_value(folio_migrate__get_ci(obj, key));
}

bool folio_migrate__on(const json_t *v)
{
	static const char *const yes[] = { "true", "True", "TRUE", "t", "T", "1" };
	const char *text = json_string_value(v);
	for (size_t i = 0; text && i < sizeof(yes) / sizeof(*yes); i++)
		if (!strcmp(text, yes[i]))
			return true;
	return json_is_true(v);
}

/* Hugo reads its settings' names in any case, and merges two tables whose
 * names differ only by it ([permalinks] and [Permalinks], xHain's): the
 * later's members join the first's, whose own stay. */
static void merge_case_twins(json_t *obj)
{
	const char *k;
	json_t *v;
	json_t *twins = json_array();
	json_object_foreach(obj, k, v) {
		json_t *first = folio_migrate__get_ci(obj, k);
		if (first != v && json_is_object(first) && json_is_object(v)) {
			json_object_update_missing(first, v);
			json_array_append_new(twins, json_string(k));
		}
	}
	size_t i;
	json_array_foreach(twins, i, v)
		json_object_del(obj, json_string_value(v));
	json_decref(twins);
	json_object_foreach(obj, k, v)
		if (json_is_object(v))
			merge_case_twins(v);
}

const char *folio_migrate__address(const migration *m)
{
	return folio_migrate__get_text(m->cfg, m->from == FOLIO_FROM_HUGO ? "baseURL" : "url");
}

/* What the site model reads as a page: ".md", and Jekyll's ".markdown". */
bool folio_migrate__is_page_name(const char *name)
{
	return folio_ends_with(name, ".md") || folio_ends_with(name, ".markdown");
}

/* A page for the site model of this migration: a Markdown file, and for
 * Hugo one written in HTML (html_pages: true, which init writes). */
bool folio_migrate__is_content_name(const migration *m, const char *name)
{
	return folio_migrate__is_page_name(name) || (m->from == FOLIO_FROM_HUGO && folio_ends_with(name, ".html"));
}

/* Is folder a Hugo leaf bundle: an index page, no _index page? Its other
 * files are its resources (content/privacy/index.md with slug:
 * privacy-policy is at /privacy-policy/). */
bool folio_migrate__leaf_bundle(const migration *m, const char *folder)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, folder, &n);
	bool index = false, section = false;
	for (size_t i = 0; i < n; i++) {
		bool content = folio_migrate__is_content_name(m, names[i]);
		index |= content && !strncmp(names[i], "index.", 6);
		section |= content && !strncmp(names[i], "_index.", 7);
	}
	folio_migrate__free_names(names, n);
	return index && !section;
}

/* The folders sub of the themes, theme: then module.imports (migrate_internal.h). */
json_t *folio_migrate__theme_folders(const migration *m, const char *sub)
{
	json_t *out = json_array(), *themes = folio_migrate__get_ci(m->cfg, "theme"), *t;
	const json_t *imports = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "module"), "imports");
	const char *dir = folio_migrate__get_text(m->cfg, "themesDir");
	size_t i, n = json_is_array(themes) ? json_array_size(themes) : 1;
	/* then module.imports: a path Hugo finds in themesDir is a theme too
	 * ([[module.imports]] path = "t" is themes/t) */
	size_t nimports = json_is_array(imports) ? json_array_size(imports) : 0;
	for (i = 0; i < n + nimports; i++) {
		t = i >= n ? json_array_get(imports, i - n) : json_is_array(themes) ? json_array_get(themes, i) : themes;
		const char *name = i >= n ? folio_migrate__get_text(t, "path") : json_string_value(t);
		if (!name || !*name)
			continue;
		/* digital.gov's themesDir is "./themes": a folder of the site, as folio.yaml names them */
		char *joined = folio_xasprintf("%s/%s/%s", dir && *dir ? dir : "themes", name, sub);
		char *rel = folio_fs_normalize(joined);
		bool again = false; /* named by theme: and imported too */
		size_t k;
		json_t *v;
		json_array_foreach(out, k, v)
			again = again || !strcmp(json_string_value(v), rel);
		if (!again && rel[0] != '/' && strncmp(rel, "..", 2) && folio_migrate__is_dir(m, rel))
			json_array_append_new(out, json_string(rel));
		free(rel);
		free(joined);
	}
	return out;
}

/* The mapping a configuration file at rel holds (YAML or TOML), or NULL
 * when it is absent or cannot be read. Caller decrefs. */
static json_t *read_config_file(const migration *m, const char *rel)
{
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_fs_exists(path) ? folio_fs_read(&text, path) : 1;
	free(path);
	json_t *out = NULL;
	if (rc == 0) {
		folio_diags d;
		folio_diags_init(&d);
		folio_yaml_doc *doc = NULL;
		if (folio_ends_with(rel, ".toml"))
			folio_toml_parse(&doc, text.ptr, text.size, rel, 1, FOLIO_RULE_CONFIG_SYNTAX, SIZE_MAX, &d);
		else
			folio_yaml_parse_last_wins(&doc, text.ptr, text.size, rel, FOLIO_RULE_CONFIG_SYNTAX, &d);
		if (doc && json_is_object(folio_yaml_root(doc)))
			out = json_incref(folio_yaml_root(doc));
		if (out && m->from == FOLIO_FROM_HUGO)
			merge_case_twins(out);
		folio_yaml_free(doc);
		folio_diags_dispose(&d);
	}
	folio_buf_dispose(&text);
	return out;
}

/* Hugo's configuration in TOML, YAML or JSON (rclone's docs: config.json),
 * the last read by the YAML reader, as JSON is YAML. */
static bool config_ext(const char *name)
{
	return folio_ends_with(name, ".toml") || folio_ends_with(name, ".yaml") || folio_ends_with(name, ".yml") ||
	       folio_ends_with(name, ".json");
}

/* The configuration files of Hugo's folder dir and of its folders, as paths
 * below dir, sorted: Hugo reads them all by their names alone
 * (falco.org's config/_default/module/module.yaml is its module:). */
static void config_files_in(const migration *m, const char *dir, const char *below, int depth, char ***out,
                            size_t *n, size_t *alloc)
{
	char *rel = folio_migrate__join_rel(dir, below);
	size_t count;
	char **names = folio_migrate__list_dir(m, rel, &count);
	for (size_t i = 0; i < count; i++) {
		char *sub = folio_migrate__join_rel(below, names[i]);
		char *full = folio_migrate__join_rel(rel, names[i]);
		if (config_ext(names[i])) {
			FOLIO_ARRAY_GROW(*out, *n, *alloc, *n + 1);
			(*out)[(*n)++] = sub;
			sub = NULL;
		} else if (depth > 0 && names[i][0] != '.' && folio_migrate__is_dir(m, full)) {
			config_files_in(m, dir, sub, depth - 1, out, n, alloc);
		}
		free(sub);
		free(full);
	}
	folio_migrate__free_names(names, count);
	free(rel);
}

static char **config_files(const migration *m, const char *main_name, char **dir, size_t *n)
{
	const char *slash = strrchr(main_name, '/');
	char **out = NULL;
	size_t alloc = 0;
	*n = 0;
	/* Hugo reads config/_default/ beside a hugo.yaml at the top too
	 * (carpentries.org keeps its params and markup there) */
	*dir = slash ? folio_xstrndup(main_name, (size_t)(slash - main_name))
	       : folio_migrate__is_dir(m, "config/_default") ? folio_xstrdup("config/_default")
	                                                     : NULL;
	if (*dir)
		config_files_in(m, *dir, "", 3, &out, n, &alloc);
	return out;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/*
 * The rest of Hugo's configuration folder: config/_default/<key>.toml (or
 * <folder>/<key>.toml) is its <key>: (linkerd.io's permalinks.yaml,
 * params.yaml), taken where hugo.toml does not say, a mapping's keys
 * added to those it gives; with hugo.toml at the top, the folder's own
 * hugo.toml (or config.toml) too, where the top's does not say. A name with a dot is one language's
 * (menus.en.toml), which the site's own language does not read.
 */
static void override_config(json_t *dst, const json_t *src);

static void load_config_keys(migration *m, const char *main_name)
{
	char *dir;
	size_t n;
	char **files = config_files(m, main_name, &dir, &n);
	/* config/_default/ beside a hugo.toml at the top: Hugo reads the top's
	 * file, then sets the folder's over it, key by key (simon-cramar's
	 * title and languageCode, given in both, are the folder's) */
	bool beside = !strchr(main_name, '/');
	for (size_t i = 0; i < n; i++) {
		const char *name = base_name(files[i]), *ext = strchr(name, '.');
		if (!ext || ext == name || !config_ext(name) || strchr(ext + 1, '.'))
			continue;
		char *key = folio_xstrndup(name, (size_t)(ext - name));
		json_t *had = folio_migrate__get_ci(m->cfg, key);
		char *rel = folio_migrate__join_rel(dir, files[i]);
		if ((!strcmp(key, "hugo") || !strcmp(key, "config")) && strcmp(rel, main_name)) {
			/* the folder's own hugo.toml beside one at the top */
			json_t *whole = read_config_file(m, rel);
			if (json_is_object(whole) && beside)
				override_config(m->cfg, whole);
			else if (json_is_object(whole))
				json_object_update_missing(m->cfg, whole);
			json_decref(whole);
		}
		json_t *value = strcmp(key, "hugo") && strcmp(key, "config") && strcmp(key, "languages") &&
		                        (beside || !had || json_is_object(had))
		                ? read_config_file(m, rel)
		                : NULL;
		if (value && beside) {
			json_t *wrap = json_object();
			json_object_set(wrap, key, value);
			override_config(m->cfg, wrap);
			json_decref(wrap);
		} else if (value && had) {
			json_object_update_missing(had, value);
		} else if (value) {
			json_object_set(m->cfg, key, value);
		}
		json_decref(value);
		free(key);
		free(rel);
	}
	folio_migrate__free_names(files, n);
	free(dir);
}

/*
 * Hugo's configuration folder splits the configuration by key:
 * config/_default/languages.toml is its languages:, and
 * languages.<lang>.toml (or hugo.<lang>.toml) one language's (its
 * contentDir: a site with a content folder per language), in the folder
 * or one of its folders.
 * Taken where hugo.toml does not say.
 */
static void load_config_languages(migration *m, const char *main_name)
{
	char *dir;
	size_t n;
	char **files = config_files(m, main_name, &dir, &n);
	json_t *langs = json_object_get(m->cfg, "languages");
	if (!json_is_object(langs)) {
		langs = NULL;
		for (size_t i = 0; i < n && !langs; i++) {
			const char *name = base_name(files[i]);
			if (!strcmp(name, "languages.toml") || !strcmp(name, "languages.yaml") ||
			    !strcmp(name, "languages.yml")) {
				char *rel = folio_migrate__join_rel(dir, files[i]);
				langs = read_config_file(m, rel);
				free(rel);
			}
		}
		if (!langs)
			langs = json_object();
		json_object_set_new(m->cfg, "languages", langs);
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = base_name(files[i]), *ext = strrchr(name, '.');
		/* languages.zh-cn.toml; hugo.zh-cn.toml (config.zh-cn.toml), which
		 * Hugo merges into languages.zh-cn too (DoIt's example site) */
		size_t pre = !strncmp(name, "languages.", 10) ? 10
		             : !strncmp(name, "hugo.", 5)     ? 5
		             : !strncmp(name, "config.", 7)   ? 7
		                                              : 0;
		if (!pre || ext <= name + pre)
			continue;
		char *lang = folio_xstrndup(name + pre, (size_t)(ext - name - pre));
		char *rel = folio_migrate__join_rel(dir, files[i]);
		json_t *one = *lang && !json_object_get(langs, lang) ? read_config_file(m, rel) : NULL;
		if (one)
			json_object_set_new(langs, lang, one);
		free(lang);
		free(rel);
	}
	folio_migrate__free_names(files, n);
	free(dir);
}

/* src over dst, as Hugo merges an environment's configuration: a key of
 * src replaces dst's of any case, mappings merged key by key. */
static void override_config(json_t *dst, const json_t *src)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)src, k, v) {
		json_t *had = folio_migrate__get_ci(dst, k);
		if (json_is_object(had) && json_is_object(v)) {
			override_config(had, v);
			continue;
		}
		const char *old;
		json_t *ov;
		void *tmp;
		json_object_foreach_safe(dst, tmp, old, ov) /* its other-case twin */
			if (!strcasecmp(old, k))
				json_object_del(dst, old);
		json_object_set(dst, k, v);
	}
}

/*
 * Hugo builds in the production environment: config/production/ (hugo.yaml
 * or config.yaml whole, <key>.yaml a key, languages.<lang>.yaml a
 * language's) is merged over what config/_default/ and the top say. Osuny's
 * sites (French universities and associations) give their baseURL and
 * language only there; read without it, a French site was English at
 * https://example.org with the default taxonomies.
 */
static void load_config_environment(migration *m)
{
	static const char env[] = "config/production";
	char **files = NULL;
	size_t n = 0, alloc = 0;
	if (!folio_migrate__is_dir(m, env))
		return;
	config_files_in(m, env, "", 3, &files, &n, &alloc);
	for (size_t i = 0; i < n; i++) {
		const char *name = base_name(files[i]), *dot = strchr(name, '.'), *ext = strrchr(name, '.');
		char *rel = folio_migrate__join_rel(env, files[i]);
		json_t *value = dot && dot != name ? read_config_file(m, rel) : NULL;
		char *key = value ? folio_xstrndup(name, (size_t)(dot - name)) : NULL;
		char *lang = value && dot != ext ? folio_xstrndup(dot + 1, (size_t)(ext - dot - 1)) : NULL;
		json_t *into = NULL;
		if (!value) {
		} else if (!strcmp(key, "hugo") || !strcmp(key, "config") || !strcmp(key, "languages")) {
			if (!strcmp(key, "languages") || lang) { /* languages:, or one language's */
				into = folio_migrate__get_ci(m->cfg, "languages");
				if (!json_is_object(into))
					json_object_set_new(m->cfg, "languages", into = json_object());
				if (lang) {
					json_t *one = folio_migrate__get_ci(into, lang);
					if (!json_is_object(one))
						json_object_set_new(into, lang, one = json_object());
					into = one;
				}
			} else {
				into = m->cfg;
			}
		} else if (!lang) { /* params.yaml: params: */
			json_t *wrap = json_object();
			json_object_set(wrap, key, value);
			json_decref(value);
			value = wrap;
			into = m->cfg;
		}
		if (into && json_is_object(value))
			override_config(into, value);
		json_decref(value);
		free(key);
		free(lang);
		free(rel);
	}
	folio_migrate__free_names(files, n);
	folio_buf_printf(m->notes, "%s/ is read over the rest, as hugo builds in its production environment\n", env);
}

/* What another generator's configuration at the top says the site is
 * ("_config.yml: a Jekyll site; run folio init --from jekyll"), an error,
 * else 0: init of a site with neither Hugo's nor Jekyll's configuration
 * (kyverno.io is Astro now, volcano.sh Docusaurus) would otherwise make a
 * folio.yaml of placeholders and a collection of whatever Markdown it finds. */
static int other_generator(const migration *m)
{
	static const struct { const char *file, *name; int from; } marks[] = {
		{ "_config.yml", "Jekyll", FOLIO_FROM_JEKYLL },
		{ "hugo.toml", "Hugo", FOLIO_FROM_HUGO },
		{ "hugo.yaml", "Hugo", FOLIO_FROM_HUGO },
		{ "hugo.yml", "Hugo", FOLIO_FROM_HUGO }, /* Bootstrap's blog */
		{ "hugo.json", "Hugo", FOLIO_FROM_HUGO },
		{ "config/_default", "Hugo", FOLIO_FROM_HUGO },
		{ "astro.config.mjs", "Astro", -1 },
		{ "astro.config.ts", "Astro", -1 },
		{ "docusaurus.config.js", "Docusaurus", -1 },
		{ "docusaurus.config.ts", "Docusaurus", -1 },
		{ "mkdocs.yml", "MkDocs", -1 },
		{ ".eleventy.js", "Eleventy", -1 },
		{ "eleventy.config.js", "Eleventy", -1 },
		{ "gatsby-config.js", "Gatsby", -1 },
		{ "next.config.js", "Next.js", -1 },
		{ "_quarto.yml", "Quarto", -1 },
		{ "book.toml", "mdBook", -1 },
		{ "gridsome.config.js", "Gridsome", -1 },
		{ "nuxt.config.js", "Nuxt", -1 },
		{ "nuxt.config.ts", "Nuxt", -1 },
		{ "svelte.config.js", "SvelteKit", -1 },
		{ ".vuepress", "VuePress", -1 },
		{ "pelicanconf.py", "Pelican", -1 },
	};
	const char *own = m->from == FOLIO_FROM_HUGO ? "Hugo" : "Jekyll";
	for (size_t i = 0; i < sizeof(marks) / sizeof(*marks); i++) {
		if (marks[i].from == (int)m->from)
			continue; /* its own: looked for above */
		char *path = folio_fs_join(m->dir, marks[i].file);
		bool there = folio_fs_exists(path);
		free(path);
		if (there && marks[i].from >= 0)
			return folio_error_set("%s: no %s configuration, but %s, the configuration of %s: "
			                       "run folio init --from %s", m->dir, own, marks[i].file,
			                       marks[i].name, marks[i].from == FOLIO_FROM_HUGO ? "hugo" : "jekyll");
		if (there)
			return folio_error_set("%s: no %s configuration, but %s, the configuration of %s: "
			                       "folio init reads Hugo and Jekyll sites (docs/migrating.md)", m->dir,
			                       own, marks[i].file, marks[i].name);
	}
	return 0;
}

/* Another generator whose configuration file has the name of Hugo's
 * (Zola's config.toml) or Jekyll's (Hexo's _config.yml), told by its keys
 * and folders; NULL when none. Read as the expected one, it gave a
 * folio.yaml of placeholders (pigreco's Zola site). */
static const char *namesake(const migration *m)
{
	if (m->from == FOLIO_FROM_HUGO && folio_migrate__get_ci(m->cfg, "base_url") &&
	    !folio_migrate__get_ci(m->cfg, "baseURL") &&
	    (folio_migrate__is_dir(m, "templates") || folio_migrate__get_ci(m->cfg, "compile_sass") ||
	     folio_migrate__get_ci(m->cfg, "build_search_index") || folio_migrate__get_ci(m->cfg, "default_language")))
		return "Zola";
	if (m->from == FOLIO_FROM_JEKYLL &&
	    ((folio_migrate__is_dir(m, "scaffolds") && folio_migrate__is_dir(m, "source")) ||
	     folio_migrate__get_ci(m->cfg, "new_post_name") || folio_migrate__get_ci(m->cfg, "public_dir")))
		return "Hexo";
	return NULL;
}

/* Settings Hugo reads per language too: the default language's, where
 * the top does not say (digital-canada's languages.en.permalinks, the same
 * as French's), are the site's, which folio.yaml has one of. */
static void lift_language_settings(migration *m)
{
	static const char *const keys[] = { "permalinks" };
	const char *def = folio_migrate__get_text(m->cfg, "defaultContentLanguage");
	const json_t *lang = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "languages"), def && *def ? def : "en");
	for (size_t i = 0; json_is_object(lang) && i < sizeof(keys) / sizeof(*keys); i++) {
		json_t *v = folio_migrate__get_ci(lang, keys[i]);
		if (v && !folio_migrate__get_ci(m->cfg, keys[i]))
			json_object_set(m->cfg, keys[i], v);
	}
}

/* Hugo's settings kept only in folders of config/ named for environments
 * other than production (a user manual's config/online/ and
 * config/offline/, built with hugo --environment online): named, since
 * Hugo reads one only when told which. */
static void note_environments(migration *m)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, "config", &n);
	folio_buf list = FOLIO_BUF_INIT;
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		char *rel = folio_migrate__join_rel("config", names[i]);
		char **files = NULL;
		size_t nfiles = 0, alloc = 0;
		if (names[i][0] != '.' && folio_migrate__is_dir(m, rel))
			config_files_in(m, rel, "", 0, &files, &nfiles, &alloc);
		if (nfiles)
			folio_buf_printf(&list, "%sconfig/%s/", found++ ? ", " : "", names[i]);
		for (size_t k = 0; k < nfiles; k++)
			free(files[k]);
		free(files);
		free(rel);
	}
	if (found)
		folio_buf_printf(m->notes, "%s %s Hugo's settings for %s (hugo --environment <name>): copy the "
		                           "one the site is published with to hugo.toml, then run init --force again\n",
		                 list.ptr, found > 1 ? "hold" : "holds", found > 1 ? "environments" : "an environment");
	folio_buf_dispose(&list);
	folio_migrate__free_names(names, n);
}

/* Hugo's "_merge: deep" (or none, shallow) in a section of the settings
 * says how a theme's settings merge into the site's: no setting of its
 * own. Left in, languages: counted it a language (the event theme's demo:
 * "language \"_merge\" is left out" and a third language towards
 * defaultContentLanguageInSubdir's two). Nested as deep as depth. */
static void drop_merge_keys(json_t *v, int depth)
{
	const char *key;
	json_t *member;
	void *tmp;
	size_t i;
	if (depth <= 0)
		return;
	if (json_is_object(v)) {
		json_object_del(v, "_merge");
		json_object_foreach_safe(v, tmp, key, member)
			drop_merge_keys(member, depth - 1);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, member)
			drop_merge_keys(member, depth - 1);
	}
}

/* The first of names that exists under dir, parsed into m->cfg. */
int folio_migrate__load_config(migration *m, const char *const *names)
{
	m->cfg = json_object();
	for (size_t i = 0; names[i]; i++) {
		char *path = folio_fs_join(m->dir, names[i]);
		folio_buf text = FOLIO_BUF_INIT;
		int rc = folio_fs_exists(path) ? folio_fs_read(&text, path) : 1;
		free(path);
		if (rc > 0)
			continue;
		if (rc < 0)
			return rc;
		folio_diags d;
		folio_diags_init(&d);
		folio_yaml_doc *doc = NULL;
		if (folio_ends_with(names[i], ".toml"))
			folio_toml_parse(&doc, text.ptr, text.size, names[i], 1,
			                 FOLIO_RULE_CONFIG_SYNTAX, SIZE_MAX, &d);
		else
			folio_yaml_parse_last_wins(&doc, text.ptr, text.size, names[i], FOLIO_RULE_CONFIG_SYNTAX, &d);
		folio_buf_dispose(&text);
		m->config_name = names[i];
		const json_t *root = doc ? folio_yaml_root(doc) : NULL;
		if (json_is_object(root) || (doc && !d.count && (!root || json_is_null(root)))) {
			/* an empty file is an empty mapping (Osuny's config/_default/config.yaml) */
			json_decref(m->cfg);
			m->cfg = json_is_object(root) ? json_copy((json_t *)root) : json_object();
			if (m->from == FOLIO_FROM_HUGO) { /* Jekyll's languages: is jekyll-polyglot's list */
				merge_case_twins(m->cfg);
				load_config_languages(m, names[i]);
				load_config_keys(m, names[i]);
				load_config_environment(m);
				drop_merge_keys(m->cfg, 16);
				lift_language_settings(m);
			}
		} else {
			folio_buf_printf(m->notes, "%s could not be read (%s): its settings were not taken\n",
			                 names[i], d.count ? d.items[0].message : "not a mapping");
		}
		folio_yaml_free(doc);
		folio_diags_dispose(&d);
		const char *other = namesake(m);
		if (other)
			return folio_error_set("%s: %s is the configuration of a %s site, not %s's: folio init reads "
			                       "Hugo and Jekyll sites (docs/migrating.md)", m->dir, names[i], other,
			                       m->from == FOLIO_FROM_HUGO ? "Hugo" : "Jekyll");
		return 0;
	}
	if (other_generator(m) < 0)
		return FOLIO_ERROR;
	folio_buf_puts(m->notes, "no configuration file was found: the site's title and address are placeholders\n");
	if (m->from == FOLIO_FROM_HUGO)
		note_environments(m);
	return 0;
}

/* src over dst, as Jekyll merges its configuration files (its
 * Utils.deep_merge_hashes): a mapping into a mapping key by key, any other
 * value replaced; keys are case-sensitive, as Jekyll's. */
static void merge_jekyll_config(json_t *dst, json_t *src)
{
	const char *k;
	json_t *v;
	json_object_foreach(src, k, v) {
		json_t *had = json_object_get(dst, k);
		if (json_is_object(had) && json_is_object(v))
			merge_jekyll_config(had, v);
		else
			json_object_set(dst, k, v);
	}
}

int folio_migrate__load_jekyll_configs(migration *m)
{
	char *list = folio_xstrdup(m->configs), *save = NULL;
	int rc = 0;
	size_t n = 0;
	m->cfg = json_object();
	for (char *name = strtok_r(list, ",", &save); name && rc == 0; name = strtok_r(NULL, ",", &save)) {
		while (*name == ' ')
			name++;
		json_t *one = NULL;
		if (!*name || name[0] == '/' || folio_path_check(name, strlen(name)))
			rc = folio_error_set("%s: --config names %s, which is no file of the site", m->dir,
			                     *name ? name : "nothing");
		else if (!folio_migrate__exists(m, name))
			rc = folio_error_set("%s: --config names %s, which the site does not have", m->dir, name);
		else if (!(one = read_config_file(m, name)))
			rc = folio_error_set("%s: %s could not be read as a mapping of settings", m->dir, name);
		if (rc)
			break;
		merge_jekyll_config(m->cfg, one);
		json_decref(one);
		folio_buf_printf(m->notes, n++ ? "%s is read over what comes before it, as jekyll build --config reads it\n"
		                               : "%s is read first (--config)\n", name);
	}
	if (rc == 0 && !n)
		rc = folio_error_set("%s: --config names no file", m->dir);
	if (rc == 0)
		m->config_name = m->configs; /* folio.yaml's comment: "from _config.yml,_config.nl.yml" */
	free(list);
	return rc;
}

/* ---- the tree ---- */

/* The names in folder rel of the site (sorted, without "." and ".."), or NULL. */
char **folio_migrate__list_dir(const migration *m, const char *rel, size_t *n)
{
	char *path = *rel ? folio_fs_join(m->dir, rel) : folio_xstrdup(m->dir);
	DIR *d = opendir(path);
	free(path);
	*n = 0;
	if (!d)
		return NULL;
	char **names = NULL;
	size_t alloc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		FOLIO_ARRAY_GROW(names, *n, alloc, *n + 1);
		names[(*n)++] = folio_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof(*names), folio_sort_cmp_str);
	return names;
}

void folio_migrate__free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

char *folio_migrate__join_rel(const char *a, const char *b)
{
	return *a ? folio_xasprintf("%s/%s", a, b) : folio_xstrdup(b);
}

/* The type bits of rel's mode (S_IFDIR, S_IFLNK: links are not
 * followed), 0 when it cannot be read. */
static mode_t type_of(const migration *m, const char *rel)
{
	char *path = folio_fs_join(m->dir, rel);
	struct stat st;
	mode_t type = lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0;
	free(path);
	return type;
}

void folio_migrate__exclude_links(migration *m, const char *rel, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (strcmp(sub, ".git") && !folio_migrate__is_excluded(m, sub)) {
			if (type_of(m, sub) == S_IFLNK) {
				folio_migrate__exclude(m, sub);
				folio_buf_printf(m->notes, "%s is a symbolic link, which folio refuses in a site "
				                 "(tree/symlink): left out; commit the file itself where the site "
				                 "serves it\n", sub);
			} else if (depth < 32 && folio_migrate__is_dir(m, sub)) {
				folio_migrate__exclude_links(m, sub, depth + 1);
			}
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

bool folio_migrate__exists(const migration *m, const char *rel)
{
	return type_of(m, rel) != 0;
}

/* Whether rel is a folder (symbolic links are not followed: the site model refuses them). */
bool folio_migrate__is_dir(const migration *m, const char *rel)
{
	return type_of(m, rel) == S_IFDIR;
}

/* Does text open with Jekyll's front matter ("---", after a byte-order
 * mark, as Jekyll reads files), as the parser reads it? */
static bool opens_front_matter(const char *text)
{
	size_t n = strlen(text);
	const char *t = n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? text + 3 : text;
	return *t == '-' && folio_frontmatter_opens(text, n);
}

/* The first line of the file at rel, NUL-terminated in head (of size
 * bytes): its length, 0 when it is longer than head holds (no delimiter
 * line is), or -1 when the file cannot be read. Only those bytes are read:
 * a folder of files holds images. */
static ssize_t first_line(const migration *m, const char *rel, char *head, size_t size)
{
	char *path = folio_fs_join(m->dir, rel);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return -1;
	size_t n = fread(head, 1, size - 1, f);
	bool failed = ferror(f);
	fclose(f);
	if (failed)
		return -1;
	head[n] = '\0';
	char *nl = memchr(head, '\n', n);
	if (nl)
		nl[1] = '\0';
	return nl ? nl + 1 - head : n < size - 1 ? (ssize_t)n : 0;
}

int folio_migrate__opens_front_matter(const migration *m, const char *rel)
{
	char head[256];
	ssize_t n = first_line(m, rel, head, sizeof(head));
	return n < 0 ? -1 : folio_frontmatter_opens(head, (size_t)n);
}

/* The inside of the Liquid tag at p ("{{" or "{%"), without blanks and
 * whitespace control, into out (size n); false when it is not closed or
 * too long to be one folio expands. */
static bool liquid_inside(const char *p, char *out, size_t n, const char **end)
{
	const char *close = strstr(p + 2, p[1] == '{' ? "}}" : "%}");
	if (!close)
		return false;
	const char *a = p + 2, *b = close;
	while (a < b && (*a == '-' || *a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == '-' || b[-1] == ' ' || b[-1] == '\t'))
		b--;
	if ((size_t)(b - a) >= n)
		return false;
	memcpy(out, a, (size_t)(b - a));
	out[b - a] = '\0';
	*end = close + 2;
	return true;
}

/* Whether text's Liquid is only what folio expands in a page as Jekyll
 * does (shortcode_liquid.c): {{ site.baseurl }}, {% post_url name %},
 * {% link path %} (F-Droid's HTML posts: 232 {{ site.baseurl }}), and
 * {% raw %} ... {% endraw %}, whose text is kept as written (NeoMutt's
 * manual, generated in HTML and wrapped so whole). */
static bool expandable_liquid(const char *text)
{
	bool in_raw = false;
	for (const char *p = strchr(text, '{'); p; p = strchr(p, '{')) {
		char in[256];
		const char *end;
		/* in a raw block only its {% endraw %} is Liquid: "{{" is text */
		if ((p[1] != '{' && p[1] != '%') || (in_raw && p[1] != '%')) {
			p++;
			continue;
		}
		if (!liquid_inside(p, in, sizeof(in), &end)) {
			if (in_raw) {
				p += 2;
				continue;
			}
			return false;
		}
		bool toggle = p[1] == '%' && !strcmp(in, in_raw ? "endraw" : "raw");
		bool ok = in_raw || toggle ||
		          (p[1] == '{' ? !strcmp(in, "site.baseurl")
		                       : (!strncmp(in, "post_url ", 9) || !strncmp(in, "link ", 5)) && !strpbrk(in, "{}|\"'"));
		if (!ok)
			return false;
		in_raw ^= toggle;
		p = end;
	}
	return !in_raw; /* an unclosed raw is Liquid's error */
}

/* Is rel, whose text is text, a Jekyll page in HTML that folio can keep:
 * front matter, then HTML without Liquid ({% %}, {{ }}) but what folio
 * expands, and not at the top as 404.html or index.html (folio's own)? */
static bool plain_html_text(const migration *m, const char *rel, const char *text)
{
	return m->from == FOLIO_FROM_JEKYLL && folio_ends_with(rel, ".html") && !folio_migrate__is_folio_own(rel) &&
	       opens_front_matter(text) && expandable_liquid(text);
}

/* plain_html_text of rel, read; false when it cannot be read. */
static bool plain_html_page(const migration *m, const char *rel)
{
	if (m->from != FOLIO_FROM_JEKYLL || !folio_ends_with(rel, ".html"))
		return false; /* not read */
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	bool plain = folio_fs_read(&text, path) >= 0 && plain_html_text(m, rel, text.ptr);
	folio_buf_dispose(&text);
	free(path);
	return plain;
}

/* A Jekyll Markdown file Jekyll renders: one that opens with front matter;
 * without, it is copied as it is (choosealicense.com's
 * assets/vendor/hint.css/README.md, a library's own). */
static bool folder_claimed(const migration *m, const char *dir, size_t n);

bool folio_migrate__readme_index(const migration *m, const char *rel)
{
	static const char *const indexes[] = { "index.md", "index.markdown", "index.html" };
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	if (!m->readme_index || (strcasecmp(base, "README.md") && strcasecmp(base, "README.markdown")))
		return false;
	/* jekyll-readme-index makes none the index where a page already has
	 * the folder's address: academicpages' _pages/about.md at "/",
	 * _pages/cv.md at /cv/ beside cv/README.md */
	if (m->claimed && folder_claimed(m, rel, slash ? (size_t)(slash - rel) : 0))
		return false;
	bool has = false;
	for (size_t k = 0; k < 3 && !has; k++) {
		char *index = slash ? folio_xasprintf("%.*s/%s", (int)(slash - rel), rel, indexes[k]) : folio_xstrdup(indexes[k]);
		char *full = folio_fs_join(m->dir, index);
		has = folio_fs_exists(full);
		free(full);
		free(index);
	}
	return !has;
}

bool folio_migrate__readme_shadowed(const migration *m, const char *rel)
{
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	return m->readme_index && m->claimed && (!strcasecmp(base, "README.md") || !strcasecmp(base, "README.markdown")) &&
	       folder_claimed(m, rel, slash ? (size_t)(slash - rel) : 0);
}

static bool jekyll_markdown_page(const migration *m, const char *rel)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	if (folio_migrate__readme_index(m, rel))
		return true;
	if (m->optional_front_matter && !folio_migrate__is_repo_doc(base))
		return true;
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	bool page = folio_fs_read(&text, path) >= 0 && opens_front_matter(text.ptr);
	folio_buf_dispose(&text);
	free(path);
	return page;
}

/* Whether folder rel holds a page (Markdown, Hugo's HTML, Jekyll's HTML
 * without Liquid, a Jekyll page with front matter) at any depth. */
bool folio_migrate__holds_markdown(const migration *m, const char *rel, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	bool found = false;
	for (size_t i = 0; i < n && !found; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		/* a Hugo HTML file without front matter is a file Hugo copies
		 * (digital-canada's fr/rejoindre-notre-equipe/index.html redirect) */
		bool html_copied = m->from == FOLIO_FROM_HUGO && folio_ends_with(names[i], ".html") &&
		                   folio_migrate__opens_front_matter(m, sub) != 1;
		found = !folio_migrate__is_excluded(m, sub) && /* vendor/bundle/: Jekyll reads none */
		        ((folio_migrate__is_content_name(m, names[i]) && !html_copied &&
		          (m->from != FOLIO_FROM_JEKYLL || jekyll_markdown_page(m, sub))) ||
		         plain_html_page(m, sub) ||
		         (depth < 32 && folio_migrate__is_dir(m, sub) && folio_migrate__holds_markdown(m, sub, depth + 1)));
		free(sub);
	}
	folio_migrate__free_names(names, n);
	return found;
}

/* Whether rel (at any depth) holds .txt files, and all of them open with
 * front matter: Jekyll outputs such a collection document as a page
 * (choosealicense.com's _licenses/mit.txt), a .txt without as a file. */
bool folio_migrate__text_documents(const migration *m, const char *rel, int depth, bool *without)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	bool found = false;
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (folio_ends_with(names[i], ".txt") && names[i][0] != '.') {
			if (folio_migrate__opens_front_matter(m, sub) == 1)
				found = true;
			else
				*without = true;
		} else if (depth < 32 && names[i][0] != '.' && folio_migrate__is_dir(m, sub)) {
			found |= folio_migrate__text_documents(m, sub, depth + 1, without);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
	return found;
}

/* The date a post's name opens with ("2020-5-5-ey.md" too, as Jekyll reads
 * it): its prefix's length, the date in date, else 0 (site_tree.c's rule). */
static size_t post_date_prefix(const char *name, bool posts, char date[11])
{
	const char *dot = strrchr(name, '.');
	size_t n = dot && dot > name ? (size_t)(dot - name) : strlen(name);
	return posts ? folio_date_post_name_prefix(name, n, date) : folio_date_name_prefix(name, n, date);
}


/* After "{{" at p: the name Jekyll's {{ site.<name> }} or Hugo's
 * {{< param <name> >}} (quoted or not) holds, else NULL. */
static const char *named_key(const migration *m, const char *p, const char *end)
{
	bool hugo = m->from == FOLIO_FROM_HUGO;
	if (hugo) {
		if (p == end || (*p != '<' && *p != '%'))
			return NULL;
		p++;
	}
	while (p < end && (*p == ' ' || *p == '-'))
		p++;
	const char *word = hugo ? "param " : "site.";
	if ((size_t)(end - p) < 6 || memcmp(p, word, strlen(word)))
		return NULL;
	p += strlen(word);
	while (hugo && p < end && (*p == ' ' || *p == '"'))
		p++;
	return p;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The length of the name at p (before end): letters, digits and '_'; on
 * Hugo, '-' and '.' too ("grpc_vers.core", "cmake-version"); on Jekyll a
 * '.' between names ("urls.download", a nested value) and a '-' inside
 * one, as Liquid's names hold it (Beautiful Jekyll's
 * social-network-links.email; a '-' before "}}" trims space); 64 at most. */
static size_t key_length(const char *p, const char *end, bool hugo)
{
	size_t n = 0;
	while (p + n < end && n < 64 &&
	       (key_char(p[n]) || (hugo && (p[n] == '-' || p[n] == '.')) ||
	        (!hugo && (p[n] == '.' || p[n] == '-') && n && p + n + 1 < end && key_char(p[n + 1]))))
		n++;
	return n;
}

/* What a page's text says that the generator would fill in: Jekyll's
 * {{ site.<name> }} and Hugo's {{< param <name> >}} (for params:,
 * migrate_hooks.c). */
void folio_migrate__note_site_keys(migration *m, const char *text, size_t len)
{
	json_t *seen = json_object();
	bool hugo = m->from == FOLIO_FROM_HUGO; /* names "grpc_vers.core", "cmake-version", any case */
	for (const char *s = memmem(text, len, "{{", 2); s; s = memmem(s + 2, len - (size_t)(s + 2 - text), "{{", 2)) {
		const char *p = named_key(m, s + 2, text + len);
		if (!p)
			continue;
		size_t n = key_length(p, text + len, hugo);
		if (!n || (n == 7 && !memcmp(p, "baseurl", 7))) /* baseurl: nothing, folio's links are paths */
			continue;
		char *name = folio_xstrndup(p, n);
		for (char *c = name; hugo && *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		if (!json_object_get(seen, name)) {
			json_object_set_new(seen, name, json_true());
			json_t *count = json_object_get(m->site_keys, name);
			json_object_set_new(m->site_keys, name, json_integer(count ? json_integer_value(count) + 1 : 1));
		}
		free(name);
	}
	json_decref(seen);
}

/* The n bytes at s with each {{ site.<name> }} Jekyll would fill in
 * replaced by _config.yml's value of name (nothing when it has none), as
 * the build expands them (params:). Caller frees. */
static char *with_site_values(const migration *m, const char *s, size_t n)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n;) {
		const char *open = memmem(s + i, n - i, "{{", 2);
		const char *close = open ? memmem(open, n - (size_t)(open - s), "}}", 2) : NULL;
		if (!close) {
			folio_buf_put(&b, s + i, n - i);
			break;
		}
		folio_buf_put(&b, s + i, (size_t)(open - (s + i)));
		const char *name = named_key(m, open + 2, close);
		size_t len = name ? key_length(name, close, false) : 0;
		if (len) {
			char *key = folio_xstrndup(name, len);
			const char *v = folio_migrate__get_text(m->cfg, key);
			folio_buf_puts(&b, v ? v : "");
			free(key);
		} else {
			folio_buf_put(&b, open, (size_t)(close + 2 - open));
		}
		i = (size_t)(close + 2 - s);
	}
	return folio_buf_detach(&b, NULL);
}

char *folio_migrate__site_values_known(const migration *m, const char *s)
{
	size_t n = strlen(s);
	for (const char *open = strstr(s, "{{"); open; open = strstr(open + 2, "{{")) {
		const char *close = strstr(open, "}}");
		const char *name = close ? named_key(m, open + 2, close) : NULL;
		size_t len = name ? key_length(name, close, false) : 0;
		const char *after = name ? name + len : NULL;
		while (after && after < close && (*after == ' ' || *after == '-'))
			after++;
		char *key = len ? folio_xstrndup(name, len) : NULL;
		bool known = key && after == close && folio_migrate__get_text(m->cfg, key);
		free(key);
		if (!known)
			return NULL;
	}
	return with_site_values(m, s, n);
}

/* expand: {{ site.x }} filled in first (once: a value's own are not) */
static void note_iframes(migration *m, const char *text, size_t len, bool expand)
{
	for (const char *s = memmem(text, len, "<iframe", 7); s;
	     s = memmem(s + 7, len - (size_t)(s + 7 - text), "<iframe", 7)) {
		const char *end = memchr(s, '>', len - (size_t)(s - text));
		if (end && expand && m->from == FOLIO_FROM_JEKYLL && memmem(s, (size_t)(end - s), "{{", 2)) {
			/* embed.{{ site.feedbackurl }}: the host Jekyll writes */
			char *filled = with_site_values(m, s, (size_t)(end + 1 - s));
			note_iframes(m, filled, strlen(filled), false);
			free(filled);
			continue;
		}
		const char *src = end ? memmem(s, (size_t)(end - s), "src=", 4) : NULL;
		if (!src)
			continue;
		src += 4;
		char quote = *src == '"' || *src == '\'' ? *src++ : '\0'; /* pyOpenSci's src='https://...' */
		/* "//www.slideshare.net/...", the page's own scheme: https on an
		 * https site (nats.io's slides), as the html filter reads it */
		size_t scheme = !strncmp(src, "https://", 8) ? 8 : !strncmp(src, "//", 2) ? 2 : 0;
		if (!scheme)
			continue;
		const char *host = src + scheme;
		size_t n = strspn(host, "abcdefghijklmnopqrstuvwxyz0123456789.-");
		if (!n || n > 253 || (host[n] != '/' && host[n] != '?' && (!quote || host[n] != quote) &&
		                      (quote || (host[n] != ' ' && host[n] != '>'))))
			continue;
		bool seen = false;
		for (size_t i = 0; i < json_array_size(m->embeds) && !seen; i++) {
			const char *h = json_string_value(json_array_get(m->embeds, i));
			seen = strlen(h) == n && !memcmp(h, host, n);
		}
		if (!seen) {
			char *h = folio_xstrndup(host, n);
			json_array_append_new(m->embeds, json_string(h));
			free(h);
		}
	}
}

void folio_migrate__note_iframes(migration *m, const char *text, size_t len)
{
	note_iframes(m, text, len, true);
}

/* Hugo's section whose _index.md says url: /archives has its list there:
 * kept when it is a plain site path other than "/". */
static void note_list_url(collection *c, const char *url)
{
	char *u = url && url[0] == '/' && url[1] ? folio_layout_front_matter_url("/", url) : NULL;
	size_t n = u ? strlen(u) : 0;
	if (u && (n < 3 || u[n - 1] != '/')) { /* "/x.html" is a file, not a list's folder */
		free(u);
		u = NULL;
	}
	free(c->list_url);
	c->list_url = u;
}

/* The address a dateless collection permalink gives the page at rel
 * ("/:path/" puts _pages/releases.md at /releases/, crystal-lang's), or
 * NULL when it has none or needs more than the file's name. Caller frees. */
static char *permalink_url(const collection *c, const char *rel)
{
	const char *pat = c->permalink, *at = pat ? strstr(pat, ":path") : NULL;
	const char *slug = pat ? strstr(pat, ":slug") : NULL;
	bool top = !strcmp(c->folder, "."); /* the top's pages: about.md */
	size_t n = top ? 0 : strlen(c->folder);
	if (!pat && c->url && !top && !strncmp(rel, c->folder, n) && rel[n] == '/') {
		/* no permalink: at the collection's url and its path there
		 * (_pages_pt/fotografias.md at /pt/fotografias/ for /pt/:path/) */
		const char *path = rel + n + 1, *dot = strrchr(path, '.');
		size_t len = dot && dot > path ? (size_t)(dot - path) : strlen(path);
		char *written = folio_xasprintf("%s%.*s/", c->url, (int)len, path);
		char *url = folio_layout_front_matter_url("/", written);
		free(written);
		return url;
	}
	if (!pat || !c->undated || (!at && !slug) || (at && slug) ||
	    (!top && (strncmp(rel, c->folder, n) || rel[n] != '/')) || (top && strchr(rel, '/')))
		return NULL;
	const char *path = rel + n + !top, *dot = strrchr(path, '.'), *base = strrchr(path, '/');
	const char *from = at ? path : base ? base + 1 : path;
	size_t len = dot && dot > from ? (size_t)(dot - from) : strlen(from);
	const char *tok = at ? at : slug;
	char *written = folio_xasprintf("%.*s%.*s%s", (int)(tok - pat), pat, (int)len, from, tok + 5);
	char *url = folio_layout_front_matter_url("/", written);
	free(written);
	return url;
}

/* The old addresses a page left out names (redirect_from: /pubs/, as
 * academicpages' publications.md does) lead to url all the same: kept for
 * folio_migrate__read_redirects(), each a redirect of folio.yaml, as
 * jekyll-redirect-from wrote one. */
static void keep_redirects_to(migration *m, const char *rel, const json_t *meta, const char *url)
{
	const json_t *v = json_object_get(meta, "redirect_from");
	size_t n = json_is_array(v) ? json_array_size(v) : v ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		const char *from = json_string_value(json_is_array(v) ? json_array_get(v, i) : v);
		if (!from || !*from)
			continue;
		char *rooted = folio_xasprintf("%s%s", from[0] == '/' ? "" : "/", from);
		json_array_append_new(m->page_redirects, json_pack("{s:s,s:s,s:s}", "file", rel, "from", rooted, "to", url));
		free(rooted);
	}
}

/*
 * A Jekyll page whose permalink: is a collection's list address (posts.md
 * at /posts/, its layout looping over the posts): folio's list of that
 * collection is there, so the page would clash with it. Excluded and
 * named; true then (so is a page of a collection there by its collection's
 * permalink or url: and path: crystal-lang's _pages/releases.md by
 * /:path/, jekyll-i18n's _pages_pt/fotografias.md by /pt/:path/). A page
 * at the top there by its name alone (iot-lab's archives.md beside
 * _archives/, at /archives/ as pretty has it) is a page of its own: the
 * collection has no list then (Jekyll makes none), false. meta is the
 * page's front matter.
 */
static bool list_page(migration *m, collection *own, const char *rel, const json_t *meta)
{
	const char *perm = json_string_value(json_object_get(meta, "permalink"));
	char *url = m->from != FOLIO_FROM_JEKYLL ? NULL
	            : perm && perm[0] == '/' ? folio_layout_front_matter_url("/", perm)
	            : !perm ? permalink_url(own, rel) : NULL;
	collection *hit = NULL;
	char *own_list = !url || own->unlisted || !strcmp(own->folder, ".") ? NULL
	                 : own->url ? folio_xstrdup(own->url) : folio_xasprintf("/%s/", own->folder);
	if (own_list && !strcmp(own_list, url)) {
		/* its own collection's list address (login.gov's
		 * _es/landing/index.md at /es/, permalink: /es/): the page
		 * Jekyll writes there, and no list */
		own->unlisted = true;
		folio_buf_printf(m->notes, "%s is at %s, the list's address of its own collection %s: that "
		                 "collection has no list (list: false), as Jekyll makes none\n", rel, url, own->name);
	}
	free(own_list);
	for (size_t i = 0; url && i < m->ncols && !hit; i++) {
		collection *c = &m->cols[i];
		char *list = c->url ? folio_xstrdup(c->url) : folio_xasprintf("/%s/", c->folder);
		if (c != own && !strcmp(list, url) && !c->unlisted)
			hit = c;
		free(list);
	}
	if (hit && !perm && !strcmp(own->folder, ".")) {
		hit->unlisted = true;
		folio_buf_printf(m->notes, "%s is at %s, the list's address of collection %s: that collection "
		                 "has no list (list: false), as Jekyll makes none\n", rel, url, hit->name);
		hit = NULL;
	} else if (hit) {
		folio_migrate__exclude(m, rel);
		folio_buf_printf(m->notes, "%s (at %s, the list of collection %s) is not published: folio's "
		                 "list is there; its text goes in %s/index.md\n", rel, url, hit->name,
		                 hit->folder);
		keep_redirects_to(m, rel, meta, url);
	}
	free(url);
	return hit;
}

/* Does a name of path hold '_' past its first byte? Both generators keep
 * it in the address (cloud_native_apps.md); a leading one is Hugo's
 * _index.md or a Jekyll folder's, named otherwise. */
static bool inner_underscore(const char *path)
{
	for (const char *seg = path; *seg;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n > 1 && memchr(seg + 1, '_', n - 1))
			return true;
		seg += n + (end != NULL);
	}
	return false;
}

/* Does path hold a '_' Hugo keeps where inner_underscore() does not see
 * it: in a folder, even first (go-cloud's filevar/_demo/_index.md is at
 * /runtimevar/filevar/_demo/), or first in a file's name other than
 * _index (altruisme's footer/_footer-left.fr.md at /footer/_footer-left/)? */
static bool hugo_underscore(const char *path)
{
	const char *last = strrchr(path, '/');
	const char *base = last ? last + 1 : path;
	return (last && memchr(path, '_', (size_t)(last - path))) ||
	       (base[0] == '_' && strncmp(base, "_index.", 7));
}

/* Does a Jekyll page name a category that is no plain folder name (a
 * space: code4lib's "code4lib 2006"), which Jekyll writes in its address
 * (/conferences/code4lib%202006/...) and folio leaves out
 * (folio_site_category_plain())?
 * categories: written as one text is words, each plain. */
static bool odd_category(const json_t *meta)
{
	const json_t *v = json_object_get(meta, "categories");
	if (json_is_string(v))
		return false;
	if (!v)
		v = json_object_get(meta, "category");
	size_t n = json_is_array(v) ? json_array_size(v) : 1;
	for (size_t i = 0; i < n; i++) {
		const char *c = json_string_value(json_is_array(v) ? json_array_get(v, i) : v);
		if (c && !folio_site_category_plain(c))
			return true;
	}
	return false;
}

/* [a-z0-9_-]+: a folder name that is its own address. */
static bool plain_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* A plain name with inner dots ("2.10", "v3.5"): Hugo keeps them in its
 * URLs, as slug_dots does for the pages' names. */
static bool dotted_name(const char *s)
{
	if (!strchr(s, '.') || s[0] == '.' || s[strlen(s) - 1] == '.' || strstr(s, ".."))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

const json_t *folio_migrate__default_language_config(const migration *m)
{
	if (m->from != FOLIO_FROM_HUGO)
		return NULL;
	const char *def = folio_migrate__get_text(m->cfg, "defaultContentLanguage");
	return folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "languages"), def && *def ? def : "en");
}

/* Hugo's taxonomies, by the key pages write their terms under: its
 * taxonomies: (singular: plural), else tags and categories, unless
 * disableKinds leaves out their terms' pages. Counts of 0, in m->terms. */
static json_t *hugo_taxonomies(migration *m)
{
	if (m->terms)
		return m->terms;
	m->terms = json_object();
	/* since Hugo 0.73 a term's page is the kind "term", and "taxonomy" the
	 * list of terms (/tags/) alone; before, "taxonomy" was the term's page
	 * and "taxonomyTerm" the list, so both named together leave out both */
	const json_t *off = folio_migrate__get_ci(m->cfg, "disableKinds");
	bool term = false, taxonomy = false, old_list = false;
	size_t i;
	json_t *kind;
	json_array_foreach(off, i, kind) {
		const char *k = json_is_string(kind) ? json_string_value(kind) : "";
		term |= !strcasecmp(k, "term");
		taxonomy |= !strcasecmp(k, "taxonomy");
		old_list |= !strcasecmp(k, "taxonomyTerm");
	}
	if (term || (taxonomy && old_list))
		return m->terms;
	/* "taxonomy" alone, or its name before 0.73 ("taxonomyTerm", which
	 * later Hugo reads so): the terms' pages, and no index of them */
	m->terms_unindexed = taxonomy || old_list;
	const json_t *given = folio_migrate__get_ci(m->cfg, "taxonomies");
	if (!given) /* PaperMod's sample: languages.en.taxonomies */
		given = folio_migrate__get_ci(folio_migrate__default_language_config(m), "taxonomies");
	const char *singular;
	json_t *plural;
	if (json_is_object(given)) {
		json_object_foreach((json_t *)given, singular, plural) {
			const char *name = json_string_value(plural);
			if (name && *name && folio_config__is_taxonomy_name(name)) /* not jakarta.ee's "news/tags" */
				json_object_set_new(m->terms, name, json_integer(0));
			else if (name && *name) /* once: m->terms is made once */
				folio_buf_printf(m->notes, "taxonomy \"%s\" is not kept: folio's taxonomy names are "
				                 "[a-z0-9_-]+ and its pages' key the same (its terms are not listed)\n", name);
		}
	} else if (!given) { /* "taxonomies:" given empty (or [], ic.ufrj.br's) turns them off, as in Hugo */
		json_object_set_new(m->terms, "tags", json_integer(0));
		json_object_set_new(m->terms, "categories", json_integer(0));
	}
	return m->terms;
}

/* A Hugo page that gives terms under a taxonomy's key, counted. */
static void note_terms(migration *m, const json_t *meta)
{
	const char *key;
	json_t *count;
	json_object_foreach(hugo_taxonomies(m), key, count) {
		const json_t *v = folio_migrate__get_ci(meta, key);
		if ((json_is_array(v) && json_array_size(v)) || (json_is_string(v) && json_string_length(v)))
			json_object_set_new(m->terms, key, json_integer(json_integer_value(count) + 1));
	}
}

/* One page's front matter into its collection's sample. */
/* Is rel c's own _index.md (or .html), the text of its list, as the site
 * model reads it (site_tree.c)? index.md is too, but at the top only when
 * it is the home page's text. */
static bool section_file_in(const collection *c, const char *folder, const char *rel)
{
	bool top = !strcmp(folder, ".");
	size_t n = top ? 0 : strlen(folder);
	if (n && (strncmp(rel, folder, n) || rel[n] != '/'))
		return false;
	const char *name = rel + (n ? n + 1 : 0);
	return !strcmp(name, "_index.md") || !strcmp(name, "_index.html") ||
	       (!strcmp(name, "index.md") && (!top || c->home));
}

/* The same in another language's contentDir too: content/fr/_index.md is
 * the translation of content/en/_index.md. */
static bool section_file(const migration *m, const collection *c, const char *rel)
{
	if (section_file_in(c, c->folder, rel))
		return true;
	size_t n = m->content ? strlen(m->content) : 0, i;
	json_t *lang;
	if (!n || strncmp(c->folder, m->content, n) || (c->folder[n] && c->folder[n] != '/'))
		return false;
	json_array_foreach(m->languages, i, lang) {
		const char *dir = json_string_value(json_object_get(lang, "dir"));
		char *folder = dir ? folio_xasprintf("%s%s", dir, c->folder + n) : NULL;
		bool yes = folder && section_file_in(c, folder, rel);
		free(folder);
		if (yes)
			return true;
	}
	return false;
}

/* A date as the site model reads one (a one-digit month or day too). */
static bool is_date(const json_t *v)
{
	return json_is_string(v) && folio_when_readable(json_string_value(v), json_string_length(v));
}

/* A page's own build options (_build: before Hugo 0.123, build: since)
 * say render: never (or false, as older Hugo wrote it): Hugo writes no
 * page of it (grass-website's download/source.en.md). */
static bool unrendered_page(const json_t *meta)
{
	const json_t *build = folio_migrate__get_ci(meta, "build");
	if (!build)
		build = folio_migrate__get_ci(meta, "_build");
	const json_t *render = folio_migrate__get_ci(build, "render");
	const char *how = json_string_value(render);
	return json_is_false(render) || (how && (!strcmp(how, "never") || !strcmp(how, "false")));
}

/* A Jekyll Markdown file without front matter below the top is a file
 * Jekyll copies as it is (bitcoincore.org's assets/icons/COPYING.md beside
 * a page of that folder; HSF's _gsocproposals/README.md): copy: names it,
 * which the site model reads without opening the file. (At the top,
 * front_matter_pages tells; with jekyll-optional-front-matter it is a page.) */
static bool copied_as_written(migration *m, const char *rel, const char *name, const folio_frontmatter *fm)
{
	if (m->from != FOLIO_FROM_JEKYLL || fm->present || !strchr(rel, '/') || !folio_migrate__is_page_name(name) ||
	    jekyll_markdown_page(m, rel))
		return false;
	json_array_append_new(m->copy, json_string(rel));
	return true;
}

/* key a type: or layout: in obj, or in any mapping of a list? */
static bool names_layout(const json_t *v)
{
	size_t n = json_is_array(v) ? json_array_size(v) : 1;
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_is_array(v) ? json_array_get(v, i) : v;
		if (folio_migrate__get_ci(c, "type") || folio_migrate__get_ci(c, "layout"))
			return true;
	}
	return false;
}

/* Note the Hugo page rel (a section's _index if section) for
 * folio_migrate__exclude_unlaid (migrate_layouts.c): its type and layout,
 * or a section's cascade that sets them. */
static void note_layout(migration *m, const char *rel, bool section, const json_t *meta)
{
	if (m->from != FOLIO_FROM_HUGO)
		return;
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	if (section || !strncmp(base, "_index.", 7)) {
		/* a list: no single template; its cascade may type the pages below */
		m->cascade_layouts |= names_layout(folio_migrate__get_ci(meta, "cascade"));
		return;
	}
	/* the section: the first folder below a content folder (the site
	 * language's or another's); a page elsewhere (a mount, a theme's
	 * content) is left as it is */
	const char *below = NULL;
	const char *top = m->content ? m->content : "content";
	size_t n = strlen(top);
	if (!strncmp(rel, top, n) && rel[n] == '/')
		below = rel + n + 1;
	size_t i;
	json_t *lang;
	json_array_foreach(m->languages, i, lang) {
		const char *dir = folio_migrate__get_text(lang, "dir");
		size_t k = dir ? strlen(dir) : 0;
		if (!below && k && !strncmp(rel, dir, k) && rel[k] == '/')
			below = rel + k + 1;
	}
	if (!below)
		return;
	const char *slash = strchr(below, '/');
	const char *type = json_string_value(folio_migrate__get_ci(meta, "type"));
	const char *layout = json_string_value(folio_migrate__get_ci(meta, "layout"));
	char *kind = type && *type ? folio_xstrdup(type) : slash ? folio_xstrndup(below, (size_t)(slash - below))
	                                                         : folio_xstrdup("page");
	if (!m->unlaid)
		m->unlaid = json_array();
	json_array_append_new(m->unlaid, json_pack("{s:s, s:s, s:s?}", "rel", rel, "type", kind, "layout",
	                                           layout && *layout ? layout : NULL));
	free(kind);
}

static void read_page(migration *m, collection *c, const char *rel, const char *name)
{
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_fs_read(&text, path);
	free(path);
	if (rc < 0) {
		folio_buf_printf(m->notes, "%s: cannot be read; its fields are not in the schema\n", rel);
		return;
	}
	folio_diags d;
	folio_diags_init(&d);
	folio_frontmatter fm;
	/* as Hugo reads it: a line "---6--" closes the block (hugo_fences:) */
	folio_frontmatter_parse_flags(&fm, text.ptr, text.size, rel, SIZE_MAX,
	                              m->from == FOLIO_FROM_HUGO ? FOLIO_FRONTMATTER_HUGO_FENCES : 0, &d);
	m->hugo_fences |= fm.closed_by_prefix;
	folio_migrate__note_site_keys(m, text.ptr, text.size);
	folio_migrate__note_iframes(m, text.ptr, text.size);
	if (copied_as_written(m, rel, name, &fm)) {
		folio_frontmatter_dispose(&fm);
		folio_diags_dispose(&d);
		folio_buf_dispose(&text);
		return;
	}
	json_t *meta = fm.meta && json_is_object(folio_yaml_root(fm.meta))
	                       ? json_deep_copy(folio_yaml_root(fm.meta)) : json_object();
	/* the site model gives a post the date of its name (docs/migrating.md) */
	char name_date[11];
	size_t prefix = c->posts || c->name_dates ? post_date_prefix(name, c->posts, name_date) : 0;
	if (prefix && !json_object_get(meta, "date"))
		json_object_set_new(meta, "date", json_string(name_date));
	if (fm.present && !fm.meta)
		folio_buf_printf(m->notes, "%s: its front matter cannot be read (%s); "
		                 "`folio check` will say where\n", rel,
		                 d.count ? d.items[0].message : "not a mapping");
	/* the collection's own _index.md is the text of its list, which the
	 * schema is not for (check/validate.c); a sub-section's is a page. A
	 * page whose front matter is broken tells nothing of the others. */
	bool section = section_file(m, c, rel);
	const char *base = strrchr(rel, '/');
	m->subsections += !section && base && !strncmp(base + 1, "_index.", 7);
	if (!section && m->from == FOLIO_FROM_HUGO && unrendered_page(meta)) {
		/* a page Hugo does not render, by its own build options: left out */
		folio_buf_printf(m->notes, "%s: its build.render is never: Hugo does not publish it; excluded\n", rel);
		folio_migrate__exclude(m, rel);
		json_decref(meta);
		folio_frontmatter_dispose(&fm);
		folio_diags_dispose(&d);
		folio_buf_dispose(&text);
		return;
	}
	/* a translation's (content/en/posts/_index.md) names neither the list's
	 * address nor its label: the site language's does */
	bool own = section && section_file_in(c, c->folder, rel);
	if (own && m->from == FOLIO_FROM_HUGO)
		note_list_url(c, json_string_value(json_object_get(meta, "url")));
	const char *below = rel + (strcmp(c->folder, ".") ? strlen(c->folder) + 1 : 0);
	if ((!section && inner_underscore(below)) || (m->from == FOLIO_FROM_HUGO && hugo_underscore(below)))
		c->underscores = true;
	/* Hugo keeps a slug:'s '_' as it keeps a file name's (I14Y's handbook) */
	const char *given = json_string_value(json_object_get(meta, "slug"));
	if (!section && m->from == FOLIO_FROM_HUGO && given && strchr(given, '_'))
		c->underscores = true;
	for (const char *u = below; !section && m->from == FOLIO_FROM_JEKYLL && *u && !c->letters; u++)
		c->letters = (unsigned char)*u >= 0x80;
	if (!section && m->from == FOLIO_FROM_JEKYLL && c->permalink && strstr(c->permalink, ":categories") &&
	    odd_category(meta) && !m->odd_categories++)
		m->odd_category = folio_xstrdup(rel);
	if (!section && (!fm.present || fm.meta) && !list_page(m, c, rel, meta))
		folio_infer_add(c->inf, meta);
	if (!section && m->from == FOLIO_FROM_HUGO)
		note_terms(m, meta);
	note_layout(m, rel, section, meta);
	/* the section's own title names its list, as in Hugo */
	const char *title = json_string_value(json_object_get(meta, "title"));
	if (title && *title && !c->flat && own) {
		free(c->label);
		c->label = folio_xstrdup(title);
	}
	/* a section's own date names no field of its pages' schema (digital.gov's
	 * content/images/ holds an _index.md with a date and no page) */
	const json_t *date = section ? NULL : json_object_get(meta, m->date_key ? m->date_key : "date");
	if (date) {
		c->dates++;
		if (!is_date(date) && !c->not_dates++)
			c->not_date = folio_xstrdup(rel);
	}
	json_decref(meta);
	folio_frontmatter_dispose(&fm);
	folio_diags_dispose(&d);
	folio_buf_dispose(&text);
}

/*
 * Hugo publishes nothing below a folder whose _index.md or index.md says
 * headless: true, or whose _index.md cascades build: {render: never} (snippets for an include shortcode, a
 * glossary's entries): its pages are excluded, as they are no pages of the
 * site. *keep_index: the _index.md itself is published (build: {render:
 * always}), only what is beside it is not. False for any other folder.
 */
static bool leaf_headless(const migration *m, const char *folder);
static bool section_headless(const migration *m, const char *folder, bool *keep_index);

bool folio_migrate__hugo_headless(const migration *m, const char *folder, bool *keep_index)
{
	*keep_index = false;
	if (m->from != FOLIO_FROM_HUGO)
		return false;
	return section_headless(m, folder, keep_index) || leaf_headless(m, folder);
}

/* The front matter of the file name in folder, or NULL when it has none or
 * cannot be read. Caller decrefs. */
static json_t *front_of(const migration *m, const char *folder, const char *name)
{
	char *rel = folio_migrate__join_rel(folder, name);
	char *path = folio_fs_join(m->dir, rel);
	free(rel);
	folio_buf text = FOLIO_BUF_INIT;
	json_t *meta = NULL;
	if (folio_fs_read(&text, path) == 0) {
		folio_diags d;
		folio_diags_init(&d);
		folio_frontmatter fm;
		folio_frontmatter_parse_flags(&fm, text.ptr, text.size, path, SIZE_MAX,
		                              m->from == FOLIO_FROM_HUGO ? FOLIO_FRONTMATTER_HUGO_FENCES : 0, &d);
		meta = fm.meta ? json_incref(folio_yaml_root(fm.meta)) : NULL;
		folio_frontmatter_dispose(&fm);
		folio_diags_dispose(&d);
	}
	folio_buf_dispose(&text);
	free(path);
	return meta;
}

/* Does the outputs: of folder's _index.md, a list of format names (HTML,
 * RSS, Calendar), leave out format (in any case)? */
static bool outputs_lack(const migration *m, const char *folder, const char *format)
{
	json_t *meta = front_of(m, folder, "_index.md");
	const json_t *outputs = folio_migrate__get_ci(meta, "outputs");
	bool none = json_is_array(outputs) && !folio_migrate__lists(outputs, format);
	json_decref(meta);
	return none;
}

bool folio_migrate__hugo_no_html_list(const migration *m, const char *folder)
{
	return m->from == FOLIO_FROM_HUGO && outputs_lack(m, folder, "html");
}

/* Is name one of the site's taxonomies (their plural, tags and categories
 * when the site names none)? Its folder's list is the taxonomy's. */
static bool taxonomy_name(const migration *m, const char *name)
{
	const json_t *tax = folio_migrate__get_ci(m->cfg, "taxonomies");
	if (!json_is_object(tax))
		return !strcmp(name, "tags") || !strcmp(name, "categories");
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)tax, k, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), name))
			return true;
	return false;
}

bool folio_migrate__hugo_no_section_rss(const migration *m, const char *folder, const char *name,
                                        bool site_rss)
{
	if (m->from != FOLIO_FROM_HUGO || taxonomy_name(m, name))
		return false;
	return !site_rss || outputs_lack(m, folder, "rss");
}

/* A headless leaf bundle: its index.md says headless: true (nginx's
 * content/includes/, the texts its include shortcode shows elsewhere):
 * Hugo renders neither it nor its files. */
static bool leaf_headless(const migration *m, const char *folder)
{
	json_t *meta = front_of(m, folder, "index.md");
	bool headless = folio_migrate__on(folio_migrate__get_ci(meta, "headless"));
	json_decref(meta);
	return headless;
}

/* A headless section: its _index.md's cascade says build.render: never
 * (*keep_index: its own build.render: always), or it is a draft. headless: true in an
 * _index.md hides no page below it: Hugo reads it for a leaf bundle only
 * (before 0.123) or for that one page (spinnaker.io's changelogs/, 344
 * pages published). */
static bool section_headless(const migration *m, const char *folder, bool *keep_index)
{
	json_t *meta = front_of(m, folder, "_index.md");
	if (!meta) /* a section written in HTML (hugegraph's about/_index.html, a draft) */
		meta = front_of(m, folder, "_index.html");
	const json_t *cascade = folio_migrate__get_ci(meta, "cascade");
	/* a draft section, or one whose cascade makes its pages drafts
	 * (cuelang.org's docs/draft/): Hugo publishes none of them */
	const json_t *published = folio_migrate__get_ci(meta, "published"); /* Hugo's older spelling */
	bool draft = folio_migrate__on(folio_migrate__get_ci(meta, "draft")) ||
	             (json_is_boolean(published) && !json_is_true(published)), headless = false;
	/* cascade: a mapping, or a list of them (neovim.io's _misc/); one
	 * with a _target applies to some pages only, and hides no folder */
	size_t n = json_is_array(cascade) ? json_array_size(cascade) : 1;
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_is_array(cascade) ? json_array_get(cascade, i) : cascade;
		if (folio_migrate__get_ci(c, "_target") || folio_migrate__get_ci(c, "target"))
			continue;
		const json_t *build = folio_migrate__get_ci(c, "build");
		if (!build)
			build = folio_migrate__get_ci(c, "_build");
		const char *render = folio_migrate__get_text(build, "render");
		draft = draft || folio_migrate__on(folio_migrate__get_ci(c, "draft"));
		headless = headless || (render && !strcmp(render, "never"));
	}
	headless = headless || draft;
	const json_t *own_build = folio_migrate__get_ci(meta, "build");
	if (!own_build) /* Hugo's older spelling, as in the cascade */
		own_build = folio_migrate__get_ci(meta, "_build");
	const char *own = folio_migrate__get_text(own_build, "render");
	*keep_index = !draft && own && !strcmp(own, "always");
	json_decref(meta);
	return headless;
}

char *folio_migrate__in_language_dir(const migration *m, const char *folder, const json_t *lang)
{
	size_t n = m->content ? strlen(m->content) : 0;
	const char *dir = json_string_value(json_object_get(lang, "dir"));
	if (!n || !dir || strncmp(folder, m->content, n) || (folder[n] && folder[n] != '/'))
		return NULL;
	return folio_xasprintf("%s%s", dir, folder + n);
}

/* folder (content/en/home), and the same folder in each translation's
 * content folder (content/fr/home), which Hugo leaves out alike: each
 * excluded when it exists. */
static void exclude_in_every_language(migration *m, const char *folder)
{
	folio_migrate__exclude(m, folder);
	size_t i;
	json_t *lang;
	json_array_foreach(m->languages, i, lang) {
		char *there = folio_migrate__in_language_dir(m, folder, lang);
		if (there && folio_migrate__is_dir(m, there))
			folio_migrate__exclude(m, there);
		free(there);
	}
}

/* Exclude a headless folder (hugo_headless), or what is beside its _index.md. */
void folio_migrate__exclude_headless(migration *m, const char *folder, bool keep_index)
{
	folio_buf_printf(m->notes, "%s: Hugo does not publish its pages (headless: in its index.md, or in its "
	                 "_index.md draft: true or a cascade of build.render: never or draft: true): "
	                 "excluded\n", folder);
	if (!keep_index) {
		exclude_in_every_language(m, folder);
		return;
	}
	size_t n;
	char **names = folio_migrate__list_dir(m, folder, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], "_index.md") && strcmp(names[i], "_index.html")) {
			char *sub = folio_migrate__join_rel(folder, names[i]);
			folio_migrate__exclude(m, sub);
			free(sub);
		}
	folio_migrate__free_names(names, n);
}

/* name (n bytes) into the array of strings out, unless it holds it. */
static void add_name(json_t *out, const char *name, size_t n)
{
	for (size_t i = 0; i < json_array_size(out); i++) {
		const char *had = json_string_value(json_array_get(out, i));
		if (strlen(had) == n && !memcmp(had, name, n))
			return;
	}
	json_array_append_new(out, json_stringn(name, n));
}

/* What a Liquid feed loops over: the <name> of each "for x in site.<name>"
 * and "assign x = site.<name>" ("posts", "events", "data.jobs"), once each;
 * not an assign of one item of it ("= site.data.people[post.author]"). */
/* The names loops of text go over ("{% for post in news %}": news), as
 * the keys of a set: one pass over text. */
static json_t *loop_lists(const char *text)
{
	json_t *set = json_object();
	for (const char *q = strstr(text, " in "); q; q = strstr(q + 1, " in ")) {
		const char *v = q + 4;
		while (*v == ' ')
			v++;
		size_t n = 0;
		while (n < 64 && (isalnum((unsigned char)v[n]) || v[n] == '_' || v[n] == '-'))
			n++;
		if (n && n < 64) {
			char name[64];
			memcpy(name, v, n);
			name[n] = '\0';
			json_object_set_new(set, name, json_true());
		}
	}
	return set;
}

/* Whether the variable that "{% assign v = site.x %}" (p at "= site.")
 * sets is one a loop goes over (loops: loop_lists'): a loop's list,
 * where "{% assign excerpt_length = site.excerpt_length %}" is a number
 * the loop's body reads. */
static bool loop_reads(const json_t *loops, const char *text, const char *p)
{
	const char *end = p;
	while (end > text && p - end < 8 && end[-1] == ' ')
		end--;
	const char *var = end;
	while (var > text && end - var < 64 && (isalnum((unsigned char)var[-1]) || var[-1] == '_' || var[-1] == '-'))
		var--;
	size_t n = (size_t)(end - var);
	if (!n || n >= 64 || (size_t)(var - text) < 7 || memcmp(var - 7, "assign ", 7))
		return true; /* not read as an assign: kept, as before */
	char name[64];
	memcpy(name, var, n);
	name[n] = '\0';
	return json_object_get(loops, name) != NULL;
}

static json_t *liquid_sources(const char *text)
{
	json_t *out = json_array(), *loops = loop_lists(text);
	static const char *const forms[] = { " in site.", "= site." }; /* a loop, an assign the loop reads */
	for (size_t f = 0; f < 2; f++) {
		for (const char *p = strstr(text, forms[f]); p; p = strstr(p + 1, forms[f])) {
			if (f == 1 && p > text && strchr("!=<>", p[-1]))
				continue; /* a comparison (site.active_lang != site.default_lang), no source */
			if (f == 1 && !loop_reads(loops, text, p))
				continue; /* a value of its own (Beautiful Jekyll's excerpt_length), no source */
			const char *name = p + strlen(forms[f]);
			size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");
			while (n && name[n - 1] == '.')
				n--;
			if (f == 1 && name[n] == '[')
				continue; /* one item looked up (NeoMutt's site.data.people[post.author]), no list */
			if (n && n <= 64)
				add_name(out, name, n);
		}
	}
	json_decref(loops);
	return out;
}

/* The items a Liquid feed lists: the limit of its loops over site.<name>
 * ("{% for post in site.posts limit:10 %}", the largest when there are
 * several), or 0 when a loop has none (or there is no loop). */
static long long liquid_limit(const char *text)
{
	long long most = 0;
	for (const char *p = strstr(text, " in site."); p; p = strstr(p + 1, " in site.")) {
		const char *end = strstr(p, "%}");
		const char *at = strstr(p, "limit");
		if (!end || !at || at > end)
			return 0;
		at += 5;
		at += strspn(at, " \t");
		if (*at != ':')
			return 0;
		at++;
		at += strspn(at, " \t");
		char *stop = NULL;
		long long n = strtoll(at, &stop, 10);
		if (stop == at || n <= 0)
			return 0;
		most = n > most ? n : most;
	}
	return most;
}

/* The permalink: the front matter of text gives, or NULL. Caller frees. */
static char *front_value(const char *text, const char *key)
{
	char *line = folio_xasprintf("\n%s:", key);
	const char *end = strstr(text + 3, "\n---");
	const char *at = strstr(text + 3, line);
	size_t n = strlen(line);
	free(line);
	if (!at || !end || at > end)
		return NULL;
	at += n;
	at += strspn(at, " \t\"'");
	return folio_xstrndup(at, strcspn(at, "\"' \t\r\n"));
}

static char *front_permalink(const char *text)
{
	return front_value(text, "permalink");
}

/* The text of the layout front matter names (layout: rss), read from
 * _layouts/ as Jekyll finds it, into out; false when there is none. */
static bool read_layout(const migration *m, const char *text, folio_buf *out)
{
	static const char *const exts[] = { ".xml", ".html", ".rss", ".atom" };
	char *name = front_value(text, "layout");
	bool read = false;
	for (size_t i = 0; name && *name && !strchr(name, '/') && i < sizeof(exts) / sizeof(*exts) && !read; i++) {
		char *rel = folio_xasprintf("_layouts/%s%s", name, exts[i]);
		char *path = folio_fs_join(m->dir, rel);
		read = folio_fs_exists(path) && folio_fs_read(out, path) >= 0 && out->ptr;
		free(path);
		free(rel);
	}
	free(name);
	return read;
}

void folio_migrate__note_layout_includes(migration *m)
{
	size_t n, noted = 0;
	char **names = folio_migrate__list_dir(m, "_layouts", &n);
	for (size_t i = 0; i < n && noted < 10; i++) {
		char *rel = folio_xasprintf("_layouts/%s", names[i]);
		char *path = folio_fs_join(m->dir, rel);
		folio_buf text = FOLIO_BUF_INIT;
		/* the first tag alone: one search forward, whatever the layout holds */
		const char *at = !folio_migrate__is_dir(m, rel) && folio_fs_read(&text, path) >= 0 && text.ptr
		                         ? strstr(text.ptr, "include_relative") : NULL;
		if (at) {
			at += strlen("include_relative");
			at += strspn(at, " \t");
			size_t len = strcspn(at, " \t\r\n%}");
			bool plain = len && len <= 120;
			for (size_t k = 0; plain && k < len; k++)
				plain = (unsigned char)at[k] > ' ' && at[k] != 0x7f;
			folio_buf_printf(m->notes, "%s: its {%% include_relative%s%.*s %%} is not read: folio writes pages "
			                 "with its own templates, not Jekyll's layouts, so the file Jekyll reads there (from "
			                 "the folder of each page of that layout) is on no page; write its text in the "
			                 "pages\n", rel, plain ? " " : "", plain ? (int)len : 0, plain ? at : "");
			noted++;
		}
		folio_buf_dispose(&text);
		free(path);
		free(rel);
	}
	folio_migrate__free_names(names, n);
}

/* The permalinks pages below rel (depth folders deep) give, into claimed. */
static void claims_below(const migration *m, const char *rel, int depth, json_t *claimed)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (names[i][0] == '.' || !strcmp(names[i], "_site") || !strcmp(names[i], "node_modules") ||
		    !strcmp(names[i], "vendor") || folio_migrate__is_excluded(m, sub)) {
			/* not the site's */
		} else if (folio_migrate__is_dir(m, sub)) {
			if (depth < 8)
				claims_below(m, sub, depth + 1, claimed);
		} else if (folio_migrate__is_page_name(names[i]) || folio_ends_with(names[i], ".html")) {
			char *path = folio_fs_join(m->dir, sub);
			folio_buf text = FOLIO_BUF_INIT;
			if (folio_fs_read(&text, path) >= 0 && text.ptr && !strncmp(text.ptr, "---", 3)) {
				char *perm = front_permalink(text.ptr);
				if (perm && perm[0] == '/')
					json_array_append_new(claimed, json_string(perm));
				free(perm);
			}
			folio_buf_dispose(&text);
			free(path);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

void folio_migrate__note_claims(migration *m)
{
	json_decref(m->claimed);
	m->claimed = json_array();
	claims_below(m, "", 0, m->claimed);
}

/* Does a page's permalink: take the address of folder dir ("cv", "" the
 * top): "/cv/", "/cv" or "/cv/index.html"? */
static bool folder_claimed(const migration *m, const char *dir, size_t n)
{
	size_t i;
	json_t *v;
	json_array_foreach(m->claimed, i, v) {
		const char *perm = json_string_value(v) + 1, *rest = perm + n;
		if ((n && strncmp(perm, dir, n)) || (n && *rest && *rest != '/'))
			continue;
		if (n && *rest == '/')
			rest++;
		if (!*rest || !strcmp(rest, "index.html"))
			return true;
	}
	return false;
}

/* The Jekyll page at rel, whose text is given, left out of the site and
 * named with the address its permalink: gave it. */
static void leave_out_html(migration *m, const char *rel, const char *text)
{
	char *url = front_permalink(text);
	folio_migrate__exclude(m, rel);
	if (m->html_pages++ < 20)
		folio_buf_printf(m->notes, "%s (a page written in HTML and Liquid%s%s%s) is not published: "
		                 "folio renders Markdown pages; write it in Markdown to keep it\n", rel,
		                 url && *url ? ", at " : "", url && *url && *url != '/' ? "/" : "",
		                 url ? url : ""); /* Jekyll reads a permalink from the root */
	free(url);
}

/*
 * A Jekyll page written in HTML (front matter, then HTML) at rel. Without
 * Liquid (rubygems' command-reference/bundle-add.html, an about.html at
 * the top), it is a page of c, its body kept as HTML (html_pages: true).
 * Otherwise (Liquid, showcase.html, or 404.html and index.html at the
 * top, which are folio's own): folio runs no Liquid,
 * and copied as a file it would publish its source (and clash with a
 * list: pages/index.html). Excluded and named, with the address its
 * permalink: gave it, so a link there reads as the missing page it is.
 * False when rel is no such page.
 */
static bool html_page(migration *m, collection *c, const char *rel, const char *name)
{
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	bool page = folio_fs_read(&text, path) >= 0 && opens_front_matter(text.ptr);
	free(path);
	if (page && plain_html_text(m, rel, text.ptr)) {
		/* its HTML is the page, as Hugo's HTML pages are (html_pages:
		 * true); at the top, 404.html and index.html are folio's own */
		m->kept_html = true;
		read_page(m, c, rel, name);
	} else if (page) {
		leave_out_html(m, rel, text.ptr);
	}
	folio_buf_dispose(&text);
	return page;
}

/* Does Jekyll write text, which opens with "---", as it is? With no line
 * closing the front matter it reads none (the whole file is content: a
 * Kubernetes manifest's document marker, Kong's 520 CRDs), and with no
 * Liquid in it rendering changes nothing. */
static bool renders_as_written(const char *text)
{
	if (strstr(text, "{{") || strstr(text, "{%"))
		return false;
	for (const char *l = strchr(text, '\n'); l; l = strchr(l + 1, '\n')) {
		const char *t = l + 1;
		if (!strncmp(t, "---", 3) || !strncmp(t, "...", 3)) {
			t += 3;
			t += strspn(t, " \t\r");
			if (*t == '\n' || !*t)
				return false;
		}
	}
	return true;
}

bool folio_migrate__leave_out_rendered(migration *m, const char *rel)
{
	char head[256];
	if (m->from != FOLIO_FROM_JEKYLL || first_line(m, rel, head, sizeof(head)) <= 0 ||
	    !opens_front_matter(head))
		return false;
	if (folio_ends_with(rel, ".html")) {
		char *path = folio_fs_join(m->dir, rel);
		folio_buf text = FOLIO_BUF_INIT;
		if (folio_fs_read(&text, path) >= 0 && text.ptr)
			leave_out_html(m, rel, text.ptr);
		folio_buf_dispose(&text);
		free(path);
		return true;
	}
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	bool sass = folio_ends_with(rel, ".scss") || folio_ends_with(rel, ".sass");
	folio_buf text = FOLIO_BUF_INIT;
	bool read = false;
	if (!sass) {
		char *path = folio_fs_join(m->dir, rel);
		read = folio_fs_read(&text, path) >= 0 && text.ptr;
		free(path);
	}
	if (read && strcmp(base, "sitemap.xml") && renders_as_written(text.ptr)) {
		folio_buf_dispose(&text);
		return false;
	}
	/* typelevel's blog/feed.rss is as much a feed as a feed.xml */
	bool xml = read && (folio_ends_with(rel, ".xml") || folio_ends_with(rel, ".rss") || folio_ends_with(rel, ".atom"));
	const char *feed = xml ? strstr(text.ptr, "<feed") : NULL;
	const char *rss = xml ? strstr(text.ptr, "<rss") : NULL;
	/* front matter alone, its layout writing the feed (bitcoincore.org's
	 * assets/rss/rss-en.xml: layout: rss, permalink: /en/rss.xml) */
	folio_buf layout = FOLIO_BUF_INIT;
	const char *source = text.ptr;
	if (xml && !feed && !rss && read_layout(m, text.ptr, &layout)) {
		feed = strstr(layout.ptr, "<feed");
		rss = strstr(layout.ptr, "<rss");
		source = layout.ptr;
	}
	const char *why = sass
	                          ? "Sass that Jekyll compiles to CSS) is not published: folio compiles no "
	                            "Sass; commit the CSS it makes"
	                  : !strcmp(base, "sitemap.xml")
	                          ? "a file Jekyll renders with Liquid) is not published: folio writes its "
	                            "own sitemap.xml"
	                  : !strcmp(rel, "_redirects")
	                          ? "Netlify's rules, which Jekyll renders with Liquid) is not published as "
	                            "it is: its rules are folio.yaml's redirects:, the site values filled in"
	                  : !strchr(base, '.') && strchr(rel, '/')
	                          ? "a document without an extension, which Jekyll publishes at its name) is "
	                            "not published: folio's pages are named .md or .markdown; rename it so"
	                  : feed || rss
	                          ? "a feed Jekyll renders with Liquid) is not published as it is: folio "
	                            "writes a feed of the collections it lists at its address (feeds: in "
	                            "folio.yaml) when they are dated"
	                          : "a file Jekyll renders with Liquid) is not published: folio runs no Liquid";
	folio_migrate__exclude(m, rel);
	folio_buf_printf(m->notes, "%s (%s\n", rel, why);
	if ((feed || rss) && strcmp(base, "sitemap.xml")) {
		/* where Jekyll writes it: its permalink:, else its own path (_pages/feed.xml
		 * of an include: folder with permalink: /feed.xml, F-Droid's) */
		char *perm = front_permalink(text.ptr);
		char *url = perm && perm[0] == '/' ? perm : folio_xasprintf("/%s", perm ? perm : rel);
		if (url != perm)
			free(perm);
		json_array_append_new(m->liquid_feeds, json_pack("{s:s,s:s,s:b,s:o,s:I}", "file", rel, "url", url, "rss",
		                                                 rss && (!feed || rss < feed), "from",
		                                                 liquid_sources(source), "limit",
		                                                 (json_int_t)liquid_limit(source)));
		free(url);
	}
	folio_buf_dispose(&layout);
	folio_buf_dispose(&text);
	return true;
}

/* The files with front matter under folder rel, which init copies as
 * files (kubevirt's pages/ holding only community.html, a theme's
 * css/main.scss): copied, they would publish their front matter and
 * Liquid as they are. Left out and named. */
void folio_migrate__leave_out_rendered_in(migration *m, const char *rel, int depth)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (names[i][0] == '.' || folio_migrate__is_excluded(m, sub)) {
			/* not copied */
		} else if (folio_migrate__is_dir(m, sub)) {
			if (depth < 32)
				folio_migrate__leave_out_rendered_in(m, sub, depth + 1);
		} else {
			folio_migrate__leave_out_rendered(m, sub);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

/* The pages of collection c under folder rel (at any depth unless c->flat). */
/* Hugo's leaf bundle at folder rel (below a collection's folder): its page
 * named index (index.md, index.fr.md) is read; every other Markdown or HTML
 * file below it is a resource of it, which Hugo neither renders nor
 * publishes (site_tree.c, leaf_bundles: true). False when rel holds no
 * such page. */
static bool read_leaf_bundle(migration *m, collection *c, const char *rel)
{
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	bool leaf = false;
	for (size_t i = 0; i < n && !leaf; i++)
		leaf = !strncmp(names[i], "index.", 6) && folio_migrate__is_content_name(m, names[i]);
	for (size_t i = 0; leaf && i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		bool page = !strncmp(names[i], "index.", 6) && folio_migrate__is_content_name(m, names[i]);
		if (!folio_migrate__is_excluded(m, sub) && !folio_migrate__is_dir(m, sub)) {
			/* any file ignoreFiles names, a page or a bundle's own: a
			 * blogdown post's index.en.Rmd source is not published */
			if (folio_migrate__hugo_ignored(m, sub))
				folio_migrate__exclude(m, sub);
			else if (page)
				read_page(m, c, sub, names[i]);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
	return leaf;
}

/* Whether rel is a collection's folder (ruby-lang.org's en/news/_posts,
 * below the en/ of another). */
bool folio_migrate__collection_folder(const migration *m, const char *rel)
{
	for (size_t k = 0; k < m->ncols; k++)
		if (!strcmp(m->cols[k].folder, rel))
			return true;
	return false;
}

/* Does name open as Jekyll's post reader's pattern has it,
 * \d{2,4}-\d{1,2}-\d{1,2}- then a name, a calendar's day or not? Jekyll
 * reads ROOT's 2025-04-31-root-with-nix.md as a post of 2025-05-01, which
 * check then refuses by name (date/invalid), as site_tree.c's
 * undated_post() reads it a post; a year of two or three digits is
 * dated as Jekyll dates it (folio_date_post_name_prefix: 19-05-03- is
 * 2019-05-03). */
static bool dated_shape(const char *name)
{
	const char *p = name;
	for (int part = 0; part < 3; part++) {
		size_t n = 0;
		while (n < (part ? 2u : 4u) && p[n] >= '0' && p[n] <= '9')
			n++;
		if (n < (part ? 1u : 2u) || p[n] != '-')
			return false;
		p += n + 1;
	}
	return *p != '\0';
}

/* What Jekyll does not read in collection c's folder rel: a name starting
 * with '_' (its reader's filter), and in _posts a page whose name has no
 * date (US-RSE's _posts/newsletters/quarto/template.md, _preamble.md, a
 * _data link); a collection's own folder below is read as its own. */
static bool jekyll_unread(const migration *m, const collection *c, const char *rel, const char *sub,
                          const char *name, bool dir)
{
	if (m->from != FOLIO_FROM_JEKYLL || !*rel || folio_migrate__collection_folder(m, sub))
		return false;
	return name[0] == '_' ||
	       (c->posts && !dir && folio_migrate__is_content_name(m, name) && !dated_shape(name));
}

void folio_migrate__read_pages(migration *m, collection *c, const char *rel, int depth)
{
	if (!strcmp(rel, "."))
		rel = ""; /* the root's collection */
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	bool keep_index;
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(rel, names[i]);
		if (names[i][0] == '.' || folio_migrate__is_excluded(m, sub)) {
			free(sub); /* dot files are not pages, nor what exclude: names */
			continue;
		}
		bool dir = folio_migrate__is_dir(m, sub);
		/* Hugo tests a folder's path too while it walks content/ (keptn's
		 * pattern of its docs/0.1.0 folder: 389 pages of old versions) */
		if (folio_migrate__hugo_ignored(m, sub)) {
			folio_migrate__exclude(m, sub);
		} else if (jekyll_unread(m, c, rel, sub, names[i], dir)) {
			folio_migrate__exclude(m, sub);
			m->jekyll_unread++;
		} else if (dir && folio_migrate__hugo_headless(m, sub, &keep_index)) {
			folio_migrate__exclude_headless(m, sub, keep_index);
			if (keep_index) {
				char *index = folio_migrate__join_rel(sub, "_index.md");
				read_page(m, c, index, "_index.md");
				free(index);
			}
		} else if (dir) {
			/* a deeper collection's folder is its own; a leaf bundle's
			 * index pages are read, the rest is the bundle's */
			bool other = folio_migrate__collection_folder(m, sub);
			/* the content root's leaf bundles are its pages too */
			bool leaf = !other && m->from == FOLIO_FROM_HUGO && read_leaf_bundle(m, c, sub);
			if (!c->flat && !other && !leaf && depth < 64)
				folio_migrate__read_pages(m, c, sub, depth + 1);
		} else if (*rel ? folio_migrate__is_content_name(m, names[i]) || (c->text_pages && folio_ends_with(names[i], ".txt"))
		                : folio_migrate__is_root_page(m, names[i])) {
			read_page(m, c, sub, names[i]);
		} else if (folio_ends_with(names[i], ".mdown") || folio_ends_with(names[i], ".mkd")) {
			m->other_markup++;
		} else if (m->from == FOLIO_FROM_JEKYLL && folio_ends_with(names[i], ".html")) {
			html_page(m, c, sub, names[i]);
		} else if (m->from == FOLIO_FROM_JEKYLL) {
			/* Jekyll renders any file with front matter (_pages/feed.xml,
			 * a search.json): published beside the pages, its Liquid
			 * would be its text */
			folio_migrate__leave_out_rendered(m, sub);
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

bool folio_migrate__is_folio_own(const char *rel)
{
	return !strcmp(rel, "index.html") || !strcmp(rel, "404.html");
}

/* A repository's own document at the top, which folio never publishes (site.c). */
bool folio_migrate__is_repo_doc(const char *name)
{
	static const char *const docs[] = {
		"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "CONTRIBUTING",
		"CODE_OF_CONDUCT", "SECURITY", "AUTHORS", "NOTICE", NULL,
	};
	size_t n = strlen(name) - (folio_ends_with(name, ".md") ? 3 : 9);
	for (size_t i = 0; docs[i]; i++)
		if (strlen(docs[i]) == n && !strncasecmp(name, docs[i], n))
			return true;
	return false;
}

/* Is the file name at the top of the site a page? Jekyll publishes a file
 * that opens with front matter, whatever its name (CHANGELOG.md), and no
 * other (front_matter_pages: true); otherwise every Markdown file but the
 * repository's own documents. */
bool folio_migrate__is_root_page(const migration *m, const char *name)
{
	if (!folio_migrate__is_page_name(name))
		return false;
	int opens = folio_migrate__opens_front_matter(m, name);
	if (opens < 0) /* no such file */
		return false;
	if (m->from != FOLIO_FROM_JEKYLL || m->optional_front_matter)
		return !folio_migrate__is_repo_doc(name) || opens == 1;
	return opens == 1;
}

/* ---- collections ---- */

static bool collection_named(const migration *m, const char *name)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (!strcmp(m->cols[i].name, name))
			return true;
	return false;
}

/* "/catégorie/": a section's folder name as Hugo's urlize makes it (its
 * letters kept, accents too unless removePathAccents), or NULL. */
static char *urlized_section(const migration *m, const char *base)
{
	bool remove = folio_migrate__on(folio_migrate__get_ci(m->cfg, "removePathAccents"));
	bool keep = folio_migrate__on(folio_migrate__get_ci(m->cfg, "disablePathToLower"));
	char *seg = folio_urlize_segment(base, strlen(base), remove, keep);
	char *url = seg ? folio_xasprintf("/%s/", seg) : NULL;
	free(seg);
	return url;
}

void folio_migrate__root_pages(collection *c)
{
	free(c->url);
	/* its name's folder: "pages-2" when a section is named pages (its
	 * feeds stand there, list: false or not) */
	c->url = folio_xasprintf("/%s/", c->name);
	c->flat = true;
	/* each at /<name>/ as Hugo publishes it, and no list of them (its
	 * folder, /pages/, where Hugo has none) */
	free(c->permalink);
	c->permalink = folio_xstrdup("/:slug/");
	c->undated = true;
	c->unlisted = true;
}

/* A collection over folder, named after it unless given a name. */
collection *folio_migrate__add_collection(migration *m, const char *folder, const char *label,
                                          const char *given)
{
	const char *base = strrchr(folder, '/') ? strrchr(folder, '/') + 1 : folder;
	while (*base == '_')
		base++; /* Jekyll's _posts is "posts" */
	char *name = given ? folio_xstrdup(given) : folio_slug_make(base, strlen(base));
	if (!name) {
		folio_buf_printf(m->notes, "%s: its name gives no collection name (no letter or digit); "
		                 "it is left out\n", folder);
		json_array_append_new(m->exclude, json_string(folder));
		return NULL;
	}
	/* a name taken (Jekyll's _pages and the top's pages): the first of
	 * name-2, name-3, ... that is free */
	size_t stem = strlen(name);
	for (unsigned k = 2; collection_named(m, name); k++) {
		char *again = folio_xasprintf("%.*s-%u", (int)stem, name, k);
		free(name);
		name = again;
	}
	FOLIO_ARRAY_GROW(m->cols, m->ncols, m->acols, m->ncols + 1);
	collection *c = &m->cols[m->ncols++];
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->folder = folio_xstrdup(folder);
	c->label = folio_xstrdup(label);
	c->inf = folio_infer_new();
	/* the URL is the name's, whatever the folder: /posts/ for content/posts;
	 * a folder's underscores stay in it, as both generators keep them, and
	 * a Hugo section's leading one too (Jekyll's _posts is /posts/) */
	const char *folder_base = strrchr(folder, '/') ? strrchr(folder, '/') + 1 : folder;
	if (m->from == FOLIO_FROM_HUGO && folder_base[0] == '_' && plain_name(folder_base))
		c->url = folio_xasprintf("/%s/", folder_base); /* Hugo's /_includes/ */
	else if (inner_underscore(base) && plain_name(base))
		c->url = folio_xasprintf("/%s/", base);
	else if (m->from == FOLIO_FROM_HUGO && dotted_name(base))
		c->url = folio_xasprintf("/%s/", base); /* linkerd.io's content/2.10/ at /2.10/ */
	else if (m->from == FOLIO_FROM_HUGO && !folio_ascii(base) && (c->url = urlized_section(m, base)))
		; /* content/catégorie/ at /catégorie/, as Hugo's urlize keeps letters */
	else if (strcmp(folder, name))
		c->url = folio_xasprintf("/%s/", name);
	return c;
}

/*
 * A segment of dates and what is between them (":year-:month-:day", the
 * last one maybe ending with the page's name: ":year-:month-:day-:title"),
 * n bytes at p, appended to b as folio writes it (the name as :slug);
 * false, b untouched, for any other segment (Jekyll's :categories).
 */
static bool mixed_dates(folio_buf *b, const char *p, size_t n, bool last, bool *named)
{
	static const char *const names[] = { ":title", ":slug", ":name" };
	if (!memchr(p, ':', n) || (p[0] == ':' && !memchr(p + 1, ':', n - 1) && strcspn(p, "-_.") >= n))
		return false; /* no date, or one token alone: the caller's */
	folio_buf seg = FOLIO_BUF_INIT;
	bool ok = true, any = false, name = false;
	for (size_t i = 0; ok && i < n;) {
		size_t k = folio_layout_date_token(p + i, n - i);
		if (k) {
			any = true;
			folio_buf_put(&seg, p + i, k);
			i += k;
			continue;
		}
		for (size_t t = 0; t < 3 && !k; t++)
			if (n - i == strlen(names[t]) && !strncmp(p + i, names[t], n - i))
				k = n - i;
		if (k && last && any) {
			name = true;
			folio_buf_puts(&seg, ":slug");
			i += k;
		} else if (strchr("-_.", p[i]) || (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
		           (p[i] >= '0' && p[i] <= '9')) { /* weekdate's "W:week" */
			folio_buf_putc(&seg, p[i++]);
		} else {
			ok = false;
		}
	}
	ok = ok && any;
	if (ok) {
		folio_buf_put(b, seg.ptr, seg.size);
		*named = name;
	}
	folio_buf_dispose(&seg);
	return ok;
}

/*
 * A permalink folio can keep as the collection's permalink: names, :year,
 * :month, :day, Jekyll's :i_month and :i_day (not its :categories), then the page's
 * own name last ("/news/:year/:month/:day/:title/"); the names before the
 * first date are the collection's url. Without dates, the name alone
 * ("/:slug", Hugo's pages published at the root): the list keeps its url.
 * False for anything else.
 */
static bool dated_permalink(collection *c, const char *pattern, const char *section)
{
	static const char *const names[] = { ":slug", ":filename", ":contentbasename",
	                                     ":slugorcontentbasename", ":title", ":name", ":path" };
	folio_buf b = FOLIO_BUF_INIT;
	size_t prefix = 0; /* bytes before the first date */
	size_t categories = 0; /* bytes before a :categories before it, if any */
	bool dated = false, named = false, ok = pattern[0] == '/';
	bool dated_last = false; /* "/:section/:year/:month/": dates last, no name (config.c) */
	for (const char *p = pattern + 1; ok && *p;) {
		size_t n = strcspn(p, "/");
		folio_buf_putc(&b, '/');
		size_t at = b.size;
		if (!n || named) {
			ok = n == 0 && !p[n] && (named || dated_last); /* only the trailing '/' after the name */
			break;
		}
		dated_last = false;
		if ((n == 8 && !strncmp(p, ":section", 8)) || (n == 11 && !strncmp(p, ":collection", 11))) {
			folio_buf_puts(&b, section);
		} else if (n == 11 && !strncmp(p, ":categories", 11)) {
			/* Jekyll's: the page's categories, a folder each (config.c) */
			if (!dated && !categories)
				categories = at;
			folio_buf_put(&b, p, n);
		} else if (folio_layout_date_token(p, n) == n) { /* a date alone in its segment */
			if (!dated)
				prefix = categories ? categories : b.size;
			dated = dated_last = true;
			folio_buf_put(&b, p, n);
		} else if (mixed_dates(&b, p, n, !p[n] || !p[n + 1], &named)) {
			if (!dated)
				prefix = categories ? categories : at; /* the segment's place, as for a date alone */
			dated = true;
			dated_last = !named;
		} else if (p[0] == ':') {
			for (size_t i = 0; i < sizeof(names) / sizeof(*names) && !named; i++)
				named = n == strlen(names[i]) && !strncmp(p, names[i], n);
			bool path = n == 5 && !strncmp(p, ":path", 5);
			/* "/:slug" and Jekyll's "/:path/": at the root; :path with no
			 * date; "/:categories/:title/" (academicpages' and
			 * minimal-mistakes' default): below the post's categories */
			bool below_categories = b.size == 13 && !strncmp(b.ptr, "/:categories/", 13);
			ok = named && (dated ? !path : b.size == 1 || (below_categories && !path));
			folio_buf_puts(&b, path ? ":path" : ":slug");
		} else {
			ok = !memchr(p, ':', n) && !memchr(p, '.', n);
			folio_buf_put(&b, p, n);
		}
		p += n + (p[n] == '/');
	}
	ok = ok && (named || dated_last);
	if (ok && b.ptr[b.size - 1] != '/')
		folio_buf_putc(&b, '/');
	if (ok) {
		free(c->permalink);
		c->permalink = folio_buf_detach(&b, NULL);
		c->undated = !dated;
		if (prefix > 1) { /* "/news/" of "/news/:year/..." */
			free(c->url);
			c->url = folio_xstrndup(c->permalink, prefix);
		}
	}
	folio_buf_dispose(&b);
	return ok;
}

/* What a kept permalink names its pages by, its last segment: Hugo's
 * ":slug" and ":title" are the page's title made a URL (slug_from: title),
 * Jekyll's ":title" its file's name with its capitals (slug_case: keep). */
static void name_token(collection *c, const char *pattern)
{
	size_t n = strlen(pattern);
	while (n && pattern[n - 1] == '/')
		n--;
	const char *last = pattern + n;
	while (last > pattern && last[-1] != '/')
		last--;
	size_t len = (size_t)(pattern + n - last);
	bool title = len >= 6 && !strncmp(last, ":title", 6) && (len == 6 || last[6] == ':');
	bool slug = len == 5 && !strncmp(last, ":slug", 5);
	/* after dates in the segment: ":year-:month-:day-:title" */
	title = title || (len > 6 && !strncmp(last + len - 6, ":title", 6));
	slug = slug || (len > 5 && !strncmp(last + len - 5, ":slug", 5));
	c->by_title = slug || title;
	/* (":slugorcontentbasename" is folio's own order: slug: first) */
	c->by_file = (len >= 9 && !strncmp(last + len - 9, ":filename", 9)) ||
	             (len >= 16 && !strncmp(last + len - 16, ":contentbasename", 16));
	/* Jekyll's :path is the file's as it is, capitals kept
	 * (_notes/Congrats_Amber_Case.md), as its :title keeps them */
	c->by_name = title || (len == 5 && !strncmp(last, ":path", 5));
}

/*
 * A permalink pattern folio can keep: a fixed folder then the page's own
 * name ("/blog/:slug/", "/:section/:filename/"); its folder is the
 * collection's url. Anything else (dates, categories) is named in the
 * collection's note, for url: or aliases: in the pages that need them.
 */
void folio_migrate__apply_permalink(collection *c, const char *pattern, const char *section)
{
	if (!pattern)
		return;
	static const char *const names[] = { ":slug", ":filename", ":contentbasename",
	                                     ":slugorcontentbasename", ":title", ":name", ":path" };
	folio_buf b = FOLIO_BUF_INIT;
	/* Hugo reads "news: :year/:month/:slug/" from the root, as if it began
	 * with '/' (digital.gov's); Jekyll's begin with it */
	if (pattern[0] != '/')
		folio_buf_putc(&b, '/');
	for (const char *p = pattern; *p;) {
		if (!strncmp(p, ":sections", 9)) {
			/* Hugo's sections from the top: a page of the section's own
			 * folder is in it alone (/:sections/:year/ is /blog/2021/) */
			folio_buf_puts(&b, section);
			p += 9;
		} else if (!strncmp(p, ":section", 8) || !strncmp(p, ":collection", 11)) {
			folio_buf_puts(&b, section);
			p += p[1] == 's' ? 8 : 11;
		} else {
			folio_buf_putc(&b, *p++);
		}
	}
	char *pat = folio_buf_detach(&b, NULL);
	size_t n = strlen(pat);
	if (n > 11 && !strcmp(pat + n - 11, "/index.html")) /* Jekyll's "/:path/index.html" is "/:path/" */
		pat[n -= 10] = '\0';
	char *whole = folio_xstrdup(pat); /* pat without index.html, for dated_permalink */
	if (n && pat[n - 1] == '/')
		pat[--n] = '\0';
	char *last = strrchr(pat, '/');
	bool ok = false;
	if (pat[0] == '/' && last && last != pat) {
		for (size_t i = 0; i < sizeof(names) / sizeof(*names) && !ok; i++)
			ok = !strcmp(last + 1, names[i]);
		*last = '\0';
		ok = ok && !strchr(pat, ':') && !strchr(pat, '.');
	}
	if (ok) {
		free(c->url);
		c->url = folio_xasprintf("%s/", pat);
		name_token(c, pattern);
		c->name_last = strcmp(last + 1, ":path") && strcmp(last + 1, ":filename") &&
		               strcmp(last + 1, ":contentbasename");
		if (c->posts && !strcmp(last + 1, ":path")) {
			/* a post's :path keeps its file's date (/posts/2020-04-16-x/),
			 * which only the permalink places (site_urls.c) */
			free(c->permalink);
			c->permalink = folio_xasprintf("%s/:path/", pat);
			c->undated = true;
		}
	} else if (dated_permalink(c, whole, section)) {
		/* kept as the collection's permalink: */
		name_token(c, pattern);
	} else {
		free(c->note);
		c->note = folio_xasprintf("permalink \"%s\" cannot be expressed by folio: "
		                          "keep old addresses with url: or aliases: in the pages",
		                          pattern);
	}
	free(whole);
	free(pat);
}

bool folio_migrate__is_excluded(const migration *m, const char *path)
{
	size_t i;
	json_t *v;
	json_array_foreach(m->exclude, i, v)
		if (!strcmp(json_string_value(v), path))
			return true;
	return false;
}

void folio_migrate__exclude(migration *m, const char *path)
{
	if (!folio_migrate__is_excluded(m, path))
		json_array_append_new(m->exclude, json_string(path));
}
