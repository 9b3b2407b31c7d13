/*
 * Slugs (slug.h) through ICU's transliterator: one instance for the
 * process, opened on first use. A UTransliterator must not be used by two
 * threads at once, hence the lock; names are short and slugs are made
 * while the tree is read, so it is never contended in practice.
 */
#include "model/slug.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <utf8proc.h>

#include "util/alloc.h"
#include "folio/buf.h"
#include "util/banned.h"

#define TRANSFORM "Any-Latin; Latin-ASCII; Lower"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *trans; /* NULL when ICU lacks its data: ASCII folding only */

static void open_transliterator(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar id[64];
	u_uastrcpy(id, TRANSFORM);
	trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err))
		trans = NULL;
}

static bool slug_char(char c, bool underscores)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (underscores && c == '_');
}

static bool slug_is_with(const char *s, size_t n, bool underscores)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!slug_char(s[i], underscores) && s[i] != '-')
			return false;
	return true;
}

bool folio_slug_is(const char *s, size_t n)
{
	return slug_is_with(s, n, false);
}

/* s transliterated to (mostly) ASCII; caller frees. On any ICU failure the
 * bytes as they are: the folding below keeps their ASCII letters. */
static char *transliterate(const char *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0, cap = (int32_t)n * 4 + 16;
	UChar *u = folio_xmalloc((size_t)cap * sizeof(UChar));
	u_strFromUTF8(u, cap, &len, s, (int32_t)n, &err);
	if (U_FAILURE(err) || !trans) {
		free(u);
		return folio_xstrndup(s, n);
	}
	int32_t limit = len;
	pthread_mutex_lock(&lock);
	utrans_transUChars(trans, u, &len, cap, 0, &limit, &err);
	pthread_mutex_unlock(&lock);
	char *out = NULL;
	int32_t outlen = 0;
	if (U_SUCCESS(err)) {
		UErrorCode e2 = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &outlen, u, len, &e2);
		out = folio_xmalloc((size_t)outlen + 1);
		e2 = U_ZERO_ERROR;
		u_strToUTF8(out, outlen + 1, &outlen, u, len, &e2);
		if (U_FAILURE(e2)) {
			free(out);
			out = NULL;
		}
	}
	free(u);
	return out ? out : folio_xstrndup(s, n);
}

/* A slug needs a letter or a digit: "_" alone names nothing. */
static bool has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (slug_char(s[i], false))
			return true;
	return false;
}

char *folio_slug_make(const char *s, size_t n)
{
	return folio_slug_make_with(s, n, false);
}

char *folio_slug_make_with(const char *s, size_t n, bool underscores)
{
	if (slug_is_with(s, n, underscores) && !(underscores && !has_alnum(s, n)))
		return folio_xstrndup(s, n);
	pthread_once(&once, open_transliterator);
	char *t = transliterate(s, n);
	folio_buf out = FOLIO_BUF_INIT;
	bool dash = false;
	for (const char *p = t; *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (slug_char(c, underscores)) {
			if (dash && out.size)
				folio_buf_putc(&out, '-');
			folio_buf_putc(&out, c);
			dash = false;
		} else {
			dash = true;
		}
	}
	free(t);
	if (!has_alnum(out.ptr ? out.ptr : "", out.size)) {
		folio_buf_dispose(&out);
		return NULL;
	}
	return folio_buf_detach(&out, NULL);
}

/* Jekyll's slugify over n bytes of UTF-8 at s: letters, marks and digits
 * kept, every other run of characters one '-' (none at either end). Its
 * default mode keeps '_' when underscores and lowers capitals unless
 * keep_case; its pretty mode (cased) keeps "_~!$&'()+,;=@" and a dot
 * between two kept characters, and of the numbers only decimal digits
 * (\p{Nd}). NULL when no letter or digit is left, or s is not UTF-8. */
static char *slugify(const char *s, size_t n, bool underscores, bool keep_case, bool pretty)
{
	folio_buf out = FOLIO_BUF_INIT;
	bool dash = false, any = false;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0) {
			folio_buf_dispose(&out);
			return NULL;
		}
		i += (size_t)k;
		utf8proc_category_t cat = utf8proc_category(c);
		bool letter = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ||
		              (pretty ? cat == UTF8PROC_CATEGORY_ND : cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
		bool sign = pretty ? c < 0x80 && c && c != '.' && strchr("_~!$&'()+,;=@", (int)c) : underscores && c == '_';
		/* a dot alone between others: two (a..b) or one at either end
		 * would name a folder's parent or a hidden file, never kept */
		bool lone_dot = pretty && c == '.' && out.size && !dash && i < n && s[i] != '.' &&
		                out.ptr[out.size - 1] != '.';
		if (!letter && !sign && !lone_dot) {
			dash = true;
			continue;
		}
		if (dash && out.size)
			folio_buf_putc(&out, '-');
		dash = false;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t len = utf8proc_encode_char(keep_case ? c : utf8proc_tolower(c), enc);
		folio_buf_put(&out, enc, (size_t)len);
		any |= letter;
	}
	if (!any) {
		folio_buf_dispose(&out);
		return NULL;
	}
	return folio_buf_detach(&out, NULL);
}

char *folio_slug_make_letters(const char *s, size_t n, bool underscores, bool keep_case)
{
	return slugify(s, n, underscores, keep_case, false);
}

char *folio_slug_make_pretty(const char *s, size_t n)
{
	return slugify(s, n, true, true, true);
}

char *folio_slug_make_dotted(const char *s, size_t n, bool underscores)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < n;) {
		const char *dot = memchr(s + i, '.', n - i);
		size_t len = dot ? (size_t)(dot - (s + i)) : n - i;
		char *part = folio_slug_make_with(s + i, len, underscores);
		if (part) {
			if (b.size)
				folio_buf_putc(&b, '.');
			folio_buf_puts(&b, part);
			free(part);
		}
		i += len + 1;
	}
	if (!b.size) {
		folio_buf_dispose(&b);
		return NULL;
	}
	return folio_buf_detach(&b, NULL);
}
