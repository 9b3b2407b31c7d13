/*
 * Jekyll's Liquid in Markdown (shortcode.c finds it outside fenced code):
 * {% link %} and {% post_url %} name the page's file, {% highlight %} is
 * a code block, {% raw %} keeps its text, {% comment %} drops it,
 * {% capture x %} keeps its text
 * where it is written (the output {{ x | markdownify }} is then nothing:
 * a theme's columns read in their order), other tags become nothing (with
 * a note); output of a site path ({{ '/x/' | relative_url }},
 * {{ site.baseurl }}) is that path.
 */
#include "model/shortcode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/shortcode_expand.h"
#include "util/alloc.h"
#include "util/banned.h"

/* ---- Liquid ---- */

static size_t skip_space(const char *s, size_t i, size_t len)
{
	while (i < len && folio_shortcode__space(s[i]))
		i++;
	return i;
}

/* Where the inside of the tag at s ({% or {{, already seen) starts: past a
 * '-' (whitespace control) and spaces. *len is clamped to the longest tag. */
static size_t tag_inside(const char *s, size_t *len)
{
	if (*len > FOLIO_SHORTCODE_TAG_MAX)
		*len = FOLIO_SHORTCODE_TAG_MAX;
	size_t i = 2;
	if (i < *len && s[i] == '-')
		i++;
	return skip_space(s, i, *len);
}

/* {% name args %} or {%- ... -%} at s; false when it is none. */
bool folio_shortcode__liquid_parse(liquid_tag *t, const char *s, size_t len)
{
	if (len < 4 || s[0] != '{' || s[1] != '%')
		return false;
	size_t i = tag_inside(s, &len), ns = i;
	while (i < len && i - ns < sizeof(t->name) - 1 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
		i++;
	if (i == ns)
		return false;
	memcpy(t->name, s + ns, i - ns);
	t->name[i - ns] = '\0';
	for (size_t j = i; j + 1 < len; j++) {
		if (s[j] == '\n' && j + 1 < len && s[j + 1] == '\n')
			return false; /* a tag does not span a paragraph break */
		if (s[j] != '%' || s[j + 1] != '}')
			continue;
		size_t e = j;
		if (e > i && s[e - 1] == '-')
			e--;
		i = skip_space(s, i, e);
		while (e > i && folio_shortcode__space(s[e - 1]))
			e--;
		t->args = s + i;
		t->args_len = e - i;
		t->len = j + 2;
		return true;
	}
	return false;
}

static size_t find_liquid(expander *e, size_t from, const char *name, size_t *start)
{
	if (from >= e->liquid_unclosed_from)
		return 0;
	for (size_t i = from; i + 1 < e->len; i++) {
		liquid_tag t;
		if (e->text[i] == '{' && e->text[i + 1] == '%' &&
		    folio_shortcode__liquid_parse(&t, e->text + i, e->len - i) && !strcmp(t.name, name)) {
			*start = i;
			return i + t.len;
		}
	}
	e->liquid_unclosed_from = from;
	return 0;
}

static bool param_key_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

const char *folio_shortcode__include_params(char **kv, const char *a, size_t n)
{
	size_t i = 0, np = 0;
	for (;;) {
		i = skip_space(a, i, n);
		if (i >= n)
			return NULL;
		size_t k = i;
		while (i < n && param_key_byte(a[i]))
			i++;
		if (i == k)
			return "has arguments folio cannot read";
		size_t klen = i - k;
		i = skip_space(a, i, n);
		if (i >= n || a[i] != '=')
			return "has arguments folio cannot read";
		i = skip_space(a, i + 1, n);
		if (i >= n || (a[i] != '"' && a[i] != '\''))
			return "gives a parameter a variable's value, which folio does not read";
		const char *close = memchr(a + i + 1, a[i], n - i - 1);
		if (!close)
			return "has arguments folio cannot read";
		if (np == 2 * FOLIO_SHORTCODE_INCLUDE_PARAMS)
			return "has more than 16 parameters";
		kv[np++] = folio_xstrndup(a + k, klen);
		kv[np++] = folio_xstrndup(a + i + 1, (size_t)(close - a) - i - 1);
		i = (size_t)(close - a) + 1;
	}
}

size_t folio_shortcode__liquid_include_param(expander *e, const char *s, size_t len)
{
	static const char prefix[] = "include.";
	if (!e->inc || len < 5 || s[0] != '{' || s[1] != '{')
		return 0;
	size_t lim = len, i = tag_inside(s, &lim);
	if (lim - i < sizeof(prefix) - 1 || memcmp(s + i, prefix, sizeof(prefix) - 1))
		return 0;
	i += sizeof(prefix) - 1;
	size_t k = i;
	while (i < lim && param_key_byte(s[i]))
		i++;
	size_t klen = i - k, j = skip_space(s, i, lim);
	if (j < lim && s[j] == '-')
		j++;
	if (!klen || j + 1 >= lim || s[j] != '}' || s[j + 1] != '}')
		return 0; /* filters: Liquid folio does not run */
	for (const char *const *p = e->inc->params; p && p[0]; p += 2)
		if (strlen(p[0]) == klen && !memcmp(p[0], s + k, klen)) {
			folio_shortcode__put_lines(e, p[1], strlen(p[1]));
			break;
		}
	return j + 2;
}

size_t folio_shortcode__expand_liquid(expander *e, const liquid_tag *t, size_t at, bool *in_raw)
{
	size_t end = at + t->len;
	if (!strcmp(t->name, "raw")) {
		*in_raw = true;
	} else if (!strcmp(t->name, "endraw")) {
		*in_raw = false;
	} else if (!strcmp(t->name, "link") || !strcmp(t->name, "post_url")) {
		const char *a = t->args;
		size_t n = t->args_len;
		while (n && *a == '/') {
			a++;
			n--;
		}
		bool post = t->name[0] == 'p';
		folio_buf_puts(&e->out, post ? "/_posts/" : "/");
		folio_shortcode__put_inline(e, a, n);
		if (post)
			folio_buf_puts(&e->out, ".md");
	} else if (!strcmp(t->name, "capture") && !e->inc) { /* in an include: Liquid folio does not run */
		size_t n = 0;
		while (n < t->args_len && n < sizeof(e->captured[0]) - 1 && !folio_shortcode__space(t->args[n]))
			n++;
		bool seen = false; /* a name captured again (a theme's columns) */
		for (size_t k = 0; k < e->ncaptured && !seen; k++)
			seen = strlen(e->captured[k]) == n && !memcmp(e->captured[k], t->args, n);
		if (n && !seen && e->ncaptured < sizeof(e->captured) / sizeof(e->captured[0])) {
			memcpy(e->captured[e->ncaptured], t->args, n);
			e->captured[e->ncaptured++][n] = '\0';
		}
	} else if (!strcmp(t->name, "endcapture") && !e->inc) {
		/* the captured text was written as it came */
	} else if (!strcmp(t->name, "comment")) {
		/* hidden by its author (vda-lab's withdrawn job offer): nothing of
		 * it is published, as Liquid drops it; its lines still count */
		size_t cstart, cend = find_liquid(e, end, "endcomment", &cstart);
		if (!cend)
			folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "comment is not closed", at);
		else
			end = cend;
	} else if (!strcmp(t->name, "highlight")) {
		size_t cstart, cend = find_liquid(e, end, "endhighlight", &cstart);
		if (!cend) {
			folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "highlight is not closed", at);
		} else {
			char lang[32];
			size_t n = strcspn(t->args, " \t");
			n = n < t->args_len ? n : t->args_len;
			snprintf(lang, sizeof(lang), "%.*s", (int)n, t->args);
			folio_shortcode__put_code_block(e, lang, e->text + end, cstart - end);
			end = cend;
		}
	} else {
		folio_shortcode__note(e, FOLIO_MD_NOTE_LIQUID_TAG, t->name, at);
	}
	folio_shortcode__keep_newlines(e, at, end);
	return end;
}

/* A character a path goes on with (no '/': the text has it). */
static bool path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("_-.~%", c));
}

/* Past "| prepend: site.url" at i (the site's own address before its
 * path: carre2travers' 56 member photos), else i. */
static size_t prepend_site_url(const char *s, size_t i, size_t len)
{
	static const char filter[] = "prepend:", url[] = "site.url";
	size_t k = skip_space(s, i, len);
	if (k >= len || s[k] != '|')
		return i;
	k = skip_space(s, k + 1, len);
	if (len - k < sizeof(filter) - 1 || memcmp(s + k, filter, sizeof(filter) - 1))
		return i;
	k = skip_space(s, k + sizeof(filter) - 1, len);
	if (len - k < sizeof(url) - 1 || memcmp(s + k, url, sizeof(url) - 1) ||
	    (k + sizeof(url) - 1 < len && path_char(s[k + sizeof(url) - 1])))
		return i;
	return k + sizeof(url) - 1;
}

/* Past the blanks at i and, when one follows, "| relative_url" or
 * "| absolute_url", which root val (vlen bytes) unless it is rooted or
 * an address: *slash says so. 0 for another filter. */
static size_t url_filter(const char *s, size_t i, size_t len, const char *val, size_t vlen, bool *slash)
{
	i = skip_space(s, i, len);
	if (i >= len || s[i] != '|')
		return i;
	i = skip_space(s, i + 1, len);
	size_t n = 0;
	while (i + n < len && ((s[i + n] >= 'a' && s[i + n] <= 'z') || s[i + n] == '_'))
		n++;
	if (!(n == 12 && (!memcmp(s + i, "relative_url", n) || !memcmp(s + i, "absolute_url", n))))
		return 0;
	*slash = (!vlen || val[0] != '/') && !memmem(val, vlen, "://", 3);
	return i + n;
}

/* A letter, digit or '_' of a name in {{ site.<name> }} */
static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Jekyll's Liquid output of a site path: {{ '/docs/x/' | relative_url }}
 * (or absolute_url, or no filter) is the path, and {{ site.baseurl }} (or
 * {{ site.baseurl | prepend: site.url }}) is nothing, since folio's links
 * are site paths, or "/" when a path follows it at once; {{ site.<name> }} is the
 * value of folio.yaml's params: (what _config.yml said). Other output tags
 * ({{ page.title }}, a site.<name> params has not) are left as written.
 * Returns the tag's length and the text to write in *val, *vlen, after a
 * '/' when *slash says so: the filters root a relative path, as Jekyll's
 * ({{ 'docs/x/' | relative_url }} is /docs/x/); 0 when it is none.
 */
size_t folio_shortcode__liquid_output(const char *s, size_t len, const folio_params *params,
                                      const char **val, size_t *vlen, bool *slash)
{
	*slash = false;
	size_t whole = len, i = tag_inside(s, &len);
	static const char baseurl[] = "site.baseurl";
	bool root = false;
	if (len - i > sizeof(baseurl) - 1 && !memcmp(s + i, baseurl, sizeof(baseurl) - 1) &&
	    (folio_shortcode__space(s[i + sizeof(baseurl) - 1]) || s[i + sizeof(baseurl) - 1] == '}' ||
	     s[i + sizeof(baseurl) - 1] == '-' || s[i + sizeof(baseurl) - 1] == '|')) {
		*val = "";
		*vlen = 0;
		root = true;
		i = prepend_site_url(s, i + sizeof(baseurl) - 1, len);
	} else if (len - i > 5 && !memcmp(s + i, "site.", 5) && params) {
		size_t n = 0;
		/* a name, or names with '.' between them: a nested value
		 * (urls.download, which init writes in params: so); a '-'
		 * inside a name is Liquid's too (social-network-links.email),
		 * one before "}}" trims the space after the tag */
		while (i + 5 + n < len && (name_char(s[i + 5 + n]) ||
		                           ((s[i + 5 + n] == '.' || s[i + 5 + n] == '-') && n && i + 6 + n < len &&
		                            name_char(s[i + 6 + n]))))
			n++;
		const char *v = n ? folio_params_get(params, s + i + 5, n, false) : NULL;
		if (!v)
			return 0;
		*val = v;
		*vlen = strlen(v);
		/* a value that is a path, rooted by the filter:
		 * {{ site.feed.collections.tools.path | relative_url }} */
		i = url_filter(s, i + 5 + n, len, *val, *vlen, slash);
		if (!i)
			return 0;
	} else if (i < len && (s[i] == '\'' || s[i] == '"')) {
		const char *close = memchr(s + i + 1, s[i], len - i - 1);
		if (!close || memchr(s + i + 1, '\n', (size_t)(close - s) - i - 1))
			return 0;
		*val = s + i + 1;
		*vlen = (size_t)(close - s) - i - 1;
		i = url_filter(s, (size_t)(close - s) + 1, len, *val, *vlen, slash);
		if (!i)
			return 0;
	} else {
		return 0;
	}
	i = skip_space(s, i, len);
	if (i < len && s[i] == '-')
		i++;
	if (i + 1 >= len || s[i] != '}' || s[i + 1] != '}')
		return 0;
	/* a baseurl written with its last '/' ("/asso/"), a path after it
	 * ({{ site.baseurl }}assets/x.jpg): the path is rooted, as Jekyll's */
	if (root)
		*slash = i + 2 < whole && path_char(s[i + 2]);
	return i + 2;
}

/* The value of one operand of an include's name at s[*i]: a quoted
 * string, site.<name> (params:) or page.name; *i past it. NULL for
 * anything else. */
static const char *name_operand(const expander *e, const char *s, size_t *i, size_t len, size_t *vlen)
{
	size_t k = *i;
	if (k < len && (s[k] == '\'' || s[k] == '"')) {
		const char *close = memchr(s + k + 1, s[k], len - k - 1);
		if (!close)
			return NULL;
		*vlen = (size_t)(close - s) - k - 1;
		*i = (size_t)(close - s) + 1;
		return s + k + 1;
	}
	size_t n = 0;
	while (k + n < len && (name_char(s[k + n]) || s[k + n] == '.'))
		n++;
	*i = k + n;
	if (n == 9 && !memcmp(s + k, "page.name", 9) && e->h->page_name) {
		*vlen = strlen(e->h->page_name);
		return e->h->page_name;
	}
	if (n <= 5 || memcmp(s + k, "site.", 5) || !e->h->params)
		return NULL;
	const char *v = folio_params_get(e->h->params, s + k + 5, n - 5, false);
	if (v)
		*vlen = strlen(v);
	return v;
}

/*
 * {{ a | append: b | prepend: c }} inside an include's name (s past the
 * "{{", len to the name's end): its value put into out after *at, and
 * the length to its "}}". A few operands at most, so that the work is
 * the tag's length whatever it holds; 0 for other filters or values.
 */
static size_t name_output(const expander *e, const char *s, size_t len, char *out, size_t outsz, size_t *at)
{
	char *val = out + *at;
	size_t room = outsz - *at, vlen = 0, olen, i = skip_space(s, 0, len);
	const char *o = name_operand(e, s, &i, len, &olen);
	if (!o || olen >= room)
		return 0;
	memcpy(val, o, olen);
	vlen = olen;
	for (unsigned ops = 0; ops < 8; ops++) {
		i = skip_space(s, i, len);
		if (i + 1 < len && s[i] == '}' && s[i + 1] == '}') {
			val[vlen] = '\0';
			*at += vlen;
			return i + 2;
		}
		if (i >= len || s[i] != '|')
			return 0;
		i = skip_space(s, i + 1, len);
		bool append = len - i > 7 && !memcmp(s + i, "append:", 7);
		if (!append && !(len - i > 8 && !memcmp(s + i, "prepend:", 8)))
			return 0;
		i = skip_space(s, i + (append ? 7 : 8), len);
		o = name_operand(e, s, &i, len, &olen);
		if (!o || vlen + olen >= room)
			return 0;
		if (!append)
			memmove(val + olen, val, vlen);
		memcpy(append ? val + vlen : val, o, olen);
		vlen += olen;
	}
	return 0;
}

size_t folio_shortcode__include_name(const expander *e, const char *a, size_t n, char *out, size_t outsz)
{
	size_t i = 0, at = 0;
	while (i < n && !folio_shortcode__space(a[i])) {
		if (a[i] == '{' && i + 1 < n && a[i + 1] == '{') {
			size_t m = name_output(e, a + i + 2, n - i - 2, out, outsz, &at);
			if (!m)
				return 0;
			i += 2 + m;
		} else if (at + 1 < outsz) {
			out[at++] = a[i++];
		} else {
			return 0;
		}
	}
	out[at] = '\0';
	return i;
}

size_t folio_shortcode__liquid_page(expander *e, const char *s, size_t len, size_t at)
{
	if (!e->h->liquid_page)
		return 0;
	size_t lim = len, i = tag_inside(s, &lim), end = i;
	while (end + 1 < lim && s[end] != '\n' && (s[end] != '}' || s[end + 1] != '}'))
		end++;
	if (end + 1 >= lim || s[end] != '}')
		return 0;
	size_t stop = end;
	while (stop > i && (folio_shortcode__space(s[stop - 1]) || s[stop - 1] == '-'))
		stop--;
	size_t n = stop > i + 5 && !memcmp(s + i, "page.", 5) ? stop - i - 5 : 0;
	for (size_t k = 0; k < n; k++)
		if (!((s[i + 5 + k] >= 'a' && s[i + 5 + k] <= 'z') || (s[i + 5 + k] >= 'A' && s[i + 5 + k] <= 'Z') ||
		      (s[i + 5 + k] >= '0' && s[i + 5 + k] <= '9') || s[i + 5 + k] == '_'))
			n = 0;
	char name[64];
	if (n && n < sizeof(name) && e->h->page_param) {
		memcpy(name, s + i + 5, n);
		name[n] = '\0';
		char *value = e->h->page_param(e->h->ctx, name);
		if (value) {
			folio_shortcode__put_inline(e, value, strlen(value));
			free(value);
			return end + 2;
		}
	}
	char subject[80];
	size_t cut = stop - i < 72 ? stop - i : 72;
	while (cut && cut < stop - i && ((unsigned char)s[i + cut] & 0xC0) == 0x80)
		cut--; /* whole code points: findings are written as JSON too */
	snprintf(subject, sizeof(subject), "%.*s", (int)cut, s + i);
	folio_shortcode__note(e, FOLIO_MD_NOTE_LIQUID_OUTPUT, subject, at);
	return 0;
}

size_t folio_shortcode__liquid_captured(const expander *e, const char *s, size_t len)
{
	if (!e->ncaptured || len < 5 || s[0] != '{' || s[1] != '{')
		return 0;
	size_t i = tag_inside(s, &len), n = 0;
	while (i + n < len && ((s[i + n] >= 'a' && s[i + n] <= 'z') || (s[i + n] >= 'A' && s[i + n] <= 'Z') ||
	                       (s[i + n] >= '0' && s[i + n] <= '9') || s[i + n] == '_'))
		n++;
	bool known = false;
	for (size_t k = 0; k < e->ncaptured && !known; k++)
		known = strlen(e->captured[k]) == n && !memcmp(e->captured[k], s + i, n);
	if (!n || !known)
		return 0;
	/* then filters (| markdownify), on the tag's one line */
	for (size_t j = i + n; j + 1 < len && s[j] != '\n'; j++)
		if (s[j] == '}' && s[j + 1] == '}')
			return j + 2;
	return 0;
}

/* The line at s is "{::name...}" or "{:/name}" (blanks around), name one
 * of the given ones or, closing, none; its length without the newline. */
static size_t kramdown_marker(const char *s, size_t len, bool closing, const char *const *names)
{
	size_t eol = 0;
	while (eol < len && s[eol] != '\n')
		eol++;
	size_t n = eol;
	while (n && folio_shortcode__space(s[n - 1]))
		n--;
	const char *open = closing ? "{:/" : "{::";
	if (n < 4 || memcmp(s, open, 3) || s[n - 1] != '}')
		return 0;
	if (closing && n == 4)
		return eol; /* "{:/}" */
	for (size_t k = 0; names[k]; k++) {
		size_t m = strlen(names[k]);
		if (n >= 4 + m && !memcmp(s + 3, names[k], m) &&
		    (s[3 + m] == '}' || (!closing && (folio_shortcode__space(s[3 + m]) || s[3 + m] == '/'))))
			return eol;
	}
	return 0;
}

size_t folio_shortcode__kramdown_extension(expander *e, const char *s, size_t len, size_t at)
{
	static const char *const shown[] = { "nomarkdown", "options", NULL };
	static const char *const comment[] = { "comment", NULL };
	if (!e->h->liquid_page)
		return 0;
	size_t n = kramdown_marker(s, len, false, shown);
	if (!n)
		n = kramdown_marker(s, len, true, shown);
	if (n)
		return n;
	n = kramdown_marker(s, len, false, comment);
	if (!n)
		return 0;
	/* a comment, up to its closing line: nothing of it is published */
	for (size_t i = n; i < len; i++) {
		if (s[i] != '\n')
			continue;
		size_t close = kramdown_marker(s + i + 1, len - i - 1, true, comment);
		if (close)
			return i + 1 + close;
	}
	folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "{::comment} is not closed", at);
	return 0;
}
