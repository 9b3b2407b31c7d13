/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/template.h"
folio_templates *folio_templates_new(void) { return NULL; }
void folio_templates_free(folio_templates *s) { (void)s; }
int folio_templates_add(folio_templates *s, const char *n, const char *src, size_t l, const char *p, folio_diags *d)
{ (void)s; (void)n; (void)src; (void)l; (void)p; (void)d; return folio_error_set("template: not implemented"); }
bool folio_templates_has(const folio_templates *s, const char *n) { (void)s; (void)n; return false; }
int folio_templates_render(folio_buf *o, const folio_templates *s, const char *n, const json_t *c)
{ (void)o; (void)s; (void)n; (void)c; return folio_error_set("template: not implemented"); }
int folio_templates_foreach_dependency(const folio_templates *s, const char *n, void (*cb)(const char *, void *), void *p)
{ (void)s; (void)n; (void)cb; (void)p; return FOLIO_ENOTFOUND; }
void folio_templates_check(const folio_templates *s, folio_diags *d) { (void)s; (void)d; }
