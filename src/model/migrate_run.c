/*
 * folio_migrate() (folio/migrate.h): the migration from start to end. It
 * plans the collections (migrate_plan.c), reads their pages (migrate.c),
 * the redirects (migrate_redirects.c), writes folio.yaml (migrate_write.c)
 * and a schema per collection. It sits above the module's other files, so
 * each of them is called from here and none calls back (issue 12).
 */
#include "folio/migrate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/common.h"
#include "folio/infer.h"
#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

static void migration_dispose(migration *m)
{
	for (size_t i = 0; i < m->ncols; i++) {
		collection *c = &m->cols[i];
		free(c->name);
		free(c->folder);
		free(c->url);
		free(c->label);
		free(c->not_date);
		free(c->note);
		free(c->permalink);
		free(c->categories);
		free(c->list_url);
		folio_infer_free(c->inf);
	}
	free(m->cols);
	json_decref(m->cfg);
	json_decref(m->exclude);
	json_decref(m->copy);
	json_decref(m->link_hooks);
	json_decref(m->site_keys);
	json_decref(m->terms);
	json_decref(m->embeds);
	json_decref(m->redirects);
	json_decref(m->redirect_froms);
	json_decref(m->page_redirects);
	json_decref(m->archive_permalinks);
	json_decref(m->claimed);
	json_decref(m->mounted);
	json_decref(m->languages);
	json_decref(m->liquid_feeds);
	json_decref(m->unlaid);
	folio_migrate__free_ignore(m);
	free(m->content);
	free(m->source);
	free(m->source_dir);
	free(m->odd_category);
}

/* A file init writes, by its path in the site: below the site's folder
 * when it is a source: of the folder given. Caller frees. */
static char *written_path(const migration *m, const char *path)
{
	return m->source ? folio_xasprintf("%s/%s", m->source, path) : folio_xstrdup(path);
}

/* A collection's pages in each language's contentDir: content/fr/posts for
 * content/en/posts, read into the same schema (a translation's values too). */
static void read_translated_pages(migration *m, collection *c)
{
	size_t i;
	json_t *lang;
	json_array_foreach(m->languages, i, lang) {
		char *folder = folio_migrate__in_language_dir(m, c->folder, lang);
		if (folder && folio_migrate__is_dir(m, folder))
			folio_migrate__read_pages(m, c, folder, 0);
		free(folder);
	}
}

/* Hugo's frontmatter: date: a handler or a list of them, or NULL. */
static const json_t *date_handlers(const migration *m)
{
	json_t *fm = folio_migrate__get_ci(m->cfg, "frontmatter");
	return json_is_object(fm) ? folio_migrate__get_ci(fm, "date") : NULL;
}

/* Does Hugo's frontmatter: date: list ":filename" (velero's [":filename",
 * ":default"]): a file named 2020-05-27-x.md is x, of that date? */
static bool filename_dates(const migration *m)
{
	const json_t *date = date_handlers(m);
	size_t n = json_is_array(date) ? json_array_size(date) : 1;
	for (size_t i = 0; i < n; i++) {
		const char *h = json_string_value(json_is_array(date) ? json_array_get(date, i) : date);
		if (h && !strcasecmp(h, ":filename"))
			return true;
	}
	return false;
}

/* The key Hugo's frontmatter: date: list names first, a page's date
 * (thinegen's ["publishDate", "date", "lastmod"]: its posts have only
 * publishDate, their permalink's :year from it); "date" when it names
 * none, or ":filename", ":default" and the like first. */
static const char *hugo_date_key(const migration *m)
{
	const json_t *date = date_handlers(m);
	const char *first = json_string_value(json_is_array(date) ? json_array_get(date, 0) : date);
	return first && *first && first[0] != ':' && strlen(first) == strspn(first, "abcdefghijklmnopqrstuvwxyz"
	                                                                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-")
	               ? first : "date";
}

/* Jekyll reads the date: of a document (a post, a collection's) and
 * refuses one that is none; a page's, in a plain folder, is data
 * (artsy.github.io's post template has "date: YYYY-MM-DD"). Such a folder
 * with a page whose date is none is no dated collection: it is sorted by
 * title, and its date: is checked by its schema alone. */
static void page_dates_are_data(migration *m, collection *c)
{
	const char *last = strrchr(c->folder, '/');
	last = last ? last + 1 : c->folder;
	if (m->from != FOLIO_FROM_JEKYLL || c->posts || last[0] == '_' || !c->not_dates)
		return;
	folio_buf_printf(m->notes, "collection %s: the date: of %zu of its pages is no date (%s); a Jekyll page's "
	                 "date is data, so its pages are sorted by title\n", c->name, c->not_dates, c->not_date);
	c->dates = 0;
}

int folio_migrate(folio_migrate_from from, const char *dir, const char *configs,
                  int (*cb)(const char *path, const char *data, size_t len, void *payload),
                  void *payload, folio_buf *notes)
{
	if (configs && from != FOLIO_FROM_JEKYLL)
		return folio_error_set("%s: configuration files are named for a Jekyll site only (Hugo's "
		                       "are found in its folder)", dir);
	migration m = { .from = from, .dir = dir, .configs = configs, .notes = notes };
	m.exclude = json_array();
	m.copy = json_array();
	m.link_hooks = json_array();
	m.site_keys = json_object();
	m.embeds = json_array();
	m.redirects = json_array();
	m.redirect_froms = json_object();
	m.page_redirects = json_array();
	m.mounted = json_array();
	m.languages = json_array();
	m.liquid_feeds = json_array();
	int rc = !folio_fs_is_dir(dir) ? folio_error_set("%s: no such folder", dir)
	         : from == FOLIO_FROM_HUGO ? folio_migrate__plan_hugo(&m) : folio_migrate__plan_jekyll(&m);
	if (rc >= 0 && !m.ncols)
		rc = folio_error_set("%s: no folder of Markdown pages was found, so there is no collection",
		                     dir);
	if (rc >= 0)
		folio_migrate__exclude_links(&m, "", 0);
	if (rc >= 0)
		folio_migrate__distinct_lists(&m);
	if (rc >= 0 && from == FOLIO_FROM_HUGO)
		folio_migrate__compile_ignore(&m, folio_migrate__get_ci(m.cfg, "ignoreFiles"));
	m.date_key = rc >= 0 && from == FOLIO_FROM_HUGO ? hugo_date_key(&m) : "date";
	bool name_dates = rc >= 0 && from == FOLIO_FROM_HUGO && filename_dates(&m);
	for (size_t i = 0; name_dates && i < m.ncols; i++)
		m.cols[i].name_dates = true;
	for (size_t i = 0; rc >= 0 && i < m.ncols; i++) {
		folio_migrate__read_pages(&m, &m.cols[i], m.cols[i].folder, 0);
		read_translated_pages(&m, &m.cols[i]);
	}
	for (size_t i = 0; rc >= 0 && i < m.ncols; i++)
		page_dates_are_data(&m, &m.cols[i]);
	if (rc >= 0)
		folio_migrate__exclude_unlaid(&m);
	if (rc >= 0) {
		folio_migrate__read_redirects(&m);
		folio_migrate__default_language_redirect(&m);
		/* Apache's: Jekyll copies the root's .htaccess, Hugo static/'s */
		folio_migrate__read_rules(&m, m.from == FOLIO_FROM_HUGO ? "static/.htaccess" : ".htaccess",
		                          folio_migrate__htaccess_text);
		folio_migrate__redirects_end(&m);
	}
	/* a section's own url: (Hugo's _index.md) is where its list is: url:
	 * is the list's alone when its pages are placed by a permalink; with
	 * none, they keep the section's folder ("/posts/:path/"), as in Hugo */
	for (size_t i = 0; i < m.ncols; i++) {
		collection *c = &m.cols[i];
		if (c->list_url && !c->permalink && !c->note && c->url && strcmp(c->url, c->list_url) &&
		    m.from == FOLIO_FROM_HUGO) {
			c->permalink = folio_xasprintf("%s:path/", c->url);
			c->undated = true;
		}
		if (c->list_url && c->permalink && (c->dates || c->undated)) {
			free(c->url);
			c->url = folio_xstrdup(c->list_url);
		}
	}
	if (rc >= 0) {
		char *config = folio_migrate__site_config(&m);
		char *path = written_path(&m, "folio.yaml");
		rc = cb(path, config, strlen(config), payload);
		free(path);
		free(config);
	}
	for (size_t i = 0; rc >= 0 && i < m.ncols; i++) {
		collection *c = &m.cols[i];
		json_t *schema = folio_infer_schema(c->inf, c->label);
		/* lists are sorted by title (or date): a field the schema must name */
		json_t *props = json_object_get(schema, "properties");
		if (!json_object_get(props, "title"))
			json_object_set_new(props, "title", json_pack("{s:s}", "type", "string"));
		/* posts awaited, none seen: the date their names give, which the
		 * feed and the list are ordered by */
		if (c->awaited && !json_object_get(props, "date")) {
			json_object_set_new(props, "date", json_pack("{s:s,s:[{s:s},{s:s}]}", "type", "string", "anyOf",
			                                             "format", "date", "format", "date-time"));
			json_array_append_new(json_object_get(schema, "required"), json_string("date"));
		}
		/* a book's isbn is checked as one (range and check digit, as folio
		 * isbn does), which a catalogue migrated without it never was: a
		 * publisher's ten ISBNs, all hyphenated wrongly, passed. Not the
		 * inference's: its schema accepts every page it saw */
		const char *key;
		json_t *prop;
		json_object_foreach(props, key, prop)
			if (!strcasecmp(key, "isbn") && json_is_string(json_object_get(prop, "type")) &&
			    !strcmp(json_string_value(json_object_get(prop, "type")), "string") &&
			    !json_object_get(prop, "enum") && !json_object_get(prop, "anyOf"))
				json_object_set_new(prop, "format", json_string("isbn"));
		char *text = json_dumps(schema, JSON_INDENT(2));
		char *name = folio_xasprintf("schemas/%s.json", c->name);
		char *path = written_path(&m, name);
		free(name);
		folio_buf_printf(notes, "collection %s: %zu pages in %s/%s%s, schema %s\n", c->name,
		                 folio_infer_pages(c->inf), c->folder, c->url ? ", at " : "",
		                 c->url ? c->url : "", path);
		if (c->note)
			folio_buf_printf(notes, "collection %s: %s\n", c->name, c->note);
		size_t len = strlen(text);
		text = folio_xrealloc(text, len + 2);
		text[len] = '\n';
		text[len + 1] = '\0';
		rc = cb(path, text, len + 1, payload);
		free(path);
		free(text);
		json_decref(schema);
	}
	if (rc >= 0 && m.source) { /* the top names the site's folder (model/site_folder.c) */
		char *pointer = folio_xasprintf("# The site is the folder %s/, as Jekyll's source: says; its settings are "
		                                "in %s/folio.yaml.\nsite_folder: %s\n", m.source, m.source, m.source);
		rc = cb("folio.yaml", pointer, strlen(pointer), payload);
		free(pointer);
	}
	if (rc >= 0 && m.html_pages > 20)
		folio_buf_printf(notes, "and %zu more pages written in HTML and Liquid, not published\n",
		                 m.html_pages - 20);
	if (rc >= 0 && m.odd_categories)
		folio_buf_printf(notes, "%zu pages (%s, ...) have a category that is no plain folder name (a space, "
		                 "a '/'): Jekyll writes it in their address (/code4lib%%202006/...), folio leaves it "
		                 "out; redirect_from: in each keeps its old address\n", m.odd_categories, m.odd_category);
	if (rc >= 0 && m.jekyll_unread)
		folio_buf_printf(notes, "%zu files of collections that Jekyll does not read (a name starting with '_', "
		                 "a post without a date in its name) are in exclude:\n", m.jekyll_unread);
	if (rc >= 0 && m.backups)
		folio_buf_printf(notes, "%zu files whose names Hugo does not read (an editor's backup or autosave, "
		                 "a name ending in '~' or starting with '#') are in exclude:\n", m.backups);
	if (rc >= 0 && m.ignored)
		folio_buf_printf(notes, "%zu files and folders that Hugo's ignoreFiles leaves out are in exclude:\n", m.ignored);
	if (rc >= 0 && m.other_markup)
		folio_buf_printf(notes, "%zu pages named .mdown or .mkd are not read: folio reads .md and .markdown\n",
		                 m.other_markup);
	migration_dispose(&m);
	return rc < 0 ? rc : 0;
}
