/*
 * The output layout (layout.h): URLs and output paths, spelled once.
 */
#include "model/layout.h"

#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "folio/path.h"
#include "model/slug.h"
#include "model/urlize.h"
#include "util/alloc.h"
#include "util/banned.h"

/* A collection's folder; a config built by hand may leave it to the name. */
static const char *folder_of(const folio_collection *c)
{
	/* the root's collection ("." ) has its name's URL unless url: says; a
	 * collection folio.yaml gives no name (an error) none, while the rest
	 * of folio.yaml is read */
	return c->folder && strcmp(c->folder, ".") ? c->folder : c->name ? c->name : "";
}

/* The collection's URL without its slashes: "posts" for url "/posts/", else its folder. */
static const char *base_view(const folio_collection *c, size_t *len)
{
	size_t n = c->url ? strlen(c->url) : 0;
	if (n > 2) {
		*len = n - 2;
		return c->url + 1;
	}
	const char *folder = folder_of(c);
	*len = strlen(folder);
	return folder;
}

/* The same, allocated; caller frees. */
static char *base_of(const folio_collection *c)
{
	size_t n;
	const char *base = base_view(c, &n);
	return folio_xstrndup(base, n);
}

char *folio_layout_page_url(const folio_collection *c, const char *slug)
{
	return folio_layout_page_url_as(c, slug, false);
}

char *folio_layout_page_url_as(const folio_collection *c, const char *slug, bool folder)
{
	/* joined in place: a page's URL is made for each of the site's pages */
	size_t n, slen = strlen(slug);
	const char *base = base_view(c, &n);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_grow(&b, n + slen + sizeof("//.html"));
	folio_buf_putc(&b, '/');
	folio_buf_put(&b, base, n);
	folio_buf_putc(&b, '/');
	folio_buf_put(&b, slug, slen);
	folio_buf_puts(&b, c->ugly_urls && !folder ? ".html" : "/");
	return folio_buf_detach(&b, NULL);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The date placeholders, Jekyll's names (Hugo's :year, :month, :day are
 * among them), in the order folio_layout_put_date() tells them by. */
static const char *const date_tokens[] = { ":year", ":month", ":day", ":i_month", ":i_day",
	                                        ":short_year", ":y_day", ":week", ":short_day" };
enum { T_YEAR, T_MONTH, T_DAY, T_I_MONTH, T_I_DAY, T_SHORT_YEAR, T_Y_DAY, T_WEEK, T_SHORT_DAY, T_COUNT };

static int date_token(const char *s, size_t n)
{
	for (int i = 0; i < T_COUNT; i++) {
		size_t k = strlen(date_tokens[i]);
		if (n >= k && !strncmp(s, date_tokens[i], k))
			return i;
	}
	return -1;
}

size_t folio_layout_date_token(const char *s, size_t n)
{
	int t = date_token(s, n);
	return t < 0 ? 0 : strlen(date_tokens[t]);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Day of the year, 1 to 366. */
static int year_day(int y, int m, int d)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	return before[m - 1] + d + (m > 2 && leap(y));
}

/* ISO 8601's day of the week, Monday 1 to Sunday 7 (Sakamoto's rule). */
static int week_day(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	if (m < 3)
		y--;
	int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* Sunday 0 */
	return w ? w : 7;
}

/* ISO 8601's weeks in year y: 53 when it starts on a Thursday, or on a
 * Wednesday in a leap year. */
static int iso_weeks(int y)
{
	int jan1 = week_day(y, 1, 1);
	return jan1 == 4 || (jan1 == 3 && leap(y)) ? 53 : 52;
}

/* Ruby's strftime("%V"), which Jekyll's :week is: ISO 8601's week. */
static int iso_week(int y, int m, int d)
{
	int w = (year_day(y, m, d) - week_day(y, m, d) + 10) / 7;
	return w < 1 ? iso_weeks(y - 1) : w > iso_weeks(y) ? 1 : w;
}

void folio_layout_put_date(folio_buf *b, const char *token, size_t n, const char *date)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	int y = atoi(date), m = (date[5] - '0') * 10 + (date[6] - '0'), d = (date[8] - '0') * 10 + (date[9] - '0');
	bool valid = m >= 1 && m <= 12 && d >= 1 && d <= 31;
	switch (date_token(token, n)) {
	case T_YEAR: folio_buf_put(b, date, 4); break;
	case T_MONTH: folio_buf_put(b, date + 5, 2); break;
	case T_DAY: folio_buf_put(b, date + 8, 2); break;
	case T_I_MONTH: /* Jekyll's, without a leading zero: rubyonrails.org's /2008/11/7/ */
	case T_I_DAY: {
		const char *two = date + (token[3] == 'm' ? 5 : 8);
		folio_buf_put(b, two[0] == '0' ? two + 1 : two, two[0] == '0' ? 1 : 2);
		break;
	}
	case T_SHORT_YEAR: folio_buf_put(b, date + 2, 2); break;
	case T_Y_DAY: /* Jekyll's ordinal style: /2019/315/x.html */
		if (valid)
			folio_buf_printf(b, "%03d", year_day(y, m, d));
		break;
	case T_WEEK: /* its weekdate style: /2019/W46/Mon/x.html */
		if (valid)
			folio_buf_printf(b, "%02d", iso_week(y, m, d));
		break;
	case T_SHORT_DAY:
		if (valid)
			folio_buf_puts(b, days[week_day(y, m, d) - 1]);
		break;
	default: break;
	}
}

bool folio_layout_is_day(const char *date)
{
	return date && strlen(date) >= 10 && digits(date, 4) && date[4] == '-' && digits(date + 5, 2) &&
	       date[7] == '-' && digits(date + 8, 2);
}

bool folio_layout_permalink_dated(const char *permalink)
{
	for (const char *p = permalink ? strchr(permalink, ':') : NULL; p; p = strchr(p + 1, ':'))
		if (folio_layout_date_token(p, strlen(p)))
			return true;
	return false;
}

char *folio_layout_permalink_url(const folio_collection *c, const char *slug, const char *name,
                                 const char *date, const char *categories, bool folder)
{
	if (!c->permalink)
		return NULL;
	if (folio_layout_permalink_dated(c->permalink) && !folio_layout_is_day(date))
		return NULL;
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *p = c->permalink; *p;) {
		size_t k = folio_layout_date_token(p, strlen(p));
		if (k) {
			folio_layout_put_date(&b, p, k, date);
			p += k;
		} else if (!strncmp(p, ":path", 5)) {
			/* its path in the collection's folder, as the folder places
			 * it without a permalink */
			folio_buf_puts(&b, slug);
			p += 5;
		} else if (!strncmp(p, ":categories/", 12)) { /* a segment of its own (config.c) */
			if (categories && *categories)
				folio_buf_printf(&b, "%s/", categories);
			p += 12;
		} else if (!strncmp(p, ":slug", 5)) {
			/* the page's own name, as Hugo's :slug and Jekyll's :title:
			 * the date, not the folder, places it */
			const char *last = strrchr(slug, '/');
			folio_buf_puts(&b, name ? name : last ? last + 1 : slug);
			p += 5;
		} else {
			folio_buf_putc(&b, *p++);
		}
	}
	/* Hugo's uglyURLs with "/:year/:month/:day/:slug/": /2015/11/09/x.html
	 * (the permalink always ends in "/", is_permalink() in config.c) */
	if (c->ugly_urls && !folder && b.size > 1 && b.ptr[b.size - 1] == '/') {
		folio_buf_truncate(&b, b.size - 1);
		folio_buf_puts(&b, ".html");
	}
	return folio_buf_detach(&b, NULL);
}

char *folio_layout_url_output(const char *url)
{
	while (*url == '/')
		url++;
	size_t n = strlen(url);
	if (!n)
		return folio_xstrdup(FOLIO_LAYOUT_HOME);
	if (url[n - 1] == '/')
		return folio_xconcat(url, "index.html", (char *)NULL);
	return folio_xstrdup(url);
}

static bool well_known(const char *s, size_t n)
{
	return n == 11 && !strncmp(s, ".well-known", 11);
}

bool folio_layout_url_hidden(const char *url)
{
	for (const char *s = url; *s;) {
		size_t n = strcspn(s, "/");
		if (n && s[0] == '.' && n != 1 && !(n == 2 && s[1] == '.') && !well_known(s, n))
			return true;
		s += n + (s[n] == '/');
	}
	return false;
}

/* Whether each segment of a site-absolute path is a plain name: not ".",
 * "..", nor hidden but .well-known (RFC 8615), as a web server reads some
 * hidden names as its own settings (Apache's .htaccess, PHP's .user.ini):
 * a pusher's url: or alias wrote one there, their template its text (a
 * redirect's from: was refused already). */
static bool safe_segments(const char *url)
{
	for (const char *s = url + 1; *s;) {
		size_t n = strcspn(s, "/");
		if (!n && s[n])
			return false; /* "//" */
		if (n && s[0] == '.' && !well_known(s, n))
			return false;
		s += n + (s[n] == '/');
	}
	return true;
}

/* A relative URL's "." and ".." segments taken against base ("/a/b/" and
 * "../c": "/a/c"), as a browser takes them; NULL when it climbs above the
 * root. Caller frees. */
static char *join_relative_at(const char *base, const char *url, bool clamp)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, base);
	for (const char *s = url; *s;) {
		size_t n = strcspn(s, "/");
		bool slash = s[n] == '/';
		if (n == 2 && !strncmp(s, "..", 2) && b.size <= 1 && clamp) {
			/* above the root: the root, as a path is cleaned */
		} else if (n == 2 && !strncmp(s, "..", 2)) {
			if (b.size <= 1) { /* "/" itself: above the root */
				folio_buf_dispose(&b);
				return NULL;
			}
			/* the last folder's name: back to the '/' before it */
			const char *up = memrchr(b.ptr, '/', b.size - 1);
			folio_buf_truncate(&b, up ? (size_t)(up - b.ptr) + 1 : 0);
		} else if (!(n == 1 && s[0] == '.')) {
			folio_buf_put(&b, s, n);
			if (slash)
				folio_buf_putc(&b, '/');
		}
		s += n + slash;
	}
	return folio_buf_detach(&b, NULL);
}

static char *join_relative(const char *base, const char *url)
{
	return join_relative_at(base, url, false);
}

/* url with each run of '/' made one, as Go's path.Clean makes it. Caller
 * frees. */
static char *single_slashes(const char *url)
{
	char *out = folio_xstrdup(url), *o = out;
	for (const char *s = url; *s; s++)
		if (*s != '/' || o == out || o[-1] != '/')
			*o++ = *s;
	*o = '\0';
	return out;
}

char *folio_layout_alias_url(const char *base, const char *written)
{
	/* "//" is one '/' in a path Hugo cleans: Jenkins X's alias
	 * "/docs/v3/getting-started/openshift//" is its redirect at
	 * /docs/v3/getting-started/openshift/ */
	char *url = single_slashes(written);
	/* Hugo cleans an absolute alias as a path (path.Clean): "." and ".."
	 * resolved, ".." at the root staying there; Osuny writes /../fr/accueil/
	 * for /fr/accueil/ (1,375 aliases of a university's site). Nothing
	 * climbs out: the root is the floor. A relative one that climbs above
	 * the root is refused, as Hugo refuses it. */
	char *clean = url[0] == '/' ? join_relative_at("/", url + 1, true) : join_relative(base, url);
	char *out = clean ? folio_layout_front_matter_url("/", clean) : NULL;
	free(clean);
	free(url);
	return out;
}

char *folio_layout_front_matter_url(const char *base, const char *url)
{
	char *abs = url[0] == '/' ? folio_xstrdup(url) : join_relative(base, url);
	if (!abs)
		return NULL;
	size_t n = strlen(abs);
	char *out = NULL;
	if (n > 1 && abs[0] == '/' && !strpbrk(abs, "?#\\") && safe_segments(abs)) {
		char *path = folio_layout_url_output(abs);
		if (!folio_path_check(path, strlen(path))) {
			const char *last = strrchr(abs, '/');
			out = abs[n - 1] != '/' && !strchr(last, '.') ? folio_xasprintf("%s/", abs)
			                                               : folio_xstrdup(abs);
		}
		free(path);
	}
	free(abs);
	return out;
}

char *folio_layout_list_url(const folio_collection *c, size_t number)
{
	char *base = base_of(c), *url;
	/* Hugo's uglyURLs writes a section's list as its pages: /post.html,
	 * /post/page/2.html */
	const char *end = c->ugly_lists ? ".html" : "/";
	if (number == 1)
		url = c->ugly_lists ? folio_xasprintf("/%s.html", base) : folio_xasprintf("/%s/", base);
	else
		url = folio_xasprintf("/%s/page/%zu%s", base, number, end);
	free(base);
	return url;
}

char *folio_layout_collection_folder(const folio_collection *c)
{
	char *base = base_of(c);
	char *url = folio_xasprintf("/%s/", base);
	free(base);
	return url;
}

char *folio_layout_list_output(const folio_collection *c, size_t number)
{
	char *url = folio_layout_list_url(c, number);
	char *out = folio_layout_url_output(url);
	free(url);
	return out;
}

char *folio_layout_feed_url(const folio_collection *c, size_t number)
{
	char *base = base_of(c), *url;
	if (number == 1)
		url = folio_xasprintf("/%s/index.json", base);
	else
		url = folio_xasprintf("/%s/feed/%zu.json", base, number);
	free(base);
	return url;
}

char *folio_layout_feed_output(const folio_collection *c, size_t number)
{
	char *url = folio_layout_feed_url(c, number);
	char *out = folio_layout_url_output(url);
	free(url);
	return out;
}

bool folio_layout_has_feeds(const folio_config *cfg, const folio_collection *c)
{
	if (!c->unlisted)
		return true;
	for (size_t i = 0; i < cfg->npartners; i++)
		for (size_t k = 0; k < cfg->partners[i].ncollections; k++)
			if (!strcmp(cfg->partners[i].collections[k], c->name))
				return true;
	return false;
}

/* The RSS file's name beside a list (rss_name:); index.xml without a config. */
static const char *rss_name(const folio_config *cfg)
{
	return cfg && cfg->rss_name ? cfg->rss_name : FOLIO_LAYOUT_RSS;
}

/* Beside the list, at the collection's url: (Hugo's RSS is /posts/index.xml
 * for content/posts), never at its source folder's path. */
char *folio_layout_atom_url(const folio_collection *c)
{
	char *base = base_of(c);
	char *url = folio_xasprintf("/%s/" FOLIO_LAYOUT_ATOM, base);
	free(base);
	return url;
}

char *folio_layout_atom_output_in(const folio_collection *c, const char *lang)
{
	char *atom = folio_layout_atom_url(c), *url = folio_xasprintf("/%s%s", lang, atom);
	char *out = folio_layout_url_output(url);
	free(url);
	free(atom);
	return out;
}

char *folio_layout_rss_url(const folio_config *cfg, const folio_collection *c)
{
	char *base = base_of(c);
	char *url = folio_xasprintf("/%s/%s", base, rss_name(cfg));
	free(base);
	return url;
}

char *folio_layout_terms_url(const char *tax, bool ugly)
{
	return folio_xasprintf(ugly ? "/%s.html" : "/%s/", tax);
}

char *folio_layout_section_rss_url(const folio_config *cfg, const char *url)
{
	return folio_xasprintf("%s%s", url, rss_name(cfg));
}

char *folio_layout_terms_rss_url(const folio_config *cfg, const char *tax)
{
	return folio_xasprintf("/%s/%s", tax, rss_name(cfg));
}

char *folio_layout_term_slug(const folio_config *cfg, const char *name, size_t len, const char **why)
{
	char *slug = NULL;
	if (!cfg->hugo_links && !cfg->term_keeps_case) {
		slug = folio_slug_make(name, len);
	} else {
		/* Hugo's urlize keeps a term's "/": Osuny's hierarchical categories
		 * ("summits/workshops") are at /events_categories/summits/workshops/,
		 * where their texts are. The whole name is urlized as Hugo does, its
		 * spaces around a '/' dashes too ("atelier / stage" at
		 * /tags/atelier-/-stage/, an agenda's); when a name that gives is
		 * empty, "." or ".." (or capitals are kept), each segment is urlized
		 * on its own (folio_urlize_segment refuses those). */
		slug = cfg->term_keeps_case ? NULL : folio_urlize_path(name, len, cfg->remove_path_accents);
		folio_buf b = FOLIO_BUF_INIT;
		for (size_t i = 0; !slug && i < len;) {
			const char *slash = memchr(name + i, '/', len - i);
			size_t n = slash ? (size_t)(slash - (name + i)) : len - i;
			char *seg = folio_urlize_segment(name + i, n, cfg->remove_path_accents, cfg->term_keeps_case);
			if (seg)
				folio_buf_printf(&b, "%s%s", b.size ? "/" : "", seg);
			free(seg);
			i += n + (slash != NULL);
		}
		if (!slug)
			slug = folio_buf_detach(&b, NULL);
		folio_buf_dispose(&b);
		if (!slug || !*slug) {
			free(slug);
			slug = folio_slug_make(name, len);
		}
	}
	/* 80 CJK characters transliterate to a 475-byte name, which no file
	 * system holds: every publish failed "File name too long" (t406) */
	const char *bad = slug ? folio_path_check(slug, strlen(slug)) : NULL;
	if (why)
		*why = bad;
	if (bad) {
		free(slug);
		return NULL;
	}
	return slug;
}

char *folio_layout_term_url(const char *tax, const char *term, size_t number, bool ugly)
{
	const char *end = ugly ? ".html" : "/";
	if (number == 1)
		return folio_xasprintf("/%s/%s%s", tax, term, end);
	return folio_xasprintf("/%s/%s/page/%zu%s", tax, term, number, end);
}

char *folio_layout_term_feed_url(const char *tax, const char *term)
{
	return folio_xasprintf("/%s/%s/" FOLIO_LAYOUT_INDEX, tax, term);
}

char *folio_layout_term_atom_url(const char *tax, const char *term)
{
	return folio_xasprintf("/%s/%s/" FOLIO_LAYOUT_ATOM, tax, term);
}

char *folio_layout_term_rss_url(const folio_config *cfg, const char *tax, const char *term)
{
	return folio_xasprintf("/%s/%s/%s", tax, term, rss_name(cfg));
}

/* Feed page number of rest ("index.json", "feed/3.json") within a
 * collection's folder, or 0. */
static size_t feed_rest_number(const char *rest)
{
	if (!strcmp(rest, "index.json"))
		return 1;
	size_t digits = strncmp(rest, "feed/", 5) ? 0 : strspn(rest + 5, "0123456789");
	if (!digits || digits > 9 || strcmp(rest + 5 + digits, ".json"))
		return 0;
	size_t n = strtoul(rest + 5, NULL, 10);
	return n > 1 ? n : 0;
}

/* What follows the collection's URL folder ("<folder>/", or its url's
 * "posts/") at the start of path, or NULL. */
static const char *in_folder(const folio_collection *c, const char *path)
{
	size_t n;
	const char *base = base_view(c, &n); /* not copied: asked of every page's URL */
	return strncmp(path, base, n) || path[n] != '/' ? NULL : path + n + 1;
}

bool folio_layout_feed_number(const folio_collection *c, const char *output, size_t *number)
{
	const char *rest = in_folder(c, output);
	*number = rest ? feed_rest_number(rest) : 0;
	return *number > 0;
}

char *folio_layout_static_output(const folio_config *cfg, const char *path)
{
	if (cfg->static_at_root && !strncmp(path, "static/", 7))
		return folio_xstrdup(path + 7);
	if (cfg->assets_at_root && !strncmp(path, "assets/", 7))
		return folio_xstrdup(path + 7);
	return folio_xstrdup(path);
}

char *folio_layout_static_path(const folio_config *cfg, const char *url)
{
	size_t n = strlen(url);
	if (url[0] != '/' || url[n - 1] == '/')
		return NULL;
	if (cfg->static_at_root)
		return folio_xasprintf("static%s", url);
	return strncmp(url, "/static/", 8) ? NULL : folio_xstrdup(url + 1);
}

bool folio_layout_wants_static(const folio_config *cfg, const char *url)
{
	if (cfg->static_at_root) /* a name with an extension: a file */
		return strchr(strrchr(url, '/'), '.') != NULL;
	return !strncmp(url, "/static/", 8);
}

char *folio_layout_resource_path(const char *url)
{
	size_t n = strlen(url);
	if (!n || url[n - 1] == '/')
		return NULL;
	return folio_xstrdup(url[0] == '/' ? url + 1 : url);
}

char *folio_layout_bundle_url(const char *page_url, const char *rel)
{
	const char *slash = strrchr(page_url, '/');
	int dir = slash ? (int)(slash - page_url) + 1 : 0;
	return folio_xasprintf("%s%.*s%s", dir && page_url[0] == '/' ? "" : "/", dir, page_url, rel);
}

char *folio_layout_bundle_output(const char *page_url, const char *rel)
{
	char *url = folio_layout_bundle_url(page_url, rel);
	char *out = folio_xstrdup(url + 1);
	free(url);
	return out;
}

/* "", "page/N/" or "page/N" after a collection's folder; with ugly_lists
 * "page/N.html" only: Hugo writes no index.html in the folder. */
static bool is_list_rest(const folio_collection *c, const char *rest)
{
	if (!c->ugly_lists && (!*rest || !strcmp(rest, "index.html")))
		return true;
	if (strncmp(rest, "page/", 5))
		return false;
	size_t digits = strspn(rest + 5, "0123456789");
	if (!digits)
		return false;
	const char *end = rest + 5 + digits;
	return c->ugly_lists ? !strcmp(end, ".html") : !*end || !strcmp(end, "/") || !strcmp(end, "/index.html");
}

/* "post.html", an ugly_lists collection's first list page. */
static bool is_ugly_list(const folio_collection *c, const char *path)
{
	size_t n;
	const char *base = base_view(c, &n);
	return !strncmp(path, base, n) && !strcmp(path + n, ".html");
}

size_t folio_layout_lang_slot(const folio_config *cfg, const char *lang)
{
	for (size_t l = 0; lang && l < cfg->nlanguages; l++)
		if (!strcmp(cfg->languages[l], lang))
			return l + 1;
	return 0;
}

const char *folio_layout_output_language(const folio_config *cfg, const char *path, const char **rest)
{
	*rest = path;
	for (size_t l = 0; l < cfg->nlanguages; l++) {
		size_t n = strlen(cfg->languages[l]);
		if (!strncmp(path, cfg->languages[l], n) && path[n] == '/') {
			*rest = path + n + 1;
			return cfg->languages[l];
		}
	}
	return NULL;
}

bool folio_layout_is_generated(const folio_config *cfg, const char *url)
{
	if (!strcmp(url, "/") || !strcmp(url, "/" FOLIO_LAYOUT_INDEX) ||
	    (!strcmp(url, "/" FOLIO_LAYOUT_SITEMAP) && cfg->sitemap) ||
	    (!strcmp(url, "/" FOLIO_LAYOUT_NOT_FOUND) && cfg->not_found_page))
		return true;
	if (url[0] != '/')
		return false;
	for (size_t i = 0; i < cfg->nfeeds; i++) /* feeds: of the whole site */
		if (cfg->feeds[i].url && !strcmp(url, cfg->feeds[i].url)) /* NULL while folio.yaml is read */
			return true;
	/* a taxonomy's pages: the terms are the pages' values, which this
	 * module does not see; the index exists unless index: false */
	for (size_t i = 0; i < cfg->ntaxonomies; i++) {
		size_t n = strlen(cfg->taxonomy_folders[i]), k = strlen(cfg->term_folders[i]);
		if ((!strncmp(url + 1, cfg->taxonomy_folders[i], n) && !cfg->taxonomy_unindexed[i] &&
		     (!strcmp(url + n + 1, cfg->taxonomy_ugly[i] ? ".html" : "/") ||
		      (url[n + 1] == '/' && !strcmp(url + n + 2, rss_name(cfg))))) ||
		    (!strncmp(url + 1, cfg->term_folders[i], k) && url[k + 1] == '/' && url[k + 2]))
			return true;
	}
	/* a translation language's home page, lists and feeds: /es/, /es/<folder>/... */
	const char *below;
	if (folio_layout_output_language(cfg, url + 1, &below)) { /* "/es/": its home page */
		const char *in = below - 1; /* "/" and what follows */
		return folio_layout_is_generated(cfg, in) && strcmp(in, "/" FOLIO_LAYOUT_INDEX) &&
		       strcmp(in, "/" FOLIO_LAYOUT_SITEMAP) && strcmp(in, "/" FOLIO_LAYOUT_NOT_FOUND);
	}
	for (size_t i = 0; i < cfg->ncollections; i++) {
		const folio_collection *c = &cfg->collections[i];
		if (c->ugly_lists && !c->unlisted && is_ugly_list(c, url + 1))
			return true;
		const char *rest = in_folder(c, url + 1);
		if (rest && ((!c->unlisted && is_list_rest(c, rest)) ||
		             (folio_layout_has_feeds(cfg, c) &&
		              (feed_rest_number(rest) || !strcmp(rest, FOLIO_LAYOUT_ATOM) ||
		               (!c->no_rss && !strcmp(rest, rss_name(cfg)))))))
			return true;
	}
	return false;
}
