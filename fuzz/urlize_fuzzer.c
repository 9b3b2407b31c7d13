/*
 * Titles through folio_urlize (slug_from: title): a pusher's title becomes
 * a folder of the site. Invariants: NULL for invalid UTF-8 (or nothing
 * left); otherwise a non-empty UTF-8 segment with no '/', '\\', '#', '%',
 * white space, control byte or capital ASCII letter, that does not start
 * with '.'. Whether it is a plain name is the caller's to check (site_urls.c:
 * "Git~1" gives git~1, which folio_path_check_name refuses as .git's short
 * name on Windows; a long title gives a name too long): a slug/invalid
 * finding. The first byte of the input chooses remove_accents.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "model/urlize.h"

static int valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = folio_utf8_char(&cp, s + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	int remove_accents = data[0] & 1;
	const char *title = (const char *)data + 1;
	size_t n = size - 1;
	char *seg = folio_urlize(title, n, remove_accents);
	if (!seg)
		return 0;
	size_t len = strlen(seg);
	if (!len || seg[0] == '.' || !valid_utf8(seg, len) || !valid_utf8(title, n))
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)seg[i];
		if (c < 0x21 || c == 0x7f || strchr("/\\#%", c) || (c >= 'A' && c <= 'Z'))
			abort();
	}
	free(seg);
	return 0;
}
