/*
 * The TOML parser's state and the helpers its files share: toml.c (keys,
 * tables, arrays, the document), toml_text.c (positions, errors, budgets,
 * blanks, strings) and toml_scalar.c (dates, numbers, booleans). Every
 * function returns false after the first error, which is already reported.
 */
#ifndef FOLIO_TOML_PARSER_H
#define FOLIO_TOML_PARSER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "folio/buf.h"
#include "folio/diag.h"
#include "folio/toml.h"
#include "model/yaml_doc.h"

#define MAX_MESSAGE 200
#define MAX_KEYS FOLIO_TOML_MAX_DEPTH

enum { EXPLICIT = 1, IMPLICIT = 2, DOTTED = 4, FROZEN = 8, TABLES = 16 };

typedef struct {
	unsigned line, column;
} mark;

typedef struct {
	unsigned flags;
	size_t pos;     /* its position record */
	unsigned depth; /* containers above it; the root is 0 */
} info;

typedef struct {
	char *text;     /* owned */
	size_t len;
	mark at;
} key_seg;

typedef struct {
	key_seg seg[MAX_KEYS];
	size_t n;
} key_path;

typedef struct {
	const char *s;
	size_t len, i;
	unsigned first_line;
	unsigned line;       /* 0-based line of s[i] */
	size_t line_start;   /* offset of that line's first byte */
	size_t col_off;      /* column cache: s[col_off] is at column col_chars (0-based) */
	unsigned col_chars;
	const char *path;
	folio_rule rule;
	folio_diags *diags;
	bool failed;
	folio_yaml_doc *doc;
	json_t *index;       /* "%p" of a table or array of tables -> index into infos */
	info *infos;
	size_t ninfos, ainfos;
	size_t nodes, bytes, max_bytes;
} parser;

/* ---- characters ---- */

static inline int peek(const parser *p, size_t ahead)
{
	return p->i + ahead < p->len ? (unsigned char)p->s[p->i + ahead] : -1;
}

static inline bool at_newline(const parser *p)
{
	return peek(p, 0) == '\n' || (peek(p, 0) == '\r' && peek(p, 1) == '\n');
}

static inline bool is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* ---- positions, errors, budgets (toml_text.c) ---- */

/* Line and column of p->i. */
mark folio_toml__here(parser *p);
/* Report the first error at m (the format translated); always false. */
bool folio_toml__fail_at(parser *p, mark m, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define FAIL(p, hint, ...) folio_toml__fail_at((p), folio_toml__here(p), (hint), __VA_ARGS__)
/* "expected <expected>, found <what is here>" */
bool folio_toml__fail_expected(parser *p, const char *expected);
/* Charge one node of n bytes of text to the budgets. */
bool folio_toml__charge(parser *p, size_t n, mark m);
/* The whole text is UTF-8 without control characters ("\r" only before "\n"). */
bool folio_toml__check_text(parser *p);

/* ---- blanks and strings (toml_text.c) ---- */

void folio_toml__skip_blanks(parser *p);
/* Blanks, comments and newlines (inside arrays, between lines). */
void folio_toml__skip_space(parser *p);
/* After a key/value pair or a header: blanks, a comment, then a newline or the end. */
bool folio_toml__end_of_line(parser *p);
/* A basic or literal string at p->i (multi-line ones when allowed), unescaped into out. */
bool folio_toml__string(parser *p, folio_buf *out, bool allow_multiline);

/* ---- scalars (toml_scalar.c) ---- */

/* A date-time, number or boolean at p->i; NULL after reporting what is wrong. */
json_t *folio_toml__bare_value(parser *p, mark at);

#endif
