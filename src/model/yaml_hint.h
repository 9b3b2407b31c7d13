/*
 * Plain-words hints for YAML syntax errors: libyaml says what its grammar
 * expected ("mapping values are not allowed in this context"); an author
 * needs to hear what is likely wrong in what they typed.
 */
#ifndef FOLIO_MODEL_YAML_HINT_H
#define FOLIO_MODEL_YAML_HINT_H

#include <stddef.h>

/*
 * A hint for libyaml's problem (and its context, or NULL) at 0-based line
 * and column (in characters) of data (len bytes), or NULL when no likely
 * cause is recognised. first_line is the file line of data's first line,
 * to name lines in the hint. *cause_line and *cause_column (0-based) get
 * where the mistake likely is: the line and column given, or an earlier
 * line whose mistake libyaml only noticed later. Caller frees.
 */
char *folio_yaml__plain_hint(const char *data, size_t len, size_t line, size_t column,
                             unsigned first_line, const char *problem, const char *context,
                             size_t *cause_line, size_t *cause_column);

#endif
