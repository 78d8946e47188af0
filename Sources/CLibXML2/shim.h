#ifndef KHO_CLIBXML2_SHIM_H
#define KHO_CLIBXML2_SHIM_H
/* libxml2's headers pull in ICU, whose types clash with Foundation's own ICU module.
   Include the version header first and switch ICU off before any parser header. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#endif
