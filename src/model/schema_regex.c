/*
 * Schema patterns (ECMA-262) matched with PCRE2, under work budgets.
 *
 * PCRE2 reads ECMA-262 syntax nearly as it is, with these options: UTF
 * (code points, not bytes), ALT_BSUX and EXTRA_ALT_BSUX (\uHHHH, \u{...}
 * and \xHH as in JavaScript), DOLLAR_ENDONLY ("$" is the end, not "before a
 * final newline"), ALLOW_EMPTY_CLASS ("[]" never matches, "[^]" is any
 * character). What remains is rewritten in one pass that copies every
 * other byte as it is: "." outside a class excludes the four ECMA-262 line
 * terminators, and the long Unicode property names (\p{Letter}) become the
 * short ones PCRE2 knows.
 *
 * Matching is a backtracking search: "^(a{1,140}){1,140}$" against 10 KB
 * would run for minutes. Every match runs under a match limit (steps), a
 * depth limit (backtracking frames) and a heap limit; passing one is a
 * budget/regex finding, never a verdict either way.
 */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/banned.h"

static void out_of_memory(void)
{
	fputs("folio: out of memory\n", stderr);
	abort();
}

static const struct {
	const char *ecma, *pcre;
} long_properties[] = {
	{ "Letter", "L" }, { "Alphabetic", "L" },
	{ "Uppercase_Letter", "Lu" }, { "Uppercase", "Lu" },
	{ "Lowercase_Letter", "Ll" }, { "Lowercase", "Ll" },
	{ "Decimal_Number", "Nd" }, { "Number", "N" }, { "Punctuation", "P" },
};

/* At s[i] == '{' after \p or \P: append the property, short; returns bytes read. */
static size_t put_property(folio_buf *out, const char *s, size_t n, size_t i)
{
	const char *close = memchr(s + i, '}', n - i);
	if (!close)
		return 0;
	size_t len = (size_t)(close - (s + i + 1));
	for (size_t k = 0; k < sizeof(long_properties) / sizeof(long_properties[0]); k++) {
		if (strlen(long_properties[k].ecma) == len && !memcmp(long_properties[k].ecma, s + i + 1, len)) {
			folio_buf_printf(out, "{%s}", long_properties[k].pcre);
			return len + 2;
		}
	}
	return 0;
}

static void rewrite(folio_buf *out, const char *s, size_t n)
{
	bool in_class = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\\' && i + 1 < n) {
			folio_buf_putc(out, c);
			folio_buf_putc(out, s[++i]);
			if ((s[i] == 'p' || s[i] == 'P') && i + 1 < n && s[i + 1] == '{')
				i += put_property(out, s, n, i + 1);
			continue;
		}
		if (in_class) {
			if (c == ']')
				in_class = false;
			folio_buf_putc(out, c);
		} else if (c == '[') {
			in_class = true;
			folio_buf_putc(out, c);
			/* "[]" and "[^]": the "]" closes the class in ECMA-262 */
			if (i + 1 < n && s[i + 1] == '^') {
				folio_buf_putc(out, '^');
				i++;
			}
			if (i + 1 < n && s[i + 1] == ']') {
				folio_buf_putc(out, ']');
				i++;
				in_class = false;
			}
		} else if (c == '.') {
			folio_buf_puts(out, "[^\\n\\r\\u2028\\u2029]");
		} else {
			folio_buf_putc(out, c);
		}
	}
}

int folio_schema__regex_compile(pcre2_code **out, const char *pattern, size_t len, folio_buf *why)
{
	folio_buf src = FOLIO_BUF_INIT;
	int err;
	PCRE2_SIZE off;

	*out = NULL;
	rewrite(&src, pattern, len);
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	if (!cc)
		out_of_memory();
	pcre2_set_compile_extra_options(cc, PCRE2_EXTRA_ALT_BSUX);
	/* patterns are short, but a pathological one must not take seconds to compile */
	pcre2_set_parens_nest_limit(cc, 64);
	*out = pcre2_compile((PCRE2_SPTR)src.ptr, src.size,
	                     PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_DOLLAR_ENDONLY |
	                     PCRE2_ALLOW_EMPTY_CLASS | PCRE2_NEVER_BACKSLASH_C,
	                     &err, &off, cc);
	pcre2_compile_context_free(cc);
	folio_buf_dispose(&src);
	if (*out)
		return 0;
	PCRE2_UCHAR msg[256];
	if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
		memcpy(msg, "unknown error", sizeof("unknown error"));
	folio_buf_puts(why, (const char *)msg);
	return -1;
}

int folio_schema__regex_search(const pcre2_code *re, const char *s, size_t len,
                               pcre2_match_context *mctx)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	if (!md)
		out_of_memory();
	/* values come from validated UTF-8 YAML or JSON: skip PCRE2's own check
	 * only when sure; it is linear, so keep it */
	int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, mctx);
	pcre2_match_data_free(md);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT)
		return -2;
	if (rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_NOMEMORY)
		return -1;
	return 0; /* invalid UTF-8 in the subject: it cannot match a UTF pattern */
}
