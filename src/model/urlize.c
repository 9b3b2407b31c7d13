/*
 * Hugo's urlize (urlize.h) on ICU's character properties: the work is done
 * in UTF-16, the form ICU's normalizer takes.
 */
#include "model/urlize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "folio/path.h"
#include "util/alloc.h"
#include "util/banned.h"

/* A character Hugo keeps in a path: a letter, a digit, a combining mark,
 * or one of its few ASCII signs (less those folio drops, urlize.h). */
static bool kept(UChar32 c, bool slash)
{
	if (c > 0 && c < 0x80 && strchr(slash ? "._~+-@/" : "._~+-@", (int)c))
		return true;
	return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_ND_MASK | U_GC_M_MASK)) != 0;
}

/* Hugo's sanitizing pass over u (len units) into out (room for len), '/'
 * kept when slash. */
static int32_t sanitize(const UChar *u, int32_t len, UChar *out, bool slash)
{
	int32_t n = 0;
	bool hyphen_due = false, was_hyphen = false;
	for (int32_t i = 0; i < len;) {
		UChar32 c;
		U16_NEXT(u, i, len, c);
		if (kept(c, slash)) {
			was_hyphen = c == '-';
			if (hyphen_due && !was_hyphen)
				out[n++] = '-';
			hyphen_due = false;
			U16_APPEND_UNSAFE(out, n, c);
		} else if (n > 0 && !was_hyphen && u_isUWhiteSpace(c)) {
			hyphen_due = true;
		}
	}
	return n;
}

/* u (*len units, room for cap) with its non-spacing marks removed after
 * canonical decomposition, then composed again; false on an ICU failure. */
static bool remove_accents(UChar **u, int32_t *len)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return false;
	int32_t cap = *len * 4 + 16;
	UChar *d = folio_xmalloc((size_t)cap * sizeof(UChar));
	int32_t dn = unorm2_normalize(nfd, *u, *len, d, cap, &err);
	if (U_FAILURE(err)) {
		free(d);
		return false;
	}
	int32_t kept_n = 0;
	for (int32_t i = 0; i < dn;) {
		UChar32 c;
		U16_NEXT(d, i, dn, c);
		if (u_charType(c) != U_NON_SPACING_MARK)
			U16_APPEND_UNSAFE(d, kept_n, c);
	}
	UChar *c = folio_xmalloc((size_t)cap * sizeof(UChar));
	int32_t cn = unorm2_normalize(nfc, d, kept_n, c, cap, &err);
	free(d);
	if (U_FAILURE(err)) {
		free(c);
		return false;
	}
	free(*u);
	*u = c;
	*len = cn;
	return true;
}

/* u lower-cased in place, code point by code point (simple case mapping,
 * as Go's strings.ToLower), which may change a character's length. */
static int32_t lower(UChar *u, int32_t len, UChar *out)
{
	int32_t n = 0;
	for (int32_t i = 0; i < len;) {
		UChar32 c;
		U16_NEXT(u, i, len, c);
		U16_APPEND_UNSAFE(out, n, u_tolower(c));
	}
	return n;
}

char *folio_urlize(const char *s, size_t n, bool remove)
{
	return folio_urlize_cased(s, n, remove, false);
}

static char *urlize(const char *s, size_t n, bool remove, bool keep_case, bool slash)
{
	if (n > 64 * 1024)
		return NULL; /* no title is that long; keeps the sizes below in int32_t */
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0, cap = (int32_t)n + 1;
	UChar *u = folio_xmalloc((size_t)cap * sizeof(UChar));
	u_strFromUTF8(u, cap, &len, s, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		free(u);
		return NULL;
	}
	/* a character is never longer in UTF-16 after case mapping than two
	 * units, nor does sanitizing lengthen a run */
	UChar *t = folio_xmalloc(((size_t)len * 2 + 1) * sizeof(UChar));
	int32_t tn = sanitize(u, len, t, slash);
	free(u);
	if (remove && !remove_accents(&t, &tn)) {
		free(t);
		return NULL;
	}
	UChar *l = folio_xmalloc(((size_t)tn * 2 + 1) * sizeof(UChar));
	int32_t ln = keep_case ? tn : lower(t, tn, l);
	if (keep_case)
		memcpy(l, t, (size_t)tn * sizeof(UChar));
	free(t);
	int32_t start = 0;
	while (start < ln && l[start] == '.')
		start++; /* never "..", nor a hidden name */
	char *out = NULL;
	if (start < ln) {
		int32_t bytes = 0;
		err = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &bytes, l + start, ln - start, &err);
		err = U_ZERO_ERROR;
		out = folio_xmalloc((size_t)bytes + 1);
		u_strToUTF8(out, bytes + 1, NULL, l + start, ln - start, &err);
		if (U_FAILURE(err)) {
			free(out);
			out = NULL;
		}
	}
	free(l);
	return out;
}

char *folio_urlize_cased(const char *s, size_t n, bool remove, bool keep_case)
{
	return urlize(s, n, remove, keep_case, false);
}

char *folio_urlize_path(const char *s, size_t n, bool remove)
{
	char *path = urlize(s, n, remove, false, true);
	/* without a slash folio_urlize gives the same; with an empty name, "..",
	 * or a name starting with a dot (urlize takes them off the start
	 * only), the title is one name again */
	if (path && strchr(path, '/') && !folio_path_check(path, strlen(path)) && !strstr(path, "/."))
		return path;
	free(path);
	return NULL;
}

char *folio_urlize_segment(const char *s, size_t n, bool remove, bool keep_case)
{
	char *seg = folio_urlize_cased(s, n, remove, keep_case);
	if (seg && !folio_path_check(seg, strlen(seg)))
		return seg;
	free(seg);
	return NULL;
}
