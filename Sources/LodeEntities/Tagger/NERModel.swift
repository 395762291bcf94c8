import CPrefetch
import Foundation

/// A score per tag for each feature (by hash), found through an open-addressing table
/// (linear probing, at most half full). Tagging looks up some 25 features a word, three in
/// four of them present, so the table is laid out for one cache line a look-up: a slot of 32
/// bytes holds the hash beside its weights, kept as the model file keeps them (Float16,
/// widened exactly as they are added), and a byte saying it is taken.
public struct FeatureWeights: Sendable {
    /// The slots, 64-byte aligned so that none straddles two cache lines.
    private final class Slots: @unchecked Sendable {
        static let size = 32
        /// Byte offset of the Float16 weights, of the last weight and of the taken flag (bit 16
        /// of the little-endian word that starts at the last weight).
        static let weightsAt = 8, tailAt = 24
        let base: UnsafeMutableRawPointer
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(byteCount: capacity * Self.size, alignment: 64)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: capacity * Self.size)
        }

        deinit { base.deallocate() }
    }
    private let slots: Slots
    private let shift: UInt64
    public let count: Int

    /// - Parameter weights: `EntityTag.count` per row of `index`; each is kept as the nearest Float16.
    init(index: [UInt64: Int32], weights: [Float]) {
        precondition(EntityTag.count == 9, "a slot holds nine weights")
        var capacity = 16
        while capacity < index.count * 2 { capacity <<= 1 }
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        slots = Slots(capacity: capacity)
        for (key, row) in index {
            var slot = Self.slot(key, shift)
            while Self.taken(slots.base + slot * Slots.size) { slot = (slot + 1) & (capacity - 1) }
            let p = slots.base + slot * Slots.size
            p.storeBytes(of: key.littleEndian, as: UInt64.self)
            for t in 0..<EntityTag.count {
                p.storeBytes(of: Float16(weights[Int(row) * EntityTag.count + t]).bitPattern.littleEndian,
                             toByteOffset: Slots.weightsAt + 2 * t, as: UInt16.self)
            }
            p.storeBytes(of: 1, toByteOffset: Slots.tailAt + 2, as: UInt8.self)
        }
        count = index.count
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    private static func taken(_ p: UnsafeRawPointer) -> Bool { p.load(fromByteOffset: Slots.tailAt + 2, as: UInt8.self) != 0 }

    /// Every feature's hash with its weights as Float16 bits, in hash order.
    var entries: [(key: UInt64, weights: [UInt16])] {
        (0..<slots.capacity).compactMap { slot -> (key: UInt64, weights: [UInt16])? in
            let p = UnsafeRawPointer(slots.base + slot * Slots.size)
            guard Self.taken(p) else { return nil }
            return (UInt64(littleEndian: p.load(as: UInt64.self)),
                    (0..<EntityTag.count).map { UInt16(littleEndian: p.load(fromByteOffset: Slots.weightsAt + 2 * $0, as: UInt16.self)) })
        }.sorted { $0.key < $1.key }
    }

    /// Adds each feature's weights to `scores`, one per tag.
    @inline(__always)
    func add(_ features: ArraySlice<UInt64>, to scores: inout [Float]) {
        let base = UnsafeRawPointer(slots.base), mask = slots.capacity - 1, shift = shift
        scores.withUnsafeMutableBufferPointer { s in
            let out = UnsafeMutableRawPointer(s.baseAddress!)
            var low = out.loadUnaligned(as: SIMD8<Float>.self)
            var last = s[8]
            for f in features {
                var slot = Self.slot(f, shift)
                while true {
                    let p = base + slot &* Slots.size
                    let tail = UInt64(littleEndian: p.load(fromByteOffset: Slots.tailAt, as: UInt64.self))
                    if tail & 0x1_0000 == 0 { break }
                    if UInt64(littleEndian: p.load(as: UInt64.self)) == f {
                        low += Self.widen(p.loadUnaligned(fromByteOffset: Slots.weightsAt, as: SIMD8<UInt16>.self))
                        last += Self.widen(UInt16(truncatingIfNeeded: tail))
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
            }
            out.storeBytes(of: low, as: SIMD8<Float>.self)
            s[8] = last
        }
    }

    /// Asks for the cache lines where `features` are looked up first, so that a later `add`
    /// of them does not wait on memory one feature at a time.
    @inline(__always)
    func prefetch(_ features: ArraySlice<UInt64>) {
        for f in features { lode_prefetch(slots.base + Self.slot(f, shift) &* Slots.size) }
    }

    /// Float16 bits to Float, exactly: the magnitude's bits moved into a Float's places and
    /// scaled by 2^112 (right for normal and subnormal values alike), the sign put back.
    /// Weights are finite (``NERModel/load(_:from:)`` checks).
    @inline(__always)
    static func widen(_ h: SIMD8<UInt16>) -> SIMD8<Float> {
        let bits = SIMD8<UInt32>(truncatingIfNeeded: h)
        let magnitude = unsafeBitCast((bits & 0x7FFF) &<< 13, to: SIMD8<Float>.self) * 0x1p112
        return unsafeBitCast(unsafeBitCast(magnitude, to: SIMD8<UInt32>.self) | ((bits & 0x8000) &<< 16), to: SIMD8<Float>.self)
    }

    @inline(__always)
    static func widen(_ h: UInt16) -> Float {
        let bits = UInt32(h)
        let magnitude = Float(bitPattern: (bits & 0x7FFF) << 13) * 0x1p112
        return Float(bitPattern: magnitude.bitPattern | ((bits & 0x8000) << 16))
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
                for w in e.weights { withUnsafeBytes(of: w.littleEndian) { bytes += $0 } }
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
                    guard weights[i].isFinite else { throw Failure(description: "\(path) is damaged: a weight is not a finite number") }
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
