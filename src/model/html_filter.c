/*
 * Active content in raw HTML: see html_filter.h. This is no sanitizer
 * that rewrites HTML: it finds, so that the page is refused with a finding
 * naming each thing, and markdown_html.c leaves refused HTML out of the page.
 */
#include "model/html_filter.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

#define NAME_MAX_BYTES 32 /* longer names are no tag or attribute we look for */
#define SCHEME_MAX 16

/* Tags that run code, load other documents, submit data or change how the
 * rest of the page parses (GitHub's tagfilter list among them). */
static const char *const refused_tags[] = {
	"script", "object", "embed", "applet", "frame", "frameset", "form",
	"select", "textarea", "base", "meta", "noscript", "noembed", "noframes", "plaintext",
	"xmp", "title",
};

/*
 * A <button> is inert without a script or a form: forms are refused, so it
 * submits nothing, unless an attribute ties it to something else of the
 * page (a form of the template, form="search"; formaction; a popover or a
 * command it invokes). Themes' toggles (just-the-docs' dark-mode button,
 * letsencrypt.org's "View history") are buttons whose script lives in the
 * template: the button is kept, anything tying it to more is refused. So
 * is a checkbox or a radio button (opensource.guide's checklists, <input
 * type="checkbox"> beside a <label>): any other <input> asks for text (a
 * password) or submits, and is refused.
 */
static bool button_ties(const char *attr)
{
	return !strncmp(attr, "form", 4) || !strncmp(attr, "command", 7) ||
	       !strncmp(attr, "popover", 7) || !strncmp(attr, "interest", 8);
}

/* Attributes whose value is a URL a browser may follow or load. */
static const char *const url_attrs[] = {
	"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data",
	"cite", "lowsrc", "dynsrc", "longdesc", "codebase", "ping",
};

typedef struct {
	const char *s;
	size_t len, i;
	const char *const *hosts;
	size_t nhosts;
	folio_html_refused_fn refused;
	void *ctx;
	size_t count;
	bool ties; /* the <button> or <input> being scanned has an attribute button_ties() names */
	bool ticks; /* the <input> being scanned is type="checkbox" or "radio" */
	bool typed; /* it has had a type= (a browser takes the first) */
	int svg; /* <svg> elements open: a <title> in one is SVG's tooltip, not HTML's */
	bool open; /* the tag being scanned runs to the end of the text, unclosed */
	bool raw;  /* the second pass: <style> and <iframe> hold text, as HTML reads them */
	size_t *seen, nseen; /* the first pass's findings' offsets, sorted: not said twice */
} scanner;

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(name, list[k]))
			return true;
	return false;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static void report(scanner *sc, folio_html_refusal kind, const char *tag, const char *subject,
                   size_t offset)
{
	if (sc->raw) { /* the second pass: what the first said is said */
		if (sc->nseen && bsearch(&offset, sc->seen, sc->nseen, sizeof(*sc->seen), cmp_size))
			return;
	} else {
		sc->seen = folio_xrealloc(sc->seen, (sc->nseen + 1) * sizeof(*sc->seen));
		sc->seen[sc->nseen++] = offset;
	}
	sc->count++;
	if (sc->refused)
		sc->refused(sc->ctx, kind, tag, subject, offset);
}

/* Lowercase name at sc->i up to a stop byte, truncated to NAME_MAX_BYTES - 1. */
static void read_name(scanner *sc, char out[NAME_MAX_BYTES], const char *stops)
{
	size_t n = 0;
	while (sc->i < sc->len && !blank(sc->s[sc->i]) && !strchr(stops, sc->s[sc->i])) {
		if (n < NAME_MAX_BYTES - 1)
			out[n++] = lower(sc->s[sc->i]);
		sc->i++;
	}
	out[n] = '\0';
}

/*
 * Scheme of a URL as a browser reads it: character references decoded
 * (&#106; &#x6A; &colon; &tab; &newline;), blanks and control characters
 * dropped, lowercase; "" when the value has no scheme.
 */
static void url_scheme(const char *v, size_t n, char out[SCHEME_MAX])
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && k < SCHEME_MAX - 1;) {
		unsigned c = (unsigned char)v[i++];
		if (c == '&') {
			if (i < n && v[i] == '#') {
				bool hex = i + 1 < n && (v[i + 1] == 'x' || v[i + 1] == 'X');
				size_t j = i + 1 + hex;
				unsigned val = 0;
				int d;
				while (j < n && val < 0x110000 &&
				       (d = folio_hex_value(v[j])) >= 0 && (hex || d < 10)) {
					val = val * (hex ? 16 : 10) + (unsigned)d;
					j++;
				}
				if (j < n && v[j] == ';')
					j++;
				c = val < 128 ? val : '?';
				i = j;
			} else if (n - i >= 6 && !strncasecmp(v + i, "colon;", 6)) {
				c = ':';
				i += 6;
			} else if (n - i >= 4 && !strncasecmp(v + i, "tab;", 4)) {
				c = '\t';
				i += 4;
			} else if (n - i >= 8 && !strncasecmp(v + i, "newline;", 8)) {
				c = '\n';
				i += 8;
			}
		}
		if (c <= 0x20)
			continue;
		if (c == ':') {
			out[k] = '\0';
			return;
		}
		if (!alpha((char)c) && !(k && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
			out[0] = '\0';
			return;
		}
		out[k++] = lower((char)c);
	}
	out[0] = '\0'; /* no ':' soon enough: a path */
}

const char *folio_html_url_runs_script(const char *v, size_t n, bool image)
{
	char scheme[SCHEME_MAX];
	url_scheme(v, n, scheme);
	if (!strcmp(scheme, "javascript"))
		return "javascript";
	if (!strcmp(scheme, "vbscript"))
		return "vbscript";
	return !strcmp(scheme, "data") && !image ? "data" : NULL;
}

static void url_host_plain(const char *v, size_t n, char *out, size_t cap);

/* The host of an iframe's src when it is https://host/... or //host/...; "" else. */
static void url_host(const char *v0, size_t n0, char *out, size_t cap)
{
	/* a browser drops tabs and newlines from a URL before it reads it
	 * ("https://www.youtube.com<LF>@evil.example/" frames evil.example) */
	char *v = folio_xmalloc(n0 + 1);
	size_t n = 0;
	for (size_t j = 0; j < n0; j++)
		if (v0[j] != '\t' && v0[j] != '\n' && v0[j] != '\r')
			v[n++] = v0[j];
	url_host_plain(v, n, out, cap);
	free(v);
}

static void url_host_plain(const char *v, size_t n, char *out, size_t cap)
{
	size_t i = 0;
	out[0] = '\0';
	while (i < n && blank(v[i]))
		i++;
	if (n - i >= 8 && !strncasecmp(v + i, "https://", 8))
		i += 8;
	else if (n - i >= 2 && v[i] == '/' && v[i + 1] == '/')
		i += 2;
	else
		return;
	size_t k = 0;
	for (; i < n && !strchr("/?#:", v[i]) && !blank(v[i]); i++) {
		if (v[i] == '@' || v[i] == '\\' || v[i] == '&') { /* user@host or escapes: no host we trust */
			out[0] = '\0';
			return;
		}
		if (k + 1 < cap)
			out[k++] = lower(v[i]);
	}
	out[k] = '\0';
}

static bool host_listed(const scanner *sc, const char *host)
{
	for (size_t k = 0; host[0] && k < sc->nhosts; k++)
		if (!strcasecmp(host, sc->hosts[k]))
			return true;
	return false;
}

static void check_attr(scanner *sc, const char *tag, const char *name, size_t name_off,
                       const char *v, size_t vlen)
{
	if ((!strcmp(tag, "button") || !strcmp(tag, "input")) && button_ties(name))
		sc->ties = true;
	if (!strcmp(tag, "input") && !strcmp(name, "type") && !sc->typed) {
		sc->typed = true;
		sc->ticks = v && ((vlen == 8 && !strncasecmp(v, "checkbox", 8)) ||
		                  (vlen == 5 && !strncasecmp(v, "radio", 5)));
	}
	/* SVG's animation elements set another element's attribute: its href
	 * to javascript: (<set attributeName="href" to="javascript:...">) */
	static const char *const animations[] = { "set", "animate", "animatemotion", "animatetransform",
	                                          "animatecolor" };
	if (!strcmp(name, "attributename") && v && in_list(tag, animations, sizeof(animations) / sizeof(*animations))) {
		size_t k = 0;
		while (k < vlen && blank(v[k]))
			k++;
		if ((vlen - k >= 4 && !strncasecmp(v + k, "href", 4)) ||
		    (vlen - k >= 10 && !strncasecmp(v + k, "xlink:href", 10))) {
			report(sc, FOLIO_HTML_ATTRIBUTE, tag, name, name_off);
			return;
		}
	}
	if (name[0] == 'o' && name[1] == 'n' && name[2]) {
		report(sc, FOLIO_HTML_ATTRIBUTE, tag, name, name_off);
		return;
	}
	if (!strcmp(name, "srcdoc")) {
		report(sc, FOLIO_HTML_ATTRIBUTE, tag, name, name_off);
		return;
	}
	if (!v || !in_list(name, url_attrs, sizeof(url_attrs) / sizeof(*url_attrs)))
		return;
	bool image = !strcmp(tag, "img") || !strcmp(tag, "source");
	const char *scheme = folio_html_url_runs_script(v, vlen, image);
	if (scheme)
		report(sc, FOLIO_HTML_URL, tag, scheme, name_off);
	else if (!strcmp(tag, "iframe") && !strcmp(name, "src")) {
		char host[256];
		url_host(v, vlen, host, sizeof(host));
		if (!host_listed(sc, host)) {
			char shown[256];
			size_t n = vlen < sizeof(shown) - 1 ? vlen : sizeof(shown) - 1;
			memcpy(shown, v, n);
			shown[n] = '\0';
			report(sc, FOLIO_HTML_IFRAME_HOST, tag, host[0] ? host : shown, name_off);
		}
	}
}

/* The attributes of a start tag, up to and past its '>'. */
static void scan_attrs(scanner *sc, const char *tag)
{
	const char *s = sc->s;
	for (;;) {
		while (sc->i < sc->len && (blank(s[sc->i]) || s[sc->i] == '/'))
			sc->i++;
		if (sc->i >= sc->len) {
			sc->open = true; /* no '>': the tag runs past this text */
			return;
		}
		if (s[sc->i] == '>') {
			sc->i++;
			return;
		}
		size_t name_off = sc->i;
		char name[NAME_MAX_BYTES];
		read_name(sc, name, "=>/");
		if (sc->i == name_off) { /* '=' where a name should be: HTML takes it as one */
			name[0] = '=';
			name[1] = '\0';
			sc->i++;
		}
		size_t j = sc->i;
		while (j < sc->len && blank(s[j]))
			j++;
		const char *v = NULL;
		size_t vlen = 0;
		if (j < sc->len && s[j] == '=') {
			j++;
			while (j < sc->len && blank(s[j]))
				j++;
			char q = j < sc->len && (s[j] == '"' || s[j] == '\'') ? s[j] : 0;
			j += q != 0;
			v = s + j;
			while (j < sc->len && (q ? s[j] != q : !blank(s[j]) && s[j] != '>'))
				j++;
			vlen = (size_t)(s + j - v);
			sc->open = sc->open || (q && j >= sc->len); /* a quote left open */
			j += q && j < sc->len;
			sc->i = j;
		}
		check_attr(sc, tag, name, name_off, v, vlen);
	}
}

static void skip_past(scanner *sc, const char *end)
{
	size_t n = strlen(end);
	const char *hit = sc->i < sc->len ? memmem(sc->s + sc->i, sc->len - sc->i, end, n) : NULL;
	sc->i = hit ? (size_t)(hit - sc->s) + n : sc->len;
}

size_t folio_html_comment_end(const char *s, size_t len, size_t at, bool *closed)
{
	*closed = true;
	if (at < len && s[at] == '>')
		return at + 1;
	if (len - at >= 2 && s[at] == '-' && s[at + 1] == '>')
		return at + 2;
	for (size_t k = at; k + 2 < len; k++) {
		if (s[k] != '-' || s[k + 1] != '-')
			continue;
		if (s[k + 2] == '>')
			return k + 3;
		if (s[k + 2] == '!' && k + 3 < len && s[k + 3] == '>')
			return k + 4;
	}
	*closed = false;
	return len;
}

/* Past the end tag of a raw text element (</style>) from sc->i, case
 * aside; the end of the text when there is none. */
static void skip_raw_text(scanner *sc, const char *tag)
{
	size_t n = strlen(tag);
	for (size_t k = sc->i; k + 2 + n <= sc->len; k++)
		if (sc->s[k] == '<' && sc->s[k + 1] == '/' && !strncasecmp(sc->s + k + 2, tag, n)) {
			sc->i = k;
			return;
		}
	sc->i = sc->len;
}

/* Is the text at sc->i "/name" ending there (not "/path" for "p")? */
static bool end_tag_at(const scanner *sc, const char *name)
{
	size_t n = strlen(name), k = sc->i + 1 + n;
	return sc->len - sc->i > n && sc->s[sc->i] == '/' && !strncasecmp(sc->s + sc->i + 1, name, n) &&
	       (k >= sc->len || !alpha(sc->s[k]));
}

/* HTML's tags that end SVG content where they start (the parser's
 * breakout list): <svg><p><style> is HTML's <style> again. */
static bool breaks_out(const char *tag)
{
	static const char *const out[] = {
		"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
		"embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
		"menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
		"strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font",
	};
	return in_list(tag, out, sizeof(out) / sizeof(*out));
}

/* One pass: sc->raw reads <style> and <iframe> as HTML does (their text
 * no markup, a "<!--" in it no comment), the other pass as tags; what
 * either finds is refused, so no reading of the two hides a tag. */
static void filter_pass(scanner *sc)
{
	const char *html = sc->s;
	while (sc->i < sc->len) {
		const char *lt = memchr(html + sc->i, '<', sc->len - sc->i);
		if (!lt)
			break;
		size_t at = (size_t)(lt - html);
		sc->i = at + 1;
		if (sc->len - sc->i >= 3 && !memcmp(html + sc->i, "!--", 3)) {
			bool closed;
			sc->i = folio_html_comment_end(html, sc->len, sc->i + 3, &closed);
			continue;
		}
		if (sc->i < sc->len && (html[sc->i] == '!' || html[sc->i] == '?' || html[sc->i] == '/')) {
			if (sc->svg && sc->len - sc->i >= 4 && !strncasecmp(html + sc->i, "/svg", 4))
				sc->svg--;
			else if (sc->svg && (end_tag_at(sc, "p") || end_tag_at(sc, "br")))
				sc->svg = 0; /* </p> and </br> end SVG content too */
			skip_past(sc, ">");
			continue;
		}
		if (sc->i >= sc->len || !alpha(html[sc->i]))
			continue; /* a '<' of text */
		char tag[NAME_MAX_BYTES];
		read_name(sc, tag, "/>");
		if (sc->svg && breaks_out(tag))
			sc->svg = 0;
		/* SVG's <title> (a Graphviz drawing's tooltips) is its own element:
		 * it changes no parsing, where HTML's would */
		bool svg_title = sc->svg && !strcmp(tag, "title");
		if (!svg_title && in_list(tag, refused_tags, sizeof(refused_tags) / sizeof(*refused_tags)))
			report(sc, FOLIO_HTML_TAG, tag, tag, at);
		sc->ties = sc->ticks = sc->typed = sc->open = false;
		scan_attrs(sc, tag);
		if (sc->open) /* an HTML block ending in a tag: a browser reads on */
			report(sc, FOLIO_HTML_OPEN, tag, tag, at);
		/* an <svg/> closes itself: nothing after it is in it */
		sc->svg += !strcmp(tag, "svg") && !(sc->i >= 2 && html[sc->i - 1] == '>' && html[sc->i - 2] == '/');
		/* a <button> or <input> tied to a form, a popover or a command; an
		 * <input> that is no checkbox or radio button */
		if (sc->ties || (!strcmp(tag, "input") && !sc->ticks))
			report(sc, FOLIO_HTML_TAG, tag, tag, at);
		if (sc->raw && !sc->svg && (!strcmp(tag, "style") || !strcmp(tag, "iframe")))
			skip_raw_text(sc, tag);
	}
}

size_t folio_html_filter(const char *html, size_t len, const char *const *hosts, size_t nhosts,
                         folio_html_refused_fn refused, void *ctx)
{
	scanner sc = { html, len, 0, hosts, nhosts, refused, ctx, 0, false, false, false, 0, false, false, NULL, 0 };
	filter_pass(&sc);
	if (sc.nseen)
		qsort(sc.seen, sc.nseen, sizeof(*sc.seen), cmp_size);
	scanner raw = sc;
	raw.i = 0;
	raw.svg = 0;
	raw.raw = true;
	filter_pass(&raw);
	free(sc.seen);
	return raw.count;
}
