/*
 * Tree paths: the one place that decides which names a site may hold (see
 * folio/path.h). The rules follow what git's fsck refuses in a tree
 * (verify_path, is_ntfs_dotgit, is_hfs_dotgit) and what a file system can
 * store, so that every accepted path, joined under an output folder, names
 * a file inside it that can be written.
 */
#include "folio/path.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "folio/buf.h"
#include "util/alloc.h"
#include "util/banned.h"

_Static_assert(FOLIO_PATH_MAX_NAME == 234 && FOLIO_PATH_MAX == 1024,
               "the messages below name these limits");

static bool eq_nocase(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
		if (x != b[i])
			return false;
	}
	return true;
}

/* Code points HFS+ drops when it compares names (git's is_hfs_dotgit):
 * ".g\u200cit" is ".git" on a Mac. */
static bool hfs_ignorable(unsigned cp)
{
	return (cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff;
}

/*
 * ".git" in any case, followed by nothing but dots and spaces (Windows
 * drops them) and maybe an NTFS stream (":..."); "git~1", its 8.3 short
 * name; or ".git" with HFS+-ignorable characters anywhere. The name is
 * valid UTF-8 here.
 */
static bool looks_like_dot_git(const char *name, size_t len)
{
	if (len == 5 && eq_nocase(name, "git~1", 5))
		return true;
	if (len >= 4 && eq_nocase(name, ".git", 4)) {
		size_t i = 4;
		while (i < len && (name[i] == '.' || name[i] == ' '))
			i++;
		if (i == len || name[i] == ':')
			return true;
	}
	char plain[5];
	size_t n = 0;
	unsigned cp;
	for (size_t i = 0; i < len;) {
		/* an ASCII byte is its own code point: no call for it */
		size_t k = (unsigned char)name[i] < 0x80 ? (cp = (unsigned char)name[i], 1)
		                                         : folio_utf8_char(&cp, name + i, len - i);
		i += k ? k : 1;
		if (hfs_ignorable(cp))
			continue;
		if (n == 4 || cp >= 0x80)
			return false;
		plain[n++] = (char)cp;
	}
	return n == 4 && eq_nocase(plain, ".git", 4);
}

static char *fold_path(const char *path, size_t len, bool streams);

/* len without the dots and spaces that end s (Windows drops them). */
static size_t without_trailing_dots(const char *s, size_t len)
{
	while (len && (s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	return len;
}

/* The checks below on the fold of an ASCII name, as fold_path() makes it
 * (lower case, cut at a ':', the dots and spaces that end it dropped),
 * made on the stack: every name of every commit's tree is checked, and
 * two copies a name were 4% of an add's instructions at 10k pages. */
static const char *check_ascii_fold(const char *name, size_t len)
{
	char low[FOLIO_PATH_MAX_NAME];
	for (size_t i = 0; i < len; i++)
		low[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
	const char *colon = memchr(low, ':', len);
	size_t whole = without_trailing_dots(low, len),
	       fold = without_trailing_dots(low, colon ? (size_t)(colon - low) : len);
	if (looks_like_dot_git(name, len) || (fold == 4 && !memcmp(low, ".git", 4)))
		return "name is '.git' or one git or the file system reads as '.git'";
	if (fold == sizeof(FOLIO_PATH_MARKER) - 1 && !memcmp(low, FOLIO_PATH_MARKER, fold))
		return "name is '" FOLIO_PATH_MARKER "', the marker of folio's outputs";
	if (memmem(low, whole, FOLIO_PATH_TEMP, sizeof(FOLIO_PATH_TEMP) - 1))
		return "name holds '" FOLIO_PATH_TEMP "', as folio's temporary files are named";
	return NULL;
}

const char *folio_path_check_name(const char *name, size_t len)
{
	unsigned cp;

	if (len == 0)
		return "empty name";
	if (len > FOLIO_PATH_MAX_NAME)
		return "name longer than 234 bytes";
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return len == 1 ? "name '.' names its own folder" : "name '..' leaves its folder";
	bool ascii = true;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)name[i];
		if (c == '/' || c == '\\')
			return "name holds a slash or backslash";
		if (c < 0x20 || c == 0x7f)
			return "name holds a control character";
		if (c < 0x80) { /* valid UTF-8 on its own: most names are ASCII */
			i++;
			continue;
		}
		size_t n = folio_utf8_char(&cp, name + i, len - i);
		if (!n)
			return "name is not valid UTF-8";
		i += n;
		ascii = false;
	}
	if (ascii)
		return check_ascii_fold(name, len);
	/* folded, as a file system that ignores case and Unicode form reads
	 * it: ".g\u0131t" is ".git" on Windows, ".folio-output." the marker */
	char *fold = folio_path_fold(name, len);
	const char *why = NULL;
	if (looks_like_dot_git(name, len) || !fold || !strcmp(fold, ".git"))
		why = fold ? "name is '.git' or one git or the file system reads as '.git'" : "name is not valid UTF-8";
	else if (!strcmp(fold, FOLIO_PATH_MARKER))
		why = "name is '" FOLIO_PATH_MARKER "', the marker of folio's outputs";
	/* the writer's temporary names, "<output>.tmp-folio-<pid>" and
	 * "<output>.tmp-folio-aside": a file so named was moved over, then
	 * removed by a publish, or a folder made the publish fail (t406) */
	else {
		/* the whole name: "a:b.tmp-folio-aside" is such a name on Linux */
		char *whole = fold_path(name, len, false);
		if (whole && strstr(whole, FOLIO_PATH_TEMP))
			why = "name holds '" FOLIO_PATH_TEMP "', as folio's temporary files are named";
		free(whole);
	}
	free(fold);
	return why;
}

const char *folio_path_check(const char *path, size_t len)
{
	if (len > FOLIO_PATH_MAX)
		return "path longer than 1024 bytes";
	for (size_t start = 0;;) {
		const char *slash = memchr(path + start, '/', len - start);
		size_t end = slash ? (size_t)(slash - path) : len;
		const char *why = folio_path_check_name(path + start, end - start);
		if (why)
			return why;
		if (!slash)
			return NULL;
		start = end + 1;
	}
}

char *folio_path_plain_folder(const char *written)
{
	const char *p = written ? written : "";
	while (!strncmp(p, "./", 2))
		p += 2 + strspn(p + 2, "/");
	size_t n = strlen(p);
	while (n && p[n - 1] == '/')
		n--;
	if (n == 1 && p[0] == '.')
		n = 0;
	return folio_xstrndup(p, n);
}

/* Each name of fold without the dots and spaces that end it, in place:
 * Windows drops them ("about." and "about " are "about"). Before them, each
 * name cut at its first ':': NTFS reads "a:s" as the stream s of the file
 * a, and "a::$DATA" as a itself, so an output so named wrote into another
 * (an alias /about::$DATA/ over the page /about/). A name left empty
 * then (" .", "... ") is left out, as Windows reads it. */
static char *drop_trailing_dots(char *fold, bool streams)
{
	size_t w = 0;
	for (size_t r = 0; fold[r]; r++) {
		if (fold[r] == ':' && streams)
			r += strcspn(fold + r, "/");
		fold[w++] = fold[r];
		if (!fold[r])
			break;
	}
	fold[w] = '\0';
	w = 0;
	for (size_t r = 0; fold[r]; r++) {
		if (fold[r] == '.' || fold[r] == ' ') {
			size_t end = r + strspn(fold + r, ". ");
			if (!fold[end] || fold[end] == '/') {
				r = end - 1;
				continue;
			}
		}
		fold[w++] = fold[r];
	}
	fold[w] = '\0';
	/* a name of dots and spaces alone is none there: "a/ ./b" is "a/b" */
	w = 0;
	for (size_t r = 0; fold[r]; r++)
		if (fold[r] != '/' || (w && fold[w - 1] != '/' && fold[r + 1]))
			fold[w++] = fold[r];
	fold[w] = '\0';
	return fold;
}

static char *fold_path(const char *path, size_t len, bool streams)
{
	size_t i = 0;
	while (i < len && (unsigned char)path[i] < 0x80)
		i++;
	if (i == len) { /* ASCII, as most paths are: lower case is its fold */
		char *f = folio_xstrndup(path, len);
		for (char *c = f; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		return drop_trailing_dots(f, streams);
	}
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)path, (utf8proc_ssize_t)len, &mapped,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
	if (n < 0)
		return NULL;
	char *f = folio_xstrndup((const char *)mapped, (size_t)n);
	free(mapped); /* utf8proc's malloc */
	/* the dotless ı folds to itself, but Windows' upper case makes it I:
	 * ".user.ını" is ".user.ini" there (the long s, ſ, folds to s) */
	size_t w = 0;
	for (size_t r = 0; f[r]; r++) {
		if ((unsigned char)f[r] == 0xc4 && (unsigned char)f[r + 1] == 0xb1) {
			f[w++] = 'i';
			r++;
		} else {
			f[w++] = f[r];
		}
	}
	f[w] = '\0';
	return drop_trailing_dots(f, streams);
}

bool folio_path_is_server_config(const char *path)
{
	static const char *const names[] = { ".htaccess", ".htpasswd", ".user.ini" };
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *fold = folio_path_fold(base, strlen(base));
	bool is = false;
	for (size_t i = 0; fold && !is && i < sizeof(names) / sizeof(*names); i++)
		is = !strcmp(fold, names[i]);
	free(fold);
	return is;
}

char *folio_path_fold(const char *path, size_t len)
{
	return fold_path(path, len, true);
}
