/* NEEDSWORK: placeholder until the site module lands. */
#include <stdio.h>
#include "cmd.h"
#include "exit.h"
int cmd_build(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "folio build: not implemented yet\n"); return FOLIO_EXIT_USAGE; }
