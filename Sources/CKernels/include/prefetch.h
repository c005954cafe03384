#ifndef STAGECAST_PREFETCH_H
#define STAGECAST_PREFETCH_H

/* Swift has no prefetch instruction of its own. The import prefetches a
   hash-table slot this way while it still parses the rest of the row, so
   the cache miss on a million-id table overlaps with useful work. */
static inline void stagecast_prefetch(const void *address) {
  __builtin_prefetch(address, 1, 3);
}

#endif
