/*
 * What folio.yaml's rules: and ignore: do to findings (docs/rules.md): the
 * one place they are applied, called where findings are made into a
 * verdict (folio_validate_site(), folio_validate_pages() and, for what
 * comes after them, folio_verdicts_check_source()), so that folio check,
 * the hooks, the daemon, folio build and the fast path agree.
 */
#include <stdlib.h>
#include <string.h>

#include "folio/validate.h"
#include "util/alloc.h"
#include "util/glob.h"
#include "util/search.h"
#include "util/banned.h"

/* patterns: the nliteral paths written whole first, sorted (config_rules.c) */
static bool any_match(char *const *patterns, size_t n, size_t nliteral, const char *path)
{
	if (folio_search(patterns, nliteral, sizeof(*patterns), path, folio_search_cmp_str))
		return true;
	for (size_t i = nliteral; i < n; i++)
		if (folio_glob_match(patterns[i], path))
			return true;
	return false;
}

static const folio_rule_setting *setting_of(const folio_config *cfg, folio_rule rule)
{
	for (size_t i = 0; i < cfg->nrules; i++)
		if (cfg->rules[i].rule == rule)
			return &cfg->rules[i];
	return NULL;
}

/* What the patterns said of one path, so that a page's findings (one path,
 * up to 100 a rule and more to count) match it once: matched against every
 * pattern for each finding, 20,000 findings under a long pattern took more
 * than 100 s of CPU. */
typedef struct {
	char *path;                            /* owned: the last finding's */
	signed char ignored;                   /* -1: not yet matched */
	signed char in_paths[FOLIO_RULE__COUNT]; /* a rule's paths:, -1: not yet */
} path_memo;

static void memo_for(path_memo *m, const char *path)
{
	if (m->path && !strcmp(m->path, path))
		return;
	free(m->path);
	m->path = folio_xstrdup(path);
	m->ignored = -1;
	memset(m->in_paths, -1, sizeof(m->in_paths));
}

/* Whether d stays, with its severity set as the settings say. */
static bool settle(const folio_config *cfg, folio_diag *d, path_memo *m)
{
	/* the parser refuses settings of locked rules; ignore: does not reach them either */
	if (folio_rule_locked(d->rule))
		return true;
	const char *path = d->path ? d->path : "";
	memo_for(m, path);
	if (m->ignored < 0)
		m->ignored = any_match(cfg->ignore, cfg->nignore, cfg->nignore_literal, path);
	if (m->ignored)
		return false;
	const folio_rule_setting *r = setting_of(cfg, d->rule);
	if (r && r->paths && (int)d->rule >= 0 && d->rule < FOLIO_RULE__COUNT) {
		if (m->in_paths[d->rule] < 0)
			m->in_paths[d->rule] = any_match(r->paths, r->npaths, r->nliteral, path);
		if (!m->in_paths[d->rule])
			return true;
	} else if (!r || (r->paths && !any_match(r->paths, r->npaths, r->nliteral, path))) {
		return true;
	}
	if (r->off)
		return false;
	d->severity = r->severity;
	return true;
}

void folio_validate_apply_rules(const folio_config *cfg, folio_diags *diags, size_t from)
{
	if (!cfg || (!cfg->nrules && !cfg->nignore))
		return;
	size_t kept = from;
	path_memo m = { .path = NULL };
	for (size_t i = from; i < diags->count; i++) {
		folio_diag *d = &diags->items[i];
		if (!settle(cfg, d, &m)) {
			free(d->path);
			free(d->message);
			free(d->hint);
			continue;
		}
		diags->items[kept++] = *d;
	}
	diags->count = kept;
	free(m.path);
}
