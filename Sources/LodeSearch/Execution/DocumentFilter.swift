/// What a match must be besides matching its words: live, dated within a range, from one of
/// a set of sources, and among a set of documents (an entity's) when there are such. Several
/// filters of a query are one: their ranges and sets intersected. A value, tested inline at
/// every candidate: no closure.
struct DocumentFilter {
    private let live: Bitset
    private let dates: [Int32]
    private let sources: [UInt32]
    /// `yyyymmdd` bounds, inclusive; a document without a date has 0 and passes no range.
    private var earliest: Int32 = Int32.min
    private var latest: Int32 = Int32.max
    private var among: Set<UInt32>?
    private var sourceNumbers: Set<UInt32>?

    /// Every live document of `documents`.
    init(_ documents: DocumentTable) {
        live = documents.live
        dates = documents.dates
        sources = documents.sources
    }

    /// Keeps the documents dated from `from` to `to` (`YYYY-MM-DD`, inclusive; nil or
    /// unreadable: open on that side) too. A document without a date is in no range.
    mutating func date(from: String?, to: String?) {
        earliest = max(earliest, from.flatMap(Self.key) ?? 1)
        latest = min(latest, to.flatMap(Self.key) ?? Int32.max)
    }

    /// `yyyymmdd` of `YYYY-MM-DD`.
    private static func key(_ text: String) -> Int32? {
        let parts = text.split(separator: "-").compactMap { Int32($0) }
        return parts.count == 3 ? parts[0] * 10000 + parts[1] * 100 + parts[2] : nil
    }

    /// Keeps the documents among `documents` too.
    mutating func only(_ documents: Set<UInt32>) {
        among = among.map { $0.intersection(documents) } ?? documents
    }

    /// Keeps the documents from the sources numbered `numbers` too.
    mutating func from(_ numbers: Set<UInt32>) {
        sourceNumbers = sourceNumbers.map { $0.intersection(numbers) } ?? numbers
    }

    @inline(__always)
    func accepts(_ d: UInt32) -> Bool {
        guard live[d] else { return false }
        if earliest != Int32.min || latest != Int32.max {
            let date = dates[Int(d)]
            guard date >= earliest, date <= latest else { return false }
        }
        if let sourceNumbers, !sourceNumbers.contains(sources[Int(d)]) { return false }
        return among?.contains(d) ?? true
    }
}
