/*
 * ISBN parsing, check digits, conversion and hyphenation against a range
 * table (the compiled-in one, or one isbn_load.c read from a
 * RangeMessage.xml).
 *
 * An ISBN-13 is EAN prefix (978/979), registration group, registrant,
 * publication, check digit. The EAN prefix's rules say how long the group
 * code is; the group's rules say how long the registrant code is; the
 * publication element takes what is left. A rule of length 0, or no rule,
 * means the range is not assigned: the ISBN may be real but newer than the
 * data, so it is "unknown range", not invalid.
 *
 * Invariants: folio_isbn_info strings are always NUL-terminated; digits13
 * is set exactly when the length, characters, prefix and check digit are
 * right; isbn13/isbn10 are set only when the ranges could place every hyphen.
 */
#include "folio/isbn.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "folio/i18n.h"
#include "isbn_ranges.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/search.h"
#include "util/text.h"
#include "util/banned.h"

/* ---- range table lookup ---- */

static int cmp_group(const void *elem, const void *prefix)
{
	return strcmp(((const folio_isbn__group *)elem)->prefix, prefix);
}

static const folio_isbn__group *find_entry(const folio_isbn__group *entries, size_t n,
                                           const char *prefix)
{
	return folio_search(entries, n, sizeof(*entries), prefix, cmp_group);
}

/* A rule is before v when it ends below it, after when it starts above it. */
static int rule_holds(const void *elem, const void *key)
{
	const folio_isbn__rule *r = elem;
	uint32_t v = *(const uint32_t *)key;
	return r->hi < v ? -1 : r->lo > v;
}

/* Length of the element that starts at the 7-digit value v, 0 when unassigned. */
static unsigned rule_length(const folio_isbn__ranges *r, const folio_isbn__group *entry,
                            uint32_t v)
{
	if (!entry->count)
		return 0; /* rules may then be NULL */
	const folio_isbn__rule *rule = folio_search(r->rules + entry->first, entry->count,
	                                            sizeof(*r->rules), &v, rule_holds);
	return rule ? rule->length : 0;
}

enum { SPLIT_OK, SPLIT_NO_GROUP, SPLIT_NO_REGISTRANT };

/*
 * Split the 13 digits d into EAN, group, registrant, publication and check
 * element lengths (parts[5]). On SPLIT_NO_REGISTRANT, group_prefix holds
 * the group's digits for the message.
 */
static int split13(const folio_isbn__ranges *r, const char *d, unsigned parts[5],
                   char group_prefix[FOLIO_ISBN__PREFIX_MAX + 1])
{
	char prefix[FOLIO_ISBN__PREFIX_MAX + 1];
	memcpy(prefix, d, 3);
	prefix[3] = '\0';
	const folio_isbn__group *ean = find_entry(r->eans, r->neans, prefix);
	if (!ean)
		return SPLIT_NO_GROUP;
	unsigned glen = rule_length(r, ean, folio_isbn__seven_digits(d + 3, 9));
	if (glen == 0 || glen > 5)
		return SPLIT_NO_GROUP;
	memcpy(prefix + 3, d + 3, glen);
	prefix[3 + glen] = '\0';
	const folio_isbn__group *group = find_entry(r->groups, r->ngroups, prefix);
	if (!group)
		return SPLIT_NO_GROUP;
	memcpy(group_prefix, prefix, sizeof(prefix));
	unsigned rlen = rule_length(r, group, folio_isbn__seven_digits(d + 3 + glen, 9 - glen));
	/* The publication element needs at least one digit. */
	if (rlen == 0 || glen + rlen > 8)
		return SPLIT_NO_REGISTRANT;
	parts[0] = 3;
	parts[1] = glen;
	parts[2] = rlen;
	parts[3] = 9 - glen - rlen;
	parts[4] = 1;
	return SPLIT_OK;
}

/* Write d cut into n parts joined with '-' into out (large enough). */
static void join_parts(char *out, const char *d, const unsigned *parts, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			out[o++] = '-';
		memcpy(out + o, d, parts[i]);
		o += parts[i];
		d += parts[i];
	}
	out[o] = '\0';
}

/* ---- check digits ---- */

static char check13(const char *d12)
{
	unsigned sum = 0;
	for (int i = 0; i < 12; i++)
		sum += (unsigned)(d12[i] - '0') * (i % 2 ? 3 : 1);
	return (char)('0' + (10 - sum % 10) % 10);
}

static char check10(const char *d9)
{
	unsigned sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (unsigned)(d9[i] - '0') * (unsigned)(10 - i);
	unsigned c = (11 - sum % 11) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

/* ---- reading the input ---- */

#define MAX_SEGMENTS 8

typedef struct {
	const char *body;     /* the input without label and surrounding blanks */
	size_t body_len;
	char digits[14];      /* the first 13 digits (X upper-cased) */
	size_t ndigits;       /* all digits and X, may exceed 13 */
	size_t x_index;       /* index among digits of the first X, or SIZE_MAX */
	const char *bad;      /* first character that is no digit, X, hyphen or space */
	bool separated;       /* any hyphen or space inside */
	unsigned seg[MAX_SEGMENTS]; /* digits between separators (0 for doubled ones) */
	size_t nseg;          /* may exceed MAX_SEGMENTS */
} scan;

/* Skip "ISBN", "ISBN-10", "ISBN13", ... and a ":" or blanks after it. */
static const char *skip_label(const char *p)
{
	if (strncasecmp(p, "ISBN", 4))
		return p;
	const char *q = p + 4;
	if (*q == '-' && (!strncmp(q + 1, "10", 2) || !strncmp(q + 1, "13", 2)))
		q += 3;
	else if (!strncmp(q, "10", 2) || !strncmp(q, "13", 2))
		q += 2;
	bool sep = false;
	if (*q == ':') {
		q++;
		sep = true;
	}
	while (folio_isbn__is_blank(*q)) {
		q++;
		sep = true;
	}
	return sep ? q : p;
}

static void scan_segment_end(scan *s, unsigned *run)
{
	if (s->nseg < MAX_SEGMENTS)
		s->seg[s->nseg] = *run;
	s->nseg++;
	*run = 0;
}

static void scan_input(scan *s, const char *text)
{
	memset(s, 0, sizeof(*s));
	s->x_index = SIZE_MAX;
	const char *p = text;
	while (folio_isbn__is_blank(*p))
		p++;
	p = skip_label(p);
	size_t n = strlen(p);
	while (n && folio_isbn__is_blank(p[n - 1]))
		n--;
	s->body = p;
	s->body_len = n;
	unsigned run = 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '-' || c == ' ') {
			s->separated = true;
			scan_segment_end(s, &run);
			continue;
		}
		if (c == 'x' || c == 'X') {
			if (s->x_index == SIZE_MAX)
				s->x_index = s->ndigits;
			c = 'X';
		} else if (!isdigit((unsigned char)c)) {
			if (!s->bad)
				s->bad = p + i;
			continue;
		}
		if (s->ndigits < 13)
			s->digits[s->ndigits] = c;
		s->ndigits++;
		run++;
	}
	scan_segment_end(s, &run);
	s->digits[s->ndigits < 13 ? s->ndigits : 13] = '\0';
}

/* ---- messages ---- */

/*
 * Copy at most 40 bytes of s (n bytes) into out for quoting in a one-line
 * message: control characters and invalid UTF-8 become '?', a cut is
 * marked "...", and a UTF-8 character is never split.
 */
static void quote_input(char out[48], const char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		size_t len = folio_utf8_len(u, n - i);
		if (o + (len ? len : 1) > 40) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (len == 0 || u[0] < 0x20 || u[0] == 0x7F) {
			out[o++] = '?';
			i++;
			continue;
		}
		memcpy(out + o, u, len);
		o += len;
		i += len;
	}
	out[o] = '\0';
}

/* True if the UTF-8 character at p is a dash other than '-' (U+2010..U+2015, U+2212). */
static bool is_unicode_dash(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] != 0xE2)
		return false;
	if (u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95)
		return true;
	return u[1] == 0x88 && u[2] == 0x92;
}

static void set_invalid(folio_isbn_info *out, folio_rule rule)
{
	out->status = FOLIO_ISBN_INVALID;
	out->rule = rule;
}

static void report_bad_char(folio_isbn_info *out, const scan *s, const char *q)
{
	set_invalid(out, FOLIO_RULE_ISBN_LENGTH);
	unsigned char c = (unsigned char)*s->bad;
	if (is_unicode_dash(s->bad)) {
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" holds a dash that is not a hyphen-minus"), q);
		snprintf(out->hint, sizeof(out->hint), "%s", folio_i18n_finding("write hyphens as \"-\""));
	} else if (c > 0x20 && c < 0x7F) {
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" holds \"%c\", which is not a digit"), q, c);
	} else {
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" holds byte 0x%02X, which is not a digit"), q, c);
	}
}

/* Checks on characters and length; true when out was set invalid. */
static bool check_shape(folio_isbn_info *out, const scan *s, const char *q)
{
	if (s->bad) {
		report_bad_char(out, s, q);
		return true;
	}
	if (s->ndigits == 0) {
		set_invalid(out, FOLIO_RULE_ISBN_LENGTH);
		snprintf(out->message, sizeof(out->message), "%s", folio_i18n_finding("ISBN is empty"));
		return true;
	}
	if (s->ndigits != 10 && s->ndigits != 13) {
		set_invalid(out, FOLIO_RULE_ISBN_LENGTH);
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" has %zu digits, expected 10 or 13"), q, s->ndigits);
		return true;
	}
	/* X stands for 10 and can only be an ISBN-10's check digit; a final
	 * X on an ISBN-13 is reported as its wrong check digit instead. */
	if (s->x_index != SIZE_MAX && s->x_index != s->ndigits - 1) {
		set_invalid(out, FOLIO_RULE_ISBN_LENGTH);
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" has an X before its last digit"), q);
		snprintf(out->hint, sizeof(out->hint), "%s",
		         folio_i18n_finding("only an ISBN-10 may end in X, its check digit"));
		return true;
	}
	return false;
}

static bool check_prefix(folio_isbn_info *out, const scan *s, const char *q)
{
	if (s->ndigits != 13 || !strncmp(s->digits, "978", 3) || !strncmp(s->digits, "979", 3))
		return false;
	set_invalid(out, FOLIO_RULE_ISBN_PREFIX);
	snprintf(out->message, sizeof(out->message),
	         folio_i18n_finding("ISBN \"%s\" starts with %.3s, expected 978 or 979"), q, s->digits);
	if (!strncmp(s->digits, "977", 3))
		snprintf(out->hint, sizeof(out->hint), "%s",
		         folio_i18n_finding("an EAN starting with 977 is an ISSN, not an ISBN"));
	return true;
}

static bool check_digit(folio_isbn_info *out, const scan *s)
{
	char want = s->ndigits == 13 ? check13(s->digits) : check10(s->digits);
	char got = s->digits[s->ndigits - 1];
	if (got == want)
		return false;
	set_invalid(out, FOLIO_RULE_ISBN_CHECK_DIGIT);
	snprintf(out->message, sizeof(out->message),
	         folio_i18n_finding("ISBN check digit is %c, expected %c"), got, want);
	snprintf(out->hint, sizeof(out->hint),
	         folio_i18n_finding("if the other digits are right, the last one is %c; check them "
	                            "against the book"),
	         want);
	return true;
}

static void report_unknown(folio_isbn_info *out, int why, const char *group, const char *q,
                           const folio_isbn__ranges *r)
{
	out->status = FOLIO_ISBN_UNKNOWN_RANGE;
	out->rule = FOLIO_RULE_ISBN_UNKNOWN_RANGE;
	if (why == SPLIT_NO_GROUP)
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" is in no registration group the ranges know"), q);
	else
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" is in a registrant range of group %.3s-%s the "
		                            "ranges do not know"),
		         q, group, group + 3);
	snprintf(out->hint, sizeof(out->hint),
	         folio_i18n_finding("check the ISBN, or use ranges newer than %.60s"), r->date);
}

/* True if the input's separators are not where the hyphenated form has them. */
static bool wrongly_separated(const scan *s, const unsigned *parts, size_t nparts)
{
	if (!s->separated)
		return false;
	if (s->nseg != nparts)
		return true;
	for (size_t i = 0; i < nparts; i++)
		if (s->seg[i] != parts[i])
			return true;
	return false;
}

void folio_isbn__parse_with(folio_isbn_info *out, const char *text,
                            const folio_isbn__ranges *r)
{
	FOLIO_ASSERT(out && text && r);
	memset(out, 0, sizeof(*out));
	out->status = FOLIO_ISBN_VALID;
	out->rule = FOLIO_RULE__COUNT;
	scan s;
	scan_input(&s, text);
	char q[48];
	quote_input(q, s.body, s.body_len);
	if (check_shape(out, &s, q) || check_prefix(out, &s, q) || check_digit(out, &s))
		return;

	char d13[14];
	if (s.ndigits == 13) {
		memcpy(d13, s.digits, 14);
	} else {
		memcpy(d13, "978", 3);
		memcpy(d13 + 3, s.digits, 9);
		d13[12] = check13(d13);
		d13[13] = '\0';
	}
	memcpy(out->digits13, d13, 14);

	unsigned parts[5];
	char group[FOLIO_ISBN__PREFIX_MAX + 1] = "";
	int why = split13(r, d13, parts, group);
	if (why != SPLIT_OK) {
		report_unknown(out, why, group, q, r);
		return;
	}
	join_parts(out->isbn13, d13, parts, 5);
	if (!strncmp(d13, "978", 3)) {
		char d10[11];
		memcpy(d10, d13 + 3, 9);
		d10[9] = check10(d10);
		d10[10] = '\0';
		join_parts(out->isbn10, d10, parts + 1, 4);
	}
	bool is13 = s.ndigits == 13;
	if (wrongly_separated(&s, is13 ? parts : parts + 1, is13 ? 5 : 4)) {
		set_invalid(out, FOLIO_RULE_ISBN_HYPHENATION);
		snprintf(out->message, sizeof(out->message),
		         folio_i18n_finding("ISBN \"%s\" is hyphenated wrongly"), q);
		snprintf(out->hint, sizeof(out->hint), folio_i18n_finding("write %s"),
		         is13 ? out->isbn13 : out->isbn10);
	}
}

int folio_isbn_parse(folio_isbn_info *out, const char *text)
{
	folio_isbn__parse_with(out, text, folio_isbn__ranges_current());
	return 0;
}

int folio_ean13_check(const char *text, folio_rule *rule, char *msg, size_t msg_size)
{
	FOLIO_ASSERT(text && rule);
	char m[160] = "";
	char q[48];
	size_t n = strlen(text);
	quote_input(q, text, n);
	size_t digits = strspn(text, "0123456789");
	*rule = FOLIO_RULE__COUNT;
	if (digits != n) {
		*rule = FOLIO_RULE_ISBN_LENGTH;
		snprintf(m, sizeof(m), folio_i18n_finding("EAN \"%s\" holds characters other than digits"), q);
	} else if (n != 13) {
		*rule = FOLIO_RULE_ISBN_LENGTH;
		snprintf(m, sizeof(m), folio_i18n_finding("EAN \"%s\" has %zu digits, expected 13"), q, n);
	} else if (check13(text) != text[12]) {
		*rule = FOLIO_RULE_ISBN_CHECK_DIGIT;
		snprintf(m, sizeof(m), folio_i18n_finding("EAN check digit is %c, expected %c"), text[12],
		         check13(text));
	}
	if (msg && msg_size)
		snprintf(msg, msg_size, "%s", m);
	return 0;
}

