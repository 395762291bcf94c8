import LodeAPI
import LodeCorpus
import LodeEntities
import LodeRPC

/// `lode.entity.v1.Entity`: a thin adapter from messages to ``EntityExtractor``.
public enum EntityService {
    /// Bytes of text one Extract takes: tagging runs at about 100,000 words a second.
    static let maxTextBytes = 1 << 20

    public static func register(into router: inout RPCRouter, extractor: EntityExtractor) {
        router.unary(Entity.service, "Extract") { (request: Entity.ExtractRequest, _) in
            let size = request.text.utf8.count
            guard size <= maxTextBytes else {
                throw RPCError(.invalidArgument, "the text is \(size) bytes, over the \(maxTextBytes) bytes Extract takes; split it")
            }
            let date = try RequestDate.parse(request.documentDate, field: "documentDate").map {
                DateMentions.Day(year: $0.year, month: $0.month, day: $0.day)
            }
            let mentions = extractor.extract(request.text, documentDate: date)
            let reading = Attribution.read(request.text, mentions: mentions)
            return Entity.ExtractResponse(
                mentions: mentions.map {
                    Entity.Mention(type: $0.kind, text: $0.text, start: UInt32($0.range.lowerBound), end: UInt32($0.range.upperBound),
                                   value: $0.value ?? "")
                },
                roles: reading.roles.map { Entity.Role(person: $0.person, role: $0.role, organisation: $0.organisation ?? "") },
                quotes: reading.quotes.map {
                    Entity.Quote(speaker: $0.speaker, text: $0.text, start: UInt32($0.range.lowerBound), end: UInt32($0.range.upperBound))
                })
        }
    }
}
