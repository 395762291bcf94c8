import Foundation

/// A calendar date as a page states it, without a time zone.
public struct PublicationDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1900...2100).contains(year), (1...12).contains(month), (1...days[month - 1]).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days from 1970-01-01 (proleptic Gregorian), to measure distances between dates.
    var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year, m = month <= 2 ? month + 9 : month - 3
        let era = y / 400, yoe = y - era * 400
        let doy = (153 * m + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The day `days` after 1970-01-01.
    init?(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: doy - (153 * mp + 2) / 5 + 1)
    }

    /// ISO 8601, `2016-08-10`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// Finds publication dates in the short lines of a page: bylines, datelines, "Updated:" stamps.
public enum DateFinder {
    /// Month names in the languages of `monthNames`, with the English "Sept".
    private static let months: [String: Int] = monthNames.merging(["sept": 9]) { a, _ in a }

    /// Words that link a day, month and year in Spanish and Portuguese dates ("20 de septiembre de 2020").
    private static let linking: Set<String> = ["de", "del"]

    /// Weekday names and their abbreviations, lower case.
    static let weekdays: Set<String> = ["monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thurs",
                                        "friday", "fri", "saturday", "sat", "sunday", "sun"]

    /// Whether `word` names a month ("March", "Sept").
    static func isMonth(_ word: String) -> Bool { months[word.lowercased()] != nil }

    /// The first full date (day, month and year) in `text`, with the range it spans:
    /// "August 10, 2016", "Feb. 15, 2023", "December 29th 2019", "08:17, February 15, 2023", "15 February 2023",
    /// "28th November 2014", "2016-08-10", "2016/8/10 22:19:51", "2016.08.10", "15-Feb-2023", and in
    /// other languages "9. Oktober 2020", "20 de septiembre de 2020", "23.06.2016" (day first),
    /// "2020年7月3日", "2020년 7월 3일".
    public static func firstDate(in text: String) -> (date: PublicationDate, range: Range<String.Index>)? {
        let tokens = tokenize(text)
        for i in tokens.indices {
            if let (date, end) = match(tokens, at: i) {
                return (date, tokens[i].range.lowerBound..<tokens[end].range.upperBound)
            }
        }
        return nil
    }

    /// Every full date in `text`, in order.
    static func allDates(in text: String) -> [PublicationDate] {
        let tokens = tokenize(text)
        var out: [PublicationDate] = []
        var i = 0
        while i < tokens.count {
            if let (date, end) = match(tokens, at: i) {
                out.append(date)
                i = end + 1
            } else {
                i += 1
            }
        }
        return out
    }

    /// A month and day without a year, as a dateline gives them: "Dec 20", "March 25", "Aug. 10".
    static func monthAndDay(in text: String) -> (month: Int, day: Int)? {
        let tokens = tokenize(text)
        for i in tokens.indices.dropLast() {
            if let m = tokens[i].month, let d = tokens[i + 1].number, tokens[i + 1].text.count <= 2, (1...31).contains(d) { return (m, d) }
        }
        return nil
    }

    /// The date a scraper put before the page's first line, "date 2023-08-18 ...", and the
    /// line without it (nil when nothing else was on it). A month alone ("date 2024-01")
    /// gives no date but is removed all the same.
    public static func feedDate(opening line: String) -> (date: PublicationDate?, rest: String?)? {
        let ns = line as NSString
        guard let m = feedDatePattern.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let rest = ns.substring(from: m.range.upperBound)
        let date = m.range(at: 3).location == NSNotFound ? nil
            : PublicationDate(year: Int(ns.substring(with: m.range(at: 1)))!, month: Int(ns.substring(with: m.range(at: 2)))!,
                              day: Int(ns.substring(with: m.range(at: 3)))!)
        return (date, rest.isEmpty ? nil : rest)
    }

    private static let feedDatePattern = try! NSRegularExpression(pattern: #"^date (\d{4})-(\d{2})(?:-(\d{2}))?(?:\s+|$)"#)

    private struct Token {
        let text: String
        let range: Range<String.Index>
        /// The characters between the previous token and this one.
        let separator: Substring
        var number: Int? { text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) ? Int(text) : nil }
        var month: Int? { months[text.lowercased()] }
    }

    /// Runs of letters or of digits, each with the separator before it: a timestamp's
    /// "2016-08-10T15:01" gives 2016, 08, 10, T, 15, 01.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var start: String.Index?
        var gapStart = text.startIndex
        var i = text.startIndex
        while i <= text.endIndex {
            let inWord = i < text.endIndex && (text[i].isLetter || text[i].isNumber)
            if inWord, let s = start, text[s].isNumber != text[i].isNumber {
                tokens.append(Token(text: String(text[s..<i]), range: s..<i, separator: text[gapStart..<s]))
                start = i
                gapStart = i
            } else if inWord, start == nil {
                start = i
            } else if !inWord, let s = start {
                tokens.append(Token(text: String(text[s..<i]), range: s..<i, separator: text[gapStart..<s]))
                start = nil
                gapStart = i
            }
            if i == text.endIndex { break }
            i = text.index(after: i)
        }
        return tokens
    }

    /// An ordinal's ending glued to the number before it: the "th" of "29th".
    private static func isOrdinal(_ token: Token?) -> Bool {
        token.map { $0.separator.isEmpty && ["st", "nd", "rd", "th"].contains($0.text.lowercased()) } ?? false
    }

    /// The signs for month and day that follow a year's sign in Chinese, Japanese and Korean dates.
    private static let cjkUnits: [String: (month: String, day: String)] = ["年": ("月", "日"), "년": ("월", "일")]

    /// A date starting at token `i`, and the index of its last token.
    private static func match(_ t: [Token], at i: Int) -> (PublicationDate, Int)? {
        func at(_ k: Int) -> Token? { k < t.count ? t[k] : nil }
        // 2016-08-10, 2016/08/10, 2016.08.10
        if let y = t[i].number, t[i].text.count == 4, let m = at(i + 1)?.number, let d = at(i + 2)?.number,
           ["-", "/", "."].contains(t[i + 1].separator), t[i + 2].separator == t[i + 1].separator,
           let date = PublicationDate(year: y, month: m, day: d) {
            return (date, i + 2)
        }
        // 2020年7月3日, 2020년 7월 3일
        if let y = t[i].number, t[i].text.count == 4, let m = at(i + 2)?.number, let d = at(i + 4)?.number,
           let units = Self.cjkUnits[t[i + 1].text], t[i + 3].text == units.month, at(i + 5)?.text.hasPrefix(units.day) == true,
           let date = PublicationDate(year: y, month: m, day: d) {
            return (date, i + 5)
        }
        // August 10, 2016; Feb. 15, 2023; December 29th 2019
        if let m = t[i].month, let d = at(i + 1)?.number, t[i + 1].text.count <= 2 {
            let k = isOrdinal(at(i + 2)) ? i + 3 : i + 2
            if let y = at(k)?.number, t[k].text.count == 4, let date = PublicationDate(year: y, month: m, day: d) {
                return (date, k)
            }
        }
        // 10 August 2016, 15-Feb-2023, 28th November 2014, 20 de septiembre de 2020
        if let d = t[i].number, t[i].text.count <= 2 {
            var k = isOrdinal(at(i + 1)) ? i + 2 : i + 1
            if at(k).map({ linking.contains($0.text.lowercased()) }) == true { k += 1 }
            var y = k + 1
            if at(y).map({ linking.contains($0.text.lowercased()) }) == true { y += 1 }
            if let m = at(k)?.month, let year = at(y)?.number, t[y].text.count == 4,
               let date = PublicationDate(year: year, month: m, day: d) {
                return (date, y)
            }
            // 17/03/2020 and 03/17/2020: slashes only when the day cannot be the month (or is the same).
            if let second = at(i + 1)?.number, t[i + 1].separator == "/", let year = at(i + 2)?.number, t[i + 2].text.count == 4,
               t[i + 2].separator == "/", (d > 12) != (second > 12) || d == second,
               let date = PublicationDate(year: year, month: d > 12 ? second : d, day: d > 12 ? d : second) {
                return (date, i + 2)
            }
            // 23.06.2016, 15.2.2018: with dots the day comes first (nothing glued on by a dot before or after);
            // "31.10.23" with a two-digit day, month and year, read as POSIX reads %y (69-99 the 1900s).
            if t[i].separator != "." || i == 0 || t[i - 1].number == nil,
               let m = at(i + 1)?.number, t[i + 1].separator == ".", t[i + 1].text.count <= 2, let year = at(i + 2)?.number,
               t[i + 2].text.count == 4 || (t[i].text.count == 2 && t[i + 1].text.count == 2 && t[i + 2].text.count == 2),
               t[i + 2].separator == ".", at(i + 3).map({ !$0.separator.isEmpty && $0.separator != "." }) ?? true,
               let date = PublicationDate(year: year < 100 ? (year < 69 ? 2000 : 1900) + year : year, month: m, day: d) {
                return (date, i + 2)
            }
        }
        return nil
    }
}
