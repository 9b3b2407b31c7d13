/*
 * Libraries loaded on first use: libcurl, libmicrohttpd and libxml2.
 *
 * Most commands (a publish to a folder, a check) never speak HTTP nor read
 * XML, yet a process linked with these three maps 23 more shared libraries
 * (Kerberos, LDAP, GnuTLS, nghttp2, ...) before main: 5 to 6 ms of every
 * command's start on the bench machine, a fifth of a one-page publish
 * (BENCHMARKS.md). So they are not linked: a file that uses one includes
 * util/lazylib_curl.h, util/lazylib_mhd.h or util/lazylib_xml.h instead of the
 * library's own header. Those keep the library's names and turn each call
 * into a call through a table of pointers, filled by dlopen and dlsym on
 * the first call (thread-safe, once a process).
 *
 * A library or a symbol that cannot be loaded ends the process with a
 * message naming it, as the dynamic loader did at start when they were
 * linked: it means a broken installation, not bad input.
 */
#ifndef FOLIO_UTIL_LAZYLIB_H
#define FOLIO_UTIL_LAZYLIB_H

#include <stddef.h>

/*
 * Open soname; look up name in the handle it returned. Neither returns on
 * failure. Called once a library by the folio_curl(), folio_mhd() and
 * folio_xml() accessors.
 */
void *folio_lazylib_open(const char *soname);
void *folio_lazylib_sym(void *handle, const char *soname, const char *name);

/* Whether soname is mapped in this process (for tests). */
int folio_lazylib_loaded(const char *soname);

/* A member of a table: a pointer of the function's own type. */
#define FOLIO_LAZY_MEMBER(f) __typeof__(f) *f;

#endif
