/* Writing output trees: shared by the full build and the publisher. */
#ifndef FOLIO_OUTPUT_H
#define FOLIO_OUTPUT_H

#include "folio/render.h"

/* Write every rendered output under dir. */
int folio__write_tree(const folio_outputs *outs, const char *dir);
/* Put the directory tmp in place of out in one atomic exchange; tmp is removed. */
int folio__swap_dir(const char *tmp, const char *out);
/* "<out>.tmp-folio-<pid>" for out without trailing slashes; caller frees. */
char *folio__temp_dir_for(const char *out);
/* Count a step for FOLIO_FAULT_AT fault injection (kills the process at step N). */
void folio__fault_step(void);

#endif
