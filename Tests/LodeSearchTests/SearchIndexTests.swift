import Foundation
import LodeCorpus
import LodeSearch
import LodeText
import Testing

private func document(_ id: String, version: Int64 = 1, headline: String = "", source: String = "Test Wire",
                      date: String? = nil, _ paragraphs: String...) -> SearchDocument {
    SearchDocument(id: id, version: version, headline: headline, source: source,
                   date: date.flatMap { DateFinder.firstDate(in: $0)?.date }, paragraphs: paragraphs)
}

private func ids(_ index: SearchIndex, _ query: String, _ options: SearchOptions = SearchOptions()) throws -> [String] {
    try index.search(query, options: options).hits.map(\.id)
}

@Suite struct SearchIndexTests {
    let index: SearchIndex

    init() throws {
        index = SearchIndex()
        index.add(try Corpora.seeds() + [
            document("adjacent", headline: "Magnet makers meet", date: "2019-05-02", "Rare earth prices rose in May."),
            document("apart", headline: "Steel output", date: "2015-03-01", "Earth moving is rare in the steel trade."),
            document("hyphen", headline: "Exports", source: "Daily Ledger", date: "2017-07-07", "The rare-earth exports fell sharply."),
            document("alliances", headline: "Industry groups", date: "2018-01-09", "Three alliances formed among producers."),
        ])
    }

    @Test func phraseQueryMatchesOnlyAdjacentWords() throws {
        let hits = try ids(index, "\"rare earth\"")
        #expect(hits.contains("adjacent"))
        #expect(hits.contains("hyphen"))
        #expect(!hits.contains("apart"))
        #expect(try Set(ids(index, "rare earth")).isSuperset(of: ["adjacent", "apart", "hyphen"]))
    }

    @Test func stemmingFindsOtherFormsOfAWord() throws {
        #expect(try ids(index, "alliance").contains("alliances"))
        #expect(try ids(index, "alliances").contains("003"))
    }

    @Test func fuzzyWordToleratesATransposition() throws {
        #expect(try ids(index, "Baotou").contains("003"))
        #expect(try ids(index, "Baotuo").isEmpty)
        #expect(try ids(index, "Baotuo~").contains("003"))
        #expect(try ids(index, "Bautuo~2").contains("003"))
    }

    @Test func prefixExpandsToWordsAsWritten() throws {
        #expect(try ids(index, "allian*").contains("alliances"))
        #expect(try ids(index, "magnet*").contains("adjacent"))
    }

    @Test func exclusionsFieldsAndDatesNarrowResults() throws {
        #expect(try !ids(index, "rare -steel").contains("apart"))
        #expect(try ids(index, "headline:steel") == ["apart"])
        #expect(try ids(index, "rare date:2016..2017").sorted() == ["003", "hyphen"])
        #expect(try ids(index, "rare date:..2015-12-31") == ["apart"])
        #expect(try ids(index, "source:xinhua rare") == ["003"])
        var options = SearchOptions()
        options.sources = ["daily ledger"]
        #expect(try ids(index, "rare", options) == ["hyphen"])
    }

    @Test func booleanOperatorsCombine() throws {
        let either = try Set(ids(index, "alliances OR magnet"))
        #expect(either == ["alliances", "adjacent", "003", "000"])
        #expect(try ids(index, "(steel OR exports) AND fell") == ["hyphen"])
        #expect(try Set(ids(index, "date:2018..2019")) == ["alliances", "adjacent"])
    }

    @Test func sortsByDateAndCountsFacets() throws {
        var options = SearchOptions()
        options.sort = .newest
        options.facets = [.source, .year]
        let results = try index.search("rare", options: options)
        #expect(results.hits.map(\.id) == ["adjacent", "hyphen", "003", "apart", "000"])
        #expect(results.total == 5)
        #expect(results.facets[.source]?.first?.value == "Test Wire")
        #expect(results.facets[.year]?.first { $0.value == "2016" }?.count == 1)
    }

    @Test func newerVersionReplacesAndOlderIsIgnored() throws {
        index.add([document("adjacent", version: 2, "Gallium prices rose.")])
        #expect(try ids(index, "gallium") == ["adjacent"])
        #expect(try !ids(index, "\"rare earth\"").contains("adjacent"))
        index.add([document("adjacent", version: 1, "Germanium prices rose.")])
        #expect(try ids(index, "germanium").isEmpty)
        #expect(index.remove(ids: ["adjacent", "nonexistent"]) == 1)
        #expect(try ids(index, "gallium").isEmpty)
    }

    @Test func badQueriesSayWhereAndWhy() {
        #expect(throws: QueryError.self) { try index.search("\"rare earth") }
        #expect(throws: QueryError(message: "&& has no letters or digits to search for", position: 5)) { try index.search("rare &&") }
        // The word the index refused, not the first place its text appears.
        #expect(throws: QueryError(message: "rare-earth must be one word to expand with * or ~", position: 11)) {
            try index.search("rare-earth rare-earth*")
        }
        #expect(throws: QueryError(message: "the phrase \"&& ##\" has no letters or digits", position: 5)) {
            try index.search(#"rare "&& ##""#)
        }
        #expect(throws: QueryError.self) { try index.search("-steel") }
        #expect(throws: QueryError.self) { try index.search("date:2019..2016 rare") }
    }

    @Test func explainShowsTheScoreParts() throws {
        let top = try index.search("rare earth alliance").hits[0]
        let explanation = try #require(try index.explain("rare earth alliance", id: top.id))
        #expect(abs(explanation.score - top.score) < 1e-4)
        #expect(explanation.lines.contains { $0.description.hasPrefix("term allianc") })
        #expect(try index.explain("rare", id: "missing") == nil)
    }

    @Test func suggestionsCompleteAndCorrect() {
        #expect(index.completions(of: "Bao", limit: 5).map(\.word) == ["baotou"])
        #expect(index.correction(of: "Baotuo alliance") == "baotou alliance")
        #expect(index.correction(of: "rare earth") == nil)
        // Words are corrected where they stand, whatever surrounds them; phrases, prefixes,
        // names and queries that do not parse are left as typed.
        #expect(index.correction(of: "(Baotuo OR  rare) headline:allaince") == "(baotou OR  rare) headline:alliance")
        #expect(index.correction(of: #""Baotuo alliance" Baotuo*"#) == nil)
        #expect(index.correction(of: "person:Baotuo") == nil)
        #expect(index.correction(of: "(Baotuo") == nil)
    }
}

/// An index saved and loaded again reads its postings, block summaries and document lists
/// where they lie in the mapped file; what changes them copies them first.
@Suite struct SnapshotTests {
    private static let queries = ["oil", "rare earth", "\"crude oil\"", "prices OR tonnes", "headline:coffee", "bank -rates",
                                  "export*", "wheat 1987-03-01..1987-12-31", "cocoa~1"]

    private static func answers(_ index: SearchIndex) throws -> [[String]] {
        var options = SearchOptions()
        options.limit = 20
        return try queries.map { q in try index.search(q, options: options).hits.map { "\($0.id) \($0.score)" } }
    }

    /// `headline:` reads each term's headline postings: exactly the documents whose headline
    /// holds the word, before and after a save and a load, and after changes.
    @Test func headlineQueriesFindTheDocumentsWhoseHeadlineHoldsTheWord() throws {
        let articles = Array(Corpora.reuters.prefix(2_000).map(\.document))
        let index = SearchIndex()
        index.add(Array(articles.prefix(1_500)))
        let analyzer = Analyzer()
        func check(_ index: SearchIndex, _ held: [SearchDocument]) throws {
            var options = SearchOptions()
            options.limit = 2_000
            for word in ["oil", "bank", "rates", "coffee", "profit", "trade", "gold", "says"] {
                let term = analyzer.terms(word).map(\.text)
                let expected = Set(held.filter { d in analyzer.terms(d.headline).contains { term.contains($0.text) } }.map(\.id))
                let found = try index.search("headline:\(word)", options: options).hits.map(\.id)
                #expect(Set(found) == expected && found.count == expected.count, "headline:\(word)")
            }
        }
        try check(index, Array(articles.prefix(1_500)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-headline-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try index.save(to: folder.appendingPathComponent("index.search").path)
        let loaded = try SearchIndex.load(from: folder.appendingPathComponent("index.search").path)
        try check(loaded, Array(articles.prefix(1_500)))
        loaded.add(Array(articles.dropFirst(1_500)))
        let gone = Set(articles.prefix(300).map(\.id))
        loaded.remove(ids: Array(gone))
        try check(loaded, articles.filter { !gone.contains($0.id) })
    }

    @Test func anIndexLoadedFromItsSnapshotAndChangedRanksAsOneBuiltAtOnce() throws {
        let articles = Corpora.reuters.prefix(3_000).map(\.document)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-snapshot-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("index.search").path

        let first = SearchIndex()
        first.add(Array(articles.prefix(2_000)))
        try first.save(to: path)
        let loaded = try SearchIndex.load(from: path)
        #expect(try Self.answers(loaded) == Self.answers(first))

        // Appends to lists read in place, replaces and deletes documents held in the file.
        var replaced = articles[5]
        replaced.version += 10_000
        replaced.paragraphs = ["Crude oil and rare earth prices rose, traders said."]
        let changes = Array(articles.dropFirst(2_000)) + [replaced]
        loaded.add(changes)
        let gone = articles.prefix(2_000).enumerated().filter { $0.offset % 13 == 0 }.map(\.element.id)
        loaded.remove(ids: gone)

        let atOnce = SearchIndex()
        atOnce.add(articles.filter { !gone.contains($0.id) && $0.id != replaced.id } + [replaced])
        #expect(try Self.answers(loaded) == Self.answers(atOnce))
        #expect(loaded.statistics.documents == atOnce.statistics.documents)

        // Saved again from lists partly in the old file, partly copied: the same once more.
        try loaded.save(to: path)
        #expect(try Self.answers(SearchIndex.load(from: path)) == Self.answers(atOnce))
    }
}
