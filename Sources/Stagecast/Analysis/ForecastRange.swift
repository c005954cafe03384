import CKernels

/// SplitMix64 (Steele, Lea and Flood 2014), the generator of the range:
/// output i of seed s is mix(s + i · 0x9E3779B97F4A7C15 mod 2^64), so any
/// output can be computed directly and runs split over threads freely.
struct SplitMix64 {
  static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// Output number `index` (1-based, as the stream counts) for `seed`.
  @inline(__always)
  static func output(seed: UInt64, index: UInt64) -> UInt64 {
    mix(seed &+ index &* gamma)
  }

  /// The output for the state `seed + index · gamma`, when the caller has
  /// the state already: the range adds precomputed parts instead of multiplying.
  @inline(__always)
  static func mix(_ state: UInt64) -> UInt64 {
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The simulated range of one forecast line, or of the whole open pipeline.
public struct RangeLine: Sendable {
  /// The line, or nil for all lines together.
  public var period: ForecastPeriod?
  public var deals: Int
  public var pipeline: Double
  public var expected: Double
  /// Mean of the simulated totals.
  public var mean: Double
  /// 10th, 50th and 90th percentile of the simulated totals (nearest rank).
  public var p10: Double
  public var p50: Double
  public var p90: Double
}

/// The Monte Carlo range of the forecast: each open deal with
/// an expected close date is won independently with its p̂, run after run.
public struct ForecastRange: Sendable {
  public var runs: Int
  public var seed: UInt64
  /// One line per forecast line except `undated`, in forecast order.
  public var lines: [RangeLine]
  /// All simulated deals together.
  public var total: RangeLine
  /// The months of the as-of quarter from the as-of month on, as month numbers.
  public var quarterMonths: ClosedRange<Int>
  /// The deals expected to close in `quarterMonths`, overdue ones not included, as the month lines.
  public var quarter: RangeLine

  /// Returns the range of `period`; zeros for the undated line, which is not simulated.
  public func line(for period: ForecastPeriod) -> RangeLine {
    lines.first { $0.period == period }
      ?? RangeLine(
        period: period, deals: 0, pipeline: 0, expected: 0, mean: 0, p10: 0, p50: 0, p90: 0)
  }

  /// Simulates `runs` outcomes of the open pipeline.
  ///
  /// Deals are taken in byte order of their ids, so input order does not
  /// change the result; run r draws SplitMix64 outputs r·n + 1 … r·n + n
  /// for deals 0 … n − 1, and deal j wins when the top 53 bits of its draw,
  /// as a fraction of 2^53, are below p̂. Each line's total is the exact sum
  /// of the won amounts in hundredths; percentiles take the value at 1-based rank
  /// ⌈q · runs / 100⌉ of the sorted totals. Deals without a value take part
  /// with amount 0. The runs are split over two threads; every figure is
  /// the same as from one thread.
  /// - Complexity: O(deals × runs) draws, plus O(lines × runs log runs) to sort.
  static func simulate(
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable,
    forecast: Forecast, asOf: Day, horizon: Int, runs: Int, seed: UInt64
  ) -> ForecastRange {
    let deals = simulatedDeals(
      states: states, opportunities: opportunities, probabilities: probabilities,
      forecast: forecast, asOf: asOf, horizon: horizon)
    let lineCount = forecast.lines.count - 1  // every line but `undated`
    let count = deals.count
    let lines = deals.map(\.line)
    let totals = draw(deals, lineCount: lineCount, runs: runs, seed: seed)

    func summarize(_ period: ForecastPeriod?, values: [Double], members: [Int]) -> RangeLine {
      let (p10, p50, p90) = percentiles(of: values)
      let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
      var pipeline = 0.0
      var expected = 0.0
      for index in members {
        pipeline += deals[index].amount
        expected += deals[index].amount * deals[index].p
      }
      return RangeLine(
        period: period, deals: members.count, pipeline: pipeline, expected: expected, mean: mean,
        p10: p10, p50: p50, p90: p90)
    }

    var rangeLines: [RangeLine] = []
    for line in 0..<lineCount {
      let values = (0..<runs).map { totals[$0 * lineCount + line] }
      let members = (0..<count).filter { lines[$0] == line }
      rangeLines.append(summarize(forecast.lines[line].period, values: values, members: members))
    }
    let allValues = (0..<runs).map { run in
      (0..<lineCount).reduce(0.0) { $0 + totals[run * lineCount + $1] }
    }
    let total = summarize(nil, values: allValues, members: Array(0..<count))

    // The quarter adds its month lines run by run, in line order.
    let quarterMonths = Forecast.quarterMonths(asOfMonth: forecast.asOfMonth)
    let quarterLines = forecast.lines.indices.filter { index in
      guard index < lineCount, case .month(let month) = forecast.lines[index].period else {
        return false
      }
      return quarterMonths.contains(month)
    }
    let quarterValues = (0..<runs).map { run in
      quarterLines.reduce(0.0) { $0 + totals[run * lineCount + $1] }
    }
    let quarter = summarize(
      nil, values: quarterValues, members: (0..<count).filter { quarterLines.contains(lines[$0]) })
    return ForecastRange(
      runs: runs, seed: seed, lines: rangeLines, total: total, quarterMonths: quarterMonths,
      quarter: quarter)
  }

  /// An open deal as the simulation uses it.
  struct SimulatedDeal {
    var id: String
    /// Position of the deal's forecast line.
    var line: Int
    /// Amount in the report currency; 0 for a deal without a value.
    var amount: Double
    /// The same amount in hundredths, which the runs add up exactly.
    var cents: Int64
    /// The draw wins when its top 53 bits are below this.
    var threshold: UInt64
    var p: Double
  }

  /// Returns the open deals with an expected close date, in byte order of their ids.
  static func simulatedDeals(
    states: [DealState], opportunities: [Opportunity], probabilities: WinProbabilityTable,
    forecast: Forecast, asOf: Day, horizon: Int
  ) -> [SimulatedDeal] {
    var deals: [SimulatedDeal] = []
    for state in states where state.status == .open {
      guard let expectedClose = opportunities[state.opportunity].expectedCloseOn else { continue }
      let period = Forecast.period(of: expectedClose, asOf: asOf, horizon: horizon)
      guard let line = forecast.lines.firstIndex(where: { $0.period == period }) else { continue }
      let p = probabilities.probability(grade: state.grade, stage: state.currentStage)
      // u < p  ⇔  (draw >> 11) < ⌈p · 2^53⌉, exactly, as integers.
      let threshold = UInt64((p * 9_007_199_254_740_992).rounded(.up))
      deals.append(
        SimulatedDeal(
          id: opportunities[state.opportunity].id, line: line,
          amount: opportunities[state.opportunity].amount ?? 0,
          cents: opportunities[state.opportunity].amountCents ?? 0, threshold: threshold, p: p))
    }
    deals.sort { $0.id.precedesByBytes($1.id) }
    return deals
  }

  /// Runs the simulation over two threads.
  ///
  /// `totals[run * lineCount + line]` is the won amount of `line` in `run`.
  static func draw(_ deals: [SimulatedDeal], lineCount: Int, runs: Int, seed: UInt64) -> [Double] {
    draw(deals, lineCount: lineCount, runs: 0..<runs, seed: seed)
  }

  /// Runs the simulation for the run numbers `runs` only: the totals of
  /// run r are those `draw(…, runs: n, …)` gives run r.
  static func draw(_ deals: [SimulatedDeal], lineCount: Int, runs: Range<Int>, seed: UInt64)
    -> [Double]
  {
    let blocks = RangeBlocks(
      deals: deals.map { ($0.line, $0.cents, $0.threshold) }, lineCount: lineCount)
    let half = runs.lowerBound + runs.count / 2
    let first = RangeWorker.run(runs: runs.lowerBound..<half, blocks: blocks, seed: seed)
    let second = BackgroundTask {
      RangeWorker.run(runs: half..<runs.upperBound, blocks: blocks, seed: seed)
    }
    // Force try: the worker cannot throw.
    // swift-format-ignore: NeverUseForceTry
    return first + (try! second.value())
  }

  /// Returns the 10th, 50th and 90th percentile by nearest rank.
  ///
  /// Each is the value at 1-based rank ⌈q · n / 100⌉ of the sorted values, and 0 without values.
  static func percentiles(of values: [Double]) -> (p10: Double, p50: Double, p90: Double) {
    let sorted = values.sorted()
    func percentile(_ q: Int) -> Double {
      guard !sorted.isEmpty else { return 0 }
      let rank = (q * sorted.count + 99) / 100
      return sorted[max(0, rank - 1)]
    }
    return (percentile(10), percentile(50), percentile(90))
  }
}

/// The simulated deals grouped by forecast line, each group in id order.
///
/// A line's total sums whole hundredths in an integer register: exact in
/// any order, so the sum needs no particular order and no float latency chain.
private struct RangeBlocks: Sendable {
  /// Deals of line `l` sit at `starts[l] ..< starts[l + 1]`.
  var starts: [Int]
  /// Each deal's position in id order times the generator's gamma: the part
  /// of its draw's state that is the same in every run.
  var positionSteps: [UInt64]
  var thresholds: [UInt64]
  /// Amounts in hundredths, masked to 0 for a lost draw without a branch.
  var cents: [Int64]
  var dealCount: Int
  var lineCount: Int

  init(deals: [(line: Int, cents: Int64, threshold: UInt64)], lineCount: Int) {
    var order = Array(deals.indices)
    // A stable sort keeps id order inside each line.
    order.sort { (deals[$0].line, $0) < (deals[$1].line, $1) }
    positionSteps = order.map { UInt64($0) &* SplitMix64.gamma }
    thresholds = order.map { deals[$0].threshold }
    cents = order.map { deals[$0].cents }
    var starts = [Int](repeating: 0, count: lineCount + 1)
    for deal in deals { starts[deal.line + 1] += 1 }
    for line in 0..<lineCount { starts[line + 1] += starts[line] }
    self.starts = starts
    dealCount = deals.count
    self.lineCount = lineCount
  }
}

/// The draws of a block of runs.
private enum RangeWorker {
  static func run(runs: Range<Int>, blocks: RangeBlocks, seed: UInt64) -> [Double] {
    let lineCount = blocks.lineCount
    var totals = [Double](repeating: 0, count: runs.count * lineCount)
    // The inner loop runs deals × runs times (757 million at a million
    // deals). It is the C kernel `stagecast_won_cents`, which states why it
    // is in C, run over the arrays' unchecked buffers.
    blocks.positionSteps.withUnsafeBufferPointer { positionSteps in
      blocks.thresholds.withUnsafeBufferPointer { thresholds in
        blocks.cents.withUnsafeBufferPointer { cents in
          totals.withUnsafeMutableBufferPointer { totals in
            for (offset, run) in runs.enumerated() {
              // Draw indices count from 1: run r, deal j takes r·n + j + 1,
              // whose state is seed + (r·n + 1)·gamma + j·gamma.
              let runState =
                seed &+ (UInt64(run) &* UInt64(blocks.dealCount) &+ 1) &* SplitMix64.gamma
              for line in 0..<lineCount {
                let start = blocks.starts[line]
                let count = blocks.starts[line + 1] - start
                guard count > 0, let steps = positionSteps.baseAddress,
                  let limits = thresholds.baseAddress, let amounts = cents.baseAddress
                else { continue }
                let sum = stagecast_won_cents(
                  runState, steps + start, limits + start, amounts + start, count)
                totals[offset * lineCount + line] = Double(sum) / 100
              }
            }
          }
        }
      }
    }
    return totals
  }
}
