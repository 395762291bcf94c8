import Foundation
import GRDB
@testable import LodeCorpus
import Testing

/// A document's mentions kept as one blob: what goes in comes out, a damaged blob is refused
/// with where, and a store from before the blobs has its mention rows moved into them.
@Suite struct MentionRecordsTests {
    @Test func mentionsComeBackAsWritten() throws {
        let mentions: [MentionRecords.Mention] = [
            .init(entity: 1, range: 0..<5, text: "Baotou", value: "", alias: nil),
            .init(entity: 1 << 40, range: 70_000..<70_012, text: "Zhāng Zhōng", value: "", alias: "zz"),
            .init(entity: 7, range: 12..<18, text: "$3 bn", value: "USD 3000000000", alias: ""),
        ]
        var records = MentionRecords()
        for m in mentions { records.append(m) }
        #expect(try MentionRecords.decode(Data(records.bytes)) == mentions)
        #expect(try MentionRecords.decode(Data()) == [])
        let moved = try MentionRecords.decode(Data(try MentionRecords.repointing(Data(records.bytes), from: 1, to: 9)))
        #expect(moved.map(\.entity) == [9, 1 << 40, 7])
    }

    @Test func aDamagedBlobIsRefusedWithWhere() throws {
        var records = MentionRecords()
        records.append(.init(entity: 3, range: 4..<10, text: "Xiamen", value: "", alias: nil))
        for cut in [1, 8, 20, records.bytes.count - 1] {
            #expect(throws: MentionRecords.Damaged.self) { try MentionRecords.decode(Data(records.bytes.prefix(cut))) }
        }
        var lying = records.bytes
        lying[16] = 0xFF  // the text's length, past the end
        let error = #expect(throws: MentionRecords.Damaged.self) { try MentionRecords.decode(Data(lying)) }
        #expect(error?.description == "a document's mentions are damaged at byte 20")
    }

    /// A store written with a row per mention (the release before the blobs), opened now:
    /// every entity's mentions, spellings and aliases read as they did.
    @Test func aStoreWithMentionRowsHasThemMovedWhenOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-records-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lode.sqlite").path
        let store = try DocumentStore(path: path)
        for n in 1...6 {
            let body = "Story \(n): China Minmetals Rare Earth (CMRE) and Baotou; CMRE said."
            let page = CleanedPage(headline: "Story \(n)", paragraphs: [body])
            let d = StoredDocument(id: "d\(n)", url: nil, name: "d\(n).txt", externalID: nil, page: page, contentHash: "h\(n)",
                                   duplicateOf: nil, ingestedAt: Date(), signature: CopySignature(of: body))
            let org = "China Minmetals Rare Earth"
            let entities = DocumentEntities(model: "test", mentions: [
                .init(kind: "ORG", name: org, key: org.lowercased(), text: org, range: 9..<35, alias: n % 2 == 0 ? "cmre" : nil),
                .init(kind: "LOC", name: "Baotou", key: "baotou", text: n % 3 == 0 ? "BAOTOU" : "Baotou", range: 47..<53),
                .init(kind: "ORG", name: org, key: org.lowercased(), text: "CMRE", range: 55..<59),
            ])
            try store.insert([d], entities: [entities])
        }
        func reading(_ store: DocumentStore) throws -> [String] {
            try store.entities(kinds: [], prefix: "", order: .name, limit: 100, offset: 0).entities.flatMap { e in
                try ["\(e.name) \(e.documents) \(e.mentions)"]
                    + store.spellings(of: e.id).map { "  \($0.text) \($0.mentions)" }
                    + store.mentions(of: e.id, after: nil, limit: 100).map { "  \($0.sequence) \($0.range) \($0.text)" }
                    + store.mentions(of: e.id, after: (2, 9), limit: 2).map { "  after \($0.sequence) \($0.range)" }
            } + [try store.entity(keys: [("ORG", "cmre")])?.name ?? "cmre unknown"]
        }
        let before = try reading(store)
        try store.close()
        try Self.makeMentionRows(path)

        let reopened = try DocumentStore(path: path)
        #expect(try reading(reopened) == before)
        #expect(before.contains("  after 2 55..<59") && before.contains("  BAOTOU 2"), "the reading covers resumes and spellings")
        // Aliases still go with the last document whose mentions registered them.
        for n in [2, 4, 6] { #expect(try reopened.delete(id: "d\(n)")) }
        #expect(try reopened.entity(keys: [("ORG", "cmre")]) == nil)
        try reopened.close()
    }

    /// Turns the store at `path` back into the layout before the blobs: a `mention` row per
    /// mention, as that release wrote them.
    private static func makeMentionRows(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: EntityTables.mentionRowsSchema)
            for row in try Row.fetchAll(db, sql: "SELECT doc, data FROM document_mention") {
                for m in try MentionRecords.decode(row[1]) {
                    try db.execute(sql: "INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   arguments: [row[0] as Int64, m.entity, m.range.lowerBound, m.range.upperBound, m.text, m.value, m.alias])
                }
            }
            try db.execute(sql: """
                DROP TABLE document_mention; DROP TABLE entity_alias;
                DELETE FROM grdb_migrations WHERE identifier = 'v5-mention-records';
                """)
        }
        try queue.close()
    }
}
