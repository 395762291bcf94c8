/// Completes a page when too few documents hold every clause of a query.
///
/// Words next to each other ask for documents holding them all, and those always come first.
/// When fewer than a page hold them all, the page goes on with the documents holding the most
/// of them (more clauses first, then score, then the newer ingest): an analyst's five words
/// rarely all stand in the one page that matters. Exclusions, fields (`source:Xinhua`), date
/// ranges and entity filters are conditions, not clauses: they hold for these documents too.
/// A query that writes AND out means it: it is never completed.
enum PartialMatches {
    /// The clauses a document may lack (words, phrases, prefixes, fuzzy words, groups) and the
    /// conditions it must still meet; nil unless the query joins two or more clauses by the
    /// implied AND.
    static func split(_ query: ParsedQuery) -> (clauses: [Query], conditions: [Query])? {
        guard case .and(let parts) = query.root, !query.writesAnd else { return nil }
        var clauses: [Query] = []
        var conditions: [Query] = []
        for part in parts {
            switch part {
            case .not, .dateRange, .entity: conditions.append(part)
            case .term(_, _?, _), .phrase(_, _?, _), .prefix(_, _?, _), .fuzzy(_, _, _?, _):
                conditions.append(part)
            default: clauses.append(part)
            }
        }
        return clauses.count >= 2 ? (clauses, conditions) : nil
    }

    /// A document holding some clauses, with how many.
    struct Entry {
        var doc: UInt32
        var score: Float
        var clauses: Int
    }

    /// The best `k` documents `any` matches that lack at least one of `clauses`, and how many
    /// such documents there are. `any` matches documents holding at least one clause.
    static func rank(any: Matcher, clauses: [Matcher], documents: DocumentTable, k: Int) -> (ranked: [Entry], total: Int) {
        var top = TopHits(k: k)
        var total = 0
        while any.doc != Matcher.end {
            let d = any.doc
            var count = 0
            for clause in clauses {
                clause.advance(to: d)
                if clause.doc == d { count += 1 }
            }
            if count < clauses.count {
                total += 1
                // More clauses always beat a higher score (a BM25F score is far below 2^20); the
                // count comes back out of the key.
                let s = any.score()
                top.offer(.init(key: Double(count) * 1_048_576 + Double(s), version: documents.versions[Int(d)], doc: d, score: s))
            }
            any.next()
        }
        return (top.ranked.map { Entry(doc: $0.doc, score: $0.score, clauses: Int($0.key / 1_048_576)) }, total)
    }
}
