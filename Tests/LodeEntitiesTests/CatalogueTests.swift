import Foundation
import GRDB
@testable import LodeCorpus
@testable import LodeEntities
import LodeText
import Testing

private func seed(_ name: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return Array(try Data(contentsOf: root.appendingPathComponent("../shared/data/seeds/\(name)").standardized))
}

/// The annotator on the seeds, and the catalogue tables kept exact by the real ingestor
/// through inserts, replacements, deletes and a re-read.
@Suite struct CatalogueTests {
    let annotator: EntityAnnotator

    init() throws { annotator = EntityAnnotator(extractor: try EntityExtractor.bundled()) }

    @Test func shortNamesAcronymsAndPlaceWordsJoinTheirEntity() throws {
        let xinhua = annotator.annotate(PageCleaner.clean(String(decoding: try seed("003_eb09d43d86d3f17b.txt"), as: UTF8.self)))
        func names(_ text: String, _ found: DocumentEntities) -> Set<String> { Set(found.mentions.filter { $0.text == text }.map(\.name)) }
        #expect(names("Zhang", xinhua) == ["Zhang Zhong"])
        #expect(names("Baotou City", xinhua) == ["Baotou"] && names("Inner Mongolia Autonomous Region", xinhua) == ["Inner Mongolia"])
        #expect(!xinhua.mentions.contains { $0.name == "Xinhua" }, "the credited outlet is the source, not a name the article mentions")
        #expect(xinhua.mentions.contains { $0.kind == "DATE" && $0.name == "2016-08-10" && $0.text == "Wednesday" })
        #expect(xinhua.roles.contains { $0.personKey == "zhang zhong" && $0.role == "chairman" })
        #expect(xinhua.model == annotator.extractor.version && xinhua.model.hasPrefix("ner-"))

        let globalTimes = annotator.annotate(PageCleaner.clean(String(decoding: try seed("000_ca0d623b566459ca.txt"), as: UTF8.self)))
        let cae = globalTimes.mentions.filter { $0.text == "CAE" }
        #expect(!cae.isEmpty && cae.allSatisfy { $0.name == "Chinese Academy of Engineering" && $0.alias == "cae" })
        let area = annotator.annotate(PageCleaner.cleanText(
            "Officials in the Lanzhou New Area said on Tuesday that output rose by a tenth.\n\nLanzhou has become a hub for metal makers, the officials said."))
        #expect(names("Lanzhou", area) == ["Lanzhou New Area"], "a place named by its first words joins the one longer name of the page")
        #expect(!globalTimes.mentions.contains { $0.kind == "DATE" && $0.text == "Wednesday" }, "an undated page's weekday is left out")
        #expect(globalTimes.mentions.contains { $0.name == "Baiyunebo" }, "captions are read")
        let text = Array(PageCleaner.clean(String(decoding: try seed("000_ca0d623b566459ca.txt"), as: UTF8.self)).entityText.utf8)
        for m in globalTimes.mentions { #expect(String(decoding: text[m.range], as: UTF8.self) == m.text) }
    }

    @Test func namesFoldAndSuggest() {
        #expect(EntityNames.key("The Hebei Province", kind: "LOC") == "hebei")
        #expect(EntityNames.key("Zürich  City", kind: "LOC") == "zurich")
        #expect(EntityNames.key("China Northern Rare Earth (Group) Hi-Tech Co. Ltd.", kind: "ORG") == "china northern rare earth (group) hi-tech co ltd")
        #expect(EntityNames.lookupKeys(for: "14 billion yuan", kinds: ["MONEY"]).map(\.key).contains("14000000000 CNY"))
        let names = [("LOC", "Baotou", 5), ("LOC", "Beijing", 9), ("PER", "Gong Xiaofeng", 1), ("PER", "Zhang Zhong", 2)]
            .map { (name: $0.1, key: EntityNames.key($0.1, kind: $0.0), documents: $0.2) }
        #expect(EntityNames.suggestions(for: "Baotuo", among: names).first == "Baotou")
        #expect(EntityNames.suggestions(for: "zhang", among: names) == ["Zhang Zhong"])
        #expect(EntityNames.suggestions(for: "Xylophone", among: names).isEmpty)
    }

    /// Keys and display names of ASCII names are made from bytes: they must be what the
    /// character-by-character folding makes, for any mix of cases, spaces, stops and place words.
    @Test func namesFromBytesFoldAsCharactersDo() {
        var random = SeededRandom(seed: 11)
        let pieces = ["The ", "the ", "THE", "Baotou", "inner", "MONGOLIA", " ", "  ", "\t", "\n", ".", ",", "Co.", "U.S.", "'s", "(Group)",
                      " City", " province", " Autonomous Region", " county", "Hi-Tech", "3.5", "&", "Z", "Zürich", "\r\n", "\u{1F}", "é"]
        for _ in 0..<5_000 {
            let name = (0..<(1 + random.next(below: 6))).map { _ in pieces[random.next(below: pieces.count)] }.joined()
            for kind in ["LOC", "ORG", "DATE"] {
                let shown = EntityNames.displayName(name, kind: kind)
                let byCharacters = Self.displayNameByCharacters(name, kind: kind)
                #expect(shown == byCharacters, "display name of \(name.debugDescription)")
                if let ascii = EntityNames.asciiKey(shown) { #expect(ascii == EntityNames.folded(shown), "key of \(shown.debugDescription)") }
            }
        }
        #expect(EntityNames.asciiKey("Zürich") == nil && EntityNames.asciiKey("a\u{1F}b") == nil)
    }

    /// ``EntityNames/displayName(_:kind:)`` as it was before its byte paths.
    private static func displayNameByCharacters(_ text: String, kind: String) -> String {
        var name = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? text.trimmingCharacters(in: .whitespaces) : text
        if kind != "DATE", name.utf8.count > 4, name.prefix(4).lowercased() == "the " { name = String(name.dropFirst(4)) }
        guard kind == "LOC" else { return name }
        let lowered = name.lowercased()
        for word in EntityNames.placeWords where lowered.hasSuffix(word) && lowered.count > word.count {
            return String(name.dropLast(word.count))
        }
        return name
    }

    @Test func countsStayExactThroughInsertsReplacementsAndDeletes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-catalogue-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lode.sqlite").path
        let ingestor = try CorpusIngestor(store: DocumentStore(path: path), annotator: annotator.annotate)
        var random = SeededRandom(seed: 7)
        var live: Set<Int> = []
        for step in 0..<60 {
            let n = random.next(below: 12)
            if random.next(below: 4) == 0, live.contains(n) {
                _ = try await ingestor.delete(id: try #require(try ingestor.store.list(DocumentFilter(), limit: 100, after: nil).0
                    .first { $0.url == "https://example.com/\(n)" }?.id))
                live.remove(n)
            } else {
                _ = try await ingestor.ingest([Self.page(n, version: step, random: &random)])
                live.insert(n)
            }
            try Self.checkCounts(path)
        }
        // A new model reads everything again and finds the same.
        let before = try ingestor.store.entities(kinds: [], prefix: "", order: .name, limit: 10_000, offset: 0).entities
        #expect(before.count > 10)
        let other = EntityAnnotator(extractor: EntityExtractor(model: annotator.extractor.tagger.model, version: "other",
                                                                    names: annotator.extractor.names))
        let read = try await CatalogRefresh.run(store: ingestor.store, annotator: other, batchSize: 3)
        #expect(read == live.count)
        try Self.checkCounts(path)
        let after = try ingestor.store.entities(kinds: [], prefix: "", order: .name, limit: 10_000, offset: 0).entities
        #expect(after.map { [$0.kind, $0.name, "\($0.documents)", "\($0.mentions)", $0.firstSeen ?? "", $0.lastSeen ?? ""] }
            == before.map { [$0.kind, $0.name, "\($0.documents)", "\($0.mentions)", $0.firstSeen ?? "", $0.lastSeen ?? ""] })
        #expect(try await CatalogRefresh.run(store: ingestor.store, annotator: other) == 0, "nothing left to read")
        try ingestor.store.close()
    }

    @Test func anAcronymDefinedLaterJoinsItsEarlierBareUses() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-catalogue-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lode.sqlite").path
        let ingestor = try CorpusIngestor(store: DocumentStore(path: path), annotator: annotator.annotate)
        func page(_ n: Int, _ text: String) -> RawPage {
            RawPage(name: "\(n)", content: Array(text.utf8), format: .cleanText, url: "https://example.com/cmre/\(n)",
                    hints: PageHints(headline: "Rare earths", date: PublicationDate(year: 2020, month: n, day: 1)))
        }
        _ = try await ingestor.ingest([page(1, "CMRE said output rose 5 percent in Ganzhou."),
                                       page(2, "Shares of CMRE fell on Monday, CMRE said.")])
        _ = try await ingestor.ingest([page(3, "CMRE reported. China Minmetals Rare Earth Group (CMRE) opened a plant, and CMRE hired.")])
        let found = try #require(try ingestor.store.entity(named: "CMRE", kinds: ["ORG"]))
        #expect(found.name == "China Minmetals Rare Earth Group" && found.documents == 3, "\(found)")
        #expect(found.firstSeen == "2020-01-01" && found.lastSeen == "2020-03-01")
        #expect(try ingestor.store.entityNames(kinds: ["ORG"]).filter { $0.key == "cmre" }.isEmpty, "the bare entity is gone")
        try Self.checkCounts(path)
        try ingestor.store.close()
    }

    @Test func theBestWrittenSpellingNamesAnEntity() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-catalogue-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ingestor = try CorpusIngestor(store: DocumentStore(path: folder.appendingPathComponent("lode.sqlite").path),
                                          annotator: annotator.annotate)
        _ = try await ingestor.ingest([RawPage(name: "a", content: Array("Output at Baotou rose, said Zhang Zhong.".utf8), format: .cleanText,
                                               hints: PageHints(headline: "ZHANG ZHONG SEES OUTPUT RISE"))])
        _ = try await ingestor.ingest([RawPage(name: "b", content: Array("Zhang Zhong visited Baotou on Monday.".utf8), format: .cleanText,
                                               hints: PageHints(headline: "A visit"))])
        let people = try ingestor.store.entities(kinds: ["PER"], prefix: "", order: .name, limit: 10, offset: 0).entities
        #expect(people.map(\.name) == ["Zhang Zhong"], "\(people)")
        #expect(people.first?.documents == 2)
        try ingestor.store.close()
    }

    /// A wire story of our own at https://example.com/N: people, a company, a place and a date
    /// drawn at random, so versions of a page differ.
    private static func page(_ n: Int, version: Int, random: inout SeededRandom) -> RawPage {
        let people = ["Liu Yang", "Chen Jie", "Maria Gonzalez", "Peter Novak", "Wang Fang"]
        let companies = ["Baotou Steel Group", "Lynas Corp", "Shenghe Resources Holding Co. Ltd.", "MP Materials",
                         "China Minmetals Rare Earth Group (CMRE)", "Australian Strategic Materials Corporation (ASM)"]
        let places = ["Ganzhou", "Jiangxi Province", "Sichuan", "Malaysia", "California", "Inner Mongolia"]
        func pick(_ list: [String]) -> String { list[random.next(below: list.count)] }
        let person = pick(people), other = pick(people), company = pick(companies), place = pick(places)
        let text = """
            \(person), chairman of \(company), said on Monday that output in \(place) rose \(random.next(below: 40) + 1) percent.
            "Demand is strong," \(person.split(separator: " ").last!) said. \(other) of \(company) visited \(place) in May.
            \(random.next(below: 2) == 0 ? "CMRE" : "ASM") shares rose.
            """
        let date = PublicationDate(year: 2016 + random.next(below: 4), month: 1 + random.next(below: 12), day: 1 + random.next(below: 28))
        return RawPage(name: "story-\(n)-\(version)", content: Array(text.utf8), format: .cleanText, url: "https://example.com/\(n)",
                       hints: PageHints(headline: "Rare earth output, report \(version)", source: "Example Wire", date: date))
    }

    /// Every stored count equals what the catalogue's rows add up to.
    private static func checkCounts(_ path: String) throws {
        var config = Configuration()
        config.readonly = true
        let db = try DatabaseQueue(path: path, configuration: config)
        try db.read { db in
            let wrong = try Row.fetchAll(db, sql: """
                SELECT e.name FROM entity e LEFT JOIN (
                    SELECT entity, count(*) AS docs, sum(mentions) AS n, min(date) AS first, max(date) AS last
                    FROM entity_document GROUP BY entity) a ON a.entity = e.id
                WHERE e.documents != coalesce(a.docs, 0) OR e.mentions != coalesce(a.n, 0)
                   OR e.first_seen IS NOT a.first OR e.last_seen IS NOT a.last OR e.documents = 0
                """)
            #expect(wrong.isEmpty, "entities whose counts drifted: \(wrong)")
            // Each document's mentions, as stored, against its entity_document counts and aliases.
            var held: [Int64: [MentionRecords.Mention]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT doc, data FROM document_mention") {
                held[row[0]] = try MentionRecords.decode(row[1])
            }
            for row in try Row.fetchAll(db, sql: "SELECT entity, doc, mentions FROM entity_document") {
                let (entity, doc): (Int64, Int64) = (row[0], row[1])
                #expect(held[doc, default: []].count { $0.entity == entity } == row[2] as Int, "entity \(entity) in document \(doc)")
            }
            #expect(held.values.joined().allSatisfy { m in try! Int.fetchOne(db, sql: "SELECT count(*) FROM entity WHERE id = ?",
                                                                              arguments: [m.entity]) == 1 })
            for row in try Row.fetchAll(db, sql: "SELECT entity, alias, doc FROM entity_alias") {
                let (entity, alias, doc): (Int64, String, Int64) = (row[0], row[1], row[2])
                #expect(held[doc, default: []].contains { $0.entity == entity && $0.alias == alias }, "alias \(alias) of \(entity)")
            }
            let orphans = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM document_mention WHERE doc NOT IN (SELECT seq FROM document))
                     + (SELECT count(*) FROM entity_alias WHERE doc NOT IN (SELECT seq FROM document))
                     + (SELECT count(*) FROM entity_document WHERE doc NOT IN (SELECT seq FROM document))
                     + (SELECT count(*) FROM quote WHERE doc NOT IN (SELECT seq FROM document))
                     + (SELECT count(*) FROM role WHERE doc NOT IN (SELECT seq FROM document))
                """)
            #expect(orphans == 0)
            let staleAliases = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM entity_name n JOIN entity e ON e.id = n.entity
                WHERE n.key != e.key AND NOT EXISTS (SELECT 1 FROM entity_alias a WHERE a.entity = n.entity AND a.alias = n.key)
                """)
            #expect(staleAliases == 0, "every alias is held by a mention that defined it")
        }
        try db.close()
    }
}
