/*
 * Split a page into front matter and Markdown body.
 *
 * Lines end with "\n" or "\r\n"; a delimiter line is "---" (closing also
 * "...") for YAML or "+++" for TOML, followed only by spaces or tabs. The
 * text handed to yaml.c or toml.c runs from the start of line 2 to the
 * start of the closing line, so its positions are file positions with
 * first_line 2 (later when blank lines come first, which Hugo skips:
 * buildpacks.io's pack/_index.md opens with one). body always points into
 * the caller's data.
 */
#include "folio/frontmatter.h"

#include <stdint.h>
#include <string.h>

#include "folio/i18n.h"
#include "folio/toml.h"
#include "util/banned.h"

static const char BOM[] = "\xEF\xBB\xBF";
/* Characters of a key quoted in a finding. */
#define MAX_KEY_CHARS 100

/* Whether the line [p, e) holds only spaces, tabs and a '\r'. */
static bool blank(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == e;
}

/* End of the line starting at p (the '\n' or end), and the start of the next. */
static const char *line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*next = nl ? nl + 1 : end;
	return nl ? nl : end;
}

/* Whether [p, e) is marker followed by blanks (and a "\r" of a CRLF). */
static bool is_delimiter(const char *p, const char *e, const char *marker)
{
	size_t n = strlen(marker);
	if ((size_t)(e - p) < n || memcmp(p, marker, n))
		return false;
	for (p += n; p < e; p++)
		if (*p != ' ' && *p != '\t' && !(*p == '\r' && p + 1 == e))
			return false;
	return true;
}

/* ASCII lower case of s into out (keys differing in non-ASCII case are rare). */
static void fold_case(folio_buf *out, const char *s, size_t len)
{
	folio_buf_clear(out);
	for (size_t i = 0; i < len; i++)
		folio_buf_putc(out, s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i]);
}

/*
 * The key-case policy (docs/front-matter.md): keys match the schema with
 * their case, so two keys of one mapping that differ only in case
 * ("publishDate" and "publishdate") would be two fields where the author
 * meant one. The later one is a finding at its key. Top-level mapping
 * only: that is where a schema's fields are.
 */
static void check_key_case(const folio_yaml_doc *doc, const json_t *root, const char *path,
                           folio_diags *diags)
{
	json_t *seen = json_object(); /* folded key -> first key as written */
	folio_buf folded = FOLIO_BUF_INIT, pointer = FOLIO_BUF_INIT;
	folio_buf a = FOLIO_BUF_INIT, b = FOLIO_BUF_INIT;
	const char *key;
	size_t key_len;
	json_t *v;
	json_object_keylen_foreach((json_t *)root, key, key_len, v) {
		fold_case(&folded, key, key_len);
		json_t *first = json_object_getn(seen, folded.ptr, folded.size);
		if (!first) {
			json_object_setn_new(seen, folded.ptr, folded.size, json_stringn(key, key_len));
			continue;
		}
		folio_buf_clear(&pointer);
		folio_buf_putc(&pointer, '/');
		for (size_t i = 0; i < key_len; i++) /* RFC 6901 escapes */
			folio_buf_puts(&pointer, key[i] == '~' ? "~0" : key[i] == '/' ? "~1"
			                         : (char[2]){ key[i], 0 });
		unsigned line, col;
		folio_yaml_key_position(doc, pointer.ptr, &line, &col);
		/* keys are user text: one line, bounded, whatever they hold */
		folio_buf_clear(&a);
		folio_buf_clear(&b);
		folio_buf_put_one_line(&a, key, MAX_KEY_CHARS);
		folio_buf_put_one_line(&b, json_string_value(first), MAX_KEY_CHARS);
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_KEY_CASE, path, line, col,
		                "keep one spelling; field names are case-sensitive",
		                "key \"%s\" differs only in case from \"%s\"", a.ptr, b.ptr);
	}
	folio_buf_dispose(&a);
	folio_buf_dispose(&b);
	folio_buf_dispose(&folded);
	folio_buf_dispose(&pointer);
	json_decref(seen);
}

static void set_body(folio_frontmatter *out, const char *p, const char *end, unsigned line)
{
	out->body = p;
	out->body_len = (size_t)(end - p);
	out->body_line = line;
}

/* Does the line at p open Hugo's JSON front matter: '{', then spaces or
 * line breaks, then '"' or '}'? ("{{< x >}}" and "{% x %}" do not.) */
static bool opens_json(const char *p, const char *end)
{
	if (p >= end || *p != '{')
		return false;
	for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'); p++)
		;
	return p < end && (*p == '"' || *p == '}');
}

/* Past the '}' that closes the object opened at p (strings skipped, their
 * escapes too), or NULL when it is never closed. */
static const char *json_end(const char *p, const char *end)
{
	size_t depth = 0;
	bool in_string = false;
	for (; p < end; p++) {
		if (in_string) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				in_string = false;
		} else if (*p == '"') {
			in_string = true;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if ((*p == '}' || *p == ']') && depth && --depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

/* Hugo's JSON front matter, the object at p (line open): JSON is YAML's
 * flow form, which yaml.c reads with its positions; the body starts on the
 * line after the closing '}', or just after it when text follows there. */
static int parse_json(folio_frontmatter *out, const char *p, const char *end, unsigned open, const char *path,
                      size_t max_expanded, folio_diags *diags)
{
	out->present = true;
	const char *close = json_end(p, end);
	if (!close) {
		set_body(out, end, end, open);
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, path, open, 1,
		                FOLIO_N_("close the JSON front matter's object with its \"}\""),
		                "JSON front matter opened at line %u is not closed", open);
		return 0;
	}
	unsigned line = open;
	for (const char *q = p; q < close; q++)
		line += *q == '\n';
	const char *next;
	const char *e = line_end(close, end, &next);
	if (blank(close, e))
		set_body(out, next, end, line + 1);
	else
		set_body(out, close, end, line);
	folio_yaml_parse_front_matter(&out->meta, p, (size_t)(close - p), path, open, FOLIO_RULE_FRONT_MATTER_SYNTAX,
	                              max_expanded, FOLIO_RULE_FRONT_MATTER_DUPLICATE_KEY, FOLIO_RULE_FRONT_MATTER_KEY,
	                              diags);
	return 0;
}

bool folio_frontmatter_opens(const char *data, size_t len)
{
	const char *p = data, *end = data + len, *next;
	if (len >= 3 && !memcmp(p, BOM, 3))
		p += 3;
	const char *first_end = line_end(p, end, &next);
	return is_delimiter(p, first_end, "---") || is_delimiter(p, first_end, "+++") || opens_json(p, end);
}

static int check_mapping(folio_frontmatter *out, const char *path, folio_diags *diags);

int folio_frontmatter_parse(folio_frontmatter *out, const char *data, size_t len,
                            const char *path, folio_diags *diags)
{
	return folio_frontmatter_parse_limited(out, data, len, path, SIZE_MAX, diags);
}

int folio_frontmatter_parse_limited(folio_frontmatter *out, const char *data, size_t len,
                                    const char *path, size_t max_expanded, folio_diags *diags)
{
	return folio_frontmatter_parse_flags(out, data, len, path, max_expanded, 0, diags);
}

int folio_frontmatter_parse_flags(folio_frontmatter *out, const char *data, size_t len, const char *path,
                                  size_t max_expanded, unsigned flags, folio_diags *diags)
{
	memset(out, 0, sizeof(*out));
	const char *p = data, *end = data + len;
	if (len >= 3 && !memcmp(p, BOM, 3))
		p += 3;
	set_body(out, p, end, 1);

	const char *yaml;
	const char *first_end = line_end(p, end, &yaml);
	unsigned open = 1; /* the line of the opening fence */
	while (first_end < end && blank(p, first_end)) {
		p = yaml;
		first_end = line_end(p, end, &yaml);
		open++;
	}
	/* "+++" fences TOML, as in Hugo; "---" YAML; "{" opens JSON */
	bool toml = is_delimiter(p, first_end, "+++");
	if (!toml && opens_json(p, end)) {
		parse_json(out, p, end, open, path, max_expanded, diags);
		return check_mapping(out, path, diags);
	}
	if (!toml && !is_delimiter(p, first_end, "---"))
		return 0;
	out->present = true;
	const char *fence = toml ? "+++" : "---";

	bool closed = false;
	unsigned line = open + 1;
	for (const char *q = yaml; q < end; line++) {
		const char *next;
		const char *e = line_end(q, end, &next);
		bool whole = is_delimiter(q, e, fence) || (!toml && is_delimiter(q, e, "..."));
		if (whole || ((flags & FOLIO_FRONTMATTER_HUGO_FENCES) && e - q >= 3 && !memcmp(q, fence, 3))) {
			closed = true;
			if (whole) {
				set_body(out, next, end, line + 1);
			} else { /* "---6--": its "6--" is the body's first text */
				out->closed_by_prefix = true;
				set_body(out, q + 3, end, line);
			}
			if (toml)
				folio_toml_parse(&out->meta, yaml, (size_t)(q - yaml), path, open + 1,
				                 FOLIO_RULE_FRONT_MATTER_SYNTAX, max_expanded, diags);
			else
				folio_yaml_parse_front_matter(&out->meta, yaml, (size_t)(q - yaml), path, open + 1,
				                              FOLIO_RULE_FRONT_MATTER_SYNTAX, max_expanded,
				                              FOLIO_RULE_FRONT_MATTER_DUPLICATE_KEY,
				                              FOLIO_RULE_FRONT_MATTER_KEY, diags);
			break;
		}
		q = next;
	}
	if (!closed) {
		/* never closed: no body either, rather than YAML rendered as text */
		set_body(out, end, end, line);
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, path, open, 1,
		                toml ? FOLIO_N_("end the front matter with a line \"+++\"")
		                     : FOLIO_N_("end the front matter with a line \"---\""),
		                "front matter opened at line %u is not closed by a \"%s\" line", open, fence);
		return 0;
	}
	return check_mapping(out, path, diags);
}

/* Front matter read is a mapping, its keys in one case each. */
static int check_mapping(folio_frontmatter *out, const char *path, folio_diags *diags)
{
	if (out->meta && !json_is_object(folio_yaml_root(out->meta))) {
		unsigned l, c;
		folio_yaml_position(out->meta, "", &l, &c);
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, path, l, c,
		                "write fields as \"name: value\" lines",
		                "front matter must be a mapping of fields");
		folio_yaml_free(out->meta);
		out->meta = NULL;
	}
	if (out->meta)
		check_key_case(out->meta, folio_yaml_root(out->meta), path, diags);
	return 0;
}

void folio_frontmatter_dispose(folio_frontmatter *fm)
{
	folio_yaml_free(fm->meta);
	fm->meta = NULL;
}
