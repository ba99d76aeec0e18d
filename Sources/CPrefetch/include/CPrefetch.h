#ifndef TRAINING_LAB_PREFETCH_H
#define TRAINING_LAB_PREFETCH_H

#include <stddef.h>

/// Asks the CPU to start loading `count` bytes from `start` into its caches, one hint per
/// 64-byte line, and returns at once. Swift has no prefetch instruction of its own; the
/// minibatch gather uses this to fetch the next images' rows while it converts the current one.
void training_lab_prefetch(const void *start, size_t count);

#endif
