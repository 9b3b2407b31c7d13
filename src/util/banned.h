/*
 * Included last by every .c file of folio: functions that overflow buffers
 * or keep hidden state become compile errors.
 */
#ifndef FOLIO_UTIL_BANNED_H
#define FOLIO_UTIL_BANNED_H

#define FOLIO_BANNED(func) sorry_##func##_is_banned_in_folio

#undef strcpy
#define strcpy(x, y) FOLIO_BANNED(strcpy)
#undef strcat
#define strcat(x, y) FOLIO_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) FOLIO_BANNED(strncpy)
#undef sprintf
#define sprintf(...) FOLIO_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) FOLIO_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) FOLIO_BANNED(strtok)
#undef localtime
#define localtime(t) FOLIO_BANNED(localtime)
#undef gmtime
#define gmtime(t) FOLIO_BANNED(gmtime)

#endif
