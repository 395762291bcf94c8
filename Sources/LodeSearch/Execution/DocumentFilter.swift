/// What a match must be besides matching its words: live, dated within a range, from one of
/// a set of sources, and among a set of documents (an entity's) when there are such. Several
/// filters of a query are one: their ranges and sets intersected. A value, tested inline at
/// every candidate: no closure.
struct DocumentFilter {
    private let live: Bitset
    private let dates: [Int32]
    private let sources: [UInt32]
    /// `yyyymmdd` bounds, inclusive; a document without a date has 0 and passes no range.
    private(set) var earliest: Int32 = Int32.min
    private(set) var latest: Int32 = Int32.max
    private(set) var among: Set<UInt32>?
    private(set) var sourceNumbers: Set<UInt32>?

    /// Every live document of `documents`.
    init(_ documents: DocumentTable) {
        live = documents.live
        dates = documents.dates
        sources = documents.sources
    }

    /// Keeps the documents dated from `low` to `high` (`yyyymmdd`, inclusive) too.
    mutating func date(from low: Int32, to high: Int32) {
        earliest = max(earliest, low)
        latest = min(latest, high)
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
