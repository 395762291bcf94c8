import Foundation

/// DATE mentions by rule, normalised to ISO 8601 as far as the text says: "August 10, 2016"
/// → 2016-08-10, "August 2016" → 2016-08, "in 2016" → 2016. Weekdays ("on Wednesday") and
/// relative forms ("last year", "yesterday") are resolved against the document's date when it
/// is known — the latest such day on or before it — and left unresolved otherwise.
public enum DateMentions {
    public struct Mention: Equatable, Sendable {
        public var text: String
        public var range: Range<Int>
        /// ISO 8601 ("2016-08-10", "2016-08", "2016"), or nil when it needs a date to resolve against.
        public var value: String?
    }

    /// A calendar day.
    public struct Day: Equatable, Sendable {
        public var year: Int, month: Int, day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    public static func find(in text: String, documentDate: Day? = nil) -> [Mention] {
        find(NumericTokenizer.tokens(in: text), bytes: Array(text.utf8), documentDate: documentDate)
    }

    /// The dates among a text's numeric tokens `t`; `bytes` is the text.
    static func find(_ t: [NumericToken], bytes: [UInt8], documentDate: Day?) -> [Mention] {
        var out: [Mention] = []
        var i = 0
        func add(_ first: Int, _ last: Int, _ value: String?) {
            let range = t[first].range.lowerBound..<t[last].range.upperBound
            out.append(Mention(text: String(decoding: bytes[range], as: UTF8.self), range: range, value: value))
            i = last + 1
        }
        while i < t.count {
            let word = t[i].lower
            if let month = months[word.hasSuffix(".") ? String(word.dropLast()) : word] {
                // Month DD, YYYY | Month DD | Month YYYY
                if i + 1 < t.count, let d = t[i + 1].number, !t[i + 1].isYear, (1...31).contains(d) {
                    if i + 2 < t.count, t[i + 2].isYear, let y = t[i + 2].number {
                        add(i, i + 2, iso(Int(y), month, Int(d)))
                    } else {
                        add(i, i + 1, documentDate.map { iso($0.year, month, Int(d)) })
                    }
                    continue
                }
                if i + 1 < t.count, t[i + 1].isYear, let y = t[i + 1].number {
                    add(i, i + 1, iso(Int(y), month))
                    continue
                }
            }
            // DD Month YYYY
            if let d = t[i].number, !t[i].isYear, (1...31).contains(d), i + 2 < t.count, let month = months[t[i + 1].lower],
               t[i + 2].isYear, let y = t[i + 2].number {
                add(i, i + 2, iso(Int(y), month, Int(d)))
                continue
            }
            // YYYY-MM-DD
            if t[i].isYear, i + 2 < t.count, let m = t[i + 1].number, let d = t[i + 2].number, t[i + 1].text.count == 2,
               t[i + 2].text.count == 2, bytes[t[i].range.upperBound] == 0x2D, (1...12).contains(m), (1...31).contains(d) {
                add(i, i + 2, iso(Int(t[i].number!), Int(m), Int(d)))
                continue
            }
            if let weekday = weekdays[word] {
                add(i, i, documentDate.flatMap { resolve(weekday: weekday, before: $0) })
                continue
            }
            if let (length, value) = relative(t, i, documentDate) {
                add(i, i + length - 1, value)
                continue
            }
            if t[i].isYear, i > 0, yearLeads.contains(t[i - 1].lower) {
                add(i, i, String(Int(t[i].number!)))
                continue
            }
            i += 1
        }
        return out
    }

    private static func relative(_ t: [NumericToken], _ i: Int, _ date: Day?) -> (Int, String?)? {
        let one = t[i].lower
        // Two words only after the first words of the phrases below: this runs at every token.
        let two = i + 1 < t.count && (one == "last" || one == "this" || one == "next") ? one + " " + t[i + 1].lower : ""
        func shifted(days: Int) -> String? {
            date.flatMap { d in
                var c = DateComponents(year: d.year, month: d.month, day: d.day)
                c.day! += days
                return Calendar(identifier: .gregorian).date(from: c).map(isoDay)
            }
        }
        switch two {
        case "last year": return (2, date.map { String($0.year - 1) })
        case "this year": return (2, date.map { String($0.year) })
        case "next year": return (2, date.map { String($0.year + 1) })
        case "last month": return (2, date.map { $0.month == 1 ? iso($0.year - 1, 12) : iso($0.year, $0.month - 1) })
        case "this month": return (2, date.map { iso($0.year, $0.month) })
        default: break
        }
        switch one {
        case "yesterday": return (1, shifted(days: -1))
        case "today": return (1, shifted(days: 0))
        case "tomorrow": return (1, shifted(days: 1))
        default: return nil
        }
    }

    /// The latest `weekday` (1 = Monday) on or before `date`.
    private static func resolve(weekday: Int, before date: Day) -> String? {
        let calendar = Calendar(identifier: .gregorian)
        guard let day = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) else { return nil }
        let current = (calendar.component(.weekday, from: day) + 5) % 7 + 1
        let back = (current - weekday + 7) % 7
        return calendar.date(byAdding: .day, value: -back, to: day).map(isoDay)
    }

    private static func isoDay(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: date)
        return iso(c.year!, c.month!, c.day!)
    }

    private static func iso(_ y: Int, _ m: Int, _ d: Int? = nil) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))" + (d.map { "-\(two($0))" } ?? "")
    }

    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    private static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]
    /// Words after which a lone year is a date: "in 2016", "since 1987".
    private static let yearLeads: Set<String> = ["in", "since", "by", "until", "till", "from", "to", "of", "before", "after", "during", "early", "late", "mid"]
}
