/// The words the corpus uses, as written (folded, not stemmed), each with the term it
/// indexes as and how many live documents use it. Answers completion, prefix and
/// typo-tolerant lookups, which work on words rather than stems: "allian*" must find
/// "alliances". Words no live document uses any more are kept but never offered.
struct Vocabulary: Sendable {
    struct Entry: Sendable {
        /// The term's id in the index.
        var term: Int
        var documents: Int
    }

    /// By word id.
    private(set) var words: [String] = []
    private(set) var entries: [Entry] = []
    private(set) var ids: [String: Int] = [:]
    /// Every word, sorted, for prefix lookups.
    private(set) var sorted: [String] = []
    private var pending: [String] = []

    /// The id of `word`, added with no documents if new.
    mutating func id(of word: String, term: Int) -> Int {
        if let id = ids[word] { return id }
        let id = words.count
        words.append(word)
        entries.append(Entry(term: term, documents: 0))
        ids[word] = id
        pending.append(word)
        return id
    }

    /// Counts one more document using the word `id`.
    mutating func retain(_ id: Int) { entries[id].documents += 1 }

    /// Counts one document fewer using the word `id`.
    mutating func release(_ id: Int) { entries[id].documents -= 1 }

    /// The live entry of `word`, if any document uses it.
    func entry(_ word: String) -> Entry? {
        ids[word].map { entries[$0] }.flatMap { $0.documents > 0 ? $0 : nil }
    }

    var liveCount: Int { entries.reduce(0) { $0 + ($1.documents > 0 ? 1 : 0) } }

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

    /// Words starting with `prefix`, most used first (then alphabetical), at most `limit`.
    func completions(of prefix: String, limit: Int) -> [(word: String, documents: Int)] {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < prefix { lo = mid + 1 } else { hi = mid }
        }
        var found: [(word: String, documents: Int)] = []
        var i = lo
        while i < sorted.count, sorted[i].hasPrefix(prefix) {
            if let e = entry(sorted[i]) { found.append((sorted[i], e.documents)) }
            i += 1
        }
        return Array(found.sorted(by: Self.mostUsed).prefix(limit))
    }

    /// Words within `distance` edits of `word` (a transposition is one edit), most used first.
    func neighbours(of word: String, distance: Int, limit: Int) -> [(word: String, documents: Int)] {
        let target = Array(word.unicodeScalars)
        var found: [(word: String, documents: Int)] = []
        for (id, candidate) in words.enumerated() where entries[id].documents > 0 {
            let scalars = candidate.unicodeScalars
            guard abs(scalars.count - target.count) <= distance,
                  EditDistance.within(distance, Array(scalars), target) else { continue }
            found.append((candidate, entries[id].documents))
        }
        return Array(found.sorted(by: Self.mostUsed).prefix(limit))
    }

    private static func mostUsed(_ a: (word: String, documents: Int), _ b: (word: String, documents: Int)) -> Bool {
        a.documents != b.documents ? a.documents > b.documents : a.word < b.word
    }

    /// Restores a persisted vocabulary.
    init(words: [String], entries: [Entry]) {
        self.words = words
        self.entries = entries
        ids = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
        sorted = words.sorted()
    }

    init() {}
}

/// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring).
enum EditDistance {
    /// Whether `a` and `b` are at most `limit` edits apart; stops as soon as a row exceeds it.
    static func within(_ limit: Int, _ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        if a == b { return true }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit }
        let n = b.count
        var before = [Int](repeating: 0, count: n + 1)
        var previous = Array(0...n)
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...n {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return false }
            (before, previous, current) = (previous, current, before)
        }
        return previous[n] <= limit
    }
}
