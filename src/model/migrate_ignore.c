/*
 * Hugo's ignoreFiles: regular expressions of files Hugo does not read
 * (tidyverse.org ignores blogdown's intermediate index.knit.md, which
 * would otherwise be a second page beside index.markdown). Each content
 * file a pattern matches is left out of the site (exclude:) and counted.
 * Hugo matches the absolute path; init matches the path from the site's
 * folder with a leading '/' ("/content/blog/x/index.knit.md"), which the
 * patterns sites write (a name's ending, a folder) read alike. Hugo's own
 * rule, a name ending in '~' or starting with '#', is applied here too.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/banned.h"

void folio_migrate__compile_ignore(migration *m, const json_t *list)
{
	size_t n = json_is_array(list) ? json_array_size(list) : 0;
	m->ignore = folio_xcalloc(n + 1, sizeof(*m->ignore));
	for (size_t i = 0; i < n; i++) {
		const char *p = json_string_value(json_array_get(list, i));
		int err;
		PCRE2_SIZE at;
		pcre2_code *re = p ? pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C,
		                                   &err, &at, NULL)
		                   : NULL;
		if (re)
			m->ignore[m->nignore++] = re;
		else
			folio_buf_printf(m->notes, "ignoreFiles: \"%s\" is not read as a regular expression: its files "
			                 "are read\n", p ? p : "");
	}
}

bool folio_migrate__hugo_ignored(migration *m, const char *rel)
{
	if (m->from != FOLIO_FROM_HUGO)
		return false;
	/* Hugo's own rule whatever ignoreFiles says (its SourceSpec.IgnoreFile):
	 * an editor's backup (index.md~) or autosave (#notes.md#) is no page
	 * and no resource; a dot file is left out before this is asked */
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	if (*base && (base[0] == '#' || base[strlen(base) - 1] == '~')) {
		m->backups++;
		return true;
	}
	if (!m->nignore)
		return false;
	char *path = folio_xasprintf("/%s", rel);
	/* whether it matches, no group: one slot serves every pattern */
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	if (mc)
		pcre2_set_match_limit(mc, 100000); /* the site's pattern, the user's machine: bounded all the same */
	bool hit = false;
	for (size_t i = 0; i < m->nignore && !hit && md && mc; i++)
		hit = pcre2_match((pcre2_code *)m->ignore[i], (PCRE2_SPTR)path, strlen(path), 0, 0, md, mc) >= 0;
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	free(path);
	if (hit)
		m->ignored++;
	return hit;
}

void folio_migrate__free_ignore(migration *m)
{
	for (size_t i = 0; i < m->nignore; i++)
		pcre2_code_free((pcre2_code *)m->ignore[i]);
	free(m->ignore);
}
