/*
 * folio.yaml's rules: and ignore: (docs/rules.md, "Changing a rule for a
 * site"): a rule's severity, the paths it applies to, and the paths whose
 * findings are dropped. A locked rule cannot be set.
 */
#include "model/config_check.h"

#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "folio/path.h"
#include "util/alloc.h"
#include "util/glob.h"
#include "util/dates.h"
#include "util/text.h"
#include "util/banned.h"

/* A path written whole: a binary search finds it, no glob matching. */
static bool literal(const char *s)
{
	size_t n = strlen(s);
	return !strpbrk(s, "*?") && n && s[n - 1] != '/';
}

static int cmp_literal_first(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	bool lx = literal(x), ly = literal(y);
	return lx != ly ? (lx ? -1 : 1) : lx ? strcmp(x, y) : 0;
}

/* A non-empty list of path patterns at ptr (ignore:, a rule's paths:); the
 * usable ones are kept, the paths written whole first, sorted (*nliteral
 * of them), the others reported. */
static char **get_patterns(checker *c, json_t *list, const char *ptr, const char *what,
                           size_t *n, size_t *nliteral)
{
	*n = *nliteral = 0;
	if (!json_is_array(list) || !json_array_size(list)) {
		folio_config__problem(c, ptr, false, "write a list such as [archives/**, \"drafts/*.md\"]",
		        "\"%s\" must be a non-empty list of path patterns", what);
		return NULL;
	}
	/* each finding's path is matched against the patterns: a pusher's list
	 * of one 1 MB pattern made each of 20,000 findings cost 20 ms (200
	 * pages: more than 100 s of CPU to check); a path is at most
	 * FOLIO_PATH_MAX bytes. Paths written whole are looked up, any number
	 * (init --baseline writes one per page: root.cern's 359) */
	size_t i, globs = 0;
	json_t *v;
	json_array_foreach(list, i, v)
		globs += json_is_string(v) && !literal(json_string_value(v));
	if (globs > FOLIO_CONFIG_MAX_PATTERNS) {
		folio_config__problem(c, ptr, false, "match more paths with each pattern (archives/**)",
		        "\"%s\" must hold at most %d path patterns with '*', '?' or a final '/'", what,
		        FOLIO_CONFIG_MAX_PATTERNS);
		return NULL;
	}
	char **out = folio_xcalloc(json_array_size(list), sizeof(*out));
	json_array_foreach(list, i, v) {
		char *item = folio_config__pointer_index(ptr, i);
		const char *s = json_string_value(v);
		const char *why = s ? folio_glob_check(s) : NULL;
		if (!s || strlen(s) != json_string_length(v))
			folio_config__problem(c, item, false, "put the pattern in quotes",
			        "a path pattern of \"%s\" must be a string", what);
		else if (json_string_length(v) > FOLIO_PATH_MAX)
			folio_config__problem(c, item, false, "shorten it: a path of the site is at most 1024 bytes",
			        "a path pattern of \"%s\" must be at most %d bytes", what, FOLIO_PATH_MAX);
		else if (why)
			folio_config__problem(c, item, false, "write a path from the site root, such as archives/**",
			        "path pattern \"%s\" matches no path: %s", s, why);
		else
			out[(*n)++] = folio_xstrdup(s);
		free(item);
	}
	qsort(out, *n, sizeof(*out), cmp_literal_first); /* the patterns' order does not matter */
	while (*nliteral < *n && literal(out[*nliteral]))
		(*nliteral)++;
	return out;
}

/* "error", "warning" or "off" at ptr into r; false after a problem. */
static bool get_severity(checker *c, folio_rule_setting *r, json_t *v, const char *ptr)
{
	static const char *const names[] = { "error", "warning", "off", NULL };
	const char *s = json_string_value(v);
	if (s && !strcmp(s, "off")) {
		r->off = true;
		return true;
	}
	if (s && (!strcmp(s, "error") || !strcmp(s, "warning"))) {
		r->severity = !strcmp(s, "error") ? FOLIO_SEVERITY_ERROR : FOLIO_SEVERITY_WARNING;
		return true;
	}
	const char *best = s ? folio_closest(s, names) : NULL;
	char *hint = best ? folio_xasprintf("did you mean \"%s\"?", best)
	                  : folio_xstrdup("write error, warning or off");
	folio_config__problem(c, ptr, false, hint, "the severity of rule \"%s\" must be error, warning or off",
	        folio_rule_name(r->rule));
	free(hint);
	return false;
}

/* A rule id that is not one: say which it may be. */
static void unknown_rule(checker *c, const char *name, const char *ptr)
{
	const char *names[FOLIO_RULE__COUNT + 1];
	for (int i = 0; i < FOLIO_RULE__COUNT; i++)
		names[i] = folio_rule_name((folio_rule)i);
	names[FOLIO_RULE__COUNT] = NULL;
	const char *best = folio_closest(name, names);
	char *hint = best ? folio_xasprintf("did you mean \"%s\"? (docs/rules.md lists the rules)", best)
	                  : folio_xstrdup("the rules are listed in docs/rules.md");
	folio_config__problem(c, ptr, true, hint, "unknown rule \"%s\"", name);
	free(hint);
}

/* rules: <id>: error|warning|off, or {severity: ..., paths: [...]}. */
static void parse_rule(checker *c, folio_config *cfg, const char *name, json_t *v, const char *ptr)
{
	folio_rule rule = folio_rule_from_name(name);
	if (rule == FOLIO_RULE__COUNT) {
		unknown_rule(c, name, ptr);
		return;
	}
	if (folio_rule_locked(rule)) {
		/* a pusher writes folio.yaml: what guards the server stays as it is */
		folio_config__problem(c, ptr, true, "remove this line: the rule guards the server or the build "
		        "(docs/rules.md says which rules are locked)",
		        "rule \"%s\" cannot be changed in folio.yaml", name);
		return;
	}
	folio_rule_setting *r = &cfg->rules[cfg->nrules];
	memset(r, 0, sizeof(*r));
	r->rule = rule;
	bool ok;
	if (json_is_object(v)) {
		static const char *const keys[] = { "severity", "paths", NULL };
		folio_config__check_keys(c, v, ptr, keys);
		char *sev = folio_config__pointer_join(ptr, "severity");
		json_t *s = json_object_get(v, "severity");
		if (!s) {
			folio_config__problem(c, ptr, false, "write severity: error, warning or off",
			        "missing required setting \"severity\"");
			ok = false;
		} else {
			ok = get_severity(c, r, s, sev);
		}
		free(sev);
		json_t *paths = json_object_get(v, "paths");
		if (paths) {
			char *pp = folio_config__pointer_join(ptr, "paths");
			r->paths = get_patterns(c, paths, pp, "paths", &r->npaths, &r->nliteral);
			free(pp);
		}
	} else {
		ok = get_severity(c, r, v, ptr);
	}
	cfg->nrules++; /* kept even after a problem, so that it is freed */
	(void)ok;
}

void folio_config__parse_rules(checker *c, folio_config *cfg, json_t *root)
{
	json_t *obj = json_object_get(root, "rules");
	if (obj && !json_is_null(obj) && !json_is_object(obj)) {
		folio_config__problem(c, "/rules", false, "write \"rule/id: severity\" lines such as "
		        "\"link/external-dead: off\"", "\"rules\" must be a mapping");
		return;
	}
	if (obj && !json_is_null(obj)) {
		cfg->rules = folio_xcalloc(json_object_size(obj) + 1, sizeof(*cfg->rules));
		const char *key;
		json_t *v;
		json_object_foreach(obj, key, v) {
			char *ptr = folio_config__pointer_join("/rules", key);
			parse_rule(c, cfg, key, v, ptr);
			free(ptr);
		}
	}
	json_t *ignore = json_object_get(root, "ignore");
	if (ignore && !json_is_null(ignore))
		cfg->ignore = get_patterns(c, ignore, "/ignore", "ignore", &cfg->nignore, &cfg->nignore_literal);
}

