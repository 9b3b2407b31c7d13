/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/config.h"
int folio_config_parse(folio_config **out, const char *d, size_t l, const char *p, folio_diags *g)
{ (void)d; (void)l; (void)p; (void)g; *out = NULL; return folio_error_set("config: not implemented"); }
void folio_config_free(folio_config *cfg) { (void)cfg; }
const folio_collection *folio_config_collection(const folio_config *c, const char *n) { (void)c; (void)n; return NULL; }
const folio_collection *folio_config_collection_for_path(const folio_config *c, const char *p) { (void)c; (void)p; return NULL; }
