/// Documents where the words stand next to each other, in order, in one field. Scored as one
/// term whose frequency is the phrase's and whose idf is the sum of its words'.
final class PhraseMatcher: Matcher {
    private let words: [TermMatcher]
    /// The documents holding every word: the candidates whose positions are checked.
    private let candidates: AndMatcher
    private let slots: [Int]
    private let context: ScoringContext
    private var frequencies = FieldVector()
    private let idf: Float

    init(words: [TermMatcher], field: SearchField?, context: ScoringContext) {
        self.words = words
        candidates = AndMatcher(parts: words, excluded: [], filter: nil)
        slots = field.map { [$0.slot] } ?? Array(0..<FieldVector.scalarCount)
        self.context = context
        idf = words.reduce(0) { $0 + $1.idf }
        buffers = Array(repeating: [], count: words.count)
        cursors = Array(repeating: 0, count: words.count)
        super.init()
        settle()
    }

    /// Moves to the first candidate, from where the candidates stand, with the phrase in it.
    private func settle() {
        while candidates.doc != Matcher.end, !countOccurrences() { candidates.next() }
        doc = candidates.doc
    }

    /// Positions of each word in one field, and a cursor into each: reused from candidate
    /// to candidate.
    private var buffers: [[UInt32]]
    private var cursors: [Int]

    /// Counts the phrase per field in the document all words stand on; whether it occurs.
    /// The buffers are moved into locals while they are worked on: a class's stored arrays
    /// are checked for exclusive access at every use, locals are not.
    private func countOccurrences() -> Bool {
        var present = FieldVector(repeating: 1)
        for w in words { present = present.replacing(with: 0, where: w.frequencies .== 0) }
        var buffers: [[UInt32]] = [], cursors: [Int] = []
        swap(&buffers, &self.buffers)
        swap(&cursors, &self.cursors)
        defer {
            swap(&buffers, &self.buffers)
            swap(&cursors, &self.cursors)
        }
        var counts = FieldVector()
        for slot in slots where present[slot] > 0 {
            for i in 0..<words.count { words[i].positions(slot: slot, into: &buffers[i]) }
            // Walk each later word's positions alongside the first word's: all ascending.
            for i in 0..<words.count { cursors[i] = 0 }
            var found: Float = 0
            first: for p in buffers[0] {
                for i in 1..<words.count {
                    let wanted = p + UInt32(i)
                    let positions = buffers[i]
                    var c = cursors[i]
                    while c < positions.count, positions[c] < wanted { c += 1 }
                    cursors[i] = c
                    if c == positions.count { break first }
                    if positions[c] != wanted { continue first }
                }
                found += 1
            }
            counts[slot] = found
        }
        frequencies = counts
        return counts.sum() > 0
    }

    override func next() {
        guard doc != Matcher.end else { return }
        candidates.next()
        settle()
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        candidates.advance(to: target)
        settle()
    }

    private var pseudoFrequency: Float {
        let factors = context.factors(context.lengths[Int(doc)])
        return (frequencies * factors).sum()
    }

    override func score() -> Float { context.ranking.score(idf: idf, pseudoFrequency: pseudoFrequency) }
    /// A phrase occurs no more often than any of its words, and its idf is their sum.
    override func boundHere() -> Float {
        context.ranking.score(idf: idf, pseudoFrequency: words.reduce(Float.infinity) { min($0, $1.pseudoFrequencyBound) })
    }
    override var regionEnd: UInt32 { words.reduce(Matcher.end) { min($0, $1.regionEnd) } }
    override var maxScore: Float {
        context.ranking.score(idf: idf, pseudoFrequency: words.reduce(Float.infinity) { min($0, $1.maximumPseudoFrequency) })
    }
    override var cost: Int { candidates.cost }

    override func explain() -> [Explanation] {
        [Explanation("phrase \"\(words.map(\.term).joined(separator: " "))\"", Double(score()), depth: 0),
         Explanation("idf, summed over its words", Double(idf), depth: 1),
         Explanation("occurrences, all fields", Double(frequencies.sum()), depth: 1),
         Explanation("weighted frequency tf~", Double(pseudoFrequency), depth: 1)]
    }
}
