/*
 * folio init --from ... --baseline: the errors a migrated site already has
 * (its generator published those pages anyway) become warnings on those
 * pages only, written as per-path rule settings at the end of folio.yaml
 * (docs/rules.md, "Changing a rule for a site"). The site then builds as it
 * did, every defect is still reported on each check, and a new page, or a
 * rule not listed, is held to the rules in full. Locked rules (paths,
 * sizes, scripts) cannot be set, so their pages stay refused; but for
 * output/clash: of two pages with one address the generator published
 * one, so the page the finding names is left out (exclude:), said, and
 * the site builds (an Osuny lab's site since one commit, refused whole).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_init_baseline.h"
#include "folio/folio.h"
#include "folio/yaml.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

/* The pages of one rule, in path order without repeats. */
typedef struct {
	char **paths;
	size_t n, alloc;
} page_set;

static int cmp_path(const void *key, const void *item)
{
	return strcmp(key, *(char *const *)item);
}

/* v->files is in path order (folio/verdict.h). */
static bool is_page(const folio_verdict *v, const char *path)
{
	return v->nfiles && bsearch(path, v->files, v->nfiles, sizeof(*v->files), cmp_path);
}

static void add_path(page_set *s, const char *path)
{
	if (s->n && !strcmp(s->paths[s->n - 1], path))
		return; /* findings are sorted by path */
	FOLIO_ARRAY_GROW(s->paths, s->n, s->alloc, s->n + 1);
	s->paths[s->n++] = folio_xstrdup(path);
}

/* The rules: block for sets[] (one per rule), NULL when no rule has a page. */
static char *rules_block(page_set *sets)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (int r = 0; r < FOLIO_RULE__COUNT; r++) {
		if (!sets[r].n)
			continue;
		if (!b.size)
			folio_buf_puts(&b, "\n# Written by folio init --baseline: errors the site already had when it\n"
			                   "# was migrated are warnings on these pages only. Each is still reported;\n"
			                   "# remove a page once it is fixed, and the rule holds there again.\n"
			                   "rules:\n");
		folio_buf_printf(&b, "  %s:\n    severity: warning\n    paths:\n", folio_rule_name((folio_rule)r));
		for (size_t i = 0; i < sets[r].n; i++) {
			folio_buf_puts(&b, "      - ");
			folio_yaml_put_string(&b, sets[r].paths[i]); /* one pattern, blanks and all */
			folio_buf_putc(&b, '\n');
		}
	}
	return b.size ? folio_buf_detach(&b, NULL) : (folio_buf_dispose(&b), NULL);
}

/* One line per rule, then the pages that stay refused and the errors
 * no baseline covers (folio.yaml's, a schema's, a template's). */
static void say_counts(const page_set *sets, size_t locked, size_t others, size_t excluded)
{
	size_t pages = 0;
	for (int r = 0; r < FOLIO_RULE__COUNT; r++)
		pages += sets[r].n;
	if (!pages && !locked && !others) {
		if (!excluded) /* else each was said */
			printf(_("baseline: the site has no error, nothing written\n"));
		return;
	}
	if (others)
		printf(_("baseline: %zu error%s outside the pages (folio.yaml, schemas, templates) stay errors: "
		         "folio check names them\n"), others, folio_i18n_singular(folio_i18n_cli_language(), others) ? "" : "s");
	const char *lang = folio_i18n_cli_language();
	for (int r = 0; r < FOLIO_RULE__COUNT; r++)
		if (sets[r].n)
			printf(_("baseline: %s is a warning on %zu page%s, the errors of today\n"),
			       folio_rule_name((folio_rule)r), sets[r].n,
			       folio_i18n_singular(lang, sets[r].n) ? "" : "s");
	if (locked)
		printf(_("baseline: still refused by a locked rule: %zu page%s (docs/rules.md)\n"), locked,
		       folio_i18n_singular(lang, locked) ? "" : "s");
}

/* A page another output stands at (output/clash names the second): the
 * one the generator did not publish. */
static bool clashing_page(const folio_verdict *v, const folio_diag *g)
{
	return g->severity == FOLIO_SEVERITY_ERROR && g->rule == FOLIO_RULE_OUTPUT_CLASH && g->path &&
	       is_page(v, g->path);
}

/* Pages with an error of a locked rule, counted once each (findings
 * sorted by path); the clashing ones are left out instead. */
static size_t count_locked(const folio_verdict *v, const page_set *out)
{
	size_t n = 0;
	const char *last = NULL;
	for (size_t i = 0; i < v->diags.count; i++) {
		const folio_diag *g = &v->diags.items[i];
		if (g->severity != FOLIO_SEVERITY_ERROR || !folio_rule_locked(g->rule) || !g->path ||
		    !is_page(v, g->path) ||
		    (out->n && bsearch(g->path, out->paths, out->n, sizeof(*out->paths), cmp_path)))
			continue;
		if (!last || strcmp(last, g->path))
			n++;
		last = g->path;
	}
	return n;
}

/* Errors of no page: the migration's own files, which --baseline leaves
 * to be mended. */
static size_t count_others(const folio_verdict *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->diags.count; i++) {
		const folio_diag *g = &v->diags.items[i];
		n += g->severity == FOLIO_SEVERITY_ERROR && (!g->path || !is_page(v, g->path));
	}
	return n;
}

/* Whether the rules: key at key (a line start) is the last key of text:
 * nothing but indented lines, comments and blank lines after it. */
static bool rules_last(const char *key)
{
	for (const char *l = strchr(key, '\n'); l && l[1]; l = strchr(l + 1, '\n'))
		if (l[1] != ' ' && l[1] != '#' && l[1] != '\n')
			return false;
	return true;
}

/* block's entries below the rules: key written last (init writes its
 * own there: html/raw on a Hugo site without unsafe), its comment too */
static void append_entries(folio_buf *text, const char *block)
{
	const char *key = strstr(block, "\nrules:\n");
	if (text->size && text->ptr[text->size - 1] != '\n')
		folio_buf_putc(text, '\n');
	for (const char *l = block; key && l < key + 1;) {
		const char *nl = strchr(l, '\n');
		if (nl > l)
			folio_buf_printf(text, "  %.*s\n", (int)(nl - l), l);
		l = nl + 1;
	}
	folio_buf_puts(text, key ? key + strlen("\nrules:\n") : block);
}

static int append_to_config(const char *dir, const char *block)
{
	char *path = folio_xasprintf("%s/folio.yaml", dir);
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_fs_read(&text, path);
	const char *key = rc == 0 ? (!strncmp(text.ptr, "rules:", 6) ? text.ptr : strstr(text.ptr, "\nrules:"))
	                          : NULL;
	if (key && *key == '\n')
		key++;
	bool has_rules = key && !rules_last(key);
	if (rc == 0 && !has_rules) {
		if (key)
			append_entries(&text, block);
		else
			folio_buf_puts(&text, block);
		rc = folio_fs_write_atomic(path, text.ptr, text.size, false);
	}
	if (has_rules) /* a second rules: key would make folio.yaml unreadable */
		fprintf(stderr, _("folio init: %s has a rules: key already: --baseline writes none\n"), path);
	else if (rc < 0)
		fprintf(stderr, _("folio init: cannot write %s: %s\n"), path, folio_error_last());
	folio_buf_dispose(&text);
	free(path);
	return has_rules ? -1 : rc;
}

/* out's pages added to folio.yaml's exclude: (init writes it as a block
 * list at the start of a line), or an exclude: of them appended. */
static int exclude_pages(const char *dir, const page_set *out)
{
	char *path = folio_xasprintf("%s/folio.yaml", dir);
	folio_buf text = FOLIO_BUF_INIT, items = FOLIO_BUF_INIT, next = FOLIO_BUF_INIT;
	int rc = folio_fs_read(&text, path);
	for (size_t i = 0; i < out->n; i++) {
		folio_buf_puts(&items, "  - ");
		folio_yaml_put_string(&items, out->paths[i]);
		folio_buf_puts(&items, " # folio init --baseline: another page has its address\n");
	}
	const char *key = rc < 0 ? NULL : !strncmp(text.ptr, "exclude:\n", 9) ? text.ptr : strstr(text.ptr, "\nexclude:\n");
	if (rc == 0 && key) {
		size_t at = (size_t)(key - text.ptr) + (*key == '\n') + strlen("exclude:\n");
		folio_buf_put(&next, text.ptr, at);
		folio_buf_put(&next, items.ptr, items.size);
		folio_buf_put(&next, text.ptr + at, text.size - at);
	} else if (rc == 0) { /* before rules:, which the rules block wants last */
		const char *rules = !strncmp(text.ptr, "rules:", 6) ? text.ptr : strstr(text.ptr, "\nrules:");
		size_t at = rules ? (size_t)(rules - text.ptr) + (*rules == '\n') : text.size;
		folio_buf_put(&next, text.ptr, at);
		if (next.size && next.ptr[next.size - 1] != '\n')
			folio_buf_putc(&next, '\n');
		folio_buf_puts(&next, "exclude:\n");
		folio_buf_put(&next, items.ptr, items.size);
		folio_buf_put(&next, text.ptr + at, text.size - at);
	}
	if (rc == 0)
		rc = folio_fs_write_atomic(path, next.ptr, next.size, false);
	if (rc < 0)
		fprintf(stderr, _("folio init: cannot write %s: %s\n"), path, folio_error_last());
	for (size_t i = 0; rc == 0 && i < out->n; i++)
		printf(_("baseline: %s has the address of another page, which the generator published in its "
		         "place: left out (exclude:)\n"), out->paths[i]);
	folio_buf_dispose(&text);
	folio_buf_dispose(&items);
	folio_buf_dispose(&next);
	free(path);
	return rc;
}

int folio_cli_init_baseline(const char *dir)
{
	folio_source *src = NULL;
	folio_verdicts vs = { 0 };
	folio_check_options o = FOLIO_CHECK_OPTIONS_INIT;
	int rc = folio_site_open_dir(&src, dir); /* Jekyll's source: the folder the top names */
	char *site_dir = src && *folio_source_root(src) ? folio_xasprintf("%s/%s", dir, folio_source_root(src))
	                                                : folio_xstrdup(dir);
	if (rc == 0)
		rc = folio_verdicts_check_source(&vs, src, NULL, "worktree", &o);
	folio_source_free(src);
	if (rc < 0 || !vs.count) {
		fprintf(stderr, _("folio init: cannot check %s for --baseline: %s\n"), dir, folio_error_last());
		folio_verdicts_dispose(&vs);
		free(site_dir);
		return -1;
	}
	folio_verdict *v = &vs.items[vs.count - 1];
	folio_diags_sort(&v->diags);
	page_set sets[FOLIO_RULE__COUNT] = { 0 }, out = { 0 };
	for (size_t i = 0; i < v->diags.count; i++) {
		const folio_diag *g = &v->diags.items[i];
		if (clashing_page(v, g))
			add_path(&out, g->path);
		/* a page's own defects only: folio.yaml, schemas and templates are
		 * the migration's, and a locked rule cannot be set */
		if (g->severity == FOLIO_SEVERITY_ERROR && g->path && !folio_rule_locked(g->rule) &&
		    is_page(v, g->path))
			add_path(&sets[g->rule], g->path);
	}
	char *block = rules_block(sets);
	rc = out.n ? exclude_pages(site_dir, &out) : 0;
	if (rc == 0 && block)
		rc = append_to_config(site_dir, block);
	if (rc == 0)
		say_counts(sets, count_locked(v, &out), count_others(v), out.n);
	free(block);
	for (size_t i = 0; i < out.n; i++)
		free(out.paths[i]);
	free(out.paths);
	for (int r = 0; r < FOLIO_RULE__COUNT; r++) {
		for (size_t i = 0; i < sets[r].n; i++)
			free(sets[r].paths[i]);
		free(sets[r].paths);
	}
	folio_verdicts_dispose(&vs);
	free(site_dir);
	return rc;
}
