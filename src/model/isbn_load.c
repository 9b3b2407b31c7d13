/*
 * ISBN ranges: the loader that reads a RangeMessage.xml (the International
 * ISBN Agency's file) into the same table as the compiled-in one, checking
 * the invariants scripts/gen-isbn-ranges.py checks (sorted, no overlap,
 * digit-only prefixes), and the choice of the table in use
 * (FOLIO_ISBN_RANGES).
 */
#include "folio/isbn.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/lazylib_xml.h"

#include "isbn_ranges.h"
#include "util/alloc.h"
#include "util/assert.h"
#include "util/fs.h"
#include "util/banned.h"
/* ---- loading a RangeMessage.xml ---- */

struct folio_isbn__loaded {
	folio_isbn__ranges table; /* points into the arrays below */
	char *date, *serial;
	folio_isbn__group *eans, *groups;
	size_t aeans, agroups;
	folio_isbn__rule *rules;
	size_t arules;
};

/*
 * Helpers the range reader shares with isbn.c: they live here, with the
 * reader, so isbn.c calls this file and this file never calls back.
 */
bool folio_isbn__is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The 7 digits from d (n of them available), padded on the right with 0. */
uint32_t folio_isbn__seven_digits(const char *d, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < 7; i++)
		v = v * 10 + (uint32_t)(i < n ? d[i] - '0' : 0);
	return v;
}

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
	while (folio_isbn__is_blank(*t))
		t++;
	size_t len = strlen(t);
	while (len && folio_isbn__is_blank(t[len - 1]))
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
	*lo = folio_isbn__seven_digits(s, 7);
	*hi = folio_isbn__seven_digits(s + 8, 7);
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
	if (len < 5 || p[3] != '-')
		return false; /* "970" alone: nothing after it to read */
	size_t code = strspn(p + 4, "0123456789");
	return code <= 5 && len == 4 + code;
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
