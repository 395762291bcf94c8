import Foundation

/// A date as a page's metadata states it, with the time of day and UTC offset when given.
struct Timestamp: Equatable {
    var date: PublicationDate
    /// Minutes past midnight.
    var minutes: Int?
    /// Minutes east of UTC; 0 for `Z`.
    var offset: Int?

    init(date: PublicationDate) { self.date = date }

    /// ISO 8601 (`2023-11-09T02:11:00+01:00`, `2023-11-09 02:11Z`), else the first date the
    /// text gives in any form `DateFinder` reads, with the time and zone written after it
    /// (`Sat, 19 Oct 2019 00:04:00 +0200`, `Oct 19, 2019 10:04 GMT`).
    init?(_ text: String) {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let ns = s as NSString
        if let m = Self.iso.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) {
            func int(_ k: Int) -> Int? { m.range(at: k).location == NSNotFound ? nil : Int(ns.substring(with: m.range(at: k))) }
            guard let year = int(1), let month = int(2), let day = int(3), let date = PublicationDate(year: year, month: month, day: day)
            else { return nil }
            self.date = date
            if let hour = int(4), let minute = int(5), hour < 24, minute < 60 { minutes = hour * 60 + minute }
            if m.range(at: 6).location != NSNotFound { offset = Self.offset(ns.substring(with: m.range(at: 6))) }
            return
        }
        guard let found = DateFinder.firstDate(in: s) else { return nil }
        date = found.date
        let after = NSRange(found.range.upperBound..<s.endIndex, in: s)
        guard let m = Self.timeAfterDate.firstMatch(in: s, range: after) else { return }
        let hour = Int(ns.substring(with: m.range(at: 1)))!, minute = Int(ns.substring(with: m.range(at: 2)))!
        guard hour < 24, minute < 60 else { return }
        minutes = hour * 60 + minute
        if m.range(at: 3).location != NSNotFound { offset = Self.offset(ns.substring(with: m.range(at: 3))) }
    }

    /// Minutes east of UTC a zone states: `Z`, `GMT`, `UTC`, `+01:00`, `-0500`.
    private static func offset(_ zone: String) -> Int {
        guard zone.first == "+" || zone.first == "-" else { return 0 }
        let digits = zone.dropFirst().filter(\.isNumber)
        let hours = Int(digits.prefix(2)) ?? 0, mins = Int(digits.dropFirst(2)) ?? 0
        return (zone.first == "-" ? -1 : 1) * (hours * 60 + mins)
    }

    /// The calendar day this UTC time falls on `offset` minutes east of UTC.
    func shifted(by offset: Int) -> PublicationDate {
        guard let minutes else { return date }
        let total = minutes + offset
        let days = total < 0 ? -1 : total >= 24 * 60 ? 1 : 0
        return days == 0 ? date : PublicationDate(daysSince1970: date.daysSince1970 + days) ?? date
    }

    /// A time right after a written date, with its zone: ` 00:04:00 +0200`, `, 10:04 GMT`.
    private static let timeAfterDate = try! NSRegularExpression(
        pattern: #"^,?\s*(?:at\s+|um\s+|à\s+)?([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?\s*(Z\b|GMT\b|UTC\b|[+-][0-9]{2}:?[0-9]{2}\b)?"#)

    private static let iso = try! NSRegularExpression(
        pattern: #"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]([0-9]{1,2}):([0-9]{2})(?::[0-9]{2}(?:[.,][0-9]+)?)?\s*(Z|z|[+-][0-9]{2}:?[0-9]{2})?)?"#)
}
