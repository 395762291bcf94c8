import Foundation
import LodeCorpus

/// Brings the catalogue up to the extractor in hand: every document stored without
/// entities, or read by another model or rules revision, is read again, batch by batch, on
/// every core. Ingest carries on meanwhile; each batch is its own transaction.
public enum CatalogRefresh {
    /// - Parameter progress: told the documents done and the total after each batch; false stops the run.
    /// - Returns: the number of documents read.
    @discardableResult
    public static func run(store: DocumentStore, annotator: EntityAnnotator, batchSize: Int = 256,
                           progress: (_ done: Int, _ total: Int) -> Bool = { _, _ in true }) async throws -> Int {
        let model = annotator.extractor.version
        let total = try store.countNeedingEntities(model: model)
        guard total > 0 else { return 0 }
        var done = 0
        var after: Int64 = 0
        while true {
            let batch = try store.documentsNeedingEntities(model: model, after: after, limit: batchSize)
            guard let last = batch.last else { break }
            after = last.sequence
            let found = await annotate(batch, with: annotator)
            try store.replaceEntities(found)
            done += batch.count
            guard progress(done, max(total, done)) else { break }
        }
        return done
    }

    private static func annotate(_ batch: [(sequence: Int64, document: StoredDocument)], with annotator: EntityAnnotator) async
        -> [(sequence: Int64, entities: DocumentEntities)] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = (batch.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [(Int64, DocumentEntities)]).self) { group in
            for start in stride(from: 0, to: batch.count, by: chunk) {
                let slice = batch[start..<min(start + chunk, batch.count)]
                group.addTask { (start, slice.map { ($0.sequence, annotator.annotate($0.document.page)) }) }
            }
            var parts: [(Int, [(Int64, DocumentEntities)])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1).map { (sequence: $0.0, entities: $0.1) }
        }
    }
}
