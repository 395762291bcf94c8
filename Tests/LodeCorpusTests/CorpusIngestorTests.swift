import Foundation
import GRDB
import LodeCorpus
import Synchronization
import Testing

private func seedBytes(_ name: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return Array(try Data(contentsOf: root.appendingPathComponent("../shared/data/seeds/\(name)").standardized))
}

private func fixtureBytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "txt")!))
}

/// A store in a fresh temporary folder.
private final class TemporaryStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-store-\(UUID().uuidString.prefix(8))")
    var path: String { folder.appendingPathComponent("lode.sqlite").path }
    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct CorpusIngestorTests {
    @Test func aStoreNamedByABareFileNameOpensInTheCurrentFolder() throws {
        let name = "lode-test-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: "s" + suffix) } }
        _ = try DocumentStore(path: "s")  // one character: NSString's deletingLastPathComponent traps on it
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: name + suffix) } }
        let store = try DocumentStore(path: name)
        #expect(try store.stats().documents == 0)
        #expect(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/" + name))
    }

    @Test func seedsAreAddedOnceThenUnchanged() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let pages = [RawPage(name: "003", content: try seedBytes("003_eb09d43d86d3f17b.txt")),
                     RawPage(name: "000", content: try seedBytes("000_ca0d623b566459ca.txt"))]
        let first = try await ingestor.ingest(pages)
        #expect(first.map(\.outcome) == [.added, .added])
        let again = try await ingestor.ingest(pages)
        #expect(again.map(\.outcome) == [.unchanged, .unchanged])
        #expect(again.map(\.documentID) == first.map(\.documentID), "the same page keeps its id")
        let stored = try #require(try ingestor.store.document(id: first[0].documentID!))
        #expect(stored.page.source == "Xinhua" && stored.page.date?.description == "2016-08-10")
        #expect(try ingestor.store.stats().documents == 2)
    }

    /// Batches committed as the ingest call pipelines them (the next committing while the one
    /// before is observed), with deletes among them: the observer hears every change once, in
    /// commit order, and each batch's results come back only once it has heard them.
    @Test func theObserverHearsEveryChangeInCommitOrderBeforeResultsReturn() async throws {
        let temp = TemporaryStore()
        let heard = Mutex<[String]>([])
        let lastSequence = Mutex<Int64>(0)
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path), observer: { change in
            switch change {
            case .stored(let documents):
                for (sequence, document) in documents {
                    lastSequence.withLock { last in
                        #expect(sequence > last, "sequence numbers arrive in commit order")
                        last = sequence
                    }
                    heard.withLock { $0.append("+" + document.id) }
                }
            case .deleted(let id):
                heard.withLock { $0.append("-" + id) }
            }
        })
        func page(_ n: Int) -> RawPage {
            RawPage(name: "p\(n)", content: Array("Story number \(n) about rare earth output in region \(n * 7919 % 1000).".utf8),
                    format: .cleanText, url: "https://example.com/\(n)")
        }
        var expected: [String] = []
        var committing: Task<CorpusIngestor.CommittedPages, any Error>?
        for batch in 0..<20 {
            let prepared = await ingestor.prepare((0..<8).map { page(batch * 8 + $0) })
            let committed = try await committing?.value
            committing = Task { try await ingestor.commit(prepared) }
            if let committed {
                let results = await committed.observed()
                let ids = results.compactMap(\.documentID)
                #expect(ids.count == 8)
                #expect(Set(ids.map { "+" + $0 }).isSubset(of: Set(heard.withLock { $0 })), "a batch's results come back once it was heard")
                expected += ids.map { "+" + $0 }
                if batch % 5 == 0, let id = ids.first {
                    // A delete between commits: heard after what was committed before it.
                    try await committing?.value.observed().forEach { expected.append("+" + $0.documentID!) }
                    committing = nil
                    #expect(try await ingestor.delete(id: id))
                    #expect(heard.withLock { $0.last } == "-" + id)
                    expected.append("-" + id)
                }
            }
        }
        if let last = try await committing?.value { expected += await last.observed().map { "+" + $0.documentID! } }
        #expect(heard.withLock { $0 } == expected)
    }

    @Test func theSameContentUnderAnotherNameIsRecordedWhereItWasSeen() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let bytes = try fixtureBytes("wire-style")
        let first = try await ingestor.ingest([RawPage(name: "feeds/a.txt", content: bytes)])
        let id = try #require(first[0].documentID)
        let again = try await ingestor.ingest([RawPage(name: "mirror/b.txt", content: bytes), RawPage(name: "feeds/a.txt", content: bytes),
                                               RawPage(name: "mirror/b.txt", content: bytes)])
        #expect(again.map(\.outcome) == [.unchanged, .unchanged, .unchanged])
        #expect(try ingestor.store.document(id: id)?.seenAs == ["mirror/b.txt"], "once, and not under its own name")
        #expect(try await ingestor.delete(id: id))
        _ = try await ingestor.ingest([RawPage(name: "feeds/a.txt", content: bytes)])
        #expect(try ingestor.store.document(id: id)?.seenAs == [], "a deleted document's sightings go with it")
    }

    @Test func thePublisherComesFromTheURLUnlessGiven() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let bytes = try fixtureBytes("wire-style")
        let results = try await ingestor.ingest([
            RawPage(name: "a", content: bytes, url: "https://www.chinadaily.com.cn/a/202401/01/WS1.html"),
            RawPage(name: "b", content: bytes, url: "https://news.example.org/story/1"),
            RawPage(name: "c", content: bytes, url: "https://news.example.org/story/2", hints: PageHints(publisher: "Example News")),
        ])
        let publishers = try results.map { try ingestor.store.document(id: $0.documentID!)?.page.publisher }
        #expect(publishers == ["China Daily", "news.example.org", "Example News"])
        #expect(try ingestor.store.document(id: results[0].documentID!)?.page.source == "Reuters", "the wire wrote it")
    }

    @Test func syndicatedCopyIsStoredAndLinkedToTheFirst() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let original = try await ingestor.ingest([RawPage(name: "xinhua", content: try seedBytes("003_eb09d43d86d3f17b.txt"))])[0]
        let copy = try await ingestor.ingest([RawPage(name: "portal", content: try fixtureBytes("syndicated-copy"))])[0]
        guard case .duplicate(let of, let similarity) = copy.outcome else {
            Issue.record("expected a duplicate, got \(copy.outcome)")
            return
        }
        #expect(of == original.documentID)
        #expect(similarity >= 0.8)
        #expect(copy.documentID != original.documentID)
        #expect(try ingestor.store.stats().duplicates == 1)
        let (copies, _) = try ingestor.store.list(DocumentFilter(duplicates: .duplicates), limit: 10, after: nil)
        #expect(copies.map(\.id) == [copy.documentID!])
    }

    @Test func nearDuplicatesSurviveAReopen() async throws {
        let temp = TemporaryStore()
        let original = try await CorpusIngestor(store: DocumentStore(path: temp.path))
            .ingest([RawPage(name: "xinhua", content: try seedBytes("003_eb09d43d86d3f17b.txt"))])[0]
        let reopened = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let copy = try await reopened.ingest([RawPage(name: "portal", content: try fixtureBytes("syndicated-copy"))])[0]
        guard case .duplicate(let of, _) = copy.outcome else {
            Issue.record("the reopened index missed the copy: \(copy.outcome)")
            return
        }
        #expect(of == original.documentID)
    }

    /// The near-duplicate index loads in the background; when the store cannot be read, a
    /// commit says why (and every later one tries the load again) instead of writing without it.
    @Test func anIngestorWhoseIndexCannotLoadRefusesCommitsWithTheStoresError() async throws {
        let temp = TemporaryStore()
        let store = try DocumentStore(path: temp.path)
        try store.close()
        let ingestor = CorpusIngestor(store: store)
        for _ in 0..<2 {
            await #expect(throws: StoreError.self) {
                try await ingestor.ingest([RawPage(name: "p", content: Array("Prices of cerium oxide rose, traders said on Tuesday.".utf8))])
            }
        }
        await #expect(throws: StoreError.self) { try await ingestor.delete(id: "anything") }
    }

    @Test func badPagesAreRejectedWithAReasonAndTheRestGoIn() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        var latin1 = Array("Prices rose again in the rare earth market this week as traders in Baotou reported strong demand from magnet makers. Caf".utf8)
        latin1 += [0xE9] + Array(" owners noticed nothing.".utf8)
        let results = try await ingestor.ingest([
            RawPage(name: "empty.txt", content: Array("  \n\n ".utf8)),
            RawPage(name: "image.png", content: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3]),
            RawPage(name: "nav.txt", content: Array("Home | News | Sport | Weather\nCopyright 2024".utf8)),
            RawPage(name: "page.html", content: Array("<!DOCTYPE html><html><body><p>x</p></body></html>".utf8)),
            RawPage(name: "latin1.txt", content: latin1),
        ])
        #expect(results[0].outcome == .rejected(reason: "the page is empty"))
        #expect(results[1].outcome == .rejected(reason: "the page looks binary, not text"))
        #expect(results[2].outcome == .rejected(reason: "no article text was found once site furniture was removed"))
        #expect(results[3].outcome == .rejected(reason: "no article text was found once site furniture was removed"), "a one-word HTML page has no article")
        #expect(results[4].outcome == .added)
        #expect(results[4].warnings.contains { $0.contains("leniently") })
        #expect(try ingestor.store.stats().documents == 1)
    }

    @Test func givenURLDecidesTheIdAndNewContentReplacesTheOld() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let v1 = RawPage(name: "a", content: Array("First version of a story about magnet exports rising sharply in the first quarter of the year.".utf8),
                         url: "https://example.org/story")
        let v2 = RawPage(name: "a", content: Array("Second version of a story about lanthanum prices falling sharply in the second quarter of the year.".utf8),
                         url: "https://example.org/story")
        let a = try await ingestor.ingest([v1])[0]
        let b = try await ingestor.ingest([v2])[0]
        #expect(a.documentID == b.documentID)
        #expect(b.outcome == .added)
        #expect(try ingestor.store.document(id: a.documentID!)?.page.body.hasPrefix("Second version") == true)
        #expect(try ingestor.store.stats().documents == 1)
    }
}

@Suite struct DocumentStoreTests {
    @Test func listsPageWithAStableCursorAndFilters() async throws {
        let temp = TemporaryStore()
        let ingestor = try CorpusIngestor(store: DocumentStore(path: temp.path))
        let pages = (1...7).map { i in
            RawPage(name: "p\(i)", content: Array("Story number \(i) about \(["cerium", "yttrium", "terbium", "dysprosium", "lanthanum", "neodymium", "scandium"][i - 1]) output in a province that reported record shipments this month.".utf8),
                    hints: PageHints(source: i % 2 == 0 ? "Xinhua" : "China Daily", date: PublicationDate(year: 2020 + i, month: 1, day: 1)))
        }
        _ = try await ingestor.ingest(pages)
        let store = ingestor.store
        var seen: [String] = []
        var cursor: Int64?
        repeat {
            let (page, next) = try store.list(DocumentFilter(), limit: 3, after: cursor)
            seen += page.map(\.name)
            cursor = next
        } while cursor != nil
        #expect(seen == ["p7", "p6", "p5", "p4", "p3", "p2", "p1"])
        let xinhua = try store.list(DocumentFilter(source: "xinhua"), limit: 10, after: nil).0
        #expect(xinhua.map(\.name) == ["p6", "p4", "p2"])
        let dated = try store.list(DocumentFilter(dateFrom: PublicationDate(year: 2023, month: 1, day: 1),
                                                  dateTo: PublicationDate(year: 2025, month: 6, day: 1)), limit: 10, after: nil).0
        #expect(dated.map(\.name) == ["p5", "p4", "p3"])
        let stats = try store.stats()
        #expect(stats.documents == 7 && stats.sources == 2 && stats.firstDate == "2021-01-01" && stats.lastDate == "2027-01-01")
        #expect(try store.delete(id: xinhua[0].id))
        #expect(try !store.delete(id: xinhua[0].id))
        #expect(try store.stats().documents == 6)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aFileThatIsNotAStoreIsRefusedAndLeftUntouched() throws {
        let temp = TemporaryStore()
        try FileManager.default.createDirectory(at: temp.folder, withIntermediateDirectories: true)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: URL(fileURLWithPath: temp.path))
        #expect(throws: StoreError.notADatabase(temp.path)) { try DocumentStore(path: temp.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path)) == garbage)
    }

    @Test func aDamagedStoreIsRefusedAndLeftUntouched() async throws {
        let temp = TemporaryStore()
        let store = try DocumentStore(path: temp.path)
        let pages = (0..<300).map { i in
            RawPage(name: "p\(i)", content: Array("Report \(i): shipments of cerium oxide from the port rose again this week, traders said, citing customs data for the period.".utf8))
        }
        _ = try await CorpusIngestor(store: store).ingest(pages)
        try store.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: temp.path))
        // Break the b-tree page headers (page type bytes) of pages 2 to 12: structure SQLite checks.
        for page in 1..<min(12, bytes.count / 4096) { bytes[page * 4096] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: temp.path))
        let error = #expect(throws: StoreError.self) { try DocumentStore(path: temp.path) }
        guard case .corrupt? = error else {
            Issue.record("expected a corrupt-store error, got \(String(describing: error))")
            return
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path)) == bytes)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let temp = TemporaryStore()
        try FileManager.default.createDirectory(at: temp.folder, withIntermediateDirectories: true)
        let other = try DatabaseQueue(path: temp.path)
        try other.write { try $0.execute(sql: "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')") }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: temp.path))
        #expect(throws: StoreError.foreign(temp.path)) { try DocumentStore(path: temp.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temp.path)) == before)
    }
}
