/*
 * Mustache conformance: renders every case of the official spec suite
 * (the JSON files of testdata/mustache-spec/) and compares the output byte for byte.
 * A failure names the file and the case. Every file the engine claims is
 * required: a missing or unreadable one fails the run. ~lambdas.json is
 * counted as skipped: its lambdas are host-language code, which JSON data
 * (all folio renders) cannot hold. tests/spec/mustache_folio.json, in the
 * same format, holds folio's own cases and is counted apart.
 *
 * usage: spec_mustache [<spec dir> [<dir of mustache_folio.json>]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/template.h"

#include "util/banned.h"

static const char *const required[] = {
	"comments.json", "delimiters.json", "interpolation.json", "inverted.json",
	"partials.json", "sections.json", "~inheritance.json", "~dynamic-names.json",
};

struct counts {
	int passed, failed, skipped;
};

static void show(const char *label, const char *s)
{
	fprintf(stderr, "  %s: \"", label);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stderr);
		else if (*s == '\r')
			fputs("\\r", stderr);
		else if (*s == '\t')
			fputs("\\t", stderr);
		else
			fputc(*s, stderr);
	}
	fputs("\"\n", stderr);
}

static bool add(folio_templates *set, const char *name, const char *src, folio_diags *d)
{
	return folio_templates_add(set, name, src, strlen(src), name, d) == 0;
}

/* Runs one case; returns true when the output is the expected one. */
static bool run_case(const char *file, json_t *test)
{
	const char *name = json_string_value(json_object_get(test, "name"));
	const char *tpl = json_string_value(json_object_get(test, "template"));
	const char *expected = json_string_value(json_object_get(test, "expected"));
	json_t *data = json_object_get(test, "data");
	if (!name || !tpl || !expected) {
		fprintf(stderr, "%s: a case lacks name, template or expected\n", file);
		return false;
	}
	folio_templates *set = folio_templates_new();
	folio_diags d;
	folio_diags_init(&d);
	folio_buf out = FOLIO_BUF_INIT;
	bool ok = true;
	const char *pname;
	json_t *psrc;
	json_object_foreach(json_object_get(test, "partials"), pname, psrc)
		ok = ok && add(set, pname, json_string_value(psrc), &d);
	ok = ok && add(set, "(template)", tpl, &d);
	if (ok && folio_templates_render(&out, set, "(template)", data) < 0) {
		fprintf(stderr, "  render failed: %s\n", folio_error_last());
		ok = false;
	}
	ok = ok && out.size == strlen(expected) && !memcmp(out.ptr, expected, out.size);
	if (!ok) {
		fprintf(stderr, "FAIL %s: %s\n", file, name);
		show("template", tpl);
		show("expected", expected);
		show("got     ", out.ptr);
		folio_diags_print_text(stderr, &d);
	}
	folio_buf_dispose(&out);
	folio_diags_dispose(&d);
	folio_templates_free(set);
	return ok;
}

static json_t *load(const char *dir, const char *file)
{
	char path[4096];
	json_error_t err;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	json_t *root = json_load_file(path, 0, &err);
	if (!root)
		fprintf(stderr, "FAIL %s: cannot load: %s (line %d)\n", path, err.text, err.line);
	else if (!json_is_array(json_object_get(root, "tests"))) {
		fprintf(stderr, "FAIL %s: no \"tests\" array\n", path);
		json_decref(root);
		root = NULL;
	}
	return root;
}

static void run_file(const char *dir, const char *file, struct counts *c)
{
	json_t *root = load(dir, file);
	if (!root) {
		c->failed++;
		return;
	}
	size_t i;
	json_t *test;
	int passed = 0, failed = 0;
	json_array_foreach(json_object_get(root, "tests"), i, test) {
		if (run_case(file, test))
			passed++;
		else
			failed++;
	}
	printf("%-22s %3d passed, %d failed\n", file, passed, failed);
	c->passed += passed;
	c->failed += failed;
	json_decref(root);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : FOLIO_TESTDATA "/mustache-spec";
	const char *own = argc > 2 ? argv[2] : FOLIO_SOURCE_DIR "/tests/spec";
	struct counts c = { 0, 0, 0 }, f = { 0, 0, 0 };
	for (size_t i = 0; i < sizeof(required) / sizeof(*required); i++)
		run_file(dir, required[i], &c);
	json_t *lambdas = load(dir, "~lambdas.json");
	if (lambdas) {
		c.skipped = (int)json_array_size(json_object_get(lambdas, "tests"));
		json_decref(lambdas);
	} else {
		c.failed++;
	}
	run_file(own, "mustache_folio.json", &f);
	printf("mustache spec: %d passed, %d failed, %d skipped (lambdas)\n",
	       c.passed, c.failed, c.skipped);
	printf("folio cases: %d passed, %d failed\n", f.passed, f.failed);
	return c.failed || f.failed || !c.passed || !f.passed ? 1 : 0;
}
