#include <stdio.h>
#include <editline/readline.h>

/* Accessors for libedit's globals, which Swift 6 cannot touch directly. */
static inline void lode_set_completion(rl_completion_func_t *function) { rl_attempted_completion_function = function; }
static inline const char *lode_line_buffer(void) { return rl_line_buffer; }
static inline void lode_completion_over(void) { rl_attempted_completion_over = 1; }
