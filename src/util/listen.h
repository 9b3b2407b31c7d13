/*
 * The one parser of listen addresses, for every HTTP server folio runs
 * (folio watch's status and webhooks, folio receive): "host:port" or
 * "[v6]:port", numeric hosts or names; port 0 picks a free port.
 */
#ifndef FOLIO_UTIL_LISTEN_H
#define FOLIO_UTIL_LISTEN_H

#include <netdb.h>

/* spec to a socket address in *res (free it with freeaddrinfo()); <0 with
 * a message naming spec when it is malformed or cannot be resolved. */
int folio_listen_parse(struct addrinfo **res, const char *spec);

#endif
