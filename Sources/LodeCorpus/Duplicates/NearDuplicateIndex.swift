/// Finds, among the signatures it holds, the one most like a new text's, through
/// locality-sensitive hashing: signatures are cut into bands, and only documents sharing a
/// whole band with the new one are compared in full. A match is scored by containment (the
/// share of the shorter text found in the other), so a copy that trims a paragraph still
/// counts. With 32 bands of 4 rows, pairs whose Jaccard similarity is 0.6 become candidates
/// with probability above 0.98, and at 0.8 above 0.999999.
public struct NearDuplicateIndex<ID: Hashable & Sendable>: Sendable {
    /// Containment at or above which a text counts as a copy.
    public let threshold: Double
    private let bands: Int
    private var signatures: [ID: MinHashSignature] = [:]
    private var buckets: [Int: [UInt64: [ID]]] = [:]

    public init(threshold: Double = 0.8, bands: Int = 32) {
        precondition((0...1).contains(threshold) && bands > 0)
        self.threshold = threshold
        self.bands = bands
    }

    public var count: Int { signatures.count }

    /// The signature held for `id`, if any.
    public func signature(of id: ID) -> MinHashSignature? { signatures[id] }

    /// The document containing, or contained in, the text most, at or above the threshold.
    public func bestMatch(for signature: MinHashSignature) -> (id: ID, similarity: Double)? {
        var best: (ID, Double)?
        var seen = Set<ID>()
        for (band, key) in bandKeys(signature) {
            for id in buckets[band]?[key] ?? [] where seen.insert(id).inserted {
                let s = signatures[id]!.containment(with: signature)
                if s >= threshold, s > best?.1 ?? -1 { best = (id, s) }
            }
        }
        return best
    }

    public mutating func insert(_ id: ID, _ signature: MinHashSignature) {
        remove(id)
        signatures[id] = signature
        for (band, key) in bandKeys(signature) { buckets[band, default: [:]][key, default: []].append(id) }
    }

    public mutating func remove(_ id: ID) {
        guard let old = signatures.removeValue(forKey: id) else { return }
        for (band, key) in bandKeys(old) { buckets[band]?[key]?.removeAll { $0 == id } }
    }

    private func bandKeys(_ signature: MinHashSignature) -> [(Int, UInt64)] {
        guard !signature.values.isEmpty else { return [] }
        let rows = max(1, signature.values.count / bands)
        return stride(from: 0, to: signature.values.count - rows + 1, by: rows).enumerated().map { band, start in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for v in signature.values[start..<(start + rows)] { h = (h ^ v) &* 0x0000_0100_0000_01B3 }
            return (band, h)
        }
    }
}
