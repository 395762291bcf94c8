import LodeWire

/// `lode.entity.v1`: entities in text, and the catalogue of them across the corpus.
public enum Entity {
    public static let service = "lode.entity.v1.Entity"
    public static let extract = "/lode.entity.v1.Entity/Extract"
    public static let list = "/lode.entity.v1.Entity/List"
    public static let get = "/lode.entity.v1.Entity/Get"
    public static let mentions = "/lode.entity.v1.Entity/Mentions"
    public static let quotes = "/lode.entity.v1.Entity/Quotes"
    public static let cooccurrence = "/lode.entity.v1.Entity/Cooccurrence"

    public struct ExtractRequest: WireMessage {
        public static let protoName = "lode.entity.v1.ExtractRequest"
        public var text: String
        public var documentDate: String

        public init(text: String, documentDate: String = "") {
            self.text = text
            self.documentDate = documentDate
        }
    }

    public struct Mention: Codable, Sendable, Equatable {
        public var type: String
        public var text: String
        public var start: UInt32
        public var end: UInt32
        public var value: String

        public init(type: String, text: String, start: UInt32, end: UInt32, value: String) {
            self.type = type
            self.text = text
            self.start = start
            self.end = end
            self.value = value
        }
    }

    public struct Role: Codable, Sendable, Equatable {
        public var person: String
        public var role: String
        public var organisation: String

        public init(person: String, role: String, organisation: String) {
            self.person = person
            self.role = role
            self.organisation = organisation
        }
    }

    public struct Quote: Codable, Sendable, Equatable {
        public var speaker: String
        public var text: String
        public var start: UInt32
        public var end: UInt32

        public init(speaker: String, text: String, start: UInt32, end: UInt32) {
            self.speaker = speaker
            self.text = text
            self.start = start
            self.end = end
        }
    }

    public struct ExtractResponse: WireMessage {
        public static let protoName = "lode.entity.v1.ExtractResponse"
        public var mentions: [Mention]
        public var roles: [Role]
        public var quotes: [Quote]

        public init(mentions: [Mention], roles: [Role] = [], quotes: [Quote] = []) {
            self.mentions = mentions
            self.roles = roles
            self.quotes = quotes
        }
    }

    // MARK: Catalogue

    public struct ListSort: RawRepresentable, Codable, Hashable, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let documents = ListSort(rawValue: 0)
        public static let mentions = ListSort(rawValue: 1)
        public static let name = ListSort(rawValue: 2)
    }

    public struct ListEntitiesRequest: WireMessage {
        public static let protoName = "lode.entity.v1.ListEntitiesRequest"
        public var type: String
        public var prefix: String
        public var sort: ListSort
        public var limit: UInt32
        public var cursor: String
        /// Only the entities found in this document.
        public var documentId: String

        public init(type: String = "", prefix: String = "", sort: ListSort = .documents, limit: UInt32 = 0, cursor: String = "",
                    documentId: String = "") {
            self.documentId = documentId
            self.type = type
            self.prefix = prefix
            self.sort = sort
            self.limit = limit
            self.cursor = cursor
        }
    }

    public struct EntitySummary: Codable, Sendable, Equatable {
        public var type: String
        public var name: String
        public var documents: UInt64
        public var mentions: UInt64
        public var firstSeen: String
        public var lastSeen: String

        public init(type: String, name: String, documents: UInt64, mentions: UInt64, firstSeen: String, lastSeen: String) {
            self.type = type
            self.name = name
            self.documents = documents
            self.mentions = mentions
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
        }
    }

    public struct ListEntitiesResponse: WireMessage {
        public static let protoName = "lode.entity.v1.ListEntitiesResponse"
        public var entities: [EntitySummary]
        public var total: UInt64
        public var nextCursor: String

        public init(entities: [EntitySummary], total: UInt64, nextCursor: String) {
            self.entities = entities
            self.total = total
            self.nextCursor = nextCursor
        }
    }

    public struct GetEntityRequest: WireMessage {
        public static let protoName = "lode.entity.v1.GetEntityRequest"
        public var name: String
        public var type: String
        public var documentsLimit: UInt32

        public init(name: String, type: String = "", documentsLimit: UInt32 = 0) {
            self.name = name
            self.type = type
            self.documentsLimit = documentsLimit
        }
    }

    public struct Alias: Codable, Sendable, Equatable {
        public var text: String
        public var mentions: UInt64

        public init(text: String, mentions: UInt64) {
            self.text = text
            self.mentions = mentions
        }
    }

    public struct EntityRole: Codable, Sendable, Equatable {
        public var role: String
        public var organisation: String
        public var documents: UInt64

        public init(role: String, organisation: String, documents: UInt64) {
            self.role = role
            self.organisation = organisation
            self.documents = documents
        }
    }

    public struct EntityDocument: Codable, Sendable, Equatable {
        public var id: String
        public var headline: String
        public var source: String
        public var date: String
        public var mentions: UInt32

        public init(id: String, headline: String, source: String, date: String, mentions: UInt32) {
            self.id = id
            self.headline = headline
            self.source = source
            self.date = date
            self.mentions = mentions
        }
    }

    public struct Cooccurring: Codable, Sendable, Equatable {
        public var entity: EntitySummary?
        public var together: UInt64
        public var score: Double

        public init(entity: EntitySummary, together: UInt64, score: Double) {
            self.entity = entity
            self.together = together
            self.score = score
        }
    }

    public struct EntityDetail: WireMessage {
        public static let protoName = "lode.entity.v1.EntityDetail"
        public var entity: EntitySummary?
        public var aliases: [Alias]
        public var roles: [EntityRole]
        public var cooccurring: [Cooccurring]
        public var documents: [EntityDocument]

        public init(entity: EntitySummary, aliases: [Alias], roles: [EntityRole], cooccurring: [Cooccurring], documents: [EntityDocument]) {
            self.entity = entity
            self.aliases = aliases
            self.roles = roles
            self.cooccurring = cooccurring
            self.documents = documents
        }
    }

    public struct MentionsRequest: WireMessage {
        public static let protoName = "lode.entity.v1.MentionsRequest"
        public var name: String
        public var type: String
        public var limit: UInt32
        public var contextBytes: UInt32

        public init(name: String, type: String = "", limit: UInt32 = 0, contextBytes: UInt32 = 0) {
            self.name = name
            self.type = type
            self.limit = limit
            self.contextBytes = contextBytes
        }
    }

    public struct EntityMention: WireMessage {
        public static let protoName = "lode.entity.v1.EntityMention"
        public var documentId: String
        public var headline: String
        public var date: String
        public var text: String
        public var start: UInt32
        public var end: UInt32
        public var context: String
        public var contextStart: UInt32
        public var contextEnd: UInt32

        public init(documentId: String, headline: String, date: String, text: String, start: UInt32, end: UInt32,
                    context: String, contextStart: UInt32, contextEnd: UInt32) {
            self.documentId = documentId
            self.headline = headline
            self.date = date
            self.text = text
            self.start = start
            self.end = end
            self.context = context
            self.contextStart = contextStart
            self.contextEnd = contextEnd
        }
    }

    public struct QuotesRequest: WireMessage {
        public static let protoName = "lode.entity.v1.QuotesRequest"
        public var name: String
        public var limit: UInt32

        public init(name: String = "", limit: UInt32 = 0) {
            self.name = name
            self.limit = limit
        }
    }

    public struct CorpusQuote: Codable, Sendable, Equatable {
        public var speaker: String
        public var text: String
        public var documentId: String
        public var headline: String
        public var date: String
        public var start: UInt32
        public var end: UInt32

        public init(speaker: String, text: String, documentId: String, headline: String, date: String, start: UInt32, end: UInt32) {
            self.speaker = speaker
            self.text = text
            self.documentId = documentId
            self.headline = headline
            self.date = date
            self.start = start
            self.end = end
        }
    }

    public struct QuotesResponse: WireMessage {
        public static let protoName = "lode.entity.v1.QuotesResponse"
        public var quotes: [CorpusQuote]

        public init(quotes: [CorpusQuote]) { self.quotes = quotes }
    }

    public struct CooccurrenceRequest: WireMessage {
        public static let protoName = "lode.entity.v1.CooccurrenceRequest"
        public var name: String
        public var type: String
        public var withTypes: [String]
        public var limit: UInt32

        public init(name: String, type: String = "", withTypes: [String] = [], limit: UInt32 = 0) {
            self.name = name
            self.type = type
            self.withTypes = withTypes
            self.limit = limit
        }
    }

    public struct CooccurrenceResponse: WireMessage {
        public static let protoName = "lode.entity.v1.CooccurrenceResponse"
        public var entity: EntitySummary?
        public var entities: [Cooccurring]

        public init(entity: EntitySummary, entities: [Cooccurring]) {
            self.entity = entity
            self.entities = entities
        }
    }
}
