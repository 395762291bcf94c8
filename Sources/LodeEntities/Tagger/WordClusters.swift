import LodeText

/// Words grouped by the company they keep, learned without labels from news text: each
/// word's left and right neighbours (among the most frequent words) are counted into a
/// random projection, and k-means groups the normalised vectors, finely and coarsely. A
/// word the training data never showed still shares features with words that did.
public struct WordClusters: Sendable {
    /// Lower-cased word → (fine, coarse) cluster.
    private(set) var clusters: [String: (fine: UInt16, coarse: UInt16)]

    init(clusters: [String: (fine: UInt16, coarse: UInt16)]) { self.clusters = clusters }

    public static let empty = WordClusters(clusters: [:])

    public var count: Int { clusters.count }

    func cluster(of lower: String) -> (fine: UInt16, coarse: UInt16)? { clusters[lower] }

    /// Learns clusters from `texts`; deterministic.
    public static func learn(from texts: [String], vocabulary: Int = 40_000, contexts: Int = 1_000, dimensions: Int = 64,
                             fine: Int = 256, coarse: Int = 32, passes: Int = 8) -> WordClusters {
        let sentences = texts.map(words)
        var frequency: [String: Int] = [:]
        for s in sentences { for w in s { frequency[w, default: 0] += 1 } }
        let ranked = frequency.filter { $0.value >= 5 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let vocab = Array(ranked.prefix(vocabulary))
        guard vocab.count > fine else { return .empty }
        let number = Dictionary(uniqueKeysWithValues: vocab.enumerated().map { ($1, $0) })
        // A fixed random ±1 vector per context feature (left or right neighbour).
        var random = SeededRandom(seed: 2003)
        let projection = (0..<(2 * contexts)).map { _ in (0..<dimensions).map { _ in random.next(below: 2) == 0 ? Float(-1) : 1 } }
        var vectors = [[Float]](repeating: [Float](repeating: 0, count: dimensions), count: vocab.count)
        for s in sentences {
            for i in s.indices {
                guard let w = number[s[i]] else { continue }
                if i > 0, let l = number[s[i - 1]], l < contexts {
                    for d in 0..<dimensions { vectors[w][d] += projection[l][d] }
                }
                if i + 1 < s.count, let r = number[s[i + 1]], r < contexts {
                    for d in 0..<dimensions { vectors[w][d] += projection[contexts + r][d] }
                }
            }
        }
        vectors = vectors.map(normalised)
        let fineOf = kMeans(vectors, k: fine, passes: passes)
        var centroids = [[Float]](repeating: [Float](repeating: 0, count: dimensions), count: fine)
        for (v, c) in zip(vectors, fineOf) { for d in 0..<dimensions { centroids[c][d] += v[d] } }
        let coarseOf = kMeans(centroids.map(normalised), k: coarse, passes: passes)
        var out: [String: (fine: UInt16, coarse: UInt16)] = [:]
        for (w, word) in vocab.enumerated() { out[word] = (UInt16(fineOf[w]), UInt16(coarseOf[fineOf[w]])) }
        return WordClusters(clusters: out)
    }

    /// Lower-case words of a text: runs of letters and digits, with inner hyphens, dots and apostrophes.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber || (!current.isEmpty && (c == "-" || c == "." || c == "'")) {
                current.append(c)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.map { $0.last == "." || $0.last == "-" ? String($0.dropLast()) : $0 }
    }

    private static func normalised(_ v: [Float]) -> [Float] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }

    /// Spherical k-means; the initial centres are spread evenly over the input order.
    private static func kMeans(_ vectors: [[Float]], k: Int, passes: Int) -> [Int] {
        let dimensions = vectors[0].count
        var centres = (0..<k).map { vectors[$0 * vectors.count / k] }
        var assignment = [Int](repeating: 0, count: vectors.count)
        for _ in 0..<passes {
            for (i, v) in vectors.enumerated() {
                var best = 0
                var bestDot = -Float.infinity
                for (c, centre) in centres.enumerated() {
                    var dot: Float = 0
                    for d in 0..<dimensions { dot += v[d] * centre[d] }
                    if dot > bestDot {
                        bestDot = dot
                        best = c
                    }
                }
                assignment[i] = best
            }
            var sums = [[Float]](repeating: [Float](repeating: 0, count: dimensions), count: k)
            for (v, c) in zip(vectors, assignment) { for d in 0..<dimensions { sums[c][d] += v[d] } }
            centres = zip(sums, centres).map { sum, old in sum.allSatisfy { $0 == 0 } ? old : normalised(sum) }
        }
        return assignment
    }
}
