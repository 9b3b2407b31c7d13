/*
 * Inside the library only: the state's SQLite connection. The public API
 * (folio/state.h) hands out no raw handle; the modules that still write
 * SQL against the schema state.c defines (publishing, deliveries, the
 * daemon) borrow it here. Borrowed: closed by folio_state_close().
 */
#ifndef FOLIO_STATE_DB_H
#define FOLIO_STATE_DB_H

#include <sqlite3.h>

#include "folio/state.h"

sqlite3 *folio_state_db(folio_state *st);

#endif
