/*
 * Verdicts as text, JSON, JUnit XML and GitHub workflow annotations. Text
 * from the content is repaired to UTF-8 first; XML also loses the control
 * characters XML 1.0 forbids.
 */
#include "folio/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "folio/i18n.h"
#include "util/alloc.h"
#include "util/banned.h"

static unsigned mark_of(const folio_verdict *v, size_t i)
{
	return v->marks ? v->marks[i] : 0;
}

int folio_format_parse(folio_format *out, const char *name)
{
	static const char *const names[] = { "text", "json", "junit", "github" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i])) {
			*out = (folio_format)i;
			return 0;
		}
	folio_error_set("unknown format '%s'; use text, json, junit or github", name);
	return FOLIO_EINVALID;
}

/* ---- text ---- */

static void put_count(folio_buf *out, size_t n, const char *noun)
{
	folio_buf_printf(out, "%zu %s%s", n, noun, n == 1 ? "" : "s");
}

void folio_report_finding(folio_buf *out, const folio_verdict *v, size_t i)
{
	unsigned mark = mark_of(v, i);
	const char *suffix = mark & FOLIO_MARK_FIXED ? " (fixed by a later commit)"
	                     : mark & FOLIO_MARK_DEMOTED ? " (still at the tip)" : NULL;
	if (!suffix) {
		folio_diag_format_text(out, &v->diags.items[i]);
		return;
	}
	/* the suffix ends the first line, after the rule id: the message stays
	 * as the commit's note has it */
	folio_buf line = FOLIO_BUF_INIT;
	folio_diag_format_text(&line, &v->diags.items[i]);
	const char *nl = strchr(line.ptr, '\n');
	size_t head = nl ? (size_t)(nl - line.ptr) : line.size;
	folio_buf_put(out, line.ptr, head);
	folio_buf_puts(out, suffix);
	folio_buf_puts(out, line.ptr + head);
	folio_buf_dispose(&line);
}

void folio_report_verdict_text(FILE *fp, const folio_verdict *v)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (v->id)
		folio_buf_printf(&b, "commit %.12s %s\n", v->id, v->subject);
	for (size_t i = 0; i < v->diags.count; i++)
		folio_report_finding(&b, v, i);
	fwrite(b.ptr, 1, b.size, fp);
	folio_buf_dispose(&b);
}

void folio_report_verdict_text_capped(FILE *fp, const folio_verdict *v, size_t max_errors,
                                      size_t max_others)
{
	folio_buf b = FOLIO_BUF_INIT;
	size_t left_errors = 0, left_others = 0;
	if (v->id)
		folio_buf_printf(&b, "commit %.12s %s\n", v->id, v->subject);
	for (int errors = 1; errors >= 0; errors--) {
		size_t shown = 0, max = errors ? max_errors : max_others;
		for (size_t i = 0; i < v->diags.count; i++) {
			if ((v->diags.items[i].severity == FOLIO_SEVERITY_ERROR) != errors)
				continue;
			if (shown++ < max)
				folio_report_finding(&b, v, i);
			else if (errors)
				left_errors++;
			else
				left_others++;
		}
	}
	if (left_errors + left_others) {
		folio_buf_printf(&b, folio_i18n_cli("... and %zu more findings not shown (%zu errors, %zu warnings)"),
		                 left_errors + left_others, left_errors, left_others);
		if (v->id)
			folio_buf_printf(&b, folio_i18n_cli(": folio check %.12s lists more of them"), v->id);
		folio_buf_putc(&b, '\n');
	}
	fwrite(b.ptr, 1, b.size, fp);
	folio_buf_dispose(&b);
}

/* "; the tip decides: ..." when errors of earlier commits became warnings. */
static void put_demoted(folio_buf *out, const folio_verdicts *vs)
{
	size_t fixed = 0, demoted = folio_verdicts_demoted(vs, &fixed);
	if (!demoted)
		return;
	folio_buf_puts(out, "; the tip decides: ");
	put_count(out, demoted, "error");
	folio_buf_printf(out, " of earlier commits reported as %s, %zu fixed by a later commit",
	                 demoted == 1 ? "a warning" : "warnings", fixed);
}

/* "%zu error" or "%zu errors", in the command line's language */
static void put_count_cli(folio_buf *out, size_t n, const char *one, const char *many)
{
	bool singular = folio_i18n_singular(folio_i18n_cli_language(), n);
	folio_buf_printf(out, singular ? folio_i18n_cli(one) : folio_i18n_cli(many), n);
}

/* The summary is the command line's own text: it speaks the user's
 * language, the findings above it the site's. */
static void print_text(FILE *fp, const folio_verdicts *vs)
{
	folio_buf b = FOLIO_BUF_INIT;
	size_t bad = 0;
	for (size_t i = 0; i < vs->count; i++) {
		folio_report_verdict_text(fp, &vs->items[i]);
		bad += folio_diags_count(&vs->items[i].diags, FOLIO_SEVERITY_ERROR) > 0;
	}
	if (vs->count == 1 && !vs->items[0].id)
		folio_buf_printf(&b, folio_i18n_cli("checked the %s: "), vs->items[0].subject);
	else
		put_count_cli(&b, vs->count, "checked %zu commit: ", "checked %zu commits: ");
	put_count_cli(&b, folio_verdicts_count(vs, FOLIO_SEVERITY_ERROR), "%zu error", "%zu errors");
	folio_buf_puts(&b, ", ");
	put_count_cli(&b, folio_verdicts_count(vs, FOLIO_SEVERITY_WARNING), "%zu warning",
	              "%zu warnings");
	if (vs->count > 1 && bad)
		folio_buf_printf(&b, folio_i18n_cli(" (%zu of %zu commits with errors)"), bad, vs->count);
	put_demoted(&b, vs);
	fprintf(fp, "%s\n", b.ptr);
	folio_buf_dispose(&b);
}

/* ---- text made safe for JSON and XML ---- */

/* s as valid UTF-8 (bad bytes become U+FFFD); with xml, the control
 * characters XML 1.0 forbids also become U+FFFD. */
static void put_clean(folio_buf *out, const char *s, bool xml)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t len = strlen(s);
	while (len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &c);
		if (n <= 0) {
			folio_buf_puts(out, "\xEF\xBF\xBD");
			n = 1;
		} else if (xml && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE ||
		                   c == 0xFFFF)) {
			folio_buf_puts(out, "\xEF\xBF\xBD");
		} else {
			folio_buf_put(out, p, (size_t)n);
		}
		p += n;
		len -= (size_t)n;
	}
}

static json_t *jstr(const char *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	put_clean(&b, s, false);
	json_t *j = json_stringn(b.ptr, b.size);
	folio_buf_dispose(&b);
	return j;
}

/* ---- JSON ---- */

static json_t *diag_json(const folio_verdict *v, size_t i)
{
	const folio_diag *d = &v->diags.items[i];
	unsigned mark = mark_of(v, i);
	json_t *o = json_object();
	json_object_set_new(o, "path", jstr(d->path));
	json_object_set_new(o, "line", json_integer(d->line));
	json_object_set_new(o, "column", json_integer(d->column));
	json_object_set_new(o, "severity",
	                    json_string(d->severity == FOLIO_SEVERITY_ERROR ? "error" : "warning"));
	json_object_set_new(o, "rule", json_string(folio_rule_name(d->rule)));
	json_object_set_new(o, "message", jstr(d->message));
	json_object_set_new(o, "hint", d->hint ? jstr(d->hint) : json_null());
	/* what the commit's own verdict (its note) says, before the tip decided */
	json_object_set_new(o, "commit_severity",
	                    json_string(mark & FOLIO_MARK_DEMOTED || d->severity == FOLIO_SEVERITY_ERROR
	                                        ? "error"
	                                        : "warning"));
	json_object_set_new(o, "fixed_later", json_boolean(mark & FOLIO_MARK_FIXED));
	return o;
}

static void print_json(FILE *fp, const folio_verdicts *vs)
{
	json_t *all = json_array();
	for (size_t i = 0; i < vs->count; i++) {
		const folio_verdict *v = &vs->items[i];
		json_t *o = json_object(), *findings = json_array();
		json_object_set_new(o, "commit", v->id ? json_string(v->id) : json_null());
		json_object_set_new(o, "subject", jstr(v->subject));
		json_object_set_new(o, "errors",
		                    json_integer((json_int_t)folio_diags_count(&v->diags, FOLIO_SEVERITY_ERROR)));
		json_object_set_new(o, "warnings",
		                    json_integer((json_int_t)folio_diags_count(&v->diags, FOLIO_SEVERITY_WARNING)));
		json_object_set_new(o, "tip", json_boolean(!v->earlier));
		for (size_t j = 0; j < v->diags.count; j++)
			json_array_append_new(findings, diag_json(v, j));
		json_object_set_new(o, "findings", findings);
		json_array_append_new(all, o);
	}
	json_dumpf(all, fp, JSON_INDENT(2));
	fputc('\n', fp);
	json_decref(all);
}

/* ---- JUnit XML ---- */

static void put_xml(folio_buf *out, const char *s)
{
	folio_buf clean = FOLIO_BUF_INIT;
	put_clean(&clean, s, true);
	for (const char *p = clean.ptr; *p; p++) {
		switch (*p) {
		case '&': folio_buf_puts(out, "&amp;"); break;
		case '<': folio_buf_puts(out, "&lt;"); break;
		case '>': folio_buf_puts(out, "&gt;"); break;
		case '"': folio_buf_puts(out, "&quot;"); break;
		case '\'': folio_buf_puts(out, "&apos;"); break;
		default: folio_buf_putc(out, *p);
		}
	}
	folio_buf_dispose(&clean);
}

static void verdict_name(folio_buf *out, const folio_verdict *v)
{
	if (v->id)
		folio_buf_printf(out, "commit %.12s %s", v->id, v->subject);
	else
		folio_buf_puts(out, v->subject);
}

/* Test cases: the pages, then any other file with a finding, each once. */
static char **junit_files(const folio_verdict *v, size_t *n)
{
	char **files = folio_xmalloc( (v->nfiles + v->diags.count + 1) * sizeof(*files));
	size_t count = 0;
	for (size_t i = 0; i < v->nfiles; i++)
		files[count++] = v->files[i];
	for (size_t i = 0; i < v->diags.count; i++) {
		const char *p = v->diags.items[i].path;
		bool seen = false;
		for (size_t j = 0; j < count && !seen; j++)
			seen = !strcmp(files[j], p);
		if (!seen)
			files[count++] = v->diags.items[i].path;
	}
	*n = count;
	return files;
}

static void junit_case(folio_buf *b, const folio_verdict *v, const char *file)
{
	folio_buf out = FOLIO_BUF_INIT, text = FOLIO_BUF_INIT;
	folio_buf_puts(b, "    <testcase classname=\"");
	if (v->id)
		folio_buf_printf(b, "%.12s", v->id);
	else
		put_xml(b, v->subject);
	folio_buf_puts(b, "\" name=\"");
	put_xml(b, *file ? file : "(site)");
	folio_buf_puts(b, "\">\n");
	for (size_t i = 0; i < v->diags.count; i++) {
		const folio_diag *d = &v->diags.items[i];
		if (strcmp(d->path, file))
			continue;
		folio_buf_clear(&text);
		folio_report_finding(&text, v, i);
		if (d->severity == FOLIO_SEVERITY_WARNING) {
			folio_buf_puts(&out, text.ptr);
			continue;
		}
		folio_buf_puts(b, "      <failure type=\"");
		put_xml(b, folio_rule_name(d->rule));
		folio_buf_puts(b, "\" message=\"");
		put_xml(b, d->message);
		folio_buf_puts(b, "\">");
		put_xml(b, text.ptr);
		folio_buf_puts(b, "</failure>\n");
	}
	if (out.size) {
		folio_buf_puts(b, "      <system-out>");
		put_xml(b, out.ptr);
		folio_buf_puts(b, "</system-out>\n");
	}
	folio_buf_puts(b, "    </testcase>\n");
	folio_buf_dispose(&out);
	folio_buf_dispose(&text);
}

static void junit_suite(folio_buf *b, const folio_verdict *v)
{
	size_t n = 0;
	char **files = junit_files(v, &n);
	const char *none = "";
	if (!n)
		files[n++] = (char *)none; /* an empty site still gets one case */
	folio_buf_puts(b, "  <testsuite name=\"");
	folio_buf name = FOLIO_BUF_INIT;
	verdict_name(&name, v);
	put_xml(b, name.ptr);
	folio_buf_dispose(&name);
	folio_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", n,
	                 folio_diags_count(&v->diags, FOLIO_SEVERITY_ERROR));
	for (size_t i = 0; i < n; i++)
		junit_case(b, v, files[i]);
	folio_buf_puts(b, "  </testsuite>\n");
	free(files);
}

static void print_junit(FILE *fp, const folio_verdicts *vs)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	folio_buf_printf(&b, "<testsuites name=\"folio check\" failures=\"%zu\">\n",
	                 folio_verdicts_count(vs, FOLIO_SEVERITY_ERROR));
	for (size_t i = 0; i < vs->count; i++)
		junit_suite(&b, &vs->items[i]);
	folio_buf_puts(&b, "</testsuites>\n");
	fwrite(b.ptr, 1, b.size, fp);
	folio_buf_dispose(&b);
}

/* ---- GitHub workflow annotations ---- */

/* Escape as the workflow command parser expects; properties also escape ":" and ",". */
static void put_gh(folio_buf *out, const char *s, bool property)
{
	for (const char *p = s; *p; p++) {
		if (*p == '%')
			folio_buf_puts(out, "%25");
		else if (*p == '\r')
			folio_buf_puts(out, "%0D");
		else if (*p == '\n')
			folio_buf_puts(out, "%0A");
		else if (property && *p == ':')
			folio_buf_puts(out, "%3A");
		else if (property && *p == ',')
			folio_buf_puts(out, "%2C");
		else
			folio_buf_putc(out, *p);
	}
}

/* A finding the tip no longer has is a notice (an error under strict
 * history stays an error), saying so: its line may not exist any more. */
static void gh_annotation(folio_buf *b, const folio_verdict *v, size_t i, bool name_commit)
{
	const folio_diag *d = &v->diags.items[i];
	unsigned mark = mark_of(v, i);
	const char *level = d->severity == FOLIO_SEVERITY_ERROR ? "error"
	                    : mark & FOLIO_MARK_FIXED           ? "notice"
	                                                        : "warning";
	folio_buf msg = FOLIO_BUF_INIT;
	folio_buf_printf(b, "::%s file=", level);
	put_gh(b, d->path, true);
	if (d->line)
		folio_buf_printf(b, ",line=%u", d->line);
	if (d->column)
		folio_buf_printf(b, ",col=%u", d->column);
	folio_buf_puts(b, ",title=");
	put_gh(b, folio_rule_name(d->rule), true);
	folio_buf_puts(b, "::");
	if (name_commit && v->id)
		folio_buf_printf(&msg, "commit %.12s: ", v->id);
	if (mark & FOLIO_MARK_FIXED)
		folio_buf_puts(&msg, "fixed by a later commit: ");
	else if (mark & FOLIO_MARK_DEMOTED)
		folio_buf_puts(&msg, "still at the tip: ");
	folio_buf_puts(&msg, d->message);
	if (d->hint)
		folio_buf_printf(&msg, "\nhint: %s", d->hint);
	put_gh(b, msg.ptr, false);
	folio_buf_putc(b, '\n');
	folio_buf_dispose(&msg);
}

static void print_github(FILE *fp, const folio_verdicts *vs)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < vs->count; i++)
		for (size_t j = 0; j < vs->items[i].diags.count; j++)
			gh_annotation(&b, &vs->items[i], j, vs->count > 1);
	folio_buf_printf(&b, "folio check: %zu error%s, %zu warning%s in %zu commit%s",
	                 folio_verdicts_count(vs, FOLIO_SEVERITY_ERROR),
	                 folio_verdicts_count(vs, FOLIO_SEVERITY_ERROR) == 1 ? "" : "s",
	                 folio_verdicts_count(vs, FOLIO_SEVERITY_WARNING),
	                 folio_verdicts_count(vs, FOLIO_SEVERITY_WARNING) == 1 ? "" : "s",
	                 vs->count, vs->count == 1 ? "" : "s");
	put_demoted(&b, vs);
	folio_buf_putc(&b, '\n');
	fwrite(b.ptr, 1, b.size, fp);
	folio_buf_dispose(&b);
}

void folio_report_write(FILE *fp, const folio_verdicts *vs, folio_format fmt)
{
	switch (fmt) {
	case FOLIO_FORMAT_TEXT: print_text(fp, vs); break;
	case FOLIO_FORMAT_JSON: print_json(fp, vs); break;
	case FOLIO_FORMAT_JUNIT: print_junit(fp, vs); break;
	case FOLIO_FORMAT_GITHUB: print_github(fp, vs); break;
	}
}

