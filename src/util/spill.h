/*
 * A scratch file for bytes made once and read back later, so that they
 * need not stay in memory meanwhile (a streaming build's page HTML: made
 * by the parse that validates a page, read when an output shows it). The
 * file is unlinked from the start: nothing is left behind, whatever ends
 * the process. Appends and reads are safe from any thread.
 */
#ifndef FOLIO_UTIL_SPILL_H
#define FOLIO_UTIL_SPILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct folio_spill folio_spill;

/* A scratch file in dir, else in $TMPDIR (/tmp when unset; dir may be NULL),
 * that holds at most cap bytes; NULL when none can be made, the message in
 * folio_error_last(). Free it with folio_spill_free(). */
folio_spill *folio_spill_open(const char *dir, uint64_t cap);
void folio_spill_free(folio_spill *s);

/* Append len bytes; *at is where they start. False when they would pass
 * the cap or could not all be written (a full disk): the caller keeps its
 * other way. */
bool folio_spill_put(folio_spill *s, const char *data, size_t len, uint64_t *at);

/* The len bytes appended at at, NUL-terminated (the caller frees them);
 * NULL on a read error, the message in folio_error_last(). */
char *folio_spill_get(folio_spill *s, uint64_t at, size_t len);

/* Bytes reserved so far (appended, or failed to be). */
uint64_t folio_spill_size(const folio_spill *s);

#endif
