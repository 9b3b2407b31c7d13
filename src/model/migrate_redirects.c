/*
 * The web server's redirects a Hugo or Jekyll site on Netlify keeps beside
 * its content: netlify.toml's [[redirects]] and a _redirects file (at the
 * root, or static/_redirects, which Hugo copies to the root); Apache's
 * .htaccess is migrate_htaccess.c's. folio
 * publishes no server configuration, so init --from writes the plain rules
 * as folio.yaml's redirects: (a redirect page at each old address) and
 * names every other rule with what keeps it out.
 *
 * Plain: a site path to a site path or an http(s) URL, status 301 or 302
 * (or none), without a placeholder (":lang"), query or header conditions,
 * or another host in from; a splat only as a folder's ("/authors/" and a
 * star, to "/author/:splat", rOpenSci's), which folio.yaml keeps as one
 * redirect page per page of the site below its to. A 200 (a rewrite) or
 * a 404 (a custom error page) is no redirect a page can stand for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/config.h"
#include "folio/diag.h"
#include "folio/frontmatter.h"
#include "folio/path.h"
#include "folio/toml.h"
#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

/* folio.yaml holds at most 100,000 YAML nodes (yaml.c), five a redirect:
 * past this many, the file init writes would not load. */
#define MAX_REDIRECTS 10000

/* Why the rule cannot be a redirect page, or NULL when it can. */
static const char *unsupported(const char *from, const char *to, long status, bool conditions)
{
	if (!from || !to)
		return "from or to is missing";
	if (from[0] != '/')
		return "from is not a path of this site (another host)";
	/* a splat only as "/old/" and a star to "/new/:splat" (or an http URL) */
	bool splat = strchr(from, '*') || strstr(to, ":splat");
	size_t n = strlen(from);
	if (splat && (n < 3 || strcmp(from + n - 2, "/*") || strchr(from, '*') != from + n - 1 ||
	              strlen(to) < 6 || strcmp(to + strlen(to) - 6, ":splat") || (to[0] == '/' && to[strlen(to) - 7] != '/')))
		return "a splat (*) that is not /old/ and a star, to /new/:splat";
	if (strchr(from, ':') || (to[0] == '/' && strchr(to, ':') != (splat ? strrchr(to, ':') : NULL)))
		return "a placeholder (:name)";
	if (strpbrk(from, "?# \t"))
		return "a query or fragment in from";
	if (to[0] != '/' && strncmp(to, "https://", 8) && strncmp(to, "http://", 7))
		return "to is neither a site path nor an http URL";
	if (conditions)
		return "conditions, query or headers";
	/* a rewrite of a folder to another host (rOpenSci's /assets/ and a star, from
	 * https://ropensci.github.io/roweb/assets/:splat 200) is a proxy: no page
	 * of this site stands below it either way, and what is there is that
	 * host's, so it is kept as a splat there (links below it are valid) */
	bool proxy = status == 200 && splat && to[0] != '/';
	if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308 && !proxy)
		return status == 200 ? "status 200, a rewrite (kept only for a folder to another host: /x/* "
		                       "https://host/:splat 200)"
		       : status == 404 ? "status 404, an error page"
		                       : "a status that is no redirect";
	/* what folio.yaml would refuse is not written there: one check for both */
	switch (folio_config_redirect_check(from, to, NULL)) {
	case FOLIO_REDIRECT_OK:
		return NULL;
	case FOLIO_REDIRECT_NO_ADDRESS:
		return "from is no address a page can stand at (\"..\", \".\" or a hidden name)";
	case FOLIO_REDIRECT_OTHER_HOST:
		return "to starts with \"//\", another host";
	case FOLIO_REDIRECT_SHAPE:
		break;
	}
	return "a control character, a backslash or a doubled slash";
}

void folio_migrate__redirect_not_kept(migration *m, const char *file, unsigned line, const char *from,
                                      const char *why)
{
	folio_buf_printf(m->notes, "%s:%u: redirect from \"%s\" is not kept: %s\n", file, line,
	                 from ? from : "", why);
}

/* from with the site's own address before it ("https://carvel.dev/kubecon"
 * of a site at https://carvel.dev, or its www. or http: form) is its path;
 * else from as written. */
static const char *own_host_path(const migration *m, const char *from)
{
	const char *url = folio_migrate__address(m);
	if (!url || !from || from[0] == '/')
		return from;
	const char *host = strstr(url, "://"), *given = strstr(from, "://");
	if (!host || !given || strncasecmp(from, "http", 4))
		return from;
	host += 3;
	given += 3;
	if (!strncasecmp(host, "www.", 4))
		host += 4;
	if (!strncasecmp(given, "www.", 4))
		given += 4;
	size_t n = strcspn(host, "/");
	return !strncasecmp(given, host, n) && given[n] == '/' ? given + n : from;
}

/* Under language_subdir: folio publishes /zh/post/x/ at /post/x/ and
 * writes a redirect page at /zh/post/x/ back to it. A rule of the site's
 * from /post/x/ (or /post/ and a star) to /zh/post/x/ (/zh/post/:splat),
 * which sent the addresses of before the move into the language's
 * folder, then sends readers round, where a server applies it before its
 * files (Cloudflare Pages does, and publishes static/_redirects as it is). */
static bool into_own_subdir(const migration *m, const char *from, const char *to)
{
	char *key = folio_migrate__subdir_key(m);
	size_t n = key ? strlen(key) : 0, f = strlen(from);
	bool round = false;
	if (n && to[0] == '/' && !strncmp(to + 1, key, n) && to[n + 1] == '/') {
		const char *rest = to + n + 1;
		if (f >= 2 && !strcmp(from + f - 2, "/*")) /* "/post/" and a star to "/zh/post/:splat" */
			round = strlen(rest) == f - 1 + strlen(":splat") && !strncmp(rest, from, f - 1) &&
			        !strcmp(rest + f - 1, ":splat");
		else
			round = !strcmp(rest, from);
	}
	free(key);
	return round;
}

void folio_migrate__add_redirect(migration *m, const char *file, unsigned line, const char *from,
                                 const char *to, long status, bool conditions)
{
	from = own_host_path(m, from);
	const char *why = unsupported(from, to, status, conditions);
	if (!why && into_own_subdir(m, from, to))
		why = "folio publishes the language's pages at the root (language_subdir), this address "
		      "among them, and writes a redirect page at its to that leads back: a web server that "
		      "applies the rule (a _redirects file is published as it is) sends readers round; "
		      "remove it from the file as well";
	if (why) {
		folio_migrate__redirect_not_kept(m, file, line, from, why);
		return;
	}
	if (json_array_size(m->redirects) >= MAX_REDIRECTS) {
		m->redirects_over++;
		return;
	}
	if (json_object_get(m->redirect_froms, from))
		return; /* the first rule for a path wins, as on Netlify (a set: a file may hold 100,000) */
	/* folio.yaml holds so many splats, language_subdir's among them: the
	 * first are kept, as the first rule for an address wins */
	if (strchr(from, '*') &&
	    ++m->splats > (size_t)(FOLIO_REDIRECT_SPLATS_MAX - folio_migrate__language_subdir(m))) {
		char *over = folio_xasprintf("folio.yaml holds %d redirects with a splat (*) at most, "
		                            "language_subdir's among them: the web server's own rule can keep "
		                            "this one", FOLIO_REDIRECT_SPLATS_MAX);
		folio_migrate__redirect_not_kept(m, file, line, from, over);
		free(over);
		return;
	}
	json_object_set_new(m->redirect_froms, from, json_true());
	json_array_append_new(m->redirects, json_pack("{s:s,s:s,s:s,s:b}", "from", from, "to", to, "file", file,
	                                              "proxy", status == 200));
}

/* netlify.toml, parsed; NULL when the site has none or it cannot be read
 * (then named in the notes). Caller frees. */
static folio_yaml_doc *netlify_toml(migration *m)
{
	char *path = folio_fs_join(m->dir, "netlify.toml");
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_fs_exists(path) ? folio_fs_read(&text, path) : 1;
	free(path);
	if (rc != 0) {
		folio_buf_dispose(&text);
		return NULL;
	}
	folio_diags d;
	folio_diags_init(&d);
	folio_yaml_doc *doc = NULL;
	folio_toml_parse(&doc, text.ptr ? text.ptr : "", text.size, "netlify.toml", 1,
	                 FOLIO_RULE_CONFIG_SYNTAX, SIZE_MAX, &d);
	folio_buf_dispose(&text);
	if (!doc)
		folio_buf_printf(m->notes, "netlify.toml could not be read (%s): its redirects were not taken\n",
		                 d.count ? d.items[0].message : "not TOML");
	folio_diags_dispose(&d);
	return doc;
}

/* The _redirects file in the folder Netlify publishes (netlify.toml's
 * [build] publish), when the repository holds one there: rOpenSci commits
 * public/_redirects, which Hugo leaves in place. NULL for none, or a
 * folder outside the site. Caller frees. */
static char *published_redirects(const migration *m, const json_t *toml)
{
	const char *dir = folio_migrate__get_text(json_object_get(toml, "build"), "publish");
	if (!dir)
		return NULL;
	while (dir[0] == '.' && dir[1] == '/')
		dir += 2;
	size_t n = strlen(dir);
	while (n && dir[n - 1] == '/')
		n--;
	char *folder = folio_xstrndup(dir, n);
	/* a folder of the site, not followed through a symbolic link */
	bool inside = n && folder[0] != '/' && !folio_path_check(folder, n) && strcmp(folder, ".") &&
	              folio_migrate__is_dir(m, folder);
	char *rel = inside ? folio_xasprintf("%s/_redirects", folder) : NULL;
	free(folder);
	return rel;
}

/* netlify.toml's [[redirects]]: from, to, status (301 by default), force. */
static void read_netlify_toml(migration *m, folio_yaml_doc *doc)
{
	json_t *list = doc ? json_object_get(folio_yaml_root(doc), "redirects") : NULL;
	size_t i;
	json_t *r;
	json_array_foreach(list, i, r) {
		json_t *st = json_object_get(r, "status");
		long status = json_is_integer(st) ? (long)json_integer_value(st) : st ? -1 : 301;
		bool conditions = json_object_get(r, "conditions") || json_object_get(r, "query") ||
		                  json_object_get(r, "headers") || json_object_get(r, "signed");
		char pointer[64];
		snprintf(pointer, sizeof(pointer), "/redirects/%zu", i);
		unsigned line = 0, column = 0;
		folio_yaml_position(doc, pointer, &line, &column);
		folio_migrate__add_redirect(m, "netlify.toml", line, json_string_value(json_object_get(r, "from")),
		         json_string_value(json_object_get(r, "to")), status, conditions);
	}
}

/* One line of _redirects: "from to [status[!]] [Key=value…]". */
static void read_redirects_line(migration *m, const char *file, unsigned line, char *s)
{
	char *hash = strchr(s, '#');
	if (hash && (hash == s || hash[-1] == ' ' || hash[-1] == '\t'))
		*hash = '\0'; /* a comment */
	char *fields[8];
	size_t n = 0;
	while (n < 8) {
		s += strspn(s, " \t\r");
		if (!*s)
			break;
		fields[n++] = s;
		s += strcspn(s, " \t\r");
		if (*s)
			*s++ = '\0';
	}
	if (!n)
		return;
	long status = 301;
	bool conditions = n > 3;
	if (n >= 3) {
		char *end;
		status = strtol(fields[2], &end, 10);
		if (*end == '!')
			end++; /* forced: a page there still wins in folio */
		if (*end || end == fields[2]) {
			status = 301;
			conditions = true; /* "Country=fr" and the like */
		}
	}
	folio_migrate__add_redirect(m, file, line, fields[0], n > 1 ? fields[1] : NULL, status, conditions);
}

void folio_migrate__read_rules(migration *m, const char *rel,
                               void (*read)(migration *m, const char *rel, char *text))
{
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_fs_exists(path) ? folio_fs_read(&text, path) : 1;
	free(path);
	if (rc == 0 && text.size) {
		folio_buf_putc(&text, '\0');
		read(m, rel, text.ptr);
	}
	folio_buf_dispose(&text);
}

/* The line after a Jekyll file's front matter, or text when it has none
 * (the front matter module's reading); *line is that line's number. */
static char *after_front_matter(char *text, unsigned *line)
{
	folio_frontmatter fm;
	folio_diags d;
	folio_diags_init(&d);
	folio_frontmatter_parse(&fm, text, strlen(text), "_redirects", &d);
	char *body = fm.present && fm.body ? text + (fm.body - text) : text;
	*line = body != text ? fm.body_line : 1;
	folio_frontmatter_dispose(&fm);
	folio_diags_dispose(&d);
	return body;
}

void folio_migrate__redirects_text(migration *m, const char *rel, char *text)
{
	/* Jekyll renders a _redirects with front matter through Liquid (Yarn's
	 * targets hold {{ site.latest_version }}): a site value is filled in
	 * from _config.yml; a line of Liquid tags, or of another value, is not
	 * read (folio runs no Liquid), and said once */
	unsigned line = 1;
	char *s = m->from == FOLIO_FROM_JEKYLL ? after_front_matter(text, &line) : text;
	bool liquid = s != text;
	size_t unread = 0;
	unsigned first = 0;
	for (; s; line++) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		char *filled = liquid && strstr(s, "{{") ? folio_migrate__site_values_known(m, s) : NULL;
		if (liquid && (strstr(s, "{%") || (strstr(s, "{{") && !filled))) {
			first = first ? first : line;
			unread++;
		} else {
			read_redirects_line(m, rel, line, filled ? filled : s);
		}
		free(filled);
		s = nl ? nl + 1 : NULL;
	}
	if (unread)
		folio_buf_printf(m->notes, "%s:%u: %zu lines of Liquid (tags, or values _config.yml does not give) "
		                 "are not read as redirects: folio runs no Liquid; write them out in %s or in "
		                 "folio.yaml's redirects:\n", rel, first, unread, rel);
}

/* Hugo's uglyURLs (true, or per section: [uglyURLs] post = true) puts a
 * page at /x.html: the collections of those sections get ugly_urls, so
 * the old addresses, and the links to them, stay. A section no collection
 * holds is named. */
static void apply_ugly_urls(migration *m)
{
	json_t *ugly = folio_migrate__get_ci(m->cfg, "uglyURLs");
	if (json_is_true(ugly)) {
		for (size_t i = 0; i < m->ncols; i++)
			m->cols[i].ugly = true;
		return;
	}
	const char *section;
	json_t *v;
	json_object_foreach(json_is_object(ugly) ? ugly : NULL, section, v) {
		if (!json_is_true(v))
			continue;
		bool found = false;
		/* Hugo's keys are case-insensitive, and a section is its folder's name */
		for (size_t i = 0; i < m->ncols; i++) {
			const char *folder = m->cols[i].folder, *last = strrchr(folder, '/');
			if (!strcasecmp(last ? last + 1 : folder, section)) {
				m->cols[i].ugly = true;
				found = true;
			}
		}
		if (!found)
			folio_buf_printf(m->notes, "uglyURLs: section %s is no collection, so nothing is "
			                 "published at /x.html for it\n", section);
	}
}

/* The text of a value of the site's params: at expr, a Go template
 * pipeline "site.Params.a.b" (or ".Site.Params.a.b", "$.Site.Params.a.b",
 * keys in any case, as Hugo reads them), or a variable bound to one
 * (vars); NULL for any other pipeline, or a value that is no text or
 * integer. Borrowed from m->cfg or vars. */
static char *param_text(const migration *m, const json_t *vars, const char *expr)
{
	static const char *const roots[] = {"site.Params.", ".Site.Params.", "$.Site.Params."};
	if (expr[0] == '$' && expr[1] != '.') {
		const json_t *v = json_object_get(vars, expr);
		return v ? folio_xstrdup(json_string_value(v)) : NULL;
	}
	const char *path = NULL;
	for (size_t i = 0; i < sizeof roots / sizeof *roots && !path; i++)
		if (!strncmp(expr, roots[i], strlen(roots[i])))
			path = expr + strlen(roots[i]);
	const json_t *v = path ? folio_migrate__get_ci(m->cfg, "params") : NULL;
	while (v && path && *path) {
		size_t n = strcspn(path, ".");
		char *key = folio_xstrndup(path, n);
		v = folio_migrate__get_ci(v, key);
		free(key);
		path += n + (path[n] == '.');
	}
	if (json_is_string(v) && !strpbrk(json_string_value(v), "\r\n"))
		return folio_xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return folio_xasprintf("%lld", (long long)json_integer_value(v));
	return NULL;
}

/* The text one Go template action (its inside, trim markers off) writes:
 * a value of the site's params (param_text), or nothing when it binds one
 * to a variable ("$latest := site.Params.versions.latest", kept in vars
 * for the lines below); NULL for any other action. Caller frees. */
static char *action_text(const migration *m, json_t *vars, char *action)
{
	char *bind = strstr(action, ":=");
	if (!bind)
		return param_text(m, vars, action);
	char *end = bind;
	while (end > action && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	if (action[0] != '$' || !action[1] || strcspn(action, " \t.") != strlen(action))
		return NULL;
	char *value = param_text(m, vars, bind + 2 + strspn(bind + 2, " \t"));
	if (!value)
		return NULL;
	json_object_set_new(vars, action, json_string(value));
	free(value);
	return folio_xstrdup("");
}

/* line with its Go template actions done, when each is one action_text
 * reads; NULL when one is any other (range, a page's field). Hugo's trim
 * markers ("{{- ", " -}}") take the spaces beside. Caller frees. */
static char *filled_line(const migration *m, json_t *vars, const char *line)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (const char *s = line;;) {
		const char *open = strstr(s, "{{");
		if (!open) {
			folio_buf_puts(&b, s);
			return folio_buf_detach(&b, NULL);
		}
		const char *close = strstr(open + 2, "}}");
		if (!close)
			break;
		const char *a = open + 2, *z = close;
		bool trim_left = *a == '-', trim_right = z > a && z[-1] == '-';
		a += trim_left;
		z -= trim_right;
		folio_buf_put(&b, s, (size_t)(open - s));
		while (trim_left && b.size && (b.ptr[b.size - 1] == ' ' || b.ptr[b.size - 1] == '\t'))
			folio_buf_truncate(&b, b.size - 1);
		while (a < z && (*a == ' ' || *a == '\t'))
			a++;
		while (z > a && (z[-1] == ' ' || z[-1] == '\t'))
			z--;
		char *action = folio_xstrndup(a, (size_t)(z - a));
		char *value = action_text(m, vars, action);
		free(action);
		if (!value)
			break;
		folio_buf_puts(&b, value);
		free(value);
		s = close + 2;
		if (trim_right)
			s += strspn(s, " \t");
	}
	folio_buf_dispose(&b);
	return NULL;
}

/* text with its template lines filled in (filled_line) or left empty, one
 * line for each: what is left is the rules Hugo writes as they are, and
 * those whose values the site's settings give. *unread counts the lines
 * left empty. */
static void literal_lines(const migration *m, const char *text, folio_buf *out, size_t *unread)
{
	json_t *vars = json_object();
	*unread = 0;
	for (const char *s = text; s && *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = folio_xstrndup(s, len);
		if (strstr(line, "{{")) {
			char *filled = filled_line(m, vars, line);
			if (filled)
				folio_buf_puts(out, filled);
			else
				++*unread;
			free(filled);
		} else {
			folio_buf_puts(out, line);
		}
		free(line);
		if (nl)
			folio_buf_putc(out, '\n');
		s = nl ? nl + 1 : NULL;
	}
	json_decref(vars);
}

static void template_rules_text(migration *m, const char *rel, char *text)
{
	folio_buf rules = FOLIO_BUF_INIT;
	size_t n;
	literal_lines(m, text, &rules, &n);
	if (n)
		folio_buf_printf(m->notes, "%s: %zu line%s of Go template not read (folio runs no Go templates: "
		                 "the redirects they make are not kept)\n", rel, n, n == 1 ? "" : "s");
	folio_migrate__redirects_text(m, rel, rules.ptr);
	folio_buf_dispose(&rules);
}

/* Netlify's rules that a Hugo output format writes (baseName "_redirects",
 * the home page's layouts/index.<format>, as cuelang.org's index.redir):
 * its literal lines. */
static void read_template_rules(migration *m)
{
	const char *name;
	json_t *fmt;
	json_object_foreach(folio_migrate__get_ci(m->cfg, "outputFormats"), name, fmt) {
		const char *base = folio_migrate__get_text(fmt, "baseName");
		if (!base || strcmp(base, "_redirects"))
			continue;
		size_t n, len = strlen(name);
		char **names = folio_migrate__list_dir(m, "layouts", &n);
		for (size_t i = 0; i < n; i++) {
			const char *f = names[i];
			if (strncmp(f, "index.", 6) || strncasecmp(f + 6, name, len) || (f[6 + len] && f[6 + len] != '.'))
				continue;
			char *rel = folio_xasprintf("layouts/%s", f);
			folio_migrate__read_rules(m, rel, template_rules_text);
			free(rel);
		}
		folio_migrate__free_names(names, n);
	}
}

void folio_migrate__read_redirects(migration *m)
{
	if (m->from == FOLIO_FROM_HUGO)
		apply_ugly_urls(m);
	/* a page's redirect_from: first: a page at an address wins over rules */
	size_t i;
	json_t *r;
	json_array_foreach(m->page_redirects, i, r)
		folio_migrate__add_redirect(m, json_string_value(json_object_get(r, "file")), 0,
		                            json_string_value(json_object_get(r, "from")),
		                            json_string_value(json_object_get(r, "to")), 301, false);
	/* Netlify reads _redirects before netlify.toml */
	folio_yaml_doc *toml = netlify_toml(m);
	char *published = toml ? published_redirects(m, folio_yaml_root(toml)) : NULL;
	char *path = published ? folio_fs_join(m->dir, published) : NULL;
	folio_migrate__read_rules(m, "_redirects", folio_migrate__redirects_text);
	if (m->from == FOLIO_FROM_HUGO) {
		folio_migrate__read_rules(m, "static/_redirects", folio_migrate__redirects_text);
		read_template_rules(m);
	}
	/* what the build copies there wins over a file left in the folder */
	char *own = folio_fs_join(m->dir, "static/_redirects");
	bool copied = m->from == FOLIO_FROM_HUGO && folio_fs_exists(own);
	free(own);
	if (path && !copied && folio_fs_exists(path))
		folio_migrate__read_rules(m, published, folio_migrate__redirects_text);
	read_netlify_toml(m, toml);
	folio_yaml_free(toml);
	free(path);
	free(published);
}

void folio_migrate__redirects_end(migration *m)
{
	if (m->redirects_over)
		folio_buf_printf(m->notes, "%zu more redirects are not kept: folio.yaml holds the first %d "
		                 "(a web server's own rules suit that many better)\n", m->redirects_over, MAX_REDIRECTS);
}

void folio_migrate__default_language_redirect(migration *m)
{
	if (m->from != FOLIO_FROM_HUGO || !json_array_size(m->languages) || folio_migrate__language_subdir(m))
		return;
	char *key = folio_migrate__language_key(m);
	if (key) {
		char *from = folio_xasprintf("/%s/", key);
		folio_migrate__add_redirect(m, "Hugo's: the site's language is at /", 0, from, "/", 301, false);
		free(from);
	}
	free(key);
}
