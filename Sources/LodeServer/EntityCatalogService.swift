import Foundation
import LodeAPI
import LodeCorpus
import LodeEntities
import LodeRPC

/// The catalogue methods of `lode.entity.v1.Entity`: List, Get, Mentions, Quotes and
/// Cooccurrence, thin adapters over the store's entity tables.
enum EntityCatalogService {
    /// The types co-occurrence looks at unless asked for others: names, not numbers.
    static let nameKinds = ["PER", "ORG", "LOC", "MISC"]

    static func register(into router: inout RPCRouter, store: DocumentStore) {
        router.unary(Entity.list) { (request: Entity.ListEntitiesRequest, _) in
            let limit = try RequestPaging.limit(request.limit, default: 50, max: 1000)
            let offset = try PageCursor.offset(request.cursor, method: "List")
            let kinds = try request.type.isEmpty ? nameKinds : request.type.uppercased() == "ALL" ? [] : [kind(request.type)]
            let order: EntityOrder = switch request.sort {
            case .mentions: .mentions
            case .name: .name
            default: .documents
            }
            let document = request.documentId.isEmpty ? nil : request.documentId
            if let document, try store.contentHash(id: document) == nil {
                throw RPCError(.notFound, "no document has id \(document)")
            }
            let (entities, total) = try store.entities(kinds: kinds, prefix: request.prefix, document: document, order: order,
                                                       limit: limit, offset: offset)
            let next = PageCursor.next(offset: offset, returned: entities.count, limit: limit, total: total)
            return Entity.ListEntitiesResponse(entities: entities.map(summary), total: UInt64(total), nextCursor: next)
        }
        router.unary(Entity.get) { (request: Entity.GetEntityRequest, _) in
            let limit = try RequestPaging.limit(request.documentsLimit, default: 20, max: 1000, field: "documentsLimit")
            let entity = try resolve(request.name, type: request.type, in: store)
            return Entity.EntityDetail(
                entity: summary(entity),
                aliases: try store.spellings(of: entity.id).filter { $0.text != entity.name }
                    .map { Entity.Alias(text: $0.text, mentions: UInt64($0.mentions)) },
                roles: try store.roles(of: entity.id).map {
                    Entity.EntityRole(role: $0.role, organisation: $0.organisation ?? "", documents: UInt64($0.documents))
                },
                cooccurring: try store.cooccurring(with: entity.id, kinds: nameKinds, limit: 10).map(cooccurring),
                documents: try store.documents(of: entity.id, limit: limit).map {
                    Entity.EntityDocument(id: $0.id, headline: $0.headline ?? "", source: $0.source ?? "", date: $0.date ?? "",
                                          mentions: UInt32($0.mentions))
                })
        }
        router.serverStreaming(Entity.mentions) { (request: Entity.MentionsRequest, context) in
            let around = try RequestPaging.limit(request.contextBytes, default: 80, max: 1000, field: "contextBytes")
            let entity = try resolve(request.name, type: request.type, in: store)
            var left = request.limit == 0 ? Int.max : Int(request.limit)
            var after: (sequence: Int64, start: Int)?
            // Page by page, so memory stays flat and a slow reader slows the reads.
            while left > 0 {
                let page = try store.mentions(of: entity.id, after: after, limit: min(left, 200))
                guard let last = page.last else { break }
                var texts: [String: [UInt8]] = [:]
                for m in page {
                    if texts[m.documentID] == nil {
                        texts[m.documentID] = Array((try store.document(id: m.documentID)?.page.entityText ?? "").utf8)
                    }
                    try await context.send(message(m, in: texts[m.documentID]!, around: around))
                }
                left -= page.count
                after = (last.sequence, last.range.lowerBound)
            }
        }
        router.unary(Entity.quotes) { (request: Entity.QuotesRequest, _) in
            let limit = try RequestPaging.limit(request.limit, default: 100, max: 10_000)
            let speaker = request.name.isEmpty ? nil : try resolve(request.name, type: "PER", in: store)
            return Entity.QuotesResponse(quotes: try store.quotes(by: speaker?.id, limit: limit).map {
                Entity.CorpusQuote(speaker: $0.speaker, text: $0.text, documentId: $0.documentID, headline: $0.headline ?? "",
                                   date: $0.date ?? "", start: UInt32($0.range.lowerBound), end: UInt32($0.range.upperBound))
            })
        }
        router.unary(Entity.cooccurrence) { (request: Entity.CooccurrenceRequest, _) in
            let limit = try RequestPaging.limit(request.limit, default: 20, max: 1000)
            let kinds = try request.withTypes.isEmpty ? nameKinds : request.withTypes.map(kind)
            let entity = try resolve(request.name, type: request.type, in: store)
            return Entity.CooccurrenceResponse(entity: summary(entity),
                                               entities: try store.cooccurring(with: entity.id, kinds: kinds, limit: limit).map(cooccurring))
        }
    }

    /// The catalogue entity a request names, or NOT_FOUND with the closest names.
    static func resolve(_ name: String, type: String, in store: DocumentStore) throws -> CatalogEntity {
        let wanted = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !wanted.isEmpty else { throw RPCError(.invalidArgument, "name is empty: say which entity") }
        let kinds = try type.isEmpty ? EntityNames.kinds : [kind(type)]
        if let entity = try store.entity(named: wanted, kinds: kinds) { return entity }
        let close = EntityNames.suggestions(for: wanted, among: try store.entityNames(kinds: kinds))
        let kindText = type.isEmpty ? "entity" : "\(kinds[0]) entity"
        throw RPCError(.notFound, "no \(kindText) is named \"\(wanted)\"" + (close.isEmpty ? "" : "; did you mean: \(close.joined(separator: ", "))?"))
    }

    static func kind(_ type: String) throws -> String {
        let upper = type.uppercased()
        let aliases = ["PERSON": "PER", "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "PLACE": "LOC", "LOCATION": "LOC"]
        let kind = aliases[upper] ?? upper
        guard EntityNames.kinds.contains(kind) else {
            throw RPCError(.invalidArgument, "type \(type) is not one of \(EntityNames.kinds.joined(separator: ", "))")
        }
        return kind
    }

    static func summary(_ e: CatalogEntity) -> Entity.EntitySummary {
        Entity.EntitySummary(type: e.kind, name: e.name, documents: UInt64(e.documents), mentions: UInt64(e.mentions),
                             firstSeen: e.firstSeen ?? "", lastSeen: e.lastSeen ?? "")
    }

    static func cooccurring(_ c: Cooccurrence) -> Entity.Cooccurring {
        Entity.Cooccurring(entity: summary(c.entity), together: UInt64(c.together), score: c.score)
    }

    /// The mention with up to `around` bytes each side, cut back to whole words, lines joined.
    static func message(_ m: CatalogMention, in text: [UInt8], around: Int) -> Entity.EntityMention {
        var context = "", start = 0, end = 0
        if m.range.upperBound <= text.count {
            var from = max(0, m.range.lowerBound - around), to = min(text.count, m.range.upperBound + around)
            if from > 0 { while from < m.range.lowerBound, text[from - 1] != 0x20, text[from - 1] != 0x0A { from += 1 } }
            if to < text.count { while to > m.range.upperBound, text[to] != 0x20, text[to] != 0x0A { to -= 1 } }
            context = String(decoding: text[from..<to].map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
            start = m.range.lowerBound - from
            end = m.range.upperBound - from
        }
        return Entity.EntityMention(documentId: m.documentID, headline: m.headline ?? "", date: m.date ?? "", text: m.text,
                                    start: UInt32(m.range.lowerBound), end: UInt32(m.range.upperBound), context: context,
                                    contextStart: UInt32(start), contextEnd: UInt32(end))
    }
}
