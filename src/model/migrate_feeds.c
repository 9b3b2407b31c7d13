/*
 * The site-wide feeds a migrated site had, kept at their addresses so that
 * subscribers keep theirs (folio.yaml's feeds:): jekyll-feed's /feed.xml,
 * a feed a Liquid file at the top made (Lanyon's atom.xml), Hugo's RSS of
 * the home page (/index.xml). What cannot be kept is named in the notes.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/config.h"
#include "folio/yaml.h"
#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

/* Jekyll's plugin named in _config.yml (plugins:, or gems: before 3.5), or
 * in the Gemfile's jekyll_plugins group, which Jekyll loads without it. */
static bool jekyll_plugin(const migration *m, const char *name)
{
	if (folio_migrate__lists(folio_migrate__get_ci(m->cfg, "plugins"), name) ||
	    folio_migrate__lists(folio_migrate__get_ci(m->cfg, "gems"), name))
		return true;
	/* a gem theme's runtime dependencies, which Jekyll requires with it
	 * (require_theme_deps): minima's jekyll-feed and jekyll-seo-tag, so
	 * theme: minima alone writes /feed.xml */
	const char *theme = folio_migrate__get_text(m->cfg, "theme");
	if (theme && !strcmp(theme, "minima") && (!strcmp(name, "jekyll-feed") || !strcmp(name, "jekyll-seo-tag")))
		return true;
	char *path = folio_fs_join(m->dir, "Gemfile");
	folio_buf text = FOLIO_BUF_INIT;
	bool found = false;
	if (folio_fs_read(&text, path) >= 0 && text.ptr) {
		const char *group = strstr(text.ptr, "group :jekyll_plugins");
		const char *end = group ? strstr(group, "\nend") : NULL;
		const char *at = group ? strstr(group, name) : NULL;
		found = at && (!end || at < end);
	}
	folio_buf_dispose(&text);
	free(path);
	return found;
}

/* The dated collection of Jekyll's _posts, or NULL. */
static const collection *jekyll_posts(const migration *m)
{
	for (size_t i = 0; i < m->ncols; i++)
		if (m->cols[i].posts && (m->cols[i].dates || m->cols[i].awaited))
			return &m->cols[i];
	return NULL;
}

bool folio_migrate__feed_awaits_posts(const migration *m)
{
	if (m->from != FOLIO_FROM_JEKYLL || !jekyll_plugin(m, "jekyll-feed"))
		return false;
	for (size_t i = 0; i < m->ncols; i++)
		if (m->cols[i].posts)
			return false; /* _posts, or en/_posts: its own dates decide */
	return true;
}

/* One feed into b, *count the feeds written so far; false when folio.yaml
 * holds as many as it may (the caller names what is not kept). */
static bool put_feed(folio_buf *b, size_t *count, const char *why, const char *url, bool rss,
                     const char *collections, long long size)
{
	if (*count == FOLIO_SITE_FEEDS_MAX)
		return false;
	if (!(*count)++)
		folio_buf_puts(b, "# the site's feeds, at the addresses its subscribers know\nfeeds:\n");
	folio_buf_printf(b, "  # %s\n  - url: ", why);
	folio_yaml_put_string(b, url);
	folio_buf_printf(b, "\n    format: %s\n", rss ? "rss" : "atom");
	if (collections)
		folio_buf_printf(b, "    collections: [%s]\n", collections);
	if (size > 0)
		folio_buf_printf(b, "    size: %lld\n", size > 10000 ? 10000 : size);
	return true;
}

/* jekyll-feed's path: (default /feed.xml), with its leading '/'; caller frees. */
static char *jekyll_feed_path(const json_t *feed)
{
	const char *path = folio_migrate__get_text(feed, "path");
	if (!path || !*path)
		return folio_xstrdup("/feed.xml");
	return folio_xasprintf("%s%s", path[0] == '/' ? "" : "/", path);
}

/* Whether a file of the site that is no Liquid feed left out stands at url:
 * it is published there, and a feed would clash with it. */
static bool plain_file(const migration *m, const char *url)
{
	size_t i;
	json_t *v;
	json_array_foreach(m->liquid_feeds, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "file")), url + 1))
			return false;
	char *path = folio_fs_join(m->dir, url + 1);
	bool taken = folio_fs_exists(path);
	free(path);
	return taken;
}

/* Whether folio writes url itself (its sitemap, index.json, a collection's
 * Atom or RSS): folio.yaml would refuse a feed there. (Two feeds at one
 * address are one: put_jekyll writes it once.) */
static bool folio_writes(const migration *m, const char *url)
{
	if (!strcmp(url, "/sitemap.xml") || !strcmp(url, "/index.json") || !strcmp(url, "/404.html"))
		return true;
	for (size_t i = 0; i < m->ncols; i++) {
		const collection *c = &m->cols[i];
		char *list = c->url ? folio_xstrdup(c->url) : folio_xasprintf("/%s/", c->folder);
		size_t n = strlen(list);
		bool hit = !strncmp(url, list, n) && (!strcmp(url + n, "atom.xml") || !strcmp(url + n, "index.xml"));
		free(list);
		if (hit)
			return true;
	}
	return false;
}

/* The collections a Liquid feed lists (from: the names of its loops over
 * site.<name>; none: the posts), comma-separated in *names (caller frees);
 * returns the first name that is no dated collection ("data.jobs", US-RSE's
 * jobs feed), else NULL. */
static const char *feed_collections(const migration *m, const json_t *from, const collection *posts, char **names)
{
	folio_buf b = FOLIO_BUF_INIT;
	size_t n = json_array_size(from);
	if (!n && !posts)
		return "posts";
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const char *want = n ? json_string_value(json_array_get(from, i)) : "posts";
		const collection *c = !strcmp(want, "posts") ? posts : NULL;
		for (size_t k = 0; !c && k < m->ncols; k++)
			if (!strcmp(m->cols[k].name, want) && m->cols[k].dates)
				c = &m->cols[k];
		if (!c) {
			folio_buf_dispose(&b);
			return want;
		}
		folio_buf_printf(&b, "%s%s", b.size ? ", " : "", c->name);
	}
	*names = folio_buf_detach(&b, NULL);
	return NULL;
}

/* One collection jekyll-feed's feed: collections: names (meta its
 * settings, NULL in a list): its feed at path:, else /feed/<name>.xml, of
 * its newest documents (posts_limit: of them, 10 without), as the plugin
 * writes it; one a dated collection folio reads does not give is named.
 * posts is the plugin's /feed.xml, kept above. */
static void put_collection_feed(migration *m, folio_buf *b, size_t *count, const char *name, const json_t *meta,
                                long long size)
{
	if (!strcmp(name, "posts"))
		return;
	const collection *c = NULL;
	for (size_t k = 0; k < m->ncols && !c; k++)
		if (!strcmp(m->cols[k].name, name) && m->cols[k].dates)
			c = &m->cols[k];
	const char *path = folio_migrate__get_text(meta, "path");
	char *url = path && *path ? folio_xasprintf("%s%s", path[0] == '/' ? "" : "/", path)
	                          : folio_xasprintf("/feed/%s.xml", name);
	bool liquid = false; /* a Liquid file there wins, as the plugin skips its path: kept below */
	size_t i;
	json_t *v;
	json_array_foreach(m->liquid_feeds, i, v)
		liquid |= !strcmp(url, json_string_value(json_object_get(v, "url")));
	if (liquid)
		;
	else if (!c)
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: %s is no dated collection folio reads\n", url,
		                 name);
	else if (!folio_config_feed_url_valid(url))
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: a feed's address is a site path ending "
		                 "in .xml, .rss or .atom, without a hidden name\n", url);
	else if (plain_file(m, url) || folio_writes(m, url))
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: a file of the site or of folio stands "
		                 "at its address\n", url);
	else if (!put_feed(b, count, "jekyll-feed's of a collection: its newest documents", url, false, c->name, size))
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: folio.yaml holds at most %d feeds\n", url,
		                 FOLIO_SITE_FEEDS_MAX);
	if (json_array_size(json_object_get(meta, "categories")))
		folio_buf_printf(m->notes, "jekyll-feed's feeds of the categories of %s (/feed/%s/<category>.xml) are "
		                 "not kept\n", name, name);
	free(url);
}

static void put_jekyll(migration *m, folio_buf *b)
{
	const collection *posts = jekyll_posts(m);
	size_t count = 0;
	bool plugin = jekyll_plugin(m, "jekyll-feed");
	char *plugin_url = plugin ? jekyll_feed_path(folio_migrate__get_ci(m->cfg, "feed")) : NULL;
	if (plugin && !folio_config_feed_url_valid(plugin_url)) {
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: a feed's address is a site path ending "
		                 "in .xml, .rss or .atom, without a hidden name\n", plugin_url);
	} else if (plugin && plain_file(m, plugin_url)) {
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: a file of the site stands at its address\n",
		                 plugin_url);
	} else if (plugin && posts) {
		json_t *limit = json_object_get(folio_migrate__get_ci(m->cfg, "feed"), "posts_limit");
		put_feed(b, &count, "jekyll-feed's: the newest posts", plugin_url, false, posts->name,
		         json_is_integer(limit) ? json_integer_value(limit) : 10);
	} else if (plugin) {
		folio_buf_printf(m->notes, "jekyll-feed's %s is not kept: the site has no dated posts (_posts)\n",
		                 plugin_url);
	}
	/* feed: collections: [releases] or {releases: {path: ...}} (ROOT's) */
	const json_t *feed = folio_migrate__get_ci(m->cfg, "feed");
	const json_t *cols = plugin ? json_object_get(feed, "collections") : NULL;
	const json_t *limit = json_object_get(feed, "posts_limit");
	long long size = json_is_integer(limit) ? json_integer_value(limit) : 10;
	const char *key;
	json_t *meta;
	size_t ci;
	json_array_foreach(cols, ci, meta)
		if (json_is_string(meta))
			put_collection_feed(m, b, &count, json_string_value(meta), NULL, size);
	json_object_foreach((json_t *)cols, key, meta)
		put_collection_feed(m, b, &count, key, meta, size);
	size_t i;
	json_t *v;
	json_array_foreach(m->liquid_feeds, i, v) {
		const char *rel = json_string_value(json_object_get(v, "file"));
		const char *url = json_string_value(json_object_get(v, "url"));
		bool twice = plugin_url && !strcmp(url, plugin_url);
		for (size_t k = 0; k < i && !twice; k++)
			twice = !strcmp(url, json_string_value(json_object_get(json_array_get(m->liquid_feeds, k), "url")));
		if (twice)
			; /* the plugin's own, or an earlier file's: once */
		else if (!folio_config_feed_url_valid(url))
			folio_buf_printf(m->notes, "%s: its feed is not kept at %s: a feed's address is a site path "
			                 "ending in .xml, .rss or .atom, without a hidden name\n", rel, url);
		else if (folio_writes(m, url))
			folio_buf_printf(m->notes, "%s: its feed is not kept at %s: folio writes a feed of its own there\n",
			                 rel, url);
		else {
			char *names = NULL;
			const char *missing = feed_collections(m, json_object_get(v, "from"), posts, &names);
			if (missing)
				folio_buf_printf(m->notes, "%s: its feed is not kept at %s: it lists site.%s, which is no "
				                 "dated collection folio reads\n", rel, url, missing);
			else if (!put_feed(b, &count, "the feed a Liquid file made, of what it lists", url,
			                   json_is_true(json_object_get(v, "rss")), names,
			                   json_integer_value(json_object_get(v, "limit"))))
				folio_buf_printf(m->notes, "%s: its feed is not kept at %s: folio.yaml holds at most %d "
				                 "feeds\n", rel, url, FOLIO_SITE_FEEDS_MAX);
			free(names);
		}
	}
	free(plugin_url);
}

bool folio_migrate__hugo_writes_rss(const migration *m, const char *kind)
{
	const json_t *off = folio_migrate__get_ci(m->cfg, "disableKinds");
	if (folio_migrate__lists(off, "rss") || folio_migrate__lists(off, kind))
		return false;
	const json_t *outputs = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "outputs"), kind);
	return !json_is_array(outputs) || folio_migrate__lists(outputs, "rss");
}

/* rssLimit, or services.rss.limit (Hugo 0.114 on); 0: all, which folio
 * bounds by page_size. */
static long long hugo_rss_limit(const migration *m)
{
	const json_t *v = folio_migrate__get_ci(m->cfg, "rssLimit");
	if (!json_is_integer(v))
		v = folio_migrate__get_ci(folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "services"), "rss"), "limit");
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* The home page's RSS address: /index.xml, or /<baseName>.xml when
 * outputFormats.RSS names one (neovim.io's /news.xml). Caller frees. */
static char *hugo_rss_url(const migration *m)
{
	const json_t *rss = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "outputFormats"), "RSS");
	const char *base = json_string_value(folio_migrate__get_ci(rss, "baseName"));
	char *url = base && *base ? folio_xasprintf("/%s.xml", base) : NULL;
	if (url && !folio_config_feed_url_valid(url)) {
		folio_buf_printf(m->notes, "Hugo's RSS baseName %s is not kept: a feed's address is a plain name\n", base);
		free(url);
		url = NULL;
	}
	return url ? url : folio_xstrdup("/index.xml");
}

static void put_hugo(migration *m, folio_buf *b)
{
	if (!folio_migrate__hugo_writes_rss(m, "home"))
		return;
	bool dated = false;
	size_t count = 0;
	char *url = hugo_rss_url(m), *taken = folio_xasprintf("%s/static%s", m->dir, url);
	for (size_t i = 0; i < m->ncols; i++)
		dated |= m->cols[i].dates > 0;
	if (!dated)
		folio_buf_printf(m->notes, "Hugo's RSS of the whole site (%s) is not kept: no section's pages "
		                           "have dates to order it by\n", url);
	else if (folio_fs_exists(taken))
		folio_buf_printf(m->notes, "Hugo's RSS of the whole site (%s) is not kept: static%s "
		                           "stands at its address\n", url, url);
	else
		put_feed(b, &count, "Hugo's RSS of the home page: the newest pages of every dated section",
		         url, true, NULL, hugo_rss_limit(m));
	free(taken);
	free(url);
}

void folio_migrate__put_feeds(migration *m, folio_buf *b)
{
	if (m->from == FOLIO_FROM_JEKYLL)
		put_jekyll(m, b);
	else
		put_hugo(m, b);
}
