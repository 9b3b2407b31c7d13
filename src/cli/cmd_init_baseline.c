/*
 * folio init --from ... --baseline: the errors a migrated site already has
 * (its generator published those pages anyway) become warnings on those
 * pages only, written as per-path rule settings at the end of folio.yaml
 * (docs/rules.md, "Changing a rule for a site"). The site then builds as it
 * did, every defect is still reported on each check, and a new page, or a
 * rule not listed, is held to the rules in full. Locked rules (paths,
 * sizes, scripts) cannot be set, and one such page refused the whole site
 * (a lab's blog of 70 posts for one <form>), so a page a locked rule
 * refuses is left out instead (exclude:, with the rule and line in a
 * comment), said, and the site builds without it until it is fixed. Of
 * two pages with one address (output/clash) the generator published one:
 * the page the finding names is left out likewise (an Osuny lab's site
 * since one commit, refused whole). The site is checked again after, as
 * links to a page left out are then broken: those are baselined too.
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

/* The pages left out (exclude:), each with the finding that names why. */
typedef struct {
	char *path;
	folio_rule rule;
	unsigned line;
} left_page;

typedef struct {
	left_page *items;
	size_t n, alloc;
} left_set;

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

static void set_dispose(page_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->paths[i]);
	free(s->paths);
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

/* A page no setting can make build: another output stands at its address
 * (output/clash names the second, the one the generator did not
 * publish), or a locked rule refuses it (a <script>, a size past the
 * server's budget). */
static bool left_out_page(const folio_verdict *v, const folio_diag *g)
{
	return g->severity == FOLIO_SEVERITY_ERROR && folio_rule_locked(g->rule) && g->path && is_page(v, g->path);
}

/* v's pages to leave out, appended to out: a page's first such finding
 * names why (v's findings are sorted by path). A page left out before is
 * no page of a later check (exclude:), so none comes twice. */
static void add_left_out(left_set *out, const folio_verdict *v, size_t from)
{
	for (size_t i = 0; i < v->diags.count; i++) {
		const folio_diag *g = &v->diags.items[i];
		if (!left_out_page(v, g) || (out->n > from && !strcmp(out->items[out->n - 1].path, g->path)))
			continue;
		FOLIO_ARRAY_GROW(out->items, out->n, out->alloc, out->n + 1);
		out->items[out->n++] = (left_page){ folio_xstrdup(g->path), g->rule, g->line };
	}
}

static void left_dispose(left_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->items[i].path);
	free(s->items);
}

/* Pages with an error of a locked rule still there after the last check
 * (counted once each: findings sorted by path): none, unless leaving
 * pages out made others refused three checks in a row. */
static size_t count_locked(const folio_verdict *v)
{
	size_t n = 0;
	const char *last = NULL;
	for (size_t i = 0; i < v->diags.count; i++) {
		const folio_diag *g = &v->diags.items[i];
		if (!left_out_page(v, g))
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

/* out's pages from the from-th added to folio.yaml's exclude: (init
 * writes it as a block list at the start of a line), or an exclude: of
 * them appended. */
static int exclude_pages(const char *dir, const left_set *out, size_t from)
{
	char *path = folio_xasprintf("%s/folio.yaml", dir);
	folio_buf text = FOLIO_BUF_INIT, items = FOLIO_BUF_INIT, next = FOLIO_BUF_INIT;
	int rc = folio_fs_read(&text, path);
	for (size_t i = from; i < out->n; i++) {
		const left_page *l = &out->items[i];
		folio_buf_puts(&items, "  - ");
		folio_yaml_put_string(&items, l->path);
		if (l->rule == FOLIO_RULE_OUTPUT_CLASH)
			folio_buf_puts(&items, " # folio init --baseline: another page has its address\n");
		else
			folio_buf_printf(&items, " # folio init --baseline: refused by %s at line %u, a locked rule: "
			                 "fix it, then remove this line\n", folio_rule_name(l->rule), l->line);
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
	for (size_t i = from; rc == 0 && i < out->n; i++)
		if (out->items[i].rule == FOLIO_RULE_OUTPUT_CLASH)
			printf(_("baseline: %s has the address of another page, which the generator published in its "
			         "place: left out (exclude:)\n"), out->items[i].path);
		else
			printf(_("baseline: %s is refused by %s at line %u, a locked rule no setting lowers: left out "
			         "(exclude:) until it is fixed\n"), out->items[i].path,
			       folio_rule_name(out->items[i].rule), out->items[i].line);
	folio_buf_dispose(&text);
	folio_buf_dispose(&items);
	folio_buf_dispose(&next);
	free(path);
	return rc;
}

/* The site in dir checked as its worktree is, into vs (its last verdict's
 * findings sorted by path); site_dir set once, to where folio.yaml is
 * (Jekyll's source: the folder the top names). */
static int check_site(const char *dir, folio_verdicts *vs, char **site_dir)
{
	folio_source *src = NULL;
	folio_check_options o = FOLIO_CHECK_OPTIONS_INIT;
	int rc = folio_site_open_dir(&src, dir);
	if (!*site_dir)
		*site_dir = src && *folio_source_root(src) ? folio_xasprintf("%s/%s", dir, folio_source_root(src))
		                                           : folio_xstrdup(dir);
	if (rc == 0)
		rc = folio_verdicts_check_source(vs, src, NULL, "worktree", &o);
	folio_source_free(src);
	if (rc < 0 || !vs->count) {
		fprintf(stderr, _("folio init: cannot check %s for --baseline: %s\n"), dir, folio_error_last());
		return -1;
	}
	folio_diags_sort(&vs->items[vs->count - 1].diags);
	return 0;
}

/* The pages no setting makes build, left out until a check finds none
 * more (links to a page left out are broken, not locked: one more check
 * in practice; three at most); vs holds the last check. */
static int leave_out(const char *dir, folio_verdicts *vs, char **site_dir, left_set *out)
{
	int rc = check_site(dir, vs, site_dir);
	for (int round = 0; rc == 0 && round < 3; round++) {
		size_t before = out->n;
		add_left_out(out, &vs->items[vs->count - 1], before);
		if (out->n == before)
			break;
		rc = exclude_pages(*site_dir, out, before);
		folio_verdicts_dispose(vs);
		*vs = (folio_verdicts){ 0 };
		if (rc == 0)
			rc = check_site(dir, vs, site_dir);
	}
	return rc;
}

int folio_cli_init_baseline(const char *dir)
{
	folio_verdicts vs = { 0 };
	char *site_dir = NULL;
	page_set sets[FOLIO_RULE__COUNT] = { 0 };
	left_set out = { 0 };
	int rc = leave_out(dir, &vs, &site_dir, &out);
	const folio_verdict *v = rc == 0 ? &vs.items[vs.count - 1] : NULL;
	for (size_t i = 0; v && i < v->diags.count; i++) {
		const folio_diag *g = &v->diags.items[i];
		/* a page's own defects only: folio.yaml, schemas and templates are
		 * the migration's, and a locked rule cannot be set */
		if (g->severity == FOLIO_SEVERITY_ERROR && g->path && !folio_rule_locked(g->rule) &&
		    is_page(v, g->path))
			add_path(&sets[g->rule], g->path);
	}
	char *block = v ? rules_block(sets) : NULL;
	if (rc == 0 && block)
		rc = append_to_config(site_dir, block);
	if (rc == 0)
		say_counts(sets, count_locked(v), count_others(v), out.n);
	free(block);
	left_dispose(&out);
	for (int r = 0; r < FOLIO_RULE__COUNT; r++)
		set_dispose(&sets[r]);
	folio_verdicts_dispose(&vs);
	free(site_dir);
	return rc < 0 ? -1 : rc;
}
