/* NEEDSWORK: placeholder until the module lands. */
#include "folio/source.h"
int folio_source_open_git(folio_source **out, const char *r, const char *v) { (void)r; (void)v; *out = NULL; return folio_error_set("source: not implemented"); }
int folio_source_open_dir(folio_source **out, const char *d) { (void)d; *out = NULL; return folio_error_set("source: not implemented"); }
void folio_source_free(folio_source *s) { (void)s; }
const char *folio_source_commit(const folio_source *s) { (void)s; return NULL; }
long long folio_source_commit_time(const folio_source *s) { (void)s; return 0; }
int folio_source_foreach(folio_source *s, const char *p, int (*cb)(const folio_entry *, void *), void *x) { (void)s; (void)p; (void)cb; (void)x; return FOLIO_ERROR; }
int folio_source_read(folio_buf *o, folio_source *s, const char *p) { (void)o; (void)s; (void)p; return FOLIO_ERROR; }
int folio_source_read_id(folio_buf *o, folio_source *s, const char *i) { (void)o; (void)s; (void)i; return FOLIO_ERROR; }
