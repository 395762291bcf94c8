import LodeCorpus

/// What the index knows of each document by number: id, version, field lengths, date,
/// source and headline, and whether it is live (deleted and replaced documents are not).
/// Numbers are given in arrival order and never reused.
struct DocumentTable: Sendable {
    var ids: [String] = []
    var versions: [Int64] = []
    var lengths: [FieldVector] = []
    /// `yyyymmdd`, 0 when the document states no date.
    var dates: [Int32] = []
    /// Index into `sourceNames`; 0 for none.
    var sources: [UInt32] = []
    var headlines: [String] = []
    var live = Bitset()
    var byID: [String: UInt32] = [:]
    var sourceNames: [String] = [""]
    var sourceByKey: [String: UInt32] = ["": 0]
    /// Field lengths summed over live documents.
    var totalLengths = SIMD4<Double>()
    var liveCount = 0

    var count: Int { ids.count }

    /// Average field lengths over live documents, never zero.
    var averageLengths: FieldVector {
        guard liveCount > 0 else { return FieldVector(repeating: 1) }
        let avg = totalLengths / Double(liveCount)
        return pointwiseMax(FieldVector(Float(avg[0]), Float(avg[1]), Float(avg[2]), Float(avg[3])), FieldVector(repeating: 1))
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
        totalLengths += SIMD4<Double>(Double(lengths[0]), Double(lengths[1]), Double(lengths[2]), Double(lengths[3]))
        liveCount += 1
        return number
    }

    /// Marks a document dead; its postings stay until the index is compacted.
    mutating func kill(_ number: UInt32) {
        guard live[number] else { return }
        live[number] = false
        if byID[ids[Int(number)]] == number { byID[ids[Int(number)]] = nil }
        let l = lengths[Int(number)]
        totalLengths -= SIMD4<Double>(Double(l[0]), Double(l[1]), Double(l[2]), Double(l[3]))
        liveCount -= 1
    }

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
    private(set) var words: [UInt64] = []
    private(set) var count = 0

    init() {}

    init(words: [UInt64], count: Int) {
        self.words = words
        self.count = count
    }

    mutating func append(_ value: Bool) {
        if count % 64 == 0 { words.append(0) }
        count += 1
        self[UInt32(count - 1)] = value
    }

    subscript(i: UInt32) -> Bool {
        @inline(__always) get { words[Int(i >> 6)] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[Int(i >> 6)] |= 1 << UInt64(i & 63) } else { words[Int(i >> 6)] &= ~(1 << UInt64(i & 63)) }
        }
    }
}
