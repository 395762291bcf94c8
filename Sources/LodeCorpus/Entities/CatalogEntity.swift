/// An entity of the corpus-wide catalogue: mentions merged by kind and key.
public struct CatalogEntity: Equatable, Sendable {
    /// Stable while the entity has documents; not across a re-read of the corpus.
    public var id: Int64
    public var kind: String
    public var name: String
    public var documents: Int
    public var mentions: Int
    /// Publication dates (YYYY-MM-DD) of its earliest and latest dated documents.
    public var firstSeen: String?
    public var lastSeen: String?
}

/// How a catalogue listing is ordered.
public enum EntityOrder: Sendable {
    case documents, mentions, name
}

/// One mention of an entity with where it is: the document and its offsets in
/// ``CleanedPage/entityText``.
public struct CatalogMention: Sendable {
    public var documentID: String
    public var headline: String?
    public var date: String?
    public var text: String
    public var range: Range<Int>
    /// The document's position in the store, with `range.lowerBound` the resume point of a listing.
    public var sequence: Int64
}

/// Words attributed to an entity, with the document they are in.
public struct CatalogQuote: Sendable {
    public var speaker: String
    public var text: String
    public var range: Range<Int>
    public var documentID: String
    public var headline: String?
    public var date: String?
}

/// An entity that shares documents with another, and how strongly.
public struct Cooccurrence: Sendable {
    public var entity: CatalogEntity
    /// Documents holding both.
    public var together: Int
    /// Dice's coefficient: 2 × together / (documents of one + documents of the other), 0 to 1.
    public var score: Double
}

/// A document an entity appears in.
public struct EntityDocument: Sendable {
    public var id: String
    public var headline: String?
    public var source: String?
    public var date: String?
    public var mentions: Int
}

/// What an article says an entity (a person) is.
public struct CatalogRole: Sendable {
    public var role: String
    public var organisation: String?
    public var documents: Int
}
