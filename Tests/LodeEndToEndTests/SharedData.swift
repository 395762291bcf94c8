import Foundation
import LodeAPI
import LodeInput

/// `../shared/data` beside the checkout: the seed pages and the news corpora.
let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/data").standardized.path

/// The records `lode ingest` reads from `paths` under ``sharedData``.
func sharedRecords(_ paths: String...) async throws -> [Corpus.RawDocument] {
    try await IngestInput(paths: paths.map { "\(sharedData)/\($0)" }).all().compactMap { if case .document(let d) = $0 { d } else { nil } }
}

/// The two seed pages.
func seedRecords() async throws -> [Corpus.RawDocument] { try await sharedRecords("seeds") }

/// Reuters-21578's records with a body.
func reutersRecords() async throws -> [Corpus.RawDocument] { try await sharedRecords("news/reuters21578.jsonl.gz") }
