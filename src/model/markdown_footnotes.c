/*
 * Footnotes with the ids of the site's generator. cmark-gfm names a note
 * "fn-<label>" and its reference "fnref-<label>"; kramdown (Jekyll) writes
 * "fn:<label>" and "fnref:<label>", Goldmark (Hugo) "fn:<n>" and
 * "fnref:<n>", n the note's number. A migrated site's links name the old
 * ids ("/docs/configuration/#fn:js-disabled"), so with footnotes: in
 * folio.yaml the page is written with them and links to them are checked
 * against them.
 *
 * The labels are read from the source: cmark-gfm's API gives a definition
 * node no label. Its tree holds only the definitions some reference uses,
 * moved to the end of the document in the order of their numbers, so the
 * walk meets note n as the n-th definition.
 *
 * On a Jekyll page the notes' markup is kramdown's too (a <div>, its
 * classes and roles, the back link's text), rewritten in the HTML after
 * the ids.
 */
#include <stdlib.h>
#include <string.h>

#include "model/markdown_walk.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

/* The label of the definition written on the line (the last "[^x]:"
 * before column), or NULL. Caller frees. */
static char *label_in_line(const char *line, size_t len)
{
	char *label = NULL;
	for (size_t i = 0; i + 1 < len; i++) {
		if (line[i] != '[' || line[i + 1] != '^')
			continue;
		const char *close = memchr(line + i + 2, ']', len - i - 2);
		if (!close || close == line + i + 2 || (size_t)(close - line) + 1 >= len ||
		    close[1] != ':')
			continue;
		free(label);
		label = folio_xstrndup(line + i + 2, (size_t)(close - (line + i + 2)));
	}
	return label;
}

void folio_markdown__on_footnote(walk *w, cmark_node *def)
{
	int line = cmark_node_get_start_line(def);
	int column = cmark_node_get_start_column(def);
	char *label = NULL;
	if (line > 0) {
		size_t start = folio_markdown__lines_start(&w->lines, (unsigned)line);
		size_t end = folio_markdown__lines_end(&w->lines, (unsigned)line);
		if (column > 0 && start + (size_t)column < end)
			end = start + (size_t)column; /* the definition's text starts after its label */
		label = label_in_line(w->lines.text + start, end - start);
	}
	FOLIO_ARRAY_GROW(w->fn_labels, w->nfn, w->fn_alloc, w->nfn + 1);
	/* unread, the note keeps its place in the numbering */
	w->fn_labels[w->nfn++] = label ? label : folio_xstrdup("");
}

/* The id the generator gives note i (0-based) or, with ref, its first reference. */
static char *footnote_id(const walk *w, size_t i, bool ref)
{
	const char *label = w->fn_labels[i];
	switch (w->opts->footnotes) {
	case FOLIO_FOOTNOTES_KRAMDOWN:
		return folio_xasprintf("%s:%s", ref ? "fnref" : "fn", label);
	case FOLIO_FOOTNOTES_GOLDMARK:
		return folio_xasprintf("%s:%zu", ref ? "fnref" : "fn", i + 1);
	case FOLIO_FOOTNOTES_GFM:
	default:
		return folio_xasprintf("%s-%s", ref ? "fnref" : "fn", label);
	}
}

void folio_markdown__footnote_anchors(walk *w)
{
	folio_markdown *md = w->md;
	for (size_t i = 0; i < w->nfn; i++) {
		if (!w->fn_labels[i][0])
			continue;
		FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 2);
		md->anchors[md->nanchors++] = footnote_id(w, i, false);
		md->anchors[md->nanchors++] = footnote_id(w, i, true);
	}
}

/* The notes by label, for note_at's lookups: a page of many notes and
 * references costs a search each, not a walk of every note. */
typedef struct {
	const char *label; /* first: folio_search_cmp_text reads it */
	size_t note;
} labelled;

typedef struct {
	labelled *e;
	size_t n;
} note_index;

static void note_index_build(note_index *ix, const walk *w)
{
	ix->e = folio_xcalloc(w->nfn ? w->nfn : 1, sizeof(*ix->e));
	ix->n = 0;
	for (size_t i = 0; i < w->nfn; i++)
		if (w->fn_labels[i][0]) /* unread: no id names it */
			ix->e[ix->n++] = (labelled){ w->fn_labels[i], i };
	folio_sort(ix->e, ix->n, sizeof(*ix->e), folio_sort_cmp_str);
}

/* The note labelled by the n bytes at s (the last of that label, as the
 * walk over them found it), or SIZE_MAX. */
static size_t find_label(const note_index *ix, const char *s, size_t n)
{
	folio_text key = { s, n };
	size_t at = folio_lower_bound(ix->e, ix->n, sizeof(*ix->e), &key, folio_search_cmp_text);
	size_t found = SIZE_MAX;
	for (; at < ix->n && !folio_search_cmp_text(&ix->e[at], &key); at++)
		found = ix->e[at].note;
	return found;
}

/* The note whose cmark id follows at s ("note\"", "note-2\"" for its second
 * reference), and in *repeat the reference's number past the first (0 for
 * the note or its first reference); SIZE_MAX when none. A label that is
 * the whole id wins (it is the longest), else the id less its "-<k>". */
static size_t note_at(const note_index *ix, const char *s, unsigned *repeat)
{
	const char *quote = strchr(s, '"');
	if (!quote)
		return SIZE_MAX;
	size_t n = (size_t)(quote - s);
	size_t note = n ? find_label(ix, s, n) : SIZE_MAX;
	if (note != SIZE_MAX) {
		*repeat = 0;
		return note;
	}
	size_t digits = 0;
	while (digits < n && s[n - 1 - digits] >= '0' && s[n - 1 - digits] <= '9')
		digits++;
	if (!digits || digits > 9 || digits + 1 >= n || s[n - 1 - digits] != '-' || s[n - digits] == '0')
		return SIZE_MAX; /* cmark writes k >= 2 without a leading zero */
	unsigned k = 0; /* not sscanf: it takes the length of all the HTML left */
	for (size_t i = n - digits; i < n; i++)
		k = k * 10 + (unsigned)(s[i] - '0');
	if (k < 2)
		return SIZE_MAX;
	note = find_label(ix, s, n - 1 - digits);
	if (note != SIZE_MAX)
		*repeat = k - 1;
	return note;
}

/* What cmark-gfm writes before a footnote id, only there. */
static const struct {
	const char *marker; /* up to the id's first byte */
	bool ref;           /* the id is a reference's */
	size_t keep;        /* bytes of marker kept before the new id */
} markers[] = {
	{ "<sup class=\"footnote-ref\"><a href=\"#fn-", false, 36 },
	{ "\" id=\"fnref-", true, 6 },
	{ "<li id=\"fn-", false, 8 },
	{ "<a href=\"#fnref-", true, 10 },
};

static void put_id(const walk *w, folio_buf *out, size_t note, bool ref, unsigned repeat)
{
	const char *label = w->fn_labels[note];
	const char *kind = ref ? "fnref" : "fn";
	if (w->opts->footnotes == FOLIO_FOOTNOTES_KRAMDOWN)
		/* kramdown numbers repeats "fnref:x:1", "fnref:x:2" */
		folio_buf_printf(out, repeat ? "%s:%s:%u" : "%s:%s", kind, label, repeat);
	else if (repeat) /* Goldmark: "fnref1:3", "fnref2:3" */
		folio_buf_printf(out, "%s%u:%zu", kind, repeat, note + 1);
	else
		folio_buf_printf(out, "%s:%zu", kind, note + 1);
}

void folio_markdown__footnote_ids(walk *w, char **html, size_t *len)
{
	if (w->opts->footnotes == FOLIO_FOOTNOTES_GFM || !w->nfn || !strstr(*html, "footnote"))
		return;
	note_index ix;
	note_index_build(&ix, w);
	folio_buf out = FOLIO_BUF_INIT;
	enum { N = sizeof(markers) / sizeof(markers[0]) };
	/* each marker's next place, searched again only once the pass went
	 * by it: a marker found once near the end (the notes' <li>) is not
	 * searched for from each reference (12,000 references took 5 s) */
	const char *next[N];
	for (size_t i = 0; i < N; i++)
		next[i] = strstr(*html, markers[i].marker);
	const char *s = *html;
	for (;;) {
		size_t m = N;
		for (size_t i = 0; i < N; i++) {
			if (next[i] && next[i] < s)
				next[i] = strstr(s, markers[i].marker);
			if (next[i] && (m == N || next[i] < next[m]))
				m = i;
		}
		if (m == N)
			break;
		const char *hit = next[m];
		const char *id = hit + strlen(markers[m].marker);
		unsigned repeat = 0;
		size_t note = note_at(&ix, id, &repeat);
		folio_buf_put(&out, s, (size_t)(hit - s) + markers[m].keep);
		if (note == SIZE_MAX) { /* not a note's id: left as it is */
			folio_buf_put(&out, hit + markers[m].keep, (size_t)(id - hit) - markers[m].keep);
			s = id;
			continue;
		}
		put_id(w, &out, note, markers[m].ref, repeat);
		s = strchr(id, '"');
	}
	folio_buf_puts(&out, s);
	free(ix.e);
	free(*html);
	*html = folio_buf_detach(&out, len);
}

/*
 * kramdown's markup of the notes, as Jekyll writes them, where cmark-gfm's
 * ids already are kramdown's (folio_markdown__footnote_ids):
 *   <sup class="footnote-ref"><a href="#fn:x" id="fnref:x" data-footnote-ref>
 *     is <sup id="fnref:x" role="doc-noteref"><a href="#fn:x" class="footnote" rel="footnote">
 *   <section class="footnotes" data-footnotes> ... </section>
 *     is <div class="footnotes" role="doc-endnotes"> ... </div>
 *   <li id="fn:x"> is <li id="fn:x" role="doc-endnote">
 *   the back links class="reversefootnote" role="doc-backlink", after a
 *   no-break space, their text kramdown's default &#8617; (a repeat's
 *   number in a bare <sup>)
 * One pass: each marker's next place is searched again only once the
 * pass has gone by it, so the text is read a bounded number of times.
 */
static const char *const kd_markers[] = {
	"<sup class=\"footnote-ref\"><a href=\"#fn:",
	"<section class=\"footnotes\" data-footnotes>",
	"<li id=\"fn:",
	"<a href=\"#fnref:",
};

/* The text at s up to the first '"' before end, or NULL. */
static const char *quote_end(const char *s, const char *end)
{
	return memchr(s, '"', (size_t)(end - s));
}

static bool starts(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && !memcmp(s, prefix, n);
}

/* cmark-gfm's reference to a note at s (after its '<a href="#fn:'),
 * written as kramdown and Goldmark write it: the id on the <sup>, sup and
 * a the attributes each adds; the text after it, or NULL when it is not
 * cmark-gfm's markup there. */
static const char *note_reference(folio_buf *out, const char *s, const char *end, const char *sup,
                                  const char *a)
{
	const char *note = s, *q = quote_end(s, end);
	if (!q || !starts(q, end, "\" id=\""))
		return NULL;
	const char *ref = q + 6, *rq = quote_end(ref, end);
	if (!rq || !starts(rq, end, "\" data-footnote-ref>"))
		return NULL;
	folio_buf_puts(out, "<sup id=\"");
	folio_buf_put(out, ref, (size_t)(rq - ref));
	folio_buf_printf(out, "\"%s><a href=\"#fn:", sup);
	folio_buf_put(out, note, (size_t)(q - note));
	folio_buf_printf(out, "\"%s>", a);
	return rq + strlen("\" data-footnote-ref>");
}

/* What kramdown's rewrite carries from one marker to the next. */
typedef struct {
	const char *backlink; /* a back link's text (HTML; "" drops the link) */
	bool open_p;          /* a <p> folio opened for back links is open */
} kramdown_state;

/* The marker m at hit rewritten into out, payload a kramdown_state; the
 * text after it, or NULL when it is not cmark-gfm's markup there (then
 * left as it is). */
static const char *kramdown_markup(folio_buf *out, size_t m, const char *hit, const char *end, void *payload)
{
	kramdown_state *st = payload;
	const char *backlink = st->backlink;
	bool *open_p = &st->open_p;
	const char *s = hit + strlen(kd_markers[m]);
	switch (m) {
	case 0: /* the reference: its id moves to the <sup> */
		return note_reference(out, s, end, " role=\"doc-noteref\"", " class=\"footnote\" rel=\"footnote\"");
	case 1:
		folio_buf_puts(out, "<div class=\"footnotes\" role=\"doc-endnotes\">");
		return s;
	case 2: {
		const char *q = quote_end(s, end);
		if (!q || !starts(q, end, "\">"))
			return NULL;
		folio_buf_put(out, hit, (size_t)(q - hit));
		folio_buf_puts(out, "\" role=\"doc-endnote\">");
		return q + 2;
	}
	default: { /* a back link: after a space in the note's last paragraph, or
		    * on a line of its own after a list or code, which kramdown
		    * puts in a <p> of its own */
		const char *ref = s, *q = quote_end(s, end);
		if (!q || !starts(q, end, "\" class=\"footnote-backref\""))
			return NULL;
		const char *gt = memchr(q, '>', (size_t)(end - q));
		if (!gt || !starts(gt + 1, end, "\xe2\x86\xa9")) /* ↩ */
			return NULL;
		const char *text = gt + 4, *close = strstr(text, "</a>");
		if (!close)
			return NULL;
		bool after_space = out->size && out->ptr[out->size - 1] == ' ';
		if (after_space)
			folio_buf_truncate(out, out->size - 1);
		else if (!*open_p) {
			folio_buf_puts(out, "<p>");
			*open_p = true;
		}
		if (*backlink) {
			if (after_space)
				folio_buf_puts(out, "\xc2\xa0");
			folio_buf_puts(out, "<a href=\"#fnref:");
			folio_buf_put(out, ref, (size_t)(q - ref));
			folio_buf_puts(out, "\" class=\"reversefootnote\" role=\"doc-backlink\">");
			folio_buf_puts(out, backlink);
			static const char sup[] = "<sup class=\"footnote-ref\">";
			if (starts(text, end, sup)) { /* a repeat's number */
				folio_buf_puts(out, "<sup>");
				text += strlen(sup);
			}
			folio_buf_put(out, text, (size_t)(close - text));
			folio_buf_puts(out, "</a>");
		}
		if (*open_p && !starts(close + 4, end, " <a href=\"#fnref:")) {
			folio_buf_puts(out, "</p>");
			*open_p = false;
		}
		return close + 4;
	}
	}
}

/* kramdown's footnote_backlink text as it writes it (escape_html's
 * :text): '<', '>' and an '&' that opens no reference escaped. */
static char *backlink_html(const char *text)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *s = text; *s; s++) {
		size_t n = 0;
		if (*s == '&') { /* &name; &#123; &#x1F; */
			n = 1 + (s[1] == '#');
			while (s[n] && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
			                (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
				n++;
		}
		if (*s == '<')
			folio_buf_puts(&b, "&lt;");
		else if (*s == '>')
			folio_buf_puts(&b, "&gt;");
		else if (*s == '&' && !(n > 1 + (s[1] == '#') && s[n] == ';'))
			folio_buf_puts(&b, "&amp;");
		else
			folio_buf_putc(&b, *s);
	}
	return folio_buf_detach(&b, NULL);
}

typedef const char *(*markup_fn)(folio_buf *out, size_t m, const char *hit, const char *end, void *payload);

/*
 * cmark-gfm's notes in html rewritten in one pass: the text up to each of
 * marks[0, n) (marks[1] the notes' <section>, which must be there) is
 * kept, markup() writes what the marker stands for and says where the
 * text resumes (NULL: not cmark-gfm's markup there, its first byte kept);
 * the section's end tag becomes </div>. Each marker is searched again
 * only once the pass went by it.
 */
static void rewrite_notes(char **html, size_t *len, const char *const *marks, size_t n, markup_fn markup,
                          void *payload)
{
	const char *text = *html, *end = *html + *len;
	const char *section = strstr(text, marks[1]);
	const char *next[4];
	if (!section || n > sizeof(next) / sizeof(*next))
		return; /* no note is written */
	/* cmark-gfm writes the notes last: the section's end is the last one */
	const char *close = NULL;
	for (const char *p = end; p - text >= 10 && !close; p--)
		if (!memcmp(p - 10, "</section>", 10) && p - 10 > section)
			close = p - 10;
	folio_buf out = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		next[i] = strstr(text, marks[i]);
	const char *s = text;
	for (;;) {
		size_t m = n;
		for (size_t i = 0; i < n; i++) {
			if (next[i] && next[i] < s) /* gone by: the next one from here */
				next[i] = strstr(s, marks[i]);
			if (next[i] && (m == n || next[i] < next[m]))
				m = i;
		}
		const char *stop = close ? close : end;
		if (m == n || next[m] >= stop)
			break;
		folio_buf_put(&out, s, (size_t)(next[m] - s));
		const char *after = markup(&out, m, next[m], end, payload);
		if (!after) { /* not cmark-gfm's: its first byte as it is */
			folio_buf_putc(&out, *next[m]);
			after = next[m] + 1;
		}
		s = after;
	}
	if (close) {
		folio_buf_put(&out, s, (size_t)(close - s));
		folio_buf_puts(&out, "</div>");
		s = close + 10;
	}
	folio_buf_put(&out, s, (size_t)(end - s));
	free(*html);
	*html = folio_buf_detach(&out, len);
}

void folio_markdown__kramdown_footnote_markup(char **html, size_t *len, const char *backlink)
{
	char *text_html = backlink_html(backlink ? backlink : "&#8617;");
	kramdown_state st = { text_html, false };
	rewrite_notes(html, len, kd_markers, sizeof(kd_markers) / sizeof(*kd_markers), kramdown_markup, &st);
	free(text_html);
}

/*
 * Goldmark's markup of the notes, as Hugo writes them, where cmark-gfm's
 * ids already are Goldmark's (folio_markdown__footnote_ids):
 *   <sup class="footnote-ref"><a href="#fn:1" id="fnref:1" data-footnote-ref>
 *     is <sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">
 *   <section class="footnotes" data-footnotes> ... </section>
 *     is <div class="footnotes" role="doc-endnotes"><hr> ... </div>
 *   each back link, after a space in the note's last paragraph or on a line
 *   of its own after a list or code, is &#160;<a href="#fnref:1"
 *   class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>,
 *   a repeat's the same text (no number), the last one closing the <li>
 * (rewrite_notes(), one pass).
 */
static const char *const gm_markers[] = {
	"<sup class=\"footnote-ref\"><a href=\"#fn:",
	"<section class=\"footnotes\" data-footnotes>",
	"<a href=\"#fnref",
};

/* The marker m at hit rewritten into out; the text after it, or NULL when
 * it is not cmark-gfm's markup there (then left as it is). */
static const char *goldmark_markup(folio_buf *out, size_t m, const char *hit, const char *end, void *payload)
{
	(void)payload;
	const char *s = hit + strlen(gm_markers[m]);
	if (m == 0) /* the reference: its id moves to the <sup> */
		return note_reference(out, s, end, "", " class=\"footnote-ref\" role=\"doc-noteref\"");
	if (m == 1) {
		folio_buf_puts(out, "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>");
		return s;
	}
	/* a back link: fnref:1, fnref1:1 */
	const char *ref = s, *q = quote_end(s, end);
	if (!q || !starts(q, end, "\" class=\"footnote-backref\""))
		return NULL;
	/* its attributes (data-footnote-backref-idx, aria-label) end within a
	 * few dozen bytes in cmark-gfm's markup */
	const char *gt = memchr(q, '>', (size_t)(end - q) < 256 ? (size_t)(end - q) : 256);
	if (!gt || !starts(gt + 1, end, "\xe2\x86\xa9")) /* ↩ */
		return NULL;
	/* cmark-gfm closes the link right after the arrow (a repeat's
	 * <sup>N</sup> between): looked for near it only, so that a page of
	 * such markers written in raw HTML without </a> costs no rescans */
	const char *after_arrow = gt + 4;
	size_t near = (size_t)(end - after_arrow) < 64 ? (size_t)(end - after_arrow) : 64;
	const char *close = memmem(after_arrow, near, "</a>", 4);
	if (!close)
		return NULL;
	if (out->size && out->ptr[out->size - 1] == ' ')
		folio_buf_truncate(out, out->size - 1);
	folio_buf_puts(out, "&#160;<a href=\"#fnref");
	folio_buf_put(out, ref, (size_t)(q - ref));
	folio_buf_puts(out, "\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>");
	close += 4;
	if (starts(close, end, "\n</li>")) /* after a list or code: Goldmark closes the item there */
		close++;
	return close;
}

void folio_markdown__goldmark_footnote_markup(char **html, size_t *len)
{
	rewrite_notes(html, len, gm_markers, sizeof(gm_markers) / sizeof(*gm_markers), goldmark_markup, NULL);
}
