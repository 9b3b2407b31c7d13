/*
 * Keywords on one string or number: minLength/maxLength (in characters),
 * pattern (PCRE2 under the regex budgets), format (the table of
 * schema_format.c, ISBN and EAN-13), x-folio-ref records, the bounds and an
 * exact multipleOf. Each adds its findings at the validator's pointer,
 * with the path and findings helpers below (schema_validate.c uses them too).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "folio/isbn.h"
#include "schema_validator.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/banned.h"

/* ---- the validator's path and findings ----
 * Shared with schema_validate.c, they live here so that the walker calls
 * this file and this file never calls back. */

path_mark folio_schema__push_index(validator *v, size_t i)
{
	path_mark m = { v->ptr.size, v->name.size };
	folio_buf_printf(&v->ptr, "/%zu", i);
	folio_buf_printf(&v->name, "[%zu]", i);
	return m;
}

void folio_schema__pop(validator *v, path_mark m)
{
	folio_buf_truncate(&v->ptr, m.ptr);
	folio_buf_truncate(&v->name, m.name);
}

/* The subject of a message: "authors[1]" quoted, or "the value" at the root. */
void folio_schema__put_subject(folio_buf *b, const validator *v)
{
	if (v->name.size)
		folio_schema__put_quoted(b, v->name.ptr, v->name.size, 200);
	else
		folio_buf_puts(b, folio_i18n_finding("the value"));
}

/* Append a finding at the current pointer; msg is taken over. */
void folio_schema__add_finding(validator *v, folio_rule rule, folio_buf *msg, const char *hint)
{
	folio_schema_findings *f = v->out;
	FOLIO_ARRAY_GROW(f->items, f->count, f->alloc, f->count + 1);
	folio_schema_finding *x = &f->items[f->count++];
	x->pointer = folio_xstrndup(v->ptr.ptr, v->ptr.size);
	x->rule = rule;
	x->message = folio_buf_detach(msg, NULL);
	x->hint = hint && *hint ? folio_xstrdup(folio_i18n_finding(hint)) : NULL;
}

void folio_schema__stop(validator *v, folio_rule rule, const char *why, const char *hint)
{
	if (v->aborted)
		return;
	folio_buf msg = FOLIO_BUF_INIT;
	folio_buf_puts(&msg, folio_i18n_finding("validation of "));
	folio_schema__put_subject(&msg, v);
	folio_buf_printf(&msg, folio_i18n_finding(" stopped: %s"), why);
	v->aborted = true;
	v->abort_rule = rule;
	v->abort_ptr = folio_xstrndup(v->ptr.ptr, v->ptr.size);
	v->abort_msg = folio_buf_detach(&msg, NULL);
	v->abort_hint = folio_xstrdup(hint);
}

/*
 * The check's total (schema-work) takes work in batches, so that the
 * threads do not all write one counter at each step: a batch is well
 * under a millisecond. Whatever a validation does, all its work is handed
 * over by its end, so the check's total is the same for any thread count.
 */
#define CHARGE_BATCH 4096ULL

bool folio_schema__hand_over(validator *v)
{
	unsigned long long work = v->pending;
	v->pending = 0;
	if (!v->opts->charge || !work || v->opts->charge(work, v->opts->payload))
		return true;
	if (!v->aborted)
		folio_schema__stop(v, FOLIO_RULE_BUDGET_SCHEMA, "the pages need more schema work than schema-work allows",
		                   FOLIO_N_("simplify the schema (anyOf and oneOf multiply the work), or raise schema-work"));
	return false;
}

bool folio_schema__charge(validator *v, unsigned long long work)
{
	v->pending += work;
	if (v->pending >= CHARGE_BATCH && !v->aborted)
		folio_schema__hand_over(v);
	return !v->aborted;
}

bool folio_schema__charge_regex(validator *v)
{
	unsigned long long units = v->regex_work / FOLIO_SCHEMA_REGEX_PER_STEP;
	unsigned long long fresh = units - v->regex_handed;
	v->regex_handed = units;
	return folio_schema__charge(v, fresh);
}

/* "<subject> <formatted rest>" */
void folio_schema__finding(validator *v, folio_rule rule, const char *hint, const char *fmt, ...)
{
	folio_buf msg = FOLIO_BUF_INIT;
	va_list ap;
	folio_schema__put_subject(&msg, v);
	folio_buf_putc(&msg, ' ');
	va_start(ap, fmt);
	folio_buf_vprintf(&msg, folio_i18n_finding(fmt), ap);
	va_end(ap);
	folio_schema__add_finding(v, rule, &msg, hint);
}

static size_t utf8_length(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}

bool folio_schema__check_format(validator *v, const node *n, const char *s, size_t len)
{
	if (n->format == FORMAT_ISBN) {
		folio_isbn_info info;
		folio_isbn_parse(&info, s);
		if (info.status == FOLIO_ISBN_VALID)
			return true;
		if (info.message[0]) {
			folio_buf msg = FOLIO_BUF_INIT;
			folio_buf_puts(&msg, info.message);
			folio_schema__add_finding(v, info.rule, &msg, info.hint);
		} else {
			folio_schema__finding(v, info.rule, info.hint, "is not a valid ISBN");
		}
		return false;
	}
	if (n->format == FORMAT_EAN13) {
		folio_rule rule = FOLIO_RULE__COUNT;
		char err[200] = "";
		folio_ean13_check(s, &rule, err, sizeof(err));
		if (rule == FOLIO_RULE__COUNT)
			return true;
		if (err[0]) {
			folio_buf msg = FOLIO_BUF_INIT;
			folio_buf_puts(&msg, err);
			folio_schema__add_finding(v, rule, &msg, NULL);
		} else {
			folio_schema__finding(v, rule, NULL, "is not a valid EAN-13");
		}
		return false;
	}
	for (size_t i = 0; i < folio_schema__nformats; i++) {
		if (folio_schema__formats[i].kind != n->format || !folio_schema__formats[i].check)
			continue;
		if (folio_schema__formats[i].check(s, len))
			return true;
		folio_buf msg = FOLIO_BUF_INIT;
		folio_schema__put_subject(&msg, v);
		folio_buf_printf(&msg, folio_i18n_finding(" is not a valid %s: "), folio_schema__formats[i].name);
		folio_schema__put_quoted(&msg, s, len, 60);
		folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_FORMAT, &msg, folio_schema__formats[i].hint);
		return false;
	}
	return true;
}

/* PCRE2 takes 32-bit limits: a larger budget is as good as unlimited. */
static uint32_t pcre2_limit(size_t value, uint32_t dflt)
{
	if (!value)
		return dflt;
	return value > UINT32_MAX ? UINT32_MAX : (uint32_t)value;
}

static unsigned long regex_match_limit(const validator *v)
{
	return pcre2_limit(v->opts->regex_match_limit, FOLIO_SCHEMA_REGEX_MATCH_LIMIT);
}

static pcre2_match_context *match_context(validator *v)
{
	if (v->mctx)
		return v->mctx;
	v->mctx = pcre2_match_context_create(NULL);
	FOLIO_ASSERT(v->mctx);
	const folio_schema_options *o = v->opts;
	pcre2_set_depth_limit(v->mctx, pcre2_limit(o->regex_depth_limit, FOLIO_SCHEMA_REGEX_DEPTH_LIMIT));
	pcre2_set_heap_limit(v->mctx, pcre2_limit(o->regex_heap_kib, FOLIO_SCHEMA_REGEX_HEAP_KIB));
	return v->mctx;
}

/*
 * One validation's regex work is bounded too, not only each match's:
 * regex-match bounds one value against one pattern, and a front matter of
 * 1,000 values at that limit took 11 s to check (a 1 MiB one holds 30,000;
 * an anyOf tree of a schema reaches one pattern a million times). PCRE2
 * does not say how much work a match took, so a match runs under match
 * limits growing tenfold from REGEX_FIRST_LIMIT up to regex-match, and is
 * charged each limit it ran under: at most 1.12 times its work, and
 * REGEX_FIRST_LIMIT for a cheap one. A validation may spend
 * REGEX_TOTAL_FACTOR times regex-match (0.2 s); past it, it stops with a
 * budget/regex finding.
 */
#define REGEX_FIRST_LIMIT 100UL
#define REGEX_TOTAL_FACTOR 16ULL

/* regex_search's answer, the match limits escalated and charged. */
static int charged_search(validator *v, const pcre2_code *re, const char *s, size_t len)
{
	pcre2_match_context *mctx = match_context(v);
	unsigned long most = regex_match_limit(v), limit = REGEX_FIRST_LIMIT < most ? REGEX_FIRST_LIMIT : most;
	for (;;) {
		pcre2_set_match_limit(mctx, (uint32_t)limit);
		v->regex_work += limit;
		int rc = folio_schema__regex_search(re, s, len, mctx);
		if (rc != -2 || limit == most)
			return rc == -2 ? -1 : rc;
		limit = limit > most / 10 ? most : limit * 10;
	}
}

/*
 * Unanchored search, as ECMA-262 "test" does: 1 match, 0 none, -1 when the
 * regex budgets stopped it (a budget/regex finding is made: the value is
 * neither accepted nor refused by the pattern, it is refused by the budget).
 */
int folio_schema__pattern_search(validator *v, const pcre2_code *re, const char *pattern,
                                 const char *s, size_t len)
{
	if (v->aborted)
		return -1;
	int rc = charged_search(v, re, s, len);
	if (!folio_schema__charge_regex(v))
		return -1; /* the check's total: its finding is made */
	if (v->regex_work > REGEX_TOTAL_FACTOR * regex_match_limit(v)) {
		char why[128];
		snprintf(why, sizeof(why), folio_i18n_finding("its patterns need more than %llu regex steps "
		                                              "(16 times regex-match)"),
		         REGEX_TOTAL_FACTOR * regex_match_limit(v));
		folio_schema__stop(v, FOLIO_RULE_BUDGET_REGEX, why,
		                   FOLIO_N_("fewer values under a pattern, or simpler patterns (nested repetition "
		                            "backtracks), or raise regex-match"));
		return -1;
	}
	if (rc >= 0)
		return rc;
	folio_buf msg = FOLIO_BUF_INIT;
	folio_schema__put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" takes too much work to match against the pattern "));
	folio_schema__put_quoted(&msg, pattern, strlen(pattern), 80);
	folio_buf_printf(&msg,
	                 folio_i18n_finding(" (%zu bytes; limits: regex-match %lu, regex-depth %lu, "
	                                    "regex-heap %lu KiB)"),
	                 len, (unsigned long)(v->opts->regex_match_limit ? v->opts->regex_match_limit
	                                                                 : FOLIO_SCHEMA_REGEX_MATCH_LIMIT),
	                 (unsigned long)(v->opts->regex_depth_limit ? v->opts->regex_depth_limit
	                                                            : FOLIO_SCHEMA_REGEX_DEPTH_LIMIT),
	                 (unsigned long)(v->opts->regex_heap_kib ? v->opts->regex_heap_kib
	                                                         : FOLIO_SCHEMA_REGEX_HEAP_KIB));
	folio_schema__add_finding(v, FOLIO_RULE_BUDGET_REGEX, &msg,
	            "shorten the value or simplify the pattern (nested repetition backtracks), "
	            "or raise the regex limits");
	return -1;
}

static bool check_pattern(validator *v, const node *n, const char *s, size_t len)
{
	int rc = folio_schema__pattern_search(v, n->re, n->pattern, s, len);
	if (rc)
		return rc > 0;
	folio_buf msg = FOLIO_BUF_INIT;
	folio_schema__put_subject(&msg, v);
	folio_buf_puts(&msg, folio_i18n_finding(" does not match the pattern "));
	folio_schema__put_quoted(&msg, n->pattern, strlen(n->pattern), 80);
	folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
	return false;
}

/* x-folio-ref: the string names a record of the collection. */
static bool check_record(validator *v, const node *n, const json_t *x)
{
	const char *slug = json_string_value(x);
	if (v->opts->ref_exists(n->ref_collection, slug, v->opts->payload))
		return true;
	folio_buf msg = FOLIO_BUF_INIT;
	char *hint = folio_xasprintf(folio_i18n_finding("create %s/%s.md or correct the slug"),
	                             n->ref_collection, slug);
	folio_schema__put_quoted(&msg, slug, json_string_length(x), 80);
	folio_buf_puts(&msg, folio_i18n_finding(" is not a record of "));
	folio_schema__put_quoted(&msg, n->ref_collection, strlen(n->ref_collection), 80);
	folio_schema__add_finding(v, FOLIO_RULE_REF_MISSING, &msg, hint);
	free(hint);
	return false;
}

bool folio_schema__check_records(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	if (!n->ref_collection || !v->opts->ref_exists)
		return true;
	if (json_is_string(x))
		return check_record(v, n, x);
	for (size_t i = 0; json_is_array(x) && i < json_array_size(x); i++) {
		const json_t *item = json_array_get(x, i);
		if (!json_is_string(item))
			continue;
		path_mark m = folio_schema__push_index(v, i);
		ok &= check_record(v, n, item);
		folio_schema__pop(v, m);
	}
	return ok;
}

bool folio_schema__check_string(validator *v, const node *n, const json_t *x)
{
	const char *s = json_string_value(x);
	size_t len = json_string_length(x);
	bool ok = true;
	if (n->min_length >= 0 || n->max_length >= 0) {
		long long chars = (long long)utf8_length(s, len);
		if (n->min_length >= 0 && chars < n->min_length) {
			folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must be at least %lld character%s long",
			        n->min_length, n->min_length == 1 ? "" : "s");
			ok = false;
		}
		if (n->max_length >= 0 && chars > n->max_length) {
			folio_schema__finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, NULL, "must be at most %lld character%s long",
			        n->max_length, n->max_length == 1 ? "" : "s");
			ok = false;
		}
	}
	if (n->re)
		ok &= check_pattern(v, n, s, len);
	if (n->format != FORMAT_NONE && v->opts->assert_formats)
		ok &= folio_schema__check_format(v, n, s, len);
	return ok;
}

static bool check_bound(validator *v, const json_t *x, const number_bound *b, int bad, bool or_equal,
                        const char *phrase)
{
	if (!b->set)
		return true;
	int c = folio_schema__bound_cmp(x, b);
	if (c != bad && !(or_equal && c == 0))
		return true;
	folio_buf msg = FOLIO_BUF_INIT;
	folio_schema__put_subject(&msg, v);
	folio_buf_printf(&msg, folio_i18n_finding(" must be %s "), folio_i18n_finding(phrase));
	folio_schema__put_bound(&msg, b);
	folio_buf_puts(&msg, folio_i18n_finding(", not "));
	folio_schema__put_number(&msg, x);
	folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
	return false;
}

bool folio_schema__check_number(validator *v, const node *n, const json_t *x)
{
	bool ok = true;
	if (n->multiple_of.set && !folio_schema__is_multiple(x, &n->multiple_of)) {
		folio_buf msg = FOLIO_BUF_INIT;
		folio_schema__put_subject(&msg, v);
		folio_buf_puts(&msg, folio_i18n_finding(" must be a multiple of "));
		folio_schema__put_bound(&msg, &n->multiple_of);
		folio_buf_puts(&msg, folio_i18n_finding(", not "));
		folio_schema__put_number(&msg, x);
		folio_schema__add_finding(v, FOLIO_RULE_FRONT_MATTER_SCHEMA, &msg, NULL);
		ok = false;
	}
	ok &= check_bound(v, x, &n->minimum, -1, false, FOLIO_N_("at least"));
	ok &= check_bound(v, x, &n->maximum, 1, false, FOLIO_N_("at most"));
	ok &= check_bound(v, x, &n->exclusive_minimum, -1, true, FOLIO_N_("greater than"));
	ok &= check_bound(v, x, &n->exclusive_maximum, 1, true, FOLIO_N_("less than"));
	return ok;
}

