/*
 * A Hugo site's link render hook (layouts/_markup/render-link.html), which
 * folio does not run (it runs no Go templates), read for the one thing a
 * declaration can say (folio.yaml's link_hooks, model/link_hooks.h): a
 * destination the hook compares to a word ($u.String "g") and a site path
 * it names whose content folder holds the terms ("/quick-reference/
 * glossary"). What is not found that way is a note naming the hook.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/yaml.h"
#include "model/migrate_internal.h"
#include "model/slug.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

/* The word compared to the destination: the literal after ".String " or
 * ".Destination " (eq $u.String "g"), or NULL. Caller frees. */
static char *hook_target(const char *text)
{
	static const char *const marks[] = { ".String \"", ".Destination \"" };
	for (size_t k = 0; k < sizeof(marks) / sizeof(*marks); k++) {
		for (const char *s = strstr(text, marks[k]); s; s = strstr(s + 1, marks[k])) {
			const char *w = s + strlen(marks[k]);
			size_t n = strspn(w, "abcdefghijklmnopqrstuvwxyz0123456789_-");
			if (n && n <= 32 && w[n] == '"')
				return folio_xstrndup(w, n);
		}
	}
	return NULL;
}

/* A "..." literal at *s (blanks before it skipped): its text, *s past it; NULL if none. */
static char *literal(const char **s)
{
	const char *p = *s + strspn(*s, " \t\r\n");
	if (*p != '"')
		return NULL;
	const char *end = strchr(p + 1, '"');
	if (!end || memchr(p + 1, '\\', (size_t)(end - p - 1)) || memchr(p + 1, '\n', (size_t)(end - p - 1)))
		return NULL;
	*s = end + 1;
	return folio_xstrndup(p + 1, (size_t)(end - p - 1));
}

/* Whether the value of a pair names a term: a file <folder>/<slug>.md. */
static bool names_term(const migration *m, const char *folder, const char *value)
{
	char *slug = folio_slug_make(value, strlen(value));
	char *rel = slug ? folio_xasprintf("%s/%s.md", folder, slug) : NULL;
	char *path = rel ? folio_fs_join(m->dir, rel) : NULL;
	bool found = path && folio_fs_exists(path);
	free(slug);
	free(rel);
	free(path);
	return found;
}

/* The words the hook maps by hand: the pairs of a dict of strings (dict
 * "chaining" "chain" "walking" "walk") whose values are terms of folder,
 * as an object; NULL if none. */
static json_t *hook_words(const migration *m, const char *folder, const char *text)
{
	for (const char *s = strstr(text, "dict"); s; s = strstr(s + 4, "dict")) {
		const char *p = s + 4;
		json_t *words = json_object();
		char *a;
		while ((a = literal(&p))) {
			char *b = literal(&p);
			if (b && names_term(m, folder, b))
				json_object_set_new(words, a, json_string(b));
			free(a);
			free(b);
			if (!b)
				break;
		}
		if (json_object_size(words))
			return words;
		json_decref(words);
	}
	return NULL;
}

/* The first literal "/a/b" of the hook that names a folder of content
 * holding Markdown, as a site path without its trailing '/'; NULL if none. */
static char *hook_terms_path(const migration *m, const char *content, const char *text)
{
	for (const char *s = strstr(text, "\"/"); s; s = strstr(s + 1, "\"/")) {
		const char *w = s + 1;
		size_t n = strspn(w, "abcdefghijklmnopqrstuvwxyz0123456789_-/");
		if (w[n] != '"' || n < 2 || strstr(w, "//") == w)
			continue;
		while (n > 1 && w[n - 1] == '/')
			n--;
		char *path = folio_xstrndup(w, n);
		char *folder = folio_xasprintf("%s%s", content, path);
		bool ok = !strstr(path, "..") && folio_migrate__is_dir(m, folder) &&
		          folio_migrate__holds_markdown(m, folder, 0);
		free(folder);
		if (ok)
			return path;
		free(path);
	}
	return NULL;
}

void folio_migrate__hugo_link_hooks(migration *m, const char *content)
{
	static const char *const hooks[] = { "layouts/_markup/render-link.html",
	                                     "layouts/_default/_markup/render-link.html" };
	for (size_t i = 0; i < sizeof(hooks) / sizeof(*hooks); i++) {
		char *path = folio_fs_join(m->dir, hooks[i]);
		folio_buf text = FOLIO_BUF_INIT;
		int rc = folio_fs_exists(path) ? folio_fs_read(&text, path) : -1;
		free(path);
		if (rc < 0) {
			folio_buf_dispose(&text);
			continue;
		}
		folio_buf_putc(&text, '\0');
		char *target = hook_target(text.ptr);
		char *terms = target ? hook_terms_path(m, content, text.ptr) : NULL;
		if (terms) {
			char *url = folio_xasprintf("%s/#{term}", terms);
			char *folder = folio_xasprintf("%s%s", content, terms);
			json_t *h = json_pack("{s:s, s:s, s:s, s:s}", "target", target, "url", url, "terms", folder,
			                      "hook", hooks[i]);
			json_t *words = hook_words(m, folder, text.ptr);
			if (words)
				json_object_set_new(h, "words", words);
			json_array_append_new(m->link_hooks, h);
			folio_buf_printf(m->notes, "%s: links written [text](%s) go to %s, their text a term "
			                 "of %s/ (link_hooks: in folio.yaml; folio runs no Go templates)\n",
			                 hooks[i], target, url, folder);
			free(url);
			free(folder);
		} else {
			folio_buf_printf(m->notes, "%s: a link render hook, which folio does not run (it runs "
			                 "no Go templates): links it rewrites are checked as written; declare "
			                 "them with link_hooks: in folio.yaml (docs/migrating.md)\n", hooks[i]);
		}
		free(target);
		free(terms);
		folio_buf_dispose(&text);
	}
}


/* Hugo's params for the site's language: languages.<default>.params, which
 * win over the site's params (theupdateframework.io's whatIsTUF), then
 * params. */
static json_t *hugo_param(const migration *m, const char *name)
{
	const char *lang = folio_migrate__get_text(m->cfg, "defaultContentLanguage");
	json_t *own = folio_migrate__get_ci(folio_migrate__get_ci(m->cfg, "languages"), lang ? lang : "en");
	json_t *v = folio_json_get_path_ci(folio_migrate__get_ci(own, "params"), name);
	return v ? v : folio_json_get_path_ci(folio_migrate__get_ci(m->cfg, "params"), name);
}

/* A number with a fraction as Liquid writes it, by Ruby's Float#to_s:
 * the fewest digits that read back as it, at least one after the point
 * ("2.0"); NULL where Ruby writes an exponent (1.0e+20), not kept. */
static char *ruby_float_text(double x)
{
	if (!isfinite(x))
		return NULL;
	char buf[64];
	int prec = 1;
	for (; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*e", prec - 1, x);
	const char *e = strchr(buf, 'e');
	int exp = e ? atoi(e + 1) : 0;
	if (x != 0 && (exp < -4 || exp >= 15)) /* as Ruby: 1.0e+15, 1.0e-05 */
		return NULL;
	int decimals = prec - 1 - exp;
	return folio_xasprintf("%.*f", decimals < 1 ? 1 : decimals, x);
}

/* _config.yml's value at name, "urls.download" the download: of urls:,
 * as Liquid reads {{ site.urls.download }} (names as written). */
static json_t *jekyll_value(const json_t *cfg, const char *name)
{
	const json_t *v = cfg;
	for (const char *p = name; v && *p;) {
		size_t n = strcspn(p, ".");
		char *key = folio_xstrndup(p, n);
		v = json_is_object(v) ? json_object_get(v, key) : NULL;
		free(key);
		p += n + (p[n] == '.');
	}
	return (json_t *)v;
}

/* What jekyll-multiple-languages-plugin sets in the site's configuration
 * before its first build, the default language's: site.baseurl_root, the
 * baseurl without a language, is nothing as {{ site.baseurl }} is (folio's
 * links are paths: getmonero.org's 85 pages link
 * ({{ site.baseurl_root }}/downloads/hashes.txt)); site.lang and
 * site.default_lang the first of languages:. NULL for another name. */
static char *languages_plugin_value(const migration *m, const char *name)
{
	if (!m->languages_plugin)
		return NULL;
	if (!strcmp(name, "baseurl_root"))
		return folio_xstrdup("");
	const json_t *first = json_array_get(json_object_get(m->cfg, "languages"), 0);
	if ((!strcmp(name, "lang") || !strcmp(name, "default_lang")) && json_is_string(first))
		return folio_xstrdup(json_string_value(first));
	return NULL;
}

void folio_migrate__put_params(migration *m, folio_buf *b)
{
	const char *name;
	json_t *count;
	bool first = true;
	bool hugo = m->from == FOLIO_FROM_HUGO;
	json_t *data = NULL; /* site.data: the data files, read once a page names one */
	json_object_foreach(m->site_keys, name, count) {
		bool in_data = !hugo && !strncmp(name, "data.", 5);
		if (in_data && !data)
			data = folio_migrate__jekyll_data(m);
		json_t *v = hugo ? hugo_param(m, name)
		          : in_data ? jekyll_value(data, name + 5) /* Jekyll's site.data is never _config.yml's */
		          : jekyll_value(m->cfg, name);
		char *text = json_is_string(v) ? folio_xstrdup(json_string_value(v))
		           : json_is_integer(v) ? folio_xasprintf("%lld", (long long)json_integer_value(v))
		           : json_is_boolean(v) ? folio_xstrdup(json_is_true(v) ? "true" : "false")
		           : json_is_real(v) && !hugo ? ruby_float_text(json_real_value(v)) : NULL;
		if (!text && !hugo && !in_data)
			text = languages_plugin_value(m, name);
		if (!text && hugo) {
			folio_buf_printf(m->notes, "{{< param %s >}} in %lld pages: the site's params give it no "
			                 "text value, so each page's front matter or a section's cascade: "
			                 "must, or params: in folio.yaml\n", name,
			                 (long long)json_integer_value(count));
			continue;
		}
		if (!text) {
			folio_buf_printf(m->notes, "{{ site.%s }} in %lld pages is left as written: %s "
			                 "it no text value (params: in folio.yaml can)\n", name,
			                 (long long)json_integer_value(count), in_data ? "the data files give" : "_config.yml gives");
			continue;
		}
		if (first)
			folio_buf_puts(b, hugo ? "# what {{< param <name> >}} in pages is, from Hugo's params\nparams:\n"
			                       : "# what {{ site.<name> }} in pages is, from _config.yml and _data/\nparams:\n");
		first = false;
		folio_buf_puts(b, "  ");
		folio_yaml_put_string(b, name);
		folio_buf_puts(b, ": ");
		folio_yaml_put_string(b, text);
		folio_buf_putc(b, '\n');
		free(text);
	}
	json_decref(data);
}
