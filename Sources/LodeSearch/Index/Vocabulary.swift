/// The words the corpus uses, as written (folded, not stemmed), with the term each indexes
/// as and how many documents used it. Answers completion, prefix and typo-tolerant lookups,
/// which work on words rather than stems: "allian*" must find "alliances".
struct Vocabulary: Sendable {
    struct Entry: Sendable {
        var term: String
        var documents: Int
    }

    private(set) var entries: [String: Entry] = [:]
    /// Every word, sorted, for prefix lookups.
    private(set) var sorted: [String] = []
    private var pending: [String] = []

    /// Counts one document's distinct words.
    mutating func add(_ words: [(word: String, term: String)]) {
        for (word, term) in words {
            if entries[word] == nil {
                entries[word] = Entry(term: term, documents: 1)
                pending.append(word)
            } else {
                entries[word]!.documents += 1
            }
        }
    }

    /// Merges words added since the last call into `sorted`; call after each batch.
    mutating func settle() {
        guard !pending.isEmpty else { return }
        pending.sort()
        var merged: [String] = []
        merged.reserveCapacity(sorted.count + pending.count)
        var i = 0, j = 0
        while i < sorted.count || j < pending.count {
            if j == pending.count || (i < sorted.count && sorted[i] < pending[j]) {
                merged.append(sorted[i])
                i += 1
            } else {
                merged.append(pending[j])
                j += 1
            }
        }
        sorted = merged
        pending.removeAll()
    }

    /// Words starting with `prefix`, most used first, at most `limit`.
    func completions(of prefix: String, limit: Int) -> [(word: String, documents: Int)] {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < prefix { lo = mid + 1 } else { hi = mid }
        }
        var found: [(word: String, documents: Int)] = []
        var i = lo
        while i < sorted.count, sorted[i].hasPrefix(prefix) {
            found.append((sorted[i], entries[sorted[i]]!.documents))
            i += 1
        }
        return Array(found.sorted { ($0.documents, $1.word) > ($1.documents, $0.word) }.prefix(limit))
    }

    /// Words within `distance` edits of `word` (a transposition is one edit), most used first.
    func neighbours(of word: String, distance: Int, limit: Int) -> [(word: String, documents: Int)] {
        let target = Array(word.unicodeScalars)
        var found: [(word: String, documents: Int)] = []
        for (candidate, entry) in entries {
            let scalars = candidate.unicodeScalars
            guard abs(scalars.count - target.count) <= distance,
                  EditDistance.within(distance, Array(scalars), target) else { continue }
            found.append((candidate, entry.documents))
        }
        return Array(found.sorted { ($0.documents, $1.word) > ($1.documents, $0.word) }.prefix(limit))
    }

    /// Restores a persisted vocabulary.
    init(entries: [String: Entry]) {
        self.entries = entries
        sorted = entries.keys.sorted()
    }

    init() {}
}

/// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring).
enum EditDistance {
    /// Whether `a` and `b` are at most `limit` edits apart; stops as soon as a row exceeds it.
    static func within(_ limit: Int, _ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return true }
        let n = b.count
        var before = [Int](repeating: 0, count: n + 1)
        var previous = Array(0...n)
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = i
            for j in stride(from: 1, through: n, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return false }
            (before, previous, current) = (previous, current, before)
        }
        return (a.isEmpty ? n : previous[n]) <= limit
    }
}
