/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/markdown.h"
#include <string.h>
int folio_markdown_render(folio_markdown *out, const char *t, size_t l, unsigned f, const folio_markdown_options *o)
{ (void)t; (void)l; (void)f; (void)o; memset(out, 0, sizeof(*out)); return folio_error_set("markdown: not implemented"); }
void folio_markdown_dispose(folio_markdown *md) { (void)md; }
char *folio_markdown_heading_id(const char *text) { (void)text; return NULL; }
