/*
 * folio: common definitions shared by every public header.
 *
 *     if (folio_source_open_git(&src, ".", "HEAD") < 0)
 *         fprintf(stderr, "folio: %s\n", folio_error_last());
 *
 * Operational failures (I/O, libgit2, SQLite, HTTP) return a negative code
 * and set a message once, where they happen; read it with
 * folio_error_last(). Content findings never fail a call: they are appended
 * to a folio_diags list (see diag.h).
 */
#ifndef FOLIO_COMMON_H
#define FOLIO_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#define FOLIO_VERSION "0.1.0"

/* Return codes of operational calls. */
enum {
	FOLIO_OK = 0,
	FOLIO_ERROR = -1,     /* generic failure, message in folio_error_last() */
	FOLIO_ENOTFOUND = -3, /* a file, ref or record does not exist */
	FOLIO_EEXISTS = -4,   /* already exists / locked by another process */
	FOLIO_EINVALID = -5,  /* input cannot be used (content errors reported) */
};

/* Message of the last operational failure on this thread; never NULL. */
const char *folio_error_last(void);

/* Set the message of the current failure (printf-style); returns FOLIO_ERROR. */
int folio_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Translate every format folio_error_set() is given before it is formatted
 * (the command line installs folio_i18n_cli); the translation must have the
 * same conversions in the same order. NULL, the default: English. */
void folio_error_set_translator(const char *(*translate)(const char *fmt));

/* Clear the message of this thread. */
void folio_error_clear(void);

#endif
