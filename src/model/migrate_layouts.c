/*
 * Hugo's layouts, as far as they decide whether a page is written at all.
 * Hugo 0.111 looks a regular page's template up in layouts/<type>/ then
 * layouts/_default/ (the site's, then each theme's), named by its layout:
 * or "single"; its type is its type: or its section ("page" at the content
 * root). When none is found it writes no page, a warning only: a theme's
 * "block" types that only a list layout includes (datacthemist's
 * block_image-list). init leaves such pages out, as it does those whose
 * build.render is never. It does so only when the site's layouts are all
 * here: every theme in themes/, every folder module.mounts mounts at
 * layouts/ in the site, a _default/ folder or an index.html among them,
 * and no cascade: that could set a type or a layout. The pages are noted
 * as they are read (migrate.c), looked up once all are.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/banned.h"

/* The number of themes the configuration names (theme:, module.imports). */
static size_t themes_named(const migration *m)
{
	const json_t *themes = folio_migrate__get_ci(m->cfg, "theme");
	const json_t *imports = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "module"), "imports");
	size_t n = 0, i;
	json_t *t;
	if (json_is_array(themes)) {
		json_array_foreach(themes, i, t)
			n += json_string_value(t) && *json_string_value(t);
	} else {
		n += json_string_value(themes) && *json_string_value(themes);
	}
	if (json_is_array(imports))
		json_array_foreach(imports, i, t) {
			const char *path = folio_migrate__get_text(t, "path");
			n += path && *path;
		}
	return n;
}

/* In roots' folder dir (any case), a file named name.<...>.html (any
 * .html file when name is NULL)? */
static bool has_template(const migration *m, const json_t *roots, const char *dir, const char *name)
{
	size_t i, len = name ? strlen(name) : 0;
	json_t *root;
	json_array_foreach(roots, i, root) {
		size_t nd, nf;
		char **dirs = folio_migrate__list_dir(m, json_string_value(root), &nd);
		bool found = false;
		for (size_t d = 0; d < nd && !found; d++) {
			if (strcasecmp(dirs[d], dir))
				continue;
			char *sub = folio_migrate__join_rel(json_string_value(root), dirs[d]);
			char **files = folio_migrate__list_dir(m, sub, &nf);
			for (size_t f = 0; f < nf && !found; f++) {
				size_t fl = strlen(files[f]);
				found = fl >= len + 5 && !strcasecmp(files[f] + fl - 5, ".html") &&
				        (!name || (!strncasecmp(files[f], name, len) && files[f][len] == '.'));
			}
			folio_migrate__free_names(files, nf);
			free(sub);
		}
		folio_migrate__free_names(dirs, nd);
		if (found)
			return true;
	}
	return false;
}

/* Is the n bytes at path dir or a folder below it (any case)? */
static bool below_dir(const char *path, size_t n, const char *dir)
{
	size_t len = strlen(dir);
	return n >= len && !strncasecmp(path, dir, len) && (n == len || path[len] == '/');
}

/*
 * The folders module.mounts mounts at layouts/ added to roots; false when
 * one is not in the site (Doks' node_modules/@hyas/doks/layouts, which
 * npm writes: its _default/single.html unseen, les-bacots' pages were left
 * out) or mounts below layouts/ but at partials/ or shortcodes/, whose
 * templates' places folio does not follow. The site's own layouts/
 * mounted there is in roots already.
 */
static bool mounted_layouts_here(const migration *m, json_t *roots)
{
	const json_t *mounts = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "module"), "mounts");
	size_t i;
	json_t *mount;
	json_array_foreach(mounts, i, mount) {
		const char *target = folio_migrate__get_text(mount, "target");
		const char *source = folio_migrate__get_text(mount, "source");
		size_t n = target ? strlen(target) : 0;
		while (n && target[n - 1] == '/')
			n--;
		if (n < 7 || strncasecmp(target, "layouts", 7) || (n > 7 && target[7] != '/'))
			continue;
		/* partials and shortcodes write no page (regisphilibert.com's
		 * func/ at layouts/partials/func) */
		if (n > 7 && (below_dir(target + 8, n - 8, "partials") || below_dir(target + 8, n - 8, "shortcodes")))
			continue;
		size_t sn = source ? strlen(source) : 0;
		while (sn && source[sn - 1] == '/')
			sn--;
		if (sn == 7 && !strncmp(source, "layouts", 7) && n == 7)
			continue;
		if (n > 7 || !sn || source[0] == '/' || strstr(source, ".."))
			return false;
		char *src = folio_xstrndup(source, sn);
		bool here = folio_migrate__is_dir(m, src);
		if (here)
			json_array_append_new(roots, json_string(src));
		free(src);
		if (!here)
			return false;
	}
	return true;
}

void folio_migrate__exclude_unlaid(migration *m)
{
	json_t *roots = folio_migrate__theme_folders(m, "layouts"), *themes = folio_migrate__theme_folders(m, ".");
	bool known = m->unlaid && !m->cascade_layouts && !folio_migrate__get_ci(m->cfg, "cascade") &&
	             json_array_size(themes) == themes_named(m);
	json_array_insert_new(roots, 0, json_string("layouts"));
	known = known && mounted_layouts_here(m, roots);
	/* layouts that write pages: an index.html, or a template in _default/
	 * (not a folder of render hooks alone, _default/_markup/) */
	bool any = false;
	size_t i;
	json_t *root;
	json_array_foreach(roots, i, root) {
		char *index = folio_migrate__join_rel(json_string_value(root), "index.html");
		json_t *one = json_pack("[O]", root);
		any = any || folio_migrate__exists(m, index) || has_template(m, one, "_default", NULL);
		json_decref(one);
		free(index);
	}
	/* the answer for each type and layout, found once */
	json_t *found = json_object(), *page;
	size_t left = 0;
	json_array_foreach(known && any ? m->unlaid : NULL, i, page) {
		const char *type = json_string_value(json_object_get(page, "type"));
		const char *layout = json_string_value(json_object_get(page, "layout"));
		char *key = folio_xasprintf("%s\n%s", type, layout ? layout : "");
		json_t *v = json_object_get(found, key);
		if (!v) {
			bool has = has_template(m, roots, type, "single") || has_template(m, roots, "_default", "single") ||
			           (layout && (has_template(m, roots, type, layout) ||
			                       has_template(m, roots, "_default", layout)));
			json_object_set_new(found, key, v = json_boolean(has));
		}
		free(key);
		if (json_is_true(v))
			continue;
		const char *rel = json_string_value(json_object_get(page, "rel"));
		if (!left++)
			folio_buf_printf(m->notes, "%s: no layout writes it (no single.html for its type \"%s\", nor in "
			                 "_default/): Hugo writes no page of it; excluded\n", rel, type);
		folio_migrate__exclude(m, rel);
	}
	if (left > 1)
		folio_buf_printf(m->notes, "and %zu more pages without a layout, excluded\n", left - 1);
	json_decref(found);
	json_decref(roots);
	json_decref(themes);
}
