/* NEEDSWORK: placeholder until the module lands; every call fails. */
#include "folio/yaml.h"
int folio_yaml_parse(folio_yaml_doc **out, const char *d, size_t l, const char *p, unsigned f, folio_rule r, folio_diags *g)
{ (void)d; (void)l; (void)p; (void)f; (void)r; (void)g; *out = NULL; return folio_error_set("yaml: not implemented"); }
json_t *folio_yaml_root(const folio_yaml_doc *doc) { (void)doc; return NULL; }
int folio_yaml_position(const folio_yaml_doc *d, const char *p, unsigned *l, unsigned *c) { (void)d; (void)p; *l = *c = 0; return FOLIO_ENOTFOUND; }
int folio_yaml_key_position(const folio_yaml_doc *d, const char *p, unsigned *l, unsigned *c) { (void)d; (void)p; *l = *c = 0; return FOLIO_ENOTFOUND; }
void folio_yaml_free(folio_yaml_doc *doc) { (void)doc; }
