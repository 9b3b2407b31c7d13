/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/isbn.h"
#include <string.h>
int folio_isbn_parse(folio_isbn_info *out, const char *t) { (void)t; memset(out, 0, sizeof(*out)); out->status = FOLIO_ISBN_INVALID; out->rule = FOLIO_RULE_ISBN_LENGTH; return 0; }
int folio_ean13_check(const char *t, folio_rule *r, char *m, size_t n) { (void)t; (void)m; (void)n; *r = FOLIO_RULE_ISBN_LENGTH; return 0; }
const char *folio_isbn_ranges_date(void) { return "none"; }
int folio_isbn_ranges_load(const char *p) { (void)p; return folio_error_set("isbn: not implemented"); }
