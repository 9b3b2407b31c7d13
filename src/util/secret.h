/*
 * Files that hold secrets (the daemon's webhook secret, partner secrets, a
 * server config holding FOLIO_WEBHOOK_SECRET): read one way, so that each
 * reader refuses a file others can read, checks the file it reads (fstat
 * of the open descriptor, not a stat of the name before it), and leaves no
 * copy of the bytes in freed memory. Messages name the file, never its text.
 */
#ifndef FOLIO_UTIL_SECRET_H
#define FOLIO_UTIL_SECRET_H

#include "folio/buf.h"

/*
 * Append the regular file at path to out (which should be empty: it is
 * grown once, to the file's size) and set *mode to its permission bits.
 * what names the file in messages ("config", "secrets file"). 0;
 * FOLIO_ENOTFOUND when absent; FOLIO_ERROR otherwise, with a message.
 */
int folio_secret_read(folio_buf *out, unsigned *mode, const char *path, const char *what);
/* folio_secret_read() refusing (FOLIO_EINVALID) a file that group or others
 * may read, with the chmod that fixes it. */
int folio_secret_read_private(folio_buf *out, const char *path, const char *what);
/* The bytes of s with blanks (spaces, tabs, line ends) at both ends cut, moved
 * to its start: editors add a final newline no secret means. */
void folio_secret_trim(folio_buf *s);
/* Wipe the bytes of b, then free them. */
void folio_secret_dispose(folio_buf *b);

#endif
