/*
 * ISBN parsing, check digits, conversion and hyphenation, and the loader
 * that replaces the compiled-in range table with a RangeMessage.xml.
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
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "folio/i18n.h"
#include "isbn_ranges.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/fs.h"

#include "util/search.h"
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

/* The 7 digits from d (n of them available), padded on the right with 0. */
static uint32_t seven_digits(const char *d, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < 7; i++)
		v = v * 10 + (uint32_t)(i < n ? d[i] - '0' : 0);
	return v;
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
	unsigned glen = rule_length(r, ean, seven_digits(d + 3, 9));
	if (glen == 0 || glen > 5)
		return SPLIT_NO_GROUP;
	memcpy(prefix + 3, d + 3, glen);
	prefix[3 + glen] = '\0';
	const folio_isbn__group *group = find_entry(r->groups, r->ngroups, prefix);
	if (!group)
		return SPLIT_NO_GROUP;
	memcpy(group_prefix, prefix, sizeof(prefix));
	unsigned rlen = rule_length(r, group, seven_digits(d + 3 + glen, 9 - glen));
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

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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
	while (is_blank(*q)) {
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
	while (is_blank(*p))
		p++;
	p = skip_label(p);
	size_t n = strlen(p);
	while (n && is_blank(p[n - 1]))
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

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;
	if (s[0] < 0x80)
		return 1;
	else if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

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
		size_t len = utf8_len(u, n - i);
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

/* ---- loading a RangeMessage.xml ---- */

struct folio_isbn__loaded {
	folio_isbn__ranges table; /* points into the arrays below */
	char *date, *serial;
	folio_isbn__group *eans, *groups;
	size_t aeans, agroups;
	folio_isbn__rule *rules;
	size_t arules;
};

static xmlNode *child_element(xmlNode *parent, const char *name)
{
	for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
	return NULL;
}

static xmlNode *next_element(xmlNode *n, const char *name)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
			return n;
	return NULL;
}

/*
 * A copy of t[0..len) on one line: each run of control characters
 * (newlines included) becomes one space, since the text (the message
 * date) is quoted in one-line diagnostics.
 */
static char *one_line(const char *t, size_t len)
{
	char *s = folio_xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c < 0x20 || c == 0x7f) {
			if (n && s[n - 1] != ' ')
				s[n++] = ' ';
		} else {
			s[n++] = (char)c;
		}
	}
	s[n] = '\0';
	return s;
}

/*
 * The trimmed text of parent's child element name, or NULL (caller frees).
 * Only text and CDATA children count: entity references are not expanded,
 * so a message cannot make us build text larger than itself.
 */
static char *child_text(xmlNode *parent, const char *name)
{
	xmlNode *n = child_element(parent, name);
	if (!n)
		return NULL;
	folio_buf b = FOLIO_BUF_INIT;
	for (xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			folio_buf_puts(&b, (const char *)c->content);
	const char *t = b.ptr;
	while (is_blank(*t))
		t++;
	size_t len = strlen(t);
	while (len && is_blank(t[len - 1]))
		len--;
	char *s = one_line(t, len);
	folio_buf_dispose(&b);
	return s;
}

/* Parse "ddddddd-ddddddd" into lo and hi. */
static bool parse_range(const char *s, uint32_t *lo, uint32_t *hi)
{
	if (strlen(s) != 15 || s[7] != '-' || strspn(s, "0123456789") != 7 ||
	    strspn(s + 8, "0123456789") != 7)
		return false;
	*lo = seven_digits(s, 7);
	*hi = seven_digits(s + 8, 7);
	return *lo <= *hi;
}

static int cmp_rule(const void *a, const void *b)
{
	const folio_isbn__rule *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int cmp_entry(const void *a, const void *b)
{
	const folio_isbn__group *x = a, *y = b;
	return strcmp(x->prefix, y->prefix);
}

/* Append the <Rule>s of elem, sorted, to L->rules; set entry's first and count. */
static int read_rules(folio_isbn__loaded *L, folio_isbn__group *entry, xmlNode *elem,
                      const char *where)
{
	size_t first = L->table.nrules;
	xmlNode *rules = child_element(elem, "Rules");
	if (!rules)
		return folio_error_set("prefix %s has no rules", where);
	for (xmlNode *r = child_element(rules, "Rule"); r; r = next_element(r, "Rule")) {
		char *range = child_text(r, "Range"), *length = child_text(r, "Length");
		folio_isbn__rule rule = { 0, 0, 0 };
		bool ok = range && length && parse_range(range, &rule.lo, &rule.hi) &&
		          length[0] >= '0' && length[0] <= '7' && !length[1];
		if (ok)
			rule.length = (uint8_t)(length[0] - '0');
		free(range);
		free(length);
		if (!ok)
			return folio_error_set("prefix %s has a bad rule", where);
		FOLIO_ARRAY_GROW(L->rules, L->table.nrules, L->arules, L->table.nrules + 1);
		L->rules[L->table.nrules++] = rule;
	}
	size_t count = L->table.nrules - first;
	if (count > UINT32_MAX || first > UINT32_MAX)
		return folio_error_set("too many rules");
	if (count)
		qsort(L->rules + first, count, sizeof(*L->rules), cmp_rule);
	for (size_t i = first + 1; i < L->table.nrules; i++)
		if (L->rules[i].lo <= L->rules[i - 1].hi)
			return folio_error_set("prefix %s has overlapping ranges", where);
	entry->first = (uint32_t)first;
	entry->count = (uint32_t)count;
	return 0;
}

/* "978" for an EAN.UCC prefix, "978-" and 1 to 5 digits for a group. */
static bool prefix_ok(const char *p, bool group)
{
	size_t len = strlen(p);
	if (strspn(p, "0123456789") != 3)
		return false;
	if (!group)
		return len == 3;
	size_t code = strspn(p + 4, "0123456789");
	return p[3] == '-' && code >= 1 && code <= 5 && len == 4 + code;
}

static int read_entries(folio_isbn__loaded *L, xmlNode *parent, const char *tag, bool group)
{
	folio_isbn__group **items = group ? &L->groups : &L->eans;
	size_t *count = group ? &L->table.ngroups : &L->table.neans;
	size_t *alloc = group ? &L->agroups : &L->aeans;
	for (xmlNode *e = child_element(parent, tag); e; e = next_element(e, tag)) {
		char *prefix = child_text(e, "Prefix");
		if (!prefix || !prefix_ok(prefix, group)) {
			free(prefix);
			return folio_error_set("<%s> has a bad or no <Prefix>", tag);
		}
		FOLIO_ARRAY_GROW(*items, *count, *alloc, *count + 1);
		folio_isbn__group *entry = &(*items)[(*count)++];
		memset(entry, 0, sizeof(*entry));
		memcpy(entry->prefix, prefix, 3);
		if (group)
			memcpy(entry->prefix + 3, prefix + 4, strlen(prefix + 4) + 1);
		int rc = read_rules(L, entry, e, prefix);
		free(prefix);
		if (rc < 0)
			return rc;
	}
	if (*count == 0)
		return folio_error_set("no <%s> elements", tag);
	qsort(*items, *count, sizeof(**items), cmp_entry);
	for (size_t i = 1; i < *count; i++)
		if (!strcmp((*items)[i].prefix, (*items)[i - 1].prefix))
			return folio_error_set("prefix %s appears twice", (*items)[i].prefix);
	return 0;
}

static int read_message(folio_isbn__loaded *L, xmlNode *root)
{
	if (!root || strcmp((const char *)root->name, "ISBNRangeMessage"))
		return folio_error_set("not an ISBNRangeMessage");
	L->date = child_text(root, "MessageDate");
	if (!L->date || !L->date[0])
		return folio_error_set("no <MessageDate>");
	L->serial = child_text(root, "MessageSerialNumber");
	if (!L->serial)
		L->serial = folio_xstrdup("");
	xmlNode *eans = child_element(root, "EAN.UCCPrefixes");
	xmlNode *groups = child_element(root, "RegistrationGroups");
	if (!eans || !groups)
		return folio_error_set("no <EAN.UCCPrefixes> or <RegistrationGroups>");
	int rc = read_entries(L, eans, "EAN.UCC", false);
	if (rc == 0)
		rc = read_entries(L, groups, "Group", true);
	return rc;
}

int folio_isbn__ranges_parse(folio_isbn__loaded **out, const char *xml, size_t len,
                             const char *name)
{
	FOLIO_ASSERT(out && xml && name);
	*out = NULL;
	if (len > INT_MAX)
		return folio_error_set("isbn ranges '%s': file too large", name);
	xmlInitParser();
	/* No network, no external DTD, no entity substitution, no stderr noise. */
	xmlDoc *doc = xmlReadMemory(xml, (int)len, name, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char reason[200] = "not well-formed XML";
		if (e && e->message)
			snprintf(reason, sizeof(reason), "%s", e->message);
		size_t n = strlen(reason);
		if (n && reason[n - 1] == '\n')
			reason[n - 1] = '\0';
		return folio_error_set("isbn ranges '%s': %s", name, reason);
	}
	folio_isbn__loaded *L = folio_xcalloc(1, sizeof(*L));
	int rc = read_message(L, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	if (rc < 0) {
		char reason[512];
		snprintf(reason, sizeof(reason), "%s", folio_error_last());
		folio_isbn__ranges_free(L);
		return folio_error_set("isbn ranges '%s': %s", name, reason);
	}
	L->table.date = L->date;
	L->table.serial = L->serial;
	L->table.eans = L->eans;
	L->table.groups = L->groups;
	L->table.rules = L->rules;
	*out = L;
	return 0;
}

void folio_isbn__ranges_free(folio_isbn__loaded *L)
{
	if (!L)
		return;
	free(L->date);
	free(L->serial);
	free(L->eans);
	free(L->groups);
	free(L->rules);
	free(L);
}

const folio_isbn__ranges *folio_isbn__ranges_of(const folio_isbn__loaded *loaded)
{
	return &loaded->table;
}

/* ---- the table in use ---- */

static folio_isbn__loaded *loaded_ranges; /* NULL: the compiled-in table */

const folio_isbn__ranges *folio_isbn__ranges_current(void)
{
	return loaded_ranges ? &loaded_ranges->table : &folio_isbn__builtin;
}

const char *folio_isbn_ranges_date(void)
{
	return folio_isbn__ranges_current()->date;
}

int folio_isbn_ranges_load(const char *xml_path)
{
	folio_isbn__loaded *L = NULL;
	if (xml_path) {
		folio_buf b = FOLIO_BUF_INIT;
		int rc = folio_fs_read(&b, xml_path);
		if (rc == 0)
			rc = folio_isbn__ranges_parse(&L, b.ptr, b.size, xml_path);
		folio_buf_dispose(&b);
		if (rc < 0)
			return FOLIO_ERROR;
	}
	folio_isbn__ranges_free(loaded_ranges);
	loaded_ranges = L;
	return 0;
}

int folio_isbn_ranges_init_from_env(void)
{
	const char *path = getenv("FOLIO_ISBN_RANGES");
	if (!path || !*path)
		return 0;
	if (folio_isbn_ranges_load(path) < 0) {
		char reason[512];
		snprintf(reason, sizeof(reason), "%s", folio_error_last());
		return folio_error_set("FOLIO_ISBN_RANGES: %s", reason);
	}
	return 0;
}
