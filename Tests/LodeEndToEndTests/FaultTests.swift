import Foundation
import LodeAPI
import LodeCorpus
import LodeRPC
import LodeTesting
import LodeText
import LodeWire
import Testing

/// loded when things go wrong around it: no room on disk, a store it may not write, a client
/// that stops reading, a thousand idle connections, and kill -9 in the middle of ingesting.
@Suite(.timeLimit(.minutes(6))) struct FaultTests {
    /// Articles of our own: a headline and paragraphs of words drawn with a fixed seed, each
    /// with a word of its own (`marker<k>`) so it can be searched for.
    static func articles(_ range: Range<Int>, paragraphs: Int = 5) -> [Corpus.RawDocument] {
        let words = ["rare", "earth", "export", "quota", "magnet", "refinery", "smelter", "price", "tonnes", "permit",
                     "province", "ministry", "supply", "demand", "alloy", "oxide", "mine", "buyers", "shipment", "licence",
                     "output", "market", "traders", "factory", "contract", "industry", "growth", "policy", "ore", "yttrium"]
        return range.map { k in
            var random = SeededRandom(seed: UInt64(k) &+ 17)
            let body = (0..<paragraphs).map { _ in
                "The " + (0..<40).map { _ in words[random.next(below: words.count)] }.joined(separator: " ") + " in marker\(k)."
            }.joined(separator: "\n\n")
            return Corpus.RawDocument(name: "article-\(k).txt", content: Array(body.utf8), format: .cleanText,
                                      headline: "Report \(k) on \(words[k % words.count]) supply", source: "Lode Test Wire",
                                      date: "2024-05-\(String(format: "%02d", 1 + k % 28))")
        }
    }

    /// Sends `documents` in one ingest stream; returns the ids acknowledged (added or already
    /// there) and the error that ended the stream, if one did.
    static func ingest(_ documents: [Corpus.RawDocument], _ client: RPCClient,
                       stopAfter: Int = .max) async throws -> (ids: [String], error: RPCError?) {
        let call = try client.start(Corpus.ingest)
        let sender = Task {
            for d in documents { try await call.send(d.wireBytes()) }
            try await call.halfClose()
        }
        defer { sender.cancel() }
        var ids: [String] = []
        do {
            while ids.count < stopAfter, let bytes = try await call.next() {
                let result = try Corpus.IngestResult(wire: bytes)
                #expect(result.outcome == .added || result.outcome == .unchanged, "\(result)")
                ids.append(result.documentId)
            }
        } catch let error as RPCError {
            return (ids, error)
        }
        return (ids, nil)
    }

    /// The ids of every document in the store.
    static func storedIDs(_ client: RPCClient) async throws -> Set<String> { Set(try await stored(client).keys) }

    /// The headline of every document in the store, by id.
    static func stored(_ client: RPCClient) async throws -> [String: String] {
        let call = try client.start(Corpus.export, first: try Corpus.ExportRequest().wireBytes(), end: true)
        var headlines: [String: String] = [:]
        while let bytes = try await call.next() {
            let document = try Corpus.Document(wire: bytes)
            headlines[document.id] = document.headline
        }
        return headlines
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Sets the soft file-size limit (ulimit -f) of a running process; nil lifts it.
    static func setFileSizeLimit(of pid: Int32, to bytes: UInt64?) async throws {
        let limit = bytes.map { "\($0)" } ?? "unlimited"
        #expect(try await ChildProcess("prlimit", ["--pid", "\(pid)", "--fsize=\(limit):unlimited"]).wait() == 0)
    }

    static func largestFile(in folder: TemporaryDirectory) throws -> UInt64 {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).map {
            (try FileManager.default.attributesOfItem(atPath: folder.path($0))[.size] as? UInt64) ?? 0
        }.max() ?? 0
    }

    @Test func aFullDiskStopsIngestWithAClearErrorLosesNothingAcknowledgedAndCarriesOnOnceThereIsRoom() async throws {
        let server = try await LodedProcess(arguments: ["--no-entities"])
        let documents = Self.articles(0..<3_000)
        let client = try await server.connect()
        // Room for a few hundred of the 3,000: the file-size limit (ulimit -f) stands in for a full disk.
        try await Self.setFileSizeLimit(of: server.pid, to: try Self.largestFile(in: server.folder) + 1_500_000)
        let (acknowledged, error) = try await Self.ingest(documents, client)
        let failure = try #require(error)
        #expect(failure.code == .resourceExhausted, "\(failure)")
        #expect(failure.message.contains("could not be written") && failure.message.contains("file-size limit"), "\(failure)")
        #expect(acknowledged.count > 100 && acknowledged.count < documents.count, "\(acknowledged.count) acknowledged")
        #expect(try await Self.storedIDs(client).isSuperset(of: acknowledged), "every acknowledged document is stored")
        #expect(try await client.checkHealth() == .serving)

        try await Self.setFileSizeLimit(of: server.pid, to: nil)
        let (all, again) = try await Self.ingest(documents, client)
        #expect(again == nil, "room again: the same stream goes through")
        #expect(Set(all).count == documents.count)
        await client.close()
        await server.stop()

        let restarted = try await LodedProcess(arguments: ["--store", server.folder.path("lode.sqlite"), "--no-entities"])
        let reader = try await restarted.connect()
        #expect(try await Self.storedIDs(reader) == Set(all))
        let found = try await reader.unary(Search.search, Search.SearchRequest(query: "marker2999"))
        #expect(found.total == 1)
        await reader.close()
    }

    @Test func killedWithSignalNineDuringIngestTwentyTimesLosesNothingAcknowledged() async throws {
        let folder = TemporaryDirectory()
        let store = folder.path("lode.sqlite")
        var random = SeededRandom(seed: 2026)
        var acknowledged = Set<String>()
        for trial in 0..<20 {
            // Each start writes what the last trial indexed as a segment; more are written, and
            // merged, each second while the stream comes in.
            let server = try await LodedProcess(arguments: ["--store", store, "--no-entities", "--index-save-interval", "1"])
            #expect(!server.log.contains("indexing the store again"), "trial \(trial): the index on disk loads whole\n\(server.log)")
            let client = try await server.connect()
            let stored = try await Self.storedIDs(client)
            #expect(stored.isSuperset(of: acknowledged), "trial \(trial): \(acknowledged.subtracting(stored).count) acknowledged documents lost")
            let documents = Self.articles(trial * 300..<trial * 300 + 300)
            let (ids, _) = try await Self.ingest(documents, client, stopAfter: 1 + random.next(below: 250))
            await server.stop(signal: SIGKILL)  // while the rest of the stream is still coming in
            acknowledged.formUnion(ids)
        }
        #expect(try DocumentStore(path: store).integrityCheck() == "ok")
        let server = try await LodedProcess(arguments: ["--store", store, "--no-entities"])
        let client = try await server.connect()
        let survived = try await Self.storedIDs(client)
        #expect(survived.isSuperset(of: acknowledged))
        let stats = try await client.unary(Search.indexStats, Search.IndexStatsRequest())
        #expect(stats.documents == UInt64(survived.count), "the search index holds what the store holds")
        // Each stored article is found by its own word, and by it alone.
        for (id, headline) in try await Self.stored(client).sorted(by: { $0.key < $1.key }).prefix(60) {
            let k = try #require(headline.split(separator: " ").dropFirst().first, "\(headline)")
            let found = try await client.unary(Search.search, Search.SearchRequest(query: "marker\(k)"))
            #expect(found.total == 1 && found.hits.first?.id == id, "marker\(k)")
        }
        // Sent again, what survived is recognised and only what was lost is added.
        let (all, error) = try await Self.ingest(Self.articles(0..<6_000), client)
        #expect(error == nil && Set(all).count == 6_000)
        #expect(try await Self.storedIDs(client) == Set(all), "every article stored once")
        await client.close()
    }

    @Test func aStoreLodedMayNotWriteIsRefusedWithAClearMessageAndLeftUntouched() async throws {
        let folder = TemporaryDirectory()
        let store = folder.path("lode.sqlite")
        do {
            let server = try await LodedProcess(arguments: ["--store", store, "--no-entities"])
            let client = try await server.connect()
            _ = try await Self.ingest(Self.articles(0..<20), client)
            await client.close()
            await server.stop()
        }
        // The store and the search index's folder, read-only all through.
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.url.path).sorted()
        let files = paths.filter { !Self.isFolder(folder.path($0)) }
        let folders = [""] + paths.filter { Self.isFolder(folder.path($0)) }
        for f in files { chmod(folder.path(f), 0o444) }
        for f in folders { chmod(folder.path(f), 0o555) }
        defer { for f in folders { chmod(folder.path(f), 0o755) } }
        #expect(files.contains { $0.hasSuffix(".search/manifest") }, "\(files)")
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: folder.path($0))) }
        // Root writes through permissions: run loded as nobody then.
        let runAs: [String] = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let log = TemporaryDirectory()
        chmod(log.url.path, 0o1777)
        let command = runAs + [Binaries.loded.path, "--socket", log.path("lode.sock"), "--store", store]
        let loded = try ChildProcess(command[0], Array(command.dropFirst()), stderr: log.path("stderr"))
        #expect(await loded.wait() == 1)
        let message = try String(contentsOfFile: log.path("stderr"), encoding: .utf8)
        #expect(message.contains("cannot be written") && message.contains("--store"), "\(message)")
        #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: folder.path($0))) } == before)
    }

    @Test func aClientThatStopsReadingAStreamHoldsTheServerBackNotItsMemory() async throws {
        let server = try await LodedProcess(arguments: ["--no-entities"])
        let client = try await server.connect()
        let documents = Self.articles(0..<4_000, paragraphs: 20)  // about 22 MB to export
        _ = try await Self.ingest(documents, client)
        let raw = try RawConnection(path: server.socketPath)
        _ = try raw.handshake()
        let before = try server.residentKilobytes("RssAnon")
        try raw.send(ClientFrame(callId: 1, start: CallStart(method: Corpus.export.path), message: try Corpus.ExportRequest().wireBytes(),
                                 halfClose: true))
        // The socket fills, then nothing more comes while this side reads nothing.
        var waiting = 0, steady = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while steady < 40, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(25))
            let now = raw.bytesWaiting()
            steady = now == waiting && now > 0 ? steady + 1 : 0
            waiting = now
        }
        #expect(steady >= 40, "the export never stalled")
        let grown = try server.residentKilobytes("RssAnon") - before
        #expect(grown < 8_192, "loded grew \(grown) KB holding an export nobody reads")
        #expect(try await client.checkHealth() == .serving, "other calls go on")
        var received = 0
        while let frame = try raw.readFrame() {
            if frame.message != nil { received += 1 }
            if let status = frame.status {
                #expect(status.code == .ok)
                break
            }
        }
        #expect(received == documents.count, "reading again, the whole export arrives")
        await client.close()
    }

    @Test func aThousandIdleConnectionsLeaveTheServerServing() async throws {
        // Without entities: the tagger's model (34 MB) loads in the background at start and
        // would land inside the measurement when it is late.
        let server = try await LodedProcess(arguments: ["--max-connections", "1100", "--no-entities"])
        let before = try server.residentKilobytes()
        var idle: [RawConnection] = []
        for _ in 0..<1_024 {
            let raw = try RawConnection(path: server.socketPath)
            #expect(try raw.handshake()?.hello != nil)
            idle.append(raw)
        }
        let client = try await server.connect()
        #expect(try await client.checkHealth() == .serving)
        _ = try await client.unary(Search.search, Search.SearchRequest(query: "rare earth"))
        let open = try await client.serverStats().connectionsOpen
        #expect(open >= 1_025, "\(open) connections open: the 1,024 idle ones and this client")
        let grown = try server.residentKilobytes() - before
        #expect(grown < 32_768, "1,024 idle connections took \(grown) KB")
        for raw in idle { raw.close() }
        // Up to 180 s: beside the suite's other stress tests a busy 2-core machine notices closes slowly.
        let after = try await client.serverStats(when: { $0.connectionsOpen == 1 }, within: .seconds(180))
        #expect(after.connectionsOpen == 1, "closed connections are let go")
        await client.close()
    }
}
