/* Debian builds libxml2 with ICU, whose headers clash with the ICU copy Foundation brings.
   Lode never touches the ICU-dependent fields of libxml2's encoding handlers, so the
   headers are read without them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function pointer, which Swift 6 will not touch directly. */
static inline void lode_xml_free(void *memory) { xmlFree(memory); }

static inline void lode_xml_ignore(void *context, const char *message, ...) { (void)context; (void)message; }

/* Pages with broken encodings make libxml2 print to stderr even with HTML_PARSE_NOERROR;
   the calling thread's handler is set to drop those messages (the page is read anyway). */
static inline void lode_xml_quiet(void) { xmlSetGenericErrorFunc(NULL, lode_xml_ignore); }
