/*
 * libcurl, loaded on first use (util/lazylib.h says why). Include this
 * instead of <curl/curl.h>; write libcurl's calls as its manual does.
 * curl_easy_setopt and curl_easy_getinfo lose libcurl's compile-time type
 * checks (they are macros over the functions).
 */
#ifndef FOLIO_UTIL_LAZY_CURL_H
#define FOLIO_UTIL_LAZY_CURL_H

#include <curl/curl.h>

#include "util/lazylib.h"

#define FOLIO_CURL_SONAME "libcurl.so.4"

#define FOLIO_CURL_FUNCTIONS(X)                                                                    \
	X(curl_global_init)                                                                        \
	X(curl_easy_init) X(curl_easy_reset) X(curl_easy_cleanup) X(curl_easy_setopt)              \
	X(curl_easy_getinfo) X(curl_easy_strerror) X(curl_free) X(curl_getdate)                    \
	X(curl_multi_init) X(curl_multi_cleanup) X(curl_multi_setopt) X(curl_multi_add_handle)     \
	X(curl_multi_remove_handle) X(curl_multi_perform) X(curl_multi_poll)                       \
	X(curl_multi_info_read) X(curl_multi_strerror) X(curl_slist_append)                        \
	X(curl_slist_free_all) X(curl_url) X(curl_url_cleanup) X(curl_url_get) X(curl_url_set)

struct folio_curl_api {
	FOLIO_CURL_FUNCTIONS(FOLIO_LAZY_MEMBER)
};

/* The table, loaded on the first call (never NULL). */
const struct folio_curl_api *folio_curl(void);

#ifndef FOLIO_LAZY_DEFINING
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_global_init (folio_curl()->curl_global_init)
#define curl_easy_init (folio_curl()->curl_easy_init)
#define curl_easy_reset (folio_curl()->curl_easy_reset)
#define curl_easy_cleanup (folio_curl()->curl_easy_cleanup)
#define curl_easy_setopt (folio_curl()->curl_easy_setopt)
#define curl_easy_getinfo (folio_curl()->curl_easy_getinfo)
#define curl_easy_strerror (folio_curl()->curl_easy_strerror)
#define curl_free (folio_curl()->curl_free)
#define curl_getdate (folio_curl()->curl_getdate)
#define curl_multi_init (folio_curl()->curl_multi_init)
#define curl_multi_cleanup (folio_curl()->curl_multi_cleanup)
#define curl_multi_setopt (folio_curl()->curl_multi_setopt)
#define curl_multi_add_handle (folio_curl()->curl_multi_add_handle)
#define curl_multi_remove_handle (folio_curl()->curl_multi_remove_handle)
#define curl_multi_perform (folio_curl()->curl_multi_perform)
#define curl_multi_poll (folio_curl()->curl_multi_poll)
#define curl_multi_info_read (folio_curl()->curl_multi_info_read)
#define curl_multi_strerror (folio_curl()->curl_multi_strerror)
#define curl_slist_append (folio_curl()->curl_slist_append)
#define curl_slist_free_all (folio_curl()->curl_slist_free_all)
#define curl_url (folio_curl()->curl_url)
#define curl_url_cleanup (folio_curl()->curl_url_cleanup)
#define curl_url_get (folio_curl()->curl_url_get)
#define curl_url_set (folio_curl()->curl_url_set)
#endif

#endif
