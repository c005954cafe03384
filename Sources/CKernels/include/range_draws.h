#ifndef STAGECAST_RANGE_DRAWS_H
#define STAGECAST_RANGE_DRAWS_H

#include <stdint.h>

/* The inner loop of the Monte Carlo range, for one run and one forecast
   line: deal j draws SplitMix64 at state run_state + position_steps[j]
   and wins when the top 53 bits of the draw are below thresholds[j].
   Returns the sum of cents[j] over the deals that win.

   Written in C for one reason: Swift cannot turn on 64-bit vector
   multiplies for a single function, and with them (AVX-512DQ, chosen at
   run time) the loop runs several times faster. Every path computes the
   same integers, so the range does not depend on the processor. */
int64_t stagecast_won_cents(uint64_t run_state, const uint64_t *position_steps,
                            const uint64_t *thresholds, const int64_t *cents,
                            long count);

/* The same sum without vector instructions: what processors without
   AVX-512DQ run, exposed so tests can hold both paths to each other. */
int64_t stagecast_won_cents_plain(uint64_t run_state, const uint64_t *position_steps,
                                  const uint64_t *thresholds, const int64_t *cents,
                                  long count);

#endif
