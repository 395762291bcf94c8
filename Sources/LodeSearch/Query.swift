/// A parsed search query.
public indirect enum Query: Equatable, Sendable {
    /// A word, in one field or in all of them.
    case term(String, field: SearchField?)
    /// Words that must stand next to each other, in order.
    case phrase([String], field: SearchField?)
    /// Words starting with the text: `magnet*`.
    case prefix(String, field: SearchField?)
    /// Words within `distance` edits (1 or 2) of the text: `Baotuo~`.
    case fuzzy(String, distance: Int, field: SearchField?)
    /// Publication dates between two bounds, either open: `date:2016..2019`.
    case dateRange(from: String?, to: String?)
    /// Documents naming an entity of the catalogue, of a kind (PER, ORG, LOC) or any:
    /// `entity:"Zhang Zhong"`, `person:`, `org:`, `loc:`.
    case entity(String, kind: String?)
    case and([Query])
    case or([Query])
    case not(Query)
}

/// The parts of a document a query can name.
public enum SearchField: String, CaseIterable, Sendable {
    case headline, body, source, captions
}

/// A query that does not parse, with the character offset where it went wrong.
public struct QueryError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// Offset, in characters, into the query text.
    public let position: Int

    public init(message: String, position: Int) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(message) (at character \(position + 1))" }
}
