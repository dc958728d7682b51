#ifndef CHEAP_H
#define CHEAP_H

/// Returns the allocator's free pages to the kernel (glibc `malloc_trim(0)`); returns 1 when memory
/// was released, 0 when none was or the C library has no such call.
int cheap_trim(void);

#endif
