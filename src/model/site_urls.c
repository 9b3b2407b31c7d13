/*
 * Addresses: a page's URL as its front matter sets it (slug:, url:,
 * permalink:, a dated collection's), and the callbacks through which its
 * Markdown asks for other pages' and files' URLs: links to a page's .md
 * file or a bundle's file are written with the address it is published
 * at. Static files are placed here, once every page has its address.
 */
#include "folio/site.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/layout.h"
#include "model/site_internal.h"
#include "model/slug.h"
#include "model/urlize.h"
#include "folio/path.h"
#include "folio/schedule.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/dates.h"
#include "util/search.h"
#include "util/text.h"
#include "util/banned.h"

/* A finding at the value of front matter key (or the file when unknown).
 * A draft's is a warning, as its other findings are (validate.c): it
 * publishes nothing, and keeps the address its file gives in a preview
 * (a migrated blog's old draft with url: /?p=504 stopped the whole site). */
static void front_matter_finding(folio_diags *d, const folio_page *p, const char *key,
                                 folio_rule rule, const char *hint, const char *fmt, const char *arg)
{
	unsigned line = 0, col = 0;
	char *pointer = folio_xasprintf("/%s", key);
	if (p->fm.meta)
		folio_yaml_position(p->fm.meta, pointer, &line, &col);
	free(pointer);
	folio_diags_add(d, rule, p->path, line, col, hint, fmt, arg);
	if (p->schedule.draft && d->count)
		d->items[d->count - 1].severity = FOLIO_SEVERITY_WARNING;
}

/* "url:" as a URL of the site (layout.h), or NULL with a finding in d. */
/* url as the page's key wrote it (url:, or Jekyll's permalink:), refused
 * at that key's line when it leaves the site. */
static char *front_matter_url(const folio_page *p, const char *key, const char *url, folio_diags *d)
{
	/* "/": the page is the home page's text (academicpages' _pages/about.md,
	 * permalink: /), site_index.c; so is "/index.html", the file Jekyll
	 * writes for it (the Feeling Responsive theme's home page) */
	bool home = !strcmp(url, "/") || !strcmp(url, "/index.html");
	char *u = home ? folio_xstrdup("/") : folio_layout_front_matter_url("/", url);
	if (!u && folio_layout_url_hidden(url))
		front_matter_finding(d, p, key, FOLIO_RULE_SLUG_INVALID,
		                     "a web server may read such a file as its own settings (Apache's .htaccess); "
		                     "only /.well-known/ may be written",
		                     "url \"%s\" holds a hidden name (starting with '.')", url);
	else if (!u)
		front_matter_finding(d, p, key, FOLIO_RULE_SLUG_INVALID,
		                     "write a site path such as /association/statuts/",
		                     "url \"%s\" is not a path of the site", url);
	return u;
}

/*
 * Front matter may set a page's address, as Hugo's does: "slug:" replaces
 * the last segment of its slug (made a slug by the same rule as file
 * names), "url:" its whole URL when it starts with '/' (other values, such
 * as a website's address, are data). The collection's section page keeps the
 * list's URL.
 */
/* The folder url is in: "/a/b/" is "/a/", "/b/" is "/"; an address not
 * ending in '/' (an ugly URL's /a/b.html) is kept. Caller frees. */
static char *folder_url(const char *url)
{
	size_t n = strlen(url);
	if (n < 2 || url[n - 1] != '/')
		return folio_xstrdup(url);
	for (n--; n && url[n - 1] != '/'; n--)
		;
	return folio_xstrndup(url, n ? n : 1);
}

/* p named seg (taken over): the last segment of its slug, and its URL. */
static void rename_page(folio_page *p, char *seg)
{
	const char *last = strrchr(p->slug, '/');
	char *full = last ? folio_xasprintf("%.*s/%s", (int)(last - p->slug), p->slug, seg)
	                  : folio_xstrdup(seg);
	free(seg);
	if (!p->file_slug)
		p->file_slug = p->slug;
	else
		free(p->slug);
	p->slug = full;
	folio_site__set_page_url(p, folio_site__page_url(p));
}

/* The segment p's title gives (slug_from: title, Hugo's :slug), or NULL
 * when it has none or it gives no plain name (a finding then: the page
 * keeps its file's name). A stub's title is its record's. */
static char *title_segment(const folio_page *p, const folio_config *cfg, folio_diags *d)
{
	const char *title = NULL;
	size_t n = 0;
	if (p->stub) {
		/* an untitled page's record holds its slug as its title */
		title = p->own_title && strcmp(p->own_title, p->slug) ? p->own_title : NULL;
		n = title ? strlen(title) : 0;
	} else {
		json_t *t = folio_page_meta_get(p, p->collection->title_field);
		title = json_is_string(t) ? json_string_value(t) : NULL;
		n = title ? json_string_length(t) : 0;
	}
	if (!title)
		return NULL; /* Hugo's :slug of an untitled page is empty: the file names it */
	/* Hugo keeps a title's '/': "En déplacement / Sécurité" is at
	 * /thematiques/en-deplacement-/-securite/, two folders down; a title
	 * whose '/' gives no plain names is one name, its '/' dropped */
	char *path = folio_urlize_path(title, n, cfg->remove_path_accents);
	if (path)
		return path;
	char *seg = folio_urlize(title, n, cfg->remove_path_accents);
	if (seg && !folio_path_check(seg, strlen(seg)))
		return seg;
	if (p->stub) /* its finding was the parse's */
		;
	else if (seg)
		front_matter_finding(d, p, p->collection->title_field, FOLIO_RULE_SLUG_INVALID,
		                     "set slug: to the address the page should have",
		                     "the address its title gives (slug_from: title) is no plain name: \"%s\"",
		                     seg);
	else
		front_matter_finding(d, p, p->collection->title_field, FOLIO_RULE_SLUG_INVALID,
		                     "set slug: to the address the page should have",
		                     "its title gives no address (slug_from: title): \"%s\" has no letter "
		                     "or digit", title);
	free(seg);
	return NULL;
}

/* A Hugo site's slug: (hugo_links) beyond ASCII: the segment Hugo's urlize
 * makes of it, letters of any script kept ("código-de-conducta",
 * rOpenSci's), where folio's slug rule transliterates; NULL (a finding)
 * when it gives no plain name. An ASCII one follows the site's slug_dots
 * and the collection's slug_underscores, which init sets as Hugo writes. */
static char *hugo_slug(const folio_page *p, const char *slug, size_t n, const folio_config *cfg,
                       folio_diags *d)
{
	char *seg = folio_urlize_segment(slug, n, cfg->remove_path_accents, false);
	if (!seg)
		front_matter_finding(d, p, "slug", FOLIO_RULE_SLUG_INVALID, "give it a letter or a digit",
		                     "slug \"%s\" gives no plain name in an address", slug);
	return seg;
}

bool folio_site_category_plain(const char *c)
{
	if (!c || !*c || !strcmp(c, ".") || !strcmp(c, ".."))
		return false;
	for (const unsigned char *u = (const unsigned char *)c; *u; u++)
		if (!(*u >= 0x80 || (*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		      (*u >= '0' && *u <= '9') || *u == '-' || *u == '_' || *u == '.'))
			return false;
	return true;
}

/* Append category c to b in lower case and a '/', unless b has it. */
static void put_category(folio_buf *b, const char *c)
{
	if (!folio_site_category_plain(c))
		return;
	size_t start = b->size;
	for (size_t k = 0; c[k]; k++)
		folio_buf_putc(b, (char)(c[k] >= 'A' && c[k] <= 'Z' ? c[k] - 'A' + 'a' : c[k]));
	folio_buf_putc(b, '/');
	size_t len = b->size - start;
	for (size_t at = 0; at < start; at = (size_t)((char *)memchr(b->ptr + at, '/', start - at) - b->ptr) + 1)
		if (!memcmp(b->ptr + at, b->ptr + start, len)) { /* said before: once (a set) */
			folio_buf_truncate(b, start);
			return;
		}
}

/* Jekyll's :categories: its collection's (the folders above _posts), then
 * the page's (categories:, or category:), lower case, each once, each
 * followed by '/' (UrlDrop#categories); a category that is not a plain
 * name is left out. categories: written as one text is a list of words,
 * as Jekyll splits it ("freifunk infrastruktur": two); category: is one. */
static void put_categories(folio_buf *b, const folio_page *p)
{
	for (size_t i = 0; i < p->collection->ncategories; i++)
		put_category(b, p->collection->categories[i]);
	json_t *v = folio_page_meta_get(p, "categories");
	const char *words = json_string_value(v);
	if (!v)
		v = folio_page_meta_get(p, "category");
	for (const char *w = words; w && *w;) {
		size_t skip = strspn(w, " \t"), n = strcspn(w + skip, " \t");
		char *one = n ? folio_xstrndup(w + skip, n) : NULL;
		put_category(b, one);
		free(one);
		w += skip + n;
	}
	size_t n = words ? 0 : json_is_array(v) ? json_array_size(v) : 1;
	for (size_t i = 0; i < n; i++)
		put_category(b, json_string_value(json_is_array(v) ? json_array_get(v, i) : v));
}

/* Jekyll's :path of a post: its name with the date its file's name starts
 * with ("_posts/2020-04-16-x.md" at /posts/2020-04-16-x/ under
 * /posts/:path/), where folio's slug drops it; NULL for a file named
 * without a date. Caller frees. */
static char *post_path(const folio_page *p)
{
	char date[11];
	size_t k = folio_site__name_date(p, date);
	if (!k)
		return NULL;
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	const char *last = strrchr(p->slug, '/');
	int dir = last ? (int)(last - p->slug) + 1 : 0;
	return folio_xasprintf("%.*s%.*s%s", dir, p->slug, (int)k, base, p->slug + dir);
}

/* A date and time with an offset as Jekyll places it: Ruby's Time.parse
 * then localtime, the day of its instant in the build's zone (the site's
 * timezone:, UTC on GitHub's builders): "2023-05-27 22:09:19 -0400",
 * which `jekyll new` writes, is the 28th. The day into out; false when
 * the date is no such date-time (its first ten characters stand). */
static bool local_day(char out[11], const char *date, const char *zone)
{
	folio_when w, l;
	if (!folio_when_parse(&w, date, strlen(date)) || !w.has_time || !w.has_offset ||
	    !folio_when_local(&l, &w, zone))
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", l.year, l.month, l.day);
	return true;
}

/* The collection's :categories for p: "news/release", "" for none; NULL
 * when its permalink has no such segment. Caller frees. */
static char *permalink_categories(const folio_page *p)
{
	if (!p->collection->permalink || !strstr(p->collection->permalink, ":categories"))
		return NULL;
	folio_buf b = FOLIO_BUF_INIT;
	put_categories(&b, p);
	if (b.size)
		folio_buf_truncate(&b, b.size - 1);
	return folio_buf_detach(&b, NULL); /* "" for none, not NULL */
}

/*
 * Jekyll expands the placeholders of a page's own permalink: as of its
 * collection's (docs.scala-lang's "/overviews/collections/:title.html"):
 * :title is its slug: or its file's name (a post's without its date),
 * capitals kept (UrlDrop#title slugifies it "cased"), :slug the same in
 * lower case, :name its file's name in lower case, :basename its file's
 * name as it is, :path its path in the collection, :output_ext
 * ".html", :collection the collection's, the date's parts its date's and
 * :categories its categories. Doubled slashes are one, as Jekyll cleans
 * them. NULL when own names none.
 */
static char *jekyll_placeholders(const folio_page *p, const char *own)
{
	if (!strchr(own, ':'))
		return NULL;
	const char *file = strrchr(p->path, '/'), *dot;
	file = file ? file + 1 : p->path;
	dot = strrchr(file, '.');
	char date_of_name[11];
	size_t flen = dot ? (size_t)(dot - file) : strlen(file), dated_name = folio_site__name_date(p, date_of_name);
	const char *own_slug = json_string_value(folio_page_meta_get(p, "slug"));
	const char *named = own_slug ? own_slug : file + dated_name;
	size_t nlen = own_slug ? strlen(own_slug) : flen - dated_name;
	char *title = folio_site__jekyll_title(p->collection, named, nlen);
	char *slug = folio_slug_make(named, nlen), *name = folio_slug_make(file + dated_name, flen - dated_name);
	const char *date = json_string_value(folio_page_meta_get(p, p->collection->date_field
	                                                                    ? p->collection->date_field : "date"));
	if (!folio_layout_is_day(date))
		date = NULL;
	static const struct { const char *key; size_t n; } keys[] = {
		{ ":title", 6 }, { ":slug", 5 }, { ":name", 5 }, { ":basename", 9 }, { ":path", 5 },
		{ ":output_ext", 11 }, { ":collection", 11 }, { ":categories", 11 },
	};
	folio_buf b = FOLIO_BUF_INIT;
	bool any = false;
	for (const char *c = own; *c;) {
		/* a placeholder is followed by no letter of a longer name */
		size_t k = 0, nkeys = sizeof(keys) / sizeof(*keys), d = folio_layout_date_token(c, strlen(c));
		while (k < nkeys && strncmp(c, keys[k].key, keys[k].n))
			k++;
		size_t len = d ? d : k < nkeys ? keys[k].n : 0;
		bool dated = d != 0;
		if (!len || (c[len] >= 'a' && c[len] <= 'z') || c[len] == '_' || (dated && !date)) {
			folio_buf_putc(&b, *c++);
			continue;
		}
		any = true;
		if (d)
			folio_layout_put_date(&b, c, d, date);
		else switch (k) {
		case 0: folio_buf_puts(&b, title ? title : ""); break;
		case 1: folio_buf_puts(&b, slug ? slug : ""); break;
		case 2: folio_buf_puts(&b, name ? name : ""); break;
		case 3: folio_buf_put(&b, file, flen); break;
		case 4: folio_buf_puts(&b, p->slug); break;
		case 5: folio_buf_puts(&b, ".html"); break;
		case 6: folio_buf_puts(&b, p->collection->name); break;
		default: put_categories(&b, p); break;
		}
		c += len;
	}
	free(title);
	free(slug);
	free(name);
	if (!any) {
		folio_buf_dispose(&b);
		return NULL;
	}
	char *out = folio_buf_detach(&b, NULL), *w = out;
	for (const char *r = out; *r; r++) /* "//" is one '/' */
		if (*r != '/' || w == out || w[-1] != '/')
			*w++ = *r;
	*w = '\0';
	return out;
}

/* The permalink path_permalinks: gives p: that of the longest folder
 * holding its file, or NULL. */
static const char *path_permalink(const folio_page *p, const folio_config *cfg)
{
	for (size_t i = 0; i < cfg->npath_permalinks; i++) {
		const char *folder = cfg->path_permalinks[i].path;
		size_t n = strlen(folder);
		if (!strncmp(p->path, folder, n) && p->path[n] == '/')
			return cfg->path_permalinks[i].permalink;
	}
	return NULL;
}

static bool names_slug(const char *permalink)
{
	return permalink && (strstr(permalink, ":slug") || strstr(permalink, ":title"));
}

/* The first language a segment of path names, split at '/' and '.'
 * (jekyll-polyglot's derive_lang_from_path): one of cfg's languages, or
 * the site's (which names none of them); NULL when none. Borrowed. */
static const char *path_language(const char *path, const folio_config *cfg)
{
	for (const char *s = path; *s;) {
		size_t n = strcspn(s, "/.");
		if (cfg->language && n == strlen(cfg->language) && !strncasecmp(s, cfg->language, n))
			return cfg->language;
		for (size_t i = 0; i < cfg->nlanguages; i++)
			if (n == strlen(cfg->languages[i]) && !strncasecmp(s, cfg->languages[i], n))
				return cfg->languages[i];
		s += n + (s[n] != '\0');
	}
	return NULL;
}

/* language_field: (jekyll-polyglot's lang:): a page its path gives no
 * language is in the one its front matter names, when languages: has it. */
static void field_language(folio_page *p, const folio_config *cfg)
{
	if (!cfg->language_field || p->lang)
		return;
	const char *v = json_string_value(folio_page_meta_get(p, cfg->language_field));
	if (!v && cfg->language_from_path)
		v = path_language(p->path, cfg);
	for (size_t i = 0; v && i < cfg->nlanguages; i++)
		if (!strcasecmp(v, cfg->languages[i])) {
			p->lang = folio_xstrdup(cfg->languages[i]);
			return;
		}
}

/* Can p's output be written where its address puts it? A slug the slug
 * rule made longer than its file's name (76 CJK characters, 228 bytes,
 * transliterated to 303) or a long slug: named no file a file system
 * holds, and the build failed without a finding. A stub's passed. */
static void check_output_name(const folio_page *p, folio_diags *d)
{
	if (p->stub || !p->url)
		return;
	char *out = folio_layout_url_output(p->url);
	const char *why = folio_path_check(out, strlen(out));
	if (why) {
		size_t n = strlen(p->url);
		if (n > 60) /* its first characters, whole */
			for (n = 60; n && ((unsigned char)p->url[n] & 0xc0) == 0x80; n--)
				;
		char *what = folio_xasprintf("%.*s%s: %s", (int)n, p->url, p->url[n] ? "..." : "", why);
		if (folio_page_meta_get(p, "slug"))
			front_matter_finding(d, p, "slug", FOLIO_RULE_SLUG_INVALID, "give the page a shorter slug: or name",
			                     "its address cannot be written: %s", what);
		else /* its file's name made it */
			folio_diags_add(d, FOLIO_RULE_SLUG_INVALID, p->path, 0, 0, "give the page a shorter slug: or name",
			                "its address cannot be written: %s", what);
		free(what);
	}
	free(out);
}

void folio_site__apply_address(folio_page *p, const folio_config *cfg, folio_diags *d)
{
	field_language(p, cfg);
	/* a list's text keeps the list's address; a Jekyll folder's index.md
	 * with permalink: / is the home page's text (transformation-cluster's) */
	if (p->section && !(folio_site__own_page(p, cfg) && folio_page_meta_may_start(p, "permalink", "")))
		return;
	json_t *slug = folio_page_meta_get(p, "slug"), *url = NULL;
	/* only a site path counts (below): a stub's front matter is not parsed
	 * for an organisation's website */
	bool jekyll = false;
	if (folio_page_meta_may_start(p, "url", "/") || folio_page_meta_may_start(p, "permalink", "")) {
		url = folio_page_meta_get(p, "url");
		if (!url) { /* Jekyll's name for it */
			url = folio_page_meta_get(p, "permalink");
			jekyll = url != NULL;
		}
	}
	/* Hugo reads a number as its text (cast.ToString): slug: 7788 is the
	 * slug "7788" (a blog's post whose title is not ASCII), not no slug */
	json_t *numeric = cfg->hugo_links && json_is_integer(slug)
	                          ? json_sprintf("%" JSON_INTEGER_FORMAT, json_integer_value(slug))
	                          : NULL;
	if (numeric)
		slug = numeric;
	char *seg = NULL;
	/* Hugo's slug: is "not applicable to section pages" (a sub-section's
	 * _index.md: kubernetes' contributor site, events/2020/kcc/ with
	 * slug: kcc2020, stays at its folder's address, its images beside) */
	if (cfg->hugo_links && folio_page_is_index_file(p))
		slug = NULL;
	/* Hugo's slug: "." is the page's folder itself (Getty's Quire books:
	 * a section's overview at /1-part/, the cover at /), as its permalink
	 * /:sections/:slug/ cleans to */
	bool at_folder = cfg->hugo_links && json_is_string(slug) && !strcmp(json_string_value(slug), ".");
	if (at_folder)
		slug = NULL;
	/* Hugo's slug: "" is no slug (archetypes write it: events.eclipse.org's
	 * keynote pages stay at their file's name) */
	if (cfg->hugo_links && json_is_string(slug) && !json_string_length(slug))
		slug = NULL;
	/* Jekyll's slug: feeds :slug and :title only: a collection's default
	 * /:collection/:path/, and a page's path, ignore it */
	if (cfg->jekyll_rules && !names_slug(p->collection->permalink) &&
	    !names_slug(json_string_value(jekyll ? url : NULL)) && !names_slug(path_permalink(p, cfg)))
		slug = NULL;
	/* Hugo's :filename and :contentbasename name a page by its file alone */
	if (p->collection->slug_unused)
		slug = NULL;
	if (json_is_string(slug) && cfg->hugo_links && !folio_ascii(json_string_value(slug))) {
		seg = hugo_slug(p, json_string_value(slug), json_string_length(slug), cfg, d);
	} else if (json_is_string(slug) && p->collection->slug_keeps_case) {
		/* velero's slug: Velero-1.11 at /blog/Velero-1.11/ (disablePathToLower) */
		seg = folio_site__slug_keeping_case(p->collection, json_string_value(slug), json_string_length(slug));
		if (!seg)
			front_matter_finding(d, p, "slug", FOLIO_RULE_SLUG_INVALID, "give it a letter or a digit",
			                     "slug \"%s\" has no letter or digit", json_string_value(slug));
	} else if (json_is_string(slug)) {
		bool underscores = p->collection->slug_underscores;
		const char *text = json_string_value(slug);
		size_t len = json_string_length(slug);
		seg = p->collection->slug_letters && !folio_ascii(text) ? folio_slug_make_letters(text, len, underscores, false)
		      : p->collection->slug_dots                  ? folio_slug_make_dotted(text, len, underscores)
		                                                  : folio_slug_make_with(text, len, underscores);
		if (!seg)
			front_matter_finding(d, p, "slug", FOLIO_RULE_SLUG_INVALID,
			                     "give it a letter or a digit",
			                     "slug \"%s\" has no letter or digit", json_string_value(slug));
	} else if (p->collection->slug_from_title && !folio_page_is_index_file(p) &&
	           !folio_site__named_by_date(p)) { /* Hugo's :filename names it (name_dates:) */
		seg = title_segment(p, cfg, d);
	}
	if (seg)
		rename_page(p, seg);
	json_decref(numeric);
	/* a collection's permalink: the page's date in its URL, as Jekyll's
	 * /:year/:month/:day/:title/ (a page without a date keeps its URL;
	 * without a permalink, a stub's front matter is not parsed for it), or
	 * its name alone (/:slug/); a sub-section's page, without a date,
	 * keeps its folder's address, as Hugo's permalinks are for pages,
	 * which /posts/:path/ gives it */
	json_t *date = p->collection->date_field && p->collection->permalink
	                       ? folio_page_meta_get(p, p->collection->date_field)
	                       : NULL;
	bool by_path = p->collection->permalink && strstr(p->collection->permalink, ":path");
	/* a sub-section's page follows an undated permalink ("/billets/:slug/")
	 * as little with a date as without: Hugo's are for pages */
	/* nor a dated one on a Hugo site: a branch bundle's _index.md is a
	 * section, at its folder (jakarta.ee's news/hello/, its files beside) */
	bool index = folio_page_is_index_file(p);
	bool by_permalink = (json_is_string(date) && (!index || (!cfg->hugo_links &&
	                                                         folio_layout_permalink_dated(p->collection->permalink)))) ||
	                    (p->collection->permalink && (by_path || !index));
	char *categories = by_permalink ? permalink_categories(p) : NULL;
	char *dated_path = by_path && cfg->jekyll_rules ? post_path(p) : NULL;
	/* the name slug: or the title gave, which may hold a '/' (Hugo's
	 * urlize keeps it): the slug past its file's folders */
	const char *name = NULL;
	if (p->file_slug && !dated_path) {
		const char *last = strrchr(p->file_slug, '/');
		size_t dir = last ? (size_t)(last - p->file_slug) + 1 : 0;
		name = !strncmp(p->slug, p->file_slug, dir) ? p->slug + dir : NULL;
	}
	char local[11];
	const char *day = json_is_string(date) ? json_string_value(date) : NULL;
	if (day && cfg->jekyll_rules && local_day(local, day, cfg->timezone))
		day = local;
	char *placed = by_permalink ? folio_layout_permalink_url(p->collection, dated_path ? dated_path : p->slug,
	                                                         name, day, categories, folio_site__folder_index(p))
	                            : NULL;
	free(categories);
	free(dated_path);
	if (placed)
		folio_site__set_page_url(p, placed);
	if (at_folder) { /* a translation's /fr/ stays: its folder is below it */
		char *folder = folder_url(p->url);
		free(p->url);
		p->url = folder;
	}
	/* only a site path is an address: "url: https://..." is a field of the
	 * page's own (an organisation's website); Jekyll reads a permalink:
	 * without its leading '/' (choosealicense.com's no-permission/) from
	 * the root */
	const char *own = json_string_value(url);
	if (!url && (own = path_permalink(p, cfg)) != NULL) /* Jekyll's defaults: for its folder */
		jekyll = true;
	char *expanded = own && jekyll ? jekyll_placeholders(p, own) : NULL;
	if (expanded)
		own = expanded;
	/* Jekyll makes one '/' of a run (URL#sanitize_url): bitcoincore.org's
	 * permalink: /en/2017/03/31//prioritized-block-download/ */
	char *squeezed = own && jekyll && strstr(own, "//") && !strstr(own, "://") ? folio_xstrdup(own) : NULL;
	if (squeezed) {
		char *w = squeezed;
		for (const char *r = squeezed; *r; r++)
			if (*r != '/' || w == squeezed || w[-1] != '/')
				*w++ = *r;
		*w = '\0';
		own = squeezed;
	}
	/* a permalink: without its first '/' is from the root, as Jekyll reads
	 * it; a Hugo url: so from its language's root (iccs-isac's
	 * "docs/logiciels_libres/..." on a French page is /fr/docs/...); a
	 * Jekyll page's url: is data (opensourcedesign's twitter.com/x), and a
	 * site of folio's own names an address with its '/' */
	bool relative = own && own[0] != '/' && *own && !strchr(own, ':') && (jekyll || cfg->hugo_links);
	char *rooted = !relative ? NULL
	               : jekyll || !p->lang ? folio_xasprintf("/%s", own)
	                                    : folio_xasprintf("/%s/%s", p->lang, own);
	if (rooted)
		own = rooted;
	/* Jekyll writes a permalink without a last '/' as that name and the
	 * page's output extension, unless it ends with it (Page#destination):
	 * /labs/lab1 is labs/lab1.html, which a server such as GitHub Pages
	 * also answers at /labs/lab1, and /spec/v1.0 spec/v1.0.html (slsa's);
	 * a text page's extension is its own (.txt), which a dot ends */
	const char *last = own && jekyll && own[0] == '/' ? strrchr(own, '/') : NULL;
	bool text = folio_page_is_plain_text(p);
	char *named = last && last[1] && (text ? !strchr(last, '.') : !folio_ends_with(own, ".html"))
		? folio_xasprintf("%s.html", own) : NULL;
	if (named)
		own = named;
	/* language_subdir: en: Hugo's url: /en/docs/x/ was the address of a
	 * page of the site's language, which folio publishes at the root
	 * (/docs/x/, the old address a redirect), as links to it are read */
	size_t sub = cfg->language_subdir && !p->lang && own && !jekyll ? strlen(cfg->language_subdir) : 0;
	if (sub && own[0] == '/' && !strncmp(own + 1, cfg->language_subdir, sub) && own[sub + 1] == '/')
		own += sub + 1;
	if (own && own[0] == '/') {
		char *u = front_matter_url(p, jekyll ? "permalink" : "url", own, d);
		if (u && jekyll && p->lang) {
			/* jekyll-polyglot writes a translation's permalink: below its
			 * language (/fr/about/), where Hugo's url: is the whole address */
			char *in = folio_xasprintf("/%s%s", p->lang, u);
			free(u);
			u = in;
		}
		if (u) {
			free(p->url);
			p->url = u;
		}
	}
	free(expanded);
	free(rooted);
	free(squeezed);
	free(named);
	check_output_name(p, d);
}

/* A page's URL by its file, or NULL when the site does not know it: on a
 * partial site, a page neither loaded nor in the lookup under the slug its
 * name gives. Read-only on a full site (by_path is built before the bodies
 * are parsed). */
static const char *known_page_url(folio_site *site, const char *path)
{
	if (site->by_path) {
		folio_page *const *p = folio_search(site->by_path, site->nby_path, sizeof(*site->by_path),
		                                    path, folio_site__cmp_page_path);
		/* Hugo's GetPage, which a link render hook calls (hugo_links),
		 * finds a file whatever its case: cni.dev's [spec](SPEC.md) is
		 * content/docs/spec.md. Looked for only when the name as written
		 * is no page's (one of them when several differ by case alone). */
		if (!p && site->by_path_caseless)
			p = folio_search(site->by_path_caseless, site->nby_path, sizeof(*site->by_path), path,
			                 folio_site__cmp_page_path_caseless);
		return p ? (*p)->url : NULL;
	}
	for (size_t i = 0; i < site->npages; i++) /* partial: the few pages loaded */
		if (!strcmp(site->pages[i]->path, path))
			return site->pages[i]->url;
	if (!site->partial)
		return NULL;
	/* else the published page of that file, found by the slug its name
	 * gives: only when it is that file (slug: may have moved it) */
	const folio_collection *c = folio_config_collection_for_path(site->config, path);
	bool section = false;
	const char *bad;
	size_t badlen;
	/* a translation's slug is that of the file it translates (site_tree.c) */
	char *plain;
	char *readme = folio_site__readme_as_index(site, path); /* named as its folder's index */
	const char *named = readme ? readme : path;
	const char *lang = folio_site__path_language(site->config, named, &plain);
	char *slug = c && folio_site__is_page_file(site->config, path)
	                     ? folio_site__page_slug(c, plain ? plain : named, &section, &bad, &badlen)
	                     : NULL;
	const folio_page *stub =
		slug && !section ? folio_site__find_stub(site, c->name, slug, lang, NULL) : NULL;
	free(plain);
	free(slug);
	free(readme);
	return stub && !strcmp(stub->path, path) ? stub->url : NULL;
}

/* folio_markdown_options.page_url_of: a page's URL by its file (below). */
/* Jekyll's {% post_url name %} is "_posts/<name>.md" (shortcode_liquid.c):
 * the post of that name in the posts' folder wherever it is, as Jekyll
 * finds it in site.posts (collections_dir: collections/_posts). Caller
 * frees; NULL when there is no other. */
static char *posts_folder_file(const folio_config *cfg, const char *path)
{
	/* {% link _api/intro.md %} likewise: a document's relative_path, which
	 * the tag compares, is from collections_dir: (articles/_api/intro.md) */
	size_t n = path[0] == '_' ? strcspn(path, "/") : 0;
	if (!n || !path[n])
		return NULL;
	for (size_t i = 0; i < cfg->ncollections; i++) {
		const char *folder = cfg->collections[i].folder, *last = strrchr(folder, '/');
		if (last && strlen(last + 1) == n && !strncmp(last + 1, path, n))
			return folio_xasprintf("%s%s", folder, path + n);
	}
	return NULL;
}

static const char *page_named(folio_site *site, const char *name);

/* Jekyll 4's {% post_url name %} of a post in a sub-folder of _posts
 * (_posts/en-us/2018-12-22-distill.md for 2018-12-22-distill): the one
 * post of that name, as its deprecated fallback finds it by its date and
 * slug. NULL when none or several are. */
static const char *post_by_name(folio_site *site, const char *path)
{
	size_t n = strlen(path);
	if (!site->config->jekyll_rules || strncmp(path, "_posts/", 7) || strchr(path + 7, '/') || n < 11 ||
	    strcmp(path + n - 3, ".md"))
		return NULL;
	char *name = folio_xstrndup(path + 7, n - 10);
	const char *url = page_named(site, name);
	free(name);
	return url;
}

static const char *page_url_of(const char *path, void *payload)
{
	folio_site *site = payload;
	const char *url = known_page_url(site, path);
	char *moved = url ? NULL : posts_folder_file(site->config, path);
	if (moved)
		url = known_page_url(site, moved);
	free(moved);
	if (!url)
		url = post_by_name(site, path);
	if (!url && site->partial && !site->by_path)
		site->guessed_url = true;
	return url;
}

static char *content_root(const folio_config *cfg);

/* Is c the collection of the pages at the top of Hugo's content folder? */
static bool is_content_root(const folio_config *cfg, const folio_collection *c)
{
	char *root = content_root(cfg);
	bool is = root && !strcmp(root, c->folder);
	free(root);
	return is;
}

/* The folder a bundle's files go in, from its page's URL: the page's own
 * folder, and for a page at /post/x.html (ugly_urls) /post/x/, as Hugo's
 * uglyURLs places them: two bundles' img.png never meet in /post/. */
static char *bundle_folder(const folio_collection *c, const char *url)
{
	size_t n = strlen(url);
	if (c->ugly_urls && n > 6 && !strcmp(url + n - 5, ".html"))
		return folio_xasprintf("%.*s/", (int)(n - 5), url);
	return folio_xstrdup(url);
}

/* A Jekyll collection's file (not a page) follows its permalink, :path
 * the file's path in the folder without its extension, which follows:
 * _pages/sharepoint/box.png of permalink /:path/ is /sharepoint/box.png
 * (18F's development guide). The folder it is in, *rel moved to its name;
 * NULL for a permalink with another placeholder, or a file without one. */
static char *path_permalink_folder(const folio_collection *c, const char **rel)
{
	const char *perm = c->permalink, *at = perm ? strstr(perm, ":path") : NULL;
	const char *inner = *rel, *slash = strrchr(inner, '/'), *dot = strrchr(inner, '.');
	if (!at || strchr(at + 5, ':') || memchr(perm, ':', (size_t)(at - perm)) || !dot || (slash && dot < slash) ||
	    dot == (slash ? slash + 1 : inner))
		return NULL;
	/* "/:path/" with "sharepoint/box": "/sharepoint/box/", then its folder */
	char *url = folio_xasprintf("%.*s%.*s%s", (int)(at - perm), perm, (int)(dot - inner), inner, at + 5);
	size_t n = strlen(url);
	while (n > 1 && url[n - 1] == '/')
		url[--n] = '\0';
	char *last = strrchr(url, '/');
	last[1] = '\0';
	if (slash)
		*rel = slash + 1;
	return url;
}

/* Is a folder of path named _x (Jekyll's collections, _posts)? */
static bool in_underscore_folder(const char *path)
{
	for (const char *s = path, *slash; (slash = strchr(s, '/')); s = slash + 1)
		if (*s == '_')
			return true;
	return false;
}

/*
 * The URL of the page whose bundle holds the file at path, as in Hugo's
 * bundles: the page "<D>/index.md" (a leaf) or "<D>/_index.md" (a branch:
 * a sub-section's page, or the collection's own list) of the nearest
 * folder D above the file, up to its collection's folder; else, as Hugo
 * publishes a section's files, the collection's list. *rel is then the
 * file's path below D. NULL for a file in no collection, or at the root's
 * (*asked tells whether a folder was looked at, which a partial site may
 * not know). Caller frees.
 */
static char *bundle_page_url(folio_site *site, const char *path, const char **rel, bool *asked)
{
	const folio_collection *c = folio_config_collection_for_path(site->config, path);
	*asked = false;
	if (!c || folio_site__has_prefix(path, "static/"))
		return NULL;
	bool root = !strcmp(c->folder, ".");
	size_t top = root ? 0 : strlen(c->folder);
	/* in a translation's folder, the collection's folder is there too */
	const char *rest, *lang = folio_config_dir_language(site->config, path, &rest);
	if (lang && !root)
		top = top - strlen(site->config->language_dir) + (size_t)(rest - path) - 1;
	/* a file in a folder Jekyll reads as a plain one (no _x folder on its
	 * path: not a collection's) is a static file at its own path, even
	 * when the folder's index.md has a permalink elsewhere: OLS's
	 * fiscal-hosting/ (permalink /open-incubator/fiscal-hosting/) keeps
	 * its contract at /fiscal-hosting/fsc-contract/ */
	if (site->config->jekyll_rules && !lang && !in_underscore_folder(path))
		return NULL;
	/* a Jekyll collection's file follows its permalink, whatever index.md
	 * its folders hold (Jekyll has no bundles) */
	if (!root && !lang && !site->config->hugo_links) {
		*rel = path + top + 1;
		char *placed = path_permalink_folder(c, rel);
		if (placed)
			return placed;
	}
	/* Hugo's index.en.md on a site in "en" or "en-US" (folio_site__path_language),
	 * index.fr.md in a translation's folder, each also in .markdown, which
	 * blogdown writes (index.en.markdown beside index.en.Rmarkdown) */
	const char *own = site->config->nlanguages || site->config->hugo_links ? site->config->language : NULL;
	char **suffixes = folio_xcalloc(4 + site->config->nlanguages, sizeof(*suffixes));
	size_t nsuffixes = 0;
	suffixes[nsuffixes++] = folio_xstrdup("");
	if (own) {
		suffixes[nsuffixes++] = folio_xasprintf(".%s", own);
		suffixes[nsuffixes++] = folio_xasprintf(".%.*s", (int)strcspn(own, "-"), own);
	}
	if (lang)
		suffixes[nsuffixes++] = folio_xasprintf(".%s", lang);
	/* last, a folder whose only page is another language's (x/index.fr.md
	 * beside x/d.png): Hugo writes its files in that page's bundle,
	 * /fr/x/d.png */
	for (size_t l = 0; site->config->hugo_links && l < site->config->nlanguages; l++)
		if (!lang || strcmp(lang, site->config->languages[l]))
			suffixes[nsuffixes++] = folio_xasprintf(".%s", site->config->languages[l]);
	static const char *const exts[] = { "md", "markdown" };
	char *found = NULL;
	for (const char *end = strrchr(path, '/'); !found && end && (size_t)(end - path) + !root > top;
	     end = memrchr(path, '/', (size_t)(end - path))) {
		*asked = true;
		for (size_t k = 0; !found && k < nsuffixes * 2 * 2; k++) {
			char *index = folio_xasprintf("%.*s/%sindex%s.%s", (int)(end - path), path,
			                              (k / 2) % 2 ? "_" : "", suffixes[k / 4], exts[k % 2]);
			const char *url = known_page_url(site, index);
			/* its page left for the site language folder's (content/fr/x/index.en.md
			 * for content/en/x/index.en.md): Hugo merges both folders' files
			 * into that bundle */
			size_t size;
			char *first = !url && lang && folio_site__shadowed(site, index) &&
			                              folio_source_size(&size, site->src, index) == 0
			                      ? folio_config_site_language_path(site->config, index) : NULL;
			if (first)
				url = known_page_url(site, first);
			free(first);
			free(index);
			if (url) {
				*rel = end + 1;
				found = bundle_folder(c, url);
			}
		}
	}
	for (size_t i = 0; i < nsuffixes; i++)
		free(suffixes[i]);
	free(suffixes);
	if (found)
		return found;
	if (root)
		return NULL;
	*rel = path + top + 1;
	/* Hugo's content folder is the home page's: a file there, or in a
	 * folder of it without a page (content/documents/a.pdf), is at its
	 * path below it (/documents/a.pdf), not below the list folio makes of
	 * the root's pages (/pages/) */
	char *list = site->config->hugo_links && is_content_root(site->config, c)
	                     ? folio_xstrdup("/") : folio_layout_collection_folder(c);
	if (!lang)
		return list;
	char *url = folio_xasprintf("/%s%s", lang, list);
	free(list);
	return url;
}

static int cmp_output_ptr(const void *a, const void *b)
{
	return strcmp((*(folio_static_file *const *)a)->output, (*(folio_static_file *const *)b)->output);
}

/* The static files gone[] names, left out; by_output lists the others. */
static void drop_statics(folio_site *site, const bool *gone)
{
	size_t kept = 0;
	for (size_t i = 0; i < site->nstatics; i++) {
		if (gone[i]) {
			site->static_bytes -= site->statics[i].size;
			free(site->statics[i].path);
			free(site->statics[i].id);
			free(site->statics[i].output);
			continue;
		}
		site->statics[kept++] = site->statics[i];
	}
	site->nstatics = kept;
	for (size_t i = 0; i < site->nstatics; i++)
		site->by_output[i] = &site->statics[i];
}

/* Is p, a leaf bundle's page, held (a draft, not yet due, expired)? A
 * stub's schedule is its record's (site_parse.c): a held page has a record
 * too, and its files wait with it whichever way the site was loaded. */
static bool held_bundle(const folio_site *site, const folio_page *p)
{
	return folio_site__leaf_index(site->config, p->path) &&
	       folio_schedule_status(&p->schedule, site->now) != FOLIO_PAGE_PUBLISHED;
}

/*
 * The files of a held leaf bundle are not published, as Hugo writes no
 * resource of a page it does not render: a draft announcement's images
 * wait with it, and a link to one is a link to the held page
 * (folio_site_held_file_page()). A translation of the page published keeps
 * them; folio serve, showing held pages, shows their files.
 */
static void drop_held_bundles(folio_site *site)
{
	if (!site->config->leaf_bundles || site->opts.show_held || !site->nstatics)
		return;
	bool *gone = NULL;
	for (size_t i = 0; i < site->npages; i++) {
		const folio_page *p = site->pages[i];
		if (!held_bundle(site, p))
			continue;
		size_t dir = (size_t)(strrchr(p->path, '/') - p->path) + 1; /* "x/" */
		bool shown = false;
		for (size_t k = 0; k < site->npages && !shown; k++) {
			const folio_page *q = site->pages[k];
			shown = q != p && !strncmp(q->path, p->path, dir) && !strchr(q->path + dir, '/') &&
			        !held_bundle(site, q);
		}
		for (size_t k = 0; k < site->nstatics && !shown; k++)
			if (!strncmp(site->statics[k].path, p->path, dir)) {
				if (!gone)
					gone = folio_xcalloc(site->nstatics, sizeof(*gone));
				gone[k] = true;
				FOLIO_ARRAY_GROW(site->held_files, site->nheld_files, site->aheld_files,
				                 site->nheld_files + 1);
				site->held_files[site->nheld_files++] =
					(folio_site__held_file){ folio_xstrdup(site->statics[k].output),
				                                 folio_xstrdup(site->statics[k].path), p };
			}
	}
	if (gone)
		drop_statics(site, gone);
	free(gone);
	if (site->nheld_files > 1)
		qsort(site->held_files, site->nheld_files, sizeof(*site->held_files), folio_sort_cmp_str);
}

const folio_page *folio_site_held_file_page(const folio_site *site, const char *output)
{
	const folio_site__held_file *f = folio_search(site->held_files, site->nheld_files,
	                                              sizeof(*site->held_files), output, folio_search_cmp_str);
	return f ? f->page : NULL;
}

/* How far down a static file comes when two share an output: static/ (or
 * any other file) first, then the roots of static_roots: in their order,
 * as Hugo's site static/ wins over its theme's; last assets/ (with
 * assets_at_root), which Hugo publishes only when a template uses a file,
 * never over a static one (kubeflow.org's static/OWNERS and assets/OWNERS). */
static size_t static_rank(const folio_config *cfg, const char *path)
{
	if (cfg->assets_at_root && folio_site__has_prefix(path, "assets/"))
		return SIZE_MAX;
	return folio_config_static_root(cfg, path, NULL);
}

/* Of two static files at one output, whether a is shadowed by b. */
static bool shadowed(const folio_config *cfg, const folio_static_file *a, const folio_static_file *b)
{
	return static_rank(cfg, a->path) > static_rank(cfg, b->path);
}

/* The files of static_roots: and assets/ another static file's output
 * hides, left out (at most one file per output goes; two others stay for
 * output/clash). */
static void drop_shadowed(folio_site *site)
{
	if ((!site->config->nstatic_roots && !site->config->assets_at_root) || site->nstatics < 2)
		return;
	qsort(site->by_output, site->nstatics, sizeof(*site->by_output), cmp_output_ptr);
	bool *gone = folio_xcalloc(site->nstatics, sizeof(*gone));
	for (size_t i = 1; i < site->nstatics; i++) {
		folio_static_file *a = site->by_output[i - 1], *b = site->by_output[i];
		if (strcmp(a->output, b->output))
			continue;
		if (shadowed(site->config, a, b))
			gone[a - site->statics] = true;
		else if (shadowed(site->config, b, a)) {
			gone[b - site->statics] = true;
			site->by_output[i] = a; /* the kept one goes on to meet the next */
		}
	}
	drop_statics(site, gone);
	free(gone);
}

/* Once every page has its address: where each static file goes (layout.h),
 * and the files by output path, for links to them. */
void folio_site__place_statics(folio_site *site)
{
	if (site->by_output)
		return; /* placed by the first folio_site__parse_pages(), with the real pages */
	for (size_t i = 0; i < site->nstatics; i++) {
		folio_static_file *f = &site->statics[i];
		const char *rel, *rest;
		bool asked;
		char *url = bundle_page_url(site, f->path, &rel, &asked);
		if (folio_site__has_prefix(f->path, "static/") ||
		    (site->config->assets_at_root && folio_site__has_prefix(f->path, "assets/")))
			f->output = folio_layout_static_output(site->config, f->path);
		else if (folio_config_static_root(site->config, f->path, &rest))
			f->output = folio_xstrdup(rest); /* a theme's static/: at the root */
		else
			f->output = url ? folio_layout_bundle_output(url, rel) : folio_xstrdup(f->path);
		free(url);
	}
	site->by_output = folio_xmalloc((site->nstatics ? site->nstatics : 1) * sizeof(*site->by_output));
	for (size_t i = 0; i < site->nstatics; i++)
		site->by_output[i] = &site->statics[i];
	drop_held_bundles(site);
	drop_shadowed(site);
	qsort(site->by_output, site->nstatics, sizeof(*site->by_output), cmp_output_ptr);
}

/*
 * folio_markdown_options.file_url_of: a bundle's file follows its page's
 * URL, so a relative link to it is written with its new place. A partial
 * site knows that place only from a page it holds and the outputs
 * published; otherwise it says so (guessed_url) and the usual way decides.
 */
static char *file_url_of(const char *path, void *payload)
{
	folio_site *site = payload;
	if (!site->partial) {
		const folio_static_file *f = folio_site__find_file(site->statics, site->nstatics, path);
		const char *out = f ? f->output : NULL;
		for (size_t i = 0; !f && i < site->nheld_files; i++) /* a few: a held bundle's own */
			if (!strcmp(site->held_files[i].path, path))
				out = site->held_files[i].output;
		return out && !folio_site__has_prefix(path, "static/") && strcmp(out, path)
		               ? folio_xasprintf("/%s", out) : NULL;
	}
	const char *rel;
	bool asked;
	char *url = bundle_page_url(site, path, &rel, &asked);
	char *out = url ? folio_layout_bundle_output(url, rel) : NULL;
	free(url);
	if (out && site->lookup.file(out, site->lookup.payload) && strcmp(out, path)) {
		char *u = folio_xasprintf("/%s", out);
		free(out);
		return u;
	}
	if (asked && (!out || strcmp(out, path)))
		site->guessed_url = true;
	free(out);
	return NULL;
}

/* The pages' old URLs, sorted, made once a load by the first relative
 * link that names no page (url_known: on the bodies' threads), not by
 * every load: most sites never ask. */
static void make_early_aliases(folio_site *site)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	if (atomic_load_explicit(&site->aliases_made, memory_order_acquire))
		return;
	pthread_mutex_lock(&lock);
	if (!atomic_load_explicit(&site->aliases_made, memory_order_relaxed)) {
		size_t alloc = 0;
		for (size_t i = 0; i < site->npages; i++) {
			const folio_page *p = site->pages[i];
			for (size_t k = 0, n = folio_site__early_alias_count(p); k < n; k++) {
				char *url = folio_page_alias_url(p, k);
				if (!url)
					continue;
				FOLIO_ARRAY_GROW(site->aliases_early, site->naliases_early, alloc, site->naliases_early + 1);
				site->aliases_early[site->naliases_early++] = url;
			}
		}
		if (site->naliases_early > 1)
			qsort(site->aliases_early, site->naliases_early, sizeof(*site->aliases_early), folio_sort_cmp_str);
		atomic_store_explicit(&site->aliases_made, true, memory_order_release);
	}
	pthread_mutex_unlock(&lock);
}

void folio_site__drop_early_aliases(folio_site *site)
{
	for (size_t i = 0; i < site->naliases_early; i++)
		free(site->aliases_early[i]);
	free(site->aliases_early);
	site->aliases_early = NULL;
	site->naliases_early = 0;
	atomic_store(&site->aliases_made, false);
}

/* folio_markdown_options.url_known: a page's URL, a list's, or a page's
 * old URL (aliases:). Read-only
 * on a full site; a partial one knows the pages it holds and its stubs. */
static bool url_known_as(const char *url, folio_site *site)
{
	if (folio_layout_is_generated(site->config, url))
		return true;
	if (site->by_url_early) {
		if (folio_search(site->by_url_early, site->npages, sizeof(*site->by_url_early), url,
		                 folio_site__cmp_page_url))
			return true;
		make_early_aliases(site);
		return folio_search(site->aliases_early, site->naliases_early, sizeof(*site->aliases_early), url,
		                    folio_search_cmp_str) != NULL;
	}
	for (size_t i = 0; i < site->npages; i++)
		if (!strcmp(site->pages[i]->url, url))
			return true;
	return site->partial && folio_site__find_stub(site, NULL, NULL, NULL, url);
}

static bool url_known(const char *url, void *payload)
{
	if (url_known_as(url, payload))
		return true;
	/* "/docs/inference/" is served by the page at /docs/inference/index.html
	 * (Apache Jena's section pages keep slug: index under uglyURLs), as
	 * check_internal() finds it */
	size_t n = strlen(url);
	if (!n || url[n - 1] != '/')
		return false;
	char *index = folio_xasprintf("%sindex.html", url);
	bool known = url_known_as(index, payload);
	free(index);
	return known;
}

/* folio_markdown_options.url_missed: a partial site does not hold the old
 * URLs (aliases:) of the pages it did not load, which a relative link read
 * from the page's URL may name: the usual way decides. */
static void url_missed(const char *url, void *payload)
{
	folio_site *site = payload;
	(void)url;
	if (site->partial)
		site->guessed_url = true;
}

/* folio_markdown_options.output_known: a static file or a bundle's, by
 * where it is published. */
static bool output_known(const char *output, void *payload)
{
	return folio_site_has_output_file(payload, output);
}

/* Hugo's content folder: the folder of the root's collection, which holds
 * the other collections' folders (content/en for content/en/posts), else
 * the one folder every collection's lies in; NULL when there is none.
 * Caller frees. */
static char *content_root(const folio_config *cfg)
{
	for (size_t i = 0; i < cfg->ncollections; i++) {
		const char *folder = cfg->collections[i].folder;
		size_t n = strlen(folder);
		for (size_t j = 0; j < cfg->ncollections; j++)
			if (j != i && !strncmp(cfg->collections[j].folder, folder, n) &&
			    cfg->collections[j].folder[n] == '/')
				return folio_xstrdup(folder);
	}
	char *parent = NULL;
	for (size_t i = 0; i < cfg->ncollections; i++) {
		const char *folder = cfg->collections[i].folder;
		const char *slash = strrchr(folder, '/');
		size_t n = slash ? (size_t)(slash - folder) : 0;
		if (!n || (parent && (strlen(parent) != n || strncmp(parent, folder, n)))) {
			free(parent);
			return NULL;
		}
		if (!parent)
			parent = folio_xstrndup(folder, n);
	}
	return parent;
}

/* A page's name as Hugo's GetPage finds it alone: its file's name before
 * its first dot, or its folder's for a bundle's index.md or a section's
 * _index.md ("faq" for docs/faq.md, "x" for posts/x/index.md); false for
 * the top's own index. */
static bool page_name(const char *path, const char **name, size_t *len)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strncmp(base, "index.", 6) || !strncmp(base, "_index.", 7)) {
		if (base == path)
			return false; /* the top's own: no folder names it */
		const char *end = base - 1, *start = end;
		while (start > path && start[-1] != '/')
			start--;
		*name = start;
		*len = (size_t)(end - start);
		return *len > 0;
	}
	*name = base;
	*len = strcspn(base, ".");
	return true;
}

struct folio_site__named {
	const char *name; /* into the page's path */
	size_t len;
	const folio_page *page;
};

static int cmp_named(const void *a, const void *b)
{
	const struct folio_site__named *x = a, *y = b;
	int c = memcmp(x->name, y->name, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

void folio_site__index_names(folio_site *site)
{
	free(site->by_name);
	site->by_name = NULL;
	site->nby_name = 0;
	/* asked by Hugo's links and Jekyll's post_url alone (page_named()): a
	 * sort of every page's name, 3% of an add at 100k pages, else */
	if (!site->config->hugo_links && !site->config->jekyll_rules)
		return;
	site->by_name = folio_xmalloc((site->nby_path ? site->nby_path : 1) * sizeof(*site->by_name));
	for (size_t i = 0; i < site->nby_path; i++) {
		const folio_page *p = site->by_path[i];
		struct folio_site__named *e = &site->by_name[site->nby_name];
		if (!p->lang && page_name(p->path, &e->name, &e->len)) {
			e->page = p;
			site->nby_name++;
		}
	}
	qsort(site->by_name, site->nby_name, sizeof(*site->by_name), cmp_named);
}

/* The URL of the one page of the site named name (page_name()), as
 * Hugo's GetPage finds a page by its name alone ({{< relref "faq" >}}
 * for content/docs/what-is-grpc/faq.md); NULL when none or several are.
 * On a partial site the pages are not all there: no answer, and the site
 * says it guessed (the fast path then steps aside). */
static const char *page_named(folio_site *site, const char *name)
{
	if (site->partial) { /* its pages are a few: the one of that name may be another */
		site->guessed_url = true;
		return NULL;
	}
	FOLIO_ASSERT(site->by_name || !site->nby_path); /* folio_site__index_names() made it */
	struct folio_site__named key = { name, strlen(name), NULL };
	size_t lo = folio_lower_bound(site->by_name, site->nby_name, sizeof(*site->by_name), &key, cmp_named);
	if (lo >= site->nby_name || cmp_named(&site->by_name[lo], &key))
		return NULL;
	if (lo + 1 < site->nby_name && !cmp_named(&site->by_name[lo + 1], &key))
		return NULL; /* two: Hugo refuses the reference too */
	return site->by_name[lo].page->url;
}

/* The page at logical path name below root in a language named by the
 * first n bytes of lang, by its file: name.<lang>.md, name/index.<lang>.md
 * or name/_index.<lang>.md; NULL when none. */
static const char *language_form_url(folio_site *site, const char *root, const char *name, const char *lang,
                                     int n)
{
	static const char *const forms[] = { "%s/%s.%.*s.md", "%s/%s/index.%.*s.md", "%s/%s/_index.%.*s.md" };
	const char *url = NULL;
	for (size_t i = 0; !url && i < sizeof(forms) / sizeof(*forms); i++) {
		char *file = folio_xasprintf(forms[i], root, name, n, lang);
		url = page_url_of(file, site);
		free(file);
	}
	return url;
}

/* folio_markdown_options.root_page_url: the page a logical path names
 * ("docs/cert-compat"), as Hugo's GetPage finds it below the content
 * folder: <path>.md (or .markdown, or .html for a page written in HTML:
 * a page only with html_pages), <path>/index.md, <path>/_index.md; then,
 * for a name without '/', the one page of that name anywhere. */
static char *root_page_url_at(const char *name, folio_site *site, bool by_suffix);

/* "post/b.en" on a site of a folder per language: the page post/b in
 * English (content/en/post/b.md), as Hugo's GetPage reads a file name's
 * language; "post/b.zh" in the site's own, its own folder's. NULL when
 * name names no language so. Caller frees. */
static char *language_named_url(const char *name, folio_site *site)
{
	const folio_config *cfg = site->config;
	const char *dot = strrchr(name, '.'), *slash = strrchr(name, '/');
	if (!cfg->language_dirs || !dot || (slash && dot < slash) || dot == name)
		return NULL;
	const char *lang = cfg->language && !strcmp(dot + 1, cfg->language) ? "" : NULL;
	for (size_t l = 0; !lang && l < cfg->nlanguages; l++)
		if (cfg->language_dirs[l] && !strcmp(dot + 1, cfg->languages[l]))
			lang = cfg->languages[l];
	if (!lang)
		return NULL;
	char *bare = folio_xasprintf("%s%s%.*s", lang, *lang ? "/" : "", (int)(dot - name), name);
	char *url = root_page_url_at(bare, site, false); /* one suffix read: "b.en.en" is no page */
	free(bare);
	return url;
}

static char *root_page_url(const char *name, void *payload)
{
	return root_page_url_at(name, payload, true);
}

static char *root_page_url_at(const char *name, folio_site *site, bool by_suffix)
{
	static const char *const forms[] = { "%s/%s.md", "%s/%s.markdown", "%s/%s.html",
	                                     "%s/%s/index.md", "%s/%s/_index.md" };
	char *named = by_suffix ? language_named_url(name, site) : NULL;
	if (named)
		return named;
	char *root = content_root(site->config);
	const char *url = NULL;
	/* "fr/statutes" on a site of x.fr.md files: statutes.fr.md */
	for (size_t l = 0; root && !site->config->language_dirs && l < site->config->nlanguages; l++) {
		const char *lang = site->config->languages[l];
		size_t n = strlen(lang);
		if (strncmp(name, lang, n) || name[n] != '/' || !name[n + 1])
			continue;
		url = language_form_url(site, root, name + n + 1, lang, (int)n);
		if (url) {
			free(root);
			return folio_xstrdup(url);
		}
	}
	/* "fr/service" is "service" in French: below fr's own folder */
	for (size_t l = 0; root && site->config->language_dirs && l < site->config->nlanguages; l++) {
		const char *lang = site->config->languages[l], *dir = site->config->language_dirs[l];
		size_t n = strlen(lang);
		if (dir && !strncmp(name, lang, n) && name[n] == '/' && name[n + 1]) {
			char *there = folio_config_translated_path(site->config, root, lang);
			if (there) {
				free(root);
				root = there;
				name += n + 1;
			}
			break;
		}
	}
	for (size_t i = 0; root && !url && i < sizeof(forms) / sizeof(*forms); i++) {
		char *file = folio_xasprintf(forms[i], root, name);
		url = page_url_of(file, site);
		free(file);
	}
	/* Hugo's x.en.md, x/index.en.md on a site in "en" (or "en-US") */
	int whole = (int)strlen(site->config->language), primary = (int)strcspn(site->config->language, "-");
	if (root && !url)
		url = language_form_url(site, root, name, site->config->language, whole);
	if (root && !url)
		url = language_form_url(site, root, name, site->config->language, primary);
	free(root);
	if (!url && !strchr(name, '/'))
		url = page_named(site, name);
	return url ? folio_xstrdup(url) : NULL;
}

/* Hugo's {{< param name >}}: the string, number or boolean the page's front
 * matter gives name (its keys read without case, as Hugo's), else the
 * nearest section's cascade:, as text; NULL when none. Caller frees. */
static char *page_param_of(const char *name, const void *page, void *payload)
{
	return folio_json_scalar_text(folio_page_param(payload, page, name));
}

/* Is base_url a site's real address, not one of the names kept for
 * examples (RFC 2606, 6761: example.org, *.example, *.test, localhost),
 * which init writes when it does not know the site's and documentation
 * links as examples? */
static bool own_address(const char *base_url)
{
	const char *host = base_url ? strstr(base_url, "://") : NULL;
	if (!host)
		return false;
	host += 3;
	size_t n = strcspn(host, "/:");
	static const char *const reserved[] = { "example.com", "example.net", "example.org", "example",
	                                        "test", "invalid", "localhost" };
	for (size_t i = 0; i < sizeof(reserved) / sizeof(*reserved); i++) {
		size_t k = strlen(reserved[i]);
		if (n >= k && !strncasecmp(host + n - k, reserved[i], k) && (n == k || host[n - k - 1] == '.'))
			return false;
	}
	return n > 0;
}

static char *include_of(const char *name, size_t *len, const char **why, void *payload)
{
	return folio_site__include_text(payload, name, len, why);
}

/* How a page's Markdown is rendered: at load, and again for its HTML when
 * the site streams (folio_site_page_html), to the same bytes. */
void folio_site__markdown_options(folio_markdown_options *out, const folio_page *p,
                                  folio_site *site)
{
	folio_markdown_options mo = FOLIO_MARKDOWN_OPTIONS_INIT;
	mo.page_url_of = page_url_of;
	mo.file_url_of = file_url_of;
	mo.url_known = url_known;
	mo.url_missed = url_missed;
	mo.output_known = output_known;
	mo.payload = site;
	mo.allow_html = site->config->allow_html;
	mo.embeds = (const char *const *)site->config->embeds;
	mo.nembeds = site->config->nembeds;
	mo.link_hooks = site->config->link_hooks;
	mo.nlink_hooks = site->config->nlink_hooks;
	mo.link_terms = &site->terms;
	mo.params = &site->config->params_index;
	mo.param_of = page_param_of;
	mo.param_payload = p;
	mo.hugo_links = site->config->hugo_links;
	mo.links_in_language = site->config->jekyll_rules && site->config->nlanguages; /* polyglot's */
	mo.base_path = site->config->base_path;
	mo.site_url = own_address(site->config->base_url) ? site->config->base_url : NULL;
	mo.language_subdir = site->config->language_subdir;
	mo.footnotes = site->config->footnotes;
	mo.heading_ids = site->config->heading_ids;
	mo.no_autolinks = !site->config->autolinks;
	mo.goldmark_autolinks = site->config->goldmark_autolinks;
	mo.block_attributes = site->config->block_attributes;
	mo.emoji = site->config->emoji;
	mo.task_lists = site->config->task_lists;
	mo.typographer = site->config->typographer;
	mo.figure_from_root = site->config->figure_from_root;
	mo.figure_library = site->config->figure_library;
	mo.image_library = site->config->image_library;
	mo.own_shortcodes = (const char *const *)site->config->own_shortcodes;
	mo.liquid_page = site->config->jekyll_rules;
	mo.smart_quotes = (const char *const *)site->config->smart_quotes;
	mo.typographic_symbols = (const char *const *)site->config->typographic_symbols;
	mo.footnote_backlink = site->config->footnote_backlink;
	mo.root_page_url = site->config->hugo_links ? root_page_url : NULL;
	mo.source_path = p->path;
	mo.html_page = folio_site__is_html_page(p->path);
	mo.text_page = folio_page_is_plain_text(p);
	mo.page_url = p->url;
	mo.lang = p->lang;
	mo.max_table_cells = site->limits.v[FOLIO_LIMIT_TABLE_CELLS];
	mo.max_output = site->limits.v[FOLIO_LIMIT_PAGE_OUTPUT];
	if (site->config->jekyll_rules) { /* {% include %} of _includes/, as Jekyll reads it */
		mo.include_of = include_of;
		mo.include_payload = site;
	}
	*out = mo;
}

