/*
 * Which paths a site may hold. Every entry of a content tree (a git commit
 * or a directory) is checked here before anything else sees it; an entry
 * refused here is reported as a `tree/path` finding and left out of the
 * site, so no later stage ever joins it to an output folder.
 *
 *     const char *why = folio_path_check("static/../x", 11);
 *     if (why)
 *         printf("refused: %s\n", why);   // "name '..' leaves its folder"
 *
 * A path is a "/"-separated list of names. Refused: an empty name, "." and
 * "..", ".git" in any case and what git or Windows read as ".git"
 * (".git.", ".git ", ".git::$INDEX_ALLOCATION", "git~1", ".git" with
 * characters HFS+ ignores), a name holding "\\", NUL or a control
 * character (0x01-0x1f, 0x7f), a name over FOLIO_PATH_MAX_NAME (234) bytes, a
 * path over FOLIO_PATH_MAX bytes, and bytes that are not UTF-8.
 */
#ifndef FOLIO_PATH_H
#define FOLIO_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Longest name (one path component), in bytes: the 255 Linux file systems
 * store, less the writer's suffix ".tmp-folio-<pid>" (up to 21 bytes), so
 * that every accepted name can be written, temporary file included. */
#define FOLIO_PATH_MAX_NAME 234
/* Longest site-relative path, in bytes; --out's own length comes on top,
 * within the system's PATH_MAX of 4096. */
#define FOLIO_PATH_MAX 1024
/* Most entries (files, folders, refused names) a listing walks. git trees
 * are shared by id, so a few kilobytes of trees name a billion paths (a
 * folder of 1,000 folders of one tree of 1,000 files, and again): past
 * this the walk stops, and the entry where it stopped is refused. */
#define FOLIO_PATH_MAX_ENTRIES 1000000

/* The marker file of every output folio writes (publish/output.h): no
 * entry of a site and no output may bear its name, which would replace it
 * or, once deleted, leave the output one folio refuses to write. */
#define FOLIO_PATH_MARKER ".folio-output"

/* What the names of the writer's temporary files hold ("<output>.tmp-folio-
 * <pid>", "<output>.tmp-folio-aside", util/beneath.c, publish/publish.c):
 * no entry of a site and no output may, since clean-up removes them and a
 * file moved aside replaces one. */
#define FOLIO_PATH_TEMP ".tmp-folio-"

/*
 * NULL when the name (len bytes, one component, no "/") may be part of a
 * site path; otherwise why not, as a static lowercase phrase for a message.
 */
const char *folio_path_check_name(const char *name, size_t len);

/*
 * NULL when path (len bytes, "/"-separated, site-relative) may be an entry
 * of a site; otherwise why not, as a static lowercase phrase. A leading,
 * trailing or doubled "/" is an empty name.
 */
const char *folio_path_check(const char *path, size_t len);
/* A folder as people write it, "./docs/" or "docs//", as a path this module
 * checks: "docs" (its leading "./" and its trailing '/' taken off; "" for
 * "." or "./"). The path is not checked. Caller frees. */
char *folio_path_plain_folder(const char *written);

/*
 * path (len bytes of UTF-8) as a file system that compares names regardless
 * of case and Unicode form stores it (macOS's, Windows', some object-store
 * front ends): Unicode case folding ("About" and "ABOUT" are "about", the
 * ligature "\ufb01le" is "file", the long s "\u017f" is "s", and the
 * dotless "\u0131", which Windows upper-cases to "I", is "i"), NFC
 * ("cafe\u0301" is "caf\u00e9"), and the default-ignorable characters
 * HFS+ drops (U+200C...) and the dots and spaces that end a name, which
 * Windows drops ("about." is "about"), left out, and each name cut at its
 * first ':', as NTFS reads "a:s" (a stream of a) and "a::$DATA" (a
 * itself), a name then empty (" .") left out. Two outputs of one fold
 * are one file there. A "/" stays where it was, but around a name left
 * empty. Caller frees; NULL when
 * path is not UTF-8.
 */
char *folio_path_fold(const char *path, size_t len);

/*
 * Is the last name of path one a web server reads as its settings for the
 * folder: Apache's .htaccess (AddHandler cgi-script .html runs every page)
 * and the .htpasswd its AuthUserFile names, PHP's .user.ini; folded
 * (folio_path_fold()), as a file system that ignores case and Unicode form
 * reads them: ".htacce\u017f\u017f", ".user.\u0131n\u0131", ".htaccess."
 */
bool folio_path_is_server_config(const char *path);

#endif
