/// Reads amounts as exact hundredths: `1,200,000.00`, `¥120万`, `120.5万元`,
/// `RMB 1.2M`, `0.05亿`, full-width digits.
///
/// Parsing the decimal digits as an integer, never through a binary double,
/// keeps `61.23` 万元 equal to `612300.00` to the last cent.
enum AmountParser {
  enum Failure: Error, Equatable {
    case notANumber
    case invalidGrouping
    case outOfRange
  }

  /// Parses `text`; `scale` is the power of ten a header unit gives
  /// (4 for 万元, 3 for 千元), used when the value has no unit of its own.
  static func cents(_ text: String, headerScale scale: Int = 0) throws(Failure) -> Int64 {
    try parse(text, headerScale: scale).cents
  }

  /// Parses a cell's bytes; plain digits with a point and grouping, the
  /// usual cell, are read without a `String`.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, headerScale scale: Int = 0)
    throws(Failure) -> (cents: Int64, currency: String?)
  {
    if !bytes.isEmpty, bytes.allSatisfy(isPlainByte) {
      let (mantissa, decimals) = try digits(bytes)
      guard let value = scaled(mantissa, byPowerOfTen: scale + 2 - decimals) else {
        throw .outOfRange
      }
      return (value, nil)
    }
    return try parse(String(decoding: bytes, as: UTF8.self), headerScale: scale)
  }

  private static func isPlainByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x2C
  }

  /// Parses `text` and returns the ISO code of a currency the cell names
  /// (`¥`, `RMB` → CNY, `$`, `US$` → USD, `€` → EUR), if any.
  static func parse(_ text: String, headerScale scale: Int = 0) throws(Failure) -> (
    cents: Int64, currency: String?
  ) {
    // Plain digits with an optional point and grouping need no folding or
    // sign, currency and unit handling: the common case, read directly.
    if !text.isEmpty, text.utf8.allSatisfy(isPlainByte) {
      let (mantissa, decimals) = try digits(text.utf8)
      guard let value = scaled(mantissa, byPowerOfTen: scale + 2 - decimals) else {
        throw .outOfRange
      }
      return (value, nil)
    }
    var body = Substring(foldedWidth(text))
    var currency: String?

    var isNegative = false
    if body.hasPrefix("("), body.hasSuffix(")") {
      isNegative = true
      body = body.dropFirst().dropLast()
    }
    body = strippingCurrency(body, found: &currency)
    if body.hasPrefix("+") {
      body = body.dropFirst()
    } else if body.hasPrefix("-") {
      isNegative.toggle()
      body = body.dropFirst()
      body = strippingCurrency(body, found: &currency)
    }

    var power = scale
    if let (unitPower, rest) = splitUnit(body) {
      power = unitPower
      body = rest
    }
    body = Substring(body.trimmingSuffix(" "))

    let (mantissa, decimals) = try digits(body.utf8)
    let exponent = power + 2 - decimals
    guard let value = scaled(mantissa, byPowerOfTen: exponent) else { throw .outOfRange }
    return (isNegative ? -value : value, currency)
  }

  /// Currency marks and the ISO code each stands for; longer marks first so
  /// `US$` is not read as `$`.
  static let currencyMarks: [(mark: String, code: String)] = [
    ("US$", "USD"), ("HK$", "HKD"), ("RMB", "CNY"), ("CNY", "CNY"), ("USD", "USD"), ("EUR", "EUR"),
    ("GBP", "GBP"), ("HKD", "HKD"), ("JPY", "JPY"), ("¥", "CNY"), ("$", "USD"), ("€", "EUR"),
    ("£", "GBP"),
  ]

  private static func strippingCurrency(_ text: Substring, found currency: inout String?)
    -> Substring
  {
    var body = text.drop { $0 == " " }
    for (mark, code) in currencyMarks where body.uppercased().hasPrefix(mark) {
      body = body.dropFirst(mark.count).drop { $0 == " " }
      currency = code
      break
    }
    for (mark, code) in currencyMarks where body.uppercased().hasSuffix(mark) {
      body = body.dropLast(mark.count)
      currency = code
      break
    }
    return Substring(body.trimmingSuffix(" "))
  }

  /// Splits a trailing unit: 万 (10⁴), 亿 (10⁸), 千 (10³), M (10⁶), K (10³),
  /// with an optional 元 after the Chinese ones.
  private static func splitUnit(_ text: Substring) -> (Int, Substring)? {
    var body = text
    if body.hasSuffix("元") { body = body.dropLast() }
    body = Substring(body.trimmingSuffix(" "))
    let units: [(String, Int)] = [
      ("万", 4), ("亿", 8), ("千", 3), ("M", 6), ("m", 6), ("K", 3), ("k", 3),
    ]
    for (unit, power) in units where body.hasSuffix(unit) {
      return (power, body.dropLast(unit.count))
    }
    return body.count == text.count ? nil : (0, body)
  }

  /// The digits as an integer and the number of decimals; thousands
  /// separators must sit in groups of three.
  private static func digits(_ text: some Sequence<UInt8>) throws(Failure) -> (Int64, Int) {
    var mantissa: Int64 = 0
    var decimals = 0
    var seenPoint = false
    var seenDigit = false
    var groupLength = -1  // -1: no separator seen yet
    var leadingGroup = 0

    for byte in text {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let (product, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = product.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
        guard !overflow1, !overflow2 else { throw .outOfRange }
        mantissa = sum
        seenDigit = true
        if seenPoint {
          decimals += 1
        } else if groupLength >= 0 {
          groupLength += 1
        } else {
          leadingGroup += 1
        }
      case UInt8(ascii: ","):
        guard !seenPoint, seenDigit else { throw .invalidGrouping }
        if groupLength < 0 {
          guard leadingGroup <= 3 else { throw .invalidGrouping }
        } else {
          guard groupLength == 3 else { throw .invalidGrouping }
        }
        groupLength = 0
      case UInt8(ascii: "."):
        guard !seenPoint else { throw .notANumber }
        if groupLength >= 0 { guard groupLength == 3 else { throw .invalidGrouping } }
        seenPoint = true
      default:
        throw .notANumber
      }
    }
    guard seenDigit else { throw .notANumber }
    if !seenPoint, groupLength >= 0, groupLength != 3 { throw .invalidGrouping }
    return (mantissa, decimals)
  }

  /// `value × 10^exponent`, rounded half away from zero when the exponent is negative.
  private static func scaled(_ value: Int64, byPowerOfTen exponent: Int) -> Int64? {
    if exponent >= 0 {
      var result = value
      for _ in 0..<exponent {
        let (product, overflow) = result.multipliedReportingOverflow(by: 10)
        if overflow { return nil }
        result = product
      }
      return result
    }
    guard exponent >= -18 else { return 0 }
    var divisor: Int64 = 1
    for _ in 0..<(-exponent) { divisor *= 10 }
    let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
    return remainder * 2 >= divisor ? quotient + 1 : quotient
  }
}

extension Substring {
  fileprivate func trimmingSuffix(_ character: Character) -> Substring {
    var body = self
    while body.last == character { body = body.dropLast() }
    return body
  }
}
