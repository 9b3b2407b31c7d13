/*
 * Plain-words hints for YAML syntax errors. Each recogniser looks at the
 * text around libyaml's mark for one mistake authors make:
 *   - "titre :Journée" or "titre:Journée": a colon that does not end a key
 *     (YAML wants "key: value", a space after the colon, none before it);
 *     libyaml only notices on the next line;
 *   - "titre: Journée : programme": a colon and a space inside an
 *     unquoted value start a second key: the value needs quotes;
 *   - 'titre: "Un" livre': a value that opens with a quote ends there;
 *   - a tab in the indentation; a quote opened and never closed.
 * Hints quote the author's own line, corrected, so that it can be copied.
 */
#include "yaml_hint.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "folio/i18n.h"
#include "util/alloc.h"
#include "util/banned.h"

typedef struct {
	const char *ptr;
	size_t len;
} line_text;

/* Line number n (0-based) of data, without its newline; len 0 past the end. */
static line_text get_line(const char *data, size_t len, size_t n)
{
	const char *p = data, *end = data + len;
	for (size_t i = 0; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n_bytes = (size_t)((nl ? nl : end) - p);
	if (n_bytes && p[n_bytes - 1] == '\r')
		n_bytes--;
	line_text l = { p, n_bytes };
	return l;
}

static size_t indent_of(line_text l)
{
	size_t i = 0;
	while (i < l.len && (l.ptr[i] == ' ' || l.ptr[i] == '\t'))
		i++;
	return i;
}

/* Offset of the first ':' of l that a blank or the line's end follows, or len. */
static size_t key_colon(line_text l)
{
	for (size_t i = indent_of(l); i < l.len; i++) {
		if (l.ptr[i] == '"' || l.ptr[i] == '\'' || l.ptr[i] == '#')
			return l.len;
		if (l.ptr[i] == ':' && (i + 1 == l.len || l.ptr[i + 1] == ' ' || l.ptr[i + 1] == '\t'))
			return i;
	}
	return l.len;
}

/* "key: value" of a line whose key is glued to its value ("titre :Journée",
 * "titre:Journée"): the corrected line, or NULL when l is not such a line. */
static char *glued_key(line_text l, bool *space_before)
{
	size_t start = indent_of(l);
	if (start == l.len || strchr("-#\"'[{|>&*!%@`", l.ptr[start]) || key_colon(l) < l.len)
		return NULL;
	const char *colon = memchr(l.ptr + start, ':', l.len - start);
	if (!colon || colon == l.ptr + start || colon + 1 == l.ptr + l.len)
		return NULL;
	size_t key_end = (size_t)(colon - l.ptr);
	*space_before = l.ptr[key_end - 1] == ' ';
	while (key_end > start && l.ptr[key_end - 1] == ' ')
		key_end--;
	for (size_t i = start; i < key_end; i++)
		if (l.ptr[i] == ' ' && i + 1 < key_end && l.ptr[i + 1] == ' ')
			return NULL; /* prose, not a key */
	const char *value = colon + 1;
	return folio_xasprintf("%.*s: %.*s", (int)(key_end - start), l.ptr + start,
	                       (int)(l.ptr + l.len - value), value);
}

/* "key: value" with the value in double quotes (its " and \ escaped). */
static char *quoted_line(line_text l, size_t colon)
{
	size_t start = indent_of(l), v = colon + 1;
	while (v < l.len && l.ptr[v] == ' ')
		v++;
	size_t end = l.len;
	while (end > v && l.ptr[end - 1] == ' ')
		end--;
	size_t key_end = colon;
	while (key_end > start && l.ptr[key_end - 1] == ' ')
		key_end--;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_put(&b, l.ptr + start, key_end - start);
	folio_buf_puts(&b, ": \"");
	for (size_t i = v; i < end; i++) {
		if (l.ptr[i] == '"' || l.ptr[i] == '\\')
			folio_buf_putc(&b, '\\');
		folio_buf_putc(&b, l.ptr[i]);
	}
	folio_buf_putc(&b, '"');
	return folio_buf_detach(&b, NULL);
}

static char *mapping_value_hint(const char *data, size_t len, size_t line, size_t column,
                                unsigned first_line, size_t *cause_line, size_t *cause_column)
{
	line_text l = get_line(data, len, line);
	/* the line before, when its key did not end with ": " */
	for (size_t k = line; k-- > 0;) {
		line_text prev = get_line(data, len, k);
		if (indent_of(prev) == prev.len)
			continue;
		bool space_before = false;
		char *fixed = glued_key(prev, &space_before);
		if (!fixed)
			break;
		/* the finding belongs where the mistake is, not where libyaml noticed it */
		*cause_line = k;
		*cause_column = indent_of(prev); /* blanks: one byte a character */
		char *hint = folio_xasprintf(
			folio_i18n_finding("on line %zu, %s: write \"%s\""), k + first_line,
			space_before ? folio_i18n_finding("the colon after the field's name has a space "
			                                  "before it and none after; YAML wants no space "
			                                  "before the colon and one after it")
			             : folio_i18n_finding("the colon after the field's name needs a space "
			                                  "after it"),
			fixed);
		free(fixed);
		return hint;
	}
	/* libyaml counts columns in characters: find the byte */
	size_t at = 0;
	for (size_t chars = 0; at < l.len; at++) {
		if ((l.ptr[at] & 0xC0) == 0x80)
			continue;
		if (chars++ == column)
			break;
	}
	size_t colon = key_colon(l);
	if (colon < l.len && at > colon && at < l.len && l.ptr[at] == ':') {
		char *fixed = quoted_line(l, colon);
		char *hint = folio_xasprintf(folio_i18n_finding("the value holds a colon followed by a "
		                                                "space, which YAML reads as a new field: "
		                                                "put the value in quotes: %s"),
		                             fixed);
		free(fixed);
		return hint;
	}
	return NULL;
}

/* 'titre: "Un" livre': text after the closing quote. */
static char *after_quote_hint(const char *data, size_t len, size_t line)
{
	line_text l = get_line(data, len, line);
	size_t colon = key_colon(l);
	if (colon == l.len)
		return NULL;
	size_t v = colon + 1;
	while (v < l.len && l.ptr[v] == ' ')
		v++;
	if (v == l.len || (l.ptr[v] != '"' && l.ptr[v] != '\''))
		return NULL;
	line_text value = { l.ptr + v, l.len - v };
	char quote = value.ptr[0] == '"' ? '\'' : '"';
	return folio_xasprintf(quote == '\''
	                       ? folio_i18n_finding("a value that starts with a quote must end with "
	                                            "it; to keep the quotes as text, put the whole "
	                                            "value in single quotes: %.*s: %c%.*s%c")
	                       : folio_i18n_finding("a value that starts with a quote must end with "
	                                            "it; to keep the quotes as text, put the whole "
	                                            "value in double quotes: %.*s: %c%.*s%c"), (int)(colon - indent_of(l)),
	                       l.ptr + indent_of(l), quote, (int)value.len, value.ptr, quote);
}

char *folio_yaml__plain_hint(const char *data, size_t len, size_t line, size_t column,
                             unsigned first_line, const char *problem, const char *context,
                             size_t *cause_line, size_t *cause_column)
{
	*cause_line = line;
	*cause_column = column;
	if (!problem)
		return NULL;
	if (context && strstr(context, "while scanning a quoted scalar"))
		return folio_xstrdup(folio_i18n_finding("close the quote that opens the value, at the end "
		                                        "of the same line"));
	if (strstr(problem, "mapping values are not allowed"))
		return mapping_value_hint(data, len, line, column, first_line, cause_line, cause_column);
	if (strstr(problem, "did not find expected key"))
		return after_quote_hint(data, len, line);
	line_text l = get_line(data, len, line);
	if (strstr(problem, "cannot start any token") && memchr(l.ptr, '\t', indent_of(l)))
		return folio_xstrdup(folio_i18n_finding("indent with spaces: YAML does not allow tabs in "
		                                        "indentation"));
	return NULL;
}
