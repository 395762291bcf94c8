import Foundation
import LodeAPI
import LodeCLI
import LodeCorpus
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// The shared data beside the checkout.
@Suite(.timeLimit(.minutes(3))) struct CorpusTests {
    @Test func seedsGoInThroughTheCLIAndComeBackCleaned() async throws {
        let server = try await LodedProcess()
        let first = try LodeRun.run(["--format", "json", "ingest", "\(sharedData)/seeds"], socket: server.socketPath)
        #expect(first.status == 0, "\(first.stderr)")
        let results = try first.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(results.map { $0["outcome"] } == [.string("ADDED"), .string("ADDED")])
        let again = try LodeRun.run(["ingest", "\(sharedData)/seeds"], socket: server.socketPath)
        #expect(again.stdout.contains("0      2"), "both pages unchanged: \(again.stdout)")

        let client = try await server.connect()
        defer { Task { await client.close() } }
        let list = try await client.unary(Corpus.list, Corpus.ListRequest())
        let xinhua = try #require(list.documents.first { $0.source == "Xinhua" })
        #expect(xinhua.date == "2016-08-10")
        #expect(xinhua.headline == "Rare earth industrial alliance established in north China's Inner Mongolia")
        let globalTimes = try #require(list.documents.first { $0.source == "Global Times" })
        #expect(globalTimes.date == "")
        let document = try await client.unary(Corpus.get, Corpus.GetRequest(id: globalTimes.id))
        #expect(document.paragraphs.first?.hasPrefix("China announced on Wednesday") == true)
        #expect(document.captions.count == 1)

        let shown = try LodeRun.run(["show", xinhua.id], socket: server.socketPath)
        #expect(shown.stdout.contains("source: Xinhua") && shown.stdout.contains("A rare earth industrial alliance"))
        let exported = try LodeRun.run(["export", "--source", "xinhua"], socket: server.socketPath)
        #expect(exported.stdout.split(separator: "\n").count == 1)
        #expect(try LodeRun.run(["rm", xinhua.id], socket: server.socketPath).status == 0)
        #expect(try LodeRun.run(["show", xinhua.id], socket: server.socketPath).status == 5)
        let stats = try LodeRun.run(["--format", "json", "stats"], socket: server.socketPath)
        #expect(try JSONValue(parsing: stats.stdout)["documents"] == .string("1"))
    }

    @Test func badInputsAreRejectedOneByOneAndTheRestIngested() async throws {
        let server = try await LodedProcess()
        let folder = TemporaryDirectory()
        try Data().write(to: folder.url.appendingPathComponent("empty.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 1, 2, 3, 4]).write(to: folder.url.appendingPathComponent("photo.png"))
        let story = "Cerium prices slipped for a second week as buyers in Baotou waited for the new quarter's quotas, traders said."
        try Data(Array(story.utf8) + [0xFF, 0xFE] + Array(" More in the next issue.".utf8)).write(to: folder.url.appendingPathComponent("latin.txt"))
        let lines = [#"{"id": "a", "title": "Copper output rises", "date": "1987-02-26T15:01:01", "body": "Copper output at the mine rose 4 percent last month."}"#,
                     #"{"id": "b", "title": "Broken"#,
                     #"{"id": "c", "title": "Tin stocks fall", "body": "Tin stocks in exchange warehouses fell to a two-year low."}"#]
        try lines.joined(separator: "\n").write(to: folder.url.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let big = String(repeating: "Rare earth magnets power electric motors and wind turbines across the region. ", count: 700_000)
        try big.write(to: folder.url.appendingPathComponent("huge.txt"), atomically: true, encoding: .utf8)

        let run = try LodeRun.run(["ingest", folder.url.path], socket: server.socketPath)
        #expect(run.status == 4, "anything rejected makes a non-zero exit")
        #expect(run.stderr.contains("empty.txt: the page is empty"))
        #expect(run.stderr.contains("photo.png: the page looks binary, not text"))
        #expect(run.stderr.contains("feed.jsonl:2: not valid JSON"))
        #expect(run.stderr.contains("huge.txt:") && run.stderr.contains("MB is larger than the server's"))
        let stats = try await server.connect().unary(Corpus.stats, Corpus.StatsRequest())
        #expect(stats.documents == 3, "latin.txt and the two good JSON Lines records")
        #expect(server.isRunning)
        let json = try LodeRun.run(["--format", "json", "ingest", folder.url.appendingPathComponent("latin.txt").path], socket: server.socketPath)
        #expect(json.stdout.contains("leniently"))
    }

    @Test func symlinkedFilesAndFoldersAreFollowedOnceAndEmptyInputsSaySo() async throws {
        let server = try await LodedProcess()
        let pages = TemporaryDirectory()
        let folder = TemporaryDirectory()
        let fm = FileManager.default
        try "Tin smelters cut output\nKUNMING, May 4 (Xinhua) -- Tin smelters in Yunnan cut output by a fifth in April, an industry group said."
            .write(to: pages.url.appendingPathComponent("tin.txt"), atomically: true, encoding: .utf8)
        try fm.createDirectory(at: pages.url.appendingPathComponent("more"), withIntermediateDirectories: true)
        try "Zinc stocks fall\nLIMA, June 2 (Reuters) - Zinc stocks in Peru's ports fell to a two-year low in May, traders said on Monday."
            .write(to: pages.url.appendingPathComponent("more/zinc.txt"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: folder.path("tin.txt"), withDestinationPath: pages.path("tin.txt"))
        try fm.createSymbolicLink(atPath: folder.path("linked"), withDestinationPath: pages.path("more"))
        try fm.createSymbolicLink(atPath: pages.path("more/loop"), withDestinationPath: pages.path("more"))
        try fm.createSymbolicLink(atPath: folder.path("gone.txt"), withDestinationPath: pages.path("missing.txt"))

        let run = try LodeRun.run(["--format", "tsv", "ingest", folder.url.path], socket: server.socketPath)
        #expect(run.stdout.contains("tin.txt\tadded") && run.stdout.contains("zinc.txt\tadded"), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "zinc.txt").count == 2, "the link cycle is walked once: \(run.stdout)")
        #expect(run.stderr.contains("gone.txt: a symbolic link to nothing"), "\(run.stderr)")
        #expect(run.status == 4)

        let empty = TemporaryDirectory()
        let none = try LodeRun.run(["ingest", empty.url.path], socket: server.socketPath)
        #expect(none.status == 4)
        #expect(none.stderr.contains("no pages: an empty folder or an input without records"), "\(none.stderr)")
        try "\n\n".write(to: empty.url.appendingPathComponent("blank.jsonl"), atomically: true, encoding: .utf8)
        let blank = try LodeRun.run(["ingest", empty.path("blank.jsonl")], socket: server.socketPath)
        #expect(blank.status == 4 && blank.stderr.contains("blank.jsonl: no pages"), "\(blank.stderr)")
    }

    @Test func documentsPageWithCursorsOfTheirOwn() async throws {
        let server = try await LodedProcess(arguments: ["--no-entities"])
        let client = try await server.connect()
        defer { Task { await client.close() } }
        _ = try await client.clientIngest(try await seedRecords())
        var ids: [String] = [], cursor = "", pages = 0
        repeat {
            let page = try await client.unary(Corpus.list, Corpus.ListRequest(limit: 1, cursor: cursor))
            ids += page.documents.map(\.id)
            cursor = page.nextCursor
            pages += 1
        } while !cursor.isEmpty && pages < 10
        #expect(ids.count == 2 && Set(ids).count == 2, "two pages of one, each document once: \(ids)")
        let search = try await client.unary(Search.search, Search.SearchRequest(query: "rare", limit: 1))
        #expect(!search.nextCursor.isEmpty)
        let error = await #expect(throws: RPCError.self) {
            try await client.unary(Corpus.list, Corpus.ListRequest(cursor: search.nextCursor))
        }
        #expect(error?.code == .invalidArgument && error?.message.contains("did not come from a List response") == true,
                "a Search cursor is not a List cursor")
    }

    /// A store its last loded closed cleanly, untouched since, opens without the quick check
    /// (which reads every page); after a kill -9 it is checked, and a store changed since its
    /// clean close is checked and, damaged, refused.
    @Test func onlyAStoreClosedCleanlyAndUntouchedSkipsItsQuickCheck() async throws {
        let folder = TemporaryDirectory()
        let store = folder.path("lode.sqlite")
        let skipped = "quick check skipped"
        let arguments = ["--store", store, "--no-entities"]
        var loded = try await LodedProcess(arguments: arguments)
        #expect(!loded.log.contains(skipped), "a new store")
        let client = try await loded.connect()
        let documents = (0..<300).map { i in
            Corpus.RawDocument(name: "p\(i)", content: Array("Report \(i): shipments of cerium oxide rose again this week, traders said.".utf8))
        }
        #expect(try await client.clientIngest(documents).count { $0.outcome != .rejected } == 300)
        await client.close()
        #expect(await loded.stop() == 0)
        loded = try await LodedProcess(arguments: arguments)
        #expect(loded.log.contains(skipped), "closed cleanly: \(loded.log)")
        #expect(await loded.stop(signal: SIGKILL) != 0)
        loded = try await LodedProcess(arguments: arguments)
        #expect(!loded.log.contains(skipped), "after kill -9 the store is checked")
        // Stopped at once, while its background reads of the store may still run: still clean.
        #expect(await loded.stop() == 0)
        loded = try await LodedProcess(arguments: arguments)
        #expect(loded.log.contains(skipped), "closed cleanly however soon after its start: \(loded.log)")
        #expect(await loded.stop() == 0)

        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        // Break the b-tree page headers (page type bytes) of pages 2 to 12: structure SQLite checks.
        for page in 1..<min(12, bytes.count / 4096) { bytes[page * 4096] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: store))
        let refused = try ChildProcess(Binaries.loded.path, ["--socket", folder.path("s.sock")] + arguments, stderr: folder.path("err"))
        #expect(await refused.wait() == 1)
        #expect(try String(contentsOfFile: folder.path("err"), encoding: .utf8).contains("failed SQLite's integrity check"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
    }

    @Test func loadedRefusesAStoreThatIsNotOurs() async throws {
        let folder = TemporaryDirectory()
        let path = folder.path("notes.sqlite")
        try Data(repeating: 0x41, count: 2048).write(to: URL(fileURLWithPath: path))
        let log = folder.path("err")
        let loded = try ChildProcess(Binaries.loded.path, ["--socket", folder.path("s.sock"), "--store", path], stderr: log)
        #expect(await loded.wait() == 1)
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("is not a SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x41, count: 2048))
    }
}

extension RPCClient {
    /// Ingests `documents` and collects every result.
    func clientIngest(_ documents: [Corpus.RawDocument]) async throws -> [Corpus.IngestResult] {
        let call = try start(Corpus.ingest)
        let sender = Task {
            for d in documents { try await call.send(d.wireBytes()) }
            try await call.halfClose()
        }
        var results: [Corpus.IngestResult] = []
        while let bytes = try await call.next() { results.append(try Corpus.IngestResult(wire: bytes)) }
        try await sender.value
        return results
    }
}
