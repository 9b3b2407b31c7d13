/*
 * Whole page bytes through folio_frontmatter_parse; every position of a
 * parsed document is looked up so the position table is exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/frontmatter.h"

static void walk(const folio_yaml_doc *doc, json_t *v, char *ptr, size_t len, size_t cap)
{
	unsigned line, col;
	folio_yaml_position(doc, ptr, &line, &col);
	folio_yaml_key_position(doc, ptr, &line, &col);
	if (len + 24 >= cap)
		return;
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v) && i < 4; i++) {
			int n = snprintf(ptr + len, cap - len, "/%zu", i);
			walk(doc, json_array_get(v, i), ptr, len + (size_t)n, cap);
			ptr[len] = '\0';
		}
	} else if (json_is_object(v)) {
		const char *key;
		json_t *child;
		size_t seen = 0;
		json_object_foreach(v, key, child) {
			if (seen++ == 4 || len + 2 + strlen(key) >= cap)
				break;
			snprintf(ptr + len, cap - len, "/%s", key);
			walk(doc, child, ptr, len + 1 + strlen(key), cap);
			ptr[len] = '\0';
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	folio_diags diags;
	folio_diags_init(&diags);
	folio_frontmatter fm;
	folio_frontmatter_parse(&fm, (const char *)data, size, "page.md", &diags);
	if (fm.body < (const char *)data || fm.body + fm.body_len > (const char *)data + size)
		abort();
	if (fm.meta) {
		char ptr[256] = "";
		walk(fm.meta, folio_yaml_root(fm.meta), ptr, 0, sizeof(ptr));
		char *s = json_dumps(folio_yaml_root(fm.meta), JSON_COMPACT | JSON_ENCODE_ANY);
		free(s);
	}
	if (fm.present && !fm.meta && diags.count == 0)
		abort();
	folio_frontmatter_dispose(&fm);
	/* under a small front-matter budget: refused or parsed, never more */
	folio_frontmatter_parse_limited(&fm, (const char *)data, size, "page.md", 4096, &diags);
	folio_frontmatter_dispose(&fm);
	/* Hugo's fences (hugo_fences:): a line starting with --- closes the
	 * block, the rest of it the body's, which stays inside the input */
	folio_frontmatter_parse_flags(&fm, (const char *)data, size, "page.md", 4096, FOLIO_FRONTMATTER_HUGO_FENCES,
	                              &diags);
	if (fm.body < (const char *)data || fm.body + fm.body_len > (const char *)data + size)
		abort();
	folio_frontmatter_dispose(&fm);
	folio_diags_dispose(&diags);
	return 0;
}
