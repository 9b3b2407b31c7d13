/*
 * A record's front matter (records.c: compact JSON text) back into a
 * jansson value, faster than json_loads() for the form records.c writes
 * (record_meta.c says which), and the same value for any text.
 */
#ifndef FOLIO_PUBLISH_RECORD_META_H
#define FOLIO_PUBLISH_RECORD_META_H

#include <jansson.h>
#include <stdbool.h>

/* The value json_loads(text, 0, NULL) gives (new reference), or NULL when
 * it refuses the text; *by_jansson says whether json_loads() read it (the
 * text was not of the records' form). */
json_t *folio_publish__meta_loads(const char *text, bool *by_jansson);

#endif
