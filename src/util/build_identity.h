/*
 * Which folio rendered an output: its version and the build id the linker
 * wrote into the executable, a hash of its code. An output's records name
 * it (render_deps.c), so that a folio rebuilt with other code, under the
 * same version, renders again what it would write otherwise, rather than
 * keeping the older build's HTML on every page the commit did not change.
 */
#ifndef FOLIO_UTIL_BUILD_IDENTITY_H
#define FOLIO_UTIL_BUILD_IDENTITY_H

/* "0.1.0+<build id in hex>", or the version alone when the executable
 * has no build id note. Static storage, the same for the process's life. */
const char *folio_build_identity(void);

#endif
