/* Splitting a fuzzer's input into the fields a target reads. */
#ifndef FOLIO_FUZZ_INPUT_H
#define FOLIO_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

/* The bytes before the first newline of *data (all of them when there is
 * none), as a new string the caller frees; *data and *size move past them
 * and the newline. */
char *fuzz_take_line(const uint8_t **data, size_t *size);

#endif
