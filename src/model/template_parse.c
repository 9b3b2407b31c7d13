/*
 * Compiling a Mustache template (see template.c for the invariants of the
 * result): tokenize, mark standalone lines, build the tree in the
 * template's arena. Syntax errors become template/syntax findings with the
 * source line and column; nothing here can fail after tokenizing.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/template_tree.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* --- arena: one per template, freed at once ------------------------------ */

/*
 * The arena and a template's free live with the parser that fills them, so
 * template.c (the set) calls this file and this file never calls back.
 */

void *folio_templates__alloc(struct arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	if (!a->head || a->head->size - a->head->used < size) {
		size_t cap = size > 8192 ? size : 8192;
		struct chunk *c = folio_xmalloc(sizeof(*c) + cap);
		c->next = a->head;
		c->used = 0;
		c->size = cap;
		a->head = c;
	}
	void *p = (char *)a->head->data + a->head->used;
	a->head->used += size;
	return p;
}

char *folio_templates__strndup(struct arena *a, const char *s, size_t len)
{
	char *p = folio_templates__alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void folio_templates__arena_free(struct arena *a)
{
	while (a->head) {
		struct chunk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
}

void folio_templates__template_free(struct template *t)
{
	if (!t)
		return;
	folio_templates__arena_free(&t->arena);
	free(t->name);
	free(t->path);
	free(t);
}

/* --- tokenizer ------------------------------------------------------------- */

enum tok_type {
	T_TEXT, T_LINE, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE,
	T_COMMENT, T_PARTIAL, T_PARENT, T_BLOCK, T_DELIM,
};

struct token {
	uint8_t type;
	bool deleted;       /* whitespace, newline or LINE of a standalone line */
	bool standalone;    /* a tag of a standalone line */
	bool dynamic;
	bool closes_parent;
	size_t start, end;  /* the whole token in the source */
	size_t name, name_len;
	size_t indent_len;  /* first tag of a standalone line: whitespace before it */
	unsigned line, column;
};

struct parser {
	const char *src;
	size_t len;
	const char *path;
	folio_diags *diags;
	struct arena *arena;
	struct token *toks;
	size_t ntoks, atoks;
	size_t loc_off, loc_line, loc_col; /* last position located */
};

static struct token *push_token(struct parser *p, int type, size_t start, size_t end)
{
	FOLIO_ARRAY_GROW(p->toks, p->ntoks, p->atoks, p->ntoks + 1);
	struct token *t = &p->toks[p->ntoks++];
	memset(t, 0, sizeof(*t));
	t->type = (uint8_t)type;
	t->start = start;
	t->end = end;
	return t;
}

/* Line and column (1-based, in code points) of off; cheap for rising offsets. */
static void locate(struct parser *p, size_t off, unsigned *line, unsigned *col)
{
	if (off < p->loc_off || p->loc_line == 0) {
		p->loc_off = 0;
		p->loc_line = 1;
		p->loc_col = 1;
	}
	for (size_t i = p->loc_off; i < off && i < p->len; i++) {
		unsigned char c = (unsigned char)p->src[i];
		if (c == '\n') {
			p->loc_line++;
			p->loc_col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->loc_col++;
		}
	}
	p->loc_off = off;
	*line = (unsigned)p->loc_line;
	*col = (unsigned)p->loc_col;
}

static int syntax_error(struct parser *p, size_t off, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int syntax_error(struct parser *p, size_t off, const char *hint, const char *fmt, ...)
{
	unsigned line, col;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), folio_i18n_finding(fmt), ap);
	va_end(ap);
	locate(p, off, &line, &col);
	if (p->diags)
		folio_diags_add(p->diags, FOLIO_RULE_TEMPLATE_SYNTAX, p->path, line, col,
		                hint, "%s", msg);
	return FOLIO_EINVALID;
}

/* Subjects quoted in messages are cut to this many bytes. */
#define SUBJ(len) ((int)((len) > 80 ? 80 : (len)))

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const char *s, size_t *from, size_t *to)
{
	while (*from < *to && is_space(s[*from]))
		(*from)++;
	while (*to > *from && is_space(s[*to - 1]))
		(*to)--;
}

/* Text from..to, cut after each newline; a LINE token starts each new line. */
static void push_text(struct parser *p, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(p->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - p->src) + 1 : to;
		push_token(p, T_TEXT, from, end);
		if (nl && end < p->len)
			push_token(p, T_LINE, end, end);
		from = end;
	}
}

/* Offset of the closing delimiter of a tag whose content starts at from, or
 * SIZE_MAX. With a sigil (the } of a triple mustache, the = of a delimiter
 * change) the close must directly follow that character. */
static size_t find_close(const struct parser *p, size_t from, char sigil,
                         const char *cd, size_t cl)
{
	size_t pos = from;
	for (;;) {
		const char *c = memmem(p->src + pos, p->len - pos, cd, cl);
		if (!c)
			return SIZE_MAX;
		size_t at = (size_t)(c - p->src);
		if (!sigil)
			return at;
		if (at > from && p->src[at - 1] == sigil)
			return at - 1;
		pos = at + 1;
	}
}

static bool has_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (is_space(s[i]))
			return true;
	return false;
}

/* {{=<% %>=}}: content a..b holds the two new delimiters. */
static int parse_delimiters(struct parser *p, size_t tag, size_t a, size_t b,
                            const char **od, size_t *ol, const char **cd, size_t *cl)
{
	trim(p->src, &a, &b);
	size_t mid = a;
	while (mid < b && !is_space(p->src[mid]))
		mid++;
	size_t c = mid;
	while (c < b && is_space(p->src[c]))
		c++;
	if (mid == a || c == b || has_space(p->src + c, b - c) ||
	    memchr(p->src + a, '=', mid - a) || memchr(p->src + c, '=', b - c))
		return syntax_error(p, tag, "write two delimiters without spaces or '=', like {{=<% %>=}}",
		                    "invalid delimiters \"%.*s\"", SUBJ(b - a), p->src + a);
	*od = p->src + a;
	*ol = mid - a;
	*cd = p->src + c;
	*cl = b - c;
	return 0;
}

static int tag_type(char sigil)
{
	switch (sigil) {
	case '{': case '&': return T_RAW;
	case '#': return T_SECTION;
	case '^': return T_INVERTED;
	case '/': return T_CLOSE;
	case '!': return T_COMMENT;
	case '>': return T_PARTIAL;
	case '<': return T_PARENT;
	case '$': return T_BLOCK;
	case '=': return T_DELIM;
	default: return T_VAR;
	}
}

static const char *open_kind(int type)
{
	switch (type) {
	case T_PARENT: return "parent";
	case T_BLOCK: return "block";
	default: return "section";
	}
}

struct nest {
	size_t open[MAX_NESTING];
	size_t depth;
};

/* Match open and close tags; ti is the token just pushed. */
static int check_nesting(struct parser *p, struct nest *n, size_t ti)
{
	struct token *t = &p->toks[ti];
	const char *name = p->src + t->name;
	if (t->type == T_SECTION || t->type == T_INVERTED || t->type == T_PARENT ||
	    t->type == T_BLOCK) {
		if (n->depth == MAX_NESTING)
			return syntax_error(p, t->start, NULL, "sections nested deeper than %d at \"%.*s\"",
			                    MAX_NESTING, SUBJ(t->name_len), name);
		n->open[n->depth++] = ti;
		return 0;
	}
	if (t->type != T_CLOSE)
		return 0;
	if (!n->depth)
		return syntax_error(p, t->start, "remove it or open the section before",
		                    "unmatched closing tag \"%.*s\"", SUBJ(t->name_len), name);
	const struct token *o = &p->toks[n->open[n->depth - 1]];
	/* a dynamic parent {{<*x}} closes with {{/ *x}} */
	size_t a = t->name, b = t->name + t->name_len;
	bool star = p->src[a] == '*';
	if (star) {
		a++;
		trim(p->src, &a, &b);
	}
	if (star != o->dynamic || b - a != o->name_len ||
	    memcmp(p->src + a, p->src + o->name, o->name_len)) {
		char hint[200];
		snprintf(hint, sizeof(hint), "the open %s is \"%s%.*s\"", open_kind(o->type),
		         o->dynamic ? "*" : "", SUBJ(o->name_len), p->src + o->name);
		return syntax_error(p, t->start, hint, "unmatched closing tag \"%.*s\"",
		                    SUBJ(t->name_len), name);
	}
	t->closes_parent = o->type == T_PARENT;
	n->depth--;
	return 0;
}

/* One tag starting at tag (its open delimiter); sets *next past it. */
static int scan_tag(struct parser *p, size_t tag, const char **od, size_t *ol,
                    const char **cd, size_t *cl, size_t *next)
{
	size_t s = tag + *ol;
	char sigil = s < p->len ? p->src[s] : '\0';
	int type = tag_type(sigil);
	char close_sigil = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
	size_t content = type == T_VAR ? s : s + 1;
	size_t end = content <= p->len ? find_close(p, content, close_sigil, *cd, *cl) : SIZE_MAX;
	if (end == SIZE_MAX)
		return syntax_error(p, tag, "close it, or change delimiters with {{=<% %>=}} to write it as text",
		                    "unclosed tag");
	*next = end + (close_sigil ? 1 : 0) + *cl;
	struct token *t = push_token(p, type, tag, *next);
	locate(p, tag, &t->line, &t->column);
	if (type == T_DELIM)
		return parse_delimiters(p, tag, content, end, od, ol, cd, cl);
	size_t a = content, b = end;
	trim(p->src, &a, &b);
	if (type == T_COMMENT)
		return 0;
	if ((type == T_PARTIAL || type == T_PARENT) && a < b && p->src[a] == '*') {
		t->dynamic = true;
		a++;
		trim(p->src, &a, &b);
	}
	t->name = a;
	t->name_len = b - a;
	if (a == b)
		return syntax_error(p, tag, NULL, "empty tag");
	if (has_space(p->src + a, b - a))
		return syntax_error(p, tag, "a name holds no spaces", "invalid tag name \"%.*s\"",
		                    SUBJ(b - a), p->src + a);
	return 0;
}

static int tokenize(struct parser *p)
{
	const char *od = "{{", *cd = "}}";
	size_t ol = 2, cl = 2, pos = 0;
	struct nest n = { .depth = 0 };
	if (p->len)
		push_token(p, T_LINE, 0, 0);
	while (pos < p->len) {
		const char *o = memmem(p->src + pos, p->len - pos, od, ol);
		size_t tag = o ? (size_t)(o - p->src) : p->len;
		push_text(p, pos, tag);
		if (!o)
			break;
		size_t before = p->ntoks;
		if (scan_tag(p, tag, &od, &ol, &cd, &cl, &pos) < 0)
			return FOLIO_EINVALID;
		if (p->ntoks > before && check_nesting(p, &n, p->ntoks - 1) < 0)
			return FOLIO_EINVALID;
	}
	if (n.depth) {
		const struct token *t = &p->toks[n.open[n.depth - 1]];
		char hint[200];
		snprintf(hint, sizeof(hint), "close it with {{/%s%.*s}}", t->dynamic ? "*" : "",
		         SUBJ(t->name_len), p->src + t->name);
		return syntax_error(p, t->start, hint, "unclosed %s \"%s%.*s\"", open_kind(t->type),
		                    t->dynamic ? "*" : "", SUBJ(t->name_len), p->src + t->name);
	}
	return 0;
}

/* --- standalone lines ------------------------------------------------------ */

/* Spaces and tabs, then at most a final "\n" or "\r\n". */
static bool blank_text(const char *s, size_t len)
{
	if (len && s[len - 1] == '\n') {
		len--;
		if (len && s[len - 1] == '\r')
			len--;
	}
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/*
 * Tokens [from, to) form one line. It is standalone when it holds nothing
 * but whitespace and tags that output nothing themselves: one such tag, or
 * several when one opens or closes a parent ("{{<base}}{{$main}}").
 */
static bool line_is_standalone(const struct parser *p, size_t from, size_t to)
{
	size_t tags = 0;
	bool parent = false;
	for (size_t k = from; k < to; k++) {
		const struct token *t = &p->toks[k];
		switch (t->type) {
		case T_LINE:
			break;
		case T_TEXT:
			if (!blank_text(p->src + t->start, t->end - t->start))
				return false;
			break;
		case T_VAR: case T_RAW:
			return false;
		default:
			tags++;
			parent = parent || t->type == T_PARENT || t->closes_parent;
		}
	}
	return tags == 1 || (tags > 1 && parent);
}

static void strip_line(struct parser *p, size_t from, size_t to)
{
	bool first = true;
	size_t indent = 0;
	for (size_t k = from; k < to; k++) {
		struct token *t = &p->toks[k];
		if (t->type == T_LINE || t->type == T_TEXT) {
			if (first && t->type == T_TEXT)
				indent = t->end - t->start;
			t->deleted = true;
			continue;
		}
		t->standalone = true;
		if (first)
			t->indent_len = indent;
		first = false;
	}
}

static void mark_standalone(struct parser *p)
{
	size_t i = 0;
	while (i < p->ntoks) {
		size_t j = i + 1;
		while (j < p->ntoks && p->toks[j].type != T_LINE)
			j++;
		if (line_is_standalone(p, i, j))
			strip_line(p, i, j);
		i = j;
	}
}

/* --- tree ------------------------------------------------------------------ */

/* A container being built: the root, or an open section, parent or block. */
struct frame {
	const struct token *open; /* NULL for the root */
	struct node *kids;
	size_t n, alloc;
	const char *dedent;       /* indentation stripped from each line inside */
	size_t dedent_len;
	const char *indent;       /* block: indentation it adds where it expands */
	size_t indent_len;
};

/* Length of the prefix of s that repeats the indentation d. */
static size_t dedent_len(const char *s, size_t len, const char *d, size_t dlen)
{
	size_t i = 0;
	while (i < len && i < dlen && s[i] == d[i])
		i++;
	return i;
}

static struct name make_name(struct arena *a, const char *s, size_t len)
{
	struct name n = { NULL, 0 };
	if (len == 1 && s[0] == '.')
		return n;
	n.nseg = 1;
	for (size_t i = 0; i < len; i++)
		n.nseg += s[i] == '.';
	n.seg = folio_templates__alloc(a, n.nseg * sizeof(*n.seg));
	size_t k = 0, from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			n.seg[k++] = folio_templates__strndup(a, s + from, i - from);
			from = i + 1;
		}
	}
	return n;
}

static void frame_append(struct frame *f, const struct node *node)
{
	/* Inside {{<parent}}...{{/parent}} only blocks count; the rest is ignored. */
	if (f->open && f->open->type == T_PARENT && node->type != N_BLOCK)
		return;
	FOLIO_ARRAY_GROW(f->kids, f->n, f->alloc, f->n + 1);
	f->kids[f->n++] = *node;
}

static struct node tag_node(const struct parser *p, const struct token *t, int type)
{
	struct node n;
	memset(&n, 0, sizeof(n));
	n.type = (uint8_t)type;
	n.str = folio_templates__strndup(p->arena, p->src + t->name, t->name_len);
	n.len = t->name_len;
	if (type == N_VAR || type == N_SECTION || type == N_INVERTED || t->dynamic)
		n.name = make_name(p->arena, p->src + t->name, t->name_len);
	if (t->type == T_RAW)
		n.flags |= F_RAW;
	if (t->standalone)
		n.flags |= F_STANDALONE;
	if (t->dynamic)
		n.flags |= F_DYNAMIC;
	n.line = t->line;
	n.column = t->column;
	return n;
}

/* Indentation of a standalone partial or parent, relative to the enclosing block. */
static void standalone_indent(const struct parser *p, const struct token *t,
                              const struct frame *top, struct node *n)
{
	if (!t->standalone || !t->indent_len)
		return;
	const char *ws = p->src + t->start - t->indent_len;
	size_t cut = dedent_len(ws, t->indent_len, top->dedent, top->dedent_len);
	n->indent = ws + cut;
	n->indent_len = t->indent_len - cut;
}

static size_t space_run(const char *s, size_t from, size_t len)
{
	size_t i = from;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i - from;
}

/*
 * A block's own indentation: for a standalone block that of its first line
 * ("intrinsic"), for a block preceded only by whitespace on its line that
 * whitespace. Lines inside it lose it where the block is written and get
 * the expansion site's instead.
 */
static void block_frame(const struct parser *p, size_t ti, size_t line_start,
                        const struct frame *top, struct frame *f)
{
	const struct token *t = &p->toks[ti];
	size_t from = 0, len = 0;
	bool own = false;
	if (t->standalone) {
		for (size_t k = ti + 1; k < p->ntoks && !own; k++) {
			if (p->toks[k].type == T_LINE) {
				from = p->toks[k].start;
				len = space_run(p->src, from, p->len);
				own = true;
			}
		}
	} else if (space_run(p->src, line_start, t->start) == t->start - line_start &&
	           t->start > line_start) {
		from = line_start;
		len = t->start - line_start;
		own = true;
	}
	if (!own)
		return;
	size_t cut = dedent_len(p->src + from, len, top->dedent, top->dedent_len);
	f->dedent = p->src + from;
	f->dedent_len = len;
	f->indent = p->src + from + cut;
	f->indent_len = len - cut;
}

static void close_frame(struct parser *p, struct frame *f, struct frame *parent)
{
	static const uint8_t types[] = {
		[T_SECTION] = N_SECTION, [T_INVERTED] = N_INVERTED,
		[T_PARENT] = N_PARENT, [T_BLOCK] = N_BLOCK,
	};
	struct node n = tag_node(p, f->open, types[f->open->type]);
	n.nkids = f->n;
	if (f->n) {
		n.kids = folio_templates__alloc(p->arena, f->n * sizeof(*n.kids));
		memcpy(n.kids, f->kids, f->n * sizeof(*n.kids));
	}
	if (n.type == N_BLOCK) {
		n.indent = f->indent;
		n.indent_len = f->indent_len;
	} else if (n.type == N_PARENT) {
		standalone_indent(p, f->open, parent, &n);
	}
	free(f->kids);
	frame_append(parent, &n);
}

static void build_token(struct parser *p, size_t ti, size_t line_start,
                        struct frame *stack, size_t *top)
{
	const struct token *t = &p->toks[ti];
	struct frame *f = &stack[*top];
	struct node n;
	memset(&n, 0, sizeof(n));
	switch (t->type) {
	case T_LINE:
		n.type = N_LINE;
		frame_append(f, &n);
		break;
	case T_TEXT: {
		size_t from = t->start;
		if (from == line_start)
			from += dedent_len(p->src + from, t->end - from, f->dedent, f->dedent_len);
		if (from == t->end)
			break;
		n.type = N_TEXT;
		n.str = p->src + from;
		n.len = t->end - from;
		frame_append(f, &n);
		break;
	}
	case T_VAR: case T_RAW:
		n = tag_node(p, t, N_VAR);
		frame_append(f, &n);
		break;
	case T_PARTIAL:
		n = tag_node(p, t, N_PARTIAL);
		standalone_indent(p, t, f, &n);
		frame_append(f, &n);
		break;
	case T_SECTION: case T_INVERTED: case T_PARENT: case T_BLOCK: {
		struct frame *g = &stack[++*top];
		memset(g, 0, sizeof(*g));
		g->open = t;
		g->dedent = f->dedent;
		g->dedent_len = f->dedent_len;
		if (t->type == T_BLOCK)
			block_frame(p, ti, line_start, f, g);
		break;
	}
	case T_CLOSE:
		close_frame(p, f, &stack[*top - 1]);
		--*top;
		break;
	default: /* comments and delimiter changes leave nothing */
		break;
	}
}

static void build(struct parser *p, struct template *tpl)
{
	struct frame stack[MAX_NESTING + 1];
	size_t top = 0, line_start = 0;
	memset(&stack[0], 0, sizeof(stack[0]));
	for (size_t i = 0; i < p->ntoks; i++) {
		if (p->toks[i].type == T_LINE)
			line_start = p->toks[i].start;
		if (!p->toks[i].deleted)
			build_token(p, i, line_start, stack, &top);
	}
	FOLIO_ASSERT(top == 0);
	tpl->nnodes = stack[0].n;
	if (stack[0].n) {
		tpl->nodes = folio_templates__alloc(&tpl->arena, stack[0].n * sizeof(*tpl->nodes));
		memcpy(tpl->nodes, stack[0].kids, stack[0].n * sizeof(*tpl->nodes));
	}
	free(stack[0].kids);
}

struct template *folio_templates__compile(const char *name, const char *src, size_t len,
                                          const char *path, folio_diags *diags)
{
	struct template *t = folio_xcalloc(1, sizeof(*t));
	t->name = folio_xstrdup(name);
	t->path = folio_xstrdup(path);
	struct parser p;
	memset(&p, 0, sizeof(p));
	p.src = folio_templates__strndup(&t->arena, src, len);
	p.len = len;
	p.path = path;
	p.diags = diags;
	p.arena = &t->arena;
	int rc = tokenize(&p);
	if (rc == 0) {
		mark_standalone(&p);
		build(&p, t);
	}
	free(p.toks);
	if (rc < 0) {
		folio_templates__template_free(t);
		return NULL;
	}
	return t;
}

