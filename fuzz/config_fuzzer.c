/* folio.yaml bytes through folio_config_parse; a returned config must be usable. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/config.h"
#include "util/glob.h"

/* A returned config's rules: and ignore: hold only what may be set. */
static void check_rule_settings(const folio_config *cfg)
{
	for (size_t i = 0; i < cfg->nrules; i++) {
		const folio_rule_setting *r = &cfg->rules[i];
		if (r->rule >= FOLIO_RULE__COUNT || folio_rule_locked(r->rule))
			abort();
		for (size_t j = 0; j < r->npaths; j++)
			if (folio_glob_check(r->paths[j]))
				abort();
			else
				(void)folio_glob_match(r->paths[j], "archives/2019/a.md");
	}
	for (size_t i = 0; i < cfg->nignore; i++)
		if (folio_glob_check(cfg->ignore[i]))
			abort();
		else
			(void)folio_glob_match(cfg->ignore[i], "archives/2019/a.md");
}

/* A returned config's feeds: each at a plain address of the site, of dated
 * collections, its size within bounds. */
static void check_feeds(const folio_config *cfg)
{
	if (cfg->nfeeds > FOLIO_SITE_FEEDS_MAX)
		abort();
	for (size_t i = 0; i < cfg->nfeeds; i++) {
		const folio_site_feed *f = &cfg->feeds[i];
		if (!folio_config_feed_url_valid(f->url) || !f->ncollections || f->size < 1 || f->size > 10000)
			abort();
		for (size_t k = 0; k < f->ncollections; k++)
			if (f->collections[k] >= cfg->ncollections || !cfg->collections[f->collections[k]].date_field)
				abort();
		for (size_t j = 0; j < i; j++)
			if (!strcmp(cfg->feeds[j].url, f->url))
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	folio_diags diags;
	folio_diags_init(&diags);
	folio_config *cfg = NULL;
	folio_config_parse(&cfg, (const char *)data, size, "folio.yaml", &diags);
	if (cfg) {
		if (diags.count || !cfg->ncollections || !cfg->title || !cfg->base_url)
			abort();
		check_rule_settings(cfg);
		check_feeds(cfg);
		for (size_t i = 0; i < cfg->ncollections; i++) {
			const folio_collection *c = &cfg->collections[i];
			if (folio_config_collection(cfg, c->name) != c)
				abort();
			char path[512];
			snprintf(path, sizeof(path), "%s/x.md", c->folder);
			if (strlen(c->folder) < 500 && folio_config_collection_for_path(cfg, path) != c)
				abort();
		}
	} else if (!diags.count) {
		abort();
	}
	folio_config_free(cfg);
	folio_diags_dispose(&diags);
	return 0;
}
