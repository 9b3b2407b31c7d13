/*
 * Starting points for authors (folio new, folio init). The slug comes from
 * the file-name rule (model/slug.h, ICU's transliterator), so that any
 * script gives a readable ASCII name
 * ("Journée d'étude à Lille" -> journee-d-etude-a-lille). A new page's
 * front matter follows its schema: what the schema requires gets a
 * placeholder of the right type, which `folio check` refuses until the
 * author fills it in where a format, pattern or reference asks for more;
 * the schema's own words (title, description) become comments. A new site
 * passes `folio check` at once; its folio.yaml is commented from the table
 * of keys (config_keys.def), the same table docs/config.md comes from.
 */
#include "folio/scaffold.h"

#include <stdlib.h>
#include <string.h>

#include "model/slug.h"
#include "util/alloc.h"
#include "folio/common.h"
#include "util/banned.h"

#define MAX_SLUG 80

/* ---- slug ---- */

/* The slug rule of file names (model/slug.h), cut to MAX_SLUG at a dash:
 * a new page's name is what the site model would make of its title. */
int folio_scaffold_slug(char **out, const char *title)
{
	*out = NULL;
	char *slug = folio_slug_make(title, strlen(title));
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, slug ? slug : "page");
	free(slug);
	if (b.size > MAX_SLUG) {
		size_t cut = MAX_SLUG;
		while (cut > MAX_SLUG / 2 && b.ptr[cut] != '-')
			cut--;
		folio_buf_truncate(&b, b.ptr[cut] == '-' ? cut : MAX_SLUG);
	}
	*out = folio_buf_detach(&b, NULL);
	return 0;
}

/* ---- a page ---- */

/* The schema a local "$ref" ("#/$defs/time") names in root, or s itself. */
static const json_t *deref(const json_t *root, const json_t *s)
{
	for (int hops = 0; hops < 16 && json_is_object(s); hops++) {
		const char *ref = json_string_value(json_object_get(s, "$ref"));
		if (!ref || ref[0] != '#')
			return s;
		const json_t *cur = root;
		const char *p = ref + 1;
		while (cur && *p == '/') {
			const char *end = strchr(p + 1, '/');
			size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
			char *seg = folio_xstrndup(p + 1, n);
			cur = json_object_get(cur, seg);
			free(seg);
			p += n + 1;
		}
		if (!cur)
			return s;
		s = cur;
	}
	return s;
}

static bool has_type(const json_t *s, const char *type)
{
	const json_t *t = json_object_get(s, "type");
	if (json_is_string(t))
		return !strcmp(json_string_value(t), type);
	size_t i;
	const json_t *v;
	json_array_foreach(t, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), type))
			return true;
	return false;
}

static json_t *placeholder(const json_t *root, const json_t *s, const char *today, int depth);

/* An object with a placeholder for each field it requires. */
static json_t *object_placeholder(const json_t *root, const json_t *s, const char *today, int depth)
{
	json_t *o = json_object();
	const json_t *props = json_object_get(s, "properties");
	size_t i;
	const json_t *name;
	json_array_foreach(json_object_get(s, "required"), i, name) {
		if (!json_is_string(name))
			continue;
		const json_t *p = json_object_get(props, json_string_value(name));
		json_object_set_new(o, json_string_value(name),
		                    placeholder(root, p ? p : json_true(), today, depth + 1));
	}
	return o;
}

/* A value of s's type that an author recognises as to be filled in. */
static json_t *placeholder(const json_t *root, const json_t *s, const char *today, int depth)
{
	s = deref(root, s);
	if (!json_is_object(s) || depth > 8)
		return json_string("TODO");
	const json_t *choices = json_object_get(s, "enum");
	if (json_array_size(choices))
		return json_deep_copy(json_array_get(choices, 0));
	if (json_object_get(s, "const"))
		return json_deep_copy(json_object_get(s, "const"));
	const char *format = json_string_value(json_object_get(s, "format"));
	if (format && !strcmp(format, "date"))
		return json_string(today);
	if (format && !strcmp(format, "date-time")) {
		char *t = folio_xasprintf("%sT00:00:00Z", today);
		json_t *v = json_string(t);
		free(t);
		return v;
	}
	if (has_type(s, "integer") || has_type(s, "number")) {
		const json_t *min = json_object_get(s, "minimum");
		return json_is_number(min) ? json_deep_copy(min) : json_integer(0);
	}
	if (has_type(s, "boolean"))
		return json_false();
	if (has_type(s, "array")) {
		json_t *a = json_array();
		json_int_t min = json_integer_value(json_object_get(s, "minItems"));
		if (min > 0)
			json_array_append_new(a, placeholder(root, json_object_get(s, "items"), today, depth + 1));
		return a;
	}
	if (has_type(s, "object"))
		return object_placeholder(root, s, today, depth);
	return json_string("TODO");
}

/* A JSON value is YAML in flow style: "TODO", [{"time": "TODO"}]. */
static void put_value(folio_buf *b, const json_t *v)
{
	char *text = json_dumps(v, JSON_ENCODE_ANY);
	folio_buf_puts(b, text ? text : "\"TODO\"");
	free(text);
}

/* Append text on one line. */
static void put_line_text(folio_buf *b, const char *text)
{
	for (const char *p = text; *p; p++)
		folio_buf_putc(b, *p == '\n' || *p == '\r' ? ' ' : *p);
}

/*
 * "# title — description; one of: a, b; slug of a page of people" above a
 * field, on one line: what the schema says the field is, in its words.
 */
static void put_comment(folio_buf *b, const json_t *root, const json_t *s)
{
	s = deref(root, s);
	const json_t *items = deref(root, json_object_get(s, "items"));
	const char *title = json_string_value(json_object_get(s, "title"));
	const char *desc = json_string_value(json_object_get(s, "description"));
	const json_t *choices = json_object_get(s, "enum");
	const char *ref = json_string_value(json_object_get(s, "x-folio-ref"));
	bool list = !ref && (ref = json_string_value(json_object_get(items, "x-folio-ref")));
	if (!title && !desc && !json_array_size(choices) && !ref)
		return;
	size_t start = b->size;
	folio_buf_puts(b, "# ");
	if (title)
		put_line_text(b, title);
	if (title && desc)
		folio_buf_puts(b, " — ");
	if (desc)
		put_line_text(b, desc);
	if (json_array_size(choices)) {
		folio_buf_puts(b, b->size > start + 2 ? "; one of:" : "one of:");
		size_t i;
		const json_t *v;
		json_array_foreach(choices, i, v) {
			char *text = json_dumps(v, JSON_ENCODE_ANY);
			folio_buf_printf(b, "%s %s", i ? "," : "", text ? text : "?");
			free(text);
		}
	}
	if (ref)
		folio_buf_printf(b, "%s%s %s page%s (the file name without .md)",
		                 b->size > start + 2 ? "; " : "", list ? "slugs of" : "the slug of a", ref, list ? "s" : "");
	folio_buf_putc(b, '\n');
}

static bool is_required(const json_t *schema, const char *name)
{
	size_t i;
	const json_t *v;
	json_array_foreach(json_object_get(schema, "required"), i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), name))
			return true;
	return false;
}

static void put_field(folio_buf *b, const json_t *root, const char *name, const json_t *s,
                      const folio_collection *c, const char *title, const char *today,
                      bool optional)
{
	put_comment(b, root, s);
	json_t *v = !strcmp(name, c->title_field) ? json_string(title)
	                                          : placeholder(root, s, today, 0);
	folio_buf_printf(b, "%s%s: ", optional ? "# " : "", name);
	put_value(b, v);
	folio_buf_putc(b, '\n');
	json_decref(v);
}

char *folio_scaffold_page(const folio_collection *c, const json_t *schema, const char *title,
                          const char *today)
{
	folio_buf b = FOLIO_BUF_INIT;
	const json_t *props = json_object_get(schema, "properties");
	const char *name;
	const json_t *s;
	folio_buf_puts(&b, "---\n");
	if (!json_object_get(props, c->title_field)) {
		/* a schema that says nothing of the title field still gets the title */
		json_t *v = json_string(title);
		folio_buf_printf(&b, "%s: ", c->title_field);
		put_value(&b, v);
		folio_buf_putc(&b, '\n');
		json_decref(v);
	}
	json_object_foreach((json_t *)props, name, s)
		if (is_required(schema, name) || !strcmp(name, c->title_field))
			put_field(&b, schema, name, s, c, title, today, false);
	bool optional = false;
	json_object_foreach((json_t *)props, name, s) {
		if (is_required(schema, name) || !strcmp(name, c->title_field))
			continue;
		if (!optional)
			folio_buf_puts(&b, "# Optional fields: remove the \"# \" before one to use it.\n");
		optional = true;
		put_field(&b, schema, name, s, c, title, today, true);
	}
	folio_buf_puts(&b, "---\n\n");
	return folio_buf_detach(&b, NULL);
}

/* ---- a site ---- */

/* The meaning of a key of folio.yaml, from the table of keys. */
static const char *key_meaning(const char *section, const char *key)
{
	static const struct {
		const char *section, *name, *meaning;
	} keys[] = {
#define CONFIG_KEY(sec, name, type, dflt, desc) { #sec, name, desc },
#include "folio/config_keys.def"
#undef CONFIG_KEY
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, key))
			return keys[i].meaning;
	return "";
}

static void put_key(folio_buf *b, const char *indent, const char *section, const char *key,
                    const char *value)
{
	folio_buf_printf(b, "%s# %s\n%s%s: %s\n", indent, key_meaning(section, key), indent, key,
	                 value);
}

static char *site_config(void)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "# folio.yaml: the site's configuration. Every key is described in\n"
	                   "# docs/config.md; `folio check` reports an unknown one.\n\n");
	put_key(&b, "", "SITE", "title", "My site");
	put_key(&b, "", "SITE", "description", "What this site is about, in one sentence.");
	put_key(&b, "", "SITE", "base_url", "https://example.org");
	put_key(&b, "", "SITE", "language", "en");
	put_key(&b, "", "SITE", "page_size", "20");
	folio_buf_printf(&b, "# %s\ncollections:\n", key_meaning("SITE", "collections"));
	folio_buf_printf(&b, "  - # %s\n    name: pages\n", key_meaning("COLLECTION", "name"));
	put_key(&b, "    ", "COLLECTION", "label", "Pages");
	put_key(&b, "    ", "COLLECTION", "schema", "pages.json");
	put_key(&b, "    ", "COLLECTION", "template", "page");
	put_key(&b, "    ", "COLLECTION", "sort", "-date");
	put_key(&b, "    ", "COLLECTION", "date_field", "date");
	folio_buf_puts(&b, "\n# `folio new pages \"A title\"` adds a page; `folio check` checks the site.\n");
	return folio_buf_detach(&b, NULL);
}

static const char site_schema[] =
	"{\n"
	"  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
	"  \"title\": \"Page\",\n"
	"  \"description\": \"A page of the site: its front matter.\",\n"
	"  \"type\": \"object\",\n"
	"  \"additionalProperties\": false,\n"
	"  \"required\": [\"title\", \"date\"],\n"
	"  \"properties\": {\n"
	"    \"title\": {\"type\": \"string\", \"minLength\": 1, \"description\": \"The page's title.\"},\n"
	"    \"date\": {\"type\": \"string\", \"format\": \"date\", \"description\": \"Date of the page, YYYY-MM-DD.\"},\n"
	"    \"summary\": {\"type\": \"string\", \"description\": \"One sentence for lists and feeds.\"}\n"
	"  }\n"
	"}\n";

static const char site_template[] =
	"{{<base}}\n"
	"{{$main}}\n"
	"<article>\n"
	"<h1>{{page.title}}</h1>\n"
	"{{#page.date}}\n"
	"<p><time datetime=\"{{page.date}}\">{{page.date_text}}</time></p>\n"
	"{{/page.date}}\n"
	"{{{page.content}}}\n"
	"</article>\n"
	"{{/main}}\n"
	"{{/base}}\n";

static const char site_page[] =
	"---\n"
	"# The page's title.\n"
	"title: \"Welcome\"\n"
	"# Date of the page, YYYY-MM-DD.\n"
	"date: \"2026-01-01\"\n"
	"---\n\n"
	"This site is built by [folio](https://example.org/folio). Edit this page in\n"
	"`pages/welcome.md`, or add one with `folio new pages \"A title\"`.\n";

static const char site_readme[] =
	"# A folio site\n\n"
	"- `folio.yaml`: the configuration (docs/config.md)\n"
	"- `schemas/pages.json`: the fields of a page (docs/schema.md)\n"
	"- `templates/page.mustache`: how a page looks (docs/templates.md)\n"
	"- `pages/`: the pages, one Markdown file each\n\n"
	"`folio new pages \"A title\"` adds a page; `folio check --worktree .` checks the site.\n";

int folio_scaffold_site(int (*cb)(const char *path, const char *data, size_t len, void *payload),
                        void *payload)
{
	char *config = site_config();
	int rc = cb("folio.yaml", config, strlen(config), payload);
	free(config);
	if (rc >= 0)
		rc = cb("schemas/pages.json", site_schema, strlen(site_schema), payload);
	if (rc >= 0)
		rc = cb("templates/page.mustache", site_template, strlen(site_template), payload);
	if (rc >= 0)
		rc = cb("pages/welcome.md", site_page, strlen(site_page), payload);
	if (rc >= 0)
		rc = cb("README.md", site_readme, strlen(site_readme), payload);
	return rc < 0 ? rc : 0;
}
