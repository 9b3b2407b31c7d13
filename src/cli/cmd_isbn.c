/* NEEDSWORK: placeholder until the ISBN module lands. */
#include <stdio.h>
#include "cmd.h"
#include "exit.h"
int cmd_isbn(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "folio isbn: not implemented yet\n"); return FOLIO_EXIT_USAGE; }
