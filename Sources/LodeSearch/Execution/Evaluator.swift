/// Runs a matcher tree to the top hits, the total and facet counts.
///
/// Top-k by relevance never scores a match that cannot enter the top: where the posting
/// blocks' bounds say no match can beat the weakest kept hit, matches are counted, not
/// scored; once `exactCountLimit` are counted, such regions are skipped whole (block-max)
/// and the total becomes a lower bound. A query that is a plain disjunction goes further
/// (MaxScore): once the words with the smallest maximum scores cannot lift a document into
/// the top on their own, their lists are only probed for documents the other words bring, and
/// a document whose words' block bounds (with the others' maxima) cannot reach the top is
/// counted without being scored.
/// Facets, date order, `exactTotal` or `collectMatches` make evaluation visit every match.
struct Evaluator {
    let documents: DocumentTable
    let options: SearchOptions
    /// Matches always counted one by one before regions may be skipped.
    static let exactCountLimit = 1000

    struct Outcome {
        var ranked: [TopHits.Entry]
        var total: Int
        var totalIsLowerBound: Bool
        var sourceCounts: [UInt32: Int]
        var yearCounts: [Int32: Int]
        var matches: [UInt32] = []
    }

    func run(_ root: Matcher) -> Outcome {
        let k = options.offset + options.limit
        let visitAll = !options.facets.isEmpty || options.exactTotal || options.collectMatches
        if options.sort == .relevance, !visitAll, let or = root as? OrMatcher {
            return maxScore(or.parts, k: k)
        }
        var top = TopHits(k: k)
        var total = 0
        var skipped = false
        let mayskip = options.sort == .relevance && !visitAll
        var matches: [UInt32] = []
        var sourceCounts: [UInt32: Int] = [:]
        var yearCounts: [Int32: Int] = [:]
        let wantSources = options.facets.contains(.source), wantYears = options.facets.contains(.year)
        while root.doc != Matcher.end {
            if mayskip, total >= Self.exactCountLimit, top.shutsOut(Double(root.boundHere())) {
                skipped = true
                let end = root.regionEnd
                if end == Matcher.end { break }
                root.advance(to: end + 1)
                continue
            }
            let d = root.doc
            total += 1
            if wantSources { sourceCounts[documents.sources[Int(d)], default: 0] += 1 }
            if wantYears { yearCounts[documents.dates[Int(d)] / 10000, default: 0] += 1 }
            if options.collectMatches { matches.append(d) }
            switch options.sort {
            case .relevance:
                if top.shutsOut(Double(root.boundHere())) { break }
                let s = root.score()
                if top.shutsOut(Double(s)) { break }
                top.offer(.init(key: Double(s), version: documents.versions[Int(d)], doc: d, score: s))
            case .newest:
                top.offer(.init(key: Double(documents.dates[Int(d)]), version: documents.versions[Int(d)], doc: d, score: 0))
            case .oldest:
                top.offer(.init(key: -Double(documents.dates[Int(d)] == 0 ? Int32.max : documents.dates[Int(d)]), version: -documents.versions[Int(d)],
                                doc: d, score: 0))
            }
            root.next()
        }
        if skipped, let exact = root.exactCount { (total, skipped) = (exact, false) }
        return Outcome(ranked: top.ranked, total: total, totalIsLowerBound: skipped, sourceCounts: sourceCounts, yearCounts: yearCounts,
                       matches: matches)
    }

    private func maxScore(_ unsorted: [Matcher], k: Int) -> Outcome {
        let parts = unsorted.sorted { $0.maxScore < $1.maxScore }
        var bounds: [Float] = []
        for p in parts { bounds.append((bounds.last ?? 0) + p.maxScore) }
        var top = TopHits(k: k)
        var total = 0
        var essential = 0
        var skipped = false
        while true {
            var d = Matcher.end
            for i in essential..<parts.count { d = min(d, parts[i].doc) }
            guard d != Matcher.end else { break }
            total += 1
            let threshold = top.isFull ? Float(top.weakest!.key) : -1
            // The block bounds of the words here, and the most the others can add: when even
            // that is below the weakest kept hit, the document is counted, not scored.
            var bound = essential > 0 ? bounds[essential - 1] : 0
            for i in essential..<parts.count where parts[i].doc == d { bound += parts[i].boundHere() }
            if bound < threshold {
                for j in essential..<parts.count where parts[j].doc == d { parts[j].next() }
                continue
            }
            var score: Float = 0
            for i in essential..<parts.count where parts[i].doc == d { score += parts[i].score() }
            var i = essential - 1
            while i >= 0, score + bounds[i] >= threshold {
                parts[i].advance(to: d)
                if parts[i].doc == d { score += parts[i].score() }
                i -= 1
            }
            if i < 0 || score + bounds[i] >= threshold {
                top.offer(.init(key: Double(score), version: documents.versions[Int(d)], doc: d, score: score))
            }
            if top.isFull {
                let weakest = Float(top.weakest!.key)
                while essential < parts.count, bounds[essential] < weakest {
                    essential += 1
                    skipped = true
                }
            }
            for j in essential..<parts.count where parts[j].doc == d { parts[j].next() }
        }
        return Outcome(ranked: top.ranked, total: total, totalIsLowerBound: skipped, sourceCounts: [:], yearCounts: [:])
    }
}
