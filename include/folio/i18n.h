/*
 * Messages in a language: the catalogues msgfmt makes from po/<lang>.po
 * (GNU gettext's .mo files), read by folio itself so that one process can
 * speak two languages at once, whatever locales the machine has installed:
 *
 *   - content findings speak the site's language (folio.yaml `language`),
 *     set by folio_config_parse() through folio_i18n_set_findings_language();
 *   - the command line's own messages speak the user's, from LANGUAGE,
 *     LC_ALL, LC_MESSAGES and LANG as gettext reads them.
 *
 * English is the source: a message with no translation is shown as written.
 *
 *     printf("%s\n", folio_i18n_text("fr", "show this help"));
 */
#ifndef FOLIO_I18N_H
#define FOLIO_I18N_H

#include <stdarg.h>
#include <stdbool.h>

#include "buf.h"

/* msgid in language lang ("fr", "fr-CA", "fr_FR.UTF-8"; NULL or "" is
 * English), or msgid itself when the catalogue lacks it. The result is
 * borrowed and lives as long as the process. */
const char *folio_i18n_text(const char *lang, const char *msgid) __attribute__((format_arg(2)));

/* The language content findings are written in: folio_diags_add()
 * translates its format and hint with it. The environment variable
 * FOLIO_FINDINGS_LANG, when set, wins over what is set here (a server whose
 * logs are read in one language, the test suite). NULL or "": English. */
void folio_i18n_set_findings_language(const char *lang);
/* Borrowed; "" for English. */
const char *folio_i18n_findings_language(void);
/* msgid in the findings' language. */
const char *folio_i18n_finding(const char *msgid) __attribute__((format_arg(1)));

/* The command line's language, from the environment as gettext reads it;
 * "" for English. Borrowed. */
const char *folio_i18n_cli_language(void);
/* msgid in the command line's language. */
const char *folio_i18n_cli(const char *msgid) __attribute__((format_arg(1)));

/* Whether a count of n takes the singular in lang: 1 in English, 0 and 1
 * in French ("0 erreur"). */
bool folio_i18n_singular(const char *lang, unsigned long long n);

/*
 * Append fmt formatted with ap, its numbers written as lang writes them:
 * in French, whole numbers of five digits or more grouped by threes with a
 * narrow no-break space ("160 999 octets"); as printf writes them in
 * English (and any language folio has no rule for).
 */
void folio_i18n_vformat(folio_buf *out, const char *lang, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* The folder of the catalogues (<dir>/<lang>/LC_MESSAGES/folio.mo): the
 * build tree's when folio runs from it, else the installed one. */
const char *folio_i18n_localedir(void);

/* Marks a message kept in a table for xgettext; translate it where it is
 * used, with folio_i18n_finding() or folio_i18n_cli(). */
#define FOLIO_N_(s) s

#endif
