/*
 * Hugo's emoji codes (emoji.h). The table is sorted by bytes, so a code is
 * found by a binary search; the text is read once, each ':' starting at
 * most one candidate whose name runs to the next byte outside the name's
 * characters.
 */
#include "model/emoji.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "util/banned.h"

typedef struct {
	const char *code, *emoji;
} emoji_entry;

static const emoji_entry table[] = {
#include "model/emoji_table.inc"
};

static bool name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '+' || c == '-';
}

/* The emoji of the code s (n bytes, its colons included), or NULL. */
static const char *lookup(const char *s, size_t n)
{
	size_t lo = 0, hi = sizeof(table) / sizeof(table[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *c = table[mid].code;
		size_t cn = strlen(c);
		int cmp = memcmp(c, s, cn < n ? cn : n);
		if (!cmp)
			cmp = (cn > n) - (cn < n);
		if (!cmp)
			return table[mid].emoji;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

char *folio_emoji_replace(const char *text, size_t len, size_t *out_len)
{
	folio_buf b = FOLIO_BUF_INIT;
	bool any = false;
	size_t done = 0; /* text before it is in b (once any) */
	const char *colon;
	for (size_t i = 0; i < len && (colon = memchr(text + i, ':', len - i));) {
		size_t at = (size_t)(colon - text), j = at + 1;
		while (j < len && name_char((unsigned char)text[j]))
			j++;
		if (j == at + 1 || j >= len || text[j] != ':') {
			i = j; /* no code starts before j: its bytes are a name's */
			continue;
		}
		const char *emoji = lookup(text + at, j + 1 - at);
		if (emoji) {
			folio_buf_put(&b, text + done, at - done);
			folio_buf_puts(&b, emoji);
			done = j + 1;
			any = true;
		}
		i = j + 1;
	}
	if (!any) {
		folio_buf_dispose(&b);
		return NULL;
	}
	folio_buf_put(&b, text + done, len - done);
	return folio_buf_detach(&b, out_len);
}
