#include <zlib.h>

/* inflateInit2 is a macro; Swift needs a function. 16 + 15 window bits: gzip framing. */
static inline int lode_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 16 + MAX_WBITS);
}
