import LodeCorpus

/// How to search, beyond the query text.
public struct SearchOptions: Sendable {
    public enum Sort: Sendable { case relevance, newest, oldest }
    public enum Facet: String, CaseIterable, Sendable { case source, year }

    public var limit = 10
    /// Hits to skip: the page after one ending at hit n starts at n.
    public var offset = 0
    public var sort = Sort.relevance
    public var facets: Set<Facet> = []
    /// Only documents from these outlets (any case); empty for all.
    public var sources: [String] = []
    public var dateFrom: PublicationDate?
    public var dateTo: PublicationDate?
    /// Count every match even when the top hits are known sooner.
    public var exactTotal = false
    /// Give every match's id in ``SearchResults/matches`` (for facets counted elsewhere).
    public var collectMatches = false
    /// Finds the documents `entity:` filters keep; without it they keep none.
    public var entities: EntityLookup?

    public init() {}
}

/// One result.
public struct SearchHit: Equatable, Sendable {
    public var id: String
    public var headline: String
    public var source: String
    public var date: PublicationDate?
    public var score: Double
    /// For a hit completing a page past the full matches: how many of the query's clauses it
    /// holds (fewer than ``SearchResults/clauses``); nil for a hit holding them all.
    public var clausesHeld: Int?
}

/// A page of results with the total and the facets asked for.
public struct SearchResults: Sendable {
    public var hits: [SearchHit] = []
    public var total = 0
    /// True when evaluation stopped counting once the top hits were certain.
    public var totalIsLowerBound = false
    /// Clauses of the query's implied AND (words, phrases, groups) when it has two or more, else 0.
    public var clauses = 0
    /// Documents holding some but not all of those clauses; counted, and listed after the
    /// full matches, only when fewer than a page of documents hold them all.
    public var partialTotal = 0
    public var facets: [SearchOptions.Facet: [(value: String, count: Int)]] = [:]
    /// Index terms the query looks for, to highlight in snippets.
    public var highlightTerms: Set<String> = []
    /// Every match's id, when ``SearchOptions/collectMatches`` asked for them.
    public var matches: [String] = []
}

/// The ids of the documents holding the entity called `name`, of `kind` (PER, ORG, LOC)
/// when given: what the entity catalogue answers for `entity:` filters.
public typealias EntityLookup = @Sendable (_ name: String, _ kind: String?) -> [String]
