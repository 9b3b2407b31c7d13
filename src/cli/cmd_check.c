/*
 * folio check: validate commits (one, or each of a range), the worktree or
 * the index, and report the findings per commit as text, JSON, JUnit XML or
 * GitHub annotations; --notes stores each commit's verdict as a git note.
 *
 * Each commit of a range is loaded and validated in full. NEEDSWORK: the
 * design asks for incremental checks from each parent (only changed pages
 * and those whose links reach them); correctness came first.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "check.h"
#include "cmd.h"
#include "exit.h"
#include "folio/history.h"
#include "folio/linkcheck.h"
#include "util/banned.h"

static const char synopsis[] =
	"[--repo PATH] [REV | A..B | --worktree DIR | --staged] [--format FORMAT] [--notes]\n"
	"                   [--strict-history]\n"
	"                   [--external [--external-cache FILE] [--external-ttl SECONDS]]";
static const char description[] =
	"Validate a site: front matter against the schemas, references, links,\n"
	"anchors, assets, ISBNs and text hygiene. REV (default HEAD) checks one\n"
	"commit; A..B checks each commit reachable from B and not from A, oldest\n"
	"first, each reported on its own; B decides: errors of the commits before it\n"
	"are reported as warnings, marked \"fixed by a later commit\" when B no\n"
	"longer has them (--strict-history: every commit's errors count). --worktree\n"
	"checks a plain directory and --staged the index of the repository.\n"
	"FORMAT is text (default), json, junit (JUnit XML, one test suite per\n"
	"commit) or github (workflow annotations). In a shallow clone the commits\n"
	"it holds are checked and a warning names what it lacks. --external also\n"
	"asks every http(s) link over the network (HEAD, then GET; answers cached);\n"
	"a dead link is a warning, never an error.\n"
	"Exit status: 0 without errors (warnings allowed), 1 when the commit (for\n"
	"A..B: B, or with --strict-history any commit) has errors, 2 on bad usage or\n"
	"a failure to read the site.";

/* Set by --external: external links are checked after validation. */
static const folio_linkcheck_options *linkcheck;
static const char *fast_state; /* a daemon's state: judge page-body changes from it */
static const folio_limits *server_limits; /* --limit, or the server config's; NULL: defaults */

void folio_cli_check_set_state(const char *state_dir)
{
	fast_state = state_dir;
}

void folio_cli_check_set_limits(const folio_limits *limits)
{
	server_limits = limits;
}

#define NOTES_REF "refs/notes/folio"

/* ---- memory: the CLI sees only the public headers ---- */

static void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p) {
		fprintf(stderr, "folio: out of memory\n");
		abort();
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

/* Room for one more item in an array of count items with alloc slots. */
#define GROW_ONE(items, count, alloc)                                              \
	do {                                                                       \
		if ((count) == (alloc)) {                                          \
			(alloc) = (alloc) ? 2 * (alloc) : 8;                        \
			(items) = xrealloc((items), (alloc) * sizeof(*(items)));    \
		}                                                                  \
	} while (0)

/* ---- checking ---- */

static int cmp_file(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(folio_verdict *v, const char *path)
{
	GROW_ONE(v->files, v->nfiles, v->afiles);
	v->files[v->nfiles++] = xstrdup(path);
}

static folio_verdict *new_verdict(folio_verdicts *vs, const char *id, const char *subject)
{
	GROW_ONE(vs->items, vs->count, vs->alloc);
	folio_verdict *v = &vs->items[vs->count++];
	memset(v, 0, sizeof(*v));
	v->id = id ? xstrdup(id) : NULL;
	v->subject = xstrdup(subject ? subject : "");
	folio_diags_init(&v->diags);
	return v;
}

/* A commit that changes only page bodies of the state's published commit
 * is judged from the state, without loading the site (see publish.h). */
static bool check_fast(folio_verdicts *vs, folio_source *src, const char *id, const char *subject)
{
	folio_fast_verdict fv;
	if (!fast_state || linkcheck ||
	    folio_publish_judge_limited(&fv, fast_state, src, server_limits) != 0)
		return false;
	folio_verdict *v = new_verdict(vs, id, subject);
	v->branch = fv.branch;
	v->files = fv.pages;
	v->nfiles = v->afiles = fv.npages;
	return true;
}

int folio_cli_check_source(folio_verdicts *vs, folio_source *src, const char *id,
                           const char *subject)
{
	folio_site *site = NULL;
	folio_site_options opts = FOLIO_SITE_OPTIONS_INIT;

	if (check_fast(vs, src, id, subject))
		return 0;
	opts.limits = server_limits;
	if (folio_site_load(&site, src, &opts) < 0)
		return FOLIO_ERROR;
	folio_verdict *v = new_verdict(vs, id, subject);
	folio_diags_move(&v->diags, folio_site_diags_mut(site));
	const folio_config *cfg = folio_site_config(site);
	int rc = 0;
	if (cfg) {
		folio_validate_site(site, &v->diags);
		/* outputs are measured against their budgets without being kept;
		 * a site with errors already cannot be built, so skip the work */
		if (!folio_diags_count(&v->diags, FOLIO_SEVERITY_ERROR))
			rc = folio_render_check(site, 0, &v->diags);
		v->branch = xstrdup(cfg->branch ? cfg->branch : "main");
		if (rc == 0 && linkcheck)
			rc = folio_linkcheck_site(site, linkcheck, &v->diags);
	}
	folio_diags_sort(&v->diags);
	/* held pages (drafts, scheduled) are checked too: each is a test case */
	for (size_t i = 0; i < folio_site_page_count(site); i++)
		add_file(v, folio_site_page(site, i)->path);
	for (size_t i = 0; i < folio_site_held_count(site); i++)
		add_file(v, folio_site_held(site, i)->path);
	if (v->nfiles > 1)
		qsort(v->files, v->nfiles, sizeof(*v->files), cmp_file);
	folio_site_free(site);
	return rc;
}

int folio_cli_check_commit(folio_verdicts *vs, const char *repo_path, const char *id,
                           const char *subject)
{
	folio_source *src = NULL;
	int rc = folio_source_open_git(&src, repo_path, id);
	if (rc == 0)
		rc = folio_cli_check_source(vs, src, id, subject);
	folio_source_free(src);
	return rc;
}

void folio_verdicts_dispose(folio_verdicts *vs)
{
	for (size_t i = 0; i < vs->count; i++) {
		folio_verdict *v = &vs->items[i];
		free(v->id);
		free(v->subject);
		free(v->branch);
		for (size_t j = 0; j < v->nfiles; j++)
			free(v->files[j]);
		free(v->files);
		folio_diags_dispose(&v->diags);
		free(v->marks);
	}
	free(vs->items);
	memset(vs, 0, sizeof(*vs));
}

size_t folio_verdicts_count(const folio_verdicts *vs, folio_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < vs->count; i++)
		n += folio_diags_count(&vs->items[i].diags, severity);
	return n;
}

/* ---- the tip decides ---- */

/* True when tip has d: same rule and path, and the same message or line. */
static bool tip_has(const folio_verdict *tip, const folio_diag *d)
{
	for (size_t i = 0; i < tip->diags.count; i++) {
		const folio_diag *t = &tip->diags.items[i];
		if (t->rule == d->rule && !strcmp(t->path, d->path) &&
		    (!strcmp(t->message, d->message) || (d->line && t->line == d->line)))
			return true;
	}
	return false;
}

void folio_cli_judge_by_tip(folio_verdicts *vs, bool strict)
{
	if (vs->count < 2)
		return;
	const folio_verdict *tip = &vs->items[vs->count - 1];
	for (size_t i = 0; i + 1 < vs->count; i++) {
		folio_verdict *v = &vs->items[i];
		v->earlier = true;
		if (!v->diags.count)
			continue;
		v->marks = xrealloc(v->marks, v->diags.count);
		for (size_t j = 0; j < v->diags.count; j++) {
			folio_diag *d = &v->diags.items[j];
			v->marks[j] = tip_has(tip, d) ? 0 : FOLIO_MARK_FIXED;
			if (!strict && d->severity == FOLIO_SEVERITY_ERROR) {
				d->severity = FOLIO_SEVERITY_WARNING;
				v->marks[j] |= FOLIO_MARK_DEMOTED;
			}
		}
	}
}

size_t folio_verdicts_demoted(const folio_verdicts *vs, size_t *fixed)
{
	size_t n = 0, nfixed = 0;
	for (size_t i = 0; i < vs->count; i++)
		for (size_t j = 0; vs->items[i].marks && j < vs->items[i].diags.count; j++)
			if (vs->items[i].marks[j] & FOLIO_MARK_DEMOTED) {
				n++;
				nfixed += (vs->items[i].marks[j] & FOLIO_MARK_FIXED) != 0;
			}
	if (fixed)
		*fixed = nfixed;
	return n;
}

static unsigned mark_of(const folio_verdict *v, size_t i)
{
	return v->marks ? v->marks[i] : 0;
}

/* ---- text ---- */

static void put_count(folio_buf *out, size_t n, const char *noun)
{
	folio_buf_printf(out, "%zu %s%s", n, noun, n == 1 ? "" : "s");
}

void folio_cli_verdict_line(folio_buf *out, const folio_verdict *v)
{
	folio_buf_puts(out, "folio: ");
	put_count(out, folio_diags_count(&v->diags, FOLIO_SEVERITY_ERROR), "error");
	folio_buf_puts(out, ", ");
	put_count(out, folio_diags_count(&v->diags, FOLIO_SEVERITY_WARNING), "warning");
}

void folio_cli_format_finding(folio_buf *out, const folio_verdict *v, size_t i)
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

void folio_cli_print_verdict_text(FILE *fp, const folio_verdict *v)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (v->id)
		folio_buf_printf(&b, "commit %.12s %s\n", v->id, v->subject);
	for (size_t i = 0; i < v->diags.count; i++)
		folio_cli_format_finding(&b, v, i);
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

static void print_text(FILE *fp, const folio_verdicts *vs)
{
	folio_buf b = FOLIO_BUF_INIT;
	size_t bad = 0;
	for (size_t i = 0; i < vs->count; i++) {
		folio_cli_print_verdict_text(fp, &vs->items[i]);
		bad += folio_diags_count(&vs->items[i].diags, FOLIO_SEVERITY_ERROR) > 0;
	}
	folio_buf_puts(&b, "checked ");
	if (vs->count == 1 && !vs->items[0].id)
		folio_buf_printf(&b, "the %s", vs->items[0].subject);
	else
		put_count(&b, vs->count, "commit");
	folio_buf_puts(&b, ": ");
	put_count(&b, folio_verdicts_count(vs, FOLIO_SEVERITY_ERROR), "error");
	folio_buf_puts(&b, ", ");
	put_count(&b, folio_verdicts_count(vs, FOLIO_SEVERITY_WARNING), "warning");
	if (vs->count > 1 && bad)
		folio_buf_printf(&b, " (%zu of %zu commits with errors)", bad, vs->count);
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
	char **files = xrealloc(NULL, (v->nfiles + v->diags.count + 1) * sizeof(*files));
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
		folio_cli_format_finding(&text, v, i);
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

void folio_cli_print_verdicts(FILE *fp, const folio_verdicts *vs, folio_format fmt)
{
	switch (fmt) {
	case FOLIO_FORMAT_TEXT: print_text(fp, vs); break;
	case FOLIO_FORMAT_JSON: print_json(fp, vs); break;
	case FOLIO_FORMAT_JUNIT: print_junit(fp, vs); break;
	case FOLIO_FORMAT_GITHUB: print_github(fp, vs); break;
	}
}

/* ---- the command ---- */

typedef struct {
	const char *repo;
	folio_verdicts *vs;
} range_walk;

static int check_each(const folio_commit_info *c, void *payload)
{
	range_walk *w = payload;
	return folio_cli_check_commit(w->vs, w->repo, c->id, c->subject);
}

static int write_notes(const char *repo, const folio_verdicts *vs)
{
	folio_buf text = FOLIO_BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < vs->count && !rc; i++) {
		const folio_verdict *v = &vs->items[i];
		if (!v->id)
			continue;
		folio_buf_clear(&text);
		folio_cli_verdict_line(&text, v);
		folio_buf_putc(&text, '\n');
		for (size_t j = 0; j < v->diags.count; j++)
			folio_diag_format_text(&text, &v->diags.items[j]);
		rc = folio_history_note_set(repo, NOTES_REF, v->id, text.ptr);
	}
	folio_buf_dispose(&text);
	return rc;
}

/* $XDG_CACHE_HOME/folio/links.sqlite or ~/.cache/folio/..., its directory
 * created; NULL (no cache) when neither is known. Caller frees. */
static char *default_cache_path(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[4096];
	if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/folio", xdg);
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.cache/folio", home);
	else
		return NULL;
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0755);
			*p = '/';
		}
	mkdir(dir, 0755);
	size_t n = strlen(dir) + sizeof("/links.sqlite");
	char *path = xrealloc(NULL, n);
	snprintf(path, n, "%s/links.sqlite", dir);
	return path;
}

static int parse_format(folio_format *out, const char *s)
{
	static const char *const names[] = { "text", "json", "junit", "github" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i])) {
			*out = (folio_format)i;
			return 0;
		}
	fprintf(stderr, "folio check: unknown format '%s'; use text, json, junit or github\n", s);
	return -1;
}

static int check_target(folio_verdicts *vs, folio_history_gaps *gaps, const char *repo,
                        const char *rev, const char *worktree, bool staged)
{
	folio_source *src = NULL;
	int rc;
	if (worktree) {
		if ((rc = folio_source_open_dir(&src, worktree)) == 0)
			rc = folio_cli_check_source(vs, src, NULL, "worktree");
		folio_source_free(src);
		return rc;
	}
	if (staged) {
		char id[41];
		if ((rc = folio_history_index_commit(id, repo)) < 0)
			return rc;
		if ((rc = folio_cli_check_commit(vs, repo, id, "index")) == 0) {
			/* the commit only carries the index: it is not a verdict on history */
			free(vs->items[vs->count - 1].id);
			vs->items[vs->count - 1].id = NULL;
		}
		return rc;
	}
	range_walk w = { repo, vs };
	return folio_history_rev_list_gaps(gaps, repo, rev, false, check_each, &w);
}

/* What a shallow clone could not give, said on stderr (and as a workflow
 * warning with --format github): the commits it holds were checked. */
static void report_gaps(const folio_history_gaps *gaps, const folio_verdicts *vs, folio_format fmt)
{
	folio_buf b = FOLIO_BUF_INIT;
	if (gaps->from_missing)
		folio_buf_printf(&b, "this clone is shallow and lacks '%s': checked the %zu commit%s it holds",
		                 gaps->from_missing, vs->count, vs->count == 1 ? "" : "s");
	else if (gaps->boundary)
		folio_buf_printf(&b, "this clone is shallow: the range goes on past %.12s, whose parents it lacks; "
		                 "checked the %zu commit%s it holds",
		                 gaps->first_boundary, vs->count, vs->count == 1 ? "" : "s");
	if (b.size) {
		folio_buf_puts(&b, "; git fetch --deepen=N or --unshallow checks the rest");
		fprintf(stderr, "folio check: warning: %s\n", b.ptr);
		if (fmt == FOLIO_FORMAT_GITHUB)
			printf("::warning title=folio check: shallow clone::%s\n", b.ptr);
	}
	folio_buf_dispose(&b);
}

int cmd_check(int argc, char **argv)
{
	const char *repo = ".", *worktree = NULL, *format = "text", *cache = NULL, *state = NULL;
	bool staged = false, notes = false, external = false, strict = false;
	int ttl = 86400;
	folio_limits limits;
	folio_limits_init(&limits);
	const folio_opt opts[] = {
		{ "repo", FOLIO_OPT_STRING, &repo, "PATH", "Git repository of the site (default: .)" },
		{ "worktree", FOLIO_OPT_STRING, &worktree, "DIR", "check a plain directory instead of commits" },
		{ "staged", FOLIO_OPT_FLAG, &staged, NULL, "check the index (what the next commit holds)" },
		{ "format", FOLIO_OPT_STRING, &format, "FORMAT", "text, json, junit or github (default: text)" },
		{ "notes", FOLIO_OPT_FLAG, &notes, NULL, "store each verdict as a note under " NOTES_REF },
		{ "strict-history", FOLIO_OPT_FLAG, &strict, NULL,
		  "every commit of A..B counts: exit 1 when any has errors, not only B" },
		{ "external", FOLIO_OPT_FLAG, &external, NULL, "check external links over HTTP (warnings)" },
		{ "external-cache", FOLIO_OPT_STRING, &cache, "FILE",
		  "SQLite cache of answers (default: ~/.cache/folio/links.sqlite)" },
		{ "external-ttl", FOLIO_OPT_INT, &ttl, "SECONDS", "how long a cached answer holds (default: 86400)" },
		{ "state", FOLIO_OPT_STRING, &state, "DIR",
		  "a folio watch state: commits that change only page bodies of its published commit are judged from it" },
		{ "limit", FOLIO_OPT_LIMIT, &limits, "NAME=VALUE",
		  "set a budget (repeatable; docs/security.md lists them); folio.yaml may only lower it" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	char *pos[1] = { NULL };
	int npos = 0;
	folio_format fmt = FOLIO_FORMAT_TEXT;
	int rc = folio_opts_parse("check", synopsis, description, opts, argc, argv, pos, 1, &npos);
	if (rc)
		return rc > 0 ? FOLIO_EXIT_OK : FOLIO_EXIT_USAGE;
	if (parse_format(&fmt, format) < 0)
		return FOLIO_EXIT_USAGE;
	if ((worktree != NULL) + staged + (npos > 0) > 1) {
		fprintf(stderr, "folio check: give one of REV, A..B, --worktree or --staged\n");
		return FOLIO_EXIT_USAGE;
	}
	if (notes && (worktree || staged)) {
		fprintf(stderr, "folio check: --notes needs commits, not --worktree or --staged\n");
		return FOLIO_EXIT_USAGE;
	}

	folio_linkcheck_options lo = FOLIO_LINKCHECK_OPTIONS_INIT;
	char *default_cache = NULL;
	if (external) {
		lo.cache_path = cache ? cache : (default_cache = default_cache_path());
		lo.ttl_seconds = ttl;
		linkcheck = &lo;
	}
	folio_verdicts vs = { 0 };
	folio_history_gaps gaps = { 0 };
	folio_cli_check_set_state(state);
	folio_cli_check_set_limits(&limits);
	rc = check_target(&vs, &gaps, repo, npos ? pos[0] : "HEAD", worktree, staged);
	if (rc == 0 && notes)
		rc = write_notes(repo, &vs);
	folio_cli_judge_by_tip(&vs, strict); /* after the notes: they keep each commit's own verdict */
	int exit_code = FOLIO_EXIT_OK;
	if (rc < 0) {
		fprintf(stderr, "folio check: %s\n", folio_error_last());
		exit_code = FOLIO_EXIT_USAGE;
	} else {
		folio_cli_print_verdicts(stdout, &vs, fmt);
		report_gaps(&gaps, &vs, fmt);
		if (folio_verdicts_count(&vs, FOLIO_SEVERITY_ERROR))
			exit_code = FOLIO_EXIT_CONTENT;
	}
	folio_cli_check_set_limits(NULL);
	folio_verdicts_dispose(&vs);
	folio_history_gaps_dispose(&gaps);
	free(default_cache);
	linkcheck = NULL;
	fast_state = NULL;
	return exit_code;
}
