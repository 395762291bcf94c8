import Foundation

/// Amounts, shares, measures and counts found by rule: MONEY ("14 billion yuan",
/// "2.1 billion U.S. dollars", "$5.3 billion"), PERCENT ("over 90 percent"), QUANTITY
/// ("3,000 tonnes") and CARDINAL ("more than 60"), each with a normalised value.
public enum NumericEntities {
    public enum Kind: String, Sendable { case money = "MONEY", percent = "PERCENT", quantity = "QUANTITY", cardinal = "CARDINAL" }

    public struct Mention: Equatable, Sendable {
        public var kind: Kind
        /// The mention as written, and its UTF-8 byte range in the text.
        public var text: String
        public var range: Range<Int>
        /// "14000000000 CNY", ">90%", "3000 tonne", "60".
        public var value: String
    }

    /// The numeric mentions in `text`, in order, never overlapping.
    public static func find(in text: String) -> [Mention] {
        find(NumericTokenizer.tokens(in: text), bytes: Array(text.utf8))
    }

    /// The numeric mentions among a text's numeric tokens; `bytes` is the text.
    static func find(_ tokens: [NumericToken], bytes: [UInt8]) -> [Mention] {
        var out: [Mention] = []
        var i = 0
        while i < tokens.count {
            if let (mention, next) = match(tokens, at: i, bytes: bytes) {
                out.append(mention)
                i = next
            } else {
                i += 1
            }
        }
        return out
    }

    private static func match(_ t: [NumericToken], at start: Int, bytes: [UInt8]) -> (Mention, Int)? {
        var i = start
        // A qualifier: "over 90 percent", "more than 60".
        var qualifier = ""
        if let (q, length) = qualifiers.longest(at: i, in: t) {
            qualifier = q
            i += length
        }
        // A currency sign before the number: "$5.3 billion", "US$ 2 million".
        var currency: String?
        if i < t.count, let c = Self.signs[t[i].text] {
            currency = c
            i += 1
        }
        guard i < t.count, var amount = t[i].number else { return nil }
        var end = i + 1
        if end < t.count, let scale = Self.scales[t[end].lower] {
            amount *= scale
            end += 1
        }
        let first = qualifier.isEmpty && currency == nil ? i : start
        func mention(_ kind: Kind, _ value: String, through last: Int) -> (Mention, Int) {
            let range = t[first].range.lowerBound..<t[last].range.upperBound
            return (Mention(kind: kind, text: String(decoding: bytes[range], as: UTF8.self), range: range, value: qualifier + value), last + 1)
        }
        if let currency { return mention(.money, "\(format(amount)) \(currency)", through: end - 1) }
        if end < t.count, t[end].text == "%" || t[end].lower == "percent" { return mention(.percent, "\(format(amount))%", through: end) }
        if end + 1 < t.count, t[end].lower == "per", t[end + 1].lower == "cent" { return mention(.percent, "\(format(amount))%", through: end + 1) }
        if let (code, length) = currencies.longest(at: end, in: t) { return mention(.money, "\(format(amount)) \(code)", through: end + length - 1) }
        if let (unit, length) = units.longest(at: end, in: t) { return mention(.quantity, "\(format(amount)) \(unit)", through: end + length - 1) }
        // A bare year is a date's business, not a count.
        if qualifier.isEmpty, end == i + 1, t[i].isYear { return nil }
        return mention(.cardinal, format(amount), through: end - 1)
    }

    /// Lower-cased phrases of one or more words with their values, matched longest first at
    /// a token. Only a token that starts a phrase builds the words after it into text to look
    /// up: the matcher is asked at every token of a text.
    struct Phrases {
        private let values: [String: String]
        /// The most words of a phrase, by its first word.
        private let longest: [String: Int]

        init(_ values: [String: String]) {
            self.values = values
            var longest: [String: Int] = [:]
            for phrase in values.keys {
                let words = phrase.split(separator: " "), first = String(words[0])
                longest[first] = max(longest[first] ?? 0, words.count)
            }
            self.longest = longest
        }

        /// The value of the longest phrase starting at token `i`, and its word count.
        func longest(at i: Int, in t: [NumericToken]) -> (String, Int)? {
            guard i < t.count, let most = longest[t[i].lower] else { return nil }
            for length in stride(from: min(most, t.count - i), through: 1, by: -1) {
                let phrase = length == 1 ? t[i].lower : t[i..<(i + length)].map(\.lower).joined(separator: " ")
                if let value = values[phrase] { return (value, length) }
            }
            return nil
        }
    }

    /// Whole numbers without a fraction, others with up to four decimals ("2.5", not "2.5000").
    static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e18 { return String(Int64(x)) }
        var text = String(format: "%.4f", x)
        while text.last == "0" { text.removeLast() }
        return text
    }

    static let scales: [String: Double] = [
        "hundred": 1e2, "thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9,
        "trillion": 1e12,
    ]
    static let signs: [String: String] = ["$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "HK$": "HKD"]
    static let qualifiers = Phrases([
        "over": ">", "more than": ">", "above": ">", "exceeding": ">", "at least": ">=", "nearly": "~", "almost": "~",
        "about": "~", "around": "~", "approximately": "~", "roughly": "~", "some": "~", "up to": "<=", "less than": "<",
        "under": "<", "below": "<", "fewer than": "<",
    ])
    static let currencies = Phrases([
        "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "dollars": "USD", "dollar": "USD", "u.s. dollars": "USD",
        "us dollars": "USD", "u.s dollars": "USD", "american dollars": "USD", "hong kong dollars": "HKD", "euros": "EUR", "euro": "EUR",
        "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "rupees": "INR", "won": "KRW", "roubles": "RUB",
        "rubles": "RUB", "francs": "CHF", "swiss francs": "CHF", "marks": "DEM", "australian dollars": "AUD",
        "canadian dollars": "CAD",
    ])
    static let units = Phrases([
        "tonnes": "tonne", "tonne": "tonne", "tons": "ton", "ton": "ton", "metric tons": "tonne", "kilograms": "kg", "kg": "kg",
        "grams": "g", "ounces": "ounce", "barrels": "barrel", "bpd": "barrel/day", "kilometers": "km", "kilometres": "km",
        "km": "km", "miles": "mile", "meters": "m", "metres": "m", "square kilometers": "km2", "square kilometres": "km2",
        "hectares": "hectare", "acres": "acre", "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "kilowatts": "kW",
        "cubic meters": "m3", "cubic metres": "m3", "liters": "l", "litres": "l", "bushels": "bushel", "bags": "bag",
        "bales": "bale", "carats": "carat", "degrees": "degree",
    ])
}

/// A word, number or sign of a text, with its UTF-8 range.
struct NumericToken {
    let text: String
    let lower: String
    let range: Range<Int>
    /// The value of a number ("2.1", "52,000", "two"), nil for other tokens.
    let number: Double?
    /// Four digits from 1800 to 2100, as in "in 2016".
    let isYear: Bool
}

enum NumericTokenizer {
    private static let words: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
        "dozen": 12, "dozens": 24,
    ]

    /// Numbers keep "," and "." between digits; words keep inner dots ("U.S."); "$", "%",
    /// "€", "£", "¥" and "US$" stand alone.
    static func tokens(in text: String) -> [NumericToken] {
        let bytes = Array(text.utf8)
        var out: [NumericToken] = []
        var i = 0
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        // Bytes of non-ASCII characters count as letters: accents, and Chinese characters too.
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 }
        let currencySigns: [[UInt8]] = ["€", "£", "¥"].map { Array($0.utf8) }
        while i < bytes.count {
            let b = bytes[i]
            let start = i
            // The signs are two or three bytes from 0x80 up: only such a byte can start one.
            if b >= 0x80, let sign = currencySigns.first(where: { bytes[i...].starts(with: $0) }) {
                i += sign.count
                let text = String(decoding: sign, as: UTF8.self)
                out.append(NumericToken(text: text, lower: text, range: start..<i, number: nil, isYear: false))
            } else if isDigit(b) {
                while i < bytes.count, isDigit(bytes[i]) || ((bytes[i] == 0x2C || bytes[i] == 0x2E) && i + 1 < bytes.count && isDigit(bytes[i + 1])) {
                    i += 1
                }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                let value = Double(String(decoding: bytes[start..<i].filter { $0 != 0x2C }, as: UTF8.self))
                let isYear = i - start == 4 && value.map { (1800...2100).contains($0) } == true
                out.append(NumericToken(text: text, lower: text, range: start..<i, number: value, isYear: isYear))
            } else if isLetter(b) {
                while i < bytes.count, isLetter(bytes[i]) || (bytes[i] == 0x2E && i + 1 < bytes.count && isLetter(bytes[i + 1])) { i += 1 }
                if i < bytes.count, bytes[i] == 0x2E, i - start <= 3 { i += 1 }  // "U.S." keeps its last dot
                if i < bytes.count, bytes[i] == 0x24 { i += 1 }  // "US$", "HK$"
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                let lower = text.lowercased()
                out.append(NumericToken(text: text, lower: lower, range: start..<i, number: words[lower], isYear: false))
            } else if b == 0x24 || b == 0x25 {
                i += 1
                out.append(NumericToken(text: b == 0x24 ? "$" : "%", lower: b == 0x24 ? "$" : "%", range: start..<i, number: nil, isYear: false))
            } else {
                i += 1
            }
        }
        return out
    }
}
