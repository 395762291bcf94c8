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
