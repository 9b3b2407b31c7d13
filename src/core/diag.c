/* Content findings: the rule table, the list, and the text format. */
#include "folio/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "util/alloc.h"
#include "util/banned.h"

static const struct {
	const char *name;
	folio_severity severity;
	bool locked;
	const char *doc;
} rules[] = {
#define RULE(id, name, sev, lock, doc) { name, FOLIO_SEVERITY_##sev, RULE_LOCK_##lock, doc },
#define RULE_LOCK_OPEN false
#define RULE_LOCK_LOCKED true
#include "folio/rules.def"
#undef RULE
#undef RULE_LOCK_OPEN
#undef RULE_LOCK_LOCKED
};

const char *folio_rule_name(folio_rule rule)
{
	return rule < FOLIO_RULE__COUNT ? rules[rule].name : "unknown";
}

const char *folio_rule_doc(folio_rule rule)
{
	return rule < FOLIO_RULE__COUNT ? rules[rule].doc : "";
}

folio_severity folio_rule_severity(folio_rule rule)
{
	return rule < FOLIO_RULE__COUNT ? rules[rule].severity : FOLIO_SEVERITY_ERROR;
}

bool folio_rule_locked(folio_rule rule)
{
	return rule < FOLIO_RULE__COUNT ? rules[rule].locked : true;
}

folio_rule folio_rule_from_name(const char *name)
{
	for (int i = 0; i < FOLIO_RULE__COUNT; i++)
		if (!strcmp(rules[i].name, name))
			return (folio_rule)i;
	return FOLIO_RULE__COUNT;
}

void folio_diags_init(folio_diags *diags)
{
	diags->items = NULL;
	diags->count = diags->alloc = 0;
	diags->counted_only = false;
}

void folio_diags_dispose(folio_diags *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		free(diags->items[i].path);
		free(diags->items[i].message);
		free(diags->items[i].hint);
	}
	free(diags->items);
	folio_diags_init(diags);
}

void folio_diags_add(folio_diags *diags, folio_rule rule, const char *path,
                     unsigned line, unsigned column, const char *hint,
                     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	folio_diags_vadd(diags, rule, path, line, column, hint, FOLIO_DIAG_MAX_MESSAGE, fmt, ap);
	va_end(ap);
}

void folio_diags_vadd(folio_diags *diags, folio_rule rule, const char *path, unsigned line,
                      unsigned column, const char *hint, size_t max_chars, const char *fmt,
                      va_list ap)
{
	if (diags->counted_only) {
		FOLIO_ARRAY_GROW(diags->items, diags->count, diags->alloc, diags->count + 1);
		diags->items[diags->count++] = (folio_diag){ .rule = rule, .severity = folio_rule_severity(rule),
		                                             .path = folio_xstrdup(path ? path : ""), .line = line,
		                                             .column = column, .message = folio_xstrdup("") };
		return;
	}
	folio_buf raw = FOLIO_BUF_INIT, msg = FOLIO_BUF_INIT;
	/* translated here, where every finding passes, so that call sites stay
	 * plain English (xgettext finds them: scripts/po-update.sh) */
	folio_i18n_vformat(&raw, folio_i18n_findings_language(), folio_i18n_finding(fmt), ap);
	hint = folio_i18n_finding(hint);
	/* a finding is one line whatever text it quotes */
	folio_buf_put_one_line(&msg, raw.ptr, max_chars);
	folio_buf_dispose(&raw);

	FOLIO_ARRAY_GROW(diags->items, diags->count, diags->alloc, diags->count + 1);
	folio_diag *d = &diags->items[diags->count++];
	d->rule = rule;
	d->severity = folio_rule_severity(rule);
	d->path = folio_xstrdup(path ? path : "");
	d->line = line;
	d->column = column;
	d->message = folio_buf_detach(&msg, NULL);
	d->hint = NULL;
	if (hint && *hint) {
		/* a hint may end with a pushed schema's words (its title and
		 * description): one line, and bounded as a message is, or a 1 MB
		 * description was 1 MB a finding (t537) */
		folio_buf h = FOLIO_BUF_INIT;
		folio_buf_put_one_line(&h, hint, FOLIO_DIAG_MAX_HINT);
		d->hint = folio_buf_detach(&h, NULL);
	}
}

void folio_diags_move(folio_diags *dst, folio_diags *src)
{
	FOLIO_ARRAY_GROW(dst->items, dst->count, dst->alloc, dst->count + src->count);
	if (src->count)
		memcpy(dst->items + dst->count, src->items, src->count * sizeof(*src->items));
	dst->count += src->count;
	free(src->items);
	folio_diags_init(src);
}

void folio_diags_cap_per_rule(folio_diags *diags, size_t max)
{
	if (diags->count <= max)
		return;
	size_t seen[FOLIO_RULE__COUNT + 1] = { 0 }, kept = 0;
	folio_diag first[FOLIO_RULE__COUNT + 1]; /* the first dropped of each rule: where the rest start */
	for (size_t i = 0; i < diags->count; i++) {
		folio_diag *d = &diags->items[i];
		size_t r = (int)d->rule >= 0 && d->rule < FOLIO_RULE__COUNT ? (size_t)d->rule : FOLIO_RULE__COUNT;
		if (seen[r]++ < max) {
			diags->items[kept++] = *d;
		} else if (seen[r] == max + 1) {
			first[r] = *d;
		} else {
			free(d->path);
			free(d->message);
			free(d->hint);
		}
	}
	diags->count = kept;
	for (size_t r = 0; r <= FOLIO_RULE__COUNT; r++) {
		if (seen[r] <= max)
			continue;
		folio_diag *d = &first[r];
		folio_diags_add(diags, d->rule, d->path, d->line, d->column,
		                "fix the ones listed, then check again: the rest are said then",
		                "%zu more findings of this rule in this file are not listed", seen[r] - max);
		diags->items[diags->count - 1].severity = d->severity;
		free(d->path);
		free(d->message);
		free(d->hint);
	}
}

static void diag_free_fields(folio_diag *d)
{
	free(d->path);
	free(d->message);
	free(d->hint);
}

void folio_diags_move_bounded(folio_diags *dst, folio_diags *src, size_t max, folio_diags_tally *tally)
{
	size_t keep = dst->count < max ? max - dst->count : 0;
	if (keep > src->count)
		keep = src->count;
	FOLIO_ARRAY_GROW(dst->items, dst->count, dst->alloc, dst->count + keep);
	if (keep)
		memcpy(dst->items + dst->count, src->items, keep * sizeof(*src->items));
	dst->count += keep;
	for (size_t i = keep; i < src->count; i++) {
		folio_diag *d = &src->items[i];
		size_t r = (int)d->rule >= 0 && d->rule < FOLIO_RULE__COUNT ? (size_t)d->rule : FOLIO_RULE__COUNT;
		size_t e = d->severity == FOLIO_SEVERITY_ERROR;
		if (tally->count[r][e]++)
			diag_free_fields(d);
		else
			tally->first[r][e] = *d;
	}
	free(src->items);
	folio_diags_init(src);
}

void folio_diags_tally_flush(folio_diags *dst, folio_diags_tally *tally)
{
	for (size_t r = 0; r <= FOLIO_RULE__COUNT; r++)
		for (size_t e = 0; e < 2; e++) {
			if (!tally->count[r][e])
				continue;
			folio_diag *d = &tally->first[r][e];
			folio_diags_add(dst, d->rule, d->path, d->line, d->column,
			                "fix the ones listed, then check again: the rest are said then",
			                "%zu more findings of this rule in this commit are not listed",
			                tally->count[r][e]);
			dst->items[dst->count - 1].severity = d->severity;
			diag_free_fields(d);
			tally->count[r][e] = 0;
		}
}

void folio_diags_tally_dispose(folio_diags_tally *tally)
{
	for (size_t r = 0; r <= FOLIO_RULE__COUNT; r++)
		for (size_t e = 0; e < 2; e++)
			if (tally->count[r][e]) {
				diag_free_fields(&tally->first[r][e]);
				tally->count[r][e] = 0;
			}
}

void folio_diags_prefix(folio_diags *diags, const char *folder)
{
	for (size_t i = 0; *folder && i < diags->count; i++) {
		folio_diag *d = &diags->items[i];
		char *p = folio_xasprintf(d->path && *d->path ? "%s/%s" : "%s", folder, d->path ? d->path : "");
		free(d->path);
		d->path = p;
	}
}

static int diag_cmp(const void *a, const void *b)
{
	const folio_diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->message, y->message);
}

void folio_diags_sort(folio_diags *diags)
{
	if (diags->count > 1)
		qsort(diags->items, diags->count, sizeof(*diags->items), diag_cmp);
}

size_t folio_diags_count(const folio_diags *diags, folio_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < diags->count; i++)
		n += diags->items[i].severity == severity;
	return n;
}

void folio_diag_format_text(folio_buf *out, const folio_diag *d)
{
	/* quoted as git quotes it: a name holding a newline forges no line */
	folio_buf_put_quoted(out, d->path, strlen(d->path));
	if (d->line) {
		folio_buf_printf(out, ":%u", d->line);
		if (d->column)
			folio_buf_printf(out, ":%u", d->column);
	}
	folio_buf_printf(out, ": %s: %s [%s]\n",
	                 d->severity == FOLIO_SEVERITY_ERROR ? "error" : "warning",
	                 d->message, folio_rule_name(d->rule));
	if (d->hint)
		/* TRANSLATORS: label of the line that tells how to fix a finding */
		folio_buf_printf(out, "  %s %s\n", folio_i18n_finding("hint:"), d->hint);
}

void folio_diags_print_text(FILE *fp, const folio_diags *diags)
{
	folio_buf b = FOLIO_BUF_INIT;
	for (size_t i = 0; i < diags->count; i++)
		folio_diag_format_text(&b, &diags->items[i]);
	fwrite(b.ptr, 1, b.size, fp);
	folio_buf_dispose(&b);
}
