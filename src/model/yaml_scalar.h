/*
 * YAML 1.2 core-schema scalars (yaml_scalar.c), for the YAML parser and the
 * position records.
 */
#ifndef FOLIO_YAML_SCALAR_H
#define FOLIO_YAML_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* s (len bytes) is exactly word. */
bool folio_yaml__text_is(const char *s, size_t len, const char *word);
/* len > 0 digits of base 8, 10 or 16, nothing else. */
bool folio_yaml__all_digits(const char *s, size_t len, int base);
/* tag is the core schema's tag:yaml.org,2002:<name>. */
bool folio_yaml__tag_is(const char *tag, const char *name);
/*
 * A plain scalar's value (a new reference). Integers beyond int64 and
 * floats JSON cannot hold (.inf, .nan, overflow) stay strings.
 */
json_t *folio_yaml__resolve_plain(const char *s, size_t len);

#endif
