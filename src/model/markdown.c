/*
 * Markdown to HTML with cmark-gfm, and the facts about a page that
 * validation needs: heading ids, links with their positions, the summary,
 * raw HTML, long paragraphs.
 *
 * One parse per page, then one walk over the tree that collects everything
 * and rewrites relative link destinations in place; headings are then
 * replaced by custom nodes that carry their id, and the tree is rendered.
 * Every pass is linear in the size of the page.
 *
 * Invariants: the HTML never carries data-sourcepos (positions are parsed,
 * not rendered); every string handed out is valid UTF-8 (cmark validates
 * the input) and allocated with folio_xmalloc; positions refer to the
 * original file (first_line offset).
 *
 * Thread safety: cmark-gfm 0.29 switches its inline parser's special
 * characters on and off in process-wide tables during every parse, so two
 * concurrent parses would disable each other's extensions. Parsing is
 * therefore serialised by parse_lock; the walk and the rendering, which
 * touch only this page's tree, run in parallel.
 */
#include "folio/markdown.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "folio/buf.h"
#include "model/html_filter.h"
#include "model/shortcode.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

#define SUMMARY_MAX 300        /* bytes of summary text before the ellipsis */
#define PARAGRAPH_MIN 80       /* bytes for a paragraph to be kept for repeat checks */
#define SEARCH_WINDOW 4096     /* bytes scanned per destination, so a page stays linear */
#define TEXT_MAX (INT32_MAX / 2) /* cmark sizes are int32 */

static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t parse_lock = PTHREAD_MUTEX_INITIALIZER;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* ---- source lines: maps cmark's line numbers to byte offsets ---- */

typedef struct {
	const char *text;
	size_t len;
	size_t *starts; /* starts[i]: offset of line i + 1 */
	size_t count;
	size_t last_off; /* previous answer of lines_position, 0 line if none */
	unsigned last_line, last_column;
} line_index;

static void lines_build(line_index *li, const char *text, size_t len)
{
	size_t alloc = 0;
	li->text = text;
	li->len = len;
	li->starts = NULL;
	li->count = 0;
	li->last_off = 0;
	li->last_line = li->last_column = 0;
	FOLIO_ARRAY_GROW(li->starts, li->count, alloc, 1);
	li->starts[li->count++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		else if (text[i] != '\n' && text[i] != '\r')
			continue;
		FOLIO_ARRAY_GROW(li->starts, li->count, alloc, li->count + 1);
		li->starts[li->count++] = i + 1;
	}
}

/* Offset of the start of line (1-based), clamped to the text. */
static size_t lines_start(const line_index *li, unsigned line)
{
	if (line == 0)
		return 0;
	if (line > li->count)
		return li->len;
	return li->starts[line - 1];
}

/* Offset just past line (1-based), newline included. */
static size_t lines_end(const line_index *li, unsigned line)
{
	if (line >= li->count)
		return li->len;
	return li->starts[line];
}

/*
 * Line (1-based) and column (1-based, in code points) of offset. Columns
 * are counted on from the previous answer when it is on the same line and
 * not after offset, so many links on one long line stay linear.
 */
/* 0 is never returned: with lower bound, the first start after *key. */
static int cmp_after(const void *elem, const void *key)
{
	return *(const size_t *)elem > *(const size_t *)key ? 1 : -1;
}

static void lines_position(line_index *li, size_t off, unsigned *line, unsigned *column)
{
	/* the last line that starts at or before off (line 1 starts at 0) */
	size_t lo = folio_lower_bound(li->starts, li->count, sizeof(*li->starts), &off, cmp_after);
	lo = lo ? lo - 1 : 0;
	size_t from = li->starts[lo];
	unsigned col = 1;
	if (li->last_line == lo + 1 && li->last_off >= from && li->last_off <= off) {
		from = li->last_off;
		col = li->last_column;
	}
	for (size_t i = from; i < off; i++)
		if (((unsigned char)li->text[i] & 0xC0) != 0x80)
			col++;
	li->last_off = off;
	li->last_line = (unsigned)lo + 1;
	li->last_column = col;
	*line = (unsigned)lo + 1;
	*column = col;
}

/* ---- plain text ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Append s with runs of whitespace collapsed to one space, none leading. */
static void put_collapsed(folio_buf *out, const char *s)
{
	while (s && *s) {
		size_t n = 0;
		while (s[n] && !is_space(s[n]))
			n++;
		if (n) { /* a run of non-space bytes at once: this runs over every paragraph */
			folio_buf_put(out, s, n);
			s += n;
			continue;
		}
		if (out->size && out->ptr[out->size - 1] != ' ')
			folio_buf_putc(out, ' ');
		s++;
	}
}

/* Hugo's summary separator, <!--more--> (blanks allowed inside). */
static bool is_more(const char *lit)
{
	if (!lit || strncmp(lit, "<!--", 4))
		return false;
	lit += 4;
	while (is_space(*lit))
		lit++;
	if (strncmp(lit, "more", 4))
		return false;
	lit += 4;
	while (is_space(*lit))
		lit++;
	if (strncmp(lit, "-->", 3))
		return false;
	for (lit += 3; *lit; lit++)
		if (!is_space(*lit))
			return false;
	return true;
}

/*
 * Text of node's inlines as a reader sees it: images, raw HTML and
 * footnote marks are left out, as in GitHub's heading text. Whitespace is
 * collapsed unless raw, which keeps it as the rendered HTML has it (GitHub
 * derives heading ids from that). strip: shortcode placeholders are left
 * out too. more_at (when given): offset in the result of the first
 * <!--more-->, SIZE_MAX when none.
 */
static char *plain_text_ex(cmark_node *node, bool raw, bool strip, size_t *more_at)
{
	folio_buf out = FOLIO_BUF_INIT;
	if (more_at)
		*more_at = SIZE_MAX;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *s = NULL;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			s = cmark_node_get_literal(n);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			s = "\n";
			break;
		case CMARK_NODE_IMAGE:
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_HTML_INLINE:
			if (more_at && *more_at == SIZE_MAX && is_more(cmark_node_get_literal(n)))
				*more_at = out.size;
			break;
		default:
			break;
		}
		char *stripped = NULL;
		if (strip && s && strstr(s, "\xEE\x80\x80")) {
			stripped = folio_xstrdup(s);
			folio_shortcodes_strip(stripped);
			s = stripped;
		}
		if (raw && s)
			folio_buf_puts(&out, s);
		else
			put_collapsed(&out, s);
		free(stripped);
	}
	cmark_iter_free(it);
	if (!raw && out.size && out.ptr[out.size - 1] == ' ')
		folio_buf_truncate(&out, out.size - 1);
	if (more_at && *more_at > out.size && *more_at != SIZE_MAX)
		*more_at = out.size;
	return folio_buf_detach(&out, NULL);
}


/* Cut text (valid UTF-8) at a word boundary within SUMMARY_MAX bytes. */
static char *summary_of(const char *text)
{
	size_t len = strlen(text);
	if (len <= SUMMARY_MAX)
		return folio_xstrdup(text);
	size_t cut = SUMMARY_MAX;
	while (cut > 0 && text[cut] != ' ')
		cut--;
	if (cut == 0) { /* one long word: cut between code points */
		cut = SUMMARY_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
	}
	while (cut > 0 && text[cut - 1] == ' ')
		cut--;
	return folio_xasprintf("%.*s\xE2\x80\xA6", (int)cut, text);
}

/* ---- heading ids ---- */

static bool id_keeps(utf8proc_int32_t c)
{
	if (c == '-' || c == '_' || c == ' ')
		return true;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_PC:
		return true;
	default:
		return false;
	}
}

/*
 * GitHub's rule: lowercase, keep letters, marks, digits, '_', '-' and
 * spaces, spaces become '-'. Nothing is trimmed or merged ("a  b" gives
 * "a--b"), as on GitHub. Invalid UTF-8 bytes are dropped.
 */
char *folio_markdown_heading_id(const char *text)
{
	folio_buf out = FOLIO_BUF_INIT;
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)(text ? text : "");
	size_t len = strlen((const char *)s);
	while (len > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &c);
		if (n <= 0) {
			s++;
			len--;
			continue;
		}
		s += n;
		len -= (size_t)n;
		c = utf8proc_tolower(c);
		if (!id_keeps(c))
			continue;
		if (c == ' ')
			c = '-';
		utf8proc_uint8_t enc[4];
		folio_buf_put(&out, enc, (size_t)utf8proc_encode_char(c, enc));
	}
	return folio_buf_detach(&out, NULL);
}

/* Ids used on the page, each with how many repeats of it were numbered. */
typedef struct {
	struct id_slot {
		const char *id; /* borrowed from the heading */
		unsigned repeats;
	} *slots;
	size_t cap, count;
} id_set;

static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Slot of id, or the empty slot where it would go. */
static struct id_slot *id_find(id_set *set, const char *id)
{
	size_t i = id_hash(id) & (set->cap - 1);
	while (set->slots[i].id && strcmp(set->slots[i].id, id))
		i = (i + 1) & (set->cap - 1);
	return &set->slots[i];
}

static void id_insert(id_set *set, const char *id)
{
	if (2 * (set->count + 1) > set->cap) {
		id_set bigger = { NULL, set->cap ? set->cap * 2 : 16, 0 };
		bigger.slots = folio_xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i].id)
				*id_find(&bigger, set->slots[i].id) = set->slots[i];
		bigger.count = set->count;
		free(set->slots);
		*set = bigger;
	}
	struct id_slot *slot = id_find(set, id);
	if (!slot->id) {
		slot->id = id;
		slot->repeats = 0;
		set->count++;
	}
}

/* GitHub's numbering of repeats: "x", "x-1", "x-2"... skipping taken ids. */
static char *id_unique(id_set *set, char *base)
{
	if (!set->cap || !id_find(set, base)->id)
		return base;
	char *id = NULL;
	do {
		free(id);
		id = folio_xasprintf("%s-%u", base, ++id_find(set, base)->repeats);
	} while (id_find(set, id)->id);
	free(base);
	return id;
}

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

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && !memcmp(s + len - n, suffix, n);
}

/*
 * Site path of dir + path, with "." and ".." applied; NULL when ".."
 * climbs above the root. A ".md" file becomes its page URL.
 */
static char *normalize_path(const char *dir, size_t dirlen, const char *path,
                            size_t pathlen)
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
		if (n == 2 && !memcmp(p, "..", 2)) {
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
	bool file_form = !trailing && ends_with(out.ptr, out.size, ".md");
	if (file_form) {
		folio_buf_truncate(&out, out.size - 3);
		char *slash = memrchr(out.ptr, '/', out.size);
		if (!strcmp(slash, "/index"))
			folio_buf_truncate(&out, (size_t)(slash - out.ptr));
	}
	if ((trailing || file_form || out.size == 0) &&
	    !(out.size && out.ptr[out.size - 1] == '/'))
		folio_buf_putc(&out, '/');
	return folio_buf_detach(&out, NULL);
}

/* Site path ("posts/x.md", no leading '/') of dir + path, or NULL when it
 * climbs above the root. */
static char *normalize_file_path(const char *dir, size_t dirlen, const char *path, size_t pathlen)
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

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* path with its %XX escapes decoded, in place: the file a browser asks for. */
static void percent_decode(char *path)
{
	char *o = path;
	for (const char *s = path; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hex_digit(s[1])) >= 0 && (lo = hex_digit(s[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
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
	char *file = normalize_file_path(dir, dirlen, t, pathlen);
	if (!file)
		return NULL;
	percent_decode(file);
	char *url = opts->file_url_of(file, opts->payload);
	free(file);
	char *encoded = url ? percent_encode(url) : NULL;
	free(url);
	return encoded;
}

/*
 * Fill l's kind, resolved and file_form from l->target. Returns true when
 * the HTML should link to l->resolved instead of the target: relative
 * paths are written against the source file's folder (as GitHub reads
 * them) but the page is served from its own URL, and file-form links name
 * a .md file that is not published.
 */
static bool link_resolve(folio_link *l, const folio_markdown_options *opts)
{
	const char *t = l->target;
	l->file_form = false;
	l->placed = false;
	if (has_scheme(t) || !strncmp(t, "//", 2)) {
		l->kind = FOLIO_LINK_EXTERNAL;
		l->resolved = folio_xstrdup(t);
		return false;
	}
	l->kind = FOLIO_LINK_INTERNAL;
	size_t pathlen = strcspn(t, "?#");
	if (pathlen == 0) {
		l->resolved = folio_xasprintf("%s%s", opts->page_url ? opts->page_url : "", t);
		return false;
	}
	const char *dir = opts->source_path ? opts->source_path : "";
	const char *slash = strrchr(dir, '/');
	size_t dirlen = slash ? (size_t)(slash - dir) + 1 : 0;
	if (t[0] == '/') {
		if (!ends_with(t, pathlen, ".md") && !ends_with(t, pathlen, ".markdown")) {
			l->resolved = folio_xstrdup(t);
			return false;
		}
		dirlen = 0;
	}
	l->file_form = ends_with(t, pathlen, ".md") || ends_with(t, pathlen, ".markdown");
	if (l->file_form && opts->page_url_of) {
		/* the file's page may have an address of its own (slug:, url:, a
		 * name made a slug): ask the site for it */
		char *file = normalize_file_path(dir, dirlen, t, pathlen);
		const char *url = file ? opts->page_url_of(file, opts->payload) : NULL;
		if (file && !url && ends_with(file, strlen(file), ".md")) {
			/* Jekyll's {% post_url %} names a post without its extension,
			 * which may be .markdown (what jekyll new writes) */
			char *alt = folio_xasprintf("%.*s.markdown", (int)(strlen(file) - 3), file);
			url = opts->page_url_of(alt, opts->payload);
			free(alt);
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
	if (path && t[0] != '/' && t[pathlen - 1] == '/' && opts->url_known && opts->page_url &&
	    opts->page_url[0] == '/' && !opts->url_known(path, opts->payload)) {
		/* "../ubuntu/" names no page from the file's folder (_docs/a/):
		 * from the page's URL (/docs/a/b/), as the browser reads it? */
		const char *base = opts->page_url + 1;
		const char *end = strrchr(base, '/');
		char *alt = normalize_path(base, end ? (size_t)(end - base) + 1 : 0, t, pathlen);
		if (alt && opts->url_known(alt, opts->payload)) {
			free(path);
			path = alt;
		} else {
			free(alt);
		}
	}
	if (!path) {
		/* Escapes the site: kept as written, for validation to report. */
		l->resolved = folio_xstrdup(t);
		return false;
	}
	l->resolved = folio_xasprintf("%s%s", path, t + pathlen);
	free(path);
	return true;
}

/* ---- the walk ---- */

typedef struct {
	folio_markdown *md;
	const folio_markdown_options *opts;
	line_index lines;
	unsigned first_line;
	size_t heading_alloc, node_alloc, link_alloc, para_alloc, anchor_alloc;
	cmark_node **heading_nodes; /* parallel to md->headings */
	id_set ids;
	cmark_node *block; /* block holding the inlines being walked */
	size_t cursor;     /* end of the last destination found in block */
	bool have_summary;
	bool expanded;     /* the text had shortcodes: placeholders to strip from plain text */
	folio_buf before_more; /* paragraphs' text up to <!--more--> (bounded) */
	bool more_seen;
	size_t note_alloc;
	char *ref_path;    /* the last answer of ref_hook */
	char *ref_scratch;
	cmark_node **dl_nodes; /* paragraphs that are definition lists, in order */
	size_t ndl, dl_alloc;
	char **dt_ids;         /* their terms' ids, in order ("" when none) */
	size_t ndt, dt_alloc;
} walk;

static unsigned file_line(const walk *w, int line)
{
	return line > 0 ? w->first_line + (unsigned)line - 1 : 0;
}

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
static void locate(walk *w, cmark_node *node, const char *needle, const char *alt,
                   unsigned *line, unsigned *column)
{
	int bstart = cmark_node_get_start_line(w->block);
	int bend = cmark_node_get_end_line(w->block);
	int nline = cmark_node_get_start_line(node);
	int ncol = cmark_node_get_start_column(node);
	int hint = (nline >= bstart && nline <= bend) ? nline : bstart;
	size_t lo = lines_start(&w->lines, (unsigned)(hint > 0 ? hint : 1));
	size_t hi = lines_end(&w->lines, (unsigned)(bend > 0 ? bend : 1));
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
			lines_position(&w->lines, at, line, column);
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

static void on_link(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	const char *url = cmark_node_get_url(node);
	FOLIO_ARRAY_GROW(md->links, md->nlinks, w->link_alloc, md->nlinks + 1);
	folio_link *l = &md->links[md->nlinks++];
	memset(l, 0, sizeof(*l));
	l->target = folio_xstrdup(url ? url : "");
	l->is_image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
	if (w->block && !w->opts->html_only)
		locate(w, node, l->target, autolink_written(l->target), &l->line, &l->column);
	if (link_resolve(l, w->opts))
		cmark_node_set_url(node, l->resolved);
}

/* ---- raw HTML: its anchors and links ---- */

typedef struct {
	const char *name, *value; /* value: NULL for a bare attribute */
	size_t name_len, value_len;
	size_t value_off;         /* offset of the value in the literal */
} html_attr;

static bool html_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Next attribute of the tag at *p (inside a tag, before '>'); false at its end. */
static bool next_attr(const char *lit, const char **p, html_attr *a)
{
	const char *s = *p;
	while (html_space(*s) || *s == '/')
		s++;
	if (!*s || *s == '>')
		return false;
	a->name = s;
	while (*s && !html_space(*s) && *s != '=' && *s != '>' && *s != '/')
		s++;
	a->name_len = (size_t)(s - a->name);
	a->value = NULL;
	while (html_space(*s))
		s++;
	if (*s == '=') {
		s++;
		while (html_space(*s))
			s++;
		char q = *s == '"' || *s == '\'' ? *s : 0;
		if (q)
			s++;
		a->value = s;
		while (*s && (q ? *s != q : !html_space(*s) && *s != '>'))
			s++;
		a->value_len = (size_t)(s - a->value);
		a->value_off = (size_t)(a->value - lit);
		if (q && *s)
			s++;
	}
	if (!a->name_len)
		s++; /* a stray character: step over it */
	*p = s;
	return true;
}

static bool attr_is(const html_attr *a, const char *name)
{
	return a->name_len == strlen(name) && !strncasecmp(a->name, name, a->name_len);
}

static void add_anchor(walk *w, const html_attr *a)
{
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 1);
	md->anchors[md->nanchors++] = folio_xstrndup(a->value, a->value_len);
}

/* Line and column (in bytes) of offset off of node's literal in the file. */
static void html_position(walk *w, cmark_node *node, const char *lit, size_t off,
                          unsigned *line, unsigned *col)
{
	int l = cmark_node_get_start_line(node), c = cmark_node_get_start_column(node);
	const char *nl = NULL;
	for (const char *s = lit; s < lit + off; s++)
		if (*s == '\n') {
			l++;
			nl = s;
		}
	*line = file_line(w, l);
	*col = nl ? (unsigned)(lit + off - nl) : (unsigned)((c > 0 ? c : 1) + (int)off);
}

/*
 * With allow_html, what raw HTML says counts as Markdown would: id= and
 * <a name=> are anchors, href= and src= are links, checked and rewritten
 * (relative to the source file, as Markdown links) alike. The literal is
 * rebuilt when a destination is rewritten. Comments are skipped.
 */
static void scan_html(walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	if (!lit)
		return;
	folio_buf out = FOLIO_BUF_INIT;
	size_t copied = 0;
	bool rewritten = false;
	for (const char *p = strchr(lit, '<'); p; p = *p ? strchr(p, '<') : NULL) {
		if (!strncmp(p, "<!--", 4)) {
			const char *end = strstr(p + 4, "-->");
			p = end ? end + 3 : p + strlen(p);
			continue;
		}
		const char *tag = ++p;
		while (*p && !html_space(*p) && *p != '>' && *p != '/')
			p++;
		size_t tag_len = (size_t)(p - tag);
		bool is_a = tag_len == 1 && (*tag == 'a' || *tag == 'A');
		html_attr a;
		while (next_attr(lit, &p, &a)) {
			if (!a.value || !a.value_len)
				continue;
			if (attr_is(&a, "id") || (is_a && attr_is(&a, "name"))) {
				add_anchor(w, &a);
			} else if (attr_is(&a, "href") || attr_is(&a, "src")) {
				folio_markdown *md = w->md;
				FOLIO_ARRAY_GROW(md->links, md->nlinks, w->link_alloc, md->nlinks + 1);
				folio_link *l = &md->links[md->nlinks++];
				memset(l, 0, sizeof(*l));
				l->target = folio_xstrndup(a.value, a.value_len);
				l->is_image = attr_is(&a, "src");
				html_position(w, node, lit, a.value_off, &l->line, &l->column);
				if (link_resolve(l, w->opts)) {
					folio_buf_put(&out, lit + copied, a.value_off - copied);
					folio_buf_puts(&out, l->resolved);
					copied = a.value_off + a.value_len;
					rewritten = true;
				}
			}
		}
	}
	if (rewritten) {
		folio_buf_puts(&out, lit + copied);
		cmark_node_set_literal(node, out.ptr);
	}
	folio_buf_dispose(&out);
}

static void add_note(walk *w, folio_markdown_note_kind kind, const char *subject,
                     const char *tag, unsigned line, unsigned column)
{
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->notes, md->nnotes, w->note_alloc, md->nnotes + 1);
	folio_markdown_note *n = &md->notes[md->nnotes++];
	n->kind = kind;
	n->subject = folio_xstrdup(subject ? subject : "");
	n->tag = tag ? folio_xstrdup(tag) : NULL;
	n->line = line;
	n->column = column;
}

typedef struct {
	walk *w;
	cmark_node *node;
	const char *lit;
} refusal_ctx;

static void on_refused(void *ctx, folio_html_refusal kind, const char *tag, const char *subject,
                       size_t offset)
{
	static const folio_markdown_note_kind kinds[] = {
		[FOLIO_HTML_TAG] = FOLIO_MD_NOTE_HTML_TAG,
		[FOLIO_HTML_IFRAME_HOST] = FOLIO_MD_NOTE_HTML_IFRAME_HOST,
		[FOLIO_HTML_ATTRIBUTE] = FOLIO_MD_NOTE_HTML_ATTRIBUTE,
		[FOLIO_HTML_URL] = FOLIO_MD_NOTE_HTML_URL,
	};
	refusal_ctx *r = ctx;
	unsigned line, col;
	html_position(r->w, r->node, r->lit, offset, &line, &col);
	add_note(r->w, kinds[kind], subject, tag, line, col);
}

/*
 * With allow_html, active content is refused: named in notes and left out
 * of the page (the whole tag or block), never escaped into visible text.
 * Returns whether the node was emptied.
 */
static bool filter_html(walk *w, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	if (!lit)
		return false;
	refusal_ctx r = { w, node, lit };
	if (!folio_html_filter(lit, strlen(lit), w->opts->embeds, w->opts->nembeds, on_refused, &r))
		return false;
	cmark_node_set_literal(node, "");
	return true;
}

/* Is lit only HTML comments and spaces? A comment is never shown and runs
 * nothing: Hugo leaves it out without unsafe HTML, so it is not raw HTML. */
static bool is_comment_only(const char *lit)
{
	if (!lit)
		return false;
	for (;;) {
		while (is_space(*lit))
			lit++;
		if (!*lit)
			return true;
		if (strncmp(lit, "<!--", 4))
			return false;
		const char *end = strstr(lit + 4, "-->");
		if (!end)
			return false;
		lit = end + 3;
	}
}

static void on_raw_html(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	if (is_comment_only(cmark_node_get_literal(node)) && !is_more(cmark_node_get_literal(node)))
		return;
	if (is_more(cmark_node_get_literal(node))) {
		/* the summary separator is allowed whatever allow_html says; in a
		 * paragraph, on_paragraph has seen it already */
		if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
			w->more_seen = true;
		return;
	}
	if (w->opts->allow_html && !filter_html(w, node))
		scan_html(w, node);
	if (md->has_raw_html)
		return;
	md->has_raw_html = true;
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK || !w->block) {
		md->raw_html_line = file_line(w, cmark_node_get_start_line(node));
		int col = cmark_node_get_start_column(node);
		md->raw_html_column = col > 0 ? (unsigned)col : 0;
		return;
	}
	size_t cursor = w->cursor; /* a tag is not a destination */
	const char *lit = cmark_node_get_literal(node);
	locate(w, node, lit ? lit : "", NULL, &md->raw_html_line, &md->raw_html_column);
	w->cursor = cursor;
}

/* FNV-1a, 64 bits: the text is not kept (folio_paragraph) */
static uint64_t paragraph_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void on_paragraph(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	size_t more_at;
	char *text = plain_text_ex(node, false, w->expanded, &more_at);
	if (!w->more_seen && w->before_more.size <= SUMMARY_MAX) {
		/* past SUMMARY_MAX bytes the summary is cut anyway */
		if (w->before_more.size && text[0])
			folio_buf_putc(&w->before_more, ' ');
		folio_buf_put(&w->before_more, text, more_at == SIZE_MAX ? strlen(text) : more_at);
	}
	if (more_at != SIZE_MAX)
		w->more_seen = true;
	if (!w->have_summary && text[0]) {
		md->summary = summary_of(text);
		w->have_summary = true;
	}
	if (strlen(text) < PARAGRAPH_MIN) {
		free(text);
		return;
	}
	FOLIO_ARRAY_GROW(md->paragraphs, md->nparagraphs, w->para_alloc, md->nparagraphs + 1);
	folio_paragraph *para = &md->paragraphs[md->nparagraphs++];
	para->len = strlen(text);
	para->hash = paragraph_hash(text, para->len);
	para->line = file_line(w, cmark_node_get_start_line(node));
	free(text);
}

static bool is_id_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == ':' || c == '.' || c >= 0x80;
}

/*
 * "### Titre {#ancre}": the id the author gave (Hugo's and Pandoc's heading
 * attribute), taken out of the heading's text; NULL when there is none.
 * The attribute may span several text nodes ('_' is a node of its own
 * when it is no emphasis), so the trailing text nodes are read as one.
 */
static char *heading_attribute_id(cmark_node *heading)
{
	cmark_node *first = cmark_node_last_child(heading);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT)
		return NULL;
	while (cmark_node_previous(first) && cmark_node_get_type(cmark_node_previous(first)) == CMARK_NODE_TEXT)
		first = cmark_node_previous(first);
	folio_buf text = FOLIO_BUF_INIT;
	for (cmark_node *n = first; n; n = cmark_node_next(n))
		folio_buf_puts(&text, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
	size_t n = text.size;
	while (n && text.ptr[n - 1] == ' ')
		n--;
	const char *open = n ? memrchr(text.ptr, '{', n) : NULL;
	char *id = NULL;
	if (open && text.ptr[n - 1] == '}' && open[1] == '#' && open + 2 < text.ptr + n - 1) {
		const char *s = open + 2, *e = text.ptr + n - 1;
		bool ok = true;
		for (const char *c = s; c < e && ok; c++)
			ok = is_id_byte((unsigned char)*c);
		if (ok) {
			id = folio_xstrndup(s, (size_t)(e - s));
			size_t keep = (size_t)(open - text.ptr);
			while (keep && text.ptr[keep - 1] == ' ')
				keep--;
			folio_buf_truncate(&text, keep);
			cmark_node_set_literal(first, text.ptr);
			while (cmark_node_next(first))
				cmark_node_free(cmark_node_next(first));
		}
	}
	folio_buf_dispose(&text);
	return id;
}

/* ---- definition lists ---- */

/*
 * "Term\n: definition" in one paragraph is a definition list (Markdown
 * Extra's, which Goldmark and kramdown read by default): the lines before
 * the first one starting with ": " are terms, each ": " line starts a
 * definition and other lines continue it. Each term gets an id made as a
 * heading's, in the same set (Hugo's autoDefinitionTermID), so links to
 * "#term" are checked as links to headings are.
 */

static bool is_break(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

/* Does the line starting at node start a definition (": ")? */
static bool dd_start(cmark_node *n)
{
	if (!n || cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return false;
	const char *lit = cmark_node_get_literal(n);
	return lit && lit[0] == ':' && (lit[1] == ' ' || lit[1] == '\t');
}

/* The first node of the line after the one holding n, or NULL. */
static cmark_node *next_line(cmark_node *n)
{
	while (n && !is_break(n))
		n = cmark_node_next(n);
	return n ? cmark_node_next(n) : NULL;
}

static bool is_definition_list(cmark_node *para)
{
	cmark_node *line = cmark_node_first_child(para);
	if (!line || dd_start(line))
		return false;
	for (; line; line = next_line(line))
		if (dd_start(line))
			return true;
	return false;
}

static void on_definition_list(walk *w, cmark_node *para)
{
	FOLIO_ARRAY_GROW(w->dl_nodes, w->ndl, w->dl_alloc, w->ndl + 1);
	w->dl_nodes[w->ndl++] = para;
	for (cmark_node *line = cmark_node_first_child(para); line && !dd_start(line);
	     line = next_line(line)) {
		folio_buf raw = FOLIO_BUF_INIT;
		for (cmark_node *n = line; n && !is_break(n); n = cmark_node_next(n)) {
			char *t = plain_text_ex(n, true, w->expanded, NULL);
			folio_buf_puts(&raw, t);
			free(t);
		}
		folio_buf_putc(&raw, '\0');
		char *id = id_unique(&w->ids, folio_markdown_heading_id(raw.ptr));
		folio_buf_dispose(&raw);
		if (id[0]) {
			id_insert(&w->ids, id);
			folio_markdown *md = w->md;
			FOLIO_ARRAY_GROW(md->anchors, md->nanchors, w->anchor_alloc, md->nanchors + 1);
			md->anchors[md->nanchors++] = folio_xstrdup(id);
		}
		FOLIO_ARRAY_GROW(w->dt_ids, w->ndt, w->dt_alloc, w->ndt + 1);
		w->dt_ids[w->ndt++] = id;
	}
}

/* A <dt> or <dd> around the inlines that will be moved into it. */
static cmark_node *dl_item(cmark_node *dl, bool dd, const char *id)
{
	folio_buf open = FOLIO_BUF_INIT;
	folio_buf_puts(&open, dd ? "<dd" : "<dt");
	if (id && id[0]) {
		folio_buf_puts(&open, " id=\"");
		folio_buf_put_html(&open, id, strlen(id));
		folio_buf_putc(&open, '"');
	}
	folio_buf_putc(&open, '>');
	cmark_node *span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(span, open.ptr);
	cmark_node_set_on_exit(span, dd ? "</dd>\n" : "</dt>\n");
	cmark_node_append_child(dl, span);
	folio_buf_dispose(&open);
	return span;
}

/* The paragraph replaced by <dl>; it is only unlinked, as a heading is
 * (heading_set_id). *dt is the index of its first term's id. */
static void dl_build(cmark_node *para, char **ids, size_t nids, size_t *dt)
{
	cmark_node *dl = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(dl, "<dl>\n");
	cmark_node_set_on_exit(dl, "</dl>\n");
	cmark_node *cur = NULL, *child;
	bool line_start = true, in_dd = false;
	while ((child = cmark_node_first_child(para))) {
		cmark_node_unlink(child);
		if (is_break(child)) {
			cmark_node *next = cmark_node_first_child(para);
			if (in_dd && next && !dd_start(next))
				cmark_node_append_child(cur, child); /* the definition goes on */
			else
				cmark_node_free(child);
			line_start = !(in_dd && next && !dd_start(next));
			continue;
		}
		if (line_start) {
			if (dd_start(child)) {
				const char *lit = cmark_node_get_literal(child) + 1;
				lit += strspn(lit, " \t");
				char *rest = folio_xstrdup(lit);
				cmark_node_set_literal(child, rest);
				free(rest);
				cur = dl_item(dl, true, NULL);
				in_dd = true;
			} else {
				cur = dl_item(dl, false, *dt < nids ? ids[*dt] : NULL);
				(*dt)++;
			}
			line_start = false;
		}
		cmark_node_append_child(cur, child);
	}
	cmark_node_insert_before(para, dl);
	cmark_node_unlink(para);
}

static void on_heading(walk *w, cmark_node *node)
{
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->headings, md->nheadings, w->heading_alloc, md->nheadings + 1);
	FOLIO_ARRAY_GROW(w->heading_nodes, md->nheadings, w->node_alloc, md->nheadings + 1);
	folio_heading *h = &md->headings[md->nheadings];
	char *given = heading_attribute_id(node);
	char *raw = plain_text_ex(node, true, w->expanded, NULL);
	h->text = plain_text_ex(node, false, w->expanded, NULL);
	h->id = id_unique(&w->ids, given ? given : folio_markdown_heading_id(raw));
	free(raw);
	id_insert(&w->ids, h->id);
	h->level = cmark_node_get_heading_level(node);
	h->line = file_line(w, cmark_node_get_start_line(node));
	w->heading_nodes[md->nheadings++] = node;
}

/* ---- kramdown's attribute lists ---- */

/*
 * "{: #id .class}" on a line of its own is kramdown's block attribute list
 * (Jekyll's Markdown): it applies to the block before it (or after it), and
 * kramdown shows nothing of it. folio keeps a heading's #id (as the same
 * heading's "{#id}"), drops the rest, and never shows the list as text.
 */
#define IAL_MAX 256

/* Is s (n bytes) one attribute list: "{:" (not "{::"), no braces inside, "}"? */
static bool is_ial(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 3 || n > IAL_MAX || s[0] != '{' || s[1] != ':' || s[2] == ':' || s[n - 1] != '}')
		return false;
	for (size_t i = 2; i + 1 < n; i++)
		if (s[i] == '{' || s[i] == '}' || s[i] == '\n')
			return false;
	return true;
}

/* The id an attribute list gives ("{: #v1-0 .x}" gives "v1-0"), or NULL. */
static char *ial_id(const char *s)
{
	for (const char *p = strchr(s, '#'); p; p = strchr(p + 1, '#')) {
		if (p[-1] != ' ' && p[-1] != ':')
			continue;
		size_t n = 0;
		while (p[1 + n] && is_id_byte((unsigned char)p[1 + n]) && p[1 + n] != '}')
			n++;
		if (n)
			return folio_xstrndup(p + 1, n);
	}
	return NULL;
}

/* The text of the line of inlines from first up to a break or the end,
 * when that line is all text and an attribute list; NULL otherwise. *next
 * is the break ending it (NULL at the end). */
static char *ial_line(cmark_node *first, cmark_node **next)
{
	folio_buf b = FOLIO_BUF_INIT;
	cmark_node *n = first;
	for (; n && !is_break(n); n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT || b.size > IAL_MAX) {
			folio_buf_dispose(&b);
			return NULL;
		}
		folio_buf_puts(&b, cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
	}
	*next = n;
	if (!b.size || !is_ial(b.ptr, b.size)) {
		folio_buf_dispose(&b);
		return NULL;
	}
	folio_buf_putc(&b, '\0');
	return folio_buf_detach(&b, NULL);
}

/* Free the inlines from first up to (not including) stop. */
static void free_inlines(cmark_node *first, cmark_node *stop)
{
	while (first && first != stop) {
		cmark_node *next = cmark_node_next(first);
		cmark_node_free(first);
		first = next;
	}
}

/* Take the attribute lists off the first and last lines of para; true when
 * nothing of it is left (the caller frees it). A list alone after a
 * heading gives the heading its id. */
static bool strip_ials(cmark_node *para)
{
	cmark_node *brk = NULL;
	char *ial = ial_line(cmark_node_first_child(para), &brk);
	if (ial && !brk) {
		cmark_node *prev = cmark_node_previous(para);
		char *id = ial_id(ial);
		if (id && prev && cmark_node_get_type(prev) == CMARK_NODE_HEADING) {
			/* read by heading_attribute_id, as if written "## Title {#id}" */
			char *attr = folio_xasprintf(" {#%s}", id);
			cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, attr);
			cmark_node_append_child(prev, t);
			free(attr);
		}
		free(id);
		free(ial);
		return true;
	}
	if (ial) { /* "{: .x}\ntext": the list on the block's first line */
		free_inlines(cmark_node_first_child(para), cmark_node_next(brk));
		free(ial);
	}
	/* "text\n{: .note}": on its last line */
	cmark_node *last = cmark_node_last_child(para);
	while (last && cmark_node_previous(last) && !is_break(cmark_node_previous(last)))
		last = cmark_node_previous(last);
	if (last && cmark_node_previous(last) && (ial = ial_line(last, &brk)) != NULL) {
		free_inlines(cmark_node_previous(last), NULL);
		free(ial);
	}
	return cmark_node_first_child(para) == NULL;
}

static void strip_all_ials(cmark_node *doc)
{
	cmark_node **gone = NULL;
	size_t ngone = 0, alloc = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_EXIT || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		if (strip_ials(n)) {
			FOLIO_ARRAY_GROW(gone, ngone, alloc, ngone + 1);
			gone[ngone++] = n;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < ngone; i++)
		cmark_node_free(gone[i]);
	free(gone);
}

static bool is_block(cmark_node *node)
{
	return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* Inline nodes only sit in leaf blocks, so the last block entered holds them. */
static void walk_tree(walk *w, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (is_block(n)) {
			w->block = n;
			w->cursor = 0;
		}
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			if (!w->opts->html_only) /* text only: summary, repeats */
				on_paragraph(w, n);
			if (is_definition_list(n))
				on_definition_list(w, n);
			break;
		case CMARK_NODE_HEADING:
			on_heading(w, n);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			on_link(w, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			on_raw_html(w, n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/*
 * cmark renders headings without ids and has no hook for attributes, so
 * each heading becomes a custom block holding a custom inline that opens
 * and closes the tag; the heading's inlines move inside unchanged, so
 * emphasis, code and links render as before. The heading is only unlinked:
 * its inlines' text still points into its buffer until the tree is freed.
 */
static void heading_set_id(cmark_node *heading, const folio_heading *h)
{
	folio_buf open = FOLIO_BUF_INIT;
	folio_buf_printf(&open, "<h%d", h->level);
	if (h->id[0]) {
		folio_buf_puts(&open, " id=\"");
		folio_buf_put_html(&open, h->id, strlen(h->id));
		folio_buf_putc(&open, '"');
	}
	folio_buf_putc(&open, '>');
	char close[8];
	snprintf(close, sizeof(close), "</h%d>", h->level);

	cmark_node *block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node *span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	cmark_node_set_on_enter(block, "");
	cmark_node_set_on_exit(block, "");
	cmark_node_set_on_enter(span, open.ptr);
	cmark_node_set_on_exit(span, close);
	cmark_node *child;
	while ((child = cmark_node_first_child(heading))) {
		cmark_node_unlink(child);
		cmark_node_append_child(span, child);
	}
	cmark_node_append_child(block, span);
	cmark_node_insert_before(heading, block);
	cmark_node_unlink(heading);
	folio_buf_dispose(&open);
}

/* ---- table budget ---- */

/*
 * cmark-gfm's table extension makes every row as wide as the header: a
 * header and delimiter row of N columns followed by M short lines build
 * N x M cells (a 12 KB page: millions of nodes, seconds, a gigabyte). The
 * cells are counted here in one pass before parsing: a delimiter row
 * ("|---|:--:|") gives the columns, and every line up to the next blank
 * line is a row. That may count a few lines GFM would end the table
 * before (a quote, a fence), never fewer, so the bound holds.
 */
static size_t delimiter_columns(const char *s, const char *end)
{
	size_t cols = 0, dashes = 0;
	bool cell_open = false, any_pipe = false;
	for (; s < end; s++) {
		char c = *s;
		if (c == '|') {
			any_pipe = true;
			if (cell_open && !dashes)
				return 0;
			cols += cell_open;
			cell_open = false;
			dashes = 0;
		} else if (c == '-') {
			cell_open = true;
			dashes++;
		} else if (c == ':') {
			cell_open = true;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return 0;
		}
	}
	if (cell_open) {
		if (!dashes)
			return 0;
		cols++;
	}
	/* a line of dashes alone is a thematic break or a setext underline */
	return any_pipe ? cols : 0;
}

static bool blank_line(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Cells of the tables of text; *line: where the count passed max. */
static size_t count_table_cells(const char *text, size_t len, size_t max, unsigned *line)
{
	const char *end = text + len;
	size_t total = 0, cols = 0;
	unsigned n = 0;
	*line = 0;
	for (const char *s = text; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		n++;
		if (cols && blank_line(s, e)) {
			cols = 0;
		} else if (cols) {
			total += cols;
		} else if ((cols = delimiter_columns(s, e))) {
			total += 2 * cols; /* the header row and this one */
			*line = n > 1 ? n - 1 : 1; /* the header row's */
		}
		if (total > max)
			return total;
		s = nl ? nl + 1 : end;
	}
	return total;
}

/* ---- shortcodes ---- */

/* A figure's src or link: a link of the page like any other. */
static const char *link_hook(void *ctx, const char *target, bool is_image, unsigned line,
                             unsigned column)
{
	walk *w = ctx;
	folio_markdown *md = w->md;
	FOLIO_ARRAY_GROW(md->links, md->nlinks, w->link_alloc, md->nlinks + 1);
	folio_link *l = &md->links[md->nlinks++];
	memset(l, 0, sizeof(*l));
	l->target = folio_xstrdup(target);
	l->is_image = is_image;
	l->line = line;
	l->column = column;
	return link_resolve(l, w->opts) ? l->resolved : l->target;
}

/* URL of the page of a site path ("posts/x.md"), NULL when the site knows
 * none; without a site to ask, the path itself (link_resolve places it). */
static const char *page_url(walk *w, const char *path)
{
	if (w->opts->page_url_of)
		return w->opts->page_url_of(path, w->opts->payload);
	free(w->ref_scratch);
	w->ref_scratch = folio_xasprintf("/%s", path);
	return w->ref_scratch;
}

/*
 * Hugo's ref and relref: the page is named by its file, with or without
 * ".md", or by its folder (a bundle's index.md, a section's _index.md);
 * a path not starting with '/' is looked for beside the page first, then
 * from the site root. The answer is the page's URL with the fragment
 * ("/posts/x/#h"), checked as any link; a page found nowhere gives the
 * first candidate's file path ("/posts/x.md"), which validation reports.
 */
static const char *ref_hook(void *ctx, const char *target)
{
	walk *w = ctx;
	size_t pathlen = strcspn(target, "#");
	const char *frag = target + pathlen;
	free(w->ref_path);
	w->ref_path = NULL;
	if (!pathlen)
		return NULL;
	const char *src = w->opts->source_path ? w->opts->source_path : "";
	const char *slash = strrchr(src, '/');
	size_t dirlen = slash ? (size_t)(slash - src) + 1 : 0;
	bool dir = target[pathlen - 1] == '/';
	char *first = NULL;
	for (int from_root = target[0] == '/'; from_root < 2 && !w->ref_path; from_root++) {
		char *base = normalize_file_path(src, from_root ? 0 : dirlen, target, pathlen);
		if (!base)
			continue;
		const char *sep = base[0] ? "/" : "";
		char *cands[3] = { NULL, NULL, NULL };
		if (!dir && ends_with(base, strlen(base), ".md")) {
			cands[0] = folio_xstrdup(base);
		} else {
			cands[0] = dir ? NULL : folio_xasprintf("%s.md", base);
			cands[1] = folio_xasprintf("%s%sindex.md", base, sep);
			cands[2] = folio_xasprintf("%s%s_index.md", base, sep);
		}
		for (size_t i = 0; i < 3; i++) {
			if (!cands[i])
				continue;
			const char *url = w->ref_path ? NULL : page_url(w, cands[i]);
			if (url) /* the page's own address, as Hugo writes it; then checked as a link */
				w->ref_path = folio_xasprintf("%s%s", url, frag);
			if (!first)
				first = cands[i];
			else
				free(cands[i]);
		}
		free(base);
	}
	if (!w->ref_path && first)
		w->ref_path = folio_xasprintf("/%s%s", first, frag);
	free(first);
	return w->ref_path;
}

static void note_hook(void *ctx, folio_markdown_note_kind kind, const char *subject, unsigned line,
                      unsigned column)
{
	add_note(ctx, kind, subject, NULL, line, column);
}

/* ---- entry points ---- */

char *folio_markdown_inline_html(const char *text, size_t len)
{
	pthread_once(&register_once, register_extensions);
	pthread_mutex_lock(&parse_lock);
	char *html = cmark_markdown_to_html(text, len, CMARK_OPT_DEFAULT);
	pthread_mutex_unlock(&parse_lock);
	if (!html)
		return NULL;
	/* one paragraph, and only one: its inner HTML */
	size_t n = strlen(html);
	char *inner = NULL;
	if (n > 8 && !strncmp(html, "<p>", 3) && !strcmp(html + n - 5, "</p>\n") &&
	    !memmem(html + 3, n - 8, "<p>", 3))
		inner = folio_xstrndup(html + 3, n - 8);
	cmark_get_default_mem_allocator()->free(html);
	return inner;
}

static cmark_node *parse(const char *text, size_t len, int options, cmark_llist **exts,
                         cmark_parser **parser_out)
{
	/* with raw HTML allowed, html_filter.c refuses what tagfilter would
	 * escape into visible text (and iframes of listed hosts are kept) */
	static const char *const names[] = { "table", "strikethrough", "autolink", "tagfilter" };
	size_t nnames = sizeof(names) / sizeof(names[0]) - ((options & CMARK_OPT_UNSAFE) != 0);
	cmark_parser *parser = cmark_parser_new(options);
	for (size_t i = 0; i < nnames; i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	pthread_mutex_lock(&parse_lock);
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	pthread_mutex_unlock(&parse_lock);
	*exts = cmark_parser_get_syntax_extensions(parser);
	*parser_out = parser;
	return doc;
}

static int render_html(folio_markdown *md, cmark_node *doc, int options, cmark_llist *exts)
{
	char *html = cmark_render_html(doc, options, exts);
	if (!html)
		return folio_error_set("markdown: cmark-gfm failed to render");
	md->html_len = strlen(html);
	md->html = folio_xstrndup(html, md->html_len);
	cmark_get_default_mem_allocator()->free(html);
	return 0;
}

int folio_markdown_render(folio_markdown *out, const char *text, size_t len,
                          unsigned first_line, const folio_markdown_options *opts)
{
	static const folio_markdown_options defaults = FOLIO_MARKDOWN_OPTIONS_INIT;
	walk w;
	cmark_parser *parser = NULL;
	cmark_llist *exts = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (len > TEXT_MAX)
		return folio_error_set("markdown: text of %zu bytes is too large", len);
	if (!opts)
		opts = &defaults;
	if (opts->max_table_cells != SIZE_MAX && text) {
		unsigned line;
		size_t cells = count_table_cells(text, len, opts->max_table_cells, &line);
		if (cells > opts->max_table_cells) {
			out->table_cells = cells;
			out->table_line = line + (first_line ? first_line : 1) - 1;
			out->html = folio_xstrdup("");
			out->summary = folio_xstrdup("");
			return 0;
		}
	}
	pthread_once(&register_once, register_extensions);

	memset(&w, 0, sizeof(w));
	w.md = out;
	w.opts = opts;
	w.first_line = first_line ? first_line : 1;
	folio_buf_init(&w.before_more);

	/* shortcodes first: "{{<figure src=x>}}" would otherwise parse as a tag */
	folio_shortcode_expansion x;
	folio_shortcode_hooks hooks = { link_hook, ref_hook, note_hook, &w, w.first_line };
	folio_shortcodes_expand(&x, text, len, &hooks);
	free(w.ref_path);
	free(w.ref_scratch);
	if (x.text) {
		text = x.text;
		len = x.len;
		w.expanded = true;
	}

	int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
	if (opts->allow_html)
		options |= CMARK_OPT_UNSAFE;
	cmark_node *doc = parse(text ? text : "", text ? len : 0,
	                        options | CMARK_OPT_SOURCEPOS, &exts, &parser);
	if (!doc) {
		cmark_parser_free(parser);
		folio_shortcodes_dispose(&x);
		folio_buf_dispose(&w.before_more);
		folio_markdown_dispose(out);
		return folio_error_set("markdown: cmark-gfm failed to parse");
	}

	lines_build(&w.lines, text ? text : "", text ? len : 0);
	strip_all_ials(doc);
	walk_tree(&w, doc);
	if (w.more_seen) {
		free(out->summary);
		out->summary = NULL;
		while (w.before_more.size && w.before_more.ptr[w.before_more.size - 1] == ' ')
			folio_buf_truncate(&w.before_more, w.before_more.size - 1);
		folio_buf_putc(&w.before_more, '\0');
		out->summary = summary_of(w.before_more.ptr);
	}
	folio_buf_dispose(&w.before_more);
	for (size_t i = 0; i < out->nheadings; i++)
		heading_set_id(w.heading_nodes[i], &out->headings[i]);
	for (size_t i = 0, dt = 0; i < w.ndl; i++)
		dl_build(w.dl_nodes[i], w.dt_ids, w.ndt, &dt);
	if (!out->summary)
		out->summary = folio_xstrdup("");

	rc = opts->no_html ? 0 : render_html(out, doc, options, exts);
	if (rc == 0 && x.nhtml && !opts->no_html) {
		folio_buf html = FOLIO_BUF_INIT;
		folio_shortcodes_apply(&html, out->html, out->html_len, &x);
		free(out->html);
		out->html = folio_buf_detach(&html, &out->html_len);
	}
	folio_shortcodes_dispose(&x);

	free(w.lines.starts);
	for (size_t i = 0; i < out->nheadings; i++)
		cmark_node_free(w.heading_nodes[i]);
	free(w.heading_nodes);
	for (size_t i = 0; i < w.ndl; i++)
		cmark_node_free(w.dl_nodes[i]);
	free(w.dl_nodes);
	for (size_t i = 0; i < w.ndt; i++)
		free(w.dt_ids[i]);
	free(w.dt_ids);
	free(w.ids.slots);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	if (rc < 0)
		folio_markdown_dispose(out);
	return rc;
}

void folio_markdown_dispose(folio_markdown *md)
{
	if (!md)
		return;
	free(md->html);
	for (size_t i = 0; i < md->nheadings; i++) {
		free(md->headings[i].id);
		free(md->headings[i].text);
	}
	free(md->headings);
	for (size_t i = 0; i < md->nlinks; i++) {
		free(md->links[i].target);
		free(md->links[i].resolved);
	}
	free(md->links);
	for (size_t i = 0; i < md->nanchors; i++)
		free(md->anchors[i]);
	free(md->anchors);
	free(md->summary);
	free(md->paragraphs);
	for (size_t i = 0; i < md->nnotes; i++) {
		free(md->notes[i].subject);
		free(md->notes[i].tag);
	}
	free(md->notes);
	memset(md, 0, sizeof(*md));
}
