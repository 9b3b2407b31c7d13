/*
 * Plain scalars resolved as the YAML 1.2 core schema says: null, booleans,
 * integers (decimal, 0o octal, 0x hex; beyond int64 they stay text),
 * floats (in the C locale; .inf and .nan stay text). Pure functions.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/yaml_scalar.h"
#include "util/text.h"
#include "util/banned.h"

#define CORE_TAG "tag:yaml.org,2002:"

/* ---- scalar resolution (YAML 1.2 core schema) ---- */

bool folio_yaml__text_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !memcmp(s, word, len);
}

bool folio_yaml__all_digits(const char *s, size_t len, int base)
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool ok = base == 8 ? (c >= '0' && c <= '7')
		        : base == 10 ? (c >= '0' && c <= '9')
		        : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
		if (!ok)
			return false;
	}
	return true;
}

/* 1: an integer in *out; 0: not an integer; -1: an integer beyond int64. */
static int parse_int(const char *s, size_t len, json_int_t *out)
{
	int base = 10;
	const char *digits = s;
	if (len > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		base = s[1] == 'o' ? 8 : 16;
		digits = s + 2;
		if (!folio_yaml__all_digits(digits, len - 2, base))
			return 0;
	} else {
		size_t sign = len && (s[0] == '-' || s[0] == '+');
		if (!folio_yaml__all_digits(s + sign, len - sign, 10))
			return 0;
	}
	errno = 0;
	if (base == 10) {
		long long v = strtoll(digits, NULL, 10);
		if (errno == ERANGE)
			return -1;
		*out = v;
		return 1;
	}
	unsigned long long v = strtoull(digits, NULL, base);
	if (errno == ERANGE || v > INT64_MAX)
		return -1;
	*out = (json_int_t)v;
	return 1;
}

static size_t skip_digits(const char *s, size_t i, size_t len)
{
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool is_float(const char *s, size_t len)
{
	size_t i = len && (s[0] == '-' || s[0] == '+');
	if (i < len && s[i] == '.') {
		size_t j = skip_digits(s, i + 1, len);
		if (j == i + 1)
			return false;
		i = j;
	} else {
		size_t j = skip_digits(s, i, len);
		if (j == i)
			return false;
		i = j;
		if (i < len && s[i] == '.')
			i = skip_digits(s, i + 1, len);
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t j = skip_digits(s, i, len);
		if (j == i)
			return false;
		i = j;
	}
	return i == len;
}

/*
 * A plain scalar's value. Integers beyond int64 and floats JSON cannot
 * hold (.inf, .nan, overflow) stay strings: exact text beats a wrong
 * number, and a schema asking for a number then says so.
 */
json_t *folio_yaml__resolve_plain(const char *s, size_t len)
{
	if (len == 0 || folio_yaml__text_is(s, len, "~") || folio_yaml__text_is(s, len, "null") ||
	    folio_yaml__text_is(s, len, "Null") || folio_yaml__text_is(s, len, "NULL"))
		return json_null();
	if (folio_yaml__text_is(s, len, "true") || folio_yaml__text_is(s, len, "True") || folio_yaml__text_is(s, len, "TRUE"))
		return json_true();
	if (folio_yaml__text_is(s, len, "false") || folio_yaml__text_is(s, len, "False") || folio_yaml__text_is(s, len, "FALSE"))
		return json_false();
	json_int_t i;
	int r = parse_int(s, len, &i);
	if (r > 0)
		return json_integer(i);
	if (r == 0 && is_float(s, len)) {
		double d = folio_strtod_c(s);
		if (isfinite(d))
			return json_real(d);
	}
	return json_stringn(s, len);
}

bool folio_yaml__tag_is(const char *tag, const char *name)
{
	size_t n = strlen(CORE_TAG);
	return !strncmp(tag, CORE_TAG, n) && !strcmp(tag + n, name);
}

