/*
 * Messages in a language: folio reads msgfmt's .mo catalogues itself.
 *
 * Why not glibc's dgettext: it translates only under a locale the machine
 * has installed (LC_MESSAGES "C" never translates), and it reads the
 * language from the process's locale or from LANGUAGE, one for the whole
 * process. A server running `folio watch` in a container with only C.UTF-8
 * must still tell a French site's authors what is wrong in French, while its
 * own log lines follow its operator's LANG. The .mo format is small and
 * fixed (GNU gettext manual, "The Format of GNU MO Files"); the rest of the
 * toolchain (xgettext, msgmerge, msgfmt --check) is gettext's own.
 */
#include "folio/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folio/buf.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/search.h"
#include "util/banned.h"

#define MO_MAGIC 0x950412deu
#define MAX_CATALOGUES 16

typedef struct {
	char lang[32];       /* as looked up: "fr", "fr_CA" */
	const char *data;    /* the whole file, or NULL: no catalogue */
	size_t size;
	uint32_t count;
	uint32_t orig, trans; /* offsets of the two string tables */
	bool swap;           /* written on a machine of the other byte order */
} catalogue;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static catalogue catalogues[MAX_CATALOGUES];
static size_t ncatalogues;

static uint32_t u32(const catalogue *c, size_t off)
{
	uint32_t v;
	memcpy(&v, c->data + off, 4);
	return c->swap ? __builtin_bswap32(v) : v;
}

/* String i of a table at table_off, or NULL when the file lies about it. */
static const char *entry(const catalogue *c, uint32_t table_off, uint32_t i)
{
	size_t at = (size_t)table_off + (size_t)i * 8;
	if (at + 8 > c->size)
		return NULL;
	uint32_t len = u32(c, at), off = u32(c, at + 4);
	if ((size_t)off + len >= c->size || c->data[(size_t)off + len] != '\0')
		return NULL;
	return c->data + off;
}

static bool parse(catalogue *c)
{
	if (c->size < 28)
		return false;
	uint32_t magic;
	memcpy(&magic, c->data, 4);
	if (magic != MO_MAGIC && __builtin_bswap32(magic) != MO_MAGIC)
		return false;
	c->swap = magic != MO_MAGIC;
	c->count = u32(c, 8);
	c->orig = u32(c, 12);
	c->trans = u32(c, 16);
	return (size_t)c->count * 8 <= c->size && c->orig <= c->size - (size_t)c->count * 8 &&
	       c->trans <= c->size - (size_t)c->count * 8;
}

static char localedir[4096];
static pthread_once_t localedir_once = PTHREAD_ONCE_INIT;

/* Beside the binary, as installed (<prefix>/bin/folio and
 * <prefix>/share/locale), so that a package built for /usr from a /usr/local
 * configuration, or a tree moved elsewhere, still finds its catalogues;
 * the build tree's when run from it (the tests run folio uninstalled). */
static void find_localedir(void)
{
	const char *dir = "/usr/share/locale";
#if defined(FOLIO_BUILD_DIR) && defined(FOLIO_INSTALL_REL_LOCALEDIR)
	dir = FOLIO_INSTALL_LOCALEDIR;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t blen = strlen(FOLIO_BUILD_DIR);
	if (n > 0 && (size_t)n > blen && !strncmp(exe, FOLIO_BUILD_DIR, blen) && exe[blen] == '/') {
		dir = FOLIO_BUILD_LOCALEDIR;
	} else if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			folio_buf b = FOLIO_BUF_INIT;
			folio_buf_printf(&b, "%s/%s", exe, FOLIO_INSTALL_REL_LOCALEDIR);
			if (folio_fs_is_dir(b.ptr) && b.size < sizeof(localedir)) {
				memcpy(localedir, b.ptr, b.size + 1);
				dir = NULL;
			}
			folio_buf_dispose(&b);
		}
	}
#endif
	if (dir)
		snprintf(localedir, sizeof(localedir), "%s", dir);
}

const char *folio_i18n_localedir(void)
{
	pthread_once(&localedir_once, find_localedir);
	return localedir;
}

/* The catalogue of one exact name ("fr_CA"), loaded on first use; NULL when
 * there is none. Catalogues are never freed: their strings are handed out. */
/* The bytes of the catalogue at path (caller frees *out), read with plain
 * POSIX calls: a missing file is normal (no catalogue for that language),
 * and reading one must never call folio_error_set(), which translates
 * through this module (its lock is held here) and would overwrite the
 * error the caller is about to show. */
static bool read_mo(const char *path, char **out, size_t *size)
{
	enum { MAX_MO = 16 << 20 };
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	char *data = NULL;
	size_t got = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= MAX_MO) {
		data = folio_xmalloc((size_t)st.st_size);
		while (got < (size_t)st.st_size) {
			ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
	}
	close(fd);
	if (!data || got != (size_t)st.st_size) {
		free(data);
		return false;
	}
	*out = data;
	*size = got;
	return true;
}

static const catalogue *catalogue_for(const char *name)
{
	const catalogue *found = NULL;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < ncatalogues; i++)
		if (!strcmp(catalogues[i].lang, name)) {
			found = &catalogues[i];
			goto done;
		}
	if (ncatalogues == MAX_CATALOGUES || strlen(name) >= sizeof(catalogues[0].lang))
		goto done;
	catalogue *c = &catalogues[ncatalogues++];
	memset(c, 0, sizeof(*c));
	memcpy(c->lang, name, strlen(name) + 1);
	folio_buf path = FOLIO_BUF_INIT;
	folio_buf_printf(&path, "%s/%s/LC_MESSAGES/folio.mo", folio_i18n_localedir(), name);
	char *data = NULL;
	if (read_mo(path.ptr, &data, &c->size)) {
		c->data = data;
		if (!parse(c)) {
			free((char *)c->data);
			c->data = NULL;
		}
	}
	folio_buf_dispose(&path);
	found = c;
done:
	pthread_mutex_unlock(&lock);
	return found && found->data ? found : NULL;
}

/* A search of the originals: the message, and whether an original looked
 * at lies about its string (then nothing is translated, as before). */
typedef struct {
	const catalogue *c;
	const char *msgid;
	bool broken;
} orig_key;

/* elem: the 8-byte descriptor (length, offset) of one original. */
static int cmp_orig(const void *elem, const void *key)
{
	orig_key *k = (orig_key *)key; /* lookup()'s own, writable */
	size_t i = (size_t)((const char *)elem - (k->c->data + k->c->orig)) / 8;
	const char *o = entry(k->c, k->c->orig, (uint32_t)i);
	if (!o) {
		k->broken = true;
		return 0;
	}
	return strcmp(o, k->msgid);
}

/* msgfmt sorts the originals by strcmp: a binary search finds one. */
static const char *lookup(const catalogue *c, const char *msgid)
{
	orig_key key = { c, msgid, false };
	const char *table = c->data + c->orig;
	const char *found = folio_search(table, c->count, 8, &key, cmp_orig);
	if (!found || key.broken)
		return NULL;
	const char *t = entry(c, c->trans, (uint32_t)((size_t)(found - table) / 8));
	return t && *t ? t : NULL;
}

/* "fr-CA.UTF-8@euro" -> "fr_CA" in out; false for English and C. */
static bool normalize(char *out, size_t size, const char *lang)
{
	size_t n = 0;
	for (const char *s = lang; *s && *s != '.' && *s != '@' && *s != ':' && n + 1 < size; s++)
		out[n++] = *s == '-' ? '_' : *s;
	out[n] = '\0';
	if (!n || !strcmp(out, "C") || !strcmp(out, "POSIX"))
		return false;
	return !(out[0] == 'e' && out[1] == 'n' && (!out[2] || out[2] == '_'));
}

const char *folio_i18n_text(const char *lang, const char *msgid)
{
	char name[32];
	if (!msgid || !*msgid || !lang || !normalize(name, sizeof(name), lang))
		return msgid;
	/* "fr_CA" then "fr", as gettext falls back */
	for (int pass = 0; pass < 2; pass++) {
		const catalogue *c = catalogue_for(name);
		const char *t = c ? lookup(c, msgid) : NULL;
		if (t)
			return t;
		char *us = strchr(name, '_');
		if (!us)
			break;
		*us = '\0';
	}
	return msgid;
}

bool folio_i18n_singular(const char *lang, unsigned long long n)
{
	char name[32];
	if (lang && normalize(name, sizeof(name), lang) && name[0] == 'f' && name[1] == 'r' &&
	    (!name[2] || name[2] == '_'))
		return n <= 1;
	return n == 1;
}

/* ---- numbers in a language ---- */

/* The thousands separator of lang, or NULL when its numbers are written as
 * printf writes them. */
static const char *group_separator(const char *lang)
{
	char name[32];
	if (lang && normalize(name, sizeof(name), lang) && name[0] == 'f' && name[1] == 'r' &&
	    (!name[2] || name[2] == '_'))
		return "\xe2\x80\xaf"; /* U+202F NARROW NO-BREAK SPACE */
	return NULL;
}

/* digits (an optional "-" first) with sep between groups of three, when
 * there are five digits or more (French leaves "2026" whole). */
static void put_grouped(folio_buf *out, const char *digits, const char *sep)
{
	if (*digits == '-')
		folio_buf_putc(out, *digits++);
	size_t n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		if (n >= 5 && i && (n - i) % 3 == 0)
			folio_buf_puts(out, sep);
		folio_buf_putc(out, digits[i]);
	}
}

/*
 * One conversion of fmt ("%zu", "%-8s", "%.*s"), from spec (after the "%")
 * to the conversion letter, taken from ap with the type its length says;
 * whole numbers without width or flags are grouped. Returns the letter's
 * position + 1.
 */
static const char *convert(folio_buf *out, const char *spec, const char *sep, va_list *ap)
{
	const char *p = spec;
	int star[2], nstar = 0;
	while (strchr("-+ #0'", *p))
		p++;
	bool plain = p == spec;
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (*p != '.')
				break;
			p++;
		}
		if (*p == '*') {
			star[nstar++] = va_arg(*ap, int);
			p++;
			plain = false;
		}
		while (*p >= '0' && *p <= '9') {
			p++;
			plain = false;
		}
	}
	const char *len = p;
	while (strchr("hlzjtL", *p))
		p++;
	char conv = *p;
	char sub[32];
	size_t sn = (size_t)(p - spec) + 1;
	if (sn + 2 > sizeof(sub))
		sn = sizeof(sub) - 2;
	sub[0] = '%';
	memcpy(sub + 1, spec, sn);
	sub[sn + 1] = '\0';
	char num[48];
	bool whole = strchr("diu", conv) != NULL;
	if (whole) {
		bool neg = conv != 'u';
		size_t ln = (size_t)(p - len);
		unsigned long long u = 0;
		long long v = 0;
		if (ln == 0 || (ln == 1 && (*len == 'h'))) {
			if (neg)
				v = va_arg(*ap, int);
			else
				u = va_arg(*ap, unsigned);
		} else if (ln == 2 && len[0] == 'h') {
			if (neg)
				v = va_arg(*ap, int);
			else
				u = va_arg(*ap, unsigned);
		} else if (*len == 'z' || *len == 't') {
			if (neg)
				v = (long long)va_arg(*ap, ptrdiff_t);
			else
				u = va_arg(*ap, size_t);
		} else if (*len == 'j') {
			if (neg)
				v = (long long)va_arg(*ap, intmax_t);
			else
				u = (unsigned long long)va_arg(*ap, uintmax_t);
		} else if (ln == 1) { /* l */
			if (neg)
				v = va_arg(*ap, long);
			else
				u = va_arg(*ap, unsigned long);
		} else { /* ll */
			if (neg)
				v = va_arg(*ap, long long);
			else
				u = va_arg(*ap, unsigned long long);
		}
		if (plain) {
			if (neg)
				snprintf(num, sizeof(num), "%lld", v);
			else
				snprintf(num, sizeof(num), "%llu", u);
			put_grouped(out, num, sep);
			return p + 1;
		}
		/* a width, precision or flag ("%02d"): as printf writes it, ungrouped */
		char wide[40];
		size_t pre = (size_t)(len - spec);
		if (pre + 6 > sizeof(wide))
			pre = sizeof(wide) - 6;
		wide[0] = '%';
		memcpy(wide + 1, spec, pre);
		memcpy(wide + 1 + pre, neg ? "lld" : "llu", 4);
		if (neg && nstar == 2)
			folio_buf_printf(out, wide, star[0], star[1], v);
		else if (neg && nstar == 1)
			folio_buf_printf(out, wide, star[0], v);
		else if (neg)
			folio_buf_printf(out, wide, v);
		else if (nstar == 2)
			folio_buf_printf(out, wide, star[0], star[1], u);
		else if (nstar == 1)
			folio_buf_printf(out, wide, star[0], u);
		else
			folio_buf_printf(out, wide, u);
		return p + 1;
	}
	/* anything else as printf writes it, with the argument of its type */
	switch (conv) {
	case 's':
		if (nstar == 2)
			folio_buf_printf(out, sub, star[0], star[1], va_arg(*ap, const char *));
		else if (nstar == 1)
			folio_buf_printf(out, sub, star[0], va_arg(*ap, const char *));
		else
			folio_buf_printf(out, sub, va_arg(*ap, const char *));
		break;
	case 'c':
		folio_buf_printf(out, sub, va_arg(*ap, int));
		break;
	case 'x': case 'X': case 'o':
		if (*len == 'z')
			folio_buf_printf(out, sub, va_arg(*ap, size_t));
		else if (len[0] == 'l' && len[1] == 'l')
			folio_buf_printf(out, sub, va_arg(*ap, unsigned long long));
		else if (*len == 'l')
			folio_buf_printf(out, sub, va_arg(*ap, unsigned long));
		else
			folio_buf_printf(out, sub, va_arg(*ap, unsigned));
		break;
	case 'f': case 'g': case 'e': case 'F': case 'G': case 'E':
		if (nstar == 1)
			folio_buf_printf(out, sub, star[0], va_arg(*ap, double));
		else
			folio_buf_printf(out, sub, va_arg(*ap, double));
		break;
	case 'p':
		folio_buf_printf(out, sub, va_arg(*ap, void *));
		break;
	case '%':
		folio_buf_putc(out, '%');
		break;
	default: /* not a conversion folio writes: the text as it is */
		folio_buf_puts(out, sub);
		break;
	}
	return conv ? p + 1 : p;
}

void folio_i18n_vformat(folio_buf *out, const char *lang, const char *fmt, va_list ap)
{
	const char *sep = group_separator(lang);
	if (!sep) {
		folio_buf_vprintf(out, fmt, ap);
		return;
	}
	va_list aq;
	va_copy(aq, ap);
	for (const char *p = fmt; *p;) {
		const char *pc = strchr(p, '%');
		if (!pc) {
			folio_buf_puts(out, p);
			break;
		}
		folio_buf_put(out, p, (size_t)(pc - p));
		p = convert(out, pc + 1, sep, &aq);
	}
	va_end(aq);
}

/* ---- the findings' language ---- */

static const char *env_nonempty(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static _Atomic(const char *) findings_lang;

/* One copy of each language ever set: a reader on another thread may hold
 * the previous one while it is replaced. */
static const char *intern(const char *lang)
{
	static char *names[MAX_CATALOGUES];
	static size_t count;
	const char *out = "";
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < count; i++)
		if (!strcmp(names[i], lang)) {
			out = names[i];
			goto done;
		}
	if (count < MAX_CATALOGUES) {
		names[count] = folio_xstrdup(lang);
		out = names[count++];
	}
done:
	pthread_mutex_unlock(&lock);
	return out;
}

void folio_i18n_set_findings_language(const char *lang)
{
	atomic_store(&findings_lang, intern(lang ? lang : ""));
}

const char *folio_i18n_findings_language(void)
{
	const char *env = env_nonempty("FOLIO_FINDINGS_LANG");
	if (env)
		return env;
	const char *l = atomic_load(&findings_lang);
	return l ? l : "";
}

const char *folio_i18n_finding(const char *msgid)
{
	return folio_i18n_text(folio_i18n_findings_language(), msgid);
}

/* ---- the command line's language ---- */


/* As gettext: LC_ALL, then LC_MESSAGES, then LANG name the locale; under
 * "C" (or none) nothing is translated, else LANGUAGE's first language with
 * a catalogue wins over the locale's. */
static const char *cli_language_uncached(void)
{
	const char *locale = env_nonempty("LC_ALL");
	if (!locale)
		locale = env_nonempty("LC_MESSAGES");
	if (!locale)
		locale = env_nonempty("LANG");
	if (!locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX"))
		return "";
	const char *list = env_nonempty("LANGUAGE");
	for (const char *s = list; s && *s;) {
		size_t n = strcspn(s, ":");
		char one[32], name[32];
		if (n && n < sizeof(one)) {
			memcpy(one, s, n);
			one[n] = '\0';
			if (!normalize(name, sizeof(name), one))
				return ""; /* English asked for first */
			if (catalogue_for(name))
				return intern(one);
			char *us = strchr(name, '_');
			if (us) {
				*us = '\0';
				if (catalogue_for(name))
					return intern(one);
			}
		}
		s += n + (s[n] == ':');
	}
	return intern(locale);
}

const char *folio_i18n_cli_language(void)
{
	static _Atomic(const char *) cached;
	const char *l = atomic_load(&cached);
	if (!l) {
		l = cli_language_uncached();
		atomic_store(&cached, l);
	}
	return l;
}

const char *folio_i18n_cli(const char *msgid)
{
	return folio_i18n_text(folio_i18n_cli_language(), msgid);
}
