import CKernels
import Glibc

/// Distinct cell texts, kept by their UTF-8 bytes and numbered in the order
/// they were first seen.
///
/// The import looks up an id, a stage word or an owner on every row. Hashing
/// the bytes where libcsv left them, with no `String` built first, keeps
/// those lookups from dominating the import.
struct TextTable: Sendable {
  /// The texts in number order.
  private var list = TextList()
  /// Open addressing; a slot whose `entry` is 0 is empty.
  ///
  /// A slot contains the text as a `ShortKey` beside its number, so a text of
  /// up to 15 bytes (ids, stage words, owners) is found or placed with one
  /// read of memory. In a million-id table each read misses the cache: with
  /// the key kept by number instead, a found id cost a second miss.
  private var slots: [Slot]
  private var mask: Int
  /// Fixed per process, so texts made to collide cannot be written in advance.
  private static let seed = UInt64.random(in: 0...UInt64.max)

  private struct Slot {
    var key: ShortKey
    /// The text's hash bits and number: hash high, number plus one low.
    ///
    /// The hash bits settle nearly every mismatch without comparing keys.
    var entry: UInt64

    static let empty = Slot(key: ShortKey(low: 0, high: 0), entry: 0)
  }

  /// Creates a table sized for about `capacity` texts.
  init(capacity: Int = 16) {
    var size = 16
    while size * 3 < capacity * 4 { size *= 2 }
    slots = HugePages.array(repeating: .empty, count: size)
    mask = size - 1
    list.reserveCapacity(capacity)
  }

  /// Number of distinct texts.
  var count: Int { list.count }

  /// The texts alone, without the slots that find them: for a table that
  /// is only read in order from now on, at a third of the memory.
  consuming func texts() -> TextList { list }

  /// Text number `number`.
  subscript(number: Int) -> String { list[number] }

  /// Calls `body` with each text's number and bytes, in number order.
  func forEachText(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
    list.forEachText(body)
  }

  /// Returns the number of `text`, or nil when it is not in the table.
  func find(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
    let key = ShortKey(text)
    return probe(text, key: key, tag: Self.tag(of: text, key: key)).number
  }

  /// Returns the number of `text`, or nil; `lookup` is what `prepare(text)` returned.
  func find(_ text: UnsafeBufferPointer<UInt8>, lookup: Lookup) -> Int? {
    probe(text, key: lookup.key, tag: lookup.tag).number
  }

  /// A text's key and hash, worked out ahead of its lookup.
  struct Lookup {
    fileprivate let key: ShortKey
    fileprivate let tag: UInt32
  }

  /// Hashes `text` and prefetches its slot, so that a later
  /// `insert(_:lookup:)` finds the slot in the cache.
  func prepare(_ text: UnsafeBufferPointer<UInt8>) -> Lookup {
    let key = ShortKey(text)
    let lookup = Lookup(key: key, tag: Self.tag(of: text, key: key))
    prefetch(lookup)
    return lookup
  }

  /// Asks the processor to fetch the slot where `lookup`'s text starts its probe.
  private func prefetch(_ lookup: Lookup) {
    slots.withUnsafeBufferPointer { slots in
      guard let base = slots.baseAddress else { return }
      // A 24-byte slot crosses a cache line one time in four: both ends are fetched.
      let slot = UnsafeRawPointer(base + (Int(lookup.tag) & mask))
      stagecast_prefetch(slot)
      stagecast_prefetch(slot + MemoryLayout<Slot>.size - 1)
    }
  }

  /// Returns the number of `text`, adding it when it is new.
  mutating func insert(_ text: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
    let key = ShortKey(text)
    return insert(text, lookup: Lookup(key: key, tag: Self.tag(of: text, key: key)))
  }

  /// Returns the number of `text`, adding it when it is new; `lookup` is
  /// what `prepare(text)` returned.
  mutating func insert(_ text: UnsafeBufferPointer<UInt8>, lookup: Lookup) -> (
    number: Int, isNew: Bool
  ) {
    let key = lookup.key
    let tag = lookup.tag
    let (found, slot) = probe(text, key: key, tag: tag)
    if let found { return (found, false) }

    let number = count
    list.append(text)
    slots[slot] = Slot(key: key, entry: UInt64(tag) << 32 | UInt64(number + 1))
    // Linear probing stays short up to three quarters full.
    if count * 4 > slots.count * 3 { grow() }
    return (number, true)
  }

  /// Returns the text's number if present, else the empty slot where it belongs.
  private func probe(_ text: UnsafeBufferPointer<UInt8>, key: ShortKey, tag: UInt32) -> (
    number: Int?, slot: Int
  ) {
    var slot = Int(tag) & mask
    while true {
      let candidate = slots[slot]
      if candidate.entry == 0 { return (nil, slot) }
      let number = Int(candidate.entry & 0xFFFF_FFFF) - 1
      if UInt32(candidate.entry >> 32) == tag, candidate.key == key,
        key.isShort || list.text(number, equals: text)
      {
        return (number, slot)
      }
      slot = (slot + 1) & mask
    }
  }

  /// Returns the 32 hash bits a slot keeps, whose low bits also pick the first slot.
  private static func tag(of text: UnsafeBufferPointer<UInt8>, key: ShortKey) -> UInt32 {
    UInt32(truncatingIfNeeded: key.isShort ? key.hash(seed: seed) : hash(text))
  }

  private mutating func grow() {
    let old = slots
    slots = HugePages.array(repeating: .empty, count: old.count * 2)
    mask = slots.count - 1
    for moved in old where moved.entry != 0 {
      var slot = Int(moved.entry >> 32) & mask
      while slots[slot].entry != 0 { slot = (slot + 1) & mask }
      slots[slot] = moved
    }
  }

  /// Hashes bytes eight at a time with a multiply-and-fold mix.
  static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var state = seed ^ (UInt64(text.count) &* 0x9E37_79B9_7F4A_7C15)
    guard let base = text.baseAddress else { return mix(state) }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    while offset + 8 <= text.count {
      state = mix(state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < text.count {
      tail |= UInt64(text[offset]) << shift
      shift += 8
      offset += 1
    }
    return mix(state ^ tail)
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    let product = value.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
    return product.high ^ product.low
  }
}

/// A text of up to 15 bytes packed into two words with its length, so
/// that two such texts are equal exactly when their keys are.
///
/// A longer text gets a key that marks it long and keeps its first eight
/// bytes, which still separates most different texts before their bytes are read.
struct ShortKey: Equatable, Sendable {
  var low: UInt64
  /// The bytes after the eighth, and the length in the top byte; all ones for a long text.
  var high: UInt64

  var isShort: Bool { high != .max }

  init(low: UInt64, high: UInt64) {
    self.low = low
    self.high = high
  }

  init(_ text: UnsafeBufferPointer<UInt8>) {
    let count = text.count
    guard let base = text.baseAddress, count > 0 else {
      low = 0
      high = 0
      return
    }
    let raw = UnsafeRawPointer(base)
    if count >= 8 {
      low = raw.loadUnaligned(as: UInt64.self)
    } else {
      var word: UInt64 = 0
      for offset in 0..<count { word |= UInt64(text[offset]) << (8 * UInt64(offset)) }
      low = word
    }
    guard count <= 15 else {
      high = .max
      return
    }
    var rest: UInt64 = 0
    if count > 8 {
      // The last eight bytes, less those `low` already holds.
      rest =
        raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> (8 * UInt64(16 - count))
    }
    high = rest | UInt64(count) << 56
  }

  /// Hashes the key with a multiply-and-fold mix.
  func hash(seed: UInt64) -> UInt64 {
    let product = (low ^ seed).multipliedFullWidth(by: high ^ 0xA076_1D64_78BD_642F)
    return product.high ^ product.low
  }
}

/// The export's ids by their bytes, with the deal each names, so a history
/// file is matched without a second table of a million ids.
struct IDIndex: Sendable {
  var table: TextTable
  /// Deal position of each id number, -1 for a dropped deal; nil when every
  /// id number is its deal's position.
  var positions: [Int32]?

  /// Returns the position of the deal with id `text`, or nil when no deal has it.
  func deal(_ text: UnsafeBufferPointer<UInt8>) -> Int32? {
    deal(number: table.find(text))
  }

  /// Returns the deal positions of `ids`, -1 where no deal has the id.
  ///
  /// The slot of each id is asked for a few ids ahead of its lookup: in
  /// a table of a million ids nearly every lookup misses the cache, and
  /// this way the misses overlap instead of following one another.
  func deals(of ids: TextList) -> [Int32] {
    let distance = 16
    var positions = [Int32](repeating: -1, count: ids.count)
    ids.withTexts { text in
      // The lookups of the next `distance` ids, by id number modulo `distance`.
      var ahead = (0..<min(distance, ids.count)).map { table.prepare(text($0)) }
      for number in 0..<ids.count {
        let lookup = ahead[number % distance]
        if number + distance < ids.count {
          ahead[number % distance] = table.prepare(text(number + distance))
        }
        positions[number] = deal(number: table.find(text(number), lookup: lookup)) ?? -1
      }
    }
    return positions
  }

  private func deal(number: Int?) -> Int32? {
    guard let number else { return nil }
    guard let positions else { return Int32(number) }
    return positions[number] >= 0 ? positions[number] : nil
  }
}

/// A value worked out once per distinct text of a column: the meaning of a
/// stage word, a grade letter, an interned owner name.
struct CellMemo<Value> {
  private var texts = TextTable()
  private var values: [Value] = []
  /// Distinct texts remembered; past it (an id-like column) values are worked out each time.
  let limit: Int

  init(limit: Int = 65_536) {
    self.limit = limit
  }

  /// The value for `text`, computed from its `String` the first time.
  mutating func value(
    of text: UnsafeBufferPointer<UInt8>, compute: (String) -> Value
  ) -> Value {
    guard texts.count < limit else {
      if let number = texts.find(text) { return values[number] }
      return compute(String(decoding: text, as: UTF8.self))
    }
    let (number, isNew) = texts.insert(text)
    guard isNew else { return values[number] }
    let value = compute(String(decoding: text, as: UTF8.self))
    values.append(value)
    return value
  }
}

/// Large lookup tables on 2 MiB pages where Linux offers them.
///
/// A million-id table is read at random on every row; with 4 KiB pages
/// each such read also misses the processor's address-translation cache.
/// Memory gets huge pages when marked with `madvise` before its first write.
enum HugePages {
  /// Below this size a table fits the translation cache anyway.
  static let threshold = 4 << 20

  static func array<Element>(repeating value: Element, count: Int) -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      advise(UnsafeMutableRawBufferPointer(buffer))
      buffer.initialize(repeating: value)
      initialized = count
    }
  }

  /// Marks the whole 2 MiB pages inside `buffer`.
  private static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
    guard buffer.count >= threshold, let base = buffer.baseAddress else { return }
    let page = 2 << 20
    let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(page - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
  }
}

/// Texts numbered in order, kept by their UTF-8 bytes, without a lookup.
struct TextList: Sendable {
  /// Every text's bytes, one after another.
  private var storage: [UInt8] = []
  /// Start offset of each text in `storage`; text `n` ends where `n + 1` starts.
  private var starts: [Int] = [0]

  init() {}

  var count: Int { starts.count - 1 }

  /// Reserves room for `count` texts and their bytes.
  ///
  /// The bytes are reserved generously, at 32 a text: reserved pages take
  /// no memory until written, while each growth of a million ids'
  /// bytes copied them all into memory the system had to clear first.
  mutating func reserveCapacity(_ count: Int) {
    starts.reserveCapacity(count + 1)
    storage.reserveCapacity(count * Self.reservedBytesPerText)
  }

  private static let reservedBytesPerText = 32

  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    storage.append(contentsOf: text)
    starts.append(storage.count)
  }

  /// Text number `number`.
  subscript(number: Int) -> String {
    storage.withUnsafeBufferPointer {
      String(
        decoding: UnsafeBufferPointer(rebasing: $0[starts[number]..<starts[number + 1]]),
        as: UTF8.self)
    }
  }

  /// Calls `body` with each text's number and bytes, in number order.
  func forEachText(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
    withTexts { text in
      for number in 0..<count { body(number, text(number)) }
    }
  }

  /// Calls `body` with a function from a text's number to its bytes, which
  /// stay valid until `body` returns.
  func withTexts<Result>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    storage.withUnsafeBufferPointer { storage in
      body { number in UnsafeBufferPointer(rebasing: storage[starts[number]..<starts[number + 1]]) }
    }
  }

  /// Returns whether text `number` has exactly the bytes of `text`.
  fileprivate func text(_ number: Int, equals text: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[number]
    let length = starts[number + 1] - start
    guard length == text.count else { return false }
    guard length > 0, let base = text.baseAddress else { return true }
    return storage.withUnsafeBufferPointer { storage in
      guard let stored = storage.baseAddress else { return false }
      // Ids are short: words compared in place beat a call to memcmp.
      let left = UnsafeRawPointer(stored + start)
      let right = UnsafeRawPointer(base)
      var offset = 0
      while offset + 8 <= length {
        guard
          left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        else { return false }
        offset += 8
      }
      while offset < length {
        guard
          left.load(fromByteOffset: offset, as: UInt8.self)
            == right.load(fromByteOffset: offset, as: UInt8.self)
        else { return false }
        offset += 1
      }
      return true
    }
  }
}
