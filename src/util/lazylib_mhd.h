/*
 * libmicrohttpd, loaded on first use (util/lazylib.h says why). Include
 * this instead of <microhttpd.h>; write its calls as its manual does.
 */
#ifndef FOLIO_UTIL_LAZY_MHD_H
#define FOLIO_UTIL_LAZY_MHD_H

#include <microhttpd.h>

#include "util/lazylib.h"

#define FOLIO_MHD_SONAME "libmicrohttpd.so.12"

#define FOLIO_MHD_FUNCTIONS(X)                                                                     \
	X(MHD_start_daemon) X(MHD_stop_daemon) X(MHD_get_daemon_info) X(MHD_get_connection_info)   \
	X(MHD_lookup_connection_value) X(MHD_create_response_from_buffer)                          \
	X(MHD_create_response_from_fd) X(MHD_create_response_from_callback)                        \
	X(MHD_add_response_header) X(MHD_queue_response) X(MHD_destroy_response)

struct folio_mhd_api {
	FOLIO_MHD_FUNCTIONS(FOLIO_LAZY_MEMBER)
};

/* The table, loaded on the first call (never NULL). */
const struct folio_mhd_api *folio_mhd(void);

#ifndef FOLIO_LAZY_DEFINING
#define MHD_start_daemon (folio_mhd()->MHD_start_daemon)
#define MHD_stop_daemon (folio_mhd()->MHD_stop_daemon)
#define MHD_get_daemon_info (folio_mhd()->MHD_get_daemon_info)
#define MHD_get_connection_info (folio_mhd()->MHD_get_connection_info)
#define MHD_lookup_connection_value (folio_mhd()->MHD_lookup_connection_value)
#define MHD_create_response_from_buffer (folio_mhd()->MHD_create_response_from_buffer)
#define MHD_create_response_from_fd (folio_mhd()->MHD_create_response_from_fd)
#define MHD_create_response_from_callback (folio_mhd()->MHD_create_response_from_callback)
#define MHD_add_response_header (folio_mhd()->MHD_add_response_header)
#define MHD_queue_response (folio_mhd()->MHD_queue_response)
#define MHD_destroy_response (folio_mhd()->MHD_destroy_response)
#endif

#endif
