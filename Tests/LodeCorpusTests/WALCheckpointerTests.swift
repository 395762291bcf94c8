import Foundation
import GRDB
@testable import LodeCorpus
import Testing

/// The write-ahead log is copied into the store file by the store's own checkpointer once it
/// holds its threshold of pages, not by the committing writer; what was committed is read
/// back whole before and after, and after a reopen.
@Suite struct WALCheckpointerTests {
    /// About 130 KB: forty of them take the log past SQLite's own threshold of 1,000 pages.
    private func document(_ n: Int) -> StoredDocument {
        let body = (0..<2_000).map { "Paragraph \($0) of story \(n) about rare earths in Baotou." }.joined(separator: " ")
        return StoredDocument(id: "d\(n)", url: nil, name: "d\(n).txt", externalID: nil,
                              page: CleanedPage(headline: "Story \(n)", paragraphs: [body]), contentHash: "h\(n)",
                              duplicateOf: nil, ingestedAt: Date(), signature: CopySignature(of: body))
    }

    private func fileSize(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    }

    @Test func theLogIsCopiedIntoTheFileBesideTheWriter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-wal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lode.sqlite").path
        // A bound the test never reaches: only the checkpointer copies pages into the file.
        let checkpointer = WALCheckpointer(path: path, threshold: 16, bound: .max)
        let store = try DocumentStore(path: path, checkpointer: checkpointer)
        checkpointer.drain()
        let empty = try fileSize(path)
        for n in 0..<40 { try store.insert([document(n)]) }
        checkpointer.drain()
        #expect(try fileSize(path) > empty + 40 * 100_000, "the documents' pages reached the store file")
        #expect(try store.stats().documents == 40)
        try store.close()
        #expect(try fileSize(path + "-wal") == 0, "closing leaves nothing in the log")
        let reopened = try DocumentStore(path: path)
        #expect(try reopened.stats().documents == 40)
        #expect(try reopened.document(id: "d39")?.page.headline == "Story 39")
        try reopened.close()
    }

    @Test func withoutTheCheckpointerTheLogKeepsThePagesUntilClose() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-wal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lode.sqlite").path
        // A threshold and bound never reached: the writer's commits leave every page in the log.
        let checkpointer = WALCheckpointer(path: path, threshold: .max, bound: .max)
        let store = try DocumentStore(path: path, checkpointer: checkpointer)
        checkpointer.drain()
        let empty = try fileSize(path)
        for n in 0..<40 { try store.insert([document(n)]) }
        checkpointer.drain()
        #expect(try fileSize(path) == empty, "SQLite's own checkpoint in the commit is replaced")
        #expect(try fileSize(path + "-wal") > 40 * 100_000)
        try store.close()
        #expect(try fileSize(path) > empty + 40 * 100_000)
    }
}
