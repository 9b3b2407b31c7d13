#include "text.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "alloc.h"
#include "banned.h"

void folio_json_pointer_append(folio_buf *b, const char *key, size_t len)
{
	folio_buf_putc(b, '/');
	for (size_t i = 0; i < len; i++) {
		if (key[i] == '~')
			folio_buf_puts(b, "~0");
		else if (key[i] == '/')
			folio_buf_puts(b, "~1");
		else
			folio_buf_putc(b, key[i]);
	}
}

static void walk_strings(const json_t *v, folio_buf *pointer,
                         void (*cb)(const char *pointer, const char *s, void *payload),
                         void *payload)
{
	size_t base = pointer->size;
	if (json_is_string(v)) {
		cb(pointer->ptr, json_string_value(v), payload);
	} else if (json_is_object(v)) {
		const char *key;
		json_t *child;
		json_object_foreach((json_t *)v, key, child) {
			folio_json_pointer_append(pointer, key, strlen(key));
			walk_strings(child, pointer, cb, payload);
			folio_buf_truncate(pointer, base);
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *child;
		json_array_foreach(v, i, child) {
			folio_buf_printf(pointer, "/%zu", i);
			walk_strings(child, pointer, cb, payload);
			folio_buf_truncate(pointer, base);
		}
	}
}

void folio_json_foreach_string(const json_t *v,
                               void (*cb)(const char *pointer, const char *s, void *payload),
                               void *payload)
{
	folio_buf pointer = FOLIO_BUF_INIT;
	walk_strings(v, &pointer, cb, payload);
	folio_buf_dispose(&pointer);
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

size_t folio_edit_distance(const char *a, size_t n, const char *b, size_t m)
{
	if (n > 64 || m > 64)
		return SIZE_MAX;
	size_t d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			char x = fold(a[i - 1]), y = fold(b[j - 1]);
			size_t best = d[i - 1][j - 1] + (x != y);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && x == fold(b[j - 2]) && fold(a[i - 2]) == y &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

const char *folio_closest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t n = strlen(word), best_d = n < 4 ? 1 : 2;
	for (size_t i = 0; candidates[i]; i++) {
		size_t d = folio_edit_distance(word, n, candidates[i], strlen(candidates[i]));
		if (d <= best_d && (!best || d < best_d)) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}

void folio_text_utf8_repair(folio_buf *out, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n > 0) {
			folio_buf_put(out, p, (size_t)n);
			p += n;
		} else { /* a byte no valid UTF-8 holds there: shown, not dropped */
			folio_buf_printf(out, "\\x%02x", *p);
			p++;
		}
	}
}

size_t folio_utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (n < need + 1 || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k <= need; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	return need + 1;
}

double folio_strtod_c(const char *s)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (c == (locale_t)0)
		return strtod(s, NULL);
	double d = strtod_l(s, NULL, c);
	freelocale(c);
	return d;
}

int folio_hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void folio_percent_decode(char *s)
{
	char *o = s;
	for (; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = folio_hex_value(s[1])) >= 0 && (lo = folio_hex_value(s[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* 16 bytes at a time with GCC's and Clang's vector types (SSE2 or NEON);
 * a byte-wide count per lane for at most 255 blocks, then summed. The loop
 * over single bytes that was here was 8% of a check's instructions at 10k
 * pages: -O2 left it scalar. */
typedef unsigned char byte16 __attribute__((vector_size(16)));

static size_t escapes_scalar(const unsigned char *s, size_t n)
{
	size_t escaped = 0;
	for (size_t i = 0; i < n; i++)
		escaped += (s[i] < 0x20) | (s[i] == '"') | (s[i] == '\\');
	return escaped;
}

size_t folio_json_escapes(const char *text, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t escaped = 0, i = 0;
	while (n - i >= 16) {
		byte16 count = { 0 };
		for (int k = 0; k < 255 && n - i >= 16; k++, i += 16) {
			byte16 c;
			memcpy(&c, s + i, 16); /* unaligned */
			/* each comparison is -1 (all ones) where it holds */
			count -= (byte16)((c < 0x20) | (c == '"') | (c == '\\'));
		}
		for (int k = 0; k < 16; k++)
			escaped += count[k];
	}
	return escaped + escapes_scalar(s + i, n - i);
}

char *folio_json_scalar_text(const json_t *v)
{
	if (json_is_string(v))
		return folio_xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return folio_xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return folio_xasprintf("%g", json_real_value(v));
	return json_is_boolean(v) ? folio_xstrdup(json_is_true(v) ? "true" : "false") : NULL;
}

json_t *folio_json_get_path_ci(const json_t *obj, const char *name)
{
	json_t *v = (json_t *)obj;
	for (const char *s = name; v && *s;) {
		size_t n = strcspn(s, ".");
		const char *key;
		json_t *each, *found = NULL;
		if (!json_is_object(v))
			return NULL;
		json_object_foreach(v, key, each)
			if (strlen(key) == n && !strncasecmp(key, s, n)) {
				found = each;
				break;
			}
		v = found;
		s += n + (s[n] == '.');
	}
	return v;
}

bool folio_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

bool folio_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}
