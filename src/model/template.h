/*
 * Internal to the template module: render limits, lowered by the fuzzer so
 * that an exponential template fails fast instead of running for seconds.
 */
#ifndef FOLIO_SRC_TEMPLATE_H
#define FOLIO_SRC_TEMPLATE_H

#include <stddef.h>

#include "folio/template.h"

/* Defaults of folio_templates_new(). */
#define FOLIO_TEMPLATE_MAX_VISITS ((size_t)20 * 1000 * 1000)
#define FOLIO_TEMPLATE_MAX_OUTPUT ((size_t)512 * 1024 * 1024)

/*
 * One render of set fails once it visits more than max_visits nodes or
 * appends more than max_output bytes. Call before rendering.
 */
void folio_templates__set_limits(folio_templates *set, size_t max_visits,
                                 size_t max_output);

#endif
