/*
 * folio isbn: check and hyphenate the ISBNs given as arguments.
 *
 * Text output, one tab-separated line per argument on stdout:
 *   input, "valid" or "invalid", hyphenated ISBN-13, hyphenated ISBN-10,
 *   and for an invalid one its rule id (an unknown range counts as invalid).
 * The hyphenated forms are empty when they cannot be computed. Why an ISBN
 * is invalid, and how to fix it, goes to stderr. --json prints one JSON
 * array instead, an object per argument with input, valid, status ("valid",
 * "invalid", "unknown-range"), isbn13, isbn10, ean, rule, message and hint
 * (null where empty). Exit 0 when all are valid, 1 otherwise, 2 on usage
 * errors or when the ranges cannot be loaded.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "exit.h"
#include "folio/folio.h"
#include "util/banned.h"

static const char synopsis[] = "[--json] [--ranges FILE] ISBN...";
static const char description[] =
	"Check ISBN-10s and ISBN-13s (written with or without hyphens or spaces)\n"
	"and print their hyphenated forms as the ISBN agency's ranges give them.\n"
	"Prints: input, valid|invalid, ISBN-13, ISBN-10 [, rule], tab-separated.\n"
	"FOLIO_ISBN_RANGES=FILE in the environment replaces the ranges, as --ranges does.";

/* Print s as one field of one line: control bytes become '?'. */
static void put_field(FILE *fp, const char *s)
{
	for (const char *p = s; *p; p++)
		fputc((unsigned char)*p < 0x20 || *p == 0x7F ? '?' : *p, fp);
}

static void print_text(const char *input, const folio_isbn_info *info)
{
	put_field(stdout, input);
	if (info->status == FOLIO_ISBN_VALID) {
		printf("\tvalid\t%s\t%s\n", info->isbn13, info->isbn10);
	} else {
		const char *rule = folio_rule_name(info->rule);
		printf("\tinvalid\t%s\t%s\t%s\n", info->isbn13, info->isbn10, rule);
		fflush(stdout);
		fprintf(stderr, _("folio isbn: "));
		put_field(stderr, input);
		fprintf(stderr, ": %s: %s [%s]\n",
		        folio_rule_severity(info->rule) == FOLIO_SEVERITY_ERROR ? "error" : "warning",
		        info->message, rule);
		if (info->hint[0])
			fprintf(stderr, "  hint: %s\n", info->hint);
	}
}

/* A JSON string of s; bytes that are not UTF-8 become '?'. */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	char *copy = strdup(s);
	if (!copy)
		return NULL;
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *json_or_null(const char *s)
{
	return s[0] ? json_text(s) : json_null();
}

static json_t *json_info(const char *input, const folio_isbn_info *info)
{
	static const char *const status[] = { "valid", "unknown-range", "invalid" };
	bool valid = info->status == FOLIO_ISBN_VALID;
	json_t *o = json_object();
	json_object_set_new(o, "input", json_text(input));
	json_object_set_new(o, "valid", json_boolean(valid));
	json_object_set_new(o, "status", json_string(status[info->status]));
	json_object_set_new(o, "isbn13", json_or_null(info->isbn13));
	json_object_set_new(o, "isbn10", json_or_null(info->isbn10));
	json_object_set_new(o, "ean", json_or_null(info->digits13));
	json_object_set_new(o, "rule", valid ? json_null() : json_string(folio_rule_name(info->rule)));
	json_object_set_new(o, "message", json_or_null(info->message));
	json_object_set_new(o, "hint", json_or_null(info->hint));
	return o;
}

static int print_json(json_t *array)
{
	char *s = json_dumps(array, JSON_INDENT(2));
	if (!s) {
		fprintf(stderr, _("folio isbn: cannot write JSON\n"));
		return -1;
	}
	printf("%s\n", s);
	free(s);
	return 0;
}

static void print_ranges_date(void)
{
	printf(_("\nISBN ranges: message of %s\n"), folio_isbn_ranges_date());
}

static int check_all(char **isbns, int n, bool json)
{
	int rc = FOLIO_EXIT_OK;
	json_t *array = json ? json_array() : NULL;
	for (int i = 0; i < n; i++) {
		folio_isbn_info info;
		folio_isbn_parse(&info, isbns[i]);
		if (info.status != FOLIO_ISBN_VALID)
			rc = FOLIO_EXIT_CONTENT;
		if (json)
			json_array_append_new(array, json_info(isbns[i], &info));
		else
			print_text(isbns[i], &info);
	}
	if (json) {
		if (print_json(array) < 0)
			rc = FOLIO_EXIT_USAGE;
		json_decref(array);
	}
	return rc;
}

int cmd_isbn(int argc, char **argv)
{
	bool json = false, version = false;
	const char *ranges = NULL;
	const folio_opt opts[] = {
		{ "json", FOLIO_OPT_FLAG, &json, NULL, "print a JSON array of results" },
		{ "ranges", FOLIO_OPT_STRING, &ranges, "FILE", "use the ranges of this RangeMessage.xml" },
		{ "version", FOLIO_OPT_FLAG, &version, NULL, "print the version and the ranges' date" },
		{ NULL, 0, NULL, NULL, NULL },
	};
	/* FOLIO_ISBN_RANGES was loaded by main() for every command */
	char **isbns = calloc((size_t)argc + 1, sizeof(*isbns));
	if (!isbns) {
		fprintf(stderr, _("folio isbn: out of memory\n"));
		return FOLIO_EXIT_USAGE;
	}
	int n = 0, rc = FOLIO_EXIT_USAGE;
	int parsed = folio_opts_parse("isbn", synopsis, description, opts, argc, argv,
	                              isbns, argc, &n);
	if (parsed == 1) {
		print_ranges_date();
		rc = FOLIO_EXIT_OK;
		goto done;
	}
	if (parsed < 0)
		goto done;
	if (ranges && folio_isbn_ranges_load(ranges) < 0) {
		fprintf(stderr, _("folio isbn: %s\n"), folio_error_last());
		goto done;
	}
	if (version) {
		printf("folio %s\nISBN ranges: message of %s\n", FOLIO_VERSION, folio_isbn_ranges_date());
		rc = FOLIO_EXIT_OK;
		goto done;
	}
	if (n == 0) {
		fprintf(stderr, _("folio isbn: no ISBN given; see 'folio isbn --help'\n"));
		goto done;
	}
	rc = check_all(isbns, n, json);
done:
	free(isbns);
	return rc;
}
