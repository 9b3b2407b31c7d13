/*
 * Mustache templates, compiled once to an immutable tree and rendered many
 * times over jansson values.
 *
 * Compiling one template takes three passes over its source: tokenize
 * (tags, text cut after each newline, and a LINE token where each source
 * line begins; set-delimiter tags act here, and nesting is checked here, so
 * the later passes cannot fail), mark standalone lines (their whitespace,
 * newline and LINE token are dropped), then build the tree.
 *
 * Invariants of a compiled template:
 *   - every node, name and child array lives in the template's arena and
 *     never changes once folio_templates_add() has returned;
 *   - TEXT nodes point into the template's own copy of the source;
 *   - a LINE node marks where a source line begins: rendering writes the
 *     current indentation there, which is how a standalone partial, parent
 *     or block indents each line of what it includes (and only the lines of
 *     templates, never newlines inside data);
 *   - partials and parents are found by name at render time, so a set can
 *     be filled in any order and a template replaced.
 * A render keeps all of its state (context stack, block overrides) on the C
 * stack or in its own struct render: threads may render from one set at
 * once. Depth and work are bounded, so a template that includes itself
 * fails instead of hanging or overflowing the stack.
 */
#include "folio/template.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "template.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

#define MAX_NESTING 100       /* sections, parents and blocks open at once in one template */
#define MAX_PARTIAL_DEPTH 100 /* partials and parents being expanded at once */
#define MAX_RENDER_DEPTH 1000 /* node lists being rendered at once: bounds the C stack */

/* --- arena: one per template, freed at once ------------------------------ */

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
};

static void *arena_alloc(struct arena *a, size_t size)
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

static char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void arena_free(struct arena *a)
{
	while (a->head) {
		struct chunk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
}

/* --- compiled form ------------------------------------------------------- */

enum node_type {
	N_TEXT,
	N_LINE,     /* a source line begins: write the indentation */
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,   /* {{<name}}: kids are the N_BLOCK overrides it passes */
	N_BLOCK,    /* {{$name}}: kids are the default (or, in a parent, the override) */
};

enum {
	F_RAW = 1,        /* variable not HTML-escaped */
	F_STANDALONE = 2, /* the tag was alone on its line */
	F_DYNAMIC = 4,    /* {{>*name}}: the name comes from the context */
};

/* A dotted name, split at compile time; nseg 0 is the implicit iterator. */
struct name {
	const char **seg;
	size_t nseg;
};

struct node {
	uint8_t type;
	uint8_t flags;
	unsigned line, column;  /* of partials and parents, for the check */
	const char *str;        /* TEXT: bytes; PARTIAL, PARENT, BLOCK: name */
	size_t len;
	const char *indent;     /* added to the indentation of what this includes */
	size_t indent_len;
	struct name name;       /* VAR, SECTION, INVERTED, dynamic PARTIAL/PARENT */
	struct node *kids;
	size_t nkids;
};

struct template {
	char *name;
	char *path;
	struct arena arena;
	struct node *nodes;
	size_t nnodes;
};

struct folio_templates {
	struct template **items; /* in order of first addition */
	size_t count, alloc;
	size_t *slots;           /* open addressing: index + 1 into items, 0 free */
	size_t nslots;
	size_t max_visits, max_output;
	size_t max_partials; /* partials and parents expanded at once (partial-depth) */
};

/* --- the set --------------------------------------------------------------- */

static size_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static size_t slot_of(const folio_templates *set, const char *name)
{
	size_t mask = set->nslots - 1;
	size_t i = hash_name(name) & mask;
	while (set->slots[i] && strcmp(set->items[set->slots[i] - 1]->name, name))
		i = (i + 1) & mask;
	return i;
}

static void rehash(folio_templates *set)
{
	size_t n = 16;
	while (n < set->count * 2 + 2)
		n *= 2;
	free(set->slots);
	set->slots = folio_xcalloc(n, sizeof(*set->slots));
	set->nslots = n;
	for (size_t i = 0; i < set->count; i++)
		set->slots[slot_of(set, set->items[i]->name)] = i + 1;
}

static struct template *find_template(const folio_templates *set, const char *name)
{
	size_t s = set->slots[slot_of(set, name)];
	return s ? set->items[s - 1] : NULL;
}

static void template_free(struct template *t)
{
	if (!t)
		return;
	arena_free(&t->arena);
	free(t->name);
	free(t->path);
	free(t);
}

folio_templates *folio_templates_new(void)
{
	folio_templates *set = folio_xcalloc(1, sizeof(*set));
	set->max_visits = FOLIO_TEMPLATE_MAX_VISITS;
	set->max_output = FOLIO_TEMPLATE_MAX_OUTPUT;
	set->max_partials = MAX_PARTIAL_DEPTH;
	rehash(set);
	return set;
}

void folio_templates__set_limits(folio_templates *set, size_t max_visits,
                                 size_t max_output)
{
	set->max_visits = max_visits;
	set->max_output = max_output;
}

void folio_templates_set_budget(folio_templates *set, size_t max_output, size_t max_depth)
{
	set->max_output = max_output;
	set->max_partials = max_depth < MAX_PARTIAL_DEPTH ? max_depth : MAX_PARTIAL_DEPTH;
}

void folio_templates_free(folio_templates *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->count; i++)
		template_free(set->items[i]);
	free(set->items);
	free(set->slots);
	free(set);
}

bool folio_templates_has(const folio_templates *set, const char *name)
{
	return find_template(set, name) != NULL;
}

static void set_put(folio_templates *set, struct template *t)
{
	size_t s = set->slots[slot_of(set, t->name)];
	if (s) {
		template_free(set->items[s - 1]);
		set->items[s - 1] = t;
		return;
	}
	FOLIO_ARRAY_GROW(set->items, set->count, set->alloc, set->count + 1);
	set->items[set->count++] = t;
	if (set->count * 2 >= set->nslots)
		rehash(set);
	else
		set->slots[slot_of(set, t->name)] = set->count;
}

static void set_remove(folio_templates *set, const char *name)
{
	size_t s = set->slots[slot_of(set, name)];
	if (!s)
		return;
	template_free(set->items[s - 1]);
	memmove(&set->items[s - 1], &set->items[s], (set->count - s) * sizeof(*set->items));
	set->count--;
	rehash(set);
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
	n.seg = arena_alloc(a, n.nseg * sizeof(*n.seg));
	size_t k = 0, from = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			n.seg[k++] = arena_strndup(a, s + from, i - from);
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
	n.str = arena_strndup(p->arena, p->src + t->name, t->name_len);
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
		n.kids = arena_alloc(p->arena, f->n * sizeof(*n.kids));
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
		tpl->nodes = arena_alloc(&tpl->arena, stack[0].n * sizeof(*tpl->nodes));
		memcpy(tpl->nodes, stack[0].kids, stack[0].n * sizeof(*tpl->nodes));
	}
	free(stack[0].kids);
}

static struct template *compile(const char *name, const char *src, size_t len,
                                const char *path, folio_diags *diags)
{
	struct template *t = folio_xcalloc(1, sizeof(*t));
	t->name = folio_xstrdup(name);
	t->path = folio_xstrdup(path);
	struct parser p;
	memset(&p, 0, sizeof(p));
	p.src = arena_strndup(&t->arena, src, len);
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
		template_free(t);
		return NULL;
	}
	return t;
}

int folio_templates_add(folio_templates *set, const char *name, const char *src,
                        size_t len, const char *path, folio_diags *diags)
{
	struct template *t = compile(name, src, len, path ? path : name, diags);
	if (!t) {
		set_remove(set, name);
		folio_error_set("template \"%s\" cannot be parsed", name);
		return FOLIO_EINVALID;
	}
	set_put(set, t);
	return 0;
}

/* --- rendering ------------------------------------------------------------- */

struct ctx {
	const json_t *v;
	const struct ctx *up;
};

/* Parents being expanded, innermost first; the outermost override wins. */
struct ovr {
	const struct node *call;
	const struct ovr *up;
};

/* Templates being expanded by partials and parents, innermost first. */
struct inc {
	const struct template *t;
	const struct inc *up;
};

struct render {
	folio_buf *out;
	const struct inc *incs;
	folio_rule rule;   /* of the failure, when err */
	const folio_templates *set;
	const char *root;
	folio_buf indent;  /* indentation written at each LINE */
	unsigned partials; /* partials and parents being expanded */
	unsigned depth;    /* node lists being rendered */
	size_t visits;
	size_t out_start;
	int err;
};

static void render_list(struct render *r, const struct node *nodes, size_t count,
                        bool inline_start, const struct ctx *c, const struct ovr *o);

static const json_t *lookup(const struct ctx *c, const struct name *n)
{
	if (!n->nseg)
		return c->v;
	const json_t *v = NULL;
	for (; c && !v; c = c->up)
		if (json_is_object(c->v))
			v = json_object_get(c->v, n->seg[0]);
	for (size_t i = 1; v && i < n->nseg; i++)
		v = json_is_object(v) ? json_object_get(v, n->seg[i]) : NULL;
	return v;
}

static bool falsey(const json_t *v)
{
	return !v || json_is_null(v) || json_is_false(v) ||
	       (json_is_string(v) && json_string_length(v) == 0) ||
	       (json_is_array(v) && json_array_size(v) == 0);
}

/* Shortest form that reads back as the same double: 1.21, not 1.2100000000000000. */
static size_t format_real(char *buf, size_t size, double d)
{
	int n = 0;
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return n > 0 ? (size_t)n : 0;
}

static void put_value(folio_buf *out, const json_t *v, bool raw)
{
	char num[64];
	size_t n;
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (raw)
			folio_buf_put(out, json_string_value(v), json_string_length(v));
		else
			folio_buf_put_html(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		folio_buf_put(out, num, n);
		break;
	case JSON_REAL:
		n = format_real(num, sizeof(num), json_real_value(v));
		folio_buf_put(out, num, n);
		break;
	case JSON_TRUE:
		folio_buf_put(out, "true", 4);
		break;
	case JSON_FALSE:
		folio_buf_put(out, "false", 5);
		break;
	default: /* null, objects and arrays print nothing */
		break;
	}
}

static void fail(struct render *r, folio_rule rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct render *r, folio_rule rule, const char *fmt, ...)
{
	if (r->err)
		return;
	folio_buf msg = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, folio_i18n_finding(fmt), ap);
	va_end(ap);
	r->err = folio_error_set("template \"%s\": %s", r->root, msg.ptr);
	r->rule = rule;
	folio_buf_dispose(&msg);
}

static void render_section(struct render *r, const struct node *n, const struct ctx *c,
                           const struct ovr *o)
{
	const json_t *v = lookup(c, &n->name);
	if (n->type == N_INVERTED) {
		if (falsey(v))
			render_list(r, n->kids, n->nkids, false, c, o);
		return;
	}
	if (falsey(v))
		return;
	if (!json_is_array(v)) {
		struct ctx f = { v, c };
		render_list(r, n->kids, n->nkids, false, &f, o);
		return;
	}
	for (size_t i = 0; i < json_array_size(v) && !r->err; i++) {
		struct ctx f = { json_array_get(v, i), c };
		render_list(r, n->kids, n->nkids, false, &f, o);
	}
}

/* A partial ({{>name}}) or a parent ({{<name}}...{{/name}}). */
static void render_include(struct render *r, const struct node *n, const struct ctx *c,
                           const struct ovr *o)
{
	const char *name = n->str;
	if (n->flags & F_DYNAMIC) {
		const json_t *v = lookup(c, &n->name);
		if (!json_is_string(v))
			return;
		name = json_string_value(v);
	}
	const struct template *t = find_template(r->set, name);
	if (!t)
		return;
	if (r->partials >= r->set->max_partials) {
		bool again = false;
		for (const struct inc *i = r->incs; i && !again; i = i->up)
			again = i->t == t;
		if (again)
			fail(r, FOLIO_RULE_TEMPLATE_RECURSION,
			     "\"%s\" includes itself more than %zu levels deep with this page's data",
			     name, r->set->max_partials);
		else
			fail(r, FOLIO_RULE_BUDGET_PARTIAL_DEPTH,
			     "partials nest deeper than the partial-depth limit of %zu at \"%s\"",
			     r->set->max_partials, name);
		return;
	}
	size_t saved = r->indent.size;
	folio_buf_put(&r->indent, n->indent, n->indent_len);
	struct ovr frame = { n, o };
	struct inc here = { t, r->incs };
	r->partials++;
	r->incs = &here;
	render_list(r, t->nodes, t->nnodes, !(n->flags & F_STANDALONE), c,
	            n->type == N_PARENT ? &frame : o);
	r->incs = here.up;
	r->partials--;
	folio_buf_truncate(&r->indent, saved);
}

static const struct node *find_block(const struct node *call, const char *name)
{
	for (size_t i = 0; i < call->nkids; i++)
		if (!strcmp(call->kids[i].str, name))
			return &call->kids[i];
	return NULL;
}

static void render_block(struct render *r, const struct node *n, const struct ctx *c,
                         const struct ovr *o)
{
	const struct node *body = n;
	for (const struct ovr *f = o; f; f = f->up) {
		const struct node *def = find_block(f->call, n->str);
		if (def)
			body = def;
	}
	size_t saved = r->indent.size;
	folio_buf_put(&r->indent, n->indent, n->indent_len);
	render_list(r, body->kids, body->nkids, !(n->flags & F_STANDALONE), c, o);
	folio_buf_truncate(&r->indent, saved);
}

static void render_node(struct render *r, const struct node *n, const struct ctx *c,
                        const struct ovr *o)
{
	if (++r->visits > r->set->max_visits) {
		fail(r, FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT,
		     "rendering takes more than %zu steps (nested lists or partials?)", r->set->max_visits);
		return;
	}
	switch (n->type) {
	case N_TEXT:
		folio_buf_put(r->out, n->str, n->len);
		break;
	case N_LINE:
		folio_buf_put(r->out, r->indent.ptr, r->indent.size);
		break;
	case N_VAR:
		put_value(r->out, lookup(c, &n->name), n->flags & F_RAW);
		break;
	case N_SECTION: case N_INVERTED:
		render_section(r, n, c, o);
		break;
	case N_PARTIAL: case N_PARENT:
		render_include(r, n, c, o);
		break;
	case N_BLOCK:
		render_block(r, n, c, o);
		break;
	}
	if (r->out->size - r->out_start > r->set->max_output)
		fail(r, FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT,
		     "output passes the template-output limit of %zu bytes", r->set->max_output);
}

/* inline_start: the list continues a line, so a LINE opening it is not one. */
static void render_list(struct render *r, const struct node *nodes, size_t count,
                        bool inline_start, const struct ctx *c, const struct ovr *o)
{
	if (r->depth >= MAX_RENDER_DEPTH) {
		fail(r, FOLIO_RULE_BUDGET_PARTIAL_DEPTH, "sections and partials nest deeper than %d",
		     MAX_RENDER_DEPTH);
		return;
	}
	r->depth++;
	size_t i = inline_start && count && nodes[0].type == N_LINE ? 1 : 0;
	for (; i < count && !r->err; i++)
		render_node(r, &nodes[i], c, o);
	r->depth--;
}

int folio_templates_render(folio_buf *out, const folio_templates *set,
                           const char *name, const json_t *context)
{
	return folio_templates_render_checked(out, set, name, context, NULL);
}

int folio_templates_render_checked(folio_buf *out, const folio_templates *set,
                                   const char *name, const json_t *context, folio_rule *rule)
{
	const struct template *t = find_template(set, name);
	if (!t) {
		folio_error_set("template \"%s\" not found", name);
		return FOLIO_ENOTFOUND;
	}
	struct render r;
	memset(&r, 0, sizeof(r));
	r.out = out;
	r.set = set;
	r.root = name;
	folio_buf_init(&r.indent);
	r.out_start = out->size;
	struct ctx root = { context, NULL };
	struct inc top = { t, NULL };
	r.incs = &top;
	render_list(&r, t->nodes, t->nnodes, false, &root, NULL);
	folio_buf_dispose(&r.indent);
	if (r.err && rule)
		*rule = r.rule;
	return r.err;
}

/* --- static analysis --------------------------------------------------------- */

typedef void (*include_fn)(const struct template *t, const struct node *n, void *payload);

/* Calls fn for each partial and parent with a name fixed in the template. */
static void walk_includes(const struct template *t, const struct node *nodes, size_t count,
                          include_fn fn, void *payload)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		if ((n->type == N_PARTIAL || n->type == N_PARENT) && !(n->flags & F_DYNAMIC))
			fn(t, n, payload);
		walk_includes(t, n->kids, n->nkids, fn, payload);
	}
}

static void walk_variables(const struct template *t, const struct node *nodes, size_t count,
                           const folio_template_variable *section,
                           folio_template_variable_fn cb, void *payload)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		if ((n->type == N_VAR || n->type == N_SECTION || n->type == N_INVERTED) && n->name.nseg) {
			folio_template_variable v = { t->name, t->path, n->line, n->column,
			                              (const char *const *)n->name.seg, n->name.nseg,
			                              section };
			cb(&v, payload);
			if (n->type == N_SECTION) {
				walk_variables(t, n->kids, n->nkids, &v, cb, payload);
				continue;
			}
		}
		walk_variables(t, n->kids, n->nkids, section, cb, payload);
	}
}

void folio_templates_foreach_variable(const folio_templates *set, folio_template_variable_fn cb,
                                      void *payload)
{
	for (size_t i = 0; i < set->count; i++)
		walk_variables(set->items[i], set->items[i]->nodes, set->items[i]->nnodes, NULL, cb,
		               payload);
}

struct deps {
	const folio_templates *set;
	const char **names; /* seen, in order; the first is the root */
	size_t count, alloc;
	void (*cb)(const char *dep, void *payload);
	void *payload;
};

static void collect_dep(const struct template *t, const struct node *n, void *payload)
{
	struct deps *d = payload;
	(void)t;
	for (size_t i = 0; i < d->count; i++)
		if (!strcmp(d->names[i], n->str))
			return;
	FOLIO_ARRAY_GROW(d->names, d->count, d->alloc, d->count + 1);
	d->names[d->count++] = n->str;
	d->cb(n->str, d->payload);
}

int folio_templates_foreach_dependency(const folio_templates *set, const char *name,
                                       void (*cb)(const char *dep, void *payload),
                                       void *payload)
{
	const struct template *t = find_template(set, name);
	if (!t)
		return FOLIO_ENOTFOUND;
	struct deps d = { set, NULL, 0, 0, cb, payload };
	FOLIO_ARRAY_GROW(d.names, d.count, d.alloc, 1);
	d.names[d.count++] = t->name;
	/* Breadth first: names grows while we walk the templates it lists. */
	for (size_t i = 0; i < d.count; i++) {
		const struct template *u = i ? find_template(set, d.names[i]) : t;
		if (u)
			walk_includes(u, u->nodes, u->nnodes, collect_dep, &d);
	}
	free(d.names);
	return 0;
}

/* Whether a tag among nodes (at any depth) names key as one of its segments. */
static bool nodes_name(const struct node *nodes, size_t count, const char *key)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		for (size_t k = 0; k < n->name.nseg; k++)
			if (!strcmp(n->name.seg[k], key))
				return true;
		if (nodes_name(n->kids, n->nkids, key))
			return true;
	}
	return false;
}

bool folio_templates_names(const folio_templates *set, const char *name, const char *key)
{
	const struct template *t = find_template(set, name);
	return t && nodes_name(t->nodes, t->nnodes, key);
}

struct check {
	const folio_templates *set;
	folio_diags *diags;
};

static void check_include(const struct template *t, const struct node *n, void *payload)
{
	struct check *c = payload;
	if (find_template(c->set, n->str))
		return;
	folio_diags_add(c->diags, FOLIO_RULE_TEMPLATE_MISSING, t->path, n->line, n->column,
	                NULL, "missing %s \"%s\"",
	                n->type == N_PARENT ? "parent template" : "partial", n->str);
}

/*
 * Recursion and depth, from the fixed names of partials and parents. An
 * include inside no section is "unguarded": a cycle of unguarded includes
 * expands without end whatever the data, so it is an error here. A cycle
 * through a section may end with the data (the spec's recursive partial
 * over a tree): the render bounds it by the partial-depth limit.
 */
enum { WHITE, ON_PATH, DONE };

struct edge {
	const struct node *n;
	size_t to;   /* index into set->items */
	bool guarded;
};

struct graph {
	const folio_templates *set;
	folio_diags *diags;
	struct edge **edges; /* per template */
	size_t *nedges, *aedges;
	uint8_t *color;
	size_t *depth;       /* longest chain from the template, itself included */
	size_t *path;        /* templates on the DFS path */
	bool *path_guarded;  /* was the edge into path[i] guarded */
	size_t npath;
	bool too_deep;       /* a chain was cut past the budget: depths are lower bounds */
};

/* Index of template name in set->items, or SIZE_MAX: through the hash slots. */
static size_t template_index(const folio_templates *set, const char *name)
{
	size_t i = slot_of(set, name);
	return set->slots[i] ? set->slots[i] - 1 : SIZE_MAX;
}

static void collect_edges(struct graph *g, size_t from, const struct node *nodes, size_t count,
                          bool guarded)
{
	for (size_t i = 0; i < count; i++) {
		const struct node *n = &nodes[i];
		if ((n->type == N_PARTIAL || n->type == N_PARENT) && !(n->flags & F_DYNAMIC)) {
			size_t to = template_index(g->set, n->str);
			if (to != SIZE_MAX) {
				FOLIO_ARRAY_GROW(g->edges[from], g->nedges[from], g->aedges[from],
				                 g->nedges[from] + 1);
				g->edges[from][g->nedges[from]++] = (struct edge){ n, to, guarded };
			}
		}
		collect_edges(g, from, n->kids, n->nkids,
		              guarded || n->type == N_SECTION || n->type == N_INVERTED);
	}
}

static void report_cycle(struct graph *g, size_t from, const struct edge *e)
{
	size_t start = g->npath;
	while (start && g->path[start - 1] != e->to)
		start--;
	start--; /* path[start] == e->to */
	for (size_t i = start + 1; i < g->npath; i++)
		if (g->path_guarded[i])
			return;
	if (e->guarded)
		return;
	folio_buf via = FOLIO_BUF_INIT;
	for (size_t i = start + 1; i < g->npath; i++)
		folio_buf_printf(&via, "%s\"%s\"", i > start + 1 ? ", " : " through ",
		                 g->set->items[g->path[i]]->name);
	const struct template *t = g->set->items[from];
	folio_diags_add(g->diags, FOLIO_RULE_TEMPLATE_RECURSION, t->path, e->n->line, e->n->column,
	                "put the include inside a section that ends, or remove it",
	                "%s \"%s\" includes itself%s: it would expand without end",
	                e->n->type == N_PARENT ? "parent template" : "partial",
	                g->set->items[e->to]->name, via.ptr);
	folio_buf_dispose(&via);
}

static size_t chain_depth(struct graph *g, size_t t, bool guarded_in)
{
	if (g->color[t] == DONE)
		return g->depth[t];
	g->color[t] = ON_PATH;
	g->path[g->npath] = t;
	g->path_guarded[g->npath] = guarded_in;
	g->npath++;
	size_t d = 1;
	for (size_t i = 0; i < g->nedges[t]; i++) {
		const struct edge *e = &g->edges[t][i];
		if (g->color[e->to] == ON_PATH) {
			report_cycle(g, t, e);
			continue;
		}
		/* past the budget the exact depth no longer matters: stopping
		 * there bounds the C stack whatever the number of templates */
		size_t sub;
		if (g->npath > g->set->max_partials + 1) {
			sub = g->npath;
			g->too_deep = true;
		} else {
			sub = chain_depth(g, e->to, e->guarded);
		}
		if (sub + 1 > d)
			d = sub + 1;
	}
	g->npath--;
	g->color[t] = DONE;
	g->depth[t] = d;
	return d;
}

static void check_graph(const folio_templates *set, folio_diags *diags)
{
	size_t n = set->count ? set->count : 1;
	struct graph g = { set, diags, folio_xcalloc(n, sizeof(*g.edges)),
	                   folio_xcalloc(n, sizeof(size_t)), folio_xcalloc(n, sizeof(size_t)),
	                   folio_xcalloc(n, 1), folio_xcalloc(n, sizeof(size_t)),
	                   folio_xcalloc(n, sizeof(size_t)), folio_xcalloc(n, sizeof(bool)), 0, false };
	for (size_t i = 0; i < set->count; i++)
		collect_edges(&g, i, set->items[i]->nodes, set->items[i]->nnodes, false);
	bool reported = false;
	for (size_t i = 0; i < set->count; i++) {
		/* the DFS recurses once per template of a chain, at most
		 * max_partials + 2 deep */
		size_t d = chain_depth(&g, i, false);
		/* the template itself is not a partial: d - 1 are expanded at once */
		if (d - 1 > set->max_partials && !reported) {
			const struct template *t = set->items[i];
			folio_diags_add(diags, FOLIO_RULE_BUDGET_PARTIAL_DEPTH, t->path, 0, 0,
			                "flatten the partials, or raise the partial-depth limit",
			                "partials nest %s%zu levels deep from \"%s\", more than the "
			                "partial-depth limit of %zu", g.too_deep ? "at least " : "", d - 1,
			                t->name, set->max_partials);
			reported = true;
		}
	}
	for (size_t i = 0; i < set->count; i++)
		free(g.edges[i]);
	free(g.edges);
	free(g.nedges);
	free(g.aedges);
	free(g.color);
	free(g.depth);
	free(g.path);
	free(g.path_guarded);
}

void folio_templates_check(const folio_templates *set, folio_diags *diags)
{
	struct check c = { set, diags };
	for (size_t i = 0; i < set->count; i++) {
		const struct template *t = set->items[i];
		walk_includes(t, t->nodes, t->nnodes, check_include, &c);
	}
	check_graph(set, diags);
}
