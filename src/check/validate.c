/*
 * Validation of a loaded site. Each page is checked on its own (schema,
 * references, links, raw HTML, repeated paragraphs) on all cores, with its
 * findings gathered per page; checks across pages (duplicate ISBNs) run
 * after, in path order. The result is the same for any thread count.
 * This file: the site, schema and references, hygiene, checks across
 * pages; validate_links.c: the links of a page (the validator's state:
 * check/validate.h).
 *
 * ISBN validity comes from the schema (format "isbn" / "ean13"); this
 * module adds what a schema cannot say: an EAN that differs from the
 * record's ISBN-13 (fields "isbn" and "ean"), and one ISBN on two records.
 */
#include "folio/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/validate.h"
#include "folio/i18n.h"
#include "folio/isbn.h"
#include "folio/path.h"
#include "folio/render.h"
#include "model/layout.h"
#include "util/alloc.h"
#include "util/dates.h"
#include "util/text.h"
#include "util/parallel.h"
#include "util/search.h"
#include "util/banned.h"

/* Findings of one rule one page gives, listed; the rest are counted in one. */
#define FINDINGS_PER_RULE 100
/* Findings of the pages one check keeps, and the pages validated between
 * two looks at that count: a page's bound times the pages a push holds was
 * still 2 million findings (20,000 pages of one 800-byte blob), 600 MB of
 * the hook's memory and 368 MB of folio check's output (t535). */
#define FINDINGS_PER_CHECK 10000
#define PAGES_PER_ROUND 256

/* ---- schema and references ---- */

typedef struct {
	validator *v;
	const folio_page *page;
	folio_diags *diags;
} ref_context;

/* Where a reference field of p names slug (a top-level value, or an item of
 * a top-level list, as reference fields are written); 0 when not found. */
static void slug_position(const folio_site *site, const folio_page *p, const char *slug, unsigned *line,
                          unsigned *col)
{
	const char *key;
	json_t *v, *meta = folio_page_meta(p);
	*line = *col = 0;
	json_object_foreach(meta, key, v) {
		if (strpbrk(key, "/~"))
			continue; /* not a reference field's name; would need escaping */
		size_t n = json_is_array(v) ? json_array_size(v) : 1;
		for (size_t i = 0; i < n; i++) {
			json_t *item = json_is_array(v) ? json_array_get(v, i) : v;
			if (!json_is_string(item) || strcmp(json_string_value(item), slug))
				continue;
			char *pointer = json_is_array(v) ? folio_xasprintf("/%s/%zu", key, i)
			                                 : folio_xasprintf("/%s", key);
			folio_validate__value_position(site, p, pointer, false, line, col);
			free(pointer);
			return;
		}
	}
}

/* A reference to a held record exists (time passing must not make it an
 * error); from a published page it is a link/unpublished warning. */
static bool ref_exists(const char *collection, const char *slug, void *payload)
{
	const ref_context *rc = payload;
	const folio_page *t = folio_site_find(rc->v->site, collection, slug);
	if (t && t->status == FOLIO_PAGE_PUBLISHED)
		return true;
	if (!t) /* else held but shown by folio serve: the same warning */
		t = folio_site_find_held(rc->v->site, collection, slug);
	if (!t)
		return false;
	char *written = folio_xasprintf("%s/%s", collection, slug);
	unsigned line, col;
	slug_position(rc->v->site, rc->page, slug, &line, &col);
	folio_validate__check_held_target(rc->page, t, written, line, col, rc->diags);
	free(written);
	return true;
}

/*
 * schema-work: the check's total, counted by all its threads. Past it no
 * page's schema is validated any more; which pages were validated by then
 * depends on the threads, so validate_each() drops every schema finding
 * and makes the one that stands alone. The total itself does not depend
 * on them: each validation hands over all its work unless the total is
 * already passed.
 */
static bool charge_schema_work(unsigned long long work, void *payload)
{
	validator *v = ((ref_context *)payload)->v;
	unsigned long long limit = folio_site_limits(v->site)->v[FOLIO_LIMIT_SCHEMA_WORK];
	if (atomic_fetch_add(&v->schema_work, work) + work <= limit)
		return true;
	atomic_store(&v->schema_over, true);
	return false;
}

/* Validate p against its schema; *date_said tells whether a finding is at
 * the collection's date field already (its "format": "date", say). */
static void check_schema(validator *v, const folio_page *p, folio_diags *d, bool *date_said)
{
	const folio_schema *schema = folio_site_schema(v->site, p->collection);
	*date_said = false;
	if (!schema || atomic_load(&v->schema_over))
		return;
	folio_schema_findings f;
	folio_schema_options opts = FOLIO_SCHEMA_OPTIONS_INIT;
	ref_context rc = { v, p, d };
	opts.ref_exists = ref_exists;
	opts.payload = &rc;
	/* Jekyll's publish_date is the page's own field, a strict schema's to allow */
	opts.key_kind = folio_schedule_key_kind_for(v->cfg && v->cfg->jekyll_rules);
	opts.charge = charge_schema_work;
	const folio_limits *l = folio_site_limits(v->site);
	/* 0 means "the defaults" to the schema module: a site lowering a
	 * budget to 0 gets the smallest one instead, never a larger one */
	opts.regex_match_limit = l->v[FOLIO_LIMIT_REGEX_MATCH] ? l->v[FOLIO_LIMIT_REGEX_MATCH] : 1;
	opts.regex_depth_limit = l->v[FOLIO_LIMIT_REGEX_DEPTH] ? l->v[FOLIO_LIMIT_REGEX_DEPTH] : 1;
	opts.regex_heap_kib = l->v[FOLIO_LIMIT_REGEX_HEAP] ? l->v[FOLIO_LIMIT_REGEX_HEAP] : 1;
	folio_schema_findings_init(&f);
	folio_schema_validate(&f, schema, folio_page_meta(p), &opts);
	for (size_t i = 0; i < f.count; i++) {
		unsigned line, col;
		folio_validate__value_position(v->site, p, f.items[i].pointer, f.items[i].rule == FOLIO_RULE_FRONT_MATTER_UNKNOWN_FIELD,
		               &line, &col);
		folio_diags_add(d, f.items[i].rule, p->path, line, col, f.items[i].hint, "%s",
		                f.items[i].message);
		const char *ptr = f.items[i].pointer;
		if (p->collection->date_field && ptr[0] == '/' &&
		    !strcmp(ptr + 1, p->collection->date_field))
			*date_said = true;
	}
	folio_schema_findings_dispose(&f);
}

/* "an integer", "a list"... for messages. */
static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "a mapping";
	case JSON_ARRAY: return "a list";
	case JSON_INTEGER: return "a number";
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "true or false";
	default: return "a string";
	}
}

/* A collection's date field is a date whatever its schema says (one with
 * no "format" takes any string): lists, feeds, the sitemap and JSON-LD
 * need one, and the site model passes them nothing else. */
static void check_date(const folio_site *site, const folio_page *p, folio_diags *d)
{
	const char *field = p->collection->date_field;
	json_t *v = field ? folio_page_meta_get(p, field) : NULL;
	folio_when w;
	if (!v || json_is_null(v)) /* absent or "date:" left empty: the schema's "required" says */
		return;
	if (json_is_string(v) && folio_when_parse(&w, json_string_value(v), json_string_length(v)))
		return;
	unsigned line, col;
	char *pointer = strpbrk(field, "/~") ? NULL : folio_xasprintf("/%s", field);
	if (pointer)
		folio_validate__value_position(site, p, pointer, false, &line, &col);
	else
		line = col = 0;
	free(pointer);
	/* written whole, not with FOLIO_DATE_FORMS, and marked: xgettext reads literals only */
	const char *hint = FOLIO_N_("write a date such as 2026-12-03, 2026-12-03T18:30 or 2026-12-03T18:30:00+01:00; "
	                            "it is the collection's date_field, for lists and feeds");
	if (json_is_string(v))
		folio_diags_add(d, FOLIO_RULE_DATE_INVALID, p->path, line, col, hint,
		                "field \"%s\" is not a date: \"%s\"", field, json_string_value(v));
	else
		folio_diags_add(d, FOLIO_RULE_DATE_INVALID, p->path, line, col, hint,
		                "field \"%s\" must be a date, not %s", field, json_kind(v));
}

/* ---- hygiene ---- */

/*
 * Each paragraph that repeats an earlier one, named with the first one's
 * line. One hash table of first occurrences (open addressing, at most half
 * full) over the paragraphs' hashes (folio_paragraph): linear in the page's
 * text, where comparing every pair took 11 s on a 3.6 MB page.
 */
static void check_repeats(const folio_page *p, folio_diags *d)
{
	size_t n = p->md.nparagraphs, size = 16;
	if (n < 2)
		return;
	while (size < 2 * n)
		size *= 2;
	size_t *slots = folio_xcalloc(size, sizeof(*slots)); /* paragraph index + 1; 0 free */
	const folio_paragraph *para = p->md.paragraphs;
	for (size_t i = 0; i < n; i++) {
		size_t k = (size_t)para[i].hash & (size - 1);
		while (slots[k] && (para[slots[k] - 1].hash != para[i].hash ||
		                    para[slots[k] - 1].len != para[i].len))
			k = (k + 1) & (size - 1);
		if (!slots[k]) {
			slots[k] = i + 1;
			continue;
		}
		folio_diags_add(d, FOLIO_RULE_TEXT_REPEATED_PARAGRAPH, p->path, para[i].line, 1,
		                "remove one of the copies", "paragraph repeats the one at line %u",
		                para[slots[k] - 1].line);
	}
	free(slots);
}

/* What the Markdown read: shortcodes and Liquid tags, active HTML refused. */
static void check_notes(const folio_page *p, folio_diags *d)
{
	for (size_t i = 0; i < p->md.nnotes; i++) {
		const folio_markdown_note *n = &p->md.notes[i];
		const char *tag = n->tag ? n->tag : "";
		switch (n->kind) {
		case FOLIO_MD_NOTE_SHORTCODE_UNKNOWN:
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_UNKNOWN, p->path, n->line, n->column,
			                "folio knows figure, ref, relref, param, youtube, vimeo and highlight "
			                "(docs/migrating.md); write the others in Markdown",
			                "unknown shortcode \"%s\" renders as nothing", n->subject);
			break;
		case FOLIO_MD_NOTE_SHORTCODE_HTML:
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_UNKNOWN, p->path, n->line, n->column,
			                "Hugo hands that text to the shortcode's template; write it in "
			                "Markdown, or set allow_html: true in folio.yaml",
			                "raw HTML inside unknown shortcode \"%s\" is left out", n->subject);
			break;
		case FOLIO_MD_NOTE_SHORTCODE_INVALID:
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_INVALID, p->path, n->line, n->column,
			                "see docs/migrating.md for the shortcodes folio reads",
			                "shortcode cannot be used: %s", n->subject);
			break;
		case FOLIO_MD_NOTE_LIQUID_OUTPUT:
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_LIQUID, p->path, n->line, n->column,
			                "folio expands {{ page.<name> }}, {{ site.<name> }} of params: and site "
			                "paths; write the rest in Markdown",
			                "liquid output \"{{ %s }}\" is not run: shown as written", n->subject);
			break;
		case FOLIO_MD_NOTE_LIQUID_TAG:
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_LIQUID, p->path, n->line, n->column,
			                "folio reads raw, link, post_url, highlight and include; write the rest in Markdown",
			                "unknown liquid tag \"%s\" renders as nothing", n->subject);
			break;
		case FOLIO_MD_NOTE_LIQUID_INCLUDE:
			folio_diags_add(d, FOLIO_RULE_SHORTCODE_LIQUID, p->path, n->line, n->column,
			                "folio includes a file of _includes/ whose Liquid it reads, with parameters "
			                "given as strings (docs/migrating.md); write the rest in Markdown",
			                "liquid include %s: it renders as nothing", n->subject);
			break;
		case FOLIO_MD_NOTE_INCLUDE_BUDGET:
			folio_diags_add(d, FOLIO_RULE_BUDGET_PAGE_OUTPUT, p->path, n->line, n->column,
			                "include fewer or smaller files; the page-output budget bounds what a "
			                "page's includes add (docs/security.md)",
			                "include \"%s\" would take the page's included text past the page-output budget",
			                n->subject);
			break;
		case FOLIO_MD_NOTE_HTML_TAG:
			if (!strcmp(n->subject, "script")) /* the one most migrated sites hold */
				folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
				                "move it to a template, or to a file of static/ a template loads "
				                "(docs/migrating.md, \"Scripts in pages\"); embeds: lists iframe "
				                "hosts, never script hosts",
				                "active HTML tag \"<%s>\" is not allowed", n->subject);
			else
				folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
				                "remove it: pages may not run code or hold forms",
				                "active HTML tag \"<%s>\" is not allowed", n->subject);
			break;
		case FOLIO_MD_NOTE_HTML_IFRAME_HOST:
			if (!strncasecmp(n->subject, "http://", 7)) /* the subject is the whole address then */
				folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
				                "write it https://, with its host in embeds: in folio.yaml",
				                "iframe \"%s\" is not https: browsers block it on an https page, "
				                "and embeds: lists https hosts only", n->subject);
			else if (!strchr(n->subject, '.') || n->subject[0] == '/' || strchr(n->subject, '/'))
				/* a path of the site ("../iframeform/", 18F's accessibility
				 * guide): embeds: names hosts, and frames none of the site's own */
				folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
				                "link to the page instead: a page may frame another host's "
				                "(embeds: in folio.yaml), never one of the site's own",
				                "iframe of \"%s\", a page of the site, is not allowed", n->subject);
			else
				folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
				                "list the host in embeds: in folio.yaml if it is trusted (https only)",
				                "iframe of host \"%s\" is not in embeds", n->subject);
			break;
		case FOLIO_MD_NOTE_HTML_ATTRIBUTE:
			folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
			                "remove the attribute: pages may not run code",
			                "attribute \"%s\" of <%s> is not allowed", n->subject, tag);
			break;
		case FOLIO_MD_NOTE_HTML_OPEN:
			folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
			                "close the tag, and its quotes, before the blank line",
			                "<%s> is left open where its HTML ends: a browser reads what follows "
			                "as its attributes", tag);
			break;
		case FOLIO_MD_NOTE_HTML_URL:
			folio_diags_add(d, FOLIO_RULE_HTML_ACTIVE, p->path, n->line, n->column,
			                "link to an http(s) address or a page of the site",
			                "%s: URL in <%s> is not allowed", n->subject, tag);
			break;
		}
	}
}

static void check_hygiene(const validator *v, const folio_page *p, folio_diags *d)
{
	check_notes(p, d);
	/* a page written in HTML is HTML: Hugo publishes its body as it is */
	if (p->md.has_raw_html && !v->cfg->allow_html && !folio_page_is_html(p))
		folio_diags_add(d, FOLIO_RULE_HTML_RAW, p->path, p->md.raw_html_line, p->md.raw_html_column,
		                "write it in Markdown, or set allow_html: true in folio.yaml",
		                "raw HTML is not allowed on this site");
	check_repeats(p, d);
}

static void check_ean(const folio_site *site, const folio_page *p, folio_diags *d)
{
	json_t *isbn = folio_page_meta_get(p, "isbn"), *ean = folio_page_meta_get(p, "ean");
	if (!json_is_string(isbn) || !json_is_string(ean))
		return;
	folio_isbn_info info;
	folio_isbn_parse(&info, json_string_value(isbn));
	if (!info.digits13[0] || info.status == FOLIO_ISBN_INVALID)
		return;
	if (strcmp(info.digits13, json_string_value(ean))) {
		unsigned line, col;
		folio_validate__value_position(site, p, "/ean", false, &line, &col);
		char *hint = folio_xasprintf("write ean: \"%s\"", info.digits13);
		folio_diags_add(d, FOLIO_RULE_ISBN_EAN_MISMATCH, p->path, line, col, hint,
		                "EAN \"%s\" differs from the ISBN-13 %s", json_string_value(ean),
		                info.digits13);
		free(hint);
	}
}

/* aliases (or Jekyll's redirect_from, named key): a string or a list of
 * strings, each a path of the site; the renderer skips any other, so each
 * is named here. */
static void check_alias_key(const folio_site *site, const folio_page *p, folio_diags *d, const char *key)
{
	json_t *a = folio_page_meta_get(p, key);
	if (!a || json_is_null(a)) /* "aliases:" left empty: none, as Hugo and Jekyll read it */
		return;
	unsigned line, col;
	char pointer[64];
	snprintf(pointer, sizeof(pointer), "/%s", key);
	if (!json_is_string(a) && !json_is_array(a)) {
		folio_validate__value_position(site, p, pointer, false, &line, &col);
		/* whole literals, so that the catalogue translates the hint */
		const char *hint = !strcmp(key, "aliases") ? FOLIO_N_("write a list of old URLs: aliases: [/old/path/]")
		                                           : FOLIO_N_("write a list of old URLs: redirect_from: [/old/path/]");
		folio_diags_add(d, FOLIO_RULE_FRONT_MATTER_TYPE, p->path, line, col, hint,
		                "%s is not a string or a list of strings", key);
		return;
	}
	size_t n = json_is_array(a) ? json_array_size(a) : 1;
	for (size_t k = 0; k < n; k++) {
		json_t *v = json_is_array(a) ? json_array_get(a, k) : a;
		if (json_is_array(a))
			snprintf(pointer, sizeof(pointer), "/%s/%zu", key, k);
		char *url = json_is_string(v) ? folio_page_alias_resolve(p, json_string_value(v)) : NULL;
		/* found only for a finding: a page's front matter may be read
		 * again for it, and 4,000 aliases took seconds (a scout's) */
		if (!url)
			folio_validate__value_position(site, p, pointer, false, &line, &col);
		if (!json_is_string(v)) {
			folio_diags_add(d, FOLIO_RULE_FRONT_MATTER_TYPE, p->path, line, col,
			                "write the old URL as a string", "alias %zu is not a string", k + 1);
			continue;
		}
		if (!url && folio_layout_url_hidden(json_string_value(v)))
			folio_diags_add(d, FOLIO_RULE_SLUG_INVALID, p->path, line, col,
			                "a web server may read such a file as its own settings (Apache's .htaccess); "
			                "only /.well-known/ may be written",
			                "alias \"%s\" holds a hidden name (starting with '.')", json_string_value(v));
		else if (!url)
			folio_diags_add(d, FOLIO_RULE_SLUG_INVALID, p->path, line, col,
			                "write a site path such as /2019/05/old-name/",
			                "alias \"%s\" is not a path of the site", json_string_value(v));
		free(url);
	}
}

static void check_aliases(const folio_site *site, const folio_page *p, folio_diags *d)
{
	/* the renderer reads redirect_from only without aliases (or when
	 * aliases: is the site's data: aliases_key: false) */
	const char *key = folio_page_aliases_key(p);
	if (key)
		check_alias_key(site, p, d, key);
}

/* p's checks: what its schema and date field say in sd (validate_each()
 * drops them past schema-work), the rest in d. */
static void check_page(validator *v, const folio_page *p, folio_diags *sd, folio_diags *d)
{
	if (!p->ok && p->body_only) {
		/* its front matter is broken (reported): its body's links still count */
		folio_validate__check_links(v, p, d);
		check_hygiene(v, p, d);
	}
	if (!p->ok)
		return;
	/* a section's _index.md is the text of a list, not a record of the
	 * collection: its schema (required dates, ISBNs) is not for it */
	if (!p->section) {
		bool date_said;
		check_schema(v, p, sd, &date_said);
		if (!date_said)
			check_date(v->site, p, sd);
	}
	check_aliases(v->site, p, d);
	folio_validate__check_links(v, p, d);
	folio_validate__check_meta_links(v, p, d);
	check_hygiene(v, p, d);
	check_ean(v->site, p, d);
}

static void validate_page(size_t i, void *payload)
{
	validator *v = payload;
	const folio_page *p = v->pages[i];
	check_page(v, p, &v->schema_diags[i], &v->diags[i]);
	folio_site_positions_release(); /* the page's findings have their positions */
	for (int k = 0; k < 2; k++) {
		folio_diags *d = k ? &v->diags[i] : &v->schema_diags[i];
		/* folio.yaml's rules: first, so that a rule raised to error does not
		 * undo what follows */
		folio_validate_apply_rules(v->cfg, d, 0);
		/* a draft is work in progress, shared before it is complete: it is
		 * checked so its author sees what is left, but never refused for it */
		if (p->ok && p->status == FOLIO_PAGE_DRAFT)
			for (size_t j = 0; j < d->count; j++)
				d->items[j].severity = FOLIO_SEVERITY_WARNING;
		/* a pusher chooses how many: 40 pages of one blob, 30,000 links
		 * each to no page, were 1.2 million findings, 600 MB of the
		 * hook's memory and 220 MB of its output, and as much in the
		 * daemon's note, state and log for warnings the hook lets pass
		 * (repeated paragraphs, t498) */
		folio_diags_cap_per_rule(d, FINDINGS_PER_RULE);
	}
}

/* ---- across pages ---- */

typedef struct {
	char digits[14];
	const folio_page *page;
} isbn_seen;

static int cmp_isbn(const void *a, const void *b)
{
	const isbn_seen *x = a, *y = b;
	int c = strcmp(x->digits, y->digits);
	return c ? c : strcmp(x->page->path, y->page->path);
}

static void check_duplicate_isbns(const folio_site *site, folio_diags *d)
{
	size_t n = folio_site_page_count(site), count = 0;
	isbn_seen *seen = folio_xmalloc((n ? n : 1) * sizeof(*seen));
	for (size_t i = 0; i < n; i++) {
		const folio_page *p = folio_site_page(site, i);
		json_t *isbn = folio_page_meta_get(p, "isbn");
		if (!p->ok || !json_is_string(isbn))
			continue;
		folio_isbn_info info;
		folio_isbn_parse(&info, json_string_value(isbn));
		if (!info.digits13[0])
			continue;
		memcpy(seen[count].digits, info.digits13, sizeof(seen[count].digits));
		seen[count++].page = p;
	}
	qsort(seen, count, sizeof(*seen), cmp_isbn);
	for (size_t i = 1; i < count; i++) {
		if (strcmp(seen[i].digits, seen[i - 1].digits))
			continue;
		unsigned line, col;
		folio_validate__value_position(site, seen[i].page, "/isbn", false, &line, &col);
		folio_diags_add(d, FOLIO_RULE_ISBN_DUPLICATE, seen[i].page->path, line, col, NULL,
		                "ISBN %s is also the ISBN of \"%s\"", seen[i].digits,
		                seen[i - 1].page->path);
	}
	free(seen);
}

/* The per-page checks of pages, findings gathered per page then in order. */
static int cmp_alias(const void *a, const void *b)
{
	return strcmp(((const struct alias_entry *)a)->url, ((const struct alias_entry *)b)->url);
}

/*
 * The URLs of the redirect pages the site publishes (aliases: of its
 * pages, as the renderer places them: folio_page_alias_url()), so that
 * links to old URLs are valid. A partial site
 * knows the loaded pages' only: a link to another page's alias is then
 * reported, and the fast path, refusing errors, leaves it to a full check.
 */
static void index_aliases(validator *v)
{
	size_t alloc = 0;
	for (size_t i = 0; i < folio_site_page_count(v->site); i++) {
		const folio_page *p = folio_site_page(v->site, i);
		for (size_t k = 0, n = folio_page_alias_count(p); k < n; k++) {
			char *url = folio_page_alias_url(p, k);
			if (!url)
				continue;
			FOLIO_ARRAY_GROW(v->aliases, v->naliases, alloc, v->naliases + 1);
			v->aliases[v->naliases].url = url;
			v->aliases[v->naliases++].page = p;
		}
	}
	if (v->naliases)
		qsort(v->aliases, v->naliases, sizeof(*v->aliases), cmp_alias);
}

typedef struct {
	validator *v;
	size_t first;
} validate_round;

static void validate_in_round(size_t i, void *payload)
{
	validate_round *r = payload;
	validate_page(r->first + i, r->v);
}

static void validate_each(const folio_site *site, const folio_page *const *pages, size_t n,
                          folio_diags *diags)
{
	validator v = { .site = site, .cfg = folio_site_config(site), .pages = pages, .npages = n };
	folio_diags schema;
	folio_diags_tally *left = folio_xcalloc(2, sizeof(*left)); /* the pages', the schemas' */
	folio_diags_init(&schema);
	index_aliases(&v);
	folio_validate__excluded_init(&v);
	v.diags = folio_xcalloc(n ? n : 1, sizeof(*v.diags));
	v.schema_diags = folio_xcalloc(n ? n : 1, sizeof(*v.schema_diags));
	atomic_init(&v.schema_work, 0);
	atomic_init(&v.schema_over, false);
	/* a round of pages at a time, kept in page order up to the bound and
	 * counted past it, so that no more than a round's findings wait: the
	 * same findings are listed whatever the jobs */
	for (size_t first = 0; first < n; first += PAGES_PER_ROUND) {
		validate_round r = { &v, first };
		size_t m = n - first < PAGES_PER_ROUND ? n - first : PAGES_PER_ROUND;
		for (size_t i = first; i < first + m; i++) { /* past the bound: counted, so not worded */
			v.diags[i].counted_only = diags->count >= FINDINGS_PER_CHECK;
			v.schema_diags[i].counted_only = schema.count >= FINDINGS_PER_CHECK;
		}
		folio_parallel_for(m, folio_site_jobs(site), validate_in_round, &r);
		for (size_t i = first; i < first + m; i++) {
			/* schema findings wait for the schema-work verdict, bounded alike */
			folio_diags_move_bounded(&schema, &v.schema_diags[i], FINDINGS_PER_CHECK, &left[1]);
			folio_diags_move_bounded(diags, &v.diags[i], FINDINGS_PER_CHECK, &left[0]);
		}
	}
	bool over = atomic_load(&v.schema_over);
	if (over) {
		folio_diags_dispose(&schema);
		folio_diags_tally_dispose(&left[1]);
	} else {
		folio_diags_move(diags, &schema);
		folio_diags_tally_flush(diags, &left[1]);
	}
	folio_diags_tally_flush(diags, &left[0]);
	free(left);
	if (over) /* in words that do not depend on the pages validated by then */
		folio_diags_add(diags, FOLIO_RULE_BUDGET_SCHEMA, "folio.yaml", 0, 0,
		                "simplify the schemas (anyOf and oneOf multiply the work), or push fewer "
		                "pages at once; the server's operator sets schema-work",
		                "the schema validation of the %zu pages checked needs more than the "
		                "schema-work limit of %zu steps; validation stopped there",
		                n, folio_site_limits(site)->v[FOLIO_LIMIT_SCHEMA_WORK]);
	free(v.schema_diags);
	free(v.diags);
	for (size_t i = 0; i < v.naliases; i++)
		free(v.aliases[i].url);
	free(v.aliases);
	folio_validate__excluded_dispose(&v);
}

/* The source of output o, to name in a finding. */
static const char *output_source(const folio_output *o)
{
	if (o->kind == FOLIO_UNIT_STATIC)
		return o->file->path;
	if (o->kind == FOLIO_UNIT_PAGE || o->kind == FOLIO_UNIT_ALIAS)
		return o->page->path;
	return "folio.yaml";
}

/* Whether the sorted plan holds exactly the first len bytes of path. */
static const folio_output *plan_find(const folio_outputs *plan, const char *path, size_t len)
{
	folio_text key = { path, len };
	return folio_search(plan->items, plan->count, sizeof(*plan->items), &key, folio_search_cmp_text);
}

/*
 * A collection folder with both _index.md and index.md has two pages for
 * its list (site.h, section): the plan holds the list once, so say it here.
 */
static void check_two_sections(const folio_site *site, folio_diags *d)
{
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		if (!p->section)
			continue;
		for (size_t j = 0; j < i; j++) {
			const folio_page *q = folio_site_page(site, j);
			if (q->section && !strcmp(q->url, p->url)) {
				char *out = folio_layout_url_output(p->url);
				folio_diags_add(d, FOLIO_RULE_OUTPUT_CLASH, p->path, 0, 0,
				                "set slug: in one page's front matter, rename its file, or change the collection's folder in folio.yaml",
				                "output \"%s\" would be written twice, also for \"%s\"", out, q->path);
				free(out);
				break;
			}
		}
	}
}

/*
 * An output whose name no file system holds (a term of 80 CJK characters
 * made a 475-byte slug, a taxonomy or its permalink: of 300 bytes): check
 * passed it and every publish failed, "File name too long", the daemon
 * retrying for ever (t406). Said once for each source (a term's
 * outputs are folio.yaml's here: a page giving one is told at its line,
 * site_parse.c).
 */
static bool output_unwritable(const folio_output *o, const char **last, folio_diags *d)
{
	const char *why = folio_path_check(o->path, strlen(o->path));
	if (!why)
		return false;
	const char *src = output_source(o);
	if (*last && !strcmp(*last, src))
		return true;
	*last = src;
	size_t n = strlen(o->path);
	if (n > 60) /* its first characters, whole */
		for (n = 60; n && ((unsigned char)o->path[n] & 0xc0) == 0x80; n--)
			;
	folio_diags_add(d, FOLIO_RULE_SLUG_INVALID, src, 0, 0, "shorten the term, taxonomy or address that makes it",
	                "output \"%.*s%s\" cannot be written: %s", (int)n, o->path, o->path[n] ? "..." : "", why);
	return true;
}

/*
 * A site whose outputs cannot all be written (two of one path, or a file
 * where another needs a folder: a collection folder "sitemap.xml", a page
 * folder that is also a collection's) would fail on every publish: refuse
 * it now. The paths are the renderer's own plan (one place names them),
 * which the caller made (folio_render_plan()).
 */
static void check_output_clashes(const folio_outputs *plan, folio_diags *d)
{
	const char *unwritable = NULL;
	for (size_t i = 0; i < plan->count; i++) {
		const folio_output *o = &plan->items[i], *other = NULL;
		if (output_unwritable(o, &unwritable, d))
			continue;
		if (i && !strcmp(plan->items[i - 1].path, o->path)) {
			/* the sort leaves equal paths in any order: name them in one */
			const char *a = output_source(&plan->items[i - 1]), *b = output_source(o);
			if (strcmp(a, b) > 0) {
				const char *t = a;
				a = b;
				b = t;
			}
			if (!strcmp(a, "folio.yaml") != !strcmp(b, "folio.yaml")) {
				/* a page at a list's, a term's or a feed's address
				 * (a profile titled as a term of an author, a scout's
				 * lab): the page is what to move */
				folio_diags_add(d, FOLIO_RULE_OUTPUT_CLASH, strcmp(a, "folio.yaml") ? a : b, 0, 0,
				                "move the file, give the page another slug: or url:, or rename the term or collection",
				                "output \"%s\" is also a page folio makes (a list's, a term's or a "
				                "feed's, from folio.yaml)", o->path);
				continue;
			}
			folio_diags_add(d, FOLIO_RULE_OUTPUT_CLASH, b, 0, 0,
			                "set slug: in one page's front matter, rename its file, or change the collection's folder in folio.yaml",
			                "output \"%s\" would be written twice, also for \"%s\"", o->path, a);
			continue;
		}
		for (const char *s = strchr(o->path, '/'); s && !other; s = strchr(s + 1, '/'))
			other = plan_find(plan, o->path, (size_t)(s - o->path));
		if (other)
			folio_diags_add(d, FOLIO_RULE_OUTPUT_CLASH, output_source(o), 0, 0,
			                "set slug: in one page's front matter, rename its file, or change the collection's folder in folio.yaml",
			                "output \"%s\" needs \"%s\" as a folder, but that is an output "
			                "of \"%s\"", o->path, other->path, output_source(other));
	}
}

/* An output and its path folded (folio_path_fold): the fold first, for
 * folio_search_cmp_text. */
typedef struct {
	char *fold;
	const folio_output *o;
} folded_output;

static int cmp_folded(const void *a, const void *b)
{
	const folded_output *x = a, *y = b;
	int c = strcmp(x->fold, y->fold);
	return c ? c : strcmp(x->o->path, y->o->path);
}

/* Are o's old URL and its page's own address one output once folded? The
 * page's own output is the page, another of its old URLs, or, for a
 * section's or a term's text (_index.md), the list it is the text of
 * (a venue's /locations/mucem/ keeping /locations/MuCEM/, as Hugo writes
 * both). */
static bool own_alias(const folio_output *o, const folio_output *other)
{
	if (o->kind != FOLIO_UNIT_ALIAS)
		return false;
	if (other->kind == FOLIO_UNIT_PAGE || other->kind == FOLIO_UNIT_ALIAS)
		return other->page == o->page;
	if (other->kind != FOLIO_UNIT_LIST && other->kind != FOLIO_UNIT_TERM)
		return false;
	char *own = folio_layout_url_output(o->page->url);
	bool same = !strcmp(own, other->path);
	free(own);
	return same;
}

/* x and y (x before y in path order) are one file once folded: told on the
 * page, a list's or a term's output (folio.yaml) naming the page. A page's
 * own old URLs are its own: two of them are one redirect page to it, said
 * nothing; one that is its address in another case (/About/ of the page at
 * /about/, kept by a renamed page) a warning, as an old URL that is
 * another output's address is (output/alias-taken): no other page is
 * replaced, and migrated sites keep such URLs. */
static void folded_clash(folio_diags *d, const folio_output *x, const folio_output *y)
{
	if (own_alias(x, y) || own_alias(y, x)) {
		const folio_output *alias = own_alias(x, y) ? x : y, *page = alias == x ? y : x;
		if (page->kind != FOLIO_UNIT_ALIAS)
			folio_diags_add(d, FOLIO_RULE_OUTPUT_ALIAS_TAKEN, alias->page->path, 0, 0,
			                "remove the alias: a web server whose file system ignores case (macOS, "
			                "Windows) would replace the page with its redirect",
			                "the redirect page \"%s\" of an old URL is the page's own \"%s\" but for case, "
			                "Unicode form or trailing dots", alias->path, page->path);
		return;
	}
	const folio_output *on = y, *other = x;
	if (!strcmp(output_source(y), "folio.yaml") && strcmp(output_source(x), "folio.yaml")) {
		on = x;
		other = y;
	}
	folio_diags_add(d, FOLIO_RULE_OUTPUT_CLASH, output_source(on), 0, 0,
	                "change one of the addresses: a web server whose file system ignores them (macOS, "
	                "Windows) would keep only one file",
	                "output \"%s\" and output \"%s\" of \"%s\" differ only in case, Unicode form or trailing dots",
	                on->path, other->path, output_source(other));
}

/*
 * Outputs that differ only in case, Unicode form or trailing dots
 * ("About/index.html" and "about/index.html", "café" written NFC and NFD,
 * an alias "/Docs/" of the page at "/docs/", "about./index.html") are one
 * file, or one folder, on a file system that folds names (folio_path_fold:
 * macOS, Windows, some object-store front ends): one would replace the
 * other, so a pusher could replace a page another owns. An output/clash,
 * as two outputs of one path are. A publish from the state
 * asks the outputs table by the same fold (structure.c), so check --state
 * and a full check agree.
 */
static void check_folded_clashes(const folio_outputs *plan, folio_diags *d)
{
	folded_output *f = folio_xcalloc(plan->count ? plan->count : 1, sizeof(*f));
	size_t n = 0;
	for (size_t i = 0; i < plan->count; i++) {
		const folio_output *o = &plan->items[i];
		char *fold = folio_path_check(o->path, strlen(o->path)) ? NULL /* told */
		                                                        : folio_path_fold(o->path, strlen(o->path));
		if (fold)
			f[n++] = (folded_output){ fold, o };
	}
	folio_sort(f, n, sizeof(*f), cmp_folded);
	for (size_t i = 0; i < n; i++) {
		const char *path = f[i].o->path, *fold = f[i].fold;
		if (i && !strcmp(f[i - 1].fold, fold)) {
			if (strcmp(f[i - 1].o->path, path)) /* one path: check_output_clashes told it */
				folded_clash(d, f[i - 1].o, f[i].o);
			continue;
		}
		/* a folder of it, folded, is another output: the fold keeps each
		 * "/" (no character folds to one), so the k-th of each match */
		const char *fs = strchr(fold, '/'), *ps = strchr(path, '/');
		for (; fs && ps; fs = strchr(fs + 1, '/'), ps = strchr(ps + 1, '/')) {
			folio_text key = { fold, (size_t)(fs - fold) };
			const folded_output *g = folio_search(f, n, sizeof(*f), &key, folio_search_cmp_text);
			if (!g || plan_find(plan, path, (size_t)(ps - path)))
				continue; /* none, or that very path: check_output_clashes told it */
			folio_diags_add(d, FOLIO_RULE_OUTPUT_CLASH, output_source(f[i].o), 0, 0,
			                "change one of the addresses: a web server whose file system ignores them "
			                "(macOS, Windows) cannot hold both",
			                "output \"%s\" needs \"%.*s\" as a folder, but output \"%s\" of \"%s\" "
			                "differs from it only in case, Unicode form or trailing dots",
			                path, (int)(ps - path), path, g->o->path, output_source(g->o));
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(f[i].fold);
	free(f);
}

/*
 * Old URLs that several pages keep (versioned docs copy their aliases into
 * each version: vitess.io 1,300 times): the render plan keeps one redirect
 * page for each, marked contested (render.c, sort_plan), and each other
 * page is told here, a warning, since the site publishes as Hugo and
 * Jekyll do. An old URL that is another output's address (digital.gov's
 * communities/_index.md keeps /communities/data-cabinet/, where an
 * archived page is) is that output's in the plan, as in Hugo, which writes
 * pages over aliases: told here too.
 */
/* Alias k of p is the address of o, which is published there. */
static void alias_taken(folio_diags *d, const folio_page *p, size_t k, const folio_output *o)
{
	char *url = folio_page_alias_url(p, k);
	if (o->kind == FOLIO_UNIT_PAGE)
		folio_diags_add(d, FOLIO_RULE_OUTPUT_ALIAS_TAKEN, p->path, 0, 0, "remove the alias, or move that page",
		                "old URL \"%s\" is the address of \"%s\", which is published there: no redirect is "
		                "written", url, o->page->path);
	else
		folio_diags_add(d, FOLIO_RULE_OUTPUT_ALIAS_TAKEN, p->path, 0, 0, "remove the alias",
		                "old URL \"%s\" is the address of folio's \"%s\", which is published there: no "
		                "redirect is written", url, o->path);
	free(url);
}

static void check_alias_twins(const folio_site *site, const folio_outputs *plan, folio_diags *d)
{
	for (size_t i = 0; i < folio_site_page_count(site); i++) {
		const folio_page *p = folio_site_page(site, i);
		char *prev = NULL; /* "/a" and "/a/" are one redirect page: told once */
		for (size_t k = 0, n = folio_page_alias_count(p); k < n; k++) {
			char *url = folio_page_alias_url(p, k);
			char *out = url ? folio_layout_url_output(url) : NULL;
			free(url);
			const folio_output *o = out ? plan_find(plan, out, strlen(out)) : NULL;
			bool told = out && prev && !strcmp(prev, out);
			if (o && o->contested && o->page != p && !told)
				folio_diags_add(d, FOLIO_RULE_OUTPUT_ALIAS_TWIN, p->path, 0, 0,
				                "remove the alias from the pages it should not lead to",
				                "old URL \"%s\" is kept by \"%s\" too: its redirect page goes there",
				                out, o->page->path);
			else if (o && o->kind != FOLIO_UNIT_ALIAS && !(o->kind == FOLIO_UNIT_PAGE && o->page == p) && !told)
				alias_taken(d, p, k, o);
			if (out) {
				free(prev);
				prev = out;
			}
		}
		free(prev);
	}
}

int folio_validate_site(const folio_site *site, const folio_outputs *outputs, folio_diags *diags)
{
	if (!folio_site_config(site))
		return 0;
	/* held pages too: a scheduled page is published without a push, so it
	 * must be valid when it is pushed; a misnamed file is checked too: its
	 * name must not hide its content's errors */
	size_t np = folio_site_page_count(site), nh = folio_site_held_count(site);
	size_t nm = folio_site_misnamed_count(site), n = np + nh + nm;
	const folio_page **pages = folio_xmalloc((n ? n : 1) * sizeof(*pages));
	for (size_t i = 0; i < np; i++)
		pages[i] = folio_site_page(site, i);
	for (size_t i = 0; i < nh; i++)
		pages[np + i] = folio_site_held(site, i);
	for (size_t i = 0; i < nm; i++)
		pages[np + nh + i] = folio_site_misnamed(site, i);
	/* what loading found (the caller moved it here), then each page's own
	 * (settled in validate_page()), then the checks across pages: folio.yaml's
	 * rules: and ignore: reach each finding once */
	const folio_config *cfg = folio_site_config(site);
	folio_validate_apply_rules(cfg, diags, 0);
	validate_each(site, pages, n, diags);
	size_t across = diags->count;
	check_duplicate_isbns(site, diags);
	check_output_clashes(outputs, diags);
	check_folded_clashes(outputs, diags);
	check_alias_twins(site, outputs, diags);
	check_two_sections(site, diags);
	folio_validate_template_variables(site, diags);
	folio_validate_apply_rules(cfg, diags, across);
	folio_diags_sort(diags);
	free(pages);
	return 0;
}

int folio_validate_pages(const folio_site *site, const folio_page *const *pages, size_t n,
                         folio_diags *diags)
{
	if (!folio_site_config(site))
		return 0;
	validate_each(site, pages, n, diags);
	folio_diags_sort(diags);
	return 0;
}
