import ArgumentParser
import Foundation
import GRDB
import LodeAPI
import LodeInput
import LodeRPC
import LodeTesting

/// `lode-bench ingest`: a JSON Lines news file through the socket into a fresh store
/// (cleaning, duplicate detection, durable commits, search indexing), without and with entity
/// extraction, beside a plain batched SQLite insert of the same texts as the floor.
struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest rate.")

    @Argument(help: "A JSON Lines file, gzip-compressed or not (records with body, title, date, dateline, id).")
    var file: String

    func run() async throws {
        ProcessTuning.keepHeapWarm()
        let documents = try await Self.records(file)
        let megabytes = Double(documents.reduce(0) { $0 + $1.content.count }) / 1_048_576

        let (lodeSeconds, outcomes) = try await Self.ingest(documents, loded: ["--no-entities"])
        let (entitySeconds, _) = try await Self.ingest(documents, loded: [])
        let floorSeconds = try Self.plainInsert(documents)
        let lodeRate = Double(documents.count) / lodeSeconds
        let entityRate = Double(documents.count) / entitySeconds
        let floorRate = Double(documents.count) / floorSeconds
        print("documents                          \(documents.count)")
        print(String(format: "megabytes of text                  %.1f", megabytes))
        print("outcomes                           " + outcomes.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.description.lowercased()) \($0.value)" }.joined(separator: ", "))
        print(String(format: "sqlite batched insert docs/s       %.0f  (%.1f MB/s)", floorRate, megabytes / floorSeconds))
        print(String(format: "lode ingest docs/s                 %.0f  (%.1f MB/s)", lodeRate, megabytes / lodeSeconds))
        print(String(format: "lode ingest + entities docs/s      %.0f  (%.1f MB/s)", entityRate, megabytes / entitySeconds))
        print(String(format: "ratio lode / sqlite insert         %.2f", lodeRate / floorRate))
        print(String(format: "ratio lode docs/s / 5000           %.2f  (target >= 1)", lodeRate / 5000))
        print(String(format: "ratio with entities / without      %.2f", entityRate / lodeRate))
        print(String(format: "ratio with entities docs/s / 2500  %.2f  (target >= 1)", entityRate / 2500))
    }

    /// Seconds to ingest `documents` into a fresh loded started with `arguments`, and the outcomes.
    static func ingest(_ documents: [Corpus.RawDocument], loded arguments: [String]) async throws
        -> (Double, [Corpus.IngestResult.Outcome: Int]) {
        let server = try await LodedProcess(arguments: ["--log-level", "info"] + arguments)
        let client = try await server.connect()
        let start = ContinuousClock.now
        let call = try client.start(Corpus.ingest)
        let sender = Task {
            for d in documents { try await call.send(d.wireBytes()) }
            try await call.halfClose()
        }
        var outcomes: [Corpus.IngestResult.Outcome: Int] = [:]
        while let bytes = try await call.next() { outcomes[try Corpus.IngestResult(wire: bytes).outcome, default: 0] += 1 }
        try await sender.value
        let seconds = Self.seconds(since: start)
        await client.close()
        await server.stop()
        return (seconds, outcomes)
    }

    /// The same texts into a bare table, 256 rows a transaction, with the same durability.
    static func plainInsert(_ documents: [Corpus.RawDocument]) throws -> Double {
        let folder = TemporaryDirectory(prefix: "bench-sqlite")
        var config = Configuration()
        config.prepareDatabase { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: folder.path("plain.sqlite"), configuration: config)
        try pool.write { try $0.execute(sql: "CREATE TABLE doc (id TEXT PRIMARY KEY, title TEXT, date TEXT, body TEXT)") }
        let start = ContinuousClock.now
        for batch in stride(from: 0, to: documents.count, by: 256).map({ documents[$0..<min($0 + 256, documents.count)] }) {
            try pool.write { db in
                for d in batch {
                    try db.execute(sql: "INSERT OR REPLACE INTO doc VALUES (?, ?, ?, ?)",
                                   arguments: [d.externalId, d.headline, d.date, String(decoding: d.content, as: UTF8.self)])
                }
            }
        }
        return seconds(since: start)
    }

    /// The documents `lode ingest` would send for `path`.
    static func records(_ path: String) async throws -> [Corpus.RawDocument] {
        try await IngestInput(paths: [path]).all().compactMap {
            if case .document(let d) = $0 { d } else { nil }
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
    }
}
