/*
 * The checker of folio.yaml (config_check.h): problems reported at the
 * offending value or key, JSON pointers, unknown keys with "did you mean",
 * typed values (strings, booleans, page sizes) and the checks of a value's
 * shape (slugs, paths, URLs, language tags, branch names).
 */
#include "folio/config.h"
#include "model/config_check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "folio/i18n.h"
#include "folio/path.h"
#include "folio/yaml.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

#define MAX_PAGE_SIZE 10000
/* Characters of a finding's message (it may quote a long value). */
#define MAX_MESSAGE 200

void folio_config__problem(checker *c, const char *pointer, bool at_key, const char *hint,
                           const char *fmt, ...)
{
	unsigned line, column;
	if (at_key)
		folio_yaml_key_position(c->doc, pointer, &line, &column);
	else
		folio_yaml_position(c->doc, pointer, &line, &column);
	va_list ap;
	va_start(ap, fmt);
	folio_diags_vadd(c->diags, FOLIO_RULE_CONFIG_SYNTAX, c->path, line, column, hint, MAX_MESSAGE,
	                 fmt, ap);
	va_end(ap);
	c->problems++;
}

/* base + "/" + key, key escaped per RFC 6901; caller frees. */
char *folio_config__pointer_join(const char *base, const char *key)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, base);
	folio_json_pointer_append(&b, key, strlen(key));
	return folio_buf_detach(&b, NULL);
}

char *folio_config__pointer_index(const char *base, size_t i)
{
	return folio_xasprintf("%s/%zu", base, i);
}

/* ---- unknown keys ---- */

static bool in_list(const char *const *keys, const char *key)
{
	for (size_t i = 0; keys[i]; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

static char *unknown_key_hint(const char *const *keys, const char *key)
{
	const char *best = folio_closest(key, keys);
	if (best)
		return folio_xasprintf(folio_i18n_finding("did you mean \"%s\"?"), best);
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "known settings here:");
	for (size_t i = 0; keys[i]; i++)
		folio_buf_printf(&b, "%s %s", i ? "," : "", keys[i]);
	return folio_buf_detach(&b, NULL);
}

void folio_config__check_keys(checker *c, json_t *obj, const char *base, const char *const *keys)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (in_list(keys, key))
			continue;
		char *ptr = folio_config__pointer_join(base, key);
		char *hint = unknown_key_hint(keys, key);
		folio_config__problem(c, ptr, true, hint, "unknown setting \"%s\"", key);
		free(hint);
		free(ptr);
	}
}

/* ---- typed fields ---- */

/*
 * obj[key] as a new string: dflt (copied, may be NULL) when absent,
 * NULL after a problem when not a non-empty string.
 */
char *folio_config__get_string(checker *c, json_t *obj, const char *base, const char *key,
                               const char *dflt)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return dflt ? folio_xstrdup(dflt) : NULL;
	if (json_is_string(v) && json_string_length(v) > 0 &&
	    strlen(json_string_value(v)) == json_string_length(v))
		return folio_xstrdup(json_string_value(v));
	char *ptr = folio_config__pointer_join(base, key);
	if (json_is_string(v) && json_string_length(v) == 0)
		folio_config__problem(c, ptr, false, NULL, "\"%s\" must not be empty", key);
	else if (json_is_string(v))
		folio_config__problem(c, ptr, false, NULL, "\"%s\" must not contain NUL characters", key);
	else
		folio_config__problem(c, ptr, false, json_is_number(v) || json_is_boolean(v)
		        ? "put the value in quotes" : NULL, "\"%s\" must be a string", key);
	free(ptr);
	return NULL;
}

char *folio_config__get_required_string(checker *c, json_t *obj, const char *base,
                                        const char *key)
{
	if (!json_object_get(obj, key) || json_is_null(json_object_get(obj, key))) {
		folio_config__problem(c, base, false, NULL, "missing required setting \"%s\"", key);
		return NULL;
	}
	return folio_config__get_string(c, obj, base, key, NULL);
}

bool folio_config__get_bool(checker *c, json_t *obj, const char *base, const char *key, bool dflt)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return dflt;
	if (json_is_boolean(v))
		return json_is_true(v);
	char *ptr = folio_config__pointer_join(base, key);
	folio_config__problem(c, ptr, false, "write true or false", "\"%s\" must be true or false", key);
	free(ptr);
	return dflt;
}

size_t folio_config__get_page_size(checker *c, json_t *obj, const char *base, size_t dflt)
{
	json_t *v = json_object_get(obj, "page_size");
	if (!v || json_is_null(v))
		return dflt;
	if (json_is_integer(v) && json_integer_value(v) >= 1 &&
	    json_integer_value(v) <= MAX_PAGE_SIZE)
		return (size_t)json_integer_value(v);
	char *ptr = folio_config__pointer_join(base, "page_size");
	folio_config__problem(c, ptr, false, NULL, "\"page_size\" must be an integer from 1 to %d",
	        MAX_PAGE_SIZE);
	free(ptr);
	return dflt;
}

/* ---- value checks ---- */

bool folio_config__is_slug(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* A relative path inside the site: no leading "/", no "", "." or ".." segment. */
/* A folder or file inside the site: what a tree may hold (folio/path.h),
 * so that no output joined under it leaves --out or lands in ".git". */
bool folio_config__is_relative_path(const char *s)
{
	return folio_path_check(s, strlen(s)) == NULL;
}

/* "/posts/" or "/blog/2024/": a folder of the site's URLs; "/" is the
 * home page's, which a collection's list would overwrite. */
bool folio_config__is_section_url(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || s[0] != '/' || s[n - 1] != '/')
		return false;
	char *inner = folio_xstrndup(s + 1, n - 2);
	bool ok = folio_config__is_relative_path(inner);
	free(inner);
	return ok;
}

void folio_config__strip_trailing_slashes(char *s)
{
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
}

/* http(s)://host..., without blanks. */
bool folio_config__is_http_url(const char *s)
{
	const char *rest = !strncmp(s, "https://", 8) ? s + 8 : !strncmp(s, "http://", 7) ? s + 7 : NULL;
	if (!rest || !*rest || *rest == '/')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return false;
	return true;
}

/* An http(s) URL of a site (base_url): a host, a port, a path, of the
 * characters a URL holds as they are. The path is written before every
 * site-absolute link of every HTML output (render.c, prefix_links), so a
 * quote or '<' in it ("https://x.org/a\"onmouseover=...") put an attribute
 * in every link of the site, past html/active. */
bool folio_config__is_base_url(const char *s)
{
	if (!folio_config__is_http_url(s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-._~:/@%!$()*+,;=[]", *s))
			return false;
	return true;
}

/* BCP 47 shape: [A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})* (folio/config.h) */
bool folio_config_is_language_tag(const char *s)
{
	size_t first = 0;
	while ((s[first] >= 'a' && s[first] <= 'z') || (s[first] >= 'A' && s[first] <= 'Z'))
		first++;
	if (first < 2 || first > 8)
		return false;
	for (s += first; *s;) {
		if (*s++ != '-')
			return false;
		size_t n = 0;
		while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		       (s[n] >= '0' && s[n] <= '9'))
			n++;
		if (n < 1 || n > 8)
			return false;
		s += n;
	}
	return true;
}

/* A git branch name, conservatively: no blanks, no "..", none of ~^:?*[\ */
bool folio_config__is_branch_name(const char *s)
{
	if (!*s || *s == '-' || *s == '/' || *s == '.' || strstr(s, "..") || strstr(s, "//") ||
	    strstr(s, "@{") || s[strlen(s) - 1] == '/' || s[strlen(s) - 1] == '.')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f || strchr("~^:?*[\\", *s))
			return false;
	return true;
}

void folio_config__check_string(checker *c, const char *value, const char *base, const char *key,
                                bool (*ok)(const char *), const char *hint, const char *what)
{
	if (!value || ok(value))
		return;
	char *ptr = folio_config__pointer_join(base, key);
	folio_config__problem(c, ptr, false, hint, "\"%s\" must be %s, not \"%s\"", key, what, value);
	free(ptr);
}
