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
            let found = await Parallel.map(batch) { (sequence: $0.sequence, entities: annotator.annotate($0.document.page)) }
            try store.replaceEntities(found)
            done += batch.count
            guard progress(done, max(total, done)) else { break }
        }
        return done
    }

}
