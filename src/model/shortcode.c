/*
 * Hugo shortcodes and Liquid tags: see shortcode.h. This file: one tag,
 * the pass over the text, placeholders; shortcode_html.c: the expander's
 * helpers and the HTML of figure, youtube, vimeo and highlight; shortcode_liquid.c: Liquid (the
 * expander's state: shortcode_expand.h).
 *
 * Hugo expands shortcodes everywhere in a page, code blocks included (a
 * tag commented out inside its braces is how its authors show one as
 * text), and so does this.
 * Liquid tags ({% ... %}) are only read outside fenced code blocks: a Hugo
 * site documenting Jinja or Liquid shows them in code, and Jekyll's own
 * authors already wrap those in {% raw %}.
 */
#include "model/shortcode.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/shortcode_expand.h"
#include "util/alloc.h"
#include "util/banned.h"

/* ---- one tag ---- */

/* Does s[i..] close the tag (">}}" or "%}}")? */
static bool at_close(const char *s, size_t i, size_t len, char d)
{
	return i + 3 <= len && s[i] == d && s[i + 1] == '}' && s[i + 2] == '}';
}

/* A quoted ("...", with \" and \\) or raw (`...`) string at s[*i]. */
static char *read_string(const char *s, size_t *i, size_t len, const char **why)
{
	char q = s[*i];
	folio_buf v = FOLIO_BUF_INIT;
	size_t j = *i + 1;
	for (; j < len && s[j] != q; j++) {
		if (q == '"' && s[j] == '\\' && j + 1 < len && (s[j + 1] == '"' || s[j + 1] == '\\'))
			j++;
		folio_buf_putc(&v, s[j]);
	}
	if (j >= len) {
		folio_buf_dispose(&v);
		*why = "a string is not closed";
		return NULL;
	}
	*i = j + 1;
	folio_buf_putc(&v, '\0'); /* "" stays a string, not NULL */
	return folio_buf_detach(&v, NULL);
}

/* A bare word: up to a space, '=', or the end of the tag. */
static char *read_bare(const char *s, size_t *i, size_t len, char d)
{
	size_t j = *i;
	while (j < len && !folio_shortcode__space(s[j]) && s[j] != '=' && s[j] != '"' && s[j] != '`' &&
	       !at_close(s, j, len, d) && !(s[j] == '/' && at_close(s, j + 1, len, d)))
		j++;
	char *v = folio_xstrndup(s + *i, j - *i);
	*i = j;
	return v;
}

static char *read_value(const char *s, size_t *i, size_t len, char d, const char **why)
{
	if (*i >= len) { /* "a=" at the end of the text */
		*why = "an argument has no value";
		return NULL;
	}
	if (s[*i] == '"' || s[*i] == '`')
		return read_string(s, i, len, why);
	char *v = read_bare(s, i, len, d);
	if (!v[0]) {
		free(v);
		*why = "an argument has no value";
		return NULL;
	}
	return v;
}

/* A tag commented out inside its braces: the text between the comment
 * marks, shown as a tag (Hugo's way to write one as text). */
static size_t parse_comment(folio_shortcode *sc, const char *s, size_t i, size_t len, char d,
                            const char **why)
{
	size_t from = i + 2;
	for (size_t j = from; j + 1 < len; j++) {
		if (s[j] != '*' || s[j + 1] != '/')
			continue;
		size_t k = j + 2;
		while (k < len && folio_shortcode__space(s[k]))
			k++;
		if (!at_close(s, k, len, d))
			continue;
		sc->comment = true;
		sc->nargs = 1;
		sc->args[0].value = folio_xstrndup(s + from, j - from);
		return k + 3;
	}
	*why = "a shortcode comment is not closed with */}}";
	return 0;
}

static size_t parse_args(folio_shortcode *sc, const char *s, size_t i, size_t len, char d,
                         const char **why)
{
	for (;;) {
		while (i < len && folio_shortcode__space(s[i]))
			i++;
		if (i >= len) {
			*why = "the shortcode is not closed with >}} or %}}";
			return 0;
		}
		if (s[i] == '/' && at_close(s, i + 1, len, d)) {
			sc->self_closed = true;
			i++;
		}
		if (at_close(s, i, len, d))
			return i + 3;
		if (sc->closing) {
			*why = "a closing shortcode has arguments";
			return 0;
		}
		if (sc->nargs == FOLIO_SHORTCODE_ARGS_MAX) {
			*why = "the shortcode has too many arguments";
			return 0;
		}
		folio_shortcode_kv *a = &sc->args[sc->nargs];
		if (s[i] == '"' || s[i] == '`') {
			if (!(a->value = read_string(s, &i, len, why)))
				return 0;
			sc->nargs++;
			continue;
		}
		char *word = read_bare(s, &i, len, d);
		if (!word[0]) { /* a stray '=' or quote */
			free(word);
			*why = "an argument cannot be read";
			return 0;
		}
		/* name="v", or name = "v" as Hugo reads it too (falco.org's
		 * contentPath = "/docs/…") */
		size_t eq = i;
		while (eq < len && folio_shortcode__space(s[eq]) && s[eq] != '\n')
			eq++;
		if (eq < len && s[eq] == '=') {
			i = eq + 1;
			while (i < len && folio_shortcode__space(s[i]) && s[i] != '\n')
				i++;
			a->key = word;
			if (!(a->value = read_value(s, &i, len, d, why))) {
				free(a->key);
				a->key = NULL;
				return 0;
			}
		} else {
			a->value = word;
		}
		sc->nargs++;
	}
}

size_t folio_shortcode_parse(folio_shortcode *sc, const char *s, size_t len, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	memset(sc, 0, sizeof(*sc));
	if (len < 3 || s[0] != '{' || s[1] != '{' || (s[2] != '<' && s[2] != '%')) {
		*why = "not a shortcode";
		return 0;
	}
	char d = s[2] == '<' ? '>' : '%';
	sc->markdown = d == '%';
	if (len > FOLIO_SHORTCODE_TAG_MAX)
		len = FOLIO_SHORTCODE_TAG_MAX;
	size_t i = 3;
	while (i < len && folio_shortcode__space(s[i]))
		i++;
	size_t n = 0;
	if (i + 1 < len && s[i] == '/' && s[i + 1] == '*') {
		n = parse_comment(sc, s, i, len, d, why);
	} else {
		if (i < len && s[i] == '/') {
			sc->closing = true;
			i++;
			while (i < len && folio_shortcode__space(s[i]))
				i++;
		}
		size_t start = i;
		while (i < len && folio_shortcode__name_byte(s[i]) &&
		       !(s[i] == '/' && at_close(s, i + 1, len, d)))
			i++;
		if (i == start && !sc->closing) {
			*why = "the shortcode has no name";
			return 0;
		}
		/* {{</>}} closes the innermost open shortcode, as Hugo reads it
		 * (buildpacks.io): its name is "" */
		sc->name = folio_xstrndup(s + start, i - start);
		n = parse_args(sc, s, i, len, d, why);
	}
	if (!n)
		folio_shortcode_dispose(sc);
	return n;
}

void folio_shortcode_dispose(folio_shortcode *sc)
{
	free(sc->name);
	for (size_t i = 0; i < sc->nargs; i++) {
		free(sc->args[i].key);
		free(sc->args[i].value);
	}
	memset(sc, 0, sizeof(*sc));
}

/* ---- expansion ---- */

static bool find_closing(expander *e, size_t from, const char *name, size_t *start,
                         size_t *end)
{
	if (from >= e->unclosed_from)
		return false;
	size_t depth = 0;
	for (size_t i = from; i + 2 < e->len; i++) {
		if (e->text[i] != '{' || e->text[i + 1] != '{' ||
		    (e->text[i + 2] != '<' && e->text[i + 2] != '%'))
			continue;
		folio_shortcode sc;
		size_t n = folio_shortcode_parse(&sc, e->text + i, e->len - i, NULL);
		if (!n)
			continue;
		/* {{</>}} closes the innermost one: those opened since first */
		bool anonymous = sc.closing && !*sc.name;
		bool hit = sc.closing && (anonymous ? !depth : !strcmp(sc.name, name));
		if (!sc.closing && !sc.self_closed && !sc.comment)
			depth++;
		else if (sc.closing && !hit && depth)
			depth--;
		folio_shortcode_dispose(&sc);
		if (hit) {
			*start = i;
			*end = i + n;
			return true;
		}
		i += n - 1;
	}
	e->unclosed_from = from;
	return false;
}

/* An unknown {{< name >}} opened: its inner lines run to its closing tag,
 * if one comes (bounded: deeper ones than open[] holds are not followed). */
static void open_inner(expander *e, const char *name)
{
	if (e->nopen == sizeof(e->open) / sizeof(*e->open) || strlen(name) >= sizeof(e->open[0].name))
		return;
	snprintf(e->open[e->nopen].name, sizeof(e->open[0].name), "%s", name);
	e->open[e->nopen++].line = e->h->first_line + e->line - 1;
}

/* {{< /name >}}: the inner lines of the innermost open name (of the
 * innermost open one for {{</>}}), recorded; those opened inside it and
 * never closed are dropped. */
static void close_inner(expander *e, const char *name)
{
	size_t i = e->nopen;
	while (i > 0 && *name && strcmp(e->open[i - 1].name, name)) /* "": {{</>}}, the innermost */
		i--;
	if (!i)
		return; /* a stray closing tag */
	folio_shortcode_expansion *x = e->x;
	FOLIO_ARRAY_GROW(x->inner, x->ninner, x->inner_alloc, x->ninner + 1);
	x->inner[x->ninner++] = (folio_shortcode_inner){ folio_xstrdup(e->open[i - 1].name), e->open[i - 1].line,
	                                                 e->h->first_line + e->line - 1 };
	e->nopen = i - 1;
}

/* params: in folio.yaml (name then value), as Hugo's site params: NULL
 * when it has no name. Hugo's keys are case-insensitive. */
static const char *site_param(const folio_params *params, const char *name)
{
	return folio_params_get(params, name, strlen(name), true);
}

/* Hugo's {{< param name >}}: the value the page's front matter or a
 * section's cascade: gives name (page_param), else params: in folio.yaml
 * (Hugo's site params), as text. When none has it, nothing is written and
 * the note is an error, as Hugo stops the build. */
static void expand_param(expander *e, const folio_shortcode *sc, size_t at)
{
	const char *name = folio_shortcode_arg(sc, "name", 0);
	if (!name || !name[0]) {
		folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "param names no parameter", at);
		return;
	}
	char *own = e->h->page_param ? e->h->page_param(e->h->ctx, name) : NULL;
	const char *v = own ? own : site_param(e->h->params, name);
	if (v && sc->markdown) { /* {{% param %}}: Markdown, its line breaks kept, as Hugo reads it */
		folio_shortcode__put_lines(e, v, strlen(v));
	} else if (v) {
		folio_shortcode__put_inline(e, v, strlen(v));
	} else {
		char *why = folio_xasprintf("param \"%s\" is set neither in the page's front matter, nor in "
		                            "a section's cascade:, nor in params: in folio.yaml", name);
		folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, why, at);
		free(why);
	}
	free(own);
}

/* Is name one of Hugo's the site's own templates replace (own_shortcodes:)?
 * A comment's has none. */
static bool own_shortcode(const folio_shortcode_hooks *h, const char *name)
{
	for (size_t i = 0; name && h->own && h->own[i]; i++)
		if (!strcmp(h->own[i], name))
			return true;
	return false;
}

/* A tag commented out (a comment inside its braces) is shown as the tag.
 * The text of the {{% %}} form is Markdown, as Hugo reads it; so is the
 * other's where it is a link's destination, "[a](" just before it: there a
 * placeholder would be percent-encoded into the URL. Both are text then
 * (a destination holding spaces is no link), as Hugo shows them. */
static void expand_comment(expander *e, const folio_shortcode *sc, size_t at)
{
	const char *inner = sc->args[0].value;
	if (sc->markdown || (at >= 2 && e->text[at - 2] == ']' && e->text[at - 1] == '(')) {
		folio_shortcode__put_inline(e, sc->markdown ? "{{%" : "{{<", 3);
		folio_shortcode__put_inline(e, inner, strlen(inner));
		folio_shortcode__put_inline(e, sc->markdown ? "%}}" : ">}}", 3);
		return;
	}
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "{{&lt;");
	folio_buf_put_html(&b, inner, strlen(inner));
	folio_buf_puts(&b, "&gt;}}");
	folio_shortcode__placeholder(e, folio_buf_detach(&b, NULL), false);
}

/* Whether the tag at [at, end) is a link reference definition's whole
 * destination: "[label]:" just before it (spaces between), and no more of
 * the URL after it (tinkerbell.org's "{{< stringparam "v" >}}/crd/x.yaml"
 * keeps a path there: left as it was, that is the URL). */
static bool definition_destination(const expander *e, size_t at, size_t end)
{
	if (end < e->len && !strchr(" \t\r\n", e->text[end]))
		return false;
	while (at && (e->text[at - 1] == ' ' || e->text[at - 1] == '\t'))
		at--;
	return at >= 2 && e->text[at - 1] == ':' && e->text[at - 2] == ']';
}

/* Expands the tag sc at [at, at + n); returns where the text goes on. */
static size_t expand_tag(expander *e, const folio_shortcode *sc, size_t at, size_t n)
{
	size_t end = at + n;
	/* the site's own template of a built-in's name: unknown, as any other */
	const char *name = own_shortcode(e->h, sc->name) ? "" : sc->name;
	if (sc->comment) {
		expand_comment(e, sc, at);
	} else if (sc->closing) {
		/* the end of an unknown paired shortcode, or a stray one: nothing */
		if (!sc->markdown)
			close_inner(e, sc->name);
	} else if (!strcmp(name, "ref") || !strcmp(name, "relref")) {
		const char *target = folio_shortcode_arg(sc, "path", 0);
		const char *path = target && e->h->ref ? e->h->ref(e->h->ctx, target) : NULL;
		if (!target || !target[0])
			folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "ref names no page", at);
		else if (path)
			folio_shortcode__put_inline(e, path, strlen(path));
		else {
			folio_shortcode__put_inline(e, "/", target[0] != '/');
			folio_shortcode__put_inline(e, target, strlen(target));
		}
	} else if (!strcmp(name, "param")) {
		expand_param(e, sc, at);
	} else if (!strcmp(name, "figure")) {
		folio_shortcode__expand_figure(e, sc, at);
	} else if (!strcmp(name, "youtube") || !strcmp(name, "vimeo")) {
		folio_shortcode__expand_video(e, sc, sc->name[0] == 'v', at);
	} else if (!strcmp(name, "highlight")) {
		size_t cstart, cend;
		if (!find_closing(e, end, "highlight", &cstart, &cend)) {
			folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "highlight is not closed", at);
		} else {
			folio_shortcode__put_code_block(e, folio_shortcode_arg(sc, "lang", 0), e->text + end,
			                                cstart - end);
			end = cend;
		}
	} else {
		folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_UNKNOWN, sc->name, at);
		/* "[bp/go]:{{< bp_repo "go" >}}" (paketo.io's references): left
		 * with no destination, the definition would take the next line's
		 * "[bp/dist]:" for its URL, a link to no page; "<>" keeps it a
		 * definition, of an empty URL, as the shortcode is an unknown */
		if (definition_destination(e, at, end))
			folio_shortcode__put_inline(e, "<>", 2);
		if (!sc->markdown && !sc->self_closed)
			open_inner(e, sc->name);
	}
	folio_shortcode__keep_newlines(e, at, end);
	return end;
}

static bool fence_line(const char *s, size_t i, size_t len)
{
	size_t sp = 0;
	while (i < len && s[i] == ' ' && sp < 3) {
		i++;
		sp++;
	}
	if (!(i + 3 <= len && (s[i] == '`' || s[i] == '~') && s[i + 1] == s[i] && s[i + 2] == s[i]))
		return false;
	if (s[i] == '~')
		return true;
	/* a backtick fence's line holds no other backtick: "```$ git x```" is
	 * code in a paragraph (CommonMark), and the tags after it are read */
	while (i < len && s[i] == '`')
		i++;
	while (i < len && s[i] != '\n' && s[i] != '`')
		i++;
	return i >= len || s[i] != '`';
}

/* Is "\\c" a backslash and c to kramdown? CommonMark escapes any ASCII
 * punctuation; kramdown's GFM parser (Jekyll's) only
 * \\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = - ~, so "60 minutes\\, c'est"
 * keeps its backslash in Jekyll's page. */
static bool kramdown_literal(char c)
{
	return c && strchr("%&,/;?@^", c);
}

/* One pass for "{{" or "{%" (and, kramdown: true, "{::" and "{:/"): two
 * memmem calls were 4% of a check at 10k pages. */
static bool has_tags(const char *text, size_t len, bool kramdown, bool kramdown_text)
{
	const char *end = text + len;
	for (const char *s = memchr(text, '{', len); s && s + 1 < end;
	     s = memchr(s + 1, '{', (size_t)(end - s - 1)))
		if (s[1] == '{' || s[1] == '%' || (kramdown && s[1] == ':' && s + 2 < end && (s[2] == ':' || s[2] == '/')))
			return true;
	if (!kramdown_text)
		return false;
	/* an HTML block's markdown="1", kramdown's "\\" line break */
	if (memmem(text, len, "markdown", 8) || memmem(text, len, "\\\\\n", 3) || memmem(text, len, "\\\\\r\n", 4))
		return true;
	/* an HTML block's end tag, Markdown right after, or a blank line
	 * before it, which kramdown keeps in the block: one indented too
	 * ("  </table>") */
	for (const char *s = memchr(text, '\n', len); s; s = memchr(s + 1, '\n', (size_t)(end - s - 1))) {
		const char *p = s + 1;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && p[0] == '<' && p[1] == '/')
			return true;
		if (p >= end)
			break;
	}
	for (const char *s = memchr(text, '\\', len); s && s + 1 < end; s = memchr(s + 1, '\\', (size_t)(end - s - 1)))
		if (kramdown_literal(s[1]))
			return true;
	return false;
}

static void expand_text(expander *e);

/* Is line (n bytes, without its newline) the opening tag of a block
 * element, alone, with markdown="1" or "block", whose content kramdown
 * reads as Markdown from the next line on? CommonMark's HTML block (its
 * block names, as cmark's list) would run on to the next blank line. */
static bool markdown_block_line(const char *line, size_t n)
{
	static const char *const names[] = {
		"address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt",
		"fieldset", "figcaption", "figure", "footer", "form", "header", "li", "main", "nav", "ol",
		"section", "summary", "table", "td", "th", "ul",
	};
	size_t i = 0;
	while (i < n && i < 3 && line[i] == ' ')
		i++;
	while (n > i && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
		n--;
	if (n - i < 3 || line[i] != '<' || line[n - 1] != '>' || line[n - 2] == '/')
		return false;
	size_t a = i + 1, len = 0;
	while (a + len < n && isalnum((unsigned char)line[a + len]))
		len++;
	bool block = false;
	for (size_t k = 0; k < sizeof(names) / sizeof(*names) && !block; k++)
		block = strlen(names[k]) == len && !strncasecmp(names[k], line + a, len);
	if (!block || memchr(line + a, '>', n - 1 - a) || memchr(line + a, '<', n - 1 - a))
		return false; /* one tag alone on its line */
	for (const char *p = line + a + len; (p = memmem(p, (size_t)(line + n - p), "markdown", 8)) != NULL; p += 8) {
		if (!strchr(" \t", p[-1]))
			continue;
		const char *v = p + 8;
		while (v < line + n && (*v == ' ' || *v == '=' || *v == '"' || *v == '\''))
			v++;
		if (*v == '1' || (line + n - v >= 5 && !strncmp(v, "block", 5)))
			return true;
	}
	return false;
}

/* Does line (n bytes, without its newline) open an HTML block of
 * CommonMark's sixth kind, a block tag's name after '<' or '</' (cmark's
 * list, and pre, script, style, textarea), which runs to the next blank
 * line? kramdown leaves such raw HTML as written, "\\" included. */
static bool html_block_line(const char *line, size_t n)
{
	static const char *const names[] = {
		"address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
		"col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
		"figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
		"h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
		"menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "pre", "script",
		"section", "source", "style", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
		"thead", "title", "tr", "track", "ul",
	};
	size_t i = 0;
	while (i < n && i < 3 && line[i] == ' ')
		i++;
	if (i >= n || line[i] != '<')
		return false;
	i += i + 1 < n && line[i + 1] == '/' ? 2 : 1;
	size_t len = 0;
	while (i + len < n && isalnum((unsigned char)line[i + len]))
		len++;
	char after = i + len < n ? line[i + len] : '\0';
	if (after && !strchr(" \t\r>/", after))
		return false;
	for (size_t k = 0; k < sizeof(names) / sizeof(*names); k++)
		if (strlen(names[k]) == len && !strncasecmp(names[k], line + i, len))
			return true;
	return false;
}

/* Is line (n bytes) blank: spaces, tabs, a carriage return at most? */
static bool blank_line(const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(" \t\r", line[i]))
			return false;
	return true;
}

/* kramdown's forced line break: two backslashes right before a line's
 * end, on a line that is no indented code, and no third before them;
 * CommonMark's is one backslash there (raw HTML is not told apart). Returns the bytes to skip
 * (the first backslash), 0 when text[i] is no such break. */
static size_t kramdown_break(const expander *e, size_t i)
{
	const char *t = e->text;
	size_t j = i + 2;
	if (i + 1 >= e->len || t[i + 1] != '\\' || (i > e->line_start && t[i - 1] == '\\'))
		return 0;
	while (j < e->len && t[j] == '\r')
		j++;
	if (j >= e->len || t[j] != '\n' || t[e->line_start] == '\t' ||
	    (i - e->line_start >= 4 && !memcmp(t + e->line_start, "    ", 4)))
		return 0;
	return 1;
}

/* Is the line being read indented code's, by its first bytes (a tab,
 * four spaces), as kramdown_break tells it? */
static bool indented(const expander *e)
{
	const char *t = e->text + e->line_start;
	size_t n = e->len - e->line_start;
	return (n && t[0] == '\t') || (n >= 4 && !memcmp(t, "    ", 4));
}

/* Code spans of more backticks than this are read as text here: no one
 * writes them, and each length of run without a closing one is a look to
 * the paragraph's end (a paragraph of runs of 1, 2, 3... backticks made
 * that quadratic in its length; a second run of one length cannot stand
 * where such a look found none). */
#define VERBATIM_RUNS 32

/* Where a '<' finds no '>' on its line: one before no_tag_end finds none
 * either. A pusher's line of "<a<a<a..." made each '<' read to the line's
 * end again, quadratic in its length. */
typedef struct {
	size_t no_tag_end;
} verbatim_memo;

/* Where the code span, inline tag (an autolink too) or link address
 * opening at t[i] ends; i + 1 when none opens there. CommonMark reads no
 * escape in the first two, so a backslash there is left to it. A span's
 * closing run (as many backticks) is looked for up to the paragraph's
 * blank line. */
static size_t verbatim_end(const char *t, size_t len, size_t i, verbatim_memo *memo)
{
	if (t[i] == ']' || t[i] == '[') {
		/* a link's destination, "](", to its ')', and a reference
		 * definition's line, "[r]: url" (the line's first bytes): an
		 * address, kept as CommonMark reads it rather than with a
		 * backslash a browser takes for '/' */
		size_t j = i + 1, b = i;
		if (t[i] == '[') {
			while (b && t[b - 1] == ' ')
				b--;
			if ((b && t[b - 1] != '\n') || i - b > 3)
				return i + 1;
			while (j < len && t[j] != '\n' && t[j] != ']')
				j++;
			if (j + 1 >= len || t[j] != ']' || t[j + 1] != ':')
				return i + 1;
		} else if (j >= len || t[j] != '(') {
			return i + 1;
		}
		while (j < len && t[j] != '\n' && t[j] != (t[i] == ']' ? ')' : '\n'))
			j++;
		return j;
	}
	if (t[i] == '<') {
		if (i + 1 >= len || !(isalpha((unsigned char)t[i + 1]) || t[i + 1] == '/' || t[i + 1] == '!') ||
		    i < memo->no_tag_end)
			return i + 1;
		size_t j = i + 1;
		for (; j < len && t[j] != '\n'; j++)
			if (t[j] == '>')
				return j + 1;
		memo->no_tag_end = j;
		return i + 1;
	}
	size_t run = 0;
	while (i + run < len && t[i + run] == '`')
		run++;
	if (run > VERBATIM_RUNS)
		return i + run;
	for (size_t j = i + run; j < len;) {
		if (t[j] == '\n') {
			const char *nl = memchr(t + j + 1, '\n', len - j - 1);
			size_t n = nl ? (size_t)(nl - (t + j + 1)) : len - j - 1;
			if (blank_line(t + j + 1, n))
				break; /* no closing run: the backticks are text */
			j++;
			continue;
		}
		if (t[j] != '`') {
			j++;
			continue;
		}
		size_t k = 0;
		while (j + k < len && t[j + k] == '`')
			k++;
		if (k == run)
			return j + k;
		j += k;
	}
	return i + run;
}

/* The name of the tag a line of an HTML block opens with ('<div' or
 * '</div'), at *name, its length returned (0 when none: the block is
 * HTML of another kind, which no close below ends). */
static size_t html_block_name(const char *line, size_t n, const char **name)
{
	size_t i = 0;
	while (i < n && i < 3 && line[i] == ' ')
		i++;
	if (i < n && line[i] == '<')
		i += i + 1 < n && line[i + 1] == '/' ? 2 : 1;
	size_t len = 0;
	while (i + len < n && isalnum((unsigned char)line[i + len]))
		len++;
	*name = line + i;
	return len < 16 ? len : 0;
}

/* How many elements of that name the line opens, less those it closes:
 * kramdown's raw HTML block ends where its first element does, an
 * element of the same name inside counted so that its end tag is not
 * taken for the outer one's. One look at each '<'. */
static int html_balance(const char *line, size_t n, const char *name, size_t len)
{
	int d = 0;
	const char *end = line + n;
	for (const char *p = memchr(line, '<', n); p; p = memchr(p + 1, '<', (size_t)(end - p - 1))) {
		bool close = p + 1 < end && p[1] == '/';
		const char *s = p + 1 + close;
		if ((size_t)(end - s) >= len && !strncasecmp(s, name, len) &&
		    (s + len == end || !isalnum((unsigned char)s[len])))
			d += close ? -1 : 1;
		if (p + 1 >= end)
			break;
	}
	return d;
}

/* Is line (n bytes) an end tag alone at its start ("</div>", spaces
 * after)? */
static bool end_tag_line(const char *line, size_t n)
{
	while (n && strchr(" \t\r", line[n - 1]))
		n--;
	if (n < 4 || line[0] != '<' || line[1] != '/' || line[n - 1] != '>')
		return false;
	for (size_t i = 2; i + 1 < n; i++)
		if (!isalnum((unsigned char)line[i]))
			return false;
	return true;
}

/* The line ending at i (its newline) is the end tag that closes the
 * element its raw HTML block opened (or one opened before, as a
 * markdown="1" block's "</div>"): kramdown reads the next line as
 * Markdown again ("</div>" then "# Titre" is a heading), where
 * CommonMark's HTML block runs on to the next blank line and shows it
 * as written. A blank line written after it, as for markdown="1"; a next
 * line indented is left alone (it would read as code). Returns whether
 * it wrote one. */
static bool blank_after_html_end(expander *e, size_t i)
{
	const char *line = e->text + e->line_start, *next = e->text + i + 1, *end = e->text + e->len;
	if (!end_tag_line(line, i - e->line_start) || next >= end || *next == ' ' || *next == '\t')
		return false;
	const char *p = next;
	while (p < end && *p == '\r')
		p++;
	if (p >= end || *p == '\n')
		return false;
	size_t from = e->out.size;
	folio_buf_putc(&e->out, '\n');
	folio_shortcode__record_lines(e, from);
	return true;
}

/* The line ending at i (its newline) opens a markdown="1" block and the
 * next is not blank: a blank line written after it, which stands for the
 * tag's line in findings (folio_shortcode__record_lines). */
static void blank_after_markdown_block(expander *e, size_t i)
{
	const char *next = e->text + i + 1, *end = e->text + e->len;
	while (next < end && (*next == ' ' || *next == '\t' || *next == '\r'))
		next++;
	if (next >= end || *next == '\n' ||
	    !markdown_block_line(e->text + e->line_start, i - e->line_start))
		return;
	size_t from = e->out.size;
	folio_buf_putc(&e->out, '\n');
	folio_shortcode__record_lines(e, from);
}

static void include_note(expander *e, size_t at, const char *name, const char *why)
{
	char *subject = folio_xasprintf("\"%s\" %s", name, why);
	folio_shortcode__note(e, FOLIO_MD_NOTE_LIQUID_INCLUDE, subject, at);
	free(subject);
}

/*
 * Jekyll's {% include name params %}: the text of _includes/name (of
 * name from the page's folder for {% include_relative %}) written
 * in place of the tag, expanded as the page's (its links, comments,
 * {{ site.x }}, nested includes), {{ include.k }} the value given. An
 * include folio cannot run as Jekyll does (a file it has not, Liquid
 * logic in it, a variable's value, itself again, past the depth or the
 * budget) is nothing, with a note at the tag.
 */
static void expand_include(expander *e, const liquid_tag *t, size_t at, bool relative)
{
	char name[256], *kv[2 * FOLIO_SHORTCODE_INCLUDE_PARAMS + 1] = { NULL };
	const char *why = NULL;
	/* a name made by Liquid output, as a site built once per language
	 * writes it ({{ site.language | append: "/" | append: page.name }}),
	 * is read when folio has its values */
	size_t n = folio_shortcode__include_name(e, t->args, t->args_len, name, sizeof(name)), nlen = n ? strlen(name) : 0;
	if (!n || !nlen) {
		n = 0;
		while (n < t->args_len && !folio_shortcode__space(t->args[n]))
			n++;
		snprintf(name, sizeof(name), "%.*s", (int)(n < sizeof(name) ? n : sizeof(name) - 1), t->args);
		nlen = n;
	}
	unsigned depth = e->inc ? e->inc->depth + 1 : 1;
	if (!nlen || nlen >= sizeof(name))
		why = "names no file folio can read";
	else if (memchr(name, '{', nlen) || memchr(name, '}', nlen))
		why = "names its file with Liquid, which folio does not run";
	else
		why = folio_shortcode__include_params(kv, t->args + n, t->args_len - n);
	if (!why && depth > FOLIO_SHORTCODE_INCLUDE_DEPTH)
		why = "is nested deeper than 8 includes";
	if (!why && *e->nincluded >= FOLIO_SHORTCODE_INCLUDES_MAX)
		why = "is past the 1,000 includes one page may expand";
	bool again = false;
	for (const folio_shortcode_include *p = e->inc; p && !why && !again; p = p->parent)
		again = !strcmp(p->name, name);
	if (again) {
		/* Jekyll's would never end: nothing of the includes around it
		 * either, said once, at the page's tag (the name goes up) */
		snprintf(e->refused_buf, sizeof(e->refused_buf), "%s", name);
		e->refused = e->refused_buf;
		e->recursed = true;
		for (size_t k = 0; kv[k]; k++)
			free(kv[k]);
		return;
	}
	size_t len = 0;
	if (!why)
		(*e->nincluded)++; /* a file asked, read or not */
	char *asked = folio_xasprintf("%s%s", relative ? "./" : "", name); /* "./": from the page's folder */
	char *text = why ? NULL : e->h->include(e->h->ctx, asked, &len, &why);
	free(asked);
	if (text && (*e->included > e->h->include_max || len > e->h->include_max - *e->included)) {
		folio_shortcode__note(e, FOLIO_MD_NOTE_INCLUDE_BUDGET, name, at);
	} else if (text) {
		/* an expander of its own, writing into this one's out */
		folio_shortcode_include inc = { name, (const char *const *)kv, e->inc, depth };
		size_t out0 = e->out.size, nhtml0 = e->x->nhtml;
		expander s = *e;
		s.text = text;
		s.len = len;
		s.line = 1;
		s.line_start = 0;
		s.unclosed_from = SIZE_MAX;
		s.liquid_unclosed_from = SIZE_MAX;
		s.nopen = 0;
		s.inc = &inc;
		s.refused = NULL;
		s.recursed = false;
		if (!e->inc)
			folio_shortcode__position(e, at, &s.inc_line, &s.inc_col);
		*e->included += len;
		expand_text(&s);
		e->out = s.out;
		e->block = s.block;
		e->block_alloc = s.block_alloc;
		e->notes = s.notes;
		if (s.refused) { /* nothing of it, as before */
			folio_buf_truncate(&e->out, out0);
			for (size_t k = nhtml0; k < e->x->nhtml; k++)
				free(e->x->html[k]);
			e->x->nhtml = nhtml0;
			if (s.recursed && e->inc) {
				snprintf(e->refused_buf, sizeof(e->refused_buf), "%s", s.refused);
				e->refused = e->refused_buf;
				e->recursed = true;
			} else if (s.recursed) {
				char *w = strcmp(s.refused, name)
				                  ? folio_xasprintf("includes \"%s\", which includes itself", s.refused)
				                  : folio_xstrdup("includes itself");
				include_note(e, at, name, w);
				free(w);
			} else {
				include_note(e, at, name, s.refused);
			}
		} else {
			folio_shortcode__record_lines(e, out0);
		}
	} else {
		include_note(e, at, name, why);
	}
	free(text);
	for (size_t k = 0; kv[k]; k++)
		free(kv[k]);
}

/* The whole of e's text into e->out: the page's, or an included file's. */
/*
 * Liquid's whitespace control of an output tag: {{- x }} takes away the
 * blanks written before the tag, {{ x -}} those after it ("Lyon {{
 * site.cp -}} ." is "Lyon 69007."). Liquid takes line breaks away too;
 * folio takes spaces and tabs only, as a text's lines are what its
 * findings point at (a line joined would move every line after it).
 */
static void liquid_trim_before(expander *e)
{
	/* not below what put_lines() counted already */
	while (e->out.size > e->out_counted &&
	       (e->out.ptr[e->out.size - 1] == ' ' || e->out.ptr[e->out.size - 1] == '\t'))
		folio_buf_truncate(&e->out, e->out.size - 1);
}

/* Past the tag of n bytes at i, and past the blanks after it when it
 * ends in "-}}". */
static size_t liquid_trim_after(const char *text, size_t len, size_t i, size_t n)
{
	bool trim = n >= 5 && text[i + n - 3] == '-';
	i += n;
	while (trim && i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	return i;
}

static void expand_text(expander *e)
{
	const char *text = e->text;
	size_t len = e->len;
	const folio_shortcode_hooks *hooks = e->h;
	bool in_fence = false, in_raw = false, in_html = false;
	const char *html_name = NULL; /* the raw HTML block's first tag, */
	size_t html_len = 0;
	int html_depth = 0; /* how many of its name are open */
	size_t verbatim = 0; /* a code span or an inline tag runs to here */
	size_t blank_token = SIZE_MAX; /* the placeholder of nothing a blank line in HTML holds */
	verbatim_memo memo = { 0 };
	for (size_t i = 0; i < len && !e->refused;) { /* a refused include is nothing: no more of it */
		char c = text[i];
		if (i == e->line_start && fence_line(text, i, len))
			in_fence = !in_fence;
		if (i == e->line_start && hooks->kramdown_text && !in_fence) {
			/* raw HTML lines, which kramdown leaves as written: to the
			 * next blank line, but a markdown="1" tag's, read as Markdown */
			const char *nl = memchr(text + i, '\n', len - i);
			size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
			if (blank_line(text + i, n) && in_html && html_len && html_depth > 0) {
				/* kramdown's raw HTML runs to the end tag of its first
				 * element, blank lines and all (a table's rows pasted
				 * with blank lines between, indented: CommonMark ended
				 * the block there and showed the rest as code): a
				 * placeholder of nothing makes the line no blank one */
				if (blank_token == SIZE_MAX) {
					blank_token = e->x->nhtml;
					folio_shortcode__placeholder(e, folio_xstrdup(""), false);
				} else {
					folio_buf_printf(&e->out, TOKEN_OPEN "%zu" TOKEN_CLOSE, blank_token);
				}
			} else if (blank_line(text + i, n))
				in_html = false;
			else if (!in_html && html_block_line(text + i, n) && !markdown_block_line(text + i, n)) {
				in_html = true;
				html_len = html_block_name(text + i, n, &html_name);
				html_depth = 0;
			}
			if (in_html && html_len)
				html_depth += html_balance(text + i, n, html_name, html_len);
		}
		if (c == '{' && i == e->line_start && !in_fence && !in_raw) {
			size_t n = folio_shortcode__kramdown_extension(e, text + i, len - i, i);
			if (n) { /* kramdown's {::nomarkdown} and such: never shown */
				folio_shortcode__keep_newlines(e, i, i + n);
				i += n;
				continue;
			}
		}
		if (c == '{' && i + 2 < len && text[i + 1] == '{' && (text[i + 2] == '<' || text[i + 2] == '%') &&
		    !in_raw) {
			folio_shortcode sc;
			const char *why = NULL;
			size_t n = folio_shortcode_parse(&sc, text + i, len - i, &why);
			if (n) {
				i = expand_tag(e, &sc, i, n);
				folio_shortcode_dispose(&sc);
				continue;
			}
			folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, why, i);
		} else if (c == '{' && i + 1 < len && text[i + 1] == '{' && !in_fence && !in_raw) {
			const char *val;
			bool slash;
			size_t vlen, n = folio_shortcode__liquid_include_param(e, text + i, len - i);
			if (n) {
				i += n;
				continue;
			}
			n = folio_shortcode__liquid_output(text + i, len - i, hooks->params, &val, &vlen, &slash);
			if (n) {
				if (text[i + 2] == '-') /* {{- : the blanks before it go */
					liquid_trim_before(e);
				if (slash)
					folio_shortcode__put_inline(e, "/", 1);
				folio_shortcode__put_inline(e, val, vlen);
				folio_shortcode__keep_newlines(e, i, i + n);
				i = liquid_trim_after(text, len, i, n);
				continue;
			}
			n = folio_shortcode__liquid_captured(e, text + i, len - i);
			if (n) { /* its text stands where it was captured; its lines stay ("{{\n x }}") */
				folio_shortcode__keep_newlines(e, i, i + n);
				i += n;
				continue;
			}
			n = folio_shortcode__liquid_page(e, text + i, len - i, i);
			if (n) {
				folio_shortcode__keep_newlines(e, i, i + n);
				i += n;
				continue;
			}
		} else if (c == '{' && i + 1 < len && text[i + 1] == '%' && !in_fence) {
			liquid_tag t;
			bool tag = folio_shortcode__liquid_parse(&t, text + i, len - i);
			bool relative = tag && !strcmp(t.name, "include_relative");
			if (tag && !in_raw && hooks->include && (relative || !strcmp(t.name, "include"))) {
				expand_include(e, &t, i, relative); /* here: it expands a text as this loop does */
				folio_shortcode__keep_newlines(e, i, i + t.len);
				i += t.len;
				continue;
			}
			if (tag && (!in_raw || !strcmp(t.name, "endraw"))) {
				i = folio_shortcode__expand_liquid(e, &t, i, &in_raw);
				continue;
			}
		} else if (c == '\\' && hooks->kramdown_text && !in_fence && !in_raw && !in_html && kramdown_break(e, i)) {
			i++; /* "\\" then the newline: CommonMark's "\" break */
			continue;
		} else if (c == '\\' && hooks->kramdown_text && !in_fence && !in_raw && !in_html && i >= verbatim &&
		           i + 1 < len && (text[i + 1] == '\\' || kramdown_literal(text[i + 1])) && !indented(e)) {
			/* an escaped backslash as it is; one kramdown shows with what
			 * follows it doubled, so that CommonMark shows it too */
			if (text[i + 1] != '\\')
				folio_buf_putc(&e->out, '\\');
			folio_buf_putc(&e->out, '\\');
			folio_buf_putc(&e->out, text[i + 1]);
			i += 2;
			continue;
		} else if ((c == '`' || c == '<' || c == '[' || c == ']') && hooks->kramdown_text && !in_fence &&
		           i >= verbatim) {
			verbatim = verbatim_end(text, len, i, &memo);
		} else if (c == '\n') {
			if (hooks->kramdown_text && !in_fence && !in_raw) /* kramdown's markdown="1" */
				blank_after_markdown_block(e, i);
			if (hooks->kramdown_text && !in_fence && !in_raw && in_html && html_len && html_depth <= 0 &&
			    blank_after_html_end(e, i))
				in_html = false;
			e->line++;
			e->line_start = i + 1;
		} else if (c == TOKEN_OPEN[0] && i + TOKEN_LEN <= len && !memcmp(text + i, TOKEN_OPEN, TOKEN_LEN)) {
			folio_buf_puts(&e->out, "\xEF\xBF\xBD"); /* U+FFFD: no placeholder but ours */
			i += TOKEN_LEN;
			continue;
		}
		folio_buf_putc(&e->out, c);
		i++;
	}
}

void folio_shortcodes_expand(folio_shortcode_expansion *out, const char *text, size_t len,
                             const folio_shortcode_hooks *hooks)
{
	memset(out, 0, sizeof(*out));
	if (!text || !has_tags(text, len, hooks->liquid_page, hooks->kramdown_text))
		return;
	size_t included = 0, nincluded = 0;
	expander e = { out, hooks, text, len, FOLIO_BUF_INIT, NULL, 0, 1, 0, SIZE_MAX, SIZE_MAX, 0, { { "", 0 } }, 0,
	               { "" }, 0, 0, 0, NULL, 0, 0, &included, &nincluded, NULL, "", false };
	expand_text(&e);
	out->text = folio_buf_detach(&e.out, &out->len);
	for (size_t i = 0; i < out->nhtml; i++)
		if (e.block[i]) { /* mark block HTML with a leading '\1' (never in our HTML) */
			char *b = folio_xasprintf("\1%s", out->html[i]);
			free(out->html[i]);
			out->html[i] = b;
		}
	free(e.block);
}

/* Index of the placeholder at s, its length in *n; -1 when none. */
static long token_at(const char *s, size_t len, size_t *n)
{
	if (len < 2 * TOKEN_LEN + 1 || memcmp(s, TOKEN_OPEN, TOKEN_LEN))
		return -1;
	size_t i = TOKEN_LEN;
	long v = 0;
	while (i < len && i - TOKEN_LEN < TOKEN_DIGITS_MAX && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (i == TOKEN_LEN || i + TOKEN_LEN > len || memcmp(s + i, TOKEN_CLOSE, TOKEN_LEN))
		return -1;
	*n = i + TOKEN_LEN;
	return v;
}

void folio_shortcodes_apply(folio_buf *out, const char *html, size_t len,
                            const folio_shortcode_expansion *x)
{
	size_t i = 0;
	while (i < len) {
		const char *hit = memmem(html + i, len - i, TOKEN_OPEN, TOKEN_LEN);
		size_t at = hit ? (size_t)(hit - html) : len;
		folio_buf_put(out, html + i, at - i);
		if (!hit)
			break;
		size_t n = 0;
		long idx = token_at(hit, len - at, &n);
		if (idx < 0 || (size_t)idx >= x->nhtml) {
			folio_buf_put(out, hit, TOKEN_LEN);
			i = at + TOKEN_LEN;
			continue;
		}
		const char *h = x->html[idx];
		i = at + n;
		if (h[0] == '\1') {
			h++;
			/* alone in its paragraph: the block replaces it */
			if (out->size >= 3 && !memcmp(out->ptr + out->size - 3, "<p>", 3) &&
			    len - i >= 4 && !memcmp(html + i, "</p>", 4)) {
				folio_buf_truncate(out, out->size - 3);
				i += 4;
			}
		}
		folio_buf_puts(out, h);
	}
}

void folio_shortcodes_strip(char *s)
{
	char *w = s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		size_t n;
		if (s[i] == TOKEN_OPEN[0] && token_at(s + i, len - i, &n) >= 0) {
			i += n;
			if (w > s && w[-1] == ' ' && i < len && s[i] == ' ')
				i++; /* "a <token> b" reads "a b" */
			continue;
		}
		*w++ = s[i++];
	}
	*w = '\0';
	/* nothing but a placeholder: no text, and no trailing space */
	while (w > s && w[-1] == ' ')
		*--w = '\0';
}

unsigned folio_shortcodes_file_line(const folio_shortcode_expansion *x, unsigned line)
{
	if (!x || !x->nadded || line <= x->added_at[0])
		return line;
	/* the last record after a line before this one (their lines are in
	 * order and do not overlap) */
	size_t lo = 0, hi = x->nadded;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->added_at[mid] < line)
			lo = mid;
		else
			hi = mid;
	}
	if (line <= x->added_at[lo] + x->added_n[lo])
		return x->added_at[lo] - x->added_before[lo];
	return line - x->added_before[lo] - x->added_n[lo];
}

void folio_shortcodes_dispose(folio_shortcode_expansion *x)
{
	free(x->text);
	for (size_t i = 0; i < x->nhtml; i++)
		free(x->html[i]);
	free(x->html);
	for (size_t i = 0; i < x->ninner; i++)
		free(x->inner[i].name);
	free(x->inner);
	free(x->added_at);
	free(x->added_n);
	free(x->added_before);
	memset(x, 0, sizeof(*x));
}
