import Dispatch
import Synchronization
import Testing

@testable import Stagecast

/// Labels (owner, region and the like) kept as numbers in one store.
struct LabelTests {
  @Test func labelsReadBackAsWritten() {
    var deal = Opportunity.blankOpenDeal()
    deal.owner = "王芳"
    deal.region = "华东"
    deal.product = "Data Platform"
    deal.industry = ""
    deal.forecastCategory = "Commit"

    #expect(deal.owner == "王芳")
    #expect(deal.region == "华东")
    #expect(deal.product == "Data Platform")
    #expect(deal.industry == "")
    #expect(deal.forecastCategory == "Commit")
  }

  @Test func unsetAndClearedLabelsAreNil() {
    var deal = Opportunity.blankOpenDeal()
    #expect(deal.owner == nil)
    #expect(deal.ownerLabel == .none)

    deal.owner = "Li"
    deal.owner = nil
    #expect(deal.owner == nil)
    #expect(deal.ownerLabel == .none)
  }

  @Test func sameTextGivesSameLabel() {
    #expect(Label(interning: "East") == Label(interning: "East"))
    #expect(Label(interning: "East") != Label(interning: "West"))
    // The empty text is a value, not the missing label.
    #expect(Label(interning: "") != .none)
  }

  /// Each deal reads back its own bytes of "é", one code point or e with a
  /// combining accent: equal as `String`s, two byte sequences.
  @Test func canonicalSpellingsStayApart() {
    let composed = "Andr\u{E9}"
    let decomposed = "Andre\u{301}"
    var first = Opportunity.blankOpenDeal()
    var second = Opportunity.blankOpenDeal()
    first.owner = composed
    second.owner = decomposed

    #expect(first.ownerLabel != second.ownerLabel)
    #expect(first.owner.map { Array($0.utf8) } == Array(composed.utf8))
    #expect(second.owner.map { Array($0.utf8) } == Array(decomposed.utf8))
  }

  /// Threads interning the same texts at once agree on every number, and
  /// texts over more than one chunk of the store all read back.
  @Test func concurrentInterningAgrees() {
    let texts = (0..<9_000).map { "label-\($0)-of-a-concurrent-test" }
    let runs = Mutex<[[Label]]>([[], []])
    DispatchQueue.concurrentPerform(iterations: 2) { run in
      // The second thread walks backwards, so both add new texts at once.
      var labels = [Label](repeating: .none, count: texts.count)
      let order = run == 0 ? Array(texts.indices) : texts.indices.reversed()
      for index in order {
        labels[index] = Label(interning: texts[index])
      }
      runs.withLock { $0[run] = labels }
    }
    let (results, backwards) = runs.withLock { ($0[0], $0[1]) }

    for index in texts.indices {
      #expect(results[index] == backwards[index])
      #expect(results[index].text == texts[index])
    }
  }
}
