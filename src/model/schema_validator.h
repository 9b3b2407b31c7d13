/*
 * The validator's state, shared by schema_validate.c (the walk,
 * applicators) and schema_scalar.c (keywords on one string or number, and
 * the path and findings helpers the walk calls down to).
 */
#ifndef FOLIO_SCHEMA_VALIDATOR_H
#define FOLIO_SCHEMA_VALIDATOR_H

#include "folio/diag.h"
#include "schema_graph.h"

typedef struct {
	const folio_schema *s;
	folio_schema_findings *out;
	const folio_schema_options *opts;
	folio_buf ptr;  /* JSON pointer of the current value */
	folio_buf name; /* the same, readable: authors[1].name */
	unsigned depth;
	unsigned long steps;
	unsigned long long regex_work; /* PCRE2 steps charged to this validation */
	unsigned long long pending;    /* work not yet handed to opts->charge */
	unsigned long long regex_handed; /* regex_work / FOLIO_SCHEMA_REGEX_PER_STEP counted in pending */
	bool aborted;
	folio_rule abort_rule;
	char *abort_ptr, *abort_msg, *abort_hint;
	/* Types that type failures at the pointer of length expected_at asked
	 * for: lets anyOf/oneOf say "must be a string or an array". */
	unsigned expected;
	size_t expected_at;
	pcre2_match_context *mctx; /* the regex budgets; made on first use */
} validator;

typedef struct {
	size_t ptr, name;
} path_mark;

/* Count work toward the check's total (opts->charge); false when the
 * walk is stopped (by that total or before). */
bool folio_schema__charge(validator *v, unsigned long long work);
/* regex_work's growth counted toward the check's total. */
bool folio_schema__charge_regex(validator *v);
/* Hand the work counted so far to the check's total now (at the walk's
 * end, whatever stopped it); false when the total is past its limit. */
bool folio_schema__hand_over(validator *v);

/* The subject of a message: "authors[1]" quoted, or "the value" at the root. */
void folio_schema__put_subject(folio_buf *b, const validator *v);
/* Stop the walk: one finding of rule, "validation of <subject> stopped:
 * <why>", with hint, made at the end (a branch of anyOf drops its own). */
void folio_schema__stop(validator *v, folio_rule rule, const char *why, const char *hint);
/* Append a finding at the current pointer; msg is taken over. */
void folio_schema__add_finding(validator *v, folio_rule rule, folio_buf *msg, const char *hint);
/* "<subject> <formatted rest>", the format translated. */
void folio_schema__finding(validator *v, folio_rule rule, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Step into item i of an array; pop() steps back out. */
path_mark folio_schema__push_index(validator *v, size_t i);
void folio_schema__pop(validator *v, path_mark m);

/* Keywords on one value (schema_scalar.c); false when a finding was added. */
bool folio_schema__check_string(validator *v, const node *n, const json_t *x);
bool folio_schema__check_number(validator *v, const node *n, const json_t *x);
/* format: false when a finding was added (ISBN and EAN-13 included). */
bool folio_schema__check_format(validator *v, const node *n, const char *s, size_t len);
/* Unanchored search under the regex budgets: 1 match, 0 none, -1 when a
 * budget stopped it (a budget/regex finding was added). */
int folio_schema__pattern_search(validator *v, const pcre2_code *re, const char *pattern,
                                 const char *s, size_t len);
/* x-folio-ref: a string, or each string of an array, names a record. */
bool folio_schema__check_records(validator *v, const node *n, const json_t *x);

#endif
