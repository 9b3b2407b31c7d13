/*
 * Compiles arbitrary bytes as a Mustache template next to a few fixed
 * partials (one of which includes the input back, so recursion is reached)
 * and renders it over a fixed context; then lists its dependencies and
 * checks the set. Limits are lowered so exponential inputs fail fast.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/template.h"
#include "model/template.h"

#include "util/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char context_json[] =
	"{\"title\": \"A <b>&\", \"n\": 3, \"r\": 1.5, \"t\": true, \"f\": false, \"z\": null,"
	" \"list\": [1, \"two\", {\"name\": \"x\", \"list\": []}], \"empty\": [], \"s\": \"\","
	" \"obj\": {\"a\": {\"b\": \"deep\"}, \"p\": \"card\"}, \"dyn\": \"main\", \"card\": \"card\"}";

static const char *const partials[][2] = {
	{ "card", "<div>\n  {{title}}\n  {{#list}}\n  - {{.}}{{>*dyn}}\n  {{/list}}\n</div>\n" },
	{ "base", "<html>\n  {{$head}}<title>{{title}}</title>{{/head}}\n  {{$main}}\n    none\n  {{/main}}\n</html>" },
	{ "loop", "{{#obj}}{{>main}}{{/obj}}" },
};

static void ignore(const char *dep, void *payload)
{
	(void)dep;
	(void)payload;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	folio_templates *set = folio_templates_new();
	folio_templates__set_limits(set, 20000, 1 << 20);
	folio_templates_set_budget(set, 1 << 16, 16);
	folio_diags d;
	folio_diags_init(&d);
	for (size_t i = 0; i < sizeof(partials) / sizeof(*partials); i++)
		folio_templates_add(set, partials[i][0], partials[i][1], strlen(partials[i][1]),
		                    NULL, &d);
	if (folio_templates_add(set, "main", (const char *)data, size, "main.mustache", &d) == 0) {
		json_t *ctx = json_loads(context_json, 0, NULL);
		folio_buf out = FOLIO_BUF_INIT;
		folio_rule rule;
		if (folio_templates_render_checked(&out, set, "main", ctx, &rule) == FOLIO_ERROR &&
		    rule != FOLIO_RULE_TEMPLATE_RECURSION && rule != FOLIO_RULE_BUDGET_PARTIAL_DEPTH &&
		    rule != FOLIO_RULE_BUDGET_TEMPLATE_OUTPUT)
			abort();
		folio_templates_render(&out, set, "loop", ctx);
		folio_buf_dispose(&out);
		json_decref(ctx);
		folio_templates_foreach_dependency(set, "main", ignore, NULL);
		folio_templates_check(set, &d);
	}
	folio_diags_dispose(&d);
	folio_templates_free(set);
	return 0;
}
