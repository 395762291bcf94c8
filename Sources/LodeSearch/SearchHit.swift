import LodeCorpus

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
