/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/schema.h"
int folio_schema_compile(folio_schema **out, const json_t *s, const char *p, folio_diags *d)
{ (void)s; (void)p; (void)d; *out = NULL; return folio_error_set("schema: not implemented"); }
void folio_schema_free(folio_schema *s) { (void)s; }
int folio_schema_validate(folio_schema_findings *o, const folio_schema *s, const json_t *i, const folio_schema_options *x)
{ (void)o; (void)s; (void)i; (void)x; return folio_error_set("schema: not implemented"); }
void folio_schema_foreach_ref(const folio_schema *s, void (*cb)(const char *, const char *, void *), void *p) { (void)s; (void)cb; (void)p; }
void folio_schema_findings_init(folio_schema_findings *f) { f->items = NULL; f->count = f->alloc = 0; }
void folio_schema_findings_dispose(folio_schema_findings *f) { (void)f; }
