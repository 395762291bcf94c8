/* Debian builds libxml2 with ICU, whose headers clash with the ICU copy Foundation brings.
   Lode never touches the ICU-dependent fields of libxml2's encoding handlers, so the
   headers are read without them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* xmlFree is a global function pointer, which Swift 6 will not touch directly. */
static inline void lode_xml_free(void *memory) { xmlFree(memory); }
