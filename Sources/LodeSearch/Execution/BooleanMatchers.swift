/// Documents every part matches, none of the excluded ones does, and the filter accepts.
/// Steps through candidates led by the rarest part, skipping with `advance`.
final class AndMatcher: Matcher {
    private let parts: [Matcher]
    private let excluded: [Matcher]
    private let accepts: ((UInt32) -> Bool)?

    init(parts: [Matcher], excluded: [Matcher], accepts: ((UInt32) -> Bool)?) {
        self.parts = parts.sorted { $0.cost < $1.cost }
        self.excluded = excluded
        self.accepts = accepts
        super.init()
        settle(from: 0)
    }

    private func settle(from start: UInt32) {
        var target = start
        outer: while true {
            for p in parts {
                p.advance(to: target)
                if p.doc == Matcher.end {
                    doc = Matcher.end
                    return
                }
                if p.doc > target {
                    target = p.doc
                    continue outer
                }
            }
            if let accepts, !accepts(target) {
                target += 1
                continue
            }
            for e in excluded {
                e.advance(to: target)
                if e.doc == target {
                    target += 1
                    continue outer
                }
            }
            doc = target
            return
        }
    }

    override func next() {
        guard doc != Matcher.end else { return }
        settle(from: doc + 1)
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        settle(from: target)
    }

    override func score() -> Float { parts.reduce(0) { $0 + $1.score() } }
    override func boundHere() -> Float { parts.reduce(0) { $0 + $1.boundHere() } }
    override var maxScore: Float { parts.reduce(0) { $0 + $1.maxScore } }
    override var cost: Int { parts.first?.cost ?? 0 }
    override func explain() -> [Explanation] { Explanation.sum("all of", Double(score()), parts.map { $0.explain() }) }
}

/// Documents any part matches; the score adds up the parts that match.
final class OrMatcher: Matcher {
    let parts: [Matcher]

    init(parts: [Matcher]) {
        self.parts = parts
        super.init()
        doc = parts.lazy.map(\.doc).min() ?? Matcher.end
    }

    override func next() {
        guard doc != Matcher.end else { return }
        let current = doc
        var lowest = Matcher.end
        for p in parts {
            if p.doc == current { p.next() }
            lowest = min(lowest, p.doc)
        }
        doc = lowest
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        var lowest = Matcher.end
        for p in parts {
            p.advance(to: target)
            lowest = min(lowest, p.doc)
        }
        doc = lowest
    }

    override func score() -> Float {
        var total: Float = 0
        for p in parts where p.doc == doc { total += p.score() }
        return total
    }

    override func boundHere() -> Float {
        var total: Float = 0
        for p in parts where p.doc == doc { total += p.boundHere() }
        return total
    }

    override var maxScore: Float { parts.reduce(0) { $0 + $1.maxScore } }
    override var cost: Int { parts.reduce(0) { $0 + $1.cost } }

    override func explain() -> [Explanation] {
        Explanation.sum("any of", Double(score()), parts.filter { $0.doc == doc }.map { $0.explain() })
    }
}

extension Explanation {
    /// A line for a sum and its parts' lines one level deeper.
    static func sum(_ title: String, _ value: Double, _ parts: [[Explanation]]) -> [Explanation] {
        [Explanation("sum of \(title)", value, depth: 0)]
            + parts.joined().map { Explanation($0.description, $0.value, depth: $0.depth + 1) }
    }
}
