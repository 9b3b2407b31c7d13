/*
 * ECMA-262 patterns approximated as POSIX extended regular expressions.
 *
 * The output is compiled with regcomp(REG_EXTENDED) in a UTF-8 locale, so
 * "." and bracket expressions work on code points. Translated: \d \w \s and
 * their negations, \p{L} \p{Lu} \p{Ll} (and long names), \xHH \uHHHH
 * \u{...} \cX \n \t \r \f \v, escaped punctuation, (?: and (?<name>
 * groups, lazy quantifiers (same match/no-match answer), "." (not a line
 * terminator), a "{" that is not a quantifier. Refused, with a reason:
 * lookaround, backreferences, \0, negated classes inside brackets, empty
 * classes, unknown letter escapes. \b and \B pass through as GNU regex
 * word boundaries. Invariant: every byte of the input is consumed once.
 */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/*
 * glibc's regcomp copies a subexpression once per repetition ("a+" is
 * "aa*", "x{9}" nine x), so nested quantifiers grow the compiled form
 * multiplicatively: "(a{1000}){1000}" would take gigabytes. Patterns are
 * weighed during translation and refused past this many atoms.
 */
#define WEIGHT_LIMIT 20000UL
#define GROUP_DEPTH_LIMIT 64

typedef enum { TOK_ATOM, TOK_QUANT, TOK_OPEN, TOK_CLOSE, TOK_ALT, TOK_ANCHOR } token;

typedef struct {
	const char *s;
	size_t n, i;
	folio_buf *out;
	const char *why;
	token tok;              /* what translate_one just read */
	unsigned long factor;   /* TOK_QUANT: copies regcomp makes */
	size_t depth;           /* open groups */
	unsigned long sum[GROUP_DEPTH_LIMIT + 1];  /* weight of each open group so far */
	unsigned long last[GROUP_DEPTH_LIMIT + 1]; /* weight of its last atom */
} rx;

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

static int fail(rx *r, const char *why)
{
	if (!r->why)
		r->why = why;
	return -1;
}

static void put_utf8(folio_buf *out, unsigned long cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	folio_buf_put(out, b, n);
}

/* n hex digits at r->i; -1 if absent. */
static long read_hex(rx *r, size_t n)
{
	long v = 0;
	if (r->i + n > r->n)
		return -1;
	for (size_t k = 0; k < n; k++) {
		if (!is_hex(r->s[r->i + k]))
			return -1;
		v = v * 16 + hex_value(r->s[r->i + k]);
	}
	r->i += n;
	return v;
}

/* After "\u": HHHH (with a surrogate pair) or {H...}; -1 if malformed. */
static long read_unicode_escape(rx *r)
{
	if (r->i < r->n && r->s[r->i] == '{') {
		size_t j = r->i + 1;
		long v = 0;
		while (j < r->n && is_hex(r->s[j]) && v <= 0x10FFFF)
			v = v * 16 + hex_value(r->s[j++]);
		if (j == r->i + 1 || j >= r->n || r->s[j] != '}' || v > 0x10FFFF)
			return -1;
		r->i = j + 1;
		return v;
	}
	long v = read_hex(r, 4);
	if (v >= 0xD800 && v <= 0xDBFF && r->i + 6 <= r->n && r->s[r->i] == '\\' &&
	    r->s[r->i + 1] == 'u') {
		size_t save = r->i;
		r->i += 2;
		long lo = read_hex(r, 4);
		if (lo >= 0xDC00 && lo <= 0xDFFF)
			return 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
		r->i = save;
	}
	return v;
}

/* After "\p" or "\P": {Name}; the POSIX class name, or NULL. */
static const char *read_property(rx *r)
{
	static const struct {
		const char *name, *cls;
	} props[] = {
		{ "L", "alpha" }, { "Letter", "alpha" }, { "Alphabetic", "alpha" },
		{ "Lu", "upper" }, { "Uppercase_Letter", "upper" }, { "Uppercase", "upper" },
		{ "Ll", "lower" }, { "Lowercase_Letter", "lower" }, { "Lowercase", "lower" },
	};
	if (r->i >= r->n || r->s[r->i] != '{')
		return NULL;
	const char *close = memchr(r->s + r->i, '}', r->n - r->i);
	if (!close)
		return NULL;
	size_t len = (size_t)(close - (r->s + r->i + 1));
	for (size_t k = 0; k < sizeof(props) / sizeof(props[0]); k++) {
		if (strlen(props[k].name) == len && !memcmp(props[k].name, r->s + r->i + 1, len)) {
			r->i += len + 2;
			return props[k].cls;
		}
	}
	return NULL;
}

/*
 * One escape after the backslash (r->i at the escaped character). Sets
 * either *cp (a literal code point) or *cls (bracket content such as
 * "0-9") with *neg for the negated shorthands. in_class: \b is backspace.
 */
static int read_escape(rx *r, bool in_class, long *cp, const char **cls, bool *neg)
{
	*cp = -1;
	*cls = NULL;
	*neg = false;
	if (r->i >= r->n)
		return fail(r, "a trailing backslash");
	char c = r->s[r->i++];
	switch (c) {
	case 'd': case 'D': *cls = "0-9"; *neg = c == 'D'; return 0;
	case 'w': case 'W': *cls = "A-Za-z0-9_"; *neg = c == 'W'; return 0;
	case 's': case 'S': *cls = "[:space:]"; *neg = c == 'S'; return 0;
	case 'n': *cp = '\n'; return 0;
	case 't': *cp = '\t'; return 0;
	case 'r': *cp = '\r'; return 0;
	case 'f': *cp = '\f'; return 0;
	case 'v': *cp = '\v'; return 0;
	case 'b':
		if (!in_class)
			return fail(r, "internal: word boundary");
		*cp = '\b';
		return 0;
	case 'x':
		*cp = read_hex(r, 2);
		return *cp < 0 ? fail(r, "a malformed \\x escape") : 0;
	case 'u':
		*cp = read_unicode_escape(r);
		return *cp < 0 ? fail(r, "a malformed \\u escape") : 0;
	case 'c':
		if (r->i < r->n && ((r->s[r->i] | 0x20) >= 'a' && (r->s[r->i] | 0x20) <= 'z')) {
			*cp = r->s[r->i++] % 32;
			return 0;
		}
		return fail(r, "a malformed \\c escape");
	case 'p': case 'P': {
		const char *name = read_property(r);
		if (!name)
			return fail(r, "a Unicode property escape other than \\p{L}, \\p{Lu}, \\p{Ll}");
		*cls = name[0] == 'a' ? "[:alpha:]" : name[0] == 'u' ? "[:upper:]" : "[:lower:]";
		*neg = c == 'P';
		return 0;
	}
	case '0':
		return fail(r, "the \\0 escape");
	case 'k':
		return fail(r, "a named backreference");
	default:
		break;
	}
	if (c >= '1' && c <= '9')
		return fail(r, "a backreference");
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return fail(r, "an unknown letter escape");
	if ((unsigned char)c >= 0x80)
		return fail(r, "an escaped non-ASCII character");
	*cp = (unsigned char)c;
	return 0;
}

/* A literal code point outside brackets. */
static void put_literal(rx *r, long cp)
{
	if (cp == '{' || cp == '}' || cp == ']') {
		folio_buf_putc(r->out, '[');
		folio_buf_putc(r->out, (char)cp);
		folio_buf_putc(r->out, ']');
	} else if (cp < 0x80 && strchr(".[()*+?|^$\\", (int)cp)) {
		folio_buf_putc(r->out, '\\');
		folio_buf_putc(r->out, (char)cp);
	} else {
		put_utf8(r->out, (unsigned long)cp);
	}
}

/* Code point at r->i (raw UTF-8, passed through as one unit). */
static long read_raw(rx *r, folio_buf *raw)
{
	unsigned char c = (unsigned char)r->s[r->i];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (r->i + len > r->n)
		len = r->n - r->i;
	folio_buf_put(raw, r->s + r->i, len);
	r->i += len;
	return c < 0x80 ? c : 0x80; /* 0x80: some non-ASCII character */
}

/* Bracket expression: r->i just past "[". */
static int translate_class(rx *r)
{
	folio_buf body = FOLIO_BUF_INIT; /* ordinary members and ranges */
	bool neg = false, has_close = false, has_open = false, has_caret = false, has_dash = false;
	const char *sole_neg = NULL;
	int members = 0, rc = 0;
	if (r->i < r->n && r->s[r->i] == '^') {
		neg = true;
		r->i++;
	}
	if (r->i < r->n && r->s[r->i] == ']') {
		rc = fail(r, "an empty character class");
		goto done;
	}
	while (r->i < r->n && r->s[r->i] != ']') {
		long cp;
		const char *cls = NULL;
		bool cneg = false;
		folio_buf raw = FOLIO_BUF_INIT;
		if (r->s[r->i] == '\\') {
			r->i++;
			if (read_escape(r, true, &cp, &cls, &cneg) < 0) {
				rc = -1;
				goto done;
			}
			if (cp >= 0)
				put_utf8(&raw, (unsigned long)cp);
		} else {
			cp = read_raw(r, &raw);
		}
		members++;
		if (cls) {
			folio_buf_dispose(&raw);
			if (cneg) {
				sole_neg = cls;
				continue;
			}
			folio_buf_puts(&body, cls);
			continue;
		}
		/* A range "a-b" unless "-" ends the class. */
		if (r->i + 1 < r->n && r->s[r->i] == '-' && r->s[r->i + 1] != ']') {
			long hi;
			const char *hcls;
			bool hneg;
			folio_buf hraw = FOLIO_BUF_INIT;
			r->i++;
			if (r->s[r->i] == '\\') {
				r->i++;
				if (read_escape(r, true, &hi, &hcls, &hneg) < 0 || hcls) {
					folio_buf_dispose(&raw);
					rc = fail(r, "a range bounded by a class escape");
					goto done;
				}
				put_utf8(&hraw, (unsigned long)hi);
			} else {
				hi = read_raw(r, &hraw);
			}
			if (cp == ']' || cp == '-' || cp == '^' || cp == '[' || hi == ']' || hi == '-' ||
			    hi == '[') {
				folio_buf_dispose(&raw);
				folio_buf_dispose(&hraw);
				rc = fail(r, "a range bounded by a bracket, dash or caret");
				goto done;
			}
			folio_buf_put(&body, raw.ptr, raw.size);
			folio_buf_putc(&body, '-');
			folio_buf_put(&body, hraw.ptr, hraw.size);
			folio_buf_dispose(&hraw);
		} else if (cp == ']') {
			has_close = true;
		} else if (cp == '[') {
			has_open = true;
		} else if (cp == '^') {
			has_caret = true;
		} else if (cp == '-') {
			has_dash = true;
		} else {
			folio_buf_put(&body, raw.ptr, raw.size);
		}
		folio_buf_dispose(&raw);
	}
	if (r->i >= r->n) {
		rc = fail(r, "an unterminated character class");
		goto done;
	}
	r->i++; /* "]" */
	if (sole_neg) {
		/* [\D] is expressible; [\Da] is not, in POSIX brackets. */
		if (members != 1) {
			rc = fail(r, "a negated shorthand (\\D \\W \\S \\P) inside a class");
			goto done;
		}
		neg = !neg;
		folio_buf_puts(&body, sole_neg);
	}
	if (!neg && !has_close && !has_open && !has_dash && has_caret && body.size == 0) {
		folio_buf_puts(r->out, "\\^");
		goto done;
	}
	/* POSIX order: "]" first, "[" and "^" after others, "-" last. */
	folio_buf_putc(r->out, '[');
	if (neg)
		folio_buf_putc(r->out, '^');
	if (has_close)
		folio_buf_putc(r->out, ']');
	folio_buf_put(r->out, body.ptr, body.size);
	if (has_open)
		folio_buf_putc(r->out, '[');
	if (has_caret)
		folio_buf_putc(r->out, '^');
	if (has_dash)
		folio_buf_putc(r->out, '-');
	folio_buf_putc(r->out, ']');
done:
	folio_buf_dispose(&body);
	return rc;
}

/* "{n}", "{n,}" or "{n,m}" at r->i: its length, or 0 when "{" is literal. */
static size_t quantifier_len(const rx *r)
{
	size_t j = r->i + 1, start = j;
	while (j < r->n && r->s[j] >= '0' && r->s[j] <= '9')
		j++;
	if (j == start || j >= r->n)
		return 0;
	if (r->s[j] == ',') {
		j++;
		while (j < r->n && r->s[j] >= '0' && r->s[j] <= '9')
			j++;
	}
	if (j >= r->n || r->s[j] != '}')
		return 0;
	return j + 1 - r->i;
}

static void skip_lazy(rx *r)
{
	if (r->i < r->n && r->s[r->i] == '?')
		r->i++;
}

static int translate_group(rx *r)
{
	r->tok = TOK_OPEN;
	if (r->i >= r->n || r->s[r->i] != '?') {
		folio_buf_putc(r->out, '(');
		return 0;
	}
	r->i++;
	if (r->i < r->n && r->s[r->i] == ':') {
		r->i++;
		folio_buf_putc(r->out, '(');
		return 0;
	}
	if (r->i < r->n && r->s[r->i] == '<' && r->i + 1 < r->n && r->s[r->i + 1] != '=' &&
	    r->s[r->i + 1] != '!') {
		const char *close = memchr(r->s + r->i, '>', r->n - r->i);
		if (!close)
			return fail(r, "a malformed group name");
		r->i = (size_t)(close - r->s) + 1;
		folio_buf_putc(r->out, '(');
		return 0;
	}
	return fail(r, "lookahead, lookbehind or group flags");
}

/* Copies regcomp makes of the atom that the "{n,m}" at r->i repeats. */
static unsigned long quantifier_factor(const rx *r)
{
	char *end;
	unsigned long lo = strtoul(r->s + r->i + 1, &end, 10), hi = lo;
	if (*end == ',')
		hi = end[1] == '}' ? lo + 1 : strtoul(end + 1, NULL, 10);
	return hi > lo ? hi : lo ? lo : 1;
}

static int translate_one(rx *r)
{
	char c = r->s[r->i++];
	size_t q;
	r->tok = TOK_ATOM;
	switch (c) {
	case '\\': {
		long cp;
		const char *cls;
		bool neg;
		if (r->i < r->n && (r->s[r->i] == 'b' || r->s[r->i] == 'B')) {
			folio_buf_putc(r->out, '\\');
			folio_buf_putc(r->out, r->s[r->i++]);
			r->tok = TOK_ANCHOR;
			return 0;
		}
		if (read_escape(r, false, &cp, &cls, &neg) < 0)
			return -1;
		if (cls)
			folio_buf_printf(r->out, "[%s%s]", neg ? "^" : "", cls);
		else
			put_literal(r, cp);
		return 0;
	}
	case '[':
		return translate_class(r);
	case '(':
		return translate_group(r);
	case '.':
		folio_buf_puts(r->out, "[^\n\r]");
		return 0;
	case '*': case '+': case '?':
		folio_buf_putc(r->out, c);
		skip_lazy(r);
		r->tok = TOK_QUANT;
		r->factor = c == '+' ? 2 : 1;
		return 0;
	case '{':
		r->i--;
		q = quantifier_len(r);
		if (!q) {
			r->i++;
			put_literal(r, '{');
			return 0;
		}
		if (q > 12)
			return fail(r, "a repetition count above 32767");
		r->tok = TOK_QUANT;
		r->factor = quantifier_factor(r);
		if (r->factor > 32767)
			return fail(r, "a repetition count above 32767");
		folio_buf_put(r->out, r->s + r->i, q);
		r->i += q;
		skip_lazy(r);
		return 0;
	case '}': case ']':
		put_literal(r, c);
		return 0;
	case ')':
		r->tok = TOK_CLOSE;
		folio_buf_putc(r->out, c);
		return 0;
	case '|':
		r->tok = TOK_ALT;
		folio_buf_putc(r->out, c);
		return 0;
	case '^': case '$':
		r->tok = TOK_ANCHOR;
		folio_buf_putc(r->out, c);
		return 0;
	default:
		folio_buf_putc(r->out, c);
		return 0;
	}
}

static unsigned long add_weight(unsigned long a, unsigned long b)
{
	return a + b > WEIGHT_LIMIT ? WEIGHT_LIMIT + 1 : a + b;
}

static unsigned long mul_weight(unsigned long a, unsigned long b)
{
	return b && a > WEIGHT_LIMIT / b ? WEIGHT_LIMIT + 1 : a * b;
}

/* Track group weights after each token; refuse what regcomp would choke on. */
static int weigh(rx *r, token prev)
{
	size_t d = r->depth;
	switch (r->tok) {
	case TOK_ATOM:
		r->last[d] = 1;
		r->sum[d] = add_weight(r->sum[d], 1);
		break;
	case TOK_QUANT:
		if (prev != TOK_ATOM && prev != TOK_CLOSE)
			return fail(r, "a quantifier with nothing to repeat");
		r->sum[d] = add_weight(r->sum[d], mul_weight(r->last[d], r->factor - 1));
		r->last[d] = mul_weight(r->last[d], r->factor);
		break;
	case TOK_OPEN:
		if (d == GROUP_DEPTH_LIMIT)
			return fail(r, "groups nested more than 64 deep");
		r->depth++;
		r->sum[d + 1] = r->last[d + 1] = 0;
		break;
	case TOK_CLOSE:
		if (d == 0)
			return fail(r, "an unmatched \")\"");
		r->depth--;
		r->last[d - 1] = r->sum[d];
		r->sum[d - 1] = add_weight(r->sum[d - 1], r->sum[d]);
		break;
	case TOK_ALT:
	case TOK_ANCHOR:
		r->last[d] = 0;
		break;
	}
	if (r->sum[r->depth] > WEIGHT_LIMIT)
		return fail(r, "a pattern whose repetitions expand too much");
	return 0;
}

int folio_schema__regex_translate(folio_buf *out, const char *pattern, size_t len,
                                  const char **why)
{
	rx r = { .s = pattern, .n = len, .out = out, .tok = TOK_ALT };
	if (memchr(pattern, '\0', len)) {
		*why = "a NUL character";
		return -1;
	}
	while (r.i < r.n) {
		token prev = r.tok;
		if (translate_one(&r) < 0 || weigh(&r, prev) < 0) {
			*why = r.why ? r.why : "an unsupported construct";
			return -1;
		}
	}
	*why = NULL;
	return 0;
}
