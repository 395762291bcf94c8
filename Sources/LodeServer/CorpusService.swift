import Foundation
import LodeAPI
import LodeCorpus
import LodeRPC

/// `lode.corpus.v1.Corpus`: a thin adapter from messages to `CorpusIngestor` and `DocumentStore`.
public enum CorpusService {
    /// Pages committed per transaction when they arrive faster than one at a time.
    static let batchSize = 256

    public static func register(into router: inout RPCRouter, ingestor: CorpusIngestor) {
        let store = ingestor.store
        router.bidirectionalStreaming(Corpus.ingest) {
            (requests: RequestStream<Corpus.RawDocument>, context) in
            // A pipeline: the next batch is cleaned while the one before it commits and the
            // one before that is indexed; a batch commits once the one before it has (so
            // they commit in order), and its results go out, in order, once it is indexed.
            var committing: Task<CorpusIngestor.CommittedPages, any Error>?
            while let batch = try await requests.nextBatch(maxCount: batchSize) {
                let prepared = await ingestor.prepare(batch.map(rawPage))
                let committed = try await committing?.value
                committing = Task { try await ingestor.commit(prepared) }
                for result in await committed?.observed() ?? [] { try await context.send(message(result)) }
            }
            if let committed = try await committing?.value {
                for result in await committed.observed() { try await context.send(message(result)) }
            }
        }
        router.unary(Corpus.get) { (request: Corpus.GetRequest, _) in
            guard let document = try store.document(id: request.id) else {
                throw RPCError(.notFound, "no document has id \(request.id); `lode docs` lists them")
            }
            return message(document)
        }
        router.unary(Corpus.list) { (request: Corpus.ListRequest, _) in
            let limit = try RequestPaging.limit(request.limit, default: 50, max: 1000)
            let after = try PageCursor.sequence(request.cursor, method: "List")
            let (documents, next) = try store.list(try filter(request.filter), limit: limit, after: after)
            return Corpus.ListResponse(documents: documents.map(summary), nextCursor: PageCursor.next(after: next))
        }
        router.unary(Corpus.delete) { (request: Corpus.DeleteRequest, _) in
            guard try await ingestor.delete(id: request.id) else {
                throw RPCError(.notFound, "no document has id \(request.id)")
            }
            return Corpus.DeleteResponse(deleted: true)
        }
        router.unary(Corpus.stats) { (_: Corpus.StatsRequest, _) in
            let s = try store.stats()
            return Corpus.StatsResponse(
                documents: UInt64(s.documents), words: UInt64(s.words), sources: UInt64(s.sources),
                firstDate: s.firstDate ?? "", lastDate: s.lastDate ?? "", duplicateGroups: UInt64(s.duplicateGroups),
                duplicates: UInt64(s.duplicates),
                bySource: s.bySource.map { Corpus.SourceCount(source: $0.source, documents: UInt64($0.documents)) },
                documentsWithEntities: UInt64(s.documentsWithEntities), entities: UInt64(s.entities))
        }
        router.serverStreaming(Corpus.export) { (request: Corpus.ExportRequest, context) in
            // Page by page, so memory stays flat and a slow reader slows the reads.
            let wanted = try filter(request.filter)
            var cursor: Int64?
            repeat {
                let (documents, next) = try store.list(wanted, limit: 100, after: cursor)
                for d in documents { try await context.send(message(d)) }
                cursor = next
            } while cursor != nil
        }
    }

    static func rawPage(_ d: Corpus.RawDocument) -> RawPage {
        let format: RawPage.Format = switch d.format {
        case .text: .text
        case .html: .html
        case .cleanText: .cleanText
        default: .auto
        }
        return RawPage(name: d.name, content: d.content, format: format, url: d.url.isEmpty ? nil : d.url,
                       externalID: d.externalId.isEmpty ? nil : d.externalId,
                       hints: PageHints(headline: d.headline, source: d.source, date: DateFinder.firstDate(in: d.date)?.date,
                                        dateline: d.dateline, author: d.author, publisher: d.publisher))
    }

    static func message(_ r: IngestResult) -> Corpus.IngestResult {
        switch r.outcome {
        case .added: Corpus.IngestResult(name: r.name, outcome: .added, documentId: r.documentID ?? "", warnings: r.warnings)
        case .unchanged: Corpus.IngestResult(name: r.name, outcome: .unchanged, documentId: r.documentID ?? "", warnings: r.warnings)
        case .duplicate(let of, let similarity):
            Corpus.IngestResult(name: r.name, outcome: .duplicate, documentId: r.documentID ?? "", duplicateOf: of,
                                similarity: similarity, warnings: r.warnings)
        case .rejected(let reason): Corpus.IngestResult(name: r.name, outcome: .rejected, reason: reason, warnings: r.warnings)
        }
    }

    static func message(_ d: StoredDocument) -> Corpus.Document {
        Corpus.Document(
            id: d.id, url: d.url ?? "", name: d.name, externalId: d.externalID ?? "", source: d.page.source ?? "",
            headline: d.page.headline ?? "", date: d.page.date?.description ?? "", dateline: d.page.dateline ?? "",
            author: d.page.author ?? "", paragraphs: d.page.paragraphs, captions: d.page.captions, contentHash: d.contentHash,
            duplicateOf: d.duplicateOf ?? "", ingestedAt: ISO8601DateFormatter().string(from: d.ingestedAt),
            wordCount: UInt32(d.page.wordCount), publisher: d.page.publisher ?? "", alsoSeenAs: d.seenAs)
    }

    static func summary(_ d: StoredDocument) -> Corpus.DocumentSummary {
        Corpus.DocumentSummary(id: d.id, headline: d.page.headline ?? "", source: d.page.source ?? "",
                               date: d.page.date?.description ?? "", duplicateOf: d.duplicateOf ?? "",
                               wordCount: UInt32(d.page.wordCount), name: d.name)
    }

    static func filter(_ f: Corpus.DocumentFilter?) throws -> DocumentFilter {
        guard let f else { return DocumentFilter() }
        let duplicates: DocumentFilter.Duplicates = switch f.duplicates {
        case .originals: .originals
        case .duplicates: .duplicates
        default: .all
        }
        return DocumentFilter(source: f.source.isEmpty ? nil : f.source, dateFrom: try RequestDate.parse(f.dateFrom, field: "dateFrom"),
                              dateTo: try RequestDate.parse(f.dateTo, field: "dateTo"), duplicates: duplicates)
    }
}

/// Store failures: the request was fine, the disk or database was not. No room is
/// RESOURCE_EXHAUSTED, a store that cannot be written FAILED_PRECONDITION, a lock held
/// elsewhere UNAVAILABLE (worth a retry), anything else INTERNAL.
extension StoreError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch self {
        case .full: RPCError(.resourceExhausted, description)
        case .readOnly: RPCError(.failedPrecondition, description)
        case .busy: RPCError(.unavailable, description)
        default: RPCError(.internal, description)
        }
    }
}
