import LodeWire

/// `lode.search.v1`: ranked full-text search over the corpus.
public enum Search {
    public static let service = "lode.search.v1.Search"
    public static let search = "/lode.search.v1.Search/Search"
    public static let suggest = "/lode.search.v1.Search/Suggest"
    public static let explain = "/lode.search.v1.Search/Explain"
    public static let indexStats = "/lode.search.v1.Search/IndexStats"

    public struct Sort: RawRepresentable, Codable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let relevance = Sort(rawValue: 0)
        public static let newest = Sort(rawValue: 1)
        public static let oldest = Sort(rawValue: 2)
    }

    public struct Filter: Codable, Sendable, Equatable {
        public var sources: [String]
        public var dateFrom: String
        public var dateTo: String

        public init(sources: [String] = [], dateFrom: String = "", dateTo: String = "") {
            self.sources = sources
            self.dateFrom = dateFrom
            self.dateTo = dateTo
        }
    }

    public struct SnippetOptions: Codable, Sendable, Equatable {
        public var disabled: Bool
        public var words: UInt32

        public init(disabled: Bool = false, words: UInt32 = 0) {
            self.disabled = disabled
            self.words = words
        }
    }

    public struct SearchRequest: WireMessage {
        public static let protoName = "lode.search.v1.SearchRequest"
        public var query: String
        public var filter: Filter?
        public var limit: UInt32
        public var cursor: String
        public var sort: Sort
        public var snippet: SnippetOptions?
        public var facets: [String]
        public var exactTotal: Bool

        public init(query: String, filter: Filter? = nil, limit: UInt32 = 0, cursor: String = "", sort: Sort = .relevance,
                    snippet: SnippetOptions? = nil, facets: [String] = [], exactTotal: Bool = false) {
            self.query = query
            self.filter = filter
            self.limit = limit
            self.cursor = cursor
            self.sort = sort
            self.snippet = snippet
            self.facets = facets
            self.exactTotal = exactTotal
        }
    }

    public struct Range: Codable, Sendable, Equatable {
        public var start: UInt32
        public var end: UInt32

        public init(start: UInt32, end: UInt32) {
            self.start = start
            self.end = end
        }
    }

    public struct Snippet: Codable, Sendable, Equatable {
        public var text: String
        public var highlights: [Range]

        public init(text: String, highlights: [Range]) {
            self.text = text
            self.highlights = highlights
        }
    }

    public struct Hit: Codable, Sendable, Equatable {
        public var id: String
        public var headline: String
        public var source: String
        public var date: String
        public var score: Double
        public var snippet: Snippet?
        public var headlineHighlights: [Range]
        /// 0 when the hit holds every clause of the query, else how many it holds.
        public var clausesHeld: UInt32

        public init(id: String, headline: String, source: String, date: String, score: Double, snippet: Snippet?,
                    headlineHighlights: [Range], clausesHeld: UInt32 = 0) {
            self.id = id
            self.headline = headline
            self.source = source
            self.date = date
            self.score = score
            self.snippet = snippet
            self.headlineHighlights = headlineHighlights
            self.clausesHeld = clausesHeld
        }
    }

    public struct FacetCount: Codable, Sendable, Equatable {
        public var value: String
        public var count: UInt64

        public init(value: String, count: UInt64) {
            self.value = value
            self.count = count
        }
    }

    public struct Facet: Codable, Sendable, Equatable {
        public var name: String
        public var counts: [FacetCount]

        public init(name: String, counts: [FacetCount]) {
            self.name = name
            self.counts = counts
        }
    }

    public struct SearchResponse: WireMessage, Equatable {
        public static let protoName = "lode.search.v1.SearchResponse"
        public var hits: [Hit]
        public var total: UInt64
        public var totalIsLowerBound: Bool
        public var facets: [Facet]
        public var nextCursor: String
        public var tookMicros: UInt64
        public var didYouMean: String
        /// Clauses of the query's implied AND when it has two or more, else 0.
        public var clauses: UInt32
        /// Documents holding some but not all clauses, when the page was completed with them.
        public var partialTotal: UInt64

        public init(hits: [Hit], total: UInt64, totalIsLowerBound: Bool, facets: [Facet], nextCursor: String, tookMicros: UInt64,
                    didYouMean: String, clauses: UInt32 = 0, partialTotal: UInt64 = 0) {
            self.hits = hits
            self.total = total
            self.totalIsLowerBound = totalIsLowerBound
            self.facets = facets
            self.nextCursor = nextCursor
            self.tookMicros = tookMicros
            self.didYouMean = didYouMean
            self.clauses = clauses
            self.partialTotal = partialTotal
        }
    }

    public struct SuggestRequest: WireMessage {
        public static let protoName = "lode.search.v1.SuggestRequest"
        public var prefix: String
        public var query: String
        public var limit: UInt32

        public init(prefix: String = "", query: String = "", limit: UInt32 = 0) {
            self.prefix = prefix
            self.query = query
            self.limit = limit
        }
    }

    public struct Completion: Codable, Sendable, Equatable {
        public var word: String
        public var documents: UInt64

        public init(word: String, documents: UInt64) {
            self.word = word
            self.documents = documents
        }
    }

    public struct SuggestResponse: WireMessage {
        public static let protoName = "lode.search.v1.SuggestResponse"
        public var completions: [Completion]
        public var didYouMean: String

        public init(completions: [Completion], didYouMean: String) {
            self.completions = completions
            self.didYouMean = didYouMean
        }
    }

    public struct ExplainRequest: WireMessage {
        public static let protoName = "lode.search.v1.ExplainRequest"
        public var query: String
        public var id: String

        public init(query: String, id: String) {
            self.query = query
            self.id = id
        }
    }

    public struct ExplanationLine: Codable, Sendable, Equatable {
        public var description: String
        public var value: Double
        public var depth: UInt32

        public init(description: String, value: Double, depth: UInt32) {
            self.description = description
            self.value = value
            self.depth = depth
        }
    }

    public struct ExplainResponse: WireMessage {
        public static let protoName = "lode.search.v1.ExplainResponse"
        public var matches: Bool
        public var score: Double
        public var lines: [ExplanationLine]

        public init(matches: Bool, score: Double, lines: [ExplanationLine]) {
            self.matches = matches
            self.score = score
            self.lines = lines
        }
    }

    public struct IndexStatsRequest: WireMessage {
        public static let protoName = "lode.search.v1.IndexStatsRequest"
        public init() {}
    }

    public struct IndexStatsResponse: WireMessage {
        public static let protoName = "lode.search.v1.IndexStatsResponse"
        public var documents: UInt64
        public var deadDocuments: UInt64
        public var terms: UInt64
        public var words: UInt64
        public var postingBytes: UInt64
        public var snapshotBytes: UInt64

        public init(documents: UInt64, deadDocuments: UInt64, terms: UInt64, words: UInt64, postingBytes: UInt64, snapshotBytes: UInt64) {
            self.documents = documents
            self.deadDocuments = deadDocuments
            self.terms = terms
            self.words = words
            self.postingBytes = postingBytes
            self.snapshotBytes = snapshotBytes
        }
    }
}
