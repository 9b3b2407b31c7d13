/*
 * What the state file was when folio last closed it cleanly (state.c): its
 * device, inode, size, change and modification times, in "<dir>/clean",
 * written after the last connection closed (SQLite then checkpoints the
 * WAL into the file and removes it), by the process holding the state's
 * lock, whose connection was known intact (checked, or itself vouched for
 * by the stamp it found). The next holder of the lock takes the stamp: if
 * the file is still exactly what it describes and no WAL is beside it, no
 * one has written it since folio did, folio stopped cleanly, and PRAGMA
 * quick_check (a read of the whole file: 180 MB at 10k pages) is not run
 * again before a load. A process that dies holding the lock has taken the
 * stamp away, so the next one checks.
 */
#ifndef FOLIO_STATE_STAMP_H
#define FOLIO_STATE_STAMP_H

#include <stdbool.h>

/* Read and remove dir's stamp: does it describe dir/state.sqlite as it is,
 * with no WAL beside it? */
bool folio_state__stamp_take(const char *dir);
/* Stamp dir/state.sqlite as it is now, unless a WAL is beside it (another
 * connection still open); best effort: without a stamp the next one checks. */
void folio_state__stamp_leave(const char *dir);

#endif
