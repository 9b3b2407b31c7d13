/* Exit codes of every folio command. */
#ifndef FOLIO_CLI_EXIT_H
#define FOLIO_CLI_EXIT_H

#define FOLIO_EXIT_OK 0      /* clean */
#define FOLIO_EXIT_CONTENT 1 /* content errors were found */
#define FOLIO_EXIT_USAGE 2   /* bad usage or an internal/operational failure */

#endif
