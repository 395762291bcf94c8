import Foundation
import LodeAPI
import LodeCorpus
import LodeRPC
import LodeSearch

/// `lode.search.v1.Search`: a thin adapter from messages to ``CorpusSearch``.
public enum SearchService {
    static let maxLimit = 1000
    /// Hits a client may page through: deeper pages cost memory and time for every hit before them.
    static let maxDepth = 100_000

    public static func register(into router: inout RPCRouter, search: CorpusSearch) {
        router.unary(Search.search) { (request: Search.SearchRequest, _) in
            let started = ContinuousClock.now
            let options = try options(request)
            let page = try search.page(request.query, options: options)
            let hits = page.hits.map { h in
                Search.Hit(id: h.hit.id, headline: h.hit.headline, source: h.hit.source, date: h.hit.date?.description ?? "",
                           score: h.hit.score, snippet: h.snippet.map { Search.Snippet(text: $0.text, highlights: $0.highlights.map(range)) },
                           headlineHighlights: h.headlineHighlights.map(range), clausesHeld: UInt32(h.hit.clausesHeld ?? 0))
            }
            let facets = page.facets.map { facet, counts in
                Search.Facet(name: facet.rawValue, counts: counts.map { Search.FacetCount(value: $0.value, count: UInt64($0.count)) })
            }
            return Search.SearchResponse(
                hits: hits, total: UInt64(page.total), totalIsLowerBound: page.totalIsLowerBound, facets: facets,
                nextCursor: PageCursor.next(offset: options.offset, returned: page.hits.count, limit: options.limit,
                                            total: page.total + page.partialTotal),
                tookMicros: UInt64((ContinuousClock.now - started).microseconds), didYouMean: page.correction ?? "",
                clauses: UInt32(page.clauses), partialTotal: UInt64(page.partialTotal))
        }
        router.unary(Search.suggest) { (request: Search.SuggestRequest, _) in
            let limit = try RequestPaging.limit(request.limit, default: 10, max: 100)
            let completions = request.prefix.isEmpty ? [] : search.completions(of: request.prefix, limit: limit)
            return Search.SuggestResponse(completions: completions.map { Search.Completion(word: $0.word, documents: UInt64($0.documents)) },
                                          didYouMean: request.query.isEmpty ? "" : search.correction(of: request.query) ?? "")
        }
        router.unary(Search.explain) { (request: Search.ExplainRequest, _) in
            guard let explanation = try search.explain(request.query, id: request.id) else {
                throw RPCError(.notFound, "no document has id \(request.id)")
            }
            return Search.ExplainResponse(matches: !explanation.lines.isEmpty, score: explanation.score, lines: explanation.lines.map {
                Search.ExplanationLine(description: $0.description, value: $0.value, depth: UInt32($0.depth))
            })
        }
        router.unary(Search.indexStats, on: .eventLoop) { (_: Search.IndexStatsRequest, _) in
            let (s, snapshotBytes) = search.statistics
            return Search.IndexStatsResponse(documents: UInt64(s.documents), deadDocuments: UInt64(s.deadDocuments),
                                             terms: UInt64(s.terms), words: UInt64(s.words), postingBytes: UInt64(s.postingBytes),
                                             snapshotBytes: UInt64(snapshotBytes))
        }
    }

    static func options(_ request: Search.SearchRequest) throws -> SearchOptions {
        var o = SearchOptions()
        o.limit = try RequestPaging.limit(request.limit, default: 10, max: maxLimit)
        o.offset = try PageCursor.offset(request.cursor, method: "Search")
        guard o.offset <= maxDepth else {
            throw RPCError(.invalidArgument, "paging stops at hit \(maxDepth); narrow the query or sort by date")
        }
        switch request.sort {
        case .relevance: o.sort = .relevance
        case .newest: o.sort = .newest
        case .oldest: o.sort = .oldest
        default: throw RPCError(.invalidArgument, "sort \(request.sort.rawValue) is not RELEVANCE, NEWEST or OLDEST")
        }
        o.facets = Set(try request.facets.map { name in
            guard let facet = SearchOptions.Facet(rawValue: name.lowercased()) else {
                throw RPCError(.invalidArgument, "no facet is called \(name); facets are source, year, person, org, loc and misc")
            }
            return facet
        })
        o.exactTotal = request.exactTotal
        o.snippetWords = request.snippet?.disabled == true ? nil : Int(min(request.snippet?.words ?? 0, 200)).nonZero ?? 32
        if let f = request.filter {
            o.sources = f.sources
            o.dateFrom = try RequestDate.parse(f.dateFrom, field: "dateFrom")
            o.dateTo = try RequestDate.parse(f.dateTo, field: "dateTo")
        }
        return o
    }

    private static func range(_ r: Range<Int>) -> Search.Range { Search.Range(start: UInt32(r.lowerBound), end: UInt32(r.upperBound)) }
}

private extension Int {
    var nonZero: Int? { self == 0 ? nil : self }
}

/// A query that does not parse ends the call with INVALID_ARGUMENT saying where and why,
/// the position also in `details` (characters, code points and bytes, 0-based).
extension QueryError: RPCErrorConvertible {
    public var rpcError: RPCError { RPCError(.invalidArgument, "bad query: \(description)", details: positionDetails) }
}
