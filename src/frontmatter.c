/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/frontmatter.h"
int folio_frontmatter_parse(folio_frontmatter *out, const char *d, size_t l, const char *p, folio_diags *g)
{ (void)p; (void)g; out->meta = NULL; out->present = false; out->body = d; out->body_len = l; out->body_line = 1; return folio_error_set("frontmatter: not implemented"); }
void folio_frontmatter_dispose(folio_frontmatter *fm) { (void)fm; }
