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
        let service = Search.service
        let index = search.index
        router.unary(service, "Search") { (request: Search.SearchRequest, _) in
            let started = ContinuousClock.now
            var options = try options(request)
            let entityFacets = entityFacets(request)
            options.entities = search.entities
            options.collectMatches = !entityFacets.isEmpty
            let results = try index.search(request.query, options: options)
            var hits: [Search.Hit] = []
            let snippets = request.snippet?.disabled == true ? nil
                : SnippetMaker(terms: results.highlightTerms, words: Int(min(request.snippet?.words ?? 0, 200)).nonZero ?? 32)
            let texts = snippets == nil ? [:] : try search.store.paragraphs(ids: results.hits.map(\.id))
            for hit in results.hits {
                var snippet: Search.Snippet?
                if let snippets {
                    // The store has the text; a document deleted since the search is left out.
                    guard let paragraphs = texts[hit.id] else { continue }
                    let s = snippets.snippet(of: paragraphs)
                    snippet = Search.Snippet(text: s.text, highlights: s.highlights.map(range))
                }
                hits.append(Search.Hit(id: hit.id, headline: hit.headline, source: hit.source, date: hit.date?.description ?? "",
                                       score: hit.score, snippet: snippet,
                                       headlineHighlights: snippets?.highlights(in: hit.headline).map(range) ?? [],
                                       clausesHeld: UInt32(hit.clausesHeld ?? 0)))
            }
            var facets = results.facets.sorted { $0.key.rawValue < $1.key.rawValue }.map { name, counts in
                Search.Facet(name: name.rawValue, counts: counts.map { Search.FacetCount(value: $0.value, count: UInt64($0.count)) })
            }
            for (name, kind) in entityFacets {
                let counts = try search.store.entityCounts(inDocuments: results.matches, kinds: [kind], limit: 10)
                facets.append(Search.Facet(name: name, counts: counts.map { Search.FacetCount(value: $0.entity.name, count: UInt64($0.documents)) }))
            }
            return Search.SearchResponse(
                hits: hits, total: UInt64(results.total), totalIsLowerBound: results.totalIsLowerBound,
                facets: facets,
                nextCursor: PageCursor.next(offset: options.offset, returned: results.hits.count, limit: options.limit,
                                            total: results.total + results.partialTotal),
                tookMicros: UInt64((ContinuousClock.now - started).microseconds),
                didYouMean: results.total == 0 ? index.correction(of: request.query) ?? "" : "",
                clauses: UInt32(results.clauses), partialTotal: UInt64(results.partialTotal))
        }
        router.unary(service, "Suggest") { (request: Search.SuggestRequest, _) in
            let limit = try RequestPaging.limit(request.limit, default: 10, max: 100)
            let completions = request.prefix.isEmpty ? [] : index.completions(of: request.prefix, limit: limit)
            return Search.SuggestResponse(completions: completions.map { Search.Completion(word: $0.word, documents: UInt64($0.documents)) },
                                          didYouMean: request.query.isEmpty ? "" : index.correction(of: request.query) ?? "")
        }
        router.unary(service, "Explain") { (request: Search.ExplainRequest, _) in
            guard let explanation = try index.explain(request.query, id: request.id, entities: search.entities) else {
                throw RPCError(.notFound, "no document has id \(request.id)")
            }
            return Search.ExplainResponse(matches: !explanation.lines.isEmpty, score: explanation.score, lines: explanation.lines.map {
                Search.ExplanationLine(description: $0.description, value: $0.value, depth: UInt32($0.depth))
            })
        }
        router.unary(service, "IndexStats", on: .eventLoop) { (_: Search.IndexStatsRequest, _) in
            let s = index.statistics
            let size = (try? FileManager.default.attributesOfItem(atPath: search.snapshotPath)[.size] as? Int) ?? 0
            return Search.IndexStatsResponse(documents: UInt64(s.documents), deadDocuments: UInt64(s.deadDocuments),
                                             terms: UInt64(s.terms), words: UInt64(s.words), postingBytes: UInt64(s.postingBytes),
                                             snapshotBytes: UInt64(size))
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
        o.facets = Set(try request.facets.compactMap { name in
            if entityFacetKinds[name.lowercased()] != nil { return nil }
            guard let facet = SearchOptions.Facet(rawValue: name.lowercased()) else {
                throw RPCError(.invalidArgument, "no facet is called \(name); facets are source, year, person, org, loc and misc")
            }
            return facet
        })
        o.exactTotal = request.exactTotal
        if let f = request.filter {
            o.sources = f.sources
            o.dateFrom = try RequestDate.parse(f.dateFrom, field: "dateFrom")
            o.dateTo = try RequestDate.parse(f.dateTo, field: "dateTo")
        }
        return o
    }

    /// Facets counted from the entity catalogue: the ten entities of a kind in the most matches.
    static let entityFacetKinds = ["person": "PER", "org": "ORG", "loc": "LOC", "misc": "MISC"]

    static func entityFacets(_ request: Search.SearchRequest) -> [(name: String, kind: String)] {
        request.facets.compactMap { name in entityFacetKinds[name.lowercased()].map { (name.lowercased(), $0) } }
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
