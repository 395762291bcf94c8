/* A hint that `address` will be read soon, so the cache line is on its way while other work
   goes on. Swift has no prefetch of its own; Clang's builtin compiles to one instruction. */
static inline void lode_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
