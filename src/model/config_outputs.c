/*
 * The parts of folio.yaml that shape what a site publishes beyond its pages:
 * a collection's JSON-LD mapping, taxonomies, languages, the hosts of
 * embeds, and the folders excluded or copied as they are.
 */
#include "model/config_check.h"

#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/glob.h"
#include "util/dates.h"
#include "util/text.h"
#include "util/banned.h"

/* ---- JSON-LD ---- */

/* A non-empty string without NUL: a field or type name. */
static bool is_name(const json_t *v)
{
	return json_is_string(v) && json_string_length(v) > 0 &&
	       strlen(json_string_value(v)) == json_string_length(v);
}

#define JSONLD_DEPTH 4

/* One property of a jsonld mapping: a field, [date field, time field], or a
 * mapping with "type" whose other members are properties in turn. */
static void check_jsonld_spec(checker *c, const json_t *spec, const char *ptr, int depth)
{
	static const char hint[] = "write a front-matter field, [date field, time field], or a mapping "
	                           "with type: and its own properties";
	if (is_name(spec))
		return;
	if (json_is_array(spec)) {
		if (json_array_size(spec) != 2 || !is_name(json_array_get(spec, 0)) ||
		    !is_name(json_array_get(spec, 1)))
			folio_config__problem(c, ptr, false, hint, "a JSON-LD date-time is [date field, time field]");
		return;
	}
	if (!json_is_object(spec) || depth >= JSONLD_DEPTH) {
		folio_config__problem(c, ptr, false, hint, json_is_object(spec) ? "JSON-LD mappings nest too deep"
		                                                  : "a JSON-LD property must name a field");
		return;
	}
	if (!is_name(json_object_get(spec, "type"))) {
		folio_config__problem(c, ptr, false, "add type: with a schema.org type, e.g. type: Place",
		        "a nested JSON-LD object needs a type");
		return;
	}
	const char *key;
	const json_t *sub;
	json_object_foreach((json_t *)spec, key, sub) {
		if (!strcmp(key, "type"))
			continue;
		char *p = folio_config__pointer_join(ptr, key);
		check_jsonld_spec(c, sub, p, depth + 1);
		free(p);
	}
}

/*
 * jsonld: a schema.org type ("Event"), or a mapping with type: and, for
 * each property, where its value comes from (docs/config.md, "JSON-LD").
 */
void folio_config__parse_jsonld(checker *c, folio_collection *col, json_t *obj, const char *base)
{
	json_t *v = json_object_get(obj, "jsonld");
	if (!json_is_object(v)) {
		col->jsonld_type = folio_config__get_string(c, obj, base, "jsonld", NULL);
		return;
	}
	char *ptr = folio_config__pointer_join(base, "jsonld");
	check_jsonld_spec(c, v, ptr, 0);
	free(ptr);
	if (is_name(json_object_get(v, "type"))) {
		col->jsonld_type = folio_xstrdup(json_string_value(json_object_get(v, "type")));
		col->jsonld_map = json_deep_copy(v);
	}
}

/* ---- taxonomies ---- */

/*
 * taxonomies: [tags, categories]: each name is the front-matter key its
 * terms are read from and the folder of its pages (/tags/, /tags/<term>/),
 * so it is a slug ('_' allowed) and no collection's folder.
 */
/* A slug, or with '_' inside too: Hugo's publication_types (Wowchemy's
 * sites), which it publishes at /publication_types/. */
bool folio_config__is_taxonomy_name(const char *s)
{
	return s[0] && s[0] != '_' && s[0] != '-' &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(s);
}

/* A folder of the site as a taxonomy's url: or permalink: names it
 * ("/blog/posts-by-tags/", "/blog/tag/" of "/blog/tag/:slug/"): its
 * segments slugs, returned without the slashes around ("blog/tag"), or
 * NULL. Caller frees. */
static char *taxonomy_folder(const char *url, size_t len)
{
	if (len < 2 || url[0] != '/')
		return NULL;
	while (len > 1 && url[len - 1] == '/')
		len--;
	char *folder = folio_xstrndup(url + 1, len - 1);
	for (char *seg = folder, *end; seg; seg = end ? end + 1 : NULL) {
		end = strchr(seg, '/');
		if (end)
			*end = '\0';
		bool ok = folio_config__is_taxonomy_name(seg);
		if (end)
			*end = '/';
		if (!ok) {
			free(folder);
			return NULL;
		}
	}
	return folder;
}

/* A term's permalink: "/blog/tag/:slug/" (or without its last slash, or
 * :title, as Hugo's permalinks.term write it): the folder before :slug. */
static char *term_folder(const char *permalink)
{
	const char *at = strrchr(permalink, ':');
	if (!at || at == permalink || at[-1] != '/' || (strcmp(at, ":slug") && strcmp(at, ":slug/") &&
	                                                strcmp(at, ":title") && strcmp(at, ":title/")))
		return NULL;
	return at - permalink > 1 ? taxonomy_folder(permalink, (size_t)(at - permalink)) : NULL;
}

bool folio_config_taxonomy_url_valid(const char *url, bool term)
{
	char *folder = term ? term_folder(url) : taxonomy_folder(url, strlen(url));
	free(folder);
	return folder != NULL;
}

/* Is a taxonomy's folder a collection's folder ("posts")? Their pages
 * would meet. A collection whose list is at the taxonomy's index
 * (Hugo's content/authors at /authors/) gives it its text instead
 * (render/taxonomy.h); a page at a term's address is that term's text. */
static bool collection_folder_is(const folio_config *cfg, const char *folder)
{
	for (size_t k = 0; k < cfg->ncollections; k++) {
		const char *f = cfg->collections[k].folder ? cfg->collections[k].folder : cfg->collections[k].name;
		if (f && !strcmp(f, folder)) /* none: a collection without a name, an error of its own */
			return true;
	}
	return false;
}

/* The first key of a taxonomy's mapping that is none of its settings, or NULL. */
static const char *unknown_taxonomy_key(json_t *v)
{
	const char *k;
	json_t *val;
	json_object_foreach(v, k, val)
		if (strcmp(k, "name") && strcmp(k, "url") && strcmp(k, "permalink") && strcmp(k, "index") &&
		    strcmp(k, "slug_from") && strcmp(k, "ugly_urls"))
			return k;
	return NULL;
}

/* One item of taxonomies: a name, or {name, url, permalink}; its folders
 * in *index and *terms (owned), or a problem said and false. */
static bool taxonomy_item(checker *c, const folio_config *cfg, const char *item, json_t *v, const char **name,
                          char **index, char **terms)
{
	*index = *terms = NULL;
	*name = json_is_object(v) ? json_string_value(json_object_get(v, "name")) : json_string_value(v);
	const char *unknown = json_is_object(v) ? unknown_taxonomy_key(v) : NULL;
	if (unknown) {
		folio_config__problem(c, item, false,
		        "write {name: tags, url: /tags/, permalink: /tags/:slug/, index: true, slug_from: name}",
		        "unknown setting \"%s\" of a taxonomy", unknown);
		return false;
	}
	if (!*name || !folio_config__is_taxonomy_name(*name)) {
		folio_config__problem(c, item, false, "use lowercase letters, digits, \"-\" and \"_\", e.g. tags",
		        "a taxonomy name must be [a-z0-9_-]+, starting with a letter or a digit");
		return false;
	}
	json_t *url = json_object_get(v, "url"), *permalink = json_object_get(v, "permalink");
	*index = url ? (json_is_string(url) ? taxonomy_folder(json_string_value(url), json_string_length(url)) : NULL)
	             : folio_xstrdup(*name);
	*terms = permalink ? (json_is_string(permalink) ? term_folder(json_string_value(permalink)) : NULL)
	                   : folio_xstrdup(*name);
	if (!*index) {
		folio_config__problem(c, item, false, "write url: as a folder, such as /blog/posts-by-tags/",
		        "taxonomy \"%s\": its url: is no folder of the site", *name);
	} else if (!*terms) {
		folio_config__problem(c, item, false, "write permalink: as a folder and :slug, such as /blog/tag/:slug/",
		        "taxonomy \"%s\": its permalink: is not a folder and :slug", *name);
	} else if (collection_folder_is(cfg, *index) || collection_folder_is(cfg, *terms)) {
		folio_config__problem(c, item, false, "rename the taxonomy, set its url: and permalink:, or move the collection",
		        "taxonomy \"%s\" would publish its pages in a collection's folder", *name);
	} else {
		return true;
	}
	free(*index);
	free(*terms);
	*index = *terms = NULL;
	return false;
}

/* A taxonomy's slug_from: name (the default: a term is at its name made a
 * slug) or title (at its text's slug: or title, as Hugo's :slug). */
static bool slug_from_title(checker *c, json_t *v, const char *item)
{
	char *from = folio_config__get_string(c, v, item, "slug_from", "name");
	bool title = from && !strcmp(from, "title");
	if (from && !title && strcmp(from, "name"))
		folio_config__problem(c, item, false, "write name, or title (a term's text's slug: or title, as Hugo's :slug)",
		        "\"slug_from\" is \"%s\", neither name nor title", from);
	free(from);
	return title;
}

void folio_config__parse_taxonomies(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "taxonomies");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		folio_config__problem(c, "/taxonomies", false, "write [tags, categories]",
		        "\"taxonomies\" must be a list of names");
		return;
	}
	size_t n = json_array_size(list) + 1;
	cfg->taxonomies = folio_xcalloc(n, sizeof(char *));
	cfg->taxonomy_folders = folio_xcalloc(n, sizeof(char *));
	cfg->term_folders = folio_xcalloc(n, sizeof(char *));
	cfg->taxonomy_unindexed = folio_xcalloc(n, sizeof(bool));
	cfg->taxonomy_titled = folio_xcalloc(n, sizeof(bool));
	cfg->taxonomy_ugly = folio_xcalloc(n, sizeof(bool));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		char *item = folio_config__pointer_index("/taxonomies", i);
		const char *name;
		char *index, *terms;
		if (taxonomy_item(c, cfg, item, v, &name, &index, &terms)) {
			const char *clash = NULL;
			for (size_t k = 0; !clash && k < cfg->ntaxonomies; k++)
				clash = !strcmp(cfg->taxonomies[k], name) ? "" :
				        !strcmp(cfg->term_folders[k], terms) || !strcmp(cfg->taxonomy_folders[k], index) ||
				        !strcmp(cfg->term_folders[k], index) || !strcmp(cfg->taxonomy_folders[k], terms)
				                ? cfg->taxonomies[k] : NULL;
			if (clash && !*clash)
				folio_config__problem(c, item, false, NULL, "duplicate taxonomy \"%s\"", name);
			else if (clash)
				folio_config__problem(c, item, false, "give each taxonomy folders of its own",
				        "taxonomy \"%s\" would publish its pages where \"%s\"'s are", name, clash);
			if (clash) {
				free(index);
				free(terms);
			} else {
				/* index: false: no page of its terms (Hugo's disableKinds: [taxonomy]) */
				cfg->taxonomy_unindexed[cfg->ntaxonomies] =
					json_is_object(v) && !folio_config__get_bool(c, v, item, "index", true);
				cfg->taxonomy_titled[cfg->ntaxonomies] = json_is_object(v) && slug_from_title(c, v, item);
				cfg->taxonomy_ugly[cfg->ntaxonomies] =
					json_is_object(v) && folio_config__get_bool(c, v, item, "ugly_urls", false);
				cfg->taxonomies[cfg->ntaxonomies] = folio_xstrdup(name);
				cfg->taxonomy_folders[cfg->ntaxonomies] = index;
				cfg->term_folders[cfg->ntaxonomies++] = terms;
			}
		}
		free(item);
	}
}

/* ---- languages ---- */

typedef struct {
	const char *tag; /* first: folio_sort_cmp_str() compares it */
	size_t at;
} tag_at;

/* Which items of list repeat a text given before them: sorted (stable), not
 * each compared with all before it (100,000 tags were 5 billion
 * comparisons). Caller frees. */
static bool *repeated_tags(json_t *list)
{
	size_t n = json_array_size(list), k = 0;
	bool *dup = folio_xcalloc(n ? n : 1, sizeof(*dup));
	tag_at *v = folio_xmalloc((n ? n : 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		if (json_string_value(json_array_get(list, i)))
			v[k++] = (tag_at){ json_string_value(json_array_get(list, i)), i };
	folio_sort(v, k, sizeof(*v), folio_sort_cmp_str);
	for (size_t i = 1; i < k; i++)
		dup[v[i].at] = !strcmp(v[i - 1].tag, v[i].tag);
	free(v);
	return dup;
}

/*
 * languages: [fr, es]: the languages pages are translated into, beside the
 * site's language. A page "x.es.md" beside "x.md" is x in Spanish, at /es/...
 */
void folio_config__parse_languages(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "languages");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		folio_config__problem(c, "/languages", false, "write [fr, es]", "\"languages\" must be a list of language tags");
		return;
	}
	cfg->languages = folio_xcalloc(json_array_size(list) + 1, sizeof(char *));
	bool *dups = repeated_tags(list);
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		char *item = folio_config__pointer_index("/languages", i);
		const char *tag = json_string_value(v);
		bool dup = dups[i];
		bool folder = tag && collection_folder_is(cfg, tag);
		if (!tag || !folio_config_is_language_tag(tag))
			folio_config__problem(c, item, false, "write a BCP 47 tag such as \"fr\" or \"pt-BR\"",
			        "a language must be a language tag");
		else if (dup)
			folio_config__problem(c, item, false, NULL, "duplicate language \"%s\"", tag);
		else if (folder)
			folio_config__problem(c, item, false, "rename the collection's folder",
			        "language \"%s\" would publish its pages in a collection's folder", tag);
		else if (!cfg->language || strcmp(tag, cfg->language)) /* the site's own: nothing to add */
			cfg->languages[cfg->nlanguages++] = folio_xstrdup(tag);
		free(item);
	}
	free(dups);
}

/* Is one of the folders a or b below the other (or the same)? */
static bool folders_overlap(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), k = n < m ? n : m;
	return !strncmp(a, b, k) && (a[k] == '\0' || a[k] == '/') && (b[k] == '\0' || b[k] == '/');
}

/* Is inner a folder strictly below outer? */
static bool folder_below(const char *outer, const char *inner)
{
	size_t n = strlen(outer);
	return strlen(inner) > n && !strncmp(inner, outer, n) && inner[n] == '/';
}

/* Two languages' folders may not overlap, but another language's may lie
 * in the site language's (Hugo's contentDir "content" and "content/fr",
 * lotusdocs' example site): a file there is that language's. */
static bool dirs_clash(const char *a, bool a_site, const char *b, bool b_site)
{
	if (!folders_overlap(a, b))
		return false;
	return !((a_site && !b_site && folder_below(a, b)) || (b_site && !a_site && folder_below(b, a)));
}

/* One entry of language_dirs: its folder, or NULL after a finding. */
static char *language_dir(checker *c, folio_config *cfg, const char *ptr, const char *lang, json_t *v,
                          bool site)
{
	char *dir = json_is_string(v) ? folio_xstrdup(json_string_value(v)) : NULL;
	if (dir)
		folio_config__strip_trailing_slashes(dir);
	if (!dir || !*dir || !strcmp(dir, ".") || !folio_config__is_relative_path(dir)) {
		folio_config__problem(c, ptr, false, "write a folder of the site, such as content/fr",
		        "the folder of language \"%s\" must be a folder inside the site", lang);
		free(dir);
		return NULL;
	}
	const char *other = cfg->language_dir && dirs_clash(cfg->language_dir, true, dir, site) ? cfg->language_dir : NULL;
	for (size_t k = 0; !other && cfg->language_dirs && k < cfg->nlanguages; k++)
		if (cfg->language_dirs[k] && dirs_clash(cfg->language_dirs[k], false, dir, site))
			other = cfg->language_dirs[k];
	if (other) {
		folio_config__problem(c, ptr, false, "give each language a folder of its own, side by side",
		        "the folder of language \"%s\" overlaps another language's, %s", lang, other);
		free(dir);
		return NULL;
	}
	/* a collection's folder in another language's: its files are that
	 * language's, translations of the site language's */
	for (size_t k = 0; !site && k < cfg->ncollections; k++) {
		const char *f = cfg->collections[k].folder;
		if (folders_overlap(f, dir) && !folder_below(f, dir)) {
			folio_config__problem(c, ptr, false, "move the collection's folder out of it, or exclude: it",
			        "the folder of language \"%s\" holds collection \"%s\"'s, %s", lang,
			        cfg->collections[k].name, f);
			free(dir);
			return NULL;
		}
	}
	return dir;
}

/*
 * language_dirs: {en: content/en, fr: content/fr}: a folder of pages per
 * language, as Hugo's contentDir. The collections' folders are in the site
 * language's; a file at the same place in another language's folder is its
 * translation. Each language named is the site's or one of languages:.
 */
void folio_config__parse_language_dirs(checker *c, folio_config *cfg, json_t *root)
{
	json_t *map = json_object_get(root, "language_dirs");
	if (!map || json_is_null(map))
		return;
	if (!json_is_object(map)) {
		folio_config__problem(c, "/language_dirs", false, "write {en: content/en, fr: content/fr}",
		        "\"language_dirs\" must map languages to folders");
		return;
	}
	cfg->language_dirs = folio_xcalloc(cfg->nlanguages + 1, sizeof(char *));
	bool others = false;
	const char *lang;
	json_t *v;
	json_object_foreach(map, lang, v) {
		char *ptr = folio_config__pointer_join("/language_dirs", lang);
		size_t l = 0;
		while (l < cfg->nlanguages && strcmp(cfg->languages[l], lang))
			l++;
		bool site = cfg->language && !strcmp(lang, cfg->language);
		if (!site && l == cfg->nlanguages)
			folio_config__problem(c, ptr, true, "add it to languages:, or write the site's language",
			        "language \"%s\" is neither the site's language nor in languages:", lang);
		else if (site)
			cfg->language_dir = language_dir(c, cfg, ptr, lang, v, true);
		else
			others |= (cfg->language_dirs[l] = language_dir(c, cfg, ptr, lang, v, false)) != NULL;
		free(ptr);
	}
	if (others && !cfg->language_dir)
		folio_config__problem(c, "/language_dirs", false, "add the site language's folder, which holds the collections",
		        "\"language_dirs\" names no folder for the site's language \"%s\"",
		        cfg->language ? cfg->language : "en");
}

/* ---- embeds, exclude and copy ---- */

static bool is_host_name(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '.'))
			return false;
	return n > 0 && n < 254 && s[0] != '.' && s[0] != '-';
}

/* embeds: host names, as an iframe's src names them ("player.vimeo.com"). */
void folio_config__parse_embeds(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "embeds");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		folio_config__problem(c, "/embeds", false, "write [www.youtube-nocookie.com, ...]",
		        "\"embeds\" must be a list of host names");
		return;
	}
	cfg->embeds = folio_xcalloc(json_array_size(list) + 1, sizeof(char *));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		const char *host = json_string_value(v);
		if (host && is_host_name(host)) {
			char *h = folio_xstrdup(host);
			for (char *p = h; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			cfg->embeds[cfg->nembeds++] = h;
			continue;
		}
		char *item = folio_config__pointer_index("/embeds", i);
		folio_config__problem(c, item, false, "write the host alone, e.g. player.vimeo.com, without https:// or a path",
		        "an embed must be a host name");
		free(item);
	}
}

/* A site path that served_elsewhere: may name: from "/", each segment
 * neither empty (but a last one, a folder's "/"), "." nor "..", no query,
 * fragment, backslash or control character. */
static bool elsewhere_path_ok(const char *s)
{
	if (s[0] != '/' || !s[1] || strlen(s) > 1024)
		return false;
	for (const char *seg = s + 1; *seg;) {
		size_t n = strcspn(seg, "/");
		if ((n == 0 && seg[0] == '/') || (n == 1 && seg[0] == '.') || (n == 2 && !strncmp(seg, "..", 2)))
			return false;
		seg += n + (seg[n] == '/');
	}
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		if (*u < 0x20 || *u == 0x7f || *u == '?' || *u == '#' || *u == '\\')
			return false;
	return true;
}

/* served_elsewhere: site paths another system serves on the site's host
 * (the project's downloads, Javadoc a deploy step writes): a link there
 * that names nothing of the site is not checked (validate_links.c). */
void folio_config__parse_served_elsewhere(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "served_elsewhere");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list) || json_array_size(list) > 256) {
		folio_config__problem(c, "/served_elsewhere", false, "write [/download/, /doc/api/, ...]",
		        "\"served_elsewhere\" must be a list of at most 256 site paths");
		return;
	}
	cfg->served_elsewhere = folio_xcalloc(json_array_size(list) + 1, sizeof(char *));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		const char *path = json_string_value(v);
		if (path && elsewhere_path_ok(path)) {
			cfg->served_elsewhere[cfg->nserved_elsewhere++] = folio_xstrdup(path);
			continue;
		}
		char *item = folio_config__pointer_index("/served_elsewhere", i);
		folio_config__problem(c, item, false, "write a path from the site's root, a folder ending in /: /download/",
		        "a path served elsewhere must be a site path (\"/\" first, no \".\" or \"..\" segment, query or fragment)");
		free(item);
	}
}

/* A list of paths inside the site ("exclude", "copy"), trailing "/" dropped. */
char **folio_config__get_path_list(checker *c, json_t *root, const char *key, size_t *n)
{
	*n = 0;
	json_t *list = json_object_get(root, key);
	char *ptr = folio_config__pointer_join("", key);
	char **out = NULL;
	if (!list || json_is_null(list)) {
		free(ptr);
		return NULL;
	}
	if (!json_is_array(list)) {
		folio_config__problem(c, ptr, false, "write [folder, ...]", "\"%s\" must be a list of paths", key);
		free(ptr);
		return NULL;
	}
	out = folio_xcalloc(json_array_size(list) + 1, sizeof(*out));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		char *item = folio_config__pointer_index(ptr, i);
		char *path = json_is_string(v) ? folio_xstrdup(json_string_value(v)) : NULL;
		if (path)
			folio_config__strip_trailing_slashes(path);
		if (!path || !folio_config__is_relative_path(path)) {
			folio_config__problem(c, item, false, "write a folder of the site, such as themes",
			        "\"%s\" must list paths inside the site", key);
			free(path);
		} else {
			out[(*n)++] = path;
		}
		free(item);
	}
	free(ptr);
	return out;
}


/*
 * link_hooks: [{target: g, url: "/glossary/#{term}", terms: content/glossary}].
 * A target is a plain destination (no scheme, no '/', '#' or space: it
 * names no page itself); url is a site path holding {term} once.
 */
void folio_config__parse_link_hooks(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "link_hooks");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		folio_config__problem(c, "/link_hooks", false, "write [{target: g, url: /glossary/#{term}}]",
		        "\"link_hooks\" must be a list of mappings");
		return;
	}
	cfg->link_hooks = folio_xcalloc(json_array_size(list) + 1, sizeof(*cfg->link_hooks));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		char *item = folio_config__pointer_index("/link_hooks", i);
		const char *target = json_string_value(json_object_get(v, "target"));
		const char *url = json_string_value(json_object_get(v, "url"));
		json_t *terms = json_object_get(v, "terms");
		const char *t = strstr(url ? url : "", "{term}");
		if (!json_is_object(v) || !target || !*target || strpbrk(target, ":/#? \t") || !url ||
		    url[0] != '/' || url[1] == '/' || url[1] == '\\' || !t || strstr(t + 1, "{term}") ||
		    (terms && !json_is_string(terms))) { /* "//host/...": another host's, not a site path */
			folio_config__problem(c, item, false,
			        "write {target: g, url: /glossary/#{term}, terms: content/glossary}",
			        "a link hook needs a target (a plain word), a url (a site path with {term} "
			        "once) and, if any, terms (a folder)");
			free(item);
			continue;
		}
		char *folder = terms ? folio_xstrdup(json_string_value(terms)) : NULL;
		if (folder)
			folio_config__strip_trailing_slashes(folder);
		if (folder && !folio_config__is_relative_path(folder)) {
			folio_config__problem(c, item, false, "write a folder of the site, such as content/glossary",
			        "\"terms\" must be a folder inside the site");
			free(folder);
			free(item);
			continue;
		}
		folio_link_hook *h = &cfg->link_hooks[cfg->nlink_hooks++];
		h->target = folio_xstrdup(target);
		h->url = folio_xstrdup(url);
		h->terms = folder;
		json_t *words = json_object_get(v, "words");
		if (words && !json_is_object(words))
			folio_config__problem(c, item, false, "write words: {chaining: chain}",
			        "\"words\" must map texts to terms");
		h->words = folio_xcalloc(2 * json_object_size(words) + 1, sizeof(char *));
		if (!json_is_object(words))
			words = NULL;
		size_t nw = 0;
		const char *text;
		json_t *term;
		json_object_foreach(words, text, term) {
			if (!json_is_string(term) || !json_is_object(words))
				continue;
			char *lower = folio_xstrdup(text);
			for (char *p = lower; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			h->words[nw++] = lower;
			h->words[nw++] = folio_xstrdup(json_string_value(term));
		}
		free(item);
	}
}

/* params: {repository: https://github.com/x/y}: values pages name
 * ({{ site.repository }}), each kept as text. */
void folio_config__parse_params(checker *c, folio_config *cfg, json_t *root)
{
	json_t *map = json_object_get(root, "params");
	if (!map || json_is_null(map))
		return;
	if (!json_is_object(map)) {
		folio_config__problem(c, "/params", false, "write params: {repository: https://github.com/x/y}",
		        "\"params\" must be a mapping of names to values");
		return;
	}
	cfg->params = folio_xcalloc(2 * json_object_size(map) + 1, sizeof(char *));
	size_t n = 0;
	const char *name;
	json_t *v;
	json_object_foreach(map, name, v) {
		char *text = folio_json_scalar_text(v);
		if (!text) {
			char *ptr = folio_config__pointer_join("/params", name);
			folio_config__problem(c, ptr, false, "write a string, a number or true/false",
			        "a param must be a string, a number or a boolean");
			free(ptr);
			continue;
		}
		cfg->params[n++] = folio_xstrdup(name);
		cfg->params[n++] = text;
	}
	folio_params_sort(cfg->params, n / 2);
	cfg->params_index = (folio_params){ (const char *const *)cfg->params, n / 2 };
}

/* A redirect's from: a site path a redirect page can stand at, without a
 * star and Netlify's placeholders ("/:lang/x"); a splat's is checked
 * without its star (splat_check). */
static bool is_redirect_path(const char *s)
{
	return s[0] == '/' && s[1] && !strpbrk(s, "*:?#\\ \t") && !strstr(s, "//");
}

static bool is_redirect_target(const char *s)
{
	return (s[0] == '/' && !strpbrk(s, "*: \t\\")) || folio_config__is_http_url(s);
}

/* A control character (a newline in a quoted YAML value) would end up in
 * the redirect page's <meta http-equiv="refresh"> as it is. */
static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			return true;
	return false;
}

/* A name starting with '.' but .well-known: a server reads some as its
 * own (.htaccess), and the output's marker is one (.folio-output). */
static bool hidden_name(const char *url)
{
	for (const char *s = strstr(url, "/."); s; s = strstr(s + 1, "/."))
		if (strncmp(s, "/.well-known/", 13))
			return true;
	return false;
}

/* A splat: "/authors/" and a star, to "/author/:splat" or "https://x.example/a/:splat";
 * *url is its folder, "/authors/". */
static folio_redirect_problem splat_check(const char *from, const char *to, char **url)
{
	size_t n = strlen(from), k = strlen(to);
	if (!folio_ends_with(to, ":splat"))
		return FOLIO_REDIRECT_SHAPE;
	char *folder = folio_xstrndup(from, n - 1), *dest = folio_xstrndup(to, k - 6);
	char *at = NULL;
	folio_redirect_problem why = FOLIO_REDIRECT_OK;
	if (!is_redirect_path(folder) || !dest[0] || (dest[0] == '/' && !folio_ends_with(dest, "/")) ||
	    strstr(dest, ":splat"))
		why = FOLIO_REDIRECT_SHAPE;
	else if (!strncmp(dest, "//", 2))
		why = FOLIO_REDIRECT_OTHER_HOST;
	else if (!is_redirect_target(dest))
		why = FOLIO_REDIRECT_SHAPE;
	else if (hidden_name(folder) || !(at = folio_layout_front_matter_url("/", folder)))
		why = FOLIO_REDIRECT_NO_ADDRESS;
	free(at);
	free(dest);
	if (why == FOLIO_REDIRECT_OK && url)
		*url = folder;
	else
		free(folder);
	return why;
}

folio_redirect_problem folio_config_redirect_check(const char *from, const char *to, char **url)
{
	if (url)
		*url = NULL;
	if (!from || !to || has_control(from) || has_control(to))
		return FOLIO_REDIRECT_SHAPE;
	if (strlen(from) > 2 && folio_ends_with(from, "/*"))
		return splat_check(from, to, url);
	if (!is_redirect_path(from) || strstr(to, ":splat"))
		return FOLIO_REDIRECT_SHAPE;
	if (!strncmp(to, "//", 2))
		return FOLIO_REDIRECT_OTHER_HOST;
	if (!is_redirect_target(to))
		return FOLIO_REDIRECT_SHAPE;
	/* the layout refuses "..", "." and names the output may not hold
	 * (.folio-output): the page would silently be missing */
	char *at = folio_layout_front_matter_url("/", from);
	if (!at || hidden_name(at)) {
		free(at);
		return FOLIO_REDIRECT_NO_ADDRESS;
	}
	if (url)
		*url = at;
	else
		free(at);
	return FOLIO_REDIRECT_OK;
}

static int cmp_redirect_url(const void *a, const void *b)
{
	const folio_redirect *x = *(folio_redirect *const *)a, *y = *(folio_redirect *const *)b;
	int c = strcmp(x->url, y->url);
	return c ? c : (x->number > y->number) - (x->number < y->number);
}

const folio_redirect *folio_config_redirect_at(const folio_config *cfg, const char *url)
{
	size_t lo = 0, hi = cfg->nredirects_by_url;
	while (lo < hi) { /* the first of equal urls: the earliest rule, as Netlify reads them */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(cfg->redirects_by_url[mid]->url, url) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cfg->nredirects_by_url && !strcmp(cfg->redirects_by_url[lo]->url, url)
	               ? cfg->redirects_by_url[lo]
	               : NULL;
}

char *folio_config_splat_target(const folio_redirect *r, const char *url)
{
	size_t n = strlen(r->url);
	if (!r->splat || strncmp(url, r->url, n))
		return NULL;
	return folio_xasprintf("%.*s%s", (int)(strlen(r->to) - 6), r->to, url + n);
}

const folio_redirect *folio_config_redirect_splat(const folio_config *cfg, const char *url, char **target)
{
	*target = NULL;
	/* the splats alone (at most FOLIO_REDIRECT_SPLATS_MAX): a link that names nothing is asked here,
	 * which must not cost a scan of every redirect */
	for (size_t i = 0; i < cfg->nsplats; i++) {
		const folio_redirect *r = &cfg->redirects[cfg->splats[i]];
		if (strncmp(url, r->url, strlen(r->url)))
			continue;
		*target = folio_config_splat_target(r, url);
		return r;
	}
	return NULL;
}

static void redirect_problem(checker *c, size_t i, folio_redirect_problem why, const char *from, const char *to)
{
	char *item = folio_config__pointer_index("/redirects", i);
	if (why == FOLIO_REDIRECT_NO_ADDRESS)
		folio_config__problem(c, item, false, "write the old address as a plain site path, such as /old/page/",
		        "redirect from \"%s\": no redirect page can stand there (\"..\", \".\" or a hidden name)",
		        from);
	else if (why == FOLIO_REDIRECT_OTHER_HOST)
		folio_config__problem(c, item, false, "write the whole address, such as https://other.example/x",
		        "redirect to \"%s\": \"//\" names another host, not a path of this site", to);
	else
		folio_config__problem(c, item, false, "write {from: /old/, to: /new/} (to may be an http URL), "
		        "or {from: /old/*, to: /new/:splat}",
		        "a redirect needs a from (a site path, no :placeholder, a * only as /old/*) and a to "
		        "(a site path or an http URL, ending with :splat after a from /old/*)");
	free(item);
}

/* language_subdir: en is the splat from /en/ and a star to /:splat, after the site's own
 * rules (the first rule for an address wins, as Netlify reads them). */
static void add_language_subdir(checker *c, folio_config *cfg)
{
	if (!cfg->language_subdir)
		return;
	if (cfg->nsplats == FOLIO_REDIRECT_SPLATS_MAX) {
		folio_config__problem(c, "/language_subdir", false, "keep the others in the web server's own rules",
		        "\"language_subdir\" needs one of the %d redirects with a splat (*), which redirects: "
		        "holds all", FOLIO_REDIRECT_SPLATS_MAX);
		return;
	}
	folio_redirect *r = &cfg->redirects[cfg->nredirects];
	r->from = folio_xasprintf("/%s/*", cfg->language_subdir);
	r->to = folio_xstrdup("/:splat");
	r->url = folio_xasprintf("/%s/", cfg->language_subdir);
	r->splat = true;
	r->language_subdir = true;
	cfg->splats[cfg->nsplats++] = cfg->nredirects;
	r->number = cfg->nredirects++;
}

void folio_config__parse_redirects(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "redirects");
	if (list && !json_is_null(list) && !json_is_array(list)) {
		folio_config__problem(c, "/redirects", false, "write [{from: /old/, to: /new/}]",
		        "\"redirects\" must be a list of mappings");
		list = NULL;
	}
	if (!json_array_size(list) && !cfg->language_subdir)
		return;
	cfg->redirects = folio_xcalloc(json_array_size(list) + 2, sizeof(*cfg->redirects));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		const char *from = json_string_value(json_object_get(v, "from"));
		const char *to = json_string_value(json_object_get(v, "to"));
		char *url = NULL;
		folio_redirect_problem why = json_is_object(v) ? folio_config_redirect_check(from, to, &url)
		                                               : FOLIO_REDIRECT_SHAPE;
		if (why != FOLIO_REDIRECT_OK) {
			redirect_problem(c, i, why, from, to);
			continue;
		}
		bool splat = folio_ends_with(from, "/*");
		if (splat && cfg->nsplats == FOLIO_REDIRECT_SPLATS_MAX) {
			char *item = folio_config__pointer_index("/redirects", i);
			folio_config__problem(c, item, false, "keep the others in the web server's own rules",
			        "redirect from \"%s\": folio.yaml holds at most %d redirects with a splat (*)",
			        from, FOLIO_REDIRECT_SPLATS_MAX);
			free(item);
			free(url);
			continue;
		}
		folio_redirect *r = &cfg->redirects[cfg->nredirects];
		r->from = folio_xstrdup(from);
		r->to = folio_xstrdup(to);
		r->url = url;
		r->splat = splat;
		if (splat)
			cfg->splats[cfg->nsplats++] = cfg->nredirects;
		r->number = cfg->nredirects++;
	}
	add_language_subdir(c, cfg);
	cfg->redirects_by_url = folio_xcalloc(cfg->nredirects + 1, sizeof(*cfg->redirects_by_url));
	for (size_t k = 0; k < cfg->nredirects; k++)
		if (!cfg->redirects[k].splat)
			cfg->redirects_by_url[cfg->nredirects_by_url++] = &cfg->redirects[k];
	qsort(cfg->redirects_by_url, cfg->nredirects_by_url, sizeof(*cfg->redirects_by_url), cmp_redirect_url);
}

static int cmp_path_permalink(const void *a, const void *b)
{
	size_t x = strlen(((const struct folio_path_permalink *)a)->path);
	size_t y = strlen(((const struct folio_path_permalink *)b)->path);
	return (x < y) - (x > y); /* the longest path first: the most specific wins */
}

/* path_permalinks: [{path: _overviews/scala3-book, permalink: /scala3/book/:title.html}] */
void folio_config__parse_path_permalinks(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "path_permalinks");
	if (list && !json_is_null(list) && !json_is_array(list)) {
		folio_config__problem(c, "/path_permalinks", false,
		                      "write [{path: _docs/guide, permalink: /guide/:title/}]",
		                      "\"path_permalinks\" must be a list of mappings");
		return;
	}
	cfg->path_permalinks = folio_xcalloc(json_array_size(list) + 1, sizeof(*cfg->path_permalinks));
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		const char *path = json_string_value(json_object_get(v, "path"));
		const char *perm = json_string_value(json_object_get(v, "permalink"));
		if (!path || !perm || !folio_config__is_relative_path(path) || !*perm) {
			char *item = folio_config__pointer_index("/path_permalinks", i);
			folio_config__problem(c, item, false, "write {path: a folder of the site, permalink: /x/:title/}",
			                      "a path_permalinks entry needs a folder (path:) and a permalink:");
			free(item);
			continue;
		}
		struct folio_path_permalink *e = &cfg->path_permalinks[cfg->npath_permalinks++];
		e->path = folio_xstrndup(path, strlen(path) - (path[strlen(path) - 1] == '/'));
		e->permalink = folio_xstrdup(perm);
	}
	qsort(cfg->path_permalinks, cfg->npath_permalinks, sizeof(*cfg->path_permalinks), cmp_path_permalink);
}
