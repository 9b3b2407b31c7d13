/*
 * template/unknown-variable: a typo in a template variable renders as
 * empty text ({{page.titel}}), and Mustache cannot tell it from an
 * optional field that a page lacks ({{#page.meta.series}}). So folio
 * decides by name. Reading a variable's dotted name from the left, each
 * segment must be a name the render contexts hold
 * (folio_templates_context_names(): page, title, meta, items, ...) until one
 * is a field of a schema: what lies below a field is the author's data, of
 * any shape (but page.refs.<field> and page.dates.<field> are folio's own:
 * names below them are checked). Inside a section whose name reaches a field
 * ({{#page.meta.address}}{{city}}{{/page.meta.address}}) every name is
 * known, for the same reason.
 *
 * The fields are those of the schemas of the collections that use the
 * template (as template or list_template); any other template (base,
 * home, partials) takes the fields of every collection's schema. A
 * template one of whose collections has no schema naming its fields is not
 * checked: nothing tells a typo from a field there. folio's built-in
 * templates are not checked (they are tested with folio).
 */
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "folio/template.h"
#include "folio/validate.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"

typedef struct {
	const folio_site *site;
	folio_diags *diags;
	json_t *vocab; /* template name -> {field: true}, or null when not checked */
} var_check;

static void add_field(const char *name, void *payload)
{
	json_object_set_new(payload, name, json_true());
}

/* Adds c's schema fields to fields; false when c's schema names none. */
static bool add_collection_fields(const folio_site *site, const folio_collection *c, json_t *fields)
{
	const folio_schema *schema = folio_site_schema(site, c);
	return schema && folio_schema_foreach_field(schema, add_field, fields) > 0;
}

/* The fields a template may name ({field: true}), or null when it is not checked. */
static json_t *template_fields(const var_check *vc, const char *name)
{
	const folio_config *cfg = folio_site_config(vc->site);
	json_t *fields = json_object();
	bool used = false, known = true;
	for (size_t i = 0; i < cfg->ncollections; i++) {
		const folio_collection *c = &cfg->collections[i];
		if (strcmp(c->template_name, name) && strcmp(c->list_template, name))
			continue;
		used = true;
		known &= add_collection_fields(vc->site, c, fields);
	}
	for (size_t i = 0; !used && i < cfg->ncollections; i++)
		known &= add_collection_fields(vc->site, &cfg->collections[i], fields);
	if (!known) {
		json_decref(fields);
		return json_null();
	}
	return fields;
}

static bool is_context_name(const char *s)
{
	for (const char *const *n = folio_templates_context_names(); *n; n++)
		if (!strcmp(*n, s))
			return true;
	return false;
}

/*
 * Index of v's first segment that is neither a context name nor below a
 * field, or nseg when every segment is known.
 */
static size_t first_unknown(const folio_template_variable *v, const json_t *fields, bool *field)
{
	*field = false;
	for (size_t i = 0; i < v->nseg; i++) {
		/* page.refs.<field> and page.dates.<field> are folio's own shapes
		 * ({title, url, ...}; text): below them, names are still checked */
		bool folio_shape = i && (!strcmp(v->seg[i - 1], "refs") || !strcmp(v->seg[i - 1], "dates"));
		if (json_object_get(fields, v->seg[i]) && !folio_shape) {
			*field = true;
			return v->nseg;
		}
		if (!is_context_name(v->seg[i]) && !(folio_shape && json_object_get(fields, v->seg[i])))
			return i;
	}
	return v->nseg;
}

/* Whether a section around v reaches a field: below it lies the author's data. */
static bool in_field_section(const folio_template_variable *v, const json_t *fields)
{
	for (const folio_template_variable *s = v->section; s; s = s->section) {
		bool field;
		if (first_unknown(s, fields, &field) == s->nseg && field)
			return true;
	}
	return false;
}

/* "did you mean ...?" over the context names and the fields, or a general hint. */
static char *unknown_hint(const char *seg, const json_t *fields)
{
	size_t n = 0, nfields = json_object_size(fields);
	const char *const *ctx = folio_templates_context_names();
	while (ctx[n])
		n++;
	const char **names = folio_xmalloc((n + nfields + 1) * sizeof(*names));
	memcpy(names, ctx, n * sizeof(*names));
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)fields, key, value)
		names[n++] = key;
	names[n] = NULL;
	const char *best = folio_closest(seg, names);
	char *hint = best ? folio_xasprintf(folio_i18n_finding("did you mean \"%s\"?"), best)
	                  : folio_xstrdup("docs/templates.md lists what templates receive; front-matter "
	                                  "fields are under page.meta");
	free(names);
	return hint;
}

static void check_variable(const folio_template_variable *v, void *payload)
{
	var_check *vc = payload;
	if (!strncmp(v->path, "(built-in)/", 11))
		return;
	json_t *fields = json_object_get(vc->vocab, v->template_name);
	if (!fields) {
		fields = template_fields(vc, v->template_name);
		json_object_set_new(vc->vocab, v->template_name, fields);
	}
	bool field;
	size_t bad = json_is_object(fields) ? first_unknown(v, fields, &field) : v->nseg;
	if (bad == v->nseg || in_field_section(v, fields))
		return;
	folio_buf name = FOLIO_BUF_INIT;
	for (size_t i = 0; i < v->nseg; i++)
		folio_buf_printf(&name, "%s%s", i ? "." : "", v->seg[i]);
	char *hint = unknown_hint(v->seg[bad], fields);
	folio_diags_add(vc->diags, FOLIO_RULE_TEMPLATE_UNKNOWN_VARIABLE, v->path, v->line, v->column,
	                hint, "unknown variable \"%s\": \"%s\" is neither something folio gives "
	                "templates nor a field of the schemas", name.ptr, v->seg[bad]);
	free(hint);
	folio_buf_dispose(&name);
}

int folio_validate_template_variables(const folio_site *site, folio_diags *diags)
{
	if (!folio_site_config(site) || !folio_site_templates(site))
		return 0;
	var_check vc = { site, diags, json_object() };
	folio_templates_foreach_variable(folio_site_templates(site), check_variable, &vc);
	json_decref(vc.vocab);
	return 0;
}
