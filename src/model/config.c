/*
 * folio.yaml: parse, fill in defaults, validate, and report every problem
 * at the offending value (or key) with FOLIO_RULE_CONFIG_SYNTAX.
 *
 * A config is handed out only when no problem was found, so every field
 * of a returned folio_config is valid: names match [a-z0-9-]+ and are
 * unique, folders are relative, normalised (no trailing "/") and unique,
 * partner collections exist. Validation goes on after a problem so that
 * one run reports them all. This file: collections, partners, limits,
 * the site, the queries; config_check.c: the checker and typed values;
 * config_rules.c: rules: and ignore:; config_outputs.c: JSON-LD,
 * taxonomies, languages, embeds, exclude: and copy:.
 */
#include "folio/config.h"
#include "model/config_check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "folio/markdown.h"
#include "folio/path.h"
#include "folio/yaml.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/glob.h"
#include "util/dates.h"
#include "util/search.h"
#include "util/text.h"
#include "util/banned.h"

/* The known keys of each section, from the one table of keys (also docs/config.md). */
static const char *const SITE_KEYS[] = {
#define CONFIG_KEY(section, name, type, dflt, desc) FOLIO_CONFIG_KEY_##section(name)
#define FOLIO_CONFIG_KEY_SITE(name) name,
#define FOLIO_CONFIG_KEY_COLLECTION(name)
#define FOLIO_CONFIG_KEY_PARTNER(name)
#include "folio/config_keys.def"
#undef FOLIO_CONFIG_KEY_SITE
#undef FOLIO_CONFIG_KEY_COLLECTION
#undef FOLIO_CONFIG_KEY_PARTNER
	NULL,
};
static const char *const COLLECTION_KEYS[] = {
#define FOLIO_CONFIG_KEY_SITE(name)
#define FOLIO_CONFIG_KEY_COLLECTION(name) name,
#define FOLIO_CONFIG_KEY_PARTNER(name)
#include "folio/config_keys.def"
#undef FOLIO_CONFIG_KEY_SITE
#undef FOLIO_CONFIG_KEY_COLLECTION
#undef FOLIO_CONFIG_KEY_PARTNER
	NULL,
};
static const char *const PARTNER_KEYS[] = {
#define FOLIO_CONFIG_KEY_SITE(name)
#define FOLIO_CONFIG_KEY_COLLECTION(name)
#define FOLIO_CONFIG_KEY_PARTNER(name) name,
#include "folio/config_keys.def"
#undef FOLIO_CONFIG_KEY_SITE
#undef FOLIO_CONFIG_KEY_COLLECTION
#undef FOLIO_CONFIG_KEY_PARTNER
#undef CONFIG_KEY
	NULL,
};

/* ---- collections ---- */

/* The path part of a base URL ("/WAI" of https://www.w3.org/WAI), without
 * its trailing slash; NULL for none. Caller frees. */
static char *base_path_of(const char *base_url)
{
	const char *host = base_url ? strstr(base_url, "://") : NULL;
	const char *path = host ? strchr(host + 3, '/') : NULL;
	size_t len = path ? strcspn(path, "?#") : 0;
	while (len && path[len - 1] == '/')
		len--;
	return len ? folio_xstrndup(path, len) : NULL;
}

static void parse_sort(folio_collection *col, char *sort)
{
	col->sort_descending = sort && sort[0] == '-';
	col->sort_field = folio_xstrdup(sort ? sort + col->sort_descending : "title");
	free(sort);
}



/* A permalink segment holding dates (len bytes at seg): dates and the
 * letters, digits, '-', '_' and '.' between them (":year-:month-:day"),
 * the last one maybe ending with :slug (":year-:month-:day-:slug"). */
static bool dated_segment(const char *seg, size_t len, bool last, bool *slug)
{
	bool dates = false;
	for (size_t i = 0; i < len;) {
		size_t k = folio_layout_date_token(seg + i, len - i);
		if (k) {
			dates = true;
			i += k;
		} else if (last && dates && len - i == 5 && !strncmp(seg + i, ":slug", 5)) {
			*slug = true;
			i += 5;
		} else if ((seg[i] >= 'a' && seg[i] <= 'z') || (seg[i] >= 'A' && seg[i] <= 'Z') ||
		           (seg[i] >= '0' && seg[i] <= '9') || seg[i] == '-' || seg[i] == '_' || seg[i] == '.') {
			i++;
		} else {
			return false;
		}
	}
	return dates;
}

/*
 * A permalink: "/" then segments, each a name, or dates (:year, :month,
 * :day) with names between them (":year-:month-:day", Jekyll's
 * "/news/:year-:month-:day/:title/"), the last one :slug (the page's name,
 * maybe after dates: ":year-:month-:day-:slug") or :path (its path in the
 * folder, as "2023/x"). Without dates it places pages apart from the list:
 * Hugo's pages at the root ("/:slug/"), a section whose list has a url: of
 * its own ("/posts/:path/" with url: /archives/). A segment :categories is
 * the page's categories, a folder each, as Jekyll's default permalink has.
 */
static bool is_permalink(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || s[0] != '/' || s[n - 1] != '/')
		return false;
	bool slug = false, dated_last = false;
	for (const char *seg = s + 1; *seg;) {
		size_t len = strcspn(seg, "/");
		if (!len || slug)
			return false; /* "//", or a segment after :slug */
		bool last = !seg[len + 1];
		dated_last = false;
		if (len == 5 && (!strncmp(seg, ":slug", 5) || !strncmp(seg, ":path", 5))) {
			slug = true;
		} else if (len == 11 && !strncmp(seg, ":categories", 11)) {
			/* the page's categories, a folder each (none: no segment) */
		} else if (memchr(seg, ':', len)) {
			if (!dated_segment(seg, len, last, &slug))
				return false;
			dated_last = true;
		} else {
			char *name = folio_xstrndup(seg, len);
			bool ok = folio_config__is_relative_path(name);
			free(name);
			if (!ok)
				return false;
		}
		seg += len + 1;
	}
	/* or dates last, naming no page: Hugo's /:section/:year/:month/
	 * (neovim.io's news, one a month; two in one month clash) */
	return slug || dated_last;
}

/* categories: [News]: names, each a URL segment of its own (no '/'),
 * put before a page's own in :categories. */
static void parse_categories(checker *c, folio_collection *col, json_t *obj, const char *base)
{
	json_t *v = json_object_get(obj, "categories"), *item;
	char *ptr = folio_config__pointer_join(base, "categories");
	size_t i;
	if (v && !json_is_array(v))
		folio_config__problem(c, ptr, false, "write [news, ...]", "\"categories\" must be a list of names");
	if (json_is_array(v) && json_array_size(v))
		col->categories = folio_xcalloc(json_array_size(v), sizeof(*col->categories));
	json_array_foreach(json_is_array(v) ? v : NULL, i, item) {
		const char *s = json_string_value(item);
		if (!s || !*s || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, "..")) {
			char *at = folio_config__pointer_index(ptr, i);
			folio_config__problem(c, at, false, "write a name such as news",
			                      "a category is a name, one segment of a URL");
			free(at);
		} else {
			col->categories[col->ncategories++] = folio_xstrdup(s);
		}
	}
	free(ptr);
}

/* ugly_urls: true (pages and lists at .html, Hugo's uglyURLs), pages (the
 * pages only, the lists at their folders: Jekyll's pages in a folder,
 * /docs/x.html beside /docs/ of docs/index.md) or false. */
static void parse_ugly_urls(checker *c, folio_collection *col, json_t *obj, const char *base)
{
	json_t *v = json_object_get(obj, "ugly_urls");
	if (json_is_string(v) && !strcmp(json_string_value(v), "pages")) {
		col->ugly_urls = true;
		return;
	}
	if (json_is_string(v)) {
		char *ptr = folio_config__pointer_join(base, "ugly_urls");
		folio_config__problem(c, ptr, false, "write true, false or pages",
		                      "\"ugly_urls\" is \"%s\", neither true, false nor pages", json_string_value(v));
		free(ptr);
		return;
	}
	col->ugly_urls = folio_config__get_bool(c, obj, base, "ugly_urls", false);
	col->ugly_lists = col->ugly_urls;
}

/* A key of two values, dflt or alt: true for alt. hint says what alt is for. */
static bool parse_either(checker *c, json_t *obj, const char *base, const char *key, const char *dflt,
                         const char *alt, const char *hint)
{
	char *v = folio_config__get_string(c, obj, base, key, dflt);
	bool is_alt = v && !strcmp(v, alt);
	if (v && !is_alt && strcmp(v, dflt)) {
		char *ptr = folio_config__pointer_join(base, key);
		folio_config__problem(c, ptr, false, hint, "\"%s\" is \"%s\", neither %s nor %s", key, v,
		                      dflt, alt);
		free(ptr);
	}
	free(v);
	return is_alt;
}

/* pagination: stable or shift (the site's, or a collection's with the site's as its default). */
static bool parse_pagination(checker *c, json_t *obj, const char *base, bool dflt_shift)
{
	bool other = parse_either(c, obj, base, "pagination", dflt_shift ? "shift" : "stable",
	                          dflt_shift ? "stable" : "shift",
	                          FOLIO_N_("write stable, or shift (as Hugo and Jekyll cut pages)"));
	return dflt_shift != other;
}

static void parse_collection(checker *c, folio_collection *col, json_t *obj,
                             const char *base, const folio_config *cfg)
{
	folio_config__check_keys(c, obj, base, COLLECTION_KEYS);
	col->name = folio_config__get_required_string(c, obj, base, "name");
	folio_config__check_string(c, col->name, base, "name", folio_config__is_slug,
	             "use lowercase letters, digits and \"-\"", "a slug [a-z0-9-]+");
	const char *name = col->name ? col->name : "";
	col->folder = folio_config__get_string(c, obj, base, "folder", name);
	if (col->folder)
		folio_config__strip_trailing_slashes(col->folder);
	/* "." is the site root: the pages at the top, as Jekyll's about.md */
	if (col->folder && *col->folder && strcmp(col->folder, "."))
		folio_config__check_string(c, col->folder, base, "folder", folio_config__is_relative_path, NULL,
		             "a folder inside the site");
	col->url = folio_config__get_string(c, obj, base, "url", NULL);
	folio_config__check_string(c, col->url, base, "url", folio_config__is_section_url, "write a site path such as /posts/",
	             "a path of the site that starts and ends with \"/\", other than \"/\"");
	col->label = folio_config__get_string(c, obj, base, "label", name);
	col->schema = folio_config__get_string(c, obj, base, "schema", NULL);
	folio_config__check_string(c, col->schema, base, "schema", folio_config__is_relative_path, NULL,
	             "a file under schemas/");
	col->template_name = folio_config__get_string(c, obj, base, "template", "page");
	folio_config__check_string(c, col->template_name, base, "template", folio_config__is_relative_path, NULL,
	             "a template under templates/");
	col->list_template = folio_config__get_string(c, obj, base, "list_template", "list");
	folio_config__check_string(c, col->list_template, base, "list_template", folio_config__is_relative_path, NULL,
	             "a template under templates/");
	char *sort = folio_config__get_string(c, obj, base, "sort", "title");
	if (sort && !strcmp(sort, "-")) {
		char *ptr = folio_config__pointer_join(base, "sort");
		folio_config__problem(c, ptr, false, "write a field name, \"-\" before it for descending",
		        "\"sort\" names no field");
		free(ptr);
	}
	parse_sort(col, sort);
	col->title_field = folio_config__get_string(c, obj, base, "title_field", "title");
	col->date_field = folio_config__get_string(c, obj, base, "date_field", NULL);
	col->permalink = folio_config__get_string(c, obj, base, "permalink", NULL);
	folio_config__check_string(c, col->permalink, base, "permalink", is_permalink,
	             "write a site path such as /news/:year/:month/:slug/",
	             "a site path of names and :year, :month, :day, ending with :slug/ or :path/");
	/* a permalink with a date part needs date_field */
	if (folio_layout_permalink_dated(col->permalink) && !col->date_field) {
		char *ptr = folio_config__pointer_join(base, "permalink");
		folio_config__problem(c, ptr, false, "add date_field: the field that holds the date",
		        "a permalink with dates needs the collection's date_field");
		free(ptr);
	}
	parse_categories(c, col, obj, base);
	parse_ugly_urls(c, col, obj, base);
	/* what names a page without slug: of its own */
	col->slug_from_title = parse_either(c, obj, base, "slug_from", "file", "title",
	                                    FOLIO_N_("write file, or title (Hugo's :slug)"));
	col->slug_unused = !folio_config__get_bool(c, obj, base, "slug_names", true);
	col->name_dates = folio_config__get_bool(c, obj, base, "name_dates", false);
	col->title_from_name = folio_config__get_bool(c, obj, base, "title_from_name", false);
	col->hold_future = folio_config__get_bool(c, obj, base, "hold_future", false);
	col->slug_keeps_case = parse_either(c, obj, base, "slug_case", "lower", "keep",
	                                    FOLIO_N_("write lower, or keep (Jekyll's :title)"));
	col->slug_dots = folio_config__get_bool(c, obj, base, "slug_dots", cfg->slug_dots);
	col->aliases_key = cfg->aliases_key;
	col->urlize_names = cfg->hugo_links;
	col->remove_path_accents = cfg->remove_path_accents;
	col->slug_letters = parse_either(c, obj, base, "slug_letters", "ascii", "keep",
	                                 FOLIO_N_("write ascii, or keep (as Jekyll keeps them)"));
	col->slug_underscores = parse_either(c, obj, base, "slug_underscores", "dash", "keep",
	                                     FOLIO_N_("write dash, or keep (as Hugo and Jekyll)"));
	col->home = folio_config__get_bool(c, obj, base, "home", false);
	col->unlisted = !folio_config__get_bool(c, obj, base, "list", true);
	col->no_rss = !folio_config__get_bool(c, obj, base, "rss", true);
	col->text_pages = folio_config__get_bool(c, obj, base, "text_pages", false);
	folio_config__parse_jsonld(c, col, obj, base);
	col->page_size = folio_config__get_page_size(c, obj, base, cfg->page_size);
	col->pages_shift = parse_pagination(c, obj, base, cfg->pages_shift);
}

/* Index of the earlier holder of s in set, or -1 after recording i as its holder. */
static json_int_t first_holder(json_t *set, const char *s, size_t i)
{
	json_t *prev = json_object_get(set, s);
	if (prev)
		return json_integer_value(prev);
	json_object_set_new(set, s, json_integer((json_int_t)i));
	return -1;
}

/* Report a name or folder already used by an earlier collection. */
static void check_unique_collection(checker *c, folio_config *cfg, size_t i, json_t *item,
                                    const char *base)
{
	folio_collection *col = &cfg->collections[i];
	if (col->name && first_holder(c->names, col->name, i) >= 0) {
		char *ptr = folio_config__pointer_join(base, "name");
		folio_config__problem(c, ptr, false, NULL, "duplicate collection name \"%s\"", col->name);
		free(ptr);
		return;
	}
	json_int_t prev = col->folder && *col->folder ? first_holder(c->folders, col->folder, i) : -1;
	if (prev >= 0) {
		/* a defaulted folder is reported at the name it came from */
		char *ptr = folio_config__pointer_join(base, json_object_get(item, "folder") ? "folder" : "name");
		const char *other = cfg->collections[prev].name;
		folio_config__problem(c, ptr, false, NULL, "folder \"%s\" is already used by collection \"%s\"",
		        col->folder, other ? other : "");
		free(ptr);
	}
}

/* The site has one home page: a second collection with home: true is refused. */
static void check_one_home(checker *c, const folio_config *cfg, const char *base)
{
	const folio_collection *last = &cfg->collections[cfg->ncollections - 1];
	for (size_t i = 0; last->home && i + 1 < cfg->ncollections; i++)
		if (cfg->collections[i].home) {
			char *ptr = folio_config__pointer_join(base, "home");
			folio_config__problem(c, ptr, false, "keep home: true on one collection",
			                      "collection \"%s\" already holds the home page's text",
			                      cfg->collections[i].name ? cfg->collections[i].name : "");
			free(ptr);
			return;
		}
}

/* The collections by folder, for folio_config_collection_for_path(): each
 * path's collection was found by a scan of them all, 20,000 collections
 * of a pusher's folio.yaml times 20,000 pages (docs/security.md). */
static void index_folders(folio_config *cfg)
{
	cfg->by_folder = folio_xcalloc(cfg->ncollections + 1, sizeof(*cfg->by_folder));
	cfg->root_collection = SIZE_MAX;
	for (size_t i = 0; i < cfg->ncollections; i++) {
		const char *folder = cfg->collections[i].folder;
		if (folder && *folder && strcmp(folder, "."))
			cfg->by_folder[cfg->nby_folder++] = (folio_config_named){ folder, i };
		else if (folder && !strcmp(folder, ".") && cfg->root_collection == SIZE_MAX)
			cfg->root_collection = i;
	}
	folio_sort(cfg->by_folder, cfg->nby_folder, sizeof(*cfg->by_folder), folio_sort_cmp_str);
}

static void parse_collections(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "collections");
	if (!list || json_is_null(list)) {
		folio_config__problem(c, "", false, "list them under \"collections:\", each with a name",
		        "missing required setting \"collections\"");
		return;
	}
	if (!json_is_array(list) || json_array_size(list) == 0) {
		folio_config__problem(c, "/collections", false, "write \"- name: ...\" items",
		        "\"collections\" must be a non-empty list");
		return;
	}
	cfg->collections = folio_xcalloc(json_array_size(list), sizeof(*cfg->collections));
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		char *base = folio_config__pointer_index("/collections", i);
		if (!json_is_object(item)) {
			folio_config__problem(c, base, false, "write \"name: ...\" and the other settings",
			        "a collection must be a mapping of settings");
		} else {
			parse_collection(c, &cfg->collections[cfg->ncollections], item, base, cfg);
			cfg->ncollections++;
			check_unique_collection(c, cfg, cfg->ncollections - 1, item, base);
			check_one_home(c, cfg, base);
		}
		free(base);
	}
	index_folders(cfg);
}

/* ---- partners ---- */

static void parse_partner_collections(checker *c, const folio_config *cfg, folio_partner *p,
                                      json_t *obj, const char *base)
{
	json_t *list = json_object_get(obj, "collections");
	char *ptr = folio_config__pointer_join(base, "collections");
	if (!list || json_is_null(list)) {
		folio_config__problem(c, base, false, NULL, "missing required setting \"collections\"");
	} else if (!json_is_array(list) || json_array_size(list) == 0) {
		folio_config__problem(c, ptr, false, "write [name, ...]",
		        "\"collections\" must be a non-empty list of collection names");
	} else {
		p->collections = folio_xcalloc(json_array_size(list), sizeof(char *));
		size_t i;
		json_t *v;
		json_array_foreach(list, i, v) {
			char *item = folio_config__pointer_index(ptr, i);
			const char *name = json_string_value(v);
			if (!name)
				folio_config__problem(c, item, false, NULL, "a collection name must be a string");
			else if (!folio_config_collection(cfg, name))
				folio_config__problem(c, item, false, NULL, "no collection is named \"%s\"", name);
			else
				p->collections[p->ncollections++] = folio_xstrdup(name);
			free(item);
		}
	}
	free(ptr);
}

static void parse_partner(checker *c, const folio_config *cfg, folio_partner *p,
                          json_t *obj, const char *base)
{
	folio_config__check_keys(c, obj, base, PARTNER_KEYS);
	p->name = folio_config__get_required_string(c, obj, base, "name");
	folio_config__check_string(c, p->name, base, "name", folio_config__is_slug,
	             "use lowercase letters, digits and \"-\"", "a slug [a-z0-9-]+");
	p->url = folio_config__get_required_string(c, obj, base, "url");
	folio_config__check_string(c, p->url, base, "url", folio_config__is_http_url, NULL, "an http or https URL");
	parse_partner_collections(c, cfg, p, obj, base);
	p->summaries = folio_config__get_bool(c, obj, base, "summaries", true);
}

static void parse_partners(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "partners");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		folio_config__problem(c, "/partners", false, "write \"- name: ...\" items",
		        "\"partners\" must be a list");
		return;
	}
	cfg->partners = folio_xcalloc(json_array_size(list) + 1, sizeof(*cfg->partners));
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		char *base = folio_config__pointer_index("/partners", i);
		if (!json_is_object(item)) {
			folio_config__problem(c, base, false, NULL, "a partner must be a mapping of settings");
			free(base);
			continue;
		}
		folio_partner *p = &cfg->partners[cfg->npartners++];
		parse_partner(c, cfg, p, item, base);
		if (p->name && first_holder(c->partner_names, p->name, i) >= 0) {
			char *ptr = folio_config__pointer_join(base, "name");
			folio_config__problem(c, ptr, false, NULL, "duplicate partner name \"%s\"", p->name);
			free(ptr);
		}
		free(base);
	}
}

/* ---- limits ---- */

/*
 * limits: a mapping of budget names (limits.def) to numbers ("4M" too).
 * A site may only lower what the server allows: folio_site_load() takes,
 * for each budget, the smaller of the server's value and this one.
 */
static void parse_limits(checker *c, folio_config *cfg, json_t *root)
{
	for (int i = 0; i < FOLIO_LIMIT_COUNT; i++)
		cfg->limits.v[i] = SIZE_MAX;
	json_t *obj = json_object_get(root, "limits");
	if (!obj || json_is_null(obj))
		return;
	if (!json_is_object(obj)) {
		folio_config__problem(c, "/limits", false, "write \"name: value\" lines such as \"page-output: 4M\"",
		        "\"limits\" must be a mapping");
		return;
	}
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		char *ptr = folio_config__pointer_join("/limits", key);
		int id = folio_limit_find(key);
		size_t value = 0;
		int rc = -1;
		if (id < 0) {
			const char *names[FOLIO_LIMIT_COUNT + 1];
			for (int i = 0; i < FOLIO_LIMIT_COUNT; i++)
				names[i] = folio_limit_name((folio_limit)i);
			names[FOLIO_LIMIT_COUNT] = NULL;
			const char *best = folio_closest(key, names);
			char *hint = best ? folio_xasprintf(folio_i18n_finding("did you mean \"%s\"? "
			                                                       "(docs/security.md lists the "
			                                                       "limits)"),
			                                    best)
			                  : folio_xstrdup(folio_i18n_finding("the limits are listed in "
			                                                     "docs/security.md"));
			folio_config__problem(c, ptr, true, hint, "unknown limit \"%s\"", key);
			free(hint);
		} else if (json_is_integer(v) && json_integer_value(v) >= 0) {
			value = (size_t)json_integer_value(v);
			rc = 0;
		} else if (json_is_string(v)) {
			rc = folio_limits_parse_value(&value, json_string_value(v), key);
			folio_error_clear();
		}
		if (id >= 0 && rc < 0)
			folio_config__problem(c, ptr, false, "write a whole number, optionally followed by K, M or G",
			        "limit \"%s\" must be a whole number", key);
		else if (id >= 0)
			cfg->limits.v[id] = value;
		free(ptr);
	}
}

/* rss_name: a plain name ending in .xml, none of the other outputs' of a
 * list's folder (atom.xml; index.html and index.json end otherwise). */
bool folio_config_rss_name_valid(const char *name)
{
	size_t len = strlen(name);
	bool ok = len > 4 && len <= 64 && !strcmp(name + len - 4, ".xml") && strcmp(name, FOLIO_LAYOUT_ATOM);
	for (size_t i = 0; ok && i < len - 4; i++)
		ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		     (name[i] >= '0' && name[i] <= '9') || name[i] == '-' || name[i] == '_';
	return ok;
}

static void parse_rss_name(checker *c, folio_config *cfg, json_t *root)
{
	cfg->rss_name = folio_config__get_string(c, root, "", "rss_name", FOLIO_LAYOUT_RSS);
	const char *n = cfg->rss_name;
	if (n && !folio_config_rss_name_valid(n)) {
		folio_config__problem(c, "/rss_name", false, "write feed.xml or index.xml",
		                      "\"rss_name\" is \"%s\", not a file name such as feed.xml (letters, digits, '-', "
		                      "'_', then .xml; not atom.xml)", n);
		free(cfg->rss_name);
		cfg->rss_name = folio_xstrdup(FOLIO_LAYOUT_RSS);
	}
}

/* language_field: a front-matter key, letters, digits, '_' and '-'. */
static void parse_language_field(checker *c, folio_config *cfg, json_t *root)
{
	if (!json_object_get(root, "language_field"))
		return;
	char *v = folio_config__get_string(c, root, "", "language_field", NULL);
	size_t n = v ? strlen(v) : 0;
	bool ok = n && n <= 64;
	for (size_t i = 0; ok && i < n; i++)
		ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
		     v[i] == '_' || v[i] == '-';
	if (v && !ok) {
		folio_config__problem(c, "/language_field", false, "write lang",
		                      "\"language_field\" is \"%s\", not a front-matter key (letters, digits, '_', '-')", v);
		free(v);
		v = NULL;
	}
	cfg->language_field = v;
}

/* footnotes: the generator whose footnote ids the site's links name. */
static void parse_footnotes(checker *c, folio_config *cfg, json_t *root)
{
	char *v = folio_config__get_string(c, root, "", "footnotes", "gfm");
	if (!v)
		return;
	if (!strcmp(v, "kramdown"))
		cfg->footnotes = FOLIO_FOOTNOTES_KRAMDOWN;
	else if (!strcmp(v, "goldmark"))
		cfg->footnotes = FOLIO_FOOTNOTES_GOLDMARK;
	else if (strcmp(v, "gfm"))
		folio_config__problem(c, "/footnotes", false, "write gfm, kramdown (Jekyll) or goldmark (Hugo)",
		                      "\"footnotes\" is \"%s\", not a known generator", v);
	free(v);
}

/* heading_ids: the generator whose headings' ids the site's links name. */
static void parse_heading_ids(checker *c, folio_config *cfg, json_t *root)
{
	char *v = folio_config__get_string(c, root, "", "heading_ids", "github");
	if (!v)
		return;
	if (!strcmp(v, "goldmark"))
		cfg->heading_ids = FOLIO_HEADING_IDS_GOLDMARK;
	else if (!strcmp(v, "goldmark-ascii"))
		cfg->heading_ids = FOLIO_HEADING_IDS_GOLDMARK_ASCII;
	else if (!strcmp(v, "blackfriday"))
		cfg->heading_ids = FOLIO_HEADING_IDS_BLACKFRIDAY;
	else if (!strcmp(v, "kramdown"))
		cfg->heading_ids = FOLIO_HEADING_IDS_KRAMDOWN;
	else if (!strcmp(v, "kramdown-gfm"))
		cfg->heading_ids = FOLIO_HEADING_IDS_KRAMDOWN_GFM;
	else if (strcmp(v, "github"))
		folio_config__problem(c, "/heading_ids", false,
		                      "write github (GitHub), kramdown-gfm or kramdown (Jekyll), goldmark, goldmark-ascii "
		                      "or blackfriday (Hugo)",
		                      "\"heading_ids\" is \"%s\", not a known rule", v);
	free(v);
}

/* ---- site ---- */

/* own_shortcodes: [figure]: names of shortcodes the site's own templates
 * define, in place of Hugo's built-in ones folio expands. */
static void parse_own_shortcodes(checker *c, folio_config *cfg, json_t *root)
{
	json_t *v = json_object_get(root, "own_shortcodes"), *item;
	size_t i;
	if (v && !json_is_array(v)) {
		folio_config__problem(c, "/own_shortcodes", false, "write [figure, ...]",
		                      "\"own_shortcodes\" must be a list of shortcode names");
		return;
	}
	if (!json_array_size(v))
		return;
	size_t n = 0;
	cfg->own_shortcodes = folio_xcalloc(json_array_size(v) + 1, sizeof(*cfg->own_shortcodes));
	json_array_foreach(v, i, item) {
		const char *s = json_string_value(item);
		if (s && *s && strlen(s) == strcspn(s, " /<>{}%\"'")) {
			cfg->own_shortcodes[n++] = folio_xstrdup(s);
			continue;
		}
		char *at = folio_config__pointer_index("/own_shortcodes", i);
		folio_config__problem(c, at, false, "write a shortcode's name, such as figure",
		                      "a shortcode's name is a word");
		free(at);
	}
}

/* smart_quotes: the four quotes kramdown's typographic conversion writes
 * (lsquo, rsquo, ldquo, rdquo); given, the text is converted as kramdown
 * converts it (a site Jekyll built). */
static void parse_smart_quotes(checker *c, folio_config *cfg, json_t *root)
{
	json_t *v = json_object_get(root, "smart_quotes");
	if (!v || json_is_null(v))
		return;
	bool ok = json_is_array(v) && json_array_size(v) == 4;
	for (size_t i = 0; ok && i < 4; i++) {
		const char *s = json_string_value(json_array_get(v, i));
		ok = s && *s;
	}
	if (!ok) {
		folio_config__problem(c, "/smart_quotes", false, "write four quotes, such as [\"\u2018\", \"\u2019\", \"\u201C\", \"\u201D\"]",
		                      "\"smart_quotes\" must be a list of four texts");
		return;
	}
	cfg->smart_quotes = folio_xcalloc(5, sizeof(*cfg->smart_quotes));
	for (size_t i = 0; i < 4; i++)
		cfg->smart_quotes[i] = folio_xstrdup(json_string_value(json_array_get(v, i)));
}

/* typographic_symbols: {hellip: "..."}: the text written for a symbol of
 * kramdown's conversion, as its typographic_symbols option gives it. */
static void parse_typographic_symbols(checker *c, folio_config *cfg, json_t *root)
{
	json_t *v = json_object_get(root, "typographic_symbols"), *item;
	const char *name;
	if (!v || json_is_null(v))
		return;
	if (!json_is_object(v)) {
		folio_config__problem(c, "/typographic_symbols", false, "write {hellip: \"...\", mdash: \"---\"}",
		                      "\"typographic_symbols\" must map symbols to texts");
		return;
	}
	cfg->typographic_symbols = folio_xcalloc(FOLIO_TYPOGRAPHIC_SYMBOLS, sizeof(*cfg->typographic_symbols));
	json_object_foreach(v, name, item) {
		int i = folio_markdown_typographic_symbol(name);
		char *at = folio_xasprintf("/typographic_symbols/%s", name);
		if (i < 0)
			folio_config__problem(c, at, true, "write mdash, ndash, hellip, laquo, raquo, laquo_space or raquo_space",
			                      "\"%s\" is no typographic symbol of kramdown", name);
		else if (!json_is_string(item))
			folio_config__problem(c, at, false, "write the text in quotes", "a typographic symbol's text is a text");
		else
			cfg->typographic_symbols[i] = folio_xstrdup(json_string_value(item));
		free(at);
	}
}

static void parse_figure_src(checker *c, folio_config *cfg, json_t *root)
{
	char *v = folio_config__get_string(c, root, "", "figure_src", "page");
	if (v && strcmp(v, "page") && strcmp(v, "root") && strcmp(v, "library"))
		folio_config__problem(c, "/figure_src", false, "write page, root or library",
		                      "\"figure_src\" is \"%s\", not page, root or library", v);
	cfg->figure_library = v && !strcmp(v, "library");
	cfg->figure_from_root = v && (!strcmp(v, "root") || cfg->figure_library);
	free(v);
}

/* image_library: a folder of the site's URLs ("/media/"). */
static void parse_image_library(checker *c, folio_config *cfg, json_t *root)
{
	cfg->image_library = folio_config__get_string(c, root, "", "image_library", NULL);
	folio_config__check_string(c, cfg->image_library, "", "image_library", folio_config__is_section_url,
	                           "write a site path such as /posts/",
	                           "a path of the site that starts and ends with \"/\", other than \"/\"");
	if (cfg->image_library && !folio_config__is_section_url(cfg->image_library)) {
		free(cfg->image_library);
		cfg->image_library = NULL;
	}
}

/* autolinks: true, false, or goldmark (linked, cut as Goldmark's linkify cuts them). */
static void parse_autolinks(checker *c, folio_config *cfg, json_t *root)
{
	json_t *v = json_object_get(root, "autolinks");
	if (!json_is_string(v)) {
		cfg->autolinks = folio_config__get_bool(c, root, "", "autolinks", true);
		return;
	}
	cfg->autolinks = true;
	cfg->goldmark_autolinks = !strcmp(json_string_value(v), "goldmark");
	if (!cfg->goldmark_autolinks)
		folio_config__problem(c, "/autolinks", false, "write true, false or goldmark",
		                      "\"autolinks\" is \"%s\", not true, false or goldmark", json_string_value(v));
}

/* language_subdir: Hugo's folder of the site language ("en"), a language
 * key that names one folder (the from of a splat, /en/ and a star, is made of it). */
static void parse_language_subdir(checker *c, folio_config *cfg, json_t *root)
{
	char *v = folio_config__get_string(c, root, "", "language_subdir", NULL);
	if (v && !folio_config_is_language_tag(v)) {
		folio_config__problem(c, "/language_subdir", false, "write the site language's key, e.g. en",
		                      "\"language_subdir\" is \"%s\", not a language key", v);
		free(v);
		v = NULL;
	}
	cfg->language_subdir = v;
}

/* After languages: the site language's folder is not another language's. */
static void check_language_subdir(checker *c, folio_config *cfg)
{
	for (size_t k = 0; cfg->language_subdir && k < cfg->nlanguages; k++)
		if (!strcmp(cfg->languages[k], cfg->language_subdir))
			folio_config__problem(c, "/language_subdir", false,
			                      "write the site language's key, which languages: does not list",
			                      "\"language_subdir\" is \"%s\", a language of languages: whose pages are "
			                      "at /%s/ already", cfg->language_subdir, cfg->language_subdir);
}

/* static_roots_sorted: by name, the first of equal names the first listed
 * (folio_sort is stable, folio_search finds the first). */
static void sort_static_roots(folio_config *cfg)
{
	cfg->static_roots_sorted = folio_xcalloc(cfg->nstatic_roots + 1, sizeof(*cfg->static_roots_sorted));
	for (size_t i = 0; i < cfg->nstatic_roots; i++)
		cfg->static_roots_sorted[i] = (folio_config_named){ cfg->static_roots[i], i };
	folio_sort(cfg->static_roots_sorted, cfg->nstatic_roots, sizeof(*cfg->static_roots_sorted), folio_sort_cmp_str);
}

/* 1 + the index of the first listed root named path's first len bytes, or 0. */
static size_t static_root_at(const folio_config *cfg, const char *path, size_t len)
{
	const folio_config_named *r = folio_search(cfg->static_roots_sorted, cfg->nstatic_roots,
	                                           sizeof(*r), &(folio_text){ path, len }, folio_search_cmp_text);
	return r ? r->index + 1 : 0;
}


static void parse_site(checker *c, folio_config *cfg, json_t *root)
{
	folio_config__check_keys(c, root, "", SITE_KEYS);
	if (json_object_get(root, "site_folder"))
		folio_config__problem(c, "/site_folder", true,
		                      "write it alone in the repository top's folio.yaml, and the settings here",
		                      "\"site_folder\" names the site's folder from the repository's top; "
		                      "this folio.yaml is a site's own");
	cfg->title = folio_config__get_required_string(c, root, "", "title");
	cfg->description = folio_config__get_string(c, root, "", "description", NULL);
	cfg->base_url = folio_config__get_required_string(c, root, "", "base_url");
	if (cfg->base_url)
		folio_config__strip_trailing_slashes(cfg->base_url);
	cfg->base_path = base_path_of(cfg->base_url);
	folio_config__check_string(c, cfg->base_url, "", "base_url", folio_config__is_base_url,
	             "write the site's address, e.g. https://example.org", "an http or https URL");
	cfg->language = folio_config__get_string(c, root, "", "language", "en");
	folio_config__check_string(c, cfg->language, "", "language", folio_config_is_language_tag,
	             "write a BCP 47 tag such as \"en\" or \"fr-CA\"", "a language tag");
	parse_language_subdir(c, cfg, root);
	cfg->timezone = folio_config__get_string(c, root, "", "timezone", "UTC");
	folio_config__check_string(c, cfg->timezone, "", "timezone", folio_zone_valid,
	             "write an IANA time-zone name such as \"Europe/Paris\" or \"UTC\"",
	             "a time-zone name");
	cfg->allow_html = folio_config__get_bool(c, root, "", "allow_html", false);
	cfg->static_at_root = folio_config__get_bool(c, root, "", "static_at_root", false);
	cfg->assets_at_root = folio_config__get_bool(c, root, "", "assets_at_root", false);
	cfg->hugo_links = folio_config__get_bool(c, root, "", "hugo_links", false);
	cfg->empty_language_lists = folio_config__get_bool(c, root, "", "empty_language_lists", true);
	cfg->language_sitemaps = folio_config__get_bool(c, root, "", "language_sitemaps", false);
	cfg->slug_dots = folio_config__get_bool(c, root, "", "slug_dots", false);
	cfg->remove_path_accents = folio_config__get_bool(c, root, "", "remove_path_accents", false);
	cfg->times_as_written = folio_config__get_bool(c, root, "", "times_as_written", false);
	cfg->section_feeds = folio_config__get_bool(c, root, "", "section_feeds", false);
	cfg->hugo_fences = folio_config__get_bool(c, root, "", "hugo_fences", false);
	cfg->term_keeps_case = parse_either(c, root, "", "term_case", "lower", "keep",
	                                    "write lower, or keep for terms' capitals in their addresses");
	cfg->html_pages = folio_config__get_bool(c, root, "", "html_pages", false);
	cfg->leaf_bundles = folio_config__get_bool(c, root, "", "leaf_bundles", false);
	cfg->front_matter_pages = folio_config__get_bool(c, root, "", "front_matter_pages", false);
	/* a folio.yaml init wrote before the key: front_matter_pages said Jekyll */
	cfg->jekyll_rules = folio_config__get_bool(c, root, "", "jekyll_rules", cfg->front_matter_pages);
	cfg->readme_index = folio_config__get_bool(c, root, "", "readme_index", false);
	cfg->title_from_heading = folio_config__get_bool(c, root, "", "title_from_heading", false);
	cfg->aliases_key = folio_config__get_bool(c, root, "", "aliases_key", true);
	cfg->aliases_words = folio_config__get_bool(c, root, "", "aliases_words", false);
	parse_footnotes(c, cfg, root);
	parse_heading_ids(c, cfg, root);
	parse_autolinks(c, cfg, root);
	parse_smart_quotes(c, cfg, root);
	parse_typographic_symbols(c, cfg, root);
	/* "" is kramdown's own word for no back link */
	json_t *backlink = json_object_get(root, "footnote_backlink");
	cfg->footnote_backlink = json_is_string(backlink) && !json_string_length(backlink)
	                                 ? folio_xstrdup("")
	                                 : folio_config__get_string(c, root, "", "footnote_backlink", NULL);
	cfg->block_attributes = folio_config__get_bool(c, root, "", "block_attributes", false);
	cfg->emoji = folio_config__get_bool(c, root, "", "emoji", false);
	cfg->task_lists = folio_config__get_bool(c, root, "", "task_lists", false);
	cfg->typographer = folio_config__get_bool(c, root, "", "typographer", false);
	cfg->relative_urls = folio_config__get_bool(c, root, "", "relative_urls", false);
	parse_figure_src(c, cfg, root);
	parse_image_library(c, cfg, root);
	parse_rss_name(c, cfg, root);
	cfg->sitemap = folio_config__get_bool(c, root, "", "sitemap", true);
	cfg->not_found_page = folio_config__get_bool(c, root, "", "not_found_page", true);
	parse_language_field(c, cfg, root);
	cfg->language_from_path = folio_config__get_bool(c, root, "", "language_from_path", false);
	parse_own_shortcodes(c, cfg, root);
	folio_config__parse_embeds(c, cfg, root);
	folio_config__parse_served_elsewhere(c, cfg, root);
	folio_config__parse_link_hooks(c, cfg, root);
	folio_config__parse_redirects(c, cfg, root);
	folio_config__parse_path_permalinks(c, cfg, root);
	folio_config__parse_params(c, cfg, root);
	cfg->page_size = folio_config__get_page_size(c, root, "", 20);
	cfg->pages_shift = parse_pagination(c, root, "", false);
	cfg->exclude = folio_config__get_path_list(c, root, "exclude", &cfg->nexclude);
	cfg->copy = folio_config__get_path_list(c, root, "copy", &cfg->ncopy);
	/* looked up by each file of the tree: sorted once (under_any) */
	folio_sort(cfg->exclude, cfg->nexclude, sizeof(*cfg->exclude), folio_sort_cmp_str);
	folio_sort(cfg->copy, cfg->ncopy, sizeof(*cfg->copy), folio_sort_cmp_str);
	cfg->static_roots = folio_config__get_path_list(c, root, "static_roots", &cfg->nstatic_roots);
	sort_static_roots(cfg);
	cfg->branch = folio_config__get_string(c, root, "", "branch", "main");
	folio_config__check_string(c, cfg->branch, "", "branch", folio_config__is_branch_name, NULL, "a branch name");
	parse_collections(c, cfg, root);
	parse_partners(c, cfg, root);
	folio_config__parse_taxonomies(c, cfg, root);
	folio_config__parse_languages(c, cfg, root);
	check_language_subdir(c, cfg);
	folio_config__parse_feeds(c, cfg, root); /* the collections', taxonomies' and languages' addresses known */
	folio_config__parse_language_dirs(c, cfg, root);
	parse_limits(c, cfg, root);
	folio_config__parse_rules(c, cfg, root);
}

/* "language: fr" at the start of a line of data, read before the YAML is:
 * a syntax error in folio.yaml is reported in the site's language too. */
static void set_language_early(const char *data, size_t len)
{
	static const char key[] = "language:";
	for (size_t i = 0; i + sizeof(key) - 1 < len; i++) {
		if ((i && data[i - 1] != '\n') || memcmp(data + i, key, sizeof(key) - 1))
			continue;
		size_t v = i + sizeof(key) - 1;
		while (v < len && (data[v] == ' ' || data[v] == '"' || data[v] == '\''))
			v++;
		char lang[36];
		size_t n = 0;
		while (v + n < len && n + 1 < sizeof(lang) &&
		       (isalnum((unsigned char)data[v + n]) || data[v + n] == '-' || data[v + n] == '_')) {
			lang[n] = data[v + n];
			n++;
		}
		lang[n] = '\0';
		if (n)
			folio_i18n_set_findings_language(lang);
		return;
	}
	folio_i18n_set_findings_language("en"); /* the default of the key */
}

int folio_config_parse(folio_config **out, const char *data, size_t len,
                       const char *path, folio_diags *diags)
{
	*out = NULL;
	set_language_early(data, len);
	folio_yaml_doc *doc = NULL;
	int rc = folio_yaml_parse(&doc, data, len, path, 1, FOLIO_RULE_CONFIG_SYNTAX, diags);
	if (rc < 0 || !doc)
		return rc;
	checker c = { doc, path, diags, 0, json_object(), json_object(), json_object() };
	folio_config *cfg = folio_xcalloc(1, sizeof(*cfg));
	json_t *root = folio_yaml_root(doc);
	/* the site's language first: its other findings are written in it */
	json_t *lang = json_is_object(root) ? json_object_get(root, "language") : NULL;
	folio_i18n_set_findings_language(json_is_string(lang) ? json_string_value(lang) : "en");
	if (json_is_object(root))
		parse_site(&c, cfg, root);
	else
		folio_config__problem(&c, "", false, "write settings as \"name: value\" lines",
		        "configuration must be a mapping of settings");
	cfg->raw = json_incref(root);
	cfg->doc = doc; /* kept: later findings about the configuration need its positions */
	json_decref(c.names);
	json_decref(c.folders);
	json_decref(c.partner_names);
	if (c.problems)
		folio_config_free(cfg);
	else
		*out = cfg;
	return 0;
}

static void collection_dispose(folio_collection *col)
{
	free(col->name);
	free(col->folder);
	free(col->url);
	free(col->label);
	free(col->schema);
	free(col->template_name);
	free(col->list_template);
	free(col->sort_field);
	free(col->title_field);
	free(col->date_field);
	free(col->permalink);
	for (size_t i = 0; i < col->ncategories; i++)
		free(col->categories[i]);
	free(col->categories);
	free(col->jsonld_type);
	json_decref(col->jsonld_map);
}

static void partner_dispose(folio_partner *p)
{
	free(p->name);
	free(p->url);
	for (size_t i = 0; i < p->ncollections; i++)
		free(p->collections[i]);
	free(p->collections);
}

void folio_config_position(const folio_config *cfg, const char *pointer, unsigned *line, unsigned *col)
{
	*line = *col = 0;
	if (cfg && cfg->doc)
		folio_yaml_position(cfg->doc, pointer, line, col);
}

void folio_config_free(folio_config *cfg)
{
	if (!cfg)
		return;
	folio_yaml_free(cfg->doc);
	free(cfg->title);
	free(cfg->description);
	free(cfg->base_url);
	free(cfg->base_path);
	free(cfg->language);
	free(cfg->language_subdir);
	free(cfg->image_library);
	free(cfg->timezone);
	free(cfg->branch);
	for (size_t i = 0; i < cfg->nembeds; i++)
		free(cfg->embeds[i]);
	free(cfg->embeds);
	for (size_t i = 0; i < cfg->nserved_elsewhere; i++)
		free(cfg->served_elsewhere[i]);
	free(cfg->served_elsewhere);
	for (size_t i = 0; cfg->own_shortcodes && cfg->own_shortcodes[i]; i++)
		free(cfg->own_shortcodes[i]);
	free(cfg->own_shortcodes);
	for (size_t i = 0; cfg->smart_quotes && cfg->smart_quotes[i]; i++)
		free(cfg->smart_quotes[i]);
	free(cfg->smart_quotes);
	for (size_t i = 0; cfg->typographic_symbols && i < FOLIO_TYPOGRAPHIC_SYMBOLS; i++)
		free(cfg->typographic_symbols[i]);
	free(cfg->typographic_symbols);
	free(cfg->footnote_backlink);
	for (size_t i = 0; i < cfg->nlink_hooks; i++) {
		free(cfg->link_hooks[i].target);
		free(cfg->link_hooks[i].url);
		free(cfg->link_hooks[i].terms);
		for (char **w = cfg->link_hooks[i].words; w && *w; w++)
			free(*w);
		free(cfg->link_hooks[i].words);
	}
	free(cfg->link_hooks);
	for (size_t i = 0; i < cfg->nredirects; i++) {
		free(cfg->redirects[i].from);
		free(cfg->redirects[i].to);
		free(cfg->redirects[i].url);
	}
	free(cfg->redirects);
	for (size_t i = 0; i < cfg->npath_permalinks; i++) {
		free(cfg->path_permalinks[i].path);
		free(cfg->path_permalinks[i].permalink);
	}
	free(cfg->path_permalinks);
	free(cfg->redirects_by_url);
	for (char **p = cfg->params; p && *p; p++)
		free(*p);
	free(cfg->params);
	for (size_t i = 0; i < cfg->ncollections; i++)
		collection_dispose(&cfg->collections[i]);
	free(cfg->collections);
	for (size_t i = 0; i < cfg->npartners; i++)
		partner_dispose(&cfg->partners[i]);
	free(cfg->partners);
	folio_config__free_feeds(cfg);
	for (size_t i = 0; i < cfg->nrules; i++) {
		for (size_t j = 0; j < cfg->rules[i].npaths; j++)
			free(cfg->rules[i].paths[j]);
		free(cfg->rules[i].paths);
	}
	free(cfg->rules);
	free(cfg->by_folder);
	for (size_t i = 0; i < cfg->nignore; i++)
		free(cfg->ignore[i]);
	free(cfg->ignore);
	for (size_t i = 0; i < cfg->nexclude; i++)
		free(cfg->exclude[i]);
	free(cfg->exclude);
	for (size_t i = 0; i < cfg->ncopy; i++)
		free(cfg->copy[i]);
	free(cfg->copy);
	for (size_t i = 0; i < cfg->nstatic_roots; i++)
		free(cfg->static_roots[i]);
	free(cfg->static_roots_sorted);
	free(cfg->static_roots);
	for (size_t i = 0; i < cfg->ntaxonomies; i++) {
		free(cfg->taxonomies[i]);
		free(cfg->taxonomy_folders[i]);
		free(cfg->term_folders[i]);
	}
	free(cfg->rss_name);
	free(cfg->language_field);
	free(cfg->taxonomies);
	free(cfg->taxonomy_unindexed);
	free(cfg->taxonomy_titled);
	free(cfg->taxonomy_ugly);
	free(cfg->taxonomy_folders);
	free(cfg->term_folders);
	for (size_t i = 0; i < cfg->nlanguages; i++) {
		free(cfg->languages[i]);
		if (cfg->language_dirs)
			free(cfg->language_dirs[i]);
	}
	free(cfg->language_dirs);
	free(cfg->language_dir);
	free(cfg->languages);
	json_decref(cfg->raw);
	free(cfg);
}

/* path is one of paths or under one of them */
/* Does sorted list paths hold path's first len bytes? */
static bool listed(char *const *paths, size_t n, const char *path, size_t len)
{
	return folio_search(paths, n, sizeof(*paths), &(folio_text){ path, len }, folio_search_cmp_text) != NULL;
}

/* Is path, or a folder above it, in paths (sorted)? Each of its folders is
 * looked up: exclude: and copy: are folio.yaml's, so a pusher's (100,000
 * values), and a scan of them for each file of the tree was their product:
 * 90,000 excludes and 20,000 pages took 13 s of CPU more to check. */
static bool under_any(char *const *paths, size_t n, const char *path)
{
	if (!path || !n)
		return false;
	for (size_t end = 0;; end++) {
		if ((path[end] == '/' || !path[end]) && listed(paths, n, path, end))
			return true;
		if (!path[end])
			return false;
	}
}

bool folio_config_copy_lists(const folio_config *cfg, const char *path, size_t len)
{
	return cfg && listed(cfg->copy, cfg->ncopy, path, len);
}

bool folio_config_excluded(const folio_config *cfg, const char *path)
{
	return cfg && under_any(cfg->exclude, cfg->nexclude, path);
}

bool folio_config_served_elsewhere(const folio_config *cfg, const char *path)
{
	for (size_t i = 0; cfg && path && i < cfg->nserved_elsewhere; i++) {
		const char *e = cfg->served_elsewhere[i];
		size_t n = strlen(e);
		if (!strcmp(path, e) || (e[n - 1] == '/' && (!strncmp(path, e, n) ||
		                                              (strlen(path) == n - 1 && !strncmp(path, e, n - 1)))))
			return true;
	}
	return false;
}

bool folio_config_copied(const folio_config *cfg, const char *path)
{
	return cfg && under_any(cfg->copy, cfg->ncopy, path) &&
	       !under_any(cfg->exclude, cfg->nexclude, path);
}

size_t folio_config_static_root(const folio_config *cfg, const char *path, const char **rest)
{
	if (!cfg || !path || !cfg->nstatic_roots)
		return 0;
	/* the first listed of the roots above path: each of its folders looked
	 * up (static_roots: is a pusher's, and a scan of it for each file of
	 * the tree made 90,000 roots and 20,000 pages 12 s of CPU) */
	size_t best = 0;
	for (size_t end = 1; path[end]; end++) {
		if (path[end] != '/' || !path[end + 1])
			continue;
		size_t i = static_root_at(cfg, path, end);
		if (i && (!best || i < best)) {
			best = i;
			if (rest)
				*rest = path + end + 1;
		}
	}
	return best;
}

const folio_collection *folio_config_collection(const folio_config *cfg, const char *name)
{
	for (size_t i = 0; cfg && name && i < cfg->ncollections; i++)
		if (cfg->collections[i].name && !strcmp(cfg->collections[i].name, name))
			return &cfg->collections[i];
	return NULL;
}

/*
 * A collection holds every file under its folder, at any depth, as Hugo's
 * sections do ("agenda/2023/x.md", "agenda/x/index.md" belong to folder
 * "agenda"); the deepest folder wins, so "events/sub/x.md" belongs to a
 * collection whose folder is "events/sub" when there is one.
 */
const char *folio_config_dir_language(const folio_config *cfg, const char *path, const char **rest)
{
	for (size_t l = 0; cfg && path && cfg->language_dirs && l < cfg->nlanguages; l++) {
		const char *dir = cfg->language_dirs[l];
		size_t n = dir ? strlen(dir) : 0;
		if (n && !strncmp(path, dir, n) && path[n] == '/' && path[n + 1]) {
			*rest = path + n + 1;
			return cfg->languages[l];
		}
	}
	return NULL;
}

char *folio_config_site_language_path(const folio_config *cfg, const char *path)
{
	const char *rest;
	if (!cfg || !cfg->language_dir || !folio_config_dir_language(cfg, path, &rest))
		return NULL;
	return folio_xasprintf("%s/%s", cfg->language_dir, rest);
}

char *folio_config_translated_path(const folio_config *cfg, const char *path, const char *lang)
{
	size_t n = cfg && cfg->language_dir ? strlen(cfg->language_dir) : 0;
	if (!n || strncmp(path, cfg->language_dir, n) || (path[n] && path[n] != '/'))
		return NULL;
	for (size_t l = 0; cfg->language_dirs && l < cfg->nlanguages; l++)
		if (cfg->language_dirs[l] && !strcmp(cfg->languages[l], lang))
			return folio_xasprintf("%s%s", cfg->language_dirs[l], path + n);
	return NULL;
}

/* The collection of folder path[0, n), by binary search; NULL for none. */
static const folio_collection *folder_of(const folio_config *cfg, const char *path, size_t n)
{
	const folio_config_named *f = folio_search(cfg->by_folder, cfg->nby_folder, sizeof(*f),
	                                           &(folio_text){ path, n }, folio_search_cmp_text);
	return f ? &cfg->collections[f->index] : NULL;
}

/* The deepest collection folder path lies below (a name after it), else
 * the root's collection (folder ".") for a file at the top: each folder
 * of path looked up, the longest first. */
static const folio_collection *collection_by_folder(const folio_config *cfg, const char *path)
{
	for (const char *s = strrchr(path, '/'); s; s = s > path ? memrchr(path, '/', (size_t)(s - path)) : NULL) {
		const folio_collection *c = s[1] ? folder_of(cfg, path, (size_t)(s - path)) : NULL;
		if (c)
			return c;
	}
	return strchr(path, '/') || !*path || cfg->root_collection == SIZE_MAX ? NULL
	                                                                       : &cfg->collections[cfg->root_collection];
}

const folio_collection *folio_config_collection_for_path(const folio_config *cfg,
                                                          const char *path)
{
	char *mapped = folio_config_site_language_path(cfg, path);
	if (mapped) {
		const folio_collection *c = folio_config_collection_for_path(cfg, mapped);
		free(mapped);
		return c;
	}
	if (cfg && path && cfg->by_folder)
		return collection_by_folder(cfg, path);
	const folio_collection *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; cfg && path && i < cfg->ncollections; i++) {
		const char *folder = cfg->collections[i].folder;
		size_t n = folder ? strlen(folder) : 0;
		if (folder && !strcmp(folder, ".")) {
			/* the root's collection holds the files at the top only */
			if (!best && !strchr(path, '/') && *path)
				best = &cfg->collections[i];
			continue;
		}
		if (n && n > best_len && !strncmp(folder, path, n) && path[n] == '/' && path[n + 1]) {
			best = &cfg->collections[i];
			best_len = n;
		}
	}
	return best;
}
