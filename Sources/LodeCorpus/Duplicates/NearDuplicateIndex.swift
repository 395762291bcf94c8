/// Finds, among the texts it holds, the one a new text most likely copies, through
/// locality-sensitive hashing: each signature is cut into bands, and only documents sharing a
/// whole band with the new one are compared in full.
///
/// Reprints keep the words, rewrites keep the names and numbers in their order, and stories
/// from one template (earnings tables, rate changes) keep the words but not the names. So a
/// document is a copy when the share of the shorter text's five-word shingles found in the
/// other (containment) reaches `verbatimThreshold`; or reaches `threshold` while the share
/// of its name-and-number pairs found in the other reaches `sharedNamesThreshold`; or, with
/// at least `minimumNames` such pairs, that share alone reaches `namesThreshold` while at
/// least `rewordedThreshold` of the word shingles are shared too. Short texts (under
/// `minimumWords` shingles) are copies only verbatim. Candidates share a band of the words or
/// of the names (see ``CopySignature`` for how likely that is).
///
/// Held compactly, as a million documents' worth must fit beside the search index, in flat
/// columns: each signature value by its low 16 bits (b-bit minwise hashing: two values agree
/// by chance in those bits once in 65,536, which adds on average 0.002 agreeing positions of
/// 128 to a comparison), each band key by its low 32 (a key shared by chance only adds a
/// candidate, which is then compared in full). Given a folder, the bulk of it, the values of
/// every full chunk of slots and the sorted band keys, is spilled to unlinked files there and
/// read through `mmap` (``FrozenArray``): at a million documents that is over a gigabyte the
/// kernel's page cache holds instead of the heap.
public struct NearDuplicateIndex<ID: Hashable & Sendable>: Sendable {
    /// Containment of words at or above which a text counts as a copy whatever its names.
    public let verbatimThreshold: Double
    /// Containment of words at or above which a text counts as a copy if its names agree.
    public let threshold: Double
    /// Containment of names and numbers that makes them agree.
    public let sharedNamesThreshold: Double
    /// Containment of names and numbers at or above which a text counts as a rewrite.
    public let namesThreshold: Double
    /// Containment of words a rewrite still needs: stories on one event written apart share
    /// names but hardly a run of five words.
    public let rewordedThreshold: Double
    /// Name pairs a text needs before its names alone can make it a copy.
    public let minimumNames: Int
    /// Five-word shingles both texts need before less than `verbatimThreshold` of them makes a copy.
    public let minimumWords: Int
    /// Documents by slot, in the order they came; a removed document leaves its slot empty.
    private var ids: [ID?] = []
    private var slots: [ID: Int32] = [:]
    /// Per slot, `stride` values of the words' signature then `stride` of the names' (low
    /// 16 bits), and the shingle counts and value counts (0 or `stride`) of both.
    private var values: SlotRows
    private var held: [Held] = []
    private var bands: BandTable
    private static var stride: Int { CopySignature.textHasher.permutations }

    private struct Held {
        var textShingles: Int32
        var nameShingles: Int32
        var textValues: Bool
        var nameValues: Bool
    }

    public init(threshold: Double = 0.4, verbatimThreshold: Double = 0.8, sharedNamesThreshold: Double = 0.4,
                namesThreshold: Double = 0.6, rewordedThreshold: Double = 0.1, minimumNames: Int = CopySignature.bandedNames, minimumWords: Int = 40,
                spillingTo folder: String? = nil) {
        values = SlotRows(width: 2 * Self.stride, spillingTo: folder)
        bands = BandTable(spillingTo: folder)
        precondition([threshold, verbatimThreshold, sharedNamesThreshold, namesThreshold, rewordedThreshold].allSatisfy { (0...1).contains($0) })
        self.rewordedThreshold = rewordedThreshold
        self.threshold = threshold
        self.verbatimThreshold = max(threshold, verbatimThreshold)
        self.sharedNamesThreshold = sharedNamesThreshold
        self.namesThreshold = namesThreshold
        self.minimumNames = minimumNames
        self.minimumWords = minimumWords
    }

    /// An index spilling the values of `chunkRows` documents at a time.
    init(spillingTo folder: String, chunkRows: Int) {
        self.init(spillingTo: folder)
        values = SlotRows(width: 2 * Self.stride, spillingTo: folder, chunkRows: chunkRows)
    }

    public var count: Int { slots.count }

    /// Whether any of the index is spilled to a file rather than held in the heap.
    var isSpilled: Bool { values.isSpilled || bands.isSpilled }

    /// Holds the documents `each` gives, in their order: how an index is loaded from the
    /// store, the band keys sorted once instead of a table grown key by key.
    public mutating func load<Failure: Error>(_ each: ((ID, CopySignature) -> Void) throws(Failure) -> Void) throws(Failure) {
        var keys: [UInt64] = []
        try each { id, signature in
            let slot = place(id, signature)
            for key in signature.bands { keys.append(BandTable.entry(key, slot)) }
        }
        addBands(keys)
    }

    /// The document the text copies most, by the larger of its two containments, if either
    /// reaches its threshold.
    public func bestMatch(for signature: CopySignature) -> (id: ID, similarity: Double)? {
        var best: (Int32, Double)?
        var seen = Set<Int32>()
        let stride = Self.stride
        for key in signature.bands {
            bands.forEachSlot(of: key) { slot in
                guard ids[Int(slot)] != nil, seen.insert(slot).inserted else { return }
                let h = held[Int(slot)]
                values.withRow(Int(slot)) { row in
                    let words = Self.containment(h.textValues ? row[0..<stride] : row[0..<0], Int(h.textShingles), signature.text)
                    let names = Self.containment(h.nameValues ? row[stride..<(2 * stride)] : row[0..<0], Int(h.nameShingles),
                                                 signature.names)
                    let enoughNames = min(Int(h.nameShingles), signature.names.shingles) >= minimumNames
                    let enoughWords = min(Int(h.textShingles), signature.text.shingles) >= minimumWords
                    guard words >= verbatimThreshold || (enoughWords && words >= threshold && names >= sharedNamesThreshold)
                        || (enoughNames && names >= namesThreshold && words >= rewordedThreshold) else { return }
                    let s = max(words, enoughNames ? names : 0)
                    if s > best?.1 ?? -1 { best = (slot, s) }
                }
            }
        }
        return best.map { (ids[Int($0.0)]!, $0.1) }
    }

    /// ``MinHashSignature/containment(with:)`` of held values (low 16 bits) with `other`.
    private static func containment(_ held: Slice<UnsafeBufferPointer<UInt16>>, _ shingles: Int, _ other: MinHashSignature) -> Double {
        guard !held.isEmpty, held.count == other.values.count else { return 0 }
        var same = 0
        for (h, v) in zip(held, other.values) where h == UInt16(truncatingIfNeeded: v) { same += 1 }
        return MinHashSignature.containment(similarity: Double(same) / Double(held.count), shingles, other.shingles)
    }

    public mutating func insert(_ id: ID, _ signature: CopySignature) {
        let slot = place(id, signature)
        addBands(signature.bands.map { BandTable.entry($0, slot) })
    }

    /// Adds band table entries; a merge they set off drops the entries of emptied slots.
    private mutating func addBands(_ entries: [UInt64]) {
        let ids = ids
        bands.add(entries, live: { ids[Int($0)] != nil })
    }

    /// Gives `id` a new slot holding `signature`, emptying its old one.
    private mutating func place(_ id: ID, _ signature: CopySignature) -> Int32 {
        remove(id)
        let slot = Int32(ids.count)
        ids.append(id)
        slots[id] = slot
        let stride = Self.stride
        values.append { row in
            for part in [signature.text, signature.names] {
                if part.values.count == stride {
                    row.append(contentsOf: part.values.lazy.map { UInt16(truncatingIfNeeded: $0) })
                } else {
                    row.append(contentsOf: repeatElement(0, count: stride))
                }
            }
        }
        held.append(Held(textShingles: Int32(clamping: signature.text.shingles), nameShingles: Int32(clamping: signature.names.shingles),
                         textValues: signature.text.values.count == stride, nameValues: signature.names.values.count == stride))
        return slot
    }

    /// Forgets `id`; its values and band keys stay until the index is next loaded or its
    /// band table merges, skipped meanwhile.
    public mutating func remove(_ id: ID) {
        guard let slot = slots.removeValue(forKey: id) else { return }
        ids[Int(slot)] = nil
    }
}

/// Rows of `width` values a slot: every full chunk of rows frozen (spilled to a file when a
/// folder is given), the rows after them in memory.
struct SlotRows: Sendable {
    let width: Int
    private let folder: String?
    private var chunks: [FrozenArray<UInt16>] = []
    private var tail: [UInt16] = []
    /// Rows a chunk holds: by default 8 MB of the 256 values a document keeps.
    let chunkRows: Int

    init(width: Int, spillingTo folder: String?, chunkRows: Int = 16_384) {
        self.width = width
        self.folder = folder
        self.chunkRows = chunkRows
    }

    var isSpilled: Bool { chunks.contains { $0.isSpilled } }

    /// Adds a row, which `fill` appends (`width` values).
    mutating func append(_ fill: (inout [UInt16]) -> Void) {
        fill(&tail)
        precondition(tail.count % width == 0, "a row has \(width) values")
        guard folder != nil, tail.count == width * chunkRows else { return }
        let full = tail
        chunks.append(FrozenArray(spillingTo: folder) { add in full.withUnsafeBufferPointer(add) })
        tail.removeAll(keepingCapacity: true)
    }

    /// `body` with the values of row `slot`.
    func withRow<R>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let chunk = slot / chunkRows
        if chunk < chunks.count {
            return chunks[chunk].withUnsafeBufferPointer { all in
                let at = (slot % chunkRows) * width
                return body(UnsafeBufferPointer(rebasing: all[at..<(at + width)]))
            }
        }
        return tail.withUnsafeBufferPointer { all in
            let at = (slot - chunks.count * chunkRows) * width
            return body(UnsafeBufferPointer(rebasing: all[at..<(at + width)]))
        }
    }
}

/// Slots by band key: a sorted run of entries (a key's low 32 bits above its slot's, eight
/// bytes each; spilled to a file when a folder is given), and the entries added since in a
/// table, sorted into a new run with the old once they reach a quarter of it (dropping those
/// of emptied slots).
struct BandTable: Sendable {
    private let folder: String?
    private var run = FrozenArray<UInt64>()
    private var recent: [UInt32: [Int32]] = [:]
    private var recentCount = 0
    /// Entries added at once from which on they are sorted straight into the run.
    private static let bulk = 1 << 16

    init(spillingTo folder: String? = nil) { self.folder = folder }

    var isSpilled: Bool { run.isSpilled }

    /// The entry of `slot` under `key`.
    static func entry(_ key: UInt64, _ slot: Int32) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: key)) << 32 | UInt64(UInt32(slot)) }

    /// Adds entries of slots ascending across calls; `live` says which slots to keep at a merge.
    mutating func add(_ entries: [UInt64], live: (Int32) -> Bool) {
        if entries.count >= Self.bulk {
            merge(entries, live)
            return
        }
        for e in entries { recent[UInt32(e >> 32), default: []].append(Int32(truncatingIfNeeded: e)) }
        recentCount += entries.count
        if recentCount >= max(Self.bulk, run.count / 4) { merge([], live) }
    }

    /// Calls `body` with each slot holding `key`, in the order they were added.
    func forEachSlot(of key: UInt64, _ body: (Int32) -> Void) {
        let high = UInt64(UInt32(truncatingIfNeeded: key))
        run.withUnsafeBufferPointer { run in
            var lo = 0, hi = run.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if run[mid] >> 32 < high { lo = mid + 1 } else { hi = mid }
            }
            while lo < run.count, run[lo] >> 32 == high {
                body(Int32(truncatingIfNeeded: run[lo]))
                lo += 1
            }
        }
        recent[UInt32(high)]?.forEach(body)
    }

    /// Sorts the recent entries and `added` into the run, dropping those of slots no longer `live`.
    private mutating func merge(_ added: [UInt64], _ live: (Int32) -> Bool) {
        var added = added.filter { live(Int32(truncatingIfNeeded: $0)) }
        added.reserveCapacity(added.count + recentCount)
        for (key, slots) in recent {
            for slot in slots where live(slot) { added.append(UInt64(key) << 32 | UInt64(UInt32(slot))) }
        }
        added.sort()
        let old = run
        old.withUnsafeBufferPointer { run in
            self.run = FrozenArray(spillingTo: folder) { emit in
                var out: [UInt64] = []
                out.reserveCapacity(1 << 16)
                var i = 0, j = 0
                while i < run.count || j < added.count {
                    if j == added.count || (i < run.count && run[i] < added[j]) {
                        if live(Int32(truncatingIfNeeded: run[i])) { out.append(run[i]) }
                        i += 1
                    } else {
                        out.append(added[j])
                        j += 1
                    }
                    if out.count == 1 << 16 || (i == run.count && j == added.count) {
                        out.withUnsafeBufferPointer(emit)
                        out.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        recent = [:]
        recentCount = 0
    }
}
