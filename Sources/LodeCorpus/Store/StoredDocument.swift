import Foundation

/// A cleaned document as the store keeps it.
public struct StoredDocument: Equatable, Sendable {
    public var id: String
    public var url: String?
    public var name: String
    public var externalID: String?
    public var page: CleanedPage
    public var contentHash: String
    public var duplicateOf: String?
    public var ingestedAt: Date
    /// As stored; rows from before names signatures read theirs empty (``DocumentStore/signatures()``
    /// computes those for copy detection, the only reader that needs them).
    public var signature: CopySignature
    /// Other names (a url when given, else the file) the same content arrived under later.
    public var seenAs: [String]

    public init(id: String, url: String?, name: String, externalID: String?, page: CleanedPage, contentHash: String,
                duplicateOf: String?, ingestedAt: Date, signature: CopySignature, seenAs: [String] = []) {
        self.seenAs = seenAs
        self.id = id
        self.url = url
        self.name = name
        self.externalID = externalID
        self.page = page
        self.contentHash = contentHash
        self.duplicateOf = duplicateOf
        self.ingestedAt = ingestedAt
        self.signature = signature
    }
}

/// Content arriving again, unchanged, under another name or url.
public struct Sighting: Equatable, Sendable {
    public var documentID: String
    public var name: String
    public var url: String?

    public init(documentID: String, name: String, url: String?) {
        self.documentID = documentID
        self.name = name
        self.url = url
    }
}

/// Which documents a listing or export covers.
public struct DocumentFilter: Equatable, Sendable {
    public enum Duplicates: Sendable { case all, originals, duplicates }
    public var source: String?
    public var dateFrom: PublicationDate?
    public var dateTo: PublicationDate?
    public var duplicates: Duplicates

    public init(source: String? = nil, dateFrom: PublicationDate? = nil, dateTo: PublicationDate? = nil, duplicates: Duplicates = .all) {
        self.source = source
        self.dateFrom = dateFrom
        self.dateTo = dateTo
        self.duplicates = duplicates
    }
}

/// Counts over the whole corpus.
public struct CorpusStats: Sendable {
    public var documents = 0
    public var words = 0
    public var sources = 0
    public var firstDate: String?
    public var lastDate: String?
    public var duplicateGroups = 0
    public var duplicates = 0
    public var bySource: [(source: String, documents: Int)] = []
    /// Documents whose entities are in the catalogue, and catalogue entities.
    public var documentsWithEntities = 0
    public var entities = 0
}

/// What ``DocumentStore/sequenceSummary()`` says of the documents held.
public struct SequenceSummary: Equatable, Sendable {
    public var count: Int
    public var largest: Int64
    public var sum: Int64

    public init(count: Int, largest: Int64, sum: Int64) {
        self.count = count
        self.largest = largest
        self.sum = sum
    }
}
