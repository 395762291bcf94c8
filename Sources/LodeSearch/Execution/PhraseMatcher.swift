/// Documents where the words stand next to each other, in order, in one field. Scored as one
/// term whose frequency is the phrase's and whose idf is the sum of its words'.
final class PhraseMatcher: Matcher {
    private let words: [TermMatcher]
    /// The words, rarest first, for stepping through candidates.
    private let leaders: [TermMatcher]
    private let slots: [Int]
    private let context: ScoringContext
    private var frequencies = FieldVector()
    private let idf: Float

    init(words: [TermMatcher], field: SearchField?, context: ScoringContext) {
        self.words = words
        leaders = words.sorted { $0.cost < $1.cost }
        slots = field.map { [$0.slot] } ?? Array(0..<FieldVector.scalarCount)
        self.context = context
        idf = words.reduce(0) { $0 + $1.idf }
        super.init()
        settle(from: 0)
    }

    private func settle(from start: UInt32) {
        var target = start
        outer: while true {
            for w in leaders {
                w.advance(to: target)
                if w.doc == Matcher.end {
                    doc = Matcher.end
                    return
                }
                if w.doc > target {
                    target = w.doc
                    continue outer
                }
            }
            if countOccurrences() {
                doc = target
                return
            }
            target += 1
        }
    }

    /// Counts the phrase per field in the document all words stand on; whether it occurs.
    private func countOccurrences() -> Bool {
        frequencies = FieldVector()
        for slot in slots where words.allSatisfy({ $0.frequencies[slot] > 0 }) {
            let lists = words.map { Set($0.positions(slot: slot)) }
            for p in words[0].positions(slot: slot) where (1..<words.count).allSatisfy({ lists[$0].contains(p + UInt32($0)) }) {
                frequencies[slot] += 1
            }
        }
        return frequencies.sum() > 0
    }

    override func next() {
        guard doc != Matcher.end else { return }
        settle(from: doc + 1)
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        settle(from: target)
    }

    private var pseudoFrequency: Float {
        let factors = context.ranking.factors(lengths: context.lengths[Int(doc)], averages: context.averages)
        return (frequencies * factors).sum()
    }

    override func score() -> Float { context.ranking.score(idf: idf, pseudoFrequency: pseudoFrequency) }
    /// A phrase occurs no more often than any of its words, and its idf is their sum.
    override func boundHere() -> Float { words.reduce(0) { $0 + $1.boundHere() } }
    override var maxScore: Float { words.reduce(0) { $0 + $1.maxScore } }
    override var cost: Int { leaders.first?.cost ?? 0 }

    override func explain() -> [Explanation] {
        [Explanation("phrase \"\(words.map(\.term).joined(separator: " "))\"", Double(score()), depth: 0),
         Explanation("idf, summed over its words", Double(idf), depth: 1),
         Explanation("occurrences, all fields", Double(frequencies.sum()), depth: 1),
         Explanation("weighted frequency tf~", Double(pseudoFrequency), depth: 1)]
    }
}
