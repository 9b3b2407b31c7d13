/*
 * TOML text through folio_toml_parse. Invariants: no crash or sanitizer
 * report; an accepted document dumps to JSON that jansson reads back as
 * the same value; every position (of values, of keys, of the one finding
 * of a refusal) lies within the input: a line of it, a column of that line
 * or just past its end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/toml.h"

#define FIRST_LINE 2

typedef struct {
	const char *data;
	size_t size;
	unsigned lines;
} input;

/* Characters of line (FIRST_LINE-based) of in. */
static unsigned line_chars(const input *in, unsigned line)
{
	unsigned l = FIRST_LINE, chars = 0;
	for (size_t i = 0; i < in->size; i++) {
		if (in->data[i] == '\n') {
			if (l == line)
				return chars;
			l++;
			chars = 0;
		} else if (((unsigned char)in->data[i] & 0xC0) != 0x80) {
			chars++;
		}
	}
	return chars;
}

static void check_position(const input *in, unsigned line, unsigned col)
{
	if (line < FIRST_LINE || line >= FIRST_LINE + in->lines || col < 1 ||
	    col > line_chars(in, line) + 1)
		abort();
}

static void walk(const input *in, const folio_yaml_doc *doc, json_t *v, char *ptr, size_t len,
                 size_t cap, unsigned *budget)
{
	unsigned line, col;
	if (!*budget)
		return;
	--*budget;
	if (folio_yaml_position(doc, ptr, &line, &col))
		abort();
	check_position(in, line, col);
	if (folio_yaml_key_position(doc, ptr, &line, &col))
		abort();
	check_position(in, line, col);
	if (len + 24 >= cap)
		return;
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v) && i < 8; i++) {
			int n = snprintf(ptr + len, cap - len, "/%zu", i);
			walk(in, doc, json_array_get(v, i), ptr, len + (size_t)n, cap, budget);
			ptr[len] = '\0';
		}
	} else if (json_is_object(v)) {
		const char *key;
		json_t *child;
		json_object_foreach(v, key, child) {
			/* keys with "/", "~" or NUL would need escaping: skip them */
			if (strpbrk(key, "/~") || strlen(key) + len + 2 >= cap)
				continue;
			snprintf(ptr + len, cap - len, "/%s", key);
			walk(in, doc, child, ptr, len + 1 + strlen(key), cap, budget);
			ptr[len] = '\0';
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	input in = { (const char *)data, size, 1 };
	for (size_t i = 0; i < size; i++)
		in.lines += data[i] == '\n';
	folio_diags diags;
	folio_diags_init(&diags);
	folio_yaml_doc *doc = NULL;
	folio_toml_parse(&doc, in.data, size, "page.md", FIRST_LINE, FOLIO_RULE_FRONT_MATTER_SYNTAX,
	                 SIZE_MAX, &diags);
	if (doc) {
		json_t *root = folio_yaml_root(doc);
		if (diags.count || !json_is_object(root))
			abort();
		char *s = json_dumps(root, JSON_COMPACT);
		if (!s)
			abort();
		json_error_t err;
		json_t *back = json_loads(s, JSON_ALLOW_NUL, &err);
		if (!back || !json_equal(back, root))
			abort();
		json_decref(back);
		free(s);
		char ptr[256] = "";
		unsigned budget = 2000;
		walk(&in, doc, root, ptr, 0, sizeof(ptr), &budget);
	} else {
		if (diags.count != 1)
			abort();
		check_position(&in, diags.items[0].line, diags.items[0].column);
	}
	folio_yaml_free(doc);
	folio_diags_dispose(&diags);
	/* under a small budget: refused or parsed, one finding at most */
	folio_diags_init(&diags);
	folio_toml_parse(&doc, in.data, size, "page.md", FIRST_LINE, FOLIO_RULE_FRONT_MATTER_SYNTAX,
	                 64, &diags);
	if ((doc != NULL) == (diags.count == 1))
		abort();
	folio_yaml_free(doc);
	folio_diags_dispose(&diags);
	return 0;
}
