import Foundation
import LodeAPI
import LodeCorpus
import LodeEntities
import LodeRPC
import Synchronization

/// `lode.entity.v1.Entity`: Extract, a thin adapter to ``EntityExtractor``, and the
/// catalogue methods (``EntityCatalogService``).
public enum EntityService {
    /// Bytes of text one Extract takes: tagging runs at about 100,000 words a second.
    static let maxTextBytes = 1 << 20

    /// - Parameters:
    ///   - store: the corpus whose catalogue the catalogue methods read.
    ///   - extractor: loaded on first use; a model that will not load fails each Extract
    ///     with INTERNAL.
    public static func register(into router: inout RPCRouter, store: DocumentStore, extractor loaded: LoadOnce<EntityExtractor>) {
        EntityCatalogService.register(into: &router, store: store)
        router.unary(Entity.extract) { (request: Entity.ExtractRequest, _) in
            let size = request.text.utf8.count
            guard size <= maxTextBytes else {
                throw RPCError(.invalidArgument, "the text is \(size) bytes, over the \(maxTextBytes) bytes Extract takes; split it")
            }
            let date = try RequestDate.parse(request.documentDate, field: "documentDate").map {
                DateMentions.Day(year: $0.year, month: $0.month, day: $0.day)
            }
            let extractor: EntityExtractor
            do {
                extractor = try loaded.value()
            } catch {
                throw RPCError(.internal, "\(error)")
            }
            let text = TokenizedText(request.text)
            let mentions = extractor.extract(text, documentDate: date)
            let reading = Attribution.read(text, mentions: mentions)
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

/// A value made on first use, once, by whichever caller comes first; a failure is kept too.
public final class LoadOnce<Value: Sendable>: Sendable {
    private let make: @Sendable () throws -> Value
    private let made = Mutex<Result<Value, any Error>?>(nil)

    public init(_ make: @escaping @Sendable () throws -> Value) { self.make = make }

    public func value() throws -> Value {
        try made.withLock { made in
            if made == nil { made = Result { try make() } }
            return try made!.get()
        }
    }
}
