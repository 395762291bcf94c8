import Foundation
import GRDB
import LodeCorpus
import Testing

/// A bare surname in the catalogue joins the person it means across the corpus, when one
/// stands out: written through a real store, with findings laid out by hand.
@Suite struct SurnameTests {
    private func store() throws -> (DocumentStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-surname-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try DocumentStore(path: folder.appendingPathComponent("lode.sqlite").path), folder)
    }

    private func document(_ n: Int, people: [String]) -> (StoredDocument, DocumentEntities) {
        let body = "Story \(n) about " + people.joined(separator: " and ") + "."
        let page = CleanedPage(headline: "Story \(n)", paragraphs: [body])
        let d = StoredDocument(id: "d\(n)", url: nil, name: "d\(n).txt", externalID: nil, page: page, contentHash: "h\(n)",
                               duplicateOf: nil, ingestedAt: Date(), signature: CopySignature(of: body))
        let mentions = people.map { name in
            DocumentEntities.Mention(kind: "PER", name: name, key: name.lowercased(), text: name, range: 0..<name.utf8.count)
        }
        return (d, DocumentEntities(model: "test", mentions: mentions))
    }

    /// Stores documents `numbers`, one at a time, each naming `people`.
    private func insert(_ numbers: ClosedRange<Int>, people: [String], into store: DocumentStore) throws {
        for n in numbers {
            let (d, e) = document(n, people: people)
            try store.insert([d], entities: [e])
        }
    }

    private func people(_ store: DocumentStore) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try store.entities(kinds: ["PER"], prefix: "", order: .name, limit: 100, offset: 0)
            .entities.map { ($0.name, $0.documents) })
    }

    @Test func aBareSurnameJoinsThePersonItMeans() throws {
        let (store, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        try insert(1...4, people: ["Tony Blair"], into: store)
        try insert(5...5, people: ["Blair"], into: store)
        #expect(try people(store) == ["Tony Blair": 5])
        #expect(try store.delete(id: "d5"))
        #expect(try people(store) == ["Tony Blair": 4], "counts stay exact")
    }

    @Test func aStoreFromBeforeTheSurnamesLearnsThemWhenOpened() throws {
        let (first, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        try insert(1...3, people: ["Tony Blair"], into: first)
        try first.close()
        // The store as the release before this table left it.
        let path = folder.appendingPathComponent("lode.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE person_surname")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-surnames'")
        }
        try queue.close()
        let reopened = try DocumentStore(path: path)
        try insert(4...4, people: ["Blair"], into: reopened)
        #expect(try people(reopened) == ["Tony Blair": 4])
    }

    @Test func aSurnameSeveralPeopleShareStaysApart() throws {
        let (store, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        try insert(1...3, people: ["Gordon Brown", "Nick Brown"], into: store)
        try insert(4...4, people: ["Brown"], into: store)
        #expect(try people(store) == ["Gordon Brown": 3, "Nick Brown": 3, "Brown": 1])
    }
}
