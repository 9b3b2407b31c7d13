/*
 * A page's old URLs (aliases:, redirect_from:, a section's own url:): what
 * the site model knows of a page, placed by the layout. Render plans a
 * redirect page at each; validation takes links to them as valid. Here,
 * below both, so neither asks the other.
 */
#include "folio/site.h"
#include "folio/yaml.h"

#include <stdlib.h>
#include <string.h>

#include "model/layout.h"
#include "model/site_internal.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

const char *folio_page_aliases_key(const folio_page *p)
{
	if (p->collection->aliases_key && folio_page_meta_get(p, "aliases"))
		return "aliases";
	return folio_page_meta_get(p, "redirect_from") ? "redirect_from" : NULL;
}

/* A page's aliases as written (aliases: a string or a list of strings;
 * without it, or on a site whose aliases: is no redirect (aliases_key:
 * false), jekyll-redirect-from's redirect_from:); borrowed, NULL when none. */
static json_t *page_aliases(const folio_page *p)
{
	const char *key = folio_page_aliases_key(p);
	json_t *a = key ? folio_page_meta_get(p, key) : NULL;
	return json_is_string(a) || json_is_array(a) ? a : NULL;
}

/* A section page's url: (Jekyll's permalink:) as written, or NULL: its page
 * is the list's, so the address it names is an old one of the list
 * ("_tutorials/index.md" with permalink: /tutorials/home/). Borrowed. */
static const char *section_address(const folio_page *p)
{
	if (!p->section)
		return NULL;
	json_t *u = folio_page_meta_get(p, "url");
	if (!u)
		u = folio_page_meta_get(p, "permalink");
	return json_is_string(u) && json_string_value(u)[0] == '/' ? json_string_value(u) : NULL;
}

static size_t alias_count(const folio_page *p)
{
	json_t *a = page_aliases(p);
	size_t n = json_is_array(a) ? json_array_size(a) : a ? 1 : 0;
	return n + (section_address(p) ? 1 : 0);
}

size_t folio_page_alias_count(const folio_page *p)
{
	return p->ok ? alias_count(p) : 0;
}

size_t folio_site__early_alias_count(const folio_page *p)
{
	return p->meta || p->meta_text ? alias_count(p) : 0;
}

/* Bytes of the white space at s (n bytes left), as Go's unicode.IsSpace
 * reads a rune: ASCII's, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000; 0 for any other (an invalid byte too). */
static size_t space_at(const unsigned char *s, size_t n)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (n < 3)
		return 0;
	if ((s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) || (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
	    (s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) ||
	    (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F))
		return 3;
	return 0;
}

void folio_site__split_alias_words(folio_page *p, const folio_config *cfg, folio_diags *diags)
{
	if (!cfg || !cfg->aliases_words || !p->collection->aliases_key)
		return;
	json_t *a = json_object_get(p->meta, "aliases");
	if (!json_is_string(a))
		return;
	/* one pass: each word appended as its end is met (a string a pusher
	 * writes may hold half a million words); no more words than a list
	 * may hold nodes, which the YAML parser caps */
	const unsigned char *s = (const unsigned char *)json_string_value(a);
	size_t n = json_string_length(a), start = 0, i = 0;
	json_t *words = json_array();
	bool spaced = false;
	while (i <= n) {
		size_t w = i < n ? space_at(s + i, n - i) : 1;
		if (!w) {
			i++;
			continue;
		}
		spaced |= i < n;
		if (i > start)
			json_array_append_new(words, json_stringn((const char *)s + start, i - start));
		if (json_array_size(words) > FOLIO_YAML_MAX_NODES) {
			unsigned line = 0, col = 0;
			if (p->fm.meta)
				folio_yaml_position(p->fm.meta, "/aliases", &line, &col);
			folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, p->path, line, col,
			                "write fewer old URLs", "aliases: holds more than %d words", FOLIO_YAML_MAX_NODES);
			/* none kept: the page is refused, and a 1 MB string is no
			 * second finding as one old URL */
			json_array_clear(words);
			json_object_set_new(p->meta, "aliases", words);
			return;
		}
		i += w;
		start = i;
	}
	if (spaced || !json_array_size(words)) /* "" is no alias, as Hugo reads it */
		json_object_set_new(p->meta, "aliases", words); /* frees the string a held */
	else
		json_decref(words); /* one word: the string as written */
}

/* Jekyll's URL cleaning (Jekyll::URL#sanitize_url) of "/" + s: each ".."
 * a "/", each "./" gone, runs of "/" one: "../analyze/" is /analyze/.
 * Caller frees. */
static char *jekyll_sanitize(const char *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_putc(&b, '/');
	for (; *s; s++) {
		if (s[0] == '.' && s[1] == '.') {
			folio_buf_putc(&b, '/');
			s++;
		} else {
			folio_buf_putc(&b, *s);
		}
	}
	folio_buf out = FOLIO_BUF_INIT;
	for (size_t i = 0; i < b.size; i++) {
		if (b.ptr[i] == '.' && i + 1 < b.size && b.ptr[i + 1] == '/') {
			i++; /* "./" removed */
			continue;
		}
		if (b.ptr[i] != '/' || !out.size || out.ptr[out.size - 1] != '/')
			folio_buf_putc(&out, b.ptr[i]);
	}
	folio_buf_dispose(&b);
	return folio_buf_detach(&out, NULL);
}

char *folio_page_alias_resolve(const folio_page *p, const char *written)
{
	/* jekyll-redirect-from puts a "/" before a redirect_from: without one:
	 * "2015/02/16/old-name/" is the site's /2015/02/16/old-name/ */
	const char *key = folio_page_aliases_key(p);
	if (key && !strcmp(key, "redirect_from")) {
		/* and its page is written x.html unless it ends with '/' or
		 * .html, as Jekyll writes any page (a Page whose permalink is the
		 * old address): /2014-365/collections-jekyll.html, slsa's
		 * /provenance/v0.1 at provenance/v0.1.html */
		char *clean = jekyll_sanitize(written);
		const char *last = strrchr(clean, '/') + 1;
		char *named = *last && !folio_ends_with(clean, ".html") ? folio_xasprintf("%s.html", clean) : NULL;
		char *url = folio_layout_alias_url("/", named ? named : clean);
		free(named);
		free(clean);
		return url;
	}
	/* a relative alias is relative to the folder of the page's URL, as Hugo
	 * reads it: jaegertracing.io's docs/1.76/architecture/apis.md keeps
	 * "../apis", its address before it moved, /docs/1.76/apis */
	size_t len = strlen(p->url);
	while (len > 1 && p->url[len - 1] == '/')
		len--;
	const char *slash = memrchr(p->url, '/', len);
	char *base = folio_xstrndup(p->url, slash ? (size_t)(slash - p->url) + 1 : 1);
	char *url = folio_layout_alias_url(base, written);
	free(base);
	/* under Hugo's uglyURLs for the page's section every alias is a file,
	 * its "/" dropped and .html added (renderAliases): Apache Jena's
	 * /documentation/rdfpatch/ at /documentation/rdfpatch.html */
	size_t n = url ? strlen(url) : 0;
	if (p->collection->ugly_lists && n > 1 && !folio_ends_with(url, ".html")) {
		char *file = folio_xasprintf("%.*s.html", (int)(url[n - 1] == '/' ? n - 1 : n), url);
		free(url);
		return file;
	}
	/* an old address with another extension than .html (an old /d1.pdf) is
	 * a folder, /d1.pdf/index.html, as Hugo writes its redirect: an HTML page
	 * named d1.pdf would be served as a PDF, which no browser follows */
	const char *last = url ? strrchr(url, '/') : NULL, *dot = last ? strrchr(last, '.') : NULL;
	if (dot && strcmp(dot, ".html") && strcmp(dot, ".htm")) {
		char *folder = folio_xasprintf("%s/", url);
		free(url);
		url = folder;
	}
	return url;
}

char *folio_page_alias_url(const folio_page *p, size_t k)
{
	json_t *a = page_aliases(p);
	size_t n = json_is_array(a) ? json_array_size(a) : a ? 1 : 0;
	json_t *v = json_is_array(a) ? json_array_get(a, k) : k == 0 ? a : NULL;
	const char *written = k < n ? (json_is_string(v) ? json_string_value(v) : NULL) : section_address(p);
	if (!written)
		return NULL;
	char *url = folio_page_alias_resolve(p, written);
	/* an alias that is the page's own address (Hugo's docs keep the
	 * lowercase spelling of a name written in capitals; Jekyll's list page
	 * as /tutorials/index.html) redirects nowhere: the page is there */
	char *out = url ? folio_layout_url_output(url) : NULL, *own = folio_layout_url_output(p->url);
	if (out && !strcmp(out, own)) {
		free(url);
		url = NULL;
	}
	free(out);
	free(own);
	return url;
}
