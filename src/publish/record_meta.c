/*
 * A record's front matter back into jansson values (issue 14): the site
 * model reads 10,000 of them on every add, and json_loads() spent most of
 * that time in its character stream (a callback per byte) rather than in
 * building the values.
 *
 * The text is what records.c stored: json_dumps(JSON_COMPACT |
 * JSON_PRESERVE_ORDER) of an object. This reader takes that form only: no
 * white space, strings with no \u escape, integers (no fraction, no
 * exponent, no leading zero, in range), true, false, null, at most
 * MAX_DEPTH deep. Anything else, or anything malformed, is handed whole to
 * json_loads(), so the result is always the value json_loads(text, 0)
 * gives: the same types, values and key order (duplicate keys keep their
 * first place, as jansson does); strings are checked as UTF-8 by
 * json_stringn(), as json_loads() checks them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "publish/record_meta.h"
#include "util/alloc.h"
#include "util/banned.h"

#define MAX_DEPTH 64

typedef struct {
	const char *s;
	folio_buf unescaped; /* a string's bytes when it has escapes */
} reader;

static json_t *read_value(reader *r, int depth);

/* A string at r->s (past its opening quote), or NULL: malformed, a \u
 * escape, not UTF-8 (json_stringn() checks it), or a NUL byte. */
static json_t *read_string(reader *r, const char **out_key, size_t *out_len)
{
	const char *start = r->s, *q = start;
	bool escaped = false;
	while (*q && *q != '"') {
		if ((unsigned char)*q < 0x20)
			return NULL; /* a control character must be escaped */
		if (*q == '\\') {
			escaped = true;
			if (!q[1])
				return NULL;
			q++;
		}
		q++;
	}
	if (*q != '"')
		return NULL;
	const char *bytes = start;
	size_t len = (size_t)(q - start);
	if (escaped) {
		folio_buf *b = &r->unescaped;
		b->size = 0;
		for (const char *c = start; c < q; c++) {
			char ch = *c;
			if (ch == '\\') {
				switch (*++c) {
				case '"': ch = '"'; break;
				case '\\': ch = '\\'; break;
				case '/': ch = '/'; break;
				case 'b': ch = '\b'; break;
				case 'f': ch = '\f'; break;
				case 'n': ch = '\n'; break;
				case 'r': ch = '\r'; break;
				case 't': ch = '\t'; break;
				default: return NULL; /* \u, or not an escape: json_loads() decides */
				}
			}
			folio_buf_putc(b, ch);
		}
		bytes = b->ptr ? b->ptr : "";
		len = b->size;
	}
	r->s = q + 1;
	if (out_key) { /* a key: the caller copies it */
		*out_key = bytes;
		*out_len = len;
		return json_null();
	}
	return json_stringn(bytes, len);
}

/* An integer as jansson's lexer reads one, or NULL (a real: fraction or
 * exponent, a leading zero, out of range). */
static json_t *read_integer(reader *r)
{
	const char *c = r->s;
	if (*c == '-')
		c++;
	if (*c < '0' || *c > '9' || (*c == '0' && c[1] >= '0' && c[1] <= '9'))
		return NULL;
	while (*c >= '0' && *c <= '9')
		c++;
	if (*c == '.' || *c == 'e' || *c == 'E')
		return NULL;
	char *end;
	errno = 0;
	long long v = strtoll(r->s, &end, 10);
	if (errno || end != c)
		return NULL;
	r->s = c;
	return json_integer(v);
}

static bool word(reader *r, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(r->s, w, n))
		return false;
	r->s += n;
	return true;
}

static json_t *read_object(reader *r, int depth)
{
	json_t *o = json_object();
	if (*r->s == '}') {
		r->s++;
		return o;
	}
	for (;;) {
		const char *key;
		size_t klen;
		if (*r->s++ != '"' || !read_string(r, &key, &klen) || memchr(key, '\0', klen) ||
		    *r->s++ != ':')
			break;
		char *k = folio_xstrndup(key, klen); /* r->unescaped is reused by the value */
		json_t *v = read_value(r, depth + 1);
		/* a duplicate replaces the value in its first place, as json_loads() does */
		if (!v || json_object_setn_new(o, k, klen, v) < 0) {
			free(k);
			break;
		}
		free(k);
		if (*r->s == '}') {
			r->s++;
			return o;
		}
		if (*r->s++ != ',')
			break;
	}
	json_decref(o);
	return NULL;
}

static json_t *read_array(reader *r, int depth)
{
	json_t *a = json_array();
	if (*r->s == ']') {
		r->s++;
		return a;
	}
	for (;;) {
		json_t *v = read_value(r, depth + 1);
		if (!v || json_array_append_new(a, v) < 0)
			break;
		if (*r->s == ']') {
			r->s++;
			return a;
		}
		if (*r->s++ != ',')
			break;
	}
	json_decref(a);
	return NULL;
}

static json_t *read_value(reader *r, int depth)
{
	if (depth > MAX_DEPTH)
		return NULL;
	switch (*r->s) {
	case '{': r->s++; return read_object(r, depth);
	case '[': r->s++; return read_array(r, depth);
	case '"': r->s++; return read_string(r, NULL, NULL);
	case 't': return word(r, "true") ? json_true() : NULL;
	case 'f': return word(r, "false") ? json_false() : NULL;
	case 'n': return word(r, "null") ? json_null() : NULL;
	default: return read_integer(r);
	}
}

json_t *folio_publish__meta_loads(const char *text, bool *by_jansson)
{
	reader r = { .s = text, .unescaped = FOLIO_BUF_INIT };
	json_t *v = *r.s == '{' ? read_value(&r, 0) : NULL;
	folio_buf_dispose(&r.unescaped);
	*by_jansson = !v || *r.s;
	if (!*by_jansson)
		return v;
	json_decref(v);
	return json_loads(text, 0, NULL); /* another form, or malformed: jansson decides */
}
