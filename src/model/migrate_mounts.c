/*
 * Hugo's module mounts of content, for init --from hugo.
 *
 * A mount puts a folder of the repository somewhere else in the content
 * Hugo builds: jaegertracing.io keeps each version of its documentation in
 * content/docs/v2/2.20/ and mounts content/docs/v2 at content/docs, so
 * that content/docs/v2/2.20/install.md is /docs/2.20/install/. Read as
 * plain folders, every such page would change its address.
 *
 * Each mount of a folder below the content folder onto a place below it
 * becomes a collection of its own (the deepest folder owns a page, so the
 * collection of content/docs leaves it alone), its pages at the mount's
 * target: permalink: /docs/:path/. Its list stands at the target's address
 * when no other collection has that one (content/docs/v2/_dev mounted at
 * content/docs/2.dev: /docs/2.dev/, its _index.md the list's text), else
 * at the folder's own (/docs/v2/), where Hugo has no page.
 *
 * A mount's files: patterns that leave files out ("! _*", "! docs/v?") are
 * excluded, as Hugo does not read them, except the folders other mounts
 * take. Patterns that name the only files to read are not followed, and
 * said.
 *
 * A theme's content/ folder is a mount Hugo makes itself, beneath the
 * site's content: the same collections, and a file the site has at the
 * same path wins over the theme's, which is excluded.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "model/slug.h"
#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/banned.h"

/* Is rel below dir ("content/docs/v2" below "content")? */
static bool below(const char *rel, const char *dir)
{
	size_t n = strlen(dir);
	return !strncmp(rel, dir, n) && rel[n] == '/' && rel[n + 1];
}

/* A path as the mount names it: no "..", no leading '/', no trailing '/'. */
static char *mount_path(const json_t *mount, const char *key)
{
	const char *v = folio_migrate__get_text(mount, key);
	if (!v || !*v || v[0] == '/' || strstr(v, ".."))
		return NULL;
	char *p = folio_xstrdup(v);
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

/* Is rel the source of one of mounts below content? */
static bool mounted(const json_t *mounts, const char *content, const char *rel)
{
	size_t i;
	json_t *mount;
	json_array_foreach(mounts, i, mount) {
		char *src = mount_path(mount, "source");
		bool yes = src && below(src, content) && !strcmp(src, rel);
		free(src);
		if (yes)
			return true;
	}
	return false;
}

/* Exclude what pattern names below dir (a path relative to it, matched
 * with FNM_PATHNAME: a '*' stays within a name, so the walk goes no deeper
 * than the pattern's slashes), but other mounts' sources. */
static void exclude_matches(migration *m, const json_t *mounts, const char *content, const char *dir,
                            const char *pattern, const char *prefix, int depth)
{
	int levels = 0;
	for (const char *s = pattern; *s; s++)
		levels += *s == '/';
	size_t n;
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *rel = prefix ? folio_xasprintf("%s/%s", prefix, names[i]) : folio_xstrdup(names[i]);
		char *sub = folio_migrate__join_rel(dir, names[i]);
		if (fnmatch(pattern, rel, FNM_PATHNAME) == 0) {
			if (!mounted(mounts, content, sub) && !folio_migrate__is_excluded(m, sub))
				folio_migrate__exclude(m, sub);
		} else if (depth < levels && folio_migrate__is_dir(m, sub)) {
			exclude_matches(m, mounts, content, sub, pattern, rel, depth + 1);
		}
		free(sub);
		free(rel);
	}
	folio_migrate__free_names(names, n);
}

/* A mount's files: "! pattern" leaves files out; a plain pattern names the
 * only ones Hugo reads, which folio does not follow (said). */
static void mount_files(migration *m, const json_t *mounts, const char *content, const json_t *mount,
                        const char *src)
{
	const json_t *files = folio_migrate__get_ci(mount, "files");
	json_t *list = json_is_string(files) ? json_pack("[O]", files) : json_incref((json_t *)files);
	size_t i;
	json_t *f;
	json_array_foreach(list, i, f) {
		const char *p = json_string_value(f);
		if (!p)
			continue;
		if (p[0] != '!') {
			folio_buf_printf(m->notes, "%s: the mount's files: \"%s\" names the only files Hugo "
			                 "reads there; folio reads them all\n", src, p);
			continue;
		}
		p++;
		while (*p == ' ')
			p++;
		if (*p && !strstr(p, ".."))
			exclude_matches(m, mounts, content, src, p, NULL, 0);
	}
	json_decref(list);
}

/* The collection of a mount of src at target (both below content). */
static void mount_collection(migration *m, const char *content, const char *src, const char *target)
{
	const char *at = target + strlen(content) + 1; /* "docs/2.dev" */
	const char *own = src + strlen(content) + 1;   /* "docs/v2/_dev" */
	char *name = folio_slug_make(own, strlen(own));
	collection *c = folio_migrate__add_collection(m, src, own, name ? name : "mounted");
	free(name);
	if (!c)
		return;
	char *list = folio_xasprintf("/%s/", at);
	bool taken = false;
	for (size_t i = 0; i + 1 < m->ncols && !taken; i++) {
		const collection *o = &m->cols[i];
		char *url = o->url ? folio_xstrdup(o->url) : folio_xasprintf("/%s/", o->name);
		taken = !strcmp(url, list);
		free(url);
	}
	free(c->url);
	c->url = taken ? folio_xasprintf("/%s/", own) : folio_xstrdup(list);
	free(c->permalink);
	c->permalink = folio_xasprintf("/%s/:path/", at);
	c->undated = true;
	folio_buf_printf(m->notes, "%s is mounted at %s: its pages at /%s/<path>/, as Hugo publishes "
	                 "them%s%s\n", src, target, at, taken ? "; its list at " : "", taken ? c->url : "");
	free(list);
}

/* A folder outside the content mounted at content/<at> ("book"): a
 * collection of its own, its pages at /<at>/<path>/ as Hugo publishes them. */
static void outside_collection(migration *m, const char *src, const char *at)
{
	char *name = folio_slug_make(at, strlen(at));
	collection *c = folio_migrate__add_collection(m, src, at, name ? name : "mounted");
	free(name);
	if (!c)
		return;
	free(c->url);
	c->url = folio_xasprintf("/%s/", at);
	free(c->permalink);
	c->permalink = folio_xasprintf("/%s/:path/", at);
	c->undated = true;
	json_array_append_new(m->mounted, json_string(src));
	folio_buf_printf(m->notes, "%s is mounted at content/%s: its pages at /%s/<path>/, as Hugo publishes "
	                 "them\n", src, at, at);
}

/*
 * A folder of the repository outside the content, mounted into it
 * (git-scm.com mounts external/docs/content at content and
 * external/book/content/book at content/book): at content, each of its
 * folders a section; below, the folder a section. Files at the top of a
 * mount at content are not read, and said.
 */
static void outside_mount(migration *m, const char *src, const char *target)
{
	if (strcmp(target, "content")) {
		outside_collection(m, src, target + 8);
		return;
	}
	size_t n, skipped = 0;
	char **names = folio_migrate__list_dir(m, src, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(src, names[i]);
		if (names[i][0] != '.' && folio_migrate__is_dir(m, sub))
			outside_collection(m, sub, names[i]);
		else
			skipped++;
		free(sub);
	}
	folio_migrate__free_names(names, n);
	if (skipped)
		folio_buf_printf(m->notes, "%s is mounted at content: its %zu files beside its folders are not "
		                 "read\n", src, skipped);
}

/* Is dir a mounted folder, or a folder holding one? */
static bool holds_mounted(const migration *m, const char *dir, bool *exactly)
{
	size_t i, n = strlen(dir);
	json_t *v;
	*exactly = false;
	json_array_foreach(m->mounted, i, v) {
		const char *src = json_string_value(v);
		if (!strcmp(src, dir))
			*exactly = true;
		else if (!strncmp(src, dir, n) && src[n] == '/')
			return true;
	}
	return *exactly;
}

void folio_migrate__exclude_but_mounted(migration *m, const char *top)
{
	bool exactly;
	if (!holds_mounted(m, top, &exactly)) {
		folio_migrate__exclude(m, top);
		return;
	}
	if (exactly)
		return;
	size_t n;
	char **names = folio_migrate__list_dir(m, top, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(top, names[i]);
		folio_migrate__exclude_but_mounted(m, sub);
		free(sub);
	}
	folio_migrate__free_names(names, n);
}

/* Mounts from outside the site named one a line; past these, counted. */
#define OUTSIDE_NAMED 3

void folio_migrate__hugo_mounts(migration *m, const char *content)
{
	const json_t *mounts = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "module"), "mounts");
	size_t i, outside = 0;
	json_t *mount;
	json_array_foreach(mounts, i, mount) {
		char *src = mount_path(mount, "source"), *target = mount_path(mount, "target");
		const char *raw = folio_migrate__get_text(mount, "source");
		/* dapr's docs mount each SDK's from a submodule: ../sdkdocs/python/...;
		 * a results site 44 files a build step writes (../data/de01/de01.md):
		 * the first few named, the others counted */
		if (!src && raw && target && !strncmp(target, "content", 7) && (!target[7] || target[7] == '/') &&
		    ++outside <= OUTSIDE_NAMED)
			folio_buf_printf(m->notes, "%s: Hugo mounts %s there, outside the site's folder (a file above it, "
			                 "or a submodule): "
			                 "its pages are not read, and links to them are refused\n", target, raw);
		/* a mount naming its languages (lang:, sites:) is a language's
		 * folder (migrate_plan.c), not a section: its files: patterns are
		 * read when it is the default language's */
		bool languages = folio_migrate__get_ci(mount, "lang") || folio_migrate__get_ci(mount, "sites");
		if (src && target && (!languages || !strcmp(src, content))) {
			if (!strcmp(src, content) && !strcmp(target, "content")) {
				mount_files(m, mounts, content, mount, src);
			} else if (below(src, content) && !strncmp(target, "content/", 8) &&
			           strlen(target) > 8 && folio_migrate__is_dir(m, src)) {
				char *at = folio_xasprintf("%s/%s", content, target + 8);
				/* content/articles at content/articles (a submodule's
				 * folder, named so that its files: apply) moves nothing:
				 * the folder's own collection holds its pages, a second
				 * one of the same folder is refused */
				if (strcmp(at, src))
					mount_collection(m, content, src, at);
				mount_files(m, mounts, content, mount, src);
				free(at);
			} else if (strcmp(src, content) && !below(content, src) && !below(src, content) &&
			           (!strcmp(target, "content") || (!strncmp(target, "content/", 8) && target[8])) &&
			           folio_migrate__is_dir(m, src)) {
				outside_mount(m, src, target);
			}
		}
		free(src);
		free(target);
	}
	if (outside > OUTSIDE_NAMED)
		folio_buf_printf(m->notes, "%zu more of Hugo's mounts of content are outside the site's folder: "
		                 "their pages are not read either\n", outside - OUTSIDE_NAMED);
}

/* Exclude each file below the theme's folder dir that a folder of shadows
 * (the site's content, an earlier theme's) has at the same path rel: Hugo
 * reads the first mount's. The count of them. */
static size_t exclude_shadowed(migration *m, const json_t *shadows, const char *dir, const char *rel, int depth)
{
	size_t n, count = 0;
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(dir, names[i]);
		char *below = rel ? folio_xasprintf("%s/%s", rel, names[i]) : folio_xstrdup(names[i]);
		if (folio_migrate__is_dir(m, sub)) {
			if (depth < 64)
				count += exclude_shadowed(m, shadows, sub, below, depth + 1);
		} else {
			size_t k;
			json_t *v;
			bool there = false;
			json_array_foreach(shadows, k, v) {
				char *other = folio_xasprintf("%s/%s", json_string_value(v), below);
				there = there || folio_migrate__exists(m, other);
				free(other);
			}
			if (there && !folio_migrate__is_excluded(m, sub)) {
				folio_migrate__exclude(m, sub);
				count++;
			}
		}
		free(below);
		free(sub);
	}
	folio_migrate__free_names(names, n);
	return count;
}

/* Exclude the files below dir that are no page, outside leaf bundles (a
 * bundle's files stand beside its page): in the theme's own collections
 * they would be below its list's folder, where Hugo's are not. The count. */
static size_t exclude_loose_files(migration *m, const char *dir, int depth)
{
	size_t n, count = 0;
	char **names = folio_migrate__list_dir(m, dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(dir, names[i]);
		if (folio_migrate__is_dir(m, sub)) {
			if (depth < 64 && !folio_migrate__leaf_bundle(m, sub))
				count += exclude_loose_files(m, sub, depth + 1);
		} else if (names[i][0] != '.' && !folio_migrate__is_content_name(m, names[i]) &&
		           !folio_migrate__is_excluded(m, sub)) {
			folio_migrate__exclude(m, sub);
			count++;
		}
		free(sub);
	}
	folio_migrate__free_names(names, n);
	return count;
}

/* A theme's content folder src: each folder a section at /<name>/, the
 * pages at its top each at /<name>/ as the site's own, none of them in a
 * list when the site has that section or root pages already (Hugo's list
 * holds both, folio's collection one folder). */
static void theme_content(migration *m, const char *content, const char *src, const json_t *shadows)
{
	size_t shadowed = exclude_shadowed(m, shadows, src, NULL, 0), loose = 0;
	size_t n;
	bool top_pages = false;
	char **names = folio_migrate__list_dir(m, src, &n);
	for (size_t i = 0; i < n; i++) {
		char *sub = folio_migrate__join_rel(src, names[i]);
		char *own = folio_migrate__join_rel(content, names[i]);
		bool folder = folio_migrate__is_dir(m, sub);
		if (names[i][0] == '.' || folio_migrate__is_excluded(m, sub)) {
			/* a dot file Hugo skips; a file the site's shadows */
		} else if (folder && folio_migrate__leaf_bundle(m, sub)) {
			top_pages = true; /* a page at the top, at /<name>/ */
		} else if (folder && folio_migrate__holds_markdown(m, sub, 0)) {
			collection *c = folio_migrate__add_collection(m, sub, names[i], NULL);
			if (c) {
				free(c->permalink);
				c->permalink = folio_xasprintf("/%s/:path/", names[i]);
				c->undated = true;
				/* the site's section keeps its list: the theme's pages
				 * stand at their addresses, in no list (folio's list is
				 * of one folder, where Hugo's holds both) */
				bool site_section = folio_migrate__is_dir(m, own);
				free(c->url);
				c->url = folio_xasprintf("/%s/", site_section ? c->name : names[i]);
				c->unlisted = site_section;
				if (site_section)
					loose += exclude_loose_files(m, sub, 0);
			}
		} else if (folder) {
			/* no page in it (the event theme's content adapters,
			 * _content.gotmpl, which Hugo 0.126 runs and 0.111 copies):
			 * its files would be below the collection's folder */
			folio_migrate__exclude(m, sub);
			loose++;
		} else if (!strncmp(names[i], "_index.", 7) && folio_migrate__is_content_name(m, names[i])) {
			/* the home page's text: folio's is the site's content folder's */
			folio_migrate__exclude(m, sub);
			folio_buf_printf(m->notes, "%s, the home page's text, is left out: folio reads it from "
			                 "%s only\n", sub, content);
		} else if (folio_migrate__is_content_name(m, names[i])) {
			top_pages = true;
		} else {
			folio_migrate__exclude(m, sub);
			loose++;
		}
		free(own);
		free(sub);
	}
	folio_migrate__free_names(names, n);
	if (top_pages) {
		collection *c = folio_migrate__add_collection(m, src, "Pages", "pages");
		if (c)
			folio_migrate__root_pages(c);
	}
	json_array_append_new(m->mounted, json_string(src));
	folio_buf_printf(m->notes, "%s is the theme's content, which Hugo reads beneath %s: its pages at "
	                 "their paths as Hugo publishes them", src, content);
	if (shadowed)
		folio_buf_printf(m->notes, ", but %zu %s the site has at the same path, left out", shadowed,
		                 shadowed == 1 ? "file" : "files");
	if (loose)
		folio_buf_printf(m->notes, "; %zu of its files or folders without pages, beside its pages at "
		                 "the top or in a section the site has too, left out", loose);
	folio_buf_puts(m->notes, "\n");
}

void folio_migrate__hugo_theme_content(migration *m, const char *content)
{
	json_t *themes = folio_migrate__theme_folders(m, "content");
	json_t *shadows = json_pack("[s]", content);
	size_t i;
	json_t *v;
	json_array_foreach(themes, i, v) {
		const char *src = json_string_value(v);
		theme_content(m, content, src, shadows);
		json_array_append(shadows, v); /* the first theme wins over the next */
	}
	json_decref(shadows);
	json_decref(themes);
}
