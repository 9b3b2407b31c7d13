/*
 * folio.yaml's feeds: the site's feeds across collections (config.h,
 * folio_site_feed). Their address is written by whoever can push, so it is
 * held to a plain file name of the site: no folder above the output, no
 * hidden name, and none of the addresses folio already writes.
 */
#include <stdlib.h>
#include <string.h>

#include "model/config_check.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

#define FEED_URL_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-"

static const char *const FEED_KEYS[] = { "url", "format", "collections", "size", NULL };

bool folio_config_feed_url_valid(const char *s)
{
	/* .rss and .atom too: the address subscribers know (typelevel's /blog/feed.rss) */
	if (s[0] != '/' || !(folio_ends_with(s, ".xml") || folio_ends_with(s, ".rss") || folio_ends_with(s, ".atom")))
		return false;
	const char *seg = s + 1;
	for (;;) {
		size_t n = strcspn(seg, "/");
		if (n == 0 || seg[0] == '.' || strspn(seg, FEED_URL_CHARS) < n)
			return false;
		if (!seg[n])
			return true;
		seg += n + 1;
	}
}

static void parse_url(checker *c, const folio_config *cfg, folio_site_feed *f, json_t *obj, const char *base)
{
	f->url = folio_config__get_required_string(c, obj, base, "url");
	if (!f->url)
		return;
	char *ptr = folio_config__pointer_join(base, "url");
	if (!folio_config_feed_url_valid(f->url))
		folio_config__problem(c, ptr, false, "write a site path such as /feed.xml or /index.xml",
		        "a feed's url must be a site path to a file ending in .xml, .rss or .atom (letters, digits, '.', '_', '~', "
		        "'-'; no hidden name), not \"%s\"", f->url);
	else if (folio_layout_is_generated(cfg, f->url)) /* the feeds before this one too */
		folio_config__problem(c, ptr, false, "choose another address, such as /feed.xml",
		        "feed url \"%s\" is an address folio already writes (a list, a feed, the sitemap, "
		        "index.json, an earlier feed)", f->url);
	free(ptr);
}

static void parse_format(checker *c, folio_site_feed *f, json_t *obj, const char *base)
{
	char *format = folio_config__get_string(c, obj, base, "format", "atom");
	if (format && strcmp(format, "atom") && strcmp(format, "rss")) {
		char *ptr = folio_config__pointer_join(base, "format");
		folio_config__problem(c, ptr, false, "write atom or rss", "a feed's format is atom or rss, not \"%s\"",
		        format);
		free(ptr);
	}
	f->rss = format && !strcmp(format, "rss");
	free(format);
}

/* The one collection named v, dated; its place, or -1 with a problem. */
static long dated_collection(checker *c, const folio_config *cfg, json_t *v, const char *ptr)
{
	const char *name = json_string_value(v);
	const folio_collection *col = NULL;
	for (size_t k = 0; name && !col && k < cfg->ncollections; k++) /* config.c's lookup calls here */
		if (cfg->collections[k].name && !strcmp(cfg->collections[k].name, name))
			col = &cfg->collections[k];
	if (!name)
		folio_config__problem(c, ptr, false, NULL, "a collection name must be a string");
	else if (!col)
		folio_config__problem(c, ptr, false, NULL, "no collection is named \"%s\"", name);
	else if (!col->date_field)
		folio_config__problem(c, ptr, false, "give it a date_field, or leave it out of the feed",
		        "collection \"%s\" has no date_field: a site feed orders its items by date", name);
	else
		return (long)(col - cfg->collections);
	return -1;
}

static void parse_collections(checker *c, const folio_config *cfg, folio_site_feed *f, json_t *obj,
                              const char *base)
{
	json_t *list = json_object_get(obj, "collections");
	f->collections = folio_xcalloc(cfg->ncollections + 1, sizeof(*f->collections));
	if (!list || json_is_null(list)) { /* every dated collection */
		for (size_t k = 0; k < cfg->ncollections; k++)
			if (cfg->collections[k].date_field)
				f->collections[f->ncollections++] = k;
		if (!f->ncollections)
			folio_config__problem(c, base, false, "give a collection a date_field",
			        "a feed needs a collection with a date_field, and none has one");
		return;
	}
	char *ptr = folio_config__pointer_join(base, "collections");
	if (!json_is_array(list) || json_array_size(list) == 0) {
		folio_config__problem(c, ptr, false, "write [name, ...]",
		        "\"collections\" must be a non-empty list of collection names");
		free(ptr);
		return;
	}
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		char *item = folio_config__pointer_index(ptr, i);
		long k = dated_collection(c, cfg, v, item);
		bool twice = false;
		for (size_t j = 0; k >= 0 && j < f->ncollections; j++)
			twice |= f->collections[j] == (size_t)k;
		if (twice)
			folio_config__problem(c, item, false, NULL, "collection \"%s\" is named twice",
			        json_string_value(v));
		else if (k >= 0 && f->ncollections < cfg->ncollections)
			f->collections[f->ncollections++] = (size_t)k;
		free(item);
	}
	free(ptr);
}

static void parse_size(checker *c, const folio_config *cfg, folio_site_feed *f, json_t *obj, const char *base)
{
	json_t *v = json_object_get(obj, "size");
	f->size = cfg->page_size;
	if (!v || json_is_null(v))
		return;
	if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 10000) {
		f->size = (size_t)json_integer_value(v);
		return;
	}
	char *ptr = folio_config__pointer_join(base, "size");
	folio_config__problem(c, ptr, false, NULL, "a feed's \"size\" must be an integer from 1 to 10000");
	free(ptr);
}

void folio_config__parse_feeds(checker *c, folio_config *cfg, json_t *root)
{
	json_t *list = json_object_get(root, "feeds");
	if (!list || json_is_null(list))
		return;
	if (!json_is_array(list)) {
		folio_config__problem(c, "/feeds", false, "write [{url: /feed.xml}]", "\"feeds\" must be a list of mappings");
		return;
	}
	cfg->feeds = folio_xcalloc(FOLIO_SITE_FEEDS_MAX, sizeof(*cfg->feeds));
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		char *base = folio_config__pointer_index("/feeds", i);
		if (!json_is_object(item))
			folio_config__problem(c, base, false, "write {url: /feed.xml}", "a feed must be a mapping of settings");
		else if (cfg->nfeeds == FOLIO_SITE_FEEDS_MAX)
			folio_config__problem(c, base, false, NULL, "folio.yaml holds at most %d feeds", FOLIO_SITE_FEEDS_MAX);
		else {
			folio_config__check_keys(c, item, base, FEED_KEYS);
			folio_site_feed *f = &cfg->feeds[cfg->nfeeds];
			parse_url(c, cfg, f, item, base);
			parse_format(c, f, item, base);
			parse_collections(c, cfg, f, item, base);
			parse_size(c, cfg, f, item, base);
			cfg->nfeeds++;
		}
		free(base);
	}
}

void folio_config__free_feeds(folio_config *cfg)
{
	for (size_t k = 0; k < cfg->nfeeds; k++) {
		free(cfg->feeds[k].url);
		free(cfg->feeds[k].collections);
	}
	free(cfg->feeds);
}
