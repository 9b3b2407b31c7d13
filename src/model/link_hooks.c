/*
 * Link hooks: a destination a generator's render hook rewrote, declared in
 * folio.yaml (link_hooks.h says how).
 */
#include "model/link_hooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/slug.h"
#include "util/alloc.h"
#include "util/search.h"
#include "util/banned.h"

static bool under(const char *path, const char *folder)
{
	size_t n = strlen(folder);
	return !strncmp(path, folder, n) && path[n] == '/';
}

void folio_link_terms_note(folio_link_terms *t, const folio_config *cfg, const char *path)
{
	size_t n = strlen(path);
	if (n < 4 || strcmp(path + n - 3, ".md"))
		return;
	for (size_t i = 0; i < cfg->nlink_hooks; i++) {
		if (cfg->link_hooks[i].terms && under(path, cfg->link_hooks[i].terms)) {
			FOLIO_ARRAY_GROW(t->paths, t->count, t->alloc, t->count + 1);
			t->paths[t->count++] = folio_xstrdup(path);
			return;
		}
	}
}

void folio_link_terms_dispose(folio_link_terms *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->paths[i]);
	free(t->paths);
	memset(t, 0, sizeof(*t));
}

const folio_link_hook *folio_link_hook_find(const folio_config *cfg, const char *target)
{
	for (size_t i = 0; cfg && i < cfg->nlink_hooks; i++)
		if (!strcmp(cfg->link_hooks[i].target, target))
			return &cfg->link_hooks[i];
	return NULL;
}

static bool has_term(const folio_link_terms *t, const char *folder, const char *name)
{
	char *path = folio_xasprintf("%s/%s.md", folder, name);
	bool found = folio_search(t->paths, t->count, sizeof(*t->paths), path, folio_search_cmp_str) != NULL;
	free(path);
	return found;
}

/* English plurals, as Hugo's inflect.Singularize reads the common ones:
 * "taxonomies" -> "taxonomy", "branches" -> "branch", "pages" -> "page". */
static const struct {
	const char *suffix, *singular;
} plurals[] = { { "ies", "y" }, { "es", "" }, { "s", "" } };

char *folio_link_hook_url(const folio_link_hook *h, const folio_link_terms *t, const char *text,
                          bool *missing)
{
	*missing = false;
	/* a word the hook maps by hand ("chaining" -> "chain") */
	for (char **w = h->words; w && *w; w += 2) {
		if (!strcasecmp(w[0], text)) {
			text = w[1];
			break;
		}
	}
	char *term = folio_slug_make(text, strlen(text));
	if (!term)
		term = folio_xstrdup("");
	if (h->terms && t && t->complete && !has_term(t, h->terms, term)) {
		char *found = NULL;
		size_t n = strlen(term);
		for (size_t i = 0; i < sizeof(plurals) / sizeof(*plurals) && !found; i++) {
			size_t s = strlen(plurals[i].suffix);
			if (n <= s || strcmp(term + n - s, plurals[i].suffix))
				continue;
			char *cand = folio_xasprintf("%.*s%s", (int)(n - s), term, plurals[i].singular);
			if (has_term(t, h->terms, cand))
				found = cand;
			else
				free(cand);
		}
		if (found) {
			free(term);
			term = found;
		} else {
			*missing = true;
		}
	}
	const char *at = strstr(h->url, "{term}");
	char *url = folio_xasprintf("%.*s%s%s", (int)(at - h->url), h->url, term, at + 6);
	free(term);
	return url;
}

bool folio_link_hook_names_term(const folio_link_hook *h, const folio_link_terms *t,
                                const char *url, bool *missing)
{
	*missing = false;
	const char *at = strstr(h->url, "{term}");
	if (!h->terms || !at || !memchr(h->url, '#', (size_t)(at - h->url)))
		return false;
	size_t pre = (size_t)(at - h->url), post = strlen(at + 6), n = strlen(url);
	if (n <= pre + post || strncmp(url, h->url, pre) || strcmp(url + n - post, at + 6))
		return false;
	char *term = folio_xstrndup(url + pre, n - pre - post);
	bool named = !strpbrk(term, "/#?");
	if (named && t && t->complete)
		*missing = !has_term(t, h->terms, term);
	free(term);
	return named;
}
