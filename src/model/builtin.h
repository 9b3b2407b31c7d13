/* Templates compiled into folio, used when a site does not override them. */
#ifndef FOLIO_BUILTIN_H
#define FOLIO_BUILTIN_H

#include <stddef.h>

typedef struct {
	const char *name; /* "base", "page", ...; NULL ends the table */
	const char *data;
	size_t len;
} folio_builtin_template;

extern const folio_builtin_template folio_builtin_templates[];

#endif
