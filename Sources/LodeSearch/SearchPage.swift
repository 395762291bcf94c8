import LodeCorpus

/// A page of search results as a reader gets it: the hits with snippets cut from the stored
/// text, the facets asked for (counted by the index, or from the entity catalogue for people,
/// organisations, places and other names), and a correction when nothing matched.
public struct SearchPage: Sendable {
    public struct Hit: Sendable {
        public var hit: SearchHit
        /// Nil when snippets were not asked for.
        public var snippet: Snippet?
        /// Where the matched words fall in the headline (UTF-8 byte ranges).
        public var headlineHighlights: [Range<Int>]
    }

    public var hits: [Hit] = []
    public var total = 0
    public var totalIsLowerBound = false
    /// See ``SearchResults/clauses``.
    public var clauses = 0
    /// See ``SearchResults/partialTotal``.
    public var partialTotal = 0
    /// Each facet asked for, in ``SearchOptions/Facet`` order, with its values and counts.
    public var facets: [(facet: SearchOptions.Facet, counts: [(value: String, count: Int)])] = []
    /// A query spelled as the corpus spells it, when nothing matched and one is close.
    public var correction: String?
}
