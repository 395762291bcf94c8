import LodeWire

/// `lode.corpus.v1`: raw pages in; cleaned, attributed, de-duplicated documents out.
public enum Corpus {
    public static let service = "lode.corpus.v1.Corpus"
    public static let ingest = "/lode.corpus.v1.Corpus/Ingest"
    public static let get = "/lode.corpus.v1.Corpus/Get"
    public static let list = "/lode.corpus.v1.Corpus/List"
    public static let delete = "/lode.corpus.v1.Corpus/Delete"
    public static let stats = "/lode.corpus.v1.Corpus/Stats"
    public static let export = "/lode.corpus.v1.Corpus/Export"

    public struct RawDocument: WireMessage {
        public static let protoName = "lode.corpus.v1.RawDocument"
        public struct Format: RawRepresentable, Codable, Hashable, Sendable {
            public let rawValue: Int32
            public init(rawValue: Int32) { self.rawValue = rawValue }
            public static let auto = Format(rawValue: 0)
            public static let text = Format(rawValue: 1)
            public static let html = Format(rawValue: 2)
            public static let cleanText = Format(rawValue: 3)
        }
        public var name: String
        public var content: [UInt8]
        public var format: Format
        public var url: String
        public var headline: String
        public var source: String
        public var date: String
        public var dateline: String
        public var author: String
        public var externalId: String
        /// The site that carried the page; empty to take it from the url or the page.
        public var publisher: String

        public init(name: String, content: [UInt8], format: Format = .auto, url: String = "", headline: String = "",
                    source: String = "", date: String = "", dateline: String = "", author: String = "", externalId: String = "",
                    publisher: String = "") {
            self.publisher = publisher
            self.name = name
            self.content = content
            self.format = format
            self.url = url
            self.headline = headline
            self.source = source
            self.date = date
            self.dateline = dateline
            self.author = author
            self.externalId = externalId
        }
    }

    public struct IngestResult: WireMessage, Equatable {
        public static let protoName = "lode.corpus.v1.IngestResult"
        public struct Outcome: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
            public let rawValue: Int32
            public init(rawValue: Int32) { self.rawValue = rawValue }
            public static let added = Outcome(rawValue: 1)
            public static let unchanged = Outcome(rawValue: 2)
            public static let duplicate = Outcome(rawValue: 3)
            public static let rejected = Outcome(rawValue: 4)
            private static let names = ["unspecified", "added", "unchanged", "duplicate", "rejected"]
            public var description: String {
                Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "outcome \(rawValue)"
            }
        }
        public var name: String
        public var outcome: Outcome
        public var documentId: String
        public var duplicateOf: String
        public var similarity: Double
        public var reason: String
        public var warnings: [String]

        public init(name: String, outcome: Outcome, documentId: String = "", duplicateOf: String = "", similarity: Double = 0,
                    reason: String = "", warnings: [String] = []) {
            self.name = name
            self.outcome = outcome
            self.documentId = documentId
            self.duplicateOf = duplicateOf
            self.similarity = similarity
            self.reason = reason
            self.warnings = warnings
        }
    }

    public struct Document: WireMessage, Equatable {
        public static let protoName = "lode.corpus.v1.Document"
        public var id: String
        public var url: String
        public var name: String
        public var externalId: String
        public var source: String
        public var headline: String
        public var date: String
        public var dateline: String
        public var author: String
        public var paragraphs: [String]
        public var captions: [String]
        public var contentHash: String
        public var duplicateOf: String
        public var ingestedAt: String
        public var wordCount: UInt32
        /// The site that carried this copy; empty when unknown.
        public var publisher: String
        /// Other names (urls, files) the same content arrived under after it was stored.
        public var alsoSeenAs: [String]

        public init(id: String, url: String, name: String, externalId: String, source: String, headline: String, date: String,
                    dateline: String, author: String, paragraphs: [String], captions: [String], contentHash: String,
                    duplicateOf: String, ingestedAt: String, wordCount: UInt32, publisher: String = "", alsoSeenAs: [String] = []) {
            self.publisher = publisher
            self.alsoSeenAs = alsoSeenAs
            self.id = id
            self.url = url
            self.name = name
            self.externalId = externalId
            self.source = source
            self.headline = headline
            self.date = date
            self.dateline = dateline
            self.author = author
            self.paragraphs = paragraphs
            self.captions = captions
            self.contentHash = contentHash
            self.duplicateOf = duplicateOf
            self.ingestedAt = ingestedAt
            self.wordCount = wordCount
        }
    }

    public struct GetRequest: WireMessage {
        public static let protoName = "lode.corpus.v1.GetRequest"
        public var id: String
        public init(id: String) { self.id = id }
    }

    public struct DuplicateFilter: RawRepresentable, Codable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let all = DuplicateFilter(rawValue: 0)
        public static let originals = DuplicateFilter(rawValue: 1)
        public static let duplicates = DuplicateFilter(rawValue: 2)
    }

    public struct DocumentFilter: Codable, Sendable, Equatable {
        public var source: String
        public var dateFrom: String
        public var dateTo: String
        public var duplicates: DuplicateFilter
        public init(source: String = "", dateFrom: String = "", dateTo: String = "", duplicates: DuplicateFilter = .all) {
            self.source = source
            self.dateFrom = dateFrom
            self.dateTo = dateTo
            self.duplicates = duplicates
        }
    }

    public struct ListRequest: WireMessage {
        public static let protoName = "lode.corpus.v1.ListRequest"
        public var filter: DocumentFilter?
        public var limit: UInt32
        public var cursor: String
        public init(filter: DocumentFilter? = nil, limit: UInt32 = 0, cursor: String = "") {
            self.filter = filter
            self.limit = limit
            self.cursor = cursor
        }
    }

    public struct DocumentSummary: Codable, Sendable, Equatable {
        public var id: String
        public var headline: String
        public var source: String
        public var date: String
        public var duplicateOf: String
        public var wordCount: UInt32
        public var name: String
        public init(id: String, headline: String, source: String, date: String, duplicateOf: String, wordCount: UInt32, name: String) {
            self.id = id
            self.headline = headline
            self.source = source
            self.date = date
            self.duplicateOf = duplicateOf
            self.wordCount = wordCount
            self.name = name
        }
    }

    public struct ListResponse: WireMessage {
        public static let protoName = "lode.corpus.v1.ListResponse"
        public var documents: [DocumentSummary]
        public var nextCursor: String
        public init(documents: [DocumentSummary], nextCursor: String) {
            self.documents = documents
            self.nextCursor = nextCursor
        }
    }

    public struct DeleteRequest: WireMessage {
        public static let protoName = "lode.corpus.v1.DeleteRequest"
        public var id: String
        public init(id: String) { self.id = id }
    }

    public struct DeleteResponse: WireMessage {
        public static let protoName = "lode.corpus.v1.DeleteResponse"
        public var deleted: Bool
        public init(deleted: Bool) { self.deleted = deleted }
    }

    public struct StatsRequest: WireMessage {
        public static let protoName = "lode.corpus.v1.StatsRequest"
        public init() {}
    }

    public struct SourceCount: Codable, Sendable, Equatable {
        public var source: String
        public var documents: UInt64
        public init(source: String, documents: UInt64) {
            self.source = source
            self.documents = documents
        }
    }

    public struct StatsResponse: WireMessage {
        public static let protoName = "lode.corpus.v1.StatsResponse"
        public var documents: UInt64
        public var words: UInt64
        public var sources: UInt64
        public var firstDate: String
        public var lastDate: String
        public var duplicateGroups: UInt64
        public var duplicates: UInt64
        public var bySource: [SourceCount]
        public var documentsWithEntities: UInt64
        public var entities: UInt64
        public init(documents: UInt64, words: UInt64, sources: UInt64, firstDate: String, lastDate: String,
                    duplicateGroups: UInt64, duplicates: UInt64, bySource: [SourceCount], documentsWithEntities: UInt64 = 0,
                    entities: UInt64 = 0) {
            self.documents = documents
            self.words = words
            self.sources = sources
            self.firstDate = firstDate
            self.lastDate = lastDate
            self.duplicateGroups = duplicateGroups
            self.duplicates = duplicates
            self.bySource = bySource
            self.documentsWithEntities = documentsWithEntities
            self.entities = entities
        }
    }

    public struct ExportRequest: WireMessage {
        public static let protoName = "lode.corpus.v1.ExportRequest"
        public var filter: DocumentFilter?
        public init(filter: DocumentFilter? = nil) { self.filter = filter }
    }
}
