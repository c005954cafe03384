import CKernels
import Testing

@testable import Stagecast

/// The range's C draw loop against a plain Swift loop.
///
/// The loop runs on vector instructions where the processor has them. Both
/// C paths are held here to a Swift loop over the generator of
/// `SplitMix64`, which the reference tests tie to the published test vectors.
struct RangeKernelTests {
  /// Computes what the kernel computes, written the obvious way.
  private func wonCents(
    runState: UInt64, steps: [UInt64], thresholds: [UInt64], cents: [Int64]
  ) -> Int64 {
    var sum: Int64 = 0
    for deal in steps.indices {
      let draw = SplitMix64.mix(runState &+ steps[deal])
      if draw >> 11 < thresholds[deal] { sum += cents[deal] }
    }
    return sum
  }

  @Test func bothPathsMatchTheSwiftLoop() {
    var generator = SplitMix64Sequence(seed: 20_261_130)
    // Every length up to 40 covers whole vectors, two interleaved vectors and each remainder.
    for count in 0...40 {
      let steps = (0..<count).map { UInt64($0) &* SplitMix64.gamma }
      let thresholds = (0..<count).map { deal -> UInt64 in
        // Certain losses and wins beside ordinary probabilities.
        switch deal % 5 {
        case 0: return 0
        case 1: return 1 << 53
        default: return generator.next() >> 11
        }
      }
      let cents = (0..<count).map { _ in Int64(generator.next() % 100_000_000) }
      let runState = generator.next()

      let expected = wonCents(
        runState: runState, steps: steps, thresholds: thresholds, cents: cents)
      let dispatched = stagecast_won_cents(runState, steps, thresholds, cents, count)
      let plain = stagecast_won_cents_plain(runState, steps, thresholds, cents, count)
      #expect(dispatched == expected, "\(count) deals")
      #expect(plain == expected, "\(count) deals")
    }
  }

  /// Inputs for the test from the generator itself, so they are the same on every run.
  private struct SplitMix64Sequence {
    var seed: UInt64
    var index: UInt64 = 0

    mutating func next() -> UInt64 {
      index += 1
      return SplitMix64.output(seed: seed, index: index)
    }
  }
}
