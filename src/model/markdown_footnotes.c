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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/markdown_walk.h"
#include "util/alloc.h"
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

/* The note whose cmark id follows at s ("note\"", "note-2\"" for its second
 * reference), and in *repeat the reference's number past the first (0 for
 * the note or its first reference); SIZE_MAX when none. */
static size_t note_at(const walk *w, const char *s, unsigned *repeat)
{
	const char *quote = strchr(s, '"');
	if (!quote)
		return SIZE_MAX;
	size_t n = (size_t)(quote - s);
	size_t best = SIZE_MAX, best_len = 0;
	for (size_t i = 0; i < w->nfn; i++) {
		size_t l = strlen(w->fn_labels[i]);
		if (!l || l > n || memcmp(s, w->fn_labels[i], l) || l < best_len)
			continue;
		unsigned k = 0;
		if (l < n) { /* "-<k>": cmark's k-th reference, k >= 2 */
			if (s[l] != '-' || sscanf(s + l + 1, "%u", &k) != 1 || k < 2)
				continue;
			char digits[16];
			snprintf(digits, sizeof(digits), "%u", k);
			if (l + 1 + strlen(digits) != n)
				continue;
		}
		best = i;
		best_len = l;
		*repeat = k ? k - 1 : 0;
	}
	return best;
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
	folio_buf out = FOLIO_BUF_INIT;
	const char *s = *html;
	for (;;) {
		const char *hit = NULL;
		size_t m = 0;
		for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
			const char *at = strstr(s, markers[i].marker);
			if (at && (!hit || at < hit)) {
				hit = at;
				m = i;
			}
		}
		if (!hit)
			break;
		const char *id = hit + strlen(markers[m].marker);
		unsigned repeat = 0;
		size_t note = note_at(w, id, &repeat);
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
	free(*html);
	*html = folio_buf_detach(&out, len);
}
