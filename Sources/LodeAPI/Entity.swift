import LodeWire

/// `lode.entity.v1`: entities in text.
public enum Entity {
    public static let service = "lode.entity.v1.Entity"
    public static let extract = "/lode.entity.v1.Entity/Extract"

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
}
