import ArgumentParser
import Foundation
import GRDB
import LodeAPI
import LodeCorpus
import LodeRPC
import LodeSearch
import LodeTesting

/// `lode-bench search`: builds Lode's index and an SQLite FTS5 index over the same texts,
/// runs the same 1,000 queries (``QuerySet``) on both for the top 10, in process, then
/// through `loded`'s socket; prints build time, size, memory and latency percentiles side
/// by side, ratios last.
struct SearchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search speed beside SQLite FTS5.")

    @Argument(help: "JSON Lines files (gzip-compressed or not); together they are the corpus.")
    var files: [String]

    @Option(help: "Only queries of this kind (\"two words\", \"phrase\", ...), repeated this many times: for profiling.")
    var kind: String?

    @Option(help: "Passes over the queries with --kind.")
    var repeats = 20

    @Flag(help: "Skip the measurements through the socket.")
    var inProcessOnly = false

    @Option(help: "Scripts/bench_search_tantivy.py: Tantivy (pip) on the same articles and queries, beside Lode.")
    var tantivy: String?

    func run() async throws {
        ProcessTuning.keepHeapWarm()
        var records: [Corpus.RawDocument] = []
        for file in files { records += try await IngestBenchmark.records(file) }
        let documents = records.enumerated().map { i, r in
            SearchDocument(id: "b\(i)", version: Int64(i + 1), headline: r.headline, source: r.source,
                           date: DateFinder.firstDate(in: r.date)?.date,
                           paragraphs: String(decoding: r.content, as: UTF8.self).components(separatedBy: "\n\n"))
        }
        var queries = QuerySet(texts: documents.map { ($0.headline, $0.paragraphs.joined(separator: " "), $0.date?.year) }).queries
        if let kind {
            queries = Array(repeating: queries.filter { $0.kind == kind }, count: repeats).flatMap { $0 }
            guard !queries.isEmpty else { throw ValidationError("no query is of kind \(kind)") }
        }
        let words = documents.reduce(0) { $0 + $1.paragraphs.reduce(0) { $0 + $1.split(separator: " ").count } }
        print("articles                              \(documents.count)  (\(String(format: "%.1f", Double(words) / 1e6)) M words)")
        print("queries                               \(queries.count)")

        // Build.
        let folder = TemporaryDirectory(prefix: "bench-search")
        var memory = Resident.megabytes
        var start = ContinuousClock.now
        let index = SearchIndex()
        // The last articles come after the first flush: what a flush costs when an index on disk grows.
        let last = min(1000, documents.count / 10)
        let first = documents.count - last
        for batch in stride(from: 0, to: first, by: 1000).map({ Array(documents[$0..<min($0 + 1000, first)]) }) {
            index.add(batch)
        }
        var lodeBuild = IngestBenchmark.seconds(since: start)
        start = ContinuousClock.now
        try index.flush(to: folder.path("index.search"))
        let lodeSave = IngestBenchmark.seconds(since: start)
        start = ContinuousClock.now
        index.add(Array(documents[first...]))
        lodeBuild += IngestBenchmark.seconds(since: start)
        let lodeMemory = Resident.megabytes - memory
        start = ContinuousClock.now
        try index.flush(to: folder.path("index.search"))
        let lodeFlush = IngestBenchmark.seconds(since: start)
        let lodeSize = try FileManager.default.contentsOfDirectory(atPath: folder.path("index.search")).reduce(0) {
            $0 + ((try FileManager.default.attributesOfItem(atPath: folder.path("index.search/" + $1))[.size] as? Int) ?? 0)
        }
        start = ContinuousClock.now
        _ = try SearchIndex.load(from: folder.path("index.search"))
        let lodeLoad = IngestBenchmark.seconds(since: start)

        memory = Resident.megabytes
        start = ContinuousClock.now
        let fts = try FTS5Index(path: folder.path("fts5.sqlite"), documents: documents)
        let ftsBuild = IngestBenchmark.seconds(since: start)
        let ftsMemory = Resident.megabytes - memory
        let ftsSize = fts.bytesOnDisk

        print(String(format: "build s             lode %8.2f   fts5 %8.2f   (lode + writing it %.2f)", lodeBuild, ftsBuild, lodeBuild + lodeSave))
        print(String(format: "index MB on disk    lode %8.1f   fts5 %8.1f", Double(lodeSize) / 1_048_576, Double(ftsSize) / 1_048_576))
        print(String(format: "on disk s           write %7.2f   load %8.2f   (a flush of the last \(last) articles after: %.3f)", lodeSave, lodeLoad, lodeFlush))
        print(String(format: "resident MB added   lode %8.1f   fts5 %8.1f   (peak of the process %.0f MB)", lodeMemory, ftsMemory, Resident.peakMegabytes))

        // In process.
        var options = SearchOptions()
        options.limit = 10
        let lodeTimes = try Latency.measure(queries) { _ = try index.search($0.lode, options: options) }
        let ftsTimes = try Latency.measure(queries) { try fts.top10($0) }
        let completing = queries.filter { $0.completing != nil }
        let completedTimes = try Latency.measure(completing) { _ = try index.search($0.completing!, options: options) }
        print("top-10 µs in process  lode  " + lodeTimes.summary)
        print("top-10 µs in process  fts5  " + ftsTimes.summary)
        print("top-10 µs in process  lode, \(completing.count) two- and three-word queries without AND written out (short pages completed): "
              + completedTimes.summary)
        for ((kind, ours), (_, theirs)) in zip(lodeTimes.medians(), ftsTimes.medians()) {
            print(String(format: "  p50 µs %-14@  lode %8.1f   fts5 %8.1f   ratio %6.1f", kind, ours, theirs, theirs / ours))
        }
        let peer = try tantivy.map { try TantivyPeer.run(script: $0, folder: folder.path("tantivy-peer"), documents: documents, queries: queries) }
        if let peer {
            print(String(format: "build s             lode %8.2f   tantivy %8.2f", lodeBuild, peer.buildSeconds))
            print(String(format: "index MB on disk    lode %8.1f   tantivy %8.1f", Double(lodeSize) / 1_048_576, Double(peer.bytesOnDisk) / 1_048_576))
            print("top-10 µs in process  tantivy " + peer.times.summary)
            for (ours, theirs) in zip(lodeTimes.percentilesByKind(), peer.times.percentilesByKind()) {
                print(String(format: "  µs %-14@  p50 lode %7.1f tantivy %7.1f   p95 lode %7.1f tantivy %7.1f   p99 lode %8.1f tantivy %8.1f",
                             ours.kind, ours.p50, theirs.p50, ours.p95, theirs.p95, ours.p99, theirs.p99))
            }
        }

        guard !inProcessOnly else { return }
        // Through the socket: the same articles ingested into a fresh loded (entities off: this
        // measures search, and reading entities would make loading a million articles take half an hour).
        let store = folder.path("corpus.sqlite")
        let arguments = ["--log-level", "info", "--store", store, "--no-entities"]
        var server = try await LodedProcess(arguments: arguments)
        let loader = try await server.connect()
        _ = try await loader.ingestAll(records)
        // A restart: loded saves its index on the way down and loads it on the way up.
        await loader.close()
        await server.stop()
        start = ContinuousClock.now
        server = try await LodedProcess(arguments: arguments)
        let restart = IngestBenchmark.seconds(since: start)
        print(String(format: "loded restart s until serving, \(documents.count) articles indexed: %.2f", restart))
        let servingHeap = Double(try server.residentKilobytes("RssAnon")) / 1024
        // A delete waits for the near-duplicate index, which loads in the background: the heap
        // that counts is the one with it in.
        let waiter = try await server.connect()
        do {
            _ = try await waiter.unary(Corpus.delete, Corpus.DeleteRequest(id: "no such document"))
        } catch let error as RPCError where error.code == .notFound {
            // What a delete of an unknown id answers once the index is in.
        }
        await waiter.close()
        let restartedHeap = Double(try server.residentKilobytes("RssAnon")) / 1024
        print(String(format: "loded heap after the restart (RssAnon) MB: %.1f when serving, %.1f with the near-duplicate index loaded",
                     servingHeap, restartedHeap))
        if let peer {
            print(String(format: "tantivy open + first query s: %.3f, heap of the process holding it open (RssAnon) MB: %.1f",
                         peer.restartSeconds, peer.restartHeapMegabytes))
        }
        let client = try await server.connect()
        // Let the ingest's synced writes settle: right after them, round trips on this kind
        // of machine are several times slower for a few seconds.
        try await Task.sleep(for: .seconds(3))
        // Calls are made from the connection's own event loop, as a latency-minded client would.
        let (echo, plain, serverMicros, withSnippets, sample) = try await Task(executorPreference: client.executor) {
            let echo = try await Latency.measure(queries) { _ in
                _ = try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(payload: Array(repeating: 7, count: 600)))
            }
            var serverMicros: [Double] = []
            let plain = try await Latency.measure(queries) { q in
                let response = try await client.unary(
                    Search.search, Search.SearchRequest(query: q.lode, snippet: Search.SnippetOptions(disabled: true)))
                serverMicros.append(Double(response.tookMicros))
            }
            let withSnippets = try await Latency.measure(queries) { q in
                _ = try await client.unary(Search.search, Search.SearchRequest(query: q.lode))
            }
            let sample = try await client.unary(Search.search, Search.SearchRequest(query: queries[0].lode))
            return (echo, plain, serverMicros, withSnippets, sample)
        }.value
        // The cost of the messages themselves: a typical response, encoded and decoded.
        let bytes = try sample.wireBytes()
        var clock = ContinuousClock.now
        for _ in 0..<200 { _ = try sample.wireBytes() }
        let encode = Double((ContinuousClock.now - clock) / .nanoseconds(1)) / 200_000
        clock = ContinuousClock.now
        for _ in 0..<200 { _ = try Search.SearchResponse(wire: bytes) }
        let decode = Double((ContinuousClock.now - clock) / .nanoseconds(1)) / 200_000
        await client.close()
        await server.stop()
        print(String(format: "message coding µs, a response of %d hits with snippets (%d bytes): encode %.1f, decode %.1f",
                     sample.hits.count, bytes.count, encode, decode))
        let raw = RawPingPong.roundTrips(count: 2000, payloadSize: 600).sorted()
        print(String(format: "socket floor µs: raw ping-pong of 600 bytes over a Unix socket, p50 %.1f", raw[raw.count / 2]))
        print("rpc floor µs: Echo of 600 bytes through loded, " + echo.summary)
        print("top-10 µs socket      lode  " + plain.summary)
        print(String(format: "  of which in the server's handler, p50 %.1f", serverMicros.sorted()[serverMicros.count / 2]))
        print("top-10 µs socket+snip lode  " + withSnippets.summary)

        print(String(format: "ratio build fts5 / lode                 %.2f  (target >= 1)", ftsBuild / lodeBuild))
        print(String(format: "ratio p50 fts5 / lode in process        %.1f  (target >= 10)", ftsTimes.p50 / lodeTimes.p50))
        print(String(format: "ratio p99 fts5 / lode in process        %.1f", ftsTimes.p99 / lodeTimes.p99))
        print(String(format: "ratio p50 socket / in process           %.2f  (target <= 2)", plain.p50 / lodeTimes.p50))
        print(String(format: "ratio p50 socket / (in process + raw socket round trip)  %.2f", plain.p50 / (lodeTimes.p50 + raw[raw.count / 2])))
        if let peer {
            print(String(format: "ratio p50 tantivy / lode in process     %.2f  (target >= 1)", peer.times.p50 / lodeTimes.p50))
            print(String(format: "ratio p99 tantivy / lode in process     %.2f  (target >= 1)", peer.times.p99 / lodeTimes.p99))
            print(String(format: "ratio index on disk lode / tantivy      %.2f  (target <= 1.5)", Double(lodeSize) / Double(peer.bytesOnDisk)))
            print(String(format: "loded restart s                         %.2f  (target <= 0.5)", restart))
            print(String(format: "loded heap after restart MB             %.0f  (target <= 300 at 150k, <= 1000 at 1M)", restartedHeap))
        }
    }
}

/// The peer: Tantivy through its Python binding (Scripts/bench_search_tantivy.py), given the
/// same articles and queries in files, indexing on disk and timing the same top 10.
private struct TantivyPeer {
    var buildSeconds: Double
    var bytesOnDisk: Int
    var times: Latency
    var restartSeconds: Double
    var restartHeapMegabytes: Double

    static func run(script: String, folder: String, documents: [SearchDocument], queries: [QuerySet.Query]) throws -> TantivyPeer {
        let files = FileManager.default
        try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func lines(_ objects: [[String: Any]]) throws -> Data {
            var data = Data()
            for object in objects {
                data += try JSONSerialization.data(withJSONObject: object)
                data.append(0x0A)
            }
            return data
        }
        try lines(documents.map { d in
            var a: [String: Any] = ["headline": d.headline, "body": d.paragraphs.joined(separator: "\n\n")]
            if let year = d.date?.year { a["year"] = year }
            return a
        }).write(to: URL(fileURLWithPath: folder + "/articles.jsonl"))
        try lines(queries.map { ["kind": $0.kind, "query": $0.tantivy] }).write(to: URL(fileURLWithPath: folder + "/queries.jsonl"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let micros = result["micros"] as? [[Any]] else {
            throw ValidationError("\(script) failed (exit \(process.terminationStatus))")
        }
        return TantivyPeer(buildSeconds: result["build_seconds"] as? Double ?? 0, bytesOnDisk: result["bytes_on_disk"] as? Int ?? 0,
                           times: Latency(measured: micros.map { ($0[0] as? String ?? "", $0[1] as? Double ?? 0) }),
                           restartSeconds: result["restart_seconds"] as? Double ?? 0,
                           restartHeapMegabytes: result["restart_rss_anon_mb"] as? Double ?? 0)
    }
}

/// The peer: an FTS5 table over the same headlines and bodies, stemmed with Porter like
/// Lode, ranked by `bm25()` with the headline weighted as Lode weights it.
private final class FTS5Index {
    let path: String
    private let queue: DatabaseQueue

    init(path: String, documents: [SearchDocument]) throws {
        self.path = path
        var config = Configuration()
        config.prepareDatabase { try $0.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL") }
        queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE fts USING fts5(headline, body, content='', tokenize='porter unicode61 remove_diacritics 2');
                CREATE TABLE meta (rowid INTEGER PRIMARY KEY, year INTEGER);
                """)
        }
        for start in stride(from: 0, to: documents.count, by: 1000) {
            try queue.write { db in
                for i in start..<min(start + 1000, documents.count) {
                    let d = documents[i]
                    try db.execute(sql: "INSERT INTO fts(rowid, headline, body) VALUES (?, ?, ?)",
                                   arguments: [i + 1, d.headline, d.paragraphs.joined(separator: "\n\n")])
                    try db.execute(sql: "INSERT INTO meta VALUES (?, ?)", arguments: [i + 1, d.date?.year])
                }
            }
        }
        _ = try queue.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }

    var bytesOnDisk: Int {
        ["", "-wal"].reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0) }
    }

    func top10(_ q: QuerySet.Query) throws {
        try queue.read { db in
            if let years = q.years {
                _ = try Int64.fetchAll(db, sql: """
                    SELECT fts.rowid FROM fts JOIN meta ON meta.rowid = fts.rowid
                    WHERE fts MATCH ? AND meta.year BETWEEN ? AND ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT 10
                    """, arguments: [q.fts5, years.lowerBound, years.upperBound])
            } else {
                _ = try Int64.fetchAll(db, sql: "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 3.0, 1.0) LIMIT 10",
                                       arguments: [q.fts5])
            }
        }
    }
}

/// Latency percentiles over one timed pass of every query, after one untimed pass.
struct Latency {
    private(set) var micros: [Double]
    /// Microseconds by kind of query.
    private(set) var byKind: [String: [Double]] = [:]

    /// Times measured elsewhere (a peer's), with their kinds of query.
    init(measured: [(kind: String, micros: Double)]) {
        micros = measured.map(\.micros).sorted()
        for m in measured { byKind[m.kind, default: []].append(m.micros) }
    }

    private init(micros: [Double]) { self.micros = micros }

    static func measure(_ queries: [QuerySet.Query], _ body: (QuerySet.Query) throws -> Void) throws -> Latency {
        for q in queries { try body(q) }
        var latency = Latency(micros: [])
        for q in queries {
            let start = ContinuousClock.now
            try body(q)
            latency.record(q, since: start)
        }
        return latency
    }

    static func measure(_ queries: [QuerySet.Query], _ body: (QuerySet.Query) async throws -> Void) async throws -> Latency {
        for q in queries { try await body(q) }
        var latency = Latency(micros: [])
        for q in queries {
            let start = ContinuousClock.now
            try await body(q)
            latency.record(q, since: start)
        }
        return latency
    }

    private mutating func record(_ q: QuerySet.Query, since start: ContinuousClock.Instant) {
        let micros = Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1000
        let at = self.micros.firstIndex { $0 > micros } ?? self.micros.count
        self.micros.insert(micros, at: at)
        byKind[q.kind, default: []].append(micros)
    }

    /// The median of each kind of query.
    func medians() -> [(kind: String, p50: Double)] { percentilesByKind().map { ($0.kind, $0.p50) } }

    /// The p50, p95 and p99 of each kind of query.
    func percentilesByKind() -> [(kind: String, p50: Double, p95: Double, p99: Double)] {
        byKind.map { kind, times in
            let sorted = times.sorted()
            return (kind, Self.percentile(0.5, of: sorted), Self.percentile(0.95, of: sorted), Self.percentile(0.99, of: sorted))
        }.sorted { $0.kind < $1.kind }
    }

    func percentile(_ p: Double) -> Double { Self.percentile(p, of: micros) }

    private static func percentile(_ p: Double, of sorted: [Double]) -> Double {
        sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
    var p50: Double { percentile(0.5) }
    var p99: Double { percentile(0.99) }
    var summary: String { String(format: "p50 %8.1f   p95 %8.1f   p99 %9.1f", p50, percentile(0.95), p99) }
}

/// Memory the process holds, from /proc.
enum Resident {
    static var megabytes: Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = Double(statm.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    static var peakMegabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension RPCClient {
    /// Ingests `documents` through one stream, returning how many results came back.
    func ingestAll(_ documents: [Corpus.RawDocument]) async throws -> Int {
        let call = try start(Corpus.ingest)
        let sender = Task {
            for d in documents { try await call.send(d.wireBytes()) }
            try await call.halfClose()
        }
        var count = 0
        while try await call.next() != nil { count += 1 }
        try await sender.value
        return count
    }
}
