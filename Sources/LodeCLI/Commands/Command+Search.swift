import Foundation
import LodeAPI
import LodeRPC
import LodeWire

extension Command {
    static let search = Command(
        name: "search",
        usage: "search QUERY... [--limit N] [--next | --cursor C] [--sort relevance|newest|oldest] [--source S]... [--from DATE] [--to DATE] [--facets] [--facet source|year|person|org|loc|misc]... [--exact] [--no-snippets]",
        arguments: 0...200,
        summary: "Ranked full-text search: words, \"phrases\", AND/OR/NOT, -word, field:word, prefix*, fuzzy~, date:A..B."
    ) { session, args in
        let arguments = try SearchArguments(args)
        let request = try arguments.request(after: session.lastSearch)
        let response = try await session.connection().unary(Search.search, request,
                                                            options: session.callOptions)
        // Hits are numbered on from the page before when --next continues it.
        let offset = arguments.next ? session.lastSearch?.shown ?? 0 : 0
        session.lastSearch = (request, response.nextCursor, offset + response.hits.count)
        switch session.format {
        case .json: session.write(response.json.text() + "\n")
        case .tsv:
            session.print(CommandOutput(
                columns: ["id", "date", "source", "score", "headline", "snippet"],
                rows: response.hits.map { [$0.id, $0.date, $0.source, String(format: "%.3f", $0.score), $0.headline, $0.snippet?.text ?? ""] },
                json: .null))
        case .table: session.write(SearchPage(response: response, offset: offset, color: session.color).text)
        }
    }

    static let explain = Command(
        name: "explain", usage: "explain ID QUERY...", arguments: 2...200, summary: "Why a document gets its score for a query."
    ) { session, args in
        let response = try await session.connection().unary(
            Search.explain, Search.ExplainRequest(query: SearchArguments.query(Array(args.dropFirst())), id: args[0]),
            options: session.callOptions)
        guard response.matches || session.format != .table else { return session.write("\(args[0]) does not match the query\n") }
        session.print(CommandOutput(
            columns: ["value", "why"],
            rows: response.lines.map { [String(format: "%.4f", $0.value), String(repeating: "  ", count: Int($0.depth)) + $0.description] },
            json: response.json))
    }

    static let indexStats = Command(
        name: "index-stats", usage: "index-stats", arguments: 0...0, summary: "Size and state of the search index."
    ) { session, _ in
        let s = try await session.connection().unary(Search.indexStats, Search.IndexStatsRequest(),
                                                     options: session.callOptions)
        session.print(CommandOutput(
            columns: ["measure", "value"],
            rows: [["documents", "\(s.documents)"], ["dead documents", "\(s.deadDocuments)"], ["terms", "\(s.terms)"],
                   ["words", "\(s.words)"], ["posting bytes", "\(s.postingBytes)"], ["snapshot bytes", "\(s.snapshotBytes)"]],
            json: s.json))
    }
}

/// The words of a `search` command: options, and the rest as the query.
struct SearchArguments {
    var words: [String] = []
    var limit: UInt32 = 10
    var next = false
    var cursor = ""
    var sort = Search.SearchRequest.Sort.relevance
    var filter = Search.Filter()
    /// `--facets` asks for source and year; `--facet NAME` for any one.
    var facets: [String] = []
    var exact = false
    var snippets = true

    init(_ args: [String]) throws {
        var reader = ArgumentReader(args)
        while let word = reader.next() {
            switch word {
            case "--limit":
                guard let n = UInt32(try reader.value()), (1...1000).contains(n) else { throw UsageError("--limit takes 1 to 1000") }
                limit = n
            case "--next": next = true
            case "--cursor": cursor = try reader.value()
            case "--sort":
                switch try reader.value() {
                case "relevance": sort = .relevance
                case "newest": sort = .newest
                case "oldest": sort = .oldest
                case let other: throw UsageError("--sort takes relevance, newest or oldest, not \(other)")
                }
            case "--source": filter.sources.append(try reader.value())
            case "--from": filter.dateFrom = try reader.value()
            case "--to": filter.dateTo = try reader.value()
            case "--facets": facets += ["source", "year"]
            case "--facet": facets.append(try reader.value())
            case "--exact": exact = true
            case "--no-snippets": snippets = false
            case let option where option.hasPrefix("--"): throw UsageError("unknown option \(option)")
            default: words.append(word)
            }
        }
    }

    /// Rejoins words into query text. One word is the query as given; of several, those with
    /// blanks lost their quotes to the shell and get them back: `rare earth` becomes
    /// `"rare earth"`, `source:Global Times` becomes `source:"Global Times"`.
    static func query(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.map { word in
            guard word.contains(where: \.isWhitespace), !word.contains("\"") else { return word }
            if let colon = word.firstIndex(of: ":"), !word[..<colon].contains(where: \.isWhitespace) {
                return word[...colon] + "\"" + word[word.index(after: colon)...] + "\""
            }
            return "\"" + word + "\""
        }.joined(separator: " ")
    }

    /// The request these words ask for; `--next` continues `previous`.
    func request(after previous: (request: Search.SearchRequest, nextCursor: String, shown: Int)?) throws -> Search.SearchRequest {
        if next {
            guard let previous else { throw UsageError("--next continues a search, and there has been none") }
            guard !previous.nextCursor.isEmpty else { throw UsageError("the last search has no more hits") }
            var request = previous.request
            request.cursor = previous.nextCursor
            return request
        }
        guard !words.isEmpty else { throw UsageError("search needs a query; `help search` shows the language") }
        return Search.SearchRequest(
            query: Self.query(words), filter: filter == Search.Filter() ? nil : filter, limit: limit, cursor: cursor, sort: sort,
            snippet: Search.SnippetOptions(disabled: !snippets), facets: facets, exactTotal: exact)
    }
}
