/// Documents every part matches, none of the excluded ones does, and the filter accepts.
/// Steps through candidates led by the rarest part, skipping with `advance`.
final class AndMatcher: Matcher {
    private let parts: MatcherList
    private let excluded: [Matcher]
    private let filter: DocumentFilter?

    init(parts: [Matcher], excluded: [Matcher], filter: DocumentFilter?) {
        self.parts = MatcherList(parts.sorted { $0.cost < $1.cost })
        self.excluded = excluded
        self.filter = filter
        super.init()
        settle(from: 0)
    }

    private func settle(from start: UInt32) {
        var target = start
        outer: while true {
            for i in 0..<parts.count {
                let d = parts.with(i) { p in
                    p.advance(to: target)
                    return p.doc
                }
                if d == Matcher.end {
                    doc = Matcher.end
                    return
                }
                if d > target {
                    target = d
                    continue outer
                }
            }
            if let filter, !filter.accepts(target) {
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

    override func score() -> Float { parts.sum { $0.score() } }
    override func boundHere() -> Float { parts.sum { $0.boundHere() } }
    override var regionEnd: UInt32 { parts.all.reduce(Matcher.end) { min($0, $1.regionEnd) } }
    override var maxScore: Float { parts.sum { $0.maxScore } }
    override var cost: Int { parts.all.first?.cost ?? 0 }
    override func explain() -> [Explanation] { Explanation.sum("all of", Double(score()), parts.all.map { $0.explain() }) }
}

/// Documents any part matches; the score adds up the parts that match.
final class OrMatcher: Matcher {
    let parts: [Matcher]
    private let list: MatcherList

    init(parts: [Matcher]) {
        self.parts = parts
        list = MatcherList(parts)
        super.init()
        doc = parts.lazy.map(\.doc).min() ?? Matcher.end
    }

    override func next() {
        guard doc != Matcher.end else { return }
        let current = doc
        var lowest = Matcher.end
        for i in 0..<list.count {
            lowest = min(lowest, list.with(i) { p in
                if p.doc == current { p.next() }
                return p.doc
            })
        }
        doc = lowest
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        var lowest = Matcher.end
        for i in 0..<list.count {
            lowest = min(lowest, list.with(i) { p in
                p.advance(to: target)
                return p.doc
            })
        }
        doc = lowest
    }

    override func score() -> Float {
        let current = doc
        return list.sum { $0.doc == current ? $0.score() : 0 }
    }

    /// Parts not on `doc` count too: they may match later in the region.
    override func boundHere() -> Float { list.sum { $0.doc != Matcher.end ? $0.boundHere() : 0 } }

    override var regionEnd: UInt32 {
        var end = Matcher.end
        for p in parts where p.doc != Matcher.end { end = min(end, p.regionEnd) }
        return end
    }

    override var maxScore: Float { list.sum { $0.maxScore } }
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

/// Matchers held for a parent that calls them in its inner loop: reached without the
/// reference counting that loading them from an array costs.
struct MatcherList {
    let all: [Matcher]
    private let references: [Unmanaged<Matcher>]

    init(_ matchers: [Matcher]) {
        all = matchers
        references = matchers.map { Unmanaged.passUnretained($0) }
    }

    var count: Int { references.count }

    @inline(__always)
    func with<T>(_ i: Int, _ body: (Matcher) -> T) -> T { references[i]._withUnsafeGuaranteedRef(body) }

    @inline(__always)
    func sum(_ value: (Matcher) -> Float) -> Float {
        var total: Float = 0
        for r in references { total += r._withUnsafeGuaranteedRef(value) }
        return total
    }
}
