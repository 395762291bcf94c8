import Synchronization

/// What the tagger knows of a word type whatever its context, remembered across the words
/// and documents a thread reads: the parts its features are made of (so a word is lower-cased,
/// shaped, hashed and looked up among the clusters and name lists once, not at every
/// occurrence), the type of its lower-case form, and per reading the summed weights of the
/// features the word alone decides and of those it gives the words around it (``Part``), so
/// a word's scores start from five sums instead of a dozen and a half weight look-ups.
///
/// Unchecked Sendable: a table is used by one thread at a time, lent by its ``Pool`` to one
/// document, or owned by one trainer.
final class WordTypes: @unchecked Sendable {
    /// A word type's own parts, hashed: the word, its lower-case form and shape, prefixes and
    /// suffixes of the lower-case form (one to four characters; 0 when shorter), its clusters
    /// (0 when it has none); how it is written; what the name lists say of it.
    struct Entry {
        let text: UInt64
        let lower: UInt64
        let shape: UInt64
        let prefixes: SIMD4<UInt64>
        let suffixes: SIMD4<UInt64>
        let fine: UInt64
        let coarse: UInt64
        let writing: Writing
        /// The bits of the listed one-word name it is, if it is one (``Gazetteer``).
        let listed: UInt8?
        /// The most words of a listed name that start with it; 0 for none.
        let longestListed: Int
        let isTitle: Bool
        let isLegalForm: Bool
    }

    /// How a word is written.
    struct Writing: OptionSet {
        let rawValue: UInt8
        static let startsWithLetter = Writing(rawValue: 1)
        /// Equal to its lower-case form.
        static let lowerCase = Writing(rawValue: 2)
        static let startsWithCapital = Writing(rawValue: 4)
        /// Two characters or more, with letters, all of them capitals.
        static let capitals = Writing(rawValue: 8)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(_ word: String, lower: String) {
            var w: Writing = []
            if let first = word.first, first.isLetter {
                w.insert(.startsWithLetter)
                if first.isUppercase { w.insert(.startsWithCapital) }
            }
            if word == lower { w.insert(.lowerCase) }
            if word.count > 1, word == word.uppercased(), word != lower { w.insert(.capitals) }
            self = w
        }
    }

    /// What of a word type's features a table keeps the summed weights of: its own, and those
    /// it gives the words around it, as their previous or next word or the one before or after that.
    enum Part: Int, CaseIterable {
        case own, previous, next, secondPrevious, secondNext

        static let neighbours: [Part] = [.previous, .next, .secondPrevious, .secondNext]

        /// Where the word giving these features stands from the word given them.
        var offset: Int { [0, -1, 1, -2, 2][rawValue] }
    }

    /// Types a table holds before it starts over (between documents): enough for a day of
    /// news, bounded memory.
    static let defaultCapacity = 100_000
    let capacity: Int
    private var index = TextIndex()
    private(set) var entries: [Entry] = []
    /// Per entry, the entry of its lower-case form (its own when it is in lower case), and that form.
    private var lowerTypes: [Int32] = []
    private(set) var lowerTexts: [String] = []
    /// Per reading (first, second), the summed weights of each entry's features of each
    /// ``Part``, a score per tag; a part's first score is NaN until that reading first needs it.
    private var firstSums: [Float] = []
    private var secondSums: [Float] = []
    private static let stride = Part.allCases.count * EntityTag.count

    init(capacity: Int = defaultCapacity) { self.capacity = capacity }

    /// The entry of `word`, made by `make` the first time, with that of its lower-case form.
    /// `make` is given the word and its lower-case form.
    func entry(_ word: String, _ make: (String, String) -> Entry) -> Int32 {
        let hash = FeatureExtractor.hash(word)
        if let i = index.find(word, hash: hash) { return i }
        let lower = word.lowercased()
        entries.append(make(word, lower))
        firstSums.append(contentsOf: repeatElement(.nan, count: Self.stride))
        secondSums.append(contentsOf: repeatElement(.nan, count: Self.stride))
        let i = Int32(entries.count - 1)
        index.insert(word, hash: hash)
        lowerTypes.append(i)
        lowerTexts.append(lower)
        if lower != word { lowerTypes[Int(i)] = entry(lower, make) }
        return i
    }

    /// The entry of entry `i`'s lower-case form.
    func lowerType(_ i: Int32) -> Int32 { lowerTypes[Int(i)] }

    /// Per word of a sentence of entries `types`, reading `reading`'s sum of its own features'
    /// weights and of those its neighbours give it, `EntityTag.count` scores a word, into `out`
    /// (replaced). A part's sum is made by `sum` (given the entry and a zeroed score per tag to
    /// add to) the first time a reading needs it; where a word has no neighbour, `edges` stands
    /// in: a sum per neighbour ``Part``, in the order of ``Part/neighbours``.
    func startingScores(_ types: [Int32], reading: Int, edges: [Float], into out: inout [Float],
                        _ sum: (Entry, Part, inout [Float]) -> Void) {
        if reading == 0 { Self.startingScores(types, sums: &firstSums, entries, edges, into: &out, sum) }
        else { Self.startingScores(types, sums: &secondSums, entries, edges, into: &out, sum) }
    }

    private static func startingScores(_ types: [Int32], sums: inout [Float], _ entries: [Entry], _ edges: [Float],
                                       into out: inout [Float], _ sum: (Entry, Part, inout [Float]) -> Void) {
        let n = EntityTag.count
        var scratch = [Float](repeating: 0, count: n)
        for (i, type) in types.enumerated() {
            for part in Part.allCases where types.indices.contains(i - part.offset) {
                let base = Int(type) * stride + part.rawValue * n
                guard sums[base].isNaN else { continue }
                for t in 0..<n { scratch[t] = 0 }
                sum(entries[Int(type)], part, &scratch)
                for t in 0..<n { sums[base + t] = scratch[t] }
            }
        }
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: types.count * n))
        sums.withUnsafeBufferPointer { sums in
            edges.withUnsafeBufferPointer { edges in
                types.withUnsafeBufferPointer { types in
                    out.withUnsafeMutableBufferPointer { out in
                        for i in types.indices {
                            let scores = out.baseAddress! + i * n
                            let own = sums.baseAddress! + Int(types[i]) * stride
                            for t in 0..<n { scores[t] = own[t] }
                            for (k, part) in Part.neighbours.enumerated() {
                                let j = i + part.offset
                                let add = types.indices.contains(j) ? sums.baseAddress! + Int(types[j]) * stride + part.rawValue * n
                                                                    : edges.baseAddress! + k * n
                                for t in 0..<n { scores[t] += add[t] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Empties the table when it holds `capacity` types or more. Only between documents: a
    /// document's words hold the numbers of their entries.
    func startOverIfFull() {
        guard entries.count >= capacity else { return }
        index.removeAll()
        entries.removeAll(keepingCapacity: true)
        lowerTypes.removeAll(keepingCapacity: true)
        lowerTexts.removeAll(keepingCapacity: true)
        firstSums.removeAll(keepingCapacity: true)
        secondSums.removeAll(keepingCapacity: true)
    }

    /// Entry numbers by word: an open-addressing table (linear probing, at most half full) over
    /// FNV-1a hashes of the words' UTF-8, as Swift's own dictionary hashes a string with
    /// SipHash, slower by far for a short word. Entries are numbered in the order they are inserted.
    private struct TextIndex {
        private var slots = [Int32](repeating: -1, count: 1024)
        private var hashes: [UInt64] = []
        private var texts: [String] = []

        func find(_ word: String, hash: UInt64) -> Int32? {
            var slot = Self.slot(hash, slots.count)
            while true {
                let e = slots[slot]
                if e < 0 { return nil }
                if hashes[Int(e)] == hash, texts[Int(e)] == word { return e }
                slot = (slot + 1) & (slots.count - 1)
            }
        }

        /// Adds `word`, not in the table, as the next entry.
        mutating func insert(_ word: String, hash: UInt64) {
            if (texts.count + 1) * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                for (e, h) in hashes.enumerated() { place(Int32(e), h) }
            }
            place(Int32(texts.count), hash)
            hashes.append(hash)
            texts.append(word)
        }

        /// The first slot of `hash` among `count` (a power of two): its bits mixed, as FNV's low bits are weak.
        private static func slot(_ hash: UInt64, _ count: Int) -> Int {
            Int(truncatingIfNeeded: ((hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 32) & (count - 1)
        }

        private mutating func place(_ entry: Int32, _ hash: UInt64) {
            var slot = Self.slot(hash, slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entry
        }

        mutating func removeAll() {
            for i in slots.indices { slots[i] = -1 }
            hashes.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
        }
    }

    /// Tables lent to one document at a time, so threads tagging side by side never share one.
    final class Pool: Sendable {
        private let idle = Mutex<[WordTypes]>([])
        private let capacity: Int

        init(capacity: Int = WordTypes.defaultCapacity) { self.capacity = capacity }

        /// `body` with a table no other thread is using.
        func with<T>(_ body: (WordTypes) -> T) -> T {
            let table = idle.withLock { $0.popLast() } ?? WordTypes(capacity: capacity)
            table.startOverIfFull()
            defer { idle.withLock { $0.append(table) } }
            return body(table)
        }
    }
}
