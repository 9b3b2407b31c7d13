/*
 * The links of a page: what a destination names (a page, a file, another
 * site), the URL the HTML links to instead when the site publishes it
 * elsewhere, and where in the source the destination is written.
 */
#include "folio/markdown.h"

#include <cmark-gfm.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/buf.h"
#include "model/markdown_mem.h"
#include "model/markdown_walk.h"
#include "util/alloc.h"
#include "model/link_hooks.h"
#include "util/text.h"
#include "model/html_filter.h"
#include "util/banned.h"

#define SEARCH_WINDOW 4096     /* bytes scanned per destination, so a page stays linear */

/* ---- links ---- */

static bool has_scheme(const char *url)
{
	const char *p = url;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	       (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

bool folio_markdown__ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && !memcmp(s + len - n, suffix, n);
}

/*
 * Site path of dir + path, with "." and ".." applied; NULL when ".."
 * climbs above the root, unless clamp: then it stays at the root, as a
 * browser resolves a URL (the URL standard). A ".md" file becomes its
 * page URL.
 */
static char *normalize_path_at(const char *dir, size_t dirlen, const char *path, size_t pathlen, bool clamp)
{
	folio_buf joined = FOLIO_BUF_INIT, out = FOLIO_BUF_INIT;
	folio_buf_put(&joined, dir, dirlen);
	folio_buf_put(&joined, path, pathlen);
	bool trailing = true; /* does the result end with '/'? */
	const char *p = joined.ptr, *end = joined.ptr + joined.size;
	while (p < end) {
		const char *q = memchr(p, '/', (size_t)(end - p));
		size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
		trailing = true;
		if (n == 2 && !memcmp(p, "..", 2) && clamp && out.size == 0) {
			/* above the root: stays there */
		} else if (n == 2 && !memcmp(p, "..", 2)) {
			if (out.size == 0) {
				folio_buf_dispose(&joined);
				folio_buf_dispose(&out);
				return NULL;
			}
			char *slash = memrchr(out.ptr, '/', out.size);
			folio_buf_truncate(&out, (size_t)(slash - out.ptr));
		} else if (n > 0 && !(n == 1 && *p == '.')) {
			folio_buf_putc(&out, '/');
			folio_buf_put(&out, p, n);
			trailing = q != NULL;
		}
		p += n + 1;
	}
	folio_buf_dispose(&joined);
	bool file_form = !trailing && folio_markdown__ends_with(out.ptr, out.size, ".md");
	if (file_form) {
		folio_buf_truncate(&out, out.size - 3);
		char *slash = memrchr(out.ptr, '/', out.size);
		/* a folder's index.md, or its section's _index.md (Hugo's GetPage) */
		if (!strcmp(slash, "/index") || !strcmp(slash, "/_index"))
			folio_buf_truncate(&out, (size_t)(slash - out.ptr));
	}
	if ((trailing || file_form || out.size == 0) &&
	    !(out.size && out.ptr[out.size - 1] == '/'))
		folio_buf_putc(&out, '/');
	return folio_buf_detach(&out, NULL);
}

/* Does the path (len bytes) hold a "." or ".." segment? */
static bool dot_segments(const char *path, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = 0;
		while (i + n < len && path[i + n] != '/')
			n++;
		if ((n == 1 && path[i] == '.') || (n == 2 && path[i] == '.' && path[i + 1] == '.'))
			return true;
		i += n + 1;
	}
	return false;
}

static char *normalize_path(const char *dir, size_t dirlen, const char *path, size_t pathlen)
{
	return normalize_path_at(dir, dirlen, path, pathlen, false);
}

/* Site path ("posts/x.md", no leading '/') of dir + path, or NULL when it
 * climbs above the root. */
char *folio_markdown__normalize_file_path(const char *dir, size_t dirlen, const char *path,
                                          size_t pathlen)
{
	folio_buf out = FOLIO_BUF_INIT;
	folio_buf_put(&out, dir, dirlen);
	folio_buf_put(&out, path, pathlen);
	char *joined = folio_buf_detach(&out, NULL);
	folio_buf_init(&out);
	for (char *seg = joined, *next; seg; seg = next) {
		next = strchr(seg, '/');
		size_t n = next ? (size_t)(next - seg) : strlen(seg);
		if (next)
			next++;
		if (n == 2 && !memcmp(seg, "..", 2)) {
			if (!out.size) {
				free(joined);
				folio_buf_dispose(&out);
				return NULL;
			}
			char *slash = memrchr(out.ptr, '/', out.size);
			folio_buf_truncate(&out, slash ? (size_t)(slash - out.ptr) : 0);
		} else if (n && !(n == 1 && *seg == '.')) {
			if (out.size)
				folio_buf_putc(&out, '/');
			folio_buf_put(&out, seg, n);
		}
	}
	free(joined);
	return folio_buf_detach(&out, NULL);
}

/* url with the bytes a URL may not hold as they are %XX-escaped (spaces,
 * UTF-8), so that raw HTML carries it as Markdown's renderer would. */
static char *percent_encode(const char *url)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (const unsigned char *s = (const unsigned char *)url; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    strchr("-._~/!$&'()*+,;=:@%", *s))
			folio_buf_putc(&b, (char)*s);
		else
			folio_buf_printf(&b, "%%%02X", *s);
	}
	return folio_buf_detach(&b, NULL);
}

/* The URL of the file a relative link names when the site publishes it
 * elsewhere than its path (a bundle's file follows its page), or NULL. */
static char *moved_file_url(const folio_markdown_options *opts, const char *dir, size_t dirlen,
                            const char *t, size_t pathlen)
{
	char *file = folio_markdown__normalize_file_path(dir, dirlen, t, pathlen);
	if (!file)
		return NULL;
	folio_percent_decode(file); /* the file a browser asks for */
	char *url = opts->file_url_of(file, opts->payload);
	free(file);
	char *encoded = url ? percent_encode(url) : NULL;
	free(url);
	return encoded;
}

/* The URL of a page at base + t's path, with its capitals lowered when
 * only so it names one; NULL when found as written from the root (nothing
 * to resolve) or not at all. */
static char *hugo_url_from(const char *base, size_t baselen, const char *t, size_t pathlen,
                           const folio_markdown_options *opts)
{
	char *path = normalize_path(base, baselen, t, pathlen);
	if (!path)
		return NULL;
	size_t n = strlen(path);
	if (n && path[n - 1] != '/') {
		char *slashed = folio_xasprintf("%s/", path);
		free(path);
		path = slashed;
	}
	bool found = opts->url_known(path, opts->payload), as_written = found;
	/* in lower case only when not found as written: jekyll-polyglot's
	 * /pt-BR/guide/ keeps its language tag's capitals */
	bool upper = false;
	for (char *c = path; !found && *c; c++)
		if (*c >= 'A' && *c <= 'Z') {
			*c = (char)(*c - 'A' + 'a');
			upper = true;
		}
	if (upper)
		found = opts->url_known(path, opts->payload);
	if (as_written && t[0] == '/') /* as written: nothing to resolve */
		found = false;
	if (!found) {
		free(path);
		return NULL;
	}
	return path;
}

/* "/documentation" or "/docs/cert-compat/": the page at that logical
 * path below the content folder, which Hugo's GetPage finds by its file
 * (content/documentation.md, content/docs/cert-compat.md) whatever its
 * URL: folio publishes the first in the root's collection, the second at
 * its slug:. As written, then in lower case. */
static char *hugo_root_page_url(const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	if (!opts->root_page_url)
		return NULL;
	size_t from = t[0] == '/', to = pathlen;
	if (to > from && t[to - 1] == '/')
		to--;
	if (to <= from || memmem(t + from, to - from, "..", 2) || memmem(t + from, to - from, "//", 2))
		return NULL;
	char *name = folio_xstrndup(t + from, to - from);
	char *as_written = folio_xasprintf("/%s/", name);
	bool known = opts->url_known && opts->url_known(as_written, opts->payload);
	free(as_written);
	if (known) { /* "/events": the list at /events/, as written */
		free(name);
		return NULL;
	}
	char *url = folio_markdown__root_page_any_case(opts, name);
	free(name);
	return url;
}

char *folio_markdown__root_page_any_case(const folio_markdown_options *opts, char *name)
{
	char *url = opts->root_page_url(name, opts->payload);
	bool upper = false;
	for (char *c = name; *c; c++)
		if (*c >= 'A' && *c <= 'Z') {
			*c = (char)(*c - 'A' + 'a');
			upper = true;
		}
	if (!url && upper)
		url = opts->root_page_url(name, opts->payload);
	return url;
}

/* On a translated page, the URL of the page that site path t names in the
 * page's language ("/docs/x/" from a page in Czech: /cs/docs/x/, written
 * in capitals or not), as a link render hook's .Page.Site.GetPage finds
 * it; NULL when that language has none (t as written is then looked up),
 * or when t already names a language. */
/* Does hugo_in_lang() ask the site for t in the page's language? */
static bool asks_in_lang(const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	size_t n = opts->lang ? strlen(opts->lang) : 0;
	return (opts->hugo_links || opts->links_in_language) && opts->url_known && n && t[0] == '/' &&
	       !(pathlen > n && !strncmp(t + 1, opts->lang, n) && (pathlen == n + 1 || t[n + 1] == '/'));
}

static char *hugo_in_lang(const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	if (!asks_in_lang(t, pathlen, opts))
		return NULL;
	char *rel = folio_xasprintf("%s%.*s", opts->lang, (int)pathlen, t); /* "cs/docs/x/" */
	char *url = hugo_url_from("", 0, rel, strlen(rel), opts);
	free(rel);
	return url;
}

static bool output_at(const char *path, const folio_markdown_options *opts);

/* Whether the site path t, whose last name holds a dot, may name a page:
 * no file is published there. cloudwego.io links
 * "/docs/eino/…/Eino_v0.8_Breaking_Changes", a page's file name, which
 * the link render hook Hugo runs on a multilingual site finds by GetPage
 * as any other; ".8_Breaking_Changes" is no extension. A relative one is
 * dotted_page_url's. */
static bool dotted_page_name(const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	if (t[0] != '/' || !opts->output_known)
		return false;
	char *path = folio_xstrndup(t, pathlen);
	bool file = output_at(path, opts);
	free(path);
	return !file;
}

/*
 * The URL of a page that t's path names only as Hugo reads it, or NULL:
 * written in capitals (Hugo lowercases section and page URLs, as folio's
 * slugs are), and, for a relative path, as Hugo's link render hook's
 * GetPage looks it up: from the page's section ("multilingual/" from
 * /content-management/menus/), then from the content root
 * ("methods/page/date/" from any page). Only paths to pages: a name with
 * an extension is a file. Caller frees.
 */
static char *hugo_page_url(const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	if ((!opts->hugo_links && !opts->links_in_language) || !opts->url_known)
		return NULL;
	char *in_lang = hugo_in_lang(t, pathlen, opts);
	if (in_lang || !opts->hugo_links)
		return in_lang;
	const char *last = memrchr(t, '/', pathlen);
	const char *name = last ? last + 1 : t;
	/* GetPage takes a content file's name too ("docs/tasks/run/ext.md",
	 * kueue's): the page of that file, a folder's for its _index.md */
	size_t namelen = pathlen - (size_t)(name - t);
	if (namelen > 3 && !strncasecmp(name + namelen - 3, ".md", 3)) {
		pathlen -= 3;
		namelen -= 3;
		if ((namelen == 6 && !memcmp(name, "_index", 6)) || (namelen == 5 && !memcmp(name, "index", 5)))
			pathlen -= namelen;
		if (!pathlen)
			return NULL;
	}
	if (memchr(name, '.', pathlen > (size_t)(name - t) ? pathlen - (size_t)(name - t) : 0) &&
	    !dotted_page_name(t, pathlen, opts))
		return NULL;
	char *url = NULL;
	const char *page = opts->page_url;
	if (t[0] != '/' && page && page[0] == '/') {
		/* the page's own folder: "/a/b/" for "/a/b/c/" */
		size_t n = strlen(page);
		while (n > 1 && page[n - 1] == '/')
			n--;
		const char *slash = memrchr(page, '/', n);
		url = hugo_url_from(page + 1, (size_t)(slash - page), t, pathlen, opts);
	}
	/* GetPage reads "../../../docs/x/" from the file's folder in the
	 * content (blog/general/x/ of a bundle published at /blog/2024/...):
	 * the source's folder below the content folder, which this module does
	 * not know: below each of its leading folders in turn */
	const char *src = opts->source_path, *end = src ? strrchr(src, '/') : NULL;
	for (const char *from = src; !url && end && t[0] == '.' && from && from < end; from = strchr(from, '/')) {
		from += from != src;
		url = hugo_url_from(from, (size_t)(end - from) + 1, t, pathlen, opts);
		/* and by the page's file there, whatever its URL: 2i2c's
		 * blog/2026/x/index.md links "../../2025/y/", the bundle
		 * blog/2025/y/ published at /blog/y/ by its permalink. A path
		 * of folders only: a name alone would be any page of that name */
		char *logical = url ? NULL : normalize_path(from, (size_t)(end - from) + 1, t, pathlen);
		size_t len = logical ? strlen(logical) : 0;
		while (len && logical[len - 1] == '/')
			len--;
		if (len && memchr(logical + 1, '/', len - 1))
			url = hugo_root_page_url(logical, strlen(logical), opts);
		free(logical);
	}
	if (!url)
		url = hugo_url_from("", 0, t, pathlen, opts);
	return url ? url : hugo_root_page_url(t, pathlen, opts);
}

/* A published file named by path (a site URL, "/docs/a/x.json"), percent
 * escapes read as the browser reads them. */
static bool output_at(const char *path, const folio_markdown_options *opts)
{
	char *out = folio_xstrdup(path + 1);
	folio_percent_decode(out);
	bool is = opts->output_known(out, opts->payload);
	free(out);
	return is;
}

/* Is a folder's index.html published at url ("/api/"), the file a server
 * answers the folder's address with? keptn.github.io's static/api/ is its
 * Swagger UI, which 22 versioned pages link as "../../../../api/". */
static bool folder_index_at(const char *url, const folio_markdown_options *opts)
{
	if (!opts->output_known)
		return false;
	char *index = folio_xasprintf("%sindex.html", url);
	bool is = output_at(index, opts);
	free(index);
	return is;
}

/* Is a file or a page published at path ("/x.html")? */
static bool published_at(const char *path, const folio_markdown_options *opts)
{
	return output_at(path, opts) || (opts->url_known && opts->url_known(path, opts->payload));
}

/* path, a relative link's file from the source file's folder, or the one
 * the page's URL gives when only that one is published: Hugo's
 * docs/op-guide/monitoring.md links "../grafana.json", which a browser
 * reads from /docs/op-guide/monitoring/ (etcd.io); Jekyll's
 * docs/android/design.md, at /android_design.html, links
 * "registered_namespaces.html", a page's permalink (Azure SDK). Takes path
 * over. */
static char *file_from_page_url(char *path, const char *t, size_t pathlen,
                                const folio_markdown_options *opts)
{
	if (!opts->output_known || !opts->page_url || opts->page_url[0] != '/' || published_at(path, opts))
		return path;
	const char *base = opts->page_url + 1;
	const char *end = strrchr(base, '/');
	char *alt = normalize_path(base, end ? (size_t)(end - base) + 1 : 0, t, pathlen);
	if (!alt || !published_at(alt, opts)) {
		free(alt);
		return path;
	}
	free(path);
	return alt;
}

/* path, a Markdown image's file, or the file of its name in the image
 * library (image_library: "/media/") when only that one is published:
 * Hugo Blox's render hook looks for "tree.jpg" among the page's resources,
 * then in assets/media/, which assets_at_root publishes at /media/. Takes
 * path over. */
static char *image_from_library(char *path, const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	if (!opts->output_known || published_at(path, opts))
		return path;
	const char *lib = opts->image_library + 1;
	char *alt = normalize_path(lib, strlen(lib), t, pathlen);
	if (!alt || !output_at(alt, opts)) {
		free(alt);
		return path;
	}
	free(path);
	return alt;
}

/* The page a relative name with a dot names from the page's URL, as a
 * browser reads it, when no file is there: protobuf.dev's C++ API pages
 * (content/reference/cpp/api-docs/google.protobuf.map.md, at
 * /reference/cpp/api-docs/google.protobuf.map/) link each other as
 * "../google.protobuf.map#Map", which the server sends on to the page's
 * folder, as it does "../finding-users". Returns that URL, or NULL. */
static char *dotted_page_url(const char *t, size_t pathlen, const folio_markdown_options *opts)
{
	if (!opts->url_known || !opts->page_url || opts->page_url[0] != '/')
		return NULL;
	const char *base = opts->page_url + 1;
	const char *end = strrchr(base, '/');
	char *alt = normalize_path(base, end ? (size_t)(end - base) + 1 : 0, t, pathlen);
	char *slashed = alt ? folio_xasprintf("%s/", alt) : NULL;
	free(alt);
	if (slashed && opts->url_known(slashed, opts->payload))
		return slashed;
	if (slashed && opts->url_missed) /* a page added there later is what it names */
		opts->url_missed(slashed, opts->payload);
	free(slashed);
	return NULL;
}

/*
 * Fill l's kind, resolved and file_form from l->target. Returns true when
 * the HTML should link to l->resolved instead of the target: relative
 * paths are written against the source file's folder (as GitHub reads
 * them) but the page is served from its own URL, and file-form links name
 * a .md file that is not published.
 */
static bool resolve(folio_link *l, const folio_markdown_options *opts);

/* The length of the site's base path that the site path t starts with
 * ("/WAI/tips/", "/WAI#x", "/WAI"), then of the site language's old folder
 * after it ("/en/tips/", language_subdir:), or 0. */
static size_t base_path_in(const char *t, const folio_markdown_options *opts, bool *in_language)
{
	size_t n = opts->base_path ? strlen(opts->base_path) : 0;
	n = n && !strncmp(t, opts->base_path, n) && strchr("/?#", t[n]) ? n : 0;
	size_t k = opts->language_subdir ? strlen(opts->language_subdir) : 0;
	*in_language = k && t[n] == '/' && !strncmp(t + n + 1, opts->language_subdir, k) &&
	               strchr("/?#", t[n + 1 + k]);
	return *in_language ? n + 1 + k : n;
}

/* The length of the site's own address that l's target starts with
 * ("https://www.scala-lang.org" of ".../conduct/#x"), or 0. */
static size_t site_url_in(const char *t, const folio_markdown_options *opts)
{
	size_t n = opts->site_url ? strlen(opts->site_url) : 0;
	return n && !strncasecmp(t, opts->site_url, n) && strchr("/?#", t[n]) ? n : 0;
}

/* l resolved as the site path at l->target + at ("/" put before it when
 * it has none), in the site's language when site_language (else the
 * page's): the path's answer is l's, its resolved then owned. */
static void resolve_site_path(folio_link *l, const folio_markdown_options *opts, size_t at, bool site_language)
{
	folio_markdown_options o = *opts;
	if (site_language)
		o.lang = NULL;
	folio_link inner = *l;
	inner.target = folio_xasprintf("%s%s", l->target[at] == '/' ? "" : "/", l->target + at);
	resolve(&inner, &o);
	l->kind = inner.kind;
	l->file_form = inner.file_form;
	l->placed = inner.placed;
	l->resolved = inner.resolved; /* inner.target itself when it was kept: not shared */
	if (inner.resolved != inner.target)
		free(inner.target);
}

bool folio_markdown__link_runs_script(folio_link *l)
{
	l->runs_script = folio_html_url_runs_script(l->target, strlen(l->target), l->is_image);
	if (!l->runs_script)
		return false;
	l->kind = FOLIO_LINK_EXTERNAL; /* a scheme: no page of the site */
	l->resolved = l->target;        /* shared, as an external link's */
	return true;
}

bool folio_markdown__link_resolve(folio_link *l, const folio_markdown_options *opts)
{
	size_t at = site_url_in(l->target, opts);
	bool in_language = false;
	if (at) {
		/* the site's own page, written with its address: checked as the
		 * site path, a link to the page, and left as written; the address
		 * names that page whatever the language of the page writing it
		 * (helm.sh's German pages link its English ones so), not its
		 * translation, which hugo_links would look for first; below the
		 * site language's old folder (https://x/en/onlinedoc.html under
		 * language_subdir: en), what folio writes at the root */
		size_t sub = l->target[at] == '/' ? base_path_in(l->target + at, opts, &in_language) : 0;
		resolve_site_path(l, opts, at + (in_language ? sub : 0), true);
		return false;
	}
	size_t n = base_path_in(l->target, opts, &in_language);
	if (!n)
		return resolve(l, opts);
	/* "/WAI/tips/" on a site served at https://www.w3.org/WAI: its page
	 * /tips/, written so (the renderer puts /WAI before it); "/en/tips/"
	 * with language_subdir: en, the same, in the site's language whatever
	 * the page's (hugo_links would look for the page's own version first) */
	resolve_site_path(l, opts, n, in_language);
	return true;
}

static bool resolve(folio_link *l, const folio_markdown_options *opts)
{
	const char *t = l->target;
	l->file_form = false;
	l->placed = false;
	if (has_scheme(t) || !strncmp(t, "//", 2)) {
		l->kind = FOLIO_LINK_EXTERNAL;
		l->resolved = l->target; /* shared: folio_markdown_dispose frees it once */
		return false;
	}
	l->kind = FOLIO_LINK_INTERNAL;
	if (strstr(t, "{{") || strstr(t, "{%")) {
		/* Liquid folio does not run ({{ page.photo }}x.jpg): no path to
		 * resolve, left as written (the check says so), never made a
		 * path below the page's source folder */
		l->resolved = l->target;
		return false;
	}
	size_t pathlen = strcspn(t, "?#");
	if (opts->hugo_links && pathlen > 1 && t[pathlen - 1] == '/' &&
	    (folio_markdown__ends_with(t, pathlen - 1, ".md") || folio_markdown__ends_with(t, pathlen - 1, ".markdown"))) {
		/* "app-overview.md/#specfetch": Hugo's GetPage, which link render
		 * hooks call, trims a trailing slash (carvel.dev's 60 pages) */
		char *trimmed = folio_xasprintf("%.*s%s", (int)(pathlen - 1), t, t + pathlen);
		free(l->target);
		l->target = trimmed;
		t = trimmed;
		pathlen--;
	}
	if (pathlen == 0) {
		l->resolved = folio_xasprintf("%s%s", opts->page_url ? opts->page_url : "", t);
		return false;
	}
	const char *dir = opts->source_path ? opts->source_path : "";
	const char *slash = strrchr(dir, '/');
	size_t dirlen = slash ? (size_t)(slash - dir) + 1 : 0;
	if (t[0] == '/') {
		if (!folio_markdown__ends_with(t, pathlen, ".md") &&
		    !folio_markdown__ends_with(t, pathlen, ".markdown")) {
			char *url = hugo_page_url(t, pathlen, opts);
			if (url) { /* "/functions/urls/PathUnescape/": the page's URL */
				l->placed = true; /* asked of the site */
				l->resolved = folio_xasprintf("%s%s", url, t + pathlen);
				free(url);
				return true;
			}
			/* its language's version asked for and not found: the
			 * answer is the site's all the same (the version may come) */
			l->placed = asks_in_lang(t, pathlen, opts);
			if (dot_segments(t, pathlen)) {
				/* "/../../images/x.svg" (Jekyll's relative_url of
				 * "../../images/x.svg"): where a browser goes, the
				 * root's images/x.svg, as Jekyll's URL normalising writes it */
				char *path = normalize_path_at("", 0, t, pathlen, true);
				l->resolved = folio_xasprintf("%s%s", path, t + pathlen);
				free(path);
				return true;
			}
			l->resolved = l->target; /* shared: folio_markdown_dispose frees it once */
			return false;
		}
		dirlen = 0;
	}
	l->file_form = folio_markdown__ends_with(t, pathlen, ".md") ||
	               folio_markdown__ends_with(t, pathlen, ".markdown");
	if (l->file_form && opts->page_url_of) {
		/* the file's page may have an address of its own (slug:, url:, a
		 * name made a slug): ask the site for it */
		char *file = folio_markdown__normalize_file_path(dir, dirlen, t, pathlen);
		const char *url = file ? opts->page_url_of(file, opts->payload) : NULL;
		if (file && !url && strchr(file, '%')) {
			/* "My%20Page.md", "C%2B%2B-Runtimes.md": a name no link
			 * destination may hold as it is, as the browser asks for it
			 * (GitHub and jekyll-relative-links decode it too) */
			folio_percent_decode(file);
			url = opts->page_url_of(file, opts->payload);
		}
		if (file && !url && folio_markdown__ends_with(file, strlen(file), ".md")) {
			/* Jekyll's {% post_url %} names a post without its extension,
			 * which may be .markdown (what jekyll new writes) */
			char *alt = folio_xasprintf("%.*s.markdown", (int)(strlen(file) - 3), file);
			url = opts->page_url_of(alt, opts->payload);
			free(alt);
		}
		if (file && !url && opts->output_known && opts->output_known(file, opts->payload)) {
			/* no page, a file published as it is (Jekyll copies a
			 * Markdown file without front matter: notes/monday.md) */
			l->resolved = folio_xasprintf("/%s%s", file, t + pathlen);
			free(file);
			return true;
		}
		free(file);
		if (url) {
			l->placed = true;
			l->resolved = folio_xasprintf("%s%s", url, t + pathlen);
			return true;
		}
	}
	if (!l->file_form && opts->file_url_of) {
		/* a bundle's file is published beside its page, wherever that is */
		char *url = moved_file_url(opts, dir, dirlen, t, pathlen);
		if (url) {
			l->placed = true;
			l->resolved = folio_xasprintf("%s%s", url, t + pathlen);
			free(url);
			return true;
		}
	}
	char *path = normalize_path(dir, dirlen, t, pathlen);
	/* a last segment without a dot and without a '/' names a page too
	 * ("../finding-users", which the server answers from its folder) */
	const char *seg = memrchr(t, '/', pathlen);
	seg = seg ? seg + 1 : t;
	bool bare = t[pathlen - 1] != '/' && !memchr(seg, '.', pathlen - (size_t)(seg - t));
	if (path && t[0] != '/' && !bare && t[pathlen - 1] != '/' && !l->file_form) {
		path = file_from_page_url(path, t, pathlen, opts);
		/* output_known first: published_at asks it */
		char *page = opts->output_known && !published_at(path, opts) ? dotted_page_url(t, pathlen, opts)
		                                                              : NULL;
		if (page) {
			l->placed = true; /* asked of the site */
			free(path);
			path = page;
		}
		if (!page && l->md_image && opts->image_library)
			path = image_from_library(path, t, pathlen, opts);
	}
	if (path && t[0] != '/' && (t[pathlen - 1] == '/' || bare) && opts->url_known && opts->page_url &&
	    opts->page_url[0] == '/' && !opts->url_known(path, opts->payload)) {
		/* "../ubuntu/" names no page from the file's folder (_docs/a/):
		 * from the page's URL (/docs/a/b/), as the browser reads it? */
		const char *base = opts->page_url + 1;
		const char *end = strrchr(base, '/');
		char *alt = normalize_path(base, end ? (size_t)(end - base) + 1 : 0, t, pathlen);
		if (alt && bare) {
			/* the page at its folder's address, or at x.html (ugly_urls) */
			char *slashed = folio_xasprintf("%s/", alt), *html = folio_xasprintf("%s.html", alt);
			free(alt);
			alt = opts->url_known(slashed, opts->payload) ? slashed : html;
			free(alt == slashed ? html : slashed);
		}
		if (alt && opts->url_known(alt, opts->payload)) {
			/* asked of the site: where a page added later stands
			 * (/research/, not /research) is the output's input too */
			l->placed = true;
			free(path);
			path = alt;
		} else if (alt && !bare && !folder_index_at(path, opts) && folder_index_at(alt, opts)) {
			/* no page there, a folder of static/ with its index.html:
			 * what the browser asks for (a file never moves: not placed) */
			free(path);
			path = alt;
		} else {
			if (alt && opts->url_missed)
				opts->url_missed(alt, opts->payload);
			free(alt);
		}
	}
	if (path && t[0] != '/' && opts->url_known && !opts->url_known(path, opts->payload)) {
		char *url = hugo_page_url(t, pathlen, opts);
		if (url) { /* from the content root, as Hugo's GetPage falls back to */
			l->placed = true; /* asked of the site */
			free(path);
			path = url;
		}
	}
	if (path && t[0] != '/' && bare && !l->placed)
		/* no page by that name: a file without a dot, published beside
		 * the page (Mattermost's source-available-license.md links
		 * "LICENSE", the file source-available-license/LICENSE, which
		 * Hugo publishes at /…/source-available-license/LICENSE) */
		path = file_from_page_url(path, t, pathlen, opts);
	if (!path && !l->file_form && opts->page_url && opts->page_url[0] == '/') {
		/* "../../img/a.png" from _tutorials/x.md climbs above the site from
		 * the file's folder, but not from the page's URL
		 * (/tutorials/x/), where a browser reads it: that file is meant.
		 * More ".." than the URL has folders stay at its root there
		 * (blogdown's "../../../../img/x.jpg" on /en/post/x/ loads /img/x.jpg). */
		const char *base = opts->page_url + 1;
		const char *end = strrchr(base, '/');
		path = normalize_path_at(base, end ? (size_t)(end - base) + 1 : 0, t, pathlen, true);
	}
	if (!path) {
		/* Escapes the site: kept as written, for validation to report. */
		l->resolved = l->target; /* shared: folio_markdown_dispose frees it once */
		return false;
	}
	l->resolved = folio_xasprintf("%s%s", path, t + pathlen);
	free(path);
	return true;
}

/* ---- where a destination is written ---- */

/* First occurrence of needle in the source within [from, to). */
static bool search(const walk *w, size_t from, size_t to, const char *needle,
                   size_t nlen, size_t *at)
{
	if (nlen == 0 || from >= to)
		return false;
	if (to - from > SEARCH_WINDOW + nlen)
		to = from + SEARCH_WINDOW + nlen;
	const char *hit = memmem(w->lines.text + from, to - from, needle, nlen);
	if (!hit)
		return false;
	*at = (size_t)(hit - w->lines.text);
	return true;
}

/*
 * Where needle (a destination or raw HTML as cmark decoded it) is written.
 * cmark-gfm 0.29 gives inline nodes their line, but columns that leave out
 * what was stripped from continuation lines (indentation, "> " markers),
 * and none to the autolinks found by the extension; so the text is searched
 * for in the source, from the node's column (never past the real one) or
 * the previous find in the same block, then from the start of the node's
 * line, up to the end of the enclosing block. When it is not found
 * (destination from a reference definition, backslash escapes, entities),
 * cmark's own line and column are used, an approximation.
 */
void folio_markdown__locate(walk *w, cmark_node *node, const char *needle, const char *alt,
                            unsigned *line, unsigned *column)
{
	int bstart = cmark_node_get_start_line(w->block);
	int bend = cmark_node_get_end_line(w->block);
	int nline = cmark_node_get_start_line(node);
	int ncol = cmark_node_get_start_column(node);
	int hint = (nline >= bstart && nline <= bend) ? nline : bstart;
	size_t lo = folio_markdown__lines_start(&w->lines, (unsigned)(hint > 0 ? hint : 1));
	size_t hi = folio_markdown__lines_end(&w->lines, (unsigned)(bend > 0 ? bend : 1));
	size_t from = lo;
	if (nline == hint && ncol > 1)
		from = lo + (size_t)ncol - 1 < hi ? lo + (size_t)ncol - 1 : hi;
	if (w->cursor > from && w->cursor < hi)
		from = w->cursor;
	size_t at = 0;
	for (int i = 0; i < 2; i++) {
		const char *s = i ? alt : needle;
		size_t nlen = s ? strlen(s) : 0;
		if (search(w, from, hi, s, nlen, &at) ||
		    (from != lo && search(w, lo, hi, s, nlen, &at))) {
			w->cursor = at + nlen;
			folio_markdown__lines_position(&w->lines, at, line, column);
			*line = file_line(w, (int)*line);
			return;
		}
	}
	*line = file_line(w, hint);
	*column = nline == hint && ncol > 0 ? (unsigned)ncol : 0;
}

/* Autolinks have a scheme added that the source does not show. */
static const char *autolink_written(const char *url)
{
	if (!strncmp(url, "mailto:", 7))
		return url + 7;
	if (!strncmp(url, "http://www.", 11))
		return url + 7;
	return NULL;
}

/* A link whose destination is a link hook's target ([term](g)): resolved to
 * the hook's URL for its text (model/link_hooks.h). False for any other. */
static bool hooked_link(walk *w, cmark_node *node, folio_link *l)
{
	const folio_link_hook *h = NULL;
	for (size_t i = 0; i < w->opts->nlink_hooks && !h; i++)
		if (!strcmp(w->opts->link_hooks[i].target, l->target))
			h = &w->opts->link_hooks[i];
	if (!h)
		return false;
	char *text = folio_markdown__plain_text_ex(node, false, false, NULL);
	l->kind = FOLIO_LINK_INTERNAL;
	l->hooked = true;
	l->resolved = folio_link_hook_url(h, w->opts->link_terms, text, &l->term_missing);
	free(text);
	return true;
}

bool folio_markdown__ref_url(const walk *w, const char *target)
{
	for (size_t i = 0; i < w->nref_urls; i++)
		if (!strcmp(w->ref_urls[i], target))
			return true;
	return false;
}

void folio_markdown__on_link(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	const char *url = cmark_node_get_url(node);
	FOLIO_ARRAY_GROW(md->links, md->nlinks, w->link_alloc, md->nlinks + 1);
	folio_link *l = &md->links[md->nlinks++];
	memset(l, 0, sizeof(*l));
	l->target = folio_xstrdup(url ? url : "");
	l->is_image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
	l->md_image = l->is_image;
	/* cmark keeps javascript: under CMARK_OPT_UNSAFE (allow_html): a link
	 * never carries it, whatever the rules say of the finding */
	bool script = folio_markdown__link_runs_script(l);
	if (script)
		cmark_node_set_url(node, "");
	if (w->block && !w->opts->html_only)
		folio_markdown__locate(w, node, l->target, autolink_written(l->target), &l->line, &l->column);
	if (!script && (hooked_link(w, node, l) || folio_markdown__link_resolve(l, w->opts)))
		cmark_node_set_url(node, l->resolved);
	else if (l->kind == FOLIO_LINK_INTERNAL && l->resolved && folio_markdown__ref_url(w, l->target))
		l->placed = true; /* {{< relref "x" >}}: where x's page is, not this page's bytes */
	for (size_t i = 0; i + 1 < w->nref_missing && !l->ref_arg; i += 2)
		if (!strcmp(w->ref_missing[i], l->target))
			l->ref_arg = folio_xstrdup(w->ref_missing[i + 1]);
	/* the URL a hook gives a term, written out: a term's anchor too */
	for (size_t i = 0; i < w->opts->nlink_hooks && !l->hooked; i++)
		if (l->kind == FOLIO_LINK_INTERNAL && l->resolved)
			l->hooked = folio_link_hook_names_term(&w->opts->link_hooks[i], w->opts->link_terms,
			                                       l->resolved, &l->term_missing);
}

/* ---- autolinks: goldmark ---- */

/* Is link an autolink of cmark-gfm's extension (a bare URL or www.), not
 * a <...> autolink of CommonMark's? The extension's www. links get "http://"
 * before their text; its URLs with a scheme are made after the parse, and
 * have no position (a <...> autolink always has one). */
static bool extension_autolink(cmark_node *link, const char *text)
{
	const char *url = cmark_node_get_url(link);
	if (!url || !text)
		return false;
	if (!strncmp(text, "www.", 4))
		return !strncmp(url, "http://", 7) && !strcmp(url + 7, text);
	return cmark_node_get_start_line(link) == 0 && !strcmp(url, text) && strstr(text, "://");
}

/* A bare e-mail address the extension linked (mailto: then its text), or
 * with a scheme written, "mailto:a@x.fr" or "xmpp:a@x.fr" (then *scheme),
 * which Goldmark's linkify never links. */
static bool extension_email(cmark_node *link, const char *text, bool *scheme)
{
	const char *url = cmark_node_get_url(link);
	if (!url || !text || cmark_node_get_start_line(link) != 0)
		return false;
	*scheme = !strcmp(url, text) && (!strncmp(url, "mailto:", 7) || !strncmp(url, "xmpp:", 5));
	return *scheme || (!strncmp(url, "mailto:", 7) && !strcmp(url + 7, text));
}

/* Whether Goldmark's linkify would take s (n bytes) for a URL: a host of
 * at least two labels after the scheme (or www.), its last one of 1 to 6
 * letters, digits or parentheses, then maybe a port ("localhost:15000" is
 * none: Hugo leaves it text). */
static bool goldmark_url(const char *s, size_t n)
{
	const char *host = memmem(s, n, "://", 3);
	size_t from = host ? (size_t)(host - s) + 3 : 0;
	size_t end = from;
	while (end < n && !strchr("/?#", s[end]))
		end++;
	size_t digits = 0; /* a port after the host: "example.com:8080" */
	while (digits < end - from && isdigit((unsigned char)s[end - 1 - digits]))
		digits++;
	if (digits && digits < end - from && s[end - 1 - digits] == ':')
		end -= digits + 1;
	const char *dot = memrchr(s + from, '.', end - from);
	size_t tld = dot ? end - (size_t)(dot - s) - 1 : 0;
	if (!dot || dot == s + from || tld < 1 || tld > 6)
		return false;
	for (const char *c = dot + 1; c < s + end; c++)
		if (!isalnum((unsigned char)*c) && *c != '(' && *c != ')')
			return false;
	return true;
}

/* Whether Goldmark's linkify looks for a URL where link starts: at the
 * head of a line, or after a blank, '*', '_', '~' or '(' (its triggers);
 * after another inline (emphasis, code) as cmark-gfm decided. */
static bool goldmark_trigger(cmark_node *link)
{
	cmark_node *prev = cmark_node_previous(link);
	if (!prev || cmark_node_get_type(prev) != CMARK_NODE_TEXT)
		return true;
	const char *t = cmark_node_get_literal(prev);
	size_t n = t ? strlen(t) : 0;
	return !n || strchr(" \t*_~(", t[n - 1]);
}

/* s with CommonMark's backslash escapes applied ("\\_x" is "_x"): the
 * text after a cut autolink, which cmark-gfm's extension left as written.
 * Caller frees. */
static char *unescaped(const char *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] && ispunct((unsigned char)s[1]))
			s++;
		folio_buf_putc(&b, *s);
	}
	return folio_buf_detach(&b, NULL);
}

/* link replaced by its text t, as it was written. */
static void unlink_text(cmark_node *link, cmark_node *t)
{
	cmark_node *after = folio_md_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(after, cmark_node_get_literal(t));
	cmark_node_insert_after(link, after);
	cmark_node_free(link);
}

/* One autolink cut as Goldmark's linkify cuts it: before the first byte
 * outside ASCII or a backslash ("http://is.gd/ca\\_x" links
 * http://is.gd/ca), then its trailing punctuation, the rest text after it;
 * unlinked when what is left is no URL for Goldmark, or Goldmark does not
 * look for one there. */
static void cut_autolink(cmark_node *link, cmark_node *text, const char *lit)
{
	size_t k = 0;
	bool looked = goldmark_trigger(link);
	while (lit[k] && (unsigned char)lit[k] < 0x80 && lit[k] != '\\')
		k++;
	if (!lit[k] && looked)
		return; /* all ASCII: as cmark-gfm linked it */
	while (k && strchr("?!.,:*_~", lit[k - 1]))
		k--;
	cmark_node *after = folio_md_node_new(CMARK_NODE_TEXT);
	cmark_node_insert_after(link, after);
	if (!looked || !goldmark_url(lit, k)) { /* no link at all: its text in its place */
		char *all = unescaped(lit);
		cmark_node_set_literal(after, all);
		free(all);
		cmark_node_free(link);
		return;
	}
	char *url = folio_xasprintf("%s%.*s", strncmp(lit, "www.", 4) ? "" : "http://", (int)k, lit);
	char *head = folio_xstrndup(lit, k);
	char *rest = unescaped(lit + k);
	cmark_node_set_url(link, url);
	cmark_node_set_literal(text, head);
	cmark_node_set_literal(after, rest);
	free(url);
	free(head);
	free(rest);
}

void folio_markdown__goldmark_autolinks(cmark_node *doc)
{
	size_t n = 0, nall;
	bool scheme;
	cmark_node **all = folio_md_nodes_of(doc, CMARK_NODE_LINK, &nall), **links = all;
	for (size_t i = 0; i < nall; i++) {
		cmark_node *t = cmark_node_first_child(all[i]);
		if (t && t == cmark_node_last_child(all[i]) && cmark_node_get_type(t) == CMARK_NODE_TEXT &&
		    (extension_autolink(all[i], cmark_node_get_literal(t)) ||
		     extension_email(all[i], cmark_node_get_literal(t), &scheme)))
			links[n++] = all[i]; /* in place: read in order */
	}
	/* changed once the walk is over: an iterator must not see its tree move */
	for (size_t i = 0; i < n; i++) {
		cmark_node *t = cmark_node_first_child(links[i]);
		if (extension_email(links[i], cmark_node_get_literal(t), &scheme)) {
			/* cmark-gfm links an address after any byte it cannot hold
			 * ("&lt;jean@x.fr&gt;", "courriel:jean@x.fr"); Goldmark only
			 * where it looks for a link, else it stays text */
			if (scheme || !goldmark_trigger(links[i]))
				unlink_text(links[i], t);
			continue;
		}
		char *lit = folio_xstrdup(cmark_node_get_literal(t));
		cut_autolink(links[i], t, lit);
		free(lit);
	}
	free(links);
}

bool folio_markdown_links_self_contained(const folio_markdown *md)
{
	if (md->nincludes) /* its text holds files of _includes/ */
		return false;
	for (size_t i = 0; i < md->nlinks; i++) {
		const folio_link *l = &md->links[i];
		/* (a link written with the site's address is as it is written) */
		if (l->placed || l->hooked ||
		    (l->kind == FOLIO_LINK_INTERNAL && !l->file_form && l->target[0] != '/' && l->target[0] != '#' &&
		     !strstr(l->target, "://")))
			return false;
		/* a link to a page's file that names none is written as its
		 * spelling ("watering.md": /guides/watering/); the page added
		 * later may stand elsewhere (/guides/watering.html) */
		if (l->kind == FOLIO_LINK_INTERNAL && l->file_form)
			return false;
	}
	return true;
}
