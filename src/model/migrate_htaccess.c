/*
 * The redirects of a site served by Apache: its .htaccess (Jekyll copies
 * the one at the root, Hugo static/.htaccess), as init --from reads
 * Netlify's files (migrate_redirects.c). An address an old link names,
 * /downloads.html, stays valid: a plain rule becomes a redirect page.
 *
 * Plain: Redirect, RedirectPermanent and RedirectTemp (mod_alias), and a
 * RewriteRule with R (or to another host) whose pattern is one address:
 * anchored at both ends, its only metacharacters escaped, an optional
 * "/?" before it (^downloads\.html$). The rest is named: a pattern, a
 * back-reference ($1, %{HTTP_HOST}), RewriteCond conditions, a rule in an
 * <If>, <Files> or <Location> block, a rewrite without R (the server
 * serves another file), F and G.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/banned.h"

typedef struct {
	migration *m;
	const char *file;
	unsigned line;
	bool conds;     /* RewriteCond lines wait for the next RewriteRule */
	int blocks;     /* depth of <If>, <Files>, <Location>…: their rules have conditions */
	char *base;     /* RewriteBase, "/" when none */
} htaccess;

/* Split s into at most max words (double quotes group), in place. */
static size_t words(char *s, char **w, size_t max)
{
	size_t n = 0;
	while (n < max) {
		s += strspn(s, " \t\r");
		if (!*s || *s == '#')
			break;
		if (*s == '"') {
			w[n++] = ++s;
			s += strcspn(s, "\"");
		} else {
			w[n++] = s;
			s += strcspn(s, " \t\r");
		}
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static long status_word(const char *s)
{
	if (!strcasecmp(s, "permanent"))
		return 301;
	if (!strcasecmp(s, "temp"))
		return 302;
	if (!strcasecmp(s, "seeother"))
		return 303;
	if (!strcasecmp(s, "gone"))
		return 410;
	char *end;
	long v = strtol(s, &end, 10);
	return *end || end == s ? -1 : v;
}

/* Redirect [status] path [URL], RedirectPermanent and RedirectTemp. */
static void alias_rule(htaccess *h, char **w, size_t n, long status)
{
	size_t i = 1;
	if (status == 0) { /* Redirect: an optional status first, 302 without */
		status = 302;
		if (n > 1 && w[1][0] != '/') {
			status = status_word(w[1]);
			i = 2;
		}
	}
	folio_migrate__add_redirect(h->m, h->file, h->line, i < n ? w[i] : NULL, i + 1 < n ? w[i + 1] : NULL,
	                            status, h->blocks > 0);
}

/* The one address a pattern matches, "/x" (caller frees), or NULL: it is
 * anchored at both ends and every metacharacter in it is escaped. */
static char *literal_path(const char *pattern)
{
	size_t n = strlen(pattern);
	if (n < 2 || pattern[0] != '^' || pattern[n - 1] != '$' || (n >= 3 && pattern[n - 2] == '\\'))
		return NULL;
	const char *p = pattern + 1, *end = pattern + n - 1;
	if (end - p >= 2 && p[0] == '/' && p[1] == '?')
		p += 2;
	else if (p < end && p[0] == '/')
		p++;
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_putc(&b, '/');
	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end && ispunct((unsigned char)p[1])) {
			folio_buf_putc(&b, *++p);
		} else if (strchr(".[](){}*+?|^$\\", *p)) {
			folio_buf_dispose(&b);
			return NULL;
		} else {
			folio_buf_putc(&b, *p);
		}
	}
	size_t len;
	return folio_buf_detach(&b, &len);
}

/* The redirect's status from RewriteRule's flags ([R=301,L]): 0 when
 * they make no redirect (a rewrite), -1 for F or G. */
static long rewrite_status(const char *flags, const char *target)
{
	long status = strncmp(target, "http://", 7) && strncmp(target, "https://", 8) ? 0 : 302;
	if (!flags || flags[0] != '[')
		return status;
	char *copy = folio_xstrdup(flags + 1), *save = NULL;
	copy[strcspn(copy, "]")] = '\0';
	for (char *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
		f += strspn(f, " ");
		if (!strcasecmp(f, "F") || !strcasecmp(f, "forbidden") || !strcasecmp(f, "G") ||
		    !strcasecmp(f, "gone"))
			status = -1;
		else if (status >= 0 && (!strcasecmp(f, "R") || !strcasecmp(f, "redirect")))
			status = 302;
		else if (status >= 0 && (!strncasecmp(f, "R=", 2) || !strncasecmp(f, "redirect=", 9)))
			status = status_word(strchr(f, '=') + 1);
	}
	free(copy);
	return status;
}

static void note(htaccess *h, const char *from, const char *why)
{
	folio_migrate__redirect_not_kept(h->m, h->file, h->line, from, why);
}

/* RewriteRule pattern substitution [flags]. */
static void rewrite_rule(htaccess *h, char **w, size_t n)
{
	bool conds = h->conds;
	h->conds = false; /* conditions hold for the next rule only */
	if (n < 3 || !strcmp(w[2], "-"))
		return; /* no substitution: flags only (headers, a stop) */
	long status = rewrite_status(n > 3 ? w[3] : NULL, w[2]);
	if (status == -1)
		return; /* F, G: an answer, no address to keep */
	if (status == 0) {
		note(h, w[1], "a rewrite without R (the server serves another file at that address)");
		return;
	}
	if (strchr(w[2], '$') || strchr(w[2], '%')) {
		note(h, w[1], "a back-reference in its target ($1, %{HTTP_HOST})");
		return;
	}
	char *from = literal_path(w[1]);
	if (!from) {
		note(h, w[1], "a pattern (a regular expression of more than one address)");
		return;
	}
	char *to = w[2][0] == '/' || strstr(w[2], "://") ? folio_xstrdup(w[2])
	                                                 : folio_xasprintf("%s%s", h->base, w[2]);
	folio_migrate__add_redirect(h->m, h->file, h->line, from, to, status, conds || h->blocks > 0);
	free(from);
	free(to);
}

static void directive(htaccess *h, char *s)
{
	char *w[6];
	size_t n = words(s, w, 6);
	if (!n)
		return;
	if (w[0][0] == '<') { /* a block: <IfModule> holds what the server runs, the others conditions */
		bool close = w[0][1] == '/';
		if (strncasecmp(w[0] + 1 + close, "IfModule", 8))
			h->blocks += close ? (h->blocks > 0 ? -1 : 0) : 1;
	} else if (!strcasecmp(w[0], "Redirect")) {
		alias_rule(h, w, n, 0);
	} else if (!strcasecmp(w[0], "RedirectPermanent")) {
		alias_rule(h, w, n, 301);
	} else if (!strcasecmp(w[0], "RedirectTemp")) {
		alias_rule(h, w, n, 302);
	} else if (!strcasecmp(w[0], "RedirectMatch")) {
		const char *pattern = n > 2 && w[1][0] != '^' && status_word(w[1]) > 0 ? w[2] : n > 1 ? w[1] : "";
		note(h, pattern, "a pattern (RedirectMatch)");
	} else if (!strcasecmp(w[0], "RewriteCond")) {
		h->conds = true;
	} else if (!strcasecmp(w[0], "RewriteBase") && n > 1) {
		free(h->base);
		size_t len = strlen(w[1]);
		h->base = len && w[1][len - 1] == '/' ? folio_xstrdup(w[1]) : folio_xasprintf("%s/", w[1]);
	} else if (!strcasecmp(w[0], "RewriteRule")) {
		rewrite_rule(h, w, n);
	}
}

void folio_migrate__htaccess_text(migration *m, const char *rel, char *text)
{
	htaccess h = { m, rel, 0, false, 0, folio_xstrdup("/") };
	char *s = text;
	for (h.line = 1; s; h.line++) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		directive(&h, s);
		s = nl ? nl + 1 : NULL;
	}
	free(h.base);
}
