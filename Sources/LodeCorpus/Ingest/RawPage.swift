/// A page as it arrives: bytes, where they came from, and any metadata given with them.
public struct RawPage: Sendable {
    public enum Format: Sendable {
        case auto, text, html
        /// Article text without site furniture (a JSON Lines record's body): kept as it is,
        /// broken lines rejoined.
        case cleanText
    }

    public var name: String
    public var content: [UInt8]
    public var format: Format
    public var url: String?
    public var externalID: String?
    public var hints: PageHints

    public init(name: String, content: [UInt8], format: Format = .auto, url: String? = nil, externalID: String? = nil,
                hints: PageHints = PageHints()) {
        self.name = name
        self.content = content
        self.format = format
        self.url = url
        self.externalID = externalID
        self.hints = hints
    }
}

/// What became of one page.
public struct IngestResult: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case added
        case unchanged
        case duplicate(of: String, similarity: Double)
        case rejected(reason: String)
    }

    public var name: String
    public var outcome: Outcome
    public var documentID: String?
    public var warnings: [String]
}

/// A committed change to the corpus, as ``CorpusIngestor`` reports it to its observer.
public enum CorpusChange: Sendable {
    /// Documents added or replaced, with their store sequence numbers.
    case stored([(sequence: Int64, document: StoredDocument)])
    case deleted(String)
}
