/// A parsed search query. Words, phrases, prefixes and fuzzy words keep `at`, the character
/// offset in the query text where they were typed (a phrase's at its opening quote), for the
/// errors that only the index can find and for spelling corrections.
public indirect enum Query: Equatable, Sendable {
    /// A word, in one field or in all of them.
    case term(String, field: SearchField?, at: Int = 0)
    /// Words that must stand next to each other, in order.
    case phrase([String], field: SearchField?, at: Int = 0)
    /// Words starting with the text: `magnet*`.
    case prefix(String, field: SearchField?, at: Int = 0)
    /// Words within `distance` edits (1 or 2) of the text: `Baotuo~`.
    case fuzzy(String, distance: Int, field: SearchField?, at: Int = 0)
    /// Publication dates between two bounds, either open: `date:2016..2019`.
    case dateRange(from: String?, to: String?)
    /// Documents naming an entity of the catalogue, of a kind (PER, ORG, LOC) or any:
    /// `entity:"Zhang Zhong"`, `person:`, `org:`, `loc:`.
    case entity(String, kind: String?)
    case and([Query])
    case or([Query])
    case not(Query)
}

/// A query as typed and as parsed, once per request.
public struct ParsedQuery: Sendable {
    /// The query as typed.
    public let text: String
    public let root: Query
    /// Whether the text writes AND out rather than leaving it implied: such a query means
    /// every clause and is never completed with documents holding only some.
    public let writesAnd: Bool
}

/// The parts of a document a query can name.
public enum SearchField: String, CaseIterable, Sendable {
    case headline, body, source, captions
}

/// A query that does not parse, with the character offset where it went wrong.
public struct QueryError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// Offset, in characters (what a person sees as one: grapheme clusters), into the query text.
    public let position: Int
    /// The query it is about.
    public var query: String?

    public init(message: String, position: Int, query: String? = nil) {
        self.message = message
        self.position = position
        self.query = query
    }

    public var description: String { "\(message) (at character \(position + 1))" }

    /// The same error whatever query text it carries.
    public static func == (a: QueryError, b: QueryError) -> Bool { a.message == b.message && a.position == b.position }

    /// Where it went wrong, 0-based, for programs: `position_characters` (grapheme clusters),
    /// `position_scalars` (Unicode code points) and `position_bytes` (UTF-8).
    public var positionDetails: [String: String] {
        var details = ["position_characters": "\(position)"]
        if let query {
            let index = query.index(query.startIndex, offsetBy: min(position, query.count))
            details["position_bytes"] = "\(query.utf8.distance(from: query.startIndex, to: index))"
            details["position_scalars"] = "\(query.unicodeScalars.distance(from: query.startIndex, to: index))"
        }
        return details
    }
}
