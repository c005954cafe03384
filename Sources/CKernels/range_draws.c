#include "range_draws.h"

static inline uint64_t split_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/* One deal's part of the sum. Both sides of the subtraction are below
   2^54, so it is negative exactly when the deal wins, and its sign bit
   spread over the word masks the amount without a branch. */
static inline int64_t won_part(uint64_t run_state, uint64_t position_step,
                               uint64_t threshold, int64_t cents) {
  uint64_t draw = split_mix(run_state + position_step);
  int64_t won = (int64_t)((draw >> 11) - threshold) >> 63;
  return cents & won;
}

int64_t stagecast_won_cents_plain(uint64_t run_state, const uint64_t *position_steps,
                               const uint64_t *thresholds, const int64_t *cents,
                               long count) {
  int64_t sum = 0;
  /* Kept scalar: the baseline target emulates each 64-bit vector multiply
     with three 32-bit ones, which is slower than one scalar multiply. */
#pragma clang loop vectorize(disable)
  for (long j = 0; j < count; j++) {
    sum += won_part(run_state, position_steps[j], thresholds[j], cents[j]);
  }
  return sum;
}

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq")))
static int64_t won_cents_avx512(uint64_t run_state, const uint64_t *position_steps,
                                const uint64_t *thresholds, const int64_t *cents,
                                long count) {
  int64_t sum = 0;
#pragma clang loop vectorize_width(8) interleave_count(2)
  for (long j = 0; j < count; j++) {
    sum += won_part(run_state, position_steps[j], thresholds[j], cents[j]);
  }
  return sum;
}
#endif

int64_t stagecast_won_cents(uint64_t run_state, const uint64_t *position_steps,
                            const uint64_t *thresholds, const int64_t *cents,
                            long count) {
#if defined(__x86_64__)
  /* The processor's features are read once at start-up; asking costs a load. */
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
    return won_cents_avx512(run_state, position_steps, thresholds, cents, count);
  }
#endif
  return stagecast_won_cents_plain(run_state, position_steps, thresholds, cents, count);
}
