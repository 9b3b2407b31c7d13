/*
 * Which folio rendered an output: its version and the build id the linker
 * wrote into the executable, a hash of its code. An output's records name
 * it (render_deps.c), so that a folio rebuilt with other code, under the
 * same version, renders again what it would write otherwise, rather than
 * keeping the older build's HTML on every page the commit did not change.
 * The versions of the libraries that shape the HTML (cmark-gfm, ICU, ...)
 * are part of it: Debian upgrades them under the same folio binary.
 */
#ifndef FOLIO_UTIL_BUILD_IDENTITY_H
#define FOLIO_UTIL_BUILD_IDENTITY_H

/* "0.1.0+<build id in hex>.<12 hex digits>", the digits a digest of
 * folio_build_libraries(): an upgrade of cmark-gfm or ICU renders again
 * too. Without a build id note, "0.1.0.<digits>". Static storage, the
 * same for the process's life. */
const char *folio_build_identity(void);

/* "cmark-gfm 0.29.0.gfm.6, ICU 72.1 (CLDR 42.0), ...": the versions of the
 * loaded libraries that shape what folio writes. Static storage. */
const char *folio_build_libraries(void);

#endif
