import LodeCorpus

/// How to search, beyond the query text.
public struct SearchOptions: Sendable {
    public enum Sort: Sendable { case relevance, newest, oldest }
    public enum Facet: String, CaseIterable, Sendable {
        case source, year, person, org, loc, misc

        /// The catalogue's type of an entity facet (counted from the catalogue); nil for those
        /// the index counts.
        public var entityKind: String? {
            switch self {
            case .person: "PER"
            case .org: "ORG"
            case .loc: "LOC"
            case .misc: "MISC"
            case .source, .year: nil
            }
        }
    }

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
    /// Words of text around the matches in each hit's snippet; nil for no snippets.
    public var snippetWords: Int? = 32

    public init() {}
}
