/*
 * libxml2, loaded on first use (util/lazylib.h says why). Include this
 * instead of <libxml/parser.h> and <libxml/tree.h>.
 */
#ifndef FOLIO_UTIL_LAZY_XML_H
#define FOLIO_UTIL_LAZY_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "util/lazylib.h"

#define FOLIO_XML_SONAME "libxml2.so.2"

#ifdef xmlFree
#error "libxml2 built with per-thread allocators: xmlFree is not a variable"
#endif

/* xmlFree is a variable holding a function: its member is the variable's address. */
#define FOLIO_XML_FUNCTIONS(X)                                                                     \
	X(xmlInitParser) X(xmlReadMemory) X(xmlGetLastError) X(xmlDocGetRootElement)              \
	X(xmlFreeDoc) X(xmlNodeGetContent) X(xmlFree)

struct folio_xml_api {
	FOLIO_XML_FUNCTIONS(FOLIO_LAZY_MEMBER)
};

/* The table, loaded on the first call (never NULL). */
const struct folio_xml_api *folio_xml(void);

#ifndef FOLIO_LAZY_DEFINING
#define xmlInitParser (folio_xml()->xmlInitParser)
#define xmlReadMemory (folio_xml()->xmlReadMemory)
#define xmlGetLastError (folio_xml()->xmlGetLastError)
#define xmlDocGetRootElement (folio_xml()->xmlDocGetRootElement)
#define xmlFreeDoc (folio_xml()->xmlFreeDoc)
#define xmlNodeGetContent (folio_xml()->xmlNodeGetContent)
#define xmlFree (*folio_xml()->xmlFree)
#endif

#endif
