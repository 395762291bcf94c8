/* CRC-32C (Castagnoli), the checksum the search index's files end in: with the SSE4.2 crc32
   instruction where the processor has it (8 bytes a step, about five times zlib's CRC-32),
   else bit by bit. Both give the same value. */
#include <stddef.h>
#include <stdint.h>

static inline uint32_t lode_crc32c_bits(uint32_t crc, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2")))
static inline uint32_t lode_crc32c_sse42(uint32_t crc, const uint8_t *p, size_t n) {
    uint64_t c = crc;
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t v;
        __builtin_memcpy(&v, p, 8);
        c = __builtin_ia32_crc32di(c, v);
    }
    uint32_t c32 = (uint32_t)c;
    for (; n > 0; n--, p++) c32 = __builtin_ia32_crc32qi(c32, *p);
    return c32;
}

static inline int lode_has_sse42(void) {
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    return (c >> 20) & 1;
}
#endif

/* The CRC-32C of `n` bytes at `data`. */
static inline uint32_t lode_crc32c(const void *data, size_t n) {
    const uint8_t *p = (const uint8_t *)data;
#if defined(__x86_64__)
    if (lode_has_sse42()) return ~lode_crc32c_sse42(~0u, p, n);
#endif
    return ~lode_crc32c_bits(~0u, p, n);
}
