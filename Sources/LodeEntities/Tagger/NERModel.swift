import Foundation

/// A score per tag for each feature (by hash). Features are found through an open-addressing
/// table (linear probing, at most half full): tagging looks up some 60 features a word, and
/// this is about twice as fast as a `Dictionary`. A slot holds the hash beside its row, so a
/// probe reads one cache line.
public struct FeatureWeights: Sendable {
    struct Slot {
        /// A feature's hash.
        var key: UInt64
        /// Its row of weights; -1 where the slot is empty.
        var row: Int32
    }
    private let slots: [Slot]
    private let shift: UInt64
    private(set) var weights: [Float]
    public let count: Int

    init(index: [UInt64: Int32], weights: [Float]) {
        var capacity = 16
        while capacity < index.count * 2 { capacity <<= 1 }
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        var slots = [Slot](repeating: Slot(key: 0, row: -1), count: capacity)
        for (key, row) in index {
            var slot = Self.slot(key, shift)
            while slots[slot].row >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(key: key, row: row)
        }
        self.slots = slots
        self.weights = weights
        count = index.count
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Every feature's hash with its row, in hash order.
    var entries: [(key: UInt64, row: Int32)] {
        slots.filter { $0.row >= 0 }.map { (key: $0.key, row: $0.row) }.sorted { $0.key < $1.key }
    }

    /// Adds each feature's weights to `scores`, one per tag.
    @inline(__always)
    func add(_ features: [UInt64], to scores: inout [Float]) {
        let mask = slots.count - 1
        weights.withUnsafeBufferPointer { w in
            slots.withUnsafeBufferPointer { slots in
                for f in features {
                    var slot = Self.slot(f, shift)
                    while slots[slot].row >= 0, slots[slot].key != f { slot = (slot + 1) & mask }
                    let row = slots[slot].row
                    guard row >= 0 else { continue }
                    let base = Int(row) * EntityTag.count
                    for t in 0..<EntityTag.count { scores[t] += w[base + t] }
                }
            }
        }
    }
}

/// A trained tagger: the weights of a first reading, those of a second reading that also
/// sees the first's guesses (``Stacking``), the names its training data tagged, and its word
/// clusters. Saved as a small binary file: "LODENER2"; each reading's feature count, sorted
/// hashes and weights as Float16 (the second's count 0 when it has none); the name count and
/// each name's type bits and text; the clustered word count and each word's clusters and text.
public struct NERModel: Sendable {
    let first: FeatureWeights
    let second: FeatureWeights?
    /// Lower-cased names with the bits of their types (``Gazetteer/learned(_:)``).
    let names: [String: UInt8]
    let clusters: WordClusters

    init(first: FeatureWeights, second: FeatureWeights?, names: [String: UInt8], clusters: WordClusters) {
        self.first = first
        self.second = second
        self.names = names
        self.clusters = clusters
    }

    /// This model with `second` as its second reading.
    func reading(_ second: FeatureWeights) -> NERModel { NERModel(first: first, second: second, names: names, clusters: clusters) }

    public var featureCount: Int { first.count + (second?.count ?? 0) }

    static let magic = Array("LODENER2".utf8)

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public func save(to path: String) throws {
        var bytes = Self.magic
        for table in [first, second ?? FeatureWeights(index: [:], weights: [])] {
            let entries = table.entries
            withUnsafeBytes(of: UInt64(entries.count).littleEndian) { bytes += $0 }
            for e in entries { withUnsafeBytes(of: e.key.littleEndian) { bytes += $0 } }
            for e in entries {
                let base = Int(e.row) * EntityTag.count
                for t in 0..<EntityTag.count { withUnsafeBytes(of: Float16(table.weights[base + t]).bitPattern.littleEndian) { bytes += $0 } }
            }
        }
        withUnsafeBytes(of: UInt64(names.count).littleEndian) { bytes += $0 }
        for (name, bits) in names.sorted(by: { $0.key < $1.key }) {
            bytes.append(bits)
            withUnsafeBytes(of: UInt32(name.utf8.count).littleEndian) { bytes += $0 }
            bytes += Array(name.utf8)
        }
        withUnsafeBytes(of: UInt64(clusters.count).littleEndian) { bytes += $0 }
        for (word, c) in clusters.clusters.sorted(by: { $0.key < $1.key }) {
            withUnsafeBytes(of: c.fine.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: c.coarse.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(word.utf8.count).littleEndian) { bytes += $0 }
            bytes += Array(word.utf8)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw Failure(description: "cannot write \(path)")
        }
    }

    public static func load(from path: String) throws -> NERModel {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
        return try load(data, from: path)
    }

    /// The model in `data`, read from `path` (named in errors).
    static func load(_ data: Data, from path: String) throws -> NERModel {
        try data.withUnsafeBytes { raw -> NERModel in
            guard raw.count >= 16, Array(raw.prefix(8)) == magic else { throw Failure(description: "\(path) is not a Lode NER model") }
            var at = 8
            var tables: [FeatureWeights] = []
            for _ in 0..<2 {
                guard at + 8 <= raw.count else { throw Failure(description: "\(path) is damaged: it ends early") }
                let count = Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
                at += 8
                guard count >= 0, at + count * (8 + EntityTag.count * 2) <= raw.count else {
                    throw Failure(description: "\(path) is damaged: it is shorter than its feature count says")
                }
                var index: [UInt64: Int32] = [:]
                index.reserveCapacity(count)
                for i in 0..<count { index[UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + i * 8, as: UInt64.self))] = Int32(i) }
                at += count * 8
                var weights = [Float](repeating: 0, count: count * EntityTag.count)
                for i in 0..<(count * EntityTag.count) {
                    weights[i] = Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at + i * 2, as: UInt16.self))))
                }
                at += count * EntityTag.count * 2
                tables.append(FeatureWeights(index: index, weights: weights))
            }
            let namesAt = at
            guard raw.count >= namesAt + 8 else { throw Failure(description: "\(path) is damaged: its names are missing") }
            var names: [String: UInt8] = [:]
            at = namesAt + 8
            for _ in 0..<Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: namesAt, as: UInt64.self))) {
                guard at + 5 <= raw.count else { throw Failure(description: "\(path) is damaged: its names are cut short") }
                let bits = raw[at]
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 1, as: UInt32.self)))
                guard at + 5 + length <= raw.count else { throw Failure(description: "\(path) is damaged: its names are cut short") }
                names[String(decoding: UnsafeRawBufferPointer(rebasing: raw[(at + 5)..<(at + 5 + length)]), as: UTF8.self)] = bits
                at += 5 + length
            }
            guard at + 8 <= raw.count else { throw Failure(description: "\(path) is damaged: its word clusters are missing") }
            var clusters: [String: (fine: UInt16, coarse: UInt16)] = [:]
            let clustered = Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
            at += 8
            for _ in 0..<clustered {
                guard at + 8 <= raw.count else { throw Failure(description: "\(path) is damaged: its word clusters are cut short") }
                let fine = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self))
                let coarse = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at + 2, as: UInt16.self))
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self)))
                guard at + 8 + length <= raw.count else { throw Failure(description: "\(path) is damaged: its word clusters are cut short") }
                clusters[String(decoding: UnsafeRawBufferPointer(rebasing: raw[(at + 8)..<(at + 8 + length)]), as: UTF8.self)] = (fine, coarse)
                at += 8 + length
            }
            return NERModel(first: tables[0], second: tables[1].count > 0 ? tables[1] : nil, names: names,
                            clusters: WordClusters(clusters: clusters))
        }
    }
}
