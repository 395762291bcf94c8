/// Finds, among the texts it holds, the one a new text most likely copies, through
/// locality-sensitive hashing: each signature is cut into bands, and only documents sharing a
/// whole band with the new one are compared in full.
///
/// Reprints keep the words, rewrites keep the names and numbers in their order, and stories
/// from one template (earnings tables, rate changes) keep the words but not the names. So a
/// document is a copy when the share of the shorter text's five-word shingles found in the
/// other (containment) reaches `verbatimThreshold`; or reaches `threshold` while the share
/// of its name-and-number pairs found in the other reaches `sharedNamesThreshold`; or, with
/// at least `minimumNames` such pairs, that share alone reaches `namesThreshold`. Short texts
/// (under `minimumWords` shingles) are copies only verbatim. Bands of 3
/// rows make texts whose shingles overlap by a third candidates with probability about 0.8,
/// by a tenth about 0.04.
public struct NearDuplicateIndex<ID: Hashable & Sendable>: Sendable {
    /// Containment of words at or above which a text counts as a copy whatever its names.
    public let verbatimThreshold: Double
    /// Containment of words at or above which a text counts as a copy if its names agree.
    public let threshold: Double
    /// Containment of names and numbers that makes them agree.
    public let sharedNamesThreshold: Double
    /// Containment of names and numbers at or above which a text counts as a rewrite.
    public let namesThreshold: Double
    /// Name pairs a text needs before its names alone can make it a copy.
    public let minimumNames: Int
    /// Five-word shingles both texts need before less than `verbatimThreshold` of them makes a copy.
    public let minimumWords: Int
    private let rows: Int
    private var signatures: [ID: CopySignature] = [:]
    private var buckets: [Int: [UInt64: [ID]]] = [:]

    public init(threshold: Double = 0.4, verbatimThreshold: Double = 0.8, sharedNamesThreshold: Double = 0.4,
                namesThreshold: Double = 0.6, minimumNames: Int = 12, minimumWords: Int = 40, rows: Int = 3) {
        precondition([threshold, verbatimThreshold, sharedNamesThreshold, namesThreshold].allSatisfy { (0...1).contains($0) } && rows > 0)
        self.threshold = threshold
        self.verbatimThreshold = max(threshold, verbatimThreshold)
        self.sharedNamesThreshold = sharedNamesThreshold
        self.namesThreshold = namesThreshold
        self.minimumNames = minimumNames
        self.minimumWords = minimumWords
        self.rows = rows
    }

    public var count: Int { signatures.count }

    /// The signature held for `id`, if any.
    public func signature(of id: ID) -> CopySignature? { signatures[id] }

    /// The document the text copies most, by the larger of its two containments, if either
    /// reaches its threshold.
    public func bestMatch(for signature: CopySignature) -> (id: ID, similarity: Double)? {
        var best: (ID, Double)?
        var seen = Set<ID>()
        for key in bandKeys(signature) {
            for id in buckets[key.band]?[key.hash] ?? [] where seen.insert(id).inserted {
                let held = signatures[id]!
                let words = held.text.containment(with: signature.text)
                let names = held.names.containment(with: signature.names)
                let enoughNames = min(held.names.shingles, signature.names.shingles) >= minimumNames
                let enoughWords = min(held.text.shingles, signature.text.shingles) >= minimumWords
                guard words >= verbatimThreshold || (enoughWords && words >= threshold && names >= sharedNamesThreshold)
                    || (enoughNames && names >= namesThreshold) else { continue }
                let s = max(words, enoughNames ? names : 0)
                if s > best?.1 ?? -1 { best = (id, s) }
            }
        }
        return best
    }

    public mutating func insert(_ id: ID, _ signature: CopySignature) {
        remove(id)
        signatures[id] = signature
        for key in bandKeys(signature) { buckets[key.band, default: [:]][key.hash, default: []].append(id) }
    }

    public mutating func remove(_ id: ID) {
        guard let old = signatures.removeValue(forKey: id) else { return }
        for key in bandKeys(old) { buckets[key.band]?[key.hash]?.removeAll { $0 == id } }
    }

    /// The bands of both signatures, the names' numbered after the words'.
    private func bandKeys(_ signature: CopySignature) -> [(band: Int, hash: UInt64)] {
        var keys: [(band: Int, hash: UInt64)] = []
        // Few names make few distinct minima: such texts would share bands with many others.
        let parts = signature.names.shingles >= minimumNames ? [signature.text, signature.names] : [signature.text]
        for (part, s) in parts.enumerated() where !s.values.isEmpty {
            for (band, start) in stride(from: 0, to: s.values.count - rows + 1, by: rows).enumerated() {
                var h: UInt64 = 0xCBF2_9CE4_8422_2325
                for v in s.values[start..<(start + rows)] { h = (h ^ v) &* 0x0000_0100_0000_01B3 }
                keys.append((part * 1000 + band, h))
            }
        }
        return keys
    }
}
