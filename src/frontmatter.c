/*
 * Split a page into YAML front matter and Markdown body.
 *
 * Lines end with "\n" or "\r\n"; a delimiter line is "---" (closing also
 * "...") followed only by spaces or tabs. The YAML handed to yaml.c runs
 * from the start of line 2 to the start of the closing line, so its
 * positions are file positions with first_line 2. body always points into
 * the caller's data.
 */
#include "folio/frontmatter.h"

#include <stdint.h>
#include <string.h>

#include "util/banned.h"

static const char BOM[] = "\xEF\xBB\xBF";

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

static void set_body(folio_frontmatter *out, const char *p, const char *end, unsigned line)
{
	out->body = p;
	out->body_len = (size_t)(end - p);
	out->body_line = line;
}

int folio_frontmatter_parse(folio_frontmatter *out, const char *data, size_t len,
                            const char *path, folio_diags *diags)
{
	return folio_frontmatter_parse_limited(out, data, len, path, SIZE_MAX, diags);
}

int folio_frontmatter_parse_limited(folio_frontmatter *out, const char *data, size_t len,
                                    const char *path, size_t max_expanded, folio_diags *diags)
{
	memset(out, 0, sizeof(*out));
	const char *p = data, *end = data + len;
	if (len >= 3 && !memcmp(p, BOM, 3))
		p += 3;
	set_body(out, p, end, 1);

	const char *yaml;
	if (!is_delimiter(p, line_end(p, end, &yaml), "---"))
		return 0;
	out->present = true;

	bool closed = false;
	unsigned line = 2;
	for (const char *q = yaml; q < end; line++) {
		const char *next;
		const char *e = line_end(q, end, &next);
		if (is_delimiter(q, e, "---") || is_delimiter(q, e, "...")) {
			closed = true;
			set_body(out, next, end, line + 1);
			folio_yaml_parse_limited(&out->meta, yaml, (size_t)(q - yaml), path, 2,
			                         FOLIO_RULE_FRONT_MATTER_SYNTAX, max_expanded, diags);
			break;
		}
		q = next;
	}
	if (!closed) {
		/* never closed: no body either, rather than YAML rendered as text */
		set_body(out, end, end, line);
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, path, 1, 1,
		                "end the front matter with a line \"---\"",
		                "front matter opened at line 1 is not closed by a \"---\" line");
		return 0;
	}
	if (out->meta && !json_is_object(folio_yaml_root(out->meta))) {
		unsigned l, c;
		folio_yaml_position(out->meta, "", &l, &c);
		folio_diags_add(diags, FOLIO_RULE_FRONT_MATTER_SYNTAX, path, l, c,
		                "write fields as \"name: value\" lines",
		                "front matter must be a mapping of fields");
		folio_yaml_free(out->meta);
		out->meta = NULL;
	}
	return 0;
}

void folio_frontmatter_dispose(folio_frontmatter *fm)
{
	folio_yaml_free(fm->meta);
	fm->meta = NULL;
}
