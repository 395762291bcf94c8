import LodeCorpus

/// What the index knows of each document by number: id, version, field lengths, date,
/// source and headline, and whether it is live (deleted and replaced documents are not).
/// Numbers are given in arrival order and never reused.
struct DocumentTable: Sendable {
    var ids: [String] = []
    var versions: [Int64] = []
    var lengths = ColumnBuffer<FieldVector>()
    /// `yyyymmdd`, 0 when the document states no date.
    var dates: [Int32] = []
    /// Index into `sourceNames`; 0 for none.
    var sources: [UInt32] = []
    var headlines: [String] = []
    var live = Bitset()
    var byID: [String: UInt32] = [:]
    var sourceNames: [String] = [""]
    var sourceByKey: [String: UInt32] = ["": 0]
    /// Field lengths summed over live documents: integers, so the sum never depends on the
    /// order documents came and went in.
    var totalLengths = SIMD4<Int64>()
    var liveCount = 0

    var count: Int { ids.count }

    /// Average field lengths over live documents, never zero.
    var averageLengths: FieldVector {
        guard liveCount > 0 else { return FieldVector(repeating: 1) }
        let n = Double(liveCount)
        let avg = FieldVector(Float(Double(totalLengths[0]) / n), Float(Double(totalLengths[1]) / n),
                              Float(Double(totalLengths[2]) / n), Float(Double(totalLengths[3]) / n))
        return pointwiseMax(avg, FieldVector(repeating: 1))
    }

    /// Adds a live document and returns its number.
    mutating func append(_ d: SearchDocument, lengths: FieldVector) -> UInt32 {
        let number = UInt32(ids.count)
        ids.append(d.id)
        versions.append(d.version)
        self.lengths.append(lengths)
        dates.append(d.date?.key ?? 0)
        sources.append(sourceNumber(d.source))
        headlines.append(d.headline)
        live.append(true)
        byID[d.id] = number
        totalLengths &+= Self.integers(lengths)
        liveCount += 1
        return number
    }

    /// Marks a document dead; its postings stay until the index is compacted.
    mutating func kill(_ number: UInt32) {
        guard live[number] else { return }
        live[number] = false
        if byID[ids[Int(number)]] == number { byID[ids[Int(number)]] = nil }
        totalLengths &-= Self.integers(lengths[Int(number)])
        liveCount -= 1
    }

    /// What a segment file keeps of document `i`.
    func row(_ i: Int) -> SegmentFile.Row {
        SegmentFile.Row(id: ids[i], version: versions[i], lengths: lengths[i], date: dates[i], source: sources[i], headline: headlines[i])
    }

    /// Adds a document read from a segment file, dead until ``setLive(_:)`` says otherwise.
    mutating func appendRow(_ row: SegmentFile.Row) {
        ids.append(row.id)
        versions.append(row.version)
        lengths.append(row.lengths)
        dates.append(row.date)
        sources.append(row.source)
        headlines.append(row.headline)
        live.append(false)
    }

    /// Marks live the documents whose bits are set in `words` (bit `d % 64` of word `d / 64`).
    mutating func setLive(_ words: [UInt64]) {
        byID = [:]
        byID.reserveCapacity(count)
        liveCount = 0
        totalLengths = SIMD4<Int64>()
        for i in 0..<count where words[i >> 6] & (1 << UInt64(i & 63)) != 0 {
            live[UInt32(i)] = true
            byID[ids[i]] = UInt32(i)
            liveCount += 1
            totalLengths &+= Self.integers(lengths[i])
        }
    }

    static func integers(_ v: FieldVector) -> SIMD4<Int64> { SIMD4<Int64>(Int64(v[0]), Int64(v[1]), Int64(v[2]), Int64(v[3])) }

    private mutating func sourceNumber(_ name: String) -> UInt32 {
        let key = name.lowercased()
        if let n = sourceByKey[key] { return n }
        let n = UInt32(sourceNames.count)
        sourceNames.append(name)
        sourceByKey[key] = n
        return n
    }

    func date(_ number: UInt32) -> PublicationDate? {
        let k = Int(dates[Int(number)])
        return k == 0 ? nil : PublicationDate(year: k / 10000, month: k / 100 % 100, day: k % 100)
    }
}

/// A growable set of document numbers.
struct Bitset: Sendable {
    private(set) var words = ColumnBuffer<UInt64>()
    private(set) var count = 0

    init() {}

    mutating func append(_ value: Bool) {
        if count % 64 == 0 { words.append(0) }
        count += 1
        self[UInt32(count - 1)] = value
    }

    subscript(i: UInt32) -> Bool {
        @inline(__always) get { Self.contains(words.base, i) }
        set {
            if newValue { words[Int(i >> 6)] |= 1 << UInt64(i & 63) } else { words[Int(i >> 6)] &= ~(1 << UInt64(i & 63)) }
        }
    }

    @inline(__always)
    static func contains(_ words: UnsafePointer<UInt64>, _ i: UInt32) -> Bool { words[Int(i >> 6)] & (1 << UInt64(i & 63)) != 0 }
}
