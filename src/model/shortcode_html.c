/*
 * The HTML Hugo's built-in shortcodes give (shortcode.c expands them):
 * figure (its src and link are links of the page, its caption Markdown),
 * youtube and vimeo (privacy-enhanced embeds), highlight (a code block);
 * and the expander's helpers (notes, placeholders, folio_shortcode_arg).
 */
#include "model/shortcode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/shortcode_expand.h"
#include "util/alloc.h"
#include "model/html_filter.h"
#include "util/banned.h"

/* ---- the expander's helpers ----
 * Shared by shortcode.c and shortcode_liquid.c: they live here, below both,
 * so the pass over the text calls this file and this file never calls back. */

/* Findings per page: a text of thousands of broken tags says so a few times. */
#define NOTES_MAX 100

bool folio_shortcode__space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool folio_shortcode__name_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == '/';
}

const char *folio_shortcode_arg(const folio_shortcode *sc, const char *key, size_t pos)
{
	size_t seen = 0;
	for (size_t i = 0; i < sc->nargs; i++) {
		if (sc->args[i].key ? key && !strcmp(sc->args[i].key, key) : seen++ == pos)
			return sc->args[i].value;
	}
	return NULL;
}

void folio_shortcode__position(const expander *e, size_t at, unsigned *line, unsigned *col)
{
	if (e->inc) {
		*line = e->inc_line;
		*col = e->inc_col;
		return;
	}
	*col = 1;
	for (size_t i = e->line_start; i < at; i++)
		if (((unsigned char)e->text[i] & 0xC0) != 0x80)
			(*col)++;
	*line = e->h->first_line + e->line - 1;
}

void folio_shortcode__note(expander *e, folio_markdown_note_kind kind, const char *subject,
                           size_t at)
{
	/* in an included file, Liquid folio does not run refuses the whole
	 * include (the first such is said, by its includer) */
	if (e->inc && (kind == FOLIO_MD_NOTE_LIQUID_TAG || kind == FOLIO_MD_NOTE_LIQUID_OUTPUT)) {
		if (!e->refused) {
			snprintf(e->refused_buf, sizeof(e->refused_buf), "holds %s%s%s, which folio does not run",
			         kind == FOLIO_MD_NOTE_LIQUID_TAG ? "{% " : "{{ ", subject,
			         kind == FOLIO_MD_NOTE_LIQUID_TAG ? " %}" : " }}");
			e->refused = e->refused_buf;
		}
		return;
	}
	if (!e->h->note || e->notes++ >= NOTES_MAX)
		return;
	unsigned line, col;
	folio_shortcode__position(e, at, &line, &col);
	e->h->note(e->h->ctx, kind, subject, line, col);
}

/* The newlines of text[from, to), so the lines after keep their numbers. */
void folio_shortcode__keep_newlines(expander *e, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (e->text[i] == '\n') {
			folio_buf_putc(&e->out, '\n');
			e->line++;
			e->line_start = i + 1;
		}
}

/* Text written in place of a tag, without its line breaks: keep_newlines
 * writes those, once. */
void folio_shortcode__put_inline(expander *e, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i + TOKEN_LEN <= n && !memcmp(s + i, TOKEN_OPEN, TOKEN_LEN)) {
			/* a value (params:, a page's front matter) holds no placeholder
			 * but ours either, as the text does (shortcode.c) */
			folio_buf_puts(&e->out, "\xEF\xBF\xBD");
			i += TOKEN_LEN - 1;
		} else if (s[i] != '\n' && s[i] != '\r') {
			folio_buf_putc(&e->out, s[i]);
		}
	}
}

void folio_shortcode__record_lines(expander *e, size_t from)
{
	if (e->inc)
		return; /* the page's expander records the whole include's */
	/* the line of out the value starts on: counted from where the last
	 * value's count stopped, so many values cost one pass over out */
	for (size_t k = e->out_counted; k < from; k++)
		e->out_lines += e->out.ptr[k] == '\n';
	e->out_counted = from;
	unsigned at = e->out_lines + 1, added = 0;
	for (size_t k = from; k < e->out.size; k++)
		added += e->out.ptr[k] == '\n';
	folio_shortcode_expansion *x = e->x;
	if (!added)
		return;
	FOLIO_ARRAY_GROW(x->added_at, x->nadded, x->added_alloc, x->nadded + 1);
	x->added_n = folio_xrealloc(x->added_n, x->added_alloc * sizeof(*x->added_n)); /* as long */
	x->added_before = folio_xrealloc(x->added_before, x->added_alloc * sizeof(*x->added_before));
	x->added_before[x->nadded] = x->nadded ? x->added_before[x->nadded - 1] + x->added_n[x->nadded - 1] : 0;
	x->added_at[x->nadded] = at;
	x->added_n[x->nadded++] = added;
}

void folio_shortcode__put_lines(expander *e, const char *s, size_t n)
{
	size_t from = e->out.size;
	for (size_t i = 0; i < n; i++) {
		if (i + TOKEN_LEN <= n && !memcmp(s + i, TOKEN_OPEN, TOKEN_LEN)) {
			folio_buf_puts(&e->out, "\xEF\xBF\xBD"); /* as put_inline */
			i += TOKEN_LEN - 1;
		} else if (s[i] != '\r') {
			folio_buf_putc(&e->out, s[i]);
		}
	}
	folio_shortcode__record_lines(e, from);
}

void folio_shortcode__placeholder(expander *e, char *html, bool block)
{
	folio_shortcode_expansion *x = e->x;
	FOLIO_ARRAY_GROW(x->html, x->nhtml, x->alloc, x->nhtml + 1);
	FOLIO_ARRAY_GROW(e->block, x->nhtml, e->block_alloc, x->nhtml + 1);
	e->block[x->nhtml] = block;
	x->html[x->nhtml] = html;
	folio_buf_printf(&e->out, TOKEN_OPEN "%zu" TOKEN_CLOSE, x->nhtml++);
}


static const char *link_of(expander *e, const char *target, bool is_image, size_t at)
{
	if (!e->h->link)
		return target;
	unsigned line, col;
	folio_shortcode__position(e, at, &line, &col);
	const char *url = e->h->link(e->h->ctx, target, is_image, line, col);
	return url ? url : target;
}

/* A URL in an attribute: bytes no URL may hold percent-encoded (as cmark
 * does for Markdown links), then HTML-escaped. */
static void put_url_attr(folio_buf *b, const char *name, const char *value)
{
	static const char safe[] = "-_.!~*'();/?:@&=+$,%#[]";
	folio_buf u = FOLIO_BUF_INIT;
	if (folio_html_url_runs_script(value, strlen(value), !strcmp(name, "src")))
		value = ""; /* whatever a finding's rule says: no script is written */
	for (const unsigned char *c = (const unsigned char *)value; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    strchr(safe, *c))
			folio_buf_putc(&u, (char)*c);
		else
			folio_buf_printf(&u, "%%%02X", *c);
	}
	folio_buf_printf(b, " %s=\"", name);
	folio_buf_put_html(b, u.ptr ? u.ptr : "", u.size);
	folio_buf_putc(b, '"');
	folio_buf_dispose(&u);
}

static void put_attr(folio_buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	folio_buf_printf(b, " %s=\"", name);
	folio_buf_put_html(b, value, strlen(value));
	folio_buf_putc(b, '"');
}

/* With figure_src: root, a relative address ("images/a.png") as the site's
 * own figure shortcode writes it through relURL: "/images/a.png"; else
 * NULL (as written). Caller frees. */
static char *from_root(const expander *e, const char *target)
{
	if (!e->h->figure_from_root || !target || !target[0] || strchr("/#?", target[0]) ||
	    (strchr(target, ':') && strchr(target, ':') < target + strcspn(target, "/?#")))
		return NULL;
	return folio_xasprintf("/%s", target);
}

/* Hugo's figure: <figure><a><img></a><figcaption><h4>title</h4><p>caption</p></figcaption></figure>. */
void folio_shortcode__expand_figure(expander *e, const folio_shortcode *sc, size_t at)
{
	const char *given = folio_shortcode_arg(sc, "src", SIZE_MAX);
	if (!given || !given[0]) {
		folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID, "figure has no src", at);
		return;
	}
	/* the Academic theme's figure: library="1" names static/img/<src> */
	const char *library = e->h->figure_library ? folio_shortcode_arg(sc, "library", SIZE_MAX) : NULL;
	char *in_library = library && library[0] && strcmp(library, "false") && strcmp(library, "0") &&
	                                   !strchr("/#?", given[0]) && !strstr(given, "://")
	                           ? folio_xasprintf("img/%s", given)
	                           : NULL;
	if (in_library)
		given = in_library;
	char *src_root = from_root(e, given);
	const char *src = src_root ? src_root : given;
	const char *given_link = folio_shortcode_arg(sc, "link", SIZE_MAX);
	char *link_root = from_root(e, given_link);
	const char *link = link_root ? link_root : given_link;
	const char *title = folio_shortcode_arg(sc, "title", SIZE_MAX);
	const char *caption = folio_shortcode_arg(sc, "caption", SIZE_MAX);
	const char *cls = folio_shortcode_arg(sc, "class", SIZE_MAX);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<figure");
	put_attr(&b, "class", cls);
	folio_buf_putc(&b, '>');
	if (link && link[0]) {
		folio_buf_puts(&b, "<a");
		put_url_attr(&b, "href", link_of(e, link, false, at));
		folio_buf_putc(&b, '>');
	}
	folio_buf_puts(&b, "<img");
	put_url_attr(&b, "src", link_of(e, src, true, at));
	const char *alt = folio_shortcode_arg(sc, "alt", SIZE_MAX);
	put_attr(&b, "alt", alt ? alt : caption ? caption : "");
	put_attr(&b, "width", folio_shortcode_arg(sc, "width", SIZE_MAX));
	put_attr(&b, "height", folio_shortcode_arg(sc, "height", SIZE_MAX));
	folio_buf_puts(&b, ">");
	if (link && link[0])
		folio_buf_puts(&b, "</a>");
	if ((title && title[0]) || (caption && caption[0])) {
		folio_buf_puts(&b, "<figcaption>");
		if (title && title[0]) {
			folio_buf_puts(&b, "<h4>");
			folio_buf_put_html(&b, title, strlen(title));
			folio_buf_puts(&b, "</h4>");
		}
		if (caption && caption[0]) {
			/* Markdown, as Hugo's markdownify reads it */
			char *html = e->h->inline_html
			                     ? e->h->inline_html(e->h->ctx, caption, strlen(caption))
			                     : NULL;
			folio_buf_puts(&b, "<p>");
			if (html)
				folio_buf_puts(&b, html);
			else
				folio_buf_put_html(&b, caption, strlen(caption));
			folio_buf_puts(&b, "</p>");
			free(html);
		}
		folio_buf_puts(&b, "</figcaption>");
	}
	folio_buf_puts(&b, "</figure>");
	folio_shortcode__placeholder(e, folio_buf_detach(&b, NULL), true);
	free(src_root);
	free(link_root);
	free(in_library);
}

static bool video_id(const char *id, bool digits_only)
{
	size_t n = 0;
	for (; id && id[n]; n++) {
		char c = id[n];
		bool digit = c >= '0' && c <= '9';
		if (!digit && (digits_only || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		                                c == '-' || c == '_')))
			return false;
	}
	return n > 0 && n <= 64;
}

/* The seconds a YouTube id's query starts at ("NfF61CR1jf8?t=44", as
 * copied from a watch link: t= or start=, "44" or "44s"), else 0. */
static unsigned long youtube_start(const char *query)
{
	for (const char *q = query; q && *q; q += strcspn(q, "&") + (q[strcspn(q, "&")] == '&')) {
		const char *v = !strncmp(q, "t=", 2) ? q + 2 : !strncmp(q, "start=", 6) ? q + 6 : NULL;
		size_t digits = v ? strspn(v, "0123456789") : 0;
		if (digits && digits < 9)
			return strtoul(v, NULL, 10);
	}
	return 0;
}

/* The video's own address pasted whole ("https://www.youtube.com/watch?v=ID&t=44",
 * youtu.be/ID, /embed/ID, /shorts/ID, vimeo.com/123): id and query as
 * the shortcode takes them, rewritten in place in the copy; else as given.
 * compose's youtube shortcode reads such addresses, Hugo's own writes
 * them into its iframe. */
static char *video_of_address(char *given)
{
	static const char *const hosts[] = { "www.youtube.com/", "youtube.com/", "m.youtube.com/", "youtu.be/",
		                             "www.youtube-nocookie.com/", "vimeo.com/", "player.vimeo.com/video/" };
	char *rest = given;
	if (!strncmp(rest, "https://", 8))
		rest += 8;
	else if (!strncmp(rest, "http://", 7))
		rest += 7;
	else
		return given;
	const char *host = NULL;
	for (size_t i = 0; i < sizeof(hosts) / sizeof(*hosts) && !host; i++)
		if (!strncmp(rest, hosts[i], strlen(hosts[i])))
			host = hosts[i];
	if (!host)
		return given;
	rest += strlen(host);
	char *query = strchr(rest, '?');
	if (!strncmp(rest, "watch", 5) && query) {
		/* watch?v=ID&t=44: the id, then the rest of the query */
		for (char *q = query + 1; *q; q += strcspn(q, "&") + (q[strcspn(q, "&")] == '&'))
			if (!strncmp(q, "v=", 2)) {
				size_t n = strcspn(q + 2, "&");
				char *out = folio_xasprintf("%.*s?%s", (int)n, q + 2, query + 1);
				free(given);
				return out;
			}
		return given;
	}
	if (!strncmp(rest, "embed/", 6))
		rest += 6;
	else if (!strncmp(rest, "shorts/", 7))
		rest += 7;
	char *out = folio_xstrdup(rest);
	free(given);
	return out;
}

/* youtube and vimeo: an iframe of the host that sets no tracking cookie.
 * A YouTube id may carry a leading '/' or a query, as pasted from a link
 * (Hugo writes either into the address as it is): the id alone is kept,
 * and a start time from t= or start= (or the start argument). */
void folio_shortcode__expand_video(expander *e, const folio_shortcode *sc, bool vimeo, size_t at)
{
	const char *given = folio_shortcode_arg(sc, "id", 0);
	char *id = given ? video_of_address(folio_xstrdup(given + (!vimeo && given[0] == '/'))) : NULL;
	char *query = id ? strchr(id, '?') : NULL;
	if (query)
		*query++ = '\0';
	if (!video_id(id, vimeo)) {
		folio_shortcode__note(e, FOLIO_MD_NOTE_SHORTCODE_INVALID,
		     vimeo ? "vimeo needs a numeric video id" : "youtube needs a video id", at);
		free(id);
		return;
	}
	const char *start_arg = vimeo ? NULL : folio_shortcode_arg(sc, "start", SIZE_MAX);
	unsigned long start = start_arg && strspn(start_arg, "0123456789") == strlen(start_arg) && strlen(start_arg) < 9
	                              ? strtoul(start_arg, NULL, 10)
	                              : youtube_start(query);
	const char *title = folio_shortcode_arg(sc, "title", SIZE_MAX);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_printf(&b, "<div class=\"embed embed-%s\"><iframe src=\"%s%s%s",
	                 vimeo ? "vimeo" : "youtube",
	                 vimeo ? "https://player.vimeo.com/video/" : "https://www.youtube-nocookie.com/embed/",
	                 id, vimeo ? "?dnt=1" : "");
	/* a Vimeo id's own query ("480259831?muted=1", an unlisted video's
	 * h=), which Hugo writes into the player's address: kept when it is
	 * only names, values and '&' */
	if (vimeo && query && *query && strlen(query) <= 256 &&
	    strspn(query, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-=&") == strlen(query)) {
		folio_buf_puts(&b, "&amp;"); /* its '?', after dnt=1 */
		for (const char *q = query; *q; q++) {
			if (*q == '&')
				folio_buf_puts(&b, "&amp;");
			else
				folio_buf_putc(&b, *q);
		}
	}
	if (start)
		folio_buf_printf(&b, "?start=%lu", start);
	folio_buf_putc(&b, '"');
	free(id);
	put_attr(&b, "title", title ? title : vimeo ? "Vimeo video" : "YouTube video");
	folio_buf_puts(&b, " loading=\"lazy\" referrerpolicy=\"strict-origin-when-cross-origin\""
	                   " allow=\"fullscreen; picture-in-picture\" allowfullscreen></iframe></div>");
	folio_shortcode__placeholder(e, folio_buf_detach(&b, NULL), true);
}

void folio_shortcode__put_code_block(expander *e, const char *lang, const char *code, size_t len)
{
	/* one newline after the opening tag and before the closing one is layout */
	if (len && code[0] == '\n') {
		code++;
		len--;
	} else if (len > 1 && code[0] == '\r' && code[1] == '\n') {
		code += 2;
		len -= 2;
	}
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<pre><code");
	if (lang && lang[0]) {
		folio_buf_puts(&b, " class=\"language-");
		for (const char *c = lang; *c; c++) /* a class name, nothing else */
			if (folio_shortcode__name_byte(*c) && *c != '/')
				folio_buf_putc(&b, *c);
		folio_buf_putc(&b, '"');
	}
	folio_buf_putc(&b, '>');
	folio_buf_put_html(&b, code, len);
	if (len && code[len - 1] != '\n')
		folio_buf_putc(&b, '\n');
	folio_buf_puts(&b, "</code></pre>");
	folio_shortcode__placeholder(e, folio_buf_detach(&b, NULL), true);
}

/* Start of the closing {{< /name >}} after from, and its end in *end. */
